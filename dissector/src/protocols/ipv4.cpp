// SPDX-License-Identifier: GPL-2.0-or-later
// IPv4 (RFC 791): every header field, header checksum verified, options walked. Fragments after
// the first are not handed to TCP (their payload does not start with a TCP header).
#include "protocols.h"

namespace tcpscope::proto {

namespace {

const ValueName kIpProtos[] = {{1, "ICMP"}, {2, "IGMP"}, {6, "TCP"}, {17, "UDP"},    {41, "IPv6"},
                               {47, "GRE"}, {50, "ESP"}, {51, "AH"}, {58, "ICMPv6"}, {132, "SCTP"}};
const ValueName kEcn[] = {{0, "Not-ECT"}, {1, "ECT(1)"}, {2, "ECT(0)"}, {3, "CE"}};
const ValueName kDscp[] = {{0, "Default"}, {8, "CS1"},   {10, "AF11"}, {12, "AF12"}, {14, "AF13"},
                           {16, "CS2"},    {18, "AF21"}, {20, "AF22"}, {22, "AF23"}, {24, "CS3"},
                           {26, "AF31"},   {28, "AF32"}, {30, "AF33"}, {32, "CS4"},  {34, "AF41"},
                           {36, "AF42"},   {38, "AF43"}, {40, "CS5"},  {44, "VA"},   {46, "EF"},
                           {48, "CS6"},    {56, "CS7"}};
const ValueName kChecksumStatus[] = {{0, "Bad"}, {1, "Good"}, {2, "Unverified"}};
const ValueName kOptTypes[] = {{0, "End of Options List (EOL)"},
                               {1, "No-Operation (NOP)"},
                               {7, "Record Route"},
                               {68, "Time Stamp"},
                               {130, "Security"},
                               {131, "Loose Source Route"},
                               {136, "Stream ID"},
                               {137, "Strict Source Route"},
                               {148, "Router Alert"}};

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct Ipv4Fields {
    FieldId ip, version, hdrLen, dsfield, dscp, ecn, len, id, flags, flagsRb, flagsDf, flagsMf,
        fragOffset, ttl, proto, checksum, checksumStatus, checksumCalc, src, dst, options, optType,
        optLen, optData, payload;
};
Ipv4Fields hf;

const FieldDef kFields[] = {
    {.handle = &hf.ip,
     .abbrev = "ip",
     .name = "Internet Protocol Version 4",
     .shortName = "IPv4",
     .type = FieldType::Protocol,
     .explanation =
         "The IPv4 header (RFC 791) carries the packet from the source host to the destination "
         "host across routers: addresses, a hop limit (TTL), fragmentation control and the number "
         "of the protocol inside."},
    {.handle = &hf.version,
     .abbrev = "ip.version",
     .name = "Version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xf0,
     .explanation =
         "IP version: 4 here. The first four bits of every IP packet, so a receiver knows how to "
         "read the rest.",
     .parentBits = 8},
    {.handle = &hf.hdrLen,
     .abbrev = "ip.hdr_len",
     .name = "Header Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation =
         "Length of the IPv4 header in bytes: the 4-bit IHL field counts 32-bit words, so IHL 5 "
         "means 20 bytes (no options) and the maximum, 15, means 60 bytes."},
    {.handle = &hf.dsfield,
     .abbrev = "ip.dsfield",
     .name = "Differentiated Services Field",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation =
         "The former Type of Service byte: a DSCP (how routers should queue this packet) and two "
         "ECN bits (congestion signalled without dropping)."},
    {.handle = &hf.dscp,
     .abbrev = "ip.dsfield.dscp",
     .name = "Differentiated Services Codepoint",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xfc,
     .values = kDscp,
     .explanation = "Per-hop behaviour requested for this packet (RFC 2474): 0 is best effort, EF "
                    "(46) low-latency, AFxy assured forwarding classes.",
     .parentBits = 8},
    {.handle = &hf.ecn,
     .abbrev = "ip.dsfield.ecn",
     .name = "Explicit Congestion Notification",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0x03,
     .values = kEcn,
     .explanation =
         "ECN (RFC 3168): ECT(0)/ECT(1) mean the endpoints understand ECN; a congested "
         "router sets CE instead of dropping the packet, and TCP echoes it back with ECE.",
     .parentBits = 8},
    {.handle = &hf.len,
     .abbrev = "ip.len",
     .name = "Total Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Length of the whole IP packet, header plus payload, in bytes. The TCP payload length is "
         "this minus the IP and TCP header lengths."},
    {.handle = &hf.id,
     .abbrev = "ip.id",
     .name = "Identification",
     .type = FieldType::UInt16,
     .base = Base::HexDec,
     .explanation =
         "Identifies the fragments of one original datagram so the receiver can put them back "
         "together. Often a counter; meaningless when DF is set and the packet is not fragmented."},
    {.handle = &hf.flags,
     .abbrev = "ip.flags",
     .name = "Flags",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .bitmask = 0xe0,
     .explanation =
         "Three fragmentation bits: reserved (must be 0), Don't Fragment and More Fragments.",
     .parentBits = 8},
    {.handle = &hf.flagsRb,
     .abbrev = "ip.flags.rb",
     .name = "Reserved bit",
     .type = FieldType::Bool,
     .bitmask = 0x80,
     .explanation = "Must be zero (RFC 3514's 'evil bit' is a joke).",
     .parentBits = 8},
    {.handle = &hf.flagsDf,
     .abbrev = "ip.flags.df",
     .name = "Don't fragment",
     .type = FieldType::Bool,
     .bitmask = 0x40,
     .explanation =
         "Routers must not fragment this packet; if it is too big for a link they drop it and "
         "send ICMP 'fragmentation needed', which Path MTU Discovery relies on.",
     .parentBits = 8},
    {.handle = &hf.flagsMf,
     .abbrev = "ip.flags.mf",
     .name = "More fragments",
     .type = FieldType::Bool,
     .bitmask = 0x20,
     .explanation = "Set on every fragment except the last one of a datagram.",
     .parentBits = 8},
    {.handle = &hf.fragOffset,
     .abbrev = "ip.frag_offset",
     .name = "Fragment Offset",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x1fff,
     .explanation =
         "Where this fragment's data belongs in the original datagram, in units of 8 bytes. 0 for "
         "an unfragmented packet or a first fragment; only a first fragment holds the TCP header.",
     .parentBits = 16},
    {.handle = &hf.ttl,
     .abbrev = "ip.ttl",
     .name = "Time to Live",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation =
         "Hop limit: each router decrements it and drops the packet at 0 (sending ICMP Time "
         "Exceeded, which traceroute uses). Typical initial values are 64, 128 and 255."},
    {.handle = &hf.proto,
     .abbrev = "ip.proto",
     .name = "Protocol",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kIpProtos,
     .explanation = "Which protocol the payload holds: 6 is TCP, 17 UDP, 1 ICMP."},
    {.handle = &hf.checksum,
     .abbrev = "ip.checksum",
     .name = "Header Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation =
         "One's-complement checksum of the IPv4 header only (not the payload). Every router "
         "recomputes it because it decrements the TTL."},
    {.handle = &hf.checksumStatus,
     .abbrev = "ip.checksum.status",
     .name = "Header checksum status",
     .type = FieldType::UInt8,
     .values = kChecksumStatus,
     .explanation = "Whether the header checksum matches the header: Good, Bad, or "
                    "Unverified when it was not checked."},
    {.handle = &hf.checksumCalc,
     .abbrev = "ip.checksum_calculated",
     .name = "Calculated Checksum",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "The checksum this header should carry, computed by TcpScope."},
    {.handle = &hf.src,
     .abbrev = "ip.src",
     .name = "Source Address",
     .type = FieldType::IPv4,
     .explanation = "IPv4 address of the host that sent the packet."},
    {.handle = &hf.dst,
     .abbrev = "ip.dst",
     .name = "Destination Address",
     .type = FieldType::IPv4,
     .explanation = "IPv4 address of the host the packet is for."},
    {.handle = &hf.options,
     .abbrev = "ip.options",
     .name = "Options",
     .type = FieldType::Bytes,
     .explanation =
         "IPv4 options (header bytes after the first 20): rarely used today; routers often send "
         "packets with options down a slow path."},
    {.handle = &hf.optType,
     .abbrev = "ip.opt.type",
     .name = "Type",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kOptTypes,
     .explanation = "Option type: a copy-on-fragmentation bit, a 2-bit class and a 5-bit number."},
    {.handle = &hf.optLen,
     .abbrev = "ip.opt.len",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Length of the option in bytes, including the type and length bytes."},
    {.handle = &hf.optData,
     .abbrev = "ip.opt.data",
     .name = "Data",
     .type = FieldType::Bytes,
     .explanation = "The option's value bytes."},
    {.handle = &hf.payload,
     .abbrev = "ip.payload",
     .name = "Data",
     .type = FieldType::Bytes,
     .explanation =
         "Payload that is not decoded here (a protocol TcpScope does not dissect, or a later "
         "fragment)."},
};

std::string dscpName(uint8_t dscp) {
    auto n = valueName(kDscp, dscp);
    return n.empty() ? num(dscp) : std::string(n);
}

void dissectOptions(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    int32_t opts = ctx.add(parent, hf.options, offset, length, ctx.bytes.bytes(offset, length),
                           ctx.text([&] { return Shown::val("(" + num(length) + " bytes)"); }));
    uint32_t end = offset + length;
    for (uint32_t p = offset; p < end;) {
        uint8_t type = *ctx.bytes.u8(p);
        if (type == 0 || type == 1) {
            auto name = valueName(kOptTypes, type);
            ctx.add(opts, hf.optType, p, 1, uint64_t(type),
                    ctx.text([&] { return Shown::title("IP Option - " + std::string(name)); }));
            ++p;
            if (type == 0) break;
            continue;
        }
        auto len = ctx.bytes.u8(p + 1);
        if (!len || *len < 2 || p + *len > end) {
            int32_t o = ctx.add(opts, hf.optType, p, end - p, uint64_t(type));
            ctx.summary->problems |= Problem::IpMalformed;
            ctx.note(o, Severity::Error, "ip.opt.len.invalid",
                     !len       ? noteText("ip.opt.len.invalid.missing")
                     : *len < 2 ? noteText("ip.opt.len.invalid.short", {{"length", num(*len)}})
                                : noteText("ip.opt.len.invalid.past-end", {{"length", num(*len)}}));
            break;
        }
        auto name = valueName(kOptTypes, type);
        int32_t o = ctx.add(opts, hf.optType, p, *len, uint64_t(type), ctx.text([&] {
            return Shown::title("IP Option - " +
                                (name.empty() ? "Unknown (" + num(type) + ")" : std::string(name)) +
                                " (" + num(*len) + " bytes)");
        }));
        ctx.add(o, hf.optLen, p + 1, 1, uint64_t(*len));
        if (*len > 2) {
            auto d = ctx.bytes.bytes(p + 2, *len - 2u);
            ctx.add(o, hf.optData, p + 2, *len - 2u, d);
        }
        p += *len;
    }
}

// The Differentiated Services byte: DSCP and ECN.
void dissectTos(DissectContext& ctx, int32_t ip, uint32_t offset) {
    auto tos = ctx.bytes.u8(offset + 1);
    if (!tos) return;
    ctx.summary->tos = *tos;
    int32_t ds = ctx.add(ip, hf.dsfield, offset + 1, 1, uint64_t(*tos), ctx.text([&] {
        return Shown::val(hex2(*tos) + " (DSCP: " + dscpName(*tos >> 2) +
                          ", ECN: " + std::string(valueName(kEcn, *tos & 3)) + ")");
    }));
    ctx.add(ds, hf.dscp, offset + 1, 1, uint64_t(*tos >> 2), kNoShown, 0xfc);
    ctx.add(ds, hf.ecn, offset + 1, 1, uint64_t(*tos & 3), kNoShown, 0x03);
}

// The flags (reserved, don't fragment, more fragments) and the fragment offset.
void dissectFragmentation(DissectContext& ctx, int32_t ip, uint32_t offset) {
    PacketSummary& s = *ctx.summary;
    auto ff = ctx.bytes.u16(offset + 6);
    if (!ff) return;
    const uint8_t flagsByte = uint8_t(*ff >> 8);
    s.ipReservedFlag = flagsByte & 0x80;
    s.ipDf = flagsByte & 0x40;
    s.ipMf = flagsByte & 0x20;
    s.fragOffset = *ff & 0x1fff;
    int32_t fl = ctx.add(ip, hf.flags, offset + 6, 1, uint64_t(flagsByte >> 5), ctx.text([&] {
        std::string names;
        if (s.ipReservedFlag) names += "Reserved ";
        if (s.ipDf) names += "Don't fragment ";
        if (s.ipMf) names += "More fragments ";
        if (!names.empty()) names.pop_back();
        return Shown::val(hex2(flagsByte >> 5) + (names.empty() ? "" : ", " + names))
            .withBits(bitPattern(flagsByte, 0xe0, 8));
    }),
                         0xe0);
    ctx.add(fl, hf.flagsRb, offset + 6, 1, uint64_t(s.ipReservedFlag), kNoShown, 0x80);
    ctx.add(fl, hf.flagsDf, offset + 6, 1, uint64_t(s.ipDf), kNoShown, 0x40);
    ctx.add(fl, hf.flagsMf, offset + 6, 1, uint64_t(s.ipMf), kNoShown, 0x20);
    ctx.add(ip, hf.fragOffset, offset + 6, 2, uint64_t(s.fragOffset), kNoShown, 0x1fff);
    if (s.ipReservedFlag)
        ctx.note(fl, Severity::Warning, "ip.flags.rb_set", noteText("ip.flags.rb_set"));
}

// The header checksum, verified when asked (the first pass does not need it) and the whole
// header was captured.
void dissectChecksum(DissectContext& ctx, int32_t ip, uint32_t offset, uint32_t ihl) {
    PacketSummary& s = *ctx.summary;
    auto cksum = ctx.bytes.u16(offset + 10);
    if (!cksum) return;
    s.ipChecksum = *cksum;
    int32_t ck = ctx.add(ip, hf.checksum, offset + 10, 2, uint64_t(*cksum));
    uint64_t status = 2;
    if (ctx.options.verifyChecksums && ctx.bytes.has(offset, ihl)) {
        uint32_t sum = onesComplementSum(ctx.bytes.bytes(offset, 10));
        sum = onesComplementSum(ctx.bytes.bytes(offset + 12, ihl - 12), sum);
        const uint16_t calc = static_cast<uint16_t>(~foldChecksum(sum));
        s.ipChecksumComputed = calc;
        const bool good = calc == *cksum;
        s.ipChecksumStatus = good                                ? ChecksumStatus::Good
                             : ctx.options.assumeChecksumOffload ? ChecksumStatus::Offloaded
                                                                 : ChecksumStatus::Bad;
        status = good ? 1 : 0;
        ctx.setShown(ck, ctx.text([&] {
            return Shown::val(hex4(*cksum) +
                              (good ? " [correct]" : " [incorrect, should be " + hex4(calc) + "]"));
        }));
        ctx.addGenerated(ip, hf.checksumCalc, uint64_t(calc));
        if (!good)
            ctx.note(ck,
                     s.ipChecksumStatus == ChecksumStatus::Offloaded ? Severity::Note
                                                                     : Severity::Error,
                     "ip.checksum_bad",
                     s.ipChecksumStatus == ChecksumStatus::Offloaded
                         ? noteText("ip.checksum_bad.offloaded")
                         : noteText("ip.checksum_bad.wrong", {{"calc", hex4(calc)}}));
    }
    ctx.addGenerated(ip, hf.checksumStatus, status);
}

// The fields after the total length, as far as they were captured.
void dissectFixedFields(DissectContext& ctx, int32_t ip, uint32_t offset, uint32_t ihl) {
    PacketSummary& s = *ctx.summary;
    const ByteReader hdr = ctx.bytes.from(offset); // one compare a field (ByteReader::from)
    if (auto id = hdr.u16(4)) {
        s.ipId = *id;
        ctx.add(ip, hf.id, offset + 4, 2, uint64_t(*id));
    }
    dissectFragmentation(ctx, ip, offset);
    if (auto ttl = hdr.u8(8)) {
        s.ttl = *ttl;
        int32_t t = ctx.add(ip, hf.ttl, offset + 8, 1, uint64_t(*ttl));
        if (*ttl == 0) ctx.note(t, Severity::Warning, "ip.ttl.zero", noteText("ip.ttl.zero"));
    }
    if (auto proto = hdr.u8(9)) {
        s.ipProto = *proto;
        ctx.add(ip, hf.proto, offset + 9, 1, uint64_t(*proto));
    }
    auto src = hdr.u32(12);
    auto dst = hdr.u32(16);
    if (src) s.src = Address::v4(*src);
    if (dst) s.dst = Address::v4(*dst);
    dissectChecksum(ctx, ip, offset, ihl);
    if (src) ctx.add(ip, hf.src, offset + 12, 4, uint64_t(*src));
    if (dst) ctx.add(ip, hf.dst, offset + 16, 4, uint64_t(*dst));
    if (ctx.tree && ctx.options.displayText && src && dst)
        ctx.setShown(ip, Shown::title("Internet Protocol Version 4, Src: " + s.src.toString() +
                                      ", Dst: " + s.dst.toString()));
}

// The total length the rest of the packet is read by: 0 from a Linux stack that built a
// segment over 64 KiB (TSO, BIG TCP) means the frame's length, as Wireshark assumes.
uint32_t totalLength(DissectContext& ctx, int32_t lenNode, uint16_t field, uint32_t length) {
    if (field != 0) return field;
    if (ctx.tree) {
        ctx.tree->setValue(lenNode, uint64_t(length));
        ctx.setShown(lenNode, Shown::val("0 (using the frame's " + num(length) + ")"));
    }
    ctx.note(lenNode, Severity::Chat, "ip.len.tso",
             noteText("ip.len.tso", {{"length", num(length)}}));
    return length;
}

// The first byte: version and header length (IHL). Returns the header length in bytes, below
// 20 (after noting why) when the header cannot be read on; `hl` is the length's node.
uint32_t versionAndHeaderLength(DissectContext& ctx, int32_t ip, uint32_t offset, int32_t& hl) {
    PacketSummary& s = *ctx.summary;
    auto vihl = ctx.bytes.u8(offset);
    if (!vihl) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated", noteText("_ws.truncated.ipv4-header-none"));
        return 0;
    }
    const uint8_t version = *vihl >> 4;
    const uint32_t ihl = (*vihl & 0x0f) * 4u;
    ctx.add(ip, hf.version, offset, 1, uint64_t(version), kNoShown, 0xf0);
    hl = ctx.add(ip, hf.hdrLen, offset, 1, uint64_t(ihl), ctx.text([&] {
        return Shown::val(num(ihl) + " bytes (" + num(ihl / 4) + ")")
            .withBits(bitPattern(*vihl, 0x0f, 8));
    }),
                 0x0f);
    if (version != 4) {
        s.problems |= Problem::IpMalformed;
        ctx.note(ip, Severity::Error, "ip.version.bad",
                 noteText("ip.version.bad", {{"version", num(version)}}));
    }
    if (ihl < 20) {
        s.problems |= Problem::IpMalformed;
        ctx.note(hl, Severity::Error, "ip.bogus_header_length",
                 noteText("ip.bogus_header_length",
                          {{"headerLength", num(ihl)}, {"ihl", num(ihl / 4)}}));
    }
    return ihl;
}

uint32_t dissectIpv4(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    enterIp(s);
    s.ipVersion = 4;
    s.ipOffset = offset;
    ctx.setProtocol(hf.ip);
    int32_t ip = ctx.add(-1, hf.ip, offset, std::min<uint32_t>(20, have), std::monostate{});
    int32_t hl = -1;
    const uint32_t ihl = versionAndHeaderLength(ctx, ip, offset, hl);
    if (ihl < 20) return 0;
    s.ipHeaderLength = static_cast<uint16_t>(ihl);
    // A header cut short: place what we have, field by field, before giving up.
    if (have < 20) s.problems |= Problem::IpTruncated;
    dissectTos(ctx, ip, offset);
    auto totalLen = ctx.bytes.u16(offset + 2);
    const int32_t lenNode = totalLen ? ctx.add(ip, hf.len, offset + 2, 2, uint64_t(*totalLen)) : -1;
    dissectFixedFields(ctx, ip, offset, ihl);
    if (have < 20 || !totalLen) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.ipv4-header", {{"have", num(have)}}));
        return have;
    }
    const uint32_t total = totalLength(ctx, lenNode, *totalLen, length);
    s.ipTotalLength = total;
    if (total < ihl) {
        s.problems |= Problem::IpMalformed;
        ctx.note(lenNode, Severity::Error, "ip.bogus_ip_length",
                 noteText("ip.bogus_ip_length",
                          {{"total", num(*totalLen)}, {"headerLength", num(ihl)}}));
        return 0;
    }
    if (ctx.tree) ctx.tree->setLength(ip, std::min(ihl, have));
    if (ihl > 20 && !ctx.bytes.has(offset + 20, ihl - 20)) {
        s.problems |= Problem::IpTruncated;
        ctx.note(hl, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.ipv4-options",
                          {{"headerLength", num(ihl)}, {"have", num(have)}}));
        return have;
    }
    if (ihl > 20) dissectOptions(ctx, offset + 20, ihl - 20, ip);
    if (total > length && length >= ihl) {
        // More bytes claimed than the link layer carried (or than were captured).
        ctx.note(lenNode, Severity::Note, "ip.len.past_capture",
                 noteText("ip.len.past_capture", {{"total", num(total)}, {"length", num(length)}}));
    }
    s.ipPayloadOffset = offset + ihl;
    s.ipPayloadLength = total - ihl;
    if (s.fragOffset > 0) {
        addLaterFragment(ctx, ip, hf.payload, offset + ihl, s.ipPayloadLength, ctx.text([&] {
            return Shown::title("Fragment data (" + num(s.ipPayloadLength) + " bytes, offset " +
                                num(s.fragOffset * 8u) + ")");
        }),
                         "ip.fragment", "ip.fragment");
        return total;
    }
    uint32_t used = dispatchIpPayload(ctx, s.ipProto, offset + ihl, s.ipPayloadLength, -1);
    noteIpPayloadCut(ctx, ip, offset + ihl, s.ipPayloadLength, used);
    return total;
}

} // namespace

void registerIpv4() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().etherType.add(0x0800, dissectIpv4);
}

} // namespace tcpscope::proto
