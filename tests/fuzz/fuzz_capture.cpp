// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as a whole capture file (pcap or pcapng) read from memory through
// libpcap; every frame is dissected and its segment fed to the tracker, as `tcpscope-cli` does.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcpdump_format.h"

#include <cstddef>
#include <cstdint>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::span<const uint8_t> bytes(data, size);
    InputError error;
    auto reader = PcapReader::openMemory(bytes, error);
    if (!reader) return 0;
    TcpdumpPrinter printer(TcpdumpOptions{});
    ConnectionTracker tracker;
    Frame frame;
    while (reader->next(frame)) {
        if (frame.data.size() > size) __builtin_trap(); // bytes that were never in the file
        PacketSummary summary;
        ProtoTree tree;
        dissectFrame(frame, summary, &tree);
        printer.format(frame);
        if (auto seg = segmentFromSummary(frame, summary)) tracker.add(*seg);
    }
    return 0;
}
