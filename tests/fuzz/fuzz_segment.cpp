// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: one frame, as fuzz_dissect takes it (byte 0 picks the link type, bit 7 a
// longer wire length; the rest is the frame). segmentFromFrame reads TCP segments straight from
// the bytes for the commonest frames; whatever it takes must give the very segment that
// dissecting the frame gives, or the fuzzer stops here.
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
    TcpSegment read;
    if (!segmentFromFrame(frame, options, read)) return 0;
    PacketSummary summary;
    dissectFrame(frame, summary, nullptr, options);
    TcpSegment dissected;
    if (!segmentFromSummary(frame, summary, dissected) || !(read == dissected)) {
        std::fprintf(stderr, "segmentFromFrame read a segment that dissecting does not give\n");
        std::abort();
    }
    return 0;
}
