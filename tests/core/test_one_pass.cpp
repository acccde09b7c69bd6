// SPDX-License-Identifier: GPL-2.0-or-later
// What makes `fields` a single pass and `conversations` free of per-packet memory: a
// tree that keeps only the requested fields gives the same values as the full tree; the
// tracker's results before firstUnsettled() never change again; the tracker without per-packet
// results finds the same connections; `fields -c N` prints the first N lines of the whole run.
#include "tcpscope/analysis_fields.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tree_format.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// The samples, and the shared corpus when it is there.
std::vector<std::filesystem::path> captures() {
    auto out = capturesUnder(samplesDir());
    for (auto& p : capturesUnder(corpusDir())) out.push_back(p);
    return out;
}

std::vector<FieldId> allFields() {
    registerAllProtocols();
    std::vector<FieldId> ids;
    for (size_t i = 0; i < FieldRegistry::instance().size(); ++i)
        ids.push_back(static_cast<FieldId>(i));
    return ids;
}

bool sameStep(const EndpointStep& a, const EndpointStep& b) {
    return a.before == b.before && a.after == b.after && a.event == b.event;
}

bool sameResult(const TcpPacketAnalysis& a, const TcpPacketAnalysis& b) {
    return a.frameNumber == b.frameNumber && a.stream == b.stream && a.seq == b.seq &&
           a.ack == b.ack && a.nxtseq == b.nxtseq && a.analysisFlags == b.analysisFlags &&
           a.notes == b.notes && sameStep(a.client, b.client) && sameStep(a.server, b.server);
}

} // namespace

TEST_CASE("a tree keeping some fields gives the same values as the full tree", "[one-pass]") {
    const std::vector<FieldId> all = allFields();
    // Every field at once, and a few small sets as `fields -e` asks for them.
    const std::vector<std::vector<FieldId>> sets = {
        all,
        {fieldId("tcp.seq_raw"), fieldId("tcp.flags.str"), fieldId("tcp.payload")},
        {fieldId("frame.time_epoch"), fieldId("eth.src"), fieldId("ip.len"), fieldId("tcp")},
        {fieldId("tcp.options.timestamp.tsval"), fieldId("tcp.option_kind"), fieldId("ipv6.src")},
    };
    DissectOptions opts;
    opts.displayText = false;
    size_t frames = 0;
    for (const auto& path : captures()) {
        INFO(path.string());
        LoadedInput in = loadPath(path.string());
        for (const OwnedFrame& of : in.frames) {
            const Frame f = of.view();
            PacketSummary s1, s2;
            ProtoTree full;
            dissectFrame(f, s1, &full, opts);
            for (const auto& ids : sets) {
                ProtoTree kept;
                kept.keepOnly(ids);
                dissectFrame(f, s2, &kept, opts);
                INFO("frame " << f.number);
                CHECK(formatFieldsLine(kept, f.data, ids) == formatFieldsLine(full, f.data, ids));
                for (const TreeNode& n : kept.nodes())
                    CHECK(std::find(ids.begin(), ids.end(), n.field) != ids.end());
                // The summary does not depend on the tree.
                CHECK(s2.seq == s1.seq);
                CHECK(s2.payloadLength == s1.payloadLength);
                CHECK(s2.problems == s1.problems);
            }
            ++frames;
        }
    }
    CHECK(frames > 100);
}

TEST_CASE("results before firstUnsettled() are final, and the tracker without them agrees",
          "[one-pass]") {
    size_t amended = 0, packets = 0;
    for (const auto& path : captures()) {
        INFO(path.string());
        LoadedInput in = loadPath(path.string());
        ConnectionTracker keep, lean;
        lean.setKeepPackets(false);
        std::vector<TcpPacketAnalysis> settled; // copies taken the moment each result settled
        std::vector<TcpPacketAnalysis> asAdded; // copies taken right after add()
        for (const OwnedFrame& of : in.frames) {
            const Frame f = of.view();
            PacketSummary s;
            dissectFrame(f, s, nullptr, DissectOptions{});
            auto seg = segmentFromSummary(f, s);
            if (!seg) continue;
            asAdded.push_back(keep.add(*seg));
            const TcpPacketAnalysis& r = lean.add(*seg);
            CHECK(sameResult(r, asAdded.back())); // the same result, kept or not
            const size_t first = keep.firstUnsettled();
            CHECK(first <= keep.packetCount());
            while (settled.size() < first) settled.push_back(keep.packets()[settled.size()]);
        }
        REQUIRE(keep.packets().size() == asAdded.size());
        while (settled.size() < keep.packets().size())
            settled.push_back(keep.packets()[settled.size()]);
        for (size_t i = 0; i < settled.size(); ++i) {
            INFO("packet " << i);
            CHECK(sameResult(settled[i], keep.packets()[i]));
            if (!sameResult(asAdded[i], keep.packets()[i])) ++amended;
        }
        packets += settled.size();
        CHECK(lean.packets().empty());
        CHECK(lean.packetCount() == keep.packetCount());
        CHECK(formatConversations(lean) == formatConversations(keep));
    }
    CHECK(packets > 100);
    // simultaneous-open.pcap and connection-refused.pcap amend earlier packets: the check above
    // saw amendments happen after add() and still found every settled copy final.
    CHECK(amended > 0);
}

TEST_CASE("fields -c N prints the first N lines of the whole run", "[one-pass][cli]") {
    const std::string fields = " -e frame.number -e tcp.stream -e tcp.seq -e tcpfsm.client_prev "
                               "-e tcpfsm.client -e tcpfsm.server -e tcpfsm.event ";
    for (const char* name : {"simultaneous-open.pcap", "connection-refused.pcap",
                             "simultaneous-close.pcap", "redis-ping-pong.pcap"}) {
        const std::string file = shellQuote((samplesDir() / name).string());
        const auto whole = splitLines(runCommand(cliPath() + " fields" + fields + file));
        REQUIRE(whole.size() >= 3);
        for (size_t n : {size_t(1), size_t(2), whole.size() - 1}) {
            INFO(name << " -c " << n);
            const auto head = splitLines(
                runCommand(cliPath() + " fields -c " + std::to_string(n) + fields + file));
            CHECK(head == std::vector<std::string>(whole.begin(), whole.begin() + long(n)));
        }
    }
}
