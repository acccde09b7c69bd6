// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/display_filter.h"

#include "filter_lexer.h"
#include "filter_value.h"

#include <algorithm>

namespace tcpscope {

using filter::Literal;
using filter::Op;
using filter::Tok;
using filter::Token;

std::string FilterError::text() const {
    std::string out = message + " at column " + std::to_string(column);
    if (!hint.empty()) out += "; " + hint;
    return out;
}

// One test on a packet's fields, and the boolean expression over the tests.
struct DisplayFilter::Program {
    struct Test {
        enum class Form : uint8_t { Present, Compare, In } form = Form::Present;
        std::vector<FieldId> fields; // one, or an alias's several
        Op op = Op::Eq;
        Literal literal;
        std::vector<std::pair<Literal, Literal>> set; // `in`: members as ranges [lo, hi]
    };
    struct Node {
        enum class Kind : uint8_t { And, Or, Xor, Not, Test } kind = Kind::Test;
        int32_t a = -1, b = -1; // operands (Not: a)
        size_t test = 0;
    };
    std::vector<Test> tests;
    std::vector<Node> nodes;
    int32_t root = -1;
    std::vector<FieldId> fields;

    bool test(const Test& t, const ProtoTree& tree) const;
    bool eval(int32_t node, const ProtoTree& tree) const;
};

namespace {

// Wireshark's hidden fields that stand for either endpoint's.
struct Alias {
    std::string_view name;
    std::string_view fields[2];
};
constexpr Alias kAliases[] = {
    {"tcp.port", {"tcp.srcport", "tcp.dstport"}},
    {"ip.addr", {"ip.src", "ip.dst"}},
    {"ipv6.addr", {"ipv6.src", "ipv6.dst"}},
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

class Parser {
  public:
    Parser(std::vector<Token> tokens, DisplayFilter::Program& p, FilterError& e)
        : m_t(std::move(tokens)), m_p(p), m_e(e) {}

    bool run() {
        m_p.root = parseOr();
        if (m_p.root < 0) return false;
        if (peek().kind != Tok::End) return fail(peek().column, "expected and, or, xor or the end");
        return true;
    }

  private:
    using Node = DisplayFilter::Program::Node;
    using Test = DisplayFilter::Program::Test;

    const Token& peek() const { return m_t[m_at]; }
    bool isWord(std::string_view w) const { return peek().kind == Tok::Word && peek().text == w; }
    bool fail(size_t column, std::string message, std::string hint = {}) {
        if (m_e.message.empty()) m_e = {column, std::move(message), std::move(hint)};
        return false;
    }
    int32_t node(Node::Kind k, int32_t a, int32_t b = -1) {
        m_p.nodes.push_back({k, a, b, 0});
        return int32_t(m_p.nodes.size() - 1);
    }

    // Binary levels, loosest first: or, xor, and.
    int32_t parseOr() { return parseBinary(0); }
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

    int32_t tooDeep() {
        fail(peek().column, "the filter is nested too deeply (at most " +
                                std::to_string(DisplayFilter::kMaxDepth) + " levels)");
        return -1;
    }

    int32_t parsePrimary() {
        const Token& t = peek();
        if (t.kind == Tok::LParen) {
            if (++m_depth > DisplayFilter::kMaxDepth) return tooDeep();
            ++m_at;
            const int32_t inner = parseOr();
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

    // A relation's operator at the current token, consumed; false when there is none.
    bool relation(Op& op) {
        struct Rel {
            Tok sym;
            std::string_view word;
            Op op;
        };
        static constexpr Rel kRels[] = {
            {Tok::Eq, "eq", Op::Eq},
            {Tok::Ne, "ne", Op::Ne},
            {Tok::Lt, "lt", Op::Lt},
            {Tok::Gt, "gt", Op::Gt},
            {Tok::Le, "le", Op::Le},
            {Tok::Ge, "ge", Op::Ge},
            {Tok::End, "contains", Op::Contains},
        };
        for (const Rel& r : kRels)
            if ((r.sym != Tok::End && peek().kind == r.sym) || isWord(r.word)) {
                op = r.op;
                ++m_at;
                return true;
            }
        return false;
    }

    int32_t parseTest() {
        const Token& fieldToken = m_t[m_at++];
        Test t;
        if (!resolve(fieldToken, t.fields)) return -1;
        for (FieldId f : t.fields)
            if (std::find(m_p.fields.begin(), m_p.fields.end(), f) == m_p.fields.end())
                m_p.fields.push_back(f);
        if (peek().kind == Tok::Tilde || isWord("matches")) {
            fail(peek().column, "matches (regular expressions) is not supported yet");
            return -1;
        }
        const bool in = isWord("in");
        if ((in || relation(t.op)) && !parseRelation(fieldToken, in, t)) return -1;
        m_p.tests.push_back(std::move(t));
        const int32_t n = node(Node::Kind::Test, -1);
        m_p.nodes[size_t(n)].test = m_p.tests.size() - 1;
        return n;
    }

    // What follows a field and its operator (for `in`, not consumed yet): the value or the set.
    bool parseRelation(const Token& fieldToken, bool in, Test& t) {
        const FieldDef& def = FieldRegistry::instance().def(t.fields.front());
        const filter::Kind kind = filter::kindOf(def.type);
        if (kind == filter::Kind::None)
            return fail(fieldToken.column, std::string(def.abbrev) +
                                               " has no value: it can only be tested for presence");
        if (in) {
            ++m_at;
            return parseSet(def, t);
        }
        t.form = Test::Form::Compare;
        if (!literal(def, fieldToken.text, t.literal)) return false;
        if (t.op == Op::Contains && kind != filter::Kind::Text && kind != filter::Kind::Bytes)
            return fail(fieldToken.column, "contains needs a string or bytes field; " +
                                               std::string(def.abbrev) + " is " +
                                               std::string(filter::kindName(kind)));
        return true;
    }

    // The literal at the current token, read for `def`; `name` is what the filter called it.
    bool literal(const FieldDef& def, const std::string& name, Literal& out) {
        const Token& v = peek();
        if (v.kind != Tok::Word && v.kind != Tok::String)
            return fail(v.column, "expected a value for " + name);
        if (v.kind == Tok::Word && FieldRegistry::instance().find(v.text) &&
            filter::kindOf(def.type) != filter::Kind::Text)
            return fail(v.column, "comparing a field with another field is not supported yet");
        if (!filter::readLiteral(def, v.text, v.kind == Tok::String, out))
            return fail(v.column, "\"" + v.text + "\" is not a valid value for " + name + " (" +
                                      std::string(filter::kindName(filter::kindOf(def.type))) +
                                      ")");
        ++m_at;
        return true;
    }

    bool parseSet(const FieldDef& def, Test& t) {
        t.form = Test::Form::In;
        if (peek().kind != Tok::LBrace) return fail(peek().column, "expected '{' after in");
        ++m_at;
        while (true) {
            std::pair<Literal, Literal> member;
            if (!literal(def, std::string(def.abbrev), member.first)) return false;
            member.second = member.first;
            if (peek().kind == Tok::DotDot) {
                ++m_at;
                if (!literal(def, std::string(def.abbrev), member.second)) return false;
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
    DisplayFilter::Program& m_p;
    FilterError& m_e;
};

} // namespace

bool DisplayFilter::Program::test(const Test& t, const ProtoTree& tree) const {
    bool any = false, present = false;
    for (const TreeNode& n : tree.nodes()) {
        if (std::find(t.fields.begin(), t.fields.end(), n.field) == t.fields.end()) continue;
        present = true;
        switch (t.form) {
        case Test::Form::Present:
            return true;
        case Test::Form::Compare:
            // != is "not any equal", as Wireshark 4's.
            any = filter::compare(n.value, t.op == Op::Ne ? Op::Eq : t.op, t.literal);
            break;
        case Test::Form::In:
            for (const auto& [lo, hi] : t.set)
                any = any || (filter::compare(n.value, Op::Ge, lo) &&
                              filter::compare(n.value, Op::Le, hi));
            break;
        }
        if (any) break;
    }
    // != needs the field: an absent field makes every relation false, as in Wireshark.
    return t.form == Test::Form::Compare && t.op == Op::Ne ? present && !any : any;
}

bool DisplayFilter::Program::eval(int32_t n, const ProtoTree& tree) const {
    const Node& node = nodes[size_t(n)];
    switch (node.kind) {
    case Node::Kind::And:
        return eval(node.a, tree) && eval(node.b, tree);
    case Node::Kind::Or:
        return eval(node.a, tree) || eval(node.b, tree);
    case Node::Kind::Xor:
        return eval(node.a, tree) != eval(node.b, tree);
    case Node::Kind::Not:
        return !eval(node.a, tree);
    case Node::Kind::Test:
        return test(tests[node.test], tree);
    }
    return false;
}

std::optional<DisplayFilter> DisplayFilter::compile(std::string_view text, FilterError* error) {
    registerAllProtocols();
    FilterError e;
    const auto failed = [&]() -> std::optional<DisplayFilter> {
        if (error) *error = std::move(e);
        return std::nullopt;
    };
    if (text.size() > kMaxLength) {
        e = {kMaxLength + 1,
             "the filter is longer than " + std::to_string(kMaxLength) + " characters",
             {}};
        return failed();
    }
    std::vector<Token> tokens;
    if (!filter::lex(text, tokens, e)) return failed();
    auto program = std::make_unique<Program>();
    if (!Parser(std::move(tokens), *program, e).run()) return failed();
    return DisplayFilter(std::move(program));
}

DisplayFilter::DisplayFilter(std::unique_ptr<Program> program) : m_program(std::move(program)) {}
DisplayFilter::DisplayFilter(DisplayFilter&&) noexcept = default;
DisplayFilter& DisplayFilter::operator=(DisplayFilter&&) noexcept = default;
DisplayFilter::~DisplayFilter() = default;

const std::vector<FieldId>& DisplayFilter::fields() const {
    return m_program->fields;
}

bool DisplayFilter::matches(const ProtoTree& tree) const {
    return m_program->eval(m_program->root, tree);
}

} // namespace tcpscope
