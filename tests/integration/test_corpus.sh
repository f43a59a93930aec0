#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Every capture of ../shared/corpus (pcap/ and malformed/) through the binary: a normal
# exit (0, or 1 with a one-line message for a file libpcap cannot read), no sanitizer
# report, and a valid inventory. Then the interop agreement with tshark's facts.
# Skipped (77) when the corpus is absent.
set -u
corpus=${VS_CORPUS:-$VS_SRC/../shared/corpus}
[[ -d $corpus/pcap ]] || { echo "test_corpus: SKIPPED: ../shared/corpus not found at $corpus"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
n=0
for f in "$corpus"/pcap/* "$corpus"/malformed/*; do
    base=$(basename "$f")
    n=$((n + 1))
    "$VS_BIN" -r "$f" --format none --sensor test --inventory "$out/$base.jsonl" -w "$out/$base.events" \
        2>"$out/$base.err"
    rc=$?
    if grep -qE "AddressSanitizer|runtime error|LeakSanitizer" "$out/$base.err"; then
        echo "FAIL $base: sanitizer report"; cat "$out/$base.err"; fail=1; continue
    fi
    if [[ $rc -ne 0 && $rc -ne 1 ]]; then
        echo "FAIL $base: exit status $rc"; cat "$out/$base.err"; fail=1; continue
    fi
    # One line for the bad file; the final summary line follows every run.
    if [[ $rc -eq 1 && $(grep -vc '^vendorsniff: summary: ' "$out/$base.err") -ne 1 ]]; then
        echo "FAIL $base: exit 1 without exactly one line on stderr"; cat "$out/$base.err"; fail=1; continue
    fi
    if ! python3 - "$out/$base.jsonl" "$out/$base.events" <<'PY'
import json, sys
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        o = json.loads(line)
        assert o["event"] in ("device", "alert", "stats"), o["event"]
        assert "ts" in o and "sensor" in o
PY
    then
        echo "FAIL $base: inventory or events not valid JSON Lines"; fail=1; continue
    fi
    grep -q '"event":"stats"' "$out/$base.events" || { echo "FAIL $base: no stats event"; fail=1; }
done
echo "corpus: $n captures read"
mkdir -p "$out/inv"
for f in "$out"/*.jsonl; do cp "$f" "$out/inv/$(basename "$f" .jsonl | sed 's/\.jsonl$//')"; done
for f in "$out"/inv/*; do mv "$f" "$f.jsonl" 2>/dev/null; done
python3 "$VS_SRC/tests/integration/interop.py" "$corpus" "$out/inv" \
    --require lldp,cdp:0.99 --require snmp,ssh,http,sip,dhcp:0.99 || fail=1
exit $fail
