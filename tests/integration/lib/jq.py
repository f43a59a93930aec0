#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""jq.py - the few questions the appliance tests ask of vendorsniff's JSON Lines files
(inventory, event stream, state file), so the shell scripts stay readable.

    jq.py same-inventory A B [--ignore-packets]
        the two inventories hold the same devices with the same attributes and evidence;
        time fields (ts, first_seen, last_seen, evidence ts) and the sensor are ignored
    jq.py devices FILE                 one "id vendor model" line per device
    jq.py field FILE ID KEY            a top-level value of device ID (JSON), exit 1 if none
    jq.py alerts FILE                  one "id vendor list_rule" line per alert event
    jq.py stats FILE KEY               KEY of the last stats event (dotted path: capture.dropped)
    jq.py valid FILE                   every line is a JSON object (exit 1 if not)
    jq.py state FILE                   a vendorsniff state file: header + device lines
"""

import json
import sys

TIME_KEYS = {"ts", "first_seen", "last_seen", "sensor"}


def lines(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            o = json.loads(line)
            if not isinstance(o, dict):
                raise ValueError("%s:%d: not an object" % (path, n))
            out.append(o)
    return out


def norm_device(d, ignore_packets):
    d = {k: v for k, v in d.items() if k not in TIME_KEYS}
    if ignore_packets:
        d.pop("packets", None)
    d["evidence"] = [{k: v for k, v in e.items() if k != "ts"} for e in d.get("evidence", [])]
    return d


def inventory(path, ignore_packets=False):
    devs = {}
    for o in lines(path):
        if o.get("event") != "device":
            raise ValueError("%s: not a device line: %r" % (path, o.get("event")))
        if o["id"] in devs:
            raise ValueError("%s: device %s twice" % (path, o["id"]))
        devs[o["id"]] = norm_device(o, ignore_packets)
    return devs


def same_inventory(a, b, ignore_packets):
    da, db = inventory(a, ignore_packets), inventory(b, ignore_packets)
    ok = True
    for i in sorted(set(da) | set(db)):
        if i not in da:
            print("only in %s: %s" % (b, json.dumps(db[i])[:300]))
            ok = False
        elif i not in db:
            print("only in %s: %s" % (a, json.dumps(da[i])[:300]))
            ok = False
        elif da[i] != db[i]:
            ok = False
            for k in sorted(set(da[i]) | set(db[i])):
                if da[i].get(k) != db[i].get(k):
                    print("%s: %s differs:\n  %s\n  %s" % (i, k, json.dumps(da[i].get(k))[:300],
                                                          json.dumps(db[i].get(k))[:300]))
    if not da:
        print("%s: no devices" % a)
        ok = False
    return ok


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "same-inventory":
        return 0 if same_inventory(argv[2], argv[3], "--ignore-packets" in argv) else 1
    if cmd == "devices":
        for o in lines(argv[2]):
            print(o["id"], o.get("vendor"), o.get("model"))
        return 0
    if cmd == "field":
        for o in lines(argv[2]):
            if o.get("event") == "device" and o.get("id") == argv[3]:
                if argv[4] not in o:
                    return 1
                print(json.dumps(o[argv[4]]))
                return 0
        return 1
    if cmd == "alerts":
        for o in lines(argv[2]):
            if o.get("event") == "alert":
                print(o["id"], o.get("vendor"), o.get("list_rule"))
        return 0
    if cmd == "stats":
        last = None
        for o in lines(argv[2]):
            if o.get("event") == "stats":
                last = o
        if last is None:
            return 1
        for k in argv[3].split("."):
            last = last[k]
        print(json.dumps(last))
        return 0
    if cmd == "valid":
        lines(argv[2])
        return 0
    if cmd == "state":
        ls = lines(argv[2])
        if not ls or ls[0].get("format") != "vendorsniff-state":
            print("%s: no state header" % argv[2])
            return 1
        if ls[0].get("devices") != len(ls) - 1:
            print("%s: header says %s devices, file has %d" % (argv[2], ls[0].get("devices"),
                                                               len(ls) - 1))
            return 1
        for o in ls[1:]:
            print(o["id"], o.get("first_seen"), len(o.get("alerts", [])))
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError, KeyError) as e:
        print("jq.py: %s" % e)
        sys.exit(1)
