#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Behaviour snapshot for refactors: run one vendorsniff binary over every capture in
# tests/captures and ../shared/corpus (when present) and keep its inventory, event stream
# and JSON stdout per capture. Two snapshots, one before and one after a change, must be
# byte-identical (tests/refactor/compare.sh).
#   tests/refactor/snapshot.sh BINARY OUTDIR
set -uo pipefail
bin=$(readlink -f "$1"); out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
caps=("$root"/tests/captures/*.pcap*)
corpus="$root/../shared/corpus"
if [[ -d $corpus ]]; then
    caps+=("$corpus"/pcap/* "$corpus"/malformed/*)
else
    echo "snapshot: ../shared/corpus absent; tests/captures only" >&2
fi
n=0
for c in "${caps[@]}"; do
    [[ -f $c ]] || continue
    name=$(basename "$(dirname "$c")")__$(basename "$c")
    "$bin" -r "$c" --sensor snap --format json --inventory "$out/$name.inv" \
        -w "$out/$name.events" >"$out/$name.stdout" 2>"$out/$name.stderr"
    echo $? >"$out/$name.rc"
    # What of a run is not deterministic: the summary line's elapsed time, and the stats
    # event of a run that read no packet (stamped with the wall clock, not 1970).
    sed -i -E 's/^(vendorsniff: summary: .* packets? in )[0-9.]+ s,/\1T s,/' "$out/$name.stderr"
    if ! grep -q '"packets":[1-9]' "$out/$name.events" 2>/dev/null; then
        sed -i -E 's/^(\{"event":"stats","ts":")[^"]*"/\1T"/' "$out/$name.events" "$out/$name.stdout"
    fi
    n=$((n + 1))
done
echo "snapshot: $n captures -> $out"
