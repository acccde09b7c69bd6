// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump's HTTP text printer (print-http.c through txtproto_print in util-print.c) for the
// payload of port 80/8080 segments: ": HTTP", and the first line of a request or response (all
// its lines with -v).
#include "tcpdump_format_internal.h"

#include <cctype>
#include <strings.h>

namespace tcpscope::tcpdump {
namespace {

// tcpdump's fetch_token: the next token of at most `max` bytes, skipping leading blanks; the
// index after it (0 when there is none).
size_t fetchToken(std::span<const uint8_t> p, size_t idx, std::string& token) {
    token.clear();
    while (idx < p.size() && (p[idx] == ' ' || p[idx] == '\t')) ++idx; // leading white space
    for (; idx < p.size(); ++idx) {
        uint8_t c = p[idx];
        if (c < 0x20 || c > 0x7e) return 0; // not printable ASCII: no token
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
        if (token.size() >= 128) return 0;
        token += char(c);
    }
    if (token.empty()) return 0;
    while (idx < p.size() && (p[idx] == ' ' || p[idx] == '\t')) ++idx;
    return idx;
}

// tcpdump's print_txt_line: the line from idx, if it is printable text; the index after it, or 0.
size_t printTxtLine(std::string& out, const char* prefix, std::span<const uint8_t> p, size_t idx) {
    size_t start = idx;
    for (; idx < p.size(); ++idx) {
        uint8_t c = p[idx];
        if (c == '\n') {
            out += prefix;
            out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
            return idx + 1;
        }
        if (c == '\r') {
            if (idx + 1 >= p.size()) break;
            if (p[idx + 1] == '\n') {
                out += prefix;
                out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
                return idx + 2;
            }
            return 0;
        }
        if ((c < 0x20 || c > 0x7e) && c != '\t') return 0;
    }
    // Printable to the end without a line ending: tcpdump prints it as truncated.
    out += prefix;
    out.append(reinterpret_cast<const char*>(p.data() + start), idx - start);
    out += " [|http]";
    return 0;
}

} // namespace

void printHttpText(std::string& out, std::span<const uint8_t> payload, bool verbose) {
    static const char* const kCommands[] = {"OPTIONS",
                                            "GET",
                                            "HEAD",
                                            "POST",
                                            "PUT",
                                            "DELETE",
                                            "TRACE",
                                            "CONNECT",
                                            "PROPFIND",
                                            "PROPPATCH",
                                            "MKCOL",
                                            "COPY",
                                            "MOVE",
                                            "LOCK",
                                            "UNLOCK",
                                            "VERSION-CONTROL",
                                            "REPORT",
                                            "CHECKOUT",
                                            "CHECKIN",
                                            "UNCHECKOUT",
                                            "MKWORKSPACE",
                                            "UPDATE",
                                            "LABEL",
                                            "MERGE",
                                            "BASELINE-CONTROL",
                                            "MKACTIVITY",
                                            "ORDERPATCH",
                                            "ACL",
                                            "PATCH",
                                            "SEARCH",
                                            "BIND",
                                            "UNBIND",
                                            "REBIND",
                                            "MKREDIRECTREF",
                                            "UPDATEREDIRECTREF",
                                            "MKCALENDAR",
                                            nullptr};
    // A request (known method first) or a response (3-digit code as the second token) is
    // printed; other payloads (bodies, continuations) only get the protocol name.
    bool printThis = false;
    std::string token;
    size_t idx = fetchToken(payload, 0, token);
    if (idx != 0) {
        for (const char* const* c = kCommands; *c && !printThis; ++c)
            printThis = strcasecmp(token.c_str(), *c) == 0;
        idx = fetchToken(payload, idx, token);
        if (idx != 0 && token.size() == 3 && std::isdigit(static_cast<unsigned char>(token[0])) &&
            std::isdigit(static_cast<unsigned char>(token[1])) &&
            std::isdigit(static_cast<unsigned char>(token[2])))
            printThis = true;
    }
    out += ": HTTP";
    if (!printThis) return;
    if (verbose) {
        appendf(out, ", length: %u", static_cast<unsigned>(payload.size()));
        for (size_t i = 0; i < payload.size();) {
            size_t next = printTxtLine(out, "\n\t", payload, i);
            if (next == 0) break;
            i = next;
        }
    } else {
        printTxtLine(out, ": ", payload, 0);
    }
}

} // namespace tcpscope::tcpdump
