// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for the viewer (DESIGN.md, Tests: UI). Runs with QT_QPA_PLATFORM=offscreen.
#include "dialogs/paste_hex_dialog.h"
#include "dialogs/preferences_dialog.h"
#include "document/capture_loader.h"
#include "document/document.h"
#include "document/selection_controller.h"
#include "i18n.h"
#include "main_window.h"
#include "models/conversation_model.h"
#include "models/field_text.h"
#include "models/field_tree_model.h"
#include "models/packet_list_model.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/byte_table_view.h"
#include "views/flags_view.h"
#include "views/header_diagram_view.h"
#include "views/ladder_view.h"
#include "views/state_graph_view.h"

#include <tcpscope/capture_source.h>
#include <tcpscope/field.h>
#include <tcpscope/packet_summary.h>
#include <tcpscope/step_caption.h>
#include <tcpscope/text_catalogue.h>

#include <tcpscope/hex_text.h>

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLineF>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <tcpscope/version.h>

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
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        QCOMPARE(doc->records().size(), size_t(10));
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
        for (size_t i = 0; i < doc->records().size(); ++i)
            tree.setTree(doc->tree(i), doc->bytes(i));
        tree.setTree(doc->tree(0), doc->bytes(0));
        QVERIFY(tree.rowCount() >= 3);
        tree.setTree(nullptr, {});
        QCOMPARE(tree.rowCount(), 0);
    }

    // Loading does not verify checksums; a drawn row does, for its colour: a wrong TCP checksum
    // is "Bad TCP" unless the capture was taken on the sender (offload assumed).
    void rowColourVerifiesTheChecksumWhenDrawn() {
        QFile in(sample("half-close.pcap"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        // Frame 1's TCP checksum: file header 24, record header 16, Ethernet 14, IPv4 20, then
        // 16 bytes into the TCP header.
        const int at = 24 + 16 + 14 + 20 + 16;
        QCOMPARE(uchar(bytes[24 + 16 + 12]), uchar(0x08)); // an IPv4 ethertype there
        bytes[at] = char(bytes[at] ^ 0x5a);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad-checksum.pcap"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        for (bool offload : {false, true}) {
            DissectOptions o;
            o.assumeChecksumOffload = offload;
            DocumentPtr doc = openDocument(path, o);
            QVERIFY(doc);
            PacketListModel packets;
            packets.setDocument(doc);
            auto rule = [&](int row) {
                return packets.data(packets.index(row, 0), PacketListModel::ColorRuleRole)
                    .toString();
            };
            QCOMPARE(rule(0), offload ? QStringLiteral("TCP SYN/FIN") : QStringLiteral("Bad TCP"));
            QCOMPARE(rule(1), QStringLiteral("TCP SYN/FIN")); // the SYN,ACK is untouched
            const auto tree = doc->tree(0);
            const ProtoTree& t = *tree;
            const int status = t.findFirst(fieldId("tcp.checksum.status"));
            QVERIFY(status >= 0);
            QCOMPARE(std::get<uint64_t>(t.node(status).value), offload ? 2ull : 0ull);
        }
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
        QCOMPARE(doc->records().size(), size_t(10));
        QCOMPARE(doc->tracker().connections().size(), size_t(1));
    }

    // A large file shows its first rows while the rest loads; the complete document then
    // replaces the preview and keeps what the user selected and filtered meanwhile.
    void largeFileShowsFirstRowsWhileLoading_data() {
        QTest::addColumn<bool>("pcapng");
        QTest::addColumn<bool>("uiBusy");
        QTest::newRow("pcap (frames stay in the mapped file)") << false << false;
        QTest::newRow("pcapng (frames copied)") << true << false;
        // The load ends before the UI thread takes the preview: it must still say that the
        // rest is coming (it is: the complete document's event is queued behind it).
        QTest::newRow("pcap, UI thread busy until the load ended") << false << true;
    }
    void largeFileShowsFirstRowsWhileLoading() {
        QFETCH(bool, pcapng);
        QFETCH(bool, uiBusy);
        QFile in(sample("redis-ping-pong.pcap")); // classic pcap, 10 records
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray whole = in.readAll();
        const QByteArray header = whole.left(24), records = whole.mid(24);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString pcapPath = dir.filePath(QStringLiteral("large.pcap"));
        QFile out(pcapPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(header);
        const int copies = int(6 * CaptureSession::kPreviewFrames / 10);
        for (int i = 0; i < copies; ++i) out.write(records);
        out.close();
        const size_t total = size_t(copies) * 10;
        QString path = pcapPath;
        if (pcapng) {
            const DocumentPtr all = openDocument(pcapPath, {});
            QVERIFY(all && all->frames().size() == total);
            path = dir.filePath(QStringLiteral("large.pcapng"));
            QString error;
            QVERIFY2(saveFrames(path, all->frames(), &error), qPrintable(error));
        }

        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QSignalSpy shown(&w, &MainWindow::documentShown);
        // Runs on the UI thread right after the window took the preview, before the complete
        // document can arrive: select a packet and filter its stream, as a user would.
        bool acted = false;
        auto* loader = w.findChild<CaptureLoader*>();
        QVERIFY(loader);
        connect(loader, &CaptureLoader::preview, &w, [&](const DocumentPtr& doc) {
            QVERIFY(doc->isPartial());
            QCOMPARE(doc->records().size(), CaptureSession::kPreviewFrames);
            QCOMPARE(w.document(), doc);
            QVERIFY(w.findChild<QLabel*>(QStringLiteral("statusPackets"))
                        ->text()
                        .contains(QStringLiteral("loading")));
            w.conversationView()->setCurrentIndex(w.conversationView()->model()->index(0, 0));
            QCOMPARE(w.packetModel()->streamFilter(), std::optional<uint32_t>(0));
            w.controller()->selectPacket(1234);
            acted = true;
        });
        QSignalSpy done(loader, &CaptureLoader::finished);
        w.openFile(path);
        if (uiBusy) QVERIFY(QThreadPool::globalInstance()->waitForDone(60000));
        QVERIFY(done.count() > 0 || done.wait(60000));
        QVERIFY(acted);
        QCOMPARE(shown.size(), 2);
        QVERIFY(shown.at(0).at(0).value<DocumentPtr>()->isPartial());
        const DocumentPtr doc = w.document();
        QVERIFY(doc && !doc->isPartial());
        QCOMPARE(doc->records().size(), total);
        QCOMPARE(w.packetModel()->streamFilter(), std::optional<uint32_t>(0));
        QCOMPARE(w.controller()->packet(), 1234);
        QCOMPARE(w.packetModel()->documentRow(w.packetView()->currentIndex().row()), 1234);
        QVERIFY(!w.findChild<QLabel*>(QStringLiteral("statusPackets"))
                     ->text()
                     .contains(QStringLiteral("loading")));
        // The preview's rows are the complete document's first rows.
        const DocumentPtr preview = shown.at(0).at(0).value<DocumentPtr>();
        const size_t n = preview->records().size();
        for (size_t i : {size_t(0), size_t(1), n / 3, n / 2, n - 2, n - 1}) {
            QCOMPARE(preview->records()[i].number, doc->records()[i].number);
            QVERIFY(preview->bytes(i).size() == doc->bytes(i).size() &&
                    std::equal(preview->bytes(i).begin(), preview->bytes(i).end(),
                               doc->bytes(i).begin()));
        }
        // Cancelling during the preview keeps it, says so, and no longer claims to be loading.
        bool cancelled = false;
        connect(loader, &CaptureLoader::preview, &w, [&] {
            loader->cancel();
            cancelled = true;
        });
        w.openFile(path);
        QVERIFY(done.wait(60000));
        QVERIFY(cancelled);
        QVERIFY(!done.last().at(0).value<DocumentPtr>());
        QVERIFY(w.document() && w.document()->isPartial());
        QVERIFY(w.warningBar()->isVisible());
        QVERIFY(w.warningBar()->text().contains(QStringLiteral("cancelled")));
        const QString status = w.findChild<QLabel*>(QStringLiteral("statusPackets"))->text();
        QVERIFY2(!status.contains(QStringLiteral("loading")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("first packets only")), qPrintable(status));
        // A small file has no preview.
        shown.clear();
        w.openFile(sample("redis-ping-pong.pcap"));
        QVERIFY(done.wait(10000));
        QCOMPARE(shown.size(), 1);
        QVERIFY(!w.document()->isPartial());
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

    // The paste dialog reads what File > Open reads: the seed's tcpdump session text too.
    void pasteDialogAcceptsWhatOpenAccepts() {
        const QString text = readText(sample("tcpdump-connection-lifecycle.txt"));
        QVERIFY(!text.isEmpty());
        PasteHexDialog d;
        d.setText(text);
        QVERIFY2(!d.errorPosition(), qPrintable(d.previewText()));
        QCOMPARE(d.result().segments.size(), size_t(10));
        QVERIFY2(d.previewText().contains(QStringLiteral("10 TCP segments as tcpdump text")),
                 qPrintable(d.previewText()));
        MainWindow w;
        QVERIFY(w.openFileSync(sample("tcpdump-connection-lifecycle.txt")));
        QCOMPARE(size_t(w.packetModel()->rowCount()), d.result().segments.size());
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

    void captureFileRoundTrip() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QTemporaryDir dir;
        for (const char* name : {"copy.pcapng", "copy.pcap"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QString error;
            QVERIFY2(saveFrames(path, doc->frames(), &error), qPrintable(error));
            LoadedInput in = loadPath(localPath(path));
            QVERIFY(!in.error);
            QCOMPARE(in.formatName,
                     std::string(QString::fromLatin1(name).endsWith(QLatin1String(".pcapng"))
                                     ? "pcapng"
                                     : "pcap"));
            QCOMPARE(in.frames.size(), doc->frames().size());
            QVERIFY(in.frames[3].bytes == doc->frames().owned(3).bytes);
            QCOMPARE(in.frames[3].ts, doc->frames().owned(3).ts);
        }
        QString error;
        QVERIFY(!saveFrames(sample("redis-ping-pong.pcap"), doc->frames(), &error,
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

    // The first window fits the screen: 1280x800 where there is room, else nine tenths of it
    // (a 2560x1440 screen at scale 2 offers 1280x720 device-independent pixels).
    void firstWindowFitsTheScreen() {
        QCOMPARE(MainWindow::initialSize(QSize(1920, 1040)), QSize(1280, 800));
        QCOMPARE(MainWindow::initialSize(QSize(1280, 720)), QSize(1152, 648));
        QCOMPARE(MainWindow::initialSize(QSize(1024, 740)), QSize(922, 666)); // rounded
    }

    // The Meaning column's first sentence does not stop at an abbreviation ("e.g.").
    void meaningDoesNotStopAtAbbreviations() {
        QCOMPARE(firstSentence(QStringLiteral("A port, e.g. 80 for HTTP. More.")),
                 QStringLiteral("A port, e.g. 80 for HTTP."));
        const FieldRegistry& reg = FieldRegistry::instance();
        for (size_t i = 0; i < reg.size(); ++i) {
            const QString first =
                firstSentence(QString::fromUtf8(reg.def(FieldId(i)).explanation.data(),
                                                qsizetype(reg.def(FieldId(i)).explanation.size())));
            for (const char* cut : {"e.g.", "i.e.", "etc.", "vs."})
                QVERIFY2(!first.endsWith(QLatin1String(cut)), qPrintable(first));
        }
        // In Chinese it ends at the first "。" outside parentheses.
        QCOMPARE(firstSentence(QStringLiteral("端口（例如 80。）。更多。")),
                 QStringLiteral("端口（例如 80。）。"));
        const auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        installLanguage(QStringLiteral("zh_CN"));
        for (size_t i = 0; i < reg.size(); ++i) {
            const std::string_view text = fieldExplanation(reg.def(FieldId(i)));
            const QString all = QString::fromUtf8(text.data(), qsizetype(text.size()));
            const QString first = firstSentence(all);
            QVERIFY2(first == all || first.endsWith(u'。'), qPrintable(first));
            QCOMPARE(first.count(u'（'), first.count(u'）'));
        }
    }

    // Help > About names the version; Help > Keyboard Shortcuts lists every menu shortcut and
    // the classroom keys, read from the actions themselves.
    void helpNamesVersionAndShortcuts() {
        QVERIFY(MainWindow::aboutText().contains(QStringLiteral(TCPSCOPE_VERSION_STRING)));
        MainWindow w;
        const auto rows = w.shortcutList();
        QStringList keys;
        for (const auto& r : rows) keys << r.first + QStringLiteral(" = ") + r.second;
        const QString all = keys.join(QLatin1Char('\n'));
        for (const char* expected :
             {"Ctrl+L = ", "Ctrl+Shift+P = Edit", "F5 = Classroom",
              "Space = Classroom: next packet", "Home = Classroom: first packet", "F1 = Help",
              "Esc = Leave the presentation view"})
            QVERIFY2(all.contains(QLatin1String(expected)), qPrintable(expected + ("\n" + all)));
        // Every menu action with a shortcut is listed once.
        int withShortcut = 0;
        for (QAction* top : w.menuBar()->actions())
            if (top->menu())
                for (QAction* a : top->menu()->actions())
                    if (!a->shortcut().isEmpty()) ++withShortcut;
        QVERIFY(rows.size() >= withShortcut + 8);
    }

    // Edit > Preferences shows the settings as they are, applies a change to every place that
    // shows it (menu checks, the ladder's labels, the palette) and keeps them in QSettings.
    void preferencesApplyAndPersist() {
        MainWindow w;
        w.resize(1280, 800);
        const Preferences before = w.preferences();
        QCOMPARE(before.colors, Preferences::Colors::Light);
        QCOMPARE(before.timeFormat, TimeFormat::SinceStart);
        Preferences p = before;
        p.timeFormat = TimeFormat::DateAndTime;
        p.zoom = 4;
        p.ladderLabels.win = false;
        p.ladderLabels.raw = true;
        p.colors = Preferences::Colors::Dark;
        PreferencesDialog dialog(before, &w);
        QCOMPARE(dialog.preferences(), before); // shows what is set
        QSignalSpy applied(&dialog, &PreferencesDialog::applied);
        connect(&dialog, &PreferencesDialog::applied, &w, &MainWindow::setPreferences);
        PreferencesDialog changed(p, &w);
        QCOMPARE(changed.preferences(), p);
        connect(&changed, &PreferencesDialog::applied, &w, &MainWindow::setPreferences);
        emit changed.applied(changed.preferences());
        QCOMPARE(w.preferences(), p);
        QCOMPARE(w.packetModel()->timeFormat(), TimeFormat::DateAndTime);
        QCOMPARE(w.connectionPage()->fontZoom(), 4);
        QVERIFY(w.connectionPage()->ladder()->labelOptions().raw);
        QVERIFY(!w.connectionPage()->ladder()->labelOptions().win);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 darkPalette().color(QPalette::Window));
        // The View menu's time format check follows.
        bool checked = false;
        for (QAction* top : w.menuBar()->actions())
            if (top->menu())
                for (QAction* sub : top->menu()->actions())
                    if (sub->menu())
                        for (QAction* a : sub->menu()->actions())
                            if (a->text().startsWith(QLatin1String("Date and Time")))
                                checked = a->isChecked();
        QVERIFY(checked);
        // Persisted and read back; missing values read as the defaults.
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("prefs.ini")), QSettings::IniFormat);
        p.save(settings);
        QCOMPARE(Preferences::load(settings), p);
        QSettings empty(dir.filePath(QStringLiteral("none.ini")), QSettings::IniFormat);
        QCOMPARE(Preferences::load(empty), Preferences{});
        // The classroom step icons are drawn in the buttons' text colour of the new palette.
        const auto iconInk = [&w] {
            QCoreApplication::processEvents(); // the palette reaches the widgets as events
            for (QToolButton* b : w.connectionPage()->findChildren<QToolButton*>())
                if (b->text() == QStringLiteral("Next")) {
                    const QImage img = b->icon().pixmap(16).toImage();
                    for (int y = 0; y < img.height(); ++y)
                        for (int x = 0; x < img.width(); ++x)
                            if (qAlpha(img.pixel(x, y)) == 255) return QColor(img.pixel(x, y));
                }
            return QColor();
        };
        QCOMPARE(iconInk(), darkPalette().color(QPalette::ButtonText));
        // A checked "Classroom Mode" stands out on the dark palette: selection colours.
        QPushButton* classroom = nullptr;
        for (QPushButton* b : w.connectionPage()->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("Classroom Mode")) classroom = b;
        QVERIFY(classroom);
        classroom->setChecked(true);
        QCOMPARE(classroom->palette().color(QPalette::Button),
                 darkPalette().color(QPalette::Highlight));
        classroom->setChecked(false);
        QCOMPARE(classroom->palette().color(QPalette::Button),
                 darkPalette().color(QPalette::Button));
        // Back to light for the tests after this one.
        w.setPreferences(before);
        QCOMPARE(w.preferences(), before);
        QCOMPARE(iconInk(), QApplication::palette().color(QPalette::ButtonText));
        if (const QByteArray out = qgetenv("TCPSCOPE_UI_SHOTS"); !out.isEmpty()) {
            PreferencesDialog shown(p, &w);
            shown.show();
            QVERIFY(QTest::qWaitForWindowExposed(&shown));
            shown.grab().save(QString::fromLocal8Bit(out) + QStringLiteral("/preferences.png"));
        }
    }

    // The Go menu moves through the packet list as shown, with Wireshark's keys.
    void goMenuMovesThroughTheList() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        const auto frame = [&w] {
            const int row = w.controller()->packet();
            return row < 0 ? uint64_t(0) : w.document()->records()[size_t(row)].number;
        };
        QVERIFY(w.selectFrame(3));
        QTest::keyClick(&w, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(frame(), uint64_t(4));
        QTest::keyClick(&w, Qt::Key_Up, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(frame(), uint64_t(2));
        QTest::keyClick(&w, Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(frame(), w.document()->records().back().number);
        QVERIFY(!w.stepPacket(1)); // nothing after the last
        QTest::keyClick(&w, Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(frame(), uint64_t(1));
        QVERIFY(w.goToPacket(7));
        QCOMPARE(frame(), uint64_t(7));
        QVERIFY(!w.goToPacket(999)); // none: the selection stays
        QCOMPARE(frame(), uint64_t(7));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("no packet 999")));
    }

    // Find packet: in the Info column, in the bytes as text or as hex, forward, backward and
    // wrapping around; a bad hex string and no match say so.
    void findPacketInInfoAndBytes() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        PacketsPage* page = w.packetsPage();
        const auto frame = [&w] {
            const int row = w.controller()->packet();
            return row < 0 ? uint64_t(0) : w.document()->records()[size_t(row)].number;
        };
        QVERIFY(w.selectFrame(1));
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QLineEdit* edit = nullptr;
        for (QLineEdit* e : page->findChildren<QLineEdit*>())
            if (e->isVisible()) edit = e;
        QVERIFY(edit); // the bar is shown, its text field focused
        QCOMPARE(QApplication::focusWidget(), edit);
        // "PING" in the bytes, any case: the client's request (RESP "ping", frame 4).
        page->setFindQuery({FindQuery::In::BytesText, QStringLiteral("PING"), false});
        QVERIFY(page->findNext());
        const uint64_t first = frame();
        QCOMPARE(first, uint64_t(4));
        const auto bytesOf = [&w](uint64_t f) {
            const auto b = w.document()->bytes(size_t(w.document()->indexOfFrame(f)));
            return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
        };
        QVERIFY(bytesOf(first).contains("ping"));
        page->setFindQuery({FindQuery::In::BytesText, QStringLiteral("PING"), true});
        QVERIFY(!page->findNext()); // case sensitive: the bytes say ping
        QCOMPARE(frame(), first);
        QCOMPARE(page->findMessage(), QStringLiteral("No packet matches."));
        // The same bytes as hex ("ping" = 70 69 6e 67), backward from the first packet wraps
        // around to the match.
        page->setFindQuery({FindQuery::In::BytesHex, QStringLiteral("70:69:6e:67"), false});
        QVERIFY(w.selectFrame(1));
        QTest::keyClick(&w, Qt::Key_B, Qt::ControlModifier);
        QCOMPARE(frame(), first);
        page->setFindQuery({FindQuery::In::BytesHex, QStringLiteral("zz"), false});
        QVERIFY(!page->findNext());
        QVERIFY(page->findMessage().startsWith(QStringLiteral("Not hex bytes")));
        // In the Info column: the packet list's own text.
        page->setFindQuery({FindQuery::In::Info, QStringLiteral("[S.]"), false});
        QVERIFY(w.selectFrame(5));
        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(frame(), uint64_t(2));
        QVERIFY(w.packetModel()->infoText(w.controller()->packet()).contains("[S.]"));
        if (const QByteArray out = qgetenv("TCPSCOPE_UI_SHOTS"); !out.isEmpty())
            w.grab().save(QString::fromLocal8Bit(out) + QStringLiteral("/find.png"));
    }

    // The packet list's context menu: the summary line as shown, a hex dump that the paste
    // dialog's reader turns back into the same bytes, one connection shown, and the displayed
    // packets exported as pcapng that read back.
    void packetListContextMenu() {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openFileSync(sample("syn-flood.pcap")));
        PacketsPage* page = w.packetsPage();
        const DocumentPtr doc = w.document();
        QVERIFY(doc->records().size() > 4);
        const int row = 3;
        const QString line = page->summaryLine(row);
        QVERIFY(line.startsWith(QString::number(doc->records()[row].number) + QLatin1Char('\t')));
        QVERIFY(line.endsWith(w.packetModel()->infoText(row)));
        const QByteArray dump = page->hexDump(row).toUtf8();
        const HexTextResult back = parseHexText(std::string_view(dump.constData(), dump.size()));
        QVERIFY(!back.error);
        QCOMPARE(back.frames.size(), size_t(1));
        const auto bytes = doc->bytes(row);
        QVERIFY(back.frames[0].bytes == std::vector<uint8_t>(bytes.begin(), bytes.end()));
        std::unique_ptr<QMenu> menu(page->packetMenu(row));
        QStringList texts;
        for (QAction* a : menu->actions()) texts << a->text();
        QVERIFY(
            texts.join(QLatin1Char('|')).contains(QStringLiteral("Show Only This &Connection")));
        if (const QByteArray out = qgetenv("TCPSCOPE_UI_SHOTS"); !out.isEmpty()) {
            menu->popup(w.mapToGlobal(QPoint(200, 200)));
            QVERIFY(QTest::qWaitForWindowExposed(menu.get()));
            menu->grab().save(QString::fromLocal8Bit(out) + QStringLiteral("/packet-menu.png"));
            menu->hide();
        }
        // One connection shown, then exported: only its packets are in the file.
        const uint32_t stream = doc->analysis(row)->stream;
        page->setStreamFilter(stream);
        const int shown = w.packetModel()->rowCount();
        QVERIFY(shown > 0 && size_t(shown) < doc->records().size());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("displayed.pcapng"));
        QString error;
        QVERIFY2(page->exportDisplayed(path, &error), qPrintable(error));
        const DocumentPtr exported = openDocument(path, {});
        QVERIFY(exported);
        QCOMPARE(exported->records().size(), size_t(shown));
        for (size_t i = 0; i < exported->records().size(); ++i)
            QCOMPARE(exported->analysis(i) ? exported->analysis(i)->stream : 99u, 0u);
    }

    // At a large font the flags' meanings are shown whole (the tabs below give way) and the
    // packet list's state columns hold "SYN-RECEIVED" without eliding it.
    void zoomKeepsFlagsAndStatesWhole() {
        for (int zoom : {0, 2, 4}) {
            MainWindow w;
            w.resize(1280, 800);
            w.show();
            QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
            w.setZoom(zoom);
            QVERIFY(w.selectFrame(2)); // SYN,ACK: two meanings
            for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
            QVERIFY2(w.flagsView()->height() >= w.flagsView()->sizeHint().height(),
                     qPrintable(QStringLiteral("zoom %1: %2 < %3")
                                    .arg(zoom)
                                    .arg(w.flagsView()->height())
                                    .arg(w.flagsView()->sizeHint().height())));
            const QFontMetrics fm(w.packetView()->font());
            QVERIFY(w.packetView()->columnWidth(PacketListModel::ServerState) >
                    fm.horizontalAdvance(QStringLiteral("SYN-RECEIVED")));
        }
    }

    // A file that is neither a capture nor text: said so, with its first bytes, and the capture
    // that was open stays open.
    void unreadableFileKeepsTheOpenCapture() {
        const QString path = QDir::temp().filePath(QStringLiteral("tcpscope-ui-photo.jpg"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromHex("ffd8ffe000104a46494600010201004800480000"));
        out.close();
        MainWindow w;
        QVERIFY(w.openFileSync(sample("redis-ping-pong.pcap")));
        const DocumentPtr before = w.document();
        QVERIFY(!w.openFileSync(path));
        QCOMPARE(w.document(), before);
        QCOMPARE(w.packetModel()->rowCount(), 10);
        QVERIFY(!w.warningBar()->isHidden());
        const QString text = w.warningBar()->text();
        QVERIFY2(text.contains(QStringLiteral("not a capture file or a dump")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("starts with ff d8 ff e0")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("redis-ping-pong.pcap is still open")),
                 qPrintable(text));
        QFile::remove(path);
    }

    // Classroom mode on the seed session: each step adds one arrow to the ladder and moves the
    // state graph, selects that packet everywhere, and the caption explains it.
    void classroomStepsThroughTheSeedSession() {
        MainWindow w;
        w.resize(1280, 800);
        QVERIFY(w.openFileSync(sample("lifecycle-seed-session.pcap")));
        w.show();
        ConnectionPage* page = w.connectionPage();
        w.showConnectionPage();
        QVERIFY(w.connectionPageShown());
        page->setClassroom(true);
        QCOMPARE(page->stepCount(), 10);
        QCOMPARE(page->step(), 1);
        QCOMPARE(page->ladder()->arrows().size(), size_t(1));
        QCOMPARE(w.controller()->packet(), w.document()->indexOfFrame(1));
        QVERIFY(page->captionText().contains(QStringLiteral("opens a connection")));

        page->nextStep();
        QCOMPARE(page->step(), 2);
        QCOMPARE(page->ladder()->arrows().size(), size_t(2));
        QCOMPARE(w.controller()->packet(), w.document()->indexOfFrame(2));
        QCOMPARE(w.packetView()->currentIndex().row(), w.document()->indexOfFrame(2));
        const QString caption = page->captionText();
        QVERIFY2(caption.contains(QStringLiteral("The server answers with SYN,ACK.")),
                 qPrintable(caption));
        QVERIFY(caption.contains(QStringLiteral("4012548670")));
        QVERIFY(caption.contains(QStringLiteral("client ISN + 1 = 860356045")));
        // The graph counts exactly the steps the tracker reports for the first two packets.
        const ConnectionTracker& t = w.document()->tracker();
        size_t expected = 0;
        for (size_t i = 0; i < 2; ++i)
            for (const EndpointStep* s : {&t.packets()[i].client, &t.packets()[i].server})
                if (s->event != TcpEvent::None) ++expected;
        QCOMPARE(page->stateGraph()->path().size(), expected);

        // The keys: Space forward, Left back, End, Home (shortcuts: the window must be active).
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        page->setFocus();
        QTest::keyClick(page, Qt::Key_Space);
        QCOMPARE(page->step(), 3);
        QVERIFY(page->captionText().contains(QStringLiteral("three-way handshake is complete")));
        QTest::keyClick(page, Qt::Key_Left);
        QCOMPARE(page->step(), 2);
        QTest::keyClick(page, Qt::Key_End);
        QCOMPARE(page->step(), 10);
        QCOMPARE(page->ladder()->arrows().size(), size_t(10));
        page->nextStep();
        QCOMPARE(page->step(), 10);
        QTest::keyClick(page, Qt::Key_Home);
        QCOMPARE(page->step(), 1);

        // Leaving classroom mode shows the whole connection again.
        page->setClassroom(false);
        QCOMPARE(page->ladder()->arrows().size(), size_t(10));
    }

    // Selection flows both ways between the packet list and the connection views, and the page
    // follows a packet of another connection.
    void connectionViewsFollowTheSelection() {
        MainWindow w;
        w.resize(1280, 800);
        QVERIFY(w.openFileSync(sample("connection-refused.pcap")));
        w.show();
        w.showConnectionPage();
        ConnectionPage* page = w.connectionPage();
        QVERIFY(w.selectFrame(5));
        QCOMPARE(page->stream(), std::optional<uint32_t>(1u));
        QCOMPARE(page->ladder()->selectedFrame(), std::optional<uint64_t>(5));
        QCOMPARE(page->stateGraph()->selectedFrame(), std::optional<uint64_t>(5));
        QVERIFY(w.selectFrame(2));
        QCOMPARE(page->stream(), std::optional<uint32_t>(0u));
        QVERIFY(page->captionText().contains(QStringLiteral("refuses the connection")));

        // Clicking an arrow selects its packet in the packet list.
        QVERIFY(w.selectFrame(3));
        QApplication::processEvents();
        LadderView* ladder = page->ladder();
        const auto arrows = ladder->arrows();
        const auto it = std::find_if(arrows.begin(), arrows.end(),
                                     [](const LadderArrow& a) { return a.frame == 6; });
        QVERIFY(it != arrows.end());
        const QPoint mid = ladder->mapFromScene((it->start + it->end) / 2);
        QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, mid);
        QCOMPARE(w.controller()->packet(), w.document()->indexOfFrame(6));
        QCOMPARE(w.packetView()->currentIndex().row(), w.document()->indexOfFrame(6));
    }

    // The simultaneous-close scenario: the two FIN arrows cross in the ladder, and both paths
    // in the state graph go through CLOSING.
    void simultaneousCloseFinsCross() {
        MainWindow w;
        w.resize(1280, 800);
        QVERIFY(w.openFileSync(sample("simultaneous-close.pcap")));
        w.show();
        w.showConnectionPage();
        const auto arrows = w.connectionPage()->ladder()->arrows();
        QCOMPARE(arrows.size(), size_t(11));
        const LadderArrow& a = arrows[7]; // client FIN
        const LadderArrow& b = arrows[8]; // server FIN
        QVERIFY(a.label.startsWith(QStringLiteral("[F.]")) && a.fromClient);
        QVERIFY(b.label.startsWith(QStringLiteral("[F.]")) && !b.fromClient);
        QPointF at;
        QCOMPARE(QLineF(a.start, a.end).intersects(QLineF(b.start, b.end), &at),
                 QLineF::BoundedIntersection);
        int closing = 0;
        for (const GraphEdgeUse& u : w.connectionPage()->stateGraph()->path())
            if (u.to == TcpState::Closing) ++closing;
        QCOMPARE(closing, 2);
    }

    // Presentation view hides the menus and status bar and turns classroom mode on; leaving it
    // restores them.
    void presentationViewTogglesChrome() {
        MainWindow w;
        w.resize(1280, 800);
        QVERIFY(w.openFileSync(sample("half-close.pcap")));
        w.show();
        w.setPresentation(true, false);
        QVERIFY(w.presentation());
        QVERIFY(w.menuBar()->isHidden());
        QVERIFY(w.connectionPageShown());
        QVERIFY(w.connectionPage()->classroom());
        QVERIFY(w.connectionPage()->ladder()->presentation());
        QVERIFY(w.connectionPage()->stateGraph()->presentation());
        w.setPresentation(false);
        QVERIFY(!w.menuBar()->isHidden());
        QVERIFY(!w.connectionPage()->ladder()->presentation());
    }

    // Every classroom scenario opens, has a connection and a caption for its first packet, and
    // the Samples menu lists them by title.
    void classroomScenariosOpen() {
        const char* scenarios[] = {"lifecycle-seed-session.pcap",
                                   "simultaneous-open.pcap",
                                   "simultaneous-close.pcap",
                                   "half-close.pcap",
                                   "connection-refused.pcap",
                                   "reset.pcap",
                                   "retransmission-dupack.pcap",
                                   "zero-window.pcap",
                                   "syn-flood.pcap"};
        for (const char* name : scenarios) {
            DocumentPtr doc = openDocument(sample(name), {});
            QVERIFY2(doc && !doc->error(), name);
            QVERIFY2(!doc->tracker().connections().empty(), name);
            QVERIFY2(!explainStep(doc->tracker(), 0).headline.empty(), name);
        }
        MainWindow w;
        w.setSamplesDir(QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples"));
        QMenu* samples = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->text().remove(u'&') == QStringLiteral("Samples")) samples = a->menu();
        QVERIFY(samples);
        QStringList titles;
        for (QAction* a : samples->actions())
            if (!a->isSeparator()) titles << a->text();
        QVERIFY2(titles.contains(QStringLiteral("Simultaneous Close")),
                 qPrintable(titles.join(u'|')));
        QVERIFY(titles.contains(QStringLiteral("SYN Flood")));
        QVERIFY(titles.contains(QStringLiteral("redis-ping-pong.pcap")));
    }

    // Frames of a classic pcap stay in the mapped file; every row's bytes must still be exactly
    // what libpcap reads, on every sample and corpus capture (pcapng, damaged files and files
    // whose records libpcap shortens take the copying path).
    void documentBytesEqualLibpcapEverywhere() {
        QStringList files;
        for (const QString& root : {QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples"),
                                    QStringLiteral(TCPSCOPE_SOURCE_DIR "/../shared/corpus")}) {
            QDirIterator it(
                root,
                {QStringLiteral("*.pcap"), QStringLiteral("*.pcapng"), QStringLiteral("*.cap")},
                QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) files << it.next();
        }
        QVERIFY(files.size() >= 10);
        size_t frames = 0;
        for (const QString& path : files) {
            DocumentPtr doc = openDocument(path, {});
            QVERIFY2(doc, qPrintable(path));
            const LoadedInput in = loadPath(QFile::encodeName(path).toStdString());
            QCOMPARE(doc->records().size(), in.frames.size());
            for (size_t i = 0; i < in.frames.size(); ++i) {
                const auto a = doc->bytes(i);
                const auto& b = in.frames[i].bytes;
                QVERIFY2(a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin()),
                         qPrintable(path + QStringLiteral(" frame ") + QString::number(i + 1)));
                QCOMPARE(doc->records()[i].number, in.frames[i].number);
                ++frames;
            }
            QCOMPARE(doc->error().has_value(), in.error.has_value());
        }
        qInfo("%zu frames in %lld captures", frames, qlonglong(files.size()));
    }

    // View > Language offers System, English and 简体中文; in Chinese the menus, Qt's own
    // buttons, the core's captions and field explanations are Chinese (the viewer's and the
    // core's .qm files, and qtbase's), and English comes back whole.
    void chineseEverywhere() {
        const auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        MainWindow w;
        QStringList menus;
        for (QAction* a : w.menuBar()->actions()) menus << a->text();
        QVERIFY2(menus.contains(QStringLiteral("视图(&V)")), qPrintable(menus.join(u' ')));
        QVERIFY2(menus.contains(QStringLiteral("文件(&F)")), qPrintable(menus.join(u' ')));
        QMenu* language = nullptr;
        for (QMenu* m : w.findChildren<QMenu*>())
            if (m->title() == QStringLiteral("语言(&L)")) language = m;
        QVERIFY(language);
        QStringList choices;
        for (QAction* a : language->actions()) choices << a->text();
        QCOMPARE(choices, QStringList({QStringLiteral("跟随系统"), QStringLiteral("English"),
                                       QStringLiteral("简体中文")}));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
        QVERIFY(w.openFileSync(sample("lifecycle-seed-session.pcap")));
        const StepCaption c = explainStep(w.document()->tracker(), 1);
        QVERIFY2(QString::fromStdString(c.headline).contains(QStringLiteral("服务器")),
                 c.headline.c_str());
        const FieldDef& seq = FieldRegistry::instance().def(fieldId("tcp.seq"));
        QVERIFY(QString::fromUtf8(fieldExplanation(seq).data()).contains(QStringLiteral("序列号")));
        QCOMPARE(QString::fromStdString(stateDisplayName(TcpState::Established)),
                 QStringLiteral("ESTABLISHED 已建立连接"));

        QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
        QCOMPARE(std::string(fieldExplanation(seq)), std::string(seq.explanation));
        MainWindow again;
        QStringList englishMenus;
        for (QAction* a : again.menuBar()->actions()) englishMenus << a->text();
        QVERIFY(englishMenus.contains(QStringLiteral("&View")));
    }

    // View > Language remembers the choice; a change of language offers a restart, and
    // "Later" keeps this window as it is.
    void languageChoiceIsRemembered() {
        QStandardPaths::setTestModeEnabled(true); // the settings go to a test folder
        const auto real = qScopeGuard([] { QStandardPaths::setTestModeEnabled(false); });
        QSettings().remove(QStringLiteral("language"));
        const auto forget = qScopeGuard([] { QSettings().remove(QStringLiteral("language")); });
        MainWindow w;
        w.show();
        QMenu* language = nullptr;
        for (QMenu* m : w.findChildren<QMenu*>())
            if (m->title() == QStringLiteral("&Language")) language = m;
        QVERIFY(language);
        const QList<QAction*> choices = language->actions();
        QCOMPARE(choices.size(), 3);
        QVERIFY(choices[0]->isChecked()); // System, by default
        int offers = 0;
        QTimer later;
        connect(&later, &QTimer::timeout, [&offers] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            ++offers;
            for (QAbstractButton* b : box->buttons())
                if (b->text() == QStringLiteral("&Later")) b->click();
        });
        later.start(10);
        choices[2]->trigger(); // 简体中文
        QCOMPARE(savedLanguageChoice(QSettings()), QStringLiteral("zh_CN"));
        QCOMPARE(offers, 1);
        QVERIFY(w.isVisible()); // still open: no restart
        choices[2]->trigger();  // the same language again: nothing to offer
        QCOMPARE(offers, 1);
        choices[1]->trigger(); // English
        QCOMPARE(savedLanguageChoice(QSettings()), QStringLiteral("en"));
        QCOMPARE(offers, 2);
    }
};

QTEST_MAIN(UiTests)
#include "ui_tests.moc"
