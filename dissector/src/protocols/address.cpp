// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/address.h"

#include <cstring>

namespace tcpscope {

namespace {

void appendHex(std::string& out, unsigned v) {
    char buf[8];
    char* p = buf + sizeof buf;
    do *--p = "0123456789abcdef"[v & 15], v >>= 4;
    while (v);
    out.append(p, size_t(buf + sizeof buf - p));
}

// Written by hand, into one append: the tcpdump-style printer formats two addresses per line,
// millions of lines.
void appendIpv4(std::string& out, const uint8_t* a) {
    char buf[16];
    char* p = buf;
    for (int i = 0; i < 4; ++i) {
        if (i) *p++ = '.';
        const unsigned v = a[i];
        if (v >= 100) *p++ = char('0' + v / 100);
        if (v >= 10) *p++ = char('0' + v / 10 % 10);
        *p++ = char('0' + v % 10);
    }
    out.append(buf, size_t(p - buf));
}

} // namespace

Address Address::v6(const uint8_t* sixteen) {
    Address r;
    r.family = 6;
    std::memcpy(r.bytes.data(), sixteen, 16);
    return r;
}

std::string Address::toString(Ipv6Text style) const {
    if (family == 4) return ipv4ToString(bytes);
    if (family == 6) return ipv6ToString(bytes, style);
    return {};
}

std::string ipv4ToString(std::span<const uint8_t> a) {
    std::string s;
    if (a.size() >= 4) appendIpv4(s, a.data());
    return s;
}

std::string ipv6ToString(std::span<const uint8_t> a, Ipv6Text style) {
    std::string s;
    if (a.size() < 16) return s;
    uint16_t w[8];
    for (int i = 0; i < 8; ++i) w[i] = uint16_t(a[2 * i] << 8 | a[2 * i + 1]);
    // The longest run of zero words, the leftmost of equal runs; a single zero is not one.
    int bestBase = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (w[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && w[j] == 0) ++j;
        if (j - i > bestLen && j - i >= 2) bestBase = i, bestLen = j - i;
        i = j;
    }
    // ::ffff:a.b.c.d (IPv4-mapped) always; ::a.b.c.d (IPv4-compatible) in tcpdump's rule.
    const bool mapped = bestBase == 0 && bestLen == 5 && w[5] == 0xffff;
    const bool compatible = bestBase == 0 && bestLen == 6 && style == Ipv6Text::Tcpdump;
    for (int i = 0; i < 8; ++i) {
        if (i == bestBase) {
            s += "::";
            i += bestLen - 1;
            continue;
        }
        if (!s.empty() && s.back() != ':') s += ':';
        if (i == 6 && (mapped || compatible)) {
            appendIpv4(s, a.data() + 12);
            break;
        }
        appendHex(s, w[i]);
    }
    return s;
}

} // namespace tcpscope
