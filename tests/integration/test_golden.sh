#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Golden inventories: for every capture in tests/captures (and samples/sample.pcap), the
# --inventory file vendorsniff writes (--sensor golden) must equal
# tests/captures/expected/<capture name without extension>.jsonl byte for byte. Any change in
# attribution, evidence, keying or JSON shape shows up here as a readable diff, to be
# reviewed and then accepted with
#     VS_GOLDEN_UPDATE=1 ctest -R test_golden     (or: VS_GOLDEN_UPDATE=1 bash test_golden.sh)
# which rewrites the expected files (review them with git diff before committing).
# Env from ctest: VS_BIN, VS_SRC.
set -euo pipefail
: "${VS_BIN:?VS_BIN must name the vendorsniff binary}"
: "${VS_SRC:?VS_SRC must name the source root}"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=$(command -v python3 || true)

expected=$VS_SRC/tests/captures/expected
update=${VS_GOLDEN_UPDATE:-0}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vs-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# One JSON object a line -> indented, one key a line, so that a diff points at the field.
pretty() {
    if [[ -n $PY ]]; then
        "$PY" -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8", errors="replace"), 1):
    line = line.rstrip("\n")
    try:
        o = json.loads(line)
    except ValueError:
        print("line %d (not JSON): %s" % (n, line)); continue
    print("---- device %s" % o.get("id"))
    print(json.dumps(o, indent=1, ensure_ascii=False))
' "$1"
    else
        cat "$1"
    fi
}

mkdir -p "$expected"
caps=("$VS_SRC"/tests/captures/*.pcap "$VS_SRC"/tests/captures/*.pcapng "$VS_SRC"/samples/sample.pcap)
fail=0
n=0
declare -A want_files=()
for cap in "${caps[@]}"; do
    [[ -f $cap ]] || continue
    base=$(basename "$cap")
    name=${base%.*}
    want=$expected/$name.jsonl
    got=$tmp/$name.jsonl
    want_files[$name.jsonl]=1
    n=$((n + 1))
    rc=0
    timeout 60 "$VS_BIN" -r "$cap" --sensor golden --inventory "$got" --format none \
        2>"$tmp/$name.err" || rc=$?
    # Bad input exits 1 (and still writes an, empty, inventory); anything else is a failure.
    if [[ $rc -ne 0 && $rc -ne 1 ]]; then
        echo "FAIL $base: exit status $rc"
        cat "$tmp/$name.err"
        fail=1
        continue
    fi
    if [[ ! -f $got ]]; then
        echo "FAIL $base: no inventory written"
        fail=1
        continue
    fi
    if [[ $update == 1 ]]; then
        if ! cmp -s "$got" "$want"; then
            cp "$got" "$want"
            echo "updated $want"
        fi
        continue
    fi
    if [[ ! -f $want ]]; then
        echo "FAIL $base: no expected file $want (VS_GOLDEN_UPDATE=1 writes it)"
        fail=1
        continue
    fi
    if cmp -s "$got" "$want"; then
        echo "ok   $base"
    else
        echo "FAIL $base: inventory differs from $want"
        diff -u --label "expected/$name.jsonl" --label "got" <(pretty "$want") <(pretty "$got") |
            head -n 200 || true
        fail=1
    fi
done
# An expected file whose capture is gone is stale.
for f in "$expected"/*.jsonl; do
    [[ -f $f ]] || continue
    b=$(basename "$f")
    if [[ -z ${want_files[$b]:-} ]]; then
        if [[ $update == 1 ]]; then
            rm -f "$f"
            echo "removed stale $f"
        else
            echo "FAIL $b: expected file without a capture"
            fail=1
        fi
    fi
done
if [[ $n -lt 40 ]]; then
    echo "FAIL only $n captures found under $VS_SRC (expected 40 or more)"
    fail=1
fi
if [[ $fail -ne 0 ]]; then
    echo "test_golden: FAILED (a reviewed change is accepted with VS_GOLDEN_UPDATE=1)"
    exit 1
fi
echo "test_golden: $n captures match their golden inventories"
