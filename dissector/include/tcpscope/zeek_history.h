// SPDX-License-Identifier: GPL-2.0-or-later
// Zeek's view of one TCP connection, kept next to the tracker's own (TcpConnection::zeek): the
// `history` letters of Zeek's conn.log and the counts that come with them (IP bytes, sizes from
// sequence numbers, missed bytes). It follows Zeek's TCP analyzer as documented for conn.log and
// as its test baselines show (../shared/corpus/other/zeek):
//
//   S SYN  H SYN,ACK  A pure ACK  D payload  F FIN  R RST  G content gap  T retransmitted payload
//   W zero window  I FIN+RST  Q SYN+FIN or SYN+RST  ^ the originator is not the first sender
//
// upper case for the originator (TcpScope's client), lower case for the responder. A, D, I and Q
// appear once per direction; S, H, F and R again only when their sequence number differs from
// the last one of the same kind; G, T and W after 1, 10, 100, ... occurrences.
//
// Zeek's endpoint states (inactive, SYN sent, SYN,ACK sent, partial, established, closed, reset)
// are modelled here because gaps count in the history only between endpoints that are
// established or closed from established, and Zeek's reassembly is modelled to the extent gaps
// need it: a gap is data the peer acknowledged that was never captured in full.
//
// Per connection, no allocation per packet (the out-of-order list of a direction grows only when
// segments arrive above a hole).
#pragma once

#include "tcpscope/tcp_segment.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tcpscope {

class ZeekHistory {
  public:
    // The next segment of the connection, in capture order; fromOriginator: sent by the client.
    // seq is the segment's sequence number (seg.seq, or the tracker's inference where tcpdump
    // text omitted it).
    void add(const TcpSegment& seg, uint32_t seq, bool fromOriginator);

    // Whether any segment was added (the tracker adds them only when asked to:
    // ConnectionTracker::setZeekHistory).
    bool tracked() const { return m_any; }
    const std::string& history() const { return m_history; }
    // Payload bytes an endpoint sent, from its sequence numbers (conn.log's orig_bytes and
    // resp_bytes: data acknowledged but never captured counts too).
    uint64_t size(bool originator) const;
    // IP-level bytes an endpoint sent (orig_ip_bytes, resp_ip_bytes), from the IP headers.
    uint64_t ipBytes(bool originator) const { return m_ep[originator ? 0 : 1].ipBytes; }
    // Bytes acknowledged but never seen, both directions (missed_bytes).
    uint64_t missedBytes() const { return m_missed; }

  private:
    enum class State : uint8_t {
        Inactive,
        SynSent,
        SynAckSent,
        Partial,
        Established,
        Closed,
        Reset
    };
    struct Endpoint {
        State state = State::Inactive;
        State prev = State::Inactive;
        // Sequence space, relative to the endpoint's start (its ISN, or one before its first
        // sequence number when no SYN was seen); raw values kept to take modular deltas.
        uint32_t startRaw = 0, lastRaw = 0, ackRaw = 0;
        uint64_t lastRel = 0; // one past the highest sequence number sent
        uint64_t ackRel = 0;  // the highest acknowledgement of this endpoint's data
        uint32_t finCount = 0;
        uint64_t finRel = 0; // one past the FIN
        bool firstSeen = false;
        // History letters: which once-per-direction letters were added, the sequence numbers
        // of the last SYN/FIN/RST, and the counters and thresholds of the scaled letters.
        uint8_t seen = 0;
        uint64_t lastSyn = 0, lastFin = 0, lastRst = 0;
        uint32_t rxmtCount = 0, rxmtThresh = 1, win0Count = 0, win0Thresh = 1;
        uint32_t gapCount = 0, gapThresh = 1;
        // Reassembly of this endpoint's data: everything below `reassem` was captured or given
        // up as a gap; `blocks` holds captured data above a hole, `trim` the highest ack taken.
        uint64_t reassem = 1, trim = 1;
        bool skipDeliveries = false;
        std::vector<std::pair<uint64_t, uint64_t>> blocks; // [begin, end), sorted, disjoint
        uint64_t ipBytes = 0;
    };

    void setState(Endpoint& e, State s);
    void addLetter(bool originator, char code);
    bool onceLetter(bool originator, uint8_t bit, char code); // true if seen before
    void scaledLetter(bool originator, char code, uint32_t& count, uint32_t& thresh);
    // The endpoint's sequence space starts at `start` (its ISN, or one before its first data).
    static void initSequence(Endpoint& x, uint32_t start, uint32_t last);
    // Where a segment from e starts e's sequence space (a SYN, or the first segment seen).
    static void startSequence(Endpoint& e, bool syn, uint32_t seq, uint32_t onePast);
    // The peer's data acknowledged by `ack`, relative; moves the peer's highest ack on.
    static uint64_t relativeAck(Endpoint& peer, uint32_t ack, bool rst);
    // The highest sequence number e has sent, moved on by a segment ending at onePast; data
    // that does not reach beyond it counts as retransmitted ('T').
    void advanceLast(bool orig, Endpoint& e, uint16_t flags, uint32_t onePast, uint32_t len);
    void updateHistory(bool orig, Endpoint& e, uint16_t flags, int64_t relSeq, uint32_t len);
    void updateStates(bool orig, Endpoint& e, Endpoint& peer, uint16_t flags, uint32_t seq,
                      uint32_t len);
    void dataSent(Endpoint& e, uint64_t seq, uint64_t len);
    void ackReceived(bool originator, Endpoint& e, uint64_t ack);
    void gap(bool originator, Endpoint& e, uint64_t len);

    Endpoint m_ep[2]; // [originator, responder]
    std::string m_history;
    uint64_t m_missed = 0;
    bool m_partial = false; // Zeek's is_partial: the connection did not start with a bare SYN
    bool m_firstSeen[2] = {false, false}; // when Zeek stops re-evaluating m_partial, per side
    bool m_any = false;
};

} // namespace tcpscope
