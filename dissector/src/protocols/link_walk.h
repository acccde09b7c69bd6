// SPDX-License-Identifier: GPL-2.0-or-later
// The link header walked in one go: where the network layer starts and which IP version the
// link says follows. The tcpdump-style printer reads every frame through walkLink(); the
// link-layer dissectors (link_layers.cpp) place their fields layer by layer through the
// dissector tables, and share the BSD loopback family's reading below. Internal to the core.
#pragma once

#include "tcpscope/byte_reader.h"
#include "tcpscope/frame.h"

#include <cstdint>
#include <optional>

namespace tcpscope::proto {

struct LinkWalk {
    bool known = false;        // a link type this walk understands
    uint32_t headerLength = 0; // where the network layer starts (VLAN tags included)
    uint16_t etherType = 0;    // Ethernet, SLL, SLL2: the payload's type after any tags
    uint32_t family = 0;       // NULL, LOOP: the address family
    uint8_t vlanTags = 0;      // 802.1Q, 802.1ad and old Q-in-Q (0x9100) tags walked over
    uint8_t ipVersion = 0;     // 4 or 6 when the link says IP follows, else 0
};

// Ethernet II (+ tags), Linux SLL and SLL2, BSD NULL and LOOP (BSD family numbers only, as
// tcpdump reads them), raw IP (the version nibble) and LINKTYPE_IPV4/IPV6. Fields the capture
// cut off stay 0.
LinkWalk walkLink(const Frame& frame);

// An IEEE 802.11 frame's first header: type (0 management, 1 control, 2 data), subtype, the
// flags byte, and for a data frame the header's length (addresses, QoS and HT control).
struct Ieee80211Header {
    uint8_t type = 0, subtype = 0, flags = 0;
    uint32_t length = 0;
};
std::optional<Ieee80211Header> ieee80211Header(const ByteReader& r, size_t off);

// The EtherType of an LLC/SNAP header (AA AA 03, OUI 00-00-00) at `off`, or 0.
uint32_t llcSnapEtherType(const ByteReader& r, size_t off);

// Where an NFLOG record's payload (TLV type 9) starts, and the address family it names.
std::optional<uint32_t> nflogPayload(const ByteReader& r, size_t off, uint8_t& family);

// The 4-byte address family of BSD loopback headers, at `offset`: network order for LOOP; for
// NULL the capturing host's order, read little-endian first and swapped when that reading has
// high bits set (tcpdump's and Wireshark's rule). Empty when the 4 bytes were not captured.
std::optional<uint32_t> loopbackFamily(const ByteReader& bytes, size_t offset, bool networkOrder);

// The IP version a loopback family stands for: AF_INET is 2; AF_INET6 is 24 (NetBSD, OpenBSD),
// 28 (FreeBSD), 30 (Darwin) and, with `linuxInet6` (Wireshark's reading, not tcpdump's), 10.
uint8_t loopbackIpVersion(uint32_t family, bool linuxInet6);

} // namespace tcpscope::proto
