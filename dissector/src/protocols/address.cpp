// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/address.h"

#include <cstdio>
#include <cstring>

namespace tcpscope {

Address Address::v4(uint32_t a) {
    Address r;
    r.family = 4;
    r.bytes[0] = uint8_t(a >> 24);
    r.bytes[1] = uint8_t(a >> 16);
    r.bytes[2] = uint8_t(a >> 8);
    r.bytes[3] = uint8_t(a);
    return r;
}

Address Address::v6(const uint8_t* sixteen) {
    Address r;
    r.family = 6;
    std::memcpy(r.bytes.data(), sixteen, 16);
    return r;
}

std::string Address::toString() const {
    char buf[64];
    if (family == 4) {
        std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", bytes[0], bytes[1], bytes[2], bytes[3]);
        return buf;
    }
    if (family != 6) return {};
    uint16_t w[8];
    for (int i = 0; i < 8; ++i) w[i] = uint16_t(bytes[2 * i] << 8 | bytes[2 * i + 1]);
    // IPv4-mapped (::ffff:a.b.c.d) printed with a dotted tail, as inet_ntop does.
    bool mapped = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0xffff;
    if (mapped) {
        std::snprintf(buf, sizeof buf, "::ffff:%u.%u.%u.%u", bytes[12], bytes[13], bytes[14],
                      bytes[15]);
        return buf;
    }
    // RFC 5952: compress the longest run (>= 2) of zero words, leftmost on ties.
    int bestStart = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (w[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && w[j] == 0) ++j;
        if (j - i > bestLen && j - i >= 2) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    std::string out;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            out += "::";
            i += bestLen - 1;
            continue;
        }
        if (!out.empty() && out.back() != ':') out += ':';
        std::snprintf(buf, sizeof buf, "%x", w[i]);
        out += buf;
    }
    return out;
}

} // namespace tcpscope
