// SPDX-License-Identifier: GPL-2.0-or-later
// MainWindow's menus and file actions (open, recent, samples, paste, save), kept apart from the
// view layout and selection wiring in main_window.cpp.
#include "main_window.h"

#include "dialogs/paste_hex_dialog.h"
#include "document/capture_loader.h"
#include "document/document.h"
#include "document/selection_controller.h"
#include "i18n.h"
#include "models/field_tree_model.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/display_filter_bar.h"

#include <tcpscope/version.h>

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <limits>

#include <tuple>

namespace tcpscope::ui {

void MainWindow::buildMenus() {
    buildFileMenu();
    QMenu* file = menuBar()->actions().constLast()->menu();
    buildEditMenu();
    buildViewMenu();
    buildGoMenu();
    buildCaptureMenu();
    buildAnalyzeMenu();
    buildStatisticsMenu();
    buildClassroomMenu();
    buildExercisePanel();
    addExerciseActions(file, menuBar()->actions().constLast()->menu());
    m_samplesMenu = menuBar()->addMenu(tr("&Samples"));
    rebuildSamplesMenu(m_samplesMenu);
    rebuildRecentMenu();
    buildHelpMenu();
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::showOpenDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("&Paste Hex…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), this,
                    [this] { showPasteDialog(); });
    file->addAction(tr("&Save As pcapng…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    &MainWindow::saveAs);
    file->addAction(tr("Export Mar&ked Packets as pcapng…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Marked Packets"),
                                         QStringLiteral("marked.pcapng"), tr("pcapng (*.pcapng)"));
        QString error;
        if (!path.isEmpty() && !m_packets->exportMarked(path, &error))
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    file->addSeparator();
    // The connection page's figures and the page itself (also on its Export button).
    file->addMenu(m_connection->exportMenu())->setText(tr("&Export"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

// Edit: Preferences (Ctrl+Shift+P, as Wireshark's).
void MainWindow::buildEditMenu() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* prefs = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    // Ctrl+Shift+P first: the platform's own Preferences key (none on X11) only after it, as
    // an action whose first shortcut is empty answers to none.
    QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)};
    const QKeySequence platform(QKeySequence::Preferences);
    if (!platform.isEmpty() && platform != keys.front()) keys << platform;
    prefs->setShortcuts(keys);
    prefs->setMenuRole(QAction::PreferencesRole);
    // Find packet, with Wireshark's keys.
    edit->addSeparator();
    edit->addAction(tr("&Find Packet…"), QKeySequence(Qt::CTRL | Qt::Key_F), this, [this] {
        showPacketsPage();
        m_packets->showFindBar();
    });
    edit->addAction(tr("Find Ne&xt"), QKeySequence(Qt::CTRL | Qt::Key_N), this, [this] {
        showPacketsPage();
        m_packets->findNext(false);
    });
    edit->addAction(tr("Find Pre&vious"), QKeySequence(Qt::CTRL | Qt::Key_B), this, [this] {
        showPacketsPage();
        m_packets->findNext(true);
    });
    addMarkActions(edit);
}

// Marked packets. Wireshark marks with Ctrl+M, which here is Classroom Mode: Ctrl+Shift+M
// marks; Next and Previous Mark are Wireshark's Ctrl+Shift+N and Ctrl+Shift+B.
void MainWindow::addMarkActions(QMenu* edit) {
    edit->addSeparator();
    edit->addAction(tr("&Mark/Unmark Packet"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this,
                    [this] {
                        if (m_controller->packet() >= 0)
                            m_packets->toggleMark(m_controller->packet());
                    });
    edit->addAction(tr("Unmark All Packets"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M), this,
                    [this] {
                        m_packets->packetModel()->clearMarks();
                        updateStatus();
                    });
    edit->addAction(tr("Next Mar&k"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this, [this] {
        showPacketsPage();
        m_packets->stepMark(false);
    });
    edit->addAction(tr("Previous Mark"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), this,
                    [this] {
                        showPacketsPage();
                        m_packets->stepMark(true);
                    });
    // Wireshark's key for the display filter bar.
    edit->addSeparator();
    edit->addAction(tr("&Display Filter"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, [this] {
        showPacketsPage();
        m_packets->displayFilterBar()->lineEdit()->setFocus();
        m_packets->displayFilterBar()->lineEdit()->selectAll();
    });
}

// Go: Wireshark's keys for moving through the packet list.
void MainWindow::buildGoMenu() {
    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("&Go to Packet…"), QKeySequence(Qt::CTRL | Qt::Key_G), this,
                  &MainWindow::askGoToPacket);
    go->addSeparator();
    go->addAction(tr("&Next Packet"), QKeySequence(Qt::CTRL | Qt::Key_Down), this,
                  [this] { stepPacket(1); });
    go->addAction(tr("&Previous Packet"), QKeySequence(Qt::CTRL | Qt::Key_Up), this,
                  [this] { stepPacket(-1); });
    go->addAction(tr("&First Packet"), QKeySequence(Qt::CTRL | Qt::Key_Home), this,
                  [this] { goToEnd(false); });
    go->addAction(tr("&Last Packet"), QKeySequence(Qt::CTRL | Qt::Key_End), this,
                  [this] { goToEnd(true); });
}

// Analyze: Follow TCP Stream, with Wireshark's key, and TCP Stream Graphs.
void MainWindow::buildAnalyzeMenu() {
    QMenu* analyze = menuBar()->addMenu(tr("&Analyze"));
    analyze->addAction(tr("Follow &TCP Stream"),
                       QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T), this,
                       [this] { followSelectedStream(); });
    analyze->addAction(tr("TCP Stream &Graphs…"),
                       QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_G), this,
                       [this] { graphSelectedStream(); });
}

// Statistics: what the capture shows across connections (Wireshark's menu of that name).
void MainWindow::buildStatisticsMenu() {
    QMenu* statistics = menuBar()->addMenu(tr("&Statistics"));
    statistics->addAction(tr("&SYN Queue (half-open connections)…"),
                          QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_Q), this,
                          [this] { showSynQueue(); });
}

void MainWindow::askGoToPacket() {
    if (!document() || document()->records().empty()) return;
    const auto& records = document()->records();
    const int current = m_controller->packet();
    bool ok = false;
    const int number = QInputDialog::getInt(
        this, tr("Go to Packet"),
        tr("Packet number (%1 to %2):").arg(records.front().number).arg(records.back().number),
        current >= 0 ? int(records[size_t(current)].number) : int(records.front().number), 1,
        std::numeric_limits<int>::max(), 1, &ok);
    if (ok) goToPacket(uint64_t(number));
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    addTimeFormatMenu(view);
    view->addSeparator();
    // Every figure zooms (packet list, tree, bytes; ladder, state graph, caption). Also on the
    // window, so the keys work in presentation view where the menu bar is hidden; Ctrl+= is
    // the unshifted key of Ctrl++ on most keyboards.
    QAction* in = view->addAction(tr("Zoom &In"), this, [this] { setZoom(m_zoom + 1); });
    in->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction* out = view->addAction(tr("Zoom &Out"), this, [this] { setZoom(m_zoom - 1); });
    out->setShortcuts(QKeySequence::ZoomOut);
    QAction* normal = view->addAction(tr("&Normal Size"), this, [this] { setZoom(0); });
    normal->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction* a : {in, out, normal}) addAction(a);
    view->addSeparator();
    QAction* fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setShortcut(QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    addAction(fullScreen);
    view->addSeparator();
    QAction* offload = view->addAction(tr("Assume Checksum &Offload (captured on the sender)"));
    m_offloadAction = offload;
    offload->setCheckable(true);
    offload->setChecked(m_assumeOffload);
    connect(offload, &QAction::toggled, this, [this](bool on) {
        m_assumeOffload = on;
        if (document() && !document()->path().empty()) openFile(documentPath(*document()));
    });
    view->addSeparator();
    addLanguageMenu(view);
}

// View > Language: System, English, 简体中文; remembered in the settings.
void MainWindow::addLanguageMenu(QMenu* view) {
    QMenu* menu = view->addMenu(tr("&Language"));
    auto* group = new QActionGroup(this);
    const QString current = savedLanguageChoice(QSettings());
    for (const QString& choice : languageChoices()) {
        QAction* a = menu->addAction(languageChoiceName(choice));
        a->setCheckable(true);
        a->setChecked(choice == current);
        a->setData(choice);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, choice] { chooseLanguage(choice); });
    }
}

// The texts are made as the window is built: a new language takes a restart, offered at once
// (the open capture opens again).
void MainWindow::chooseLanguage(const QString& choice) {
    QSettings settings;
    const QString before = resolveLanguage(savedLanguageChoice(settings));
    settings.setValue(QStringLiteral("language"), choice);
    if (resolveLanguage(choice) == before) return;
    QMessageBox box(QMessageBox::Question, tr("Language"),
                    tr("TcpScope shows the new language when it starts again. Restart now?"),
                    QMessageBox::NoButton, this);
    QPushButton* restart = box.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
    box.addButton(tr("&Later"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != restart) return;
    QStringList args;
    if (document() && !document()->path().empty()) args << documentPath(*document());
    if (QProcess::startDetached(QCoreApplication::applicationFilePath(), args)) close();
}

// Time Display Format: one checkable action per format, Ctrl+Alt+1..4.
void MainWindow::addTimeFormatMenu(QMenu* view) {
    QMenu* time = view->addMenu(tr("&Time Display Format"));
    auto* group = new QActionGroup(this);
    int key = Qt::Key_1;
    for (const TimeFormatInfo& t : timeFormats()) {
        QAction* a = time->addAction(QCoreApplication::translate("PacketListModel", t.name));
        a->setCheckable(true);
        a->setChecked(t.format == packetModel()->timeFormat());
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(key++)));
        a->setData(int(t.format));
        group->addAction(a);
        m_timeActions << a;
        const TimeFormat f = t.format;
        connect(a, &QAction::triggered, this, [this, f] { setTimeFormat(f); });
    }
}

// Classroom: the connection page and its step-through. The actions live on the window too,
// so their keys work in presentation view, where the menu bar is hidden.
void MainWindow::buildClassroomMenu() {
    QMenu* classroom = menuBar()->addMenu(tr("&Classroom"));
    QAction* ladder = classroom->addAction(tr("&Ladder and State Graph"));
    ladder->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(ladder, &QAction::triggered, this,
            [this] { connectionPageShown() ? showPacketsPage() : showConnectionPage(); });
    QAction* mode = classroom->addAction(tr("&Classroom Mode (step through)"));
    mode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    mode->setCheckable(true);
    connect(mode, &QAction::toggled, this, [this](bool on) {
        if (on) showConnectionPage();
        m_connection->setClassroom(on);
    });
    connect(m_connection, &ConnectionPage::classroomChanged, mode, &QAction::setChecked);
    QAction* present = classroom->addAction(tr("&Presentation View"));
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setCheckable(true);
    connect(present, &QAction::toggled, this, [this](bool on) { setPresentation(on); });
    connect(this, &MainWindow::presentationChanged, present, &QAction::setChecked);
    connect(m_connection, &ConnectionPage::presentationToggled, present, &QAction::toggle);
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    leave->setWhatsThis(tr("Leave the presentation view"));
    connect(leave, &QShortcut::activated, this, [this] {
        if (m_presentation) setPresentation(false);
    });
    QAction* table = classroom->addAction(tr("&Byte Table of the Packet"));
    table->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(table, &QAction::triggered, this, [this] { showByteTable(); });
    QAction* streamGraph = classroom->addAction(tr("Stream &Graph Under the Ladder"));
    streamGraph->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_G));
    streamGraph->setCheckable(true);
    connect(streamGraph, &QAction::toggled, this, [this](bool on) {
        if (on) showConnectionPage();
        m_connection->setStreamGraphShown(on);
    });
    addPresentationLayoutMenu(classroom);
    classroom->addSeparator();
    addClassroomStepActions(classroom);
    classroom->addSeparator();
    classroom->addMenu(m_connection->exportMenu())->setText(tr("&Export"));
    for (QAction* a : {ladder, mode, present, streamGraph}) addAction(a);
}

// Presentation Layout: both figures, one of them, the packet's bytes (keys 1-4), and the figures
// alone without caption and controls (F). The keys are plain, so they only work in
// presentation view (where nothing takes typing).
void MainWindow::addPresentationLayoutMenu(QMenu* classroom) {
    using L = ConnectionPage::FigureLayout;
    QMenu* menu = classroom->addMenu(tr("Presentation &Layout"));
    auto* group = new QActionGroup(this);
    const std::tuple<const char*, L, Qt::Key> layouts[] = {
        {QT_TR_NOOP("Ladder and State Graph"), L::Both, Qt::Key_1},
        {QT_TR_NOOP("Ladder Only"), L::Ladder, Qt::Key_2},
        {QT_TR_NOOP("State Graph Only"), L::Graph, Qt::Key_3},
        {QT_TR_NOOP("Packet Bytes and Flags"), L::Packet, Qt::Key_4}};
    QList<QAction*> keyed;
    for (const auto& [text, layout, key] : layouts) {
        QAction* a = menu->addAction(tr(text));
        a->setCheckable(true);
        a->setChecked(layout == L::Both);
        a->setShortcut(QKeySequence(key));
        group->addAction(a);
        const L l = layout;
        connect(a, &QAction::triggered, this, [this, l] { m_connection->setFigureLayout(l); });
        keyed << a;
    }
    menu->addSeparator();
    QAction* only = menu->addAction(tr("&Figures Only (hide caption and controls)"));
    only->setCheckable(true);
    only->setShortcut(QKeySequence(Qt::Key_F));
    connect(only, &QAction::toggled, this, [this](bool on) { m_connection->setFiguresOnly(on); });
    keyed << only;
    for (QAction* a : keyed) {
        a->setEnabled(false);
        addAction(a);
    }
    connect(this, &MainWindow::presentationChanged, this, [keyed](bool on) {
        for (QAction* a : keyed) a->setEnabled(on);
    });
}

// Next, Previous, First, Last Packet: each opens the connection page in classroom mode.
void MainWindow::addClassroomStepActions(QMenu* classroom) {
    const std::pair<const char*, const char*> steps[] = {
        {QT_TR_NOOP("Next Packet\tSpace, Right"), "next"},
        {QT_TR_NOOP("Previous Packet\tLeft, Backspace"), "previous"},
        {QT_TR_NOOP("First Packet\tHome"), "first"},
        {QT_TR_NOOP("Last Packet\tEnd"), "last"}};
    for (const auto& [text, which] : steps) {
        const QString w = QString::fromLatin1(which);
        classroom->addAction(tr(text), this, [this, w] {
            showConnectionPage();
            m_connection->setClassroom(true);
            if (w == u"next")
                m_connection->nextStep();
            else if (w == u"previous")
                m_connection->previousStep();
            else if (w == u"first")
                m_connection->firstStep();
            else
                m_connection->lastStep();
        });
    }
}

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::Key_F1), this,
                    &MainWindow::showShortcuts);
    help->addAction(tr("&About TcpScope"), this,
                    [this] { QMessageBox::about(this, tr("About TcpScope"), aboutText()); });
}

QString MainWindow::aboutText() {
    return tr("<b>TcpScope %1</b><br>IPv4/IPv6 and TCP field by field: what every byte, bit and "
              "state change means.<br>Qt %2 · GPL-2.0-or-later.")
        .arg(QApplication::applicationVersion().isEmpty() ? QStringLiteral(TCPSCOPE_VERSION_STRING)
                                                          : QApplication::applicationVersion(),
             QString::fromLatin1(qVersion()));
}

QList<QPair<QString, QString>> MainWindow::shortcutList() const {
    // Read from the menus and the shortcuts themselves, so the list cannot drift from them.
    QList<QPair<QString, QString>> rows;
    std::function<void(QMenu*, const QString&)> walk = [&](QMenu* menu, const QString& path) {
        for (QAction* a : menu->actions()) {
            const QString name = path + QStringLiteral(" › ") + a->text().remove(QLatin1Char('&'));
            if (a->menu())
                walk(a->menu(), name);
            else if (!a->shortcut().isEmpty())
                rows.append({a->shortcut().toString(QKeySequence::NativeText), name});
        }
    };
    for (QAction* top : menuBar()->actions())
        if (top->menu()) walk(top->menu(), top->text().remove(QLatin1Char('&')));
    for (const QShortcut* sc : findChildren<QShortcut*>())
        if (!sc->whatsThis().isEmpty())
            rows.append({sc->key().toString(QKeySequence::NativeText), sc->whatsThis()});
    return rows;
}

void MainWindow::showShortcuts() {
    const auto rows = shortcutList();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto* table = new QTableWidget(int(rows.size()), 2, &dialog);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Does")});
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    dialog.resize(620, 480);
    dialog.exec();
}

void MainWindow::setSamplesDir(const QString& dir) {
    m_samplesDir = dir;
    if (m_samplesMenu) rebuildSamplesMenu(m_samplesMenu);
    rebuildExercisesMenu();
}

namespace {
// The classroom scenarios (samples/make_scenarios.py), in teaching order, with menu titles.
struct Scenario {
    const char* file;
    const char* title;
    const char* tip;
};
constexpr Scenario kScenarios[] = {
    {"lifecycle-seed-session.pcap",
     QT_TRANSLATE_NOOP("MainWindow", "Normal Lifecycle (the seed session)"),
     QT_TRANSLATE_NOOP("MainWindow", "Three-way handshake, a push each way, FIN/ACK close")},
    {"simultaneous-open.pcap", QT_TRANSLATE_NOOP("MainWindow", "Simultaneous Open"),
     QT_TRANSLATE_NOOP("MainWindow", "Both ends send SYN at once; both pass SYN-RECEIVED")},
    {"simultaneous-close.pcap", QT_TRANSLATE_NOOP("MainWindow", "Simultaneous Close"),
     QT_TRANSLATE_NOOP("MainWindow", "The FINs cross; both ends go through CLOSING")},
    {"half-close.pcap", QT_TRANSLATE_NOOP("MainWindow", "Half-Close"),
     QT_TRANSLATE_NOOP("MainWindow", "The client shuts down sending; the server keeps sending")},
    {"connection-refused.pcap", QT_TRANSLATE_NOOP("MainWindow", "Connection Refused"),
     QT_TRANSLATE_NOOP("MainWindow", "A SYN answered by RST: nobody listens on the port")},
    {"reset.pcap", QT_TRANSLATE_NOOP("MainWindow", "Reset (abortive close)"),
     QT_TRANSLATE_NOOP("MainWindow", "The client aborts with RST instead of FIN")},
    {"retransmission-dupack.pcap",
     QT_TRANSLATE_NOOP("MainWindow", "Retransmission and Duplicate ACKs"),
     QT_TRANSLATE_NOOP("MainWindow", "A lost segment, dup ACKs with SACK, fast retransmission")},
    {"zero-window.pcap", QT_TRANSLATE_NOOP("MainWindow", "Zero Window"),
     QT_TRANSLATE_NOOP("MainWindow", "A slow reader: window 0, probes, window update")},
    {"syn-flood.pcap", QT_TRANSLATE_NOOP("MainWindow", "SYN Flood"),
     QT_TRANSLATE_NOOP("MainWindow", "Spoofed SYNs leave half-open connections")},
    {"syn-backoff.pcap", QT_TRANSLATE_NOOP("MainWindow", "SYN,ACK Back-off"),
     QT_TRANSLATE_NOOP("MainWindow", "An unanswered SYN,ACK sent again after 1, 2, 4, 8, 16 s")},
};
} // namespace

void MainWindow::rebuildSamplesMenu(QMenu* menu) {
    menu->clear();
    menu->setToolTipsVisible(true);
    const QDir dir(m_samplesDir);
    QStringList files = m_samplesDir.isEmpty()
                            ? QStringList()
                            : dir.entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng"),
                                             QStringLiteral("*.txt")},
                                            QDir::Files, QDir::Name);
    // Classroom scenarios first, by title in teaching order; then every other sample by name.
    bool anyScenario = false;
    for (const Scenario& s : kScenarios) {
        const QString f = QString::fromLatin1(s.file);
        if (!files.contains(f)) continue;
        if (!anyScenario) menu->addSection(tr("Classroom Scenarios"));
        anyScenario = true;
        files.removeAll(f);
        const QString path = dir.absoluteFilePath(f);
        QAction* a = menu->addAction(tr(s.title), this, [this, path] { openFile(path); });
        a->setToolTip(tr(s.tip));
        a->setStatusTip(tr(s.tip));
    }
    if (anyScenario && !files.isEmpty()) menu->addSection(tr("Other Samples"));
    for (const QString& f : files) {
        const QString path = dir.absoluteFilePath(f);
        menu->addAction(f, this, [this, path] { openFile(path); });
    }
    if (files.isEmpty() && !anyScenario)
        menu->addAction(tr("(no samples found)"))->setEnabled(false);
}

void MainWindow::setRecentFiles(const QStringList& files) {
    m_recent = files;
    rebuildRecentMenu();
}

void MainWindow::addRecent(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    m_recent.removeAll(abs);
    m_recent.prepend(abs);
    while (m_recent.size() > 10) m_recent.removeLast();
    rebuildRecentMenu();
    emit recentFilesChanged(m_recent);
}

void MainWindow::rebuildRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    for (const QString& path : m_recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this,
                                [this, path] { openFile(path); });
    if (m_recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear"), this, [this] {
            m_recent.clear();
            rebuildRecentMenu();
            emit recentFilesChanged(m_recent);
        });
    }
}

void MainWindow::showOpenDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Capture"),
        m_recent.isEmpty() ? m_samplesDir : QFileInfo(m_recent.front()).absolutePath(),
        tr("Captures (*.pcap *.pcapng *.cap *.dmp);;pcap (*.pcap *.cap);;pcapng (*.pcapng);;Text "
           "dumps (*.txt);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

void MainWindow::showPasteDialog(const QString& initialText) {
    PasteHexDialog dialog(this);
    dialog.setCanAppend(document() && !document()->frames().empty());
    if (document()) dialog.setProtectedPath(documentPath(*document()));
    if (!initialText.isEmpty()) dialog.setText(initialText);
    if (dialog.exec() != QDialog::Accepted ||
        (dialog.result().frames.empty() && dialog.result().segments.empty()))
        return;
    LoadedInput input = dialog.result(); // a hex dump's frames, or tcpdump lines' segments
    QString path;
    if (dialog.action() == PasteHexDialog::Action::Append && document()) {
        std::vector<OwnedFrame> all = document()->frames().toOwned();
        uint64_t next = all.empty() ? 1 : all.back().number + 1;
        for (OwnedFrame& f : input.frames) f.number = next++;
        all.insert(all.end(), input.frames.begin(), input.frames.end());
        input.frames = std::move(all);
        input.formatName = document()->formatName() + " + pasted";
    }
    // An appended or pasted capture has no file behind it until it is saved.
    m_loader->build(std::move(input), path, dissectOptions());
}

void MainWindow::saveAs() {
    if (!document() || document()->frames().empty()) {
        QMessageBox::information(this, tr("Save As"),
                                 tr("There are no packets with bytes to save."));
        return;
    }
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save As pcapng"), QStringLiteral("capture.pcapng"),
                                     tr("pcapng (*.pcapng);;pcap (*.pcap)"), &selected);
    if (path.isEmpty()) return;
    QString target = path;
    if (selected.contains(QStringLiteral("*.pcap)")) && !target.endsWith(QStringLiteral(".pcap")))
        target += QStringLiteral(".pcap");
    QString error;
    if (!saveCaptureTo(target, &error))
        QMessageBox::warning(this, tr("Save failed"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(target), 5000);
}

bool MainWindow::saveCaptureTo(const QString& path, QString* error) {
    if (!document()) return false;
    const QString viewed = document() == m_liveDocument ? QString() : documentPath(*document());
    if (!saveFrames(path, document()->frames(), error, viewed)) return false;
    if (document() == m_liveDocument && !isCapturing()) m_unsavedCapture = false;
    return true;
}

} // namespace tcpscope::ui
