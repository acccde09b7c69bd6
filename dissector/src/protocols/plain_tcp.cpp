// SPDX-License-Identifier: GPL-2.0-or-later
// The first pass's plain TCP frames (readPlainTcp): recognised at fixed offsets and read into
// the summary the layers would give, which most frames of a real capture are. The layers stay
// the reference: anything unusual (a VLAN tag, IP options, a fragment, an option of another
// kind or a malformed one, a frame cut short) is left to them, and their notes.
#include "protocols.h"

namespace tcpscope {

namespace {

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
            o.mss = loadBe16(v);
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
                    o.sack[o.sackCount++] = {loadBe32(v + 8 * b), loadBe32(v + 8 * b + 4)};
            break;
        case 8:
            if (len != 10) return false;
            o.hasTimestamp = true;
            o.tsVal = loadBe32(v);
            o.tsEcr = loadBe32(v + 4);
            break;
        default:
            return false;
        }
        i += len;
    }
    return true;
}

// The IP header at `ip`: an unfragmented IPv4 packet of a 20-byte header or an IPv6 one whose
// next header is TCP, whole in the capture and on the wire, carrying at least a fixed TCP
// header. `etherType` 0: raw IP, the version decides.
bool plainIp(const Frame& frame, uint32_t ip, uint16_t etherType, PlainTcp& out) {
    const size_t have = frame.data.size() - ip;
    if (have < 20) return false;
    const uint8_t* h = frame.data.data() + ip;
    const uint8_t version = h[0] >> 4;
    uint32_t total = 0;
    if (version == 4 && etherType != 0x86dd) {
        total = loadBe16(h + 2);
        // A header of 20 bytes, TCP, neither more fragments nor a fragment offset.
        if (h[0] != 0x45 || h[9] != 6 || (loadBe16(h + 6) & 0x3fff) != 0 || total < 40)
            return false;
        out.tcp = ip + 20;
    } else if (version == 6 && etherType != 0x0800) {
        if (have < 40 || h[6] != 6) return false;
        total = 40u + loadBe16(h + 4);
        if (total < 60) return false; // also a jumbogram's 0
        out.tcp = ip + 40;
    } else {
        return false;
    }
    // All of it captured, and no shorter on the wire (the dissectors would cap the payload).
    if (total > have || frame.originalLength < ip + total) return false;
    out.ip = ip;
    out.tcpLength = ip + total - out.tcp;
    return true;
}

} // namespace

bool readPlainTcp(const Frame& frame, const DissectOptions& options, PlainTcp& out) {
    // Without verification a checksum's status is "not checked" whatever its value.
    if (!options.plainShortcut || options.verifyChecksums) return false;
    uint32_t ip = 0;
    uint16_t etherType = 0;
    if (frame.linkType == LinkType::Ethernet) {
        if (frame.data.size() < 14) return false;
        etherType = loadBe16(frame.data.data() + 12);
        if (etherType != 0x0800 && etherType != 0x86dd) return false;
        ip = 14;
    } else if (frame.linkType != LinkType::Raw) {
        return false;
    }
    if (!plainIp(frame, ip, etherType, out)) return false;
    const uint8_t* t = frame.data.data() + out.tcp;
    out.headerLength = (t[12] >> 4) * 4u;
    return out.headerLength >= 20 && out.headerLength <= out.tcpLength &&
           plainOptions(t + 20, out.headerLength - 20, out.options);
}

namespace proto {

// The link and IP fields of a plain TCP frame, as the Ethernet (or raw IP) and IP layers set
// them; then the TCP layer's own (plainTcpFields).
void dissectPlainTcp(DissectContext& ctx, const PlainTcp& plain) {
    PacketSummary& s = *ctx.summary;
    const uint8_t* h = ctx.frame->data.data() + plain.ip;
    s.ipDepth = 1;
    s.ipOffset = plain.ip;
    s.ipProto = 6;
    s.ipPayloadOffset = plain.tcp;
    s.ipPayloadLength = plain.tcpLength;
    s.ipHeaderLength = uint16_t(plain.tcp - plain.ip);
    s.ipTotalLength = s.ipHeaderLength + plain.tcpLength;
    if ((h[0] >> 4) == 4) {
        s.etherType = 0x0800;
        s.ipVersion = 4;
        s.tos = h[1];
        s.ipId = loadBe16(h + 4);
        s.ipReservedFlag = h[6] & 0x80;
        s.ipDf = h[6] & 0x40;
        s.ttl = h[8];
        s.ipChecksum = loadBe16(h + 10);
        s.src = Address::v4(loadBe32(h + 12));
        s.dst = Address::v4(loadBe32(h + 16));
    } else {
        s.etherType = 0x86dd;
        s.ipVersion = 6;
        const uint32_t w0 = loadBe32(h);
        s.tos = uint8_t(w0 >> 20);
        s.flowLabel = w0 & 0xfffff;
        s.ttl = h[7];
        s.src = Address::v6(h + 8);
        s.dst = Address::v6(h + 24);
    }
    plainTcpFields(ctx, plain);
}

} // namespace proto
} // namespace tcpscope
