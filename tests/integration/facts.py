#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""facts.py - the facts that tests/captures/README.md and samples/README.md state about
each capture, checked against what vendorsniff makes of it (python3 standard library).

Every capture in tests/captures (and samples/sample.pcap) is run three times:
  1. -r CAP --sensor t --inventory INV --format none -w EVENTS       (the main run)
  2. -r CAP --sensor t --format text --color always --syslog udp://127.0.0.1:PORT
     --syslog-devices                                                 (report and syslog)
  3. -r CAP --sensor t --format json                                  (stdout JSON Lines)
and then:
  - invariants that hold for every capture (JSON shape, ids, canonical risk, no VLAN 0, no
    duplicate evidence, documented evidence fields, timestamps inside the capture's own
    time span, stats consistent with the file, one alert per device/rule/vendor, the SNMP
    communities nowhere in any output);
  - the per-capture facts of the READMEs (FACTS below), one check per stated fact.

A capture with no entry in FACTS fails: a new capture needs its facts here.

KNOWN_GAPS lists the checks that fail today because the product (not the README) is wrong;
each is reported as XFAIL. A listed check that passes is an XPASS and fails the run, so that
the list only ever shrinks: delete the line once the product is fixed.

    facts.py [-v] [-k SUBSTRING]     (env VS_BIN, VS_SRC; exit 0 all good, 1 a failure)
"""

import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timezone

# ---- expected failures (product gaps), by check id ------------------------------------
# Each entry: check id -> what is wrong (see the report). Shrink this list; never grow it
# to make a run pass without saying why in the review.
KNOWN_GAPS = {
}

RISK_VENDORS = {"Huawei", "ZTE", "Hikvision", "Dahua", "Hytera"}
BAD_INPUT = {"not_a_capture.pcap", "empty.pcap", "bad_magic.pcap"}
# Captures that are malformed on purpose: decode errors are expected there. hostile_strings'
# LLDP system description is 511 bytes, over 802.1AB's 255-octet limit (see its README).
EXPECT_DECODE_ERRORS = {"huge_tlvs.pcap", "hostile_strings.pcap", "truncated.pcap"}
COMMUNITIES = ["n0c-r3ad"]  # 'public' is checked where it is used as a value (below)
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")
MAC_RE = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")
SANITIZER = re.compile(rb"AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer")


# ---- small helpers --------------------------------------------------------------------

def norm(s):
    """Alphanumerics only, lower case: the README leaves the normal form of model and
    software to the signatures, so 'VVX 411' matches 'VVX_411' and 'EX4300-48T' 'ex4300-48t'."""
    return re.sub(r"[^0-9a-z]", "", (s or "").lower())


def parse_ts(s):
    """RFC 3339 UTC -> integer microseconds since the epoch (fraction truncated)."""
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$", s)
    if not m:
        raise ValueError("not an RFC 3339 UTC time: %r" % s)
    sec = int(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S")
              .replace(tzinfo=timezone.utc).timestamp())
    frac = (m.group(2) or "0")[:6].ljust(6, "0")
    return sec * 1000000 + int(frac)


def us(s):
    return parse_ts(s)


def capture_times(path):
    """Packet times (microseconds, truncated) of every whole record of a pcap or pcapng
    file; None when the file is not a capture this reader knows."""
    try:
        data = open(path, "rb").read()
    except OSError:
        return None
    if len(data) < 24:
        return None
    magic = data[:4]
    kinds = {b"\xd4\xc3\xb2\xa1": ("<", 1), b"\xa1\xb2\xc3\xd4": (">", 1),
             b"\x4d\x3c\xb2\xa1": ("<", 1000), b"\xa1\xb2\x3c\x4d": (">", 1000)}
    if magic in kinds:
        e, div = kinds[magic]
        out, off = [], 24
        while off + 16 <= len(data):
            sec, frac, incl, _ = struct.unpack(e + "IIII", data[off:off + 16])
            if off + 16 + incl > len(data):
                break
            out.append(sec * 1000000 + frac // div)
            off += 16 + incl
        return out
    if magic == b"\x0a\x0d\x0d\x0a":
        out, off, e, res = [], 0, "<", []
        while off + 12 <= len(data):
            btype = struct.unpack("<I", data[off:off + 4])[0]
            if btype == 0x0A0D0D0A:
                e = "<" if data[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                res = []
            btype, blen = struct.unpack(e + "II", data[off:off + 8])
            if blen < 12 or off + blen > len(data):
                break
            body = data[off + 8:off + blen - 4]
            if btype == 1:  # IDB: options after 8 bytes
                r = 10 ** 6
                o = 8
                while o + 4 <= len(body):
                    code, ln = struct.unpack(e + "HH", body[o:o + 4])
                    if code == 0:
                        break
                    if code == 9 and ln >= 1:
                        v = body[o + 4]
                        r = 2 ** (v & 0x7F) if v & 0x80 else 10 ** v
                    o += 4 + ((ln + 3) & ~3)
                res.append(r)
            elif btype == 6:  # EPB
                ifid, hi, lo = struct.unpack(e + "III", body[:12])
                t = (hi << 32) | lo
                r = res[ifid] if ifid < len(res) else 10 ** 6
                out.append(t * 1000000 // r)
            off += blen
        return out
    return None


class Listener:
    """A UDP syslog collector on loopback for one run; a thread drains the socket while the
    program runs, so that a burst never overflows the receive buffer."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.msgs = []
        self.stop = False
        self.t = threading.Thread(target=self._loop, daemon=True)
        self.t.start()

    def _loop(self):
        idle = 0
        while not (self.stop and idle):
            try:
                self.msgs.append(self.sock.recv(65536))
                idle = 0
            except socket.timeout:
                idle = 1

    def drain(self):
        self.stop = True
        self.t.join(10)

    def close(self):
        self.stop = True
        self.t.join(10)
        self.sock.close()


# ---- one capture's output -------------------------------------------------------------

class Run:
    def __init__(self, binary, path, tmp):
        self.path = path
        self.name = os.path.basename(path)
        base = os.path.join(tmp, self.name)
        self.inv_path = base + ".inv"
        self.ev_path = base + ".events"
        cmd = [binary, "-r", path, "--sensor", "t", "--inventory", self.inv_path,
               "--format", "none", "-w", self.ev_path]
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        self.rc, self.stdout, self.stderr = p.returncode, p.stdout, p.stderr
        self.inv_raw = self._read(self.inv_path)
        self.ev_raw = self._read(self.ev_path)
        self.inv, self.inv_err = self._parse(self.inv_raw)
        self.events, self.ev_err = self._parse(self.ev_raw)

        lst = Listener()
        try:
            p = subprocess.run([binary, "-r", path, "--sensor", "t", "--format", "text",
                                "--color", "always", "--syslog",
                                "udp://127.0.0.1:%d" % lst.port, "--syslog-devices"],
                               capture_output=True, timeout=60)
            lst.drain()
        finally:
            lst.close()
        self.text, self.text_err, self.syslog = p.stdout, p.stderr, lst.msgs
        p = subprocess.run([binary, "-r", path, "--sensor", "t", "--format", "json"],
                           capture_output=True, timeout=60)
        self.json_out, self.json_err = p.stdout, p.stderr
        self.times = capture_times(path)

    @staticmethod
    def _read(path):
        try:
            return open(path, "rb").read()
        except OSError:
            return None

    @staticmethod
    def _parse(raw):
        if raw is None:
            return [], "missing"
        out = []
        try:
            for line in raw.decode("utf-8").splitlines():
                if line.strip():
                    out.append(json.loads(line))
        except (UnicodeDecodeError, ValueError) as e:
            return out, str(e)
        return out, None

    def all_outputs(self):
        return [("inventory", self.inv_raw or b""), ("events", self.ev_raw or b""),
                ("stdout", self.stdout), ("stderr", self.stderr), ("text report", self.text),
                ("text stderr", self.text_err), ("json stdout", self.json_out),
                ("json stderr", self.json_err), ("syslog", b"\n".join(self.syslog))]

    def find(self, key):
        """The device whose id is key, or that lists key among its other MACs."""
        for d in self.inv:
            if d.get("id") == key or key in (d.get("other_macs") or []):
                return d
        return None


# ---- checks -----------------------------------------------------------------------------

class Checker:
    def __init__(self, verbose, only):
        self.verbose = verbose
        self.only = only
        self.results = []  # (id, ok, detail)

    def check(self, cid, ok, detail=""):
        if self.only and self.only not in cid:
            return
        self.results.append((cid, bool(ok), detail))

    def finish(self):
        seen = set()
        fails = xfail = xpass = passed = 0
        for cid, ok, detail in self.results:
            seen.add(cid)
            gap = KNOWN_GAPS.get(cid)
            if gap is not None and not ok:
                xfail += 1
                print("XFAIL %s  [%s]" % (cid, gap) + ("  got: %s" % (detail,) if self.verbose else ""))
            elif gap is not None:
                xpass += 1
                print("XPASS %s  (fixed? delete it from KNOWN_GAPS)" % cid)
            elif ok:
                passed += 1
                if self.verbose:
                    print("ok    %s" % cid)
            else:
                fails += 1
                print("FAIL  %s%s" % (cid, "  -- " + str(detail)[:400] if detail else ""))
        stale = [g for g in KNOWN_GAPS if g not in seen] if not self.only else []
        for g in stale:
            print("STALE KNOWN_GAPS entry matches no check: %s" % g)
        print("facts: %d passed, %d failed, %d known gaps (xfail), %d xpass, %d stale gaps"
              % (passed, fails, xfail, xpass, len(stale)))
        return 1 if fails or xpass or stale else 0


class Facts:
    """The checks of one capture: C.dev(KEY, attr=expected, ...) and friends."""

    def __init__(self, ck, run):
        self.ck = ck
        self.r = run
        self.n = run.name

    def _c(self, subject, what, ok, detail=""):
        self.ck.check("%s: %s: %s" % (self.n, subject, what), ok, detail)

    def count(self, n):
        ids = sorted(d.get("id") for d in self.r.inv)
        self._c("inventory", "%d devices" % n, len(self.r.inv) == n, "got %d: %s" % (len(ids), ids))

    def absent(self, key, why="absent"):
        self._c(key, why, self.r.find(key) is None)

    def same_device(self, *keys):
        ds = [self.r.find(k) for k in keys]
        ok = all(d is not None for d in ds) and len({id(d) for d in ds}) == 1
        self._c(" + ".join(keys), "one device", ok, str([d and d.get("id") for d in ds]))

    def ip_owners(self, ip, key):
        owners = [d.get("id") for d in self.r.inv if ip in (d.get("ips") or [])]
        d = self.r.find(key)
        ok = d is not None and owners == [d.get("id")]
        self._c(ip, "on one device only (%s)" % key, ok, "owners %s" % owners)

    def no_ip_devices(self):
        ipk = [d.get("id") for d in self.r.inv if d.get("mac") is None]
        self._c("inventory", "no IP-keyed device (all evidence link-local)", not ipk, str(ipk))

    def dev(self, key, **want):
        d = self.r.find(key)
        self._c(key, "present", d is not None)
        g = d or {}
        ev = g.get("evidence") or []

        def evs(src, fld):
            return [e.get("value", "") for e in ev if e.get("source") == src and e.get("field") == fld]

        for attr, exp in want.items():
            if attr == "vendor":
                self._c(key, "vendor == %r" % exp, d is not None and g.get("vendor") == exp,
                        "got %r" % g.get("vendor"))
            elif attr == "vendor_in":
                self._c(key, "vendor in %r" % exp, d is not None and g.get("vendor") in exp,
                        "got %r" % g.get("vendor"))
            elif attr == "not_vendor":
                ok = d is not None and g.get("vendor") not in exp and not (
                    g.get("risk") and g["risk"].get("vendor") in exp)
                self._c(key, "vendor not in %r" % exp, ok, "got %r" % g.get("vendor"))
                # Not even for a while: no device or alert event ever said so.
                names = {key, g.get("id")} | set(g.get("other_macs") or [])
                said = ["%s %s %s" % (e.get("event"), e.get("ts"), e.get("vendor"))
                        for e in self.r.events if e.get("event") in ("device", "alert") and
                        (e.get("id") in names or key in (e.get("other_macs") or [])) and
                        e.get("vendor") in exp]
                self._c(key, "no device/alert event ever says %r" % exp, not said, said[:4])
            elif attr == "ips":
                have = g.get("ips") or []
                self._c(key, "ips include %r" % exp, d is not None and all(i in have for i in exp),
                        "got %r" % have)
            elif attr == "no_ips":
                have = g.get("ips") or []
                self._c(key, "ips exclude %r" % exp, d is not None and not any(i in have for i in exp),
                        "got %r" % have)
            elif attr == "vlans":
                self._c(key, "vlans == %r" % exp, d is not None and g.get("vlans") == exp,
                        "got %r" % g.get("vlans"))
            elif attr == "vlans_has":
                have = g.get("vlans") or []
                self._c(key, "vlans include %r" % exp, d is not None and all(v in have for v in exp),
                        "got %r" % have)
            elif attr in ("model", "software"):
                opts = exp if isinstance(exp, list) else [exp]
                got = g.get(attr)
                ok = got is not None and any(norm(o) in norm(got) for o in opts)
                what = "%s ~ %r" % (attr, exp) if not isinstance(exp, list) else \
                    "%s ~ one of %r" % (attr, exp)
                self._c(key, what, ok, "got %r" % got)
            elif attr == "name":
                self._c(key, "name == %r" % exp, g.get("name") == exp, "got %r" % g.get("name"))
            elif attr == "name_in":
                self._c(key, "name in %r" % exp, g.get("name") in exp, "got %r" % g.get("name"))
            elif attr == "oui_org":
                self._c(key, "oui_org == %r" % exp, d is not None and g.get("oui_org") == exp,
                        "got %r" % g.get("oui_org"))
            elif attr == "mac_null":
                self._c(key, "mac is null", d is not None and g.get("mac", 1) is None,
                        "got %r" % g.get("mac"))
            elif attr == "risk":
                got = g.get("risk")
                ok = d is not None and (got is not None if exp else got is None)
                self._c(key, "risk %s" % ("set" if exp else "null"), ok, "got %r" % got)
            elif attr == "gateway":
                self._c(key, "gateway", d is not None and g.get("gateway") is True)
            elif attr == "first_seen":
                ok = d is not None and us(g.get("first_seen", "1970-01-01T00:00:00Z")) == us(exp)
                self._c(key, "first_seen == %s" % exp, ok, "got %r" % g.get("first_seen"))
            elif attr == "last_seen":
                ok = d is not None and us(g.get("last_seen", "1970-01-01T00:00:00Z")) == us(exp)
                self._c(key, "last_seen == %s" % exp, ok, "got %r" % g.get("last_seen"))
            elif attr == "ev":
                # [(source, field, value)] exact, or (source, field, value, "prefix"|"contains")
                for item in exp:
                    src, fld, val = item[:3]
                    mode = item[3] if len(item) > 3 else "eq"
                    vals = evs(src, fld)
                    if mode == "eq":
                        ok = val in vals
                        what = "evidence %s.%s == %r" % (src, fld, val)
                    elif mode == "prefix":
                        ok = any(v.startswith(val) for v in vals)
                        what = "evidence %s.%s starts %r" % (src, fld, val)
                    else:
                        ok = any(val in v for v in vals)
                        what = "evidence %s.%s contains %r" % (src, fld, val)
                    self._c(key, what, d is not None and ok, "got %r" % vals)
            elif attr == "no_ev":
                for src in exp:
                    bad = [e for e in ev if e.get("source") == src]
                    self._c(key, "no %s evidence" % src, d is not None and not bad, str(bad)[:200])
            elif attr == "only_oui_ev":
                bad = [e for e in ev if e.get("source") != "oui"]
                self._c(key, "no evidence but its OUI", d is not None and not bad, str(bad)[:200])
            else:
                raise KeyError(attr)
        return d

    def stats_errors(self, want):
        st = [e for e in self.r.events if e.get("event") == "stats"]
        got = st[-1].get("decode_errors") if st else None
        self._c("stats", "decode_errors == %r" % want, got == want, "got %r" % got)


# ---- invariants for every capture ---------------------------------------------------------

def documented_fields(src_root):
    """(source, field) pairs of docs/events.md 'Evidence sources and fields'."""
    out = set()
    try:
        text = open(os.path.join(src_root, "docs", "events.md"), encoding="utf-8").read()
    except OSError:
        return None
    block = text.split("## Evidence sources and fields", 1)[1].split("\n## ", 1)[0]
    cur = []
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        body = re.sub(r"\([^)]*\)", "", line.strip())
        if indent <= 4:
            m = re.match(r"^(\S.*?)\s{2,}(.*)$", body)
            if not m:
                continue
            cur = [s.strip() for s in m.group(1).split(",")]
            fields = m.group(2)
        else:
            fields = body
        for f in fields.split(","):
            f = f.strip()
            if f:
                for s in cur:
                    out.add((s, f))
    return out


def invariants(ck, run, fields):
    n = run.name
    c = lambda what, ok, detail="": ck.check("%s: %s" % (n, what), ok, detail)
    bad_input = n in BAD_INPUT

    c("no sanitizer report", not any(SANITIZER.search(o) for _, o in run.all_outputs()))
    # Every offline run ends with one summary line on stderr; the checks are about the rest.
    all_lines = run.stderr.decode("utf-8", "replace").splitlines()
    lines = [l for l in all_lines if not l.startswith("vendorsniff: summary: ")]
    c("one summary line on stderr", len(all_lines) - len(lines) == 1, repr(all_lines))
    if bad_input:
        c("exit status 1", run.rc == 1, "rc %d" % run.rc)
        c("one line on stderr naming the file", len(lines) == 1 and n in lines[0], repr(lines))
    elif n == "truncated.pcap":
        c("exit status 0 or 1", run.rc in (0, 1), "rc %d" % run.rc)
        c("the cut is reported on stderr naming the file",
          len(lines) == 1 and n in lines[0] and "trunc" in lines[0].lower(), repr(lines))
    else:
        c("exit status 0", run.rc == 0, "rc %d" % run.rc)
        c("nothing on stderr but the summary", not lines, run.stderr[:300])
    c("inventory written and valid JSON Lines", run.inv_err is None, run.inv_err or "")
    c("event stream valid JSON Lines", run.ev_err is None, run.ev_err or "")

    # Time span of the file itself.
    lo = hi = None
    if run.times:
        lo, hi = min(run.times), max(run.times)

    def in_span(ts):
        return lo is None or lo <= us(ts) <= hi

    ids = [d.get("id") for d in run.inv]
    c("device ids unique", len(ids) == len(set(ids)), str(ids))
    macs_seen = []
    for d in run.inv:
        did = d.get("id")
        w = lambda what, ok, detail="": ck.check("%s: %s: %s" % (n, did, what), ok, detail)
        w("is a device event with ts and sensor 't'",
          d.get("event") == "device" and TS_RE.match(d.get("ts", "")) is not None and
          d.get("sensor") == "t")
        for k in ("id", "mac", "ips", "vlans", "vendor", "confidence", "oui_org", "model",
                  "software", "name", "evidence", "risk", "first_seen", "last_seen", "packets"):
            if k not in d:
                w("has key %s" % k, False)
        mac = d.get("mac")
        if mac is not None:
            w("id is its MAC (lowercase, colons)", did == mac and MAC_RE.match(mac) is not None, mac)
            macs_seen.append(mac)
        else:
            w("IP-keyed: id is one of its ips", did in (d.get("ips") or []), str(d.get("ips")))
        for om in d.get("other_macs") or []:
            w("other MAC %s well-formed and not its own" % om, MAC_RE.match(om) and om != mac)
            macs_seen.append(om)
        v = d.get("vendor")
        risk = d.get("risk")
        w("risk set exactly for a risk-list vendor",
          (risk is not None) == (v in RISK_VENDORS) and (risk is None or risk.get("vendor") == v),
          "vendor %r risk %r" % (v, risk and risk.get("vendor")))
        conf = d.get("confidence")
        w("confidence in 0..1 (0 without vendor)",
          isinstance(conf, (int, float)) and 0 <= conf <= 1 and (v is not None or conf == 0), str(conf))
        vl = d.get("vlans") or []
        w("VLAN ids 1..4094 (never 0)", all(isinstance(x, int) and 1 <= x <= 4094 for x in vl), str(vl))
        evl = [(e.get("source"), e.get("field"), e.get("value")) for e in d.get("evidence") or []]
        w("no duplicate evidence", len(evl) == len(set(evl)),
          str([x for x in evl if evl.count(x) > 1])[:300])
        if fields is not None:
            undoc = sorted({(s, f) for s, f, _ in evl if (s, f) not in fields})
            w("evidence source/field documented in docs/events.md", not undoc, str(undoc))
        w("first_seen <= last_seen, inside the capture's time span",
          TS_RE.match(d.get("first_seen", "")) and TS_RE.match(d.get("last_seen", "")) and
          us(d["first_seen"]) <= us(d["last_seen"]) and in_span(d["first_seen"]) and
          in_span(d["last_seen"]), "%s..%s (file %s..%s)" % (d.get("first_seen"),
                                                            d.get("last_seen"), lo, hi))
        if d.get("mac") is not None and d.get("mac")[1] in "26ae":
            w("locally administered MAC: no OUI org", d.get("oui_org") is None, d.get("oui_org"))
    # Evidence comes from packets the device sent: such a device has counted them.
    silent = [d.get("id") for d in run.inv if d.get("packets") == 0 and
              any(e.get("source") != "oui" for e in d.get("evidence") or [])]
    c("every device with protocol evidence counted its packets", not silent, str(silent))
    c("a MAC belongs to one device", len(macs_seen) == len(set(macs_seen)),
      str([m for m in macs_seen if macs_seen.count(m) > 1]))

    # Event stream.
    evs = run.events
    kinds = [e.get("event") for e in evs]
    c("events are device/alert/stats with ts and sensor",
      all(k in ("device", "alert", "stats") for k in kinds) and
      all(TS_RE.match(e.get("ts", "")) and e.get("sensor") == "t" for e in evs))
    c("one stats event, the last line", kinds.count("stats") == 1 and kinds[-1:] == ["stats"],
      str(kinds[-3:]))
    st = evs[-1] if kinds[-1:] == ["stats"] else {}
    c("stats.devices == inventory lines", st.get("devices") == len(run.inv),
      "%r vs %d" % (st.get("devices"), len(run.inv)))
    alerts = [e for e in evs if e.get("event") == "alert"]
    c("stats.alerts == alert events", st.get("alerts") == len(alerts),
      "%r vs %d" % (st.get("alerts"), len(alerts)))
    if run.times is not None and not bad_input:
        c("stats.packets == records in the file", st.get("packets") == len(run.times),
          "%r vs %d" % (st.get("packets"), len(run.times)))
    if n not in EXPECT_DECODE_ERRORS and not bad_input:
        c("stats: no decode errors on a well-formed capture", st.get("decode_errors") == {},
          str(st.get("decode_errors")))
    if run.times:
        out = [e.get("ts") for e in evs if TS_RE.match(e.get("ts", "")) and not in_span(e["ts"])]
        c("every event ts is packet time inside the capture", not out, str(out[:3]))
    # One alert per device, rule and vendor; every risk device was alerted.
    keys = [(a.get("id"), a.get("list_rule"), a.get("vendor")) for a in alerts]
    c("one alert per device, rule and vendor", len(keys) == len(set(keys)),
      str([k for k in keys if keys.count(k) > 1]))
    for a in alerts:
        ck.check("%s: alert %s: rule risk-vendor, vendor on the risk list, severity set" % (n, a.get("id")),
                 a.get("rule") == "risk-vendor" and a.get("vendor") in RISK_VENDORS and
                 a.get("severity") in ("low", "medium", "high", "critical"), str(a)[:200])
    for d in run.inv:
        if d.get("risk"):
            names = {d.get("id")} | set(d.get("other_macs") or [])
            ok = any(a.get("id") in names and a.get("vendor") == d.get("vendor") and
                     a.get("list_rule") == d["risk"].get("rule") for a in alerts)
            ck.check("%s: %s: risk device has its alert event" % (n, d.get("id")), ok)
    # Device events: the last one of each device says what the inventory says.
    last = {}
    for e in evs:
        if e.get("event") == "device":
            last[e.get("id")] = e
    for d in run.inv:
        if d.get("vendor") or d.get("model") or d.get("name"):
            e = last.get(d.get("id"))
            attrs = ("vendor", "model", "software", "name")
            ok = e is not None and all(e.get(k) == d.get(k) for k in attrs)
            ck.check("%s: %s: last device event matches the inventory" % (n, d.get("id")), ok,
                     "event %r" % ({k: e.get(k) for k in attrs} if e else None))
    # --format json: the same devices plus a stats line.
    try:
        jl = [json.loads(x) for x in run.json_out.decode("utf-8").splitlines() if x.strip()]
        ok = [x.get("event") for x in jl] == ["device"] * len(run.inv) + ["stats"] and \
            sorted(x.get("id") for x in jl[:-1]) == sorted(ids)
    except (UnicodeDecodeError, ValueError):
        ok = False
    c("--format json: the inventory's devices, then one stats line", ok)
    # Syslog: one message per alert (and device events with --syslog-devices).
    msgs = [m.decode("utf-8", "replace") for m in run.syslog]
    n_al = sum(1 for m in msgs if " alert - " in m)
    c("syslog: one message per alert", n_al == len(alerts), "%d vs %d" % (n_al, len(alerts)))
    n_dv = sum(1 for m in msgs if " device - " in m)
    n_de = sum(1 for e in evs if e.get("event") == "device")
    c("syslog --syslog-devices: one message per device event", n_dv == n_de, "%d vs %d" % (n_dv, n_de))
    # Credentials never leave the program.
    for word in COMMUNITIES:
        leaks = [w for w, o in run.all_outputs() if word.encode() in o]
        c("community %r in no output" % word, not leaks, str(leaks))
    # 'public' is an SNMP community in snmp_v1v2.pcap: never an evidence value.
    pub = [e for d in run.inv for e in d.get("evidence") or [] if "public" in e.get("value", "")]
    c("community 'public' is no evidence value", not pub, str(pub)[:200])


# ---- the facts of the READMEs ---------------------------------------------------------------

CE6851 = "00:e0:fc:5c:a2:10"
S5735 = "70:7b:e8:5a:10:00"
Z5960 = "00:19:c6:3e:7a:10"
M6000 = "f4:b8:a7:21:3c:40"
C2960 = "c8:4c:75:6e:81:b0"
C2960_CHASSIS = "c8:4c:75:6e:81:30"
EX4300 = "cc:e1:7f:2a:00:2f"
EX4300_CHASSIS = "cc:e1:7f:2a:00:00"
ARISTA = "28:99:3a:4d:e2:01"
MIKROTIK = "4c:5e:0c:88:21:7a"
YEALINK = "80:5e:c0:3b:9a:41"
POLYCOM = "64:16:7f:1a:2b:3c"
ONT = "d0:15:4a:7c:31:e9"

CE6851_FACTS = dict(vendor="Huawei", model="CE6851-48S6Q-HI", software="VRP 8.180 V200R005C10SPC607B607",
                    name="core-sw-01")
S5735_FACTS = dict(vendor="Huawei", model="S5735-L48T4X-A1", software="VRP 5.170 V200R019C10SPC500",
                   name="acc-hw-12")
NOT_NET = [None, "Dell", "Intel", "HP"]  # "not a network vendor": nothing, or the PC maker's OUI


def f_eth_basic(C):
    C.count(4)
    C.dev("00:e0:fc:5c:b3:02", vendor="Huawei", ips=["10.3.0.2"],
          ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5")])
    C.dev("4c:bd:8f:62:20:31", vendor="Hikvision", ips=["2001:db8:3::31"],
          ev=[("http", "server", "Hikvision-Webs"),
              ("http", "www_authenticate", 'Digest qop="auth", realm="IP Camera(E4189)"', "prefix")])
    C.dev("a0:36:9f:11:22:53", ips=["10.3.0.53", "2001:db8:3::53"], oui_org="Intel Corporate",
          vendor_in=NOT_NET, no_ev=["ssh", "http", "telnet", "ftp", "sip"])
    C.dev("14:18:77:4e:30:10", ips=["10.3.0.10", "2001:db8:3::10"], oui_org="Dell Inc.",
          vendor_in=NOT_NET)


def f_eth_nsec_be(C):
    C.count(3)
    C.dev("14:18:77:4e:30:10", first_seen="2024-03-01T12:00:00.123456Z")
    C.dev("00:e0:fc:5c:b3:02", vendor="Huawei", ips=["10.3.0.2"],
          first_seen="2024-03-01T12:00:00.123457Z")
    C.dev(CE6851, first_seen="2024-03-01T12:00:01.999999Z", last_seen="2024-03-01T12:00:01.999999Z",
          **CE6851_FACTS)


def f_sll(C):
    C.count(6)
    C.dev("70:7b:e8:5a:40:02", vendor="Huawei", ips=["10.4.0.2"], name="sll-hw-02",
          ev=[("snmp", "sys_name", "sll-hw-02")])
    C.dev(Z5960, vendor="ZTE", ev=[("lldp", "system_name", "ZXR10-5960-A3")])
    C.dev(C2960, vendor="Cisco", ev=[("cdp", "platform", "cisco WS-C2960X-48FPD-L")])
    C.dev("cc:e1:7f:2a:10:00", ips=["10.4.0.8"], oui_org="Juniper Networks", vendor="Juniper")
    C.dev("14:18:77:4e:40:10", ips=["10.4.0.10"], vendor_in=NOT_NET)
    C.dev("a0:36:9f:11:22:53", ips=["2001:db8:4::53"], vendor_in=NOT_NET)
    for d in C.r.inv:
        C._c(d.get("id"), "no VLANs", d.get("vlans") == [], str(d.get("vlans")))


def f_raw(C):
    C.count(3)
    C.dev("10.5.0.254", mac_null=True, vendor="ZTE", name="PE-ZTE-01")
    C.dev("2001:db8:5::2", mac_null=True, vendor="Huawei", ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5")])
    C._c("inventory", "no MAC anywhere", all(d.get("mac") is None for d in C.r.inv))


def f_rawv4(C):
    C.count(2)
    C.dev("10.6.0.13", mac_null=True, vendor="Juniper", model="srx300", software="19.4R3-S1.3",
          name="br-srx-13")
    C.dev("10.6.0.31", mac_null=True, vendor="Hikvision", ev=[("http", "server", "Hikvision-Webs")])


def f_qinq(C):
    C.dev("00:19:c6:3e:80:01", vendor="ZTE", ips=["10.7.0.15"], vlans=[100, 200], name="qinq-zte-15")
    C.dev("3c:ef:8c:0a:88:03", vendor="Dahua", ips=["10.7.3.32"], vlans=[100, 200, 300])


def f_vlan(C):
    C.dev(CE6851, vendor="Huawei", ips=["10.10.0.2"], vlans_has=[10])
    C.dev(C2960, vendor="Cisco", vlans_has=[20])
    C.dev(YEALINK, vendor="Yealink", ips=["10.20.0.41"], vlans=[20],
          ev=[("sip", "user_agent", "Yealink SIP-T46S 66.86.0.15")])
    C.absent("00:00:5e:00:01:0a", "the VRRP MAC is only a destination: no device")


TOPO_SW2 = "3c:8c:40:b1:77:02"


def attached(C, key, switch, port, vlan, how):
    """The device's "attached" names this switch, port, VLAN and way of knowing."""
    d = C.r.find(key) or {}
    a = d.get("attached") or {}
    ok = (a.get("switch") == switch and a.get("port") == port and a.get("vlan") == vlan and
          a.get("how") == how)
    C._c(key, "attached to %s port %s VLAN %s (%s)" % (switch, port, vlan, how), ok, "got %r" % a)


def not_attached(C, key):
    d = C.r.find(key) or {}
    C._c(key, "no attachment (a switch with no other switch on its segment)",
         "attached" not in d, "got %r" % d.get("attached"))


def topo_common(C):
    C.dev(ARISTA, vendor="Arista", vlans=[10])
    C.dev(TOPO_SW2, vendor="H3C", vlans=[20])
    C.dev(ONT, vendor="ZTE", ips=["10.20.0.60"], vlans=[20])
    not_attached(C, ARISTA)
    not_attached(C, TOPO_SW2)
    attached(C, ONT, TOPO_SW2, "GigabitEthernet1/0/7", 20, "same-segment")
    attached(C, "f8:bc:12:30:20:02", TOPO_SW2, "GigabitEthernet1/0/7", 20, "same-segment")


def f_topo_site(C):
    C.count(6)
    topo_common(C)
    C.dev("14:18:77:4e:61:10", ips=["10.10.0.50"], vlans=[10])
    attached(C, "14:18:77:4e:61:10", ARISTA, "Ethernet12", 10, "same-segment")
    C.dev(POLYCOM, vendor="Polycom", vlans=[10])
    attached(C, POLYCOM, ARISTA, "Ethernet12", 10, "lldp-neighbour")


def f_topo_site_later(C):
    C.count(6)
    topo_common(C)
    C.dev("14:18:77:4e:61:10", ips=["10.10.0.77"], vlans=[10])
    attached(C, "14:18:77:4e:61:10", ARISTA, "Ethernet12", 10, "same-segment")
    C.absent(POLYCOM, "the phone is gone")
    C.dev("d0:15:4a:7c:40:11", vendor="ZTE", ips=["10.20.0.61"], vlans=[20])
    attached(C, "d0:15:4a:7c:40:11", TOPO_SW2, "GigabitEthernet1/0/7", 20, "same-segment")


def f_multi_if(C):
    C.count(6)
    C.dev(CE6851, first_seen="2024-03-01T12:00:00.000100Z", **CE6851_FACTS)
    C.dev(Z5960, vendor="ZTE", first_seen="2024-03-01T12:00:00.000200Z")
    C.dev(C2960, vendor="Cisco", first_seen="2024-03-01T12:00:01.500000Z")
    C.dev("70:7b:e8:5a:20:00", vendor="Huawei", ips=["10.1.0.12"],
          first_seen="2024-03-01T12:00:01.500000Z")
    C.dev("cc:e1:7f:2a:10:00", ips=["10.1.0.8"], first_seen="2024-03-01T12:00:02.000001Z")
    C.dev(MIKROTIK, vendor="MikroTik", name="edge-mt-01", last_seen="2024-03-01T12:00:02.999999Z")


def f_lldp_huawei(C):
    C.count(2)
    s = C.dev(S5735, ips=["192.168.10.12"], **S5735_FACTS)
    C.dev(CE6851, ips=["10.0.0.2", "2001:db8:0:1::2"], **CE6851_FACTS)
    if s:
        C._c(S5735, "frames 1 and 3 (same PDU): 2 packets, one system description",
             s.get("packets") == 2 and
             sum(1 for e in s["evidence"] if e["field"] == "system_description") == 1)


def f_lldp_zte(C):
    C.count(2)
    C.dev(Z5960, vendor="ZTE", model="5960-52TM-H", software="V5.00.00.10", name="ZXR10-5960-A3",
          ips=["192.168.20.5"])
    C.dev(M6000, vendor="ZTE", model="M6000-8S PLUS", software="V5.00.10.30", name="PE-ZTE-01",
          ips=["10.0.0.254"])


def f_lldp_med_phone(C):
    C.count(2)
    C.dev(YEALINK, vendor="Yealink", ips=["10.20.0.41"], model="SIP-T46S", software="66.86.0.15",
          ev=[("lldp", "med_manufacturer", "Yealink"), ("lldp", "med_model_name", "SIP-T46S"),
              ("lldp", "med_software_revision", "66.86.0.15"),
              ("lldp", "med_serial_number", "1402018041900271")])
    C.dev(POLYCOM, vendor="Polycom", ips=["10.20.0.42"], model="VVX 411", software="5.9.6.2327",
          name="vvx411-reception",
          ev=[("lldp", "med_manufacturer", "Polycom"), ("lldp", "med_model_name", "VVX 411"),
              ("lldp", "med_software_revision", "5.9.6.2327"),
              ("lldp", "med_serial_number", "64167F1A2B3C")])
    assets = [e["value"] for d in C.r.inv for e in d.get("evidence") or []
              if e.get("field") == "med_asset_id"]
    C._c("inventory", "empty asset ID: no evidence or an empty value", all(a == "" for a in assets),
         str(assets))


def f_lldp_multi(C):
    C.count(7)
    C.dev(CE6851, ips=["10.0.0.2", "2001:db8:0:1::2"], **CE6851_FACTS)
    C.dev(M6000, vendor="ZTE", model="M6000-8S PLUS", name="PE-ZTE-01", ips=["10.0.0.254"])
    C.same_device(C2960, C2960_CHASSIS)
    C.dev(C2960_CHASSIS, vendor="Cisco", model=["WS-C2960X-48FPD-L", "C2960X"], software="15.2(7)E4",
          name="access-sw-07", ips=["10.0.0.7"])
    C.same_device(EX4300, EX4300_CHASSIS)
    C.dev(EX4300_CHASSIS, vendor="Juniper", model="ex4300-48t", software="18.4R2-S4.6",
          name="dist-ex-02", ips=["10.0.0.8"])
    C.dev(ARISTA, vendor="Arista", model="DCS-7050SX-64", software="4.24.2F", name="leaf-ar-01",
          ips=["10.0.0.9"])
    C.dev("3c:8c:40:b1:77:02", vendor="H3C", model="S5560X-54C-EI", software="7.1.070 Release 1311P03",
          name="bld2-h3c-01", ips=["10.0.0.21"])
    C.dev("d4:ae:52:c9:10:44", vendor_in=NOT_NET, oui_org="Dell Inc.", name="backup-01.corp.example",
          ips=["10.10.0.61", "2001:db8:0:10::61"], risk=False)


def f_whitebox(C):
    C.dev("cc:37:ab:5e:00:07", ips=["10.0.0.77"], oui_org="Edgecore Networks Corporation",
          vendor="Huawei", model="CE6881-48S6CQ", software="VRP 8.191 V200R019C10SPC800",
          name="dc1-leaf-07", risk=True)
    C.dev("14:18:77:4e:20:50", vendor_in=NOT_NET, ips=["10.0.0.50"])


def f_cdp_cisco(C):
    C.count(2)
    C.dev(C2960, vendor="Cisco", ips=["10.0.0.7", "2001:db8:0:1::7"], software="15.2(7)E4",
          model=["WS-C2960X-48FPD-L", "C2960X"],
          ev=[("cdp", "device_id", "access-sw-07.corp.example"),
              ("cdp", "platform", "cisco WS-C2960X-48FPD-L"),
              ("cdp", "port_id", "GigabitEthernet1/0/48"), ("cdp", "native_vlan", "1"),
              ("cdp", "voice_vlan", "20"), ("cdp", "vtp_domain", "CORP")])
    C.dev("00:1b:54:c2:3a:01", vendor="Cisco", ips=["10.0.0.3"], software="16.9.4", name="br-isr-02",
          ev=[("cdp", "platform", "cisco ISR4331/K9")])


def f_cdp_v1(C):
    C.count(2)
    C.dev("00:00:0c:3d:91:e2", vendor="Cisco", software="12.0(7)T", ips=["192.168.1.254"],
          name="lab-2500")
    C.dev(MIKROTIK, vendor="MikroTik", ips=["10.0.0.10"], name="edge-mt-01")


def f_edp(C):
    C.count(1)
    C.dev("00:04:96:a1:5c:30", vendor_in=["Extreme", "Extreme Networks"],
          oui_org="Extreme Networks, Inc.", ips=["10.0.0.30"], name="sw-extreme-01",
          software="22.6.1.4",
          ev=[("edp", "system_name", "sw-extreme-01"), ("edp", "software_version", "22.6.1.4"),
              ("edp", "port_id", "1/24"), ("edp", "vlan_name", "Default"),
              ("edp", "vlan_name", "voice"), ("edp", "address", "10.0.0.30")])


def f_fdp(C):
    C.count(2)
    brocade = ["Brocade", "Foundry"]
    C.dev("74:8e:f8:2c:41:00", vendor_in=brocade, ips=["10.0.0.31"], name="icx7450-core",
          ev=[("fdp", "device_id", "icx7450-core"), ("fdp", "address", "10.0.0.31"),
              ("fdp", "port_id", "ethernet1/1/48"), ("fdp", "capabilities", "Router"),
              ("fdp", "platform", "ICX7450-48-HPOE"),
              ("fdp", "software_version", "Brocade Communications Systems, Inc. ICX7450-48-HPOE, "
               "IronWare Version 08.0.30dT213 Compiled on Mar 14 2017 at 20:41:08 labeled as SPR08030d")])
    C.dev("00:e0:52:8b:11:c0", vendor_in=brocade, ips=["10.0.0.32"], name="fi-sx800-b2",
          ev=[("fdp", "device_id", "fi-sx800-b2"), ("fdp", "address", "10.0.0.32"),
              ("fdp", "port_id", "ethernet3/1"), ("fdp", "capabilities", "Switch"),
              ("fdp", "platform", "FastIron SX 800"),
              ("fdp", "software_version", "Foundry Networks, Inc. FastIron SX 800, IronWare Version "
               "07.2.02eT3e3 Compiled on Feb 05 2010 at 04:17:34 labeled as SXR07202e")])


def f_sonmp(C):
    C.count(1)
    d = C.dev("00:1b:ba:6e:30:01", oui_org="Nortel Networks", ips=["10.0.0.40"],
              ev=[("sonmp", "address", "10.0.0.40")])
    ev = {(e["field"]): e["value"] for e in (d or {}).get("evidence") or [] if e["source"] == "sonmp"}
    C._c("00:1b:ba:6e:30:01", "sonmp.segment_id 0x000101 (257)",
         ev.get("segment_id", "").lower() in ("0x000101", "257"), str(ev.get("segment_id")))
    C._c("00:1b:ba:6e:30:01", "sonmp.chassis_type 116 (ERS 5520-48T-PWR)",
         "116" in ev.get("chassis_type", "") or "5520-48T-PWR" in ev.get("chassis_type", ""),
         str(ev.get("chassis_type")))
    C._c("00:1b:ba:6e:30:01", "sonmp.backplane_type 12",
         "12" in ev.get("backplane_type", "") or
         ev.get("backplane_type", "").lower() == "ethernet, fast ethernet and gigabit ethernet",
         str(ev.get("backplane_type")))


def f_stp(C):
    C.same_device(C2960, C2960_CHASSIS)
    C.dev(C2960_CHASSIS, vendor="Cisco", ev=[("stp", "bridge_id", C2960_CHASSIS, "contains")])
    C.dev(S5735, vendor="Huawei", ev=[("stp", "bridge_id", S5735, "contains")])
    C.dev(Z5960, vendor="ZTE", ev=[("stp", "bridge_id", Z5960, "contains")])
    root = C.r.find(CE6851)
    C._c(CE6851, "the root bridge is not seen sending: no packets of its own",
         root is None or root.get("packets") == 0, str(root and root.get("packets")))
    wrong = [d["id"] for d in C.r.inv for e in d.get("evidence") or []
             if e.get("field") == "bridge_id" and CE6851 in e.get("value", "")]
    C._c(CE6851, "the root ID is no device's bridge_id", not wrong, str(wrong))


def f_mndp(C):
    C.count(2)
    C.dev(MIKROTIK, vendor="MikroTik", model="RB3011UiAS", software="6.49.10", ips=["10.0.0.10"],
          name="edge-mt-01")
    C.dev("e4:8d:8c:19:c0:05", vendor="MikroTik", model="CCR2004-1G-12S+2XS", software="7.14.3",
          ips=["10.0.0.11", "2001:db8:0:1::11"], name="core-ccr-01")


def f_ubdp(C):
    C.count(3)
    C.dev("24:a4:3c:0e:51:9d", vendor="Ubiquiti", name="tower-nbe-07", ips=["192.168.1.20"])
    C.dev("78:8a:20:5b:33:c1", vendor="Ubiquiti", name="ap-lobby", ips=["192.168.1.21"])
    C.dev("14:18:77:4e:20:64", vendor_in=NOT_NET, only_oui_ev=True)


def f_oui_traps(C):
    C.count(10)
    C.dev("40:2c:76:1a:bc:01", ips=["10.9.9.11"], oui_org="Shanghai Dahua Scale Factory",
          not_vendor=["Dahua"], risk=False)
    C.dev("40:2c:76:2b:cd:02", ips=["10.9.9.12"], oui_org="Annapurna labs", risk=False)
    C.dev("4c:ea:41:e0:00:03", ips=["10.9.9.13"], oui_org="Aztech Group DOOEL", not_vendor=["ZTE"],
          risk=False)
    C.dev("00:26:75:12:34:04", ips=["10.9.9.14"], oui_org="Aztech Electronics Pte Ltd",
          not_vendor=["ZTE"], risk=False)
    C.dev("8c:1f:64:d8:00:05", ips=["10.9.9.15"], oui_org="AZTEK SA", not_vendor=["ZTE"], risk=False)
    C.dev("00:24:47:5a:00:06", ips=["10.9.9.16"], oui_org="Kaztek Systems", not_vendor=["ZTE"],
          risk=False)
    C.dev("64:69:bc:20:11:07", ips=["10.9.9.17"], vendor="Hytera", risk=True)
    C.dev("02:e0:fc:12:34:08", ips=["10.9.9.18"], vendor=None, oui_org=None, not_vendor=["Huawei"],
          risk=False, ev=[("oui", "class", "locally_administered")])
    C.dev("da:a1:19:5e:77:09", ips=["10.9.9.19"], vendor=None, oui_org=None, not_vendor=["Google"],
          ev=[("oui", "class", "locally_administered")])
    C.dev("00:1b:54:c2:09:01", ips=["10.9.9.1"], vendor="Cisco")


def f_snmp_v1v2(C):
    C.count(5)
    C.dev("70:7b:e8:5a:20:00", ips=["10.1.0.12"], vendor="Huawei", name="acc-hw-12",
          ev=[("snmp", "sys_name", "acc-hw-12"), ("snmp", "ent_model_name", "S5735-L48T4X-A1"),
              ("snmp", "ent_serial_number", "21980107133GJ7000123"),
              ("snmp", "ent_software_rev", "Version 5.170 V200R019C10SPC500"),
              ("snmp", "ent_mfg_name", "Huawei"),
              ("snmp", "sys_object_id", "1.3.6.1.4.1.2011.", "prefix")])
    C.dev("c8:4c:75:6e:90:40", ips=["10.1.0.7"], vendor="Cisco",
          ev=[("snmp", "sys_object_id", "1.3.6.1.4.1.9.", "prefix"),
              ("snmp", "trap_enterprise", "1.3.6.1.4.1.9.1.1208"),
              ("snmp", "agent_address", "10.1.0.7")])
    C.dev("00:19:c6:3e:80:01", ips=["10.1.0.15"], vendor="ZTE",
          ev=[("snmp", "trap_oid", "1.3.6.1.6.3.1.1.5.3"),
              ("snmp", "trap_enterprise", "1.3.6.1.4.1.3902.3")])
    C.dev("cc:e1:7f:2a:10:00", ips=["10.1.0.8"], vendor="Juniper",
          ev=[("snmp", "trap_oid", "1.3.6.1.4.1.2636.4.1.1")])
    C.dev("14:18:77:4e:20:50", ips=["10.1.0.50"], vendor_in=NOT_NET, no_ev=["snmp"])


def f_snmpv3_only(C):
    C.dev("00:25:9e:7b:00:21", ips=["10.1.0.21"], vendor="Huawei",
          ev=[("snmp", "engine_enterprise", "2011")])
    C.ip_owners("10.1.0.21", "00:25:9e:7b:00:21")
    C.dev("52:54:00:3c:9a:22", ips=["10.1.0.22"], oui_org=None, vendor="Huawei",
          ev=[("snmp", "engine_enterprise", "2011")])
    C.ip_owners("10.1.0.22", "52:54:00:3c:9a:22")
    for em, sender in (("00:25:9e:7b:00:00", "00:25:9e:7b:00:21"),
                       ("4c:1f:cc:91:07:e0", "52:54:00:3c:9a:22")):
        d = C.r.find(em)
        same = d is not None and d is C.r.find(sender)
        C._c(em, "engine-ID MAC is no device with IPs", d is None or same or not d.get("ips"),
             str(d and d.get("ips")))
    C.dev("14:18:77:4e:20:50", ips=["10.1.0.50"], vendor_in=NOT_NET, no_ev=["snmp"])


def f_routed(C):
    C.count(5)
    C.dev("00:1b:54:c2:3a:01", gateway=True, vendor="Cisco", not_vendor=["Huawei", "ZTE", "Juniper"],
          ips=["10.1.0.1"], no_ips=["10.20.0.11", "10.20.0.12", "10.20.0.13"], risk=False,
          only_oui_ev=True)
    C.dev("10.20.0.11", mac_null=True, vendor="Huawei", model="AR2220",
          software="VRP 5.160 V200R009C00SPC500", name="br-ar-11",
          ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5")])
    C.dev("10.20.0.12", mac_null=True, vendor="ZTE", name="br-zte-12",
          ev=[("ssh", "banner", "SSH-2.0-ZTE_SSH.2.0")])
    C.dev("10.20.0.13", mac_null=True, vendor="Juniper", model="srx300", software="19.4R3-S1.3",
          name="br-srx-13")
    C.dev("14:18:77:4e:20:50", ips=["10.1.0.50"], vendor_in=NOT_NET)


def f_snmp_models(C):
    """Model lines behind a router: a ZTE carrier router's glued version string, a Huawei
    NE40E's VRP description, a Cisco ISR4331 and a Redback SMS 1800 known by their
    sysObjectIDs alone, a Nokia 7750 SR-12 whose registration refines its description's family."""
    C.count(7)
    C.dev("00:1b:54:c2:3a:01", gateway=True, vendor="Cisco",
          not_vendor=["Huawei", "ZTE", "Ericsson", "Nokia"], ips=["10.1.0.1"],
          no_ips=["10.20.1.21", "10.20.1.22", "10.20.1.23", "10.20.1.24", "10.20.1.25"],
          risk=False, only_oui_ev=True)
    C.dev("10.20.1.21", mac_null=True, vendor="ZTE", model="ZXR10 M6000-08", software="V1.00.30",
          name="pe-m6000-21", risk=True)
    C.dev("10.20.1.22", mac_null=True, vendor="Huawei", model="NE40E-X8A",
          software="VRP 8.180 V800R011C10SPC100", name="pe-ne40e-22", risk=True,
          ev=[("snmp", "sys_object_id", "1.3.6.1.4.1.2011.2.62.2.18")])
    C.dev("10.20.1.23", mac_null=True, vendor="Cisco", model="ISR4331", software="IOS 16.9.4",
          name="br-isr-23", risk=False, ev=[("snmp", "sys_object_id", "1.3.6.1.4.1.9.1.2068")])
    # RBN-PRODUCT-MIB rbnSMS1800: the AOS description gives the software, the table the model.
    C.dev("10.20.1.24", mac_null=True, vendor="Ericsson", model="SMS 1800",
          software="AOS 6.1.4.13", name="bras-sms-24", risk=False,
          ev=[("snmp", "sys_object_id", "1.3.6.1.4.1.2352.1.3")])
    # "Nokia 7750 SR" (nokia-timos, 0.95) refined by tmnxModelSR12Reg (0.85): the chassis.
    C.dev("10.20.1.25", mac_null=True, vendor="Nokia", model="7750 SR-12",
          software="TiMOS-C-20.10.R3", name="pe-sr12-25", risk=False,
          ev=[("snmp", "sys_object_id", "1.3.6.1.4.1.6527.1.3.3")])


# ---- telecom control planes (tests/gen/mktelecom.py) ---------------------------------------

def f_mobile_core(C):
    """Transit link between two routers: every node is routed, keyed by IP; the routers keep
    their OUI only, whatever the core nodes say."""
    C.count(7)
    for rtr in ("00:1b:54:c2:3a:60", "00:1b:54:c2:3a:61"):
        C.dev(rtr, vendor="Cisco", not_vendor=["Huawei", "ZTE"], risk=False, only_oui_ev=True,
              no_ips=["10.40.1.10", "10.40.2.20", "10.40.3.30", "10.40.4.40", "10.40.5.50"])
    C.dev("10.40.1.10", mac_null=True, vendor="Huawei",
          ev=[("gtp", "private_extension_enterprise", "2011")])
    C.dev("10.40.2.20", mac_null=True, vendor="ZTE",
          ev=[("gtp", "private_extension_enterprise", "3902")])
    C.dev("10.40.3.30", mac_null=True, vendor="Huawei",
          ev=[("gtp", "private_extension_enterprise", "2011")])
    C.dev("10.40.4.40", mac_null=True, vendor="Huawei",
          name="upf-hw-01.5gc.mnc001.mcc001.3gppnetwork.org",
          ev=[("pfcp", "enterprise_ie", "2011"),
              ("pfcp", "node_id", "upf-hw-01.5gc.mnc001.mcc001.3gppnetwork.org")])
    C.dev("10.40.5.50", mac_null=True, vendor_in=[None],
          name="smf01.5gc.mnc001.mcc001.3gppnetwork.org")


def f_bng_radius(C):
    """Seen at the AAA server: the NASes are routed and keyed by IP; the server's replies
    (Access-Accept with Huawei VSAs, CoA-Request) make nothing of the server; credentials
    and subscriber names appear nowhere."""
    C.count(4)
    C.dev("00:1b:54:c2:3a:50", vendor="Cisco", not_vendor=["Huawei", "Nokia"], risk=False,
          only_oui_ev=True, no_ips=["10.60.1.1", "10.60.2.1"])
    C.dev("14:18:77:4e:50:10", ips=["10.50.0.10"], vendor_in=NOT_NET, only_oui_ev=True,
          not_vendor=["Huawei", "Nokia"])
    C.dev("10.60.1.1", mac_null=True, vendor="Huawei", model="ME60-X16",
          software="V800R012C10SPC300", name="BRAS-HW-ME60-01",
          ev=[("radius", "vendor_specific", "2011"), ("radius", "nas_ip_address", "10.60.1.1"),
              ("radius", "vendor_attribute", "2011:255=ME60-X16")])
    C.dev("10.60.2.1", mac_null=True, vendor="Nokia", name="BNG-NOK-7750-01",
          ev=[("radius", "vendor_specific", "6527")])
    for word in ("subscriber01", "subscriber02", "Pa55w0rd", "k3y-0f-th3-AAA", "server-side-text",
                 "qos-100M", "default-sub"):
        leaks = [w for w, o in C.r.all_outputs() if word.encode() in o]
        C._c("outputs", "%r in no output" % word, not leaks, str(leaks))
def f_tls_devices(C):
    C.count(6)
    C.dev("00:1b:54:c2:3a:01", gateway=True, vendor="Cisco",
          not_vendor=["Huawei", "Hikvision", "ZTE"], ips=["10.1.0.1"],
          no_ips=["10.20.0.11", "10.20.0.31", "10.30.0.15"], risk=False, only_oui_ev=True)
    C.dev("10.20.0.11", mac_null=True, vendor="Huawei",
          ev=[("tls", "cert_subject", "CN=10.20.0.11,O=Huawei Technologies Co.\\, Ltd.,C=CN"),
              ("tls", "cert_issuer", "CN=Huawei Equipment CA,O=Huawei,C=CN")])
    C.dev("10.20.0.31", mac_null=True, vendor="Hikvision",
          ev=[("tls", "cert_subject",
               "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN")])
    C.dev("10.30.0.15", mac_null=True, vendor="ZTE",
          ev=[("tls", "cert_subject",
               "CN=dra01.epc.mnc001.mcc001.3gppnetwork.org,O=ZTE Corporation,C=CN"),
              ("tls", "cert_issuer", "CN=ZTE-ROOT-CA,O=ZTE")])
    C.dev("14:18:77:4e:20:50", ips=["10.1.0.50"], vendor_in=NOT_NET,
          ev=[("tls", "ja4", "t13d1516h2_8daaf6152771_e5627efa2ab1")])
    C.dev("f8:bc:12:3d:10:60", ips=["10.1.0.60"], vendor_in=NOT_NET,
          ev=[("tls", "ja4", "t12i060600_c18558ec87bf_2497b1e993de")])


def f_banners(C):
    C.count(9)
    C.no_ip_devices()
    C.dev("c8:4c:75:6e:a0:07", ips=["10.2.0.7"], vendor="Cisco",
          ev=[("ssh", "banner", "SSH-2.0-Cisco-1.25")])
    d = C.dev("2c:26:c5:d0:01:20", ips=["10.2.0.20"], vendor="ZTE", model="C300",
              ev=[("telnet", "banner", "Welcome to ZXAN product C300 of ZTE Corporation", "contains")])
    tb = [e["value"] for e in (d or {}).get("evidence") or [] if e["source"] == "telnet"]
    C._c("2c:26:c5:d0:01:20", "telnet banner without IAC bytes",
         tb and not any(("\xff" in v or "\ufffd" in v) for v in tb), str(tb)[:200])
    C.dev("70:7b:e8:5a:30:00", ips=["10.2.0.12"], vendor="Huawei",
          ev=[("ftp", "banner", "220 FTP service ready.")])
    C.dev("4c:bd:8f:62:19:a4", ips=["10.2.0.31"], vendor="Hikvision",
          ev=[("http", "server", "Hikvision-Webs")])
    C.dev("3c:ef:8c:0a:77:12", ips=["10.2.0.32"], vendor="Dahua",
          ev=[("http", "www_authenticate", 'Digest realm="Login to 6J0ABCDPAZ4F8E1"', "prefix")])
    C.dev("80:5e:c0:3b:9a:51", ips=["10.2.0.41"], vendor="Yealink", model="SIP-T46S",
          software="66.86.0.15", ev=[("sip", "user_agent", "Yealink SIP-T46S 66.86.0.15")])
    C.dev("64:16:7f:1a:2b:52", ips=["10.2.0.42"], vendor="Polycom", model="VVX 411",
          software="5.9.6.2327", ev=[("sip", "user_agent", "PolycomVVX-VVX_411-UA/5.9.6.2327")])
    C.dev("f8:bc:12:3d:05:05", ips=["10.2.0.5"], vendor_in=NOT_NET,
          ev=[("sip", "server", "Asterisk PBX 18.20.0")])
    C.dev("14:18:77:4e:20:64", ips=["10.2.0.100"], vendor_in=NOT_NET)


def f_zte_cpe(C):
    C.dev(ONT, ips=["100.64.12.34"], vendor="ZTE", model="F670L", software="V9.0.11P1N6",
          ev=[("dhcp", "vendor_class", "ZTE F670L"), ("dhcp", "hostname", "ZXHN-F670L"),
              ("cwmp", "manufacturer", "ZTE"), ("cwmp", "oui", "D0154A"),
              ("cwmp", "product_class", "F670L"), ("cwmp", "serial_number", "ZTEGC8A1B2C3"),
              ("cwmp", "software_version", "V9.0.11P1N6")])
    C.dev("00:1b:54:c2:99:01", ips=["100.64.0.1"], vendor="Cisco", not_vendor=["ZTE"], risk=False)
    genie = [d for d in C.r.inv for e in d.get("evidence") or [] if "GenieACS" in e.get("value", "")]
    C._c("inventory", "GenieACS banner makes no vendor",
         genie and all(d.get("vendor") in (None, "Cisco") for d in genie),
         str([(d["id"], d.get("vendor")) for d in genie]))


def f_home_ssdp(C):
    # Checked by IP, whichever device (MAC or IP) holds it: SSDP announcements go out with
    # TTL 4, which the pipeline may take for a routed packet.
    inv = C.r.inv

    def holding(ip):
        return [d for d in inv if ip in (d.get("ips") or [])]

    def evs(ds, src, fld):
        return {e["value"] for d in ds for e in d.get("evidence") or []
                if e["source"] == src and e["field"] == fld}

    hw = holding("192.168.1.1")
    C._c("192.168.1.1", "Huawei HG8245H from SSDP and its UPnP description",
         any(d.get("vendor") == "Huawei" and d.get("model") == "HG8245H" for d in hw),
         str([(d["id"], d.get("vendor"), d.get("model")) for d in hw]))
    want = {("ssdp", "server"): "Linux UPnP/1.0 Huawei-ATP-IGD",
            ("upnp", "manufacturer"): "Huawei Technologies Co., Ltd.",
            ("upnp", "model_name"): "HG8245H", ("upnp", "serial_number"): "48575443A1B2C3D4",
            ("upnp", "friendly_name"): "HG8245H", ("upnp", "model_description"):
            "Huawei Home Gateway"}
    for (src, fld), v in want.items():
        C._c("192.168.1.1", "%s.%s = %s" % (src, fld, v), v in evs(hw, src, fld),
             str(evs(hw, src, fld)))
    # The embedded WANDevice's fields are not the box's: the root device named its own.
    C._c("192.168.1.1", "no embedded-device model", "IGD" not in evs(hw, "upnp", "model_name"))
    for ip, server in (("192.168.1.254", "Linux/2.6.30.9, UPnP/1.0, Portable SDK for UPnP "
                        "devices/1.6.6"),
                       ("192.168.1.2", "Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP "
                        "devices/1.6.19")):
        ds = holding(ip)
        C._c(ip, "ssdp.server %s" % server, server in evs(ds, "ssdp", "server"))
        C._c(ip, "SSDP is never http.server", server not in evs(ds, "http", "server"))
        C._c(ip, "libupnp names no vendor beyond the OUI",
             all(d.get("vendor") in (None, "ZTE", "TP-Link") for d in ds))
    pc = holding("192.168.1.100")
    C._c("192.168.1.100", "M-SEARCH USER-AGENT kept",
         "Google Chrome/58.0.3029.110 Windows" in evs(pc, "ssdp", "user_agent"))
    C._c("inventory", "no vendor from a browser's user agent",
         all(d.get("vendor") != "Google" for d in inv))
    C._c("inventory", "LOCATION, USN and ST are not evidence",
         not any("http://" in e.get("value", "") or "uuid:" in e.get("value", "")
                 for d in inv for e in d.get("evidence") or []))
def no_value_contains(C, words):
    bad = [(d.get("id"), e.get("value")) for d in C.r.inv for e in d.get("evidence") or []
           if any(w in (e.get("value") or "") for w in words)]
    C._c("inventory", "no evidence holds message text %r" % (words,), not bad, str(bad)[:200])


def wired(C, source):
    have = any(e.get("source") == source for d in C.r.inv for e in d.get("evidence") or [])
    C._c("inventory", "%s evidence present (decoder wired)" % source, have)
    return have


NE_SYSLOG_FACTS = [  # (sender, vendor, format, host name, extra attributes)
    ("10.30.0.11", "Huawei", "bsd %%01SHELL/5/CMDRECORD(s):", "hw-pe-01", {"software": "VRP"}),
    ("10.30.0.12", "Cisco", "bare %LINK-3-UPDOWN:", None, {}),
    ("10.30.0.13", "Juniper", "bsd mgd: UI_COMMIT:", "mx-edge-02", {"software": "Junos"}),
    ("10.30.0.14", "H3C", "bsd %%10IFNET/3/PHY_UPDOWN(l):", "h3c-agg-03", {}),
    ("10.30.0.15", "Fortinet", "bare kv devid=FG100E4Q17001234", "fgt-branch-04",
     {"model": "FortiGate-100E"}),
    ("10.30.0.16", "Nokia", "bsd TMNX: SNMP-WARNING-linkDown-2004", "sr-pe-05", {}),
    ("10.30.0.17", "Arista", "bsd Ebra: %LINEPROTO-5-UPDOWN:", "leaf-06", {}),
]


def f_ne_syslog(C):
    senders = [f[0] for f in NE_SYSLOG_FACTS]
    C.dev("00:1b:54:c2:3a:09", vendor="Cisco", ips=["10.9.0.1"], no_ips=senders, risk=False,
          not_vendor=["Huawei", "Juniper", "H3C", "Fortinet", "Nokia", "Arista"])
    C.dev("14:18:77:4e:20:60", ips=["10.9.0.10"], vendor_in=NOT_NET, no_ev=["syslog"])
    no_value_contains(C, ["noc", "User=", "Interface", "GigabitEthernet"])
    if not wired(C, "syslog"):
        return
    for ip, vendor, fmt, host, extra in NE_SYSLOG_FACTS:
        ev = [("syslog", "format", fmt)] + ([("syslog", "hostname", host)] if host else [])
        C.dev(ip, mac_null=True, vendor=vendor, ev=ev, **extra)


def f_home_mdns(C):
    C.count(3)
    C.no_ip_devices()
    C.dev("3c:2e:ff:41:07:99", ips=["192.168.1.41"], vendor="Apple", no_ev=["mdns"])
    C.dev("f0:18:98:3a:51:20", ips=["192.168.1.20"], vendor="Apple")
    C.dev("30:05:5c:7a:fb:ce", ips=["192.168.1.30"], vendor="Brother")
    no_value_contains(C, ["F0:18:98:3A:51:20", "0x4A7FDFD5"])
    if not wired(C, "mdns"):
        return
    C.dev("f0:18:98:3a:51:20", model=["J105aAP", "AppleTV6,2"],
          ev=[("mdns", "hostname", "Living-Room"), ("mdns", "txt", "model=J105aAP"),
              ("mdns", "model", "J105aAP"), ("mdns", "model", "AppleTV6,2")])
    C.dev("30:05:5c:7a:fb:ce",
          ev=[("mdns", "hostname", "BRW30055C7AFBCE"), ("mdns", "vendor", "Brother"),
              ("mdns", "model", "HL-L2350DW series"),
              ("mdns", "model", "Brother HL-L2350DW series")])


def f_dhcpv6(C):
    C.count(3)
    C.dev(ONT, vendor="ZTE", ips=["fe80::d215:4aff:fe7c:31e9"], ev=[("dhcp", "vendor_class", "ZTE F670L")])
    C.dev("00:1b:54:ee:88:45", vendor="Cisco", model="CP-8845", ips=["fe80::21b:54ff:feee:8845"],
          ev=[("dhcp", "vendor_class", "Cisco Systems, Inc. IP Phone CP-8845")])
    C.dev("f8:bc:12:3d:06:06", vendor_in=NOT_NET, no_ev=["dhcp"])


OUTER_CISCO = "f8:e5:7e:11:22:01"


def f_erspan1(C):
    C.dev(S5735, **S5735_FACTS)
    C.dev(OUTER_CISCO, vendor="Cisco", no_ips=["192.0.2.1"], not_vendor=["Huawei"], only_oui_ev=True)


def f_erspan2(C):
    C.dev(Z5960, vendor="ZTE", ips=["10.8.0.5"], ev=[("ssh", "banner", "SSH-2.0-ZTE_SSH.2.0")])
    C.ip_owners("10.8.0.5", Z5960)
    C.dev(OUTER_CISCO, vendor="Cisco", no_ips=["192.0.2.1"], not_vendor=["ZTE"], only_oui_ev=True)
    C.dev("14:18:77:4e:70:70", ips=["10.8.0.70"], vendor_in=NOT_NET)


def f_erspan3(C):
    C.dev(CE6851, vendor="Huawei", name="core-sw-01", ips=["10.8.0.2"],
          ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5")])
    C.ip_owners("10.8.0.2", CE6851)
    C.dev(OUTER_CISCO, vendor="Cisco", no_ips=["192.0.2.1"], not_vendor=["Huawei"], only_oui_ev=True)
    C.dev("14:18:77:4e:70:70", ips=["10.8.0.70"], vendor_in=NOT_NET)


def f_gre_teb(C):
    C.dev(C2960, vendor="Cisco", ev=[("cdp", "platform", "cisco WS-C2960X-48FPD-L")])
    C.dev(M6000, vendor="ZTE", name="PE-ZTE-01")
    C.dev("d4:ae:52:aa:01:0b", no_ips=["192.0.2.11"], vendor_in=NOT_NET, only_oui_ev=True)
    if C.r.find("d4:ae:52:aa:01:0c"):
        C.dev("d4:ae:52:aa:01:0c", vendor_in=NOT_NET, only_oui_ev=True)


def f_vxlan(C):
    C.dev(CE6851, vendor="Huawei", name="core-sw-01", ev=[("lldp", "port_id", "10GE1/0/10")])
    C.dev("3c:ef:8c:0a:99:04", ips=["10.9.0.32"], vendor="Dahua",
          ev=[("http", "www_authenticate", 'Digest realm="Login to 6J0ABCDPAZ4F8E1"', "prefix")])
    C.dev(ARISTA, ips=["10.255.0.1"], vendor="Arista", not_vendor=["Huawei", "Dahua"], only_oui_ev=True)


def f_mpls(C):
    C.dev("10.20.0.12", mac_null=True, vendor="ZTE", name="br-zte-12")
    C.dev(CE6851, vendor="Huawei", ips=["10.8.1.2"], ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5"),
                                                        ("lldp", "port_id", "10GE1/0/2")])
    C.ip_owners("10.8.1.2", CE6851)
    C.dev("3c:8a:b0:6e:10:01", oui_org="Juniper Networks", not_vendor=["ZTE", "Huawei"],
          no_ips=["10.20.0.12"])
    C.dev("00:1b:54:c2:3a:10", vendor="Cisco", not_vendor=["ZTE", "Huawei"], no_ips=["10.1.0.50"])


def f_hostile_strings(C):
    C.dev("00:e0:fc:66:66:01", vendor="Huawei", ips=["10.66.0.1"])
    d = C.r.find("00:e0:fc:66:66:01") or {}
    mf = [e for e in d.get("evidence") or [] if e.get("field") == "med_manufacturer"]
    C._c("00:e0:fc:66:66:01", "ESC[31mHuawei manufacturer is no vendor statement",
         mf and all(e.get("rule") is None for e in mf), str(mf))
    C.dev("c8:4c:75:66:66:02", vendor="Cisco")
    c = C.r.find("c8:4c:75:66:66:02") or {}
    C._c("c8:4c:75:66:66:02", "model free of escape-sequence remnants",
         not re.search(r"\[\d+m|\x1b", c.get("model") or ""), repr(c.get("model")))
    C.dev("70:7b:e8:66:66:03", vendor="Huawei", ips=["10.66.0.3"])
    C.dev("4c:bd:8f:66:66:04", vendor="Hikvision", ips=["10.66.0.4"])
    C.dev("00:e0:fc:66:66:05", vendor="Huawei", ips=["10.66.0.5"])
    big = [len(e["value"].encode()) for x in C.r.inv for e in x.get("evidence") or []]
    C._c("inventory", "long values cut to at most 512 bytes, and some were long",
         big and max(big) <= 512 and max(big) >= 400, "max %s" % (max(big) if big else None))


def f_huge_tlvs(C):
    C.count(1)
    d = C.dev("00:e0:fc:77:77:01", vendor="Huawei")
    vals = [e.get("value", "") for e in (d or {}).get("evidence") or []]
    C._c("00:e0:fc:77:77:01", "no evidence past the TLV limit ('many-tlvs')",
         not any("many-tlvs" in v for v in vals), str(vals))
    C._c("00:e0:fc:77:77:01", "no evidence past the frame end ('Huawei Versatile')",
         not any("Versatile" in v for v in vals), str(vals))
    C._c("00:e0:fc:77:77:01", "a handful of evidence, not 700", len(vals) < 10, str(len(vals)))
    C.stats_errors({"lldp": 4})


def f_truncated(C):
    C.count(3)
    C.dev(S5735, vendor="Huawei")
    C.dev(C2960, vendor="Cisco")
    C.dev(Z5960, vendor="ZTE")
    C.absent(CE6851, "the cut record's device (CE6851) is absent")


def f_bad_input(C):
    C.count(0)


def f_sample(C):
    C.dev(CE6851, ips=["10.0.0.2", "10.20.0.2"], vlans_has=[20], risk=True,
          ev=[("ssh", "banner", "SSH-2.0-HUAWEI-1.5"), ("snmp", "sys_name", "core-sw-01"),
              ("lldp", "port_id", "10GE1/0/48"), ("stp", "bridge_id", CE6851, "contains")],
          **CE6851_FACTS)
    C.dev("00:00:5e:00:01:0a", vendor=None, gateway=True, risk=False, not_vendor=["Huawei"],
          ev=[("oui", "class", "vrrp")], only_oui_ev=True)
    C.dev(M6000, vendor="ZTE", model="M6000-8S PLUS", software="V5.00.10.30", name="PE-ZTE-01",
          gateway=True, ips=["10.0.0.254"], no_ips=["10.30.0.11", "10.30.0.12", "10.30.0.13"],
          not_vendor=["Huawei", "Cisco", "Juniper"], ev=[("snmp", "engine_enterprise", "3902")])
    C.dev(ONT, vendor="ZTE", model="F670L", software="V9.0.11P1N6", name="ZXHN-F670L",
          ips=["10.20.0.77"], vlans_has=[20])
    C.same_device(C2960, C2960_CHASSIS)
    C.dev(C2960_CHASSIS, vendor="Cisco", model="WS-C2960X-48FPD-L", software="15.2(7)E4",
          name_in=["access-sw-07", "access-sw-07.corp.example"], ips=["10.0.0.7"])
    C.same_device(EX4300, EX4300_CHASSIS)
    C.dev(EX4300_CHASSIS, vendor="Juniper", model="EX4300-48T", software="18.4R2-S4.6",
          name="dist-ex-02", ips=["10.0.0.8"])
    C.dev(ARISTA, vendor="Arista", model="DCS-7050SX-64", software="4.24.2F", name="leaf-ar-01",
          ips=["10.0.0.9"])
    C.dev(MIKROTIK, vendor="MikroTik", model="RB3011UiAS", software="6.49.10", name="edge-mt-01",
          ips=["10.0.0.10"])
    C.dev("4c:bd:8f:62:19:a4", vendor="Hikvision", ips=["10.20.0.31"], vlans_has=[20],
          ev=[("http", "server", "Hikvision-Webs")])
    C.dev("3c:ef:8c:0a:77:12", vendor="Dahua", ips=["10.20.0.32"], vlans_has=[20])
    C.dev(YEALINK, vendor="Yealink", model="SIP-T46S", software="66.86.0.15", ips=["10.20.0.41"],
          vlans_has=[20], ev=[("lldp", "med_serial_number", "1402018041900271"),
                              ("sip", "user_agent", "Yealink SIP-T46S 66.86.0.15")])
    C.dev("d4:ae:52:0e:50:50", ips=["10.0.0.50"], vendor_in=NOT_NET, risk=False)
    C.dev("14:18:77:4e:20:65", ips=["10.20.0.101"], oui_org="Dell Inc.", vendor_in=NOT_NET)
    C.dev("3c:fd:fe:a2:51:02", ips=["10.20.0.102"], oui_org="Intel Corporate", vendor_in=NOT_NET)
    C.dev("9c:8e:99:5a:31:03", ips=["10.20.0.103"], oui_org="Hewlett Packard", vendor_in=NOT_NET)
    C.dev("3a:7c:92:5e:11:d4", ips=["10.20.0.150"], vendor=None, oui_org=None, risk=False,
          ev=[("oui", "class", "locally_administered"), ("dhcp", "vendor_class", "android-dhcp-14")])
    C.dev("f8:bc:12:3d:10:53", ips=["10.10.0.53"], vlans_has=[10], vendor_in=NOT_NET)
    C.dev("b4:b5:2f:60:10:60", ips=["10.10.0.60"], vlans_has=[10], vendor_in=NOT_NET)
    C.dev("10.30.0.11", mac_null=True, vendor="Huawei", model="AR2220",
          software="VRP 5.160 V200R009C00SPC500", name="br-ar-01")
    C.dev("10.30.0.12", mac_null=True, vendor="Cisco", model="ISR4331", software="16.9.4",
          name="br-isr-02")
    C.dev("10.30.0.13", mac_null=True, vendor="Juniper", model="SRX300", software="19.4R3-S1.3",
          name="br-srx-03")
    risky = sorted(d["id"] for d in C.r.inv if d.get("risk"))
    want = sorted([CE6851, M6000, ONT, "4c:bd:8f:62:19:a4", "3c:ef:8c:0a:77:12", "10.30.0.11"])
    C._c("inventory", "the six risk devices of the README, no other", risky == want, str(risky))
    alerts = sorted(a["id"] for a in C.r.events if a.get("event") == "alert")
    C._c("events", "six alerts, one per risk device", alerts == want, str(alerts))
    others = [(d["id"], d.get("vendor")) for d in C.r.inv if d.get("mac") is None and
              d["id"] not in ("10.30.0.11", "10.30.0.12", "10.30.0.13") and d.get("vendor")]
    C._c("inventory", "hosts behind the VRRP gateway / PE router get no vendor from it", not others,
         str(others))
    lldp = [d["id"] for d in C.r.inv if any(e["source"] == "lldp" for e in d.get("evidence") or [])]
    C._c("inventory", "each LLDP neighbour is one device (6)", len(lldp) == 6, str(lldp))


DIAM_REALM = "epc.mnc001.mcc234.3gppnetwork.org"


def f_core_diameter(C):
    C.dev("00:1b:54:c2:3a:11", vendor="Cisco", not_vendor=["Huawei", "ZTE", "Ericsson"],
          no_ips=["10.20.0.21"], only_oui_ev=True, risk=False)
    C.dev("3c:8a:b0:10:20:01", vendor="Juniper", not_vendor=["Huawei", "ZTE", "Ericsson"],
          no_ips=["10.30.0.11", "10.30.0.5"], only_oui_ev=True, risk=False)
    C.stats_errors({})
    # Until the decoder is in the packet path (a KNOWN_GAPS entry), the peers are absent.
    wired = C.r.find("10.20.0.21") is not None
    C._c("inventory", "Diameter peers present (decoder wired in)", wired)
    if not wired:
        C.count(2)
        return
    C.count(5)
    C.dev("10.20.0.21", mac_null=True, vendor="Huawei", model="HSS9860",
          name="hss01." + DIAM_REALM, risk=True,
          ev=[("diameter", "vendor_id", "2011"), ("diameter", "product_name", "HUAWEI HSS9860"),
              ("diameter", "host_ip_address", "10.20.0.21")])
    C.dev("10.30.0.11", mac_null=True, vendor="ZTE", model="ZXUN uMAC", not_vendor=["Huawei"],
          name="mme01." + DIAM_REALM, risk=True, ev=[("diameter", "vendor_id", "3902")])
    C.dev("10.30.0.5", mac_null=True, vendor="Ericsson", model="DSC", name="dra01." + DIAM_REALM,
          risk=False, ev=[("diameter", "product_name", "Ericsson DSC")])


FACTS = {
    "eth_basic.pcap": f_eth_basic,
    "eth_nsec_be.pcap": f_eth_nsec_be,
    "sll.pcap": f_sll,
    "sll2.pcap": f_sll,
    "raw.pcap": f_raw,
    "rawv4.pcap": f_rawv4,
    "qinq.pcap": f_qinq,
    "vlan.pcap": f_vlan,
    "multi_if.pcapng": f_multi_if,
    "topo_site.pcap": f_topo_site,
    "topo_site_later.pcap": f_topo_site_later,
    "lldp_huawei.pcap": f_lldp_huawei,
    "lldp_zte.pcap": f_lldp_zte,
    "lldp_med_phone.pcap": f_lldp_med_phone,
    "lldp_multi.pcap": f_lldp_multi,
    "whitebox.pcap": f_whitebox,
    "cdp_cisco.pcap": f_cdp_cisco,
    "cdp_v1.pcap": f_cdp_v1,
    "edp.pcap": f_edp,
    "fdp.pcap": f_fdp,
    "sonmp.pcap": f_sonmp,
    "stp.pcap": f_stp,
    "mndp.pcap": f_mndp,
    "ubdp.pcap": f_ubdp,
    "oui_traps.pcap": f_oui_traps,
    "snmp_v1v2.pcap": f_snmp_v1v2,
    "snmpv3_only.pcap": f_snmpv3_only,
    "routed.pcap": f_routed,
    "snmp_models.pcap": f_snmp_models,
    "mobile_core.pcap": f_mobile_core,
    "bng_radius.pcap": f_bng_radius,
    "core_diameter.pcap": f_core_diameter,
    "tls_devices.pcap": f_tls_devices,
    "banners.pcap": f_banners,
    "zte_cpe.pcap": f_zte_cpe,
    "home_ssdp.pcap": f_home_ssdp,
    "dhcpv6.pcap": f_dhcpv6,
    "ne_syslog.pcap": f_ne_syslog,
    "home_mdns.pcap": f_home_mdns,
    "erspan1.pcap": f_erspan1,
    "erspan2.pcap": f_erspan2,
    "erspan3.pcap": f_erspan3,
    "gre_teb.pcap": f_gre_teb,
    "vxlan.pcap": f_vxlan,
    "mpls.pcap": f_mpls,
    "hostile_strings.pcap": f_hostile_strings,
    "huge_tlvs.pcap": f_huge_tlvs,
    "truncated.pcap": f_truncated,
    "not_a_capture.pcap": f_bad_input,
    "empty.pcap": f_bad_input,
    "bad_magic.pcap": f_bad_input,
    "sample.pcap": f_sample,
}


def main(argv):
    verbose = "-v" in argv
    only = argv[argv.index("-k") + 1] if "-k" in argv else None
    binary = os.environ.get("VS_BIN")
    src = os.environ.get("VS_SRC")
    if not binary or not src:
        print("facts.py: set VS_BIN and VS_SRC")
        return 2
    capdir = os.path.join(src, "tests", "captures")
    caps = sorted(os.path.join(capdir, f) for f in os.listdir(capdir)
                  if f.endswith((".pcap", ".pcapng")))
    caps.append(os.path.join(src, "samples", "sample.pcap"))
    ck = Checker(verbose, only)
    fields = documented_fields(src)
    ck.check("docs/events.md: evidence field list parsed", fields and len(fields) > 50)
    with tempfile.TemporaryDirectory(prefix="vs-facts.") as tmp:
        for path in caps:
            name = os.path.basename(path)
            fn = FACTS.get(name)
            ck.check("%s: has facts in facts.py" % name, fn is not None)
            try:
                run = Run(binary, path, tmp)
            except subprocess.TimeoutExpired:
                ck.check("%s: runs within 60 s" % name, False)
                continue
            invariants(ck, run, fields)
            if fn:
                fn(Facts(ck, run))
    return ck.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
