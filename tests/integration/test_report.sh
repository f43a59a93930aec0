#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The audit deliverables end to end, checked in a real headless Chromium (Debian's package):
#   - --html/--csv for the sample and the test captures with risk devices, and `vendorsniff
#     report` over the saved inventory; the same input gives byte-identical files;
#   - the DOM Chromium builds holds one risk row per risk device of the inventory, the four
#     charts as SVG with their tables, the device table; the inline scripts ran (their CSP
#     hashes are right: the sort buttons exist) and the CSP refused nothing;
#   - a screenshot of each report is kept in $VS_BUILD/report-artifacts (not compared);
#   - --print-to-pdf gives a PDF whose text (pdftotext) names every risk device and has
#     page numbers;
#   - hostile names (<img onerror>, </script><script>, quotes, control bytes) in a saved
#     inventory, --sensor and --audit-note run nothing: the title stays, no element is
#     injected, the text is shown;
#   - zero network requests: Chromium runs with a logging HTTP proxy; the real report sends
#     it nothing; a copy with remote loads injected sends it nothing either and the page
#     counts CSP violations; the same injection without the CSP does reach the proxy (so
#     the detector works);
#   - the CSV round-trips through Python's csv module, its header is the documented one,
#     formula cells are neutralised, --csv-bom starts with a BOM.
# Env from ctest: VS_BIN, VS_SRC, VS_BUILD.
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
[[ -x $VS_BIN ]] || { echo "test_report: $VS_BIN is not executable"; exit 1; }
need_cmd chromium pdftotext
ART=${VS_BUILD:-$T}/report-artifacts
mkdir -p "$ART"

"$PY" - "$VS_BIN" "$VS_SRC" "$T" "$ART" <<'PY'
import csv, hashlib, http.server, io, json, os, re, socketserver, subprocess, sys, threading

BIN, SRC, TMP, ART = sys.argv[1:5]
fails = 0


def check(what, ok, detail=""):
    global fails
    if ok:
        print("ok   - " + what)
    else:
        fails += 1
        print("FAIL - " + what + (": " + detail if detail else ""))


# A proxy that answers 404 and remembers every request line: Chromium is pointed at it, so
# any fetch the page makes (http, https CONNECT) is seen here. Chromium's own services
# (component updates, accounts, network time) call Google hosts whatever the page: those
# are the browser's, not the page's (the report names no such host: checked below).
requests = []
BROWSER_SERVICES = re.compile(r"^(GET|POST|CONNECT) (https?://)?[a-z0-9.-]*\.(google\.com|googleapis\.com|gstatic\.com)[:/]")


class Proxy(http.server.BaseHTTPRequestHandler):
    def handle_one_request(self):
        try:
            line = self.rfile.readline(65537).decode("latin-1").strip()
        except OSError:
            return
        if line and not BROWSER_SERVICES.match(line):
            requests.append(line)
        try:
            self.wfile.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, *a):
        pass


srv = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Proxy)
srv.daemon_threads = True
threading.Thread(target=srv.serve_forever, daemon=True).start()
PORT = srv.server_address[1]


def chromium(url, *extra):
    prof = os.path.join(TMP, "profile")
    os.makedirs(prof, exist_ok=True)
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-extensions", "--disable-default-apps",
           "--user-data-dir=" + prof, "--proxy-server=http://127.0.0.1:%d" % PORT,
           "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=3000"]
    cmd += list(extra) + [url]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.stdout.decode("utf-8", "replace")


def vs(*args):
    return subprocess.run([BIN] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=120)


def inventory(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def read(path):
    with open(path, "rb") as f:
        return f.read()


captures = [os.path.join(SRC, "samples", "sample.pcap")] + [
    os.path.join(SRC, "tests", "captures", c) for c in
    ("hostile_strings.pcap", "lldp_huawei.pcap", "lldp_zte.pcap", "zte_cpe.pcap",
     "core_diameter.pcap", "mobile_core.pcap", "bng_radius.pcap", "home_ssdp.pcap")]

for cap in captures:
    name = os.path.splitext(os.path.basename(cap))[0]
    out = os.path.join(TMP, name)
    r = vs("-r", cap, "-q", "--sensor", "test-sensor", "--html", out + ".html", "--csv",
           out + ".csv", "--inventory", out + ".jsonl")
    check(name + ": run exits 0", r.returncode == 0, r.stderr.decode(errors="replace"))
    if r.returncode:
        continue
    r2 = vs("-r", cap, "-q", "--sensor", "test-sensor", "--html", out + ".2.html", "--csv",
            out + ".2.csv")
    check(name + ": the same capture gives a byte-identical report and CSV",
          read(out + ".html") == read(out + ".2.html") and read(out + ".csv") == read(out + ".2.csv"))
    devs = inventory(out + ".jsonl")
    risk = [d for d in devs if d.get("risk")]
    r = vs("report", out + ".jsonl", "--sensor", "test-sensor", "--html", out + ".r.html")
    r2 = vs("report", out + ".jsonl", "--sensor", "test-sensor", "--html", out + ".r2.html")
    check(name + ": report from the saved inventory, twice, byte-identical",
          r.returncode == 0 and read(out + ".r.html") == read(out + ".r2.html"),
          r.stderr.decode(errors="replace"))

    before = len(requests)
    html = read(out + ".html").decode("utf-8")
    want = hashlib.sha256(read(os.path.join(SRC, "signatures", "risk-list.ini"))).hexdigest()[:16]
    check(name + ": the header names the risk list's SHA-256 (as sha256sum prints it)",
          "sha256:" + want in html)
    check(name + ": the report names no host of the browser's own services",
          re.search(r"google(apis)?\.com|gstatic", html) is None)
    dom = chromium("file://" + out + ".html", "--dump-dom")
    check(name + ": Chromium dumped the DOM", "</html>" in dom, dom[:200])
    rows = re.findall(r'<tbody class="riskdev" id="risk-\d+">\s*<tr class="riskrow">(.*?)</tr>',
                      dom, re.S)
    check(name + ": one risk row per risk device (%d)" % len(risk), len(rows) == len(risk),
          "%d rows" % len(rows))
    for d in risk:
        check(name + ": risk row for " + d["id"], any(d["id"] in row for row in rows))
    for cid in ("chart-vendors", "chart-risk-vlan", "chart-risk-subnet", "chart-time"):
        m = re.search(r'<figure class="chart" id="%s".*?</figure>' % cid, dom, re.S)
        check(name + ": chart " + cid + " is SVG with a table alternative",
              m is not None and "<svg" in m.group(0) and "<table" in m.group(0))
    check(name + ": device table lists every device",
          len(re.findall(r'<td class="mono id">', dom)) == len(devs))
    check(name + ": the inline scripts ran (CSP hashes right): sort buttons exist",
          '<th scope="col"><button type="button">Device</button>' in dom)
    check(name + ": the CSP refused nothing", "data-csp-violations=" not in dom.split(">", 2)[1])
    shot = os.path.join(ART, name + ".png")
    chromium("file://" + out + ".html", "--screenshot=" + shot, "--window-size=1280,2000",
             "--hide-scrollbars")
    check(name + ": screenshot kept in " + shot, os.path.exists(shot) and os.path.getsize(shot) > 0)
    pdf = os.path.join(ART, name + ".pdf")
    chromium("file://" + out + ".html", "--print-to-pdf=" + pdf, "--no-pdf-header-footer")
    txt = subprocess.run(["pdftotext", "-layout", pdf, "-"], stdout=subprocess.PIPE).stdout.decode(
        "utf-8", "replace") if os.path.exists(pdf) else ""
    check(name + ": the PDF has page numbers", re.search(r"Page 1 of \d+", txt) is not None)
    missing = [d["id"] for d in risk if d["id"] not in txt]
    check(name + ": the PDF names every risk device", not missing, " ".join(missing))
    check(name + ": no network request while loading, screenshot, printing",
          len(requests) == before, " | ".join(requests[before:]))

    rows = list(csv.reader(io.StringIO(read(out + ".csv").decode("utf-8"), newline="")))
    check(name + ": CSV header is the documented one", rows and rows[0] == [
        "id", "mac", "ips", "vlans", "vendor", "confidence", "oui_org", "model", "software",
        "name", "cpe", "risk_rule", "severity", "risk_reason", "first_seen", "last_seen",
        "packets", "attached_to"])
    check(name + ": CSV has one row per device, every row 18 cells",
          len(rows) == len(devs) + 1 and all(len(x) == 18 for x in rows))
    ids = {x[0] for x in rows[1:]}
    check(name + ": CSV ids are the inventory's", ids == {d["id"] for d in devs})
    byid = {x[0]: x for x in rows[1:]}
    bad = []
    for d in devs:
        row = byid.get(d["id"])
        for col, key in ((4, "vendor"), (7, "model"), (8, "software"), (9, "name")):
            want = d.get(key) or ""
            if want[:1] in ("=", "+", "-", "@", "\t", "\r"):
                want = "'" + want
            if row and row[col] != want:
                bad.append("%s %s %r != %r" % (d["id"], key, row[col], want))
        if row and row[12] != ((d.get("risk") or {}).get("severity") or ""):
            bad.append(d["id"] + " severity")
    check(name + ": CSV cells equal the inventory's values", not bad, "; ".join(bad[:3]))

# Hostile strings in a saved inventory, the sensor name and the audit note.
evil_name = "<img src=x onerror=\"document.title='XSS-NAME'\">"
evil_desc = ("Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180 "
             "(CE6851HI V200R005C10SPC607B607) </script><script>document.title='XSS-DESC'"
             "</script> \x1b[31m\u202e'\"`&amp; \x07")
sensor = "evil<script>document.title='XSS-SENSOR'</script>"
devs = []


def dev(mac, ev):
    devs.append({"event": "device", "ts": "2024-01-01T00:00:10.000000Z", "sensor": sensor,
                 "id": mac, "mac": mac, "ips": ["10.9.9.%d" % (len(devs) + 1)], "vlans": [7],
                 "vendor": None, "confidence": 0, "oui_org": None, "model": None,
                 "software": None, "name": None, "evidence": ev, "risk": None,
                 "first_seen": "2024-01-01T00:00:00.000000Z",
                 "last_seen": "2024-01-01T00:00:10.000000Z", "packets": 3})


dev("00:e0:fc:00:00:01", [{"source": "lldp", "field": "system_name", "value": evil_name},
                          {"source": "lldp", "field": "system_description", "value": evil_desc}])
formulas = ['=HYPERLINK("http://x.example/","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
for i, f in enumerate(formulas):
    dev("00:e0:fc:00:00:%02x" % (i + 2), [{"source": "lldp", "field": "system_name", "value": f}])
evil = os.path.join(TMP, "evil")
with open(evil + ".jsonl", "w", encoding="utf-8") as f:
    for d in devs:
        f.write(json.dumps(d) + "\n")
r = vs("report", evil + ".jsonl", "--html", evil + ".html", "--csv", evil + ".csv", "--csv-bom",
       "--audit-note", "<script>document.title='XSS-NOTE'</script>")
check("hostile: report exits 0", r.returncode == 0, r.stderr.decode(errors="replace"))
html = read(evil + ".html").decode("utf-8")
check("hostile: the file has exactly the report's own two scripts",
      html.count("<script") == 2 and "<img" not in html)
before = len(requests)
dom = chromium("file://" + evil + ".html", "--dump-dom")
title = re.search(r"<title>(.*?)</title>", dom, re.S)
check("hostile: the title is unchanged (nothing ran)",
      title is not None and title.group(1).startswith("Network equipment audit") and
      not re.match(r"XSS-[A-Z]+$", title.group(1)), title.group(1) if title else dom[:300])
check("hostile: no element injected", "<img" not in dom and dom.count("<script") == 2)
check("hostile: the scripts that should run did", '<button type="button">' in dom)
check("hostile: the name is shown as text", "&lt;img src=x onerror=" in dom)
check("hostile: </script> shown as text", "&lt;/script&gt;&lt;script&gt;" in dom)
check("hostile: sensor and note shown as text",
      "evil&lt;script&gt;" in dom and "&lt;script&gt;document.title=&#39;XSS-NOTE" in html)
check("hostile: no network request", len(requests) == before, " | ".join(requests[before:]))
raw = read(evil + ".csv")
check("hostile: --csv-bom starts the CSV with a BOM", raw.startswith(b"\xef\xbb\xbf"))
rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
names = {x[0]: x[9] for x in rows[1:]}
for i, f in enumerate(formulas):
    got = names.get("00:e0:fc:00:00:%02x" % (i + 2))
    check("hostile: formula cell %r neutralised" % f, got == "'" + f, repr(got))
check("hostile: the HTML name survives the CSV round trip",
      names.get("00:e0:fc:00:00:01") == evil_name)

# The detector works: remote loads injected into a copy of the report are refused by the
# CSP (counted in the DOM, nothing reaches the proxy); without the CSP they reach it.
inject = ('<img src="http://canary.invalid/i.png"><link rel="stylesheet" '
          'href="http://canary.invalid/s.css"><iframe src="http://canary.invalid/f"></iframe>')
page = read(os.path.join(TMP, "sample.html")).decode("utf-8")
canary = os.path.join(TMP, "canary.html")
with open(canary, "w", encoding="utf-8") as f:
    f.write(page.replace("<body>", "<body>" + inject, 1))
before = len(requests)
dom = chromium("file://" + canary, "--dump-dom")
m = re.search(r'data-csp-violations="(\d+)"', dom)
check("canary: the page counts the refused loads", m is not None and int(m.group(1)) >= 1,
      dom[:300])
check("canary: nothing reached the network", len(requests) == before,
      " | ".join(requests[before:]))
nocsp = os.path.join(TMP, "nocsp.html")
with open(nocsp, "w", encoding="utf-8") as f:
    f.write(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                   page.replace("<body>", "<body>" + inject, 1)))
before = len(requests)
chromium("file://" + nocsp, "--dump-dom")
check("control: without the CSP the same page does reach the proxy (the check can fail)",
      any("canary.invalid" in x for x in requests[before:]), " | ".join(requests[before:]))

# The command line: what `report` refuses, and a report that cannot be written.
r = vs("report")
check("report without an inventory: exit 1 with the usage", r.returncode == 1 and
      b"usage: vendorsniff report" in r.stderr, r.stderr.decode(errors="replace"))
r = vs("report", "-r", os.path.join(SRC, "samples", "sample.pcap"), "--html", evil + ".x.html")
check("report with -r: exit 1", r.returncode == 1, r.stderr.decode(errors="replace"))
r = vs("report", os.path.join(SRC, "samples", "sample.pcap"), "--html", evil + ".y.html")
check("report of a capture, not an inventory: exit 1 naming it, no file written",
      r.returncode == 1 and b"sample.pcap" in r.stderr and not os.path.exists(evil + ".y.html"),
      r.stderr.decode(errors="replace"))
r = vs("report", evil + ".jsonl", "--html", os.path.join(TMP, "no", "such", "dir.html"))
check("report into a folder that does not exist: exit 2 naming the file",
      r.returncode == 2 and b"dir.html" in r.stderr, r.stderr.decode(errors="replace"))
r = vs("report", evil + ".jsonl")
check("report without --html/--csv prints the text report",
      r.returncode == 0 and b"on the risk list" in r.stdout)

srv.shutdown()
sys.exit(1 if fails else 0)
PY
rc=$?
if ((rc)); then
    echo "test_report: failed (files: $T; VS_KEEP=1 keeps them; screenshots in $ART)"
    exit 1
fi
echo "test_report: all checks passed (screenshots and PDFs in $ART)"
exit 0
