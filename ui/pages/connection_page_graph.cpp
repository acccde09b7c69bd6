// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionPage: the tcptrace graph under the ladder. Off by default (at 1280x720 the ladder,
// the state graph, the bytes and the flags already fill the page, and the control bar has no
// room left for another button: Classroom > Stream Graph Under the Ladder toggles it). When
// shown it graphs the direction that carries the data with its cursor on the selected packet;
// in classroom mode it shows the connection up to the current step, so stepping shows where the
// class is on the graph.
#include "pages/connection_page.h"

#include "document/selection_controller.h"
#include "views/stream_graph_view.h"

#include <QSplitter>

namespace tcpscope::ui {

QSplitter* ConnectionPage::buildLadderColumn() {
    m_streamGraph = new StreamGraphView(this);
    m_streamGraph->setKind(GraphKind::Tcptrace);
    m_streamGraph->hide();
    m_ladderColumn = new QSplitter(Qt::Vertical, this);
    m_ladderColumn->addWidget(m_ladder);
    m_ladderColumn->addWidget(m_streamGraph);
    m_ladderColumn->setStretchFactor(0, 3);
    m_ladderColumn->setStretchFactor(1, 2);
    m_ladderColumn->setChildrenCollapsible(false);
    connect(m_streamGraph, &StreamGraphView::packetClicked, m_controller,
            &SelectionController::selectPacket);
    return m_ladderColumn;
}

void ConnectionPage::setStreamGraphShown(bool on) {
    if (m_streamGraphOn == on) return;
    m_streamGraphOn = on;
    updateStreamGraph();
    applyFigureLayout();
}

// Graphs the shown stream when the graph is on and holds another one.
void ConnectionPage::updateStreamGraph() {
    if (!m_streamGraphOn || !m_document || !m_stream || m_streamGraphOf == m_stream) return;
    StreamGraph g = buildStreamGraph(*m_document, *m_stream, true);
    if (g.bytes == 0) { // the client uploaded, or nobody sent data: the client's direction
        StreamGraph client = buildStreamGraph(*m_document, *m_stream, false);
        if (client.bytes > 0) g = std::move(client);
    }
    m_streamGraph->setGraph(std::move(g));
    m_streamGraph->setSelectedPacket(m_controller->packet());
    m_streamGraphOf = m_stream;
    fitStreamGraph();
}

// In classroom mode the graph shows the connection up to the current step, growing as the
// ladder does; otherwise the whole connection.
void ConnectionPage::fitStreamGraph() {
    if (!m_streamGraphOn) return;
    if (!m_classroom || !m_streamGraph->showUpToSelected()) m_streamGraph->resetZoom();
}

} // namespace tcpscope::ui
