// SPDX-License-Identifier: GPL-2.0-or-later
// The coordinates of the state diagram, chosen by hand (see state_graph_layout.h). Columns as in
// RFC 793 Figure 6: the passive side and the active close on the left, the active open and the
// passive close on the right, the shared states in the middle; the mid-stream UNKNOWN node sits
// off to the right and reaches the left column through a dashed rail under the figure.
#include "views/state_graph_layout.h"

#include <Qt>

namespace tcpscope::ui {

namespace {

using S = TcpState;

// Node indices, so the edge table below reads like the figure.
enum N : int {
    Closed,
    Listen,
    SynRcvd,
    SynSent,
    Estab,
    FinWait1,
    CloseWait,
    FinWait2,
    Closing,
    LastAck,
    TimeWait,
    ClosedEnd,
    Unknown,
    RstSynRcvd,
    RstEstab,
    RstFinWait1,
    RstFinWait2,
    RstCloseWait,
    RstClosing,
};

constexpr qreal kW = 150, kH = 44;        // a state box
constexpr qreal kChipW = 72, kChipH = 22; // a reset chip
constexpr qreal kColL = 240, kColC = 530, kColR = 820;
constexpr qreal kRow[7] = {52, 165, 280, 395, 510, 625, 740};

QRectF box(qreal cx, qreal cy, qreal w = kW, qreal h = kH) {
    return {cx - w / 2, cy - h / 2, w, h};
}

using Sh = GraphEdgeSpec::Shape;
constexpr Sh P = Sh::Polyline, Z = Sh::Bezier;
constexpr int R = Qt::AlignRight, Lf = Qt::AlignLeft, HC = Qt::AlignHCenter;
constexpr int T = Qt::AlignTop, B = Qt::AlignBottom, VC = Qt::AlignVCenter;

void node(StateGraphLayout& l, S s, QRectF r, bool primary = true, bool chip = false,
          const char* sub = nullptr) {
    l.nodes.push_back(GraphNodeSpec{s, r, primary, chip, sub});
}

void edge(StateGraphLayout& l, int from, int to, Sh shape, std::vector<QPointF> pts, QPointF label,
          int align, qreal badgeAt = 0.5, bool vertical = false, bool dashed = false) {
    l.edges.push_back(
        GraphEdgeSpec{from, to, shape, std::move(pts), label, align, badgeAt, vertical, dashed});
}

// The last edge's badges go to `at` instead of onto its path.
void badgesAt(StateGraphLayout& l, QPointF at, bool vertical) {
    l.edges.back().badgeAnchor = at;
    l.edges.back().badgesVertical = vertical;
}

// The boxes, in the order of enum N.
void addNodes(StateGraphLayout& l) {
    node(l, S::Closed, box(kColC, kRow[0]));
    node(l, S::Listen, box(kColC, kRow[1]));
    node(l, S::SynReceived, box(kColL, kRow[2]));
    node(l, S::SynSent, box(kColR, kRow[2]));
    node(l, S::Established, box(kColC, kRow[3]));
    node(l, S::FinWait1, box(kColL, kRow[4]));
    node(l, S::CloseWait, box(kColR, kRow[4]));
    node(l, S::FinWait2, box(kColL, kRow[5]));
    node(l, S::Closing, box(kColC, kRow[5]));
    node(l, S::LastAck, box(kColR, kRow[5]));
    node(l, S::TimeWait, box(kColC, kRow[6]));
    node(l, S::Closed, box(kColR, kRow[6]), false);
    node(l, S::Unknown, box(1065, kRow[3], kW, 54), true, false,
         QT_TRANSLATE_NOOP("StateGraphView", "(mid-stream)"));
    node(l, S::Closed, box(98, 270, kChipW, kChipH), false, true);
    node(l, S::Closed, box(385, kRow[3], kChipW, kChipH), false, true);
    node(l, S::Closed, box(98, 524, kChipW, kChipH), false, true);
    node(l, S::Closed, box(98, kRow[5], kChipW, kChipH), false, true);
    node(l, S::Closed, box(962, 517, kChipW, kChipH), false, true);
    node(l, S::Closed, box(680, kRow[5], kChipW, kChipH), false, true);
}

// Opening (RFC 9293 3.5).
void addOpeningEdges(StateGraphLayout& l) {
    edge(l, Closed, Listen, P, {{495, 74}, {495, 143}}, {467, 108}, R | VC, 0.5, true);
    edge(l, Listen, Closed, P, {{565, 143}, {565, 74}}, {593, 108}, Lf | VC, 0.5, true);
    edge(l, Closed, Closed, Z, {{455, 42}, {395, 16}, {395, 88}, {455, 62}}, {374, 52}, R | VC);
    edge(l, Closed, SynSent, P, {{605, 44}, {880, 44}, {880, 258}}, {742, 32}, HC | B, 0.3);
    edge(l, SynSent, Closed, P, {{820, 258}, {820, 62}, {605, 62}}, {792, 140}, R | VC, 0.3, true);
    edge(l, Listen, SynSent, P, {{600, 187}, {745, 268}}, {700, 208}, Lf | B, 0.45);
    edge(l, Listen, SynRcvd, P, {{460, 187}, {315, 268}}, {368, 212}, R | B, 0.55);
    edge(l, SynRcvd, Listen, P, {{270, 258}, {270, 165}, {455, 165}}, {372, 152}, HC | B, 0.7);
    edge(l, SynSent, SynRcvd, P, {{745, 292}, {315, 292}}, {530, 304}, HC | T, 0.5);
    edge(l, SynRcvd, Estab, P, {{315, 298}, {470, 373}}, {300, 350}, Lf | T, 0.45);
    edge(l, SynSent, Estab, P, {{760, 302}, {590, 373}}, {702, 352}, Lf | T, 0.45);
}

// Mid-stream starts: UNKNOWN to the right, a rail under the figure to the left column.
void addMidStreamEdges(StateGraphLayout& l) {
    edge(l, Unknown, SynSent, Z, {{1030, 368}, {1030, 300}, {960, 280}, {895, 280}}, {1040, 326},
         Lf | B, 0.6, false, true);
    edge(l, Unknown, Estab, P, {{990, 395}, {605, 395}}, {982, 384}, R | B, 0.5, false, true);
    edge(l, Unknown, CloseWait, Z, {{1030, 422}, {1030, 460}, {880, 440}, {880, 488}}, {1040, 448},
         Lf | T, 0.5, false, true);
    edge(l, Unknown, ClosedEnd, P, {{1120, 422}, {1120, 748}, {895, 748}}, {1102, 640}, R | VC, 0.5,
         true, true);
    edge(l, Unknown, SynRcvd, P,
         {{1140, 410}, {1165, 410}, {1165, 790}, {20, 790}, {20, 292}, {165, 292}}, {28, 300},
         Lf | T, 0.985, false, true);
    edge(l, Unknown, FinWait1, P,
         {{1140, 410}, {1165, 410}, {1165, 790}, {20, 790}, {20, 500}, {165, 500}}, {28, 494},
         Lf | B, 0.985, false, true);
}

// Closing (RFC 9293 3.6), including the closes straight from SYN-RECEIVED.
void addClosingEdges(StateGraphLayout& l) {
    // Handshake leftovers: a close before the handshake completed.
    edge(l, SynRcvd, FinWait1, P, {{200, 302}, {200, 488}}, {172, 395}, R | VC, 0.5, true);
    edge(l, SynRcvd, CloseWait, P, {{290, 302}, {290, 448}, {760, 448}, {760, 488}}, {705, 444},
         HC | B, 0.42);
    edge(l, Estab, FinWait1, P, {{495, 417}, {315, 497}}, {412, 478}, Lf | T, 0.5);
    edge(l, Estab, CloseWait, P, {{565, 417}, {745, 505}}, {650, 475}, R | T, 0.5);
    edge(l, FinWait1, FinWait2, P, {{200, 532}, {200, 603}}, {225, 567}, Lf | VC, 0.5, true);
    edge(l, FinWait1, Closing, P, {{315, 512}, {500, 512}, {500, 603}}, {482, 565}, R | VC, 0.75,
         true);
    edge(l, FinWait1, TimeWait, Z, {{315, 527}, {400, 527}, {380, 730}, {455, 730}}, {372, 705},
         R | VC, 0.5);
    edge(l, CloseWait, LastAck, P, {{820, 532}, {820, 603}}, {848, 567}, Lf | VC, 0.5, true);
    edge(l, FinWait2, TimeWait, P, {{240, 647}, {240, 748}, {455, 748}}, {228, 700}, R | VC, 0.8);
    edge(l, Closing, TimeWait, P, {{530, 647}, {530, 718}}, {556, 682}, Lf | VC, 0.5, true);
    edge(l, LastAck, ClosedEnd, P, {{820, 647}, {820, 718}}, {848, 682}, Lf | VC, 0.5, true);
    edge(l, TimeWait, ClosedEnd, P, {{605, 740}, {745, 740}}, {675, 730}, HC | B, 0.5);
}

// Aborts (rcv RST / snd RST) from the states that have no other arrow to CLOSED. The stubs are
// too short for badges: those go to a free spot beside the chip.
void addAbortEdges(StateGraphLayout& l) {
    edge(l, SynRcvd, RstSynRcvd, P, {{165, 270}, {134, 270}}, {98, 256}, HC | B, 0.5, false, true);
    badgesAt(l, {212, 243}, false);
    edge(l, Estab, RstEstab, P, {{455, 395}, {421, 395}}, {385, 409}, HC | T, 0.5, false, true);
    badgesAt(l, {318, 395}, true);
    edge(l, FinWait1, RstFinWait1, P, {{165, 524}, {134, 524}}, {98, 538}, HC | T, 0.5, false,
         true);
    badgesAt(l, {98, 566}, false);
    edge(l, FinWait2, RstFinWait2, P, {{165, 625}, {134, 625}}, {98, 639}, HC | T, 0.5, false,
         true);
    badgesAt(l, {98, 667}, false);
    edge(l, CloseWait, RstCloseWait, P, {{895, 517}, {926, 517}}, {962, 531}, HC | T, 0.5, false,
         true);
    badgesAt(l, {962, 560}, false);
    edge(l, Closing, RstClosing, P, {{605, 625}, {644, 625}}, {680, 639}, HC | T, 0.5, false, true);
    badgesAt(l, {680, 597}, false);
}

// An edge's index is its place in this order (edgeOfTransition, the views' scenes).
StateGraphLayout build() {
    StateGraphLayout l;
    l.canvas = QSizeF(1180, 800);
    l.title = QPointF(14, 10);
    l.legend = QRectF(905, 8, 268, 0);
    addNodes(l);
    addOpeningEdges(l);
    addMidStreamEdges(l);
    addClosingEdges(l);
    addAbortEdges(l);
    return l;
}

} // namespace

const StateGraphLayout& stateGraphLayout() {
    static const StateGraphLayout layout = build();
    return layout;
}

int edgeBetween(TcpState from, TcpState to) {
    const StateGraphLayout& l = stateGraphLayout();
    for (size_t i = 0; i < l.edges.size(); ++i)
        if (l.nodes[size_t(l.edges[i].from)].state == from &&
            l.nodes[size_t(l.edges[i].to)].state == to)
            return int(i);
    return -1;
}

int edgeOfTransition(size_t index) {
    const auto table = tcpTransitions();
    if (index >= table.size()) return -1;
    return edgeBetween(table[index].from, table[index].to);
}

int primaryNode(TcpState state) {
    const StateGraphLayout& l = stateGraphLayout();
    for (size_t i = 0; i < l.nodes.size(); ++i)
        if (l.nodes[i].state == state && l.nodes[i].primary) return int(i);
    return -1;
}

} // namespace tcpscope::ui
