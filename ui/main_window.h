// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's main window: menus, the loader, the status bar and two pages, the packets page
// and the connection page (pages/), which draw the open document and the selection a shared
// SelectionController holds. Settings come in through setters (viewer_main.cpp reads
// QSettings); the window never reads globals.
#pragma once

#include "dialogs/preferences_dialog.h"
#include "document/document.h"
#include "models/packet_list_model.h"

#include <tcpscope/live_capture.h>

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QScrollArea;
class QSplitter;
class QTableView;
class QTextBrowser;
class QToolButton;
class QTreeView;
class QTabWidget;

namespace tcpscope::ui {

class ByteTableView;
class ConnectionPage;
class CaptureLoader;
class ConversationModel;
class FieldTreeModel;
class FlagsView;
class ByteTableDialog;
class ExercisePanel;
class SynQueueDialog;
class LiveCaptureController;
class FollowStreamDialog;
class StreamGraphDialog;
class HeaderDiagramView;
class PacketsPage;
class SelectionController;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    // The first window's size on a screen offering `available` (device-independent pixels):
    // 1280x800, shrunk to nine tenths of the screen where it does not fit.
    static QSize initialSize(const QSize& available);
    // Help > About's text: the version, what TcpScope does, the Qt version and the licence.
    static QString aboutText();
    // Every keyboard shortcut of the window: (keys, what it does), from the menus' actions and
    // the described shortcuts (the classroom keys, Esc); Help > Keyboard Shortcuts shows it.
    QList<QPair<QString, QString>> shortcutList() const;
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Settings, set by main().
    void setSamplesDir(const QString& dir);
    void setRecentFiles(const QStringList& files);
    QStringList recentFiles() const { return m_recent; }
    void setDarkColors(bool dark);
    void setTimeFormat(TimeFormat format);
    void setZoom(int steps); // font size steps for projecting, 0 = default
    // All of the above that Edit > Preferences shows, as they are now, and applied at once
    // (the colours of the whole application: its palette).
    Preferences preferences() const;
    void setPreferences(const Preferences& preferences);
    void showPreferences();

    // Opening. openFile loads in the background; openFileSync blocks (tests, --screenshot).
    void openFile(const QString& path);
    bool openFileSync(const QString& path);
    void setDocument(DocumentPtr document);
    const DocumentPtr& document() const;

    // Selection by frame number / field abbreviation (--select, --field).
    bool selectFrame(uint64_t number);
    bool selectField(const QString& abbrev);
    // The Go menu, as Wireshark's: move `delta` rows in the packet list as shown (the
    // connection filter applies), to its first or last row, or to a packet number (Ctrl+G).
    // False when there is nothing to move to.
    bool stepPacket(int delta);
    bool goToEnd(bool last);
    bool goToPacket(uint64_t number);

    // Follow TCP Stream (Analyze menu, Ctrl+Alt+Shift+T, the packet list's, the conversations'
    // and the connection page's): a non-modal dialog on `stream` of the open capture, the one
    // already open for it raised. Null when the capture has no such stream.
    FollowStreamDialog* followStream(uint32_t stream);
    // The selected packet's stream; null, with a message in the status bar, for no TCP packet.
    FollowStreamDialog* followSelectedStream();
    // The Byte Table window (Classroom menu, Ctrl+T, the packet list's context menu): the
    // selected packet's byte table as the seed article lays it out, following the selection.
    ByteTableDialog* showByteTable();
    // Statistics > SYN Queue (also the conversations' and the ladder's context menus): the
    // half-open queue over time of `stream`'s server, else of the server with the most SYNs.
    SynQueueDialog* showSynQueue(std::optional<uint32_t> stream = std::nullopt);
    // Exercises (File > Open Exercise, Classroom > Exercises): the file's capture is opened and
    // the exercise panel (a dock) steps the connection page's classroom through it. A file that
    // cannot be read, or does not fit its capture, leaves the open capture as it is: the error
    // (with line and column) goes to `error`, else to a message box.
    bool openExercise(const QString& path, QString* error = nullptr);
    ExercisePanel* exercisePanel() const { return m_exercise; }
    // Classroom > Make an Exercise from This Connection: a starting exercise for the connection
    // page's stream, its capture named relative to `path`.
    bool writeExerciseFor(const QString& path, QString* error = nullptr);
    // TCP Stream Graphs (Analyze menu, Ctrl+Alt+Shift+G, the packet list's and the
    // conversations' context menus): a non-modal dialog graphing one direction of `stream`.
    // Null when the capture has no such stream.
    StreamGraphDialog* streamGraph(uint32_t stream, bool fromServer);
    // The selected packet's stream, in the direction Wireshark would graph (graphDirectionFor);
    // null, with a message in the status bar, for no TCP packet.
    StreamGraphDialog* graphSelectedStream();

    // Live capture (the Capture menu; tcpscope --capture IF): the helper captures, the views
    // show what came so far ten times a second. False, with the reason in the warning bar,
    // when it cannot start; a capture whose packets are not saved is asked about first.
    bool startCapture(const CaptureOptions& options, size_t ringBytes = 0);
    void stopCapture();
    void restartCapture();
    bool isCapturing() const;
    LiveCaptureController* liveCapture() const { return m_live; }
    // The last live capture's packets are not saved yet (closing or opening asks first).
    bool hasUnsavedCapture() const { return m_unsavedCapture; }
    // Tests and scripted runs: discard without asking.
    void setAskBeforeDiscarding(bool ask) { m_askBeforeDiscarding = ask; }
    // Writes the open capture's frames (pcapng, or pcap for a .pcap name) as Save As does.
    bool saveCaptureTo(const QString& path, QString* error = nullptr);
    // Parts, for tests.
    SelectionController* controller() const { return m_controller; }
    PacketsPage* packetsPage() const { return m_packets; }
    PacketListModel* packetModel() const;
    FieldTreeModel* treeModel() const;
    ConversationModel* conversationModel() const;
    QTableView* packetView() const;
    QTreeView* treeView() const;
    QTableView* conversationView() const;
    ByteTableView* byteTable() const;
    FlagsView* flagsView() const;
    HeaderDiagramView* headerDiagram() const;
    ConnectionPage* connectionPage() const { return m_connection; }

    // The two pages: the packet analysis, and one connection's ladder and state graph.
    void showPacketsPage();
    void showConnectionPage();
    bool connectionPageShown() const;
    // Presentation view: classroom mode on the connection page, large fonts, high contrast,
    // menus and status bar hidden; fullScreen also shows the window full screen.
    void setPresentation(bool on, bool fullScreen = true);
    bool presentation() const { return m_presentation; }
    QLabel* warningBar() const { return m_warning; }

  signals:
    void recentFilesChanged(const QStringList& files);
    // After setDocument: the views show `document` (a preview while a large file loads).
    void documentShown(tcpscope::ui::DocumentPtr document);
    void presentationChanged(bool on);
    // A live capture ended; `error` says why when it ended early.
    void captureEnded(const QString& error);

  public slots:
    void showOpenDialog();
    void showPasteDialog(const QString& initialText = {});
    void saveAs();

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void buildViews();
    void buildMenus();
    void buildFileMenu();
    void buildEditMenu();
    void addMarkActions(QMenu* edit);
    void buildGoMenu();
    void buildAnalyzeMenu();
    void buildCaptureMenu();
    void updateCaptureActions();
    void showCaptureDialog();
    void onLiveSnapshot(DocumentPtr document);
    void onLiveEnded(const QString& error);
    void updateLiveStatus();
    // Asks about a running or unsaved live capture; false when the user cancels.
    bool keepOrDiscardCapture();
    void askGoToPacket();
    void buildViewMenu();
    void addTimeFormatMenu(QMenu* view);
    void addLanguageMenu(QMenu* view);
    void chooseLanguage(const QString& choice);
    void buildClassroomMenu();
    void addClassroomStepActions(QMenu* classroom);
    void addPresentationLayoutMenu(QMenu* classroom);
    void buildHelpMenu();
    void showShortcuts();
    void rebuildRecentMenu();
    void rebuildSamplesMenu(QMenu* menu);
    void buildExercisePanel();
    void buildStatisticsMenu();
    void rebuildExercisesMenu();
    void addExerciseActions(QMenu* file, QMenu* classroom);
    void addRecent(const QString& path);
    void onLoadPreview(DocumentPtr document);
    void onLoadFinished(DocumentPtr document);
    // A file with nothing readable in it: said in the warning bar; the open capture stays.
    void showUnreadable(const CaptureSession& failed);
    void updateStatus();
    DissectOptions dissectOptions() const;

    SelectionController* m_controller = nullptr;
    CaptureLoader* m_loader = nullptr;
    QTabWidget* m_pages = nullptr;
    PacketsPage* m_packets = nullptr;
    ConnectionPage* m_connection = nullptr;
    bool m_presentation = false;
    bool m_wasMaximized = false;
    QLabel* m_warning = nullptr;
    QLabel* m_statusPackets = nullptr;
    QLabel* m_statusFile = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_samplesMenu = nullptr;
    QString m_samplesDir;
    QStringList m_recent;
    QString m_pendingPath;
    bool m_assumeOffload = true;
    bool m_dark = false;
    int m_zoom = 0;
    QList<QAction*> m_timeActions; // View > Time Display Format (data: the TimeFormat)
    QAction* m_offloadAction = nullptr;
    QList<QPointer<FollowStreamDialog>> m_followDialogs;
    QList<QPointer<StreamGraphDialog>> m_graphDialogs;
    QPointer<ByteTableDialog> m_byteTableDialog;
    QPointer<SynQueueDialog> m_synQueueDialog;
    ExercisePanel* m_exercise = nullptr;
    QDockWidget* m_exerciseDock = nullptr;
    QMenu* m_exercisesMenu = nullptr;
    LiveCaptureController* m_live = nullptr;
    DocumentPtr m_liveDocument; // the live capture's latest snapshot
    CaptureOptions m_lastCapture;
    size_t m_lastRingBytes = 0;
    bool m_unsavedCapture = false;
    bool m_restartPending = false;
    bool m_liveDetached = false; // the running capture was discarded: its snapshots are ignored
    bool m_askBeforeDiscarding = true;
    QLabel* m_statusLive = nullptr;
    QAction* m_startCapture = nullptr;
    QAction* m_restartCapture = nullptr;
};

} // namespace tcpscope::ui
