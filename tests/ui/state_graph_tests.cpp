// SPDX-License-Identifier: GPL-2.0-or-later
// Qt Test for the RFC 9293 state-transition graph: the highlighted paths equal the
// tracker's steps on real captures, the selection marker follows selectFrame, badges activate
// frames, every transition of the table has an arrow, labels do not collide, and the SVG keeps
// its text. Runs with QT_QPA_PLATFORM=offscreen. With TCPSCOPE_STATE_GRAPH_SHOTS=<dir> set it
// also writes PNG screenshots there for a human to look at.
#include "document/document.h"
#include "views/state_graph_layout.h"
#include "views/state_graph_view.h"

#include <tcpscope/field.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const char* name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + QLatin1String(name);
}

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The steps of one endpoint, straight from the tracker's per-packet results (not the ladder
// the view reads): every packet of the stream whose step moves the endpoint or names an event.
std::vector<GraphEdgeUse> expectedSteps(const ConnectionTracker& tracker, uint32_t stream,
                                        bool client, size_t limit = SIZE_MAX) {
    std::vector<GraphEdgeUse> out;
    size_t seen = 0;
    for (const TcpPacketAnalysis& p : tracker.packets()) {
        if (p.stream != stream) continue;
        if (seen++ >= limit) break;
        const EndpointStep& s = client ? p.client : p.server;
        if (s.before == s.after && s.event == TcpEvent::None) continue;
        out.push_back({s.before, s.after, s.event, client, int(out.size()) + 1, p.frameNumber});
    }
    return out;
}

std::vector<GraphEdgeUse> side(const std::vector<GraphEdgeUse>& all, bool client) {
    std::vector<GraphEdgeUse> out;
    for (const GraphEdgeUse& u : all)
        if (u.client == client) out.push_back(u);
    return out;
}

QString describe(const std::vector<GraphEdgeUse>& steps) {
    QStringList parts;
    for (const GraphEdgeUse& u : steps)
        parts << QStringLiteral("%1:#%2 %3->%4")
                     .arg(u.order)
                     .arg(u.frame)
                     .arg(qs(stateName(u.from)), qs(stateName(u.to)));
    return parts.join(QStringLiteral(", "));
}

bool sameSteps(const std::vector<GraphEdgeUse>& a, const std::vector<GraphEdgeUse>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].from != b[i].from || a[i].to != b[i].to || a[i].event != b[i].event ||
            a[i].client != b[i].client || a[i].order != b[i].order || a[i].frame != b[i].frame)
            return false;
    return true;
}

// The states an endpoint passes through: its first "from", then every "to".
QStringList stateSequence(const std::vector<GraphEdgeUse>& steps) {
    QStringList out;
    if (steps.empty()) return out;
    out << qs(stateName(steps.front().from));
    for (const GraphEdgeUse& u : steps) out << qs(stateName(u.to));
    return out;
}

qreal distanceToRect(QPointF p, const QRectF& r) {
    const qreal dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const qreal dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

} // namespace

class StateGraphTests : public QObject {
    Q_OBJECT
  private:
    // Opens a sample, shows its first connection and checks both paths against the tracker.
    void checkPathsMatchTracker(const char* file, const QStringList& clientStates,
                                const QStringList& serverStates) {
        DocumentPtr doc = openDocument(sample(file), {});
        QVERIFY(doc);
        QVERIFY(!doc->tracker().connections().empty());
        StateGraphView view;
        view.resize(1000, 750);
        view.setDocument(doc);
        QCOMPARE(view.stream(), std::optional<uint32_t>(0));
        const std::vector<GraphEdgeUse> path = view.path();
        for (bool client : {true, false}) {
            const auto want = expectedSteps(doc->tracker(), 0, client);
            const auto got = side(path, client);
            QVERIFY2(
                sameSteps(got, want),
                qPrintable(
                    QStringLiteral("view: %1\ntracker: %2").arg(describe(got), describe(want))));
            // Every step has an arrow and a badge on it.
            for (const GraphEdgeUse& u : got) {
                QVERIFY2(edgeBetween(u.from, u.to) >= 0, qPrintable(describe({u})));
                QVERIFY(!view.badgeRect(client, u.order).isEmpty());
            }
        }
        QCOMPARE(stateSequence(side(path, true)), clientStates);
        QCOMPARE(stateSequence(side(path, false)), serverStates);
        // Badges sit inside the widget and do not cover each other or a state box.
        std::vector<QRectF> badges;
        for (const GraphEdgeUse& u : path) badges.push_back(view.badgeRect(u.client, u.order));
        for (size_t i = 0; i < badges.size(); ++i) {
            QVERIFY(QRectF(view.rect()).contains(badges[i]));
            for (size_t j = i + 1; j < badges.size(); ++j)
                QVERIFY2(!badges[i].intersects(badges[j]),
                         qPrintable(QStringLiteral("badges %1 and %2 overlap").arg(i).arg(j)));
        }
    }

  private slots:
    void initTestCase() { registerAllProtocols(); }

    void everyTransitionHasAnArrow() {
        StateGraphView view;
        view.resize(900, 700);
        const StateGraphLayout& layout = stateGraphLayout();
        const auto table = tcpTransitions();
        for (size_t t = 0; t < table.size(); ++t) {
            const TcpTransition& tr = table[t];
            const QString what =
                QStringLiteral("%1 -> %2 (%3)")
                    .arg(qs(stateName(tr.from)), qs(stateName(tr.to)), qs(tr.label()));
            // Both ends are boxes of the figure.
            QVERIFY2(!view.stateRect(tr.from).isEmpty(), qPrintable(what));
            QVERIFY2(!view.stateRect(tr.to).isEmpty(), qPrintable(what));
            const int e = edgeOfTransition(t);
            QVERIFY2(e >= 0, qPrintable(what));
            const GraphEdgeSpec& spec = layout.edges[size_t(e)];
            QCOMPARE(layout.nodes[size_t(spec.from)].state, tr.from);
            QCOMPARE(layout.nodes[size_t(spec.to)].state, tr.to);
            // The arrow is drawn, starts on its source box and ends on its target box.
            const QPainterPath path = view.edgePath(t);
            QVERIFY2(!path.isEmpty() && path.length() > 20, qPrintable(what));
            QVERIFY2(distanceToRect(spec.points.front(), layout.nodes[size_t(spec.from)].rect) <= 2,
                     qPrintable(what));
            QVERIFY2(distanceToRect(spec.points.back(), layout.nodes[size_t(spec.to)].rect) <= 2,
                     qPrintable(what));
            QVERIFY2(!view.edgeLabelRect(t).isEmpty(), qPrintable(what));
        }
        // One arrow per pair of states, so a step always finds exactly one edge.
        for (size_t i = 0; i < layout.edges.size(); ++i)
            for (size_t j = i + 1; j < layout.edges.size(); ++j)
                QVERIFY(!(layout.nodes[size_t(layout.edges[i].from)].state ==
                              layout.nodes[size_t(layout.edges[j].from)].state &&
                          layout.nodes[size_t(layout.edges[i].to)].state ==
                              layout.nodes[size_t(layout.edges[j].to)].state));
        // Every state, UNKNOWN included, has its box.
        for (size_t s = 0; s < kTcpStateCount; ++s) QVERIFY(!view.stateRect(TcpState(s)).isEmpty());
    }

    void labelsDoNotCollide() {
        for (bool presentation : {false, true}) {
            StateGraphView view;
            view.resize(1180, 800); // one design unit a pixel
            view.setPresentation(presentation);
            const StateGraphLayout& layout = stateGraphLayout();
            const auto table = tcpTransitions();
            std::vector<QRectF> labels;
            for (size_t e = 0; e < layout.edges.size(); ++e)
                for (size_t t = 0; t < table.size(); ++t)
                    if (edgeOfTransition(t) == int(e)) {
                        labels.push_back(view.edgeLabelRect(t));
                        break;
                    }
            QCOMPARE(labels.size(), layout.edges.size());
            const QRectF canvas(view.rect());
            for (size_t i = 0; i < labels.size(); ++i) {
                QVERIFY2(canvas.contains(labels[i]), qPrintable(QString::number(i)));
                for (size_t j = i + 1; j < labels.size(); ++j)
                    QVERIFY2(!labels[i].intersects(labels[j]),
                             qPrintable(QStringLiteral("labels of edges %1 and %2 overlap "
                                                       "(presentation %3)")
                                            .arg(i)
                                            .arg(j)
                                            .arg(presentation)));
                for (const GraphNodeSpec& n : layout.nodes)
                    QVERIFY2(!labels[i].intersects(n.rect),
                             qPrintable(QStringLiteral("label of edge %1 covers %2 "
                                                       "(presentation %3)")
                                            .arg(i)
                                            .arg(qs(stateName(n.state)))
                                            .arg(presentation)));
            }
            // Boxes do not overlap each other either.
            for (size_t i = 0; i < layout.nodes.size(); ++i)
                for (size_t j = i + 1; j < layout.nodes.size(); ++j)
                    QVERIFY(!layout.nodes[i].rect.intersects(layout.nodes[j].rect));
        }
    }

    // Step badges sit beside edge labels, never on them, and on no state box, in every
    // sample's connections, normal and projected (they covered 'snd SYN' and 'rcv ACK of FIN').
    void badgesKeepOffLabels() {
        const StateGraphLayout& layout = stateGraphLayout();
        const auto table = tcpTransitions();
        const QDir dir(QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples"));
        for (const QString& file : dir.entryList({QStringLiteral("*.pcap")})) {
            DocumentPtr doc = openDocument(dir.filePath(file), {});
            QVERIFY(doc);
            for (bool presentation : {false, true}) {
                StateGraphView view;
                view.resize(1180, 800); // one design unit a pixel
                view.setPresentation(presentation);
                view.setDocument(doc);
                for (uint32_t k = 0; k < doc->tracker().connections().size() && k < 4; ++k) {
                    view.setStream(k);
                    for (const GraphEdgeUse& u : view.path()) {
                        const QRectF badge = view.badgeRect(u.client, u.order);
                        if (badge.isEmpty()) continue;
                        const QString what =
                            QStringLiteral("%1 stream %2 %3 step %4 (presentation %5)")
                                .arg(file)
                                .arg(k)
                                .arg(u.client ? QStringLiteral("client") : QStringLiteral("server"))
                                .arg(u.order)
                                .arg(presentation);
                        for (size_t t = 0; t < table.size(); ++t)
                            QVERIFY2(!badge.intersects(view.edgeLabelRect(t)),
                                     qPrintable(what + QStringLiteral(" covers the label of ") +
                                                qs(table[t].label())));
                        QVERIFY2(QRectF(view.rect()).contains(badge), qPrintable(what));
                        for (const GraphNodeSpec& n : layout.nodes)
                            QVERIFY2(!badge.intersects(n.rect),
                                     qPrintable(what + QStringLiteral(" covers ") +
                                                qs(stateName(n.state))));
                    }
                }
            }
        }
    }

    void seedSessionPaths() {
        checkPathsMatchTracker(
            "tcpdump-connection-lifecycle.txt",
            {"CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT"},
            {"LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
    }

    void redisPaths() {
        checkPathsMatchTracker(
            "redis-ping-pong.pcap",
            // The server's FIN,ACK also acks the client's FIN (ack 16):
            // FIN-WAIT-2 is skipped.
            {"CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT"},
            {"LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"});
    }

    void midStreamStartsAtUnknown() {
        // The seed session's last three packets alone (FIN, FIN, ACK): the capture starts after
        // the handshake, so the tracker cannot place either endpoint at first.
        QFile seed(sample("tcpdump-connection-lifecycle.txt"));
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QStringList packets;
        for (const QByteArray& line : seed.readAll().split('\n'))
            if (line.contains(" IP ") && line.contains("Flags ["))
                packets << QString::fromUtf8(line);
        QVERIFY(packets.size() >= 3);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("midstream.txt"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(packets.mid(packets.size() - 3).join(QLatin1Char('\n')).toUtf8() + '\n');
        out.close();
        DocumentPtr doc = openDocument(file, {});
        QVERIFY(doc);
        QCOMPARE(doc->tracker().connections().size(), size_t(1));
        StateGraphView view;
        view.resize(1000, 750);
        view.setDocument(doc);
        const auto path = view.path();
        for (bool client : {true, false}) {
            QVERIFY(sameSteps(side(path, client), expectedSteps(doc->tracker(), 0, client)));
            QVERIFY(!side(path, client).empty());
            QCOMPARE(side(path, client).front().from, TcpState::Unknown);
        }
        // Before the first packet both endpoints sit on the UNKNOWN box.
        view.selectFrame(0);
        QCOMPARE(view.currentState(true), TcpState::Unknown);
        QCOMPARE(view.markerRect(true), view.stateRect(TcpState::Unknown));
        QCOMPARE(view.markerRect(false), view.stateRect(TcpState::Unknown));
    }

    void selectFrameMovesMarker() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        StateGraphView view;
        view.resize(1000, 750);
        view.setDocument(doc);
        const std::vector<LadderEvent> ladder = doc->tracker().ladder(0);
        QVERIFY(ladder.size() >= 4);
        QRectF previous;
        for (const LadderEvent& ev : ladder) {
            view.selectFrame(ev.frameNumber);
            QCOMPARE(view.currentState(true), ev.client.after);
            QCOMPARE(view.currentState(false), ev.server.after);
            // The outline sits on a box of that state; on the main box unless a chip or the
            // second CLOSED is where the step arrived.
            const QRectF client = view.markerRect(true);
            QVERIFY(!client.isEmpty());
            if (ev.client.after != TcpState::Closed)
                QCOMPARE(client, view.stateRect(ev.client.after));
            if (ev.server.after != TcpState::Closed)
                QCOMPARE(view.markerRect(false), view.stateRect(ev.server.after));
            // The steps emphasised are exactly this packet's.
            size_t moves = 0;
            for (const EndpointStep* s : {&ev.client, &ev.server})
                moves += s->before != s->after || s->event != TcpEvent::None;
            QCOMPARE(view.currentSteps().size(), moves);
            for (const GraphEdgeUse& u : view.currentSteps()) QCOMPARE(u.frame, ev.frameNumber);
            previous = client;
        }
        // After SYN (frame 1) the client sits in SYN-SENT, after the handshake in ESTABLISHED.
        view.selectFrame(ladder[0].frameNumber);
        QCOMPARE(view.markerRect(true), view.stateRect(TcpState::SynSent));
        view.selectFrame(ladder[2].frameNumber);
        QCOMPARE(view.markerRect(true), view.stateRect(TcpState::Established));
        QVERIFY(view.markerRect(true) != previous || previous.isEmpty());
    }

    void badgeClickActivatesFrame() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        StateGraphView view;
        view.resize(1000, 750);
        view.setDocument(doc);
        QSignalSpy spy(&view, &StateGraphView::frameActivated);
        const std::vector<GraphEdgeUse> path = view.path();
        QVERIFY(path.size() >= 4);
        for (const GraphEdgeUse& u : {side(path, true).at(1), side(path, false).back()}) {
            const QRectF badge = view.badgeRect(u.client, u.order);
            QVERIFY(!badge.isEmpty());
            QTest::mouseClick(&view, Qt::LeftButton, {}, badge.center().toPoint());
            QCOMPARE(spy.count(), 1);
            QCOMPARE(spy.takeFirst().at(0).value<uint64_t>(), u.frame);
        }
        // A click beside the badges does nothing.
        QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(3, view.height() - 3));
        QCOMPARE(spy.count(), 0);
    }

    void stepLimitCountsFirstPackets() {
        DocumentPtr doc = openDocument(sample("tcpdump-connection-lifecycle.txt"), {});
        QVERIFY(doc);
        StateGraphView view;
        view.resize(900, 700);
        view.setDocument(doc);
        for (size_t n : {size_t(0), size_t(1), size_t(3), size_t(9)}) {
            view.setStepLimit(n);
            for (bool client : {true, false})
                QVERIFY(sameSteps(side(view.path(), client),
                                  expectedSteps(doc->tracker(), 0, client, n)));
        }
        view.setStepLimit(1);
        QCOMPARE(view.currentState(true), TcpState::SynSent);
        view.setStepLimit(std::nullopt);
        QCOMPARE(view.path().size(), expectedSteps(doc->tracker(), 0, true).size() +
                                         expectedSteps(doc->tracker(), 0, false).size());
    }

    void svgKeepsText() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        StateGraphView view;
        view.setDocument(doc);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("states.svg"));
        if (!view.saveSvg(file)) QSKIP("tcpscope_ui was built without Qt SVG");
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(f.readAll());
        QVERIFY(svg.contains(QStringLiteral("<text")));
        for (size_t s = 0; s < kTcpStateCount; ++s)
            QVERIFY2(svg.contains(qs(stateName(TcpState(s)))), stateName(TcpState(s)).data());
        // Labels are drawn RFC 793 style: event over a rule over the action, a parenthesised
        // remark on its own line; each piece is text in the SVG.
        for (const TcpTransition& t : tcpTransitions()) {
            QString label = qs(t.label());
            for (const QString& part : label.split(QStringLiteral(" / "))) {
                const int paren = part.indexOf(QStringLiteral(" ("));
                const QStringList pieces = paren < 0
                                               ? QStringList{part}
                                               : QStringList{part.left(paren), part.mid(paren + 1)};
                for (const QString& piece : pieces)
                    QVERIFY2(svg.contains(piece.toHtmlEscaped()), qPrintable(piece));
            }
        }
        QVERIFY(svg.contains(QStringLiteral("127.0.0.1:6379")));
    }

    void imagesRender() {
        DocumentPtr doc = openDocument(sample("redis-ping-pong.pcap"), {});
        QVERIFY(doc);
        StateGraphView view;
        view.setDocument(doc);
        view.selectFrame(3);
        const QImage light = view.toImage(QSize(1000, 750));
        QCOMPARE(light.size(), QSize(1000, 750));
        view.setDarkColors(true);
        const QImage dark = view.toImage(QSize(1000, 750));
        QVERIFY(light.pixelColor(2, 2).lightness() > 200);
        QVERIFY(dark.pixelColor(2, 2).lightness() < 60);
        QCOMPARE(view.heightForWidth(1180), 800);

        const QString shots = qEnvironmentVariable("TCPSCOPE_STATE_GRAPH_SHOTS");
        if (shots.isEmpty()) return;
        QDir().mkpath(shots);
        struct Shot {
            const char* file;
            const char* name;
            std::optional<uint64_t> frame;
        };
        for (const Shot& s : {Shot{"tcpdump-connection-lifecycle.txt", "seed", 8},
                              Shot{"redis-ping-pong.pcap", "redis", 3}}) {
            DocumentPtr d = openDocument(sample(s.file), {});
            StateGraphView v;
            v.setDocument(d);
            if (s.frame) v.selectFrame(*s.frame);
            for (bool dk : {false, true})
                for (QSize size : {QSize(1000, 750), QSize(1600, 1000)}) {
                    v.setDarkColors(dk);
                    v.toImage(size).save(
                        QStringLiteral("%1/%2-%3-%4x%5.png")
                            .arg(shots, QLatin1String(s.name),
                                 dk ? QStringLiteral("dark") : QStringLiteral("light"))
                            .arg(size.width())
                            .arg(size.height()));
                }
            v.setDarkColors(false);
            v.setPresentation(true);
            v.toImage(QSize(1600, 1000))
                .save(QStringLiteral("%1/%2-presentation.png").arg(shots, QLatin1String(s.name)));
            v.setPresentation(false);
            v.setStepLimit(3);
            v.toImage(QSize(1000, 750))
                .save(QStringLiteral("%1/%2-limit3.png").arg(shots, QLatin1String(s.name)));
        }
        StateGraphView bare;
        bare.toImage(QSize(1000, 750)).save(shots + QStringLiteral("/bare-light-1000x750.png"));
        // TCPSCOPE_STATE_GRAPH_EXTRA=a.pcap:b.pcap adds, per file, the first connection that
        // starts mid-stream and the first one closed by a reset.
        for (const QString& path : qEnvironmentVariable("TCPSCOPE_STATE_GRAPH_EXTRA")
                                       .split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
            DocumentPtr d = openDocument(path, {});
            if (!d) continue;
            const auto& conns = d->tracker().connections();
            std::optional<uint32_t> mid, reset;
            for (const TcpConnection& c : conns) {
                if (!mid && c.client.initialState == TcpState::Unknown) mid = c.stream;
                if (!reset && (c.close == CloseKind::RstClient || c.close == CloseKind::RstServer))
                    reset = c.stream;
            }
            const QString base = QFileInfo(path).completeBaseName();
            for (auto [stream, tag] : {std::pair{mid, "mid"}, std::pair{reset, "rst"}}) {
                if (!stream) continue;
                StateGraphView v;
                v.setDocument(d);
                v.setStream(*stream);
                v.toImage(QSize(1000, 750))
                    .save(QStringLiteral("%1/extra-%2-%3-%4.png")
                              .arg(shots, base, QLatin1String(tag))
                              .arg(*stream));
            }
        }
    }
};

QTEST_MAIN(StateGraphTests)
#include "state_graph_tests.moc"
