// SPDX-License-Identifier: GPL-2.0-or-later
// Statistics > TCP Stream Graphs, as Wireshark's dialog: one direction of one connection as a
// Stevens or tcptrace time-sequence graph, throughput and goodput, round-trip time over time
// or sequence number, or the window; switch the direction, step the stream, set the
// throughput's moving average, reset the zoom, save as PNG or SVG. A click on the graph selects
// that packet in every view (SelectionController); the selected packet is the graph's cursor.
// Non-modal: the capture stays explorable beside it.
#pragma once

#include "document/document.h"

#include <tcpscope/stream_graph.h>

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace tcpscope::ui {

class SelectionController;
class StreamGraphView;

class StreamGraphDialog : public QDialog {
    Q_OBJECT
  public:
    explicit StreamGraphDialog(SelectionController* controller, QWidget* parent = nullptr);

    // Graphs `stream` of the controller's document, the direction the server (or client) sent.
    void setStream(uint32_t stream, bool fromServer);
    uint32_t stream() const;
    bool fromServer() const;
    void switchDirection();
    void setKind(GraphKind kind);
    GraphKind kind() const;
    // PNG, or SVG when the name ends in .svg, at the graph's size on screen.
    bool saveTo(const QString& path) const;

    // Parts, for tests.
    StreamGraphView* view() const { return m_view; }
    QComboBox* kindBox() const { return m_kind; }
    QSpinBox* streamBox() const { return m_stream; }
    QDoubleSpinBox* windowBox() const { return m_window; }
    QPushButton* directionButton() const { return m_direction; }
    QPushButton* resetButton() const { return m_reset; }

  private:
    QWidget* buildControls();
    void rebuild();
    void askSaveAs();
    void updateStatus();

    SelectionController* m_controller;
    DocumentPtr m_document;
    bool m_fromServer = true;

    StreamGraphView* m_view = nullptr;
    QComboBox* m_kind = nullptr;
    QSpinBox* m_stream = nullptr;
    QDoubleSpinBox* m_window = nullptr;
    QPushButton* m_direction = nullptr;
    QPushButton* m_reset = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace tcpscope::ui
