// SPDX-License-Identifier: GPL-2.0-or-later
// A capture through the first pass and the connection tracker, as the CLI and viewer do it:
// shared by the tracker, ladder, caption and scenario tests.
#pragma once

#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"

#include <filesystem>

namespace tcpscope::test {

// Every TCP segment of the file, in order, through a new tracker (a read error stops early;
// the packets before it are tracked).
inline ConnectionTracker trackCapture(const std::filesystem::path& path) {
    ConnectionTracker t;
    LoadedInput in = loadPath(path.string());
    for (const OwnedFrame& of : in.frames) {
        const Frame f = of.view();
        PacketSummary s;
        dissectFrame(f, s, nullptr);
        if (auto seg = segmentFromSummary(f, s)) t.add(*seg);
    }
    return t;
}

} // namespace tcpscope::test
