// SPDX-License-Identifier: GPL-2.0-or-later
// Revealing an exercise's answers: the true value of each hidden field on its packet, the
// verdict on the student's answer and the reason in the packet's numbers; the run and its score.
#include "../text/catalogue_parts.h"
#include "tcpscope/exercise.h"
#include "tcpscope/ladder_text.h"
#include "tcpscope/step_caption.h"
#include "tcpscope/text_catalogue.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace tcpscope {

namespace {

using detail::NoteValues;

using detail::appendJoined;
using detail::KeyedText;

constexpr std::array kTexts{
    KeyedText{"prompt.seq", "Sequence number (relative)"},
    KeyedText{"prompt.ack", "Acknowledgment number (relative)"},
    KeyedText{"prompt.flags", "Flags"},
    KeyedText{"prompt.window", "Window (as in the header)"},
    KeyedText{"prompt.len", "Payload length (bytes)"},
    KeyedText{"prompt.client_state", "Client's state after this packet"},
    KeyedText{"prompt.server_state", "Server's state after this packet"},
    KeyedText{"right", "Right: {expected}."},
    KeyedText{"wrong", "Not quite: you said {answer}, it is {expected}."},
    KeyedText{"unanswered", "No answer given: it is {expected}."},
    KeyedText{"seq.first",
              "It is the {who}'s first segment in this capture, so its relative sequence "
              "number is {seq}: relative numbers count from this direction's first sequence "
              "number ({isn})."},
    KeyedText{"seq.next",
              "The {who}'s previous segment (frame {frame}) had seq {prev} and used {used} "
              "of the sequence space ({parts}), so this one starts at {prev} + {used} = "
              "{seq}."},
    KeyedText{"seq.other",
              "The {who}'s previous segment (frame {frame}) ended at {next}, but this one "
              "has seq {seq}: it does not continue where that one ended{marks}."},
    KeyedText{"seq.other.marks", ": {marks}"},
    KeyedText{"used.data", "{len} bytes of data"},
    KeyedText{"used.syn", "1 for the SYN"},
    KeyedText{"used.fin", "1 for the FIN"},
    KeyedText{"used.none", "an ACK alone uses none"},
    KeyedText{"ack.none",
              "The ACK flag is not set, so the acknowledgment number means nothing here "
              "({ack})."},
    KeyedText{"ack.first", "Nothing from the {other} was captured before this packet; the {who} "
                           "acknowledges {ack}."},
    KeyedText{"ack.all",
              "Everything the {other} sent before this packet ends at {ack} (its segment in "
              "frame {frame} ended there), so the {who} acknowledges {ack}: the next byte it "
              "expects."},
    KeyedText{"ack.behind",
              "The {other} has sent up to {sent} (frame {frame}), but the {who} acknowledges "
              "{ack}: it has not received everything before {sent} in order yet."},
    KeyedText{"ack.unseen",
              "The {who} acknowledges {ack}, beyond what the capture saw the {other} send "
              "({sent}): segments it received were not captured."},
    KeyedText{"flags", "{flags}: {headline}"},
    KeyedText{"window", "The {who} offers a receive window of {raw} in the header."},
    KeyedText{"window.scaled",
              "The {who} offers a receive window of {raw} in the header; with the window "
              "scale agreed in the handshake that is {raw} × {multiplier} = {bytes} bytes."},
    KeyedText{"len",
              "The segment carries {len} bytes of payload: the IP packet's length minus the IP "
              "and TCP headers."},
    KeyedText{"state.moves", "The {who} goes from {before} to {after} ({event}). {why}"},
    KeyedText{"state.stays",
              "The {who} stays in {after}: this packet takes no step in its state machine."},
    KeyedText{"flags.none", "no flags"},
};

std::string text(std::string_view key, NoteValues values = {}) {
    return detail::keyedText("exercise.", kTexts, key, values);
}

std::string num(uint64_t v) {
    return std::to_string(v);
}

// Upper case, spaces, underscores and hyphens removed: "syn_recv" and "SYN-RECV" compare equal.
std::string folded(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (c != ' ' && c != '_' && c != '-' && c != '\t')
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::optional<uint64_t> number(std::string_view s) {
    s = trimmed(s);
    uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// The flags in the order people say them: "SYN, ACK", "FIN, ACK", "PSH, ACK".
constexpr std::array<std::pair<uint16_t, std::string_view>, 8> kFlagNames{{{TcpFlag::Syn, "SYN"},
                                                                           {TcpFlag::Fin, "FIN"},
                                                                           {TcpFlag::Rst, "RST"},
                                                                           {TcpFlag::Psh, "PSH"},
                                                                           {TcpFlag::Urg, "URG"},
                                                                           {TcpFlag::Ack, "ACK"},
                                                                           {TcpFlag::Ece, "ECE"},
                                                                           {TcpFlag::Cwr, "CWR"}}};
constexpr uint16_t kNamedFlags = 0xff;

std::string flagNames(uint16_t flags) {
    std::string out;
    for (const auto& [bit, name] : kFlagNames)
        if (flags & bit) appendJoined(out, ", ", name);
    return out.empty() ? text("flags.none") : out;
}

// "SYN, ACK", "syn+ack", "S.", "[S.]", "none": the flags, or nullopt when not understood.
std::optional<uint16_t> parseFlags(std::string_view s) {
    s = trimmed(s);
    if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
    const std::string f = folded(s);
    if (f == "NONE" || f == "0" || f == folded(text("flags.none"))) return uint16_t(0);
    // tcpdump's letters: S F R P U E W and '.' for ACK.
    if (!f.empty() && f.find_first_not_of("SFRPUEW.") == std::string::npos && f.size() <= 8) {
        static constexpr std::string_view kLetters = "SFRPUEW.";
        static constexpr uint16_t kBits[] = {TcpFlag::Syn, TcpFlag::Fin, TcpFlag::Rst,
                                             TcpFlag::Psh, TcpFlag::Urg, TcpFlag::Ece,
                                             TcpFlag::Cwr, TcpFlag::Ack};
        uint16_t out = 0;
        for (const char c : f) out |= kBits[kLetters.find(c)];
        return out;
    }
    uint16_t out = 0;
    std::string word;
    const auto take = [&]() -> bool {
        if (word.empty()) return true;
        const std::string w = folded(word);
        word.clear();
        for (const auto& [bit, name] : kFlagNames)
            if (w == name || (w == "PUSH" && bit == TcpFlag::Psh) ||
                (w == "RESET" && bit == TcpFlag::Rst)) {
                out |= bit;
                return true;
            }
        return false;
    };
    for (const char c : s) {
        if (c == ',' || c == '+' || c == ' ' || c == '|' || c == '/' || c == '&' ||
            c == static_cast<char>(0xef)) { // the start of a full-width comma: a separator
            if (!take()) return std::nullopt;
        } else if ((static_cast<unsigned char>(c) & 0x80) == 0) {
            word += c;
        }
    }
    if (!take()) return std::nullopt;
    return out;
}

// Linux's names for the states (ss, netstat), folded.
constexpr std::array<std::pair<std::string_view, TcpState>, 4> kLinuxStates{{
    {"SYNRECV", TcpState::SynReceived},
    {"FINWAIT1", TcpState::FinWait1},
    {"FINWAIT2", TcpState::FinWait2},
    {"CLOSE", TcpState::Closed},
}};

bool sameState(std::string_view answer, TcpState truth) {
    const std::string a = folded(trimmed(answer));
    if (a.empty()) return false;
    if (a == folded(stateName(truth)) || a == folded(stateDisplayName(truth))) return true;
    const std::string_view meaning = stateMeaning(truth);
    if (!meaning.empty() && a == folded(meaning)) return true;
    for (const auto& [name, state] : kLinuxStates)
        if (a == name && state == truth) return true;
    return false;
}

struct Context {
    const ConnectionTracker& tracker;
    const TcpConnection& connection;
    const std::vector<LadderEvent>& ladder;
    size_t index; // into ladder
};

std::string who(EndpointRole r) {
    return std::string(roleWord(r == EndpointRole::Client));
}

const TcpPacketAnalysis& packetAt(const Context& c, size_t i) {
    return c.tracker.packets()[c.ladder[i].packetIndex];
}

std::string seqExplanation(const Context& c) {
    const LadderEvent& e = c.ladder[c.index];
    const TcpEndpointSummary& side =
        e.from == EndpointRole::Client ? c.connection.client : c.connection.server;
    for (size_t i = c.index; i-- > 0;) {
        if (c.ladder[i].from != e.from) continue;
        const TcpPacketAnalysis& prev = packetAt(c, i);
        const uint32_t used = prev.nxtseq - prev.seq;
        if (prev.nxtseq != e.seq) {
            std::string marks;
            for (const std::string& m : ladderMarks(packetAt(c, c.index)))
                appendJoined(marks, ", ", m);
            return text("seq.other",
                        {{"who", who(e.from)},
                         {"frame", num(prev.frameNumber)},
                         {"next", num(prev.nxtseq)},
                         {"seq", num(e.seq)},
                         {"marks", marks.empty() ? std::string()
                                                 : text("seq.other.marks", {{"marks", marks}})}});
        }
        std::string parts;
        if (prev.len) appendJoined(parts, " + ", text("used.data", {{"len", num(prev.len)}}));
        if (prev.flags & TcpFlag::Syn) appendJoined(parts, " + ", text("used.syn"));
        if (prev.flags & TcpFlag::Fin) appendJoined(parts, " + ", text("used.fin"));
        if (parts.empty()) parts = text("used.none");
        return text("seq.next", {{"who", who(e.from)},
                                 {"frame", num(prev.frameNumber)},
                                 {"prev", num(prev.seq)},
                                 {"used", num(used)},
                                 {"parts", parts},
                                 {"seq", num(e.seq)}});
    }
    return text(
        "seq.first",
        {{"who", who(e.from)}, {"seq", num(e.seq)}, {"isn", side.isnKnown ? num(side.isn) : "?"}});
}

std::string ackExplanation(const Context& c) {
    const LadderEvent& e = c.ladder[c.index];
    const std::string me = who(e.from);
    const std::string other =
        who(e.from == EndpointRole::Client ? EndpointRole::Server : EndpointRole::Client);
    if (!(e.flags & TcpFlag::Ack)) return text("ack.none", {{"ack", num(e.ack)}});
    // The furthest the other side had sent, and in which frame.
    uint32_t sent = 0;
    uint64_t frame = 0;
    for (size_t i = 0; i < c.index; ++i) {
        if (c.ladder[i].from == e.from) continue;
        const TcpPacketAnalysis& p = packetAt(c, i);
        if (!frame || int32_t(p.nxtseq - sent) > 0) {
            sent = p.nxtseq;
            frame = p.frameNumber;
        }
    }
    if (!frame) return text("ack.first", {{"other", other}, {"who", me}, {"ack", num(e.ack)}});
    const NoteValues values = {{"other", other},
                               {"who", me},
                               {"ack", num(e.ack)},
                               {"sent", num(sent)},
                               {"frame", num(frame)}};
    if (e.ack == sent) return text("ack.all", values);
    return text(int32_t(e.ack - sent) < 0 ? "ack.behind" : "ack.unseen", values);
}

std::string windowExplanation(const TcpPacketAnalysis& p, EndpointRole from, uint64_t raw) {
    if (p.windowSizeScalefactor > 1 && p.hasScalefactor)
        return text("window.scaled", {{"who", who(from)},
                                      {"raw", num(raw)},
                                      {"multiplier", num(uint64_t(p.windowSizeScalefactor))},
                                      {"bytes", num(p.windowSize)}});
    return text("window", {{"who", who(from)}, {"raw", num(raw)}});
}

std::string stateExplanation(EndpointRole role, const EndpointStep& step) {
    if (step.event == TcpEvent::None)
        return text("state.stays", {{"who", who(role)}, {"after", stateDisplayName(step.after)}});
    const TcpTransition* t = findTransition(step.before, step.event);
    return text("state.moves", {{"who", who(role)},
                                {"before", stateDisplayName(step.before)},
                                {"after", stateDisplayName(step.after)},
                                {"event", std::string(eventName(step.event))},
                                {"why", t ? std::string(transitionExplanation(*t)) : ""}});
}

// The true value, whether `answer` matches it, and why.
ExerciseReveal revealOn(const Context& c, ExerciseField field, std::string_view answer) {
    const LadderEvent& e = c.ladder[c.index];
    const TcpPacketAnalysis& p = packetAt(c, c.index);
    const TcpEndpointSummary& sender =
        e.from == EndpointRole::Client ? c.connection.client : c.connection.server;
    const TcpEndpointSummary& receiver =
        e.from == EndpointRole::Client ? c.connection.server : c.connection.client;
    const uint64_t rawWindow = p.hasScalefactor && p.windowSizeScalefactor > 0
                                   ? p.windowSize / uint64_t(p.windowSizeScalefactor)
                                   : p.windowSize;
    ExerciseReveal r;
    r.answered = !trimmed(answer).empty();
    const std::optional<uint64_t> n = number(answer);
    switch (field) {
    case ExerciseField::Seq:
        r.expected = num(e.seq);
        r.right = n && (*n == e.seq || (sender.isnKnown && *n == uint32_t(e.seq + sender.isn)));
        r.explanation = seqExplanation(c);
        break;
    case ExerciseField::Ack:
        r.expected = num(e.ack);
        r.right = n && (*n == e.ack || ((e.flags & TcpFlag::Ack) && receiver.isnKnown &&
                                        *n == uint32_t(e.ack + receiver.isn)));
        r.explanation = ackExplanation(c);
        break;
    case ExerciseField::Flags: {
        r.expected = flagNames(e.flags & kNamedFlags);
        const std::optional<uint16_t> f = parseFlags(answer);
        r.right = r.answered && f && *f == (e.flags & kNamedFlags);
        r.explanation =
            text("flags", {{"flags", r.expected},
                           {"headline", explainStep(c.tracker, e.packetIndex).headline}});
        break;
    }
    case ExerciseField::Window:
        r.expected = num(rawWindow);
        r.right = n && (*n == rawWindow || *n == p.windowSize);
        r.explanation = windowExplanation(p, e.from, rawWindow);
        break;
    case ExerciseField::Len:
        r.expected = num(e.len);
        r.right = n && *n == e.len;
        r.explanation = text("len", {{"len", num(e.len)}});
        break;
    case ExerciseField::ClientState:
    case ExerciseField::ServerState: {
        const bool client = field == ExerciseField::ClientState;
        const EndpointStep& step = client ? e.client : e.server;
        r.expected = stateDisplayName(step.after);
        r.right = sameState(answer, step.after);
        r.explanation =
            stateExplanation(client ? EndpointRole::Client : EndpointRole::Server, step);
        break;
    }
    }
    return r;
}

std::string verdict(const ExerciseReveal& r, std::string_view answer) {
    if (!r.answered) return text("unanswered", {{"expected", r.expected}});
    if (r.right) return text("right", {{"expected", r.expected}});
    return text("wrong", {{"answer", std::string(trimmed(answer))}, {"expected", r.expected}});
}

} // namespace

std::string exerciseFieldPrompt(ExerciseField field) {
    return text("prompt." + std::string(exerciseFieldKey(field)));
}

namespace {

// revealField on the stream's ladder, built once by the caller.
ExerciseReveal revealOnLadder(const ConnectionTracker& tracker, uint32_t stream,
                              const std::vector<LadderEvent>& ladder, uint32_t packet,
                              ExerciseField field, std::string_view answer) {
    if (stream >= tracker.connections().size() || packet == 0 || packet > ladder.size()) return {};
    const Context c{tracker, tracker.connections()[stream], ladder, packet - 1};
    ExerciseReveal r = revealOn(c, field, answer);
    r.verdict = verdict(r, answer);
    return r;
}

} // namespace

ExerciseReveal revealField(const ConnectionTracker& tracker, uint32_t stream, uint32_t packet,
                           ExerciseField field, std::string_view answer) {
    return revealOnLadder(tracker, stream, tracker.ladder(stream), packet, field, answer);
}

ExerciseReveal revealQuestion(const ExerciseQuestion& q, std::string_view answer) {
    ExerciseReveal r;
    r.answered = !trimmed(answer).empty();
    std::string accepted;
    for (const std::string& a : q.answers) {
        appendJoined(accepted, " / ", a);
        if (r.answered && folded(a) == folded(answer)) r.right = true;
    }
    r.expected = accepted;
    r.verdict = verdict(r, answer);
    r.explanation = q.explain;
    return r;
}

ExerciseRun::ExerciseRun(Exercise exercise, const ConnectionTracker& tracker)
    : m_exercise(std::move(exercise)), m_tracker(tracker),
      m_ladder(tracker.ladder(m_exercise.stream)) {
    const size_t n = m_exercise.steps.size();
    m_items.resize(n);
    m_answers.resize(n);
    m_reveals.resize(n);
    m_revealed.assign(n, false);
    for (size_t s = 0; s < n; ++s) {
        const ExerciseStep& step = m_exercise.steps[s];
        for (ExerciseField f : step.hide) m_items[s].push_back({true, f, 0});
        for (size_t q = 0; q < step.questions.size(); ++q)
            m_items[s].push_back({false, ExerciseField::Seq, q});
        m_answers[s].resize(m_items[s].size());
    }
}

void ExerciseRun::setAnswer(size_t step, size_t item, std::string answer) {
    if (step < m_answers.size() && item < m_answers[step].size() && !m_revealed[step])
        m_answers[step][item] = std::move(answer);
}

void ExerciseRun::reveal(size_t step) {
    if (step >= m_items.size() || m_revealed[step]) return;
    const ExerciseStep& s = m_exercise.steps[step];
    m_reveals[step].clear();
    for (size_t i = 0; i < m_items[step].size(); ++i) {
        const Item& item = m_items[step][i];
        m_reveals[step].push_back(
            item.isField ? revealOnLadder(m_tracker, m_exercise.stream, m_ladder, s.packet,
                                          item.field, m_answers[step][i])
                         : revealQuestion(s.questions[item.question], m_answers[step][i]));
    }
    m_revealed[step] = true;
}

ExerciseRun::Score ExerciseRun::score() const {
    Score out;
    for (size_t s = 0; s < m_items.size(); ++s) {
        out.total += m_items[s].size();
        if (!m_revealed[s]) continue;
        ++out.revealed;
        out.asked += m_items[s].size();
        for (const ExerciseReveal& r : m_reveals[s]) out.right += r.right ? 1 : 0;
    }
    return out;
}

void detail::appendExerciseTexts(std::vector<CatalogueText>& out) {
    appendKeyedTexts(out, "exercise.", kTexts);
}

} // namespace tcpscope
