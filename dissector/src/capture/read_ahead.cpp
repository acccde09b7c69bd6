// SPDX-License-Identifier: GPL-2.0-or-later
// A capture file read by libpcap on a second thread, a few batches ahead of the one that
// dissects and tracks: reading (system calls, libpcap's record parsing, the copy out of the
// kernel) was a third of a streaming command's time on small packets, and it now overlaps
// the rest. The batches are few and reused: memory stays a few MiB whatever the file.
// The viewer's loader also has each batch prepared (dissected) by whichever thread is free
// (readAheadPipeline): the reading thread, whose part is the smaller one, takes on the
// dissecting while it is ahead, and the tracking thread is left the rest.
#include "tcpscope/capture_source.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace tcpscope {

namespace {

constexpr size_t kBatchBytes = size_t(256) << 10;    // a batch closes past this many bytes...
constexpr size_t kBatchFrames = 2048;                // ...or this many frames
constexpr size_t kBatches = ReadAheadStages::kSlots; // in flight at most
// Smaller files are read on the calling thread: a thread costs more than it saves there.
constexpr uint64_t kReadAheadFrom = uint64_t(4) << 20;

// Frames read but not yet handed on: their records, and their bytes back to back (each
// frame's data is an offset into `bytes` until the batch is placed).
struct Batch {
    size_t slot = 0; // below ReadAheadStages::kSlots: where its prepared results go
    // Read: waits to be prepared; Preparing: the reading thread is at it; Prepared: ready.
    enum class State : uint8_t { Read, Preparing, Prepared } state = State::Read;
    std::vector<Frame> frames;
    std::vector<size_t> offsets;
    std::vector<uint8_t> bytes;
    void clear() {
        frames.clear();
        offsets.clear();
        bytes.clear();
    }
    bool full() const { return frames.size() >= kBatchFrames || bytes.size() >= kBatchBytes; }
    void add(const Frame& f) {
        offsets.push_back(bytes.size());
        bytes.insert(bytes.end(), f.data.begin(), f.data.end());
        frames.push_back(f);
    }
    // The frames' data into this batch's bytes, once no more are added.
    void place() {
        for (size_t i = 0; i < frames.size(); ++i)
            frames[i].data =
                std::span<const uint8_t>(bytes.data() + offsets[i], frames[i].data.size());
    }
};

// The two threads' meeting point: batches to read into, batches read (in input order), and how
// reading ended. A thread that would wait helps instead: the reading one prepares the newest
// batch read (the consumer takes the oldest), either does a step of the idle work.
class Shelf {
  public:
    explicit Shelf(const ReadAheadStages& stages) : m_stages(stages) {
        for (size_t i = 0; i < kBatches; ++i) {
            m_free.push_back(std::make_unique<Batch>());
            m_free.back()->slot = i;
        }
    }
    // The reader's: an empty batch to fill, or null once the consumer stopped.
    std::unique_ptr<Batch> takeFree() {
        std::unique_lock lock(m_mutex);
        while (!m_stopped && m_free.empty())
            if (!prepareNewest(lock) && !idleStep(lock)) m_changed.wait(lock);
        if (m_stopped) return nullptr;
        auto b = std::move(m_free.front());
        m_free.pop_front();
        return b;
    }
    void putFull(std::unique_ptr<Batch> b) {
        b->place();
        b->state = m_stages.prepare ? Batch::State::Read : Batch::State::Prepared;
        std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(b));
        changed();
    }
    // The reader's, at the end of the input: the batches still waiting to be prepared.
    void finish(std::optional<InputError> error) {
        std::unique_lock lock(m_mutex);
        m_error = std::move(error);
        m_done = true;
        changed();
        while (!m_stopped && prepareNewest(lock)) {
        }
    }
    // The consumer's: the next batch read, prepared, or null at the end.
    std::unique_ptr<Batch> takeFull() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (!m_full.empty() && m_full.front()->state != Batch::State::Preparing) {
                auto b = std::move(m_full.front());
                m_full.pop_front();
                lock.unlock();
                if (b->state == Batch::State::Read) m_stages.prepare(b->frames, b->slot);
                return b;
            }
            if (m_full.empty() && m_done) return nullptr;
            if (!idleStep(lock)) m_changed.wait(lock);
        }
    }
    void giveBack(std::unique_ptr<Batch> b) {
        b->clear();
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(b));
        changed();
    }
    void stop() {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        changed();
    }
    std::optional<InputError> error() {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

  private:
    // Under the lock.
    void changed() {
        ++m_changes;
        m_changed.notify_all();
    }
    // Prepares the newest batch read that nobody prepares, with the lock released (the batch
    // stays where it is: the consumer waits for it rather than take it). Whether there was one.
    bool prepareNewest(std::unique_lock<std::mutex>& lock) {
        if (!m_stages.prepare) return false;
        for (auto it = m_full.rbegin(); it != m_full.rend(); ++it) {
            Batch& b = **it; // owned by the shelf, whatever else moves in m_full
            if (b.state != Batch::State::Read) continue;
            b.state = Batch::State::Preparing;
            lock.unlock();
            m_stages.prepare(b.frames, b.slot);
            lock.lock();
            b.state = Batch::State::Prepared;
            changed();
            return true;
        }
        return false;
    }
    // A step of the idle work, with the lock released. True when the caller should look again
    // rather than wait: it did some work, or the shelf changed meanwhile (a wake-up it missed).
    bool idleStep(std::unique_lock<std::mutex>& lock) {
        if (!m_stages.idle) return false;
        const uint64_t seen = m_changes;
        lock.unlock();
        const bool did = m_stages.idle();
        lock.lock();
        return did || m_changes != seen;
    }

    const ReadAheadStages& m_stages;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    uint64_t m_changes = 0; // every change under the lock
    std::deque<std::unique_ptr<Batch>> m_free, m_full;
    bool m_stopped = false, m_done = false;
    std::optional<InputError> m_error;
};

void readInto(Shelf& shelf, PcapReader& reader) {
    std::unique_ptr<Batch> batch = shelf.takeFree();
    Frame f;
    while (batch && reader.next(f)) {
        batch->add(f);
        if (!batch->full()) continue;
        shelf.putFull(std::move(batch));
        batch = shelf.takeFree();
    }
    if (batch && !batch->frames.empty()) shelf.putFull(std::move(batch));
    shelf.finish(reader.error());
}

// TCPSCOPE_THREADS=1: everything on the calling thread (a machine with one core to spare, a
// profile of one thread, the benchmark's one-thread figure).
bool oneThread() {
    const char* threads = std::getenv("TCPSCOPE_THREADS");
    return threads && std::string_view(threads) == "1";
}

} // namespace

LoadedInput readAheadPipeline(const std::string& path, const ReadAheadStages& stages) {
    const CaptureFormat format = path == "-" ? CaptureFormat::None : captureFileFormat(path);
    std::error_code ec;
    if (format == CaptureFormat::None || std::filesystem::file_size(path, ec) < kReadAheadFrom ||
        ec || oneThread())
        return forEachFrame(path, [&](const Frame& f) {
            if (stages.prepare) stages.prepare(std::span<const Frame>(&f, 1), 0);
            return stages.consume(f, 0, 0);
        });
    LoadedInput out;
    out.kind = LoadedInput::Kind::Capture;
    out.formatName = format == CaptureFormat::Pcapng ? "pcapng" : "pcap";
    InputError err;
    std::unique_ptr<PcapReader> reader = PcapReader::openFile(path, err);
    if (!reader) {
        out.error = err;
        return out;
    }
    Shelf shelf(stages);
    std::thread thread([&] { readInto(shelf, *reader); });
    bool stopped = false;
    while (!stopped) {
        std::unique_ptr<Batch> batch = shelf.takeFull();
        if (!batch) break;
        for (size_t i = 0; i < batch->frames.size(); ++i)
            if (!stages.consume(batch->frames[i], batch->slot, i)) {
                stopped = true;
                break;
            }
        shelf.giveBack(std::move(batch));
    }
    shelf.stop();
    thread.join();
    // Stopped early (the consumer had what it wanted): not an error of the file's.
    if (!stopped) out.error = shelf.error();
    return out;
}

LoadedInput forEachFrameReadAhead(const std::string& path,
                                  const std::function<bool(const Frame&)>& fn) {
    ReadAheadStages stages;
    stages.consume = [&fn](const Frame& f, size_t, size_t) { return fn(f); };
    return readAheadPipeline(path, stages);
}

} // namespace tcpscope
