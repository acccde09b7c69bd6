// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: arbitrary bytes as tcpdump summary text; the segments it yields go through
// the connection tracker, as the CLI and the GUI do with them.
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/tcpdump_text.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tcpscope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    looksLikeTcpdumpText(text);
    TcpdumpTextResult r = parseTcpdumpText(text);
    if (r.error && r.error->line == 0) __builtin_trap();
    if (r.lineNumbers.size() != r.segments.size()) __builtin_trap();
    if (r.packetTexts.size() != r.segments.size()) __builtin_trap();
    ConnectionTracker tracker;
    for (const TcpSegment& s : r.segments) tracker.add(s);
    formatConversations(tracker);
    return 0;
}
