// SPDX-License-Identifier: GPL-2.0-or-later
// The texts of the tracker's compact codes: analysis flags (Wireshark's field names and expert
// messages), state-machine notes, roles, open and close kinds. Rendered on demand only.
#include "tcpscope/connection_tracker.h"

#include "text/catalogue_parts.h"

#include <array>
#include <bit>
#include <span>

namespace tcpscope {

namespace {

struct FlagText {
    std::string_view field;
    std::string_view message;
    Severity severity;
};

// Indexed by bit number; messages and severities as Wireshark's ei_tcp_analysis_* entries.
constexpr std::array<FlagText, TcpAnalysisFlag::Count> kFlagTexts{{
    {"tcp.analysis.retransmission", "This frame is a (suspected) retransmission", Severity::Note},
    {"tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission",
     Severity::Note},
    {"tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission",
     Severity::Note},
    {"tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment",
     Severity::Warning},
    {"tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)",
     Severity::Warning},
    {"tcp.analysis.ack_lost_segment",
     "ACKed segment that wasn't captured (common at capture start)", Severity::Warning},
    {"tcp.analysis.duplicate_ack", "Duplicate ACK", Severity::Note},
    {"tcp.analysis.zero_window", "TCP Zero Window segment", Severity::Warning},
    {"tcp.analysis.zero_window_probe", "TCP Zero Window Probe", Severity::Note},
    {"tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", Severity::Note},
    {"tcp.analysis.window_full", "TCP window specified by the receiver is now completely full",
     Severity::Warning},
    {"tcp.analysis.window_update", "TCP window update", Severity::Chat},
    {"tcp.analysis.keep_alive", "TCP keep-alive segment", Severity::Note},
    {"tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", Severity::Note},
    {"tcp.analysis.reused_ports",
     "A new tcp session is started with the same ports as an earlier session in this trace",
     Severity::Note},
}};

constexpr std::string_view kDupAckNumbered = "expert.tcp.analysis.duplicate_ack.numbered";

int bitIndex(uint32_t bit) {
    if (bit == 0 || (bit & (bit - 1)) != 0) return -1;
    const int i = std::countr_zero(bit);
    return i < static_cast<int>(TcpAnalysisFlag::Count) ? i : -1;
}

constexpr std::array<TrackerNoteInfo, kTrackerNoteCount> kNotes{{
    {Severity::Warning, "tcp.state.data_before_handshake",
     "Segment sent or received before the three-way handshake completed; a real stack would not "
     "accept it in this state (RFC 9293 3.10.7.3-4)"},
    {Severity::Warning, "tcp.state.segment_to_listener",
     "Non-SYN segment to an endpoint in LISTEN: a real stack answers with RST (RFC 9293 3.10.7.2)"},
    {Severity::Warning, "tcp.state.ack_unsent",
     "ACK for data the peer has not sent (yet): a real stack drops it and re-sends its own ACK "
     "(RFC 9293 3.10.7.4); often a segment missing from the capture"},
    {Severity::Warning, "tcp.state.data_after_fin",
     "New data after the sender's own FIN: the FIN promised there would be no more (RFC 9293 3.6)"},
    {Severity::Note, "tcp.state.rst_unacceptable",
     "RST in SYN-SENT that does not acknowledge our SYN: a real stack ignores it (RFC 9293 "
     "3.10.7.3)"},
    {Severity::Warning, "tcp.state.syn_in_synchronized",
     "SYN on a connection that is already synchronized: a real stack answers with a challenge ACK "
     "(RFC 9293 3.10.7.4, RFC 5961)"},
    {Severity::Warning, "tcp.state.segment_after_close",
     "Segment after the endpoint closed or entered TIME-WAIT"},
    {Severity::Note, "tcp.state.simultaneous_open",
     "Simultaneous open: both ends sent a SYN and the SYNs crossed (RFC 9293 3.5, Figure 8)"},
    {Severity::Note, "tcp.state.refused",
     "Connection refused: the SYN was answered by RST,ACK because nobody listens on the port"},
    {Severity::Chat, "tcp.state.syn_repeated",
     "SYN repeated with the same initial sequence number: a retransmission, no state change"},
    {Severity::Chat, "tcp.state.fin_repeated",
     "FIN repeated at the same sequence number: a retransmission, no state change"},
    {Severity::Note, "tcp.state.midstream",
     "The capture starts after the handshake: both endpoint states are unknown until evidence "
     "arrives"},
    {Severity::Note, "tcp.state.syn_not_seen",
     "The connection's SYN was not captured; the capture starts at the SYN,ACK"},
    {Severity::Warning, "tcp.state.half_open",
     "Half-open connection: this SYN,ACK never reached the client (it did not answer; the server "
     "retransmitted it, the client repeated its SYN, or the capture ended), so the client took no "
     "step and the server still waits for its ACK"},
    {Severity::Note, "tcp.state.fin_ack_lost",
     "This ACK of a FIN never reached the FIN's sender: it sent its FIN again, so it took no step "
     "and still waits for an acknowledgement"},
}};

} // namespace

std::string_view analysisFlagField(uint32_t bit) {
    const int i = bitIndex(bit);
    return i < 0 ? std::string_view{} : kFlagTexts[i].field;
}
std::string_view analysisFlagMessage(uint32_t bit) {
    const int i = bitIndex(bit);
    return i < 0 ? std::string_view{}
                 : localized("expert.", kFlagTexts[i].field, kFlagTexts[i].message);
}
Severity analysisFlagSeverity(uint32_t bit) {
    const int i = bitIndex(bit);
    return i < 0 ? Severity::Note : kFlagTexts[i].severity;
}

TrackerNoteInfo trackerNoteInfo(TrackerNote n) {
    const auto i = static_cast<size_t>(n);
    if (i >= kNotes.size()) return TrackerNoteInfo{Severity::Note, "", ""};
    TrackerNoteInfo info = kNotes[i];
    info.message = localized("note.", info.id, info.message);
    return info;
}

std::vector<ExpertNote> expertNotes(const TcpPacketAnalysis& p) {
    std::vector<ExpertNote> out;
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i) {
        const uint32_t bit = 1u << i;
        if (!(p.analysisFlags & bit)) continue;
        std::string msg(analysisFlagMessage(bit));
        if (bit == TcpAnalysisFlag::DuplicateAck && p.duplicateAckNum) {
            msg = detail::fillPlaceholders(localized(kDupAckNumbered, "Duplicate ACK (#{n})"),
                                           {{"n", std::to_string(p.duplicateAckNum)}});
        }
        out.push_back({kFlagTexts[i].severity, std::string(kFlagTexts[i].field), std::move(msg)});
    }
    for (uint32_t i = 0; i < kTrackerNoteCount; ++i) {
        if (!(p.notes & (1u << i))) continue;
        out.push_back({kNotes[i].severity, std::string(kNotes[i].id),
                       std::string(trackerNoteInfo(static_cast<TrackerNote>(i)).message)});
    }
    return out;
}

std::string endpointSocketText(const TcpEndpointSummary& e) {
    const std::string a = e.address.toString();
    return e.address.family == 6 ? "[" + a + "]:" + std::to_string(e.port)
                                 : a + ":" + std::to_string(e.port);
}

std::string analysisFlagsText(uint32_t flags) {
    std::string out;
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i) {
        if (!(flags & (1u << i))) continue;
        if (!out.empty()) out += ',';
        out += kFlagTexts[i].field.substr(std::string_view("tcp.analysis.").size());
    }
    return out;
}

namespace {

struct KindText {
    std::string_view id;
    std::string_view english;
};

// Indexed by RoleReason, OpenKind and CloseKind.
constexpr KindText kRoleReasons[] = {
    {"role.reason.syn-sender", "sent the first SYN"},
    {"role.reason.syn-ack-receiver", "received the SYN,ACK (SYN not captured)"},
    {"role.reason.well-known-port", "mid-stream: the server uses a well-known port (< 1024)"},
    {"role.reason.lower-port", "mid-stream: the server uses the lower port"},
    {"role.reason.first-sender", "mid-stream: the client sent the first captured segment"},
};
constexpr KindText kOpenKinds[] = {
    {"conversation.open.handshake", "handshake"},
    {"conversation.open.simultaneous", "simultaneous"},
    {"conversation.open.syn-syn-ack", "syn,syn-ack"},
    {"conversation.open.syn-only", "syn only"},
    {"conversation.open.refused", "refused"},
    {"conversation.open.syn-missed", "syn missed"},
    {"conversation.open.mid-stream", "mid-stream"},
};
constexpr KindText kCloseKinds[] = {
    {"conversation.close.open", "open"},
    {"conversation.close.fin-both", "fin both"},
    {"conversation.close.fin-client", "fin client"},
    {"conversation.close.fin-server", "fin server"},
    {"conversation.close.rst-client", "rst client"},
    {"conversation.close.rst-server", "rst server"},
};

template <size_t N> std::string_view kindText(const KindText (&table)[N], size_t i) {
    return i < N ? localized(table[i].id, table[i].english) : std::string_view{};
}

} // namespace

std::string_view roleReasonText(RoleReason r) {
    return kindText(kRoleReasons, static_cast<size_t>(r));
}

std::string_view openKindText(OpenKind k) {
    return kindText(kOpenKinds, static_cast<size_t>(k));
}

std::string_view closeKindText(CloseKind k) {
    return kindText(kCloseKinds, static_cast<size_t>(k));
}

void detail::appendTrackerTexts(std::vector<CatalogueText>& out) {
    for (const FlagText& f : kFlagTexts)
        out.push_back({"expert." + std::string(f.field), std::string(f.message)});
    out.push_back({std::string(kDupAckNumbered), "Duplicate ACK (#{n})"});
    for (const TrackerNoteInfo& n : kNotes)
        out.push_back({"note." + std::string(n.id), std::string(n.message)});
    for (const std::span<const KindText> table :
         {std::span<const KindText>(kRoleReasons), std::span<const KindText>(kOpenKinds),
          std::span<const KindText>(kCloseKinds)})
        for (const KindText& k : table) out.push_back({std::string(k.id), std::string(k.english)});
}

} // namespace tcpscope
