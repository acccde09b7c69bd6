// SPDX-License-Identifier: GPL-2.0-or-later
// Differential test: for every capture under ../shared/corpus, `tcpscope-cli fields` prints the
// same value as `tshark -T fields` for each of the IP/TCP field abbreviations below, on every
// packet. Remaining differences must be listed, with the reason, in
// tests/data/tshark_fields_exceptions.txt (file, field, reason).
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tcpscope::test;

namespace {

const std::vector<std::string> kFields = {
    "frame.len",
    "frame.cap_len",
    "eth.src",
    "eth.dst",
    "eth.type",
    "vlan.id",
    "ip.version",
    "ip.hdr_len",
    "ip.dsfield",
    "ip.dsfield.dscp",
    "ip.dsfield.ecn",
    "ip.len",
    "ip.id",
    "ip.flags",
    "ip.flags.rb",
    "ip.flags.df",
    "ip.flags.mf",
    "ip.frag_offset",
    "ip.ttl",
    "ip.proto",
    "ip.checksum",
    "ip.src",
    "ip.dst",
    "ipv6.version",
    "ipv6.tclass",
    "ipv6.tclass.dscp",
    "ipv6.tclass.ecn",
    "ipv6.flow",
    "ipv6.plen",
    "ipv6.nxt",
    "ipv6.hlim",
    "ipv6.src",
    "ipv6.dst",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.hdr_len",
    "tcp.flags",
    "tcp.flags.res",
    "tcp.flags.ae",
    "tcp.flags.cwr",
    "tcp.flags.ece",
    "tcp.flags.urg",
    "tcp.flags.ack",
    "tcp.flags.push",
    "tcp.flags.reset",
    "tcp.flags.syn",
    "tcp.flags.fin",
    "tcp.flags.str",
    "tcp.window_size_value",
    "tcp.checksum",
    "tcp.checksum.status",
    "tcp.urgent_pointer",
    "tcp.len",
    "tcp.option_kind",
    "tcp.option_len",
    "tcp.options.mss_val",
    "tcp.options.wscale.shift",
    "tcp.options.wscale.multiplier",
    "tcp.options.timestamp.tsval",
    "tcp.options.timestamp.tsecr",
    "tcp.options.sack_perm",
    "tcp.options.sack.count",
    "tcp.options.mptcp.subtype",
    "tcp.options.tfo.cookie",
};

// file name -> fields whose differences are explained in the exceptions file.
std::map<std::string, std::set<std::string>> loadExceptions() {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& cols : readReviewedRows(dataDir() / "tshark_fields_exceptions.txt"))
        if (cols.size() >= 3 && !cols[2].empty()) out[cols[0]].insert(cols[1]);
    return out;
}

} // namespace

TEST_CASE("fields equal tshark's on every corpus capture", "[fields][tshark]") {
    if (!haveCorpus()) {
        WARN("SKIPPED: ../shared/corpus is absent");
        return;
    }
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
        return;
    }
    REQUIRE(kFields.size() >= 40);
    auto exceptions = loadExceptions();
    uint64_t compared = 0, excused = 0;
    std::vector<std::string> failures;
    std::vector<std::filesystem::path> captures = capturesUnder(corpusDir());
    for (const auto& p : capturesUnder(samplesDir())) captures.push_back(p);
    for (const auto& path : captures) {
        std::string name = path.filename().string();
        const auto tl = tsharkFields(path, kFields), ol = cliFields(path, kFields);
        if (tl.size() != ol.size()) {
            failures.push_back(name + ": " + std::to_string(ol.size()) + " packets, tshark " +
                               std::to_string(tl.size()));
            continue;
        }
        for (size_t i = 0; i < tl.size(); ++i) {
            const auto &tc = tl[i], &oc = ol[i];
            for (size_t k = 0; k < kFields.size(); ++k) {
                ++compared;
                if (tc[k] == oc[k]) continue;
                if (exceptions[name].count(kFields[k]) || exceptions[name].count("*") ||
                    exceptions["*"].count(kFields[k])) {
                    ++excused;
                    continue;
                }
                failures.push_back(name + " frame " + std::to_string(i + 1) + " " + kFields[k] +
                                   ": ours \"" + oc[k] + "\", tshark \"" + tc[k] + "\"");
            }
        }
    }
    INFO("values compared: " << compared
                             << ", differences excused by the exceptions file: " << excused);
    WARN("fields vs tshark: " << compared << " values compared, " << excused
                              << " reviewed differences excused");
    for (size_t i = 0; i < failures.size() && i < 60; ++i) UNSCOPED_INFO(failures[i]);
    CHECK(failures.empty());
    CHECK(compared > 100000);
}
