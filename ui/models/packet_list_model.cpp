// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/packet_list_model.h"

#include <tcpscope/packet_info.h>
#include <tcpscope/packet_summary.h>
#include <tcpscope/tcp_state_machine.h>

#include <QDateTime>
#include <QFont>

namespace tcpscope::ui {

std::span<const TimeFormatInfo> timeFormats() {
    static constexpr TimeFormatInfo kFormats[] = {
        {TimeFormat::TimeOfDay, "time-of-day",
         QT_TRANSLATE_NOOP("PacketListModel", "Time of Day (UTC)")},
        {TimeFormat::DateAndTime, "date-and-time",
         QT_TRANSLATE_NOOP("PacketListModel", "Date and Time of Day (UTC)")},
        {TimeFormat::SinceStart, "since-start",
         QT_TRANSLATE_NOOP("PacketListModel", "Seconds Since Beginning of Capture")},
        {TimeFormat::SincePrevious, "since-previous",
         QT_TRANSLATE_NOOP("PacketListModel", "Seconds Since Previous Displayed Packet")}};
    return kFormats;
}

namespace {

// Core texts are UTF-8: the Info column's tracker notes may be Chinese.
QString sv(std::string_view v) {
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

uint32_t warningNoteMask() {
    static const uint32_t mask = [] {
        uint32_t m = 0;
        for (uint32_t i = 0; i < kTrackerNoteCount; ++i)
            if (trackerNoteInfo(static_cast<TrackerNote>(i)).severity >= Severity::Warning)
                m |= 1u << i;
        return m;
    }();
    return mask;
}

int64_t nsOf(const Timestamp& t) {
    return t.sec * 1000000000LL + int64_t(t.nsec);
}

QString seconds(int64_t ns) {
    const bool neg = ns < 0;
    const uint64_t a = neg ? uint64_t(-ns) : uint64_t(ns);
    return QStringLiteral("%1%2.%3")
        .arg(neg ? "-" : "")
        .arg(a / 1000000000ULL)
        .arg(a % 1000000000ULL / 1000, 6, 10, QLatin1Char('0'));
}

} // namespace

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent) {}

void PacketListModel::setDocument(DocumentPtr document) {
    beginResetModel();
    m_document = std::move(document);
    m_described.fill(Described{});
    m_stream.reset();
    m_matched.reset();
    m_visible.clear();
    m_marked.clear();
    m_markedCount = 0;
    endResetModel();
}

void PacketListModel::setTimeFormat(TimeFormat format) {
    if (m_timeFormat == format) return;
    m_timeFormat = format;
    if (rowCount() > 0) emit dataChanged(index(0, Time), index(rowCount() - 1, Time));
    emit headerDataChanged(Qt::Horizontal, Time, Time);
}

void PacketListModel::setDarkColors(bool dark) {
    m_colors.setDark(dark);
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void PacketListModel::setStreamFilter(std::optional<uint32_t> stream) {
    beginResetModel();
    m_stream = stream;
    rebuildVisible();
    endResetModel();
}

void PacketListModel::setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched) {
    beginResetModel();
    m_matched = std::move(matched);
    rebuildVisible();
    endResetModel();
}

void PacketListModel::rebuildVisible() {
    m_visible.clear();
    if (!filtered() || !m_document) return;
    for (size_t i = 0; i < m_document->size(); ++i) {
        if (m_matched && (i >= m_matched->size() || !(*m_matched)[i])) continue;
        if (m_stream) {
            const std::optional<PacketBrief> a = m_document->brief(i);
            if (!a || a->stream != *m_stream) continue;
        }
        m_visible.push_back(uint32_t(i));
    }
}

int PacketListModel::documentRow(int modelRow) const {
    if (modelRow < 0 || modelRow >= rowCount()) return -1;
    return filtered() ? int(m_visible[size_t(modelRow)]) : modelRow;
}

int PacketListModel::modelRow(int documentRow) const {
    if (!m_document || documentRow < 0) return -1;
    if (!filtered()) return documentRow < int(m_document->records().size()) ? documentRow : -1;
    auto it = std::lower_bound(m_visible.begin(), m_visible.end(), uint32_t(documentRow));
    return it != m_visible.end() && *it == uint32_t(documentRow) ? int(it - m_visible.begin()) : -1;
}

void PacketListModel::setMarked(int docRow, bool marked) {
    if (!m_document || docRow < 0 || size_t(docRow) >= m_document->records().size()) return;
    if (m_marked.size() <= size_t(docRow)) {
        if (!marked) return;
        m_marked.resize(m_document->records().size(), 0);
    }
    if (bool(m_marked[size_t(docRow)]) == marked) return;
    m_marked[size_t(docRow)] = marked;
    m_markedCount += marked ? 1 : -1;
    const int row = modelRow(docRow);
    if (row >= 0) emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool PacketListModel::isMarked(int docRow) const {
    return docRow >= 0 && size_t(docRow) < m_marked.size() && m_marked[size_t(docRow)];
}

void PacketListModel::clearMarks() {
    if (m_markedCount == 0) return;
    m_marked.clear();
    m_markedCount = 0;
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int PacketListModel::nextMarkedRow(int fromRow, bool backward) const {
    const int rows = rowCount();
    if (m_markedCount == 0 || rows == 0) return -1;
    const int start = fromRow < 0 ? (backward ? rows : -1) : fromRow;
    for (int k = 1; k <= rows; ++k) {
        const int row = ((start + (backward ? -k : k)) % rows + rows) % rows;
        if (isMarked(documentRow(row))) return row;
    }
    return -1;
}

int PacketListModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !m_document) return 0;
    return filtered() ? int(m_visible.size()) : int(m_document->records().size());
}

int PacketListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PacketListModel::timeText(int modelRow, const PacketRecord& r) const {
    if (!r.hasTimestamp) return QStringLiteral("–");
    switch (m_timeFormat) {
    case TimeFormat::TimeOfDay:
    case TimeFormat::DateAndTime: {
        const QDateTime dt = QDateTime::fromSecsSinceEpoch(r.ts.sec, Qt::UTC);
        const QString frac =
            QStringLiteral(".%1").arg(r.ts.nsec % 1000000000ULL / 1000, 6, 10, QLatin1Char('0'));
        return dt.toString(m_timeFormat == TimeFormat::TimeOfDay
                               ? QStringLiteral("HH:mm:ss")
                               : QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
               frac;
    }
    case TimeFormat::SinceStart:
        return seconds(nsOf(r.ts) - nsOf(m_document->firstTimestamp()));
    case TimeFormat::SincePrevious: {
        if (modelRow == 0) return seconds(0);
        const PacketRecord& prev = m_document->records()[size_t(documentRow(modelRow - 1))];
        return seconds(nsOf(r.ts) - nsOf(prev.ts));
    }
    }
    return {};
}

const PacketDescription& PacketListModel::description(int docRow) const {
    Described& d = m_described[size_t(docRow) % m_described.size()];
    if (d.row != docRow) {
        d.row = docRow;
        d.description = m_document->describe(size_t(docRow));
    }
    return d.description;
}

QString PacketListModel::infoText(int docRow) const {
    return fromCore(description(docRow).info);
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_document) return {};
    const int docRow = documentRow(index.row());
    if (docRow < 0) return {};
    const PacketRecord& r = m_document->records()[size_t(docRow)];
    const std::optional<PacketBrief> a = m_document->brief(size_t(docRow));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return QVariant::fromValue<qulonglong>(r.number);
        case Time:
            return timeText(index.row(), r);
        case Source:
            return r.src.valid() ? QString::fromStdString(r.src.toString()) : QString();
        case Destination:
            return r.dst.valid() ? QString::fromStdString(r.dst.toString()) : QString();
        case Protocol:
            return fromCore(description(docRow).protocol);
        case Length:
            return r.hasBytes ? QVariant(r.originalLength) : QVariant(QStringLiteral("–"));
        case ClientState:
            return a ? sv(stateName(a->client.after)) : QString();
        case ServerState:
            return a ? sv(stateName(a->server.after)) : QString();
        case Info:
            return infoText(docRow);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ClientState || index.column() == ServerState) {
            if (!a) return {};
            const EndpointStep& st = index.column() == ClientState ? a->client : a->server;
            return QStringLiteral("%1 → %2\n%3")
                .arg(sv(stateName(st.before)), sv(stateName(st.after)),
                     st.event == TcpEvent::None ? tr("no transition") : sv(eventName(st.event)));
        }
        if (index.column() == Info) return infoText(docRow);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Number || index.column() == Length)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
    case Qt::ForegroundRole:
    case ColorRuleRole: {
        const bool badChecksum =
            r.hasTcp && r.hasBytes && description(docRow).tcpChecksum == ChecksumStatus::Bad;
        const RowColors c = m_colors.colorsFor(r, a ? a->analysisFlags : 0,
                                               a && (a->notes & warningNoteMask()), badChecksum);
        if (role == ColorRuleRole)
            return isMarked(docRow) ? QStringLiteral("Marked") : QString::fromLatin1(c.rule);
        if (isMarked(docRow)) // over any rule, as Wireshark's marked rows
            return role == Qt::BackgroundRole ? m_colors.marked().background
                                              : m_colors.marked().foreground;
        const QColor col = role == Qt::BackgroundRole ? c.background : c.foreground;
        return col.isValid() ? QVariant(col) : QVariant();
    }
    case DocumentRowRole:
        return docRow;
    case StreamRole:
        return a ? QVariant(a->stream) : QVariant();
    }
    return {};
}

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Number:
        return tr("No.");
    case Time:
        switch (m_timeFormat) {
        case TimeFormat::TimeOfDay:
            return tr("Time (UTC)");
        case TimeFormat::DateAndTime:
            return tr("Date and time (UTC)");
        case TimeFormat::SinceStart:
            return tr("Time");
        case TimeFormat::SincePrevious:
            return tr("Delta");
        }
        return {};
    case Source:
        return tr("Source");
    case Destination:
        return tr("Destination");
    case Protocol:
        return tr("Protocol");
    case Length:
        return tr("Length");
    case ClientState:
        return tr("Client state");
    case ServerState:
        return tr("Server state");
    case Info:
        return tr("Info");
    }
    return {};
}

} // namespace tcpscope::ui
