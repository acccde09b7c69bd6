// SPDX-License-Identifier: GPL-2.0-or-later
// The connection table as aligned text (tcpscope-cli conversations): one row per connection.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <cstdint>
#include <functional>
#include <string>

namespace tcpscope {

// Header line, then one row per connection in stream order: stream, client and server socket,
// packets/bytes each way, duration, how it opened and closed, both endpoints' final states,
// tcp.completeness and Zeek's conn_state. Ends with a newline. With `include`, only the
// connections (tcp.stream) it accepts get a row.
std::string formatConversations(const ConnectionTracker& tracker,
                                const std::function<bool(uint32_t stream)>& include = {});

} // namespace tcpscope
