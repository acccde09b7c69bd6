// SPDX-License-Identifier: GPL-2.0-or-later
// The RFC 9293 state-transition graph of one connection: the whole state machine of
// tcpTransitions() drawn like RFC 9293 Figure 5, with the path the client took and the path the
// server took highlighted in two colours, each step numbered and tagged with the frame that
// caused it ("1: #1"). It follows the packet selection (selectFrame) by outlining each
// endpoint's state after that packet, and clicking a step badge asks for that frame
// (frameActivated). Layout: state_graph_layout.cpp. Exports: toImage(), saveSvg().
#pragma once

#include "document/document.h"

#include <tcpscope/connection_tracker.h>
#include <tcpscope/tcp_state_machine.h>

#include <QImage>
#include <QPainterPath>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace tcpscope::ui {

struct FigureExport;
struct GraphNodeSpec;

// One step of one endpoint through the state machine: the edge it took, on which packet.
struct GraphEdgeUse {
    TcpState from = TcpState::Unknown;
    TcpState to = TcpState::Unknown;
    TcpEvent event = TcpEvent::None;
    bool client = true; // the client's step (else the server's)
    int order = 0;      // 1, 2, 3 ... per endpoint
    uint64_t frame = 0; // the frame number of the packet that caused it
};

class StateGraphView : public QWidget {
    Q_OBJECT
  public:
    explicit StateGraphView(QWidget* parent = nullptr);
    ~StateGraphView() override;

    // The document whose tracker the graph reads; the stream is reset to 0 (or none when the
    // document has no TCP connection). The document is kept alive by the view.
    void setDocument(DocumentPtr document);
    // The connection (tcp.stream) to show; an unknown stream shows the bare state machine.
    void setStream(uint32_t stream);
    // For tests and tools without a document: `tracker` must outlive the view (or the next
    // setTracker/setDocument call). nullptr shows the bare state machine.
    void setTracker(const ConnectionTracker* tracker, uint32_t stream);
    std::optional<uint32_t> stream() const { return m_stream; }

    // Colours for a dark background (the widget paints its own background).
    void setDarkColors(bool dark);
    bool darkColors() const { return m_dark; }
    // Projector mode: larger text, thicker lines, stronger contrast for unused edges.
    void setPresentation(bool on);
    bool presentation() const { return m_presentation; }
    // Text size relative to the default (the page's zoom steps); the boxes stay where they are.
    void setTextScale(double scale);
    double textScale() const { return m_textScale; }
    // Beside the ladder in presentation: when the whole figure would draw text smaller than
    // `px` pixels, show the part around the current step at that size (focused()) instead;
    // 0 always shows the whole figure. Exports always draw the whole figure.
    void setMinimumTextPx(double px);
    qreal focusBand() const;
    bool focused() const;
    // Width over height of the whole figure (the layout's canvas).
    double aspectRatio() const;
    // Classroom mode: only the first n packets of the connection count as taken; nullopt for
    // all of them.
    void setStepLimit(std::optional<size_t> n);
    std::optional<size_t> stepLimit() const { return m_stepLimit; }

    // The steps drawn: the client's in order, then the server's.
    std::vector<GraphEdgeUse> path() const;

    // For tests and for the enclosing view, in widget coordinates.
    QRectF stateRect(TcpState state) const; // the state's main box; empty for none
    // The box that carries the current-state outline of one endpoint (empty when no
    // connection is shown), and that endpoint's state there.
    QRectF markerRect(bool client) const;
    TcpState currentState(bool client) const;
    QRectF badgeRect(bool client, int order) const; // empty when that step is not drawn
    QPainterPath edgePath(size_t transition) const; // the arrow of tcpTransitions()[transition]
    QRectF edgeLabelRect(size_t transition) const;
    // The steps taken on the selected frame (drawn emphasised).
    std::vector<GraphEdgeUse> currentSteps() const;
    std::optional<uint64_t> selectedFrame() const { return m_frame; }

    // Draws the graph into `target` (aspect ratio kept, centred), e.g. for printing.
    void render(QPainter* painter, const QRectF& target);
    using QWidget::render;
    QImage toImage(const QSize& size);
    // The figure's own size (the layout's canvas, legend included) and it as an image of that
    // size * scale, with no blank band around it.
    QSizeF exportSize() const;
    QImage exportImage(double scale = 1);
    // Vector export with text kept as text; false when built without Qt SVG or on error.
    bool saveSvg(const QString& path);
    // The ways out of the figure: what its context menu and File > Export offer.
    struct FigureExport exportActions();

    QSize sizeHint() const override { return {900, 700}; }
    QSize minimumSizeHint() const override { return {360, 250}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

  public slots:
    // Marks each endpoint's state after this frame and emphasises the edges it caused. A frame
    // of another connection marks the states after the last earlier packet of this one.
    void selectFrame(uint64_t frame);
    void clearSelection();

  signals:
    void frameActivated(uint64_t frame);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

  private:
    struct Use {
        GraphEdgeUse use;
        int edge = -1;   // layout edge, -1 when the step has no arrow
        size_t step = 0; // index into the connection's ladder
    };
    struct Scene;
    struct Colors;
    static Colors colors(bool dark, bool presentation);

    void rebuild();
    void rebuildScene();
    void setSceneStyle(Scene& scene) const;
    void placeInterest(Scene& scene) const;
    QFont legendFontFor(qreal px) const;
    void placeEdges(Scene& scene) const;
    void placeSteps(Scene& scene) const;
    void placeEdgeSteps(Scene& scene, size_t edge) const;
    QTransform toWidget() const; // design units -> widget pixels
    QTransform toTarget(const QRectF& target) const;
    void paintScene(QPainter& p, bool legend = true) const; // in design units
    void paintFocusLegend(QPainter& p, const Colors& c) const;
    void paintEdges(QPainter& p, const Colors& c) const;
    void paintState(QPainter& p, const Colors& c, size_t node) const;
    void paintStateName(QPainter& p, const GraphNodeSpec& node) const;
    void paintMarkers(QPainter& p, const Colors& c) const;
    void paintEdgeLabel(QPainter& p, const Colors& c, size_t edge) const;
    void paintBadges(QPainter& p, const Colors& c) const;
    void paintTitle(QPainter& p, const Colors& c) const;
    void paintLegend(QPainter& p, const Colors& c) const;
    std::optional<uint64_t> outlinedFrame() const;
    int markerNode(bool client) const;
    int badgeAt(const QPointF& widgetPos) const; // index into m_uses, or -1
    QString toolTipAt(const QPointF& widgetPos) const;

    DocumentPtr m_document;
    const ConnectionTracker* m_tracker = nullptr;
    std::optional<uint32_t> m_stream;
    std::optional<size_t> m_stepLimit;
    std::optional<uint64_t> m_frame;
    bool m_dark = false;
    bool m_presentation = false;
    double m_textScale = 1.0;
    double m_minTextPx = 0;

    std::vector<LadderEvent> m_ladder; // the whole connection
    size_t m_counted = 0;              // ladder entries that count (the step limit)
    std::vector<Use> m_uses;
    TcpState m_initial[2] = {TcpState::Unknown, TcpState::Unknown}; // [client, server]
    QString m_endpointText[2];
    std::unique_ptr<Scene> m_scene;
};

} // namespace tcpscope::ui
