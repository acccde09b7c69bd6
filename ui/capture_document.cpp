// SPDX-License-Identifier: GPL-2.0-or-later
#include "capture_document.h"

#include <tcpscope/capture_source.h>
#include <tcpscope/field.h>
#include <tcpscope/tcp_segment.h>
#if __has_include(<tcpscope/analysis_fields.h>)
#include <tcpscope/analysis_fields.h>
#define TCPSCOPE_UI_HAVE_ANALYSIS_FIELDS 1
#endif

#include <QFileInfo>

#include <algorithm>
#include <optional>

namespace tcpscope::ui {

namespace {

PacketRow rowFromSegment(const TcpSegment& s) {
    PacketRow r;
    r.ts = s.ts;
    r.hasTimestamp = s.hasTimestamp;
    r.number = s.frameNumber;
    r.hasBytes = false;
    r.src = s.src;
    r.dst = s.dst;
    r.ipVersion = s.src.family;
    r.hasTcp = true;
    r.srcPort = s.srcPort;
    r.dstPort = s.dstPort;
    r.seq = s.seq;
    r.ack = s.ack;
    r.flags = s.flags;
    r.window = s.window;
    r.payloadLength = s.payloadLength;
    r.mss = s.options.mss;
    r.wscale = s.options.wscale;
    r.sackPermitted = s.options.sackPermitted;
    r.timestamps = s.options.hasTimestamp;
    return r;
}

// A decoded frame's row: the TCP part as for a segment, then what only bytes can tell.
PacketRow rowFromFrame(const Frame& f, bool hasTimestamp, const PacketSummary& s,
                       const std::optional<TcpSegment>& seg) {
    PacketRow r = seg ? rowFromSegment(*seg) : PacketRow{};
    r.ts = f.ts;
    r.hasTimestamp = hasTimestamp;
    r.number = f.number;
    r.hasBytes = true;
    r.capturedLength = static_cast<uint32_t>(f.data.size());
    r.originalLength = f.originalLength ? f.originalLength : r.capturedLength;
    r.src = s.src;
    r.dst = s.dst;
    r.ipVersion = s.ipVersion;
    r.problems = s.problems;
    r.hasTcp = s.hasTcp;
    if (s.hasTcp) r.tcpChecksum = static_cast<uint8_t>(s.tcpChecksumStatus);
    return r;
}

} // namespace

DocumentPtr CaptureDocument::build(LoadedInput input, QString path, const DissectOptions& options,
                                   const Progress& progress) {
    FrameStore frames;
    size_t bytes = 0;
    for (const OwnedFrame& f : input.frames) bytes += f.bytes.size();
    frames.reserve(input.frames.size(), bytes);
    for (const OwnedFrame& f : input.frames) frames.add(f);
    input.frames.clear();
    return build(std::move(frames), std::move(input), std::move(path), options, progress);
}

DocumentPtr CaptureDocument::build(FrameStore frames, LoadedInput input, QString path,
                                   const DissectOptions& options, const Progress& progress) {
    registerAllProtocols();
    auto doc = std::make_shared<CaptureDocument>();
    doc->m_path = std::move(path);
    doc->m_formatName = QString::fromStdString(input.formatName);
    doc->m_error = std::move(input.error);
    doc->m_options = options;
    doc->m_frames = std::move(frames);
    doc->m_segments = std::move(input.segments);

    const bool text = input.kind == LoadedInput::Kind::TcpdumpText;
    const size_t total = text ? doc->m_segments.size() : doc->m_frames.size();
    doc->m_rows.reserve(total);
    doc->m_tracker.reserve(total);
    PacketSummary summary;
    for (size_t i = 0; i < total; ++i) {
        if (progress && (i % 4096) == 0 && !progress(i, total)) return nullptr;
        PacketRow row;
        std::optional<TcpSegment> seg;
        if (text) {
            row = rowFromSegment(doc->m_segments[i]);
            seg = doc->m_segments[i];
        } else {
            const Frame view = doc->m_frames.view(i);
            summary = PacketSummary{};
            dissectFrame(view, summary, nullptr, options);
            seg = segmentFromSummary(view, summary);
            row = rowFromFrame(view, doc->m_frames.hasTimestamp(i), summary, seg);
        }
        row.source = static_cast<uint32_t>(i);
        if (seg) {
            doc->m_tracker.add(*seg);
            row.analysis = static_cast<int32_t>(doc->m_tracker.packets().size() - 1);
        }
        doc->m_rows.push_back(row);
    }
    if (progress) progress(total, total);
    return doc;
}

DocumentPtr CaptureDocument::open(const QString& path, const DissectOptions& options,
                                  const Progress& progress) {
    // Reading is streamed record by record, so a large file shows progress (in KiB of the
    // file) and can be cancelled while it is still being read, not only while dissecting.
    const std::string file = QFile::encodeName(path).toStdString();
    const size_t totalKiB = std::max<size_t>(1, size_t(QFileInfo(path).size() / 1024));
    // The frames' bytes cannot outgrow the file: one buffer of its size holds them all.
    FrameStore frames;
    frames.reserve(0, size_t(std::max<qint64>(0, QFileInfo(path).size())));
    size_t bytesRead = 0;
    bool cancelled = false;
    LoadedInput in = forEachFrame(file, [&](const Frame& f) {
        frames.add(f, true);
        bytesRead += 16 + f.data.size(); // a pcap record header and its bytes
        if (progress && frames.size() % 4096 == 0 &&
            !progress(std::min(bytesRead / 1024, totalKiB), totalKiB)) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled) return nullptr;
    // Captures were collected above; text (small) is read again whole, which keeps what only
    // the text parser knows, such as whether a line had a timestamp.
    if (in.kind == LoadedInput::Kind::Capture)
        return build(std::move(frames), std::move(in), path, options, progress);
    return build(loadPath(file), path, options, progress);
}

QString CaptureDocument::displayName() const {
    return m_path.isEmpty() ? QStringLiteral("(pasted)") : QFileInfo(m_path).fileName();
}

std::span<const uint8_t> CaptureDocument::bytes(size_t row) const {
    if (row >= m_rows.size() || !m_rows[row].hasBytes) return {};
    return m_frames.view(m_rows[row].source).data;
}

const TcpPacketAnalysis* CaptureDocument::analysis(size_t row) const {
    if (row >= m_rows.size() || m_rows[row].analysis < 0) return nullptr;
    return &m_tracker.packets()[static_cast<size_t>(m_rows[row].analysis)];
}

std::shared_ptr<const ProtoTree> CaptureDocument::buildTree(size_t row) const {
    auto tree = std::make_shared<ProtoTree>();
    if (row >= m_rows.size() || !m_rows[row].hasBytes) return tree;
    PacketSummary summary;
    dissectFrame(m_frames.view(m_rows[row].source), summary, tree.get(), m_options);
#ifdef TCPSCOPE_UI_HAVE_ANALYSIS_FIELDS
    if (const TcpPacketAnalysis* a = analysis(row)) addAnalysisToTree(*tree, *a);
#endif
    return tree;
}

int CaptureDocument::rowOfFrame(uint64_t number) const {
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), number,
                               [](const PacketRow& r, uint64_t n) { return r.number < n; });
    if (it != m_rows.end() && it->number == number) return int(it - m_rows.begin());
    for (size_t i = 0; i < m_rows.size(); ++i) // numbers not sorted (pasted, appended)
        if (m_rows[i].number == number) return int(i);
    return -1;
}

} // namespace tcpscope::ui
