// SPDX-License-Identifier: GPL-2.0-or-later
// A display filter's literal, read for the type of the field it is compared with, and the
// comparison of a node's value with it. Internal.
#pragma once

#include "tcpscope/field.h"
#include "tcpscope/proto_tree.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope::filter {

enum class Op : uint8_t { Eq, Ne, Lt, Gt, Le, Ge, Contains };

// What a field's values are compared as.
enum class Kind : uint8_t { None, Unsigned, Signed, Float, Address, Text, Bytes };
Kind kindOf(FieldType type);
std::string_view kindName(Kind k); // "an unsigned integer", ...

struct Literal {
    Kind kind = Kind::None;
    uint64_t u = 0;
    int64_t i = 0;
    double d = 0;
    std::vector<uint8_t> bytes; // an address (4 or 16 bytes), or a byte string
    std::string text;
    unsigned prefix = 0; // an address's /prefix (all bits when not given)
};

// Reads `word` (unquoted, or a quoted string's value when `quoted`) as a literal for `field`;
// false when it is not one (the caller says what was expected).
bool readLiteral(const FieldDef& field, std::string_view word, bool quoted, Literal& out);
// The same for a value of another kind than the field's (a slice's bytes, len()'s number,
// upper()'s string); `field` still decides an address's family and the value names.
bool readLiteralAs(Kind kind, const FieldDef& field, std::string_view word, bool quoted,
                   Literal& out);

// One value as a relation reads it: a number, or bytes (strings and addresses included) that
// point into the tree, the frame, the literal or the evaluator's scratch buffer.
struct Val {
    Kind kind = Kind::None;
    uint64_t u = 0;
    int64_t i = 0;
    double d = 0;
    std::span<const uint8_t> bytes;
    unsigned prefix = 128; // an address literal's /prefix: only these bits are compared
};
Val valOf(const Literal& lit);
bool isNumber(Kind k);
bool isByteLike(Kind k);

// Whether `a` relates to `b` as `op` says.
bool compare(const Val& a, Op op, const Val& b);

} // namespace tcpscope::filter
