// SPDX-License-Identifier: GPL-2.0-or-later
// Live capture in the viewer, driven headless with real traffic on 127.0.0.1: the Capture
// dialog (loopback first, the capture filter checked as typed), a capture whose packet list,
// conversations, ladder and classroom caption grow as the test's own connection happens, the
// status bar's counts, Stop, Save, and a capture that ends badly (a bad filter, the helper
// killed) keeping its packets with a message. Capturing needs root or the helper's
// capabilities; without them each test says "capture not permitted" and ctest reports it
// skipped.
#include "../live/live_helpers.h"
#include "dialogs/capture_dialog.h"
#include "document/live_capture_controller.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "pages/connection_page.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <csignal>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString permissionProblem() {
    static const QString reason = [] {
        LiveCapture probe;
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port 9";
        if (!probe.start(o, captureHelperPath()) || !probe.open())
            return QString::fromStdString(probe.error());
        return QString();
    }();
    return reason;
}

#define REQUIRE_CAPTURE()                                                                          \
    do {                                                                                           \
        if (!permissionProblem().isEmpty())                                                        \
            QSKIP(qPrintable(QStringLiteral("capture not permitted: ") + permissionProblem()));    \
    } while (0)

CaptureOptions onPort(uint16_t port) {
    CaptureOptions o;
    o.interface = "lo";
    o.filter = "tcp port " + std::to_string(port);
    return o;
}

} // namespace

class LiveCaptureUiTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { qputenv("TCPSCOPE_CAPTURE_HELPER", TCPSCOPE_CAPTURE); }

    // The dialog as a user sees it, for looking at (TCPSCOPE_SHOTS=DIR saves it there).
    void dialogRenders() {
        std::string error;
        CaptureDialog dialog(listCaptureInterfaces(error), {}, CaptureOptions{}, 0);
        dialog.filterEdit()->setText(QStringLiteral("tcp port 80 and"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QImage shot = dialog.grab().toImage();
        QVERIFY(!shot.isNull());
        if (const QByteArray dir = qgetenv("TCPSCOPE_SHOTS"); !dir.isEmpty())
            QVERIFY(shot.save(QString::fromLocal8Bit(dir) + QStringLiteral("/capture-dialog.png")));
    }

    // The dialog: loopback first and chosen; a filter that does not compile turns the box red
    // with libpcap's message and disables Start; one that does turns it green.
    void dialogOffersLoopbackAndChecksTheFilter() {
        std::string error;
        std::vector<CaptureInterface> list = listCaptureInterfaces(error);
        QVERIFY2(!list.empty(), error.c_str());
        QVERIFY(list.front().loopback);
        CaptureDialog dialog(list, {}, CaptureOptions{}, 0);
        QVERIFY(dialog.interfaceList()->currentItem()->text(0).startsWith(QStringLiteral("lo")));
        QAbstractButton* start = nullptr;
        for (QAbstractButton* b : dialog.findChild<QDialogButtonBox*>()->buttons())
            if (b->text().contains(QStringLiteral("Start"))) start = b;
        QVERIFY(start);
        dialog.filterEdit()->setText(QStringLiteral("tcp port eighty"));
        QVERIFY(!dialog.filterValid());
        QVERIFY(!start->isEnabled());
        QVERIFY(dialog.filterEdit()->styleSheet().contains(QStringLiteral("#ffafaf")));
        dialog.filterEdit()->setText(QStringLiteral("tcp port 8000"));
        QVERIFY(dialog.filterValid());
        QVERIFY(start->isEnabled());
        QCOMPARE(dialog.options().filter, std::string("tcp port 8000"));
        QCOMPARE(dialog.options().interface, list.front().name);
    }

    // A real connection while capturing: the views grow with it; on the connection page a
    // selection on the newest packet follows the connection (the ladder and the caption
    // show each packet as it comes); Stop ends with a complete capture, unsaved until saved.
    void viewsGrowWhileTheConnectionHappens() {
        REQUIRE_CAPTURE();
        livetest::Listener server;
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.startCapture(onPort(server.port)));
        QVERIFY(w.isCapturing());
        QTRY_VERIFY_WITH_TIMEOUT(w.liveCapture()->ready(), 5000);
        const int client = livetest::connectTo(server.port);
        QVERIFY(client >= 0);
        const int accepted = ::accept(server.fd, nullptr, nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(w.document() && w.document()->size() >= 3, 5000);
        QVERIFY(w.document()->isPartial());
        QCOMPARE(w.conversationModel()->rowCount(), 1);
        QVERIFY(w.statusBar()
                    ->findChild<QLabel*>(QStringLiteral("statusLive"))
                    ->text()
                    .contains(QStringLiteral("Capturing on lo")));
        // The connection page on the newest packet (the handshake's ACK): it follows.
        w.showConnectionPage();
        w.controller()->selectPacket(int(w.document()->size()) - 1);
        QVERIFY(w.connectionPage()->captionText().contains(QStringLiteral("ACK")));
        QVERIFY(livetest::sendAll(client, "hello"));
        QCOMPARE(livetest::receive(accepted), std::string("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->size() >= 5, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w.controller()->packet(), int(w.document()->size()) - 1, 5000);
        ::close(client);
        livetest::receive(accepted);
        ::close(accepted);
        // Both closed: the server's last ACK seen, whatever Linux merged on the way.
        QTRY_VERIFY_WITH_TIMEOUT(
            w.document()->tracker().ladder(0).back().server.after == TcpState::Closed, 5000);
        w.stopCapture();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isCapturing(), 5000);
        const DocumentPtr done = w.document();
        QVERIFY(!done->isPartial());
        const auto& ladder = done->tracker().ladder(0);
        QCOMPARE(ladder.front().client.after, TcpState::SynSent);
        QCOMPARE(ladder.back().server.after, TcpState::Closed);
        QVERIFY(w.warningBar()->isHidden());
        QVERIFY(w.hasUnsavedCapture());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.pcap"));
        QString error;
        QVERIFY2(w.saveCaptureTo(path, &error), qPrintable(error));
        QVERIFY(!w.hasUnsavedCapture());
        const DocumentPtr saved = openDocument(path);
        QCOMPARE(saved->size(), done->size());
        QCOMPARE(saved->formatName(), std::string("pcap"));
    }

    // A capture filter the helper refuses, and the helper killed mid-capture: a message in
    // the warning bar, the packets captured before kept.
    void badEndsSayWhyAndKeepPackets() {
        REQUIRE_CAPTURE();
        MainWindow w;
        w.setAskBeforeDiscarding(false);
        QSignalSpy ended(&w, &MainWindow::captureEnded);
        CaptureOptions bad;
        bad.interface = "lo";
        bad.filter = "tcp port eighty";
        QVERIFY(w.startCapture(bad));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
        QVERIFY(ended.at(0).at(0).toString().contains(QStringLiteral("bad capture filter")));
        QVERIFY(w.warningBar()->isVisible() || !w.warningBar()->text().isEmpty());

        livetest::Listener server;
        QVERIFY(w.startCapture(onPort(server.port)));
        QTRY_VERIFY_WITH_TIMEOUT(w.liveCapture()->ready(), 5000);
        QVERIFY(livetest::talk(server));
        QTRY_VERIFY_WITH_TIMEOUT(w.document() && w.document()->size() >= 9, 5000);
        ::kill(w.liveCapture()->helperPid(), SIGKILL);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 5000);
        QVERIFY(ended.at(1).at(0).toString().contains(QStringLiteral("killed")));
        QVERIFY(w.document()->size() >= 9);
        QVERIFY(w.warningBar()->text().contains(QStringLiteral("are kept")));

        // A running capture given up for a file (not asked: setAskBeforeDiscarding): it stops,
        // and its last snapshots do not replace the file.
        QVERIFY(w.startCapture(onPort(server.port)));
        QTRY_VERIFY_WITH_TIMEOUT(w.liveCapture()->ready(), 5000);
        w.openFile(QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/redis-ping-pong.pcap"));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 3, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(w.document() && w.document()->path().find("redis-ping-pong") !=
                                                     std::string::npos,
                                 5000);
        QTest::qWait(300);
        QVERIFY(w.document()->path().find("redis-ping-pong") != std::string::npos);
        QVERIFY(!w.isCapturing());
        QVERIFY(!w.hasUnsavedCapture());
    }
};

QTEST_MAIN(LiveCaptureUiTests)
#include "live_capture_ui_tests.moc"
