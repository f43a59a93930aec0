#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# A flood of spoofed risk-listed MACs is not a denial of service: 300,000 frames, each from
# a new source MAC under a Huawei OUI and nothing else to say, spread over five minutes,
# run with --max-devices 1000. The run stays fast (eviction is O(1), OUI-only devices go
# first) and small (the cap bounds memory whatever the traffic), the alerts are rate
# limited per vendor and minute with alert_summary events, and every spoofed device is
# accounted for: alerts + summarised = 300,000. A Huawei switch that speaks LLDP (real
# evidence) before the flood is kept and alerted once.
source "$(dirname "$0")/lib/common.sh"
[[ -x /usr/bin/time ]] || skip "needs /usr/bin/time to measure peak memory (Debian package time; scripts/setup.sh --test installs it)"

N=300000
# Bounds for a release build; a sanitizer build (shadow memory, quarantine) gets more room.
MAX_MS=30000 MAX_KIB=262144
if [[ -n $VS_BUILD ]] && grep -q '^VS_SANITIZE:BOOL=ON' "$VS_BUILD/CMakeCache.txt" 2>/dev/null; then
    MAX_MS=120000 MAX_KIB=1048576
fi
"$PY" - "$T/spray.pcap" $N "$LIB" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[3])
import mkpcap
path, n = sys.argv[1], int(sys.argv[2])
t0 = 1714557600
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    def rec(sec, usec, fr):
        fr = fr + b"\0" * max(0, 60 - len(fr))
        f.write(struct.pack("<IIII", sec, usec, len(fr), len(fr)) + fr)
    rec(t0, 0, mkpcap.lldp_frame("00:e0:fc:11:22:33", "core-sw-01", mkpcap.VRP, "GE1/0/1"))
    # Broadcast frames of an unknown ethertype: they say nothing but the source MAC.
    body = b"\xff" * 6
    for k in range(n):
        src = bytes([0x00, 0xE0, 0xFC, k >> 16 & 255, k >> 8 & 255, k & 255])
        if src == bytes.fromhex("00e0fc112233"):
            src = bytes.fromhex("00e0fcffffff")
        rec(t0 + 1 + k // 1000, (k % 1000) * 1000, body + src + b"\x88\xb5" + b"spray")
PY

start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$T/maxrss" timeout 300 "$VS_BIN" -r "$T/spray.pcap" --format none \
    --sensor t --max-devices 1000 -w "$T/events.jsonl" --inventory "$T/inv.jsonl" 2>"$T/vs.err"
RC=$?
ms=$((($(date +%s%N) - start) / 1000000))
rss=$(tail -1 "$T/maxrss")
echo "300,000 spoofed MACs: ${ms} ms, peak RSS ${rss} KiB"
check "exit 0 (got $RC)" test $RC -eq 0
check "time bounded (${ms} ms < $MAX_MS; 176 s when every new device scanned the table)" test "$ms" -lt $MAX_MS
check "peak memory bounded (${rss} KiB < $MAX_KIB)" test "${rss:-999999999}" -lt $MAX_KIB
check "at most 1000 devices kept" test "$(wc -l <"$T/inv.jsonl")" -le 1000
check "the Huawei switch with LLDP evidence kept" grep -q '"id":"00:e0:fc:11:22:33".*"model":"CE6851-48S6Q-HI"' "$T/inv.jsonl"
"$PY" - "$T/events.jsonl" >"$T/counts" <<'PY'
import json, sys
alerts = summarised = summaries = 0
switch = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    if o["event"] == "alert":
        alerts += 1
        switch += o.get("id") == "00:e0:fc:11:22:33"
    elif o["event"] == "alert_summary":
        summaries += 1
        summarised += o.get("count", o.get("n", 0))
print(alerts, summaries, summarised, switch)
PY
read -r alerts summaries summarised switch <"$T/counts"
echo "alerts $alerts, alert_summary events $summaries summarising $summarised"
# Five minutes of flood: at most 50 alerts a minute for the vendor, plus the switch.
check "alerts rate-limited ($alerts <= 6 * 50 + 1)" test "$alerts" -le 301
check "alert_summary events say how many were held back ($summaries)" test "$summaries" -ge 5
check "every spoofed device accounted for (alerts + summarised = $N + 1)" \
    test $((alerts + summarised)) -eq $((N + 1))
check "the switch alerted exactly once" test "$switch" -eq 1
ev=$("$PY" "$LIB/jq.py" stats "$T/events.jsonl" evictions)
check "evictions counted ($ev = $N + 1 - kept)" test "$ev" -eq $((N + 1 - $(wc -l <"$T/inv.jsonl")))
clean_stderr "$T/vs.err" || bad "sanitizer report"
finish
