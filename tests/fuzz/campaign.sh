#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Fuzzing campaign: run each libFuzzer target for SECONDS on a copy of its seed corpus
# and print one Markdown table row per target (executions, coverage, corpus, findings).
#   CC=clang cmake -S . -B build-fuzz -DVS_FUZZ=ON -DVS_SANITIZE=ON && cmake --build build-fuzz
#   tests/fuzz/campaign.sh build-fuzz 600 lldp cdp ...     (default: every target)
# Crashes are kept in $OUT/<target>/ (default /tmp/vs-fuzz); copy a fixed one's reproducer
# into tests/fuzz/regress/<target>/. JOBS targets run at once (default 2).
set -u
build=${1:?build dir}
secs=${2:-600}
shift 2 || true
src=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/vs-fuzz}
jobs=${JOBS:-2}
targets=("$@")
if ((${#targets[@]} == 0)); then
    for f in "$src"/fuzz_*.c; do t=$(basename "$f" .c); targets+=("${t#fuzz_}"); done
fi
mkdir -p "$out"
run_one() {
    local t=$1 dir="$out/$1"
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    cp "$src/corpus/$t/"* "$dir/corpus/" 2>/dev/null
    cp "$src/regress/$t/"* "$dir/corpus/" 2>/dev/null
    local seeds
    seeds=$(ls "$dir/corpus" | wc -l)
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
        "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$dir/artifacts/" "$dir/corpus" \
        >"$dir/log" 2>&1
    local execs cov ft corp crashes
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | grep -o '[0-9]*')
    ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | grep -o '[0-9]*')
    corp=$(ls "$dir/corpus" | wc -l)
    crashes=$(ls "$dir/artifacts" | wc -l)
    printf '| %s | %s s | %s | %s | %s | %s -> %s | %s |\n' "$t" "$secs" "${execs:-?}" "${cov:-?}" \
        "${ft:-?}" "$seeds" "$corp" "$crashes" >"$dir/row"
}
running=0
for t in "${targets[@]}"; do
    [[ -x $build/tests/fuzz/fuzz_$t ]] || { echo "no fuzz_$t in $build" >&2; continue; }
    run_one "$t" &
    running=$((running + 1))
    if ((running >= jobs)); then wait -n; running=$((running - 1)); fi
done
wait
echo "| target | time | executions | edges | features | corpus | crashes |"
echo "|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do cat "$out/$t/row" 2>/dev/null; done
