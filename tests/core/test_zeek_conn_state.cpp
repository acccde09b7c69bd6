// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek's connection-state baselines (../shared/corpus/other/zeek) as an independent oracle: for
// each connection Zeek logged, TcpScope's Zeek-style open/close summary (TcpConnection::connState)
// must agree, or the difference must be listed with its reason in
// tests/data/zeek_conn_state_differences.txt (trace, zeek state, ours, reason).
#include "tcpscope/connection_tracker.h"
#include "test_support.h"
#include "zeek_baselines.h"

#include <catch2/catch.hpp>

#include <map>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

struct ZeekRow {
    std::string origH, respH;
    uint32_t origP = 0, respP = 0;
    bool haveTuple = false;
    std::string connState;
};

// The rows of a conn.log-style baseline that have a conn_state.
std::vector<ZeekRow> readConnLog(const std::filesystem::path& p) {
    std::vector<ZeekRow> rows;
    for (ZeekLogRow& v : readZeekLog(p)) {
        if (!v.count("conn_state")) continue;
        ZeekRow r;
        r.connState = v["conn_state"];
        if (v.count("id.orig_h")) {
            r.haveTuple = true;
            r.origH = v["id.orig_h"];
            r.respH = v["id.resp_h"];
            r.origP = uint32_t(std::stoul(v["id.orig_p"]));
            r.respP = uint32_t(std::stoul(v["id.resp_p"]));
        }
        rows.push_back(r);
    }
    return rows;
}

std::vector<TcpConnection> track(const std::filesystem::path& trace, ConnectionTracker& tracker) {
    trackCapture(trace, tracker);
    return tracker.connections();
}

bool sameTuple(const TcpConnection& c, const ZeekRow& z) {
    auto a = c.client.address.toString(), b = c.server.address.toString();
    return (a == z.origH && c.client.port == z.origP && b == z.respH && c.server.port == z.respP) ||
           (b == z.origH && c.server.port == z.origP && a == z.respH && c.client.port == z.respP);
}

} // namespace

TEST_CASE("open/close summary agrees with Zeek's conn_state", "[tracker][zeek]") {
    const auto zeek = corpusDir() / "other" / "zeek";
    if (!std::filesystem::is_directory(zeek)) {
        WARN("SKIPPED: ../shared/corpus/other/zeek is absent");
        return;
    }
    // trace -> conn.log baseline (from the corpus' SOURCE.md)
    const std::pair<const char*, const char*> connLogs[] = {
        {"ftp-ipv6.pcap", "scripts.base.protocols.ftp.ftp-ipv6/conn.log"},
        {"http-on-irc-port-missing-syn.pcapng", "core.tcp.flip-without-syn/conn.log"},
        {"miss_end_data.pcap", "core.tcp.miss-end-data/conn.log"},
        {"missing-syn.pcap", "core.tcp.missing-syn/conn.log"},
        {"missing-syn.pcap", "core.history-flip/conn.log"},
        {"retransmit-fast009.pcap", "core.tcp.rxmit-history/conn-1.log"},
        {"retransmit-timeout.pcapng", "core.expire-all-timers/conn-all.log"},
        {"syn-bad.pcap", "core.tcp.bad-checksum-syn/conn.log"},
    };
    std::map<std::string, std::string> reviewed; // "trace zeek ours" -> reason
    for (const std::string& line :
         splitLines(readFile(dataDir() / "zeek_conn_state_differences.txt"))) {
        if (line.empty() || line[0] == '#') continue;
        auto c = splitTabs(line);
        if (c.size() >= 4 && !c[3].empty()) reviewed[c[0] + " " + c[1] + " " + c[2]] = c[3];
    }
    int agreed = 0, explained = 0;
    std::vector<std::string> failures;
    auto compare = [&](const std::string& trace, const std::string& zeekState,
                       const std::string& ours) {
        if (zeekState == ours) {
            ++agreed;
            return;
        }
        if (reviewed.count(trace + " " + zeekState + " " + ours)) {
            ++explained;
            return;
        }
        failures.push_back(trace + ": Zeek " + zeekState + ", TcpScope " + ours);
    };
    for (auto [trace, log] : connLogs) {
        ConnectionTracker tracker;
        auto conns = track(zeek / "traces" / trace, tracker);
        auto rows = readConnLog(zeek / "baseline" / log);
        REQUIRE_FALSE(rows.empty());
        std::vector<bool> used(conns.size());
        for (const ZeekRow& z : rows) {
            std::string ours = "(none)";
            for (size_t i = 0; i < conns.size(); ++i) {
                if (used[i] || (z.haveTuple && !sameTuple(conns[i], z))) continue;
                used[i] = true;
                ours = std::string(conns[i].connState);
                break;
            }
            compare(trace, z.connState, ours);
        }
    }
    // conn_state-RST-behavior/out: "history, conn_state" for four traces, in this order.
    const char* rstTraces[] = {"single-rst.pcap", "syn-then-rst.pcap", "syn-then-ack-then-rst.pcap",
                               "syn-then-stuff-then-rst.pcap"};
    auto lines = splitLines(readFile(
        zeek / "baseline" / "scripts.base.protocols.conn.conn_state-RST-behavior" / "out"));
    std::vector<std::string> states;
    for (const std::string& l : lines)
        if (l.rfind("###", 0) != 0 && l.find(", ") != std::string::npos)
            states.push_back(l.substr(l.find(", ") + 2));
    REQUIRE(states.size() == 4);
    for (int i = 0; i < 4; ++i) {
        ConnectionTracker tracker;
        auto conns = track(zeek / "traces" / rstTraces[i], tracker);
        compare(rstTraces[i], states[size_t(i)],
                conns.empty() ? "(none)" : std::string(conns[0].connState));
    }
    INFO("agreed " << agreed << ", reviewed differences " << explained);
    for (const auto& f : failures) UNSCOPED_INFO(f);
    CHECK(failures.empty());
    CHECK(agreed >= 10);
}
