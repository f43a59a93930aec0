#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""build.py - rebuilds oui_db/oui.tsv, the IEEE MA-L/MA-M/MA-S (and IAB) snapshot that
src/inventory/oui.c loads, from IEEE's own CSV files, Debian's ieee-data, or the npm package oui-data.

Python 3 standard library only. Usage (see README.md):

    build.py [-o OUT] [--date YYYY-MM-DD] SOURCE [SOURCE ...]

SOURCE is one of
  * an npm oui-data index.json (its version is read from package.json beside it;
    the tarball carries no publication date, so pass --date, e.g. from
    `npm view oui-data time --json`);
  * a directory of IEEE CSV files (oui.csv, mam.csv, oui36.csv, iab.csv - any
    subset), e.g. /usr/share/ieee-data or a folder of files downloaded from
    https://standards-oui.ieee.org/;
  * one IEEE CSV file (columns Registry,Assignment,Organization Name,Organization Address).

When two sources give the same assignment the earlier one wins, so list the newest
source first and older ones after it to fill gaps (the IAB registry, closed in 2014,
is in Debian's ieee-data but not in oui-data).
"""

import argparse
import csv
import datetime
import json
import os
import subprocess
import sys
import unicodedata

CSV_FILES = ("oui.csv", "mam.csv", "oui36.csv", "iab.csv")
REGISTRY_BITS = {"MA-L": 24, "MA-M": 28, "MA-S": 36, "IAB": 36}
DIGITS_FOR_BITS = {24: 6, 28: 7, 36: 9}
BITS_FOR_DIGITS = {v: k for k, v in DIGITS_FOR_BITS.items()}
HEX = set("0123456789ABCDEF")


def warn(msg):
    print("build.py: " + msg, file=sys.stderr)


def clean_org(text):
    """First line of the registry text, control characters (C0, DEL, C1) made spaces, trimmed.

    Nothing else is changed: vendors.ini matches these names as published."""
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
    first = "".join(" " if unicodedata.category(c) == "Cc" else c for c in first)
    return first.strip()


class Source:
    """One input: a label for the header, and assignments (prefix -> (bits, org, registry))."""

    def __init__(self, label, snapshot):
        self.label = label
        self.snapshot = snapshot
        self.entries = {}
        self.per_registry = {}

    def add(self, prefix, registry, org, where):
        prefix = prefix.strip().upper()
        if not prefix or set(prefix) - HEX or len(prefix) not in BITS_FOR_DIGITS:
            warn("%s: skipping bad assignment %r" % (where, prefix))
            return
        bits = BITS_FOR_DIGITS[len(prefix)]
        if registry is not None and REGISTRY_BITS.get(registry) != bits:
            warn("%s: skipping %s: registry %s does not match its length"
                 % (where, prefix, registry))
            return
        org = clean_org(org)
        if not org:
            warn("%s: skipping %s: empty organisation" % (where, prefix))
            return
        if prefix in self.entries and self.entries[prefix][1] != org:
            warn("%s: %s given twice (%r, %r); keeping the first" %
                 (where, prefix, self.entries[prefix][1], org))
            return
        reg = registry or {24: "MA-L", 28: "MA-M", 36: "MA-S"}[bits]
        if prefix not in self.entries:
            self.per_registry[reg] = self.per_registry.get(reg, 0) + 1
        self.entries[prefix] = (bits, org, reg)


def iso_date(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d")


def load_npm(path, date):
    version = "unknown"
    pkg = os.path.join(os.path.dirname(os.path.abspath(path)), "package.json")
    try:
        with open(pkg, encoding="utf-8") as f:
            meta = json.load(f)
        if meta.get("name") != "oui-data":
            warn("%s: package is %r, not oui-data" % (pkg, meta.get("name")))
        version = meta.get("version", version)
    except OSError:
        warn("%s: not found; version unknown" % pkg)
    if not date:
        warn("%s: no --date given; the npm tarball carries none" % path)
        date = "date unknown"
    src = Source("npm oui-data %s, published %s" % (version, date),
                 "oui-data %s (%s)" % (version, date))
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        sys.exit("build.py: %s: not an object of prefix -> registry text" % path)
    for prefix, text in data.items():
        if not isinstance(text, str):
            warn("%s: %s: value is not text" % (path, prefix))
            continue
        src.add(prefix, None, text, path)
    return src


def debian_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip() or None
    except OSError:
        return None


def csv_date(directory, files, date):
    if date:
        return date
    stamp = os.path.join(directory, ".lastupdate")  # written by Debian's update-ieee-data
    try:
        with open(stamp, encoding="ascii") as f:
            return iso_date(int(f.read().strip()))
    except (OSError, ValueError):
        return iso_date(max(os.path.getmtime(p) for p in files))


def load_csv(paths, date):
    directory = os.path.dirname(os.path.abspath(paths[0]))
    when = csv_date(directory, paths, date)
    names = ", ".join(os.path.basename(p) for p in paths)
    if os.path.realpath(directory) == "/usr/share/ieee-data":
        version = debian_version("ieee-data") or "unknown"
        src = Source("Debian ieee-data %s %s (%s)" % (version, names, when),
                     "ieee-data %s (%s)" % (version, when))
    else:
        src = Source("IEEE CSV %s in %s (%s)" % (names, directory, when),
                     "IEEE CSV (%s)" % when)
    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            need = {"Registry", "Assignment", "Organization Name"}
            if not reader.fieldnames or not need <= set(reader.fieldnames):
                sys.exit("build.py: %s: expected columns %s" % (path, ", ".join(sorted(need))))
            for row in reader:
                where = "%s:%d" % (path, reader.line_num)
                registry = (row["Registry"] or "").strip()
                if registry not in REGISTRY_BITS:
                    warn("%s: skipping registry %r (not an address block)" % (where, registry))
                    continue
                src.add(row["Assignment"] or "", registry, row["Organization Name"] or "", where)
    return src


def load_source(path, date):
    if os.path.isdir(path):
        files = [os.path.join(path, n) for n in CSV_FILES if os.path.exists(os.path.join(path, n))]
        if not files:
            sys.exit("build.py: %s: none of %s" % (path, ", ".join(CSV_FILES)))
        return load_csv(files, date)
    if path.endswith(".json"):
        return load_npm(path, date)
    if path.endswith(".csv"):
        return load_csv([path], date)
    sys.exit("build.py: %s: not a .json, .csv or directory" % path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sources", nargs="+", metavar="SOURCE")
    ap.add_argument("-o", "--output", default=os.path.join(os.path.dirname(__file__), "oui.tsv"))
    ap.add_argument("--date", help="publication date of the first source (YYYY-MM-DD)")
    args = ap.parse_args()

    sources = []
    for i, path in enumerate(args.sources):
        # --date describes the first (newest) source; the others carry their own dates.
        sources.append(load_source(path, args.date if i == 0 else None))

    merged = {}
    for src in sources:
        for prefix, value in src.entries.items():
            merged.setdefault(prefix, value)

    counts = {24: 0, 28: 0, 36: 0}
    for bits, _, _ in merged.values():
        counts[bits] += 1
    if not merged:
        sys.exit("build.py: no assignments read")

    lines = [
        "# vendorsniff OUI snapshot: IEEE MA-L (24-bit), MA-M (28-bit), MA-S and IAB (36-bit)",
        "# assignments. Format: HEXPREFIX<TAB>BITS<TAB>ORGANISATION (first line of the registry",
        "# text as published), sorted by prefix. Made by oui_db/build.py, see oui_db/README.md.",
        "# Registry data (c) IEEE Registration Authority; oui-data packaging BSD-2-Clause.",
        "# snapshot: " + sources[0].snapshot,
    ]
    for src in sources:
        used = {}
        for prefix, (bits, org, reg) in src.entries.items():
            if merged[prefix] == (bits, org, reg):
                used[reg] = used.get(reg, 0) + 1
        detail = ", ".join("%d %s" % (used[r], r) for r in ("MA-L", "MA-M", "MA-S", "IAB")
                           if used.get(r))
        lines.append("# source: %s: %s" % (src.label, detail or "nothing new"))
    lines.append("# built: " + datetime.date.today().isoformat())
    lines.append("# counts: 24=%d 28=%d 36=%d" % (counts[24], counts[28], counts[36]))
    for prefix in sorted(merged):
        bits, org, _ = merged[prefix]
        lines.append("%s\t%d\t%s" % (prefix, bits, org))

    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, args.output)
    print("build.py: wrote %s: 24=%d 28=%d 36=%d"
          % (args.output, counts[24], counts[28], counts[36]), file=sys.stderr)


if __name__ == "__main__":
    main()
