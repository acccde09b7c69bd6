// SPDX-License-Identifier: GPL-2.0-or-later
// Link types of wireless captures and of capture hosts: IEEE 802.11 data frames (LINKTYPE
// IEEE802_11, 105) with their LLC/SNAP header, PPI (192) in front of 802.11 or Ethernet, and
// Linux NFLOG (239), the packets a netfilter rule logged, and IP over InfiniBand (242). Frames of
// other 802.11 kinds (management, control, null data) and protected (encrypted) data frames are
// shown as such.
#include "link_walk.h"
#include "protocols.h"

namespace tcpscope::proto {

namespace {

struct CaptureHostFields {
    FieldId wlan, wlanTypeSubtype, wlanDs, wlanProtected, wlanDuration, wlanRa, wlanTa, wlanDa,
        wlanSa, wlanBssid, wlanFrag, wlanSeq, wlanQosTid, llc, llcDsap, llcSsap, llcControl, llcOui,
        llcType, ppi, ppiVersion, ppiFlags, ppiLength, ppiDlt, nflog, nflogFamily, nflogVersion,
        nflogResId, nflogTlvLength, nflogTlvType, nflogProtocol, ipoib, ipoibQpn, ipoibType,
        ipoibReserved;
};
CaptureHostFields hf;

const ValueName kFamilies[] = {{2, "IPv4"}, {10, "IPv6"}};

FieldDef ether(FieldId* h, std::string_view abbrev, std::string_view name,
               std::string_view explanation) {
    return {.handle = h,
            .abbrev = abbrev,
            .name = name,
            .type = FieldType::Ether,
            .explanation = explanation};
}

FieldDef number(FieldId* h, std::string_view abbrev, std::string_view name, FieldType type,
                Base base, std::string_view explanation) {
    return {.handle = h,
            .abbrev = abbrev,
            .name = name,
            .type = type,
            .base = base,
            .explanation = explanation};
}

const FieldDef kFields[] = {
    {.handle = &hf.wlan,
     .abbrev = "wlan",
     .name = "IEEE 802.11 wireless LAN",
     .shortName = "802.11",
     .type = FieldType::Protocol,
     .explanation = "A Wi-Fi frame. Its addresses name the stations and the access point; a data "
                    "frame carries an LLC/SNAP header and then the IP packet."},
    number(&hf.wlanTypeSubtype, "wlan.fc.type_subtype", "Type/Subtype", FieldType::UInt16,
           Base::Hex,
           "Kind of frame: 0x0020 data, 0x0028 QoS data; 0x00xx management, 0x001x "
           "control."),
    number(&hf.wlanDs, "wlan.fc.ds", "DS status", FieldType::UInt8, Base::Hex,
           "To DS / From DS: whether the frame goes to (0x01) or comes from (0x02) the "
           "distribution system behind the access point."),
    {.handle = &hf.wlanProtected,
     .abbrev = "wlan.fc.protected",
     .name = "Protected flag",
     .type = FieldType::Bool,
     .bitmask = 0x40,
     .explanation = "The body is encrypted (WEP, WPA): the packet inside cannot be read without "
                    "the keys.",
     .parentBits = 8},
    number(&hf.wlanDuration, "wlan.duration", "Duration", FieldType::UInt16, Base::Dec,
           "Microseconds the medium stays reserved for this exchange."),
    ether(&hf.wlanRa, "wlan.ra", "Receiver address", "The station that receives the frame."),
    ether(&hf.wlanTa, "wlan.ta", "Transmitter address", "The station that sent the frame."),
    ether(&hf.wlanDa, "wlan.da", "Destination address", "The frame's final destination."),
    ether(&hf.wlanSa, "wlan.sa", "Source address", "The frame's original sender."),
    ether(&hf.wlanBssid, "wlan.bssid", "BSS Id", "The access point's address."),
    number(&hf.wlanFrag, "wlan.frag", "Fragment number", FieldType::UInt16, Base::Dec,
           "Which fragment of the frame this is."),
    number(&hf.wlanSeq, "wlan.seq", "Sequence number", FieldType::UInt16, Base::Dec,
           "The transmitter's frame counter (12 bits)."),
    number(&hf.wlanQosTid, "wlan.qos.tid", "TID", FieldType::UInt16, Base::Dec,
           "QoS traffic identifier (priority)."),
    {.handle = &hf.llc,
     .abbrev = "llc",
     .name = "Logical-Link Control",
     .shortName = "LLC",
     .type = FieldType::Protocol,
     .explanation = "LLC with a SNAP header: how 802.11 says which protocol (an EtherType) the "
                    "payload is."},
    number(&hf.llcDsap, "llc.dsap", "DSAP", FieldType::UInt8, Base::Hex, "0xAA: SNAP follows."),
    number(&hf.llcSsap, "llc.ssap", "SSAP", FieldType::UInt8, Base::Hex, "0xAA: SNAP follows."),
    number(&hf.llcControl, "llc.control", "Control field", FieldType::UInt16, Base::Hex,
           "0x03: unnumbered information."),
    number(&hf.llcOui, "llc.oui", "Organization Code", FieldType::UInt24, Base::Dec,
           "0: the protocol ID is an EtherType."),
    number(&hf.llcType, "llc.type", "Type", FieldType::UInt16, Base::Hex,
           "EtherType of the payload (0x0800 IPv4)."),
    {.handle = &hf.ppi,
     .abbrev = "ppi",
     .name = "PPI version 0",
     .shortName = "PPI",
     .type = FieldType::Protocol,
     .explanation = "Per-Packet Information: a capture tool's header with radio details, in "
                    "front of the 802.11 (or Ethernet) frame."},
    number(&hf.ppiVersion, "ppi.version", "Version", FieldType::UInt8, Base::Dec, "Version 0."),
    number(&hf.ppiFlags, "ppi.flags", "Flags", FieldType::UInt8, Base::Hex, "Alignment flags."),
    number(&hf.ppiLength, "ppi.length", "Header length", FieldType::UInt16, Base::Dec,
           "Bytes of PPI header before the frame."),
    number(&hf.ppiDlt, "ppi.dlt", "DLT", FieldType::UInt32, Base::Dec,
           "Link type of the frame that follows (105: 802.11)."),
    {.handle = &hf.nflog,
     .abbrev = "nflog",
     .name = "Linux Netfilter NFLOG",
     .shortName = "NFLOG",
     .type = FieldType::Protocol,
     .explanation = "A packet a Linux firewall rule logged (iptables -j NFLOG): attributes, then "
                    "the IP packet without a link header."},
    {.handle = &hf.nflogFamily,
     .abbrev = "nflog.family",
     .name = "Family",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .values = kFamilies,
     .explanation = "Address family of the packet: 2 IPv4, 10 IPv6."},
    number(&hf.nflogVersion, "nflog.version", "Version", FieldType::UInt8, Base::Dec, "Version 0."),
    number(&hf.nflogResId, "nflog.res_id", "Resource ID", FieldType::UInt16, Base::Dec,
           "The NFLOG group."),
    number(&hf.nflogTlvLength, "nflog.tlv_length", "Length", FieldType::UInt16, Base::Dec,
           "Length of an attribute."),
    number(&hf.nflogTlvType, "nflog.tlv_type", "Type", FieldType::UInt16, Base::Dec,
           "Kind of attribute (1 packet header, 9 the packet)."),
    number(&hf.nflogProtocol, "nflog.protocol", "HW protocol", FieldType::UInt16, Base::Hex,
           "EtherType of the logged packet."),
    {.handle = &hf.ipoib,
     .abbrev = "ipoib",
     .name = "IP over Infiniband",
     .shortName = "IPoIB",
     .type = FieldType::Protocol,
     .explanation = "IP over InfiniBand (RFC 4391) as Linux captures it: a 44-byte pseudo "
                    "header with the destination's queue pair and GID, then an EtherType."},
    number(&hf.ipoibQpn, "ipoib.daddr.qpn", "Destination QPN", FieldType::UInt24, Base::Hex,
           "The destination's queue pair number."),
    number(&hf.ipoibType, "ipoib.type", "Type", FieldType::UInt16, Base::Hex,
           "EtherType of the payload (0x0800 IPv4)."),
    number(&hf.ipoibReserved, "ipoib.reserved", "Reserved", FieldType::UInt16, Base::Hex,
           "Reserved."),
};

uint32_t dissectLlc(DissectContext& ctx, uint32_t offset, uint32_t length) {
    bool ok = false;
    int32_t node = headerLayer(ctx, hf.llc, offset, 8, "_ws.truncated.llc-snap-header", ok);
    if (!ok) return 0;
    ctx.add(node, hf.llcDsap, offset, 1, be(ctx, offset, 1));
    ctx.add(node, hf.llcSsap, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.llcControl, offset + 2, 1, be(ctx, offset + 2, 1));
    const uint32_t type = llcSnapEtherType(ctx.bytes, offset);
    if (type == 0) {
        ctx.note(node, Severity::Note, "llc.not_snap", noteText("llc.not_snap"));
        return markUndecoded(ctx, Undecoded::EtherType, 0);
    }
    ctx.add(node, hf.llcOui, offset + 3, 3, uint64_t(0));
    ctx.add(node, hf.llcType, offset + 6, 2, uint64_t(type));
    return inner(
        8, dispatchEtherType(ctx, static_cast<uint16_t>(type), offset + 8, rest(length, 8), -1));
}

void ieee80211Addresses(DissectContext& ctx, int32_t node, uint32_t offset, uint8_t flags) {
    const bool toDs = flags & 1, fromDs = flags & 2;
    auto a = [&](int i) { return ctx.bytes.bytes(offset + 4 + 6 * i, 6); };
    auto put = [&](FieldId f, int i) { ctx.add(node, f, offset + 4 + 6 * i, 6, a(i)); };
    put(hf.wlanRa, 0);
    put(hf.wlanTa, 1);
    if (!toDs && !fromDs) put(hf.wlanDa, 0), put(hf.wlanSa, 1), put(hf.wlanBssid, 2);
    if (toDs && !fromDs) put(hf.wlanBssid, 0), put(hf.wlanSa, 1), put(hf.wlanDa, 2);
    if (!toDs && fromDs) put(hf.wlanDa, 0), put(hf.wlanBssid, 1), put(hf.wlanSa, 2);
    if (toDs && fromDs) {
        put(hf.wlanDa, 2);
        ctx.add(node, hf.wlanSa, offset + 24, 6, ctx.bytes.bytes(offset + 24, 6));
    }
}

uint32_t dissect80211At(DissectContext& ctx, uint32_t offset, uint32_t length) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.wlan);
    int32_t node = ctx.add(-1, hf.wlan, offset, std::min<uint32_t>(24, have), std::monostate{});
    auto h = ieee80211Header(ctx.bytes, offset);
    if (!h || have < 24) {
        noteTruncated(ctx, node, "_ws.truncated.80211-header", 24, have);
        return have;
    }
    ctx.add(node, hf.wlanTypeSubtype, offset, 1, uint64_t(h->type << 4 | h->subtype));
    ctx.add(node, hf.wlanDs, offset + 1, 1, uint64_t(h->flags & 3));
    ctx.add(node, hf.wlanProtected, offset + 1, 1, uint64_t((h->flags >> 6) & 1), kNoShown, 0x40);
    ctx.add(node, hf.wlanDuration, offset + 2, 2, uint64_t(*ctx.bytes.u16le(offset + 2) & 0x7fff));
    if (h->type != 2) {
        ctx.note(node, Severity::Note, "wlan.not_data",
                 noteText(h->type == 0 ? "wlan.not_data.management" : "wlan.not_data.control"));
        return length;
    }
    ieee80211Addresses(ctx, node, offset, h->flags);
    const uint16_t sc = *ctx.bytes.u16le(offset + 22);
    ctx.add(node, hf.wlanFrag, offset + 22, 2, uint64_t(sc & 0xf));
    ctx.add(node, hf.wlanSeq, offset + 22, 2, uint64_t(sc >> 4));
    if (!ctx.bytes.has(offset, h->length)) {
        noteTruncated(ctx, node, "_ws.truncated.80211-header", h->length, have);
        return length;
    }
    if (h->subtype & 0x8) {
        const uint32_t q = offset + 24 + ((h->flags & 3) == 3 ? 6 : 0);
        ctx.add(node, hf.wlanQosTid, q, 2, uint64_t(*ctx.bytes.u16le(q) & 0xf));
    }
    if (ctx.tree) ctx.tree->setLength(node, h->length);
    if (h->flags & 0x40) {
        ctx.note(node, Severity::Note, "wlan.protected", noteText("wlan.protected"));
        markUndecoded(ctx, Undecoded::LinkType, LinkType::Ieee80211);
        return length;
    }
    if (h->subtype & 0x4) return length; // null data: no body
    return inner(h->length, dissectLlc(ctx, offset + h->length, rest(length, h->length)));
}

uint32_t dissect80211(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    return dissect80211At(ctx, offset, length);
}

uint32_t dissectPpi(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    bool ok = false;
    int32_t node = headerLayer(ctx, hf.ppi, offset, 8, "_ws.truncated.ppi-header", ok);
    if (!ok) return have;
    const uint32_t len = *ctx.bytes.u16le(offset + 2), dlt = *ctx.bytes.u32le(offset + 4);
    ctx.add(node, hf.ppiVersion, offset, 1, be(ctx, offset, 1));
    ctx.add(node, hf.ppiFlags, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.ppiLength, offset + 2, 2, uint64_t(len));
    ctx.add(node, hf.ppiDlt, offset + 4, 4, uint64_t(dlt));
    if (len < 8 || !ctx.bytes.has(offset, len)) {
        noteTruncated(ctx, node, "_ws.truncated.ppi-header", std::max<uint32_t>(len, 8), have);
        return length;
    }
    if (ctx.tree) ctx.tree->setLength(node, len);
    if (dlt == LinkType::Ppi) return length; // no PPI inside PPI
    if (DissectFn fn = DissectorTables::instance().linkType.find(dlt))
        return inner(len, fn(ctx, offset + len, rest(length, len), -1));
    markUndecoded(ctx, Undecoded::LinkType, dlt);
    return length;
}

// NFLOG's attributes (type-length-value, host byte order, padded to 4 bytes) after the 4-byte
// header at `start`; the packet header's protocol and the payload are read, the others shown by
// type and length. `node` is -1 when the tree keeps other fields only (`fields -e`).
uint32_t nflogAttributes(DissectContext& ctx, int32_t node, uint32_t start, uint32_t end,
                         uint8_t family) {
    uint32_t p = start + 4;
    for (int guard = 0; guard < 64 && p + 4 <= end && ctx.bytes.has(p, 4); ++guard) {
        const uint16_t len = *ctx.bytes.u16le(p), type = *ctx.bytes.u16le(p + 2) & 0x7fff;
        ctx.add(node, hf.nflogTlvLength, p, 2, uint64_t(len));
        ctx.add(node, hf.nflogTlvType, p + 2, 2, uint64_t(type));
        if (len < 4) {
            ctx.note(node, Severity::Error, "nflog.tlv_length.bad",
                     noteText("nflog.tlv_length.bad", {{"length", num(len)}}));
            return end;
        }
        if (type == 1 && len >= 8) ctx.add(node, hf.nflogProtocol, p + 4, 2, be(ctx, p + 4, 2));
        if (type == 9) {
            if (ctx.tree) ctx.tree->setLength(node, p + 4 - start);
            const uint32_t payload = std::min<uint32_t>(len - 4u, rest(end, p + 4));
            const uint16_t etype = family == 2 ? 0x0800 : family == 10 ? 0x86dd : 0;
            return etype ? inner(p + 4, dispatchEtherType(ctx, etype, p + 4, payload, -1)) : 0;
        }
        p += (len + 3u) & ~3u;
    }
    // The capture ends before the packet attribute, though the frame went on.
    if (!ctx.bytes.has(p, 4) && ctx.frame && ctx.frame->originalLength > p)
        noteTruncated(ctx, node, "_ws.truncated.nflog-attribute-header", 4,
                      static_cast<uint32_t>(ctx.bytes.remaining(p)));
    return 0;
}

uint32_t dissectNflog(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    const uint32_t have = static_cast<uint32_t>(ctx.bytes.remaining(offset));
    ctx.setProtocol(hf.nflog);
    int32_t node = ctx.add(-1, hf.nflog, offset, have, std::monostate{});
    if (have < 4) {
        noteTruncated(ctx, node, "_ws.truncated.nflog-header", 4, have);
        return have;
    }
    const auto family = static_cast<uint8_t>(be(ctx, offset, 1));
    ctx.add(node, hf.nflogFamily, offset, 1, uint64_t(family));
    ctx.add(node, hf.nflogVersion, offset + 1, 1, be(ctx, offset + 1, 1));
    ctx.add(node, hf.nflogResId, offset + 2, 2, be(ctx, offset + 2, 2));
    if (nflogAttributes(ctx, node, offset, offset + length, family) == 0)
        ctx.note(node, Severity::Note, "nflog.no_payload", noteText("nflog.no_payload"));
    return length;
}

// LINKTYPE_IPOIB: 40 bytes of addressing (20 bytes, then the destination's flags, queue pair
// and GID), then the EtherType and 2 reserved bytes.
uint32_t dissectIpoib(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    bool ok = false;
    int32_t node = headerLayer(ctx, hf.ipoib, offset, 44, "_ws.truncated.ipoib-header", ok);
    if (!ok) return static_cast<uint32_t>(ctx.bytes.remaining(offset));
    const auto type = static_cast<uint16_t>(be(ctx, offset + 40, 2));
    // A QPN of 0xffffff is the multicast one: Wireshark then reads the 40 bytes as a global
    // route header and shows no destination QPN (tcpdump's ipoib.pcap, its ARP frames).
    const uint64_t qpn = be(ctx, offset + 21, 3);
    if (qpn != 0xffffff) ctx.add(node, hf.ipoibQpn, offset + 21, 3, qpn);
    ctx.add(node, hf.ipoibType, offset + 40, 2, uint64_t(type));
    ctx.add(node, hf.ipoibReserved, offset + 42, 2, be(ctx, offset + 42, 2));
    return inner(44, dispatchEtherType(ctx, type, offset + 44, rest(length, 44), -1));
}

} // namespace

void registerCaptureHostLinks() {
    FieldRegistry::instance().add(kFields);
    auto& t = DissectorTables::instance();
    t.linkType.add(LinkType::Ieee80211, dissect80211);
    t.linkType.add(LinkType::Ppi, dissectPpi);
    t.linkType.add(LinkType::Nflog, dissectNflog);
    t.linkType.add(LinkType::Ipoib, dissectIpoib);
}

} // namespace tcpscope::proto
