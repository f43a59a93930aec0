#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Interop check: for every field tshark found in ../shared/corpus (expected/*.json),
vendorsniff's inventory of the same capture must hold the same value. Prints agreement per
protocol group and exits 1 when a required group is below the threshold.

usage: interop.py CORPUS_DIR INVENTORY_DIR [--require lldp,cdp:0.99] [--require snmp,...:0.99]
INVENTORY_DIR holds <capture>.jsonl written by `vendorsniff -r <capture> --inventory ...`.
"""
import json
import os
import re
import sys

# expected section -> {expected key: (source, field)}; list-valued keys compare each item.
FIELDS = {
    "lldp": {
        "chassis_id": ("lldp", "chassis_id"), "port_id": ("lldp", "port_id"),
        "port_description": ("lldp", "port_description"), "system_name": ("lldp", "system_name"),
        "system_description": ("lldp", "system_description"),
        "mgmt_addr": ("lldp", "management_address"), "port_vlan_id": ("lldp", "port_vlan_id"),
        "vlan_names": ("lldp", "vlan_name"), "max_frame_size": ("lldp", "max_frame_size"),
    },
    "lldp.med_inventory": {
        "hardware_revision": ("lldp", "med_hardware_revision"),
        "firmware_revision": ("lldp", "med_firmware_revision"),
        "software_revision": ("lldp", "med_software_revision"),
        "serial_number": ("lldp", "med_serial_number"),
        "manufacturer": ("lldp", "med_manufacturer"), "model": ("lldp", "med_model_name"),
        "asset_id": ("lldp", "med_asset_id"),
    },
    "cdp": {
        "device_id": ("cdp", "device_id"), "platform": ("cdp", "platform"),
        "software_version": ("cdp", "software_version"), "port_id": ("cdp", "port_id"),
        "addresses": ("cdp", "address"), "native_vlan": ("cdp", "native_vlan"),
        "vtp_domain": ("cdp", "vtp_domain"),
    },
    "edp": {"display": ("edp", "system_name"), "vlan_names": ("edp", "vlan_name")},
    "fdp": {"device_id": ("fdp", "device_id"), "port_id": ("fdp", "port_id"),
            "platform": ("fdp", "platform"), "software_version": ("fdp", "software_version")},
    "ndp_sonmp": {"ip_address": ("sonmp", "address")},
    "mndp": {"identity": ("mndp", "identity"), "version": ("mndp", "version"),
             "platform": ("mndp", "platform"), "board": ("mndp", "board")},
    "ubdp": {"hostname": ("ubdp", "hostname"), "model": ("ubdp", "model"),
             "firmware": ("ubdp", "firmware")},
    "snmp": {"sysDescr": ("snmp", "sys_descr"), "sysObjectID": ("snmp", "sys_object_id"),
             "sysName": ("snmp", "sys_name"), "engine_id": ("snmp", "engine_id"),
             "engine_id_enterprise": ("snmp", "engine_enterprise"),
             "trap_enterprise": ("snmp", "trap_enterprise"), "trap_oid": ("snmp", "trap_oid")},
    "banners": {"ssh": ("ssh", "banner"), "telnet": ("telnet", "banner"), "ftp": ("ftp", "banner"),
                "http_server": ("http", "server"), "sip_user_agent": ("sip", "user_agent"),
                "sip_server": ("sip", "server")},
    "dhcp_vendor_class": {None: ("dhcp", "vendor_class")},
}
GROUP = {"lldp": "lldp", "lldp.med_inventory": "lldp", "cdp": "cdp", "edp": "edp", "fdp": "fdp",
         "ndp_sonmp": "sonmp", "mndp": "mndp", "ubdp": "ubdp", "snmp": "snmp",
         "banners": None, "dhcp_vendor_class": "dhcp"}

# tshark shows the SERVER header of SSDP (HTTP over UDP) as http.server; vendorsniff reports
# it as ssdp.server. Either field holding the value is agreement.
ALSO = {("http", "server"): [("ssdp", "server")]}

CUT = 500  # vendorsniff keeps 512 bytes of a value


def norm(v):
    s = str(v)
    s = re.sub(r"\s+", " ", s).strip()
    return s[:CUT].lower()


def matches(v, values, source):
    if v in values:
        return True
    # The oracle joins the first three server segments of a Telnet session; vendorsniff
    # reports the greeting segment. Either being a prefix of the other is agreement.
    if source == "telnet":
        return any(len(x) >= 8 and (v.startswith(x) or x.startswith(v)) for x in values)
    return False


def load_inventory(path):
    devs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                devs.append(json.loads(line))
    return devs


def candidates(devs, exp):
    mac = exp.get("mac")
    ips = set(exp.get("ips") or [])
    chassis = (exp.get("lldp") or {}).get("chassis_id")
    chassis = chassis if isinstance(chassis, list) else [chassis] if chassis else []
    out = []
    for d in devs:
        if mac and (d.get("id") == mac or d.get("mac") == mac):
            out.append(d)
            continue
        if ips & set(d.get("ips") or []):
            out.append(d)
            continue
        ev = {(e["source"], e["field"], norm(e["value"])) for e in d.get("evidence", [])}
        if any(("lldp", "chassis_id", norm(c)) in ev for c in chassis):
            out.append(d)
    return out or devs


def main():
    args = sys.argv[1:]
    requires = []
    while "--require" in args:
        i = args.index("--require")
        spec = args[i + 1]
        del args[i:i + 2]
        groups, thr = spec.rsplit(":", 1)
        requires.append((groups.split(","), float(thr)))
    corpus, invdir = args[0], args[1]
    expdir = os.path.join(corpus, "expected")
    tally = {}  # group -> [matched, total]
    misses = []
    for name in sorted(os.listdir(expdir)):
        exp = json.load(open(os.path.join(expdir, name), encoding="utf-8"))
        cap = name[:-5]
        invp = os.path.join(invdir, cap + ".jsonl")
        devs = load_inventory(invp) if os.path.exists(invp) else []
        # vendorsniff keys some evidence elsewhere than tshark's frame sender, on purpose:
        # the LLDP chassis MAC, the DHCP client MAC, the IP host behind a router. A value not
        # on the candidate devices is looked for on every device of the capture.
        everywhere = {}
        for d in devs:
            for e in d.get("evidence", []):
                everywhere.setdefault((e["source"], e["field"]), set()).add(norm(e["value"]))
        for dev in exp.get("devices", []):
            cands = candidates(devs, dev)
            have = {}
            for d in cands:
                for e in d.get("evidence", []):
                    have.setdefault((e["source"], e["field"]), set()).add(norm(e["value"]))
            for section, fmap in FIELDS.items():
                if "." in section:
                    a, b = section.split(".")
                    block = (dev.get(a) or {}).get(b)
                else:
                    block = dev.get(section)
                if block is None:
                    continue
                for key, (src, fld) in fmap.items():
                    val = block if key is None else (block.get(key) if isinstance(block, dict) else None)
                    if val is None:
                        continue
                    vals = val if isinstance(val, list) else [val]
                    for v in vals:
                        if isinstance(v, (dict, list)) or str(v).strip() == "":
                            continue
                        group = GROUP[section] or src
                        t = tally.setdefault(group, [0, 0])
                        t[1] += 1
                        keys = [(src, fld)] + ALSO.get((src, fld), [])
                        if any(matches(norm(v), have.get(k, set()), src) or
                               matches(norm(v), everywhere.get(k, set()), src) for k in keys):
                            t[0] += 1
                        else:
                            misses.append(f"{cap}: {dev.get('mac')} {src}.{fld} = {str(v)[:100]!r}")
    ok = True
    for group in sorted(tally):
        m, t = tally[group]
        print(f"interop {group:8s} {m:4d}/{t:<4d} {100.0 * m / t:6.2f}%")
    for groups, thr in requires:
        m = sum(tally.get(g, [0, 0])[0] for g in groups)
        t = sum(tally.get(g, [0, 0])[1] for g in groups)
        pct = m / t if t else 1.0
        status = "ok" if pct >= thr else "FAIL"
        print(f"interop {'+'.join(groups)}: {m}/{t} = {100 * pct:.2f}% (need {100 * thr:.0f}%) {status}")
        if pct < thr:
            ok = False
    if misses:
        print(f"{len(misses)} values not found:")
        for line in misses[:200]:
            print("  " + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
