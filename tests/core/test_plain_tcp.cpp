// SPDX-License-Identifier: GPL-2.0-or-later
// Plain TCP frames (readPlainTcp) are read at fixed offsets on the first pass, not layer by
// layer: dissectFrame's summary of such a frame must be the one its layers give
// (DissectOptions::plainShortcut off), and segmentFromFrame's segment, read straight from the
// bytes, the one segmentFromSummary makes of that summary. Compared on every frame of the
// samples, the test data, ../shared/corpus and ../shared/tunnels, and on damaged copies of the
// plain frames: a byte or two of a header changed, the frame cut short, the wire length cut,
// the link layer dropped.
#include "tcpscope/capture_source.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

DissectOptions unverified(bool plainShortcut = true) {
    DissectOptions o;
    o.verifyChecksums = false;
    o.plainShortcut = plainShortcut;
    return o;
}

std::string describe(const TcpSegment& s) {
    std::ostringstream out;
    out << s.src.toString() << ":" << s.srcPort << " > " << s.dst.toString() << ":" << s.dstPort
        << " seq " << s.seq << " ack " << s.ack << " flags " << s.flags << " win " << s.window
        << " len " << s.payloadLength << " ip " << s.ipLength << " mss " << s.options.mss << " ws "
        << s.options.wscale << " sackok " << s.options.sackPermitted << " ts "
        << s.options.hasTimestamp << "/" << s.options.tsVal << "/" << s.options.tsEcr << " sacks "
        << int(s.options.sackCount) << " ck " << int(s.checksum) << " trunc " << s.payloadTruncated
        << " key " << s.tunnelKey << " malformed " << s.headerMalformed;
    return out.str();
}

struct Tally {
    size_t frames = 0, taken = 0, tcp = 0, wrong = 0;
    std::string firstWrong;
};

// One frame both ways. When it is plain, the summary read at fixed offsets must equal the
// layers' and the segment read from the bytes the one made from the layers' summary.
void compare(const Frame& f, const std::string& where, Tally& t) {
    PacketSummary layered, read;
    dissectFrame(f, layered, nullptr, unverified(false));
    TcpSegment full, fast;
    const bool has = segmentFromSummary(f, layered, full);
    ++t.frames;
    t.tcp += has;
    PlainTcp plain;
    if (!readPlainTcp(f, unverified(), plain)) return;
    ++t.taken;
    dissectFrame(f, read, nullptr, unverified());
    const bool sameSummary = read == layered;
    const bool tookSegment = segmentFromFrame(f, unverified(), fast);
    if (sameSummary && tookSegment && has && fast == full) return;
    if (t.wrong++ == 0)
        t.firstWrong = where + (sameSummary ? "" : ": the summary differs from the layers'") +
                       (tookSegment ? "" : ": segmentFromFrame declined it") + "\n read " +
                       describe(fast) + "\n dissected " +
                       (has ? describe(full) : std::string("no segment"));
}

std::vector<std::filesystem::path> allCaptures() {
    std::vector<std::filesystem::path> out;
    for (const auto& dir : {samplesDir(), dataDir(), corpusDir(), sharedDir() / "tunnels"})
        for (const auto& p : capturesUnder(dir)) out.push_back(p);
    return out;
}

// A damaged copy of a frame: one of a few kinds of damage, at a place picked by `rng`, mostly
// in the first 80 bytes where the link, IP and TCP headers are.
std::vector<uint8_t> damage(const std::vector<uint8_t>& in, Frame& f, std::mt19937& rng) {
    std::vector<uint8_t> b = in;
    auto pick = [&](size_t n) { return n ? size_t(rng() % n) : 0; };
    const size_t headers = std::min<size_t>(b.size(), 80);
    static constexpr uint8_t kValues[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08,
                                          0x0a, 0x11, 0x20, 0x40, 0x45, 0x46, 0x50, 0x60,
                                          0x86, 0xdd, 0x80, 0xf0, 0xff, 0x12, 0x2c, 0x3c};
    static constexpr uint16_t kWords[] = {0x0800, 0x86dd, 0x8100, 0x0000, 0xffff,
                                          0x4000, 0x2000, 0x0001, 0x0014, 0x0028};
    switch (rng() % 7) {
    case 0: // a byte set to a value headers often hold
    case 1:
        if (headers) b[pick(headers)] = kValues[pick(sizeof kValues)];
        break;
    case 2: // a byte set to anything
        if (headers) b[pick(headers)] = uint8_t(rng());
        break;
    case 3: // cut short
        b.resize(pick(b.size() + 1));
        break;
    case 4: // shorter on the wire than the capture claims to hold
        f.originalLength = uint32_t(pick(b.size() + 1));
        break;
    case 6: // two bytes set to a value a 16-bit field often holds (an ethertype, a length)
        if (headers >= 2) {
            const size_t at = pick(headers - 1);
            const uint16_t w = kWords[pick(std::size(kWords))];
            b[at] = uint8_t(w >> 8);
            b[at + 1] = uint8_t(w);
        }
        break;
    case 5: // the same packet without its Ethernet header, as raw IP
        if (f.linkType == LinkType::Ethernet && b.size() >= 14) {
            b.erase(b.begin(), b.begin() + 14);
            f.linkType = LinkType::Raw;
        }
        break;
    }
    return b;
}

} // namespace

TEST_CASE("plain TCP frames: the layers' summary and segment, for every frame of every capture") {
    Tally t;
    size_t files = 0;
    for (const auto& path : allCaptures()) {
        const LoadedInput in = loadPath(path.string());
        ++files;
        for (const OwnedFrame& of : in.frames)
            compare(of.view(), path.filename().string() + " frame " + std::to_string(of.number), t);
    }
    INFO(files << " captures, " << t.frames << " frames, " << t.tcp << " with a segment, "
               << t.taken << " read from the bytes");
    INFO(t.firstWrong);
    CHECK(t.wrong == 0);
    // Most TCP frames are plain: the shortcut must be taken, or it saves nothing.
    CHECK(t.taken * 2 > t.tcp);
    if (!haveCorpus())
        WARN("../shared/corpus is absent: only the samples and test data compared");
    else
        CHECK(t.taken > 4000);
}

TEST_CASE("plain TCP frames: damaged copies") {
    const DissectOptions o = unverified();
    std::vector<std::pair<Frame, std::vector<uint8_t>>> plain;
    for (const auto& path : allCaptures()) {
        const LoadedInput in = loadPath(path.string());
        size_t fromFile = 0;
        for (const OwnedFrame& of : in.frames) {
            PlainTcp parts;
            if (fromFile >= 40 || !readPlainTcp(of.view(), o, parts)) continue;
            plain.emplace_back(of.view(), of.bytes);
            ++fromFile;
        }
    }
    REQUIRE(plain.size() >= 20);
    std::mt19937 rng(20261204);
    Tally t;
    for (size_t i = 0; i < plain.size(); ++i)
        for (int k = 0; k < 300; ++k) {
            Frame f = plain[i].first;
            std::vector<uint8_t> bytes = damage(plain[i].second, f, rng);
            f.data = bytes;
            compare(f, "damaged copy " + std::to_string(k) + " of plain frame " + std::to_string(i),
                    t);
        }
    INFO(plain.size() << " plain frames, " << t.frames << " damaged copies, " << t.taken
                      << " still read from the bytes");
    INFO(t.firstWrong);
    CHECK(t.wrong == 0);
    // Both ways must be exercised: damage the shortcut declines, and damage it still reads
    // (a changed port, sequence number, flag, window or option value).
    CHECK(t.taken * 4 > t.frames);
    CHECK(t.taken * 4 < t.frames * 3);
}

TEST_CASE("plain TCP frames: never when checksums are to be verified, or the shortcut is off") {
    DissectOptions verify;
    verify.verifyChecksums = true;
    const LoadedInput in = loadPath((samplesDir() / "redis-ping-pong.pcap").string());
    REQUIRE_FALSE(in.frames.empty());
    size_t taken = 0;
    for (const OwnedFrame& of : in.frames) {
        PlainTcp plain;
        CHECK_FALSE(readPlainTcp(of.view(), verify, plain));
        CHECK_FALSE(readPlainTcp(of.view(), unverified(false), plain));
        taken += readPlainTcp(of.view(), unverified(), plain);
    }
    CHECK(taken == in.frames.size());
}
