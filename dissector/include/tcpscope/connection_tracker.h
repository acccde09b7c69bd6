// SPDX-License-Identifier: GPL-2.0-or-later
// The connection tracker (DESIGN.md 5): consumes TcpSegment records in capture order and
// produces, per packet, Wireshark's stream index, relative sequence numbers, scaled window,
// RTTs and tcp.analysis.* flags, plus the RFC 9293 state of each endpoint before and after the
// packet; per connection, a conversation summary (roles, counts, how it opened and closed,
// tcp.completeness, Zeek's conn_state).
//
// The first pass must keep up with libpcap on a million packets, so results are plain values:
// no strings, no per-packet heap allocation in the steady state. Text is rendered on demand by
// the functions at the end of this header.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/frame.h"
#include "tcpscope/lazy_allocator.h"
#include "tcpscope/proto_tree.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tcp_state_machine.h"
#include "tcpscope/zeek_history.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tcpscope {

enum class EndpointRole : uint8_t { Client, Server };

// How the tracker decided which endpoint is the client.
enum class RoleReason : uint8_t {
    SynSender,      // it sent the first SYN without ACK
    SynAckReceiver, // the SYN was not captured, but it received the SYN,ACK
    WellKnownPort,  // mid-stream: the other side uses a port below 1024 and this one does not
    LowerPort,      // mid-stream, no well-known port: the other side uses the lower port
    FirstSender,    // mid-stream, same ports: it sent the first captured segment
};
std::string_view roleReasonText(RoleReason r);

// Wireshark's tcp.analysis.* flags (packet-tcp.c TCP_A_*), one bit each.
namespace TcpAnalysisFlag {
inline constexpr uint32_t Retransmission = 1u << 0;
inline constexpr uint32_t FastRetransmission = 1u << 1;
inline constexpr uint32_t SpuriousRetransmission = 1u << 2;
inline constexpr uint32_t OutOfOrder = 1u << 3;
inline constexpr uint32_t LostSegment = 1u << 4;
inline constexpr uint32_t AckLostSegment = 1u << 5;
inline constexpr uint32_t DuplicateAck = 1u << 6;
inline constexpr uint32_t ZeroWindow = 1u << 7;
inline constexpr uint32_t ZeroWindowProbe = 1u << 8;
inline constexpr uint32_t ZeroWindowProbeAck = 1u << 9;
inline constexpr uint32_t WindowFull = 1u << 10;
inline constexpr uint32_t WindowUpdate = 1u << 11;
inline constexpr uint32_t KeepAlive = 1u << 12;
inline constexpr uint32_t KeepAliveAck = 1u << 13;
inline constexpr uint32_t ReusedPorts = 1u << 14;
inline constexpr uint32_t Count = 15;
} // namespace TcpAnalysisFlag

// Wireshark's field abbreviation of one flag bit ("tcp.analysis.retransmission") and its expert
// message ("This frame is a (suspected) retransmission"); empty for an unknown bit.
std::string_view analysisFlagField(uint32_t bit);
std::string_view analysisFlagMessage(uint32_t bit);
Severity analysisFlagSeverity(uint32_t bit);

// Problems the state machine finds: a real stack would reject or be surprised by the segment in
// the endpoint's current state. Bits in TcpPacketAnalysis::notes.
enum class TrackerNote : uint8_t {
    DataBeforeHandshake, // data or FIN from an endpoint whose handshake is not complete
    SegmentToListener,   // non-SYN segment to an endpoint in LISTEN
    AckForUnsentData,    // ACK beyond anything the peer has sent (RFC 9293 3.10.7.4)
    DataAfterFin,        // new data after the sender's own FIN
    UnacceptableRst,     // RST in SYN-SENT that does not acknowledge our SYN (RFC 9293 3.10.7.3)
    SynOnSynchronized,   // SYN with the connection's ISN after the handshake (RFC 9293 3.10.7.4)
    SegmentAfterClose,   // segment from or to an endpoint already CLOSED or in TIME-WAIT
    SimultaneousOpen,    // the peer's SYN crossed this endpoint's SYN
    ConnectionRefused,   // SYN answered by RST: nobody listens
    RetransmittedSyn,    // SYN or SYN,ACK repeated with the same ISN: no state change
    RetransmittedFin,    // FIN repeated at the same sequence number: no state change
    MidstreamStart,      // the capture started after the handshake
    SynAckWithoutSyn,    // the SYN was not captured
    SynAckNotReceived,   // a half-open connection: the client never answered the SYN,ACK
    FinAckNotReceived,   // an ACK of a FIN that did not arrive: the FIN was sent again
};
inline constexpr uint32_t kTrackerNoteCount = 15;
inline constexpr uint32_t noteBit(TrackerNote n) {
    return 1u << static_cast<uint32_t>(n);
}

struct TrackerNoteInfo {
    Severity severity;
    std::string_view id;      // "tcp.state.data_before_handshake", ...
    std::string_view message; // one sentence
};
TrackerNoteInfo trackerNoteInfo(TrackerNote n);

// One endpoint's step through the state machine on one packet.
struct EndpointStep {
    TcpState before = TcpState::Unknown;
    TcpState after = TcpState::Unknown;
    TcpEvent event = TcpEvent::None; // the table row taken (None: no transition)
    friend bool operator==(const EndpointStep&, const EndpointStep&) = default;
};

// The results for one TCP packet. Field names follow Wireshark's (tcp.seq, tcp.nxtseq, ...).
struct TcpPacketAnalysis {
    // Widest members first, and no padding (96 bytes): a live capture keeps one a packet.
    // The packet's time in nanoseconds since 1970 (as tcp.time_relative counts: a damaged
    // record's fraction of a second of 1 s or more carries into the seconds); the frame keeps
    // the record's own values.
    int64_t tsNs = 0;
    // tcp.analysis.ack_rtt: INT64_MIN for none; below zero when the capture's clock stepped
    // back between the segment and its ACK (tshark shows that negative value too).
    int64_t ackRttNs = INT64_MIN;
    // tcp.time_relative and tcp.time_delta: since the connection's first packet and since its
    // previous packet (INT64_MIN: the input has no time stamps, or the header was unreadable)
    int64_t timeRelativeNs = INT64_MIN;
    int64_t timeDeltaNs = INT64_MIN;
    // Frame numbers are 32 bits, as Wireshark's (frame.number): past 4,294,967,295 packets
    // they wrap.
    uint32_t frameNumber = 0;
    uint32_t duplicateAckFrame = 0; // tcp.analysis.duplicate_ack_frame
    uint32_t acksFrame = 0;         // tcp.analysis.acks_frame (0: none)
    // tcp.analysis.bytes_in_flight (-1: none; the tracker counts under 2,000,000,000)
    int32_t bytesInFlight = -1;
    uint32_t stream = 0;          // tcp.stream
    uint32_t seq = 0;             // tcp.seq (relative to this direction's ISN)
    uint32_t ack = 0;             // tcp.ack (relative when ACK is set, else raw)
    uint32_t nxtseq = 0;          // tcp.nxtseq
    uint32_t len = 0;             // tcp.len
    uint32_t windowSize = 0;      // tcp.window_size (scaled)
    uint32_t duplicateAckNum = 0; // tcp.analysis.duplicate_ack_num (0: none)
    // tcp.analysis.push_bytes_sent: bytes sent since the last segment with PSH (0: none)
    uint32_t pushBytesSent = 0;
    // tcp.window_size_scalefactor: -1 unknown, -2 no scaling, else the multiplier (at most
    // 2^14: Wireshark caps the shift at 14, as RFC 7323 does)
    int16_t windowSizeScalefactor = -1;
    uint16_t analysisFlags = 0; // TcpAnalysisFlag bits
    uint16_t notes = 0;         // noteBit(TrackerNote) bits
    uint16_t flags = 0;         // TcpFlag bits of the segment
    EndpointStep client;
    EndpointStep server;
    uint8_t completeness = 0; // tcp.completeness as shown on this packet
    EndpointRole sender : 1 = EndpointRole::Client;
    bool hasTimestamp : 1 = false;
    // The segment's data offset was bogus (TcpSegment::headerMalformed): only stream, sender,
    // flags and completeness are set, the states stay as they were, nothing was analysed.
    bool headerMalformed : 1 = false;
    bool hasScalefactor : 1 = false; // Wireshark omits it on SYN segments
    // Wireshark shows the SEQ/ACK analysis subtree (with the iRTT) though nothing else is in it:
    // an ACK beyond the bytes seen made its analysis record.
    bool seqAnalysisShown : 1 = false;
    // tcp.analysis.initial_rtt is shown: the connection's handshake had completed by this
    // packet. The value is the connection's (TcpConnection::initialRttNs,
    // ConnectionTracker::initialRttNs()): the same on every packet that shows it.
    bool showsInitialRtt : 1 = false;

    friend bool operator==(const TcpPacketAnalysis&, const TcpPacketAnalysis&) = default;

    // tsNs as seconds and nanoseconds (the ladder's times).
    Timestamp time() const {
        int64_t sec = tsNs / 1000000000, ns = tsNs % 1000000000;
        if (ns < 0) --sec, ns += 1000000000;
        return Timestamp{sec, uint64_t(ns)};
    }

    const EndpointStep& senderStep() const {
        return sender == EndpointRole::Client ? client : server;
    }
    const EndpointStep& receiverStep() const {
        return sender == EndpointRole::Client ? server : client;
    }
};

// What the viewer keeps of a packet's results for every packet (a third of them): what its
// packet list shows (states, flags, relative numbers, analysis flags, notes) and what picks the
// packets of one connection. The rest is recomputed for the connections looked at
// (PacketResultSource).
struct PacketBrief {
    uint32_t stream = 0;
    uint32_t seq = 0;
    uint32_t ack = 0;
    uint32_t len = 0;
    uint32_t windowSize = 0;
    uint16_t analysisFlags = 0;
    uint16_t notes = 0;
    EndpointStep client;
    EndpointStep server;
    uint16_t bits = 0; // the TCP flags (low 12 bits), the sender (kServerBit), kMalformedBit

    static constexpr uint16_t kServerBit = 1u << 14, kMalformedBit = 1u << 15;
    static PacketBrief of(const TcpPacketAnalysis& a);
    uint16_t flags() const { return bits & 0x0fff; }
    EndpointRole sender() const {
        return bits & kServerBit ? EndpointRole::Server : EndpointRole::Client;
    }
    bool headerMalformed() const { return bits & kMalformedBit; }
    // A result holding these values, the others left as default (a packet list's description).
    TcpPacketAnalysis partial() const;
    friend bool operator==(const PacketBrief&, const PacketBrief&) = default;
};
static_assert(sizeof(PacketBrief) == 32); // one a packet, a third of TcpPacketAnalysis

// Where the full results of a tracker that kept only briefs come from (the viewer's session
// recomputes them connection by connection). The reference stays valid while the source lives.
class PacketResultSource {
  public:
    virtual ~PacketResultSource() = default;
    virtual const TcpPacketAnalysis& analysis(size_t index) const = 0;
};

enum class OpenKind : uint8_t {
    Handshake,        // SYN, SYN,ACK, ACK seen
    SimultaneousOpen, // SYNs crossed
    SynAckNoAck,      // SYN and SYN,ACK, no completing ACK yet
    AttemptOnly,      // SYN(s) with no answer
    Refused,          // SYN answered by RST
    SynNotSeen,       // starts at the SYN,ACK
    MidStream,        // no SYN at all
};
enum class CloseKind : uint8_t {
    StillOpen,
    FinBoth,   // FIN in both directions
    FinClient, // only the client sent a FIN
    FinServer, // only the server sent a FIN
    RstClient, // reset sent by the client
    RstServer, // reset sent by the server
};
std::string_view openKindText(OpenKind k);
std::string_view closeKindText(CloseKind k);

struct TcpEndpointSummary {
    Address address;
    uint16_t port = 0;
    uint64_t packets = 0;
    uint64_t bytes = 0; // TCP payload bytes sent
    TcpState initialState = TcpState::Unknown;
    TcpState finalState = TcpState::Unknown;
    bool isnKnown = false;
    uint32_t isn = 0;
};

// Completeness bits, as Wireshark's tcp.completeness.
namespace Completeness {
inline constexpr uint8_t Syn = 1, SynAck = 2, Ack = 4, Data = 8, Fin = 16, Rst = 32;
} // namespace Completeness

struct TcpConnection {
    uint32_t stream = 0;
    TcpEndpointSummary client;
    TcpEndpointSummary server;
    RoleReason roleReason = RoleReason::FirstSender;
    Timestamp firstTime;
    Timestamp lastTime;
    bool hasTimestamps = false;
    uint64_t firstFrame = 0;
    uint64_t lastFrame = 0;
    // Its first and last packet's index into ConnectionTracker::packets(): its packets lie
    // between (a connection's ladder reads that span, not the whole capture).
    size_t firstPacket = 0;
    size_t lastPacket = 0;
    // The first connection on its address and port pair (and tunnel): its own stream, or that
    // of the one whose ports it reused. The connections of one pair depend on each other only.
    uint32_t pairFirst = 0;
    OpenKind open = OpenKind::MidStream;
    CloseKind close = CloseKind::StillOpen;
    uint8_t completeness = 0;       // tcp.completeness after the last packet
    uint32_t analysisFlagsSeen = 0; // union of the packets' flags
    uint32_t notesSeen = 0;         // union of the packets' notes
    // tcp.analysis.initial_rtt: from the most recent SYN to the handshake's third packet (-1:
    // not known yet). The packets after that one show it (TcpPacketAnalysis::showsInitialRtt).
    int64_t initialRttNs = -1;
    std::string_view connState; // Zeek's conn_state: "S0", "SF", "REJ", ...
    // Zeek's history and byte counts, only after setZeekHistory (null otherwise): kept apart so
    // that the connections the tracker walks every packet stay small.
    std::shared_ptr<ZeekHistory> zeek;

    int64_t durationNs() const;
};

// One arrow of the ladder (sequence) diagram of a connection.
struct LadderEvent {
    uint64_t frameNumber = 0;
    size_t packetIndex = 0; // index into ConnectionTracker::packets()
    Timestamp ts;
    EndpointRole from = EndpointRole::Client;
    uint16_t flags = 0;
    uint32_t seq = 0; // relative
    uint32_t ack = 0; // relative
    uint32_t len = 0;
    uint32_t analysisFlags = 0;
    EndpointStep client;
    EndpointStep server;
};

// A tracker's results, one a packet (ConnectionTracker::packets()): its own, or in a live
// capture's snapshot those of the tracker that goes on, shared, but for the few that tracker
// may still amend (the packets an endpoint's walker may take back), which the snapshot copied.
class TrackerResults {
  public:
    size_t size() const { return m_brief ? m_briefs.size() : m_records.size(); }
    bool empty() const { return size() == 0; }
    const TcpPacketAnalysis& operator[](size_t i) const {
        if (m_brief) return m_source->analysis(i);
        return m_amended.empty() ? m_records[i] : amended(i);
    }
    const TcpPacketAnalysis& back() const { return (*this)[size() - 1]; }
    // Packet i's brief: kept, or taken from its results.
    PacketBrief brief(size_t i) const {
        return m_brief ? m_briefs[i] : PacketBrief::of((*this)[i]);
    }
    // Packet i's stream, without recomputing its results where only briefs are kept: what a
    // walk over one connection's span reads first.
    uint32_t stream(size_t i) const { return m_brief ? m_briefs[i].stream : (*this)[i].stream; }
    // Whether only briefs are kept (ConnectionTracker::setKeepBriefs), the rest recomputed.
    bool briefOnly() const { return m_brief; }
    // The block the results are written to (page advice, PagesAhead).
    const RecordArray<TcpPacketAnalysis>& records() const { return m_records; }
    const RecordArray<PacketBrief>& briefs() const { return m_briefs; }
    // In a snapshot, the results its tracker may still amend, copied (by index), sorted.
    const std::vector<std::pair<size_t, TcpPacketAnalysis>>& amended() const { return m_amended; }

    class Iterator {
      public:
        Iterator(const TrackerResults* r, size_t i) : m_r(r), m_i(i) {}
        const TcpPacketAnalysis& operator*() const { return (*m_r)[m_i]; }
        const TcpPacketAnalysis* operator->() const { return &(*m_r)[m_i]; }
        Iterator& operator++() {
            ++m_i;
            return *this;
        }
        bool operator==(const Iterator& o) const { return m_i == o.m_i; }

      private:
        const TrackerResults* m_r;
        size_t m_i;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size()}; }

  private:
    friend class ConnectionTracker;
    const TcpPacketAnalysis& amended(size_t i) const;
    RecordArray<TcpPacketAnalysis> m_records;
    std::vector<std::pair<size_t, TcpPacketAnalysis>> m_amended; // by index
    RecordArray<PacketBrief> m_briefs;
    std::shared_ptr<const PacketResultSource> m_source;
    bool m_brief = false;
};

// The capture-point convention the tracker follows (quoted in the README).
std::string_view captureConvention();

class ConnectionTracker {
  public:
    ConnectionTracker();
    ~ConnectionTracker();
    ConnectionTracker(ConnectionTracker&&) noexcept;
    ConnectionTracker& operator=(ConnectionTracker&&) noexcept;

    // Adds the next segment in capture order and returns its results. The reference stays valid
    // until the next add(). A later packet may amend the receiver's step of an earlier packet:
    // a connection's first SYN, when it proves a simultaneous open or a refused connection, and
    // a FIN, when the peer's FIN crossed it (a simultaneous close); see captureConvention() and
    // firstUnsettled().
    const TcpPacketAnalysis& add(const TcpSegment& segment);
    // The end of the capture: a SYN,ACK that its client never answered (no later segment from
    // the client) did not reach it, so the client's receipt of it is taken back; the
    // connection is half-open (captureConvention()). Call once after the last add().
    void finish();

    void reserve(size_t packets);
    // Whether packets() keeps every packet's results (the default). A caller that needs only
    // the connections (`conversations`) turns it off before the first add(): packets() then
    // stays empty and the pass writes no per-packet memory. add() still returns each result.
    void setKeepPackets(bool keep) { m_keepPackets = keep; }
    // Keep every packet's brief instead (the viewer): a third of the memory. packets()[i] then
    // asks the source set afterwards (setResultSource) for the full results. Before add().
    void setKeepBriefs();
    void setResultSource(std::shared_ptr<const PacketResultSource> source) {
        m_packets.m_source = std::move(source);
    }
    // Whether TcpConnection::zeek follows Zeek's history letters and byte counts (for conn.log
    // output). Off by default: it costs about a tenth of the first pass. Set before add().
    void setZeekHistory(bool on) { m_zeekHistory = on; }
    // How many segments add() has taken (packets().size() when they are kept and none were
    // released).
    size_t packetCount() const { return m_count; }
    // The index of the oldest packet whose results a later add() may still amend (see add()),
    // or packetCount() when every result is final: results before it can be printed now.
    // Tracked only while packets are kept.
    size_t firstUnsettled();
    // Whether packet `index`'s results are final: a later add() can no longer amend them (it
    // is not the packet an endpoint's walker may still take back), or it was released.
    bool settled(size_t index) const;
    // Every packet's results, while packets are kept and none were released.
    using Results = TrackerResults;
    const Results& packets() const { return m_packets; }
    // Packet `index`'s results (0-based, in add() order), or null when they are not kept.
    const TcpPacketAnalysis* packet(size_t index) const;
    // A streaming reader is done with the results of packets before `before`: they may be
    // dropped, so memory stays bounded on any capture. Releasing a packet that is still
    // unsettled settles it as it is: a later amendment then lands on the later packet's step
    // (as when the two segments' order alone tells, see captureConvention()).
    void release(size_t before);
    const std::vector<TcpConnection>& connections() const { return m_connections; }
    // tcp.analysis.initial_rtt as packet `a` shows it: its connection's, or -1 for none.
    int64_t initialRttNs(const TcpPacketAnalysis& a) const {
        return a.showsInitialRtt && a.stream < m_connections.size()
                   ? m_connections[a.stream].initialRttNs
                   : -1;
    }
    std::vector<LadderEvent> ladder(uint32_t stream) const;
    // The results so far, every connection and kept packet, as a tracker that tracks nothing
    // further (add() must not be called on it; every result counts as settled): a live
    // capture's snapshot, while this tracker goes on with the packets that follow.
    // It shares the results with this tracker (RecordArray::view(); `owner` owns this
    // tracker) and copies only those a later add() may still amend.
    ConnectionTracker resultsView(std::shared_ptr<const void> owner) const;

  private:
    struct Impl;
    TcpPacketAnalysis& newResult();
    static void notePacket(TcpConnection& c, size_t index, bool first);
    const TcpPacketAnalysis& addMalformed(const TcpSegment& seg);
    // What the walker may amend of packet `index`'s result: the result itself, a scratch record
    // when results are not kept at all, or null when there is none or it was released.
    TcpPacketAnalysis* keptResult(size_t index);
    const TcpPacketAnalysis& addOne(const TcpSegment& segment);
    // With briefs kept: packet `index`'s brief, and its results while a walker may amend them.
    void noteBrief(size_t index, const TcpPacketAnalysis& p);
    // With briefs kept: the brief of an amended result again, dropped when no longer pending.
    void settleBrief(size_t index);
    void walkStates(uint32_t conn, EndpointRole sender, const TcpSegment& seg, uint32_t seqNo,
                    size_t index, TcpPacketAnalysis& p);

    std::unique_ptr<Impl> m_impl;
    Results m_packets; // packets [m_first, m_count)
    std::vector<TcpConnection> m_connections;
    bool m_keepPackets = true;
    bool m_zeekHistory = false;
    bool m_copy = false; // a resultsCopy(): no walker state behind the results
    size_t m_count = 0;
    size_t m_first = 0;          // the index of m_packets[0]
    size_t m_released = 0;       // packets before this were released
    TcpPacketAnalysis m_current; // the latest result when packets are not kept
    TcpPacketAnalysis m_scratch; // stands for an earlier, unkept result the walker amends
    // With briefs kept: the results a walker may still amend (at most two a connection), by
    // packet index.
    std::unordered_map<size_t, TcpPacketAnalysis> m_pending;
};

// Rendering helpers (allocate; for display only).
std::vector<ExpertNote> expertNotes(const TcpPacketAnalysis& p);
std::string analysisFlagsText(uint32_t flags); // "retransmission,duplicate_ack"
// An endpoint's socket: "127.0.0.1:54610", "[2001:db8::1]:443".
std::string endpointSocketText(const TcpEndpointSummary& endpoint);

} // namespace tcpscope
