#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A real capture for bench.py: TCP traffic over loopback, captured by tcpdump.

    python3 tests/bench/gen_loopback_capture.py OUT.pcap [--requests N] [--bulk-mb M]

Runs in a network namespace of its own (unshare --net, so root) whose loopback has an MTU of
1500 and no segmentation offload, as a network card's traffic would look:
  - redis-benchmark against redis-server (Debian's; installed when missing): N SET and N GET
    requests over 50 connections, one request per round trip, small segments (~90 bytes);
  - an ACK-heavy bulk transfer at the same time: one download of M MB in 1448-byte segments,
    the receiver ACKing every second one (a small Python client/server pair).
tcpdump captures everything on that loopback (full snap length); the kernel's drop count is
printed. The packets and their order differ between runs (real traffic), their kind does not.
"""
import argparse, os, shutil, socket, subprocess, sys, threading, time

BULK_PORT = 5001
REDIS_PORT = 6379
RCVBUF = 4096


def need(binary, package):
    if shutil.which(binary):
        return
    print("installing %s (for %s)" % (package, binary), flush=True)
    subprocess.run(["apt-get", "install", "-y", package], check=True, stdout=subprocess.DEVNULL)


def bulk_transfer(megabytes):
    """A server that writes `megabytes` MB to the one client that connects, and that client
    reading it all: the download's segments and the receiver's ACKs."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", BULK_PORT))
    srv.listen(1)

    def serve():
        conn, _ = srv.accept()
        chunk = bytes(range(256)) * 256  # 64 KiB
        left = megabytes << 20
        while left > 0:
            n = conn.send(chunk[:min(left, len(chunk))])
            left -= n
        conn.shutdown(socket.SHUT_WR)
        conn.recv(1)
        conn.close()

    t = threading.Thread(target=serve)
    t.start()
    cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # A small receive window (a few segments) and each read ACKed at once: an ACK every second
    # segment or so, as a receiver over a real link sends them, where a fast loopback with
    # large buffers would get 64 KiB bursts and one stretch ACK for each.
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RCVBUF)
    cli.connect(("127.0.0.1", BULK_PORT))
    while cli.recv(1 << 16):
        cli.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    cli.close()
    t.join()
    srv.close()


def inside(args):
    """In the namespace: loopback like an Ethernet card, then the traffic and the capture."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    subprocess.run(["ip", "link", "set", "lo", "mtu", "1500"], check=True)
    subprocess.run(["ethtool", "-K", "lo", "tso", "off", "gso", "off"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dump = subprocess.Popen(["tcpdump", "-i", "lo", "-n", "-B", "262144", "-w", args.out, "tcp"],
                            stderr=subprocess.PIPE)
    # No traffic before tcpdump captures: it says so on stderr ("listening on lo, ..."); a fixed
    # pause was not enough, and the first connections lost their handshakes.
    first = dump.stderr.readline().decode()
    if "listening on" not in first:
        sys.exit("gen_loopback_capture.py: tcpdump did not start: " + first.strip())
    redis = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--save", "",
                              "--appendonly", "no", "--bind", "127.0.0.1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # both listening
        if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0:
            break
        time.sleep(0.05)
    time.sleep(0.5)
    bulk = threading.Thread(target=bulk_transfer, args=(args.bulk_mb,))
    bulk.start()
    out = subprocess.run(["redis-benchmark", "-p", str(REDIS_PORT), "-c", "50", "-n",
                          str(args.requests), "-t", "set,get", "-q"], check=True, text=True,
                         stdout=subprocess.PIPE).stdout
    # Its progress lines end in carriage returns; the last of each test is the result.
    print("\n".join(line.split("\r")[-1] for line in out.splitlines() if line.strip()), flush=True)
    bulk.join()
    redis.terminate()
    redis.wait()
    time.sleep(0.5)
    dump.terminate()
    _, err = dump.communicate()
    print(err.decode().strip(), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--requests", type=int, default=260000,
                    help="SET and GET requests each (default 260000: about 1.1M packets)")
    ap.add_argument("--bulk-mb", type=int, default=20, help="the bulk download (default 20)")
    ap.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inside:
        inside(args)
        return
    if os.geteuid() != 0:
        sys.exit("gen_loopback_capture.py: needs root (a network namespace, tcpdump on it)")
    for binary, package in [("redis-server", "redis-server"), ("redis-benchmark", "redis-tools"),
                            ("tcpdump", "tcpdump"), ("ethtool", "ethtool")]:
        need(binary, package)
    tmp = args.out + ".part"
    subprocess.run(["unshare", "--net", sys.executable, os.path.abspath(__file__), tmp,
                    "--requests", str(args.requests), "--bulk-mb", str(args.bulk_mb), "--inside"],
                   check=True)
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
