// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers for tests that dissect bytes and look fields up by abbreviation.
#pragma once

#include "tcpscope/dissect.h"
#include "tcpscope/field_format.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace tcpscope::test {

struct Dissected {
    std::vector<uint8_t> bytes;
    Frame frame;
    PacketSummary summary;
    ProtoTree tree;

    // wireLength: the frame's length on the wire when the capture kept fewer bytes (snap length).
    Dissected(std::vector<uint8_t> b, uint32_t linkType, DissectOptions opts = {},
              uint32_t wireLength = 0)
        : bytes(std::move(b)) {
        frame.number = 1;
        frame.linkType = linkType;
        frame.originalLength = wireLength ? wireLength : static_cast<uint32_t>(bytes.size());
        frame.data = bytes;
        dissectFrame(frame, summary, &tree, opts);
    }
    Dissected(const Dissected&) = delete;

    int32_t node(const std::string& abbrev, size_t occurrence = 0) const {
        FieldId id = fieldId(abbrev);
        REQUIRE(id != kNoField);
        auto all = tree.findAll(id);
        if (occurrence >= all.size()) return -1;
        return all[occurrence];
    }
    bool has(const std::string& abbrev) const { return node(abbrev) >= 0; }
    uint64_t u(const std::string& abbrev, size_t occurrence = 0) const {
        int32_t n = node(abbrev, occurrence);
        INFO("field " << abbrev);
        REQUIRE(n >= 0);
        REQUIRE(std::holds_alternative<uint64_t>(tree.node(n).value));
        return std::get<uint64_t>(tree.node(n).value);
    }
    // The value as `tshark -T fields` would print it.
    std::string text(const std::string& abbrev, size_t occurrence = 0) const {
        int32_t n = node(abbrev, occurrence);
        INFO("field " << abbrev);
        REQUIRE(n >= 0);
        return fieldsValue(FieldRegistry::instance().def(tree.node(n).field), tree.node(n), bytes);
    }
    const TreeNode& at(const std::string& abbrev, size_t occurrence = 0) const {
        int32_t n = node(abbrev, occurrence);
        INFO("field " << abbrev);
        REQUIRE(n >= 0);
        return tree.node(n);
    }
    // True when some node carries an expert note whose id is `id`.
    bool hasNote(const std::string& id) const {
        for (auto& [n, note] : tree.allNotes())
            if (note->id == id) return true;
        return false;
    }
};

inline std::vector<uint8_t> hexToBytes(std::string_view hex) {
    std::vector<uint8_t> out;
    int hi = -1;
    for (char c : hex) {
        int v = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (v < 0) continue;
        if (hi < 0)
            hi = v;
        else {
            out.push_back(uint8_t(hi << 4 | v));
            hi = -1;
        }
    }
    return out;
}

} // namespace tcpscope::test
