#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Live capture end to end: vendorsniff -i on one end of a veth pair in its own network
# namespaces, tcpreplay of project-made captures (lib/mkpcap.py, samples/sample.pcap, the
# ERSPAN/GRE/VXLAN/MPLS captures of tests/captures/) into the other end; after SIGTERM
# (exit 0) the live inventory must equal the offline (-r) inventory of the same capture.
# Also: capture options (snap length, immediate, buffer), nothing transmitted, -Z (ids and
# capabilities really dropped: /proc/PID/status), --chroot, the systemd unit's privilege
# model (an ordinary user with only CAP_NET_RAW + CAP_NET_ADMIN), an unknown -Z user, a
# missing interface and missing permission (exit 1, one clear line).
# Needs root, ip (iproute2), tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
need_root "network namespaces, packet capture"
need_cmd ip tcpreplay

veth_or_skip

# Offline inventory of FILE into $2.
offline() {
    timeout 60 "$VS_BIN" -r "$1" --inventory "$2" --format none --sensor t 2>"$2.err"
}

# live_run TAG FILE [OPTIONS...]: start vendorsniff on $IF_CAP, replay FILE, wait until an
# inventory snapshot (SIGUSR1) shows every device of the offline run $T/TAG.off (or, without
# one, $LIVE_WANT devices), then SIGTERM.
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
        if [[ -f $T/$tag.off ]]; then
            [[ -s $T/$tag.inv ]] &&
                "$PY" "$LIB/jq.py" same-inventory "$T/$tag.off" "$T/$tag.inv" >/dev/null 2>&1 && break
        else # no offline twin: wait for the number of devices expected
            [[ -s $T/$tag.inv && $(wc -l <"$T/$tag.inv") -ge ${LIVE_WANT:-1} ]] && break
        fi
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

# Capture options reach libpcap: a short snap length cuts the LLDP frames (decode errors,
# no system description), immediate mode and a buffer size change nothing else.
rm -f "$T/opts.off"
LIVE_WANT=5 live_run opts "$T/lan.pcap" --immediate --buffer-size 8 --snaplen 96 --no-promisc
check "options: exit 0 (got $LIVE_RC)" test "$LIVE_RC" -eq 0
check "options: listening line shows snaplen 96, not promiscuous" \
    grep -qx "vendorsniff: listening on $IF_CAP (snaplen 96)" "$T/opts.err"
check "options: --snaplen 96 truncates LLDP (decode errors counted)" \
    test "$("$PY" "$LIB/jq.py" stats "$T/opts.events" decode_errors.lldp 2>/dev/null || echo 0)" -gt 0
check "options: still every device, by its MAC" test "$(wc -l <"$T/opts.inv")" -eq 5
check "options: no system description past byte 96" bash -c "! grep -q 'system_description' '$T/opts.inv'"

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
    # -Z loads everything before the drop: a risk list only root may read (as the data of
    # a build tree under /root is) is loaded; a reload after the drop cannot read it (or,
    # from a clone under /root, the OUI database before it), keeps the loaded set and says
    # why.
    install -m 600 "$VS_SRC/signatures/risk-list.ini" "$T/root-only-risk.ini"
    bg zz ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t --inventory "$T/z/inv.jsonl" -Z nobody --risk-list "$T/root-only-risk.ini"
    zpid=$BG_PID
    if wait_listening "$zpid" "$T/zz.err"; then
        st=/proc/$zpid/status
        check "-Z nobody: real, effective, saved and fs uid are $uid" \
            grep -qE "^Uid:[[:space:]]+${uid}[[:space:]]+${uid}[[:space:]]+${uid}[[:space:]]+${uid}\$" "$st"
        check "-Z nobody: no group 0 left" bash -c "! grep -qE '^(Gid|Groups):.*[[:space:]]0([[:space:]]|\$)' $st"
        check "-Z nobody: no effective capabilities" grep -qE '^CapEff:[[:space:]]+0+$' "$st"
        cp "$T/cap1.off" "$T/zz.off"
        kill -HUP "$zpid"
        check "-Z nobody: SIGHUP cannot read the root-only risk list, keeps it, says why" \
            wait_for 10 grep -q "reload failed, keeping the loaded data: .*Permission denied" "$T/zz.err"
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

# -Z with --chroot: the process is locked into the folder; outputs named by their host
# paths under it are still written; SIGHUP cannot reach the data any more and says so.
if id nobody >/dev/null 2>&1; then
    # (LeakSanitizer needs /proc, which the chroot hides: no leak check for this run)
    bg chroot ip netns exec "$NS_CAP" env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor t -Z nobody --chroot "$T/z" --inventory "$T/z/c-inv.jsonl" \
        --state "$T/z/c-state.jsonl" --state-interval 1
    cpid=$BG_PID
    if wait_listening "$cpid" "$T/chroot.err"; then
        check "--chroot: the process root is the folder" \
            test "$(readlink "/proc/$cpid/root")" = "$T/z"
        replay "$T/lan.pcap"
        check "--chroot: state saved inside (by host path)" \
            wait_for 10 bash -c "'$PY' '$LIB/jq.py' state '$T/z/c-state.jsonl' 2>/dev/null | grep -q 00:e0:fc:11:22:33"
        kill -HUP "$cpid"
        check "--chroot: SIGHUP says the data cannot be reloaded, keeps it" \
            wait_for 10 grep -q "reload failed, keeping the loaded data" "$T/chroot.err"
        check "--chroot: still running after SIGHUP" alive "$cpid"
        kill -TERM "$cpid"
        wait_exit "$cpid" 20
        rc=$?
        check "--chroot: exit 0 (got $rc)" test $rc -eq 0
        check "--chroot: final inventory written inside (by host path)" \
            "$PY" "$LIB/jq.py" same-inventory "$T/cap1.off" "$T/z/c-inv.jsonl"
        check "--chroot: no save errors" bash -c "! grep -q 'cannot' '$T/chroot.err'"
        ((_FAILS)) && show "$T/chroot.err"
    else
        bad "--chroot: did not start"
        show "$T/chroot.err"
    fi
    ip netns exec "$NS_CAP" timeout 30 "$VS_BIN" -i "$IF_CAP" -Z nobody --chroot "$T/z" \
        --state "$T/outside.jsonl" --format none 2>"$T/chroot-bad.err"
    rc=$?
    check "--chroot with --state outside it: refused at start, exit 1 (got $rc)" test $rc -eq 1
    check "--chroot with --state outside it: says why" \
        grep -q -- "--state $T/outside.jsonl must be an absolute path inside it" "$T/chroot-bad.err"
fi

# The systemd unit's privilege model (deploy/vendorsniff.service): an unprivileged user
# holding only CAP_NET_RAW and CAP_NET_ADMIN (ambient, bounding set cut to them, no new
# privileges) captures the same inventory as root.
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
    setpriv --ambient-caps=+net_raw true 2>/dev/null; then
    caps=+net_raw,+net_admin
    user_install || bad "cannot lay out a user-readable install"
    bg unit ip netns exec "$NS_CAP" setpriv --reuid=nobody --regid="$(id -g nobody)" \
        --clear-groups --inh-caps=-all,$caps --ambient-caps=-all,$caps \
        --bounding-set=-all,$caps --no-new-privs \
        "$VS_BIN_USER" -i "$IF_CAP" -f "$VETH_FILTER" --format none --sensor t --inventory "$T/z/unit.jsonl"
    upid=$BG_PID
    if wait_listening "$upid" "$T/unit.err"; then
        check "unit privileges: runs as nobody" grep -qE "^Uid:[[:space:]]+$(id -u nobody)[[:space:]]" "/proc/$upid/status"
        check "unit privileges: effective capabilities are exactly NET_ADMIN and NET_RAW (0x3000)" \
            grep -qE '^CapEff:[[:space:]]+0+3000$' "/proc/$upid/status"
        replay "$T/lan.pcap"
        for ((i = 0; i < 40; i++)); do
            kill -USR1 "$upid"
            sleep 0.25
            "$PY" "$LIB/jq.py" same-inventory "$T/cap1.off" "$T/z/unit.jsonl" >/dev/null 2>&1 && break
        done
        kill -TERM "$upid"
        wait_exit "$upid" 20
        rc=$?
        check "unit privileges: exit 0 (got $rc)" test $rc -eq 0
        check "unit privileges: same inventory as the offline run" \
            "$PY" "$LIB/jq.py" same-inventory "$T/cap1.off" "$T/z/unit.jsonl"
    else
        bad "unit privileges: did not start"
        show "$T/unit.err"
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
    [[ -n ${VS_BIN_USER:-} ]] || user_install || bad "cannot lay out a user-readable install"
    ip netns exec "$NS_CAP" timeout 30 setpriv --reuid=nobody --regid="$(id -g nobody)" \
        --clear-groups --inh-caps=-all "$VS_BIN_USER" -i "$IF_CAP" --format none >/dev/null \
        2>"$T/perm.err"
    rc=$?
    check "no capture permission: exit 1 (got $rc)" test $rc -eq 1
    check "no capture permission: says so" grep -q "$IF_CAP: permission denied" "$T/perm.err"
fi
clean_stderr "$T"/*.err || bad "sanitizer report in $(grep -lE 'Sanitizer|runtime error:' "$T"/*.err)"
finish
