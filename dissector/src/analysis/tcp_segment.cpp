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

namespace {

uint16_t be16(const uint8_t* p) {
    return uint16_t(p[0] << 8 | p[1]);
}
uint32_t be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

// The options as the option dissectors record them (tcp_options.cpp): a later MSS, window
// scale or timestamp replaces an earlier one, SACK blocks add up to four. False for any other
// kind, a length that is not the kind's, or a non-zero byte after EOL: the dissectors note those.
bool plainOptions(const uint8_t* p, uint32_t n, TcpOptionSummary& o) {
    o = TcpOptionSummary{};
    for (uint32_t i = 0; i < n;) {
        const uint8_t kind = p[i];
        if (kind == 0) { // the end of the list: only zero bytes may follow
            for (++i; i < n; ++i)
                if (p[i] != 0) return false;
            return true;
        }
        if (kind == 1) {
            ++i;
            continue;
        }
        if (n - i < 2) return false;
        const uint32_t len = p[i + 1];
        if (len < 2 || len > n - i) return false;
        const uint8_t* v = p + i + 2;
        switch (kind) {
        case 2:
            if (len != 4) return false;
            o.mss = be16(v);
            break;
        case 3:
            if (len != 3) return false;
            o.wscale = v[0];
            break;
        case 4:
            if (len != 2) return false;
            o.sackPermitted = true;
            break;
        case 5:
            if (len < 10 || (len - 2) % 8 != 0) return false;
            for (uint32_t b = 0; b < (len - 2) / 8; ++b)
                if (o.sackCount < o.sack.size())
                    o.sack[o.sackCount++] = {be32(v + 8 * b), be32(v + 8 * b + 4)};
            break;
        case 8:
            if (len != 10) return false;
            o.hasTimestamp = true;
            o.tsVal = be32(v);
            o.tsEcr = be32(v + 4);
            break;
        default:
            return false;
        }
        i += len;
    }
    return true;
}

// Where the TCP header starts and how long the segment is, with the addresses and the IP
// length into `seg`: an unfragmented IPv4 packet of a 20-byte header or an IPv6 one whose next
// header is TCP, whole in the capture and on the wire, carrying at least a fixed TCP header.
bool plainIp(const Frame& frame, size_t ip, uint16_t etherType, TcpSegment& seg, size_t& tcp,
             uint32_t& tcpLength) {
    const size_t have = frame.data.size() - ip;
    if (have < 20) return false;
    const uint8_t* h = frame.data.data() + ip;
    const uint8_t version = h[0] >> 4;
    uint32_t total = 0;
    if (version == 4 && etherType != 0x86dd) {
        total = be16(h + 2);
        // A header of 20 bytes, TCP, neither more fragments nor a fragment offset.
        if (h[0] != 0x45 || h[9] != 6 || (be16(h + 6) & 0x3fff) != 0 || total < 40) return false;
        seg.src = Address::v4(be32(h + 12));
        seg.dst = Address::v4(be32(h + 16));
        tcp = ip + 20;
    } else if (version == 6 && etherType != 0x0800) {
        if (have < 40 || h[6] != 6) return false;
        total = 40u + be16(h + 4);
        if (total < 60) return false; // also a jumbogram's 0
        seg.src = Address::v6(h + 8);
        seg.dst = Address::v6(h + 24);
        tcp = ip + 40;
    } else {
        return false;
    }
    // All of it captured, and no shorter on the wire (the dissectors would cap the payload).
    if (total > have || frame.originalLength < ip + total) return false;
    seg.ipLength = total;
    tcpLength = uint32_t(ip + total - tcp);
    return true;
}

} // namespace

bool segmentFromFrame(const Frame& frame, const DissectOptions& options, TcpSegment& seg) {
    if (options.verifyChecksums) return false; // the status is the dissector's to work out
    size_t ip = 0;
    uint16_t etherType = 0; // 0: raw IP, the version decides
    if (frame.linkType == LinkType::Ethernet) {
        if (frame.data.size() < 14) return false;
        etherType = be16(frame.data.data() + 12);
        if (etherType != 0x0800 && etherType != 0x86dd) return false;
        ip = 14;
    } else if (frame.linkType != LinkType::Raw) {
        return false;
    }
    size_t tcp = 0;
    uint32_t length = 0;
    if (!plainIp(frame, ip, etherType, seg, tcp, length)) return false;
    const uint8_t* t = frame.data.data() + tcp;
    const uint32_t hdrLen = (t[12] >> 4) * 4u;
    if (hdrLen < 20 || hdrLen > length || !plainOptions(t + 20, hdrLen - 20, seg.options))
        return false;
    setFrameMembers(frame, seg);
    seg.srcPort = be16(t);
    seg.dstPort = be16(t + 2);
    seg.seq = be32(t + 4);
    seg.ack = be32(t + 8);
    seg.flags = be16(t + 12) & 0x0fff;
    seg.window = be16(t + 14);
    seg.payloadLength = length - hdrLen;
    seg.checksum = ChecksumStatus::NotChecked;
    seg.payloadTruncated = false;
    seg.tunnelKey = 0;
    seg.headerMalformed = false;
    seg.headerPastSegment = false;
    return true;
}

} // namespace tcpscope
