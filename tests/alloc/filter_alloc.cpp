// SPDX-License-Identifier: GPL-2.0-or-later
// applyFilter allocates nothing per packet once its reused tree has grown: the heap
// allocations of a run on a capture are counted (operator new replaced by
// tests/core/alloc_count.cpp, as in core_tests) and must not grow with the number of packets.
// Byte strings (tcp.payload, addresses) and strings (tcpfsm.event, resp.*, http.*) are copied
// into buffers the tree keeps from packet to packet; a protocol's bytes (tcp[13], frame
// matches) are read in the frame.
#include "alloc_count.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/session_filter.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace tcpscope;

namespace {

LoadedInput repeatedInput(const std::string& path, size_t times) {
    LoadedInput in = loadPath(path);
    const std::vector<OwnedFrame> once = in.frames;
    for (size_t k = 1; k < times; ++k)
        for (OwnedFrame f : once) {
            f.number = in.frames.size() + 1;
            in.frames.push_back(std::move(f));
        }
    return in;
}

SessionPtr repeated(const std::string& path, size_t times) {
    return CaptureSession::fromInput(repeatedInput(path, times), "", {});
}

// The CLI's -Y: the first pass builds each packet's tree of the filter's fields (none without
// a filter) and the filter tests it as the packet is handed on.
size_t firstPassAllocations(const LoadedInput& in, const DisplayFilter* f, size_t* matched) {
    FirstPassOptions o;
    o.keepDecode = false;
    o.inOrder = false;
    o.keepBytes = f && f->needsBytes();
    if (f) {
        o.dissect.displayText = false;
        o.trees = FirstPassOptions::Trees::Kept;
        o.keptFields = f->fields();
    }
    *matched = 0;
    const uint64_t before = test::allocationCount();
    FirstPass(std::move(o), [&](const PassPacket& p) {
        const std::span<const uint8_t> bytes = p.frame ? p.frame->data : std::span<const uint8_t>();
        *matched += f && p.tree && f->matches(*p.tree, bytes);
        return true;
    }).run(in);
    return size_t(test::allocationCount() - before);
}

size_t allocationsOf(const CaptureSession& s, const DisplayFilter& f, size_t* matched) {
    const uint64_t before = test::allocationCount();
    const auto r = applyFilter(s, f, {}, 1);
    *matched = r ? r->count : 0;
    return size_t(test::allocationCount() - before);
}

} // namespace

int main() {
    struct Case {
        const char* sample;
        std::vector<const char*> filters;
    };
    const std::vector<Case> cases = {
        {"retransmission-dupack.pcap",
         {"tcp.analysis.retransmission", "tcp.flags.syn == 1 && tcp.port == 80",
          "tcpfsm.server == \"ESTABLISHED\" && tcp.len > 0", "ip.ttl > 10 || ipv6",
          "tcp.options.timestamp.tsval && !tcp.analysis.flags",
          "ip.addr == 192.168.10.0/24 && tcp.srcport > tcp.dstport", "tcp[13] & 0x02",
          "frame matches \"(?i)http/1\\\\.1\" || tcp.flags & 0x11 == 0x11",
          "count(tcp.option_kind) > 2 && all tcp.port in {80, 1024..65535}",
          "tcp.payload contains \"HTTP\" || tcp.payload[0:3] == \"GET\"",
          "tcpfsm.event contains \"rcv FIN\" || tcpfsm.event matches \"ACK of SYN\"",
          "http.request.method == \"GET\" || http.response.phrase contains \"OK\"",
          "http.request.uri contains \"/\" && http.host", "eth.src[0] == 2 && eth.dst != eth.src",
          "frame.time_epoch"}},
        {"redis-ping-pong.pcap",
         {"resp.bulk_string.value == \"PING\" || resp.string == \"PONG\"",
          "tcp.payload matches \"^\\\\*1\"", "upper(tcpfsm.event) contains \"SND FIN\"",
          "len(resp.bulk_string.value) > 3 || resp.error"}},
        {"reset.pcap", {"ipv6.addr == ::1 || ipv6.src[15] == 2", "tcp.payload && ipv6.dst"}},
    };
    int failures = 0;
    for (const Case& c : cases) {
        const std::string path = std::string(TCPSCOPE_SOURCE_DIR) + "/samples/" + c.sample;
        const LoadedInput smallIn = repeatedInput(path, 10), largeIn = repeatedInput(path, 200);
        const SessionPtr small = repeated(path, 10);
        const SessionPtr large = repeated(path, 200);
        size_t ignored = 0;
        // Tracking a new connection allocates (each copy of the capture is one more); a pass
        // without a filter gives the count that filtering is measured against.
        const size_t bare1 = firstPassAllocations(smallIn, nullptr, &ignored);
        const size_t bare2 = firstPassAllocations(largeIn, nullptr, &ignored);
        // A session of a file keeps every packet's brief; the rest of an analysis is recomputed
        // once per address and port pair (all the pairs at the first filter) and kept: that
        // allocates what tracking the packets allocates (the pass without a filter) and a few
        // more per pair. Filtering is measured after it.
        for (const auto& [s, bare] : {std::pair(small, bare1), std::pair(large, bare2)}) {
            const uint64_t before = test::allocationCount();
            for (size_t i = 0; i < s->size(); ++i) (void)s->analysis(i);
            const size_t n = size_t(test::allocationCount() - before);
            const size_t conns = s->tracker().connections().size();
            std::printf("recomputing the analyses of %zu packets, %zu connections: %zu "
                        "allocations (the pass without a filter: %zu)\n",
                        s->size(), conns, n, bare);
            if (n > bare + 64 * std::max<size_t>(conns, 1)) {
                std::printf("FAIL: recomputing allocates more than tracking and a few a pair\n");
                ++failures;
            }
        }
        for (const char* text : c.filters) {
            auto f = DisplayFilter::compile(text, nullptr);
            if (!f) {
                std::printf("FAIL: %s does not compile\n", text);
                return 1;
            }
            size_t m1 = 0, m2 = 0;
            const size_t a1 = allocationsOf(*small, *f, &m1);
            const size_t a2 = allocationsOf(*large, *f, &m2);
            // The result vector, the matcher's tree and buffers growing to their size, the
            // thread list: a few.
            const bool ok = a2 <= a1 + 2 && a2 < 64 && m2 >= m1;
            std::printf("%s on %s: viewer %zu packets %zu allocations (%zu matched), %zu packets "
                        "%zu allocations (%zu matched)\n",
                        text, c.sample, small->size(), a1, m1, large->size(), a2, m2);
            // The first pass (the CLI's -Y): what the filter adds to a pass without it.
            size_t n1 = 0, n2 = 0;
            const long f1 = long(firstPassAllocations(smallIn, &*f, &n1)) - long(bare1);
            const long f2 = long(firstPassAllocations(largeIn, &*f, &n2)) - long(bare2);
            const bool passOk = f2 <= f1 + 2 && f2 < 64 && n1 == m1 && n2 == m2;
            std::printf("  first pass: %ld and %ld allocations more than without the filter "
                        "(%zu and %zu matched)\n",
                        f1, f2, n1, n2);
            if (!ok || !passOk) {
                std::printf("FAIL: allocations grow with the packet count\n");
                ++failures;
            }
        }
    }
    return failures ? 1 : 0;
}
