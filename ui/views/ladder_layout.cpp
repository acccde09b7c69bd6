// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/ladder_layout.h"

#include <algorithm>
#include <limits>

namespace tcpscope::ui {

namespace {

// How far ahead to look for the packet that acknowledges one (packets of the stream).
constexpr size_t kAckSearch = 512;
// An arrow ends at most this many rows below its start.
constexpr double kMaxRows = 3.0;
// True time: a gap longer than this many average rows becomes a break of kBreakRows (the same,
// so a break is never shorter than a gap drawn to scale).
constexpr double kBreakAfterRows = 4.0;
constexpr double kBreakRows = 4.0;
// True time: packets closer than this many rows are drawn this far apart, so that a burst stays
// a set of separate arrows (longer gaps keep their proportions).
constexpr double kMinGapRows = 0.45;
// Arrows of one direction that would arrive at one point arrive this many rows apart.
constexpr double kArrivalGapRows = 0.3;

bool isSendEvent(TcpEvent e) {
    return e == TcpEvent::ActiveOpen || e == TcpEvent::SndFin || e == TcpEvent::SndRst ||
           e == TcpEvent::SndSynAckUnseenSyn;
}

bool isReceiveEvent(TcpEvent e) {
    switch (e) {
    case TcpEvent::RcvSyn:
    case TcpEvent::RcvSynInClosed:
    case TcpEvent::RcvSynSimultaneous:
    case TcpEvent::RcvSynAck:
    case TcpEvent::RcvAckOfSyn:
    case TcpEvent::RcvFin:
    case TcpEvent::RcvAckOfFin:
    case TcpEvent::RcvFinAckOfFin:
    case TcpEvent::RcvRst:
    case TcpEvent::RcvRstPassive:
        return true;
    default:
        return false;
    }
}

double secondsBetween(const Timestamp& from, const Timestamp& to) {
    return (double(to.sec) - double(from.sec)) + (double(to.nsec) - double(from.nsec)) / 1e9;
}

} // namespace

void LadderLayout::build(const ConnectionTracker& tracker, uint32_t stream) {
    m_items.clear();
    m_breaks.clear();
    m_marks[0].clear();
    m_marks[1].clear();
    m_initial = {TcpState::Unknown, TcpState::Unknown};
    m_maxDrop = m_bottom = 0;
    if (stream >= tracker.connections().size()) return;
    const TcpConnection& c = tracker.connections()[stream];
    const auto& packets = tracker.packets();
    double last = 0;
    // The same walk as ConnectionTracker::ladder(), without copying the steps.
    for (size_t i = c.firstPacket; i < packets.size() && i <= c.lastPacket; ++i) {
        if (packets.stream(i) != stream) continue; // another connection's: not recomputed
        const TcpPacketAnalysis& p = packets[i];
        if (p.headerMalformed) continue; // dropped by its receiver
        LadderItem it;
        it.frame = p.frameNumber;
        it.packet = i;
        it.fromClient = p.sender == EndpointRole::Client;
        it.hasTime = p.hasTimestamp && c.hasTimestamps;
        // Capture order wins over a clock that steps back: time never decreases here.
        if (it.hasTime) last = std::max(last, secondsBetween(c.firstTime, p.time()));
        it.seconds = last;
        m_items.push_back(it);
    }
    if (!m_items.empty()) {
        m_initial[0] = packets[m_items.front().packet].client.before;
        m_initial[1] = packets[m_items.front().packet].server.before;
    }
}

void LadderLayout::placeY(double top, double row, bool trueTime) {
    m_breaks.clear();
    const size_t n = m_items.size();
    bool timed = trueTime && n > 1;
    for (const LadderItem& it : m_items) timed = timed && it.hasTime;
    if (timed && m_items.back().seconds <= 0) timed = false; // one instant: nothing to scale
    if (!timed) {
        for (size_t i = 0; i < n; ++i) m_items[i].y = top + double(i) * row;
        return;
    }
    // Pixels per second so that the gaps that are not breaks average one row; a gap longer
    // than kBreakAfterRows at that scale becomes a break. A few rounds settle it.
    std::vector<char> isBreak(n, 0);
    double perSecond = 0;
    for (int round = 0; round < 6; ++round) {
        double sum = 0;
        size_t count = 0;
        for (size_t i = 1; i < n; ++i) {
            if (isBreak[i]) continue;
            sum += m_items[i].seconds - m_items[i - 1].seconds;
            ++count;
        }
        if (sum <= 0 || count == 0) break;
        perSecond = double(count) * row / sum;
        bool changed = false;
        for (size_t i = 1; i < n; ++i) {
            const double px = (m_items[i].seconds - m_items[i - 1].seconds) * perSecond;
            if (!isBreak[i] && px > kBreakAfterRows * row) {
                isBreak[i] = 1;
                changed = true;
            }
        }
        if (!changed) break;
    }
    m_items[0].y = top;
    for (size_t i = 1; i < n; ++i) {
        const double dt = m_items[i].seconds - m_items[i - 1].seconds;
        if (isBreak[i]) {
            const double y0 = m_items[i - 1].y + 0.5 * row;
            m_breaks.push_back({y0, y0 + (kBreakRows - 1.0) * row, dt});
            m_items[i].y = m_items[i - 1].y + kBreakRows * row;
        } else {
            m_items[i].y = m_items[i - 1].y + std::max(dt * perSecond, kMinGapRows * row);
        }
    }
}

void LadderLayout::placeEnds(const ConnectionTracker& tracker, double row) {
    const auto& packets = tracker.packets();
    const size_t n = m_items.size();
    const double cap = kMaxRows * row;
    size_t nextBreak = 0;
    for (size_t i = 0; i < n; ++i) {
        LadderItem& it = m_items[i];
        const TcpPacketAnalysis& p = packets[it.packet];
        const bool usesSequence = p.nxtseq != p.seq; // data, SYN or FIN: will be acknowledged
        const bool synFin = p.flags & (TcpFlag::Syn | TcpFlag::Fin);
        long firstReply = -1, lastNonAck = -1, acker = -1;
        for (size_t j = i + 1; j < n && j - i <= kAckSearch && m_items[j].y <= it.y + cap; ++j) {
            if (m_items[j].fromClient == it.fromClient) continue;
            if (firstReply < 0) firstReply = long(j);
            if (!usesSequence) break;
            const TcpPacketAnalysis& q = packets[m_items[j].packet];
            if ((q.flags & TcpFlag::Ack) && int32_t(q.ack - p.nxtseq) >= 0) {
                acker = long(j);
                break;
            }
            // A reply that does not acknowledge this packet proves it was still in flight only
            // when one of the two is a SYN or FIN, which are acknowledged at once; data may
            // wait for a delayed ACK.
            if (!synFin && !(q.flags & (TcpFlag::Syn | TcpFlag::Fin))) break;
            lastNonAck = long(j);
        }
        // Arrive a little before the answer leaves, so the zig-zag shows a turn at the lane.
        auto justBefore = [&](double y) { return y - std::min(0.2 * row, 0.25 * (y - it.y)); };
        double end;
        if (acker >= 0) {
            end = justBefore(m_items[size_t(acker)].y);
            // The receiver sent without acknowledging it: it was still in flight then.
            if (lastNonAck >= 0)
                end =
                    std::min(end, 0.5 * (m_items[size_t(lastNonAck)].y + m_items[size_t(acker)].y));
        } else if (lastNonAck >= 0) {
            end = it.y + cap; // crossed the receiver's packets and was not acknowledged soon
        } else {
            end = it.y + row;
            if (firstReply >= 0) end = std::min(end, justBefore(m_items[size_t(firstReply)].y));
        }
        while (nextBreak < m_breaks.size() && m_breaks[nextBreak].y0 <= it.y) ++nextBreak;
        if (nextBreak < m_breaks.size()) end = std::min(end, m_breaks[nextBreak].y0);
        it.end = std::max(end, it.y);
        it.crosses = lastNonAck >= 0;
    }
    // One direction keeps its order: a packet never arrives before an earlier one. Packets
    // the same answer acknowledges (a burst) arrive a little apart rather than at one point,
    // where their heads and labels would pile up, as far as their starts allow.
    double limit[2] = {std::numeric_limits<double>::infinity(),
                       std::numeric_limits<double>::infinity()};
    for (size_t i = n; i-- > 0;) {
        LadderItem& it = m_items[i];
        double& l = limit[it.fromClient ? 0 : 1];
        const double spread = std::min(kArrivalGapRows * row, std::max(0.0, l - it.y) / 2);
        it.end = std::max(it.y, std::min(it.end, l - spread));
        l = it.end;
    }
    // The receiver's packets sent while a crossing one was in flight cross it.
    for (size_t i = 0; i < n; ++i) {
        if (!m_items[i].crosses) continue;
        for (size_t j = i + 1; j < n && m_items[j].y < m_items[i].end; ++j)
            if (m_items[j].fromClient != m_items[i].fromClient) m_items[j].crosses = true;
    }
    m_maxDrop = 0;
    m_bottom = n ? m_items.back().y + row : 0;
    for (const LadderItem& it : m_items) {
        m_maxDrop = std::max(m_maxDrop, it.end - it.y);
        m_bottom = std::max(m_bottom, it.end);
    }
}

void LadderLayout::placeStates(const ConnectionTracker& tracker) {
    const auto& packets = tracker.packets();
    const size_t n = m_items.size();
    m_marks[0].clear();
    m_marks[1].clear();
    long lastFromPeer[2] = {-1, -1}; // per endpoint: the latest packet its peer sent
    for (size_t i = 0; i < n; ++i) {
        const LadderItem& it = m_items[i];
        const TcpPacketAnalysis& p = packets[it.packet];
        for (int e = 0; e < 2; ++e) {
            const EndpointStep& s = e == 0 ? p.client : p.server;
            if (s.after == s.before) continue;
            const bool isSender = (e == 0) == it.fromClient;
            double y;
            if (isSender) {
                // A receipt the tracker applied on this endpoint's own packet (segments that
                // crossed): it happened when the peer's packet arrived.
                y = isReceiveEvent(s.event) && lastFromPeer[e] >= 0
                        ? m_items[size_t(lastFromPeer[e])].end
                        : it.y;
            } else {
                y = it.end;
                // A send the tracker moved back to this packet: it happened when this endpoint
                // sent its next packet.
                if (isSendEvent(s.event))
                    for (size_t j = i + 1; j < n && j - i <= kAckSearch; ++j)
                        if (m_items[j].fromClient == (e == 0)) {
                            y = m_items[j].y;
                            break;
                        }
            }
            if (!m_marks[e].empty()) y = std::max(y, m_marks[e].back().y);
            m_marks[e].push_back({y, s.after, i});
        }
        lastFromPeer[it.fromClient ? 1 : 0] = long(i);
    }
}

// Moves each item down by the room asked for before it and before the items above it; a break
// moves with the item after it.
void LadderLayout::addRoom(const std::vector<double>& room) {
    if (room.empty()) return;
    double added = 0;
    size_t b = 0;
    for (size_t i = 0; i < m_items.size(); ++i) {
        added += i < room.size() ? room[i] : 0.0;
        for (; b < m_breaks.size() && m_breaks[b].y0 < m_items[i].y; ++b) {
            m_breaks[b].y0 += added;
            m_breaks[b].y1 += added;
        }
        m_items[i].y += added;
    }
}

void LadderLayout::place(const ConnectionTracker& tracker, double top, double row, bool trueTime,
                         const std::vector<double>& room) {
    placeY(top, row, trueTime);
    addRoom(room);
    placeEnds(tracker, row);
    placeStates(tracker);
}

size_t LadderLayout::firstAtOrAfter(double y) const {
    return size_t(std::lower_bound(m_items.begin(), m_items.end(), y,
                                   [](const LadderItem& it, double v) { return it.y < v; }) -
                  m_items.begin());
}

long LadderLayout::indexOfFrame(uint64_t frame) const {
    // Frames are in capture order, so numbers increase (binary search), but a damaged input
    // could break that: fall back to a scan.
    auto it = std::lower_bound(m_items.begin(), m_items.end(), frame,
                               [](const LadderItem& a, uint64_t f) { return a.frame < f; });
    if (it != m_items.end() && it->frame == frame) return long(it - m_items.begin());
    for (size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].frame == frame) return long(i);
    return -1;
}

} // namespace tcpscope::ui
