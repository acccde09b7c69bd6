// SPDX-License-Identifier: GPL-2.0-or-later
// The SYN queue of a listening socket drawn over time (the core's SynQueue): on top, how many
// connections are half-open (the server in SYN-RECEIVED) and how many established, as steps;
// below, one lane per connection with its SYN, the server's SYN,ACK and each retransmission,
// the back-off interval written at every retry ("+1 s", "+2 s", "+4 s" ...), and the moment it
// left the queue: established, reset, or given up after the last retry the capture shows.
// Clicking a mark selects its packet. The same painting makes the PNG and the SVG.
#pragma once

#include <tcpscope/syn_queue.h>

#include <QWidget>

#include <optional>

namespace tcpscope::ui {

class SynQueueView : public QWidget {
    Q_OBJECT
  public:
    explicit SynQueueView(QWidget* parent = nullptr);

    void setQueue(SynQueue queue);
    const SynQueue& queue() const { return m_queue; }
    void setDarkColors(bool dark);

    QString title() const; // "SYN queue of 192.168.10.80:80"
    // The retry labels drawn, lane by lane ("+1 s"), and the give-up marks (tests).
    QStringList retryLabels() const;
    int givenUpMarks() const;
    // The whole figure at `width` (its height follows the lanes), for PNG and SVG.
    QSize figureSize(int width) const;
    void paintFigure(QPainter& p, QSize size) const;
    QImage exportImage(int width, double scale = 1) const;
    bool saveSvg(const QString& path, int width) const;

    QSize sizeHint() const override;

  signals:
    void packetClicked(size_t packet); // a session packet index

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

  private:
    struct Geometry;
    Geometry geometry(QSize size) const;
    void paintChart(QPainter& p, const Geometry& g) const;
    void paintLanes(QPainter& p, const Geometry& g) const;
    void paintAxis(QPainter& p, const Geometry& g) const;
    void paintMarksLegend(QPainter& p, const Geometry& g, double baseline) const;
    void paintMark(QPainter& p, SynQueueMarkKind kind, QPointF at) const;
    std::optional<size_t> markAt(QPointF pos) const;

    SynQueue m_queue;
    std::vector<SynQueueMark> m_marks;
    bool m_dark = false;
};

} // namespace tcpscope::ui
