// SPDX-License-Identifier: GPL-2.0-or-later
// LadderView's painting: the title block with the legend strip, the lanes with their state
// bands, breaks, arrows, labels and state names, and the whole diagram for render(), toImage()
// and saveSvg(). Only the arrows that can reach the painted range are visited.
#include "views/drawing_export.h"
#include "views/ladder_view.h"
#include "views/ladder_view_style.h"

#include <tcpscope/ladder_text.h>

#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <bit>
#include <cmath>

namespace tcpscope::ui {

using namespace ladderdetail;

// ---- painting -------------------------------------------------------------------------------

void LadderView::paintHeader(QPainter& p, const Style& s, const Geometry& g) const {
    const TcpConnection* c = connection();
    p.fillRect(QRectF(0, 0, g.width, g.headerH), s.headerBg);
    p.setPen(QPen(s.rule, 1));
    p.drawLine(QPointF(0, g.headerH - 0.5), QPointF(g.width, g.headerH - 0.5));
    if (!c) return;
    const double line = s.lineH;
    // Title: which connection, how many packets, which numbers, which time axis.
    p.setFont(s.small);
    p.setPen(s.dim);
    const QString title =
        tr("TCP stream %1 · %2 packets · %3 sequence numbers · %4")
            .arg(m_stream)
            .arg(m_layout.items().size())
            .arg(m_labelOptions.raw ? tr("raw") : tr("relative"))
            .arg(m_timeScale == TimeScale::True ? tr("true time") : tr("even spacing"));
    p.drawText(QRectF(kMargin, 4, g.width - 2 * kMargin, line), Qt::AlignLeft | Qt::AlignVCenter,
               title);
    p.drawText(QRectF(kMargin, 6 + 2 * line, g.timeRight - kMargin, line),
               Qt::AlignRight | Qt::AlignVCenter, tr("frame    time (s)"));
    // Each lane: its role, then its socket, centred on the lane but kept inside the diagram.
    const QFontMetricsF fb(s.bold), fm(s.font);
    for (int e = 0; e < 2; ++e) {
        const bool client = e == 0;
        const double x = g.laneX(client);
        const QString role = client ? tr("client") : tr("server");
        const QString socket =
            QString::fromStdString(endpointSocketText(client ? c->client : c->server));
        auto centred = [&](const QString& text, double w, double y, const QFont& f) {
            double left = std::clamp(x - w / 2, kMargin, g.width - kMargin - w);
            p.setFont(f);
            p.drawText(QRectF(left, y, w + 1, line), Qt::AlignCenter, text);
        };
        p.setPen(s.text);
        centred(role, fb.horizontalAdvance(role), 6 + line, s.bold);
        centred(socket, fm.horizontalAdvance(socket), 6 + 2 * line, s.font);
    }
    if (legendLines() > 0)
        paintLegendStrip(
            p, s, QRectF(kMargin, g.legendTop, g.width - 2 * kMargin, g.headerH - g.legendTop));
}

void LadderView::paintDiagram(QPainter& p, const Style& s, const Geometry& g, double y0, double y1,
                              bool stickyStates) const {
    const auto& items = m_layout.items();
    const auto& packets = m_tracker->packets();
    const size_t shown = shownCount();
    const QFontMetricsF fm(s.font), fs(s.small);
    const double inset = s.band / 2;

    // How far down the states are known: to the last drawn arrow.
    double limitY = m_layout.bottom();
    if (shown < items.size()) {
        limitY = shown ? items[shown - 1].y : g.top - s.lineH;
        for (size_t k = shown; k-- > 0 && items[k].y > limitY - 4 * g.row;)
            limitY = std::max(limitY, items[k].end);
    }
    const double bandTop = g.headerH;

    // The selected packet: a highlighted row behind everything.
    const bool selVisible = m_selectedIndex >= 0 && size_t(m_selectedIndex) < shown;
    if (selVisible) {
        const LadderItem& it = items[size_t(m_selectedIndex)];
        const QRectF row(0, it.y - 1.6 * s.lineH, g.width, it.end - it.y + 2.0 * s.lineH);
        p.fillRect(row, s.selectionRow);
    }

    // State bands along the lanes, one coloured piece per state.
    for (int e = 0; e < 2; ++e) {
        const double x = g.laneX(e == 0);
        const auto& marks = m_layout.stateMarks(e);
        double from = bandTop;
        TcpState st = m_layout.initialState(e);
        auto piece = [&](double a, double b, TcpState state) {
            a = std::max(a, y0);
            b = std::min({b, y1, limitY});
            if (b <= a) return;
            p.fillRect(QRectF(x - s.band / 2, a, s.band, b - a), s.stateFill(state));
        };
        for (const LadderStateMark& m : marks) {
            if (m.item >= shown) break;
            piece(from, m.y, st);
            from = m.y;
            st = m.state;
            if (from > y1) break;
        }
        piece(from, limitY, st);
        p.setPen(QPen(s.rule, 1));
        p.drawLine(QPointF(x, std::max(bandTop, y0)), QPointF(x, std::min(y1, limitY)));
    }

    // Idle gaps cut short (true time): blank the lanes, draw the break and its real length.
    for (const LadderBreak& b : m_layout.breaks()) {
        if (b.y1 < y0 || b.y0 > y1) continue;
        if (b.y0 > limitY) break;
        p.fillRect(QRectF(g.timeRight, b.y0, g.width - g.timeRight, b.y1 - b.y0), s.bg);
        QPen dash(s.rule, 1, Qt::DashLine);
        p.setPen(dash);
        for (int e = 0; e < 2; ++e)
            p.drawLine(QPointF(g.laneX(e == 0), b.y0), QPointF(g.laneX(e == 0), b.y1));
        p.setPen(QPen(s.dim, 1.2));
        for (double yy : {b.y0, b.y1}) {
            QPainterPath zig;
            const double step = 8;
            zig.moveTo(g.timeRight, yy);
            int k = 0;
            for (double x = g.timeRight + step; x <= g.width - kMargin; x += step, ++k)
                zig.lineTo(x, yy + ((k % 2) ? -3 : 3));
            p.drawPath(zig);
        }
        const QString text = QStringLiteral("… %1 …").arg(durationText(b.seconds));
        p.setFont(s.font);
        const double w = fm.horizontalAdvance(text) + 12;
        const QRectF r((g.clientX + g.serverX - w) / 2, (b.y0 + b.y1 - s.lineH) / 2, w, s.lineH);
        p.fillRect(r, s.bg);
        p.setPen(s.dim);
        p.drawText(r, Qt::AlignCenter, text);
    }

    // The arrows that can reach into [y0, y1]: they start at most maxDrop above it, and labels
    // sit at most two lines above their arrow.
    const size_t first = m_layout.firstAtOrAfter(y0 - m_layout.maxDrop() - 2 * s.lineH);
    const size_t last = std::min(shown, m_layout.firstAtOrAfter(y1 + 2 * s.lineH));

    auto arrowPoints = [&](const LadderItem& it) {
        return std::pair<QPointF, QPointF>{
            {it.fromClient ? g.clientX + inset : g.serverX - inset, it.y},
            {it.fromClient ? g.serverX - inset : g.clientX + inset, it.end}};
    };
    auto drawArrow = [&](const LadderItem& it, const QColor& color, double width,
                         Qt::PenStyle style) {
        const auto [a, b] = arrowPoints(it);
        const QPointF d = b - a;
        const double len = std::hypot(d.x(), d.y());
        if (len < 1) return;
        const QPointF u = d / len, nrm(-u.y(), u.x());
        const double head = s.head * (width / s.pen > 2 ? 1.4 : 1.0);
        const QPointF base = b - u * head;
        p.setPen(QPen(color, width, style, Qt::FlatCap));
        p.drawLine(a, base);
        QPolygonF tri;
        tri << b << base + nrm * head * 0.42 << base - nrm * head * 0.42;
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawPolygon(tri);
        p.setBrush(Qt::NoBrush);
    };

    // Frame number and time beside each arrow, skipped where they would overlap.
    p.setFont(s.small);
    double lastTimeY = -1e300;
    for (size_t i = first; i < last; ++i) {
        const LadderItem& it = items[i];
        const bool sel = long(i) == m_selectedIndex;
        if (it.y - lastTimeY < fs.height() && !sel) continue;
        lastTimeY = it.y;
        const QString t = it.hasTime ? QString::number(it.seconds, 'f', 6) : QStringLiteral("–");
        QFont f = s.small;
        f.setBold(sel);
        p.setFont(f);
        p.setPen(sel ? s.text : s.dim);
        p.drawText(QRectF(kMargin, it.y - s.lineH / 2, g.timeRight - kMargin, s.lineH),
                   Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1  %2").arg(it.frame).arg(t));
    }

    // Arrows, then labels on top of them.
    p.setRenderHint(QPainter::Antialiasing, true);
    if (selVisible) {
        const LadderItem& it = items[size_t(m_selectedIndex)];
        const auto [a, b] = arrowPoints(it);
        p.setPen(QPen(s.selection, s.pen + 7, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(a, b);
    }
    for (size_t i = first; i < last; ++i) {
        const LadderItem& it = items[i];
        const TcpPacketAnalysis& pk = packets[it.packet];
        const bool sel = long(i) == m_selectedIndex;
        drawArrow(it, s.arrowColor(pk), sel ? s.pen * 1.8 : s.pen,
                  isRetransmission(pk.analysisFlags) ? Qt::DashLine : Qt::SolidLine);
    }

    // Labels: horizontal, centred on the arrow, just above it; one that would cover an
    // earlier label is left out (zoom in to see it; the tooltip has it too).
    std::vector<QRectF> placed;
    auto drawLabel = [&](size_t i, bool force) {
        const LadderItem& it = items[i];
        const TcpPacketAnalysis& pk = packets[it.packet];
        const bool sel = long(i) == m_selectedIndex;
        const QString text = labelOf(it);
        const QStringList marks = marksOf(it);
        const double left = g.clientX + inset + 4, right = g.serverX - inset - 4;
        // A label wider than the gap between the lanes is set in a smaller font (down to 60%).
        QFont textFont = sel ? s.bold : s.font, pillFont = s.small;
        std::vector<double> pills;
        double textW = 0, w = 0;
        auto measure = [&] {
            const QFontMetricsF ft(textFont), fp(pillFont);
            textW = ft.horizontalAdvance(text);
            w = textW;
            pills.clear();
            for (const QString& m : marks) {
                pills.push_back(fp.horizontalAdvance(pillText(m)) + 10);
                w += 6 + pills.back();
            }
        };
        measure();
        if (w > right - left) {
            const double f = std::max(0.6, (right - left) / w);
            textFont.setPointSizeF(textFont.pointSizeF() * f);
            pillFont.setPointSizeF(pillFont.pointSizeF() * f);
            measure();
        }
        const double h = s.lineH + 2;
        const auto [a, b] = arrowPoints(it);
        // Centred; but beside its sender when the arrow crosses another, so that the
        // crossing itself stays in sight.
        double x =
            it.crosses ? (it.fromClient ? left + 4 : right - 4 - w) : (a.x() + b.x()) / 2 - w / 2;
        x = std::clamp(x, left, std::max(left, right - w));
        // The arrow is highest at the label's sender-side end; sit just above that point.
        const double edge = it.fromClient ? x : x + w;
        const double t = (edge - a.x()) / (b.x() - a.x());
        const double yAtEdge = a.y() + std::clamp(t, 0.0, 1.0) * (b.y() - a.y());
        const QRectF box(x - 3, yAtEdge - h - 2, w + 6, h);
        if (!force) {
            for (auto r = placed.rbegin(); r != placed.rend() && r - placed.rbegin() < 8; ++r)
                if (r->intersects(box)) return;
            placed.push_back(box);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(s.labelBg);
        p.drawRoundedRect(box, 3, 3);
        p.setBrush(Qt::NoBrush);
        p.setFont(textFont);
        p.setPen(s.text);
        p.drawText(QRectF(x, box.top(), textW + 2, h), Qt::AlignLeft | Qt::AlignVCenter, text);
        double px = x + textW + 6;
        uint32_t bits = markBits(pk.analysisFlags);
        p.setFont(pillFont);
        for (size_t k = 0; k < pills.size() && bits; ++k) {
            const uint32_t bit = bits & (~bits + 1);
            bits &= bits - 1;
            const QRectF pill(px, box.top() + 2, pills[k], h - 4);
            p.setPen(Qt::NoPen);
            p.setBrush(s.markColor(bit));
            p.drawRoundedRect(pill, 4, 4);
            p.setBrush(Qt::NoBrush);
            p.setPen(s.markText(bit));
            p.drawText(pill, Qt::AlignCenter, pillText(marks[int(k)]));
            px += pills[k] + 6;
        }
    };
    for (size_t i = first; i < last; ++i)
        if (long(i) != m_selectedIndex) drawLabel(i, false);
    if (selVisible && size_t(m_selectedIndex) >= first && size_t(m_selectedIndex) < last)
        drawLabel(size_t(m_selectedIndex), true);

    // State names beside the lanes where they change (client left, server right), pushed down
    // when two changes come close; the initial state at the top of each band.
    p.setFont(s.font);
    for (int e = 0; e < 2; ++e) {
        const bool client = e == 0;
        const double x = g.laneX(client);
        auto pill = [&](double y, TcpState st, bool italic) {
            const QString name = latin1(stateName(st));
            QFont f = s.font;
            f.setItalic(italic);
            const double w = QFontMetricsF(f).horizontalAdvance(name) + 10;
            const QRectF r(client ? x - s.band / 2 - 6 - w : x + s.band / 2 + 6, y - s.lineH / 2, w,
                           s.lineH);
            p.setPen(QPen(s.stateFill(st).darker(m_dark ? 70 : 130), 1));
            p.setBrush(s.stateFill(st));
            p.drawRoundedRect(r, 4, 4);
            p.setBrush(Qt::NoBrush);
            p.setFont(f);
            p.setPen(s.stateText());
            p.drawText(r, Qt::AlignCenter, name);
        };
        const auto& marks = m_layout.stateMarks(e);
        double lastY = bandTop + 0.9 * s.lineH;
        if (lastY >= y0 - s.lineH && lastY <= y1 + s.lineH)
            pill(lastY, m_layout.initialState(e), false);
        TcpState current = m_layout.initialState(e);
        bool stickyDone = !stickyStates;
        const double gapY = 1.15 * s.lineH;
        for (const LadderStateMark& m : marks) {
            if (m.item >= shown || m.y > limitY + 1) break;
            const double y = std::max(m.y, lastY + gapY);
            lastY = y;
            if (y < y0 + s.lineH) {
                current = m.state;
                continue;
            }
            if (!stickyDone) {
                // Scrolled into the middle of a state: name it at the top of the view.
                if (y > y0 + 2.5 * s.lineH && y0 > bandTop + s.lineH)
                    pill(y0 + 0.9 * s.lineH, current, true);
                stickyDone = true;
            }
            if (y > y1 + s.lineH) break;
            pill(y, m.state, false);
            current = m.state;
        }
        if (!stickyDone && y0 > bandTop + s.lineH && y0 + s.lineH < limitY)
            pill(y0 + 0.9 * s.lineH, current, true);
    }

    // Classroom stepping: say how many arrows are still hidden.
    if (shown < items.size()) {
        const double y = limitY + 1.5 * s.lineH;
        if (y >= y0 && y <= y1 + s.lineH) {
            p.setFont(s.font);
            p.setPen(s.dim);
            p.drawText(
                QRectF(g.clientX, y - s.lineH / 2, g.serverX - g.clientX, s.lineH), Qt::AlignCenter,
                items.size() - shown == 1 ? tr("1 more packet hidden")
                                          : tr("%1 more packets hidden").arg(items.size() - shown));
        }
    }
}

uint32_t LadderView::legendMarks() const {
    const TcpConnection* c = connection();
    return c ? markBits(c->analysisFlagsSeen) : 0;
}

int LadderView::legendLines() const {
    if (!m_legendVisible || !hasStream()) return 0;
    return legendMarks() ? 2 : 1;
}

void LadderView::paintLegendStrip(QPainter& p, const Style& s, const QRectF& area) const {
    // Line 1: what the arrow colours mean; line 2: the marks this connection has (their
    // explanations are in the strip's tooltip and in the block under exported diagrams).
    const QFontMetricsF fs(s.small);
    const double lh = fs.height() + 4;
    double x = area.left(), y = area.top();
    p.setFont(s.small);
    auto sample = [&](const QString& name, const QColor& color, Qt::PenStyle style) {
        p.setPen(QPen(color, s.pen + 0.6, style));
        p.drawLine(QPointF(x, y + lh / 2), QPointF(x + 22, y + lh / 2));
        p.setPen(s.text);
        const double w = fs.horizontalAdvance(name);
        p.drawText(QRectF(x + 26, y, w + 2, lh), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += 26 + w + 14;
    };
    sample(tr("SYN"), s.syn, Qt::SolidLine);
    sample(tr("FIN"), s.fin, Qt::SolidLine);
    sample(tr("RST"), s.rst, Qt::SolidLine);
    sample(tr("data"), s.data, Qt::SolidLine);
    sample(tr("ACK only"), s.ack, Qt::SolidLine);
    sample(tr("retransmission"), s.markColor(TcpAnalysisFlag::Retransmission), Qt::DashLine);
    for (TcpState st : {TcpState::SynSent, TcpState::Established, TcpState::FinWait1}) {
        p.fillRect(QRectF(x, y + 2, s.band, lh - 4), s.stateFill(st));
        x += s.band + 1;
    }
    p.setPen(s.text);
    p.drawText(QRectF(x + 4, y, area.right() - x - 4, lh), Qt::AlignLeft | Qt::AlignVCenter,
               tr("lane: the endpoint's state"));
    x = area.left();
    y += lh;
    for (uint32_t bits = legendMarks(); bits; bits &= bits - 1) {
        const uint32_t bit = bits & (~bits + 1);
        const QString tag = pillText(QString::fromStdString(ladderMarkName(bit)));
        const double w = fs.horizontalAdvance(tag) + 10;
        if (x + w > area.right()) {
            p.setPen(s.dim);
            p.drawText(QRectF(x, y, area.right() - x + 20, lh), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("…"));
            break;
        }
        const QRectF pill(x, y + 2, w, lh - 4);
        p.setPen(Qt::NoPen);
        p.setBrush(s.markColor(bit));
        p.drawRoundedRect(pill, 4, 4);
        p.setBrush(Qt::NoBrush);
        p.setPen(s.markText(bit));
        p.drawText(pill, Qt::AlignCenter, tag);
        x += w + 8;
    }
}

QString LadderView::legendText() const {
    QString out;
    for (uint32_t bits = legendMarks(); bits; bits &= bits - 1) {
        const uint32_t bit = bits & (~bits + 1);
        if (!out.isEmpty()) out += QLatin1Char('\n');
        out += pillText(QString::fromStdString(ladderMarkName(bit))) + QStringLiteral(": ") +
               latin1(analysisFlagMessage(bit));
    }
    return out;
}

double LadderView::markBlockHeight(const Style& s) const {
    const int n = std::popcount(legendMarks());
    if (!m_legendVisible || n == 0) return 0;
    return n * (QFontMetricsF(s.small).height() + 5) + 24;
}

void LadderView::paintMarkBlock(QPainter& p, const Style& s, const QRectF& area) const {
    const QFontMetricsF fs(s.small);
    const double lh = fs.height() + 5;
    double y = area.top() + 12;
    p.setFont(s.small);
    for (uint32_t bits = legendMarks(); bits; bits &= bits - 1) {
        const uint32_t bit = bits & (~bits + 1);
        const QString tag = pillText(QString::fromStdString(ladderMarkName(bit)));
        const double w = fs.horizontalAdvance(tag) + 10;
        const QRectF pill(area.left(), y + 2, w, lh - 4);
        p.setPen(Qt::NoPen);
        p.setBrush(s.markColor(bit));
        p.drawRoundedRect(pill, 4, 4);
        p.setBrush(Qt::NoBrush);
        p.setPen(s.markText(bit));
        p.drawText(pill, Qt::AlignCenter, tag);
        p.setPen(s.text);
        p.drawText(QRectF(pill.right() + 8, y, area.right() - pill.right() - 8, lh),
                   Qt::AlignLeft | Qt::AlignVCenter, latin1(analysisFlagMessage(bit)));
        y += lh;
    }
}

void LadderView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const Style s = style();
    p.fillRect(viewport()->rect(), s.bg);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    if (!hasStream() || m_layout.items().empty()) {
        p.setPen(s.dim);
        p.setFont(s.font);
        p.drawText(viewport()->rect(), Qt::AlignCenter,
                   m_tracker ? tr("No TCP stream %1 in this capture").arg(m_stream)
                             : tr("Open a capture to see the ladder diagram of a connection"));
        return;
    }
    const Geometry g = geometry(s, sceneWidth());
    const double sx = horizontalScrollBar()->value(), sy = verticalScrollBar()->value();
    p.save();
    p.translate(-sx, -sy);
    paintDiagram(p, s, g, sy + g.headerH, sy + viewport()->height(), true);
    p.restore();
    // The title block stays at the top while the diagram scrolls under it.
    p.save();
    p.translate(-sx, 0);
    paintHeader(p, s, g);
    p.restore();
}

void LadderView::paintWhole(QPainter& p, double width) const {
    const Style s = style();
    const Geometry g = geometry(s, width);
    p.fillRect(QRectF(0, 0, width, g.height + markBlockHeight(s)), s.bg);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    if (!hasStream()) return;
    paintDiagram(p, s, g, g.headerH, g.height, false);
    paintHeader(p, s, g);
    paintMarkBlock(
        p, s, QRectF(g.timeRight, g.height, width - g.timeRight - kMargin, markBlockHeight(s)));
}

void LadderView::render(QPainter* painter, QRectF target) const {
    if (!painter || target.isEmpty()) return;
    const Style s = style();
    const double height = geometry(s, 0).height + markBlockHeight(s);
    // Fill the target's width: when the height must shrink, lay out wider so the arrows use
    // the room rather than leaving bands at the sides. A short diagram sits at the top.
    const double shrink = std::min(1.0, target.height() / height);
    const double width = std::max(minSceneWidth(), target.width() / shrink);
    const double scale = std::min(target.width() / width, target.height() / height);
    painter->save();
    painter->translate(target.left() + (target.width() - width * scale) / 2, target.top());
    painter->scale(scale, scale);
    painter->setClipRect(QRectF(0, 0, width, height));
    paintWhole(*painter, width);
    painter->restore();
}

QImage LadderView::toImage(QSize size) const {
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(style().bg);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);
    render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    p.end();
    return img;
}

bool LadderView::saveSvg(const QString& path) const {
    const Style s = style();
    const double width = std::max(sceneWidth(), 960.0);
    const double height = geometry(s, width).height + markBlockHeight(s);
    return writeSvg(path, QSizeF(width, height),
                    tr("TcpScope ladder diagram, TCP stream %1").arg(m_stream), asciiText(),
                    [&](QPainter& p) { paintWhole(p, width); });
}

} // namespace tcpscope::ui
