// SPDX-License-Identifier: GPL-2.0-or-later
// The catalogue of the core's user-visible texts (DESIGN.md, "User-visible text"): field
// explanations, step captions, state names as shown to people, the state machine's
// explanations, expert and tracker notes, conversation states and the capture convention. Each
// has a stable message id and an English default where it is declared; localized() returns the
// text of the installed language. The Chinese texts live in
// resources/translations/tcpscope_core_zh_CN.ts (Qt's id-based format): the viewer looks them up
// with qtTrId() from the .qm that lrelease builds, and the CLI uses the same file compiled in
// (builtinTranslations()), so one tool chain covers both.
#pragma once

#include "tcpscope/tcp_state_machine.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tcpscope {

struct FieldDef;

struct CatalogueText {
    std::string id;      // "field.tcp.seq", "caption.syn.head", "state.ESTABLISHED", ...
    std::string english; // the default, with {name} placeholders where the text has values
};

// Every translatable text of the core, in a fixed order, ids unique.
std::vector<CatalogueText> textCatalogue();

// id → text of one language.
using TranslationTable = std::vector<std::pair<std::string, std::string>>;

// Makes `table` the texts localized() returns; an empty table is English. Call it before other
// threads read texts (the viewer and the CLI do, before loading). Earlier tables stay alive
// until exit, so texts already handed out stay valid.
void installTranslations(const TranslationTable& table);

// The installed language's text for `id`, or `english` when there is none. `key` is appended to
// `prefix` to form the id ("field." + "tcp.seq"), so callers need not build strings.
std::string_view localized(std::string_view prefix, std::string_view key, std::string_view english);
inline std::string_view localized(std::string_view id, std::string_view english) {
    return localized(id, {}, english);
}

// A translation compiled in from resources/translations/tcpscope_core_<language>.ts: each
// entry's id, the English source it translates, and the text. Nothing for an unknown language.
struct BuiltinText {
    std::string_view id;
    std::string_view source;
    std::string_view text;
};
std::optional<std::vector<BuiltinText>> builtinTranslations(std::string_view language);
// The table installTranslations() takes, from builtinTranslations(language).
std::optional<TranslationTable> builtinTable(std::string_view language);

// Texts that go through the catalogue.
std::string_view fieldExplanation(const FieldDef& def);
// The state as shown to people: the RFC's name, followed by its translation when one is
// installed ("ESTABLISHED 已建立连接"), so students still see the name tcpdump and RFCs use.
std::string stateDisplayName(TcpState s);
// The translation of the state's name alone ("已建立连接"), or empty in English.
std::string_view stateMeaning(TcpState s);
std::string_view transitionExplanation(const TcpTransition& t);
// "client" or "server" in the installed language.
std::string_view roleWord(bool client);

} // namespace tcpscope
