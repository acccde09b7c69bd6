// SPDX-License-Identifier: GPL-2.0-or-later
#include "conversation_summary.h"

#include "tcpscope/packet_summary.h"

namespace tcpscope::detail {

void ConversationSummary::update(TcpConnection& tc, const TcpSegment& seg, EndpointRole sender,
                                 uint32_t seqNo, const TcpPacketAnalysis& p,
                                 const TcpStateWalker& walker, uint8_t completeness) {
    const uint16_t f = seg.flags;
    const bool bareSyn = (f & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn;
    const bool synAck = (f & (TcpFlag::Syn | TcpFlag::Ack)) == (TcpFlag::Syn | TcpFlag::Ack);
    TcpEndpointSummary& se = sender == EndpointRole::Client ? tc.client : tc.server;
    se.packets += 1;
    se.bytes += seg.payloadLength;
    tc.lastFrame = seg.frameNumber;
    tc.lastTime = seg.ts;
    tc.completeness = completeness;
    tc.analysisFlagsSeen |= p.analysisFlags;
    tc.notesSeen |= p.notes;
    if (walker.halfOpen()) tc.notesSeen |= noteBit(TrackerNote::SynAckNotReceived);
    if (walker.finAckLost()) tc.notesSeen |= noteBit(TrackerNote::FinAckNotReceived);

    if ((bareSyn && sender == EndpointRole::Client) || (synAck && sender == EndpointRole::Server))
        side(sender).openingSyn = true;
    bool moved = !m_derived || (f & (TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst));
    if ((p.server.event == TcpEvent::RcvAckOfSyn || p.client.event == TcpEvent::RcvAckOfSyn) &&
        !m_handshakeAck) {
        m_handshakeAck = true;
        moved = true;
    }
    if ((f & TcpFlag::Rst) && !m_rstSeen) {
        m_rstSeen = true;
        m_firstRst = sender;
    }
    if (f & TcpFlag::Fin) side(sender).fin = true;
    if ((bareSyn || synAck) && !se.isnKnown) {
        se.isnKnown = true;
        se.isn = seqNo;
    }
    moved |= m_zeek.update(sender, f, seg.payloadLength);

    // The rest is derived from the endpoints' states and the flags seen so far: most packets
    // (data and ACKs of an established connection) change none of them.
    const TcpState ci = walker.initialState(EndpointRole::Client);
    const TcpState si = walker.initialState(EndpointRole::Server);
    const TcpState cf = walker.state(EndpointRole::Client);
    const TcpState sf = walker.state(EndpointRole::Server);
    moved |= ci != tc.client.initialState || si != tc.server.initialState ||
             cf != tc.client.finalState || sf != tc.server.finalState ||
             walker.simultaneousOpen() != m_simultaneousOpen || walker.refused() != m_refused ||
             m_zeek.readsBytes();
    if (!moved) return;
    m_derived = true;
    m_simultaneousOpen = walker.simultaneousOpen();
    m_refused = walker.refused();
    tc.client.initialState = ci;
    tc.server.initialState = si;
    tc.client.finalState = cf;
    tc.server.finalState = sf;
    tc.open = openKind(walker);
    tc.close = closeKind();
    tc.connState =
        m_zeek.connState(side(EndpointRole::Client).openingSyn,
                         side(EndpointRole::Server).openingSyn, tc.client.bytes, tc.server.bytes);
}

OpenKind ConversationSummary::openKind(const TcpStateWalker& walker) const {
    if (walker.simultaneousOpen()) return OpenKind::SimultaneousOpen;
    if (walker.refused()) return OpenKind::Refused;
    if (m_side[0].openingSyn) {
        if (m_side[1].openingSyn)
            return m_handshakeAck ? OpenKind::Handshake : OpenKind::SynAckNoAck;
        if (m_rstSeen && m_firstRst == EndpointRole::Server) return OpenKind::Refused;
        return OpenKind::AttemptOnly;
    }
    return m_firstWasSynAck ? OpenKind::SynNotSeen : OpenKind::MidStream;
}

CloseKind ConversationSummary::closeKind() const {
    if (m_rstSeen)
        return m_firstRst == EndpointRole::Client ? CloseKind::RstClient : CloseKind::RstServer;
    if (m_side[0].fin && m_side[1].fin) return CloseKind::FinBoth;
    if (m_side[0].fin) return CloseKind::FinClient;
    if (m_side[1].fin) return CloseKind::FinServer;
    return CloseKind::StillOpen;
}

} // namespace tcpscope::detail
