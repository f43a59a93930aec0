#!/usr/bin/env bash
# Live capture end to end: vendorsniff -i on one end of a veth pair in its own network
# namespaces, tcpreplay of project-made captures into the other end; the live inventory
# must equal the offline (-r) inventory of the same capture. Also: a missing interface,
# missing permission, and -Z (privileges really dropped: /proc/PID/status).
# Needs root, ip (iproute2), tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
need_root "network namespaces, packet capture"
need_cmd ip tcpreplay

make_veth_pair || skip "cannot create network namespaces / veth here"

# Offline inventory of FILE into $2.
offline() {
    timeout 60 "$VS_BIN" -r "$1" --inventory "$2" --format none --sensor t 2>"$2.err"
}

# live_run TAG FILE [OPTIONS...]: start vendorsniff on $IF_CAP, replay FILE, wait until an
# inventory snapshot (SIGUSR1) shows every device of the offline run, then SIGTERM.
# Leaves $T/TAG.inv (final inventory), $T/TAG.events, $T/TAG.err; LIVE_RC = exit status.
live_run() {
    local tag=$1 file=$2
    shift 2
    rm -f "$T/$tag.inv" "$T/$tag.events"
    bg "$tag" ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --inventory "$T/$tag.inv" -w "$T/$tag.events" "$@"
    LIVE_PID=$BG_PID
    if ! wait_listening "$LIVE_PID" "$T/$tag.err"; then
        bad "$tag: vendorsniff -i did not start listening"
        show "$T/$tag.err"
        LIVE_RC=99
        return 1
    fi
    replay "$file" || bad "$tag: tcpreplay failed ($(tail -3 "$T/tcpreplay.log"))"
    # Packets sit in the kernel ring until the next block timeout; ask for snapshots until
    # the live inventory has caught up (bounded), so SIGTERM loses nothing in flight.
    local i
    for ((i = 0; i < 40; i++)); do
        kill -USR1 "$LIVE_PID" 2>/dev/null
        sleep 0.25
        [[ -s $T/$tag.inv ]] &&
            "$PY" "$LIB/jq.py" same-inventory "$T/$tag.off" "$T/$tag.inv" >/dev/null 2>&1 && break
    done
    cp "$T/$tag.events" "$T/$tag.events.running" 2>/dev/null
    kill -TERM "$LIVE_PID"
    wait_exit "$LIVE_PID" 20
    LIVE_RC=$?
}

# 1. Captures: the project's own (lib/mkpcap.py), samples/sample.pcap and the tunnel
# captures of tests/captures/ when they exist and are Ethernet (replayable on a veth).
mkpcap lan "$T/lan.pcap"
files=("$T/lan.pcap")
for f in "$VS_SRC"/samples/sample.pcap "$VS_SRC"/tests/captures/*{erspan,gre,vxlan,mpls}*.pcap; do
    [[ -f $f ]] || continue
    "$PY" -c 'import struct,sys
h=open(sys.argv[1],"rb").read(24)
sys.exit(0 if len(h)==24 and h[:4] in (b"\xd4\xc3\xb2\xa1",b"\x4d\x3c\xb2\xa1") and struct.unpack("<I",h[20:])[0]==1 else 1)' "$f" &&
        files+=("$f")
done

n=0
for f in "${files[@]}"; do
    n=$((n + 1))
    tag="cap$n"
    base=$(basename "$f")
    if ! offline "$f" "$T/$tag.off"; then
        bad "$base: offline run failed"
        show "$T/$tag.off.err"
        continue
    fi
    live_run "$tag" "$f"
    check "$base: live run exits 0 after SIGTERM (got $LIVE_RC)" test "$LIVE_RC" -eq 0
    check "$base: no sanitizer report" clean_stderr "$T/$tag.err"
    if "$PY" "$LIB/jq.py" same-inventory "$T/$tag.off" "$T/$tag.inv" >"$T/$tag.diff" 2>&1; then
        ok "$base: live inventory = offline inventory ($(wc -l <"$T/$tag.off") devices)"
    else
        bad "$base: live inventory differs from offline"
        show "$T/$tag.diff" "$T/$tag.err"
    fi
    check "$base: stats event at exit" test "$(count_events "$T/$tag.events" stats)" -ge 1
    drops=$("$PY" "$LIB/jq.py" stats "$T/$tag.events" capture.dropped 2>/dev/null)
    check "$base: stats event reports pcap drops (dropped=$drops)" test -n "$drops"
done

# 2. What the lan capture must have produced live, field by field (not only "equal").
inv=$T/cap1.inv
check "live: Huawei switch attributed with model" \
    grep -q '"id":"00:e0:fc:11:22:33".*"vendor":"Huawei".*"model":"CE6851-48S6Q-HI"' "$inv"
check "live: ZTE switch on the risk list" \
    grep -q '"id":"00:19:c6:44:55:66".*"risk":{[^}]*"vendor":"ZTE"' "$inv"
check "live: alert events for Huawei and ZTE in -w" \
    test "$(grep -c '"event":"alert"' "$T/cap1.events")" -eq "$(grep -c '"risk":{' "$inv")"
check "live: alerts reach the -w file while running, not only at exit" \
    test "$(grep -c '"event":"alert"' "$T/cap1.events.running")" -eq "$(grep -c '"risk":{' "$inv")"
check "live: nothing transmitted by the sensor (veth TX counter of the capture end = 0)" \
    test "$(ip netns exec "$NS_CAP" cat "/sys/class/net/$IF_CAP/statistics/tx_packets")" -eq 0

# 3. -Z: privileges dropped after the capture is open; outputs go where the user may write.
if id nobody >/dev/null 2>&1; then
    uid=$(id -u nobody)
    mkdir -m 1777 "$T/z"
    rm -f "$T/zz.inv"
    bg zz ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --inventory "$T/z/inv.jsonl" -Z nobody
    zpid=$BG_PID
    if wait_listening "$zpid" "$T/zz.err"; then
        st=/proc/$zpid/status
        check "-Z nobody: real, effective, saved and fs uid are $uid" \
            grep -qE "^Uid:[[:space:]]+$uid[[:space:]]+$uid[[:space:]]+$uid[[:space:]]+$uid\$" "$st"
        check "-Z nobody: no group 0 left" bash -c "! grep -qE '^(Gid|Groups):.*[[:space:]]0([[:space:]]|\$)' $st"
        check "-Z nobody: no effective capabilities" grep -qE '^CapEff:[[:space:]]+0+$' "$st"
        cp "$T/cap1.off" "$T/zz.off"
        replay "$T/lan.pcap"
        for ((i = 0; i < 40; i++)); do
            kill -USR1 "$zpid"
            sleep 0.25
            "$PY" "$LIB/jq.py" same-inventory "$T/zz.off" "$T/z/inv.jsonl" >/dev/null 2>&1 && break
        done
        kill -TERM "$zpid"
        wait_exit "$zpid" 20
        rc=$?
        check "-Z nobody: exits 0 (got $rc)" test $rc -eq 0
        check "-Z nobody: inventory written by the unprivileged user" \
            test "$(stat -c %u "$T/z/inv.jsonl" 2>/dev/null)" = "$uid"
        check "-Z nobody: inventory still equals the offline one" \
            "$PY" "$LIB/jq.py" same-inventory "$T/zz.off" "$T/z/inv.jsonl"
    else
        bad "-Z nobody: did not start"
        show "$T/zz.err"
    fi
fi

# An unknown -Z user is refused, never ignored.
ip netns exec "$NS_CAP" timeout 30 "$VS_BIN" -i "$IF_CAP" -Z no-such-user-vs --format none \
    >/dev/null 2>"$T/zbad.err"
rc=$?
check "-Z unknown user: refused with an error exit (got $rc)" test $rc -ne 0
check "-Z unknown user: says so" grep -q "no-such-user-vs: no such user" "$T/zbad.err"

# 4. A missing interface: exit 1, one clear line naming it.
ip netns exec "$NS_CAP" timeout 30 "$VS_BIN" -i vs-nosuch0 --format none >/dev/null \
    2>"$T/noif.err"
rc=$?
check "missing interface: exit 1 (got $rc)" test $rc -eq 1
check "missing interface: one line naming it" \
    bash -c "[[ \$(wc -l <'$T/noif.err') -eq 1 ]] && grep -q 'vs-nosuch0: no such interface' '$T/noif.err'"

# 5. No permission (an ordinary user without CAP_NET_RAW): exit 1 and why.
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
    ip netns exec "$NS_CAP" timeout 30 setpriv --reuid=nobody --regid="$(id -g nobody)" \
        --clear-groups --inh-caps=-all "$VS_BIN" -i "$IF_CAP" --format none >/dev/null \
        2>"$T/perm.err"
    rc=$?
    check "no capture permission: exit 1 (got $rc)" test $rc -eq 1
    check "no capture permission: says so" grep -q "$IF_CAP: permission denied" "$T/perm.err"
fi
clean_stderr "$T"/*.err || bad "sanitizer report in $(grep -lE 'Sanitizer|runtime error:' "$T"/*.err)"
finish
