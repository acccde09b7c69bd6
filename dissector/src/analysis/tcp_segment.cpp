// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/tcp_segment.h"

namespace tcpscope {

std::optional<TcpSegment> segmentFromSummary(const Frame& frame, const PacketSummary& s) {
    if (!s.hasTcp || s.isLaterFragment) return std::nullopt;
    TcpSegment seg;
    seg.frameNumber = frame.number;
    seg.ts = frame.ts;
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
    return seg;
}

} // namespace tcpscope
