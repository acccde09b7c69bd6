// SPDX-License-Identifier: GPL-2.0-or-later
// Each file that declares user-visible texts adds its own to the catalogue, from the tables
// it keeps, so an English default is written once, where it is used.
#pragma once

#include "tcpscope/text_catalogue.h"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope::detail {

void appendCaptionTexts(std::vector<CatalogueText>& out);    // step_caption.cpp
void appendTrackerTexts(std::vector<CatalogueText>& out);    // tracker_text.cpp
void appendTransitionTexts(std::vector<CatalogueText>& out); // tcp_state_machine.cpp
void appendConventionText(std::vector<CatalogueText>& out);  // connection_tracker.cpp
void appendLadderTexts(std::vector<CatalogueText>& out);     // ladder_text.cpp
void appendNoteTexts(std::vector<CatalogueText>& out);       // note_texts.cpp
void appendByteTableTexts(std::vector<CatalogueText>& out);  // byte_table.cpp
void appendExerciseTexts(std::vector<CatalogueText>& out);   // exercise_check.cpp
void appendSynQueueTexts(std::vector<CatalogueText>& out);   // syn_queue_text.cpp
void appendInputTexts(std::vector<CatalogueText>& out);      // input_error.cpp

// The values of a text's {placeholders}: {{"have", num(have)}, {"need", num(need)}}.
using NoteValues = std::initializer_list<std::pair<std::string_view, std::string>>;

// `text` with each {name} of `values` replaced by its value; other braces stay as they are.
std::string fillPlaceholders(std::string_view text, NoteValues values);

// The expert note `key` of note_texts.cpp's table (message id "note." + key) in the installed
// language, its {placeholders} filled from `values`. The dissectors' notes go through it:
// ctx.note(t, Severity::Warning, "ip.ttl.zero", noteText("ip.ttl.zero")).
std::string noteText(std::string_view key, NoteValues values = {});

// The byte table's word `key` (message id "table." + key, byte_table.cpp) in the installed
// language, its {placeholders} filled from `values`.
std::string tableText(std::string_view key, NoteValues values = {});

// A file's own table of texts: message id = the file's prefix + key, English default beside it.
struct KeyedText {
    std::string_view key;
    std::string_view english;
};
// The text `key` of `texts` in the installed language, its {placeholders} filled from `values`
// (the key itself for a key the table lacks).
std::string keyedText(std::string_view prefix, std::span<const KeyedText> texts,
                      std::string_view key, NoteValues values = {});
// Adds `texts` to the catalogue, each id `prefix` + key.
void appendKeyedTexts(std::vector<CatalogueText>& out, std::string_view prefix,
                      std::span<const KeyedText> texts);
// Appends `part` to `out`, after `separator` when `out` is not empty.
void appendJoined(std::string& out, std::string_view separator, std::string_view part);

// The transition's message id: "transition.SYN-SENT.rcv-syn-ack".
std::string transitionId(const TcpTransition& t);

} // namespace tcpscope::detail
