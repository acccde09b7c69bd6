// SPDX-License-Identifier: GPL-2.0-or-later
// Half-open connections (a SYN flood's lesson): a SYN,ACK that the client never answers did not
// reach it, so the client stays SYN-SENT and the server SYN-RECEIVED. Later packets prove it (the
// server sends the SYN,ACK again, the client repeats its SYN) or the end of the capture does;
// a SYN,ACK that is answered, even after a retransmission, completes the handshake as usual.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/packet_summary.h"
#include "tcpscope/tcp_segment.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// Segments between 10.0.0.1:40000 (client) and 10.0.0.2:80 (server), client ISN 1000, server
// ISN 5000; `fromClient` says who sends.
TcpSegment segment(uint64_t frame, bool fromClient, uint16_t flags, uint32_t seq, uint32_t ack) {
    TcpSegment s;
    s.frameNumber = frame;
    s.ts = Timestamp{1700000000 + int64_t(frame), 0};
    const Address c = Address::v4(0x0a000001), srv = Address::v4(0x0a000002);
    s.src = fromClient ? c : srv;
    s.dst = fromClient ? srv : c;
    s.srcPort = fromClient ? 40000 : 80;
    s.dstPort = fromClient ? 80 : 40000;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.window = 65535;
    return s;
}

constexpr uint16_t kSyn = TcpFlag::Syn, kSynAck = TcpFlag::Syn | TcpFlag::Ack, kAck = TcpFlag::Ack;

ConnectionTracker run(const std::vector<TcpSegment>& segs) {
    ConnectionTracker t;
    for (const TcpSegment& s : segs) t.add(s);
    t.finish();
    return t;
}

bool halfOpenNote(const TcpPacketAnalysis& p) {
    return p.notes & noteBit(TrackerNote::SynAckNotReceived);
}

} // namespace

TEST_CASE("the SYN flood scenario leaves 24 half-open connections", "[half-open]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "syn-flood.pcap");
    REQUIRE(t.connections().size() == 25);
    int halfOpen = 0;
    for (const TcpConnection& c : t.connections())
        if (c.client.finalState == TcpState::SynSent &&
            c.server.finalState == TcpState::SynReceived) {
            ++halfOpen;
            CHECK(c.open == OpenKind::SynAckNoAck);
            CHECK(c.notesSeen & noteBit(TrackerNote::SynAckNotReceived));
        }
    CHECK(halfOpen == 24);
    // Every SYN,ACK of a half-open connection: the client takes no step and stays SYN-SENT.
    for (const TcpPacketAnalysis& p : t.packets()) {
        const TcpConnection& c = t.connections()[p.stream];
        if (c.client.finalState != TcpState::SynSent) continue;
        if ((p.flags & (TcpFlag::Syn | TcpFlag::Ack)) != kSynAck) continue;
        INFO("frame " << p.frameNumber);
        CHECK(p.client.event == TcpEvent::None);
        CHECK(p.client.after == TcpState::SynSent);
        CHECK(p.server.after == TcpState::SynReceived);
        CHECK(halfOpenNote(p));
    }
}

TEST_CASE("a SYN,ACK sent again and then answered completes the handshake", "[half-open]") {
    const ConnectionTracker t =
        run({segment(1, true, kSyn, 1000, 0), segment(2, false, kSynAck, 5000, 1001),
             segment(3, false, kSynAck, 5000, 1001), // lost, sent again
             segment(4, true, kAck, 1001, 5001)});
    REQUIRE(t.packets().size() == 4);
    const auto& first = t.packets()[1];
    const auto& again = t.packets()[2];
    CHECK(first.client.event == TcpEvent::None); // it never reached the client
    CHECK(first.client.after == TcpState::SynSent);
    CHECK(halfOpenNote(first));
    CHECK(again.client.event == TcpEvent::RcvSynAck); // this one did
    CHECK(again.client.after == TcpState::Established);
    CHECK_FALSE(halfOpenNote(again));
    CHECK(t.packets()[3].server.event == TcpEvent::RcvAckOfSyn);
    CHECK(t.connections()[0].open == OpenKind::Handshake);
    CHECK(t.connections()[0].client.finalState == TcpState::Established);
    CHECK(t.connections()[0].server.finalState == TcpState::Established);
}

TEST_CASE("a client that repeats its SYN did not receive the SYN,ACK", "[half-open]") {
    const ConnectionTracker t =
        run({segment(1, true, kSyn, 1000, 0), segment(2, false, kSynAck, 5000, 1001),
             segment(3, true, kSyn, 1000, 0)});
    CHECK(t.packets()[1].client.event == TcpEvent::None);
    CHECK(halfOpenNote(t.packets()[1]));
    CHECK(t.packets()[2].notes & noteBit(TrackerNote::RetransmittedSyn));
    CHECK(t.connections()[0].client.finalState == TcpState::SynSent);
}

TEST_CASE("an answered SYN,ACK is received where it was captured", "[half-open]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "lifecycle-seed-session.pcap");
    REQUIRE(t.packets().size() > 3);
    CHECK(t.packets()[1].client.event == TcpEvent::RcvSynAck);
    CHECK(t.packets()[1].client.after == TcpState::Established);
    CHECK_FALSE(halfOpenNote(t.packets()[1]));
}

TEST_CASE("without per-packet results the half-open states come out the same", "[half-open]") {
    // `conversations` keeps no per-packet results; the states must not depend on that.
    const LoadedInput in = loadPath((samplesDir() / "syn-flood.pcap").string());
    ConnectionTracker lean;
    lean.setKeepPackets(false);
    for (const OwnedFrame& f : in.frames) {
        PacketSummary s;
        dissectFrame(f.view(), s, nullptr);
        if (auto seg = segmentFromSummary(f.view(), s)) lean.add(*seg);
    }
    lean.finish();
    const ConnectionTracker full = trackCapture(samplesDir() / "syn-flood.pcap");
    REQUIRE(lean.connections().size() == full.connections().size());
    for (size_t i = 0; i < full.connections().size(); ++i) {
        CHECK(lean.connections()[i].client.finalState == full.connections()[i].client.finalState);
        CHECK(lean.connections()[i].server.finalState == full.connections()[i].server.finalState);
    }
}
