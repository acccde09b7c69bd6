// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/tcp_segment.h"

namespace tcpscope {

bool segmentFromSummary(const Frame& frame, const PacketSummary& s, TcpSegment& seg) {
    // A header refused for its data offset (Problem::TcpMalformed, set only once the fixed
    // header was read) still gives a segment: Wireshark numbers its stream like any other.
    const bool malformed = !s.hasTcp && (s.problems & Problem::TcpMalformed);
    if ((!s.hasTcp && !malformed) || s.isLaterFragment) return false;
    // Every member is set (no reset first: this runs once per frame).
    seg.frameNumber = frame.number;
    seg.ts = frame.ts;
    seg.hasTimestamp = true;
    seg.relativeSeq = false;
    seg.seqPresent = true;
    seg.ackPresent = true;
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

} // namespace tcpscope
