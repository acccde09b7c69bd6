// SPDX-License-Identifier: GPL-2.0-or-later
// Walks both endpoints of one connection through the RFC 9293 transition table
// (tcp_state_machine.h), one captured segment at a time. Internal to the tracker.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace tcpscope::detail {

struct WalkInput {
    uint16_t flags = 0;
    uint32_t seq = 0; // absolute
    uint32_t ack = 0; // absolute
    uint32_t len = 0;
    bool ackPresent = true;
};

class TcpStateWalker {
  public:
    void start(TcpState client, TcpState server);

    // Moves the endpoints for the segment sent by `sender` (the tracker's packet number
    // `packetIndex`) and fills out.client/out.server and out.notes. A later segment that proves
    // two segments crossed in flight (simultaneous open or close) or that a SYN was refused
    // amends the receiver's step of the earlier one (see captureConvention()): `senderPending`
    // is that earlier result, the packet pendingIndex(sender) names (the caller may pass a
    // scratch record when it keeps no results; null only when there is none).
    void step(EndpointRole sender, const WalkInput& in, TcpPacketAnalysis& out, size_t packetIndex,
              TcpPacketAnalysis* senderPending, TcpPacketAnalysis* receiverPending);
    // step() with every check made, also for the segments step() settles quickly (data and ACKs
    // between two ESTABLISHED endpoints): the same result, the reference its shortcut is
    // tested against.
    void stepChecked(EndpointRole sender, const WalkInput& in, TcpPacketAnalysis& out,
                     size_t packetIndex, TcpPacketAnalysis* senderPending,
                     TcpPacketAnalysis* receiverPending);
    // The end of the capture: a SYN,ACK endpoint r never answered did not reach it (an ACK of
    // r's FIN that r did not contradict did). `pending` is the result pendingIndex(r) names, or
    // null when it is no longer kept (then the receipt stands as it was handed on).
    void endOfCapture(EndpointRole r, TcpPacketAnalysis* pending);

    // The packet whose step of endpoint r its next segment may still amend, or kNone.
    static constexpr size_t kNone = std::numeric_limits<size_t>::max();
    size_t pendingIndex(EndpointRole r) const {
        return ep(r).pending == Pending::None ? kNone : ep(r).pendingIndex;
    }

    TcpState state(EndpointRole r) const { return ep(r).state; }
    TcpState initialState(EndpointRole r) const { return ep(r).initial; }
    bool simultaneousOpen() const { return m_simultaneousOpen; }
    bool refused() const { return m_refused; }
    // A SYN,ACK's receipt was taken back: the connection was half-open (at least for a while).
    bool halfOpen() const { return m_halfOpen; }
    // An ACK of a FIN was taken back: its FIN's sender sent the FIN again.
    bool finAckLost() const { return m_finAckLost; }
    bool sawSyn(EndpointRole r) const { return ep(r).synSent; }

  private:
    // SynAckUnconfirmed: the endpoint's receipt of a SYN,ACK, taken back (a half-open
    // connection) unless the endpoint answers before the peer repeats the SYN,ACK, the endpoint
    // repeats its SYN, or the capture ends. AckOfFinUnconfirmed: the endpoint's receipt of the
    // ACK of its FIN, taken back if its next segment is that FIN again.
    enum class Pending : uint8_t {
        None,
        SynInListen,
        FinInEstablished,
        SynAckUnconfirmed,
        AckOfFinUnconfirmed
    };

    struct Endpoint {
        TcpState state = TcpState::Unknown;
        TcpState initial = TcpState::Unknown;
        bool passive = false; // reached SYN-RECEIVED from LISTEN
        bool sentAny = false;
        bool sentAck = false; // sent a segment with ACK (evidence for mid-stream)
        bool synSent = false;
        uint32_t iss = 0;
        bool sndNxtKnown = false;
        uint32_t sndNxt = 0;
        bool finSent = false;
        uint32_t finSeq = 0;
        // The last receive step of this endpoint that its next segment may reinterpret.
        Pending pending = Pending::None;
        size_t pendingIndex = kNone;
        TcpState unconfirmedFrom = TcpState::Unknown; // the state before an unconfirmed receipt
    };

    Endpoint& ep(EndpointRole r) { return m_ep[r == EndpointRole::Client ? 0 : 1]; }
    const Endpoint& ep(EndpointRole r) const { return m_ep[r == EndpointRole::Client ? 0 : 1]; }
    static EndpointStep& stepOf(TcpPacketAnalysis& p, EndpointRole r) {
        return r == EndpointRole::Client ? p.client : p.server;
    }

    // Applies an event through the table; records the step. Returns false (and leaves the
    // state alone) when the table has no such transition.
    static bool apply(Endpoint& e, TcpEvent ev, EndpointStep& step);
    void senderSyn(Endpoint& s, Endpoint& r, EndpointRole sender, const WalkInput& in,
                   TcpPacketAnalysis& out);

    // What amendPending() did: the sender's receipt to apply now, and whether the segment's
    // SYN or FIN was already accounted for by moving its "snd" step back.
    struct Amendment {
        TcpEvent delayedReceive = TcpEvent::None;
        bool synAccounted = false;
        bool finAccounted = false;
    };
    Amendment amendPending(Endpoint& s, const Endpoint& r, EndpointRole sender, const WalkInput& in,
                           TcpPacketAnalysis& o, TcpPacketAnalysis* senderPending);
    static TcpEvent rstReceipt(const Endpoint& r, const WalkInput& in, TcpPacketAnalysis& o);
    static TcpEvent senderFinAndData(const Endpoint& s, const WalkInput& in, const Amendment& a,
                                     bool repeatedFin, TcpPacketAnalysis& o);
    static TcpEvent receiverAckAndFin(const Endpoint& r, const WalkInput& in, bool newFin,
                                      TcpPacketAnalysis& o);
    // step() for a segment that moves nobody between two ESTABLISHED endpoints; false (and
    // nothing done) for any other.
    static bool stepEstablished(Endpoint& s, const Endpoint& r, const WalkInput& in,
                                TcpPacketAnalysis& o);
    // Notes an ACK of sequence numbers the receiver r has not sent.
    static void noteAckOfUnsent(const Endpoint& r, const WalkInput& in, TcpPacketAnalysis& o);
    // Bookkeeping of what the sender has sent.
    static void recordSent(Endpoint& s, const WalkInput& in, bool synAccounted);
    // Takes back endpoint e's unconfirmed receipt (of a SYN,ACK, or of the ACK of its FIN) in
    // `old` (null: no longer kept, so the receipt stands) and ends the pending step.
    void takeBack(Endpoint& e, EndpointRole role, TcpPacketAnalysis* old);
    // What this segment proves about receipts still unconfirmed: a SYN,ACK sent again, a SYN
    // repeated, a FIN sent again take them back; any other step confirms them.
    void resolveUnconfirmed(EndpointRole sender, const WalkInput& in,
                            TcpPacketAnalysis* senderPending, TcpPacketAnalysis* receiverPending);

    Endpoint m_ep[2];
    bool m_simultaneousOpen = false;
    bool m_refused = false;
    bool m_halfOpen = false;
    bool m_finAckLost = false;
};

} // namespace tcpscope::detail
