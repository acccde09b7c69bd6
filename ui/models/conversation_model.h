// SPDX-License-Identifier: GPL-2.0-or-later
// One row per TCP connection the tracker found: sockets, packets, bytes, duration, how it
// opened and closed, and each endpoint's final RFC 9293 state.
#pragma once

#include "document/document.h"

#include <QAbstractTableModel>

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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    DocumentPtr m_document;
};

} // namespace tcpscope::ui
