// SPDX-License-Identifier: GPL-2.0-or-later
// A small JSON reader for exercise files (RFC 8259): every value keeps the line and column it
// starts at, so a check after parsing ("steps[2].hide: no field \"sek\"") can say where, as the
// parse errors do. Bounded: nesting deeper than kMaxJsonDepth is an error, not a stack overflow.
#pragma once

#include "tcpscope/frame.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope::detail {

inline constexpr int kMaxJsonDepth = 64;

struct JsonMember;

struct JsonValue {
    enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };
    Kind kind = Kind::Null;
    bool boolean = false;
    double number = 0;
    bool integer = false;            // the number was written without fraction or exponent
    std::string text;                // a string's value, a number as written
    std::vector<JsonValue> items;    // an array's
    std::vector<JsonMember> members; // an object's, in file order
    uint32_t line = 1, column = 1;   // where the value starts

    // The member called `name`, or null (defined out of the class: the type is incomplete here).
    const JsonValue* member(std::string_view name) const;
    std::string_view kindName() const;
};

struct JsonMember {
    std::string name;
    JsonValue value;
};

// The document's one value, or nullopt with `error` (message, line, column) filled in.
std::optional<JsonValue> parseJson(std::string_view text, InputError* error);

// `text` as a JSON string literal, quotes included.
std::string jsonQuoted(std::string_view text);

} // namespace tcpscope::detail
