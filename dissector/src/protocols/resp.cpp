// SPDX-License-Identifier: GPL-2.0-or-later
// RESP, the Redis serialization protocol (port 6379): `*1\r\n$4\r\nping\r\n` is an array of one
// bulk string "ping"; `+PONG\r\n` a simple string. Registered in the tcp.port table.
#include "protocols.h"

#include <algorithm>
#include <charconv>

namespace tcpscope::proto {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct RespFields {
    FieldId resp, string, error, integer, bulk, bulkLen, bulkValue, array, arrayLen;
};
RespFields hf;
const FieldDef kFields[] = {
    {.handle = &hf.resp,
     .abbrev = "resp",
     .name = "REdis Serialization Protocol",
     .shortName = "RESP",
     .type = FieldType::Protocol,
     .explanation = "RESP: how Redis clients and servers talk. Every element starts with a type "
                    "byte (+ simple "
                    "string, - error, : integer, $ bulk string, * array) and ends with CRLF."},
    {.handle = &hf.string,
     .abbrev = "resp.string",
     .name = "String",
     .type = FieldType::String,
     .explanation = "A simple string ('+'), e.g. the server's +PONG or +OK."},
    {.handle = &hf.error,
     .abbrev = "resp.error",
     .name = "Error",
     .type = FieldType::String,
     .explanation = "An error reply ('-')."},
    {.handle = &hf.integer,
     .abbrev = "resp.integer",
     .name = "Integer",
     .type = FieldType::Int32,
     .base = Base::Dec,
     .explanation = "An integer (':')."},
    {.handle = &hf.bulk,
     .abbrev = "resp.bulk_string",
     .name = "Bulk String",
     .type = FieldType::None,
     .explanation =
         "A length-prefixed binary-safe string ('$'): the length line, then the bytes, then CRLF. "
         "Commands are sent as arrays of bulk strings."},
    {.handle = &hf.bulkLen,
     .abbrev = "resp.bulk_string.length",
     .name = "Length",
     .type = FieldType::Int32,
     .base = Base::Dec,
     .explanation = "Number of bytes in the bulk string (-1: a null value)."},
    {.handle = &hf.bulkValue,
     .abbrev = "resp.bulk_string.value",
     .name = "Value",
     .type = FieldType::Bytes,
     .explanation = "The bulk string's bytes."},
    {.handle = &hf.array,
     .abbrev = "resp.array",
     .name = "Array",
     .type = FieldType::None,
     .explanation =
         "An array ('*'): a count, then that many elements. A command like PING is an array of one "
         "bulk string."},
    {.handle = &hf.arrayLen,
     .abbrev = "resp.array.length",
     .name = "Length",
     .type = FieldType::Int32,
     .base = Base::Dec,
     .explanation = "Number of elements in the array (-1: a null array)."},
};

// Finds "\r\n" from p; returns the index of '\r' or npos.
size_t findCrlf(std::span<const uint8_t> b, size_t p) {
    for (size_t i = p; i + 1 < b.size(); ++i)
        if (b[i] == '\r' && b[i + 1] == '\n') return i;
    return std::string::npos;
}

void appendPrintable(std::span<const uint8_t> b, std::string& out) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (uint8_t c : b) {
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
}

std::string printable(std::span<const uint8_t> b) {
    std::string out;
    appendPrintable(b, out);
    return out;
}

// A value's printable form in a buffer every packet of the thread reuses (a filter's tree
// then allocates nothing for it): valid until the next call.
std::string_view printableValue(std::span<const uint8_t> b) {
    thread_local std::string out;
    out.clear();
    appendPrintable(b, out);
    return out;
}

size_t element(DissectContext& ctx, std::span<const uint8_t> b, uint32_t base, size_t p,
               int32_t parent, int depth);

// One element's first line: its type byte at p, the text up to CRLF at eol.
struct ElementLine {
    size_t p;
    size_t eol;
    std::span<const uint8_t> text;
    long long count; // the text as an integer (a length or a count)
    bool numeric;    // all of the text is that integer
    uint32_t len;    // the line with its type byte and CRLF
};

ElementLine readElementLine(std::span<const uint8_t> b, size_t p, size_t eol) {
    ElementLine l{p, eol, b.subspan(p + 1, eol - p - 1), 0, false, uint32_t(eol + 2 - p)};
    const char* first = reinterpret_cast<const char*>(l.text.data());
    const char* last = first + l.text.size();
    auto [ptr, ec] = std::from_chars(first, last, l.count);
    l.numeric = ec == std::errc() && ptr == last && !l.text.empty();
    return l;
}

// '$': a length line, then that many bytes and CRLF (-1: a null bulk string).
size_t bulkString(DissectContext& ctx, std::span<const uint8_t> b, uint32_t base,
                  const ElementLine& l, int32_t parent) {
    const size_t p = l.p;
    int32_t n = ctx.add(parent, hf.bulk, base + uint32_t(p), l.len, std::monostate{});
    ctx.add(n, hf.bulkLen, base + uint32_t(p + 1), uint32_t(l.text.size()), int64_t(l.count),
            ctx.text([&] { return Shown::val(num(uint64_t(l.count < 0 ? 0 : l.count))); }));
    if (l.count < 0) return l.eol + 2;
    size_t start = l.eol + 2, end = start + size_t(l.count);
    if (end + 2 > b.size()) {
        ctx.note(n, Severity::Note, "resp.partial", noteText("resp.partial.bulk"));
        return std::string::npos;
    }
    auto v = b.subspan(start, size_t(l.count));
    ctx.add(n, hf.bulkValue, base + uint32_t(start), uint32_t(l.count), v,
            ctx.text([&] { return Shown::val(printable(v)); }));
    if (ctx.tree) {
        ctx.tree->setLength(n, uint32_t(end + 2 - p));
        ctx.setShown(n, ctx.text([&] { return Shown::val(printable(v)); }));
    }
    return end + 2;
}

// '*': a count line, then that many elements (-1: a null array).
size_t arrayOfElements(DissectContext& ctx, std::span<const uint8_t> b, uint32_t base,
                       const ElementLine& l, int32_t parent, int depth) {
    const size_t p = l.p;
    const uint64_t shown = uint64_t(l.count < 0 ? 0 : l.count);
    int32_t n =
        ctx.add(parent, hf.array, base + uint32_t(p), l.len, std::monostate{},
                ctx.text([&] { return Shown::title("Array (" + num(shown) + " elements)"); }));
    ctx.add(n, hf.arrayLen, base + uint32_t(p + 1), uint32_t(l.text.size()), int64_t(l.count),
            ctx.text([&] { return Shown::val(num(shown)); }));
    size_t q = l.eol + 2;
    if (depth > 16) {
        ctx.note(n, Severity::Warning, "resp.array_recursion_too_deep",
                 noteText("resp.array_recursion_too_deep"));
        return std::string::npos;
    }
    for (long long i = 0; i < l.count; ++i) {
        q = element(ctx, b, base, q, n, depth + 1);
        if (q == std::string::npos) return q;
    }
    if (ctx.tree) ctx.tree->setLength(n, uint32_t(q - p));
    return q;
}

// Parses one element at b[p]; returns the position after it, or npos when incomplete/bad.
size_t element(DissectContext& ctx, std::span<const uint8_t> b, uint32_t base, size_t p,
               int32_t parent, int depth) {
    if (p >= b.size()) return std::string::npos;
    size_t eol = findCrlf(b, p);
    if (eol == std::string::npos) {
        int32_t n = ctx.add(parent, hf.string, base + uint32_t(p), uint32_t(b.size() - p),
                            printableValue(b.subspan(p)), ctx.text([&] {
                                return Shown::labelled("Partial element", printable(b.subspan(p)));
                            }));
        ctx.note(n, Severity::Note, "resp.partial", noteText("resp.partial.element"));
        return std::string::npos;
    }
    const ElementLine l = readElementLine(b, p, eol);
    switch (char(b[p])) {
    case '+':
        ctx.add(parent, hf.string, base + uint32_t(p), l.len, printableValue(l.text),
                ctx.text([&] { return Shown::val(printable(l.text)); }));
        return eol + 2;
    case '-':
        ctx.add(parent, hf.error, base + uint32_t(p), l.len, printableValue(l.text),
                ctx.text([&] { return Shown::val(printable(l.text)); }));
        return eol + 2;
    case ':':
        ctx.add(parent, hf.integer, base + uint32_t(p), l.len, int64_t(l.count),
                ctx.text([&] { return Shown::val(printable(l.text)); }));
        return eol + 2;
    case '$':
        if (!l.numeric || l.count < -1) break;
        return bulkString(ctx, b, base, l, parent);
    case '*':
        if (!l.numeric || l.count < -1) break;
        return arrayOfElements(ctx, b, base, l, parent, depth);
    default:
        break;
    }
    int32_t n =
        ctx.add(parent, hf.string, base + uint32_t(p), l.len, printableValue(l.text), ctx.text([&] {
            return Shown::labelled("Malformed element", printable(b.subspan(p, eol - p)));
        }));
    ctx.note(n, Severity::Warning, "resp.malformed_length", noteText("resp.malformed_length"));
    return std::string::npos;
}

// The Info text: the command or reply in a few words ("Request: SET key value", "Reply:
// PONG"), read from the first element without building a tree.
std::string respInfo(std::span<const uint8_t> b, bool request) {
    std::string_view t(reinterpret_cast<const char*>(b.data()), b.size());
    auto line = [&](size_t at) {
        // Past the end (a last line without its CRLF, counted as if it had one): nothing.
        if (at >= t.size()) return std::string_view();
        const size_t eol = t.find("\r\n", at);
        return t.substr(at, eol == std::string_view::npos ? t.size() - at : eol - at);
    };
    std::string words;
    if (!t.empty() && t[0] == '*') {
        // An array of bulk strings: "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n".
        size_t at = line(0).size() + 2;
        for (int n = 0; n < 6 && at + 1 < t.size() && t[at] == '$'; ++n) {
            const std::string_view len = line(at);
            at += len.size() + 2;
            const std::string_view value = line(at);
            if (!words.empty()) words += ' ';
            words +=
                printable(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()),
                                                   std::min<size_t>(value.size(), 40)));
            at += value.size() + 2;
        }
    } else if (!t.empty()) {
        const std::string_view first = t[0] == '$' ? line(line(0).size() + 2) : line(1);
        words = printable(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(first.data()),
                                                   std::min<size_t>(first.size(), 60)));
        if (t[0] == '-') words = "Error: " + words;
    }
    return (request ? "Request: " : "Reply: ") + words;
}

uint32_t dissectResp(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    auto b = ctx.bytes.bytes(offset, length);
    ctx.setProtocol(hf.resp);
    if (ctx.columns) ctx.columns->info = respInfo(b, ctx.summary->dstPort == 6379);
    if (!ctx.wantsAny(kFields)) return uint32_t(b.size());
    int32_t root = ctx.add(-1, hf.resp, offset, uint32_t(b.size()), std::monostate{});
    size_t p = 0;
    while (p < b.size()) {
        p = element(ctx, b, offset, p, root, 0);
        if (p == std::string::npos) break;
    }
    return uint32_t(b.size());
}

} // namespace

void registerResp() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().tcpPort.add(6379, dissectResp);
}

} // namespace tcpscope::proto
