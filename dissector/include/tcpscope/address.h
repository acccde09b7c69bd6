// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

namespace tcpscope {

// How an IPv6 address is written. Both rules compress the longest run of two or more zero
// words (the leftmost of equal runs) and write an IPv4-mapped address as ::ffff:a.b.c.d.
// tcpdump's addrtostr6 (like BIND's and glibc's inet_ntop) also gives the deprecated
// IPv4-compatible form (RFC 4291 2.5.5.1) a dotted tail, ::a.b.c.d; RFC 5952 5 does not.
enum class Ipv6Text : uint8_t { Rfc5952, Tcpdump };

// An IPv4 or IPv6 address held by value (no heap), comparable and hashable.
struct Address {
    uint8_t family = 0; // 0 none, 4 or 6
    std::array<uint8_t, 16> bytes{};

    static Address v4(uint32_t hostOrder) { // inline: two a packet on the first pass
        Address r;
        r.family = 4;
        r.bytes[0] = uint8_t(hostOrder >> 24);
        r.bytes[1] = uint8_t(hostOrder >> 16);
        r.bytes[2] = uint8_t(hostOrder >> 8);
        r.bytes[3] = uint8_t(hostOrder);
        return r;
    }
    static Address v6(const uint8_t* sixteen);
    bool valid() const { return family != 0; }
    // Dotted quad, or compressed IPv6 (RFC 5952 unless asked for tcpdump's rule).
    std::string toString(Ipv6Text style = Ipv6Text::Rfc5952) const;
    // Two 8-byte compares: the tracker compares addresses twice a packet, where the defaulted
    // operator called memcmp for the bytes.
    friend bool operator==(const Address& a, const Address& b) {
        uint64_t x[2], y[2];
        std::memcpy(x, a.bytes.data(), sizeof x);
        std::memcpy(y, b.bytes.data(), sizeof y);
        return a.family == b.family && ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
    }
    friend auto operator<=>(const Address&, const Address&) = default;
};

// The same texts from address bytes in network order (the first 4 or 16 bytes are used; a
// shorter span gives an empty string).
std::string ipv4ToString(std::span<const uint8_t> four);
std::string ipv6ToString(std::span<const uint8_t> sixteen, Ipv6Text style = Ipv6Text::Rfc5952);

} // namespace tcpscope
