// SPDX-License-Identifier: GPL-2.0-or-later
// Display filters in Wireshark's language (`tcp.port == 80 && !tcp.analysis.retransmission`),
// compiled once against the field registry and tested on a packet's tree. A filter names the
// fields it reads (fields()), so a tree that keeps only those (ProtoTree::keepOnly) is enough,
// as Wireshark's filters prime only the fields they reference.
//
// The language, as Wireshark 4 users type it: a field alone (present), == != < > <= >= and the
// word forms (eq ne lt gt le ge), === !== ~= (all_eq any_ne), contains, matches and ~ (PCRE2,
// case-insensitive unless (?-i), as in Wireshark 4),
// `in {a, b, c..d}`, `not and or xor` and `! && || ^^` with Wireshark's precedence (not, then
// and, xor, or), parentheses; bitwise & (`tcp.flags & 0x12`, alone: non-zero), slices
// ([i:j] [i-j] [i] [:j] [i:] with negative offsets counting from the end, comma lists) of
// bytes, strings, addresses and protocols (`tcp[13]`: the protocol's bytes in the frame), the
// functions len() count() upper() lower(), `any`/`all` before a field, a field compared with
// another field; literals of each field type: integers (decimal, 0x hex, 0 octal), value names,
// True/False, IPv4 and IPv6 addresses with /prefix, quoted strings with escapes, byte strings
// (2a:31). A field that occurs several times matches when any occurrence does; `!=` is
// `!(a == b)` on a present field, as in Wireshark 4. tcp.port, ip.addr and ipv6.addr stand for
// either endpoint's field, as Wireshark's hidden fields do.
#pragma once

#include "tcpscope/field.h"
#include "tcpscope/proto_tree.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

struct FilterError {
    size_t column = 0; // 1-based, in the filter text
    std::string message;
    std::string hint; // "did you mean tcp.flags?", or empty
    // "unknown field \"tcp.flgs\" at column 1; did you mean tcp.flags?"
    std::string text() const;
};

class DisplayFilter {
  public:
    // Longest filter text and deepest nesting accepted; beyond them an error, never a crash.
    static constexpr size_t kMaxLength = 64 * 1024;
    static constexpr size_t kMaxDepth = 200;

    // The filter, or nothing with `error` saying where and what was expected.
    static std::optional<DisplayFilter> compile(std::string_view text, FilterError* error);

    DisplayFilter(DisplayFilter&&) noexcept;
    DisplayFilter& operator=(DisplayFilter&&) noexcept;
    ~DisplayFilter();

    // The fields the filter reads, each once.
    const std::vector<FieldId>& fields() const;
    // Whether the filter reads a protocol's bytes (`tcp[13]`, `frame contains "x"`): matches()
    // then needs the frame's bytes, without which those relations see no value.
    bool needsBytes() const;
    // Whether a packet's tree (with the tracker's analysis added) passes; `frame` is the
    // packet's captured bytes, which only needsBytes() filters read.
    bool matches(const ProtoTree& tree, std::span<const uint8_t> frame = {}) const;

    struct Program;

  private:
    explicit DisplayFilter(std::unique_ptr<Program> program);
    std::unique_ptr<Program> m_program;
};

} // namespace tcpscope
