// SPDX-License-Identifier: GPL-2.0-or-later
// applyFilter allocates nothing per packet once its reused tree has grown: the heap
// allocations of a run on a capture are counted (operator new replaced by
// tests/core/alloc_count.cpp, as in core_tests) and must not grow with the number of packets.
// Filters whose fields carry byte strings (tcp.payload) or long strings (tcpfsm.event) are left
// out: the dissector copies those values into the tree per packet. A protocol's bytes (tcp[13],
// frame matches) are read in the frame.
#include "alloc_count.h"
#include "tcpscope/session_filter.h"

#include <cstdio>
#include <string>

using namespace tcpscope;

namespace {

SessionPtr repeated(const std::string& path, size_t times) {
    LoadedInput in = loadPath(path);
    const std::vector<OwnedFrame> once = in.frames;
    for (size_t k = 1; k < times; ++k)
        for (OwnedFrame f : once) {
            f.number = in.frames.size() + 1;
            in.frames.push_back(std::move(f));
        }
    return CaptureSession::fromInput(std::move(in), "", {});
}

size_t allocationsOf(const CaptureSession& s, const DisplayFilter& f, size_t* matched) {
    const uint64_t before = test::allocationCount();
    const auto r = applyFilter(s, f, {}, 1);
    *matched = r ? r->count : 0;
    return size_t(test::allocationCount() - before);
}

} // namespace

int main() {
    const std::string sample =
        std::string(TCPSCOPE_SOURCE_DIR) + "/samples/retransmission-dupack.pcap";
    const SessionPtr small = repeated(sample, 10);
    const SessionPtr large = repeated(sample, 200);
    int failures = 0;
    for (const char* text :
         {"tcp.analysis.retransmission", "tcp.flags.syn == 1 && tcp.port == 80",
          "tcpfsm.server == \"ESTABLISHED\" && tcp.len > 0", "ip.ttl > 10 || ipv6",
          "tcp.options.timestamp.tsval && !tcp.analysis.flags",
          "ip.addr == 192.168.10.0/24 && tcp.srcport > tcp.dstport", "tcp[13] & 0x02",
          "frame matches \"(?i)http/1\\\\.1\" || tcp.flags & 0x11 == 0x11",
          "count(tcp.option_kind) > 2 && all tcp.port in {80, 1024..65535}"}) {
        auto f = DisplayFilter::compile(text, nullptr);
        if (!f) {
            std::printf("FAIL: %s does not compile\n", text);
            return 1;
        }
        size_t m1 = 0, m2 = 0;
        const size_t a1 = allocationsOf(*small, *f, &m1);
        const size_t a2 = allocationsOf(*large, *f, &m2);
        // The result vector, the matcher's tree growing to its size, the thread list: a few.
        const bool ok = a2 <= a1 + 2 && a2 < 64;
        std::printf("%s: %zu packets %zu allocations (%zu matched), %zu packets %zu allocations "
                    "(%zu matched)\n",
                    text, small->size(), a1, m1, large->size(), a2, m2);
        if (!ok) {
            std::printf("FAIL: allocations grow with the packet count\n");
            ++failures;
        }
    }
    return failures ? 1 : 0;
}
