// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching views beyond the packet panes: the Byte Table (the seed article's tables for the
// selected packet) in its tab and its window, following the selection both ways, its copy and
// exports, and its --view byte-table screenshot.
#include "dialogs/byte_table_dialog.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "pages/packets_page.h"
#include "views/article_table_view.h"

#include <tcpscope/field.h>

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
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
};

QTEST_MAIN(TeachingTests)
#include "teaching_tests.moc"
