// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/stream_graph_view.h"

#include "views/drawing_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tcpscope::ui {

namespace {

// "192.168.10.80:80", an IPv6 address in brackets.
QString endpoint(const Address& a, uint16_t port) {
    const QString host = QString::fromStdString(a.valid() ? a.toString() : std::string());
    return (a.family == 6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
        .arg(host)
        .arg(port);
}

// The kind's name in the title, the combo box and the legend.
const char* kindTitle(GraphKind k) {
    switch (k) {
    case GraphKind::Stevens:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Sequence Numbers (Stevens)");
    case GraphKind::Tcptrace:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Sequence Numbers (tcptrace)");
    case GraphKind::Throughput:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Throughput");
    case GraphKind::RttTime:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Round Trip Time");
    case GraphKind::RttSequence:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Round Trip Time by Sequence Number");
    case GraphKind::Window:
        return QT_TRANSLATE_NOOP("StreamGraphView", "Window Scaling");
    }
    return "";
}

} // namespace

void StreamGraphView::Series::add(double px, double py, size_t row, uint64_t frameNumber) {
    x.push_back(px);
    y.push_back(py);
    packet.push_back(row);
    frame.push_back(frameNumber);
}

StreamGraphView::StreamGraphView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setContextMenuPolicy(Qt::PreventContextMenu); // right drag zooms; a right click exports
    setMinimumSize(320, 200);
    setToolTip(tr("Wheel: zoom (Ctrl: time only, Shift: values only). Drag: pan. Right drag: "
                  "zoom to a rectangle. 0: reset. Click a point to select its packet."));
}

void StreamGraphView::setGraph(StreamGraph graph) {
    m_graph = std::move(graph);
    rebuild();
}

void StreamGraphView::setKind(GraphKind kind) {
    if (kind == m_kind) return;
    m_kind = kind;
    rebuild();
}

void StreamGraphView::setThroughputWindow(double seconds) {
    if (!(seconds > 0) || seconds == m_rateWindow) return;
    m_rateWindow = seconds;
    if (m_kind == GraphKind::Throughput) rebuild();
}

void StreamGraphView::setSelectedPacket(int packet) {
    if (packet == m_selected) return;
    m_selected = packet;
    update();
}

void StreamGraphView::setDarkColors(bool dark) {
    m_darkColors = dark;
    update();
}

QString StreamGraphView::title() const {
    const QString kind = m_kind == GraphKind::Tcptrace ? QStringLiteral("tcptrace")
                         : m_kind == GraphKind::Stevens
                             ? QStringLiteral("Stevens")
                             : QCoreApplication::translate("StreamGraphView", kindTitle(m_kind));
    if (!m_graph.found) return tr("%1: no TCP stream %2").arg(kind).arg(m_graph.stream);
    return tr("%1 for %2 → %3")
        .arg(kind, endpoint(m_graph.src, m_graph.srcPort), endpoint(m_graph.dst, m_graph.dstPort));
}

QString StreamGraphView::xTitle() const {
    return m_kind == GraphKind::RttSequence ? tr("Sequence number (bytes)") : tr("Time (s)");
}

QString StreamGraphView::yTitle(bool brief) const {
    if (brief) // where the full title does not fit beside a short graph
        switch (m_kind) {
        case GraphKind::Stevens:
        case GraphKind::Tcptrace:
            return tr("Seq (B)");
        case GraphKind::Throughput:
            return tr("bit/s");
        case GraphKind::RttTime:
        case GraphKind::RttSequence:
            return tr("RTT (ms)");
        case GraphKind::Window:
            return tr("Bytes");
        }
    switch (m_kind) {
    case GraphKind::Stevens:
    case GraphKind::Tcptrace:
        return tr("Sequence number (bytes)");
    case GraphKind::Throughput:
        return tr("Throughput (bits/s)");
    case GraphKind::RttTime:
    case GraphKind::RttSequence:
        return tr("Round trip time (ms)");
    case GraphKind::Window:
        return tr("Bytes");
    }
    return {};
}

QStringList StreamGraphView::legend() const {
    QStringList out;
    switch (m_kind) {
    case GraphKind::Stevens:
        out << tr("Segment");
        break;
    case GraphKind::Tcptrace:
        out << tr("Segment (seq to seq+len)") << tr("ACK") << tr("Receive window");
        if (!m_sack.x.empty()) out << tr("SACK block");
        break;
    case GraphKind::Throughput:
        out << tr("Throughput (%1 s average)").arg(m_rateWindow) << tr("Goodput");
        break;
    case GraphKind::RttTime:
    case GraphKind::RttSequence:
        out << tr("Round trip time");
        break;
    case GraphKind::Window:
        out << tr("Receive window") << tr("Bytes in flight");
        break;
    }
    // The marks on show, counted in the visible time range: a zoomed graph (the classroom's,
    // up to the current step) does not count what lies beyond it.
    for (int m = 0; m < kGraphMarkCount; ++m)
        if (const qsizetype n = visibleMarkCount(GraphMark(m)); n > 0)
            out << tr("%1 (%2)").arg(markName(GraphMark(m))).arg(n);
    return out;
}

qsizetype StreamGraphView::visibleMarkCount(GraphMark m) const {
    const auto& x = m_marks[size_t(m)].x;
    return std::count_if(x.begin(), x.end(),
                         [&](double t) { return t >= m_view.left() && t <= m_view.right(); });
}

QString StreamGraphView::markName(GraphMark m) {
    switch (m) {
    case GraphMark::Retransmission:
        return tr("Retransmission");
    case GraphMark::DuplicateAck:
        return tr("Duplicate ACK");
    case GraphMark::ZeroWindow:
        return tr("Zero window");
    case GraphMark::WindowFull:
        return tr("Window full");
    case GraphMark::Syn:
        return tr("SYN");
    case GraphMark::Fin:
        return tr("FIN");
    case GraphMark::Rst:
        return tr("RST");
    }
    return {};
}

int StreamGraphView::markCount(GraphMark mark) const {
    return int(m_marks[size_t(mark)].size());
}

void StreamGraphView::rebuild() {
    m_main = {};
    m_second = {};
    m_ackLine = {};
    m_windowLine = {};
    m_sack = {};
    for (Series& s : m_marks) s = {};
    switch (m_kind) {
    case GraphKind::Stevens:
    case GraphKind::Tcptrace:
        buildSequenceSeries();
        break;
    case GraphKind::Throughput:
        buildRateSeries();
        break;
    case GraphKind::RttTime:
    case GraphKind::RttSequence:
        buildRttSeries();
        break;
    case GraphKind::Window:
        buildWindowSeries();
        break;
    }
    computeFullRange();
    m_view = m_full;
    emit rangeChanged();
    update();
}

void StreamGraphView::buildSequenceSeries() {
    for (const GraphSegment& s : m_graph.segments) {
        m_main.add(s.t, s.seq, s.packet, s.frame);
        m_main.y2.push_back(double(s.seq) + s.len);
    }
    if (m_kind != GraphKind::Tcptrace) return;
    for (const GraphAck& a : m_graph.acks) {
        if (!a.hasAck) continue;
        m_ackLine.add(a.t, a.ack, a.packet, a.frame);
        m_windowLine.add(a.t, double(a.ack) + a.window, a.packet, a.frame);
        for (size_t b = 0; b < a.sackCount; ++b) {
            m_sack.add(a.t, a.sack[b][0], a.packet, a.frame);
            m_sack.y2.push_back(a.sack[b][1]);
        }
    }
    for (const GraphMarkPoint& m : graphMarks(m_graph))
        m_marks[size_t(m.mark)].add(m.t, m.seq, m.packet, m.frame);
}

void StreamGraphView::buildRateSeries() {
    for (const RatePoint& r : throughputSeries(m_graph, m_rateWindow)) {
        const GraphSegment& s = m_graph.segments[r.segment];
        m_main.add(r.t, r.throughput, s.packet, s.frame);
        m_second.add(r.t, r.goodput, s.packet, s.frame);
    }
}

void StreamGraphView::buildRttSeries() {
    std::vector<size_t> order(m_graph.rtts.size());
    std::iota(order.begin(), order.end(), size_t(0));
    const bool bySeq = m_kind == GraphKind::RttSequence;
    if (bySeq)
        std::stable_sort(order.begin(), order.end(), [this](size_t a, size_t b) {
            return m_graph.rtts[a].seq < m_graph.rtts[b].seq;
        });
    for (size_t i : order) {
        const GraphRtt& r = m_graph.rtts[i];
        m_main.add(bySeq ? double(r.seq) : r.t, r.rtt * 1000.0, r.packet, r.frame);
    }
}

void StreamGraphView::buildWindowSeries() {
    for (const GraphSegment& s : m_graph.segments)
        if (s.bytesInFlight >= 0) m_main.add(s.t, double(s.bytesInFlight), s.packet, s.frame);
    for (const GraphAck& a : m_graph.acks) m_windowLine.add(a.t, a.window, a.packet, a.frame);
}

void StreamGraphView::computeFullRange() {
    double x0 = 0, x1 = m_kind == GraphKind::RttSequence ? 0 : m_graph.duration;
    double y0 = 0, y1 = 0;
    const auto extend = [&](const Series& s) {
        for (size_t i = 0; i < s.size(); ++i) {
            x0 = std::min(x0, s.x[i]);
            x1 = std::max(x1, s.x[i]);
            y0 = std::min(y0, s.y[i]);
            y1 = std::max(y1, s.y2.empty() ? s.y[i] : std::max(s.y[i], s.y2[i]));
        }
    };
    for (const Series* s : {&m_main, &m_second, &m_ackLine, &m_sack}) extend(*s);
    // tcptrace: a receive window far above the data would squeeze the segments, the ACKs and
    // the loss into a thin band; it is drawn, running off the top, unless it stays close.
    const double dataTop = y1;
    extend(m_windowLine);
    if (m_kind == GraphKind::Tcptrace && dataTop > 0 && y1 > dataTop * 1.5) y1 = dataTop * 1.15;
    // Throughput: the first segments' moving average divides by a tiny time span; a spike of a
    // few points there would flatten the rest. The scale fits the 99th percentile instead.
    if (m_kind == GraphKind::Throughput && m_main.size() >= 100) {
        std::vector<double> v = m_main.y;
        const auto at = v.begin() + std::ptrdiff_t(v.size() * 99 / 100);
        std::nth_element(v.begin(), at, v.end());
        if (y1 > *at * 1.5) y1 = *at * 1.25;
    }
    if (!(x1 > x0)) x1 = x0 + 1;
    if (!(y1 > y0)) y1 = y0 + 1;
    const double padX = (x1 - x0) * 0.02, padY = (y1 - y0) * 0.04;
    m_full = QRectF(x0 - padX, y0 - (y0 < 0 ? padY : 0), x1 - x0 + 2 * padX,
                    y1 - y0 + padY + (y0 < 0 ? padY : 0));
}

void StreamGraphView::setVisibleRange(const QRectF& range) {
    if (!(range.width() > 0) || !(range.height() > 0)) return;
    m_view = range;
    emit rangeChanged();
    update();
}

void StreamGraphView::setTimeRange(double x0, double x1) {
    double y0 = m_full.bottom(), y1 = m_full.top();
    for (const Series* s : {&m_main, &m_second, &m_ackLine, &m_sack}) {
        const size_t from = size_t(std::lower_bound(s->x.begin(), s->x.end(), x0) - s->x.begin());
        for (size_t i = from; i < s->size() && s->x[i] <= x1; ++i) {
            y0 = std::min(y0, s->y[i]);
            y1 = std::max(y1, s->y2.empty() ? s->y[i] : std::max(s->y[i], s->y2[i]));
        }
    }
    if (!(y1 > y0)) {
        y0 = m_full.top();
        y1 = m_full.bottom();
    }
    // Rates, RTTs and windows keep their zero; sequence numbers fit the range.
    if (m_kind != GraphKind::Stevens && m_kind != GraphKind::Tcptrace) y0 = std::min(y0, 0.0);
    const double pad = (y1 - y0) * 0.05;
    setVisibleRange(QRectF(x0, y0 - (y0 > 0 ? pad : 0), x1 - x0, y1 - y0 + pad * 2));
}

bool StreamGraphView::showUpToSelected() {
    const std::optional<double> x = selectedX();
    if (!x || m_kind == GraphKind::RttSequence) return false;
    const double start = std::max(m_full.left(), 0.0);
    const double x1 = *x + std::max(0.08 * (*x - start), m_full.width() * 0.002);
    setTimeRange(start - (x1 - start) * 0.02, x1);
    return true;
}

void StreamGraphView::resetZoom() {
    setVisibleRange(m_full);
}

void StreamGraphView::zoomAt(QPointF anchor, double factor, bool xAxis, bool yAxis) {
    const QPointF d = toData(anchor);
    QRectF r = m_view;
    if (xAxis) {
        r.setLeft(d.x() - (d.x() - m_view.left()) / factor);
        r.setWidth(m_view.width() / factor);
    }
    if (yAxis) {
        r.setTop(d.y() - (d.y() - m_view.top()) / factor);
        r.setHeight(m_view.height() / factor);
    }
    setVisibleRange(r);
}

QPointF StreamGraphView::map(const QRectF& plot, double x, double y) const {
    return {plot.left() + (x - m_view.left()) / m_view.width() * plot.width(),
            plot.bottom() - (y - m_view.top()) / m_view.height() * plot.height()};
}

QPointF StreamGraphView::toWidget(double x, double y) const {
    return map(plotArea(), x, y);
}

QPointF StreamGraphView::toData(QPointF w) const {
    const QRectF plot = plotArea();
    return {m_view.left() + (w.x() - plot.left()) / plot.width() * m_view.width(),
            m_view.top() + (plot.bottom() - w.y()) / plot.height() * m_view.height()};
}

int StreamGraphView::packetAt(QPointF w) const {
    const QRectF plot = plotArea();
    const double tolerance = 8.0;
    const double dx = tolerance / plot.width() * m_view.width();
    const Series* all[] = {&m_main, &m_ackLine, &m_windowLine};
    double best = tolerance * tolerance;
    int found = -1;
    const QPointF d = toData(w);
    for (const Series* s : all) {
        const size_t from =
            size_t(std::lower_bound(s->x.begin(), s->x.end(), d.x() - dx) - s->x.begin());
        for (size_t i = from; i < s->size() && s->x[i] <= d.x() + dx; ++i) {
            const QPointF a = map(plot, s->x[i], s->y[i]);
            double dist = QPointF::dotProduct(a - w, a - w);
            if (!s->y2.empty()) { // an I-bar: anywhere along it
                const QPointF b = map(plot, s->x[i], s->y2[i]);
                const double y = std::clamp(w.y(), std::min(a.y(), b.y()), std::max(a.y(), b.y()));
                dist = std::pow(a.x() - w.x(), 2) + std::pow(y - w.y(), 2);
            }
            if (dist <= best) {
                best = dist;
                found = int(s->packet[i]);
            }
        }
        if (found >= 0 && s == &m_main) break; // the graphed direction's points come first
    }
    return found;
}

bool StreamGraphView::clickAt(QPointF widgetPoint) {
    const int packet = packetAt(widgetPoint);
    if (packet < 0) return false;
    setSelectedPacket(packet);
    emit packetClicked(packet);
    return true;
}

namespace {

// The element of `v` (sorted by packet) for `packet`, or null.
template <typename T> const T* findPacket(const std::vector<T>& v, size_t packet) {
    const auto it = std::lower_bound(v.begin(), v.end(), packet,
                                     [](const T& e, size_t p) { return e.packet < p; });
    return it != v.end() && it->packet == packet ? &*it : nullptr;
}

} // namespace

std::optional<double> StreamGraphView::selectedX() const {
    if (m_selected < 0) return std::nullopt;
    const bool bySeq = m_kind == GraphKind::RttSequence;
    if (const GraphSegment* s = findPacket(m_graph.segments, size_t(m_selected)))
        return bySeq ? double(s->seq) : s->t;
    if (const GraphAck* a = findPacket(m_graph.acks, size_t(m_selected)))
        return bySeq ? double(a->ack) : a->t;
    return std::nullopt;
}

uint64_t StreamGraphView::frameOf(int packet) const {
    if (packet < 0) return 0;
    if (const GraphSegment* s = findPacket(m_graph.segments, size_t(packet))) return s->frame;
    if (const GraphAck* a = findPacket(m_graph.acks, size_t(packet))) return a->frame;
    return 0;
}

void StreamGraphView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    zoomAt(event->position(), std::pow(1.25, steps), !shift, !ctrl);
    event->accept();
}

void StreamGraphView::mousePressEvent(QMouseEvent* event) {
    m_pressPos = m_lastPos = event->position();
    m_moved = false;
    const bool rubber =
        event->button() == Qt::RightButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    m_drag = rubber ? Drag::Rubber : event->button() == Qt::LeftButton ? Drag::Pan : Drag::None;
    setFocus();
}

void StreamGraphView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    if ((pos - m_pressPos).manhattanLength() > 4) m_moved = true;
    if (m_drag == Drag::Pan && m_moved) {
        const QPointF a = toData(m_lastPos), b = toData(pos);
        setVisibleRange(m_view.translated(a - b));
    }
    m_lastPos = pos;
    m_hover = pos;
    update();
}

void StreamGraphView::mouseReleaseEvent(QMouseEvent* event) {
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag == Drag::Rubber && m_moved) {
        const QPointF a = toData(m_pressPos), b = toData(event->position());
        setVisibleRange(QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                               QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y()))));
    } else if (drag == Drag::Pan && !m_moved) {
        clickAt(event->position());
    } else if (event->button() == Qt::RightButton && !m_moved) {
        QMenu menu(this);
        menu.addAction(tr("Reset Zoom"), this, &StreamGraphView::resetZoom);
        menu.addSeparator();
        addExportActions(&menu, this, tr("Graph"), false, [this] {
            FigureExport f;
            f.what = tr("Graph");
            f.baseName = QStringLiteral("stream-%1-%2")
                             .arg(m_graph.stream)
                             .arg(QString::fromUtf8(graphKindName(m_kind).data()));
            f.image = [this](double scale) {
                return renderImage((QSizeF(size()) * scale).toSize());
            };
            f.saveSvg = [this](const QString& path) { return saveSvg(path, size()); };
            return f;
        });
        menu.exec(event->globalPosition().toPoint());
    }
    update();
}

void StreamGraphView::keyPressEvent(QKeyEvent* event) {
    const QPointF center = plotArea().center();
    const double stepX = m_view.width() * 0.1, stepY = m_view.height() * 0.1;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAt(center, 1.5);
        break;
    case Qt::Key_Minus:
        zoomAt(center, 1 / 1.5);
        break;
    case Qt::Key_0:
    case Qt::Key_Home:
        resetZoom();
        break;
    case Qt::Key_Left:
        setVisibleRange(m_view.translated(-stepX, 0));
        break;
    case Qt::Key_Right:
        setVisibleRange(m_view.translated(stepX, 0));
        break;
    case Qt::Key_Up:
        setVisibleRange(m_view.translated(0, stepY));
        break;
    case Qt::Key_Down:
        setVisibleRange(m_view.translated(0, -stepY));
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void StreamGraphView::leaveEvent(QEvent* event) {
    m_hover.reset();
    update();
    QWidget::leaveEvent(event);
}

} // namespace tcpscope::ui
