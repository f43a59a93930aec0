#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# A live run killed with kill -9 at random moments, again and again (about 30 s in all):
# after every kill, every output parses (state, inventory, each -w line a whole event),
# the next start removes the temporaries the kill left and restores the state, and what a
# saved state held is never lost: the devices only grow from one run to the next, and at
# the end an offline run from the last state holds every device ever sent.
# Needs root, ip, tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
need_root "network namespaces, packet capture"
need_cmd ip tcpreplay
veth_or_skip

ROUNDS=${CRASH_ROUNDS:-16}
mkpcap lan "$T/lan.pcap"
mkpcap many "$T/many.pcap" 400
S=$T/state.jsonl
I=$T/inv.jsonl
W=$T/events.jsonl
ids() { "$PY" "$LIB/jq.py" state "$1" 2>/dev/null | awk '{print $1}' | sort; }
RANDOM=$$
prev=$T/prev.ids
: >"$prev"
for ((r = 1; r <= ROUNDS; r++)); do
    # What a kill in the middle of a save leaves (mkstemp names): the start removes it.
    ((r % 3 == 1)) && echo partial >"$S.tmpK$((RANDOM % 90000 + 10000))"
    bg "run$r" ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --state "$S" --state-interval 1 --inventory "$I" --inventory-interval 1 \
        --stats-interval 1 -w "$W"
    pid=$BG_PID
    if ! wait_listening "$pid" "$T/run$r.err"; then
        bad "round $r: vendorsniff -i did not start"
        show "$T/run$r.err"
        break
    fi
    check "round $r: no temporary file left from the kill before" \
        bash -c "! ls '$T'/*.tmp?????? 2>/dev/null | grep -q ."
    # A random moment within the traffic: odd rounds the small LAN, even rounds 400 hosts.
    cap=$T/lan.pcap
    ((r % 2 == 0)) && cap=$T/many.pcap
    REPLAY_PPS=800 replay "$cap" &
    rp=$!
    sleep "$((RANDOM % 20 / 10)).$((RANDOM % 10))"
    kill -KILL "$pid"
    wait_exit "$pid" 10
    wait "$rp" 2>/dev/null
    if [[ -e $S ]]; then
        check "round $r: the state parses after kill -9" "$PY" "$LIB/jq.py" state "$S" >/dev/null
        ids "$S" >"$T/now.ids"
        check "round $r: nothing the last state held is lost ($(wc -l <"$prev") -> $(wc -l <"$T/now.ids") devices)" \
            bash -c "[[ -z \$(comm -23 '$prev' '$T/now.ids') ]]"
        cp "$T/now.ids" "$prev"
    fi
    [[ -e $I ]] && check "round $r: the inventory parses after kill -9" "$PY" "$LIB/jq.py" valid "$I"
    [[ -e $W ]] && check "round $r: every -w line is a whole event after kill -9" "$PY" "$LIB/jq.py" valid "$W"
    check "round $r: no sanitizer report" clean_stderr "$T/run$r.err"
done
# Offline, from the last state, with the LAN once more: every device ever sent is there.
timeout 60 "$VS_BIN" -r "$T/lan.pcap" --format none --sensor t --state "$S" --inventory "$T/final.inv" \
    2>"$T/final.err"
RC=$?
check "final offline run from the state: exit 0 (got $RC)" test $RC -eq 0
check "final: no temporary file left" bash -c "! ls '$T'/*.tmp?????? 2>/dev/null | grep -q ."
"$PY" "$LIB/jq.py" devices "$T/final.inv" | awk '{print $1}' | sort >"$T/final.ids"
check "final: every device a saved state held is in the inventory" \
    bash -c "[[ -z \$(comm -23 '$prev' '$T/final.ids') ]]"
check "final: at least the LAN's 5 devices" test "$(wc -l <"$T/final.ids")" -ge 5
finish
