// SPDX-License-Identifier: GPL-2.0-or-later
// HTTP/1.x: the request or status line and the header lines of a segment that starts one
// (no reassembly across segments). Registered in the tcp.port table for 80, 8080 and 8000.
#include "protocols.h"

#include <cctype>

namespace tcpscope::proto {

namespace {

enum : int {
    F_HTTP,
    F_REQUEST,
    F_RESPONSE,
    F_REQ_METHOD,
    F_REQ_URI,
    F_REQ_VERSION,
    F_RESP_VERSION,
    F_RESP_CODE,
    F_RESP_PHRASE,
    F_REQ_LINE,
    F_RESP_LINE,
    F_HOST,
    F_USER_AGENT,
    F_CONTENT_TYPE,
    F_CONTENT_LENGTH,
    F_SERVER,
    F_CONNECTION,
    F_COUNT
};
const FieldDef kFields[] = {
    {"http",
     "Hypertext Transfer Protocol",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "HTTP/1.x: a text request line (method, path, version) or status line (version, code, "
     "reason), header lines, an empty line, then the body."},
    {"http.request", "Request", FieldType::Bool, Base::None, 0, {}, "This is an HTTP request."},
    {"http.response", "Response", FieldType::Bool, Base::None, 0, {}, "This is an HTTP response."},
    {"http.request.method",
     "Request Method",
     FieldType::String,
     Base::None,
     0,
     {},
     "What the client wants done: GET, POST, HEAD, PUT, DELETE..."},
    {"http.request.uri",
     "Request URI",
     FieldType::String,
     Base::None,
     0,
     {},
     "The path (and query) of the resource."},
    {"http.request.version",
     "Request Version",
     FieldType::String,
     Base::None,
     0,
     {},
     "HTTP version of the request."},
    {"http.response.version",
     "Response Version",
     FieldType::String,
     Base::None,
     0,
     {},
     "HTTP version of the response."},
    {"http.response.code",
     "Status Code",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "Three-digit result: 2xx success, 3xx redirect, 4xx client error, 5xx server error."},
    {"http.response.phrase",
     "Response Phrase",
     FieldType::String,
     Base::None,
     0,
     {},
     "The human-readable reason text after the code."},
    {"http.request.line",
     "Request line",
     FieldType::String,
     Base::None,
     0,
     {},
     "One header line of the request."},
    {"http.response.line",
     "Response line",
     FieldType::String,
     Base::None,
     0,
     {},
     "One header line of the response."},
    {"http.host",
     "Host",
     FieldType::String,
     Base::None,
     0,
     {},
     "Which site the request is for (several can share one IP address)."},
    {"http.user_agent", "User-Agent", FieldType::String, Base::None, 0, {}, "The client software."},
    {"http.content_type",
     "Content-Type",
     FieldType::String,
     Base::None,
     0,
     {},
     "Media type of the body."},
    {"http.content_length_header",
     "Content-Length",
     FieldType::String,
     Base::None,
     0,
     {},
     "Body length in bytes."},
    {"http.server", "Server", FieldType::String, Base::None, 0, {}, "The server software."},
    {"http.connection",
     "Connection",
     FieldType::String,
     Base::None,
     0,
     {},
     "keep-alive or close: whether the TCP connection is reused."},
};
FieldId g_base = 0;
FieldId fid(int i) {
    return static_cast<FieldId>(g_base + i);
}

const char* kMethods[] = {"GET ",     "POST ",  "HEAD ",    "PUT ",  "DELETE ",
                          "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "};

bool startsWith(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

uint32_t dissectHttp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    auto b = ctx.bytes.bytes(offset, length);
    std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
    bool request = false, response = startsWith(text, "HTTP/1.");
    for (const char* m : kMethods) request = request || startsWith(text, m);
    if (!request && !response) return 0; // continuation of a body: not ours to label
    int32_t root = ctx.add(-1, fid(F_HTTP), offset, uint32_t(b.size()), std::monostate{});
    size_t p = 0;
    bool first = true;
    while (p < text.size()) {
        size_t eol = text.find("\r\n", p);
        bool complete = eol != std::string_view::npos;
        size_t end = complete ? eol : text.size();
        std::string_view line = text.substr(p, end - p);
        uint32_t lineOff = offset + uint32_t(p), lineLen = uint32_t(end - p + (complete ? 2 : 0));
        if (line.empty()) break; // end of headers
        if (first) {
            int32_t n = ctx.add(root, fid(request ? F_REQUEST : F_RESPONSE), lineOff, lineLen,
                                uint64_t(1), std::string(line) + "\\r\\n");
            size_t s1 = line.find(' '),
                   s2 = s1 == std::string_view::npos ? s1 : line.find(' ', s1 + 1);
            if (s1 != std::string_view::npos) {
                std::string_view a = line.substr(0, s1);
                std::string_view m = s2 == std::string_view::npos
                                         ? line.substr(s1 + 1)
                                         : line.substr(s1 + 1, s2 - s1 - 1);
                std::string_view c =
                    s2 == std::string_view::npos ? std::string_view{} : line.substr(s2 + 1);
                if (request) {
                    ctx.add(n, fid(F_REQ_METHOD), lineOff, uint32_t(a.size()), std::string(a));
                    ctx.add(n, fid(F_REQ_URI), lineOff + uint32_t(s1 + 1), uint32_t(m.size()),
                            std::string(m));
                    if (!c.empty())
                        ctx.add(n, fid(F_REQ_VERSION), lineOff + uint32_t(s2 + 1),
                                uint32_t(c.size()), std::string(c));
                } else {
                    ctx.add(n, fid(F_RESP_VERSION), lineOff, uint32_t(a.size()), std::string(a));
                    uint64_t code = 0;
                    for (char ch : m)
                        code = std::isdigit(static_cast<unsigned char>(ch))
                                   ? code * 10 + uint64_t(ch - '0')
                                   : code;
                    ctx.add(n, fid(F_RESP_CODE), lineOff + uint32_t(s1 + 1), uint32_t(m.size()),
                            code);
                    if (!c.empty())
                        ctx.add(n, fid(F_RESP_PHRASE), lineOff + uint32_t(s2 + 1),
                                uint32_t(c.size()), std::string(c));
                }
            }
            if (ctx.tree)
                ctx.tree->setDisplay(root, "Hypertext Transfer Protocol, " + std::string(line));
            first = false;
        } else {
            int32_t n = ctx.add(root, fid(request ? F_REQ_LINE : F_RESP_LINE), lineOff, lineLen,
                                std::string(line) + "\r\n", std::string(line) + "\\r\\n");
            size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string name = lower(line.substr(0, colon));
                std::string_view value = line.substr(colon + 1);
                while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
                int f = name == "host"             ? F_HOST
                        : name == "user-agent"     ? F_USER_AGENT
                        : name == "content-type"   ? F_CONTENT_TYPE
                        : name == "content-length" ? F_CONTENT_LENGTH
                        : name == "server"         ? F_SERVER
                        : name == "connection"     ? F_CONNECTION
                                                   : -1;
                if (f >= 0) ctx.add(n, fid(f), lineOff, lineLen, std::string(value));
            }
        }
        if (!complete) {
            ctx.note(root, Severity::Note, "http.partial",
                     "Headers continue in a later segment (no reassembly)");
            break;
        }
        p = eol + 2;
    }
    return uint32_t(b.size());
}

} // namespace

void registerHttp() {
    g_base = FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance().tcpPort;
    for (uint32_t port : {80u, 8000u, 8080u}) t.add(port, dissectHttp);
}

} // namespace tcpscope::proto
