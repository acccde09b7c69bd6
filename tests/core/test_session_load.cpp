// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's load (CaptureSession::open) keeps only compact rows and composes each packet's
// record from its frame, its connection and the row: every record and every analysis must be
// what the one first pass hands on, field by field, on every capture of the samples and the
// corpus (and on any capture named in TCPSCOPE_LOAD_COMPARE, colon-separated: the benchmark's
// large files, which take too long for every run).
#include "tcpscope/capture_session.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/tcp_segment.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

std::vector<std::filesystem::path> loadCaptures() {
    auto out = capturesUnder(samplesDir());
    for (auto& p : capturesUnder(corpusDir())) out.push_back(p);
    if (const char* more = std::getenv("TCPSCOPE_LOAD_COMPARE")) {
        std::stringstream list(more);
        for (std::string path; std::getline(list, path, ':');)
            if (!path.empty()) out.emplace_back(path);
    }
    return out;
}

// A packet's record as the viewer built it when it stored one per packet.
PacketRecord expectedRecord(const PassPacket& p) {
    PacketRecord r;
    r.ts = p.frame->ts;
    r.number = p.frame->number;
    r.capturedLength = static_cast<uint32_t>(p.frame->data.size());
    r.originalLength = p.frame->originalLength ? p.frame->originalLength : r.capturedLength;
    const PacketSummary& s = *p.summary;
    r.src = s.src;
    r.dst = s.dst;
    r.ipVersion = s.ipVersion;
    r.problems = s.problems;
    r.hasTcp = s.hasTcp;
    r.protocol = s.topProtocol;
    if (s.hasTcp) {
        r.srcPort = s.srcPort;
        r.dstPort = s.dstPort;
        r.flags = s.flags;
    }
    r.hasTimestamp = p.hasTimestamp;
    r.source = static_cast<uint32_t>(p.index);
    if (p.analysisIndex != SIZE_MAX) r.analysis = static_cast<int32_t>(p.analysisIndex);
    return r;
}

void checkSameRecord(const PacketRecord& got, const PacketRecord& want) {
    CHECK(got.ts == want.ts);
    CHECK(got.src == want.src);
    CHECK(got.dst == want.dst);
    CHECK(got.number == want.number);
    CHECK(got.source == want.source);
    CHECK(got.analysis == want.analysis);
    CHECK(got.capturedLength == want.capturedLength);
    CHECK(got.originalLength == want.originalLength);
    CHECK(got.problems == want.problems);
    CHECK(got.srcPort == want.srcPort);
    CHECK(got.dstPort == want.dstPort);
    CHECK(got.flags == want.flags);
    CHECK(got.protocol == want.protocol);
    CHECK(got.ipVersion == want.ipVersion);
    CHECK(got.hasTcp == want.hasTcp);
    CHECK(got.hasBytes == want.hasBytes);
    CHECK(got.hasTimestamp == want.hasTimestamp);
}

} // namespace

TEST_CASE("the viewer's load keeps what the one first pass hands on", "[session][load]") {
    for (const auto& path : loadCaptures()) {
        INFO(path.string());
        const SessionPtr session = CaptureSession::open(path.string(), DissectOptions{});
        REQUIRE(session);
        FirstPassOptions o;
        o.dissect.verifyChecksums = false; // as the viewer's load
        o.keepAnalyses = true;
        o.handOnAtRead = true;
        std::vector<PacketRecord> want;
        FirstPass pass(o, [&](const PassPacket& p) {
            want.push_back(expectedRecord(p));
            return true;
        });
        const LoadedInput in = pass.run(path.string());
        CHECK(in.error.has_value() == session->error().has_value());
        REQUIRE(session->size() == want.size());
        size_t mismatched = 0;
        for (size_t i = 0; i < want.size() && mismatched < 5; ++i) {
            INFO("packet " << i);
            const PacketRecord got = session->record(i);
            checkSameRecord(got, want[i]);
            const TcpPacketAnalysis* a = session->analysis(i);
            const TcpPacketAnalysis* b =
                want[i].analysis < 0 ? nullptr : pass.tracker().packet(size_t(want[i].analysis));
            REQUIRE((a == nullptr) == (b == nullptr));
            if (a && !(*a == *b)) {
                ++mismatched;
                FAIL_CHECK("analysis differs");
            }
            if (got.number != want[i].number || got.src != want[i].src) ++mismatched;
        }
        CHECK(session->tracker().connections().size() == pass.tracker().connections().size());
    }
}
