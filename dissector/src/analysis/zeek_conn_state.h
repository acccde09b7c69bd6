// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek's connection state summary (conn.log's conn_state: S0, SF, REJ, ...) from Zeek's own
// endpoint states, which change with what each endpoint sends. Internal to the tracker.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <cstdint>
#include <string_view>

namespace tcpscope::detail {

class ZeekConnState {
  public:
    // Zeek's endpoint states (TCP_ENDPOINT_*), reduced to what conn_state reads.
    enum class Endpoint : uint8_t {
        Inactive,
        SynSent,
        SynAckSent,
        Partial,
        Established,
        Closed,
        Reset
    };

    // The segment `flags` with `len` payload bytes sent by `sender`; true if a state changed.
    bool update(EndpointRole sender, uint16_t flags, uint32_t len);
    // connState() reads the byte counts only when both endpoints were reset.
    bool readsBytes() const { return m_orig == Endpoint::Reset && m_resp == Endpoint::Reset; }
    // Zeek's base/protocols/conn/main.zeek conn_state(), orig = client, resp = server.
    // sawSyn: the client sent a SYN; sawSynAck: the server answered with SYN,ACK.
    std::string_view connState(bool sawSyn, bool sawSynAck, uint64_t origBytes,
                               uint64_t respBytes) const;

  private:
    void step(EndpointRole sender, uint16_t flags, uint32_t len);
    Endpoint& of(EndpointRole r) { return r == EndpointRole::Client ? m_orig : m_resp; }
    Endpoint m_orig = Endpoint::Inactive;
    Endpoint m_resp = Endpoint::Inactive;
};

} // namespace tcpscope::detail
