#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""coverage.py - how much the signatures say of the strings seen on the wire.

Runs `vendorsniff -r CAPTURE -q --inventory FILE` over the project's captures
(tests/captures) and the shared corpus (../shared/corpus/pcap, or $VS_CORPUS; skipped
when absent), gathers the distinct evidence strings of each kind from the inventories,
and asks bench/sigmatch (built with the bench targets) what each signature set gives
for it: a vendor, a model, a software version, a CPE, and whether a Recog fingerprint
gave the vendor. Each set is a signatures directory; by default the shipped one, and
the same without its Recog map (recog-map.ini) for a before/after comparison.

Usage: bench/coverage.py [--build DIR] [--signatures DIR ...] [--markdown]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Identifiers and addresses are not descriptions: nothing to attribute in them.
SKIP = {"oui.org", "oui.class", "arp.address", "nd.address", "lldp.chassis_id",
        "lldp.port_id", "lldp.management_address", "cdp.address", "cdp.port_id",
        "cdp.management_address", "fdp.address", "fdp.port_id", "edp.address",
        "edp.port_id", "mndp.address", "sonmp.address", "snmp.agent_address",
        "radius.nas_ip_address", "diameter.host_ip_address", "stp.bridge_id",
        "stp.root_id", "snmp.engine_id", "lldp.port_vlan_id", "cdp.native_vlan",
        "cdp.voice_vlan", "lldp.max_frame_size", "lldp.mac_phy", "lldp.power",
        "lldp.capabilities", "cdp.capabilities", "cdp.duplex", "fdp.capabilities"}


def captures():
    files = sorted(glob.glob(os.path.join(HERE, "tests/captures/*.pcap*")))
    corpus = os.environ.get("VS_CORPUS") or os.path.join(HERE, "..", "shared", "corpus")
    if not os.path.isdir(corpus) and os.path.isdir("/work/shared/corpus"):
        corpus = "/work/shared/corpus"
    if os.path.isdir(os.path.join(corpus, "pcap")):
        files += sorted(glob.glob(os.path.join(corpus, "pcap", "*")))
    else:
        print("coverage: shared corpus absent, project captures only", file=sys.stderr)
    return files


def strings(binary, files):
    seen = {}
    with tempfile.TemporaryDirectory() as tmp:
        inv = os.path.join(tmp, "inv.jsonl")
        for f in files:
            if os.path.exists(inv):
                os.unlink(inv)
            subprocess.run([binary, "-r", f, "-q", "--inventory", inv],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.exists(inv):
                continue
            with open(inv, encoding="utf-8", errors="surrogateescape") as fh:
                for line in fh:
                    try:
                        dev = json.loads(line)
                    except ValueError:
                        continue
                    for ev in dev.get("evidence") or []:
                        key = f"{ev.get('source')}.{ev.get('field')}"
                        val = ev.get("value")
                        if key in SKIP or not isinstance(val, str) or not val:
                            continue
                        seen.setdefault(key, set()).add(val)
    return seen


def classify(sigmatch, sigdir, seen):
    lines, keys = [], []
    for key in sorted(seen):
        for val in sorted(seen[key]):
            raw = val.encode("utf-8", "surrogateescape")
            lines.append(f"{key}\t{raw.hex()}\n")
            keys.append(key)
    out = subprocess.run([sigmatch, sigdir], input="".join(lines), capture_output=True,
                         text=True, check=True).stdout.split("\n")
    res = {"_vendors": {}}
    vals = [v for key in sorted(seen) for v in sorted(seen[key])]
    for key, val, row in zip(keys, vals, out):
        res["_vendors"][(key, val)] = row.split("\t")[0]
    for key, row in zip(keys, out):
        vendor, model, software, recog, cpe = (row.split("\t") + ["", "", "", "0", ""])[:5]
        r = res.setdefault(key, [0, 0, 0, 0, 0, 0])
        r[0] += 1
        r[1] += bool(vendor)
        r[2] += bool(model)
        r[3] += bool(software)
        r[4] += bool(cpe)
        r[5] += recog == "1"
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(HERE, "build"))
    ap.add_argument("--signatures", action="append")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    binary = os.path.join(a.build, "vendorsniff")
    sigmatch = os.path.join(a.build, "bench", "sigmatch")
    for b in (binary, sigmatch):
        if not os.access(b, os.X_OK):
            sys.exit(f"coverage: {b} missing (cmake --build {a.build} --target vendorsniff sigmatch)")
    tmp = None
    sets = a.signatures
    if not sets:
        tmp = tempfile.mkdtemp()
        before = os.path.join(tmp, "without-recog")
        os.mkdir(before)
        for name in os.listdir(os.path.join(HERE, "signatures")):
            if name != "recog-map.ini":
                os.symlink(os.path.join(HERE, "signatures", name), os.path.join(before, name))
        sets = [before, os.path.join(HERE, "signatures")]
    files = captures()
    seen = strings(binary, files)
    results = [classify(sigmatch, s, seen) for s in sets]
    if tmp:
        shutil.rmtree(tmp)
    names = ["without Recog", "with Recog"] if not a.signatures else sets
    print(f"{len(files)} captures, {sum(len(v) for v in seen.values())} distinct strings\n")
    head = "| evidence | strings | " + " | ".join(
        f"vendor / model / software / CPE ({n})" for n in names) + " |"
    print(head)
    print("|---|---|" + "---|" * len(names))
    tot = [[0] * 6 for _ in names]
    for key in sorted(seen):
        cells = []
        for i, r in enumerate(results):
            v = r.get(key, [len(seen[key]), 0, 0, 0, 0, 0])
            tot[i] = [x + y for x, y in zip(tot[i], v)]
            cells.append(f"{v[1]} / {v[2]} / {v[3]} / {v[4]}" + (f" ({v[5]} Recog)" if v[5] else ""))
        print(f"| {key} | {len(seen[key])} | " + " | ".join(cells) + " |")
    cells = [f"**{t[1]} / {t[2]} / {t[3]} / {t[4]}**" + (f" ({t[5]} Recog)" if t[5] else "")
             for t in tot]
    print(f"| all | {tot[0][0]} | " + " | ".join(cells) + " |")
    if len(results) > 1:
        a0, a1 = results[0]["_vendors"], results[-1]["_vendors"]
        changed = [(k, a0[k], a1[k]) for k in a0 if a0[k] and a1.get(k) != a0[k]]
        print(f"\nstrings whose vendor changed between the first and the last set: {len(changed)}")
        for (key, val), v0, v1 in changed:
            print(f"  {key} {val[:60]!r}: {v0} -> {v1}")


if __name__ == "__main__":
    main()
