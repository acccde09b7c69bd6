// SPDX-License-Identifier: GPL-2.0-or-later
// The display filter's grammar, loosest first:
//   or     := xor (("or" | "||") xor)*
//   xor    := and (("xor" | "^^") and)*
//   and    := not (("and" | "&&") not)*
//   not    := ("not" | "!") not | "(" or ")" | test
//   test   := ["any" | "all"] operand [relation]
//   operand:= (field | fn "(" field ")") ["[" range ("," range)* "]"] ["&" value]
//   relation := op (value | operand) | "in" "{" value [".." value] ("," ...)* "}"
//             | ("matches" | "~") string | "contains" (value | operand)
#include "filter_lexer.h"
#include "filter_program.h"

#include <algorithm>
#include <cstdlib>

namespace tcpscope::filter {

namespace {

using Program = DisplayFilter::Program;
using Node = Program::Node;

// Wireshark's hidden fields that stand for either endpoint's.
struct Alias {
    std::string_view name;
    std::string_view fields[2];
};
constexpr Alias kAliases[] = {
    {"tcp.port", {"tcp.srcport", "tcp.dstport"}},
    {"udp.port", {"udp.srcport", "udp.dstport"}},
    {"ip.addr", {"ip.src", "ip.dst"}},
    {"ipv6.addr", {"ipv6.src", "ipv6.dst"}},
};

struct Function {
    std::string_view name;
    Operand::Fn fn;
};
constexpr Function kFunctions[] = {
    {"len", Operand::Fn::Len},
    {"count", Operand::Fn::Count},
    {"upper", Operand::Fn::Upper},
    {"lower", Operand::Fn::Lower},
};

size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string suggestion(std::string_view word) {
    const FieldRegistry& reg = FieldRegistry::instance();
    std::string best;
    size_t bestDistance = 3; // at most two edits away
    const auto consider = [&](std::string_view name) {
        if (name.size() > word.size() + 2 || word.size() > name.size() + 2) return;
        const size_t d = editDistance(word, name);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::string(name);
        }
    };
    for (size_t i = 0; i < reg.size(); ++i) consider(reg.def(FieldId(i)).abbrev);
    for (const Alias& a : kAliases) consider(a.name);
    return best.empty() ? std::string() : "did you mean " + best + "?";
}

bool isField(std::string_view word) {
    for (const Alias& a : kAliases)
        if (a.name == word) return true;
    return FieldRegistry::instance().find(word).has_value();
}

// A slice's part ("0:2", "-2:", "1-3", ":4", "5"); false when it is none of those.
bool readRange(std::string_view w, Range& r) {
    const auto number = [](std::string_view s, int64_t& out) {
        if (s.empty() || s.size() > 9) return false;
        const bool negative = s[0] == '-';
        std::string_view digits = negative ? s.substr(1) : s;
        if (digits.empty()) return false;
        int64_t v = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        out = negative ? -v : v;
        return true;
    };
    if (w.empty()) return false;
    // The separator is the first ':' or the first '-' after the start's own sign.
    const size_t colon = w.find(':');
    if (colon != std::string_view::npos) {
        r.start = 0;
        if (colon > 0 && !number(w.substr(0, colon), r.start)) return false;
        if (colon + 1 == w.size()) {
            r.end = Range::End::ToEnd;
            return colon > 0;
        }
        r.end = Range::End::Length;
        return number(w.substr(colon + 1), r.length) && r.length > 0;
    }
    const size_t dash = w.find('-', 1);
    if (dash != std::string_view::npos) {
        r.end = Range::End::Last;
        return number(w.substr(0, dash), r.start) && number(w.substr(dash + 1), r.last);
    }
    r.end = Range::End::Length;
    r.length = 1;
    return number(w, r.start);
}

class Parser {
  public:
    Parser(std::vector<Token> tokens, Program& p, FilterError& e)
        : m_t(std::move(tokens)), m_p(p), m_e(e) {}

    bool run() {
        m_p.root = parseBinary(0);
        if (m_p.root < 0) return false;
        if (peek().kind != Tok::End) return fail(peek().column, "expected and, or, xor or the end");
        return true;
    }

  private:
    const Token& peek(size_t ahead = 0) const {
        return m_t[std::min(m_at + ahead, m_t.size() - 1)];
    }
    bool isWord(std::string_view w, size_t ahead = 0) const {
        return peek(ahead).kind == Tok::Word && peek(ahead).text == w;
    }
    bool fail(size_t column, std::string message, std::string hint = {}) {
        if (m_e.message.empty()) m_e = {column, std::move(message), std::move(hint)};
        return false;
    }
    int32_t node(Node::Kind k, int32_t a, int32_t b = -1) {
        m_p.nodes.push_back({k, a, b, 0});
        return int32_t(m_p.nodes.size() - 1);
    }
    int32_t tooDeep() {
        fail(peek().column, "the filter is nested too deeply (at most " +
                                std::to_string(DisplayFilter::kMaxDepth) + " levels)");
        return -1;
    }

    // Binary levels, loosest first: or, xor, and.
    int32_t parseBinary(int level) {
        if (level == 3) return parseNot();
        static constexpr Tok kSym[] = {Tok::Or, Tok::Xor, Tok::And};
        static constexpr std::string_view kWord[] = {"or", "xor", "and"};
        static constexpr Node::Kind kKind[] = {Node::Kind::Or, Node::Kind::Xor, Node::Kind::And};
        int32_t left = parseBinary(level + 1);
        while (left >= 0 && (peek().kind == kSym[level] || isWord(kWord[level]))) {
            ++m_at;
            const int32_t right = parseBinary(level + 1);
            if (right < 0) return -1;
            left = node(kKind[level], left, right);
        }
        return left;
    }

    int32_t parseNot() {
        if (peek().kind != Tok::Not && !isWord("not")) return parsePrimary();
        if (++m_depth > DisplayFilter::kMaxDepth) return tooDeep();
        ++m_at;
        const int32_t operand = parseNot();
        --m_depth;
        return operand < 0 ? -1 : node(Node::Kind::Not, operand);
    }

    int32_t parsePrimary() {
        const Token& t = peek();
        if (t.kind == Tok::LParen) {
            if (++m_depth > DisplayFilter::kMaxDepth) return tooDeep();
            ++m_at;
            const int32_t inner = parseBinary(0);
            if (inner < 0) return -1;
            if (peek().kind != Tok::RParen) {
                fail(peek().column,
                     "expected ')' to close the '(' at column " + std::to_string(t.column));
                return -1;
            }
            ++m_at;
            --m_depth;
            return inner;
        }
        if (t.kind != Tok::Word || t.text == "and" || t.text == "or" || t.text == "xor") {
            fail(t.column, t.kind == Tok::End ? "the filter ends where a field or '(' was expected"
                                              : "expected a field or '('");
            return -1;
        }
        return parseTest();
    }

    // The field (or alias) a word names; false with the error otherwise.
    bool resolve(const Token& t, std::vector<FieldId>& out) {
        for (const Alias& a : kAliases)
            if (a.name == t.text) {
                for (std::string_view f : a.fields)
                    if (auto id = FieldRegistry::instance().find(f)) out.push_back(*id);
                return !out.empty();
            }
        if (auto id = FieldRegistry::instance().find(t.text)) {
            out.push_back(*id);
            return true;
        }
        return fail(t.column, "unknown field \"" + t.text + "\"", suggestion(t.text));
    }

    void keep(FieldId f) {
        if (f != kNoField && std::find(m_p.fields.begin(), m_p.fields.end(), f) == m_p.fields.end())
            m_p.fields.push_back(f);
    }
    void read(const Operand& o) {
        for (FieldId f : o.fields) keep(f);
        if (!o.protocol) return;
        m_p.needsBytes = true;
        // A protocol above IP ends with its datagram: the evaluator reads the IP layers' lengths.
        static const IpFields ip = ipFields();
        if (!ip.isLink(o.fields.front())) {
            keep(ip.v4);
            keep(ip.v6);
        }
    }
    const FieldDef& defOf(const Operand& o) const {
        return FieldRegistry::instance().def(o.fields.front());
    }

    // A field with its slice, or a function of one, then an optional `& mask`.
    bool parseOperand(Operand& o) {
        o.column = peek().column;
        const Token& first = m_t[m_at];
        Operand::Fn fn = Operand::Fn::None;
        if (peek(1).kind == Tok::LParen && first.kind == Tok::Word) {
            const auto* f = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                         [&](const Function& k) { return k.name == first.text; });
            if (f == std::end(kFunctions))
                return fail(first.column, "unknown function \"" + first.text +
                                              "\" (the functions are len, count, upper and lower)");
            fn = f->fn;
            m_at += 2;
        }
        if (peek().kind != Tok::Word) return fail(peek().column, "expected a field");
        o.name = peek().text;
        if (!resolve(m_t[m_at++], o.fields)) return false;
        const FieldDef& def = defOf(o);
        o.protocol = def.type == FieldType::Protocol;
        o.fieldKind = o.protocol ? Kind::Bytes : kindOf(def.type);
        if (peek().kind == Tok::LBracket && !parseSlice(o)) return false;
        if (fn != Operand::Fn::None) {
            if (peek().kind != Tok::RParen)
                return fail(peek().column, "expected ')' after the function's field");
            ++m_at;
            if (!checkFunction(o, fn, first)) return false;
        }
        if (peek().kind == Tok::BitAnd && !parseMask(o)) return false;
        read(o);
        return true;
    }

    bool parseSlice(Operand& o) {
        const Token& open = peek();
        if (!isByteLike(o.fieldKind))
            return fail(open.column, o.name + " is " + std::string(kindName(o.fieldKind)) +
                                         " and cannot be sliced into bytes");
        ++m_at;
        while (true) {
            Range r;
            if (peek().kind != Tok::Word || !readRange(peek().text, r))
                return fail(peek().column, "expected a range such as 0:2, 1-3, 4, :2 or -2:");
            o.slice.push_back(r);
            ++m_at;
            if (peek().kind == Tok::RBracket) break;
            if (peek().kind != Tok::Comma) return fail(peek().column, "expected ',' or ']'");
            ++m_at;
        }
        ++m_at;
        return true;
    }

    bool checkFunction(Operand& o, Operand::Fn fn, const Token& name) {
        o.fn = fn;
        const Kind k = o.slice.empty() ? o.fieldKind : Kind::Bytes;
        if (fn == Operand::Fn::Len && !isByteLike(k))
            return fail(name.column, "len() needs a string, bytes or address field; " + o.name +
                                         " is " + std::string(kindName(k)));
        if ((fn == Operand::Fn::Upper || fn == Operand::Fn::Lower) && k != Kind::Text)
            return fail(name.column, "only string fields can be given to " + name.text + "(); " +
                                         o.name + " is " + std::string(kindName(k)));
        if (fn == Operand::Fn::Count && !o.slice.empty())
            return fail(name.column, "count() takes a field, not a slice");
        return true;
    }

    bool parseMask(Operand& o) {
        const Token& amp = peek();
        const Kind k = o.kind();
        if (defOf(o).type == FieldType::Bool ||
            (k != Kind::Unsigned && k != Kind::Signed && k != Kind::Bytes))
            return fail(
                amp.column,
                "& needs an integer or bytes value; " + o.name + " is " +
                    std::string(defOf(o).type == FieldType::Bool ? "a boolean" : kindName(k)));
        ++m_at;
        const Token& v = peek();
        if (v.kind != Tok::Word || !readLiteralAs(k, defOf(o), v.text, false, o.mask))
            return fail(v.column, "expected a mask for & (a number or bytes)");
        ++m_at;
        o.masked = true;
        return true;
    }

    // A relation's operator at the current token, consumed; false when there is none.
    bool relation(Test& t) {
        struct Rel {
            Tok sym;
            std::string_view word;
            Op op;
            Test::Quant quant;
        };
        using Q = Test::Quant;
        static constexpr Rel kRels[] = {
            {Tok::Eq, "eq", Op::Eq, Q::Any},
            {Tok::Ne, "ne", Op::Eq, Q::None},
            {Tok::AllEq, "all_eq", Op::Eq, Q::All},
            {Tok::AnyNe, "any_ne", Op::Ne, Q::Any},
            {Tok::End, "any_eq", Op::Eq, Q::Any},
            {Tok::End, "all_ne", Op::Eq, Q::None},
            {Tok::Lt, "lt", Op::Lt, Q::Any},
            {Tok::Gt, "gt", Op::Gt, Q::Any},
            {Tok::Le, "le", Op::Le, Q::Any},
            {Tok::Ge, "ge", Op::Ge, Q::Any},
            {Tok::End, "contains", Op::Contains, Q::Any},
        };
        for (const Rel& r : kRels)
            if ((r.sym != Tok::End && peek().kind == r.sym) || isWord(r.word)) {
                t.op = r.op;
                t.quant = r.quant;
                // An `any` or `all` before the field decides how occurrences combine; with
                // `!=` it then tests each occurrence for a difference.
                if (m_prefix != Q::None) {
                    if (r.quant == Q::None) t.op = Op::Ne;
                    t.quant = m_prefix;
                }
                ++m_at;
                return true;
            }
        return false;
    }

    int32_t parseTest() {
        Test t;
        m_prefix = Test::Quant::None;
        if ((isWord("any") || isWord("all")) && peek(1).kind == Tok::Word) {
            m_prefix = isWord("all") ? Test::Quant::All : Test::Quant::Any;
            t.quant = m_prefix; // a relation may still change it (relation())
            ++m_at;
        }
        if (!parseOperand(t.lhs) || !parseRelationPart(t)) return -1;
        m_p.tests.push_back(std::move(t));
        const int32_t n = node(Node::Kind::Test, -1);
        m_p.nodes[size_t(n)].test = m_p.tests.size() - 1;
        return n;
    }

    // What follows the operand: a relation, or nothing (a test of presence).
    bool parseRelationPart(Test& t) {
        const Kind kind = t.lhs.kind();
        if (peek().kind == Tok::Tilde || isWord("matches")) return parseMatches(t, kind);
        if (isWord("in")) {
            ++m_at;
            if (kind == Kind::None) return valueless(t.lhs);
            return parseSet(t);
        }
        if (!relation(t)) {
            if (t.lhs.fn != Operand::Fn::None)
                return fail(peek().column, "expected a relation (==, <, contains ...) after the "
                                           "function");
            t.form = t.lhs.masked ? Test::Form::NonZero : Test::Form::Present;
            return true;
        }
        if (kind == Kind::None) return valueless(t.lhs);
        t.form = Test::Form::Compare;
        if (!parseRightSide(t)) return false;
        const Kind right = t.rhsIsField ? t.rhs.kind() : t.literal.kind;
        if (t.op == Op::Contains && (!isByteLike(kind) || !isByteLike(right)))
            return fail(t.lhs.column, "contains needs a string or bytes field; " + t.lhs.name +
                                          " is " + std::string(kindName(kind)));
        return true;
    }

    bool valueless(const Operand& o) {
        return fail(o.column, o.name + " has no value: it can only be tested for presence");
    }

    bool parseMatches(Test& t, Kind kind) {
        const Token& op = m_t[m_at++];
        if (kind != Kind::Text && kind != Kind::Bytes)
            return fail(op.column, "matches needs a string or bytes field; " + t.lhs.name + " is " +
                                       std::string(kindName(kind)));
        if (peek().kind != Tok::String)
            return fail(peek().column, "expected a quoted regular expression after matches");
        std::string error;
        t.regex = Regex::compile(peek().text, error);
        if (!t.regex) return fail(peek().column, "bad regular expression: " + error);
        ++m_at;
        t.form = Test::Form::Matches;
        return true;
    }

    // The right side of a comparison: another field (or function), or a value.
    bool parseRightSide(Test& t) {
        const Token& v = peek();
        const bool call = v.kind == Tok::Word && peek(1).kind == Tok::LParen;
        if (v.kind == Tok::Word && (call || isField(v.text))) {
            const Kind left = t.lhs.kind();
            if (!parseOperand(t.rhs)) return false;
            const Kind right = t.rhs.kind();
            t.rhsIsField = true;
            if ((isNumber(left) && isNumber(right)) || (isByteLike(left) && isByteLike(right)))
                return true;
            return fail(v.column, "cannot compare " + t.lhs.name + " (" +
                                      std::string(kindName(left)) + ") with " + v.text + " (" +
                                      std::string(kindName(right)) + ")");
        }
        return literal(t.lhs, t.literal);
    }

    // The literal at the current token, read for what the operand yields.
    bool literal(const Operand& o, Literal& out) {
        const Token& v = peek();
        if (v.kind != Tok::Word && v.kind != Tok::String)
            return fail(v.column, "expected a value for " + o.name);
        if (!readLiteralAs(o.kind(), defOf(o), v.text, v.kind == Tok::String, out))
            return fail(v.column, "\"" + v.text + "\" is not a valid value for " + o.name + " (" +
                                      std::string(kindName(o.kind())) + ")");
        ++m_at;
        return true;
    }

    bool parseSet(Test& t) {
        t.form = Test::Form::In;
        if (peek().kind != Tok::LBrace) return fail(peek().column, "expected '{' after in");
        ++m_at;
        while (true) {
            std::pair<Literal, Literal> member;
            if (!literal(t.lhs, member.first)) return false;
            member.second = member.first;
            if (peek().kind == Tok::DotDot) {
                ++m_at;
                if (!literal(t.lhs, member.second)) return false;
            }
            t.set.push_back(std::move(member));
            if (peek().kind == Tok::RBrace) {
                ++m_at;
                return true;
            }
            // Members are separated by commas, as Wireshark 4 requires.
            if (peek().kind != Tok::Comma) return fail(peek().column, "expected ',' or '}'");
            ++m_at;
        }
    }

    std::vector<Token> m_t;
    size_t m_at = 0;
    size_t m_depth = 0;
    Test::Quant m_prefix = Test::Quant::None; // the test's `any` or `all`, or None
    Program& m_p;
    FilterError& m_e;
};

} // namespace

bool parse(std::string_view text, Program& p, FilterError& e) {
    std::vector<Token> tokens;
    if (!lex(text, tokens, e)) return false;
    return Parser(std::move(tokens), p, e).run();
}

IpFields ipFields() {
    const FieldRegistry& reg = FieldRegistry::instance();
    IpFields f;
    f.v4 = reg.find("ip").value_or(kNoField);
    f.v6 = reg.find("ipv6").value_or(kNoField);
    for (std::string_view name : {"frame", "eth", "vlan", "sll", "null", "raw"})
        if (auto id = reg.find(name)) f.link.push_back(*id);
    return f;
}

Kind Operand::kind() const {
    switch (fn) {
    case Fn::Len:
    case Fn::Count:
        return Kind::Unsigned;
    case Fn::Upper:
    case Fn::Lower:
        return Kind::Text;
    case Fn::None:
        break;
    }
    return slice.empty() ? fieldKind : Kind::Bytes;
}

} // namespace tcpscope::filter
