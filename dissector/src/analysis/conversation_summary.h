// SPDX-License-Identifier: GPL-2.0-or-later
// One connection's summary as packets arrive: packets and bytes per endpoint, ISNs, how it
// opened and closed, tcp.completeness, the endpoints' RFC 9293 states and Zeek's conn_state.
// Internal to the tracker.
#pragma once

#include "tcp_state_walker.h"
#include "tcpscope/connection_tracker.h"
#include "zeek_conn_state.h"

namespace tcpscope::detail {

class ConversationSummary {
  public:
    // Updates `tc` for a segment `sender` sent (seqNo: its sequence number, filled in when the
    // text input omitted it), after the walker has stepped on it (`p` holds the step).
    void update(TcpConnection& tc, const TcpSegment& seg, EndpointRole sender, uint32_t seqNo,
                const TcpPacketAnalysis& p, const TcpStateWalker& walker, uint8_t completeness);
    void setFirstWasSynAck() { m_firstWasSynAck = true; }

  private:
    // What one endpoint has sent, as far as the summary needs it.
    struct Side {
        bool openingSyn = false; // the client's bare SYN, or the server's SYN,ACK
        bool fin = false;
    };
    Side& side(EndpointRole r) { return m_side[r == EndpointRole::Client ? 0 : 1]; }
    OpenKind openKind(const TcpStateWalker& walker) const;
    CloseKind closeKind() const;

    Side m_side[2];
    bool m_handshakeAck = false;
    bool m_firstWasSynAck = false;
    bool m_rstSeen = false;
    bool m_derived = false;          // the connection's derived fields were set at least once
    bool m_simultaneousOpen = false; // the walker's answers when they were last set
    bool m_refused = false;
    EndpointRole m_firstRst = EndpointRole::Client;
    ZeekConnState m_zeek;
};

} // namespace tcpscope::detail
