// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/capture_session.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/tcp_segment.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <new>
#include <type_traits>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace tcpscope {

namespace {

// How far the reading thread readies the vectors' pages past what the loading thread wrote:
// twice the frames it can be ahead (4 batches of at most 2048), and bytes for the frames it
// copies (4 batches of at most 256 KiB, and a frame).
constexpr size_t kPagesAhead = 16384;
constexpr size_t kBytesAhead = size_t(2) << 20;

// The first i of [0, n) for which below(i) is false, where it is true on a prefix and false
// after: a binary search over row positions.
template <typename Below> size_t firstNotBelow(size_t n, Below below) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (below(mid))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

// Results appended one by one whose places never move, so that references to them stay valid
// as more come: a first block of the size expected, then blocks of twice the size before. The
// memory is not written before a result is (a large block is mapped as it is written).
class StableResults {
  public:
    StableResults() = default;
    StableResults(const StableResults&) = delete;
    StableResults& operator=(const StableResults&) = delete;
    ~StableResults() {
        for (size_t b = 0; b < m_blocks.size(); ++b)
            std::allocator<TcpPacketAnalysis>().deallocate(m_blocks[b], m_first << b);
    }
    // The size of the first block: before the first push_back().
    void expect(size_t n) { m_first = std::max<size_t>(n, 64); }
    size_t size() const { return m_size; }
    const TcpPacketAnalysis& operator[](size_t i) const {
        const auto [block, at] = place(i);
        return m_blocks[block][at];
    }
    void push_back(const TcpPacketAnalysis& a) {
        const auto [block, at] = place(m_size);
        if (block == m_blocks.size())
            m_blocks.push_back(std::allocator<TcpPacketAnalysis>().allocate(m_first << block));
        new (m_blocks[block] + at) TcpPacketAnalysis(a);
        ++m_size;
    }

  private:
    static_assert(std::is_trivially_destructible_v<TcpPacketAnalysis>);
    // Block b holds m_first << b results, from m_first * (2^b - 1) on.
    std::pair<size_t, size_t> place(size_t i) const {
        const size_t block = size_t(std::bit_width(i / m_first + 1)) - 1;
        return {block, i - m_first * ((size_t(1) << block) - 1)};
    }
    std::vector<TcpPacketAnalysis*> m_blocks;
    size_t m_first = 64;
    size_t m_size = 0;
};

} // namespace

FirstPassOptions CaptureSession::viewerPassOptions(const DissectOptions& options, bool briefs) {
    FirstPassOptions o;
    o.dissect = options;
    // Checksums are verified where a packet is shown (its tree, its row's colour): summing
    // every payload of a large file on loading would cost a sixth of the load.
    o.dissect.verifyChecksums = false;
    o.keepAnalyses = !briefs; // every packet can be selected later
    o.keepBriefs = briefs;
    o.handOnAtRead = true; // records are built as frames are read; analyses amended in place
    return o;
}

static_assert(Problem::PayloadTruncated <= 0x80); // the problems fit a row's byte

void CaptureSession::addRow(const PassPacket& p) {
    Row row;
    // Where the tracker did not take the packet, its addresses, ports and flags go aside.
    Untracked u;
    u.row = uint32_t(m_rows.size());
    if (p.frame) {
        const PacketSummary& s = *p.summary;
        row.protocol = s.topProtocol;
        row.problems = uint8_t(s.problems);
        row.ipVersion = s.ipVersion & 0xf;
        row.hasTcp = s.hasTcp;
        u.src = s.src;
        u.dst = s.dst;
        if (s.hasTcp) {
            u.srcPort = s.srcPort;
            u.dstPort = s.dstPort;
            u.flags = s.flags;
        }
    } else if (p.segment) { // a tcpdump text line: no bytes
        const TcpSegment& s = *p.segment;
        row.hasBytes = false;
        row.ipVersion = s.src.family & 0xf;
        row.hasTcp = true;
        row.protocol = tcpProtocolField();
        u = Untracked{u.row, s.srcPort, s.dstPort, s.flags, s.src, s.dst};
    }
    if (p.analysisIndex != SIZE_MAX)
        row.analysis = static_cast<int32_t>(p.analysisIndex);
    else if (p.frame || p.segment)
        m_untracked.push_back(u);
    m_rows.push_back(row);
}

PacketRecord CaptureSession::record(size_t i) const {
    const Row& row = m_rows[i];
    PacketRecord r;
    r.source = static_cast<uint32_t>(i);
    r.analysis = row.analysis;
    r.problems = row.problems;
    r.protocol = row.protocol;
    r.ipVersion = row.ipVersion;
    r.hasTcp = row.hasTcp;
    r.hasBytes = row.hasBytes;
    if (row.hasBytes) {
        const Frame f = m_frames.view(i);
        r.ts = f.ts;
        r.number = f.number;
        r.capturedLength = static_cast<uint32_t>(f.data.size());
        r.originalLength = f.originalLength ? f.originalLength : r.capturedLength;
        r.hasTimestamp = m_frames.hasTimestamp(i);
    } else {
        const TcpSegment& s = m_segments[i];
        r.ts = s.ts;
        r.number = s.frameNumber;
        r.hasTimestamp = s.hasTimestamp;
    }
    if (const std::optional<PacketBrief> a = brief(i)) {
        const TcpConnection& c = m_tracker.connections()[a->stream];
        const bool client = a->sender() == EndpointRole::Client;
        const TcpEndpointSummary& from = client ? c.client : c.server;
        const TcpEndpointSummary& to = client ? c.server : c.client;
        r.src = from.address;
        r.dst = to.address;
        if (row.hasTcp) { // not a header refused for its data offset, which is tracked too
            r.srcPort = from.port;
            r.dstPort = to.port;
            r.flags = a->flags();
        }
        return r;
    }
    auto it = std::lower_bound(m_untracked.begin(), m_untracked.end(), i,
                               [](const Untracked& u, size_t n) { return u.row < n; });
    if (it != m_untracked.end() && it->row == i) {
        r.src = it->src;
        r.dst = it->dst;
        r.srcPort = it->srcPort;
        r.dstPort = it->dstPort;
        r.flags = it->flags;
    }
    return r;
}

// The loading of one file: reads, dissects and tracks in one pass, keeping each frame where it
// is (a mapped classic pcap) or copying it into one buffer of the file's size.
struct CaptureSession::Loader {
    std::shared_ptr<CaptureSession> session;
    FirstPassOptions options; // the viewer's (viewerPassOptions)
    FirstPass pass;
    // The frames decoded apart (FirstPass::decode), by the thread that prepared their batch:
    // one vector a batch slot of the pipeline.
    std::array<std::vector<DecodedFrame>, ReadAheadStages::kSlots> decoded;
    // The pages of the rows, the frame records, the copied bytes and the tracker's results, made
    // ready ahead of this thread's writes by whichever thread would otherwise wait (readyPages();
    // a small file is read on this thread, and nothing readies its pages ahead of the writes).
    enum { kRows, kRefs, kBytes, kResults };
    std::array<PagesAhead, 4> pages;
    Progress progress;
    Preview preview;
    uint64_t fileSize = 0;
    size_t totalKiB = 1;
    // The mapped file's bookkeeping: where the next record should be, and the last frame, to
    // check the offsets against at the end.
    bool mapped = false;
    bool offsetsHold = true;
    uint64_t offset = 24; // past the pcap file header
    Frame last;           // the last frame as libpcap gave it, its first bytes copied to lastBytes
    uint8_t lastBytes[64] = {};
    size_t lastCaptured = 0;
    uint64_t consumed = 0;
    size_t estimate = 0;
    bool cancelled = false;
    // The checks read the file, not the mapping: reading a page of the mapping maps its
    // neighbours too (the kernel's fault-around), which put half of a file of small packets
    // into the viewer's memory for checks on one frame in 1024.
    std::vector<uint8_t> scratch;

    Loader(std::shared_ptr<CaptureSession> s, const Progress& pr, const Preview& pv)
        : session(s), options(viewerPassOptions(s->m_options, true)),
          pass(options,
               [this](const PassPacket& p) {
                   session->addRow(p);
                   return true;
               }),
          progress(pr), preview(pv) {}
    Loader(const Loader&) = delete;
    Loader& operator=(const Loader&) = delete;

    // Whether the store gives frame `index` back as libpcap gave it (`f`, of `captured` bytes
    // whose first f.data.size() are compared), read from the file (FrameStore::read), not
    // through the mapping.
    bool frameHolds(size_t index, const Frame& f, size_t captured) {
        const Frame got = session->m_frames.read(index, scratch);
        return got.number == f.number && got.ts == f.ts && got.nanoPrecision == f.nanoPrecision &&
               got.linkType == f.linkType && got.originalLength == f.originalLength &&
               got.data.size() == captured && captured >= f.data.size() &&
               std::equal(f.data.begin(), f.data.end(), got.data.begin());
    }

    // libpcap may shorten a record it finds too long (caplen past the snap length): then the
    // offsets no longer follow, and the file is read again, copying. Checked on every 1024th
    // frame, on the preview's last one and on the last one (finish()), which catches any drift
    // while touching almost none of the mapped pages; where the store keeps offsets alone, the
    // check also reads the time and lengths back from the record header.
    bool placeMapped(const Frame& f, size_t index) {
        FrameStore& frames = session->m_frames;
        offset += 16;
        if (offset + f.data.size() > fileSize) return offsetsHold = false;
        frames.addMapped(f, offset);
        if (((index & 1023) == 0 || index + 1 == kPreviewFrames) &&
            !frameHolds(index, f, f.data.size()))
            return offsetsHold = false;
        last = f;
        lastCaptured = f.data.size();
        last.data = std::span<const uint8_t>(lastBytes, std::min(lastCaptured, sizeof lastBytes));
        std::memcpy(lastBytes, f.data.data(), last.data.size());
        offset += f.data.size();
        return true;
    }

    // Room for every record the file could hold (a record is at least its 16-byte header, a
    // tracked TCP segment's frame at least 40 bytes more): far more than it holds, but only
    // what is written costs memory (LazyAllocator), and nothing regrows. Where the system
    // refuses that much address space, the room the first frames suggest.
    void reserveForFile() {
        const size_t frames = size_t(fileSize / 16) + 1024;
        const size_t segments = size_t(fileSize / 56) + 1024;
        const size_t guess = std::min<size_t>(frames, 1 << 20);
        try {
            session->m_rows.reserve(frames);
            session->m_frames.reserve(frames, 0);
            pass.tracker().reserve(segments);
        } catch (const std::bad_alloc&) {
            session->m_rows.reserve(guess);
            session->m_frames.reserve(guess, 0);
            pass.tracker().reserve(guess);
        }
        adviseHugePages(session->m_rows);
        adviseHugePages(pass.tracker().packets().briefs());
        session->m_frames.adviseHugePages();
        pages[kRows].track(session->m_rows, kPagesAhead);
        pages[kResults].track(pass.tracker().packets().briefs(), kPagesAhead);
        session->m_frames.trackPages(pages[kRefs], kPagesAhead, pages[kBytes], kBytesAhead);
    }

    // The pipeline's idle work, on a thread that would otherwise wait: a fresh page's fault
    // (the kernel zeroing it) costs the writing thread otherwise, and on a virtual machine whose
    // host hands out memory lazily, far more than the writing. A step at a time (at most 2 MiB
    // a vector), so that either thread goes back to its own work soon; whether it readied any.
    bool readyPages() {
        bool did = false;
        for (PagesAhead& p : pages) did = p.ready() || did;
        return did;
    }
    // On either thread: dissects a batch of frames into its slot.
    void decode(std::span<const Frame> frames, size_t slot) {
        FirstPass::decodeBatch(frames, decoded[slot], options);
    }
    // What this thread has written, for readyPages(): told every 1024 frames.
    void tellWritten() {
        pages[kRows].written(session->m_rows.size());
        pages[kRefs].written(session->m_frames.size());
        pages[kBytes].written(session->m_frames.byteCount());
        pages[kResults].written(pass.tracker().packetCount());
    }

    // How many frames the file holds, judged from the first ones: whether a preview is worth
    // it.
    void estimateFrames() {
        estimate = size_t(double(fileSize) / double(consumed) * 1024.0 * 1.02) + 1024;
    }

    bool frame(const Frame& f, const DecodedFrame& d) {
        const size_t index = session->m_frames.size();
        if (mapped) {
            if (!placeMapped(f, index)) return false;
        } else {
            session->m_frames.add(f, true);
        }
        pass.add(f, d, true);
        consumed += 16 + f.data.size();
        if (index % 1024 == 0) tellWritten();
        if (index == 1023) estimateFrames();
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
    bool mappedOffsetsHeld(const LoadedInput& in) {
        if (!offsetsHold) return false;
        const size_t frames = session->m_frames.size();
        if (frames > 0 && !frameHolds(frames - 1, last, lastCaptured)) return false;
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
        if (load.mapped) s->m_frames.indexByOffset();
        if (!load.mapped) s->m_frames.reserve(0, size_t(load.fileSize));
        load.reserveForFile();
        // Read on a second thread, a few batches ahead, which also dissects while it is ahead:
        // reading and dissecting overlap tracking, and so does the faulting in of the pages
        // the vectors grow into.
        ReadAheadStages stages;
        stages.prepare = [&](std::span<const Frame> frames, size_t slot) {
            load.decode(frames, slot);
        };
        stages.consume = [&](const Frame& f, size_t slot, size_t i) {
            return load.frame(f, load.decoded[slot][i]);
        };
        stages.idle = [&] { return load.readyPages(); };
        LoadedInput in = readAheadPipeline(path, stages);
        if (load.cancelled) return nullptr;
        if (load.mapped && !load.mappedOffsetsHeld(in)) continue; // read again, copying
        load.pass.finish();
        s->adoptTracker(std::move(load.pass.tracker()));
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
    s->m_rows.reserve(total);
    FirstPass pass(viewerPassOptions(options, true), [&](const PassPacket& p) {
        s->addRow(p);
        return !progress || p.index % 4096 != 0 || progress(p.index, total);
    });
    pass.tracker().reserve(total);
    for (size_t i = 0; i < s->m_frames.size() && !pass.stopped(); ++i)
        pass.add(s->m_frames.view(i), s->m_frames.hasTimestamp(i));
    for (const TcpSegment& seg : s->m_segments)
        if (!pass.addSegment(seg)) break;
    if (pass.stopped()) return nullptr;
    pass.finish();
    s->adoptTracker(std::move(pass.tracker()));
    if (progress) progress(total, total);
    return s;
}

SessionPtr CaptureSession::makePreview(size_t frames) const {
    return fromFrames(m_frames.prefix(frames), m_path, "loading…", m_options, false);
}

SessionPtr CaptureSession::fromFrames(FrameStore frames, std::string path, std::string formatName,
                                      const DissectOptions& options, bool inputEnded) {
    registerAllProtocols();
    auto p = std::make_shared<CaptureSession>();
    p->m_path = std::move(path);
    p->m_options = options;
    p->m_formatName = std::move(formatName);
    p->m_partial = !inputEnded;
    p->m_frames = std::move(frames);
    p->m_rows.reserve(p->m_frames.size());
    FirstPass pass(viewerPassOptions(options, true), [&](const PassPacket& pp) {
        p->addRow(pp);
        return true;
    });
    pass.tracker().reserve(p->m_frames.size());
    for (size_t i = 0; i < p->m_frames.size(); ++i)
        pass.add(p->m_frames.view(i), p->m_frames.hasTimestamp(i));
    pass.finish(inputEnded);
    p->adoptTracker(std::move(pass.tracker()));
    return p;
}

std::span<const uint8_t> CaptureSession::bytes(size_t i) const {
    if (i >= m_rows.size() || !m_rows[i].hasBytes) return {};
    return m_frames.view(i).data;
}

const TcpPacketAnalysis* CaptureSession::analysis(size_t i) const {
    if (i >= m_rows.size() || m_rows[i].analysis < 0) return nullptr;
    return m_tracker.packet(static_cast<size_t>(m_rows[i].analysis));
}

std::optional<PacketBrief> CaptureSession::brief(size_t i) const {
    if (i >= m_rows.size() || m_rows[i].analysis < 0) return std::nullopt;
    const size_t index = static_cast<size_t>(m_rows[i].analysis);
    if (index >= m_tracker.packets().size()) return std::nullopt;
    return m_tracker.packets().brief(index);
}

// The full results of a session whose tracker kept briefs: a connection's results depend on
// its own address and port pair's packets only (tests/core/test_tracker.cpp checks it on every
// capture), so the packets of a pair are dissected and tracked again alone when one of them
// is first asked for, and kept with the session: memory grows with the pairs looked at, to at
// most what keeping every result from the start takes. A pair is tracked only as far as the
// packet asked for is settled (ConnectionTracker::firstUnsettled(): no later packet can amend
// it), and further when a later one is asked for: the first packet of a connection of a million
// is there after a few of them, not after the million.
class CaptureSession::Recompute final : public PacketResultSource {
  public:
    explicit Recompute(const CaptureSession& s)
        : m_s(s), m_byFirst(new std::atomic<Pair*>[s.m_tracker.connections().size()]) {
        for (size_t c = 0; c < s.m_tracker.connections().size(); ++c) m_byFirst[c] = nullptr;
    }
    const TcpPacketAnalysis& analysis(size_t index) const override;
    size_t pairs() const {
        std::lock_guard lock(m_mutex);
        return m_pairs.size();
    }
    size_t packets() const {
        std::lock_guard lock(m_mutex);
        size_t n = 0;
        for (const auto& p : m_pairs) n += p->tracked.load(std::memory_order_relaxed);
        return n;
    }

  private:
    struct Pair {
        uint32_t first = 0;            // the pair's first stream
        std::vector<uint32_t> streams; // the session's, in the order the tracker made them
        size_t to = 0;                 // the tracker's last packet index of the pair
        size_t row = 0;                // the next row to track
        std::unique_ptr<ConnectionTracker> tracker; // while the pair is not tracked to its end
        std::vector<uint32_t> indices; // the session's packet indices tracked, ascending
        // The settled results, with the session's stream numbers: they stay where they are as
        // more come (analysis() hands out references).
        StableResults results;
        std::atomic<size_t> tracked{0};
        std::atomic<bool> complete{false}; // every packet's result is in: read without the lock
        std::mutex mutex;                  // over the rest while not complete
        FirstPassOptions options;          // the viewer's, without display text: the segment is all
        DecodedFrame decoded;
        std::vector<uint8_t> buffer;
    };
    std::unique_ptr<Pair> start(uint32_t first) const;
    // Where packet `index` is, or would be, among the pair's tracked packets.
    static size_t place(const Pair& pair, size_t index) {
        return size_t(std::lower_bound(pair.indices.begin(), pair.indices.end(), index) -
                      pair.indices.begin());
    }
    // Tracks the pair until packet `index` is settled, or to its end.
    void advance(Pair& pair, size_t index) const;
    // Adds the pair's next packet to its tracker; false at the end of the pair.
    bool trackNext(Pair& pair) const;
    // Moves the results the pair's tracker settled (all of them at the end) into pair.results.
    void takeSettled(Pair& pair, bool all) const;
    // The first row whose packet index is `index` or more (rows of untracked packets between).
    size_t firstRowFrom(size_t index) const;

    const CaptureSession& m_s;
    std::unique_ptr<std::atomic<Pair*>[]> m_byFirst; // by the pair's first stream
    mutable std::mutex m_mutex;                      // over what follows
    mutable std::vector<std::unique_ptr<Pair>> m_pairs;
};

const TcpPacketAnalysis& CaptureSession::Recompute::analysis(size_t index) const {
    static const TcpPacketAnalysis none;
    const auto& briefs = m_s.m_tracker.packets().briefs();
    const auto& conns = m_s.m_tracker.connections();
    if (index >= briefs.size() || briefs[index].stream >= conns.size()) return none;
    const uint32_t first = conns[briefs[index].stream].pairFirst;
    Pair* pair = m_byFirst[first].load(std::memory_order_acquire);
    if (!pair) {
        std::lock_guard lock(m_mutex);
        pair = m_byFirst[first].load(std::memory_order_relaxed);
        if (!pair) {
            m_pairs.push_back(start(first));
            pair = m_pairs.back().get();
            m_byFirst[first].store(pair, std::memory_order_release);
        }
    }
    std::unique_lock<std::mutex> lock;
    if (!pair->complete.load(std::memory_order_acquire)) {
        lock = std::unique_lock(pair->mutex);
        advance(*pair, index);
    }
    const size_t at = place(*pair, index);
    if (at >= pair->results.size() || pair->indices[at] != index) return none;
    return pair->results[at];
}

std::unique_ptr<CaptureSession::Recompute::Pair>
CaptureSession::Recompute::start(uint32_t first) const {
    auto pair = std::make_unique<Pair>();
    pair->first = first;
    pair->options = viewerPassOptions(m_s.m_options);
    pair->options.dissect.displayText = false;
    size_t packets = 0, from = SIZE_MAX;
    for (const TcpConnection& c : m_s.m_tracker.connections())
        if (c.pairFirst == first) {
            packets += c.client.packets + c.server.packets;
            pair->streams.push_back(c.stream);
            from = std::min(from, c.firstPacket);
            pair->to = std::max(pair->to, c.lastPacket);
        }
    // Reserved for the pair's own packets as the session counted them, not for the span of
    // packet indices it covers: its tracker lives until the pair is tracked to its end, and a
    // pair asked for once may span the file with few packets of its own.
    pair->tracker = std::make_unique<ConnectionTracker>();
    pair->tracker->reserve(packets);
    pair->indices.reserve(packets);
    pair->results.expect(packets);
    pair->row = firstRowFrom(from);
    return pair;
}

void CaptureSession::Recompute::advance(Pair& pair, size_t index) const {
    // Settled once tracked and among the results moved out. A packet at a time
    // (firstUnsettled() also drops the walkers' stale pending ones).
    while (!pair.complete.load(std::memory_order_relaxed) &&
           (pair.indices.empty() || pair.indices.back() < index ||
            place(pair, index) >= pair.results.size()))
        takeSettled(pair, !trackNext(pair));
}

bool CaptureSession::Recompute::trackNext(Pair& pair) const {
    const auto& briefs = m_s.m_tracker.packets().briefs();
    const auto& conns = m_s.m_tracker.connections();
    const auto& rows = m_s.m_rows;
    while (pair.row < rows.size()) {
        const size_t row = pair.row++;
        const int32_t index = rows[row].analysis;
        if (index < 0) continue;
        const size_t i = size_t(index);
        if (i > pair.to || i >= briefs.size()) break;
        if (briefs[i].stream >= conns.size() || conns[briefs[i].stream].pairFirst != pair.first)
            continue;
        if (rows[row].hasBytes) {
            FirstPass::decode(m_s.m_frames.read(row, pair.buffer), pair.decoded, pair.options);
            if (!pair.decoded.hasSegment) continue; // not how it was tracked: left out, not guessed
            pair.tracker->add(pair.decoded.segment);
        } else {
            pair.tracker->add(m_s.m_segments[row]);
        }
        pair.indices.push_back(uint32_t(i));
        pair.tracked.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    pair.row = rows.size();
    return false;
}

void CaptureSession::Recompute::takeSettled(Pair& pair, bool all) const {
    ConnectionTracker& tracker = *pair.tracker;
    if (all && !m_s.m_partial) tracker.finish();
    const size_t settled = all ? tracker.packetCount() : tracker.firstUnsettled();
    for (size_t k = pair.results.size(); k < settled; ++k) {
        TcpPacketAnalysis a = *tracker.packet(k);
        if (a.stream < pair.streams.size()) a.stream = pair.streams[a.stream];
        pair.results.push_back(a);
    }
    if (!all) return;
    pair.tracker.reset();
    pair.indices.shrink_to_fit();
    std::vector<uint8_t>().swap(pair.buffer);
    pair.complete.store(true, std::memory_order_release);
}

size_t CaptureSession::Recompute::firstRowFrom(size_t index) const {
    const auto& rows = m_s.m_rows;
    // A row's packet index, or the next tracked row's: rising with the row.
    auto indexAt = [&rows](size_t r) {
        for (; r < rows.size(); ++r)
            if (rows[r].analysis >= 0) return size_t(rows[r].analysis);
        return SIZE_MAX;
    };
    return firstNotBelow(rows.size(), [&](size_t r) { return indexAt(r) < index; });
}

void CaptureSession::adoptTracker(ConnectionTracker tracker) {
    m_tracker = std::move(tracker);
    if (!m_tracker.packets().briefOnly()) return;
    auto source = std::make_shared<Recompute>(*this);
    m_recompute = source.get();
    m_tracker.setResultSource(std::move(source));
}

size_t CaptureSession::recomputedPairs() const {
    return m_recompute ? m_recompute->pairs() : 0;
}

size_t CaptureSession::recomputedPackets() const {
    return m_recompute ? m_recompute->packets() : 0;
}

std::shared_ptr<const ProtoTree> CaptureSession::tree(size_t i) const {
    auto tree = std::make_shared<ProtoTree>();
    if (i >= m_rows.size()) return tree;
    if (!m_rows[i].hasBytes) { // a tcpdump text line: what it said, marked so
        addTextSegmentTree(*tree, m_segments[i]);
        if (const TcpPacketAnalysis* a = analysis(i)) addAnalysisToTree(*tree, m_tracker, *a);
        return tree;
    }
    PacketSummary summary;
    dissectFrame(m_frames.view(i), summary, tree.get(), m_options);
    if (const TcpPacketAnalysis* a = analysis(i)) addAnalysisToTree(*tree, m_tracker, *a);
    return tree;
}

PacketDescription CaptureSession::describe(size_t i) const {
    if (i >= m_rows.size()) return {};
    // The brief says all the description shows but a duplicate ACK's number and frame.
    const std::optional<PacketBrief> b = brief(i);
    TcpPacketAnalysis partial;
    const TcpPacketAnalysis* a = nullptr;
    if (b && (b->analysisFlags & TcpAnalysisFlag::DuplicateAck))
        a = analysis(i);
    else if (b)
        a = &(partial = b->partial());
    if (!m_rows[i].hasBytes) return describeSegment(m_segments[i], a);
    return describePacket(m_frames.view(i), a, m_options);
}

bool CaptureSession::continues(const CaptureSession& earlier) const {
    // Records a snapshot views never move or go while it lives: the same block is the same
    // capture (and the same restart of it, for a ring buffer).
    return m_rows.isView() && earlier.m_rows.isView() && earlier.size() <= size() &&
           !m_tracker.packets().briefOnly() && m_rows.data() == earlier.m_rows.data() &&
           m_tracker.packets().records().data() == earlier.m_tracker.packets().records().data();
}

int CaptureSession::indexOfFrame(uint64_t number) const {
    auto numberOf = [this](size_t i) {
        return m_rows[i].hasBytes ? m_frames.view(i).number : m_segments[i].frameNumber;
    };
    const size_t lo = firstNotBelow(m_rows.size(), [&](size_t i) { return numberOf(i) < number; });
    if (lo < m_rows.size() && numberOf(lo) == number) return int(lo);
    for (size_t i = 0; i < m_rows.size(); ++i) // numbers not sorted (pasted, appended)
        if (numberOf(i) == number) return int(i);
    return -1;
}

} // namespace tcpscope
