// SPDX-License-Identifier: GPL-2.0-or-later
// libFuzzer target: bytes as a classic pcap file, mapped into a FrameStore that keeps its
// frames' offsets alone (indexByOffset) and reads their time and lengths back from the record
// headers, as the viewer's load keeps a large capture. The frames are read by libpcap and
// placed as the load places them (each record 16 bytes past the previous frame's end); up to
// the first one whose bytes or header do not follow (the load then reads by copying), every
// frame the store gives back, through the mapping and through the file, must be the one
// libpcap read, or the target aborts. Past that point the store is still read, for bounds.
// (The load itself finds a record that does not follow by comparing every 1024th frame, the
// preview's last and the last with libpcap's.)
#include "tcpscope/capture_source.h"
#include "tcpscope/frame_store.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

using namespace tcpscope;

namespace {

// A frame as libpcap read it, its bytes copied.
struct Read {
    Frame frame;
    std::vector<uint8_t> bytes;
};

// memcmp without its null pointers (an empty frame's).
bool equalBytes(const uint8_t* a, const uint8_t* b, size_t n) {
    return n == 0 || std::memcmp(a, b, n) == 0;
}

bool same(const Frame& a, const Read& b) {
    return a.number == b.frame.number && a.ts == b.frame.ts &&
           a.nanoPrecision == b.frame.nanoPrecision && a.linkType == b.frame.linkType &&
           a.originalLength == b.frame.originalLength && a.data.size() == b.bytes.size() &&
           equalBytes(a.data.data(), b.bytes.data(), b.bytes.size());
}

// The captured length in the record header at `at`, in the file's byte order.
uint32_t recordLength(const uint8_t* file, size_t at) {
    uint32_t magic, v;
    std::memcpy(&magic, file, 4);
    std::memcpy(&v, file + at + 8, 4);
    return magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1 ? __builtin_bswap32(v) : v;
}

// The input as a file that can be mapped: a memory file, named through /proc.
std::string memoryFile(const uint8_t* data, size_t size, int& fd) {
    fd = memfd_create("fuzz_frame_index", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != ssize_t(size)) return {};
    return "/proc/self/fd/" + std::to_string(fd);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    InputError error;
    auto reader = PcapReader::openMemory(std::span<const uint8_t>(data, size), error);
    if (!reader) return 0;
    std::vector<Read> frames;
    Frame f;
    while (reader->next(f) && frames.size() < 4096) {
        frames.push_back(Read{f, std::vector<uint8_t>(f.data.begin(), f.data.end())});
        frames.back().frame.data = frames.back().bytes;
    }
    int fd = -1;
    const std::string path = memoryFile(data, size, fd);
    FrameStore store;
    const bool indexed = !path.empty() && store.mapFile(path) && store.indexByOffset();
    if (fd >= 0) close(fd);
    if (!indexed) return 0;
    size_t offset = 24, held = 0;
    for (const Read& o : frames) {
        offset += 16;
        if (offset + o.bytes.size() > size) break;
        store.addMapped(o.frame, offset);
        offset += o.bytes.size();
        // The record is where the offsets put it: its header's length is libpcap's (not a
        // record cut to the snapshot length, whose rest libpcap skipped), its bytes are there.
        const bool follows =
            recordLength(data, offset - o.bytes.size() - 16) == o.bytes.size() &&
            equalBytes(data + offset - o.bytes.size(), o.bytes.data(), o.bytes.size());
        if (held + 1 == store.size() && follows) ++held;
    }
    std::vector<uint8_t> buffer;
    for (size_t i = 0; i < store.size(); ++i) {
        const Frame mapped = store.view(i);
        const Frame read = store.read(i, buffer);
        if (i < held && (!same(mapped, frames[i]) || !same(read, frames[i]))) __builtin_trap();
        if (mapped.data.size() > size || read.data.size() > size) __builtin_trap();
    }
    const FrameStore head = store.prefix(held / 2);
    for (size_t i = 0; i < head.size(); ++i)
        if (!same(head.view(i), frames[i])) __builtin_trap();
    return 0;
}
