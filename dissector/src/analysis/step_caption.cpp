// SPDX-License-Identifier: GPL-2.0-or-later
// Classroom captions (step_caption.h): one packet of a connection explained in plain words,
// every sentence chosen by what the tracker computed for this packet.
#include "tcpscope/step_caption.h"

#include "tcpscope/packet_summary.h"
#include "tcpscope/tcp_state_machine.h"
#include "tcpscope/text_catalogue.h"
#include "text/catalogue_parts.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tcpscope {

namespace {

// The catalogue. Placeholders: {who} the sender ("client", "server"), {peer} the receiver,
// {state} / {peerState} their states after the packet, and the numbers named in each message.
constexpr std::array kMessages{
    // A bare SYN.
    CaptionMessage{"syn.open", "The {who} {from} opens a connection to {to}."},
    CaptionMessage{"syn.open.isn",
                   "A SYN carries its initial sequence number (ISN) {isn}, chosen at random so "
                   "that old segments cannot be mistaken for new ones. The SYN itself counts as "
                   "one byte of sequence space, so the first data byte will be ISN + 1 (relative "
                   "sequence number 1)."},
    CaptionMessage{"syn.again", "The {who} sends its SYN again."},
    CaptionMessage{"syn.again.why", "Same initial sequence number (ISN) {isn}: no SYN,ACK came "
                                    "back in time, so its retransmission timer fired."},
    CaptionMessage{"syn.crossing", "The {who} sends a SYN of its own."},
    CaptionMessage{"syn.crossing.why",
                   "Its initial sequence number (ISN) is {isn}. It has not seen the other SYN "
                   "yet: the two SYNs cross on the wire (a simultaneous open)."},
    CaptionMessage{"syn.proves",
                   "When it arrives, the {peer} knows that the {who} can send and that it can "
                   "itself receive. The {who} knows nothing yet."},
    CaptionMessage{"syn.nobody", "Nobody listens on port {port}: the {peer}'s host will refuse "
                                 "it, as its answer shows."},
    // SYN,ACK.
    CaptionMessage{"synack.answer", "The {who} answers with SYN,ACK."},
    CaptionMessage{
        "synack.answer.isn",
        "Its own ISN {isn}, and ack = {peer} ISN + 1 = {peerIsnNext} because a SYN consumes "
        "one sequence number: the next byte it expects."},
    CaptionMessage{"synack.unseen",
                   "Its own ISN {isn}, and ack {ack}: the {peer}'s ISN + 1. The {peer}'s SYN was "
                   "sent before the capture began."},
    CaptionMessage{"synack.again", "The {who} sends its SYN,ACK again."},
    CaptionMessage{"synack.crossing", "The {who} answers the {peer}'s SYN with SYN,ACK."},
    CaptionMessage{"synack.crossing.why",
                   "It repeats its own SYN (same ISN {isn}) and adds ack = {peer} ISN + 1 = "
                   "{peerIsnNext}. Wireshark marks it as a retransmission because the SYN's "
                   "sequence number repeats; nothing was lost."},
    CaptionMessage{"synack.again.why", "Same ISN {isn}: no ACK came back for the first one in "
                                       "time, so its retransmission timer fired."},
    CaptionMessage{"synack.proves",
                   "When it arrives, the {peer} knows that both directions work: its SYN reached "
                   "the {who}, and the answer came back. The {who} does not know yet whether its "
                   "SYN,ACK arrived: only the {peer}'s ACK will tell it."},
    CaptionMessage{"synack.lost",
                   "No ACK answers this SYN,ACK: it did not reach the {peer} (a SYN flood does "
                   "this on purpose, from forged source addresses). The {peer} stays "
                   "{peerState}; the {who} waits in {state} with a half-open connection that "
                   "holds a place in its SYN queue."},
    // RST.
    CaptionMessage{"rst.refused", "The {who}'s host refuses the connection with RST,ACK."},
    CaptionMessage{"rst.refused.why",
                   "Nobody listens on port {port}: instead of a SYN,ACK the host sends a reset "
                   "that acknowledges the SYN (ack = client ISN + 1). The client's connect() "
                   "fails with \"connection refused\"."},
    CaptionMessage{"rst.abort", "The {who} resets the connection (RST)."},
    CaptionMessage{"rst.abort.why",
                   "An abortive close: no FIN exchange and no TIME-WAIT. Data still in flight is "
                   "thrown away, and the {peer}'s application gets \"connection reset by peer\" "
                   "on its next read or write."},
    CaptionMessage{"rst.opening", "The {peer} was still opening the connection: its connect() "
                                  "fails."},
    CaptionMessage{"rst.passive", "The {peer} drops the half-made connection and goes back to "
                                  "{peerState}; its application never saw it."},
    CaptionMessage{"rst.ignored", "The {peer} takes no step: it is {peerState}, with no "
                                  "connection for this reset to end."},
    // FIN.
    CaptionMessage{"fin.close", "The {who} closes its side: FIN."},
    CaptionMessage{"fin.again", "The {who} sends its FIN again."},
    CaptionMessage{"fin.again.why", "Same sequence number as before: the acknowledgement of the "
                                    "first FIN had not reached the {who} when its retransmission "
                                    "timer fired."},
    CaptionMessage{"fin.data", "It sends its last {len} bytes (seq {seq} to {last}) together "
                               "with the FIN."},
    CaptionMessage{"fin.seq", "The FIN sits at relative seq {finSeq} and consumes one sequence "
                              "number, so the {peer} will acknowledge it with ack {finAck}."},
    CaptionMessage{"fin.first", "\"I have nothing more to send\": the {who} can still receive "
                                "until the {peer} sends its own FIN."},
    CaptionMessage{"fin.second", "The {peer} closed its side earlier: with this FIN both "
                                 "directions are closed, and the {who} only waits for the ACK "
                                 "of this FIN."},
    CaptionMessage{"fin.crossed",
                   "The {peer} sends its own FIN at the same moment (its next segment), before "
                   "this one arrives: the two FINs cross (a simultaneous close)."},
    CaptionMessage{"fin.crossing",
                   "The {peer} had sent its own FIN before this one arrived: the two FINs cross "
                   "(a simultaneous close), and each side waits for the ACK of its own FIN."},
    CaptionMessage{"fin.acks", "It also acknowledges everything the {peer} sent before ack "
                               "{ack}."},
    // Data.
    CaptionMessage{"data.send", "The {who} sends {len} bytes of data."},
    CaptionMessage{"data.again", "The {who} sends {len} bytes again."},
    CaptionMessage{"data.range", "Bytes {seq} to {last} of its stream (seq {seq}, next seq "
                                 "{next}; relative to its ISN)."},
    CaptionMessage{"data.noack", "Its ack is still 1: nothing has arrived from the {peer} "
                                 "beyond its SYN."},
    CaptionMessage{"data.acks", "It also acknowledges the {peer}'s bytes up to {acked} (ack "
                                "{ack}: the next byte it expects)."},
    CaptionMessage{"data.halfclose", "The {peer} has closed its side, but the {who} may still "
                                     "send: a FIN closes one direction only (a half-close)."},
    CaptionMessage{"data.probe", "The {who} probes the closed window with 1 byte."},
    CaptionMessage{"data.probe.why",
                   "The {peer} advertised a window of 0, so the {who} may not send; its persist "
                   "timer sends one byte (seq {seq}) to learn when the window opens again."},
    CaptionMessage{"data.keepalive", "The {who} checks that the idle connection is still there "
                                     "(keep-alive)."},
    CaptionMessage{"data.keepalive.why",
                   "The segment repeats the last byte already acknowledged (seq {seq}): the "
                   "{peer} must answer with an ACK, which proves it is still alive."},
    // ACK without data.
    CaptionMessage{"ack.handshake", "The {who} acknowledges the {peer}'s SYN: the three-way "
                                    "handshake is complete."},
    CaptionMessage{
        "ack.handshake.isn",
        "ack = {peer} ISN + 1 = {peerIsnNext}. Both ends now know each other's ISN and can "
        "send data. From here on sequence numbers are shown relative to each ISN: the "
        "SYN is 0, the first data byte is 1."},
    CaptionMessage{"ack.handshake.proves",
                   "When it arrives, the {peer} knows too: its SYN,ACK reached the {who}, so "
                   "both ends know that both directions work."},
    CaptionMessage{"ack.fin", "The {who} acknowledges the {peer}'s FIN."},
    CaptionMessage{"ack.fin.num", "ack {ack} = the FIN's sequence number + 1."},
    CaptionMessage{"ack.fin.last", "This was the last ACK: the {peer} deletes the connection "
                                   "({peerState})."},
    CaptionMessage{"ack.fin.halfclosed",
                   "The {peer}'s direction is closed now; the {peer} can still receive until the "
                   "{who} sends its own FIN."},
    CaptionMessage{"ack.fin.both", "Both FINs are acknowledged now; the {peer} waits in "
                                   "{peerState}."},
    CaptionMessage{"ack.fin.lost",
                   "This ACK never reached the {peer}: the {peer} sends its FIN again later, so "
                   "it stays {peerState}, still waiting for an acknowledgement."},
    CaptionMessage{"ack.timewait", "The {who} acknowledges the {peer}'s FIN again, from "
                                   "{state}."},
    CaptionMessage{"ack.timewait.why",
                   "The {peer} sent its FIN again: the first ACK had not reached it in time. "
                   "Answering it is what TIME-WAIT is for: the side that closed first stays for "
                   "2 MSL so that a lost last ACK can be sent again (RFC 9293 3.6)."},
    CaptionMessage{"ack.timewait.dup",
                   "Wireshark calls it a duplicate ACK (#{dup}) because it repeats the previous "
                   "ACK; it answers a repeated FIN, not a gap in the data."},
    CaptionMessage{"ack.dup", "The {who} repeats its ACK (duplicate ACK #{dup})."},
    CaptionMessage{"ack.dup.why",
                   "Still ack {ack}, with no data and the same window: byte {ack} has not "
                   "arrived, although later segments may have. After three duplicate ACKs the "
                   "{peer} retransmits that segment at once instead of waiting for its timer "
                   "(fast retransmit, RFC 5681)."},
    CaptionMessage{"ack.zerowindow", "The {who} advertises a window of 0."},
    CaptionMessage{"ack.zerowindow.why",
                   "Its receive buffer is full: the {peer} must stop sending until the window "
                   "opens again (ack {ack})."},
    CaptionMessage{"ack.update", "The {who} opens its window (window update)."},
    CaptionMessage{"ack.update.why",
                   "Same ack {ack}, but now {window}: its application read the data, so the "
                   "{peer} may send again."},
    CaptionMessage{"ack.keepalive", "The {who} answers the keep-alive: the connection is still "
                                    "there."},
    CaptionMessage{"ack.probe", "The {who} answers the window probe."},
    CaptionMessage{"ack.probe.why", "ack {ack}, {window}."},
    CaptionMessage{"ack.data", "The {who} acknowledges the {peer}'s data."},
    CaptionMessage{"ack.data.why", "ack {ack}: every byte before {ack} arrived; it is the next "
                                   "byte expected. It advertises {window}."},
    CaptionMessage{"other", "The {who} sends a segment with {flags}."},
    // The state lines.
    CaptionMessage{"states.both", "Both ends stay {state}."},
    CaptionMessage{"states.none", "No state changes: client {client}, server {server}."},
};

// Words and phrases the sentences' values are made of.
constexpr CaptionMessage kWords[] = {
    {"word.no-flags", "no flags"},
    {"word.window", "a window of {bytes} bytes"},
    {"word.window.zero", "a window of 0: it cannot take any more data for now"},
    {"word.stays", "stays"},
    {"word.dup-of-frame", "#{n} of frame {frame}"},
    {"word.period", "."},
};

std::string_view messageText(std::string_view id) {
    for (const CaptionMessage& m : kMessages)
        if (m.id == id) return localized("caption.", id, m.text);
    for (const CaptionMessage& m : kWords)
        if (m.id == id) return localized("caption.", id, m.text);
    return {};
}

// The blank between two sentences; none after Chinese punctuation ("。"), which has its own room.
void appendSentenceGap(std::string& text) {
    if (text.empty()) return;
    const size_t n = text.size();
    const bool cjk = n >= 3 && static_cast<unsigned char>(text[n - 3]) >= 0xE3 &&
                     static_cast<unsigned char>(text[n - 3]) <= 0xEF;
    if (!cjk) text += ' ';
}

std::string num(uint64_t v) {
    return std::to_string(v);
}

std::string grouped(uint64_t v) {
    const std::string digits = num(v);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string flagsText(uint16_t f) {
    static const std::pair<uint16_t, const char*> names[] = {
        {TcpFlag::Syn, "SYN"}, {TcpFlag::Fin, "FIN"}, {TcpFlag::Rst, "RST"},
        {TcpFlag::Psh, "PSH"}, {TcpFlag::Ack, "ACK"}, {TcpFlag::Urg, "URG"},
        {TcpFlag::Ece, "ECE"}, {TcpFlag::Cwr, "CWR"}, {TcpFlag::Ae, "AE"}};
    std::string out;
    for (const auto& [bit, name] : names) {
        if (!(f & bit)) continue;
        if (!out.empty()) out += ',';
        out += name;
    }
    return out.empty() ? std::string(messageText("word.no-flags")) : out;
}

// Writes one packet's caption: the facts first, then one function per kind of segment.
class CaptionWriter {
  public:
    // `myLast`, `peerLast`: the sender's and the peer's latest segment before this one in the
    // connection, or null.
    CaptionWriter(const TcpPacketAnalysis& p, const TcpConnection& conn,
                  const TcpPacketAnalysis* myLast, const TcpPacketAnalysis* peerLast)
        : m_p(p), m_conn(conn), m_myLast(myLast), m_peerLast(peerLast),
          m_fromClient(p.sender == EndpointRole::Client),
          m_me(m_fromClient ? conn.client : conn.server),
          m_other(m_fromClient ? conn.server : conn.client), m_mine(p.senderStep()),
          m_theirs(p.receiverStep()) {}

    StepCaption write() {
        const uint16_t f = m_p.flags;
        if ((f & TcpFlag::Syn) && !(f & TcpFlag::Ack))
            syn();
        else if (f & TcpFlag::Syn)
            synAck();
        else if (f & TcpFlag::Rst)
            rst();
        else if (f & TcpFlag::Fin)
            fin();
        else if (m_p.len > 0)
            data();
        else if (f & TcpFlag::Ack)
            ackOnly();
        else
            headline("other");
        states();
        analysis();
        return std::move(m_c);
    }

  private:
    bool note(TrackerNote n) const { return m_p.notes & noteBit(n); }
    bool flag(uint32_t f) const { return m_p.analysisFlags & f; }
    bool retransmitted() const {
        return flag(TcpAnalysisFlag::Retransmission | TcpAnalysisFlag::FastRetransmission |
                    TcpAnalysisFlag::SpuriousRetransmission);
    }
    std::string windowText() const {
        if (m_p.windowSize == 0) return std::string(messageText("word.window.zero"));
        return detail::fillPlaceholders(messageText("word.window"),
                                        {{"bytes", grouped(m_p.windowSize)}});
    }

    // The message `id` with its placeholders filled from this packet.
    std::string say(std::string_view id) const {
        const std::string_view text = messageText(id);
        std::string out;
        for (size_t i = 0; i < text.size(); ++i) {
            const size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
            if (close == std::string_view::npos) {
                out += text[i];
                continue;
            }
            out += value(text.substr(i + 1, close - i - 1));
            i = close;
        }
        return out;
    }
    std::string value(std::string_view name) const {
        const uint32_t last = m_p.len ? m_p.seq + m_p.len - 1 : m_p.seq;
        if (name == "who") return std::string(roleWord(m_fromClient));
        if (name == "peer") return std::string(roleWord(!m_fromClient));
        if (name == "state") return stateDisplayName(m_mine.after);
        if (name == "peerState") return stateDisplayName(m_theirs.after);
        if (name == "client") return stateDisplayName(m_p.client.after);
        if (name == "server") return stateDisplayName(m_p.server.after);
        if (name == "from") return endpointSocketText(m_me);
        if (name == "to") return endpointSocketText(m_other);
        if (name == "isn") return num(m_me.isn);
        if (name == "peerIsnNext") return num(uint32_t(m_other.isn + 1));
        if (name == "port") return num(m_fromClient ? m_other.port : m_me.port);
        if (name == "ack") return num(m_p.ack);
        if (name == "acked") return num(m_p.ack ? m_p.ack - 1 : 0);
        if (name == "seq") return num(m_p.seq);
        if (name == "last") return num(last);
        if (name == "next") return num(m_p.nxtseq);
        if (name == "len") return num(m_p.len);
        if (name == "finSeq") return num(m_p.seq + m_p.len);
        if (name == "finAck") return num(uint64_t(m_p.seq) + m_p.len + 1);
        if (name == "dup") return num(m_p.duplicateAckNum);
        if (name == "window") return windowText();
        if (name == "flags") return flagsText(m_p.flags);
        std::string unknown(1, '{'); // an unknown placeholder stays as written
        unknown.append(name);
        unknown += '}';
        return unknown;
    }
    void headline(std::string_view id) {
        m_c.headline = say(id);
        m_c.messages.push_back(id);
    }
    void detail(std::string_view id) {
        appendSentenceGap(m_c.detail);
        m_c.detail += say(id);
        m_c.messages.push_back(id);
    }

    void syn();
    void synAck();
    void rst();
    void fin();
    void data();
    void ackOnly();
    void ackOfFin();
    void finAckOutcome();
    void states();
    void analysis();

    const TcpPacketAnalysis& m_p;
    const TcpConnection& m_conn;
    const TcpPacketAnalysis* m_myLast;
    const TcpPacketAnalysis* m_peerLast;
    const bool m_fromClient;
    const TcpEndpointSummary& m_me;
    const TcpEndpointSummary& m_other;
    const EndpointStep& m_mine;
    const EndpointStep& m_theirs;
    StepCaption m_c;
};

void CaptionWriter::syn() {
    if (note(TrackerNote::RetransmittedSyn)) {
        headline("syn.again");
        detail("syn.again.why");
    } else if (note(TrackerNote::SimultaneousOpen)) {
        headline("syn.crossing");
        detail("syn.crossing.why");
    } else {
        headline("syn.open");
        detail("syn.open.isn");
    }
    if (m_theirs.event == TcpEvent::RcvSyn) detail("syn.proves");
    if (m_theirs.event == TcpEvent::RcvSynInClosed && m_conn.open == OpenKind::Refused)
        detail("syn.nobody");
}

void CaptionWriter::synAck() {
    const bool afterBareSyn =
        m_myLast && (m_myLast->flags & (TcpFlag::Syn | TcpFlag::Ack)) == TcpFlag::Syn;
    if (note(TrackerNote::RetransmittedSyn) && afterBareSyn) {
        // A simultaneous open: the SYN repeated, now with the ACK of the peer's SYN.
        headline("synack.crossing");
        detail("synack.crossing.why");
    } else if (note(TrackerNote::RetransmittedSyn)) {
        headline("synack.again");
        detail("synack.again.why");
    } else {
        headline("synack.answer");
        detail(m_other.isnKnown && !note(TrackerNote::SynAckWithoutSyn) ? "synack.answer.isn"
                                                                        : "synack.unseen");
    }
    if (m_theirs.event == TcpEvent::RcvSynAck) detail("synack.proves");
    if (note(TrackerNote::SynAckNotReceived)) detail("synack.lost");
}

void CaptionWriter::rst() {
    if (note(TrackerNote::ConnectionRefused) && !m_fromClient) {
        headline("rst.refused");
        detail("rst.refused.why");
        return;
    }
    headline("rst.abort");
    if (m_theirs.event == TcpEvent::RcvRstPassive)
        detail("rst.passive");
    else if (m_theirs.event == TcpEvent::RcvRst && m_theirs.before == TcpState::SynSent)
        detail("rst.opening");
    else if (m_theirs.event == TcpEvent::RcvRst)
        detail("rst.abort.why");
    else if (m_theirs.after == TcpState::Closed || m_theirs.after == TcpState::Listen)
        detail("rst.ignored");
}

void CaptionWriter::fin() {
    const bool again = note(TrackerNote::RetransmittedFin);
    headline(again ? "fin.again" : "fin.close");
    if (again) detail("fin.again.why");
    if (m_p.len > 0) detail("fin.data");
    detail("fin.seq");
    if (!again) {
        const TcpState before = m_mine.before;
        if (m_theirs.event == TcpEvent::SndFin)
            detail("fin.crossed");
        else if (m_theirs.event == TcpEvent::RcvFin && m_theirs.before == TcpState::FinWait1)
            detail("fin.crossing");
        else if (before == TcpState::CloseWait || m_mine.after == TcpState::LastAck)
            detail("fin.second");
        else if (m_mine.after == TcpState::FinWait1 && m_mine.event == TcpEvent::SndFin)
            detail("fin.first");
    }
    if ((m_p.flags & TcpFlag::Ack) && m_p.ack > 1) detail("fin.acks");
}

void CaptionWriter::data() {
    if (flag(TcpAnalysisFlag::ZeroWindowProbe)) {
        headline("data.probe");
        detail("data.probe.why");
        return;
    }
    if (flag(TcpAnalysisFlag::KeepAlive)) {
        headline("data.keepalive");
        detail("data.keepalive.why");
        return;
    }
    headline(retransmitted() ? "data.again" : "data.send");
    detail("data.range");
    if ((m_p.flags & TcpFlag::Ack) && m_p.ack <= 1)
        detail("data.noack");
    else if (m_p.flags & TcpFlag::Ack)
        detail("data.acks");
    if (m_mine.before == TcpState::CloseWait) detail("data.halfclose");
}

void CaptionWriter::ackOfFin() {
    headline("ack.fin");
    detail("ack.fin.num");
    finAckOutcome();
}

// What the ACK of a FIN did to the FIN's sender.
void CaptionWriter::finAckOutcome() {
    if (note(TrackerNote::FinAckNotReceived)) {
        detail("ack.fin.lost");
        return;
    }
    const bool received =
        m_theirs.event == TcpEvent::RcvAckOfFin || m_theirs.event == TcpEvent::RcvFinAckOfFin;
    if (received && m_theirs.after == TcpState::Closed)
        detail("ack.fin.last");
    else if (received && m_theirs.after == TcpState::FinWait2)
        detail("ack.fin.halfclosed");
    else if (received && m_theirs.after == TcpState::TimeWait)
        detail("ack.fin.both");
}

void CaptionWriter::ackOnly() {
    const TcpEvent rcv = m_theirs.event;
    if (rcv == TcpEvent::RcvAckOfSyn) {
        headline("ack.handshake");
        detail("ack.handshake.isn");
        detail("ack.handshake.proves");
    } else if (m_mine.before == TcpState::TimeWait && m_peerLast &&
               (m_peerLast->notes & noteBit(TrackerNote::RetransmittedFin))) {
        // From TIME-WAIT, the answer to the peer's repeated FIN.
        headline("ack.timewait");
        detail("ack.timewait.why");
        if (flag(TcpAnalysisFlag::DuplicateAck)) detail("ack.timewait.dup");
        finAckOutcome();
    } else if (rcv == TcpEvent::RcvAckOfFin || rcv == TcpEvent::RcvFinAckOfFin ||
               note(TrackerNote::FinAckNotReceived)) {
        ackOfFin();
    } else if (flag(TcpAnalysisFlag::DuplicateAck)) {
        headline("ack.dup");
        detail("ack.dup.why");
    } else if (flag(TcpAnalysisFlag::ZeroWindow)) {
        headline("ack.zerowindow");
        detail("ack.zerowindow.why");
    } else if (flag(TcpAnalysisFlag::WindowUpdate)) {
        headline("ack.update");
        detail("ack.update.why");
    } else if (flag(TcpAnalysisFlag::KeepAliveAck)) {
        headline("ack.keepalive");
    } else if (flag(TcpAnalysisFlag::ZeroWindowProbeAck)) {
        headline("ack.probe");
        detail("ack.probe.why");
    } else {
        headline("ack.data");
        detail("ack.data.why");
    }
}

// "client: ESTABLISHED → FIN-WAIT-1 (snd FIN)"; the transition's explanation goes to `why`.
std::string stepLine(bool client, const EndpointStep& s, std::string& why) {
    std::string line = std::string(roleWord(client)) + ": " + stateDisplayName(s.before);
    if (s.after != s.before)
        line += " → " + stateDisplayName(s.after);
    else
        line += " (" + std::string(messageText("word.stays")) + ")";
    why.clear();
    if (const TcpTransition* t = findTransition(s.before, s.event)) {
        line += " (" + std::string(t->label()) + ")";
        why = std::string(transitionExplanation(*t));
    }
    return line + std::string(messageText("word.period"));
}

void CaptionWriter::states() {
    // One line per endpoint that moved, then the RFC reasons (once when both ends took the
    // same kind of step, as in a simultaneous close).
    std::string text, whyClient, whyServer;
    if (m_p.client.event != TcpEvent::None || m_p.client.before != m_p.client.after)
        text += stepLine(true, m_p.client, whyClient);
    if (m_p.server.event != TcpEvent::None || m_p.server.before != m_p.server.after) {
        if (!text.empty()) text += '\n';
        text += stepLine(false, m_p.server, whyServer);
    }
    if (text.empty()) text = say(m_mine.after == m_theirs.after ? "states.both" : "states.none");
    m_c.stateLines = size_t(std::count(text.begin(), text.end(), '\n')) + 1;
    std::string why = whyClient;
    if (whyServer != whyClient) {
        appendSentenceGap(why);
        why += whyServer;
    }
    if (!why.empty()) text += "\n" + why;
    m_c.states = text;
}

void CaptionWriter::analysis() {
    std::string a;
    auto add = [&a](const std::string& s) {
        appendSentenceGap(a);
        a += s;
    };
    for (uint32_t bit = 0; bit < TcpAnalysisFlag::Count; ++bit) {
        const uint32_t f = 1u << bit;
        if (!flag(f)) continue;
        // A fast retransmission is also flagged as a retransmission: say it once.
        if (f == TcpAnalysisFlag::Retransmission && flag(TcpAnalysisFlag::FastRetransmission))
            continue;
        std::string msg(analysisFlagMessage(f));
        if (f == TcpAnalysisFlag::DuplicateAck && m_p.duplicateAckFrame)
            msg += " (" +
                   detail::fillPlaceholders(
                       messageText("word.dup-of-frame"),
                       {{"n", num(m_p.duplicateAckNum)}, {"frame", num(m_p.duplicateAckFrame)}}) +
                   ")";
        add(msg + std::string(messageText("word.period")));
    }
    for (uint32_t n = 0; n < kTrackerNoteCount; ++n)
        if (m_p.notes & (1u << n))
            add(std::string(trackerNoteInfo(TrackerNote(n)).message) +
                std::string(messageText("word.period")));
    m_c.analysis = a;
}

} // namespace

std::span<const CaptionMessage> captionMessages() {
    return kMessages;
}

void detail::appendCaptionTexts(std::vector<CatalogueText>& out) {
    for (const CaptionMessage& m : kMessages)
        out.push_back({"caption." + std::string(m.id), std::string(m.text)});
    for (const CaptionMessage& m : kWords)
        out.push_back({"caption." + std::string(m.id), std::string(m.text)});
}

StepCaption explainStep(const ConnectionTracker& tracker, size_t packetIndex) {
    if (packetIndex >= tracker.packets().size()) return {};
    const TcpPacketAnalysis& p = tracker.packets()[packetIndex];
    if (p.stream >= tracker.connections().size() || p.headerMalformed) return {};
    // Each side's latest segment before this one: a few packets back in the moments that need
    // them (a handshake, a close); the search stops after 64 packets.
    const TcpPacketAnalysis *myLast = nullptr, *peerLast = nullptr;
    for (size_t i = packetIndex, steps = 0; i > 0 && steps < 64 && !(myLast && peerLast);
         --i, ++steps) {
        if (tracker.packets().stream(i - 1) != p.stream) continue; // another's: not recomputed
        const TcpPacketAnalysis* q = &tracker.packets()[i - 1];
        if (q->headerMalformed) continue;
        if (q->sender == p.sender && !myLast) myLast = q;
        if (q->sender != p.sender && !peerLast) peerLast = q;
    }
    return CaptionWriter(p, tracker.connections()[p.stream], myLast, peerLast).write();
}

} // namespace tcpscope
