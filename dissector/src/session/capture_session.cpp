// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/capture_session.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace tcpscope {

namespace {

PacketRecord recordOf(const PassPacket& p) {
    PacketRecord r;
    if (p.frame) {
        r.ts = p.frame->ts;
        r.number = p.frame->number;
        r.capturedLength = static_cast<uint32_t>(p.frame->data.size());
        r.originalLength = p.frame->originalLength ? p.frame->originalLength : r.capturedLength;
        const PacketSummary& s = *p.summary;
        r.src = s.src;
        r.dst = s.dst;
        r.ipVersion = s.ipVersion;
        r.problems = s.problems;
        r.hasTcp = s.hasTcp;
        r.protocol = s.topProtocol;
        if (s.hasTcp) {
            r.srcPort = s.srcPort;
            r.dstPort = s.dstPort;
            r.flags = s.flags;
        }
    } else if (p.segment) { // a tcpdump text line: no bytes
        const TcpSegment& s = *p.segment;
        r.ts = s.ts;
        r.number = s.frameNumber;
        r.hasBytes = false;
        r.src = s.src;
        r.dst = s.dst;
        r.ipVersion = s.src.family;
        r.hasTcp = true;
        r.srcPort = s.srcPort;
        r.dstPort = s.dstPort;
        r.flags = s.flags;
        r.protocol = tcpProtocolField();
    }
    r.hasTimestamp = p.hasTimestamp;
    r.source = static_cast<uint32_t>(p.index);
    if (p.analysisIndex != SIZE_MAX) r.analysis = static_cast<int32_t>(p.analysisIndex);
    return r;
}

FirstPassOptions viewerPass(const DissectOptions& options) {
    FirstPassOptions o;
    o.dissect = options;
    // Checksums are verified where a packet is shown (its tree, its row's colour): summing
    // every payload of a large file on loading would cost a sixth of the load.
    o.dissect.verifyChecksums = false;
    o.keepAnalyses = true; // every packet can be selected later
    o.handOnAtRead = true; // records are built as frames are read; analyses amended in place
    return o;
}

} // namespace

// The loading of one file: reads, dissects and tracks in one pass, keeping each frame where it
// is (a mapped classic pcap) or copying it into one buffer of the file's size.
struct CaptureSession::Loader {
    std::shared_ptr<CaptureSession> session;
    FirstPass pass;
    Progress progress;
    Preview preview;
    uint64_t fileSize = 0;
    size_t totalKiB = 1;
    // The mapped file's bookkeeping: where the next record should be, and a copy of the last
    // frame's first bytes to check the offsets against at the end.
    bool mapped = false;
    bool offsetsHold = true;
    uint64_t offset = 24; // past the pcap file header
    uint64_t lastOffset = 0;
    uint8_t lastBytes[64] = {};
    size_t lastLength = 0;
    uint64_t consumed = 0;
    size_t estimate = 0;
    bool cancelled = false;

    Loader(std::shared_ptr<CaptureSession> s, const Progress& pr, const Preview& pv)
        : session(s), pass(viewerPass(s->m_options),
                           [this](const PassPacket& p) {
                               session->m_records.push_back(recordOf(p));
                               return true;
                           }),
          progress(pr), preview(pv) {}

    // libpcap may shorten a record it finds too long (caplen past the snap length): then the
    // offsets no longer follow, and the file is read again, copying. Checked on every 1024th
    // frame, on the preview's last one and on the last one (finish()), which catches any drift
    // while touching almost none of the mapped pages.
    bool placeMapped(const Frame& f, size_t index) {
        FrameStore& frames = session->m_frames;
        offset += 16;
        const uint8_t* at = frames.mapData() + offset;
        if (offset + f.data.size() > fileSize ||
            (((index & 1023) == 0 || index + 1 == kPreviewFrames) &&
             std::memcmp(at, f.data.data(), f.data.size()) != 0))
            return offsetsHold = false;
        frames.addMapped(f, offset);
        lastOffset = offset;
        lastLength = std::min<size_t>(f.data.size(), sizeof lastBytes);
        std::memcpy(lastBytes, f.data.data(), lastLength);
        offset += f.data.size();
        return true;
    }

    // Room for the whole file's records at once, estimated from the first ones: no regrowth
    // (and no doubled peak) on a million packets.
    void reserveForFile() {
        estimate = size_t(double(fileSize) / double(consumed) * 1024.0 * 1.02) + 1024;
        session->m_records.reserve(estimate);
        pass.tracker().reserve(estimate);
        session->m_frames.reserve(estimate, 0);
        adviseHugePages(session->m_records);
        adviseHugePages(pass.tracker().packets());
        session->m_frames.adviseHugePages();
    }

    bool frame(const Frame& f) {
        const size_t index = session->m_frames.size();
        if (mapped) {
            if (!placeMapped(f, index)) return false;
        } else {
            session->m_frames.add(f, true);
        }
        pass.add(f, true);
        consumed += 16 + f.data.size();
        if (index == 1023) reserveForFile();
        if (preview && index + 1 == kPreviewFrames && estimate >= 5 * kPreviewFrames)
            preview(session->makePreview(kPreviewFrames));
        if (progress && session->m_frames.size() % 4096 == 0 &&
            !progress(std::min(size_t(consumed / 1024), totalKiB), totalKiB)) {
            cancelled = true;
            return false;
        }
        return true;
    }

    // Every record accounted for: the offsets summed to the end of the file (or to where
    // reading stopped). Anything else means libpcap read records differently.
    bool mappedOffsetsHeld(const LoadedInput& in) const {
        if (!offsetsHold) return false;
        if (lastLength > 0 &&
            std::memcmp(session->m_frames.mapData() + lastOffset, lastBytes, lastLength) != 0)
            return false;
        return in.error || offset == fileSize;
    }
};

SessionPtr CaptureSession::open(const std::string& path, const DissectOptions& options,
                                const Progress& progress, const Preview& preview) {
    registerAllProtocols();
    const CaptureFormat format = captureFileFormat(path);
    if (format == CaptureFormat::None) // text (small): the parser keeps what only it knows
        return fromInput(loadPath(path), path, options, progress);
    for (bool allowMap : {true, false}) {
        auto s = std::make_shared<CaptureSession>();
        s->m_path = path;
        s->m_options = options;
        Loader load(s, progress, allowMap ? preview : Preview{});
        std::error_code ec;
        load.fileSize = std::filesystem::file_size(path, ec);
        load.totalKiB = std::max<size_t>(1, size_t(load.fileSize / 1024));
        // A classic pcap stays in the file (mapped); other captures are copied into one
        // buffer of the file's size, which their frames cannot outgrow.
        load.mapped = allowMap && format != CaptureFormat::Pcapng && s->m_frames.mapFile(path);
        if (!load.mapped) s->m_frames.reserve(0, size_t(load.fileSize));
        LoadedInput in = forEachFrame(path, [&](const Frame& f) { return load.frame(f); });
        if (load.cancelled) return nullptr;
        if (load.mapped && !load.mappedOffsetsHeld(in)) continue; // read again, copying
        load.pass.finish();
        s->m_tracker = std::move(load.pass.tracker());
        s->m_formatName = in.formatName;
        s->m_error = std::move(in.error);
        if (progress) progress(load.totalKiB, load.totalKiB);
        return s;
    }
    return nullptr; // not reached: the copying read always holds
}

SessionPtr CaptureSession::fromInput(LoadedInput input, std::string path,
                                     const DissectOptions& options, const Progress& progress) {
    registerAllProtocols();
    auto s = std::make_shared<CaptureSession>();
    s->m_path = std::move(path);
    s->m_formatName = input.formatName;
    s->m_error = std::move(input.error);
    s->m_options = options;
    size_t bytes = 0;
    for (const OwnedFrame& f : input.frames) bytes += f.bytes.size();
    s->m_frames.reserve(input.frames.size(), bytes);
    for (const OwnedFrame& f : input.frames) s->m_frames.add(f);
    s->m_segments = std::move(input.segments);
    const size_t total = s->m_frames.size() + s->m_segments.size();
    s->m_records.reserve(total);
    FirstPass pass(viewerPass(options), [&](const PassPacket& p) {
        s->m_records.push_back(recordOf(p));
        return !progress || p.index % 4096 != 0 || progress(p.index, total);
    });
    pass.tracker().reserve(total);
    for (size_t i = 0; i < s->m_frames.size() && !pass.stopped(); ++i)
        pass.add(s->m_frames.view(i), s->m_frames.hasTimestamp(i));
    for (const TcpSegment& seg : s->m_segments)
        if (!pass.addSegment(seg)) break;
    if (pass.stopped()) return nullptr;
    pass.finish();
    s->m_tracker = std::move(pass.tracker());
    if (progress) progress(total, total);
    return s;
}

SessionPtr CaptureSession::makePreview(size_t frames) const {
    auto p = std::make_shared<CaptureSession>();
    p->m_path = m_path;
    p->m_options = m_options;
    p->m_formatName = "loading…";
    p->m_partial = true;
    p->m_frames = m_frames.prefix(frames);
    p->m_records.reserve(p->m_frames.size());
    FirstPass pass(viewerPass(m_options), [&](const PassPacket& pp) {
        p->m_records.push_back(recordOf(pp));
        return true;
    });
    pass.tracker().reserve(p->m_frames.size());
    for (size_t i = 0; i < p->m_frames.size(); ++i)
        pass.add(p->m_frames.view(i), p->m_frames.hasTimestamp(i));
    pass.finish(false); // the rest of the file is still to come
    p->m_tracker = std::move(pass.tracker());
    return p;
}

std::span<const uint8_t> CaptureSession::bytes(size_t i) const {
    if (i >= m_records.size() || !m_records[i].hasBytes) return {};
    return m_frames.view(m_records[i].source).data;
}

const TcpPacketAnalysis* CaptureSession::analysis(size_t i) const {
    if (i >= m_records.size() || m_records[i].analysis < 0) return nullptr;
    return m_tracker.packet(static_cast<size_t>(m_records[i].analysis));
}

std::shared_ptr<const ProtoTree> CaptureSession::tree(size_t i) const {
    auto tree = std::make_shared<ProtoTree>();
    if (i >= m_records.size()) return tree;
    if (!m_records[i].hasBytes) { // a tcpdump text line: what it said, marked so
        addTextSegmentTree(*tree, m_segments[m_records[i].source]);
        if (const TcpPacketAnalysis* a = analysis(i)) addAnalysisToTree(*tree, *a);
        return tree;
    }
    PacketSummary summary;
    dissectFrame(m_frames.view(m_records[i].source), summary, tree.get(), m_options);
    if (const TcpPacketAnalysis* a = analysis(i)) addAnalysisToTree(*tree, *a);
    return tree;
}

PacketDescription CaptureSession::describe(size_t i) const {
    if (i >= m_records.size()) return {};
    const PacketRecord& r = m_records[i];
    if (!r.hasBytes) return describeSegment(m_segments[r.source], analysis(i));
    return describePacket(m_frames.view(r.source), analysis(i), m_options);
}

int CaptureSession::indexOfFrame(uint64_t number) const {
    auto it = std::lower_bound(m_records.begin(), m_records.end(), number,
                               [](const PacketRecord& r, uint64_t n) { return r.number < n; });
    if (it != m_records.end() && it->number == number) return int(it - m_records.begin());
    for (size_t i = 0; i < m_records.size(); ++i) // numbers not sorted (pasted, appended)
        if (m_records[i].number == number) return int(i);
    return -1;
}

} // namespace tcpscope
