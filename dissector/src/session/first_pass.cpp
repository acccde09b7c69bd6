// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/first_pass.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/field.h"
#include "tcpscope/field_format.h"
#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tcpscope {

// A packet read but not yet handed on: its bytes (copied: the reader reuses its buffer), its
// decode and tree, and where its analysis sits in the tracker.
// The decode lives apart (DecodedFrame), in a ring of its own that exists only when the
// sink reads it: a pass whose packets mostly wait then cycles through less memory.
struct FirstPass::Waiting {
    size_t index = 0;
    bool hasFrame = false;
    bool hasTimestamp = true;
    bool hasSummary = false;
    bool hasSegment = false;
    Frame frame;
    std::vector<uint8_t> bytes;
    size_t analysisIndex = SIZE_MAX;
    std::string_view text; // a tcpdump line: into the input, which outlives the pass
    ProtoTree tree;
    size_t counted = 0; // what the window counted for it (FirstPass::slotBytes())
};

namespace {
// What an idle slot of the waiting ring keeps for its next packet: a full-size Ethernet frame's
// buffer and a kept tree's nodes. Larger ones are freed once handed on.
constexpr size_t kKeptSlotBytes = 2048;
constexpr size_t kKeptSlotNodes = 64;
} // namespace

FirstPass::FirstPass(FirstPassOptions options, Sink sink)
    : m_options(std::move(options)), m_sink(std::move(sink)) {
    registerAllProtocols();
    // Results a later packet may amend must stay where the walker can reach them until they
    // are handed on; only a pass that hands packets on at once and keeps nothing needs none.
    m_tracker.setKeepPackets(m_options.keepAnalyses || !m_options.handOnAtRead);
    if (m_options.keepBriefs && !m_options.keepAnalyses && m_options.handOnAtRead)
        m_tracker.setKeepBriefs();
    if (m_options.trees == FirstPassOptions::Trees::Kept) m_tree.keepOnly(m_options.keptFields);
    // A kept tree of the tracker's fields alone (`fields -e tcp.stream -e tcpfsm.client`) gets
    // every node from the analysis: its frames are dissected as with no tree at all, which
    // spares asking the tree about each of the few dozen fields a header has.
    const std::vector<FieldId>& kept = m_options.keptFields;
    m_dissectIntoTree = m_options.trees != FirstPassOptions::Trees::Kept || kept.empty() ||
                        !std::all_of(kept.begin(), kept.end(), isAnalysisField);
}

FirstPass::~FirstPass() = default;

void FirstPass::addAnalysisNodes(ProtoTree& tree, const TcpPacketAnalysis& a) const {
    if (m_options.trees == FirstPassOptions::Trees::Full)
        addAnalysisToTree(tree, m_tracker, a, m_options.dissect.displayText);
    else // a kept tree is a flat list: the analysis values follow the packet's own
        tcpscope::addAnalysisNodes(tree, -1, 0, m_tracker, a, m_options.dissect.displayText);
}

bool FirstPass::handOn(const PassPacket& p) {
    if (p.tree && p.analysis) addAnalysisNodes(*p.tree, *p.analysis);
    if (!m_sink(p)) m_stopped = true;
    if (p.analysisIndex != SIZE_MAX) {
        m_handedTcp = std::max(m_handedTcp, p.analysisIndex + 1);
        // Out of order, a packet still waiting keeps its results (and those after it).
        size_t before = m_handedTcp;
        if (m_waiting > 0 && !m_options.inOrder)
            before = std::min(before, m_ring[m_head].analysisIndex);
        if (!m_options.keepAnalyses) m_tracker.release(before);
    }
    return !m_stopped;
}

// Whether a packet just read is handed on now rather than queued.
bool FirstPass::ready(const PassPacket& p) {
    if (m_options.handOnAtRead) return true;
    const bool noResults = p.analysisIndex == SIZE_MAX;
    if (!m_options.inOrder) return noResults || m_tracker.settled(p.analysisIndex);
    return m_waiting == 0 && (noResults || p.analysisIndex < m_tracker.firstUnsettled());
}

bool FirstPass::add(const Frame& frame, bool hasTimestamp) {
    if (tracksOnly()) {
        if (m_stopped) return false;
        const bool has =
            trackedSegment(frame, m_options.dissect, m_decoded.summary, m_decoded.segment);
        return addTracked(frame, has ? &m_decoded.segment : nullptr, hasTimestamp);
    }
    if (m_stopped) return false;
    PassPacket p;
    p.index = m_count++;
    p.frame = &frame;
    p.hasTimestamp = hasTimestamp;
    if (!m_options.dissectFrames) return handOn(p);
    // A full tree is built now only if its packet will likely be handed on now: in input
    // order, a packet read while others wait waits too, and its tree is built when it goes.
    const bool full = m_options.trees == FirstPassOptions::Trees::Full;
    const bool willWait = full && m_options.inOrder && !m_options.handOnAtRead && m_waiting > 0;
    if (m_options.trees != FirstPassOptions::Trees::None && !willWait) {
        m_tree.clear();
        p.tree = &m_tree;
    }
    decode(frame, m_decoded, m_options, m_dissectIntoTree ? p.tree : nullptr);
    return takeDecoded(p, m_decoded);
}

void FirstPass::decode(const Frame& frame, DecodedFrame& out, const FirstPassOptions& options,
                       ProtoTree* tree) {
    dissectFrame(frame, out.summary, tree, options.dissect);
    out.hasSegment = options.track && segmentFromSummary(frame, out.summary, out.segment);
}

void FirstPass::decodeBatch(std::span<const Frame> frames, std::vector<DecodedFrame>& out,
                            const FirstPassOptions& options) {
    if (out.size() < frames.size()) out.resize(frames.size());
    for (size_t i = 0; i < frames.size(); ++i) decode(frames[i], out[i], options);
}

bool FirstPass::add(const Frame& frame, const DecodedFrame& decoded, bool hasTimestamp) {
    if (m_options.trees != FirstPassOptions::Trees::None || !m_options.dissectFrames)
        return add(frame, hasTimestamp);
    if (m_stopped) return false;
    PassPacket p;
    p.index = m_count++;
    p.frame = &frame;
    p.hasTimestamp = hasTimestamp;
    return takeDecoded(p, decoded);
}

// A pass that hands on no summary and builds no trees: only the tracker reads the frames.
bool FirstPass::tracksOnly() const {
    return !m_options.handOnSummary && m_options.track && m_options.dissectFrames &&
           m_options.trees == FirstPassOptions::Trees::None;
}

// The segment such a pass tracks: read straight from the bytes for the commonest frames
// (segmentFromFrame), from a dissection into `scratch` otherwise. Whether there is one.
bool FirstPass::trackedSegment(const Frame& frame, const DissectOptions& options,
                               PacketSummary& scratch, TcpSegment& segment) {
    if (segmentFromFrame(frame, options, segment)) return true;
    dissectFrame(frame, scratch, nullptr, options);
    return segmentFromSummary(frame, scratch, segment);
}

// A frame read by a pass that only tracks (tracksOnly()): its segment, or null when it has
// none, to the tracker; then take().
bool FirstPass::addTracked(const Frame& frame, const TcpSegment* segment, bool hasTimestamp) {
    if (m_stopped) return false;
    PassPacket p;
    p.index = m_count++;
    p.frame = &frame;
    p.hasTimestamp = hasTimestamp;
    if (segment) {
        p.segment = segment;
        p.analysis = &m_tracker.add(*segment);
        p.analysisIndex = m_tracker.packetCount() - 1;
    }
    return take(p);
}

// A frame's decode into its packet, its segment to the tracker; then take().
bool FirstPass::takeDecoded(PassPacket& p, const DecodedFrame& d) {
    p.summary = &d.summary;
    if (d.hasSegment) {
        p.segment = &d.segment;
        p.analysis = &m_tracker.add(d.segment);
        p.analysisIndex = m_tracker.packetCount() - 1;
    }
    return take(p);
}

// A packet read: handed on now, or queued until its results are settled.
bool FirstPass::take(const PassPacket& p) {
    if (ready(p))
        handOn(p);
    else
        queue(p);
    if (m_waiting > 0) flush(false); // nothing waits when each packet goes as it is read
    return !m_stopped;
}

namespace {

// A node whose value was read from a tcpdump line, not from bytes (ProtoTree::setFromText).
int32_t addTextNode(ProtoTree& tree, int32_t parent, std::string_view abbrev, FieldValue value,
                    bool displayText, const Shown& shown = kNoShown) {
    const FieldId id = fieldId(abbrev);
    const NodeText text =
        displayText ? composeText(FieldRegistry::instance().def(id), value, 0, shown) : NodeText{};
    const int32_t n = tree.add(parent, id, 0, 0, std::move(value), text);
    tree.setFromText(n);
    return n;
}

} // namespace

void addTextSegmentTree(ProtoTree& tree, const TcpSegment& s, bool displayText) {
    const bool v4 = s.src.family == 4;
    const int32_t ip = addTextNode(
        tree, -1, v4 ? "ip" : "ipv6", std::monostate{}, displayText,
        Shown::title(
            std::string(v4 ? "Internet Protocol Version 4" : "Internet Protocol Version 6") +
            " (from tcpdump text), Src: " + s.src.toString() + ", Dst: " + s.dst.toString()));
    auto address = [&](const Address& a) -> FieldValue {
        if (v4)
            return uint64_t(uint32_t(a.bytes[0]) << 24 | uint32_t(a.bytes[1]) << 16 |
                            uint32_t(a.bytes[2]) << 8 | a.bytes[3]);
        return std::vector<uint8_t>(a.bytes.begin(), a.bytes.end());
    };
    addTextNode(tree, ip, v4 ? "ip.src" : "ipv6.src", address(s.src), displayText);
    addTextNode(tree, ip, v4 ? "ip.dst" : "ipv6.dst", address(s.dst), displayText);
    const int32_t tcp = addTextNode(
        tree, -1, "tcp", std::monostate{}, displayText,
        Shown::title("Transmission Control Protocol (from tcpdump text), Src Port: " +
                     std::to_string(s.srcPort) + ", Dst Port: " + std::to_string(s.dstPort)));
    addTextNode(tree, tcp, "tcp.srcport", uint64_t(s.srcPort), displayText);
    addTextNode(tree, tcp, "tcp.dstport", uint64_t(s.dstPort), displayText);
    // Relative numbers whose base the text lacks are not the raw ones: left out.
    if (!s.relativeSeq && s.seqPresent)
        addTextNode(tree, tcp, "tcp.seq_raw", uint64_t(s.seq), displayText);
    if (!s.relativeSeq && s.ackPresent && (s.flags & TcpFlag::Ack))
        addTextNode(tree, tcp, "tcp.ack_raw", uint64_t(s.ack), displayText);
    addTextNode(tree, tcp, "tcp.flags", uint64_t(s.flags), displayText, Shown().withoutBits());
    addTextNode(tree, tcp, "tcp.window_size_value", uint64_t(s.window), displayText);
    addTextNode(tree, tcp, "tcp.len", uint64_t(s.payloadLength), displayText);
    const TcpOptionSummary& o = s.options;
    if (o.mss >= 0) addTextNode(tree, tcp, "tcp.options.mss_val", uint64_t(o.mss), displayText);
    if (o.wscale >= 0)
        addTextNode(tree, tcp, "tcp.options.wscale.shift", uint64_t(o.wscale), displayText);
    if (o.sackPermitted)
        addTextNode(tree, tcp, "tcp.options.sack_perm", std::monostate{}, displayText);
    if (o.hasTimestamp) {
        addTextNode(tree, tcp, "tcp.options.timestamp.tsval", uint64_t(o.tsVal), displayText);
        addTextNode(tree, tcp, "tcp.options.timestamp.tsecr", uint64_t(o.tsEcr), displayText);
    }
    for (uint8_t k = 0; k < o.sackCount && k < o.sack.size(); ++k) {
        addTextNode(tree, tcp, "tcp.options.sack_le", uint64_t(o.sack[k][0]), displayText);
        addTextNode(tree, tcp, "tcp.options.sack_re", uint64_t(o.sack[k][1]), displayText);
    }
}

bool FirstPass::addSegment(const TcpSegment& segment, std::string_view line) {
    if (m_stopped) return false;
    PassPacket p;
    p.index = m_count++;
    p.hasTimestamp = segment.hasTimestamp;
    p.segment = &segment;
    p.text = line;
    if (m_options.trees != FirstPassOptions::Trees::None) {
        // No bytes: what the line said, marked so, and what the tracker knows.
        m_tree.clear();
        addTextSegmentTree(m_tree, segment, m_options.dissect.displayText);
        p.tree = &m_tree;
    }
    if (m_options.track) {
        p.analysis = &m_tracker.add(segment);
        p.analysisIndex = m_tracker.packetCount() - 1;
    }
    return take(p);
}

// A waiting packet's memory as the window counts it: its slot, its copied bytes and its
// kept tree's nodes.
size_t FirstPass::slotBytes(const Waiting& w) const {
    return sizeof(Waiting) + (m_options.keepDecode ? sizeof(DecodedFrame) : 0) +
           w.bytes.capacity() + w.tree.nodes().capacity() * sizeof(TreeNode);
}

// A waiting packet's full tree, from its bytes, as add() would have built it.
void FirstPass::rebuildTree(Waiting& w) {
    PacketSummary scratch;
    w.tree.clear();
    dissectFrame(w.frame, scratch, &w.tree, m_options.dissect);
}

void FirstPass::queue(const PassPacket& p) {
    if (m_waiting == m_ring.size()) { // full: twice the slots, the oldest first
        std::rotate(m_ring.begin(), m_ring.begin() + std::ptrdiff_t(m_head), m_ring.end());
        if (m_options.keepDecode)
            std::rotate(m_decode.begin(), m_decode.begin() + std::ptrdiff_t(m_head),
                        m_decode.end());
        m_head = 0;
        // At most one more than the window: flush() hands the oldest on beyond it.
        const size_t grown = std::min(std::max<size_t>(16, 2 * m_ring.size()),
                                      std::max<size_t>(16, m_options.maxPending + 1));
        m_ring.reserve(grown);
        while (m_ring.size() < grown) {
            Waiting& fresh = m_ring.emplace_back();
            if (m_options.trees == FirstPassOptions::Trees::Kept)
                fresh.tree.keepLike(m_tree); // clear() keeps it for later uses
        }
        if (m_options.keepDecode) m_decode.resize(grown);
    }
    const size_t at = (m_head + m_waiting++) % m_ring.size();
    Waiting& w = m_ring[at];
    w.index = p.index;
    w.hasFrame = p.frame != nullptr;
    const bool full = m_options.trees == FirstPassOptions::Trees::Full;
    if (p.frame) {
        w.frame = *p.frame;
        if (m_options.keepBytes || full) // a full tree is built from them later
            w.bytes.assign(p.frame->data.begin(), p.frame->data.end());
        else
            w.bytes.clear();
    }
    w.hasTimestamp = p.hasTimestamp;
    w.hasSummary = p.summary && m_options.keepDecode;
    if (w.hasSummary) m_decode[at].summary = *p.summary;
    w.hasSegment = p.segment && m_options.keepDecode;
    if (w.hasSegment) m_decode[at].segment = *p.segment;
    w.analysisIndex = p.analysisIndex;
    w.text = p.text;
    // A full tree (large) is dropped and built again when the packet goes, except a tcpdump
    // line's (no bytes to build it from; text input is small). A kept tree is swapped in: the
    // slot's cleared tree becomes the scratch one.
    if (p.tree && (!full || !p.frame)) std::swap(w.tree, *p.tree);
    w.counted = slotBytes(w);
    m_ringBytes += w.counted;
}

void FirstPass::flush(bool all) {
    while (m_waiting > 0 && !m_stopped) {
        Waiting& w = m_ring[m_head];
        const bool settled = w.analysisIndex == SIZE_MAX ||
                             (m_options.inOrder ? w.analysisIndex < m_tracker.firstUnsettled()
                                                : m_tracker.settled(w.analysisIndex));
        // In order, every packet read since the oldest waits behind it.
        const size_t behind = m_options.inOrder ? m_waiting : m_count - w.index;
        // The tracker keeps every result from the oldest waiting packet's on: those count too.
        const size_t held =
            w.analysisIndex == SIZE_MAX || m_options.keepAnalyses
                ? 0
                : (m_tracker.packetCount() - w.analysisIndex) * sizeof(TcpPacketAnalysis);
        if (!all && !settled && behind <= m_options.maxPending &&
            m_ringBytes + held <= m_options.maxPendingBytes)
            break;
        PassPacket p;
        p.index = w.index;
        w.frame.data = w.bytes; // here: the slot may have moved since it was filled
        p.frame = w.hasFrame ? &w.frame : nullptr;
        p.hasTimestamp = w.hasTimestamp;
        p.summary = w.hasSummary ? &m_decode[m_head].summary : nullptr;
        p.segment = w.hasSegment ? &m_decode[m_head].segment : nullptr;
        p.analysisIndex = w.analysisIndex;
        p.text = w.text;
        if (w.analysisIndex != SIZE_MAX) p.analysis = m_tracker.packet(w.analysisIndex);
        if (m_options.trees != FirstPassOptions::Trees::None) p.tree = &w.tree;
        if (m_options.trees == FirstPassOptions::Trees::Full && w.hasFrame) rebuildTree(w);
        // Off the ring before it is handed on (the slot is not reused meanwhile), so that its
        // results are released with it: settled as they stand (handOn()).
        m_head = (m_head + 1) % m_ring.size();
        --m_waiting;
        handOn(p);
        w.tree.clear();
        m_ringBytes -= w.counted;
        // A buffer grown past a full-size frame's (a jumbo or a full tree) is given back, so
        // that the ring's idle slots cannot hold more than the window.
        if (w.bytes.capacity() > kKeptSlotBytes) std::vector<uint8_t>().swap(w.bytes);
        if (w.tree.nodes().capacity() > kKeptSlotNodes) {
            ProtoTree fresh;
            if (m_options.trees == FirstPassOptions::Trees::Kept) fresh.keepLike(m_tree);
            w.tree = std::move(fresh);
        }
    }
    if (m_stopped) m_waiting = m_ringBytes = 0;
}

void FirstPass::finish(bool inputEnded) {
    if (inputEnded && m_options.track) m_tracker.finish();
    flush(true);
}

LoadedInput FirstPass::run(const LoadedInput& input) {
    LoadedInput info;
    info.kind = input.kind;
    info.formatName = input.formatName;
    info.error = input.error;
    for (const OwnedFrame& of : input.frames)
        if (!add(of.view(), of.hasTimestamp)) break;
    for (size_t i = 0; i < input.segments.size(); ++i)
        if (!addSegment(input.segments[i], i < input.lines.size() ? std::string_view(input.lines[i])
                                                                  : std::string_view()))
            break;
    finish();
    return info;
}

LoadedInput FirstPass::run(const std::string& path) {
    // A capture on standard input or a pipe is added as it arrives (run() then only
    // finishes); text there, and text files, are read whole.
    if (isStreamInput(path))
        return run(streamOrLoad(path, [&](const Frame& f) { return add(f, true); }));
    if (!isCaptureFile(path)) return run(loadPath(path));
    LoadedInput info = readCaptureFile(path);
    finish();
    return info;
}

// A capture file, read by libpcap on a second thread a few batches ahead. A pass that builds
// no trees has that thread dissect the batches too while it is ahead (decode(), as the
// viewer's loader does): dissecting was half of `conversations` on small packets, and now
// overlaps the tracking, which stays on this thread with the sink.
LoadedInput FirstPass::readCaptureFile(const std::string& path) {
    if (m_options.trees != FirstPassOptions::Trees::None || !m_options.dissectFrames)
        return forEachFrameReadAhead(path, [&](const Frame& f) { return add(f, true); });
    ReadAheadStages stages;
    if (tracksOnly()) {
        // Only the segments cross. Each slot has a summary of its own for the frames that are
        // dissected (two threads may prepare two slots at once).
        struct Tracked {
            std::vector<TcpSegment> segments;
            std::vector<uint8_t> has;
            PacketSummary scratch;
        };
        std::array<Tracked, ReadAheadStages::kSlots> tracked;
        stages.prepare = [&](std::span<const Frame> frames, size_t slot) {
            Tracked& t = tracked[slot];
            if (t.segments.size() < frames.size()) {
                t.segments.resize(frames.size());
                t.has.resize(frames.size());
            }
            for (size_t i = 0; i < frames.size(); ++i)
                t.has[i] = trackedSegment(frames[i], m_options.dissect, t.scratch, t.segments[i]);
        };
        stages.consume = [&](const Frame& f, size_t slot, size_t i) {
            const Tracked& t = tracked[slot];
            return addTracked(f, t.has[i] ? &t.segments[i] : nullptr, true);
        };
        return readAheadPipeline(path, stages);
    }
    std::array<std::vector<DecodedFrame>, ReadAheadStages::kSlots> decoded;
    stages.prepare = [&](std::span<const Frame> frames, size_t slot) {
        decodeBatch(frames, decoded[slot], m_options);
    };
    stages.consume = [&](const Frame& f, size_t slot, size_t i) {
        return add(f, decoded[slot][i], true);
    };
    return readAheadPipeline(path, stages);
}

} // namespace tcpscope
