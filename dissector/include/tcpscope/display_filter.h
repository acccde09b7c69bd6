// SPDX-License-Identifier: GPL-2.0-or-later
// Display filters in Wireshark's language (`tcp.port == 80 && !tcp.analysis.retransmission`),
// compiled once against the field registry and tested on a packet's tree. A filter names the
// fields it reads (fields()), so a tree that keeps only those (ProtoTree::keepOnly) is enough,
// as Wireshark's filters prime only the fields they reference.
//
// This first part of the language: a field alone (present), == != < > <= >= and their word
// forms (eq ne lt gt le ge), `contains`, `in {a, b, c..d}`, `not and or xor` and `! && || ^^`
// with Wireshark's precedence (not, then and, xor, or), parentheses; literals of each field type:
// integers (decimal, 0x hex, 0 octal), value names, True/False, IPv4 and IPv6 addresses with
// /prefix, quoted strings with escapes, byte strings (2a:31). A field that occurs several times
// matches when any occurrence does; `!=` is `!(a == b)`, as in Wireshark 4. tcp.port, ip.addr
// and ipv6.addr stand for either endpoint's field, as Wireshark's hidden fields do.
#pragma once

#include "tcpscope/field.h"
#include "tcpscope/proto_tree.h"

#include <cstddef>
#include <memory>
#include <optional>
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
    // Whether a packet's tree (with the tracker's analysis added) passes.
    bool matches(const ProtoTree& tree) const;

    struct Program;

  private:
    explicit DisplayFilter(std::unique_ptr<Program> program);
    std::unique_ptr<Program> m_program;
};

} // namespace tcpscope
