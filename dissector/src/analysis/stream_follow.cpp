// SPDX-License-Identifier: GPL-2.0-or-later
// Follow TCP Stream (stream_follow.h): Wireshark's placement of each packet's bytes, with the
// differing retransmissions and the never-placed segments it does not report.
#include "tcpscope/stream_follow.h"

#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"

#include <algorithm>
#include <list>
#include <string>

namespace tcpscope {

namespace {

// Sequence-space comparisons (RFC 9293 3.4), as Wireshark's LT_SEQ/GT_SEQ.
bool seqLess(uint32_t a, uint32_t b) {
    return int32_t(a - b) < 0;
}

// A segment that arrived ahead of the next expected byte, waiting for the bytes before it.
struct Fragment {
    uint64_t frame = 0;
    Timestamp ts;
    uint32_t seq = 0;
    std::vector<uint8_t> data;
};

} // namespace

struct StreamFollower::Impl {
    FollowStream out;
    uint32_t next[2] = {0, 0};     // next expected relative sequence number per direction
    uint64_t written[2] = {0, 0};  // data bytes placed per direction
    uint64_t position[2] = {0, 0}; // text placed per direction, gap text included
    // Data bytes placed since the last gap text, per direction: how far back a retransmission
    // can be compared with the first copy.
    uint64_t sinceGap[2] = {0, 0};
    std::list<Fragment> fragments[2];
    // Each direction's placed bytes in order (for comparing retransmissions): runs of the
    // chunks' bytes, found through the chunk list.
    std::vector<size_t> dirChunks[2];

    void place(int dir, uint64_t frame, Timestamp ts, uint32_t seq, std::span<const uint8_t> d);
    void placeGap(int dir, uint64_t frame, uint32_t gap, uint32_t seq);
    bool applyFragments(int dir, uint32_t acknowledged, uint64_t frame, bool useAck);
    void compareOverlap(int dir, uint64_t frame, uint32_t seq, std::span<const uint8_t> overlap);
};

void StreamFollower::Impl::place(int dir, uint64_t frame, Timestamp ts, uint32_t seq,
                                 std::span<const uint8_t> d) {
    FollowChunk c;
    c.server = dir == 1;
    c.frame = frame;
    c.ts = ts;
    c.seq = seq;
    c.offset = out.bytes.size();
    c.length = uint32_t(d.size());
    c.position = position[dir];
    out.bytes.insert(out.bytes.end(), d.begin(), d.end());
    dirChunks[dir].push_back(out.chunks.size());
    out.chunks.push_back(c);
    position[dir] += d.size();
    sinceGap[dir] += d.size();
    out.sent[dir] += d.size();
}

void StreamFollower::Impl::placeGap(int dir, uint64_t frame, uint32_t gap, uint32_t seq) {
    std::string text = "[";
    text += std::to_string(int32_t(gap));
    text += " bytes missing in capture file]";
    FollowChunk c;
    c.kind = FollowChunk::Kind::Missing;
    c.server = dir == 1;
    c.frame = frame;
    c.seq = seq - gap;
    c.missing = gap;
    c.offset = out.bytes.size();
    c.length = uint32_t(text.size() + 1); // Wireshark keeps the terminating NUL
    c.position = position[dir];
    out.bytes.insert(out.bytes.end(), text.begin(), text.end());
    out.bytes.push_back(0);
    out.chunks.push_back(c);
    position[dir] += c.length;
    sinceGap[dir] = 0;
}

// The overlapping bytes of a retransmission against the last bytes placed in its direction.
void StreamFollower::Impl::compareOverlap(int dir, uint64_t frame, uint32_t seq,
                                          std::span<const uint8_t> overlap) {
    // Only what was placed since the last gap text is the stream's own bytes.
    const uint64_t back = uint64_t(next[dir] - seq);
    if (overlap.empty() || back == 0 || back > sinceGap[dir]) return;
    // Walk back through this direction's chunks to the byte `back` before the end.
    uint64_t remaining = back;
    size_t k = dirChunks[dir].size();
    size_t firstChunk = 0;
    uint64_t within = 0;
    while (k > 0) {
        const FollowChunk& c = out.chunks[dirChunks[dir][k - 1]];
        if (c.length >= remaining) {
            firstChunk = k - 1;
            within = c.length - remaining;
            break;
        }
        remaining -= c.length;
        --k;
    }
    if (k == 0) return;
    uint32_t differing = 0, firstDiff = 0;
    size_t i = 0;
    for (size_t ci = firstChunk; ci < dirChunks[dir].size() && i < overlap.size(); ++ci) {
        const FollowChunk& c = out.chunks[dirChunks[dir][ci]];
        for (uint64_t b = (ci == firstChunk ? within : 0); b < c.length && i < overlap.size();
             ++b, ++i) {
            if (out.bytes[c.offset + b] != overlap[i]) {
                if (!differing) firstDiff = uint32_t(i);
                ++differing;
            }
        }
    }
    if (!differing) return;
    FollowAnomaly an;
    an.server = dir == 1;
    an.frame = frame;
    an.seq = seq + firstDiff;
    an.length = differing;
    an.position = position[dir] - back + firstDiff;
    out.anomalies.push_back(an);
}

// Wireshark's check_follow_fragments: places the first waiting segment that now fits (or the
// part of it not yet placed); with useAck, when the other side acknowledged bytes beyond the
// lowest waiting one, the gap before it becomes a "missing" chunk. True when something was
// placed (call again).
bool StreamFollower::Impl::applyFragments(int dir, uint32_t acknowledged, uint64_t frame,
                                          bool useAck) {
    auto& list = fragments[dir];
    if (list.empty()) return false;
    uint32_t lowest = list.front().seq;
    for (auto it = list.begin(); it != list.end(); ++it) {
        if (seqLess(it->seq, lowest)) lowest = it->seq;
        if (seqLess(it->seq, next[dir])) {
            const uint32_t end = it->seq + uint32_t(it->data.size());
            if (seqLess(next[dir], end)) {
                const uint32_t skip = next[dir] - it->seq;
                if (it->data.size() > skip) {
                    compareOverlap(dir, it->frame, it->seq,
                                   std::span<const uint8_t>(it->data).first(skip));
                    place(dir, it->frame, it->ts, next[dir],
                          std::span<const uint8_t>(it->data).subspan(skip));
                }
                next[dir] += uint32_t(it->data.size()) - skip;
            } else {
                compareOverlap(dir, it->frame, it->seq, it->data);
            }
            list.erase(it);
            return true;
        }
        if (it->seq == next[dir]) {
            if (!it->data.empty()) place(dir, it->frame, it->ts, it->seq, it->data);
            next[dir] += uint32_t(it->data.size());
            list.erase(it);
            return true;
        }
    }
    if (useAck && seqLess(lowest, acknowledged)) {
        placeGap(dir, frame, lowest - next[dir], lowest);
        next[dir] = lowest;
        return true;
    }
    return false;
}

StreamFollower::StreamFollower(uint32_t stream) : m(std::make_unique<Impl>()) {
    m->out.stream = stream;
}
StreamFollower::~StreamFollower() = default;
StreamFollower::StreamFollower(StreamFollower&&) noexcept = default;
StreamFollower& StreamFollower::operator=(StreamFollower&&) noexcept = default;

uint32_t StreamFollower::stream() const {
    return m->out.stream;
}

void StreamFollower::add(const TcpPacketAnalysis& a, const Timestamp& ts, const Address& src,
                         uint16_t srcPort, const Address& dst, uint16_t dstPort,
                         std::span<const uint8_t> payload) {
    if (a.stream != m->out.stream || a.headerMalformed) return;
    FollowStream& out = m->out;
    out.found = true;
    uint32_t sequence = a.seq;
    uint32_t length = a.len;
    if (a.flags & TcpFlag::Syn) ++sequence;
    // The first packet names node 0 (Wireshark: its source, whatever its flags).
    if (out.port[0] == 0) {
        out.node[0] = src, out.port[0] = srcPort;
        out.node[1] = dst, out.port[1] = dstPort;
    }
    const int dir = (src == out.node[0] && srcPort == out.port[0]) ? 0 : 1;
    // An acknowledgement of bytes the capture missed lets the other side's waiting segments in.
    while (m->applyFragments(1 - dir, a.ack, a.frameNumber, true)) {
    }
    if (m->written[dir] == 0 && m->next[dir] == 0) m->next[dir] = sequence;
    std::span<const uint8_t> data = payload.first(std::min<size_t>(payload.size(), length));
    // A keep-alive resends one old byte, usually not the one first sent: not an anomaly.
    const bool compare = !(a.analysisFlags & TcpAnalysisFlag::KeepAlive);
    if (seqLess(sequence, m->next[dir])) {
        const uint32_t end = sequence + length;
        if (seqLess(m->next[dir], end)) {
            const uint32_t skip = m->next[dir] - sequence;
            if (compare)
                m->compareOverlap(dir, a.frameNumber, sequence,
                                  data.first(std::min<size_t>(skip, data.size())));
            data = data.size() <= skip ? std::span<const uint8_t>() : data.subspan(skip);
            sequence = m->next[dir];
            length = end - m->next[dir];
        } else if (compare) {
            m->compareOverlap(dir, a.frameNumber, sequence, data);
        }
    }
    if (data.empty() || seqLess(sequence, m->next[dir])) return;
    if (sequence == m->next[dir]) {
        m->place(dir, a.frameNumber, ts, sequence, data);
        m->next[dir] += length;
        m->written[dir] += data.size();
        while (m->applyFragments(dir, 0, a.frameNumber, false)) {
        }
        return;
    }
    m->fragments[dir].push_back(Fragment{a.frameNumber, ts, sequence, {data.begin(), data.end()}});
}

FollowStream StreamFollower::finish() {
    FollowStream& out = m->out;
    for (int dir = 0; dir < 2; ++dir) {
        for (const Fragment& f : m->fragments[dir]) {
            FollowChunk c;
            c.server = dir == 1;
            c.frame = f.frame;
            c.ts = f.ts;
            c.seq = f.seq;
            c.offset = out.bytes.size();
            c.length = uint32_t(f.data.size());
            out.bytes.insert(out.bytes.end(), f.data.begin(), f.data.end());
            out.unplaced.push_back(c);
        }
        m->fragments[dir].clear();
    }
    std::stable_sort(out.unplaced.begin(), out.unplaced.end(),
                     [](const FollowChunk& x, const FollowChunk& y) { return x.frame < y.frame; });
    // A segment placed late (out of order) was compared when placed: in frame order.
    std::stable_sort(
        out.anomalies.begin(), out.anomalies.end(),
        [](const FollowAnomaly& x, const FollowAnomaly& y) { return x.frame < y.frame; });
    return std::move(out);
}

std::optional<std::span<const uint8_t>> followPayload(const Frame& frame, const PacketSummary& s) {
    const size_t headerEnd = size_t(s.tcpOffset) + size_t(s.dataOffset) * 4;
    if (!s.hasTcp || s.dataOffset < 5 || headerEnd > frame.data.size()) return std::nullopt;
    return frame.data.subspan(headerEnd,
                              std::min<size_t>(s.payloadCaptured, frame.data.size() - headerEnd));
}

FollowStream followStream(const CaptureSession& session, uint32_t stream) {
    StreamFollower follower(stream);
    PacketSummary summary;
    for (size_t i = 0; i < session.size(); ++i) {
        const std::optional<PacketBrief> b = session.brief(i);
        if (!b || b->stream != stream) continue;
        const TcpPacketAnalysis* a = session.analysis(i);
        if (!a) continue;
        const PacketRecord r = session.record(i);
        if (!r.hasTcp) continue;
        std::optional<std::span<const uint8_t>> payload = std::span<const uint8_t>();
        if (r.hasBytes) {
            const Frame f = session.frames().view(r.source);
            dissectFrame(f, summary, nullptr, session.options());
            payload = followPayload(f, summary);
        }
        if (payload) follower.add(*a, r.ts, r.src, r.srcPort, r.dst, r.dstPort, *payload);
    }
    return follower.finish();
}

} // namespace tcpscope
