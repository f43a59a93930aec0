#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# SIGHUP under load: the reload is built off the packet path (a helper thread) and swapped
# in between two packets, so a live run at a steady replay rate loses no packet to it.
# The OUI registry is made large (a million MA-S blocks) so that a reload takes about a
# second: in the capture loop that second is a kernel buffer (--buffer-size 1) overflowing.
# Checked: every packet sent is counted, the capture reports no drop, the stats event
# counts both reloads, and the events and inventory parse.
# Needs root, ip, tcpreplay; skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
need_root "network namespaces, packet capture"
need_cmd ip tcpreplay
veth_or_skip

N=24000
PPS=${RELOAD_PPS:-8000}
"$PY" - "$LIB" "$T/load.pcap" $N <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import mkpcap
n = int(sys.argv[3])
frames = []
for k in range(n):
    h = k % 200  # 200 hosts, each many times: the packet path, not the inventory, is busy
    m = "00:1b:21:00:%02x:%02x" % (h >> 8, h & 255)
    frames.append((1714557600 + k // 1000, (k % 1000) * 1000,
                   mkpcap.udp_frame(m, "10.9.%d.%d" % (h >> 8, h & 255), "10.9.255.255",
                                    40000, 9999, b"load")))
mkpcap.pcap(sys.argv[2], frames)
PY
{
    grep -v '^# counts:' "$VS_SRC/oui_db/oui.tsv"
    "$PY" -c '
for k in range(1000000):
    print("%09X\t36\tLoad Test Org %d" % (0xF00000000 + k, k))'
} >"$T/oui.tsv"

bg vs ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
    --sensor t --oui-db "$T/oui.tsv" --buffer-size 1 --stats-interval 1 \
    -w "$T/events.jsonl" --inventory "$T/inv.jsonl"
pid=$BG_PID
wait_listening "$pid" "$T/vs.err" 60 || { bad "vendorsniff -i did not start"; show "$T/vs.err"; finish; }

REPLAY_PPS=$PPS replay "$T/load.pcap" &
rpid=$!
sleep 0.5
kill -HUP "$pid"
sleep 1.2
kill -HUP "$pid"
wait "$rpid"
check "tcpreplay sent the capture" grep -q "Actual: $N packets" "$T/tcpreplay.log"
check "both reloads done" wait_for 20 bash -c "[[ \$(grep -c 'reloaded OUI database' '$T/vs.err') -eq 2 ]]"
sleep 1.5 # a stats interval after the last packet
kill -INT "$pid"
wait_exit "$pid" 30
RC=$?
check "exit 0 after SIGINT (got $RC)" test $RC -eq 0
st() { "$PY" "$LIB/jq.py" stats "$T/events.jsonl" "$1" 2>/dev/null; }
pk=$(st packets) dr=$(st capture.dropped) rl=$(st reloads)
echo "sent $N at $PPS pps; counted ${pk:-?}, capture dropped ${dr:-?}, reloads ${rl:-?}"
check "every packet sent was processed ($pk of $N)" test "${pk:-0}" -eq $N
check "the capture dropped nothing around the reloads (${dr:-none})" test "${dr:-1}" -eq 0
check "the stats event counts the reloads (${rl:-none})" test "${rl:-0}" -eq 2
check "the events parse" "$PY" "$LIB/jq.py" valid "$T/events.jsonl"
check "the inventory holds the 200 hosts" test "$(wc -l <"$T/inv.jsonl")" -eq 200
clean_stderr "$T/vs.err" || bad "sanitizer report"
finish
