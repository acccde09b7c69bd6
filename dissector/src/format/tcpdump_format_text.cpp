// SPDX-License-Identifier: GPL-2.0-or-later
// Text helpers of the tcpdump-style printer: printf appends, address strings as tcpdump writes
// them, Internet checksums (RFC 1071) and the -x/-X hex dumps (tcpdump's util-print.c layout).
#include "tcpdump_format_internal.h"

#include <cstdio>

namespace tcpscope::tcpdump {

void appendf(std::string& out, const char* fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (static_cast<size_t>(n) < sizeof buf) {
        out.append(buf, static_cast<size_t>(n));
        return;
    }
    // Longer than the stack buffer: format again into the string itself.
    std::string big(static_cast<size_t>(n) + 1, '\0');
    va_start(ap, fmt);
    std::vsnprintf(big.data(), big.size(), fmt, ap);
    va_end(ap);
    big.resize(static_cast<size_t>(n));
    out += big;
}

std::string ipv4String(std::span<const uint8_t> a) {
    std::string s;
    if (a.size() < 4) return s;
    appendf(s, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    return s;
}

// tcpdump's addrtostr6: compress the longest run (>= 2) of zero words, first run on ties, and
// print IPv4-compatible / IPv4-mapped addresses with a dotted tail.
std::string ipv6String(std::span<const uint8_t> a) {
    std::string s;
    if (a.size() < 16) return s;
    uint16_t w[8];
    for (int i = 0; i < 8; ++i) w[i] = static_cast<uint16_t>(a[2 * i] << 8 | a[2 * i + 1]);
    int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
    for (int i = 0; i < 8; ++i) {
        if (w[i] == 0) {
            if (curBase == -1) curBase = i, curLen = 1;
            else ++curLen;
        } else if (curBase != -1) {
            if (bestBase == -1 || curLen > bestLen) bestBase = curBase, bestLen = curLen;
            curBase = -1;
        }
    }
    if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) bestBase = curBase, bestLen = curLen;
    if (bestBase != -1 && bestLen < 2) bestBase = -1;
    for (int i = 0; i < 8; ++i) {
        if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
            if (i == bestBase) s += ':';
            continue;
        }
        if (i != 0) s += ':';
        if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
            s += ipv4String(a.subspan(12, 4));
            return s;
        }
        appendf(s, "%x", w[i]);
    }
    if (bestBase != -1 && bestBase + bestLen == 8) s += ':';
    return s;
}

uint32_t onesSum(std::span<const uint8_t> bytes, uint32_t sum) {
    size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        sum += static_cast<uint32_t>(bytes[i] << 8 | bytes[i + 1]);
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if (i < bytes.size()) sum += static_cast<uint32_t>(bytes[i] << 8);
    return (sum & 0xffff) + (sum >> 16);
}

uint16_t foldComplement(uint32_t sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<uint16_t>(~sum & 0xffff);
}

// tcpdump's in_cksum_shouldbe(): adding the sum computed over everything (field included)
// to the field value gives the value the field should have held.
uint16_t checksumShouldBe(uint16_t fieldValue, uint16_t computedOverAll) {
    uint32_t v = fieldValue;
    v += computedOverAll;
    v = (v & 0xffff) + (v >> 16);
    v = (v & 0xffff) + (v >> 16);
    return static_cast<uint16_t>(v);
}

// Layout of tcpdump's hex_print_with_offset / hex_and_ascii_print_with_offset: lines of 16
// bytes as eight " xxxx" groups; with ASCII the hex column is padded to 40 characters.
void appendHex(std::string& out, std::span<const uint8_t> bytes, bool ascii) {
    for (size_t off = 0; off < bytes.size(); off += 16) {
        size_t n = bytes.size() - off < 16 ? bytes.size() - off : 16;
        std::string hex;
        std::string text;
        for (size_t i = 0; i < n; i += 2) {
            if (i + 1 < n) appendf(hex, " %02x%02x", bytes[off + i], bytes[off + i + 1]);
            else appendf(hex, " %02x", bytes[off + i]);
            for (size_t j = i; j < i + 2 && j < n; ++j) {
                uint8_t c = bytes[off + j];
                text += (c > 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
            }
        }
        appendf(out, "\n\t0x%04zx: ", off);
        if (ascii) appendf(out, "%-40s  %s", hex.c_str(), text.c_str());
        else out += hex;
    }
}

} // namespace tcpscope::tcpdump
