// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/frame_store.h"

#include "tcpscope/capture_source.h"

#include <algorithm>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tcpscope {

FrameStore::Mapping::~Mapping() {
    if (data) munmap(const_cast<uint8_t*>(data), size);
    if (fd >= 0) ::close(fd);
}

bool FrameStore::indexByOffset() {
    if (!m_map || m_appendOnly || !empty() || m_map->size < 24 || m_map->size > UINT32_MAX)
        return false;
    const CaptureFormat format = captureFormat(std::span<const uint8_t>(m_map->data, 4));
    if (format != CaptureFormat::Pcap && format != CaptureFormat::PcapNano) return false;
    uint32_t magic = 0;
    uint16_t version[2] = {};
    std::memcpy(&magic, m_map->data, 4);
    std::memcpy(version, m_map->data + 4, 4);
    // Read in this machine's order, a file written in it starts 0xa1b2c3d4 or 0xa1b23c4d.
    const bool swapped = magic != 0xa1b2c3d4 && magic != 0xa1b23c4d;
    if (swapped)
        for (uint16_t& v : version) v = __builtin_bswap16(v);
    if (version[0] != 2 || version[1] != 4) return false;
    m_byOffset = true;
    m_swapped = swapped;
    m_nano = format == CaptureFormat::PcapNano;
    return true;
}

void FrameStore::pushOffset(const Frame& f, size_t offset) {
    if (m_offsets.empty()) m_linkType = f.linkType;
    const size_t i = m_offsets.size();
    if (f.number != m_numberBase + i + 1 || f.ts.sec < 0 || f.ts.sec > int64_t(UINT32_MAX) ||
        f.linkType != m_linkType || f.nanoPrecision != m_nano)
        m_wide.push_back(
            Wide{i, f.ts.sec, f.ts.nsec, f.data.size(), f.number, f.linkType, f.originalLength});
    m_offsets.push_back(uint32_t(offset));
}

Frame FrameStore::fromHeader(size_t i, const uint8_t* header, const uint8_t* data,
                             size_t room) const {
    if (!m_wide.empty())
        if (const Wide* w = findWide(i))
            return Frame{w->number,
                         Timestamp{w->sec, w->nsec},
                         m_nano,
                         w->linkType,
                         w->originalLength,
                         std::span<const uint8_t>(data, std::min(w->length, room))};
    uint32_t v[4];
    std::memcpy(v, header, sizeof v);
    if (m_swapped)
        for (uint32_t& x : v) x = __builtin_bswap32(x);
    return Frame{m_numberBase + uint64_t(i) + 1,
                 Timestamp{int64_t(v[0]), uint64_t(v[1]) * (m_nano ? 1 : 1000)},
                 m_nano,
                 m_linkType,
                 v[3],
                 std::span<const uint8_t>(data, std::min<size_t>(v[2], room))};
}

// A frame of a store that keeps offsets alone, read from the file: its header and bytes in one
// read where the frame is short, else a second read for the rest.
Frame FrameStore::readByOffset(size_t i, std::vector<uint8_t>& buffer) const {
    const size_t at = size_t(m_offsets[i]) - kRecordHeader;
    const size_t first = std::min<size_t>(kRecordHeader + 2048, m_map->size - at);
    buffer.resize(first);
    if (pread(m_map->fd, buffer.data(), first, off_t(at)) != ssize_t(first)) return view(i);
    const size_t length = fromHeader(i, buffer.data(), buffer.data(), SIZE_MAX).data.size();
    if (kRecordHeader + length > m_map->size - at) return view(i);
    if (kRecordHeader + length > first) {
        buffer.resize(kRecordHeader + length);
        const size_t rest = buffer.size() - first;
        if (pread(m_map->fd, buffer.data() + first, rest, off_t(at + first)) != ssize_t(rest))
            return view(i);
    }
    return fromHeader(i, buffer.data(), buffer.data() + kRecordHeader, length);
}

Frame FrameStore::read(size_t i, std::vector<uint8_t>& buffer) const {
    if (m_byOffset && m_map->fd >= 0) return readByOffset(i, buffer);
    Frame f = view(i);
    if (!m_map || m_map->fd < 0 || f.data.empty()) return f;
    buffer.resize(f.data.size());
    const off_t at = off_t(f.data.data() - m_map->data);
    // A read that falls short (the file cut since it was mapped) leaves the mapped bytes.
    if (pread(m_map->fd, buffer.data(), buffer.size(), at) == ssize_t(buffer.size()))
        f.data = std::span<const uint8_t>(buffer.data(), buffer.size());
    return f;
}

bool FrameStore::mapFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    void* map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        map = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        ::close(fd);
        return false;
    }
    auto m = std::make_shared<Mapping>();
    m->data = static_cast<const uint8_t*>(map);
    m->size = size_t(st.st_size);
    m->fd = fd; // kept for read()
    m_map = std::move(m);
    return true;
}

bool FrameStore::reserveAppendOnly(size_t capacity) {
    void* map = mmap(nullptr, capacity, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED) return false;
    auto m = std::make_shared<Mapping>();
    m->data = static_cast<const uint8_t*>(map);
    m->size = capacity;
    m_map = std::move(m);
    m_appendOnly = true;
    m_appendEnd = 0;
    return true;
}

bool FrameStore::append(const Frame& f, bool hasTimestamp) {
    if (!m_appendOnly || f.data.size() > m_map->size - m_appendEnd) return false;
    // Past every frame a prefix() shares: no reader looks here yet.
    std::copy(f.data.begin(), f.data.end(), const_cast<uint8_t*>(m_map->data) + m_appendEnd);
    push(f, m_appendEnd, hasTimestamp);
    m_appendEnd += f.data.size();
    return true;
}

void adviseHugePages(const void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
    constexpr uintptr_t huge = uintptr_t(2) << 20;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

void FrameStore::adviseHugePages() const {
    tcpscope::adviseHugePages(m_refs);
    tcpscope::adviseHugePages(m_offsets);
    tcpscope::adviseHugePages(m_bytes);
}

void FrameStore::push(const Frame& f, size_t offset, bool hasTimestamp) {
    const bool wideSec = f.ts.sec < 0 || f.ts.sec > int64_t(UINT32_MAX);
    const bool wideNsec = f.ts.nsec >= kWideNsec;
    const bool wideLength = f.data.size() >= kWideLength;
    const bool wideNumber = f.number != m_numberBase + m_refs.size() + 1;
    const bool wideLink = f.linkType >= kWideLink;
    const bool wideCut =
        f.originalLength < f.data.size() || f.originalLength - f.data.size() >= kWideCut;
    if (wideSec || wideNsec || wideLength || wideNumber || wideLink || wideCut)
        m_wide.push_back(Wide{m_refs.size(), f.ts.sec, f.ts.nsec, f.data.size(), f.number,
                              f.linkType, f.originalLength});
    Ref r{};
    r.offset = offset;
    r.sec = wideSec ? 0 : uint32_t(f.ts.sec);
    r.nsec = wideNsec ? kWideNsec : uint32_t(f.ts.nsec);
    r.nano = f.nanoPrecision;
    r.hasTimestamp = hasTimestamp;
    r.length = wideLength ? kWideLength : uint32_t(f.data.size());
    r.wideNumber = wideNumber;
    r.wideSec = wideSec;
    r.linkType = wideLink ? kWideLink : uint16_t(f.linkType);
    r.cut = wideCut ? kWideCut : uint16_t(f.originalLength - f.data.size());
    m_refs.push_back(r);
}

const FrameStore::Wide* FrameStore::findWide(size_t index) const {
    auto it = std::lower_bound(m_wide.begin(), m_wide.end(), index,
                               [](const Wide& w, size_t i) { return w.index < i; });
    return it != m_wide.end() && it->index == index ? &*it : nullptr;
}

FrameStore::Wide FrameStore::wide(size_t index) const {
    const Wide* w = findWide(index);
    return w ? *w : Wide{};
}

FrameStore FrameStore::prefix(size_t n) const {
    FrameStore out;
    n = std::min(n, size());
    if (m_byOffset)
        out.m_offsets.assign(m_offsets.begin(), m_offsets.begin() + std::ptrdiff_t(n));
    else
        out.m_refs.assign(m_refs.begin(), m_refs.begin() + std::ptrdiff_t(n));
    shareRest(out, n);
    return out;
}

FrameStore FrameStore::sharedPrefix(size_t n, std::shared_ptr<const void> owner) const {
    FrameStore out;
    n = std::min(n, size());
    if (m_byOffset)
        out.m_offsets = m_offsets.view(n, std::move(owner));
    else
        out.m_refs = m_refs.view(n, std::move(owner));
    shareRest(out, n);
    return out;
}

// What prefix() and sharedPrefix() hand on besides the records: the wide values, the
// numbering, and the bytes (shared when mapped, else copied).
void FrameStore::shareRest(FrameStore& out, size_t n) const {
    for (const Wide& w : m_wide)
        if (w.index < n) out.m_wide.push_back(w);
    out.m_numberBase = m_numberBase;
    out.m_byOffset = m_byOffset;
    out.m_swapped = m_swapped;
    out.m_nano = m_nano;
    out.m_linkType = m_linkType;
    if (m_map) {
        out.m_map = m_map;
        if (m_appendOnly) {
            out.m_appendOnly = true;
            out.m_appendEnd = n > 0 ? size_t(out.view(n - 1).data.data() - m_map->data) +
                                          out.view(n - 1).data.size()
                                    : 0;
        }
    } else if (n > 0) {
        const Frame last = view(n - 1);
        const size_t end = size_t(last.data.data() - m_bytes.data()) + last.data.size();
        out.m_bytes.assign(m_bytes.begin(), m_bytes.begin() + std::ptrdiff_t(end));
    }
}

OwnedFrame FrameStore::owned(size_t i) const {
    const Frame f = view(i);
    OwnedFrame o;
    o.number = f.number;
    o.ts = f.ts;
    o.hasTimestamp = hasTimestamp(i);
    o.nanoPrecision = f.nanoPrecision;
    o.linkType = f.linkType;
    o.originalLength = f.originalLength;
    o.bytes.assign(f.data.begin(), f.data.end());
    return o;
}

std::vector<OwnedFrame> FrameStore::toOwned() const {
    std::vector<OwnedFrame> out;
    out.reserve(size());
    for (size_t i = 0; i < size(); ++i) out.push_back(owned(i));
    return out;
}

} // namespace tcpscope
