// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump summary lines without hex bytes (../shared/seeds/tcpdump-connection-lifecycle.txt),
// parsed into TCP segment records the connection tracker can use like decoded packets.
#pragma once

#include "tcpscope/frame.h"
#include "tcpscope/tcp_segment.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope {

struct TcpdumpTextResult {
    // seq/ack made absolute again when tcpdump printed them relative
    std::vector<TcpSegment> segments;
    std::vector<uint32_t> lineNumbers; // the text line of each segment (1-based)
    // Each segment's packet as tcpdump printed it, without line ends: its line, and with -v the
    // IP header's line before it ("IP (tos 0x0, ttl 64, ...)") joined by '\n'.
    std::vector<std::string> packetTexts;
    uint32_t skippedLines = 0;       // lines that are not TCP packet lines (comments, headers)
    std::optional<InputError> error; // a line that looked like a TCP line but did not parse
    // tcpdump without -n prints host names ("dev2.39070"). Each distinct name gets a stand-in
    // address from 198.18.0.0/15 (RFC 2544, never a real host) so endpoints stay distinct;
    // this maps them back to the names for display.
    std::vector<std::pair<Address, std::string>> hostNames;
};

// Accepts the output of tcpdump with or without -n/-nn/-S/-v/-#, with -t/-tt/-tttt or the default
// time of day (dated 1970-01-01 UTC), IPv4 and IPv6, flags as letters ("[S.]") or words
// ("[SYN.ACK]"). Lines without a "src > dst: Flags [...]" part are skipped and counted; -q
// lines ("tcp 0") carry too little to be useful and are skipped too. Relative seq/ack numbers
// (tcpdump without -S) are turned back into absolute ones; see tcpdump_text.cpp for the rule.
// A segment keeps relativeSeq = true only when its numbers were printed relative and the lines
// that gave tcpdump its base were not in the text (an excerpt): its seq/ack then are still
// tcpdump's relative values.
TcpdumpTextResult parseTcpdumpText(std::string_view text);

// True when the text has at least one tcpdump TCP summary line ("IP a.p > b.q: Flags [..]").
bool looksLikeTcpdumpText(std::string_view text);

} // namespace tcpscope
