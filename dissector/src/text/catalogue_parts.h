// SPDX-License-Identifier: GPL-2.0-or-later
// Each file that declares user-visible texts adds its own to the catalogue, from the tables
// it keeps, so an English default is written once, where it is used.
#pragma once

#include "tcpscope/text_catalogue.h"

#include <vector>

namespace tcpscope::detail {

void appendCaptionTexts(std::vector<CatalogueText>& out);    // step_caption.cpp
void appendTrackerTexts(std::vector<CatalogueText>& out);    // tracker_text.cpp
void appendTransitionTexts(std::vector<CatalogueText>& out); // tcp_state_machine.cpp
void appendConventionText(std::vector<CatalogueText>& out);  // connection_tracker.cpp
void appendLadderTexts(std::vector<CatalogueText>& out);     // ladder_text.cpp

// The transition's message id: "transition.SYN-SENT.rcv-syn-ack".
std::string transitionId(const TcpTransition& t);

} // namespace tcpscope::detail
