// SPDX-License-Identifier: GPL-2.0-or-later
// The "Packets" page of the main window: the packet list on top; the field tree and the RFC
// header diagram in the middle; the byte table, the flags and the explanation / conversations
// at the bottom. Like every page it only draws: the user's picks go to the SelectionController,
// and the page follows the controller's signals (one way; the controller emits only on change).
#pragma once

#include "document/document.h"
#include "document/filter_runner.h"
#include "models/packet_find.h"
#include "models/packet_list_model.h"

#include <tcpscope/session_filter.h>

#include <QWidget>

#include <map>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTreeView;

namespace tcpscope::ui {

class ArticleTableView;
class ByteTableView;
class ConversationModel;
class DisplayFilterBar;
class FilterRunner;
class FieldTreeModel;
class FlagsView;
class HeaderDiagramView;
class SelectionController;

class PacketsPage : public QWidget {
    Q_OBJECT
  public:
    explicit PacketsPage(SelectionController* controller, QWidget* parent = nullptr);

    // Shows only one TCP stream (nullopt: every packet), keeping the selected packet.
    void setStreamFilter(std::optional<uint32_t> stream);
    std::optional<uint32_t> streamFilter() const;
    void setTimeFormat(TimeFormat format);
    void setDarkColors(bool dark);
    void setZoom(int steps);
    // The panes' first sizes, from the page's size, until the user drags a splitter.
    void fitPanes(QSize size);
    int scrollPosition() const;
    // Whether the packet list shows its last row (live capture's auto-scroll follows then),
    // and a scroll to it.
    bool scrolledToEnd() const;
    void scrollToEnd();
    void setScrollPosition(int value);

    // Find packet (Ctrl+F): shows the find bar over the list and focuses it; findNext
    // selects the next (previous) match among the packets shown, wrapping around, and returns
    // false with a message in the bar when there is none.
    void showFindBar();
    // The packet list's context menu and what it does: the row as shown (its columns,
    // tab-separated), the packet's bytes as tcpdump -X dumps them (formatHexDump, which the
    // paste dialog reads back), and the displayed packets written as pcapng.
    QMenu* packetMenu(int documentRow);
    // The field tree's context menu for a field: copy its value, filter or line; Apply and
    // Prepare as Filter. The conversations table's: filter on that connection.
    QMenu* fieldMenu(const QModelIndex& index);
    QMenu* conversationMenu(const QModelIndex& index);
    QString summaryLine(int documentRow) const;
    QString hexDump(int documentRow) const;
    bool exportDisplayed(const QString& path, QString* error) const;
    bool findNext(bool backward = false);
    void setFindQuery(const FindQuery& query);
    QString findMessage() const;

    // The display filter bar over the list; applying a filter runs it over the capture (off
    // the UI thread for a large one) and then shows only the packets it matched, together with
    // the stream filter, keeping the selected packet when it is still shown.
    DisplayFilterBar* displayFilterBar() const { return m_displayFilter; }
    bool applyDisplayFilter(const QString& text);
    // Whether a display filter is running (tests wait for it).
    bool filterBusy() const;
    // Apply / Prepare as Filter: `expression` alone or joined to the bar's filter, as
    // Wireshark's "Selected", "... and Selected", "... or Selected", "... and not Selected",
    // "... or not Selected"; apply or only put it in the bar.
    enum class Combine { Selected, AndSelected, OrSelected, AndNotSelected, OrNotSelected };
    static QString combinedFilter(const QString& current, const QString& expression, Combine how);
    void useAsFilter(const QString& expression, Combine how, bool apply);
    // Adds the five combinations of `expression` to `menu` (apply or prepare).
    void addFilterActions(QMenu* menu, const QString& expression, bool apply);

    // Marked packets (Edit > Mark Packet): toggled by document row, stepped through in the list
    // as shown, written as pcapng through the same path as the displayed packets.
    void toggleMark(int documentRow);
    bool stepMark(bool backward);
    bool exportMarked(const QString& path, QString* error) const;

    PacketListModel* packetModel() const { return m_packetModel; }
    FieldTreeModel* treeModel() const { return m_treeModel; }
    ConversationModel* conversationModel() const { return m_convModel; }
    QTableView* packetView() const { return m_packetView; }
    QTreeView* treeView() const { return m_treeView; }
    QTableView* conversationView() const { return m_convView; }
    ByteTableView* byteTable() const { return m_bytes; }
    ArticleTableView* articleTable() const { return m_articleTable; }
    // Brings the Byte Table tab (the article's tables of the selected packet) to the front.
    void showArticleTable();
    FlagsView* flagsView() const { return m_flags; }
    HeaderDiagramView* headerDiagram() const { return m_diagram; }

  signals:
    void streamFilterChanged(std::optional<uint32_t> stream);
    // The display filter applied changed (or finished running): the rows shown changed.
    void displayFilterChanged();
    void marksChanged();
    // Follow TCP Stream from the packet list's or the conversations' context menu.
    void followStreamRequested(uint32_t stream);
    // "SYN Queue of This Server" from the conversations' context menu.
    void synQueueRequested(uint32_t stream);
    // "Show Byte Table" from the packet list's context menu (the packet is selected first).
    void byteTableRequested();
    // TCP Stream Graphs from the same menus: `row` the packet clicked (its direction), -1 none.
    void streamGraphRequested(uint32_t stream, int row);
    // Ctrl+V in the packet list: paste a hex dump (the paste dialog, prefilled).
    void pasteRequested(const QString& text);

  private:
    void buildViews();
    QWidget* buildFilterBar();
    QWidget* buildDisplayFilterBar();
    void onFilterApplied(const QString& text, std::shared_ptr<const DisplayFilter> filter);
    // The applied filter on a new document: on a later snapshot of a live capture, what it
    // passed so far stays shown while only the new packets are tested.
    void reapplyFilter(const QString& text, std::shared_ptr<const DisplayFilter> filter);
    void showFilterResult(FilterResultPtr result);
    void onFilterFinished(DocumentPtr document, const QString& text,
                          std::shared_ptr<const SessionFilterResult> result);
    QString fieldWarning(const DisplayFilter& filter);
    // After the rows shown changed: keeps `documentRow` selected when it is still shown, else
    // selects the first row shown.
    void keepSelection(int documentRow);
    bool exportPackets(const QString& path, QString* error, bool markedOnly) const;
    void buildConversationMenu();
    QWidget* buildFindBar();
    FindQuery findQuery() const;
    void buildPacketList();
    void buildFieldTree();
    void sizeColumns();
    void buildHeaderDiagram();
    QWidget* buildFlagsAndTabs();
    QSplitter* arrangePanes(QWidget* flagsAndTabs);
    void wireUserPicks();
    void buildTreeContextMenu();
    void onDocumentChanged();
    void onPacketChanged(int row);
    void onNodeChanged(int node);
    void updateExplanation();
    void scrollDiagramToSelection();

    SelectionController* m_controller;
    PacketListModel* m_packetModel = nullptr;
    FieldTreeModel* m_treeModel = nullptr;
    ConversationModel* m_convModel = nullptr;
    DisplayFilterBar* m_displayFilter = nullptr;
    FilterRunner* m_runner = nullptr;
    // The last filter result: the base of the next snapshot's run (FilterBase), its text, and
    // the result the models show (they keep pointers into it).
    FilterBase m_filtered;
    QString m_filteredText;
    FilterResultPtr m_shownFilter;
    std::map<FieldId, bool> m_fieldPresence; // fields the open capture has, as asked
    QWidget* m_filterBar = nullptr;
    QLabel* m_filterLabel = nullptr;
    QWidget* m_findBar = nullptr;
    QComboBox* m_findIn = nullptr;
    QLineEdit* m_findText = nullptr;
    QCheckBox* m_findCase = nullptr;
    QLabel* m_findMessage = nullptr;
    QTableView* m_packetView = nullptr;
    QTreeView* m_treeView = nullptr;
    QTableView* m_convView = nullptr;
    ByteTableView* m_bytes = nullptr;
    ArticleTableView* m_articleTable = nullptr;
    FlagsView* m_flags = nullptr;
    HeaderDiagramView* m_diagram = nullptr;
    QScrollArea* m_diagramScroll = nullptr;
    QTextBrowser* m_explanation = nullptr;
    QTabWidget* m_sideTabs = nullptr;
    QSplitter* m_vertical = nullptr;
    QSplitter* m_middle = nullptr;
    QSplitter* m_bottom = nullptr;
    bool m_userSizedPanes = false;
};

} // namespace tcpscope::ui
