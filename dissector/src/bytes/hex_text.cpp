// SPDX-License-Identifier: GPL-2.0-or-later
// Pasted hex text: format detection, plain hex streams, C arrays, and the Ethernet-or-IP guess.
// The offset-column dumps are read in hex_text_offsets.cpp.
#include "tcpscope/hex_text.h"

#include "bytes/hex_text_internal.h"

namespace tcpscope {

using hextext::Format;
using textscan::hexValue;
using textscan::isBlank;
using textscan::isHexDigit;

namespace {

enum class Fit { None, Weak, Strong };

// An IPv4 header at off: Strong when its total length covers exactly the bytes present, Weak
// when the capture is cut short (snapshot length) or followed by padding.
Fit ipv4Fit(std::span<const uint8_t> b, size_t off) {
    if (b.size() < off + 20 || (b[off] >> 4) != 4) return Fit::None;
    unsigned ihl = b[off] & 0x0f;
    unsigned total = unsigned(b[off + 2]) << 8 | b[off + 3];
    if (ihl < 5 || total < ihl * 4) return Fit::None;
    return total == b.size() - off ? Fit::Strong : Fit::Weak;
}

Fit ipv6Fit(std::span<const uint8_t> b, size_t off) {
    if (b.size() < off + 40 || (b[off] >> 4) != 6) return Fit::None;
    unsigned payload = unsigned(b[off + 4]) << 8 | b[off + 5];
    return payload == b.size() - off - 40 ? Fit::Strong : Fit::Weak;
}

Fit better(Fit a, Fit b) {
    return a > b ? a : b;
}

Fit ethernetFit(std::span<const uint8_t> b) {
    if (b.size() < 14) return Fit::None;
    unsigned type = unsigned(b[12]) << 8 | b[13];
    size_t ip = 14;
    if ((type == 0x8100 || type == 0x88a8) && b.size() >= 18) { // 802.1Q / 802.1ad tag
        type = unsigned(b[16]) << 8 | b[17];
        ip = 18;
    }
    Fit inner = Fit::None;
    if (type == 0x0800)
        inner = ipv4Fit(b, ip);
    else if (type == 0x86dd)
        inner = ipv6Fit(b, ip);
    else if (type == 0x8100 || type == 0x88a8 || type == 0x0806)
        return Fit::Weak;
    else
        return Fit::None;
    // Ethernet pads short frames to 60 bytes, so an exact fit is not required to be sure.
    return inner == Fit::None ? Fit::Weak : Fit::Strong;
}

// Keeps only the line that holds pos, for messages about a character of the whole text.
textscan::Line lineAround(std::string_view text, size_t pos, uint32_t number) {
    size_t start = 0;
    if (pos > 0) {
        size_t nl = text.rfind('\n', pos - 1);
        start = nl == std::string_view::npos ? 0 : nl + 1;
    }
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > start && text[end - 1] == '\r') --end;
    return {text.substr(start, end - start), start, number};
}

bool isSeparator(char c) {
    return isBlank(c) || c == ',' || c == ':' || c == ';' || c == '-' || c == '"' || c == '\r' ||
           c == '\f' || c == '\v';
}

// Plain hex streams and C arrays, read as one run of tokens over the whole text. Plain: a
// blank line separates packets. C: each { ... } is one packet, text outside braces is the
// declaration, and tokens need their 0x (a decimal 69 must not silently become 0x69).
class TokenParser {
  public:
    TokenParser(std::string_view text, bool cArray, HexTextResult& result)
        : m_text(text), m_cArray(cArray), m_result(result), m_sink(result) {}

    void parse() {
        while (m_i < m_text.size())
            if (!step()) return;
        // A paste cut before its closing brace still holds the bytes the user meant.
        m_sink.finish();
        if (m_result.frames.empty() && !m_result.error) {
            InputError e;
            e.message = m_cArray ? "no { 0x.. } byte array found" : "no hex bytes found";
            e.line = m_lineNo;
            e.column = 1;
            e.byteOffset = m_text.size();
            m_result.error = e;
        }
    }

  private:
    // One newline, comment, separator, brace or token; false after an error.
    bool step() {
        const size_t n = m_text.size();
        char c = m_text[m_i];
        if (c == '\n') {
            if (!m_cArray && !m_lineHasContent) m_sink.finish();
            m_lineHasContent = false;
            ++m_lineNo;
            ++m_i;
            return true;
        }
        if (c == '/' && m_i + 1 < n && (m_text[m_i + 1] == '/' || m_text[m_i + 1] == '*'))
            return skipComment();
        if (isSeparator(c)) {
            ++m_i;
            return true;
        }
        m_lineHasContent = true;
        if (m_cArray) {
            if (!m_inBraces) {
                m_inBraces = c == '{'; // the declaration before it is not ours to check
                ++m_i;
                return true;
            }
            if (c == '}') {
                m_sink.finish();
                m_inBraces = false;
                ++m_i;
                return true;
            }
            if (c == '{') return fail(m_i, "expected a hex byte or '}', found '{'");
        }
        return readToken();
    }

    // "// ..." to the end of the line, or "/* ... */".
    bool skipComment() {
        m_lineHasContent = true;
        if (m_text[m_i + 1] == '/') {
            while (m_i < m_text.size() && m_text[m_i] != '\n') ++m_i;
            return true;
        }
        size_t end = m_text.find("*/", m_i + 2);
        if (end == std::string_view::npos) return fail(m_i, "this /* comment is not closed");
        for (size_t k = m_i; k < end; ++k) m_lineNo += m_text[k] == '\n';
        m_i = end + 2;
        return true;
    }

    // One token: [0x|\x]hexdigits.
    bool readToken() {
        const size_t n = m_text.size();
        const char c = m_text[m_i];
        const size_t start = m_i;
        bool prefixed = false;
        if ((c == '0' && m_i + 1 < n && (m_text[m_i + 1] == 'x' || m_text[m_i + 1] == 'X')) ||
            (c == '\\' && m_i + 1 < n && m_text[m_i + 1] == 'x')) {
            prefixed = true;
            m_i += 2;
        } else if (m_cArray) {
            return fail(m_i, "expected a 0x hex byte, found " + describe(m_i));
        }
        const size_t digits = m_i;
        while (m_i < n && isHexDigit(m_text[m_i])) ++m_i;
        const size_t count = m_i - digits;
        if (count == 0)
            return fail(m_i,
                        std::string(prefixed ? "expected a hex digit" : "expected a hex byte") +
                            ", found " + describe(m_i));
        if (m_i < n && !isSeparator(m_text[m_i]) && m_text[m_i] != '\n' && m_text[m_i] != '/' &&
            m_text[m_i] != '\\' && !(m_cArray && m_text[m_i] == '}'))
            return fail(m_i, "expected a hex digit, found " + describe(m_i));
        if (prefixed && count == 1) {
            m_sink.bytes().push_back(uint8_t(hexValue(m_text[digits]))); // C's 0x5
            return true;
        }
        if (count % 2 != 0)
            return fail(start, "odd number of hex digits in '" +
                                   std::string(m_text.substr(start, m_i - start)) + "'");
        for (size_t k = digits; k < m_i; k += 2)
            m_sink.bytes().push_back(uint8_t(hexValue(m_text[k]) << 4 | hexValue(m_text[k + 1])));
        return true;
    }

    bool fail(size_t pos, std::string message) {
        m_sink.discard();
        textscan::Line l = lineAround(m_text, pos, m_lineNo);
        m_result.error = textscan::errorAt(l, pos - l.offset, std::move(message));
        return false;
    }

    std::string describe(size_t pos) const {
        textscan::Line l = lineAround(m_text, pos, m_lineNo);
        return textscan::describeAt(l.text, pos - l.offset);
    }

    const std::string_view m_text;
    const bool m_cArray;
    HexTextResult& m_result;
    hextext::FrameSink m_sink;
    size_t m_i = 0;
    uint32_t m_lineNo = 1;
    bool m_lineHasContent = false;
    bool m_inBraces = false;
};

void parseTokens(std::string_view text, bool cArray, HexTextResult& result) {
    TokenParser(text, cArray, result).parse();
}

// C source: a brace, or a line starting like a declaration of a byte array.
bool looksLikeC(std::string_view line) {
    size_t p = textscan::skipBlanks(line, 0);
    std::string_view t = line.substr(p);
    size_t comment = t.find("//");
    std::string_view code = t.substr(0, comment);
    // "= {" or a line opening with "{"; tcpdump's "sack 1 {a:b}" has neither.
    size_t brace = code.find('{');
    if (brace != std::string_view::npos) {
        size_t b = brace;
        while (b > 0 && isBlank(code[b - 1])) --b;
        if (b == 0 || code[b - 1] == '=') return true;
    }
    for (std::string_view kw : {"static ", "const ", "unsigned ", "char ", "uint8_t ", "u_char ",
                                "u8 ", "byte ", "BYTE "})
        if (code.substr(0, kw.size()) == kw && code.find('[') != std::string_view::npos)
            return true;
    return false;
}

// Only hex tokens and separators (a comment may follow).
bool looksLikePlainHex(std::string_view line) {
    bool digit = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '/' && i + 1 < line.size() && (line[i + 1] == '/' || line[i + 1] == '*')) break;
        if (isHexDigit(c))
            digit = true;
        else if (c == 'x' || c == 'X' || c == '\\' || isSeparator(c))
            continue;
        else
            return false;
    }
    return digit;
}

// The first line that only one format can have decides; lines before it (tcpdump summary
// lines, "reading from file ...", a title) are left to that format's parser to accept or not.
Format detect(std::string_view text) {
    textscan::LineCursor cursor(text);
    textscan::Line line;
    bool inComment = false;
    while (cursor.next(line)) {
        std::string_view s = line.text;
        if (inComment) { // a multi-line /* comment: only C and plain text have those
            size_t end = s.find("*/");
            if (end == std::string_view::npos) continue;
            inComment = false;
            s = s.substr(end + 2);
        }
        if (textscan::isBlankLine(s)) continue;
        if (hextext::isTcpdumpHexLine(s)) return Format::Tcpdump;
        if (hextext::isXxdLine(s)) return Format::Xxd;
        if (hextext::isHexdumpCLine(s)) return Format::HexdumpC;
        if (hextext::isWiresharkLine(s)) return Format::Wireshark;
        if (hextext::isOdLine(s)) return Format::Od;
        if (looksLikeC(s)) return Format::CArray;
        if (looksLikePlainHex(s)) return Format::PlainHex;
        size_t open = s.find("/*");
        if (open != std::string_view::npos && s.find("*/", open + 2) == std::string_view::npos)
            inComment = true;
    }
    return Format::None;
}

} // namespace

namespace hextext {

void FrameSink::setHeader(const textscan::TimestampPrefix& prefix) {
    m_hasTs = prefix.hasTimestamp;
    m_ts = prefix.ts;
    m_nano = prefix.nano;
    m_number = prefix.number;
}

void FrameSink::finish() {
    if (m_bytes.empty()) return;
    OwnedFrame f;
    f.number = m_number ? m_number : m_result.frames.size() + 1;
    f.hasTimestamp = m_hasTs;
    f.ts = m_ts;
    f.nanoPrecision = m_nano;
    f.linkType = guessLinkType(m_bytes);
    // tcpdump -xx of a cooked (SLL) or loopback capture: trust the file's link type unless the
    // bytes plainly start at IP (then it was -x, which drops the link header).
    if (m_linkHint != kNoLinkHint && m_linkHint != LinkType::Ethernet &&
        m_linkHint != LinkType::Raw && f.linkType != LinkType::Raw)
        f.linkType = m_linkHint;
    f.originalLength = static_cast<uint32_t>(m_bytes.size());
    f.bytes = std::move(m_bytes);
    m_result.frames.push_back(std::move(f));
    m_bytes = {};
    m_hasTs = false;
    m_ts = {};
    m_nano = false;
    m_number = 0;
}

} // namespace hextext

uint32_t guessLinkType(std::span<const uint8_t> bytes) {
    const Fit raw = better(ipv4Fit(bytes, 0), ipv6Fit(bytes, 0));
    const Fit eth = ethernetFit(bytes);
    if (raw == Fit::Strong && eth != Fit::Strong) return LinkType::Raw;
    if (eth != Fit::None && eth >= raw) return LinkType::Ethernet;
    if (raw != Fit::None) return LinkType::Raw;
    return bytes.size() >= 14 ? LinkType::Ethernet : LinkType::Raw;
}

HexTextResult parseHexText(std::string_view text) {
    HexTextResult result;
    const Format format = detect(text);
    switch (format) {
    case Format::None: {
        // Point at the first character no hex format can start with.
        textscan::LineCursor cursor(text);
        textscan::Line line;
        while (cursor.next(line)) {
            if (textscan::isBlankLine(line.text)) continue;
            size_t p = textscan::skipBlanks(line.text, 0);
            while (p < line.text.size() && (isHexDigit(line.text[p]) || isSeparator(line.text[p])))
                ++p;
            result.error = textscan::errorAt(
                line, p,
                "expected a hex dump (tcpdump -x/-X, xxd, hexdump -C, od -Ax -tx1, Wireshark, "
                "plain hex or a C array), found " +
                    textscan::describeAt(line.text, p));
            return result;
        }
        InputError e;
        e.message = "no hex bytes found";
        e.line = 1;
        e.column = 1;
        result.error = e;
        return result;
    }
    case Format::PlainHex:
        result.formatName = "plain hex";
        parseTokens(text, false, result);
        break;
    case Format::CArray:
        result.formatName = "C array";
        parseTokens(text, true, result);
        break;
    default: {
        static constexpr const char* kNames[] = {"",           "tcpdump -x", "xxd",
                                                 "hexdump -C", "od",         "Wireshark hex dump"};
        std::string name = hextext::parseOffsetDump(text, format, result);
        result.formatName = name.empty() ? kNames[static_cast<int>(format)] : name;
        break;
    }
    }
    return result;
}

} // namespace tcpscope
