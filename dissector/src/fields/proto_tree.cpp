// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/proto_tree.h"

#include <algorithm>
#include <bit>

namespace tcpscope {

int32_t ProtoTree::add(int32_t parent, FieldId field, uint32_t offset, uint32_t length,
                       FieldValue value, NodeText text, uint64_t bitmask) {
    if (!keeps(field)) return -1;
    auto index = static_cast<int32_t>(m_nodes.size());
    TreeNode& n = m_nodes.emplace_back();
    n.field = field;
    n.offset = offset;
    n.length = length;
    n.bitmask = bitmask;
    n.value = std::move(value);
    n.display = std::move(text.display);
    n.labelAt = text.labelAt;
    n.valueAt = text.valueAt;
    if (!m_keepAll) parent = -1; // a filtered tree is a flat list
    n.parent = parent;
    if (parent >= 0)
        m_nodes[parent].children.push_back(index);
    else
        m_roots.push_back(index);
    return index;
}

void ProtoTree::addNote(int32_t node, Severity s, std::string id, std::string message) {
    if (node < 0) return;
    m_nodes[node].notes.push_back(ExpertNote{s, std::move(id), std::move(message)});
}

void ProtoTree::keepOnly(const std::vector<FieldId>& fields) {
    m_keepAll = fields.empty();
    auto keep = std::make_shared<std::vector<uint8_t>>();
    for (FieldId f : fields) {
        if (f == kNoField) continue;
        if (f >= keep->size()) keep->resize(size_t(f) + 1);
        (*keep)[f] = 1;
    }
    m_keep = std::move(keep);
}

namespace {

// A spare buffer from the pool, or a new one; grown by powers of two, so that a buffer filled
// with ever longer values is reallocated a few times, not once per value.
template <typename Buffer> Buffer takeSpare(std::vector<Buffer>* spares, size_t size) {
    Buffer b;
    if (spares && !spares->empty()) {
        b = std::move(spares->back());
        spares->pop_back();
    }
    if (b.capacity() < size) b.reserve(std::max<size_t>(32, std::bit_ceil(size)));
    return b;
}

// Buffers beyond this many are freed, not kept: a bound on what a tree holds between packets.
constexpr size_t kMaxSpares = 256;

} // namespace

void ProtoTree::keepLike(ProtoTree& other) {
    m_keepAll = other.m_keepAll;
    m_keep = other.m_keep;
    if (!other.m_spares) other.m_spares = std::make_shared<Spares>();
    m_spares = other.m_spares;
}

void ProtoTree::setBytes(int32_t node, std::span<const uint8_t> bytes) {
    if (node < 0) return;
    FieldValue& v = m_nodes[node].value;
    if (auto* held = std::get_if<std::vector<uint8_t>>(&v)) {
        held->assign(bytes.begin(), bytes.end());
        return;
    }
    auto b = takeSpare(m_spares ? &m_spares->bytes : nullptr, bytes.size());
    b.assign(bytes.begin(), bytes.end());
    v = std::move(b);
}

void ProtoTree::setString(int32_t node, std::string_view text) {
    if (node < 0) return;
    FieldValue& v = m_nodes[node].value;
    if (auto* held = std::get_if<std::string>(&v)) {
        held->assign(text);
        return;
    }
    auto s = takeSpare(m_spares ? &m_spares->strings : nullptr, text.size());
    s.assign(text);
    v = std::move(s);
}

void ProtoTree::clear() {
    for (TreeNode& n : m_nodes) {
        auto* b = std::get_if<std::vector<uint8_t>>(&n.value);
        auto* s = std::get_if<std::string>(&n.value);
        // A short string lives in the object itself: no buffer to keep.
        if (!(b && b->capacity()) && !(s && s->capacity() > std::string().capacity())) continue;
        if (!m_spares) m_spares = std::make_shared<Spares>();
        if (b && m_spares->bytes.size() < kMaxSpares) m_spares->bytes.push_back(std::move(*b));
        if (s && m_spares->strings.size() < kMaxSpares) m_spares->strings.push_back(std::move(*s));
    }
    m_nodes.clear();
    m_roots.clear();
}

// Nodes are appended parent-first, so index order is pre-order except for children added to
// an earlier node after a sibling subtree; walk explicitly to be exact.
template <typename Fn> static void walk(const ProtoTree& t, int32_t i, Fn& fn) {
    fn(i);
    for (int32_t c : t.node(i).children) walk(t, c, fn);
}

std::vector<int32_t> ProtoTree::findAll(FieldId field) const {
    std::vector<int32_t> out;
    auto fn = [&](int32_t i) {
        if (m_nodes[i].field == field) out.push_back(i);
    };
    for (int32_t r : m_roots) walk(*this, r, fn);
    return out;
}

int32_t ProtoTree::findFirst(FieldId field) const {
    auto all = findAll(field);
    return all.empty() ? -1 : all.front();
}

namespace {
// Whether node n's bits include any of the byte at `offset`: a field with a bit mask covers
// only the bytes its mask reaches (tcp.flags.res, mask 0x0e00, is in the flags' first byte).
bool coversByte(const TreeNode& n, uint32_t offset) {
    if (n.generated || n.length == 0 || offset < n.offset || offset >= n.offset + n.length)
        return false;
    if (n.bitmask == 0 || n.length > 8) return true;
    const uint32_t shift = (n.offset + n.length - 1 - offset) * 8;
    return ((n.bitmask >> shift) & 0xff) != 0;
}
} // namespace

int32_t ProtoTree::deepestAt(uint32_t offset) const {
    int32_t best = -1;
    int depthBest = -1;
    for (int32_t r : m_roots) {
        // Descend: at each level pick the first non-generated child covering the byte.
        int32_t cur = r;
        int depth = 0;
        if (!coversByte(m_nodes[cur], offset)) continue;
        for (;;) {
            int32_t next = -1;
            for (int32_t c : m_nodes[cur].children) {
                if (coversByte(m_nodes[c], offset)) {
                    next = c;
                    break;
                }
            }
            if (next < 0) break;
            cur = next;
            ++depth;
        }
        if (depth >= depthBest) {
            best = cur;
            depthBest = depth;
        }
    }
    return best;
}

std::vector<std::pair<int32_t, const ExpertNote*>> ProtoTree::allNotes() const {
    std::vector<std::pair<int32_t, const ExpertNote*>> out;
    auto fn = [&](int32_t i) {
        for (const ExpertNote& e : m_nodes[i].notes) out.emplace_back(i, &e);
    };
    for (int32_t r : m_roots) walk(*this, r, fn);
    return out;
}

Severity ProtoTree::worstSeverity() const {
    Severity worst = Severity::Comment;
    for (const TreeNode& n : m_nodes)
        for (const ExpertNote& e : n.notes) worst = std::max(worst, e.severity);
    return worst;
}

} // namespace tcpscope
