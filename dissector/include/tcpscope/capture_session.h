// SPDX-License-Identifier: GPL-2.0-or-later
// An opened capture, read once through the first pass and then immutable: its frames (mapped
// or copied), one compact record and the tracker's brief per packet (a live capture's session
// keeps every full result instead), and on demand the full results of a connection (recomputed
// with its address and port pair's packets), the full tree of any packet with its analysis and
// the packet list's description.
// The viewer shows one; anything that needs random access to a whole capture can hold one.
#pragma once

#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/dissect.h"
#include "tcpscope/frame_store.h"
#include "tcpscope/packet_info.h"
#include "tcpscope/proto_tree.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

// One packet as the first pass left it: what the packet list needs without dissecting again.
// The session does not store these: it composes one on demand (CaptureSession::records())
// from its frame, its connection and a compact row, so that ten million packets fit.
struct PacketRecord {
    Timestamp ts;
    Address src;
    Address dst;
    uint64_t number = 0;   // frame number as the source numbered it (1-based)
    uint32_t source = 0;   // index into the frames, or into the tcpdump text segments
    int32_t analysis = -1; // index into the tracker's packets(), -1 for non-TCP
    uint32_t capturedLength = 0;
    uint32_t originalLength = 0;
    uint32_t problems = 0; // Problem:: bits
    uint16_t srcPort = 0;
    uint16_t dstPort = 0;
    uint16_t flags = 0;          // TcpFlag bits
    FieldId protocol = kNoField; // the top protocol's field (PacketSummary::topProtocol)
    uint8_t ipVersion = 0;
    bool hasTcp = false;
    bool hasBytes = true; // false for tcpdump summary lines
    bool hasTimestamp = true;
};

class CaptureSession;
struct PassPacket;
struct FirstPassOptions;

// The packets' records as a read-only sequence, each composed when read.
class PacketRecords {
  public:
    explicit PacketRecords(const CaptureSession& session) : m_session(&session) {}
    size_t size() const;
    bool empty() const { return size() == 0; }
    PacketRecord operator[](size_t i) const;
    PacketRecord front() const { return (*this)[0]; }
    PacketRecord back() const { return (*this)[size() - 1]; }

  private:
    const CaptureSession* m_session;
};

class CaptureSession {
  public:
    // Called every few thousand packets with (done, total); returning false cancels.
    using Progress = std::function<bool(size_t done, size_t total)>;
    // Receives a preview while a large file is still loading (see isPartial).
    using Preview = std::function<void(std::shared_ptr<const CaptureSession>)>;
    // A file expected to hold at least 5x this many frames gets a preview of its first ones.
    static constexpr size_t kPreviewFrames = 10000;

    // Opens a capture (pcap, pcapng) or text file. A classic pcap stays in the mapped file.
    // With a preview callback, a capture expected to hold 5 * kPreviewFrames frames or more
    // first yields a partial session of its first kPreviewFrames packets (called on the
    // loading thread). Returns null only when cancelled; a file that cannot be read gives a
    // session with no packets and error() set.
    static std::shared_ptr<const CaptureSession> open(const std::string& path,
                                                      const DissectOptions& options,
                                                      const Progress& progress = {},
                                                      const Preview& preview = {});
    // A session over an input already in memory (pasted text, appended packets).
    static std::shared_ptr<const CaptureSession> fromInput(LoadedInput input, std::string path,
                                                           const DissectOptions& options,
                                                           const Progress& progress = {});

    // A session over frames already stored (a live capture's snapshot, a preview): dissected
    // and tracked as a file of them would be. Without inputEnded the session is partial (more
    // may come), and the tracker does not draw what only the end of a capture shows.
    static std::shared_ptr<const CaptureSession> fromFrames(FrameStore frames, std::string path,
                                                            std::string formatName,
                                                            const DissectOptions& options,
                                                            bool inputEnded);

    // The first pass's options the viewer's sessions are read with (packets handed on as read):
    // with every analysis kept (a live capture's), or only their briefs (a file's), the rest
    // recomputed for the connections looked at.
    static FirstPassOptions viewerPassOptions(const DissectOptions& options, bool briefs = false);

    // True for a preview: the first packets of a file that is still loading, with the
    // tracker's results as far as those packets go. The complete session replaces it.
    bool isPartial() const { return m_partial; }
    const std::string& path() const { return m_path; }
    const std::string& formatName() const { return m_formatName; }
    const std::optional<InputError>& error() const { return m_error; }
    const DissectOptions& options() const { return m_options; }

    size_t size() const { return m_rows.size(); }
    PacketRecords records() const { return PacketRecords(*this); }
    // Packet i's record (i < size()).
    PacketRecord record(size_t i) const;
    // records()[i].analysis without composing the record (loops over every packet).
    int32_t analysisIndex(size_t i) const { return m_rows[i].analysis; }
    const FrameStore& frames() const { return m_frames; }
    // The lines of a tcpdump text input (PacketRecord::source of a record without bytes).
    const std::vector<TcpSegment>& segments() const { return m_segments; }
    const ConnectionTracker& tracker() const { return m_tracker; }
    Timestamp firstTimestamp() const { return m_rows.empty() ? Timestamp{} : record(0).ts; }

    // The captured bytes of packet i (empty for tcpdump summary lines).
    std::span<const uint8_t> bytes(size_t i) const;
    // Packet i's analysis: kept, or (a file's session) recomputed with its address and port
    // pair's packets when one of them is first asked for (as far as that packet's result is
    // final), and kept with the session.
    const TcpPacketAnalysis* analysis(size_t i) const;
    // What the packet list shows of packet i's analysis, and which connection it is in: kept
    // for every packet, never recomputed (nullopt where analysis(i) is null).
    std::optional<PacketBrief> brief(size_t i) const;
    // How many address and port pairs analysis() recomputed so far (0 where every analysis is
    // kept, as in a live capture's session).
    size_t recomputedPairs() const;
    // How many packets analysis() tracked again so far: a pair is tracked only as far as the
    // packets asked for are settled.
    size_t recomputedPackets() const;
    // The full dissection of packet i with the tracker's analysis added, built on demand.
    std::shared_ptr<const ProtoTree> tree(size_t i) const;
    // The packet list's Protocol and Info columns for packet i (dissects it again).
    PacketDescription describe(size_t i) const;
    // The index of a frame number, or -1.
    int indexOfFrame(uint64_t number) const;
    // Whether this is a later snapshot of the same live capture as `earlier` (LiveSession): the
    // same packets first, read from the same records, with more after them.
    bool continues(const CaptureSession& earlier) const;

  private:
    friend class LiveSession; // grows one as frames arrive, and copies it for snapshots
    struct Loader;
    class Recompute;
    // A tracker that kept briefs gets its full results from this session (Recompute).
    void adoptTracker(ConnectionTracker tracker);
    // What a packet's record holds beyond its frame (time, number, lengths) and its analysis
    // (a TCP packet's addresses, ports and flags follow from its connection and its sender).
    struct Row {
        int32_t analysis = -1; // PacketRecord::analysis
        FieldId protocol = kNoField;
        uint8_t problems = 0;
        uint8_t ipVersion : 4 = 0;
        uint8_t hasTcp : 1 = 0;
        uint8_t hasBytes : 1 = 1;
    };
    static_assert(sizeof(Row) == 8); // one a packet
    // The addresses, ports and flags of a packet the tracker did not take (not TCP, or TCP
    // too short to track), by row: few in a capture of TCP.
    struct Untracked {
        uint32_t row = 0;
        uint16_t srcPort = 0;
        uint16_t dstPort = 0;
        uint16_t flags = 0;
        Address src;
        Address dst;
    };
    // Appends the row of a packet as the first pass hands it on.
    void addRow(const PassPacket& p);
    // A partial copy of the first `frames` frames, dissected and tracked again on their own.
    std::shared_ptr<const CaptureSession> makePreview(size_t frames) const;

    std::string m_path;
    std::string m_formatName;
    std::optional<InputError> m_error;
    DissectOptions m_options;
    FrameStore m_frames;
    std::vector<TcpSegment> m_segments; // tcpdump text input
    RecordArray<Row> m_rows;
    RecordArray<Untracked> m_untracked;
    ConnectionTracker m_tracker;
    const Recompute* m_recompute = nullptr; // owned by m_tracker, where it recomputes
    bool m_partial = false;
};

inline size_t PacketRecords::size() const {
    return m_session->size();
}
inline PacketRecord PacketRecords::operator[](size_t i) const {
    return m_session->record(i);
}

using SessionPtr = std::shared_ptr<const CaptureSession>;

} // namespace tcpscope
