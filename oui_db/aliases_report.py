#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""aliases_report.py - review aid for signatures/vendors.ini: for each canonical vendor, lists
the organisation names in oui_db/oui.tsv that a deliberately loose regex catches, and says
for each whether vendors.ini claims it (org = ...), excludes it (a "# not: ..." comment in
the vendor's section), or nobody has looked at it yet (UNREVIEWED).

Python 3 standard library only. Usage:

    aliases_report.py [--oui F] [--ini F] [--enterprises F] [--all] [--pens] [VENDOR ...]

By default only vendors with something to review are printed; --all prints every candidate,
--pens every enterprise number with its registry name. An organisation ruled out ("# not:")
in another vendor's section counts as reviewed. Exit status 1 when a candidate is unreviewed,
an org = line names an organisation not in the snapshot, an enterprise number is not in the
registry, or two vendors claim one organisation, name or number - so it can run in CI.
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Loose on purpose: these catch spellings, subsidiaries and look-alikes for a human to judge.
# Matching is case-insensitive on the organisation text.
LOOSE = {
    "Huawei": r"huawei|hua ?wei|futurewei|hisilicon|honor|xfusion",
    "Honor": r"honor",
    "xFusion": r"xfusion",
    "ZTE": r"zte|zhongxing|nubia|sanechips",
    "Cisco": r"cisco|meraki|linksys|scientific.?atlanta|tandberg|airespace|sourcefire|viptela"
             r"|acano|thousandeyes|ironport",
    "Juniper": r"juniper|netscreen|mist systems|128 technology",
    "Nokia": r"nokia|alcatel|lucent|siemens networks|shanghai bell|infinera",
    "ALE": r"alcatel",
    "Ericsson": r"ericsson|redback|belair",
    "H3C": r"h3c|huawei.?3com",
    "FiberHome": r"fiber ?home|wuhan research institute",
    "Hikvision": r"hikvision|hik ?robot|hikmicro|ezviz|hik|haikang",
    "Dahua": r"dahua|imou|lechange|huacheng",
    "Hytera": r"hytera|\bhyt\b",
    "Arista": r"arista|arastra|awake security",
    "MikroTik": r"mikrotik|routerboard",
    "Ubiquiti": r"ubiquiti|ubnt",
    "Extreme": r"extreme|enterasys|aerohive",
    "HPE": r"hewlett|\bhpe?\b|procurve|aruba",
    "HP": r"hewlett|\bhp\b|compaq",
    "Aruba": r"aruba",
    "Ruijie": r"ruijie|star-?net",
    "Avaya": r"avaya",
    "Polycom": r"polycom|\bpoly\b|plantronics",
    "Yealink": r"yealink",
    "Brocade": r"brocade|foundry",
    "Fortinet": r"fortinet|fortigate|meru",
    "Palo Alto Networks": r"palo ?alto",
    "Dell": r"\bdell\b|force10|emc corp",
    "Supermicro": r"super ?micro",
    "TP-Link": r"tp-?link|mercusys",
    "D-Link": r"d-?link",
    "Netgear": r"netgear",
    "Zyxel": r"zyxel|mitrastar",
    "Allied Telesis": r"allied tele",
    "Nortel": r"nortel|northern telecom|bay networks|synoptics",
    "3Com": r"3com",
    "NVIDIA": r"nvidia|mellanox|cumulus",
    "VMware": r"vmware",
    "Intel": r"\bintel\b",
    "Apple": r"\bapple\b",
    "Samsung": r"samsung",
    "Xiaomi": r"xiaomi",
    "ADVA": r"\badva\b",
    "Adtran": r"adtran",
    "RAD": r"\brad\b",
    "Ciena": r"ciena",
    "Calix": r"calix|occam",
    "Sercomm": r"sercomm",
    "Technicolor": r"technicolor|vantiva|thomson",
    "Sagemcom": r"sagem",
    "Tenda": r"tenda",
    "Ruckus": r"ruckus|commscope",
    "Check Point": r"check ?point",
    "SonicWall": r"sonic ?wall",
    "F5": r"\bf5\b",
    "Gigamon": r"gigamon",
    "Siemens": r"siemens",
    "Schneider": r"schneider|american power conversion|\bapc\b",
    "Rockwell": r"rockwell|allen.?bradley",
    "Moxa": r"moxa",
    "Hirschmann": r"hirschmann",
    "Axis": r"\baxis\b",
    "Uniview": r"uniview",
    "Tiandy": r"tiandy",
    "Quectel": r"quectel",
    "Raisecom": r"raisecom",
    "UTStarcom": r"utstar",
    "Lenovo": r"lenovo",
    "Inspur": r"inspur",
    "Sangfor": r"sangfor",
    "Hillstone": r"hillstone",
    "Maipu": r"maipu",
    "Motorola Solutions": r"motorola|watchguard video",
    "Hanwha": r"hanwha|techwin",
    "Infinera": r"infinera",
    "Phoenix Contact": r"phoenix contact",
    "Westermo": r"westermo",
    "Teltonika": r"teltonika",
    "Cambium": r"cambium",
    "Grandstream": r"grandstream",
    "Sophos": r"sophos",
    "WatchGuard": r"watchguard",
    "Barracuda": r"barracuda",
    "Riverbed": r"riverbed",
    "Lantronix": r"lantronix",
    "Sierra Wireless": r"sierra wireless",
    "Peplink": r"peplink|pismo",
    "C-Data": r"c-?data",
    "Raspberry Pi": r"raspberry",
    "Microsoft": r"microsoft",
    "Google": r"google",
    "Amazon": r"amazon",
}


def normalise(s):
    """The form vendors.ini names are compared in, as vs_sigs_normalise does it: ASCII lower
    case, every run of anything but ASCII letters and digits one space, trimmed."""
    return re.sub(r"[^a-z0-9]+", " ", s.lower() if s.isascii() else
                  "".join(c.lower() if c.isascii() else " " for c in s)).strip()


def read_oui(path):
    orgs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            _, _, org = line.rstrip("\n").split("\t", 2)
            orgs[org] = orgs.get(org, 0) + 1
    return orgs


def read_enterprises(path):
    pens = {}
    if not os.path.exists(path):
        return pens
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            num, _, name = line.rstrip("\n").partition("\t")
            pens[int(num)] = name
    return pens


def read_ini(path):
    """Sections of vendors.ini: {vendor: {"org": [...], "not": [...], ...}}."""
    sections = {}
    cur = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line:
                continue
            if line[0] in "#;":
                m = re.match(r"[#;]\s*not:\s*(.+)$", line)
                if m and cur is not None:
                    sections[cur]["not"].append(m.group(1).strip())
                continue
            m = re.match(r"\[(.+)\]$", line)
            if m:
                cur = m.group(1).strip()
                sections.setdefault(cur, {"org": [], "not": [], "name": [], "enterprise": []})
                continue
            m = re.match(r"([a-z]+)\s*=\s*(.*)$", line)
            if not m or cur is None:
                sys.exit("aliases_report.py: %s:%d: not a key = value line" % (path, lineno))
            sections[cur].setdefault(m.group(1), []).append(m.group(2).strip())
    return sections


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oui", default=os.path.join(HERE, "oui.tsv"))
    ap.add_argument("--ini", default=os.path.join(HERE, "..", "signatures", "vendors.ini"))
    ap.add_argument("--enterprises",
                    default=os.path.join(HERE, "..", "signatures", "enterprises.tsv"))
    ap.add_argument("--all", action="store_true", help="print every candidate, reviewed or not")
    ap.add_argument("--pens", action="store_true",
                    help="print each enterprise = line with its registry name")
    ap.add_argument("vendors", nargs="*")
    args = ap.parse_args()

    orgs = read_oui(args.oui)
    norm_orgs = {}
    for org in orgs:
        norm_orgs.setdefault(normalise(org), []).append(org)
    ini = read_ini(args.ini) if os.path.exists(args.ini) else {}
    problems = 0

    claimed = {}      # normalised org -> vendor
    excluded_by = {}  # normalised org -> vendors whose section rules it out
    spelled = {}      # normalised org or name -> vendor
    for vendor, sec in ini.items():
        seen = {}
        for key in ("org", "name"):
            for value in sec.get(key, []):
                n = normalise(value)
                if not n:
                    print("%s: %s = %r: nothing left after normalisation" % (vendor, key, value))
                    problems += 1
                    continue
                if n in seen:
                    print("%s: %s = %s: same normalised form as %r" % (vendor, key, value, seen[n]))
                    problems += 1
                seen[n] = value
                if n in spelled and spelled[n] != vendor:
                    print("%s: %s = %s: also a name of %s" % (vendor, key, value, spelled[n]))
                    problems += 1
                spelled[n] = vendor
        for org in sec["org"]:
            n = normalise(org)
            if n not in norm_orgs:
                print("%s: org = %s: not in %s" % (vendor, org, args.oui))
                problems += 1
            claimed[n] = vendor
        for org in sec["not"]:
            excluded_by.setdefault(normalise(org), []).append(vendor)

    pens = read_enterprises(args.enterprises)
    pen_owner = {}
    for vendor, sec in ini.items():
        for value in sec.get("enterprise", []):
            if not value.isdigit():
                print("%s: enterprise = %s: not a number" % (vendor, value))
                problems += 1
                continue
            pen = int(value)
            if pen not in pens:
                print("%s: enterprise = %d: not in %s" % (vendor, pen, args.enterprises))
                problems += 1
            if pen in pen_owner and pen_owner[pen] != vendor:
                print("%s: enterprise = %d: also claimed by %s" % (vendor, pen, pen_owner[pen]))
                problems += 1
            pen_owner[pen] = vendor
            if args.pens:
                print("%-20s %6d  %s" % (vendor, pen, pens.get(pen, "?")))

    names = args.vendors or list(LOOSE)
    for vendor in names:
        if vendor not in LOOSE:
            print("%s: no loose pattern in aliases_report.py" % vendor)
            continue
        rx = re.compile(LOOSE[vendor], re.I)
        sec = ini.get(vendor, {"org": [], "not": []})
        mine = {normalise(o) for o in sec["org"]}
        excluded = {normalise(o) for o in sec["not"]}
        rows = []
        for org, count in sorted(orgs.items(), key=lambda kv: (-kv[1], kv[0])):
            if not rx.search(org):
                continue
            n = normalise(org)
            if n in mine:
                state = "org"
            elif n in excluded:
                state = "not"
            elif n in claimed:
                state = "-> " + claimed[n]
            elif n in excluded_by:
                state = "not (%s)" % ", ".join(excluded_by[n])
            else:
                state = "UNREVIEWED"
                problems += 1
            rows.append((state, count, org))
        # Organisations claimed by an org = line that the loose pattern does not catch.
        for org in sec["org"]:
            if not rx.search(org):
                rows.append(("org (not caught by pattern)", orgs.get(org, 0), org))
        if vendor not in ini:
            print("== %s: no section in %s" % (vendor, args.ini))
        todo = [r for r in rows if r[0] == "UNREVIEWED"]
        if not args.all and not todo:
            continue
        print("== %s  /%s/" % (vendor, LOOSE[vendor]))
        for state, count, org in (rows if args.all else todo):
            print("  %-28s %5d  %s" % (state, count, org))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
