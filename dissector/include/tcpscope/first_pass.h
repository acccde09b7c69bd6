// SPDX-License-Identifier: GPL-2.0-or-later
// The one first pass over a capture (DESIGN.md 7): frames are read, dissected, their TCP
// segments fed to the connection tracker, and each packet is handed on once the tracker has
// settled its results (a later packet may still amend an earlier one: a crossing SYN or FIN,
// a refused SYN). The command line, the viewer, the fuzzers and live capture all read captures
// through it; none of them re-implements it.
//
// Memory stays bounded when results are not kept: a packet waits for its settlement in a
// window of at most `maxPending` packets and `maxPendingBytes` bytes, with its bytes (and a
// kept tree) copied only while it waits; past that the oldest is settled as it stands
// (ConnectionTracker::release()). A full tree is not kept while its packet waits: it is built
// from the packet's bytes when the packet is handed on.
#pragma once

#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/proto_tree.h"
#include "tcpscope/tcp_segment.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tcpscope {

struct FirstPassOptions {
    DissectOptions dissect;
    // Dissect each frame at all: a pass that only needs the frames (the tcpdump printer reads
    // the bytes itself) turns it off, and tracks nothing.
    bool dissectFrames = true;
    bool track = true; // run the connection tracker
    // Keep every packet's analysis in the tracker for random access afterwards (the viewer,
    // the ladder). Otherwise only what is not yet handed on is kept.
    bool keepAnalyses = false;
    // Keep only every packet's brief (ConnectionTracker::setKeepBriefs), with handOnAtRead and
    // without keepAnalyses: the viewer's sessions of a file, which recompute the rest.
    bool keepBriefs = false;
    // Hand packets on as they are read, before later packets may amend their analysis (whose
    // pointer then stays valid only when keepAnalyses is set). The viewer builds its rows so.
    bool handOnAtRead = false;
    // Trees to build for each packet, with the tracker's analysis added: none, only these
    // fields (ProtoTree::keepOnly, for `fields`), or the full tree.
    enum class Trees : uint8_t { None, Kept, Full } trees = Trees::None;
    std::vector<FieldId> keptFields;
    // Copy a waiting packet's bytes, so that the sink sees them: off when the sink reads only
    // the trees (a waiting packet is then handed on with an empty frame.data).
    bool keepBytes = true;
    // Copy a waiting packet's decode (summary and segment) likewise: off when the sink reads
    // only the trees (a waiting packet is then handed on without them). A waiting packet's
    // copy is the first pass's largest cost per packet when most packets wait (`fields`).
    bool keepDecode = true;
    // Hand each packet's summary on to the sink: off when the sink reads only the segment and
    // the analysis (`conversations`). With no trees either, the pass then reads most frames'
    // segments straight from their bytes (segmentFromFrame) instead of dissecting them, and
    // a file read on two threads passes only the segments from one thread to the other.
    bool handOnSummary = true;
    size_t maxPending = 1 << 16;
    // The window's memory: the waiting packets' copied bytes, their kept trees and their
    // slots, and the tracker's results kept from the oldest waiting packet's on, at most about
    // this much. Large packets then wait in a shorter window than small ones; the output is
    // the same for the same input.
    size_t maxPendingBytes = size_t(4) << 20;
    // Hand packets on in input order. Off: each packet as soon as its own results are final,
    // ahead of earlier packets still waiting for theirs (PassPacket::index tells the order, the
    // sink restores it); only those wait here. A packet whose peer may still take back its
    // step (the ACK of a FIN) then holds back no copies of the packets behind it, only the
    // sink's lines (`fields`). The window is the same: the oldest waiting packet is handed on
    // as it stands once maxPending packets were read after it.
    bool inOrder = true;
};

// One packet as the first pass hands it on.
struct PassPacket {
    size_t index = 0;             // 0-based, in input order
    const Frame* frame = nullptr; // null for a tcpdump text line (no bytes)
    bool hasTimestamp = true;
    const PacketSummary* summary = nullptr;      // null for a text line, or not dissecting
    const TcpSegment* segment = nullptr;         // the segment tracked, or null (not TCP)
    const TcpPacketAnalysis* analysis = nullptr; // null when not TCP or not tracking
    size_t analysisIndex = SIZE_MAX;             // the tracker's index of `analysis`
    ProtoTree* tree = nullptr;                   // when trees are built
    std::string_view text; // a tcpdump text line as it was read (summary prints it back)
};

// A frame dissected before the pass tracks it (FirstPass::decode): what add() dissects itself,
// done apart. The viewer's loader decodes a batch of frames on one thread while the pass
// tracks the batch before on another.
struct DecodedFrame {
    PacketSummary summary;
    TcpSegment segment;
    bool hasSegment = false; // a segment for the tracker (set only when the pass tracks)
};

// The tree of a tcpdump text line: an IP and a TCP layer holding what the line said, each
// node marked as read from the text (TreeNode::fromText); the tracker's analysis goes after.
void addTextSegmentTree(ProtoTree& tree, const TcpSegment& segment, bool displayText = true);

class FirstPass {
  public:
    // Returns false to stop reading.
    using Sink = std::function<bool(const PassPacket&)>;

    FirstPass(FirstPassOptions options, Sink sink);
    ~FirstPass();
    FirstPass(const FirstPass&) = delete;
    FirstPass& operator=(const FirstPass&) = delete;

    // Reads a whole input (a capture file streamed record by record, or text; "-" reads
    // standard input) and finishes. The result says what the input was and where reading
    // stopped; its frames stay empty.
    LoadedInput run(const std::string& path);
    // The same over an input already in memory (pasted text, tests).
    LoadedInput run(const LoadedInput& input);

    // One frame at a time (the viewer's loader, live capture); finish() at the end.
    // Returns false once the sink asked to stop.
    bool add(const Frame& frame, bool hasTimestamp = true);
    // add() of a frame decoded apart, by decode() with this pass's options. Only a pass that
    // builds no trees takes frames so; any other dissects the frame again (add() above).
    bool add(const Frame& frame, const DecodedFrame& decoded, bool hasTimestamp = true);
    // Dissects a frame as add() does in a pass with these options, adding to `tree` when given
    // (add() itself). Touches nothing of any pass: any thread may call it, for any frame, in
    // any order.
    static void decode(const Frame& frame, DecodedFrame& out, const FirstPassOptions& options,
                       ProtoTree* tree = nullptr);
    // decode() of a batch of frames into out[0..frames.size()) (grown when shorter, its
    // elements reused): a read-ahead pipeline's prepare stage.
    static void decodeBatch(std::span<const Frame> frames, std::vector<DecodedFrame>& out,
                            const FirstPassOptions& options);
    // A tcpdump text line: a segment without bytes, and the line itself (which must outlive
    // the pass: PassPacket::text points into it).
    bool addSegment(const TcpSegment& segment, std::string_view line = {});
    // The end of the input: the tracker draws what only the end shows (a SYN,ACK never
    // answered: ConnectionTracker::finish()), and every waiting packet is handed on. A pass
    // over only the first packets of an input (a preview) passes inputEnded = false.
    void finish(bool inputEnded = true);

    const ConnectionTracker& tracker() const { return m_tracker; }
    ConnectionTracker& tracker() { return m_tracker; }
    size_t count() const { return m_count; }
    // What the waiting window holds now, as maxPendingBytes counts it.
    size_t waitingBytes() const { return m_ringBytes; }
    bool stopped() const { return m_stopped; }

  private:
    struct Waiting;
    LoadedInput readCaptureFile(const std::string& path);
    bool handOn(const PassPacket& p);
    bool take(const PassPacket& p);
    bool takeDecoded(PassPacket& p, const DecodedFrame& d);
    bool tracksOnly() const;
    static bool trackedSegment(const Frame& frame, const DissectOptions& options,
                               PacketSummary& scratch, TcpSegment& segment);
    bool addTracked(const Frame& frame, const TcpSegment* segment, bool hasTimestamp);
    void queue(const PassPacket& p);
    void flush(bool all);
    void addAnalysisNodes(ProtoTree& tree, const TcpPacketAnalysis& a) const;

    FirstPassOptions m_options;
    Sink m_sink;
    ConnectionTracker m_tracker;
    DecodedFrame m_decoded; // add()'s decode of the frame
    ProtoTree m_tree;
    bool m_dissectIntoTree = true; // whether the dissectors add to it, or only the analysis
    // The waiting packets, oldest first, in a ring whose slots are filled in place and reused
    // (their byte buffers and trees keep their capacity): waiting allocates nothing once the
    // ring has grown to the longest wait, and moves nothing.
    std::vector<Waiting> m_ring;
    std::vector<DecodedFrame> m_decode; // the waiting packets' decodes, slot by slot (keepDecode)
    size_t m_head = 0;                  // the oldest waiting packet's slot
    size_t m_waiting = 0;               // how many are waiting
    size_t m_count = 0;
    size_t m_handedTcp = 0; // tracker packets before this were handed on
    // What the ring holds: its slots, and the capacity of their byte buffers and trees.
    size_t m_ringBytes = 0;
    size_t slotBytes(const Waiting& w) const;
    void rebuildTree(Waiting& w);
    bool ready(const PassPacket& p);
    bool m_stopped = false;
};

} // namespace tcpscope
