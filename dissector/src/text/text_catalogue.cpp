// SPDX-License-Identifier: GPL-2.0-or-later
// The catalogue of user-visible texts and the installed language's table.
#include "tcpscope/text_catalogue.h"

#include "builtin_translations.h"
#include "catalogue_parts.h"
#include "tcpscope/field.h"

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace tcpscope {

namespace {

struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using Table = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;

// Every table ever installed stays alive until exit: a text handed out earlier (a row's cached
// tool tip, a caption) must not dangle after a language change.
std::mutex g_tablesMutex;
std::vector<std::unique_ptr<Table>> g_tables;
std::atomic<const Table*> g_current{nullptr};

void appendFieldTexts(std::vector<CatalogueText>& out) {
    registerAllProtocols();
    const FieldRegistry& registry = FieldRegistry::instance();
    for (size_t i = 0; i < registry.size(); ++i) {
        const FieldDef& def = registry.def(static_cast<FieldId>(i));
        if (!def.explanation.empty())
            out.push_back({"field." + std::string(def.abbrev), std::string(def.explanation)});
    }
}

} // namespace

std::vector<CatalogueText> textCatalogue() {
    std::vector<CatalogueText> out;
    appendFieldTexts(out);
    for (size_t s = 0; s < kTcpStateCount; ++s) {
        const std::string name(stateName(TcpState(s)));
        out.push_back({"state." + name, name});
    }
    out.push_back({"role.client", "client"});
    out.push_back({"role.server", "server"});
    detail::appendTransitionTexts(out);
    detail::appendCaptionTexts(out);
    detail::appendTrackerTexts(out);
    detail::appendNoteTexts(out);
    detail::appendConventionText(out);
    detail::appendLadderTexts(out);
    detail::appendByteTableTexts(out);
    detail::appendExerciseTexts(out);
    detail::appendSynQueueTexts(out);
    detail::appendInputTexts(out);
    return out;
}

void installTranslations(const TranslationTable& table) {
    if (table.empty()) {
        g_current.store(nullptr, std::memory_order_release);
        return;
    }
    auto t = std::make_unique<Table>();
    for (const auto& [id, text] : table)
        if (!text.empty()) t->insert_or_assign(id, text);
    const std::lock_guard lock(g_tablesMutex);
    g_current.store(t.get(), std::memory_order_release);
    g_tables.push_back(std::move(t));
}

std::string_view localized(std::string_view prefix, std::string_view key,
                           std::string_view english) {
    const Table* t = g_current.load(std::memory_order_acquire);
    if (!t) return english;
    char id[192];
    if (prefix.size() + key.size() > sizeof id) return english;
    std::memcpy(id, prefix.data(), prefix.size());
    if (!key.empty()) std::memcpy(id + prefix.size(), key.data(), key.size());
    const auto it = t->find(std::string_view(id, prefix.size() + key.size()));
    return it == t->end() ? english : std::string_view(it->second);
}

std::optional<std::vector<BuiltinText>> builtinTranslations(std::string_view language) {
    for (size_t i = 0; i < detail::kBuiltinLanguageCount; ++i) {
        const detail::BuiltinLanguage& l = detail::kBuiltinLanguages[i];
        if (language != l.name) continue;
        std::vector<BuiltinText> out;
        out.reserve(l.count);
        for (size_t k = 0; k < l.count; ++k)
            out.push_back({l.entries[k].id, l.entries[k].source, l.entries[k].text});
        return out;
    }
    return std::nullopt;
}

std::optional<TranslationTable> builtinTable(std::string_view language) {
    const auto texts = builtinTranslations(language);
    if (!texts) return std::nullopt;
    TranslationTable table;
    table.reserve(texts->size());
    for (const BuiltinText& t : *texts) table.emplace_back(t.id, t.text);
    return table;
}

std::string_view fieldExplanation(const FieldDef& def) {
    if (def.explanation.empty()) return {};
    return localized("field.", def.abbrev, def.explanation);
}

std::string_view stateMeaning(TcpState s) {
    const std::string_view name = stateName(s);
    const std::string_view text = localized("state.", name, name);
    return text == name ? std::string_view{} : text;
}

std::string stateDisplayName(TcpState s) {
    std::string out(stateName(s));
    if (const std::string_view meaning = stateMeaning(s); !meaning.empty()) {
        out += ' ';
        out += meaning;
    }
    return out;
}

std::string_view transitionExplanation(const TcpTransition& t) {
    if (t.explanation.empty()) return {};
    return localized(detail::transitionId(t), t.explanation);
}

std::string_view roleWord(bool client) {
    return client ? localized("role.client", "client") : localized("role.server", "server");
}

} // namespace tcpscope
