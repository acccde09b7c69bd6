// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for TCP Stream Graphs in the viewer: the tcptrace view's segments, marks, SACK bars
// and window line against hand-read values of the samples, switching direction, a click
// selecting its packet everywhere, zoom and reset, the Analyze menu entry, and the viewer's
// `--view graph:KIND` screenshots (PNG of the requested size, light and dark; SVG that parses).
// Runs with QT_QPA_PLATFORM=offscreen.
#include "dialogs/stream_graph_dialog.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "pages/connection_page.h"
#include "views/stream_graph_view.h"

#include <tcpscope/dissect.h>

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}

// The index in `s` of the point of `frame`, or -1.
int indexOfFrame(const StreamGraphView::Series& s, uint64_t frame) {
    for (size_t i = 0; i < s.size(); ++i)
        if (s.frame[i] == frame) return int(i);
    return -1;
}

// Runs the viewer with QT_QPA_PLATFORM=offscreen; false when it failed.
bool runViewer(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(TCPSCOPE_VIEWER), args);
    const bool ok =
        p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!ok) qWarning("%s", p.readAllStandardError().constData());
    return ok;
}

// The pixels that differ from the top-left pixel (the background).
qsizetype inkPixels(const QImage& image) {
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    const QRgb background = img.pixel(0, 0);
    qsizetype n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) n += img.pixel(x, y) != background;
    return n;
}

} // namespace

class StreamGraphTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { registerAllProtocols(); }

    // zero-window.pcap, what the server (port 5001) sent: 16 segments (SYN, data, the two
    // zero-window probes, FIN), 3 zero-window marks (frames 14, 16, 18) and 1 window-full mark
    // (frame 25, filling the window reopened at frame 19), in the legend too; the window line
    // falls onto the ACK line at frame 14.
    void zeroWindowTcptrace() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("zero-window.pcap")));
        StreamGraphDialog* d = w.streamGraph(0, true);
        QVERIFY(d);
        StreamGraphView* v = d->view();
        QCOMPARE(v->kind(), GraphKind::Tcptrace);
        QCOMPARE(v->segmentBarCount(), 16);
        QCOMPARE(v->markCount(GraphMark::ZeroWindow), 3);
        QCOMPARE(v->markCount(GraphMark::WindowFull), 1);
        QCOMPARE(v->markCount(GraphMark::Retransmission), 0);
        const QStringList legend = v->legend();
        QVERIFY2(legend.contains(QStringLiteral("Zero window (3)")), qPrintable(legend.join(u'|')));
        QVERIFY(legend.contains(QStringLiteral("Window full (1)")));
        QVERIFY(!legend.contains(QStringLiteral("Retransmission (0)")));
        const int before = indexOfFrame(v->windowLine(), 11),
                  at = indexOfFrame(v->windowLine(), 14);
        QVERIFY(before >= 0 && at >= 0);
        QCOMPARE(v->windowLine().y[size_t(before)], 5793.0 + 2304.0);
        QCOMPARE(v->ackLine().y[size_t(at)], 8193.0);
        QCOMPARE(v->windowLine().y[size_t(at)], 8193.0); // window 0: ack + 0
        const int reopened = indexOfFrame(v->windowLine(), 19);
        QCOMPARE(v->windowLine().y[size_t(reopened)], 8193.0 + 8192.0);
        QVERIFY(v->title().startsWith(QStringLiteral("tcptrace for ")));
    }

    // retransmission-dupack.pcap, the server's data: 7 duplicate ACKs (frames 12 to 22 repeat
    // frame 10's ACK, frame 25 frame 24's), 2 retransmissions (frame 23 and the FIN again),
    // one SACK bar per duplicate ACK with a block;
    // Switch Direction graphs the client instead and the title says so.
    void dupAckAndSwitchDirection() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        StreamGraphDialog* d = w.streamGraph(0, true);
        QVERIFY(d);
        StreamGraphView* v = d->view();
        QCOMPARE(v->markCount(GraphMark::DuplicateAck), 7);
        QCOMPARE(v->markCount(GraphMark::Retransmission), 2);
        QVERIFY(v->sackBarCount() >= 6);
        QVERIFY(v->legend().contains(QStringLiteral("SACK block")));
        QCOMPARE(v->title(), QStringLiteral("tcptrace for 192.168.10.80:80 → 192.168.10.21:55302"));
        d->directionButton()->click();
        QCOMPARE(v->title(), QStringLiteral("tcptrace for 192.168.10.21:55302 → 192.168.10.80:80"));
        QVERIFY(!d->fromServer());
        QCOMPARE(v->markCount(GraphMark::DuplicateAck), 0);
    }

    // A click on frame 23's I-bar selects frame 23 in the whole window; the selection is the
    // graph's cursor.
    void clickSelectsPacket() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        StreamGraphDialog* d = w.streamGraph(0, true);
        d->resize(1000, 680);
        d->show();
        QVERIFY(QTest::qWaitForWindowExposed(d));
        StreamGraphView* v = d->view();
        const int i = indexOfFrame(v->points(), 23);
        QVERIFY(i >= 0);
        const double t = v->points().x[size_t(i)];
        const QRectF full = v->fullRange();
        v->setVisibleRange(QRectF(t - 0.0005, full.top(), 0.001, full.height()));
        const QPointF at =
            v->toWidget(t, (v->points().y[size_t(i)] + v->points().y2[size_t(i)]) / 2);
        QTest::mouseClick(v, Qt::LeftButton, {}, at.toPoint());
        const int row = w.controller()->packet();
        QVERIFY(row >= 0);
        QCOMPARE(w.document()->records()[size_t(row)].number, uint64_t(23));
        QCOMPARE(v->selectedPacket(), row);
        QVERIFY(w.selectFrame(9));
        QCOMPARE(v->selectedPacket(), w.controller()->packet());
        // Far from every point: nothing selected.
        QVERIFY(!v->clickAt(QPointF(v->width() - 30, 120)));
    }

    // The wheel, the keys and the Reset button change and restore the visible range.
    void zoomAndReset() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        StreamGraphDialog* d = w.streamGraph(0, true);
        d->show();
        QVERIFY(QTest::qWaitForWindowExposed(d));
        StreamGraphView* v = d->view();
        const QRectF full = v->visibleRange();
        QCOMPARE(full, v->fullRange());
        v->zoomAt(QPointF(v->width() / 2.0, v->height() / 2.0), 2.0);
        QVERIFY(qAbs(v->visibleRange().width() - full.width() / 2) < 1e-9);
        QVERIFY(qAbs(v->visibleRange().height() - full.height() / 2) < 1e-6);
        v->zoomAt(QPointF(v->width() / 2.0, v->height() / 2.0), 2.0, true, false); // time only
        QVERIFY(qAbs(v->visibleRange().width() - full.width() / 4) < 1e-9);
        QVERIFY(qAbs(v->visibleRange().height() - full.height() / 2) < 1e-6);
        d->resetButton()->click();
        QCOMPARE(v->visibleRange(), full);
        QTest::keyClick(v, Qt::Key_Plus);
        QVERIFY(v->visibleRange().width() < full.width());
        QTest::keyClick(v, Qt::Key_0);
        QCOMPARE(v->visibleRange(), full);
    }

    // Analyze > TCP Stream Graphs on a pure ACK of the client graphs the server's data (the
    // direction Wireshark picks); the other graph kinds have their points.
    void menuEntryAndKinds() {
        MainWindow w;
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        QVERIFY(w.selectFrame(8)); // the client's ACK
        QAction* entry = nullptr;
        for (QAction* a : w.menuBar()->findChildren<QAction*>())
            if (a->text() == QStringLiteral("TCP Stream &Graphs…")) entry = a;
        QVERIFY(entry);
        QCOMPARE(entry->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_G));
        entry->trigger();
        auto* d = w.findChild<StreamGraphDialog*>();
        QVERIFY(d);
        QVERIFY(d->fromServer());
        QCOMPARE(d->stream(), 0u);
        d->setKind(GraphKind::Stevens);
        QCOMPARE(d->view()->points().size(), d->view()->graph().segments.size());
        d->setKind(GraphKind::RttTime);
        QCOMPARE(d->view()->points().size(), d->view()->graph().rtts.size());
        QVERIFY(d->view()->points().size() > 0);
        d->setKind(GraphKind::Throughput);
        QVERIFY(d->view()->points().size() > 0);
        d->setKind(GraphKind::Window);
        QVERIFY(d->view()->windowLine().size() > 0);
    }

    // The connection page's "Stream Graph": off by default; on, the tcptrace graph of the
    // server's data under the ladder, its cursor on the selected packet while classroom mode
    // steps, and a click on it selecting that packet.
    void besideTheLadder() {
        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(w.openFileSync(sample("retransmission-dupack.pcap")));
        w.show();
        w.showConnectionPage();
        ConnectionPage* page = w.connectionPage();
        QVERIFY(!page->streamGraphShown());
        QVERIFY(!page->streamGraph()->isVisible());
        page->setStreamGraphShown(true);
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        StreamGraphView* v = page->streamGraph();
        QVERIFY(v->isVisible());
        QCOMPARE(v->kind(), GraphKind::Tcptrace);
        QVERIFY(v->graph().fromServer);
        QCOMPARE(v->segmentBarCount(), int(v->graph().segments.size()));
        page->setClassroom(true);
        page->setStep(23);
        const int row = w.controller()->packet();
        QCOMPARE(w.document()->records()[size_t(row)].number, uint64_t(23));
        QCOMPARE(v->selectedPacket(), row);
        page->nextStep();
        QCOMPARE(v->selectedPacket(), w.controller()->packet());
        const int i = indexOfFrame(v->points(), 6);
        QVERIFY(i >= 0);
        const double t = v->points().x[size_t(i)];
        v->setVisibleRange(QRectF(t - 0.0001, 0, 0.0002, 3000));
        QVERIFY(v->clickAt(v->toWidget(t, 1000)));
        QCOMPARE(w.document()->records()[size_t(w.controller()->packet())].number, uint64_t(6));
        page->setStreamGraphShown(false);
        QVERIFY(!v->isVisible());
    }

    // --view graph:KIND: a PNG of the requested size with a drawing on it, light and dark, for
    // every kind; an SVG that parses as XML with an <svg> root.
    void screenshots() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("g.png"));
        for (const char* kind : {"stevens", "tcptrace", "throughput", "rtt", "rtt-seq", "window"})
            for (bool dark : {false, true}) {
                QStringList args = {QStringLiteral("--screenshot"),
                                    png,
                                    QStringLiteral("--view"),
                                    QStringLiteral("graph:") + QLatin1String(kind),
                                    QStringLiteral("--size"),
                                    QStringLiteral("1024x600"),
                                    sample("retransmission-dupack.pcap")};
                if (dark) args.prepend(QStringLiteral("--dark"));
                QVERIFY2(runViewer(args), kind);
                const QImage img(png);
                QCOMPARE(img.size(), QSize(1024, 600));
                QVERIFY2(inkPixels(img) > 5000, kind);
                QCOMPARE(qGray(img.pixel(0, 0)) < 128, dark);
            }
        const QString svg = dir.filePath(QStringLiteral("g.svg"));
        QVERIFY(runViewer({QStringLiteral("--screenshot"), svg, QStringLiteral("--view"),
                           QStringLiteral("graph:tcptrace"), sample("zero-window.pcap")}));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        bool root = false;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && !root)
                root = xml.name() == QStringLiteral("svg");
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(root);
        QVERIFY(!runViewer({QStringLiteral("--screenshot"), png, QStringLiteral("--view"),
                            QStringLiteral("graph:nonsense"), sample("zero-window.pcap")}));
        QVERIFY(!runViewer({QStringLiteral("--screenshot"), png, QStringLiteral("--view"),
                            QStringLiteral("graph:tcptrace"), QStringLiteral("--stream"),
                            QStringLiteral("9"), sample("zero-window.pcap")}));
    }
};

QTEST_MAIN(StreamGraphTests)
#include "stream_graph_tests.moc"
