// SPDX-License-Identifier: GPL-2.0-or-later
// The number of heap allocations (operator new) the core tests' process has made so far.
#pragma once

#include <cstdint>

namespace tcpscope::test {
uint64_t allocationCount();
} // namespace tcpscope::test
