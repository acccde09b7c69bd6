// SPDX-License-Identifier: GPL-2.0-or-later
// What the views show of a tree node, from the parts the core keeps apart ("..1. = Syn: Set":
// the bits, the label, the value); and a display filter for "Copy as filter".
#pragma once

#include <tcpscope/proto_tree.h>

#include <QString>

#include <span>

namespace tcpscope::ui {

struct FieldText {
    QString name;      // "Syn" (in brackets when generated: "[Stream index]")
    QString shortName; // where space is tight: "Window scale" for "TCP Option - Window scale"
    QString value;     // "Set"
    QString bits;      // ".... .... ..1." or empty
    QString abbrev;    // "tcp.flags.syn"
    QString explanation;
};

FieldText fieldText(const TreeNode& node);
// The value as tshark -T fields prints it ("1", "0x0002", "10.0.0.1").
QString filterValue(const TreeNode& node, std::span<const uint8_t> frameBytes);
// "tcp.flags.syn == 1" (strings quoted).
QString filterExpression(const TreeNode& node, std::span<const uint8_t> frameBytes);
// Short one-line meaning: the first sentence of the explanation.
QString firstSentence(const QString& text);

} // namespace tcpscope::ui
