// SPDX-License-Identifier: GPL-2.0-or-later
// The SYN queue of a listening socket (syn_queue.h): its connections, their SYN,ACK retries,
// the half-open and established counts over time from the tracker's server states, and the
// SYN cookie assessment.
#include "tcpscope/syn_queue.h"

#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace tcpscope {

namespace {

using SocketKey = std::pair<Address, uint16_t>;

// Connections whose client sent a SYN to the server (or whose SYN,ACK shows it did).
bool opensToListener(OpenKind k) {
    return k == OpenKind::Handshake || k == OpenKind::SynAckNoAck || k == OpenKind::AttemptOnly ||
           k == OpenKind::Refused || k == OpenKind::SynNotSeen;
}

bool isSyn(uint16_t flags, EndpointRole sender) {
    return (flags & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn &&
           sender == EndpointRole::Client;
}
bool isSyn(const TcpPacketAnalysis& a) {
    return isSyn(a.flags, a.sender);
}

bool isSynAck(uint16_t flags, EndpointRole sender) {
    return (flags & (TcpFlag::Syn | TcpFlag::Ack)) == (TcpFlag::Syn | TcpFlag::Ack) &&
           sender == EndpointRole::Server;
}
bool isSynAck(const TcpPacketAnalysis& a) {
    return isSynAck(a.flags, a.sender);
}

int64_t timeNs(const Timestamp& t) {
    return t.sec * 1000000000 + int64_t(t.nsec);
}

// Seconds since the capture's first packet (0 without time stamps).
double secondsSince(const TcpPacketAnalysis& a, int64_t originNs) {
    return a.hasTimestamp ? double(a.tsNs - originNs) / 1e9 : 0.0;
}

uint8_t optionBits(const TcpOptionSummary& o) {
    return uint8_t((o.mss >= 0 ? SynOption::Mss : 0) |
                   (o.wscale >= 0 ? SynOption::WindowScale : 0) |
                   (o.sackPermitted ? SynOption::SackPermitted : 0) |
                   (o.hasTimestamp ? SynOption::Timestamps : 0));
}

// The options of packet i, read again from its bytes (or its tcpdump line); nothing when its
// TCP header was not captured whole.
std::optional<TcpOptionSummary> optionsOf(const CaptureSession& session, size_t i) {
    const PacketRecord r = session.record(i);
    if (!r.hasBytes) {
        if (r.source >= session.segments().size()) return std::nullopt;
        return session.segments()[r.source].options;
    }
    PacketSummary s;
    dissectFrame(session.frames().view(r.source), s, nullptr, session.options());
    constexpr uint32_t kCut =
        Problem::TcpTruncated | Problem::TcpMalformed | Problem::OptionsMalformed;
    if (!s.hasTcp || (s.problems & kCut)) return std::nullopt;
    return s.options;
}

// The MSS values Linux encodes in a cookie (net/ipv4/syncookies.c, net/ipv6/syncookies.c).
bool inCookieTable(int32_t mss, bool ipv6) {
    constexpr std::array<int32_t, 4> v4 = {536, 1300, 1440, 1460};
    constexpr std::array<int32_t, 4> v6 = {1220, 1420, 1440, 8940};
    const auto& t = ipv6 ? v6 : v4;
    return std::find(t.begin(), t.end(), mss) != t.end();
}

constexpr uint8_t kDroppable =
    SynOption::WindowScale | SynOption::SackPermitted | SynOption::Timestamps;

SynCookieAssessment assessCookie(const CaptureSession& session, const SynQueueEntry& e) {
    SynCookieAssessment c;
    for (const SynAckSend& s : e.synAcks)
        if (s.retry > 0 && !s.afterSyn) ++c.unpromptedSynAcks;
    if (!e.synSeen || e.synAcks.empty()) return c;
    const auto syn = optionsOf(session, e.synPacket);
    const auto synAck = optionsOf(session, e.synAcks.front().packet);
    if (!syn || !synAck) return c;
    c.offered = optionBits(*syn);
    c.answered = optionBits(*synAck);
    c.synMss = syn->mss;
    c.synAckMss = synAck->mss;
    c.mssInCookieTable = inCookieTable(synAck->mss, e.client.family == 6);
    // Dropped: the SYN offered some of them and the SYN,ACK carries none.
    if (!(c.answered & kDroppable)) c.dropped = c.offered & kDroppable;
    if (c.unpromptedSynAcks)
        c.verdict = SynCookieVerdict::NotCookie;
    else if (c.dropped)
        c.verdict = SynCookieVerdict::MightBe;
    else
        c.verdict = SynCookieVerdict::NoSign;
    return c;
}

// Which count a server state falls in: 1 half-open, 2 established, 0 neither.
int category(TcpState s) {
    return s == TcpState::SynReceived ? 1 : s == TcpState::Established ? 2 : 0;
}

// Walks the socket's packets in capture order, filling the entries and the series.
class QueueBuilder {
  public:
    QueueBuilder(const CaptureSession& session, SynQueue& q, std::vector<int32_t> entryOf)
        : m_session(session), m_q(q), m_entryOf(std::move(entryOf)),
          m_category(m_q.entries.size(), 0), m_synSincePrevious(m_q.entries.size(), false),
          m_origin(timeNs(session.firstTimestamp())) {}

    void run() {
        m_q.series.push_back(SynQueuePoint{});
        for (size_t i = 0; i < m_session.size(); ++i) {
            const std::optional<PacketBrief> b = m_session.brief(i);
            if (!b || b->headerMalformed() || b->stream >= m_entryOf.size()) continue;
            const int32_t k = m_entryOf[b->stream];
            if (k < 0) continue;
            const TcpPacketAnalysis* a = m_session.analysis(i);
            if (!a) continue;
            const double t = secondsSince(*a, m_origin);
            packet(size_t(k), i, *a, t);
            count(size_t(k), i, *a, t);
        }
    }

  private:
    void packet(size_t k, size_t i, const TcpPacketAnalysis& a, double t);
    void count(size_t k, size_t i, const TcpPacketAnalysis& a, double t);

    const CaptureSession& m_session;
    SynQueue& m_q;
    std::vector<int32_t> m_entryOf;       // stream -> entry, -1 for other sockets' streams
    std::vector<int> m_category;          // entry -> category() of its server now
    std::vector<bool> m_synSincePrevious; // entry -> a SYN came since its last SYN,ACK
    int64_t m_origin;
    uint32_t m_halfOpen = 0, m_established = 0;
};

void QueueBuilder::packet(size_t k, size_t i, const TcpPacketAnalysis& a, double t) {
    SynQueueEntry& e = m_q.entries[k];
    if (isSyn(a)) {
        ++e.syns;
        m_synSincePrevious[k] = true;
        if (!e.synSeen)
            e.synSeen = true, e.synPacket = i, e.synFrame = a.frameNumber, e.synTime = t;
    } else if (isSynAck(a)) {
        SynAckSend s{i, a.frameNumber, t, uint32_t(e.synAcks.size())};
        s.interval = e.synAcks.empty() ? (e.synSeen ? t - e.synTime : 0.0) : t - e.synAcks.back().t;
        s.afterSyn = m_synSincePrevious[k];
        s.trackerRetransmission = a.analysisFlags & TcpAnalysisFlag::Retransmission;
        m_synSincePrevious[k] = false;
        e.synAcks.push_back(s);
    }
    const EndpointStep& srv = a.server;
    if (srv.after == TcpState::SynReceived) e.wasHalfOpen = true;
    auto end = [&](SynQueueOutcome o) {
        e.outcome = o, e.endPacket = i, e.endFrame = a.frameNumber, e.endTime = t;
    };
    if (srv.before == TcpState::SynReceived && srv.after != TcpState::SynReceived) {
        if (a.flags & TcpFlag::Rst)
            end(a.sender == EndpointRole::Client ? SynQueueOutcome::ResetByClient
                                                 : SynQueueOutcome::ResetByServer);
        else if (isSynchronized(srv.after))
            end(SynQueueOutcome::Established);
    }
    if (srv.event == TcpEvent::RcvSynInClosed) end(SynQueueOutcome::Refused);
}

void QueueBuilder::count(size_t k, size_t i, const TcpPacketAnalysis& a, double t) {
    const int now = category(a.server.after);
    if (now == m_category[k]) return;
    if (m_category[k] == 1) --m_halfOpen;
    if (m_category[k] == 2) --m_established;
    if (now == 1) ++m_halfOpen;
    if (now == 2) ++m_established;
    m_category[k] = now;
    SynQueuePoint p{t, i, a.frameNumber, m_halfOpen, m_established};
    // Packets at the same moment make one step.
    if (m_q.series.back().t == t)
        m_q.series.back() = p;
    else
        m_q.series.push_back(p);
    m_q.maxHalfOpen = std::max(m_q.maxHalfOpen, m_halfOpen);
    m_q.maxEstablished = std::max(m_q.maxEstablished, m_established);
}

// What the end of the capture says of a connection no packet took out of the queue.
void settleAtEnd(SynQueueEntry& e, TcpState serverFinal) {
    if (e.outcome != SynQueueOutcome::NoSynAck) return;
    if (serverFinal == TcpState::SynReceived && !e.synAcks.empty()) {
        const SynAckSend& last = e.synAcks.back();
        e.outcome = SynQueueOutcome::NoAckByEnd;
        e.endPacket = last.packet, e.endFrame = last.frame, e.endTime = last.t;
        return;
    }
    e.endPacket = e.synPacket, e.endFrame = e.synFrame, e.endTime = e.synTime;
}

double captureDuration(const CaptureSession& session) {
    if (session.size() == 0) return 0;
    const PacketRecord first = session.record(0), last = session.record(session.size() - 1);
    if (!first.hasTimestamp || !last.hasTimestamp) return 0;
    return std::max(0.0, double(timeNs(last.ts) - timeNs(first.ts)) / 1e9);
}

} // namespace

std::vector<ListeningSocket> listeningSockets(const CaptureSession& session) {
    const auto& conns = session.tracker().connections();
    std::map<SocketKey, ListeningSocket> sockets;
    for (size_t i = 0; i < session.size(); ++i) {
        const std::optional<PacketBrief> b = session.brief(i);
        if (!b || b->headerMalformed() || b->stream >= conns.size()) continue;
        const TcpConnection& c = conns[b->stream];
        const bool syn = isSyn(b->flags(), b->sender());
        if (!opensToListener(c.open) || !(syn || isSynAck(b->flags(), b->sender()))) continue;
        ListeningSocket& s = sockets[{c.server.address, c.server.port}];
        s.addr = c.server.address, s.port = c.server.port;
        if (syn)
            ++s.syns;
        else
            ++s.synAcks;
    }
    for (const TcpConnection& c : conns)
        if (opensToListener(c.open)) ++sockets[{c.server.address, c.server.port}].connections;
    std::vector<ListeningSocket> out;
    for (auto& [key, s] : sockets) out.push_back(s);
    std::stable_sort(
        out.begin(), out.end(),
        [](const ListeningSocket& a, const ListeningSocket& b) { return a.syns > b.syns; });
    return out;
}

std::optional<ListeningSocket> listeningSocketOf(const CaptureSession& session, uint32_t stream) {
    const auto& conns = session.tracker().connections();
    if (stream >= conns.size() || !opensToListener(conns[stream].open)) return std::nullopt;
    for (const ListeningSocket& s : listeningSockets(session))
        if (s.addr == conns[stream].server.address && s.port == conns[stream].server.port) return s;
    return std::nullopt;
}

std::string listeningSocketText(const ListeningSocket& s) {
    TcpEndpointSummary e;
    e.address = s.addr, e.port = s.port;
    return endpointSocketText(e);
}

SynQueue buildSynQueue(const CaptureSession& session, const ListeningSocket& socket) {
    SynQueue q;
    q.socket = socket;
    q.duration = captureDuration(session);
    const auto& conns = session.tracker().connections();
    std::vector<int32_t> entryOf(conns.size(), -1);
    for (const TcpConnection& c : conns) {
        if (!opensToListener(c.open) || c.server.address != socket.addr ||
            c.server.port != socket.port)
            continue;
        entryOf[c.stream] = int32_t(q.entries.size());
        SynQueueEntry e;
        e.stream = c.stream, e.client = c.client.address, e.clientPort = c.client.port;
        q.entries.push_back(std::move(e));
    }
    q.found = !q.entries.empty();
    QueueBuilder(session, q, std::move(entryOf)).run();
    for (SynQueueEntry& e : q.entries) {
        settleAtEnd(e, conns[e.stream].server.finalState);
        e.cookie = assessCookie(session, e);
        if (e.outcome == SynQueueOutcome::Established) ++q.completed;
    }
    SynQueuePoint last = q.series.back();
    q.halfOpenAtEnd = last.halfOpen;
    if (q.duration > last.t) {
        last.t = q.duration;
        last.packet = session.size() - 1;
        last.frame = session.record(last.packet).number;
        q.series.push_back(last);
    }
    return q;
}

std::vector<SynQueueMark> synQueueMarks(const SynQueue& q) {
    std::vector<SynQueueMark> out;
    for (size_t k = 0; k < q.entries.size(); ++k) {
        const SynQueueEntry& e = q.entries[k];
        if (e.synSeen)
            out.push_back({SynQueueMarkKind::Syn, k, e.synPacket, e.synFrame, e.synTime});
        for (const SynAckSend& s : e.synAcks)
            out.push_back({s.retry ? SynQueueMarkKind::SynAckRetry : SynQueueMarkKind::SynAck, k,
                           s.packet, s.frame, s.t, s.retry, s.retry ? s.interval : 0.0});
        if (e.outcome == SynQueueOutcome::Established)
            out.push_back({SynQueueMarkKind::Established, k, e.endPacket, e.endFrame, e.endTime});
        else if (e.givenUp())
            out.push_back({SynQueueMarkKind::GivenUp, k, e.endPacket, e.endFrame, e.endTime});
        else if (e.outcome == SynQueueOutcome::Refused)
            out.push_back({SynQueueMarkKind::Refused, k, e.endPacket, e.endFrame, e.endTime});
    }
    std::stable_sort(out.begin(), out.end(), [](const SynQueueMark& a, const SynQueueMark& b) {
        return a.packet < b.packet;
    });
    return out;
}

} // namespace tcpscope
