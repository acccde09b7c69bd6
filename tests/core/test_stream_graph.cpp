// SPDX-License-Identifier: GPL-2.0-or-later
// The stream graphs' model (stream_graph.h) against values read by hand from two samples:
// zero-window.pcap (a receiver that closes its window, zero window probes, a window update)
// and retransmission-dupack.pcap (a lost segment, six duplicate ACKs with SACK blocks, a fast
// retransmission). The numbers come from each sample's `tcpscope-cli fields` and tshark lines,
// quoted beside the checks.
#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"
#include "tcpscope/stream_graph.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

SessionPtr openSample(const char* name) {
    registerAllProtocols();
    auto s = CaptureSession::open((samplesDir() / name).string(), DissectOptions{});
    REQUIRE(s);
    REQUIRE(s->size() > 0);
    return s;
}

size_t countMarks(const std::vector<GraphMarkPoint>& marks, GraphMark m) {
    return size_t(std::count_if(marks.begin(), marks.end(),
                                [&](const GraphMarkPoint& p) { return p.mark == m; }));
}

} // namespace

TEST_CASE("stream graph of a receiver that closes its window", "[graph]") {
    auto session = openSample("zero-window.pcap");
    const StreamGraph g = buildStreamGraph(*session, 0, true); // the server sends the file
    REQUIRE(g.found);
    CHECK(g.srcPort == 5001);
    // The server's segments: its SYN,ACK (2), 6 with data (6-13), 2 one-byte zero window
    // probes (15, 17), 6 more with data (20-25), its FIN (28).
    REQUIRE(g.segments.size() == 16);
    CHECK(g.segments[0].frame == 2);
    CHECK(g.segments[0].flags & TcpFlag::Syn);
    CHECK(g.segments[1].frame == 6);
    CHECK(g.segments[1].seq == 1);
    CHECK(g.segments[1].len == 1448);
    CHECK(g.segments[1].t == Approx(0.00127));
    CHECK(g.segments[7].frame == 15);
    CHECK(g.segments[7].seq == 8193);
    CHECK(g.segments[7].len == 1);
    CHECK(g.segments.back().frame == 28);
    CHECK(g.segments.back().seq == 16385);
    // 2 x (5 x 1448 + 952) + the two probe bytes.
    CHECK(g.bytes == 16386);
    // The client's 12 packets: what it acknowledged and the window it offered.
    REQUIRE(g.acks.size() == 12);
    const GraphAck& closed = g.acks[5]; // frame 14: "ack 8193, win 0"
    CHECK(closed.frame == 14);
    CHECK(closed.ack == 8193);
    CHECK(closed.window == 0);
    const GraphAck& reopened = g.acks[8]; // frame 19: the window update, 8192
    CHECK(reopened.frame == 19);
    CHECK(reopened.window == 8192);
    // RTTs of the ACKs that acknowledged a server segment exactly: frames 3, 8, 11, 14, 26, 29.
    REQUIRE(g.rtts.size() == 6);
    CHECK(g.rtts[1].frame == 8);
    CHECK(g.rtts[1].acked == 7);
    CHECK(g.rtts[1].seq == 1449);
    CHECK(g.rtts[1].rtt == Approx(0.00002));
    CHECK(g.rtts[5].frame == 29);
    CHECK(g.rtts[5].rtt == Approx(0.00025));
    // Marks: zero window on 14, 16, 18; window full on 25; the SYN and the FIN.
    const auto marks = graphMarks(g);
    CHECK(countMarks(marks, GraphMark::ZeroWindow) == 3);
    CHECK(countMarks(marks, GraphMark::WindowFull) == 1);
    CHECK(countMarks(marks, GraphMark::Syn) == 1);
    CHECK(countMarks(marks, GraphMark::Fin) == 1);
    CHECK(countMarks(marks, GraphMark::Retransmission) == 0);
    // Throughput over a 1 s window at the last data segment (frame 25, 0.65315 s): every byte
    // since the first segment (0.00025 s), nothing retransmitted.
    const auto rate = throughputSeries(g, 1.0);
    REQUIRE(!rate.empty());
    const RatePoint& last = rate.back();
    CHECK(g.segments[last.segment].frame == 25);
    CHECK(last.throughput == Approx(16386 * 8 / (0.65315 - 0.00025)));
    CHECK(last.goodput == Approx(last.throughput));
    // The client's direction: its request (4) and FIN (27), acknowledged by the server.
    const StreamGraph c = buildStreamGraph(*session, 0, false);
    CHECK(c.bytes == 11);
    CHECK(c.acks.size() == 17); // every server packet: 2, 5-7, 9-10, 12-13, 15, 17, 20-25, 28
    CHECK(graphDirectionFor(*session, 13) == true); // frame 14, the client's pure ACK
    CHECK(graphDirectionFor(*session, 3) == false); // frame 4, the client's request
}

TEST_CASE("stream graph of a lost segment and its fast retransmission", "[graph]") {
    auto session = openSample("retransmission-dupack.pcap");
    const StreamGraph g = buildStreamGraph(*session, 0, true);
    REQUIRE(g.found);
    const auto marks = graphMarks(g);
    // tshark: duplicate ACKs on 12, 14, 16, 18, 20, 22 and 29; retransmissions 23 (fast) and
    // 28 (the FIN again).
    CHECK(countMarks(marks, GraphMark::DuplicateAck) == 7);
    CHECK(countMarks(marks, GraphMark::Retransmission) == 2);
    // Frame 12's SACK block, relative as tshark shows it: 5793-7241.
    auto it =
        std::find_if(g.acks.begin(), g.acks.end(), [](const GraphAck& k) { return k.frame == 12; });
    REQUIRE(it != g.acks.end());
    REQUIRE(it->sackCount == 1);
    CHECK(it->sack[0][0] == 5793);
    CHECK(it->sack[0][1] == 7241);
    auto last =
        std::find_if(g.acks.begin(), g.acks.end(), [](const GraphAck& k) { return k.frame == 22; });
    REQUIRE(last != g.acks.end());
    CHECK(last->sack[0][1] == 14452);
    // Goodput leaves the fast retransmission's 1448 bytes out.
    const auto rate = throughputSeries(g, 10.0);
    REQUIRE(!rate.empty());
    CHECK(rate.back().throughput - rate.back().goodput ==
          Approx(1448 * 8 / (g.segments[rate.back().segment].t - g.segments.front().t)));
}

TEST_CASE("level of detail keeps a few points per pixel column", "[graph]") {
    std::vector<double> x, y;
    for (int64_t i = 0; i < 1000000; ++i) {
        x.push_back(i * 1e-6);
        y.push_back(double((i * 7919) % 1000));
    }
    const auto kept = decimate(x, y, 0.0, 1.0, 1000);
    CHECK(kept.size() <= 4000);
    CHECK(kept.size() >= 1000);
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    // Each column keeps its extremes: the highest y of the first column (x < 0.001) is kept.
    size_t best = 0;
    for (size_t i = 0; i < 1000; ++i)
        if (y[i] > y[best]) best = i;
    CHECK(std::find(kept.begin(), kept.end(), best) != kept.end());
    // Zoomed in: every point, and one beyond each edge.
    const auto zoomed = decimate(x, y, 0.5, 0.5001, 1000);
    CHECK(zoomed.size() == 103);
    CHECK(decimate(x, y, 1.0, 0.5, 100).empty());
    GraphKind k;
    CHECK(parseGraphKind("tcptrace", k));
    CHECK(k == GraphKind::Tcptrace);
    CHECK_FALSE(parseGraphKind("pie", k));
}
