// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/field_text.h"

#include <tcpscope/field.h>
#include <tcpscope/field_format.h>

namespace tcpscope::ui {

namespace {
QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}
} // namespace

FieldText fieldText(const TreeNode& node) {
    FieldText t;
    QString display = QString::fromStdString(node.display);
    if (node.field == kNoField) {
        t.name = display;
        return t;
    }
    const FieldDef& def = FieldRegistry::instance().def(node.field);
    t.abbrev = fromView(def.abbrev);
    t.explanation = fromView(def.explanation);
    // Generated lines come wrapped in brackets: "[Stream index: 0]".
    if (display.startsWith(u'[') && display.endsWith(u']'))
        display = display.mid(1, display.size() - 2);
    // A bit pattern comes first: "0100 .... = Version: 4".
    const qsizetype eq = display.indexOf(QStringLiteral(" = "));
    if (eq > 0 && display.left(eq).contains(u'.') && !display.left(eq).contains(u':')) {
        t.bits = display.left(eq);
        display = display.mid(eq + 3);
    }
    const QString name = fromView(def.name);
    if (def.type == FieldType::Protocol) {
        t.name = display;
    } else if (display.startsWith(name + QStringLiteral(": "))) {
        t.name = name;
        t.value = display.mid(name.size() + 2);
    } else if (const qsizetype colon = display.indexOf(QStringLiteral(": ")); colon > 0) {
        t.name = display.left(colon);
        t.value = display.mid(colon + 2);
    } else {
        t.name = display;
    }
    if (node.generated) t.name = u'[' + t.name + u']';
    return t;
}

QString filterValue(const TreeNode& node, std::span<const uint8_t> frameBytes) {
    if (node.field == kNoField) return {};
    const FieldDef& def = FieldRegistry::instance().def(node.field);
    return QString::fromStdString(fieldsValue(def, node, frameBytes));
}

QString filterExpression(const TreeNode& node, std::span<const uint8_t> frameBytes) {
    if (node.field == kNoField) return {};
    const FieldDef& def = FieldRegistry::instance().def(node.field);
    const QString abbrev = fromView(def.abbrev);
    if (def.type == FieldType::Protocol || def.type == FieldType::None) return abbrev;
    QString v = filterValue(node, frameBytes);
    if (def.type == FieldType::String) v = u'"' + v + u'"';
    return abbrev + QStringLiteral(" == ") + v;
}

QString firstSentence(const QString& text) {
    const qsizetype dot = text.indexOf(QStringLiteral(". "));
    return dot < 0 ? text : text.left(dot + 1);
}

} // namespace tcpscope::ui
