// SPDX-License-Identifier: GPL-2.0-or-later
// TCP inside tunnels and encapsulations: the fields of every packet of tcpdump's tunnel
// captures (../shared/tunnels) and of the crafted ones (tests/data/tunnels, one per family the
// shared folder lacks) equal tshark's, outer layers included; connections are keyed by the
// innermost TCP and the tunnel's virtual network; a capture whose TCP TcpScope cannot reach
// says which layer stopped it. The tcpdump side is in test_tcpdump_golden.cpp.
#include "dissect_helpers.h"
#include "tcpscope/capture_source.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tcpscope;
using namespace tcpscope::test;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTunnelFields = {
    "frame.len",
    "eth.src",
    "eth.type",
    "vlan.id",
    "ieee8021ad.id",
    "ip.src",
    "ip.dst",
    "ip.len",
    "ip.proto",
    "ipv6.src",
    "ipv6.dst",
    "ipv6.nxt",
    "udp.srcport",
    "udp.dstport",
    "udp.length",
    "udp.checksum",
    "vxlan.flags",
    "vxlan.vni",
    "geneve.version",
    "geneve.flags",
    "geneve.proto_type",
    "geneve.vni",
    "geneve.option.class",
    "geneve.option.type",
    "geneve.option.length",
    "gre.flags_and_version",
    "gre.proto",
    "gre.key",
    "gre.key.call_id",
    "gre.sequence_number",
    "gre.checksum",
    "gre.wccp.service_id",
    "erspan.version",
    "erspan.spanid",
    "erspan.vlan",
    "mpls.label",
    "mpls.exp",
    "mpls.bottom",
    "mpls.ttl",
    "ppp.address",
    "ppp.protocol",
    "pppoe.session_id",
    "pppoe.code",
    "gtp.teid",
    "gtp.message",
    "gtp.length",
    "gtp.flags",
    "l2tp.version",
    "l2tp.tunnel",
    "l2tp.session",
    "ah.spi",
    "ah.next_header",
    "ah.sequence",
    "esp.spi",
    "esp.sequence",
    "chdlc.protocol",
    "etag.etype",
    "etag.ecid_base",
    "wlan.fc.type_subtype",
    "wlan.fc.ds",
    "wlan.ra",
    "wlan.ta",
    "wlan.da",
    "wlan.sa",
    "wlan.bssid",
    "wlan.seq",
    "wlan.qos.tid",
    "llc.dsap",
    "llc.control",
    "llc.type",
    "ppi.length",
    "ppi.dlt",
    "nflog.family",
    "nflog.res_id",
    "nflog.tlv_type",
    "nflog.tlv_length",
    "nflog.protocol",
    "cfp.ftag",
    "cfp.ttl",
    "ipoib.type",
    "ipoib.daddr.qpn",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq_raw",
    "tcp.ack_raw",
    "tcp.flags",
    "tcp.len",
    "tcp.hdr_len",
    "tcp.window_size_value",
    "tcp.checksum",
    "tcp.option_kind",
    "tcp.stream",
    "tcp.analysis.flags",
};

// file -> fields whose differences are reviewed (tests/data/tunnel_fields_exceptions.txt).
std::map<std::string, std::set<std::string>> loadExceptions() {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& cols : readReviewedRows(dataDir() / "tunnel_fields_exceptions.txt"))
        if (cols.size() >= 3 && !cols[2].empty()) out[cols[0]].insert(cols[1]);
    return out;
}

std::vector<fs::path> tunnelCaptures() {
    std::vector<fs::path> out = capturesUnder(dataDir() / "tunnels");
    for (const auto& p : capturesUnder(sharedDir() / "tunnels")) out.push_back(p);
    return out;
}

} // namespace

TEST_CASE("fields of tunnelled packets equal tshark's", "[tunnels][tshark]") {
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
        return;
    }
    if (!fs::is_directory(sharedDir() / "tunnels"))
        WARN("../shared/tunnels is absent: only the crafted captures are compared");
    auto exceptions = loadExceptions();
    std::set<std::string> used;
    uint64_t compared = 0, excused = 0, tcpValues = 0;
    std::vector<std::string> failures;
    const auto captures = tunnelCaptures();
    REQUIRE(captures.size() >= 25);
    for (const auto& path : captures) {
        const std::string name = path.filename().string();
        const auto tl = tsharkFields(path, kTunnelFields), ol = cliFields(path, kTunnelFields);
        REQUIRE(tl.size() == ol.size());
        for (size_t i = 0; i < tl.size(); ++i) {
            for (size_t k = 0; k < kTunnelFields.size(); ++k) {
                ++compared;
                if (kTunnelFields[k] == "tcp.seq_raw" && !tl[i][k].empty()) ++tcpValues;
                if (tl[i][k] == ol[i][k]) continue;
                for (const std::string& key : {kTunnelFields[k], std::string("*")})
                    if (exceptions[name].count(key)) used.insert(name + "\t" + key);
                if (exceptions[name].count(kTunnelFields[k]) || exceptions[name].count("*")) {
                    ++excused;
                    continue;
                }
                failures.push_back(name + " frame " + std::to_string(i + 1) + " " +
                                   kTunnelFields[k] + ": ours \"" + ol[i][k] + "\", tshark \"" +
                                   tl[i][k] + "\"");
            }
        }
    }
    WARN("tunnels vs tshark: " << captures.size() << " captures, " << compared
                               << " values compared (" << tcpValues << " packets with TCP), "
                               << excused << " reviewed differences");
    for (size_t i = 0; i < failures.size() && i < 40; ++i) UNSCOPED_INFO(failures[i]);
    CHECK(failures.empty());
    CHECK(tcpValues >= 300);
    // Every reviewed difference still happens (when its capture is present).
    for (const auto& [file, fields] : exceptions)
        for (const auto& f : fields) {
            bool present = false;
            for (const auto& p : captures) present = present || p.filename() == file;
            INFO("reviewed difference that no longer happens: " << file << " " << f);
            CHECK((!present || used.count(file + "\t" + f) == 1));
        }
}

TEST_CASE("equal addresses in two VXLAN networks are two connections", "[tunnels]") {
    // tshark 4.0 puts both in tcp.stream 0 (its conversations ignore the VNI): a reviewed
    // difference, listed in tests/data/tunnel_fields_exceptions.txt.
    const std::string out =
        runCommand(shellQuote(cliPath()) + " fields -e tcp.stream -e vxlan.vni " +
                   shellQuote((dataDir() / "tunnels" / "vxlan-two-vnis.pcap").string()));
    std::map<std::string, std::set<std::string>> streamsByVni;
    for (const auto& line : splitLines(out)) {
        auto cols = splitTabs(line);
        REQUIRE(cols.size() == 2);
        streamsByVni[cols[1]].insert(cols[0]);
    }
    REQUIRE(streamsByVni.size() == 2);
    CHECK(streamsByVni["10"] == std::set<std::string>{"0"});
    CHECK(streamsByVni["20"] == std::set<std::string>{"1"});
    // The same inner addresses in one network stay one connection, whatever the outer ports.
    const std::string one = runCommand(shellQuote(cliPath()) + " conversations " +
                                       shellQuote((dataDir() / "tunnels" / "vxlan.pcap").string()));
    CHECK(splitLines(one).size() == 2); // a header and one connection
}

TEST_CASE("the innermost TCP is what the summary, tracker and packet list see", "[tunnels]") {
    for (const char* file : {"gre-ipv4.pcap", "ipip-6in4.pcap", "mpls-two-labels.pcap",
                             "geneve-options.pcap", "gtp-u-extension.pcap", "l2tp-ppp.pcap",
                             "pptp-gre.pcap", "erspan-iii.pcap", "pppoe-session.pcap"}) {
        INFO(file);
        LoadedInput in = loadPath((dataDir() / "tunnels" / file).string());
        REQUIRE_FALSE(in.error);
        REQUIRE(in.frames.size() == 8);
        PacketSummary s;
        dissectFrame(in.frames[0].view(), s, nullptr);
        CHECK(s.hasTcp);
        CHECK(s.srcPort == 40000);
        CHECK(s.dstPort == 80);
        CHECK((s.src.toString() == "10.1.0.1" || s.src.toString() == "fd00::1"));
        CHECK(s.flags == TcpFlag::Syn);
        CHECK(s.tcpChecksumStatus != ChecksumStatus::Bad);
    }
}

TEST_CASE("no TCP behind an encapsulation that is not decoded: the ladder says which",
          "[tunnels]") {
    const std::string esp =
        runCommand(shellQuote(cliPath()) + " ladder " +
                   shellQuote((dataDir() / "tunnels" / "esp.pcap").string()) + " 2>&1");
    CHECK(esp.find("ESP") != std::string::npos);
    CHECK(esp.find("encrypt") != std::string::npos);
}
