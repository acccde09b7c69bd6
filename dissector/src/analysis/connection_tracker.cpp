// SPDX-License-Identifier: GPL-2.0-or-later
// The connection tracker: finds the connection of each segment (Wireshark's tcp.stream rules),
// decides client and server, and runs the two per-connection analyses: Wireshark-compatible
// sequence analysis (tcp_seq_analysis) and the RFC 9293 endpoint states (tcp_state_walker).
//
// Capture-point convention (also returned by captureConvention()):
//   The capture point sees each packet once. The tracker treats it as sent by its sender (the
//   sender's "snd" event) and received by the other endpoint (its "rcv" event) at the same
//   moment. The server starts in LISTEN, the client in CLOSED. A capture that starts mid-stream
//   leaves both endpoints UNKNOWN until evidence arrives: ACKs in both directions mean
//   ESTABLISHED, a FIN starts the close path (sender FIN-WAIT-1, receiver CLOSE-WAIT), a SYN,ACK
//   means the SYN was missed. Nothing elapses in a capture, so TIME-WAIT is final.
//   Two segments that crossed in flight (simultaneous open, simultaneous close) are captured one
//   after the other, although the second was sent before the first arrived: when the second
//   proves it, the tracker moves its sender's "snd" step back to the first packet and applies
//   that endpoint's receipt of the first segment at the second packet. Likewise a SYN answered
//   by RST,ACK shows nobody was listening: the server's step on the SYN becomes
//   "rcv SYN in CLOSED / snd RST,ACK".
#include "tcpscope/connection_tracker.h"

#include "tcp_seq_analysis.h"
#include "tcp_state_walker.h"
#include "tcpscope/byte_reader.h"
#include "tcpscope/packet_summary.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <tuple>
#include <vector>

namespace tcpscope {

namespace {

constexpr std::string_view kConvention =
    "The capture point sees each packet once. TcpScope treats it as sent by its sender (the "
    "sender's \"snd\" event) and received by the other endpoint (its \"rcv\" event) at the same "
    "moment. The server starts in LISTEN, the client in CLOSED. A capture that starts mid-stream "
    "leaves both endpoints UNKNOWN until evidence arrives: ACKs in both directions mean "
    "ESTABLISHED, a FIN starts the close path, a SYN,ACK means the SYN was missed. No timer "
    "elapses in a capture, so TIME-WAIT is final. Two segments that crossed in flight "
    "(simultaneous open or close) are captured one after the other although the second was sent "
    "before the first arrived: the second sender's \"snd\" step is moved back to the first packet "
    "and its receipt of the first segment happens at the second. A SYN answered by RST,ACK means "
    "nobody was listening: the server's step on that SYN becomes \"rcv SYN in CLOSED\".";

// The 4-tuple, stored with the lower (address, port) first so both directions hash alike.
struct FlowKey {
    uint8_t bytes[2 * 17 + 4];
    bool operator==(const FlowKey& o) const {
        return std::memcmp(bytes, o.bytes, sizeof bytes) == 0;
    }
};
struct FlowKeyHash {
    // Eight bytes at a time with a multiply-xorshift mix: this runs once per packet, and a
    // byte-wise FNV over the 38-byte key cost more than the rest of the lookup.
    size_t operator()(const FlowKey& k) const {
        uint64_t h = 0x9e3779b97f4a7c15ull;
        for (size_t i = 0; i < sizeof k.bytes; i += 8) {
            uint64_t w = 0;
            std::memcpy(&w, k.bytes + i, std::min<size_t>(8, sizeof k.bytes - i));
            h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        return static_cast<size_t>(h);
    }
};

// The flow key -> latest connection on it, by open addressing (linear probing, at most half
// full). A slot holds the key itself, so a lookup reads one slot (usually one cache line) where
// std::unordered_map read a bucket, then a node: with tens of thousands of connections each of
// those reads is a cache miss, and on the 10M-packet benchmark the lookup was ~20% of the pass.
class FlowIndex {
  public:
    static constexpr uint32_t kNone = UINT32_MAX;

    uint32_t find(const FlowKey& key, size_t hash) const {
        if (m_slots.empty()) return kNone;
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const Slot& s = m_slots[i];
            if (s.conn == kNone) return kNone;
            if (s.hash == uint32_t(hash) && s.key == key) return s.conn;
        }
    }
    // Points key at conn (a new connection, or one that replaces the key's previous one).
    void assign(const FlowKey& key, size_t hash, uint32_t conn) {
        if (2 * (m_used + 1) > m_slots.size()) grow();
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            Slot& s = m_slots[i];
            if (s.conn == kNone) {
                s = Slot{uint32_t(hash), conn, key};
                ++m_used;
                return;
            }
            if (s.hash == uint32_t(hash) && s.key == key) {
                s.conn = conn;
                return;
            }
        }
    }

  private:
    struct Slot {
        uint32_t hash = 0; // the low 32 bits of the key's hash (also its home slot)
        uint32_t conn = kNone;
        FlowKey key{};
    };
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.conn == kNone) continue;
            size_t i = s.hash & m_mask;
            while (m_slots[i].conn != kNone) i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_used = 0;
};

void putEndpoint(uint8_t* p, const Address& a, uint16_t port) {
    p[0] = a.family;
    std::memcpy(p + 1, a.bytes.data(), 16);
    p[17] = static_cast<uint8_t>(port >> 8);
    p[18] = static_cast<uint8_t>(port);
}

FlowKey makeKey(const TcpSegment& s) {
    FlowKey k{};
    const bool srcFirst = std::tie(s.src, s.srcPort) < std::tie(s.dst, s.dstPort);
    putEndpoint(k.bytes, srcFirst ? s.src : s.dst, srcFirst ? s.srcPort : s.dstPort);
    putEndpoint(k.bytes + 19, srcFirst ? s.dst : s.src, srcFirst ? s.dstPort : s.srcPort);
    return k;
}

// Saturates at +-(2^62 - 1) ns (1970 +- 146 years): a damaged or hostile timestamp (tcpdump text
// dated in the year 290, a pcapng 64-bit count) must not overflow, and the difference of any two
// results (RTTs, durations) must fit in int64_t too. Every pcap-representable time is exact.
int64_t toNs(const Timestamp& t) {
    constexpr int64_t kLimit = (int64_t(1) << 62) - 1;
    constexpr int64_t kMaxSec = kLimit / 1000000000;
    if (t.sec > kMaxSec) return kLimit;
    if (t.sec < -kMaxSec) return -kLimit;
    const int64_t ns =
        t.sec * 1000000000 + static_cast<int64_t>(std::min<uint64_t>(t.nsec, kLimit));
    return std::min(ns, kLimit);
}

// Zeek's endpoint states (TCP_ENDPOINT_*), used only to derive conn_state.
enum class ZeekState : uint8_t {
    Inactive,
    SynSent,
    SynAckSent,
    Partial,
    Established,
    Closed,
    Reset
};

} // namespace

struct ConnectionTracker::Impl {
    struct Conn {
        uint32_t index = 0; // into m_connections (== stream)
        Address addr0;      // the conversation's first sender: Wireshark's flow 1
        uint16_t port0 = 0;
        EndpointRole role0 = EndpointRole::Client;
        detail::TcpSeqAnalysis seq;
        detail::TcpStateWalker walker;
        ZeekState zeek[2] = {ZeekState::Inactive, ZeekState::Inactive}; // [client, server]
        bool clientSyn = false, serverSynAck = false, handshakeAck = false;
        bool firstWasSynAck = false;
        bool rstSeen = false;
        EndpointRole firstRst = EndpointRole::Client;
        bool fin[2] = {false, false};
    };
    FlowIndex byKey; // -> index into conns
    std::vector<std::unique_ptr<Conn>> conns;
    // Packets a later segment may amend, oldest first, as the walkers marked them. An entry is
    // stale once its endpoint's pending packet changed; stale entries are dropped from the front.
    struct Unsettled {
        size_t packet;
        uint32_t conn;
        EndpointRole role;
    };
    std::deque<Unsettled> unsettled;
    bool stale(const Unsettled& u) const {
        return conns[u.conn]->walker.pendingIndex(u.role) != u.packet;
    }
};

ConnectionTracker::ConnectionTracker() : m_impl(std::make_unique<Impl>()) {}
ConnectionTracker::~ConnectionTracker() = default;
ConnectionTracker::ConnectionTracker(ConnectionTracker&&) noexcept = default;
ConnectionTracker& ConnectionTracker::operator=(ConnectionTracker&&) noexcept = default;

void ConnectionTracker::reserve(size_t packets) {
    if (m_keepPackets) m_packets.reserve(packets);
}

size_t ConnectionTracker::firstUnsettled() {
    Impl& im = *m_impl;
    while (!im.unsettled.empty() && im.stale(im.unsettled.front())) im.unsettled.pop_front();
    return im.unsettled.empty() ? m_count : im.unsettled.front().packet;
}

std::string_view captureConvention() {
    return kConvention;
}

int64_t TcpConnection::durationNs() const {
    return hasTimestamps ? toNs(lastTime) - toNs(firstTime) : 0;
}

namespace {

// Client/server for a connection whose first captured segment is `s` (RoleReason).
std::pair<EndpointRole, RoleReason> firstSenderRole(const TcpSegment& s) {
    const uint16_t f = s.flags;
    if ((f & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn)
        return {EndpointRole::Client, RoleReason::SynSender};
    if ((f & (TcpFlag::Syn | TcpFlag::Ack)) == (TcpFlag::Syn | TcpFlag::Ack))
        return {EndpointRole::Server, RoleReason::SynAckReceiver};
    // Mid-stream: services listen on well-known ports (below 1024, RFC 6335 "system ports");
    // clients use ephemeral ports, which are high.
    const bool srcWk = s.srcPort < 1024, dstWk = s.dstPort < 1024;
    if (srcWk != dstWk)
        return {srcWk ? EndpointRole::Server : EndpointRole::Client, RoleReason::WellKnownPort};
    if (s.srcPort != s.dstPort)
        return {s.srcPort < s.dstPort ? EndpointRole::Server : EndpointRole::Client,
                RoleReason::LowerPort};
    return {EndpointRole::Client, RoleReason::FirstSender};
}

std::string_view zeekConnState(const ZeekState z[2], bool sawS, bool sawH, uint64_t origBytes,
                               uint64_t respBytes) {
    // Zeek's base/protocols/conn/main.zeek conn_state(), orig = client, resp = server.
    const ZeekState os = z[0], rs = z[1];
    const bool oInactive = os == ZeekState::Inactive || os == ZeekState::Partial;
    const bool rInactive = rs == ZeekState::Inactive || rs == ZeekState::Partial;
    if (rs == ZeekState::Reset) {
        if (os == ZeekState::SynSent || os == ZeekState::SynAckSent ||
            (os == ZeekState::Reset && origBytes == 0 && respBytes == 0))
            return "REJ";
        return oInactive ? "RSTRH" : "RSTR";
    }
    if (os == ZeekState::Reset) {
        if (rInactive) return (sawS && !sawH) ? "RSTOS0" : "OTH";
        return "RSTO";
    }
    if (rs == ZeekState::Closed && os == ZeekState::Closed) return "SF";
    if (os == ZeekState::Closed) return rInactive ? "SH" : "S2";
    if (rs == ZeekState::Closed) return oInactive ? "SHR" : "S3";
    if (os == ZeekState::SynSent && rs == ZeekState::Inactive) return "S0";
    if (os == ZeekState::Established && rs == ZeekState::Established) return "S1";
    return "OTH";
}

// Zeek's endpoint state machine, reduced to what conn_state reads: a sender's state changes
// with what it sends.
void zeekUpdate(ZeekState& self, ZeekState& peer, uint16_t f, uint32_t len) {
    const bool syn = f & TcpFlag::Syn, ack = f & TcpFlag::Ack, fin = f & TcpFlag::Fin,
               rst = f & TcpFlag::Rst;
    if (rst) {
        self = ZeekState::Reset;
        return;
    }
    if (self == ZeekState::Reset) return;
    if (fin) {
        self = ZeekState::Closed;
        return;
    }
    switch (self) {
    case ZeekState::Inactive:
        if (syn)
            self = ack ? ZeekState::SynAckSent : ZeekState::SynSent;
        else
            self = ZeekState::Partial;
        break;
    case ZeekState::SynSent:
    case ZeekState::SynAckSent:
        if (ack && !syn &&
            (peer == ZeekState::SynAckSent || peer == ZeekState::SynSent ||
             peer == ZeekState::Established)) {
            self = ZeekState::Established;
            if (peer != ZeekState::Established) peer = ZeekState::Established;
        } else if (!syn && len > 0 && peer == ZeekState::Inactive) {
            self = ZeekState::Partial;
        }
        break;
    case ZeekState::Partial:
        if (ack && peer == ZeekState::Partial) { /* Zeek keeps PARTIAL */
        }
        break;
    default:
        break;
    }
}

} // namespace

const TcpPacketAnalysis& ConnectionTracker::add(const TcpSegment& seg) {
    Impl& im = *m_impl;
    const FlowKey key = makeKey(seg);
    const size_t keyHash = FlowKeyHash{}(key);
    const bool bareSyn = (seg.flags & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn;
    const bool synAck =
        (seg.flags & (TcpFlag::Syn | TcpFlag::Ack)) == (TcpFlag::Syn | TcpFlag::Ack);
    uint32_t reuseFlags = 0;
    bool created = false;

    auto newConn = [&]() -> Impl::Conn& {
        auto c = std::make_unique<Impl::Conn>();
        c->index = static_cast<uint32_t>(m_connections.size());
        c->addr0 = seg.src;
        c->port0 = seg.srcPort;
        const auto [role, reason] = firstSenderRole(seg);
        c->role0 = role;
        c->firstWasSynAck = synAck;
        TcpConnection tc;
        tc.stream = c->index;
        TcpEndpointSummary& first = role == EndpointRole::Client ? tc.client : tc.server;
        TcpEndpointSummary& second = role == EndpointRole::Client ? tc.server : tc.client;
        first.address = seg.src;
        first.port = seg.srcPort;
        second.address = seg.dst;
        second.port = seg.dstPort;
        tc.roleReason = reason;
        tc.firstFrame = seg.frameNumber;
        tc.firstTime = seg.ts;
        tc.hasTimestamps = seg.hasTimestamp;
        if (bareSyn)
            c->walker.start(TcpState::Closed, TcpState::Listen);
        else
            c->walker.start(TcpState::Unknown, TcpState::Unknown);
        m_connections.push_back(tc);
        im.conns.push_back(std::move(c));
        im.byKey.assign(key, keyHash, static_cast<uint32_t>(im.conns.size() - 1));
        created = true;
        return *im.conns.back();
    };

    bool conversationIsNew = false;
    Impl::Conn* cp = nullptr;
    if (const uint32_t found = im.byKey.find(key, keyHash); found == FlowIndex::kNone) {
        cp = &newConn();
        conversationIsNew = true;
    } else {
        cp = im.conns[found].get();
        // Wireshark's port-reuse rules (dissect_tcp): a bare SYN whose sequence number differs
        // from the direction's base sequence starts a new conversation; one that repeats it
        // restores nextseq. A SYN,ACK with a new sequence number rebases its direction.
        const int dir = (seg.src == cp->addr0 && seg.srcPort == cp->port0) ? 0 : 1;
        const auto& flow = cp->seq.flow(dir);
        if (bareSyn && flow.baseSeqSet) {
            if (seg.seq != flow.baseSeq) {
                cp = &newConn();
                cp->seq.setCompleteness(Completeness::Syn);
                reuseFlags = TcpAnalysisFlag::ReusedPorts;
            } else {
                // A retransmitted SYN (or a new attempt with the same ISN): not flagged.
                cp->seq.restoreNextseqForSynRetransmission(dir);
            }
        } else if (synAck && flow.baseSeqSet && seg.seq != flow.baseSeq) {
            cp->seq.rebaseSynAck(dir, seg.seq);
            reuseFlags = TcpAnalysisFlag::ReusedPorts;
        }
    }
    Impl::Conn& c = *cp;
    TcpConnection& tc = m_connections[c.index];
    const int dir = (seg.src == c.addr0 && seg.srcPort == c.port0) ? 0 : 1;
    const EndpointRole sender =
        dir == 0 ? c.role0
                 : (c.role0 == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client);

    const size_t index = m_count++;
    TcpPacketAnalysis* pp = &m_current;
    if (m_keepPackets)
        pp = &m_packets.emplace_back();
    else
        m_current = TcpPacketAnalysis{};
    TcpPacketAnalysis& p = *pp;
    p.frameNumber = seg.frameNumber;
    p.ts = seg.ts;
    p.hasTimestamp = seg.hasTimestamp;
    p.stream = c.index;
    p.sender = sender;
    p.flags = seg.flags;
    p.analysisFlags = reuseFlags;

    // tcpdump omits the sequence number of pure ACKs: it is the sender's next sequence number.
    uint32_t seqNo = seg.seq;
    if (!seg.seqPresent) {
        const auto& f = c.seq.flow(dir);
        const auto& r = c.seq.flow(1 - dir);
        seqNo = f.nextseq ? f.nextseq : (r.lastack ? r.lastack : seg.seq);
    }

    detail::SeqInput in;
    in.frame = seg.frameNumber;
    in.tsNs = seg.hasTimestamp ? toNs(seg.ts) : 0;
    in.seq = seqNo;
    in.ack = seg.ackPresent ? seg.ack : 0;
    in.seglen = seg.payloadLength;
    in.flags = seg.flags;
    in.window = seg.window;
    in.wscale = seg.options.wscale;
    in.sackCount = seg.options.sackCount;
    in.sack = seg.options.sack;
    c.seq.analyze(dir, in, conversationIsNew, p);

    detail::WalkInput w;
    w.flags = seg.flags;
    w.seq = seqNo;
    w.ack = seg.ack;
    w.len = seg.payloadLength;
    w.ackPresent = seg.ackPresent;
    if (created && !bareSyn && !synAck) p.notes |= noteBit(TrackerNote::MidstreamStart);
    const size_t pending = c.walker.pendingIndex(sender);
    TcpPacketAnalysis* pendingResult = nullptr;
    if (pending != detail::TcpStateWalker::kNone)
        pendingResult =
            m_keepPackets && pending < m_packets.size() ? &m_packets[pending] : &m_scratch;
    c.walker.step(sender, w, p, index, pendingResult);
    if (m_keepPackets)
        for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server})
            if (c.walker.pendingIndex(r) == index) im.unsettled.push_back({index, c.index, r});

    // Conversation summary.
    const uint16_t f = seg.flags;
    TcpEndpointSummary& se = sender == EndpointRole::Client ? tc.client : tc.server;
    se.packets += 1;
    se.bytes += seg.payloadLength;
    tc.lastFrame = seg.frameNumber;
    tc.lastTime = seg.ts;
    tc.completeness = c.seq.completeness();
    tc.analysisFlagsSeen |= p.analysisFlags;
    tc.notesSeen |= p.notes;
    if (bareSyn && sender == EndpointRole::Client) c.clientSyn = true;
    if (synAck && sender == EndpointRole::Server) c.serverSynAck = true;
    if (p.server.event == TcpEvent::RcvAckOfSyn || p.client.event == TcpEvent::RcvAckOfSyn)
        c.handshakeAck = true;
    if ((f & TcpFlag::Rst) && !c.rstSeen) {
        c.rstSeen = true;
        c.firstRst = sender;
    }
    if (f & TcpFlag::Fin) c.fin[sender == EndpointRole::Client ? 0 : 1] = true;
    if (bareSyn && !se.isnKnown) {
        se.isnKnown = true;
        se.isn = seqNo;
    } else if (synAck && !se.isnKnown) {
        se.isnKnown = true;
        se.isn = seqNo;
    }

    const int zs = sender == EndpointRole::Client ? 0 : 1;
    zeekUpdate(c.zeek[zs], c.zeek[1 - zs], f, seg.payloadLength);
    if (m_zeekHistory) tc.zeek.add(seg, seqNo, sender == EndpointRole::Client);

    tc.client.initialState = c.walker.initialState(EndpointRole::Client);
    tc.server.initialState = c.walker.initialState(EndpointRole::Server);
    tc.client.finalState = c.walker.state(EndpointRole::Client);
    tc.server.finalState = c.walker.state(EndpointRole::Server);

    if (c.walker.simultaneousOpen())
        tc.open = OpenKind::SimultaneousOpen;
    else if (c.walker.refused())
        tc.open = OpenKind::Refused;
    else if (c.clientSyn) {
        if (c.serverSynAck)
            tc.open = c.handshakeAck ? OpenKind::Handshake : OpenKind::SynAckNoAck;
        else if (c.rstSeen && c.firstRst == EndpointRole::Server)
            tc.open = OpenKind::Refused;
        else
            tc.open = OpenKind::AttemptOnly;
    } else if (c.firstWasSynAck)
        tc.open = OpenKind::SynNotSeen;
    else
        tc.open = OpenKind::MidStream;

    if (c.rstSeen)
        tc.close = c.firstRst == EndpointRole::Client ? CloseKind::RstClient : CloseKind::RstServer;
    else if (c.fin[0] && c.fin[1])
        tc.close = CloseKind::FinBoth;
    else if (c.fin[0])
        tc.close = CloseKind::FinClient;
    else if (c.fin[1])
        tc.close = CloseKind::FinServer;
    else
        tc.close = CloseKind::StillOpen;

    tc.connState =
        zeekConnState(c.zeek, c.clientSyn, c.serverSynAck, tc.client.bytes, tc.server.bytes);
    return p;
}

std::vector<LadderEvent> ConnectionTracker::ladder(uint32_t stream) const {
    std::vector<LadderEvent> out;
    for (size_t i = 0; i < m_packets.size(); ++i) {
        const TcpPacketAnalysis& p = m_packets[i];
        if (p.stream != stream) continue;
        LadderEvent e;
        e.frameNumber = p.frameNumber;
        e.packetIndex = i;
        e.ts = p.ts;
        e.from = p.sender;
        e.flags = p.flags;
        e.seq = p.seq;
        e.ack = p.ack;
        e.len = p.len;
        e.analysisFlags = p.analysisFlags;
        e.client = p.client;
        e.server = p.server;
        out.push_back(e);
    }
    return out;
}

} // namespace tcpscope
