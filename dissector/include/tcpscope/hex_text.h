// SPDX-License-Identifier: GPL-2.0-or-later
// Hex dumps pasted as text, auto-detected: tcpdump -x/-xx/-X/-XX (with their summary lines
// giving timestamps), Wireshark/tshark hex dumps, `od -Ax -tx1`, `hexdump -C`, `xxd`, plain hex
// streams (with or without 0x, spaces, colons, commas, line breaks) and C arrays.
#pragma once

#include "tcpscope/frame.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

struct HexTextResult {
    // Each with linkType Ethernet or Raw as guessed (or the file's link type from tcpdump's
    // "reading from file ..., link-type LINUX_SLL" line when the bytes are not IP).
    std::vector<OwnedFrame> frames;
    std::string formatName;          // e.g. "tcpdump -X", "xxd", "plain hex"
    std::optional<InputError> error; // first error (line, column, expected); frames before kept
};

// Where one packet ends: tcpdump, at its next summary line or when offsets restart at 0;
// tshark/Wireshark, xxd, od and hexdump -C, at a blank line or an offset back at 0 (od and
// hexdump -C also at their closing length-only line); plain hex, at a blank line; C, at each
// closing brace. Time-of-day timestamps are dated 1970-01-01 UTC. A hexdump/od '*' repeat is
// expanded up to a 262144-byte frame (tcpdump's largest snapshot), no further.
HexTextResult parseHexText(std::string_view text);

// Decides whether bytes start at an Ethernet header or at an IP header; returns LinkType.
// Raw when they hold an IPv4/IPv6 header whose length fits the bytes and no Ethernet header
// with IP inside fits better; Ethernet for ethertype 0x0800/0x86DD/0x8100/0x88a8/0x0806 or
// when nothing fits and there are at least 14 bytes.
uint32_t guessLinkType(std::span<const uint8_t> bytes);

} // namespace tcpscope
