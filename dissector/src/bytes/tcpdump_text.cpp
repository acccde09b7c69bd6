// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump summary lines (no hex) into TcpSegments, with tcpdump's relative numbers undone.
//
// How tcpdump prints seq/ack (print-tcp.c, without -S): only for segments with the ACK flag,
// it looks up one record per connection holding both directions' bases. When there is no
// record yet, or the segment has SYN, it stores this segment's numbers as the bases and prints
// them unchanged:  base(sender) = seq,  base(receiver) = ack - 1  (the receiver's ISN). Every
// later ACK segment of the connection is printed as  seq - base(sender),  ack - base(receiver),
// and SACK blocks as  edge - base(receiver). Segments without ACK (the first SYN, a bare RST)
// are always printed absolute.
//
// We replay exactly that record keeping. A line that would have set the bases is taken as
// absolute. For any later ACK line we cannot know whether the text came from tcpdump -S, so
// we decide per line: its numbers are relative when they are closer to 0 than to the stored
// bases (sum over the seq and ack printed), and then we add the bases back. An excerpt that
// starts after the base-setting lines shows small numbers (e.g. "seq 1:15, ack 1") on the
// first ACK line of a connection; tcpdump would have printed that line absolute, so numbers
// below 2^20 there mean "relative, base not in the text": they are kept and the segment is
// marked relativeSeq, as are that connection's later lines until a SYN gives real bases.
//
// tcpdump omits "seq" on segments without data, SYN, FIN or RST. Such a segment gets the
// sequence number its sender must be at: the end of the sender's previous segment, or failing
// that the peer's last ack; seqPresent = false says it was not printed.
#include "tcpscope/tcpdump_text.h"

#include "bytes/tcpdump_line.h"
#include "bytes/text_scan.h"

#include <map>

namespace tcpscope {

using tcpdumptext::PrintedLine;

namespace {

constexpr uint32_t kSmall = 1u << 20;

struct EndpointKey {
    Address addr;
    uint16_t port = 0;
    friend auto operator<=>(const EndpointKey&, const EndpointKey&) = default;
};

struct ConnKey {
    EndpointKey a, b; // a <= b, so both directions find the same record
    friend auto operator<=>(const ConnKey&, const ConnKey&) = default;
};

struct DirectionState {
    bool baseKnown = false;
    uint32_t base = 0; // tcpdump's base for this direction's sequence space
    bool nextKnown = false;
    uint32_t next = 0; // seq after this direction's last segment (SYN and FIN count one)
    bool ackKnown = false;
    uint32_t lastAck = 0; // the last ack this direction sent
};

struct ConnState {
    bool haveBase = false;    // tcpdump has a record for the connection
    bool unknownBase = false; // relative numbers whose base lines are not in the text
    DirectionState dir[2];
};

uint64_t distance(uint32_t x, uint32_t base) {
    int64_t d = static_cast<int32_t>(x - base);
    return static_cast<uint64_t>(d < 0 ? -d : d);
}

// seq and ack as restored from one line; `unresolved` when they stay relative to bases that
// are not in the text.
struct Restored {
    uint32_t seq = 0;
    uint32_t ack = 0;
    bool unresolved = false;
};

class NumberRestorer {
  public:
    // Fills seg from the printed line; returns false when its sequence number could not be
    // known yet (a pure ACK with no seq printed, before anything revealed its sender's seq).
    bool apply(const PrintedLine& pl, TcpSegment& seg) {
        EndpointKey s{pl.src, pl.srcPort}, d{pl.dst, pl.dstPort};
        const bool forward = s <= d;
        ConnState& c = m_conns[forward ? ConnKey{s, d} : ConnKey{d, s}];
        const int meIndex = forward ? 0 : 1;
        DirectionState& me = c.dir[meIndex];
        DirectionState& peer = c.dir[1 - meIndex];

        Restored n{pl.seq, pl.ack, false};
        TcpOptionSummary options = pl.options;
        if (pl.flags & TcpFlag::Ack) {
            n = restoreAcked(pl, c, me, peer);
            // SACK edges are in the peer's sequence space; tcpdump prints them relative to
            // that base whenever it has a record. Decide per edge, as for seq/ack.
            if (peer.baseKnown && !c.unknownBase) restoreSackEdges(options, peer.base);
        }
        const bool seqKnown = track(pl, me, peer, n);
        fillSegment(pl, n, options, seg);
        return seqKnown;
    }

  private:
    // tcpdump's record keeping for a line with ACK (see the top of this file).
    static Restored restoreAcked(const PrintedLine& pl, ConnState& c, DirectionState& me,
                                 DirectionState& peer) {
        Restored n{pl.seq, pl.ack, false};
        const bool syn = pl.flags & TcpFlag::Syn;
        const bool printedSmall = (pl.hasSeq || pl.hasAck) && (!pl.hasSeq || pl.seq < kSmall) &&
                                  (!pl.hasAck || pl.ack < kSmall);
        if (!c.haveBase && !syn && printedSmall) {
            c.haveBase = true;
            c.unknownBase = true;
            n.unresolved = true;
        } else if (!c.haveBase || syn) {
            if (c.unknownBase) c = ConnState{}; // relative guesses are worthless now
            c.haveBase = true;
            setBases(pl, me, peer);
        } else if (c.unknownBase) {
            n.unresolved = true;
        } else if (looksRelative(pl, me, peer, printedSmall)) {
            addBases(pl, me, peer, n);
        }
        return n;
    }

    // This line set tcpdump's bases, so it was printed absolute.
    static void setBases(const PrintedLine& pl, DirectionState& me, DirectionState& peer) {
        me.baseKnown = true;
        if (pl.hasSeq)
            me.base = pl.seq;
        else if (me.nextKnown)
            me.base = me.next;
        else if (peer.ackKnown)
            me.base = peer.lastAck;
        else
            me.baseKnown = false;
        peer.baseKnown = pl.hasAck;
        peer.base = pl.ack - 1;
    }

    // Relative when the printed numbers are closer to 0 than to the stored bases.
    static bool looksRelative(const PrintedLine& pl, const DirectionState& me,
                              const DirectionState& peer, bool printedSmall) {
        uint64_t asRelative = 0, asAbsolute = 0;
        bool compared = false;
        if (pl.hasSeq && me.baseKnown) {
            asRelative += pl.seq;
            asAbsolute += distance(pl.seq, me.base);
            compared = true;
        }
        if (pl.hasAck && peer.baseKnown) {
            asRelative += pl.ack;
            asAbsolute += distance(pl.ack, peer.base);
            compared = true;
        }
        return compared ? asRelative < asAbsolute : printedSmall;
    }

    static void addBases(const PrintedLine& pl, const DirectionState& me,
                         const DirectionState& peer, Restored& n) {
        if (pl.hasSeq) {
            if (me.baseKnown)
                n.seq += me.base;
            else
                n.unresolved = true;
        }
        if (pl.hasAck) {
            if (peer.baseKnown)
                n.ack += peer.base;
            else
                n.unresolved = true;
        }
    }

    static void restoreSackEdges(TcpOptionSummary& options, uint32_t peerBase) {
        for (size_t i = 0; i < options.sackCount; ++i)
            for (uint32_t& edge : options.sack[i])
                if (uint64_t(edge) < distance(edge, peerBase)) edge += peerBase;
    }

    // Where each direction's sequence stands after this line; fills in an omitted seq from it.
    // Returns whether the seq is known.
    static bool track(const PrintedLine& pl, DirectionState& me, DirectionState& peer,
                      Restored& n) {
        bool seqKnown = pl.hasSeq;
        if (!pl.hasSeq) {
            seqKnown = me.nextKnown || peer.ackKnown;
            n.seq = me.nextKnown ? me.next : peer.ackKnown ? peer.lastAck : 0;
        }
        if (seqKnown) {
            me.next = n.seq + payloadLength(pl) + ((pl.flags & TcpFlag::Syn) ? 1 : 0) +
                      ((pl.flags & TcpFlag::Fin) ? 1 : 0);
            me.nextKnown = true;
        }
        if (pl.hasAck) {
            me.lastAck = n.ack;
            me.ackKnown = true;
        }
        return seqKnown;
    }

    static uint32_t payloadLength(const PrintedLine& pl) {
        return pl.hasLength ? pl.length : pl.hasSeqEnd ? pl.seqEnd - pl.seq : 0;
    }

    static void fillSegment(const PrintedLine& pl, const Restored& n,
                            const TcpOptionSummary& options, TcpSegment& seg) {
        seg.seqPresent = pl.hasSeq;
        seg.src = pl.src;
        seg.dst = pl.dst;
        seg.srcPort = pl.srcPort;
        seg.dstPort = pl.dstPort;
        seg.seq = n.seq;
        seg.ack = pl.hasAck ? n.ack : 0;
        seg.ackPresent = pl.hasAck;
        seg.flags = pl.flags;
        seg.window = pl.window;
        seg.payloadLength = payloadLength(pl);
        seg.options = options;
        seg.checksum = pl.checksum;
        seg.relativeSeq = n.unresolved;
    }

    std::map<ConnKey, ConnState> m_conns;
};

} // namespace

namespace {

// A pure ACK printed before anything revealed its sender's sequence number (tcpdump omits seq on
// such segments) takes it from the first later line that does: its sender's next printed seq,
// or the peer's next ack. A pure ACK does not advance the sequence, so both give the value.
void backfillUnknownSeq(std::vector<TcpSegment>& segs, const std::vector<size_t>& unknown) {
    if (unknown.empty()) return;
    struct Dir {
        Address src, dst;
        uint16_t sp, dp;
        bool operator==(const Dir&) const = default;
    };
    std::vector<std::pair<Dir, std::vector<size_t>>> pending;
    auto slot = [&](const Dir& d) -> std::vector<size_t>& {
        for (auto& [k, v] : pending)
            if (k == d) return v;
        return pending.emplace_back(d, std::vector<size_t>{}).second;
    };
    size_t next = 0;
    for (size_t i = 0; i < segs.size(); ++i) {
        TcpSegment& s = segs[i];
        Dir me{s.src, s.dst, s.srcPort, s.dstPort}, peer{s.dst, s.src, s.dstPort, s.srcPort};
        bool isUnknown = next < unknown.size() && unknown[next] == i;
        if (isUnknown) ++next;
        if (!isUnknown) {
            auto& mine = slot(me);
            for (size_t k : mine) segs[k].seq = s.seq;
            mine.clear();
        }
        if (s.ackPresent && (s.flags & TcpFlag::Ack)) {
            auto& theirs = slot(peer);
            for (size_t k : theirs) segs[k].seq = s.ack;
            theirs.clear();
        }
        if (isUnknown) slot(me).push_back(i);
    }
}

} // namespace

TcpdumpTextResult parseTcpdumpText(std::string_view text) {
    TcpdumpTextResult result;
    std::vector<size_t> unknownSeq; // segments whose seq is filled in afterwards
    tcpdumptext::HostNames names(result.hostNames);
    NumberRestorer restorer;
    textscan::LineCursor cursor(text);
    textscan::Line line;
    // tcpdump -v prints "time IP (tos ..., length 60)" and then the TCP part on an indented
    // line of its own; the timestamp of the first serves the second.
    textscan::TimestampPrefix pending;
    bool havePending = false;
    std::string_view previous; // the line before, when it was skipped (not blank, not TCP)

    while (cursor.next(line)) {
        auto shape = tcpdumptext::findTcpLine(line.text);
        if (!shape) {
            previous = {};
            if (textscan::isBlankLine(line.text)) { // blank lines are not counted as skipped
                havePending = false;
                continue;
            }
            previous = line.text;
            pending = textscan::parseTimestampPrefix(line.text);
            havePending = pending.hasTimestamp;
            ++result.skippedLines;
            continue;
        }
        textscan::TimestampPrefix prefix = textscan::parseTimestampPrefix(line.text);
        if (prefix.end > shape->src) prefix = {}; // only what stands before the addresses
        if (!prefix.hasTimestamp && havePending) {
            prefix = pending;
            --result.skippedLines; // that line was this packet's first half, not noise
        }
        havePending = false;

        PrintedLine printed;
        if (auto e = tcpdumptext::parseTcpLine(line, *shape, names, printed)) {
            result.error = std::move(e);
            break;
        }
        TcpSegment seg;
        seg.frameNumber = prefix.number ? prefix.number : result.segments.size() + 1;
        seg.hasTimestamp = prefix.hasTimestamp;
        seg.ts = prefix.ts;
        if (!restorer.apply(printed, seg)) unknownSeq.push_back(result.segments.size());
        result.segments.push_back(seg);
        result.lineNumbers.push_back(line.number);
        // An indented TCP line after -v's IP header line is the second half of one packet.
        const bool secondHalf = !line.text.empty() && textscan::isBlank(line.text[0]) &&
                                (previous.find("IP (") != std::string_view::npos ||
                                 previous.find("IP6 (") != std::string_view::npos);
        result.packetTexts.push_back(secondHalf
                                         ? std::string(previous) + "\n" + std::string(line.text)
                                         : std::string(line.text));
        previous = {};
    }
    backfillUnknownSeq(result.segments, unknownSeq);
    return result;
}

bool looksLikeTcpdumpText(std::string_view text) {
    textscan::LineCursor cursor(text);
    textscan::Line line;
    while (cursor.next(line))
        if (tcpdumptext::findTcpLine(line.text)) return true;
    return false;
}

} // namespace tcpscope
