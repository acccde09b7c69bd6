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

#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace tcpscope::ui {

class CaptureDocument {
  public:
    // Called every few thousand packets with (done, total); returning false cancels.
    using Progress = std::function<bool(size_t done, size_t total)>;

    // Runs the first pass (dissectFrame without a tree, then the tracker) over a loaded input.
    // Returns null only when cancelled.
    static std::shared_ptr<const CaptureDocument> build(LoadedInput input, QString path,
                                                        const DissectOptions& options,
                                                        const Progress& progress = {});
    // loadPath + build, for tests, --screenshot and the loader thread.
    static std::shared_ptr<const CaptureDocument>
    open(const QString& path, const DissectOptions& options, const Progress& progress = {});

    const QString& path() const { return m_path; }
    QString displayName() const;
    const QString& formatName() const { return m_formatName; }
    const std::optional<InputError>& error() const { return m_error; }
    const std::vector<PacketRow>& rows() const { return m_rows; }
    const std::vector<OwnedFrame>& frames() const { return m_frames; }
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
    QString m_path;
    QString m_formatName;
    std::optional<InputError> m_error;
    DissectOptions m_options;
    std::vector<OwnedFrame> m_frames;
    std::vector<TcpSegment> m_segments;
    std::vector<PacketRow> m_rows;
    ConnectionTracker m_tracker;
};

using DocumentPtr = std::shared_ptr<const CaptureDocument>;

} // namespace tcpscope::ui

Q_DECLARE_METATYPE(tcpscope::ui::DocumentPtr)
