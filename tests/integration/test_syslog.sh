#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# --syslog delivery to a real collector: Debian's rsyslogd, with its own configuration in a
# temp dir, listening on 127.0.0.1 (UDP and TCP, imudp/imtcp) and writing what it parses
# to a file. vendorsniff sends RFC 5424 over UDP, and over TCP with octet counting; the
# alert JSON must arrive intact, parsed by rsyslog as app vendorsniff, msgid alert, the
# sensor as hostname, severity from the risk rule. Run in a private network namespace when
# root (so the ports are certainly free), else on the host's loopback with free ports.
# Skipped (77) without rsyslogd.
source "$(dirname "$0")/lib/common.sh"
RSYSLOGD=$(command -v rsyslogd || echo /usr/sbin/rsyslogd)
[[ -x $RSYSLOGD ]] || skip "needs rsyslogd (Debian package rsyslog)"

mkpcap lan "$T/lan.pcap"
mkpcap extra "$T/extra.pcap"
NS=()
LIVE=
if [[ $(id -u) -eq 0 ]] && command -v tcpreplay >/dev/null && make_veth_pair 2>/dev/null; then
    # rsyslogd and vendorsniff share the capture namespace (its own loopback); the veth
    # carries replayed traffic for the live part.
    NS=(ip netns exec "$NS_CAP")
    LIVE=1
    UPORT=5514
    TPORT=5514
elif [[ $(id -u) -eq 0 ]] && ip netns add "vs$$sl" 2>/dev/null; then
    _NETNS+=("vs$$sl")
    ip -n "vs$$sl" link set lo up
    NS=(ip netns exec "vs$$sl")
    UPORT=5514
    TPORT=5514
else
    read -r UPORT TPORT < <("$PY" - <<'PY'
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM); t.bind(("127.0.0.1", 0))
print(u.getsockname()[1], t.getsockname()[1])
PY
)
fi

mkdir -p "$T/rs"
cat >"$T/rs/rsyslog.conf" <<EOF
global(workDirectory="$T/rs" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="$UPORT" ruleset="vs")
input(type="imtcp" address="127.0.0.1" port="$TPORT" ruleset="vs")
template(name="fields" type="list") {
    property(name="inputname") constant(value="|")
    property(name="app-name") constant(value="|")
    property(name="msgid") constant(value="|")
    property(name="hostname") constant(value="|")
    property(name="syslogseverity-text") constant(value="|")
    property(name="syslogfacility-text") constant(value="|")
    property(name="msg" droplastlf="on") constant(value="\n")
}
ruleset(name="vs") {
    action(type="omfile" file="$T/rs/received.log" template="fields" flushOnTXEnd="on"
           asyncWriting="off")
}
EOF
"${NS[@]}" "$RSYSLOGD" -N1 -f "$T/rs/rsyslog.conf" >"$T/rs/check.log" 2>&1 ||
    skip "this rsyslogd rejects the test configuration: $(tail -2 "$T/rs/check.log")"
listening() {
    "${NS[@]}" ss -Hltn "sport = :$TPORT" 2>/dev/null | grep -q . &&
        "${NS[@]}" ss -Hlun "sport = :$UPORT" 2>/dev/null | grep -q .
}
start_rsyslogd() {
    rm -f "$T/rs/rsyslogd.pid"
    bg rsyslogd "${NS[@]}" "$RSYSLOGD" -n -f "$T/rs/rsyslog.conf" -i "$T/rs/rsyslogd.pid"
    rspid=$BG_PID
    if ! wait_for 15 listening; then
        bad "rsyslogd did not start listening on 127.0.0.1:$UPORT/udp and $TPORT/tcp"
        show "$T/rsyslogd.err"
        finish
    fi
}
start_rsyslogd
ok "rsyslogd listening on 127.0.0.1:$UPORT/udp and :$TPORT/tcp"

received() { # lines rsyslog got from input $1 (imudp, imtcp) with msgid $2
    grep -c "^$1|vendorsniff|$2|" "$T/rs/received.log" 2>/dev/null || true
}
send() { # transport [extra options]: events to $T/$tr.events (fresh), stderr to $T/$tr.err
    local tr=$1 port
    shift
    [[ $tr == udp ]] && port=$UPORT || port=$TPORT
    rm -f "$T/$tr.events"
    "${NS[@]}" timeout 60 "$VS_BIN" -r "$T/lan.pcap" --format none --sensor "span-$tr" \
        -w "$T/$tr.events" --syslog "$tr://127.0.0.1:$port" "$@" 2>"$T/$tr.err"
}

for tr in udp tcp; do
    send $tr
    rc=$?
    check "$tr: vendorsniff exit 0 (got $rc)" test $rc -eq 0
    want=$(count_events "$T/$tr.events" alert)
    check "$tr: the run raised alerts ($want)" test "$want" -eq 3
    check "$tr: every alert arrives at rsyslogd" \
        wait_for 10 bash -c "[[ \$(grep -c '^im$tr|vendorsniff|alert|' '$T/rs/received.log' 2>/dev/null) -eq $want ]]"
    # The message body is the alert's JSON, the same object as in the -w stream, and the
    # RFC 5424 header fields are what rsyslog parsed.
    if ! "$PY" - "$T/rs/received.log" "$T/$tr.events" "im$tr" "span-$tr" <<'PY'
import json, sys
log, events, inp, host = sys.argv[1:]
sent = [json.loads(l) for l in open(events) if '"event":"alert"' in l]
got = []
for line in open(log, encoding="utf-8"):
    f = line.rstrip("\n").split("|", 6)
    if f[0] != inp or f[2] != "alert":
        continue
    assert f[3] == host, "hostname %r, expected the sensor %r" % (f[3], host)
    assert f[5] == "daemon", "facility %r" % f[5]
    o = json.loads(f[6].strip())
    assert o["event"] == "alert" and o["sensor"] == host, o
    sev = {"high": "err", "medium": "warning", "critical": "crit", "low": "notice"}[o["severity"]]
    assert f[4] == sev, "syslog severity %s for %s" % (f[4], o["severity"])
    got.append(o)
key = lambda o: (o["id"], o["list_rule"])
assert sorted(map(key, got)) == sorted(map(key, sent)), (sorted(map(key, got)), sorted(map(key, sent)))
for o in got:
    s = [x for x in sent if key(x) == key(o)][0]
    assert o == s, "differs from the -w alert:\n%r\n%r" % (o, s)
PY
    then
        bad "$tr: received alerts are not the JSON alerts of the run"
        show "$T/rs/received.log"
    else
        ok "$tr: alert JSON intact, RFC 5424 fields parsed (app, msgid, host, severity, facility)"
    fi
done

# --syslog-devices: device events too (TCP).
before=$(received imtcp device)
send tcp --syslog-devices
devs=$(count_events "$T/tcp.events" device)
check "tcp --syslog-devices: the $devs device events arrive too" \
    wait_for 10 bash -c "[[ \$(grep -c '^imtcp|vendorsniff|device|' '$T/rs/received.log') -eq $((before + devs)) ]]"

# A live sensor keeps delivering over TCP across a collector restart: the closed
# connection is noticed and the next alert goes over a new one.
if [[ -n $LIVE ]]; then
    bg live ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor span-live -w "$T/live.events" --syslog "tcp://127.0.0.1:$TPORT"
    lpid=$BG_PID
    if wait_listening "$lpid" "$T/live.err"; then
        replay "$T/lan.pcap" || bad "tcpreplay failed"
        check "live tcp: the 3 alerts arrive" wait_for 15 bash -c "[[ \$(grep -c '^imtcp|vendorsniff|alert|span-live|' '$T/rs/received.log') -eq 3 ]]"
        kill -TERM "$rspid"
        wait_exit "$rspid" 10
        start_rsyslogd
        replay "$T/extra.pcap" || bad "tcpreplay failed"
        check "live tcp: after the collector restarted, the next alert arrives too" \
            wait_for 15 bash -c "grep -q '^imtcp|vendorsniff|alert|span-live|.*\"id\":\"00:e0:fc:99:88:77\"' '$T/rs/received.log'"
        kill -TERM "$lpid"
        wait_exit "$lpid" 20
        rc=$?
        check "live tcp: exit 0 after SIGTERM (got $rc)" test $rc -eq 0
    else
        bad "live: vendorsniff -i did not start"
        show "$T/live.err"
    fi
fi

# Collector down at start: a clear error, not a silent run without alerts.
kill -TERM "$rspid"
wait_exit "$rspid" 10
send tcp
rc=$?
check "tcp collector down at start: exit 1 (got $rc)" test $rc -eq 1
check "tcp collector down at start: says so" grep -q "syslog 127.0.0.1:$TPORT: Connection refused" "$T/tcp.err"
send udp
rc=$?
check "udp collector down: fire and forget, the run goes on (exit $rc)" test $rc -eq 0
check "bad target: rejected" bash -c "'$VS_BIN' -r '$T/lan.pcap' --format none --syslog 'smtp://x' 2>&1 >/dev/null | grep -q 'must be local, udp://HOST:PORT or tcp://HOST:PORT'"
clean_stderr "$T"/*.err || bad "sanitizer report"
finish
