// SPDX-License-Identifier: GPL-2.0-or-later
// The ladder (sequence) diagram of one TCP connection: two lanes, one per socket (client left,
// server right), time running downward, one sloped arrow per packet from the sender's lane to
// the receiver's, labelled as tcpdump would ("[P.] seq 1:15 ack 1 len 14 win 64"), coloured
// and tagged by Wireshark's analysis flags, with each endpoint's RFC 9293 state drawn as a
// coloured band along its lane and named where it changes. Packets that were in flight at the
// same time cross (see ladder_layout.h for the rule).
//
// Only the arrows in the visible range are painted (binary search on y), so a connection of
// 100,000 packets scrolls smoothly. Ctrl+wheel zooms the time axis; clicking an arrow emits
// frameActivated(); Up/Down move to the previous/next arrow. The whole diagram can be rendered
// to any painter, an image or an SVG file (text stays text), or written as ASCII.
#pragma once

#include "document/document.h"
#include "views/ladder_layout.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

class QPainter;

namespace tcpscope::ui {

struct FigureExport;

// One drawn arrow, in scene coordinates (the diagram at the current zoom, origin top-left of
// the whole diagram, including the title block).
struct LadderArrow {
    uint64_t frame = 0;
    bool fromClient = true;
    QString label;     // as drawn: "[S.] seq 0:1 ack 1 win 65483" (per LabelOptions)
    QStringList marks; // "RETRANSMISSION", "DUP ACK #2", ... (tcpscope::ladderMarks)
    QPointF start, end;
};

// Where an arrow's label is drawn (scene coordinates, the whole diagram as exported).
struct LadderLabelBox {
    uint64_t frame = 0;
    QRectF box;
    bool compact = false; // not the whole label (no room): a short one or the flags alone
};

class LadderView : public QAbstractScrollArea {
    Q_OBJECT
  public:
    // Even: one row per packet. True: y follows the capture's clock (an average of one row per
    // packet), idle gaps longer than four rows cut to four rows and marked "… 3.2 s …".
    enum class TimeScale { Even, True };
    Q_ENUM(TimeScale)

    // What the arrow labels show; raw = sequence numbers as on the wire (relative + ISN).
    struct LabelOptions {
        bool raw = false;
        bool flags = true, seq = true, ack = true, len = true, win = true;
        friend bool operator==(const LabelOptions&, const LabelOptions&) = default;
    };
    // The options one by one, as the Labels menu and Edit > Preferences list them: the settings
    // key, the name (translated in the context "LadderView") and the member.
    struct LabelPart {
        const char* key;
        const char* name;
        bool LabelOptions::*member;
    };
    static std::span<const LabelPart> labelParts();

    explicit LadderView(QWidget* parent = nullptr);
    ~LadderView() override;

    // Shows a document's connection `stream()` (kept if the new document has it, else 0).
    void setDocument(DocumentPtr document);
    // Shows a tracker that is not in a document (tests, tools); the tracker is not owned and
    // must outlive the view or the next setTracker/setDocument call. Null clears the view.
    void setTracker(const ConnectionTracker* tracker, uint32_t stream);
    void setStream(uint32_t stream);
    uint32_t stream() const { return m_stream; }
    // The packets a display filter passed (one byte per document row, 1 = passes; null: all).
    // The others stay in the ladder, faded, without labels: their sequence numbers still
    // explain the arrows around them.
    void setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched);
    // How many of the connection's packets the display filter hides.
    size_t hiddenCount() const;
    bool isHidden(size_t packet) const { return packet < m_hidden.size() && m_hidden[packet]; }
    // Whether the arrow at this index (the step index - 1) is hidden by the display filter.
    bool hiddenAt(size_t index) const {
        return index < m_layout.items().size() && isHidden(m_layout.items()[index].packet);
    }
    // True when the current tracker has the current stream.
    bool hasStream() const;

    void setTimeScale(TimeScale scale);
    TimeScale timeScale() const { return m_timeScale; }
    void setLabelOptions(const LabelOptions& options);
    const LabelOptions& labelOptions() const { return m_labelOptions; }
    void setDarkColors(bool dark);
    bool darkColors() const { return m_dark; }
    // Classroom projection: larger fonts, thicker lines, stronger colours.
    void setPresentation(bool on);
    bool presentation() const { return m_presentation; }
    // The time beside each frame number (on by default; a narrow projected ladder drops it).
    void setTimesVisible(bool on);
    bool timesVisible() const { return m_showTimes; }
    // Classroom stepping: draw only the first n arrows (and the states up to them); the rest
    // are hidden. nullopt shows every arrow. Raising the limit scrolls the newest arrow in.
    void setStepLimit(std::optional<size_t> n);
    std::optional<size_t> stepLimit() const { return m_stepLimit; }
    // The legend: a strip in the title block with the arrow colours and the analysis marks
    // this connection has (their explanations in its tooltip), and in render(), toImage() and
    // saveSvg() a block under the diagram explaining each mark.
    void setLegendVisible(bool visible);
    bool legendVisible() const { return m_legendVisible; }

    double zoom() const { return m_zoom; } // 1 = default row spacing
    // The narrowest width at which the labels fit between the lanes at the current font.
    int minimumSceneWidth() const { return int(std::ceil(minSceneWidth())); }

    // Every packet of the stream (arrowCount) and the arrows drawn (step limit applied), in
    // frame order, in scene coordinates.
    size_t arrowCount() const { return m_layout.items().size(); }
    std::vector<LadderArrow> arrows() const;
    // The labels drawn when the whole diagram is painted (a label that would cover another is
    // left out), for tests.
    std::vector<LadderLabelBox> labelBoxes() const;
    std::optional<uint64_t> selectedFrame() const { return m_selectedFrame; }
    // The size of the whole diagram at the current zoom and viewport width (without legend).
    QSizeF sceneSize() const;
    QPointF mapToScene(const QPoint& viewportPos) const;
    QPoint mapFromScene(const QPointF& scenePos) const;
    // The frame of the arrow (or its label) under a viewport position.
    std::optional<uint64_t> frameAt(const QPoint& viewportPos) const;

    // Draws the whole diagram (title block, every drawn arrow, legend if visible) into
    // `target`, scaled to fit with its aspect ratio kept.
    void render(QPainter* painter, QRectF target) const;
    // The whole diagram rendered into an image of this size on the view's background.
    QImage toImage(QSize size) const;
    // The exported diagram (title block, every drawn arrow, the marks explained under it) laid
    // out `width` wide (0: as wide as the view, at least 960; never narrower than its labels
    // need): its size at scale 1. PNG, SVG and the clipboard all use it, so they match.
    QSizeF exportSize(double width = 0) const;
    // That diagram as an image of exportSize(width) * scale: no blank band around it.
    QImage exportImage(double width = 0, double scale = 1) const;
    // The same as SVG, text kept as text, the text ladder in <desc>. False when Qt Svg is not
    // available or the file cannot be written.
    bool saveSvg(const QString& path, double width = 0) const;
    // formatLadderText() of the same stream with the same number kind and step limit.
    QString asciiText() const;
    // The ways out of the figure: what its context menu and File > Export offer.
    struct FigureExport exportActions() const;

    QSize sizeHint() const override;

  public slots:
    // Highlights the arrow of `frame` and scrolls it into view; a frame of another stream
    // clears the highlight. Does not emit frameActivated.
    void selectFrame(uint64_t frame);
    void zoomIn();
    void zoomOut();
    void setZoom(double zoom); // clamped to [0.05, 8]

  signals:
    // The user clicked an arrow (or moved to it with Up/Down).
    void frameActivated(uint64_t frame);
    // The context menu is about to open: the page may add its own actions to it.
    void contextMenuAboutToShow(QMenu* menu);
    void zoomChanged(double zoom);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

  private:
    struct Style;
    struct Geometry;

    const ConnectionTracker* tracker() const;
    const TcpConnection* connection() const;
    void rebuild();  // new tracker or stream
    void relayout(); // new row height, time scale, fonts
    void updateScrollBars();
    Style style() const;
    Geometry geometry(const Style& s, double width) const;
    double sceneWidth() const;
    double minSceneWidth() const;
    size_t shownCount() const;
    // How much of an arrow's label is shown: all the Labels options ask for; when that has no
    // room, the flags and the one number that matters (the sequence range of a segment that
    // uses sequence space, the ack of a pure ACK); last, the flags alone.
    enum class LabelDetail : uint8_t { Full, Short, Flags };
    QString labelOf(const LadderItem& item, LabelDetail detail = LabelDetail::Full) const;
    QStringList marksOf(const LadderItem& item) const;
    struct PaintSpan;
    struct ArrowLabel;
    PaintSpan paintSpan(const Style& s, const Geometry& g, double y0, double y1) const;
    void paintDiagram(QPainter& p, const Style& s, const Geometry& g, double y0, double y1,
                      bool stickyStates) const;
    void paintSelectionRow(QPainter& p, const Style& s, const Geometry& g,
                           const PaintSpan& span) const;
    void paintStateBands(QPainter& p, const Style& s, const Geometry& g,
                         const PaintSpan& span) const;
    void paintBreaks(QPainter& p, const Style& s, const Geometry& g, const PaintSpan& span) const;
    void paintFrameTimes(QPainter& p, const Style& s, const Geometry& g,
                         const PaintSpan& span) const;
    void paintArrows(QPainter& p, const Style& s, const Geometry& g, const PaintSpan& span) const;
    static void paintArrow(QPainter& p, const Style& s, QPointF a, QPointF b, const QColor& color,
                           double width, Qt::PenStyle style);
    void paintLabels(QPainter& p, const Style& s, const Geometry& g, const PaintSpan& span) const;
    std::vector<std::pair<size_t, ArrowLabel>> placeLabels(const Style& s, const Geometry& g,
                                                           const PaintSpan& span) const;
    std::optional<ArrowLabel> fittedLabel(const Style& s, const Geometry& g, const PaintSpan& span,
                                          size_t index, const std::vector<QRectF>& placed,
                                          bool selected = false) const;
    bool makeRoom(const Style& s, const Geometry& g, std::vector<double>& room,
                  std::vector<char>& check) const;
    int placeLabel(ArrowLabel& label, const Style& s, const Geometry& g, const PaintSpan& span,
                   size_t index, const std::vector<QRectF>& placed,
                   std::vector<size_t>* hits = nullptr) const;
    QRectF labelBox(const ArrowLabel& label, const Style& s, const Geometry& g,
                    const LadderItem& item, double x, bool above) const;
    ArrowLabel arrowLabel(const Style& s, const Geometry& g, const LadderItem& item, bool selected,
                          LabelDetail detail = LabelDetail::Full) const;
    static void paintArrowLabel(QPainter& p, const Style& s, const ArrowLabel& label,
                                uint32_t analysisFlags);
    void paintStateNames(QPainter& p, const Style& s, const Geometry& g, const PaintSpan& span,
                         bool stickyStates) const;
    void paintLaneStateNames(QPainter& p, const Style& s, const Geometry& g, const PaintSpan& span,
                             bool client, bool stickyStates) const;
    void paintStatePill(QPainter& p, const Style& s, const Geometry& g, bool client, double y,
                        TcpState state, bool italic) const;
    void paintHiddenCount(QPainter& p, const Style& s, const Geometry& g,
                          const PaintSpan& span) const;
    void paintHeader(QPainter& p, const Style& s, const Geometry& g) const;
    uint32_t legendMarks() const; // the analysis bits the connection has, as marks
    // Lines of the legend strip in the title block at this width: the colours, then the marks
    // (wrapped).
    int legendLines(const Style& s, double width) const;
    double colourLegendWidth(const Style& s) const;
    double laneLegendWidth(const Style& s) const;
    void paintLegendStrip(QPainter& p, const Style& s, const QRectF& area) const;
    QString legendText() const; // every mark with Wireshark's explanation, one a line
    double markBlockHeight(const Style& s) const;
    void paintMarkBlock(QPainter& p, const Style& s, const QRectF& area) const;
    void paintWhole(QPainter& p, double width) const;
    double exportWidth(double width) const;
    QString frameColumnTitle() const;
    void ensureItemVisible(size_t index);
    void activateIndex(size_t index);
    QString toolTipFor(size_t index) const;

    void updateHidden();

    DocumentPtr m_document;
    std::shared_ptr<const std::vector<uint8_t>> m_matched;
    std::vector<uint8_t> m_hidden; // by the tracker's packet index
    const ConnectionTracker* m_tracker = nullptr;
    uint32_t m_stream = 0;
    LadderLayout m_layout;
    TimeScale m_timeScale = TimeScale::Even;
    LabelOptions m_labelOptions;
    bool m_dark = false;
    bool m_presentation = false;
    bool m_legendVisible = true;
    bool m_showTimes = true;
    std::optional<size_t> m_stepLimit;
    std::optional<uint64_t> m_selectedFrame;
    long m_selectedIndex = -1;
    double m_zoom = 1.0;
    double m_layoutWidth = 0; // the scene width the room between rows was made for
};

} // namespace tcpscope::ui
