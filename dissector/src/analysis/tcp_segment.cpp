// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/tcp_segment.h"

#include "tcpscope/dissect.h"

namespace tcpscope {

namespace {

// What a segment read from a frame's bytes takes from the frame itself.
void setFrameMembers(const Frame& frame, TcpSegment& seg) {
    seg.frameNumber = frame.number;
    seg.ts = frame.ts;
    seg.hasTimestamp = true;
    seg.relativeSeq = false;
    seg.seqPresent = true;
    seg.ackPresent = true;
}

} // namespace

bool segmentFromSummary(const Frame& frame, const PacketSummary& s, TcpSegment& seg) {
    // A header refused for its data offset (Problem::TcpMalformed, set only once the fixed
    // header was read) still gives a segment: Wireshark numbers its stream like any other.
    const bool malformed = !s.hasTcp && (s.problems & Problem::TcpMalformed);
    if ((!s.hasTcp && !malformed) || s.isLaterFragment) return false;
    // Every member is set (no reset first: this runs once per frame).
    setFrameMembers(frame, seg);
    seg.src = s.src;
    seg.dst = s.dst;
    seg.srcPort = s.srcPort;
    seg.dstPort = s.dstPort;
    seg.seq = s.seq;
    seg.ack = s.ack;
    seg.flags = s.flags;
    seg.window = s.window;
    seg.payloadLength = s.payloadLength;
    seg.options = s.options;
    seg.checksum = s.tcpChecksumStatus;
    seg.ipLength = s.ipTotalLength;
    seg.payloadTruncated = s.payloadCaptured < s.payloadLength;
    seg.tunnelKey = s.tunnelKey;
    seg.headerMalformed = malformed;
    seg.headerPastSegment = malformed && s.dataOffset >= 5;
    if (malformed) seg.payloadLength = 0;
    return true;
}

std::optional<TcpSegment> segmentFromSummary(const Frame& frame, const PacketSummary& s) {
    TcpSegment seg;
    if (!segmentFromSummary(frame, s, seg)) return std::nullopt;
    return seg;
}

bool segmentFromFrame(const Frame& frame, const DissectOptions& options, TcpSegment& seg) {
    PlainTcp plain;
    if (!readPlainTcp(frame, options, plain)) return false;
    const uint8_t* h = frame.data.data() + plain.ip;
    const uint8_t* t = frame.data.data() + plain.tcp;
    setFrameMembers(frame, seg);
    if ((h[0] >> 4) == 4) {
        seg.src = Address::v4(loadBe32(h + 12));
        seg.dst = Address::v4(loadBe32(h + 16));
    } else {
        seg.src = Address::v6(h + 8);
        seg.dst = Address::v6(h + 24);
    }
    seg.ipLength = plain.tcp - plain.ip + plain.tcpLength;
    seg.srcPort = loadBe16(t);
    seg.dstPort = loadBe16(t + 2);
    seg.seq = loadBe32(t + 4);
    seg.ack = loadBe32(t + 8);
    seg.flags = loadBe16(t + 12) & 0x0fff;
    seg.window = loadBe16(t + 14);
    seg.payloadLength = plain.tcpLength - plain.headerLength;
    seg.options = plain.options;
    seg.checksum = ChecksumStatus::NotChecked;
    seg.payloadTruncated = false;
    seg.tunnelKey = 0;
    seg.headerMalformed = false;
    seg.headerPastSegment = false;
    return true;
}

} // namespace tcpscope
