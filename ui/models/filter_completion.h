// SPDX-License-Identifier: GPL-2.0-or-later
// What the display filter bar offers to complete the word being typed, as Wireshark's: field
// names from the core's FieldRegistry, and after `field ==` (or != eq ne) that field's values by
// name: its value-name table (ip.proto == TCP), True/False for a boolean, RFC 9293 state names
// for tcpfsm's state fields.
#pragma once

#include <QString>
#include <QStringList>

namespace tcpscope::ui {

struct FilterCompletion {
    int start = 0;  // where the word being completed starts in the text
    int length = 0; // and its length up to the cursor
    QString prefix; // the word so far
    QStringList candidates;
    bool values = false; // candidates are values of a field, not field names
};

// Every field name the registry knows, sorted.
QStringList filterFieldNames();
// The value names offered after `abbrev ==`, as the filter reads them (quoted where needed).
QStringList filterValueNames(const QString& abbrev);
// The completion of the word that ends at `cursor`.
FilterCompletion filterCompletion(const QString& text, int cursor);
// The text with the completion's word replaced by `choice`; `cursor` is set after it.
QString applyCompletion(const QString& text, const FilterCompletion& c, const QString& choice,
                        int* cursor);

} // namespace tcpscope::ui
