// SPDX-License-Identifier: GPL-2.0-or-later
// The result of dissecting one frame (DESIGN.md 4): a tree of nodes, each with the field, its
// byte range and bitmask, its value, display text, a generated mark and expert notes.
#pragma once

#include "tcpscope/field.h"

#include <cstdint>
#include <string>
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

struct TreeNode {
    FieldId field = kNoField;
    uint32_t offset = 0; // byte offset in the frame
    uint32_t length = 0; // byte length (0 for generated fields)
    uint64_t bitmask = 0;
    FieldValue value;
    std::string display; // "Time to Live: 54"
    bool generated = false;
    std::vector<ExpertNote> notes;
    int32_t parent = -1;
    std::vector<int32_t> children;
};

class ProtoTree {
  public:
    // Adds a node under parent (-1 for a top-level layer) and returns its index, or -1 when the
    // tree does not keep this field (see keepOnly()).
    int32_t add(int32_t parent, FieldId field, uint32_t offset, uint32_t length, FieldValue value,
                std::string display, uint64_t bitmask = 0);
    // The setters accept -1 (a node that was not kept) and then do nothing.
    void setGenerated(int32_t node) {
        if (node >= 0) m_nodes[node].generated = true;
    }
    void addNote(int32_t node, Severity s, std::string id, std::string message);
    // Grows or shrinks a node's byte length once its true extent is known.
    void setLength(int32_t node, uint32_t length) {
        if (node >= 0) m_nodes[node].length = length;
    }
    void setDisplay(int32_t node, std::string display) {
        if (node >= 0) m_nodes[node].display = std::move(display);
    }
    void setValue(int32_t node, FieldValue value) {
        if (node >= 0) m_nodes[node].value = std::move(value);
    }

    // Keeps only the nodes of these fields, as Wireshark's "fake" tree keeps only referenced
    // fields: output that reads a few fields' values (`fields -e`) then pays for those nodes
    // alone. The kept nodes form a flat list in creation order (all roots, no children), which
    // is the order formatFieldsLine() reads. An empty list keeps every node (the default).
    // Takes effect for nodes added after the call; clear() keeps the choice.
    void keepOnly(const std::vector<FieldId>& fields);
    bool keeps(FieldId field) const {
        return m_keepAll || (field < m_keep.size() && m_keep[field]);
    }

    const std::vector<TreeNode>& nodes() const { return m_nodes; }
    const TreeNode& node(int32_t i) const { return m_nodes[i]; }
    const std::vector<int32_t>& roots() const { return m_roots; }
    bool empty() const { return m_nodes.empty(); }
    void clear();

    // Every node with this field, in tree order (pre-order).
    std::vector<int32_t> findAll(FieldId field) const;
    int32_t findFirst(FieldId field) const;
    // The deepest non-generated node covering the byte, or -1 (for the byte table).
    int32_t deepestAt(uint32_t offset) const;
    // All expert notes, in tree order, with the node they sit on.
    std::vector<std::pair<int32_t, const ExpertNote*>> allNotes() const;
    Severity worstSeverity() const;

  private:
    std::vector<TreeNode> m_nodes;
    std::vector<int32_t> m_roots;
    bool m_keepAll = true;
    std::vector<uint8_t> m_keep; // by FieldId, when not m_keepAll
};

} // namespace tcpscope
