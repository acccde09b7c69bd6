// SPDX-License-Identifier: GPL-2.0-or-later
// The RFC 9293 state machine as a table (section 3.3.2, Figure 5; the event processing rules
// of section 3.10.7). The tracker only ever moves an endpoint through a row of this table.
#include "tcpscope/tcp_state_machine.h"

#include "text/catalogue_parts.h"

#include <array>

namespace tcpscope {

std::string_view stateName(TcpState s) {
    switch (s) {
    case TcpState::Unknown:
        return "UNKNOWN";
    case TcpState::Closed:
        return "CLOSED";
    case TcpState::Listen:
        return "LISTEN";
    case TcpState::SynSent:
        return "SYN-SENT";
    case TcpState::SynReceived:
        return "SYN-RECEIVED";
    case TcpState::Established:
        return "ESTABLISHED";
    case TcpState::FinWait1:
        return "FIN-WAIT-1";
    case TcpState::FinWait2:
        return "FIN-WAIT-2";
    case TcpState::CloseWait:
        return "CLOSE-WAIT";
    case TcpState::Closing:
        return "CLOSING";
    case TcpState::LastAck:
        return "LAST-ACK";
    case TcpState::TimeWait:
        return "TIME-WAIT";
    }
    return "UNKNOWN";
}

bool isSynchronized(TcpState s) {
    switch (s) {
    case TcpState::Established:
    case TcpState::FinWait1:
    case TcpState::FinWait2:
    case TcpState::CloseWait:
    case TcpState::Closing:
    case TcpState::LastAck:
    case TcpState::TimeWait:
        return true;
    default:
        return false;
    }
}

std::string_view eventName(TcpEvent e) {
    switch (e) {
    case TcpEvent::None:
        return "";
    case TcpEvent::PassiveOpen:
        return "passive OPEN";
    case TcpEvent::ActiveOpen:
        return "snd SYN";
    case TcpEvent::RcvSyn:
        return "rcv SYN / snd SYN,ACK";
    case TcpEvent::RcvSynInClosed:
        return "rcv SYN in CLOSED / snd RST,ACK";
    case TcpEvent::RcvSynSimultaneous:
        return "rcv SYN (simultaneous open) / snd SYN,ACK";
    case TcpEvent::SndSynAckUnseenSyn:
        return "snd SYN,ACK (SYN not captured)";
    case TcpEvent::RcvSynAck:
        return "rcv SYN,ACK / snd ACK";
    case TcpEvent::RcvAckOfSyn:
        return "rcv ACK of SYN";
    case TcpEvent::SndFin:
        return "snd FIN";
    case TcpEvent::RcvFin:
        return "rcv FIN / snd ACK";
    case TcpEvent::RcvAckOfFin:
        return "rcv ACK of FIN";
    case TcpEvent::RcvFinAckOfFin:
        return "rcv FIN,ACK of FIN / snd ACK";
    case TcpEvent::RcvRst:
        return "rcv RST";
    case TcpEvent::RcvRstPassive:
        return "rcv RST (passive open)";
    case TcpEvent::SndRst:
        return "snd RST";
    case TcpEvent::Close:
        return "CLOSE";
    case TcpEvent::Timeout2Msl:
        return "timeout 2MSL";
    case TcpEvent::MidstreamEstablished:
        return "data/ACK both ways (mid-stream)";
    }
    return "";
}

namespace {

using S = TcpState;
using E = TcpEvent;

// Rows are grouped by the RFC 9293 section that defines them. A row's label is its event's
// (TcpTransition::label()), so the graph and the per-packet event text never disagree.
constexpr std::array kTransitions{
    // 3.3.2 / 3.10.1 OPEN call
    TcpTransition{S::Closed, S::Listen, E::PassiveOpen,
                  "A server application asks to accept connections on a port. The endpoint waits "
                  "for a SYN (RFC 9293 3.10.1)."},
    TcpTransition{S::Closed, S::SynSent, E::ActiveOpen,
                  "The client sends a SYN carrying its initial sequence number (ISN) and waits for "
                  "the server's SYN,ACK (RFC 9293 3.5, 3.10.1)."},
    TcpTransition{S::Listen, S::SynSent, E::ActiveOpen,
                  "A listening endpoint may itself send a SYN and become an active opener "
                  "(RFC 9293 3.10.2, SEND in LISTEN)."},
    TcpTransition{S::Unknown, S::SynSent, E::ActiveOpen,
                  "A SYN from an endpoint whose earlier state the capture did not show: it is now "
                  "opening a connection."},
    // 3.10.7.2 LISTEN
    TcpTransition{S::Listen, S::SynReceived, E::RcvSyn,
                  "The server gets a SYN, remembers the client's ISN, and answers with its own SYN "
                  "that also acknowledges the client's (RFC 9293 3.10.7.2)."},
    // 3.10.7.1 CLOSED
    TcpTransition{S::Closed, S::Closed, E::RcvSynInClosed,
                  "Nobody listens on the port: the host answers the SYN with RST,ACK and stays "
                  "CLOSED. The client sees \"connection refused\" (RFC 9293 3.10.7.1)."},
    // 3.10.7.3 SYN-SENT
    TcpTransition{S::SynSent, S::Established, E::RcvSynAck,
                  "The server's SYN,ACK acknowledges the client's SYN; the client acknowledges the "
                  "server's SYN and may send data (RFC 9293 3.10.7.3)."},
    TcpTransition{S::Unknown, S::Established, E::RcvSynAck,
                  "The client's SYN was not captured, but the SYN,ACK it receives completes its "
                  "side of the handshake (RFC 9293 3.10.7.3)."},
    TcpTransition{
        S::SynSent, S::SynReceived, E::RcvSynSimultaneous,
        "Both ends sent a SYN at the same time and the SYNs crossed. Each side receives "
        "a bare SYN while in SYN-SENT and answers with SYN,ACK (RFC 9293 3.5, Figure 8)."},
    TcpTransition{
        S::Unknown, S::SynReceived, E::SndSynAckUnseenSyn,
        "The capture starts with the server's SYN,ACK: the SYN it answers was sent before "
        "the capture began, so the server must be in SYN-RECEIVED."},
    // 3.10.7.4 SYN-RECEIVED, ACK processing
    TcpTransition{S::SynReceived, S::Established, E::RcvAckOfSyn,
                  "The peer acknowledges this endpoint's SYN: the three-way handshake is complete "
                  "and data may flow both ways (RFC 9293 3.10.7.4)."},
    // 3.10.4 CLOSE call
    TcpTransition{S::Established, S::FinWait1, E::SndFin,
                  "The application has no more data to send: the endpoint sends a FIN and waits "
                  "for it to be acknowledged (active close, RFC 9293 3.6, 3.10.4)."},
    TcpTransition{S::SynReceived, S::FinWait1, E::SndFin,
                  "The application closes before the handshake completes; the FIN queues behind "
                  "the SYN (RFC 9293 3.10.4)."},
    TcpTransition{S::CloseWait, S::LastAck, E::SndFin,
                  "The peer closed earlier; now this side has finished too and sends its own FIN "
                  "(passive close, RFC 9293 3.6)."},
    TcpTransition{S::Unknown, S::FinWait1, E::SndFin,
                  "Mid-stream capture: this endpoint closes first, so it must have been "
                  "ESTABLISHED and now waits in FIN-WAIT-1."},
    TcpTransition{S::SynSent, S::Closed, E::Close,
                  "The application gives up before the server answered; nothing is sent "
                  "(RFC 9293 3.10.4)."},
    TcpTransition{S::Listen, S::Closed, E::Close, "The server stops listening (RFC 9293 3.10.4)."},
    // 3.10.7.4 eighth step: FIN processing
    TcpTransition{S::Established, S::CloseWait, E::RcvFin,
                  "The peer has finished sending. This side acknowledges the FIN and may keep "
                  "sending its own data until the application closes (half-close, RFC 9293 3.6)."},
    TcpTransition{S::SynReceived, S::CloseWait, E::RcvFin,
                  "A FIN that also completes the handshake: the peer opened and closed at once "
                  "(RFC 9293 3.10.7.4)."},
    TcpTransition{S::Unknown, S::CloseWait, E::RcvFin,
                  "Mid-stream capture: the peer closes first, so this side was ESTABLISHED and "
                  "now waits for its application to close."},
    TcpTransition{
        S::FinWait1, S::Closing, E::RcvFin,
        "Both sides sent a FIN before seeing the other's (simultaneous close); each waits "
        "for the ACK of its own FIN (RFC 9293 3.6, Figure 13)."},
    TcpTransition{S::FinWait2, S::TimeWait, E::RcvFin,
                  "Our FIN was acknowledged earlier; now the peer's FIN arrives. TIME-WAIT keeps "
                  "the connection for 2 MSL so a lost final ACK can be resent (RFC 9293 3.6)."},
    TcpTransition{S::FinWait1, S::TimeWait, E::RcvFinAckOfFin,
                  "One segment carries the peer's FIN and acknowledges ours, so FIN-WAIT-2 is "
                  "skipped (RFC 9293 3.10.7.4, FIN-WAIT-1: \"if our FIN has been ACKed\")."},
    // 3.10.7.4 fifth step: ACK of our FIN
    TcpTransition{S::FinWait1, S::FinWait2, E::RcvAckOfFin,
                  "The peer acknowledged our FIN; it may still send data until it closes too "
                  "(RFC 9293 3.10.7.4)."},
    TcpTransition{S::Closing, S::TimeWait, E::RcvAckOfFin,
                  "Simultaneous close: our FIN is now acknowledged as well (RFC 9293 3.10.7.4)."},
    TcpTransition{
        S::LastAck, S::Closed, E::RcvAckOfFin,
        "The last ACK arrives: the passive closer deletes the connection at once; only the "
        "active closer waits in TIME-WAIT (RFC 9293 3.10.7.4)."},
    // 3.10.7.4 second step and 3.10.7.3: RST processing
    TcpTransition{S::SynSent, S::Closed, E::RcvRst,
                  "The SYN was answered by a reset: the port is closed or the peer refused "
                  "(\"connection refused\", RFC 9293 3.10.7.3)."},
    TcpTransition{S::SynReceived, S::Listen, E::RcvRstPassive,
                  "A connection that came from LISTEN is reset during the handshake; the server "
                  "goes back to listening (RFC 9293 3.10.7.4)."},
    TcpTransition{S::SynReceived, S::Closed, E::RcvRst,
                  "A reset during an active or simultaneous open deletes the connection "
                  "(RFC 9293 3.10.7.4)."},
    TcpTransition{S::Established, S::Closed, E::RcvRst,
                  "The peer aborted the connection; any unsent or unacknowledged data is lost "
                  "(RFC 9293 3.10.7.4)."},
    TcpTransition{S::FinWait1, S::Closed, E::RcvRst,
                  "The peer aborted during the close (RFC 9293 3.10.7.4)."},
    TcpTransition{S::FinWait2, S::Closed, E::RcvRst,
                  "The peer aborted during the close (RFC 9293 3.10.7.4)."},
    TcpTransition{S::CloseWait, S::Closed, E::RcvRst,
                  "The peer aborted after its FIN (RFC 9293 3.10.7.4)."},
    TcpTransition{S::Closing, S::Closed, E::RcvRst,
                  "The peer aborted during a simultaneous close (RFC 9293 3.10.7.4)."},
    TcpTransition{S::LastAck, S::Closed, E::RcvRst,
                  "The peer aborted instead of sending the last ACK (RFC 9293 3.10.7.4)."},
    TcpTransition{S::TimeWait, S::Closed, E::RcvRst,
                  "A reset in TIME-WAIT ends it early (RFC 9293 3.10.7.4; RFC 1337 discusses why "
                  "some stacks ignore it)."},
    TcpTransition{S::Unknown, S::Closed, E::RcvRst,
                  "Mid-stream capture: whatever state the endpoint was in, a reset deletes the "
                  "connection."},
    TcpTransition{S::SynSent, S::Closed, E::SndRst,
                  "The endpoint aborts its own connection attempt (RFC 9293 3.10.5 ABORT)."},
    TcpTransition{S::SynReceived, S::Closed, E::SndRst,
                  "The endpoint aborts during the handshake (RFC 9293 3.10.5 ABORT)."},
    TcpTransition{S::Established, S::Closed, E::SndRst,
                  "The endpoint aborts the connection instead of closing it with a FIN "
                  "(RFC 9293 3.10.5 ABORT; also sent for segments that belong to no connection)."},
    TcpTransition{S::FinWait1, S::Closed, E::SndRst,
                  "The endpoint aborts while closing (RFC 9293 3.10.5)."},
    TcpTransition{S::FinWait2, S::Closed, E::SndRst,
                  "The endpoint aborts while closing; a closed socket that still receives "
                  "data answers with RST (RFC 9293 3.10.5, 3.10.7.1)."},
    TcpTransition{S::CloseWait, S::Closed, E::SndRst,
                  "The endpoint aborts after the peer's FIN (RFC 9293 3.10.5)."},
    TcpTransition{S::Closing, S::Closed, E::SndRst,
                  "The endpoint aborts during a simultaneous close (RFC 9293 3.10.5)."},
    TcpTransition{S::LastAck, S::Closed, E::SndRst,
                  "The endpoint aborts while waiting for the last ACK (RFC 9293 3.10.5)."},
    TcpTransition{S::TimeWait, S::Closed, E::SndRst,
                  "A segment arriving for a connection in TIME-WAIT that the endpoint "
                  "no longer wants is answered with a reset."},
    TcpTransition{S::Unknown, S::Closed, E::SndRst,
                  "Mid-stream capture: the endpoint aborts the connection."},
    TcpTransition{S::Listen, S::Closed, E::SndRst,
                  "The port answered with a reset: nobody accepted the connection "
                  "(RFC 9293 3.10.7.1)."},
    // 3.6 TIME-WAIT
    TcpTransition{S::TimeWait, S::Closed, E::Timeout2Msl,
                  "After twice the maximum segment lifetime no old duplicate can still arrive and "
                  "the connection is deleted. A capture usually ends before this timer fires."},
    // Not RFC: evidence in a capture that started mid-stream.
    TcpTransition{S::Unknown, S::Established, E::MidstreamEstablished,
                  "The capture began after the handshake; segments acknowledged in both "
                  "directions show the connection is synchronized."},
};

} // namespace

std::span<const TcpTransition> tcpTransitions() {
    return kTransitions;
}

const TcpTransition* findTransition(TcpState from, TcpEvent event) {
    // A linear scan is fine: ~50 rows, and the tracker only looks up packets that carry an event.
    for (const TcpTransition& t : kTransitions)
        if (t.from == from && t.event == event) return &t;
    return nullptr;
}

namespace detail {

std::string transitionId(const TcpTransition& t) {
    // Stable words for the events (their labels may be reworded).
    static constexpr std::string_view kEventKeys[] = {"none",
                                                      "passive-open",
                                                      "active-open",
                                                      "rcv-syn",
                                                      "rcv-syn-in-closed",
                                                      "rcv-syn-simul",
                                                      "snd-syn-ack",
                                                      "rcv-syn-ack",
                                                      "rcv-ack-of-syn",
                                                      "snd-fin",
                                                      "rcv-fin",
                                                      "rcv-ack-of-fin",
                                                      "rcv-fin-ack-of-fin",
                                                      "rcv-rst",
                                                      "rcv-rst-passive",
                                                      "snd-rst",
                                                      "close",
                                                      "timeout-2msl",
                                                      "midstream"};
    static_assert(std::size(kEventKeys) == kTcpEventCount);
    const auto e = static_cast<size_t>(t.event);
    return "transition." + std::string(stateName(t.from)) + "." +
           std::string(e < kTcpEventCount ? kEventKeys[e] : "none");
}

void appendTransitionTexts(std::vector<CatalogueText>& out) {
    for (const TcpTransition& t : kTransitions)
        if (!t.explanation.empty()) out.push_back({transitionId(t), std::string(t.explanation)});
}

} // namespace detail

} // namespace tcpscope
