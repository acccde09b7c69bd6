// SPDX-License-Identifier: GPL-2.0-or-later
// Per-endpoint RFC 9293 states from a capture. Each segment is one "snd" event for its sender
// and one "rcv" event for the other endpoint (RFC 9293 3.10.7 decides what the receiver does);
// the move itself is always a row of the transition table. Segments a real stack would refuse
// in the current state get a TrackerNote and move nothing.
#include "tcp_state_walker.h"

#include "tcpscope/byte_reader.h"
#include "tcpscope/packet_summary.h"

namespace tcpscope::detail {

namespace {
EndpointRole other(EndpointRole r) {
    return r == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client;
}
} // namespace

void TcpStateWalker::start(TcpState client, TcpState server) {
    m_ep[0] = Endpoint{};
    m_ep[1] = Endpoint{};
    m_ep[0].state = m_ep[0].initial = client;
    m_ep[1].state = m_ep[1].initial = server;
}

bool TcpStateWalker::apply(Endpoint& e, TcpEvent ev, EndpointStep& step) {
    if (ev == TcpEvent::None) return false;
    const TcpTransition* t = findTransition(e.state, ev);
    if (!t) return false;
    e.state = t->to;
    step.after = t->to;
    step.event = ev;
    return true;
}

void TcpStateWalker::senderSyn(Endpoint& s, Endpoint& r, EndpointRole sender, const WalkInput& in,
                               TcpPacketAnalysis& out) {
    (void)sender;
    const bool withAck = (in.flags & TcpFlag::Ack) != 0;
    const bool ackf = withAck && in.ackPresent;
    const bool repeated = s.synSent && in.seq == s.iss;
    TcpEvent sev = TcpEvent::None, rev = TcpEvent::None;
    EndpointStep& ss = stepOf(out, sender);
    EndpointStep& rs = stepOf(out, other(sender));

    if (!withAck) {
        // A bare SYN: an active open (RFC 9293 3.10.1), or a retransmission of one.
        if (repeated)
            out.notes |= noteBit(TrackerNote::RetransmittedSyn);
        else if (s.state == TcpState::Closed || s.state == TcpState::Listen ||
                 s.state == TcpState::Unknown)
            sev = TcpEvent::ActiveOpen;
        else
            out.notes |= noteBit(TrackerNote::SynOnSynchronized);

        switch (r.state) {
        case TcpState::Listen:
            rev = TcpEvent::RcvSyn;
            break;
        case TcpState::SynSent:
            rev = TcpEvent::RcvSynSimultaneous;
            break;
        case TcpState::Closed:
            rev = TcpEvent::RcvSynInClosed;
            break;
        case TcpState::SynReceived:
            break; // retransmitted SYN: the SYN,ACK is simply resent
        default:
            if (!repeated) out.notes |= noteBit(TrackerNote::SynOnSynchronized);
            break;
        }
    } else {
        // SYN,ACK: the second step of the handshake (RFC 9293 3.10.7.3).
        if (repeated)
            out.notes |= noteBit(TrackerNote::RetransmittedSyn);
        else if (s.state == TcpState::Unknown) {
            sev = TcpEvent::SndSynAckUnseenSyn;
            out.notes |= noteBit(TrackerNote::SynAckWithoutSyn);
        } else if (s.state != TcpState::SynReceived)
            out.notes |= noteBit(TrackerNote::SynOnSynchronized);

        const bool ackOfSyn = ackf && r.synSent && seqAfter(in.ack, r.iss) &&
                              (!r.sndNxtKnown || seqBeforeEq(in.ack, r.sndNxt));
        switch (r.state) {
        case TcpState::SynSent:
            if (ackOfSyn)
                rev = TcpEvent::RcvSynAck;
            else
                out.notes |= noteBit(TrackerNote::AckForUnsentData);
            break;
        case TcpState::SynReceived:
            if (ackOfSyn) rev = TcpEvent::RcvAckOfSyn;
            break;
        case TcpState::Unknown:
            rev = TcpEvent::RcvSynAck;
            break;
        default:
            break; // a retransmitted SYN,ACK after the handshake only repeats the ACK
        }
    }
    if (apply(s, sev, ss) && sev == TcpEvent::ActiveOpen) s.passive = false;
    if (apply(r, rev, rs) && rev == TcpEvent::RcvSyn) {
        r.passive = true;
        r.pending = Pending::SynInListen;
    }
}

void TcpStateWalker::step(EndpointRole sender, const WalkInput& in, TcpPacketAnalysis& o,
                          size_t packetIndex, TcpPacketAnalysis* senderPending) {
    const EndpointRole receiver = other(sender);
    Endpoint& s = ep(sender);
    Endpoint& r = ep(receiver);
    const uint16_t f = in.flags;
    const bool syn = f & TcpFlag::Syn, fin = f & TcpFlag::Fin, rst = f & TcpFlag::Rst;
    const bool ackf = (f & TcpFlag::Ack) && in.ackPresent;

    // 1. Does this segment reinterpret the sender's last receive? Two segments that crossed in
    // flight are captured one after the other; the sender of the second had sent it before the
    // first arrived. Its "snd" step moves back to the first packet, and its receipt of the
    // first segment happens now.
    TcpEvent delayedReceive = TcpEvent::None;
    bool synAccounted = false, finAccounted = false;
    if (s.pending != Pending::None && senderPending) {
        TcpPacketAnalysis& old = *senderPending;
        EndpointStep& os = stepOf(old, sender);
        if (s.pending == Pending::SynInListen && syn && !(f & TcpFlag::Ack)) {
            // Simultaneous open (RFC 9293 3.5, Figure 8): it was never listening.
            os.before = TcpState::Closed;
            os.after = TcpState::SynSent;
            os.event = TcpEvent::ActiveOpen;
            old.notes |= noteBit(TrackerNote::SimultaneousOpen);
            o.notes |= noteBit(TrackerNote::SimultaneousOpen);
            if (s.initial == TcpState::Listen) s.initial = TcpState::Closed;
            s.state = TcpState::SynSent;
            s.passive = false;
            s.synSent = true;
            s.iss = in.seq;
            synAccounted = true;
            delayedReceive = TcpEvent::RcvSynSimultaneous;
            m_simultaneousOpen = true;
        } else if (s.pending == Pending::SynInListen && rst && ackf && r.synSent &&
                   in.ack == r.iss + 1) {
            // Connection refused (RFC 9293 3.10.7.1): nobody was listening.
            os.before = TcpState::Closed;
            os.after = TcpState::Closed;
            os.event = TcpEvent::RcvSynInClosed;
            old.notes |= noteBit(TrackerNote::ConnectionRefused);
            o.notes |= noteBit(TrackerNote::ConnectionRefused);
            if (s.initial == TcpState::Listen) s.initial = TcpState::Closed;
            s.state = TcpState::Closed;
            s.passive = false;
            m_refused = true;
        } else if (s.pending == Pending::FinInEstablished && fin && !s.finSent &&
                   (!ackf || seqBeforeEq(in.ack, r.finSeq))) {
            // Simultaneous close (RFC 9293 3.6, Figure 13): this FIN does not acknowledge the
            // peer's, so it was sent before the peer's FIN arrived.
            const TcpTransition* t = findTransition(os.before, TcpEvent::SndFin);
            if (t) {
                os.after = t->to;
                os.event = TcpEvent::SndFin;
                s.state = t->to;
                s.finSent = true;
                s.finSeq = in.seq + in.len;
                finAccounted = true;
                delayedReceive = TcpEvent::RcvFin;
            }
        }
    }
    s.pending = Pending::None;
    s.pendingIndex = kNone;

    EndpointStep& ss = stepOf(o, sender);
    EndpointStep& rs = stepOf(o, receiver);
    ss = {s.state, s.state, TcpEvent::None};
    rs = {r.state, r.state, TcpEvent::None};
    if (delayedReceive != TcpEvent::None) apply(s, delayedReceive, ss);

    const bool repeatedFin = fin && s.finSent && !finAccounted && in.seq + in.len == s.finSeq;
    const bool newFin = fin && !repeatedFin;
    TcpEvent sev = TcpEvent::None, rev = TcpEvent::None;

    if (rst) {
        // RST processing (RFC 9293 3.10.7.3 for SYN-SENT, 3.10.7.4 second check otherwise).
        if (s.state != TcpState::Closed) sev = TcpEvent::SndRst;
        switch (r.state) {
        case TcpState::SynSent: {
            const bool acceptable = ackf && r.synSent && seqAfter(in.ack, r.iss) &&
                                    (!r.sndNxtKnown || seqBeforeEq(in.ack, r.sndNxt));
            if (acceptable)
                rev = TcpEvent::RcvRst;
            else
                o.notes |= noteBit(TrackerNote::UnacceptableRst);
            break;
        }
        case TcpState::SynReceived:
            rev = r.passive ? TcpEvent::RcvRstPassive : TcpEvent::RcvRst;
            break;
        case TcpState::Closed:
        case TcpState::Listen:
            break; // a RST for no connection is ignored
        default:
            rev = TcpEvent::RcvRst;
            break;
        }
    } else if (syn) {
        if (!synAccounted) {
            senderSyn(s, r, sender, in, o);
            if (r.pending == Pending::SynInListen) r.pendingIndex = packetIndex;
        } else {
            // The crossing SYN of a simultaneous open reaches the original opener now.
            if (r.state == TcpState::SynSent) rev = TcpEvent::RcvSynSimultaneous;
        }
    } else {
        // The sender's side: FIN and data (RFC 9293 3.10.4, 3.10.2).
        if (fin && !finAccounted) {
            if (repeatedFin)
                o.notes |= noteBit(TrackerNote::RetransmittedFin);
            else if (s.finSent)
                o.notes |= noteBit(TrackerNote::DataAfterFin);
            else if (findTransition(s.state, TcpEvent::SndFin))
                sev = TcpEvent::SndFin;
            else if (s.state == TcpState::SynSent || s.state == TcpState::Listen)
                o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
        }
        if (in.len > 0) {
            if (s.state == TcpState::SynSent || s.state == TcpState::Listen)
                o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
            else if (s.finSent && !repeatedFin && seqAfter(in.seq + in.len, s.finSeq))
                o.notes |= noteBit(TrackerNote::DataAfterFin);
        }
        if ((s.state == TcpState::Closed || s.state == TcpState::TimeWait) &&
            (in.len > 0 || newFin))
            o.notes |= noteBit(TrackerNote::SegmentAfterClose);

        // The receiver's side: ACK first, then FIN (RFC 9293 3.10.7.4, fifth and eighth).
        const bool ackOfSyn = ackf && r.synSent && seqAfter(in.ack, r.iss);
        const bool ackOfFin = ackf && r.finSent && seqAfter(in.ack, r.finSeq);
        switch (r.state) {
        case TcpState::SynReceived:
            if (!ackOfSyn) {
                if (in.len > 0 || newFin) o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
            } else {
                rev = newFin ? TcpEvent::RcvFin : TcpEvent::RcvAckOfSyn;
            }
            break;
        case TcpState::FinWait1:
            if (newFin)
                rev = ackOfFin ? TcpEvent::RcvFinAckOfFin : TcpEvent::RcvFin;
            else if (ackOfFin)
                rev = TcpEvent::RcvAckOfFin;
            break;
        case TcpState::FinWait2:
            if (newFin) rev = TcpEvent::RcvFin;
            break;
        case TcpState::Closing:
        case TcpState::LastAck:
            if (ackOfFin) rev = TcpEvent::RcvAckOfFin;
            break;
        case TcpState::Established:
        case TcpState::Unknown:
            if (newFin) rev = TcpEvent::RcvFin;
            break;
        case TcpState::Listen:
            o.notes |= noteBit(TrackerNote::SegmentToListener);
            break;
        case TcpState::SynSent:
            o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
            break;
        case TcpState::Closed:
        case TcpState::TimeWait:
            if (in.len > 0 || newFin) o.notes |= noteBit(TrackerNote::SegmentAfterClose);
            break;
        case TcpState::CloseWait:
            break;
        }
        // A capture that began mid-stream: ACKs in both directions prove the connection is
        // synchronized (RFC 9293 3.3.2).
        if (sev == TcpEvent::None && rev == TcpEvent::None && s.state == TcpState::Unknown &&
            r.state == TcpState::Unknown && ackf && r.sentAck) {
            sev = TcpEvent::MidstreamEstablished;
            rev = TcpEvent::MidstreamEstablished;
        }
    }
    // An ACK beyond anything the peer has sent (RFC 9293 3.10.7.4: "If the ACK acks something
    // not yet sent (SEG.ACK > SND.NXT) then send an ACK, drop the segment").
    if (ackf && r.sndNxtKnown && seqAfter(in.ack, r.sndNxt))
        o.notes |= noteBit(TrackerNote::AckForUnsentData);

    apply(s, sev, ss);
    if (apply(r, rev, rs) && rev == TcpEvent::RcvFin &&
        (rs.before == TcpState::Established || rs.before == TcpState::Unknown)) {
        r.pending = Pending::FinInEstablished;
        r.pendingIndex = packetIndex;
    }

    // Bookkeeping of what the sender has sent.
    s.sentAny = true;
    if (ackf && !syn) s.sentAck = true;
    if (syn && !synAccounted && !s.synSent) {
        s.synSent = true;
        s.iss = in.seq;
    }
    const uint32_t end = in.seq + in.len + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (!rst && (!s.sndNxtKnown || seqAfter(end, s.sndNxt))) {
        s.sndNxt = end;
        s.sndNxtKnown = true;
    }
    if (fin && !s.finSent) {
        s.finSent = true;
        s.finSeq = in.seq + in.len;
    }
}

} // namespace tcpscope::detail
