// SPDX-License-Identifier: GPL-2.0-or-later
#include "zeek_conn_state.h"

#include "tcpscope/packet_summary.h"

namespace tcpscope::detail {

bool ZeekConnState::update(EndpointRole sender, uint16_t f, uint32_t len) {
    const Endpoint origBefore = m_orig, respBefore = m_resp;
    step(sender, f, len);
    return m_orig != origBefore || m_resp != respBefore;
}

void ZeekConnState::step(EndpointRole sender, uint16_t f, uint32_t len) {
    Endpoint& self = of(sender);
    Endpoint& peer =
        of(sender == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client);
    const bool syn = f & TcpFlag::Syn, ack = f & TcpFlag::Ack, fin = f & TcpFlag::Fin,
               rst = f & TcpFlag::Rst;
    if (rst) {
        self = Endpoint::Reset;
        return;
    }
    if (self == Endpoint::Reset) return;
    if (fin) {
        self = Endpoint::Closed;
        return;
    }
    switch (self) {
    case Endpoint::Inactive:
        self = !syn ? Endpoint::Partial : ack ? Endpoint::SynAckSent : Endpoint::SynSent;
        break;
    case Endpoint::SynSent:
    case Endpoint::SynAckSent:
        if (ack && !syn &&
            (peer == Endpoint::SynAckSent || peer == Endpoint::SynSent ||
             peer == Endpoint::Established)) {
            self = Endpoint::Established;
            peer = Endpoint::Established;
        } else if (!syn && len > 0 && peer == Endpoint::Inactive) {
            self = Endpoint::Partial;
        }
        break;
    default:
        break; // Zeek keeps PARTIAL, ESTABLISHED and CLOSED until a FIN or RST
    }
}

std::string_view ZeekConnState::connState(bool sawS, bool sawH, uint64_t origBytes,
                                          uint64_t respBytes) const {
    const Endpoint os = m_orig, rs = m_resp;
    const bool oInactive = os == Endpoint::Inactive || os == Endpoint::Partial;
    const bool rInactive = rs == Endpoint::Inactive || rs == Endpoint::Partial;
    if (rs == Endpoint::Reset) {
        if (os == Endpoint::SynSent || os == Endpoint::SynAckSent ||
            (os == Endpoint::Reset && origBytes == 0 && respBytes == 0))
            return "REJ";
        return oInactive ? "RSTRH" : "RSTR";
    }
    if (os == Endpoint::Reset) {
        if (rInactive) return (sawS && !sawH) ? "RSTOS0" : "OTH";
        return "RSTO";
    }
    if (rs == Endpoint::Closed && os == Endpoint::Closed) return "SF";
    if (os == Endpoint::Closed) return rInactive ? "SH" : "S2";
    if (rs == Endpoint::Closed) return oInactive ? "SHR" : "S3";
    if (os == Endpoint::SynSent && rs == Endpoint::Inactive) return "S0";
    if (os == Endpoint::Established && rs == Endpoint::Established) return "S1";
    return "OTH";
}

} // namespace tcpscope::detail
