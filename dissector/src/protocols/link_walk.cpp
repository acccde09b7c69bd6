// SPDX-License-Identifier: GPL-2.0-or-later
#include "link_walk.h"

namespace tcpscope::proto {

namespace {

uint8_t etherTypeIpVersion(uint16_t etherType) {
    return etherType == 0x0800 ? 4 : etherType == 0x86dd ? 6 : 0;
}

// 802.1Q / 802.1ad tags (IEEE 802.1Q 9.5) sit between the MACs and the EtherType.
void walkEthernet(const ByteReader& r, LinkWalk& w, size_t start = 0) {
    size_t off = start + 12;
    auto type = r.u16(off);
    while (type && (*type == 0x8100 || *type == 0x88a8 || *type == 0x9100)) {
        ++w.vlanTags;
        off += 4;
        type = r.u16(off);
    }
    w.headerLength = static_cast<uint32_t>(off + 2);
    w.etherType = type.value_or(0);
}

// An 802.11 data frame's header and LLC/SNAP header; a frame of another kind, a protected
// (encrypted) one or one without SNAP leaves the ethertype 0.
void walkIeee80211(const ByteReader& r, size_t off, LinkWalk& w) {
    auto h = ieee80211Header(r, off);
    if (!h || h->type != 2 || (h->flags & 0x40) || (h->subtype & 0x4)) return;
    w.headerLength = static_cast<uint32_t>(off + h->length + 8);
    w.etherType = static_cast<uint16_t>(llcSnapEtherType(r, off + h->length));
}

} // namespace

std::optional<Ieee80211Header> ieee80211Header(const ByteReader& r, size_t off) {
    auto fc0 = r.u8(off), fc1 = r.u8(off + 1);
    if (!fc0 || !fc1) return std::nullopt;
    Ieee80211Header h;
    h.type = (*fc0 >> 2) & 3;
    h.subtype = *fc0 >> 4;
    h.flags = *fc1;
    if (h.type != 2) return h; // management or control: no LLC payload
    const bool toDs = h.flags & 1, fromDs = h.flags & 2;
    uint32_t len = 24 + (toDs && fromDs ? 6 : 0);
    if (h.subtype & 0x8) len += 2 + ((h.flags & 0x80) ? 4 : 0); // QoS control, HT control
    h.length = len;
    return h;
}

uint32_t llcSnapEtherType(const ByteReader& r, size_t off) {
    auto dsap = r.u8(off), ssap = r.u8(off + 1), ctl = r.u8(off + 2);
    auto oui = r.u16(off + 3), type = r.u16(off + 6);
    auto oui3 = r.u8(off + 5);
    if (!dsap || !ssap || !ctl || !oui || !oui3 || !type) return 0;
    if (*dsap != 0xaa || *ssap != 0xaa || *ctl != 3 || *oui != 0 || *oui3 != 0) return 0;
    return *type;
}

std::optional<uint32_t> nflogPayload(const ByteReader& r, size_t off, uint8_t& family) {
    auto fam = r.u8(off);
    if (!fam || !r.has(off, 4)) return std::nullopt;
    family = *fam;
    for (size_t p = off + 4; r.has(p, 4);) {
        const uint16_t len = *r.u16le(p), type = *r.u16le(p + 2) & 0x7fff;
        if (len < 4) return std::nullopt;
        if (type == 9) return static_cast<uint32_t>(p + 4);
        p += (len + 3u) & ~3u;
    }
    return std::nullopt;
}

LinkWalk walkLink(const Frame& frame) {
    ByteReader r(frame.data);
    LinkWalk w;
    w.known = true;
    switch (frame.linkType) {
    case LinkType::Ethernet:
        walkEthernet(r, w);
        break;
    case LinkType::LinuxSll:
        w.headerLength = 16;
        w.etherType = r.u16(14).value_or(0);
        break;
    case LinkType::LinuxSll2:
        w.headerLength = 20;
        w.etherType = r.u16(0).value_or(0);
        break;
    case LinkType::Null:
    case LinkType::Loop:
        w.headerLength = 4;
        w.family = loopbackFamily(r, 0, frame.linkType == LinkType::Loop).value_or(0);
        w.ipVersion = loopbackIpVersion(w.family, false);
        return w;
    case LinkType::Raw:
        if (auto v = r.u8(0)) w.ipVersion = (*v >> 4) == 4 ? 4 : (*v >> 4) == 6 ? 6 : 0;
        return w;
    case LinkType::Ipv4:
        w.ipVersion = 4;
        return w;
    case LinkType::Ipv6:
        w.ipVersion = 6;
        return w;
    case LinkType::Ppp:
    case LinkType::PppHdlc:
    case LinkType::CiscoHdlc:
        return w; // the encapsulation printer reads these headers itself
    case LinkType::Ieee80211:
        walkIeee80211(r, 0, w);
        break;
    case LinkType::Ppi: {
        auto len = r.u16le(2);
        auto dlt = r.u32le(4);
        if (!len || !dlt) return LinkWalk{};
        if (*dlt == LinkType::Ieee80211)
            walkIeee80211(r, *len, w);
        else if (*dlt == LinkType::Ethernet)
            walkEthernet(r, w, *len);
        else
            return LinkWalk{};
        break;
    }
    case LinkType::Ipoib:
        w.headerLength = 44;
        w.etherType = r.u16(40).value_or(0);
        break;
    case LinkType::Nflog: {
        uint8_t family = 0;
        auto payload = nflogPayload(r, 0, family);
        if (!payload) return LinkWalk{};
        w.headerLength = *payload;
        w.ipVersion = family == 2 ? 4 : family == 10 ? 6 : 0;
        return w;
    }
    default:
        return LinkWalk{};
    }
    w.ipVersion = etherTypeIpVersion(w.etherType);
    return w;
}

std::optional<uint32_t> loopbackFamily(const ByteReader& bytes, size_t offset, bool networkOrder) {
    if (networkOrder) return bytes.u32(offset);
    auto family = bytes.u32le(offset);
    if (family && *family > 0xffff) family = bytes.u32(offset);
    return family;
}

uint8_t loopbackIpVersion(uint32_t family, bool linuxInet6) {
    if (family == 2) return 4;
    if (family == 24 || family == 28 || family == 30 || (linuxInet6 && family == 10)) return 6;
    return 0;
}

} // namespace tcpscope::proto
