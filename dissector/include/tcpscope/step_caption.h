// SPDX-License-Identifier: GPL-2.0-or-later
// Plain-words captions for the classroom step-through: what one packet of a connection is, the
// numbers that matter on it and why they have those values, what it proves to whom, each
// endpoint's state change with the RFC 9293 reason, and what the analysis noticed. Every
// sentence is a message of one catalogue (captionMessages()), chosen by facts the tracker
// computed for this packet (both endpoints' steps, the analysis flags, the tracker's notes), so
// the viewer, the CLI and tests all tell the same story and a test can check each claim.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

// One sentence of the catalogue. `text` has named placeholders in braces ("The {who} sends its
// SYN again."); `id` names the sentence for translation and for tests ("syn.again").
struct CaptionMessage {
    std::string_view id;
    std::string_view text;
};

// Every sentence a caption can say, in a fixed order.
std::span<const CaptionMessage> captionMessages();

struct StepCaption {
    // One short sentence, e.g. "The server answers with SYN,ACK."
    std::string headline;
    // The numbers and their reasons ("its own ISN 4021859194, and ack = client ISN + 1 =
    // 860356045 because a SYN consumes one sequence number"), then what the packet proves.
    std::string detail;
    // "client: SYN-SENT → ESTABLISHED (rcv SYN,ACK / snd ACK)." lines, one per endpoint that
    // took a step, then a last line with the transitions' explanations from the state-machine
    // table (once when both took the same kind of step).
    std::string states;
    // How many of the lines of `states` are the endpoints' steps (the rest explain them).
    size_t stateLines = 0;
    // Analysis flags and tracker notes in words; empty when there is nothing to say.
    std::string analysis;
    // The ids of the catalogue messages used in the headline and the detail, in order.
    std::vector<std::string_view> messages;
};

// The caption of tracker.packets()[packetIndex]. Connection roles and ISNs come from
// tracker.connections().
StepCaption explainStep(const ConnectionTracker& tracker, size_t packetIndex);

} // namespace tcpscope
