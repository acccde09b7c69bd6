// SPDX-License-Identifier: GPL-2.0-or-later
// Reads the TCP segment Wireshark has just dissected out of its protocol tree into the core's
// TcpSegment. The plugin does not parse packet bytes itself: Wireshark's TCP dissector already
// did, and the post-dissector only asks for the finished fields (set_postdissector_wanted_hfids),
// so both views of a packet start from the same decode.
#pragma once

#include "tcpscope/tcp_segment.h"

#include <epan/packet.h>

#include <optional>

namespace tcpfsm {

// Looks the wanted fields up by name. Call from the handoff routine: only then are the ip, ipv6
// and tcp dissectors' fields registered.
void resolveWantedFields();

// The field ids to pass to set_postdissector_wanted_hfids() (a new array; Wireshark owns it).
GArray* wantedFieldIds();

// The segment of the TCP header that sits directly on the packet's IP layer, or nothing when
// there is none (non-TCP packets, a TCP header quoted inside an ICMP error, a header cut short).
// Never throws and never makes Wireshark throw: it only reads fields that exist.
std::optional<tcpscope::TcpSegment> segmentFromFields(packet_info* pinfo, proto_tree* tree);

} // namespace tcpfsm
