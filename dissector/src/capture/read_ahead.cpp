// SPDX-License-Identifier: GPL-2.0-or-later
// A capture file read by libpcap on a second thread, a few batches ahead of the one that
// dissects and tracks: reading (system calls, libpcap's record parsing, the copy out of the
// kernel) was a third of a streaming command's time on small packets, and it now overlaps
// the rest. The batches are few and reused: memory stays a few MiB whatever the file.
#include "tcpscope/capture_source.h"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace tcpscope {

namespace {

constexpr size_t kBatchBytes = size_t(256) << 10; // a batch closes past this many bytes...
constexpr size_t kBatchFrames = 2048;             // ...or this many frames
constexpr size_t kBatches = 4;                    // in flight at most
// Smaller files are read on the calling thread: a thread costs more than it saves there.
constexpr uint64_t kReadAheadFrom = uint64_t(4) << 20;

// Frames read but not yet handed on: their records, and their bytes back to back (each
// frame's data is an offset into `bytes` until the batch is handed on).
struct Batch {
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

// The two threads' meeting point: batches to read into, batches read, and how reading ended.
class Shelf {
  public:
    Shelf() {
        for (size_t i = 0; i < kBatches; ++i) m_free.push_back(std::make_unique<Batch>());
    }
    // The reader's: an empty batch to fill, or null once the consumer stopped.
    std::unique_ptr<Batch> takeFree() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || !m_free.empty(); });
        if (m_stopped) return nullptr;
        auto b = std::move(m_free.front());
        m_free.pop_front();
        return b;
    }
    void putFull(std::unique_ptr<Batch> b) {
        std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(b));
        m_changed.notify_all();
    }
    void finish(std::optional<InputError> error) {
        std::lock_guard lock(m_mutex);
        m_error = std::move(error);
        m_done = true;
        m_changed.notify_all();
    }
    // The consumer's: the next batch read, or null at the end.
    std::unique_ptr<Batch> takeFull() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_done || !m_full.empty(); });
        if (m_full.empty()) return nullptr;
        auto b = std::move(m_full.front());
        m_full.pop_front();
        return b;
    }
    void giveBack(std::unique_ptr<Batch> b) {
        b->clear();
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(b));
        m_changed.notify_all();
    }
    void stop() {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }
    // How many batches read wait for the consumer.
    size_t waiting() {
        std::lock_guard lock(m_mutex);
        return m_full.size();
    }
    std::optional<InputError> error() {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

  private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Batch>> m_free, m_full;
    bool m_stopped = false, m_done = false;
    std::optional<InputError> m_error;
};

void readInto(Shelf& shelf, PcapReader& reader, const std::function<void(size_t)>& alongside) {
    std::unique_ptr<Batch> batch = shelf.takeFree();
    Frame f;
    while (batch && reader.next(f)) {
        batch->add(f);
        if (!batch->full()) continue;
        shelf.putFull(std::move(batch));
        if (alongside) alongside(shelf.waiting());
        batch = shelf.takeFree();
    }
    if (batch && !batch->frames.empty()) shelf.putFull(std::move(batch));
    shelf.finish(reader.error());
}

} // namespace

LoadedInput forEachFrameReadAhead(const std::string& path,
                                  const std::function<bool(const Frame&)>& fn,
                                  const std::function<void(size_t)>& alongside) {
    const CaptureFormat format = path == "-" ? CaptureFormat::None : captureFileFormat(path);
    std::error_code ec;
    if (format == CaptureFormat::None || std::filesystem::file_size(path, ec) < kReadAheadFrom ||
        ec)
        return forEachFrame(path, fn);
    LoadedInput out;
    out.kind = LoadedInput::Kind::Capture;
    out.formatName = format == CaptureFormat::Pcapng ? "pcapng" : "pcap";
    InputError err;
    std::unique_ptr<PcapReader> reader = PcapReader::openFile(path, err);
    if (!reader) {
        out.error = err;
        return out;
    }
    Shelf shelf;
    std::thread thread([&] { readInto(shelf, *reader, alongside); });
    bool stopped = false;
    while (!stopped) {
        std::unique_ptr<Batch> batch = shelf.takeFull();
        if (!batch) break;
        batch->place();
        for (const Frame& f : batch->frames)
            if (!fn(f)) {
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

} // namespace tcpscope
