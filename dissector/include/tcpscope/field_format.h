// SPDX-License-Identifier: GPL-2.0-or-later
// Turning field values into text: Wireshark-style display lines for the tree, and the value
// alone as `tshark -T fields` prints it.
#pragma once

#include "tcpscope/field.h"
#include "tcpscope/proto_tree.h"

#include <optional>
#include <span>
#include <string>

namespace tcpscope {

// What a dissector wants a node to show, in parts; each part left empty takes its default: the
// label is the field's name, the value is formatted from the node's value (none for a layer
// or label without a value), the bits come from the bitmask of a field that shares its bytes.
struct Shown {
    std::string label;
    std::optional<std::string> value; // may be given empty: "Event: "
    std::optional<std::string> bits;  // given empty: none, though the field has a bitmask
    bool noValue = false;             // a label alone, whatever the node's value

    // The field's name with this value text: "Checksum: 0x1a2b [correct]".
    static Shown val(std::string value) {
        Shown s;
        s.value = std::move(value);
        return s;
    }
    // A label alone: a layer's title, a line of text.
    static Shown title(std::string label) {
        Shown s;
        s.label = std::move(label);
        s.noValue = true;
        return s;
    }
    // Another label than the field's name, with a value: "TCP Option - Window scale: 7".
    static Shown labelled(std::string label, std::string value) {
        Shown s;
        s.label = std::move(label);
        s.value = std::move(value);
        return s;
    }
    // The bit pattern to show before the label (bitPattern(raw, mask, width)).
    Shown withBits(std::string bits) && {
        this->bits = std::move(bits);
        return std::move(*this);
    }
    // No bit pattern: the field spans its bytes, though a mask says which bits count.
    Shown withoutBits() && {
        bits = std::string();
        return std::move(*this);
    }
    bool empty() const { return label.empty() && !value && !bits && !noValue; }
};
// What a node shows when nothing is given: the field's own name and value. One object, so that
// a call without a tree (the first pass) constructs nothing.
inline const Shown kNoShown{};

// "0100 .... = Version: 4" / ".... ..1. = Syn: Set" / "Time to Live: 54", with its parts.
NodeText composeText(const FieldDef& def, const FieldValue& value, uint64_t bitmask,
                     const Shown& shown = {});
inline std::string defaultDisplay(const FieldDef& def, const FieldValue& value, uint64_t bitmask) {
    return composeText(def, value, bitmask).display;
}

// The value as tshark -T fields prints it (decimal, 0x-padded hex, 1/0, dotted address,
// unseparated hex bytes). `frameBytes` resolves Protocol-typed nodes to their byte range.
std::string fieldsValue(const FieldDef& def, const TreeNode& node,
                        std::span<const uint8_t> frameBytes);
// The same, appended to `out`: the common values (decimal numbers, strings, a flag's 1) are
// written in place, without a string of their own (a `fields` line per packet).
void appendFieldsValue(std::string& out, const FieldDef& def, const TreeNode& node,
                       std::span<const uint8_t> frameBytes);

// "...." / "..1." groups for a bitmask display, `bits` wide.
std::string bitPattern(uint64_t value, uint64_t mask, unsigned bits);

std::string hexBytes(std::span<const uint8_t> bytes);    // "4500003c"
std::string etherToString(std::span<const uint8_t> six); // "00:19:d2:90:29:61"

} // namespace tcpscope
