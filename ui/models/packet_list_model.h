// SPDX-License-Identifier: GPL-2.0-or-later
// The packet list: a flat, virtualized table over the document's compact rows. Every cell is
// rendered on demand; filtering by connection keeps a vector of visible row indices.
#pragma once

#include "document/document.h"

#include "models/packet_colors.h"
#include <tcpscope/packet_info.h>

#include <QAbstractTableModel>

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace tcpscope::ui {

enum class TimeFormat { TimeOfDay, DateAndTime, SinceStart, SincePrevious };

// The time formats as the View menu and Edit > Preferences list them: the settings key and the
// name (translated in the context "PacketListModel").
struct TimeFormatInfo {
    TimeFormat format;
    const char* key;
    const char* name;
};
std::span<const TimeFormatInfo> timeFormats();

class PacketListModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Number,
        Time,
        Source,
        Destination,
        Protocol,
        Length,
        ClientState,
        ServerState,
        Info,
        ColumnCount
    };
    enum Role { DocumentRowRole = Qt::UserRole + 1, StreamRole, ColorRuleRole };

    explicit PacketListModel(QObject* parent = nullptr);

    void setDocument(DocumentPtr document);
    const DocumentPtr& document() const { return m_document; }
    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }
    void setDarkColors(bool dark);
    // Shows only the packets of one TCP stream; nullopt shows all.
    void setStreamFilter(std::optional<uint32_t> stream);
    std::optional<uint32_t> streamFilter() const { return m_stream; }
    // Shows only the packets a display filter passed (one byte per document row, 1 = passes;
    // null shows all), together with the stream filter.
    void setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched);
    bool hasDisplayFilter() const { return m_matched != nullptr; }
    const std::shared_ptr<const std::vector<uint8_t>>& displayMatched() const { return m_matched; }
    // Whether any filter hides packets.
    bool filtered() const { return m_stream || m_matched; }

    // Marked packets (Edit > Mark Packet), drawn black on white as Wireshark's; by document row.
    void setMarked(int documentRow, bool marked);
    bool isMarked(int documentRow) const;
    void clearMarks();
    int markedCount() const { return m_markedCount; }
    // The model row of the next (previous) marked packet shown after `fromRow`, wrapping; -1.
    int nextMarkedRow(int fromRow, bool backward) const;

    // Document row <-> model row.
    int documentRow(int modelRow) const;
    int modelRow(int documentRow) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The Info text for a row: "[TCP Dup ACK] 39070 → 6379 [P.] seq 1:15, ack 1, win 229, len 14".
    QString infoText(int documentRow) const;

  private:
    QString timeText(int modelRow, const PacketRecord& row) const;
    // The core's description of a row (Protocol and Info), which dissects the frame again: the
    // rows on screen are asked for both columns in turn, so the last few are kept.
    const PacketDescription& description(int documentRow) const;

    void rebuildVisible();

    DocumentPtr m_document;
    std::vector<uint32_t> m_visible; // unused with no filter: identity
    std::optional<uint32_t> m_stream;
    std::shared_ptr<const std::vector<uint8_t>> m_matched;
    std::vector<uint8_t> m_marked; // by document row, grown on demand
    int m_markedCount = 0;
    TimeFormat m_timeFormat = TimeFormat::SinceStart;
    PacketColors m_colors;
    struct Described {
        int row = -1;
        PacketDescription description;
    };
    mutable std::array<Described, 64> m_described;
};

} // namespace tcpscope::ui
