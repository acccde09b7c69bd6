// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/conversations_format.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace tcpscope {

namespace {

std::string durationText(const TcpConnection& c) {
    if (!c.hasTimestamps) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(c.durationNs()) / 1e9);
    return buf;
}

} // namespace

std::string formatConversations(const ConnectionTracker& tracker,
                                const std::function<bool(uint32_t stream)>& include) {
    constexpr size_t kCols = 13;
    const std::array<std::string, kCols> header{
        "stream",   "client", "server", "c>s pkts",     "c>s bytes",    "s>c pkts",     "s>c bytes",
        "duration", "open",   "close",  "client state", "server state", "complete/zeek"};
    std::vector<std::array<std::string, kCols>> rows;
    rows.push_back(header);
    for (const TcpConnection& c : tracker.connections()) {
        if (include && !include(c.stream)) continue;
        rows.push_back({std::to_string(c.stream), endpointSocketText(c.client),
                        endpointSocketText(c.server), std::to_string(c.client.packets),
                        std::to_string(c.client.bytes), std::to_string(c.server.packets),
                        std::to_string(c.server.bytes), durationText(c),
                        std::string(openKindText(c.open)), std::string(closeKindText(c.close)),
                        std::string(stateName(c.client.finalState)),
                        std::string(stateName(c.server.finalState)),
                        std::to_string(c.completeness) + " " + std::string(c.connState)});
    }
    std::array<size_t, kCols> width{};
    for (const auto& r : rows)
        for (size_t i = 0; i < kCols; ++i) width[i] = std::max(width[i], r[i].size());
    // Numbers are right-aligned, text left-aligned.
    constexpr std::array<bool, kCols> right{true, false, false, true,  true,  true, true,
                                            true, false, false, false, false, false};
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (size_t i = 0; i < kCols; ++i) {
            if (i) line += "  ";
            const size_t pad = width[i] - r[i].size();
            if (right[i]) line.append(pad, ' ');
            line += r[i];
            if (!right[i] && i + 1 < kCols) line.append(pad, ' ');
        }
        out += line;
        out += '\n';
    }
    return out;
}

} // namespace tcpscope
