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
//   "rcv SYN in CLOSED / snd RST,ACK". A packet is taken to have arrived unless a later one
//   proves it did not: an unanswered SYN,ACK (half-open), an ACK of a FIN followed by that FIN
//   again.
#include "tcpscope/connection_tracker.h"

#include "conversation_summary.h"
#include "flow_index.h"
#include "tcp_seq_analysis.h"
#include "tcp_state_walker.h"
#include "tcpscope/packet_summary.h"
#include "text/catalogue_parts.h"

#include <algorithm>
#include <deque>
#include <vector>

namespace tcpscope {

// The viewer keeps one a TCP packet: the members are ordered by width, frame numbers take 32
// bits as Wireshark's, the flag and note bits and the scale factor 16 bits each, the booleans
// one bit each, and the iRTT is kept once per connection.
static_assert(sizeof(TcpPacketAnalysis) == 96);
static_assert(TcpAnalysisFlag::Count <= 16 && kTrackerNoteCount <= 16);

namespace {

// Whether a walker may still amend packet `index`'s results (either endpoint's pending one).
bool holds(const detail::TcpStateWalker& w, size_t index) {
    return w.pendingIndex(EndpointRole::Client) == index ||
           w.pendingIndex(EndpointRole::Server) == index;
}

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
    "nobody was listening: the server's step on that SYN becomes \"rcv SYN in CLOSED\". A packet "
    "is taken to have arrived unless a later one proves it did not: a SYN,ACK that the client "
    "never answers (the server sends it again, the client repeats its SYN, or the capture ends "
    "without an answer) did not reach the client, which stays SYN-SENT while the server waits in "
    "SYN-RECEIVED (a half-open connection, as in a SYN flood); an ACK of a FIN after which the "
    "FIN's sender sends its FIN again did not reach that sender, which is still waiting for it.";

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

bool isBareSyn(uint16_t f) {
    return (f & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn;
}
bool isSynAck(uint16_t f) {
    return (f & (TcpFlag::Syn | TcpFlag::Ack)) == (TcpFlag::Syn | TcpFlag::Ack);
}

} // namespace

struct ConnectionTracker::Impl {
    // One connection's analyses. Wireshark numbers a conversation's directions from its first
    // sender (flow 1, dir 0 here): the sequence analysis keeps that numbering so tshark stays
    // the oracle; everything else is by role, and role() converts once.
    struct Conn {
        uint32_t index = 0; // into m_connections (== stream)
        Address addr0;      // the conversation's first sender: Wireshark's flow 1
        uint16_t port0 = 0;
        EndpointRole role0 = EndpointRole::Client;
        detail::TcpSeqAnalysis seq;
        detail::TcpStateWalker walker;
        detail::ConversationSummary summary;
        int64_t firstTsNs = 0; // the connection's first packet (tcp.time_relative counts from it)
        int64_t prevTsNs = 0;  // its latest packet (tcp.time_delta)
        bool timed = false;    // firstTsNs is set

        // Wireshark's [Timestamps]: since the connection's first packet and its previous one
        // (p.tsNs is the packet's time).
        void stamp(const TcpSegment& s, TcpPacketAnalysis& p) {
            if (!s.hasTimestamp) return;
            const int64_t ns = p.tsNs;
            if (!timed) firstTsNs = prevTsNs = ns, timed = true;
            p.timeRelativeNs = ns - firstTsNs;
            p.timeDeltaNs = ns - prevTsNs;
            prevTsNs = ns;
        }
        int dirOf(const TcpSegment& s) const {
            return (s.src == addr0 && s.srcPort == port0) ? 0 : 1;
        }
        EndpointRole role(int dir) const {
            return dir == 0 ? role0
                            : (role0 == EndpointRole::Client ? EndpointRole::Server
                                                             : EndpointRole::Client);
        }
    };
    // Where a segment belongs: its connection, whether this segment created it, and the flags
    // Wireshark's port-reuse rules raise.
    struct Located {
        Conn* conn = nullptr;
        bool created = false;
        bool conversationIsNew = false;
        uint32_t reuseFlags = 0;
    };

    detail::FlowIndex byKey; // -> index into conns
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

    // The connection of a segment, made when it has none (Wireshark's tcp.stream rules).
    Located locate(std::vector<TcpConnection>& connections, const TcpSegment& seg);
    Conn& newConnection(std::vector<TcpConnection>& connections, const TcpSegment& seg,
                        const detail::FlowKey& key, size_t keyHash,
                        uint32_t pairFirst = UINT32_MAX);
};

ConnectionTracker::ConnectionTracker() : m_impl(std::make_unique<Impl>()) {}
ConnectionTracker::~ConnectionTracker() = default;
ConnectionTracker::ConnectionTracker(ConnectionTracker&&) noexcept = default;
ConnectionTracker& ConnectionTracker::operator=(ConnectionTracker&&) noexcept = default;

void ConnectionTracker::reserve(size_t packets) {
    if (m_keepPackets) m_packets.m_records.reserve(packets);
    if (m_packets.m_brief) m_packets.m_briefs.reserve(packets);
}

void ConnectionTracker::setKeepBriefs() {
    m_keepPackets = false;
    m_packets.m_brief = true;
}

PacketBrief PacketBrief::of(const TcpPacketAnalysis& a) {
    PacketBrief b;
    b.stream = a.stream;
    b.seq = a.seq;
    b.ack = a.ack;
    b.len = a.len;
    b.windowSize = a.windowSize;
    b.analysisFlags = a.analysisFlags;
    b.notes = a.notes;
    b.client = a.client;
    b.server = a.server;
    b.bits = uint16_t((a.flags & 0x0fff) | (a.sender == EndpointRole::Server ? kServerBit : 0) |
                      (a.headerMalformed ? kMalformedBit : 0));
    return b;
}

TcpPacketAnalysis PacketBrief::partial() const {
    TcpPacketAnalysis a;
    a.stream = stream;
    a.seq = seq;
    a.ack = ack;
    a.len = len;
    a.windowSize = windowSize;
    a.analysisFlags = analysisFlags;
    a.notes = notes;
    a.client = client;
    a.server = server;
    a.flags = flags();
    a.sender = sender();
    a.headerMalformed = headerMalformed();
    return a;
}

size_t ConnectionTracker::firstUnsettled() {
    Impl& im = *m_impl;
    while (!im.unsettled.empty() &&
           (im.unsettled.front().packet < m_released || im.stale(im.unsettled.front())))
        im.unsettled.pop_front();
    return im.unsettled.empty() ? m_count : im.unsettled.front().packet;
}

bool ConnectionTracker::settled(size_t index) const {
    if (m_copy || !m_keepPackets || index < m_released || index >= m_count) return true;
    const detail::TcpStateWalker& w = m_impl->conns[m_packets[index - m_first].stream]->walker;
    return !holds(w, index);
}

void ConnectionTracker::release(size_t before) {
    before = std::min(before, m_count);
    if (!m_keepPackets || before <= m_released) return;
    m_released = before;
    // Drop from the front in large steps, so the move is paid once per many packets.
    const size_t drop = m_released - m_first;
    if (drop >= 4096 && drop * 2 >= m_packets.size()) {
        m_packets.m_records.eraseFront(drop);
        m_first = m_released;
    }
}

const TcpPacketAnalysis* ConnectionTracker::packet(size_t index) const {
    if (m_packets.m_brief)
        return m_packets.m_source && index < m_count ? &m_packets.m_source->analysis(index)
                                                     : nullptr;
    if (!m_keepPackets || index < m_released || index >= m_count) return nullptr;
    return &m_packets[index - m_first];
}

std::string_view captureConvention() {
    return localized("convention", kConvention);
}

void detail::appendConventionText(std::vector<CatalogueText>& out) {
    out.push_back({"convention", std::string(kConvention)});
}

int64_t TcpConnection::durationNs() const {
    return hasTimestamps ? toNs(lastTime) - toNs(firstTime) : 0;
}

ConnectionTracker::Impl::Conn&
ConnectionTracker::Impl::newConnection(std::vector<TcpConnection>& connections,
                                       const TcpSegment& seg, const detail::FlowKey& key,
                                       size_t keyHash, uint32_t pairFirst) {
    auto c = std::make_unique<Impl::Conn>();
    c->index = static_cast<uint32_t>(connections.size());
    c->addr0 = seg.src;
    c->port0 = seg.srcPort;
    const auto [role, reason] = firstSenderRole(seg);
    c->role0 = role;
    if (isSynAck(seg.flags)) c->summary.setFirstWasSynAck();
    TcpConnection tc;
    tc.stream = c->index;
    tc.pairFirst = pairFirst == UINT32_MAX ? c->index : pairFirst;
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
    if (isBareSyn(seg.flags))
        c->walker.start(TcpState::Closed, TcpState::Listen);
    else
        c->walker.start(TcpState::Unknown, TcpState::Unknown);
    connections.push_back(tc);
    conns.push_back(std::move(c));
    byKey.assign(key, keyHash, static_cast<uint32_t>(conns.size() - 1));
    return *conns.back();
}

ConnectionTracker::Impl::Located
ConnectionTracker::Impl::locate(std::vector<TcpConnection>& connections, const TcpSegment& seg) {
    const detail::FlowKey key = detail::FlowKey::of(seg);
    const size_t keyHash = key.hash();
    Impl::Located at;
    const uint32_t found = byKey.find(key, keyHash);
    if (found == detail::FlowIndex::kNone) {
        at.conn = &newConnection(connections, seg, key, keyHash);
        at.created = at.conversationIsNew = true;
        return at;
    }
    at.conn = conns[found].get();
    // Wireshark's port-reuse rules (dissect_tcp): a bare SYN whose sequence number differs
    // from the direction's base sequence starts a new conversation; one that repeats it
    // restores nextseq. A SYN,ACK with a new sequence number rebases its direction.
    const int dir = at.conn->dirOf(seg);
    const auto& flow = at.conn->seq.flow(dir);
    if (isBareSyn(seg.flags) && flow.baseSeqSet) {
        if (seg.seq != flow.baseSeq) {
            const uint32_t first = connections[at.conn->index].pairFirst;
            at.conn = &newConnection(connections, seg, key, keyHash, first);
            at.conn->seq.setCompleteness(Completeness::Syn);
            at.created = true;
            at.reuseFlags = TcpAnalysisFlag::ReusedPorts;
        } else {
            // A retransmitted SYN (or a new attempt with the same ISN): not flagged.
            at.conn->seq.restoreNextseqForSynRetransmission(dir);
        }
    } else if (isSynAck(seg.flags) && flow.baseSeqSet && seg.seq != flow.baseSeq) {
        at.conn->seq.rebaseSynAck(dir, seg.seq);
        at.reuseFlags = TcpAnalysisFlag::ReusedPorts;
    }
    return at;
}

TcpPacketAnalysis* ConnectionTracker::keptResult(size_t index) {
    if (index == detail::TcpStateWalker::kNone || index >= m_count) return nullptr;
    // Without per-packet results nothing was handed on to stay consistent with: the walker
    // amends a scratch record and only the states change.
    if (!m_keepPackets) {
        const auto it = m_pending.find(index);
        return it != m_pending.end() ? &it->second : &m_scratch;
    }
    if (index < m_released) return nullptr;
    return &m_packets.m_records.mut(index - m_first);
}

void ConnectionTracker::noteBrief(size_t index, const TcpPacketAnalysis& p) {
    m_packets.m_briefs.push_back(PacketBrief::of(p));
    if (holds(m_impl->conns[p.stream]->walker, index)) m_pending.emplace(index, p);
}

void ConnectionTracker::settleBrief(size_t index) {
    const auto it = m_pending.find(index);
    if (it == m_pending.end()) return;
    m_packets.m_briefs.mut(index) = PacketBrief::of(it->second);
    if (!holds(m_impl->conns[it->second.stream]->walker, index)) m_pending.erase(it);
}

void ConnectionTracker::finish() {
    for (auto& c : m_impl->conns) {
        for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server})
            c->walker.endOfCapture(r, keptResult(c->walker.pendingIndex(r)));
        TcpConnection& tc = m_connections[c->index];
        tc.client.finalState = c->walker.state(EndpointRole::Client);
        tc.server.finalState = c->walker.state(EndpointRole::Server);
        if (c->walker.halfOpen()) tc.notesSeen |= noteBit(TrackerNote::SynAckNotReceived);
        if (c->walker.finAckLost()) tc.notesSeen |= noteBit(TrackerNote::FinAckNotReceived);
    }
    for (const auto& [index, result] : m_pending)
        m_packets.m_briefs.mut(index) = PacketBrief::of(result);
    m_pending.clear();
}

TcpPacketAnalysis& ConnectionTracker::newResult() {
    if (!m_keepPackets) {
        m_current = TcpPacketAnalysis{};
        return m_current;
    }
    return m_packets.m_records.emplace_back();
}

// A segment whose header could not be read past its data offset: a receiver drops it, so it
// changes no analysis and no state, but it belongs to (or opens) the connection its addresses
// and ports name, and so takes that stream number, as in Wireshark.
const TcpPacketAnalysis& ConnectionTracker::addMalformed(const TcpSegment& seg) {
    const Impl::Located at = m_impl->locate(m_connections, seg);
    Impl::Conn& c = *at.conn;
    // A connection this segment opened has it as its only moment so far (no negative duration).
    if (at.created) m_connections[c.index].lastTime = seg.ts;
    notePacket(m_connections[c.index], m_count, at.created);
    ++m_count;
    TcpPacketAnalysis& p = newResult();
    p.frameNumber = seg.frameNumber;
    p.tsNs = seg.hasTimestamp ? toNs(seg.ts) : 0;
    p.hasTimestamp = seg.hasTimestamp;
    p.headerMalformed = true;
    if (seg.headerPastSegment) c.stamp(seg, p);
    p.stream = c.index;
    p.sender = c.role(c.dirOf(seg));
    p.flags = seg.flags;
    p.completeness = c.seq.completeness();
    for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server}) {
        EndpointStep& step = r == EndpointRole::Client ? p.client : p.server;
        step.before = step.after = c.walker.state(r);
    }
    return p;
}

const TcpPacketAnalysis& ConnectionTracker::add(const TcpSegment& seg) {
    const TcpPacketAnalysis& p = addOne(seg);
    if (m_packets.m_brief) noteBrief(m_count - 1, p);
    return p;
}

const TcpPacketAnalysis& ConnectionTracker::addOne(const TcpSegment& seg) {
    if (seg.headerMalformed) return addMalformed(seg);
    const Impl::Located at = m_impl->locate(m_connections, seg);
    Impl::Conn& c = *at.conn;
    // The connection's summary is updated last; with thousands of connections it is seldom in
    // cache: fetch it while the sequence analysis runs.
    const char* summary = reinterpret_cast<const char*>(&m_connections[c.index]);
    for (size_t line = 0; line < sizeof(TcpConnection); line += 64)
        __builtin_prefetch(summary + line);
    const int dir = c.dirOf(seg);
    const EndpointRole sender = c.role(dir);

    const size_t index = m_count++;
    notePacket(m_connections[c.index], index, at.created);
    TcpPacketAnalysis& p = newResult();
    p.frameNumber = seg.frameNumber;
    p.tsNs = seg.hasTimestamp ? toNs(seg.ts) : 0;
    p.hasTimestamp = seg.hasTimestamp;
    p.stream = c.index;
    p.sender = sender;
    p.flags = seg.flags;
    p.analysisFlags = at.reuseFlags;

    // tcpdump omits the sequence number of pure ACKs: it is the sender's next sequence number.
    uint32_t seqNo = seg.seq;
    if (!seg.seqPresent) {
        const auto& f = c.seq.flow(dir);
        const auto& r = c.seq.flow(1 - dir);
        seqNo = f.nextseq ? f.nextseq : (r.lastack ? r.lastack : seg.seq);
    }
    c.stamp(seg, p);
    c.seq.analyze(dir, detail::SeqInput::of(seg, seqNo, p.tsNs), at.conversationIsNew, p);
    if (p.showsInitialRtt) m_connections[c.index].initialRttNs = c.seq.initialRttNs();

    if (at.created && !isBareSyn(seg.flags) && !isSynAck(seg.flags))
        p.notes |= noteBit(TrackerNote::MidstreamStart);
    walkStates(c.index, sender, seg, seqNo, index, p);

    c.summary.update(m_connections[c.index], seg, sender, seqNo, p, c.walker, c.seq.completeness());
    if (m_zeekHistory) {
        std::shared_ptr<ZeekHistory>& z = m_connections[c.index].zeek;
        if (!z) z = std::make_shared<ZeekHistory>();
        z->add(seg, seqNo, sender == EndpointRole::Client);
    }
    return p;
}

void ConnectionTracker::walkStates(uint32_t conn, EndpointRole sender, const TcpSegment& seg,
                                   uint32_t seqNo, size_t index, TcpPacketAnalysis& p) {
    Impl& im = *m_impl;
    detail::TcpStateWalker& walker = im.conns[conn]->walker;
    detail::WalkInput w;
    w.flags = seg.flags;
    w.seq = seqNo;
    w.ack = seg.ack;
    w.len = seg.payloadLength;
    w.ackPresent = seg.ackPresent;
    // The earlier results the walker may amend: the sender's, kept or (released, or not kept)
    // a scratch record, so the amendment lands on this packet's step instead
    // (captureConvention()); the receiver's, or null when no longer kept.
    const EndpointRole receiver =
        sender == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client;
    const size_t wasPending[2] = {walker.pendingIndex(sender), walker.pendingIndex(receiver)};
    TcpPacketAnalysis* senderPending = keptResult(wasPending[0]);
    if (!senderPending && wasPending[0] != detail::TcpStateWalker::kNone)
        senderPending = &m_scratch;
    walker.step(sender, w, p, index, senderPending, keptResult(wasPending[1]));
    if (m_packets.m_brief)
        for (size_t i : wasPending)
            if (i != detail::TcpStateWalker::kNone) settleBrief(i);
    if (m_keepPackets)
        for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server})
            if (walker.pendingIndex(r) == index) im.unsettled.push_back({index, conn, r});
}

const TcpPacketAnalysis& TrackerResults::amended(size_t i) const {
    const auto it = std::lower_bound(m_amended.begin(), m_amended.end(), i,
                                     [](const auto& a, size_t index) { return a.first < index; });
    return it != m_amended.end() && it->first == i ? it->second : m_records[i];
}

ConnectionTracker ConnectionTracker::resultsView(std::shared_ptr<const void> owner) const {
    ConnectionTracker t;
    t.m_packets.m_records = m_packets.m_records.view(m_packets.size(), std::move(owner));
    // The results this tracker may still amend (each walker's pending ones; a result is never
    // amended once no walker holds it) are copied, so the view never reads what is written.
    if (m_keepPackets && !m_copy) {
        auto& amended = t.m_packets.m_amended;
        for (const auto& c : m_impl->conns)
            for (EndpointRole r : {EndpointRole::Client, EndpointRole::Server}) {
                const size_t index = c->walker.pendingIndex(r);
                if (index == detail::TcpStateWalker::kNone || index < m_released ||
                    index >= m_count)
                    continue;
                amended.emplace_back(index - m_first, m_packets[index - m_first]);
            }
        std::sort(amended.begin(), amended.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        amended.erase(std::unique(amended.begin(), amended.end(),
                                  [](const auto& a, const auto& b) { return a.first == b.first; }),
                      amended.end());
    } else {
        t.m_packets.m_amended = m_packets.m_amended;
    }
    t.m_connections = m_connections;
    t.m_keepPackets = m_keepPackets;
    t.m_zeekHistory = m_zeekHistory;
    t.m_copy = true;
    t.m_count = m_count;
    t.m_first = m_first;
    t.m_released = m_released;
    return t;
}

void ConnectionTracker::notePacket(TcpConnection& c, size_t index, bool first) {
    if (first) c.firstPacket = index;
    c.lastPacket = index;
}

std::vector<LadderEvent> ConnectionTracker::ladder(uint32_t stream) const {
    std::vector<LadderEvent> out;
    const bool brief = m_packets.m_brief;
    if (stream >= m_connections.size() || !(m_keepPackets || (brief && m_packets.m_source)))
        return out;
    const TcpConnection& c = m_connections[stream];
    for (size_t i = std::max(m_released, c.firstPacket); i <= c.lastPacket && i < m_count; ++i) {
        if (brief && m_packets.m_briefs[i].stream != stream) continue; // recomputes none
        const TcpPacketAnalysis& p = m_packets[i - m_first];
        if (p.stream != stream || p.headerMalformed) continue; // dropped by its receiver
        LadderEvent e;
        e.frameNumber = p.frameNumber;
        e.packetIndex = i;
        e.ts = p.time();
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
