// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek's conn.log history letters and byte counts for one connection (zeek_history.h). The steps
// follow the order in which Zeek's TCP analyzer handles a packet: history letters first, then
// sequence and acknowledgement bookkeeping (T), the endpoint states, the acknowledgement (G),
// and last the payload's delivery to the reassembly.
#include "tcpscope/zeek_history.h"

#include "tcpscope/packet_summary.h"

#include <algorithm>
#include <cctype>

namespace tcpscope {

namespace {

// Zeek ignores SYN and RST sequence numbers that jump further than this (TOO_LARGE_SEQ_DELTA).
constexpr int32_t kTooLargeSeqDelta = 1 << 20;
// Once-per-direction letters.
constexpr uint8_t kSeenSyn = 1, kSeenFin = 2, kSeenRst = 4, kSeenData = 8, kSeenAck = 16,
                  kSeenFinRst = 32, kSeenMulti = 64;
// Zeek gives up reassembling a direction that sent this much above a hole before any of its
// data was acknowledged (tcp_max_above_hole_without_any_acks).
constexpr uint64_t kMaxAboveHoleWithoutAcks = 16384;

int32_t seqDelta(uint32_t a, uint32_t b) {
    return static_cast<int32_t>(a - b);
}

} // namespace

void ZeekHistory::setState(Endpoint& e, State s) {
    if (s == e.state) return;
    e.prev = e.state;
    e.state = s;
}

void ZeekHistory::addLetter(bool originator, char code) {
    m_history += originator ? code : static_cast<char>(std::tolower(code));
}

bool ZeekHistory::onceLetter(bool originator, uint8_t bit, char code) {
    Endpoint& e = m_ep[originator ? 0 : 1];
    if (e.seen & bit) return true;
    e.seen |= bit;
    addLetter(originator, code);
    return false;
}

void ZeekHistory::scaledLetter(bool originator, char code, uint32_t& count, uint32_t& thresh) {
    if (++count != thresh) return;
    addLetter(originator, code);
    const uint64_t next = uint64_t(thresh) * 10;
    if (next > UINT32_MAX)
        count = 0; // keep the threshold, count again
    else
        thresh = uint32_t(next);
}

void ZeekHistory::updateHistory(bool orig, Endpoint& e, uint16_t flags, int64_t relSeq,
                                uint32_t len) {
    const bool syn = flags & TcpFlag::Syn, fin = flags & TcpFlag::Fin, rst = flags & TcpFlag::Rst;
    const int bits = int(syn) + int(fin) + int(rst);
    const auto rel = static_cast<uint64_t>(relSeq);
    if (bits > 1) {
        if (fin && rst)
            onceLetter(orig, kSeenFinRst, 'I');
        else
            onceLetter(orig, kSeenMulti, 'Q');
    } else if (syn) {
        const char code = (flags & TcpFlag::Ack) ? 'H' : 'S';
        if (onceLetter(orig, kSeenSyn, code) && rel != e.lastSyn) addLetter(orig, code);
        e.lastSyn = rel;
    } else if (fin) {
        // A FIN's sequence number is the one after its data.
        if (onceLetter(orig, kSeenFin, 'F') && rel + len != e.lastFin) addLetter(orig, 'F');
        e.lastFin = rel + len;
    } else if (rst) {
        if (onceLetter(orig, kSeenRst, 'R') && rel != e.lastRst) addLetter(orig, 'R');
        e.lastRst = rel;
    } else if (len) {
        onceLetter(orig, kSeenData, 'D');
    } else if (flags & TcpFlag::Ack) {
        onceLetter(orig, kSeenAck, 'A');
    }
}

// Zeek's endpoint state machine (its TCP analyzer's UpdateStateMachine), what the sender's
// segment does to both endpoints.
void ZeekHistory::updateStates(bool orig, Endpoint& e, Endpoint& peer, uint16_t flags, uint32_t seq,
                               uint32_t len) {
    const bool syn = flags & TcpFlag::Syn, fin = flags & TcpFlag::Fin, rst = flags & TcpFlag::Rst,
               ack = flags & TcpFlag::Ack;
    switch (e.state) {
    case State::Inactive:
        if (syn) {
            if (orig) {
                setState(e, ack ? State::SynAckSent : State::SynSent);
            } else {
                if (!ack && peer.state == State::SynAckSent && seq == e.startRaw) {
                    // SYN,ACK and SYN in reverse roles: Zeek flips them and establishes.
                    setState(peer, State::Established);
                    m_firstSeen[0] = true;
                }
                if (peer.state == State::SynSent) setState(peer, State::Established);
                setState(e, State::Established);
            }
        }
        if (fin) setState(e, State::Closed);
        if (rst) setState(e, State::Reset);
        if (e.state == State::Inactive) {
            if (!orig && len == 0 && m_ep[0].state == State::SynSent) {
                // An ACK of the SYN before the SYN,ACK: not a partial connection yet.
            } else if (ack && peer.state == State::Established) {
                // The SYN was missed but the SYN,ACK seen: established, not partial.
                setState(e, State::Established);
                m_partial = false;
                m_firstSeen[orig ? 0 : 1] = true;
            } else {
                setState(e, State::Partial);
            }
        }
        break;
    case State::SynSent:
    case State::SynAckSent:
        if (fin) setState(e, State::Closed);
        if (rst) setState(e, State::Reset);
        break;
    case State::Established:
    case State::Partial:
        if (syn && e.state == State::Partial && peer.state == State::Inactive && !ack)
            setState(e, State::SynSent);
        if (fin && !rst) {
            setState(e, State::Closed);
            // A FIN after the peer's FIN and RST: a normal close after all.
            if (peer.state == State::Reset && peer.prev == State::Closed)
                setState(peer, State::Closed);
        }
        if (rst) setState(e, State::Reset);
        break;
    case State::Closed:
        if (rst && peer.state != State::Closed) setState(e, State::Reset);
        break;
    case State::Reset:
        break;
    }
}

// Captured payload [seq, seq+len) of endpoint e, in e's relative sequence space.
void ZeekHistory::dataSent(Endpoint& e, uint64_t seq, uint64_t len) {
    if (e.skipDeliveries || len == 0) return;
    uint64_t end = seq + len;
    // Acknowledged or already given up: only what lies above both counts.
    const uint64_t floor = std::max(e.ackRel, e.trim);
    if (end <= floor) return;
    seq = std::max(seq, floor);
    if (seq <= e.reassem) {
        e.reassem = std::max(e.reassem, end);
    } else {
        // Above a hole: merge into the sorted list of blocks.
        auto it = std::lower_bound(e.blocks.begin(), e.blocks.end(), std::make_pair(seq, seq));
        if (it != e.blocks.begin() && std::prev(it)->second >= seq) --it;
        while (it != e.blocks.end() && it->first <= end) {
            seq = std::min(seq, it->first);
            end = std::max(end, it->second);
            it = e.blocks.erase(it);
        }
        e.blocks.insert(it, {seq, end});
    }
    while (!e.blocks.empty() && e.blocks.front().first <= e.reassem) {
        e.reassem = std::max(e.reassem, e.blocks.front().second);
        e.blocks.erase(e.blocks.begin());
    }
    if (e.ackRel <= 1 && !e.blocks.empty() &&
        e.blocks.back().second - e.reassem > kMaxAboveHoleWithoutAcks) {
        e.blocks.clear();
        e.skipDeliveries = true;
    }
}

// The peer acknowledged e's data up to `ack`: what was never captured below it is a gap.
void ZeekHistory::ackReceived(bool originator, Endpoint& e, uint64_t ack) {
    if (e.finCount > 0 && ack >= e.finRel) ack = e.finRel - 1; // not the FIN's own octet
    if (ack <= e.trim) return;
    if (ack > e.reassem && !(ack <= 2 && m_partial)) {
        // (A partial connection's sequence numbers start as if a SYN had been seen; an ack of
        // one or two octets there is no evidence of missing data.)
        if (!e.skipDeliveries) {
            while (!e.blocks.empty() && e.blocks.front().first < ack) {
                gap(originator, e, e.blocks.front().first - e.reassem);
                e.reassem = e.blocks.front().second;
                e.blocks.erase(e.blocks.begin());
                while (!e.blocks.empty() && e.blocks.front().first <= e.reassem) {
                    e.reassem = std::max(e.reassem, e.blocks.front().second);
                    e.blocks.erase(e.blocks.begin());
                }
            }
            if (ack > e.reassem) gap(originator, e, ack - e.reassem);
        }
        e.reassem = std::max(e.reassem, ack);
    }
    e.trim = ack;
}

void ZeekHistory::gap(bool originator, Endpoint& e, uint64_t len) {
    if (len == 0) return;
    m_missed += len;
    // Only gaps between endpoints in a clean state count in the history (Zeek: other gaps come
    // from sequence number mismatches in RSTs or unseen packets of partial connections).
    auto clean = [](const Endpoint& x) {
        return x.state == State::Established ||
               (x.state == State::Closed && x.prev == State::Established);
    };
    if (clean(e) && clean(m_ep[originator ? 1 : 0]))
        scaledLetter(originator, 'G', e.gapCount, e.gapThresh);
}

void ZeekHistory::initSequence(Endpoint& x, uint32_t start, uint32_t last) {
    x.startRaw = x.ackRaw = start;
    x.ackRel = 0;
    x.lastRaw = last;
    x.lastRel = uint32_t(last - start);
}

void ZeekHistory::startSequence(Endpoint& e, bool syn, uint32_t seq, uint32_t onePast) {
    switch (e.state) {
    case State::Inactive:
        if (syn)
            initSequence(e, seq, onePast);
        else
            initSequence(e, seq - 1, seq); // as if a SYN had been seen; the first data is new
        break;
    case State::SynSent:
    case State::SynAckSent:
        if (syn && seq != e.startRaw) initSequence(e, seq, onePast);
        break;
    case State::Established:
    case State::Partial:
        if (syn) initSequence(e, seq, onePast);
        break;
    case State::Reset:
        if (syn && e.prev == State::Inactive) initSequence(e, seq, onePast);
        break;
    case State::Closed:
        break;
    }
}

uint64_t ZeekHistory::relativeAck(Endpoint& peer, uint32_t ack, bool rst) {
    if (peer.state == State::Inactive) {
        initSequence(peer, ack - 1, ack - 1);
        return 1;
    }
    const int64_t r = int64_t(peer.ackRel) + seqDelta(ack, peer.ackRaw);
    if (r < 0) return 0;
    const int32_t d = seqDelta(ack, peer.ackRaw);
    // An ack of 0 far ahead is more likely broken than a wrapped connection; a RST's ack is not
    // trusted.
    if (!rst && d > 0 && !(ack == 0 && d > kTooLargeSeqDelta)) {
        peer.ackRaw = ack;
        peer.ackRel += uint32_t(d);
    }
    return uint64_t(r);
}

void ZeekHistory::advanceLast(bool orig, Endpoint& e, uint16_t flags, uint32_t onePast,
                              uint32_t len) {
    // The highest sequence number sent; payload that does not reach beyond it is retransmitted.
    const bool syn = flags & TcpFlag::Syn, fin = flags & TcpFlag::Fin, rst = flags & TcpFlag::Rst;
    const int32_t deltaLast = seqDelta(onePast, e.lastRaw);
    const bool trusted =
        !((syn || rst) && (deltaLast > kTooLargeSeqDelta || deltaLast < -kTooLargeSeqDelta));
    if (trusted && fin && e.lastRel == 1) {
        // Only the SYN and now the FIN seen: take the FIN's number even if it looks old (Zeek
        // does, for connections longer than 2 GB seen from their ends).
        e.lastRel = uint64_t(std::max<int64_t>(0, int64_t(e.lastRel) + deltaLast));
        e.lastRaw = onePast;
    } else if (trusted && e.state != State::Reset) { // after a RST nothing is trusted
        if (deltaLast > 0) {
            e.lastRel += uint32_t(deltaLast);
            e.lastRaw = onePast;
        } else if (len > 0) {
            scaledLetter(orig, 'T', e.rxmtCount, e.rxmtThresh);
        }
    }
}

void ZeekHistory::add(const TcpSegment& seg, uint32_t seq, bool orig) {
    if (!m_any) {
        m_any = true;
        if (!orig) m_history += '^'; // the first packet came from the responder
    }
    Endpoint& e = m_ep[orig ? 0 : 1];
    Endpoint& peer = m_ep[orig ? 1 : 0];
    const uint16_t flags = seg.flags;
    const bool syn = flags & TcpFlag::Syn, fin = flags & TcpFlag::Fin, rst = flags & TcpFlag::Rst,
               ack = flags & TcpFlag::Ack;
    const uint32_t len = seg.payloadLength;
    e.ipBytes += seg.ipLength;

    if (orig) {
        if (!m_firstSeen[0]) m_partial = !syn || ack;
    } else if (!m_firstSeen[1] && !m_partial) {
        m_partial = !syn;
    }

    // Sequence space: a SYN and a FIN take one number each; a RST's payload is not stream data.
    uint32_t segLen = len + uint32_t(syn) + uint32_t(fin);
    if (rst) segLen -= len;
    const uint32_t onePast = seq + segLen;
    startSequence(e, syn, seq, onePast);
    const int64_t relSeq = int64_t(e.lastRel) + seqDelta(seq, e.lastRaw);
    const bool underflow = relSeq < 0;

    updateHistory(orig, e, flags, relSeq, len);
    // Zero windows are noted unless they come with or after a RST, or after the peer's FIN.
    if (seg.window == 0 && !rst && peer.state != State::Closed && e.state != State::Reset)
        scaledLetter(orig, 'W', e.win0Count, e.win0Thresh);
    if (fin) {
        ++e.finCount;
        e.finRel = uint64_t(relSeq) + segLen;
    }
    const uint64_t relAck = ack ? relativeAck(peer, seg.ack, rst) : 0;
    advanceLast(orig, e, flags, onePast, len);

    updateStates(orig, e, peer, flags, seq, len);
    if (ack) ackReceived(!orig, peer, relAck);
    if (len > 0 && !seg.payloadTruncated && !rst && !underflow)
        dataSent(e, uint64_t(relSeq) + (syn ? 1 : 0), len);
}

uint64_t ZeekHistory::size(bool originator) const {
    const Endpoint& e = m_ep[originator ? 0 : 1];
    const Endpoint& peer = m_ep[originator ? 1 : 0];
    // A half-open connection discovered and aborted: its sequence numbers say nothing.
    if (e.prev == State::SynSent && e.state == State::Reset && peer.state == State::Inactive &&
        e.ackRel > 1)
        return 0;
    uint64_t n = std::max(e.lastRel, e.ackRel);
    if (n) --n; // the SYN (or the octet before a partial connection's first)
    if (e.finCount > 0 && n) --n;
    return n;
}

} // namespace tcpscope
