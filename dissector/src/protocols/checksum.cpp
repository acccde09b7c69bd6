// SPDX-License-Identifier: GPL-2.0-or-later
#include "checksum.h"

namespace tcpscope::proto {

uint32_t onesComplementSum(std::span<const uint8_t> bytes, uint32_t sum) {
    // 64 bits hold the words of any frame without a carry lost; folded once at the end.
    uint64_t total = sum;
    size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) total += uint32_t(bytes[i]) << 8 | bytes[i + 1];
    if (i < bytes.size()) total += uint32_t(bytes[i]) << 8;
    while (total >> 16) total = (total & 0xffff) + (total >> 16);
    return static_cast<uint32_t>(total);
}

uint16_t foldChecksum(uint32_t sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<uint16_t>(sum);
}

uint32_t pseudoHeaderSum(std::span<const uint8_t> src, std::span<const uint8_t> dst,
                         uint8_t protocol, uint32_t length) {
    uint32_t sum = onesComplementSum(src);
    sum = onesComplementSum(dst, sum);
    return sum + protocol + (length >> 16) + (length & 0xffff);
}

uint16_t checksumShouldBe(uint16_t fieldValue, uint16_t computedOverAll) {
    uint32_t v = fieldValue;
    v += computedOverAll;
    v = (v & 0xffff) + (v >> 16);
    v = (v & 0xffff) + (v >> 16);
    return static_cast<uint16_t>(v);
}

} // namespace tcpscope::proto
