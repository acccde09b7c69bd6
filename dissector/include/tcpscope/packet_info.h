// SPDX-License-Identifier: GPL-2.0-or-later
// What the packet list says about a packet (Wireshark's Protocol and Info columns), worked out
// by the core: the dissector that claims a payload names the top protocol and writes its own
// Info text (DissectContext::columns); TCP's text and the analysis labels are added here. One
// copy of each: tcpdump's flag letters, Wireshark's analysis labels.
#pragma once

#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"

#include <string>
#include <string_view>

namespace tcpscope {

struct PacketDescription {
    std::string protocol; // "TCP", "HTTP", "RESP", "TLSv1.3", "IPv4", ...
    std::string info;     // "[TCP Dup ACK 5#1] 39070 → 6379 [.] seq 15, ack 8, win 229, len 0"
    // The TCP checksum, verified here when the options ask (the viewer's first pass does not
    // verify: only the rows drawn need it, for their colour).
    ChecksumStatus tcpChecksum = ChecksumStatus::NotChecked;
};

// Dissects the frame again (no tree) with its Info text collected.
PacketDescription describePacket(const Frame& frame, const TcpPacketAnalysis* analysis,
                                 const DissectOptions& options);
// A tcpdump text line, which has no bytes.
PacketDescription describeSegment(const TcpSegment& segment, const TcpPacketAnalysis* analysis);

// The short name of a protocol layer's field, for the Protocol column ("TCP", "IPv4").
std::string_view protocolShortName(FieldId protocol);
// The field of the tcp layer (what a tcpdump text line's top protocol is).
FieldId tcpProtocolField();

// tcpdump's flag letters in tcpdump's order (print-tcp.c tcp_flag_values): "S", "S.", "P.",
// "F.", "R.", "none" when no flag is set.
std::string tcpdumpFlagLetters(uint16_t flags);
// Wireshark's Info-column label of one analysis flag bit ("TCP Dup ACK"), or empty.
std::string_view analysisInfoLabel(uint32_t bit);

} // namespace tcpscope
