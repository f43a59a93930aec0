#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""build_enterprises.py - rebuilds signatures/enterprises.tsv, the IANA Private Enterprise
Number snapshot (SNMP sysObjectID 1.3.6.1.4.1.N, SNMPv3 engine IDs, LLDP/RADIUS vendor
codes), from Wireshark's enterprises.tsv (Debian package libwireshark-data).

Python 3 standard library only. Usage (see oui_db/README.md):

    build_enterprises.py [-o OUT] [--package-version V] [/usr/share/wireshark/enterprises.tsv]

Output: '#' header (source, package version, registry date, count), then NUMBER<TAB>NAME
lines sorted by number. Wireshark moves IANA's "(formerly ...)" notes into a trailing
"<TAB># formerly ..." comment; they are folded back into NAME as "NAME (formerly ...)" so
that every line has exactly two fields.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import unicodedata

DEFAULT_IN = "/usr/share/wireshark/enterprises.tsv"


def debian_version(package):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip() or None
    except OSError:
        return None


def clean(text):
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return re.sub(r" {2,}", " ", text).strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_IN)
    ap.add_argument("-o", "--output", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "signatures", "enterprises.tsv"))
    ap.add_argument("--package-version", help="libwireshark-data version (default: dpkg-query)")
    args = ap.parse_args()

    version = args.package_version or debian_version("libwireshark-data") or "unknown"
    registry_date = "unknown"
    entries = {}
    with open(args.input, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                m = re.search(r"last updated (\d{4}-\d{2}-\d{2})", line)
                if m:
                    registry_date = m.group(1)
                continue
            if not line.strip():
                continue
            m = re.fullmatch(r"(\d+)[ \t]+(.*)", line)
            if not m:
                sys.exit("build_enterprises.py: %s:%d: not NUMBER NAME" % (args.input, lineno))
            number, rest = int(m.group(1)), m.group(2)
            # Only a tab starts Wireshark's comment; '#' may be part of a name.
            name, _, note = rest.partition("\t#")
            name = clean(name)
            note = clean(note)
            if note:
                name = "%s (%s)" % (name, note)
            if not name:
                print("build_enterprises.py: %s:%d: %d has no name, skipped"
                      % (args.input, lineno, number), file=sys.stderr)
                continue
            if number in entries:
                sys.exit("build_enterprises.py: %s:%d: %d given twice"
                         % (args.input, lineno, number))
            entries[number] = name

    lines = [
        "# IANA Private Enterprise Numbers (SMI Network Management Private Enterprise Codes):",
        "# the N of 1.3.6.1.4.1.N in sysObjectID, SNMPv3 engine IDs and vendor-specific TLVs.",
        "# Registry: https://www.iana.org/assignments/enterprise-numbers/ (public domain data).",
        "# snapshot: IANA enterprise-numbers of %s, from Debian libwireshark-data %s"
        % (registry_date, version),
        "# (%s), made by oui_db/build_enterprises.py on %s." % (args.input,
                                                               datetime.date.today().isoformat()),
        "# Format: NUMBER<TAB>NAME, sorted by number; Wireshark's trailing \"# formerly ...\"",
        "# notes are folded into NAME as \"NAME (formerly ...)\", as IANA writes them.",
        "# count: %d" % len(entries),
    ]
    for number in sorted(entries):
        lines.append("%d\t%s" % (number, entries[number]))
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, args.output)
    print("build_enterprises.py: wrote %s: %d numbers" % (args.output, len(entries)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
