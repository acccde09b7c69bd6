// SPDX-License-Identifier: GPL-2.0-or-later
// Display filters: every filter of tests/data/display_filters.txt keeps, on every sample
// capture, exactly the frames `tshark -2 -Y` keeps (tests/data/display_filter_goldens.tsv,
// regenerated from tshark by tests/tools/display_filter_goldens.py); bad filters get an error
// that says where and what, and no input makes the compiler crash or recurse without end.
#include "tcpscope/display_filter.h"
#include "tcpscope/first_pass.h"
#include "test_support.h"

#include <catch2/catch.hpp>

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

// The frame numbers a filter keeps on a capture, through the first pass as the CLI runs it:
// trees that keep only the filter's fields, with the tracker's analysis.
std::string keptFrames(const DisplayFilter& filter, const std::string& path) {
    FirstPassOptions o;
    o.trees = FirstPassOptions::Trees::Kept;
    o.keptFields = filter.fields();
    std::string out;
    FirstPass(o, [&](const PassPacket& p) {
        if (p.tree && filter.matches(*p.tree)) {
            if (!out.empty()) out += ' ';
            out += std::to_string(p.frame ? p.frame->number : p.index + 1);
        }
        return true;
    }).run(path);
    return out;
}

} // namespace

TEST_CASE("display filters keep the frames tshark keeps on every sample", "[filter]") {
    std::ifstream in(dataDir() / "display_filter_goldens.tsv");
    REQUIRE(in);
    std::map<std::string, std::optional<DisplayFilter>> compiled;
    size_t checked = 0, filters = 0;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::string capture, text, frames;
        std::getline(row, capture, '\t');
        std::getline(row, text, '\t');
        std::getline(row, frames);
        auto [it, fresh] = compiled.try_emplace(text);
        if (fresh) {
            FilterError e;
            it->second = DisplayFilter::compile(text, &e);
            INFO(text << ": " << e.text());
            CHECK(it->second.has_value()); // every filter of the table compiles
            ++filters;
        }
        if (!it->second) continue;
        INFO(capture << ": " << text);
        CHECK(keptFrames(*it->second, (samplesDir() / capture).string()) == frames);
        ++checked;
    }
    CHECK(filters >= 100);
    CHECK(checked >= 10 * filters);
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
    CHECK(errorOf("tcp contains \"x\"").message ==
          "tcp has no value: it can only be tested for presence");
    CHECK(errorOf("tcp.payload matches \"x\"").message ==
          "matches (regular expressions) is not supported yet");
    CHECK(errorOf("tcp.len & 1").message == "unexpected character '&'");
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
