// SPDX-License-Identifier: GPL-2.0-or-later
// Where frames come from (DESIGN.md 1): capture files through libpcap (pcap and pcapng, from a
// path or from memory), or text (hex dumps of many formats). A damaged input keeps every frame
// before the damage and reports where reading stopped.
#pragma once

#include "tcpscope/frame.h"
#include "tcpscope/tcp_segment.h"

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

class PcapReader {
  public:
    ~PcapReader();
    PcapReader(const PcapReader&) = delete;
    PcapReader& operator=(const PcapReader&) = delete;

    // Opens a pcap or pcapng file. On failure returns null and fills `error`.
    static std::unique_ptr<PcapReader> openFile(const std::string& path, InputError& error);
    // Reads a capture held in memory (the fuzzers and the paste box use this). The bytes must
    // outlive the reader.
    static std::unique_ptr<PcapReader> openMemory(std::span<const uint8_t> bytes,
                                                  InputError& error);
    // Reads a pcap or pcapng stream from a pipe as it is written (live capture: the capture
    // helper's output; standard input); blocks until its header has come. Takes the
    // descriptor over. `head`: bytes already read from it (to tell its format), read first.
    static std::unique_ptr<PcapReader> openStream(int fd, InputError& error,
                                                  std::span<const uint8_t> head = {});

    // Next frame; its bytes stay valid until the following call. Returns false at the end of
    // the file or at damage (then error() says where).
    bool next(Frame& frame);
    const std::optional<InputError>& error() const { return m_error; }
    uint32_t linkType() const { return m_linkType; }
    bool nanoPrecision() const { return m_nano; }

  private:
    PcapReader() = default;
    bool init(InputError& error);

    void* m_pcap = nullptr;           // pcap_t
    void* m_file = nullptr;           // FILE* for memory input
    std::unique_ptr<char[]> m_buffer; // stdio buffer of a file: large, so reads are few
    uint32_t m_linkType = 0;
    bool m_nano = false;
    uint64_t m_count = 0;
    std::optional<InputError> m_error;
};

// What a whole input turned into. Captures and hex text give frames; tcpdump summary text
// (lines without bytes) gives segments only.
struct LoadedInput {
    enum class Kind { Capture, HexText, TcpdumpText } kind = Kind::Capture;
    std::string formatName; // "pcap", "pcapng", "tcpdump -x text", "xxd", ...
    std::vector<OwnedFrame> frames;
    std::vector<TcpSegment> segments; // TcpdumpText only
    std::vector<std::string> lines;   // TcpdumpText: each segment's packet as printed (packetTexts)
    std::optional<InputError> error;  // where reading stopped, if it did; frames before it kept
};

// What a file's first bytes say it is (pcap in either byte order and precision, pcapng).
enum class CaptureFormat : uint8_t { None, Pcap, PcapNano, Pcapng };
CaptureFormat captureFormat(std::span<const uint8_t> head);
// True when the bytes start with a pcap or pcapng magic number.
inline bool looksLikeCapture(std::span<const uint8_t> bytes) {
    return captureFormat(bytes) != CaptureFormat::None;
}
// The format of the file at `path` by its first bytes (None when it cannot be read).
CaptureFormat captureFileFormat(const std::string& path);
inline bool isCaptureFile(const std::string& path) {
    return captureFileFormat(path) != CaptureFormat::None;
}

// Reads a whole input already in memory: a capture (by magic) or text (auto-detected).
LoadedInput loadInput(std::span<const uint8_t> bytes);
// Reads a file ("-" for standard input) and calls loadInput; open errors land in `error`.
// A file that is neither a capture nor text is not read past its first 4 KiB.
// (forEachFrame streams a capture on standard input or a pipe; this reads it whole.)
LoadedInput loadPath(const std::string& path);
// Whether `path` is standard input ("-") or a pipe or device (a FIFO, the shell's <(...)):
// read once, as it comes, never looked into first.
bool isStreamInput(const std::string& path);
// Reads such a stream once: a capture goes to `fn` frame by frame as it arrives, in constant
// memory (the result holds no frames; `fn` may stop it); anything else is read whole and
// returned as loadPath returns it, `fn` not called.
LoadedInput streamOrLoad(const std::string& path, const std::function<bool(const Frame&)>& fn);
// Reads the file at `path` ("-": standard input) into `bytes`, in chunks; after each, `more`
// (when given) may stop it. Empty on success, else why, as a sentence's end: "cannot open it:
// No such file or directory", "it is a directory", "cannot read it: ...".
std::string readFileBytes(const std::string& path, std::vector<uint8_t>& bytes,
                          const std::function<bool(std::span<const uint8_t>)>& more = {});

// Streams every frame of an input to `fn` (return false to stop early). A capture file is read
// record by record from disk (no copy of the file or of any frame), and so is a capture on
// standard input or a pipe, as it arrives; text is loaded whole first. The result carries the kind,
// the format name, tcpdump-text segments, and where reading stopped; its `frames` stay empty.
LoadedInput forEachFrame(const std::string& path, const std::function<bool(const Frame&)>& fn);
// The same, with a capture file of a few MiB or more read by libpcap on a second thread, a few
// batches (of at most 256 KiB) ahead of `fn`: reading overlaps the work on the frames. Each
// frame's data stays valid only during its call, as with forEachFrame. A streaming command's
// reading (read_ahead.cpp).
LoadedInput forEachFrameReadAhead(const std::string& path,
                                  const std::function<bool(const Frame&)>& fn);

// The viewer's loading pipeline over a capture file (read_ahead.cpp): libpcap reads batches of
// frames on a second thread; each batch is prepared (work on its frames that needs nothing
// from the frames before them: dissecting) by whichever thread is free, the reading one while
// it is ahead, else the calling one; the calling thread consumes the frames in input order.
// Smaller files and text are read, prepared and consumed on the calling thread.
struct ReadAheadStages {
    // Batches in flight at most; a batch's slot (below this) names the storage its prepared
    // results go into, which is not reused before the batch was consumed.
    static constexpr size_t kSlots = 4;
    // Either thread, once a batch, before its frames are consumed (may be empty).
    std::function<void(std::span<const Frame> frames, size_t slot)> prepare;
    // The calling thread, frame by frame in input order; `i` is the frame's place in its batch
    // (what prepare saw at frames[i]). Returns false to stop.
    std::function<bool(const Frame& frame, size_t slot, size_t i)> consume;
    // Either thread, when it would otherwise wait: one short step of work that overlaps the rest
    // (the viewer readies the pages its vectors grow into). Returns whether it did any. May be
    // empty.
    std::function<bool()> idle;
};
LoadedInput readAheadPipeline(const std::string& path, const ReadAheadStages& stages);

} // namespace tcpscope
