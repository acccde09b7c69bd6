// SPDX-License-Identifier: GPL-2.0-or-later
// Connections built from tcpdump summary text (no bytes at all) give the same states and
// ladder events as the same traffic read from the capture: the text comes from the real
// tcpdump run on the capture, in relative (-n) and absolute (-S) form.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_state_machine.h"
#include "tcpscope/tcpdump_text.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

ConnectionTracker fromCapture(const std::filesystem::path& p) {
    return trackCapture(p);
}

std::string stepText(const EndpointStep& s) {
    return std::string(stateName(s.before)) + ">" + std::string(stateName(s.after)) + " " +
           std::string(eventName(s.event));
}

std::string ladderText(const LadderEvent& e, bool withTime) {
    std::string out = (e.from == EndpointRole::Client ? "c>s" : "s>c") + std::string(" flags ") +
                      std::to_string(e.flags) + " seq " + std::to_string(e.seq) + " ack " +
                      std::to_string(e.ack) + " len " + std::to_string(e.len) + " | client " +
                      stepText(e.client) + " | server " + stepText(e.server);
    if (withTime) out += " @" + std::to_string(e.ts.sec) + "." + std::to_string(e.ts.nsec / 1000);
    return out;
}

void compareTrackers(const ConnectionTracker& cap, const ConnectionTracker& txt, bool withTime) {
    REQUIRE(cap.connections().size() == txt.connections().size());
    for (const TcpConnection& c : cap.connections()) {
        auto a = cap.ladder(c.stream), b = txt.ladder(c.stream);
        INFO("stream " << c.stream);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            INFO("packet " << i + 1 << " of the stream");
            CHECK(ladderText(a[i], withTime) == ladderText(b[i], withTime));
        }
        CHECK(txt.connections()[c.stream].connState == c.connState);
    }
}

} // namespace

TEST_CASE("tcpdump text gives the same states and ladder as the capture", "[tracker][text]") {
    if (!haveTool("tcpdump")) {
        WARN("SKIPPED: tcpdump is not installed");
        return;
    }
    std::vector<std::filesystem::path> captures = {samplesDir() / "redis-ping-pong.pcap"};
    const char* corpusCaptures[] = {"other/chrissanders/tcp_handshake.pcapng",
                                    "other/chrissanders/tcp_teardown.pcapng",
                                    "other/chrissanders/tcp_refuseconnection.pcapng",
                                    "other/chrissanders/tcp_dupack.pcapng",
                                    "other/chrissanders/tcp_zerowindowrecovery.pcapng",
                                    "wireshark/4-times-close.pcap",
                                    "wireshark/3-way-handshake.pcap",
                                    "other/zeek/traces/syn-then-rst.pcap"};
    for (const char* c : corpusCaptures)
        if (std::filesystem::exists(corpusDir() / c)) captures.push_back(corpusDir() / c);
    int compared = 0;
    for (const auto& cap : captures) {
        ConnectionTracker fromBytes = fromCapture(cap);
        for (const char* opts : {"-n -tt", "-n -S -tt", "-n"}) {
            INFO(cap.filename().string() << " with tcpdump " << opts);
            std::string text = runCommand(std::string("TZ=UTC tcpdump ") + opts + " -r '" +
                                          cap.string() + "' 2>/dev/null");
            TcpdumpTextResult r = parseTcpdumpText(text);
            REQUIRE_FALSE(r.error);
            ConnectionTracker fromText;
            for (const TcpSegment& s : r.segments) fromText.add(s);
            // Without -tt tcpdump prints only the time of day: compare times only with -tt.
            compareTrackers(fromBytes, fromText,
                            std::string(opts).find("-tt") != std::string::npos);
            ++compared;
        }
    }
    CHECK(compared >= 3);
}

TEST_CASE("the seed session's text gives the documented states", "[tracker][text]") {
    std::string text = readFile(samplesDir() / "tcpdump-connection-lifecycle.txt");
    TcpdumpTextResult r = parseTcpdumpText(text);
    REQUIRE_FALSE(r.error);
    REQUIRE(r.segments.size() == 10);
    ConnectionTracker t;
    for (const TcpSegment& s : r.segments) t.add(s);
    std::vector<std::string> client, server;
    for (const TcpPacketAnalysis& p : t.packets()) {
        if (client.empty()) client.push_back(std::string(stateName(p.client.before)));
        if (server.empty()) server.push_back(std::string(stateName(p.server.before)));
        if (p.client.after != p.client.before)
            client.push_back(std::string(stateName(p.client.after)));
        if (p.server.after != p.server.before)
            server.push_back(std::string(stateName(p.server.after)));
    }
    CHECK(client ==
          std::vector<std::string>{"CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "TIME-WAIT"});
    CHECK(server == std::vector<std::string>{"LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT",
                                             "LAST-ACK", "CLOSED"});
}

TEST_CASE("summary of tcpdump text gives tcpdump's own lines back", "[cli][text]") {
    REQUIRE(haveTool("tcpdump"));
    std::vector<std::filesystem::path> captures = {samplesDir() / "redis-ping-pong.pcap"};
    for (const char* c : {"other/chrissanders/tcp_teardown.pcapng", "wireshark/4-times-close.pcap"})
        if (std::filesystem::exists(corpusDir() / c)) captures.push_back(corpusDir() / c);
    const std::filesystem::path text = std::filesystem::temp_directory_path() / "tcpscope-rt.txt";
    for (const auto& cap : captures) {
        for (const char* opts : {"-n", "-n -S -tt", "-n -v", "-nn -tttt -#"}) {
            INFO(cap.filename().string() << " with tcpdump " << opts);
            const std::string printed = runCommand(std::string("TZ=UTC tcpdump ") + opts + " -r " +
                                                   shellQuote(cap.string()) + " 2>/dev/null");
            writeFile(text, printed);
            int status = -1;
            const std::string back = runCommand(
                shellQuote(cliPath()) + " summary " + shellQuote(text.string()), &status);
            CHECK(status == 0);
            // The TCP packets' lines come back as they were (with -v, two lines a packet: the
            // IP header's and the TCP line); other protocols' packets are not read from text.
            std::string tcpLines;
            const std::vector<std::string> lines = splitLines(printed);
            for (size_t k = 0; k < lines.size(); ++k) {
                if (lines[k].find(": Flags [") == std::string::npos) continue;
                if (k > 0 && lines[k - 1].find(" IP (") != std::string::npos)
                    tcpLines += lines[k - 1] + "\n";
                tcpLines += lines[k] + "\n";
            }
            REQUIRE_FALSE(tcpLines.empty());
            CHECK(back == tcpLines);
        }
    }
    std::filesystem::remove(text);
}

TEST_CASE("tree and JSON of tcpdump text say which fields came from the text", "[cli][text]") {
    const std::string sample =
        shellQuote((samplesDir() / "tcpdump-connection-lifecycle.txt").string());
    const std::string tree = runCommand(shellQuote(cliPath()) + " tree -c 1 " + sample);
    CHECK(tree.find("Source Port: 57729  (from the text line)") != std::string::npos);
    CHECK(tree.find("Sequence Number (raw): 860356044  (from the text line)") != std::string::npos);
    CHECK(tree.find("MSS Value: 16344  (from the text line)") != std::string::npos);
    // The tracker's results stay marked as generated, not as read.
    CHECK(tree.find("[Client state: SYN-SENT]  (generated)") != std::string::npos);
    const std::string json = runCommand(shellQuote(cliPath()) + " json -c 1 " + sample);
    CHECK(json.find("\"field\":\"tcp.srcport\",\"name\":\"Source Port\",\"offset\":0,\"length\":0,"
                    "\"value\":57729,\"display\":\"Source Port: 57729\",\"source\":\"tcpdump "
                    "text\"") != std::string::npos);
    CHECK(json.find("\"field\":\"ip.src\"") != std::string::npos);
    // fields reads them too, as from a capture.
    const std::string fields = runCommand(
        shellQuote(cliPath()) + " fields -e tcp.srcport -e tcp.dstport -e tcp.len " + sample);
    CHECK(splitLines(fields).front() == "57729\t3000\t0");
}
