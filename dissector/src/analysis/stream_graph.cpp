// SPDX-License-Identifier: GPL-2.0-or-later
// TCP stream graphs (stream_graph.h): one direction's segments, the other side's ACKs, the
// RTTs, throughput, marks and level of detail.
#include "tcpscope/stream_graph.h"

#include "tcpscope/capture_session.h"
#include "tcpscope/dissect.h"

#include <algorithm>
#include <array>

namespace tcpscope {

namespace {

constexpr std::array<std::string_view, 6> kKindNames = {"stevens", "tcptrace", "throughput",
                                                        "rtt",     "rtt-seq",  "window"};

double secondsOf(const TcpPacketAnalysis& a) {
    return a.timeRelativeNs == INT64_MIN ? 0.0 : double(a.timeRelativeNs) / 1e9;
}

// The graphed direction's first sequence number, raw: SACK blocks are relative to it.
struct SackBase {
    bool known = false;
    uint32_t raw = 0;
};

// The other side's packet: what it acknowledged, its window and its SACK blocks.
GraphAck ackOf(size_t i, const TcpPacketAnalysis& a, const PacketSummary* s, const SackBase& b) {
    GraphAck k;
    k.packet = i;
    k.frame = a.frameNumber;
    k.t = secondsOf(a);
    k.hasAck = a.flags & TcpFlag::Ack;
    k.ack = a.ack;
    k.window = a.windowSize;
    k.flags = a.flags;
    k.analysisFlags = a.analysisFlags;
    if (s && b.known)
        for (uint8_t j = 0; j < s->options.sackCount && j < 4; ++j) {
            k.sack[k.sackCount][0] = s->options.sack[j][0] - b.raw;
            k.sack[k.sackCount][1] = s->options.sack[j][1] - b.raw;
            ++k.sackCount;
        }
    return k;
}

// The RTT an ACK measured, with the acknowledged segment's first byte.
void addRtt(StreamGraph& g, const GraphAck& k, const TcpPacketAnalysis& a) {
    if (!a.acksFrame || a.ackRttNs == INT64_MIN) return;
    auto it =
        std::lower_bound(g.segments.begin(), g.segments.end(), a.acksFrame,
                         [](const GraphSegment& s, uint64_t frame) { return s.frame < frame; });
    if (it == g.segments.end() || it->frame != a.acksFrame) return;
    g.rtts.push_back(
        GraphRtt{k.packet, k.frame, k.t, double(a.ackRttNs) / 1e9, it->seq, it->frame});
}

} // namespace

std::string_view graphKindName(GraphKind k) {
    return kKindNames[size_t(k)];
}

bool parseGraphKind(std::string_view name, GraphKind& out) {
    for (size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == name) {
            out = GraphKind(i);
            return true;
        }
    return false;
}

StreamGraph buildStreamGraph(const CaptureSession& session, uint32_t stream, bool fromServer) {
    StreamGraph g;
    g.stream = stream;
    g.fromServer = fromServer;
    const auto& conns = session.tracker().connections();
    if (stream >= conns.size()) return g;
    g.found = true;
    const TcpConnection& c = conns[stream];
    const TcpEndpointSummary& from = fromServer ? c.server : c.client;
    const TcpEndpointSummary& to = fromServer ? c.client : c.server;
    g.src = from.address, g.srcPort = from.port;
    g.dst = to.address, g.dstPort = to.port;
    g.duration = c.hasTimestamps ? double(c.durationNs()) / 1e9 : 0.0;
    const EndpointRole sender = fromServer ? EndpointRole::Server : EndpointRole::Client;
    SackBase base;
    PacketSummary summary;
    for (size_t i = 0; i < session.size(); ++i) {
        const std::optional<PacketBrief> b = session.brief(i);
        if (!b || b->stream != stream || b->headerMalformed()) continue;
        const TcpPacketAnalysis* a = session.analysis(i);
        if (!a) continue;
        const PacketRecord& r = session.records()[i];
        // The bytes are read again only where the raw numbers matter: the graphed direction's
        // first segment (its raw ISN) and the other side's packets (their SACK blocks).
        const PacketSummary* s = nullptr;
        if (r.hasBytes && (a->sender == sender ? !base.known : base.known)) {
            dissectFrame(session.frames().view(r.source), summary, nullptr, session.options());
            if (summary.hasTcp) s = &summary;
        }
        if (a->sender == sender) {
            if (s && !base.known) base = SackBase{true, s->seq - a->seq};
            if (a->len == 0 && !(a->flags & (TcpFlag::Syn | TcpFlag::Fin | TcpFlag::Rst))) continue;
            g.segments.push_back(GraphSegment{i, a->frameNumber, secondsOf(*a), a->seq, a->len,
                                              a->flags, a->analysisFlags, a->bytesInFlight});
            g.bytes += a->len;
            continue;
        }
        g.acks.push_back(ackOf(i, *a, s, base));
        addRtt(g, g.acks.back(), *a);
    }
    return g;
}

bool graphDirectionFor(const CaptureSession& session, size_t packet) {
    const TcpPacketAnalysis* a = session.analysis(packet);
    if (!a) return false;
    const bool server = a->sender == EndpointRole::Server;
    return a->len > 0 ? server : !server;
}

std::vector<RatePoint> throughputSeries(const StreamGraph& g, double window) {
    std::vector<RatePoint> out;
    uint64_t sum = 0, good = 0;
    size_t oldest = 0;
    const auto& s = g.segments;
    for (size_t i = 0; i < s.size(); ++i) {
        sum += s[i].len;
        if (!(s[i].analysisFlags & TcpAnalysisFlag::Retransmission)) good += s[i].len;
        while (oldest < i && s[i].t - s[oldest].t > window) {
            sum -= s[oldest].len;
            if (!(s[oldest].analysisFlags & TcpAnalysisFlag::Retransmission)) good -= s[oldest].len;
            ++oldest;
        }
        if (s[i].len == 0) continue;
        // Over the window, or over the time since the first segment while it is shorter.
        const double span = std::min(window, s[i].t - s.front().t);
        if (span <= 0) continue;
        out.push_back(RatePoint{i, s[i].t, double(sum) * 8 / span, double(good) * 8 / span});
    }
    return out;
}

std::vector<GraphMarkPoint> graphMarks(const StreamGraph& g) {
    std::vector<GraphMarkPoint> out;
    auto add = [&](GraphMark m, size_t packet, uint64_t frame, double t, uint32_t seq) {
        out.push_back(GraphMarkPoint{m, packet, frame, t, seq});
    };
    for (const GraphSegment& s : g.segments) {
        if (s.analysisFlags & TcpAnalysisFlag::Retransmission)
            add(GraphMark::Retransmission, s.packet, s.frame, s.t, s.seq);
        if (s.analysisFlags & TcpAnalysisFlag::WindowFull)
            add(GraphMark::WindowFull, s.packet, s.frame, s.t, s.seq + s.len);
        if (s.flags & TcpFlag::Syn) add(GraphMark::Syn, s.packet, s.frame, s.t, s.seq);
        if (s.flags & TcpFlag::Fin) add(GraphMark::Fin, s.packet, s.frame, s.t, s.seq + s.len);
        if (s.flags & TcpFlag::Rst) add(GraphMark::Rst, s.packet, s.frame, s.t, s.seq);
    }
    for (const GraphAck& k : g.acks) {
        if (k.analysisFlags & TcpAnalysisFlag::DuplicateAck)
            add(GraphMark::DuplicateAck, k.packet, k.frame, k.t, k.ack);
        if (k.analysisFlags & TcpAnalysisFlag::ZeroWindow)
            add(GraphMark::ZeroWindow, k.packet, k.frame, k.t, k.ack);
        if (k.flags & TcpFlag::Rst) add(GraphMark::Rst, k.packet, k.frame, k.t, k.ack);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const GraphMarkPoint& a, const GraphMarkPoint& b) { return a.t < b.t; });
    return out;
}

std::vector<size_t> decimate(const std::vector<double>& x, const std::vector<double>& y, double x0,
                             double x1, int columns) {
    std::vector<size_t> out;
    if (x.empty() || columns <= 0 || !(x1 > x0)) return out;
    const size_t from = size_t(std::lower_bound(x.begin(), x.end(), x0) - x.begin());
    const size_t to = size_t(std::upper_bound(x.begin(), x.end(), x1) - x.begin());
    // The point just outside each end, so that lines reach the edges.
    const size_t lo = from > 0 ? from - 1 : from, hi = to < x.size() ? to + 1 : to;
    if (hi - lo <= size_t(columns) * 4) {
        for (size_t i = lo; i < hi; ++i) out.push_back(i);
        return out;
    }
    const double scale = columns / (x1 - x0);
    size_t first = lo;
    while (first < hi) {
        const auto column = int64_t((x[first] - x0) * scale);
        size_t last = first, ymin = first, ymax = first;
        while (last + 1 < hi && int64_t((x[last + 1] - x0) * scale) == column) {
            ++last;
            if (y[last] < y[ymin]) ymin = last;
            if (y[last] > y[ymax]) ymax = last;
        }
        std::array<size_t, 4> keep = {first, ymin, ymax, last};
        std::sort(keep.begin(), keep.end());
        for (size_t k = 0; k < 4; ++k)
            if (k == 0 || keep[k] != keep[k - 1]) out.push_back(keep[k]);
        first = last + 1;
    }
    return out;
}

} // namespace tcpscope
