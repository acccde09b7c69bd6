// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/field_tree_model.h"

#include "models/field_text.h"

#include <QBrush>
#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace tcpscope::ui {

namespace {

const std::vector<int32_t> kNoChildren;

QString severityName(Severity s) {
    switch (s) {
    case Severity::Comment:
        return QCoreApplication::translate("FieldTreeModel", "Comment");
    case Severity::Chat:
        return QCoreApplication::translate("FieldTreeModel", "Chat");
    case Severity::Note:
        return QCoreApplication::translate("FieldTreeModel", "Note");
    case Severity::Warning:
        return QCoreApplication::translate("FieldTreeModel", "Warning");
    case Severity::Error:
        return QCoreApplication::translate("FieldTreeModel", "Error");
    }
    return {};
}

int worst(const TreeNode& n) {
    int w = -1;
    for (const ExpertNote& e : n.notes) w = std::max(w, int(e.severity));
    return w;
}

QColor severityColor(Severity s) {
    switch (s) {
    case Severity::Error:
        return QColor(0xe0, 0x1b, 0x24);
    case Severity::Warning:
        return QColor(0xf5, 0xc2, 0x11);
    case Severity::Note:
        return QColor(0x35, 0x84, 0xe4);
    default:
        return QColor(0x9a, 0x9a, 0xa0);
    }
}

QPixmap severityDot(Severity s) {
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    p.setBrush(severityColor(s));
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return pm;
}

// The Field, Value and Meaning columns: the Meaning is the node's expert notes, else the first
// sentence of its explanation.
QString displayText(const TreeNode& n, int column) {
    const FieldText t = fieldText(n);
    if (column == FieldTreeModel::Name) return t.name;
    if (column == FieldTreeModel::Value)
        return t.bits.isEmpty() ? t.value : t.bits + QStringLiteral("  ") + t.value;
    QStringList parts;
    for (const ExpertNote& e : n.notes)
        parts << QStringLiteral("%1: %2").arg(severityName(e.severity),
                                              QString::fromStdString(e.message));
    if (!parts.isEmpty()) return parts.join(QStringLiteral("; "));
    return firstSentence(t.explanation);
}

// The display text, the abbreviation, where the bytes are (or that there are none) and every
// expert note with its id.
QString toolTipText(const TreeNode& n) {
    const FieldText t = fieldText(n);
    QString tip = QString::fromStdString(n.display);
    if (!t.abbrev.isEmpty()) tip += QStringLiteral("\n%1").arg(t.abbrev);
    if (n.generated)
        tip +=
            u'\n' + QCoreApplication::translate(
                        "FieldTreeModel", "(generated: computed by TcpScope, no bytes of its own)");
    else
        tip += u'\n' + QCoreApplication::translate("FieldTreeModel", "bytes %1–%2")
                           .arg(n.offset)
                           .arg(n.offset + n.length - (n.length ? 1 : 0));
    for (const ExpertNote& e : n.notes)
        tip += QStringLiteral("\n%1 (%2): %3")
                   .arg(severityName(e.severity), QString::fromStdString(e.id),
                        QString::fromStdString(e.message));
    return tip;
}

// Generated fields in italics, protocol layers in bold.
QVariant nodeFont(const TreeNode& n) {
    if (n.generated) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (n.parent < 0) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

// Wireshark's expert colours.
QBrush expertBackground(Severity s) {
    switch (s) {
    case Severity::Error:
        return QBrush(QColor(0xff, 0x5c, 0x5c));
    case Severity::Warning:
        return QBrush(QColor(0xf7, 0xe6, 0x5a));
    case Severity::Note:
        return QBrush(QColor(0xa0, 0xcf, 0xff));
    default:
        return QBrush(QColor(0xc8, 0xd8, 0xff));
    }
}

} // namespace

FieldTreeModel::FieldTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void FieldTreeModel::setTree(std::shared_ptr<const ProtoTree> tree,
                             std::span<const uint8_t> bytes) {
    beginResetModel();
    m_tree = std::move(tree);
    m_bytes = bytes;
    m_rowInParent.clear();
    if (m_tree) {
        m_rowInParent.resize(m_tree->nodes().size(), 0);
        for (size_t i = 0; i < m_tree->roots().size(); ++i)
            m_rowInParent[size_t(m_tree->roots()[i])] = int32_t(i);
        for (const TreeNode& n : m_tree->nodes())
            for (size_t i = 0; i < n.children.size(); ++i)
                m_rowInParent[size_t(n.children[i])] = int32_t(i);
    }
    endResetModel();
}

void FieldTreeModel::setColorNotes(bool on) {
    m_colorNotes = on;
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const std::vector<int32_t>& FieldTreeModel::childrenOf(int node) const {
    if (!m_tree) return kNoChildren;
    return node < 0 ? m_tree->roots() : m_tree->node(node).children;
}

QModelIndex FieldTreeModel::indexOfNode(int node, int column) const {
    if (!m_tree || node < 0 || node >= int(m_tree->nodes().size())) return {};
    return createIndex(m_rowInParent[size_t(node)], column, quintptr(node));
}

int FieldTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? int(index.internalId()) : -1;
}

QModelIndex FieldTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (parent.isValid() && parent.column() != 0) return {};
    const auto& kids = childrenOf(nodeOf(parent));
    if (row >= int(kids.size())) return {};
    return createIndex(row, column, quintptr(kids[size_t(row)]));
}

QModelIndex FieldTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || !m_tree) return {};
    const int p = m_tree->node(nodeOf(child)).parent;
    return p < 0 ? QModelIndex() : indexOfNode(p, 0);
}

int FieldTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return int(childrenOf(nodeOf(parent)).size());
}

int FieldTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant FieldTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_tree) return {};
    const int id = nodeOf(index);
    const TreeNode& n = m_tree->node(id);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(n, index.column());
    case Qt::ToolTipRole:
        return toolTipText(n);
    case Qt::FontRole:
        return nodeFont(n);
    case Qt::DecorationRole: {
        // A coloured dot for any note; warnings and errors also colour the row (below).
        const int w = worst(n);
        if (!m_colorNotes || w < int(Severity::Chat) || index.column() != Name) return {};
        return severityDot(Severity(w));
    }
    case Qt::BackgroundRole:
    case Qt::ForegroundRole: {
        const int w = worst(n);
        if (!m_colorNotes || w < int(Severity::Warning)) return {};
        if (role == Qt::ForegroundRole) return QBrush(Qt::black);
        return expertBackground(Severity(w));
    }
    case NodeRole:
        return id;
    case OffsetRole:
        return n.offset;
    case LengthRole:
        return n.length;
    case MaskRole:
        return QVariant::fromValue<qulonglong>(n.bitmask);
    case SeverityRole:
        return worst(n);
    case AbbrevRole:
        return fieldText(n).abbrev;
    case GeneratedRole:
        return n.generated;
    case FilterRole:
        return filterExpression(n, m_bytes);
    case FilterValueRole:
        return filterValue(n, m_bytes);
    }
    return {};
}

QVariant FieldTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name:
        return tr("Field");
    case Value:
        return tr("Value");
    case Meaning:
        return tr("Meaning");
    }
    return {};
}

} // namespace tcpscope::ui
