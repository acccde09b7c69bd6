// SPDX-License-Identifier: GPL-2.0-or-later
// Wireshark-compatible sequence analysis of one TCP conversation: relative numbers, window
// scaling, RTTs and the tcp.analysis.* flags, computed the way Wireshark 4.0's packet-tcp.c
// does on its first (sequential) pass, so that `tshark -T fields` is an oracle for every value.
// Internal to the tracker.
#pragma once

#include "tcpscope/connection_tracker.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tcpscope::detail {

// What the analysis needs from one segment; seq/ack are absolute (raw).
struct SeqInput {
    uint64_t frame = 0;
    int64_t tsNs = 0;
    uint32_t seq = 0;
    uint32_t ack = 0;
    uint32_t seglen = 0;
    uint16_t flags = 0;
    uint16_t window = 0; // raw header value
    int16_t wscale = -1; // option as sent (-1 absent)
    uint8_t sackCount = 0;
    std::array<std::array<uint32_t, 2>, 4> sack{};

    // A segment's input, with its sequence number and time as the tracker worked them out.
    static SeqInput of(const TcpSegment& seg, uint32_t seq, int64_t tsNs) {
        SeqInput in;
        in.frame = seg.frameNumber;
        in.tsNs = tsNs;
        in.seq = seq;
        in.ack = seg.ackPresent ? seg.ack : 0;
        in.seglen = seg.payloadLength;
        in.flags = seg.flags;
        in.window = seg.window;
        in.wscale = seg.options.wscale;
        in.sackCount = seg.options.sackCount;
        in.sack = seg.options.sack;
        return in;
    }
};

class TcpSeqAnalysis {
  public:
    // Wireshark's tcp_flow_t: one per direction (dir 0: the conversation's first sender).
    struct Flow {
        uint32_t baseSeq = 0;
        bool baseSeqSet = false;
        bool sawSyn = false;
        bool sawSynAck = false;
        int16_t winScale = -1;         // -1 unknown, -2 not used, else shift
        uint32_t window = 0xffffffffu; // last raw window
        uint32_t nextseq = 0;          // 0 means "none yet", as in Wireshark
        uint32_t lastack = 0;
        uint32_t maxseqtobeacked = 0;
        int64_t nextseqtime = 0;
        int64_t lastacktime = 0;
        uint64_t nextseqframe = 0;
        uint64_t lastnondupack = 0;
        // Duplicate ACKs in a row; Wireshark's "-1" after an ACK from the peer covered bytes of
        // this direction that were never seen, so the same gap is not reported again before this
        // side sends an ACK number of its own. Unsigned as in Wireshark 4.0 (checked against
        // tshark 4.0.17): that -1 reads as a large count, which the fast retransmission test
        // then accepts.
        uint32_t dupacknum = 0;
        uint32_t lastsegmentflags = 0;
        bool validBif = true;
        uint32_t pushBytes = 0; // bytes since the last PSH (Wireshark's push_bytes_sent)
        bool pushSetLast = false;
        bool isFirstAck = false;
        uint8_t sackCount = 0;
        std::array<std::array<uint32_t, 2>, 4> sack{};
        struct Unacked {
            uint64_t frame;
            uint32_t seq;
            uint32_t nextseq;
            int64_t ts;
        };
        std::vector<Unacked> segments; // oldest first (Wireshark keeps newest first)
    };

    // Before analysis: Wireshark's port-reuse checks need the direction's base sequence.
    const Flow& flow(int dir) const { return m_flow[dir]; }
    // A bare SYN repeating the base sequence: restore nextseq (Wireshark issue 17616).
    void restoreNextseqForSynRetransmission(int dir);
    // A SYN,ACK with a new sequence number on an existing conversation (Wireshark issue 16944).
    void rebaseSynAck(int dir, uint32_t seq) { m_flow[dir].baseSeq = seq; }
    void setCompleteness(uint8_t c) { m_completeness = c; }
    uint8_t completeness() const { return m_completeness; }
    // tcp.analysis.initial_rtt once the handshake's third packet was seen (-1 before).
    int64_t initialRttNs() const { return m_tsFirstRtt != 0 ? m_tsFirstRtt : -1; }

    // Analyses one segment sent in direction dir and fills the Wireshark fields of `out`
    // (seq, ack, nxtseq, len, window, scale factor, flags, dup ack, RTTs, bytes in flight,
    // completeness). Flags already in out.analysisFlags (reused ports) are kept.
    void analyze(int dir, const SeqInput& in, bool conversationIsNew, TcpPacketAnalysis& out);

  private:
    uint32_t sequenceAnalysis(int dir, const SeqInput& in, TcpPacketAnalysis& out);
    static void setBases(Flow& fwd, Flow& rev, const SeqInput& in);
    static uint32_t forwardChecks(Flow& fwd, Flow& rev, const SeqInput& in, TcpPacketAnalysis& out);
    static uint32_t ackedUnseenCheck(Flow& rev, const SeqInput& in, TcpPacketAnalysis& out);
    uint32_t retransmissionChecks(const Flow& fwd, const Flow& rev, const SeqInput& in,
                                  uint32_t ta) const;
    static void recordSegment(Flow& fwd, const SeqInput& in, uint32_t ta);
    static void ackSegments(Flow& rev, const SeqInput& in, TcpPacketAnalysis& out);
    static void bytesInFlight(Flow& fwd, const Flow& rev, const SeqInput& in,
                              TcpPacketAnalysis& out);
    void updateCompleteness(const SeqInput& in, bool conversationIsNew);

    std::array<Flow, 2> m_flow;
    int64_t m_tsMruSyn = 0;   // 0: none (Wireshark's nstime_is_zero)
    int64_t m_tsFirstRtt = 0; // 0: not known yet
    uint8_t m_completeness = 0;
};

} // namespace tcpscope::detail
