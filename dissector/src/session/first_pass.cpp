// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/first_pass.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/field.h"
#include "tcpscope/field_format.h"
#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <utility>

namespace tcpscope {

// A packet read but not yet handed on: its bytes (copied: the reader reuses its buffer), its
// decode and tree, and where its analysis sits in the tracker.
// The decode lives apart (FirstPass::Decode), in a ring of its own that exists only when the
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
    ProtoTree tree;
};

struct FirstPass::Decode {
    PacketSummary summary;
    TcpSegment segment;
};

FirstPass::FirstPass(FirstPassOptions options, Sink sink)
    : m_options(std::move(options)), m_sink(std::move(sink)) {
    registerAllProtocols();
    // Results a later packet may amend must stay where the walker can reach them until they
    // are handed on; only a pass that hands packets on at once and keeps nothing needs none.
    m_tracker.setKeepPackets(m_options.keepAnalyses || !m_options.handOnAtRead);
    if (m_options.trees == FirstPassOptions::Trees::Kept) m_tree.keepOnly(m_options.keptFields);
}

FirstPass::~FirstPass() = default;

void FirstPass::addAnalysisNodes(ProtoTree& tree, const TcpPacketAnalysis& a) const {
    if (m_options.trees == FirstPassOptions::Trees::Full)
        addAnalysisToTree(tree, a, m_options.dissect.displayText);
    else // a kept tree is a flat list: the analysis values follow the packet's own
        tcpscope::addAnalysisNodes(tree, -1, 0, a, m_options.dissect.displayText);
}

bool FirstPass::handOn(const PassPacket& p) {
    if (p.tree && p.analysis) addAnalysisNodes(*p.tree, *p.analysis);
    if (!m_sink(p)) m_stopped = true;
    if (p.analysisIndex != SIZE_MAX) {
        m_handedTcp = p.analysisIndex + 1;
        if (!m_options.keepAnalyses) m_tracker.release(m_handedTcp);
    }
    return !m_stopped;
}

bool FirstPass::add(const Frame& frame, bool hasTimestamp) {
    if (m_stopped) return false;
    PassPacket p;
    p.index = m_count++;
    p.frame = &frame;
    p.hasTimestamp = hasTimestamp;
    if (!m_options.dissectFrames) return handOn(p);
    p.summary = &m_summary;
    if (m_options.trees != FirstPassOptions::Trees::None) {
        m_tree.clear();
        p.tree = &m_tree;
    }
    dissectFrame(frame, m_summary, p.tree, m_options.dissect);
    if (m_options.track && segmentFromSummary(frame, m_summary, m_segment)) {
        p.segment = &m_segment;
        p.analysis = &m_tracker.add(m_segment);
        p.analysisIndex = m_tracker.packetCount() - 1;
    }
    if (m_options.handOnAtRead ||
        (m_waiting == 0 &&
         (p.analysisIndex == SIZE_MAX || p.analysisIndex < m_tracker.firstUnsettled())))
        handOn(p);
    else
        queue(p);
    flush(false);
    return !m_stopped;
}

bool FirstPass::addSegment(const TcpSegment& segment) {
    if (m_stopped) return false;
    static const FieldId tcpId = fieldId("tcp");
    PassPacket p;
    p.index = m_count++;
    p.hasTimestamp = segment.hasTimestamp;
    p.segment = &segment;
    if (m_options.trees != FirstPassOptions::Trees::None) {
        // No bytes: only what the tracker knows, on a TCP layer made from the text line.
        m_tree.clear();
        m_tree.add(-1, tcpId, 0, 0, std::monostate{},
                   m_options.dissect.displayText
                       ? composeText(FieldRegistry::instance().def(tcpId), std::monostate{}, 0,
                                     Shown::title("Transmission Control Protocol (from tcpdump "
                                                  "text)"))
                       : NodeText{});
        p.tree = &m_tree;
    }
    if (m_options.track) {
        p.analysis = &m_tracker.add(segment);
        p.analysisIndex = m_tracker.packetCount() - 1;
    }
    if (m_options.handOnAtRead ||
        (m_waiting == 0 &&
         (p.analysisIndex == SIZE_MAX || p.analysisIndex < m_tracker.firstUnsettled())))
        handOn(p);
    else
        queue(p);
    flush(false);
    return !m_stopped;
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
    if (p.frame) {
        w.frame = *p.frame;
        if (m_options.keepBytes)
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
    if (p.tree) std::swap(w.tree, *p.tree); // the slot's cleared tree becomes the scratch one
}

void FirstPass::flush(bool all) {
    while (m_waiting > 0 && !m_stopped) {
        Waiting& w = m_ring[m_head];
        const bool settled =
            w.analysisIndex == SIZE_MAX || w.analysisIndex < m_tracker.firstUnsettled();
        if (!all && !settled && m_waiting <= m_options.maxPending) break;
        PassPacket p;
        p.index = w.index;
        w.frame.data = w.bytes; // here: the slot may have moved since it was filled
        p.frame = w.hasFrame ? &w.frame : nullptr;
        p.hasTimestamp = w.hasTimestamp;
        p.summary = w.hasSummary ? &m_decode[m_head].summary : nullptr;
        p.segment = w.hasSegment ? &m_decode[m_head].segment : nullptr;
        p.analysisIndex = w.analysisIndex;
        if (w.analysisIndex != SIZE_MAX) p.analysis = m_tracker.packet(w.analysisIndex);
        if (m_options.trees != FirstPassOptions::Trees::None) p.tree = &w.tree;
        handOn(p);
        w.tree.clear();
        m_head = (m_head + 1) % m_ring.size();
        --m_waiting;
    }
    if (m_stopped) m_waiting = 0;
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
    for (const TcpSegment& s : input.segments)
        if (!addSegment(s)) break;
    finish();
    return info;
}

LoadedInput FirstPass::run(const std::string& path) {
    if (path == "-" || !isCaptureFile(path)) return run(loadPath(path));
    LoadedInput info = forEachFrame(path, [&](const Frame& f) { return add(f, true); });
    finish();
    return info;
}

} // namespace tcpscope
