// SPDX-License-Identifier: GPL-2.0-or-later
// What the frame fuzzers do with one frame: dissect it with and without a tree and print it
// every way a user can ask for (tcpdump lines, trees, JSON, the byte table), so the formatters
// (which re-read the frame bytes for -x and option details) are fuzzed as well. `flags` picks
// options: bit 6 assumes checksum offload, bit 5 absolute sequence numbers, bits 3-4 the hex
// dump style.
#pragma once

#include "tcpscope/byte_table.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/tree_format.h"

#include <cstdint>

namespace tcpscope::fuzz {

inline void exerciseFrame(const Frame& frame, uint8_t flags) {
    PacketSummary fast;
    dissectFrame(frame, fast, nullptr); // the first pass, without a tree
    PacketSummary summary;
    ProtoTree tree;
    DissectOptions options;
    options.assumeChecksumOffload = (flags & 0x40) != 0;
    dissectFrame(frame, summary, &tree, options);

    TcpdumpOptions verbose;
    verbose.verbose = 1;
    TcpdumpPrinter(verbose).format(frame);
    TcpdumpOptions hex;
    hex.hex = 1 + (flags >> 3) % 4; // -x, -xx, -X, -XX
    hex.verbose = 3;
    hex.absoluteSeq = (flags & 0x20) != 0;
    TcpdumpPrinter(hex).format(frame);
    formatTreeText(tree);
    formatTreeJson(tree, frame);
    const ByteTable table = buildByteTable(tree, frame.data);
    formatByteTableMarkdown(table);
    formatByteTableHtml(table);
    formatByteTableCsv(table);
    segmentFromSummary(frame, summary);
}

} // namespace tcpscope::fuzz
