// SPDX-License-Identifier: GPL-2.0-or-later
#include "bytes/text_scan.h"

#include <cstdio>

namespace tcpscope::textscan {

bool LineCursor::next(Line& line) {
    if (m_pos >= m_text.size()) return false;
    size_t end = m_text.find('\n', m_pos);
    size_t stop = end == std::string_view::npos ? m_text.size() : end;
    size_t len = stop - m_pos;
    if (len > 0 && m_text[m_pos + len - 1] == '\r') --len; // pasted from Windows
    line.text = m_text.substr(m_pos, len);
    line.offset = m_pos;
    line.number = ++m_number;
    m_pos = end == std::string_view::npos ? m_text.size() : end + 1;
    return true;
}

size_t skipBlanks(std::string_view s, size_t pos) {
    while (pos < s.size() && isBlank(s[pos])) ++pos;
    return pos;
}

bool isBlankLine(std::string_view s) {
    for (char c : s)
        if (!isBlank(c) && c != '\r' && c != '\f' && c != '\v') return false;
    return true;
}

uint32_t columnAt(std::string_view line, size_t pos) {
    uint32_t col = 1;
    for (size_t i = 0; i < pos && i < line.size(); ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xc0) != 0x80) ++col; // not a continuation byte
    return col;
}

std::string describeAt(std::string_view line, size_t pos) {
    if (pos >= line.size()) return "the end of the line";
    auto c = static_cast<unsigned char>(line[pos]);
    char buf[32];
    if (c >= 0x21 && c < 0x7f) {
        std::snprintf(buf, sizeof buf, "'%c'", c);
        return buf;
    }
    if (c == ' ') return "a space";
    if (c == '\t') return "a tab";
    // A whole UTF-8 character when the bytes form one, so the message shows what the user sees.
    size_t n = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    if (c >= 0xf8) n = 0;
    if (n > 0 && pos + n <= line.size()) {
        bool ok = true;
        for (size_t i = 1; i < n; ++i)
            ok = ok && (static_cast<unsigned char>(line[pos + i]) & 0xc0) == 0x80;
        if (ok) return "'" + std::string(line.substr(pos, n)) + "'";
    }
    std::snprintf(buf, sizeof buf, "byte 0x%02x", c);
    return buf;
}

InputError errorAt(const Line& line, size_t pos, std::string message) {
    InputError e;
    e.message = std::move(message);
    e.line = line.number;
    e.column = columnAt(line.text, pos);
    e.byteOffset = line.offset + (pos < line.text.size() ? pos : line.text.size());
    return e;
}

std::string hex4(uint64_t value) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%04llx", static_cast<unsigned long long>(value));
    return buf;
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

// Reads up to maxDigits decimal digits at pos; count is how many were read.
uint64_t readDecimal(std::string_view s, size_t& pos, size_t maxDigits, size_t& count) {
    uint64_t v = 0;
    count = 0;
    while (pos < s.size() && isDigit(s[pos]) && count < maxDigits) {
        v = v * 10 + uint64_t(s[pos] - '0');
        ++pos;
        ++count;
    }
    return v;
}

// ".ffffff" or ".fffffffff" after a time: nanoseconds, and whether nine digits were given.
bool readFraction(std::string_view s, size_t& pos, uint32_t& nsec, bool& nano) {
    nsec = 0;
    nano = false;
    if (pos >= s.size() || s[pos] != '.') return true; // no fraction at all is fine
    size_t p = pos + 1, count = 0;
    uint64_t v = readDecimal(s, p, 9, count);
    if (count == 0) return false;
    if (p < s.size() && isDigit(s[p])) return false; // more than nine digits: not a timestamp
    for (size_t i = count; i < 9; ++i) v *= 10;
    nsec = static_cast<uint32_t>(v);
    nano = count == 9;
    pos = p;
    return true;
}

bool endsToken(std::string_view s, size_t pos) {
    return pos >= s.size() || isBlank(s[pos]);
}

// "HH:MM:SS[.frac]" at pos; seconds since midnight.
bool readTimeOfDay(std::string_view s, size_t& pos, int64_t& secs, uint32_t& nsec, bool& nano) {
    size_t p = pos, n = 0;
    uint64_t h = readDecimal(s, p, 2, n);
    if (n == 0 || p >= s.size() || s[p] != ':') return false;
    ++p;
    uint64_t m = readDecimal(s, p, 2, n);
    if (n != 2 || p >= s.size() || s[p] != ':') return false;
    ++p;
    uint64_t sec = readDecimal(s, p, 2, n);
    if (n != 2 || m > 59 || sec > 60) return false;
    if (!readFraction(s, p, nsec, nano)) return false;
    secs = int64_t(h * 3600 + m * 60 + sec);
    pos = p;
    return true;
}

} // namespace

TimestampPrefix parseTimestampPrefix(std::string_view line) {
    TimestampPrefix r;
    size_t pos = skipBlanks(line, 0);
    // "-#": a packet number then blanks, then the rest (a timestamp unless -t was given).
    {
        size_t p = pos, n = 0;
        uint64_t num = readDecimal(line, p, 10, n);
        if (n > 0 && p < line.size() && isBlank(line[p])) {
            r.number = num;
            pos = skipBlanks(line, p);
        }
    }
    r.end = pos;
    size_t p = pos;
    int64_t secs = 0;
    uint32_t nsec = 0;
    bool nano = false;
    // -tttt: "YYYY-MM-DD HH:MM:SS.frac"
    if (p + 10 < line.size() && line[p + 4] == '-' && line[p + 7] == '-') {
        size_t q = p, n = 0;
        uint64_t y = readDecimal(line, q, 4, n);
        bool ok = n == 4 && line[q] == '-';
        ++q;
        uint64_t mo = ok ? readDecimal(line, q, 2, n) : 0;
        ok = ok && n == 2 && q < line.size() && line[q] == '-';
        ++q;
        uint64_t d = ok ? readDecimal(line, q, 2, n) : 0;
        ok = ok && n == 2 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && q < line.size() &&
             isBlank(line[q]);
        if (ok) {
            q = skipBlanks(line, q);
            if (readTimeOfDay(line, q, secs, nsec, nano) && endsToken(line, q)) {
                r.hasTimestamp = true;
                r.ts = {daysFromCivil(int64_t(y), unsigned(mo), unsigned(d)) * 86400 + secs, nsec};
                r.nano = nano;
                r.end = skipBlanks(line, q);
                return r;
            }
        }
    }
    // Default: time of day.
    {
        size_t q = p;
        if (readTimeOfDay(line, q, secs, nsec, nano) && endsToken(line, q)) {
            r.hasTimestamp = true;
            r.ts = {secs, nsec};
            r.nano = nano;
            r.end = skipBlanks(line, q);
            return r;
        }
    }
    // -tt: seconds since the epoch with a fraction.
    {
        size_t q = p, n = 0;
        uint64_t s = readDecimal(line, q, 12, n);
        if (n > 0 && q < line.size() && line[q] == '.' && readFraction(line, q, nsec, nano) &&
            endsToken(line, q)) {
            r.hasTimestamp = true;
            r.ts = {int64_t(s), nsec};
            r.nano = nano;
            r.end = skipBlanks(line, q);
            return r;
        }
    }
    return r;
}

} // namespace tcpscope::textscan
