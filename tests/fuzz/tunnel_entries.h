// SPDX-License-Identifier: GPL-2.0-or-later
// fuzz_tunnels' entries and the outer headers it wraps a payload in; make_seeds.cpp uses the
// same table to cut the tunnel captures' payloads into seeds, so the two cannot drift.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace tcpscope::fuzz {

struct TunnelEntry {
    enum Kind : uint8_t { IpProtocol, UdpPort, EtherType } kind;
    uint16_t number;
};

// New entries go at the end, so saved inputs keep their meaning.
inline constexpr TunnelEntry kTunnelEntries[] = {
    {TunnelEntry::IpProtocol, 47},    {TunnelEntry::IpProtocol, 4},
    {TunnelEntry::IpProtocol, 41},    {TunnelEntry::IpProtocol, 51},
    {TunnelEntry::IpProtocol, 50},    {TunnelEntry::UdpPort, 4789},
    {TunnelEntry::UdpPort, 6081},     {TunnelEntry::UdpPort, 2152},
    {TunnelEntry::UdpPort, 1701},     {TunnelEntry::EtherType, 0x8847},
    {TunnelEntry::EtherType, 0x8864}, {TunnelEntry::EtherType, 0x893f},
    {TunnelEntry::EtherType, 0x88a8}, {TunnelEntry::EtherType, 0x8100},
    {TunnelEntry::EtherType, 0x6558}, {TunnelEntry::EtherType, 0x88be},
    {TunnelEntry::EtherType, 0x22eb}, {TunnelEntry::EtherType, 0x883e},
};

// Ethernet, then (for an IP protocol or a UDP port) an IPv4 header whose length covers the
// payload, then (for a port) a UDP header, then the payload.
inline std::vector<uint8_t> wrapPayload(const TunnelEntry& e, std::span<const uint8_t> payload) {
    std::vector<uint8_t> f = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};
    auto put16 = [&](uint32_t v) {
        f.push_back(static_cast<uint8_t>(v >> 8));
        f.push_back(static_cast<uint8_t>(v));
    };
    if (e.kind == TunnelEntry::EtherType) {
        put16(e.number);
    } else {
        const bool udp = e.kind == TunnelEntry::UdpPort;
        const uint32_t total = 20 + (udp ? 8 : 0) + static_cast<uint32_t>(payload.size());
        put16(0x0800);
        f.insert(f.end(), {0x45, 0});
        put16(total & 0xffff);
        f.insert(f.end(), {0, 1, 0, 0, 64, static_cast<uint8_t>(udp ? 17 : e.number), 0, 0});
        f.insert(f.end(), {192, 0, 2, 1, 192, 0, 2, 2});
        if (udp) {
            put16(40000);
            put16(e.number);
            put16((total - 20) & 0xffff);
            put16(0);
        }
    }
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

// The entry and payload offset of a captured Ethernet frame that one of the entries covers
// (outer IPv4 only): what make_seeds cuts the tunnel captures into.
inline bool findEntry(std::span<const uint8_t> frame, uint8_t& selector, size_t& offset) {
    if (frame.size() < 14) return false;
    const uint16_t type = static_cast<uint16_t>(frame[12] << 8 | frame[13]);
    for (size_t i = 0; i < std::size(kTunnelEntries); ++i) {
        const TunnelEntry& e = kTunnelEntries[i];
        if (e.kind == TunnelEntry::EtherType && e.number == type) {
            selector = static_cast<uint8_t>(i), offset = 14;
            return true;
        }
    }
    if (type != 0x0800 || frame.size() < 34) return false;
    const size_t ihl = (frame[14] & 0x0f) * 4u;
    const uint8_t proto = frame[23];
    if (ihl < 20 || frame.size() < 14 + ihl + 8) return false;
    const size_t l4 = 14 + ihl;
    const uint16_t sport = static_cast<uint16_t>(frame[l4] << 8 | frame[l4 + 1]);
    const uint16_t dport = static_cast<uint16_t>(frame[l4 + 2] << 8 | frame[l4 + 3]);
    for (size_t i = 0; i < std::size(kTunnelEntries); ++i) {
        const TunnelEntry& e = kTunnelEntries[i];
        const bool hit = (e.kind == TunnelEntry::IpProtocol && e.number == proto) ||
                         (e.kind == TunnelEntry::UdpPort && proto == 17 &&
                          (e.number == sport || e.number == dport));
        if (!hit) continue;
        selector = static_cast<uint8_t>(i);
        offset = l4 + (e.kind == TunnelEntry::UdpPort ? 8 : 0);
        return true;
    }
    return false;
}

} // namespace tcpscope::fuzz
