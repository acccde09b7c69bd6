// SPDX-License-Identifier: GPL-2.0-or-later
// One TCP stream graph drawn with QPainter (Wireshark's Statistics > TCP Stream Graphs):
// Stevens time-sequence, tcptrace (segments as I-bars, the ACK and receive-window step lines,
// SACK blocks, and marks Wireshark leaves out: retransmissions, duplicate ACKs, zero and full
// windows, SYN/FIN/RST, with a legend of the marks present), throughput and goodput, RTT over
// time and over sequence numbers, and the window (receive window and bytes in flight).
//
// The mouse wheel zooms around the cursor (Ctrl: time axis only, Shift: value axis only), a
// left drag pans, a right drag (or Shift + left drag) zooms to a rectangle, + - arrows and 0
// step and reset; a crosshair reads the time and value under the cursor; a click near a point
// emits packetClicked. Only the points worth drawing at the visible range are painted
// (decimate), so a connection of a million segments stays interactive.
#pragma once

#include <tcpscope/stream_graph.h>

#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <array>
#include <optional>
#include <vector>

class QPainter;

namespace tcpscope::ui {

class StreamGraphView : public QWidget {
    Q_OBJECT
  public:
    explicit StreamGraphView(QWidget* parent = nullptr);

    // The graph drawn; the zoom is reset.
    void setGraph(StreamGraph graph);
    const StreamGraph& graph() const { return m_graph; }
    void setKind(GraphKind kind);
    GraphKind kind() const { return m_kind; }
    // The throughput's moving-average window, seconds.
    void setThroughputWindow(double seconds);
    double throughputWindow() const { return m_rateWindow; }

    // The packet (document row) drawn as a cursor, -1 for none.
    void setSelectedPacket(int packet);
    // Dark colours whatever the palette says (the connection page's dark colours).
    void setDarkColors(bool dark);
    int selectedPacket() const { return m_selected; }

    // "tcptrace for 192.168.10.80:80 → 192.168.10.21:55302".
    QString title() const;
    QString xTitle() const;
    QString yTitle(bool brief = false) const;
    // The legend's entries, as drawn (the series, then the marks present).
    QStringList legend() const;
    // How many marks of a kind lie in the visible time range (the legend counts those).
    qsizetype visibleMarkCount(GraphMark m) const;
    int markCount(GraphMark mark) const;
    static QString markName(GraphMark mark);
    // What the tcptrace view draws: one I-bar per segment, one bar per SACK block.
    int segmentBarCount() const { return int(m_graph.segments.size()); }
    int sackBarCount() const { return int(m_sack.size()); }
    // The points of one series, sorted by x, each with its packet (document row) and frame.
    struct Series {
        std::vector<double> x, y, y2; // y2: a bar's other end (I-bars, SACK blocks)
        std::vector<size_t> packet;
        std::vector<uint64_t> frame;
        void add(double px, double py, size_t row, uint64_t frameNumber);
        size_t size() const { return x.size(); }
    };
    // The receive-window line (ack + window) and the ACK line: one step per ACK, in time order.
    const Series& windowLine() const { return m_windowLine; }
    const Series& ackLine() const { return m_ackLine; }
    const Series& points() const { return m_main; }

    // The visible range in data units (x: seconds or relative seq; y: the kind's unit).
    QRectF visibleRange() const { return m_view; }
    QRectF fullRange() const { return m_full; }
    void setVisibleRange(const QRectF& range);
    void resetZoom();
    // Shows only x0 to x1 on the horizontal axis, the values there fitted vertically.
    void setTimeRange(double x0, double x1);
    // Classroom: shows the connection from its start up to the selected packet (the graph grows
    // as the class steps, as the ladder does); false when no packet of the graph is selected.
    bool showUpToSelected();
    // Zooms by `factor` (> 1 zooms in) around the widget point `anchor`, on the chosen axes.
    void zoomAt(QPointF anchor, double factor, bool xAxis = true, bool yAxis = true);
    // The widget point of a data point, and back.
    QPointF toWidget(double x, double y) const;
    QPointF toData(QPointF widgetPoint) const;
    // The packet of the point nearest `widgetPoint` within a few pixels, -1 for none.
    int packetAt(QPointF widgetPoint) const;
    // A click there: selects the nearest point's packet (packetClicked); false when none near.
    bool clickAt(QPointF widgetPoint);

    // The graph painted on `size` (the widget's palette decides light or dark).
    QImage renderImage(QSize size) const;
    bool saveSvg(const QString& path, QSize size) const;
    // Paints the whole graph (title, legend, axes, series) into `rect`.
    void paintGraph(QPainter& p, const QRectF& rect) const;
    QSize sizeHint() const override { return {640, 400}; }

  signals:
    void packetClicked(int packet);
    void rangeChanged();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

  public:
    struct Colors;

  private:
    void rebuild();
    void buildSequenceSeries();
    void buildRateSeries();
    void buildRttSeries();
    void buildWindowSeries();
    void computeFullRange();
    // The plot area of a graph painted into `rect`.
    QRectF plotArea(const QRectF& rect) const;
    QRectF plotArea() const { return plotArea(QRectF(rect())); }
    void paintSeries(QPainter& p, const QRectF& plot, const Colors& c) const;
    void paintSequence(QPainter& p, const QRectF& plot, const Colors& c) const;
    void paintSteps(QPainter& p, const QRectF& plot, const Series& line) const;
    void paintDots(QPainter& p, const QRectF& plot, const Series& s, double radius) const;
    void paintLine(QPainter& p, const QRectF& plot, const Series& s) const;
    std::vector<size_t> visible(const Series& s, const QRectF& plot) const;
    void paintMarks(QPainter& p, const QRectF& plot, const Colors& c) const;
    void paintAxes(QPainter& p, const QRectF& plot, const Colors& c) const;
    void paintHeader(QPainter& p, const QRectF& rect, const Colors& c) const;
    void paintOverlay(QPainter& p, const QRectF& plot, const Colors& c) const;
    QPointF map(const QRectF& plot, double x, double y) const;
    bool dark() const;
    std::optional<double> selectedX() const;
    uint64_t frameOf(int packet) const; // 0 for none
    QString formatValue(double v, bool xAxis) const;

    StreamGraph m_graph;
    GraphKind m_kind = GraphKind::Tcptrace;
    double m_rateWindow = 1.0;
    int m_selected = -1;
    bool m_darkColors = false;

    Series m_main;   // the clickable points: segments, rate or RTT points, bytes in flight
    Series m_second; // goodput
    Series m_ackLine, m_windowLine;
    Series m_sack; // x: the ACK's time, y..y2: the block
    std::array<Series, kGraphMarkCount> m_marks;

    QRectF m_full; // x, y, width, height in data units (y grows upwards)
    QRectF m_view;

    // Mouse state.
    enum class Drag { None, Pan, Rubber };
    Drag m_drag = Drag::None;
    QPointF m_pressPos, m_lastPos;
    bool m_moved = false;
    std::optional<QPointF> m_hover;
    mutable double m_px = 14; // the font's pixel size of the last paint
};

} // namespace tcpscope::ui
