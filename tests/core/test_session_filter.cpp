// SPDX-License-Identifier: GPL-2.0-or-later
// A display filter applied to an opened capture (applyFilter, the viewer's filter bar): on
// every sample and every filter of tests/data/display_filters.txt, the frames it keeps are
// tshark's (tests/data/display_filter_goldens.tsv); split over two threads the result is the
// same as on one; the kept trees decide as the full trees of CaptureSession::tree() do, also
// for tcpdump text without bytes.
#include "filter_goldens.h"
#include "tcpscope/session_filter.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// A golden's frame list: space-separated tokens, each a frame number `N` or a range `A-B`.
std::set<uint64_t> parseFrameList(const std::string& text) {
    std::set<uint64_t> out;
    std::istringstream in(expandRanges(text));
    for (uint64_t n; in >> n;) out.insert(n);
    return out;
}

std::set<uint64_t> matchedFrames(const CaptureSession& s, const SessionFilterResult& r) {
    std::set<uint64_t> out;
    for (size_t i = 0; i < s.size(); ++i)
        if (r.matched[i]) out.insert(s.records()[i].number);
    return out;
}

DisplayFilter compiled(const std::string& text) {
    FilterError e;
    auto f = DisplayFilter::compile(text, &e);
    INFO(text << ": " << e.text());
    REQUIRE(f);
    return std::move(*f);
}

// The same filter on full trees with their analysis, as the viewer shows each packet.
std::vector<uint8_t> byFullTrees(const CaptureSession& s, const DisplayFilter& f) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i < s.size(); ++i) out.push_back(f.matches(*s.tree(i), s.bytes(i)));
    return out;
}

} // namespace

TEST_CASE("golden frame lists read numbers and ranges", "[session-filter]") {
    CHECK(parseFrameList("") == std::set<uint64_t>{});
    CHECK(parseFrameList("1 3 4") == std::set<uint64_t>{1, 3, 4});
    CHECK(parseFrameList("2 5-7 9") == std::set<uint64_t>{2, 5, 6, 7, 9});
}

TEST_CASE("a filter applied to a session keeps the frames tshark keeps", "[session-filter]") {
    // On the samples (the CLI's test covers the corpus): every filter of the table.
    const Goldens g = readGoldens();
    const Excused excused = readExcused();
    std::vector<std::optional<DisplayFilter>> filters;
    for (const std::string& text : g.filters)
        filters.push_back(DisplayFilter::compile(text, nullptr));
    size_t checked = 0, sessions = 0;
    for (const auto& [key, frames] : g.captures) {
        if (key.rfind("samples/", 0) != 0) continue;
        DissectOptions options;
        options.verifyChecksums = false; // as tshark by default (checksum status: unverified)
        const SessionPtr s = CaptureSession::open((sourceDir() / key).string(), options);
        REQUIRE(s);
        ++sessions;
        for (size_t i = 0; i < g.filters.size(); ++i) {
            REQUIRE(filters[i]);
            if (excused.covers(key, *filters[i])) continue;
            const auto result = applyFilter(*s, *filters[i]);
            REQUIRE(result);
            INFO(key << ": " << g.filters[i]);
            const std::set<uint64_t> want = parseFrameList(frames[i]);
            CHECK(matchedFrames(*s, *result) == want);
            CHECK(result->count == want.size());
            ++checked;
        }
    }
    CHECK(sessions >= 10);
    CHECK(checked >= 3000);
}

TEST_CASE("two threads give what one gives, and the full trees agree", "[session-filter]") {
    // A capture of more than a few chunks: a sample read 40 times over, renumbered.
    LoadedInput in = loadPath((samplesDir() / "retransmission-dupack.pcap").string());
    REQUIRE(!in.frames.empty());
    const std::vector<OwnedFrame> once = in.frames;
    for (int k = 1; k < 500; ++k)
        for (OwnedFrame f : once) {
            f.number = in.frames.size() + 1;
            f.ts.sec += k;
            in.frames.push_back(std::move(f));
        }
    const SessionPtr s = CaptureSession::fromInput(std::move(in), "", {});
    REQUIRE(s->size() > 3 * 4096);
    for (const char* text : {"tcp.analysis.retransmission", "tcp.flags.syn == 1 && tcp.port == 80",
                             "tcp.analysis.duplicate_ack || tcpfsm.server == \"CLOSED\"",
                             "tcp.len > 0 and not tcp.analysis.flags",
                             // read only when the filter asks: checksums verified for it
                             "tcp.checksum.status == 1 && tcp.len > 0"}) {
        INFO(text);
        const DisplayFilter f = compiled(text);
        const auto one = applyFilter(*s, f, {}, 1);
        const auto two = applyFilter(*s, f, {}, 2);
        REQUIRE(one);
        REQUIRE(two);
        CHECK(one->matched == two->matched);
        CHECK(one->count == two->count);
        CHECK(one->count > 0);
        CHECK(one->matched == byFullTrees(*s, f));
    }
}

TEST_CASE("progress is reported and a run can be cancelled", "[session-filter]") {
    LoadedInput in = loadPath((samplesDir() / "syn-flood.pcap").string());
    const std::vector<OwnedFrame> once = in.frames;
    while (in.frames.size() < 20000)
        for (const OwnedFrame& f : once) in.frames.push_back(f);
    const SessionPtr s = CaptureSession::fromInput(std::move(in), "", {});
    const DisplayFilter f = compiled("tcp.flags.syn == 1");
    std::vector<size_t> seen;
    const auto all = applyFilter(*s, f, [&](size_t done, size_t total) {
        CHECK(total == s->size());
        seen.push_back(done);
        return true;
    });
    REQUIRE(all);
    REQUIRE(seen.size() >= 2);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(seen.back() == s->size());
    size_t calls = 0;
    CHECK(!applyFilter(*s, f, [&](size_t, size_t) { return ++calls < 2; }));
}

TEST_CASE("tcpdump text without bytes is filtered on what its lines said", "[session-filter]") {
    const SessionPtr s =
        CaptureSession::open((samplesDir() / "tcpdump-connection-lifecycle.txt").string(), {});
    REQUIRE(s->size() > 0);
    REQUIRE(!s->records().front().hasBytes);
    for (const char* text : {"tcp.flags == 0x002", "tcp.srcport == 3000 && tcp.len > 0",
                             "tcpfsm.client == \"TIME-WAIT\"", "tcp.len > 0"}) {
        INFO(text);
        const DisplayFilter f = compiled(text);
        const auto r = applyFilter(*s, f);
        REQUIRE(r);
        CHECK(r->count > 0);
        CHECK(r->matched == byFullTrees(*s, f));
    }
}

TEST_CASE("fields a capture never holds are named", "[session-filter]") {
    const SessionPtr s = CaptureSession::open((samplesDir() / "reset.pcap").string(), {});
    const DisplayFilter f = compiled("tcp.flags.reset == 1 || tcp.analysis.zero_window");
    const auto r = applyFilter(*s, f);
    REQUIRE(r);
    CHECK(r->count > 0);
    REQUIRE(r->absentFields.size() == 1);
    CHECK(r->absentFields[0] == fieldId("tcp.analysis.zero_window"));
    CHECK(anyPacketMatches(*s, compiled("tcp.flags.reset")));
    CHECK(!anyPacketMatches(*s, compiled("tcp.analysis.zero_window")));
}
