// SPDX-License-Identifier: GPL-2.0-or-later
// The catalogue of the core's user-visible texts and its Simplified Chinese translation
// (resources/translations/tcpscope_core_zh_CN.ts, compiled in): every text has one, it
// translates the English the catalogue has now, and it keeps the placeholders.
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field.h"
#include "tcpscope/ladder_text.h"
#include "tcpscope/step_caption.h"
#include "tcpscope/text_catalogue.h"
#include "tcpscope/tree_format.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// "{who}", "{seq}" ... of a text, sorted.
std::vector<std::string> placeholders(const std::string& text) {
    static const std::regex re(R"(\{[A-Za-z]+\})");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
        out.push_back(it->str());
    std::sort(out.begin(), out.end());
    return out;
}

bool hasHan(std::string_view s) {
    // U+4E00..U+9FFF are E4 B8 80 .. E9 BF BF in UTF-8.
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE4 && c <= 0xE9) return true;
    }
    return false;
}

// Installs a language for one test case and puts English back after it.
struct Language {
    explicit Language(std::string_view lang) { installTranslations(*builtinTable(lang)); }
    ~Language() { installTranslations({}); }
    Language(const Language&) = delete;
    Language& operator=(const Language&) = delete;
};

} // namespace

TEST_CASE("the catalogue: ids unique, every text there", "[catalogue]") {
    const std::vector<CatalogueText> texts = textCatalogue();
    std::set<std::string> ids;
    for (const CatalogueText& t : texts) {
        INFO(t.id);
        CHECK(ids.insert(t.id).second);
        CHECK_FALSE(t.english.empty());
    }
    // Each kind the issue names is in it.
    for (const char* id :
         {"field.tcp.seq", "field.ip.ttl", "caption.syn.open", "state.ESTABLISHED",
          "transition.LISTEN.rcv-syn", "expert.tcp.analysis.retransmission",
          "note.tcp.state.half_open", "conversation.open.handshake", "convention", "role.client"}) {
        INFO(id);
        CHECK(ids.count(id));
    }
    size_t fields = 0;
    registerAllProtocols();
    for (size_t i = 0; i < FieldRegistry::instance().size(); ++i)
        fields += !FieldRegistry::instance().def(FieldId(i)).explanation.empty();
    CHECK(std::count_if(texts.begin(), texts.end(), [](const CatalogueText& t) {
              return t.id.rfind("field.", 0) == 0;
          }) == ptrdiff_t(fields));
}

TEST_CASE("zh_CN translates every text of the catalogue, as it reads now", "[catalogue]") {
    const auto zh = builtinTranslations("zh_CN");
    REQUIRE(zh);
    std::map<std::string_view, BuiltinText> byId;
    for (const BuiltinText& t : *zh) byId.emplace(t.id, t);
    std::vector<std::string> missing, changed;
    for (const CatalogueText& t : textCatalogue()) {
        const auto it = byId.find(t.id);
        if (it == byId.end()) {
            missing.push_back(t.id);
            continue;
        }
        INFO(t.id << ": " << it->second.text);
        if (it->second.source != t.english) changed.push_back(t.id);
        CHECK_FALSE(it->second.text.empty());
        CHECK(placeholders(std::string(it->second.text)) == placeholders(t.english));
        // Translated, not copied (short texts may be syntax: "{seq}:{last}").
        if (t.english.size() > 12) CHECK(it->second.text != t.english);
    }
    // Run resources/translations/update_core_ts.py, then translate the unfinished messages.
    INFO("without a Chinese text: " << missing.size() << (missing.empty() ? "" : ", first ")
                                    << (missing.empty() ? "" : missing.front()));
    CHECK(missing.empty());
    INFO("English changed since translated: " << changed.size()
                                              << (changed.empty() ? "" : ", first ")
                                              << (changed.empty() ? "" : changed.front()));
    CHECK(changed.empty());
    CHECK_FALSE(builtinTranslations("xx"));
}

TEST_CASE("installed texts: localized, then English again", "[catalogue]") {
    registerAllProtocols();
    const FieldDef& seq = FieldRegistry::instance().def(fieldId("tcp.seq"));
    const std::string english(fieldExplanation(seq));
    CHECK(english == std::string(seq.explanation));
    CHECK(stateDisplayName(TcpState::Established) == "ESTABLISHED");
    CHECK(stateMeaning(TcpState::Established).empty());
    {
        const Language zh("zh_CN");
        CHECK(fieldExplanation(seq) != english);
        CHECK(hasHan(fieldExplanation(seq)));
        // The RFC's name stays, the Chinese follows.
        CHECK(stateDisplayName(TcpState::Established).rfind("ESTABLISHED ", 0) == 0);
        CHECK(hasHan(stateDisplayName(TcpState::Established)));
        CHECK(stateName(TcpState::Established) == "ESTABLISHED"); // syntax: filters use it
        CHECK(hasHan(roleWord(true)));
        CHECK(hasHan(analysisFlagMessage(TcpAnalysisFlag::Retransmission)));
        CHECK(hasHan(trackerNoteInfo(TrackerNote(0)).message));
        CHECK(trackerNoteInfo(TrackerNote(0)).id == "tcp.state.data_before_handshake");
        CHECK(hasHan(captureConvention()));
        CHECK(hasHan(openKindText(OpenKind::Handshake)));
        const TcpTransition* t = findTransition(TcpState::Listen, TcpEvent::RcvSyn);
        REQUIRE(t);
        CHECK(hasHan(transitionExplanation(*t)));
        CHECK(t->label() == "rcv SYN / snd SYN,ACK"); // the event's label is syntax
    }
    CHECK(fieldExplanation(seq) == english);
    CHECK(stateDisplayName(TcpState::Established) == "ESTABLISHED");
    CHECK(analysisFlagMessage(TcpAnalysisFlag::Retransmission) ==
          "This frame is a (suspected) retransmission");
}

TEST_CASE("the handshake's captions in Chinese say what the English says", "[catalogue]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "lifecycle-seed-session.pcap");
    REQUIRE(t.packets().size() > 3);
    std::vector<StepCaption> english;
    for (size_t i = 0; i < 4; ++i) english.push_back(explainStep(t, i));
    const Language zh("zh_CN");
    for (size_t i = 0; i < 4; ++i) {
        const StepCaption c = explainStep(t, i);
        INFO("packet " << i << ": " << c.headline << "\n" << c.detail << "\n" << c.states);
        CHECK(c.messages == english[i].messages);
        CHECK(hasHan(c.headline));
        CHECK(hasHan(c.states));
        CHECK(c.headline.find('{') == std::string::npos);
        CHECK(c.detail.find('{') == std::string::npos);
    }
    // The first SYN: the client moves from CLOSED to SYN-SENT, both names visible.
    const StepCaption syn = explainStep(t, 0);
    CHECK(syn.states.find("CLOSED") != std::string::npos);
    CHECK(syn.states.find("SYN-SENT") != std::string::npos);
}

TEST_CASE("ladder captions in Chinese wrap at 90 columns, CJK characters two wide", "[catalogue]") {
    const ConnectionTracker t = trackCapture(samplesDir() / "lifecycle-seed-session.pcap");
    LadderTextOptions o;
    o.captions = true;
    const Language zh("zh_CN");
    const std::string text = formatLadderText(t, 0, o);
    INFO(text);
    size_t captionLines = 0;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        const std::string_view line(text.data() + start, end - start);
        size_t columns = 0;
        for (size_t i = 0; i < line.size();) {
            const auto b = static_cast<unsigned char>(line[i]);
            const size_t n = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            columns += (n == 3 && b >= 0xE3) ? 2 : 1;
            i += n;
        }
        CHECK(columns <= 100);
        if (hasHan(line)) {
            ++captionLines;
            CHECK(columns <= 90);
            CHECK(line.substr(4, 3) != "，"); // no line starts with closing punctuation
            CHECK(line.substr(4, 3) != "。");
        }
        start = end + 1;
    }
    CHECK(captionLines > 20);
}

TEST_CASE("every transition is explained in Chinese, in whole sentences", "[catalogue]") {
    const Language zh("zh_CN");
    for (const TcpTransition& t : tcpTransitions()) {
        const std::string_view text = transitionExplanation(t);
        INFO(stateName(t.from) << " " << t.label() << ": " << text);
        CHECK(hasHan(text));
        CHECK(text.size() > 20);
        CHECK((text.ends_with("。") || text.ends_with("）")));
        CHECK(text != t.explanation);
    }
}

TEST_CASE("the dissectors' expert notes: English as before, Chinese with the same numbers",
          "[catalogue]") {
    // A raw IPv4 packet with TTL 0 whose UDP header the capture cut after 4 of its 8 bytes.
    const uint8_t bytes[] = {0x45, 0x00, 0x00, 0x3c, 0x00, 0x01, 0x00, 0x00,
                             0x00, 0x11, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
                             0x0a, 0x00, 0x00, 0x02, 0x04, 0xd2, 0x16, 0x2e};
    Frame frame;
    frame.number = 1;
    frame.linkType = LinkType::Raw;
    frame.data = bytes;
    frame.originalLength = sizeof bytes;
    auto treeText = [&frame] {
        PacketSummary summary;
        ProtoTree tree;
        dissectFrame(frame, summary, &tree);
        return formatTreeText(tree);
    };
    const std::string english = treeText();
    INFO(english);
    CHECK(english.find("(ip.ttl.zero): Time To Live is 0: routers drop this") != std::string::npos);
    CHECK(english.find("(_ws.truncated): The UDP header needs 8 bytes but only 4 were captured") !=
          std::string::npos);
    const Language zh("zh_CN");
    const std::string chinese = treeText();
    INFO(chinese);
    // The note's id is syntax and stays; its message is Chinese, with the same numbers.
    CHECK(chinese.find("(ip.ttl.zero): 生存时间 TTL 为 0") != std::string::npos);
    CHECK(chinese.find("(_ws.truncated): UDP 首部需要 8 字节，但只捕获了 4 字节") !=
          std::string::npos);
    CHECK(chinese.find('{') == std::string::npos);
}

TEST_CASE("where reading stopped and why: English as before, Chinese with the same numbers",
          "[catalogue]") {
    // A classic pcap whose last record the file cuts (a capture copied while it was written):
    // libpcap's reason, and where, as the viewer's banner and the CLI show them.
    const std::string path =
        (std::filesystem::temp_directory_path() / "tcpscope-cut-record.pcap").string();
    const std::string whole = readFile(samplesDir() / "reset.pcap");
    REQUIRE(whole.size() > 100);
    writeFile(path, whole.substr(0, whole.size() - 30));
    auto stopped = [&] {
        InputError error;
        std::unique_ptr<PcapReader> reader = PcapReader::openFile(path, error);
        REQUIRE(reader);
        Frame f;
        size_t n = 0;
        while (reader->next(f)) ++n;
        REQUIRE(reader->error());
        CHECK(n == 10);
        return std::pair{reader->error()->message, reader->error()->where()};
    };
    const auto [message, where] = stopped();
    CHECK(message.rfind("the record could not be read: truncated dump file; tried to read ", 0) ==
          0);
    CHECK(where.rfind("byte ", 0) == 0);
    CHECK(where.find(" (record 11)") != std::string::npos);
    CHECK(recordReadError("another reason") == "the record could not be read: another reason");
    const Language zh("zh_CN");
    const auto [zhMessage, zhWhere] = stopped();
    CHECK(zhMessage.rfind("无法读取该记录：文件在记录中途结束", 0) == 0);
    CHECK(zhWhere.rfind("字节 ", 0) == 0);
    CHECK(zhWhere.find("（第 11 条记录）") != std::string::npos);
    // The numbers are libpcap's, the same in both.
    auto digits = [](const std::string& s) {
        std::string d;
        for (char c : s)
            if (std::isdigit(static_cast<unsigned char>(c))) d += c;
        return d;
    };
    CHECK(digits(zhMessage) == digits(message));
    CHECK(digits(zhWhere) == digits(where));
    InputError text;
    text.line = 3;
    text.column = 7;
    CHECK(text.where() == "第 3 行第 7 列");
    std::filesystem::remove(path);
}
