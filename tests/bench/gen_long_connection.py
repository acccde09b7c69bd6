#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""One long download for the stream graph benchmark (bench.py --graph): a handshake, N data
segments of 1448 bytes (headers captured, the payload left out as a snap length would), an ACK
every second segment, a loss every 50 000 segments answered by duplicate ACKs and a fast
retransmit, and a close. Same arguments, same bytes.

    python3 tests/bench/gen_long_connection.py OUT.pcap SEGMENTS
"""
import struct
import sys

ETH = b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00"
CLI, SRV = bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])


def checksum(header):
    s = sum(struct.unpack("!10H", header))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


class Writer:
    def __init__(self, path):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        self.us = 0

    def packet(self, src, dst, sport, dport, seq, ack, flags, payload):
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + payload, 0, 0x4000, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff,
                          5 << 4, flags, 65535, 0, 0)
        data = ETH + ip + tcp
        self.us += 10
        self.f.write(struct.pack("<IIII", self.us // 1000000, self.us % 1000000, len(data),
                                 len(data) + payload))
        self.f.write(data)


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    w = Writer(out)
    c, s = 40000, 80
    cseq, sseq = 1000, 50000

    def data(seq):
        w.packet(SRV, CLI, s, c, seq, cseq + 1, 0x18, 1448)

    def ack(value, flags=0x10):
        w.packet(CLI, SRV, c, s, cseq + 1, value, flags, 0)

    w.packet(CLI, SRV, c, s, cseq, 0, 0x02, 0)
    w.packet(SRV, CLI, s, c, sseq, cseq + 1, 0x12, 0)
    ack(sseq + 1)
    seq, lost = sseq + 1, None
    for i in range(n):
        if i % 50000 == 25000 and lost is None:  # this segment never arrives
            lost, seq = seq, seq + 1448
            continue
        data(seq)
        seq += 1448
        if lost is not None:
            ack(lost)  # duplicate ACKs, then the fast retransmit fills the hole
            if seq - lost > 1448 * 4:
                data(lost)
                lost = None
                ack(seq)
        elif i % 2:
            ack(seq)
    w.packet(SRV, CLI, s, c, seq, cseq + 1, 0x11, 0)
    w.packet(CLI, SRV, c, s, cseq + 1, seq + 1, 0x11, 0)
    w.packet(SRV, CLI, s, c, seq + 1, cseq + 2, 0x10, 0)


if __name__ == "__main__":
    main()
