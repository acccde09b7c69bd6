// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/analysis_fields.h"

#include "tcpscope/dissect.h"
#include "tcpscope/field_format.h"
#include "tcpscope/tcp_state_machine.h"

#include <iterator>

#include <cstdio>

namespace tcpscope {

namespace {

enum : int {
    F_STREAM,
    F_COMPLETENESS,
    F_SEQ,
    F_ACK,
    F_NXTSEQ,
    F_WINDOW,
    F_SCALEFACTOR,
    F_ANALYSIS,
    F_AFLAGS,
    F_DUPACK_NUM,
    F_DUPACK_FRAME,
    F_ACKS_FRAME,
    F_ACK_RTT,
    F_IRTT,
    F_IN_FLIGHT,
    F_FSM,
    F_FSM_CLIENT,
    F_FSM_SERVER,
    F_FSM_CLIENT_PREV,
    F_FSM_SERVER_PREV,
    F_FSM_EVENT,
    F_FSM_SENDER,
    F_FLAG0 // then one field per TcpAnalysisFlag bit, in bit order
};

constexpr auto N = FieldType::None;
const FieldDef kFields[] = {
    {"tcp.stream",
     "Stream index",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Which TCP connection this packet belongs to, counting from 0 in the order connections "
     "first appear (Wireshark's tcp.stream). A new SYN on a closed 4-tuple starts a new one."},
    {"tcp.completeness",
     "Conversation completeness",
     FieldType::UInt8,
     Base::Dec,
     0,
     {},
     "What of the connection the capture holds so far, as bits: 1 SYN, 2 SYN-ACK, 4 ACK, "
     "8 data, 16 FIN, 32 RST. 31 or 47 means a complete connection."},
    {"tcp.seq",
     "Sequence Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Sequence number relative to this direction's initial sequence number, so the first data "
     "byte is 1 (the SYN consumed 0). Easier to read than the raw 32-bit value."},
    {"tcp.ack",
     "Acknowledgment Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Acknowledgment number relative to the other direction's initial sequence number: the "
     "next byte this side expects."},
    {"tcp.nxtseq",
     "Next Sequence Number",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Sequence number after this segment: seq + payload length (+1 for SYN and for FIN). The "
     "other side's ACK for this segment will carry it."},
    {"tcp.window_size",
     "Calculated window size",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "The window in bytes: the header's window field shifted by the scale factor agreed in the "
     "handshake."},
    {"tcp.window_size_scalefactor",
     "Window size scaling factor",
     FieldType::Int32,
     Base::Dec,
     0,
     {},
     "The multiplier applied to the window field: 2^shift when both SYNs carried window "
     "scale, 1 when scaling is not used; -1 when unknown (handshake not captured), -2 when "
     "no scaling is used."},
    {"tcp.analysis",
     "SEQ/ACK analysis",
     N,
     Base::None,
     0,
     {},
     "What TcpScope concluded from the sequence and acknowledgment numbers of this connection."},
    {"tcp.analysis.flags",
     "TCP Analysis Flags",
     N,
     Base::None,
     0,
     {},
     "Present when the analysis found something worth a look (retransmission, duplicate ACK, "
     "zero window, ...)."},
    {"tcp.analysis.duplicate_ack_num",
     "Duplicate ACK #",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "How many duplicate ACKs of the same data have been seen. Three make the sender "
     "retransmit without waiting for a timeout (fast retransmit, RFC 5681)."},
    {"tcp.analysis.duplicate_ack_frame",
     "Duplicate to the ACK in frame",
     FieldType::FrameNum,
     Base::None,
     0,
     {},
     "The frame with the original ACK this one repeats."},
    {"tcp.analysis.acks_frame",
     "This is an ACK to the segment in frame",
     FieldType::FrameNum,
     Base::None,
     0,
     {},
     "The data segment that this ACK acknowledges."},
    {"tcp.analysis.ack_rtt",
     "The RTT to ACK the segment was",
     FieldType::RelTime,
     Base::None,
     0,
     {},
     "Time from the data segment to the ACK that covers it, seen at the capture point."},
    {"tcp.analysis.initial_rtt",
     "iRTT",
     FieldType::RelTime,
     Base::None,
     0,
     {},
     "Initial round-trip time: from the SYN to the ACK that completes the handshake."},
    {"tcp.analysis.bytes_in_flight",
     "Bytes in flight",
     FieldType::UInt32,
     Base::Dec,
     0,
     {},
     "Data sent but not yet acknowledged in this direction, after this segment."},
    {"tcpfsm",
     "TCP State Machine",
     FieldType::Protocol,
     Base::None,
     0,
     {},
     "Each endpoint's RFC 9293 state after this packet, as TcpScope reconstructs it. The "
     "capture point sees each packet once: it counts as sent by one endpoint and received by "
     "the other at that moment."},
    {"tcpfsm.client",
     "Client state",
     FieldType::String,
     Base::None,
     0,
     {},
     "State of the client (the side that sent the first SYN) after this packet."},
    {"tcpfsm.server",
     "Server state",
     FieldType::String,
     Base::None,
     0,
     {},
     "State of the server after this packet."},
    {"tcpfsm.client_prev",
     "Client state before",
     FieldType::String,
     Base::None,
     0,
     {},
     "State of the client before this packet."},
    {"tcpfsm.server_prev",
     "Server state before",
     FieldType::String,
     Base::None,
     0,
     {},
     "State of the server before this packet."},
    {"tcpfsm.event",
     "Event",
     FieldType::String,
     Base::None,
     0,
     {},
     "The transitions this packet caused, per endpoint, named as in the RFC 9293 state "
     "diagram (\"snd SYN\", \"rcv SYN / snd SYN,ACK\", \"rcv ACK of FIN\", ...)."},
    {"tcpfsm.sender",
     "Sender",
     FieldType::String,
     Base::None,
     0,
     {},
     "Which endpoint sent this packet: client or server."},
    // One per TcpAnalysisFlag bit, in bit order.
    {"tcp.analysis.retransmission",
     "This frame is a (suspected) retransmission",
     N,
     Base::None,
     0,
     {},
     "The segment carries bytes already sent: the sender believed them lost."},
    {"tcp.analysis.fast_retransmission",
     "This frame is a (suspected) fast retransmission",
     N,
     Base::None,
     0,
     {},
     "A retransmission triggered by duplicate ACKs rather than a timeout."},
    {"tcp.analysis.spurious_retransmission",
     "This frame is a (suspected) spurious retransmission",
     N,
     Base::None,
     0,
     {},
     "The retransmitted bytes had already been acknowledged: the retransmission was not needed."},
    {"tcp.analysis.out_of_order",
     "This frame is a (suspected) out-of-order segment",
     N,
     Base::None,
     0,
     {},
     "The segment arrived after a later one: reordered on the way."},
    {"tcp.analysis.lost_segment",
     "Previous segment(s) not captured (common at capture start)",
     N,
     Base::None,
     0,
     {},
     "A gap in the sequence numbers: bytes before this segment were not "
     "seen (lost, or missed by the capture)."},
    {"tcp.analysis.ack_lost_segment",
     "ACKed segment that wasn't captured (common at capture start)",
     N,
     Base::None,
     0,
     {},
     "The ACK covers data the capture never saw."},
    {"tcp.analysis.duplicate_ack",
     "Duplicate ACK",
     N,
     Base::None,
     0,
     {},
     "Same ACK number, window and no data as the previous ACK: the receiver is missing a "
     "segment and keeps asking for it."},
    {"tcp.analysis.zero_window",
     "TCP Zero Window segment",
     N,
     Base::None,
     0,
     {},
     "The receiver's buffer is full: the sender must stop until the window opens."},
    {"tcp.analysis.zero_window_probe",
     "TCP Zero Window Probe",
     N,
     Base::None,
     0,
     {},
     "A one-byte probe the sender uses to see whether a zero window has opened."},
    {"tcp.analysis.zero_window_probe_ack",
     "ACK to a TCP Zero Window Probe",
     N,
     Base::None,
     0,
     {},
     "The receiver's answer to a zero window probe."},
    {"tcp.analysis.window_full",
     "TCP window specified by the receiver is now completely full",
     N,
     Base::None,
     0,
     {},
     "The sender has filled the receiver's whole advertised window."},
    {"tcp.analysis.window_update",
     "TCP window update",
     N,
     Base::None,
     0,
     {},
     "A pure ACK whose only news is a larger window."},
    {"tcp.analysis.keep_alive",
     "TCP keep-alive segment",
     N,
     Base::None,
     0,
     {},
     "A probe with sequence number one below the next expected byte, to check that an idle "
     "peer is still there."},
    {"tcp.analysis.keep_alive_ack",
     "ACK to a TCP keep-alive segment",
     N,
     Base::None,
     0,
     {},
     "The peer's answer to a keep-alive."},
    {"tcp.analysis.reused_ports",
     "A new tcp session is started with the same ports as an earlier session in this trace",
     N,
     Base::None,
     0,
     {},
     "A SYN reuses the 4-tuple of an earlier connection."},
};
static_assert(std::size(kFields) == F_FLAG0 + TcpAnalysisFlag::Count);

FieldId g_base = 0;
FieldId fid(int i) {
    return static_cast<FieldId>(g_base + i);
}

double seconds(int64_t ns) {
    return double(ns) / 1e9;
}

} // namespace

void registerAnalysisFields() {
    g_base = FieldRegistry::instance().add(kFields);
}

std::string_view senderRoleText(const TcpPacketAnalysis& a) {
    return a.sender == EndpointRole::Client ? "client" : "server";
}

std::string fsmEventText(const TcpPacketAnalysis& a) {
    std::string out;
    auto step = [&](const char* who, const EndpointStep& s) {
        if (s.event == TcpEvent::None) return;
        const TcpTransition* t = findTransition(s.before, s.event);
        if (!out.empty()) out += "; ";
        out += who;
        out += ": ";
        out += t ? t->label : eventName(s.event);
    };
    // The sender's step first: it acted, the other side reacted.
    if (a.sender == EndpointRole::Client) {
        step("client", a.client);
        step("server", a.server);
    } else {
        step("server", a.server);
        step("client", a.client);
    }
    return out;
}

void addAnalysisToTree(ProtoTree& tree, const TcpPacketAnalysis& a, bool displayText) {
    registerAllProtocols();
    static const FieldId tcpId = fieldId("tcp");
    int32_t tcp = tree.findFirst(tcpId);
    if (tcp < 0) return;
    addAnalysisNodes(tree, tcp, tree.node(tcp).offset, a, displayText);
}

void addAnalysisNodes(ProtoTree& tree, int32_t tcp, uint32_t at, const TcpPacketAnalysis& a,
                      bool displayText) {
    registerAllProtocols();
    // Text and string values are built only for nodes the tree keeps (ProtoTree::keepOnly).
    auto wants = [&](int f) { return tree.keeps(fid(f)); };
    auto text = [&](int f, auto&& build) {
        return displayText && wants(f) ? std::string(build()) : std::string();
    };
    auto gen = [&](int32_t parent, int f, FieldValue v, std::string display = {}) {
        if (!wants(f)) return int32_t(-1);
        const FieldDef& d = FieldRegistry::instance().def(fid(f));
        if (!displayText)
            display.clear();
        else if (display.empty())
            display = defaultDisplay(d, v, 0);
        int32_t n = tree.add(parent, fid(f), at, 0, std::move(v), std::move(display));
        tree.setGenerated(n);
        return n;
    };
    gen(tcp, F_STREAM, uint64_t(a.stream));
    gen(tcp, F_COMPLETENESS, uint64_t(a.completeness));
    gen(tcp, F_SEQ, uint64_t(a.seq), text(F_SEQ, [&] {
            return "Sequence Number: " + std::to_string(a.seq) + "    (relative sequence number)";
        }));
    gen(tcp, F_NXTSEQ, uint64_t(a.nxtseq), text(F_NXTSEQ, [&] {
            return "Next Sequence Number: " + std::to_string(a.nxtseq) +
                   "    (relative sequence number)";
        }));
    gen(tcp, F_ACK, uint64_t(a.ack), text(F_ACK, [&] {
            return "Acknowledgment Number: " + std::to_string(a.ack) +
                   ((a.flags & TcpFlag::Ack) ? "    (relative ack number)" : "");
        }));
    gen(tcp, F_WINDOW, uint64_t(a.windowSize));
    if (a.hasScalefactor) {
        gen(tcp, F_SCALEFACTOR, int64_t(a.windowSizeScalefactor), text(F_SCALEFACTOR, [&] {
                std::string t =
                    "Window size scaling factor: " + std::to_string(a.windowSizeScalefactor);
                if (a.windowSizeScalefactor == -1) t += " (unknown)";
                if (a.windowSizeScalefactor == -2) t += " (no window scaling used)";
                return t;
            }));
    }
    bool anyAnalysis = a.analysisFlags || a.acksFrame || a.ackRttNs >= 0 || a.initialRttNs >= 0 ||
                       a.bytesInFlight >= 0;
    if (anyAnalysis) {
        int32_t an = gen(tcp, F_ANALYSIS, std::monostate{});
        if (a.initialRttNs >= 0) gen(an, F_IRTT, seconds(a.initialRttNs));
        if (a.acksFrame) gen(an, F_ACKS_FRAME, uint64_t(a.acksFrame));
        if (a.ackRttNs >= 0) gen(an, F_ACK_RTT, seconds(a.ackRttNs));
        if (a.bytesInFlight >= 0) gen(an, F_IN_FLIGHT, uint64_t(a.bytesInFlight));
        if (a.analysisFlags) {
            int32_t fl = gen(an, F_AFLAGS, std::monostate{});
            for (uint32_t bit = 0; bit < TcpAnalysisFlag::Count; ++bit) {
                uint32_t mask = 1u << bit;
                if (!(a.analysisFlags & mask)) continue;
                int32_t n = gen(fl, F_FLAG0 + int(bit), std::monostate{});
                if (n >= 0)
                    tree.addNote(n, analysisFlagSeverity(mask),
                                 std::string(analysisFlagField(mask)),
                                 std::string(analysisFlagMessage(mask)));
            }
            if (a.duplicateAckNum) {
                gen(an, F_DUPACK_NUM, uint64_t(a.duplicateAckNum));
                gen(an, F_DUPACK_FRAME, uint64_t(a.duplicateAckFrame));
            }
        }
    }
    // The state machine as its own layer, like the Wireshark plugin's post-dissector.
    int32_t fsm = -1;
    if (wants(F_FSM)) {
        fsm = tree.add(-1, fid(F_FSM), at, 0, std::monostate{},
                       "TCP State Machine, Client: " + std::string(stateName(a.client.after)) +
                           ", Server: " + std::string(stateName(a.server.after)));
        tree.setGenerated(fsm);
    }
    if (wants(F_FSM_SENDER)) gen(fsm, F_FSM_SENDER, std::string(senderRoleText(a)));
    if (wants(F_FSM_CLIENT_PREV))
        gen(fsm, F_FSM_CLIENT_PREV, std::string(stateName(a.client.before)));
    if (wants(F_FSM_CLIENT)) gen(fsm, F_FSM_CLIENT, std::string(stateName(a.client.after)));
    if (wants(F_FSM_SERVER_PREV))
        gen(fsm, F_FSM_SERVER_PREV, std::string(stateName(a.server.before)));
    if (wants(F_FSM_SERVER)) gen(fsm, F_FSM_SERVER, std::string(stateName(a.server.after)));
    if (wants(F_FSM_EVENT)) gen(fsm, F_FSM_EVENT, fsmEventText(a));
    if (fsm < 0) return;
    for (uint32_t k = 0; k < 32; ++k) {
        if (!(a.notes & (1u << k))) continue;
        TrackerNoteInfo info = trackerNoteInfo(static_cast<TrackerNote>(k));
        if (info.id.empty()) continue;
        tree.addNote(fsm, info.severity, std::string(info.id), std::string(info.message));
    }
}

} // namespace tcpscope
