// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching views beyond the packet panes: the Byte Table (the seed article's tables for the
// selected packet) in its tab and its window, following the selection both ways, its copy and
// exports, and its --view byte-table screenshot; exercises in the exercise panel, answered right
// and wrong, revealed, scored, stepping the classroom, and a bad exercise file's error.
#include "dialogs/byte_table_dialog.h"
#include "dialogs/syn_queue_dialog.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/article_table_view.h"
#include "views/exercise_panel.h"
#include "views/syn_queue_view.h"

#include <tcpscope/field.h>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {
QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}
QString readText(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}
QAction* actionNamed(QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions())
        if (a->text() == text) return a;
    return nullptr;
}
} // namespace

class TeachingTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { registerAllProtocols(); }

    // The tab shows the selected packet's tables; picking a field highlights its row, clicking a
    // row's bytes selects the field everywhere.
    void byteTableTabFollowsTheSelection() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(w.openFileSync(sample("article-redis-handshake.txt")));
        QVERIFY(w.selectFrame(1));
        ArticleTableView* view = w.packetsPage()->articleTable();
        const ByteTable& t = view->table();
        QCOMPARE(t.frameNumber, uint64_t(1));
        QCOMPARE(int(t.sections.size()), 3);
        QCOMPARE(QString::fromStdString(t.sections[1].rows[0].bytes), QStringLiteral("0x989e"));
        QVERIFY(view->browser()->toPlainText().contains(QStringLiteral("3×16 + 12 = 60")));
        // A field picked in the tree: its row is highlighted.
        const int ttl = w.controller()->tree()->findFirst(fieldId("ip.ttl"));
        w.controller()->selectNode(ttl);
        QCOMPARE(view->highlightedRow(), std::make_pair(0, 6));
        // A flag bit picked: the row of the flags it belongs to (the TCP flags word).
        const int syn = w.controller()->tree()->findFirst(fieldId("tcp.flags.syn"));
        w.controller()->selectNode(syn);
        QCOMPARE(view->highlightedRow().first, 1);
        // A row's bytes clicked: the field is selected everywhere.
        const int mss = t.sections[2].rows[0].node;
        emit view->browser()->anchorClicked(QUrl(QStringLiteral("node:%1").arg(mss)));
        QCOMPARE(w.controller()->node(), mss);
        QCOMPARE(view->highlightedRow(), std::make_pair(2, 0));
        // The next packet: its tables, with the RESP payload.
        QVERIFY(w.selectFrame(2));
        QCOMPARE(view->table().frameNumber, uint64_t(2));
        QCOMPARE(QString::fromStdString(view->table().sections.back().title),
                 QStringLiteral("Payload (RESP)"));
        QCOMPARE(view->highlightedRow(), std::make_pair(-1, -1));
    }

    void byteTableCopiesAndExports() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(w.openFileSync(sample("article-redis-handshake.txt")));
        QVERIFY(w.selectFrame(1));
        ArticleTableView* view = w.packetsPage()->articleTable();
        view->copyToClipboard();
        const QMimeData* mime = QApplication::clipboard()->mimeData();
        QVERIFY(mime->text().startsWith(QStringLiteral("### Frame 1: IPv4 header\n")));
        QVERIFY(mime->text().contains(QStringLiteral("| 0x4000 | Flags + Fragment Offset |")));
        QVERIFY(mime->html().contains(QStringLiteral("<td><code>0x0204 05b4</code></td>")));
        QTemporaryDir dir;
        QString error;
        for (const char* name : {"t.md", "t.html", "t.csv"}) {
            QVERIFY2(view->exportTo(dir.filePath(QLatin1String(name)), &error), qPrintable(error));
        }
        QCOMPARE(readText(dir.filePath(QStringLiteral("t.md"))), view->markdown());
        const QString html = readText(dir.filePath(QStringLiteral("t.html")));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<h3>Frame 1: TCP options</h3>")));
        const QStringList csv =
            readText(dir.filePath(QStringLiteral("t.csv"))).split(QLatin1Char('\n'));
        QCOMPARE(csv[0], QStringLiteral("frame,section,offset,length,bytes,field,abbrev,value,"
                                        "meaning"));
        QVERIFY(csv[1].startsWith(QStringLiteral("1,IPv4 header,0,1,0x4,Version,ip.version,4,")));
        QCOMPARE(csv.size(), 11 + 11 + 5 + 2); // 27 rows, the header, the last newline
        QVERIFY(!view->exportTo(dir.filePath(QStringLiteral("no/such/dir/t.md")), &error));
        QVERIFY(error.contains(QStringLiteral("no/such/dir")));
    }

    // The window (Classroom > Byte Table of the Packet, the packet list's menu) follows the
    // selection like the tab.
    void byteTableWindowFollowsTheSelection() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        QVERIFY(w.selectFrame(4));
        QMenu* menu = w.packetsPage()->packetMenu(0);
        QAction* show = actionNamed(menu, QStringLiteral("Show &Byte Table"));
        QVERIFY(show);
        show->trigger();
        ByteTableDialog* dialog = w.showByteTable();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->view()->table().frameNumber, uint64_t(1)); // the row the menu was for
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Byte Table: Frame 1"));
        QVERIFY(w.selectFrame(4));
        QCOMPARE(dialog->view()->table().frameNumber, uint64_t(4));
        QVERIFY(dialog->view()->browser()->toPlainText().contains(
            QStringLiteral("64 × 1024 (window scale) = 65536 bytes")));
        QCOMPARE(w.showByteTable(), dialog); // one window, raised again
        delete menu;
    }

    // tcpscope --screenshot --view byte-table: the window alone, at --size.
    void byteTableScreenshot() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("t.png"));
        QProcess p;
        p.start(QStringLiteral(TCPSCOPE_VIEWER),
                {QStringLiteral("--screenshot"), out, QStringLiteral("--size"),
                 QStringLiteral("1280x720"), QStringLiteral("--select"), QStringLiteral("1"),
                 QStringLiteral("--view"), QStringLiteral("byte-table"),
                 sample("article-redis-handshake.txt")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QImage image(out);
        QCOMPARE(image.size(), QSize(1280, 720));
    }

    // An exercise through the panel: the classroom shows the packets before the predicted one,
    // answers go in through the inputs, Reveal marks them and shows the packet, the score counts.
    void exerciseAnsweredRightAndWrong() {
        QTemporaryDir dir;
        QFile::copy(sample("lifecycle-seed-session.pcap"), dir.filePath(QStringLiteral("l.pcap")));
        const QString path = dir.filePath(QStringLiteral("e.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"tcpscope_exercise": 1, "title": "Handshake", "capture": "l.pcap",
          "steps": [{"packet": 1, "hide": ["flags", "client_state"]},
                    {"packet": 2, "hide": ["flags", "ack", "server_state"],
                     "questions": [{"ask": "Who answers?", "choices": ["client", "server"],
                                    "answer": "server"}]}]})");
        f.close();
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap"))); // replaced by the exercise's
        QString error;
        QVERIFY2(w.openExercise(path, &error), qPrintable(error));
        ExercisePanel* panel = w.exercisePanel();
        ConnectionPage* page = w.connectionPage();
        QVERIFY(panel->isVisible());
        QVERIFY(page->classroom());
        QVERIFY(page->exerciseMode());
        QCOMPARE(page->step(), 0); // packet 1 is predicted: nothing shown yet
        QCOMPARE(w.controller()->packet(), -1);
        QVERIFY(page->captionText().contains(QStringLiteral("Nothing has been sent yet")));
        page->nextStep(); // the step keys wait for the panel
        QCOMPARE(page->step(), 0);
        QCOMPARE(panel->itemCount(), 2);
        panel->setAnswer(0, QStringLiteral("SYN"));
        panel->setAnswer(1, QStringLiteral("SYN-RECEIVED"));
        QCOMPARE(panel->answerText(0), QStringLiteral("SYN"));
        panel->reveal();
        QCOMPARE(page->step(), 1);
        QVERIFY(panel->resultText(0).startsWith(QStringLiteral("Right: SYN.")));
        QVERIFY(panel->resultText(1).startsWith(
            QStringLiteral("Not quite: you said SYN-RECEIVED, it is SYN-SENT.")));
        QCOMPARE(panel->scoreText(),
                 QStringLiteral("Score: 1 of 2 right (1 of 2 steps revealed)."));
        panel->next();
        QCOMPARE(page->step(), 1); // packet 2 predicted: packet 1 shown
        QCOMPARE(panel->itemCount(), 4);
        panel->setAnswer(0, QStringLiteral("SYN, ACK"));
        panel->setAnswer(1, QStringLiteral("860356045")); // absolute: accepted
        panel->setAnswer(2, QStringLiteral("SYN-RECEIVED"));
        panel->setAnswer(3, QStringLiteral("client"));
        panel->reveal();
        QCOMPARE(page->step(), 2);
        QVERIFY(panel->resultText(1).contains(QStringLiteral("the server acknowledges 1")));
        QVERIFY(panel->resultText(3).startsWith(QStringLiteral("Not quite")));
        QCOMPARE(panel->scoreText(), QStringLiteral("Finished: 4 of 6 right."));
        // Back: the first step as it was answered, revealed, with the classroom at its packet.
        panel->previous();
        QCOMPARE(panel->currentStep(), 0);
        QCOMPARE(page->step(), 1);
        QCOMPARE(panel->answerText(1), QStringLiteral("SYN-RECEIVED"));
        QVERIFY(panel->resultText(1).startsWith(QStringLiteral("Not quite")));
        // Another capture ends the exercise.
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        QVERIFY(!panel->active());
        QVERIFY(!page->exerciseMode());
    }

    // A bad exercise file: the error names the file, line and column; the capture stays open.
    void badExerciseKeepsTheCapture() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"tcpscope_exercise\": 1,\n \"title\": \"x\", \"capture\": \"x.pcap\",\n "
                "\"steps\": [{\"packet\": 1, \"hide\": [\"sek\"]}]}");
        f.close();
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        const DocumentPtr before = w.document();
        QString error;
        QVERIFY(!w.openExercise(path, &error));
        QCOMPARE(error, QStringLiteral("bad.json, line 3, column 35: steps[0].hide: no field "
                                       "\"sek\" (expected seq, ack, flags, window, len, "
                                       "client_state or server_state)"));
        QCOMPARE(w.document(), before);
        QVERIFY(!w.exercisePanel()->active());
    }

    // Classroom > Make an Exercise from This Connection: a file that opens as an exercise.
    void exerciseMadeFromAConnection() {
        QTemporaryDir dir;
        QFile::copy(sample("half-close.pcap"), dir.filePath(QStringLiteral("h.pcap")));
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(dir.filePath(QStringLiteral("h.pcap"))));
        w.showConnectionPage();
        const QString path = dir.filePath(QStringLiteral("sub/made.json"));
        QDir().mkpath(dir.filePath(QStringLiteral("sub")));
        QString error;
        QVERIFY2(w.writeExerciseFor(path, &error), qPrintable(error));
        const QString text = readText(path);
        QVERIFY(text.contains(QStringLiteral("\"capture\": \"../h.pcap\"")));
        QVERIFY2(w.openExercise(path, &error), qPrintable(error));
        QVERIFY(w.exercisePanel()->run()->stepCount() > 10);
    }

    // The scenarios' exercises: each opens, and the Classroom menu lists them.
    void scenarioExercisesOpen() {
        const QDir dir(QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/exercises"));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
        QCOMPARE(files.size(), 18);
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        for (const QString& f : files) {
            QString error;
            QVERIFY2(w.openExercise(dir.absoluteFilePath(f), &error), qPrintable(f + error));
            QVERIFY(w.exercisePanel()->itemCount() > 0);
        }
    }

    // The SYN flood: 24 spoofed clients stay half-open, each SYN,ACK sent again 1 s later and
    // given up at that last retry; the real client's connection is established.
    void synQueueOfTheSynFlood() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        SynQueueDialog* dialog = w.showSynQueue();
        const SynQueueView* view = dialog->view();
        QCOMPARE(view->title(), QStringLiteral("SYN queue of 192.168.10.80:80"));
        QCOMPARE(int(view->queue().entries.size()), 25);
        QCOMPARE(view->queue().maxHalfOpen, 24u);
        QCOMPARE(view->queue().completed, 1u);
        QCOMPARE(view->retryLabels(), QStringList(24, QStringLiteral("+1 s")));
        QCOMPARE(view->givenUpMarks(), 24);
        QVERIFY(dialog->summaryText().startsWith(
            QStringLiteral("25 connections: 1 established, at most 24 half-open at once, 24 still "
                           "half-open when the capture ends.")));
        QVERIFY(
            dialog->summaryText().contains(QStringLiteral("Stream 12: no sign of a SYN cookie")));
        // From the conversations table's menu: the same server.
        QMenu* menu =
            w.packetsPage()->conversationMenu(w.packetsPage()->conversationModel()->index(0, 0));
        QAction* a = actionNamed(menu, QStringLiteral("SYN &Queue of This Server…"));
        QVERIFY(a);
        a->trigger();
        QCOMPARE(w.showSynQueue(), dialog);
        delete menu;
        // PNG and SVG.
        QTemporaryDir dir;
        QVERIFY(view->exportImage(1000).save(dir.filePath(QStringLiteral("q.png"))));
        QVERIFY(view->saveSvg(dir.filePath(QStringLiteral("q.svg")), 1000));
        QVERIFY(readText(dir.filePath(QStringLiteral("q.svg"))).contains(QStringLiteral("+1 s")));
    }

    // Linux's back-off: five retries 1, 2, 4, 8 and 16 s apart, given up after the fifth.
    void synQueueBackOffLabels() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(w.openFileSync(sample("syn-backoff.pcap")));
        SynQueueDialog* dialog = w.showSynQueue(0);
        QCOMPARE(
            dialog->view()->retryLabels(),
            QStringList({QStringLiteral("+1 s"), QStringLiteral("+2 s"), QStringLiteral("+4 s"),
                         QStringLiteral("+8 s"), QStringLiteral("+16 s")}));
        QCOMPARE(dialog->view()->givenUpMarks(), 1);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("s.png"));
        QProcess p;
        p.start(QStringLiteral(TCPSCOPE_VIEWER),
                {QStringLiteral("--screenshot"), out, QStringLiteral("--size"),
                 QStringLiteral("1280x720"), QStringLiteral("--view"), QStringLiteral("syn-queue"),
                 sample("syn-backoff.pcap")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QImage(out).size(), QSize(1280, 720));
    }
};

QTEST_MAIN(TeachingTests)
#include "teaching_tests.moc"
