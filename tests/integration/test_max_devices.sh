#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# --max-devices: memory stays bounded on a wire with many MACs. A capture of 3 risk
# devices (seen first, so the least recently seen) and 2000 hosts with distinct MACs,
# run with --max-devices 100: at most 100 devices kept, evictions counted in the stats
# event, the risk devices that spoke for themselves (LLDP) never evicted (and alerted
# once), the one known by its OUI alone evicted like any OUI-only host (a spoofed MAC says
# as much), the most recent hosts kept.
source "$(dirname "$0")/lib/common.sh"

N=2000
mkpcap many "$T/many.pcap" $N
mkpcap many "$T/same-ts.pcap" $N --same-ts

run() { # NAME CAPTURE [options]
    local name=$1 cap=$2
    shift 2
    timeout 120 "$VS_BIN" -r "$cap" --format none --sensor t --inventory "$T/$name.inv" \
        -w "$T/$name.events" "$@" 2>"$T/$name.err"
    RC=$?
}

run capped "$T/many.pcap" --max-devices 100
check "exit 0 (got $RC)" test $RC -eq 0
n=$(wc -l <"$T/capped.inv")
check "inventory holds at most 100 devices ($n)" test "$n" -le 100 -a "$n" -gt 50
ev=$("$PY" "$LIB/jq.py" stats "$T/capped.events" evictions)
check "stats event counts evictions ($ev)" test "${ev:-0}" -gt 0
check "evictions + devices kept = devices seen ($ev + $n = $((N + 3)))" test $((ev + n)) -eq $((N + 3))
check "stats devices = inventory lines" test "$("$PY" "$LIB/jq.py" stats "$T/capped.events" devices)" = "$n"
for id in 00:e0:fc:11:22:33 00:19:c6:44:55:66; do
    check "risk device $id (LLDP) kept although least recently seen" grep -q "\"id\":\"$id\".*\"risk\":{" "$T/capped.inv"
done
check "risk device known by its OUI alone (c0:56:e3:01:02:03) evicted first" \
    bash -c "! grep -q '\"id\":\"c0:56:e3:01:02:03\"' '$T/capped.inv'"
check "each risk device alerted exactly once" test "$(count_events "$T/capped.events" alert)" -eq 3
last=$(printf '00:1b:21:%02x:%02x:%02x' $(((N - 1) >> 16 & 255)) $(((N - 1) >> 8 & 255)) $(((N - 1) & 255)))
check "the most recently seen host ($last) is kept" grep -q "\"id\":\"$last\"" "$T/capped.inv"
check "the oldest host (00:1b:21:00:00:00) is evicted" bash -c "! grep -q '\"id\":\"00:1b:21:00:00:00\"' '$T/capped.inv'"

# The same capture without the cap keeps everything and evicts nothing: the cap, not the
# capture, made the difference above.
run uncapped "$T/many.pcap"
check "without --max-devices: all $((N + 3)) devices kept" test "$(wc -l <"$T/uncapped.inv")" -eq $((N + 3))
check "without --max-devices: no eviction" test "$("$PY" "$LIB/jq.py" stats "$T/uncapped.events" evictions)" = 0

# Every frame with the same timestamp (eviction order falls back to arrival), and with a
# state file: still bounded, still no crash, the state saved holds the same devices.
run samets "$T/same-ts.pcap" --max-devices 100 --state "$T/samets.state"
check "same timestamps: exit 0 (got $RC)" test $RC -eq 0
check "same timestamps: at most 100 devices" test "$(wc -l <"$T/samets.inv")" -le 100
check "same timestamps: risk devices kept" \
    test "$(grep -c '"risk":{' "$T/samets.inv")" -eq 3
check "same timestamps: state holds the kept devices" \
    test "$("$PY" "$LIB/jq.py" state "$T/samets.state" | wc -l)" -eq "$(wc -l <"$T/samets.inv")"
# Restoring a state larger than the cap respects the cap too.
run mkstate "$T/many.pcap" --state "$T/big.state"
run restore "$T/same-ts.pcap" --max-devices 100 --state "$T/big.state"
check "restoring a state of $((N + 3)) devices under --max-devices 100: exit 0 (got $RC)" test $RC -eq 0
check "restoring a big state: at most 100 devices" test "$(wc -l <"$T/restore.inv")" -le 100
# (The OUI-only risk device was evicted with its alert history, so its return is news.)
kept=$(grep -c '"id":"00:e0:fc:11:22:33".*"risk":{\|"id":"00:19:c6:44:55:66".*"risk":{' "$T/restore.inv")
again=$(grep '"event":"alert"' "$T/restore.events" | grep -c '00:e0:fc:11:22:33\|00:19:c6:44:55:66')
check "restoring a big state: evidence-bearing risk devices kept ($kept), not alerted again ($again)" \
    test "$kept $again" = "2 0"

# At the cap, with every frame at the same time (the frame's own sender is then among the
# least recently seen), frames whose evidence names other MACs (SNMPv3 engine IDs in MAC
# format) and IP hosts: evictions in the middle of a frame must not pull a device from
# under the frame being processed (ASan in CI), nor lose the frame's evidence.
mkpcap snmp-churn "$T/churn.pcap" 100
run churn "$T/churn.pcap" --max-devices 100
check "evictions mid-frame at the cap: exit 0 (got $RC)" test $RC -eq 0
check "evictions mid-frame at the cap: still at most 100 devices" \
    test "$(wc -l <"$T/churn.inv")" -le 100
check "evictions mid-frame at the cap: the SNMP evidence is kept" \
    grep -q '"source":"snmp","field":"engine_id","value":"80001f880302ee0000003' "$T/churn.inv"

check "bad --max-devices: usage error" \
    bash -c "'$VS_BIN' -r '$T/many.pcap' --max-devices 0 2>&1 >/dev/null | grep -q 'max-devices needs a number'"
clean_stderr "$T"/*.err || bad "sanitizer report in $(grep -lE 'Sanitizer|runtime error:' "$T"/*.err)"
finish
