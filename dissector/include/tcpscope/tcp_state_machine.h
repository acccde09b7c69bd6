// SPDX-License-Identifier: GPL-2.0-or-later
// The RFC 9293 TCP connection state machine (section 3.3.2, Figure 5, and the event processing
// of section 3.10) held as data: a table of transitions that the GUI draws as a graph and that
// the connection tracker walks. Nothing here knows about packets; the tracker decides which
// event a captured segment means for each endpoint and looks the transition up here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tcpscope {

// The states of one endpoint (RFC 9293 3.3.2). Unknown is not an RFC state: it is "not yet
// known" for a capture that starts in the middle of a connection (Zeek calls it PARTIAL).
enum class TcpState : uint8_t {
    Unknown,
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
};
inline constexpr size_t kTcpStateCount = 12;

// "CLOSED", "SYN-SENT", ... as RFC 9293 spells them; "UNKNOWN" for Unknown.
std::string_view stateName(TcpState s);

// True for the states in which both sides have exchanged SYNs (RFC 9293 3.3.2: the
// "synchronized" states, ESTABLISHED and later).
bool isSynchronized(TcpState s);

// What happened to one endpoint. "snd" events are segments the endpoint sent, "rcv" events
// segments it received; "/ snd X" names the reply the RFC makes the endpoint send.
enum class TcpEvent : uint8_t {
    None,                 // the segment changes nothing for this endpoint
    PassiveOpen,          // passive OPEN (a server starts listening)
    ActiveOpen,           // snd SYN
    RcvSyn,               // rcv SYN / snd SYN,ACK
    RcvSynInClosed,       // rcv SYN in CLOSED / snd RST,ACK (nobody listens: connection refused)
    RcvSynSimultaneous,   // rcv SYN (simultaneous open) / snd SYN,ACK
    SndSynAckUnseenSyn,   // snd SYN,ACK (the SYN it answers was not captured)
    RcvSynAck,            // rcv SYN,ACK / snd ACK
    RcvAckOfSyn,          // rcv ACK of SYN
    SndFin,               // snd FIN
    RcvFin,               // rcv FIN / snd ACK
    RcvAckOfFin,          // rcv ACK of FIN
    RcvFinAckOfFin,       // rcv FIN,ACK of FIN / snd ACK
    RcvRst,               // rcv RST
    RcvRstPassive,        // rcv RST (connection came from LISTEN)
    SndRst,               // snd RST
    Close,                // CLOSE (the application gives up before the handshake completes)
    Timeout2Msl,          // timeout 2MSL
    MidstreamEstablished, // data/ACKs seen both ways in a capture that started mid-stream
};
inline constexpr size_t kTcpEventCount = 19;

// The short label of an event alone ("rcv FIN / snd ACK"), independent of the states.
std::string_view eventName(TcpEvent e);

struct TcpTransition {
    TcpState from;
    TcpState to;
    TcpEvent event;
    std::string_view explanation; // one or two sentences for learners: what happened and why

    // The arrow's text in the graph, e.g. "rcv SYN,ACK / snd ACK": the event's own label, so
    // the graph and the per-packet event text never disagree.
    std::string_view label() const { return eventName(event); }
};

// Every transition the tracker can take, RFC 9293 Figure 5 plus the extra arrows a capture
// needs (Unknown for mid-stream captures, refused connections, FIN,ACK that acks our FIN).
std::span<const TcpTransition> tcpTransitions();

// The transition for `event` out of `from`, or nothing when the table has none (the tracker
// then records an expert note instead of moving).
const TcpTransition* findTransition(TcpState from, TcpEvent event);

} // namespace tcpscope
