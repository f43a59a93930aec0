#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# --topology on topo_site.pcap (two switches, devices behind each): the GraphML export is
# well-formed XML (xmllint) with the right edges and ports, the DOT export renders
# (dot -Tsvg); a wrong extension is a usage error. Needs libxml2-utils and graphviz
# (scripts/setup.sh --test). Env from ctest: VS_BIN, VS_SRC.
set -euo pipefail
: "${VS_BIN:?}" "${VS_SRC:?}"
for tool in xmllint dot python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "test_topology: SKIPPED: $tool not installed (libxml2-utils, graphviz: scripts/setup.sh --test)"
        exit 77
    fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vs-topo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    local what=$1
    shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
cap=$VS_SRC/tests/captures/topo_site.pcap
"$VS_BIN" -r "$cap" --format none --topology "$tmp/site.graphml"
"$VS_BIN" -r "$cap" --format none --topology "$tmp/site.dot"
check "GraphML is well-formed XML" xmllint --noout "$tmp/site.graphml"
check "DOT renders to SVG" bash -c "dot -Tsvg '$tmp/site.dot' >'$tmp/site.svg' && xmllint --noout '$tmp/site.svg'"
check "GraphML: nodes with vendor and risk, edges with switch ports" python3 -c '
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
g = ET.parse(sys.argv[1]).getroot().find("g:graph", ns)
def data(el):
    return {d.get("key"): d.text for d in el.findall("g:data", ns)}
nodes = {n.get("id"): data(n) for n in g.findall("g:node", ns)}
edges = {(e.get("source"), e.get("target")): data(e) for e in g.findall("g:edge", ns)}
assert len(nodes) == 6, nodes
assert nodes["d0:15:4a:7c:31:e9"]["risk"] == "zte" and nodes["d0:15:4a:7c:31:e9"]["vendor"] == "ZTE"
ont = edges[("d0:15:4a:7c:31:e9", "3c:8c:40:b1:77:02")]
assert ont["port"] == "GigabitEthernet1/0/7" and ont["vlan"] == "20" and ont["how"] == "same-segment", ont
ph = edges[("64:16:7f:1a:2b:3c", "28:99:3a:4d:e2:01")]
assert ph["port"] == "Ethernet12" and ph["local_port"] == "1" and ph["how"] == "lldp-neighbour", ph
assert float(ph["certainty"]) > float(ont["certainty"])
srv = edges[("14:18:77:4e:61:10", "28:99:3a:4d:e2:01")]
assert srv["port"] == "Ethernet12"
assert len(edges) == 4, edges
' "$tmp/site.graphml"
check "DOT: the risk device drawn red, its edge labelled with the switch port" bash -c "
grep -q '\"d0:15:4a:7c:31:e9\" \[.*color=red' '$tmp/site.dot' &&
grep -q '\"d0:15:4a:7c:31:e9\" -- \"3c:8c:40:b1:77:02\" \[headlabel=\"GigabitEthernet1/0/7\"' '$tmp/site.dot'"
"$VS_BIN" -r "$cap" --format none -w "$tmp/site.events"
check "event stream: one device event per attachment, after the device's first event" python3 -c '
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1])]
att = [e for e in evs if e["event"] == "device" and "attached" in e]
assert len(att) == 4, len(att)
ont = [e for e in att if e["id"] == "d0:15:4a:7c:31:e9"][0]
assert ont["attached"]["port"] == "GigabitEthernet1/0/7" and ont["risk"]["rule"] == "zte", ont
' "$tmp/site.events"
# Hostile strings (escape sequences, quotes) stay well-formed in both formats.
"$VS_BIN" -r "$VS_SRC/tests/captures/hostile_strings.pcap" --format none --topology "$tmp/h.graphml"
"$VS_BIN" -r "$VS_SRC/tests/captures/hostile_strings.pcap" --format none --topology "$tmp/h.dot"
check "hostile strings: GraphML well-formed" xmllint --noout "$tmp/h.graphml"
check "hostile strings: DOT renders" bash -c "dot -Tsvg '$tmp/h.dot' >/dev/null"
rc=0
"$VS_BIN" -r "$cap" --format none --topology "$tmp/site.png" 2>/dev/null || rc=$?
check "--topology with another extension: usage error" test "$rc" -eq 1
[[ $fail -eq 0 ]] && echo "test_topology: all checks passed"
exit $fail
