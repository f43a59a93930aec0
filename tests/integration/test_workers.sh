#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Live capture on several workers (--workers N, Linux PACKET_FANOUT): captures replayed over a
# veth into vendorsniff -i --workers 2 must give the inventory of --workers 1 (same devices,
# vendors, risk, evidence; packets summed over the workers); a risk device whose frames reach
# both workers (lib/mksplit.py: one routed host behind two router MACs that the source-MAC
# fanout splits) gives one device event and one alert, and again under the flow-hash
# fallback (-i any: not Ethernet); the stats event reports the kernel
# counters summed and the workers; a tiny buffer under a fast replay counts drops; SIGHUP
# reloads and SIGUSR1 snapshots with workers; --workers with -r is refused.
# Needs root, ip (iproute2), tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"

# The one check that needs no privilege: --workers is for live capture.
"$VS_BIN" -r "$VS_SRC/samples/sample.pcap" --workers 2 --format none 2>"$T/r.err"
rc=$?
check "--workers with -r: usage error (exit 1, got $rc)" test "$rc" -eq 1
check "--workers with -r: one line naming --jobs" \
    bash -c "[[ \$(wc -l <'$T/r.err') -eq 1 ]] && grep -q -- '--jobs' '$T/r.err'"
"$VS_BIN" -i lo --workers 0 --format none 2>"$T/w0.err"
check "--workers 0 refused (exit 1)" test "$?" -eq 1

need_root "network namespaces, packet capture"
need_cmd ip tcpreplay
veth_or_skip

# run TAG FILE WORKERS [OPTIONS...]: vendorsniff -i with WORKERS workers, FILE replayed, then
# snapshots (SIGUSR1) until the inventory has WANT devices (bounded), then SIGTERM.
run() {
    local tag=$1 file=$2 nw=$3
    shift 3
    rm -f "$T/$tag.inv" "$T/$tag.events"
    bg "$tag" ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --inventory "$T/$tag.inv" -w "$T/$tag.events" --workers "$nw" "$@"
    PID=$BG_PID
    if ! wait_listening "$PID" "$T/$tag.err"; then
        bad "$tag: did not start listening"
        show "$T/$tag.err"
        RC=99
        return 1
    fi
    replay "$file" || bad "$tag: tcpreplay failed ($(tail -3 "$T/tcpreplay.log"))"
    local i
    for ((i = 0; i < 40; i++)); do
        kill -USR1 "$PID" 2>/dev/null
        sleep 0.25
        [[ -s $T/$tag.inv && $(wc -l <"$T/$tag.inv") -ge $WANT ]] && break
    done
    sleep 0.5
    kill -TERM "$PID"
    wait_exit "$PID" 20
    RC=$?
}

mkpcap lan "$T/lan.pcap"
read -r R1 R2 < <("$PY" "$LIB/mksplit.py" "$T/split.pcap")
# One capture: the lan devices and the routed ZTE host seen through both routers.
"$PY" - "$T/lan.pcap" "$T/split.pcap" "$T/both.pcap" <<'PY'
import sys
a, b = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
open(sys.argv[3], "wb").write(a + b[24:])
PY
timeout 60 "$VS_BIN" -r "$T/both.pcap" --format none --sensor t --inventory "$T/off.inv" 2>/dev/null
WANT=$(wc -l <"$T/off.inv")

run one "$T/both.pcap" 1
check "workers 1: exit 0 (got $RC)" test "$RC" -eq 0
run two "$T/both.pcap" 2
check "workers 2: exit 0 (got $RC)" test "$RC" -eq 0
check "workers 2: no sanitizer report" clean_stderr "$T/two.err"
check "workers 2: listening line names the workers and the fanout" \
    grep -q "listening on $IF_CAP (.*, 2 workers by source MAC)" "$T/two.err"
if "$PY" "$LIB/jq.py" same-inventory "$T/one.inv" "$T/two.inv" >"$T/diff" 2>&1; then
    ok "workers 2 inventory = workers 1 inventory ($(wc -l <"$T/two.inv") devices, packets included)"
else
    bad "workers 2 inventory differs from workers 1"
    show "$T/diff"
fi
check "workers 2 inventory = offline inventory" \
    "$PY" "$LIB/jq.py" same-inventory "$T/off.inv" "$T/two.inv"
check "the routed ZTE host is one device, seen through both routers" \
    test "$(grep -c '"id":"10.20.0.9"' "$T/two.inv")" -eq 1
check "the routed ZTE host counts the packets of both workers (6)" \
    test "$("$PY" "$LIB/jq.py" field "$T/two.inv" 10.20.0.9 packets)" -eq 6
check "both router MACs in the inventory ($R1, $R2: different workers)" \
    bash -c "grep -q '\"id\":\"$R1\"' '$T/two.inv' && grep -q '\"id\":\"$R2\"' '$T/two.inv'"
devev() { grep '"event":"device"' "$1" | grep -c "\"id\":\"$2\""; }
alerts() { grep '"event":"alert"' "$1" | grep -c "\"id\":\"$2\""; }
check "split device: one device event (workers 2: $(devev "$T/two.events" 10.20.0.9), workers 1: $(devev "$T/one.events" 10.20.0.9))" \
    test "$(devev "$T/two.events" 10.20.0.9)" -eq 1
check "split device: one alert (got $(alerts "$T/two.events" 10.20.0.9))" \
    test "$(alerts "$T/two.events" 10.20.0.9)" -eq 1
check "every risk device alerted once: as many alerts as with one worker" \
    test "$(grep -c '"event":"alert"' "$T/two.events")" -eq "$(grep -c '"event":"alert"' "$T/one.events")"
check "as many device events as with one worker" \
    test "$(grep -c '"event":"device"' "$T/two.events")" -eq "$(grep -c '"event":"device"' "$T/one.events")"
check "stats: capture counters of the workers summed, received > 0" \
    test "$("$PY" "$LIB/jq.py" stats "$T/two.events" capture.received)" -gt 0
check "stats: 2 workers by source MAC" \
    test "$("$PY" "$LIB/jq.py" stats "$T/two.events" capture.workers)/$("$PY" "$LIB/jq.py" stats "$T/two.events" capture.fanout)" = '2/"mac"'
check "stats: dropped reported" test -n "$("$PY" "$LIB/jq.py" stats "$T/two.events" capture.dropped)"
check "stats: the packets of both workers" \
    test "$("$PY" "$LIB/jq.py" stats "$T/two.events" packets)" -eq "$("$PY" "$LIB/jq.py" stats "$T/one.events" packets)"

# The flow-hash fallback: "any" is not Ethernet (Linux cooked headers), so the workers
# share the traffic by the kernel's flow hash, said once; the routed host's responses go to
# several ports (several flows) and still make one device, one event, one alert.
bg any ip netns exec "$NS_CAP" "$VS_BIN" -i any --format none --workers 2 \
    --inventory "$T/any.inv" -w "$T/any.events"
PID=$BG_PID
if wait_listening "$PID" "$T/any.err"; then
    replay "$T/split.pcap"
    sleep 1.5
    kill -TERM "$PID"
    wait_exit "$PID" 20
    rc=$?
    check "flow hash: exit 0 (got $rc)" test "$rc" -eq 0
    check "flow hash: one notice, and the listening line says so" \
        bash -c "[[ \$(grep -c 'flow hash' '$T/any.err') -eq 2 ]] && grep -q '2 workers by flow hash' '$T/any.err'"
    check "flow hash: stats name the fanout" \
        test "$("$PY" "$LIB/jq.py" stats "$T/any.events" capture.fanout)" = '"hash"'
    check "flow hash: the routed host is one device with the 6 packets" \
        test "$("$PY" "$LIB/jq.py" field "$T/any.inv" 10.20.0.9 packets)" -eq 6
    check "flow hash: one device event and one alert for it" \
        test "$(devev "$T/any.events" 10.20.0.9)/$(alerts "$T/any.events" 10.20.0.9)" = 1/1
else
    bad "any: did not start listening"
    show "$T/any.err"
fi

# SIGHUP with workers: the tables are reloaded (every worker parked, then resumed), the
# capture goes on, and the state file is written at exit.
bg hup ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
    --workers 2 --state "$T/hup.state" -w "$T/hup.events"
PID=$BG_PID
if wait_listening "$PID" "$T/hup.err"; then
    replay "$T/lan.pcap"
    kill -HUP "$PID"
    wait_for 20 grep -q "reloaded" "$T/hup.err"
    check "SIGHUP with workers: reloaded" grep -q "reloaded OUI database" "$T/hup.err"
    replay "$T/split.pcap"
    sleep 1.5
    kill -TERM "$PID"
    wait_exit "$PID" 20
    rc=$?
    check "SIGHUP with workers: exit 0 after SIGTERM (got $rc)" test "$rc" -eq 0
    check "SIGHUP with workers: state saved with the devices from before and after" \
        bash -c "grep -q '\"id\":\"10.20.0.9\"' '$T/hup.state' && grep -q '\"id\":\"00:e0:fc:11:22:33\"' '$T/hup.state'"
    check "SIGHUP with workers: stats event counts the reload" \
        test "$("$PY" "$LIB/jq.py" stats "$T/hup.events" reloads)" -eq 1
else
    bad "hup: did not start listening"
    show "$T/hup.err"
fi

# Drops: a 1 MiB buffer per worker, the sensor stopped (SIGSTOP) while tcpreplay sends
# 60,000 frames as fast as it can: the rings overflow; the kernel drops are read per socket
# and summed into the stats event once the sensor runs again.
mkpcap many "$T/many.pcap" 60000 --same-ts
bg drop ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
    --workers 2 --buffer-size 1 -w "$T/drop.events"
PID=$BG_PID
if wait_listening "$PID" "$T/drop.err"; then
    kill -STOP "$PID"
    timeout 120 ip netns exec "$NS_SRC" tcpreplay -q --topspeed -i "$IF_SRC" "$T/many.pcap" \
        >>"$T/tcpreplay.log" 2>&1
    kill -CONT "$PID"
    sleep 1.5
    kill -TERM "$PID"
    wait_exit "$PID" 30
    d=$("$PY" "$LIB/jq.py" stats "$T/drop.events" capture.dropped)
    r=$("$PY" "$LIB/jq.py" stats "$T/drop.events" capture.received)
    p=$("$PY" "$LIB/jq.py" stats "$T/drop.events" packets)
    echo "# forced drops: received $r, dropped $d, processed $p (60000+ sent)"
    check "tiny buffer: drops counted and reported (dropped=$d)" test "${d:-0}" -gt 0
    check "tiny buffer: received - dropped = processed ($r - $d = $p)" test "$((r - d))" -eq "${p:-0}"
    check "tiny buffer: fewer frames processed than sent ($p < 60005)" test "${p:-0}" -lt 60005
else
    bad "drop: did not start listening"
    show "$T/drop.err"
fi
finish
