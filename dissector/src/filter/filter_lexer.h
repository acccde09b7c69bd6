// SPDX-License-Identifier: GPL-2.0-or-later
// The display filter's tokens: words (field names and unquoted literals alike, as Wireshark
// lexes them), quoted strings, operators and punctuation, each with its column. Internal.
#pragma once

#include "tcpscope/display_filter.h"

#include <string>
#include <string_view>
#include <vector>

namespace tcpscope::filter {

enum class Tok : uint8_t {
    Word,   // tcp.port, 80, 10.0.0.0/8, 2a:31, True, and, eq ...
    String, // "..." with its escapes resolved
    Eq,
    Ne,
    AllEq, // ===
    AnyNe, // !== and ~=
    Lt,
    Gt,
    Le,
    Ge,
    Not, // ! (the word "not" stays a Word)
    And, // &&
    Or,  // ||
    Xor, // ^^
    LParen,
    RParen,
    LBrace,
    RBrace,
    Comma,
    DotDot, // .. between set members
    Tilde,  // ~ (matches)
    BitAnd, // &
    LBracket,
    RBracket,
    End,
};

struct Token {
    Tok kind = Tok::End;
    std::string text;  // a word's text, a string's value
    size_t column = 0; // 1-based
};

// The tokens of `text`, ending with Tok::End; false with `error` at the first bad character.
bool lex(std::string_view text, std::vector<Token>& out, FilterError& error);

} // namespace tcpscope::filter
