// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: one frame. The first byte picks the link type, the rest are the captured
// bytes. The frame is dissected with a tree and printed every way a user can ask for, so the
// formatters (which re-read the frame bytes for -x and option details) are fuzzed as well.
#include "exercise_frame.h"
#include "fuzz_frame.h"

#include <cstddef>
#include <cstdint>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    fuzz::exerciseFrame(fuzz::inputFrame(data, size), data[0]);
    return 0;
}
