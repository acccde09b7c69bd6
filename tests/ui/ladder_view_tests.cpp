// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for the ladder view: the Redis sample's arrows against the tracker and
// tcpdump, selection and clicks, SVG export with text kept as text, crossing FINs of a
// simultaneous close, classroom stepping, label options, zoom and true time with breaks.
// Runs with QT_QPA_PLATFORM=offscreen.
#include "document/document.h"
#include "views/ladder_view.h"

#include <tcpscope/dissect.h>
#include <tcpscope/ladder_text.h>
#include <tcpscope/packet_summary.h>

#include <QFile>
#include <QLineF>
#include <QPainterPath>
#include <QScrollBar>
#include <QSignalSpy>

#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <set>

#include <algorithm>
#include <tuple>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}

// Two endpoints, 10.0.0.1:40000 (client) and 10.0.0.2:80 (server); one segment per call, with
// its own time in microseconds since the start.
TcpSegment segment(uint64_t frame, int64_t us, bool fromClient, uint16_t flags, uint32_t seq,
                   uint32_t ack, uint32_t len = 0) {
    TcpSegment s;
    s.frameNumber = frame;
    s.ts.sec = 1700000000 + us / 1000000;
    s.ts.nsec = uint64_t(us % 1000000) * 1000;
    s.src = Address::v4(fromClient ? 0x0a000001 : 0x0a000002);
    s.dst = Address::v4(fromClient ? 0x0a000002 : 0x0a000001);
    s.srcPort = fromClient ? 40000 : 80;
    s.dstPort = fromClient ? 80 : 40000;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.payloadLength = len;
    s.window = 1000;
    return s;
}

constexpr uint16_t S = TcpFlag::Syn, A = TcpFlag::Ack, F = TcpFlag::Fin, P = TcpFlag::Psh;

// Handshake, a request and its answer, then both ends send FIN before the other's arrives:
// the server's FIN (frame 9) still acknowledges only 1005, not the client's FIN.
void addSimultaneousClose(ConnectionTracker& t) {
    const uint32_t c = 1000, s = 5000;
    t.add(segment(1, 0, true, S, c, 0));
    t.add(segment(2, 1000, false, S | A, s, c + 1));
    t.add(segment(3, 2000, true, A, c + 1, s + 1));
    t.add(segment(4, 3000, true, P | A, c + 1, s + 1, 4));
    t.add(segment(5, 4000, false, A, s + 1, c + 5));
    t.add(segment(6, 5000, false, P | A, s + 1, c + 5, 4));
    t.add(segment(7, 6000, true, A, c + 5, s + 5));
    t.add(segment(8, 10000, true, F | A, c + 5, s + 5));
    t.add(segment(9, 10020, false, F | A, s + 5, c + 5));
    t.add(segment(10, 11000, true, A, c + 6, s + 6));
    t.add(segment(11, 11020, false, A, s + 6, c + 6));
}

// True when two arrows in opposite directions cross between the lanes (touching at a lane,
// as a request and its answer do, is not crossing).
bool crosses(const LadderArrow& a, const LadderArrow& b) {
    if (a.fromClient == b.fromClient) return false;
    const LadderArrow& c2s = a.fromClient ? a : b;
    const LadderArrow& s2c = a.fromClient ? b : a;
    const double atClient = c2s.start.y() - s2c.end.y();
    const double atServer = c2s.end.y() - s2c.start.y();
    return (atClient < 0 && atServer > 0) || (atClient > 0 && atServer < 0);
}

QString readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

class LadderViewTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { registerAllProtocols(); }

    void redisArrowsMatchTrackerAndTcpdump() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        LadderView view;
        view.resize(1000, 800);
        view.setDocument(doc);
        QVERIFY(view.hasStream());
        QCOMPARE(view.stream(), 0u);
        const auto arrows = view.arrows();
        QCOMPARE(arrows.size(), size_t(10));
        QCOMPARE(view.arrowCount(), size_t(10));

        // tcpdump -n -r redis-ping-pong.pcap, in Wireshark's relative numbers.
        const QStringList expected = {
            "[S] seq 0:1 win 65495",         "[S.] seq 0:1 ack 1 win 65483",
            "[.] seq 1 ack 1 win 65536",     "[P.] seq 1:15 ack 1 len 14 win 65536",
            "[.] seq 1 ack 15 win 65536",    "[P.] seq 1:8 ack 15 len 7 win 65536",
            "[.] seq 15 ack 8 win 65536",    "[F.] seq 15:16 ack 8 win 65536",
            "[F.] seq 8:9 ack 16 win 65536", "[.] seq 16 ack 9 win 65536",
        };
        const bool fromClient[10] = {true,  false, true, true,  false,
                                     false, true,  true, false, true};
        const ConnectionTracker& t = doc->tracker();
        const auto events = t.ladder(0);
        QCOMPARE(events.size(), size_t(10));
        for (size_t i = 0; i < 10; ++i) {
            const LadderArrow& a = arrows[i];
            QCOMPARE(a.frame, uint64_t(i + 1));
            QCOMPARE(a.frame, events[i].frameNumber);
            QCOMPARE(a.fromClient, fromClient[i]);
            QCOMPARE(a.fromClient, events[i].from == EndpointRole::Client);
            QCOMPARE(a.label, expected[int(i)]);
            QCOMPARE(a.label, QString::fromStdString(ladderLabel(t.packets()[events[i].packetIndex],
                                                                 t.connections()[0])));
            QVERIFY(a.marks.isEmpty());
            // Sloped downward, from the sender's lane (client left) to the receiver's.
            QVERIFY(a.end.y() > a.start.y());
            QCOMPARE(a.start.x() < a.end.x(), a.fromClient);
            if (i > 0) QVERIFY(a.start.y() > arrows[i - 1].start.y());
        }
        // All client arrows start on one lane and all server arrows on the other.
        QCOMPARE(arrows[0].start.x(), arrows[2].start.x());
        QCOMPARE(arrows[1].start.x(), arrows[0].end.x());
        // An ordinary request/response conversation has no crossing arrows.
        for (size_t i = 0; i < arrows.size(); ++i)
            for (size_t j = i + 1; j < arrows.size(); ++j)
                QVERIFY2(!crosses(arrows[i], arrows[j]),
                         qPrintable(QStringLiteral("%1 crosses %2").arg(i + 1).arg(j + 1)));
        // The ASCII form is the core's text of the same stream.
        QCOMPARE(view.asciiText(), QString::fromStdString(formatLadderText(t, 0, {})));
    }

    void labelOptions() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.setDocument(doc);
        LadderView::LabelOptions o;
        o.raw = true;
        view.setLabelOptions(o);
        auto arrows = view.arrows();
        QCOMPARE(arrows[0].label, QStringLiteral("[S] seq 2688689370:2688689371 win 65495"));
        QCOMPARE(arrows[1].label,
                 QStringLiteral("[S.] seq 3032269697:3032269698 ack 2688689371 win 65483"));
        QVERIFY(view.asciiText().contains(QStringLiteral("raw sequence numbers")));
        o = {};
        o.win = false;
        o.seq = false;
        view.setLabelOptions(o);
        arrows = view.arrows();
        QCOMPARE(arrows[3].label, QStringLiteral("[P.] ack 1 len 14"));
        o = {};
        o.flags = false;
        o.ack = false;
        o.len = false;
        view.setLabelOptions(o);
        QCOMPARE(view.arrows()[3].label, QStringLiteral("seq 1:15 win 65536"));
    }

    void selectFrameHighlightsAndScrolls() {
        // A long conversation, so that the last arrows are far below the first screen.
        ConnectionTracker t;
        uint64_t frame = 0;
        int64_t us = 0;
        t.add(segment(++frame, us, true, S, 100, 0));
        t.add(segment(++frame, us += 100, false, S | A, 900, 101));
        t.add(segment(++frame, us += 100, true, A, 101, 901));
        uint32_t cseq = 101;
        for (int k = 0; k < 200; ++k) {
            t.add(segment(++frame, us += 100, true, P | A, cseq, 901, 10));
            cseq += 10;
            t.add(segment(++frame, us += 100, false, A, 901, cseq));
        }
        LadderView view;
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setTracker(&t, 0);
        QCOMPARE(view.arrowCount(), size_t(frame));
        QCOMPARE(view.verticalScrollBar()->value(), 0);
        QSignalSpy activated(&view, &LadderView::frameActivated);

        view.selectFrame(frame - 3);
        QCOMPARE(view.selectedFrame(), std::optional<uint64_t>(frame - 3));
        QVERIFY(view.verticalScrollBar()->value() > 0);
        const LadderArrow a = view.arrows()[size_t(frame - 4)];
        const QPoint mid = view.mapFromScene((a.start + a.end) / 2);
        QVERIFY(view.viewport()->rect().contains(mid));
        QCOMPARE(activated.count(), 0); // selecting is not activating

        // The highlight is drawn: the pixels around the selected arrow change.
        const QImage before = view.viewport()->grab().toImage();
        view.selectFrame(frame - 2);
        const QImage after = view.viewport()->grab().toImage();
        QVERIFY(before != after);

        // A frame the stream does not have clears the selection.
        view.selectFrame(100000);
        QCOMPARE(view.selectedFrame(), std::nullopt);
    }

    void clickingAnArrowEmitsItsFrame() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.resize(1000, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        QSignalSpy activated(&view, &LadderView::frameActivated);
        for (const LadderArrow& a : view.arrows()) {
            const QPoint mid = view.mapFromScene((a.start + a.end) / 2);
            QVERIFY(view.viewport()->rect().contains(mid));
            QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, mid);
            QCOMPARE(activated.count(), 1);
            QCOMPARE(activated.takeFirst().at(0).value<uint64_t>(), a.frame);
            QCOMPARE(view.selectedFrame(), std::optional<uint64_t>(a.frame));
        }
        // Empty space (the frame/time column) activates nothing.
        const LadderArrow first = view.arrows()[0];
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          view.mapFromScene(QPointF(4, first.start.y())));
        QCOMPARE(activated.count(), 0);
        // Down moves to the next arrow and activates it.
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(activated.count(), 1);
    }

    void svgKeepsTextAsText() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.resize(1000, 800);
        view.setDocument(doc);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ladder.svg"));
        if (!view.saveSvg(path)) QSKIP("built without Qt Svg");
        const QString svg = readAll(path);
        QVERIFY(svg.contains(QStringLiteral("<text")));
        for (const char* s : {"127.0.0.1:54610", "127.0.0.1:6379", "client", "server", "CLOSED",
                              "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
                              "CLOSE-WAIT", "LAST-ACK", "TIME-WAIT"})
            QVERIFY2(svg.contains(QLatin1String(s)), s);
        for (const LadderArrow& a : view.arrows())
            QVERIFY2(svg.contains(a.label.toHtmlEscaped()), qPrintable(a.label));
    }

    // Labels cover no other label, are all drawn and cross no other arrow: where none of their
    // places is clear (a zigzag of data and ACKs, converging arrows) the rows move apart. In
    // the samples' connections at 1000 px, normal or projected.
    void labelsKeepClearOfArrows() {
        struct Case {
            const char* file;
            bool even; // every label fits: no room added, one row per packet
        };
        const Case cases[] = {{"lifecycle-seed-session.pcap", true}, {"redis-ping-pong.pcap", true},
                              {"simultaneous-close.pcap", false},    {"half-close.pcap", false},
                              {"retransmission-dupack.pcap", false}, {"zero-window.pcap", false}};
        for (const Case& c : cases) {
            DocumentPtr doc = openDocument(sample(c.file), {});
            QVERIFY(doc);
            for (const bool presentation : {false, true}) {
                LadderView view;
                view.resize(1000, 800);
                view.setPresentation(presentation);
                if (presentation) { // as the connection page sets it at 720 lines
                    QFont f = view.font();
                    f.setPixelSize(16);
                    view.setFont(f);
                }
                view.setDocument(doc);
                view.show();
                QVERIFY(QTest::qWaitForWindowExposed(&view));
                const auto arrows = view.arrows();
                const auto labels = view.labelBoxes();
                int crossings = 0;
                for (size_t i = 0; i < labels.size(); ++i) {
                    for (size_t j = i + 1; j < labels.size(); ++j)
                        QVERIFY2(!labels[i].box.intersects(labels[j].box),
                                 qPrintable(QStringLiteral("%1: labels of frames %2 and %3")
                                                .arg(QLatin1String(c.file))
                                                .arg(labels[i].frame)
                                                .arg(labels[j].frame)));
                    for (const LadderArrow& a : arrows) {
                        if (a.frame == labels[i].frame) continue;
                        QPainterPath line(a.start);
                        line.lineTo(a.end);
                        if (line.intersects(labels[i].box)) ++crossings;
                    }
                }
                qInfo("%s (presentation %d): %zu of %zu labels drawn, %d cross an arrow", c.file,
                      int(presentation), labels.size(), arrows.size(), crossings);
                QCOMPARE(labels.size(), arrows.size());
                QVERIFY2(crossings == 0, c.file);
                if (c.even && !presentation)
                    for (size_t i = 2; i < arrows.size(); ++i)
                        QCOMPARE(arrows[i].start.y() - arrows[i - 1].start.y(),
                                 arrows[1].start.y() - arrows[0].start.y());
            }
        }
    }

    // With a packet selected (its bold label placed first), the labels beside it are still drawn:
    // in full where there is room, as their flags alone where there is not. None covers another.
    // Every packet of every sample selected in turn, projected at a classroom width (760 px):
    // labels left out over all selections, without the flags-alone fallback: 3, 3, 0, 6, 21, 13,
    // 0, 0, 3, 5; with it, at most these.
    void labelsBesideTheSelectedOneAreDrawn() {
        // Per sample, over all its selections: labels left out, labels other than the selected
        // one that an arrow crosses, and crossings of the selected label: none.
        for (const char* file :
             {"lifecycle-seed-session.pcap", "redis-ping-pong.pcap", "simultaneous-close.pcap",
              "half-close.pcap", "retransmission-dupack.pcap", "zero-window.pcap", "syn-flood.pcap",
              "connection-refused.pcap", "reset.pcap", "simultaneous-open.pcap"}) {
            DocumentPtr doc = openDocument(sample(file), {});
            QVERIFY(doc);
            LadderView view;
            view.resize(760, 1600); // every arrow in view: only the width is tight
            view.setPresentation(true);
            QFont f = view.font();
            f.setPixelSize(16);
            view.setFont(f);
            view.setDocument(doc);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            const auto arrows = view.arrows();
            size_t missing = 0, compact = 0, crossing = 0, selectedCrossing = 0;
            // Labels another arrow passes through (sampled along the arrow).
            const auto crossings = [&](const std::vector<LadderLabelBox>& labels, bool selected,
                                       uint64_t sel) {
                size_t n = 0;
                for (const LadderLabelBox& l : labels)
                    for (const LadderArrow& a : arrows) {
                        if (a.frame == l.frame || (l.frame == sel) != selected) continue;
                        bool hit = false;
                        for (int k = 0; k <= 200 && !hit; ++k)
                            hit = l.box.adjusted(2, 2, -2, -2)
                                      .contains(a.start + (a.end - a.start) * k / 200.0);
                        n += hit ? 1 : 0;
                    }
                return n;
            };
            for (const LadderArrow& sel : arrows) {
                view.selectFrame(sel.frame);
                const auto labels = view.labelBoxes();
                crossing += crossings(labels, false, sel.frame);
                selectedCrossing += crossings(labels, true, sel.frame);
                for (size_t i = 0; i < labels.size(); ++i)
                    for (size_t j = i + 1; j < labels.size(); ++j)
                        QVERIFY(!labels[i].box.intersects(labels[j].box));
                // The selected one is always drawn (shortened only where in full it would
                // cross an arrow).
                QVERIFY(std::any_of(labels.begin(), labels.end(),
                                    [&](const LadderLabelBox& l) { return l.frame == sel.frame; }));
                missing += arrows.size() - labels.size();
                for (const LadderLabelBox& l : labels) compact += l.compact ? 1 : 0;
            }
            qInfo("%s: %zu selections, %zu labels left out, %zu not in full, %zu crossed by an "
                  "arrow (%zu the selected one's)",
                  file, arrows.size(), missing, compact, crossing + selectedCrossing,
                  selectedCrossing);
            QVERIFY2(missing == 0, file);
            QVERIFY2(crossing == 0, file);
            QVERIFY2(selectedCrossing == 0, file);
        }
    }

    // A display filter fades the packets it hides and leaves them unlabelled; the arrows stay,
    // so the shown ones keep their place and numbers.
    void displayFilterFadesHiddenArrows() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        LadderView view;
        view.resize(1000, 1200);
        view.setDocument(doc);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const size_t arrows = view.arrows().size();
        QCOMPARE(view.labelBoxes().size(), arrows);
        auto matched = std::make_shared<std::vector<uint8_t>>(doc->size(), 0);
        (*matched)[3] = (*matched)[5] = 1; // frames 4 and 6: the request and the reply
        view.setDisplayFilter(matched);
        QCOMPARE(view.hiddenCount(), size_t(8));
        QCOMPARE(view.arrows().size(), arrows);
        std::set<uint64_t> labelled;
        for (const LadderLabelBox& l : view.labelBoxes()) labelled.insert(l.frame);
        QCOMPARE(labelled, (std::set<uint64_t>{4, 6}));
        view.setDisplayFilter(nullptr);
        QCOMPARE(view.hiddenCount(), size_t(0));
        QCOMPARE(view.labelBoxes().size(), arrows);
    }

    void simultaneousCloseFinsCross() {
        ConnectionTracker t;
        addSimultaneousClose(t);
        // The tracker sees both ends close at once: both pass through CLOSING.
        bool clientClosing = false, serverClosing = false;
        for (const LadderEvent& e : t.ladder(0)) {
            clientClosing = clientClosing || e.client.after == TcpState::Closing;
            serverClosing = serverClosing || e.server.after == TcpState::Closing;
        }
        QVERIFY(clientClosing);
        QVERIFY(serverClosing);

        LadderView view;
        view.resize(1000, 700);
        view.setTracker(&t, 0);
        for (auto scale : {LadderView::TimeScale::Even, LadderView::TimeScale::True}) {
            view.setTimeScale(scale);
            const auto arrows = view.arrows();
            QCOMPARE(arrows.size(), size_t(11));
            const LadderArrow& fin1 = arrows[7];
            const LadderArrow& fin2 = arrows[8];
            QVERIFY(fin1.label.startsWith(QStringLiteral("[F.]")) && fin1.fromClient);
            QVERIFY(fin2.label.startsWith(QStringLiteral("[F.]")) && !fin2.fromClient);
            QVERIFY(crosses(fin1, fin2));
            QPointF at;
            QCOMPARE(QLineF(fin1.start, fin1.end).intersects(QLineF(fin2.start, fin2.end), &at),
                     QLineF::BoundedIntersection);
            // Nothing else crosses: the request and its answer, the handshake, the last ACKs.
            for (size_t i = 0; i < arrows.size(); ++i)
                for (size_t j = i + 1; j < arrows.size(); ++j)
                    if (!(i == 7 && j == 8))
                        QVERIFY2(!crosses(arrows[i], arrows[j]),
                                 qPrintable(QStringLiteral("%1 crosses %2").arg(i + 1).arg(j + 1)));
        }
    }

    void dataWaitingForADelayedAckDoesNotCross() {
        // The server sends two segments; the client first sends a window update that still
        // acknowledges only what came before them, then acknowledges both. Data may wait for a
        // delayed ACK, so nothing proves the segments were in flight: no arrow crosses.
        ConnectionTracker t;
        const uint32_t c = 1000, s = 5000;
        t.add(segment(1, 0, true, S, c, 0));
        t.add(segment(2, 1000, false, S | A, s, c + 1));
        t.add(segment(3, 2000, true, A, c + 1, s + 1));
        t.add(segment(4, 3000, false, A, s + 1, c + 1, 100));
        t.add(segment(5, 3100, false, A, s + 101, c + 1, 100));
        t.add(segment(6, 3200, true, A, c + 1, s + 1));
        t.add(segment(7, 3300, true, A, c + 1, s + 201));
        LadderView view;
        view.resize(1000, 700);
        view.setTracker(&t, 0);
        const auto arrows = view.arrows();
        QCOMPARE(arrows.size(), size_t(7));
        for (size_t i = 0; i < arrows.size(); ++i)
            for (size_t j = i + 1; j < arrows.size(); ++j)
                QVERIFY2(!crosses(arrows[i], arrows[j]),
                         qPrintable(QStringLiteral("%1 crosses %2").arg(i + 1).arg(j + 1)));
        // Both segments arrive before the client's next packet leaves.
        QVERIFY(arrows[3].end.y() <= arrows[5].start.y());
        QVERIFY(arrows[4].end.y() <= arrows[5].start.y());
    }

    void stepLimitHidesLaterArrows() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.resize(1000, 800);
        view.setDocument(doc);
        view.setStepLimit(3);
        QCOMPARE(view.arrows().size(), size_t(3));
        QCOMPARE(view.arrows()[2].frame, uint64_t(3));
        QVERIFY(view.asciiText().contains(QStringLiteral("7 more packets not shown")));
        // A click where the hidden fourth arrow would be does nothing.
        view.setStepLimit(std::nullopt);
        const LadderArrow fourth = view.arrows()[3];
        view.setStepLimit(3);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &LadderView::frameActivated);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          view.mapFromScene((fourth.start + fourth.end) / 2));
        QCOMPARE(activated.count(), 0);
        view.setStepLimit(std::nullopt);
        QCOMPARE(view.arrows().size(), size_t(10));
    }

    void zoomScalesTheTimeAxis() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.resize(1000, 800);
        view.setDocument(doc);
        // In true time the axis is the clock alone (even spacing also makes room for labels).
        view.setTimeScale(LadderView::TimeScale::True);
        const auto a = view.arrows();
        const double span = a[9].start.y() - a[0].start.y();
        view.setZoom(2.0);
        QCOMPARE(view.zoom(), 2.0);
        const auto b = view.arrows();
        QVERIFY(std::abs((b[9].start.y() - b[0].start.y()) - 2 * span) < 0.5);
        view.zoomOut();
        QVERIFY(view.zoom() < 2.0);
        // Ctrl+wheel zooms in.
        const double z = view.zoom();
        QWheelEvent wheel(QPointF(200, 200), view.viewport()->mapToGlobal(QPointF(200, 200)),
                          QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(view.viewport(), &wheel);
        QVERIFY(view.zoom() > z);
    }

    void trueTimeFollowsTheClockAndBreaksIdleGaps() {
        // Six packets 1 ms apart, then 30 s of silence, then five more 1 ms apart: true time keeps
        // the 1 ms spacing even and cuts the 30 s to a break.
        ConnectionTracker t;
        t.add(segment(1, 0, true, S, 100, 0));
        t.add(segment(2, 1000, false, S | A, 900, 101));
        t.add(segment(3, 2000, true, A, 101, 901));
        t.add(segment(4, 3000, true, P | A, 101, 901, 5));
        t.add(segment(5, 5000, false, A, 901, 106)); // 2 ms after the previous one
        t.add(segment(6, 6000, false, P | A, 901, 106, 5));
        const int64_t later = 30006000;
        t.add(segment(7, later, true, P | A, 106, 906, 5));
        t.add(segment(8, later + 1000, false, A, 906, 111));
        t.add(segment(9, later + 2000, false, P | A, 906, 111, 5));
        t.add(segment(10, later + 3000, true, A, 111, 911));
        t.add(segment(11, later + 4000, true, A, 111, 911));
        LadderView view;
        view.resize(1000, 700);
        view.setTracker(&t, 0);
        view.setTimeScale(LadderView::TimeScale::True);
        const auto a = view.arrows();
        QCOMPARE(a.size(), size_t(11));
        const double ms = a[1].start.y() - a[0].start.y();
        QVERIFY(ms > 0);
        QVERIFY(std::abs((a[4].start.y() - a[3].start.y()) - 2 * ms) < 0.01 * ms);
        QVERIFY(std::abs((a[8].start.y() - a[7].start.y()) - ms) < 0.01 * ms);
        const double gap = a[6].start.y() - a[5].start.y();
        QVERIFY(gap > ms);
        QVERIFY(gap < 10 * ms); // 30 s would be 30000 ms: cut short
        // Arrows do not run through the break.
        QVERIFY(a[5].end.y() <= a[6].start.y());
        // Even spacing: one row per packet whatever the clock says.
        view.setTimeScale(LadderView::TimeScale::Even);
        const auto e = view.arrows();
        // (plus room where a label has none, at most one and a half rows more).
        double least = 1e9, most = 0;
        for (size_t i = 1; i < e.size(); ++i) {
            least = std::min(least, e[i].start.y() - e[i - 1].start.y());
            most = std::max(most, e[i].start.y() - e[i - 1].start.y());
        }
        QVERIFY(least > 0);
        QVERIFY(most <= 2.5 * least + 0.01);
    }

    void renderAndImage() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        LadderView view;
        view.setDocument(doc);
        for (bool dark : {false, true}) {
            view.setDarkColors(dark);
            const QImage img = view.toImage(QSize(1000, 800));
            QCOMPARE(img.size(), QSize(1000, 800));
            const QColor corner = img.pixelColor(999, 799);
            QCOMPARE(corner.lightness() < 128, dark);
            // Something is drawn: many pixels differ from the background.
            int drawn = 0;
            for (int y = 0; y < img.height(); y += 3)
                for (int x = 0; x < img.width(); x += 3)
                    if (img.pixel(x, y) != img.pixel(999, 799)) ++drawn;
            QVERIFY(drawn > 2000);
        }
        // No stream: nothing to draw, and no crash.
        view.setStream(5);
        QVERIFY(!view.hasStream());
        QVERIFY(view.arrows().empty());
        QVERIFY(view.asciiText().isEmpty());
        QVERIFY(!view.toImage(QSize(200, 100)).isNull());
    }
};

QTEST_MAIN(LadderViewTests)
#include "ladder_view_tests.moc"
