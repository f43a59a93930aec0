#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# startup.sh - start-up cost: `vendorsniff lookup 00:e0:fc:00:00:01` from start to exit
# (OUI registry, vendors.ini, enterprises.tsv, rules and the Recog map loaded), with the
# shipped signatures and with a copy that has no Recog map; then the first match of a
# sysDescr with and without Recog (its file parsed and patterns compiled on first use).
# Usage: bench/startup.sh [BUILD_DIR] [RUNS]. Uses hyperfine when present, else a loop.
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
