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

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct Ipv6Fields {
    FieldId ipv6, version, tclass, dscp, ecn, flow, plen, nxt, hlim, src, dst, hopopts, hopoptsNxt,
        hopoptsLen, dstopts, dstoptsNxt, dstoptsLen, opt, optType, optLength, optJumbo, optPadn,
        routing, routingNxt, routingLen, routingType, routingSegleft, frag, fragNxt, fragOffset,
        fragMore, fragIdent, payload;
};
Ipv6Fields hf;

const FieldDef kFields[] = {
    {.handle = &hf.ipv6,
     .abbrev = "ipv6",
     .name = "Internet Protocol Version 6",
     .shortName = "IPv6",
     .type = FieldType::Protocol,
     .explanation =
         "The IPv6 header (RFC 8200): a fixed 40 bytes with 128-bit addresses, a hop limit and a "
         "flow label, followed by a chain of optional extension headers before the payload."},
    {.handle = &hf.version,
     .abbrev = "ipv6.version",
     .name = "Version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xf0,
     .explanation = "IP version: 6.",
     .parentBits = 8},
    {.handle = &hf.tclass,
     .abbrev = "ipv6.tclass",
     .name = "Traffic Class",
     .type = FieldType::UInt32,
     .base = Base::Hex,
     .bitmask = 0x0ff00000,
     .explanation = "IPv6's version of the IPv4 DS byte: DSCP and ECN.",
     .parentBits = 32},
    {.handle = &hf.dscp,
     .abbrev = "ipv6.tclass.dscp",
     .name = "Differentiated Services Codepoint",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x0fc00000,
     .explanation = "Per-hop behaviour requested (RFC 2474).",
     .parentBits = 32},
    {.handle = &hf.ecn,
     .abbrev = "ipv6.tclass.ecn",
     .name = "Explicit Congestion Notification",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x00300000,
     .values = kEcn,
     .explanation = "ECN codepoint (RFC 3168).",
     .parentBits = 32},
    {.handle = &hf.flow,
     .abbrev = "ipv6.flow",
     .name = "Flow Label",
     .type = FieldType::UInt24,
     .base = Base::Hex,
     .bitmask = 0x000fffff,
     .explanation =
         "20-bit label a sender may use to mark packets of one flow so routers can keep them on "
         "one path (RFC 6437). Zero when unused.",
     .parentBits = 32},
    {.handle = &hf.plen,
     .abbrev = "ipv6.plen",
     .name = "Payload Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation =
         "Length of everything after the 40-byte fixed header (extension headers included). Zero "
         "with a Jumbo Payload option for packets over 65,535 bytes."},
    {.handle = &hf.nxt,
     .abbrev = "ipv6.nxt",
     .name = "Next Header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kNextHeaders,
     .explanation = "Type of the header that follows: an extension header or the upper-layer "
                    "protocol (6 TCP)."},
    {.handle = &hf.hlim,
     .abbrev = "ipv6.hlim",
     .name = "Hop Limit",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "IPv6's TTL: decremented by each router, the packet is dropped at 0."},
    {.handle = &hf.src,
     .abbrev = "ipv6.src",
     .name = "Source Address",
     .type = FieldType::IPv6,
     .explanation = "IPv6 address of the sender."},
    {.handle = &hf.dst,
     .abbrev = "ipv6.dst",
     .name = "Destination Address",
     .type = FieldType::IPv6,
     .explanation = "IPv6 address of the receiver."},
    {.handle = &hf.hopopts,
     .abbrev = "ipv6.hopopts",
     .name = "IPv6 Hop-by-Hop Option",
     .type = FieldType::Protocol,
     .explanation =
         "Options every router on the path must look at (e.g. Router Alert, Jumbo Payload)."},
    {.handle = &hf.hopoptsNxt,
     .abbrev = "ipv6.hopopts.nxt",
     .name = "Next Header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kNextHeaders,
     .explanation = "Type of the header after this one."},
    {.handle = &hf.hopoptsLen,
     .abbrev = "ipv6.hopopts.len",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Header length in 8-byte units, not counting the first 8 bytes."},
    {.handle = &hf.dstopts,
     .abbrev = "ipv6.dstopts",
     .name = "Destination Options for IPv6",
     .type = FieldType::Protocol,
     .explanation = "Options only the destination examines."},
    {.handle = &hf.dstoptsNxt,
     .abbrev = "ipv6.dstopts.nxt",
     .name = "Next Header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kNextHeaders,
     .explanation = "Type of the header after this one."},
    {.handle = &hf.dstoptsLen,
     .abbrev = "ipv6.dstopts.len",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Header length in 8-byte units, not counting the first 8 bytes."},
    {.handle = &hf.opt,
     .abbrev = "ipv6.opt",
     .name = "IPv6 Option",
     .type = FieldType::None,
     .explanation = "One option TLV."},
    {.handle = &hf.optType,
     .abbrev = "ipv6.opt.type",
     .name = "Type",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .values = kOptTypes,
     .explanation = "Option type; its two top bits tell a node that does not know it what to do."},
    {.handle = &hf.optLength,
     .abbrev = "ipv6.opt.length",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Length of the option data in bytes."},
    {.handle = &hf.optJumbo,
     .abbrev = "ipv6.opt.jumbo",
     .name = "Payload Length",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Jumbo Payload (RFC 2675): the real payload length when it exceeds 65,535 bytes; the "
         "fixed header's Payload Length must then be 0. Linux BIG TCP uses it."},
    {.handle = &hf.optPadn,
     .abbrev = "ipv6.opt.padn",
     .name = "PadN",
     .type = FieldType::Bytes,
     .explanation = "Padding to align the following option."},
    {.handle = &hf.routing,
     .abbrev = "ipv6.routing",
     .name = "Routing Header for IPv6",
     .type = FieldType::Protocol,
     .explanation = "Lists intermediate nodes the packet must visit (e.g. Segment Routing)."},
    {.handle = &hf.routingNxt,
     .abbrev = "ipv6.routing.nxt",
     .name = "Next Header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kNextHeaders,
     .explanation = "Type of the header after this one."},
    {.handle = &hf.routingLen,
     .abbrev = "ipv6.routing.len",
     .name = "Length",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Header length in 8-byte units, not counting the first 8 bytes."},
    {.handle = &hf.routingType,
     .abbrev = "ipv6.routing.type",
     .name = "Type",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "Routing header variant (4 is Segment Routing; 0 is deprecated)."},
    {.handle = &hf.routingSegleft,
     .abbrev = "ipv6.routing.segleft",
     .name = "Segments Left",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation = "How many listed nodes remain to be visited."},
    {.handle = &hf.frag,
     .abbrev = "ipv6.fraghdr",
     .name = "Fragment Header for IPv6",
     .type = FieldType::Protocol,
     .explanation =
         "IPv6 fragmentation is done only by the sender; this header says where a fragment fits."},
    {.handle = &hf.fragNxt,
     .abbrev = "ipv6.fraghdr.nxt",
     .name = "Next header",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kNextHeaders,
     .explanation = "Type of the header after this one."},
    {.handle = &hf.fragOffset,
     .abbrev = "ipv6.fraghdr.offset",
     .name = "Offset",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xfff8,
     .explanation = "Where this fragment's data belongs, in 8-byte units.",
     .parentBits = 16},
    {.handle = &hf.fragMore,
     .abbrev = "ipv6.fraghdr.more",
     .name = "More Fragments",
     .type = FieldType::Bool,
     .bitmask = 0x0001,
     .explanation = "Set on every fragment but the last.",
     .parentBits = 16},
    {.handle = &hf.fragIdent,
     .abbrev = "ipv6.fraghdr.ident",
     .name = "Identification",
     .type = FieldType::UInt32,
     .base = Base::Hex,
     .explanation = "Identifies the fragments of one original packet."},
    {.handle = &hf.payload,
     .abbrev = "ipv6.payload",
     .name = "Data",
     .type = FieldType::Bytes,
     .explanation =
         "Payload not decoded here (a later fragment, or a protocol TcpScope does not dissect)."},
};

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
            ctx.add(parent, hf.optType, p, 1, uint64_t(0),
                    ctx.text([] { return Shown::title("Pad1"); }));
            ++p;
            continue;
        }
        auto len = ctx.bytes.u8(p + 1);
        if (!len || p + 2 + *len > end) {
            int32_t n = ctx.add(parent, hf.opt, p, end - p, std::monostate{},
                                ctx.text([] { return Shown::title("IPv6 Option (malformed)"); }));
            s.problems |= Problem::IpMalformed;
            ctx.note(n, Severity::Error, "ipv6.opt.length.invalid",
                     noteText("ipv6.opt.length.invalid"));
            return;
        }
        auto name = valueName(kOptTypes, type);
        int32_t o = ctx.add(parent, hf.opt, p, 2u + *len, std::monostate{}, ctx.text([&] {
            return Shown::title(name.empty() ? "Unknown option " + hex2(type) : std::string(name));
        }));
        ctx.add(o, hf.optType, p, 1, uint64_t(type));
        ctx.add(o, hf.optLength, p + 1, 1, uint64_t(*len));
        if (type == 1 && *len) {
            auto b = ctx.bytes.bytes(p + 2, *len);
            ctx.add(o, hf.optPadn, p + 2, *len, b);
        } else if (type == 0xc2) {
            auto jumbo = *len == 4 ? ctx.bytes.u32(p + 2) : std::nullopt;
            if (!jumbo) {
                s.problems |= Problem::IpMalformed;
                ctx.note(o, Severity::Error, "ipv6.opt.jumbo.bad_length",
                         noteText("ipv6.opt.jumbo.bad_length", {{"length", num(*len)}}));
            } else {
                int32_t j = ctx.add(o, hf.optJumbo, p + 2, 4, uint64_t(*jumbo));
                if (!hopByHop) {
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.not_hopbyhop",
                             noteText("ipv6.opt.jumbo.not_hopbyhop"));
                } else if (plen != 0) {
                    s.problems |= Problem::IpMalformed;
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.plen_not_zero",
                             noteText("ipv6.opt.jumbo.plen_not_zero", {{"length", num(plen)}}));
                } else if (*jumbo <= 65535) {
                    s.problems |= Problem::IpMalformed;
                    ctx.note(j, Severity::Error, "ipv6.opt.jumbo.too_small",
                             noteText("ipv6.opt.jumbo.too_small", {{"length", num(*jumbo)}}));
                } else {
                    s.jumbo = true;
                    s.ipTotalLength = 40 + *jumbo;
                }
            }
        }
        p += 2u + *len;
    }
}

// The first 32-bit word: version, traffic class (DSCP, ECN) and flow label.
void dissectFirstWord(DissectContext& ctx, int32_t ip, uint32_t offset) {
    PacketSummary& s = *ctx.summary;
    auto w0 = ctx.bytes.u32(offset);
    if (!w0) return;
    const uint8_t version = uint8_t(*w0 >> 28);
    s.tos = uint8_t(*w0 >> 20);
    s.flowLabel = *w0 & 0xfffff;
    ctx.add(ip, hf.version, offset, 1, uint64_t(version), kNoShown, 0xf0);
    // Wireshark also places ip.version in IPv6 headers, so `ip.version == 6` filters work.
    static const FieldId ipVersion = fieldId("ip.version");
    ctx.add(ip, ipVersion, offset, 1, uint64_t(version), kNoShown, 0xf0);
    int32_t tc = ctx.add(ip, hf.tclass, offset, 4, uint64_t(s.tos), kNoShown, 0x0ff00000);
    ctx.add(tc, hf.dscp, offset, 4, uint64_t(s.tos >> 2), kNoShown, 0x0fc00000);
    ctx.add(tc, hf.ecn, offset, 4, uint64_t(s.tos & 3), kNoShown, 0x00300000);
    ctx.add(ip, hf.flow, offset + 1, 3, uint64_t(s.flowLabel), kNoShown, 0x000fffff);
    if (version != 6) {
        s.problems |= Problem::IpMalformed;
        ctx.note(ip, Severity::Error, "ipv6.version.bad",
                 noteText("ipv6.version.bad", {{"version", num(version)}}));
    }
}

// Payload length, next header, hop limit and the addresses, as far as they were captured.
// Returns the payload length's node.
int32_t dissectFixedFields(DissectContext& ctx, int32_t ip, uint32_t offset) {
    PacketSummary& s = *ctx.summary;
    auto plen = ctx.bytes.u16(offset + 4);
    auto nxt = ctx.bytes.u8(offset + 6);
    auto hlim = ctx.bytes.u8(offset + 7);
    const int32_t plenNode = plen ? ctx.add(ip, hf.plen, offset + 4, 2, uint64_t(*plen)) : -1;
    if (nxt)
        ctx.add(ip, hf.nxt, offset + 6, 1, uint64_t(*nxt),
                ctx.text([&] { return Shown::labelled("Next Header", nextHeaderText(*nxt)); }));
    if (hlim) {
        s.ttl = *hlim;
        ctx.add(ip, hf.hlim, offset + 7, 1, uint64_t(*hlim));
    }
    auto srcB = ctx.bytes.bytes(offset + 8, 16), dstB = ctx.bytes.bytes(offset + 24, 16);
    if (srcB.size() == 16) {
        s.src = Address::v6(srcB.data());
        if (ctx.tree) ctx.add(ip, hf.src, offset + 8, 16, srcB);
    }
    if (dstB.size() == 16) {
        s.dst = Address::v6(dstB.data());
        if (ctx.tree) ctx.add(ip, hf.dst, offset + 24, 16, dstB);
    }
    return plenNode;
}

// Where the walk of the extension headers is: the next header's type and offset, where the
// payload ends, how many headers were walked.
struct ExtensionWalk {
    uint8_t nh = 0;
    uint32_t p = 0;
    uint32_t end = 0; // recomputed if a Jumbo option is found
    int headers = 0;
};

void dissectFragmentHeader(DissectContext& ctx, int32_t h, uint32_t p) {
    PacketSummary& s = *ctx.summary;
    const uint16_t offm = *ctx.bytes.u16(p + 2);
    const uint32_t ident = *ctx.bytes.u32(p + 4);
    s.ipv6Fragment = true;
    s.ipv6FragId = ident;
    s.fragOffset = offm >> 3;
    s.ipMf = offm & 1;
    ctx.add(h, hf.fragOffset, p + 2, 2, uint64_t(offm >> 3), kNoShown, 0xfff8);
    ctx.add(h, hf.fragMore, p + 2, 2, uint64_t(offm & 1), kNoShown, 0x0001);
    ctx.add(h, hf.fragIdent, p + 4, 4, uint64_t(ident));
}

// One extension header at w.p; moves the walk past it. False when the walk must stop (a
// header cut short or running past the payload, too many headers), after noting why.
bool dissectExtensionHeader(DissectContext& ctx, int32_t ip, uint32_t offset, uint16_t plen,
                            ExtensionWalk& w) {
    PacketSummary& s = *ctx.summary;
    // Each header is at least 8 bytes, so the walk ends; the count limit stops chains that are
    // absurd rather than merely long.
    if (++w.headers > 16) {
        s.problems |= Problem::IpMalformed;
        ctx.note(ip, Severity::Error, "ipv6.ext.too_many", noteText("ipv6.ext.too_many"));
        return false;
    }
    const uint8_t nh = w.nh;
    const uint32_t p = w.p;
    auto hnxt = ctx.bytes.u8(p);
    auto hlen8 = ctx.bytes.u8(p + 1);
    if (!hnxt || !hlen8) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.ipv6-ext-header",
                          {{"header", nextHeaderText(nh)}, {"offset", num(p)}}));
        return false;
    }
    const uint32_t hlen = nh == 44 ? 8u : (uint32_t(*hlen8) + 1) * 8;
    const uint32_t avail = static_cast<uint32_t>(ctx.bytes.remaining(p));
    // The extension header's own field, then its Next Header and Length fields.
    struct ExtFields {
        FieldId header, next, length;
    };
    const ExtFields kind = nh == 0    ? ExtFields{hf.hopopts, hf.hopoptsNxt, hf.hopoptsLen}
                           : nh == 60 ? ExtFields{hf.dstopts, hf.dstoptsNxt, hf.dstoptsLen}
                           : nh == 43 ? ExtFields{hf.routing, hf.routingNxt, hf.routingLen}
                                      : ExtFields{hf.frag, hf.fragNxt, kNoField};
    // Extension headers hang under the IPv6 layer, as in Wireshark.
    int32_t h = ctx.add(-1, kind.header, p, std::min(hlen, avail), std::monostate{});
    ctx.setShown(h, ctx.text([&] {
        return Shown::title(std::string(FieldRegistry::instance().def(kind.header).name) +
                            ", Length: " + num(hlen) + " bytes");
    }));
    ctx.add(h, kind.next, p, 1, uint64_t(*hnxt),
            ctx.text([&] { return Shown::labelled("Next Header", nextHeaderText(*hnxt)); }));
    if (nh != 44)
        ctx.add(h, kind.length, p + 1, 1, uint64_t(*hlen8), ctx.text([&] {
            return Shown::labelled("Length", num(*hlen8) + " (" + num(hlen) + " bytes)");
        }));
    if (!s.jumbo && plen != 0 && p + hlen > w.end) {
        s.problems |= Problem::IpMalformed;
        ctx.note(h, Severity::Error, "ipv6.ext.past_payload",
                 noteText("ipv6.ext.past_payload", {{"length", num(plen)}}));
        return false;
    }
    if (avail < hlen) {
        s.problems |= Problem::IpTruncated;
        ctx.note(
            h, Severity::Error, "_ws.truncated",
            noteText("_ws.truncated.ipv6-ext-length", {{"need", num(hlen)}, {"have", num(avail)}}));
        return false;
    }
    if (nh == 0 || nh == 60) {
        if (nh == 0 && w.headers != 1)
            ctx.note(h, Severity::Error, "ipv6.hopopts.not_first",
                     noteText("ipv6.hopopts.not_first"));
        dissectTlvOptions(ctx, p + 2, p + hlen, h, nh == 0, plen);
        if (s.jumbo) w.end = offset + s.ipTotalLength;
    } else if (nh == 43) {
        ctx.add(h, hf.routingType, p + 2, 1, uint64_t(*ctx.bytes.u8(p + 2)));
        ctx.add(h, hf.routingSegleft, p + 3, 1, uint64_t(*ctx.bytes.u8(p + 3)));
    } else {
        dissectFragmentHeader(ctx, h, p);
    }
    w.nh = *hnxt;
    w.p = p + hlen;
    return true;
}

uint32_t dissectIpv6(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    PacketSummary& s = *ctx.summary;
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    enterIp(s);
    s.ipVersion = 6;
    s.ipOffset = offset;
    ctx.setProtocol(hf.ipv6);
    int32_t ip = ctx.add(-1, hf.ipv6, offset, std::min<uint32_t>(40, have), std::monostate{});
    dissectFirstWord(ctx, ip, offset);
    const int32_t plenNode = dissectFixedFields(ctx, ip, offset);
    if (have < 40) {
        s.problems |= Problem::IpTruncated;
        ctx.note(ip, Severity::Error, "_ws.truncated",
                 noteText("_ws.truncated.ipv6-header", {{"have", num(have)}}));
        return have;
    }
    if (ctx.tree && ctx.options.displayText)
        ctx.setShown(ip, Shown::title("Internet Protocol Version 6, Src: " + s.src.toString() +
                                      ", Dst: " + s.dst.toString()));
    const uint16_t plen = *ctx.bytes.u16(offset + 4);
    s.ipTotalLength = 40u + plen;
    ExtensionWalk w{*ctx.bytes.u8(offset + 6), offset + 40, offset + 40 + plen, 0};
    while (w.nh == 0 || w.nh == 43 || w.nh == 44 || w.nh == 60) {
        if (!dissectExtensionHeader(ctx, ip, offset, plen, w)) return length;
        if (s.fragOffset > 0) break;
    }
    if (plen == 0 && !s.jumbo && w.nh != 59) {
        // Linux BIG TCP strips the Jumbo option before the capture point sees the packet and
        // leaves 0 here: take the payload from the frame, and say so.
        s.ipTotalLength = std::max<uint32_t>(40, length);
        ctx.note(plenNode, Severity::Chat, "ipv6.plen.zero", noteText("ipv6.plen.zero"));
    }
    const uint32_t p = w.p;
    s.ipProto = w.nh;
    s.ipHeaderLength = static_cast<uint16_t>(std::min<uint32_t>(p - offset, 0xffff));
    s.ipPayloadOffset = p;
    const uint32_t total = s.ipTotalLength;
    s.ipPayloadLength = offset + total > p ? offset + total - p : 0;
    if (ctx.tree) ctx.tree->setLength(ip, 40);
    if (s.fragOffset > 0) {
        addLaterFragment(ctx, ip, hf.payload, p, s.ipPayloadLength, ctx.text([&] {
            return Shown::title("Fragment data (" + num(s.ipPayloadLength) + " bytes)");
        }),
                         "ipv6.fragment", "ipv6.fragment");
        return total;
    }
    uint32_t used = dispatchIpPayload(ctx, w.nh, p, s.ipPayloadLength, -1);
    noteIpPayloadCut(ctx, ip, p, s.ipPayloadLength, used);
    return total;
}

} // namespace

void registerIpv6() {
    FieldRegistry::instance().add(kFields);
    DissectorTables::instance().etherType.add(0x86dd, dissectIpv6);
}

} // namespace tcpscope::proto
