// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/filter_completion.h"

#include "document/document.h"

#include <tcpscope/field.h>
#include <tcpscope/tcp_state_machine.h>

#include <QRegularExpression>

namespace tcpscope::ui {

namespace {

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-' || c == u'"';
}

// A value as the filter reads it: bare when it is one word, else quoted.
QString literal(std::string_view name) {
    const QString s = fromCore(name);
    static const QRegularExpression word(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    return word.match(s).hasMatch() ? s : QLatin1Char('"') + s + QLatin1Char('"');
}

} // namespace

QStringList filterFieldNames() {
    registerAllProtocols();
    static const QStringList names = [] {
        QStringList out;
        const FieldRegistry& reg = FieldRegistry::instance();
        for (size_t i = 0; i < reg.size(); ++i) out << fromCore(reg.def(FieldId(i)).abbrev);
        // The filter's own names for either endpoint (DisplayFilter: tcp.port, ip.addr, ...).
        out << QStringLiteral("tcp.port") << QStringLiteral("ip.addr")
            << QStringLiteral("ipv6.addr");
        out.removeDuplicates();
        out.sort();
        return out;
    }();
    return names;
}

QStringList filterValueNames(const QString& abbrev) {
    const FieldId id = fieldId(abbrev.toStdString());
    if (id == kNoField) return {};
    const FieldDef& def = FieldRegistry::instance().def(id);
    QStringList out;
    for (const ValueName& v : def.values) out << literal(v.name);
    if (def.type == FieldType::Bool) out << QStringLiteral("True") << QStringLiteral("False");
    if (abbrev == u"tcpfsm.sender")
        out << QStringLiteral("\"client\"") << QStringLiteral("\"server\"");
    if (abbrev.startsWith(u"tcpfsm.client") || abbrev.startsWith(u"tcpfsm.server"))
        for (size_t s = 1; s < kTcpStateCount; ++s) // UNKNOWN is never a state shown
            out << QLatin1Char('"') + fromCore(stateName(TcpState(s))) + QLatin1Char('"');
    out.removeDuplicates();
    return out;
}

FilterCompletion filterCompletion(const QString& text, int cursor) {
    FilterCompletion c;
    cursor = std::clamp(cursor, 0, int(text.size()));
    int start = cursor;
    while (start > 0 && isWordChar(text[start - 1])) --start;
    c.start = start;
    c.length = cursor - start;
    c.prefix = text.mid(start, c.length);
    // `field op ` before the word: complete that field's values.
    static const QRegularExpression relation(
        QStringLiteral("([A-Za-z0-9_.-]+)\\s*(==|!=|\\beq\\b|\\bne\\b)\\s*$"));
    const QRegularExpressionMatch m = relation.match(text.left(start));
    if (m.hasMatch()) {
        c.values = true;
        for (const QString& v : filterValueNames(m.captured(1)))
            if (v.startsWith(c.prefix, Qt::CaseInsensitive)) c.candidates << v;
        return c;
    }
    if (c.prefix.isEmpty() || c.prefix.startsWith(u'"')) return c;
    for (const QString& f : filterFieldNames())
        if (f.startsWith(c.prefix)) c.candidates << f;
    return c;
}

QString applyCompletion(const QString& text, const FilterCompletion& c, const QString& choice,
                        int* cursor) {
    QString out = text;
    out.replace(c.start, c.length, choice);
    if (cursor) *cursor = c.start + int(choice.size());
    return out;
}

} // namespace tcpscope::ui
