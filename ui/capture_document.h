// SPDX-License-Identifier: GPL-2.0-or-later
// Everything the viewer knows about one opened input, built once (off the UI thread) and then
// immutable, shared by every model and view: the frames, the compact packet rows of the first
// pass, the connection tracker's results. Full trees are built on demand, per packet.
#pragma once

#include "packet_row.h"

#include <tcpscope/capture_source.h>
#include <tcpscope/connection_tracker.h>
#include <tcpscope/dissect.h>
#include <tcpscope/proto_tree.h>

#include <QFile>
#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace tcpscope::ui {

// The frames of a document: their bytes back to back in one buffer (a million frames are one
// allocation, not a million), with a small record per frame. view(i) is a Frame over the buffer.
class FrameStore {
  public:
    FrameStore() = default;
    FrameStore(FrameStore&&) noexcept = default;
    FrameStore& operator=(FrameStore&&) noexcept = default;

    // Frames of a classic pcap file can stay in the file: the file is mapped and each frame is
    // an offset into it, so loading copies nothing and touches no frame page (the bytes are
    // read when a packet is selected). False when the file cannot be mapped.
    bool mapFile(const QString& path);
    bool mapped() const { return m_map != nullptr; }
    const uint8_t* mapData() const { return m_map; }
    void addMapped(const Frame& f, size_t fileOffset) {
        m_refs.push_back(Ref{fileOffset, f.number, f.ts, uint32_t(f.data.size()), f.linkType,
                             f.originalLength, f.nanoPrecision, true});
    }

    void reserve(size_t frames, size_t bytes) {
        m_refs.reserve(frames);
        m_bytes.reserve(bytes);
    }
    // Backs the (reserved, not yet written) records and bytes with huge pages where possible.
    void adviseHugePages() const;
    void add(const Frame& f, bool hasTimestamp) {
        m_refs.push_back(Ref{m_bytes.size(), f.number, f.ts, uint32_t(f.data.size()), f.linkType,
                             f.originalLength, f.nanoPrecision, hasTimestamp});
        m_bytes.insert(m_bytes.end(), f.data.begin(), f.data.end());
    }
    void add(const OwnedFrame& f) { add(f.view(), f.hasTimestamp); }
    size_t size() const { return m_refs.size(); }
    bool empty() const { return m_refs.empty(); }
    Frame view(size_t i) const {
        const Ref& r = m_refs[i];
        const uint8_t* base = m_map ? m_map : m_bytes.data();
        return Frame{r.number,         r.ts,
                     r.nano,           r.linkType,
                     r.originalLength, std::span<const uint8_t>(base + r.offset, r.length)};
    }
    bool hasTimestamp(size_t i) const { return m_refs[i].hasTimestamp; }
    // The first n frames as a store of their own (a mapped store shares the mapping).
    FrameStore prefix(size_t n) const;
    // A copy that owns its bytes (saving, appending pasted packets, tests).
    OwnedFrame operator[](size_t i) const {
        const Frame f = view(i);
        OwnedFrame o;
        o.number = f.number;
        o.ts = f.ts;
        o.hasTimestamp = m_refs[i].hasTimestamp;
        o.nanoPrecision = f.nanoPrecision;
        o.linkType = f.linkType;
        o.originalLength = f.originalLength;
        o.bytes.assign(f.data.begin(), f.data.end());
        return o;
    }
    std::vector<OwnedFrame> toOwned() const {
        std::vector<OwnedFrame> out;
        out.reserve(size());
        for (size_t i = 0; i < size(); ++i) out.push_back((*this)[i]);
        return out;
    }

  private:
    struct Ref {
        size_t offset;
        uint64_t number;
        Timestamp ts;
        uint32_t length;
        uint32_t linkType;
        uint32_t originalLength;
        bool nano;
        bool hasTimestamp;
    };
    std::vector<uint8_t> m_bytes;
    std::vector<Ref> m_refs;
    std::shared_ptr<QFile> m_file; // the mapped file, unmapped when the store goes away
    const uint8_t* m_map = nullptr;
};

class CaptureDocument {
  public:
    // Called every few thousand packets with (done, total); returning false cancels.
    using Progress = std::function<bool(size_t done, size_t total)>;
    // Receives a preview while a large file is still loading (see isPartial).
    using Preview = std::function<void(std::shared_ptr<const CaptureDocument>)>;
    // A file expected to hold at least 5x this many frames gets a preview of its first ones.
    static constexpr size_t kPreviewFrames = 20000;

    // Runs the first pass (dissectFrame without a tree, then the tracker) over a loaded input.
    // Returns null only when cancelled.
    static std::shared_ptr<const CaptureDocument> build(LoadedInput input, QString path,
                                                        const DissectOptions& options,
                                                        const Progress& progress = {});
    // loadPath + build, for tests, --screenshot and the loader thread.
    // With a preview callback, a capture file expected to hold 5 * kPreviewFrames frames or more
    // first yields a partial document of its first kPreviewFrames packets (called on the
    // loading thread), so the viewer shows rows long before a million are read.
    static std::shared_ptr<const CaptureDocument> open(const QString& path,
                                                       const DissectOptions& options,
                                                       const Progress& progress = {},
                                                       const Preview& preview = {});

    // True for a preview: the first packets of a file that is still loading, with the
    // tracker's results as far as those packets go. The complete document replaces it.
    bool isPartial() const { return m_partial; }

    const QString& path() const { return m_path; }
    QString displayName() const;
    const QString& formatName() const { return m_formatName; }
    const std::optional<InputError>& error() const { return m_error; }
    const std::vector<PacketRow>& rows() const { return m_rows; }
    const FrameStore& frames() const { return m_frames; }
    const ConnectionTracker& tracker() const { return m_tracker; }
    const DissectOptions& options() const { return m_options; }
    Timestamp firstTimestamp() const { return m_rows.empty() ? Timestamp{} : m_rows.front().ts; }

    // The captured bytes behind a row (empty for tcpdump summary lines).
    std::span<const uint8_t> bytes(size_t row) const;
    // The full dissection of a row with the tracker's analysis added, built on demand.
    std::shared_ptr<const ProtoTree> buildTree(size_t row) const;
    const TcpPacketAnalysis* analysis(size_t row) const;
    // Row of a frame number, or -1.
    int rowOfFrame(uint64_t number) const;

  private:
    static std::shared_ptr<const CaptureDocument> openFile(const QString& path,
                                                           const DissectOptions& options,
                                                           const Progress& progress, bool allowMap,
                                                           const Preview& preview);
    // A partial copy of the first `frames` frames, dissected and tracked again on their own.
    std::shared_ptr<const CaptureDocument> makePreview(size_t frames) const;
    // The first pass over one frame: its row and, for TCP, the tracker's step.
    void addFrameRow(size_t index, const Frame& frame, bool hasTimestamp, PacketSummary& scratch);
    static std::shared_ptr<const CaptureDocument> build(FrameStore frames, LoadedInput input,
                                                        QString path, const DissectOptions& options,
                                                        const Progress& progress);

    QString m_path;
    QString m_formatName;
    std::optional<InputError> m_error;
    DissectOptions m_options;
    FrameStore m_frames;
    std::vector<TcpSegment> m_segments;
    std::vector<PacketRow> m_rows;
    ConnectionTracker m_tracker;
    bool m_partial = false;
};

using DocumentPtr = std::shared_ptr<const CaptureDocument>;

} // namespace tcpscope::ui

Q_DECLARE_METATYPE(tcpscope::ui::DocumentPtr)
