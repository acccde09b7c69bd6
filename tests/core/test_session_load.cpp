// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's load (CaptureSession::open) keeps only compact rows and composes each packet's
// record from its frame, its connection and the row: every record and every analysis must be
// what the one first pass hands on, field by field, on every capture of the samples and the
// corpus (and on any capture named in TCPSCOPE_LOAD_COMPARE, colon-separated: the benchmark's
// large files, which take too long for every run).
#include "tcpscope/capture_session.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/lazy_allocator.h"
#include "tcpscope/tcp_segment.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

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

// The viewer's load of one capture against the first pass over it, packet by packet.
void checkLoadMatchesPass(const std::string& path) {
    INFO(path);
    const SessionPtr session = CaptureSession::open(path, DissectOptions{});
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
    const LoadedInput in = pass.run(path);
    CHECK(in.error.has_value() == session->error().has_value());
    REQUIRE(session->size() == want.size());
    // The records, briefs and descriptions come from what the load kept: nothing recomputed.
    size_t described = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        const std::optional<PacketBrief> brief = session->brief(i);
        const TcpPacketAnalysis* b =
            want[i].analysis < 0 ? nullptr : pass.tracker().packet(size_t(want[i].analysis));
        REQUIRE(brief.has_value() == (b != nullptr));
        if (brief) CHECK(*brief == PacketBrief::of(*b));
        if (!brief || !(brief->analysisFlags & TcpAnalysisFlag::DuplicateAck))
            described += !session->describe(i).info.empty();
    }
    CHECK(described > 0);
    CHECK(session->recomputedPairs() == 0);
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
    // Every analysis asked for: each pair recomputed once (a pair holds one or more streams).
    CHECK(session->recomputedPairs() <= session->tracker().connections().size());
    if (!session->tracker().connections().empty()) CHECK(session->recomputedPairs() > 0);
}

// Every analysis of a file's session recomputed on demand, asked for in an order that is not
// the pair's (last packet first), and from two threads at once (one ascending, one
// descending), against the one first pass that kept them all. And asking for a pair's first
// packet tracks it only as far as that result is settled, not to the pair's end.
void checkRecomputedInAnyOrder(const std::string& path, size_t& partlyTracked) {
    INFO(path);
    FirstPassOptions o;
    o.dissect.verifyChecksums = false; // as the viewer's load
    o.keepAnalyses = true;
    o.handOnAtRead = true;
    std::vector<int32_t> index; // each row's packet index
    FirstPass pass(o, [&](const PassPacket& p) {
        index.push_back(p.analysisIndex == SIZE_MAX ? -1 : int32_t(p.analysisIndex));
        return true;
    });
    pass.run(path);
    auto same = [&](const CaptureSession& s, size_t i) {
        const TcpPacketAnalysis* a = s.analysis(i);
        const TcpPacketAnalysis* b =
            index[i] < 0 ? nullptr : pass.tracker().packet(size_t(index[i]));
        return (a == nullptr) == (b == nullptr) && (!a || *a == *b);
    };
    const SessionPtr backwards = CaptureSession::open(path, DissectOptions{});
    REQUIRE(backwards);
    REQUIRE(backwards->size() == index.size());
    size_t differ = 0;
    for (size_t i = index.size(); i-- > 0;) differ += !same(*backwards, i);
    CHECK(differ == 0);

    const SessionPtr shared = CaptureSession::open(path, DissectOptions{});
    std::atomic<size_t> differing{0};
    std::thread up([&] {
        for (size_t i = 0; i < index.size(); ++i) differing += !same(*shared, i);
    });
    for (size_t i = index.size(); i-- > 0;) differing += !same(*shared, i);
    up.join();
    CHECK(differing == 0);
    CHECK(shared->recomputedPackets() == backwards->recomputedPackets());

    // The first tracked packet alone.
    const auto first = std::find_if(index.begin(), index.end(), [](int32_t a) { return a >= 0; });
    if (first == index.end()) return;
    const SessionPtr one = CaptureSession::open(path, DissectOptions{});
    const size_t row = size_t(first - index.begin());
    CHECK(same(*one, row));
    CHECK(one->recomputedPairs() == 1);
    const auto& conns = pass.tracker().connections();
    const uint32_t pair = conns[pass.tracker().packet(size_t(*first))->stream].pairFirst;
    size_t pairPackets = 0;
    for (int32_t a : index)
        if (a >= 0 && conns[pass.tracker().packet(size_t(a))->stream].pairFirst == pair)
            ++pairPackets;
    CHECK(one->recomputedPackets() >= 1);
    CHECK(one->recomputedPackets() <= pairPackets);
    if (pairPackets >= 100 && one->recomputedPackets() * 4 < pairPackets) ++partlyTracked;
}

} // namespace

TEST_CASE("the viewer's load keeps what the one first pass hands on", "[session][load]") {
    for (const auto& path : loadCaptures()) checkLoadMatchesPass(path.string());
}

TEST_CASE("an analysis recomputed on demand is the first pass's in any order and from two "
          "threads, and is tracked only until it is settled",
          "[session][load]") {
    size_t partlyTracked = 0;
    for (const auto& path : loadCaptures()) checkRecomputedInAnyOrder(path.string(), partlyTracked);
    // Captures whose first pair has 100 packets or more, of which asking for the first packet
    // tracked less than a quarter.
    CHECK(partlyTracked >= 3);
}

TEST_CASE("a large capture loads as the first pass reads it, dissected and its pages readied "
          "by either thread",
          "[session][load]") {
    // Past the size where the loader reads on a second thread, which dissects batches while it
    // is ahead, and where either thread, when it would wait, readies the pages of the rows,
    // frame records, copied bytes (pcapng) and results ahead: the sample's connections over and
    // over, mapped (pcap) and copied (pcapng).
    const LoadedInput in = loadPath((samplesDir() / "retransmission-dupack.pcap").string());
    REQUIRE(!in.frames.empty());
    const auto dir = std::filesystem::temp_directory_path();
    for (auto [name, format] : {std::pair{"tcpscope-load.pcap", CaptureFileFormat::Pcap},
                                std::pair{"tcpscope-load.pcapng", CaptureFileFormat::Pcapng}}) {
        const std::string path = (dir / name).string();
        std::string error;
        REQUIRE(writeRepeatedCapture(path, format, 80000, in.frames, error));
        REQUIRE(std::filesystem::file_size(path) > (uint64_t(4) << 20));
        checkLoadMatchesPass(path);
        std::filesystem::remove(path);
    }
}

TEST_CASE("pages readied ahead of a vector's writer are there and keep what was written",
          "[session][load]") {
    // 1M eight-byte elements (8 MiB, mapped), written by this thread while another readies the
    // pages ahead of it.
    std::vector<uint64_t, LazyAllocator<uint64_t>> v;
    v.reserve(size_t(1) << 20);
    PagesAhead ahead;
    ahead.track(v, 65536);
    const size_t page = size_t(sysconf(_SC_PAGESIZE));
    auto resident = [&](size_t element) {
        const uintptr_t at = reinterpret_cast<uintptr_t>(v.data() + element) & ~(page - 1);
        unsigned char in = 0;
        REQUIRE(mincore(reinterpret_cast<void*>(at), page, &in) == 0);
        return (in & 1) != 0;
    };
    CHECK_FALSE(resident(1000));
    ahead.ready(); // the first 2 MiB at most: 65536 elements (512 KiB) ahead of none written
    if (!ahead.supported()) {
        WARN("this kernel cannot populate pages ahead (MADV_POPULATE_WRITE): faults stay where "
             "they were");
    } else {
        CHECK(resident(1000));
        CHECK(resident(65535));
        CHECK_FALSE(resident((size_t(4) << 20) / 8)); // 4 MiB in: past one call's 2 MiB
    }
    std::atomic<bool> done{false};
    std::thread reader([&] {
        while (!done.load()) ahead.ready();
    });
    for (uint64_t i = 0; i < v.capacity(); ++i) {
        v.push_back(i * 7 + 1);
        if (i % 1024 == 0) ahead.written(v.size());
    }
    done = true;
    reader.join();
    bool same = true;
    for (uint64_t i = 0; i < v.size(); ++i) same = same && v[i] == i * 7 + 1;
    CHECK(same);
}
