// SPDX-License-Identifier: GPL-2.0-or-later
// The per-packet values the stream graphs are drawn from (bytes in flight, bytes pushed, the
// ACK's frame and RTT, the iRTT, the time since the connection's first and previous packet)
// against `tshark -T fields` on every packet of every sample, corpus, tunnel and crafted
// capture. Reviewed differences: tests/data/stream_values_exceptions.txt (file, field, reason).
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tcpscope::test;

namespace {

const std::vector<std::string> kFields = {
    "tcp.stream",
    "tcp.analysis.bytes_in_flight",
    "tcp.analysis.push_bytes_sent",
    "tcp.analysis.acks_frame",
    "tcp.analysis.ack_rtt",
    "tcp.analysis.initial_rtt",
    "tcp.time_relative",
    "tcp.time_delta",
};

} // namespace

TEST_CASE("graph values equal tshark's on every packet of every capture",
          "[fields][tshark][graph]") {
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
        return;
    }
    std::map<std::string, std::set<std::string>> exceptions;
    for (const auto& row : readReviewedRows(dataDir() / "stream_values_exceptions.txt"))
        if (row.size() >= 3 && !row[2].empty()) exceptions[row[0]].insert(row[1]);
    std::vector<std::filesystem::path> captures = capturesUnder(samplesDir());
    for (const auto& d :
         {corpusDir(), sharedDir() / "tunnels", dataDir() / "tunnels", dataDir() / "crafted"})
        for (const auto& p : capturesUnder(d)) captures.push_back(p);
    uint64_t compared = 0, present = 0, excused = 0;
    std::map<std::string, uint64_t> shown; // field -> packets where tshark shows it
    std::vector<std::string> failures;
    for (const auto& path : captures) {
        const std::string name = path.filename().string();
        const auto tl = tsharkFields(path, kFields), ol = cliFields(path, kFields);
        const auto& ex = exceptions[name];
        if (tl.size() != ol.size()) {
            failures.push_back(name + ": " + std::to_string(ol.size()) + " packets, tshark " +
                               std::to_string(tl.size()));
            continue;
        }
        for (size_t i = 0; i < tl.size(); ++i)
            for (size_t k = 0; k < kFields.size(); ++k) {
                ++compared;
                if (!tl[i][k].empty()) ++present, ++shown[kFields[k]];
                if (tl[i][k] == ol[i][k]) continue;
                if (ex.count("*") || ex.count(kFields[k])) {
                    ++excused;
                    continue;
                }
                failures.push_back(name + " frame " + std::to_string(i + 1) + " " + kFields[k] +
                                   ": ours \"" + ol[i][k] + "\", tshark \"" + tl[i][k] + "\"");
            }
    }
    std::string perField;
    for (const auto& [f, n] : shown) perField += " " + f + "=" + std::to_string(n);
    WARN("graph values vs tshark: " << compared << " values compared (" << present << " present), "
                                    << excused << " excused;" << perField);
    for (size_t i = 0; i < failures.size() && i < 60; ++i) UNSCOPED_INFO(failures[i]);
    CHECK(failures.empty());
    CHECK(shown["tcp.analysis.push_bytes_sent"] > 100);
    CHECK(shown["tcp.time_delta"] > (haveCorpus() ? 5000u : 100u));
}
