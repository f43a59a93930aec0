#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# A user signature with catastrophic backtracking (^(a+)+$) against long wire strings must
# not stall the pipeline: the PCRE2 match and depth limits stop each match, the rule is
# named in one warning, its cost is counted per rule in the stats event, and after
# SIG_LIMIT_SUSPEND hits it is set aside. Run twice: with JIT, and without it, the way the
# systemd unit runs (MemoryDenyWriteExecute; here the kernel's PR_SET_MDWE, which is what
# systemd uses, so PCRE2's JIT compile fails and the interpreter runs).
source "$(dirname "$0")/lib/common.sh"

N=3000
SIG=$T/sigs
cp -r "$VS_SRC/signatures" "$SIG"
cat >"$SIG/rules/zz-evil.ini" <<'INI'
# A rule a user might write, with nested quantifiers.
[evil-backtrack]
fields = lldp.system_description
pattern = ^(a+)+$
vendor = Arista
weight = 0.1
example = aaaa
expect = vendor=Arista
nearmiss = b
INI
"$PY" - "$LIB" "$T/evil.pcap" $N <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import mkpcap
frames = []
for k in range(int(sys.argv[3])):
    m = "02:00:%02x:%02x:%02x:01" % (k >> 16 & 255, k >> 8 & 255, k & 255)
    frames.append((1714557600 + k // 1000, (k % 1000) * 1000,
                   mkpcap.lldp_frame(m, "sw%d" % k, "a" * 40 + "!%d" % k, "ge-0/0/1")))
# A device the rules must still attribute after the evil rule is set aside.
frames.append((1714557609, 0, mkpcap.lldp_frame("00:1c:73:00:00:01", "ar1",
    "Arista Networks EOS version 4.20.1F running on an Arista Networks DCS-7050SX-64", "Et1")))
mkpcap.pcap(sys.argv[2], frames)
PY

# Run a command with PR_SET_MDWE (no W+X memory, kept across exec).
MDWE=("$PY" -c '
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
    sys.exit(99)
os.execv(sys.argv[1], sys.argv[1:])')

for mode in jit nojit; do
    run=()
    if [[ $mode == nojit ]]; then
        "${MDWE[@]}" /bin/true 2>/dev/null
        if [[ $? -ne 0 ]]; then
            echo "(no-JIT run skipped: this kernel has no PR_SET_MDWE)"
            continue
        fi
        run=("${MDWE[@]}")
    fi
    start=$(date +%s%N)
    timeout 120 "${run[@]}" "$VS_BIN" -r "$T/evil.pcap" --signatures "$SIG" --format none \
        --sensor t -w "$T/$mode.events" --inventory "$T/$mode.inv" 2>"$T/$mode.err"
    RC=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    check "$mode: exit 0 (got $RC)" test $RC -eq 0
    check "$mode: one warning naming the rule and its file" \
        test "$(grep -c 'signature rule evil-backtrack (.*zz-evil.ini:2) hit the PCRE2 match limit on' "$T/$mode.err")" -eq 1
    check "$mode: the rule set aside after 100 hits, said once" \
        test "$(grep -c 'evil-backtrack .* set aside until the next reload' "$T/$mode.err")" -eq 1
    hits=$("$PY" "$LIB/jq.py" stats "$T/$mode.events" signature_limits.evil-backtrack 2>/dev/null)
    check "$mode: the stats event counts the rule's limit hits (${hits:-none})" test "${hits:-0}" -eq 100
    check "$mode: every frame still read ($N devices and the Arista)" \
        test "$(wc -l <"$T/$mode.inv")" -eq $((N + 1))
    check "$mode: the other rules still attribute (Arista EOS)" \
        grep -q '"id":"00:1c:73:00:00:01".*"model":"DCS-7050SX-64"' "$T/$mode.inv"
    # 3000 frames: without the limits and the set-aside, each one costs the full budget.
    check "$mode: bounded time (${ms} ms < 20000)" test "$ms" -lt 20000
    clean_stderr "$T/$mode.err" || bad "$mode: sanitizer report"
done
finish
