// SPDX-License-Identifier: GPL-2.0-or-later
// Draws the state diagram of state_graph_layout.cpp with one connection's steps on it. All
// geometry is computed once per change in "design units" (the layout's canvas) into a Scene;
// painting, hit testing and the exports share it and only differ in the transform.
#include "views/state_graph_view.h"
#include "tcpscope/text_catalogue.h"
#include "views/drawing_export.h"

#include "views/state_graph_layout.h"

#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>

namespace tcpscope::ui {

namespace {

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QFont pixelFont(qreal px, bool bold = false, bool italic = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(std::max(1, int(std::lround(px))));
    f.setBold(bold);
    f.setItalic(italic);
    return f;
}

// One line of an edge label. RFC 793 draws "event" over a rule over "action"; so do we, with
// a parenthesised remark on its own line in italics.
struct LabelLine {
    enum Kind { Text, Remark, Rule };
    Kind kind = Text;
    QString text;
};

std::vector<LabelLine> labelLines(const std::vector<std::string_view>& labels) {
    std::vector<LabelLine> lines;
    QStringList resets;
    for (std::string_view sv : labels) {
        const QString label = qs(sv);
        const int slash = label.indexOf(QStringLiteral(" / "));
        QString event = slash >= 0 ? label.left(slash) : label;
        const QString action = slash >= 0 ? label.mid(slash + 3) : QString();
        const int paren = event.indexOf(QStringLiteral(" ("));
        if (action.isEmpty() && paren < 0 && label.contains(QStringLiteral("RST"))) {
            resets << label; // "rcv RST", "snd RST": joined on one line below
            continue;
        }
        QString remark;
        if (paren >= 0) {
            remark = event.mid(paren + 1);
            event = event.left(paren);
        }
        lines.push_back({LabelLine::Text, event});
        if (!remark.isEmpty()) lines.push_back({LabelLine::Remark, remark});
        if (!action.isEmpty()) {
            lines.push_back({LabelLine::Rule, {}});
            lines.push_back({LabelLine::Text, action});
        }
    }
    if (!resets.isEmpty()) lines.push_back({LabelLine::Text, resets.join(QStringLiteral(", "))});
    return lines;
}

QPainterPath roundedPolyline(const std::vector<QPointF>& pts, qreal radius) {
    QPainterPath path(pts.front());
    for (size_t i = 1; i + 1 < pts.size(); ++i) {
        const QPointF a = pts[i - 1], b = pts[i], c = pts[i + 1];
        const QPointF in = b - a, out = c - b;
        const qreal lin = std::hypot(in.x(), in.y()), lout = std::hypot(out.x(), out.y());
        const qreal r = std::min({radius, lin / 2, lout / 2});
        path.lineTo(b - in / lin * r);
        path.quadTo(b, b + out / lout * r);
    }
    path.lineTo(pts.back());
    return path;
}

QPolygonF arrowHead(QPointF tip, QPointF from, qreal size) {
    QPointF d = tip - from;
    const qreal len = std::hypot(d.x(), d.y());
    if (len <= 0) return {};
    d /= len;
    const QPointF n(-d.y(), d.x());
    return QPolygonF{{tip, tip - d * size + n * size * 0.42, tip - d * size - n * size * 0.42}};
}

// An edge's line: rounded corners for a polyline, or the Bezier segments as given.
QPainterPath edgeShape(const GraphEdgeSpec& spec) {
    if (spec.shape == GraphEdgeSpec::Shape::Polyline) return roundedPolyline(spec.points, 14);
    QPainterPath path(spec.points.front());
    for (size_t p = 1; p + 2 < spec.points.size(); p += 3)
        path.cubicTo(spec.points[p], spec.points[p + 1], spec.points[p + 2]);
    return path;
}

// A label block's rectangle: its size from its lines, placed at the spec's anchor.
QRectF labelRectOf(const std::vector<LabelLine>& lines, const GraphEdgeSpec& spec,
                   const QFontMetricsF& lfm, const QFontMetricsF& rfm) {
    qreal w = 0, h = 0;
    for (const LabelLine& l : lines) {
        if (l.kind == LabelLine::Rule) {
            h += 5;
            continue;
        }
        const QFontMetricsF& fm = l.kind == LabelLine::Remark ? rfm : lfm;
        w = std::max(w, fm.horizontalAdvance(l.text));
        h += fm.height();
    }
    QRectF r(0, 0, w, h);
    const QPointF a = spec.labelAnchor;
    if (spec.labelAlign & Qt::AlignRight)
        r.moveRight(a.x());
    else if (spec.labelAlign & Qt::AlignHCenter)
        r.moveLeft(a.x() - w / 2);
    else
        r.moveLeft(a.x());
    if (spec.labelAlign & Qt::AlignBottom)
        r.moveBottom(a.y());
    else if (spec.labelAlign & Qt::AlignVCenter)
        r.moveTop(a.y() - h / 2);
    else
        r.moveTop(a.y());
    return r;
}

// Rules span the wider of the lines around them, as in RFC 793.
qreal ruleWidth(const std::vector<LabelLine>& lines, size_t l, const QFontMetricsF& lfm,
                const QFontMetricsF& rfm) {
    qreal w = 0;
    if (l > 0) w = std::max(w, lfm.horizontalAdvance(lines[l - 1].text));
    if (l + 1 < lines.size()) w = std::max(w, lfm.horizontalAdvance(lines[l + 1].text));
    if (l > 1 && lines[l - 1].kind == LabelLine::Remark)
        w = std::max(w, rfm.horizontalAdvance(lines[l - 1].text));
    return w;
}

// Where a group of step badges goes on an edge: the point of `path` at `at`, or the nearest
// point along it (then beside it, `across` off the line) where `coverAt` says they cover
// nothing; else the least covered of those.
QPointF clearSpot(const QPainterPath& path, qreal at, qreal across,
                  const std::function<qreal(QPointF)>& coverAt) {
    qreal bestCover = -1;
    QPointF best = path.pointAtPercent(std::clamp(at, 0.0, 1.0));
    for (const qreal side : {0.0, 1.0, -1.0}) {
        for (const qreal dt : {0.0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.4, -0.4}) {
            const qreal t = at + dt;
            if (t < 0.08 || t > 0.92) continue;
            const qreal angle = path.angleAtPercent(t) * M_PI / 180; // counter-clockwise
            const QPointF normal(-std::sin(angle), -std::cos(angle));
            const QPointF c = path.pointAtPercent(t) + normal * (side * across);
            const qreal covered = coverAt(c);
            if (bestCover < 0 || covered < bestCover) {
                bestCover = covered;
                best = c;
            }
            if (covered == 0) return best;
        }
    }
    return best;
}

// Near a point: the point itself, else the first of eight spots `step` and then twice `step`
// around it where `coverAt` says the badges cover nothing; else the least covered.
QPointF clearSpotNear(QPointF at, qreal step, const std::function<qreal(QPointF)>& coverAt) {
    qreal bestCover = coverAt(at);
    QPointF best = at;
    for (const qreal r : {step, 2 * step}) {
        for (const QPointF d : {QPointF(0, 1), QPointF(0, -1), QPointF(-1, 0), QPointF(1, 0),
                                QPointF(-1, 1), QPointF(1, 1), QPointF(-1, -1), QPointF(1, -1)}) {
            if (bestCover == 0) return best;
            const QPointF c = at + d * r;
            const qreal covered = coverAt(c);
            if (covered < bestCover) {
                bestCover = covered;
                best = c;
            }
        }
    }
    return best;
}

void strokeArrow(QPainter& p, const QPainterPath& path, const QPolygonF& arrow, QColor color,
                 qreal width, bool dashed) {
    QPen pen(color, width, dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin);
    if (dashed) pen.setDashPattern({5, 4});
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(arrow);
}

} // namespace

// Everything painted, in design units.
struct StateGraphView::Scene {
    struct Edge {
        QPainterPath path;
        QPolygonF arrow;
        std::vector<LabelLine> lines;
        QRectF labelRect;
        std::vector<size_t> transitions; // indices into tcpTransitions()
        bool used[2] = {false, false};
        bool current = false; // taken on the selected frame
    };
    struct Badge {
        size_t use = 0; // index into m_uses
        QRectF rect;
        QString text;
    };
    QFont stateFont, subFont, chipFont, labelFont, remarkFont, badgeFont, legendFont, titleFont;
    qreal lineWidth = 1.4;
    qreal usedWidth = 3.2;
    std::vector<Edge> edges;
    std::vector<Badge> badges;
    std::vector<bool> visited[2];
    int marker[2] = {-1, -1};
    bool connection = false; // a connection is shown: unused parts fade
    QRectF interest;         // the markers and the selected frame's steps (focused view)
    // The same by endpoint, the most telling first (placeInterest()): a close-up too small for
    // both shows the first whole rather than the empty middle between them.
    std::vector<QRectF> focus;
    qreal smallestPx = 1; // the smallest font of the figure, in design units
};

struct StateGraphView::Colors {
    QColor background, boxFill, boxBorder, text, edge, label;
    QColor fadedBorder, fadedText, fadedEdge, fadedLabel;
    QColor endpoint[2]; // client, server
    QColor tint[2];
};

StateGraphView::Colors StateGraphView::colors(bool dark, bool presentation) {
    Colors c;
    if (dark) {
        c.background = QColor(0x1e, 0x1f, 0x22);
        c.boxFill = QColor(0x2b, 0x2d, 0x31);
        c.boxBorder = QColor(0xd8, 0xd8, 0xd8);
        c.text = QColor(0xf0, 0xf0, 0xf0);
        c.edge = QColor(0xc8, 0xc8, 0xc8);
        c.label = QColor(0xe6, 0xe6, 0xe6);
        c.fadedBorder = presentation ? QColor(0x90, 0x90, 0x90) : QColor(0x6a, 0x6a, 0x6a);
        c.fadedText = presentation ? QColor(0xc0, 0xc0, 0xc0) : QColor(0x9a, 0x9a, 0x9a);
        c.fadedEdge = presentation ? QColor(0x80, 0x80, 0x80) : QColor(0x55, 0x57, 0x5b);
        c.fadedLabel = presentation ? QColor(0xb0, 0xb0, 0xb0) : QColor(0x84, 0x84, 0x84);
        c.endpoint[0] = QColor(0x56, 0xb4, 0xe9); // Okabe-Ito sky blue
        c.endpoint[1] = QColor(0xf0, 0xa0, 0x20); // Okabe-Ito orange
        c.tint[0] = QColor(0x56, 0xb4, 0xe9, 70);
        c.tint[1] = QColor(0xf0, 0xa0, 0x20, 70);
    } else {
        c.background = Qt::white;
        c.boxFill = QColor(0xf7, 0xf7, 0xf5);
        c.boxBorder = QColor(0x22, 0x22, 0x22);
        c.text = QColor(0x11, 0x11, 0x11);
        c.edge = QColor(0x33, 0x33, 0x33);
        c.label = QColor(0x22, 0x22, 0x22);
        c.fadedBorder = presentation ? QColor(0x80, 0x80, 0x80) : QColor(0xa8, 0xa8, 0xa8);
        c.fadedText = presentation ? QColor(0x44, 0x44, 0x44) : QColor(0x70, 0x70, 0x70);
        c.fadedEdge = presentation ? QColor(0x9a, 0x9a, 0x9a) : QColor(0xc4, 0xc4, 0xc4);
        c.fadedLabel = presentation ? QColor(0x55, 0x55, 0x55) : QColor(0x8c, 0x8c, 0x8c);
        c.endpoint[0] = QColor(0x00, 0x64, 0xb0); // Okabe-Ito blue, a bit darker
        c.endpoint[1] = QColor(0xc8, 0x50, 0x00); // Okabe-Ito vermillion, a bit darker
        c.tint[0] = QColor(0x00, 0x72, 0xb2, 38);
        c.tint[1] = QColor(0xd5, 0x5e, 0x00, 38);
    }
    return c;
}

StateGraphView::StateGraphView(QWidget* parent) : QWidget(parent) {
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);
    rebuild();
}

StateGraphView::~StateGraphView() = default;

void StateGraphView::setDocument(DocumentPtr document) {
    m_document = std::move(document);
    m_tracker = m_document ? &m_document->tracker() : nullptr;
    m_stream.reset();
    if (m_tracker && !m_tracker->connections().empty()) m_stream = 0;
    m_frame.reset();
    rebuild();
}

void StateGraphView::setStream(uint32_t stream) {
    m_stream = stream;
    m_frame.reset();
    rebuild();
}

void StateGraphView::setTracker(const ConnectionTracker* tracker, uint32_t stream) {
    m_document.reset();
    m_tracker = tracker;
    m_stream = stream;
    m_frame.reset();
    rebuild();
}

void StateGraphView::setDarkColors(bool dark) {
    m_dark = dark;
    update();
}

void StateGraphView::setPresentation(bool on) {
    m_presentation = on;
    rebuildScene();
}

void StateGraphView::setTextScale(double scale) {
    scale = std::clamp(scale, 0.5, 3.0);
    if (std::abs(scale - m_textScale) < 1e-9) return;
    m_textScale = scale;
    rebuildScene();
}

double StateGraphView::aspectRatio() const {
    const QSizeF canvas = stateGraphLayout().canvas;
    return canvas.width() / canvas.height();
}

void StateGraphView::setStepLimit(std::optional<size_t> n) {
    m_stepLimit = n;
    rebuild();
}

void StateGraphView::selectFrame(uint64_t frame) {
    m_frame = frame;
    rebuildScene();
}

void StateGraphView::clearSelection() {
    m_frame.reset();
    rebuildScene();
}

void StateGraphView::rebuild() {
    m_ladder.clear();
    m_uses.clear();
    m_initial[0] = m_initial[1] = TcpState::Unknown;
    m_endpointText[0].clear();
    m_endpointText[1].clear();
    const TcpConnection* conn = nullptr;
    if (m_tracker && m_stream && *m_stream < m_tracker->connections().size())
        conn = &m_tracker->connections()[*m_stream];
    if (conn) {
        m_ladder = m_tracker->ladder(*m_stream);
        m_initial[0] = conn->client.initialState;
        m_initial[1] = conn->server.initialState;
        auto text = [](const TcpEndpointSummary& e) {
            const QString a = QString::fromStdString(e.address.toString());
            return e.address.family == 6 ? QStringLiteral("[%1]:%2").arg(a).arg(e.port)
                                         : QStringLiteral("%1:%2").arg(a).arg(e.port);
        };
        m_endpointText[0] = text(conn->client);
        m_endpointText[1] = text(conn->server);
    }
    m_counted = m_stepLimit ? std::min(*m_stepLimit, m_ladder.size()) : m_ladder.size();
    const auto table = tcpTransitions();
    for (int side = 0; side < 2; ++side) {
        int order = 0;
        for (size_t i = 0; i < m_counted; ++i) {
            const EndpointStep& s = side == 0 ? m_ladder[i].client : m_ladder[i].server;
            if (s.before == s.after && s.event == TcpEvent::None) continue;
            Use u;
            u.use = GraphEdgeUse{s.before,  s.after, s.event,
                                 side == 0, ++order, m_ladder[i].frameNumber};
            u.step = i;
            for (size_t t = 0; t < table.size(); ++t)
                if (table[t].from == s.before && table[t].to == s.after &&
                    table[t].event == s.event) {
                    u.edge = edgeOfTransition(t);
                    break;
                }
            if (u.edge < 0) u.edge = edgeBetween(s.before, s.after);
            m_uses.push_back(u);
        }
    }
    rebuildScene();
}

void StateGraphView::rebuildScene() {
    auto scene = std::make_unique<Scene>();
    setSceneStyle(*scene);
    scene->connection = m_stream && m_tracker && *m_stream < m_tracker->connections().size();
    placeEdges(*scene);
    placeSteps(*scene);
    for (int side = 0; side < 2; ++side) scene->marker[side] = markerNode(side == 0);
    placeInterest(*scene);
    m_scene = std::move(scene);
    update();
}

// What a focused view centres on: per endpoint, the box of the state it is in now (outlined)
// with its step badges of the selected frame; the endpoint that moved first, between equals the
// selected packet's sender; and the smallest font the figure draws.
void StateGraphView::placeInterest(Scene& scene) const {
    const StateGraphLayout& layout = stateGraphLayout();
    QRectF side[2]; // 0 client, 1 server
    bool moved[2] = {false, false};
    for (int e = 0; e < 2; ++e)
        if (scene.marker[e] >= 0) side[e] = layout.nodes[size_t(scene.marker[e])].rect;
    for (const Scene::Badge& b : scene.badges) {
        const GraphEdgeUse& u = m_uses[b.use].use;
        if (!m_frame || u.frame != *m_frame) continue;
        const int e = u.client ? 0 : 1;
        side[e] |= b.rect;
        moved[e] = true;
    }
    int sender = 0;
    for (const LadderEvent& e : m_ladder)
        if (m_frame && e.frameNumber == *m_frame) sender = e.from == EndpointRole::Client ? 0 : 1;
    const int first = moved[0] == moved[1] ? sender : moved[1] ? 1 : 0;
    scene.focus.clear();
    for (const int e : {first, 1 - first})
        if (!side[e].isEmpty()) scene.focus.push_back(side[e]);
    scene.interest = side[0] | side[1];
    qreal px = 1e9;
    for (const QFont* f : {&scene.stateFont, &scene.subFont, &scene.chipFont, &scene.labelFont,
                           &scene.remarkFont, &scene.badgeFont, &scene.titleFont})
        px = std::min(px, qreal(f->pixelSize()));
    scene.smallestPx = px;
}

// Fonts and line widths, larger in presentation.
void StateGraphView::setSceneStyle(Scene& scene) const {
    const StateGraphLayout& layout = stateGraphLayout();
    const qreal k = (m_presentation ? 1.15 : 1.0) * m_textScale;
    // In presentation chips and badges are as large as the edge labels.
    const auto small = [&](qreal px) { return (m_presentation ? std::max(px, 13.0) : px) * k; };
    // State names as large as the boxes allow (SYN-RECEIVED is the widest).
    qreal statePx = 16.5 * k;
    while (
        statePx > 10 &&
        QFontMetricsF(pixelFont(statePx, true)).horizontalAdvance(QStringLiteral("SYN-RECEIVED")) >
            layout.nodes[size_t(primaryNode(TcpState::SynReceived))].rect.width() - 14)
        statePx -= 0.5;
    scene.stateFont = pixelFont(statePx, true);
    scene.subFont = pixelFont(small(12.5), false, true);
    scene.chipFont = pixelFont(small(11), true);
    scene.labelFont = pixelFont(13 * k);
    scene.remarkFont = pixelFont(12 * k, false, true);
    scene.badgeFont = pixelFont(small(11.5), true);
    scene.legendFont = legendFontFor(13 * k);
    scene.titleFont = pixelFont(16 * k, true);
    scene.lineWidth = m_presentation ? 2.2 : 1.4;
    scene.usedWidth = m_presentation ? 4.5 : 3.2;
}

// The legend's font: as large as asked, but small enough that the sockets end inside the
// figure (long IPv6 sockets at a large font ran past the right edge).
QFont StateGraphView::legendFontFor(qreal px) const {
    const StateGraphLayout& layout = stateGraphLayout();
    const qreal room = layout.canvas.width() - layout.legend.left() - 22 - 4;
    // The sockets (the explanations wrap).
    const QStringList lines = {QStringLiteral("%1  %2").arg(tr("client"), m_endpointText[0]),
                               QStringLiteral("%1  %2").arg(tr("server"), m_endpointText[1])};
    QFont f = pixelFont(px);
    const auto widest = [&] {
        const QFontMetricsF fm(f);
        qreal w = 0;
        for (const QString& line : lines) w = std::max(w, fm.horizontalAdvance(line));
        return w;
    };
    while (f.pixelSize() > 9 && widest() > room) f = pixelFont(f.pixelSize() - 1);
    return f;
}

// Edges: geometry, the transitions each one draws, and their labels.
void StateGraphView::placeEdges(Scene& scene) const {
    const StateGraphLayout& layout = stateGraphLayout();
    const auto table = tcpTransitions();
    scene.edges.resize(layout.edges.size());
    for (size_t t = 0; t < table.size(); ++t) {
        const int e = edgeOfTransition(t);
        if (e >= 0) scene.edges[size_t(e)].transitions.push_back(t);
    }
    const QFontMetricsF lfm(scene.labelFont), rfm(scene.remarkFont);
    for (size_t i = 0; i < layout.edges.size(); ++i) {
        const GraphEdgeSpec& spec = layout.edges[i];
        Scene::Edge& e = scene.edges[i];
        e.path = edgeShape(spec);
        const size_t n = spec.points.size();
        e.arrow = arrowHead(spec.points[n - 1], spec.points[n - 2], m_presentation ? 14 : 11);
        std::vector<std::string_view> labels;
        for (size_t t : e.transitions)
            if (std::find(labels.begin(), labels.end(), table[t].label()) == labels.end())
                labels.push_back(table[t].label());
        e.lines = labelLines(labels);
        e.labelRect = labelRectOf(e.lines, spec, lfm, rfm);
    }
}

// Steps: which edges are used, the visited states, and the badges.
void StateGraphView::placeSteps(Scene& scene) const {
    const StateGraphLayout& layout = stateGraphLayout();
    for (auto& v : scene.visited) v.assign(layout.nodes.size(), false);
    if (scene.connection) {
        for (int side = 0; side < 2; ++side) {
            const int start = primaryNode(m_initial[side]);
            if (start >= 0) scene.visited[side][size_t(start)] = true;
        }
    }
    for (size_t i = 0; i < layout.edges.size(); ++i) placeEdgeSteps(scene, i);
}

// The steps on one edge: mark it used, its end visited, and line up a badge per step (side by
// side, or stacked) centred on the edge's badge point.
void StateGraphView::placeEdgeSteps(Scene& scene, size_t edge) const {
    std::vector<size_t> onEdge;
    for (size_t u = 0; u < m_uses.size(); ++u)
        if (m_uses[u].edge == int(edge)) onEdge.push_back(u);
    if (onEdge.empty()) return;
    const QFontMetricsF bfm(scene.badgeFont);
    const qreal badgeH = std::ceil(bfm.height()) + 3;
    Scene::Edge& e = scene.edges[edge];
    const GraphEdgeSpec& spec = stateGraphLayout().edges[edge];
    std::vector<Scene::Badge> badges;
    qreal total = 0;
    for (size_t u : onEdge) {
        const GraphEdgeUse& use = m_uses[u].use;
        const int side = use.client ? 0 : 1;
        e.used[side] = true;
        scene.visited[side][size_t(spec.to)] = true;
        if (m_frame && use.frame == *m_frame) e.current = true;
        Scene::Badge b;
        b.use = u;
        b.text = QStringLiteral("%1: #%2").arg(use.order).arg(use.frame);
        b.rect = QRectF(0, 0, std::ceil(bfm.horizontalAdvance(b.text)) + 9, badgeH);
        total += spec.badgesVertical ? b.rect.height() : b.rect.width();
        badges.push_back(b);
    }
    const qreal gap = 3;
    total += gap * qreal(badges.size() - 1);
    const auto lineUp = [&](QPointF c) {
        qreal pos = -total / 2;
        for (Scene::Badge& b : badges) {
            if (spec.badgesVertical) {
                b.rect.moveTopLeft(QPointF(c.x() - b.rect.width() / 2, c.y() + pos));
                pos += b.rect.height() + gap;
            } else {
                b.rect.moveTopLeft(QPointF(c.x() + pos, c.y() - b.rect.height() / 2));
                pos += b.rect.width() + gap;
            }
        }
    };
    // How much of the badges' area (with a margin) lies on labels, boxes or earlier badges.
    const auto cover = [&] {
        const auto overlap = [](const QRectF& a, const QRectF& b) {
            const QRectF i = a.intersected(b);
            return i.isEmpty() ? 0.0 : i.width() * i.height();
        };
        qreal area = 0;
        for (const Scene::Badge& b : badges) {
            const QRectF r = b.rect.adjusted(-6, -6, 6, 6);
            for (const Scene::Edge& other : scene.edges) area += overlap(r, other.labelRect);
            for (const GraphNodeSpec& n : stateGraphLayout().nodes) area += overlap(r, n.rect);
            for (const Scene::Badge& placed : scene.badges) area += overlap(r, placed.rect);
        }
        return area;
    };
    const auto coverAt = [&](QPointF c) {
        lineUp(c);
        return cover();
    };
    if (spec.badgeAnchor.x() >= 0) {
        // A spot chosen by hand beside a reset stub, or near it where the badges cover nothing
        // (the label grows with the font).
        lineUp(clearSpotNear(spec.badgeAnchor, total / 2 + badgeH, coverAt));
    } else {
        // On the path at badgeAt, or as near to it as the badges cover no label, box or
        // earlier badge (they sat on labels, or touched them, at a projector's font).
        qreal across = badgeH / 2 + 6;
        if (spec.badgesVertical)
            for (const Scene::Badge& b : badges) across = std::max(across, b.rect.width() / 2 + 6);
        lineUp(clearSpot(e.path, spec.badgeAt, across, coverAt));
    }
    for (const Scene::Badge& b : badges) scene.badges.push_back(b);
}

int StateGraphView::markerNode(bool client) const {
    if (!m_stream || !m_tracker || *m_stream >= m_tracker->connections().size()) return -1;
    const Use* last = nullptr;
    for (const Use& u : m_uses)
        if (u.use.client == client && (!m_frame || u.use.frame <= *m_frame)) last = &u;
    if (!last) return primaryNode(m_initial[client ? 0 : 1]);
    if (last->edge >= 0) return stateGraphLayout().edges[size_t(last->edge)].to;
    return primaryNode(last->use.to);
}

TcpState StateGraphView::currentState(bool client) const {
    TcpState s = m_initial[client ? 0 : 1];
    for (size_t i = 0; i < m_counted; ++i) {
        if (m_frame && m_ladder[i].frameNumber > *m_frame) break;
        s = client ? m_ladder[i].client.after : m_ladder[i].server.after;
    }
    return s;
}

std::vector<GraphEdgeUse> StateGraphView::path() const {
    std::vector<GraphEdgeUse> out;
    out.reserve(m_uses.size());
    for (const Use& u : m_uses) out.push_back(u.use);
    return out;
}

std::vector<GraphEdgeUse> StateGraphView::currentSteps() const {
    std::vector<GraphEdgeUse> out;
    if (!m_frame) return out;
    for (const Use& u : m_uses)
        if (u.use.frame == *m_frame) out.push_back(u.use);
    return out;
}

QTransform StateGraphView::toTarget(const QRectF& target) const {
    const QSizeF canvas = stateGraphLayout().canvas;
    const qreal s = std::min(target.width() / canvas.width(), target.height() / canvas.height());
    QTransform t;
    t.translate(target.left() + (target.width() - canvas.width() * s) / 2,
                target.top() + (target.height() - canvas.height() * s) / 2);
    t.scale(s, s);
    return t;
}

// The whole figure scaled into the widget; or, when that would draw text under the minimum
// size, the part around the current step at that size (the markers and the selected frame's
// arrows, labels and badges in the middle, the view kept inside the figure).
QTransform StateGraphView::toWidget() const {
    const QSizeF canvas = stateGraphLayout().canvas;
    const QRectF target(rect());
    const qreal fit = std::min(target.width() / canvas.width(), target.height() / canvas.height());
    const qreal need = m_minTextPx > 0 && m_scene ? m_minTextPx / m_scene->smallestPx : 0;
    if (fit >= need || !m_scene || m_scene->interest.isEmpty()) return toTarget(target);
    // Below the close-up's own legend (paintFocusLegend), which would hide what is under it.
    const qreal band = focusBand();
    const QSizeF seen = QSizeF(target.width(), std::max(1.0, target.height() - band)) / need;
    // The whole interest if it fits; else as much of it as fits, the most telling part first.
    const auto fits = [&seen](const QRectF& r) {
        return r.width() <= seen.width() && r.height() <= seen.height();
    };
    const auto place = [](qreal centre, qreal len, qreal whole) {
        return len >= whole ? (whole - len) / 2 : std::clamp(centre - len / 2, 0.0, whole - len);
    };
    const auto viewAround = [&](const QPointF& c) {
        return QRectF(QPointF(place(c.x(), seen.width(), canvas.width()),
                              place(c.y(), seen.height(), canvas.height())),
                      seen);
    };
    // Centred on the whole interest while each endpoint's part stays at least half in view
    // (both states seen, perhaps cut at the edges); else the most telling part whole.
    QRectF shown = m_scene->interest;
    if (!fits(shown) && !m_scene->focus.empty()) {
        const QRectF around = viewAround(shown.center());
        bool eachHalfSeen = true;
        for (const QRectF& f : m_scene->focus) {
            const QRectF in = around & f;
            eachHalfSeen = eachHalfSeen && in.width() * in.height() >= 0.5 * f.width() * f.height();
        }
        if (!eachHalfSeen) {
            shown = m_scene->focus.front();
            for (size_t i = 1; i < m_scene->focus.size(); ++i)
                if (fits(shown | m_scene->focus[i])) shown |= m_scene->focus[i];
        }
    }
    const QPointF c = shown.center();
    QTransform t;
    t.translate(0, band);
    t.scale(need, need);
    t.translate(-place(c.x(), seen.width(), canvas.width()),
                -place(c.y(), seen.height(), canvas.height()));
    return t;
}

// The band at the top that a close-up leaves to its legend (paintFocusLegend).
qreal StateGraphView::focusBand() const {
    return m_scene && m_scene->connection
               ? 2 * (QFontMetricsF(pixelFont(m_minTextPx)).height() + 2) + 14
               : 0;
}

bool StateGraphView::focused() const {
    const QSizeF canvas = stateGraphLayout().canvas;
    const qreal fit = std::min(width() / canvas.width(), height() / canvas.height());
    return m_minTextPx > 0 && m_scene && fit < m_minTextPx / m_scene->smallestPx &&
           !m_scene->interest.isEmpty();
}

void StateGraphView::setMinimumTextPx(double px) {
    if (std::abs(px - m_minTextPx) < 1e-9) return;
    m_minTextPx = px;
    update();
}

int StateGraphView::heightForWidth(int width) const {
    const QSizeF canvas = stateGraphLayout().canvas;
    return int(std::ceil(width * canvas.height() / canvas.width()));
}

QRectF StateGraphView::stateRect(TcpState state) const {
    const int n = primaryNode(state);
    if (n < 0) return {};
    return toWidget().mapRect(stateGraphLayout().nodes[size_t(n)].rect);
}

QRectF StateGraphView::markerRect(bool client) const {
    const int n = m_scene ? m_scene->marker[client ? 0 : 1] : -1;
    if (n < 0) return {};
    return toWidget().mapRect(stateGraphLayout().nodes[size_t(n)].rect);
}

QRectF StateGraphView::badgeRect(bool client, int order) const {
    for (const Scene::Badge& b : m_scene->badges) {
        const GraphEdgeUse& u = m_uses[b.use].use;
        if (u.client == client && u.order == order) return toWidget().mapRect(b.rect);
    }
    return {};
}

QPainterPath StateGraphView::edgePath(size_t transition) const {
    const int e = edgeOfTransition(transition);
    if (e < 0) return {};
    return toWidget().map(m_scene->edges[size_t(e)].path);
}

QRectF StateGraphView::edgeLabelRect(size_t transition) const {
    const int e = edgeOfTransition(transition);
    if (e < 0) return {};
    return toWidget().mapRect(m_scene->edges[size_t(e)].labelRect);
}

void StateGraphView::paintScene(QPainter& p, bool legend) const {
    const Colors c = colors(m_dark, m_presentation);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.fillRect(QRectF(QPointF(0, 0), stateGraphLayout().canvas), c.background);
    paintEdges(p, c);
    for (size_t i = 0; i < stateGraphLayout().nodes.size(); ++i) paintState(p, c, i);
    paintMarkers(p, c);
    for (size_t i = 0; i < m_scene->edges.size(); ++i) paintEdgeLabel(p, c, i);
    paintBadges(p, c);
    paintTitle(p, c);
    if (legend) paintLegend(p, c);
}

// Edges: unused ones first (faded when a connection is shown), then the used ones on top.
void StateGraphView::paintEdges(QPainter& p, const Colors& c) const {
    const StateGraphLayout& layout = stateGraphLayout();
    const Scene& sc = *m_scene;
    for (size_t i = 0; i < sc.edges.size(); ++i) {
        const Scene::Edge& e = sc.edges[i];
        if (e.used[0] || e.used[1]) continue;
        strokeArrow(p, e.path, e.arrow, sc.connection ? c.fadedEdge : c.edge, sc.lineWidth,
                    layout.edges[i].dashed);
    }
    for (const Scene::Edge& e : sc.edges) {
        if (!e.used[0] && !e.used[1]) continue;
        if (e.current) {
            QColor glow = e.used[0] ? c.endpoint[0] : c.endpoint[1];
            glow.setAlpha(m_dark ? 110 : 80);
            QPen pen(glow, sc.usedWidth * 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawPath(e.path);
        }
        const qreal w = e.current ? sc.usedWidth * 1.35 : sc.usedWidth;
        if (e.used[0] && e.used[1]) {
            // Both endpoints took it: a client-coloured casing around a server-coloured core.
            strokeArrow(p, e.path, e.arrow, c.endpoint[0], w * 1.9, false);
            strokeArrow(p, e.path, e.arrow, c.endpoint[1], w * 0.8, false);
        } else {
            strokeArrow(p, e.path, e.arrow, c.endpoint[e.used[0] ? 0 : 1], w, false);
        }
    }
}

// A state's box: tinted in the colour of each endpoint that visited it (halves when both
// did), dashed for reset chips and the mid-stream guess, faded when no endpoint visited it.
void StateGraphView::paintState(QPainter& p, const Colors& c, size_t node) const {
    const Scene& sc = *m_scene;
    const GraphNodeSpec& n = stateGraphLayout().nodes[node];
    const bool visited = sc.visited[0][node] || sc.visited[1][node];
    const bool faded = sc.connection && !visited;
    const qreal radius = n.chip ? 5 : 9;
    QPainterPath shape;
    shape.addRoundedRect(n.rect, radius, radius);
    p.fillPath(shape, c.boxFill);
    if (visited) {
        p.save();
        p.setClipPath(shape, Qt::IntersectClip); // within the close-up's clip
        if (sc.visited[0][node] && sc.visited[1][node]) {
            QRectF left = n.rect, right = n.rect;
            left.setRight(n.rect.center().x());
            right.setLeft(n.rect.center().x());
            p.fillRect(left, c.tint[0]);
            p.fillRect(right, c.tint[1]);
        } else {
            p.fillRect(n.rect, c.tint[sc.visited[0][node] ? 0 : 1]);
        }
        p.restore();
    }
    QPen border(faded ? c.fadedBorder : c.boxBorder, n.chip ? 1.0 : sc.lineWidth * 1.1);
    if (n.chip || n.state == TcpState::Unknown) border.setStyle(Qt::DashLine);
    p.setPen(border);
    p.setBrush(Qt::NoBrush);
    p.drawPath(shape);
    p.setPen(faded ? c.fadedText : c.text);
    paintStateName(p, n);
}

// The state's name in its box (small in a chip), with the subtitle under it if it has one.
void StateGraphView::paintStateName(QPainter& p, const GraphNodeSpec& n) const {
    const Scene& sc = *m_scene;
    const QString name = qs(stateName(n.state));
    if (n.chip) {
        p.setFont(sc.chipFont);
        p.drawText(n.rect, Qt::AlignCenter, name);
        return;
    }
    // Under the RFC's name: the subtitle, or the name's translation where the box has room
    // ("ESTABLISHED" over "已建立连接").
    const QString sub = n.subtitle ? QCoreApplication::translate("StateGraphView", n.subtitle)
                                   : qs(stateMeaning(n.state));
    const QFontMetricsF sfm(sc.stateFont), subfm(sc.subFont);
    const qreal h = sfm.height() + subfm.height();
    if (!sub.isEmpty() && (n.subtitle || h <= n.rect.height() - 2)) {
        QRectF top(n.rect.left(), n.rect.center().y() - h / 2, n.rect.width(), sfm.height());
        p.setFont(sc.stateFont);
        p.drawText(top, Qt::AlignCenter, name);
        p.setFont(sc.subFont);
        p.drawText(QRectF(n.rect.left(), top.bottom(), n.rect.width(), subfm.height()),
                   Qt::AlignCenter, sub);
    } else {
        p.setFont(sc.stateFont);
        p.drawText(n.rect, Qt::AlignCenter, name);
    }
}

// Current-state outlines: client outside, server inside when both share a box.
void StateGraphView::paintMarkers(QPainter& p, const Colors& c) const {
    const Scene& sc = *m_scene;
    for (int side = 0; side < 2; ++side) {
        const int node = sc.marker[side];
        if (node < 0) continue;
        const GraphNodeSpec& n = stateGraphLayout().nodes[size_t(node)];
        const bool shared = sc.marker[0] == sc.marker[1];
        const qreal grow = side == 0 ? (shared ? 8.5 : 4.5) : 4.5;
        const qreal width = m_presentation ? 4.5 : 3.5;
        p.setPen(QPen(c.endpoint[side], width));
        p.setBrush(Qt::NoBrush);
        const QRectF r = n.rect.adjusted(-grow, -grow, grow, grow);
        p.drawRoundedRect(r, (n.chip ? 5 : 9) + grow, (n.chip ? 5 : 9) + grow);
    }
}

// An edge's label, over a halo of the background so that lines crossing it do not hide text:
// event over a rule over action, remarks in italics, bold on the selected frame's edge.
void StateGraphView::paintEdgeLabel(QPainter& p, const Colors& c, size_t edge) const {
    const Scene& sc = *m_scene;
    const Scene::Edge& e = sc.edges[edge];
    const QFontMetricsF lfm(sc.labelFont), rfm(sc.remarkFont);
    const bool used = e.used[0] || e.used[1];
    const bool faded = sc.connection && !used;
    QColor halo = c.background;
    halo.setAlpha(225);
    p.setPen(Qt::NoPen);
    p.setBrush(halo);
    p.drawRoundedRect(e.labelRect.adjusted(-2, -1, 2, 1), 3, 3);
    const QColor ink = faded ? c.fadedLabel : c.label;
    qreal y = e.labelRect.top();
    for (size_t l = 0; l < e.lines.size(); ++l) {
        const LabelLine& line = e.lines[l];
        if (line.kind == LabelLine::Rule) {
            const qreal w = ruleWidth(e.lines, l, lfm, rfm);
            const qreal cx = e.labelRect.center().x();
            p.setPen(QPen(ink, 0.9));
            p.drawLine(QPointF(cx - w / 2, y + 2.5), QPointF(cx + w / 2, y + 2.5));
            y += 5;
            continue;
        }
        const bool remark = line.kind == LabelLine::Remark;
        const QFontMetricsF& fm = remark ? rfm : lfm;
        QFont f = remark ? sc.remarkFont : sc.labelFont;
        if (used && !remark) f.setBold(e.current);
        p.setFont(f);
        p.setPen(ink);
        p.drawText(QRectF(e.labelRect.left() - 20, y, e.labelRect.width() + 40, fm.height()),
                   Qt::AlignHCenter | Qt::AlignVCenter, line.text);
        y += fm.height();
    }
}

// Step badges in the endpoint's colour; the selected frame's are ringed.
void StateGraphView::paintBadges(QPainter& p, const Colors& c) const {
    const Scene& sc = *m_scene;
    for (const Scene::Badge& b : sc.badges) {
        const GraphEdgeUse& u = m_uses[b.use].use;
        const int side = u.client ? 0 : 1;
        const bool current = m_frame && u.frame == *m_frame;
        if (current) {
            p.setPen(QPen(c.text, 2));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(b.rect.adjusted(-2.5, -2.5, 2.5, 2.5), 6, 6);
        }
        p.setPen(QPen(c.background, 1));
        p.setBrush(c.endpoint[side]);
        p.drawRoundedRect(b.rect, 4, 4);
        p.setFont(sc.badgeFont);
        p.setPen(m_dark ? QColor(0x10, 0x10, 0x10) : QColor(Qt::white));
        p.drawText(b.rect, Qt::AlignCenter, b.text);
    }
}

void StateGraphView::paintTitle(QPainter& p, const Colors& c) const {
    const QPointF title = stateGraphLayout().title;
    p.setFont(m_scene->titleFont);
    p.setPen(c.text);
    const QFontMetricsF tfm(m_scene->titleFont);
    p.drawText(QPointF(title.x(), title.y() + tfm.ascent()),
               tr("TCP connection states (RFC 9293)"));
}

// The legend: the stream, each endpoint's colour and socket, how to read badges and outlines,
// and the dashed edges.
void StateGraphView::paintLegend(QPainter& p, const Colors& c) const {
    const Scene& sc = *m_scene;
    const QRectF legend = stateGraphLayout().legend;
    const QFontMetricsF gfm(sc.legendFont);
    const qreal lh = gfm.height() + 3;
    qreal y = legend.top();
    const qreal x = legend.left();
    p.setFont(sc.legendFont);
    // Explanations wrap at the figure's edge (there is room below the legend); a socket does
    // not, legendFontFor() made it fit.
    const qreal right = stateGraphLayout().canvas.width() - 4;
    auto legendLine = [&](const QString& text, const QColor& ink) {
        p.setPen(ink);
        const QRectF box(x + 22, y, right - x - 22, 4 * lh);
        QRectF used;
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text, &used);
        y += std::max(lh, used.height() + 3);
    };
    if (sc.connection) {
        QFont bold = sc.legendFont;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(c.text);
        p.drawText(QPointF(x, y + gfm.ascent()), tr("tcp.stream %1").arg(*m_stream));
        y += lh;
        p.setFont(sc.legendFont);
        const QString who[2] = {tr("client"), tr("server")};
        for (int side = 0; side < 2; ++side) {
            const QRectF sw(x, y + lh / 2 - 5, 16, 10);
            p.setPen(Qt::NoPen);
            p.setBrush(c.endpoint[side]);
            p.drawRoundedRect(sw, 2, 2);
            legendLine(QStringLiteral("%1  %2").arg(who[side], m_endpointText[side]), c.text);
        }
        legendLine(tr("n: #f = step n, on frame f"), c.fadedText);
        // The outline shows the state after the last counted packet up to the selection.
        if (const std::optional<uint64_t> shown = outlinedFrame())
            legendLine(tr("outline: state after frame #%1").arg(*shown), c.fadedText);
        else
            legendLine(tr("outline: state before the first packet"), c.fadedText);
        if (m_stepLimit)
            legendLine(tr("first %1 of %2 packets").arg(m_counted).arg(m_ladder.size()),
                       c.fadedText);
    } else {
        legendLine(tr("no connection selected"), c.fadedText);
    }
    QPen dash(c.fadedText, 1.3, Qt::DashLine);
    dash.setDashPattern({4, 3});
    p.setPen(dash);
    p.drawLine(QPointF(x, y + lh / 2), QPointF(x + 16, y + lh / 2));
    legendLine(tr("dashed: reset, or mid-stream guess"), c.fadedText);
}

// The last counted packet up to the selection, whose states the outlines show.
std::optional<uint64_t> StateGraphView::outlinedFrame() const {
    std::optional<uint64_t> shown;
    for (size_t i = 0; i < m_counted; ++i) {
        if (m_frame && m_ladder[i].frameNumber > *m_frame) break;
        shown = m_ladder[i].frameNumber;
    }
    return shown;
}

void StateGraphView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const Colors c = colors(m_dark, m_presentation);
    p.fillRect(rect(), c.background);
    const bool focus = focused();
    // A close-up draws nothing in its legend's band: the part of the figure above the view
    // would show behind the legend there, edge labels cut in half.
    if (focus) p.setClipRect(QRectF(0, focusBand(), width(), height()));
    p.setTransform(toWidget());
    paintScene(p, !focus);
    if (focus) {
        p.resetTransform();
        p.setClipping(false);
        paintFocusLegend(p, c);
    }
}

// A focused view's legend, in the top left corner at the minimum text size: which colour is
// which endpoint (the figure's own legend is off to the side).
void StateGraphView::paintFocusLegend(QPainter& p, const Colors& c) const {
    if (!m_scene->connection) return;
    const QFont f = pixelFont(m_minTextPx);
    const QFontMetricsF fm(f);
    // With the sockets when they fit, else the roles alone.
    QString line[2];
    qreal w = 0;
    for (int pass = 0; pass < 2; ++pass) {
        w = 0;
        for (int side = 0; side < 2; ++side) {
            const QString who = side == 0 ? tr("client") : tr("server");
            line[side] = pass == 0 ? QStringLiteral("%1  %2").arg(who, m_endpointText[side]) : who;
            w = std::max(w, fm.horizontalAdvance(line[side]));
        }
        if (w + 48 <= width()) break;
    }
    const qreal lh = fm.height() + 2;
    p.setPen(QPen(c.fadedBorder, 1));
    p.setBrush(c.background);
    p.drawRoundedRect(QRectF(4, 4, w + 40, 2 * lh + 8), 4, 4);
    p.setFont(f);
    for (int side = 0; side < 2; ++side) {
        const qreal y = 8 + side * lh;
        p.setPen(Qt::NoPen);
        p.setBrush(c.endpoint[side]);
        p.drawRoundedRect(QRectF(10, y + lh / 2 - 6, 18, 12), 2, 2);
        p.setPen(c.text);
        p.drawText(QPointF(34, y + fm.ascent()), line[side]);
    }
}

void StateGraphView::render(QPainter* painter, const QRectF& target) {
    painter->save();
    painter->fillRect(target, colors(m_dark, m_presentation).background);
    painter->setTransform(toTarget(target), true);
    paintScene(*painter);
    painter->restore();
}

QImage StateGraphView::toImage(const QSize& size) {
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(colors(m_dark, m_presentation).background);
    QPainter p(&img);
    render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    p.end();
    return img;
}

QSizeF StateGraphView::exportSize() const {
    return stateGraphLayout().canvas;
}

QImage StateGraphView::exportImage(double scale) {
    scale = std::clamp(scale, 0.1, 8.0);
    const QSizeF canvas = exportSize();
    return toImage(
        QSize(int(std::ceil(canvas.width() * scale)), int(std::ceil(canvas.height() * scale))));
}

FigureExport StateGraphView::exportActions() {
    FigureExport f;
    f.what = tr("State Graph");
    f.baseName =
        m_stream ? QStringLiteral("states-stream%1").arg(*m_stream) : QStringLiteral("states");
    f.image = [this](double scale) { return exportImage(scale); };
    f.saveSvg = [this](const QString& path) { return saveSvg(path); };
    return f;
}

bool StateGraphView::saveSvg(const QString& path) {
    return writeSvg(path, stateGraphLayout().canvas, tr("TCP connection states (RFC 9293)"), {},
                    [this](QPainter& p) { paintScene(p); });
}

int StateGraphView::badgeAt(const QPointF& widgetPos) const {
    bool ok = false;
    const QPointF pos = toWidget().inverted(&ok).map(widgetPos);
    if (!ok) return -1;
    for (size_t i = m_scene->badges.size(); i-- > 0;)
        if (m_scene->badges[i].rect.adjusted(-2, -2, 2, 2).contains(pos))
            return int(m_scene->badges[i].use);
    return -1;
}

void StateGraphView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const int u = badgeAt(event->position());
        if (u >= 0) {
            emit frameActivated(m_uses[size_t(u)].use.frame);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void StateGraphView::mouseMoveEvent(QMouseEvent* event) {
    setCursor(badgeAt(event->position()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

QString StateGraphView::toolTipAt(const QPointF& widgetPos) const {
    const auto table = tcpTransitions();
    const int u = badgeAt(widgetPos);
    if (u >= 0) {
        const GraphEdgeUse& use = m_uses[size_t(u)].use;
        QString text = tr("%1 step %2, frame #%3: %4 → %5")
                           .arg(use.client ? tr("Client") : tr("Server"))
                           .arg(use.order)
                           .arg(use.frame)
                           .arg(QString::fromStdString(stateDisplayName(use.from)),
                                QString::fromStdString(stateDisplayName(use.to)));
        if (const TcpTransition* t = findTransition(use.from, use.event))
            text += QStringLiteral("\n%1\n%2").arg(qs(t->label()), qs(transitionExplanation(*t)));
        return text + tr("\nClick to select the frame.");
    }
    bool ok = false;
    const QPointF pos = toWidget().inverted(&ok).map(widgetPos);
    if (!ok) return {};
    for (const Scene::Edge& e : m_scene->edges) {
        if (!e.labelRect.adjusted(-3, -3, 3, 3).contains(pos)) continue;
        QStringList parts;
        for (size_t t : e.transitions)
            parts << QStringLiteral("%1 → %2, %3: %4")
                         .arg(QString::fromStdString(stateDisplayName(table[t].from)),
                              QString::fromStdString(stateDisplayName(table[t].to)),
                              qs(table[t].label()), qs(transitionExplanation(table[t])));
        return parts.join(QStringLiteral("\n\n"));
    }
    return {};
}

bool StateGraphView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void StateGraphView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    addExportActions(&menu, this, tr("State Graph"), false, [this] { return exportActions(); });
    menu.exec(event->globalPos());
}

} // namespace tcpscope::ui
