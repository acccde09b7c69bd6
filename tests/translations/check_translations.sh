#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fails when a user-visible text has no translation (DESIGN.md: lrelease is the oracle).
# Usage: check_translations.sh LUPDATE LRELEASE SOURCE_DIR
# - The viewer: lupdate runs over today's ui/ and app/viewer_main.cpp into a copy of each
#   resources/translations/tcpscope_<language>.ts, so a new tr() text the .ts lacks comes in
#   unfinished; lrelease then must report every message finished and none untranslated.
# - The core: each tcpscope_core_<language>.ts through lrelease -idbased, the same way (that its
#   ids are the catalogue's is the core test "[catalogue]").
set -euo pipefail
lupdate=$1 lrelease=$2 src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
shopt -s nullglob
files=("$src"/resources/translations/tcpscope_*.ts)
[ ${#files[@]} -ge 2 ] || { echo "FAILED: no translation files in $src/resources/translations"; exit 1; }
for ts in "${files[@]}"; do
  name=$(basename "$ts")
  cp "$ts" "$tmp/$name"
  if [[ $name == tcpscope_core_* ]]; then
    out=$("$lrelease" -idbased "$tmp/$name" -qm "$tmp/out.qm" 2>&1)
  else
    "$lupdate" -silent -locations none -no-obsolete "$src/ui" "$src/app/viewer_main.cpp" \
      -ts "$tmp/$name" >/dev/null 2>&1
    out=$("$lrelease" "$tmp/$name" -qm "$tmp/out.qm" 2>&1)
  fi
  echo "$name:"
  echo "$out" | sed 1d
  if ! echo "$out" | grep -qE "Generated [1-9][0-9]* translation\(s\) \([0-9]+ finished and 0 unfinished\)"; then
    echo "FAILED: $name has unfinished messages"
    fail=1
  fi
  if echo "$out" | grep -qE "Ignored [0-9]+ untranslated"; then
    echo "FAILED: $name has untranslated messages"
    fail=1
  fi
  if [[ $name != tcpscope_core_* ]]; then
    # The unfinished ones, by source text, to say what to translate.
    python3 - "$tmp/$name" <<'PY'
import sys, xml.etree.ElementTree as ET
for ctx in ET.parse(sys.argv[1]).getroot().iter("context"):
    for m in ctx.iter("message"):
        t = m.find("translation")
        forms = [f.text or "" for f in t.iter("numerusform")] if t is not None else []
        text = (t.text or "") if t is not None else ""
        if t is None or t.get("type") == "unfinished" or not (text.strip() or any(forms)):
            print("  untranslated: %s: %s" % (ctx.findtext("name"), m.findtext("source")))
PY
  fi
done
exit $fail
