#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Hostile strings end to end: tests/captures/hostile_strings.pcap (terminal escapes, CR LF
# header injection, NUL, invalid UTF-8, bidi override, C1 CSI, 1400-byte values) and
# huge_tlvs.pcap (700 TLVs, lengths past the frame) through every output:
#   - the text report (default, --color never, --color always): valid UTF-8, no control
#     byte but \n (no ESC, no DEL), no C1 control or bidi override character; with
#     --color always the only escapes are the report's own SGR codes, and removing them
#     gives exactly the --color never report;
#   - every JSON line (--inventory, -w, --format json): parses, valid UTF-8 (no lone
#     surrogate escape either), no raw control byte, every string at most 512 bytes;
#   - syslog (--syslog udp://127.0.0.1:PORT --syslog-devices to a listener on loopback):
#     RFC 5424 header, JSON body, the same rules;
# and the run exits 0, counts the bad LLDP frames as decode errors and reports no
# sanitizer error. Env from ctest: VS_BIN, VS_SRC.
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
[[ -x $VS_BIN ]] || { echo "test_hostile: $VS_BIN is not executable"; exit 1; }

cat >"$T/hostile.py" <<'PY'
import json, os, re, socket, subprocess, sys, threading

BIN, CAPDIR, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
MAXV = 512
fails = 0
# Checks that fail today because the product is wrong (XFAIL). A listed check that passes is
# an XPASS and fails the run: delete its line once the product is fixed.
KNOWN_GAPS = {}
seen = set()


def check(what, ok, detail=""):
    global fails
    seen.add(what)
    if what in KNOWN_GAPS:
        if ok:
            fails += 1
            print("FAIL - XPASS (fixed? delete it from KNOWN_GAPS): " + what)
        else:
            print("XFAIL - %s  [%s]" % (what, KNOWN_GAPS[what]))
    elif ok:
        print("ok   - " + what)
    else:
        fails += 1
        print("FAIL - %s%s" % (what, ("  -- " + str(detail)[:400]) if detail else ""))


def run(args, env=None):
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    return subprocess.run([BIN] + args, capture_output=True, timeout=60, env=e)


SANITIZER = re.compile(rb"AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer")
# Every offline run ends with one summary line on stderr; "nothing on stderr" means nothing
# else.
SUMMARY = re.compile(rb"^vendorsniff: summary: [^\n]*\n", re.M)


def quiet_but_summary(err):
    return len(SUMMARY.findall(err)) == 1 and SUMMARY.sub(b"", err) == b""
SGR = re.compile(rb"\x1b\[[0-9;]*m")
# C1 controls, bidi embeddings/overrides/isolates: never printed raw to a terminal.
BAD_CHARS = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


def raw_controls(b, allow=b"\n"):
    return sorted({c for c in b if (c < 0x20 and bytes([c]) not in allow) or c == 0x7F})


def text_ok(name, b):
    """A report for a terminal: UTF-8, no control byte but newline, no C1/bidi character."""
    try:
        s = b.decode("utf-8")
    except UnicodeDecodeError as e:
        return "not UTF-8: %s" % e
    bad = raw_controls(b)
    if bad:
        i = min(b.index(bytes([c])) for c in bad)
        return "control bytes %s, first at %d: %r" % ([hex(c) for c in bad], i, b[max(0, i - 40):i + 20])
    m = BAD_CHARS.search(s)
    if m:
        return "C1/bidi character U+%04X at %d" % (ord(m.group()), m.start())
    return None


def strings(o):
    if isinstance(o, str):
        yield o
    elif isinstance(o, dict):
        for k, v in o.items():
            yield k
            yield from strings(v)
    elif isinstance(o, list):
        for v in o:
            yield from strings(v)


def json_line_problem(line):
    """None if one JSON Lines line is clean: parses, UTF-8, no raw C0 control, bounded
    (a raw DEL is checked on its own: has_del)."""
    bad = [c for c in raw_controls(line, allow=b"") if c != 0x7F]
    if bad:
        return "raw control bytes %s" % [hex(c) for c in bad]
    try:
        o = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return "not JSON/UTF-8: %s" % e
    if not isinstance(o, dict):
        return "not an object"
    for s in strings(o):
        try:
            n = len(s.encode("utf-8"))
        except UnicodeEncodeError:
            return "lone surrogate in %r" % s[:60]
        if n > MAXV:
            return "string of %d bytes: %r..." % (n, s[:60])
    return None


def has_del(b):
    return b"\x7f" in b


def jsonl_ok(b):
    lines = [l for l in b.split(b"\n") if l.strip()]
    if not lines:
        return "no lines"
    for n, l in enumerate(lines, 1):
        p = json_line_problem(l)
        if p:
            return "line %d: %s" % (n, p)
    return None


for cap in ("hostile_strings.pcap", "huge_tlvs.pcap"):
    path = os.path.join(CAPDIR, cap)
    inv = os.path.join(TMP, cap + ".inv")
    ev = os.path.join(TMP, cap + ".ev")
    main = run(["-r", path, "--sensor", "h", "--inventory", inv, "-w", ev])
    never = run(["-r", path, "--sensor", "h", "--color", "never"])
    always = run(["-r", path, "--sensor", "h", "--color", "always"])
    js = run(["-r", path, "--sensor", "h", "--format", "json"])
    alls = [main, never, always, js]
    check("%s: every run exits 0" % cap, all(p.returncode == 0 for p in alls),
          [p.returncode for p in alls])
    check("%s: no sanitizer report, nothing on stderr but the summary line" % cap,
          all(not SANITIZER.search(p.stderr) and quiet_but_summary(p.stderr) for p in alls),
          b" | ".join(p.stderr[:200] for p in alls))

    # Text report.
    for label, p in (("default (not a terminal)", main), ("--color never", never)):
        prob = text_ok(cap, p.stdout)
        check("%s: text report, %s: UTF-8, no control byte, no C1/bidi" % (cap, label),
              prob is None and len(p.stdout) > 200, prob or "only %d bytes" % len(p.stdout))
    check("%s: default report (stdout not a terminal) equals --color never" % cap,
          main.stdout == never.stdout)
    stripped = SGR.sub(b"", always.stdout)
    check("%s: --color always: every ESC starts one of the report's own SGR codes" % cap,
          b"\x1b" not in stripped and SGR.search(always.stdout) is not None,
          "ESC outside SGR: %r" % stripped[max(0, stripped.find(b"\x1b") - 30):stripped.find(b"\x1b") + 20]
          if b"\x1b" in stripped else "no SGR code at all")
    check("%s: --color always minus its SGR codes == --color never" % cap, stripped == never.stdout)
    nocolor = run(["-r", path, "--sensor", "h", "--color", "auto"], env={"NO_COLOR": "1"})
    check("%s: --color auto with NO_COLOR: no escape at all" % cap,
          b"\x1b" not in nocolor.stdout and nocolor.returncode == 0)

    # JSON outputs.
    for label, b in (("--inventory", open(inv, "rb").read() if os.path.exists(inv) else b""),
                     ("-w events", open(ev, "rb").read() if os.path.exists(ev) else b""),
                     ("--format json", js.stdout)):
        prob = jsonl_ok(b)
        check("%s: %s: every line JSON, UTF-8, no raw control, strings <= %d bytes" % (cap, label, MAXV),
              prob is None, prob)
        check("%s: %s: no raw DEL (0x7f)" % (cap, label), b and not has_del(b))

    # Decode errors.
    stats = [json.loads(l) for l in open(ev, encoding="utf-8") if '"event":"stats"' in l] \
        if os.path.exists(ev) else []
    de = stats[-1].get("decode_errors", {}) if stats else {}
    if cap == "huge_tlvs.pcap":
        check("%s: all four LLDP frames counted as decode errors" % cap, de.get("lldp") == 4, de)
    else:
        check("%s: decode errors counted per protocol, bounded" % cap,
              isinstance(de, dict) and sum(de.values()) <= 23, de)

    # Syslog over UDP on loopback.
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.05)
    port = sock.getsockname()[1]
    msgs, done = [], []

    def drain():  # read while the program runs: a burst never overflows the buffer
        idle = False
        while not (done and idle):
            try:
                msgs.append(sock.recv(65536))
                idle = False
            except socket.timeout:
                idle = True

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    p = run(["-r", path, "--sensor", "h", "--format", "none",
             "--syslog", "udp://127.0.0.1:%d" % port, "--syslog-devices", "-w", ev + ".2"])
    done.append(True)
    reader.join(10)
    sock.close()
    evs = [json.loads(l) for l in open(ev + ".2", encoding="utf-8")] if os.path.exists(ev + ".2") else []
    n_alert = sum(1 for e in evs if e.get("event") == "alert")
    n_dev = sum(1 for e in evs if e.get("event") == "device")
    check("%s: syslog run exits 0" % cap, p.returncode == 0 and not SANITIZER.search(p.stderr), p.stderr[:200])
    hdr = re.compile(rb"^<(\d{1,3})>1 \S+ \S+ vendorsniff \d+ (alert|device) - ")
    probs = []
    kinds = []
    for m in msgs:
        h = hdr.match(m)
        if not h:
            probs.append("bad RFC 5424 header: %r" % m[:80])
            continue
        kinds.append(h.group(2).decode())
        body = m[h.end():]
        pr = json_line_problem(body)
        if pr:
            probs.append(pr)
        if [c for c in raw_controls(m, allow=b"") if c != 0x7F]:
            probs.append("raw control bytes in the message")
    check("%s: syslog: one message per alert and device event" % cap,
          kinds.count("alert") == n_alert and kinds.count("device") == n_dev and msgs,
          "%d alert / %d device messages, events %d / %d" % (kinds.count("alert"),
                                                             kinds.count("device"), n_alert, n_dev))
    check("%s: syslog: RFC 5424 header, JSON body, UTF-8, no raw control, bounded" % cap,
          not probs, probs[:3])
    check("%s: syslog: no raw DEL (0x7f)" % cap, msgs and not any(has_del(m) for m in msgs))

# Both files in one run, and the hostile one given twice: still clean, still one alert per
# device and rule.
p = run(["-r", os.path.join(CAPDIR, "hostile_strings.pcap"), "-r", os.path.join(CAPDIR, "huge_tlvs.pcap"),
         "-r", os.path.join(CAPDIR, "hostile_strings.pcap"), "--sensor", "h", "--format", "none",
         "-w", "-"])
prob = jsonl_ok(p.stdout)
check("both captures (hostile twice) in one run: exit 0, clean JSON", p.returncode == 0 and prob is None, prob)
check("both captures in one run: no raw DEL (0x7f)", p.stdout and not has_del(p.stdout))
al = [json.loads(l) for l in p.stdout.splitlines() if b'"event":"alert"' in l]
keys = [(a["id"], a.get("list_rule"), a.get("vendor")) for a in al]
check("reading hostile_strings.pcap twice raises no alert twice", al and len(keys) == len(set(keys)), keys)
for g in KNOWN_GAPS:
    if g not in seen:
        fails += 1
        print("FAIL - stale KNOWN_GAPS entry (no such check): " + g)
sys.exit(1 if fails else 0)
PY

"$PY" "$T/hostile.py" "$VS_BIN" "$VS_SRC/tests/captures" "$T" || _FAILS=$((_FAILS + 1))
finish
