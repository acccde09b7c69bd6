// SPDX-License-Identifier: GPL-2.0-or-later
// Every packet of every sample (and of the shared corpus) cut at every length: no crash, no
// read outside the bytes, the decoded part kept, and a truncation note on the layer cut short.
#include "dissect_helpers.h"
#include "tcpscope/capture_source.h"
#include "test_support.h"

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

constexpr uint32_t kTruncationBits = Problem::LinkTruncated | Problem::IpTruncated |
                                     Problem::TcpTruncated | Problem::PayloadTruncated;

// Where the IP packet of the full frame ends: cutting after it only removes padding.
uint32_t ipEnd(const PacketSummary& s) {
    return s.ipVersion ? s.ipOffset + s.ipTotalLength : 0;
}

struct Counts {
    uint64_t frames = 0, cuts = 0;
};

void cutEveryLength(const OwnedFrame& of, bool withTree, Counts& counts) {
    Frame full = of.view();
    PacketSummary fullSummary;
    dissectFrame(full, fullSummary, nullptr);
    ++counts.frames;
    for (size_t len = 0; len < of.bytes.size(); ++len) {
        // A fresh heap copy of exactly `len` bytes, so a sanitizer build sees any overread.
        std::vector<uint8_t> cut(of.bytes.begin(), of.bytes.begin() + long(len));
        Frame f = full;
        f.data = cut;
        PacketSummary s;
        ProtoTree tree;
        dissectFrame(f, s, withTree ? &tree : nullptr);
        ++counts.cuts;
        bool cutInsidePacket = fullSummary.ipVersion && len < ipEnd(fullSummary);
        if (!cutInsidePacket || (fullSummary.problems & Problem::IpMalformed)) continue;
        INFO("frame " << of.number << " cut to " << len << " of " << of.bytes.size() << " bytes");
        CHECK((s.problems & kTruncationBits) != 0);
        if (withTree) {
            bool noted = false;
            for (auto& [node, note] : tree.allNotes()) noted = noted || note->id == "_ws.truncated";
            CHECK(noted);
            // What was decoded is kept: the first layer is still there.
            CHECK_FALSE(tree.roots().empty());
        }
        // The ports survive as soon as their four bytes are there.
        if (fullSummary.hasTcp && len >= fullSummary.tcpOffset + 4) {
            CHECK(s.srcPort == fullSummary.srcPort);
            CHECK(s.dstPort == fullSummary.dstPort);
        }
    }
}

} // namespace

TEST_CASE("every sample packet cut at every length", "[truncation]") {
    Counts counts;
    for (const auto& path : capturesUnder(samplesDir())) {
        LoadedInput in = loadPath(path.string());
        INFO(path.string());
        REQUIRE_FALSE(in.error);
        for (const OwnedFrame& f : in.frames) cutEveryLength(f, true, counts);
    }
    for (const char* text : {"article-redis-handshake.txt"}) {
        LoadedInput in = loadPath((samplesDir() / text).string());
        REQUIRE_FALSE(in.error);
        for (const OwnedFrame& f : in.frames) cutEveryLength(f, true, counts);
    }
    CHECK(counts.frames >= 12);
    CHECK(counts.cuts >= 800); // 12 frames of 59-140 bytes
}

TEST_CASE("every corpus packet cut at every length (first pass, no tree)", "[truncation]") {
    if (!haveCorpus()) {
        WARN("SKIPPED: ../shared/corpus is absent");
        return;
    }
    Counts counts;
    for (const auto& path : capturesUnder(corpusDir())) {
        LoadedInput in = loadPath(path.string());
        for (const OwnedFrame& f : in.frames) {
            if (f.bytes.size() > 2000) continue; // bounded run time; big TSO frames add nothing
            cutEveryLength(f, false, counts);
        }
    }
    INFO("frames " << counts.frames << ", cuts " << counts.cuts);
    CHECK(counts.frames > 1000);
}

TEST_CASE("every tunnelled packet cut at every length, with a tree", "[truncation][tunnels]") {
    // The crafted captures always; tcpdump's tunnel captures when ../shared is there.
    std::vector<std::filesystem::path> captures = capturesUnder(dataDir() / "tunnels");
    for (const auto& p : capturesUnder(sharedDir() / "tunnels")) captures.push_back(p);
    Counts counts;
    for (const auto& path : captures) {
        LoadedInput in = loadPath(path.string());
        INFO(path.string());
        REQUIRE_FALSE(in.error);
        for (const OwnedFrame& f : in.frames) {
            if (f.bytes.size() > 2000) continue; // the GSO super-segments add nothing but time
            cutEveryLength(f, true, counts);
        }
    }
    INFO("frames " << counts.frames << ", cuts " << counts.cuts);
    CHECK(counts.frames >= 260);
}
