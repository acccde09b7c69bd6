// SPDX-License-Identifier: GPL-2.0-or-later
// Statistics > SYN Queue: the half-open (SYN) queue of a listening socket over time
// (SynQueueView), a choice of the capture's listening sockets, the counts in words, what the
// SYN,ACKs say about SYN cookies (only what the capture shows), export as PNG and SVG.
// Clicking a mark selects that packet everywhere. Non-modal.
#pragma once

#include "document/document.h"

#include <tcpscope/syn_queue.h>

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;

namespace tcpscope::ui {

class SelectionController;
class SynQueueView;

class SynQueueDialog : public QDialog {
    Q_OBJECT
  public:
    explicit SynQueueDialog(SelectionController* controller, QWidget* parent = nullptr);
    // Shows the queue of `socket`'s server, or of the socket with the most SYNs.
    void showSocketOf(std::optional<uint32_t> stream);
    SynQueueView* view() const { return m_view; }
    QString summaryText() const; // the words under the graph (tests)
    void setDarkColors(bool dark);

  private:
    void showSocket(int index);
    void exportAs(bool svg);

    SelectionController* m_controller;
    DocumentPtr m_document;
    std::vector<ListeningSocket> m_sockets;
    QComboBox* m_socketBox;
    SynQueueView* m_view;
    QLabel* m_summary;
};

} // namespace tcpscope::ui
