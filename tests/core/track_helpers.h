// SPDX-License-Identifier: GPL-2.0-or-later
// A capture through the first pass and the connection tracker, as the CLI and viewer do it:
// shared by the tracker, ladder, caption and scenario tests.
#pragma once

#include "tcpscope/connection_tracker.h"
#include "tcpscope/first_pass.h"

#include <filesystem>

namespace tcpscope::test {

// Every TCP segment of the file, in order, through a new tracker (a read error stops early;
// the packets before it are tracked).
inline ConnectionTracker trackCapture(const std::filesystem::path& path) {
    FirstPassOptions o;
    o.keepAnalyses = true;
    o.handOnAtRead = true;
    FirstPass pass(o, [](const PassPacket&) { return true; });
    pass.run(path.string());
    return std::move(pass.tracker());
}

} // namespace tcpscope::test
