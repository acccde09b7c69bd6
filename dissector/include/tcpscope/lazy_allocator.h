// SPDX-License-Identifier: GPL-2.0-or-later
// The allocator of the vectors that hold one record per packet of a whole capture (the frame
// index, the viewer's rows, the tracker's results). Loading reserves them for the most packets
// the file could hold, far above what it holds, because a vector that regrows copies itself
// and for that moment holds both copies: on ten million packets that is gigabytes and seconds.
// A large block is therefore mapped without reserving swap (MAP_NORESERVE): it costs address
// space, not memory, until it is written, and the kernel does not refuse it for being larger
// than the machine's memory. Small blocks come from operator new as usual.
#pragma once

#include <cstddef>

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

} // namespace tcpscope
