// SPDX-License-Identifier: GPL-2.0-or-later
// Classroom captions (step_caption.h): one packet of a connection explained in plain words.
#include "tcpscope/step_caption.h"

#include "tcpscope/packet_summary.h"
#include "tcpscope/tcp_state_machine.h"

#include <string_view>

namespace tcpscope {

namespace {

std::string num(uint64_t v) {
    return std::to_string(v);
}

std::string flagsText(uint16_t f) {
    static const std::pair<uint16_t, const char*> names[] = {
        {TcpFlag::Syn, "SYN"}, {TcpFlag::Fin, "FIN"}, {TcpFlag::Rst, "RST"},
        {TcpFlag::Psh, "PSH"}, {TcpFlag::Ack, "ACK"}, {TcpFlag::Urg, "URG"},
        {TcpFlag::Ece, "ECE"}, {TcpFlag::Cwr, "CWR"}, {TcpFlag::Ae, "AE"}};
    std::string out;
    for (const auto& [bit, name] : names)
        if (f & bit) out += (out.empty() ? "" : ",") + std::string(name);
    return out.empty() ? "no flags" : out;
}

// The window in words: "a window of 65,160 bytes".
std::string windowText(const TcpPacketAnalysis& p) {
    if (p.windowSize == 0) return "a window of 0: it cannot take any more data for now";
    std::string digits = num(p.windowSize), grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return "a window of " + grouped + " bytes";
}

void appendSentence(std::string& out, const std::string& s) {
    if (s.empty()) return;
    if (!out.empty()) out += ' ';
    out += s;
}

// "client: ESTABLISHED → FIN-WAIT-1 (snd FIN)"; the transition's explanation goes to `why`.
std::string stepLine(const char* role, const EndpointStep& s, std::string& why) {
    std::string line = std::string(role) + ": " + std::string(stateName(s.before));
    if (s.after != s.before)
        line += " → " + std::string(stateName(s.after));
    else
        line += " (stays)";
    why.clear();
    if (const TcpTransition* t = findTransition(s.before, s.event)) {
        line += " (" + std::string(t->label()) + ")";
        why = std::string(t->explanation);
    }
    return line + ".";
}

} // namespace

StepCaption explainStep(const ConnectionTracker& tracker, size_t packetIndex) {
    StepCaption c;
    if (packetIndex >= tracker.packets().size()) return c;
    const TcpPacketAnalysis& p = tracker.packets()[packetIndex];
    if (p.stream >= tracker.connections().size()) return c;
    const TcpConnection& conn = tracker.connections()[p.stream];
    const bool fromClient = p.sender == EndpointRole::Client;
    const char* who = fromClient ? "client" : "server";
    const char* peer = fromClient ? "server" : "client";
    const TcpEndpointSummary& me = fromClient ? conn.client : conn.server;
    const TcpEndpointSummary& other = fromClient ? conn.server : conn.client;
    const uint16_t f = p.flags;
    const bool syn = f & TcpFlag::Syn, ack = f & TcpFlag::Ack, fin = f & TcpFlag::Fin,
               rst = f & TcpFlag::Rst;
    const EndpointStep& mine = p.senderStep();
    const EndpointStep& theirs = p.receiverStep();
    const bool retransmitted =
        p.analysisFlags & (TcpAnalysisFlag::Retransmission | TcpAnalysisFlag::FastRetransmission |
                           TcpAnalysisFlag::SpuriousRetransmission);
    const uint32_t myIsn = me.isn, otherIsn = other.isn;

    if (syn && !ack) {
        if (p.notes & noteBit(TrackerNote::RetransmittedSyn)) {
            c.headline = "The " + std::string(who) + " sends its SYN again.";
            c.detail = "Same initial sequence number (ISN) " + num(myIsn) +
                       ": the first SYN got no answer in time, so its retransmission timer fired.";
        } else if (!fromClient || conn.open == OpenKind::SimultaneousOpen) {
            c.headline = "The " + std::string(who) + " sends a SYN of its own.";
            c.detail = "Its initial sequence number (ISN) is " + num(myIsn) +
                       ". It has not seen the other SYN yet: the two SYNs cross on the wire "
                       "(a simultaneous open).";
        } else {
            c.headline = "The client " + endpointSocketText(me) + " opens a connection to " +
                         endpointSocketText(other) + ".";
            c.detail = "A SYN carries its initial sequence number (ISN) " + num(myIsn) +
                       ", chosen at random so that old segments cannot be mistaken for new ones. "
                       "The SYN itself counts as one byte of sequence space, so the first data "
                       "byte will be ISN + 1 (relative sequence number 1).";
        }
    } else if (syn && ack) {
        if (p.notes & noteBit(TrackerNote::RetransmittedSyn)) {
            c.headline = "The " + std::string(who) + " sends its SYN,ACK again.";
            c.detail = "Same ISN " + num(myIsn) +
                       ": no ACK came back for the first one, so its retransmission timer fired.";
        } else {
            c.headline = "The " + std::string(who) + " answers with SYN,ACK.";
            c.detail = "Its own ISN " + num(myIsn) + ", and ack = " + peer +
                       " ISN + 1 = " + num(uint32_t(otherIsn + 1)) +
                       " because a SYN consumes one sequence number: the next byte it expects.";
        }
    } else if (rst) {
        if (conn.open == OpenKind::Refused && !fromClient) {
            c.headline = "The server's host refuses the connection with RST,ACK.";
            c.detail = "Nobody listens on port " + num(me.port) +
                       ": instead of a SYN,ACK the host sends a reset that acknowledges the SYN "
                       "(ack = client ISN + 1). The client's connect() fails with \"connection "
                       "refused\".";
        } else {
            c.headline = "The " + std::string(who) + " resets the connection (RST).";
            c.detail = "An abortive close: no FIN handshake, no TIME-WAIT. Data still in flight "
                       "is thrown away, and the " +
                       std::string(peer) +
                       "'s application gets \"connection reset by peer\" on its next read or "
                       "write.";
        }
    } else if (fin) {
        c.headline = "The " + std::string(who) +
                     (retransmitted ? " sends its FIN again." : " closes its side: FIN.");
        std::string d;
        if (p.len > 0)
            d = "It sends its last " + num(p.len) + " bytes (seq " + num(p.seq) + " to " +
                num(p.seq + p.len - 1) + ") together with the FIN. ";
        d += "The FIN sits at relative seq " + num(p.seq + p.len) +
             " and consumes one sequence number, so the " + peer +
             " will acknowledge it with ack " + num(p.seq + p.len + 1) + ". ";
        d += "\"I have nothing more to send\": the " + std::string(who) +
             " can still receive until the " + peer + " sends its own FIN.";
        if (ack)
            d += " It also acknowledges the " + std::string(peer) + "'s bytes up to ack " +
                 num(p.ack) + ".";
        if (retransmitted)
            d = "Same sequence number as before: the acknowledgement of the first FIN did not "
                "arrive in time. " +
                d;
        c.detail = d;
    } else if (p.len > 0) {
        if (p.analysisFlags & TcpAnalysisFlag::ZeroWindowProbe) {
            c.headline = "The " + std::string(who) + " probes the closed window with 1 byte.";
            c.detail = "The " + std::string(peer) +
                       " advertised a window of 0, so the sender may not send; its persist "
                       "timer sends one byte (seq " +
                       num(p.seq) + ") to learn when the window opens again.";
        } else {
            c.headline = "The " + std::string(who) +
                         (retransmitted ? " sends " + num(p.len) + " bytes again."
                                        : " sends " + num(p.len) + " bytes of data.");
            c.detail = "Bytes " + num(p.seq) + " to " + num(p.seq + p.len - 1) +
                       " of its stream (seq " + num(p.seq) + ", next seq " + num(p.nxtseq) +
                       "; relative to its ISN).";
            if (ack && p.ack <= 1)
                c.detail += " Its ack stays 1: nothing has come from the " + std::string(peer) +
                            " beyond the SYN yet.";
            else if (ack)
                c.detail += " It also acknowledges the " + std::string(peer) + "'s bytes up to " +
                            num(p.ack - 1) + " (ack " + num(p.ack) + ": the next byte it expects).";
        }
    } else if (ack) {
        const bool completesHandshake = theirs.event == TcpEvent::RcvAckOfSyn;
        const bool acksFin =
            theirs.event == TcpEvent::RcvAckOfFin || theirs.event == TcpEvent::RcvFinAckOfFin;
        if (completesHandshake) {
            c.headline = "The " + std::string(who) + " acknowledges the " + peer +
                         "'s SYN: the three-way handshake is complete.";
            c.detail = "ack = " + std::string(peer) + " ISN + 1 = " + num(uint32_t(otherIsn + 1)) +
                       ". Both ends now know each other's ISN and can send data. From here on "
                       "sequence numbers are shown relative to each ISN: the SYN is 0, the first "
                       "data byte is 1.";
        } else if (acksFin) {
            c.headline = "The " + std::string(who) + " acknowledges the " + peer + "'s FIN.";
            c.detail = "ack " + num(p.ack) + " = the FIN's sequence number + 1.";
        } else if (p.analysisFlags & TcpAnalysisFlag::DuplicateAck) {
            c.headline = "The " + std::string(who) + " repeats its ACK (duplicate ACK #" +
                         num(p.duplicateAckNum) + ").";
            c.detail = "Still ack " + num(p.ack) + ": bytes after a gap arrived, but byte " +
                       num(p.ack) +
                       " has not. Three duplicate ACKs tell the sender to retransmit the missing "
                       "segment at once (fast retransmit, RFC 5681).";
        } else if (p.analysisFlags & TcpAnalysisFlag::WindowUpdate) {
            c.headline = "The " + std::string(who) + " opens its window (window update).";
            c.detail = "Same ack " + num(p.ack) + ", but now " + windowText(p) +
                       ": its application read the data, so the " + peer + " may send again.";
        } else {
            c.headline = "The " + std::string(who) + " acknowledges the " + peer + "'s data.";
            c.detail = "ack " + num(p.ack) + ": every byte before " + num(p.ack) +
                       " arrived; it is the next byte expected. It advertises " + windowText(p) +
                       ".";
        }
    } else {
        c.headline = "The " + std::string(who) + " sends a segment with " + flagsText(f) + ".";
    }

    // One line per endpoint that moved, then the RFC reasons (once when both ends took the
    // same kind of step, as in a simultaneous close).
    std::string states, whyClient, whyServer;
    if (p.client.event != TcpEvent::None || p.client.before != p.client.after)
        states += stepLine("client", p.client, whyClient);
    if (p.server.event != TcpEvent::None || p.server.before != p.server.after) {
        if (!states.empty()) states += '\n';
        states += stepLine("server", p.server, whyServer);
    }
    if (states.empty() && mine.after == theirs.after)
        states = "Both ends stay " + std::string(stateName(mine.after)) + ".";
    else if (states.empty())
        states = "No state changes: client " + std::string(stateName(p.client.after)) +
                 ", server " + std::string(stateName(p.server.after)) + ".";
    std::string why = whyClient;
    if (whyServer != whyClient) appendSentence(why, whyServer);
    if (!why.empty()) states += "\n" + why;
    c.states = states;

    std::string a;
    for (uint32_t bit = 0; bit < TcpAnalysisFlag::Count; ++bit) {
        const uint32_t flag = 1u << bit;
        if (!(p.analysisFlags & flag)) continue;
        // A fast retransmission is also flagged as a retransmission: say it once.
        if (flag == TcpAnalysisFlag::Retransmission &&
            (p.analysisFlags & TcpAnalysisFlag::FastRetransmission))
            continue;
        std::string msg(analysisFlagMessage(flag));
        if (flag == TcpAnalysisFlag::DuplicateAck && p.duplicateAckFrame)
            msg += " (#" + num(p.duplicateAckNum) + " of frame " + num(p.duplicateAckFrame) + ")";
        appendSentence(a, msg + ".");
    }
    for (uint32_t n = 0; n < kTrackerNoteCount; ++n)
        if (p.notes & (1u << n))
            appendSentence(a, std::string(trackerNoteInfo(TrackerNote(n)).message));
    c.analysis = a;
    return c;
}

} // namespace tcpscope
