#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Compressed captures and many files (docs/performance.md, "Compressed captures and
# directories"): the standard capture of bench/run.sh read plain and compressed with zstd
# (zstd -3), gzip (gzip -6), xz (xz -1) and lz4 (lz4 -1), the copies made once beside it
# (goals: zstd at most 1.5x and gzip at most 3x the plain time; xz and lz4 are watched),
# then the same capture as a directory of 8 compressed rotated pieces read with --jobs 1
# and --jobs 2 (goal: --jobs 2 faster). Wall time and CPU time (user + system), each the
# median of RUNS, and their ratios to the plain file (plain = 1.00) are printed: on a shared
# machine the CPU time is the steadier figure, the wall time is what the goals are about.
#   bench/compressed.sh [PACKETS] [DEVICES]     (defaults 2000000 5000; needs ./build)
# Environment: RUNS (default 3), BUILD (default build), BENCH_DIR (default /tmp/vs-bench),
# CODECS read (default "zstd gzip xz lz4"; bzip2 may be added), CODEC for the pieces
# (default zstd), PIECES=0 to skip the pieces.
set -euo pipefail
cd "$(dirname "$0")/.."
packets=${1:-2000000}
devices=${2:-5000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/vs-bench}
gen=${MKPCAP:-../shared/bench/mkpcap.py}
build=${BUILD:-build}
codec=${CODEC:-zstd}
codecs=(${CODECS:-zstd gzip xz lz4})
pieces_on=${PIECES:-1}
bin=$build/vendorsniff
[[ -x $bin ]] || { echo "bench: build first (scripts/setup.sh)" >&2; exit 1; }
for c in "${codecs[@]}" "$codec"; do
    command -v "$c" >/dev/null || { echo "bench: needs $c" >&2; exit 1; }
done
declare -A ext=([zstd]=zst [gzip]=gz [xz]=xz [lz4]=lz4 [bzip2]=bz2)
declare -A squeeze=([zstd]="zstd -q -3 -T1 -c" [gzip]="gzip -6 -c" [xz]="xz -1 -T1 -c"
                    [lz4]="lz4 -q -1 -c" [bzip2]="bzip2 -9 -c")
mkdir -p "$dir"
cap="$dir/${packets}-${devices}.pcap"
if [[ ! -s $cap ]]; then
    [[ -f $gen ]] || { echo "bench: $gen not found" >&2; exit 1; }
    echo "bench: generating $cap"
    /usr/bin/python3 "$gen" --packets "$packets" --devices "$devices" --seed 1 --out "$cap" >/dev/null
fi
for c in "${codecs[@]}"; do
    f="$cap.${ext[$c]}"
    [[ -s $f ]] || { echo "bench: making $f"; ${squeeze[$c]} "$cap" >"$f.tmp" && mv "$f.tmp" "$f"; }
done
pieces="$dir/${packets}-${devices}.pieces.$codec"
if [[ $pieces_on != 0 && ! -d $pieces ]]; then
    mkdir -p "$pieces.tmp"
    # 8 rotated pieces of equal packet counts, named so that name order is not time order.
    /usr/bin/python3 - "$cap" "$pieces.tmp" "$packets" <<'PY'
import struct, sys
src, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
per = (total + 7) // 8
names = ["h", "c", "f", "a", "g", "b", "e", "d"]
with open(src, "rb") as f:
    hdr = f.read(24)
    endian = "<" if hdr[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    for k in range(8):
        with open("%s/%s.pcap" % (out, names[k]), "wb") as o:
            o.write(hdr)
            for _ in range(per):
                rh = f.read(16)
                if len(rh) < 16:
                    break
                incl = struct.unpack(endian + "I", rh[8:12])[0]
                o.write(rh + f.read(incl))
PY
    for p in "$pieces.tmp"/*.pcap; do "$codec" -q -c "$p" >"${p%.pcap}.cap"; rm "$p"; done
    mv "$pieces.tmp" "$pieces"
fi
for c in "${codecs[@]}"; do cat "$cap.${ext[$c]}"; done >/dev/null # page cache
cat "$cap" >/dev/null
[[ $pieces_on == 0 ]] || cat "$pieces"/* >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# one run: "wall cpu" in seconds
timeit() {
    local s e t
    t=$(mktemp)
    s=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$t" "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    awk -v s="$s" -v e="$e" '{ printf "%.3f %.3f\n", e - s, $1 + $2 }' "$t"
    rm -f "$t"
}
declare -A wall cpu
measure() { # NAME ARGS...
    local name=$1 i w=() c=()
    shift
    for ((i = 0; i < runs; i++)); do
        read -r a b < <(timeit "$bin" --format none --no-progress "$@")
        w+=("$a")
        c+=("$b")
    done
    wall[$name]=$(printf '%s\n' "${w[@]}" | median)
    cpu[$name]=$(printf '%s\n' "${c[@]}" | median)
}
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
measure plain -r "$cap"
for c in "${codecs[@]}"; do measure "$c" -r "$cap.${ext[$c]}"; done
if [[ $pieces_on != 0 ]]; then
    measure j1 -r "$pieces" --jobs 1
    measure j2 -r "$pieces" --jobs 2
fi
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
printf 'date           %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf 'machine        %s cores, load average %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
sizes="plain $(mb "$cap")"
for c in "${codecs[@]}"; do sizes+=", $c $(mb "$cap.${ext[$c]}")"; done
printf 'capture        %s (%s packets, %s devices; %s)\n' "$cap" "$packets" "$devices" "$sizes"
printf '%-14s %8s %8s %12s %12s\n' "" "wall s" "cpu s" "wall ratio" "cpu ratio"
for n in plain "${codecs[@]}"; do
    printf '%-14s %8s %8s %11sx %11sx\n' "$n" "${wall[$n]}" "${cpu[$n]}" \
        "$(calc "${wall[$n]}/${wall[plain]}")" "$(calc "${cpu[$n]}/${cpu[plain]}")"
done
printf 'goals          zstd at most 1.5x, gzip at most 3x the plain wall time\n'
# On a busy machine the wall time says little about two threads; the busiest thread's CPU
# time is what the wall time comes to when the cores are free (perf task-clock samples).
if command -v perf >/dev/null; then
    busiest() { # ARGS...: CPU ms of each thread, busiest first
        local d
        d=$(mktemp)
        perf record -q -F 1000 -e task-clock -o "$d" "$bin" --format none --no-progress "$@" \
            >/dev/null 2>&1
        perf report -i "$d" -s pid --stdio -n 2>/dev/null | awk '/%/ { print $2 }' | sort -rn | tr '\n' ' '
        rm -f "$d"
    }
    base=$(busiest -r "$cap")
    printf '%-14s per-thread CPU ms (busiest first): %s\n' plain "$base"
    for n in "${codecs[@]}"; do
        t=$(busiest -r "$cap.${ext[$n]}")
        t=${t% }
        printf '%-14s per-thread CPU ms (busiest first): %s (busiest %sx plain)\n' "$n" "$t" \
            "$(calc "${t%% *}/${base%% *}")"
    done
    [[ $pieces_on == 0 ]] ||
        printf '%-14s per-thread CPU ms (busiest first): %s\n' "pieces -j2" "$(busiest -r "$pieces" --jobs 2)"
fi
[[ $pieces_on == 0 ]] ||
    printf '8 %s pieces  --jobs 1 %s s wall (%s s cpu), --jobs 2 %s s wall (%s s cpu): %sx faster\n' \
        "$codec" "${wall[j1]}" "${cpu[j1]}" "${wall[j2]}" "${cpu[j2]}" "$(calc "${wall[j1]}/${wall[j2]}")"
