// SPDX-License-Identifier: GPL-2.0-or-later
// The article in ../shared/seeds/tcp-handshake-article.md decodes a Redis client's SYN byte by
// byte in two tables (IP header, TCP header + options). Every value in them, field by field,
// from the hex pasted as tcpdump -x text and as a plain stream.
#include "dissect_helpers.h"
#include "tcpscope/hex_text.h"
#include "test_support.h"

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

const char* kTcpdumpX =
    "10:55:45.662077 IP dev2.39070 > dev.6379: Flags [S], seq 4133153791, win 29200, options "
    "[mss 1460,sackOK,TS val 2959270704 ecr 0,nop,wscale 7], length 0\n"
    "        0x0000:  4500 003c 08cf 4000 3606 14a5 0ab3 b561\n"
    "        0x0010:  0a60 5cd4 989e 18eb f65a ebff 0000 0000\n"
    "        0x0020:  a002 7210 872f 0000 0204 05b4 0402 080a\n"
    "        0x0030:  b062 e330 0000 0000 0103 0307\n";

const char* kPlain = "4500003c08cf40003606 14a50ab3b5610a605cd4989e18ebf65aebff00000000a0027210"
                     "872f0000020405b40402080ab062e330000000000103 0307";

void checkArticleSyn(const Dissected& d) {
    // IP table
    CHECK(d.u("ip.version") == 4);
    CHECK(d.u("ip.hdr_len") == 20); // 0x5 * 4
    CHECK(d.u("ip.dsfield") == 0x00);
    CHECK(d.u("ip.len") == 60); // 0x003c
    CHECK(d.u("ip.id") == 0x08cf);
    CHECK(d.text("ip.id") == "0x08cf");
    CHECK(d.u("ip.flags") == 0x2); // 0x4000: DF
    CHECK(d.u("ip.flags.rb") == 0);
    CHECK(d.u("ip.flags.df") == 1);
    CHECK(d.u("ip.flags.mf") == 0);
    CHECK(d.u("ip.frag_offset") == 0);
    CHECK(d.u("ip.ttl") == 54); // 0x36
    CHECK(d.u("ip.proto") == 6);
    CHECK(d.u("ip.checksum") == 0x14a5);
    CHECK(d.text("ip.checksum") == "0x14a5");
    CHECK(d.summary.ipChecksumStatus == ChecksumStatus::Good);
    CHECK(d.text("ip.src") == "10.179.181.97");
    CHECK(d.text("ip.dst") == "10.96.92.212");
    // TCP table
    CHECK(d.u("tcp.srcport") == 39070); // 0x989e
    CHECK(d.u("tcp.dstport") == 6379);  // 0x18eb
    CHECK(d.u("tcp.seq_raw") == 4133153791u);
    CHECK(d.u("tcp.ack_raw") == 0);
    CHECK(d.u("tcp.hdr_len") == 40); // 0xa words
    CHECK(d.u("tcp.flags.res") == 0);
    CHECK(d.u("tcp.flags") == 0x002);
    CHECK(d.u("tcp.flags.syn") == 1);
    for (const char* f : {"tcp.flags.ae", "tcp.flags.cwr", "tcp.flags.ece", "tcp.flags.urg",
                          "tcp.flags.ack", "tcp.flags.push", "tcp.flags.reset", "tcp.flags.fin"})
        CHECK(d.u(f) == 0);
    CHECK(d.u("tcp.window_size_value") == 29200); // 0x7210
    CHECK(d.u("tcp.checksum") == 0x872f);
    CHECK(d.u("tcp.urgent_pointer") == 0);
    CHECK(d.u("tcp.len") == 0);
    // Options: 40 - 20 = 20 bytes
    CHECK(d.at("tcp.options").length == 20);
    CHECK(d.u("tcp.options.mss_val") == 1460);                // 0x05b4
    CHECK(d.has("tcp.options.sack_perm"));                    // 0x0402
    CHECK(d.u("tcp.options.timestamp.tsval") == 2959270704u); // 0xb062e330
    CHECK(d.u("tcp.options.timestamp.tsecr") == 0);
    CHECK(d.has("tcp.options.nop")); // 0x01
    CHECK(d.u("tcp.options.wscale.shift") == 7);
    CHECK(d.u("tcp.options.wscale.multiplier") == 128);
    // Option kinds in order: MSS, SACK permitted, Timestamps, NOP, Window scale.
    std::vector<uint64_t> kinds;
    for (int32_t n : d.tree.findAll(fieldId("tcp.option_kind")))
        kinds.push_back(std::get<uint64_t>(d.tree.node(n).value));
    CHECK(kinds == std::vector<uint64_t>{2, 4, 8, 1, 3});
    // The summary the tracker and the packet list use.
    CHECK(d.summary.options.mss == 1460);
    CHECK(d.summary.options.wscale == 7);
    CHECK(d.summary.options.sackPermitted);
    CHECK(d.summary.options.hasTimestamp);
    CHECK(d.summary.options.tsVal == 2959270704u);
    // The byte a learner clicks: 0x21 holds the flags' low byte (SYN bit 0x02).
    const TreeNode& syn = d.at("tcp.flags.syn");
    CHECK(syn.offset == 0x20);
    CHECK(syn.length == 2);
    CHECK(syn.bitmask == 0x002);
    CHECK(d.tree.node(d.tree.deepestAt(0x22)).field == fieldId("tcp.window_size_value"));
    // A click on 0x21 selects a flag whose bit is in that byte (CWR, the first), not the
    // reserved bits (mask 0x0e00, in 0x20); a click on 0x20 the header length (mask 0xf0).
    const FieldId at21 = d.tree.node(d.tree.deepestAt(0x21)).field;
    CHECK(at21 == fieldId("tcp.flags.cwr"));
    CHECK(d.tree.node(d.tree.deepestAt(0x20)).field == fieldId("tcp.hdr_len"));
    for (uint32_t offset = 0; offset < 0x28; ++offset) {
        const TreeNode& n = d.tree.node(d.tree.deepestAt(offset));
        INFO("byte 0x" << std::hex << offset << ": " << n.display);
        if (n.bitmask && n.length <= 8)
            CHECK(((n.bitmask >> ((n.offset + n.length - 1 - offset) * 8)) & 0xff) != 0);
    }
}

} // namespace

TEST_CASE("article SYN: every value of both tables from tcpdump -x text", "[article]") {
    HexTextResult r = parseHexText(kTcpdumpX);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.frames.size() == 1);
    REQUIRE(r.frames[0].bytes.size() == 60);
    CHECK(r.frames[0].linkType == LinkType::Raw);
    Dissected d(r.frames[0].bytes, r.frames[0].linkType);
    checkArticleSyn(d);
}

TEST_CASE("article SYN: every value of both tables from a plain hex stream", "[article]") {
    HexTextResult r = parseHexText(kPlain);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.frames.size() == 1);
    Dissected d(r.frames[0].bytes, r.frames[0].linkType);
    checkArticleSyn(d);
}

TEST_CASE("article PING segment: 14 payload bytes decoded as RESP", "[article]") {
    auto bytes = hexToBytes("4500 0042 08d1 4000 3606 149d 0ab3 b561 0a60 5cd4 989e 18eb f65a ec00"
                            "fe33 5504 8018 00e5 4b5f 0000 0101 080a b062 ecac bab2 6fe6 2a31 0d0a"
                            "2434 0d0a 7069 6e67 0d0a");
    Dissected d(bytes, LinkType::Raw);
    CHECK(d.u("ip.len") == 66);
    CHECK(d.u("tcp.hdr_len") == 32);
    CHECK(d.u("tcp.len") == 14);
    CHECK(d.u("tcp.seq_raw") == 4133153792u);
    CHECK(d.u("tcp.ack_raw") == 4264776964u);
    CHECK(d.u("tcp.flags") == 0x018);
    CHECK(d.text("tcp.payload") == "2a310d0a24340d0a70696e670d0a");
    CHECK(d.has("resp"));
    CHECK(d.at("resp.array.length").value == FieldValue(int64_t(1)));
    CHECK(d.text("resp.bulk_string.value") == "70696e67"); // "ping"
}

TEST_CASE("the bundled article sample holds both packets", "[article]") {
    std::string text = readFile(samplesDir() / "article-redis-handshake.txt");
    HexTextResult r = parseHexText(text);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.frames.size() == 2);
    Dissected syn(r.frames[0].bytes, r.frames[0].linkType);
    checkArticleSyn(syn);
}
