// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionPage (connection_page.h): ladder + state graph + caption + classroom stepping; its
// fonts, layouts and exports are in connection_page_layout.cpp.
#include "pages/connection_page.h"

#include "document/selection_controller.h"
#include "views/byte_table_view.h"
#include "views/flags_view.h"
#include "views/ladder_view.h"
#include "views/state_graph_view.h"
#include "views/stream_graph_view.h"

#include <tcpscope/step_caption.h>

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tcpscope::ui {

namespace {
constexpr int kMaxStreamItems = 2000; // more connections are reached through the packet list
QString html(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

// The label parts checked in the Labels menu (each action's data: its index in labelParts()).
LadderView::LabelOptions labelOptionsOf(const QMenu& menu) {
    LadderView::LabelOptions o;
    for (QAction* a : menu.actions())
        if (a->data().isValid())
            o.*LadderView::labelParts()[a->data().toUInt()].member = a->isChecked();
    return o;
}
} // namespace

ConnectionPage::ConnectionPage(SelectionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    m_controlBar = new QWidget(this);
    m_controlBar->setLayout(buildControlBar());
    m_controlBar->layout()->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controlBar);
    layout->addWidget(buildCaption());
    layout->addWidget(buildPanes(), 1);
    wireSelection();
    wireControls();
    addClassroomKeys();
    setDarkColors(false);
    updateCaption();
    updateStepControls();
}

// The control row: which connection, how to draw it, classroom stepping, export.
QHBoxLayout* ConnectionPage::buildControlBar() {
    auto* bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_streams = new QComboBox(this);
    m_streams->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_streams->setMinimumContentsLength(30);
    m_streams->setToolTip(tr("The TCP connection (tcp.stream) drawn below"));
    m_timeScale = new QComboBox(this);
    m_timeScale->addItem(tr("Even spacing"));
    m_timeScale->addItem(tr("True time"));
    m_timeScale->setToolTip(tr("Even spacing: one row per packet. True time: distances follow "
                               "the clock, long idle gaps compressed and marked."));
    buildLabelsButton();

    m_classroomButton = new QPushButton(tr("Classroom Mode"), this);
    m_classroomButton->setCheckable(true);
    m_classroomButton->setToolTip(
        tr("Step through the connection packet by packet (Space / arrow keys)"));
    m_presentButton = new QPushButton(tr("Presentation"), this);
    m_presentButton->setToolTip(tr("Large fonts, high contrast, full screen (F5; Esc leaves)"));
    buildStepBar();
    m_followButton = new QPushButton(tr("Follow Stream"), this);
    m_followButton->setToolTip(tr("The connection's data as text (Follow TCP Stream)"));
    connect(m_followButton, &QPushButton::clicked, this, [this] {
        if (m_stream) emit followStreamRequested(*m_stream);
    });

    m_export = new QToolButton(this);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    buildExportMenu();
    m_export->setMenu(m_exportMenu);

    m_streamsLabel = new QLabel(tr("Connection:"), this);
    bar->addWidget(m_streamsLabel);
    bar->addWidget(m_streams, 1);
    bar->addWidget(m_timeScale);
    bar->addWidget(m_labels);
    bar->addSpacing(12);
    bar->addWidget(m_classroomButton);
    bar->addWidget(m_stepBar);
    bar->addWidget(m_presentButton);
    bar->addStretch();
    bar->addWidget(m_followButton);
    bar->addWidget(m_export);
    return bar;
}

// "Labels": a menu of checkable parts of the arrow labels, applied to the ladder at once.
void ConnectionPage::buildLabelsButton() {
    m_labels = new QToolButton(this);
    m_labels->setText(tr("Labels"));
    m_labels->setPopupMode(QToolButton::InstantPopup);
    auto* labelMenu = new QMenu(m_labels);
    const auto parts = LadderView::labelParts();
    for (size_t i = 0; i < parts.size(); ++i) {
        QAction* a = labelMenu->addAction(QCoreApplication::translate("LadderView", parts[i].name));
        a->setCheckable(true);
        a->setChecked(LadderView::LabelOptions{}.*parts[i].member);
        a->setData(uint(i));
        if (parts[i].member == &LadderView::LabelOptions::raw) labelMenu->addSeparator();
    }
    m_labels->setMenu(labelMenu);
    connect(labelMenu, &QMenu::triggered, this,
            [this, labelMenu] { m_ladder->setLabelOptions(labelOptionsOf(*labelMenu)); });
}

void ConnectionPage::setLabelOptions(const LadderView::LabelOptions& o) {
    for (QAction* a : m_labels->menu()->actions())
        if (a->data().isValid())
            a->setChecked(o.*LadderView::labelParts()[a->data().toUInt()].member);
    m_ladder->setLabelOptions(o);
}

// Classroom stepping: First, Back, "Packet n of m", Next, Last; shown in classroom mode.
void ConnectionPage::buildStepBar() {
    m_stepBar = new QWidget(this);
    auto* sl = new QHBoxLayout(m_stepBar);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->setSpacing(2);
    const auto stepButton = [this, sl](const QString& text, const QString& tip) {
        auto* b = new QToolButton(m_stepBar);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(false);
        sl->addWidget(b);
        return b;
    };
    m_first = stepButton(tr("First"), tr("First packet (Home)"));
    m_prev = stepButton(tr("Back"), tr("Previous packet (Left, Backspace)"));
    m_stepLabel = new QLabel(m_stepBar);
    m_stepLabel->setMinimumWidth(
        m_stepLabel->fontMetrics().horizontalAdvance(tr("Packet 000 of 000")));
    m_stepLabel->setAlignment(Qt::AlignCenter);
    sl->addWidget(m_stepLabel);
    m_next = stepButton(tr("Next"), tr("Next packet (Space, Right)"));
    m_last = stepButton(tr("Last"), tr("Last packet (End)"));
    updateStepIcons();
    for (QToolButton* b : {m_first, m_prev, m_next, m_last})
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_first, &QToolButton::clicked, this, [this] { firstStep(); });
    connect(m_prev, &QToolButton::clicked, this, [this] { previousStep(); });
    connect(m_next, &QToolButton::clicked, this, [this] { nextStep(); });
    connect(m_last, &QToolButton::clicked, this, [this] { lastStep(); });
    m_stepBar->hide();
}

// The caption that explains the selected packet, in plain words.
QLabel* ConnectionPage::buildCaption() {
    m_caption = new QLabel(this);
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_caption->setContentsMargins(10, 6, 10, 6);
    m_caption->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_caption->setFixedHeight(m_caption->fontMetrics().height() * 4);
    return m_caption;
}

// The ladder takes the whole height on the left (connections are long); the state graph,
// which keeps its aspect ratio, sits top right over the byte table and flags.
QSplitter* ConnectionPage::buildPanes() {
    m_ladder = new LadderView(this);
    m_graph = new StateGraphView(this);
    m_bytes = new ByteTableView(this);
    m_flags = new FlagsView(this);
    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->addWidget(m_graph);
    m_vertical->addWidget(m_bytes);
    m_vertical->addWidget(m_flags);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 1);
    m_vertical->setStretchFactor(2, 0);
    m_vertical->setChildrenCollapsible(false);
    m_packetPane = m_vertical;

    m_diagrams = new QSplitter(Qt::Horizontal, this);
    m_diagrams->addWidget(buildLadderColumn());
    m_diagrams->addWidget(m_vertical);
    m_diagrams->setStretchFactor(0, 1);
    m_diagrams->setStretchFactor(1, 1);
    m_diagrams->setChildrenCollapsible(false);
    for (QSplitter* sp : {m_diagrams, m_vertical, m_ladderColumn})
        connect(sp, &QSplitter::splitterMoved, this, [this] { m_userSized = true; });
    return m_diagrams;
}

// Selection flows through the controller, both ways.
void ConnectionPage::wireSelection() {
    connect(m_ladder, &LadderView::contextMenuAboutToShow, this, [this](QMenu* menu) {
        if (!m_stream) return;
        menu->addSeparator();
        const uint32_t stream = *m_stream;
        menu->addAction(tr("SYN &Queue of This Server…"), this,
                        [this, stream] { emit synQueueRequested(stream); });
    });
    connect(m_controller, &SelectionController::documentChanged, this,
            &ConnectionPage::onDocumentChanged);
    connect(m_controller, &SelectionController::packetChanged, this,
            &ConnectionPage::onPacketChanged);
    connect(m_controller, &SelectionController::nodeChanged, this, &ConnectionPage::onNodeChanged);
    connect(m_ladder, &LadderView::frameActivated, this, &ConnectionPage::selectFrame);
    connect(m_graph, &StateGraphView::frameActivated, this, &ConnectionPage::selectFrame);
    connect(m_bytes, &ByteTableView::nodeClicked, m_controller, &SelectionController::selectNode);
    connect(m_flags, &FlagsView::nodeClicked, m_controller, &SelectionController::selectNode);
}

void ConnectionPage::wireControls() {
    connect(m_streams, &QComboBox::activated, this, [this](int index) {
        if (index < 0) return;
        const uint32_t s = m_streams->itemData(index).toUInt();
        setStream(s);
        if (!m_frames.empty()) selectFrame(m_frames.front());
    });
    connect(m_timeScale, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_ladder->setTimeScale(i == 1 ? LadderView::TimeScale::True : LadderView::TimeScale::Even);
    });
    connect(m_classroomButton, &QPushButton::toggled, this, [this](bool on) {
        updateClassroomButton();
        setClassroom(on);
    });
    connect(m_presentButton, &QPushButton::clicked, this, &ConnectionPage::presentationToggled);
}

// Classroom keys work anywhere on the page while classroom mode is on.
void ConnectionPage::addClassroomKeys() {
    const auto key = [this](QKeySequence seq, void (ConnectionPage::*fn)(), const QString& does) {
        auto* sc = new QShortcut(seq, this);
        sc->setContext(Qt::WidgetWithChildrenShortcut);
        sc->setWhatsThis(does); // listed in Help > Keyboard Shortcuts
        connect(sc, &QShortcut::activated, this, [this, fn] {
            if (m_classroom) (this->*fn)();
        });
    };
    const QString next = tr("Classroom: next packet"), previous = tr("Classroom: previous packet");
    key(QKeySequence(Qt::Key_Space), &ConnectionPage::nextStep, next);
    key(QKeySequence(Qt::Key_Right), &ConnectionPage::nextStep, next);
    key(QKeySequence(Qt::Key_PageDown), &ConnectionPage::nextStep, next);
    key(QKeySequence(Qt::Key_Left), &ConnectionPage::previousStep, previous);
    key(QKeySequence(Qt::Key_Backspace), &ConnectionPage::previousStep, previous);
    key(QKeySequence(Qt::Key_PageUp), &ConnectionPage::previousStep, previous);
    key(QKeySequence(Qt::Key_Home), &ConnectionPage::firstStep, tr("Classroom: first packet"));
    key(QKeySequence(Qt::Key_End), &ConnectionPage::lastStep, tr("Classroom: last packet"));
}

int ConnectionPage::stepCount() const {
    return int(m_frames.size());
}

// The page follows the controller lazily: while it is hidden it only notes what changed, so a
// click in the packet list of a 10M-packet file never waits for a ladder nobody sees.
void ConnectionPage::onDocumentChanged() {
    m_documentPending = m_packetPending = true;
    if (isVisible()) syncNow();
}

void ConnectionPage::onPacketChanged(int) {
    m_packetPending = true;
    if (isVisible()) syncNow();
}

void ConnectionPage::onNodeChanged(int node) {
    if (!isVisible() || m_packetPending) {
        m_packetPending = true;
        return;
    }
    m_bytes->setSelectedNode(node);
    m_flags->setSelectedNode(node);
}

void ConnectionPage::syncNow() {
    if (m_inSync) return; // applyDocument/applyPacket call public setters that sync too
    m_inSync = true;
    if (m_documentPending) {
        m_documentPending = false;
        applyDocument();
    }
    if (m_packetPending) {
        m_packetPending = false;
        applyPacket(m_controller->packet());
        m_bytes->setSelectedNode(m_controller->node());
        m_flags->setSelectedNode(m_controller->node());
    }
    m_inSync = false;
}

void ConnectionPage::applyDocument() {
    m_document = m_controller->document();
    m_stream.reset();
    m_frames.clear();
    m_ladder->setDocument(m_document);
    m_graph->setDocument(m_document);
    m_streamGraphOf.reset();
    rebuildStreams();
    if (m_document && !m_document->tracker().connections().empty()) setStream(0);
    m_bytes->setPacket(nullptr, {});
    m_flags->setTree(nullptr, std::nullopt);
    updateCaption();
    updateStepControls();
}

void ConnectionPage::rebuildStreams() {
    m_streams->clear();
    if (!m_document) return;
    const auto& conns = m_document->tracker().connections();
    const size_t n = std::min<size_t>(conns.size(), kMaxStreamItems);
    for (size_t i = 0; i < n; ++i) {
        const TcpConnection& c = conns[i];
        const uint64_t packets = c.client.packets + c.server.packets;
        m_streams->addItem(
            tr("%1 · %2 → %3 · %4 packets · %5")
                .arg(c.stream)
                .arg(QString::fromStdString(endpointSocketText(c.client)),
                     QString::fromStdString(endpointSocketText(c.server)))
                .arg(packets)
                .arg(QString::fromUtf8(c.connState.data(), qsizetype(c.connState.size()))),
            c.stream);
    }
    if (conns.empty()) m_streams->addItem(tr("(no TCP connections)"));
    m_streams->setEnabled(!conns.empty());
}

void ConnectionPage::setStream(uint32_t stream) {
    syncNow();
    if (!m_document || stream >= m_document->tracker().connections().size()) return;
    if (m_stream == stream) return;
    m_stream = stream;
    m_frames.clear();
    for (const LadderEvent& e : m_document->tracker().ladder(stream))
        m_frames.push_back(e.frameNumber);
    int index = m_streams->findData(stream);
    if (index < 0) {
        m_streams->addItem(tr("%1").arg(stream), stream);
        index = m_streams->count() - 1;
    }
    m_streams->setCurrentIndex(index);
    m_ladder->setStream(stream);
    m_graph->setStream(stream);
    updateStreamGraph();
    m_step = 0;
    applyStepLimit();
    updateStepControls();
    fitCaption();
    if (m_presentation && !m_userSized) applyProportions();
}

void ConnectionPage::selectFrame(uint64_t frame) {
    if (!m_document) return;
    const int row = m_document->indexOfFrame(frame);
    if (row >= 0) m_controller->selectPacket(row);
}

void ConnectionPage::applyPacket(int row) {
    const auto tree = m_controller->tree();
    m_bytes->setPacket(tree, m_controller->bytes());
    std::optional<uint16_t> summaryFlags;
    if (m_document && row >= 0 && m_document->records()[size_t(row)].hasTcp)
        summaryFlags = m_document->records()[size_t(row)].flags;
    m_flags->setTree(tree, summaryFlags);

    const TcpPacketAnalysis* a = (m_document && row >= 0) ? m_document->analysis(row) : nullptr;
    if (a) {
        setStream(a->stream);
        const uint64_t frame = a->frameNumber;
        const auto it = std::find(m_frames.begin(), m_frames.end(), frame);
        if (it != m_frames.end()) m_step = int(it - m_frames.begin()) + 1;
        applyStepLimit();
        m_ladder->selectFrame(frame);
        m_graph->selectFrame(frame);
    }
    m_streamGraph->setSelectedPacket(a ? row : -1);
    fitStreamGraph();
    updateCaption();
    updateStepControls();
}

void ConnectionPage::setClassroom(bool on) {
    syncNow();
    if (m_classroom == on) return;
    m_classroom = on;
    m_classroomButton->setChecked(on);
    m_stepBar->setVisible(on);
    // The step controls need the row's width at 1280 pixels: Follow TCP Stream stays in the
    // Analyze menu (Ctrl+Alt+Shift+T).
    m_followButton->setVisible(!on && !m_presentation);
    if (on && m_step == 0 && !m_frames.empty()) {
        setStep(1);
    } else {
        applyStepLimit();
        updateStepControls();
    }
    if (on) setFocus(Qt::OtherFocusReason);
    fitStreamGraph();
    emit classroomChanged(on);
}

void ConnectionPage::setExerciseMode(bool on) {
    m_exerciseMode = on;
    for (QWidget* w : std::initializer_list<QWidget*>{m_stepBar, m_classroomButton, m_presentButton,
                                                      m_timeScale})
        w->setVisible(!on && (w != m_stepBar || m_classroom));
    m_followButton->setVisible(!on && !m_classroom && !m_presentation);
    m_streams->setMinimumContentsLength(on ? 12 : 30);
    if (!m_userSized) applyProportions();
}

void ConnectionPage::setStep(int step) {
    syncNow();
    if (m_frames.empty()) return;
    if (step <= 0 && m_classroom) {
        // Before the first packet (an exercise asks for it): nothing drawn, nothing selected.
        m_step = 0;
        applyStepLimit();
        m_controller->selectPacket(-1);
        updateCaption();
        updateStepControls();
        return;
    }
    step = std::clamp(step, 1, stepCount());
    m_step = step;
    applyStepLimit();
    selectFrame(m_frames[size_t(step - 1)]);
    updateStepControls();
}

void ConnectionPage::setDisplayFilter(std::shared_ptr<const std::vector<uint8_t>> matched) {
    m_ladder->setDisplayFilter(std::move(matched));
    updateStepControls();
}

void ConnectionPage::stepTo(int step, int dir) {
    if (m_exerciseMode) return;
    syncNow(); // the ladder, which knows what the filter hides, is built
    if (const int to = shownStep(step < 0 ? stepCount() : step, dir)) setStep(to);
}

int ConnectionPage::shownStep(int step, int dir) const {
    for (int s = step; s >= 1 && s <= stepCount(); s += dir)
        if (!m_ladder->hiddenAt(size_t(s - 1))) return s;
    return 0;
}

void ConnectionPage::applyStepLimit() {
    const std::optional<size_t> limit =
        m_classroom ? std::optional<size_t>(size_t(std::max(m_step, 0))) : std::nullopt;
    m_ladder->setStepLimit(limit);
    m_graph->setStepLimit(limit);
}

void ConnectionPage::updateStepControls() {
    const int n = stepCount();
    m_stepLabel->setText(tr("Packet %1 of %2").arg(m_step).arg(n));
    const int first = shownStep(1, +1);
    m_first->setEnabled(first != 0 && first < m_step);
    m_prev->setEnabled(shownStep(m_step - 1, -1) != 0);
    m_next->setEnabled(shownStep(m_step + 1, +1) != 0);
    m_last->setEnabled(shownStep(n, -1) > m_step);
}

void ConnectionPage::updateCaption() {
    const int row = m_controller->packet();
    const TcpPacketAnalysis* a = (m_document && row >= 0) ? m_document->analysis(row) : nullptr;
    const QString fg = m_dark ? QStringLiteral("#f0f0f0") : QStringLiteral("#111111");
    if (!a && m_classroom && m_step == 0 && !m_frames.empty()) {
        m_caption->setText(tr("<span style='color:%1'><b>Packet 0 of %2.</b> Nothing has been sent "
                              "yet: step forward to the first packet.</span>")
                               .arg(fg)
                               .arg(stepCount()));
        return;
    }
    if (!a) {
        m_caption->setText(
            m_document
                ? tr("<span style='color:%1'>Select a packet of a TCP connection, or press "
                     "<b>Classroom Mode</b> to step through it from the first packet.</span>")
                      .arg(fg)
                : tr("<span style='color:%1'>Open a capture or a classroom scenario from the "
                     "<b>Samples</b> menu.</span>")
                      .arg(fg));
        return;
    }
    m_caption->setText(captionHtml(row, m_step));
}

// The caption of one packet: the step and the headline in large bold, the detail, each
// endpoint's state in bold with the RFC reasons after it in a quieter colour, the analysis.
QString ConnectionPage::captionHtml(int row, int step) const {
    const TcpPacketAnalysis& a = *m_document->analysis(row);
    const QString fg = m_dark ? QStringLiteral("#f0f0f0") : QStringLiteral("#111111");
    const QString warn = m_dark ? QStringLiteral("#ffcc66") : QStringLiteral("#8a4b00");
    const size_t index = size_t(m_document->analysisIndex(size_t(row)));
    const StepCaption c = explainStep(m_document->tracker(), index);
    QString text = QStringLiteral("<div style='color:%1'>").arg(fg);
    const QString prefix =
        step > 0 ? tr("Packet %1 of %2 (frame %3). ").arg(step).arg(stepCount()).arg(a.frameNumber)
                 : tr("Frame %1. ").arg(a.frameNumber);
    text += QStringLiteral("<p style='margin:0'><span style='font-size:large'><b>%1%2</b></span> "
                           "%3</p>")
                .arg(prefix.toHtmlEscaped(), html(c.headline), html(c.detail));
    const QString muted = m_dark ? QStringLiteral("#b8c0cc") : QStringLiteral("#45505e");
    QStringList lines;
    const QStringList stateText = QString::fromStdString(c.states).split(u'\n');
    for (qsizetype i = 0; i < stateText.size(); ++i) {
        // The endpoints' steps in bold, the RFC's reasons after them muted.
        const QString& line = stateText[i];
        lines << (size_t(i) < c.stateLines ? QStringLiteral("<b>%1</b>").arg(line.toHtmlEscaped())
                                           : QStringLiteral("<span style='color:%1'>%2</span>")
                                                 .arg(muted, line.toHtmlEscaped()));
    }
    text += QStringLiteral("<p style='margin:4px 0 0 0'>%1</p>")
                .arg(lines.join(QStringLiteral("<br>")));
    if (!c.analysis.empty())
        text += QStringLiteral("<p style='margin:4px 0 0 0; color:%1'>⚑ %2</p>")
                    .arg(warn, html(c.analysis));
    return text + QStringLiteral("</div>");
}

QString ConnectionPage::captionText() const {
    QString t = m_caption->text();
    t.replace(QStringLiteral("<br>"), QStringLiteral("\n"));
    t.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    t.replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    return t;
}

// Media icons where the style has them (the glyphs are missing from many fonts), drawn in the
// buttons' text colour: the style's own are dark grey, faint on a dark palette.
void ConnectionPage::updateStepIcons() {
    const QColor ink = palette().color(QPalette::ButtonText);
    const auto tinted = [&](QStyle::StandardPixmap which) {
        const QIcon base = style()->standardIcon(which);
        QIcon out;
        for (const int px : {16, 24, 32, 48}) {
            QImage img =
                base.pixmap(px).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
            QPainter p(&img);
            p.setCompositionMode(QPainter::CompositionMode_SourceIn);
            p.fillRect(img.rect(), ink);
            p.end();
            out.addPixmap(QPixmap::fromImage(img));
        }
        return out;
    };
    m_first->setIcon(tinted(QStyle::SP_MediaSkipBackward));
    m_prev->setIcon(tinted(QStyle::SP_MediaSeekBackward));
    m_next->setIcon(tinted(QStyle::SP_MediaSeekForward));
    m_last->setIcon(tinted(QStyle::SP_MediaSkipForward));
}

// A checked "Classroom Mode" in the selection colours: Fusion's pressed shade is barely
// darker than its raised one, and on a dark palette the two cannot be told apart.
void ConnectionPage::updateClassroomButton() {
    QPalette pal = palette();
    if (m_classroomButton->isChecked()) {
        pal.setColor(QPalette::Button, pal.color(QPalette::Highlight));
        pal.setColor(QPalette::ButtonText, pal.color(QPalette::HighlightedText));
    }
    m_classroomButton->setPalette(pal);
}

void ConnectionPage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_first) {
        updateStepIcons();
        updateClassroomButton();
    }
}

void ConnectionPage::setDarkColors(bool dark) {
    m_dark = dark;
    m_ladder->setDarkColors(dark);
    m_graph->setDarkColors(dark);
    m_streamGraph->setDarkColors(dark);
    const QString bg = m_presentation
                           ? (dark ? QStringLiteral("#000000") : QStringLiteral("#ffffff"))
                           : (dark ? QStringLiteral("#23272e") : QStringLiteral("#f4f7fb"));
    const QString border = dark ? QStringLiteral("#3b4350") : QStringLiteral("#c9d3e0");
    m_caption->setStyleSheet(
        QStringLiteral("QLabel { background:%1; border:1px solid %2; border-radius:4px; }")
            .arg(bg, border));
    updateCaption();
}

} // namespace tcpscope::ui
