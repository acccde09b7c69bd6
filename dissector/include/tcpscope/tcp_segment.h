// SPDX-License-Identifier: GPL-2.0-or-later
// The compact per-packet record the connection tracker consumes (DESIGN.md 5). Built from a
// decoded frame (fromSummary) or from a tcpdump summary line that has no bytes at all.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/frame.h"
#include "tcpscope/packet_summary.h"

#include <cstdint>
#include <optional>

namespace tcpscope {

struct DissectOptions;

struct TcpSegment {
    uint64_t frameNumber = 0;
    Timestamp ts;
    bool hasTimestamp = true; // tcpdump text with -t has none
    Address src;
    Address dst;
    uint16_t srcPort = 0;
    uint16_t dstPort = 0;
    uint32_t seq = 0;
    uint32_t ack = 0;
    uint16_t flags = 0;  // TcpFlag bits
    uint16_t window = 0; // raw header value (unscaled)
    uint32_t payloadLength = 0;
    TcpOptionSummary options;
    ChecksumStatus checksum = ChecksumStatus::NotChecked;
    // tcpdump text prints relative seq/ack after the first segment of a direction; those lines
    // are marked so the tracker does not mistake them for raw numbers.
    bool relativeSeq = false;
    bool seqPresent = true; // tcpdump omits "seq" on pure ACKs
    bool ackPresent = true;
    uint32_t ipLength = 0;         // the IP header's total length (0: not known, tcpdump text)
    bool payloadTruncated = false; // the capture holds less of the payload than was sent
    // The virtual network the segment travelled in (PacketSummary::tunnelKey; 0 when none):
    // equal addresses and ports in two VXLAN VNIs or GRE keys are two connections.
    uint32_t tunnelKey = 0;
    // The fixed header was read but its data offset is bogus (below 5, or past the segment): the
    // segment still names its connection (tcp.stream, as in Wireshark) and nothing else.
    bool headerMalformed = false;
    // Of those, a data offset of 5 or more that runs past the segment: Wireshark still gives it
    // its [Timestamps] (below 5 it stops before them).
    bool headerPastSegment = false;
    friend bool operator==(const TcpSegment&, const TcpSegment&) = default;
};

// The segment of a decoded frame, or nothing when the frame holds no (complete) TCP header.
std::optional<TcpSegment> segmentFromSummary(const Frame& frame, const PacketSummary& s);
// The same into a segment the caller keeps (the first pass reuses one for every frame).
bool segmentFromSummary(const Frame& frame, const PacketSummary& s, TcpSegment& out);

// The segment of a plain TCP frame (readPlainTcp) read straight from its bytes: exactly what
// segmentFromSummary gives after dissectFrame with these options, without the summary (a test
// and a fuzzer compare the two). False for any other frame, `out` then unspecified: the caller
// dissects. A pass that hands on no summary (`conversations`) tracks most packets so.
bool segmentFromFrame(const Frame& frame, const DissectOptions& options, TcpSegment& out);

} // namespace tcpscope
