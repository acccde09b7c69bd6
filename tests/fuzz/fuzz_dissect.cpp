// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: one frame. The first byte picks the link type, the rest are the captured
// bytes. The frame is dissected with a tree and printed every way a user can ask for, so the
// formatters (which re-read the frame bytes for -x and option details) are fuzzed as well.
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/tree_format.h"

#include <array>
#include <cstddef>
#include <cstdint>

using namespace tcpscope;

namespace {
constexpr std::array<uint32_t, 6> kLinkTypes = {LinkType::Ethernet, LinkType::Raw,
                                                LinkType::LinuxSll, LinkType::LinuxSll2,
                                                LinkType::Null,     LinkType::Loop};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Frame frame;
    frame.number = 1;
    frame.linkType = kLinkTypes[data[0] % kLinkTypes.size()];
    frame.data = std::span<const uint8_t>(data + 1, size - 1);
    // Bit 7 of the selector claims a longer wire length, as a snap-length-cut capture does.
    frame.originalLength = static_cast<uint32_t>(size - 1) + ((data[0] & 0x80) ? 1000 : 0);

    PacketSummary fast;
    dissectFrame(frame, fast, nullptr); // the first pass, without a tree
    PacketSummary summary;
    ProtoTree tree;
    DissectOptions options;
    options.assumeChecksumOffload = (data[0] & 0x40) != 0;
    dissectFrame(frame, summary, &tree, options);

    TcpdumpOptions verbose;
    verbose.verbose = 1;
    TcpdumpPrinter(verbose).format(frame);
    TcpdumpOptions hex;
    hex.hex = 1 + (data[0] >> 3) % 4; // -x, -xx, -X, -XX
    hex.verbose = 3;
    hex.absoluteSeq = (data[0] & 0x20) != 0;
    TcpdumpPrinter(hex).format(frame);
    formatTreeText(tree);
    formatTreeJson(tree, frame);
    segmentFromSummary(frame, summary);
    return 0;
}
