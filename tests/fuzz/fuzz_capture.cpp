// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as a whole capture file (pcap or pcapng) read from memory through
// libpcap; every frame goes through the first pass as `tcpscope-cli tree` reads it (dissected
// into a full tree, tracked, settled in a small window so forced settling is reached too) and
// is printed as tcpdump and as a tree.
#include "tcpscope/capture_source.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/packet_info.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/tree_format.h"

#include <cstddef>
#include <cstdint>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> bytes(data, size);
    InputError error;
    auto reader = PcapReader::openMemory(bytes, error);
    if (!reader) return 0;
    TcpdumpPrinter printer(TcpdumpOptions{});
    FirstPassOptions options;
    options.trees = FirstPassOptions::Trees::Full;
    options.maxPending = 4;
    size_t handed = 0;
    FirstPass pass(options, [&](const PassPacket& p) {
        if (p.index != handed++) __builtin_trap(); // in input order, each once
        printer.format(*p.frame);
        formatTreeText(*p.tree);
        describePacket(*p.frame, p.analysis, options.dissect);
        return true;
    });
    Frame frame;
    while (reader->next(frame)) {
        if (frame.data.size() > size) __builtin_trap(); // bytes that were never in the file
        pass.add(frame);
    }
    pass.finish();
    if (handed != pass.count()) __builtin_trap();
    return 0;
}
