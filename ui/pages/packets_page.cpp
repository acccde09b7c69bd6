// SPDX-License-Identifier: GPL-2.0-or-later
#include "pages/packets_page.h"

#include "document/selection_controller.h"
#include "models/conversation_model.h"
#include "models/field_tree_model.h"
#include "views/article_table_view.h"
#include "views/byte_table_view.h"
#include "views/display_filter_bar.h"
#include "views/explanation_html.h"
#include "views/flags_view.h"
#include "views/header_diagram_view.h"

#include <tcpscope/tcpdump_format.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace tcpscope::ui {

PacketsPage::PacketsPage(SelectionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    buildViews();
    wireUserPicks();
    buildTreeContextMenu();
    buildConversationMenu();
    connect(m_controller, &SelectionController::documentChanged, this,
            &PacketsPage::onDocumentChanged);
    connect(m_controller, &SelectionController::packetChanged, this, &PacketsPage::onPacketChanged);
    connect(m_controller, &SelectionController::nodeChanged, this, &PacketsPage::onNodeChanged);
    updateExplanation();
}

void PacketsPage::buildViews() {
    m_packetModel = new PacketListModel(this);
    m_treeModel = new FieldTreeModel(this);
    m_convModel = new ConversationModel(this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(buildDisplayFilterBar());
    layout->addWidget(buildFilterBar());
    layout->addWidget(buildFindBar());
    buildPacketList();
    buildFieldTree();
    buildHeaderDiagram();
    QWidget* flagsAndTabs = buildFlagsAndTabs();
    layout->addWidget(arrangePanes(flagsAndTabs), 1);

    // Ctrl+V in the packet list pastes a hex dump, as the paste dialog prefilled.
    auto* paste =
        new QShortcut(QKeySequence::Paste, m_packetView, nullptr, nullptr, Qt::WidgetShortcut);
    connect(paste, &QShortcut::activated, this,
            [this] { emit pasteRequested(QApplication::clipboard()->text()); });
}

// The bar over the packet list that says a stream filter is on, with a way out.
QWidget* PacketsPage::buildFilterBar() {
    m_filterBar = new QWidget(this);
    auto* fl = new QHBoxLayout(m_filterBar);
    fl->setContentsMargins(8, 2, 8, 2);
    m_filterLabel = new QLabel(m_filterBar);
    auto* showAll = new QPushButton(tr("Show all packets"), m_filterBar);
    fl->addWidget(m_filterLabel, 1);
    fl->addWidget(showAll);
    m_filterBar->setStyleSheet(QStringLiteral("background:#d9ecff; color:#0b2a4a"));
    m_filterBar->hide();
    connect(showAll, &QPushButton::clicked, this, [this] { setStreamFilter(std::nullopt); });
    return m_filterBar;
}

// The find bar (Ctrl+F): where to look, what, and the way through the matches.
QWidget* PacketsPage::buildFindBar() {
    m_findBar = new QWidget(this);
    auto* fl = new QHBoxLayout(m_findBar);
    fl->setContentsMargins(8, 2, 8, 2);
    fl->addWidget(new QLabel(tr("Find in"), m_findBar));
    m_findIn = new QComboBox(m_findBar);
    m_findIn->addItem(tr("Info column"), int(FindQuery::In::Info));
    m_findIn->addItem(tr("Packet bytes, as text"), int(FindQuery::In::BytesText));
    m_findIn->addItem(tr("Packet bytes, as hex"), int(FindQuery::In::BytesHex));
    m_findIn->addItem(tr("Display filter"), int(FindQuery::In::DisplayFilter));
    m_findText = new QLineEdit(m_findBar);
    m_findText->setClearButtonEnabled(true);
    m_findText->setPlaceholderText(tr("text, or hex bytes such as 2a:31:0d:0a"));
    connect(m_findIn, &QComboBox::currentIndexChanged, this, [this] {
        const bool filter = m_findIn->currentData().toInt() == int(FindQuery::In::DisplayFilter);
        m_findText->setPlaceholderText(filter ? tr("a display filter, e.g. tcp.flags.reset == 1")
                                              : tr("text, or hex bytes such as 2a:31:0d:0a"));
    });
    m_findCase = new QCheckBox(tr("Case sensitive"), m_findBar);
    auto* next = new QPushButton(tr("Find"), m_findBar);
    auto* previous = new QPushButton(tr("Previous"), m_findBar);
    auto* close = new QPushButton(tr("Close"), m_findBar);
    m_findMessage = new QLabel(m_findBar);
    fl->addWidget(m_findIn);
    fl->addWidget(m_findText, 1);
    fl->addWidget(m_findCase);
    fl->addWidget(next);
    fl->addWidget(previous);
    fl->addWidget(m_findMessage);
    fl->addWidget(close);
    m_findBar->hide();
    connect(m_findText, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(next, &QPushButton::clicked, this, [this] { findNext(); });
    connect(previous, &QPushButton::clicked, this, [this] { findNext(true); });
    connect(close, &QPushButton::clicked, m_findBar, &QWidget::hide);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, nullptr, nullptr,
                                 Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_findBar, &QWidget::hide);
    return m_findBar;
}

void PacketsPage::showFindBar() {
    m_findBar->show();
    m_findText->setFocus();
    m_findText->selectAll();
}

FindQuery PacketsPage::findQuery() const {
    FindQuery q;
    q.in = FindQuery::In(m_findIn->currentData().toInt());
    q.text = m_findText->text();
    q.caseSensitive = m_findCase->isChecked();
    return q;
}

void PacketsPage::setFindQuery(const FindQuery& query) {
    m_findIn->setCurrentIndex(m_findIn->findData(int(query.in)));
    m_findText->setText(query.text);
    m_findCase->setChecked(query.caseSensitive);
}

QString PacketsPage::findMessage() const {
    return m_findMessage->text();
}

bool PacketsPage::findNext(bool backward) {
    const DocumentPtr& doc = m_packetModel->document();
    if (!doc) return false;
    m_findBar->show();
    QString error;
    const int from = m_packetModel->modelRow(m_controller->packet());
    const int row = findRow(*m_packetModel, *doc, findQuery(), from, backward, &error);
    if (row < 0) {
        m_findMessage->setText(error.isEmpty() ? tr("No packet matches.") : error);
        return false;
    }
    m_findMessage->setText(row == from ? tr("Only this packet matches.") : QString());
    m_controller->selectPacket(m_packetModel->documentRow(row));
    return true;
}

QString PacketsPage::summaryLine(int documentRow) const {
    const int row = m_packetModel->modelRow(documentRow);
    QStringList cells;
    for (int c = 0; row >= 0 && c < m_packetModel->columnCount(); ++c)
        cells << m_packetModel->data(m_packetModel->index(row, c)).toString();
    return cells.join(QLatin1Char('\t'));
}

QString PacketsPage::hexDump(int documentRow) const {
    const DocumentPtr& doc = m_packetModel->document();
    if (!doc || documentRow < 0) return {};
    return QString::fromStdString(formatHexDump(doc->bytes(size_t(documentRow))));
}

bool PacketsPage::exportDisplayed(const QString& path, QString* error) const {
    return exportPackets(path, error, false);
}

// The displayed packets (or only the marked ones among them) as a capture file.
bool PacketsPage::exportPackets(const QString& path, QString* error, bool markedOnly) const {
    const DocumentPtr& doc = m_packetModel->document();
    std::vector<OwnedFrame> frames;
    for (int row = 0; doc && row < m_packetModel->rowCount(); ++row) {
        const int docRow = m_packetModel->documentRow(row);
        const PacketRecord& r = doc->records()[size_t(docRow)];
        if (markedOnly && !m_packetModel->isMarked(docRow)) continue;
        if (r.hasBytes) frames.push_back(doc->frames().owned(r.source));
    }
    if (frames.empty()) {
        if (error)
            *error = markedOnly ? tr("There are no marked packets with bytes to export.")
                                : tr("There are no displayed packets with bytes to export.");
        return false;
    }
    return saveFrames(path, frames, error, doc ? documentPath(*doc) : QString());
}

QMenu* PacketsPage::packetMenu(int documentRow) {
    auto* menu = new QMenu(this);
    const DocumentPtr& doc = m_packetModel->document();
    if (!doc || documentRow < 0) return menu;
    const PacketRecord& r = doc->records()[size_t(documentRow)];
    QMenu* copy = menu->addMenu(tr("&Copy"));
    copy->addAction(tr("&Summary Line"), this, [this, documentRow] {
        QApplication::clipboard()->setText(summaryLine(documentRow));
    });
    copy->addAction(
            tr("As &Hex Dump"), this,
            [this, documentRow] { QApplication::clipboard()->setText(hexDump(documentRow)); })
        ->setEnabled(r.hasBytes);
    menu->addAction(tr("Show &Byte Table"), this,
                    [this, documentRow] {
                        m_controller->selectPacket(documentRow);
                        emit byteTableRequested();
                    })
        ->setEnabled(r.hasBytes);
    menu->addSeparator();
    menu->addAction(m_packetModel->isMarked(documentRow) ? tr("Un&mark Packet")
                                                         : tr("&Mark Packet"),
                    this, [this, documentRow] { toggleMark(documentRow); });
    menu->addSeparator();
    if (const TcpPacketAnalysis* a = doc->analysis(size_t(documentRow))) {
        const uint32_t stream = a->stream;
        const QString expression = QStringLiteral("tcp.stream == %1").arg(stream);
        menu->addAction(tr("&Filter on This Connection (%1)").arg(expression), this,
                        [this, expression] { useAsFilter(expression, Combine::Selected, true); });
        addFilterActions(menu->addMenu(tr("Apply as Filter")), expression, true);
        addFilterActions(menu->addMenu(tr("Prepare as Filter")), expression, false);
        menu->addAction(tr("Show Only This &Connection (tcp.stream %1)").arg(stream), this,
                        [this, stream] { setStreamFilter(stream); });
        menu->addAction(tr("Follow &TCP Stream"), this,
                        [this, stream] { emit followStreamRequested(stream); });
        menu->addAction(tr("TCP Stream &Graphs…"), this, [this, stream, documentRow] {
            emit streamGraphRequested(stream, documentRow);
        });
    }
    menu->addAction(tr("Show &All Packets"), this, [this] { setStreamFilter(std::nullopt); })
        ->setEnabled(streamFilter().has_value());
    menu->addSeparator();
    const auto exportAction = [this, menu](const QString& label, bool marked) {
        return menu->addAction(label, this, [this, marked] {
            const QString path = QFileDialog::getSaveFileName(
                this, marked ? tr("Export Marked Packets") : tr("Export Displayed Packets"),
                marked ? QStringLiteral("marked.pcapng") : QStringLiteral("displayed.pcapng"),
                tr("pcapng (*.pcapng)"));
            QString error;
            if (!path.isEmpty() && !exportPackets(path, &error, marked))
                QMessageBox::warning(this, tr("Export failed"), error);
        });
    };
    exportAction(tr("&Export Displayed Packets as pcapng…"), false);
    exportAction(tr("Export Mar&ked Packets as pcapng…"), true)
        ->setEnabled(m_packetModel->markedCount() > 0);
    return menu;
}

void PacketsPage::buildPacketList() {
    m_packetView = new QTableView(this);
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
    sizeColumns();
    m_packetView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_packetView, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QModelIndex index = m_packetView->indexAt(at);
        if (!index.isValid()) return;
        const int docRow = m_packetModel->documentRow(index.row());
        m_controller->selectPacket(docRow);
        QMenu* menu = packetMenu(docRow);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_packetView->viewport()->mapToGlobal(at));
    });
}

// The packet list's column widths from the font in use (again after a zoom): digits for
// numbers, and the longest state name whole ("SYN-RECEIVED").
void PacketsPage::sizeColumns() {
    const QFontMetrics fm = m_packetView->fontMetrics();
    const int cw = fm.horizontalAdvance(QLatin1Char('0'));
    const int state = std::max(13 * cw, fm.horizontalAdvance(QStringLiteral("SYN-RECEIVED")));
    const int widths[] = {6 * cw, 10 * cw, 14 * cw, 14 * cw, 7 * cw, 6 * cw, state, state};
    for (int c = 0; c < 8; ++c) m_packetView->setColumnWidth(c, widths[c] + 12);
}

// The field tree; its columns measured in the packet list's digits.
void PacketsPage::buildFieldTree() {
    m_treeView = new QTreeView(this);
    m_treeView->setModel(m_treeModel);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAllColumnsShowFocus(true);
    m_treeView->header()->setStretchLastSection(true);
    // Not widened by a zoom: the Meaning column would leave the pane.
    const int cw = m_packetView->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_treeView->setColumnWidth(0, 36 * cw);
    m_treeView->setColumnWidth(1, 22 * cw);
}

void PacketsPage::buildHeaderDiagram() {
    m_diagram = new HeaderDiagramView;
    m_diagramScroll = new QScrollArea(this);
    m_diagramScroll->setWidget(m_diagram);
    m_diagramScroll->setWidgetResizable(true);
    m_diagramScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_diagram, &HeaderDiagramView::selectedBoxMoved, this,
            &PacketsPage::scrollDiagramToSelection);
}

// The byte table, the flags and the Explanation and Conversations tabs; returns the flags over
// the tabs in one widget, which sits beside the byte table.
QWidget* PacketsPage::buildFlagsAndTabs() {
    m_bytes = new ByteTableView(this);
    m_flags = new FlagsView(this);
    // Its meanings are never cut (two flags set, a large font): the tabs below give way.
    m_flags->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_explanation = new QTextBrowser(this);
    m_explanation->setOpenExternalLinks(true);
    m_convView = new QTableView(this);
    m_convView->setModel(m_convModel);
    m_convView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_convView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_convView->verticalHeader()->hide();
    m_convView->horizontalHeader()->setStretchLastSection(true);

    m_sideTabs = new QTabWidget(this);
    m_articleTable = new ArticleTableView(this);
    m_sideTabs->addTab(m_explanation, tr("Explanation"));
    m_sideTabs->addTab(m_articleTable, tr("Byte Table"));
    m_sideTabs->addTab(m_convView, tr("Conversations"));
    m_sideTabs->setDocumentMode(true);

    auto* flagsAndTabs = new QWidget(this);
    auto* ft = new QVBoxLayout(flagsAndTabs);
    ft->setContentsMargins(0, 0, 0, 0);
    ft->setSpacing(2);
    ft->addWidget(m_flags);
    ft->addWidget(m_sideTabs, 1);
    return flagsAndTabs;
}

// Packet list on top; tree and header diagram in the middle; bytes, flags and tabs below.
QSplitter* PacketsPage::arrangePanes(QWidget* flagsAndTabs) {
    m_middle = new QSplitter(Qt::Horizontal, this);
    m_middle->addWidget(m_treeView);
    m_middle->addWidget(m_diagramScroll);
    m_middle->setStretchFactor(0, 5);
    m_middle->setStretchFactor(1, 4);

    m_bottom = new QSplitter(Qt::Horizontal, this);
    m_bottom->addWidget(m_bytes);
    m_bottom->addWidget(flagsAndTabs);
    m_bottom->setStretchFactor(0, 4);
    m_bottom->setStretchFactor(1, 5);

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->addWidget(m_packetView);
    m_vertical->addWidget(m_middle);
    m_vertical->addWidget(m_bottom);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 4);
    m_vertical->setStretchFactor(2, 4);
    m_vertical->setChildrenCollapsible(false);
    for (QSplitter* sp : {m_vertical, m_middle, m_bottom})
        connect(sp, &QSplitter::splitterMoved, this, [this] { m_userSizedPanes = true; });
    return m_vertical;
}

// The user's picks go to the controller. A view whose model was just reset reports "nothing
// current": that is not a pick, so it is not passed on; the controller ignores a pick of what
// is already selected, so following its signals back into the views cannot loop.
void PacketsPage::wireUserPicks() {
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_controller->selectPacket(m_packetModel->documentRow(current.row()));
            });
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) m_controller->selectNode(m_treeModel->nodeOf(current));
            });
    connect(m_bytes, &ByteTableView::nodeClicked, m_controller, &SelectionController::selectNode);
    connect(m_articleTable, &ArticleTableView::nodeClicked, m_controller,
            &SelectionController::selectNode);
    connect(m_flags, &FlagsView::nodeClicked, m_controller, &SelectionController::selectNode);
    connect(m_diagram, &HeaderDiagramView::nodeClicked, m_controller,
            &SelectionController::selectNode);
    connect(m_convView, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            setStreamFilter(m_convModel->data(index, ConversationModel::StreamRole).toUInt());
    });
    connect(m_convView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    setStreamFilter(
                        m_convModel->data(current, ConversationModel::StreamRole).toUInt());
            });
}

void PacketsPage::buildTreeContextMenu() {
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_treeView, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex idx = m_treeView->indexAt(pos);
        if (!idx.isValid()) return;
        QMenu* menu = fieldMenu(idx);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_treeView->viewport()->mapToGlobal(pos));
    });
}

QMenu* PacketsPage::fieldMenu(const QModelIndex& idx) {
    auto* menu = new QMenu(this);
    const QString value = m_treeModel->data(idx, FieldTreeModel::FilterValueRole).toString();
    const QString filter = m_treeModel->data(idx, FieldTreeModel::FilterRole).toString();
    const QString line =
        m_treeModel->data(idx.siblingAtColumn(0), Qt::ToolTipRole).toString().section(u'\n', 0, 0);
    const auto copy = [](const QString& text) { QApplication::clipboard()->setText(text); };
    menu->addAction(tr("Copy Value"), this, [=] { copy(value); })->setEnabled(!value.isEmpty());
    menu->addAction(tr("Copy as Filter: %1").arg(filter), this, [=] { copy(filter); })
        ->setEnabled(!filter.isEmpty());
    menu->addAction(tr("Copy Line"), this, [=] { copy(line); });
    menu->addSeparator();
    QMenu* apply = menu->addMenu(tr("Apply as Filter"));
    QMenu* prepare = menu->addMenu(tr("Prepare as Filter"));
    addFilterActions(apply, filter, true);
    addFilterActions(prepare, filter, false);
    apply->setEnabled(!filter.isEmpty());
    prepare->setEnabled(!filter.isEmpty());
    return menu;
}

void PacketsPage::onDocumentChanged() {
    const DocumentPtr& doc = m_controller->document();
    m_packetModel->setDocument(doc);
    m_convModel->setDocument(doc);
    m_filterBar->hide();
    m_fieldPresence.clear();
    // A filter applied stays applied on the next capture (and on the whole file after its
    // preview), as in Wireshark; what is being typed in the bar stays as it is.
    const QString applied = m_displayFilter->appliedText();
    std::shared_ptr<const DisplayFilter> filter;
    if (!applied.isEmpty())
        if (auto f = DisplayFilter::compile(applied.toStdString(), nullptr))
            filter = std::make_shared<const DisplayFilter>(std::move(*f));
    reapplyFilter(applied, filter);
    updateExplanation();
}

void PacketsPage::onPacketChanged(int row) {
    const auto tree = m_controller->tree();
    const auto bytes = m_controller->bytes();
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
    m_bytes->setPacket(tree, bytes);
    m_articleTable->setPacket(tree, bytes);
    std::optional<uint16_t> summaryFlags;
    const DocumentPtr& doc = m_controller->document();
    if (row >= 0 && doc->records()[size_t(row)].hasTcp)
        summaryFlags = doc->records()[size_t(row)].flags;
    m_flags->setTree(tree, summaryFlags);
    m_diagram->setTree(tree);
    updateExplanation();
}

void PacketsPage::onNodeChanged(int node) {
    const QModelIndex idx = m_treeModel->indexOfNode(node);
    if (idx.isValid()) {
        m_treeView->setCurrentIndex(idx);
        m_treeView->scrollTo(idx);
    } else {
        m_treeView->selectionModel()->clearCurrentIndex();
        m_treeView->clearSelection();
    }
    m_bytes->setSelectedNode(node);
    m_articleTable->setSelectedNode(node);
    m_flags->setSelectedNode(node);
    m_diagram->setSelectedNode(node);
    updateExplanation();
}

void PacketsPage::updateExplanation() {
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

void PacketsPage::scrollDiagramToSelection() {
    // After the diagram's layout settles (its height depends on the packet's options).
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
}

std::optional<uint32_t> PacketsPage::streamFilter() const {
    return m_packetModel->streamFilter();
}

void PacketsPage::setStreamFilter(std::optional<uint32_t> stream) {
    if (stream == m_packetModel->streamFilter()) return;
    const int current = m_controller->packet();
    m_packetModel->setStreamFilter(stream);
    if (!stream) m_convView->clearSelection();
    m_filterBar->setVisible(stream.has_value());
    if (stream)
        m_filterLabel->setText(tr("Showing TCP stream %1 only (tcp.stream == %1)").arg(*stream));
    // The selected packet stays selected when the filter shows it; else the first one shown.
    keepSelection(current);
    emit streamFilterChanged(stream);
}

void PacketsPage::setTimeFormat(TimeFormat format) {
    m_packetModel->setTimeFormat(format);
}

void PacketsPage::showArticleTable() {
    m_sideTabs->setCurrentWidget(m_articleTable);
}

void PacketsPage::setDarkColors(bool dark) {
    m_packetModel->setDarkColors(dark);
    m_displayFilter->setDark(dark);
}

void PacketsPage::setZoom(int steps) {
    QFont base = QApplication::font();
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const auto grow = [steps](QFont f) {
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * (1.0 + 0.12 * steps)));
        return f;
    };
    for (QWidget* w : std::initializer_list<QWidget*>{m_packetView, m_treeView, m_diagram, m_flags,
                                                      m_explanation, m_articleTable, m_convView})
        w->setFont(grow(base));
    m_bytes->setFont(grow(fixed));
    m_packetView->verticalHeader()->setDefaultSectionSize(QFontMetrics(grow(base)).height() + 4);
    sizeColumns();
}

void PacketsPage::fitPanes(QSize size) {
    if (m_userSizedPanes) return;
    // Until the user drags a splitter: the list a quarter, the tree and diagram the most, the
    // bytes and flags the rest; the byte table as wide as 16 bytes need.
    const int h = size.height(), w = size.width();
    m_vertical->setSizes({h * 27 / 100, h * 45 / 100, h * 28 / 100});
    m_middle->setSizes({w * 52 / 100, w * 48 / 100});
    const int bytesWidth = std::min(m_bytes->sizeHint().width(), w * 45 / 100);
    m_bottom->setSizes({bytesWidth, w - bytesWidth});
}

int PacketsPage::scrollPosition() const {
    return m_packetView->verticalScrollBar()->value();
}

bool PacketsPage::scrolledToEnd() const {
    const QScrollBar* bar = m_packetView->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

void PacketsPage::scrollToEnd() {
    m_packetView->scrollToBottom();
}

void PacketsPage::setScrollPosition(int value) {
    m_packetView->verticalScrollBar()->setValue(value);
}

} // namespace tcpscope::ui
