// SPDX-License-Identifier: GPL-2.0-or-later
// bench_udp_flood PORT RATE SECONDS: UDP datagrams of 64 bytes to 127.0.0.1:PORT at RATE per
// second for SECONDS (sendmmsg in batches, paced against the clock), for the live capture
// benchmark (bench.py --live). Prints how many it sent.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench_udp_flood PORT RATE SECONDS\n");
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const double rate = std::atof(argv[2]);
    const double seconds = std::atof(argv[3]);
    const int out = ::socket(AF_INET, SOCK_DGRAM, 0);
    const int in = ::socket(AF_INET, SOCK_DGRAM, 0); // bound, never read: no ICMP back
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(uint16_t(port));
    if (::bind(in, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        std::perror("bind");
        return 1;
    }
    char payload[64];
    std::memset(payload, 'x', sizeof payload);
    constexpr int kBatch = 32;
    iovec iov{payload, sizeof payload};
    std::vector<mmsghdr> msgs(kBatch);
    for (mmsghdr& m : msgs) {
        m.msg_hdr.msg_name = &a;
        m.msg_hdr.msg_namelen = sizeof a;
        m.msg_hdr.msg_iov = &iov;
        m.msg_hdr.msg_iovlen = 1;
    }
    const auto start = std::chrono::steady_clock::now();
    unsigned long long sent = 0;
    for (;;) {
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed >= seconds) break;
        const auto due = static_cast<unsigned long long>(elapsed * rate);
        if (sent >= due) continue;
        const int n = int(std::min<unsigned long long>(due - sent, kBatch));
        const int done = ::sendmmsg(out, msgs.data(), unsigned(n), 0);
        sent += done > 0 ? unsigned(done) : 1; // a refused send still counts as offered
    }
    std::printf("%llu\n", sent);
    return 0;
}
