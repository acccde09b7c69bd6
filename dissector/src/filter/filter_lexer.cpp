// SPDX-License-Identifier: GPL-2.0-or-later
#include "filter_lexer.h"

#include "bytes/text_scan.h"

#include <cctype>

namespace tcpscope::filter {

namespace {

bool wordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' ||
           c == '/' || c == '-';
}

// A quoted string from text[i] (the opening quote); advances i past the closing one.
bool lexString(std::string_view text, size_t& i, Token& t, FilterError& error) {
    t.kind = Tok::String;
    for (++i; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            ++i;
            return true;
        }
        if (c != '\\') {
            t.text += c;
            continue;
        }
        if (++i >= text.size()) break;
        const char e = text[i];
        if (e == 'n')
            t.text += '\n';
        else if (e == 't')
            t.text += '\t';
        else if (e == 'r')
            t.text += '\r';
        else if (e == '0')
            t.text += '\0';
        else if (e == 'x' && i + 2 < text.size() && textscan::hexValue(text[i + 1]) >= 0 &&
                 textscan::hexValue(text[i + 2]) >= 0) {
            t.text += char(textscan::hexValue(text[i + 1]) * 16 + textscan::hexValue(text[i + 2]));
            i += 2;
        } else if (e == '"' || e == '\\')
            t.text += e;
        else {
            error = {i + 1, "unknown escape \"\\" + std::string(1, e) + "\" in a string", {}};
            return false;
        }
    }
    error = {t.column, "a string that is never closed (a \" is missing)", {}};
    return false;
}

// The operator at text[i], or End; `len` its length.
Tok symbol(std::string_view s, size_t& len) {
    struct Sym {
        std::string_view text;
        Tok kind;
    };
    // Longest first: "===" before "==", "&&" before "&".
    static constexpr Sym kSyms[] = {
        {"===", Tok::AllEq}, {"!==", Tok::AnyNe},  {"==", Tok::Eq},      {"!=", Tok::Ne},
        {"~=", Tok::AnyNe},  {"<=", Tok::Le},      {">=", Tok::Ge},      {"&&", Tok::And},
        {"||", Tok::Or},     {"^^", Tok::Xor},     {"..", Tok::DotDot},  {"<", Tok::Lt},
        {">", Tok::Gt},      {"!", Tok::Not},      {"(", Tok::LParen},   {")", Tok::RParen},
        {"{", Tok::LBrace},  {"}", Tok::RBrace},   {",", Tok::Comma},    {"~", Tok::Tilde},
        {"&", Tok::BitAnd},  {"[", Tok::LBracket}, {"]", Tok::RBracket},
    };
    for (const Sym& sym : kSyms)
        if (s.substr(0, sym.text.size()) == sym.text) {
            len = sym.text.size();
            return sym.kind;
        }
    return Tok::End;
}

} // namespace

bool lex(std::string_view text, std::vector<Token>& out, FilterError& error) {
    size_t i = 0;
    while (true) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        Token t;
        t.column = i + 1;
        if (i >= text.size()) {
            out.push_back(std::move(t));
            return true;
        }
        if (text[i] == '"') {
            if (!lexString(text, i, t, error)) return false;
        } else if (wordChar(text[i]) && text.substr(i, 2) != "..") {
            t.kind = Tok::Word;
            // A word stops before ".." (a set's range), which its characters would swallow.
            while (i < text.size() && wordChar(text[i]) && text.substr(i, 2) != "..")
                t.text += text[i++];
        } else {
            size_t len = 0;
            t.kind = symbol(text.substr(i), len);
            if (t.kind == Tok::End) {
                error = {i + 1, "unexpected character '" + std::string(1, text[i]) + "'", {}};
                return false;
            }
            i += len;
        }
        out.push_back(std::move(t));
    }
}

} // namespace tcpscope::filter
