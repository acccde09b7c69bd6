// SPDX-License-Identifier: GPL-2.0-or-later
// The "TCP State Machine" protocol (tcpfsm): a post-dissector that shows, for every TCP packet,
// each endpoint's RFC 9293 state as the TcpScope connection tracker reconstructs it.
#pragma once

namespace tcpfsm {

// Registers the protocol, its fields, expert infos and the tracker's init/cleanup routines.
void registerProtocol();
// Registers the post-dissector and the Wireshark fields it reads (needs ip/tcp registered).
void registerHandoff();

} // namespace tcpfsm
