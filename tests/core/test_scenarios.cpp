// SPDX-License-Identifier: GPL-2.0-or-later
// The classroom scenarios in samples/ (built by samples/make_scenarios.py): the script
// reproduces the committed files byte for byte, and each capture teaches what its name says:
// the tracker finds the states, paths and analysis flags of the scenario. (tcpdump and tshark
// reading them the same way is checked by the live tcpdump and tshark tests, which include
// samples/.)
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_state_machine.h"
#include "tcpscope/tcpdump_text.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

const char* const kScenarios[] = {"lifecycle-seed-session.pcap",
                                  "simultaneous-open.pcap",
                                  "simultaneous-close.pcap",
                                  "half-close.pcap",
                                  "connection-refused.pcap",
                                  "reset.pcap",
                                  "retransmission-dupack.pcap",
                                  "zero-window.pcap",
                                  "syn-flood.pcap",
                                  "syn-backoff.pcap"};

ConnectionTracker track(const std::string& name) {
    REQUIRE(std::filesystem::exists(samplesDir() / name));
    return trackCapture(samplesDir() / name);
}

// The states an endpoint passed through in a stream, e.g. "CLOSED SYN-SENT ESTABLISHED ...".
std::string path(const ConnectionTracker& t, uint32_t stream, bool client) {
    std::string out;
    TcpState last = TcpState::Unknown;
    bool first = true;
    for (const LadderEvent& e : t.ladder(stream)) {
        const EndpointStep& s = client ? e.client : e.server;
        if (first) {
            out = std::string(stateName(s.before));
            last = s.before;
            first = false;
        }
        if (s.after != last) {
            out += " " + std::string(stateName(s.after));
            last = s.after;
        }
    }
    return out;
}

uint32_t countFlag(const ConnectionTracker& t, uint32_t flag) {
    uint32_t n = 0;
    for (const TcpPacketAnalysis& p : t.packets()) n += (p.analysisFlags & flag) ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("make_scenarios.py reproduces the committed scenario captures", "[scenarios]") {
    if (!haveTool("python3")) {
        WARN("SKIPPED: python3 is not installed");
        return;
    }
    const auto out = std::filesystem::temp_directory_path() /
                     ("tcpscope-scenarios-" + std::to_string(::getpid()));
    int status = 0;
    runCommand("python3 " + shellQuote((samplesDir() / "make_scenarios.py").string()) + " " +
                   shellQuote(out.string()) + " >/dev/null",
               &status);
    REQUIRE(status == 0);
    for (const char* name : kScenarios) {
        INFO(name);
        CHECK(readFile(out / name) == readFile(samplesDir() / name));
    }
    std::filesystem::remove_all(out);
}

TEST_CASE("scenario: the seed session as a pcap equals the seed's tcpdump text", "[scenarios]") {
    ConnectionTracker pcap = track("lifecycle-seed-session.pcap");
    REQUIRE(pcap.connections().size() == 1);
    CHECK(path(pcap, 0, true) == "CLOSED SYN-SENT ESTABLISHED FIN-WAIT-1 TIME-WAIT");
    CHECK(path(pcap, 0, false) == "LISTEN SYN-RECEIVED ESTABLISHED CLOSE-WAIT LAST-ACK CLOSED");

    // The same ten segments from the seed's own text: the same arrows and the same states.
    TcpdumpTextResult text =
        parseTcpdumpText(readFile(samplesDir() / "tcpdump-connection-lifecycle.txt"));
    ConnectionTracker seed;
    for (const TcpSegment& s : text.segments) seed.add(s);
    const auto a = pcap.ladder(0), b = seed.ladder(0);
    REQUIRE(a.size() == 10);
    REQUIRE(b.size() == a.size());
    for (size_t i = 0; i < a.size(); ++i) {
        INFO("packet " << i + 1);
        CHECK(a[i].from == b[i].from);
        CHECK(a[i].flags == b[i].flags);
        CHECK(a[i].seq == b[i].seq);
        CHECK(a[i].ack == b[i].ack);
        CHECK(a[i].len == b[i].len);
        CHECK(a[i].client.after == b[i].client.after);
        CHECK(a[i].server.after == b[i].server.after);
    }
}

TEST_CASE("scenario: simultaneous open passes SYN-RECEIVED on both sides", "[scenarios]") {
    ConnectionTracker t = track("simultaneous-open.pcap");
    REQUIRE(t.connections().size() == 1);
    const TcpConnection& c = t.connections()[0];
    CHECK(c.open == OpenKind::SimultaneousOpen);
    CHECK((c.notesSeen & noteBit(TrackerNote::SimultaneousOpen)) != 0);
    CHECK(path(t, 0, true) == "CLOSED SYN-SENT SYN-RECEIVED ESTABLISHED FIN-WAIT-1 TIME-WAIT");
    CHECK(path(t, 0, false) ==
          "CLOSED SYN-SENT SYN-RECEIVED ESTABLISHED CLOSE-WAIT LAST-ACK CLOSED");
    CHECK(c.connState == "SF");
}

TEST_CASE("scenario: simultaneous close goes through CLOSING on both sides", "[scenarios]") {
    ConnectionTracker t = track("simultaneous-close.pcap");
    REQUIRE(t.connections().size() == 1);
    CHECK(path(t, 0, true) == "CLOSED SYN-SENT ESTABLISHED FIN-WAIT-1 CLOSING TIME-WAIT");
    CHECK(path(t, 0, false) == "LISTEN SYN-RECEIVED ESTABLISHED FIN-WAIT-1 CLOSING TIME-WAIT");
    CHECK(t.connections()[0].close == CloseKind::FinBoth);
}

TEST_CASE("scenario: half-close keeps data flowing to the side that sent FIN", "[scenarios]") {
    ConnectionTracker t = track("half-close.pcap");
    REQUIRE(t.connections().size() == 1);
    CHECK(path(t, 0, true) == "CLOSED SYN-SENT ESTABLISHED FIN-WAIT-1 FIN-WAIT-2 TIME-WAIT");
    CHECK(path(t, 0, false) == "LISTEN SYN-RECEIVED ESTABLISHED CLOSE-WAIT LAST-ACK CLOSED");
    // Three data segments from the server while the client is in FIN-WAIT-2, with no note.
    int dataInHalfClose = 0;
    for (const LadderEvent& e : t.ladder(0))
        if (e.from == EndpointRole::Server && e.len > 0 && e.client.before == TcpState::FinWait2 &&
            e.server.before == TcpState::CloseWait)
            ++dataInHalfClose;
    CHECK(dataInHalfClose == 3);
    CHECK(t.connections()[0].notesSeen == 0);
}

TEST_CASE("scenario: connection refused, then a connection that works", "[scenarios]") {
    ConnectionTracker t = track("connection-refused.pcap");
    REQUIRE(t.connections().size() == 2);
    CHECK(t.connections()[0].open == OpenKind::Refused);
    CHECK(t.connections()[0].connState == "REJ");
    CHECK(path(t, 0, true) == "CLOSED SYN-SENT CLOSED");
    CHECK((t.connections()[0].notesSeen & noteBit(TrackerNote::ConnectionRefused)) != 0);
    CHECK(t.connections()[1].open == OpenKind::Handshake);
    CHECK(t.connections()[1].connState == "SF");
}

TEST_CASE("scenario: an abortive close resets both ends to CLOSED", "[scenarios]") {
    ConnectionTracker t = track("reset.pcap");
    REQUIRE(t.connections().size() == 1);
    const TcpConnection& c = t.connections()[0];
    CHECK(c.close == CloseKind::RstClient);
    CHECK(c.connState == "RSTO");
    CHECK(c.client.finalState == TcpState::Closed);
    CHECK(c.server.finalState == TcpState::Closed);
}

TEST_CASE("scenario: a lost segment, duplicate ACKs, fast retransmission, a lost last ACK",
          "[scenarios]") {
    ConnectionTracker t = track("retransmission-dupack.pcap");
    REQUIRE(t.connections().size() == 1);
    CHECK(countFlag(t, TcpAnalysisFlag::LostSegment) == 1);
    CHECK(countFlag(t, TcpAnalysisFlag::DuplicateAck) >= 3);
    CHECK(countFlag(t, TcpAnalysisFlag::FastRetransmission) == 1);
    uint32_t maxDup = 0;
    for (const TcpPacketAnalysis& p : t.packets()) maxDup = std::max(maxDup, p.duplicateAckNum);
    CHECK(maxDup >= 3);
    // The server's FIN comes again after the timeout: a retransmission, no state change.
    const auto ladder = t.ladder(0);
    REQUIRE(ladder.size() >= 2);
    const LadderEvent& again = ladder[ladder.size() - 2];
    CHECK((again.flags & TcpFlag::Fin) != 0);
    CHECK((again.analysisFlags & TcpAnalysisFlag::Retransmission) != 0);
    CHECK(t.connections()[0].connState == "SF");
}

TEST_CASE("scenario: zero window, probes, window update", "[scenarios]") {
    ConnectionTracker t = track("zero-window.pcap");
    REQUIRE(t.connections().size() == 1);
    CHECK(countFlag(t, TcpAnalysisFlag::ZeroWindow) >= 1);
    CHECK(countFlag(t, TcpAnalysisFlag::ZeroWindowProbe) == 2);
    CHECK(countFlag(t, TcpAnalysisFlag::ZeroWindowProbeAck) == 2);
    CHECK(countFlag(t, TcpAnalysisFlag::WindowUpdate) >= 1);
    CHECK(t.connections()[0].connState == "SF");
}

TEST_CASE("scenario: a SYN flood leaves half-open connections on the server", "[scenarios]") {
    ConnectionTracker t = track("syn-flood.pcap");
    REQUIRE(t.connections().size() == 25);
    int halfOpen = 0, complete = 0;
    for (const TcpConnection& c : t.connections()) {
        if (c.open == OpenKind::SynAckNoAck && c.server.finalState == TcpState::SynReceived)
            ++halfOpen;
        if (c.connState == "SF") ++complete;
    }
    CHECK(halfOpen == 24);
    CHECK(complete == 1);
    // Every SYN,ACK is sent again one second later: 24 retransmissions.
    CHECK(countFlag(t, TcpAnalysisFlag::Retransmission) == 24);
}

TEST_CASE("scenario: Linux backs off its SYN,ACK retries on an unanswered connection",
          "[scenarios]") {
    ConnectionTracker t = track("syn-backoff.pcap");
    REQUIRE(t.connections().size() == 2);
    const TcpConnection& gone = t.connections()[0];
    CHECK(gone.open == OpenKind::SynAckNoAck);
    CHECK(gone.client.finalState == TcpState::SynSent);
    CHECK(gone.server.finalState == TcpState::SynReceived);
    CHECK(t.connections()[1].connState == "SF");
    // The five retries of the SYN,ACK, each a retransmission.
    CHECK(countFlag(t, TcpAnalysisFlag::Retransmission) == 5);
}
