// SPDX-License-Identifier: GPL-2.0-or-later
// Compiling (filter_parser.cpp) and evaluating a display filter. A relation reads each
// occurrence of its field through the operand's slice, function and mask into a Val that points
// at the tree, the frame or a per-thread scratch buffer: testing a packet allocates nothing once
// the buffers have grown.
#include "tcpscope/display_filter.h"

#include "filter_program.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace tcpscope {

using filter::Kind;
using filter::Op;
using filter::Operand;
using filter::Range;
using filter::Test;
using filter::Val;

std::string FilterError::text() const {
    std::string out = message + " at column " + std::to_string(column);
    if (!hint.empty()) out += "; " + hint;
    return out;
}

namespace filter {

std::shared_ptr<const Regex> Regex::compile(const std::string& pattern, std::string& error) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    // As Wireshark 4: case-insensitive unless the pattern says (?-i); no UTF-8 mode, so any
    // bytes can be searched.
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_CASELESS, &code, &offset, nullptr);
    if (!re) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(code, message, sizeof message);
        error = std::string(reinterpret_cast<const char*>(message)) + " at offset " +
                std::to_string(offset);
        return nullptr;
    }
    return std::shared_ptr<const Regex>(new Regex(re));
}

Regex::~Regex() {
    pcre2_code_free(static_cast<pcre2_code*>(m_code));
}

namespace {
// One match data and one match context per thread, made once; the limits keep a pathological
// pattern ("(a+)+$") from taking seconds per packet.
struct MatchState {
    pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
    pcre2_match_context* context = pcre2_match_context_create(nullptr);
    MatchState() {
        pcre2_set_match_limit(context, 200000);
        pcre2_set_depth_limit(context, 10000);
    }
    ~MatchState() {
        pcre2_match_data_free(data);
        pcre2_match_context_free(context);
    }
};
} // namespace

bool Regex::search(std::span<const uint8_t> subject) const {
    thread_local MatchState state;
    static constexpr uint8_t kEmpty[1] = {0};
    const uint8_t* begin = subject.empty() ? kEmpty : subject.data();
    return pcre2_match(static_cast<const pcre2_code*>(m_code), begin, subject.size(), 0, 0,
                       state.data, state.context) >= 0;
}

} // namespace filter

namespace {

// The evaluator's buffers, per thread and per side of a relation (0: left, 1: right).
struct Scratch {
    std::vector<uint8_t> buf[2];
    std::array<uint8_t, 4> v4[2];
};
thread_local Scratch t_scratch;

// Where the IP datagram that starts at `at` ends in the frame (its total or payload length
// says), or the frame's end.
size_t datagramEnd(std::span<const uint8_t> frame, size_t at, bool v6) {
    const size_t lengthAt = at + (v6 ? 4 : 2);
    if (lengthAt + 2 > frame.size()) return frame.size();
    const size_t length = size_t(frame[lengthAt]) << 8 | frame[lengthAt + 1];
    if (length == 0) return frame.size(); // a jumbogram, or a length offloaded to the NIC
    return std::min(frame.size(), at + length + (v6 ? 40 : 0));
}

// A protocol's bytes, as Wireshark's protocol fields hold them: from its first byte to the end
// of the data it was given, the frame for a link layer, the IP datagram for IP and the layers in
// it (without the Ethernet padding after the datagram).
bool protocolBytes(const TreeNode& n, const ProtoTree& tree, std::span<const uint8_t> frame,
                   Val& v) {
    if (frame.empty() || n.offset >= frame.size()) return false;
    static const filter::IpFields ip = filter::ipFields();
    size_t end = frame.size();
    if (n.field == ip.v4 || n.field == ip.v6) {
        end = datagramEnd(frame, n.offset, n.field == ip.v6);
    } else if (!ip.isLink(n.field)) {
        // The innermost IP layer before it (the tree keeps them: Program::fields has them).
        for (const TreeNode& m : tree.nodes())
            if ((m.field == ip.v4 || m.field == ip.v6) && m.offset < n.offset)
                end = datagramEnd(frame, m.offset, m.field == ip.v6);
    }
    if (end <= n.offset) return false;
    v.kind = Kind::Bytes;
    v.bytes = frame.subspan(n.offset, end - n.offset);
    return true;
}

// A node's value as the operand reads it, before its slice, function and mask.
bool rawValue(const TreeNode& n, const Operand& o, const ProtoTree& tree,
              std::span<const uint8_t> frame, int side, Val& v) {
    if (o.protocol) return protocolBytes(n, tree, frame, v);
    v.kind = o.fieldKind;
    if (const auto* u = std::get_if<uint64_t>(&n.value)) {
        if (o.fieldKind == Kind::Address) { // IPv4, held as a number
            auto& a = t_scratch.v4[side];
            for (int k = 0; k < 4; ++k) a[size_t(k)] = uint8_t(*u >> (8 * (3 - k)));
            v.bytes = a;
        } else if (o.fieldKind == Kind::Float) {
            v.d = double(*u);
        } else {
            v.kind = Kind::Unsigned;
            v.u = *u;
        }
    } else if (const auto* i = std::get_if<int64_t>(&n.value)) {
        v.kind = Kind::Signed;
        v.i = *i;
    } else if (const auto* d = std::get_if<double>(&n.value)) {
        v.kind = Kind::Float;
        v.d = *d;
    } else if (const auto* s = std::get_if<std::string>(&n.value)) {
        if (o.fieldKind == Kind::Float) { // a time held as its text ("1795510800.000250000")
            char* end = nullptr;
            v.d = std::strtod(s->c_str(), &end);
            return end != s->c_str();
        }
        v.bytes = {reinterpret_cast<const uint8_t*>(s->data()), s->size()};
    } else if (const auto* b = std::get_if<std::vector<uint8_t>>(&n.value)) {
        v.bytes = *b;
    } else {
        return false;
    }
    return true;
}

// Appends the slice's bytes of `in` to `out`; false when a range falls outside, as Wireshark
// then has no value.
bool slice(const std::vector<Range>& ranges, std::span<const uint8_t> in,
           std::vector<uint8_t>& out) {
    out.clear();
    const int64_t size = int64_t(in.size());
    for (const Range& r : ranges) {
        int64_t start = r.start < 0 ? r.start + size : r.start;
        if (start < 0) return false;
        int64_t length = 0;
        switch (r.end) {
        case Range::End::ToEnd:
            length = size - start;
            break;
        case Range::End::Length:
            length = start + r.length > size ? 0 : r.length;
            break;
        case Range::End::Last: {
            const int64_t last = r.last < 0 ? r.last + size : r.last;
            length = last >= size ? 0 : last - start + 1;
            break;
        }
        }
        if (length <= 0) return false;
        out.insert(out.end(), in.begin() + start, in.begin() + start + length);
    }
    return true;
}

// The operand's slice, function and mask applied to a raw value.
bool shape(const Operand& o, int side, Val& v) {
    std::vector<uint8_t>& buf = t_scratch.buf[side];
    const auto own = [&] { // the bytes in the scratch buffer, to change them there
        if (v.bytes.data() != buf.data()) buf.assign(v.bytes.begin(), v.bytes.end());
        v.bytes = buf;
    };
    if (!o.slice.empty()) {
        if (!slice(o.slice, v.bytes, buf)) return false;
        v.kind = Kind::Bytes;
        v.bytes = buf;
    }
    if (o.fn == Operand::Fn::Len) {
        v.kind = Kind::Unsigned;
        v.u = v.bytes.size();
    } else if (o.fn == Operand::Fn::Upper || o.fn == Operand::Fn::Lower) {
        own();
        for (uint8_t& c : buf)
            c = uint8_t(o.fn == Operand::Fn::Upper ? std::toupper(c) : std::tolower(c));
    }
    if (!o.masked) return true;
    if (v.kind == Kind::Unsigned) {
        v.u &= o.mask.u;
    } else if (v.kind == Kind::Signed) {
        v.i &= o.mask.i;
    } else {
        own();
        buf.resize(std::min(buf.size(), o.mask.bytes.size()));
        for (size_t k = 0; k < buf.size(); ++k) buf[k] &= o.mask.bytes[k];
        v.bytes = buf;
    }
    return true;
}

bool reads(const Operand& o, FieldId f) {
    return std::find(o.fields.begin(), o.fields.end(), f) != o.fields.end();
}

// Calls fn(value) for each value the operand yields, until fn returns true.
template <typename Fn>
void forEachValue(const Operand& o, int side, const ProtoTree& tree, std::span<const uint8_t> frame,
                  Fn&& fn) {
    if (o.fn == Operand::Fn::Count) {
        Val v;
        v.kind = Kind::Unsigned;
        for (const TreeNode& n : tree.nodes()) v.u += reads(o, n.field);
        if (v.u == 0) return; // as in Wireshark, count() of an absent field has no value
        if (o.masked) v.u &= o.mask.u;
        fn(v);
        return;
    }
    for (const TreeNode& n : tree.nodes()) {
        if (!reads(o, n.field)) continue;
        Val v;
        if (rawValue(n, o, tree, frame, side, v) && shape(o, side, v) &&
            fn(static_cast<const Val&>(v)))
            return;
    }
}

bool inMember(const Val& v, const std::pair<filter::Literal, filter::Literal>& m) {
    return filter::compare(v, Op::Ge, filter::valOf(m.first)) &&
           filter::compare(v, Op::Le, filter::valOf(m.second));
}

bool nonZero(const Val& v) {
    switch (v.kind) {
    case Kind::Unsigned:
        return v.u != 0;
    case Kind::Signed:
        return v.i != 0;
    case Kind::Float:
        return v.d != 0;
    default:
        return std::any_of(v.bytes.begin(), v.bytes.end(), [](uint8_t b) { return b != 0; });
    }
}

// Whether one occurrence's value passes the test's relation.
bool relates(const Test& t, const Val& v, const ProtoTree& tree, std::span<const uint8_t> frame) {
    switch (t.form) {
    case Test::Form::Present:
        return true;
    case Test::Form::NonZero:
        return nonZero(v);
    case Test::Form::Compare: {
        if (!t.rhsIsField) return filter::compare(v, t.op, filter::valOf(t.literal));
        bool hit = false;
        forEachValue(t.rhs, 1, tree, frame, [&](const Val& r) {
            hit = filter::compare(v, t.op, r);
            return hit;
        });
        return hit;
    }
    case Test::Form::In:
        return std::any_of(t.set.begin(), t.set.end(),
                           [&](const auto& m) { return inMember(v, m); });
    case Test::Form::Matches:
        return t.regex->search(v.bytes);
    }
    return false;
}

// `all x in {a, b..c}`: Wireshark reads a set as one comparison per member, joined by or, each
// with the test's quantifier: every occurrence is in the same member.
bool allIn(const Test& t, const ProtoTree& tree, std::span<const uint8_t> frame) {
    for (const auto& m : t.set) {
        bool present = false, all = true;
        forEachValue(t.lhs, 0, tree, frame, [&](const Val& v) {
            present = true;
            all = inMember(v, m);
            return !all;
        });
        if (present && all) return true;
    }
    return false;
}

} // namespace

bool DisplayFilter::Program::test(const Test& t, const ProtoTree& tree,
                                  std::span<const uint8_t> frame) const {
    if (t.form == Test::Form::Present && t.lhs.slice.empty()) // valueless fields too
        return std::any_of(tree.nodes().begin(), tree.nodes().end(),
                           [&](const TreeNode& n) { return reads(t.lhs, n.field); });
    if (t.form == Test::Form::In && t.quant == Test::Quant::All) return allIn(t, tree, frame);
    bool present = false, any = false, all = true;
    forEachValue(t.lhs, 0, tree, frame, [&](const Val& v) {
        present = true;
        if (relates(t, v, tree, frame)) {
            any = true;
            return t.quant != Test::Quant::All; // one is enough for any and for none
        }
        all = false;
        return t.quant == Test::Quant::All;
    });
    switch (t.quant) {
    case Test::Quant::Any:
        return any;
    case Test::Quant::All:
        return present && all;
    case Test::Quant::None: // Wireshark 4's != : the field is there and no occurrence equals
        return present && !any;
    }
    return false;
}

bool DisplayFilter::Program::eval(int32_t n, const ProtoTree& tree,
                                  std::span<const uint8_t> frame) const {
    const Node& node = nodes[size_t(n)];
    switch (node.kind) {
    case Node::Kind::And:
        return eval(node.a, tree, frame) && eval(node.b, tree, frame);
    case Node::Kind::Or:
        return eval(node.a, tree, frame) || eval(node.b, tree, frame);
    case Node::Kind::Xor:
        return eval(node.a, tree, frame) != eval(node.b, tree, frame);
    case Node::Kind::Not:
        return !eval(node.a, tree, frame);
    case Node::Kind::Test:
        return test(tests[node.test], tree, frame);
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
    auto program = std::make_unique<Program>();
    if (!filter::parse(text, *program, e)) return failed();
    return DisplayFilter(std::move(program));
}

DisplayFilter::DisplayFilter(std::unique_ptr<Program> program) : m_program(std::move(program)) {}
DisplayFilter::DisplayFilter(DisplayFilter&&) noexcept = default;
DisplayFilter& DisplayFilter::operator=(DisplayFilter&&) noexcept = default;
DisplayFilter::~DisplayFilter() = default;

const std::vector<FieldId>& DisplayFilter::fields() const {
    return m_program->fields;
}

bool DisplayFilter::needsBytes() const {
    return m_program->needsBytes;
}

bool DisplayFilter::matches(const ProtoTree& tree, std::span<const uint8_t> frame) const {
    return m_program->eval(m_program->root, tree, frame);
}

} // namespace tcpscope
