#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""TcpScope speed benchmark: tshark, tcpdump and a bare libpcap loop on the same files, same run.

    python3 tests/bench/bench.py [--packets 1000000] [--rounds 3] [--scaling] [--only KIND] [FILE ...]

Builds the release preset's bench tools, tcpscope-cli and (when Qt 6 is there) the viewer,
makes two captures unless FILE is given, and benchmarks each:
  - synthetic: bench_gen_capture's deterministic file (--packets packets of 1,131 bytes on
    average over many connections, losses and reorderings: bulk traffic);
  - loopback: real traffic, made on this machine by gen_loopback_capture.py (root: a network
    namespace): redis-benchmark against redis-server, small segments over ~100 connections,
    plus an ACK-heavy download, captured by tcpdump (~1.1M packets of ~125 bytes).
On each, in alternating rounds:
  1. bench_pcap_loop FILE              (the floor: pcap_next_ex over every packet)
  2. tcpscope-cli conversations FILE    (full pass: dissect, track, states, analysis; a second
                                         thread reads and dissects ahead), and the same with
                                         TCPSCOPE_THREADS=1 (all on one thread: what the viewer's
                                         load on two threads is held to)
  3. tcpscope-cli summary FILE          vs  tcpdump -n -r FILE          (> /dev/null)
  4. tcpscope-cli fields -e ... FILE    vs  tshark -r FILE -T fields -e ...
  4b. tcpscope-cli fields -Y F -e ...   vs  tshark -2 -Y F -r FILE -T fields -e ...  (a display
                                         filter, with the tracker's final analysis in both)
  5. tcpscope --load-and-exit FILE      (the viewer opening FILE until every row is loaded and
                                         the tracker is done; offscreen; its own time, peak RSS)
  6. bench_session_filter FILE F       (the viewer's filter bar applying F to the loaded file:
                                         applyFilter on two threads, its own time)
  7. tcpscope-cli follow --stream K --format raw FILE  vs  tshark -q -z follow,tcp,raw,K
                                        (Follow TCP Stream of one connection, --follow-stream K)
It checks that summary output equals tcpdump's, fields output (filtered or not) and follow
output equal tshark's, reports the
median and spread of each, the ratios, each run's user and system CPU (whole process), and
writes tests/bench/RESULTS.md (--out). Absolute times on shared machines are noise: read the
ratios. --scaling adds, for each kind, a 10x larger file
(the synthetic one generated at 10x; the loopback capture appended to itself ten times with
mergecap -a, its connections then repeating on the same ports), on which the loop, the
streaming commands (conversations, summary, fields, json, tree) and the viewer run, and a
table of each command's peak memory at 1x and 10x: the streaming commands must not grow with
the file. json and tree (slow, ~40 us a packet of text) run once per file, only with --scaling.
--graph adds the stream graph benchmark: `tcpscope --bench-graph` on the largest connection of
each file and on one long download of --packets segments (gen_long_connection.py): building the
graph, drawing it at 1920x1080 whole and zoomed in 10x (medians of --rounds); --graph-only runs
just that and prints it (RESULTS.md is left alone). --viewer PATH uses another viewer binary.
--live runs only the live capture benchmark (live_bench.py, root): a UDP flood on lo at
increasing rates, captured by tcpdump -w, tcpscope-capture -w and the viewer in turn: packets
captured, dropped by the kernel, lost by the helper, and the viewer's display lag; then the
viewer alone for --live-long seconds at --live-long-rate (a long capture's lag).
--baseline DIR also runs another build's tcpscope-cli and viewer (DIR/app/, e.g. the release
build of an earlier commit) in the same rounds, and prints each ratio for it beside this one's:
a change's cost measured against the same tshark, tcpdump and loop runs.
"""
import argparse, datetime, os, platform, re, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(ROOT, "build", "release")
CLI = os.path.join(BUILD, "app", "tcpscope-cli")
LOOP = os.path.join(BUILD, "tests", "bench", "bench_pcap_loop")
GEN = os.path.join(BUILD, "tests", "bench", "bench_gen_capture")
PLUGIN = os.path.join(BUILD, "dissector", "wireshark", "tcpfsm.so")
VIEWER = os.path.join(BUILD, "app", "tcpscope")
SESSION_FILTER = os.path.join(BUILD, "tests", "bench", "bench_session_filter")
FIELDS = ["tcp.stream", "tcp.seq", "tcp.analysis.flags", "tcpfsm.client"]
# A display filter an engineer would type: the handshakes and the losses.
FILTER = "tcp.flags.syn == 1 || tcp.analysis.retransmission || tcp.analysis.duplicate_ack"
FOLLOW_STREAM = 0  # --follow-stream


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def build():
    # The viewer (item 5) needs Qt 6; without it the rest still runs.
    if subprocess.run(["cmake", "--preset", "release", "-DTCPSCOPE_BUILD_GUI=ON"], cwd=ROOT,
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        sh(["cmake", "--preset", "release", "-DTCPSCOPE_BUILD_GUI=OFF"], cwd=ROOT,
           stdout=subprocess.DEVNULL)
    sh(["cmake", "--build", "--preset", "release", "--target", "tcpscope-cli", "bench_pcap_loop",
        "bench_gen_capture", "bench_session_filter"], cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", "release", "--target", "tcpscope"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # tshark needs the tcpfsm plugin to know tcpfsm.client (built when Wireshark's dev files exist).
    subprocess.run(["cmake", "--build", "--preset", "release", "--target", "tcpfsm"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def tshark_prefix(workdir):
    """tshark with the built tcpfsm.so loaded from a private plugin folder. Wireshark ignores
    plugin folders when run as root, so as root tshark runs as nobody (the capture must be
    world-readable)."""
    if not os.path.exists(PLUGIN):
        return None
    import shutil
    root = os.path.join(workdir, "ws")
    epan = os.path.join(root, "plugins", "4.0", "epan")
    os.makedirs(epan, exist_ok=True)
    os.makedirs(os.path.join(root, "home", ".config"), exist_ok=True)
    shutil.copy(PLUGIN, os.path.join(epan, "tcpfsm.so"))
    for d, dirs, files in os.walk(workdir):
        os.chmod(d, 0o755)
        for f in files:
            os.chmod(os.path.join(d, f), 0o755 if f.endswith(".so") else 0o644)
    env = ["env", "HOME=" + os.path.join(root, "home"),
           "XDG_CONFIG_HOME=" + os.path.join(root, "home", ".config"),
           "WIRESHARK_PLUGIN_DIR=" + os.path.join(root, "plugins")]
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + env
    return env


def timed(cmd, self_timed=False):
    """Wall seconds, peak RSS (MB) and extras of one run, output discarded. With self_timed the
    command prints "... in S s ..." itself (the viewer: its load time without Qt's start-up),
    and that time is returned instead of the wall time; extras then holds when its first rows
    were on screen ("first") and how long selecting the last packet took ("select_ms")."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen") if self_timed else None
    # Linux keeps a process's peak RSS across exec, so a child's ru_maxrss starts at this
    # script's own size (hundreds of MB after comparing outputs): measure through /usr/bin/time,
    # a small process, when it is there.
    rss_file = os.path.join("/tmp", "tcpscope-bench-rss-%d" % os.getpid())
    run = (["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd) if os.path.exists("/usr/bin/time") else cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(run, stdout=subprocess.PIPE if self_timed else subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read().decode() if self_timed else ""  # one short line
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), cmd)
    peak_kb = usage.ru_maxrss
    if run is not cmd:
        with open(rss_file) as f:
            peak_kb = int(f.read().split()[-1])
        os.remove(rss_file)
    # User and system CPU seconds of the whole process (start-up included): wait4 on
    # /usr/bin/time counts the command it waited for.
    extras = {"cpu": (usage.ru_utime, usage.ru_stime)}
    if self_timed:
        import re
        m = re.search(r" in ([0-9.]+) s", out)
        if m:
            wall = float(m.group(1))
        m = re.search(r"first rows on screen after ([0-9.]+) s", out)
        if m:
            extras["first"] = float(m.group(1))
        m = re.search(r"selecting the last packet took ([0-9.]+) ms", out)
        if m:
            extras["select_ms"] = float(m.group(1))
    return wall, peak_kb / 1024.0, extras


def same_output(a, b, limit=None):
    """Run two commands and compare their standard output (first `limit` lines if given)."""
    outs = []
    for cmd in (a, b):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        lines = p.stdout.splitlines()
        outs.append(lines[:limit] if limit else lines)
    if outs[0] == outs[1]:
        return "identical (%d lines)" % len(outs[0])
    diff = sum(1 for x, y in zip(*outs) if x != y) + abs(len(outs[0]) - len(outs[1]))
    return "DIFFERENT: %d of %d lines" % (diff, max(len(outs[0]), len(outs[1])))


VIEWER_RUN = "viewer load (--load-and-exit)"
BASELINE = "baseline "  # the prefix of the --baseline build's runs
# conversations with everything on one thread (TCPSCOPE_THREADS=1): what the viewer's load,
# which uses two, is held to.
ONE_THREAD = "tcpscope conversations, one thread"


def follow_cmd(cli, path):
    return [cli, "follow", "--stream", str(FOLLOW_STREAM), "--format", "raw", path]


def tshark_follow(tshark, path):
    return tshark + ["-n", "-r", path, "-q", "-z", "follow,tcp,raw,%d" % FOLLOW_STREAM]


# Runs made once per file (first round), only with --scaling: their peak memory is the point,
# and at ~40 us a packet of text they would double the benchmark's time.
ONCE = {"tcpscope json", "tcpscope tree"}


def tcpscope_cases(path, cli, viewer, scaling, big, prefix=""):
    """This build's runs on `path`; `big` is the 10x file of --scaling (streaming commands and
    the viewer only)."""
    efields = sum((["-e", f] for f in FIELDS), [])
    cases = [(prefix + "tcpscope conversations", [cli, "conversations", path]),
             (prefix + "tcpscope summary", [cli, "summary", path]),
             (prefix + "tcpscope fields", [cli, "fields"] + efields + [path])]
    if not big:
        cases += [(prefix + "tcpscope fields -Y", [cli, "fields", "-Y", FILTER] + efields + [path]),
                  (prefix + "tcpscope follow", follow_cmd(cli, path))]
    if scaling and not prefix:
        cases += [("tcpscope json", [cli, "json", path]), ("tcpscope tree", [cli, "tree", path])]
    if not prefix:  # the viewer's target is set against this (a baseline build may not know it)
        cases.append((ONE_THREAD, ["env", "TCPSCOPE_THREADS=1", cli, "conversations", path]))
    if os.path.exists(viewer):
        cases.append((prefix + VIEWER_RUN, [viewer, "--load-and-exit", path]))
    return cases


def bench_file(path, rounds, tshark=("tshark",), scaling=False, big=False, baseline=None):
    """Every run on one file; `big` marks the 10x file of --scaling (no tcpdump, no tshark:
    the floor, the streaming commands and the viewer)."""
    efields = sum((["-e", f] for f in FIELDS), [])
    tshark = list(tshark)
    cases = [("libpcap loop", [LOOP, path])]
    if not big:
        cases.append(("tcpdump -n -r", ["tcpdump", "-n", "-r", path]))
    if not big:
        cases.append(("tshark -T fields", tshark + ["-n", "-r", path, "-T", "fields"] + efields))
        cases.append(("tshark -2 -Y -T fields", tshark + ["-2", "-n", "-r", path, "-Y", FILTER,
                                                           "-T", "fields"] + efields))
        cases.append(("tshark -z follow", tshark_follow(tshark, path)))
    cases += tcpscope_cases(path, CLI, VIEWER, scaling, big)
    if baseline:
        cases += tcpscope_cases(path, os.path.join(baseline, "app", "tcpscope-cli"),
                                os.path.join(baseline, "app", "tcpscope"), scaling, big, BASELINE)
    viewers = {VIEWER, os.path.join(baseline or "", "app", "tcpscope")}
    times = {name: [] for name, _ in cases}
    cpus = {name: [] for name, _ in cases}  # (user, system) seconds, a pair per round run
    peaks = {name: 0.0 for name, _ in cases}
    extras = {}  # viewer: first rows on screen, selection time, per round
    for r in range(rounds):
        order = cases if r % 2 == 0 else list(reversed(cases))  # alternate to spread drift
        for name, cmd in order:
            if name in ONCE and r > 0:
                continue
            wall, peak, more = timed(cmd, self_timed=(cmd[0] in viewers))
            cpus[name].append(more.pop("cpu"))
            for k, v in more.items():
                extras.setdefault((BASELINE if name.startswith(BASELINE) else "") + k, []).append(v)
            times[name].append(wall)
            peaks[name] = max(peaks[name], peak)
            print("  round %d  %-24s %8.2f s   (CPU user %.2f s, system %.2f s)"
                  % ((r + 1, name, wall) + cpus[name][-1]), flush=True)
    if any(cmd[0] == VIEWER for _, cmd in cases):  # the viewer's own size, without a capture
        _, base, _ = timed([VIEWER, "--load-and-exit", os.path.join(ROOT, "samples", "reset.pcap")],
                           self_timed=True)
        extras["viewer_base_mb"] = [base]
    if not big and os.path.exists(SESSION_FILTER):
        for r in range(rounds):  # the filter bar's run, timed by the tool itself
            out = subprocess.run([SESSION_FILTER, path, FILTER], stdout=subprocess.PIPE,
                                 text=True).stdout
            found = re.search(r"threads 2: (\d+) matched in ([0-9.]+) s", out)
            if found:
                extras.setdefault("filter_s", []).append(float(found.group(2)))
                print("  round %d  %-24s %8.2f s" % (r + 1, "viewer filter apply", float(found.group(2))),
                      flush=True)
    checks = {}
    if not big:
        checks["summary vs tcpdump"] = same_output([CLI, "summary", path],
                                                   ["tcpdump", "-n", "-r", path])
        checks["fields vs tshark (first 200000 lines)"] = same_output(
            [CLI, "fields"] + efields + [path],
            tshark + ["-n", "-r", path, "-T", "fields"] + efields, 200000)
        checks["fields -Y vs tshark -2 -Y"] = same_output(
            [CLI, "fields", "-Y", FILTER] + efields + [path],
            tshark + ["-2", "-n", "-r", path, "-Y", FILTER, "-T", "fields"] + efields)
        checks["follow vs tshark -z follow (stream %d, raw)" % FOLLOW_STREAM] = same_output(
            follow_cmd(CLI, path), tshark_follow(tshark, path))
    extras["cpu"] = cpus
    return times, peaks, checks, extras


def median(xs):
    return statistics.median(xs)


def spread(xs):
    return (max(xs) - min(xs)) / median(xs) * 100 if len(xs) > 1 else 0.0


def ratio_rows(times, peaks, extras, path, packets, prefix=""):
    """The ratio table's rows as (name, value, target), for this build's runs or (prefix
    BASELINE) the baseline build's, against the same loop, tcpdump and tshark runs."""
    m = {k: median(v) for k, v in times.items()}
    rows = []
    floor = m["libpcap loop"]
    t = lambda name: m.get(prefix + name)
    if t("tcpscope conversations"):
        rows.append(("conversations / libpcap loop", "%.2fx" % (t("tcpscope conversations") / floor), "at most 2.5x"))
    if t("tcpscope summary") and "tcpdump -n -r" in m:
        rows.append(("tcpdump / summary", "%.2fx faster" % (m["tcpdump -n -r"] / t("tcpscope summary")), "at least 6x"))
    if "tshark -T fields" in m and t("tcpscope fields"):
        rows.append(("tshark / fields", "%.2fx faster" % (m["tshark -T fields"] / t("tcpscope fields")), "at least 30x"))
    if t("tcpscope fields"):
        rows.append(("fields / libpcap loop", "%.2fx" % (t("tcpscope fields") / floor), ""))
    if "tshark -z follow" in m and t("tcpscope follow"):
        rows.append(("tshark -z follow / follow", "%.2fx faster" % (m["tshark -z follow"] / t("tcpscope follow")), "at least 10x"))
    if "tshark -2 -Y -T fields" in m and t("tcpscope fields -Y"):
        rows.append(("tshark -2 -Y / fields -Y", "%.2fx faster" % (
            m["tshark -2 -Y -T fields"] / t("tcpscope fields -Y")), "at least 20x"))
    viewer = prefix + VIEWER_RUN
    if viewer in m:
        one = m.get(ONE_THREAD) if not prefix else None
        rows.append(("viewer load / conversations", "%.2fx" % (m[viewer] / t("tcpscope conversations")),
                     "" if one else "at most 1.5x"))
        if one:
            rows.append(("viewer load / conversations on one thread (TCPSCOPE_THREADS=1)",
                         "%.2fx" % (m[viewer] / one), "at most 1.5x"))
        rows.append(("viewer peak RSS / packets", "%.0f bytes" % (peaks[viewer] * 2**20 / packets), ""))
        # The system time is mostly the kernel handing the viewer fresh memory: on a virtual
        # machine whose host takes back memory left free a while, it varies from run to run.
        cpu = extras.get("cpu", {})
        conv = prefix + "tcpscope conversations"
        if cpu.get(viewer) and cpu.get(conv):
            text = lambda runs: "%.2f + %.2f s" % (median([u for u, _ in runs]), median([s for _, s in runs]))
            rows.append(("CPU user + system, whole process, medians: viewer (Qt's start-up included) / conversations",
                         "%s / %s" % (text(cpu[viewer]), text(cpu[conv])), ""))
            rows.append(("viewer per round: load s / system CPU s",
                         ", ".join("%.2f / %.2f" % (w, s) for w, (_, s) in zip(times[viewer], cpu[viewer])), ""))
        if not prefix and "viewer_base_mb" in extras:
            base = extras["viewer_base_mb"][0]
            rows.append(("viewer memory per packet: (peak RSS - its RSS on an 11-packet sample, %.0f MB) / packets" % base,
                         "%.0f bytes" % ((peaks[viewer] - base) * 2**20 / packets), "at most 200 bytes"))
        if prefix + "first" in extras:
            rows.append(("viewer first rows on screen / its load", "%.2f s / %.2f s" % (
                median(extras[prefix + "first"]), m[viewer]), "before loading ends"))
        if not prefix and "filter_s" in extras:
            rows.append(("viewer applying a display filter to the loaded file",
                         "%.2f s" % median(extras["filter_s"]), "under 1 s"))
        if prefix + "select_ms" in extras:
            rows.append(("viewer selecting the last packet", "%.1f ms" % median(extras[prefix + "select_ms"]),
                         "no visible delay"))
    return rows


GRAPH_KEYS = ["graph build ms", "draw ms", "zoomed draw ms"]


def bench_graph(viewer, path, rounds):
    """The stream graph benchmark on `path`: medians of the viewer's own times, and its summary
    line (which stream, how many segments and ACKs)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    runs, summary = {k: [] for k in GRAPH_KEYS}, ""
    for _ in range(rounds):
        out = subprocess.run([viewer, "--bench-graph", path], check=True, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        summary = out.splitlines()[0] if out else ""
        for k in GRAPH_KEYS:
            m = re.search(r"^%s ([0-9.]+)$" % re.escape(k), out, re.M)
            if m:
                runs[k].append(float(m.group(1)))
    return {k: median(v) for k, v in runs.items() if v}, summary


def graph_section(viewer, paths, rounds):
    lines = ["### Stream graphs (`tcpscope --bench-graph`, 1920x1080)", "",
             "| capture | connection | %s |" % " | ".join(GRAPH_KEYS),
             "|---|---|" + "---:|" * len(GRAPH_KEYS)]
    for path in paths:
        times, summary = bench_graph(viewer, path, rounds)
        lines.append("| %s | %s | %s |" % (os.path.basename(path), summary,
                                           " | ".join("%.1f" % times.get(k, -1) for k in GRAPH_KEYS)))
    return "\n".join(lines + [""])


def report(path, packets, times, peaks, checks, extras):
    m = {k: median(v) for k, v in times.items()}
    lines = ["### %s (%s packets, %.0f MB)" % (os.path.basename(path), packets,
                                                   os.path.getsize(path) / 1e6), "",
             "| run | median s | spread | peak RSS MB |", "|---|---:|---:|---:|"]
    for k in times:
        lines.append("| %s | %.2f | %.0f%% | %.0f |" % (k, m[k], spread(times[k]), peaks[k]))
    rows = ratio_rows(times, peaks, extras, path, packets)
    base = {name: value for name, value, _ in ratio_rows(times, peaks, extras, path, packets, BASELINE)}
    if base:
        lines += ["", "| ratio | value | baseline | target |", "|---|---:|---:|---|"]
        lines += ["| %s | %s | %s | %s |" % (n, v, base.get(n, ""), tg) for n, v, tg in rows]
    else:
        lines += ["", "| ratio | value | target |", "|---|---:|---|"]
        lines += ["| %s | %s | %s |" % row for row in rows]
    lines += [""] + ["- %s: %s" % kv for kv in checks.items()] + [""]
    return "\n".join(lines)


def memory_section(kind, small, big):
    """Each command's peak memory on one kind's 1x and 10x files, from their runs' (path,
    packets, peaks); the viewer's per packet as the growth between the two."""
    (p1, n1, m1), (p10, n10, m10) = small, big
    lines = ["### Peak memory at 1x and 10x: %s" % kind, "",
             "| run | %s (%d packets) MB | %s (%d packets) MB | target |" % (
                 os.path.basename(p1), n1, os.path.basename(p10), n10), "|---|---:|---:|---|"]
    for name in m10:
        if name in m1:
            target = "under 50 MB" if name.startswith("tcpscope ") else ""
            lines.append("| %s | %.0f | %.0f | %s |" % (name, m1[name], m10[name], target))
    if VIEWER_RUN in m1 and VIEWER_RUN in m10 and n10 > n1:
        slope = (m10[VIEWER_RUN] - m1[VIEWER_RUN]) * 2**20 / (n10 - n1)
        lines += ["", "Viewer memory per packet, (peak at 10x - peak at 1x) / (packets added): "
                  "%.0f bytes (target at most 200)." % slope]
    return "\n".join(lines + [""])


def count_packets(path):
    out = subprocess.run([LOOP, path], check=True, stdout=subprocess.PIPE, text=True).stdout
    return int(out.split()[0])


def make_files(args):
    """The captures to benchmark, as (path, packets, kind, big): each kind's file and, with
    --scaling, its 10x file."""
    if args.files:
        return [(f, count_packets(f), os.path.basename(f), False) for f in args.files]
    files = []
    if args.only in (None, "synthetic"):
        for n, big in [(args.packets, False)] + ([(args.packets * 10, True)] if args.scaling else []):
            path = os.path.join(args.workdir, "bench-%d.pcap" % n)
            if not os.path.exists(path):
                print("generating %s" % path, flush=True)
                sh([GEN, path, str(n), str(max(100, n // 300))])
            files.append((path, n, "synthetic", big))
    if args.only in (None, "loopback"):
        path = os.path.join(args.workdir, "loopback.pcap")
        if not os.path.exists(path):
            if os.geteuid() != 0:
                print("not root: no loopback capture (gen_loopback_capture.py needs a network "
                      "namespace)", flush=True)
                return files
            print("generating %s" % path, flush=True)
            sh([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_loopback_capture.py"), path])
        files.append((path, count_packets(path), "loopback", False))
        if args.scaling:
            x10 = os.path.join(args.workdir, "loopback-x10.pcap")
            if not os.path.exists(x10):
                print("generating %s (mergecap -a, ten copies)" % x10, flush=True)
                sh(["mergecap", "-F", "pcap", "-a", "-w", x10] + [path] * 10)
                os.chmod(x10, 0o644)
            files.append((x10, count_packets(x10), "loopback", True))
    return files


def graph_files(args):
    """The captures of the graph benchmark: the given files, else the generated bench capture
    (when made) and one long download of --packets segments (made here when missing)."""
    if args.files:
        return list(args.files)
    paths = [p for p in [os.path.join(args.workdir, "bench-%d.pcap" % args.packets)]
             if os.path.exists(p)]
    long_one = os.path.join(args.workdir, "long-connection-%d.pcap" % args.packets)
    if not os.path.exists(long_one):
        print("generating %s" % long_one, flush=True)
        sh([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_long_connection.py"),
            long_one, str(args.packets)])
    return paths + [long_one]


def run_line():
    """'Run on DATE, kernel, processor, cores, by `python3 tests/bench/bench.py ARGS`.' The
    processor is named because the ratios move from one host to another (README: 7.65x for
    tcpdump / summary on 2026-12-02, 4.56x on an AMD EPYC on 2026-12-03, with the previous build
    as slow there)."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "Run on %s, %s, %s, %d cores, by `python3 tests/bench/bench.py %s`." % (
        datetime.date.today().isoformat(), platform.platform(), cpu, os.cpu_count(),
        " ".join(sys.argv[1:]))


def source_commit(tree):
    """The commit a source tree or a build directory stands at: a build directory (a baseline
    made in a worktree of its own) is not a git tree, its CMakeCache.txt names the sources it was
    configured from, whose commit is read as it is now, uncommitted changes noted."""
    def git(where, *cmd):
        r = subprocess.run(["git", "-C", where] + list(cmd), stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        return r.stdout.strip() if r.returncode == 0 else ""
    where, built = tree, ""
    if not git(where, "rev-parse", "--git-dir"):
        try:
            with open(os.path.join(tree, "CMakeCache.txt")) as f:
                for line in f:
                    if line.startswith("CMAKE_HOME_DIRECTORY:"):
                        where = line.split("=", 1)[1].strip()
                        built = "built from %s, " % where
        except OSError:
            pass
    commit = git(where, "log", "-1", "--format=%h %s")
    if not commit:
        return ("%sno longer a git tree: the commit is unknown" % built if built else
                "not a git tree, nor a build of one")
    dirty = " (with uncommitted changes)" if git(where, "status", "--porcelain",
                                                 "--untracked-files=no") else ""
    return "%scommit %s%s" % (built, commit[:80], dirty)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="captures to benchmark instead of generated ones")
    ap.add_argument("--packets", type=int, default=1000000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--follow-stream", type=int, default=0,
                    help="the stream Follow TCP Stream is timed on (default 0)")
    ap.add_argument("--scaling", action="store_true",
                    help="also a 10x larger file of each kind (no tshark), json and tree runs")
    ap.add_argument("--only", choices=["synthetic", "loopback"],
                    help="benchmark one kind of capture (default: both)")
    ap.add_argument("--workdir", default="/tmp/tcpscope-bench")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--baseline", metavar="DIR",
                    help="another build directory (DIR/app/tcpscope-cli) run in the same rounds")
    ap.add_argument("--graph", action="store_true", help="also the stream graph benchmark")
    ap.add_argument("--graph-only", action="store_true", help="only the stream graph benchmark")
    ap.add_argument("--viewer", default=VIEWER, help="the viewer binary (default: the release build's)")
    ap.add_argument("--live", action="store_true",
                    help="only the live capture benchmark (live_bench.py): a loopback flood at "
                         "--live-rates packets/s, tcpdump -w vs tcpscope-capture vs the viewer; "
                         "needs root. Writes tests/bench/RESULTS-live.md")
    ap.add_argument("--live-rates", default="50000,100000,200000,400000,600000,800000")
    ap.add_argument("--live-seconds", type=float, default=2.0)
    ap.add_argument("--live-long", type=float, default=20.0,
                    help="then the viewer alone for this many seconds at --live-long-rate "
                         "(a long capture's lag); 0 skips it")
    ap.add_argument("--live-long-rate", type=int, default=300000)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "bench", "RESULTS.md"),
                    help="where the results go (default tests/bench/RESULTS.md)")
    args = ap.parse_args()
    global FOLLOW_STREAM
    FOLLOW_STREAM = args.follow_stream
    if args.live:
        import live_bench
        if not args.no_build:
            sh(["cmake", "--build", "--preset", "release", "--target", "tcpscope-capture",
                "bench_udp_flood", "tcpscope"], cwd=ROOT, stdout=subprocess.DEVNULL)
        rates = [int(r) for r in args.live_rates.split(",")]
        section = live_bench.live_section(BUILD, args.viewer, args.workdir, rates,
                                          args.live_seconds, long_rate=args.live_long_rate,
                                          long_seconds=args.live_long)
        out = args.out if args.out != os.path.join(ROOT, "tests", "bench", "RESULTS.md") else \
            os.path.join(ROOT, "tests", "bench", "RESULTS-live.md")
        with open(out, "w") as f:
            f.write("# TcpScope live capture benchmark\n\n%s\n\n%s" % (run_line(), section))
        print("wrote %s" % out)
        return
    if args.graph_only:
        os.makedirs(args.workdir, exist_ok=True)
        print(graph_section(args.viewer, graph_files(args), args.rounds), flush=True)
        return
    if not args.no_build:
        build()
    os.makedirs(args.workdir, exist_ok=True)
    files = make_files(args)
    prefix = tshark_prefix(args.workdir)
    tshark = (prefix or []) + ["tshark"]
    if prefix is None:
        print("tcpfsm.so not built: tshark cannot print tcpfsm.client, so it is left out", flush=True)
        FIELDS.remove("tcpfsm.client")
    sections, memory = [], {}
    for path, n, kind, big in files:
        print("benchmarking %s" % path, flush=True)
        times, peaks, checks, extras = bench_file(path, args.rounds, tshark, args.scaling, big,
                                                    args.baseline)
        sections.append(report(path, n, times, peaks, checks, extras))
        print(sections[-1], flush=True)
        memory.setdefault(kind, {})[big] = (path, n, peaks)
    for kind, runs in memory.items():
        if True in runs and False in runs:
            sections.append(memory_section(kind, runs[False], runs[True]))
            print(sections[-1], flush=True)
    head = ["# TcpScope benchmark results", "",
            run_line(),
            "Medians of %d alternating rounds; the ratios are the result, absolute times are "
            "noise on a shared machine." % args.rounds, ""]
    head[-1:-1] = ["The build measured: %s." % source_commit(ROOT), ""]
    if args.baseline:
        head[-1:-1] = ["The baseline column: the same runs of the build in `%s` (%s), in the same "
                       "rounds." % (args.baseline, source_commit(args.baseline)), ""]
    if args.graph:
        sections.append(graph_section(args.viewer, graph_files(args), args.rounds))
        print(sections[-1], flush=True)
    out = args.out
    with open(out, "w") as f:
        f.write("\n".join(head + sections))
    print("wrote %s" % out)


if __name__ == "__main__":
    main()
