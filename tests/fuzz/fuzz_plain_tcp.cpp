// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: one frame, as fuzz_dissect takes it (byte 0 picks the link type, bit 7 a
// longer wire length; the rest is the frame). A plain TCP frame (readPlainTcp) is read at fixed
// offsets; whenever that happens, the summary must be the one the layers give, and the segment
// read straight from the bytes the one made from that summary, or the fuzzer stops here.
#include "fuzz_frame.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const Frame frame = fuzz::inputFrame(data, size);
    DissectOptions options;
    options.verifyChecksums = false;
    PlainTcp plain;
    if (!readPlainTcp(frame, options, plain)) return 0;
    PacketSummary read, layered;
    dissectFrame(frame, read, nullptr, options);
    DissectOptions layers = options;
    layers.plainShortcut = false;
    dissectFrame(frame, layered, nullptr, layers);
    TcpSegment fromBytes, fromSummary;
    const bool hasSegment = segmentFromSummary(frame, layered, fromSummary);
    if (!(read == layered) || !segmentFromFrame(frame, options, fromBytes) || !hasSegment ||
        !(fromBytes == fromSummary)) {
        std::fprintf(stderr, "a plain TCP frame read at fixed offsets differs from its layers\n");
        std::abort();
    }
    return 0;
}
