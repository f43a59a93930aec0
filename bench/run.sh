#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Time vendorsniff against the bare libpcap loop (bench/pcapcount -m 1) on one capture
# from ../shared/bench/mkpcap.py, in one run, and print the ratio and peak memory; then one
# run that also writes the inventory, checked against the generator's truth.
#   bench/run.sh [PACKETS] [DEVICES]     (defaults 2000000 5000; needs a build in ./build)
# Environment: RUNS (default 5), BUILD (default build), BENCH_DIR for the capture (default
# /tmp/vs-bench; it is kept and reused).
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-2000000}
devices=${2:-5000}
runs=${RUNS:-5}
dir=${BENCH_DIR:-/tmp/vs-bench}
gen=${MKPCAP:-../shared/bench/mkpcap.py}
build=${BUILD:-build}
bin=$build/vendorsniff
base=$build/bench/pcapcount
[[ -x $bin && -x $base ]] || { echo "bench: build first (scripts/setup.sh)" >&2; exit 1; }
[[ -f $gen ]] || { echo "bench: $gen not found" >&2; exit 1; }
[[ -d /usr/share/ieee-data ]] || { echo "bench: mkpcap.py needs Debian's ieee-data package" >&2; exit 1; }
mkdir -p "$dir"
cap="$dir/${packets}-${devices}.pcap"
if [[ ! -s $cap ]]; then
    echo "bench: generating $cap"
    /usr/bin/python3 "$gen" --packets "$packets" --devices "$devices" --seed 1 --out "$cap" \
        --truth "$dir/${packets}-${devices}.devices.csv" >/dev/null
fi
cat "$cap" >/dev/null # page cache

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timeit() { # prints wall seconds of one run
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'
}
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
declare -a tb tv
for ((i = 0; i < runs; i++)); do
    tb+=("$(timeit "$base" -m 1 "$cap")")
    tv+=("$(timeit "$bin" -r "$cap" --format none)")
done
ti=$(timeit "$bin" -r "$cap" --format none --inventory "$dir/inv.jsonl")
mb=$(printf '%s\n' "${tb[@]}" | median)
mv=$(printf '%s\n' "${tv[@]}" | median)
rss_b=$( { /usr/bin/time -f '%M' "$base" -m 1 "$cap" >/dev/null; } 2>&1 | tail -1)
rss_v=$( { /usr/bin/time -f '%M' "$bin" -r "$cap" --format none >/dev/null; } 2>&1 | tail -1)
size=$(stat -c %s "$cap")
devs=$(wc -l <"$dir/inv.jsonl")
printf 'capture        %s (%s packets, %s devices, %s MB)\n' "$cap" "$packets" "$devices" "$(calc "$size/1000000")"
printf 'pcapcount -m1  median %s s  %s Mpps  peak RSS %d MB\n' "$mb" "$(calc "$packets/$mb/1000000")" $((rss_b / 1024))
printf 'vendorsniff    median %s s  %s Mpps  peak RSS %d MB  (%s devices in the inventory)\n' "$mv" "$(calc "$packets/$mv/1000000")" $((rss_v / 1024)) "$devs"
printf 'ratio          %s x the bare libpcap loop (goal: at most 1.5)\n' "$(calc "$mv/$mb")"
printf 'with --inventory  %s s (the run plus writing %s device lines)\n' "$ti" "$devs"
if [[ -s "$dir/${packets}-${devices}.devices.csv" ]]; then
    python3 bench/accuracy.py "$dir/${packets}-${devices}.devices.csv" "$dir/inv.jsonl" | head -4
fi
