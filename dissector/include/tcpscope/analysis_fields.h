// SPDX-License-Identifier: GPL-2.0-or-later
// The tracker's results as fields: Wireshark's tcp.stream, tcp.seq/ack/nxtseq, scaled window,
// tcp.analysis.*, and TcpScope's own tcpfsm.* (each endpoint's RFC 9293 state). They are
// generated nodes added to a dissected tree, so `fields -e`, the tree view and JSON show them
// exactly like header fields.
#pragma once

#include "tcpscope/connection_tracker.h"
#include "tcpscope/proto_tree.h"

#include <string>

namespace tcpscope {

// Adds the analysis of one packet under its TCP layer and a "tcpfsm" layer after it. Call
// after dissectFrame() on the same packet; does nothing if the tree has no TCP layer.
// displayText = false leaves the display strings empty (for value-only output such as fields).
// `tracker` made `analysis` (it keeps what is the same for the whole connection: the iRTT).
void addAnalysisToTree(ProtoTree& tree, const ConnectionTracker& tracker,
                       const TcpPacketAnalysis& analysis, bool displayText = true);

// The same nodes under a given TCP node (`tcp`, -1 for none: then they become top-level nodes)
// at byte offset `at`. A tree that keeps only some fields (ProtoTree::keepOnly) gets only those,
// and pays only for their values: `fields` renders the analysis of a packet this way once the
// tracker has settled it, without the packet's dissection tree.
void addAnalysisNodes(ProtoTree& tree, int32_t tcp, uint32_t at, const ConnectionTracker& tracker,
                      const TcpPacketAnalysis& analysis, bool displayText = true);

// Whether a field is one of the above: a node only the tracker's results give, never a
// dissector. A kept tree of these alone needs no dissection tree (FirstPass).
bool isAnalysisField(FieldId field);

// tcpfsm.event: each endpoint's transition on this packet, "client: snd FIN; server: rcv FIN /
// snd ACK" (only endpoints whose state machine took a step), or "" if none did.
std::string fsmEventText(const TcpPacketAnalysis& analysis);

// "client" or "server".
std::string_view senderRoleText(const TcpPacketAnalysis& analysis);

// Registers the fields above (called by registerAllProtocols()).
void registerAnalysisFields();

} // namespace tcpscope
