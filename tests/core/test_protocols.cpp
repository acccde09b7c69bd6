// SPDX-License-Identifier: GPL-2.0-or-later
// Protocol edge cases with inline bytes: every link layer, the IPv6 extension chain (incl. the
// Jumbo Payload), each TCP option family, the payload dissectors, and output formats.
#include "dissect_helpers.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/packet_info.h"
#include "tcpscope/tree_format.h"
#include "test_support.h"

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// A TCP header (20 bytes + options) with ports 1234 -> 6379, seq 1000, ack 2000, flags.
std::vector<uint8_t> tcpHeader(uint16_t flags, std::vector<uint8_t> options = {},
                               std::vector<uint8_t> payload = {}) {
    while (options.size() % 4) options.push_back(0);
    uint8_t doff = uint8_t((20 + options.size()) / 4);
    std::vector<uint8_t> t = {0x04,
                              0xd2,
                              0x18,
                              0xeb,
                              0,
                              0,
                              0x03,
                              0xe8,
                              0,
                              0,
                              0x07,
                              0xd0,
                              uint8_t(doff << 4 | (flags >> 8)),
                              uint8_t(flags),
                              0xff,
                              0xff,
                              0,
                              0,
                              0,
                              0};
    t.insert(t.end(), options.begin(), options.end());
    t.insert(t.end(), payload.begin(), payload.end());
    return t;
}

std::vector<uint8_t> ipv4(const std::vector<uint8_t>& l4, uint8_t proto = 6) {
    uint16_t len = uint16_t(20 + l4.size());
    std::vector<uint8_t> p = {0x45,
                              0,
                              uint8_t(len >> 8),
                              uint8_t(len),
                              0,
                              1,
                              0x40,
                              0,
                              64,
                              proto,
                              0,
                              0,
                              10,
                              0,
                              0,
                              1,
                              10,
                              0,
                              0,
                              2};
    p.insert(p.end(), l4.begin(), l4.end());
    return p;
}

std::vector<uint8_t> ipv6(const std::vector<uint8_t>& rest, uint8_t next, uint16_t plen) {
    std::vector<uint8_t> p = {0x60, 0x0a, 0xbc, 0xde, uint8_t(plen >> 8), uint8_t(plen), next, 64};
    for (int i = 0; i < 15; ++i) p.push_back(i == 0 ? 0x20 : 0);
    p.push_back(1);
    for (int i = 0; i < 15; ++i) p.push_back(i == 0 ? 0x20 : 0);
    p.push_back(2);
    p.insert(p.end(), rest.begin(), rest.end());
    return p;
}

std::vector<uint8_t> cat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<uint8_t> kMacs = {0, 1, 2, 3, 4, 5, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};

} // namespace

TEST_CASE("link layers dispatch to IP and TCP", "[protocols]") {
    auto pkt = ipv4(tcpHeader(TcpFlag::Syn));
    SECTION("Ethernet II") {
        Dissected d(cat(cat(kMacs, {0x08, 0x00}), pkt), LinkType::Ethernet);
        CHECK(d.text("eth.src") == "0a:0b:0c:0d:0e:0f");
        CHECK(d.u("eth.type") == 0x0800);
        CHECK(d.u("tcp.srcport") == 1234);
    }
    SECTION("802.1Q VLAN") {
        Dissected d(cat(cat(kMacs, {0x81, 0x00, 0xa0, 0x64, 0x08, 0x00}), pkt), LinkType::Ethernet);
        CHECK(d.u("vlan.id") == 100);
        CHECK(d.u("vlan.priority") == 5);
        CHECK(d.u("vlan.etype") == 0x0800);
        CHECK(d.u("tcp.dstport") == 6379);
    }
    SECTION("Linux cooked SLL") {
        std::vector<uint8_t> sll = {0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00};
        Dissected d(cat(sll, pkt), LinkType::LinuxSll);
        CHECK(d.u("sll.pkttype") == 4);
        CHECK(d.text("sll.src.eth") == "01:02:03:04:05:06");
        CHECK(d.u("tcp.srcport") == 1234);
    }
    SECTION("Linux cooked SLL2") {
        std::vector<uint8_t> sll2 = {0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1,
                                     0,    6,    1, 2, 3, 4, 5, 6, 0, 0};
        Dissected d(cat(sll2, pkt), LinkType::LinuxSll2);
        CHECK(d.u("sll.ifindex") == 3);
        CHECK(d.u("tcp.srcport") == 1234);
    }
    SECTION("BSD loopback NULL, little-endian family") {
        Dissected d(cat({2, 0, 0, 0}, pkt), LinkType::Null);
        CHECK(d.u("null.family") == 2);
        CHECK(d.u("tcp.srcport") == 1234);
    }
    SECTION("OpenBSD LOOP, network order, IPv6") {
        auto v6 = ipv6(tcpHeader(TcpFlag::Syn), 6, 20);
        Dissected d(cat({0, 0, 0, 24}, v6), LinkType::Loop);
        CHECK(d.u("null.family") == 24);
        CHECK(d.text("ipv6.src") == "2000::1");
        CHECK(d.u("tcp.srcport") == 1234);
    }
    SECTION("raw IP, version nibble decides") {
        Dissected d4(pkt, LinkType::Raw);
        CHECK(d4.u("ip.version") == 4);
        Dissected d6(ipv6(tcpHeader(TcpFlag::Syn), 6, 20), LinkType::Ipv6);
        CHECK(d6.u("ipv6.version") == 6);
        CHECK(d6.u("ipv6.flow") == 0xabcde);
    }
}

TEST_CASE("IPv6 extension headers are walked to reach TCP", "[protocols]") {
    auto tcp = tcpHeader(TcpFlag::Ack);
    // hop-by-hop (PadN) -> routing (type 4, 1 segment left) -> destination options -> fragment
    std::vector<uint8_t> hbh = {43, 0, 1, 4, 0, 0, 0, 0};
    std::vector<uint8_t> rt = {60, 0, 4, 1, 0, 0, 0, 0};
    std::vector<uint8_t> dst = {44, 0, 1, 4, 0, 0, 0, 0};
    std::vector<uint8_t> frag = {6, 0, 0, 0, 0x12, 0x34, 0x56, 0x78};
    auto chain = cat(cat(cat(cat(hbh, rt), dst), frag), tcp);
    Dissected d(ipv6(chain, 0, uint16_t(chain.size())), LinkType::Raw);
    CHECK(d.has("ipv6.hopopts"));
    CHECK(d.u("ipv6.routing.type") == 4);
    CHECK(d.u("ipv6.routing.segleft") == 1);
    CHECK(d.has("ipv6.dstopts"));
    CHECK(d.u("ipv6.fraghdr.ident") == 0x12345678);
    CHECK(d.summary.ipProto == 6);
    CHECK(d.u("tcp.srcport") == 1234);
    CHECK(d.summary.ipHeaderLength == 40 + 32);

    SECTION("a later fragment is not TCP") {
        auto later = cat({6, 0, 0x00, 0x08, 0, 0, 0, 9}, tcp); // offset 1 (8 bytes)
        Dissected f(ipv6(later, 44, uint16_t(later.size())), LinkType::Raw);
        CHECK_FALSE(f.has("tcp"));
        CHECK(f.hasNote("ipv6.fragment"));
    }
    SECTION("a chain running past the payload length is malformed") {
        Dissected m(ipv6(chain, 0, 12), LinkType::Raw);
        CHECK(m.hasNote("ipv6.ext.past_payload"));
        CHECK(m.has("ipv6.hopopts"));
    }
}

TEST_CASE("IPv6 Jumbo Payload (RFC 2675)", "[protocols]") {
    auto tcp = tcpHeader(TcpFlag::Ack, {}, std::vector<uint8_t>(100, 'x'));
    uint32_t jumbo = 70000;
    std::vector<uint8_t> hbh = {6,
                                0,
                                0xc2,
                                4,
                                uint8_t(jumbo >> 24),
                                uint8_t(jumbo >> 16),
                                uint8_t(jumbo >> 8),
                                uint8_t(jumbo)};
    SECTION("with payload length 0: the jumbo length counts") {
        // A snap length kept 168 of the 70,040 bytes on the wire.
        Dissected d(ipv6(cat(hbh, tcp), 0, 0), LinkType::Raw, {}, 40 + 70000);
        CHECK(d.u("ipv6.opt.jumbo") == 70000);
        CHECK(d.summary.jumbo);
        CHECK(d.summary.payloadLength == 70000 - 8 - 20);
        CHECK(d.hasNote("_ws.truncated")); // most of it was not captured
    }
    SECTION("with a non-zero payload length: malformed") {
        Dissected d(ipv6(cat(hbh, tcp), 0, uint16_t(8 + tcp.size())), LinkType::Raw);
        CHECK(d.hasNote("ipv6.opt.jumbo.plen_not_zero"));
    }
}

TEST_CASE("TCP options, one family at a time", "[protocols]") {
    auto opt = [](std::vector<uint8_t> o, uint16_t flags = TcpFlag::Syn) {
        return ipv4(tcpHeader(flags, std::move(o)));
    };
    SECTION("SACK blocks") {
        Dissected d(
            opt({1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40}, TcpFlag::Ack),
            LinkType::Raw);
        CHECK(d.u("tcp.options.sack_le", 1) == 30);
        CHECK(d.u("tcp.options.sack.count") == 2);
        CHECK(d.summary.options.sackCount == 2);
    }
    SECTION("SACK with a wrong length") {
        Dissected d(opt({5, 7, 0, 0, 0, 1, 0, 0}, TcpFlag::Ack), LinkType::Raw);
        CHECK(d.hasNote("tcp.option.len.invalid"));
    }
    SECTION("option length 0 and 1 stop the walk with a note") {
        Dissected d0(opt({2, 0, 5, 0xb4}), LinkType::Raw);
        CHECK(d0.hasNote("tcp.option.len.invalid"));
        Dissected d1(opt({1, 8, 1, 0}), LinkType::Raw);
        CHECK(d1.hasNote("tcp.option.len.invalid"));
        CHECK(d1.has("tcp.options.nop")); // what came before is kept
    }
    SECTION("option past the header") {
        Dissected d(opt({8, 10, 0, 0}), LinkType::Raw);
        CHECK(d.hasNote("tcp.option.len.invalid"));
    }
    SECTION("TCP Fast Open: request and cookie, standard and experimental") {
        Dissected req(opt({34, 2, 1, 1}), LinkType::Raw);
        CHECK(req.has("tcp.options.tfo.request"));
        Dissected ck(opt({34, 10, 1, 2, 3, 4, 5, 6, 7, 8}), LinkType::Raw);
        CHECK(ck.text("tcp.options.tfo.cookie") == "0102030405060708");
        Dissected exp(opt({254, 8, 0xf9, 0x89, 0xaa, 0xbb, 0xcc, 0xdd}), LinkType::Raw);
        CHECK(exp.u("tcp.options.experimental.exid") == 0xf989);
        CHECK(exp.text("tcp.options.tfo.cookie") == "aabbccdd");
    }
    SECTION("AccECN experimental option") {
        Dissected d(opt({254, 7, 0xac, 0xc1, 0, 0, 9}, TcpFlag::Ack), LinkType::Raw);
        CHECK(d.u("tcp.options.acc_ecn.ee1b") == 9);
    }
    SECTION("MD5, TCP-AO, user timeout, unknown") {
        std::vector<uint8_t> md5 = {19, 18};
        for (int i = 0; i < 16; ++i) md5.push_back(uint8_t(i));
        Dissected m(opt(md5, TcpFlag::Ack), LinkType::Raw);
        CHECK(m.text("tcp.options.md5.digest") == "000102030405060708090a0b0c0d0e0f");
        Dissected ao(opt({29, 6, 7, 8, 0xde, 0xad}, TcpFlag::Ack), LinkType::Raw);
        CHECK(ao.u("tcp.options.ao.keyid") == 7);
        CHECK(ao.text("tcp.options.ao.mac") == "dead");
        Dissected uto(opt({28, 4, 0x80, 0x05}), LinkType::Raw);
        CHECK(uto.u("tcp.options.user_to_granularity") == 1);
        CHECK(uto.u("tcp.options.user_to_val") == 5);
        Dissected unk(opt({99, 4, 0xab, 0xcd}), LinkType::Raw);
        CHECK(unk.text("tcp.options.unknown.payload") == "abcd");
    }
    SECTION("MPTCP: MP_CAPABLE, DSS, and a short body") {
        Dissected cap(opt({30, 12, 0x01, 0x81, 1, 2, 3, 4, 5, 6, 7, 8}), LinkType::Raw);
        CHECK(cap.u("tcp.options.mptcp.subtype") == 0);
        CHECK(cap.u("tcp.options.mptcp.version") == 1);
        CHECK(cap.u("tcp.options.mptcp.sendkey") == 0x0102030405060708ull);
        Dissected dss(opt({30, 8, 0x20, 0x01, 0, 0, 0, 42}, TcpFlag::Ack), LinkType::Raw);
        CHECK(dss.u("tcp.options.mptcp.rawdataack") == 42);
        Dissected shortJoin(opt({30, 4, 0x10, 0x00}), LinkType::Raw);
        CHECK(shortJoin.hasNote("tcp.options.mptcp.short"));
    }
    SECTION("window scale above 14") {
        Dissected d(opt({3, 3, 15}), LinkType::Raw);
        CHECK(d.hasNote("tcp.options.wscale.shift.invalid"));
        CHECK(d.u("tcp.options.wscale.multiplier") == 16384);
    }
}

TEST_CASE("headers that lie get expert notes and keep what was good", "[protocols]") {
    SECTION("IHL below 5") {
        auto p = ipv4(tcpHeader(TcpFlag::Syn));
        p[0] = 0x44;
        Dissected d(p, LinkType::Raw);
        CHECK(d.hasNote("ip.bogus_header_length"));
        CHECK(d.u("ip.version") == 4);
    }
    SECTION("total length smaller than the header") {
        auto p = ipv4(tcpHeader(TcpFlag::Syn));
        p[3] = 10;
        Dissected d(p, LinkType::Raw);
        CHECK(d.hasNote("ip.bogus_ip_length"));
    }
    SECTION("data offset below 5: ports are still there") {
        auto p = ipv4(tcpHeader(TcpFlag::Syn));
        p[20 + 12] = 0x30;
        Dissected d(p, LinkType::Raw);
        CHECK(d.hasNote("tcp.bogus_header_length"));
        CHECK(d.u("tcp.srcport") == 1234);
        CHECK_FALSE(d.summary.hasTcp);
    }
    SECTION("data offset past the segment") {
        auto p = ipv4(tcpHeader(TcpFlag::Syn));
        p[20 + 12] = 0xf0;
        Dissected d(p, LinkType::Raw);
        CHECK(d.hasNote("tcp.bogus_header_length"));
    }
    SECTION("bad checksums are reported, loopback ones as likely offloaded") {
        auto p = ipv4(tcpHeader(TcpFlag::Syn));
        p[20 + 16] = 0x12, p[20 + 17] = 0x34; // not 0, which itself suggests offload
        Dissected d(p, LinkType::Raw);
        CHECK(d.summary.ipChecksumStatus == ChecksumStatus::Bad);
        CHECK(d.hasNote("tcp.checksum_bad"));
        p[12] = 127, p[16] = 127; // 127.0.0.1 -> 127.0.0.2
        Dissected lo(p, LinkType::Raw);
        CHECK(lo.summary.tcpChecksumStatus == ChecksumStatus::Offloaded);
        CHECK(lo.hasNote("tcp.checksum.offloaded"));
    }
}

TEST_CASE("payload dissectors registered by port", "[protocols]") {
    SECTION("RESP: the PONG of the Redis sample") {
        LoadedInput in = loadPath((samplesDir() / "redis-ping-pong.pcap").string());
        REQUIRE(in.frames.size() == 10);
        Dissected ping(in.frames[3].bytes, in.frames[3].linkType);
        CHECK(ping.text("resp.bulk_string.value") == "70696e67");
        Dissected pong(in.frames[5].bytes, in.frames[5].linkType);
        CHECK(pong.text("resp.string") == "PONG");
        // Captured on loopback: the checksum is left to "offload".
        CHECK(pong.summary.tcpChecksumStatus == ChecksumStatus::Offloaded);
    }
    SECTION("RESP cut after a line without its CRLF: an Info text, no exception") {
        // Found by fuzz_capture: "*1" then "$3" with nothing after it read past the end.
        for (const std::string payload : {"*1\r\n$3", "*2\r\n$3\r\nGET", "$5", "*1\r\n$"}) {
            INFO(payload);
            auto tcp = tcpHeader(TcpFlag::Ack | TcpFlag::Psh, {},
                                 std::vector<uint8_t>(payload.begin(), payload.end()));
            tcp[2] = 0x18, tcp[3] = 0xeb; // to port 6379
            const std::vector<uint8_t> bytes = ipv4(tcp);
            Frame f;
            f.data = bytes;
            f.linkType = LinkType::Raw;
            PacketDescription d;
            CHECK_NOTHROW(d = describePacket(f, nullptr, DissectOptions{}));
            CHECK(d.protocol == "RESP");
            CHECK(d.info.rfind("Request: ", 0) == 0);
        }
    }
    SECTION("HTTP request and response lines") {
        std::string req = "GET /index.html HTTP/1.1\r\nHost: example.org\r\nUser-Agent: t\r\n\r\n";
        auto tcp = tcpHeader(TcpFlag::Ack | TcpFlag::Psh, {},
                             std::vector<uint8_t>(req.begin(), req.end()));
        tcp[2] = 0, tcp[3] = 80;
        Dissected d(ipv4(tcp), LinkType::Raw);
        CHECK(d.text("http.request.method") == "GET");
        CHECK(d.text("http.request.uri") == "/index.html");
        CHECK(d.text("http.host") == "example.org");
        std::string resp = "HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n";
        auto tcp2 = tcpHeader(TcpFlag::Ack, {}, std::vector<uint8_t>(resp.begin(), resp.end()));
        tcp2[0] = 0, tcp2[1] = 80;
        Dissected r(ipv4(tcp2), LinkType::Raw);
        CHECK(r.u("http.response.code") == 404);
        CHECK(r.text("http.response.phrase") == "Not Found");
    }
}

TEST_CASE("field registry: Wireshark abbreviations, teaching text for every field", "[protocols]") {
    registerAllProtocols();
    auto& reg = FieldRegistry::instance();
    REQUIRE(reg.size() > 200);
    for (size_t i = 0; i < reg.size(); ++i) {
        const FieldDef& d = reg.def(FieldId(i));
        INFO(d.abbrev);
        CHECK_FALSE(d.explanation.empty());
        CHECK(reg.find(d.abbrev) == FieldId(i)); // no abbreviation registered twice
    }
    for (const char* wireshark : {"ip.ttl", "ip.flags.df", "tcp.seq_raw", "tcp.flags.syn",
                                  "tcp.options.wscale.shift", "tcp.options.timestamp.tsval",
                                  "tcp.stream", "tcp.analysis.duplicate_ack", "tcpfsm.client"})
        CHECK(fieldId(wireshark) != kNoField);
}

TEST_CASE("CLI: json is valid JSON, errors keep what was decoded", "[protocols][cli]") {
    if (!haveTool("python3")) {
        WARN("SKIPPED: python3 is needed to validate the JSON");
        return;
    }
    std::string cli = cliPath();
    int st = 0;
    runCommand(cli + " json samples/redis-ping-pong.pcap | python3 -c 'import json,sys; "
                     "d=json.load(sys.stdin); assert len(d)==10; assert "
                     "d[0][\"layers\"][0][\"field\"]==\"frame\"'",
               &st);
    CHECK(st == 0);
    // A capture cut in the middle of its 6th record: five summary lines, then an error.
    std::string bytes = readFile(samplesDir() / "redis-ping-pong.pcap");
    auto tmp = std::filesystem::temp_directory_path() / "tcpscope-cut.pcap";
    {
        std::ofstream out(tmp, std::ios::binary);
        out.write(bytes.data(), 24 + 5 * (16 + 74) + 16 + 30);
    }
    std::string out = runCommand(cli + " summary " + tmp.string() + " 2>/dev/null", &st);
    CHECK(st != 0);
    CHECK(splitLines(out).size() == 5);
    std::string err = runCommand(cli + " summary " + tmp.string() + " 2>&1 >/dev/null");
    CHECK(err.find("record 6") != std::string::npos);
    std::filesystem::remove(tmp);
}

TEST_CASE("summary equals tcpdump's whole line for HTTP, application tag included",
          "[protocols][tcpdump]") {
    if (!haveCorpus() || !haveTool("tcpdump")) {
        WARN("SKIPPED: needs ../shared/corpus and tcpdump");
        return;
    }
    int lines = 0;
    for (const char* c : {"wireshark/http.cap", "other/chrissanders/http_ip4and6.pcapng",
                          "wireshark/http-ipv6.pcap"}) {
        auto path = (corpusDir() / c).string();
        auto ours = splitLines(runCommand(cliPath() + " summary '" + path + "'"));
        auto theirs = splitLines(runCommand("TZ=UTC tcpdump -n -r '" + path + "' 2>/dev/null"));
        REQUIRE(ours.size() == theirs.size());
        for (size_t i = 0; i < ours.size(); ++i) {
            if (theirs[i].find("Flags [") == std::string::npos) continue; // TCP lines only
            INFO(c << " line " << i + 1);
            CHECK(ours[i] == theirs[i]);
            ++lines;
        }
    }
    CHECK(lines >= 95); // 34 + 10 + 51 TCP lines in the three captures
}
