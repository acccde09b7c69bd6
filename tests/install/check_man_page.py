#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks a hand-written man page against its program.

usage: check_man_page.py PAGE VERSION PROGRAM [ARG...]

PAGE must format without a groff warning, carry VERSION on its .TH line, and mention every
option (and, for tcpscope-cli, every command) that `PROGRAM ARG... --help` prints.
"""
import re
import subprocess
import sys

page, version, program = sys.argv[1], sys.argv[2], sys.argv[3:]
failures = []

warn = subprocess.run(["groff", "-man", "-ww", "-z", "-Tutf8", page],
                      capture_output=True, text=True)
if warn.returncode != 0 or warn.stderr.strip():
    failures.append("groff warnings:\n" + warn.stderr)

with open(page, encoding="utf-8") as f:
    th = next((l for l in f if l.startswith(".TH ")), "")
if version not in th:
    failures.append(f".TH line does not name version {version}: {th.strip()}")

# Plain text, long lines, no hyphenation: every option stays one word.
text = subprocess.run(["groff", "-man", "-Tascii", "-rLL=300n", "-P-cbou", page],
                      capture_output=True, text=True, check=True).stdout
words = set(re.findall(r"[A-Za-z0-9#.-]+", text))

helptext = subprocess.run(program + ["--help"], capture_output=True, text=True).stdout
if not helptext:
    failures.append(f"{' '.join(program)} --help printed nothing")
wanted = set(re.findall(r"(?<![\w.-])(--?[A-Za-z#][A-Za-z0-9-]*)", helptext))
in_commands = False
for line in helptext.splitlines():
    if line.startswith("commands:"):
        in_commands = True
    elif in_commands and not line.strip():
        in_commands = False
    elif in_commands:
        m = re.match(r"  ([a-z][a-z-]+)\b", line)
        if m:
            wanted.add(m.group(1))
for w in sorted(wanted):
    if w not in words:
        failures.append(f"{page} does not mention {w} (printed by --help)")

for f in failures:
    print("FAIL:", f)
print(f"{page}: {len(wanted)} options and commands from --help checked")
sys.exit(1 if failures else 0)
