#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# A capture file that shrinks while it is read (truncated by another process, or a network
# share that goes away): the memory-mapped reader stops at the new end with "file shrank"
# (no SIGBUS), exit 1, and every output is still written whole: the inventory with what
# was read, each -w line a whole event, a closing stats event.
# The run is stopped (SIGSTOP) once the file is mapped and part read, the file cut to a
# quarter, and the run continued: the moment is not left to chance.
source "$(dirname "$0")/lib/common.sh"

"$PY" - "$T/big.pcap" <<'PY'
import struct, sys
# 600,000 frames from 2,000 hosts (about 45 MB): long enough to read that the cut lands
# in the middle.
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    pay = b"\xff" * 6
    for k in range(600000):
        h = k % 2000
        fr = pay + bytes([0x00, 0x1B, 0x21, 0x40, h >> 8, h & 255]) + b"\x88\xb5" + b"x" * 46
        f.write(struct.pack("<IIII", 1714557600 + k // 10000, k % 10000 * 100, 60, 60) + fr)
PY
size=$(stat -c %s "$T/big.pcap")

RC=none
for attempt in 1 2 3 4 5; do
    rm -f "$T/ev.jsonl" "$T/inv.jsonl"
    cp "$T/big.pcap" "$T/cut.pcap"
    bg shrink "$VS_BIN" -r "$T/cut.pcap" --format none --sensor t -w "$T/ev.jsonl" \
        --inventory "$T/inv.jsonl"
    pid=$BG_PID
    # Stopped as soon as the file is mapped (a tight poll: reading it takes a fraction of a
    # second); the cut then lands ahead of the reader whatever the machine's speed.
    for ((i = 0; i < 200000; i++)); do
        [[ -r /proc/$pid/maps ]] || break
        grep -q cut.pcap "/proc/$pid/maps" 2>/dev/null && break
    done
    if ! kill -STOP "$pid" 2>/dev/null; then
        wait_exit "$pid" 10
        continue # finished before the cut: try again
    fi
    truncate -s $((size / 4)) "$T/cut.pcap"
    kill -CONT "$pid"
    wait_exit "$pid" 60
    RC=$?
    grep -q "shrank" "$T/shrink.err" && break
done
check "a file cut while read: exit 1, not a crash (got $RC)" test "$RC" -eq 1
check "a file cut while read: says the file shrank, naming it" grep -q "cut.pcap: file shrank while it was read" "$T/shrink.err"
check "a file cut while read: the inventory is written and parses" "$PY" "$LIB/jq.py" valid "$T/inv.jsonl"
check "a file cut while read: it holds what was read (2000 hosts)" test "$(wc -l <"$T/inv.jsonl")" -eq 2000
check "a file cut while read: every -w line is a whole event" "$PY" "$LIB/jq.py" valid "$T/ev.jsonl"
check "a file cut while read: a closing stats event" \
    bash -c "tail -1 '$T/ev.jsonl' | grep -q '\"event\":\"stats\"'"
clean_stderr "$T/shrink.err" || bad "sanitizer report"
finish
