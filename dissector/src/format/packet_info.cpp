// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/packet_info.h"

#include "tcpscope/field.h"
#include "tcpscope/packet_summary.h"

#include <cctype>

namespace tcpscope {

namespace {

constexpr std::string_view kArrow = "\u2192"; // →

void appendNumber(std::string& out, uint64_t v) {
    out += std::to_string(v);
}

// "[TCP Dup ACK 5#1] [TCP Retransmission] ": Wireshark's labels of the analysis flags.
void appendAnalysisLabels(std::string& out, const TcpPacketAnalysis& a) {
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i) {
        const uint32_t bit = 1u << i;
        if (!(a.analysisFlags & bit)) continue;
        out += '[';
        out += analysisInfoLabel(bit);
        if (bit == TcpAnalysisFlag::DuplicateAck) {
            out += ' ';
            appendNumber(out, a.duplicateAckFrame);
            out += '#';
            appendNumber(out, a.duplicateAckNum);
        }
        out += "] ";
    }
}

// The TCP part: "57729 → 3000 [S] seq 0, win 65495, len 0, options [mss 65495,sackOK]".
// Relative numbers where the tracker knows them.
struct TcpInfoInput {
    uint16_t srcPort, dstPort, flags, window;
    uint32_t seq, ack, payloadLength;
    const TcpOptionSummary& options;
    uint32_t problems;
};

void appendTcp(std::string& out, const TcpInfoInput& in, const TcpPacketAnalysis* a) {
    appendNumber(out, in.srcPort);
    out += ' ';
    out += kArrow;
    out += ' ';
    appendNumber(out, in.dstPort);
    out += " [" + tcpdumpFlagLetters(in.flags) + "] ";
    const uint32_t seq = a ? a->seq : in.seq;
    const uint16_t f = in.flags;
    if (in.payloadLength || (f & (TcpFlag::Syn | TcpFlag::Fin)) || !(f & TcpFlag::Ack)) {
        out += "seq ";
        appendNumber(out, seq);
        if (in.payloadLength) {
            out += ':';
            appendNumber(out, uint32_t(seq + in.payloadLength));
        }
        out += ", ";
    }
    if (f & TcpFlag::Ack) {
        out += "ack ";
        appendNumber(out, a ? a->ack : in.ack);
        out += ", ";
    }
    out += "win ";
    appendNumber(out, in.window);
    out += ", len ";
    appendNumber(out, in.payloadLength);
    std::string opts;
    auto opt = [&](const std::string& s) { opts += (opts.empty() ? "" : ",") + s; };
    if (in.options.mss >= 0) opt("mss " + std::to_string(in.options.mss));
    if (in.options.sackPermitted) opt("sackOK");
    if (in.options.hasTimestamp && (f & TcpFlag::Syn)) opt("TS");
    if (in.options.wscale >= 0) opt("wscale " + std::to_string(in.options.wscale));
    if (!opts.empty()) out += ", options [" + opts + "]";
    if (in.problems & (Problem::TcpTruncated | Problem::PayloadTruncated | Problem::IpTruncated))
        out += " [truncated]";
    if (in.problems & (Problem::TcpMalformed | Problem::OptionsMalformed | Problem::IpMalformed))
        out += " [malformed]";
}

// " · Segment sent ... before the handshake completed": the state machine's notes.
void appendTrackerNotes(std::string& out, const TcpPacketAnalysis& a) {
    for (uint32_t i = 0; i < kTrackerNoteCount; ++i)
        if (a.notes & (1u << i)) {
            out += " \u00b7 ";
            out += trackerNoteInfo(static_cast<TrackerNote>(i)).message;
        }
}

} // namespace

std::string tcpdumpFlagLetters(uint16_t f) {
    static constexpr std::pair<uint16_t, char> kLetters[] = {
        {TcpFlag::Fin, 'F'}, {TcpFlag::Syn, 'S'}, {TcpFlag::Rst, 'R'},
        {TcpFlag::Psh, 'P'}, {TcpFlag::Ack, '.'}, {TcpFlag::Urg, 'U'},
        {TcpFlag::Ece, 'E'}, {TcpFlag::Cwr, 'W'}, {TcpFlag::Ae, 'e'}};
    std::string s;
    for (auto [bit, letter] : kLetters)
        if (f & bit) s += letter;
    return s.empty() ? "none" : s;
}

std::string_view analysisInfoLabel(uint32_t bit) {
    using namespace TcpAnalysisFlag;
    switch (bit) {
    case Retransmission:
        return "TCP Retransmission";
    case FastRetransmission:
        return "TCP Fast Retransmission";
    case SpuriousRetransmission:
        return "TCP Spurious Retransmission";
    case OutOfOrder:
        return "TCP Out-Of-Order";
    case LostSegment:
        return "TCP Previous segment not captured";
    case AckLostSegment:
        return "TCP ACKed unseen segment";
    case DuplicateAck:
        return "TCP Dup ACK";
    case ZeroWindow:
        return "TCP ZeroWindow";
    case ZeroWindowProbe:
        return "TCP ZeroWindowProbe";
    case ZeroWindowProbeAck:
        return "TCP ZeroWindowProbeAck";
    case WindowFull:
        return "TCP Window Full";
    case WindowUpdate:
        return "TCP Window Update";
    case KeepAlive:
        return "TCP Keep-Alive";
    case KeepAliveAck:
        return "TCP Keep-Alive ACK";
    case ReusedPorts:
        return "TCP Port numbers reused";
    }
    return {};
}

std::string_view protocolShortName(FieldId protocol) {
    if (protocol == kNoField) return "Frame";
    const FieldDef& d = FieldRegistry::instance().def(protocol);
    return d.shortName.empty() ? d.abbrev : d.shortName;
}

FieldId tcpProtocolField() {
    static const FieldId id = fieldId("tcp");
    return id;
}

PacketDescription describePacket(const Frame& frame, const TcpPacketAnalysis* a,
                                 const DissectOptions& options) {
    PacketSummary s;
    ColumnText columns;
    dissectFrame(frame, s, nullptr, options, &columns);
    const std::string& payloadInfo = columns.info;
    PacketDescription d;
    d.tcpChecksum = s.tcpChecksumStatus;
    d.protocol =
        columns.protocol.empty() ? std::string(protocolShortName(s.topProtocol)) : columns.protocol;
    if (a) appendAnalysisLabels(d.info, *a);
    if (!s.hasTcp) {
        d.info += s.ipVersion ? "IPv" + std::to_string(s.ipVersion) +
                                    " packet without a complete TCP header"
                              : std::string("No IPv4/IPv6 header recognised");
        if (s.problems) d.info += " [truncated or malformed]";
        return d;
    }
    if (!payloadInfo.empty()) {
        // The payload's own summary, as Wireshark shows it; the segment's numbers follow.
        d.info += payloadInfo;
        d.info += "  ";
    }
    appendTcp(d.info,
              TcpInfoInput{s.srcPort, s.dstPort, s.flags, s.window, s.seq, s.ack, s.payloadLength,
                           s.options, s.problems},
              a);
    if (a) appendTrackerNotes(d.info, *a);
    return d;
}

PacketDescription describeSegment(const TcpSegment& seg, const TcpPacketAnalysis* a) {
    PacketDescription d;
    d.protocol = protocolShortName(tcpProtocolField());
    if (a) appendAnalysisLabels(d.info, *a);
    appendTcp(d.info,
              TcpInfoInput{seg.srcPort, seg.dstPort, seg.flags, seg.window, seg.seq, seg.ack,
                           seg.payloadLength, seg.options, 0},
              a);
    if (a) appendTrackerNotes(d.info, *a);
    return d;
}

} // namespace tcpscope
