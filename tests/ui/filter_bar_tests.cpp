// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's display filter: the bar's colours and messages as typed, applying (Enter, the
// drop-down's history, the saved filters), the packet list and status bar after it, the run off
// the UI thread on a large capture, completion, Apply / Prepare as Filter, Find by display
// filter, and marked packets. Runs with QT_QPA_PLATFORM=offscreen; with TCPSCOPE_UI_SHOTS set
// to a directory it also writes screenshots of the bar in each state.
#include "dialogs/preferences_dialog.h"
#include "document/filter_runner.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "models/field_tree_model.h"
#include "models/filter_completion.h"
#include "models/filter_store.h"
#include "models/packet_list_model.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/display_filter_bar.h"

#include <tcpscope/capture_source.h>
#include <tcpscope/live_capture.h>

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}

// The frame numbers the packet list shows, space-separated.
QString shownFrames(const MainWindow& w) {
    QStringList out;
    const PacketListModel* m = w.packetModel();
    for (int r = 0; r < m->rowCount(); ++r)
        out << QString::number(w.document()->records()[size_t(m->documentRow(r))].number);
    return out.join(QLatin1Char(' '));
}

uint64_t selectedFrame(const MainWindow& w) {
    const int row = w.controller()->packet();
    return row < 0 ? 0 : w.document()->records()[size_t(row)].number;
}

QString statusText(const MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("statusPackets"))->text();
}

QAction* findAction(QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions()) {
        if (a->text().remove(u'&').startsWith(text)) return a;
        if (a->menu())
            if (QAction* sub = findAction(a->menu(), text)) return sub;
    }
    return nullptr;
}

QMenu* subMenu(QMenu* menu, const QString& title) {
    for (QAction* a : menu->actions())
        if (a->menu() && a->text().remove(u'&') == title) return a->menu();
    return nullptr;
}

// The window with its open popups painted where they are on screen (a grab shows no popups).
QImage withPopups(QWidget* window, const QList<QWidget*>& popups) {
    QImage image = window->grab().toImage();
    QPainter p(&image);
    for (QWidget* popup : popups)
        if (popup && popup->isVisible())
            p.drawPixmap(window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
    return image;
}

// The window as shown (with its popups), rendered always; saved into $TCPSCOPE_UI_SHOTS when set.
void shot(QWidget* window, const QString& name, const QList<QWidget*>& popups = {}) {
    QTest::qWait(50); // layouts settle (the status bar's labels after a new text)
    const QImage image = withPopups(window, popups);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), window->size() * window->devicePixelRatio());
    const QByteArray out = qgetenv("TCPSCOPE_UI_SHOTS");
    if (!out.isEmpty()) image.save(QString::fromLocal8Bit(out) + QLatin1Char('/') + name);
}

// A session of many packets: a sample read `times` times over, renumbered.
DocumentPtr repeated(const char* name, size_t times) {
    LoadedInput in = loadPath(sample(name).toStdString());
    const std::vector<OwnedFrame> once = in.frames;
    for (size_t k = 1; k < times; ++k)
        for (OwnedFrame f : once) {
            f.number = in.frames.size() + 1;
            f.ts.sec += int64_t(k);
            in.frames.push_back(std::move(f));
        }
    return CaptureSession::fromInput(std::move(in), "", {});
}

} // namespace

class FilterBarTests : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { registerAllProtocols(); }

    // Green, red with the error's column, yellow with what the capture lacks, as typed.
    void barColoursAsTyped() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QCOMPARE(bar->state(), DisplayFilterBar::State::Empty);
        QTest::keyClick(&w, Qt::Key_Slash, Qt::ControlModifier); // Edit > Display Filter
        QCOMPARE(QApplication::focusWidget(), bar->comboBox());  // its line edit's focus proxy
        QTest::keyClicks(bar->lineEdit(), QStringLiteral("tcp.port == 6379"));
        QCOMPARE(bar->state(), DisplayFilterBar::State::Valid);
        QCOMPARE(bar->lineEdit()->palette().color(QPalette::Base), QColor(0xaf, 0xff, 0xaf));
        QVERIFY(bar->message().isEmpty());
        bar->setText(QStringLiteral("tcp.port == 6379 && tcp.flgs.syn == 1"));
        QCOMPARE(bar->state(), DisplayFilterBar::State::Invalid);
        QCOMPARE(bar->lineEdit()->palette().color(QPalette::Base), QColor(0xff, 0xaf, 0xaf));
        QVERIFY2(bar->message().contains(QStringLiteral("column 21")), qPrintable(bar->message()));
        QVERIFY(bar->message().contains(QStringLiteral("tcp.flags.syn")));
        QCOMPARE(bar->lineEdit()->toolTip(), bar->message());
        // Valid, but this capture has no zero-window packet: yellow, and it says which field.
        bar->setText(QStringLiteral("tcp.flags.syn == 1 || tcp.analysis.zero_window"));
        QCOMPARE(bar->state(), DisplayFilterBar::State::Warning);
        QCOMPARE(bar->lineEdit()->palette().color(QPalette::Base), QColor(0xff, 0xff, 0xaf));
        QVERIFY(bar->message().contains(QStringLiteral("tcp.analysis.zero_window")));
        bar->setText(QString());
        QCOMPARE(bar->state(), DisplayFilterBar::State::Empty);
    }

    // Enter applies; the list, the status bar and the selection follow; a bad filter applies
    // nothing; an empty bar shows every packet again; the stream filter combines with it.
    void applyFiltersTheList() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QSignalSpy changed(w.packetsPage(), &PacketsPage::displayFilterChanged);
        QVERIFY(w.selectFrame(2));
        bar->setText(QStringLiteral("tcp.flags.syn == 1"));
        // Enter where the keys go: the combo box holding the focus, and its line edit.
        bar->lineEdit()->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(changed.count(), 1);
        QTest::keyClick(bar->lineEdit(), Qt::Key_Return);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(shownFrames(w), QStringLiteral("1 2"));
        QCOMPARE(selectedFrame(w), uint64_t(2)); // still shown: still selected
        QVERIFY2(statusText(w).contains(QStringLiteral("Displayed: 2 of 10 (20.0%)")),
                 qPrintable(statusText(w)));
        // The selected packet is filtered out: the first one shown is selected.
        QVERIFY(bar->applyText(QStringLiteral("tcp.len > 0")));
        QCOMPARE(shownFrames(w), QStringLiteral("4 6"));
        QCOMPARE(selectedFrame(w), uint64_t(4));
        QVERIFY(!bar->applyText(QStringLiteral("tcp.len >")));
        QCOMPARE(shownFrames(w), QStringLiteral("4 6"));
        QCOMPARE(bar->appliedText(), QStringLiteral("tcp.len > 0"));
        // With the stream filter: both apply.
        QVERIFY(bar->applyText(QStringLiteral("tcp.srcport == 6379")));
        const QString fromServer = shownFrames(w);
        w.packetsPage()->setStreamFilter(0);
        QCOMPARE(shownFrames(w), fromServer);
        w.packetsPage()->setStreamFilter(1); // no such stream
        QCOMPARE(w.packetModel()->rowCount(), 0);
        w.packetsPage()->setStreamFilter(std::nullopt);
        QVERIFY(bar->applyText(QString()));
        QCOMPARE(w.packetModel()->rowCount(), 10);
        QVERIFY(!statusText(w).contains(QStringLiteral("Displayed")));
    }

    // The filter applied stays applied on the next capture; what is typed stays in the bar.
    void filterStaysAppliedOnTheNextCapture() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QVERIFY(bar->applyText(QStringLiteral("tcp.flags.syn == 1")));
        bar->setText(QStringLiteral("tcp.flags.reset == "));
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        QCOMPARE(bar->text(), QStringLiteral("tcp.flags.reset == "));
        QCOMPARE(bar->appliedText(), QStringLiteral("tcp.flags.syn == 1"));
        QCOMPARE(w.packetModel()->rowCount(), 74); // the SYNs and SYN-ACKs of its 80 packets
        QVERIFY(w.packetModel()->filtered());
        QVERIFY(w.openFileSync(sample("reset.pcap")));
        QCOMPARE(shownFrames(w), QStringLiteral("1 2"));
        QVERIFY(statusText(w).contains(QStringLiteral("Displayed: 2 of 11")));
    }

    // The drop-down holds the last filters applied, newest first, each once; picking one
    // applies it. The store keeps 20, and round-trips through QSettings.
    void historyAndSettings() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("reset.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QSignalSpy stored(bar, &DisplayFilterBar::storeChanged);
        bar->applyText(QStringLiteral("tcp.flags.reset == 1"));
        bar->applyText(QStringLiteral("tcp.flags.syn == 1"));
        bar->applyText(QStringLiteral("tcp.flags.reset == 1"));
        QCOMPARE(stored.count(), 3);
        QCOMPARE(bar->comboBox()->count(), 2);
        QCOMPARE(bar->comboBox()->itemText(0), QStringLiteral("tcp.flags.reset == 1"));
        QCOMPARE(bar->comboBox()->itemText(1), QStringLiteral("tcp.flags.syn == 1"));
        emit bar->comboBox()->textActivated(bar->comboBox()->itemText(1));
        QCOMPARE(bar->appliedText(), QStringLiteral("tcp.flags.syn == 1"));
        QCOMPARE(shownFrames(w), QStringLiteral("1 2"));

        FilterStore store;
        for (int i = 0; i < 30; ++i) store.remember(QStringLiteral("tcp.len > %1").arg(i));
        QCOMPARE(store.history.size(), FilterStore::kHistorySize);
        QCOMPARE(store.history.front(), QStringLiteral("tcp.len > 29"));
        store.save({QStringLiteral("Mine"), QStringLiteral("tcp.len > 3")});
        QVERIFY(store.remove(QStringLiteral("Resets")));
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("f.ini")), QSettings::IniFormat);
        QCOMPARE(FilterStore::load(settings), FilterStore()); // nothing stored: the defaults
        store.store(settings);
        QCOMPARE(FilterStore::load(settings), store);
        FilterStore emptied;
        emptied.saved.clear();
        emptied.store(settings);
        QVERIFY(FilterStore::load(settings).saved.isEmpty()); // emptied stays empty
    }

    // While a filter is applied the conversations table lists the connections it shows.
    void conversationsFollowTheFilter() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        ConversationModel* conv = w.conversationModel();
        QAbstractItemModelTester tester(conv,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int all = conv->rowCount();
        QVERIFY(all > 5);
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QVERIFY(bar->applyText(QStringLiteral("tcp.stream == 3 || tcp.stream == 5")));
        QCOMPARE(conv->rowCount(), 2);
        QCOMPARE(conv->data(conv->index(0, 0), ConversationModel::StreamRole).toUInt(), 3u);
        QCOMPARE(conv->data(conv->index(1, 0), ConversationModel::StreamRole).toUInt(), 5u);
        QVERIFY(bar->applyText(QStringLiteral("tcp.flags.reset == 1")));
        QCOMPARE(conv->rowCount(), 0);
        QVERIFY(bar->applyText(QString()));
        QCOMPARE(conv->rowCount(), all);
    }

    // The ladder fades what the filter hides; the classroom's steps skip it.
    void ladderAndStepsFollowTheFilter() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        ConnectionPage* page = w.connectionPage();
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QVERIFY(bar->applyText(QStringLiteral("tcp.analysis.retransmission")));
        page->firstStep(); // (the page, not shown, builds its ladder when first asked)
        QCOMPARE(page->ladder()->hiddenCount(), size_t(27)); // 29 packets, 23 and 28 shown
        QCOMPARE(page->step(), 23);
        page->nextStep();
        QCOMPARE(page->step(), 28);
        page->nextStep(); // nothing shown after 28: it stays
        QCOMPARE(page->step(), 28);
        page->previousStep();
        QCOMPARE(page->step(), 23);
        page->lastStep();
        QCOMPARE(page->step(), 28);
        QVERIFY(bar->applyText(QString())); // no filter: every step again
        QCOMPARE(page->ladder()->hiddenCount(), size_t(0));
        page->nextStep();
        QCOMPARE(page->step(), 29);
    }

    // Each shipped saved filter compiles and matches what its name says on the samples.
    void shippedSavedFiltersMatch_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("frames");
        QTest::newRow("handshakes") << "Handshakes"
                                    << "redis-ping-pong.pcap"
                                    << "1 2 3";
        QTest::newRow("resets") << "Resets"
                                << "connection-refused.pcap"
                                << "2";
        QTest::newRow("retransmissions") << "Retransmissions"
                                         << "retransmission-dupack.pcap"
                                         << "23 28";
        QTest::newRow("half-open, none") << "Half-open"
                                         << "redis-ping-pong.pcap"
                                         << "";
        QTest::newRow("not closed cleanly") << "Not closed cleanly"
                                            << "reset.pcap"
                                            << "11";
        QTest::newRow("a refusal is closed") << "Not closed cleanly"
                                             << "connection-refused.pcap"
                                             << "";
        QTest::newRow("zero window") << "Zero window"
                                     << "zero-window.pcap"
                                     << "14 15 16 17 18";
    }
    void shippedSavedFiltersMatch() {
        QFETCH(QString, name);
        QFETCH(QString, capture);
        QFETCH(QString, frames);
        MainWindow w;
        QVERIFY(w.openFileSync(sample(capture.toLatin1().constData())));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QAction* a = findAction(bar->bookmarkMenu(), name);
        QVERIFY(a);
        a->trigger();
        QCOMPARE(bar->appliedText(), a->data().toString());
        QCOMPARE(shownFrames(w), frames);
    }

    void halfOpenFindsTheSynFloodsAnswers() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        findAction(bar->bookmarkMenu(), QStringLiteral("Half-open"))->trigger();
        QCOMPARE(w.packetModel()->rowCount(), 48);
        for (int r = 0; r < w.packetModel()->rowCount(); ++r) {
            const PacketRecord& rec =
                w.document()->records()[size_t(w.packetModel()->documentRow(r))];
            QVERIFY((rec.flags & TcpFlag::Syn) && (rec.flags & TcpFlag::Ack)); // SYN-ACKs
        }
    }

    // Save this filter, remove one, and the menu follows.
    void savedFiltersMenu() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("zero-window.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        QStringList names;
        for (QAction* a : bar->bookmarkMenu()->actions())
            if (!a->data().toString().isEmpty()) names << a->property("filterName").toString();
        QCOMPARE(names, (QStringList{"Handshakes", "Resets", "Retransmissions", "Half-open",
                                     "Not closed cleanly", "Zero window"}));
        // A filter's && is shown as such, not taken for a mnemonic.
        QVERIFY(findAction(bar->bookmarkMenu(), QStringLiteral("Not closed cleanly"))
                    ->text()
                    .contains(QStringLiteral("== 1 &&&& tcpfsm")));
        bar->setText(QStringLiteral("tcp.len > 0 && tcp.srcport == 6379"));
        QVERIFY(!bar->saveCurrent(QString()));
        QVERIFY(bar->saveCurrent(QStringLiteral("Server data")));
        QAction* mine = findAction(bar->bookmarkMenu(), QStringLiteral("Server data"));
        QVERIFY(mine);
        QCOMPARE(mine->data().toString(), QStringLiteral("tcp.len > 0 && tcp.srcport == 6379"));
        QVERIFY(bar->removeSaved(QStringLiteral("Resets")));
        QVERIFY(!findAction(subMenu(bar->bookmarkMenu(), QStringLiteral("Remove saved filter")),
                            QStringLiteral("Resets")));
        QCOMPARE(bar->store().saved.size(), 6);
    }

    // Completion: field names from the registry, then the field's values after ==.
    void completionOffersFieldsAndValues() {
        FilterCompletion c = filterCompletion(QStringLiteral("tcp.flags.sy"), 12);
        QCOMPARE(c.start, 0);
        QCOMPARE(c.candidates, QStringList{QStringLiteral("tcp.flags.syn")});
        c = filterCompletion(QStringLiteral("ip.ttl > 3 && tcp.analysis.r"), 28);
        QCOMPARE(c.start, 14);
        QVERIFY(c.candidates.contains(QStringLiteral("tcp.analysis.retransmission")));
        QVERIFY(c.candidates.contains(QStringLiteral("tcp.analysis.reused_ports")));
        for (const QString& f : c.candidates)
            QVERIFY(f.startsWith(QStringLiteral("tcp.analysis.r")));
        c = filterCompletion(QStringLiteral("ip.proto == "), 12);
        QVERIFY(c.values);
        QVERIFY(c.candidates.contains(QStringLiteral("TCP")));
        c = filterCompletion(QStringLiteral("tcpfsm.server == \"SYN"), 21);
        QCOMPARE(c.candidates,
                 (QStringList{QStringLiteral("\"SYN-SENT\""), QStringLiteral("\"SYN-RECEIVED\"")}));
        int cursor = 0;
        QCOMPARE(
            applyCompletion(QStringLiteral("tcpfsm.server == \"SYN && x"),
                            filterCompletion(QStringLiteral("tcpfsm.server == \"SYN && x"), 21),
                            QStringLiteral("\"SYN-RECEIVED\""), &cursor),
            QStringLiteral("tcpfsm.server == \"SYN-RECEIVED\" && x"));
        QCOMPARE(cursor, 31);
        // The completed value compiles: the names are the filter's own.
        QVERIFY(DisplayFilter::compile("ip.proto == TCP", nullptr));
        QVERIFY(DisplayFilter::compile("tcpfsm.server == \"SYN-RECEIVED\"", nullptr));
    }

    void completionPopupInTheBar() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        bar->lineEdit()->setFocus();
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("tcp.flags.s")); // as typed
        QAbstractItemView* popup = bar->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QStringList offered;
        for (int r = 0; r < popup->model()->rowCount(); ++r)
            offered << popup->model()->index(r, 0).data().toString();
        QCOMPARE(offered, (QStringList{"tcp.flags.str", "tcp.flags.syn"}));
        emit bar->completer()->activated(QStringLiteral("tcp.flags.syn"));
        QCOMPARE(bar->text(), QStringLiteral("tcp.flags.syn"));
        // After ==, the values.
        QTest::keyClicks(bar->lineEdit(), QStringLiteral(" == "));
        QTRY_VERIFY(popup->isVisible());
        QVERIFY(popup->model()->rowCount() >= 1);
        QVERIFY(bar->completer()->completionModel()->index(0, 0).data().toString() != QString());
        popup->hide();
    }

    // A large capture is filtered off the UI thread: apply returns at once, a second filter
    // replaces the first, and only the second's result is shown.
    void largeCaptureFiltersInTheBackground() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        const DocumentPtr doc = repeated("retransmission-dupack.pcap", 2000); // 58,000 packets
        QVERIFY(doc->size() > FilterRunner::kSyncPackets);
        w.setDocument(doc);
        PacketsPage* page = w.packetsPage();
        QSignalSpy changed(page, &PacketsPage::displayFilterChanged);
        QVERIFY(page->applyDisplayFilter(QStringLiteral("tcp.analysis.retransmission")));
        QVERIFY(page->filterBusy());
        QVERIFY(
            page->applyDisplayFilter(QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 0")));
        QVERIFY(page->filterBusy());
        QCOMPARE(w.packetModel()->rowCount(), int(doc->size())); // not yet filtered
        QTRY_VERIFY_WITH_TIMEOUT(!page->filterBusy(), 20000);
        QCOMPARE(changed.count(), 1);                // the replaced run never reported
        QCOMPARE(w.packetModel()->rowCount(), 2000); // one SYN per copy
        QVERIFY(statusText(w).contains(QStringLiteral("Displayed: 2000 of 58000 (3.4%)")));
        // Too large to ask as typed: a field the capture lacks turns the bar yellow once run.
        DisplayFilterBar* bar = page->displayFilterBar();
        bar->setText(QStringLiteral("tcp.flags.reset == 1 || tcp.analysis.zero_window"));
        QCOMPARE(bar->state(), DisplayFilterBar::State::Valid);
        QVERIFY(bar->apply());
        QTRY_VERIFY_WITH_TIMEOUT(!page->filterBusy(), 20000);
        QCOMPARE(bar->state(), DisplayFilterBar::State::Warning);
        QVERIFY(bar->message().contains(QStringLiteral("tcp.analysis.zero_window")));
        QVERIFY(!bar->message().contains(QStringLiteral("tcp.flags.reset")));
    }

    // Apply / Prepare as Filter from the field tree, the packet list and the conversations.
    void applyAndPrepareAsFilter() {
        using C = PacketsPage::Combine;
        QCOMPARE(PacketsPage::combinedFilter(QString(), QStringLiteral("a == 1"), C::AndSelected),
                 QStringLiteral("a == 1"));
        QCOMPARE(PacketsPage::combinedFilter(QStringLiteral("b"), QStringLiteral("a == 1"),
                                             C::OrNotSelected),
                 QStringLiteral("(b) || !(a == 1)"));
        QCOMPARE(
            PacketsPage::combinedFilter(QString(), QStringLiteral("a == 1"), C::AndNotSelected),
            QStringLiteral("!(a == 1)"));
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        PacketsPage* page = w.packetsPage();
        DisplayFilterBar* bar = page->displayFilterBar();
        QVERIFY(bar->applyText(QStringLiteral("tcp.port == 6379")));
        QVERIFY(w.selectFrame(1));
        QVERIFY(w.selectField(QStringLiteral("tcp.flags.syn")));
        const QModelIndex syn = w.treeView()->currentIndex();
        QCOMPARE(w.treeModel()->data(syn, FieldTreeModel::FilterRole).toString(),
                 QStringLiteral("tcp.flags.syn == 1"));
        std::unique_ptr<QMenu> menu(page->fieldMenu(syn));
        // Prepare ... and Selected: in the bar, not applied.
        findAction(subMenu(menu.get(), QStringLiteral("Prepare as Filter")),
                   QStringLiteral("…and Selected"))
            ->trigger();
        QCOMPARE(bar->text(), QStringLiteral("(tcp.port == 6379) && tcp.flags.syn == 1"));
        QCOMPARE(bar->appliedText(), QStringLiteral("tcp.port == 6379"));
        QCOMPARE(w.packetModel()->rowCount(), 10);
        // Apply ... and not Selected.
        bar->setText(QStringLiteral("tcp.port == 6379"));
        findAction(subMenu(menu.get(), QStringLiteral("Apply as Filter")),
                   QStringLiteral("…and not Selected"))
            ->trigger();
        QCOMPARE(bar->appliedText(), QStringLiteral("(tcp.port == 6379) && !(tcp.flags.syn == 1)"));
        QCOMPARE(shownFrames(w), QStringLiteral("3 4 5 6 7 8 9 10"));
        // The packet list's "Filter on This Connection".
        std::unique_ptr<QMenu> rowMenu(page->packetMenu(w.controller()->packet()));
        findAction(rowMenu.get(), QStringLiteral("Filter on This Connection"))->trigger();
        QCOMPARE(bar->appliedText(), QStringLiteral("tcp.stream == 0"));
        QCOMPARE(w.packetModel()->rowCount(), 10);
        // The conversations table: Prepare as Filter > Selected.
        std::unique_ptr<QMenu> convMenu(page->conversationMenu(w.conversationModel()->index(0, 0)));
        bar->setText(QString());
        findAction(subMenu(convMenu.get(), QStringLiteral("Prepare as Filter")),
                   QStringLiteral("Selected"))
            ->trigger();
        QCOMPARE(bar->text(), QStringLiteral("tcp.stream == 0"));
    }

    // Find by display filter: next and previous among the packets shown; a bad filter says so.
    void findByDisplayFilter() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        PacketsPage* page = w.packetsPage();
        QVERIFY(w.selectFrame(1));
        page->setFindQuery({FindQuery::In::DisplayFilter, QStringLiteral("tcp.len > 0"), false});
        QVERIFY(page->findNext());
        QCOMPARE(selectedFrame(w), uint64_t(4));
        QVERIFY(page->findNext());
        QCOMPARE(selectedFrame(w), uint64_t(6));
        QVERIFY(page->findNext());
        QCOMPARE(selectedFrame(w), uint64_t(4)); // wraps
        QVERIFY(page->findNext(true));
        QCOMPARE(selectedFrame(w), uint64_t(6));
        // Among the displayed packets only.
        QVERIFY(page->applyDisplayFilter(QStringLiteral("tcp.srcport == 6379")));
        QVERIFY(page->findNext());
        QCOMPARE(selectedFrame(w), uint64_t(6));
        QVERIFY(page->findNext());
        QCOMPARE(selectedFrame(w), uint64_t(6));
        QCOMPARE(page->findMessage(), QStringLiteral("Only this packet matches."));
        page->setFindQuery({FindQuery::In::DisplayFilter, QStringLiteral("tcp.len >>"), false});
        QVERIFY(!page->findNext());
        QVERIFY2(page->findMessage().startsWith(QStringLiteral("Bad display filter:")),
                 qPrintable(page->findMessage()));
        QVERIFY(page->findMessage().contains(QStringLiteral("column")));
    }

    // Marks: toggled, drawn white on black (black on light grey on a dark palette), stepped
    // through, counted in the status bar, exported as pcapng.
    void markedPackets() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        PacketsPage* page = w.packetsPage();
        PacketListModel* m = w.packetModel();
        QVERIFY(w.selectFrame(3));
        QTest::keyClick(&w, Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(m->isMarked(2));
        page->toggleMark(7);
        QCOMPARE(m->markedCount(), 2);
        QCOMPARE(m->data(m->index(2, 0), Qt::BackgroundRole).value<QColor>(), QColor(Qt::black));
        QCOMPARE(m->data(m->index(2, 0), Qt::ForegroundRole).value<QColor>(), QColor(Qt::white));
        QVERIFY(m->data(m->index(3, 0), Qt::BackgroundRole).value<QColor>() != QColor(Qt::black));
        QVERIFY(statusText(w).contains(QStringLiteral("Marked: 2")));
        w.setDarkColors(true);
        QCOMPARE(m->data(m->index(2, 0), Qt::ForegroundRole).value<QColor>(), QColor(Qt::black));
        w.setDarkColors(false);
        QVERIFY(w.selectFrame(1));
        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(selectedFrame(w), uint64_t(3));
        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(selectedFrame(w), uint64_t(8));
        QTest::keyClick(&w, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(selectedFrame(w), uint64_t(3));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("marked.pcapng"));
        QString error;
        QVERIFY2(page->exportMarked(path, &error), qPrintable(error));
        const DocumentPtr back = openDocument(path, {});
        QCOMPARE(back->size(), size_t(2));
        QVERIFY(back->bytes(0).size() == w.document()->bytes(2).size());
        QTest::keyClick(&w, Qt::Key_M, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(m->markedCount(), 0);
        QVERIFY(!page->exportMarked(path, &error));
        // Mark keys clash with no other shortcut of the window.
        QStringList keys;
        for (const auto& [key, what] : w.shortcutList()) keys << key;
        for (const QString& k : keys) QCOMPARE(keys.count(k), 1);
    }

    // The bar green, red and yellow, the completion popup and the saved-filters menu, at
    // 1280x720 and 1920x1080, light and dark: rendered, and saved with TCPSCOPE_UI_SHOTS set.
    void screenshots() {
        for (bool dark : {false, true})
            for (QSize size : {QSize(1280, 720), QSize(1920, 1080)}) shots(size, dark);
        MainWindow w;
        Preferences light = w.preferences();
        light.colors = Preferences::Colors::Light;
        w.setPreferences(light);
    }

    // A live capture's snapshots with a filter applied: each keeps showing what the filter
    // passed so far (never every packet while the new ones are tested), a run a later snapshot
    // continues finishes and the next follows from it, and the list ends as the filter on the
    // whole capture. Snapshots of 150,000 packets, past what is filtered at once.
    void liveSnapshotsKeepTheFilterApplied() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const LoadedInput in = loadPath(sample("syn-flood.pcap").toStdString());
        LiveSession live("lo", {});
        const auto add = [&](size_t packets) {
            for (size_t i = 0; i < packets; ++i)
                live.append(in.frames[i % in.frames.size()].view());
        };
        add(1000);
        w.setDocument(live.snapshot());
        const QString text = QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 1");
        QVERIFY(w.packetsPage()->applyDisplayFilter(text));
        PacketListModel* model = w.packetsPage()->packetModel();
        const int firstShown = model->rowCount();
        QVERIFY(firstShown > 0 && firstShown < 1000);
        int snapshots = 0;
        for (size_t total = 1000; total < 150000; total += 15000, ++snapshots) {
            add(15000);
            const DocumentPtr doc = live.snapshot();
            w.setDocument(doc);
            // What was passed so far stays: the new packets wait for their test.
            QVERIFY2(model->rowCount() < int(doc->size()),
                     qPrintable(QString::number(model->rowCount())));
            QVERIFY(model->rowCount() >= firstShown);
            QTest::qWait(5);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!w.packetsPage()->filterBusy(), 20000);
        const DocumentPtr last = w.document();
        const auto filter = DisplayFilter::compile(text.toStdString(), nullptr);
        QVERIFY(filter);
        const auto whole = applyFilter(*last, *filter);
        QVERIFY(whole);
        QCOMPARE(model->rowCount(), int(whole->count));
        QCOMPARE(last->size(), size_t(1000 + snapshots * 15000));
    }

  private:
    void shots(QSize size, bool dark) {
        MainWindow w;
        Preferences p = w.preferences();
        p.colors = dark ? Preferences::Colors::Dark : Preferences::Colors::Light;
        w.setPreferences(p);
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        DisplayFilterBar* bar = w.packetsPage()->displayFilterBar();
        const QString tag = QStringLiteral("-%1x%2%3.png")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(dark ? QStringLiteral("-dark") : QString());
        QVERIFY(
            bar->applyText(QStringLiteral("tcp.analysis.retransmission && tcp.flags.syn == 1")));
        w.packetsPage()->toggleMark(w.packetModel()->documentRow(1));
        shot(&w, QStringLiteral("filter-green") + tag);
        bar->setText(QStringLiteral("tcp.analysis.retransmission && tcp.flgs.syn == 1"));
        shot(&w, QStringLiteral("filter-red") + tag);
        bar->setText(QStringLiteral("tcp.flags.reset == 1 || tcp.analysis.zero_window"));
        shot(&w, QStringLiteral("filter-yellow") + tag);
        bar->setText(QString());
        bar->lineEdit()->setFocus();
        QTest::keyClicks(bar->lineEdit(), QStringLiteral("tcp.analysis.re"));
        QAbstractItemView* popup = bar->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        shot(&w, QStringLiteral("filter-completion") + tag, {popup});
        popup->hide();
        bar->setText(QStringLiteral("tcp.analysis.retransmission")); // "Save this filter…" on
        QMenu* menu = bar->bookmarkMenu();
        menu->popup(bar->bookmarkButton()->mapToGlobal(QPoint(0, bar->bookmarkButton()->height())));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        shot(&w, QStringLiteral("filter-saved-menu") + tag, {menu});
        menu->hide();
    }
};

QTEST_MAIN(FilterBarTests)
#include "filter_bar_tests.moc"
