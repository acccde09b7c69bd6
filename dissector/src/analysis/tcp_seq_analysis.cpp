// SPDX-License-Identifier: GPL-2.0-or-later
// Sequence analysis with Wireshark 4.0's rules (epan/dissectors/packet-tcp.c,
// tcp_analyze_sequence_number() and the parts of dissect_tcp() around it), re-implemented from
// the documented behaviour and checked against tshark. The checks run in Wireshark's order
// because several of them end the analysis early ("goto finished_fwd") and later ones read
// state earlier ones wrote. All comparisons are modulo 2^32 (RFC 9293 3.4).
#include "tcp_seq_analysis.h"

#include "tcpscope/byte_reader.h"
#include "tcpscope/packet_summary.h"

namespace tcpscope::detail {

namespace {

using namespace TcpAnalysisFlag;
constexpr uint16_t kSyn = TcpFlag::Syn, kFin = TcpFlag::Fin, kRst = TcpFlag::Rst,
                   kAck = TcpFlag::Ack, kPsh = TcpFlag::Psh;
constexpr size_t kMaxUnackedSegments = 10000; // Wireshark's TCP_MAX_UNACKED_SEGMENTS

// Wireshark computes time differences as unsigned 64-bit nanoseconds, so a timestamp that goes
// backwards yields a huge value and fails every "within N ms" test. Keep that behaviour.
uint64_t elapsed(int64_t now, int64_t then) {
    return static_cast<uint64_t>(now - then);
}

} // namespace

void TcpSeqAnalysis::restoreNextseqForSynRetransmission(int dir) {
    m_flow[dir].nextseq = m_flow[dir].maxseqtobeacked;
}

void TcpSeqAnalysis::setBases(Flow& fwd, Flow& rev, const SeqInput& in) {
    // Base sequence numbers: the ISN when the SYN is seen, else seq-1 so the first segment
    // shows as 1 (Wireshark bug 1542). The reverse base comes from the first ACK.
    if (!fwd.baseSeqSet) {
        if (in.flags & kSyn) {
            fwd.baseSeq = in.seq;
            (in.flags & kAck ? fwd.sawSynAck : fwd.sawSyn) = true;
        } else {
            fwd.baseSeq = in.seq - 1;
        }
        fwd.baseSeqSet = true;
    }
    if (!rev.baseSeqSet && (in.flags & kAck)) {
        rev.baseSeq = in.ack - 1;
        rev.baseSeqSet = true;
    }
    if (in.flags & kAck) rev.validBif = true;
}

// The checks on what this segment says about its own direction, in Wireshark's order up to its
// "finished_fwd" label: an early return is its "goto finished_fwd".
uint32_t TcpSeqAnalysis::forwardChecks(Flow& fwd, Flow& rev, const SeqInput& in,
                                       TcpPacketAnalysis& out) {
    const uint32_t seq = in.seq, ack = in.ack, seglen = in.seglen, window = in.window;
    const bool noSynFinRst = (in.flags & (kSyn | kFin | kRst)) == 0;
    uint32_t ta = 0;

    // Zero window probe: one byte at the next expected sequence number into a zero window.
    if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) return ZeroWindowProbe;
    if (window == 0 && noSynFinRst) ta |= ZeroWindow;

    // Lost segment: a hole before this one (never for RSTs).
    if (fwd.nextseq && seqAfter(seq, fwd.nextseq) && !(in.flags & kRst)) {
        ta |= LostSegment;
        fwd.validBif = false;
    }
    // Keep-alive: 0 or 1 byte starting one before the next expected sequence number.
    if (seglen <= 1 && seq == fwd.nextseq - 1 && noSynFinRst) ta |= KeepAlive;

    // The same seq and ack as the previous segment of this direction, without data.
    const bool sameSpot = seglen == 0 && seq == fwd.nextseq && ack == fwd.lastack && noSynFinRst;
    // Window update: a new non-zero window.
    if (sameSpot && window && window != fwd.window) ta |= WindowUpdate;

    // Window full: the data reaches the right edge of the peer's advertised window.
    if (seglen > 0 && rev.winScale != -1 && noSynFinRst) {
        const int shift = rev.isFirstAck ? 0 : (rev.winScale == -2 ? 0 : rev.winScale);
        if (seq + seglen == rev.lastack + (rev.window << shift)) ta |= WindowFull;
    }

    // Keep-alive ACK: repeats the previous ACK right after a keep-alive from the peer.
    if (sameSpot && window && window == fwd.window && (rev.lastsegmentflags & KeepAlive))
        return ta | KeepAliveAck;
    // Zero window probe ACK: repeats the zero window after a probe from the peer.
    if (sameSpot && window == 0 && window == fwd.window && (rev.lastsegmentflags & ZeroWindowProbe))
        return ta | ZeroWindowProbeAck;
    // Duplicate ACK: no data, same window, seq and ack as the previous segment.
    if (sameSpot && window && window == fwd.window) {
        fwd.dupacknum = fwd.dupacknum == 0xffffffffu ? 1 : fwd.dupacknum + 1;
        ta |= DuplicateAck;
        out.duplicateAckNum = fwd.dupacknum;
        out.duplicateAckFrame = fwd.lastnondupack;
    }
    return ta;
}

// ACKed unseen segment: this ACK goes past the highest contiguous byte seen from the peer
// (maxseqtobeacked), so bytes the peer sent were not captured. Measured against tshark 4.0.17
// (also across a sequence wrap): when the peer has sent more since that boundary (a hole, then
// later data), the boundary jumps to the peer's nextseq and the ACK is flagged; otherwise the ACK
// is flagged only while the peer's duplicate-ACK counter is 0, and the counter is set to -1, so
// repeated ACKs of the same gap stay quiet until the peer sends an ACK number of its own.
// Wireshark makes the packet's analysis record on such an ACK even when it then reports nothing:
// the SEQ/ACK analysis subtree (with the iRTT) is shown.
uint32_t TcpSeqAnalysis::ackedUnseenCheck(Flow& rev, const SeqInput& in, TcpPacketAnalysis& out) {
    if (!rev.maxseqtobeacked || !seqAfter(in.ack, rev.maxseqtobeacked) || !(in.flags & kAck))
        return 0;
    out.seqAnalysisShown = true;
    if (seqBefore(rev.maxseqtobeacked, rev.nextseq)) {
        rev.maxseqtobeacked = rev.nextseq;
        return AckLostSegment;
    }
    const bool report = rev.dupacknum == 0;
    rev.dupacknum = 0xffffffffu;
    return report ? AckLostSegment : 0;
}

// Data (or SYN/FIN) that does not advance the sequence number: retransmission, fast or
// spurious retransmission, or out-of-order, in Wireshark's order (an early return is its "goto
// finished_retransmission"). `ta` holds the flags found so far.
uint32_t TcpSeqAnalysis::retransmissionChecks(const Flow& fwd, const Flow& rev, const SeqInput& in,
                                              uint32_t ta) const {
    const uint32_t seq = in.seq, seglen = in.seglen;
    if (seglen == 0 && !(in.flags & (kSyn | kFin))) return 0;
    bool seqNotAdvanced = fwd.nextseq && seqBefore(seq, fwd.nextseq);
    if (ta & KeepAlive) return 0;
    // More than one byte starting just below nextseq is new data after a zero window probe.
    if (seglen > 1 && fwd.nextseq - 1 == seq) seqNotAdvanced = false;

    if (seglen > 0 && rev.lastack && seqBeforeEq(seq + seglen, rev.lastack))
        return SpuriousRetransmission;
    // tcp.fastrt_supersedes_ooo is TRUE by default: fast retransmission is tested first.
    if (seqNotAdvanced && rev.dupacknum >= 2 && rev.lastack == seq &&
        elapsed(in.tsNs, rev.lastacktime) < 20000000u)
        return FastRetransmission;
    const uint64_t ooothres = m_tsFirstRtt == 0 ? 3000000u : static_cast<uint64_t>(m_tsFirstRtt);
    if (seqNotAdvanced && elapsed(in.tsNs, fwd.nextseqtime) < ooothres &&
        fwd.nextseq != seq + seglen + ((in.flags & (kSyn | kFin)) ? 1 : 0))
        return OutOfOrder;
    return seqNotAdvanced ? Retransmission : 0;
}

// Remembers the segment as unacknowledged and moves this direction's next and highest
// sequence numbers (a zero window probe moves neither).
void TcpSeqAnalysis::recordSegment(Flow& fwd, const SeqInput& in, uint32_t ta) {
    uint32_t nextseq = in.seq + in.seglen;
    if ((in.seglen || (in.flags & (kSyn | kFin))) && fwd.segments.size() < kMaxUnackedSegments) {
        if (in.flags & (kSyn | kFin)) nextseq += 1;
        fwd.segments.push_back({in.frame, in.seq, nextseq, in.tsNs});
    }
    if (seqAfter(nextseq, fwd.nextseq) || !fwd.nextseq) {
        if (!(ta & ZeroWindowProbe)) {
            fwd.nextseq = nextseq;
            fwd.nextseqframe = in.frame;
            fwd.nextseqtime = in.tsNs;
        }
    }
    if (in.seq == fwd.maxseqtobeacked || !fwd.maxseqtobeacked) {
        if (!(ta & ZeroWindowProbe)) fwd.maxseqtobeacked = fwd.nextseq;
    }
    fwd.window = in.window;
    fwd.lastack = in.ack;
    fwd.lastacktime = in.tsNs;
    fwd.lastsegmentflags = ta;
}

// Drops the reverse segments this ACK covers; an exact match gives acks_frame and ack_rtt.
// Wireshark walks newest first, so the oldest exact match wins: walk backwards likewise.
void TcpSeqAnalysis::ackSegments(Flow& rev, const SeqInput& in, TcpPacketAnalysis& out) {
    auto& segs = rev.segments;
    const uint32_t ack = in.ack;
    size_t keep = segs.size();
    for (size_t i = segs.size(); i-- > 0;) {
        auto& u = segs[i];
        bool remove = false;
        if (ack == u.nextseq) {
            out.acksFrame = u.frame;
            out.ackRttNs = in.tsNs - u.ts;
            remove = true;
        } else if (seqAfter(ack, u.seq) && seqBeforeEq(ack, u.nextseq)) {
            u.seq = ack; // partially acknowledged: keep the rest
        } else if (!seqAfter(u.nextseq, ack)) {
            remove = true; // old
        }
        if (remove) {
            u = Flow::Unacked{0, 0, 0, INT64_MIN}; // marker
            --keep;
        }
    }
    if (keep != segs.size())
        std::erase_if(segs, [](const Flow::Unacked& u) { return u.ts == INT64_MIN; });
}

// Bytes in flight (Wireshark's default, payload-based method).
void TcpSeqAnalysis::bytesInFlight(Flow& fwd, const Flow& rev, const SeqInput& in,
                                   TcpPacketAnalysis& out) {
    if (in.seglen == 0 || fwd.segments.empty() || !fwd.validBif) return;
    uint32_t firstSeq = fwd.segments.back().seq - fwd.baseSeq;
    uint32_t lastSeq = fwd.segments.back().nextseq - fwd.baseSeq;
    for (const auto& u : fwd.segments) {
        if (u.nextseq - fwd.baseSeq > lastSeq) lastSeq = u.nextseq - fwd.baseSeq;
        if (u.seq - fwd.baseSeq < firstSeq) firstSeq = u.seq - fwd.baseSeq;
    }
    uint32_t inFlight = lastSeq - firstSeq;
    for (uint8_t i = 0; i < rev.sackCount; ++i) inFlight -= rev.sack[i][1] - rev.sack[i][0];
    if (inFlight > 0 && inFlight < 2000000000u)
        out.bytesInFlight = inFlight - ((in.flags & (kSyn | kFin)) ? 1 : 0);
    // Bytes pushed: a segment after one with PSH starts the count again.
    const bool push = in.flags & kPsh;
    if (fwd.pushSetLast)
        fwd.pushBytes = in.seglen;
    else
        fwd.pushBytes += in.seglen;
    fwd.pushSetLast = push;
    out.pushBytesSent = fwd.pushBytes;
}

uint32_t TcpSeqAnalysis::sequenceAnalysis(int dir, const SeqInput& in, TcpPacketAnalysis& out) {
    Flow& fwd = m_flow[dir];
    Flow& rev = m_flow[1 - dir];
    setBases(fwd, rev, in);
    uint32_t ta = forwardChecks(fwd, rev, in, out);
    // Wireshark's "finished_fwd".
    if (in.ack != fwd.lastack) {
        fwd.lastnondupack = in.frame;
        fwd.dupacknum = 0;
    }
    ta |= ackedUnseenCheck(rev, in, out);
    ta |= retransmissionChecks(fwd, rev, in, ta);
    // Wireshark raises its "retransmission" expert item for fast and spurious retransmissions
    // too, so the tcp.analysis.retransmission field is present on all three.
    if (ta & (FastRetransmission | SpuriousRetransmission)) ta |= Retransmission;
    recordSegment(fwd, in, ta);
    ackSegments(rev, in, out);
    bytesInFlight(fwd, rev, in, out);
    return ta;
}

void TcpSeqAnalysis::updateCompleteness(const SeqInput& in, bool conversationIsNew) {
    // Wireshark looks for the pure SYN only on a packet that created the conversation; every
    // other packet adds SYN-ACK, ACK, DATA, FIN (with ACK) and RST bits.
    const uint16_t f = in.flags;
    uint8_t c = 0;
    if (conversationIsNew) {
        if ((f & (kSyn | kAck)) == kSyn) {
            c |= Completeness::Syn;
            if (in.seglen > 0) c |= Completeness::Data; // TCP Fast Open
        }
    } else {
        c = m_completeness;
        if ((f & (kSyn | kAck)) == (kSyn | kAck)) c |= Completeness::SynAck;
        if ((f & (kSyn | kAck)) == kAck)
            c |= in.seglen > 0 ? Completeness::Data : Completeness::Ack;
        if ((f & (kFin | kAck)) == (kFin | kAck)) c |= Completeness::Fin;
        if (f & kRst) c |= Completeness::Rst;
    }
    m_completeness = c;
}

void TcpSeqAnalysis::analyze(int dir, const SeqInput& in, bool conversationIsNew,
                             TcpPacketAnalysis& out) {
    Flow& fwd = m_flow[dir];
    Flow& rev = m_flow[1 - dir];
    out.completeness = m_completeness;
    fwd.sackCount = 0;

    out.analysisFlags |= sequenceAnalysis(dir, in, out);

    out.seq = in.seq - fwd.baseSeq;
    out.ack = (in.flags & kAck) ? in.ack - rev.baseSeq : in.ack;
    out.len = in.seglen;
    out.nxtseq = out.seq + in.seglen + ((in.flags & (kSyn | kFin)) ? 1 : 0);

    // SYNs are never scaled (RFC 7323 2.2); the scale factor applies from the next segment.
    out.windowSize = in.window;
    out.hasScalefactor = !(in.flags & kSyn);
    if (!(in.flags & kSyn)) {
        if (fwd.winScale >= 0) out.windowSize = uint32_t(in.window) << fwd.winScale;
        out.windowSizeScalefactor = fwd.winScale >= 0 ? (1 << fwd.winScale) : fwd.winScale;
    }

    updateCompleteness(in, conversationIsNew);
    // A closing connection's directions give their room back once everything is acknowledged:
    // thousands of closed connections each kept room for their largest burst (6 MB on the
    // benchmark file). An open connection keeps it, and allocates nothing between bursts.
    if (m_completeness & (Completeness::Fin | Completeness::Rst))
        for (Flow& f : m_flow)
            if (f.segments.empty() && f.segments.capacity() > 0)
                std::vector<Flow::Unacked>().swap(f.segments);

    // Window scale option: stored for this direction; shifts above 14 count as 14 (RFC 7323
    // 2.3). Then Wireshark's verify_tcp_window_scaling() on SYN and SYN,ACK: scaling is used
    // only if both SYNs carried the option.
    if (in.wscale >= 0) fwd.winScale = in.wscale > 14 ? 14 : in.wscale;
    if (in.flags & kSyn) {
        const bool synAck = (in.flags & kAck) != 0;
        if (fwd.winScale == -1) {
            fwd.winScale = -2;
            rev.winScale = -2;
        } else if (synAck && rev.winScale == -2) {
            fwd.winScale = -2;
        }
    }

    if (in.flags & kSyn) {
        if (!(in.flags & kAck)) m_tsMruSyn = in.tsNs;
        fwd.isFirstAck = true;
    }
    // Initial RTT: from the most recent SYN to the first pure ACK (the handshake's third
    // packet). A zero result counts as "not known", as in Wireshark.
    if ((in.flags & (kSyn | kAck)) == kAck && m_tsMruSyn != 0 && m_tsFirstRtt == 0)
        m_tsFirstRtt = in.tsNs - m_tsMruSyn;
    if ((in.flags & (kSyn | kAck)) == kAck) fwd.isFirstAck = false;
    if (m_tsFirstRtt != 0) out.showsInitialRtt = true;

    fwd.sackCount = in.sackCount > 4 ? 4 : in.sackCount;
    fwd.sack = in.sack;
}

} // namespace tcpscope::detail
