// SPDX-License-Identifier: GPL-2.0-or-later
#include "link_walk.h"

namespace tcpscope::proto {

namespace {

uint8_t etherTypeIpVersion(uint16_t etherType) {
    return etherType == 0x0800 ? 4 : etherType == 0x86dd ? 6 : 0;
}

// 802.1Q / 802.1ad tags (IEEE 802.1Q 9.5) sit between the MACs and the EtherType.
void walkEthernet(const ByteReader& r, LinkWalk& w) {
    size_t off = 12;
    auto type = r.u16(off);
    while (type && (*type == 0x8100 || *type == 0x88a8 || *type == 0x9100)) {
        ++w.vlanTags;
        off += 4;
        type = r.u16(off);
    }
    w.headerLength = static_cast<uint32_t>(off + 2);
    w.etherType = type.value_or(0);
}

} // namespace

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
