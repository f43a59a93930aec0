#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# GeoIP/ASN enrichment (--geoip): test databases written with Debian's MaxMind DB writer,
# a capture with public and private peers; checks geo, peers, the peer bound, the ranges never
# looked up, the risk-peer rule (once per device and network), a corrupt and a missing
# database, and running without one.
set -euo pipefail
perl -MMaxMind::DB::Writer::Tree -e1 2>/dev/null || { echo "test_geo: SKIPPED: needs libmaxmind-db-writer-perl (scripts/setup.sh --test installs it)"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
perl "$VS_SRC/tests/integration/lib/mkmmdb.pl" country "$t/country.mmdb"
perl "$VS_SRC/tests/integration/lib/mkmmdb.pl" asn "$t/asn.mmdb"

PYTHONPATH="$VS_SRC/tests/integration/lib" python3 - "$t/geo.pcap" <<'PY'
import sys
from pcapw import *
hw = "00:e0:fc:00:00:01"     # Huawei OUI, a router with a public address
gw = "00:00:0c:aa:bb:cc"     # the upstream
frames = [eth("01:80:c2:00:00:0e", hw, 0x88cc, lldp(hw, "GE0/0/1", "edge-rtr",
          "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.170 (AR2220 V200R009C00SPC500)"))]
peers = ["1.0.16.5", "1.0.16.6", "8.8.8.8", "8.8.8.8", "8.8.8.8", "81.2.69.1", "10.1.1.1",
         "192.168.7.7", "127.0.0.1", "169.254.1.1", "224.0.0.5", "192.0.2.9", "198.51.100.9", "203.0.113.9"]
for p in peers:
    frames.append(eth(gw, hw, 0x0800, tcp("81.2.69.10", p, 40000, 443, b"\x17\x03\x03\x00\x10" + b"x" * 16)))
# many distinct public peers: the table stays bounded
for i in range(40):
    frames.append(eth(gw, hw, 0x0800, udp("81.2.69.10", "8.8.4.%d" % (i + 1), 5000, 53, b"q" * 20)))
write_pcap(sys.argv[1], frames)
PY

cat >"$t/risk.ini" <<'R'
[huawei]
vendor = Huawei
severity = high
reason = on the list
[peer-cn]
country = CN
severity = medium
reason = talks to a network in a listed country
R

# No database: enrichment off, said in the report, no geo keys.
"$VS_BIN" -r "$t/geo.pcap" --sensor t --inventory "$t/none.jsonl" >"$t/none.txt"
grep -q "GeoIP enrichment: off" "$t/none.txt"
! grep -q '"geo"' "$t/none.jsonl"

"$VS_BIN" -r "$t/geo.pcap" --sensor t --geoip "$t/country.mmdb" --geoip "$t/asn.mmdb" \
    --risk-list "$t/risk.ini" --inventory "$t/inv.jsonl" -w "$t/events.jsonl" >"$t/report.txt"
python3 - "$t/inv.jsonl" "$t/events.jsonl" "$t/report.txt" <<'PY'
import json, sys
inv = [json.loads(l) for l in open(sys.argv[1])]
ev = [json.loads(l) for l in open(sys.argv[2])]
report = open(sys.argv[3]).read()
d = next(x for x in inv if x["id"] == "00:e0:fc:00:00:01")
assert d["vendor"] == "Huawei", d["vendor"]
assert d["geo"] == [{"ip": "81.2.69.10", "country": "GB", "asn": 20712, "as_org": "Andrews & Arnold Ltd"}], d["geo"]
peers = {p["ip"]: p for p in d["peers"]}
assert len(d["peers"]) <= 16, len(d["peers"])
assert d["peers"][0]["ip"] == "8.8.8.8" and d["peers"][0]["packets"] == 3, d["peers"][0]
assert peers["8.8.8.8"]["country"] == "US" and peers["8.8.8.8"]["asn"] == 15169
never = ["10.1.1.1", "192.168.7.7", "127.0.0.1", "169.254.1.1", "224.0.0.5", "192.0.2.9",
         "198.51.100.9", "203.0.113.9"]
for ip in never:
    assert ip not in peers, ip
assert "PRIVATE-SHOULD-NOT-APPEAR" not in open(sys.argv[1]).read()
alerts = [e for e in ev if e["event"] == "alert"]
peer_alerts = [a for a in alerts if a["rule"] == "risk-peer"]
vendor_alerts = [a for a in alerts if a["rule"] == "risk-vendor"]
assert len(vendor_alerts) == 1, vendor_alerts
assert len(peer_alerts) == 1, peer_alerts           # 1.0.16.5 and .6: one network, one alert
assert peer_alerts[0]["peer"]["country"] == "CN" and peer_alerts[0]["peer"]["ip"] == "1.0.16.5"
assert any(e["source"] == "geo" and "1.0.16.5" in e["value"] for e in peer_alerts[0]["evidence"])
assert "GeoIP: vendorsniff-Test-Country" in report
assert "8.8.8.8 (US, AS15169 GOOGLE)" in report, report
print("geo ok")
PY

# A corrupt database and a missing one: exit 1, one line naming the file.
head -c 700 "$t/country.mmdb" >"$t/bad.mmdb"
set +e
"$VS_BIN" -r "$t/geo.pcap" --geoip "$t/bad.mmdb" >/dev/null 2>"$t/err"
rc=$?
set -e
[[ $rc -eq 1 ]] && grep -q "bad.mmdb" "$t/err" && [[ $(wc -l <"$t/err") -eq 1 ]]
set +e
"$VS_BIN" -r "$t/geo.pcap" --geoip "$t/nope.mmdb" >/dev/null 2>"$t/err"
rc=$?
set -e
[[ $rc -eq 1 ]] && grep -q "nope.mmdb" "$t/err"
echo "geo: all checks passed"
