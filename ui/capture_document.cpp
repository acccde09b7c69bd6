// SPDX-License-Identifier: GPL-2.0-or-later
#include "capture_document.h"

#include <tcpscope/capture_source.h>
#include <tcpscope/field.h>
#include <tcpscope/tcp_segment.h>
#if __has_include(<tcpscope/analysis_fields.h>)
#include <tcpscope/analysis_fields.h>
#define TCPSCOPE_UI_HAVE_ANALYSIS_FIELDS 1
#endif

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace tcpscope::ui {

namespace {

// Asks the kernel to back a large buffer that is not yet written with 2 MiB pages. A million
// rows and tracker records fill ~300 MB; on 4 KiB pages their page faults alone were ~15% of
// the load (perf, 1M packets). Only whole 2 MiB blocks inside the buffer are advised; the
// kernel may ignore the advice (transparent huge pages off), which changes nothing else.
void adviseHugePages(const void* data, size_t bytes) {
#ifdef __linux__
    constexpr uintptr_t huge = uintptr_t(2) << 20;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

template <typename T> void adviseHugePages(const std::vector<T>& v) {
    adviseHugePages(v.data(), v.capacity() * sizeof(T));
}

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
            doc->addFrameRow(i, doc->m_frames.view(i), doc->m_frames.hasTimestamp(i), summary);
            continue;
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

void CaptureDocument::addFrameRow(size_t index, const Frame& frame, bool hasTimestamp,
                                  PacketSummary& summary) {
    summary = PacketSummary{};
    dissectFrame(frame, summary, nullptr, m_options);
    const std::optional<TcpSegment> seg = segmentFromSummary(frame, summary);
    PacketRow row = rowFromFrame(frame, hasTimestamp, summary, seg);
    row.source = static_cast<uint32_t>(index);
    if (seg) {
        m_tracker.add(*seg);
        row.analysis = static_cast<int32_t>(m_tracker.packets().size() - 1);
    }
    m_rows.push_back(row);
}

void FrameStore::adviseHugePages() const {
    ui::adviseHugePages(m_refs);
    ui::adviseHugePages(m_bytes);
}

bool FrameStore::mapFile(const QString& path) {
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly) || file->size() <= 0) return false;
    uchar* map = file->map(0, file->size());
    if (!map) return false;
    m_file = std::move(file);
    m_map = map;
    return true;
}

namespace {
// A classic pcap file (either byte order, micro- or nanosecond): its records follow each other
// with a 16-byte header, so the frame offsets follow from the captured lengths alone.
bool isClassicPcap(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return false;
    const QByteArray head = f.read(4);
    if (head.size() < 4) return false;
    const uint32_t le = uint8_t(head[0]) | uint8_t(head[1]) << 8 | uint8_t(head[2]) << 16 |
                        uint32_t(uint8_t(head[3])) << 24;
    const uint32_t be = uint8_t(head[3]) | uint8_t(head[2]) << 8 | uint8_t(head[1]) << 16 |
                        uint32_t(uint8_t(head[0])) << 24;
    for (uint32_t m : {le, be})
        if (m == 0xa1b2c3d4 || m == 0xa1b23c4d) return true;
    return false;
}
} // namespace

DocumentPtr CaptureDocument::open(const QString& path, const DissectOptions& options,
                                  const Progress& progress, const Preview& preview) {
    return openFile(path, options, progress, true, preview);
}

FrameStore FrameStore::prefix(size_t n) const {
    FrameStore out;
    n = std::min(n, size());
    out.m_refs.assign(m_refs.begin(), m_refs.begin() + std::ptrdiff_t(n));
    if (m_map) {
        out.m_file = m_file;
        out.m_map = m_map;
    } else if (n > 0) {
        const Ref& last = m_refs[n - 1];
        out.m_bytes.assign(m_bytes.begin(),
                           m_bytes.begin() + std::ptrdiff_t(last.offset + last.length));
    }
    return out;
}

DocumentPtr CaptureDocument::makePreview(size_t frames) const {
    auto p = std::make_shared<CaptureDocument>();
    p->m_path = m_path;
    p->m_options = m_options;
    p->m_formatName = QCoreApplication::translate("CaptureDocument", "loading…");
    p->m_partial = true;
    p->m_frames = m_frames.prefix(frames);
    p->m_rows.reserve(p->m_frames.size());
    p->m_tracker.reserve(p->m_frames.size());
    PacketSummary scratch;
    for (size_t i = 0; i < p->m_frames.size(); ++i)
        p->addFrameRow(i, p->m_frames.view(i), p->m_frames.hasTimestamp(i), scratch);
    return p;
}

DocumentPtr CaptureDocument::openFile(const QString& path, const DissectOptions& options,
                                      const Progress& progress, bool allowMap,
                                      const Preview& preview) {
    // One pass: each record is read (streamed from disk, so a large file shows progress in KiB
    // and can be cancelled at any point), dissected and tracked while libpcap holds it.
    registerAllProtocols();
    const std::string file = QFile::encodeName(path).toStdString();
    const qint64 fileSize = QFileInfo(path).size();
    const size_t totalKiB = std::max<size_t>(1, size_t(fileSize / 1024));
    auto doc = std::make_shared<CaptureDocument>();
    doc->m_path = path;
    doc->m_options = options;
    // A classic pcap stays in the file (mapped); other captures are copied into one buffer of
    // the file's size, which their frames cannot outgrow.
    const bool mapped = allowMap && isClassicPcap(path) && doc->m_frames.mapFile(path);
    if (!mapped) doc->m_frames.reserve(0, size_t(std::max<qint64>(0, fileSize)));
    uint64_t offset = 24; // past the pcap file header
    uint64_t consumed = 0;
    uint64_t lastOffset = 0;
    uint8_t lastBytes[64];
    size_t lastLength = 0;
    bool offsetsHold = true;
    bool cancelled = false;
    size_t estimate = 0;
    PacketSummary scratch;
    LoadedInput in = forEachFrame(file, [&](const Frame& f) {
        const size_t index = doc->m_frames.size();
        if (mapped) {
            offset += 16;
            // libpcap may shorten a record it finds too long (caplen past the snap length):
            // then the offsets no longer follow, and the file is read again, copying.
            // Checked on every 1024th frame, on the preview's last one and on the last one
            // (below), which catches any drift while touching almost none of the mapped pages.
            const uint8_t* at = doc->m_frames.mapData() + offset;
            if (offset + f.data.size() > uint64_t(fileSize) ||
                (((index & 1023) == 0 || index + 1 == kPreviewFrames) &&
                 std::memcmp(at, f.data.data(), f.data.size()) != 0)) {
                offsetsHold = false;
                return false;
            }
            doc->m_frames.addMapped(f, offset);
            lastOffset = offset;
            lastLength = std::min<size_t>(f.data.size(), sizeof lastBytes);
            std::memcpy(lastBytes, f.data.data(), lastLength);
            offset += f.data.size();
        } else {
            doc->m_frames.add(f, true);
        }
        doc->addFrameRow(index, f, true, scratch);
        consumed += 16 + f.data.size();
        if (index == 1023) {
            // Room for the whole file's rows at once, estimated from the first records: no
            // regrowth (and no doubled peak) on a million packets.
            estimate = size_t(double(fileSize) / double(consumed) * 1024.0 * 1.02) + 1024;
            doc->m_rows.reserve(estimate);
            doc->m_tracker.reserve(estimate);
            doc->m_frames.reserve(estimate, 0);
            adviseHugePages(doc->m_rows);
            adviseHugePages(doc->m_tracker.packets());
            doc->m_frames.adviseHugePages();
        }
        if (preview && index + 1 == kPreviewFrames && estimate >= 5 * kPreviewFrames)
            preview(doc->makePreview(kPreviewFrames));
        if (progress && doc->m_frames.size() % 4096 == 0 &&
            !progress(std::min(size_t(consumed / 1024), totalKiB), totalKiB)) {
            cancelled = true;
            return false;
        }
        return true;
    });
    if (cancelled) return nullptr;
    if (in.kind != LoadedInput::Kind::Capture) // text (small): the parser keeps what only it knows
        return build(loadPath(file), path, options, progress);
    // Every record accounted for: the offsets summed to the end of the file (or to where
    // reading stopped). Anything else means libpcap read records differently; copy instead.
    if (mapped && offsetsHold && lastLength > 0 &&
        std::memcmp(doc->m_frames.mapData() + lastOffset, lastBytes, lastLength) != 0)
        offsetsHold = false;
    if (mapped && (!offsetsHold || (!in.error && offset != uint64_t(fileSize))))
        return openFile(path, options, progress, false, {});
    doc->m_formatName = QString::fromStdString(in.formatName);
    doc->m_error = std::move(in.error);
    if (progress) progress(totalKiB, totalKiB);
    return doc;
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
