// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as a sequence of TCP segments between a few endpoint pairs, fed to
// the connection tracker; then everything it can render is rendered. Each segment takes 16
// bytes; sequence and acknowledgment numbers can be given raw or as a signed step from what
// that direction (or its peer) last sent, so the fuzzer reaches coherent flows, not just noise.
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/stream_follow.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace tcpscope;

namespace {

constexpr size_t kRecord = 16;

uint32_t be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
uint16_t be16(const uint8_t* p) {
    return static_cast<uint16_t>(p[0] << 8 | p[1]);
}

struct Tuple {
    Address a, b;
    uint16_t portA, portB;
};

// Two IPv4 pairs, one IPv6 pair, and one pair with equal ports (the FirstSender role rule).
std::array<Tuple, 4> makeTuples() {
    uint8_t v6a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    uint8_t v6b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    return {{
        {Address::v4(0x0a000001), Address::v4(0x0a000002), 40000, 80},
        {Address::v4(0x0a000001), Address::v4(0x0a000003), 40001, 6379},
        {Address::v6(v6a), Address::v6(v6b), 50000, 443},
        {Address::v4(0xc0a80001), Address::v4(0xc0a80002), 5000, 5000},
    }};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::array<Tuple, 4> tuples = makeTuples();
    std::array<std::array<uint32_t, 2>, 4> lastSeq{}; // per tuple, per direction
    ConnectionTracker tracker;
    // The first byte's top bit: a streaming reader, which releases results as it goes (a
    // packet still unsettled is then settled as it stands).
    const bool streaming = size > 0 && (data[0] & 0x80);
    int64_t usec = 0;
    uint64_t number = 0;
    // Follow TCP Stream on the first two streams, each segment's bytes all equal to a byte of
    // the input: retransmissions then agree or differ as the fuzzer chooses.
    StreamFollower follow0(0), follow1(1);
    static std::vector<uint8_t> payload(1024);
    uint64_t fed = 0;
    for (size_t at = 0; at + kRecord <= size; at += kRecord) {
        const uint8_t* r = data + at;
        const uint8_t ctl = r[0];
        const Tuple& t = tuples[ctl & 3];
        const int dir = (ctl >> 2) & 1;
        TcpSegment s;
        s.frameNumber = ++number;
        s.src = dir ? t.b : t.a;
        s.dst = dir ? t.a : t.b;
        s.srcPort = dir ? t.portB : t.portA;
        s.dstPort = dir ? t.portA : t.portB;
        s.flags = be16(r + 1) & 0x0fff;
        uint32_t seq = be32(r + 3), ack = be32(r + 7);
        if (ctl & 0x08) { // steps from what was last sent, in either direction
            seq = lastSeq[ctl & 3][dir] + uint32_t(int32_t(int16_t(seq >> 16)));
            ack = lastSeq[ctl & 3][!dir] + uint32_t(int32_t(int16_t(ack >> 16)));
        }
        s.seq = seq;
        s.ack = ack;
        s.payloadLength = r[11] & 0x80 ? (uint32_t(r[11] & 0x7f) << 9) : r[11];
        s.window = be16(r + 12);
        const uint8_t opt = r[14];
        if (opt & 0x01) s.options.mss = 536 + r[15] * 4;
        if (opt & 0x02) s.options.wscale = static_cast<int16_t>(r[15] & 0x1f); // may exceed 14
        s.options.sackPermitted = (opt & 0x04) != 0;
        if (opt & 0x08) {
            s.options.hasTimestamp = true;
            s.options.tsVal = static_cast<uint32_t>(number * 10 + r[15]);
            s.options.tsEcr = static_cast<uint32_t>(number * 10);
        }
        if (opt & 0x10) {
            s.options.sackCount = static_cast<uint8_t>(1 + (r[15] & 3));
            for (uint8_t i = 0; i < s.options.sackCount; ++i)
                s.options.sack[i] = {ack + i * 1000u, ack + i * 1000u + r[15]};
        }
        s.relativeSeq = (opt & 0x20) != 0;
        s.seqPresent = (opt & 0x40) == 0;
        s.ackPresent = (opt & 0x80) == 0;
        s.hasTimestamp = (ctl & 0x10) == 0;
        // Time mostly moves forward; bit 5 makes it jump back, as merged captures do.
        usec += (ctl & 0x20) ? -int64_t(r[15]) * 1000 : int64_t(r[15]) * 100 + 1;
        s.ts.sec = 1700000000 + usec / 1000000;
        s.ts.nsec = static_cast<uint64_t>(((usec % 1000000) + 1000000) % 1000000) * 1000;
        s.checksum = (ctl & 0x40) ? ChecksumStatus::Bad : ChecksumStatus::NotChecked;
        const TcpPacketAnalysis& a = tracker.add(s);
        // The capture may hold less than the segment carried: half of it, or at most 1 KiB (a
        // snap length, which also keeps each run fast).
        const size_t captured =
            std::min<size_t>((opt & 0x40) ? s.payloadLength / 2 : s.payloadLength, 1024);
        std::fill(payload.begin(), payload.begin() + captured, r[15]);
        for (StreamFollower* f : {&follow0, &follow1}) {
            f->add(a, s.ts, s.src, s.srcPort, s.dst, s.dstPort, {payload.data(), captured});
            if (a.stream == f->stream()) fed += captured;
        }
        lastSeq[ctl & 3][dir] = seq + s.payloadLength;
        if (streaming && (r[15] & 3) == 0) {
            const size_t count = tracker.packetCount();
            tracker.release(count > 3 ? count - 3 : 0);
            if (!tracker.packet(count - 1)) __builtin_trap(); // the newest is always kept
        }
    }
    // Nothing placed that was not fed, beyond the gap markers' text; every format renders.
    for (StreamFollower* f : {&follow0, &follow1}) {
        const FollowStream fs = f->finish();
        uint64_t data = 0, gaps = 0;
        for (const FollowChunk& c : fs.chunks)
            (c.kind == FollowChunk::Kind::Data ? data : gaps) += c.length;
        for (const FollowChunk& c : fs.unplaced) data += c.length;
        if (data > fed || fs.bytes.size() != data + gaps) __builtin_trap();
        if (fs.sent[0] + fs.sent[1] +
                [&] {
                    uint64_t u = 0;
                    for (const FollowChunk& c : fs.unplaced) u += c.length;
                    return u;
                }() !=
            data)
            __builtin_trap();
        std::string text;
        for (FollowFormat fmt : {FollowFormat::Ascii, FollowFormat::Hex, FollowFormat::Raw,
                                 FollowFormat::Yaml, FollowFormat::Utf8, FollowFormat::CArrays})
            formatFollow(text, fs, fmt);
    }
    formatConversations(tracker);
    for (const TcpConnection& c : tracker.connections()) tracker.ladder(c.stream);
    for (const TcpPacketAnalysis& p : tracker.packets()) {
        expertNotes(p);
        analysisFlagsText(p.analysisFlags);
    }
    if (tracker.packetCount() != number) __builtin_trap();
    if (!streaming && tracker.packets().size() != number) __builtin_trap();
    return 0;
}
