#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# startup.sh - start-up cost: `vendorsniff lookup 00:e0:fc:00:00:01` from start to exit
# (OUI registry, vendors.ini, enterprises.tsv, rules and the Recog map loaded), with the
# shipped signatures and with a copy that has no Recog map, and --check-signatures; then
# the start-up stages: `--debug-timing` (CPU and wall time of each, one run after a warm-up)
# and, with valgrind, the instructions of each (callgrind: exact, unlike times on a shared
# machine). Usage: bench/startup.sh [BUILD_DIR] [RUNS]. Uses hyperfine when present, else a
# loop. CALLGRIND=0 skips the callgrind run.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
runs=${2:-30}
bin=$build/vendorsniff
[ -x "$bin" ] || { echo "startup: no $bin (build it first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A data folder like the shipped one, its signatures without the Recog map.
mkdir -p "$tmp/norecog"
for x in "$here"/*; do ln -s "$x" "$tmp/norecog/$(basename "$x")"; done
rm "$tmp/norecog/signatures"
mkdir "$tmp/norecog/signatures"
for x in "$here"/signatures/*; do
    case $(basename "$x") in recog-map.ini) ;; *) ln -s "$x" "$tmp/norecog/signatures/" ;; esac
done
loop() { # label, then the command, via env
    label=$1; shift
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N -w 3 -r "$runs" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
        python3 - "$label" "$tmp/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))["results"][0]
print(f"{sys.argv[1]:34s} mean {r['mean']*1e3:6.1f} ms  median {r['median']*1e3:6.1f} ms"
      f"  min {r['min']*1e3:6.1f} ms  user {r['user']*1e3:5.1f} ms  sys {r['system']*1e3:5.1f} ms")
PY
    else
        s=$(date +%s%N); i=0
        while [ $i -lt "$runs" ]; do "$@" >/dev/null; i=$((i + 1)); done
        e=$(date +%s%N)
        echo "$label mean $(( (e - s) / runs / 1000000 )) ms"
    fi
}
export VENDORSNIFF_DATADIR=$here
loop "lookup, Recog map loaded" "$bin" lookup 00:e0:fc:00:00:01
export VENDORSNIFF_DATADIR=$tmp/norecog
loop "lookup, no Recog map" "$bin" lookup 00:e0:fc:00:00:01
export VENDORSNIFF_DATADIR=$here
loop "check-signatures (all Recog parsed)" "$bin" --check-signatures "$here/signatures"

echo
if "$bin" lookup --debug-timing 00:e0:fc:00:00:01 >/dev/null 2>&1; then
    "$bin" lookup --debug-timing 00:e0:fc:00:00:01 >/dev/null 2>"$tmp/timing.err"
    echo "stages of one lookup (--debug-timing):"
    sed -n 's/^vendorsniff: timing: /  /p' "$tmp/timing.err"
    grep -v '^vendorsniff: timing: ' "$tmp/timing.err" || true
else
    echo "stages: this binary has no --debug-timing"
fi
if [ "${CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1 &&
    command -v callgrind_annotate >/dev/null 2>&1; then
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" lookup 00:e0:fc:00:00:01 \
        >/dev/null 2>"$tmp/cg.err"
    callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null >"$tmp/cg.txt"
    echo
    echo "instructions of one lookup (callgrind, inclusive, millions):"
    python3 - "$tmp/cg.txt" <<'PY'
import re, sys
rows = {}
total = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S.*)$", line)
    if not m:
        continue
    n = int(m.group(1).replace(",", ""))
    what = m.group(2)
    if "PROGRAM TOTALS" in what:
        total = n
    fn = what.split(":")[-1].split(" ")[0]
    rows[fn] = max(rows.get(fn, 0), n)
stages = [
    ("whole run", None),
    ("dynamic loading (ld.so: _dl_start)", "_dl_start"),
    ("OUI registry: binary table", "vs_oui_table_load"),
    ("OUI registry: TSV parsed", "vs_oui_load_stream"),
    ("signatures, all", "vs_sigs_load"),
    ("  vendors.ini", "sigs_load_vendors"),
    ("  enterprises.tsv", "sigs_load_enterprises"),
    ("  rules", "sigs_load_rules"),
    ("    of which PCRE2 JIT", "pcre2_jit_compile_8"),
    ("  sysObjectID tables", "sigs_load_oid_dir"),
    ("  Recog map", "sigs_load_recog"),
    ("risk list", "vs_risk_load"),
]
for label, fn in stages:
    n = total if fn is None else rows.get(fn, 0)
    print(f"  {label:38s} {n / 1e6:8.1f}")
PY
fi
