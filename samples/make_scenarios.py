#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the classroom scenario captures in samples/ (the Samples menu), deterministically.

    python3 samples/make_scenarios.py [OUTDIR]      (default: the folder of this script)

Each scenario is a faithfully built pcap: real Ethernet/IPv4/TCP (or BSD loopback) framing,
correct IP and TCP checksums, the options a Linux stack sends (MSS, SACK permitted, timestamps,
window scale), sequence and acknowledgement numbers that follow RFC 9293 exactly, and timings
of a small LAN (0.5 ms RTT) or loopback. What a real capture cannot show on demand (a lost
segment, crossing FINs, a flood) is built the way a capture point on the client's side would
record it. ctest checks that this script reproduces the committed files byte for byte, and
that tcpdump, tshark and TcpScope read them as the scenario says (tests/core/test_scenarios.cpp).

No dependencies beyond Python 3.
"""

import os
import struct
import sys

LINKTYPE_NULL = 0
LINKTYPE_ETHERNET = 1


def csum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(a: str) -> bytes:
    return bytes(int(x) for x in a.split("."))


# TCP option builders (the bytes a Linux or macOS stack puts on the wire).
def opt_mss(v):
    return struct.pack("!BBH", 2, 4, v)


def opt_ws(v):
    return struct.pack("!BBB", 3, 3, v)


def opt_ts(val, ecr):
    return struct.pack("!BBII", 8, 10, val, ecr)


NOP = b"\x01"
EOL = b"\x00"
SACK_PERM = b"\x04\x02"


def opt_sack(blocks):
    return struct.pack("!BB", 5, 2 + 8 * len(blocks)) + b"".join(
        struct.pack("!II", l, r) for l, r in blocks)


def linux_syn_options(mss, ts_val, ts_ecr, wscale):
    return opt_mss(mss) + SACK_PERM + opt_ts(ts_val, ts_ecr) + NOP + opt_ws(wscale)


def linux_data_options(ts_val, ts_ecr, sack=None):
    o = NOP + NOP + opt_ts(ts_val, ts_ecr)
    if sack:
        o += NOP + NOP + opt_sack(sack)
    return o


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


class Capture:
    """Collects packets and writes a classic pcap (microsecond timestamps)."""

    def __init__(self, linktype=LINKTYPE_ETHERNET, base=1795510800):
        # Scenario times are seconds after the start of the capture; `base` is the start
        # (2026-11-23 09:00:00 UTC), added when writing so that microseconds stay exact.
        self.linktype = linktype
        self.base = base
        self.records = []
        self.ip_id = {}

    def tcp(self, t, src, sport, dst, dport, seq, ack, flags, win, options=b"", payload=b"",
            ttl=64, ip_id=None):
        while len(options) % 4:
            options += EOL
        off = (20 + len(options)) // 4
        hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                          off << 4, flags, win, 0, 0) + options
        seg = hdr + payload
        pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(seg))
        c = csum(pseudo + seg)
        seg = seg[:16] + struct.pack("!H", c) + seg[18:]
        if ip_id is None:
            # Linux: a per-socket counter; 0 with DF on a SYN,ACK
            key = (src, sport, dst, dport)
            ip_id = self.ip_id.get(key, (sport * 7919 + dport) & 0xFFFF)
            self.ip_id[key] = (ip_id + 1) & 0xFFFF
        iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(seg), ip_id, 0x4000, ttl, 6, 0,
                          ip4(src), ip4(dst))
        iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
        if self.linktype == LINKTYPE_ETHERNET:
            link = mac_of(dst) + mac_of(src) + b"\x08\x00"
        else:
            link = struct.pack("<I", 2)  # BSD loopback, AF_INET, host byte order
        self.records.append((t, link + iph + seg))

    def write(self, path):
        out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, self.linktype))
        for t, data in self.records:
            us = int(round(t * 1e6))
            sec, usec = self.base + us // 1000000, us % 1000000
            out += struct.pack("<IIII", sec, usec, len(data), len(data)) + data
        with open(path, "wb") as f:
            f.write(out)


def mac_of(addr: str) -> bytes:
    # A stable locally administered MAC per host, so every host keeps its MAC.
    return b"\x02\x42" + ip4(addr)


# Hosts of the classroom LAN
CLIENT, SERVER = "192.168.10.21", "192.168.10.80"
T0 = 0.0  # scenario clocks start at 0 (see Capture.base)
RTT = 0.000500     # 0.5 ms round trip on the LAN
HALF = RTT / 2


class Conn:
    """One connection's two sequence spaces and timestamp clocks, for readable scenarios."""

    def __init__(self, cap, c, cport, s, sport, c_isn, s_isn, c_ts=1000000, s_ts=3000000):
        self.cap, self.c, self.cport, self.s, self.sport = cap, c, cport, s, sport
        self.cseq, self.sseq = c_isn, s_isn  # next sequence number each side sends
        self.cack, self.sack = 0, 0          # what each side acknowledges
        self.cts, self.sts = c_ts, s_ts
        self.cwin, self.swin = 502, 509      # window fields after the handshake (scaled by 128)

    def send(self, t, from_client, flags, payload=b"", win=None, seq=None, ack=None,
             sack=None, options=None):
        if from_client:
            src, sp, dst, dp = self.c, self.cport, self.s, self.sport
            s = self.cseq if seq is None else seq
            a = self.cack if ack is None else ack
            w = self.cwin if win is None else win
            ts_val, ts_ecr = self.cts + int((t - T0) * 1000), self.last_sts
        else:
            src, sp, dst, dp = self.s, self.sport, self.c, self.cport
            s = self.sseq if seq is None else seq
            a = self.sack if ack is None else ack
            w = self.swin if win is None else win
            ts_val, ts_ecr = self.sts + int((t - T0) * 1000), self.last_cts
        if options is None:
            options = linux_data_options(ts_val, ts_ecr, sack)
        self.cap.tcp(t, src, sp, dst, dp, s, a if flags & ACK else 0, flags, w, options, payload)
        consumed = len(payload) + (1 if flags & (SYN | FIN) else 0)
        if from_client:
            self.last_cts = ts_val
            if seq is None:
                self.cseq += consumed
        else:
            self.last_sts = ts_val
            if seq is None:
                self.sseq += consumed

    last_cts = 0
    last_sts = 0

    def handshake(self, t):
        c_isn, s_isn = self.cseq, self.sseq
        self.last_cts = self.cts
        self.send(t, True, SYN, win=64240,
                  options=linux_syn_options(1460, self.cts + int((t - T0) * 1000), 0, 7))
        self.sack = c_isn + 1
        t += HALF
        self.send(t, False, SYN | ACK, win=65160,
                  options=linux_syn_options(1460, self.sts + int((t - T0) * 1000),
                                            self.last_cts, 7))
        self.cack = s_isn + 1
        t += HALF
        self.send(t, True, ACK)
        return t


def http_request(path, host="192.168.10.80"):
    return ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"
            % (path, host)).encode()


def http_response(body: bytes, ctype="text/plain"):
    return (("HTTP/1.1 200 OK\r\nServer: classroom/1.0\r\nContent-Type: %s\r\n"
             "Content-Length: %d\r\n\r\n") % (ctype, len(body))).encode() + body


def body_bytes(n, seed):
    # Readable, deterministic text of n bytes.
    words = ["tcp", "segment", "window", "ack", "sequence", "state", "socket", "stream",
             "byte", "retransmit", "handshake", "close"]
    out = bytearray()
    i = seed
    while len(out) < n:
        out += (words[i % len(words)] + (" " if i % 11 else "\n")).encode()
        i = i * 1103515245 + 12345 & 0x7FFFFFFF
    return bytes(out[:n])


# --- the scenarios ---------------------------------------------------------------------------

def lifecycle_seed_session():
    """The seed session (../shared/seeds/tcpdump-connection-lifecycle.txt) as a pcap: the same
    loopback sockets, ISNs, windows, options and timestamps (macOS lo0 framing). The seed does
    not show the 10 payload bytes of each push; they are filled in with readable text."""
    # 17:56:04 UTC (the seed shows the time of day only; the date is made up)
    cap = Capture(LINKTYPE_NULL, base=1574790964)
    base = 0.0
    C, S, cp, sp = "127.0.0.1", "127.0.0.1", 57729, 3000
    cisn, sisn, ts = 860356044, 4012548670, 1113971093
    syn_opts = opt_mss(16344) + NOP + opt_ws(6) + NOP + NOP + opt_ts(ts, 0) + SACK_PERM + EOL
    synack_opts = opt_mss(16344) + NOP + opt_ws(6) + NOP + NOP + opt_ts(ts, ts) + SACK_PERM + EOL
    data = NOP + NOP + opt_ts(ts, ts)
    cap.tcp(base + .224218, C, cp, S, sp, cisn, 0, SYN, 65535, syn_opts)
    cap.tcp(base + .224298, S, sp, C, cp, sisn, cisn + 1, SYN | ACK, 65535, synack_opts)
    cap.tcp(base + .224305, C, cp, S, sp, cisn + 1, sisn + 1, ACK, 6379, data)
    cap.tcp(base + .224357, C, cp, S, sp, cisn + 1, sisn + 1, PSH | ACK, 6379, data,
            b"hello srv\n")
    cap.tcp(base + .224363, S, sp, C, cp, sisn + 1, cisn + 11, ACK, 6379, data)
    cap.tcp(base + .224484, S, sp, C, cp, sisn + 1, cisn + 11, PSH | ACK, 6379, data,
            b"hello cli\n")
    cap.tcp(base + .224491, C, cp, S, sp, cisn + 11, sisn + 11, ACK, 6379, data)
    cap.tcp(base + .224653, C, cp, S, sp, cisn + 11, sisn + 11, FIN | ACK, 6379, data)
    cap.tcp(base + .224684, S, sp, C, cp, sisn + 11, cisn + 12, FIN | ACK, 6379, data)
    # The seed prints the last ACK with the FIN's timestamp (.224653), earlier than the line
    # before it: PKTAP on macOS stamps packets per interface queue. Kept as recorded.
    cap.tcp(base + .224653, C, cp, S, sp, cisn + 12, sisn + 12, ACK, 6379, data)
    return cap


def simultaneous_open():
    """RFC 9293 Figure 8: both ends send a SYN before seeing the other's (peer-to-peer hole
    punching does this). Each SYN is answered by a SYN,ACK; both pass SYN-RECEIVED."""
    cap = Capture()
    A, B, pa, pb = "192.168.10.21", "192.168.10.35", 50500, 50600
    a_isn, b_isn = 1150000100, 2890000300
    t = T0
    cap.tcp(t, A, pa, B, pb, a_isn, 0, SYN, 64240, linux_syn_options(1460, 700000, 0, 7))
    cap.tcp(t + 0.000040, B, pb, A, pa, b_isn, 0, SYN, 64240,
            linux_syn_options(1460, 900000, 0, 7))
    # Each side answers the SYN it received with SYN,ACK, repeating its own ISN.
    cap.tcp(t + 0.000290, A, pa, B, pb, a_isn, b_isn + 1, SYN | ACK, 64240,
            linux_syn_options(1460, 700000, 900000, 7))
    cap.tcp(t + 0.000300, B, pb, A, pa, b_isn, a_isn + 1, SYN | ACK, 64240,
            linux_syn_options(1460, 900000, 700000, 7))
    # Both are ESTABLISHED; a short exchange and an ordinary close.
    data = lambda v, e: linux_data_options(v, e)
    cap.tcp(t + 0.010, A, pa, B, pb, a_isn + 1, b_isn + 1, PSH | ACK, 502, data(700010, 900000),
            b"HELLO from A\n")
    cap.tcp(t + 0.01025, B, pb, A, pa, b_isn + 1, a_isn + 14, ACK, 502, data(900010, 700010))
    cap.tcp(t + 0.011, B, pb, A, pa, b_isn + 1, a_isn + 14, PSH | ACK, 502,
            data(900011, 700010), b"HELLO from B\n")
    cap.tcp(t + 0.01125, A, pa, B, pb, a_isn + 14, b_isn + 14, ACK, 502, data(700011, 900011))
    cap.tcp(t + 0.020, A, pa, B, pb, a_isn + 14, b_isn + 14, FIN | ACK, 502,
            data(700020, 900011))
    cap.tcp(t + 0.02025, B, pb, A, pa, b_isn + 14, a_isn + 15, FIN | ACK, 502,
            data(900020, 700020))
    cap.tcp(t + 0.0205, A, pa, B, pb, a_isn + 15, b_isn + 15, ACK, 502, data(700020, 900020))
    return cap


def simultaneous_close():
    """Both applications close at the same moment: the two FINs cross on the wire, each end
    goes FIN-WAIT-1 -> CLOSING -> TIME-WAIT (RFC 9293 Figure 13)."""
    cap = Capture()
    c = Conn(cap, CLIENT, 43120, SERVER, 7000, 3305500001, 1201776000)
    t = c.handshake(T0)
    t += 0.002
    c.send(t, True, PSH | ACK, b"BYE\n")
    c.sack = c.cseq
    t += HALF
    c.send(t, False, ACK)
    t += 0.0003
    c.send(t, False, PSH | ACK, b"BYE\n")
    c.cack = c.sseq
    t += HALF
    c.send(t, True, ACK)
    # Both FINs leave before either arrives: neither acknowledges the other's FIN.
    t += 0.005
    c.send(t, True, FIN | ACK)
    c.send(t + 0.000020, False, FIN | ACK)
    # Each FIN arrives in FIN-WAIT-1: CLOSING, and each end acknowledges the other's FIN.
    c.cack += 1
    c.sack += 1
    c.send(t + HALF, True, ACK)
    c.send(t + HALF + 0.000020, False, ACK)
    return cap


def half_close():
    """The client sends its whole request and shuts down its sending side (shutdown(SHUT_WR),
    as `nc -N` does); the server keeps sending the answer into the half-closed connection."""
    cap = Capture()
    c = Conn(cap, CLIENT, 51022, SERVER, 9000, 2470120300, 883100200)
    t = c.handshake(T0)
    req = b"SORT\nbanana\napple\ncherry\n"
    t += 0.0005
    c.send(t, True, PSH | ACK, req)
    c.send(t + 0.000010, True, FIN | ACK)  # shutdown(SHUT_WR) right after the write
    c.sack = c.cseq
    t += HALF + 0.000010
    c.send(t, False, ACK)  # ACKs the data and the FIN: server CLOSE-WAIT, client FIN-WAIT-2
    # The server still sends: the connection is half-closed, data flows server -> client.
    for i, line in enumerate([b"apple\n", b"banana\n", b"cherry\n"]):
        t += 0.004
        c.send(t, False, PSH | ACK, line)
        c.cack = c.sseq
        t += HALF
        c.send(t, True, ACK)
    t += 0.001
    c.send(t, False, FIN | ACK)
    c.cack = c.sseq
    t += HALF
    c.send(t, True, ACK)
    return cap


def connection_refused():
    """Nobody listens on the port: the server's stack answers the SYN with RST,ACK (RFC 9293
    3.10.7.1). A second attempt to a port that does listen follows, for contrast."""
    cap = Capture()
    t = T0
    cap.tcp(t, CLIENT, 39544, SERVER, 8081, 4011223344, 0, SYN, 64240,
            linux_syn_options(1460, 1000000, 0, 7))
    cap.tcp(t + HALF, SERVER, 8081, CLIENT, 39544, 0, 4011223345, RST | ACK, 0)
    c = Conn(cap, CLIENT, 39546, SERVER, 8080, 1766554433, 2110000000)
    t = c.handshake(t + 1.25)
    t += 0.0005
    c.send(t, True, PSH | ACK, b"PING\r\n")
    c.sack = c.cseq
    t += HALF
    c.send(t, False, PSH | ACK, b"+PONG\r\n")
    c.cack = c.sseq
    t += HALF
    c.send(t, True, FIN | ACK)
    c.sack = c.cseq
    t += HALF
    c.send(t, False, FIN | ACK)
    c.cack = c.sseq
    t += HALF
    c.send(t, True, ACK)
    return cap


def reset():
    """An abortive close: the client closes with SO_LINGER {on, 0} while the server is still
    sending, so its stack sends RST instead of FIN; both ends go straight to CLOSED."""
    cap = Capture()
    c = Conn(cap, CLIENT, 48810, SERVER, 80, 2001002003, 3004005006)
    t = c.handshake(T0)
    t += 0.0004
    c.send(t, True, PSH | ACK, http_request("/big.iso"))
    c.sack = c.cseq
    t += HALF
    c.send(t, False, ACK)
    resp = http_response(body_bytes(4 * 1448, 7), "application/octet-stream")
    # Only the first four segments go out before the client gives up.
    for i in range(4):
        t += 0.00012
        c.send(t, False, ACK if i < 3 else PSH | ACK, resp[i * 1448:(i + 1) * 1448])
    c.cack = c.sseq
    t += HALF
    c.send(t, True, ACK)
    t += 0.003
    c.send(t, True, RST | ACK, win=0, options=b"")  # close() with linger 0: RST, no FIN
    return cap


def retransmission_dupack():
    """A download over a lossy link, captured at the client: one segment is lost on the way,
    the client's duplicate ACKs (with SACK blocks) trigger a fast retransmission; later the
    client's last ACK is lost and the server retransmits its FIN after a timeout."""
    cap = Capture()
    c = Conn(cap, CLIENT, 55302, SERVER, 80, 1902837465, 405060708)
    t = c.handshake(T0)
    t += 0.0004
    c.send(t, True, PSH | ACK, http_request("/lecture-notes.txt"))
    c.sack = c.cseq
    t += HALF
    c.send(t, False, ACK)
    mss = 1448
    body = body_bytes(10 * mss - 120, 3)
    resp = http_response(body)
    segs = [resp[i:i + mss] for i in range(0, len(resp), mss)]
    start = c.sseq
    offs = [start + i * mss for i in range(len(segs))]
    lost = 3  # the 4th segment never reaches the client
    t += 0.0002
    received_upto = start
    sacked = None
    dup = 0
    for i, seg in enumerate(segs):
        t += 0.00012
        if i == lost:
            continue  # lost on the way: not in the capture
        c.send(t, False, ACK, seg, seq=offs[i])
        if i < lost:
            received_upto = offs[i] + len(seg)
            if i % 2 == 1 or i == lost - 1:
                t += 0.00002
                c.send(t, True, ACK, ack=received_upto)
        else:
            sacked = (offs[lost + 1], offs[i] + len(seg))
            t += 0.00002
            c.send(t, True, ACK, ack=received_upto, sack=[sacked])
            dup += 1
    c.sseq = offs[-1] + len(segs[-1])
    # Three duplicate ACKs: the server fast-retransmits the hole.
    t += HALF
    c.send(t, False, ACK, segs[lost], seq=offs[lost])
    t += 0.00002
    c.cack = c.sseq
    c.send(t, True, ACK)
    # The close: the client's ACK of the server's FIN is lost, so the FIN comes again (RTO).
    t += 0.002
    c.send(t, True, FIN | ACK)
    c.sack = c.cseq
    t += HALF
    c.send(t, False, FIN | ACK)
    c.cack = c.sseq
    t += 0.00002
    c.send(t, True, ACK)  # lost after the capture point
    t += 0.204
    c.send(t, False, FIN | ACK, seq=c.sseq - 1)  # retransmitted FIN
    t += 0.00002
    c.send(t, True, ACK)
    return cap


def zero_window():
    """A fast server fills a slow reader's receive buffer: the client's window falls to zero,
    the server probes the closed window (persist timer), and the window update lets it go on."""
    cap = Capture()
    c = Conn(cap, CLIENT, 60412, SERVER, 5001, 1234500000, 2345600000)
    c.cwin = 64  # the reader's buffer: 64 * 128 = 8192 bytes
    t = c.handshake(T0)
    t += 0.0004
    c.send(t, True, PSH | ACK, b"SEND 16384\n")
    c.sack = c.cseq
    t += HALF
    c.send(t, False, ACK)
    mss = 1448
    data = body_bytes(16384, 5)
    buf = 8192  # receive buffer; the application does not read until later
    sent = 0
    while sent < buf:
        n = min(mss, buf - sent)
        t += 0.00012
        c.send(t, False, ACK if sent + n < buf else PSH | ACK, data[sent:sent + n])
        sent += n
        c.cack = c.sseq
        if sent % (2 * mss) == 0 or sent == buf:
            t += 0.00002
            free = (buf - sent) // 128
            c.send(t, True, ACK, win=free)
    # Window 0: the sender may not send; its persist timer sends a 1-byte probe.
    for i, delay in enumerate((0.2, 0.4)):
        t += delay
        c.send(t, False, ACK, data[sent:sent + 1], seq=c.sseq)  # probe: the next byte
        t += HALF
        c.send(t, True, ACK, win=0)  # the probe's byte is not accepted: ack unchanged
    # The application reads everything: window update.
    t += 0.05
    c.send(t, True, ACK, win=64)
    while sent < len(data):
        n = min(mss, len(data) - sent)
        t += 0.00012
        c.send(t, False, ACK if sent + n < len(data) else PSH | ACK, data[sent:sent + n])
        sent += n
        c.cack = c.sseq
        if sent % (2 * mss) == 0 or sent == len(data):
            t += 0.00002
            c.send(t, True, ACK, win=64)
    t += 0.001
    c.send(t, True, FIN | ACK, win=64)
    c.sack = c.cseq
    t += HALF
    c.send(t, False, FIN | ACK)
    c.cack = c.sseq
    t += HALF
    c.send(t, True, ACK, win=64)
    return cap


def syn_flood():
    """A SYN flood against a web server: SYNs from spoofed addresses fill its backlog with
    half-open connections (SYN-RECEIVED) whose SYN,ACKs nobody answers; the server retransmits
    them after 1 s. A real client's connection in the middle still completes."""
    cap = Capture()
    t = T0
    synacks = []
    x = 20261123
    for i in range(24):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        src = "203.0.113.%d" % (1 + x % 250)
        sport = 1024 + (x >> 8) % 60000
        isn = (x * 2654435761) & 0xFFFFFFFF
        t += 0.0008
        # Flood tools send bare SYNs: no options, a fixed window.
        cap.tcp(t, src, sport, SERVER, 80, isn, 0, SYN, 512, ttl=241, ip_id=x & 0xFFFF)
        s_isn = (isn * 40503 + 977) & 0xFFFFFFFF
        cap.tcp(t + 0.00003, SERVER, 80, src, sport, s_isn, isn + 1, SYN | ACK, 64240,
                opt_mss(1460), ip_id=0)
        synacks.append((t, src, sport, s_isn, isn))
        if i == 11:
            c = Conn(cap, CLIENT, 40222, SERVER, 80, 1555000111, 2666000222)
            t2 = c.handshake(t + 0.0002)
            c.send(t2 + 0.0002, True, PSH | ACK, http_request("/"))
            c.sack = c.cseq
            c.send(t2 + 0.0012, False, PSH | ACK, http_response(b"<h1>still here</h1>\n",
                                                                  "text/html"))
            c.cack = c.sseq
            c.send(t2 + 0.0014, True, FIN | ACK)
            c.sack = c.cseq
            c.send(t2 + 0.0016, False, FIN | ACK)
            c.cack = c.sseq
            c.send(t2 + 0.0018, True, ACK)
            t = t2 + 0.0018
    # One second later: the server retransmits every unanswered SYN,ACK (tcp_synack_retries).
    for (ts, src, sport, s_isn, isn) in synacks:
        cap.tcp(ts + 1.0, SERVER, 80, src, sport, s_isn, isn + 1, SYN | ACK, 64240,
                opt_mss(1460), ip_id=0)
    cap.records.sort(key=lambda r: r[0])
    return cap


def syn_backoff():
    """A client on a mobile network sends its SYN and drops off the network before the SYN,ACK
    reaches it: nothing ever answers. The server (Linux, tcp_synack_retries = 5, initial RTO
    1 s) sends the SYN,ACK again 1, 2, 4, 8 and 16 s after the previous one, each copy with the
    same ISN and a later timestamp, then drops the request 32 s after the last retry without
    sending anything. A second client's keep-alive HTTP connection to the same server stays
    open the whole time and is closed by its client at 70 s. Captured at the server."""
    cap = Capture()
    t = T0 + 0.2
    gone, gport, g_isn, s_isn, g_ts = "198.51.100.23", 51514, 3141592653, 2718281828, 77000000
    cap.tcp(t, gone, gport, SERVER, 80, g_isn, 0, SYN, 64240,
            linux_syn_options(1380, g_ts, 0, 7), ttl=52)
    sent = t + 0.00004
    for retry in range(6):
        cap.tcp(sent, SERVER, 80, gone, gport, s_isn, g_isn + 1, SYN | ACK, 65160,
                linux_syn_options(1460, 3000000 + int(sent * 1000), g_ts, 7), ip_id=0)
        # The request timer fires a few jiffies late; the timeout doubles each time.
        sent += (1 << retry) + 0.002 + 0.001 * retry
    c = Conn(cap, CLIENT, 40310, SERVER, 80, 1234567890, 987654321)
    t = c.handshake(T0 + 2.5)
    for at, path in ((t + 0.0003, "/"), (T0 + 21.0, "/status")):
        c.send(at, True, PSH | ACK, http_request(path))
        c.sack = c.cseq
        c.send(at + 0.0009, False, PSH | ACK, http_response(body_bytes(120, len(path)),
                                                              "text/html"))
        c.cack = c.sseq
        c.send(at + 0.0011, True, ACK)
    t = T0 + 70.0
    c.send(t, True, FIN | ACK)
    c.sack = c.cseq
    c.send(t + 0.0002, False, FIN | ACK)
    c.cack = c.sseq
    c.send(t + 0.0004, True, ACK)
    cap.records.sort(key=lambda r: r[0])
    return cap


SCENARIOS = [
    ("lifecycle-seed-session.pcap", lifecycle_seed_session),
    ("simultaneous-open.pcap", simultaneous_open),
    ("simultaneous-close.pcap", simultaneous_close),
    ("half-close.pcap", half_close),
    ("connection-refused.pcap", connection_refused),
    ("reset.pcap", reset),
    ("retransmission-dupack.pcap", retransmission_dupack),
    ("zero-window.pcap", zero_window),
    ("syn-flood.pcap", syn_flood),
    ("syn-backoff.pcap", syn_backoff),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    for name, build in SCENARIOS:
        build().write(os.path.join(out, name))
        print(os.path.join(out, name))


if __name__ == "__main__":
    main()
