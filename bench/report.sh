#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Time the audit deliverables on a large inventory: a capture with DEVICES devices from
# ../shared/bench/mkpcap.py is read once into an inventory; then `vendorsniff report` turns
# that inventory into the HTML report and the CSV (median of RUNS), and headless Chromium
# opens the report and takes a screenshot (the file must be one a browser opens).
#   bench/report.sh [DEVICES] [PACKETS]     (defaults 100000 400000; needs a build in ./build)
# Environment: RUNS (default 3), BUILD (default build), BENCH_DIR (default /tmp/vs-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
devices=${1:-100000}
packets=${2:-400000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/vs-bench}
gen=${MKPCAP:-../shared/bench/mkpcap.py}
build=${BUILD:-build}
bin=$build/vendorsniff
[[ -x $bin ]] || { echo "bench: build first (scripts/setup.sh)" >&2; exit 1; }
[[ -f $gen ]] || { echo "bench: $gen not found" >&2; exit 1; }
mkdir -p "$dir"
cap="$dir/${packets}-${devices}.pcap"
inv="$dir/${packets}-${devices}.inventory.jsonl"
if [[ ! -s $cap ]]; then
    echo "bench: generating $cap"
    /usr/bin/python3 "$gen" --packets "$packets" --devices "$devices" --seed 1 --out "$cap" >/dev/null
fi
[[ -s $inv ]] || "$bin" -r "$cap" -q --sensor bench --inventory "$inv"
echo "bench: $(wc -l <"$inv") devices in the inventory"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timeit() {
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", e - s }'
}
out="$dir/report"
declare -a tl tr
for ((i = 0; i < runs; i++)); do
    # Loading the inventory alone (text report to /dev/null is cheap next to it) ...
    tl+=("$(timeit "$bin" report "$inv" --format none)")
    # ... and loading plus both files.
    tr+=("$(timeit "$bin" report "$inv" --html "$out.html" --csv "$out.csv")")
done
load=$(printf '%s\n' "${tl[@]}" | median)
total=$(printf '%s\n' "${tr[@]}" | median)
echo "bench: report from the inventory: load ${load} s, load + HTML + CSV ${total} s" \
     "(writing: $(awk "BEGIN { printf \"%.3f\", $total - $load }") s)"
echo "bench: HTML $(du -h "$out.html" | cut -f1), CSV $(du -h "$out.csv" | cut -f1)"
if command -v chromium >/dev/null; then
    s=$(date +%s.%N)
    timeout 300 chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d)" --screenshot="$out.png" --window-size=1280,2000 \
        "file://$(realpath "$out.html")" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    echo "bench: Chromium opened it and took a screenshot in" \
         "$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f", e - s }') s ($out.png)"
fi
