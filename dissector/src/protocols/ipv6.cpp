// SPDX-License-Identifier: GPL-2.0-or-later
// IPv6 (RFC 8200): the fixed header, then the extension-header chain (hop-by-hop incl. the
// RFC 2675 Jumbo Payload option, routing, fragment, destination options) walked to reach TCP.
#include "protocols.h"

namespace tcpscope::proto {

namespace {

const ValueName kNextHeaders[] = {{0, "IPv6 Hop-by-Hop Option"},
                                  {6, "TCP"},
                                  {17, "UDP"},
                                  {43, "Routing Header for IPv6"},
                                  {44, "Fragment Header for IPv6"},
                                  {50, "ESP"},
                                  {51, "AH"},
                                  {58, "ICMPv6"},
                                  {59, "No Next Header"},
                                  {60, "Destination Options for IPv6"}};
const ValueName kEcn[] = {{0, "Not-ECT"}, {1, "ECT(1)"}, {2, "ECT(0)"}, {3, "CE"}};
const ValueName kOptTypes[] = {{0x00, "Pad1"},
                               {0x01, "PadN"},
                               {0x05, "Router Alert"},
                               {0xc2, "Jumbo Payload"},
                               {0xc9, "Home Address"}};

enum : FieldId {
    F_IPV6,
    F_VERSION,
    F_TCLASS,
    F_DSCP,
    F_ECN,
    F_FLOW,
    F_PLEN,
    F_NXT,
    F_HLIM,
    F_SRC,
    F_DST,
    F_HOPOPTS,
    F_HOPOPTS_NXT,
    F_HOPOPTS_LEN,
    F_DSTOPTS,
    F_DSTOPTS_NXT,
    F_DSTOPTS_LEN,
    F_OPT,
    F_OPT_TYPE,
    F_OPT_LENGTH,
    F_OPT_JUMBO,
    F_OPT_PADN,
    F_ROUTING,
    F_ROUTING_NXT,
    F_ROUTING_LEN,
    F_ROUTING_TYPE,
    F_ROUTING_SEGLEFT,
    F_FRAG,
    F_FRAG_NXT,
    F_FRAG_OFFSET,
    F_FRAG_MORE,
    F_FRAG_IDENT,
    F_PAYLOAD,
    F_COUNT
};

const FieldDef kFields[] = {
    {"ipv6",
     "Internet Protocol Version 6",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "The IPv6 header (RFC 8200): a fixed 40 bytes with 128-bit addresses, a hop limit and a "
     "flow label, followed by a chain of optional extension headers before the payload."},
    {"ipv6.version", "Version", FieldType::UInt8, Base::Dec, 0xf0, {}, "IP version: 6.", 8},
    {"ipv6.tclass",
     "Traffic Class",
     FieldType::UInt32,
     Base::Hex,
     0x0ff00000,
     {},
     "IPv6's version of the IPv4 DS byte: DSCP and ECN.",
     32},
    {"ipv6.tclass.dscp",
     "Differentiated Services Codepoint",
     FieldType::UInt32,
     Base::Dec,
     0x0fc00000,
     {},
     "Per-hop behaviour requested (RFC 2474).",
     32},
    {"ipv6.tclass.ecn", "Explicit Congestion Notification", FieldType::UInt32, Base::Dec,
     0x00300000, kEcn, "ECN codepoint (RFC 3168).", 32},
    {"ipv6.flow",
     "Flow Label",
     FieldType::UInt24,
     Base::Hex,
     0x000fffff,
     {},
     "20-bit label a sender may use to mark packets of one flow so routers can keep them on "
     "one path (RFC 6437). Zero when unused.",
     32},
    {"ipv6.plen",
     "Payload Length",
     FieldType::UInt16,
     Base::Dec,
     0,
     {},
     "Length of everything after the 40-byte fixed header (extension headers included). Zero "
     "with a Jumbo Payload option for packets over 65,535 bytes."},
    {"ipv6.nxt", "Next Header", FieldType::UInt8, Base::Dec, 0, kNextHeaders,
     "Type of the header that follows: an extension header or the upper-layer protocol (6 TCP)."},
    {"ipv6.hlim",
     "Hop Limit",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "IPv6's TTL: decremented by each router, the packet is dropped at 0."},
    {"ipv6.src",
     "Source Address",
     FieldType::IPv6,
     Base::None,
     0,
     {},
     "IPv6 address of the sender."},
    {"ipv6.dst",
     "Destination Address",
     FieldType::IPv6,
     Base::None,
     0,
     {},
     "IPv6 address of the receiver."},
    {"ipv6.hopopts",
     "IPv6 Hop-by-Hop Option",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "Options every router on the path must look at (e.g. Router Alert, Jumbo Payload)."},
    {"ipv6.hopopts.nxt", "Next Header", FieldType::UInt8, Base::Dec, 0, kNextHeaders,
     "Type of the header after this one."},
    {"ipv6.hopopts.len",
     "Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Header length in 8-byte units, not counting the first 8 bytes."},
    {"ipv6.dstopts",
     "Destination Options for IPv6",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "Options only the destination examines."},
    {"ipv6.dstopts.nxt", "Next Header", FieldType::UInt8, Base::Dec, 0, kNextHeaders,
     "Type of the header after this one."},
    {"ipv6.dstopts.len",
     "Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Header length in 8-byte units, not counting the first 8 bytes."},
    {"ipv6.opt", "IPv6 Option", FieldType::None, Base::None, 0, {}, "One option TLV."},
    {"ipv6.opt.type", "Type", FieldType::UInt8, Base::Hex, 0, kOptTypes,
     "Option type; its two top bits tell a node that does not know it what to do."},
    {"ipv6.opt.length",
     "Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Length of the option data in bytes."},
    {"ipv6.opt.jumbo",
     "Payload Length",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Jumbo Payload (RFC 2675): the real payload length when it exceeds 65,535 bytes; the "
     "fixed header's Payload Length must then be 0. Linux BIG TCP uses it."},
    {"ipv6.opt.padn",
     "PadN",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "Padding to align the following option."},
    {"ipv6.routing",
     "Routing Header for IPv6",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "Lists intermediate nodes the packet must visit (e.g. Segment Routing)."},
    {"ipv6.routing.nxt", "Next Header", FieldType::UInt8, Base::Dec, 0, kNextHeaders,
     "Type of the header after this one."},
    {"ipv6.routing.len",
     "Length",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Header length in 8-byte units, not counting the first 8 bytes."},
    {"ipv6.routing.type",
     "Type",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "Routing header variant (4 is Segment Routing; 0 is deprecated)."},
    {"ipv6.routing.segleft",
     "Segments Left",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "How many listed nodes remain to be visited."},
    {"ipv6.fraghdr",
     "Fragment Header for IPv6",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "IPv6 fragmentation is done only by the sender; this header says where a fragment fits."},
    {"ipv6.fraghdr.nxt", "Next header", FieldType::UInt8, Base::Dec, 0, kNextHeaders,
     "Type of the header after this one."},
    {"ipv6.fraghdr.offset",
     "Offset",
     FieldType::UInt16,
     Base::Dec,
     0xfff8,
     {},
     "Where this fragment's data belongs, in 8-byte units.",
     16},
    {"ipv6.fraghdr.more",
     "More Fragments",
     FieldType::Bool,
     Base::None,
     0x0001,
     {},
     "Set on every fragment but the last.",
     16},
    {"ipv6.fraghdr.ident",
     "Identification",
     FieldType::UInt32,
     Base::Hex,
     0,
     {},
     "Identifies the fragments of one original packet."},
    {"ipv6.payload",
     "Data",
     FieldType::Bytes,
     Base::None,
     0,
     {},
     "Payload not decoded here (a later fragment, or a protocol TcpScope does not dissect)."},
};
FieldId g_base = 0;
FieldId fid(int i) {
    return static_cast<FieldId>(g_base + i);
}

std::string nextHeaderText(uint8_t nh) {
    auto n = valueName(kNextHeaders, nh);
    return (n.empty() ? std::string("Unknown") : std::string(n)) + " (" + num(nh) + ")";
}

// Walks the TLV options of a hop-by-hop or destination-options header.
void dissectTlvOptions(DissectContext& ctx, uint32_t offset, uint32_t end, int32_t parent,
                       bool hopByHop, uint16_t plen) {
    PacketSummary& s = *ctx.summary;
    for (uint32_t p = offset; p < end;) {
        uint8_t type = *ctx.bytes.u8(p);
        if (type == 0) {
            ctx.add(parent, fid(F_OPT_TYPE), p, 1, uint64_t(0), "Pad1");
            ++p;
            continue;
        }
        auto len = ctx.bytes.u8(p + 1);
        if (!len || p + 2 + *len > end) {
            int32_t n = ctx.add(parent, fid(F_OPT), p, end - p, std::monostate{},
                                "IPv6 Option (malformed)");
            s.problems |= Problem::IpMalformed;
            ctx.note(n, Severity::Error, "ipv6.opt.length.invalid",
                     "IPv6 option length runs past the end of its extension header");
            return;
        }
        auto name = valueName(kOptTypes, type);
        int32_t o = ctx.add(parent, fid(F_OPT), p, 2u + *len, std::monostate{},
                            (name.empty() ? "Unknown option " + hex2(type) : std::string(name)));
        ctx.add(o, fid(F_OPT_TYPE), p, 1, uint64_t(type));
        ctx.add(o, fid(F_OPT_LENGTH), p + 1, 1, uint64_t(*len));
        if (type == 1 && *len) {
            auto b = ctx.bytes.bytes(p + 2, *len);
            ctx.add(o, fid(F_OPT_PADN), p + 2, *len, std::vector<uint8_t>(b.begin(), b.end()));
        } else if (type == 0xc2) {
            auto jumbo = *len == 4 ? ctx.bytes.u32(p + 2) : std::nullopt;
            if (!jumbo) {
                s.problems |= Problem::IpMalformed;
                ctx.note(o, Severity::Error, "ipv6.opt.jumbo.bad_length",
                         "Jumbo Payload option must have 4 data bytes, has " + num(*len));
            } else {
                int32_t j = ctx.add(o, fid(F_OPT_JUMBO), p + 2, 4, uint64_t(*jumbo));
                if (!hopByHop) {
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.not_hopbyhop",
                             "Jumbo Payload is only valid in the hop-by-hop header");
                } else if (plen != 0) {
                    s.problems |= Problem::IpMalformed;
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.plen_not_zero",
                             "Jumbo Payload option present but the Payload Length is " + num(plen) +
                                 " (must be 0, RFC 2675)");
                } else if (*jumbo <= 65535) {
                    s.problems |= Problem::IpMalformed;
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.too_small",
                             "Jumbo Payload length " + num(*jumbo) +
                                 " is not above 65,535 (RFC 2675)");
                } else {
                    s.jumbo = true;
                    s.ipTotalLength = 40 + *jumbo;
                }
            }
        }
        p += 2u + *len;
    }
}

uint32_t dissectIpv6(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    s.ipVersion = 6;
    s.ipOffset = offset;
    int32_t ip = ctx.add(-1, fid(F_IPV6), offset, std::min<uint32_t>(40, have), std::monostate{},
                         "Internet Protocol Version 6");
    auto w0 = ctx.bytes.u32(offset);
    if (w0) {
        uint8_t version = uint8_t(*w0 >> 28);
        s.tos = uint8_t(*w0 >> 20);
        s.flowLabel = *w0 & 0xfffff;
        ctx.add(ip, fid(F_VERSION), offset, 1, uint64_t(version), {}, 0xf0);
        // Wireshark also places ip.version in IPv6 headers, so `ip.version == 6` filters work.
        static const FieldId ipVersion = fieldId("ip.version");
        if (ctx.tree)
            ctx.tree->add(ip, ipVersion, offset, 1, uint64_t(version),
                          bitPatternLine(uint64_t(version) << 4, 0xf0, "Version: " + num(version)),
                          0xf0);
        int32_t tc = ctx.add(ip, fid(F_TCLASS), offset, 4, uint64_t(s.tos), {}, 0x0ff00000);
        ctx.add(tc, fid(F_DSCP), offset, 4, uint64_t(s.tos >> 2), {}, 0x0fc00000);
        ctx.add(tc, fid(F_ECN), offset, 4, uint64_t(s.tos & 3), {}, 0x00300000);
        ctx.add(ip, fid(F_FLOW), offset + 1, 3, uint64_t(s.flowLabel), {}, 0x000fffff);
        if (version != 6) {
            s.problems |= Problem::IpMalformed;
            ctx.note(ip, Severity::Error, "ipv6.version.bad",
                     "IP version " + num(version) + " in an IPv6 header (expected 6)");
        }
    }
    auto plen = ctx.bytes.u16(offset + 4);
    auto nxt = ctx.bytes.u8(offset + 6);
    auto hlim = ctx.bytes.u8(offset + 7);
    int32_t plenNode = -1;
    if (plen) plenNode = ctx.add(ip, fid(F_PLEN), offset + 4, 2, uint64_t(*plen));
    if (nxt)
        ctx.add(ip, fid(F_NXT), offset + 6, 1, uint64_t(*nxt),
                ctx.text([&] { return "Next Header: " + nextHeaderText(*nxt); }));
    if (hlim) {
        s.ttl = *hlim;
        ctx.add(ip, fid(F_HLIM), offset + 7, 1, uint64_t(*hlim));
    }
    auto srcB = ctx.bytes.bytes(offset + 8, 16), dstB = ctx.bytes.bytes(offset + 24, 16);
    if (srcB.size() == 16) {
        s.src = Address::v6(srcB.data());
        if (ctx.tree)
            ctx.add(ip, fid(F_SRC), offset + 8, 16, std::vector<uint8_t>(srcB.begin(), srcB.end()));
    }
    if (dstB.size() == 16) {
        s.dst = Address::v6(dstB.data());
        if (ctx.tree)
            ctx.add(ip, fid(F_DST), offset + 24, 16,
                    std::vector<uint8_t>(dstB.begin(), dstB.end()));
    }
    if (have < 40) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated",
                 "IPv6 header cut short: 40 bytes needed, " + num(have) + " captured");
        return have;
    }
    if (ctx.tree && ctx.options.displayText)
        ctx.tree->setDisplay(ip, "Internet Protocol Version 6, Src: " + s.src.toString() +
                                     ", Dst: " + s.dst.toString());
    s.ipTotalLength = 40u + *plen;
    // Walk the extension headers. Each one is at least 8 bytes, so the walk ends; the count
    // limit stops chains that are absurd rather than merely long.
    uint8_t nh = *nxt;
    uint32_t p = offset + 40;
    int headers = 0;
    uint32_t end = offset + 40 + *plen; // recomputed if a Jumbo option is found
    for (;;) {
        if (nh != 0 && nh != 43 && nh != 44 && nh != 60) break;
        if (++headers > 16) {
            s.problems |= Problem::IpMalformed;
            ctx.note(ip, Severity::Error, "ipv6.ext.too_many",
                     "More than 16 IPv6 extension headers: giving up on the chain");
            return length;
        }
        auto hnxt = ctx.bytes.u8(p);
        auto hlen8 = ctx.bytes.u8(p + 1);
        if (!hnxt || !hlen8) {
            s.problems |= Problem::IpTruncated;
            ctx.note(ip, Severity::Error, "_ws.truncated",
                     "IPv6 extension header (" + nextHeaderText(nh) + ") cut short at byte " +
                         num(p));
            return length;
        }
        uint32_t hlen = nh == 44 ? 8u : (uint32_t(*hlen8) + 1) * 8;
        uint32_t avail = static_cast<uint32_t>(ctx.bytes.remaining(p));
        int kind = nh == 0 ? F_HOPOPTS : nh == 60 ? F_DSTOPTS : nh == 43 ? F_ROUTING : F_FRAG;
        int32_t h = ctx.add(-1, fid(kind), p, std::min(hlen, avail), std::monostate{});
        if (ctx.tree) {
            // Extension headers hang under the IPv6 layer, as in Wireshark.
            ctx.tree->setDisplay(h, std::string(FieldRegistry::instance().def(fid(kind)).name) +
                                        ", Length: " + num(hlen) + " bytes");
        }
        ctx.add(h, fid(kind + 1), p, 1, uint64_t(*hnxt),
                ctx.text([&] { return "Next Header: " + nextHeaderText(*hnxt); }));
        if (nh != 44)
            ctx.add(h, fid(kind + 2), p + 1, 1, uint64_t(*hlen8), ctx.text([&] {
                return "Length: " + num(*hlen8) + " (" + num(hlen) + " bytes)";
            }));
        if (!s.jumbo && *plen != 0 && p + hlen > end) {
            s.problems |= Problem::IpMalformed;
            ctx.note(h, Severity::Error, "ipv6.ext.past_payload",
                     "Extension header runs past the end of the payload (" + num(*plen) +
                         " bytes)");
            return length;
        }
        if (avail < hlen) {
            s.problems |= Problem::IpTruncated;
            ctx.note(h, Severity::Error, "_ws.truncated",
                     "Extension header needs " + num(hlen) + " bytes, " + num(avail) + " captured");
            return length;
        }
        if (nh == 0 || nh == 60) {
            if (nh == 0 && headers != 1)
                ctx.note(h, Severity::Error, "ipv6.hopopts.not_first",
                         "Hop-by-hop options must immediately follow the IPv6 header");
            dissectTlvOptions(ctx, p + 2, p + hlen, h, nh == 0, *plen);
            if (s.jumbo) end = offset + s.ipTotalLength;
        } else if (nh == 43) {
            ctx.add(h, fid(F_ROUTING_TYPE), p + 2, 1, uint64_t(*ctx.bytes.u8(p + 2)));
            ctx.add(h, fid(F_ROUTING_SEGLEFT), p + 3, 1, uint64_t(*ctx.bytes.u8(p + 3)));
        } else { // fragment
            uint16_t offm = *ctx.bytes.u16(p + 2);
            uint32_t ident = *ctx.bytes.u32(p + 4);
            s.ipv6Fragment = true;
            s.ipv6FragId = ident;
            s.fragOffset = offm >> 3;
            s.ipMf = offm & 1;
            ctx.add(h, fid(F_FRAG_OFFSET), p + 2, 2, uint64_t(offm >> 3), {}, 0xfff8);
            ctx.add(h, fid(F_FRAG_MORE), p + 2, 2, uint64_t(offm & 1), {}, 0x0001);
            ctx.add(h, fid(F_FRAG_IDENT), p + 4, 4, uint64_t(ident));
        }
        nh = *hnxt;
        p += hlen;
        if (s.fragOffset > 0) break;
    }
    if (*plen == 0 && !s.jumbo && nh != 59) {
        // Linux BIG TCP strips the Jumbo option before the capture point sees the packet and
        // leaves 0 here: take the payload from the frame, and say so.
        s.ipTotalLength = std::max<uint32_t>(40, length);
        ctx.note(plenNode, Severity::Chat, "ipv6.plen.zero",
                 "Payload Length is 0 without a Jumbo Payload option: probably TCP segmentation "
                 "offload or BIG TCP; using the frame's length");
    }
    s.ipProto = nh;
    s.ipHeaderLength = static_cast<uint16_t>(std::min<uint32_t>(p - offset, 0xffff));
    s.ipPayloadOffset = p;
    uint32_t total = s.ipTotalLength;
    s.ipPayloadLength = offset + total > p ? offset + total - p : 0;
    if (ctx.tree) ctx.tree->setLength(ip, 40);
    if (s.fragOffset > 0) {
        addLaterFragment(
            ctx, ip, fid(F_PAYLOAD), p, s.ipPayloadLength,
            ctx.text([&] { return "Fragment data (" + num(s.ipPayloadLength) + " bytes)"; }),
            "ipv6.fragment", "Later fragment of a packet: its payload is not a TCP header");
        return total;
    }
    uint32_t used = dispatchIpPayload(ctx, nh, p, s.ipPayloadLength, -1);
    noteIpPayloadCut(ctx, ip, p, s.ipPayloadLength, used);
    return total;
}

} // namespace

void registerIpv6() {
    g_base = FieldRegistry::instance().add(kFields);
    DissectorTables::instance().etherType.add(0x86dd, dissectIpv6);
}

} // namespace tcpscope::proto
