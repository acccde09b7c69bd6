// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace tcpscope {

// An IPv4 or IPv6 address held by value (no heap), comparable and hashable.
struct Address {
    uint8_t family = 0; // 0 none, 4 or 6
    std::array<uint8_t, 16> bytes{};

    static Address v4(uint32_t hostOrder);
    static Address v6(const uint8_t* sixteen);
    bool valid() const { return family != 0; }
    std::string toString() const; // dotted quad, or RFC 5952 compressed IPv6
    friend bool operator==(const Address&, const Address&) = default;
    friend auto operator<=>(const Address&, const Address&) = default;
};

} // namespace tcpscope
