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

enum : FieldId {
    F_IP,
    F_VERSION,
    F_HDR_LEN,
    F_DSFIELD,
    F_DSCP,
    F_ECN,
    F_LEN,
    F_ID,
    F_FLAGS,
    F_FLAGS_RB,
    F_FLAGS_DF,
    F_FLAGS_MF,
    F_FRAG_OFFSET,
    F_TTL,
    F_PROTO,
    F_CHECKSUM,
    F_CHECKSUM_STATUS,
    F_CHECKSUM_CALC,
    F_SRC,
    F_DST,
    F_OPTIONS,
    F_OPT_TYPE,
    F_OPT_LEN,
    F_OPT_DATA,
    F_PAYLOAD,
    F_COUNT
};

const FieldDef kFields[] = {
    {"ip",
     "Internet Protocol Version 4",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "The IPv4 header (RFC 791) carries the packet from the source host to the destination "
     "host across routers: addresses, a hop limit (TTL), fragmentation control and the number "
     "of the protocol inside."},
    {"ip.version",
     "Version",
     FieldType::UInt8,
     Base::Dec,
     0xf0,
     {},
     "IP version: 4 here. The first four bits of every IP packet, so a receiver knows how to "
     "read the rest.",
     8},
    {"ip.hdr_len",
     "Header Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Length of the IPv4 header in bytes: the 4-bit IHL field counts 32-bit words, so IHL 5 "
     "means 20 bytes (no options) and the maximum, 15, means 60 bytes."},
    {"ip.dsfield",
     "Differentiated Services Field",
     FieldType::UInt8,
     Base::Hex,
     0,
     {},
     "The former Type of Service byte: a DSCP (how routers should queue this packet) and two "
     "ECN bits (congestion signalled without dropping)."},
    {"ip.dsfield.dscp", "Differentiated Services Codepoint", FieldType::UInt8, Base::Dec, 0xfc,
     kDscp,
     "Per-hop behaviour requested for this packet (RFC 2474): 0 is best effort, EF "
     "(46) low-latency, AFxy assured forwarding classes.",
     8},
    {"ip.dsfield.ecn", "Explicit Congestion Notification", FieldType::UInt8, Base::Dec, 0x03, kEcn,
     "ECN (RFC 3168): ECT(0)/ECT(1) mean the endpoints understand ECN; a congested "
     "router sets CE instead of dropping the packet, and TCP echoes it back with ECE.",
     8},
    {"ip.len",
     "Total Length",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "Length of the whole IP packet, header plus payload, in bytes. The TCP payload length is "
     "this minus the IP and TCP header lengths."},
    {"ip.id",
     "Identification",
     FieldType::UInt16,
     Base::HexDec,
     0,
     {},
     "Identifies the fragments of one original datagram so the receiver can put them back "
     "together. Often a counter; meaningless when DF is set and the packet is not fragmented."},
    {"ip.flags",
     "Flags",
     FieldType::UInt8,
     Base::Hex,
     0xe0,
     {},
     "Three fragmentation bits: reserved (must be 0), Don't Fragment and More Fragments.",
     8},
    {"ip.flags.rb",
     "Reserved bit",
     FieldType::Bool,
     Base::None,
     0x80,
     {},
     "Must be zero (RFC 3514's 'evil bit' is a joke).",
     8},
    {"ip.flags.df",
     "Don't fragment",
     FieldType::Bool,
     Base::None,
     0x40,
     {},
     "Routers must not fragment this packet; if it is too big for a link they drop it and "
     "send ICMP 'fragmentation needed', which Path MTU Discovery relies on.",
     8},
    {"ip.flags.mf",
     "More fragments",
     FieldType::Bool,
     Base::None,
     0x20,
     {},
     "Set on every fragment except the last one of a datagram.",
     8},
    {"ip.frag_offset",
     "Fragment Offset",
     FieldType::UInt16,
     Base::Dec,
     0x1fff,
     {},
     "Where this fragment's data belongs in the original datagram, in units of 8 bytes. 0 for "
     "an unfragmented packet or a first fragment; only a first fragment holds the TCP header.",
     16},
    {"ip.ttl",
     "Time to Live",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Hop limit: each router decrements it and drops the packet at 0 (sending ICMP Time "
     "Exceeded, which traceroute uses). Typical initial values are 64, 128 and 255."},
    {"ip.proto", "Protocol", FieldType::UInt8, Base::Dec, 0, kIpProtos,
     "Which protocol the payload holds: 6 is TCP, 17 UDP, 1 ICMP."},
    {"ip.checksum",
     "Header Checksum",
     FieldType::UInt16,
     Base::Hex,
     0,
     {},
     "One's-complement checksum of the IPv4 header only (not the payload). Every router "
     "recomputes it because it decrements the TTL."},
    {"ip.checksum.status", "Header checksum status", FieldType::UInt8, Base::None, 0,
     kChecksumStatus,
     "Whether the header checksum matches the header: Good, Bad, or "
     "Unverified when it was not checked."},
    {"ip.checksum_calculated",
     "Calculated Checksum",
     FieldType::UInt16,
     Base::Hex,
     0,
     {},
     "The checksum this header should carry, computed by TcpScope."},
    {"ip.src",
     "Source Address",
     FieldType::IPv4,
     Base::None,
     0,
     {},
     "IPv4 address of the host that sent the packet."},
    {"ip.dst",
     "Destination Address",
     FieldType::IPv4,
     Base::None,
     0,
     {},
     "IPv4 address of the host the packet is for."},
    {"ip.options",
     "Options",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "IPv4 options (header bytes after the first 20): rarely used today; routers often send "
     "packets with options down a slow path."},
    {"ip.opt.type", "Type", FieldType::UInt8, Base::Dec, 0, kOptTypes,
     "Option type: a copy-on-fragmentation bit, a 2-bit class and a 5-bit number."},
    {"ip.opt.len",
     "Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Length of the option in bytes, including the type and length bytes."},
    {"ip.opt.data", "Data", FieldType::Bytes, Base::None, 0, {}, "The option's value bytes."},
    {"ip.payload",
     "Data",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "Payload that is not decoded here (a protocol TcpScope does not dissect, or a later "
     "fragment)."},
};
FieldId g_base = 0;
FieldId fid(int i) {
    return static_cast<FieldId>(g_base + i);
}

std::string dscpName(uint8_t dscp) {
    auto n = valueName(kDscp, dscp);
    return n.empty() ? num(dscp) : std::string(n);
}

void dissectOptions(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    int32_t opts = ctx.add(
        parent, fid(F_OPTIONS), offset, length,
        [&] {
            auto b = ctx.bytes.bytes(offset, length);
            return std::vector<uint8_t>(b.begin(), b.end());
        }(),
        "Options: (" + num(length) + " bytes)");
    uint32_t end = offset + length;
    for (uint32_t p = offset; p < end;) {
        uint8_t type = *ctx.bytes.u8(p);
        if (type == 0 || type == 1) {
            auto name = valueName(kOptTypes, type);
            int32_t o = ctx.add(opts, fid(F_OPT_TYPE), p, 1, uint64_t(type),
                                "IP Option - " + std::string(name));
            (void)o;
            ++p;
            if (type == 0) break;
            continue;
        }
        auto len = ctx.bytes.u8(p + 1);
        if (!len || *len < 2 || p + *len > end) {
            int32_t o = ctx.add(opts, fid(F_OPT_TYPE), p, end - p, uint64_t(type));
            ctx.summary->problems |= Problem::IpMalformed;
            ctx.note(o, Severity::Error, "ip.opt.len.invalid",
                     !len ? "IP option length is missing"
                          : "IP option length " + num(*len) + " is " +
                                (*len < 2 ? "less than 2" : "past the end of the header"));
            break;
        }
        auto name = valueName(kOptTypes, type);
        int32_t o = ctx.add(opts, fid(F_OPT_TYPE), p, *len, uint64_t(type),
                            "IP Option - " +
                                (name.empty() ? "Unknown (" + num(type) + ")" : std::string(name)) +
                                " (" + num(*len) + " bytes)");
        ctx.add(o, fid(F_OPT_LEN), p + 1, 1, uint64_t(*len));
        if (*len > 2) {
            auto d = ctx.bytes.bytes(p + 2, *len - 2u);
            ctx.add(o, fid(F_OPT_DATA), p + 2, *len - 2u, std::vector<uint8_t>(d.begin(), d.end()));
        }
        p += *len;
    }
}

uint32_t dissectIpv4(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    s.ipVersion = 4;
    s.ipOffset = offset;
    int32_t ip = ctx.add(-1, fid(F_IP), offset, std::min<uint32_t>(20, have), std::monostate{},
                         "Internet Protocol Version 4");
    auto vihl = ctx.bytes.u8(offset);
    if (!vihl) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated", "No bytes of the IPv4 header were captured");
        return 0;
    }
    uint8_t version = *vihl >> 4;
    uint32_t ihl = (*vihl & 0x0f) * 4u;
    ctx.add(ip, fid(F_VERSION), offset, 1, uint64_t(version), {}, 0xf0);
    int32_t hl = ctx.add(ip, fid(F_HDR_LEN), offset, 1, uint64_t(ihl), ctx.text([&] {
        return bitPatternLine(*vihl, 0x0f,
                              "Header Length: " + num(ihl) + " bytes (" + num(ihl / 4) + ")");
    }),
                         0x0f);
    if (version != 4) {
        s.problems |= Problem::IpMalformed;
        ctx.note(ip, Severity::Error, "ip.version.bad",
                 "IP version " + num(version) + " in an IPv4 header (expected 4)");
    }
    if (ihl < 20) {
        s.problems |= Problem::IpMalformed;
        ctx.note(hl, Severity::Error, "ip.bogus_header_length",
                 "Bogus IPv4 header length " + num(ihl) + " (IHL " + num(ihl / 4) +
                     "): must be at least 20 bytes (IHL 5)");
        return 0;
    }
    s.ipHeaderLength = static_cast<uint16_t>(ihl);
    if (have < 20) {
        s.problems |= Problem::IpTruncated;
        // Place what we have, field by field, before giving up.
    }
    if (auto tos = ctx.bytes.u8(offset + 1)) {
        s.tos = *tos;
        int32_t ds = ctx.add(ip, fid(F_DSFIELD), offset + 1, 1, uint64_t(*tos), ctx.text([&] {
            return "Differentiated Services Field: " + hex2(*tos) +
                   " (DSCP: " + dscpName(*tos >> 2) +
                   ", ECN: " + std::string(valueName(kEcn, *tos & 3)) + ")";
        }));
        ctx.add(ds, fid(F_DSCP), offset + 1, 1, uint64_t(*tos >> 2), {}, 0xfc);
        ctx.add(ds, fid(F_ECN), offset + 1, 1, uint64_t(*tos & 3), {}, 0x03);
    }
    auto totalLen = ctx.bytes.u16(offset + 2);
    int32_t lenNode = -1;
    if (totalLen) lenNode = ctx.add(ip, fid(F_LEN), offset + 2, 2, uint64_t(*totalLen));
    if (auto id = ctx.bytes.u16(offset + 4)) {
        s.ipId = *id;
        ctx.add(ip, fid(F_ID), offset + 4, 2, uint64_t(*id));
    }
    if (auto ff = ctx.bytes.u16(offset + 6)) {
        uint8_t flagsByte = uint8_t(*ff >> 8);
        s.ipReservedFlag = flagsByte & 0x80;
        s.ipDf = flagsByte & 0x40;
        s.ipMf = flagsByte & 0x20;
        s.fragOffset = *ff & 0x1fff;
        int32_t fl =
            ctx.add(ip, fid(F_FLAGS), offset + 6, 1, uint64_t(flagsByte >> 5), ctx.text([&] {
                std::string names;
                if (s.ipReservedFlag) names += "Reserved ";
                if (s.ipDf) names += "Don't fragment ";
                if (s.ipMf) names += "More fragments ";
                if (!names.empty()) names.pop_back();
                return bitPattern(flagsByte, 0xe0, 8) + " = Flags: " + hex2(flagsByte >> 5) +
                       (names.empty() ? "" : ", " + names);
            }),
                    0xe0);
        ctx.add(fl, fid(F_FLAGS_RB), offset + 6, 1, uint64_t(s.ipReservedFlag), {}, 0x80);
        ctx.add(fl, fid(F_FLAGS_DF), offset + 6, 1, uint64_t(s.ipDf), {}, 0x40);
        ctx.add(fl, fid(F_FLAGS_MF), offset + 6, 1, uint64_t(s.ipMf), {}, 0x20);
        ctx.add(ip, fid(F_FRAG_OFFSET), offset + 6, 2, uint64_t(s.fragOffset), {}, 0x1fff);
        if (s.ipReservedFlag)
            ctx.note(fl, Severity::Warning, "ip.flags.rb_set", "The reserved flag bit is set");
    }
    if (auto ttl = ctx.bytes.u8(offset + 8)) {
        s.ttl = *ttl;
        int32_t t = ctx.add(ip, fid(F_TTL), offset + 8, 1, uint64_t(*ttl));
        if (*ttl == 0)
            ctx.note(t, Severity::Warning, "ip.ttl.zero", "Time To Live is 0: routers drop this");
    }
    auto proto = ctx.bytes.u8(offset + 9);
    if (proto) {
        s.ipProto = *proto;
        ctx.add(ip, fid(F_PROTO), offset + 9, 1, uint64_t(*proto));
    }
    auto cksum = ctx.bytes.u16(offset + 10);
    auto src = ctx.bytes.u32(offset + 12);
    auto dst = ctx.bytes.u32(offset + 16);
    if (src) s.src = Address::v4(*src);
    if (dst) s.dst = Address::v4(*dst);
    if (cksum) {
        s.ipChecksum = *cksum;
        int32_t ck = ctx.add(ip, fid(F_CHECKSUM), offset + 10, 2, uint64_t(*cksum));
        uint64_t status = 2;
        // Verified only when asked: the first pass (tracker, plain summaries) does not need it.
        if (ctx.options.verifyChecksums && ctx.bytes.has(offset, ihl)) {
            uint32_t sum = onesComplementSum(ctx.bytes.bytes(offset, 10));
            sum = onesComplementSum(ctx.bytes.bytes(offset + 12, ihl - 12), sum);
            uint16_t calc = static_cast<uint16_t>(~foldChecksum(sum));
            s.ipChecksumComputed = calc;
            bool good = calc == *cksum;
            s.ipChecksumStatus = good                                ? ChecksumStatus::Good
                                 : ctx.options.assumeChecksumOffload ? ChecksumStatus::Offloaded
                                                                     : ChecksumStatus::Bad;
            if (ctx.options.verifyChecksums) {
                status = good ? 1 : 0;
                if (ctx.tree)
                    ctx.tree->setDisplay(
                        ck,
                        "Header Checksum: " + hex4(*cksum) +
                            (good ? " [correct]" : " [incorrect, should be " + hex4(calc) + "]"));
                ctx.addGenerated(ip, fid(F_CHECKSUM_CALC), uint64_t(calc));
                if (!good)
                    ctx.note(ck,
                             s.ipChecksumStatus == ChecksumStatus::Offloaded ? Severity::Note
                                                                             : Severity::Error,
                             "ip.checksum_bad",
                             s.ipChecksumStatus == ChecksumStatus::Offloaded
                                 ? "Header checksum unverified, likely offloaded (captured on "
                                   "the sending host)"
                                 : "Bad IPv4 header checksum: should be " + hex4(calc));
            }
        }
        int32_t st = ctx.addGenerated(ip, fid(F_CHECKSUM_STATUS), status);
        (void)st;
    }
    if (src) ctx.add(ip, fid(F_SRC), offset + 12, 4, uint64_t(*src));
    if (dst) ctx.add(ip, fid(F_DST), offset + 16, 4, uint64_t(*dst));
    if (ctx.tree && ctx.options.displayText && src && dst)
        ctx.tree->setDisplay(ip, "Internet Protocol Version 4, Src: " + s.src.toString() +
                                     ", Dst: " + s.dst.toString());
    if (have < 20 || !totalLen) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated",
                 "IPv4 header cut short: 20 bytes needed, " + num(have) + " captured");
        return have;
    }
    uint32_t total = *totalLen;
    if (total == 0) {
        // Linux hands 0 to the capture for segments bigger than 64 KiB built by the stack (TSO,
        // BIG TCP): the frame itself says how long the packet is, as Wireshark assumes.
        total = length;
        if (ctx.tree) {
            ctx.tree->setValue(lenNode, uint64_t(total));
            ctx.tree->setDisplay(lenNode, "Total Length: 0 (using the frame's " + num(total) + ")");
        }
        ctx.note(lenNode, Severity::Chat, "ip.len.tso",
                 "Total length 0: probably TCP segmentation offload or BIG TCP; using the "
                 "frame's " +
                     num(length) + " bytes");
    }
    s.ipTotalLength = total;
    if (total < ihl) {
        s.problems |= Problem::IpMalformed;
        ctx.note(lenNode, Severity::Error, "ip.bogus_ip_length",
                 "Total length " + num(*totalLen) + " is less than the header length " + num(ihl));
        return 0;
    }
    if (ctx.tree) ctx.tree->setLength(ip, std::min(ihl, have));
    if (ihl > 20) {
        if (ctx.bytes.has(offset + 20, ihl - 20)) {
            dissectOptions(ctx, offset + 20, ihl - 20, ip);
        } else {
            s.problems |= Problem::IpTruncated;
            ctx.note(hl, Severity::Error, "_ws.truncated",
                     "IPv4 options cut short: header says " + num(ihl) + " bytes, " + num(have) +
                         " captured");
            return have;
        }
    }
    if (total > length && length >= ihl) {
        // More bytes claimed than the link layer carried (or than were captured).
        ctx.note(lenNode, Severity::Note, "ip.len.past_capture",
                 "Total length " + num(total) + " is more than the " + num(length) +
                     " bytes that follow in the frame");
    }
    s.ipPayloadOffset = offset + ihl;
    s.ipPayloadLength = total - ihl;
    if (s.fragOffset > 0) {
        addLaterFragment(ctx, ip, fid(F_PAYLOAD), offset + ihl, s.ipPayloadLength, ctx.text([&] {
            return "Fragment data (" + num(s.ipPayloadLength) + " bytes, offset " +
                   num(s.fragOffset * 8u) + ")";
        }),
                         "ip.fragment",
                         "Later fragment of a datagram: its payload is not a TCP header");
        return total;
    }
    uint32_t used = dispatchIpPayload(ctx, s.ipProto, offset + ihl, s.ipPayloadLength, -1);
    noteIpPayloadCut(ctx, ip, offset + ihl, s.ipPayloadLength, used);
    return total;
}

} // namespace

void registerIpv4() {
    g_base = FieldRegistry::instance().add(kFields);
    DissectorTables::instance().etherType.add(0x0800, dissectIpv4);
}

} // namespace tcpscope::proto
