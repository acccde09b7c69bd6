// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for Follow TCP Stream in the viewer: the dialog's text in every view against the
// core's followStream and formatFollowChunk, the direction filter, gap markers, differing
// retransmissions and unplaced segments, find, a click selecting its packet everywhere,
// "Filter Out This Stream" through the display filter bar, Save As (Raw: exactly the stream's
// bytes) and the entry points (menu key, context menus). Runs with QT_QPA_PLATFORM=offscreen.
#include "dialogs/follow_stream_dialog.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "models/packet_list_model.h"
#include "pages/packets_page.h"
#include "views/display_filter_bar.h"

#include <tcpscope/dissect.h>
#include <tcpscope/stream_follow.h>

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}
QString crafted(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/tests/data/crafted/") + QLatin1String(name);
}

// The captured bytes of the data chunks of the direction(s), back to back.
QByteArray streamBytes(const FollowStream& s, FollowDirection dir) {
    QByteArray out;
    for (const FollowChunk& c : s.chunks) {
        if (c.kind != FollowChunk::Kind::Data) continue;
        if (dir != FollowDirection::Both && (dir == FollowDirection::Server) != c.server) continue;
        const auto d = s.data(c);
        out.append(reinterpret_cast<const char*>(d.data()), qsizetype(d.size()));
    }
    return out;
}

// What the dialog must show for a stream without gaps or anomalies, in a format whose chunks
// end their own lines: the peers (YAML), then every chunk as the core formats it.
QString expectedText(const FollowStream& s, FollowFormat format) {
    std::string t;
    formatFollowPeers(t, s, format);
    uint32_t arrays[2] = {0, 0};
    for (const FollowChunk& c : s.chunks)
        formatFollowChunk(t, c, s.data(c), format, arrays[c.server]++);
    return QString::fromStdString(t);
}

// A hand-made stream between 10.0.0.1:1000 (A, node 0) and 10.0.0.2:80: a retransmission
// whose bytes differ (frame 2), then data after a gap nobody acknowledged (frame 3).
FollowStream handMade() {
    StreamFollower f(7);
    const Address a = Address::v4(0x0a000001), b = Address::v4(0x0a000002);
    const std::pair<uint32_t, std::string> segs[] = {{1, "abcd"}, {2, "XcYef"}, {20, "late"}};
    uint64_t frame = 0;
    for (const auto& [seq, data] : segs) {
        TcpPacketAnalysis p;
        p.stream = 7;
        p.frameNumber = ++frame;
        const Timestamp ts{100, frame * 1000};
        p.seq = seq;
        p.ack = 1;
        p.len = uint32_t(data.size());
        p.flags = TcpFlag::Ack;
        f.add(p, ts, a, 1000, b, 80, {reinterpret_cast<const uint8_t*>(data.data()), data.size()});
    }
    return f.finish();
}

QTextCharFormat formatAt(QPlainTextEdit* view, int position) {
    QTextCursor c(view->document());
    c.setPosition(position + 1); // the format of the character before the cursor
    return c.charFormat();
}

} // namespace

class FollowStreamTests : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { registerAllProtocols(); }

    // The HTTP exchange of the retransmission sample: request and response in their colours,
    // each direction alone, the status line with the core's counts.
    void asciiAndDirections() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        const FollowStream s = followStream(*w.document(), 0);
        QCOMPARE(d->format(), FollowFormat::Ascii);
        QString text = d->text();
        QVERIFY(text.contains(QStringLiteral("GET /lecture-notes.txt HTTP/1.1\nHost: "
                                             "192.168.10.80\nUser-Agent: curl/7.88.1")));
        QVERIFY(text.contains(QStringLiteral("HTTP/1.1 200 OK\nServer: classroom/1.0")));
        QVERIFY(!text.contains(QLatin1Char('\r')));
        // Every byte is there once, in order: without line breaks the text is the stream's.
        QByteArray bytes = streamBytes(s, FollowDirection::Both);
        bytes.replace('\r', "").replace('\n', "");
        for (char& c : bytes)
            if (c < 0x20 || c >= 0x7f) c = '.';
        QCOMPARE(QString(text).remove(QLatin1Char('\n')), QString::fromLatin1(bytes));
        // One span per data chunk, in the client's and the server's colours.
        const FollowColors colors = FollowColors::forPalette(false);
        size_t dataSpans = 0;
        for (const auto& sp : d->layout().spans()) {
            if (sp.kind != FollowText::Span::Kind::Data) continue;
            const FollowChunk* chunk = nullptr;
            for (const FollowChunk& c : s.chunks)
                if (c.frame == sp.frame) chunk = &c;
            QVERIFY(chunk);
            const QTextCharFormat f = formatAt(d->textView(), sp.start);
            QCOMPARE(f.foreground().color(), chunk->server ? colors.serverText : colors.clientText);
            QCOMPARE(f.background().color(), chunk->server ? colors.serverBack : colors.clientBack);
            ++dataSpans;
        }
        QCOMPARE(dataSpans, s.chunks.size());

        QComboBox* dir = d->directionBox();
        QCOMPARE(dir->count(), 3);
        QCOMPARE(dir->itemText(0),
                 QStringLiteral("Entire conversation (%1 bytes)").arg(s.sent[0] + s.sent[1]));
        QCOMPARE(
            dir->itemText(1),
            QStringLiteral("192.168.10.21:55302 → 192.168.10.80:80 (%1 bytes)").arg(s.sent[0]));
        QCOMPARE(
            dir->itemText(2),
            QStringLiteral("192.168.10.80:80 → 192.168.10.21:55302 (%1 bytes)").arg(s.sent[1]));
        dir->setCurrentIndex(1);
        text = d->text();
        QVERIFY(text.startsWith(QStringLiteral("GET /lecture-notes.txt HTTP/1.1\n")));
        QVERIFY(!text.contains(QStringLiteral("HTTP/1.1 200 OK")));
        dir->setCurrentIndex(2);
        text = d->text();
        QVERIFY(text.startsWith(QStringLiteral("HTTP/1.1 200 OK\n")));
        QVERIFY(!text.contains(QStringLiteral("GET /")));

        QCOMPARE(d->statusText(), QStringLiteral("1 client packet, %1 server packets, %2 bytes ↔ "
                                                 "%3 bytes; 0 gaps, 0 retransmissions that differ")
                                      .arg(s.chunks.size() - 1)
                                      .arg(s.sent[0])
                                      .arg(s.sent[1]));
        // The main window's zoom (View > Zoom In) reaches the text.
        const qreal size = d->textView()->font().pointSizeF();
        w.setZoom(4);
        QVERIFY(d->textView()->font().pointSizeF() > size * 1.4);
        // The same stream again raises the open dialog instead of opening another.
        QCOMPARE(w.followStream(0), d);
        QVERIFY(!w.followStream(99));
    }

    // Hex dump, C arrays, YAML and raw are the core's chunk texts; the window title names them.
    void otherViews() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        const FollowStream s = followStream(*w.document(), 0);
        for (FollowFormat f :
             {FollowFormat::Hex, FollowFormat::CArrays, FollowFormat::Yaml, FollowFormat::Raw}) {
            d->setFormat(f);
            QCOMPARE(d->format(), f);
            QCOMPARE(d->text(), expectedText(s, f));
        }
        d->setFormat(FollowFormat::Hex);
        QVERIFY(d->text().startsWith(QStringLiteral("00000000  47 45 54 20 2f 6c 65 63  74 75 72 "
                                                    "65 2d 6e 6f 74  GET /lec ture-not\n")));
        d->setFormat(FollowFormat::CArrays);
        QVERIFY(d->text().startsWith(
            QStringLiteral("char peer0_0[] = { /* Packet %1 */\n0x47, 0x45, 0x54, 0x20")
                .arg(s.chunks[0].frame)));
        QVERIFY(d->text().contains(QStringLiteral("char peer1_0[]")));
        d->setFormat(FollowFormat::Yaml);
        QVERIFY(d->text().startsWith(QStringLiteral("peers:\n  - peer: 0\n    host: "
                                                    "192.168.10.21\n    port: 55302\n")));
        d->setFormat(FollowFormat::Utf8);
        QVERIFY(d->text().contains(QStringLiteral("HTTP/1.1 200 OK\n")));
        QCOMPARE(
            d->windowTitle(),
            QStringLiteral("Follow TCP Stream (tcp.stream eq 0) · retransmission-dupack.pcap"));
    }

    // Acknowledged but never captured bytes: a marker line of their own, italic on grey, in the
    // views and the status line; Raw saves the captured bytes without the marker text.
    void gapsAreMarked() {
        MainWindow w;
        QVERIFY(w.openFileSync(crafted("acked-unseen.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        const FollowStream s = followStream(*w.document(), 0);
        int gaps = 0;
        for (const FollowChunk& c : s.chunks) gaps += c.kind == FollowChunk::Kind::Missing;
        QVERIFY(gaps > 0);
        QVERIFY(d->text().contains(QStringLiteral("\n[100 bytes missing in capture file]\n")));
        const auto* gap = d->layout().firstSpan(FollowText::Span::Kind::Missing);
        QVERIFY(gap);
        QCOMPARE(d->text().mid(gap->start, gap->end - gap->start),
                 QStringLiteral("[100 bytes missing in capture file]"));
        const QTextCharFormat f = formatAt(d->textView(), gap->start);
        QVERIFY(f.fontItalic());
        QCOMPARE(f.background().color(), FollowColors::forPalette(false).markerBack);
        QVERIFY(d->statusText().contains(gaps == 1 ? QStringLiteral("; 1 gap,")
                                                   : QStringLiteral("; %1 gaps,").arg(gaps)));
        // In YAML the marker is a comment, so the text stays YAML.
        d->setFormat(FollowFormat::Yaml);
        QVERIFY(d->text().contains(QStringLiteral("\n# [100 bytes missing in capture file]\n")));
        d->setFormat(FollowFormat::Hex);
        QVERIFY(d->text().contains(QStringLiteral("\n[100 bytes missing in capture file]\n")));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        d->setFormat(FollowFormat::Raw);
        const QString path = dir.filePath(QStringLiteral("gaps.bin"));
        QString error;
        QVERIFY2(d->saveTo(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QCOMPARE(saved, streamBytes(s, FollowDirection::Both));
        QCOMPARE(uint64_t(saved.size()), s.sent[0] + s.sent[1]);
        QVERIFY(!saved.contains("missing in capture file"));
    }

    // A retransmission whose bytes differ: underlined in ASCII, a warning line naming the frame,
    // listed in the status line; data after an unacknowledged gap under its heading at the end.
    void anomaliesAndUnplaced() {
        FollowStreamDialog d(nullptr);
        d.setFollowed(handMade());
        QCOMPARE(d.followed().anomalies.size(), size_t(1));
        QCOMPARE(d.followed().unplaced.size(), size_t(1));
        QCOMPARE(
            d.text(),
            QStringLiteral("abcd\n⚠ frame 2: 2 retransmitted bytes differ from the first "
                           "copy (kept)\nef\nNot placed: 4 bytes in 1 segment after a gap nobody "
                           "acknowledged (Wireshark drops it)\nlate"));
        // "b" (position 1) is the first byte that differs: underlined.
        QCOMPARE(formatAt(d.textView(), 1).underlineStyle(), QTextCharFormat::WaveUnderline);
        QCOMPARE(formatAt(d.textView(), 0).underlineStyle(), QTextCharFormat::NoUnderline);
        const auto* warning = d.layout().firstSpan(FollowText::Span::Kind::Anomaly);
        QVERIFY(warning);
        QCOMPARE(warning->frame, uint64_t(2));
        const auto* late = d.layout().firstSpan(FollowText::Span::Kind::Unplaced);
        QVERIFY(late);
        QCOMPARE(late->frame, uint64_t(3));
        QCOMPARE(d.statusText(),
                 QStringLiteral("2 client packets, 0 server packets, 6 bytes ↔ 0 bytes; 0 gaps, 1 "
                                "retransmission that differs (frame 2); 1 segment not placed "
                                "(after a gap nobody acknowledged)"));
        // The server's direction has none of it.
        d.setDirection(FollowDirection::Server);
        QVERIFY(d.text().isEmpty());
        // No capture behind a hand-made stream: nothing to filter out.
        QVERIFY(!d.filterOutButton()->isEnabled());
    }

    // Find Next: case-insensitive, highlighted, wrapping; "Not found" when absent.
    void findLocatesText() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        QVERIFY(d->findNext(QStringLiteral("LECTURE-notes")));
        QCOMPARE(d->textView()->textCursor().selectedText(), QStringLiteral("lecture-notes"));
        QCOMPARE(int(d->textView()->extraSelections().size()), 1);
        const int first = d->textView()->textCursor().selectionStart();
        QCOMPARE(first, int(d->text().indexOf(QStringLiteral("lecture-notes"))));
        // "retransmit" occurs many times: each Find Next moves on, then wraps to the first.
        QVERIFY(d->findNext(QStringLiteral("Retransmit")));
        const int a = d->textView()->textCursor().selectionStart();
        QVERIFY(d->findNext(QStringLiteral("Retransmit")));
        const int b = d->textView()->textCursor().selectionStart();
        QVERIFY(b > a);
        QCOMPARE(b, int(d->text().indexOf(QStringLiteral("retransmit"), a + 1)));
        QVERIFY(!d->findNext(QStringLiteral("no such words here")));
        QVERIFY(d->textView()->extraSelections().isEmpty());
        // Through the field and Enter, as a user does.
        d->findField()->setText(QStringLiteral("classroom/1.0"));
        QTest::keyClick(d->findField(), Qt::Key_Return);
        QCOMPARE(d->textView()->textCursor().selectedText(), QStringLiteral("classroom/1.0"));
    }

    // A click on the server's response selects its packet in the controller and the list.
    void clickSelectsPacket() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        QVERIFY(QTest::qWaitForWindowExposed(d));
        const FollowStream s = followStream(*w.document(), 0);
        const FollowChunk* response = nullptr;
        for (const FollowChunk& c : s.chunks)
            if (c.server && !response) response = &c;
        QVERIFY(response);
        w.controller()->selectPacket(0);
        const int at = int(d->text().indexOf(QStringLiteral("Server: classroom")));
        QVERIFY(at > 0);
        QTextCursor cursor(d->textView()->document());
        cursor.setPosition(at + 2);
        const QPoint point = d->textView()->cursorRect(cursor).center();
        QTest::mouseClick(d->textView()->viewport(), Qt::LeftButton, {}, point);
        const int row = w.controller()->packet();
        QVERIFY(row >= 0);
        QCOMPARE(w.document()->records()[size_t(row)].number, response->frame);
        QCOMPARE(w.packetModel()->documentRow(w.packetView()->currentIndex().row()), row);
        // And on the request: the client's packet.
        cursor.setPosition(5);
        QTest::mouseClick(d->textView()->viewport(), Qt::LeftButton, {},
                          d->textView()->cursorRect(cursor).center());
        QCOMPARE(w.document()->records()[size_t(w.controller()->packet())].number,
                 s.chunks.front().frame);
    }

    // "Filter Out This Stream" applies !(tcp.stream eq K), ends "Show Only This Connection" on
    // it, and closes the dialog.
    void filterOutThisStream() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(crafted("acked-unseen.pcap")));
        QPointer<FollowStreamDialog> d = w.followStream(0);
        QVERIFY(d);
        // Showing only this connection would leave nothing: that goes.
        w.packetsPage()->setStreamFilter(0);
        QTest::mouseClick(d->filterOutButton(), Qt::LeftButton);
        QVERIFY(!w.packetsPage()->streamFilter());
        while (w.packetsPage()->filterBusy()) QTest::qWait(10);
        QCOMPARE(w.packetsPage()->displayFilterBar()->text(), QStringLiteral("!(tcp.stream eq 0)"));
        int others = 0;
        for (size_t i = 0; i < w.document()->records().size(); ++i) {
            const TcpPacketAnalysis* a = w.document()->analysis(i);
            others += !a || a->stream != 0;
        }
        QVERIFY(others > 0);
        QCOMPARE(w.packetModel()->rowCount(), others);
        QTRY_VERIFY(d.isNull()); // closed and deleted
    }

    // Save As: Raw writes exactly the stream's bytes (of the direction shown), text views the
    // text as shown.
    void saveAs() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        FollowStreamDialog* d = w.followStream(0);
        QVERIFY(d);
        const FollowStream s = followStream(*w.document(), 0);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto saved = [&](const QString& name) {
            QString error;
            const QString path = dir.filePath(name);
            if (!d->saveTo(path, &error)) return QByteArray("failed: ") + error.toUtf8();
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        d->setFormat(FollowFormat::Raw);
        const QByteArray all = saved(QStringLiteral("all.bin"));
        QCOMPARE(all, streamBytes(s, FollowDirection::Both));
        QCOMPARE(uint64_t(all.size()), s.sent[0] + s.sent[1]);
        QVERIFY(all.startsWith("GET /lecture-notes.txt HTTP/1.1\r\n"));
        d->setDirection(FollowDirection::Client);
        QCOMPARE(saved(QStringLiteral("client.bin")), streamBytes(s, FollowDirection::Client));
        d->setDirection(FollowDirection::Both);
        d->setFormat(FollowFormat::Ascii);
        QCOMPARE(saved(QStringLiteral("all.txt")), d->text().toUtf8());
        QVERIFY(!d->saveTo(dir.filePath(QStringLiteral("no/such/dir/x.txt")), nullptr));
    }

    // The entry points: Analyze > Follow TCP Stream (Ctrl+Alt+Shift+T) on the selected packet,
    // the packet list's and the conversations' context menus; the Stream box steps streams.
    void entryPoints() {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(crafted("acked-unseen.pcap")));
        QVERIFY(w.selectFrame(20));
        const uint32_t k = w.document()->analysis(size_t(w.controller()->packet()))->stream;
        QTest::keyClick(&w, Qt::Key_T, Qt::ControlModifier | Qt::AltModifier | Qt::ShiftModifier);
        auto dialogs = w.findChildren<FollowStreamDialog*>();
        QCOMPARE(int(dialogs.size()), 1);
        QCOMPARE(dialogs.front()->stream(), k);
        // Stream box: the next stream, followed anew.
        dialogs.front()->streamBox()->setValue(int(k) + 1);
        QCOMPARE(dialogs.front()->stream(), k + 1);
        QCOMPARE(dialogs.front()->followed().stream, k + 1);
        QVERIFY(dialogs.front()->windowTitle().contains(QStringLiteral("eq %1").arg(k + 1)));
        const auto hasFollow = [](QMenu* menu) {
            for (QAction* a : menu->actions())
                if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Follow TCP Stream"))
                    return a;
            return static_cast<QAction*>(nullptr);
        };
        QMenu* menu = w.packetsPage()->packetMenu(0);
        QAction* follow = hasFollow(menu);
        QVERIFY(follow);
        follow->trigger();
        dialogs = w.findChildren<FollowStreamDialog*>();
        QCOMPARE(int(dialogs.size()), 2);
        menu = w.packetsPage()->conversationMenu(w.conversationModel()->index(0, 0));
        QVERIFY(hasFollow(menu));
        QVERIFY(w.followSelectedStream());
        // The same file read again: the dialogs follow their streams in it; another file closes
        // them.
        const QPointer<FollowStreamDialog> first = dialogs.front();
        const DocumentPtr before = w.document();
        QVERIFY(w.openFileSync(crafted("acked-unseen.pcap")));
        QVERIFY(w.document() != before);
        QVERIFY(first);
        QCOMPARE(first->stream(), k + 1);
        QVERIFY(first->followed().found);
        QVERIFY(first->selectAt(first->layout().spans().front().start)); // the new document's
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        QTRY_VERIFY(first.isNull());
        QTRY_COMPARE(int(w.findChildren<FollowStreamDialog*>().size()), 0);
    }
};

QTEST_MAIN(FollowStreamTests)
#include "follow_stream_tests.moc"
