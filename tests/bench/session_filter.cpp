// SPDX-License-Identifier: GPL-2.0-or-later
// bench_session_filter FILE FILTER...: opens FILE as the viewer does (CaptureSession), then
// times applyFilter for each FILTER on one thread and on two, printing the matches and the
// seconds, wall clock and CPU (the viewer's filter bar runs the two-thread form).
#include "tcpscope/session_filter.h"

#include <chrono>
#include <cstdio>
#include <ctime>

using namespace tcpscope;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_session_filter FILE FILTER...\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::time_point a) {
        return std::chrono::duration<double>(Clock::now() - a).count();
    };
    auto t0 = Clock::now();
    const SessionPtr s = CaptureSession::open(argv[1], {});
    std::printf("opened %zu packets in %.3f s\n", s->size(), seconds(t0));
    for (int k = 2; k < argc; ++k) {
        FilterError e;
        const auto f = DisplayFilter::compile(argv[k], &e);
        if (!f) {
            std::fprintf(stderr, "bad filter: %s\n", e.text().c_str());
            return 2;
        }
        for (unsigned threads : {1u, 2u}) {
            t0 = Clock::now();
            const std::clock_t c0 = std::clock();
            const auto r = applyFilter(*s, *f, {}, threads);
            // CPU time too (all threads): the wall clock depends on what else runs.
            std::printf("%-50s threads %u: %zu matched in %.3f s (CPU %.3f s)\n", argv[k], threads,
                        r ? r->count : 0, seconds(t0), double(std::clock() - c0) / CLOCKS_PER_SEC);
        }
    }
    return 0;
}
