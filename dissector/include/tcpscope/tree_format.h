// SPDX-License-Identifier: GPL-2.0-or-later
// Printing a dissection: the indented field tree with byte offsets and lengths, the same as
// JSON, and tshark-like `-T fields` columns.
#pragma once

#include "tcpscope/frame.h"
#include "tcpscope/proto_tree.h"

#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

// "Time to Live: 54  [22+1]" lines, two spaces per level; expert notes on their own lines.
// With `explain`, each field's explanation (in the installed language) follows its line after
// "# ".
std::string formatTreeText(const ProtoTree& tree, bool explain = false);

// One packet as a JSON object: {"frame": N, "layers": [ {field, name, offset, length, ...} ]}.
std::string formatTreeJson(const ProtoTree& tree, const Frame& frame);

// The values of each requested field, tab-separated, occurrences comma-joined (tshark -T
// fields -E occurrence=a -E aggregator=,). Unknown abbreviations give empty columns.
std::string formatFieldsLine(const ProtoTree& tree, std::span<const uint8_t> frameBytes,
                             const std::vector<FieldId>& fields);

// One column of that line, appended to `out`: every value of `field` in the tree, in node
// creation order, each after a comma unless it is the column's first (`seen`, updated). A line
// can be built from several trees this way (a packet's dissection, then its analysis).
void appendFieldValues(std::string& out, bool& seen, const ProtoTree& tree,
                       std::span<const uint8_t> frameBytes, FieldId field);

std::string jsonEscape(std::string_view s);

} // namespace tcpscope
