// SPDX-License-Identifier: GPL-2.0-or-later
#include "main_window.h"

#include "dialogs/byte_table_dialog.h"
#include "dialogs/follow_stream_dialog.h"
#include "dialogs/stream_graph_dialog.h"
#include "dialogs/syn_queue_dialog.h"
#include "document/capture_loader.h"
#include "document/selection_controller.h"
#include "models/conversation_model.h"
#include "models/field_tree_model.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/byte_table_view.h"
#include "views/exercise_panel.h"
#include "views/flags_view.h"
#include "views/header_diagram_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace tcpscope::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("TcpScope"));
    setAcceptDrops(true);
    m_controller = new SelectionController(this);
    m_loader = new CaptureLoader(this);
    buildViews();
    buildMenus();
    connect(m_loader, &CaptureLoader::started, this, [this](const QString& what) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Loading %1… %p%").arg(what));
        m_progress->show();
        m_cancel->show();
        statusBar()->showMessage(tr("Loading %1…").arg(what));
    });
    connect(m_loader, &CaptureLoader::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_loader, &CaptureLoader::preview, this, &MainWindow::onLoadPreview);
    connect(m_loader, &CaptureLoader::finished, this, &MainWindow::onLoadFinished);
    connect(m_cancel, &QToolButton::clicked, m_loader, &CaptureLoader::cancel);
    updateStatus();
}

MainWindow::~MainWindow() {
    // QWidget's destructor hides the docks, which emit visibilityChanged: by then this is no
    // longer a MainWindow, so no slot of it may run.
    if (m_exerciseDock) m_exerciseDock->disconnect(this);
}

void MainWindow::buildViews() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_warning = new QLabel(central);
    m_warning->setWordWrap(true);
    m_warning->setContentsMargins(8, 4, 8, 4);
    m_warning->setStyleSheet(
        QStringLiteral("background:#fce8a0; color:#3d2e00; border-bottom:1px solid #c8a600"));
    m_warning->hide();
    layout->addWidget(m_warning);

    // Two pages, both drawing what the same SelectionController holds: the packet analysis,
    // and the connection page (ladder, state graph, classroom mode).
    m_packets = new PacketsPage(m_controller, central);
    m_connection = new ConnectionPage(m_controller, central);
    m_pages = new QTabWidget(central);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_packets, tr("Packets"));
    m_pages->addTab(m_connection, tr("Ladder && State Graph"));
    m_pages->setTabToolTip(1, tr("One connection as a sequence ladder and as the RFC 9293 state "
                                 "machine, with a classroom step-through (Ctrl+L)"));
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_packets, &PacketsPage::streamFilterChanged, this, [this] { updateStatus(); });
    connect(m_packets, &PacketsPage::displayFilterChanged, this, [this] {
        updateStatus();
        // The ladder fades what the filter hides (it keeps every arrow: the numbers need them).
        m_connection->setDisplayFilter(m_packets->packetModel()->displayMatched());
    });
    connect(m_packets, &PacketsPage::marksChanged, this, [this] { updateStatus(); });
    connect(m_packets, &PacketsPage::byteTableRequested, this, [this] { showByteTable(); });
    connect(m_packets, &PacketsPage::synQueueRequested, this,
            [this](uint32_t stream) { showSynQueue(stream); });
    connect(m_connection, &ConnectionPage::synQueueRequested, this,
            [this](uint32_t stream) { showSynQueue(stream); });
    connect(m_packets, &PacketsPage::followStreamRequested, this,
            [this](uint32_t stream) { followStream(stream); });
    connect(m_connection, &ConnectionPage::followStreamRequested, this,
            [this](uint32_t stream) { followStream(stream); });
    connect(m_packets, &PacketsPage::streamGraphRequested, this, [this](uint32_t stream, int row) {
        const DocumentPtr& doc = document();
        bool fromServer = true;
        if (doc && row >= 0) {
            fromServer = graphDirectionFor(*doc, size_t(row));
        } else if (doc && stream < doc->tracker().connections().size()) {
            // From the conversations table: the direction that carried more data.
            const TcpConnection& c = doc->tracker().connections()[stream];
            fromServer = c.server.bytes >= c.client.bytes;
        }
        streamGraph(stream, fromServer);
    });
    connect(m_packets, &PacketsPage::pasteRequested, this,
            [this](const QString& text) { showPasteDialog(text); });

    m_statusPackets = new QLabel(this);
    m_statusPackets->setObjectName(QStringLiteral("statusPackets"));
    m_statusFile = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    statusBar()->addWidget(m_statusPackets);
    statusBar()->addWidget(m_statusFile, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

PacketListModel* MainWindow::packetModel() const {
    return m_packets->packetModel();
}
FieldTreeModel* MainWindow::treeModel() const {
    return m_packets->treeModel();
}
ConversationModel* MainWindow::conversationModel() const {
    return m_packets->conversationModel();
}
QTableView* MainWindow::packetView() const {
    return m_packets->packetView();
}
QTreeView* MainWindow::treeView() const {
    return m_packets->treeView();
}
QTableView* MainWindow::conversationView() const {
    return m_packets->conversationView();
}
ByteTableView* MainWindow::byteTable() const {
    return m_packets->byteTable();
}
FlagsView* MainWindow::flagsView() const {
    return m_packets->flagsView();
}
HeaderDiagramView* MainWindow::headerDiagram() const {
    return m_packets->headerDiagram();
}

const DocumentPtr& MainWindow::document() const {
    return m_controller->document();
}

void MainWindow::setDocument(DocumentPtr document) {
    if (m_exercise && m_exercise->active() && m_exercise->document() != document) {
        // Another capture: the exercise was about the one before.
        m_exercise->clear();
        m_exerciseDock->hide();
        m_connection->setExerciseMode(false);
    }
    m_controller->setDocument(document);
    if (document && document->error()) {
        const InputError& e = *document->error();
        const size_t n = document->records().size();
        // One sentence each, so a translation needs no English plural endings.
        const QString name = documentName(*document);
        const QString where = QString::fromStdString(e.where());
        const QString message = QString::fromStdString(e.message);
        m_warning->setText(
            n == 1 ? tr("⚠ Reading %1 stopped at %2: %3. The 1 packet before the damage is shown.")
                         .arg(name, where, message)
                   : tr("⚠ Reading %1 stopped at %2: %3. The %4 packets before the damage are "
                        "shown.")
                         .arg(name, where, message, QString::number(n)));
        m_warning->show();
    } else {
        m_warning->hide();
    }
    if (document && !document->records().empty()) m_controller->selectPacket(0);
    setWindowTitle(document ? QStringLiteral("%1 — TcpScope").arg(documentName(*document))
                            : QStringLiteral("TcpScope"));
    updateStatus();
    emit documentShown(document);
}

void MainWindow::updateStatus() {
    const auto& doc = m_controller->document();
    if (!doc) {
        m_statusPackets->setText(tr("No capture"));
        m_statusFile->clear();
        return;
    }
    QString s = tr("Packets: %1").arg(doc->records().size());
    const PacketListModel* model = m_packets->packetModel();
    if (model->filtered()) {
        const size_t all = doc->records().size();
        const int shown = model->rowCount();
        s += tr(" · Displayed: %1 of %2 (%3%)")
                 .arg(shown)
                 .arg(all)
                 .arg(all ? 100.0 * shown / double(all) : 0.0, 0, 'f', 1);
    }
    if (model->markedCount() > 0) s += tr(" · Marked: %1").arg(model->markedCount());
    s += tr(" · Connections: %1").arg(doc->tracker().connections().size());
    if (doc->isPartial() && doc != m_liveDocument)
        s += m_loader->isBusy() ? tr(" · loading the rest…") : tr(" · first packets only");
    m_statusPackets->setText(s);
    if (doc == m_liveDocument) {
        m_statusFile->setText(tr("Live capture on %1").arg(fromCore(doc->path())));
        return;
    }
    m_statusFile->setText(QStringLiteral("%1 (%2)").arg(
        doc->path().empty()
            ? documentName(*doc)
            : QDir::toNativeSeparators(QFileInfo(documentPath(*doc)).absoluteFilePath()),
        fromCore(doc->formatName())));
}

DissectOptions MainWindow::dissectOptions() const {
    DissectOptions o;
    o.assumeChecksumOffload = m_assumeOffload;
    return o;
}

void MainWindow::openFile(const QString& path) {
    if (!keepOrDiscardCapture()) return;
    m_pendingPath = path;
    m_loader->openFile(path, dissectOptions());
}

bool MainWindow::openFileSync(const QString& path) {
    DocumentPtr doc = openDocument(path, dissectOptions());
    if (!doc) return false;
    if (doc->records().empty() && doc->error()) {
        showUnreadable(*doc);
        return false;
    }
    setDocument(doc);
    addRecent(path);
    return !doc->records().empty() || !doc->error();
}

void MainWindow::onLoadPreview(DocumentPtr document) {
    // The first packets of a large file: shown (and explorable) while the rest loads.
    const size_t n = document->records().size();
    const QString name = documentName(*document);
    setDocument(std::move(document));
    statusBar()->showMessage(tr("Showing the first %1 packets while %2 loads…").arg(n).arg(name));
}

void MainWindow::onLoadFinished(DocumentPtr document) {
    m_progress->hide();
    m_cancel->hide();
    const DocumentPtr shown = m_controller->document();
    const bool replacesPreview = shown && shown->isPartial();
    if (!document) {
        if (replacesPreview) {
            m_warning->setText(
                tr("⚠ Loading %1 was cancelled. Only its first %2 packets are shown.")
                    .arg(documentName(*shown))
                    .arg(shown->records().size()));
            m_warning->show();
            updateStatus();
        }
        statusBar()->showMessage(tr("Loading cancelled."), 5000);
        return;
    }
    statusBar()->clearMessage();
    if (document->records().empty() && document->error() && !replacesPreview) {
        showUnreadable(*document);
        return;
    }
    if (replacesPreview && shown->path() == document->path()) {
        // The preview's rows are the first rows of the complete document: keep what the user
        // selected, filtered and scrolled to while the rest was loading.
        const int packet = m_controller->packet();
        const int node = m_controller->node();
        const std::optional<uint32_t> stream = m_packets->streamFilter();
        const int scroll = m_packets->scrollPosition();
        setDocument(document);
        if (stream) m_packets->setStreamFilter(stream);
        if (packet >= 0) m_controller->selectPacket(packet);
        if (node >= 0 && m_controller->tree() && node < int(m_controller->tree()->nodes().size()))
            m_controller->selectNode(node);
        m_packets->setScrollPosition(scroll);
    } else {
        setDocument(document);
    }
    if (!document->path().empty() && (!document->records().empty() || !document->error()))
        addRecent(documentPath(*document));
}

QSize MainWindow::initialSize(const QSize& available) {
    const QSize wanted(1280, 800);
    if (available.width() >= wanted.width() && available.height() >= wanted.height()) return wanted;
    return wanted.boundedTo(available * 0.9);
}

void MainWindow::showUnreadable(const CaptureSession& failed) {
    const DocumentPtr& shown = m_controller->document();
    const QString message = QString::fromStdString(failed.error()->message);
    const QString where = QString::fromStdString(failed.error()->where());
    // Where no position applies (the file could not be opened or read at all), none is named.
    QString text =
        where.isEmpty()
            ? tr("⚠ Could not open %1: %2.").arg(documentPath(failed), message)
            : tr("⚠ Could not open %1: %2 (at %3).").arg(documentPath(failed), message, where);
    if (shown) text += QLatin1Char(' ') + tr("%1 is still open.").arg(documentName(*shown));
    m_warning->setText(text);
    m_warning->show();
    statusBar()->showMessage(tr("Could not open %1").arg(documentPath(failed)), 5000);
}

bool MainWindow::selectFrame(uint64_t number) {
    if (!document()) return false;
    const int row = document()->indexOfFrame(number);
    if (row < 0) return false;
    m_controller->selectPacket(row);
    return true;
}

bool MainWindow::stepPacket(int delta) {
    PacketListModel* model = packetModel();
    const int rows = model->rowCount();
    if (!document() || rows == 0) return false;
    const int at = model->modelRow(m_controller->packet());
    const int to = at < 0 ? (delta > 0 ? 0 : rows - 1) : std::clamp(at + delta, 0, rows - 1);
    if (to == at) return false;
    m_controller->selectPacket(model->documentRow(to));
    return true;
}

bool MainWindow::goToEnd(bool last) {
    PacketListModel* model = packetModel();
    if (!document() || model->rowCount() == 0) return false;
    m_controller->selectPacket(model->documentRow(last ? model->rowCount() - 1 : 0));
    return true;
}

bool MainWindow::goToPacket(uint64_t number) {
    if (!document()) return false;
    const int row = document()->indexOfFrame(number);
    if (row < 0) {
        statusBar()->showMessage(tr("There is no packet %1 in this capture.").arg(number), 5000);
        return false;
    }
    if (packetModel()->modelRow(row) < 0) {
        statusBar()->showMessage(
            tr("Packet %1 is not shown: the list shows one connection (Show All shows every "
               "packet).")
                .arg(number),
            5000);
        return false;
    }
    m_controller->selectPacket(row);
    return true;
}

bool MainWindow::selectField(const QString& abbrev) {
    return m_controller->selectField(abbrev);
}

void MainWindow::setDarkColors(bool dark) {
    m_dark = dark;
    m_packets->setDarkColors(dark);
    m_connection->setDarkColors(dark);
    if (m_synQueueDialog) m_synQueueDialog->setDarkColors(dark);
}

Preferences MainWindow::preferences() const {
    Preferences p;
    p.timeFormat = packetModel()->timeFormat();
    p.colors = m_dark ? Preferences::Colors::Dark : Preferences::Colors::Light;
    p.zoom = m_zoom;
    p.ladderLabels = m_connection->ladder()->labelOptions();
    p.assumeOffload = m_assumeOffload;
    return p;
}

void MainWindow::setPreferences(const Preferences& p) {
    const bool dark = p.colors == Preferences::Colors::Dark;
    if (dark != m_dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        setDarkColors(dark);
    }
    setTimeFormat(p.timeFormat);
    setZoom(p.zoom);
    m_connection->setLabelOptions(p.ladderLabels);
    if (p.assumeOffload != m_assumeOffload) {
        if (m_offloadAction)
            m_offloadAction->setChecked(p.assumeOffload); // reopens the file, as the menu does
        else
            m_assumeOffload = p.assumeOffload;
    }
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(preferences(), this);
    connect(&dialog, &PreferencesDialog::applied, this, &MainWindow::setPreferences);
    dialog.exec();
}

void MainWindow::showPacketsPage() {
    m_pages->setCurrentIndex(0);
}

void MainWindow::showConnectionPage() {
    m_pages->setCurrentWidget(m_connection);
}

bool MainWindow::connectionPageShown() const {
    return m_pages->currentWidget() == m_connection;
}

void MainWindow::setPresentation(bool on, bool fullScreen) {
    if (on == m_presentation) return;
    m_presentation = on;
    if (on) {
        showConnectionPage();
        m_connection->setClassroom(true);
        m_wasMaximized = isMaximized();
    }
    m_connection->setPresentation(on);
    menuBar()->setVisible(!on);
    statusBar()->setVisible(!on);
    m_pages->tabBar()->setVisible(!on);
    if (on && fullScreen) showFullScreen();
    if (!on && isFullScreen()) m_wasMaximized ? showMaximized() : showNormal();
    if (on) m_connection->setFocus(Qt::OtherFocusReason);
    emit presentationChanged(on);
}

void MainWindow::setTimeFormat(TimeFormat format) {
    m_packets->setTimeFormat(format);
    for (QAction* a : m_timeActions) a->setChecked(TimeFormat(a->data().toInt()) == format);
}

void MainWindow::setZoom(int steps) {
    m_zoom = std::clamp(steps, -3, 12);
    m_packets->setZoom(m_zoom);
    m_connection->setFontZoom(m_zoom);
    for (FollowStreamDialog* dialog : std::as_const(m_followDialogs))
        if (dialog) dialog->setZoom(m_zoom);
    if (m_byteTableDialog) m_byteTableDialog->setZoom(m_zoom);
}

SynQueueDialog* MainWindow::showSynQueue(std::optional<uint32_t> stream) {
    if (!stream) {
        const int row = m_controller->packet();
        const TcpPacketAnalysis* a =
            document() && row >= 0 ? document()->analysis(size_t(row)) : nullptr;
        if (a) stream = a->stream;
    }
    if (!m_synQueueDialog) {
        m_synQueueDialog = new SynQueueDialog(m_controller, this);
        m_synQueueDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_synQueueDialog->setDarkColors(m_dark);
    }
    m_synQueueDialog->showSocketOf(stream);
    m_synQueueDialog->show();
    m_synQueueDialog->raise();
    return m_synQueueDialog;
}

ByteTableDialog* MainWindow::showByteTable() {
    if (!m_byteTableDialog) {
        m_byteTableDialog = new ByteTableDialog(m_controller, this);
        m_byteTableDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_byteTableDialog->setZoom(m_zoom);
    }
    m_byteTableDialog->show();
    m_byteTableDialog->raise();
    m_byteTableDialog->activateWindow();
    return m_byteTableDialog;
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    // From the new window size: the pages themselves are not laid out yet.
    m_packets->fitPanes(QSize(event->size().width(), event->size().height() -
                                                         menuBar()->sizeHint().height() -
                                                         statusBar()->sizeHint().height()));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            openFile(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
}

FollowStreamDialog* MainWindow::followStream(uint32_t stream) {
    const DocumentPtr& doc = document();
    if (!doc || stream >= doc->tracker().connections().size()) return nullptr;
    m_followDialogs.removeAll(nullptr);
    for (FollowStreamDialog* open : std::as_const(m_followDialogs))
        if (open->stream() == stream) {
            open->show();
            open->raise();
            open->activateWindow();
            return open;
        }
    auto* dialog = new FollowStreamDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setZoom(m_zoom);
    dialog->setStream(stream);
    connect(dialog, &FollowStreamDialog::filterOutRequested, this,
            [this, dialog](const QString& e) {
                showPacketsPage();
                // "Show Only This Connection" on the same stream would leave nothing shown.
                if (m_packets->streamFilter() == dialog->stream())
                    m_packets->setStreamFilter(std::nullopt);
                m_packets->useAsFilter(e, PacketsPage::Combine::AndNotSelected, true);
            });
    m_followDialogs.append(dialog);
    dialog->show();
    return dialog;
}

FollowStreamDialog* MainWindow::followSelectedStream() {
    const DocumentPtr& doc = document();
    const int row = m_controller->packet();
    const TcpPacketAnalysis* a = doc && row >= 0 ? doc->analysis(size_t(row)) : nullptr;
    if (!a) {
        statusBar()->showMessage(tr("Follow TCP Stream: select a TCP packet first."), 5000);
        return nullptr;
    }
    return followStream(a->stream);
}

StreamGraphDialog* MainWindow::streamGraph(uint32_t stream, bool fromServer) {
    const DocumentPtr& doc = document();
    if (!doc || stream >= doc->tracker().connections().size()) return nullptr;
    m_graphDialogs.removeAll(nullptr);
    for (StreamGraphDialog* open : std::as_const(m_graphDialogs))
        if (open->stream() == stream) {
            if (open->fromServer() != fromServer) open->setStream(stream, fromServer);
            open->show();
            open->raise();
            open->activateWindow();
            return open;
        }
    auto* dialog = new StreamGraphDialog(m_controller, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setStream(stream, fromServer);
    m_graphDialogs.append(dialog);
    dialog->show();
    return dialog;
}

StreamGraphDialog* MainWindow::graphSelectedStream() {
    const DocumentPtr& doc = document();
    const int row = m_controller->packet();
    const TcpPacketAnalysis* a = doc && row >= 0 ? doc->analysis(size_t(row)) : nullptr;
    if (!a) {
        statusBar()->showMessage(tr("TCP Stream Graphs: select a TCP packet first."), 5000);
        return nullptr;
    }
    return streamGraph(a->stream, graphDirectionFor(*doc, size_t(row)));
}

} // namespace tcpscope::ui
