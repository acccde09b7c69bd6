// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/syn_queue_view.h"
#include "document/document.h"

#include "views/drawing_export.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>

namespace tcpscope::ui {

namespace {

struct Palette {
    QColor text, muted, grid, halfOpen, established, syn, synAck, givenUp;
};

Palette colors(bool dark) {
    if (dark)
        return {QColor(0xf0f0f0), QColor(0xb8c0cc), QColor(0x4a4f57), QColor(0xffa64d),
                QColor(0x6fd18a), QColor(0x7fb2ff), QColor(0xffd166), QColor(0xff7a6b)};
    return {QColor(0x111111), QColor(0x45505e), QColor(0xd5d9de), QColor(0xd9731a),
            QColor(0x1f8a4c), QColor(0x1f5fbf), QColor(0x9a6b00), QColor(0xc0392b)};
}

// A round step for about `n` ticks over `span`.
double tickStep(double span, int n) {
    if (span <= 0) return 1;
    const double raw = span / n, mag = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}

QString seconds(double t, double step) {
    const int decimals = step >= 1 ? 0 : std::min(6, int(std::ceil(-std::log10(step))));
    return QString::number(t, 'f', decimals);
}

} // namespace

struct SynQueueView::Geometry {
    QRectF chart; // the counts' step chart
    QRectF lanes; // the connections' lanes
    double laneHeight = 22;
    double t0 = 0, t1 = 1;
    double labelWidth = 0;
    double x(double t) const { return lanes.left() + (t - t0) / (t1 - t0) * lanes.width(); }
    double laneY(size_t i) const { return lanes.top() + (double(i) + 0.5) * laneHeight; }
};

SynQueueView::SynQueueView(QWidget* parent) : QWidget(parent) {
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMinimumSize(480, 300);
}

void SynQueueView::setQueue(SynQueue queue) {
    m_queue = std::move(queue);
    m_marks = synQueueMarks(m_queue);
    updateGeometry();
    update();
}

void SynQueueView::setDarkColors(bool dark) {
    m_dark = dark;
    update();
}

QString SynQueueView::title() const {
    return tr("SYN queue of %1").arg(fromCore(listeningSocketText(m_queue.socket)));
}

QStringList SynQueueView::retryLabels() const {
    QStringList out;
    for (const SynQueueMark& m : m_marks)
        if (m.kind == SynQueueMarkKind::SynAckRetry)
            out << QStringLiteral("+") + fromCore(backoffLabel(m.interval));
    return out;
}

int SynQueueView::givenUpMarks() const {
    return int(std::count_if(m_marks.begin(), m_marks.end(), [](const SynQueueMark& m) {
        return m.kind == SynQueueMarkKind::GivenUp;
    }));
}

SynQueueView::Geometry SynQueueView::geometry(QSize size) const {
    Geometry g;
    const QFontMetricsF fm(font());
    g.laneHeight = std::max(18.0, fm.height() * 1.35);
    for (const SynQueueEntry& e : m_queue.entries)
        g.labelWidth =
            std::max(g.labelWidth, fm.horizontalAdvance(fromCore(e.client.toString()) +
                                                        QStringLiteral(":%1 ").arg(e.clientPort)));
    g.labelWidth = std::clamp(g.labelWidth + 12, 120.0, std::max(120.0, size.width() * 0.3));
    const double left = g.labelWidth + 10, right = size.width() - 24.0;
    const double top = fm.height() * 2.6; // the title and the legend
    const double chartHeight = std::clamp(size.height() * 0.28, 90.0, 220.0);
    g.chart = QRectF(left, top, right - left, chartHeight);
    const double lanesTop = g.chart.bottom() + fm.height() * 3.8; // the axis and the legend
    g.lanes = QRectF(left, lanesTop, right - left, g.laneHeight * double(m_queue.entries.size()));
    g.t0 = 0;
    g.t1 = std::max(m_queue.duration * 1.04, 1e-3);
    return g;
}

QSize SynQueueView::figureSize(int width) const {
    const QFontMetricsF fm(font());
    const Geometry g = geometry(QSize(width, 600));
    return QSize(width, int(g.lanes.bottom() + fm.height() * 1.5));
}

QSize SynQueueView::sizeHint() const {
    return figureSize(std::max(width(), 900));
}

void SynQueueView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintFigure(p, size());
}

void SynQueueView::paintFigure(QPainter& p, QSize size) const {
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font());
    const Palette c = colors(m_dark);
    const QFontMetricsF fm(font());
    if (!m_queue.found) {
        p.setPen(c.muted);
        p.drawText(QRectF(QPointF(0, 0), QSizeF(size)), Qt::AlignCenter,
                   tr("No client sent a SYN to this socket in the capture."));
        return;
    }
    const Geometry g = geometry(size);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(c.text);
    p.drawText(QPointF(8, fm.ascent() + 4), title());
    p.setFont(font());
    paintChart(p, g);
    paintAxis(p, g);
    paintLanes(p, g);
}

void SynQueueView::paintChart(QPainter& p, const Geometry& g) const {
    const Palette c = colors(m_dark);
    const QFontMetricsF fm(font());
    const uint32_t top = std::max({m_queue.maxHalfOpen, m_queue.maxEstablished, 1u});
    const double step = std::max(1.0, tickStep(top, 4));
    const auto y = [&](double v) { return g.chart.bottom() - v / (top * 1.1) * g.chart.height(); };
    p.setPen(QPen(c.grid, 1));
    for (double v = 0; v <= top + 0.01; v += step) {
        p.drawLine(QPointF(g.chart.left(), y(v)), QPointF(g.chart.right(), y(v)));
        p.save();
        p.setPen(c.muted);
        p.drawText(QRectF(g.chart.left() - 48, y(v) - fm.height() / 2, 42, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(v));
        p.restore();
    }
    const auto stepLine = [&](auto value, const QColor& color) {
        QPainterPath path;
        bool first = true;
        double last = 0;
        for (const SynQueuePoint& pt : m_queue.series) {
            const double x = g.x(pt.t), v = y(double(value(pt)));
            if (first) {
                path.moveTo(x, v);
                first = false;
            } else {
                path.lineTo(x, last);
                path.lineTo(x, v);
            }
            last = v;
        }
        p.setPen(QPen(color, 2.2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    stepLine([](const SynQueuePoint& pt) { return pt.established; }, c.established);
    stepLine([](const SynQueuePoint& pt) { return pt.halfOpen; }, c.halfOpen);
    // The legend, top right, with the peaks.
    const QString half = tr("half-open (SYN-RECEIVED), at most %1").arg(m_queue.maxHalfOpen);
    const QString est = tr("established, at most %1").arg(m_queue.maxEstablished);
    double x = g.chart.right() - fm.horizontalAdvance(half) - fm.horizontalAdvance(est) - 80;
    const double ly = fm.height() * 1.9;
    for (const auto& [label, color] :
         {std::pair{half, c.halfOpen}, std::pair{est, c.established}}) {
        p.setPen(QPen(color, 3));
        p.drawLine(QPointF(x, ly - fm.ascent() / 3), QPointF(x + 22, ly - fm.ascent() / 3));
        p.setPen(c.text);
        p.drawText(QPointF(x + 28, ly), label);
        x += 28 + fm.horizontalAdvance(label) + 24;
    }
}

void SynQueueView::paintAxis(QPainter& p, const Geometry& g) const {
    const Palette c = colors(m_dark);
    const QFontMetricsF fm(font());
    const double step = tickStep(g.t1 - g.t0, std::max(2, int(g.lanes.width() / 110)));
    const double axisY = g.chart.bottom() + fm.height() * 1.1;
    for (double t = 0; t <= g.t1 + 1e-9; t += step) {
        const double x = g.x(t);
        p.setPen(QPen(c.grid, 1, Qt::DotLine));
        p.drawLine(QPointF(x, g.chart.top()), QPointF(x, g.chart.bottom()));
        p.drawLine(QPointF(x, g.lanes.top()), QPointF(x, g.lanes.bottom()));
        p.setPen(c.muted);
        p.drawText(QRectF(x - 50, g.chart.bottom() + 2, 100, fm.height()), Qt::AlignCenter,
                   seconds(t, step));
    }
    p.setPen(c.muted);
    p.drawText(QRectF(g.chart.right() - 300, g.chart.bottom() + 2 + fm.height(), 300, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, tr("seconds since the first packet"));
    paintMarksLegend(p, g, axisY + fm.height() * 1.3);
}

// What the lanes' marks mean, in one line over them.
void SynQueueView::paintMarksLegend(QPainter& p, const Geometry& g, double baseline) const {
    const Palette c = colors(m_dark);
    const QFontMetricsF fm(font());
    const double y = baseline - fm.ascent() / 3;
    double x = g.lanes.left();
    const std::array<std::pair<SynQueueMarkKind, QString>, 5> items{{
        {SynQueueMarkKind::Syn, tr("SYN")},
        {SynQueueMarkKind::SynAck, tr("SYN,ACK")},
        {SynQueueMarkKind::SynAckRetry, tr("SYN,ACK again (+ back-off since the previous)")},
        {SynQueueMarkKind::Established, tr("established")},
        {SynQueueMarkKind::GivenUp, tr("given up (RST, or the last retry seen)")},
    }};
    for (const auto& [kind, label] : items) {
        paintMark(p, kind, QPointF(x + 6, y));
        p.setPen(c.text);
        p.drawText(QPointF(x + 16, baseline), label);
        x += 16 + fm.horizontalAdvance(label) + 18;
    }
}

void SynQueueView::paintMark(QPainter& p, SynQueueMarkKind kind, QPointF at) const {
    const Palette c = colors(m_dark);
    const double x = at.x(), y = at.y();
    switch (kind) {
    case SynQueueMarkKind::Syn:
        p.setPen(QPen(c.syn, 1.5));
        p.setBrush(c.syn);
        p.drawEllipse(at, 4, 4);
        break;
    case SynQueueMarkKind::SynAck:
    case SynQueueMarkKind::SynAckRetry: {
        QPolygonF tri;
        tri << QPointF(x, y - 6) << QPointF(x + 5, y + 4) << QPointF(x - 5, y + 4);
        p.setPen(QPen(c.synAck, 1.5));
        p.setBrush(kind == SynQueueMarkKind::SynAck ? QBrush(c.synAck) : QBrush(Qt::NoBrush));
        p.drawPolygon(tri);
        break;
    }
    case SynQueueMarkKind::Established:
        p.setPen(QPen(c.established, 2));
        p.setBrush(c.established);
        p.drawRect(QRectF(x - 4, y - 4, 8, 8));
        break;
    case SynQueueMarkKind::GivenUp:
    case SynQueueMarkKind::Refused:
        p.setPen(QPen(kind == SynQueueMarkKind::GivenUp ? c.givenUp : c.muted, 2.5));
        p.drawLine(QPointF(x - 5, y - 5), QPointF(x + 5, y + 5));
        p.drawLine(QPointF(x - 5, y + 5), QPointF(x + 5, y - 5));
        break;
    }
}

void SynQueueView::paintLanes(QPainter& p, const Geometry& g) const {
    const Palette c = colors(m_dark);
    const QFontMetricsF fm(font());
    const double end = g.x(m_queue.duration);
    for (size_t i = 0; i < m_queue.entries.size(); ++i) {
        const SynQueueEntry& e = m_queue.entries[i];
        const double y = g.laneY(i);
        p.setPen(c.text);
        p.drawText(QRectF(4, y - fm.height() / 2, g.labelWidth - 10, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fromCore(e.client.toString()) + QStringLiteral(":%1").arg(e.clientPort));
        // Half-open from the SYN until it left the queue (or the end), then established.
        const double from = g.x(e.synSeen ? e.synTime : (e.synAcks.empty() ? 0 : e.synAcks[0].t));
        const bool established = e.outcome == SynQueueOutcome::Established;
        const double until = established || e.givenUp() ? g.x(e.endTime) : from;
        if (e.wasHalfOpen) {
            p.setPen(QPen(c.halfOpen, 4, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(from, y), QPointF(until, y));
            // After the last retry the server sends nothing more: the tracker still counts it
            // half-open to the end, drawn thin.
            if (e.outcome == SynQueueOutcome::NoAckByEnd) {
                p.setPen(QPen(c.halfOpen, 1.5, Qt::DashLine));
                p.drawLine(QPointF(until, y), QPointF(end, y));
            }
        }
        if (established) {
            p.setPen(QPen(c.established, 4, Qt::SolidLine, Qt::FlatCap));
            p.drawLine(QPointF(until, y), QPointF(end, y));
        }
    }
    // The marks, each retry with its back-off; a label that would run into the lane's previous
    // one goes under the lane instead.
    std::vector<double> labelEnd(m_queue.entries.size(), -1e9);
    for (const SynQueueMark& m : m_marks) {
        const double x = g.x(m.t), y = g.laneY(m.entry);
        paintMark(p, m.kind, QPointF(x, y));
        if (m.kind != SynQueueMarkKind::SynAckRetry) continue;
        const QString label = QStringLiteral("+") + fromCore(backoffLabel(m.interval));
        const bool below = x + 6 < labelEnd[m.entry];
        p.setPen(c.synAck);
        p.drawText(QPointF(x + 6, below ? y + fm.ascent() + 1 : y - 5), label);
        if (!below) labelEnd[m.entry] = x + 6 + fm.horizontalAdvance(label) + 2;
    }
}

std::optional<size_t> SynQueueView::markAt(QPointF pos) const {
    const Geometry g = geometry(size());
    std::optional<size_t> best;
    double bestDist = 8;
    for (const SynQueueMark& m : m_marks) {
        const double d = std::hypot(g.x(m.t) - pos.x(), g.laneY(m.entry) - pos.y());
        if (d < bestDist) {
            bestDist = d;
            best = m.packet;
        }
    }
    return best;
}

void SynQueueView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        if (const auto packet = markAt(event->position())) emit packetClicked(*packet);
}

QImage SynQueueView::exportImage(int width, double scale) const {
    const QSize size = figureSize(width);
    QImage image(size * scale, QImage::Format_ARGB32);
    image.fill(m_dark ? QColor(0x1e1f22) : QColor(Qt::white));
    QPainter p(&image);
    p.scale(scale, scale);
    paintFigure(p, size);
    return image;
}

bool SynQueueView::saveSvg(const QString& path, int width) const {
    const QSize size = figureSize(width);
    return writeSvg(path, QSizeF(size), title(), {}, [&](QPainter& p) {
        p.fillRect(QRectF(QPointF(0, 0), QSizeF(size)),
                   m_dark ? QColor(0x1e1f22) : QColor(Qt::white));
        paintFigure(p, size);
    });
}

void SynQueueView::contextMenuEvent(QContextMenuEvent* event) {
    const QString base = QStringLiteral("syn-queue");
    execExportMenu(
        this, event->globalPos(), tr("SYN queue"), base,
        [this](const QString& path) { return exportImage(std::max(width(), 900), 2).save(path); },
        [this](const QString& path) { return saveSvg(path, std::max(width(), 900)); });
}

} // namespace tcpscope::ui
