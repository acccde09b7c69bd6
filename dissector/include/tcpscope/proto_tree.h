// SPDX-License-Identifier: GPL-2.0-or-later
// The result of dissecting one frame (DESIGN.md 4): a tree of nodes, each with the field, its
// byte range and bitmask, its value, display text, a generated mark and expert notes.
#pragma once

#include "tcpscope/field.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tcpscope {

enum class Severity : uint8_t { Comment, Chat, Note, Warning, Error };

// Wireshark's expert groups, reduced to the ones a TCP/IP dissector raises.
struct ExpertNote {
    Severity severity = Severity::Note;
    std::string id;      // e.g. "tcp.analysis.retransmission", "_ws.malformed", "ip.checksum_bad"
    std::string message; // one sentence a user can act on
};

// Unsigned integers and booleans as uint64_t, signed as int64_t, addresses/bytes as bytes.
using FieldValue =
    std::variant<std::monostate, uint64_t, int64_t, double, std::string, std::vector<uint8_t>>;

// A node's display line and where its parts are in it: "[bits = ]label[: value]". The views
// show the parts apart (bits under the bytes, label and value in columns) without parsing text.
struct NodeText {
    std::string display;  // "..1. = Syn: Set", "Time to Live: 54", "Transmission Control ..."
    uint16_t labelAt = 0; // where the label starts (after "bits = ")
    uint16_t valueAt = 0; // where the value starts (after ": "); 0 when there is none
};

struct TreeNode {
    FieldId field = kNoField;
    uint32_t offset = 0; // byte offset in the frame
    uint32_t length = 0; // byte length (0 for generated fields)
    uint64_t bitmask = 0;
    FieldValue value;
    std::string display; // "Time to Live: 54"
    uint16_t labelAt = 0;
    uint16_t valueAt = 0;
    bool generated = false;
    bool fromText = false; // read from a tcpdump text line, not from bytes
    std::vector<ExpertNote> notes;
    int32_t parent = -1;
    std::vector<int32_t> children;

    // The bit pattern of a field that shares its bytes ("..1."), or empty.
    std::string_view bits() const {
        return labelAt >= 3 ? std::string_view(display).substr(0, labelAt - 3) : std::string_view();
    }
    // The label: the field's name, or what its dissector called this occurrence.
    std::string_view label() const {
        const size_t end = valueAt >= 2 ? valueAt - 2u : display.size();
        return std::string_view(display).substr(labelAt, end - labelAt);
    }
    // The value as shown ("54", "Set", "0x1234 [correct]"), or empty.
    std::string_view valueText() const {
        return valueAt ? std::string_view(display).substr(valueAt) : std::string_view();
    }
};

class ProtoTree {
  public:
    ProtoTree() = default;
    // A copy has the nodes and the choice of fields, not the spare buffers (setBytes()).
    ProtoTree(const ProtoTree& o)
        : m_nodes(o.m_nodes), m_roots(o.m_roots), m_keepAll(o.m_keepAll), m_keep(o.m_keep) {}
    ProtoTree& operator=(const ProtoTree& o) {
        if (this != &o) *this = ProtoTree(o);
        return *this;
    }
    ProtoTree(ProtoTree&&) noexcept = default;
    ProtoTree& operator=(ProtoTree&&) noexcept = default;

    // Adds a node under parent (-1 for a top-level layer) and returns its index, or -1 when the
    // tree does not keep this field (see keepOnly()).
    int32_t add(int32_t parent, FieldId field, uint32_t offset, uint32_t length, FieldValue value,
                NodeText text, uint64_t bitmask = 0);
    // The setters accept -1 (a node that was not kept) and then do nothing.
    void setGenerated(int32_t node) {
        if (node >= 0) m_nodes[node].generated = true;
    }
    void setFromText(int32_t node) {
        if (node >= 0) m_nodes[node].fromText = true;
    }
    void addNote(int32_t node, Severity s, std::string id, std::string message);
    // Grows or shrinks a node's byte length once its true extent is known.
    void setLength(int32_t node, uint32_t length) {
        if (node >= 0) m_nodes[node].length = length;
    }
    void setText(int32_t node, NodeText text) {
        if (node < 0) return;
        m_nodes[node].display = std::move(text.display);
        m_nodes[node].labelAt = text.labelAt;
        m_nodes[node].valueAt = text.valueAt;
    }
    void setValue(int32_t node, FieldValue value) {
        if (node >= 0) m_nodes[node].value = std::move(value);
    }
    // Make a node's value a byte string or a string copied from a view, into a buffer that
    // clear() keeps for later nodes: a tree reused packet after packet (a display filter's, the
    // first pass's) allocates only while its buffers grow to the largest values seen.
    void setBytes(int32_t node, std::span<const uint8_t> bytes);
    void setString(int32_t node, std::string_view text);

    // Keeps only the nodes of these fields, as Wireshark's "fake" tree keeps only referenced
    // fields: output that reads a few fields' values (`fields -e`) then pays for those nodes
    // alone. The kept nodes form a flat list in creation order (all roots, no children), which
    // is the order formatFieldsLine() reads. An empty list keeps every node (the default).
    // Takes effect for nodes added after the call; clear() keeps the choice.
    void keepOnly(const std::vector<FieldId>& fields);
    // The same choice as another tree's, shared rather than copied (many waiting trees), and
    // the same spare buffers (below): trees that take turns on one thread (the first pass's
    // scratch tree and its waiting ones) then keep one set of buffers between them.
    void keepLike(ProtoTree& other);
    bool keeps(FieldId field) const {
        return m_keepAll || (field < m_keep->size() && (*m_keep)[field]);
    }

    const std::vector<TreeNode>& nodes() const { return m_nodes; }
    const TreeNode& node(int32_t i) const { return m_nodes[i]; }
    const std::vector<int32_t>& roots() const { return m_roots; }
    bool empty() const { return m_nodes.empty(); }
    void clear();

    // Every node with this field, in tree order (pre-order).
    std::vector<int32_t> findAll(FieldId field) const;
    int32_t findFirst(FieldId field) const;
    // The deepest non-generated node covering the byte (a bit field only where its mask
    // reaches), or -1 (for the byte table).
    int32_t deepestAt(uint32_t offset) const;
    // All expert notes, in tree order, with the node they sit on.
    std::vector<std::pair<int32_t, const ExpertNote*>> allNotes() const;
    Severity worstSeverity() const;

  private:
    std::vector<TreeNode> m_nodes;
    std::vector<int32_t> m_roots;
    bool m_keepAll = true;
    std::shared_ptr<const std::vector<uint8_t>> m_keep; // by FieldId, when not m_keepAll
    // The byte-string and string buffers of the values clear() dropped, for setBytes() and
    // setString() to fill again; made by the first clear() that has one to keep.
    struct Spares {
        std::vector<std::vector<uint8_t>> bytes;
        std::vector<std::string> strings;
    };
    std::shared_ptr<Spares> m_spares;
};

} // namespace tcpscope
