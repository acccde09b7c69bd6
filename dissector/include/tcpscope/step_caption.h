// SPDX-License-Identifier: GPL-2.0-or-later
// Plain-words captions for the classroom step-through: what one packet of a connection is, the
// numbers that matter on it and why they have those values, each endpoint's state change with
// the RFC 9293 reason, and what the analysis noticed. Built from the tracker's results only,
// so the viewer, the CLI and tests all tell the same story.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <string>

namespace tcpscope {

struct StepCaption {
    // One short sentence, e.g. "The server answers with SYN,ACK."
    std::string headline;
    // The numbers and their reasons ("its own ISN 4021859194, and ack = client ISN + 1 =
    // 860356045 because a SYN consumes one sequence number").
    std::string detail;
    // "client: SYN-SENT → ESTABLISHED (rcv SYN,ACK / snd ACK)." lines, one per endpoint that
    // took a step, then a last line with the transitions' explanations from the state-machine
    // table (once when both took the same kind of step).
    std::string states;
    // Analysis flags and tracker notes in words; empty when there is nothing to say.
    std::string analysis;
};

// The caption of tracker.packets()[packetIndex]. Connection roles and ISNs come from
// tracker.connections(); the previous packets of the same stream give context (e.g. which
// data an ACK acknowledges).
StepCaption explainStep(const ConnectionTracker& tracker, size_t packetIndex);

} // namespace tcpscope
