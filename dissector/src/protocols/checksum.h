// SPDX-License-Identifier: GPL-2.0-or-later
// The Internet checksum (RFC 1071), shared by the IPv4 and TCP dissectors and the tcpdump-style
// printer. Internal to the core library.
#pragma once

#include <cstdint>
#include <span>

namespace tcpscope::proto {

// One's-complement sum of bytes taken as big-endian 16-bit words (an odd last byte is padded
// with zero), added to `sum` and folded to 16 bits; not inverted. Any length.
uint32_t onesComplementSum(std::span<const uint8_t> bytes, uint32_t sum = 0);
// Folds carries back into the low 16 bits (the sum stays one's-complement, not inverted).
uint16_t foldChecksum(uint32_t sum);

// The sum over TCP's pseudo-header (RFC 9293 3.1; RFC 8200 8.1 for IPv6): source and
// destination address (4 or 16 bytes each), protocol and the upper-layer length, whose high
// and low 16 bits are both added (IPv4's 16-bit length field is the low half). Not inverted.
uint32_t pseudoHeaderSum(std::span<const uint8_t> src, std::span<const uint8_t> dst,
                         uint8_t protocol, uint32_t length);

// tcpdump's in_cksum_shouldbe(): from a checksum field and the sum computed over everything,
// field included (folded, inverted), the value the field should have held (RFC 1624 3).
uint16_t checksumShouldBe(uint16_t fieldValue, uint16_t computedOverAll);

} // namespace tcpscope::proto
