#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Report the tests a ctest run skipped, with the reason each printed.

    tests/skips.py JUNIT.xml [--strict]

Every skipped test is listed with the line it printed containing "SKIPPED" (tests exit 77
after printing "NAME: SKIPPED: reason"). With --strict (CI, where scripts/setup.sh --test
installed everything) a skip fails the run unless tests/allowed-skips.txt names the test
with the reason that skip is legitimate there.
"""
import os
import sys
import xml.etree.ElementTree as ET


def allowed():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "allowed-skips.txt")
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    name, _, why = line.partition(" ")
                    out[name] = why.strip()
    except FileNotFoundError:
        pass
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    strict = "--strict" in sys.argv[2:]
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"skips: cannot read {sys.argv[1]}: {e}", file=sys.stderr)
        return 2
    skipped = []
    for tc in root.iter("testcase"):
        if tc.get("status") not in ("notrun", "skipped") and tc.find("skipped") is None:
            continue
        out = tc.findtext("system-out") or ""
        reason = next((l.strip() for l in out.splitlines() if "SKIPPED" in l), "")
        if not reason:
            sk = tc.find("skipped")
            reason = (sk.get("message") if sk is not None else "") or "(no reason printed)"
        skipped.append((tc.get("name"), reason))
    if not skipped:
        print("skips: no test was skipped")
        return 0
    ok = allowed()
    bad = 0
    print(f"skips: {len(skipped)} test(s) skipped:")
    for name, reason in skipped:
        tag = ""
        if strict and not (name in ok and ok[name] and ok[name] in reason):
            tag = "  <- not allowed in CI (tests/allowed-skips.txt)"
            bad += 1
        elif name in ok:
            tag = f"  (allowed: {ok[name]})"
        print(f"  {name}: {reason}{tag}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
