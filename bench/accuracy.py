#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""accuracy.py - compare a vendorsniff inventory with mkpcap.py's --truth CSV: vendor of
every device (from its organisation), model and name of the infrastructure devices.
usage: accuracy.py TRUTH.csv INVENTORY.jsonl"""
import csv
import json
import sys


def main():
    truth = {r["mac"]: r for r in csv.DictReader(open(sys.argv[1]))}
    inv = {}
    for line in open(sys.argv[2]):
        d = json.loads(line)
        for m in [d.get("mac")] + d.get("other_macs", []):
            if m:
                inv[m] = d
    stats = {"devices": [0, 0], "oui_org": [0, 0], "model": [0, 0], "name": [0, 0]}
    misses = []
    for mac, t in truth.items():
        d = inv.get(mac)
        stats["devices"][1] += 1
        if not d:
            misses.append(f"{mac}: missing")
            continue
        stats["devices"][0] += 1
        if t["registry"] != "LAA":
            stats["oui_org"][1] += 1
            if (d.get("oui_org") or "").lower() == t["organization"].lower():
                stats["oui_org"][0] += 1
            else:
                misses.append(f"{mac}: org {t['organization']!r} got {d.get('oui_org')!r}")
        if t["infra"] == "1" and t["model"] and t["persona"] != "linux":
            stats["model"][1] += 1
            if (d.get("model") or "").lower() == t["model"].lower():
                stats["model"][0] += 1
            else:
                misses.append(f"{mac}: {t['persona']} model {t['model']!r} got {d.get('model')!r}")
        if t["infra"] == "1" and t["sysname"]:
            stats["name"][1] += 1
            if d.get("name") == t["sysname"]:
                stats["name"][0] += 1
            else:
                misses.append(f"{mac}: name {t['sysname']!r} got {d.get('name')!r}")
    for k, (ok, n) in stats.items():
        print(f"{k:8s} {ok}/{n} {100.0 * ok / n if n else 100:.1f}%")
    try:
        for m in misses[:30]:
            print("  " + m)
    except BrokenPipeError:
        pass


if __name__ == "__main__":
    main()
