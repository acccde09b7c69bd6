// SPDX-License-Identifier: GPL-2.0-or-later
// Turning field values into text: Wireshark-style display lines for the tree, and the value
// alone as `tshark -T fields` prints it.
#pragma once

#include "tcpscope/field.h"
#include "tcpscope/proto_tree.h"

#include <span>
#include <string>

namespace tcpscope {

// "0100 .... = Version: 4" / ".... ..1. = Syn: Set" / "Time to Live: 54".
std::string defaultDisplay(const FieldDef& def, const FieldValue& value, uint64_t bitmask);

// The value as tshark -T fields prints it (decimal, 0x-padded hex, 1/0, dotted address,
// unseparated hex bytes). `frameBytes` resolves Protocol-typed nodes to their byte range.
std::string fieldsValue(const FieldDef& def, const TreeNode& node,
                        std::span<const uint8_t> frameBytes);

// "...." / "..1." groups for a bitmask display, `bits` wide.
std::string bitPattern(uint64_t value, uint64_t mask, unsigned bits);

std::string hexBytes(std::span<const uint8_t> bytes);    // "4500003c"
std::string etherToString(std::span<const uint8_t> six); // "00:19:d2:90:29:61"

} // namespace tcpscope
