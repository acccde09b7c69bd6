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

// An ACK beyond anything the peer has sent (RFC 9293 3.10.7.4: "If the ACK acks something
// not yet sent (SEG.ACK > SND.NXT) then send an ACK, drop the segment").
void TcpStateWalker::noteAckOfUnsent(const Endpoint& r, const WalkInput& in, TcpPacketAnalysis& o) {
    const bool ackf = (in.flags & TcpFlag::Ack) && in.ackPresent;
    if (ackf && r.sndNxtKnown && seqAfter(in.ack, r.sndNxt))
        o.notes |= noteBit(TrackerNote::AckForUnsentData);
}

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
    const TcpState receiverBefore = r.state;
    if (!apply(r, rev, rs)) return;
    if (rev == TcpEvent::RcvSyn) {
        r.passive = true;
        r.pending = Pending::SynInListen;
    } else if (rev == TcpEvent::RcvSynAck) {
        r.pending = Pending::SynAckUnconfirmed;
        r.unconfirmedFrom = receiverBefore;
    }
}

void TcpStateWalker::takeBack(Endpoint& e, EndpointRole role, TcpPacketAnalysis* old) {
    if (old) {
        const bool synAck = e.pending == Pending::SynAckUnconfirmed;
        EndpointStep& st = stepOf(*old, role);
        st.after = st.before;
        st.event = TcpEvent::None;
        old->notes |=
            noteBit(synAck ? TrackerNote::SynAckNotReceived : TrackerNote::FinAckNotReceived);
        e.state = e.unconfirmedFrom;
        (synAck ? m_halfOpen : m_finAckLost) = true;
    }
    e.pending = Pending::None;
    e.pendingIndex = kNone;
}

void TcpStateWalker::endOfCapture(EndpointRole r, TcpPacketAnalysis* pending) {
    Endpoint& e = ep(r);
    if (e.pending == Pending::SynAckUnconfirmed) takeBack(e, r, pending);
    if (e.pending == Pending::AckOfFinUnconfirmed) {
        e.pending = Pending::None; // nothing contradicts it: the ACK arrived
        e.pendingIndex = kNone;
    }
}

TcpStateWalker::Amendment TcpStateWalker::amendPending(Endpoint& s, const Endpoint& r,
                                                       EndpointRole sender, const WalkInput& in,
                                                       TcpPacketAnalysis& o,
                                                       TcpPacketAnalysis* senderPending) {
    // Does this segment reinterpret the sender's last receive? Two segments that crossed in
    // flight are captured one after the other; the sender of the second had sent it before the
    // first arrived. Its "snd" step moves back to the first packet, and its receipt of the
    // first segment happens now.
    Amendment a;
    const uint16_t f = in.flags;
    const bool syn = f & TcpFlag::Syn, fin = f & TcpFlag::Fin, rst = f & TcpFlag::Rst;
    const bool ackf = (f & TcpFlag::Ack) && in.ackPresent;
    if (s.pending == Pending::None || !senderPending) return a;
    TcpPacketAnalysis& old = *senderPending;
    EndpointStep& os = stepOf(old, sender);
    if (s.pending == Pending::SynInListen && syn && !(f & TcpFlag::Ack)) {
        // Simultaneous open (RFC 9293 3.5, Figure 8): it was never listening.
        os = {TcpState::Closed, TcpState::SynSent, TcpEvent::ActiveOpen};
        old.notes |= noteBit(TrackerNote::SimultaneousOpen);
        o.notes |= noteBit(TrackerNote::SimultaneousOpen);
        if (s.initial == TcpState::Listen) s.initial = TcpState::Closed;
        s.state = TcpState::SynSent;
        s.passive = false;
        s.synSent = true;
        s.iss = in.seq;
        a.synAccounted = true;
        a.delayedReceive = TcpEvent::RcvSynSimultaneous;
        m_simultaneousOpen = true;
    } else if (s.pending == Pending::SynInListen && rst && ackf && r.synSent &&
               in.ack == r.iss + 1) {
        // Connection refused (RFC 9293 3.10.7.1): nobody was listening.
        os = {TcpState::Closed, TcpState::Closed, TcpEvent::RcvSynInClosed};
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
        if (const TcpTransition* t = findTransition(os.before, TcpEvent::SndFin)) {
            os.after = t->to;
            os.event = TcpEvent::SndFin;
            s.state = t->to;
            s.finSent = true;
            s.finSeq = in.seq + in.len;
            a.finAccounted = true;
            a.delayedReceive = TcpEvent::RcvFin;
        }
    }
    return a;
}

TcpEvent TcpStateWalker::rstReceipt(const Endpoint& r, const WalkInput& in, TcpPacketAnalysis& o) {
    // RST processing (RFC 9293 3.10.7.3 for SYN-SENT, 3.10.7.4 second check otherwise).
    const bool ackf = (in.flags & TcpFlag::Ack) && in.ackPresent;
    switch (r.state) {
    case TcpState::SynSent:
        if (ackf && r.synSent && seqAfter(in.ack, r.iss) &&
            (!r.sndNxtKnown || seqBeforeEq(in.ack, r.sndNxt)))
            return TcpEvent::RcvRst;
        o.notes |= noteBit(TrackerNote::UnacceptableRst);
        return TcpEvent::None;
    case TcpState::SynReceived:
        return r.passive ? TcpEvent::RcvRstPassive : TcpEvent::RcvRst;
    case TcpState::Closed:
    case TcpState::Listen:
        return TcpEvent::None; // a RST for no connection is ignored
    default:
        return TcpEvent::RcvRst;
    }
}

TcpEvent TcpStateWalker::senderFinAndData(const Endpoint& s, const WalkInput& in,
                                          const Amendment& a, bool repeatedFin,
                                          TcpPacketAnalysis& o) {
    // The sender's side: FIN and data (RFC 9293 3.10.4, 3.10.2).
    const bool fin = in.flags & TcpFlag::Fin;
    const bool newFin = fin && !repeatedFin;
    TcpEvent sev = TcpEvent::None;
    if (fin && !a.finAccounted) {
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
    if ((s.state == TcpState::Closed || s.state == TcpState::TimeWait) && (in.len > 0 || newFin))
        o.notes |= noteBit(TrackerNote::SegmentAfterClose);
    return sev;
}

TcpEvent TcpStateWalker::receiverAckAndFin(const Endpoint& r, const WalkInput& in, bool newFin,
                                           TcpPacketAnalysis& o) {
    // The receiver's side: ACK first, then FIN (RFC 9293 3.10.7.4, fifth and eighth).
    const bool ackf = (in.flags & TcpFlag::Ack) && in.ackPresent;
    const bool ackOfSyn = ackf && r.synSent && seqAfter(in.ack, r.iss);
    const bool ackOfFin = ackf && r.finSent && seqAfter(in.ack, r.finSeq);
    const bool carries = in.len > 0 || newFin;
    switch (r.state) {
    case TcpState::SynReceived:
        if (ackOfSyn) return newFin ? TcpEvent::RcvFin : TcpEvent::RcvAckOfSyn;
        if (carries) o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
        return TcpEvent::None;
    case TcpState::FinWait1:
        if (newFin) return ackOfFin ? TcpEvent::RcvFinAckOfFin : TcpEvent::RcvFin;
        return ackOfFin ? TcpEvent::RcvAckOfFin : TcpEvent::None;
    case TcpState::FinWait2:
        return newFin ? TcpEvent::RcvFin : TcpEvent::None;
    case TcpState::Closing:
    case TcpState::LastAck:
        return ackOfFin ? TcpEvent::RcvAckOfFin : TcpEvent::None;
    case TcpState::Established:
    case TcpState::Unknown:
        return newFin ? TcpEvent::RcvFin : TcpEvent::None;
    case TcpState::Listen:
        o.notes |= noteBit(TrackerNote::SegmentToListener);
        return TcpEvent::None;
    case TcpState::SynSent:
        o.notes |= noteBit(TrackerNote::DataBeforeHandshake);
        return TcpEvent::None;
    case TcpState::Closed:
    case TcpState::TimeWait:
        if (carries) o.notes |= noteBit(TrackerNote::SegmentAfterClose);
        return TcpEvent::None;
    case TcpState::CloseWait:
        return TcpEvent::None;
    }
    return TcpEvent::None;
}

void TcpStateWalker::recordSent(Endpoint& s, const WalkInput& in, bool synAccounted) {
    const uint16_t f = in.flags;
    const bool syn = f & TcpFlag::Syn, fin = f & TcpFlag::Fin, rst = f & TcpFlag::Rst;
    s.sentAny = true;
    if ((f & TcpFlag::Ack) && in.ackPresent && !syn) s.sentAck = true;
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

void TcpStateWalker::resolveUnconfirmed(EndpointRole sender, const WalkInput& in,
                                        TcpPacketAnalysis* senderPending,
                                        TcpPacketAnalysis* receiverPending) {
    const EndpointRole receiver = other(sender);
    Endpoint& s = ep(sender);
    Endpoint& r = ep(receiver);
    const uint16_t f = in.flags;
    const bool syn = f & TcpFlag::Syn, fin = f & TcpFlag::Fin, rst = f & TcpFlag::Rst;
    // A SYN,ACK the receiver has not answered yet, sent again: the first one did not reach it
    // (or its answer was lost), so its receipt is taken back; this one is received instead.
    if (r.pending == Pending::SynAckUnconfirmed && syn && (f & TcpFlag::Ack) && s.synSent &&
        in.seq == s.iss)
        takeBack(r, receiver, receiverPending);
    // The sender answers a SYN,ACK by anything but its own SYN again: it received it. Its SYN
    // again: it did not, and its receipt is taken back.
    if (s.pending == Pending::SynAckUnconfirmed) {
        if (syn && !(f & TcpFlag::Ack) && s.synSent && in.seq == s.iss)
            takeBack(s, sender, senderPending);
        else
            s.pending = Pending::None;
    }
    // The sender's FIN again after its peer's ACK of it: the ACK never reached the sender (its
    // retransmission timer fired), so the sender is still where the FIN left it.
    if (s.pending == Pending::AckOfFinUnconfirmed) {
        if (fin && !syn && !rst && s.finSent && in.seq + in.len == s.finSeq)
            takeBack(s, sender, senderPending);
        else
            s.pending = Pending::None;
    }
}

// Most segments of a capture: data or a bare ACK between two ESTABLISHED endpoints with no
// step pending. What the general path in step() does with them, without its checks: there is
// nothing to resolve or amend (neither endpoint has a pending step), no SYN, FIN or RST, the
// sender has sent no FIN (so no data after it), and in ESTABLISHED neither the sender's data
// rules nor the receiver's ACK and FIN rules give an event: nobody moves, only an ACK of
// unsent data is noted and the sender's bookkeeping updated.
bool TcpStateWalker::stepEstablished(Endpoint& s, const Endpoint& r, const WalkInput& in,
                                     TcpPacketAnalysis& o) {
    constexpr uint16_t kControl = TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst;
    if ((in.flags & kControl) || s.state != TcpState::Established ||
        r.state != TcpState::Established || s.pending != Pending::None ||
        r.pending != Pending::None || s.finSent)
        return false;
    s.pendingIndex = kNone;
    o.client = o.server = {TcpState::Established, TcpState::Established, TcpEvent::None};
    noteAckOfUnsent(r, in, o);
    recordSent(s, in, false);
    return true;
}

void TcpStateWalker::step(EndpointRole sender, const WalkInput& in, TcpPacketAnalysis& o,
                          size_t packetIndex, TcpPacketAnalysis* senderPending,
                          TcpPacketAnalysis* receiverPending) {
    if (!stepEstablished(ep(sender), ep(other(sender)), in, o))
        stepChecked(sender, in, o, packetIndex, senderPending, receiverPending);
}

void TcpStateWalker::stepChecked(EndpointRole sender, const WalkInput& in, TcpPacketAnalysis& o,
                                 size_t packetIndex, TcpPacketAnalysis* senderPending,
                                 TcpPacketAnalysis* receiverPending) {
    const EndpointRole receiver = other(sender);
    Endpoint& s = ep(sender);
    Endpoint& r = ep(receiver);
    const uint16_t f = in.flags;
    const bool syn = f & TcpFlag::Syn, fin = f & TcpFlag::Fin, rst = f & TcpFlag::Rst;
    const bool ackf = (f & TcpFlag::Ack) && in.ackPresent;

    resolveUnconfirmed(sender, in, senderPending, receiverPending);
    const Amendment a = amendPending(s, r, sender, in, o, senderPending);
    s.pending = Pending::None;
    s.pendingIndex = kNone;

    EndpointStep& ss = stepOf(o, sender);
    EndpointStep& rs = stepOf(o, receiver);
    ss = {s.state, s.state, TcpEvent::None};
    rs = {r.state, r.state, TcpEvent::None};
    if (a.delayedReceive != TcpEvent::None) apply(s, a.delayedReceive, ss);

    const bool repeatedFin = fin && s.finSent && !a.finAccounted && in.seq + in.len == s.finSeq;
    TcpEvent sev = TcpEvent::None, rev = TcpEvent::None;
    if (rst) {
        if (s.state != TcpState::Closed) sev = TcpEvent::SndRst;
        rev = rstReceipt(r, in, o);
    } else if (syn) {
        if (!a.synAccounted) {
            senderSyn(s, r, sender, in, o);
            if (r.pending == Pending::SynInListen || r.pending == Pending::SynAckUnconfirmed)
                r.pendingIndex = packetIndex;
        } else if (r.state == TcpState::SynSent) {
            // The crossing SYN of a simultaneous open reaches the original opener now.
            rev = TcpEvent::RcvSynSimultaneous;
        }
    } else {
        sev = senderFinAndData(s, in, a, repeatedFin, o);
        rev = receiverAckAndFin(r, in, fin && !repeatedFin, o);
        // A capture that began mid-stream: ACKs in both directions prove the connection is
        // synchronized (RFC 9293 3.3.2).
        if (sev == TcpEvent::None && rev == TcpEvent::None && s.state == TcpState::Unknown &&
            r.state == TcpState::Unknown && ackf && r.sentAck) {
            sev = TcpEvent::MidstreamEstablished;
            rev = TcpEvent::MidstreamEstablished;
        }
    }
    noteAckOfUnsent(r, in, o);

    apply(s, sev, ss);
    // A receiver that takes another step after a SYN,ACK it has not answered is taken to have
    // received the SYN,ACK: only its silence can take the receipt back.
    if ((r.pending == Pending::SynAckUnconfirmed || r.pending == Pending::AckOfFinUnconfirmed) &&
        rev != TcpEvent::None)
        r.pending = Pending::None;
    if (apply(r, rev, rs)) {
        if (rev == TcpEvent::RcvFin &&
            (rs.before == TcpState::Established || rs.before == TcpState::Unknown)) {
            r.pending = Pending::FinInEstablished;
            r.pendingIndex = packetIndex;
        } else if (rev == TcpEvent::RcvAckOfFin) {
            r.pending = Pending::AckOfFinUnconfirmed;
            r.pendingIndex = packetIndex;
            r.unconfirmedFrom = rs.before;
        }
    }
    recordSent(s, in, a.synAccounted);
}

} // namespace tcpscope::detail
