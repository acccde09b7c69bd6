// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/field_text.h"

#include "tcpscope/text_catalogue.h"
#include <tcpscope/field.h>
#include <tcpscope/field_format.h>

#include <QStringList>

namespace tcpscope::ui {

namespace {
QString fromView(std::string_view v) {
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}
} // namespace

FieldText fieldText(const TreeNode& node) {
    FieldText t;
    t.name = fromView(node.label());
    t.value = fromView(node.valueText());
    t.bits = fromView(node.bits());
    if (node.field != kNoField) {
        const FieldDef& def = FieldRegistry::instance().def(node.field);
        t.abbrev = fromView(def.abbrev);
        t.explanation = fromView(fieldExplanation(def));
        t.shortName = fromView(def.shortName.empty() ? def.name : def.shortName);
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
    // A ". " ends the sentence unless it ends an abbreviation ("e.g. ", "i.e. ", "vs. ") or the
    // next word starts in lower case.
    static const QStringList abbreviations = {QStringLiteral("e.g"), QStringLiteral("i.e"),
                                              QStringLiteral("etc"), QStringLiteral("vs"),
                                              QStringLiteral("cf"),  QStringLiteral("approx")};
    // A Chinese text ends its sentence at "。" (outside parentheses).
    qsizetype cjk = -1;
    for (qsizetype i = 0, depth = 0; i < text.size() && cjk < 0; ++i) {
        const QChar c = text[i];
        depth += (c == u'（' || c == u'(') ? 1 : (c == u'）' || c == u')') && depth > 0 ? -1 : 0;
        if (c == u'。' && depth == 0) cjk = i;
    }
    for (qsizetype dot = text.indexOf(QStringLiteral(". ")); dot >= 0;
         dot = text.indexOf(QStringLiteral(". "), dot + 1)) {
        if (cjk >= 0 && cjk < dot) break;
        const qsizetype wordStart = text.lastIndexOf(QLatin1Char(' '), dot) + 1;
        const QString word = text.mid(wordStart, dot - wordStart).remove(QLatin1Char('('));
        const QChar next = dot + 2 < text.size() ? text[dot + 2] : QChar();
        if (abbreviations.contains(word, Qt::CaseInsensitive) || next.isLower()) continue;
        return text.left(dot + 1);
    }
    return cjk >= 0 ? text.left(cjk + 1) : text;
}

} // namespace tcpscope::ui
