// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/lazy_allocator.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

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

bool PagesAhead::ready() {
    std::unique_lock lock(m_busy, std::try_to_lock);
    if (!lock || !m_base || m_unsupported) return false;
#ifdef MADV_POPULATE_WRITE
    constexpr size_t huge = size_t(2) << 20; // whole huge pages where the block has them
    const size_t want = (m_written.load(std::memory_order_relaxed) + m_ahead) * m_element;
    const size_t to = std::min({m_capacity, (want + huge - 1) / huge * huge, m_readied + huge});
    if (to <= m_readied) return false;
    // madvise wants a page-aligned start: from the page holding the first byte not yet readied.
    const uintptr_t page = uintptr_t(sysconf(_SC_PAGESIZE));
    const uintptr_t from = reinterpret_cast<uintptr_t>(m_base + m_readied) & ~(page - 1);
    const uintptr_t end = reinterpret_cast<uintptr_t>(m_base + to);
    // A kernel before 5.14 refuses the advice (EINVAL): the filling thread faults the pages in
    // itself, as without this.
    if (madvise(reinterpret_cast<void*>(from), end - from, MADV_POPULATE_WRITE) != 0 &&
        errno == EINVAL) {
        m_unsupported = true;
        return false;
    }
    m_readied = to;
    return true;
#else
    m_unsupported = true;
    return false;
#endif
}

} // namespace tcpscope
