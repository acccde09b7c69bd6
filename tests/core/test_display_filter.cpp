// SPDX-License-Identifier: GPL-2.0-or-later
// Display filters: every filter of tests/data/display_filters.txt keeps, on every sample
// capture, exactly the frames `tshark -2 -Y` keeps (tests/data/display_filter_goldens.tsv,
// regenerated from tshark by tests/tools/display_filter_goldens.py); bad filters get an error
// that says where and what, and no input makes the compiler crash or recurse without end.
#include "alloc_count.h"
#include "filter_goldens.h"
#include "tcpscope/display_filter.h"
#include "tcpscope/first_pass.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

FilterError errorOf(const std::string& text) {
    FilterError e;
    const auto f = DisplayFilter::compile(text, &e);
    CHECK(!f);
    return e;
}

// The frames each filter keeps, from one pass whose trees keep every filter's fields (one
// filter: its own, as the CLI's -Y keeps them), with the tracker's analysis.
std::vector<std::string> keptFramesAll(const std::vector<const DisplayFilter*>& filters,
                                       const std::string& path) {
    FirstPassOptions o;
    o.dissect.verifyChecksums = false; // as the CLI (and tshark) by default
    o.trees = FirstPassOptions::Trees::Kept;
    for (const DisplayFilter* f : filters)
        if (f) o.keptFields.insert(o.keptFields.end(), f->fields().begin(), f->fields().end());
    std::vector<std::string> out(filters.size());
    FirstPass(o, [&](const PassPacket& p) {
        const std::span<const uint8_t> bytes = p.frame ? p.frame->data : std::span<const uint8_t>();
        const uint64_t number = p.frame ? p.frame->number : p.index + 1;
        for (size_t i = 0; i < filters.size(); ++i) {
            if (!p.tree || !filters[i] || !filters[i]->matches(*p.tree, bytes)) continue;
            if (!out[i].empty()) out[i] += ' ';
            out[i] += std::to_string(number);
        }
        return true;
    }).run(path);
    return out;
}

std::string keptFrames(const DisplayFilter& filter, const std::string& path) {
    return keptFramesAll({&filter}, path).front();
}

} // namespace

TEST_CASE("display filters keep the frames tshark keeps on every capture", "[filter]") {
    const Goldens g = readGoldens();
    REQUIRE(g.filters.size() >= 300);
    // The table is the one the filter list makes (regenerate it after editing the list).
    std::ifstream list(dataDir() / "display_filters.txt");
    std::vector<std::string> listed;
    for (std::string line; std::getline(list, line);)
        if (!line.empty() && line[0] != '#') listed.push_back(line);
    REQUIRE(listed == g.filters);

    std::vector<std::optional<DisplayFilter>> compiled;
    for (const std::string& text : g.filters) {
        FilterError e;
        compiled.push_back(DisplayFilter::compile(text, &e));
        INFO(text << ": " << e.text());
        CHECK(compiled.back().has_value()); // every filter of the table compiles
    }
    const Excused excused = readExcused();
    size_t checked = 0, captures = 0, absent = 0, skipped = 0;
    for (const auto& [key, frames] : g.captures) {
        REQUIRE(frames.size() == g.filters.size());
        const bool sample = key.rfind("samples/", 0) == 0;
        const auto path = sample ? sourceDir() / key : sharedDir() / key;
        if (!sample && !std::filesystem::is_directory(sharedDir())) {
            ++absent; // ../shared is not beside the checkout
            continue;
        }
        REQUIRE(std::filesystem::exists(path));
        ++captures;
        std::vector<const DisplayFilter*> each;
        for (const auto& f : compiled) each.push_back(f ? &*f : nullptr);
        const std::vector<std::string> got = keptFramesAll(each, path.string());
        for (size_t i = 0; i < g.filters.size(); ++i) {
            if (compiled[i] && excused.covers(key, *compiled[i])) {
                ++skipped;
                continue;
            }
            INFO(key << ": " << g.filters[i]);
            CHECK(got[i] == expandRanges(frames[i]));
            ++checked;
        }
    }
    if (absent) WARN(absent << " captures of ../shared not checked: the folder is absent");
    CHECK(captures >= 10);
    CHECK(checked + skipped == captures * g.filters.size());
    // The reviewed exceptions stay a small part of the table.
    CHECK(skipped * 10 < checked);
    WARN(checked << " (capture, filter) pairs equal to tshark -2; " << skipped
                 << " excused by a reviewed difference");
}

TEST_CASE("each filter names the fields it reads: its own kept tree is enough", "[filter]") {
    // As the CLI runs -Y: trees that keep only this filter's fields (on the samples).
    const Goldens g = readGoldens();
    const Excused excused = readExcused();
    size_t checked = 0;
    for (const auto& [key, frames] : g.captures) {
        if (key.rfind("samples/", 0) != 0) continue;
        for (size_t i = 0; i < g.filters.size(); ++i) {
            FilterError e;
            const auto f = DisplayFilter::compile(g.filters[i], &e);
            if (!f || excused.covers(key, *f)) continue; // reported by, or excused in, the above
            INFO(key << ": " << g.filters[i]);
            CHECK(keptFrames(*f, (sourceDir() / key).string()) == expandRanges(frames[i]));
            ++checked;
        }
    }
    CHECK(checked >= 10 * 300);
}

TEST_CASE("a bad filter says where and what", "[filter]") {
    FilterError e = errorOf("tcp.flgs == 1");
    CHECK(e.text() == "unknown field \"tcp.flgs\" at column 1; did you mean tcp.flags?");
    e = errorOf("tcp.port == http");
    CHECK(e.column == 13);
    e = errorOf("tcp.port == \"http\"");
    CHECK(e.text() ==
          "\"http\" is not a valid value for tcp.port (an unsigned integer) at column 13");
    e = errorOf("(tcp.port == 80");
    CHECK(e.message == "expected ')' to close the '(' at column 1");
    CHECK(e.column == 16);
    CHECK(errorOf("").message == "the filter ends where a field or '(' was expected");
    CHECK(errorOf("tcp.port ==").message == "expected a value for tcp.port");
    CHECK(errorOf("tcp.port in {80 443}").message == "expected ',' or '}'");
    CHECK(errorOf("tcp.port == 80 tcp").message == "expected and, or, xor or the end");
    CHECK(errorOf("ip.src == 10.0.0.0/33").column == 11);
    CHECK(errorOf("tcp.analysis.retransmission contains \"x\"").message ==
          "tcp.analysis.retransmission has no value: it can only be tested for presence");
    CHECK(errorOf("tcp.payload matches \"(ab\"").message ==
          "bad regular expression: missing closing parenthesis at offset 3");
    CHECK(errorOf("tcp.payload matches 2a").message ==
          "expected a quoted regular expression after matches");
    CHECK(errorOf("tcp.srcport matches \"x\"").message ==
          "matches needs a string or bytes field; tcp.srcport is an unsigned integer");
    // Bytes without separators are pairs of hex digits, or one digit alone (tshark 4.0).
    CHECK(errorOf("eth.src[0:2] == 242").message ==
          "\"242\" is not a valid value for eth.src (a byte string)");
    CHECK(errorOf("tcp.payload[0] == 0x7").column == 19);
    CHECK(errorOf("tcp.srcport[0] == 0").message ==
          "tcp.srcport is an unsigned integer and cannot be sliced into bytes");
    CHECK(errorOf("tcp.payload[x] == 0").message ==
          "expected a range such as 0:2, 1-3, 4, :2 or -2:");
    CHECK(errorOf("tcp.payload[0:2 == 0").message == "expected ',' or ']'");
    CHECK(errorOf("tcp.flags.syn & 1").message ==
          "& needs an integer or bytes value; tcp.flags.syn is a boolean");
    CHECK(errorOf("tcp.flags & x").column == 13);
    CHECK(errorOf("upper(tcp.srcport) == \"X\"").message ==
          "only string fields can be given to upper(); tcp.srcport is an unsigned integer");
    CHECK(errorOf("lenght(tcp.payload) > 1").message ==
          "unknown function \"lenght\" (the functions are len, count, upper and lower)");
    CHECK(errorOf("len(tcp.payload)").message ==
          "expected a relation (==, <, contains ...) after the function");
    CHECK(errorOf("len(tcp.payload > 1").message == "expected ')' after the function's field");
    CHECK(errorOf("tcp.srcport == ip.src").message ==
          "cannot compare tcp.srcport (an unsigned integer) with ip.src (an address)");
    CHECK(errorOf("tcp.srcport == ip.src").column == 16);
    CHECK(errorOf("tcp.payload contains \"x").message ==
          "a string that is never closed (a \" is missing)");
}

TEST_CASE("deep nesting and long filters get an error, not a crash", "[filter]") {
    std::string deep(10000, '(');
    deep += "tcp";
    deep += std::string(10000, ')');
    CHECK(errorOf(deep).message.find("nested too deeply") != std::string::npos);
    std::string nots;
    for (int i = 0; i < 10000; ++i) nots += "!";
    CHECK(errorOf(nots + "tcp").message.find("nested too deeply") != std::string::npos);
    std::string longFilter = "tcp.len == 1";
    while (longFilter.size() <= 100 * 1024) longFilter += " or tcp.len == 1";
    CHECK(errorOf(longFilter).message.find("longer than") != std::string::npos);
    // Within the limits, a long chain compiles and runs.
    std::string chain = "tcp.len == 14";
    for (int i = 0; i < 2000; ++i) chain += " or tcp.len == " + std::to_string(100 + i);
    FilterError e;
    const auto f = DisplayFilter::compile(chain, &e);
    REQUIRE(f);
    CHECK(f->fields().size() == 1);
    CHECK(keptFrames(*f, (samplesDir() / "redis-ping-pong.pcap").string()) == "4");
}

TEST_CASE("xor keeps the packets where exactly one side holds", "[filter]") {
    // tshark 4.0 (Debian 12) has no xor, so the table cannot check it: SYN alone (frame 1) and
    // ACK alone (3-10) pass, the SYN,ACK (2) does not; ^^ is the same, and binds between and
    // and or.
    const std::string redis = (samplesDir() / "redis-ping-pong.pcap").string();
    for (const char* text : {"tcp.flags.syn == 1 xor tcp.flags.ack == 1",
                             "tcp.flags.syn == 1 ^^ tcp.flags.ack == 1"}) {
        FilterError e;
        const auto f = DisplayFilter::compile(text, &e);
        REQUIRE(f);
        CHECK(keptFrames(*f, redis) == "1 3 4 5 6 7 8 9 10");
    }
    FilterError e;
    // (push xor len > 0) or fin: frames 4 and 6 have both, so only the FINs 8 and 9 pass.
    const auto g =
        DisplayFilter::compile("tcp.flags.push == 1 xor tcp.len > 0 or tcp.flags.fin == 1", &e);
    REQUIRE(g);
    CHECK(keptFrames(*g, redis) == "8 9");
}

TEST_CASE("tcpscope-cli -Y on every command", "[filter][cli]") {
    const std::string cli = cliPath();
    const std::string redis = (samplesDir() / "redis-ping-pong.pcap").string();
    const auto run = [&](const std::string& args, int* status = nullptr) {
        return runCommand(cli + " " + args + " 2>&1", status);
    };
    // fields and summary print only what the filter keeps; -c counts kept packets.
    CHECK(run("fields -e frame.number -Y 'tcp.len > 0' " + redis) == "4\n6\n");
    CHECK(run("fields -e frame.number -Y 'tcp[13] & 0x02' -c 1 " + redis) == "1\n");
    CHECK(run("fields -e frame.number -Y 'tcp[13] & 0x02' " + redis) == "1\n2\n");
    CHECK(splitLines(run("summary -Y 'tcp.payload matches \"(?i)^[+]pong\"' " + redis)).size() ==
          1);
    // A bad filter: exit status 2, the message, nothing else.
    int status = 0;
    const std::string bad = run("summary -Y 'tcp.flgs == 1' " + redis, &status);
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(bad == "tcpscope-cli: bad display filter: unknown field \"tcp.flgs\" at column 1; did "
                 "you mean tcp.flags?\n");
    // ladder: the kept arrows, each run of the others counted; the states still follow them.
    const std::string ladder = run("ladder -Y 'tcp.len > 0' " + redis);
    CHECK(ladder.find("... 3 packets hidden by the display filter") != std::string::npos);
    CHECK(ladder.find("... 1 packet hidden by the display filter") != std::string::npos);
    CHECK(ladder.find("... 4 packets hidden by the display filter") != std::string::npos);
    CHECK(ladder.find("[P.] seq 1:15 ack 1 len 14") != std::string::npos);
    CHECK(ladder.find("[S]") == std::string::npos);
    CHECK(ladder.find("TIME-WAIT") != std::string::npos);
    // conversations: the connections with a kept packet, their rows whole.
    const std::string v6 = (samplesDir() / "reset.pcap").string();
    CHECK(splitLines(run("conversations -Y 'tcp.flags.reset == 1' " + v6)).size() == 2);
    CHECK(splitLines(run("conversations -Y 'tcp.port == 1' " + v6)).size() == 1); // header only
    CHECK(splitLines(run("conversations --format ndjson -Y 'tcp.stream == 0' " + redis)).size() ==
          1);
}

TEST_CASE("testing a packet against a filter allocates nothing", "[filter]") {
    // Full trees of every packet of three samples, with their bytes; every filter of the table.
    std::vector<ProtoTree> trees;
    std::vector<std::vector<uint8_t>> frames;
    for (const char* name : {"redis-ping-pong.pcap", "retransmission-dupack.pcap", "reset.pcap"}) {
        FirstPassOptions o;
        o.trees = FirstPassOptions::Trees::Full;
        FirstPass(o, [&](const PassPacket& p) {
            trees.push_back(*p.tree);
            frames.emplace_back(p.frame->data.begin(), p.frame->data.end());
            return true;
        }).run((samplesDir() / name).string());
    }
    REQUIRE(trees.size() == 50);
    std::vector<DisplayFilter> filters;
    for (const std::string& text : readGoldens().filters) {
        FilterError e;
        if (auto f = DisplayFilter::compile(text, &e)) filters.push_back(std::move(*f));
    }
    REQUIRE(filters.size() >= 300);
    const auto runAll = [&] {
        size_t kept = 0;
        for (const DisplayFilter& f : filters)
            for (size_t i = 0; i < trees.size(); ++i) kept += f.matches(trees[i], frames[i]);
        return kept;
    };
    const size_t first = runAll(); // the per-thread buffers grow to their size here
    const uint64_t before = allocationCount();
    REQUIRE(before > trees.size()); // the counter counts (the trees above allocated)
    const size_t second = runAll();
    CHECK(allocationCount() == before);
    CHECK(second == first);
    CHECK(first > 1000);
}
