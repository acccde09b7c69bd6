// SPDX-License-Identifier: GPL-2.0-or-later
// The frames of an opened capture, kept for random access (the viewer selects any packet at
// any time): either their bytes back to back in one buffer (a million frames are one
// allocation, not a million) with a small record per frame, or, for a classic pcap file, the
// mapped file itself, each frame an offset into it (loading copies nothing and touches no frame
// page; the bytes are read when a packet is selected).
#pragma once

#include "tcpscope/frame.h"
#include "tcpscope/lazy_allocator.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace tcpscope {

class FrameStore {
  public:
    FrameStore() = default;
    FrameStore(FrameStore&&) noexcept = default;
    FrameStore& operator=(FrameStore&&) noexcept = default;

    // Maps a file read-only; its frames are then added with addMapped(). False when the file
    // cannot be opened or mapped (or is empty).
    bool mapFile(const std::string& path);
    bool mapped() const { return m_map != nullptr; }
    size_t mapSize() const { return m_map ? m_map->size : 0; }
    // Keeps the mapped file's frames as their offsets alone, 4 bytes a frame instead of 24
    // bytes: each frame's time and lengths are read back from the record header before its
    // bytes in the file. Only for a classic pcap file under 4 GiB whose header libpcap reads
    // as it is (the standard magic numbers, either byte order, version 2.4), after mapFile()
    // and before any frame is added. Whether the store keeps offsets alone.
    bool indexByOffset();
    void addMapped(const Frame& f, size_t fileOffset) {
        if (m_byOffset)
            pushOffset(f, fileOffset);
        else
            push(f, fileOffset, true);
    }

    void reserve(size_t frames, size_t bytes) {
        if (m_byOffset)
            m_offsets.reserve(frames);
        else
            m_refs.reserve(frames);
        m_bytes.reserve(bytes);
    }
    // Backs the (reserved, not yet written) records and bytes with huge pages where possible.
    void adviseHugePages() const;
    // The records' and the copied bytes' pages, readied ahead by another thread (PagesAhead):
    // the blocks as reserved, and how far they are written.
    void trackPages(PagesAhead& refs, size_t refsAhead, PagesAhead& bytes,
                    size_t bytesAhead) const {
        if (m_byOffset)
            refs.track(m_offsets, refsAhead);
        else
            refs.track(m_refs, refsAhead);
        if (m_bytes.capacity() > 0) bytes.track(m_bytes, bytesAhead);
    }
    size_t byteCount() const { return m_appendOnly ? m_appendEnd : m_bytes.size(); }
    // A store that frames are only appended to, its bytes in one block of `capacity` bytes
    // reserved up front (address space: pages cost memory once written) that never moves, so
    // that prefix() shares it instead of copying the bytes: a live capture's snapshots. False
    // when the space cannot be reserved. Then add() only through append().
    bool reserveAppendOnly(size_t capacity);
    // Appends a frame's bytes to the block; false when it is full (nothing added).
    bool append(const Frame& f, bool hasTimestamp);
    void add(const Frame& f, bool hasTimestamp) {
        push(f, m_bytes.size(), hasTimestamp);
        m_bytes.insert(m_bytes.end(), f.data.begin(), f.data.end());
    }
    void add(const OwnedFrame& f) { add(f.view(), f.hasTimestamp); }
    size_t size() const { return m_byOffset ? m_offsets.size() : m_refs.size(); }
    bool empty() const { return size() == 0; }
    Frame view(size_t i) const {
        if (m_byOffset) {
            const uint8_t* at = m_map->data + m_offsets[i];
            return fromHeader(i, at - kRecordHeader, at, m_map->size - m_offsets[i]);
        }
        const Ref& r = m_refs[i];
        const uint8_t* base = m_map ? m_map->data : m_bytes.data();
        const bool wide = r.nsec == kWideNsec || r.length == kWideLength || r.wideNumber ||
                          r.wideSec || r.linkType == kWideLink || r.cut == kWideCut;
        const Wide w = wide ? this->wide(i) : Wide{};
        const Timestamp ts{r.wideSec ? w.sec : int64_t(r.sec),
                           r.nsec == kWideNsec ? w.nsec : r.nsec};
        const size_t length = r.length == kWideLength ? w.length : r.length;
        return Frame{r.wideNumber ? w.number : m_numberBase + uint64_t(i) + 1,
                     ts,
                     bool(r.nano),
                     r.linkType == kWideLink ? w.linkType : r.linkType,
                     r.cut == kWideCut ? w.originalLength : uint32_t(length + r.cut),
                     std::span<const uint8_t>(base + r.offset, length)};
    }
    bool hasTimestamp(size_t i) const { return m_byOffset || m_refs[i].hasTimestamp; }
    // Frame i as view(i) gives it, but where the store maps a file its bytes are read from the
    // file into `buffer` instead: reading many scattered frames (a connection's, among others)
    // through the mapping would map most of the file into the process, as the kernel maps the
    // pages around each one read (fault-around).
    Frame read(size_t i, std::vector<uint8_t>& buffer) const;
    // The first n frames as a store of their own (a mapped store shares the mapping).
    FrameStore prefix(size_t n) const;
    // The first n frames of an append-only store, sharing its records as well as its bytes
    // (RecordArray::view(): `owner` owns this store, which goes on appending): a snapshot's.
    FrameStore sharedPrefix(size_t n, std::shared_ptr<const void> owner) const;
    // The number of the first frame, when the frames that follow are numbered on from it
    // (before any is added): a live capture's ring buffer keeps its frames' numbers.
    void setFirstNumber(uint64_t number) { m_numberBase = number ? number - 1 : 0; }
    // A copy that owns its bytes (appending pasted packets, tests).
    OwnedFrame owned(size_t i) const;
    std::vector<OwnedFrame> toOwned() const;

  private:
    // 24 bytes a frame: the seconds, the nanoseconds and the captured length take 32, 30 and
    // 30 bits, the link type 16 and the bytes cut off by the snapshot length (original minus
    // captured length) 16, which every sane record fits, and the frame number is not stored
    // where it is the frame's place (a file's frames, numbered as read). A damaged record's
    // time before 1970 or past 2106 or fraction of a second past 1.07 s, a frame past 1 GiB, a
    // link type past 65534, an original length shorter than the captured one or 64 KiB longer,
    // or a number out of sequence (pasted, appended packets) is kept whole in m_wide instead:
    // no value changes.
    struct Ref {
        uint64_t offset;
        uint32_t sec;
        uint32_t nsec : 30;
        uint32_t nano : 1;
        uint32_t hasTimestamp : 1;
        uint32_t length : 30;
        uint32_t wideNumber : 1; // the number is in m_wide, not m_numberBase + index + 1
        uint32_t wideSec : 1;    // the seconds are in m_wide
        uint16_t linkType;
        uint16_t cut; // original length - captured length
    };
    static_assert(sizeof(Ref) == 24); // the viewer keeps one a packet
    static constexpr uint32_t kWideNsec = (1u << 30) - 1;
    static constexpr uint32_t kWideLength = (1u << 30) - 1;
    static constexpr uint16_t kWideLink = UINT16_MAX;
    static constexpr uint16_t kWideCut = UINT16_MAX;
    struct Wide {
        size_t index = 0;
        int64_t sec = 0;
        uint64_t nsec = 0;
        uint64_t length = 0;
        uint64_t number = 0;
        uint32_t linkType = 0;
        uint32_t originalLength = 0;
    };
    void push(const Frame& f, size_t offset, bool hasTimestamp);
    // A frame of a store that keeps offsets alone: its offset, and, where libpcap's values are
    // not what its record header reads as (seconds past 2^31, which libpcap sign-extends), all
    // of them in the side table.
    void pushOffset(const Frame& f, size_t offset);
    // Frame i from its record header (16 bytes: seconds, fraction, captured and original
    // length, in the file's byte order) and its bytes, or from the side table; its bytes cut
    // to the `room` there is (a file changed since it was mapped).
    Frame fromHeader(size_t i, const uint8_t* header, const uint8_t* data, size_t room) const;
    Frame readByOffset(size_t i, std::vector<uint8_t>& buffer) const;
    static constexpr size_t kRecordHeader = 16;
    Wide wide(size_t index) const;
    const Wide* findWide(size_t index) const;
    void shareRest(FrameStore& out, size_t n) const;
    // A read-only mapping, unmapped when the last store using it goes away.
    struct Mapping {
        const uint8_t* data = nullptr;
        size_t size = 0;
        int fd = -1; // the mapped file's, for read()
        ~Mapping();
    };
    std::vector<uint8_t> m_bytes;
    RecordArray<Ref> m_refs;
    // A mapped classic pcap's frames as offsets alone (indexByOffset()): the file's byte order
    // and precision, and its frames' link type.
    RecordArray<uint32_t> m_offsets;
    bool m_byOffset = false;
    bool m_swapped = false;
    bool m_nano = false;
    uint32_t m_linkType = 0;
    std::vector<Wide> m_wide; // by index: the few frames whose values do not fit a Ref
    std::shared_ptr<const Mapping> m_map;
    uint64_t m_numberBase = 0;
    bool m_appendOnly = false; // the bytes are in m_map, written by append()
    size_t m_appendEnd = 0;    // how far
};

// Asks the kernel to back a large buffer that is not yet written with 2 MiB pages. A million
// rows and tracker records fill ~300 MB; on 4 KiB pages their page faults alone were ~15% of
// the viewer's load (perf, 1M packets). Only whole 2 MiB blocks inside the buffer are advised;
// the kernel may ignore the advice (transparent huge pages off), which changes nothing else.
void adviseHugePages(const void* data, size_t bytes);
template <typename T, typename A> void adviseHugePages(const std::vector<T, A>& v) {
    adviseHugePages(v.data(), v.capacity() * sizeof(T));
}
template <typename T> void adviseHugePages(const RecordArray<T>& v) {
    adviseHugePages(v.data(), v.capacity() * sizeof(T));
}

} // namespace tcpscope
