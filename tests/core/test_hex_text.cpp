// SPDX-License-Identifier: GPL-2.0-or-later
// Pasted hex dumps: every format gives the same bytes, the ASCII column is never read as hex,
// and bad input gives the exact line and column. Dumps under tests/data/hex/ were made with
// the real tools (tcpdump 4.99, tshark 4.0, xxd, hexdump -C, od) from a pcap holding the
// article's packets (../shared/seeds/tcp-handshake-article.md).
#include "tcpscope/hex_text.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <string>
#include <vector>

using namespace tcpscope;
using tcpscope::test::dataDir;
using tcpscope::test::readFile;
using tcpscope::test::sharedDir;

namespace {

const std::vector<uint8_t> kSyn = {
    0x45, 0x00, 0x00, 0x3c, 0x08, 0xcf, 0x40, 0x00, 0x36, 0x06, 0x14, 0xa5, 0x0a, 0xb3, 0xb5,
    0x61, 0x0a, 0x60, 0x5c, 0xd4, 0x98, 0x9e, 0x18, 0xeb, 0xf6, 0x5a, 0xeb, 0xff, 0x00, 0x00,
    0x00, 0x00, 0xa0, 0x02, 0x72, 0x10, 0x87, 0x2f, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04,
    0x02, 0x08, 0x0a, 0xb0, 0x62, 0xe3, 0x30, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07};

const std::vector<uint8_t> kPing = {
    0x45, 0x00, 0x00, 0x42, 0x08, 0xd1, 0x40, 0x00, 0x36, 0x06, 0x14, 0x9d, 0x0a, 0xb3,
    0xb5, 0x61, 0x0a, 0x60, 0x5c, 0xd4, 0x98, 0x9e, 0x18, 0xeb, 0xf6, 0x5a, 0xec, 0x00,
    0xfe, 0x33, 0x55, 0x04, 0x80, 0x18, 0x00, 0xe5, 0x4b, 0x5f, 0x00, 0x00, 0x01, 0x01,
    0x08, 0x0a, 0xb0, 0x62, 0xec, 0xac, 0xba, 0xb2, 0x6f, 0xe6, 0x2a, 0x31, 0x0d, 0x0a,
    0x24, 0x34, 0x0d, 0x0a, 0x70, 0x69, 0x6e, 0x67, 0x0d, 0x0a};

// The Ethernet header tests/data/hex/*eth* and ascii-trap.* were captured with.
const std::vector<uint8_t> kEthHeader = {0x00, 0x16, 0x3e, 0x0c, 0x1a, 0x2b, 0x52,
                                         0x54, 0x00, 0x12, 0xab, 0x34, 0x08, 0x00};

std::vector<uint8_t> concat(std::vector<uint8_t> a, const std::vector<uint8_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The article's first block, as printed there (tab turned into eight spaces).
const char* const kArticleSyn =
    "10:55:45.662077 IP dev2.39070 > dev.6379: Flags [S], seq 4133153791, win 29200, options "
    "[mss 1460,sackOK,TS val 2959270704 ecr 0,nop,wscale 7], length 0\n"
    "        0x0000:  4500 003c 08cf 4000 3606 14a5 0ab3 b561\n"
    "        0x0010:  0a60 5cd4 989e 18eb f65a ebff 0000 0000\n"
    "        0x0020:  a002 7210 872f 0000 0204 05b4 0402 080a\n"
    "        0x0030:  b062 e330 0000 0000 0103 0307\n";

const char* const kArticlePing =
    "10:55:48.090073 IP dev2.39070 > dev.6379: Flags [P.], seq 1:15, ack 1, win 229, options "
    "[nop,nop,TS val 2959273132 ecr 3132256230], length 14\n"
    "        0x0000:  4500 0042 08d1 4000 3606 149d 0ab3 b561\n"
    "        0x0010:  0a60 5cd4 989e 18eb f65a ec00 fe33 5504\n"
    "        0x0020:  8018 00e5 4b5f 0000 0101 080a b062 ecac\n"
    "        0x0030:  bab2 6fe6 2a31 0d0a 2434 0d0a 7069 6e67\n"
    "        0x0040:  0d0a\n";

std::string hexData(const char* name) {
    return readFile(dataDir() / "hex" / name);
}

std::string hexOf(const std::vector<uint8_t>& bytes, const char* sep, const char* prefix) {
    std::string out;
    char buf[8];
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i) out += sep;
        std::snprintf(buf, sizeof buf, "%s%02x", prefix, bytes[i]);
        out += buf;
    }
    return out;
}

} // namespace

TEST_CASE("the article's SYN in tcpdump -x form", "[hex]") {
    auto r = parseHexText(kArticleSyn);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.frames.size() == 1);
    const OwnedFrame& f = r.frames[0];
    CHECK(f.bytes.size() == 60);
    CHECK(f.bytes == kSyn);
    CHECK(f.bytes.front() == 0x45);
    CHECK(f.bytes[59] == 0x07);
    CHECK(f.linkType == LinkType::Raw);
    CHECK(f.hasTimestamp);
    CHECK(f.ts == Timestamp{10 * 3600 + 55 * 60 + 45, 662077000});
    CHECK_FALSE(f.nanoPrecision);
    CHECK(f.number == 1);
    CHECK(f.originalLength == 60);
    CHECK(r.formatName == "tcpdump -x");
}

TEST_CASE("the article's blocks read from the seed file itself", "[hex]") {
    auto path = sharedDir() / "seeds" / "tcp-handshake-article.md";
    if (!std::filesystem::exists(path)) {
        WARN("../shared/seeds not present; skipped");
        return;
    }
    std::string md = readFile(path);
    std::vector<std::vector<uint8_t>> blocks;
    for (size_t at = md.find("```tcpdump\n"); at != std::string::npos;
         at = md.find("```tcpdump\n", at + 1)) {
        size_t start = at + 11, end = md.find("```", start);
        REQUIRE(end != std::string::npos);
        auto r = parseHexText(md.substr(start, end - start));
        if (r.error) continue; // the article's third block is a table of words, not a dump
        REQUIRE(r.frames.size() == 1);
        blocks.push_back(r.frames[0].bytes);
    }
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0] == kSyn);
    CHECK(blocks[1] == kPing);
}

TEST_CASE("the SYN's bytes in every supported format", "[hex]") {
    struct Variant {
        std::string name;
        std::string text;
        std::string format;
    };
    std::vector<Variant> variants = {
        {"spaced plain stream", hexOf(kSyn, " ", ""), "plain hex"},
        {"unbroken plain stream", hexOf(kSyn, "", ""), "plain hex"},
        {"colons", hexOf(kSyn, ":", ""), "plain hex"},
        {"0x list with commas", hexOf(kSyn, ", ", "0x"), "plain hex"},
        {"plain stream over lines, upper case",
         "4500003C08CF40003606\n14A50AB3B5610A605CD4989E18EBF65AEBFF00000000A002\r\n"
         "7210872F0000020405B40402080AB062E330000000000103 0307\n",
         "plain hex"},
        {"C array with comments",
         "/* the article's SYN */\nstatic const unsigned char pkt[] = { // 60 bytes\n" +
             hexOf(kSyn, ", ", "0x") + " };\n",
         "C array"},
        {"xxd -i", hexData("syn.c-array.txt"), "C array"},
        {"xxd", hexData("syn.xxd.txt"), "xxd"},
        {"hexdump -C", hexData("syn.hexdump-C.txt"), "hexdump -C"},
        {"od -Ax -tx1", hexData("syn.od.txt"), "od"},
        {"Wireshark Copy as Hex Dump", hexData("syn.wireshark-copy.txt"), "Wireshark hex dump"},
        {"tcpdump -x -tt", hexData("tcpdump-x-raw-tt.txt"), "tcpdump -x"},
        {"tcpdump -x -tttt", hexData("tcpdump-x-raw-tttt.txt"), "tcpdump -x"},
    };
    for (const auto& v : variants) {
        INFO(v.name);
        REQUIRE_FALSE(v.text.empty());
        auto r = parseHexText(v.text);
        REQUIRE_FALSE(r.error);
        REQUIRE(r.frames.size() == 1);
        CHECK(r.frames[0].bytes == kSyn);
        CHECK(r.frames[0].linkType == LinkType::Raw);
        CHECK(r.formatName == v.format);
    }
}

TEST_CASE("tcpdump -X with ASCII column, two packets with their timestamps", "[hex]") {
    auto r = parseHexText(hexData("tcpdump-X-raw.txt"));
    REQUIRE_FALSE(r.error);
    CHECK(r.formatName == "tcpdump -X");
    REQUIRE(r.frames.size() == 2);
    CHECK(r.frames[0].bytes == kSyn);
    CHECK(r.frames[1].bytes == kPing);
    CHECK(r.frames[0].ts == Timestamp{39345, 662077000});
    CHECK(r.frames[1].ts == Timestamp{39348, 90073000});
    CHECK(r.frames[1].number == 2);
}

TEST_CASE("tcpdump -tt and -tttt timestamps are absolute", "[hex]") {
    for (const char* name : {"tcpdump-x-raw-tt.txt", "tcpdump-x-raw-tttt.txt"}) {
        INFO(name);
        auto r = parseHexText(hexData(name));
        REQUIRE(r.frames.size() == 1);
        CHECK(r.frames[0].hasTimestamp);
        CHECK(r.frames[0].ts == Timestamp{1700000000, 123456000});
    }
}

TEST_CASE("the article's PING packet, and two packets in one paste", "[hex]") {
    auto ping = parseHexText(kArticlePing);
    REQUIRE_FALSE(ping.error);
    REQUIRE(ping.frames.size() == 1);
    CHECK(ping.frames[0].bytes == kPing);
    CHECK(ping.frames[0].bytes.size() == 66);
    CHECK(ping.frames[0].linkType == LinkType::Raw);

    auto both = parseHexText(std::string(kArticleSyn) + kArticlePing);
    REQUIRE_FALSE(both.error);
    REQUIRE(both.frames.size() == 2);
    CHECK(both.frames[0].bytes == kSyn);
    CHECK(both.frames[1].bytes == kPing);
    CHECK(both.frames[1].ts == Timestamp{39348, 90073000});

    // Without summary lines the offset going back to 0x0000 starts the next packet.
    std::string bare;
    for (const char* block : {kArticleSyn, kArticlePing}) {
        std::string b = block;
        bare += b.substr(b.find('\n') + 1);
    }
    auto noSummary = parseHexText(bare);
    REQUIRE_FALSE(noSummary.error);
    REQUIRE(noSummary.frames.size() == 2);
    CHECK(noSummary.frames[0].bytes == kSyn);
    CHECK(noSummary.frames[1].bytes == kPing);
    CHECK_FALSE(noSummary.frames[0].hasTimestamp);

    // Plain hex: a blank line separates packets; C: one array per packet.
    auto plain = parseHexText(hexOf(kSyn, " ", "") + "\n\n" + hexOf(kPing, " ", ""));
    REQUIRE(plain.frames.size() == 2);
    CHECK(plain.frames[1].bytes == kPing);
    auto arrays = parseHexText("char a[] = {" + hexOf(kSyn, ",", "0x") + "};\nchar b[] = {" +
                               hexOf(kPing, ",", "0x") + "};\n");
    REQUIRE(arrays.frames.size() == 2);
    CHECK(arrays.frames[0].bytes == kSyn);
    CHECK(arrays.frames[1].bytes == kPing);
}

TEST_CASE("Ethernet dumps (-XX, tshark -x) give LinkType::Ethernet", "[hex]") {
    auto xx = parseHexText(hexData("tcpdump-XX-eth-numbered.txt"));
    REQUIRE_FALSE(xx.error);
    CHECK(xx.formatName == "tcpdump -XX");
    REQUIRE(xx.frames.size() == 2);
    CHECK(xx.frames[0].linkType == LinkType::Ethernet);
    CHECK(xx.frames[0].bytes == concat(kEthHeader, kSyn));
    CHECK(xx.frames[1].bytes == concat(kEthHeader, kPing));
    CHECK(xx.frames[0].number == 1); // from tcpdump -#
    CHECK(xx.frames[1].number == 2);

    auto tshark = parseHexText(hexData("tshark-x-eth.txt"));
    REQUIRE_FALSE(tshark.error);
    CHECK(tshark.formatName == "Wireshark hex dump");
    REQUIRE(tshark.frames.size() == 2);
    CHECK(tshark.frames[0].linkType == LinkType::Ethernet);
    CHECK(tshark.frames[1].bytes == concat(kEthHeader, kPing));
}

TEST_CASE("ASCII columns that look like hex are cut by position", "[hex]") {
    // The payload is the text "4500 003c 0x0010: 45 00 | 0xab, 0x00 deadbeef 4500003c".
    std::vector<uint8_t> ip;
    std::string ipHex = "4500005e00014000400626970a0000010a0000029c400050000003e8000007d0501801f6"
                        "70840000343530302030303363203078303031303a203435203030207c2030786162"
                        "2c2030783030206465616462656566203435303030303363";
    for (size_t i = 0; i < ipHex.size(); i += 2)
        ip.push_back(uint8_t(std::stoi(ipHex.substr(i, 2), nullptr, 16)));
    REQUIRE(ip.size() == 94);
    struct Case {
        const char* file;
        bool ethernet;
    };
    for (Case c : {Case{"ascii-trap.tcpdump-X.txt", false}, Case{"ascii-trap.tcpdump-XX.txt", true},
                   Case{"ascii-trap.xxd.txt", true}, Case{"ascii-trap.hexdump-C.txt", true},
                   Case{"ascii-trap.tshark-x.txt", true}}) {
        INFO(c.file);
        auto r = parseHexText(hexData(c.file));
        REQUIRE_FALSE(r.error);
        REQUIRE(r.frames.size() == 1);
        CHECK(r.frames[0].bytes == (c.ethernet ? concat(kEthHeader, ip) : ip));
        CHECK(r.frames[0].linkType == (c.ethernet ? LinkType::Ethernet : LinkType::Raw));
    }
}

TEST_CASE("hexdump -C and od '*' lines repeat the previous line", "[hex]") {
    std::vector<uint8_t> expected = {0x45, 0x00, 0x00, 0x50, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06,
                                     0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02};
    expected.resize(68, 0x00);
    for (uint8_t b : {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x10, 0x11, 0x12})
        expected.push_back(b);
    for (const char* name : {"repeat.hexdump-C.txt", "repeat.od.txt"}) {
        INFO(name);
        auto r = parseHexText(hexData(name));
        REQUIRE_FALSE(r.error);
        REQUIRE(r.frames.size() == 1);
        CHECK(r.frames[0].bytes == expected);
    }
    // All zeros: '*' then the line with just the total length.
    auto zeros = parseHexText(
        "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
        "*\n"
        "00000040\n");
    REQUIRE_FALSE(zeros.error);
    REQUIRE(zeros.frames.size() == 1);
    CHECK(zeros.frames[0].bytes == std::vector<uint8_t>(64, 0));
    auto first = parseHexText("*\n000000 45 00\n");
    REQUIRE(first.error);
    CHECK(first.error->line == 1);
    CHECK(first.error->message.find("repeats the line before it") != std::string::npos);
    // A '*' that would blow a frame up to gigabytes.
    auto lonely = parseHexText(
        "00000000  45 00 00 50 00 01 40 00  40 06 00 00 0a 00 00 01  |E..P..@.@.......|\n"
        "*\n"
        "ffffff00  45\n");
    REQUIRE(lonely.error);
    CHECK(lonely.error->line == 3);
    CHECK(lonely.error->column == 1);
}

TEST_CASE("guessLinkType tells IP from Ethernet", "[hex]") {
    CHECK(guessLinkType(kSyn) == LinkType::Raw);
    CHECK(guessLinkType(kPing) == LinkType::Raw);
    CHECK(guessLinkType(concat(kEthHeader, kSyn)) == LinkType::Ethernet);
    // Cut short by the snapshot length: still IP.
    CHECK(guessLinkType(std::span<const uint8_t>(kSyn).first(40)) == LinkType::Raw);
    // An 802.1Q tag before IPv4.
    std::vector<uint8_t> vlan = {0x00, 0x16, 0x3e, 0x0c, 0x1a, 0x2b, 0x52, 0x54, 0x00,
                                 0x12, 0xab, 0x34, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00};
    CHECK(guessLinkType(concat(vlan, kSyn)) == LinkType::Ethernet);
    // IPv6 with a 20-byte payload.
    std::vector<uint8_t> v6(60, 0);
    v6[0] = 0x60;
    v6[5] = 20;
    v6[6] = 6;
    CHECK(guessLinkType(v6) == LinkType::Raw);
    // Ethernet + IPv6, padded.
    std::vector<uint8_t> eth6 = kEthHeader;
    eth6[12] = 0x86;
    eth6[13] = 0xdd;
    CHECK(guessLinkType(concat(eth6, v6)) == LinkType::Ethernet);
    // Neither: Ethernet when long enough to hold its header.
    CHECK(guessLinkType(std::vector<uint8_t>(20, 0xee)) == LinkType::Ethernet);
    CHECK(guessLinkType(std::vector<uint8_t>(6, 0xee)) == LinkType::Raw);
    CHECK(guessLinkType({}) == LinkType::Raw);
}

TEST_CASE("a bad hex digit is reported at its line and column", "[hex]") {
    std::string text = std::string(kArticleSyn) +
                       "10:55:48.090073 IP dev2.39070 > dev.6379: Flags [P.], length 14\n"
                       "        0x0000:  4500 0042 08d1 4000 3606 149d 0ab3 b561\n"
                       "        0x0010:  0a60 5cd4 98g9 18eb f65a ec00 fe33 5504\n";
    auto r = parseHexText(text);
    REQUIRE(r.error);
    CHECK(r.error->line == 8);
    CHECK(r.error->column == 30); // the 'g' of "98g9"
    CHECK(r.error->message.find("found 'g'") != std::string::npos);
    CHECK(r.error->where() == "line 8, column 30");
    REQUIRE(r.frames.size() == 1); // the SYN before it is kept, the broken packet is not
    CHECK(r.frames[0].bytes == kSyn);

    auto plain = parseHexText("45 00 00 3c\n08 cf 4g 00\n");
    REQUIRE(plain.error);
    CHECK(plain.error->line == 2);
    CHECK(plain.error->column == 8);
    CHECK(plain.error->message == "expected a hex digit, found 'g'");

    auto start = parseHexText("45 00\nzz 00\n");
    REQUIRE(start.error);
    CHECK(start.error->line == 2);
    CHECK(start.error->column == 1);
    CHECK(start.error->message == "expected a hex byte, found 'z'");

    auto cDecimal = parseHexText("unsigned char p[] = { 0x45, 69 };");
    REQUIRE(cDecimal.error);
    CHECK(cDecimal.error->column == 29);

    auto xxd =
        parseHexText("00000000: 4500 003c 08cf 4000 3606 14a5 0ab3 b561  E..<..@.6......a\n"
                     "00000010: 0a60 5cd4 989e 18eb f65a ebff 0000 00x0  .`\\......Z......\n");
    REQUIRE(xxd.error);
    CHECK(xxd.error->line == 2);
    CHECK(xxd.error->column == 48);
}

TEST_CASE("odd digit counts are errors", "[hex]") {
    auto r = parseHexText("45 00 4a5 3c");
    REQUIRE(r.error);
    CHECK(r.error->message == "odd number of hex digits in '4a5'");
    CHECK(r.error->line == 1);
    CHECK(r.error->column == 7);

    auto dump = parseHexText("\t0x0000:  4500 003c 08c 4000\n");
    REQUIRE(dump.error);
    CHECK(dump.error->message == "odd number of hex digits in '08c'");
    CHECK(dump.error->column == 21); // tab, "0x0000:", two blanks, two groups

    auto stream = parseHexText("4500003");
    REQUIRE(stream.error);
    CHECK(stream.error->message.find("odd number") != std::string::npos);
    CHECK(stream.frames.empty());
}

TEST_CASE("offsets that go backwards or skip are errors", "[hex]") {
    auto back = parseHexText("\t0x0000:  4500 003c 08cf 4000 3606 14a5 0ab3 b561\n"
                             "\t0x0010:  0a60 5cd4 989e 18eb f65a ebff 0000 0000\n"
                             "\t0x0010:  a002 7210 872f 0000 0204 05b4 0402 080a\n");
    REQUIRE(back.error);
    CHECK(back.error->line == 3);
    CHECK(back.error->column == 2);
    CHECK(back.error->message.find("offset 0x0010 does not follow 0x0010 + 16") == 0);

    auto skip = parseHexText("\t0x0000:  4500 003c 08cf 4000 3606 14a5 0ab3 b561\n"
                             "\t0x0010:  0a60 5cd4 989e 18eb f65a ebff 0000 0000\n"
                             "\t0x0030:  b062 e330 0000 0000 0103 0307\n");
    REQUIRE(skip.error);
    CHECK(skip.error->line == 3);
    CHECK(skip.error->message.find("offset 0x0030 does not follow 0x0010 + 16") == 0);

    // A short line in the middle leaves a gap the next offset shows.
    auto shortLine =
        parseHexText("0000  45 00 00 3c 08 cf 40 00 36 06 14 a5 0a b3   E..<..@.6.....\n"
                     "0010  0a 60 5c d4                                 .`\\.\n");
    REQUIRE(shortLine.error);
    CHECK(shortLine.error->line == 2);
    CHECK(shortLine.error->message.find("does not follow 0x0000 + 14") != std::string::npos);

    auto late =
        parseHexText("00000010: 0a60 5cd4 989e 18eb f65a ebff 0000 0000  .`\\......Z......\n");
    REQUIRE(late.error);
    CHECK(late.error->message.find("starts at offset 0x0000") != std::string::npos);

    auto octal = parseHexText("0000000 45 00 00 3c 08 cf 40 00 36 06 14 a5 0a b3 b5 61\n"
                              "0000020 0a 60 5c d4\n");
    REQUIRE(octal.error);
    CHECK(octal.error->line == 2);
    CHECK(octal.error->message.find("octal offsets: use od -Ax -tx1") != std::string::npos);

    auto od = parseHexText("000000 0045 3c00\n");
    REQUIRE(od.error);
    CHECK(od.error->message.find("od -Ax -tx1") != std::string::npos);
}

TEST_CASE("random and binary input fails fast without reading out of bounds", "[hex]") {
    std::mt19937 rng(12345);
    std::string random(10 * 1024 * 1024, '\0');
    for (char& c : random) c = static_cast<char>(rng() & 0xff);
    auto t0 = std::chrono::steady_clock::now();
    auto r = parseHexText(random);
    auto elapsed = std::chrono::steady_clock::now() - t0;
    CHECK(r.error);
    CHECK(r.frames.empty());
    CHECK(elapsed < std::chrono::seconds(2));

    auto nul = parseHexText(std::string("45 00\0 3c", 9));
    REQUIRE(nul.error);
    CHECK(nul.error->column == 6);
    CHECK(nul.error->message.find("byte 0x00") != std::string::npos);

    auto empty = parseHexText("");
    CHECK(empty.error);
    auto blank = parseHexText("\n  \n\t\n");
    CHECK(blank.error);
    auto words = parseHexText("hello world\n");
    REQUIRE(words.error);
    CHECK(words.error->column == 1);
}

TEST_CASE("long inputs parse in linear time", "[hex]") {
    // One 10 MB line of hex: a 5 MB frame.
    std::string line;
    line.reserve(10 * 1024 * 1024);
    while (line.size() < 10 * 1024 * 1024) line += "4500003c08cf4000";
    auto t0 = std::chrono::steady_clock::now();
    auto r = parseHexText(line);
    auto elapsed = std::chrono::steady_clock::now() - t0;
    REQUIRE_FALSE(r.error);
    REQUIRE(r.frames.size() == 1);
    CHECK(r.frames[0].bytes.size() == line.size() / 2);
    CHECK(elapsed < std::chrono::seconds(2));

    // A long line with a bad character far to the right.
    std::string bad = "45" + std::string(1 << 20, ' ') + "q";
    auto e = parseHexText(bad);
    REQUIRE(e.error);
    CHECK(e.error->column == 3 + (1u << 20));

    // Many tcpdump packets.
    std::string many;
    for (int i = 0; i < 20000; ++i) many += kArticleSyn;
    auto m = parseHexText(many);
    REQUIRE_FALSE(m.error);
    CHECK(m.frames.size() == 20000);
}

TEST_CASE("every prefix and mutation of the samples parses without crashing", "[hex]") {
    std::mt19937 rng(7);
    for (const char* name :
         {"tcpdump-X-raw.txt", "tcpdump-XX-eth-numbered.txt", "syn.xxd.txt", "syn.hexdump-C.txt",
          "syn.od.txt", "tshark-x-eth.txt", "syn.c-array.txt", "repeat.od.txt"}) {
        std::string text = hexData(name);
        for (size_t n = 0; n <= text.size(); ++n) {
            auto r = parseHexText(std::string_view(text).substr(0, n));
            if (r.error) {
                CHECK(r.error->line >= 1);
                CHECK(r.error->column >= 1);
            }
        }
        for (int i = 0; i < 300; ++i) {
            std::string m = text;
            m[rng() % m.size()] = static_cast<char>(rng() & 0xff);
            auto r = parseHexText(m);
            for (const auto& f : r.frames) CHECK(f.bytes.size() <= 262144);
        }
    }
}
