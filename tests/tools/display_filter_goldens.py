#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Regenerates tests/data/display_filter_goldens.tsv from tshark: for every capture (the
samples, and ../shared/corpus when present) and every filter of
tests/data/display_filters.txt, the frame numbers tshark's second pass keeps.

    python3 tests/tools/display_filter_goldens.py [--plugin build/dev/dissector/wireshark/tcpfsm.so]

tshark costs about 0.3 s a start, so it runs once per capture: a Lua script gives each filter
a tap listener (`Listener.new("frame", FILTER)`, the filter compiled by Wireshark's own
display filter engine and run in the second pass with -2, as -Y is) and prints the frames each
one saw. The script checks itself: for a few filters per capture it also runs `tshark -2 -Y`
and stops if the two ever differ. tcpfsm.* filters need the plugin: it is loaded from a
private folder (WIRESHARK_PLUGIN_DIR); as root, tshark then runs as "nobody" through setpriv,
since Wireshark ignores that variable for root.

The file lists the filters ("filter<TAB>text", in order), then per capture ("capture<TAB>"
and "samples/x.pcap" or "corpus/...") one line per filter, in the same order: the
frame numbers it keeps, runs of three or more written A-B. The core's test
(tests/core/test_display_filter.cpp) reads it, so ctest needs no tshark. A filter tshark
refuses stops the script: the table holds only filters Wireshark accepts.
"""
import argparse, concurrent.futures, os, random, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
EXTENSIONS = (".pcap", ".pcapng", ".cap")


def filters():
    with open(os.path.join(ROOT, "tests", "data", "display_filters.txt")) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def captures():
    """(key, path) of every capture: the samples, then the shared corpus. (The tunnel captures
    wait for TcpScope to decode tunnels: Wireshark finds TCP inside them, TcpScope not yet.)"""
    out = []
    samples = os.path.join(ROOT, "samples")
    for name in sorted(os.listdir(samples)):
        if name.endswith(EXTENSIONS):
            out.append(("samples/" + name, os.path.join(samples, name)))
    for top in ("corpus",):
        base = os.path.join(SHARED, top)
        for dirpath, _, names in sorted(os.walk(base)):
            for name in sorted(names):
                if name.endswith(EXTENSIONS):
                    path = os.path.join(dirpath, name)
                    out.append((os.path.relpath(path, SHARED), path))
    return out


def ranges(frames):
    """1 2 3 4 7 -> '1-4 7'."""
    out, i = [], 0
    while i < len(frames):
        j = i
        while j + 1 < len(frames) and frames[j + 1] == frames[j] + 1:
            j += 1
        if j - i >= 2:
            out.append("%d-%d" % (frames[i], frames[j]))
            i = j + 1
        else:
            out.append(str(frames[i]))
            i += 1
    return " ".join(out)


LUA = r"""
local filters = {
%s
}
local hits = {}
for i, f in ipairs(filters) do
  hits[i] = {}
  local ok, l = pcall(Listener.new, "frame", f)
  if not ok then
    print("REFUSED\t" .. f .. "\t" .. tostring(l))
  else
    function l.packet(pinfo) table.insert(hits[i], pinfo.number) end
  end
end
local done = Listener.new()
function done.draw()
  for i, _ in ipairs(filters) do print("F" .. i .. "\t" .. table.concat(hits[i], " ")) end
end
"""


class Tshark:
    """tshark with the plugin in a private folder, as "nobody" when run as root."""

    def __init__(self, plugin):
        self.root = tempfile.mkdtemp(prefix="tcpscope-goldens-")
        os.chmod(self.root, 0o755)
        env = ["env", "HOME=" + self.root, "XDG_CONFIG_HOME=" + self.root]
        if plugin:
            series = subprocess.run(["tshark", "-v"], stdout=subprocess.PIPE, text=True
                                    ).stdout.split()[2].rsplit(".", 1)[0]
            epan = os.path.join(self.root, "plugins", series, "epan")
            os.makedirs(epan)
            shutil.copy(plugin, os.path.join(epan, "tcpfsm.so"))
            for d, _, fs in os.walk(self.root):
                os.chmod(d, 0o755)
                for f in fs:
                    os.chmod(os.path.join(d, f), 0o644)
            env.append("WIRESHARK_PLUGIN_DIR=" + os.path.join(self.root, "plugins"))
        self.prefix = (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                       if os.geteuid() == 0 else []) + env + ["tshark"]

    def readable(self, path, name):
        copy = os.path.join(self.root, name)
        shutil.copy(path, copy)
        os.chmod(copy, 0o644)
        return copy

    def run(self, args):
        return subprocess.run(self.prefix + args, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)


def lua_string(s):
    level = "=" * 3
    return "[%s[%s]%s]" % (level, s, level)


def batch(tshark, script, key, path, flts, index):
    cap = tshark.readable(path, "cap%d_%s" % (index, os.path.basename(path)))
    p = tshark.run(["-2", "-n", "-q", "-r", cap, "-X", "lua_script:" + script])
    refused = [l for l in p.stdout.splitlines() if l.startswith("REFUSED")]
    if refused:
        return None, "\n".join(refused)
    got = {}
    for line in p.stdout.splitlines():
        if line.startswith("F") and "\t" in line:
            n, frames = line.split("\t", 1)
            got[int(n[1:]) - 1] = sorted(int(x) for x in frames.split())
    if len(got) != len(flts):
        return None, "%s: tshark printed %d of %d filters: %s" % (key, len(got), len(flts),
                                                                  p.stderr.strip()[-400:])
    # The listener's frames must be -Y's: check a few filters per capture.
    rnd = random.Random(key)
    for i in rnd.sample(range(len(flts)), 3):
        q = tshark.run(["-2", "-n", "-r", cap, "-Y", flts[i], "-T", "fields", "-e",
                        "frame.number"])
        if sorted(int(x) for x in q.stdout.split()) != got[i]:
            return None, "%s: the listener and -Y differ on %r" % (key, flts[i])
    os.remove(cap)
    return [ranges(got[i]) for i in range(len(flts))], None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "dev", "dissector",
                                                     "wireshark", "tcpfsm.so"))
    args = ap.parse_args()
    flts = filters()
    if any(f.startswith("tcpfsm") or " tcpfsm" in f or "(tcpfsm" in f for f in flts) and \
            not os.path.exists(args.plugin):
        sys.exit("the filters name tcpfsm.* fields: build the plugin (%s)" % args.plugin)
    tshark = Tshark(args.plugin if os.path.exists(args.plugin) else None)
    script = os.path.join(tshark.root, "filters.lua")
    with open(script, "w") as f:
        f.write(LUA % ",\n".join(lua_string(x) for x in flts))
    os.chmod(script, 0o644)
    caps = captures()
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda kv: batch(tshark, script, kv[1][0], kv[1][1], flts,
                                                 kv[0]), enumerate(caps)))
    shutil.rmtree(tshark.root, ignore_errors=True)
    errors = sorted({e for _, e in results if e})
    if errors:
        sys.exit("\n".join(errors))
    out = os.path.join(ROOT, "tests", "data", "display_filter_goldens.tsv")
    version = subprocess.run(["tshark", "-v"], stdout=subprocess.PIPE, text=True).stdout
    with open(out, "w") as f:
        f.write("# tshark's second pass (%s) on each capture; made by "
                "tests/tools/display_filter_goldens.py, do not edit\n" % version.split("\n")[0])
        for flt in flts:
            f.write("filter\t%s\n" % flt)
        for (key, _), (frames, _) in zip(caps, results):
            f.write("capture\t%s\n" % key)
            for fr in frames:
                f.write(fr + "\n")
    print("wrote %s: %d captures x %d filters" % (out, len(caps), len(flts)))


if __name__ == "__main__":
    main()
