#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# --state: the inventory and the alert history survive a restart.
#   1. two offline runs: the second raises no alert again for the same device, rule and
#      attribution, and restores the devices (first_seen kept, even for a device the
#      second capture no longer shows); a rule added to the risk list alerts once;
#   2. a corrupt, truncated, empty or foreign state file: a clear message, the file kept
#      aside as PATH.corrupt-N (content intact, never overwritten), a fresh start, exit 0;
#   3. kill -9 of a live run with --state-interval 1 loses at most one interval: the state
#      file exists, parses, and a restart from it raises no alert again (needs root).
source "$(dirname "$0")/lib/common.sh"

T0=1714557600 # 2024-05-01T10:00:00Z, the time of the first capture
mkpcap lan "$T/day1.pcap" --t0 $T0
mkpcap lan "$T/day2.pcap" --t0 $((T0 + 86400)) --without intel
mkpcap empty "$T/empty.pcap"

vs() { # vs NAME ARGS...: offline run, stderr to $T/NAME.err, exit status in $RC
    local name=$1
    shift
    timeout 60 "$VS_BIN" --format none --sensor t "$@" 2>"$T/$name.err"
    RC=$?
}
field() { "$PY" "$LIB/jq.py" field "$@" 2>/dev/null; }

# ---- 1. two offline runs -----------------------------------------------------------------
S=$T/state.jsonl
vs run1 -r "$T/day1.pcap" --state "$S" -w "$T/e1.jsonl" --inventory "$T/i1.jsonl"
check "run 1: exit 0 (got $RC)" test $RC -eq 0
check "run 1: state file written and valid" "$PY" "$LIB/jq.py" state "$S" >/dev/null
a1=$(count_events "$T/e1.jsonl" alert)
check "run 1: alerts for Huawei, ZTE and Hikvision ($a1)" test "$a1" -eq 3
check "run 1: no temporary file left beside the state" bash -c "! ls '$S'.tmp* 2>/dev/null"

vs run2 -r "$T/day2.pcap" --state "$S" -w "$T/e2.jsonl" --inventory "$T/i2.jsonl"
check "run 2: exit 0 (got $RC)" test $RC -eq 0
check "run 2: no alert raised again" test "$(count_events "$T/e2.jsonl" alert)" -eq 0
check "run 2: nothing said on stderr but the final summary" \
    bash -c "[[ \$(wc -l <'$T/run2.err') -eq 1 ]] && grep -q '^vendorsniff: summary: ' '$T/run2.err'"
check "run 2: all 5 devices, the one absent from day 2 restored too" \
    test "$(wc -l <"$T/i2.jsonl")" -eq 5
check "run 2: Huawei first_seen kept from day 1" \
    test "$(field "$T/i2.jsonl" 00:e0:fc:11:22:33 first_seen)" = '"2024-05-01T10:00:00.002000Z"'
check "run 2: Huawei last_seen moved to day 2" \
    test "$(field "$T/i2.jsonl" 00:e0:fc:11:22:33 last_seen)" = '"2024-05-02T10:00:02.002000Z"'
check "run 2: Huawei packets add up over both runs (3 + 3)" \
    test "$(field "$T/i2.jsonl" 00:e0:fc:11:22:33 packets)" = 6
check "run 2: restored Intel host keeps its day-1 first_seen and packets" \
    test "$(field "$T/i2.jsonl" 00:1b:21:0a:0b:0c first_seen) $(field "$T/i2.jsonl" 00:1b:21:0a:0b:0c packets)" \
    = '"2024-05-01T10:00:00.003000Z" 3'
check "run 2: attribution restored (Huawei model from the restored LLDP evidence)" \
    test "$(field "$T/i2.jsonl" 00:e0:fc:11:22:33 model)" = '"CE6851-48S6Q-HI"'
check "run 2: stats counts no new alert" test "$("$PY" "$LIB/jq.py" stats "$T/e2.jsonl" alerts)" = 0

# A third run with a list that adds Cisco: exactly one alert, for the Cisco router, stamped
# with the state's time (not 1970).
{ cat "$VS_SRC/signatures/risk-list.ini"
  printf '\n[cisco-test]\nvendor = Cisco\nseverity = low\nreason = test rule\n'; } >"$T/risk3.ini"
vs run3 -r "$T/empty.pcap" --state "$S" --risk-list "$T/risk3.ini" -w "$T/e3.jsonl"
check "run 3: exit 0 (got $RC)" test $RC -eq 0
check "run 3: one alert, for the newly listed Cisco router" \
    test "$("$PY" "$LIB/jq.py" alerts "$T/e3.jsonl")" = "00:1b:54:aa:bb:cc Cisco cisco-test"
check "run 3: the alert carries the state's newest time" \
    grep -q '"event":"alert","ts":"2024-05-02T10:00:02' "$T/e3.jsonl"
vs run4 -r "$T/empty.pcap" --state "$S" --risk-list "$T/risk3.ini" -w "$T/e4.jsonl"
check "run 4: and not again" test "$(count_events "$T/e4.jsonl" alert)" -eq 0

# ---- 2. damaged state files ---------------------------------------------------------------
good=$T/good-state.jsonl
cp "$S" "$good"
damaged() { # NAME: the state file $T/NAME.state has been damaged; run and check
    local name=$1 st=$T/$1.state want=${2:-corrupt state file}
    cp "$st" "$T/$name.damaged"
    vs "$name" -r "$T/day1.pcap" --state "$st" -w "$T/$name.events"
    check "$name: exit 0 (a warning, the run goes on) (got $RC)" test $RC -eq 0
    check "$name: one clear line naming the file and what happened" \
        bash -c "[[ \$(grep -vc '^vendorsniff: summary: ' '$T/$name.err') -eq 1 ]] && grep -q '$st.*$want.*kept as $st.corrupt-1, starting fresh' '$T/$name.err'"
    check "$name: damaged file kept aside, byte for byte" cmp -s "$T/$name.damaged" "$st.corrupt-1"
    check "$name: fresh start (the alerts are raised again)" \
        test "$(count_events "$T/$name.events" alert)" -eq 3
    check "$name: a new, valid state written" "$PY" "$LIB/jq.py" state "$st" >/dev/null
    clean_stderr "$T/$name.err" || bad "$name: sanitizer report"
}
head -c $(($(wc -c <"$good") / 2)) "$good" >"$T/truncated.state"
damaged truncated
printf 'this is not a state file\n' >"$T/garbage.state"
damaged garbage
: >"$T/empty.state"
damaged empty
printf '{"format":"something-else","version":1,"devices":0}\n' >"$T/foreign.state"
damaged foreign "not a vendorsniff state file"
{ head -1 "$good"; echo '{"id":"not-a-mac","first_seen":"2024-05-01T10:00:00.000000Z","last_seen":"2024-05-01T10:00:00.000000Z","packets":1}'; } >"$T/badid.state"
damaged badid "bad device id"
{ head -1 "$good"; printf '\xff\xfe{"id"\n'; } >"$T/binary.state"
damaged binary

# Damaged again: a second copy aside, the first one never overwritten.
cp "$T/truncated.state.corrupt-1" "$T/first-aside"
printf '{"format":"vendorsniff-state","version":1,"devices":1}\n{"id":' >"$T/truncated.state"
vs again -r "$T/day1.pcap" --state "$T/truncated.state"
check "damaged twice: kept as .corrupt-2" grep -q "kept as $T/truncated.state.corrupt-2" "$T/again.err"
check "damaged twice: .corrupt-1 untouched" cmp -s "$T/first-aside" "$T/truncated.state.corrupt-1"

# A state file that cannot be written is an error at exit (status 4: output lost), after the run.
mkdir "$T/ro"
chmod 555 "$T/ro"
if [[ $(id -u) -ne 0 ]]; then
    vs ro -r "$T/day1.pcap" --state "$T/ro/state.jsonl" --inventory "$T/ro.inv"
    check "unwritable state: exit 4, output lost (got $RC)" test $RC -eq 4
    check "unwritable state: says why" grep -q "$T/ro/state.jsonl: cannot save state" "$T/ro.err"
    check "unwritable state: the inventory is still written" test -s "$T/ro.inv"
fi

# ---- 3. kill -9 of a live run ---------------------------------------------------------
if [[ $(id -u) -eq 0 ]] && command -v tcpreplay >/dev/null && make_veth_pair 2>/dev/null; then
    L=$T/live-state.jsonl
    bg live ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --state "$L" --state-interval 1 -w "$T/live.events"
    lpid=$BG_PID
    if wait_listening "$lpid" "$T/live.err"; then
        replay "$T/day1.pcap" || bad "tcpreplay failed"
        # Sent; within one interval (plus the capture's block timeout and some slack for a
        # loaded CI machine) the state on disk must hold all five devices.
        check "live: state saved within the interval after the traffic" \
            wait_for 4 bash -c "[[ \$('$PY' '$LIB/jq.py' state '$L' 2>/dev/null | wc -l) -eq 5 ]]"
        sleep 1.2 # be killed somewhere in the next interval, perhaps mid-save
        kill -KILL "$lpid"
        wait_exit "$lpid" 10
        check "live, after kill -9: the state file parses" "$PY" "$LIB/jq.py" state "$L" >/dev/null
        check "live, after kill -9: it holds the alert history (3 alerts)" \
            test "$("$PY" "$LIB/jq.py" state "$L" | awk '{n += $3} END {print n}')" = 3
        vs after -r "$T/day1.pcap" --state "$L" -w "$T/after.events" --inventory "$T/after.inv"
        check "restart after kill -9: exit 0, nothing on stderr but the summary" \
            bash -c "[[ $RC -eq 0 && \$(grep -vc '^vendorsniff: summary: ' '$T/after.err') -eq 0 ]]"
        check "restart after kill -9: no alert raised again" \
            test "$(count_events "$T/after.events" alert)" -eq 0
        check "restart after kill -9: devices restored (Huawei packets: 3 live + 3 offline)" \
            test "$(field "$T/after.inv" 00:e0:fc:11:22:33 packets)" = 6
    else
        bad "live: vendorsniff -i did not start"
        show "$T/live.err"
    fi
else
    echo "(kill -9 part skipped: needs root, tcpreplay and network namespaces)"
fi
clean_stderr "$T"/*.err || bad "sanitizer report in $(grep -lE 'Sanitizer|runtime error:' "$T"/*.err)"
finish
