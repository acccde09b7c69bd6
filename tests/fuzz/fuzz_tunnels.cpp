// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: the encapsulation parsers, reached directly. The first byte picks an entry
// (an IP protocol behind an IPv4 header, a UDP port behind IPv4 and UDP, an ethertype behind an
// Ethernet header); the rest is that layer's payload, wrapped in valid outer headers so every
// input exercises the tunnel's own header and what it carries, not the outer ones. Each frame
// then goes through everything fuzz_dissect does with a frame.
#include "exercise_frame.h"
#include "tunnel_entries.h"

#include <cstddef>
#include <cstdint>
#include <vector>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1 || size > 70000) return 0;
    const fuzz::TunnelEntry& entry =
        fuzz::kTunnelEntries[data[0] % std::size(fuzz::kTunnelEntries)];
    std::vector<uint8_t> bytes = fuzz::wrapPayload(entry, std::span(data + 1, size - 1));
    Frame frame;
    frame.number = 1;
    frame.linkType = LinkType::Ethernet;
    frame.data = bytes;
    frame.originalLength = static_cast<uint32_t>(bytes.size()) + ((data[0] & 0x80) ? 1000 : 0);
    fuzz::exerciseFrame(frame, data[0]);
    return 0;
}
