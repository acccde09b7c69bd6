// SPDX-License-Identifier: GPL-2.0-or-later
// The hand-made layout of the RFC 9293 state diagram that StateGraphView draws: where each state
// box sits (after RFC 9293 Figure 5 / RFC 793 Figure 6), how each arrow is routed and where its
// label goes. It is a fixed graph, so positions are chosen by hand, in "design units" on a fixed
// canvas that the view scales to its size. The states come from tcpscope::tcpTransitions(); a
// test checks that every row of that table lands on exactly one edge here.
#pragma once

#include <tcpscope/tcp_state_machine.h>

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <cstddef>
#include <vector>

namespace tcpscope::ui {

// One box. Some states are drawn more than once, as RFC 793 Figure 6 does with CLOSED: the main
// box, a second CLOSED at the bottom right for the ends of a close, and small "CLOSED" chips
// beside the states that a reset aborts (rcv/snd RST), so that the abort arrows stay short.
struct GraphNodeSpec {
    TcpState state = TcpState::Unknown;
    QRectF rect;          // in design units
    bool primary = true;  // the box stateRect() reports for this state
    bool chip = false;    // a small terminal box at the end of a reset arrow
    const char* subtitle; // second line under the state name, or nullptr
};

// One arrow. Every transition of tcpTransitions() whose (from, to) states match the nodes'
// states is drawn on this arrow; its label lists their event labels.
struct GraphEdgeSpec {
    enum class Shape { Polyline, Bezier };
    int from = 0; // index into nodes
    int to = 0;
    Shape shape = Shape::Polyline;
    // Polyline: the corner points (corners are rounded). Bezier: start, then (c1, c2, end)
    // triples. The first point lies on the `from` box, the last on the `to` box.
    std::vector<QPointF> points;
    QPointF labelAnchor;         // the label block's point given by labelAlign sits here
    int labelAlign = 0;          // Qt::Alignment flags
    qreal badgeAt = 0.5;         // where the step badges sit, as a fraction of the path length
    bool badgesVertical = false; // stack the badges downwards instead of side by side
    bool dashed = false;         // aborts and mid-stream guesses, drawn dashed
    // Arrows too short to carry badges (the reset stubs) put them here instead; negative: on
    // the path at badgeAt.
    QPointF badgeAnchor{-1, -1};
};

struct StateGraphLayout {
    QSizeF canvas;
    std::vector<GraphNodeSpec> nodes;
    std::vector<GraphEdgeSpec> edges;
    QRectF legend; // top-left of the legend block (its size follows its text)
    QPointF title;
};

const StateGraphLayout& stateGraphLayout();

// The edge that draws tcpTransitions()[index], or -1 (the test requires none).
int edgeOfTransition(size_t index);
// The edge between two states, for a step whose event is not in the table; -1 when none.
int edgeBetween(TcpState from, TcpState to);
// The main node of a state.
int primaryNode(TcpState state);

} // namespace tcpscope::ui
