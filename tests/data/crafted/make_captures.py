#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# Makes the crafted captures in this folder with scapy (Debian: python3-scapy; run with the
# system python3, which has it), then records what tshark says about each in a golden file
# beside it (NAME.tshark.tsv: `tshark -T fields -E occurrence=f` with the fields below).
# Every run gives the same bytes: fixed addresses, ports, numbers and timestamps.
import os
import subprocess
import sys

from scapy.all import IP, TCP, Ether, Raw, wrpcap

HERE = os.path.dirname(os.path.abspath(__file__))
ETH = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
CLIENT, SERVER = "10.0.0.1", "10.0.0.2"


class Conn:
    """Packets of one connection, client port `sport` to server port 80, 1 ms apart."""

    def __init__(self, packets, sport, t, client=CLIENT, server=SERVER, dport=80):
        self.packets, self.sport, self.dport, self.t = packets, sport, dport, t
        self.client, self.server = client, server

    def _add(self, src, dst, sport, dport, flags, seq, ack, n, dt, fill, window=8192):
        # n bytes of payload: `fill` repeated when it is one byte, else `fill` itself.
        self.t += dt
        p = ETH / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags=flags, seq=seq,
                                             ack=ack, window=window)
        if n:
            p = p / Raw(fill * n if len(fill) == 1 else fill)
        p.time = self.t
        self.packets.append(p)

    def c(self, flags, seq, ack, n=0, dt=0.001, data=b"x"):
        self._add(self.client, self.server, self.sport, self.dport, flags, seq, ack, n, dt, data)

    def s(self, flags, seq, ack, n=0, dt=0.001):
        self._add(self.server, self.client, self.dport, self.sport, flags, seq, ack, n, dt, b"y")

    def handshake(self, isn_c=1000, isn_s=5000):
        self.c("S", isn_c, 0)
        self.s("SA", isn_s, isn_c + 1)
        self.c("A", isn_c + 1, isn_s + 1)


def acked_unseen():
    """ACKs of bytes the capture never saw, each scenario its own connection (client port)."""
    pk = []
    # 40000: the server ACKs a segment that was not captured, then repeats that ACK; later data
    # and ACKs past a second unseen segment.
    a = Conn(pk, 40000, 1000.0)
    a.handshake()
    a.c("PA", 1001, 5001, 100)
    a.s("A", 5001, 1201)
    a.s("A", 5001, 1201)
    a.s("A", 5001, 1201)
    a.c("PA", 1201, 5001, 100)
    a.s("A", 5001, 1301)
    a.c("PA", 1301, 5001, 100)
    a.s("PA", 5001, 1401, 50)
    a.c("A", 1401, 5051)
    a.s("A", 5051, 1501)
    a.s("A", 5051, 1501)
    # 40001: a hole in the client's data, then ACKs past it while the client keeps sending.
    b = Conn(pk, 40001, 1010.0)
    b.handshake()
    b.c("PA", 1001, 5001, 100)
    b.c("PA", 1201, 5001, 100)
    b.s("A", 5001, 1301)
    b.s("A", 5001, 1301)
    b.c("PA", 1301, 5001, 100)
    b.s("A", 5001, 1401)
    b.c("A", 1401, 5001)
    b.s("PA", 5001, 1401, 10)
    b.c("A", 1401, 5011)
    b.s("A", 5011, 1401)
    b.s("A", 5011, 1501)
    b.s("A", 5011, 1501)
    # 40002: ACKs of unseen client data, the client's duplicate ACKs, then a server
    # retransmission at the client's ACK: a plain retransmission, not a fast one.
    d = Conn(pk, 40002, 1020.0)
    d.handshake()
    d.s("PA", 5001, 1001, 100)
    d.c("A", 1001, 5101)
    d.c("PA", 1001, 5101, 100)
    d.s("A", 5101, 1201)
    d.s("A", 5101, 1301)
    d.c("A", 1301, 5101)
    d.c("A", 1301, 5101)
    d.s("PA", 5101, 1301, 100)
    d.s("PA", 5201, 1301, 100)
    d.s("PA", 5101, 1301, 100, dt=0.002)
    # 40003: data with an unseen ACK, a client retransmission, duplicate ACKs, a retransmission.
    e = Conn(pk, 40003, 1030.0)
    e.handshake()
    e.c("PA", 1001, 5001, 100)
    e.c("PA", 1101, 5001, 100)
    e.s("A", 5001, 1101)
    e.s("PA", 5001, 1301, 100)
    e.c("PA", 1101, 5001, 100, dt=0.002)
    e.s("PA", 5101, 1301, 100)
    e.s("PA", 5201, 1301, 100)
    e.c("A", 1301, 5101)
    e.c("A", 1301, 5101)
    e.s("PA", 5101, 1301, 100)
    # 40004: the hole is filled by a retransmission before the next unseen ACK.
    f = Conn(pk, 40004, 1040.0)
    f.handshake()
    f.c("PA", 1001, 5001, 100)
    f.s("A", 5001, 1201)
    f.s("A", 5001, 1201)
    f.c("PA", 1101, 5001, 100)
    f.s("A", 5001, 1301)
    # 40005: the same across the 2^32 wrap of the client's sequence numbers.
    w = Conn(pk, 40005, 1050.0)
    w.handshake(isn_c=0xFFFFFDFF)
    w.c("PA", 0xFFFFFE00, 5001, 256)
    w.s("A", 5001, 0x80)
    w.c("PA", 0x80, 5001, 256)
    w.s("A", 5001, 0x180)
    w.s("A", 5001, 0x180)
    # 40006: an unseen ACK on a segment that is itself a retransmission at the peer's ACK,
    # within 20 ms: tshark 4.0 calls it fast (its "-1" duplicate-ACK marker counts as many).
    g = Conn(pk, 40006, 1060.0)
    g.handshake()
    g.c("PA", 1001, 5001, 100)
    g.s("PA", 5001, 1101, 100)
    g.s("PA", 5101, 1101, 100)
    g.c("A", 1101, 5101)
    g.s("PA", 5101, 1201, 100, dt=0.002)
    g.s("PA", 5201, 1201, 100)
    g.s("A", 5301, 1201)
    return pk


def syn_with_options(sport, options, t):
    """A SYN whose options are `options`, raw bytes (a multiple of 4)."""
    header = bytes(TCP(sport=sport, dport=80, flags="S", seq=1000, dataofs=5 + len(options) // 4,
                       chksum=0))[:20]
    p = Ether(bytes(ETH / IP(src=CLIENT, dst=SERVER) / TCP(header + options)))
    p.time = t
    return p


def options_eol():
    """Non-zero bytes after End of Option List: padding, not options."""
    cases = [
        b"\x02\x04\x05\xb4\x00\x01\x03\x03\x07\x00\xaa\x00",  # MSS, EOL, "NOP, wscale", 0xaa
        b"\x02\x04\x05\xb4\x00\x00\x00\x00",  # MSS, EOL and zero padding only
        b"\x00\x00\x00\x01",  # EOL, EOL, EOL, then one non-zero byte
        b"\x01\x00\x02\x04\x05\xb4\x00\x00",  # NOP, EOL, then what looks like an MSS
        b"\x00\x02\x04\x05",  # EOL first
    ]
    return [syn_with_options(41000 + i, o, 2000.0 + i) for i, o in enumerate(cases)]


def bogus_data_offset():
    """Segments whose data offset is bogus between good connections."""
    pk = []
    for k, sport in enumerate((40000, 40001, 40002)):
        c = Conn(pk, sport, 3000.0 + k)
        c.handshake(1000 + 1000 * k, 5000 + 1000 * k)
        c.c("PA", 1001 + 1000 * k, 5001 + 1000 * k, 5, data=b"hello")
        c.s("A", 5001 + 1000 * k, 1006 + 1000 * k)
        if k == 0:  # a new 4-tuple, data offset 3 (below 5)
            bogus(pk, "10.0.0.3", "10.0.0.4", 41000, 81, 3, b"", 3000.5)
        if k == 1:  # a new 4-tuple, data offset 15 (60 bytes) in a 24-byte segment
            bogus(pk, "10.0.0.5", "10.0.0.6", 42000, 82, 15, b"abcd", 3001.5)
    bogus(pk, CLIENT, SERVER, 40002, 80, 2, b"", 3002.5)  # inside a known connection
    bogus(pk, "10.0.0.3", "10.0.0.4", 41000, 81, 4, b"", 3002.6)  # the first 4-tuple again
    c = Conn(pk, 40003, 3003.0)  # and one more good connection
    c.handshake()
    return pk


def bogus(pk, src, dst, sport, dport, offset, payload, t):
    p = ETH / IP(src=src, dst=dst) / TCP(sport=sport, dport=dport, flags="A", seq=777, ack=888,
                                         dataofs=offset) / Raw(payload)
    p.time = t
    pk.append(p)


def http_invalid_utf8():
    """An HTTP request whose request line and headers hold bytes that are not UTF-8."""
    pk = []
    c = Conn(pk, 40000, 4000.0)
    c.handshake()
    request = (b"GET /caf\xa0\xe9\xff/x HTTP/1.1\r\n"  # lone bytes >= 0x80
               b"Host: ex\xa0mple\r\n"
               b"User-Agent: \xc3\x28\xe2\x82\r\n"  # a broken 2-byte and a cut 3-byte sequence
               b"X-Odd: \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \x7f caf\xc3\xa9\r\n"  # overlong,
               b"\r\n")  # surrogate, past U+10FFFF, DEL, and well-formed UTF-8
    c.c("PA", 1001, 5001, len(request), data=request)
    return pk


# Golden name -> (tshark's -E occurrence, fields). Options occur many times in one packet: all
# of them, comma-joined; tshark repeats tcp.analysis.duplicate_ack in its tree: the first.
GOLDEN_FIELDS = {
    "acked-unseen": ("f", ["frame.number", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.len",
                     "tcp.analysis.ack_lost_segment", "tcp.analysis.fast_retransmission",
                     "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack",
                     "tcp.analysis.duplicate_ack_num", "tcp.analysis.lost_segment",
                     "tcp.analysis.out_of_order"]),
    "tcp-options-eol": ("a", ["frame.number", "tcp.option_kind", "tcp.option_len", "tcp.options.eol",
                        "tcp.options.nop", "tcp.options.mss_val", "tcp.options.wscale.shift",
                        "tcp.non_zero_bytes_after_eol"]),
    "bogus-data-offset": ("f", ["frame.number", "tcp.srcport", "tcp.stream", "tcp.completeness"]),
}


def main():
    captures = {
        "acked-unseen": acked_unseen(),
        "tcp-options-eol": options_eol(),
        "bogus-data-offset": bogus_data_offset(),
        "http-invalid-utf8": http_invalid_utf8(),
    }
    for name, packets in captures.items():
        path = os.path.join(HERE, name + ".pcap")
        wrpcap(path, packets)
        if name not in GOLDEN_FIELDS:
            continue
        occurrence, fields = GOLDEN_FIELDS[name]
        cmd = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "occurrence=" + occurrence,
               "-E", "aggregator=,"]
        for f in fields:
            cmd += ["-e", f]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        with open(os.path.join(HERE, name + ".tshark.tsv"), "w") as golden:
            golden.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
