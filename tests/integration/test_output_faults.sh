#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Output faults (docs/deployment.md, "Guarantees"): nothing lost silently, nothing clobbered.
#   1. the report to a full stdout, -w to /dev/full: exit 4, said once with path and errno;
#   2. -w on a full filesystem (a small tmpfs, root): every line a whole event, the run
#      goes on, writing resumes once space returns, the stats event counts the loss;
#   3. an unwritable --inventory does not keep --state from being saved (and back);
#   4. device nodes, FIFOs and directories as --inventory/--state: refused, untouched, no
#      hang; a state too large, the 1000th corrupt state: kept aside under a new name;
#   5. stale PATH.tmpXXXXXX of a killed run removed at start;
#   6. -w through a link planted in a shared directory (root): refused, the target intact;
#   7. an input that cannot be read: no report on stdout, no event dated 1970.
source "$(dirname "$0")/lib/common.sh"

mkpcap lan "$T/lan.pcap"
mkpcap empty "$T/empty.pcap"

vs() { # vs NAME ARGS...: stdout to $T/NAME.out, stderr to $T/NAME.err, status in $RC
    local name=$1
    shift
    timeout 60 "$VS_BIN" --sensor t "$@" >"$T/$name.out" 2>"$T/$name.err"
    RC=$?
}
valid() { "$PY" "$LIB/jq.py" valid "$1" >/dev/null 2>&1; }
valid_state() { "$PY" "$LIB/jq.py" state "$1" >/dev/null 2>&1; }
once() { # once FILE PATTERN: exactly one stderr line matches
    [[ $(grep -c -- "$2" "$1") -eq 1 ]]
}

# ---- 1. a full stdout, -w /dev/full -------------------------------------------------------
for fmt in text json; do
    timeout 60 "$VS_BIN" -r "$T/lan.pcap" --sensor t --format $fmt >/dev/full 2>"$T/full-$fmt.err"
    RC=$?
    check "report ($fmt) to a full stdout: exit 4 (got $RC)" test $RC -eq 4
    check "report ($fmt) to a full stdout: said once, with the errno's text" \
        once "$T/full-$fmt.err" "standard output: .*No space left on device"
done
vs wfull -r "$T/lan.pcap" --format none -w /dev/full --inventory "$T/wfull.inv"
check "-w /dev/full: exit 4 (got $RC)" test $RC -eq 4
check "-w /dev/full: said once, naming the path and the errno's text" \
    once "$T/wfull.err" "/dev/full: cannot write events: No space left on device"
check "-w /dev/full: no bare 'write error'" bash -c "! grep -q 'write error' '$T/wfull.err'"
check "-w /dev/full: the inventory is still written (5 devices)" \
    test "$(wc -l <"$T/wfull.inv" 2>/dev/null)" = 5

# ---- 2. -w on a full filesystem, then space again ---------------------------------------
if [[ $(id -u) -eq 0 ]] && mkdir "$T/mnt" && mount -t tmpfs -o size=512k,mode=0755 vs-test "$T/mnt" 2>/dev/null; then
    trap 'umount "$T/mnt" 2>/dev/null; _cleanup' EXIT
    mkpcap many "$T/many.pcap" 1500
    # The same capture in two parts, the second without its file header: a pipe into -r -
    # gives the test the moment between them to free space.
    "$PY" - "$T/many.pcap" "$T/part1" "$T/part2" 1200 <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
off, n, cut = 24, 0, None
while off < len(data):
    if n == int(sys.argv[4]):
        cut = off
    incl = struct.unpack_from("<I", data, off + 8)[0]
    off += 16 + incl
    n += 1
open(sys.argv[2], "wb").write(data[:cut])
open(sys.argv[3], "wb").write(data[cut:])
PY
    dd if=/dev/zero of="$T/mnt/filler" bs=1k count=400 status=none
    W=$T/mnt/events.jsonl
    { cat "$T/part1"; sleep 2; rm -f "$T/mnt/filler"; cat "$T/part2"; } |
        timeout 60 "$VS_BIN" -r - --sensor t --format none -w "$W" --inventory "$T/disk.inv" \
            2>"$T/disk.err"
    RC=$?
    check "full disk: exit 4 (got $RC)" test $RC -eq 4
    check "full disk: said once with the path and 'No space left on device'" \
        once "$T/disk.err" "$W: cannot write events: No space left on device"
    check "full disk: not 'Input/output error'" bash -c "! grep -q 'Input/output error' '$T/disk.err'"
    check "full disk: every line of -w parses (no event cut and joined to the next)" valid "$W"
    check "full disk: writing resumed once space returned (said so)" grep -q "$W: writing events again" "$T/disk.err"
    last=$(printf '00:1b:21:%02x:%02x:%02x' 0 $((1499 >> 8)) $((1499 & 255)))
    check "full disk: an event after the space returned is there ($last)" grep -q "\"id\":\"$last\"" "$W"
    lost=$("$PY" "$LIB/jq.py" stats "$W" output_errors.events_lost 2>/dev/null)
    check "full disk: the stats event counts the lost events (${lost:-none})" test "${lost:-0}" -gt 0
    check "full disk: nothing collected is lost: the inventory holds all 1503 devices" \
        test "$(wc -l <"$T/disk.inv")" -eq 1503
    # The inventory on the full filesystem: the errno's own text, the old file kept.
    echo '{"old":1}' >"$T/mnt/inv.jsonl"
    dd if=/dev/zero of="$T/mnt/filler" bs=1k count=2000 status=none 2>/dev/null
    vs invfull -r "$T/lan.pcap" --format none --inventory "$T/mnt/inv.jsonl" --state "$T/invfull.state"
    check "inventory on a full disk: exit 4 (got $RC)" test $RC -eq 4
    check "inventory on a full disk: 'No space left on device'" grep -q "$T/mnt/inv.jsonl: .*No space left on device" "$T/invfull.err"
    check "inventory on a full disk: the old inventory untouched" grep -q '"old"' "$T/mnt/inv.jsonl"
    check "inventory on a full disk: no temporary file left" bash -c "! ls '$T/mnt/'*.tmp* 2>/dev/null"
    check "inventory on a full disk: the state is still saved" valid_state "$T/invfull.state"
    umount "$T/mnt"
else
    echo "(full-disk part skipped: needs root to mount a tmpfs)"
fi

# ---- 3. one failed output does not cancel the others -------------------------------------
: >"$T/notadir"
vs indep -r "$T/lan.pcap" --format none --inventory "$T/notadir/inv.jsonl" --state "$T/indep.state" -w "$T/indep.events"
check "unwritable --inventory: exit 4 (got $RC)" test $RC -eq 4
check "unwritable --inventory: says why, with the path" grep -q "$T/notadir/inv.jsonl: .*Not a directory" "$T/indep.err"
check "unwritable --inventory: --state is saved all the same" valid_state "$T/indep.state"
check "unwritable --inventory: the stats event counts the failure" \
    test "$("$PY" "$LIB/jq.py" stats "$T/indep.events" output_errors.failures 2>/dev/null)" = 1
vs indep2 -r "$T/lan.pcap" --format none --state "$T/notadir/state" --inventory "$T/indep2.inv"
check "unwritable --state: exit 4 and the inventory written" \
    bash -c "[[ $RC -eq 4 && \$(wc -l <'$T/indep2.inv') -eq 5 ]]"

# ---- 4. never replace what is not ours ----------------------------------------------------
mkfifo "$T/fifo"
vs fifo -r "$T/lan.pcap" --format none --state "$T/fifo"
check "--state on a FIFO: no hang, exit 1 (got $RC)" test $RC -eq 1
check "--state on a FIFO: a clear message" grep -q "$T/fifo: not a regular file" "$T/fifo.err"
check "--state on a FIFO: still a FIFO" test -p "$T/fifo"
vs fifoinv -r "$T/lan.pcap" --format none --inventory "$T/fifo"
check "--inventory on a FIFO: refused (exit 1), still a FIFO" bash -c "[[ $RC -eq 1 && -p '$T/fifo' ]]"
vs zero -r "$T/lan.pcap" --format none --state /dev/zero
check "--state /dev/zero: refused at once (exit 1), not read forever" test $RC -eq 1
mkdir "$T/adir"
vs dir -r "$T/lan.pcap" --format none --inventory "$T/adir"
check "--inventory on a directory: refused (exit 1)" bash -c "[[ $RC -eq 1 && -d '$T/adir' ]]"
if [[ $(id -u) -eq 0 ]]; then
    # A private copy of /dev/null (same major/minor): the real one is not put at risk.
    mknod "$T/null" c 1 3 && chmod 666 "$T/null"
    vs devnull -r "$T/lan.pcap" --format none --inventory "$T/null"
    check "--inventory on a device node: refused (exit 1), still a device" bash -c "[[ $RC -eq 1 && -c '$T/null' ]]"
    check "--inventory on a device node: a clear message" grep -q "$T/null: not a regular file" "$T/devnull.err"
    vs devnull2 -r "$T/lan.pcap" --format none --state "$T/null"
    check "--state on a device node: refused (exit 1), still a device" bash -c "[[ $RC -eq 1 && -c '$T/null' ]]"
    ln -s "$T/null" "$T/null-link"
    vs devlink -r "$T/lan.pcap" --format none --inventory "$T/null-link"
    check "--inventory through a link to a device: refused" bash -c "[[ $RC -eq 1 && -c '$T/null' ]]"
fi
# A state too large to be one: a clear message, kept aside, a fresh start.
truncate -s 1100M "$T/big.state"
vs big -r "$T/lan.pcap" --format none --state "$T/big.state"
check "state too large: exit 0 (got $RC)" test $RC -eq 0
check "state too large: says so, and where it went" \
    grep -q "$T/big.state: state file too large.*kept as $T/big.state.corrupt-1" "$T/big.err"
check "state too large: kept aside whole" test "$(stat -c %s "$T/big.state.corrupt-1")" -eq $((1100 * 1024 * 1024))
check "state too large: a new state saved" valid_state "$T/big.state"
rm -f "$T/big.state.corrupt-1"
# The 1000th corrupt state: .corrupt-999 is never overwritten.
for ((k = 1; k <= 999; k++)); do echo "aside $k" >"$T/many.state.corrupt-$k"; done
echo garbage >"$T/many.state"
vs corrupt1000 -r "$T/lan.pcap" --format none --state "$T/many.state"
check "1000th corrupt state: kept as .corrupt-1000" grep -q "kept as $T/many.state.corrupt-1000," "$T/corrupt1000.err"
check "1000th corrupt state: .corrupt-999 untouched" grep -qx "aside 999" "$T/many.state.corrupt-999"
check "1000th corrupt state: .corrupt-1000 holds it" grep -qx garbage "$T/many.state.corrupt-1000"

# ---- 5. stale temporaries of a killed run -------------------------------------------------
echo stale >"$T/st.inv.tmpAb12Cd"
echo stale >"$T/st.state.tmpZZ99zz"
echo mine >"$T/st.inv.tmpnotours" # not a mkstemp name: kept
vs stale -r "$T/lan.pcap" --format none --inventory "$T/st.inv" --state "$T/st.state"
check "stale temporaries: exit 0 (got $RC)" test $RC -eq 0
check "stale temporaries: removed" bash -c "[[ ! -e '$T/st.inv.tmpAb12Cd' && ! -e '$T/st.state.tmpZZ99zz' ]]"
check "stale temporaries: each removal named" \
    bash -c "grep -q '$T/st.inv.tmpAb12Cd' '$T/stale.err' && grep -q '$T/st.state.tmpZZ99zz' '$T/stale.err'"
check "stale temporaries: other files kept" test -e "$T/st.inv.tmpnotours"

# ---- 6. a link planted in a shared directory ---------------------------------------------
if [[ $(id -u) -eq 0 ]] && id nobody >/dev/null 2>&1; then
    mkdir -m 1777 "$T/shared"
    echo "root only" >"$T/secret"
    chmod 600 "$T/secret"
    su nobody -s /bin/sh -c "ln -s '$T/secret' '$T/shared/events.jsonl'; echo planted >'$T/shared/theirs.jsonl'"
    vs planted -r "$T/lan.pcap" --format none -w "$T/shared/events.jsonl" -Z nobody
    check "-w through a planted link: refused (exit 1) (got $RC)" test $RC -eq 1
    check "-w through a planted link: the target is untouched" test "$(cat "$T/secret")" = "root only"
    check "-w through a planted link: says why" grep -q "symbolic link" "$T/planted.err"
    vs theirs -r "$T/lan.pcap" --format none -w "$T/shared/theirs.jsonl"
    check "-w to another user's file in a shared directory: refused, untouched" \
        bash -c "[[ $RC -eq 1 && \$(cat '$T/shared/theirs.jsonl') == planted ]]"
    vs ownnew -r "$T/lan.pcap" --format none -w "$T/shared/new.jsonl"
    check "-w to a new file in a shared directory: exit 0 (got $RC)" test $RC -eq 0
    check "-w to a new file in a shared directory: written" valid "$T/shared/new.jsonl"
fi

# ---- 7. an input that cannot be read -------------------------------------------------------
for fmt in text json; do
    vs noinput-$fmt -r "$T/does-not-exist.pcap" --format $fmt -w "$T/noinput-$fmt.events"
    check "unreadable input ($fmt): exit 1 (got $RC)" test $RC -eq 1
    check "unreadable input ($fmt): no event dated 1970" \
        bash -c "! grep -q '1970-' '$T/noinput-$fmt.events' '$T/noinput-$fmt.out'"
done
check "unreadable input (text): no report on stdout" test ! -s "$T/noinput-text.out"
check "unreadable input (json): stdout is one stats line that counts the input error" \
    bash -c "[[ \$(wc -l <'$T/noinput-json.out') -eq 1 ]] && grep -q '^{\"event\":\"stats\".*\"input_errors\":1' '$T/noinput-json.out'"
vs partial -r "$T/lan.pcap" -r "$T/does-not-exist.pcap" --format text
check "one input of two unreadable: exit 1, the report's first line says so" \
    bash -c "[[ $RC -eq 1 ]] && head -1 '$T/partial.out' | grep -q '^INCOMPLETE: 1 of 2 inputs'"
vs partialj -r "$T/lan.pcap" -r "$T/does-not-exist.pcap" --format json
check "one input of two unreadable (json): the stats line counts input_errors" \
    test "$("$PY" "$LIB/jq.py" stats "$T/partialj.out" input_errors 2>/dev/null)" = 1
vs emptycap -r "$T/empty.pcap" --format json -w "$T/emptycap.events"
check "empty capture: exit 0, a report, no event dated 1970" \
    bash -c "[[ $RC -eq 0 && -s '$T/emptycap.out' ]] && ! grep -q '1970-' '$T/emptycap.out' '$T/emptycap.events'"

clean_stderr "$T"/*.err || bad "sanitizer report"
finish
