// SPDX-License-Identifier: GPL-2.0-or-later
// A compiled display filter: the tests on a packet's fields and the boolean expression over
// them. The parser (filter_parser.cpp) builds it, display_filter.cpp evaluates it. Internal.
#pragma once

#include "filter_value.h"
#include "tcpscope/display_filter.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace tcpscope::filter {

// One part of a slice, as Wireshark writes them: [i:j] (start, length), [i-j] (start, last
// byte), [i] (one byte), [:j] (the first j), [i:] (to the end); negative offsets count from
// the end.
struct Range {
    enum class End : uint8_t { Length, Last, ToEnd } end = End::Length;
    int64_t start = 0;
    int64_t length = 1; // Length
    int64_t last = 0;   // Last
};

// A regular expression compiled with PCRE2 (the library Wireshark uses), freed with it.
class Regex {
  public:
    // Null with `error` set when PCRE2 refuses the pattern.
    static std::shared_ptr<const Regex> compile(const std::string& pattern, std::string& error);
    ~Regex();
    bool search(std::span<const uint8_t> subject) const;

  private:
    explicit Regex(void* code) : m_code(code) {}
    void* m_code; // pcre2_code_8
};

// What a relation reads: a field (or an alias's fields) with an optional slice, function and
// mask, yielding one value per occurrence (count() yields one value for all of them).
struct Operand {
    enum class Fn : uint8_t { None, Len, Count, Upper, Lower } fn = Fn::None;
    std::vector<FieldId> fields;
    Kind fieldKind = Kind::None; // the field's own kind (Bytes for a protocol's bytes)
    bool protocol = false;       // a protocol: its value is its bytes in the frame
    std::vector<Range> slice;    // empty: the whole value
    bool masked = false;         // `& mask`
    Literal mask;
    std::string name; // the field as the filter named it, for errors
    size_t column = 0;

    // The kind of the values it yields.
    Kind kind() const;
};

// The protocols whose fields bound another protocol's bytes: IP layers end their datagram;
// link layers (and the frame) run to the frame's end.
struct IpFields {
    FieldId v4 = kNoField, v6 = kNoField;
    std::vector<FieldId> link;
    bool isLink(FieldId f) const { return std::find(link.begin(), link.end(), f) != link.end(); }
};
IpFields ipFields();

struct Test {
    enum class Form : uint8_t { Present, NonZero, Compare, In, Matches } form = Form::Present;
    // Any: one occurrence relates; All: every occurrence does (and there is one); None: no
    // occurrence relates but the field is there (Wireshark 4's `!=`).
    enum class Quant : uint8_t { Any, All, None } quant = Quant::Any;
    Operand lhs;
    Op op = Op::Eq;
    bool rhsIsField = false;
    Operand rhs;                                  // rhsIsField
    Literal literal;                              // Compare with a value
    std::vector<std::pair<Literal, Literal>> set; // In: members as ranges [lo, hi]
    std::shared_ptr<const Regex> regex;           // Matches
};

} // namespace tcpscope::filter

namespace tcpscope {

struct DisplayFilter::Program {
    struct Node {
        enum class Kind : uint8_t { And, Or, Xor, Not, Test } kind = Kind::Test;
        int32_t a = -1, b = -1; // operands (Not: a)
        size_t test = 0;
    };
    std::vector<filter::Test> tests;
    std::vector<Node> nodes;
    int32_t root = -1;
    std::vector<FieldId> fields;
    bool needsBytes = false;

    bool test(const filter::Test& t, const ProtoTree& tree, std::span<const uint8_t> frame) const;
    bool eval(int32_t node, const ProtoTree& tree, std::span<const uint8_t> frame) const;
};

namespace filter {
// Parses tokens into `p`; false with `e` set.
bool parse(std::string_view text, DisplayFilter::Program& p, FilterError& e);
} // namespace filter

} // namespace tcpscope
