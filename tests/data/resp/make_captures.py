#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the RESP (Redis, TCP port 6379) test captures of this folder with scapy (Debian's
python3-scapy) and, where tcpdump is installed, the expected outputs listed in TESTLIST.

resp-cases.pcap holds whole frames: every RESP type tcpdump 4.99's print-resp.c tells apart
(simple strings, errors, integers, bulk strings empty/null/too large/negative/invalid, arrays
nested/empty/null, inline commands ended by CR, LF or both, bytes that are not printable),
pipelined messages, messages cut by the end of the segment, RESP on a SYN, a FIN and a RST,
port 80 against 6379, and IPv6. resp-snaplen.pcap has a snap length of 96, so its frames end
inside the RESP data at each place where tcpdump's printer checks the capture's end.
Run from anywhere: /usr/bin/python3 make_captures.py. Timestamps are fixed, so the files are
the same on every run; the .out files are `TZ=GMT0 tcpdump -# -n -r FILE OPTIONS` (4.99.3)."""
import os
import shutil
import struct
import subprocess

from scapy.all import IP, IPv6, TCP, Ether, Raw, Padding

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1764547200  # 2025-12-01 00:00:00 UTC
E1 = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
E2 = dict(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")


class Conversation:
    """One TCP connection: a handshake, then segments that carry what they are given."""

    def __init__(self, v6=False, cport=40000, sport=6379, cseq=1000, sseq=5000):
        self.v6, self.cport, self.sport = v6, cport, sport
        self.seq = {True: cseq, False: sseq}
        self.frames = []
        self.segment(True, "S", b"", ack=False)
        self.segment(False, "SA", b"")
        self.segment(True, "A", b"")

    def ip(self, client):
        if self.v6:
            a, b = ("fd00::1", "fd00::2") if client else ("fd00::2", "fd00::1")
            return IPv6(src=a, dst=b)
        a, b = ("10.1.0.1", "10.2.0.2") if client else ("10.2.0.2", "10.1.0.1")
        return IP(src=a, dst=b)

    def segment(self, client, flags, data, ack=True, pad=0):
        sp, dp = (self.cport, self.sport) if client else (self.sport, self.cport)
        tcp = TCP(sport=sp, dport=dp, flags=flags, seq=self.seq[client],
                  ack=self.seq[not client] if ack else 0, window=502,
                  options=[("NOP", None), ("NOP", None), ("Timestamp", (100, 200))])
        p = Ether(**(E1 if client else E2)) / self.ip(client) / tcp
        if data:
            p = p / Raw(data)
        if pad:
            p = p / Padding(b"\0" * pad)
        self.frames.append(bytes(p))
        self.seq[client] = (self.seq[client] + len(data) + ("S" in flags) + ("F" in flags)) \
            % 2**32

    def send(self, data, flags="PA", pad=0):
        self.segment(True, flags, data, pad=pad)

    def answer(self, data, flags="PA", pad=0):
        self.segment(False, flags, data, pad=pad)


def write(name, frames, snaplen=65535):
    """A little-endian Ethernet pcap; frames longer than snaplen are cut to it."""
    with open(os.path.join(HERE, name + ".pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, snaplen, 1))
        for i, frame in enumerate(frames):
            cap = frame[:snaplen]
            f.write(struct.pack("<IIII", T0 + i // 1000, (i % 1000) * 1000, len(cap), len(frame)))
            f.write(cap)


def bulk(b):
    return b"$%d\r\n%s\r\n" % (len(b), b)


def array(*items):
    return b"*%d\r\n" % len(items) + b"".join(bulk(i) for i in items)


def typed_messages(c):
    """Requests and answers of each RESP type, one message per segment."""
    c.send(array(b"SET", b"key:__rand_int__", b"VXK"))
    c.answer(b"+OK\r\n")
    c.send(array(b"save", b"", b"appendonly", b"no"))
    c.answer(b"-ERR unknown command 'foo', with args beginning with: \r\n")
    c.send(b"*2\r\n*2\r\n:1\r\n:2\r\n*3\r\n+a\r\n-ERR x\r\n$-1\r\n")  # nested
    c.answer(b":1000\r\n:-5\r\n:0\r\n")
    c.send(b"*0\r\n*-1\r\n$-1\r\n$0\r\n\r\n")  # empty and null arrays and strings
    c.answer(b"$-2\r\n*-5\r\n$-0\r\n*-1\r\n")  # negative lengths other than -1
    c.send(b"$-20\r\nhi\r\n")  # the bytes after the length are read as the next message
    c.answer(b"$2147483647\r\nabc\r\n")  # INT_MAX: longer than the segment
    c.send(b"$2147483648\r\nabc\r\n*99999999999\r\n$-2147483649\r\n")  # too large
    c.answer(b"$21474836470\r\n")
    c.send(b"$abc\r\n")  # invalid: not a digit
    c.answer(b"*\r\n+OK\r\n")
    c.send(b"$12x\r\nPING\r\n")
    c.answer(b"$5\rX\r\n")  # CR not followed by LF
    c.send(b"$-\r\n")
    c.answer(b"$3\r\nabcde\r\n")  # CRLF not right after the string: skipped to


def inline_and_binary(c):
    c.send(b"PING\r\n")
    c.answer(b"+PONG\r\n")
    c.send(b"PING\nPING\rPING\r\n")
    c.send(b"set a b\n")
    c.send(b"\r\n\n\rPING\r\n")  # leading line ends skipped
    c.send(b"\r\n\r\n")  # nothing but line ends
    c.send(b"PING")  # no line end
    c.send(b"get \x01\x7f\x80\xff\tkey\r\n")
    c.answer(bulk(bytes(range(256))))  # every byte value
    c.answer(b"+\x00\x1b[0m\x9b\xe9t\xe9\r\n")
    c.send(b"-\r\n+\r\n:\r\n")  # empty simple string, error, integer


def pipelined_and_cut(c):
    c.send(array(b"INCR", b"z") * 3)
    c.send(b"PING\r\nPING\r\nPING\r\n")
    c.answer(b"+PONG\r\n+PONG\r\n+PONG\r\n")
    c.send(array(b"SET", b"foo", b"bar")[:-3])  # cut inside the last string
    c.send(b"*2\r\n$3\r\nGET\r\n")  # an element missing
    c.answer(b"+OK\r")  # no LF
    c.answer(b"$3\r\nabc")  # no CRLF after the string
    c.answer(b"$3\r")  # cut inside the length
    c.answer(b"$")
    c.send(b"*")
    c.send(b"*1\r\n*1\r\n*1\r\n*1\r\n:7\r\n*2\r\n*1\r\n")  # nested, the last cut
    c.answer(b"+OK\r\n", pad=14)  # Ethernet padding after the IP datagram


def odd_segments(c):
    """RESP on segments other than plain data: tcp_print hands them over all the same."""
    c.send(b"PING\r\n", flags="FPA")
    # tcpdump 4.99.3 prints a RST's data as RESP, or as " [RST text]" with -v; the newer 4.99
    # releases whose output TcpScope follows print neither (test_tcpdump_golden.cpp's
    # normaliseLive cuts such lines after "length N").
    c.answer(b"-ERR closing\r\n", flags="RA")
    c.answer(b"this text is longer than thirty bytes\r\n", flags="R")


def main():
    c = Conversation()
    typed_messages(c)
    inline_and_binary(c)
    pipelined_and_cut(c)
    frames = c.frames
    syn = Conversation(cport=40001)  # a SYN carrying data (TCP Fast Open style)
    syn.frames = []
    syn.segment(True, "S", b"*1\r\n$4\r\nPING\r\n", ack=False)
    frames += syn.frames
    odd = Conversation(cport=40002)
    odd_segments(odd)
    frames += odd.frames
    web = Conversation(cport=80)  # port 80 against 6379: tcpdump tries RESP first
    web.send(b"GET / HTTP/1.0\r\n\r\n")
    frames += web.frames
    v6 = Conversation(v6=True, cport=40003)
    v6.send(array(b"GET", b"key:000000001234"))
    v6.answer(bulk(b"xyz") + b"+OK\r\n")
    v6.send(b"*2\r\n$3\r\nGET\r\n$5\r\nab")
    frames += v6.frames
    write("resp-cases", frames)
    write("resp-snaplen", snaplen_frames(), snaplen=96)
    expected()


def snaplen_frames():
    """Frames whose capture ends inside RESP data: a snap length of 96 leaves 30 payload bytes
    after Ethernet, IPv4 and TCP with timestamps (10 after IPv6)."""
    c = Conversation(cport=40010)
    c.send(array(b"SET", b"key:__rand_int__", b"VXK"))  # inside a bulk string
    c.send(b"PING " + b"a" * 40 + b"\r\n")  # inside an inline command
    c.send(b"$" + b"1" * 40 + b"\r\n")  # inside a length
    c.send(b"\r\n" * 20 + b"PING\r\n")  # inside the line ends before an inline command
    c.send(b"+" + b"x" * 40 + b"\r\n")  # inside a simple string
    c.send(b"+OK\r\n" * 8)  # the next type byte not captured
    c.send(b"+OK\r\n+OKAY\r\n" + array(b"a", b"b", b"c"))  # an array's element not captured
    c.send(bulk(b"y" * 24))  # the CRLF after the string half captured
    c.send(bulk(b"z" * 25))  # the CRLF after the string not captured
    c.send(b"*2\r\n$3\r\nGET\r\n$100000000000000\r\nabc\r\n")  # cut after a length's CR
    frames = c.frames
    v6 = Conversation(v6=True, cport=40011)
    v6.send(b"+PONG\r\n+PONG\r\n")
    frames += v6.frames
    return frames


# (expected output, capture, tcpdump options); TESTLIST holds the same, for the test. The test
# also compares with more options where tcpdump is installed.
RUNS = [
    ("resp-cases.out", "resp-cases.pcap", ""),
    ("resp-snaplen.out", "resp-snaplen.pcap", ""),
    ("resp-snaplen-x.out", "resp-snaplen.pcap", "-x"),  # where the dump starts tells the longjmp
]


def expected():
    with open(os.path.join(HERE, "TESTLIST"), "w") as f:
        f.write("# expected output, capture, tcpdump options (made by make_captures.py)\n")
        for out, pcap, opts in RUNS:
            f.write(f"{out} {pcap} {opts}".rstrip() + "\n")
    if not shutil.which("tcpdump"):
        print("tcpdump not installed: the .out files were not remade")
        return
    for out, pcap, opts in RUNS:
        cmd = ["tcpdump", "-#", "-n", "-r", os.path.join(HERE, pcap)] + opts.split()
        text = subprocess.run(cmd, env=dict(os.environ, TZ="GMT0"), capture_output=True,
                              check=True).stdout
        with open(os.path.join(HERE, out), "wb") as f:
            f.write(text)


if __name__ == "__main__":
    main()
