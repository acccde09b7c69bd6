// SPDX-License-Identifier: GPL-2.0-or-later
// LadderView's data and interaction: which tracker and stream, the layout and its options,
// the arrows as values, scrolling, zoom, selection, clicks, keys and tooltips. Painting and
// export are in ladder_view_paint.cpp.
#include "views/ladder_view.h"
#include "views/drawing_export.h"
#include "views/ladder_view_style.h"

#include <tcpscope/ladder_text.h>
#include <tcpscope/text_catalogue.h>

#include <QContextMenuEvent>
#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace tcpscope::ui {

using namespace ladderdetail;

namespace {

constexpr double kMinZoom = 0.05, kMaxZoom = 8.0;

// The point of segment a-b nearest to p, as a distance.
double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF d = b - a;
    const double len2 = QPointF::dotProduct(d, d);
    double t = len2 > 0 ? QPointF::dotProduct(p - a, d) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = a + t * d - p;
    return std::sqrt(QPointF::dotProduct(q, q));
}

} // namespace

LadderView::LadderView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
}

LadderView::~LadderView() = default;

QSize LadderView::sizeHint() const {
    return {760, 520};
}

const ConnectionTracker* LadderView::tracker() const {
    return m_tracker;
}

const TcpConnection* LadderView::connection() const {
    if (!m_tracker || m_stream >= m_tracker->connections().size()) return nullptr;
    return &m_tracker->connections()[m_stream];
}

bool LadderView::hasStream() const {
    return connection() != nullptr;
}

void LadderView::setDocument(DocumentPtr document) {
    m_document = std::move(document);
    m_tracker = m_document ? &m_document->tracker() : nullptr;
    if (m_tracker && m_stream >= m_tracker->connections().size()) m_stream = 0;
    updateHidden();
    rebuild();
}

void LadderView::setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched) {
    m_matched = std::move(matched);
    updateHidden();
    update();
}

// The filter's rows as the tracker's packets (a row's record names its packet).
void LadderView::updateHidden() {
    m_hidden.clear();
    if (!m_document || !m_matched || m_matched->size() != m_document->size()) return;
    m_hidden.assign(m_document->tracker().packets().size(), 0);
    for (size_t row = 0; row < m_document->size(); ++row) {
        const int32_t analysis = m_document->analysisIndex(row);
        if (!(*m_matched)[row] && analysis >= 0 && size_t(analysis) < m_hidden.size())
            m_hidden[size_t(analysis)] = 1;
    }
}

size_t LadderView::hiddenCount() const {
    size_t n = 0;
    for (const LadderItem& it : m_layout.items()) n += isHidden(it.packet);
    return n;
}

void LadderView::setTracker(const ConnectionTracker* tracker, uint32_t stream) {
    m_document.reset();
    m_tracker = tracker;
    m_stream = stream;
    rebuild();
}

void LadderView::setStream(uint32_t stream) {
    if (stream == m_stream && !m_layout.items().empty()) return;
    m_stream = stream;
    rebuild();
}

void LadderView::rebuild() {
    m_selectedIndex = -1;
    m_selectedFrame.reset();
    if (m_tracker)
        m_layout.build(*m_tracker, m_stream);
    else
        m_layout = LadderLayout{};
    relayout();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
}

void LadderView::relayout() {
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    if (m_tracker) {
        const bool trueTime = m_timeScale == TimeScale::True;
        std::vector<double> room;
        std::vector<char> check;
        m_layout.place(*m_tracker, g.top, g.row, trueTime);
        for (int round = 0; round < kRoomRounds && makeRoom(s, g, room, check); ++round)
            m_layout.place(*m_tracker, g.top, g.row, trueTime, room);
    }
    m_layoutWidth = sceneWidth();
    updateScrollBars();
    viewport()->update();
}

void LadderView::setTimeScale(TimeScale scale) {
    if (scale == m_timeScale) return;
    m_timeScale = scale;
    relayout();
    if (m_selectedIndex >= 0) ensureItemVisible(size_t(m_selectedIndex));
}

void LadderView::setLabelOptions(const LabelOptions& options) {
    if (options == m_labelOptions) return;
    m_labelOptions = options;
    updateScrollBars(); // the minimum width follows the longest label
    viewport()->update();
}

void LadderView::setDarkColors(bool dark) {
    m_dark = dark;
    viewport()->update();
}

void LadderView::setPresentation(bool on) {
    if (on == m_presentation) return;
    m_presentation = on;
    relayout();
}

void LadderView::setTimesVisible(bool on) {
    if (on == m_showTimes) return;
    m_showTimes = on;
    relayout();
}

QString LadderView::frameColumnTitle() const {
    return m_showTimes ? tr("frame    time (s)") : tr("frame");
}

void LadderView::setStepLimit(std::optional<size_t> n) {
    const size_t before = shownCount();
    m_stepLimit = n;
    const size_t after = shownCount();
    viewport()->update();
    if (after > before && after > 0) ensureItemVisible(after - 1);
}

void LadderView::setLegendVisible(bool visible) {
    if (visible == m_legendVisible) return;
    m_legendVisible = visible;
    relayout(); // the strip is part of the title block
}

size_t LadderView::shownCount() const {
    const size_t n = m_layout.items().size();
    return m_stepLimit ? std::min(*m_stepLimit, n) : n;
}

// ---- style and geometry -------------------------------------------------------------------

LadderView::Style LadderView::style() const {
    Style s;
    s.dark = m_dark;
    s.font = font();
    // In presentation a font given in pixels is the page's choice for the projector; one in
    // points (the default) is enlarged here.
    if (m_presentation && s.font.pixelSize() <= 0)
        s.font.setPointSizeF(std::max(15.0, s.font.pointSizeF() * 1.6));
    s.bold = s.font;
    s.bold.setBold(true);
    // Projected, the frame numbers, title and marks are as large as the labels.
    s.small = m_presentation ? s.font : scaledFont(s.font, 0.88);
    const QFontMetricsF fm(s.font);
    s.lineH = fm.height();
    s.digit = fm.horizontalAdvance(QLatin1Char('0'));
    s.pen = m_presentation ? 2.6 : 1.4;
    s.head = m_presentation ? 14 : 9;
    s.band = m_presentation ? 14 : 10;
    if (m_dark) {
        s.bg = QColor(0x1e1f22);
        s.text = m_presentation ? QColor(0xffffff) : QColor(0xe8eaed);
        s.dim = QColor(0x9aa0a6);
        s.headerBg = QColor(0x2a2b2f);
        s.rule = QColor(0x5f6368);
        s.selection = QColor(255, 213, 79, 120);
        s.selectionRow = QColor(0x3a3623);
        s.syn = QColor(0x81c784);
        s.fin = QColor(0xbcaaa4);
        s.rst = QColor(0xef9a9a);
        s.data = QColor(0x64b5f6);
        s.ack = QColor(0xb0bec5);
    } else {
        s.bg = QColor(0xffffff);
        s.text = m_presentation ? QColor(Qt::black) : QColor(0x202124);
        s.dim = QColor(0x5f6368);
        s.headerBg = QColor(0xf1f3f4);
        s.rule = QColor(0xbdc1c6);
        s.selection = QColor(255, 193, 7, 110);
        s.selectionRow = QColor(0xfff8e1);
        s.syn = QColor(0x2e7d32);
        s.fin = QColor(0x6d4c41);
        s.rst = QColor(0xc62828);
        s.data = QColor(0x1565c0);
        s.ack = QColor(0x546e7a);
    }
    s.labelBg = s.bg;
    s.labelBg.setAlpha(248);
    return s;
}

LadderView::Geometry LadderView::geometry(const Style& s, double width) const {
    Geometry g;
    g.width = width;
    const QFontMetricsF fs(s.small), fm(s.font);
    // As wide as the widest frame number and time of this connection (or the column title).
    QString widest = m_showTimes ? QStringLiteral("00  0.000000") : QStringLiteral("00");
    if (!m_layout.items().empty()) {
        const LadderItem& last = m_layout.items().back();
        widest = QString(QString::number(last.frame).size(), QLatin1Char('0'));
        if (m_showTimes)
            widest += QStringLiteral("  ") +
                      QString::number(last.seconds, 'f', 6)
                          .replace(QRegularExpression(QStringLiteral("\\d")), QStringLiteral("0"));
    }
    // The selected row's number and time are bold: measured so, they fit too.
    QFont bold = s.small;
    bold.setBold(true);
    const double timeCol = std::max(QFontMetricsF(bold).horizontalAdvance(widest),
                                    fs.horizontalAdvance(frameColumnTitle()));
    const double stateCol = fm.horizontalAdvance(QStringLiteral("SYN-RECEIVED")) + 16 + s.band;
    g.timeRight = kMargin + timeCol;
    g.clientX = g.timeRight + stateCol;
    g.serverX = width - kMargin - stateCol;
    g.legendTop = 3 * s.lineH + 10;
    g.headerH = g.legendTop +
                legendLines(s, width - 2 * kMargin) * (QFontMetricsF(s.small).height() + 4) + 6;
    g.top = g.headerH + 2.4 * s.lineH;
    // Projected, a little more room between arrows for their labels.
    g.row = (m_presentation ? kPresentationRowLines : kRowLines) * s.lineH * m_zoom;
    g.height = std::max(m_layout.bottom(), g.top) + 2 * s.lineH;
    return g;
}

double LadderView::sceneWidth() const {
    return std::max(double(viewport()->width()), minSceneWidth());
}

double LadderView::minSceneWidth() const {
    const Style s = style();
    const QFontMetricsF fm(s.font);
    // Room for a long label between the lanes: raw numbers are ten digits each.
    const QString typical =
        m_labelOptions.raw ? QStringLiteral("[P.] seq 2688689371:2688689385 ack 3032269698 len 14")
                           : QStringLiteral("[P.] seq 1449:2897 ack 95 len 1448 win 65152");
    const Geometry g = geometry(s, 0);
    // Longer labels are set smaller (see arrowLabel), so the gap may be a little narrower;
    // not in presentation, where text keeps its size.
    const double minGap =
        (m_presentation ? 1.0 : 0.8) * fm.horizontalAdvance(typical) + 2 * s.band + 2 * s.head + 16;
    return g.clientX + minGap - g.serverX; // serverX is negative at width 0
}

QSizeF LadderView::sceneSize() const {
    const Style s = style();
    const double w = sceneWidth();
    return {w, geometry(s, w).height};
}

void LadderView::updateScrollBars() {
    const QSizeF size = sceneSize();
    const QSize vp = viewport()->size();
    verticalScrollBar()->setRange(0, std::max(0, int(std::ceil(size.height())) - vp.height()));
    verticalScrollBar()->setPageStep(vp.height());
    verticalScrollBar()->setSingleStep(std::max(4, int(style().lineH)));
    horizontalScrollBar()->setRange(0, std::max(0, int(std::ceil(size.width())) - vp.width()));
    horizontalScrollBar()->setPageStep(vp.width());
    horizontalScrollBar()->setSingleStep(20);
}

QPointF LadderView::mapToScene(const QPoint& pos) const {
    return {pos.x() + double(horizontalScrollBar()->value()),
            pos.y() + double(verticalScrollBar()->value())};
}

QPoint LadderView::mapFromScene(const QPointF& pos) const {
    return QPoint(int(std::lround(pos.x() - horizontalScrollBar()->value())),
                  int(std::lround(pos.y() - verticalScrollBar()->value())));
}

// ---- content --------------------------------------------------------------------------------

std::span<const LadderView::LabelPart> LadderView::labelParts() {
    static constexpr LabelPart kParts[] = {
        {"raw", QT_TRANSLATE_NOOP("LadderView", "Raw sequence numbers"), &LabelOptions::raw},
        {"flags", QT_TRANSLATE_NOOP("LadderView", "Flags"), &LabelOptions::flags},
        {"seq", QT_TRANSLATE_NOOP("LadderView", "Sequence numbers"), &LabelOptions::seq},
        {"ack", QT_TRANSLATE_NOOP("LadderView", "Acknowledgements"), &LabelOptions::ack},
        {"len", QT_TRANSLATE_NOOP("LadderView", "Payload length"), &LabelOptions::len},
        {"win", QT_TRANSLATE_NOOP("LadderView", "Window"), &LabelOptions::win}};
    return kParts;
}

QString LadderView::labelOf(const LadderItem& item, LabelDetail detail) const {
    const TcpConnection* c = connection();
    if (!c) return {};
    const TcpPacketAnalysis& p = m_tracker->packets()[item.packet];
    LadderLabelOptions o;
    o.raw = m_labelOptions.raw;
    o.flags = m_labelOptions.flags;
    o.seq = m_labelOptions.seq;
    o.ack = m_labelOptions.ack;
    o.len = m_labelOptions.len;
    o.win = m_labelOptions.win;
    if (detail != LabelDetail::Full) {
        const bool usesSequence = p.nxtseq != p.seq; // data, SYN or FIN
        const bool shortForm = detail == LabelDetail::Short;
        o.flags = true;
        o.seq = shortForm && m_labelOptions.seq && usesSequence;
        o.ack = shortForm && m_labelOptions.ack && !usesSequence && (p.flags & TcpFlag::Ack);
        o.len = o.win = false;
    }
    return QString::fromStdString(ladderLabel(p, *c, o));
}

QStringList LadderView::marksOf(const LadderItem& item) const {
    QStringList out;
    for (const std::string& m : ladderMarks(m_tracker->packets()[item.packet]))
        out << QString::fromStdString(m);
    return out;
}

std::vector<LadderArrow> LadderView::arrows() const {
    std::vector<LadderArrow> out;
    if (!hasStream()) return out;
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    const size_t n = shownCount();
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const LadderItem& it = m_layout.items()[i];
        LadderArrow a;
        a.frame = it.frame;
        a.fromClient = it.fromClient;
        a.label = labelOf(it);
        a.marks = marksOf(it);
        std::tie(a.start, a.end) = g.arrowEnds(it, s.band / 2);
        out.push_back(std::move(a));
    }
    return out;
}

QString LadderView::asciiText() const {
    if (!hasStream()) return {};
    LadderTextOptions o;
    o.relative = !m_labelOptions.raw;
    o.maxArrows = m_stepLimit ? std::max<size_t>(*m_stepLimit, 1) : 0;
    return QString::fromStdString(formatLadderText(*m_tracker, m_stream, o));
}

FigureExport LadderView::exportActions() const {
    FigureExport f;
    f.what = tr("Ladder");
    f.baseName = QStringLiteral("ladder-stream%1").arg(m_stream);
    f.image = [this](double scale) { return exportImage(0, scale); };
    f.saveSvg = [this](const QString& path) { return saveSvg(path); };
    f.text = [this] { return asciiText(); };
    return f;
}

// ---- interaction ----------------------------------------------------------------------------

std::optional<uint64_t> LadderView::frameAt(const QPoint& pos) const {
    if (!hasStream()) return std::nullopt;
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    if (pos.y() < g.headerH) return std::nullopt; // the title block covers the diagram there
    const QPointF sp = mapToScene(pos);
    const auto& items = m_layout.items();
    const size_t shown = shownCount();
    const double tolerance = m_presentation ? 8 : 6;
    const size_t first = m_layout.firstAtOrAfter(sp.y() - m_layout.maxDrop() - tolerance);
    const size_t last = std::min(shown, m_layout.firstAtOrAfter(sp.y() + 2 * s.lineH + 4));
    const double inset = s.band / 2;
    long best = -1;
    double bestDist = tolerance;
    for (size_t i = first; i < last; ++i) {
        const LadderItem& it = items[i];
        const auto [a, b] = g.arrowEnds(it, inset);
        const double d = distanceToSegment(sp, a, b);
        if (d <= bestDist) {
            bestDist = d;
            best = long(i);
        }
    }
    return best >= 0 ? std::optional<uint64_t>(items[size_t(best)].frame) : std::nullopt;
}

void LadderView::selectFrame(uint64_t frame) {
    const long i = m_layout.indexOfFrame(frame);
    m_selectedIndex = i;
    m_selectedFrame = i >= 0 ? std::optional<uint64_t>(frame) : std::nullopt;
    if (i >= 0) ensureItemVisible(size_t(i));
    viewport()->update();
}

void LadderView::activateIndex(size_t index) {
    if (index >= shownCount()) return;
    const uint64_t frame = m_layout.items()[index].frame;
    selectFrame(frame);
    emit frameActivated(frame);
}

void LadderView::ensureItemVisible(size_t index) {
    if (index >= m_layout.items().size()) return;
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    const LadderItem& it = m_layout.items()[index];
    const double top = it.y - 2.5 * s.lineH, bottom = it.end + s.lineH;
    const double viewTop = verticalScrollBar()->value() + g.headerH;
    const double viewBottom = verticalScrollBar()->value() + viewport()->height();
    if (top >= viewTop && bottom <= viewBottom) return;
    const double visible = viewport()->height() - g.headerH;
    if (m_stepLimit) {
        // Stepping: the newest arrow near the bottom (room for a label under it; the hidden
        // count may go below the fold), so that as much of the story so far stays in sight.
        const double below = bottom + 3.2 * s.lineH;
        verticalScrollBar()->setValue(int(std::lround(below - viewport()->height())));
        return;
    }
    const double centre = (top + bottom) / 2;
    verticalScrollBar()->setValue(int(std::lround(centre - g.headerH - visible / 2)));
}

void LadderView::setZoom(double zoom) {
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (std::abs(zoom - m_zoom) < 1e-9) return;
    // Keep the middle of the view where it is.
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    const double anchor = verticalScrollBar()->value() + viewport()->height() / 2.0;
    const double ratio = zoom / m_zoom;
    m_zoom = zoom;
    relayout();
    verticalScrollBar()->setValue(
        int(std::lround(g.top + (anchor - g.top) * ratio - viewport()->height() / 2.0)));
    emit zoomChanged(m_zoom);
}

void LadderView::zoomIn() {
    setZoom(m_zoom * 1.25);
}

void LadderView::zoomOut() {
    setZoom(m_zoom / 1.25);
}

void LadderView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    // Labels fit differently at another width: the room between rows follows.
    if (sceneWidth() != m_layoutWidth && m_layout.items().size() <= kRoomMaxItems)
        relayout();
    else
        updateScrollBars();
}

void LadderView::scrollContentsBy(int, int) {
    viewport()->update();
}

void LadderView::mouseReleaseEvent(QMouseEvent* event) {
    event->accept(); // a click is handled on press
}

void LadderView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    event->accept();
    const std::optional<uint64_t> frame = frameAt(event->position().toPoint());
    if (!frame) return;
    const long i = m_layout.indexOfFrame(*frame);
    if (i >= 0) activateIndex(size_t(i));
}

void LadderView::wheelEvent(QWheelEvent* event) {
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const int steps = event->angleDelta().y() / 120;
    if (steps == 0) return;
    // Zoom about the pointer: the scene y under it stays under it.
    const Style s = style();
    const Geometry g = geometry(s, sceneWidth());
    const double my = event->position().y();
    const double anchor = verticalScrollBar()->value() + my;
    const double old = m_zoom;
    const double zoom = std::clamp(m_zoom * std::pow(1.25, steps), kMinZoom, kMaxZoom);
    if (zoom == old) return;
    m_zoom = zoom;
    relayout();
    verticalScrollBar()->setValue(int(std::lround(g.top + (anchor - g.top) * zoom / old - my)));
    emit zoomChanged(m_zoom);
    event->accept();
}

void LadderView::keyPressEvent(QKeyEvent* event) {
    const size_t shown = shownCount();
    if ((event->key() == Qt::Key_Down || event->key() == Qt::Key_Up) && shown) {
        long i = m_selectedIndex;
        if (event->key() == Qt::Key_Down)
            i = i < 0 ? 0 : std::min(long(shown) - 1, i + 1);
        else
            i = i < 0 ? 0 : std::max(0L, i - 1);
        activateIndex(size_t(i));
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
            zoomIn();
            return;
        }
        if (event->key() == Qt::Key_Minus) {
            zoomOut();
            return;
        }
        if (event->key() == Qt::Key_0) {
            setZoom(1.0);
            return;
        }
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QString LadderView::toolTipFor(size_t index) const {
    const LadderItem& it = m_layout.items()[index];
    const TcpPacketAnalysis& p = m_tracker->packets()[it.packet];
    QString html = tr("<b>Frame %1</b> · %2 → %3")
                       .arg(it.frame)
                       .arg(it.fromClient ? tr("client") : tr("server"))
                       .arg(it.fromClient ? tr("server") : tr("client"));
    if (it.hasTime) html += tr(" · %1 s").arg(it.seconds, 0, 'f', 6);
    html += QStringLiteral("<br>") + labelOf(it).toHtmlEscaped();
    for (uint32_t bits = markBits(p.analysisFlags); bits; bits &= bits - 1) {
        const std::string_view msg = analysisFlagMessage(bits & (~bits + 1));
        html += QStringLiteral("<br>⚑ ") + coreText(msg);
    }
    for (int e = 0; e < 2; ++e) {
        const EndpointStep& st = e == 0 ? p.client : p.server;
        if (st.event == TcpEvent::None && st.before == st.after) continue;
        const std::string_view ev = eventName(st.event);
        html += QStringLiteral("<br>%1: %2 → %3 (%4)")
                    .arg(e == 0 ? tr("client") : tr("server"))
                    .arg(QString::fromStdString(stateDisplayName(st.before)))
                    .arg(QString::fromStdString(stateDisplayName(st.after)))
                    .arg(coreText(ev).toHtmlEscaped());
    }
    return html;
}

bool LadderView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Style s = style();
        const Geometry g = geometry(s, sceneWidth());
        if (help->pos().y() >= g.legendTop && help->pos().y() < g.headerH && legendMarks()) {
            const QString text = legendText();
            if (!text.isEmpty()) {
                QToolTip::showText(help->globalPos(), text, viewport());
                return true;
            }
        }
        if (const auto frame = frameAt(help->pos())) {
            const long i = m_layout.indexOfFrame(*frame);
            if (i >= 0) {
                QToolTip::showText(help->globalPos(), toolTipFor(size_t(i)), viewport());
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void LadderView::contextMenuEvent(QContextMenuEvent* event) {
    if (!hasStream()) return;
    QMenu menu(this);
    addExportActions(&menu, this, tr("Ladder"), true, [this] { return exportActions(); });
    emit contextMenuAboutToShow(&menu);
    menu.exec(event->globalPos());
}

void LadderView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) relayout();
}

} // namespace tcpscope::ui
