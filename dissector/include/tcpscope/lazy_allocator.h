// SPDX-License-Identifier: GPL-2.0-or-later
// The allocator of the vectors that hold one record per packet of a whole capture (the frame
// index, the viewer's rows, the tracker's results). Loading reserves them for the most packets
// the file could hold, far above what it holds, because a vector that regrows copies itself
// and for that moment holds both copies: on ten million packets that is gigabytes and seconds.
// A large block is therefore mapped without reserving swap (MAP_NORESERVE): it costs address
// space, not memory, until it is written, and the kernel does not refuse it for being larger
// than the machine's memory. Small blocks come from operator new as usual.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace tcpscope {

// Throw std::bad_alloc when the memory cannot be had.
void* lazyAllocate(size_t bytes);
void lazyFree(void* p, size_t bytes);

template <typename T> struct LazyAllocator {
    using value_type = T;
    LazyAllocator() = default;
    template <typename U> LazyAllocator(const LazyAllocator<U>&) {}
    T* allocate(size_t n) { return static_cast<T*>(lazyAllocate(n * sizeof(T))); }
    void deallocate(T* p, size_t n) { lazyFree(p, n * sizeof(T)); }
    friend bool operator==(const LazyAllocator&, const LazyAllocator&) { return true; }
};

// One record a packet (the frame index, the rows, the tracker's results): a vector of them, or
// a read-only view of the first records of another one, which a live capture's snapshots take
// instead of a copy. The writer goes on appending behind the view, within the capacity it
// reserved (its block must not move while a view lives), and writes no record a view shows;
// the view keeps what owns the block alive. Reads through a view and through the vector are
// the same calls; writes (mut(), push_back()...) are only for the vector.
template <typename T> class RecordArray {
  public:
    using value_type = T;
    size_t size() const { return m_keep ? m_viewSize : m_own.size(); }
    bool empty() const { return size() == 0; }
    const T* data() const { return m_keep ? m_view : m_own.data(); }
    const T& operator[](size_t i) const { return data()[i]; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size(); }
    size_t capacity() const { return m_keep ? m_viewSize : m_own.capacity(); }
    bool isView() const { return m_keep != nullptr; }

    // The first n records (at most size()), shared: `owner` (not null) owns this array's
    // block; a view of a view keeps the same owner.
    RecordArray view(size_t n, std::shared_ptr<const void> owner) const {
        RecordArray v;
        v.m_view = data();
        v.m_viewSize = std::min(n, size());
        v.m_keep = m_keep ? m_keep : std::move(owner);
        return v;
    }

    T& mut(size_t i) { return m_own[i]; }
    void reserve(size_t n) { m_own.reserve(n); }
    void push_back(const T& v) { m_own.push_back(v); }
    template <typename... A> T& emplace_back(A&&... a) {
        return m_own.emplace_back(std::forward<A>(a)...);
    }
    template <typename It> void assign(It first, It last) { m_own.assign(first, last); }
    void eraseFront(size_t n) { m_own.erase(m_own.begin(), m_own.begin() + std::ptrdiff_t(n)); }

  private:
    std::vector<T, LazyAllocator<T>> m_own;
    const T* m_view = nullptr;
    size_t m_viewSize = 0;
    std::shared_ptr<const void> m_keep; // set on a view
};

// The pages of a vector that one thread fills, made ready ahead of it by another. The first write
// to a fresh page costs the page's zeroing in the kernel: a quarter of loading a large capture
// into the viewer, on the thread that tracks. A thread with time readies the next pages instead
// (MADV_POPULATE_WRITE: faulted in, contents untouched), a bounded number of elements ahead of
// what the filling thread says it has written.
class PagesAhead {
  public:
    // The vector's block, reserved before either thread starts (its data must not move), and
    // how many elements past the written ones to ready.
    void track(const void* data, size_t capacityBytes, size_t elementBytes, size_t ahead) {
        m_base = static_cast<const char*>(data);
        m_capacity = capacityBytes;
        m_element = elementBytes;
        m_ahead = ahead;
    }
    template <typename V> void track(const V& v, size_t ahead) {
        track(v.data(), v.capacity() * sizeof(v[0]), sizeof(v[0]), ahead);
    }
    // The filling thread: how many elements are written.
    void written(size_t elements) { m_written.store(elements, std::memory_order_relaxed); }
    // Any thread: readies the pages up to `ahead` elements past the written ones, at most 2 MiB
    // (a huge page) a call. Another thread already at it is left to it. Whether it readied any.
    bool ready();
    // False once the kernel refused to (before Linux 5.14): the filling thread faults its own.
    bool supported() const { return !m_unsupported.load(std::memory_order_relaxed); }

  private:
    const char* m_base = nullptr;
    size_t m_capacity = 0;
    size_t m_element = 1;
    size_t m_ahead = 0;
    std::atomic<size_t> m_written{0};
    std::mutex m_busy;
    size_t m_readied = 0; // bytes from m_base, under m_busy
    std::atomic<bool> m_unsupported{false};
};

} // namespace tcpscope
