// SPDX-License-Identifier: GPL-2.0-or-later
// HTTP/1.x: the request or status line and the header lines of a segment that starts one
// (no reassembly across segments). Registered in the tcp.port table for 80, 8080 and 8000.
#include "protocols.h"

#include <cctype>

namespace tcpscope::proto {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct HttpFields {
    FieldId http, request, response, reqMethod, reqUri, reqVersion, respVersion, respCode,
        respPhrase, reqLine, respLine, host, userAgent, contentType, contentLength, server,
        connection;
};
HttpFields hf;
const FieldDef kFields[] = {
    {.handle = &hf.http,
     .abbrev = "http",
     .name = "Hypertext Transfer Protocol",
     .shortName = "HTTP",
     .type = FieldType::Protocol,
     .explanation =
         "HTTP/1.x: a text request line (method, path, version) or status line (version, code, "
         "reason), header lines, an empty line, then the body."},
    {.handle = &hf.request,
     .abbrev = "http.request",
     .name = "Request",
     .type = FieldType::Bool,
     .explanation = "This is an HTTP request."},
    {.handle = &hf.response,
     .abbrev = "http.response",
     .name = "Response",
     .type = FieldType::Bool,
     .explanation = "This is an HTTP response."},
    {.handle = &hf.reqMethod,
     .abbrev = "http.request.method",
     .name = "Request Method",
     .type = FieldType::String,
     .explanation = "What the client wants done: GET, POST, HEAD, PUT, DELETE..."},
    {.handle = &hf.reqUri,
     .abbrev = "http.request.uri",
     .name = "Request URI",
     .type = FieldType::String,
     .explanation = "The path (and query) of the resource."},
    {.handle = &hf.reqVersion,
     .abbrev = "http.request.version",
     .name = "Request Version",
     .type = FieldType::String,
     .explanation = "HTTP version of the request."},
    {.handle = &hf.respVersion,
     .abbrev = "http.response.version",
     .name = "Response Version",
     .type = FieldType::String,
     .explanation = "HTTP version of the response."},
    {.handle = &hf.respCode,
     .abbrev = "http.response.code",
     .name = "Status Code",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Three-digit result: 2xx success, 3xx redirect, 4xx client error, 5xx server error."},
    {.handle = &hf.respPhrase,
     .abbrev = "http.response.phrase",
     .name = "Response Phrase",
     .type = FieldType::String,
     .explanation = "The human-readable reason text after the code."},
    {.handle = &hf.reqLine,
     .abbrev = "http.request.line",
     .name = "Request line",
     .type = FieldType::String,
     .explanation = "One header line of the request."},
    {.handle = &hf.respLine,
     .abbrev = "http.response.line",
     .name = "Response line",
     .type = FieldType::String,
     .explanation = "One header line of the response."},
    {.handle = &hf.host,
     .abbrev = "http.host",
     .name = "Host",
     .type = FieldType::String,
     .explanation = "Which site the request is for (several can share one IP address)."},
    {.handle = &hf.userAgent,
     .abbrev = "http.user_agent",
     .name = "User-Agent",
     .type = FieldType::String,
     .explanation = "The client software."},
    {.handle = &hf.contentType,
     .abbrev = "http.content_type",
     .name = "Content-Type",
     .type = FieldType::String,
     .explanation = "Media type of the body."},
    {.handle = &hf.contentLength,
     .abbrev = "http.content_length_header",
     .name = "Content-Length",
     .type = FieldType::String,
     .explanation = "Body length in bytes."},
    {.handle = &hf.server,
     .abbrev = "http.server",
     .name = "Server",
     .type = FieldType::String,
     .explanation = "The server software."},
    {.handle = &hf.connection,
     .abbrev = "http.connection",
     .name = "Connection",
     .type = FieldType::String,
     .explanation = "keep-alive or close: whether the TCP connection is reused."},
};

constexpr std::string_view kMethods[] = {"GET ",     "POST ",  "HEAD ",    "PUT ",  "DELETE ",
                                         "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "};

bool startsWith(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// Whether a header's name is this one, in any case ("Content-Length", "content-length").
bool nameIs(std::string_view name, std::string_view lowerCase) {
    if (name.size() != lowerCase.size()) return false;
    for (size_t i = 0; i < name.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(name[i])) != lowerCase[i]) return false;
    return true;
}

// The request line (method, URI, version) or status line (version, code, phrase).
void dissectFirstLine(DissectContext& ctx, int32_t root, bool request, std::string_view line,
                      uint32_t lineOff, uint32_t lineLen) {
    int32_t n = ctx.add(root, request ? hf.request : hf.response, lineOff, lineLen, uint64_t(1),
                        ctx.text([&] { return Shown::title(std::string(line) + "\\r\\n"); }));
    ctx.setShown(root, ctx.text([&] {
        return Shown::title("Hypertext Transfer Protocol, " + std::string(line));
    }));
    const size_t s1 = line.find(' ');
    if (s1 == std::string_view::npos) return;
    const size_t s2 = line.find(' ', s1 + 1);
    const std::string_view a = line.substr(0, s1);
    const std::string_view m =
        s2 == std::string_view::npos ? line.substr(s1 + 1) : line.substr(s1 + 1, s2 - s1 - 1);
    const std::string_view c =
        s2 == std::string_view::npos ? std::string_view{} : line.substr(s2 + 1);
    const uint32_t mOff = lineOff + uint32_t(s1 + 1), cOff = lineOff + uint32_t(s2 + 1);
    if (request) {
        ctx.add(n, hf.reqMethod, lineOff, uint32_t(a.size()), a);
        ctx.add(n, hf.reqUri, mOff, uint32_t(m.size()), m);
        if (!c.empty()) ctx.add(n, hf.reqVersion, cOff, uint32_t(c.size()), c);
        return;
    }
    ctx.add(n, hf.respVersion, lineOff, uint32_t(a.size()), a);
    uint64_t code = 0;
    for (char ch : m)
        code = std::isdigit(static_cast<unsigned char>(ch)) ? code * 10 + uint64_t(ch - '0') : code;
    ctx.add(n, hf.respCode, mOff, uint32_t(m.size()), code);
    if (!c.empty()) ctx.add(n, hf.respPhrase, cOff, uint32_t(c.size()), c);
}

// A header line, with its own field for the headers Wireshark has one for. Its value is the
// line with its CRLF, as Wireshark's (also where the segment cuts the line short).
void dissectHeaderLine(DissectContext& ctx, int32_t root, bool request, std::string_view line,
                       uint32_t lineOff, uint32_t lineLen) {
    const FieldId lineField = request ? hf.reqLine : hf.respLine;
    int32_t n = -1;
    if (ctx.wants(lineField)) {
        thread_local std::string withCrlf; // its buffer serves every packet of the thread
        withCrlf.assign(line);
        withCrlf += "\r\n";
        n = ctx.add(root, lineField, lineOff, lineLen, std::string_view(withCrlf),
                    ctx.text([&] { return Shown::title(std::string(line) + "\\r\\n"); }));
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    const std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    const FieldId f = nameIs(name, "host")             ? hf.host
                      : nameIs(name, "user-agent")     ? hf.userAgent
                      : nameIs(name, "content-type")   ? hf.contentType
                      : nameIs(name, "content-length") ? hf.contentLength
                      : nameIs(name, "server")         ? hf.server
                      : nameIs(name, "connection")     ? hf.connection
                                                       : kNoField;
    if (f != kNoField) ctx.add(n, f, lineOff, lineLen, value);
}

uint32_t dissectHttp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    auto b = ctx.bytes.bytes(offset, length);
    std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
    // Every method and "HTTP/1." start with a capital letter: most body segments stop here.
    if (text.empty() || text[0] < 'A' || text[0] > 'Z') return 0;
    bool request = false, response = startsWith(text, "HTTP/1.");
    for (std::string_view m : kMethods) request = request || startsWith(text, m);
    if (!request && !response) return 0; // continuation of a body: not ours to label
    ctx.setProtocol(hf.http);
    if (ctx.columns) {
        const size_t eol = text.find("\r\n");
        ctx.columns->info.assign(text.substr(0, eol == std::string_view::npos ? text.size() : eol));
    }
    if (!ctx.wantsAny(kFields)) return uint32_t(b.size());
    int32_t root = ctx.add(-1, hf.http, offset, uint32_t(b.size()), std::monostate{});
    for (size_t p = 0; p < text.size();) {
        const size_t eol = text.find("\r\n", p);
        const bool complete = eol != std::string_view::npos;
        const size_t end = complete ? eol : text.size();
        const std::string_view line = text.substr(p, end - p);
        const uint32_t lineOff = offset + uint32_t(p),
                       lineLen = uint32_t(end - p + (complete ? 2 : 0));
        if (line.empty()) break; // end of headers
        if (p == 0)
            dissectFirstLine(ctx, root, request, line, lineOff, lineLen);
        else
            dissectHeaderLine(ctx, root, request, line, lineOff, lineLen);
        if (!complete) {
            ctx.note(root, Severity::Note, "http.partial", noteText("http.partial"));
            break;
        }
        p = eol + 2;
    }
    return uint32_t(b.size());
}

} // namespace

void registerHttp() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance().tcpPort;
    for (uint32_t port : {80u, 8000u, 8080u}) t.add(port, dissectHttp);
}

} // namespace tcpscope::proto
