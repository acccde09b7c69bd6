// SPDX-License-Identifier: GPL-2.0-or-later
// The floor: a bare libpcap pcap_next_ex loop that touches every packet (sums its bytes).
#include <pcap/pcap.h>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    char err[PCAP_ERRBUF_SIZE];
    pcap_t* p = pcap_open_offline(argv[1], err);
    if (!p) {
        std::fprintf(stderr, "%s\n", err);
        return 1;
    }
    pcap_pkthdr* h;
    const u_char* d;
    unsigned long long packets = 0, sum = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        ++packets;
        for (unsigned i = 0; i < h->caplen; i += 64) sum += d[i]; // touch every cache line
    }
    pcap_close(p);
    std::printf("%llu packets, checksum %llu\n", packets, sum);
    return 0;
}
