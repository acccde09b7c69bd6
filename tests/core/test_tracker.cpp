// SPDX-License-Identifier: GPL-2.0-or-later
// The connection tracker: per-endpoint RFC 9293 states on every scenario the state machine must
// get right, Wireshark's relative numbers and tcp.analysis.* flags on small crafted sequences,
// the seed session, and the conversation summary.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/dissect.h"
#include "tcpscope/packet_summary.h"
#include "tcpscope/tcpdump_text.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <tuple>
#include <vector>

using namespace tcpscope;
using Lines = std::vector<std::string>;

namespace {

namespace Fl {
inline constexpr uint16_t S = TcpFlag::Syn, A = TcpFlag::Ack, F = TcpFlag::Fin, R = TcpFlag::Rst,
                          P = TcpFlag::Psh;
} // namespace Fl

// Two endpoints: "c" (10.0.0.1:cport) and "s" (10.0.0.2:sport).
class SegmentBuilder {
  public:
    explicit SegmentBuilder(uint16_t cport = 40000, uint16_t sport = 80)
        : m_cport(cport), m_sport(sport) {}

    TcpSegment c2s(uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0,
                   uint16_t win = 1000) {
        return make(true, flags, seq, ack, len, win);
    }
    TcpSegment s2c(uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len = 0,
                   uint16_t win = 1000) {
        return make(false, flags, seq, ack, len, win);
    }
    // Advances the clock used for the next segments (nanoseconds).
    void advance(int64_t ns) { m_ns += ns; }
    void setPorts(uint16_t cport, uint16_t sport) {
        m_cport = cport;
        m_sport = sport;
    }

  private:
    TcpSegment make(bool fromClient, uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len,
                    uint16_t win) {
        TcpSegment s;
        s.frameNumber = ++m_frame;
        m_ns += 1000000; // 1 ms between packets unless advanced further
        s.ts.sec = 1700000000 + m_ns / 1000000000;
        s.ts.nsec = static_cast<uint32_t>(m_ns % 1000000000);
        const Address c = Address::v4(0x0a000001), sv = Address::v4(0x0a000002);
        s.src = fromClient ? c : sv;
        s.dst = fromClient ? sv : c;
        s.srcPort = fromClient ? m_cport : m_sport;
        s.dstPort = fromClient ? m_sport : m_cport;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.payloadLength = len;
        s.window = win;
        return s;
    }
    uint16_t m_cport, m_sport;
    uint64_t m_frame = 0;
    int64_t m_ns = 0;
};

// "CLOSED>SYN-SENT" for a move, "ESTABLISHED" when the state stays.
inline std::string stepText(const EndpointStep& s) {
    if (s.before == s.after && s.event == TcpEvent::None) return std::string(stateName(s.before));
    return std::string(stateName(s.before)) + ">" + std::string(stateName(s.after));
}

// One line per packet of `stream`: "client-step | server-step".
inline std::vector<std::string> stateLines(const ConnectionTracker& t, uint32_t stream = 0) {
    std::vector<std::string> out;
    for (const auto& p : t.packets())
        if (p.stream == stream) out.push_back(stepText(p.client) + " | " + stepText(p.server));
    return out;
}

// One line per packet: "client-event | server-event" (empty when no transition).
inline std::vector<std::string> eventLines(const ConnectionTracker& t, uint32_t stream = 0) {
    std::vector<std::string> out;
    for (const auto& p : t.packets())
        if (p.stream == stream)
            out.push_back(std::string(eventName(p.client.event)) + " | " +
                          std::string(eventName(p.server.event)));
    return out;
}

bool has(const TcpPacketAnalysis& p, TrackerNote n) {
    return (p.notes & noteBit(TrackerNote(n))) != 0;
}

} // namespace

// The seed oracle: ../shared/seeds/tcpdump-connection-lifecycle.txt, rebuilt by hand from its
// absolute numbers (tcpdump -S). Packet 9 (server FIN,ACK) acknowledges the client's FIN, so the
// client goes FIN-WAIT-1 -> TIME-WAIT directly.
static std::vector<TcpSegment> seedSegments() {
    SegmentBuilder b(57729, 3000);
    using namespace Fl;
    std::vector<TcpSegment> v;
    v.push_back(b.c2s(S, 860356044, 0, 0, 65535));
    v.back().options.wscale = 6;
    v.push_back(b.s2c(S | A, 4012548670u, 860356045, 0, 65535));
    v.back().options.wscale = 6;
    v.push_back(b.c2s(A, 860356045, 4012548671u, 0, 6379));
    v.back().seqPresent = false; // tcpdump printed no seq on this pure ACK
    v.push_back(b.c2s(P | A, 860356045, 4012548671u, 10, 6379));
    v.push_back(b.s2c(A, 4012548671u, 860356055, 0, 6379));
    v.back().seqPresent = false;
    v.push_back(b.s2c(P | A, 4012548671u, 860356055, 10, 6379));
    v.push_back(b.c2s(A, 860356055, 4012548681u, 0, 6379));
    v.back().seqPresent = false;
    v.push_back(b.c2s(F | A, 860356055, 4012548681u, 0, 6379));
    v.push_back(b.s2c(F | A, 4012548681u, 860356056, 0, 6379));
    v.push_back(b.c2s(A, 860356056, 4012548682u, 0, 6379));
    return v;
}

static const Lines kSeedStates = {
    "CLOSED>SYN-SENT | LISTEN>SYN-RECEIVED",
    "SYN-SENT>ESTABLISHED | SYN-RECEIVED",
    "ESTABLISHED | SYN-RECEIVED>ESTABLISHED",
    "ESTABLISHED | ESTABLISHED",
    "ESTABLISHED | ESTABLISHED",
    "ESTABLISHED | ESTABLISHED",
    "ESTABLISHED | ESTABLISHED",
    "ESTABLISHED>FIN-WAIT-1 | ESTABLISHED>CLOSE-WAIT",
    "FIN-WAIT-1>TIME-WAIT | CLOSE-WAIT>LAST-ACK",
    "TIME-WAIT | LAST-ACK>CLOSED",
};

TEST_CASE("seed session: full open, data both ways, close", "[tracker]") {
    ConnectionTracker t;
    for (const auto& s : seedSegments()) t.add(s);
    CHECK(stateLines(t) == kSeedStates);
    CHECK(eventLines(t) == Lines{
                               "snd SYN | rcv SYN / snd SYN,ACK",
                               "rcv SYN,ACK / snd ACK | ",
                               " | rcv ACK of SYN",
                               " | ",
                               " | ",
                               " | ",
                               " | ",
                               "snd FIN | rcv FIN / snd ACK",
                               "rcv FIN,ACK of FIN / snd ACK | snd FIN",
                               " | rcv ACK of FIN",
                           });
    const auto& p = t.packets();
    REQUIRE(p.size() == 10);
    // Wireshark's relative numbers (tcp.seq/ack/nxtseq/len) and scaled window.
    CHECK(p[0].seq == 0);
    CHECK(p[0].nxtseq == 1);
    CHECK(!p[0].hasScalefactor);
    CHECK(p[1].ack == 1);
    CHECK(p[2].seq == 1);
    CHECK(p[2].windowSize == 6379u << 6);
    CHECK(p[2].windowSizeScalefactor == 64);
    CHECK(p[3].seq == 1);
    CHECK(p[3].len == 10);
    CHECK(p[3].nxtseq == 11);
    CHECK(p[8].seq == 11);
    CHECK(p[8].ack == 12);
    CHECK(p[8].nxtseq == 12);
    CHECK(p[9].ack == 12);
    CHECK(p[4].acksFrame == 4);
    CHECK(t.initialRttNs(p[1]) == -1);      // not known before the third packet
    CHECK(t.initialRttNs(p[2]) == 2000000); // SYN at 1 ms, third packet at 3 ms
    CHECK(t.initialRttNs(p[9]) == 2000000); // and shown on every packet after it
    for (const auto& q : p) CHECK(q.analysisFlags == 0);

    REQUIRE(t.connections().size() == 1);
    const TcpConnection& c = t.connections()[0];
    CHECK(c.client.port == 57729);
    CHECK(c.server.port == 3000);
    CHECK(c.roleReason == RoleReason::SynSender);
    CHECK(c.client.packets == 6);
    CHECK(c.server.packets == 4);
    CHECK(c.client.bytes == 10);
    CHECK(c.server.bytes == 10);
    CHECK(c.open == OpenKind::Handshake);
    CHECK(c.close == CloseKind::FinBoth);
    CHECK(c.client.finalState == TcpState::TimeWait);
    CHECK(c.server.finalState == TcpState::Closed);
    CHECK(c.completeness == 31);
    CHECK(c.connState == "SF");
}

TEST_CASE("seed session through the tcpdump text parser", "[tracker]") {
    const auto path = test::sharedDir() / "seeds" / "tcpdump-connection-lifecycle.txt";
    if (!std::filesystem::exists(path)) {
        WARN("seed file not found, skipped: " << path);
        return;
    }
    const TcpdumpTextResult r = parseTcpdumpText(test::readFile(path));
    REQUIRE(r.segments.size() == 10);
    ConnectionTracker t;
    for (const auto& s : r.segments) t.add(s);
    CHECK(stateLines(t) == kSeedStates);
    CHECK(t.connections().size() == 1);
}

TEST_CASE("half-close: data after the first FIN", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    t.add(b.s2c(S | A, 500, 101));
    t.add(b.c2s(A, 101, 501));
    t.add(b.c2s(F | A, 101, 501));      // client is done sending
    t.add(b.s2c(A, 501, 102));          // ACK of FIN
    t.add(b.s2c(P | A, 501, 102, 100)); // server keeps sending
    t.add(b.c2s(A, 102, 601));
    t.add(b.s2c(F | A, 601, 102));
    t.add(b.c2s(A, 102, 602));
    CHECK(stateLines(t) == Lines{
                               "CLOSED>SYN-SENT | LISTEN>SYN-RECEIVED",
                               "SYN-SENT>ESTABLISHED | SYN-RECEIVED",
                               "ESTABLISHED | SYN-RECEIVED>ESTABLISHED",
                               "ESTABLISHED>FIN-WAIT-1 | ESTABLISHED>CLOSE-WAIT",
                               "FIN-WAIT-1>FIN-WAIT-2 | CLOSE-WAIT",
                               "FIN-WAIT-2 | CLOSE-WAIT",
                               "FIN-WAIT-2 | CLOSE-WAIT",
                               "FIN-WAIT-2>TIME-WAIT | CLOSE-WAIT>LAST-ACK",
                               "TIME-WAIT | LAST-ACK>CLOSED",
                           });
    for (const auto& p : t.packets()) CHECK(p.notes == 0);
    CHECK(t.connections()[0].close == CloseKind::FinBoth);
}

TEST_CASE("simultaneous open: SYN-SENT -> SYN-RECEIVED on both sides", "[tracker]") {
    SegmentBuilder b(5000, 6000);
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    t.add(b.s2c(S, 300, 0)); // crossed the first SYN in flight
    t.add(b.c2s(S | A, 100, 301));
    t.add(b.s2c(S | A, 300, 101));
    CHECK(stateLines(t) == Lines{
                               "CLOSED>SYN-SENT | CLOSED>SYN-SENT",
                               "SYN-SENT>SYN-RECEIVED | SYN-SENT>SYN-RECEIVED",
                               "SYN-RECEIVED | SYN-RECEIVED>ESTABLISHED",
                               "SYN-RECEIVED>ESTABLISHED | ESTABLISHED",
                           });
    CHECK(eventLines(t)[1] ==
          "rcv SYN (simultaneous open) / snd SYN,ACK | rcv SYN (simultaneous open) / snd SYN,ACK");
    CHECK(has(t.packets()[0], TrackerNote::SimultaneousOpen));
    REQUIRE(t.connections().size() == 1);
    CHECK(t.connections()[0].open == OpenKind::SimultaneousOpen);
    CHECK(t.connections()[0].server.initialState == TcpState::Closed);
}

TEST_CASE("simultaneous close: FIN-WAIT-1 -> CLOSING -> TIME-WAIT on both sides", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    t.add(b.s2c(S | A, 500, 101));
    t.add(b.c2s(A, 101, 501));
    t.add(b.c2s(F | A, 101, 501));
    t.add(b.s2c(F | A, 501, 101)); // does not ack the client's FIN: the FINs crossed
    t.add(b.c2s(A, 102, 502));
    t.add(b.s2c(A, 502, 102));
    CHECK(stateLines(t) == Lines{
                               "CLOSED>SYN-SENT | LISTEN>SYN-RECEIVED",
                               "SYN-SENT>ESTABLISHED | SYN-RECEIVED",
                               "ESTABLISHED | SYN-RECEIVED>ESTABLISHED",
                               "ESTABLISHED>FIN-WAIT-1 | ESTABLISHED>FIN-WAIT-1",
                               "FIN-WAIT-1>CLOSING | FIN-WAIT-1>CLOSING",
                               "CLOSING | CLOSING>TIME-WAIT",
                               "CLOSING>TIME-WAIT | TIME-WAIT",
                           });
    CHECK(t.connections()[0].client.finalState == TcpState::TimeWait);
    CHECK(t.connections()[0].server.finalState == TcpState::TimeWait);
}

TEST_CASE("connection refused: SYN answered by RST,ACK", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    t.add(b.s2c(R | A, 0, 101));
    CHECK(stateLines(t) == Lines{
                               "CLOSED>SYN-SENT | CLOSED>CLOSED", // the self-loop of the table
                               "SYN-SENT>CLOSED | CLOSED",
                           });
    CHECK(eventLines(t) == Lines{"snd SYN | rcv SYN in CLOSED / snd RST,ACK", "rcv RST | "});
    const TcpConnection& c = t.connections()[0];
    CHECK(c.open == OpenKind::Refused);
    CHECK(c.close == CloseKind::RstServer);
    CHECK(c.connState == "REJ");
    CHECK(c.completeness == (Completeness::Syn | Completeness::Ack | Completeness::Rst));
    CHECK(has(t.packets()[1], TrackerNote::ConnectionRefused));
}

TEST_CASE("RST in any state closes both endpoints", "[tracker]") {
    using namespace Fl;
    SECTION("RST from the server while established") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(S | A, 500, 101));
        t.add(b.c2s(A, 101, 501));
        t.add(b.s2c(R | A, 501, 101));
        CHECK(stateLines(t).back() == "ESTABLISHED>CLOSED | ESTABLISHED>CLOSED");
        CHECK(t.connections()[0].close == CloseKind::RstServer);
        CHECK(t.connections()[0].connState == "RSTR");
    }
    SECTION("RST from the client before its ACK: the server goes back to LISTEN") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(S | A, 500, 101));
        t.add(b.c2s(R, 101, 0));
        CHECK(stateLines(t).back() == "ESTABLISHED>CLOSED | SYN-RECEIVED>LISTEN");
        CHECK(eventLines(t).back() == "snd RST | rcv RST (passive open)");
    }
    SECTION("RST while closing") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(S | A, 500, 101));
        t.add(b.c2s(A, 101, 501));
        t.add(b.c2s(F | A, 101, 501));
        t.add(b.s2c(R | A, 501, 102));
        CHECK(stateLines(t).back() == "FIN-WAIT-1>CLOSED | CLOSE-WAIT>CLOSED");
    }
    SECTION("an unacceptable RST in SYN-SENT is ignored") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(R | A, 0, 7777));
        CHECK(stateLines(t).back() == "SYN-SENT | SYN-RECEIVED>CLOSED");
        CHECK(has(t.packets().back(), TrackerNote::UnacceptableRst));
    }
}

TEST_CASE("retransmitted SYN, SYN,ACK and FIN cause no false transitions", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    b.advance(1000000000);
    t.add(b.c2s(S, 100, 0)); // SYN retransmitted
    t.add(b.s2c(S | A, 500, 101));
    b.advance(1000000000);
    t.add(b.s2c(S | A, 500, 101)); // SYN,ACK retransmitted
    t.add(b.c2s(A, 101, 501));
    t.add(b.c2s(F | A, 101, 501));
    b.advance(300000000);
    t.add(b.c2s(F | A, 101, 501)); // FIN retransmitted
    t.add(b.s2c(A, 501, 102));
    CHECK(stateLines(t) == Lines{
                               "CLOSED>SYN-SENT | LISTEN>SYN-RECEIVED",
                               "SYN-SENT | SYN-RECEIVED",
                               // The first SYN,ACK never reached the client: the server sent
                               // it again, and the client answered that one (half-open until).
                               "SYN-SENT | SYN-RECEIVED",
                               "SYN-SENT>ESTABLISHED | SYN-RECEIVED",
                               "ESTABLISHED | SYN-RECEIVED>ESTABLISHED",
                               "ESTABLISHED>FIN-WAIT-1 | ESTABLISHED>CLOSE-WAIT",
                               "FIN-WAIT-1 | CLOSE-WAIT",
                               "FIN-WAIT-1>FIN-WAIT-2 | CLOSE-WAIT",
                           });
    const auto& p = t.packets();
    CHECK(p[1].analysisFlags == TcpAnalysisFlag::Retransmission);
    CHECK(has(p[1], TrackerNote::RetransmittedSyn));
    CHECK(p[3].analysisFlags == TcpAnalysisFlag::Retransmission);
    CHECK(p[6].analysisFlags == TcpAnalysisFlag::Retransmission);
    CHECK(has(p[6], TrackerNote::RetransmittedFin));
    CHECK(t.connections().size() == 1);
}

TEST_CASE("a capture that starts mid-stream", "[tracker]") {
    SegmentBuilder b(51000, 443);
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.s2c(P | A, 7000, 9000, 100)); // the server speaks first in the capture
    t.add(b.c2s(A, 9000, 7100));
    t.add(b.s2c(P | A, 7100, 9000, 50));
    t.add(b.c2s(F | A, 9000, 7150));
    t.add(b.s2c(F | A, 7150, 9001));
    t.add(b.c2s(A, 9001, 7151));
    CHECK(stateLines(t) == Lines{
                               "UNKNOWN | UNKNOWN",
                               "UNKNOWN>ESTABLISHED | UNKNOWN>ESTABLISHED",
                               "ESTABLISHED | ESTABLISHED",
                               "ESTABLISHED>FIN-WAIT-1 | ESTABLISHED>CLOSE-WAIT",
                               "FIN-WAIT-1>TIME-WAIT | CLOSE-WAIT>LAST-ACK",
                               "TIME-WAIT | LAST-ACK>CLOSED",
                           });
    const auto& p = t.packets();
    CHECK(has(p[0], TrackerNote::MidstreamStart));
    CHECK(p[0].sender == EndpointRole::Server);
    // Wireshark starts relative numbers at 1 when the SYN was not seen.
    CHECK(p[0].seq == 1);
    CHECK(p[0].ack == 1);
    CHECK(p[0].windowSizeScalefactor == -1);
    const TcpConnection& c = t.connections()[0];
    CHECK(c.roleReason == RoleReason::WellKnownPort);
    CHECK(c.server.port == 443);
    CHECK(c.open == OpenKind::MidStream);
    CHECK(c.client.initialState == TcpState::Unknown);
}

TEST_CASE("mid-stream FIN with no other evidence starts the close path", "[tracker]") {
    SegmentBuilder b(51000, 23);
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(F | A, 9000, 7000));
    t.add(b.s2c(A, 7000, 9001));
    CHECK(stateLines(t) ==
          Lines{"UNKNOWN>FIN-WAIT-1 | UNKNOWN>CLOSE-WAIT", "FIN-WAIT-1>FIN-WAIT-2 | CLOSE-WAIT"});
}

TEST_CASE("capture starting at the SYN,ACK", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.s2c(S | A, 500, 101));
    t.add(b.c2s(A, 101, 501));
    CHECK(stateLines(t) == Lines{"UNKNOWN>ESTABLISHED | UNKNOWN>SYN-RECEIVED",
                                 "ESTABLISHED | SYN-RECEIVED>ESTABLISHED"});
    CHECK(t.connections()[0].roleReason == RoleReason::SynAckReceiver);
    CHECK(t.connections()[0].open == OpenKind::SynNotSeen);
}

TEST_CASE("port reuse: a new SYN with a new ISN starts a new stream", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 100, 0));
    t.add(b.s2c(S | A, 500, 101));
    t.add(b.c2s(A, 101, 501));
    t.add(b.c2s(F | A, 101, 501));
    t.add(b.s2c(F | A, 501, 102));
    t.add(b.c2s(A, 102, 502));
    const auto& second = t.add(b.c2s(S, 90000, 0)); // same 4-tuple, new ISN
    CHECK(second.stream == 1);
    CHECK(second.analysisFlags == TcpAnalysisFlag::ReusedPorts);
    CHECK(second.seq == 0);
    t.add(b.s2c(S | A, 70000, 90001));
    t.add(b.c2s(A, 90001, 70001));
    REQUIRE(t.connections().size() == 2);
    CHECK(t.connections()[0].client.finalState == TcpState::TimeWait);
    CHECK(t.connections()[1].client.finalState == TcpState::Established);
    CHECK(t.connections()[1].server.finalState == TcpState::Established);
    CHECK(stateLines(t, 1) == Lines{"CLOSED>SYN-SENT | LISTEN>SYN-RECEIVED",
                                    "SYN-SENT>ESTABLISHED | SYN-RECEIVED",
                                    "ESTABLISHED | SYN-RECEIVED>ESTABLISHED"});
    CHECK(t.connections()[1].completeness == 7);
}

TEST_CASE("sequence numbers that wrap past 2^32", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    const uint32_t isn = 0xfffffff0u;
    t.add(b.c2s(S, isn, 0));
    t.add(b.s2c(S | A, 0xffffff00u, isn + 1));
    t.add(b.c2s(A, isn + 1, 0xffffff01u));
    t.add(b.c2s(P | A, isn + 1, 0xffffff01u, 100)); // crosses 2^32
    t.add(b.s2c(A, 0xffffff01u, isn + 101));
    t.add(b.c2s(P | A, isn + 101, 0xffffff01u, 100));
    t.add(b.s2c(A, 0xffffff01u, isn + 201));
    t.add(b.c2s(F | A, isn + 201, 0xffffff01u));
    t.add(b.s2c(F | A, 0xffffff01u, isn + 202));
    t.add(b.c2s(A, isn + 202, 0xffffff02u));
    const auto& p = t.packets();
    CHECK(p[5].seq == 101);
    CHECK(p[5].nxtseq == 201);
    CHECK(p[6].ack == 201);
    CHECK(p[6].acksFrame == 6);
    for (const auto& q : p) CHECK(q.analysisFlags == 0);
    CHECK(stateLines(t).back() == "TIME-WAIT | LAST-ACK>CLOSED");
}

TEST_CASE("SYN flood: many half-open connections", "[tracker]") {
    using namespace Fl;
    ConnectionTracker t;
    SegmentBuilder b;
    for (uint16_t i = 0; i < 500; ++i) {
        b.setPorts(static_cast<uint16_t>(10000 + i), 80);
        t.add(b.c2s(S, 1000u * i, 0));
        t.add(b.s2c(S | A, 77u * i + 5, 1000u * i + 1));
    }
    REQUIRE(t.connections().size() == 500);
    for (const auto& c : t.connections()) {
        CHECK(c.client.finalState == TcpState::Established);
        CHECK(c.server.finalState == TcpState::SynReceived);
        CHECK(c.open == OpenKind::SynAckNoAck);
    }
    CHECK(t.packets()[999].stream == 499);
}

TEST_CASE("packets a real stack would reject get expert notes", "[tracker]") {
    using namespace Fl;
    SECTION("data before the handshake completes") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        const auto& p = t.add(b.c2s(P | A, 101, 0, 50));
        CHECK(has(p, TrackerNote::DataBeforeHandshake));
        CHECK(stateLines(t).back() == "SYN-SENT | SYN-RECEIVED");
        const auto notes = expertNotes(p);
        REQUIRE(!notes.empty());
        CHECK(notes.back().id == "tcp.state.data_before_handshake");
    }
    SECTION("an ACK for unsent data") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(S | A, 500, 101));
        t.add(b.c2s(A, 101, 501));
        const auto& p = t.add(b.s2c(A, 501, 5000));
        CHECK(has(p, TrackerNote::AckForUnsentData));
        CHECK((p.analysisFlags & TcpAnalysisFlag::AckLostSegment) != 0);
        CHECK(stateLines(t).back() == "ESTABLISHED | ESTABLISHED");
    }
    SECTION("data after the sender's FIN") {
        SegmentBuilder b;
        ConnectionTracker t;
        t.add(b.c2s(S, 100, 0));
        t.add(b.s2c(S | A, 500, 101));
        t.add(b.c2s(A, 101, 501));
        t.add(b.c2s(F | A, 101, 501));
        const auto& p = t.add(b.c2s(P | A, 102, 501, 10));
        CHECK(has(p, TrackerNote::DataAfterFin));
    }
}

TEST_CASE("analysis flags: retransmission, duplicate ACKs, fast retransmission", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 0, 0));
    t.add(b.s2c(S | A, 1000, 1));
    t.add(b.c2s(A, 1, 1001));
    t.add(b.c2s(A, 1, 1001, 100));              // 1..101
    t.add(b.c2s(A, 101, 1001, 100));            // lost in the network? no: captured; 101..201
    t.add(b.c2s(A, 301, 1001, 100));            // 201..301 not captured -> lost_segment
    const auto a1 = t.add(b.s2c(A, 1001, 201)); // a copy: add() invalidates the reference
    const auto& d1 = t.add(b.s2c(A, 1001, 201));
    CHECK((d1.analysisFlags & TcpAnalysisFlag::DuplicateAck) != 0);
    CHECK(d1.duplicateAckNum == 1);
    CHECK(d1.duplicateAckFrame == 7);
    const auto& d2 = t.add(b.s2c(A, 1001, 201));
    CHECK(d2.duplicateAckNum == 2);
    const auto& fr = t.add(b.c2s(A, 201, 1001, 100)); // within 20 ms of the dup ACKs
    CHECK((fr.analysisFlags & TcpAnalysisFlag::FastRetransmission) != 0);
    CHECK((fr.analysisFlags & TcpAnalysisFlag::Retransmission) != 0);
    b.advance(2000000000);
    const auto& rt = t.add(b.c2s(A, 201, 1001, 100)); // much later: plain retransmission
    CHECK(rt.analysisFlags == TcpAnalysisFlag::Retransmission);
    const auto& p = t.packets();
    CHECK(p[5].analysisFlags == TcpAnalysisFlag::LostSegment);
    CHECK(a1.stream == 0);
}

TEST_CASE("analysis flags: out-of-order and spurious retransmission", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 0, 0));
    t.add(b.s2c(S | A, 1000, 1));
    t.add(b.c2s(A, 1, 1001));
    t.add(b.c2s(A, 101, 1001, 100)); // 101..201 first: lost_segment
    b.advance(-900000);              // the missing one arrives 0.1 ms later
    const auto& ooo = t.add(b.c2s(A, 1, 1001, 100));
    CHECK(ooo.analysisFlags == TcpAnalysisFlag::OutOfOrder);
    t.add(b.s2c(A, 1001, 201));
    b.advance(500000000);
    const auto& sp = t.add(b.c2s(A, 1, 1001, 100)); // already acknowledged
    CHECK((sp.analysisFlags & TcpAnalysisFlag::SpuriousRetransmission) != 0);
    CHECK(analysisFlagsText(sp.analysisFlags) == "retransmission,spurious_retransmission");
}

TEST_CASE("analysis flags: zero window, probe, probe ACK, window update", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 0, 0));
    t.add(b.s2c(S | A, 1000, 1));
    t.add(b.c2s(A, 1, 1001));
    t.add(b.c2s(A, 1, 1001, 100));
    const auto& zw = t.add(b.s2c(A, 1001, 101, 0, 0));
    CHECK(zw.analysisFlags == TcpAnalysisFlag::ZeroWindow);
    const auto& probe = t.add(b.c2s(A, 101, 1001, 1));
    CHECK(probe.analysisFlags == TcpAnalysisFlag::ZeroWindowProbe);
    const auto& pack = t.add(b.s2c(A, 1001, 101, 0, 0));
    CHECK((pack.analysisFlags & TcpAnalysisFlag::ZeroWindowProbeAck) != 0);
    const auto& upd = t.add(b.s2c(A, 1001, 101, 0, 5000));
    CHECK(upd.analysisFlags == TcpAnalysisFlag::WindowUpdate);
}

TEST_CASE("analysis flags: keep-alive and keep-alive ACK", "[tracker]") {
    SegmentBuilder b;
    using namespace Fl;
    ConnectionTracker t;
    t.add(b.c2s(S, 0, 0));
    t.add(b.s2c(S | A, 1000, 1));
    t.add(b.c2s(A, 1, 1001));
    t.add(b.c2s(A, 1, 1001, 10));
    t.add(b.s2c(A, 1001, 11));
    b.advance(60000000000);
    const auto& ka = t.add(b.c2s(A, 10, 1001, 1));
    CHECK(ka.analysisFlags == TcpAnalysisFlag::KeepAlive);
    const auto& kaa = t.add(b.s2c(A, 1001, 11));
    CHECK(kaa.analysisFlags == TcpAnalysisFlag::KeepAliveAck);
}

TEST_CASE("window scaling: -1 unknown, -2 not used, multiplier when both SYNs agree", "[tracker]") {
    using namespace Fl;
    SECTION("both SYNs carry the option") {
        SegmentBuilder b;
        ConnectionTracker t;
        auto syn = b.c2s(S, 0, 0, 0, 64240);
        syn.options.wscale = 8;
        t.add(syn);
        auto sa = b.s2c(S | A, 1000, 1, 0, 64240);
        sa.options.wscale = 7;
        t.add(sa);
        const auto& p = t.add(b.c2s(A, 1, 1001, 0, 1026));
        CHECK(p.windowSize == 1026u * 256);
        CHECK(p.windowSizeScalefactor == 256);
        const auto& q = t.add(b.s2c(A, 1001, 1, 0, 502));
        CHECK(q.windowSizeScalefactor == 128);
    }
    SECTION("only the SYN carries it: no scaling") {
        SegmentBuilder b;
        ConnectionTracker t;
        auto syn = b.c2s(S, 0, 0);
        syn.options.wscale = 8;
        t.add(syn);
        t.add(b.s2c(S | A, 1000, 1));
        const auto& p = t.add(b.c2s(A, 1, 1001, 0, 1026));
        CHECK(p.windowSize == 1026);
        CHECK(p.windowSizeScalefactor == -2);
    }
}

TEST_CASE("conversation table text", "[tracker]") {
    ConnectionTracker t;
    for (const auto& s : seedSegments()) t.add(s);
    const std::string text = formatConversations(t);
    const auto lines = test::splitLines(text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("stream", 0) != std::string::npos);
    CHECK(lines[1].find("127.0.0.1") == std::string::npos); // the builder uses 10.0.0.x
    CHECK(lines[1].find("10.0.0.1:57729") != std::string::npos);
    CHECK(lines[1].find("TIME-WAIT") != std::string::npos);
    CHECK(lines[1].find("31 SF") != std::string::npos);
    CHECK(!captureConvention().empty());
}

TEST_CASE("ladder lists one arrow per packet of a stream", "[tracker]") {
    ConnectionTracker t;
    for (const auto& s : seedSegments()) t.add(s);
    const auto ladder = t.ladder(0);
    REQUIRE(ladder.size() == 10);
    CHECK(ladder[1].from == EndpointRole::Server);
    CHECK(ladder[8].client.after == TcpState::TimeWait);
    CHECK(t.ladder(1).empty());
}

TEST_CASE("a packet's time is kept in nanoseconds and read back as the frame's", "[tracker]") {
    ConnectionTracker t;
    const int64_t secs[] = {1700000000, 0, -2, -1700000000, int64_t(UINT32_MAX)};
    uint64_t frame = 0;
    for (int64_t sec : secs) {
        TcpSegment s;
        s.frameNumber = ++frame;
        s.hasTimestamp = true;
        s.ts = Timestamp{sec, 123456789};
        s.src = Address::v4(0x0a000001);
        s.dst = Address::v4(0x0a000002);
        s.srcPort = 1000;
        s.dstPort = 80;
        s.flags = TcpFlag::Ack;
        const TcpPacketAnalysis& p = t.add(s);
        INFO("seconds " << sec);
        CHECK(p.time() == s.ts);
        CHECK(p.tsNs == sec * 1000000000 + 123456789);
    }
}

TEST_CASE("a connection's packets lie between its first and last packet index",
          "[tracker][ladder]") {
    // ladder() and the viewer's ladder read only that span: it must hold every packet of the
    // connection, on every sample and corpus capture (port reuse, damaged headers included).
    auto captures = test::capturesUnder(test::samplesDir());
    for (auto& p : test::capturesUnder(test::corpusDir())) captures.push_back(p);
    for (const auto& path : captures) {
        INFO(path.string());
        const ConnectionTracker t = test::trackCapture(path);
        std::vector<size_t> counts(t.connections().size());
        for (size_t i = 0; i < t.packets().size(); ++i) {
            const TcpPacketAnalysis& p = t.packets()[i];
            REQUIRE(p.stream < t.connections().size());
            const TcpConnection& c = t.connections()[p.stream];
            CHECK(c.firstPacket <= i);
            CHECK(i <= c.lastPacket);
            counts[p.stream] += !p.headerMalformed;
        }
        for (uint32_t s = 0; s < t.connections().size(); ++s) {
            const std::vector<LadderEvent> ladder = t.ladder(s);
            CHECK(ladder.size() == counts[s]);
            if (!ladder.empty()) CHECK(t.packets()[ladder.front().packetIndex].stream == s);
        }
    }
}

namespace {

struct AloneTally {
    size_t packets = 0, pairs = 0, reusedStreams = 0;
};

// What the viewer may recompute instead of keeping: a connection's results depend on its own
// packets only. The segments of one address and port pair (and tunnel), tracked alone in their
// order, get the whole run's results but for the stream numbers, which the whole run gives:
// every field of every packet, and each connection's summary. A pair is tracked as one, as a
// SYN that reuses it starts a new stream marked by the one before (tcp.analysis.reused_ports).
void checkTrackedAlone(const std::vector<TcpSegment>& segments, AloneTally& tally) {
    ConnectionTracker whole;
    std::map<std::tuple<Address, uint16_t, Address, uint16_t, uint32_t>, std::vector<size_t>>
        byPair;
    for (size_t i = 0; i < segments.size(); ++i) {
        const TcpSegment& g = segments[i];
        whole.add(g);
        const bool up = std::tie(g.src, g.srcPort) < std::tie(g.dst, g.dstPort);
        byPair[up ? std::tuple(g.src, g.srcPort, g.dst, g.dstPort, g.tunnelKey)
                  : std::tuple(g.dst, g.dstPort, g.src, g.srcPort, g.tunnelKey)]
            .push_back(i);
    }
    whole.finish();
    REQUIRE(whole.packets().size() == segments.size());
    for (const auto& [pair, indices] : byPair) {
        ConnectionTracker alone;
        for (size_t i : indices) alone.add(segments[i]);
        alone.finish();
        REQUIRE(alone.packets().size() == indices.size());
        std::vector<uint32_t> streams; // the whole run's number of each of alone's streams
        for (size_t k = 0; k < indices.size(); ++k) {
            const TcpPacketAnalysis& w = whole.packets()[indices[k]];
            TcpPacketAnalysis a = alone.packets()[k];
            INFO("frame " << w.frameNumber);
            if (a.stream == streams.size()) streams.push_back(w.stream);
            REQUIRE(a.stream < streams.size());
            CHECK(streams[a.stream] == w.stream);
            a.stream = w.stream;
            CHECK(a == w);
        }
        REQUIRE(streams.size() == alone.connections().size());
        for (size_t c = 0; c < streams.size(); ++c) {
            const TcpConnection& a = alone.connections()[c];
            const TcpConnection& w = whole.connections()[streams[c]];
            CHECK(endpointSocketText(a.client) == endpointSocketText(w.client));
            CHECK(a.roleReason == w.roleReason);
            CHECK(a.client.packets == w.client.packets);
            CHECK(a.server.bytes == w.server.bytes);
            CHECK(a.client.finalState == w.client.finalState);
            CHECK(a.server.finalState == w.server.finalState);
            CHECK(a.open == w.open);
            CHECK(a.close == w.close);
            CHECK(a.completeness == w.completeness);
            CHECK(a.initialRttNs == w.initialRttNs);
            CHECK(a.connState == w.connState);
            CHECK(a.analysisFlagsSeen == w.analysisFlagsSeen);
            CHECK(a.notesSeen == w.notesSeen);
        }
        tally.reusedStreams += streams.size() - 1;
        ++tally.pairs;
    }
    tally.packets += segments.size();
}

} // namespace

TEST_CASE("a connection tracked alone: a reused pair between two other connections", "[tracker]") {
    using namespace Fl;
    SegmentBuilder a, b(40001, 443), c(40002, 80);
    std::vector<TcpSegment> segs;
    auto put = [&](TcpSegment s, int frame) {
        s.frameNumber = uint64_t(frame);
        segs.push_back(s);
    };
    put(a.c2s(S, 100, 0), 1);
    put(b.c2s(S, 7, 0), 2);
    put(a.s2c(S | A, 500, 101), 3);
    put(a.c2s(A, 101, 501), 4);
    put(b.s2c(R | A, 0, 8), 5); // refused
    put(a.c2s(F | A, 101, 501), 6);
    put(a.s2c(F | A, 501, 102), 7);
    put(c.c2s(A, 1, 1, 100), 8); // mid-stream
    put(a.c2s(A, 102, 502), 9);
    put(a.c2s(S, 90000, 0), 10); // the first pair again, a new ISN: a new stream
    put(a.s2c(S | A, 70000, 90001), 11);
    put(c.s2c(A, 1, 101), 12);
    put(a.c2s(A, 90001, 70001, 10), 13);
    put(a.c2s(A, 90001, 70001, 10), 14); // retransmitted
    AloneTally tally;
    checkTrackedAlone(segs, tally);
    CHECK(tally.pairs == 3);
    CHECK(tally.reusedStreams == 1);
}

TEST_CASE("a connection tracked alone gets the results it gets in the whole capture",
          "[tracker][one-pass]") {
    std::vector<std::filesystem::path> paths = test::capturesUnder(test::samplesDir());
    for (const auto& dir :
         {test::corpusDir(), test::dataDir() / "tunnels", test::sharedDir() / "tunnels"})
        for (auto& p : test::capturesUnder(dir)) paths.push_back(p);
    AloneTally tally;
    for (const auto& path : paths) {
        INFO(path.string());
        LoadedInput in = loadPath(path.string());
        std::vector<TcpSegment> segments;
        for (const OwnedFrame& of : in.frames) {
            const Frame f = of.view();
            PacketSummary s;
            dissectFrame(f, s, nullptr, DissectOptions{});
            if (auto seg = segmentFromSummary(f, s)) segments.push_back(*seg);
        }
        checkTrackedAlone(segments, tally);
    }
    CHECK(tally.packets > 100);
    if (test::haveCorpus()) CHECK(tally.pairs > 100);
    WARN(paths.size() << " captures, " << tally.packets << " TCP packets, " << tally.pairs
                      << " address and port pairs, " << tally.reusedStreams
                      << " streams on a pair used before");
}
