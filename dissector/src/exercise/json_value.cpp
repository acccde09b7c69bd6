// SPDX-License-Identifier: GPL-2.0-or-later
#include "json_value.h"

#include "tcpscope/tree_format.h"

#include <cstdio>
#include <cstdlib>

namespace tcpscope::detail {

const JsonValue* JsonValue::member(std::string_view name) const {
    for (const JsonMember& m : members)
        if (m.name == name) return &m.value;
    return nullptr;
}

std::string_view JsonValue::kindName() const {
    switch (kind) {
    case Kind::Null:
        return "null";
    case Kind::Bool:
        return "true or false";
    case Kind::Number:
        return "a number";
    case Kind::String:
        return "a string";
    case Kind::Array:
        return "an array";
    case Kind::Object:
        return "an object";
    }
    return "a value";
}

namespace {

class JsonReader {
  public:
    explicit JsonReader(std::string_view text) : m_text(text) {}

    std::optional<JsonValue> document(InputError* error) {
        JsonValue v;
        skipSpace();
        bool ok = value(v, 0);
        if (ok) {
            skipSpace();
            if (!atEnd())
                ok = !fail("expected the end of the file after the top-level value, "
                           "found " +
                           found());
        }
        if (ok) return v;
        if (error) *error = m_error;
        return std::nullopt;
    }

  private:
    bool atEnd() const { return m_at >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_at]; }

    void advance() {
        if (m_text[m_at] == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((static_cast<unsigned char>(m_text[m_at]) & 0xc0) != 0x80) {
            ++m_column; // a column is a character, not a UTF-8 continuation byte
        }
        ++m_at;
    }

    void skipSpace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            advance();
    }

    std::string found() const {
        if (atEnd()) return "the end of the file";
        const char c = peek();
        if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
        char buf[16];
        std::snprintf(buf, sizeof buf, "byte 0x%02x", static_cast<unsigned char>(c));
        return buf;
    }

    // Records the first error, at the current position; returns true so callers can chain.
    bool fail(std::string message) {
        if (m_error.message.empty()) {
            m_error.message = std::move(message);
            m_error.line = m_line;
            m_error.column = m_column;
        }
        return true;
    }

    bool value(JsonValue& v, int depth) {
        v.line = m_line;
        v.column = m_column;
        if (depth > kMaxJsonDepth) return !fail("values nested deeper than 64 levels");
        switch (peek()) {
        case '{':
            return object(v, depth);
        case '[':
            return array(v, depth);
        case '"':
            v.kind = JsonValue::Kind::String;
            return string(v.text);
        case 't':
            return literal("true", v, JsonValue::Kind::Bool, true);
        case 'f':
            return literal("false", v, JsonValue::Kind::Bool, false);
        case 'n':
            return literal("null", v, JsonValue::Kind::Null, false);
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number(v);
            return !fail("expected a value (a string, number, object, array, true, false or "
                         "null), found " +
                         found());
        }
    }

    bool literal(std::string_view word, JsonValue& v, JsonValue::Kind kind, bool b) {
        if (m_text.substr(m_at, word.size()) != word)
            return !fail("expected a value, found " + found());
        for (size_t i = 0; i < word.size(); ++i) advance();
        v.kind = kind;
        v.boolean = b;
        return true;
    }

    bool digits() {
        if (!(peek() >= '0' && peek() <= '9')) return false;
        while (peek() >= '0' && peek() <= '9') advance();
        return true;
    }

    bool number(JsonValue& v) {
        const size_t start = m_at;
        if (peek() == '-') advance();
        if (peek() == '0')
            advance();
        else if (!digits())
            return !fail("expected a digit, found " + found());
        v.integer = true;
        if (peek() == '.') {
            advance();
            v.integer = false;
            if (!digits()) return !fail("expected a digit after '.', found " + found());
        }
        if (peek() == 'e' || peek() == 'E') {
            advance();
            v.integer = false;
            if (peek() == '+' || peek() == '-') advance();
            if (!digits()) return !fail("expected the exponent's digits, found " + found());
        }
        v.kind = JsonValue::Kind::Number;
        v.text = std::string(m_text.substr(start, m_at - start));
        v.number = std::strtod(v.text.c_str(), nullptr);
        return true;
    }

    bool hex4(uint32_t& out) {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = peek();
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0) return !fail("expected four hex digits after \\u, found " + found());
            out = out * 16 + uint32_t(d);
            advance();
        }
        return true;
    }

    static void appendUtf8(std::string& s, uint32_t cp) {
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xc0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            s += char(0xe0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        } else {
            s += char(0xf0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3f));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        }
    }

    bool escape(std::string& out) {
        advance(); // the backslash
        const char c = peek();
        static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
        if (const size_t i = kFrom.find(c); c && i != std::string_view::npos) {
            out += kTo[i];
            advance();
            return true;
        }
        if (c != 'u')
            return !fail("unknown escape \\" + std::string(1, c ? c : ' ') + " in a string");
        advance();
        uint32_t cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xd800 && cp < 0xdc00) { // a surrogate pair: the low half must follow
            uint32_t low = 0;
            if (peek() != '\\' || m_text.substr(m_at, 2) != "\\u")
                return !fail("a \\u high surrogate without its low half");
            advance();
            advance();
            if (!hex4(low)) return false;
            if (low < 0xdc00 || low >= 0xe000)
                return !fail("a \\u high surrogate without its low half");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        } else if (cp >= 0xdc00 && cp < 0xe000) {
            return !fail("a \\u low surrogate without its high half");
        }
        appendUtf8(out, cp);
        return true;
    }

    bool string(std::string& out) {
        advance(); // the opening quote
        while (true) {
            if (atEnd()) return !fail("a string not closed before the end of the file");
            const char c = peek();
            if (c == '"') {
                advance();
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return !fail("a control character (line break, tab) inside a string: write it "
                             "as \\n or \\t");
            if (c == '\\') {
                if (!escape(out)) return false;
                continue;
            }
            out += c;
            advance();
        }
    }

    bool array(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::Array;
        advance();
        skipSpace();
        if (peek() == ']') {
            advance();
            return true;
        }
        while (true) {
            v.items.emplace_back();
            if (!value(v.items.back(), depth + 1)) return false;
            skipSpace();
            if (peek() == ']') {
                advance();
                return true;
            }
            if (peek() != ',')
                return !fail("expected ',' or ']' after an array item, found " + found());
            advance();
            skipSpace();
        }
    }

    bool object(JsonValue& v, int depth) {
        v.kind = JsonValue::Kind::Object;
        advance();
        skipSpace();
        if (peek() == '}') {
            advance();
            return true;
        }
        while (true) {
            if (peek() != '"')
                return !fail("expected a member name in double quotes, found " + found());
            std::string name;
            if (!string(name)) return false;
            skipSpace();
            if (peek() != ':') return !fail("expected ':' after the member name, found " + found());
            advance();
            skipSpace();
            v.members.push_back(JsonMember{std::move(name), JsonValue{}});
            if (!value(v.members.back().value, depth + 1)) return false;
            skipSpace();
            if (peek() == '}') {
                advance();
                return true;
            }
            if (peek() != ',') return !fail("expected ',' or '}' after a member, found " + found());
            advance();
            skipSpace();
        }
    }

    std::string_view m_text;
    size_t m_at = 0;
    uint32_t m_line = 1, m_column = 1;
    InputError m_error;
};

} // namespace

std::optional<JsonValue> parseJson(std::string_view text, InputError* error) {
    if (text.substr(0, 3) == "\xef\xbb\xbf") text.remove_prefix(3); // a UTF-8 byte order mark
    return JsonReader(text).document(error);
}

// The same escaping as the JSON output's (invalid UTF-8 becomes U+FFFD, as a JSON text must be
// UTF-8).
std::string jsonQuoted(std::string_view text) {
    std::string out = "\"";
    out += jsonEscape(text);
    out += '"';
    return out;
}

} // namespace tcpscope::detail
