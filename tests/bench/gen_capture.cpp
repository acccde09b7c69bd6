// SPDX-License-Identifier: GPL-2.0-or-later
// Writes a deterministic benchmark capture: N packets of Ethernet/IPv4 (and ~10% IPv6) TCP in a
// few thousand interleaved connections with handshakes, MSS/SACK/timestamps/window-scale options,
// data of realistic sizes, ACKs, closes, and a sprinkling of retransmissions, duplicate ACKs,
// out-of-order segments and zero-window episodes. Same arguments, same bytes.
//   gen_capture OUT.pcap PACKETS [CONNECTIONS]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Rng { // xorshift64*: deterministic and fast
    uint64_t s;
    uint64_t next() {
        s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
        return s * 2685821657736338717ull;
    }
    uint32_t below(uint32_t n) { return uint32_t(next() % n); }
};

struct Conn {
    bool v6 = false;
    uint8_t cli[16]{}, srv[16]{};
    uint16_t cport = 0, sport = 0;
    uint32_t cseq = 0, sseq = 0; // next sequence numbers
    int phase = 0;               // 0 SYN, 1 SYN-ACK, 2 ACK, 3 data, 4 FIN c, 5 FIN s, 6 ACK, 7 done
    int dataLeft = 0;
    uint32_t tsval = 0;
};

void put16(uint8_t* p, uint16_t v) {
    p[0] = uint8_t(v >> 8), p[1] = uint8_t(v);
}
void put32(uint8_t* p, uint32_t v) {
    put16(p, uint16_t(v >> 16)), put16(p + 2, uint16_t(v));
}

uint16_t csum(const uint8_t* p, size_t n, uint32_t sum = 0) {
    for (size_t i = 0; i + 1 < n; i += 2) sum += uint32_t(p[i]) << 8 | p[i + 1];
    if (n & 1) sum += uint32_t(p[n - 1]) << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return uint16_t(~sum);
}

struct Writer {
    FILE* f;
    uint64_t usec = 1700000000ull * 1000000;
    std::vector<uint8_t> buf = std::vector<uint8_t>(2048);

    void packet(const Conn& c, bool fromClient, uint16_t flags, uint32_t seq, uint32_t ack,
                uint16_t win, uint32_t len, bool synOptions, uint32_t tsval, uint32_t tsecr) {
        uint8_t* p = buf.data();
        std::memset(p, 0, 14);
        p[5] = fromClient ? 1 : 2, p[11] = fromClient ? 2 : 1;
        put16(p + 12, c.v6 ? 0x86dd : 0x0800);
        size_t ip = 14, iphl = c.v6 ? 40 : 20;
        size_t optLen = synOptions ? 20 : 12;
        size_t tcp = ip + iphl, tcphl = 20 + optLen;
        size_t total = iphl + tcphl + len;
        const uint8_t* src = fromClient ? c.cli : c.srv;
        const uint8_t* dst = fromClient ? c.srv : c.cli;
        if (c.v6) {
            std::memset(p + ip, 0, 40);
            p[ip] = 0x60;
            put16(p + ip + 4, uint16_t(tcphl + len));
            p[ip + 6] = 6, p[ip + 7] = 64;
            std::memcpy(p + ip + 8, src, 16), std::memcpy(p + ip + 24, dst, 16);
        } else {
            std::memset(p + ip, 0, 20);
            p[ip] = 0x45;
            put16(p + ip + 2, uint16_t(total));
            put16(p + ip + 4, uint16_t(seq));
            p[ip + 6] = 0x40, p[ip + 8] = 64, p[ip + 9] = 6;
            std::memcpy(p + ip + 12, src, 4), std::memcpy(p + ip + 16, dst, 4);
            put16(p + ip + 10, csum(p + ip, 20));
        }
        uint8_t* t = p + tcp;
        std::memset(t, 0, tcphl);
        put16(t, fromClient ? c.cport : c.sport), put16(t + 2, fromClient ? c.sport : c.cport);
        put32(t + 4, seq), put32(t + 8, ack);
        t[12] = uint8_t(tcphl / 4 << 4), t[13] = uint8_t(flags);
        put16(t + 14, win);
        uint8_t* o = t + 20;
        if (synOptions) { // mss 1460, sackOK, TS, nop, wscale 7
            const uint8_t opt[] = {2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 7};
            std::memcpy(o, opt, sizeof opt);
            put32(o + 8, tsval), put32(o + 12, tsecr);
        } else { // nop, nop, TS
            const uint8_t opt[] = {1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0};
            std::memcpy(o, opt, sizeof opt);
            put32(o + 4, tsval), put32(o + 8, tsecr);
        }
        for (uint32_t i = 0; i < len; ++i) t[tcphl + i] = uint8_t('a' + (seq + i) % 26);
        // Checksum over the pseudo-header, so the benchmark input is clean.
        uint32_t sum = 0;
        size_t alen = c.v6 ? 16 : 4;
        for (size_t i = 0; i < alen; i += 2) sum += uint32_t(src[i]) << 8 | src[i + 1];
        for (size_t i = 0; i < alen; i += 2) sum += uint32_t(dst[i]) << 8 | dst[i + 1];
        sum += 6 + uint32_t(tcphl + len);
        put16(t + 16, csum(t, tcphl + len, sum));
        uint32_t frameLen = uint32_t(14 + total);
        usec += 20 + (frameLen & 63);
        uint32_t rec[4] = {uint32_t(usec / 1000000), uint32_t(usec % 1000000), frameLen, frameLen};
        std::fwrite(rec, 4, 4, f);
        std::fwrite(p, 1, frameLen, f);
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: gen_capture OUT.pcap PACKETS [CONNECTIONS]\n");
        return 2;
    }
    uint64_t packets = std::strtoull(argv[2], nullptr, 10);
    uint32_t nconns = argc > 3 ? uint32_t(std::strtoul(argv[3], nullptr, 10)) : 3000;
    FILE* f = std::fopen(argv[1], "wb");
    if (!f) return 1;
    const uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1};
    std::fwrite(hdr, 4, 6, f);
    Writer w{f};
    Rng rng{0x5eed1234abcdull};
    std::vector<Conn> conns(nconns);
    uint32_t serial = 0;
    auto fresh = [&](Conn& c) {
        c = Conn{};
        ++serial;
        c.v6 = rng.below(10) == 0;
        c.cli[0] = c.v6 ? 0x20 : 10, c.srv[0] = c.v6 ? 0x20 : 10;
        c.cli[c.v6 ? 15 : 3] = uint8_t(serial), c.cli[c.v6 ? 14 : 2] = uint8_t(serial >> 8);
        c.srv[c.v6 ? 15 : 3] = uint8_t(1 + serial % 7), c.srv[1] = 99;
        // Linux ephemeral ports (32768-60999), where tcpdump has no application printer.
        c.cport = uint16_t(32768 + serial % 28232), c.sport = serial % 3 ? 443 : 80;
        c.cseq = uint32_t(rng.next()), c.sseq = uint32_t(rng.next());
        c.dataLeft = 2 + int(rng.below(400));
        c.tsval = uint32_t(rng.next());
    };
    for (Conn& c : conns) fresh(c);
    for (uint64_t n = 0; n < packets;) {
        Conn& c = conns[rng.below(nconns)];
        uint32_t ts = ++c.tsval;
        uint16_t A = 0x10;
        switch (c.phase) {
        case 0:
            w.packet(c, true, 0x02, c.cseq, 0, 64240, 0, true, ts, 0);
            ++c.cseq;
            break;
        case 1:
            w.packet(c, false, 0x12, c.sseq, c.cseq, 65160, 0, true, ts, ts - 1);
            ++c.sseq;
            break;
        case 2:
            w.packet(c, true, A, c.cseq, c.sseq, 502, 0, false, ts, ts);
            break;
        case 3: {
            // Mostly server -> client data with client ACKs; some anomalies.
            uint32_t r = rng.below(1000);
            uint32_t len = r < 600 ? 1448 : r < 900 ? uint32_t(1 + rng.below(1400)) : 0;
            if (r < 8 && c.sseq > 2000) { // retransmission of the previous segment
                w.packet(c, false, A, c.sseq - 1448, c.cseq, 509, 1448, false, ts, ts);
            } else if (r < 14) { // duplicate ACK
                w.packet(c, true, A, c.cseq, c.sseq - 1448, 502, 0, false, ts, ts);
            } else if (r < 17) { // zero window from the client
                w.packet(c, true, A, c.cseq, c.sseq, 0, 0, false, ts, ts);
            } else if (r < 20) { // out of order: a segment from beyond, then back
                w.packet(c, false, A | 0x08, c.sseq + 1448, c.cseq, 509, 1448, false, ts, ts);
            } else if (len) {
                w.packet(c, false, A | 0x08, c.sseq, c.cseq, 509, len, false, ts, ts);
                c.sseq += len;
            } else {
                uint32_t q = 1 + rng.below(300);
                w.packet(c, true, A | 0x08, c.cseq, c.sseq, 502, q, false, ts, ts);
                c.cseq += q;
            }
            if (--c.dataLeft > 0) {
                ++n;
                continue;
            }
            break;
        }
        case 4:
            w.packet(c, true, A | 0x01, c.cseq, c.sseq, 502, 0, false, ts, ts);
            ++c.cseq;
            break;
        case 5:
            w.packet(c, false, A | 0x01, c.sseq, c.cseq, 509, 0, false, ts, ts);
            ++c.sseq;
            break;
        case 6:
            w.packet(c, true, A, c.cseq, c.sseq, 502, 0, false, ts, ts);
            break;
        }
        ++n;
        if (++c.phase == 7) fresh(c);
    }
    std::fclose(f);
    return 0;
}
