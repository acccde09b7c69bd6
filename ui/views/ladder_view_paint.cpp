// SPDX-License-Identifier: GPL-2.0-or-later
// LadderView's painting: the title block with the legend strip, the lanes with their state
// bands, breaks, arrows, labels and state names, and the whole diagram for render(), toImage()
// and saveSvg(). Only the arrows that can reach the painted range are visited.
#include "views/drawing_export.h"
#include "views/ladder_view.h"
#include "views/ladder_view_style.h"
#include "views/presentation.h"

#include <tcpscope/ladder_text.h>

#include <QFontInfo>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>

namespace tcpscope::ui {

using namespace ladderdetail;

namespace {

// A rounded tag with centred text: the analysis marks on arrows, in the legend and in the
// block under exported diagrams.
void paintPill(QPainter& p, const QRectF& r, const QColor& fill, const QColor& ink,
               const QString& text) {
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(r, 4, 4);
    p.setBrush(Qt::NoBrush);
    p.setPen(ink);
    p.drawText(r, Qt::AlignCenter, text);
}

} // namespace

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
    QString title = tr("TCP stream %1 · %2 packets · %3 sequence numbers · %4")
                        .arg(m_stream)
                        .arg(m_layout.items().size())
                        .arg(m_labelOptions.raw ? tr("raw") : tr("relative"))
                        .arg(m_timeScale == TimeScale::True ? tr("true time") : tr("even spacing"));
    if (const size_t hidden = hiddenCount())
        title += tr(" · %n hidden by the filter", nullptr, int(hidden)); // drawn faded
    p.drawText(QRectF(kMargin, 4, g.width - 2 * kMargin, line), Qt::AlignLeft | Qt::AlignVCenter,
               title);
    p.drawText(QRectF(kMargin, 6 + 2 * line, g.timeRight - kMargin, line),
               Qt::AlignRight | Qt::AlignVCenter, frameColumnTitle());
    // Each lane: its role, then its socket, centred on the lane but kept inside the diagram.
    const QFontMetricsF fb(s.bold), fm(s.font);
    for (int e = 0; e < 2; ++e) {
        const bool client = e == 0;
        const double x = g.laneX(client);
        const QString role = client ? tr("client") : tr("server");
        const QString socket =
            QString::fromStdString(endpointSocketText(client ? c->client : c->server));
        auto centred = [&](const QString& text, double w, double y, const QFont& f) {
            double left = std::clamp(x - w / 2, kMargin, std::max(kMargin, g.width - kMargin - w));
            p.setFont(f);
            p.drawText(QRectF(left, y, w + 1, line), Qt::AlignCenter, text);
        };
        p.setPen(s.text);
        centred(role, fb.horizontalAdvance(role), 6 + line, s.bold);
        centred(socket, fm.horizontalAdvance(socket), 6 + 2 * line, s.font);
    }
    if (legendLines(s, g.width - 2 * kMargin) > 0)
        paintLegendStrip(
            p, s, QRectF(kMargin, g.legendTop, g.width - 2 * kMargin, g.headerH - g.legendTop));
}

// What one paint of the diagram covers.
struct LadderView::PaintSpan {
    double y0 = 0, y1 = 0;      // the scene rows painted
    size_t shown = 0;           // arrows drawn (the step limit applied)
    double limitY = 0;          // how far down the states are known: to the last drawn arrow
    size_t first = 0, last = 0; // the arrows that can reach into [y0, y1]
    bool selVisible = false;    // the selected arrow is drawn
};

// An arrow's label, measured and placed: its text and mark pills in a box just above the arrow.
struct LadderView::ArrowLabel {
    QString text;
    QStringList marks;
    QFont textFont, pillFont;
    std::vector<double> pills; // the width of each mark's pill
    double textW = 0, w = 0, h = 0;
    double x = 0;         // where the text starts
    bool twoRows = false; // the mark pills on a row under the text (too wide for one)
    bool compact = false; // not the whole label
    QRectF box;
};

LadderView::PaintSpan LadderView::paintSpan(const Style& s, const Geometry& g, double y0,
                                            double y1) const {
    const auto& items = m_layout.items();
    PaintSpan span;
    span.y0 = y0;
    span.y1 = y1;
    span.shown = shownCount();
    span.limitY = m_layout.bottom();
    if (span.shown < items.size()) {
        span.limitY = span.shown ? items[span.shown - 1].y : g.top - s.lineH;
        for (size_t k = span.shown; k-- > 0 && items[k].y > span.limitY - 4 * g.row;)
            span.limitY = std::max(span.limitY, items[k].end);
    }
    // Arrows start at most maxDrop above the range, and labels sit at most two lines above
    // their arrow.
    span.first = m_layout.firstAtOrAfter(y0 - m_layout.maxDrop() - 2 * s.lineH);
    span.last = std::min(span.shown, m_layout.firstAtOrAfter(y1 + 2 * s.lineH));
    span.selVisible = m_selectedIndex >= 0 && size_t(m_selectedIndex) < span.shown;
    return span;
}

void LadderView::paintDiagram(QPainter& p, const Style& s, const Geometry& g, double y0, double y1,
                              bool stickyStates) const {
    const PaintSpan span = paintSpan(s, g, y0, y1);
    paintSelectionRow(p, s, g, span);
    paintStateBands(p, s, g, span);
    paintBreaks(p, s, g, span);
    paintFrameTimes(p, s, g, span);
    // Arrows, then labels on top of them, then the state names; all antialiased.
    p.setRenderHint(QPainter::Antialiasing, true);
    paintArrows(p, s, g, span);
    paintLabels(p, s, g, span);
    paintStateNames(p, s, g, span, stickyStates);
    paintHiddenCount(p, s, g, span);
}

// The selected packet: a highlighted row behind everything.
void LadderView::paintSelectionRow(QPainter& p, const Style& s, const Geometry& g,
                                   const PaintSpan& span) const {
    if (!span.selVisible) return;
    const LadderItem& it = m_layout.items()[size_t(m_selectedIndex)];
    const QRectF row(0, it.y - 1.6 * s.lineH, g.width, it.end - it.y + 2.0 * s.lineH);
    p.fillRect(row, s.selectionRow);
}

// State bands along the lanes, one coloured piece per state.
void LadderView::paintStateBands(QPainter& p, const Style& s, const Geometry& g,
                                 const PaintSpan& span) const {
    const double bandTop = g.headerH;
    for (int e = 0; e < 2; ++e) {
        const double x = g.laneX(e == 0);
        const auto& marks = m_layout.stateMarks(e);
        double from = bandTop;
        TcpState st = m_layout.initialState(e);
        auto piece = [&](double a, double b, TcpState state) {
            a = std::max(a, span.y0);
            b = std::min({b, span.y1, span.limitY});
            if (b <= a) return;
            p.fillRect(QRectF(x - s.band / 2, a, s.band, b - a), s.stateFill(state));
        };
        for (const LadderStateMark& m : marks) {
            if (m.item >= span.shown) break;
            piece(from, m.y, st);
            from = m.y;
            st = m.state;
            if (from > span.y1) break;
        }
        piece(from, span.limitY, st);
        p.setPen(QPen(s.rule, 1));
        p.drawLine(QPointF(x, std::max(bandTop, span.y0)),
                   QPointF(x, std::min(span.y1, span.limitY)));
    }
}

// Idle gaps cut short (true time): blank the lanes, draw the break and its real length.
void LadderView::paintBreaks(QPainter& p, const Style& s, const Geometry& g,
                             const PaintSpan& span) const {
    const QFontMetricsF fm(s.font);
    for (const LadderBreak& b : m_layout.breaks()) {
        if (b.y1 < span.y0 || b.y0 > span.y1) continue;
        if (b.y0 > span.limitY) break;
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
}

// Frame number and time beside each arrow, skipped where they would overlap.
void LadderView::paintFrameTimes(QPainter& p, const Style& s, const Geometry& g,
                                 const PaintSpan& span) const {
    const auto& items = m_layout.items();
    const QFontMetricsF fs(s.small);
    p.setFont(s.small);
    double lastTimeY = -1e300;
    for (size_t i = span.first; i < span.last; ++i) {
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
                   m_showTimes ? QStringLiteral("%1  %2").arg(it.frame).arg(t)
                               : QString::number(it.frame));
    }
}

// The selected arrow's halo, then every arrow (retransmissions dashed).
void LadderView::paintArrows(QPainter& p, const Style& s, const Geometry& g,
                             const PaintSpan& span) const {
    const auto& items = m_layout.items();
    const auto& packets = m_tracker->packets();
    const double inset = s.band / 2;
    if (span.selVisible) {
        const auto [a, b] = g.arrowEnds(items[size_t(m_selectedIndex)], inset);
        p.setPen(QPen(s.selection, s.pen + 7, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(a, b);
    }
    for (size_t i = span.first; i < span.last; ++i) {
        const LadderItem& it = items[i];
        const TcpPacketAnalysis& pk = packets[it.packet];
        const bool sel = long(i) == m_selectedIndex;
        const auto [a, b] = g.arrowEnds(it, inset);
        if (isHidden(it.packet) && !sel) { // hidden by the display filter: faded, thin
            paintArrow(p, s, a, b, s.dim, s.pen * 0.7, Qt::DotLine);
            continue;
        }
        paintArrow(p, s, a, b, s.arrowColor(pk), sel ? s.pen * 1.8 : s.pen,
                   isRetransmission(pk.analysisFlags) ? Qt::DashLine : Qt::SolidLine);
    }
}

void LadderView::paintArrow(QPainter& p, const Style& s, QPointF a, QPointF b, const QColor& color,
                            double width, Qt::PenStyle style) {
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
}

// Labels: horizontal, just above their arrow (or just below it), where they cross no other
// arrow and cover no other label: among a few places along the arrow, the one with the fewest
// arrows through it, nearest to the middle (beside the sender when the arrow crosses another,
// so that the crossing stays in sight). A label that would cover an earlier one is left out
// (zoom in to see it; the tooltip has it too). The selected arrow's label is always drawn,
// last, on top; it too is shortened rather than drawn across another arrow.
void LadderView::paintLabels(QPainter& p, const Style& s, const Geometry& g,
                             const PaintSpan& span) const {
    const auto& packets = m_tracker->packets();
    for (const auto& [index, label] : placeLabels(s, g, span))
        paintArrowLabel(p, s, label, packets[m_layout.items()[index].packet].analysisFlags);
}

// The labels drawn in a span and where, in painting order (the selected one last, on top).
std::vector<std::pair<size_t, LadderView::ArrowLabel>>
LadderView::placeLabels(const Style& s, const Geometry& g, const PaintSpan& span) const {
    const auto& items = m_layout.items();
    std::vector<std::pair<size_t, ArrowLabel>> out;
    std::vector<QRectF> placed;
    // The selected arrow's label is placed first, so that the others keep clear of it.
    // In full where that crosses no arrow, else shorter (the caption and the tooltip have it
    // all): with no label in its way, it is always drawn.
    std::optional<ArrowLabel> selected;
    if (span.selVisible && size_t(m_selectedIndex) >= span.first &&
        size_t(m_selectedIndex) < span.last) {
        selected = fittedLabel(s, g, span, size_t(m_selectedIndex), {}, true);
        placed.push_back(selected->box);
    }
    for (size_t i = span.first; i < span.last; ++i) {
        if (long(i) == m_selectedIndex || isHidden(items[i].packet)) continue;
        std::optional<ArrowLabel> label = fittedLabel(s, g, span, i, placed);
        if (!label) continue;
        placed.push_back(label->box);
        out.emplace_back(i, std::move(*label));
    }
    if (selected) out.emplace_back(size_t(m_selectedIndex), std::move(*selected));
    return out;
}

// An arrow's label placed: in full where that crosses no other arrow; with no room in full
// (next to the selected label, in a dense zigzag), less of it, rather than no label at all or
// one across another arrow; the first form that crosses none, else the one that crosses
// fewest; none when every form covers a label in `placed`. `selected`: set in bold.
std::optional<LadderView::ArrowLabel> LadderView::fittedLabel(const Style& s, const Geometry& g,
                                                              const PaintSpan& span, size_t index,
                                                              const std::vector<QRectF>& placed,
                                                              bool selected) const {
    std::optional<ArrowLabel> chosen;
    int chosenCrossed = -1;
    for (const LabelDetail d : {LabelDetail::Full, LabelDetail::Short, LabelDetail::Flags}) {
        ArrowLabel label = arrowLabel(s, g, m_layout.items()[index], selected, d);
        const int crossed = placeLabel(label, s, g, span, index, placed);
        if (crossed >= 0 && (chosenCrossed < 0 || crossed < chosenCrossed)) {
            chosen = std::move(label);
            chosenCrossed = crossed;
        }
        if (chosenCrossed == 0) break;
    }
    return chosen;
}

// Where a label cannot be placed clear of every other arrow even shortened to its flags and
// the one number that matters (a burst of data and ACKs, arrows converging on one point), or
// would be left out beside the next packet's when that one is selected, the rows between it
// and the arrow (or label) in its way move apart: `room` (per item, see LadderLayout::place)
// grows there by a step, up to a limit. Labels in full get no extra room: the ladder would
// grow by two thirds; they are shortened where they do not fit. Every label counts, the
// filter's hidden ones too, so that the arrows stay where they are when the filter changes,
// and each is measured in bold, as if selected. Only with even spacing: in true time, y is the
// clock. Checks the items marked in `check` (all, the first time) and marks those near the room
// it made for the next round. Returns whether it asked for more room.
bool LadderView::makeRoom(const Style& s, const Geometry& g, std::vector<double>& room,
                          std::vector<char>& check) const {
    const auto& items = m_layout.items();
    const size_t n = items.size();
    if (n > kRoomMaxItems || m_timeScale == TimeScale::True) return false;
    room.resize(n, 0.0);
    check.resize(n, 1);
    PaintSpan span;
    span.last = span.shown = n;
    span.limitY = m_layout.bottom();
    std::vector<QRectF> placed;
    std::vector<size_t> hits;
    std::vector<char> again(n, 0); // the items near the room made: checked in the next round
    bool more = false;
    const auto widen = [&](size_t k) {
        if (room[k] + 1e-9 >= kMaxRoomRows * g.row) return;
        room[k] += kRoomStepRows * g.row;
        more = true;
        for (size_t i = k > kRoomReach ? k - kRoomReach : 0; i < std::min(n, k + kRoomReach); ++i)
            again[i] = 1;
    };
    const auto place = [&](size_t i) {
        ArrowLabel label = arrowLabel(s, g, items[i], true, LabelDetail::Short);
        hits.clear();
        const bool shown = placeLabel(label, s, g, span, i, placed, &hits) >= 0;
        if (shown) placed.push_back(label.box);
        return shown;
    };
    size_t placedUpTo = 0; // `placed` holds the labels of the items before this one
    for (size_t i = 0; i < n; ++i) {
        if (!check[i]) continue;
        if (placedUpTo != i) { // after items not checked again: the labels just before this one
            placed.clear();
            for (size_t k = i > kRoomReach ? i - kRoomReach : 0; k < i; ++k) place(k);
        }
        placedUpTo = i + 1;
        // The next label as placed when its packet is selected (first, clear of no other
        // label): this one must find a place beside it too.
        if (i + 1 < n) {
            placed.push_back(fittedLabel(s, g, span, i + 1, {}, true)->box);
            if (!fittedLabel(s, g, span, i, placed)) widen(i + 1);
            placed.pop_back();
        }
        if (!place(i)) {
            widen(i);
            continue;
        }
        for (const size_t j : hits) widen(std::max(i, j));
    }
    check.swap(again);
    return more;
}

std::vector<LadderLabelBox> LadderView::labelBoxes() const {
    std::vector<LadderLabelBox> out;
    if (!hasStream()) return out;
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    for (const auto& [index, label] : placeLabels(s, g, paintSpan(s, g, g.headerH, g.height)))
        out.push_back({m_layout.items()[index].frame, label.box, label.compact});
    return out;
}

namespace {

// Whether the segment a-b passes through r (Liang-Barsky clipping).
bool segmentHitsRect(QPointF a, QPointF b, const QRectF& r) {
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] < 0) return false;
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

} // namespace

// Puts `l` at the best of its candidate places (see paintLabels) and returns how bad that place
// is: 1000 for each other arrow it crosses, 1 for each it lies about as near to as to its own
// (0: clear); -1 when every place covers a label in `placed` (it is left out).
int LadderView::placeLabel(ArrowLabel& l, const Style& s, const Geometry& g, const PaintSpan& span,
                           size_t index, const std::vector<QRectF>& placed,
                           std::vector<size_t>* hits) const {
    const auto& items = m_layout.items();
    const LadderItem& it = items[index];
    const double inset = s.band / 2;
    // Clear of the arrow heads at the lanes.
    const double left = g.clientX + inset + s.head + 4, right = g.serverX - inset - s.head - 4;
    const double maxX = std::max(left, right - l.w);
    std::vector<double> xs = {l.x, left, maxX};
    for (int k = 1; k < 12; ++k) xs.push_back(left + (maxX - left) * k / 12.0);
    double best = 1e300;
    QRectF bestBox;
    double bestX = l.x;
    int bestArrows = 0;
    // Only arrows that reach within a few rows of this one can pass through or near its label.
    const double reach = 4 * g.row + 4 * s.lineH;
    const size_t first =
        std::max(span.first, m_layout.firstAtOrAfter(it.y - m_layout.maxDrop() - reach));
    const size_t last = std::min(span.last, m_layout.firstAtOrAfter(it.end + reach));
    for (const double x : xs) {
        for (const bool above : {true, false}) {
            const QRectF box = labelBox(l, s, g, it, x, above);
            int arrowsHit = 0, nearer = 0, labelsHit = 0;
            // How far (vertically, at the label's middle) an arrow passes from the box.
            const double cx = box.center().x();
            const auto gapTo = [&](const LadderItem& item) {
                const auto [a, b] = g.arrowEnds(item, inset);
                const double t = std::clamp((cx - a.x()) / (b.x() - a.x()), 0.0, 1.0);
                const double y = a.y() + t * (b.y() - a.y());
                return y < box.top() ? box.top() - y : y > box.bottom() ? y - box.bottom() : 0.0;
            };
            const double own = gapTo(it);
            for (size_t j = first; j < last; ++j) {
                if (j == index) continue;
                const auto [a, b] = g.arrowEnds(items[j], inset);
                // The selected arrow is as wide as its halo.
                const double halo = long(j) == m_selectedIndex ? (s.pen + 7) / 2 : 0;
                if (segmentHitsRect(a, b, box.adjusted(-halo, -halo, halo, halo)))
                    ++arrowsHit;
                else if (gapTo(items[j]) < 1.5 * own + 4)
                    ++nearer; // about as near another arrow as its own: reads as that one's
            }
            // The selected label (first) and the latest ones are the only ones near.
            for (size_t r = 0; r < placed.size(); ++r)
                if ((r == 0 || r + 12 >= placed.size()) && placed[r].intersects(box)) ++labelsHit;
            const double score = labelsHit * 1e6 + arrowsHit * 1e3 + nearer * 500 +
                                 std::abs(x - l.x) / 10 + (above ? 0 : 20);
            if (score < best) {
                best = score;
                bestBox = box;
                bestX = x;
                bestArrows = 1000 * arrowsHit + nearer;
            }
        }
    }
    l.x = bestX;
    l.box = bestBox;
    if (hits)
        for (size_t j = first; j < last; ++j)
            if (j != index && segmentHitsRect(g.arrowEnds(items[j], inset).first,
                                              g.arrowEnds(items[j], inset).second, bestBox))
                hits->push_back(j);
    // A label that would cover another is left out; one that cannot avoid every arrow (a
    // zigzag of data and ACKs leaves only thin wedges between arrows) crosses as few as it can,
    // its opaque box interrupting them, rather than being lost.
    return best < 1e6 ? bestArrows : -1;
}

// The label's box with its text starting at x: above the arrow, its bottom just over the
// arrow's highest point under it (clear of the selection halo), or below, its top just under
// the arrow's lowest point.
QRectF LadderView::labelBox(const ArrowLabel& l, const Style& s, const Geometry& g,
                            const LadderItem& it, double x, bool above) const {
    const auto [a, b] = g.arrowEnds(it, s.band / 2);
    const auto yAt = [&](double px) {
        const double t = std::clamp((px - a.x()) / (b.x() - a.x()), 0.0, 1.0);
        return a.y() + t * (b.y() - a.y());
    };
    const double y1 = yAt(x - 3), y2 = yAt(x + l.w + 3);
    const double gap = (s.pen + 7) / 2 + 1;
    const double top = above ? std::min(y1, y2) - gap - l.h : std::max(y1, y2) + gap;
    return QRectF(x - 3, top, l.w + 6, l.h);
}

LadderView::ArrowLabel LadderView::arrowLabel(const Style& s, const Geometry& g,
                                              const LadderItem& it, bool selected,
                                              LabelDetail detail) const {
    const double inset = s.band / 2;
    ArrowLabel l;
    l.text = labelOf(it, detail);
    l.compact = detail != LabelDetail::Full;
    l.marks = marksOf(it);
    // Clear of the arrow heads at the lanes.
    const double left = g.clientX + inset + s.head + 4, right = g.serverX - inset - s.head - 4;
    // A label wider than the gap between the lanes is set in a smaller font (down to 60%).
    l.textFont = selected ? s.bold : s.font;
    l.pillFont = s.small;
    auto measure = [&] {
        const QFontMetricsF ft(l.textFont), fp(l.pillFont);
        l.textW = ft.horizontalAdvance(l.text);
        double pillsW = 0;
        l.pills.clear();
        for (const QString& m : l.marks) {
            l.pills.push_back(fp.horizontalAdvance(pillText(m)) + 10);
            pillsW += (pillsW > 0 ? 8 : 0) + l.pills.back();
        }
        l.w = l.twoRows ? std::max(l.textW, pillsW) : l.textW + (pillsW > 0 ? 8 + pillsW : 0);
    };
    measure();
    if (l.w > right - left && !l.marks.isEmpty()) {
        l.twoRows = true; // the pills under the text before any text is set smaller
        measure();
    }
    if (l.w > right - left) {
        // Not below 60%; in presentation not below the projector's minimum text size (the view
        // scrolls sideways instead).
        const double floor =
            m_presentation ? kMinPresentationTextPx / QFontInfo(l.pillFont).pixelSize() : 0.6;
        const double f = std::clamp((right - left) / l.w, std::min(floor, 1.0), 1.0);
        l.textFont = scaledFont(l.textFont, f);
        l.pillFont = scaledFont(l.pillFont, f);
        measure();
    }
    l.h = (s.lineH + 2) * (l.twoRows ? 2 : 1);
    const auto [a, b] = g.arrowEnds(it, inset);
    // Centred; but beside its sender when the arrow crosses another.
    const double x =
        it.crosses ? (it.fromClient ? left + 4 : right - 4 - l.w) : (a.x() + b.x()) / 2 - l.w / 2;
    l.x = std::clamp(x, left, std::max(left, right - l.w));
    l.box = labelBox(l, s, g, it, l.x, true);
    return l;
}

void LadderView::paintArrowLabel(QPainter& p, const Style& s, const ArrowLabel& l,
                                 uint32_t analysisFlags) {
    p.setPen(Qt::NoPen);
    p.setBrush(s.labelBg);
    p.drawRoundedRect(l.box, 3, 3);
    p.setBrush(Qt::NoBrush);
    p.setFont(l.textFont);
    p.setPen(s.text);
    const double row = l.twoRows ? l.h / 2 : l.h;
    p.drawText(QRectF(l.x, l.box.top(), l.textW + 2, row), Qt::AlignLeft | Qt::AlignVCenter,
               l.text);
    double px = l.twoRows ? l.x : l.x + l.textW + 8;
    const double top = l.twoRows ? l.box.top() + row : l.box.top();
    uint32_t bits = markBits(analysisFlags);
    p.setFont(l.pillFont);
    for (size_t k = 0; k < l.pills.size() && bits; ++k) {
        const uint32_t bit = bits & (~bits + 1);
        bits &= bits - 1;
        const QRectF pill(px, top + 2, l.pills[k], row - 4);
        paintPill(p, pill, s.markColor(bit), s.markText(bit), pillText(l.marks[int(k)]));
        px += l.pills[k] + 8;
    }
}

// State names beside the lanes where they change (client left, server right).
void LadderView::paintStateNames(QPainter& p, const Style& s, const Geometry& g,
                                 const PaintSpan& span, bool stickyStates) const {
    p.setFont(s.font);
    for (int e = 0; e < 2; ++e) paintLaneStateNames(p, s, g, span, e == 0, stickyStates);
}

// One lane's state names: the initial state at the top of its band, then each change, pushed
// down when two changes come close. Sticky: the state the view is scrolled into the middle of
// is named at the top of the view.
void LadderView::paintLaneStateNames(QPainter& p, const Style& s, const Geometry& g,
                                     const PaintSpan& span, bool client, bool stickyStates) const {
    const int e = client ? 0 : 1;
    const double bandTop = g.headerH;
    const double y0 = span.y0, y1 = span.y1;
    auto pill = [&](double y, TcpState st, bool italic) {
        paintStatePill(p, s, g, client, y, st, italic);
    };
    const auto& marks = m_layout.stateMarks(e);
    double lastY = bandTop + 0.9 * s.lineH;
    if (lastY >= y0 - s.lineH && lastY <= y1 + s.lineH)
        pill(lastY, m_layout.initialState(e), false);
    TcpState current = m_layout.initialState(e);
    bool stickyDone = !stickyStates;
    const double gapY = 1.15 * s.lineH;
    for (const LadderStateMark& m : marks) {
        if (m.item >= span.shown || m.y > span.limitY + 1) break;
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
    if (!stickyDone && y0 > bandTop + s.lineH && y0 + s.lineH < span.limitY)
        pill(y0 + 0.9 * s.lineH, current, true);
}

// A state's name in a pill of its band colour, beside the lane (left of the client's, right
// of the server's), centred on y.
void LadderView::paintStatePill(QPainter& p, const Style& s, const Geometry& g, bool client,
                                double y, TcpState st, bool italic) const {
    const double x = g.laneX(client);
    const QString name = coreText(stateName(st));
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
}

// Classroom stepping: say how many arrows are still hidden.
void LadderView::paintHiddenCount(QPainter& p, const Style& s, const Geometry& g,
                                  const PaintSpan& span) const {
    const size_t count = m_layout.items().size();
    if (span.shown >= count) return;
    // Below the last arrow's label too (two rows when its marks do not fit beside it), when
    // that sits under its arrow.
    const double y = span.limitY + 3.8 * s.lineH;
    if (y < span.y0 || y > span.y1 + s.lineH) return;
    p.setFont(s.font);
    p.setPen(s.dim);
    p.drawText(QRectF(g.clientX, y - s.lineH / 2, g.serverX - g.clientX, s.lineH), Qt::AlignCenter,
               count - span.shown == 1 ? tr("1 more packet hidden")
                                       : tr("%1 more packets hidden").arg(count - span.shown));
}

uint32_t LadderView::legendMarks() const {
    const TcpConnection* c = connection();
    return c ? markBits(c->analysisFlagsSeen) : 0;
}

// The arrow colour samples of the legend's first line, and the lane sample after them.
double LadderView::colourLegendWidth(const Style& s) const {
    const QFontMetricsF fs(s.small);
    double w = 0;
    for (const QString& name :
         {tr("SYN"), tr("FIN"), tr("RST"), tr("data"), tr("ACK only"), tr("retransmission")})
        w += 26 + fs.horizontalAdvance(name) + 14;
    return w;
}

double LadderView::laneLegendWidth(const Style& s) const {
    return 3 * (s.band + 1) + 4 +
           QFontMetricsF(s.small).horizontalAdvance(tr("lane: the endpoint's state"));
}

int LadderView::legendLines(const Style& s, double width) const {
    if (!m_legendVisible || !hasStream()) return 0;
    const int colours = colourLegendWidth(s) + laneLegendWidth(s) > width ? 2 : 1;
    // The mark pills, wrapped at the width (a narrow diagram at a projector's font needs two
    // lines for a zero-window connection's five marks).
    const QFontMetricsF fs(s.small);
    int lines = 1;
    double x = 0;
    bool any = false;
    for (uint32_t bits = legendMarks(); bits; bits &= bits - 1) {
        const QString tag = pillText(QString::fromStdString(ladderMarkName(bits & (~bits + 1))));
        const double w = fs.horizontalAdvance(tag) + 10;
        if (any && x + w > width) {
            ++lines;
            x = 0;
        }
        x += w + 8;
        any = true;
    }
    return any ? lines + colours : colours;
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
    if (x + laneLegendWidth(s) > area.right()) { // on a line of its own when narrow
        x = area.left();
        y += lh;
    }
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
        if (x > area.left() && x + w > area.right()) {
            x = area.left();
            y += lh;
        }
        paintPill(p, QRectF(x, y + 2, w, lh - 4), s.markColor(bit), s.markText(bit), tag);
        x += w + 8;
    }
}

QString LadderView::legendText() const {
    QString out;
    for (uint32_t bits = legendMarks(); bits; bits &= bits - 1) {
        const uint32_t bit = bits & (~bits + 1);
        if (!out.isEmpty()) out += QLatin1Char('\n');
        out += pillText(QString::fromStdString(ladderMarkName(bit))) + QStringLiteral(": ") +
               coreText(analysisFlagMessage(bit));
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
        paintPill(p, pill, s.markColor(bit), s.markText(bit), tag);
        p.setPen(s.text);
        p.drawText(QRectF(pill.right() + 8, y, area.right() - pill.right() - 8, lh),
                   Qt::AlignLeft | Qt::AlignVCenter, coreText(analysisFlagMessage(bit)));
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

double LadderView::exportWidth(double width) const {
    return std::max(width > 0 ? width : std::max(sceneWidth(), 960.0), minSceneWidth());
}

QSizeF LadderView::exportSize(double width) const {
    const Style s = style();
    const double w = exportWidth(width);
    return {w, geometry(s, w).height + markBlockHeight(s)};
}

QImage LadderView::exportImage(double width, double scale) const {
    const QSizeF size = exportSize(width);
    scale = std::clamp(scale, 0.1, 8.0);
    QImage img(QSize(int(std::ceil(size.width() * scale)), int(std::ceil(size.height() * scale))),
               QImage::Format_ARGB32_Premultiplied);
    img.fill(style().bg);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.scale(scale, scale);
    paintWhole(p, size.width());
    p.end();
    return img;
}

bool LadderView::saveSvg(const QString& path, double width) const {
    const QSizeF size = exportSize(width);
    return writeSvg(path, size, tr("TcpScope ladder diagram, TCP stream %1").arg(m_stream),
                    asciiText(), [&](QPainter& p) { paintWhole(p, size.width()); });
}

} // namespace tcpscope::ui
