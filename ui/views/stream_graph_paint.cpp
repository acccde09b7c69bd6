// SPDX-License-Identifier: GPL-2.0-or-later
// StreamGraphView's painting: title and legend, axes with readable ticks and units, the series
// (only the decimated points of the visible range), the marks, the cursor and the crosshair.
#include "views/drawing_export.h"
#include "views/stream_graph_view.h"

#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tcpscope::ui {

struct StreamGraphView::Colors {
    QColor background, plot, grid, text, axis, segment, ack, window, sack, second, cursor, hover;
    std::array<QColor, kGraphMarkCount> marks;

    static Colors forDark(bool dark) {
        Colors c;
        c.background = dark ? QColor(0x20, 0x22, 0x25) : QColor(Qt::white);
        c.plot = dark ? QColor(0x17, 0x19, 0x1c) : QColor(0xfb, 0xfb, 0xfb);
        c.grid = dark ? QColor(0x3a, 0x3d, 0x42) : QColor(0xe2, 0xe2, 0xe2);
        c.text = dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x20, 0x20, 0x20);
        c.axis = dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x60, 0x60, 0x60);
        c.segment = dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x1f, 0x4e, 0xc4);
        c.ack = dark ? QColor(0x7c, 0xd9, 0x7c) : QColor(0x1a, 0x8a, 0x2e);
        c.window = dark ? QColor(0xe8, 0xc0, 0x4a) : QColor(0xb0, 0x7a, 0x00);
        c.sack = dark ? QColor(0xff, 0x7f, 0xd8) : QColor(0xc0, 0x1c, 0x9c);
        c.second = dark ? QColor(0xff, 0xa0, 0x50) : QColor(0xd9, 0x5f, 0x02);
        c.cursor = dark ? QColor(0xff, 0x55, 0x55) : QColor(0xd0, 0x10, 0x10);
        c.hover = dark ? QColor(255, 255, 255, 110) : QColor(0, 0, 0, 90);
        c.marks = {dark ? QColor(0xff, 0x4d, 0x4d) : QColor(0xe0, 0x00, 0x00),  // retransmission
                   dark ? QColor(0xff, 0xa6, 0x2b) : QColor(0xe0, 0x70, 0x00),  // duplicate ACK
                   dark ? QColor(0xc7, 0x8b, 0xff) : QColor(0x7a, 0x1f, 0xc9),  // zero window
                   dark ? QColor(0x35, 0xe0, 0xe0) : QColor(0x00, 0x8b, 0x8b),  // window full
                   dark ? QColor(0x9c, 0xe6, 0x5c) : QColor(0x2e, 0x7d, 0x00),  // SYN
                   dark ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x50, 0x50, 0x50),  // FIN
                   dark ? QColor(0xff, 0x60, 0xa0) : QColor(0xa0, 0x00, 0x40)}; // RST
        return c;
    }
};

namespace {

double fontPixels(const QRectF& rect) {
    return std::clamp(rect.height() / 48.0, 11.0, 20.0);
}

QFont graphFont(double px, double scale = 1.0, bool bold = false) {
    QFont f;
    f.setPixelSize(int(std::lround(px * scale)));
    f.setBold(bold);
    return f;
}

// A tick step of 1, 2 or 5 times a power of ten giving about `ticks` ticks over `range`.
double niceStep(double range, int ticks) {
    const double raw = range / std::max(1, ticks);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (raw <= m * p) return m * p;
    return 10 * p;
}

int decimalsFor(double step) {
    return std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 6);
}

// 1 500 000 with a tick step of 500 000: "1.5 M"; with the unit's name appended.
QString siLabel(double v, double step, const QString& unit) {
    static const std::pair<double, const char*> prefixes[] = {
        {1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""}};
    for (const auto& [scale, prefix] : prefixes)
        if (std::max(std::abs(v), step) >= scale || scale == 1) {
            const int decimals = decimalsFor(step / scale);
            return QStringLiteral("%1 %2%3")
                .arg(v / scale, 0, 'f', decimals)
                .arg(QLatin1String(prefix), unit)
                .trimmed();
        }
    return QString::number(v);
}

void drawMarkShape(QPainter& p, GraphMark m, QPointF c, double r) {
    switch (m) {
    case GraphMark::Retransmission: // a bold ×
        p.drawLine(c + QPointF(-r, -r), c + QPointF(r, r));
        p.drawLine(c + QPointF(-r, r), c + QPointF(r, -r));
        break;
    case GraphMark::DuplicateAck: // a triangle pointing down
        p.drawPolygon(
            QPolygonF({c + QPointF(-r, -r * 0.8), c + QPointF(r, -r * 0.8), c + QPointF(0, r)}));
        break;
    case GraphMark::ZeroWindow:
        p.drawRect(QRectF(c - QPointF(r, r), QSizeF(2 * r, 2 * r)));
        break;
    case GraphMark::WindowFull: // a diamond
        p.drawPolygon(QPolygonF({c + QPointF(0, -r * 1.2), c + QPointF(r, 0),
                                 c + QPointF(0, r * 1.2), c + QPointF(-r, 0)}));
        break;
    case GraphMark::Syn: // a triangle pointing up
        p.drawPolygon(
            QPolygonF({c + QPointF(-r, r * 0.8), c + QPointF(r, r * 0.8), c + QPointF(0, -r)}));
        break;
    case GraphMark::Fin:
        p.drawEllipse(c, r, r);
        break;
    case GraphMark::Rst: // a star of three strokes
        p.drawLine(c + QPointF(-r, 0), c + QPointF(r, 0));
        p.drawLine(c + QPointF(-r * 0.6, -r), c + QPointF(r * 0.6, r));
        p.drawLine(c + QPointF(-r * 0.6, r), c + QPointF(r * 0.6, -r));
        break;
    }
}

// Filled shapes are filled; strokes (×, *) drawn thick.
void setMarkStyle(QPainter& p, GraphMark m, const QColor& color, double r) {
    const bool stroke = m == GraphMark::Retransmission || m == GraphMark::Rst;
    p.setPen(QPen(color, stroke ? std::max(2.0, r / 2.5) : 1.5));
    QColor fill = color;
    fill.setAlpha(m == GraphMark::Fin ? 90 : 170);
    p.setBrush(stroke ? Qt::NoBrush : QBrush(fill));
}

struct LegendItem {
    QString text;
    QColor color;
    int kind; // -1 line, -2 dots, -3 bar, else a GraphMark
};

} // namespace

bool StreamGraphView::dark() const {
    return m_darkColors || palette().color(QPalette::Window).lightness() < 128;
}

QRectF StreamGraphView::plotArea(const QRectF& rect) const {
    const double px = fontPixels(rect);
    const QFontMetricsF fm(graphFont(px));
    const QString widest = m_kind == GraphKind::Throughput ? QStringLiteral("888.8 Mbit/s")
                                                           : QStringLiteral("888.88 MB");
    const double left = fm.horizontalAdvance(widest) + px * 2.2;
    const int legendRows = legend().size() > 5 ? 2 : 1;
    const double top = px * 2.0 + legendRows * px * 1.5 + px * 0.5;
    return QRectF(rect.left() + left, rect.top() + top, rect.width() - left - px * 1.5,
                  rect.height() - top - px * 3.6);
}

std::vector<size_t> StreamGraphView::visible(const Series& s, const QRectF& plot) const {
    return decimate(s.x, s.y, m_view.left(), m_view.right(), std::max(1, int(plot.width())));
}

void StreamGraphView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintGraph(p, QRectF(rect()));
}

void StreamGraphView::paintGraph(QPainter& p, const QRectF& rect) const {
    const Colors c = Colors::forDark(dark());
    const QRectF plot = plotArea(rect);
    m_px = fontPixels(rect);
    p.save();
    p.fillRect(rect, c.background);
    p.fillRect(plot, c.plot);
    p.setRenderHint(QPainter::Antialiasing, true);
    paintAxes(p, plot, c);
    p.save();
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    paintSeries(p, plot, c);
    paintMarks(p, plot, c);
    paintOverlay(p, plot, c);
    p.restore();
    paintHeader(p, rect, c);
    p.restore();
}

void StreamGraphView::paintSeries(QPainter& p, const QRectF& plot, const Colors& c) const {
    const double r = std::clamp(m_px / 5.0, 1.6, 3.2);
    switch (m_kind) {
    case GraphKind::Stevens:
        p.setPen(Qt::NoPen);
        p.setBrush(c.segment);
        paintDots(p, plot, m_main, r);
        break;
    case GraphKind::Tcptrace:
        paintSequence(p, plot, c);
        break;
    case GraphKind::Throughput:
        p.setPen(QPen(c.second, 2));
        paintLine(p, plot, m_second);
        p.setPen(QPen(c.segment, 2));
        paintLine(p, plot, m_main);
        break;
    case GraphKind::RttTime:
    case GraphKind::RttSequence:
        p.setPen(Qt::NoPen);
        p.setBrush(c.segment);
        paintDots(p, plot, m_main, r * 1.2);
        break;
    case GraphKind::Window:
        p.setPen(QPen(c.window, 2));
        paintSteps(p, plot, m_windowLine);
        p.setPen(Qt::NoPen);
        p.setBrush(c.segment);
        paintDots(p, plot, m_main, r);
        break;
    }
}

void StreamGraphView::paintSequence(QPainter& p, const QRectF& plot, const Colors& c) const {
    p.setPen(QPen(c.window, 1.6));
    paintSteps(p, plot, m_windowLine);
    p.setPen(QPen(c.ack, 1.6));
    paintSteps(p, plot, m_ackLine);
    // SACK blocks: short vertical bars of their own colour, at the ACK's time.
    p.setPen(QPen(c.sack, 2.5, Qt::SolidLine, Qt::FlatCap));
    for (size_t i : visible(m_sack, plot))
        p.drawLine(map(plot, m_sack.x[i], m_sack.y[i]), map(plot, m_sack.x[i], m_sack.y2[i]));
    // Segments: I-bars from seq to seq + len, with caps while there is room for them.
    const std::vector<size_t> shown = visible(m_main, plot);
    const bool caps = double(shown.size()) < plot.width() / 5;
    const double cap = std::clamp(m_px / 4.0, 2.0, 4.0);
    p.setPen(QPen(c.segment, caps ? 1.6 : 1.2, Qt::SolidLine, Qt::FlatCap));
    for (size_t i : shown) {
        QPointF a = map(plot, m_main.x[i], m_main.y[i]);
        QPointF b = map(plot, m_main.x[i], m_main.y2[i]);
        if (a.y() - b.y() < 1) b.setY(a.y() - 1); // a SYN, FIN or empty segment: a dot
        p.drawLine(a, b);
        if (!caps) continue;
        p.drawLine(a - QPointF(cap, 0), a + QPointF(cap, 0));
        p.drawLine(b - QPointF(cap, 0), b + QPointF(cap, 0));
    }
}

void StreamGraphView::paintSteps(QPainter& p, const QRectF& plot, const Series& line) const {
    const std::vector<size_t> shown = visible(line, plot);
    if (shown.empty()) return;
    QPolygonF poly;
    poly.reserve(qsizetype(shown.size() * 2));
    for (size_t k = 0; k < shown.size(); ++k) {
        const size_t i = shown[k];
        if (k > 0) poly << map(plot, line.x[i], line.y[shown[k - 1]]);
        poly << map(plot, line.x[i], line.y[i]);
    }
    // The last value holds until the end of the connection.
    const double end = std::max(m_graph.duration, line.x[shown.back()]);
    poly << map(plot, end, line.y[shown.back()]);
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(poly);
}

void StreamGraphView::paintDots(QPainter& p, const QRectF& plot, const Series& s,
                                double radius) const {
    for (size_t i : visible(s, plot)) p.drawEllipse(map(plot, s.x[i], s.y[i]), radius, radius);
}

void StreamGraphView::paintLine(QPainter& p, const QRectF& plot, const Series& s) const {
    QPolygonF poly;
    for (size_t i : visible(s, plot)) poly << map(plot, s.x[i], s.y[i]);
    p.setBrush(Qt::NoBrush);
    p.drawPolyline(poly);
}

void StreamGraphView::paintMarks(QPainter& p, const QRectF& plot, const Colors& c) const {
    const double r = std::clamp(m_px * 0.38, 4.0, 7.5);
    // Drawn under-to-over: connection events first, the problems on top.
    for (GraphMark m :
         {GraphMark::Syn, GraphMark::Fin, GraphMark::Rst, GraphMark::WindowFull,
          GraphMark::ZeroWindow, GraphMark::DuplicateAck, GraphMark::Retransmission}) {
        const Series& s = m_marks[size_t(m)];
        const std::vector<size_t> shown = visible(s, plot);
        // Many marks close together would hide the segments under them: smaller and lighter.
        const bool dense = double(shown.size()) * r * 4 > plot.width();
        QColor color = c.marks[size_t(m)];
        if (dense) color.setAlpha(150);
        const double size = dense ? std::max(2.5, r * 0.5) : r;
        setMarkStyle(p, m, color, size);
        for (size_t i : shown) drawMarkShape(p, m, map(plot, s.x[i], s.y[i]), size);
    }
}

QString StreamGraphView::formatValue(double v, bool xAxis) const {
    const double range = xAxis ? m_view.width() : m_view.height();
    const double step = niceStep(range, 8) / 10;
    if (xAxis && m_kind != GraphKind::RttSequence)
        return tr("%1 s").arg(v, 0, 'f', decimalsFor(step));
    if (!xAxis && m_kind == GraphKind::Throughput) return siLabel(v, step, tr("bit/s"));
    if (!xAxis && (m_kind == GraphKind::RttTime || m_kind == GraphKind::RttSequence))
        return tr("%1 ms").arg(v, 0, 'f', decimalsFor(step));
    return siLabel(v, step, tr("B"));
}

void StreamGraphView::paintAxes(QPainter& p, const QRectF& plot, const Colors& c) const {
    const double px = m_px;
    p.setFont(graphFont(px));
    const QFontMetricsF fm(p.font());
    const bool isRate = m_kind == GraphKind::Throughput;
    const double xStep = niceStep(m_view.width(), std::max(2, int(plot.width() / (px * 8))));
    const double yStep = niceStep(m_view.height(), std::max(2, int(plot.height() / (px * 3.5))));
    const auto xLabel = [&](double v) {
        return m_kind == GraphKind::RttSequence
                   ? siLabel(v, xStep, tr("B"))
                   : QStringLiteral("%1").arg(v, 0, 'f', decimalsFor(xStep));
    };
    const auto yLabel = [&](double v) {
        if (isRate) return siLabel(v, yStep, tr("bit/s"));
        if (m_kind == GraphKind::RttTime || m_kind == GraphKind::RttSequence)
            return QStringLiteral("%1").arg(v, 0, 'f', decimalsFor(yStep));
        return siLabel(v, yStep, tr("B"));
    };
    for (double x = std::ceil(m_view.left() / xStep) * xStep; x <= m_view.right(); x += xStep) {
        const double wx = map(plot, x, 0).x();
        p.setPen(QPen(c.grid, 1));
        p.drawLine(QPointF(wx, plot.top()), QPointF(wx, plot.bottom()));
        p.setPen(c.text);
        const QString t = xLabel(std::abs(x) < xStep * 1e-6 ? 0 : x);
        const double half = fm.horizontalAdvance(t) / 2;
        if (wx + half > plot.right() + px * 1.4 || wx - half < plot.left() - px * 2) continue;
        p.drawText(QRectF(wx - 100, plot.bottom() + px * 0.6, 200, px * 1.4), Qt::AlignHCenter, t);
    }
    for (double y = std::ceil(m_view.top() / yStep) * yStep; y <= m_view.bottom(); y += yStep) {
        const double wy = map(plot, 0, y).y();
        p.setPen(QPen(c.grid, 1));
        p.drawLine(QPointF(plot.left(), wy), QPointF(plot.right(), wy));
        p.setPen(c.text);
        p.drawText(QRectF(plot.left() - 400 - px * 0.5, wy - px, 400, px * 2),
                   Qt::AlignRight | Qt::AlignVCenter, yLabel(std::abs(y) < yStep * 1e-6 ? 0 : y));
    }
    p.setPen(QPen(c.axis, 1.2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
    QFont bold = p.font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(c.text);
    p.drawText(QRectF(plot.left(), plot.bottom() + px * 1.95, plot.width(), px * 1.6),
               Qt::AlignHCenter, xTitle());
    // The value axis's title, turned, left of the labels.
    const QString labelSample =
        isRate ? QStringLiteral("888.8 Mbit/s") : QStringLiteral("888.88 MB");
    p.save();
    p.translate(plot.left() - fm.horizontalAdvance(labelSample) - px * 1.6, plot.center().y());
    p.rotate(-90);
    const bool fits = QFontMetricsF(p.font()).horizontalAdvance(yTitle()) < plot.height();
    p.drawText(QRectF(-plot.height() / 2, -px * 0.8, plot.height(), px * 1.6), Qt::AlignCenter,
               yTitle(!fits));
    p.restore();
}

void StreamGraphView::paintHeader(QPainter& p, const QRectF& rect, const Colors& c) const {
    const double px = m_px;
    p.setFont(graphFont(px, 1.15, true));
    p.setPen(c.text);
    p.drawText(QRectF(rect.left() + px, rect.top() + px * 0.3, rect.width() - 2 * px, px * 1.5),
               Qt::AlignHCenter | Qt::AlignVCenter, title());
    // The legend: the series, then the marks present with their counts.
    std::vector<LegendItem> items;
    const QStringList texts = legend();
    int marksShown = 0;
    for (int m = 0; m < kGraphMarkCount; ++m) marksShown += visibleMarkCount(GraphMark(m)) > 0;
    const int series = int(texts.size()) - marksShown;
    const std::vector<std::pair<QColor, int>> seriesStyle =
        m_kind == GraphKind::Tcptrace ? std::vector<std::pair<QColor, int>>{{c.segment, -3},
                                                                            {c.ack, -1},
                                                                            {c.window, -1},
                                                                            {c.sack, -3}}
        : m_kind == GraphKind::Throughput
            ? std::vector<std::pair<QColor, int>>{{c.segment, -1}, {c.second, -1}}
        : m_kind == GraphKind::Window
            ? std::vector<std::pair<QColor, int>>{{c.window, -1}, {c.segment, -2}}
            : std::vector<std::pair<QColor, int>>{{c.segment, -2}};
    for (int i = 0; i < series; ++i)
        items.push_back({texts[i], seriesStyle[size_t(i)].first, seriesStyle[size_t(i)].second});
    int next = series;
    for (int m = 0; m < kGraphMarkCount; ++m)
        if (visibleMarkCount(GraphMark(m)) > 0)
            items.push_back({texts[next++], c.marks[size_t(m)], m});
    p.setFont(graphFont(px, 0.95));
    const QFontMetricsF fm(p.font());
    const int rows = items.size() > 5 ? 2 : 1;
    const size_t perRow = (items.size() + size_t(rows) - 1) / size_t(rows);
    for (int row = 0; row < rows; ++row) {
        const size_t from = size_t(row) * perRow, to = std::min(items.size(), from + perRow);
        double width = 0;
        for (size_t i = from; i < to; ++i) width += px * 2.4 + fm.horizontalAdvance(items[i].text);
        double x = rect.center().x() - width / 2;
        const double y = rect.top() + px * 2.75 + row * px * 1.5;
        for (size_t i = from; i < to; ++i) {
            const LegendItem& it = items[i];
            const QPointF sw(x + px * 0.6, y);
            if (it.kind >= 0) {
                setMarkStyle(p, GraphMark(it.kind), it.color, px * 0.38);
                drawMarkShape(p, GraphMark(it.kind), sw, px * 0.38);
            } else {
                p.setPen(QPen(it.color, it.kind == -3 ? 2.5 : 2));
                p.setBrush(it.color);
                if (it.kind == -1) p.drawLine(sw - QPointF(px * 0.6, 0), sw + QPointF(px * 0.6, 0));
                if (it.kind == -2) p.drawEllipse(sw, px * 0.2, px * 0.2);
                if (it.kind == -3) p.drawLine(sw - QPointF(0, px * 0.5), sw + QPointF(0, px * 0.5));
            }
            p.setPen(c.text);
            p.drawText(QRectF(x + px * 1.5, y - px, 1000, px * 2), Qt::AlignLeft | Qt::AlignVCenter,
                       it.text);
            x += px * 2.4 + fm.horizontalAdvance(it.text);
        }
    }
}

void StreamGraphView::paintOverlay(QPainter& p, const QRectF& plot, const Colors& c) const {
    const double px = m_px;
    if (const std::optional<double> x = selectedX()) {
        const double wx = map(plot, *x, 0).x();
        p.setPen(QPen(c.cursor, 1.5, Qt::DashLine));
        p.drawLine(QPointF(wx, plot.top()), QPointF(wx, plot.bottom()));
    }
    // Throughput: a start-up spike running off the top is said so.
    if (m_kind == GraphKind::Throughput && !m_main.y.empty()) {
        const double top = *std::max_element(m_main.y.begin(), m_main.y.end());
        if (top > m_view.bottom() && m_view == m_full) {
            p.setFont(graphFont(px, 0.95));
            p.setPen(Colors::forDark(dark()).segment);
            p.drawText(
                plot.adjusted(px * 0.5, px * 0.3, -px * 0.5, 0), Qt::AlignRight | Qt::AlignTop,
                tr("↑ Peaks above the graph (up to %1)").arg(siLabel(top, top / 10, tr("bit/s"))));
        }
    }
    // tcptrace: a receive window running off the top is said so, not silently missing.
    if (m_kind == GraphKind::Tcptrace && !m_windowLine.y.empty()) {
        const double top = *std::max_element(m_windowLine.y.begin(), m_windowLine.y.end());
        const double low = *std::min_element(m_windowLine.y.begin(), m_windowLine.y.end());
        if (low > m_view.bottom()) {
            p.setFont(graphFont(px, 0.95));
            p.setPen(Colors::forDark(dark()).window);
            p.drawText(plot.adjusted(px * 0.5, px * 0.3, -px * 0.5, 0),
                       Qt::AlignLeft | Qt::AlignTop,
                       tr("↑ Receive window above the graph (%1 to %2)")
                           .arg(siLabel(low, 100, tr("B")), siLabel(top, 100, tr("B"))));
        }
    }
    if (!m_hover || !plot.contains(*m_hover)) return;
    const QPointF h = *m_hover;
    p.setPen(QPen(c.hover, 1, Qt::DotLine));
    p.drawLine(QPointF(plot.left(), h.y()), QPointF(plot.right(), h.y()));
    p.drawLine(QPointF(h.x(), plot.top()), QPointF(h.x(), plot.bottom()));
    const QPointF d = toData(h);
    QString text =
        QStringLiteral("%1, %2").arg(formatValue(d.x(), true), formatValue(d.y(), false));
    if (const uint64_t frame = frameOf(packetAt(h))) text += tr("  (frame %1)").arg(frame);
    p.setFont(graphFont(px));
    const QFontMetricsF fm(p.font());
    QRectF box(0, 0, fm.horizontalAdvance(text) + px, px * 1.6);
    box.moveTopRight(plot.topRight() + QPointF(-px * 0.4, px * 0.4));
    p.setPen(QPen(c.axis, 1));
    p.setBrush(c.background);
    p.drawRect(box);
    p.setPen(c.text);
    p.drawText(box, Qt::AlignCenter, text);
}

QImage StreamGraphView::renderImage(QSize size) const {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    paintGraph(p, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

bool StreamGraphView::saveSvg(const QString& path, QSize size) const {
    return writeSvg(path, QSizeF(size), title(), legend().join(QStringLiteral("; ")),
                    [&](QPainter& p) { paintGraph(p, QRectF(QPointF(0, 0), QSizeF(size))); });
}

} // namespace tcpscope::ui
