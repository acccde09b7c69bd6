// SPDX-License-Identifier: GPL-2.0-or-later
// The "Connection" page of the main window: one TCP connection as a sequence-space ladder and
// as the RFC 9293 state graph side by side, with the byte table and flags of the selected
// packet below and a caption that explains it in plain words. Classroom mode turns it into a
// step-through: the ladder grows one arrow per step, the state graph moves with it, and the
// caption tells the story. Selection goes through the shared SelectionController, so clicking
// an arrow or an edge selects that packet everywhere, and selecting a packet anywhere moves the
// page to its connection.
#pragma once

#include "document/document.h"
#include "views/ladder_view.h"
#include "views/presentation.h"

#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;
class QToolButton;

namespace tcpscope::ui {

struct FigureExport;
class ByteTableView;
class FlagsView;
class SelectionController;
class StateGraphView;
class StreamGraphView;

class ConnectionPage : public QWidget {
    Q_OBJECT
  public:
    explicit ConnectionPage(SelectionController* controller, QWidget* parent = nullptr);

    // Follows controller->documentChanged() by itself; picks the stream of the selected packet
    // (or stream 0).
    std::optional<uint32_t> stream() const { return m_stream; }
    void setStream(uint32_t stream);

    // Text in presentation is never smaller than this many pixels (views/presentation.h).
    static constexpr double kMinPresentationPx = kMinPresentationTextPx;

    void setDarkColors(bool dark);
    void setPresentation(bool on); // large fonts, high contrast, fewer controls
    bool presentation() const { return m_presentation; }
    // Zoom steps (Ctrl+=, Ctrl+-, Ctrl+0) for every figure: ladder, state graph, caption, bytes
    // and flags alike.
    void setFontZoom(int steps);
    int fontZoom() const { return m_zoom; }

    // What the page shows in presentation: both figures (ladder and state graph), one of them,
    // or the packet's bytes and flags. Outside presentation everything is shown.
    enum class FigureLayout { Both, Ladder, Graph, Packet };
    void setFigureLayout(FigureLayout layout);
    FigureLayout figureLayout() const { return m_figureLayout; }
    // Presentation: the figures take the whole screen, caption and controls hidden.
    void setFiguresOnly(bool on);
    bool figuresOnly() const { return m_figuresOnly; }
    // The parts on screen, by name ("controls", "caption", "ladder", "tcptrace", "states",
    // "bytes", "flags"): for measuring what a class sees.
    std::vector<std::pair<QString, QWidget*>> shownParts() const;

    // Classroom mode: the ladder and state graph show packets 1..step() of the connection.
    void setClassroom(bool on);
    bool classroom() const { return m_classroom; }
    int step() const { return m_step; } // 1-based; 0 before the first packet
    int stepCount() const;
    void setStep(int step); // clamps, selects that packet; in classroom mode 0 shows none
    // While an exercise runs its panel alone moves the classroom (stepping ahead would show
    // what the student is predicting): the step buttons and keys do nothing and the buttons
    // the exercise does not need are hidden, so the page leaves room for the panel.
    void setExerciseMode(bool on);
    bool exerciseMode() const { return m_exerciseMode; }
    // The buttons and keys step over the packets a display filter hides (the ladder fades
    // them); with none hidden, these are the neighbouring, first and last steps.
    void nextStep() { stepTo(m_step + 1, +1); }
    void previousStep() { stepTo(m_step - 1, -1); }
    void firstStep() { stepTo(1, +1); }
    void lastStep() { stepTo(-1, -1); } // -1: the last step
    // From `step` in direction `dir`, the first step the display filter shows; 0 when none is
    // (stepTo then stays).
    int shownStep(int step, int dir) const;
    void stepTo(int step, int dir);
    // The display filter's rows (null: none): the ladder fades what it hides, the steps skip it.
    void setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched);

    // The ladder's arrow labels, with the Labels menu's checks kept in step.
    void setLabelOptions(const LadderView::LabelOptions& options);
    LadderView* ladder() const { return m_ladder; }
    StateGraphView* stateGraph() const { return m_graph; }
    // The tcptrace graph of the connection under the ladder (Classroom > Stream Graph Under the
    // Ladder, off by default: the page is full at 1280x720), its cursor on the selected packet.
    void setStreamGraphShown(bool on);
    bool streamGraphShown() const { return m_streamGraphOn; }
    StreamGraphView* streamGraph() const { return m_streamGraph; }
    QString captionText() const; // the caption as plain text (tests)
    // Every step's caption of this connection fits the caption's fixed height (tests).
    bool captionFits() const { return m_captionFits; }
    QMenu* exportMenu() const { return m_exportMenu; }
    // The page as it is on screen: an image at `scale`, or SVG (widgets drawn as vectors, text
    // kept as text, the caption in <desc>).
    QImage pageImage(double scale = 1);
    bool savePageSvg(const QString& path);
    struct FigureExport exportActions();

  signals:
    void classroomChanged(bool on);
    void presentationToggled();                  // the page's "Presentation" button
    void followStreamRequested(uint32_t stream); // the page's "Follow Stream" button
    void synQueueRequested(uint32_t stream);     // the ladder's menu: its server's SYN queue

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    QHBoxLayout* buildControlBar();
    void buildLabelsButton();
    void buildStepBar();
    void updateStepIcons();
    void updateClassroomButton();
    QLabel* buildCaption();
    QSplitter* buildPanes();
    QSplitter* buildLadderColumn();
    void updateStreamGraph();
    void fitStreamGraph();
    void wireSelection();
    void wireControls();
    void addClassroomKeys();
    void applyProportions();
    void onDocumentChanged();
    void onPacketChanged(int row);
    void onNodeChanged(int node);
    void syncNow(); // applies what changed while the page was hidden
    void applyDocument();
    void applyPacket(int row);
    void rebuildStreams();
    void updateCaption();
    // The caption of document row `row`, a packet the tracker analysed.
    QString captionHtml(int row, int step) const;
    void fitCaption();
    void applyFonts();
    QFont captionFont() const;
    double presentationPx() const;
    void applyPresentationProportions(int w, int h);
    void applyFigureLayout();
    void updateStepControls();
    void applyStepLimit();
    void selectFrame(uint64_t frame);
    void buildExportMenu();
    QString exportBaseName(const QString& what) const;

    SelectionController* m_controller;
    DocumentPtr m_document;
    std::optional<uint32_t> m_stream;
    std::vector<uint64_t> m_frames; // the frames of the current stream, in order
    bool m_classroom = false;
    bool m_exerciseMode = false;
    bool m_presentation = false;
    FigureLayout m_figureLayout = FigureLayout::Both;
    bool m_figuresOnly = false;
    bool m_captionFits = true;
    bool m_dark = false;
    int m_step = 0;
    int m_zoom = 0;
    bool m_userSized = false; // the user dragged a splitter: keep their sizes
    bool m_documentPending = false;
    bool m_packetPending = false;
    bool m_inSync = false; // syncNow() is running: its setters must not start it again

    QWidget* m_controlBar = nullptr;
    QLabel* m_streamsLabel = nullptr;
    QComboBox* m_streams = nullptr;
    QComboBox* m_timeScale = nullptr;
    QToolButton* m_labels = nullptr;
    QToolButton* m_export = nullptr;
    QMenu* m_exportMenu = nullptr;
    QPushButton* m_classroomButton = nullptr;
    QPushButton* m_presentButton = nullptr;
    QPushButton* m_followButton = nullptr;
    QWidget* m_stepBar = nullptr;
    QToolButton* m_first = nullptr;
    QToolButton* m_prev = nullptr;
    QToolButton* m_next = nullptr;
    QToolButton* m_last = nullptr;
    QLabel* m_stepLabel = nullptr;
    QLabel* m_caption = nullptr;
    QSplitter* m_diagrams = nullptr;
    QSplitter* m_vertical = nullptr;
    LadderView* m_ladder = nullptr;
    QSplitter* m_ladderColumn = nullptr; // the ladder over the stream graph
    StreamGraphView* m_streamGraph = nullptr;
    bool m_streamGraphOn = false;
    std::optional<uint32_t> m_streamGraphOf; // the stream m_streamGraph holds
    StateGraphView* m_graph = nullptr;
    ByteTableView* m_bytes = nullptr;
    FlagsView* m_flags = nullptr;
    QWidget* m_packetPane = nullptr;
};

} // namespace tcpscope::ui
