// SPDX-License-Identifier: GPL-2.0-or-later
// Address texts: the one implementation behind the trees (RFC 5952) and the tcpdump-style
// printer (tcpdump's addrtostr6), which differ only on IPv4-compatible IPv6 addresses.
#include "tcpscope/address.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>

using namespace tcpscope;

namespace {

Address v6(std::array<uint16_t, 8> words) {
    uint8_t b[16];
    for (size_t i = 0; i < 8; ++i)
        b[2 * i] = uint8_t(words[i] >> 8), b[2 * i + 1] = uint8_t(words[i]);
    return Address::v6(b);
}

} // namespace

TEST_CASE("address texts: RFC 5952 and tcpdump's rule", "[address]") {
    CHECK(Address::v4(0xc0a80001).toString() == "192.168.0.1");
    CHECK(ipv4ToString(std::array<uint8_t, 4>{10, 0, 255, 7}) == "10.0.255.7");
    CHECK(ipv4ToString(std::array<uint8_t, 3>{10, 0, 255}).empty());
    CHECK(ipv6ToString(std::array<uint8_t, 15>{}).empty());

    // Where both rules agree: the longest zero run (the leftmost of equal runs, never a single
    // zero word), the edges, and IPv4-mapped addresses with a dotted tail.
    const std::pair<std::array<uint16_t, 8>, const char*> same[] = {
        {{0, 0, 0, 0, 0, 0, 0, 0}, "::"},
        {{0, 0, 0, 0, 0, 0, 0, 1}, "::1"},
        {{0x2001, 0xdb8, 0, 0, 1, 0, 0, 1}, "2001:db8::1:0:0:1"},
        {{0x2001, 0xdb8, 0, 1, 0, 0, 0, 1}, "2001:db8:0:1::1"},
        {{0xfe80, 0, 0, 0, 0, 0, 0, 0}, "fe80::"},
        {{1, 0, 2, 0, 3, 0, 4, 0}, "1:0:2:0:3:0:4:0"},
        {{0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001}, "::ffff:10.0.0.1"},
        {{0, 0, 0, 0, 0, 0xffff, 0, 0}, "::ffff:0.0.0.0"},
    };
    for (const auto& [words, text] : same) {
        CHECK(v6(words).toString() == text);
        CHECK(v6(words).toString(Ipv6Text::Tcpdump) == text);
    }

    // IPv4-compatible (RFC 4291 2.5.5.1, deprecated): tcpdump writes a dotted tail.
    const Address compatible = v6({0, 0, 0, 0, 0, 0, 0x0102, 0x0304});
    CHECK(compatible.toString() == "::102:304");
    CHECK(compatible.toString(Ipv6Text::Tcpdump) == "::1.2.3.4");
    CHECK(ipv6ToString(compatible.bytes, Ipv6Text::Tcpdump) == "::1.2.3.4");
    CHECK(v6({0, 0, 0, 0, 0, 0, 0x0102, 0}).toString(Ipv6Text::Tcpdump) == "::1.2.0.0");
}

TEST_CASE("address equality: family and every byte", "[address]") {
    const Address a = v6({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1});
    CHECK(a == v6({0x2001, 0xdb8, 0, 0, 0, 0, 0, 1}));
    // One bit anywhere in the sixteen bytes makes another address.
    for (size_t i = 0; i < 16; ++i) {
        Address b = a;
        b.bytes[i] ^= 0x01;
        CHECK_FALSE(a == b);
        CHECK(a != b);
    }
    // The same bytes in another family: 10.0.0.1 and the IPv6 address 0a00:0001:: differ.
    Address v6Bytes = Address::v4(0x0a000001);
    v6Bytes.family = 6;
    CHECK_FALSE(Address::v4(0x0a000001) == v6Bytes);
    CHECK(Address::v4(0x0a000001) == Address::v4(0x0a000001));
    CHECK_FALSE(Address::v4(0x0a000001) == Address::v4(0x0a000002));
    CHECK(Address{} == Address{});
    // Ordering is unchanged by the hand-written equality: family first, then the bytes.
    CHECK(Address::v4(0xffffffff) < v6Bytes);
    CHECK(Address::v4(0x0a000001) < Address::v4(0x0a000002));
}
