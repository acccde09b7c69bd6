// SPDX-License-Identifier: GPL-2.0-or-later
#include "main_window.h"

#include "capture_loader.h"
#include "connection_page.h"
#include "explanation_html.h"
#include "models/conversation_model.h"
#include "models/field_tree_model.h"
#include "selection_controller.h"
#include "views/byte_table_view.h"
#include "views/flags_view.h"
#include "views/header_diagram_view.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
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
    wireSelection();
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

MainWindow::~MainWindow() = default;

void MainWindow::buildViews() {
    m_packetModel = new PacketListModel(this);
    m_treeModel = new FieldTreeModel(this);
    m_convModel = new ConversationModel(this);

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

    m_filterBar = new QWidget(central);
    auto* fl = new QHBoxLayout(m_filterBar);
    fl->setContentsMargins(8, 2, 8, 2);
    m_filterLabel = new QLabel(m_filterBar);
    auto* showAll = new QPushButton(tr("Show all packets"), m_filterBar);
    fl->addWidget(m_filterLabel, 1);
    fl->addWidget(showAll);
    m_filterBar->setStyleSheet(QStringLiteral("background:#d9ecff; color:#0b2a4a"));
    m_filterBar->hide();
    connect(showAll, &QPushButton::clicked, this, [this] { applyStreamFilter(std::nullopt); });
    layout->addWidget(m_filterBar);

    m_packetView = new QTableView(central);
    m_packetView->setModel(m_packetModel);
    m_packetView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_packetView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_packetView->setShowGrid(false);
    m_packetView->setWordWrap(false);
    m_packetView->setTextElideMode(Qt::ElideRight);
    m_packetView->verticalHeader()->hide();
    // Fixed row height and column widths: no per-row measuring, so a million rows scroll smoothly.
    m_packetView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_packetView->verticalHeader()->setDefaultSectionSize(m_packetView->fontMetrics().height() + 4);
    m_packetView->horizontalHeader()->setStretchLastSection(true);
    m_packetView->horizontalHeader()->setHighlightSections(false);
    const int cw = m_packetView->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int widths[] = {6, 10, 14, 14, 7, 6, 13, 13};
    for (int c = 0; c < 8; ++c) m_packetView->setColumnWidth(c, widths[c] * cw + 12);

    m_treeView = new QTreeView(central);
    m_treeView->setModel(m_treeModel);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAllColumnsShowFocus(true);
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_treeView->header()->setStretchLastSection(true);
    m_treeView->setColumnWidth(0, 36 * cw);
    m_treeView->setColumnWidth(1, 22 * cw);

    m_diagram = new HeaderDiagramView;
    m_diagramScroll = new QScrollArea(central);
    m_diagramScroll->setWidget(m_diagram);
    m_diagramScroll->setWidgetResizable(true);
    m_diagramScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // After the diagram's layout settles (its height depends on the packet's options).
    connect(m_diagram, &HeaderDiagramView::selectedBoxMoved, this, [this] {
        QTimer::singleShot(0, this, [this] {
            const QRect r = m_diagram->boxRect(m_diagram->selectedBoxNode());
            if (r.isEmpty()) return;
            // Show the header's title too when the box still fits below it.
            const int viewH = m_diagramScroll->viewport()->height();
            int y = m_diagram->selectedLayerTop() - 4;
            if (r.bottom() + 8 - y > viewH) y = r.bottom() + 8 - viewH;
            if (r.top() - 8 < y) y = r.top() - 8;
            m_diagramScroll->verticalScrollBar()->setValue(std::max(0, y));
        });
    });

    m_bytes = new ByteTableView(central);
    m_flags = new FlagsView(central);
    m_explanation = new QTextBrowser(central);
    m_explanation->setOpenExternalLinks(true);
    m_convView = new QTableView(central);
    m_convView->setModel(m_convModel);
    m_convView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_convView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_convView->verticalHeader()->hide();
    m_convView->horizontalHeader()->setStretchLastSection(true);

    m_sideTabs = new QTabWidget(central);
    m_sideTabs->addTab(m_explanation, tr("Explanation"));
    m_sideTabs->addTab(m_convView, tr("Conversations"));
    m_sideTabs->setDocumentMode(true);

    auto* flagsAndTabs = new QWidget(central);
    auto* ft = new QVBoxLayout(flagsAndTabs);
    ft->setContentsMargins(0, 0, 0, 0);
    ft->setSpacing(2);
    ft->addWidget(m_flags);
    ft->addWidget(m_sideTabs, 1);

    auto* middle = m_middle = new QSplitter(Qt::Horizontal, central);
    middle->addWidget(m_treeView);
    middle->addWidget(m_diagramScroll);
    middle->setStretchFactor(0, 5);
    middle->setStretchFactor(1, 4);

    auto* bottom = m_bottom = new QSplitter(Qt::Horizontal, central);
    bottom->addWidget(m_bytes);
    bottom->addWidget(flagsAndTabs);
    bottom->setStretchFactor(0, 4);
    bottom->setStretchFactor(1, 5);

    auto* vertical = m_vertical = new QSplitter(Qt::Vertical, central);
    vertical->addWidget(m_packetView);
    vertical->addWidget(middle);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 4);
    vertical->setStretchFactor(2, 4);
    vertical->setChildrenCollapsible(false);
    // Two pages: the packet analysis above, and the connection page (ladder, state graph,
    // classroom mode), both driven by the same SelectionController.
    m_connection = new ConnectionPage(m_controller, central);
    m_pages = new QTabWidget(central);
    m_pages->setDocumentMode(true);
    m_pages->addTab(vertical, tr("Packets"));
    m_pages->addTab(m_connection, tr("Ladder && State Graph"));
    m_pages->setTabToolTip(1, tr("One connection as a sequence ladder and as the RFC 9293 state "
                                 "machine, with a classroom step-through (Ctrl+L)"));
    layout->addWidget(m_pages, 1);
    for (QSplitter* sp : {m_vertical, m_middle, m_bottom})
        connect(sp, &QSplitter::splitterMoved, this, [this] { m_userSizedPanes = true; });
    setCentralWidget(central);

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

void MainWindow::wireSelection() {
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncing) return;
                m_controller->selectPacket(
                    current.isValid() ? m_packetModel->documentRow(current.row()) : -1);
            });
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncing) return;
                m_controller->selectNode(m_treeModel->nodeOf(current));
            });
    connect(m_bytes, &ByteTableView::nodeClicked, m_controller, &SelectionController::selectNode);
    connect(m_flags, &FlagsView::nodeClicked, m_controller, &SelectionController::selectNode);
    connect(m_diagram, &HeaderDiagramView::nodeClicked, m_controller,
            &SelectionController::selectNode);
    connect(m_controller, &SelectionController::packetChanged, this, &MainWindow::onPacketChanged);
    connect(m_controller, &SelectionController::nodeChanged, this, &MainWindow::onNodeChanged);
    connect(m_convView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_syncing || !current.isValid()) return;
                applyStreamFilter(
                    m_convModel->data(current, ConversationModel::StreamRole).toUInt());
            });
}

void MainWindow::onPacketChanged(int row) {
    const auto tree = m_controller->tree();
    const auto bytes = m_controller->bytes();
    m_syncing = true;
    m_treeModel->setTree(tree, bytes);
    if (tree) {
        for (int i = 0; i < int(tree->roots().size()); ++i)
            m_treeView->setFirstColumnSpanned(i, {}, true);
        m_treeView->expandToDepth(0);
    }
    const int mrow = m_packetModel->modelRow(row);
    if (mrow >= 0 && m_packetView->currentIndex().row() != mrow) {
        m_packetView->setCurrentIndex(m_packetModel->index(mrow, 0));
        m_packetView->scrollTo(m_packetModel->index(mrow, 0));
    }
    m_syncing = false;
    m_bytes->setPacket(tree, bytes);
    std::optional<uint16_t> summaryFlags;
    if (row >= 0 && m_controller->document()->rows()[size_t(row)].hasTcp)
        summaryFlags = m_controller->document()->rows()[size_t(row)].flags;
    m_flags->setTree(tree, summaryFlags);
    m_diagram->setTree(tree);
    updateExplanation();
}

void MainWindow::onNodeChanged(int node) {
    m_syncing = true;
    const QModelIndex idx = m_treeModel->indexOfNode(node);
    if (idx.isValid()) {
        m_treeView->setCurrentIndex(idx);
        m_treeView->scrollTo(idx);
    } else {
        m_treeView->selectionModel()->clearCurrentIndex();
        m_treeView->clearSelection();
    }
    m_syncing = false;
    m_bytes->setSelectedNode(node);
    m_flags->setSelectedNode(node);
    m_diagram->setSelectedNode(node);
    updateExplanation();
}

void MainWindow::updateExplanation() {
    const auto& doc = m_controller->document();
    const int node = m_controller->node();
    if (node >= 0 && m_controller->tree()) {
        m_explanation->setHtml(fieldExplanationHtml(*m_controller->tree(), node));
        m_sideTabs->setCurrentWidget(m_explanation);
    } else if (doc && m_controller->packet() >= 0) {
        m_explanation->setHtml(packetExplanationHtml(*doc, m_controller->packet()));
    } else {
        m_explanation->setHtml(
            tr("<p>Open a capture (File › Open, drag and drop, or the Samples menu) or paste a "
               "hex dump (Ctrl+Shift+V). Select a packet, then any field, byte, flag or "
               "header box to read what it means.</p>"));
    }
}

void MainWindow::applyStreamFilter(std::optional<uint32_t> stream) {
    const int current = m_controller->packet();
    m_syncing = true;
    m_packetModel->setStreamFilter(stream);
    if (!stream) m_convView->clearSelection();
    m_syncing = false;
    m_filterBar->setVisible(stream.has_value());
    if (stream)
        m_filterLabel->setText(tr("Showing TCP stream %1 only (tcp.stream == %1)").arg(*stream));
    const int mrow = m_packetModel->modelRow(current);
    if (mrow >= 0) {
        m_syncing = true;
        m_packetView->setCurrentIndex(m_packetModel->index(mrow, 0));
        m_packetView->scrollTo(m_packetModel->index(mrow, 0), QAbstractItemView::PositionAtCenter);
        m_syncing = false;
    } else if (m_packetModel->rowCount() > 0) {
        m_controller->selectPacket(m_packetModel->documentRow(0));
    }
    updateStatus();
}

const DocumentPtr& MainWindow::document() const {
    return m_controller->document();
}

void MainWindow::setDocument(DocumentPtr document) {
    m_syncing = true;
    m_packetModel->setDocument(document);
    m_convModel->setDocument(document);
    m_syncing = false;
    m_filterBar->hide();
    m_controller->setDocument(document);
    if (document && document->error()) {
        const InputError& e = *document->error();
        const size_t n = document->rows().size();
        m_warning->setText(
            tr("⚠ Reading %1 stopped at %2: %3. The %4 packet%5 before the damage %6 shown.")
                .arg(document->displayName(), QString::fromStdString(e.where()),
                     QString::fromStdString(e.message))
                .arg(n)
                .arg(n == 1 ? "" : "s")
                .arg(n == 1 ? "is" : "are"));
        m_warning->show();
    } else {
        m_warning->hide();
    }
    if (document && !document->rows().empty()) m_controller->selectPacket(0);
    setWindowTitle(document ? QStringLiteral("%1 — TcpScope").arg(document->displayName())
                            : QStringLiteral("TcpScope"));
    updateStatus();
    updateExplanation();
    emit documentShown(document);
}

void MainWindow::updateStatus() {
    const auto& doc = m_controller->document();
    if (!doc) {
        m_statusPackets->setText(tr("No capture"));
        m_statusFile->clear();
        return;
    }
    QString s = tr("Packets: %1").arg(doc->rows().size());
    if (m_packetModel->streamFilter()) s += tr(" · Displayed: %1").arg(m_packetModel->rowCount());
    s += tr(" · Connections: %1").arg(doc->tracker().connections().size());
    if (doc->isPartial())
        s += m_loader->isBusy() ? tr(" · loading the rest…") : tr(" · first packets only");
    m_statusPackets->setText(s);
    m_statusFile->setText(QStringLiteral("%1 (%2)").arg(
        doc->path().isEmpty() ? doc->displayName()
                              : QDir::toNativeSeparators(QFileInfo(doc->path()).absoluteFilePath()),
        doc->formatName()));
}

DissectOptions MainWindow::dissectOptions() const {
    DissectOptions o;
    o.assumeChecksumOffload = m_assumeOffload;
    return o;
}

void MainWindow::openFile(const QString& path) {
    m_pendingPath = path;
    m_loader->openFile(path, dissectOptions());
}

bool MainWindow::openFileSync(const QString& path) {
    DocumentPtr doc = CaptureDocument::open(path, dissectOptions());
    if (!doc) return false;
    setDocument(doc);
    addRecent(path);
    return !doc->rows().empty() || !doc->error();
}

void MainWindow::onLoadPreview(DocumentPtr document) {
    // The first packets of a large file: shown (and explorable) while the rest loads.
    const size_t n = document->rows().size();
    const QString name = document->displayName();
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
                    .arg(shown->displayName())
                    .arg(shown->rows().size()));
            m_warning->show();
            updateStatus();
        }
        statusBar()->showMessage(tr("Loading cancelled."), 5000);
        return;
    }
    statusBar()->clearMessage();
    if (replacesPreview && shown->path() == document->path()) {
        // The preview's rows are the first rows of the complete document: keep what the user
        // selected, filtered and scrolled to while the rest was loading.
        const int packet = m_controller->packet();
        const int node = m_controller->node();
        const std::optional<uint32_t> stream = m_packetModel->streamFilter();
        const int scroll = m_packetView->verticalScrollBar()->value();
        setDocument(document);
        if (stream) applyStreamFilter(stream);
        if (packet >= 0) m_controller->selectPacket(packet);
        if (node >= 0 && m_controller->tree() && node < int(m_controller->tree()->nodes().size()))
            m_controller->selectNode(node);
        m_packetView->verticalScrollBar()->setValue(scroll);
    } else {
        setDocument(document);
    }
    if (!document->path().isEmpty() && (!document->rows().empty() || !document->error()))
        addRecent(document->path());
    if (document->rows().empty() && document->error())
        statusBar()->showMessage(
            tr("Could not open %1: %2")
                .arg(document->path(), QString::fromStdString(document->error()->message)));
}

bool MainWindow::selectFrame(uint64_t number) {
    if (!document()) return false;
    const int row = document()->rowOfFrame(number);
    if (row < 0) return false;
    m_controller->selectPacket(row);
    return true;
}

bool MainWindow::selectField(const QString& abbrev) {
    return m_controller->selectField(abbrev);
}

void MainWindow::setDarkColors(bool dark) {
    m_packetModel->setDarkColors(dark);
    m_connection->setDarkColors(dark);
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
    m_packetModel->setTimeFormat(format);
}

void MainWindow::setZoom(int steps) {
    m_zoom = std::clamp(steps, -3, 12);
    QFont base = QApplication::font();
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const auto grow = [this](QFont f) {
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * (1.0 + 0.12 * m_zoom)));
        return f;
    };
    for (QWidget* w : std::initializer_list<QWidget*>{m_packetView, m_treeView, m_diagram, m_flags,
                                                      m_explanation, m_convView})
        w->setFont(grow(base));
    m_bytes->setFont(grow(fixed));
    m_connection->setFontZoom(m_zoom);
    m_packetView->verticalHeader()->setDefaultSectionSize(QFontMetrics(grow(base)).height() + 4);
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    if (m_userSizedPanes) return;
    // Until the user drags a splitter: the list a quarter, the tree and diagram the most, the
    // bytes and flags the rest; the byte table as wide as 16 bytes need.
    // From the new window size: the splitters themselves are not laid out yet.
    const int h =
        event->size().height() - menuBar()->sizeHint().height() - statusBar()->sizeHint().height();
    const int w = event->size().width();
    m_vertical->setSizes({h * 27 / 100, h * 45 / 100, h * 28 / 100});
    m_middle->setSizes({w * 52 / 100, w * 48 / 100});
    const int bytesWidth = std::min(m_bytes->sizeHint().width(), w * 45 / 100);
    m_bottom->setSizes({bytesWidth, w - bytesWidth});
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

} // namespace tcpscope::ui
