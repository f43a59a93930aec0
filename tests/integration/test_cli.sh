#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The command-line contract of docs/usage.md and the product brief, end to end: bad input
# (exit 1, one clear line naming the file, the other files still read), -r - (stdin), -f,
# --format json, -w events, atomic --inventory, --fail-on-risk, --risk-list, lookup,
# --version, --help, unknown options, --check-signatures, deterministic report order (risk
# first), and the shipped data found from any working directory.
# KNOWN_GAPS below are checks that fail today because the product is wrong (XFAIL); a listed
# check that passes (XPASS) fails the run: delete its line once the product is fixed.
# Env from ctest: VS_BIN, VS_SRC.
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

CAP=$VS_SRC/tests/captures
SAMPLE=$VS_SRC/samples/sample.pcap
[[ -x $VS_BIN ]] || { echo "test_cli: $VS_BIN is not executable"; exit 1; }

declare -A KNOWN_GAPS=(
)
declare -A _GAP_SEEN=()

# t DESCRIPTION COMMAND...: one check, with the known-gap bookkeeping.
t() {
    local what=$1 rc=0
    shift
    "$@" || rc=1
    if [[ -n ${KNOWN_GAPS[$what]+x} ]]; then
        _GAP_SEEN[$what]=1
        if ((rc)); then
            echo "XFAIL - $what  [${KNOWN_GAPS[$what]}]"
        else
            bad "XPASS (fixed? delete it from KNOWN_GAPS): $what"
        fi
    elif ((rc)); then
        bad "$what"
    else
        ok "$what"
    fi
}

# vs ARGS...: run the binary (bounded), stdout/stderr/status to $T/out $T/err $RC.
vs() {
    RC=0
    timeout 60 "$VS_BIN" "$@" >"$T/out" 2>"$T/err" || RC=$?
}
rc_is() { [[ $RC -eq $1 ]] || { echo "     exit status $RC, expected $1"; sed 's/^/     stderr: /' "$T/err" | head -5; return 1; }; }
# Every offline run that got as far as reading ends with one summary line on stderr
# ("vendorsniff: summary: ..."); the checks below are about the other lines.
SUMMARY_RE='^vendorsniff: summary: [0-9]+ files?, [0-9]+ packets? in [0-9.]+ s, [0-9]+ devices?, [0-9]+ risk devices?, [0-9]+ files? with errors$'
err_body() { grep -vE -- "$SUMMARY_RE" "$T/err"; }
only_summary() { # stderr holds the summary line and nothing else
    [[ $(wc -l <"$T/err") -eq 1 ]] && grep -qE -- "$SUMMARY_RE" "$T/err" ||
        { echo "     stderr is not just the summary:"; sed 's/^/     | /' "$T/err" | head -5; return 1; }
}
one_err_line() { # exactly one line on stderr besides the summary, matching every regex given
    local n re
    n=$(err_body | wc -l)
    [[ $n -eq 1 ]] || { echo "     $n lines on stderr:"; sed 's/^/     | /' "$T/err" | head -5; return 1; }
    for re in "$@"; do
        err_body | grep -qE -- "$re" || { echo "     stderr lacks /$re/: $(cat "$T/err")"; return 1; }
    done
}
out_has() { grep -qE -- "$1" "$T/out" || { echo "     stdout lacks /$1/"; head -5 "$T/out" | sed 's/^/     | /'; return 1; }; }
out_lacks() { ! grep -qE -- "$1" "$T/out" || { echo "     stdout has /$1/: $(grep -E -- "$1" "$T/out" | head -2)"; return 1; }; }

# JSON questions, in python (stdlib).
cat >"$T/q.py" <<'PY'
import json, re, sys
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")

def lines(p):
    out = []
    for n, l in enumerate(open(p, encoding="utf-8"), 1):
        if l.strip():
            o = json.loads(l)
            assert isinstance(o, dict), "%s:%d not an object" % (p, n)
            out.append(o)
    return out

def find(inv, key):
    for d in inv:
        if d.get("id") == key or key in (d.get("other_macs") or []):
            return d
    return None

def fail(msg):
    print("     " + msg)
    sys.exit(1)

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "has":            # has INV KEY[=VENDOR]...: these devices (and vendors) are in INV
    inv = lines(args[0])
    for k in args[1:]:
        key, _, vendor = k.partition("=")
        d = find(inv, key)
        if d is None:
            fail("no device %s in %s" % (key, [x["id"] for x in inv]))
        if vendor and d.get("vendor") != vendor:
            fail("%s vendor %r, expected %r" % (key, d.get("vendor"), vendor))
elif cmd == "count":        # count INV N
    inv = lines(args[0])
    if len(inv) != int(args[1]):
        fail("%d devices, expected %s: %s" % (len(inv), args[1], [x["id"] for x in inv]))
elif cmd == "sources":      # sources INV SRC,SRC: every evidence source is one of these
    ok = set(args[1].split(","))
    bad = sorted({e["source"] for d in lines(args[0]) for e in d["evidence"]} - ok)
    if bad:
        fail("evidence from %s" % bad)
elif cmd == "with-source":  # with-source INV SRC N: N devices carry evidence from SRC
    n = sum(1 for d in lines(args[0]) if any(e["source"] == args[1] for e in d["evidence"]))
    if n != int(args[2]):
        fail("%d devices with %s evidence, expected %s" % (n, args[1], args[2]))
elif cmd == "lldp-frames":  # lldp-frames PCAP: untagged LLDP frames in a classic pcap
    import struct
    data = open(args[0], "rb").read()
    e = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    off, n = 24, 0
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        fr = data[off + 16:off + 16 + incl]
        n += fr[12:14] == b"\x88\xcc"
        off += 16 + incl
    print(n)
elif cmd == "stat":         # stat EVENTS KEY: KEY of the last stats event
    st = [o for o in lines(args[0]) if o.get("event") == "stats"]
    print(st[-1].get(args[1]) if st else "none")
elif cmd == "format-json":  # format-json OUT INV: device lines == INV, then one stats line
    out = lines(args[0])
    inv = lines(args[1])
    if not out or out[-1].get("event") != "stats":
        fail("last line is not a stats event")
    if out[:-1] != inv:
        fail("device lines differ from the --inventory file")
    if any(o.get("event") != "device" for o in out[:-1]):
        fail("a line other than device before stats")
    if out[-1].get("devices") != len(inv) or not inv:
        fail("stats.devices %r, %d device lines" % (out[-1].get("devices"), len(inv)))
elif cmd == "events":       # events FILE SENSOR LO HI: shape of an event stream
    evs = lines(args[0])
    kinds = [o.get("event") for o in evs]
    for k in ("device", "alert", "stats"):
        if k not in kinds:
            fail("no %s event" % k)
    if set(kinds) - {"device", "alert", "stats"}:
        fail("unknown events %s" % (set(kinds) - {"device", "alert", "stats"}))
    if kinds[-1] != "stats":
        fail("stats is not the last event")
    for o in evs:
        if not TS.match(o.get("ts", "")) or o.get("sensor") != args[1]:
            fail("bad ts/sensor: %s" % json.dumps(o)[:200])
        if not (args[2] <= o["ts"][:19] <= args[3]):
            fail("ts %s is not packet time (%s..%s)" % (o["ts"], args[2], args[3]))
        if o["event"] == "alert":
            for k in ("id", "mac", "ips", "vendor", "severity", "rule", "reason", "evidence"):
                if k not in o:
                    fail("alert without %s" % k)
        if o["event"] == "device":
            for k in ("id", "mac", "ips", "vlans", "vendor", "confidence", "oui_org", "model",
                      "software", "name", "evidence", "risk", "first_seen", "last_seen", "packets"):
                if k not in o:
                    fail("device event without %s" % k)
elif cmd == "alerts":       # alerts EVENTS LIST VENDOR...: every alert is from LIST for one of VENDORS
    al = [o for o in lines(args[0]) if o.get("event") == "alert"]
    if not al:
        fail("no alert")
    for a in al:
        if a.get("list") != args[1] or a.get("vendor") not in args[2:]:
            fail("alert %s %s from list %r" % (a.get("id"), a.get("vendor"), a.get("list")))
elif cmd == "report-order":  # report-order TEXT INV: risk devices first, by severity; all devices
    inv = lines(args[1])
    sev = {"critical": 4, "high": 3, "medium": 2, "low": 1}
    heads = []
    for l in open(args[0], encoding="utf-8"):
        m = re.match(r"^(?:\[(\w+)\] )?([0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9.]+|[0-9a-f:]*:[0-9a-f:]*)  \S", l)
        if m:
            heads.append((sev.get(m.group(1), 0), m.group(2)))
    ranks = [h[0] for h in heads]
    if ranks != sorted(ranks, reverse=True):
        fail("not risk first / by severity: %s" % heads)
    risky = sorted(d["id"] for d in inv if d.get("risk"))
    if sorted(h[1] for h in heads if h[0]) != risky or not risky:
        fail("risk devices in the report %s, inventory %s" % ([h for h in heads if h[0]], risky))
    if sorted(h[1] for h in heads) != sorted(d["id"] for d in inv):
        fail("report devices differ from the inventory")
    # The inventory file is in the same order.
    if [d["id"] for d in inv] != [h[1] for h in heads]:
        fail("inventory order differs from the report's")
else:
    sys.exit("q.py: unknown question " + cmd)
PY
q() { "$PY" "$T/q.py" "$@"; }

# ---- 1. bad input ---------------------------------------------------------------------------
bad_input() { # FILE REASON-REGEX
    vs -r "$1" --format none --inventory "$T/bad.inv"
    rc_is 1 && one_err_line "^vendorsniff: " "$(printf '%s' "$1" | sed 's/[.[\*^$()+?{|]/\\&/g')" "$2"
}
t "missing file -> exit 1, one line naming it" bad_input "$T/no-such-file.pcap" "No such file|not found|cannot open"
t "not_a_capture.pcap -> exit 1, one line naming it" bad_input "$CAP/not_a_capture.pcap" "not a (pcap|capture)"
t "empty.pcap -> exit 1, one line naming it" bad_input "$CAP/empty.pcap" "empty|truncated|header"
t "bad_magic.pcap -> exit 1, one line naming it" bad_input "$CAP/bad_magic.pcap" "not a pcap|unknown|format"
t "truncated.pcap -> exit 1, one line naming it" bad_input "$CAP/truncated.pcap" "truncated"
t "truncated.pcap: its three whole records are still used" \
    q has "$T/bad.inv" 70:7b:e8:5a:10:00=Huawei c8:4c:75:6e:81:b0=Cisco 00:19:c6:3e:7a:10=ZTE

several() { # BAD: good, bad, good -> exit 1, one line naming BAD, both good files' devices
    vs -r "$CAP/lldp_huawei.pcap" -r "$1" -r "$CAP/cdp_cisco.pcap" --format none \
        --inventory "$T/several.inv"
    rc_is 1 && one_err_line "$(basename "$1")" &&
        q has "$T/several.inv" 00:e0:fc:5c:a2:10=Huawei 70:7b:e8:5a:10:00=Huawei \
            c8:4c:75:6e:81:b0=Cisco 00:1b:54:c2:3a:01=Cisco
}
t "-r good -r not_a_capture -r good: exit 1, the others still read, inventory written" \
    several "$CAP/not_a_capture.pcap"
t "-r good -r missing -r good: exit 1, the others still read" several "$T/gone.pcap"
t "-r good -r empty.pcap -r good: exit 1, the others still read" several "$CAP/empty.pcap"
t "-r good -r truncated.pcap -r good: exit 1, all whole records read" several "$CAP/truncated.pcap"

# ---- 2. stdin ---------------------------------------------------------------------------------
stdin_same() { # FILE: '-r -' from a pipe gives the same inventory as -r FILE
    RC=0
    timeout 60 "$VS_BIN" -r "$1" --sensor s --format none --inventory "$T/file.inv" 2>"$T/err" || RC=$?
    rc_is 0 || return 1
    RC=0
    # shellcheck disable=SC2002 # a pipe on purpose: stdin that cannot seek
    cat "$1" | timeout 60 "$VS_BIN" -r - --sensor s --format none --inventory "$T/stdin.inv" \
        2>"$T/err" || RC=$?
    rc_is 0 && only_summary && [[ -s $T/stdin.inv ]] && cmp -s "$T/file.inv" "$T/stdin.inv"
}
t "cat lldp_zte.pcap | vendorsniff -r -: the same inventory as reading the file" stdin_same "$CAP/lldp_zte.pcap"
t "-r -: the inventory has the two ZTE devices" q has "$T/stdin.inv" 00:19:c6:3e:7a:10=ZTE f4:b8:a7:21:3c:40=ZTE
t "pcapng on stdin (multi_if.pcapng): the same inventory as reading the file" stdin_same "$CAP/multi_if.pcapng"
stdin_empty() {
    RC=0
    timeout 60 "$VS_BIN" -r - --format none </dev/null >"$T/out" 2>"$T/err" || RC=$?
    rc_is 1 && one_err_line "stdin|\(-\)|'-'|^vendorsniff: -:"
}
t "empty stdin -> exit 1, one line naming stdin" stdin_empty

# ---- 3. BPF filter ------------------------------------------------------------------------------
nlldp=$(q lldp-frames "$SAMPLE")
bpf_lldp() {
    vs -r "$SAMPLE" -f 'ether proto 0x88cc' --format none --inventory "$T/f.inv" -w "$T/f.ev" --sensor s
    rc_is 0 && q sources "$T/f.inv" oui,lldp && q with-source "$T/f.inv" lldp 6 && q count "$T/f.inv" 6 &&
        q has "$T/f.inv" 00:e0:fc:5c:a2:10=Huawei f4:b8:a7:21:3c:40=ZTE c8:4c:75:6e:81:b0=Cisco \
            cc:e1:7f:2a:00:2f=Juniper 28:99:3a:4d:e2:01=Arista 80:5e:c0:3b:9a:41=Yealink &&
        [[ $(q stat "$T/f.ev" packets) == "$nlldp" && $nlldp -gt 10 ]]
}
t "-f 'ether proto 0x88cc': only the LLDP devices and LLDP evidence ($nlldp frames)" bpf_lldp
bpf_snmp() {
    vs -r "$SAMPLE" -f 'udp port 161 or udp port 162' --format none --inventory "$T/f2.inv"
    rc_is 0 && q sources "$T/f2.inv" oui,snmp && q has "$T/f2.inv" 10.30.0.11=Huawei 10.30.0.13=Juniper
}
t "-f 'udp port 161 or udp port 162': only SNMP evidence" bpf_snmp
bpf_bad() {
    vs -r "$SAMPLE" -f 'ether proto ((' --format none
    rc_is 1 && one_err_line "filter"
}
t "a filter that does not compile -> exit 1, one line saying so" bpf_bad

# ---- 4. --format json, -w ------------------------------------------------------------------------
fmt_json() {
    vs -r "$SAMPLE" --sensor s --format json --inventory "$T/j.inv"
    rc_is 0 && q format-json "$T/out" "$T/j.inv"
}
t "--format json: one device a line (as in --inventory), then one stats line" fmt_json
events() {
    rm -f "$T/ev.jsonl"
    vs -r "$SAMPLE" --sensor sensor-1 --format none -w "$T/ev.jsonl"
    rc_is 0 && [[ ! -s $T/out ]] &&
        q events "$T/ev.jsonl" sensor-1 2024-05-14T08:30:00 2024-05-14T08:32:00
}
t "-w: device, alert and stats events, each with event, ts (packet time, RFC 3339 UTC), sensor" events
events_stdout() {
    vs -r "$SAMPLE" --sensor s2 --format none -w -
    rc_is 0 && q events "$T/out" s2 2024-05-14T08:30:00 2024-05-14T08:32:00
}
t "-w -: the event stream on stdout" events_stdout
events_append() {
    vs -r "$CAP/lldp_zte.pcap" --format none -w "$T/ev.jsonl" --sensor sensor-1
    rc_is 0 && [[ $(grep -c '"event":"stats"' "$T/ev.jsonl") -eq 2 ]] &&
        q events "$T/ev.jsonl" sensor-1 2024-03-01T12:00:00 2024-05-14T08:32:00
}
t "-w appends to an existing stream" events_append
sensor_default() {
    vs -r "$CAP/lldp_zte.pcap" --format none -w "$T/host.ev"
    rc_is 0 && q events "$T/host.ev" "$(hostname)" 2024-03-01T12:00:00 2024-03-01T12:01:00
}
t "sensor defaults to the host name" sensor_default

# ---- 5. atomic --inventory -------------------------------------------------------------------------
atomic() {
    local d=$T/invdir ino1 ino2
    rm -rf "$d"
    mkdir "$d"
    echo old >"$d/inv.jsonl"
    ino1=$(stat -c %i "$d/inv.jsonl")
    vs -r "$SAMPLE" --format none --inventory "$d/inv.jsonl"
    ino2=$(stat -c %i "$d/inv.jsonl")
    rc_is 0 && [[ $(ls -A "$d") == inv.jsonl ]] && [[ $ino1 != "$ino2" ]] && q count "$d/inv.jsonl" 23
}
t "--inventory replaces the file by rename, no temporary file left behind" atomic
inv_unwritable() {
    vs -r "$CAP/lldp_zte.pcap" --format none --inventory "$T/no/such/dir/inv.jsonl"
    rc_is 4 && one_err_line "no/such/dir/inv.jsonl"
}
t "--inventory in a missing directory -> exit 4 (output lost), one line" inv_unwritable

# ---- 6. --fail-on-risk, --risk-list ------------------------------------------------------------------
t "--fail-on-risk on the sample -> exit 3" eval 'vs -r "$SAMPLE" --format none --fail-on-risk; rc_is 3'
t "--fail-on-risk on a capture without risk (cdp_cisco.pcap) -> exit 0" \
    eval 'vs -r "$CAP/cdp_cisco.pcap" --format none --fail-on-risk; rc_is 0'
t "no --fail-on-risk: the sample exits 0" eval 'vs -r "$SAMPLE" --format none; rc_is 0'

printf '[list]\nname = cisco-only\n\n[cisco]\nvendor = Cisco\nseverity = high\nreason = test: Cisco\n' >"$T/cisco.ini"
risk_replace() {
    vs -r "$SAMPLE" --format none --risk-list "$T/cisco.ini" -w "$T/r.ev" --inventory "$T/r.inv" --fail-on-risk
    rc_is 3 && q alerts "$T/r.ev" cisco-only Cisco &&
        "$PY" - "$T/r.inv" <<'PY'
import json, sys
inv = [json.loads(l) for l in open(sys.argv[1])]
bad = [(d["id"], d["vendor"]) for d in inv if bool(d["risk"]) != (d["vendor"] == "Cisco")]
n = sum(1 for d in inv if d["risk"])
sys.exit(0 if not bad and n >= 2 else "     risk marks %s (%d)" % (bad, n))
PY
}
t "--risk-list FILE replaces the shipped list (Cisco only: Cisco alerts, Huawei none)" risk_replace
risk_bad() { # CONTENT LINE-REGEX
    printf '%b' "$1" >"$T/risk.ini"
    vs -r "$CAP/cdp_cisco.pcap" --format none --risk-list "$T/risk.ini"
    rc_is 1 && one_err_line "risk\.ini:$2: "
}
t "risk list: a bad severity -> exit 1 with file:line" \
    risk_bad '[list]\nname = t\n\n[c]\nvendor = Cisco\nseverity = extreme\nreason = r\n' 6
t "risk list: not INI -> exit 1 with file:line" risk_bad 'this is not ini\n' 1
t "risk list: an unknown key -> exit 1 with file:line" \
    risk_bad '[list]\nname = t\n\n[c]\nvendor = Cisco\nseverity = high\nreason = r\nvendr = x\n' 8
t "risk list: an empty [rule] section among valid rules -> exit 1 with file:line" \
    risk_bad '[list]\nname = t\n\n[c]\nvendor = Cisco\nseverity = high\nreason = r\n\n[typo]\n' 9
t "risk list: a file whose only rule is empty -> exit 1 with file:line" \
    risk_bad '[list]\nname = t\n\n[empty]\n' 4
risk_missing() {
    vs -r "$CAP/cdp_cisco.pcap" --format none --risk-list "$T/none.ini"
    rc_is 1 && one_err_line "none\.ini"
}
t "risk list: a missing file -> exit 1 naming it" risk_missing

# ---- 7. lookup -------------------------------------------------------------------------------------
lookup() { # ARG WANT-REGEX [NOT-REGEX]
    vs lookup "$1"
    rc_is 0 && out_has "$2" && { [[ -z ${3:-} ]] || out_lacks "$3"; }
}
t "lookup 00:e0:fc:12:34:56 -> Huawei" lookup 00:e0:fc:12:34:56 "Huawei.*HUAWEI TECHNOLOGIES CO.,LTD"
t "lookup 00E0FC (an OUI) -> Huawei" lookup 00E0FC "Huawei"
t "lookup of a 28-bit (MA-M) MAC names the assignee, not the registration authority" \
    lookup 40:2c:76:2b:cd:02 "Annapurna labs" "IEEE Registration Authority"
t "lookup of a 36-bit (MA-S) MAC names the assignee" lookup 8c:1f:64:d8:00:05 "AZTEK SA" "IEEE Registration Authority"
t "lookup of a 36-bit MAC under 70:B3:D5 (IAB/MA-S) names the assignee" \
    lookup 70:b3:d5:00:10:00 "SOREDI touch systems GmbH" "IEEE Registration Authority"
t "lookup accepts 40-2C-76-2B-CD-02 and 402c.762b.cd02" eval \
    'lookup 40-2C-76-2B-CD-02 "Annapurna labs" && lookup 402c.762b.cd02 "Annapurna labs"'
t "lookup of a locally administered MAC: no vendor (not Huawei)" \
    lookup 02:e0:fc:12:34:08 "locally.administered" "Huawei|HUAWEI"
t "lookup of a risk-list vendor says so (Hytera)" lookup 64:69:bc:20:11:07 "Hytera.*RISK"
t "lookup 402C76 (a MA-L block IEEE sub-assigns) names the block, not its first MA-M assignee" \
    lookup 402C76 "MA-L|24-bit|IEEE Registration Authority" "Lista AG"
t "lookup of garbage -> exit 1, one line" eval 'vs lookup zz:zz; rc_is 1 && one_err_line "zz:zz"'

# ---- 8. --version, --help, bad options ------------------------------------------------------------
project_version=$(sed -n 's/^project(vendorsniff VERSION \([0-9.]*\).*/\1/p' "$VS_SRC/CMakeLists.txt")
version() {
    vs --version
    rc_is 0 && out_has "^vendorsniff [0-9]+\.[0-9]+\.[0-9]+" &&
        out_has "OUI registry: .*[0-9]{4}-[0-9]{2}-[0-9]{2}.*assignments"
}
t "--version shows the version and the OUI snapshot date" version
t "--version prints the project version of CMakeLists.txt" \
    eval 'vs --version; [[ -n $project_version ]] && out_has "^vendorsniff ${project_version//./\\.}$"'
help() {
    vs --help
    local o
    rc_is 0 && [[ ! -s $T/err ]] || return 1
    for o in "-r FILE" "-i IFACE" "-f EXPR" "-w FILE" "--inventory" "--format" "--fail-on-risk" \
        "--risk-list" "--sensor" "lookup"; do
        grep -qF -- "$o" "$T/out" || { echo "     --help lacks $o"; return 1; }
    done
}
t "--help: exit 0, the usage on stdout" help
t "an unknown option -> exit 1, one line naming it, nothing on stdout" \
    eval 'vs -r "$SAMPLE" --no-such-option; rc_is 1 && one_err_line "no-such-option" && [[ ! -s $T/out ]]'
t "no input -> exit 1, one line" eval 'vs; rc_is 1 && one_err_line "."'
t "--format yaml -> exit 1, one line" eval 'vs -r "$SAMPLE" --format yaml; rc_is 1 && one_err_line "format"'

# ---- 9. --check-signatures --------------------------------------------------------------------------
t "--check-signatures: the shipped set is OK" eval 'vs --check-signatures; rc_is 0 && out_has "OK"'
broken_sigs() { # APPEND-TEXT BAD-LINE-PATTERN
    local d=$T/sigs line
    rm -rf "$d"
    cp -r "$VS_SRC/signatures" "$d"
    printf '%b' "$1" >>"$d/rules/zte.ini"
    line=$(grep -nF -- "$2" "$d/rules/zte.ini" | tail -1 | cut -d: -f1)
    vs --check-signatures "$d"
    rc_is 1 && grep -qE "zte\.ini:$line: " "$T/err" ||
        { echo "     expected zte.ini:$line in: $(cat "$T/err")"; return 1; }
    # The same set given to a run is refused the same way.
    vs -r "$CAP/lldp_zte.pcap" --format none --signatures "$d"
    rc_is 1 && one_err_line "zte\.ini:$line: "
}
t "--check-signatures DIR with a rule whose pattern does not compile -> exit 1, file:line" \
    broken_sigs '\n[broken-rule]\nfields = lldp.system_description\npattern = ((unclosed\nvendor = ZTE\nweight = 0.9\n' 'pattern = ((unclosed'
t "--check-signatures DIR with a rule whose example does not match -> exit 1, file:line" \
    broken_sigs '\n[bad-example]\nfields = lldp.system_description\npattern = ^FooBar\nvendor = ZTE\nweight = 0.9\nexample = nothing like it\n' 'example = nothing like it'

# ---- 10. deterministic order, risk first -------------------------------------------------------------
order() {
    RC=0
    timeout 60 "$VS_BIN" -r "$SAMPLE" --sensor s --color never --inventory "$T/o1.inv" >"$T/o1.txt" 2>"$T/err" || RC=$?
    rc_is 0 || return 1
    timeout 60 "$VS_BIN" -r "$SAMPLE" --sensor s --color never --inventory "$T/o2.inv" >"$T/o2.txt" 2>"$T/err" || RC=$?
    rc_is 0 && cmp "$T/o1.txt" "$T/o2.txt" && cmp "$T/o1.inv" "$T/o2.inv"
}
t "two runs give byte-identical reports and inventories" order
t "the report lists risk devices first (by severity), then every other device, as the inventory" \
    q report-order "$T/o1.txt" "$T/o1.inv"

# ---- 11. data found from any working directory -------------------------------------------------------
elsewhere() {
    mkdir -p "$T/elsewhere"
    (cd "$T/elsewhere" && timeout 60 "$VS_BIN" -r "$SAMPLE" --format none --inventory inv.jsonl \
        --fail-on-risk >/dev/null 2>"$T/err")
    RC=$?
    rc_is 3 && q has "$T/elsewhere/inv.jsonl" 00:e0:fc:5c:a2:10=Huawei 3a:7c:92:5e:11:d4 &&
        (cd / && timeout 60 "$VS_BIN" --version | grep -q "^signatures: [1-9]")
}
t "run from another working directory: the OUI db, signatures and risk list are found" elsewhere
datadir_env() {
    local d=$T/data
    rm -rf "$d"
    mkdir -p "$d"
    ln -s "$VS_SRC/oui_db" "$d/oui_db"
    cp -r "$VS_SRC/signatures" "$d/signatures"
    cp "$T/cisco.ini" "$d/signatures/risk-list.ini"
    RC=0
    VENDORSNIFF_DATADIR=$d timeout 60 "$VS_BIN" -r "$CAP/cdp_cisco.pcap" --format none --fail-on-risk \
        >/dev/null 2>"$T/err" || RC=$?
    rc_is 3
}
t "VENDORSNIFF_DATADIR points at another data folder" datadir_env

for g in "${!KNOWN_GAPS[@]}"; do
    [[ -n ${_GAP_SEEN[$g]+x} ]] || bad "stale KNOWN_GAPS entry (no such check): $g"
done
finish
