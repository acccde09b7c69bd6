// SPDX-License-Identifier: GPL-2.0-or-later
// One row per TCP connection the tracker found: sockets, packets, bytes, duration, how it
// opened and closed, and each endpoint's final RFC 9293 state.
#pragma once

#include "document/document.h"

#include <QAbstractTableModel>

#include <vector>

namespace tcpscope::ui {

class ConversationModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Stream,
        Client,
        Server,
        Packets,
        Bytes,
        Duration,
        Opened,
        Closed,
        ClientFinal,
        ServerFinal,
        ConnState,
        ColumnCount
    };
    enum Role { StreamRole = Qt::UserRole + 1 };

    explicit ConversationModel(QObject* parent = nullptr);
    void setDocument(DocumentPtr document);
    // While a display filter is applied: only the connections with at least one packet it
    // matched (one byte per document row, 1 = matched); null shows them all.
    void setDisplayFilter(const std::vector<uint8_t>* matched);
    bool filtered() const { return m_filtered; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    const TcpConnection& connection(int row) const;

    DocumentPtr m_document;
    std::vector<uint32_t> m_rows; // connections shown, while filtered
    bool m_filtered = false;
};

} // namespace tcpscope::ui
