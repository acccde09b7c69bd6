// SPDX-License-Identifier: GPL-2.0-or-later
// Layers between the link and IP that are not tunnels over IP: MPLS label stacks (RFC 3032),
// PPP (RFC 1661, with the HDLC-like framing of RFC 1662) on its own link types, inside PPPoE
// sessions (RFC 2516), L2TP and GRE; Cisco HDLC; the IEEE 802.1BR E-Tag and Cisco FabricPath.
#include "protocols.h"

namespace tcpscope::proto {

namespace {

struct EncapsulationFields {
    FieldId mpls, mplsLabel, mplsExp, mplsBottom, mplsTtl, ppp, pppAddress, pppControl, pppProtocol,
        pppoes, pppoeVersion, pppoeType, pppoeCode, pppoeSession, pppoeLength, chdlc, chdlcAddress,
        chdlcControl, chdlcProtocol, etag, etagPcp, etagDei, etagIecid, etagResv, etagGroup,
        etagEcid, etagIecidExt, etagEcidExt, etagEtype, cfp, cfpFtag, cfpTtl;
};
EncapsulationFields hf;

const ValueName kPppProtocols[] = {{0x0021, "Internet Protocol version 4"},
                                   {0x0057, "Internet Protocol version 6"},
                                   {0x0281, "MPLS"},
                                   {0x0283, "MPLS multicast"},
                                   {0xc021, "Link Control Protocol"},
                                   {0x8021, "Internet Protocol Control Protocol"}};

const FieldDef kFields[] = {
    {.handle = &hf.mpls,
     .abbrev = "mpls",
     .name = "MultiProtocol Label Switching Header",
     .shortName = "MPLS",
     .type = FieldType::Protocol,
     .explanation = "MPLS: routers forward the packet by a label instead of its IP address. "
                    "Labels stack; the last one has the Bottom of Stack bit set, and the packet "
                    "inside follows it."},
    {.handle = &hf.mplsLabel,
     .abbrev = "mpls.label",
     .name = "MPLS Label",
     .type = FieldType::UInt32,
     .base = Base::DecHex,
     .bitmask = 0xfffff000,
     .explanation = "The label that decides where the next router sends the packet.",
     .parentBits = 32},
    {.handle = &hf.mplsExp,
     .abbrev = "mpls.exp",
     .name = "MPLS Experimental Bits",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x00000e00,
     .explanation = "Traffic class (called EXP before RFC 5462): the packet's priority.",
     .parentBits = 32},
    {.handle = &hf.mplsBottom,
     .abbrev = "mpls.bottom",
     .name = "MPLS Bottom Of Label Stack",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x00000100,
     .explanation = "1: the last label; the packet inside follows.",
     .parentBits = 32},
    {.handle = &hf.mplsTtl,
     .abbrev = "mpls.ttl",
     .name = "MPLS TTL",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .bitmask = 0x000000ff,
     .explanation = "Hops left, as IP's TTL.",
     .parentBits = 32},
    {.handle = &hf.ppp,
     .abbrev = "ppp",
     .name = "Point-to-Point Protocol",
     .shortName = "PPP",
     .type = FieldType::Protocol,
     .explanation = "PPP frames packets on a point-to-point link (serial lines, DSL through "
                    "PPPoE, L2TP and PPTP tunnels); the protocol field says what is inside."},
    {.handle = &hf.pppAddress,
     .abbrev = "ppp.address",
     .name = "Address",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "HDLC address, always 0xff (all stations)."},
    {.handle = &hf.pppControl,
     .abbrev = "ppp.control",
     .name = "Control",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "HDLC control, always 0x03 (unnumbered information)."},
    {.handle = &hf.pppProtocol,
     .abbrev = "ppp.protocol",
     .name = "Protocol",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kPppProtocols,
     .explanation = "What the frame carries: 0x0021 IPv4, 0x0057 IPv6, 0x0281 MPLS, 0xc021 LCP."},
    {.handle = &hf.pppoes,
     .abbrev = "pppoes",
     .name = "PPP-over-Ethernet Session",
     .shortName = "PPPoES",
     .type = FieldType::Protocol,
     .explanation = "PPPoE carries a PPP session over Ethernet, as DSL and fibre access networks "
                    "do; the session ID names the subscriber's session."},
    {.handle = &hf.pppoeVersion,
     .abbrev = "pppoe.version",
     .name = "Version",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0xf0,
     .explanation = "PPPoE version, 1.",
     .parentBits = 8},
    {.handle = &hf.pppoeType,
     .abbrev = "pppoe.type",
     .name = "Type",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .bitmask = 0x0f,
     .explanation = "PPPoE type, 1.",
     .parentBits = 8},
    {.handle = &hf.pppoeCode,
     .abbrev = "pppoe.code",
     .name = "Code",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "0 in a session: PPP follows."},
    {.handle = &hf.pppoeSession,
     .abbrev = "pppoe.session_id",
     .name = "Session ID",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "The session, fixed during the discovery stage."},
    {.handle = &hf.pppoeLength,
     .abbrev = "pppoe.payload_length",
     .name = "Payload Length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "Length of the PPP frame that follows."},
    {.handle = &hf.chdlc,
     .abbrev = "chdlc",
     .name = "Cisco HDLC",
     .shortName = "CHDLC",
     .type = FieldType::Protocol,
     .explanation = "Cisco's HDLC framing on serial links: an address, a control byte and an "
                    "EtherType."},
    {.handle = &hf.chdlcAddress,
     .abbrev = "chdlc.address",
     .name = "Address",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "0x0f unicast, 0x8f broadcast."},
    {.handle = &hf.chdlcControl,
     .abbrev = "chdlc.control",
     .name = "Control",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Always 0."},
    {.handle = &hf.chdlcProtocol,
     .abbrev = "chdlc.protocol",
     .name = "Protocol",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "An EtherType: what the frame carries."},
    {.handle = &hf.etag,
     .abbrev = "etag",
     .name = "IEEE 802.1BR E-Tag",
     .shortName = "E-Tag",
     .type = FieldType::Protocol,
     .explanation = "An 802.1BR tag: which port of a port extender the frame came from or goes "
                    "to."},
    {.handle = &hf.etagPcp,
     .abbrev = "etag.pcp",
     .name = "E-PCP",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xe000,
     .explanation = "Priority.",
     .parentBits = 16},
    {.handle = &hf.etagDei,
     .abbrev = "etag.dei",
     .name = "E-DEI",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x1000,
     .explanation = "Drop eligible.",
     .parentBits = 16},
    {.handle = &hf.etagIecid,
     .abbrev = "etag.iecid_base",
     .name = "Ingress_E-CID_base",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .bitmask = 0x0fff,
     .explanation = "The port the frame came in on.",
     .parentBits = 16},
    {.handle = &hf.etagResv,
     .abbrev = "etag.resv",
     .name = "Reserved",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xc000,
     .explanation = "Reserved.",
     .parentBits = 16},
    {.handle = &hf.etagGroup,
     .abbrev = "etag.group",
     .name = "GRP",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x3000,
     .explanation = "Non-zero: the E-CID names a multicast group.",
     .parentBits = 16},
    {.handle = &hf.etagEcid,
     .abbrev = "etag.ecid_base",
     .name = "E-CID_base",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .bitmask = 0x0fff,
     .explanation = "The port (or group) the frame goes to.",
     .parentBits = 16},
    {.handle = &hf.etagIecidExt,
     .abbrev = "etag.iecid_ext",
     .name = "Ingress_E-CID_ext",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Extension of the ingress E-CID."},
    {.handle = &hf.etagEcidExt,
     .abbrev = "etag.ecid_ext",
     .name = "E-CID_ext",
     .type = FieldType::UInt8,
     .base = Base::Hex,
     .explanation = "Extension of the E-CID."},
    {.handle = &hf.etagEtype,
     .abbrev = "etag.etype",
     .name = "Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "EtherType of the payload after the tag."},
    {.handle = &hf.cfp,
     .abbrev = "cfp",
     .name = "Cisco FabricPath",
     .shortName = "CFP",
     .type = FieldType::Protocol,
     .explanation = "Cisco FabricPath: switches of a fabric forward the original Ethernet frame "
                    "inside an outer header whose addresses name switches, not hosts."},
    {.handle = &hf.cfpFtag,
     .abbrev = "cfp.ftag",
     .name = "FTAG",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xffc0,
     .explanation = "Forwarding tag: which distribution tree the frame follows.",
     .parentBits = 16},
    {.handle = &hf.cfpTtl,
     .abbrev = "cfp.ttl",
     .name = "TTL",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x003f,
     .explanation = "Hops left in the fabric.",
     .parentBits = 16},
};

// Label stack entries until the bottom one, then the packet inside by its first nibble
// (Wireshark's and tcpdump's guess: 4 IPv4, 6 IPv6).
uint32_t dissectMpls(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    uint32_t p = offset;
    int32_t node = -1;
    for (int guard = 0; guard < 64; ++guard) {
        ctx.setProtocol(hf.mpls);
        auto w = ctx.bytes.u32(p);
        node = ctx.add(-1, hf.mpls, p, std::min<uint32_t>(4, ctx.bytes.remaining(p)),
                       std::monostate{});
        if (!w) {
            noteTruncated(ctx, node, "_ws.truncated.mpls-label", 4, ctx.bytes.remaining(p));
            return length;
        }
        ctx.setShown(node, ctx.text([&] {
            return Shown::title("MultiProtocol Label Switching Header, Label: " + num(*w >> 12) +
                                ", Exp: " + num((*w >> 9) & 7) + ", S: " + num((*w >> 8) & 1) +
                                ", TTL: " + num(*w & 0xff));
        }));
        ctx.add(node, hf.mplsLabel, p, 4, uint64_t(*w >> 12), kNoShown, 0xfffff000);
        ctx.add(node, hf.mplsExp, p, 4, uint64_t((*w >> 9) & 7), kNoShown, 0x00000e00);
        ctx.add(node, hf.mplsBottom, p, 4, uint64_t((*w >> 8) & 1), kNoShown, 0x00000100);
        ctx.add(node, hf.mplsTtl, p, 4, uint64_t(*w & 0xff), kNoShown, 0x000000ff);
        p += 4;
        if ((*w >> 8) & 1) break;
    }
    // The capture ends with the labels, though the frame went on (the link layer's length is
    // what was captured, so the wire length says it).
    if (!ctx.bytes.has(p, 1) && ctx.frame && ctx.frame->originalLength > p) {
        noteTruncated(ctx, node, "_ws.truncated.mpls-payload", 1, 0);
        return length;
    }
    return inner((p - offset), dissectRawIp(ctx, p, rest(length, p - offset)));
}

uint32_t dispatchPppProtocol(DissectContext& ctx, uint16_t proto, uint32_t p, uint32_t length) {
    switch (proto) {
    case 0x0021:
        return dispatchEtherType(ctx, 0x0800, p, length, -1);
    case 0x0057:
        return dispatchEtherType(ctx, 0x86dd, p, length, -1);
    case 0x0281:
    case 0x0283:
        return dispatchEtherType(ctx, 0x8847, p, length, -1);
    default:
        return markUndecoded(ctx, Undecoded::EtherType, proto);
    }
}

uint32_t dissectPppLink(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectPppFrame(ctx, o, l);
}

// PPPoE session stage (ethertype 0x8864): 6 bytes, then the PPP protocol without framing.
uint32_t dissectPppoeSession(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    ctx.summary->tunnel = hf.pppoes;
    int32_t node = headerLayer(ctx, hf.pppoes, offset, 6, "_ws.truncated.pppoe-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t b0 = be(ctx, offset, 1), plen = be(ctx, offset + 4, 2);
    ctx.add(node, hf.pppoeVersion, offset, 1, b0 >> 4, kNoShown, 0xf0);
    ctx.add(node, hf.pppoeType, offset, 1, b0 & 0xf, kNoShown, 0x0f);
    ctx.add(node, hf.pppoeCode, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.pppoeSession, offset + 2, 2, be(ctx, offset + 2, 2));
    ctx.add(node, hf.pppoeLength, offset + 4, 2, plen);
    const uint32_t payload = std::min<uint32_t>(rest(length, 6), static_cast<uint32_t>(plen));
    return inner(6, dissectPppFrame(ctx, offset + 6, payload));
}

uint32_t dissectChdlc(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = headerLayer(ctx, hf.chdlc, offset, 4, "_ws.truncated.chdlc-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint16_t proto = static_cast<uint16_t>(be(ctx, offset + 2, 2));
    ctx.add(node, hf.chdlcAddress, offset, 1, be(ctx, offset, 1));
    ctx.add(node, hf.chdlcControl, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.chdlcProtocol, offset + 2, 2, uint64_t(proto));
    return inner(4, dispatchEtherType(ctx, proto, offset + 4, rest(length, 4), -1));
}

// IEEE 802.1BR E-Tag (ethertype 0x893f): 6 bytes of tag, then the payload's EtherType.
uint32_t dissectEtag(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    int32_t node = ctx.add(-1, hf.etag, offset, std::min<uint32_t>(8, have), std::monostate{});
    if (have < 8) {
        noteTruncated(ctx, node, "_ws.truncated.e-tag", 8, have);
        return have;
    }
    const uint64_t w0 = be(ctx, offset, 2), w1 = be(ctx, offset + 2, 2);
    ctx.add(node, hf.etagPcp, offset, 2, w0 >> 13, kNoShown, 0xe000);
    ctx.add(node, hf.etagDei, offset, 2, (w0 >> 12) & 1, kNoShown, 0x1000);
    ctx.add(node, hf.etagIecid, offset, 2, w0 & 0xfff, kNoShown, 0x0fff);
    ctx.add(node, hf.etagResv, offset + 2, 2, w1 >> 14, kNoShown, 0xc000);
    ctx.add(node, hf.etagGroup, offset + 2, 2, (w1 >> 12) & 3, kNoShown, 0x3000);
    ctx.add(node, hf.etagEcid, offset + 2, 2, w1 & 0xfff, kNoShown, 0x0fff);
    ctx.add(node, hf.etagIecidExt, offset + 4, 1, be(ctx, offset + 4, 1));
    ctx.add(node, hf.etagEcidExt, offset + 5, 1, be(ctx, offset + 5, 1));
    const uint16_t type = static_cast<uint16_t>(be(ctx, offset + 6, 2));
    ctx.add(node, hf.etagEtype, offset + 6, 2, uint64_t(type));
    return inner(8, dispatchEtherType(ctx, type, offset + 8, rest(length, 8), -1));
}

// Cisco FabricPath (ethertype 0x8903 after the outer addresses): FTag and TTL, then the
// original Ethernet frame.
uint32_t dissectFabricPath(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    ctx.summary->tunnel = hf.cfp;
    int32_t node = headerLayer(ctx, hf.cfp, offset, 2, "_ws.truncated.fabricpath-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const uint64_t w = be(ctx, offset, 2);
    ctx.add(node, hf.cfpFtag, offset, 2, w >> 6, kNoShown, 0xffc0);
    ctx.add(node, hf.cfpTtl, offset, 2, w & 0x3f, kNoShown, 0x003f);
    return inner(2, dispatchEtherType(ctx, 0x6558, offset + 2, rest(length, 2), -1));
}

} // namespace

uint32_t dissectPppFrame(DissectContext& ctx, uint32_t offset, uint32_t length) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.ppp);
    int32_t node = ctx.add(-1, hf.ppp, offset, std::min<uint32_t>(4, have), std::monostate{});
    uint32_t p = offset;
    if (be(ctx, p, 2) == 0xff03 && have >= 2) {
        ctx.add(node, hf.pppAddress, p, 1, uint64_t(0xff));
        ctx.add(node, hf.pppControl, p + 1, 1, uint64_t(0x03));
        p += 2;
    }
    auto first = ctx.bytes.u8(p);
    // A protocol number's first byte is even; an odd one is the compressed 1-byte form. A lone
    // 0xff is the start of the address and control bytes, cut short.
    const bool cutFraming = first && *first == 0xff && !ctx.bytes.has(p, 2);
    const uint32_t plen = first && (*first & 1) && !cutFraming ? 1 : 2;
    if (!ctx.bytes.has(p, plen)) {
        noteTruncated(ctx, node, "_ws.truncated.ppp-header", p - offset + plen, have);
        return have;
    }
    const uint16_t proto = static_cast<uint16_t>(be(ctx, p, static_cast<int>(plen)));
    ctx.add(node, hf.pppProtocol, p, plen, uint64_t(proto));
    p += plen;
    if (ctx.tree) ctx.tree->setLength(node, p - offset);
    return inner((p - offset), dispatchPppProtocol(ctx, proto, p, rest(length, p - offset)));
}

void registerEncapsulations() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance();
    t.etherType.add(0x8847, dissectMpls);
    t.etherType.add(0x8848, dissectMpls);
    t.etherType.add(0x8864, dissectPppoeSession);
    t.etherType.add(0x880b, dissectPppLink); // PPP inside GRE (PPTP)
    t.etherType.add(0x893f, dissectEtag);
    t.etherType.add(0x8903, dissectFabricPath);
    t.linkType.add(LinkType::Ppp, dissectPppLink);
    t.linkType.add(LinkType::PppHdlc, dissectPppLink);
    t.linkType.add(LinkType::PppEther, dissectPppoeSession);
    t.linkType.add(LinkType::CiscoHdlc, dissectChdlc);
}

} // namespace tcpscope::proto
