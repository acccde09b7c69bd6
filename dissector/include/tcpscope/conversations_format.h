// SPDX-License-Identifier: GPL-2.0-or-later
// The connection table as aligned text (tcpscope-cli conversations): one row per connection.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <string>

namespace tcpscope {

// Header line, then one row per connection in stream order: stream, client and server socket,
// packets/bytes each way, duration, how it opened and closed, both endpoints' final states,
// tcp.completeness and Zeek's conn_state. Ends with a newline.
std::string formatConversations(const ConnectionTracker& tracker);

} // namespace tcpscope
