// SPDX-License-Identifier: GPL-2.0-or-later
// Classroom captions cannot lie: every caption of every packet of the samples (the scenarios),
// of ../shared/corpus and of ../shared/tunnels is checked against the facts the tracker
// computed for that packet. Two layers: each catalogue sentence a caption uses has a condition
// on those facts (the sentence "the three-way handshake is complete" needs the receiver's
// "rcv ACK of SYN" step), and the words themselves are read back: every state named is one of
// the packet's, the state lines equal the tracker's steps, "duplicate ACK" only with
// tcp.analysis.duplicate_ack, no side "can still send" or "receive" in a state that forbids it.
#include "tcpscope/step_caption.h"
#include "tcpscope/tcp_state_machine.h"
#include "tcpscope/text_catalogue.h"
#include "test_support.h"
#include "track_helpers.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

struct Facts {
    const TcpPacketAnalysis& p;
    const EndpointStep& sender;
    const EndpointStep& receiver;
    const TcpPacketAnalysis* myLast;   // the sender's latest segment before this one, or null
    const TcpPacketAnalysis* peerLast; // the peer's latest segment before this one, or null
    bool afterBareSyn() const {
        return myLast && (myLast->flags & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn;
    }
    bool flag(uint32_t f) const { return p.analysisFlags & f; }
    bool note(TrackerNote n) const { return p.notes & noteBit(n); }
    bool retransmitted() const {
        return flag(TcpAnalysisFlag::Retransmission | TcpAnalysisFlag::FastRetransmission |
                    TcpAnalysisFlag::SpuriousRetransmission);
    }
};

using Rule = std::function<bool(const Facts&)>;

bool in(TcpState s, std::initializer_list<TcpState> set) {
    return std::find(set.begin(), set.end(), s) != set.end();
}

// What must hold for each catalogue sentence to be used. A sentence without a condition
// (the packet's own numbers) is listed as always true.
const std::map<std::string_view, Rule>& rules() {
    using S = TcpState;
    using E = TcpEvent;
    using A = TrackerNote;
    static const Rule always = [](const Facts&) { return true; };
    static const std::map<std::string_view, Rule> r = {
        {"syn.open", always},
        {"syn.open.isn", always},
        {"syn.again", [](const Facts& f) { return f.note(A::RetransmittedSyn); }},
        {"syn.again.why", [](const Facts& f) { return f.note(A::RetransmittedSyn); }},
        {"syn.crossing", [](const Facts& f) { return f.note(A::SimultaneousOpen); }},
        {"syn.crossing.why", [](const Facts& f) { return f.note(A::SimultaneousOpen); }},
        {"syn.proves", [](const Facts& f) { return f.receiver.event == E::RcvSyn; }},
        {"syn.nobody", [](const Facts& f) { return f.receiver.event == E::RcvSynInClosed; }},
        {"synack.answer", always},
        {"synack.answer.isn", always},
        {"synack.unseen", always},
        // "sends its SYN,ACK again ... no ACK came back for the first one": there was one.
        {"synack.again",
         [](const Facts& f) { return f.note(A::RetransmittedSyn) && !f.afterBareSyn(); }},
        {"synack.again.why",
         [](const Facts& f) { return f.note(A::RetransmittedSyn) && !f.afterBareSyn(); }},
        {"synack.crossing",
         [](const Facts& f) { return f.note(A::RetransmittedSyn) && f.afterBareSyn(); }},
        {"synack.crossing.why",
         [](const Facts& f) { return f.note(A::RetransmittedSyn) && f.afterBareSyn(); }},
        {"synack.proves", [](const Facts& f) { return f.receiver.event == E::RcvSynAck; }},
        {"synack.lost",
         [](const Facts& f) {
             return f.note(A::SynAckNotReceived) && f.receiver.event == E::None &&
                    f.sender.after == S::SynReceived;
         }},
        {"rst.refused", [](const Facts& f) { return f.note(A::ConnectionRefused); }},
        {"rst.refused.why", [](const Facts& f) { return f.note(A::ConnectionRefused); }},
        {"rst.abort", always},
        {"rst.abort.why", [](const Facts& f) { return f.receiver.event == E::RcvRst; }},
        {"rst.opening",
         [](const Facts& f) {
             return f.receiver.event == E::RcvRst && f.receiver.before == S::SynSent;
         }},
        {"rst.passive", [](const Facts& f) { return f.receiver.event == E::RcvRstPassive; }},
        {"rst.ignored", [](const Facts& f) { return f.receiver.event == E::None; }},
        {"fin.close", [](const Facts& f) { return !f.note(A::RetransmittedFin); }},
        {"fin.again", [](const Facts& f) { return f.note(A::RetransmittedFin); }},
        {"fin.again.why", [](const Facts& f) { return f.note(A::RetransmittedFin); }},
        {"fin.data", [](const Facts& f) { return f.p.len > 0; }},
        {"fin.seq", always},
        // "the sender can still receive until the peer sends its own FIN"
        {"fin.first",
         [](const Facts& f) {
             return f.sender.event == E::SndFin && in(f.sender.after, {S::FinWait1}) &&
                    !in(f.receiver.before, {S::FinWait1, S::FinWait2, S::Closing, S::LastAck});
         }},
        // "the peer closed its side earlier: both directions are closed"
        {"fin.second",
         [](const Facts& f) {
             return in(f.sender.after, {S::LastAck, S::Closing, S::TimeWait});
         }},
        {"fin.crossing",
         [](const Facts& f) {
             return f.receiver.event == E::RcvFin && f.receiver.before == S::FinWait1;
         }},
        {"fin.crossed", [](const Facts& f) { return f.receiver.event == E::SndFin; }},
        {"fin.acks", [](const Facts& f) { return (f.p.flags & TcpFlag::Ack) != 0; }},
        {"data.send", [](const Facts& f) { return f.p.len > 0 && !f.retransmitted(); }},
        {"data.again", [](const Facts& f) { return f.p.len > 0 && f.retransmitted(); }},
        {"data.range", [](const Facts& f) { return f.p.len > 0; }},
        {"data.noack", [](const Facts& f) { return f.p.ack <= 1; }},
        {"data.acks", [](const Facts& f) { return (f.p.flags & TcpFlag::Ack) != 0; }},
        {"data.halfclose", [](const Facts& f) { return f.sender.before == S::CloseWait; }},
        {"data.probe", [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindowProbe); }},
        {"data.probe.why", [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindowProbe); }},
        {"data.keepalive", [](const Facts& f) { return f.flag(TcpAnalysisFlag::KeepAlive); }},
        {"data.keepalive.why", [](const Facts& f) { return f.flag(TcpAnalysisFlag::KeepAlive); }},
        {"ack.handshake", [](const Facts& f) { return f.receiver.event == E::RcvAckOfSyn; }},
        {"ack.handshake.isn", [](const Facts& f) { return f.receiver.event == E::RcvAckOfSyn; }},
        {"ack.handshake.proves", [](const Facts& f) { return f.receiver.event == E::RcvAckOfSyn; }},
        {"ack.fin",
         [](const Facts& f) {
             return f.receiver.event == E::RcvAckOfFin || f.receiver.event == E::RcvFinAckOfFin ||
                    f.note(A::FinAckNotReceived);
         }},
        {"ack.fin.num", always},
        {"ack.fin.last",
         [](const Facts& f) {
             return f.receiver.event == E::RcvAckOfFin && f.receiver.after == S::Closed;
         }},
        {"ack.fin.halfclosed",
         [](const Facts& f) {
             return f.receiver.event == E::RcvAckOfFin && f.receiver.after == S::FinWait2;
         }},
        {"ack.fin.both",
         [](const Facts& f) {
             return (f.receiver.event == E::RcvAckOfFin || f.receiver.event == E::RcvFinAckOfFin) &&
                    f.receiver.after == S::TimeWait;
         }},
        {"ack.fin.lost",
         [](const Facts& f) {
             return f.note(A::FinAckNotReceived) && f.receiver.event == E::None;
         }},
        // "acknowledges the server's FIN again, from TIME-WAIT": the FIN was repeated.
        {"ack.timewait",
         [](const Facts& f) {
             return f.sender.before == S::TimeWait && f.peerLast &&
                    (f.peerLast->notes & noteBit(A::RetransmittedFin));
         }},
        {"ack.timewait.why",
         [](const Facts& f) {
             return f.peerLast && (f.peerLast->notes & noteBit(A::RetransmittedFin));
         }},
        {"ack.timewait.dup", [](const Facts& f) { return f.flag(TcpAnalysisFlag::DuplicateAck); }},
        {"ack.dup", [](const Facts& f) { return f.flag(TcpAnalysisFlag::DuplicateAck); }},
        {"ack.dup.why", [](const Facts& f) { return f.flag(TcpAnalysisFlag::DuplicateAck); }},
        {"ack.zerowindow", [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindow); }},
        {"ack.zerowindow.why", [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindow); }},
        {"ack.update", [](const Facts& f) { return f.flag(TcpAnalysisFlag::WindowUpdate); }},
        {"ack.update.why", [](const Facts& f) { return f.flag(TcpAnalysisFlag::WindowUpdate); }},
        {"ack.keepalive", [](const Facts& f) { return f.flag(TcpAnalysisFlag::KeepAliveAck); }},
        {"ack.probe", [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindowProbeAck); }},
        {"ack.probe.why",
         [](const Facts& f) { return f.flag(TcpAnalysisFlag::ZeroWindowProbeAck); }},
        {"ack.data", always},
        {"ack.data.why", always},
        {"other", always},
        {"states.both", always},
        {"states.none", always},
    };
    return r;
}

std::string stateList(const TcpPacketAnalysis& p) {
    std::set<std::string> s;
    for (const EndpointStep* e : {&p.client, &p.server}) {
        s.insert(std::string(stateName(e->before)));
        s.insert(std::string(stateName(e->after)));
    }
    std::string out;
    for (const auto& n : s) out += n + " ";
    return out;
}

// Each state named in `text` is one of the packet's four states. "no TIME-WAIT" (an abortive
// close has none) is the one reviewed mention of a state nobody is in.
std::string wrongStateNames(std::string text, const TcpPacketAnalysis& p) {
    for (size_t at; (at = text.find("no TIME-WAIT")) != std::string::npos;) text.erase(at, 12);
    std::string wrong;
    const std::string allowed = " " + stateList(p);
    for (int s = int(TcpState::Unknown); s <= int(TcpState::TimeWait); ++s) {
        const std::string name(stateName(TcpState(s)));
        // SYN-SENT must not match inside another name; none is a prefix of another here
        // except through the hyphenated forms, which the search below keeps whole.
        for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
            const bool whole =
                (at == 0 ||
                 !std::isalpha(static_cast<unsigned char>(text[at - 1])) && text[at - 1] != '-') &&
                (at + name.size() >= text.size() ||
                 (text[at + name.size()] != '-' &&
                  !std::isalnum(static_cast<unsigned char>(text[at + name.size()]))));
            if (whole && allowed.find(" " + name + " ") == std::string::npos) wrong += name + " ";
        }
    }
    return wrong;
}

// The state lines equal the tracker's steps.
std::string wrongStateLines(const std::string& states, const TcpPacketAnalysis& p) {
    std::string wrong;
    static const std::regex moved(
        "^(client|server): ([A-Z0-9-]+)( \u2192 ([A-Z0-9-]+)| \\(stays\\))");
    std::istringstream in(states);
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, moved)) {
            const EndpointStep& s = m[1] == "client" ? p.client : p.server;
            const std::string after = m[4].matched ? m[4].str() : m[2].str();
            if (m[2].str() != stateName(s.before) || after != stateName(s.after))
                wrong += line + "; ";
        } else if (first && line.rfind("Both ends stay ", 0) == 0) {
            const std::string st(stateName(p.client.after));
            if (line != "Both ends stay " + st + "." || p.server.after != p.client.after)
                wrong += line + "; ";
        } else if (first && line.rfind("No state changes", 0) == 0) {
            if (line != "No state changes: client " + std::string(stateName(p.client.after)) +
                            ", server " + std::string(stateName(p.server.after)) + ".")
                wrong += line + "; ";
        }
        first = false;
    }
    return wrong;
}

// "the client can still receive", "the server may still send": allowed by the state after?
std::string wrongAbilities(const std::string& text, const TcpPacketAnalysis& p) {
    using S = TcpState;
    static const std::regex claim("the (client|server) (can|may) still (send|receive)");
    std::string wrong;
    for (std::sregex_iterator it(text.begin(), text.end(), claim), end; it != end; ++it) {
        const EndpointStep& s = (*it)[1] == "client" ? p.client : p.server;
        const bool send = (*it)[3] == "send";
        const bool ok = send ? in(s.after, {S::Established, S::CloseWait, S::SynReceived})
                             : in(s.after, {S::Established, S::FinWait1, S::FinWait2,
                                            S::SynReceived, S::SynSent});
        if (!ok) wrong += it->str() + " (" + std::string(stateName(s.after)) + "); ";
    }
    return wrong;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Tally {
    size_t captures = 0, packets = 0, sentences = 0;
    std::set<std::string_view> used;
};

void checkChinese(const ConnectionTracker& t, const std::filesystem::path& path);

void checkCapture(const std::filesystem::path& path, Tally& tally) {
    const ConnectionTracker t = trackCapture(path);
    ++tally.captures;
    for (size_t i = 0; i < t.packets().size(); ++i) {
        const TcpPacketAnalysis& p = t.packets()[i];
        const StepCaption c = explainStep(t, i);
        const TcpPacketAnalysis *myLast = nullptr, *peerLast = nullptr;
        for (size_t k = i; k > 0 && !(myLast && peerLast); --k) {
            const TcpPacketAnalysis& q = t.packets()[k - 1];
            if (q.stream != p.stream) continue;
            if (q.sender == p.sender && !myLast) myLast = &q;
            if (q.sender != p.sender && !peerLast) peerLast = &q;
        }
        const Facts f{p, p.senderStep(), p.receiverStep(), myLast, peerLast};
        const std::string words = c.headline + " " + c.detail;
        INFO(path.string() << " frame " << p.frameNumber << ":\n" << words << "\n" << c.states);
        ++tally.packets;
        CHECK_FALSE(c.headline.empty());
        CHECK_FALSE(c.states.empty());
        for (std::string_view id : c.messages) {
            ++tally.sentences;
            tally.used.insert(id);
            INFO("sentence " << id);
            REQUIRE(rules().count(id));
            CHECK(rules().at(id)(f));
        }
        CHECK(wrongStateNames(words, p) == "");
        CHECK(wrongStateLines(c.states, p) == "");
        CHECK(wrongAbilities(words, p) == "");
        if (lower(words).find("duplicate ack") != std::string::npos)
            CHECK(f.flag(TcpAnalysisFlag::DuplicateAck));
        if (words.find("handshake is complete") != std::string::npos)
            CHECK((p.client.event == TcpEvent::RcvAckOfSyn ||
                   p.server.event == TcpEvent::RcvAckOfSyn));
        if (c.headline.find(" again") != std::string::npos)
            CHECK((f.retransmitted() || f.note(TrackerNote::RetransmittedSyn) ||
                   f.note(TrackerNote::RetransmittedFin) ||
                   (f.sender.before == TcpState::TimeWait && f.peerLast &&
                    (f.peerLast->notes & noteBit(TrackerNote::RetransmittedFin)))));
        if (words.find("half-open") != std::string::npos)
            CHECK(f.note(TrackerNote::SynAckNotReceived));
    }
    checkChinese(t, path);
}

// The numbers of a text ("860356045", "65,535"), in order.
std::vector<std::string> numbers(const std::string& text) {
    static const std::regex re(R"(\d+(,\d{3})*)");
    std::vector<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it)
        out.push_back(it->str());
    std::sort(out.begin(), out.end());
    return out;
}

// `text` without the Chinese names that follow the RFC's ("FIN-WAIT-1 终止等待 1").
std::string withoutMeanings(std::string text) {
    for (size_t s = 0; s < kTcpStateCount; ++s) {
        const std::string meaning = " " + std::string(stateMeaning(TcpState(s)));
        for (size_t at; meaning.size() > 1 && (at = text.find(meaning)) != std::string::npos;)
            text.erase(at, meaning.size());
    }
    return text;
}

// The same captions in Simplified Chinese: the same sentences (so the claims checked above in
// English hold), every value filled in, the same numbers and RFC state names, and Chinese.
void checkChinese(const ConnectionTracker& t, const std::filesystem::path& path) {
    std::vector<StepCaption> english;
    for (size_t i = 0; i < t.packets().size(); ++i) english.push_back(explainStep(t, i));
    installTranslations(*builtinTable("zh_CN"));
    for (size_t i = 0; i < t.packets().size(); ++i) {
        const StepCaption c = explainStep(t, i);
        const StepCaption& e = english[i];
        const std::string words = c.headline + " " + c.detail + " " + c.states + " " + c.analysis;
        const std::string ewords = e.headline + " " + e.detail + " " + e.states + " " + e.analysis;
        INFO(path.string() << " packet " << i << " in Chinese:\n"
                           << words << "\nEnglish:\n"
                           << ewords);
        CHECK(c.messages == e.messages);
        CHECK(words.find('{') == std::string::npos);
        CHECK(numbers(withoutMeanings(words)) == numbers(ewords));
        for (size_t s = 0; s < kTcpStateCount; ++s) {
            const std::string name(stateName(TcpState(s)));
            CHECK((words.find(name) != std::string::npos) ==
                  (ewords.find(name) != std::string::npos));
        }
        // Chinese: a character of the CJK block (UTF-8 lead bytes E4..E9) in the headline.
        CHECK(std::any_of(c.headline.begin(), c.headline.end(), [](char ch) {
            const auto b = static_cast<unsigned char>(ch);
            return b >= 0xE4 && b <= 0xE9;
        }));
    }
    installTranslations({});
}

} // namespace

TEST_CASE("every caption sentence has a condition, and every condition a sentence", "[caption]") {
    std::set<std::string_view> ids;
    for (const CaptionMessage& m : captionMessages()) {
        INFO(m.id);
        CHECK(ids.insert(m.id).second); // unique
        CHECK(rules().count(m.id));
        CHECK_FALSE(m.text.empty());
    }
    for (const auto& [id, rule] : rules()) {
        INFO(id);
        CHECK(ids.count(id));
    }
}

TEST_CASE("captions' claims hold on every sample, corpus and tunnel capture", "[caption]") {
    Tally tally;
    for (const auto& path : capturesUnder(samplesDir())) checkCapture(path, tally);
    const size_t samples = tally.captures;
    CHECK(samples >= 9);
    if (haveCorpus()) {
        for (const auto& path : capturesUnder(corpusDir())) checkCapture(path, tally);
        for (const auto& path : capturesUnder(sharedDir() / "tunnels")) checkCapture(path, tally);
    } else {
        WARN("../shared/corpus is absent: only the samples were checked");
    }
    WARN("captions checked: " << tally.captures << " captures, " << tally.packets << " packets, "
                              << tally.sentences << " sentences, " << tally.used.size() << " of "
                              << captionMessages().size() << " catalogue sentences used");
    CHECK(tally.packets > 0);
}

TEST_CASE("the scenarios' captions say what the issue's teacher expected", "[caption]") {
    auto words = [](const ConnectionTracker& t, uint64_t frame) {
        for (size_t i = 0; i < t.packets().size(); ++i)
            if (t.packets()[i].frameNumber == frame) {
                const StepCaption c = explainStep(t, i);
                return c.headline + " " + c.detail;
            }
        return std::string();
    };
    // The server's FIN after the client's: nobody "can still receive until the client sends
    // its own FIN".
    for (const char* name : {"lifecycle-seed-session.pcap", "simultaneous-close.pcap"}) {
        INFO(name);
        const ConnectionTracker t = trackCapture(samplesDir() / name);
        const std::string nine = words(t, 9);
        CHECK(nine.find("until the client sends its own FIN") == std::string::npos);
    }
    const ConnectionTracker t = trackCapture(samplesDir() / "lifecycle-seed-session.pcap");
    CHECK(words(t, 9).find("both directions are closed") != std::string::npos);
    CHECK(words(t, 2).find("the client knows that both directions work") != std::string::npos);
    CHECK(words(t, 3).find("the server knows too") != std::string::npos);

    // Frame 28 retransmits the server's FIN: the ACK of frame 27 never reached it, so it is
    // still in LAST-ACK (not CLOSED); frame 29 is TIME-WAIT answering the repeated FIN, not a
    // gap in the data.
    const ConnectionTracker r = trackCapture(samplesDir() / "retransmission-dupack.pcap");
    for (const TcpPacketAnalysis& p : r.packets()) {
        if (p.frameNumber == 27) CHECK(p.server.after == TcpState::LastAck);
        if (p.frameNumber == 28) CHECK(p.server.after == TcpState::LastAck);
        if (p.frameNumber == 29) {
            CHECK(p.client.after == TcpState::TimeWait);
            CHECK(p.server.after == TcpState::Closed);
        }
    }
    CHECK(words(r, 27).find("never reached the server") != std::string::npos);
    CHECK(words(r, 29).find("TIME-WAIT") != std::string::npos);
    CHECK(words(r, 29).find("fast retransmit") == std::string::npos);
    CHECK(words(r, 29).find("not a gap in the data") != std::string::npos);

    const ConnectionTracker s = trackCapture(samplesDir() / "syn-flood.pcap");
    CHECK(words(s, 2).find("half-open") != std::string::npos);
}
