// SPDX-License-Identifier: GPL-2.0-or-later
// The ladder diagram of one connection as text (tcpscope-cli ladder) and the arrow labels and
// analysis marks the Qt ladder view draws too. Layout, in columns:
//   [0, 24)   frame number and time on label lines, the client's new state on arrow lines
//   24        the client's lane '|'
//   [25, 75)  the gap: the label (wrapped), the arrow, the marks
//   75        the server's lane '|'
//   77...     the server's new state
#include "tcpscope/ladder_text.h"

#include "tcpscope/step_caption.h"
#include "tcpscope/text_catalogue.h"
#include "text/catalogue_parts.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <utility>

namespace tcpscope {

namespace {

constexpr size_t kClientLane = 24;
constexpr size_t kGap = 50;
constexpr size_t kServerLane = kClientLane + 1 + kGap;
constexpr size_t kTextIndent = 2;                     // label text starts 2 columns into the gap
constexpr size_t kTextWidth = kGap - 2 * kTextIndent; // wrap labels and marks at this width
constexpr size_t kCaptionIndent = 4;                  // captions: full width, indented
constexpr size_t kCaptionWidth = 90 - kCaptionIndent;

// Indexed by the flag's bit number (TcpAnalysisFlag).
constexpr std::array<std::string_view, TcpAnalysisFlag::Count> kMarkNames{{
    "RETRANSMISSION",
    "FAST RETRANSMISSION",
    "SPURIOUS RETRANSMISSION",
    "OUT-OF-ORDER",
    "PREVIOUS SEGMENT NOT CAPTURED",
    "ACKED UNSEEN SEGMENT",
    "DUP ACK",
    "ZERO WINDOW",
    "ZERO WINDOW PROBE",
    "ZERO WINDOW PROBE ACK",
    "WINDOW FULL",
    "WINDOW UPDATE",
    "KEEP-ALIVE",
    "KEEP-ALIVE ACK",
    "PORTS REUSED",
}};

// The flag's field name without "tcp.analysis.": the mark's message id.
std::string_view markKey(uint32_t i) {
    return analysisFlagField(1u << i).substr(std::string_view("tcp.analysis.").size());
}

// The mark in the installed language ("FAST RETRANSMISSION", "快速重传").
std::string_view markText(uint32_t i) {
    return localized("ladder.mark.", markKey(i), kMarkNames[i]);
}

// One unit of wrapping: a word, or a CJK character (wrapped like a word of its own, two
// columns wide, as terminals draw it).
struct WrapUnit {
    std::string_view text;
    size_t width;
    bool spaceBefore; // a blank separated it from the unit before
    bool canBreak;    // a line may start with it
};

size_t utf8Length(unsigned char lead) {
    return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// CJK ideographs, kana, CJK punctuation and Hangul (U+3000..U+D7FF) and full-width forms
// (U+FF00..U+FF60).
bool isWide(std::string_view ch) {
    if (ch.size() != 3) return false;
    const auto lead = static_cast<unsigned char>(ch[0]), next = static_cast<unsigned char>(ch[1]);
    return (lead >= 0xE3 && lead <= 0xED) || (lead == 0xEF && (next == 0xBC || next == 0xBD));
}

// Chinese punctuation that must not start a line (it stays with the character before).
bool closesCjk(std::string_view ch) {
    for (std::string_view p : {"，", "。", "：", "；", "）", "、", "！", "？", "」", "』"})
        if (ch == p) return true;
    return false;
}

std::vector<WrapUnit> wrapUnits(std::string_view text) {
    std::vector<WrapUnit> units;
    bool space = false, afterWide = false;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            space = true;
            ++i;
            continue;
        }
        const size_t n = std::min(utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
        if (isWide(text.substr(i, n))) {
            const std::string_view ch = text.substr(i, n);
            units.push_back({ch, 2, space, !closesCjk(ch)});
            i += n;
            space = false;
            afterWide = true;
            continue;
        }
        size_t end = i, width = 0; // a word: up to a blank or a wide character
        while (end < text.size() && text[end] != ' ') {
            const size_t m =
                std::min(utf8Length(static_cast<unsigned char>(text[end])), text.size() - end);
            if (isWide(text.substr(end, m))) break;
            end += m;
            ++width;
        }
        units.push_back(
            {text.substr(i, end - i), width, space, space || afterWide || units.empty()});
        i = end;
        space = false;
        afterWide = false;
    }
    return units;
}

// `text` in lines of at most `width` columns, broken at blanks and between CJK characters (a
// longer word gets a line of its own).
std::vector<std::string> wrapWords(const std::string& text, size_t width) {
    std::vector<std::string> lines;
    std::string line;
    size_t used = 0;
    for (const WrapUnit& u : wrapUnits(text)) {
        const size_t gap = (u.spaceBefore && !line.empty()) ? 1 : 0;
        if (!line.empty() && u.canBreak && used + gap + u.width > width) {
            lines.push_back(line);
            line.clear();
            used = 0;
        } else if (gap) {
            line += ' ';
            ++used;
        }
        line += u.text;
        used += u.width;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

// Columns a terminal gives `s`: CJK characters two, others one.
size_t columns(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        const size_t len = std::min(utf8Length(static_cast<unsigned char>(s[i])), s.size() - i);
        n += isWide(s.substr(i, len)) ? 2 : 1;
        i += len;
    }
    return n;
}

std::string padRight(std::string s, size_t width) {
    if (const size_t c = columns(s); c < width) s.append(width - c, ' ');
    return s;
}

// One row of the diagram: `left` right-aligned before the client lane, `gap` inside the gap
// (already laid out, kGap wide at most), `right` after the server lane. Trailing blanks cut.
std::string row(const std::string& left, const std::string& gap, const std::string& right) {
    std::string out;
    const size_t leftColumns = columns(left);
    if (leftColumns + 1 <= kClientLane) out.append(kClientLane - 1 - leftColumns, ' ');
    out += left;
    out += ' ';
    if (const size_t c = columns(out); c < kClientLane) out.append(kClientLane - c, ' ');
    out += '|';
    out += padRight(gap, kGap);
    out += '|';
    if (!right.empty()) {
        out += ' ';
        out += right;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + '\n';
}

std::string gapText(const std::string& s) {
    return std::string(kTextIndent, ' ') + s;
}

double secondsBetween(const Timestamp& from, const Timestamp& to) {
    // In double: a damaged timestamp must not overflow an integer difference.
    return (double(to.sec) - double(from.sec)) + (double(to.nsec) - double(from.nsec)) / 1e9;
}

std::string stateChange(const EndpointStep& s) {
    return s.after != s.before ? std::string(stateName(s.after)) : std::string();
}

// A packet's caption under its arrow, full width and indented: what it is and why, then the
// analysis in words.
std::string captionRows(const StepCaption& caption) {
    std::string out;
    for (const std::string* part : {&caption.headline, &caption.detail, &caption.analysis}) {
        if (part->empty()) continue;
        for (const std::string& line : wrapWords(*part, kCaptionWidth))
            out += std::string(kCaptionIndent, ' ') + line + "\n";
    }
    return out + "\n";
}

} // namespace

std::string tcpFlagLetters(uint16_t flags) {
    // tcpdump's tcp_flag_values order (print-tcp.c): F S R P . U E W e.
    static constexpr std::pair<uint16_t, char> kLetters[] = {
        {TcpFlag::Fin, 'F'}, {TcpFlag::Syn, 'S'}, {TcpFlag::Rst, 'R'},
        {TcpFlag::Psh, 'P'}, {TcpFlag::Ack, '.'}, {TcpFlag::Urg, 'U'},
        {TcpFlag::Ece, 'E'}, {TcpFlag::Cwr, 'W'}, {TcpFlag::Ae, 'e'},
    };
    std::string s;
    for (auto [bit, c] : kLetters)
        if (flags & bit) s += c;
    return s.empty() ? "none" : s;
}

std::string ladderLabel(const TcpPacketAnalysis& p, const TcpConnection& c,
                        const LadderLabelOptions& o) {
    const TcpEndpointSummary& sender = p.sender == EndpointRole::Client ? c.client : c.server;
    const TcpEndpointSummary& receiver = p.sender == EndpointRole::Client ? c.server : c.client;
    const uint32_t seqBase = o.raw && sender.isnKnown ? sender.isn : 0;
    const uint32_t ackBase = o.raw && receiver.isnKnown ? receiver.isn : 0;
    std::string out;
    auto part = [&](const std::string& s) {
        if (!out.empty()) out += ' ';
        out += s;
    };
    if (o.flags) part("[" + tcpFlagLetters(p.flags) + "]");
    if (o.seq) {
        std::string s = "seq " + std::to_string(uint32_t(p.seq + seqBase));
        if (p.nxtseq != p.seq) s += ":" + std::to_string(uint32_t(p.nxtseq + seqBase));
        part(s);
    }
    if (o.ack && (p.flags & TcpFlag::Ack)) part("ack " + std::to_string(uint32_t(p.ack + ackBase)));
    if (o.len && p.len) part("len " + std::to_string(p.len));
    if (o.win) part("win " + std::to_string(p.windowSize));
    return out;
}

std::string ladderMarkName(uint32_t bit) {
    if (bit == 0 || (bit & (bit - 1)) != 0) return {};
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i)
        if (bit == (1u << i)) return std::string(markText(i));
    return {};
}

void detail::appendLadderTexts(std::vector<CatalogueText>& out) {
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i)
        out.push_back({"ladder.mark." + std::string(markKey(i)), std::string(kMarkNames[i])});
}

std::vector<std::string> ladderMarks(const TcpPacketAnalysis& p) {
    std::vector<std::string> out;
    uint32_t flags = p.analysisFlags;
    // Wireshark sets "retransmission" beside its fast and spurious kinds: name the kind only.
    if (flags & (TcpAnalysisFlag::FastRetransmission | TcpAnalysisFlag::SpuriousRetransmission))
        flags &= ~TcpAnalysisFlag::Retransmission;
    for (uint32_t i = 0; i < TcpAnalysisFlag::Count; ++i) {
        const uint32_t bit = 1u << i;
        if (!(flags & bit)) continue;
        std::string m(markText(i));
        if (bit == TcpAnalysisFlag::DuplicateAck && p.duplicateAckNum)
            m += " #" + std::to_string(p.duplicateAckNum);
        out.push_back(std::move(m));
    }
    return out;
}

std::string ladderStreamError(const ConnectionTracker& tracker, uint32_t stream) {
    const size_t n = tracker.connections().size();
    if (stream < n) return {};
    if (n == 0) return "no TCP stream " + std::to_string(stream) + " (this input has no TCP)";
    return "no TCP stream " + std::to_string(stream) + " (this input has stream" +
           (n == 1 ? " 0" : "s 0 to " + std::to_string(n - 1)) + ")";
}

namespace {

// What a number names when TcpScope knows the protocol but not how to read through it.
std::string knownName(Undecoded kind, uint32_t type) {
    if (kind == Undecoded::IpProtocol && type == 50)
        return "ESP: encrypted, the packet inside cannot be read without the keys";
    if (kind == Undecoded::UdpPort && type == 4790) return "VXLAN-GPE";
    if (kind == Undecoded::EtherType && type == 0x8903) return "Cisco FabricPath";
    if (kind == Undecoded::EtherType && type == 0x88e7) return "802.1ah PBB (MAC-in-MAC)";
    if (kind == Undecoded::EtherType && type == 0x88e5) return "MACsec: encrypted";
    return {};
}

} // namespace

std::string undecodedReason(Undecoded kind, uint32_t type, uint64_t frames) {
    char number[32];
    switch (kind) {
    case Undecoded::None:
        return {};
    case Undecoded::LinkType:
        std::snprintf(number, sizeof number, "link type %u", type);
        break;
    case Undecoded::EtherType:
        std::snprintf(number, sizeof number, "ethertype 0x%04x", type);
        break;
    case Undecoded::IpProtocol:
        std::snprintf(number, sizeof number, "IP protocol %u", type);
        break;
    case Undecoded::UdpPort:
        std::snprintf(number, sizeof number, "UDP port %u", type);
        break;
    }
    std::string out =
        std::to_string(frames) + (frames == 1 ? " frame stops" : " frames stop") + " at " + number;
    const std::string name = knownName(kind, type);
    out += name.empty() ? ", which TcpScope does not decode" : " (" + name + ")";
    return out;
}

// The rows of one packet: its label, its arrow with the states that changed beside the lanes,
// its analysis marks and, when asked for, its caption.
std::string arrowRows(const ConnectionTracker& tracker, const TcpConnection& c,
                      const LadderEvent& e, const LadderTextOptions& options) {
    const bool states = options.showStates;
    LadderLabelOptions labelOptions;
    labelOptions.raw = !options.relative;
    std::string out;
    const TcpPacketAnalysis& p = tracker.packets()[e.packetIndex];
    char head[48];
    if (p.hasTimestamp && c.hasTimestamps)
        std::snprintf(head, sizeof head, "%llu  %10.6f", (unsigned long long)e.frameNumber,
                      secondsBetween(c.firstTime, p.time()));
    else
        std::snprintf(head, sizeof head, "%llu  %10s", (unsigned long long)e.frameNumber, "-");
    const std::vector<std::string> label = wrapWords(ladderLabel(p, c, labelOptions), kTextWidth);
    for (size_t l = 0; l < label.size(); ++l) out += row(l == 0 ? head : "", gapText(label[l]), "");

    std::string arrow(kGap, '-');
    if (e.from == EndpointRole::Client)
        arrow.back() = '>';
    else
        arrow.front() = '<';
    out += row(states ? stateChange(e.client) : "", arrow, states ? stateChange(e.server) : "");

    std::string marks;
    for (const std::string& m : ladderMarks(p)) marks += (marks.empty() ? "" : ", ") + m;
    if (!marks.empty())
        for (const std::string& line : wrapWords("!! " + marks, kTextWidth))
            out += row("", gapText(line), "");
    if (options.captions) out += captionRows(explainStep(tracker, e.packetIndex));
    return out;
}

namespace {

// The title: the stream, its sockets, what the numbers are (`count` packets, or none for a
// ladder still growing), and each lane's role and socket.
std::string ladderTitle(const TcpConnection& c, uint32_t stream, const LadderTextOptions& options,
                        const std::string& count) {
    const std::string client = endpointSocketText(c.client);
    const std::string server = endpointSocketText(c.server);
    const bool raw = !options.relative;
    const bool rawPossible = c.client.isnKnown && c.server.isnKnown;
    std::string out = "TCP stream " + std::to_string(stream) + ": client " + client +
                      " <-> server " + server + "\n" + count +
                      (!raw          ? "relative sequence numbers"
                       : rawPossible ? "raw sequence numbers"
                                     : "raw sequence numbers where the ISN was captured") +
                      "\n\n";
    // Titles: the role and the socket of each lane, from the client's lane and up to the
    // server's (the server's socket gets a line of its own when both do not fit).
    auto titles = [&](const std::string& left, const std::string& l, const std::string& r) {
        std::string line = left;
        line.resize(kClientLane, ' ');
        line += l;
        if (line.size() + 1 + r.size() > kServerLane + 1) {
            out += line + "\n";
            line.clear();
        }
        line.resize(std::max(line.size(), kServerLane + 1 - std::min(kServerLane + 1, r.size())),
                    ' ');
        out += line + r + "\n";
    };
    titles("       frame       time", "client", "server");
    titles("", client, server);
    return out;
}

} // namespace

std::string LadderTextStream::update(const ConnectionTracker& tracker) {
    if (!ladderStreamError(tracker, m_stream).empty()) return {};
    const TcpConnection& c = tracker.connections()[m_stream];
    const std::vector<LadderEvent> events = tracker.ladder(m_stream);
    std::string out;
    if (!m_titled && !events.empty()) {
        m_titled = true;
        out = ladderTitle(c, m_stream, m_options, "live capture, ");
        if (m_options.showStates)
            out += row(std::string(stateName(events.front().client.before)), "",
                       std::string(stateName(events.front().server.before)));
    }
    for (; m_drawn < events.size(); ++m_drawn) {
        out += arrowRows(tracker, c, events[m_drawn], m_options);
        m_last = {events[m_drawn].client.after, events[m_drawn].server.after};
    }
    return out;
}

std::string LadderTextStream::end() const {
    if (!m_titled || !m_options.showStates) return {};
    return row(std::string(stateName(m_last.first)), "", std::string(stateName(m_last.second)));
}

std::string formatLadderText(const ConnectionTracker& tracker, uint32_t stream,
                             const LadderTextOptions& options) {
    if (!ladderStreamError(tracker, stream).empty()) return {};
    const TcpConnection& c = tracker.connections()[stream];
    const std::vector<LadderEvent> events = tracker.ladder(stream);
    std::string out = ladderTitle(c, stream, options, std::to_string(events.size()) + " packets, ");
    if (events.empty()) return out;

    const bool states = options.showStates;
    out += row(states ? std::string(stateName(events.front().client.before)) : "", "",
               states ? std::string(stateName(events.front().server.before)) : "");

    size_t next = 0, drawn = 0, hidden = 0;
    // "... 3 packets hidden by the display filter", "... 1 more packet not shown"
    const auto gap = [&](size_t n, const char* before, const char* after) {
        if (n)
            out += row("",
                       gapText("... " + std::to_string(n) + before + " packet" +
                               (n == 1 ? " " : "s ") + after),
                       "");
    };
    for (; next < events.size() && !(options.maxArrows && drawn == options.maxArrows); ++next) {
        if (options.show && !options.show(events[next].frameNumber)) {
            ++hidden; // the states below still follow it
            continue;
        }
        gap(std::exchange(hidden, 0), "", "hidden by the display filter");
        out += arrowRows(tracker, c, events[next], options);
        ++drawn;
    }
    gap(hidden, "", "hidden by the display filter");
    gap(events.size() - next, " more", "not shown");
    if (states && next > 0)
        out += row(std::string(stateName(events[next - 1].client.after)), "",
                   std::string(stateName(events[next - 1].server.after)));
    return out;
}

} // namespace tcpscope
