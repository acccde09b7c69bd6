#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Brings the core's translation files up to date with its catalogue.

Usage: update_core_ts.py TCPSCOPE-CLI [tcpscope_core_<language>.ts ...]
       (default: every tcpscope_core_*.ts beside this script)

`tcpscope-cli list-messages` prints every message id of the core with its English default. Each
.ts gets one message per id, in the catalogue's order (Qt's id-based format, which lrelease
-idbased compiles and qtTrId() reads):
- a new id comes in unfinished, with no translation;
- an id whose English changed keeps its old translation, marked unfinished, with the old
  English as <oldsource>, so the translator sees what changed;
- an id the catalogue no longer has is dropped.
Then translate the unfinished messages (Qt Linguist, or any editor), following GLOSSARY.md, and
remove type="unfinished". tests/translations checks that none is left.
"""
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def catalogue(cli):
    text = subprocess.run([cli, "list-messages"], check=True, capture_output=True,
                          text=True).stdout
    entries = []
    for line in text.splitlines():
        mid, _, english = line.partition("\t")
        entries.append((mid, unescape(english)))
    return entries


def esc(s, attr=False):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace('"', "&quot;") if attr else s


def update(path, entries):
    old, language = {}, os.path.basename(path)[len("tcpscope_core_"):-len(".ts")]
    if os.path.exists(path):
        root = ET.parse(path).getroot()
        language = root.get("language") or language
        for m in root.iter("message"):
            tr = m.find("translation")
            old[m.get("id")] = (m.findtext("source") or "", tr.text if tr is not None else "",
                                tr.get("type") if tr is not None else "unfinished")
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           '<TS version="2.1" language="%s" sourcelanguage="en">' % esc(language, True),
           "<context>", "    <name></name>"]
    counts = {"new": 0, "changed": 0, "unfinished": 0}
    for mid, english in entries:
        source, text, kind = old.get(mid, (None, "", "unfinished"))
        oldsource = None
        if source is None:
            counts["new"] += 1
        elif source != english:
            counts["changed"] += 1
            kind, oldsource = "unfinished", source
        if kind == "unfinished":
            counts["unfinished"] += 1
        out.append('    <message id="%s">' % esc(mid, True))
        out.append("        <source>%s</source>" % esc(english))
        if oldsource is not None:
            out.append("        <oldsource>%s</oldsource>" % esc(oldsource))
        attr = ' type="unfinished"' if kind == "unfinished" else ""
        out.append("        <translation%s>%s</translation>" % (attr, esc(text or "")))
        out.append("    </message>")
    out += ["</context>", "</TS>", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    dropped = len(set(old) - {m for m, _ in entries})
    print("%s: %d messages, %d new, %d changed, %d dropped, %d unfinished" % (
        os.path.basename(path), len(entries), counts["new"], counts["changed"], dropped,
        counts["unfinished"]))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    files = sys.argv[2:] or sorted(glob.glob(os.path.join(HERE, "tcpscope_core_*.ts")))
    entries = catalogue(sys.argv[1])
    for path in files:
        update(path, entries)


if __name__ == "__main__":
    main()
