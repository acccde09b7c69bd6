# SPDX-License-Identifier: GPL-2.0-or-later
"""Live capture benchmark (bench.py --live): a UDP flood on the loopback at increasing packet
rates, captured in turn by `tcpdump -w`, by the capture helper `tcpscope-capture -w` and by the
viewer (`tcpscope --capture lo --capture-report`, offscreen), each on the same traffic made
by bench_udp_flood for --live-seconds at each rate. For each it reports the packets the
flood sent, those captured, those the kernel dropped (pcap_stats) and those the helper could
not hand on, and for the viewer the display lag (the seconds from a packet's capture to the
snapshot that first shows it: median and worst). Needs root (or the helper's capabilities
and tcpdump's)."""
import os, re, subprocess, time

FILTER_PORT = 9999


def _flood(flood, rate, seconds):
    return subprocess.Popen([flood, str(FILTER_PORT), str(rate), str(seconds)],
                            stdout=subprocess.PIPE, text=True)


def _run_capture(cmd, flood, rate, seconds, env=None, settle=1.0, interrupt=True):
    """Starts `cmd`, waits for it to be capturing, floods, stops it with SIGINT; returns
    (sent, stdout, stderr)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(settle)
    f = _flood(flood, rate, seconds)
    sent = int(f.communicate()[0].strip() or 0)
    time.sleep(0.5)
    if interrupt and p.poll() is None:
        p.send_signal(2)  # the viewer stops itself (--capture-seconds)
    out, err = p.communicate(timeout=120)
    return sent, out, err


def _tcpdump(workdir, flood, rate, seconds, buffer_mib):
    path = os.path.join(workdir, "live-tcpdump.pcap")
    sent, _, err = _run_capture(["tcpdump", "-i", "lo", "-B", str(buffer_mib * 1024), "-w", path,
                                 "udp port %d" % FILTER_PORT], flood, rate, seconds)
    captured = int(re.search(r"(\d+) packets? captured", err).group(1))
    dropped = int(re.search(r"(\d+) packets? dropped by kernel", err).group(1))
    return dict(sent=sent, captured=captured, dropped=dropped, lost=0)


def _helper(helper, workdir, flood, rate, seconds, buffer_mib):
    path = os.path.join(workdir, "live-helper.pcapng")
    sent, _, err = _run_capture([helper, "-i", "lo", "-B", str(buffer_mib), "-w", path, "-f",
                                 "udp port %d" % FILTER_PORT], flood, rate, seconds)
    stats = re.findall(r"stats received=(\d+) dropped=(\d+) ifdropped=(\d+) written=(\d+) "
                       r"lost=(\d+)", err)[-1]
    return dict(sent=sent, captured=int(stats[3]), dropped=int(stats[1]) + int(stats[2]),
                lost=int(stats[4]))


def _viewer(viewer, flood, rate, seconds):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [viewer, "--capture", "lo", "--capture-filter", "udp port %d" % FILTER_PORT,
           "--capture-seconds", str(seconds + 2.5), "--capture-report"]
    sent, out, err = _run_capture(cmd, flood, rate, seconds, env=env, settle=1.5, interrupt=False)
    m = re.search(r"received (\d+) shown (\d+) snapshots (\d+) lag_median_s ([\d.]+) "
                  r"lag_max_s ([\d.]+) dropped (\d+) lost (\d+)", out)
    if not m:
        raise RuntimeError("viewer printed no report: %s %s" % (out, err))
    return dict(sent=sent, captured=int(m.group(2)), dropped=int(m.group(6)),
                lost=int(m.group(7)), lag_median=float(m.group(4)), lag_max=float(m.group(5)),
                snapshots=int(m.group(3)))


def live_section(build, viewer, workdir, rates, seconds, buffer_mib=4, long_rate=0,
                 long_seconds=0):
    """Runs the three at each rate, then the viewer alone for long_seconds at long_rate (when
    set); returns the Markdown section (also printed as it goes)."""
    helper = os.path.join(build, "app", "tcpscope-capture")
    flood = os.path.join(build, "tests", "bench", "bench_udp_flood")
    os.makedirs(workdir, exist_ok=True)
    lines = ["## Live capture: a UDP flood on lo (64-byte datagrams, %g s per rate)" % seconds, "",
             "tcpdump and the helper with a %d MiB kernel buffer; the viewer's helper with its own "
             "32 MiB. *sent/s*: the rate the flood reached (it shares the 2 cores with the "
             "capture); *lost*: packets the helper could not hand on; *lag*: seconds from a "
             "packet's capture to the viewer's snapshot that first shows it." % buffer_mib, "",
             "| packets/s | tool | sent | sent/s | captured | dropped by kernel | lost | lag median "
             "| lag max |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]

    def add(rate, name, r, secs):
        lag = ("%.2f s" % r["lag_median"], "%.2f s" % r["lag_max"]) if "lag_max" in r else ("", "")
        row = "| %d | %s | %d | %d | %d | %d | %d | %s | %s |" % (
            rate, name, r["sent"], r["sent"] / secs, r["captured"], r["dropped"], r["lost"],
            lag[0], lag[1])
        print(row, flush=True)
        lines.append(row)

    for rate in rates:
        for name, run in [("tcpdump -w", lambda: _tcpdump(workdir, flood, rate, seconds, buffer_mib)),
                          ("tcpscope-capture -w", lambda: _helper(helper, workdir, flood, rate,
                                                                  seconds, buffer_mib)),
                          ("tcpscope (viewer)", lambda: _viewer(viewer, flood, rate, seconds))]:
            add(rate, name, run(), seconds)
    if long_rate and long_seconds:
        # A long capture: a snapshot shares what the session wrote, so its cost, and the lag,
        # must not grow with the packets captured so far.
        r = _viewer(viewer, flood, long_rate, long_seconds)
        add(long_rate, "tcpscope (viewer), %g s, %d snapshots" % (long_seconds, r["snapshots"]),
            r, long_seconds)
    return "\n".join(lines) + "\n"
