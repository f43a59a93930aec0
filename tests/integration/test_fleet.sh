#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# diff and merge end to end over the project's captures: an audit (topo_site.pcap) and the
# same site audited later (topo_site_later.pcap: the server moved address, the phone is
# gone, a second ZTE ONT appeared). The diff's counts, per-rule risk counts and exit status
# (3: a new risk device); merge of two sensors' inventories: the union, per-sensor
# provenance, idempotent and associative; folders of inventories as a side.
# Env from ctest: VS_BIN, VS_SRC.
set -euo pipefail
: "${VS_BIN:?}" "${VS_SRC:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vs-fleet.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
caps=$VS_SRC/tests/captures
fail=0
check() { # what, command...
    local what=$1
    shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
jq_py() { python3 -c "$1" "${@:2}"; }

"$VS_BIN" -r "$caps/topo_site.pcap" --sensor east --inventory "$tmp/a.jsonl" --format none
"$VS_BIN" -r "$caps/topo_site_later.pcap" --sensor east --inventory "$tmp/b.jsonl" --format none
"$VS_BIN" -r "$caps/topo_site_later.pcap" --sensor west --inventory "$tmp/w.jsonl" --format none

# ---- diff ----------------------------------------------------------------------------
rc=0
"$VS_BIN" diff "$tmp/a.jsonl" "$tmp/b.jsonl" >"$tmp/diff.txt" || rc=$?
cat "$tmp/diff.txt"
check "diff: exit 3 when a new risk device appeared" test "$rc" -eq 3
check "diff: counts line" grep -q ': 6 -> 6 devices: 1 appeared, 1 disappeared, 1 changed, 4 unchanged' "$tmp/diff.txt"
check "diff: per-rule count" grep -q '^  zte (ZTE, high): 1 -> 2, 1 new, 0 gone' "$tmp/diff.txt"
check "diff: the new ONT first, as a risk" \
    bash -c "sed -n 4p '$tmp/diff.txt' | grep -q '^+ RISK high zte  d0:15:4a:7c:40:11'"
check "diff: the server changed address, not gone and new" \
    grep -q '^~ 14:18:77:4e:61:10 .*ips 10.10.0.50 -> 10.10.0.77' "$tmp/diff.txt"
check "diff: the phone is gone" grep -q '^- 64:16:7f:1a:2b:3c' "$tmp/diff.txt"

rc=0
"$VS_BIN" diff --format json "$tmp/a.jsonl" "$tmp/b.jsonl" >"$tmp/diff.jsonl" || rc=$?
check "diff --format json: exit 3" test "$rc" -eq 3
check "diff --format json: summary and one line per change" jq_py '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
s = lines[0]
assert s["event"] == "diff_summary", s
assert (s["appeared"], s["disappeared"], s["changed"], s["unchanged"], s["new_risk"]) == (1, 1, 1, 4, 1), s
assert {"rule": "zte", "vendor": "ZTE", "severity": "high", "old": 1, "new": 2, "appeared": 1, "gone": 0} in s["risk_rules"], s
ch = {l["change"]: l for l in lines[1:]}
assert sorted(ch) == ["appeared", "changed", "disappeared"], sorted(ch)
assert ch["changed"]["changes"]["ips"] == {"old": ["10.10.0.50"], "new": ["10.10.0.77"]}, ch["changed"]
assert ch["appeared"]["risk"]["rule"] == "zte"
' "$tmp/diff.jsonl"

rc=0
"$VS_BIN" diff "$tmp/b.jsonl" "$tmp/a.jsonl" >/dev/null || rc=$?
check "diff reversed: risk only went away: exit 0" test "$rc" -eq 0
rc=0
"$VS_BIN" diff "$tmp/a.jsonl" "$tmp/a.jsonl" >"$tmp/same.txt" || rc=$?
check "diff of an audit with itself: exit 0, nothing changed" \
    bash -c "test $rc -eq 0 && grep -q '0 appeared, 0 disappeared, 0 changed, 6 unchanged' '$tmp/same.txt'"
mkdir -p "$tmp/old" "$tmp/new"
cp "$tmp/a.jsonl" "$tmp/old/site1.jsonl"
cp "$tmp/b.jsonl" "$tmp/new/site1.jsonl"
rc=0
"$VS_BIN" diff "$tmp/old" "$tmp/new" >"$tmp/dirs.txt" || rc=$?
check "diff of folders: same answer" bash -c "test $rc -eq 3 && diff <(tail -n +2 '$tmp/diff.txt') <(tail -n +2 '$tmp/dirs.txt')"
printf 'not json\n' >"$tmp/bad.jsonl"
rc=0
"$VS_BIN" diff "$tmp/bad.jsonl" "$tmp/a.jsonl" 2>"$tmp/bad.err" >/dev/null || rc=$?
check "diff: a bad inventory is an input error naming file and line" \
    bash -c "test $rc -eq 1 && grep -q 'bad.jsonl:1:' '$tmp/bad.err'"

# ---- merge ---------------------------------------------------------------------------
"$VS_BIN" merge "$tmp/a.jsonl" "$tmp/w.jsonl" --inventory "$tmp/m.jsonl"
check "merge: the union of two sensors, with provenance" jq_py '
import json, sys
devs = {d["id"]: d for d in map(json.loads, open(sys.argv[1]))}
assert len(devs) == 7, sorted(devs)
ont = devs["d0:15:4a:7c:31:e9"]
assert [s["name"] for s in ont["sensors"]] == ["east", "west"], ont["sensors"]
assert ont["sensor"] == "merged" and ont["packets"] == sum(s["packets"] for s in ont["sensors"])
assert devs["64:16:7f:1a:2b:3c"]["sensor"] == "east"
assert devs["d0:15:4a:7c:40:11"]["sensor"] == "west"
srv = devs["14:18:77:4e:61:10"]
assert srv["ips"] == ["10.10.0.50", "10.10.0.77"], srv["ips"]
assert ont["attached"]["port"] == "GigabitEthernet1/0/7"
' "$tmp/m.jsonl"
"$VS_BIN" merge "$tmp/m.jsonl" >"$tmp/mm.jsonl"
check "merge: idempotent" cmp -s "$tmp/m.jsonl" "$tmp/mm.jsonl"
"$VS_BIN" merge "$tmp/m.jsonl" "$tmp/m.jsonl" >"$tmp/m2.jsonl"
check "merge: merging a merge with itself changes nothing" cmp -s "$tmp/m.jsonl" "$tmp/m2.jsonl"
"$VS_BIN" -r "$caps/vlan.pcap" --sensor north --inventory "$tmp/n.jsonl" --format none
"$VS_BIN" merge "$tmp/w.jsonl" "$tmp/n.jsonl" >"$tmp/wn.jsonl"
"$VS_BIN" merge "$tmp/m.jsonl" "$tmp/n.jsonl" >"$tmp/left.jsonl"
"$VS_BIN" merge "$tmp/a.jsonl" "$tmp/wn.jsonl" >"$tmp/right.jsonl"
check "merge: associative ((a w) n == a (w n))" cmp -s "$tmp/left.jsonl" "$tmp/right.jsonl"
rc=0
"$VS_BIN" diff "$tmp/m.jsonl" "$tmp/left.jsonl" >/dev/null || rc=$?
check "diff of a site merge and the fleet merge: north's Huawei switch is a new risk (exit 3)" test "$rc" -eq 3

# --html: the same answer as a page to hand over; wire strings escaped there and on the
# terminal (a device named with markup and a terminal escape in the newer audit).
python3 - "$tmp/b.jsonl" "$tmp/bh.jsonl" <<'PY'
import json, sys
out = []
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["id"] == "d0:15:4a:7c:40:11":
        d["name"] = "\u001b[31m<img src=x onerror=alert(1)>"
    out.append(json.dumps(d, separators=(",", ":")))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
rc=0
"$VS_BIN" diff "$tmp/a.jsonl" "$tmp/bh.jsonl" --html "$tmp/diff.html" >"$tmp/diff-h.txt" || rc=$?
check "diff --html: exit 3 still (got $rc)" test "$rc" -eq 3
check "diff --html: the page names the new risk device" grep -q "d0:15:4a:7c:40:11" "$tmp/diff.html"
check "diff --html: the per-rule counts are on the page" grep -q "<td>zte</td><td>ZTE</td><td>high</td><td>1</td><td>2</td><td>1</td><td>0</td>" "$tmp/diff.html"
check "diff --html: markup from the wire is text, not markup" \
    bash -c "grep -q '&lt;img src=x onerror=alert(1)&gt;' '$tmp/diff.html' && ! grep -q '<img' '$tmp/diff.html'"
check "diff --html: loads nothing (CSP default-src 'none', no script)" \
    bash -c "grep -q \"default-src 'none'\" '$tmp/diff.html' && ! grep -qi '<script' '$tmp/diff.html'"
check "diff text: a terminal escape from the wire is shown, not sent" \
    bash -c "! grep -q \$'\\x1b' '$tmp/diff-h.txt' && grep -qF '\\x1b[31m' '$tmp/diff-h.txt'"

[[ $fail -eq 0 ]] && echo "test_fleet: all checks passed"
exit $fail
