// SPDX-License-Identifier: GPL-2.0-or-later
// The text ladder (formatLadderText, tcpscope-cli ladder): one arrow per packet in capture order
// with tcpdump's flag letters and Wireshark's relative (or raw) numbers, each endpoint's state
// changes beside its lane as the tracker reports them, analysis marks, and a clear error for a
// stream that does not exist.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/ladder_text.h"
#include "tcpscope/tcpdump_text.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

ConnectionTracker trackTcpdumpText(const std::filesystem::path& path) {
    ConnectionTracker t;
    for (const TcpSegment& s : parseTcpdumpText(readFile(path)).segments) t.add(s);
    return t;
}

// One packet's block of the text, read back.
struct TextArrow {
    uint64_t frame = 0;
    std::string label;       // the label lines joined by one space
    bool toServer = false;   // "----->" (else "<-----")
    std::string clientState; // beside the client lane on the arrow line ("" when unchanged)
    std::string serverState;
    std::string marks; // the "!! ..." lines joined, without "!! "
};

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(' ');
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::vector<TextArrow> parseArrows(const std::string& text) {
    static const std::regex head(R"(^\s*(\d+)\s+(-|-?\d+\.\d{6}) \|  (.*\S)\s*\|$)");
    static const std::regex cont(R"(^\s*\|  (.*\S)\s*\|$)");
    static const std::regex arrow(R"(^(.*)\|(-+>|<-+)\|(.*)$)");
    std::vector<TextArrow> out;
    bool inLabel = false;
    for (const std::string& line : splitLines(text)) {
        std::smatch m;
        if (std::regex_match(line, m, head)) {
            out.push_back({});
            out.back().frame = std::stoull(m[1]);
            out.back().label = m[3];
            inLabel = true;
        } else if (!out.empty() && std::regex_match(line, m, arrow)) {
            out.back().toServer = m[2].str().back() == '>';
            out.back().clientState = trim(m[1]);
            out.back().serverState = trim(m[3]);
            inLabel = false;
        } else if (!out.empty() && std::regex_match(line, m, cont)) {
            const std::string s = m[1];
            if (inLabel)
                out.back().label += " " + s;
            else if (s.rfind("!! ", 0) == 0)
                out.back().marks += s.substr(3);
            else if (!out.back().marks.empty() && s.rfind("...", 0) != 0)
                out.back().marks += " " + s;
        }
    }
    return out;
}

} // namespace

TEST_CASE("ladder text: the Redis ping-pong has ten arrows as tcpdump shows them", "[ladder]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "redis-ping-pong.pcap");
    REQUIRE(t.connections().size() == 1);
    const std::string text = formatLadderText(t, 0, {});
    INFO(text);

    // The header names both sockets with their roles and the initial states.
    const auto lines = splitLines(text);
    REQUIRE(lines.size() > 5);
    CHECK(lines[0].find("client 127.0.0.1:54610 <-> server 127.0.0.1:6379") != std::string::npos);
    CHECK(text.find("127.0.0.1:54610") < text.find("127.0.0.1:6379"));
    CHECK(std::regex_search(text, std::regex(R"(\n\s+CLOSED \|\s+\| LISTEN\n)")));
    for (const std::string& l : lines) CHECK(l.size() <= 100);

    const std::vector<TextArrow> arrows = parseArrows(text);
    REQUIRE(arrows.size() == 10);
    // tcpdump -n -r redis-ping-pong.pcap, flags and relative numbers as Wireshark shows them.
    const char* const expected[10] = {
        "[S] seq 0:1 win 65495",         "[S.] seq 0:1 ack 1 win 65483",
        "[.] seq 1 ack 1 win 65536",     "[P.] seq 1:15 ack 1 len 14 win 65536",
        "[.] seq 1 ack 15 win 65536",    "[P.] seq 1:8 ack 15 len 7 win 65536",
        "[.] seq 15 ack 8 win 65536",    "[F.] seq 15:16 ack 8 win 65536",
        "[F.] seq 8:9 ack 16 win 65536", "[.] seq 16 ack 9 win 65536",
    };
    const bool toServer[10] = {true, false, true, true, false, false, true, true, false, true};
    const auto events = t.ladder(0);
    REQUIRE(events.size() == 10);
    for (size_t i = 0; i < 10; ++i) {
        INFO("arrow " << i + 1);
        CHECK(arrows[i].frame == i + 1);
        CHECK(arrows[i].frame == events[i].frameNumber);
        CHECK(arrows[i].label == expected[i]);
        CHECK(arrows[i].toServer == toServer[i]);
        CHECK(arrows[i].toServer == (events[i].from == EndpointRole::Client));
        CHECK(arrows[i].marks.empty());
    }
    // The handshake's states where they change: SYN-SENT under the client on the SYN.
    CHECK(arrows[0].clientState == "SYN-SENT");
    CHECK(arrows[0].serverState == "SYN-RECEIVED");
    CHECK(arrows[1].clientState == "ESTABLISHED");
    CHECK(arrows[2].serverState == "ESTABLISHED");
    CHECK(arrows[3].clientState.empty());
    CHECK(arrows[3].serverState.empty());
}

TEST_CASE("ladder text: raw numbers are tcpdump -S's", "[ladder]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "redis-ping-pong.pcap");
    LadderTextOptions o;
    o.relative = false;
    const std::string text = formatLadderText(t, 0, o);
    INFO(text);
    CHECK(text.find("raw sequence numbers") != std::string::npos);
    const auto arrows = parseArrows(text);
    REQUIRE(arrows.size() == 10);
    CHECK(arrows[0].label == "[S] seq 2688689370:2688689371 win 65495");
    CHECK(arrows[1].label == "[S.] seq 3032269697:3032269698 ack 2688689371 win 65483");
    CHECK(arrows[3].label == "[P.] seq 2688689371:2688689385 ack 3032269698 len 14 win 65536");
    for (const std::string& l : splitLines(text)) CHECK(l.size() <= 100);
}

TEST_CASE("ladder text: the lifecycle's states follow the tracker", "[ladder]") {
    const ConnectionTracker t = trackTcpdumpText(samplesDir() / "tcpdump-connection-lifecycle.txt");
    REQUIRE(t.connections().size() == 1);
    const std::string text = formatLadderText(t, 0, {});
    INFO(text);
    const auto arrows = parseArrows(text);
    const auto events = t.ladder(0);
    REQUIRE(arrows.size() == events.size());
    std::vector<std::string> client, server, clientText, serverText;
    for (size_t i = 0; i < events.size(); ++i) {
        if (events[i].client.after != events[i].client.before)
            client.emplace_back(stateName(events[i].client.after));
        if (events[i].server.after != events[i].server.before)
            server.emplace_back(stateName(events[i].server.after));
        if (!arrows[i].clientState.empty()) clientText.push_back(arrows[i].clientState);
        if (!arrows[i].serverState.empty()) serverText.push_back(arrows[i].serverState);
        // tcpdump text has no timestamps relative to anything but the first line; still a time.
        CHECK(arrows[i].frame == events[i].frameNumber);
    }
    CHECK(clientText == client);
    CHECK(serverText == server);
    REQUIRE(clientText.size() >= 3);
    CHECK(clientText[0] == "SYN-SENT");
    CHECK(clientText[1] == "ESTABLISHED");
    CHECK(clientText[2] == "FIN-WAIT-1");
    CHECK(serverText.front() == "SYN-RECEIVED");
    // The last line holds both final states.
    const auto lines = splitLines(text);
    CHECK(trim(lines.back().substr(0, lines.back().find('|'))) ==
          stateName(events.back().client.after));
    CHECK(trim(lines.back().substr(lines.back().rfind('|') + 1)) ==
          stateName(events.back().server.after));

    // Without states: no state words beside the lanes.
    LadderTextOptions o;
    o.showStates = false;
    for (const TextArrow& a : parseArrows(formatLadderText(t, 0, o))) {
        CHECK(a.clientState.empty());
        CHECK(a.serverState.empty());
    }
}

TEST_CASE("ladder text: analysis marks and the arrow limit", "[ladder]") {
    // Handshake, two segments, the first one sent again (a retransmission), its ACK repeated.
    auto seg = [](uint64_t frame, bool fromClient, uint16_t flags, uint32_t seq, uint32_t ack,
                  uint32_t len) {
        TcpSegment s;
        s.frameNumber = frame;
        s.ts = {1700000000, frame * 1000000};
        s.src = Address::v4(fromClient ? 0x0a000001 : 0x0a000002);
        s.dst = Address::v4(fromClient ? 0x0a000002 : 0x0a000001);
        s.srcPort = fromClient ? 40000 : 80;
        s.dstPort = fromClient ? 80 : 40000;
        s.flags = flags;
        s.seq = seq;
        s.ack = ack;
        s.payloadLength = len;
        s.window = 1000;
        return s;
    };
    constexpr uint16_t S = TcpFlag::Syn, A = TcpFlag::Ack, P = TcpFlag::Psh;
    ConnectionTracker t;
    t.add(seg(1, true, S, 1000, 0, 0));
    t.add(seg(2, false, S | A, 5000, 1001, 0));
    t.add(seg(3, true, A, 1001, 5001, 0));
    t.add(seg(4, true, P | A, 1001, 5001, 100));
    t.add(seg(5, true, P | A, 1101, 5001, 100));
    t.add(seg(6, false, A, 5001, 1101, 0));
    t.add(seg(7, true, P | A, 1101, 5001, 100));
    t.add(seg(8, false, A, 5001, 1101, 0));

    const std::string text = formatLadderText(t, 0, {});
    INFO(text);
    const auto arrows = parseArrows(text);
    REQUIRE(arrows.size() == 8);
    bool anyMark = false;
    for (size_t i = 0; i < arrows.size(); ++i) {
        std::string expected;
        for (const std::string& m : ladderMarks(t.packets()[i]))
            expected += (expected.empty() ? "" : ", ") + m;
        CHECK(arrows[i].marks == expected);
        anyMark = anyMark || !expected.empty();
    }
    CHECK(anyMark);
    CHECK(arrows[6].marks.find("RETRANSMISSION") != std::string::npos);
    CHECK(arrows[7].marks.find("DUP ACK #1") != std::string::npos);

    LadderTextOptions o;
    o.maxArrows = 3;
    const std::string limited = formatLadderText(t, 0, o);
    CHECK(parseArrows(limited).size() == 3);
    CHECK(limited.find("... 5 more packets not shown") != std::string::npos);
}

TEST_CASE("ladder text: a stream that does not exist is an error", "[ladder]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "redis-ping-pong.pcap");
    CHECK(ladderStreamError(t, 0).empty());
    CHECK(ladderStreamError(t, 5) == "no TCP stream 5 (this input has stream 0)");
    CHECK(formatLadderText(t, 5, {}).empty());
    CHECK(ladderStreamError(ConnectionTracker{}, 0) == "no TCP stream 0 (this input has no TCP)");

    const std::string sample = shellQuote((samplesDir() / "redis-ping-pong.pcap").string());
    int status = 0;
    const std::string err =
        runCommand(shellQuote(cliPath()) + " ladder --stream 5 " + sample + " 2>&1", &status);
    CHECK(status != 0);
    CHECK(err.find("no TCP stream 5 (this input has stream 0)") != std::string::npos);
    runCommand(shellQuote(cliPath()) + " ladder --stream x " + sample + " 2>&1", &status);
    CHECK(status != 0);

    // The command prints what formatLadderText makes.
    const std::string out =
        runCommand(shellQuote(cliPath()) + " ladder --stream 0 --raw " + sample, &status);
    CHECK(status == 0);
    LadderTextOptions raw;
    raw.relative = false;
    CHECK(out == formatLadderText(t, 0, raw));
}
