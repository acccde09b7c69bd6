// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/conversation_model.h"

#include "tcpscope/text_catalogue.h"
#include <tcpscope/tcp_state_machine.h>

namespace tcpscope::ui {

namespace {
QString sv(std::string_view v) {
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}
QString socket(const TcpEndpointSummary& e) {
    const QString a = QString::fromStdString(e.address.toString());
    return e.address.family == 6 ? QStringLiteral("[%1]:%2").arg(a).arg(e.port)
                                 : QStringLiteral("%1:%2").arg(a).arg(e.port);
}
} // namespace

ConversationModel::ConversationModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConversationModel::setDocument(DocumentPtr document) {
    beginResetModel();
    m_document = std::move(document);
    m_filtered = false;
    m_rows.clear();
    endResetModel();
}

void ConversationModel::setDisplayFilter(const std::vector<uint8_t>* matched) {
    beginResetModel();
    m_filtered = matched && m_document;
    m_rows.clear();
    if (m_filtered) {
        const auto& connections = m_document->tracker().connections();
        std::vector<uint8_t> shown(connections.size(), 0); // by stream index
        for (size_t i = 0; i < m_document->size() && i < matched->size(); ++i)
            if ((*matched)[i])
                if (const std::optional<PacketBrief> a = m_document->brief(i);
                    a && a->stream < shown.size())
                    shown[a->stream] = 1;
        for (size_t c = 0; c < connections.size(); ++c)
            if (connections[c].stream < shown.size() && shown[connections[c].stream])
                m_rows.push_back(uint32_t(c));
    }
    endResetModel();
}

const TcpConnection& ConversationModel::connection(int row) const {
    const size_t c = m_filtered ? m_rows[size_t(row)] : size_t(row);
    return m_document->tracker().connections()[c];
}

int ConversationModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_document) return 0;
    return m_filtered ? int(m_rows.size()) : int(m_document->tracker().connections().size());
}

int ConversationModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_document) return {};
    const TcpConnection& c = connection(index.row());
    if (role == StreamRole) return c.stream;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Stream || index.column() == Packets || index.column() == Bytes ||
            index.column() == Duration)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && (index.column() == Client || index.column() == Server))
        return tr("Client chosen because: %1").arg(sv(roleReasonText(c.roleReason)));
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Stream:
        return c.stream;
    case Client:
        return socket(c.client);
    case Server:
        return socket(c.server);
    case Packets:
        return QVariant::fromValue<qulonglong>(c.client.packets + c.server.packets);
    case Bytes:
        return QVariant::fromValue<qulonglong>(c.client.bytes + c.server.bytes);
    case Duration:
        return c.hasTimestamps ? QString::number(double(c.durationNs()) / 1e9, 'f', 6)
                               : QStringLiteral("–");
    case Opened:
        return sv(openKindText(c.open));
    case Closed:
        return sv(closeKindText(c.close));
    case ClientFinal:
        return QString::fromStdString(stateDisplayName(c.client.finalState));
    case ServerFinal:
        return QString::fromStdString(stateDisplayName(c.server.finalState));
    case ConnState:
        return sv(c.connState);
    }
    return {};
}

QVariant ConversationModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {
        QT_TR_NOOP("Stream"),       QT_TR_NOOP("Client"),    QT_TR_NOOP("Server"),
        QT_TR_NOOP("Packets"),      QT_TR_NOOP("Bytes"),     QT_TR_NOOP("Duration (s)"),
        QT_TR_NOOP("Opened"),       QT_TR_NOOP("Closed"),    QT_TR_NOOP("Client final"),
        QT_TR_NOOP("Server final"), QT_TR_NOOP("Zeek state")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace tcpscope::ui
