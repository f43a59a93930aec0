#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Every row of the performance table in one run (docs/performance.md): on captures from
# ../shared/bench/mkpcap.py, the bare libpcap loop (pcapcount -m 1), the floor for any file
# reader (pcapcount -x -m 1: a walk of the memory-mapped file), the floor plus a per-MAC
# hash table (pcapcount -x -m 3) and vendorsniff --format none, as ratios to the floor; the
# largest capture again with --inventory (and the write's own throughput), its peak RSS,
# start-up to the first packet (lookup, every shipped signature loaded), the live rows
# (bench/live.sh: a slice of the first capture replayed over a veth with --workers 1 and 2;
# root, ip and tcpreplay needed), and the accuracy of each inventory against the
# generator's truth.
#   bench/run.sh [PACKETS [DEVICES...]]   (defaults 2000000 and 5000 100000 1000000)
# Environment: RUNS (default 5), BUILD (default build), VS (the binary, default
# $BUILD/vendorsniff), BENCH_DIR for the captures (default
# /tmp/vs-bench; kept and reused), MKPCAP (the generator), LIVE_PACKETS (the live slice,
# default 400000), WALL=1 for wall-clock instead
# of CPU time. Timings are medians of RUNS after one warm-up, the file in the page cache.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-2000000}
shift || true
devices=("$@")
[[ ${#devices[@]} -gt 0 ]] || devices=(5000 100000 1000000)
runs=${RUNS:-5}
dir=${BENCH_DIR:-/tmp/vs-bench}
gen=${MKPCAP:-../shared/bench/mkpcap.py}
build=${BUILD:-build}
bin=${VS:-$build/vendorsniff}
base=$build/bench/pcapcount
[[ -x $bin && -x $base ]] || { echo "bench: build first (scripts/setup.sh)" >&2; exit 1; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Median CPU seconds (user + system) of a command, stdout and stderr discarded. CPU time,
# not wall time: on a shared machine the wall clock mostly measures the other tenants (with
# the load at 14 on 2 cores, a 0.35 s CPU run takes 2.5 s of wall time). WALL=1 times wall
# clock instead, for an idle machine.
timeit() {
    local i
    for ((i = 0; i <= runs; i++)); do # the first run warms up and is dropped
        /usr/bin/time -o "$tmp/t" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
        ((i)) || continue
        if [[ ${WALL:-0} = 1 ]]; then
            awk '{ printf "%.4f\n", $1 }' "$tmp/t"
        else
            awk '{ printf "%.4f\n", $2 + $3 }' "$tmp/t"
        fi
    done | median
}

echo "# $(date -u +%Y-%m-%d) $(uname -m), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), medians of $runs runs, $([[ ${WALL:-0} = 1 ]] && echo wall-clock || echo 'CPU time (user+sys)')"
echo
echo "| case | libpcap loop | floor (mmap walk) | floor + per-MAC hash | vendorsniff | floor s |"
echo "|---|---|---|---|---|---|"
last=""
for n in "${devices[@]}"; do
    cap="$dir/${packets}-${n}.pcap"
    if [[ ! -s $cap ]]; then
        [[ -f $gen ]] || { echo "bench: $gen not found (needs Debian's ieee-data)" >&2; exit 1; }
        /usr/bin/python3 "$gen" --packets "$packets" --devices "$n" --seed 1 --out "$cap" \
            --truth "$dir/${packets}-${n}.devices.csv" >/dev/null
    fi
    cat "$cap" >/dev/null # page cache
    t_pcap=$(timeit "$base" -m 1 "$cap")
    t_floor=$(timeit "$base" -x -m 1 "$cap")
    t_hash=$(timeit "$base" -x -m 3 "$cap")
    t_vs=$(timeit "$bin" -r "$cap" --format none)
    printf '| %s devices, `--format none` | %sx | 1.00 | %sx | **%sx** | %s |\n' "$n" \
        "$(calc "$t_pcap/$t_floor")" "$(calc "$t_hash/$t_floor")" "$(calc "$t_vs/$t_floor")" "$t_floor"
    "$bin" -r "$cap" --format none --inventory "$tmp/inv-$n.jsonl" >/dev/null 2>&1
    last=$n
    eval "floor_$n=$t_floor vs_$n=$t_vs"
done

cap="$dir/${packets}-${last}.pcap"
eval "t_floor=\$floor_$last t_vs=\$vs_$last"
t_inv=$(timeit "$bin" -r "$cap" --format none --inventory "$tmp/inv.jsonl")
size=$(stat -c %s "$tmp/inv.jsonl")
write=$(awk -v a="$t_inv" -v b="$t_vs" 'BEGIN { print a - b }')
rate=$(awk -v s="$size" -v w="$write" 'BEGIN { if (w > 0) printf "%.2f GB/s", s / w / 1e9; else print "n/a" }')
printf '| %s devices, with `--inventory` | | | | **%sx** (%s s; the write %s s for %s MB, %s) | |\n' "$last" \
    "$(calc "$t_inv/$t_floor")" "$t_inv" "$(calc "$write")" "$(calc "$size/1e6")" "$rate"
/usr/bin/time -o "$tmp/t" -f '%M' "$bin" -r "$cap" --format none >/dev/null 2>&1
rss=$(tail -1 "$tmp/t")
printf '| peak RSS at %s devices | | | | **%s MiB** (%s B per device) | |\n' "$last" \
    "$((rss / 1024))" "$((rss * 1024 / last))"
# Start-up is too short for time(1)'s 10 ms ticks: hyperfine's mean CPU time over 30 runs.
if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r 30 --export-json "$tmp/h.json" "$bin lookup 00:e0:fc:12:34:56" >/dev/null 2>&1
    t_start=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f" % (r["user"] + r["system"]) if sys.argv[2] != "1" else "%.4f" % r["median"])' "$tmp/h.json" "${WALL:-0}")
else
    t_start=$(timeit "$bin" lookup 00:e0:fc:12:34:56)
fi
printf '| start-up to first packet (`lookup`), every shipped signature loaded | | | | **%s ms** | |\n' \
    "$(calc "$t_start*1000")"
# The live rows: a slice of the first capture over a veth (root, ip and tcpreplay; otherwise
# one row saying what is missing).
bash bench/live.sh "$dir/${packets}-${devices[0]}.pcap" "${LIVE_PACKETS:-400000}"

echo
for n in "${devices[@]}"; do
    truth="$dir/${packets}-${n}.devices.csv"
    if [[ -s $truth && -s $tmp/inv-$n.jsonl ]]; then
        echo "accuracy, $n devices:"
        python3 bench/accuracy.py "$truth" "$tmp/inv-$n.jsonl" | head -4 | sed 's/^/  /'
    fi
done
