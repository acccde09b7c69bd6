// SPDX-License-Identifier: GPL-2.0-or-later
// The SYN queue of a listening socket (syn_queue.h) on the two SYN scenarios: syn-flood.pcap
// (24 spoofed SYNs whose SYN,ACKs are sent again after 1 s, one real connection that
// completes) and syn-backoff.pcap (Linux's five SYN,ACK retries 1, 2, 4, 8 and 16 s apart,
// beside an established connection); the SYN cookie assessment on tcpdump lines; and the
// SYN,ACKs and their retransmissions against tshark's.
#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"
#include "tcpscope/syn_queue.h"
#include "tcpscope/text_catalogue.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

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

SessionPtr fromText(const std::string& text) {
    registerAllProtocols();
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(text.data()),
                                         text.size());
    auto s = CaptureSession::fromInput(loadInput(bytes), "", DissectOptions{});
    REQUIRE(s);
    REQUIRE_FALSE(s->error());
    return s;
}

SynQueue queueOf(const CaptureSession& s) {
    const std::vector<ListeningSocket> sockets = listeningSockets(s);
    REQUIRE_FALSE(sockets.empty());
    return buildSynQueue(s, sockets.front());
}

// The counts of the step series at time t (the last point at or before it).
SynQueuePoint at(const SynQueue& q, double t) {
    SynQueuePoint p;
    for (const SynQueuePoint& s : q.series)
        if (s.t <= t) p = s;
    return p;
}

} // namespace

TEST_CASE("SYN queue of the SYN flood: 24 half-open, one completed", "[synqueue]") {
    const SessionPtr s = openSample("syn-flood.pcap");
    const std::vector<ListeningSocket> sockets = listeningSockets(*s);
    REQUIRE(sockets.size() == 1);
    CHECK(listeningSocketText(sockets[0]) == "192.168.10.80:80");
    CHECK(sockets[0].syns == 25);
    CHECK(sockets[0].connections == 25);
    CHECK(sockets[0].synAcks == 49); // 25 first SYN,ACKs, 24 sent again
    REQUIRE(listeningSocketOf(*s, 12));
    CHECK(*listeningSocketOf(*s, 12) == sockets[0]);

    const SynQueue q = buildSynQueue(*s, sockets[0]);
    REQUIRE(q.found);
    REQUIRE(q.entries.size() == 25);
    CHECK(q.completed == 1);
    CHECK(q.halfOpenAtEnd == 24);
    CHECK(q.maxHalfOpen == 24);
    CHECK(q.maxEstablished == 1);
    int halfOpen = 0;
    for (const SynQueueEntry& e : q.entries) {
        INFO("stream " << e.stream);
        CHECK(e.synSeen);
        CHECK(e.wasHalfOpen);
        if (e.clientPort == 40222) { // the real client (192.168.10.21)
            CHECK(e.outcome == SynQueueOutcome::Established);
            CHECK(e.retries() == 0);
            CHECK(e.endFrame == 27); // its ACK of the SYN,ACK
            CHECK(e.cookie.verdict == SynCookieVerdict::NoSign);
            continue;
        }
        // A spoofed client: never established, its SYN,ACK sent again once, 1 s later.
        ++halfOpen;
        CHECK(e.outcome == SynQueueOutcome::NoAckByEnd);
        CHECK(e.givenUp());
        REQUIRE(e.synAcks.size() == 2);
        CHECK(e.synAcks[0].interval == Approx(0.00003).margin(1e-6));
        CHECK(e.synAcks[1].retry == 1);
        CHECK(e.synAcks[1].interval == Approx(1.0).margin(0.001));
        CHECK_FALSE(e.synAcks[1].afterSyn);
        CHECK(e.synAcks[1].trackerRetransmission);
        CHECK(e.endFrame == e.synAcks[1].frame); // the last retry seen
        CHECK(backoffLabel(e.synAcks[1].interval) == "1 s");
        // A server that sends its SYN,ACK again keeps state: no SYN cookie.
        CHECK(e.cookie.verdict == SynCookieVerdict::NotCookie);
        CHECK(e.cookie.offered == 0); // flood tools send bare SYNs
        CHECK(e.cookie.answered == SynOption::Mss);
    }
    CHECK(halfOpen == 24);
    // The steps: 12 half-open before the real client's SYN, 13 with it, 12 and one established
    // after its ACK, 24 half-open and none established at the end.
    CHECK(at(q, 0.0096).halfOpen == 12);
    CHECK(at(q, 0.0096).established == 1);
    CHECK(q.series.front().t == 0);
    CHECK(q.series.front().halfOpen == 1); // the first SYN, at 0
    CHECK(q.series.back().halfOpen == 24);
    CHECK(q.series.back().established == 0);
    CHECK(q.series.back().t == Approx(q.duration));
    CHECK(q.duration == Approx(1.0209).margin(1e-6));
    for (size_t i = 1; i < q.series.size(); ++i) CHECK(q.series[i - 1].t <= q.series[i].t);
}

TEST_CASE("SYN queue with Linux's back-off: five retries 1, 2, 4, 8, 16 s apart", "[synqueue]") {
    const SessionPtr s = openSample("syn-backoff.pcap");
    const SynQueue q = queueOf(*s);
    CHECK(listeningSocketText(q.socket) == "192.168.10.80:80");
    REQUIRE(q.entries.size() == 2);
    const SynQueueEntry& gone = q.entries[0];
    CHECK(gone.synTime == 0);
    REQUIRE(gone.synAcks.size() == 6);
    CHECK(gone.retries() == 5);
    const double expected[] = {1, 2, 4, 8, 16};
    const char* labels[] = {"1 s", "2 s", "4 s", "8 s", "16 s"};
    for (uint32_t r = 1; r <= 5; ++r) {
        INFO("retry " << r);
        CHECK(gone.synAcks[r].retry == r);
        CHECK(gone.synAcks[r].interval == Approx(expected[r - 1]).margin(0.05));
        CHECK(backoffLabel(gone.synAcks[r].interval) == labels[r - 1]);
        CHECK_FALSE(gone.synAcks[r].afterSyn);
    }
    // Given up as far as the capture shows: after the last retry (frame 16, 31.02 s), no ACK.
    CHECK(gone.outcome == SynQueueOutcome::NoAckByEnd);
    CHECK(gone.givenUp());
    CHECK(gone.endFrame == 16);
    CHECK(gone.endTime == Approx(31.02004).margin(1e-6));
    // Its SYN,ACK answers every option, and the server keeps state: it sends it again.
    CHECK(gone.cookie.verdict == SynCookieVerdict::NotCookie);
    CHECK(gone.cookie.unpromptedSynAcks == 5);
    CHECK(gone.cookie.dropped == 0);

    const SynQueueEntry& kept = q.entries[1];
    CHECK(kept.outcome == SynQueueOutcome::Established);
    CHECK(kept.endTime == Approx(2.3005).margin(1e-6));
    CHECK(q.completed == 1);
    CHECK(q.maxHalfOpen == 2); // the second SYN, until its ACK
    CHECK(q.maxEstablished == 1);
    CHECK(q.halfOpenAtEnd == 1);
    CHECK(at(q, 10.0).halfOpen == 1);
    CHECK(at(q, 10.0).established == 1);
    CHECK(at(q, 69.9).established == 0); // the client's FIN: the server is CLOSE-WAIT
    CHECK(at(q, 69.9).halfOpen == 1);    // the server never stopped waiting, as far as we see

    const std::vector<SynQueueMark> marks = synQueueMarks(q);
    const auto given = std::find_if(marks.begin(), marks.end(), [](const SynQueueMark& m) {
        return m.kind == SynQueueMarkKind::GivenUp;
    });
    REQUIRE(given != marks.end());
    CHECK(given->frame == 16);
    CHECK(synQueueMarkLabel(*given) == "given up");
    const auto retry = std::find_if(marks.begin(), marks.end(), [](const SynQueueMark& m) {
        return m.kind == SynQueueMarkKind::SynAckRetry && m.retry == 3;
    });
    REQUIRE(retry != marks.end());
    CHECK(synQueueMarkLabel(*retry) == "retry 3 (+4 s)");
    for (size_t i = 1; i < marks.size(); ++i) CHECK(marks[i - 1].t <= marks[i].t);
}

TEST_CASE("a SYN,ACK without the options the SYN offered might be a SYN cookie", "[synqueue]") {
    // Two clients: the first SYN,ACK carries only an MSS, the second answers every option.
    const SessionPtr s =
        fromText("12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, "
                 "options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0\n"
                 "12:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, "
                 "win 65535, options [mss 1460], length 0\n"
                 "12:00:00.000300 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 64240, "
                 "length 0\n"
                 "12:00:00.001000 IP 10.0.0.3.40001 > 10.0.0.2.80: Flags [S], seq 2000, win 64240, "
                 "options [mss 1460,sackOK,TS val 200 ecr 0,nop,wscale 7], length 0\n"
                 "12:00:00.001100 IP 10.0.0.2.80 > 10.0.0.3.40001: Flags [S.], seq 7000, ack 2001, "
                 "win 65160, options [mss 1460,sackOK,TS val 900 ecr 200,nop,wscale 7], length 0\n"
                 "12:00:00.001300 IP 10.0.0.3.40001 > 10.0.0.2.80: Flags [.], ack 1, win 502, "
                 "options [nop,nop,TS val 201 ecr 900], length 0\n");
    const SynQueue q = queueOf(*s);
    REQUIRE(q.entries.size() == 2);
    const SynCookieAssessment& cookie = q.entries[0].cookie;
    CHECK(cookie.verdict == SynCookieVerdict::MightBe);
    CHECK(cookie.offered == (SynOption::Mss | SynOption::WindowScale | SynOption::SackPermitted |
                             SynOption::Timestamps));
    CHECK(cookie.answered == SynOption::Mss);
    CHECK(cookie.dropped ==
          (SynOption::WindowScale | SynOption::SackPermitted | SynOption::Timestamps));
    CHECK(cookie.synAckMss == 1460);
    CHECK(cookie.mssInCookieTable);
    const std::string text = synCookieText(cookie);
    CHECK(text.rfind("might be a SYN cookie: ", 0) == 0);
    CHECK(text.find("the SYN offered mss,wscale,sackOK,TS") != std::string::npos);
    CHECK(text.find("none of wscale,sackOK,TS (mss)") != std::string::npos);
    CHECK(text.find("mss 1460") != std::string::npos);
    CHECK(q.entries[0].outcome == SynQueueOutcome::Established);

    const SynCookieAssessment& normal = q.entries[1].cookie;
    CHECK(normal.verdict == SynCookieVerdict::NoSign);
    CHECK(normal.dropped == 0);
    CHECK(synCookieText(normal).rfind("no sign of a SYN cookie", 0) == 0);
    CHECK(synCookieText(normal).find("might be") == std::string::npos);
}

TEST_CASE("SYN queue outcomes: reset, refused, unanswered SYN", "[synqueue]") {
    const SessionPtr s = fromText(
        "12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, "
        "length 0\n"
        "12:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, "
        "win 65535, options [mss 1460], length 0\n"
        "12:00:00.000300 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [R], seq 1001, win 0, length 0\n"
        "12:00:01.000000 IP 10.0.0.3.40001 > 10.0.0.2.80: Flags [S], seq 2000, win 64240, "
        "length 0\n");
    const SynQueue q = queueOf(*s);
    REQUIRE(q.entries.size() == 2);
    CHECK(q.entries[0].outcome == SynQueueOutcome::ResetByClient);
    CHECK(q.entries[0].endFrame == 3);
    CHECK(synQueueOutcomeText(q.entries[0].outcome) == "given up: reset by the client");
    CHECK(q.entries[1].outcome == SynQueueOutcome::NoSynAck);
    CHECK(q.entries[1].cookie.verdict == SynCookieVerdict::Unknown);
    CHECK(at(q, 0.5).halfOpen == 0);

    const SessionPtr refused = openSample("connection-refused.pcap");
    const auto sockets = listeningSockets(*refused);
    REQUIRE(sockets.size() == 2); // 8081 refused the SYN, 8080 listens
    const auto port8081 = std::find_if(sockets.begin(), sockets.end(),
                                       [](const ListeningSocket& l) { return l.port == 8081; });
    REQUIRE(port8081 != sockets.end());
    const SynQueue r = buildSynQueue(*refused, *port8081);
    REQUIRE(r.entries.size() == 1);
    CHECK(r.entries[0].outcome == SynQueueOutcome::Refused);
    CHECK_FALSE(r.entries[0].wasHalfOpen);
    CHECK(r.maxHalfOpen == 0);
}

TEST_CASE("SYN queue texts are in the catalogue and translated", "[synqueue][catalogue]") {
    std::set<std::string> ids;
    for (const CatalogueText& t : textCatalogue()) ids.insert(t.id);
    CHECK(ids.count("synq.cookie.might"));
    CHECK(ids.count("synq.outcome.no_ack"));
    const auto zh = builtinTable("zh_CN");
    REQUIRE(zh);
    installTranslations(*zh);
    const std::string label = backoffLabel(2.0);
    const std::string outcome = synQueueOutcomeText(SynQueueOutcome::NoAckByEnd);
    installTranslations({});
    CHECK(label == "2 秒");
    CHECK(outcome != "given up: last retry seen, no ACK by the end of the capture");
    CHECK(backoffLabel(0.25) == "250 ms");
    CHECK(backoffLabel(1.5) == "1.5 s");
}

TEST_CASE("SYN,ACKs and their retransmissions agree with tshark", "[synqueue][tshark]") {
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed");
        return;
    }
    for (const char* name : {"syn-flood.pcap", "syn-backoff.pcap"}) {
        INFO(name);
        const std::string path = shellQuote((samplesDir() / name).string());
        const std::string filter = "tcp.flags.syn==1 && tcp.flags.ack==1";
        const auto frames = [&](const std::string& f) {
            std::set<uint64_t> out;
            for (const std::string& l :
                 splitLines(runCommand("tshark -r " + path + " -Y " + shellQuote(f) +
                                       " -T fields -e frame.number 2>/dev/null")))
                if (!l.empty()) out.insert(std::stoull(l));
            return out;
        };
        const std::set<uint64_t> synAcks = frames(filter);
        const std::set<uint64_t> retries = frames(filter + " && tcp.analysis.retransmission");
        const SessionPtr s = openSample(name);
        const SynQueue q = queueOf(*s);
        std::set<uint64_t> ours, ourRetries;
        for (const SynQueueEntry& e : q.entries)
            for (const SynAckSend& a : e.synAcks) (a.retry ? ourRetries : ours).insert(a.frame);
        ours.insert(ourRetries.begin(), ourRetries.end());
        CHECK(ours == synAcks);
        CHECK(ourRetries == retries);
    }
}
