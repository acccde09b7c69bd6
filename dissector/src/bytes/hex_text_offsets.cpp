// SPDX-License-Identifier: GPL-2.0-or-later
// Hex dumps with an offset column: tcpdump -x/-xx/-X/-XX, xxd, hexdump -C, od -Ax -tx1 and
// Wireshark's "Copy as Hex Dump" / tshark -x. Every tool prints its bytes in a fixed-width area
// and the ASCII rendering (if any) to the right of it; that column may contain "4500" or "0x",
// so bytes are read slot by slot from the left and reading stops where the tool's hex area
// ends (a slot that starts with a blank, or the tool's maximum bytes per line). The ASCII
// column is never tokenised.
#include "bytes/hex_text_internal.h"

#include <string>

namespace tcpscope::hextext {

using textscan::errorAt;
using textscan::hex4;
using textscan::hexValue;
using textscan::isBlank;
using textscan::isHexDigit;
using textscan::Line;
using textscan::skipBlanks;

namespace {

// hexdump -C and od print '*' for lines equal to the one before; tcpdump's snapshot length
// bounds what a real packet can need, and keeps a forged offset from allocating gigabytes.
constexpr uint64_t kMaxRepeatedFrame = 262144;

struct OffsetToken {
    bool ok = false;
    uint64_t value = 0;
    size_t start = 0; // first character of the offset (the "0x" for tcpdump)
    size_t end = 0;   // just after the offset (and its ':' for tcpdump and xxd)
    size_t digits = 0;
};

OffsetToken readOffset(std::string_view s, Format format) {
    OffsetToken t;
    size_t p = skipBlanks(s, 0);
    t.start = p;
    if (format == Format::Tcpdump) {
        if (p + 2 > s.size() || s[p] != '0' || s[p + 1] != 'x') return t;
        p += 2;
    }
    size_t d = p;
    uint64_t v = 0;
    while (p < s.size() && isHexDigit(s[p]) && p - d < 16) v = v * 16 + uint64_t(hexValue(s[p++]));
    t.digits = p - d;
    if (t.digits == 0 || (p < s.size() && isHexDigit(s[p]))) return t;
    if (format == Format::Tcpdump || format == Format::Xxd) {
        if (p >= s.size() || s[p] != ':') return t;
        ++p;
    } else if (p < s.size() && !isBlank(s[p])) {
        return t;
    }
    t.ok = true;
    t.value = v;
    t.end = p;
    return t;
}

// The digits read as octal, or all ones when one of them is not an octal digit.
uint64_t octalValue(std::string_view digits) {
    uint64_t v = 0;
    for (char c : digits) {
        if (c < '0' || c > '7') return ~uint64_t(0);
        v = v * 8 + uint64_t(c - '0');
    }
    return v;
}

size_t minOffsetDigits(Format f) {
    return f == Format::Tcpdump ? 1 : 4;
}

size_t hexRun(std::string_view s, size_t p) {
    size_t q = p;
    while (q < s.size() && isHexDigit(s[q])) ++q;
    return q - p;
}

// Where a tool's hex area is, relative to its first byte.
struct Layout {
    size_t digits = 2; // hex digits per group
    size_t maxGroups = 16;
    bool gapAfter8 = false; // hexdump -C (and some Wireshark copies) put two blanks mid-line
};

Layout layoutFor(Format f, size_t xxdDigits) {
    switch (f) {
    case Format::Tcpdump:
        return {4, 8, false}; // " %02x%02x" x 8, then the ASCII column
    case Format::Xxd:
        return {xxdDigits, 256 / (xxdDigits / 2), false};
    case Format::HexdumpC:
        return {2, 16, true};
    case Format::Wireshark:
        return {2, 16, true};
    default:
        return {2, 64, false}; // od -w may print more than 16 per line
    }
}

bool isHeaderFor(const OffsetToken& off, Format f) {
    return !off.ok || off.digits < minOffsetDigits(f);
}

// libpcap link-type names as tcpdump prints them in "reading from file f, link-type X (...)".
uint32_t linkTypeFromName(std::string_view name) {
    struct Entry {
        std::string_view name;
        uint32_t type;
    };
    static constexpr Entry kNames[] = {
        {"EN10MB", LinkType::Ethernet},
        {"RAW", LinkType::Raw},
        {"IPV4", LinkType::Raw},
        {"IPV6", LinkType::Raw},
        {"LINUX_SLL2", LinkType::LinuxSll2},
        {"LINUX_SLL", LinkType::LinuxSll},
        {"NULL", LinkType::Null},
        {"LOOP", LinkType::Loop},
    };
    for (const auto& e : kNames)
        if (name == e.name) return e.type;
    return kNoLinkHint;
}

} // namespace

bool isTcpdumpHexLine(std::string_view line) {
    OffsetToken t = readOffset(line, Format::Tcpdump);
    if (!t.ok) return false;
    size_t p = skipBlanks(line, t.end);
    return p < line.size() && isHexDigit(line[p]);
}

bool isXxdLine(std::string_view line) {
    OffsetToken t = readOffset(line, Format::Xxd);
    if (!t.ok || t.digits < 4 || t.end >= line.size() || line[t.end] != ' ') return false;
    size_t run = hexRun(line, t.end + 1);
    return run >= 2 && run % 2 == 0;
}

bool isHexdumpCLine(std::string_view line) {
    OffsetToken t = readOffset(line, Format::HexdumpC);
    if (!t.ok || t.digits != 8) return false;
    size_t p = t.end;
    if (p + 4 > line.size() || line[p] != ' ' || line[p + 1] != ' ' || hexRun(line, p + 2) != 2)
        return false;
    // The '|'-framed ASCII column, or the mid-line gap, tells it from a Wireshark dump.
    size_t gap = p + 2 + 24;
    bool hasGap = gap + 1 < line.size() && line[gap] == ' ' && isHexDigit(line[gap + 1]);
    // hexdump -C frames its ASCII column with '|' at a fixed place: 16 x 3 + 1 + 2 after the
    // offset's two blanks.
    bool framed = line.size() > p + 52 && line[p + 52] == '|' && line.back() == '|';
    return hasGap || framed;
}

bool isWiresharkLine(std::string_view line) {
    OffsetToken t = readOffset(line, Format::Wireshark);
    if (!t.ok || t.digits < 4 || t.digits > 8) return false;
    size_t p = skipBlanks(line, t.end);
    size_t blanks = p - t.end;
    if (blanks < 2 || blanks > 3 || hexRun(line, p) != 2) return false;
    return p + 2 == line.size() || isBlank(line[p + 2]);
}

bool isOdLine(std::string_view line) {
    OffsetToken t = readOffset(line, Format::Od);
    if (!t.ok || t.digits < 6 || t.digits > 8 || t.end >= line.size() || line[t.end] != ' ')
        return false;
    // Every group until the end (or od -z's "  >...<" column) has the width of the first.
    size_t p = t.end + 1;
    size_t width = hexRun(line, p);
    if (width != 2 && width != 4 && width != 8) return false;
    while (p < line.size()) {
        if (hexRun(line, p) != width) return false;
        p += width;
        if (p == line.size()) break;
        if (line[p] != ' ') return false;
        ++p;
        if (p < line.size() && line[p] == ' ') break; // the -z ASCII column follows
    }
    return true;
}

namespace {

// Reads a dump line by line: each line's offset must follow the bytes before it (or restart a
// packet at 0); '*' lines (od, hexdump -C) repeat the line before them up to the next offset.
class OffsetDumpParser {
  public:
    OffsetDumpParser(Format format, HexTextResult& result)
        : m_format(format), m_result(result), m_sink(result) {}

    // The format's display name, or empty after an error (in result.error).
    std::string parse(std::string_view text) {
        textscan::LineCursor cursor(text);
        Line line;
        while (cursor.next(line))
            if (!parseLine(line)) return {};
        m_sink.finish();
        return formatName();
    }

  private:
    bool parseLine(const Line& line) {
        std::string_view s = line.text;
        if (textscan::isBlankLine(s)) {
            endPacket();
            m_skippingSource = false;
            return true;
        }
        size_t first = skipBlanks(s, 0);
        if ((m_format == Format::Od || m_format == Format::HexdumpC) && s[first] == '*' &&
            skipBlanks(s, first + 1) == s.size()) {
            if (!m_open || m_lastLine.empty())
                return fail(line, first,
                            "a '*' line repeats the line before it, but there is none");
            m_repeatPending = true;
            return true;
        }
        OffsetToken off = readOffset(s, m_format);
        if (isHeaderFor(off, m_format)) {
            headerLine(s, first);
            return true;
        }
        if (m_skippingSource) return true;
        if (off.value == 0 && m_open && !m_sink.empty()) {
            m_sink.finish(); // offsets start again: the next packet (no summary line between)
            m_open = false;
        }
        if (!m_open && !startPacket(line, off)) return false;
        if (m_repeatPending && !expandRepeat(line, off)) return false;
        if (off.value != m_expected) return offsetMismatch(line, off);
        return readLineBytes(line, off);
    }

    bool fail(const Line& l, size_t pos, std::string message) {
        m_sink.discard();
        m_result.error = errorAt(l, pos, std::move(message));
        return false;
    }

    void endPacket() {
        m_sink.finish();
        m_open = false;
        m_repeatPending = false;
    }

    // A line that is not part of a dump ends the packet. tcpdump's summary lines carry the next
    // packet's timestamp; its "reading from file" line the link type.
    void headerLine(std::string_view s, size_t first) {
        endPacket();
        if (m_format == Format::Tcpdump) {
            auto prefix = textscan::parseTimestampPrefix(s);
            if (prefix.hasTimestamp || prefix.number) m_sink.setHeader(prefix);
            size_t lt = s.find("link-type ");
            if (lt != std::string_view::npos) {
                size_t b = lt + 10, e = b;
                while (e < s.size() && !isBlank(s[e]) && s[e] != ',') ++e;
                m_sink.setLinkHint(linkTypeFromName(s.substr(b, e - b)));
            }
        } else if (m_format == Format::Wireshark) {
            // tshark's "Reassembled TCP (n bytes):" and similar extras are not the frame.
            std::string_view t = s.substr(first);
            if (t.size() >= 7 && t.substr(t.size() - 7) == "bytes):")
                m_skippingSource = t.substr(0, 5) != "Frame";
        }
    }

    bool startPacket(const Line& line, const OffsetToken& off) {
        if (off.value != 0)
            return fail(line, off.start,
                        "a dump starts at offset 0x0000, found " + hex4(off.value));
        m_open = true;
        m_expected = 0;
        m_prevCount = 0;
        m_lastLine.clear();
        m_repeatPending = false;
        if (m_format == Format::Xxd) {
            size_t run = hexRun(line.text, skipBlanks(line.text, off.end));
            m_xxdDigits = run >= 2 && run <= 32 && run % 2 == 0 ? run : 4;
        }
        return true;
    }

    // After '*': the line before it again, up to this line's offset.
    bool expandRepeat(const Line& line, const OffsetToken& off) {
        m_repeatPending = false;
        uint64_t unit = m_lastLine.size();
        if (off.value < m_expected || (off.value - m_expected) % unit != 0)
            return fail(line, off.start,
                        "offset " + hex4(off.value) + " after '*' is not " + hex4(m_expected) +
                            " plus a whole number of " + std::to_string(unit) + "-byte lines");
        if (off.value > kMaxRepeatedFrame)
            return fail(line, off.start,
                        "the '*' repeat up to offset " + hex4(off.value) +
                            " would make a frame of "
                            "more than " +
                            std::to_string(kMaxRepeatedFrame) + " bytes");
        for (uint64_t at = m_expected; at < off.value; at += unit)
            m_sink.bytes().insert(m_sink.bytes().end(), m_lastLine.begin(), m_lastLine.end());
        m_prevOffset = off.value - unit;
        m_prevCount = size_t(unit);
        m_expected = off.value;
        return true;
    }

    bool offsetMismatch(const Line& line, const OffsetToken& off) {
        // od without -Ax counts in octal: "0000020" after 16 bytes. Say so, rather than guess a
        // radix that a later '*' line could not confirm.
        std::string hint;
        if (m_format == Format::Od &&
            octalValue(line.text.substr(off.start, off.digits)) == m_expected)
            hint = "; od printed octal offsets: use od -Ax -tx1";
        return fail(line, off.start,
                    "offset " + hex4(off.value) + " does not follow " + hex4(m_prevOffset) + " + " +
                        std::to_string(m_prevCount) + " (expected " + hex4(m_expected) + ")" +
                        hint);
    }

    // One group of `run` hex digits at p: whole bytes, at most the tool's group width.
    bool checkGroup(const Line& line, size_t p, size_t run, size_t digits) {
        std::string_view s = line.text;
        size_t q = p + run;
        if (run == 0)
            return fail(line, p, "expected a hex byte, found " + textscan::describeAt(s, p));
        if (q < s.size() && !isBlank(s[q]))
            return fail(line, q, "expected a hex digit, found " + textscan::describeAt(s, q));
        if (run > digits) {
            std::string msg = m_format == Format::Od
                                  ? "od prints wider groups in the machine's byte order; "
                                    "use od -Ax -tx1 (found '" +
                                        std::string(s.substr(p, run)) + "')"
                                  : "too many hex digits in '" + std::string(s.substr(p, run)) +
                                        "' (expected " + std::to_string(digits) + ")";
            return fail(line, p, msg);
        }
        if (run % 2 != 0)
            return fail(line, p,
                        "odd number of hex digits in '" + std::string(s.substr(p, run)) + "'");
        return true;
    }

    // The bytes, group by group from the left edge of the hex area at p; p ends past them.
    bool readGroups(const Line& line, size_t& p, std::vector<uint8_t>& out) {
        std::string_view s = line.text;
        const Layout layout = layoutFor(m_format, m_xxdDigits);
        for (size_t g = 0; g < layout.maxGroups; ++g) {
            if (layout.gapAfter8 && g == 8 && p + 1 < s.size() && s[p] == ' ' &&
                isHexDigit(s[p + 1]))
                ++p;
            if (p >= s.size() || isBlank(s[p])) break; // padding: the hex area ends here
            size_t run = hexRun(s, p);
            if (!checkGroup(line, p, run, layout.digits)) return false;
            for (size_t i = p; i < p + run; i += 2)
                out.push_back(uint8_t(hexValue(s[i]) << 4 | hexValue(s[i + 1])));
            p += run + 1;
            if (run < layout.digits) break; // a short group is the last one of the dump
        }
        return true;
    }

    bool readLineBytes(const Line& line, const OffsetToken& off) {
        std::string_view s = line.text;
        std::vector<uint8_t>& out = m_sink.bytes();
        const size_t before = out.size();
        size_t p = skipBlanks(s, off.end);
        if (!readGroups(line, p, out)) return false;
        const size_t count = out.size() - before;
        if (count == 0) {
            if (m_format == Format::Od || m_format == Format::HexdumpC) {
                m_sink.finish(); // od and hexdump end with a line holding just the total length
                m_open = false;
                return true;
            }
            return fail(line, p,
                        "expected hex bytes after the offset, found " + textscan::describeAt(s, p));
        }
        if (m_format == Format::Tcpdump && skipBlanks(s, p) < s.size()) m_sawAscii = true;
        m_lastLine.assign(out.begin() + std::ptrdiff_t(before), out.end());
        m_prevOffset = off.value;
        m_prevCount = count;
        m_expected = off.value + count;
        return true;
    }

    std::string formatName() const {
        switch (m_format) {
        case Format::Tcpdump: {
            bool link =
                !m_result.frames.empty() && m_result.frames.front().linkType != LinkType::Raw;
            return std::string("tcpdump -") +
                   (m_sawAscii ? (link ? "XX" : "X") : (link ? "xx" : "x"));
        }
        case Format::Xxd:
            return "xxd";
        case Format::HexdumpC:
            return "hexdump -C";
        case Format::Od:
            return "od";
        default:
            return "Wireshark hex dump";
        }
    }

    const Format m_format;
    HexTextResult& m_result;
    FrameSink m_sink;
    bool m_open = false;     // inside one packet's dump
    uint64_t m_expected = 0; // the offset the next line must have
    uint64_t m_prevOffset = 0;
    size_t m_prevCount = 0;
    std::vector<uint8_t> m_lastLine;
    bool m_repeatPending = false;
    bool m_skippingSource = false; // tshark's "Reassembled TCP (n bytes):" and similar extras
    bool m_sawAscii = false;
    size_t m_xxdDigits = 4;
};

} // namespace

std::string parseOffsetDump(std::string_view text, Format format, HexTextResult& result) {
    return OffsetDumpParser(format, result).parse(text);
}

} // namespace tcpscope::hextext
