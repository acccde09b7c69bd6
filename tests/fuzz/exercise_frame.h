// SPDX-License-Identifier: GPL-2.0-or-later
// What the frame fuzzers do with one frame: dissect it without a tree, with a full tree and with
// one that keeps a few leaf fields only (`fields -e`, display filters), and print it every way a
// user can ask for (tcpdump lines, trees, JSON, the byte table), so the formatters (which re-read
// the frame bytes for -x and option details) are fuzzed as well. `flags` picks options: bit 6
// assumes checksum offload, bit 5 absolute sequence numbers, bits 3-4 the hex dump style.
#pragma once

#include "tcpscope/byte_table.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/tree_format.h"

#include <cstdint>
#include <vector>

namespace tcpscope::fuzz {

inline void exerciseFrame(const Frame& frame, uint8_t flags) {
    PacketSummary fast;
    dissectFrame(frame, fast, nullptr); // the first pass, without a tree
    PacketSummary summary;
    ProtoTree tree;
    DissectOptions options;
    options.assumeChecksumOffload = (flags & 0x40) != 0;
    dissectFrame(frame, summary, &tree, options);
    // A tree that keeps a few leaf fields only (`fields -e`, display filters): every protocol
    // and header node is then -1, which the dissectors must not read through.
    static const std::vector<FieldId> leaves = [] {
        std::vector<FieldId> ids;
        for (const char* name : {"frame.number", "ip.src", "ipv6.dst", "tcp.seq_raw", "tcp.stream",
                                 "nflog.tlv_type", "gre.proto", "vxlan.vni", "eth.type"})
            if (auto id = FieldRegistry::instance().find(name)) ids.push_back(*id);
        return ids;
    }();
    ProtoTree kept;
    kept.keepOnly(leaves);
    PacketSummary keptSummary;
    dissectFrame(frame, keptSummary, &kept, options);

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
