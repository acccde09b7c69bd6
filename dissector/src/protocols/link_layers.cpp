// SPDX-License-Identifier: GPL-2.0-or-later
// Link layers that carry IP: Ethernet II (+ 802.1Q VLAN), Linux cooked SLL and SLL2, BSD
// loopback NULL/LOOP, and raw IP (DLT_RAW, LINKTYPE_IPV4/IPV6).
#include "link_walk.h"
#include "protocols.h"
#include "tcpscope/field_format.h"

namespace tcpscope::proto {

namespace {

const ValueName kEtherTypes[] = {
    {0x0800, "IPv4"},
    {0x86dd, "IPv6"},
    {0x8100, "802.1Q Virtual LAN"},
    {0x88a8, "802.1ad Provider Bridge (Q-in-Q)"},
    {0x0806, "ARP"},
};
const ValueName kSllPacketTypes[] = {
    {0, "Unicast to us"},           {1, "Broadcast"},  {2, "Multicast"},
    {3, "Unicast to another host"}, {4, "Sent by us"},
};
const ValueName kNullFamilies[] = {{2, "IP"},
                                   {10, "IPv6 (Linux)"},
                                   {24, "IPv6 (NetBSD/OpenBSD)"},
                                   {28, "IPv6 (FreeBSD)"},
                                   {30, "IPv6 (Darwin)"}};

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct Link_layersFields {
    FieldId eth, ethDst, ethSrc, ethType, ethPadding, ethTrailer, vlan, vlanPrio, vlanDei, vlanId,
        vlanEtype, qinq, qinqPrio, qinqDei, qinqId, qinqEtype, sll, sllPkttype, sllHatype, sllHalen,
        sllSrc, sllUnused, sllEtype, sllIfindex, sllReserved, null, nullFamily, raw;
};
Link_layersFields hf;

const FieldDef kFields[] = {
    {.handle = &hf.eth,
     .abbrev = "eth",
     .name = "Ethernet II",
     .shortName = "Ethernet",
     .type = FieldType::Protocol,
     .explanation =
         "The Ethernet frame header: who sent the frame on this link, who should receive it, and "
         "which protocol the payload is (the EtherType)."},
    {.handle = &hf.ethDst,
     .abbrev = "eth.dst",
     .name = "Destination",
     .type = FieldType::Ether,
     .explanation = "MAC address of the next hop that should take the frame off the wire."},
    {.handle = &hf.ethSrc,
     .abbrev = "eth.src",
     .name = "Source",
     .type = FieldType::Ether,
     .explanation =
         "MAC address of the interface that put the frame on the wire (not the original sender of "
         "the IP packet if it was routed)."},
    {.handle = &hf.ethType,
     .abbrev = "eth.type",
     .name = "Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kEtherTypes,
     .explanation =
         "EtherType: which protocol the payload holds. 0x0800 is IPv4, 0x86DD IPv6, 0x8100 a VLAN "
         "tag."},
    {.handle = &hf.ethPadding,
     .abbrev = "eth.padding",
     .name = "Padding",
     .type = FieldType::Bytes,
     .explanation =
         "Bytes added after the IP packet to reach Ethernet's 60-byte minimum frame size. They are "
         "not part of the IP packet."},
    {.handle = &hf.ethTrailer,
     .abbrev = "eth.trailer",
     .name = "Trailer",
     .type = FieldType::Bytes,
     .explanation = "Bytes after the end of the IP packet that are not minimum-size padding."},
    {.handle = &hf.vlan,
     .abbrev = "vlan",
     .name = "802.1Q Virtual LAN",
     .type = FieldType::Protocol,
     .explanation = "An IEEE 802.1Q tag: puts the frame in a virtual LAN and gives it a priority."},
    {.handle = &hf.vlanPrio,
     .abbrev = "vlan.priority",
     .name = "Priority",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xe000,
     .explanation = "Priority Code Point (802.1p class of service, 0-7).",
     .parentBits = 16},
    {.handle = &hf.vlanDei,
     .abbrev = "vlan.dei",
     .name = "DEI",
     .type = FieldType::Bool,
     .bitmask = 0x1000,
     .explanation = "Drop Eligible Indicator: this frame may be dropped first under congestion.",
     .parentBits = 16},
    {.handle = &hf.vlanId,
     .abbrev = "vlan.id",
     .name = "ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0fff,
     .explanation = "VLAN identifier (1-4094).",
     .parentBits = 16},
    {.handle = &hf.vlanEtype,
     .abbrev = "vlan.etype",
     .name = "Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kEtherTypes,
     .explanation = "EtherType of the payload after the tag."},
    {.handle = &hf.qinq,
     .abbrev = "ieee8021ad",
     .name = "IEEE 802.1ad",
     .type = FieldType::Protocol,
     .explanation = "An 802.1ad service tag (S-tag): a provider's VLAN around the customer's "
                    "802.1Q tags (Q-in-Q)."},
    {.handle = &hf.qinqPrio,
     .abbrev = "ieee8021ad.priority",
     .name = "Priority",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0xe000,
     .explanation = "Priority Code Point of the service tag.",
     .parentBits = 16},
    {.handle = &hf.qinqDei,
     .abbrev = "ieee8021ad.dei",
     .name = "DEI",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x1000,
     .explanation = "Drop Eligible Indicator.",
     .parentBits = 16},
    {.handle = &hf.qinqId,
     .abbrev = "ieee8021ad.id",
     .name = "ID",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .bitmask = 0x0fff,
     .explanation = "The provider's VLAN identifier (S-VID).",
     .parentBits = 16},
    {.handle = &hf.qinqEtype,
     .abbrev = "ieee8021ah.etype",
     .name = "Type",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kEtherTypes,
     .explanation = "EtherType after the service tag (usually 0x8100, the customer's tag)."},
    {.handle = &hf.sll,
     .abbrev = "sll",
     .name = "Linux cooked capture",
     .shortName = "SLL",
     .type = FieldType::Protocol,
     .explanation =
         "Pseudo link header written by Linux when capturing on 'any' or on interfaces without an "
         "Ethernet header: the packet direction, the link address and the protocol."},
    {.handle = &hf.sllPkttype,
     .abbrev = "sll.pkttype",
     .name = "Packet type",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .values = kSllPacketTypes,
     .explanation =
         "Direction of the packet as the kernel saw it: sent by us, unicast to us, broadcast..."},
    {.handle = &hf.sllHatype,
     .abbrev = "sll.hatype",
     .name = "Link-layer address type",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "ARPHRD_ type of the interface (1 Ethernet, 772 loopback)."},
    {.handle = &hf.sllHalen,
     .abbrev = "sll.halen",
     .name = "Link-layer address length",
     .type = FieldType::UInt16,
     .base = Base::Dec,
     .explanation = "How many bytes of the address field are meaningful."},
    {.handle = &hf.sllSrc,
     .abbrev = "sll.src.eth",
     .name = "Source",
     .type = FieldType::Ether,
     .explanation = "Link-layer (MAC) address of the sender."},
    {.handle = &hf.sllUnused,
     .abbrev = "sll.unused",
     .name = "Unused",
     .type = FieldType::Bytes,
     .explanation = "Unused address bytes."},
    {.handle = &hf.sllEtype,
     .abbrev = "sll.etype",
     .name = "Protocol",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .values = kEtherTypes,
     .explanation = "EtherType of the payload."},
    {.handle = &hf.sllIfindex,
     .abbrev = "sll.ifindex",
     .name = "Interface index",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Index of the interface the packet was captured on (SLL2 only)."},
    {.handle = &hf.sllReserved,
     .abbrev = "sll.reserved",
     .name = "Reserved",
     .type = FieldType::UInt16,
     .base = Base::Hex,
     .explanation = "Reserved, zero."},
    {.handle = &hf.null,
     .abbrev = "null",
     .name = "Null/Loopback",
     .shortName = "Null",
     .type = FieldType::Protocol,
     .explanation =
         "BSD loopback header: a 4-byte address family saying whether IPv4 or IPv6 follows."},
    {.handle = &hf.nullFamily,
     .abbrev = "null.family",
     .name = "Family",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .values = kNullFamilies,
     .explanation =
         "Address family of the payload (AF_INET = 2; AF_INET6 differs by OS: 10, 24, 28 or 30)."},
    {.handle = &hf.raw,
     .abbrev = "raw",
     .name = "Raw packet data",
     .shortName = "Raw",
     .type = FieldType::Protocol,
     .explanation = "No link-layer header: the capture starts at the IP header."},
};

uint32_t dissectEthernet(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    int32_t eth = -1;
    ctx.setProtocol(hf.eth);
    if (ctx.tree) {
        auto dst = ctx.bytes.bytes(offset, 6), src = ctx.bytes.bytes(offset + 6, 6);
        eth = ctx.add(-1, hf.eth, offset, std::min<uint32_t>(14, have), std::monostate{},
                      ctx.text([&] {
                          return Shown::title("Ethernet II, Src: " + etherToString(src) +
                                              ", Dst: " + etherToString(dst));
                      }));
        if (dst.size() == 6 && ctx.wants(hf.ethDst)) ctx.add(eth, hf.ethDst, offset, 6, dst);
        if (src.size() == 6 && ctx.wants(hf.ethSrc)) ctx.add(eth, hf.ethSrc, offset + 6, 6, src);
    }
    auto type = ctx.bytes.u16(offset + 12);
    if (!type) {
        if (eth < 0 && ctx.tree) eth = ctx.add(-1, hf.eth, offset, have, std::monostate{});
        noteTruncated(ctx, eth, "_ws.truncated.ethernet-header", 14, have);
        return have;
    }
    ctx.add(eth, hf.ethType, offset + 12, 2, uint64_t(*type));
    uint32_t used = dispatchEtherType(ctx, *type, offset + 14, length - 14, -1);
    // Whatever the payload protocol did not claim is padding (short frames) or a trailer.
    if (used > 0 && 14 + used < have && ctx.wants(have <= 60 ? hf.ethPadding : hf.ethTrailer)) {
        auto rest = ctx.bytes.bytes(offset + 14 + used, have - 14 - used);
        bool padding = have <= 60;
        ctx.add(eth, padding ? hf.ethPadding : hf.ethTrailer, offset + 14 + used,
                static_cast<uint32_t>(rest.size()), rest);
    }
    return length;
}

uint32_t dissectVlanTag(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent,
                        bool serviceTag) {
    int32_t node = ctx.add(-1, serviceTag ? hf.qinq : hf.vlan, offset,
                           std::min<uint32_t>(4, ctx.bytes.remaining(offset)), std::monostate{});
    auto tci = ctx.bytes.u16(offset);
    auto type = ctx.bytes.u16(offset + 2);
    if (!tci || !type) {
        noteTruncated(ctx, node,
                      serviceTag ? "_ws.truncated.8021ad-tag" : "_ws.truncated.8021q-tag", 4,
                      static_cast<uint32_t>(ctx.bytes.remaining(offset)));
        return length;
    }
    if (ctx.summary->vlanCount < 255) ++ctx.summary->vlanCount;
    if (ctx.tree) {
        const std::string pri = num(*tci >> 13), dei = num((*tci >> 12) & 1),
                          id = num(*tci & 0xfff);
        ctx.setShown(node, ctx.text([&] {
            return Shown::title(serviceTag ? "IEEE 802.1ad, ID: " + id
                                           : "802.1Q Virtual LAN, PRI: " + pri + ", DEI: " + dei +
                                                 ", ID: " + id);
        }));
        ctx.add(node, serviceTag ? hf.qinqPrio : hf.vlanPrio, offset, 2, uint64_t(*tci >> 13),
                kNoShown, 0xe000);
        ctx.add(node, serviceTag ? hf.qinqDei : hf.vlanDei, offset, 2, uint64_t((*tci >> 12) & 1),
                kNoShown, 0x1000);
        ctx.add(node, serviceTag ? hf.qinqId : hf.vlanId, offset, 2, uint64_t(*tci & 0xfff),
                kNoShown, 0x0fff);
        ctx.add(node, serviceTag ? hf.qinqEtype : hf.vlanEtype, offset + 2, 2, uint64_t(*type));
    }
    if (length < 4) return length;
    return 4 + dispatchEtherType(ctx, *type, offset + 4, length - 4, parent);
}

uint32_t dissectVlan(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    return dissectVlanTag(ctx, offset, length, parent, false);
}
uint32_t dissectQinq(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t parent) {
    return dissectVlanTag(ctx, offset, length, parent, true);
}

// SLL (LINKTYPE_LINUX_SLL, 16 bytes) and SLL2 (LINKTYPE_LINUX_SLL2, 20 bytes).
uint32_t dissectSllCommon(DissectContext& ctx, uint32_t offset, uint32_t length, bool v2) {
    uint32_t hdr = v2 ? 20 : 16;
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.sll);
    int32_t node = ctx.add(-1, hf.sll, offset, std::min(hdr, have), std::monostate{}, ctx.text([&] {
        return Shown::title(v2 ? "Linux cooked capture v2" : "Linux cooked capture v1");
    }));
    if (have < hdr) {
        noteTruncated(ctx, node, v2 ? "_ws.truncated.sll2-header" : "_ws.truncated.sll-header", hdr,
                      have);
        return have;
    }
    uint16_t proto, pkttype, hatype, halen;
    uint32_t addrOff;
    if (v2) {
        proto = *ctx.bytes.u16(offset);
        hatype = *ctx.bytes.u16(offset + 8);
        pkttype = *ctx.bytes.u8(offset + 10);
        halen = *ctx.bytes.u8(offset + 11);
        addrOff = offset + 12;
        ctx.add(node, hf.sllEtype, offset, 2, uint64_t(proto));
        ctx.add(node, hf.sllReserved, offset + 2, 2, uint64_t(*ctx.bytes.u16(offset + 2)));
        ctx.add(node, hf.sllIfindex, offset + 4, 4, uint64_t(*ctx.bytes.u32(offset + 4)));
        ctx.add(node, hf.sllHatype, offset + 8, 2, uint64_t(hatype));
        ctx.add(node, hf.sllPkttype, offset + 10, 1, uint64_t(pkttype));
        ctx.add(node, hf.sllHalen, offset + 11, 1, uint64_t(halen));
    } else {
        pkttype = *ctx.bytes.u16(offset);
        hatype = *ctx.bytes.u16(offset + 2);
        halen = *ctx.bytes.u16(offset + 4);
        proto = *ctx.bytes.u16(offset + 14);
        addrOff = offset + 6;
        ctx.add(node, hf.sllPkttype, offset, 2, uint64_t(pkttype));
        ctx.add(node, hf.sllHatype, offset + 2, 2, uint64_t(hatype));
        ctx.add(node, hf.sllHalen, offset + 4, 2, uint64_t(halen));
    }
    if (halen == 6) {
        auto a = ctx.bytes.bytes(addrOff, 6);
        ctx.add(node, hf.sllSrc, addrOff, 6, a);
        auto u = ctx.bytes.bytes(addrOff + 6, 2);
        ctx.add(node, hf.sllUnused, addrOff + 6, 2, u);
    }
    if (!v2) ctx.add(node, hf.sllEtype, offset + 14, 2, uint64_t(proto));
    dispatchEtherType(ctx, proto, offset + hdr, length - hdr, -1);
    return length;
}

uint32_t dissectSll(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectSllCommon(ctx, o, l, false);
}
uint32_t dissectSll2(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectSllCommon(ctx, o, l, true);
}

uint32_t dissectNullCommon(DissectContext& ctx, uint32_t offset, uint32_t length, bool network) {
    uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.null);
    int32_t node = ctx.add(-1, hf.null, offset, std::min<uint32_t>(4, have), std::monostate{});
    if (have < 4) {
        noteTruncated(ctx, node, "_ws.truncated.loopback-header", 4, have);
        return have;
    }
    uint32_t fam = *loopbackFamily(ctx.bytes, offset, network);
    ctx.add(node, hf.nullFamily, offset, 4, uint64_t(fam));
    const uint8_t version = loopbackIpVersion(fam, true);
    uint16_t etype = version == 4 ? 0x0800 : version == 6 ? 0x86dd : 0;
    if (etype)
        dispatchEtherType(ctx, etype, offset + 4, length - 4, -1);
    else
        ctx.note(node, Severity::Warning, "null.family_unknown",
                 noteText("null.family_unknown", {{"family", num(fam)}}));
    return length;
}

uint32_t dissectNull(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectNullCommon(ctx, o, l, false);
}
uint32_t dissectLoop(DissectContext& ctx, uint32_t o, uint32_t l, int32_t) {
    return dissectNullCommon(ctx, o, l, true);
}

uint32_t dissectRaw(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    auto first = ctx.bytes.u8(offset);
    if (!first) return 0;
    uint16_t etype = (*first >> 4) == 6 ? 0x86dd : 0x0800;
    ctx.setProtocol(hf.raw);
    return dispatchEtherType(ctx, etype, offset, length, -1);
}

} // namespace

void registerLinkLayers() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance();
    t.linkType.add(LinkType::Ethernet, dissectEthernet);
    t.linkType.add(LinkType::Raw, dissectRaw);
    t.linkType.add(LinkType::Ipv4, dissectRaw);
    t.linkType.add(LinkType::Ipv6, dissectRaw);
    t.linkType.add(LinkType::LinuxSll, dissectSll);
    t.linkType.add(LinkType::LinuxSll2, dissectSll2);
    t.linkType.add(LinkType::Null, dissectNull);
    t.linkType.add(LinkType::Loop, dissectLoop);
    t.etherType.add(0x8100, dissectVlan);
    t.etherType.add(0x88a8, dissectQinq);
    t.etherType.add(0x9100, dissectVlan);
    t.etherType.add(0x6558, dissectEthernet); // Ethernet inside GRE, Geneve, VXLAN, ERSPAN
}

} // namespace tcpscope::proto
