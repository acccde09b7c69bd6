// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump summary lines without hex: the seed session, relative numbers made absolute again,
// the -v / -# / -tttt / -t / -q / IPv6 / host-name forms, and errors with line and column.
// tests/data/hex/summary-*.txt were printed by tcpdump 4.99 from one pcap (15 packets: the
// article's Redis connection with a SACK, a connection seen mid-stream, an IPv6 SYN/RST).
#include "tcpscope/tcpdump_text.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace tcpscope;
using tcpscope::test::dataDir;
using tcpscope::test::readFile;
using tcpscope::test::sharedDir;

namespace {

std::string summaryData(const char* name) {
    return readFile(dataDir() / "hex" / name);
}

Address v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    return Address::v4(uint32_t(a) << 24 | uint32_t(b) << 16 | uint32_t(c) << 8 | d);
}

// The article's connection and its ISNs (../shared/seeds/tcp-handshake-article.md).
constexpr uint32_t kClientIsn = 4133153791u;
constexpr uint32_t kServerIsn = 4264776963u;

} // namespace

TEST_CASE("the seed tcpdump session gives its 10 segments", "[tcpdump_text]") {
    auto path = sharedDir() / "seeds" / "tcpdump-connection-lifecycle.txt";
    if (!std::filesystem::exists(path)) {
        WARN("../shared/seeds not present; skipped");
        return;
    }
    std::string text = readFile(path);
    CHECK(looksLikeTcpdumpText(text));
    auto r = parseTcpdumpText(text);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.segments.size() == 10);
    CHECK(r.lineNumbers == std::vector<uint32_t>{7, 8, 9, 12, 15, 18, 21, 24, 25, 26});
    CHECK(r.skippedLines == 23); // 33 non-blank lines, 10 of them TCP
    CHECK(r.hostNames.empty());

    const uint16_t A = TcpFlag::Ack;
    struct Expect {
        bool fromClient;
        uint16_t flags;
        uint32_t seq;
        bool seqPresent;
        uint32_t ack;
        bool ackPresent;
        uint16_t win;
        uint32_t length;
    };
    const Expect expected[10] = {
        {true, TcpFlag::Syn, 860356044u, true, 0, false, 65535, 0},
        {false, TcpFlag::Syn | A, 4012548670u, true, 860356045u, true, 65535, 0},
        {true, A, 860356045u, false, 4012548671u, true, 6379, 0},
        {true, TcpFlag::Psh | A, 860356045u, true, 4012548671u, true, 6379, 10},
        {false, A, 4012548671u, false, 860356055u, true, 6379, 0},
        {false, TcpFlag::Psh | A, 4012548671u, true, 860356055u, true, 6379, 10},
        {true, A, 860356055u, false, 4012548681u, true, 6379, 0},
        {true, TcpFlag::Fin | A, 860356055u, true, 4012548681u, true, 6379, 0},
        {false, TcpFlag::Fin | A, 4012548681u, true, 860356056u, true, 6379, 0},
        {true, A, 860356056u, true, 4012548682u, true, 6379, 0},
    };
    const Address lo = v4(127, 0, 0, 1);
    for (size_t i = 0; i < 10; ++i) {
        INFO("segment " << i + 1);
        const TcpSegment& s = r.segments[i];
        const Expect& e = expected[i];
        CHECK(s.src == lo);
        CHECK(s.dst == lo);
        CHECK(s.srcPort == (e.fromClient ? 57729 : 3000));
        CHECK(s.dstPort == (e.fromClient ? 3000 : 57729));
        CHECK(s.flags == e.flags);
        CHECK(s.seq == e.seq);
        CHECK(s.seqPresent == e.seqPresent);
        CHECK(s.ack == e.ack);
        CHECK(s.ackPresent == e.ackPresent);
        CHECK(s.window == e.win);
        CHECK(s.payloadLength == e.length);
        CHECK_FALSE(s.relativeSeq);
        CHECK(s.hasTimestamp);
        CHECK(s.frameNumber == i + 1);
        CHECK(s.options.hasTimestamp);
        CHECK(s.options.tsVal == 1113971093u);
    }
    // The SYNs' options: mss 16344, nop, wscale 6, nop, nop, TS, sackOK, eol.
    for (size_t i : {0, 1}) {
        const auto& o = r.segments[i].options;
        CHECK(o.mss == 16344);
        CHECK(o.wscale == 6);
        CHECK(o.sackPermitted);
    }
    CHECK(r.segments[0].options.tsEcr == 0);
    CHECK(r.segments[1].options.tsEcr == 1113971093u);
    CHECK(r.segments[2].options.mss == -1);
    CHECK(r.segments[2].options.wscale == -1);
    CHECK_FALSE(r.segments[2].options.sackPermitted);
    CHECK(r.segments[0].ts == Timestamp{17 * 3600 + 56 * 60 + 4, 224218000});
    CHECK(r.segments[9].ts == Timestamp{17 * 3600 + 56 * 60 + 4, 224653000});
}

TEST_CASE("relative numbers from the article become absolute", "[tcpdump_text]") {
    // The article's lines plus the handshake it describes in words.
    const char* text =
        "10:55:45.662077 IP dev2.39070 > dev.6379: Flags [S], seq 4133153791, win 29200, options "
        "[mss 1460,sackOK,TS val 2959270704 ecr 0,nop,wscale 7], length 0\n"
        "10:55:45.662290 IP dev.6379 > dev2.39070: Flags [S.], seq 4264776963, ack 4133153792, "
        "win 28960, options [mss 1460,sackOK,TS val 3132253800 ecr 2959270704,nop,wscale 7], "
        "length 0\n"
        "10:55:45.665384 IP dev2.39070 > dev.6379: Flags [.], ack 1, win 229, options "
        "[nop,nop,TS val 2959270707 ecr 3132253800], length 0\n"
        "10:55:48.090073 IP dev2.39070 > dev.6379: Flags [P.], seq 1:15, ack 1, win 229, options "
        "[nop,nop,TS val 2959273132 ecr 3132256230], length 14\n"
        "10:55:48.090171 IP dev.6379 > dev2.39070: Flags [.], ack 15, win 227, length 0\n"
        "10:55:48.090466 IP dev.6379 > dev2.39070: Flags [P.], seq 1:8, ack 15, win 227, "
        "length 7\n";
    auto r = parseTcpdumpText(text);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.segments.size() == 6);
    const auto& s = r.segments;
    CHECK(s[2].seq == kClientIsn + 1);
    CHECK_FALSE(s[2].seqPresent);
    CHECK(s[2].ack == kServerIsn + 1);
    CHECK(s[3].seq == 4133153792u); // the article: seq=0xf65aec00
    CHECK(s[3].ack == 4264776964u);
    CHECK(s[3].payloadLength == 14);
    CHECK(s[3].flags == (TcpFlag::Psh | TcpFlag::Ack));
    CHECK(s[4].ack == 4133153806u); // the article: 0xf65aec0e
    CHECK(s[4].seq == 4264776964u);
    CHECK(s[5].seq == 4264776964u); // the article: fe33 5504
    CHECK(s[5].ack == 4133153806u);
    for (const auto& seg : s) CHECK_FALSE(seg.relativeSeq);
    // No -n: host names get distinct stand-in addresses, mapped back for display.
    REQUIRE(r.hostNames.size() == 2);
    CHECK(r.hostNames[0].second == "dev2");
    CHECK(r.hostNames[1].second == "dev");
    CHECK(s[0].src == r.hostNames[0].first);
    CHECK(s[0].dst == r.hostNames[1].first);
    CHECK(s[0].src != s[0].dst);
    CHECK(s[0].src.toString() == "198.18.0.1");
}

TEST_CASE("an excerpt without its handshake stays relative and says so", "[tcpdump_text]") {
    auto r = parseTcpdumpText(
        "10:55:48.090073 IP dev2.39070 > dev.6379: Flags [P.], seq 1:15, ack 1, win 229, options "
        "[nop,nop,TS val 2959273132 ecr 3132256230], length 14\n"
        "10:55:48.090171 IP dev.6379 > dev2.39070: Flags [.], ack 15, win 227, length 0\n");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.segments.size() == 2);
    CHECK(r.segments[0].relativeSeq);
    CHECK(r.segments[0].seq == 1);
    CHECK(r.segments[1].relativeSeq);
    CHECK(r.segments[1].ack == 15);
    CHECK(r.segments[1].seq == 1); // what the client acked
}

TEST_CASE("tcpdump's relative and -S outputs of one capture agree", "[tcpdump_text]") {
    auto rel = parseTcpdumpText(summaryData("summary-relative.txt"));
    auto abs = parseTcpdumpText(summaryData("summary-absolute-tttt-numbered.txt"));
    auto verbose = parseTcpdumpText(summaryData("summary-verbose-names.txt"));
    auto noTime = parseTcpdumpText(summaryData("summary-no-time.txt"));
    for (auto* r : {&rel, &abs, &verbose, &noTime}) {
        REQUIRE_FALSE(r->error);
        REQUIRE(r->segments.size() == 15);
    }
    for (size_t i = 0; i < 15; ++i) {
        INFO("packet " << i + 1);
        for (auto* other : {&rel, &verbose, &noTime}) {
            const TcpSegment& a = abs.segments[i];
            const TcpSegment& b = other->segments[i];
            CHECK(b.src == a.src);
            CHECK(b.dst == a.dst);
            CHECK(b.srcPort == a.srcPort);
            CHECK(b.dstPort == a.dstPort);
            CHECK(b.seq == a.seq);
            CHECK(b.seqPresent == a.seqPresent);
            CHECK(b.ack == a.ack);
            CHECK(b.flags == a.flags);
            CHECK(b.window == a.window);
            CHECK(b.payloadLength == a.payloadLength);
            CHECK(b.options.sackCount == a.options.sackCount);
            CHECK(b.options.sack == a.options.sack);
            CHECK(b.options.tsVal == a.options.tsVal);
            CHECK_FALSE(b.relativeSeq);
        }
        CHECK(abs.segments[i].frameNumber == i + 1);
        CHECK(abs.segments[i].ts.sec == 1700000000);
        CHECK(rel.segments[i].ts.sec == 22 * 3600 + 13 * 60 + 20);
        CHECK(rel.segments[i].ts.nsec == abs.segments[i].ts.nsec);
        CHECK(verbose.segments[i].ts == rel.segments[i].ts);
        CHECK_FALSE(noTime.segments[i].hasTimestamp);
        CHECK(verbose.segments[i].checksum == ChecksumStatus::Good);
    }
    const auto& s = abs.segments;
    // The SACK block tcpdump printed as {29:39} is in the client's sequence space.
    REQUIRE(s[4].options.sackCount == 1);
    CHECK(s[4].options.sack[0][0] == kClientIsn + 29);
    CHECK(s[4].options.sack[0][1] == kClientIsn + 39);
    // A connection first seen mid-stream: its first line set tcpdump's bases.
    CHECK(s[7].ack == 1000018);
    CHECK(s[8].seq == 2000000);
    CHECK(s[8].payloadLength == 19);
    // IPv6, and the RST tcpdump printed as "seq 1, ack 1".
    CHECK(s[12].src.family == 6);
    CHECK(s[12].dst.toString() == "2001:db8::2");
    CHECK(s[12].dstPort == 443);
    CHECK(s[14].flags == (TcpFlag::Rst | TcpFlag::Ack));
    CHECK(s[14].seq == 8);
    CHECK(s[14].ack == 901);
    CHECK(verbose.segments[0].dstPort == 6379); // printed as "redis"
    // The -v first halves belong to their packets; only -v's two HTTP lines are skipped.
    CHECK(verbose.skippedLines == 2);
}

TEST_CASE("tcpdump -q lines, comments and headers are skipped", "[tcpdump_text]") {
    auto quiet = parseTcpdumpText(summaryData("summary-quiet.txt"));
    CHECK_FALSE(quiet.error);
    CHECK(quiet.segments.empty());
    CHECK(quiet.skippedLines == 15);
    CHECK_FALSE(looksLikeTcpdumpText(summaryData("summary-quiet.txt")));
    CHECK_FALSE(looksLikeTcpdumpText("Flags []里面包含的是TCP FLAG\n[S] 代表SYN\n"));
    CHECK(looksLikeTcpdumpText("IP 1.2.3.4.5 > 5.6.7.8.9: Flags [S], seq 1, win 2, length 0"));
}

TEST_CASE("flags as letters and as words", "[tcpdump_text]") {
    struct Case {
        const char* flags;
        uint16_t bits;
    };
    for (Case c : {Case{"S", TcpFlag::Syn}, Case{"S.", TcpFlag::Syn | TcpFlag::Ack},
                   Case{"FP.", TcpFlag::Fin | TcpFlag::Psh | TcpFlag::Ack},
                   Case{"SEW", TcpFlag::Syn | TcpFlag::Ece | TcpFlag::Cwr}, Case{"R", TcpFlag::Rst},
                   Case{"U.", TcpFlag::Urg | TcpFlag::Ack},
                   Case{"S.e", TcpFlag::Syn | TcpFlag::Ack | TcpFlag::Ae}, Case{"none", 0},
                   Case{"SYN", TcpFlag::Syn}, Case{"SYN.ACK", TcpFlag::Syn | TcpFlag::Ack},
                   Case{"PUSH.ACK", TcpFlag::Psh | TcpFlag::Ack},
                   Case{"FIN.ACK", TcpFlag::Fin | TcpFlag::Ack}, Case{"RST", TcpFlag::Rst}}) {
        INFO(c.flags);
        auto r = parseTcpdumpText(std::string("IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [") + c.flags +
                                  "], seq 5, win 100, length 0\n");
        REQUIRE_FALSE(r.error);
        REQUIRE(r.segments.size() == 1);
        CHECK(r.segments[0].flags == c.bits);
    }
}

TEST_CASE("malformed TCP lines give line and column; earlier segments are kept", "[tcpdump_text]") {
    const std::string good =
        "10:00:00.000001 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, win 100, length 0\n";
    struct Case {
        std::string line;
        std::string at;      // the text the column must point at (its last occurrence)
        std::string message; // part of the message
    };
    for (const Case& c : {
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [SX], seq 5, length 0", "X]",
                  "TCP flag letter"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq abc, length 0", "abc",
                  "sequence number"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5:x, length 0", "x,",
                  "range"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [.], ack 99999999999, win 1",
                  "99999999999", "number after 'ack'"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [.], ack 1, win 70000",
                  "win 70000", "16 bits"},
             Case{"10:00:00.2 IP 10.0.0.1.99999 > 10.0.0.2.80: Flags [S], seq 5", "99999",
                  "port number"},
             Case{"10:00:00.2 IP 10.0.0.1.gopherish > 10.0.0.2.80: Flags [S], seq 5", "gopherish",
                  "unknown port name"},
             Case{"10:00:00.2 IP6 fe80::1::2.80 > ::1.80: Flags [S], seq 5", "fe80", "IPv6"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, options [mss x]",
                  "x]", "MSS"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, options "
                  "[TS val 1 ecr]",
                  "ecr]", "'ecr'"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 5, options "
                  "[sack 1 {1:2]",
                  "]", "'}'"},
             Case{"10:00:00.2 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S, seq 5", "", "']'"},
         }) {
        INFO(c.line);
        auto r = parseTcpdumpText(good + "# a comment\n" + c.line + "\n" + good);
        REQUIRE(r.error);
        CHECK(r.error->line == 3);
        size_t at = c.at.empty() ? c.line.size() : c.line.rfind(c.at);
        CHECK(r.error->column == at + 1);
        CHECK(r.error->message.find(c.message) != std::string::npos);
        CHECK(r.segments.size() == 1);
        CHECK(r.lineNumbers == std::vector<uint32_t>{1});
    }
}

TEST_CASE("IPv4 and IPv6 address forms", "[tcpdump_text]") {
    auto r = parseTcpdumpText(
        "IP6 ::ffff:10.0.0.1.80 > 2001:db8:0:0:1:0:0:1.443: Flags [S], seq 1, win 1, length 0\n"
        "IP6 fe80::a:b.1 > ::.2: Flags [S], seq 1, win 1, length 0\n"
        "1.000000 eth0 In IP 192.168.0.1.22 > 192.168.0.2.50000: Flags [P.], seq 1:5, ack 7, "
        "win 9, length 4\n");
    REQUIRE_FALSE(r.error);
    REQUIRE(r.segments.size() == 3);
    CHECK(r.segments[0].src.toString() == "::ffff:10.0.0.1");
    CHECK(r.segments[0].dst.toString() == "2001:db8::1:0:0:1");
    CHECK(r.segments[1].src.toString() == "fe80::a:b"); // the port follows the last '.'
    CHECK(r.segments[1].srcPort == 1);
    CHECK(r.segments[1].dst.toString() == "::");
    CHECK(r.segments[2].src == v4(192, 168, 0, 1));
    CHECK(r.segments[2].ts == Timestamp{1, 0});
    CHECK(r.segments[2].payloadLength == 4);
}

TEST_CASE("every prefix and mutation of tcpdump text parses without crashing", "[tcpdump_text]") {
    std::mt19937 rng(11);
    for (const char* name : {"summary-relative.txt", "summary-verbose-names.txt",
                             "summary-absolute-tttt-numbered.txt"}) {
        std::string text = summaryData(name);
        for (size_t n = 0; n <= text.size(); n += 7) {
            auto r = parseTcpdumpText(std::string_view(text).substr(0, n));
            CHECK(r.segments.size() == r.lineNumbers.size());
            if (r.error) CHECK(r.error->column >= 1);
        }
        for (int i = 0; i < 500; ++i) {
            std::string m = text;
            for (int k = 0; k < 3; ++k) m[rng() % m.size()] = static_cast<char>(rng() & 0xff);
            auto r = parseTcpdumpText(m);
            CHECK(r.segments.size() == r.lineNumbers.size());
        }
    }
}

TEST_CASE("InputError::where names a line and column, or a byte", "[tcpdump_text]") {
    InputError e;
    e.byteOffset = 1234;
    CHECK(e.where() == "byte 1234");
    e.frameNumber = 17;
    CHECK(e.where() == "byte 1234 (record 17)");
    e.line = 3;
    e.column = 7;
    CHECK(e.where() == "line 3, column 7");
}
