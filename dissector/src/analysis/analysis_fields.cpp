// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/analysis_fields.h"

#include "tcpscope/dissect.h"
#include "tcpscope/field_format.h"
#include "tcpscope/tcp_state_machine.h"

#include <algorithm>
#include <iterator>

#include <cstdio>

namespace tcpscope {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea); `flag` has one field per
// TcpAnalysisFlag bit, in bit order.
struct AnalysisFields {
    FieldId stream, completeness, seq, ack, nxtseq, window, scalefactor, analysis, aflags,
        dupackNum, dupackFrame, acksFrame, ackRtt, irtt, inFlight, pushBytes, timeRelative,
        timeDelta, fsm, fsmClient, fsmServer, fsmClientPrev, fsmServerPrev, fsmEvent, fsmSender;
    FieldId flag[TcpAnalysisFlag::Count];
};
AnalysisFields hf;

constexpr auto N = FieldType::None;
const FieldDef kFields[] = {
    {.handle = &hf.stream,
     .abbrev = "tcp.stream",
     .name = "Stream index",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Which TCP connection this packet belongs to, counting from 0 in the order connections "
         "first appear (Wireshark's tcp.stream). A new SYN on a closed 4-tuple starts a new one."},
    {.handle = &hf.completeness,
     .abbrev = "tcp.completeness",
     .name = "Conversation completeness",
     .type = FieldType::UInt8,
     .base = Base::Dec,
     .explanation =
         "What of the connection the capture holds so far, as bits: 1 SYN, 2 SYN-ACK, 4 ACK, "
         "8 data, 16 FIN, 32 RST. 31 or 47 means a complete connection."},
    {.handle = &hf.seq,
     .abbrev = "tcp.seq",
     .name = "Sequence Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Sequence number relative to this direction's initial sequence number, so the first data "
         "byte is 1 (the SYN consumed 0). Easier to read than the raw 32-bit value."},
    {.handle = &hf.ack,
     .abbrev = "tcp.ack",
     .name = "Acknowledgment Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Acknowledgment number relative to the other direction's initial sequence number: the "
         "next byte this side expects."},
    {.handle = &hf.nxtseq,
     .abbrev = "tcp.nxtseq",
     .name = "Next Sequence Number",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Sequence number after this segment: seq + payload length (+1 for SYN and for FIN). The "
         "other side's ACK for this segment will carry it."},
    {.handle = &hf.window,
     .abbrev = "tcp.window_size",
     .name = "Calculated window size",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "The window in bytes: the header's window field shifted by the scale factor agreed in the "
         "handshake."},
    {.handle = &hf.scalefactor,
     .abbrev = "tcp.window_size_scalefactor",
     .name = "Window size scaling factor",
     .type = FieldType::Int32,
     .base = Base::Dec,
     .explanation =
         "The multiplier applied to the window field: 2^shift when both SYNs carried window "
         "scale, 1 when scaling is not used; -1 when unknown (handshake not captured), -2 when "
         "no scaling is used."},
    {.handle = &hf.analysis,
     .abbrev = "tcp.analysis",
     .name = "SEQ/ACK analysis",
     .type = N,
     .explanation = "What TcpScope concluded from the sequence and acknowledgment numbers of this "
                    "connection."},
    {.handle = &hf.aflags,
     .abbrev = "tcp.analysis.flags",
     .name = "TCP Analysis Flags",
     .type = N,
     .explanation =
         "Present when the analysis found something worth a look (retransmission, duplicate ACK, "
         "zero window, ...)."},
    {.handle = &hf.dupackNum,
     .abbrev = "tcp.analysis.duplicate_ack_num",
     .name = "Duplicate ACK #",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "How many duplicate ACKs of the same data have been seen. Three make the sender "
         "retransmit without waiting for a timeout (fast retransmit, RFC 5681)."},
    {.handle = &hf.dupackFrame,
     .abbrev = "tcp.analysis.duplicate_ack_frame",
     .name = "Duplicate to the ACK in frame",
     .type = FieldType::FrameNum,
     .explanation = "The frame with the original ACK this one repeats."},
    {.handle = &hf.acksFrame,
     .abbrev = "tcp.analysis.acks_frame",
     .name = "This is an ACK to the segment in frame",
     .type = FieldType::FrameNum,
     .explanation = "The data segment that this ACK acknowledges."},
    {.handle = &hf.ackRtt,
     .abbrev = "tcp.analysis.ack_rtt",
     .name = "The RTT to ACK the segment was",
     .type = FieldType::RelTime,
     .explanation =
         "Time from the data segment to the ACK that covers it, seen at the capture point."},
    {.handle = &hf.irtt,
     .abbrev = "tcp.analysis.initial_rtt",
     .name = "iRTT",
     .type = FieldType::RelTime,
     .explanation =
         "Initial round-trip time: from the SYN to the ACK that completes the handshake."},
    {.handle = &hf.inFlight,
     .abbrev = "tcp.analysis.bytes_in_flight",
     .name = "Bytes in flight",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation = "Data sent but not yet acknowledged in this direction, after this segment."},
    {.handle = &hf.pushBytes,
     .abbrev = "tcp.analysis.push_bytes_sent",
     .name = "Bytes sent since last PSH flag",
     .type = FieldType::UInt32,
     .base = Base::Dec,
     .explanation =
         "Data this direction sent since its last segment with PSH, this one included: the size "
         "of the message the application handed over (PSH marks where a write ended)."},
    {.handle = &hf.timeRelative,
     .abbrev = "tcp.time_relative",
     .name = "Time since first frame in this TCP stream",
     .type = FieldType::RelTime,
     .explanation = "Seconds since the connection's first captured packet."},
    {.handle = &hf.timeDelta,
     .abbrev = "tcp.time_delta",
     .name = "Time since previous frame in this TCP stream",
     .type = FieldType::RelTime,
     .explanation = "Seconds since the connection's previous captured packet, either direction."},
    {.handle = &hf.fsm,
     .abbrev = "tcpfsm",
     .name = "TCP State Machine",
     .type = FieldType::Protocol,
     .explanation =
         "Each endpoint's RFC 9293 state after this packet, as TcpScope reconstructs it. The "
         "capture point sees each packet once: it counts as sent by one endpoint and received by "
         "the other at that moment."},
    {.handle = &hf.fsmClient,
     .abbrev = "tcpfsm.client",
     .name = "Client state",
     .type = FieldType::String,
     .explanation = "State of the client (the side that sent the first SYN) after this packet."},
    {.handle = &hf.fsmServer,
     .abbrev = "tcpfsm.server",
     .name = "Server state",
     .type = FieldType::String,
     .explanation = "State of the server after this packet."},
    {.handle = &hf.fsmClientPrev,
     .abbrev = "tcpfsm.client_prev",
     .name = "Client state before",
     .type = FieldType::String,
     .explanation = "State of the client before this packet."},
    {.handle = &hf.fsmServerPrev,
     .abbrev = "tcpfsm.server_prev",
     .name = "Server state before",
     .type = FieldType::String,
     .explanation = "State of the server before this packet."},
    {.handle = &hf.fsmEvent,
     .abbrev = "tcpfsm.event",
     .name = "Event",
     .type = FieldType::String,
     .explanation =
         "The transitions this packet caused, per endpoint, named as in the RFC 9293 state "
         "diagram (\"snd SYN\", \"rcv SYN / snd SYN,ACK\", \"rcv ACK of FIN\", ...)."},
    {.handle = &hf.fsmSender,
     .abbrev = "tcpfsm.sender",
     .name = "Sender",
     .type = FieldType::String,
     .explanation = "Which endpoint sent this packet: client or server."},
    {.handle = &hf.flag[0],
     .abbrev = "tcp.analysis.retransmission",
     .name = "This frame is a (suspected) retransmission",
     .type = N,
     .explanation = "The segment carries bytes already sent: the sender believed them lost."},
    {.handle = &hf.flag[1],
     .abbrev = "tcp.analysis.fast_retransmission",
     .name = "This frame is a (suspected) fast retransmission",
     .type = N,
     .explanation = "A retransmission triggered by duplicate ACKs rather than a timeout."},
    {.handle = &hf.flag[2],
     .abbrev = "tcp.analysis.spurious_retransmission",
     .name = "This frame is a (suspected) spurious retransmission",
     .type = N,
     .explanation = "The retransmitted bytes had already been acknowledged: the retransmission was "
                    "not needed."},
    {.handle = &hf.flag[3],
     .abbrev = "tcp.analysis.out_of_order",
     .name = "This frame is a (suspected) out-of-order segment",
     .type = N,
     .explanation = "The segment arrived after a later one: reordered on the way."},
    {.handle = &hf.flag[4],
     .abbrev = "tcp.analysis.lost_segment",
     .name = "Previous segment(s) not captured (common at capture start)",
     .type = N,
     .explanation = "A gap in the sequence numbers: bytes before this segment were not "
                    "seen (lost, or missed by the capture)."},
    {.handle = &hf.flag[5],
     .abbrev = "tcp.analysis.ack_lost_segment",
     .name = "ACKed segment that wasn't captured (common at capture start)",
     .type = N,
     .explanation = "The ACK covers data the capture never saw."},
    {.handle = &hf.flag[6],
     .abbrev = "tcp.analysis.duplicate_ack",
     .name = "Duplicate ACK",
     .type = N,
     .explanation =
         "Same ACK number, window and no data as the previous ACK: the receiver is missing a "
         "segment and keeps asking for it."},
    {.handle = &hf.flag[7],
     .abbrev = "tcp.analysis.zero_window",
     .name = "TCP Zero Window segment",
     .type = N,
     .explanation = "The receiver's buffer is full: the sender must stop until the window opens."},
    {.handle = &hf.flag[8],
     .abbrev = "tcp.analysis.zero_window_probe",
     .name = "TCP Zero Window Probe",
     .type = N,
     .explanation = "A one-byte probe the sender uses to see whether a zero window has opened."},
    {.handle = &hf.flag[9],
     .abbrev = "tcp.analysis.zero_window_probe_ack",
     .name = "ACK to a TCP Zero Window Probe",
     .type = N,
     .explanation = "The receiver's answer to a zero window probe."},
    {.handle = &hf.flag[10],
     .abbrev = "tcp.analysis.window_full",
     .name = "TCP window specified by the receiver is now completely full",
     .type = N,
     .explanation = "The sender has filled the receiver's whole advertised window."},
    {.handle = &hf.flag[11],
     .abbrev = "tcp.analysis.window_update",
     .name = "TCP window update",
     .type = N,
     .explanation = "A pure ACK whose only news is a larger window."},
    {.handle = &hf.flag[12],
     .abbrev = "tcp.analysis.keep_alive",
     .name = "TCP keep-alive segment",
     .type = N,
     .explanation =
         "A probe with sequence number one below the next expected byte, to check that an idle "
         "peer is still there."},
    {.handle = &hf.flag[13],
     .abbrev = "tcp.analysis.keep_alive_ack",
     .name = "ACK to a TCP keep-alive segment",
     .type = N,
     .explanation = "The peer's answer to a keep-alive."},
    {.handle = &hf.flag[14],
     .abbrev = "tcp.analysis.reused_ports",
     .name = "A new tcp session is started with the same ports as an earlier session in this trace",
     .type = N,
     .explanation = "A SYN reuses the 4-tuple of an earlier connection."},
};
static_assert(std::size(kFields) == sizeof(AnalysisFields) / sizeof(FieldId));

double seconds(int64_t ns) {
    return double(ns) / 1e9;
}

} // namespace

void registerAnalysisFields() {
    FieldRegistry::instance().add(kFields);
}

bool isAnalysisField(FieldId field) {
    registerAllProtocols(); // the handles are filled in at registration
    return std::any_of(std::begin(kFields), std::end(kFields),
                       [&](const FieldDef& d) { return *d.handle == field; });
}

std::string_view senderRoleText(const TcpPacketAnalysis& a) {
    return a.sender == EndpointRole::Client ? "client" : "server";
}

// Written into `out`, whose buffer a caller may keep from packet to packet.
void fsmEventText(const TcpPacketAnalysis& a, std::string& out) {
    out.clear();
    auto step = [&](const char* who, const EndpointStep& s) {
        if (s.event == TcpEvent::None) return;
        const TcpTransition* t = findTransition(s.before, s.event);
        if (!out.empty()) out += "; ";
        out += who;
        out += ": ";
        out += t ? t->label() : eventName(s.event);
    };
    // The sender's step first: it acted, the other side reacted.
    if (a.sender == EndpointRole::Client) {
        step("client", a.client);
        step("server", a.server);
    } else {
        step("server", a.server);
        step("client", a.client);
    }
}

std::string fsmEventText(const TcpPacketAnalysis& a) {
    std::string out;
    fsmEventText(a, out);
    return out;
}

void addAnalysisToTree(ProtoTree& tree, const ConnectionTracker& tracker,
                       const TcpPacketAnalysis& a, bool displayText) {
    registerAllProtocols();
    static const FieldId tcpId = fieldId("tcp");
    int32_t tcp = tree.findFirst(tcpId);
    if (tcp < 0) return;
    addAnalysisNodes(tree, tcp, tree.node(tcp).offset, tracker, a, displayText);
}

namespace {

// Adds the generated nodes of one packet's analysis to a tree, each only when the tree keeps
// its field (ProtoTree::keepOnly): text and string values are built only for those.
class AnalysisNodes {
  public:
    AnalysisNodes(ProtoTree& tree, uint32_t at, const TcpPacketAnalysis& a, int64_t initialRttNs,
                  bool displayText)
        : m_tree(tree), m_at(at), m_a(a), m_initialRttNs(initialRttNs), m_displayText(displayText) {
    }

    // tcp.stream, relative seq/ack/nxtseq, the scaled window.
    void addSequence(int32_t tcp) {
        addStream(tcp);
        gen(tcp, hf.seq, uint64_t(m_a.seq), text(hf.seq, [&] {
                return std::to_string(m_a.seq) + "    (relative sequence number)";
            }));
        gen(tcp, hf.nxtseq, uint64_t(m_a.nxtseq), text(hf.nxtseq, [&] {
                return std::to_string(m_a.nxtseq) + "    (relative sequence number)";
            }));
        gen(tcp, hf.ack, uint64_t(m_a.ack), text(hf.ack, [&] {
                return std::to_string(m_a.ack) +
                       ((m_a.flags & TcpFlag::Ack) ? "    (relative ack number)" : "");
            }));
        gen(tcp, hf.window, uint64_t(m_a.windowSize));
        if (!m_a.hasScalefactor) return;
        const int32_t f = m_a.windowSizeScalefactor;
        gen(tcp, hf.scalefactor, int64_t(f), text(hf.scalefactor, [&] {
                return std::to_string(f) + (f == -1   ? " (unknown)"
                                            : f == -2 ? " (no window scaling used)"
                                                      : "");
            }));
    }

    void addStream(int32_t tcp) {
        gen(tcp, hf.stream, uint64_t(m_a.stream));
        gen(tcp, hf.completeness, uint64_t(m_a.completeness));
    }

    // Wireshark's [Timestamps] (its subtree has no field of its own: here they stand in tcp).
    void addTimes(int32_t tcp) {
        if (m_a.timeRelativeNs == INT64_MIN) return;
        gen(tcp, hf.timeRelative, seconds(m_a.timeRelativeNs));
        gen(tcp, hf.timeDelta, seconds(m_a.timeDeltaNs));
    }

    // Wireshark's "SEQ/ACK analysis" subtree: RTTs, bytes in flight, the analysis flags.
    void addAnalysis(int32_t tcp) {
        const TcpPacketAnalysis& a = m_a;
        // As Wireshark, an RTT of exactly zero (the ACK captured with the segment's time stamp)
        // is not shown; a negative one (a clock that stepped back) is.
        const bool rtt = a.ackRttNs != INT64_MIN && a.ackRttNs != 0;
        // The iRTT goes in the subtree when there is one, as in Wireshark (a FIN with nothing
        // to acknowledge and no bytes in flight has none).
        if (!(a.analysisFlags || a.acksFrame || rtt || a.bytesInFlight >= 0 || a.seqAnalysisShown))
            return;
        int32_t an = gen(tcp, hf.analysis, std::monostate{});
        if (m_initialRttNs >= 0) gen(an, hf.irtt, seconds(m_initialRttNs));
        if (a.acksFrame) gen(an, hf.acksFrame, uint64_t(a.acksFrame));
        if (rtt) gen(an, hf.ackRtt, seconds(a.ackRttNs));
        if (a.bytesInFlight >= 0) gen(an, hf.inFlight, uint64_t(a.bytesInFlight));
        // As Wireshark, the bytes pushed are shown with the bytes in flight only.
        if (a.bytesInFlight >= 0 && a.pushBytesSent)
            gen(an, hf.pushBytes, uint64_t(a.pushBytesSent));
        if (!a.analysisFlags) return;
        int32_t fl = gen(an, hf.aflags, std::monostate{});
        for (uint32_t bit = 0; bit < TcpAnalysisFlag::Count; ++bit) {
            const uint32_t mask = 1u << bit;
            if (!(a.analysisFlags & mask)) continue;
            int32_t n = gen(fl, hf.flag[bit], std::monostate{});
            // Notes are text: a value-only tree (a filter's, `fields`) goes without them.
            if (n >= 0 && m_displayText)
                m_tree.addNote(n, analysisFlagSeverity(mask), std::string(analysisFlagField(mask)),
                               std::string(analysisFlagMessage(mask)));
        }
        if (a.duplicateAckNum) {
            gen(an, hf.dupackNum, uint64_t(a.duplicateAckNum));
            gen(an, hf.dupackFrame, uint64_t(a.duplicateAckFrame));
        }
    }

    // The state machine as its own layer, like the Wireshark plugin's post-dissector.
    void addStateMachine() {
        const TcpPacketAnalysis& a = m_a;
        int32_t fsm = -1;
        if (wants(hf.fsm)) {
            NodeText t;
            if (m_displayText)
                t = composeText(FieldRegistry::instance().def(hf.fsm), std::monostate{}, 0,
                                Shown::title("TCP State Machine, Client: " +
                                             std::string(stateName(a.client.after)) + ", Server: " +
                                             std::string(stateName(a.server.after))));
            fsm = m_tree.add(-1, hf.fsm, m_at, 0, std::monostate{}, std::move(t));
            m_tree.setGenerated(fsm);
        }
        genString(fsm, hf.fsmSender, senderRoleText(a));
        genString(fsm, hf.fsmClientPrev, stateName(a.client.before));
        genString(fsm, hf.fsmClient, stateName(a.client.after));
        genString(fsm, hf.fsmServerPrev, stateName(a.server.before));
        genString(fsm, hf.fsmServer, stateName(a.server.after));
        if (wants(hf.fsmEvent)) {
            thread_local std::string event; // its buffer serves every packet of the thread
            fsmEventText(a, event);
            genString(fsm, hf.fsmEvent, event);
        }
        if (fsm < 0 || !m_displayText) return;
        for (uint32_t k = 0; k < 32; ++k) {
            if (!(a.notes & (1u << k))) continue;
            TrackerNoteInfo info = trackerNoteInfo(static_cast<TrackerNote>(k));
            if (info.id.empty()) continue;
            m_tree.addNote(fsm, info.severity, std::string(info.id), std::string(info.message));
        }
    }

  private:
    bool wants(FieldId f) const { return m_tree.keeps(f); }
    // What a node shows, built only for a node that is kept with text; otherwise kNoShown, so
    // that a field left out (most of them, for `fields`) neither builds nor destroys a Shown.
    template <typename Fn> const Shown& text(FieldId f, Fn&& build) {
        if (!m_displayText || !wants(f)) return kNoShown;
        m_shown = Shown::val(build());
        return m_shown;
    }
    // The value is made a FieldValue only for a node that is kept, as DissectContext::add().
    // The test is inline and the node is added out of line: a call for a field left out then
    // costs the test alone, not the stack frame that building a node needs.
    template <typename V>
    int32_t gen(int32_t parent, FieldId f, V v, const Shown& shown = kNoShown) {
        return wants(f) ? addNode(parent, f, v, shown) : -1;
    }
    template <typename V>
    [[gnu::noinline]] int32_t addNode(int32_t parent, FieldId f, V v, const Shown& shown) {
        FieldValue value(v);
        NodeText t = m_displayText ? composeText(FieldRegistry::instance().def(f), value, 0, shown)
                                   : NodeText{};
        int32_t n = m_tree.add(parent, f, m_at, 0, std::move(value), std::move(t));
        m_tree.setGenerated(n);
        return n;
    }

    // A string value, copied into the tree's reused buffers (ProtoTree::setString).
    void genString(int32_t parent, FieldId f, std::string_view v) {
        if (!wants(f)) return;
        const int32_t n = m_tree.add(parent, f, m_at, 0, std::monostate{}, NodeText{});
        m_tree.setString(n, v);
        m_tree.setGenerated(n);
        if (m_displayText)
            m_tree.setText(
                n, composeText(FieldRegistry::instance().def(f), m_tree.node(n).value, 0, Shown()));
    }

    ProtoTree& m_tree;
    uint32_t m_at;
    const TcpPacketAnalysis& m_a;
    int64_t m_initialRttNs; // the connection's, when the packet shows it (else -1)
    bool m_displayText;
    Shown m_shown; // the last text() built, used within the statement that asked for it
};

} // namespace

void addAnalysisNodes(ProtoTree& tree, int32_t tcp, uint32_t at, const ConnectionTracker& tracker,
                      const TcpPacketAnalysis& a, bool displayText) {
    registerAllProtocols();
    AnalysisNodes nodes(tree, at, a, tracker.initialRttNs(a), displayText);
    // A segment with a bogus data offset was not analysed: it has its stream only.
    if (a.headerMalformed) {
        nodes.addStream(tcp);
        return nodes.addTimes(tcp);
    }
    nodes.addSequence(tcp);
    nodes.addTimes(tcp);
    nodes.addAnalysis(tcp);
    nodes.addStateMachine();
}

} // namespace tcpscope
