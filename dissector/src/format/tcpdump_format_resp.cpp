// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump 4.99's RESP printer (print-resp.c) for the payload of port 6379 segments: ": RESP"
// and each message's strings, quoted, in the order they come. It gives up with " [|resp]" at
// the first item the segment or the capture does not hold whole, and at some malformed ones.
//
// tcpdump parses arrays recursively, but an array prints nothing of its own before its
// elements and any failure inside ends the whole payload, so the output is that of a flat scan
// over the items; all that nesting adds is how many items are still owed when the segment ends
// (then tcpdump reports truncation). This printer keeps that count instead of a call stack,
// which also bounds its stack use for deeply nested input.
#include "tcpdump_format_internal.h"

#include <climits>

namespace tcpscope::tcpdump {

namespace {

// tcpdump's fn_print_char: "M-" for the high bit, "^X" for control bytes.
void appendEscapedChar(std::string& out, uint8_t c) {
    if (c & 0x80) { // not ASCII: "M-" and the low seven bits
        out += "M-";
        c &= 0x7f;
    }
    if (c < 0x20 || c == 0x7f) { // control characters as ^@ .. ^_, DEL as ^?
        out += '^';
        c ^= 0x40;
    }
    out += static_cast<char>(c);
}

// How an item ended: printed, truncated (tcpdump's goto trunc), or truncated through its
// longjmp (a GET_U_1 past the capture), which also moves the -x dump to the link header.
enum class Stop { None, Trunc, Longjmp };

// A bulk string's or array's length, as resp_get_length classifies it.
enum class LengthKind { Value, Null, Trunc, Longjmp, TooLarge, Negative, Invalid };
struct Length {
    LengthKind kind;
    int value = 0;
};

class RespPrinter {
  public:
    RespPrinter(std::string& out, std::span<const uint8_t> captured, uint32_t length)
        : m_out(out), m_cap(captured), m_len(length) {}

    Stop run() {
        m_out += ": RESP";
        while (m_pos < m_len)
            if (Stop s = item(); s != Stop::None) return s;
        // An array still waiting for elements asks for one more item with no bytes left.
        return m_owed > 0 ? Stop::Trunc : Stop::None;
    }

  private:
    bool captured(size_t i) const { return i < m_cap.size(); }

    Stop item() {
        if (!captured(m_pos)) return Stop::Longjmp;
        if (m_owed > 0) --m_owed;
        switch (m_cap[m_pos]) {
        case '+': // simple string
        case '-': // error
        case ':': // integer
            return simpleLine();
        case '$':
            return bulkString();
        case '*':
            return arrayHeader();
        default:
            return inlineCommand();
        }
    }

    // FIND_CRLF: moves i to the next CR LF; both bytes must lie in the segment and be captured.
    Stop findCrlf(size_t& i) const {
        for (;; ++i) {
            if (m_len - i < 2 || !captured(i + 1)) return Stop::Trunc;
            if (m_cap[i] == '\r' && m_cap[i + 1] == '\n') return Stop::None;
        }
    }

    // ` "text"` with tcpdump's escapes; the bytes are known to be captured.
    void quoted(size_t from, size_t to) {
        m_out += " \"";
        while (from < to) {
            size_t run = from;
            while (run < to && m_cap[run] >= 0x20 && m_cap[run] < 0x7f) ++run;
            m_out.append(reinterpret_cast<const char*>(m_cap.data() + from), run - from);
            if (run < to) appendEscapedChar(m_out, m_cap[run++]);
            from = run;
        }
        m_out += '"';
    }

    // "+OK\r\n", "-ERR x\r\n", ":12\r\n": the text between the type byte and the CR LF.
    Stop simpleLine() {
        size_t i = m_pos + 1;
        if (Stop s = findCrlf(i); s != Stop::None) return s;
        quoted(m_pos + 1, i);
        m_pos = i + 2;
        return Stop::None;
    }

    Length readLength(size_t& i) const;
    Stop lengthProblem(const Length& len);

    // "$3\r\nfoo\r\n"; after the string tcpdump skips to the next CR LF wherever it is.
    Stop bulkString() {
        size_t i = m_pos + 1;
        Length len = readLength(i);
        if (len.kind == LengthKind::Value) {
            auto n = static_cast<size_t>(len.value);
            if (n == 0) {
                m_out += " empty";
            } else {
                if (m_len - i < n || !captured(i + n - 1)) return Stop::Trunc;
                quoted(i, i + n);
                i += n;
            }
            if (Stop s = findCrlf(i); s != Stop::None) return s;
            m_pos = i + 2;
            return Stop::None;
        }
        m_pos = i;
        return lengthProblem(len);
    }

    // "*2\r\n": the next two items belong to the array.
    Stop arrayHeader() {
        size_t i = m_pos + 1;
        Length len = readLength(i);
        m_pos = i;
        if (len.kind == LengthKind::Value && len.value > 0) {
            m_owed += static_cast<uint64_t>(len.value);
            return Stop::None;
        }
        if (len.kind == LengthKind::Value) {
            m_out += " empty";
            return Stop::None;
        }
        return lengthProblem(len);
    }

    Stop inlineCommand();

    std::string& m_out;
    std::span<const uint8_t> m_cap; // the payload as captured (up to m_len bytes)
    size_t m_len;                   // the payload's length from the TCP header
    size_t m_pos = 0;
    uint64_t m_owed = 0; // array elements announced and not yet started
};

// resp_get_length: optional '-', decimal digits, CR LF. `i` is left after what was read,
// which is where the next item starts when the length is not a usable one.
Length RespPrinter::readLength(size_t& i) const {
    if (i == m_len) return {LengthKind::Trunc};
    if (!captured(i)) return {LengthKind::Longjmp};
    const bool negative = m_cap[i] == '-';
    if (negative) ++i;
    int result = 0;
    bool sawDigit = false, tooLarge = false;
    for (;; ++i, sawDigit = true) {
        if (i == m_len) return {LengthKind::Trunc};
        if (!captured(i)) return {LengthKind::Longjmp};
        const uint8_t c = m_cap[i];
        if (c < '0' || c > '9') {
            if (sawDigit) break;
            ++i; // the offending byte counts as read
            return {LengthKind::Invalid};
        }
        const int digit = c - '0';
        // Digits beyond INT_MAX are counted, not added: the length is then "too large".
        if (result > INT_MAX / 10) {
            tooLarge = true;
        } else {
            result *= 10;
            if (result == INT_MAX / 10 * 10 && digit > INT_MAX % 10)
                tooLarge = true;
            else
                result += digit;
        }
    }
    if (m_cap[i++] != '\r') return {LengthKind::Invalid};
    if (i == m_len) return {LengthKind::Trunc};
    if (!captured(i)) return {LengthKind::Longjmp};
    if (m_cap[i++] != '\n') return {LengthKind::Invalid};
    if (negative) return {tooLarge || result != 1 ? LengthKind::Negative : LengthKind::Null};
    return tooLarge ? Length{LengthKind::TooLarge} : Length{LengthKind::Value, result};
}

// A bulk string's or array's length that announces no data: printed, and parsing goes on
// after it; or the end of the segment or capture came first.
Stop RespPrinter::lengthProblem(const Length& len) {
    switch (len.kind) {
    case LengthKind::Null:
        m_out += " null";
        return Stop::None;
    case LengthKind::Trunc:
        return Stop::Trunc;
    case LengthKind::Longjmp:
        return Stop::Longjmp;
    case LengthKind::TooLarge:
        m_out += " length too large";
        return Stop::None;
    case LengthKind::Negative:
        m_out += " length negative and not -1";
        return Stop::None;
    default:
        m_out += " invalid";
        return Stop::None;
    }
}

// A command typed as text ("PING\r\n"): leading CR and LF bytes are skipped, the line runs
// to the next CR or LF, and every CR and LF after it is consumed.
Stop RespPrinter::inlineCommand() {
    size_t i = m_pos;
    while (i < m_len && captured(i) && (m_cap[i] == '\r' || m_cap[i] == '\n')) ++i;
    const size_t start = i;
    for (;; ++i) {
        if (i == m_len) return Stop::Trunc;
        if (!captured(i)) return Stop::Longjmp;
        if (m_cap[i] == '\r' || m_cap[i] == '\n') break;
    }
    quoted(start, i);
    while (i < m_len && captured(i) && (m_cap[i] == '\r' || m_cap[i] == '\n')) ++i;
    m_pos = i;
    return Stop::None;
}

} // namespace

bool printResp(std::string& out, std::span<const uint8_t> captured, uint32_t length) {
    Stop s = RespPrinter(out, captured, length).run();
    if (s != Stop::None) out += " [|resp]";
    return s == Stop::Longjmp;
}

} // namespace tcpscope::tcpdump
