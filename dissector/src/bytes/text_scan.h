// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers shared by the pasted-text parsers (hex dumps, tcpdump summary lines): walking
// lines without copying, 1-based line/column positions for error messages, and the timestamp
// prefix tcpdump prints in its various -t modes. Internal to the core library.
#pragma once

#include "tcpscope/frame.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tcpscope::textscan {

// One line of the input, without its "\n" or "\r\n"; offset is where it starts in the text.
struct Line {
    std::string_view text;
    size_t offset = 0;
    uint32_t number = 0; // 1-based
};

// Yields the lines of a text one by one. Only '\n' ends a line, so binary data with NULs or
// lone '\r' is simply a long line; each byte is looked at once (linear time).
class LineCursor {
  public:
    explicit LineCursor(std::string_view text) : m_text(text) {}
    bool next(Line& line);

  private:
    std::string_view m_text;
    size_t m_pos = 0;
    uint32_t m_number = 0;
};

inline bool isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

// Index of the first character at or after pos that is not a space or tab.
size_t skipBlanks(std::string_view s, size_t pos);
bool isBlankLine(std::string_view s);

// 1-based column of byte pos in a line, counting UTF-8 characters (so a column points at the
// character the user sees, even after Chinese comments).
uint32_t columnAt(std::string_view line, size_t pos);

// "'g'", "byte 0x00", "'中'" or "the end of the line": what stands at pos, for messages.
std::string describeAt(std::string_view line, size_t pos);

InputError errorAt(const Line& line, size_t pos, std::string message);

// "0x%04x", the offset style of tcpdump and of our messages.
std::string hex4(uint64_t value);

// The prefix tcpdump prints before a packet line: an optional -# packet number ("    1  "),
// then a timestamp: "10:55:45.662077" (default, time of day, dated 1970-01-01 UTC),
// "2024-01-02 10:55:45.662077" (-tttt, read as UTC), "1700000000.123456" (-tt), with 6 or 9
// (--nano) fractional digits; -t prints none.
struct TimestampPrefix {
    bool hasTimestamp = false;
    Timestamp ts;
    bool nano = false;   // nine fractional digits
    uint64_t number = 0; // -# packet number, 0 when absent
    size_t end = 0;      // first character after the prefix and its blanks
};
TimestampPrefix parseTimestampPrefix(std::string_view line);

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d);

} // namespace tcpscope::textscan
