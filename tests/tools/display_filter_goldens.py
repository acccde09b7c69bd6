#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Regenerates tests/data/display_filter_goldens.tsv from tshark: for every sample capture and
every filter of tests/data/display_filters.txt, the frame numbers `tshark -2 -Y FILTER` keeps.

    python3 tests/tools/display_filter_goldens.py

One line per (capture, filter): capture file name, filter, frame numbers separated by spaces.
The core's test (tests/core/test_display_filter.cpp) reads it, so ctest needs no tshark. A
filter tshark refuses stops the script: the table holds only filters Wireshark accepts.
"""
import concurrent.futures, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def filters():
    with open(os.path.join(ROOT, "tests", "data", "display_filters.txt")) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def run(capture, flt):
    p = subprocess.run(["tshark", "-2", "-n", "-r", capture, "-Y", flt, "-T", "fields",
                        "-e", "frame.number"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode != 0:
        return None, "tshark refused %r: %s" % (flt, p.stderr.strip().splitlines()[-3:])
    return " ".join(p.stdout.split()), None


def main():
    samples = os.path.join(ROOT, "samples")
    captures = sorted(f for f in os.listdir(samples) if f.endswith((".pcap", ".pcapng")))
    jobs = [(c, f) for c in captures for f in filters()]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda j: run(os.path.join(samples, j[0]), j[1]), jobs))
    errors = sorted({e for _, e in results if e})
    if errors:
        sys.exit("\n".join(errors))
    out = os.path.join(ROOT, "tests", "data", "display_filter_goldens.tsv")
    with open(out, "w") as f:
        for (c, flt), (frames, _) in zip(jobs, results):
            f.write("%s\t%s\t%s\n" % (c, flt, frames))
    print("wrote %s: %d captures x %d filters" % (out, len(captures), len(filters())))


if __name__ == "__main__":
    main()
