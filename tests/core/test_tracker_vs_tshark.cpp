// SPDX-License-Identifier: GPL-2.0-or-later
// Differential test of the connection tracker against tshark 4.0: every capture under
// ../shared/corpus is decoded by TcpScope itself (loadPath -> dissectFrame ->
// segmentFromSummary -> ConnectionTracker) and compared packet by packet with
// `tshark -T fields`. tcp.stream, tcp.seq, tcp.ack, tcp.len, tcp.nxtseq, tcp.window_size and
// tcp.window_size_scalefactor must agree on every packet; each tcp.analysis.* flag on at least
// 99% of packets. Every remaining difference is listed, with its reason, in
// tests/data/tshark_analysis_differences.txt (file, field, frames, reason).
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

const std::vector<std::string> kExact = {"tcp.stream",
                                         "tcp.seq",
                                         "tcp.ack",
                                         "tcp.len",
                                         "tcp.nxtseq",
                                         "tcp.window_size",
                                         "tcp.window_size_scalefactor"};
const std::vector<std::pair<std::string, uint32_t>> kFlags = {
    {"tcp.analysis.retransmission", TcpAnalysisFlag::Retransmission},
    {"tcp.analysis.fast_retransmission", TcpAnalysisFlag::FastRetransmission},
    {"tcp.analysis.spurious_retransmission", TcpAnalysisFlag::SpuriousRetransmission},
    {"tcp.analysis.out_of_order", TcpAnalysisFlag::OutOfOrder},
    {"tcp.analysis.lost_segment", TcpAnalysisFlag::LostSegment},
    {"tcp.analysis.ack_lost_segment", TcpAnalysisFlag::AckLostSegment},
    {"tcp.analysis.duplicate_ack", TcpAnalysisFlag::DuplicateAck},
    {"tcp.analysis.zero_window", TcpAnalysisFlag::ZeroWindow},
    {"tcp.analysis.zero_window_probe", TcpAnalysisFlag::ZeroWindowProbe},
    {"tcp.analysis.zero_window_probe_ack", TcpAnalysisFlag::ZeroWindowProbeAck},
    {"tcp.analysis.window_full", TcpAnalysisFlag::WindowFull},
    {"tcp.analysis.window_update", TcpAnalysisFlag::WindowUpdate},
    {"tcp.analysis.keep_alive", TcpAnalysisFlag::KeepAlive},
    {"tcp.analysis.keep_alive_ack", TcpAnalysisFlag::KeepAliveAck},
};

// file name -> field -> reason
std::map<std::string, std::map<std::string, std::string>> loadDifferences() {
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const std::string& line :
         splitLines(readFile(dataDir() / "tshark_analysis_differences.txt"))) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = splitTabs(line);
        if (cols.size() >= 4 && !cols[3].empty()) out[cols[0]][cols[1]] = cols[3];
    }
    return out;
}

// Our value of a field, rendered as tshark prints it ("" when tshark shows nothing).
std::string ourValue(const std::string& field, const TcpPacketAnalysis& p) {
    if (field == "tcp.stream") return std::to_string(p.stream);
    if (field == "tcp.seq") return std::to_string(p.seq);
    if (field == "tcp.ack") return std::to_string(p.ack);
    if (field == "tcp.len") return std::to_string(p.len);
    if (field == "tcp.nxtseq") return std::to_string(p.nxtseq);
    if (field == "tcp.window_size") return std::to_string(p.windowSize);
    if (field == "tcp.window_size_scalefactor")
        return p.hasScalefactor ? std::to_string(p.windowSizeScalefactor) : std::string();
    return {};
}

} // namespace

TEST_CASE("tracker agrees with tshark on every corpus capture", "[tracker][tshark]") {
    if (!haveCorpus()) {
        WARN("SKIPPED: ../shared/corpus is absent");
        return;
    }
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed");
        return;
    }
    const auto differences = loadDifferences();
    std::map<std::string, uint64_t> flagDiffs;
    uint64_t packets = 0;
    std::ostringstream unexplained;

    // The corpus, and the bundled samples (the classroom scenarios are built by a script:
    // tshark reading them as the tracker does is what shows they are faithful).
    std::vector<std::filesystem::path> captures = capturesUnder(corpusDir());
    for (const auto& p : capturesUnder(samplesDir())) captures.push_back(p);
    for (const auto& path : captures) {
        const std::string name =
            path.parent_path() == samplesDir()
                ? "samples/" + path.filename().string()
                : std::filesystem::relative(path, corpusDir()).generic_string();
        std::string cmd = "tshark -n -r " + shellQuote(path.string()) +
                          " -Y tcp -T fields -E occurrence=l -e frame.number";
        for (const auto& f : kExact) cmd += " -e " + f;
        for (const auto& [f, bit] : kFlags) cmd += " -e " + f;
        cmd += " 2>/dev/null";
        const auto tsharkLines = splitLines(runCommand(cmd));

        // TcpScope's own decoding.
        LoadedInput input = loadPath(path.string());
        ConnectionTracker tracker;
        std::map<uint64_t, size_t> byFrame;
        for (const OwnedFrame& f : input.frames) {
            const Frame view = f.view();
            PacketSummary summary;
            dissectFrame(view, summary, nullptr);
            if (auto seg = segmentFromSummary(view, summary)) {
                tracker.add(*seg);
                byFrame[view.number] = tracker.packets().size() - 1;
            }
        }

        const auto fileDiffs =
            differences.count(name) ? differences.at(name) : std::map<std::string, std::string>{};
        std::map<std::string, std::vector<std::string>> mismatches; // field -> frames
        for (const std::string& line : tsharkLines) {
            const auto cols = splitTabs(line);
            if (cols.size() < 1 + kExact.size() + kFlags.size() || cols[1].empty()) continue;
            const uint64_t frame = std::stoull(cols[0]);
            auto it = byFrame.find(frame);
            if (it == byFrame.end()) {
                mismatches["missing"].push_back(cols[0]);
                continue;
            }
            const TcpPacketAnalysis& p = tracker.packets()[it->second];
            ++packets;
            for (size_t i = 0; i < kExact.size(); ++i)
                if (ourValue(kExact[i], p) != cols[1 + i]) mismatches[kExact[i]].push_back(cols[0]);
            for (size_t i = 0; i < kFlags.size(); ++i) {
                const bool theirs = !cols[1 + kExact.size() + i].empty();
                const bool ours = (p.analysisFlags & kFlags[i].second) != 0;
                if (theirs != ours) {
                    mismatches[kFlags[i].first].push_back(cols[0]);
                    ++flagDiffs[kFlags[i].first];
                }
            }
        }
        for (const auto& [field, frames] : mismatches) {
            if (fileDiffs.count(field)) continue;
            unexplained << name << "\t" << field << "\t";
            for (size_t i = 0; i < frames.size() && i < 20; ++i)
                unexplained << (i ? "," : "") << frames[i];
            unexplained << "\n";
        }
    }
    INFO("unexplained differences (file, field, frames):\n" << unexplained.str());
    CHECK(unexplained.str().empty());
    REQUIRE(packets > 5000);
    for (const auto& [field, n] : flagDiffs) {
        INFO(field << ": " << n << " of " << packets << " packets differ");
        CHECK(double(n) <= 0.01 * double(packets));
    }
}
