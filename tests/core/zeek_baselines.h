// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek's btest baselines (../shared/corpus/other/zeek): conn.log-style tables read into rows,
// and a capture run through the tracker. Shared by the conn_state and conn.log tests.
#pragma once

#include "tcpscope/connection_tracker.h"
#include "tcpscope/first_pass.h"
#include "test_support.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tcpscope::test {

inline std::filesystem::path zeekDir() {
    return corpusDir() / "other" / "zeek";
}

// One row of a conn.log-style table, by column name ("conn_state", "history", "id.orig_h").
using ZeekLogRow = std::map<std::string, std::string>;

// A Zeek ASCII log ("#fields" header) or a plain table whose first line names the columns;
// "###" (btest) and other "#" lines are skipped.
inline std::vector<ZeekLogRow> readZeekLog(const std::string& text) {
    std::vector<ZeekLogRow> rows;
    std::vector<std::string> names;
    for (const std::string& line : splitLines(text)) {
        if (line.rfind("###", 0) == 0 || line.empty()) continue;
        if (line.rfind("#fields", 0) == 0) {
            names = splitTabs(line);
            names.erase(names.begin());
            continue;
        }
        if (line[0] == '#') continue;
        if (names.empty()) {
            names = splitTabs(line);
            continue;
        }
        auto cols = splitTabs(line);
        ZeekLogRow row;
        for (size_t i = 0; i < names.size() && i < cols.size(); ++i) row[names[i]] = cols[i];
        rows.push_back(row);
    }
    return rows;
}

inline std::vector<ZeekLogRow> readZeekLog(const std::filesystem::path& p) {
    return readZeekLog(readFile(p));
}

// A capture through the core's first pass (the end of the capture included), with Zeek's
// history followed by the tracker.
inline void trackCapture(const std::filesystem::path& trace, ConnectionTracker& tracker) {
    FirstPassOptions o;
    o.handOnAtRead = true;
    FirstPass pass(o, [](const PassPacket&) { return true; });
    pass.tracker().setZeekHistory(true);
    pass.run(trace.string());
    tracker = std::move(pass.tracker());
}

} // namespace tcpscope::test
