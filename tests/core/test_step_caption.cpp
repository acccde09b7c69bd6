// SPDX-License-Identifier: GPL-2.0-or-later
// Classroom captions (step_caption.h) on the scenario samples: the numbers in the words are the
// packet's real numbers, and the state lines are the tracker's.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/step_caption.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {
ConnectionTracker trackSample(const std::string& name) {
    return trackCapture(samplesDir() / name);
}
bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}
} // namespace

TEST_CASE("captions of the seed session tell the handshake and the close", "[caption]") {
    ConnectionTracker t = trackSample("lifecycle-seed-session.pcap");
    REQUIRE(t.packets().size() == 10);
    StepCaption syn = explainStep(t, 0);
    CHECK(has(syn.headline, "opens a connection"));
    CHECK(has(syn.headline, "127.0.0.1:57729"));
    CHECK(has(syn.detail, "860356044"));
    CHECK(has(syn.states, "client: CLOSED \u2192 SYN-SENT"));
    CHECK(has(syn.states, "server: LISTEN \u2192 SYN-RECEIVED"));

    StepCaption synack = explainStep(t, 1);
    CHECK(synack.headline == "The server answers with SYN,ACK.");
    CHECK(has(synack.detail, "ISN 4012548670"));
    CHECK(has(synack.detail, "client ISN + 1 = 860356045"));
    CHECK(has(synack.states, "SYN-SENT \u2192 ESTABLISHED"));

    StepCaption third = explainStep(t, 2);
    CHECK(has(third.headline, "three-way handshake is complete"));
    CHECK(has(third.detail, "4012548671"));

    StepCaption push = explainStep(t, 3);
    CHECK(push.headline == "The client sends 10 bytes of data.");
    CHECK(has(push.detail, "Bytes 1 to 10"));
    CHECK(has(push.detail, "next seq 11"));
    CHECK(push.states == "Both ends stay ESTABLISHED.");

    StepCaption fin = explainStep(t, 7);
    CHECK(fin.headline == "The client closes its side: FIN.");
    CHECK(has(fin.detail, "ack 12"));
    CHECK(has(fin.states, "client: ESTABLISHED \u2192 FIN-WAIT-1"));
    CHECK(has(fin.states, "server: ESTABLISHED \u2192 CLOSE-WAIT"));
    CHECK(fin.analysis.empty());
}

TEST_CASE("captions name the analysis: dup ACKs, retransmissions, zero window", "[caption]") {
    ConnectionTracker t = trackSample("retransmission-dupack.pcap");
    int dup = 0, retrans = 0;
    for (size_t i = 0; i < t.packets().size(); ++i) {
        const StepCaption c = explainStep(t, i);
        if (t.packets()[i].analysisFlags & TcpAnalysisFlag::DuplicateAck) {
            ++dup;
            // "duplicate ACK #2" in the headline; in TIME-WAIT, answering a repeated FIN,
            // "Wireshark calls it a duplicate ACK (#1)" in the detail.
            const std::string n = std::to_string(t.packets()[i].duplicateAckNum);
            CHECK((has(c.headline, "duplicate ACK #" + n) ||
                   has(c.detail, "a duplicate ACK (#" + n + ")")));
            CHECK(has(c.analysis, "Duplicate ACK"));
        }
        if (t.packets()[i].analysisFlags & TcpAnalysisFlag::FastRetransmission) {
            ++retrans;
            CHECK(has(c.headline, "again"));
            CHECK(has(c.analysis, "fast retransmission"));
        }
    }
    CHECK(dup >= 3);
    CHECK(retrans == 1);

    ConnectionTracker z = trackSample("zero-window.pcap");
    int probes = 0;
    for (size_t i = 0; i < z.packets().size(); ++i)
        if (z.packets()[i].analysisFlags & TcpAnalysisFlag::ZeroWindowProbe) {
            ++probes;
            CHECK(has(explainStep(z, i).headline, "probes the closed window"));
        }
    CHECK(probes == 2);
}

TEST_CASE("every packet of every scenario gets a caption", "[caption]") {
    for (const auto& path : capturesUnder(samplesDir())) {
        ConnectionTracker t = trackSample(path.filename().string());
        for (size_t i = 0; i < t.packets().size(); ++i) {
            INFO(path.filename().string() << " packet " << i + 1);
            const StepCaption c = explainStep(t, i);
            CHECK_FALSE(c.headline.empty());
            CHECK_FALSE(c.states.empty());
        }
    }
    CHECK(explainStep(ConnectionTracker{}, 0).headline.empty());
}
