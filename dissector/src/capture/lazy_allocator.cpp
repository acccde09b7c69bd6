// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/lazy_allocator.h"

#include <new>

#include <sys/mman.h>

namespace tcpscope {

namespace {
// Below this a block is an ordinary allocation: mapping it would cost a system call for little.
constexpr size_t kMapped = size_t(1) << 20;
} // namespace

void* lazyAllocate(size_t bytes) {
    if (bytes < kMapped) return ::operator new(bytes);
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return p;
}

void lazyFree(void* p, size_t bytes) {
    if (!p) return;
    if (bytes < kMapped)
        ::operator delete(p);
    else
        munmap(p, bytes);
}

} // namespace tcpscope
