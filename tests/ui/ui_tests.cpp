// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for the viewer (DESIGN.md, Tests: UI). Runs with QT_QPA_PLATFORM=offscreen.
#include "capture_document.h"
#include "capture_loader.h"
#include "dialogs/paste_hex_dialog.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "models/field_tree_model.h"
#include "models/packet_list_model.h"
#include "pcapng_writer.h"
#include "selection_controller.h"
#include "views/byte_table_view.h"
#include "views/flags_view.h"
#include "views/header_diagram_view.h"

#include <tcpscope/field.h>
#include <tcpscope/packet_summary.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

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
} // namespace

class UiTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { registerAllProtocols(); }

    void modelsPassModelTester() {
        DocumentPtr doc = CaptureDocument::open(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        QCOMPARE(doc->rows().size(), size_t(10));
        PacketListModel packets;
        QAbstractItemModelTester t1(&packets,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        packets.setDocument(doc);
        QCOMPARE(packets.rowCount(), 10);
        packets.setStreamFilter(0u);
        QCOMPARE(packets.rowCount(), 10);
        packets.setStreamFilter(7u);
        QCOMPARE(packets.rowCount(), 0);
        packets.setStreamFilter(std::nullopt);
        packets.setTimeFormat(TimeFormat::SincePrevious);
        QVERIFY(packets.data(packets.index(0, PacketListModel::Info))
                    .toString()
                    .contains(QStringLiteral("[S]")));
        QVERIFY(packets.data(packets.index(1, PacketListModel::Info))
                    .toString()
                    .contains(QStringLiteral("[S.]")));
        QCOMPARE(packets.data(packets.index(0, PacketListModel::ClientState)).toString(),
                 QStringLiteral("SYN-SENT"));

        ConversationModel convs;
        QAbstractItemModelTester t2(&convs, QAbstractItemModelTester::FailureReportingMode::QtTest);
        convs.setDocument(doc);
        QCOMPARE(convs.rowCount(), 1);
        QCOMPARE(convs.data(convs.index(0, ConversationModel::Packets)).toULongLong(), 10ull);

        FieldTreeModel tree;
        QAbstractItemModelTester t3(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (size_t i = 0; i < doc->rows().size(); ++i)
            tree.setTree(doc->buildTree(i), doc->bytes(i));
        tree.setTree(doc->buildTree(0), doc->bytes(0));
        QVERIFY(tree.rowCount() >= 3);
        tree.setTree(nullptr, {});
        QCOMPARE(tree.rowCount(), 0);
    }

    void synFieldHighlightsOnlyTheSynBit() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(w.openFileSync(sample("article-redis-handshake.txt")));
        QVERIFY(w.selectFrame(1));
        const int syn = w.controller()->tree()->findFirst(fieldId("tcp.flags.syn"));
        QVERIFY(syn >= 0);
        QSignalSpy spy(w.controller(), &SelectionController::nodeChanged);
        // Select it in the tree view: the byte table, flags view and diagram must follow.
        w.treeView()->setCurrentIndex(w.treeModel()->indexOfNode(syn));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(w.controller()->node(), syn);
        ByteTableView* bytes = w.byteTable();
        QCOMPARE(int(bytes->highlightBits(0x21)), 0x02);
        for (int off = 0; off < 60; ++off)
            if (off != 0x21) QVERIFY2(!bytes->isHighlighted(off), qPrintable(QString::number(off)));
        QVERIFY(bytes->isShaded(0x20) && bytes->isShaded(20) && !bytes->isShaded(19));
        QVERIFY(w.flagsView()->hasFlags());
        QCOMPARE(int(w.flagsView()->flags()), int(TcpFlag::Syn));
        QCOMPARE(w.headerDiagram()->selectedBoxNode(),
                 w.controller()->tree()->findFirst(fieldId("tcp.flags")));
        // Copy as filter / copy value (the tree's context menu reads these roles).
        const QModelIndex idx = w.treeModel()->indexOfNode(syn);
        QCOMPARE(w.treeModel()->data(idx, FieldTreeModel::FilterRole).toString(),
                 QStringLiteral("tcp.flags.syn == 1"));
        const int win = w.controller()->tree()->findFirst(fieldId("tcp.window_size_value"));
        QCOMPARE(w.treeModel()
                     ->data(w.treeModel()->indexOfNode(win), FieldTreeModel::FilterRole)
                     .toString(),
                 QStringLiteral("tcp.window_size_value == 29200"));
    }

    void loaderRunsOffTheUiThread() {
        CaptureLoader loader;
        QSignalSpy done(&loader, &CaptureLoader::finished);
        loader.openFile(sample("redis-ping-pong.pcap"), {});
        QVERIFY(done.wait(10000));
        const DocumentPtr doc = done.at(0).at(0).value<DocumentPtr>();
        QVERIFY(doc);
        QCOMPARE(doc->rows().size(), size_t(10));
        QCOMPARE(doc->tracker().connections().size(), size_t(1));
    }

    void clickingWindowByteSelectsWindowField() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("article-redis-handshake.txt")));
        QVERIFY(w.selectFrame(1));
        ByteTableView* bytes = w.byteTable();
        const QRect r = bytes->hexCellRect(0x22);
        QVERIFY(bytes->viewport()->rect().contains(r.center()));
        QCOMPARE(bytes->byteAt(r.center()), 0x22);
        QTest::mouseClick(bytes->viewport(), Qt::LeftButton, {}, r.center());
        const QModelIndex cur = w.treeView()->currentIndex();
        QCOMPARE(w.treeModel()->data(cur, FieldTreeModel::AbbrevRole).toString(),
                 QStringLiteral("tcp.window_size_value"));
        QCOMPARE(bytes->highlightBits(0x22), uint8_t(0xff));
        QCOMPARE(bytes->highlightBits(0x23), uint8_t(0xff));
        // Keyboard: Right moves to 0x23 (still the window), then to the checksum.
        bytes->setFocus();
        QTest::keyClick(bytes, Qt::Key_Right);
        QTest::keyClick(bytes, Qt::Key_Right);
        QCOMPARE(w.treeModel()
                     ->data(w.treeView()->currentIndex(), FieldTreeModel::AbbrevRole)
                     .toString(),
                 QStringLiteral("tcp.checksum"));
        // The header diagram's window box selects it back.
        const int win = w.controller()->tree()->findFirst(fieldId("tcp.window_size_value"));
        const QRect box = w.headerDiagram()->boxRect(win);
        QVERIFY(!box.isEmpty());
        QTest::mouseClick(w.headerDiagram(), Qt::LeftButton, {}, box.center());
        QCOMPARE(w.controller()->node(), win);
        // A flag cell selects its flag.
        QTest::mouseClick(w.flagsView(), Qt::LeftButton, {}, w.flagsView()->cellRect(1).center());
        QCOMPARE(w.controller()->node(),
                 w.controller()->tree()->findFirst(fieldId("tcp.flags.syn")));
    }

    void packetListAndControllerStayInStep() {
        MainWindow w;
        w.show();
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        QSignalSpy spy(w.controller(), &SelectionController::packetChanged);
        w.packetView()->setCurrentIndex(w.packetModel()->index(3, 0));
        QCOMPARE(w.controller()->packet(), 3);
        QCOMPARE(spy.count(), 1);
        QVERIFY(w.selectFrame(5));
        QCOMPARE(w.packetView()->currentIndex().row(), 4);
        // Selecting the conversation filters the list and keeps the packet.
        w.conversationView()->setCurrentIndex(w.conversationModel()->index(0, 0));
        QCOMPARE(w.packetModel()->streamFilter().value_or(99), 0u);
        QCOMPARE(w.packetView()->currentIndex().row(), 4);
    }

    void pasteDialogDecodesArticleAndReportsErrors() {
        PasteHexDialog d;
        const QString text = readText(sample("article-redis-handshake.txt"));
        QVERIFY(!text.isEmpty());
        d.setText(text);
        QCOMPARE(d.result().frames.size(), size_t(2));
        QVERIFY(!d.errorPosition());
        QVERIFY2(d.previewText().contains(QStringLiteral("2 packet")), qPrintable(d.previewText()));
        QVERIFY(d.previewText().contains(QStringLiteral("126 bytes")));
        QStringList lines = text.split(u'\n');
        lines[2] = QStringLiteral("        0x0010:  0a60 5cd4 98zz 18eb f65a ebff 0000 0000");
        d.setText(lines.join(u'\n'));
        const auto pos = d.errorPosition();
        QVERIFY2(pos.has_value(), qPrintable(d.previewText()));
        QCOMPARE(pos->first, 3);
        QVERIFY(pos->second > 1);
        QVERIFY(d.previewText().contains(QStringLiteral("line 3")));
        if (qEnvironmentVariableIsSet("TCPSCOPE_UI_SHOTS")) { // for looking at it by hand
            d.show();
            QCoreApplication::processEvents();
            d.grab().save(QDir::temp().filePath(QStringLiteral("tcpscope-paste-dialog.png")));
        }
    }

    void pcapngRoundTrip() {
        DocumentPtr doc = CaptureDocument::open(sample("redis-ping-pong.pcap"), {});
        const QByteArray bytes = PcapngWriter::encode(doc->frames());
        LoadedInput in = loadInput(
            std::span(reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size())));
        QVERIFY(!in.error);
        QCOMPARE(in.frames.size(), doc->frames().size());
        QVERIFY(in.frames[3].bytes == doc->frames()[3].bytes);
        QCOMPARE(in.frames[3].ts, doc->frames()[3].ts);
        QString error;
        QVERIFY(!PcapngWriter::save(sample("redis-ping-pong.pcap"), doc->frames(), &error,
                                    sample("redis-ping-pong.pcap")));
        QVERIFY(!error.isEmpty());
    }

    void everySampleFillsTheList() {
        const QDir dir(QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples"));
        const QStringList files = dir.entryList({"*.pcap", "*.pcapng", "*.txt"}, QDir::Files);
        QVERIFY(files.size() >= 3);
        for (const QString& f : files) {
            MainWindow w;
            QVERIFY2(w.openFileSync(dir.absoluteFilePath(f)), qPrintable(f));
            QVERIFY2(w.packetModel()->rowCount() > 0, qPrintable(f));
            QVERIFY2(w.controller()->packet() == 0, qPrintable(f));
            QVERIFY(w.warningBar()->isHidden());
        }
    }

    void damagedFileKeepsPacketsAndWarns() {
        QFile f(sample("redis-ping-pong.pcap"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray data = f.readAll();
        data.chop(20);
        const QString path = QDir::temp().filePath(QStringLiteral("tcpscope-ui-cut.pcap"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(data);
        out.close();
        MainWindow w;
        w.openFileSync(path);
        QCOMPARE(w.packetModel()->rowCount(), 9);
        QVERIFY(!w.warningBar()->isHidden());
        QVERIFY(w.warningBar()->text().contains(QStringLiteral("9 packet")));
        QFile::remove(path);
    }
};

QTEST_MAIN(UiTests)
#include "ui_tests.moc"
