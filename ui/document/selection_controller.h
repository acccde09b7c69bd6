// SPDX-License-Identifier: GPL-2.0-or-later
// Keeps the packet list, field tree, byte table, flags view and header diagram in step: each
// view reports what the user picked here and follows the signals, so selection flows both ways
// without the views knowing about each other. Setting the current value again emits nothing,
// which is what stops feedback loops.
#pragma once

#include "document/document.h"

#include <QObject>

#include <memory>
#include <span>

namespace tcpscope::ui {

class SelectionController : public QObject {
    Q_OBJECT
  public:
    explicit SelectionController(QObject* parent = nullptr);

    void setDocument(DocumentPtr document);
    const DocumentPtr& document() const { return m_document; }

    int packet() const { return m_packet; } // document row, -1 for none
    int node() const { return m_node; }     // tree node, -1 for none
    const std::shared_ptr<const ProtoTree>& tree() const { return m_tree; }
    std::span<const uint8_t> bytes() const;

  public slots:
    void selectPacket(int documentRow);
    void selectNode(int node);
    // Selects the first node of a field (by abbreviation) in the current packet; false if absent.
    bool selectField(const QString& abbrev);

  signals:
    void documentChanged();
    // The tree of the new packet is ready (node selection is reset to -1 first).
    void packetChanged(int documentRow);
    void nodeChanged(int node);

  private:
    DocumentPtr m_document;
    std::shared_ptr<const ProtoTree> m_tree;
    int m_packet = -1;
    int m_node = -1;
};

} // namespace tcpscope::ui
