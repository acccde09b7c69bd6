// SPDX-License-Identifier: GPL-2.0-or-later
// The tracker's connections as a Zeek conn.log (tcpscope-cli conversations --format zeek|ndjson):
// Zeek's ASCII log (tab-separated, with its #separator ... #types header and #close footer) or
// its JSON form (one object per line, unset fields left out), so Zeek tooling (zeek-cut, jq
// scripts, SIEM parsers) reads TcpScope's results. Columns are Zeek's conn.log columns plus the
// Community ID and, as TcpScope's own, each endpoint's final RFC 9293 state:
//
//   ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes
//   resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes
//   resp_pkts resp_ip_bytes tunnel_parents community_id orig_rfc9293_state resp_rfc9293_state
//
// The originator is TcpScope's client. Like Zeek, duration and the byte counts are left unset
// for a connection that lasted no time, and local_orig/local_resp say whether an address is in
// Zeek's default private address space. service stays unset: TcpScope does not confirm
// application protocols. uid is derived from the connection (stable from run to run) instead of
// Zeek's random one. history, missed_bytes, orig/resp_bytes and the IP byte counts need a
// tracker run with setZeekHistory(true); without it they are unset.
#pragma once

#include "tcpscope/address.h"
#include "tcpscope/connection_tracker.h"

#include <cstdint>
#include <functional>
#include <string>

namespace tcpscope {

// Community ID v1 of a flow (https://github.com/corelight/community-id-spec): "1:" and the
// base64 of SHA-1 over seed, the lower endpoint's address, the other address, the IP protocol,
// a zero byte and the two ports, all in network byte order. TCP is IP protocol 6.
std::string communityIdV1(const Address& a, uint16_t portA, const Address& b, uint16_t portB,
                          uint8_t ipProto = 6, uint16_t seed = 0);

// Zeek's default Site::private_address_space (RFC 1918, loopback, CGNAT, link-local, ULA).
bool isPrivateAddress(const Address& a);

// A stable Zeek-style uid ("C" and 17 base62 characters) for the connection.
std::string connLogUid(const TcpConnection& c);

struct ConnLogOptions {
    // The #open and #close lines' times, Zeek's "%Y-%m-%d-%H-%M-%S" (local time); empty: now.
    std::string openTime;
    std::string closeTime;
    // Only the connections (tcp.stream) it accepts get a line; empty: all.
    std::function<bool(uint32_t stream)> include;
};

// Zeek's ASCII conn.log, header and footer included.
std::string formatConnLogZeek(const ConnectionTracker& tracker, const ConnLogOptions& = {});
// One JSON object per line, with Zeek's JSON log keys.
std::string formatConnLogNdjson(const ConnectionTracker& tracker, const ConnLogOptions& = {});

} // namespace tcpscope
