#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Signals of a live run (vendorsniff -i on a veth in its own namespaces):
#   SIGUSR1  writes the inventory now, and the --html report and --csv export;
#   SIGHUP   reloads the risk list: a good new list alerts for a newly listed vendor
#            (devices already seen are re-attributed), a bad list is refused with a
#            message, the old set kept and the run goes on; SIGHUP also reopens -w
#            (log rotation);
#   SIGINT   stops: exit 0, final inventory and a closing stats event.
# Needs root, ip, tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
need_root "network namespaces, packet capture"
need_cmd ip tcpreplay

veth_or_skip
mkpcap lan "$T/lan.pcap"
mkpcap extra "$T/extra.pcap"

rule() { # id vendor severity
    printf '[%s]\nvendor = %s\nseverity = %s\nreason = %s is on the test list\nreference = test\n\n' \
        "$1" "$2" "$3" "$2"
}
# Replace the risk list the way an operator's tooling should: write aside, then rename.
put_risk() {
    cat >"$T/risk.new"
    mv "$T/risk.new" "$T/risk.ini"
}
{ printf '[list]\nname = test-v1\n\n'; rule huawei Huawei high; rule zte ZTE high; } | put_risk

# A private copy of the signatures: SIGHUP reloads them too, and this test is about the
# risk list only.
cp -r "$VS_SRC/signatures" "$T/sigs"

ev=$T/events.jsonl
inv=$T/inv.jsonl
bg vs ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
    --sensor t --signatures "$T/sigs" --risk-list "$T/risk.ini" -w "$ev" --inventory "$inv" --stats-interval 1 \
    --html "$T/report.html" --csv "$T/devices.csv"
pid=$BG_PID
wait_listening "$pid" "$T/vs.err" || { bad "vendorsniff -i did not start"; show "$T/vs.err"; finish; }

alerts_for() { # alerts raised for device $1 by list rule $2, in the files given after
    local id=$1 r=$2 f n=0
    shift 2
    for f in "$@"; do
        [[ -f $f ]] && n=$((n + $(grep '"event":"alert"' "$f" | grep "\"id\":\"$id\"" |
            grep -c "\"list_rule\":\"$r\"")))
    done
    echo $n
}
snapshot_has() { # SIGUSR1, then the inventory must show device $1 (with text $2)
    kill -USR1 "$pid" 2>/dev/null
    sleep 0.2
    grep -q "\"id\":\"$1\".*${2:-}" "$inv" 2>/dev/null
}

# SIGUSR1 before any traffic: an empty inventory, written at once; the run goes on.
check "no inventory file before SIGUSR1 (snapshot interval is 300 s)" test ! -e "$inv"
kill -USR1 "$pid"
check "SIGUSR1 on an empty inventory: an empty file, written now" wait_for 5 test -e "$inv"
check "SIGUSR1 on an empty inventory: still running" alive "$pid"
check "SIGUSR1 on an empty inventory: nothing in it" test ! -s "$inv"
check "periodic stats events (--stats-interval 1) on an idle link" \
    wait_for 6 bash -c "[[ \$(grep -c '\"event\":\"stats\"' '$ev' 2>/dev/null) -ge 2 ]]"
replay "$T/lan.pcap" || bad "tcpreplay failed"
sleep 1
check "no snapshot without SIGUSR1 (the file is still empty)" test ! -s "$inv"
check "SIGUSR1 writes the inventory with the replayed devices" \
    wait_for 15 snapshot_has 00:1b:54:aa:bb:cc '"vendor":"Cisco"'
check "SIGUSR1 inventory is complete (5 devices)" test "$(wc -l <"$inv")" -eq 5
check "SIGUSR1 writes the HTML report with the replayed devices" \
    grep -q '<td class="mono id">00:1b:54:aa:bb:cc</td>' "$T/report.html"
check "SIGUSR1 writes the CSV: a header and 5 devices" test "$(wc -l <"$T/devices.csv")" -eq 6
check "alerts for Huawei and ZTE, none for Cisco yet" \
    test "$(alerts_for 00:e0:fc:11:22:33 huawei "$ev")$(alerts_for 00:19:c6:44:55:66 zte "$ev")$(alerts_for 00:1b:54:aa:bb:cc cisco "$ev")" = 110
check "periodic stats events count the traffic" \
    wait_for 5 bash -c "tail -1 '$ev' | grep -q '\"event\":\"stats\",.*\"devices\":5,'"

# Good reload: Cisco joins the list; the Cisco router already seen is re-attributed.
{ printf '[list]\nname = test-v2\n\n'; rule huawei Huawei high; rule zte ZTE high
  rule cisco Cisco critical; } | put_risk
kill -HUP "$pid"
check "SIGHUP (good list): alert for the newly listed vendor's device already seen" \
    wait_for 10 bash -c "[[ \$(grep '\"event\":\"alert\"' '$ev' | grep -c '\"list_rule\":\"cisco\"') -ge 1 ]]"
check "SIGHUP (good list): the alert names the new list and its severity" \
    grep -q '"event":"alert".*"vendor":"Cisco".*"severity":"critical".*"list":"test-v2"' "$ev"
check "SIGHUP (good list): says it reloaded" grep -q "reloaded" "$T/vs.err"
check "SIGHUP (good list): no second alert for Huawei" \
    test "$(alerts_for 00:e0:fc:11:22:33 huawei "$ev")" -eq 1
check "still running after the good reload" alive "$pid"

# Bad reload: a broken rule after a good one; nothing of it may be taken.
{ printf '[list]\nname = test-bad\n\n'; rule huawei Huawei high
  printf '[zte]\nvendor = ZTE\nseverity = extreme\nreason = x\n'; } | put_risk
kill -HUP "$pid"
check "SIGHUP (bad list): message on stderr naming the problem" \
    wait_for 10 grep -q "reload failed, keeping the loaded data: .*risk.ini:[0-9]*: severity must be" "$T/vs.err"
check "SIGHUP (bad list): still running" alive "$pid"
replay "$T/extra.pcap" || bad "tcpreplay failed"
check "after the bad reload the old set (v2) still applies: new Huawei switch alerted" \
    wait_for 15 bash -c "[[ \$(grep '\"id\":\"00:e0:fc:99:88:77\"' '$ev' | grep -c '\"event\":\"alert\".*\"list\":\"test-v2\"') -eq 1 ]]"
check "after the bad reload the old set (v2) still applies: new Cisco router alerted" \
    wait_for 10 bash -c "[[ \$(grep '\"id\":\"00:1b:54:dd:ee:ff\"' '$ev' | grep -c '\"list_rule\":\"cisco\"') -eq 1 ]]"
check "SIGUSR1 snapshot shows the new devices with their risk" \
    wait_for 10 snapshot_has 00:1b:54:dd:ee:ff '"risk":{[^}]*"rule":"cisco"'

# Log rotation: the -w file is moved away, SIGHUP, and new events go to a new file.
mv "$ev" "$ev.1"
{ printf '[list]\nname = test-v3\n\n'; rule huawei Huawei high; rule zte ZTE high
  rule cisco Cisco critical; rule hikvision Hikvision medium; } | put_risk
kill -HUP "$pid"
check "SIGHUP reopens -w: the Hikvision alert lands in a new file" \
    wait_for 10 bash -c "grep -q '\"event\":\"alert\".*\"list_rule\":\"hikvision\"' '$ev'"
check "SIGHUP reopens -w: nothing of it in the rotated file" \
    bash -c "! grep -q '\"list_rule\":\"hikvision\"' '$ev.1'"

# SIGINT: stop, final inventory, closing stats event, exit 0.
rm -f "$inv"
kill -INT "$pid"
wait_exit "$pid" 20
rc=$?
check "SIGINT: exit 0 (got $rc)" test $rc -eq 0
check "SIGINT: final inventory written (7 devices)" test "$(wc -l <"$inv" 2>/dev/null)" = 7
check "SIGINT: final inventory valid JSON Lines" "$PY" "$LIB/jq.py" valid "$inv"
check "SIGINT: the last event is stats" bash -c "tail -1 '$ev' | grep -q '\"event\":\"stats\"'"
check "SIGINT: stats counts 7 devices" test "$("$PY" "$LIB/jq.py" stats "$ev" devices)" = 7
nalerts=$(cat "$ev.1" "$ev" | grep -c '"event":"alert"')
check "SIGINT: stats counts every alert raised ($nalerts)" \
    test "$("$PY" "$LIB/jq.py" stats "$ev" alerts)" = "$nalerts"
check "SIGINT: stats has capture counters, nothing dropped" \
    test "$("$PY" "$LIB/jq.py" stats "$ev" capture.dropped)" = 0
check "no sanitizer report" clean_stderr "$T/vs.err"
if ((_FAILS)); then show "$T/vs.err"; fi
finish
