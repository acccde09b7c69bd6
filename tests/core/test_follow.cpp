// SPDX-License-Identifier: GPL-2.0-or-later
// Follow TCP Stream (stream_follow.h): hand-made streams for the placement rules (overlap,
// out of order, acknowledged gaps, differing retransmissions, data after an unacknowledged
// gap), and byte-for-byte agreement with `tshark -q -z follow,tcp,FORMAT,K` on every stream of
// every sample, corpus, tunnel and crafted capture in ascii, hex, raw and yaml, both through
// the opened session and through `tcpscope-cli follow`. Reviewed exceptions:
// tests/data/follow_exceptions.txt (file, stream, reason).
#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"
#include "tcpscope/stream_follow.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

struct Seg {
    bool fromB;
    uint32_t seq;
    uint32_t ack;
    std::string data;
    uint16_t flags = TcpFlag::Ack;
};

// A stream between A (10.0.0.1:1000) and B (10.0.0.2:80), relative numbers as given.
FollowStream follow(const std::vector<Seg>& segs) {
    StreamFollower f(3);
    const Address a = Address::v4(0x0a000001), b = Address::v4(0x0a000002);
    uint64_t frame = 0;
    for (const Seg& s : segs) {
        TcpPacketAnalysis p;
        p.stream = 3;
        p.frameNumber = ++frame;
        const Timestamp ts{100, frame * 1000};
        p.seq = s.seq;
        p.ack = s.ack;
        p.len = uint32_t(s.data.size());
        p.flags = s.flags;
        const auto* d = reinterpret_cast<const uint8_t*>(s.data.data());
        if (s.fromB)
            f.add(p, ts, b, 80, a, 1000, {d, s.data.size()});
        else
            f.add(p, ts, a, 1000, b, 80, {d, s.data.size()});
    }
    return f.finish();
}

std::string text(const FollowStream& s, const FollowChunk& c) {
    auto d = s.data(c);
    return std::string(d.begin(), d.end());
}

const std::vector<FollowFormat> kCompared = {FollowFormat::Ascii, FollowFormat::Hex,
                                             FollowFormat::Raw, FollowFormat::Yaml};

// file name -> streams excused ("*": all)
std::map<std::string, std::set<std::string>> loadExceptions() {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& row : readReviewedRows(dataDir() / "follow_exceptions.txt"))
        if (row.size() >= 3 && !row[2].empty()) out[row[0]].insert(row[1]);
    return out;
}

std::vector<std::filesystem::path> followCaptures() {
    std::vector<std::filesystem::path> out = capturesUnder(samplesDir());
    for (const auto& d :
         {corpusDir(), sharedDir() / "tunnels", dataDir() / "tunnels", dataDir() / "crafted"})
        for (const auto& p : capturesUnder(d)) out.push_back(p);
    return out;
}

// Where two texts first differ, with a little of each around it.
std::string firstDifference(const std::string& ours, const std::string& theirs) {
    size_t i = 0;
    while (i < ours.size() && i < theirs.size() && ours[i] == theirs[i]) ++i;
    auto around = [&](const std::string& s) {
        const size_t from = i > 60 ? i - 60 : 0;
        return s.substr(from, 120);
    };
    return "at byte " + std::to_string(i) + ": ours [" + around(ours) + "] tshark [" +
           around(theirs) + "]";
}

} // namespace

TEST_CASE("follow places each byte once, in sequence order", "[follow]") {
    SECTION("a retransmission and an overlapping resend add only their new bytes") {
        auto s =
            follow({{false, 1, 1, "hello "}, {false, 1, 1, "hello "}, {false, 4, 1, "lo world"}});
        REQUIRE(s.chunks.size() == 2);
        CHECK(text(s, s.chunks[0]) == "hello ");
        CHECK(text(s, s.chunks[1]) == "world");
        CHECK(s.chunks[1].frame == 3);
        CHECK(s.chunks[1].seq == 7);
        CHECK(s.anomalies.empty());
        CHECK(s.sent[0] == 11);
    }
    SECTION("out-of-order data waits for the bytes before it") {
        auto s = follow({{false, 1, 1, "ab"}, {false, 5, 1, "ef"}, {false, 3, 1, "cd"}});
        REQUIRE(s.chunks.size() == 3);
        CHECK(text(s, s.chunks[1]) == "cd");
        CHECK(text(s, s.chunks[2]) == "ef");
        CHECK(s.chunks[2].frame == 2);
        CHECK(s.chunks[2].position == 4);
    }
    SECTION("bytes acknowledged but never captured become a gap of their length") {
        auto s = follow({{false, 1, 1, "ab"}, {false, 8, 1, "hi"}, {true, 1, 10, ""}});
        REQUIRE(s.chunks.size() == 3);
        CHECK(s.chunks[1].kind == FollowChunk::Kind::Missing);
        CHECK(s.chunks[1].missing == 5);
        CHECK(s.chunks[1].frame == 3);
        CHECK(text(s, s.chunks[1]) == std::string("[5 bytes missing in capture file]\0", 34));
        CHECK(text(s, s.chunks[2]) == "hi");
        CHECK(s.chunks[2].frame == 2);
        CHECK(s.unplaced.empty());
    }
    SECTION("data after a gap nobody acknowledged is kept apart, not dropped silently") {
        auto s = follow({{false, 1, 1, "ab"}, {false, 8, 1, "hi"}});
        REQUIRE(s.chunks.size() == 1);
        REQUIRE(s.unplaced.size() == 1);
        CHECK(text(s, s.unplaced[0]) == "hi");
        CHECK(s.unplaced[0].seq == 8);
    }
    SECTION("a retransmission with other bytes keeps the first copy and is reported") {
        auto s = follow({{false, 1, 1, "abcd"}, {false, 2, 1, "XcYef"}});
        REQUIRE(s.chunks.size() == 2);
        CHECK(text(s, s.chunks[0]) == "abcd");
        CHECK(text(s, s.chunks[1]) == "ef");
        REQUIRE(s.anomalies.size() == 1);
        CHECK(s.anomalies[0].frame == 2);
        CHECK(s.anomalies[0].seq == 2);
        CHECK(s.anomalies[0].length == 2); // X for b, Y for d
        CHECK(s.anomalies[0].position == 1);
    }
    SECTION("node 0 is the sender of the first packet, the SYN counts one sequence number") {
        auto s = follow({{true, 0, 0, "", TcpFlag::Syn}, {false, 1, 1, "x"}, {true, 1, 2, "y"}});
        CHECK(s.port[0] == 80);
        REQUIRE(s.chunks.size() == 2);
        CHECK(s.chunks[0].server); // A's data: A is node 1
        CHECK(text(s, s.chunks[0]) == "x");
        CHECK(s.chunks[0].seq == 1);
        CHECK_FALSE(s.chunks[1].server);
        CHECK(text(s, s.chunks[1]) == "y");
    }
}

TEST_CASE("follow formats print as tshark's", "[follow]") {
    auto s = follow({{false, 1, 1, "GET /\r\n\x01"}, {true, 1, 9, "0123456789abcdef0123 "}});
    std::string out;
    formatFollow(out, s, FollowFormat::Ascii);
    CHECK(out == "\n===================================================================\n"
                 "Follow: tcp,ascii\nFilter: tcp.stream eq 3\n"
                 "Node 0: 10.0.0.1:1000\nNode 1: 10.0.0.2:80\n"
                 "8\nGET /\r\n.\n\t21\n0123456789abcdef0123 \n"
                 "===================================================================\n");
    out.clear();
    formatFollow(out, s, FollowFormat::Hex);
    CHECK(out.find("\t00000010  30 31 32 33 20                                    0123\n") !=
          std::string::npos);
    out.clear();
    formatFollow(out, s, FollowFormat::CArrays);
    CHECK(out.rfind("char peer0_0[] = { /* Packet 1 */\n0x47, 0x45, 0x54, 0x20, 0x2f, 0x0d, "
                    "0x0a, 0x01 };\n",
                    0) == 0);
}

TEST_CASE("follow chunk texts are the dialog's: no length lines, no server tabs", "[follow]") {
    auto s = follow({{false, 1, 1, "GET /\r\n\x01"}, {true, 1, 9, "0123456789abcdef0123 "}});
    const auto chunk = [&](size_t i, FollowFormat f, uint32_t index = 0) {
        std::string out;
        formatFollowChunk(out, s.chunks[i], s.data(s.chunks[i]), f, index);
        return out;
    };
    CHECK(chunk(0, FollowFormat::Ascii) == "GET /\r\n.");
    CHECK(chunk(1, FollowFormat::Utf8) == "0123456789abcdef0123 ");
    CHECK(chunk(1, FollowFormat::Raw) == "303132333435363738396162636465663031323320\n");
    CHECK(chunk(1, FollowFormat::Hex) ==
          "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  01234567 89abcdef\n"
          "00000010  30 31 32 33 20                                    0123\n");
    // A part of a chunk keeps one character per byte in ASCII.
    std::string part;
    formatFollowChunk(part, s.chunks[0], s.data(s.chunks[0]).subspan(5, 3), FollowFormat::Ascii, 0);
    CHECK(part == "\r\n.");
    // YAML and C arrays: the peers and the chunks are formatFollow's text.
    for (FollowFormat f : {FollowFormat::Yaml, FollowFormat::CArrays}) {
        std::string whole, pieces;
        formatFollow(whole, s, f);
        formatFollowPeers(pieces, s, f);
        for (size_t i = 0; i < s.chunks.size(); ++i) pieces += chunk(i, f);
        CHECK(pieces == whole);
    }
    std::string none;
    formatFollowPeers(none, s, FollowFormat::Ascii);
    CHECK(none.empty());
}

TEST_CASE("follow agrees with tshark on every stream of every capture", "[follow][tshark]") {
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
        return;
    }
    if (!haveCorpus())
        WARN("../shared/corpus is absent: only the samples and test data are compared");
    const auto exceptions = loadExceptions();
    size_t streams = 0, excused = 0, captures = 0, bytes = 0;
    std::vector<std::string> failures;
    registerAllProtocols();
    for (const auto& path : followCaptures()) {
        const std::string name = path.filename().string();
        auto session = CaptureSession::open(path.string(), DissectOptions{});
        REQUIRE(session);
        const auto& ex = exceptions.count(name) ? exceptions.at(name) : std::set<std::string>{};
        std::string args, ours;
        // tshark prints the last -z first.
        std::vector<std::string> blocks;
        for (const auto& conn : session->tracker().connections()) {
            if (ex.count("*") || ex.count(std::to_string(conn.stream))) {
                ++excused;
                continue;
            }
            const FollowStream s = followStream(*session, conn.stream);
            for (FollowFormat f : kCompared) {
                args += " -z follow,tcp," + std::string(followFormatName(f)) + "," +
                        std::to_string(conn.stream);
                std::string block;
                formatFollow(block, s, f);
                blocks.push_back(std::move(block));
            }
            ++streams;
        }
        if (blocks.empty()) continue;
        ++captures;
        for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) ours += *it;
        const std::string theirs =
            runCommand("tshark -n -r " + shellQuote(path.string()) + " -q" + args + " 2>/dev/null");
        bytes += theirs.size();
        if (ours != theirs) failures.push_back(name + ": " + firstDifference(ours, theirs));
    }
    WARN("follow vs tshark: " << streams << " streams of " << captures << " captures, " << bytes
                              << " bytes of tshark output compared in 4 formats; " << excused
                              << " streams excused");
    for (const auto& f : failures) UNSCOPED_INFO(f);
    CHECK(failures.empty());
    CHECK(streams >= (haveCorpus() ? 200u : 30u));
}

TEST_CASE("tcpscope-cli follow prints what tshark prints", "[follow][tshark][cli]") {
    if (!haveTool("tshark")) {
        WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
        return;
    }
    // Every format on streams with retransmissions, out-of-order data and a zero window; the
    // first stream of every capture in ascii.
    std::vector<std::pair<std::filesystem::path, uint32_t>> cases = {
        {samplesDir() / "retransmission-dupack.pcap", 0},
        {samplesDir() / "zero-window.pcap", 0},
        {samplesDir() / "redis-ping-pong.pcap", 0},
        {dataDir() / "crafted" / "acked-unseen.pcap", 0},
    };
    for (const auto& [path, stream] : cases) {
        for (const char* fmt : {"ascii", "hex", "raw", "yaml"}) {
            const std::string k = std::to_string(stream);
            const std::string ours =
                runCommand(shellQuote(cliPath()) + " follow --stream " + k + " --format " + fmt +
                           " " + shellQuote(path.string()) + " 2>/dev/null");
            const std::string theirs =
                runCommand("tshark -n -r " + shellQuote(path.string()) + " -q -z follow,tcp," +
                           fmt + "," + k + " 2>/dev/null");
            INFO(path.filename().string() << " " << fmt << " " << firstDifference(ours, theirs));
            CHECK(ours == theirs);
            CHECK(ours.size() > 100);
        }
    }
    int status = 0;
    runCommand(shellQuote(cliPath()) + " follow --format nonsense " +
                   shellQuote((samplesDir() / "reset.pcap").string()) + " 2>/dev/null",
               &status);
    CHECK(WEXITSTATUS(status) == 2);
}

TEST_CASE("retransmissions with other bytes are Zeek's rexmit_inconsistency events",
          "[follow][zeek]") {
    const auto traces = corpusDir() / "other" / "zeek" / "traces";
    const auto baseline = corpusDir() / "other" / "zeek" / "baseline";
    if (!std::filesystem::is_directory(traces)) {
        WARN("SKIPPED: ../shared/corpus is absent");
        return;
    }
    registerAllProtocols();
    auto count = [](const std::string& text) {
        size_t n = 0;
        for (const auto& line : splitLines(text)) n += line.find("rexmit_inconsistency") == 0;
        return n;
    };
    // reassembly.pcap: Zeek's core.reassembly baseline lists its 6 events (one connection).
    auto session = CaptureSession::open((traces / "reassembly.pcap").string(), DissectOptions{});
    REQUIRE(session);
    const size_t zeek = count(readFile(baseline / "core.reassembly" / "output"));
    CHECK(zeek == 6);
    CHECK(followStream(*session, 0).anomalies.size() == zeek);
    // The "Quantum Insert": a forged response arrived first and is kept (Zeek's t1), the real
    // one's overlapping bytes differ (t2).
    session = CaptureSession::open((traces / "qi_internet_SYNACK_curl_jsonip.pcap").string(),
                                   DissectOptions{});
    REQUIRE(session);
    const std::string qi = readFile(baseline / "core.tcp.quantum-insert" / "stdout");
    CHECK(qi.find("t1: HTTP/1.1 200 OK\\x0d\\x0aContent-Length: 5\\x0d\\x0a\\x0d\\x0aBANG!") !=
          std::string::npos);
    const FollowStream s = followStream(*session, 0);
    REQUIRE(s.anomalies.size() == 1);
    CHECK(s.anomalies[0].server);
    std::string text;
    formatFollow(text, s, FollowFormat::Ascii);
    CHECK(text.find("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nBANG!") != std::string::npos);
    CHECK(text.find("nginx") == std::string::npos);
}
