// SPDX-License-Identifier: GPL-2.0-or-later
// Hex dumps pasted as text, auto-detected: tcpdump -x/-xx/-X/-XX (with their summary lines
// giving timestamps), Wireshark/tshark hex dumps, `od -Ax -tx1`, `hexdump -C`, `xxd`, plain hex
// streams (with or without 0x, spaces, colons, commas, line breaks) and C arrays.
#pragma once

#include "tcpscope/frame.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

struct HexTextResult {
    std::vector<OwnedFrame> frames; // each with linkType Ethernet or Raw, as detected
    std::string formatName;         // e.g. "tcpdump -X", "xxd", "plain hex"
    std::optional<InputError> error; // first error (line, column, expected); frames before kept
};

HexTextResult parseHexText(std::string_view text);

// Decides whether bytes start at an Ethernet header or at an IP header; returns LinkType.
uint32_t guessLinkType(std::span<const uint8_t> bytes);

} // namespace tcpscope
