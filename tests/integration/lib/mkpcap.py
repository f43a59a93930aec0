#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkpcap.py - small, deterministic Ethernet captures for the appliance tests (live
replay, signals, state, syslog, eviction). Python 3 standard library only; every frame is
built here from IEEE 802.1AB (LLDP) and RFC 791/768, written as classic pcap (DLT 1).

    mkpcap.py lan OUT [--t0 SEC] [--without NAME,...]
        the "lan" devices below, each LLDP speaker announcing itself three times
    mkpcap.py extra OUT [--t0 SEC]
        a second Huawei switch and a second Cisco router (for reload tests)
    mkpcap.py many OUT N [--t0 SEC] [--same-ts]
        risk devices first (oldest), then N hosts with distinct MACs, one UDP frame each
    mkpcap.py snmp-churn OUT N
        N hosts, then SNMPv3 reports from the first hosts whose engine IDs name new MACs,
        every frame at the same time: device creation in the middle of a frame, at the cap
    mkpcap.py empty OUT
        a capture with no packets

Facts the tests rely on (MAC -> what the inventory must say) are in DEVICES.
"""

import struct
import sys

LLDP_MCAST = bytes.fromhex("0180c200000e")
BCAST = b"\xff" * 6

VRP = ("Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 8.180 "
       "(CE6851HI V200R005C10SPC607B607)\r\nCopyright (C) 2012-2018 Huawei Technologies "
       "Co., Ltd.\r\nHUAWEI CE6851-48S6Q-HI")
ZXR10 = "ZTE Ethernet Switch  ZXR10 5250-52TM-H, Version: V2.05.11B23"
IOS = ("Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), Version 12.2(25)SEB4, "
       "RELEASE SOFTWARE (fc1)\nCopyright (c) 1986-2005 by Cisco Systems, Inc.")

# name: (mac, kind, ip, system name, system description)
DEVICES = {
    "huawei": ("00:e0:fc:11:22:33", "lldp", "10.0.0.1", "core-sw-01", VRP),
    "zte": ("00:19:c6:44:55:66", "lldp", "10.0.0.2", "agg-sw-02", ZXR10),
    "cisco": ("00:1b:54:aa:bb:cc", "lldp", "10.0.0.3", "edge-rtr-03", IOS),
    "hikvision": ("c0:56:e3:01:02:03", "udp", "10.0.0.50", None, None),
    "intel": ("00:1b:21:0a:0b:0c", "udp", "10.0.0.60", None, None),
}
EXTRA = {
    "huawei2": ("00:e0:fc:99:88:77", "lldp", "10.0.1.1", "core-sw-02", VRP),
    "cisco2": ("00:1b:54:dd:ee:ff", "lldp", "10.0.1.3", "edge-rtr-04", IOS),
}


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def eth(dst, src, ethertype, payload):
    frame = dst + src + struct.pack("!H", ethertype) + payload
    return frame + b"\0" * max(0, 60 - len(frame))


def lldp_tlv(typ, value):
    return struct.pack("!H", typ << 9 | len(value)) + value


def lldp_frame(src, sysname, sysdesc, port):
    m = mac(src)
    pdu = (lldp_tlv(1, b"\x04" + m)                      # chassis ID, subtype 4: MAC
           + lldp_tlv(2, b"\x05" + port.encode())        # port ID, subtype 5: ifName
           + lldp_tlv(3, struct.pack("!H", 120))         # TTL
           + lldp_tlv(5, sysname.encode())               # system name
           + lldp_tlv(6, sysdesc.encode())               # system description
           + lldp_tlv(7, struct.pack("!HH", 0x14, 0x14))  # capabilities: bridge, router
           + lldp_tlv(0, b""))                           # end
    return eth(LLDP_MCAST, m, 0x88CC, pdu)


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def udp_frame(src_mac, src_ip, dst_ip, sport, dport, payload):
    sip = bytes(int(x) for x in src_ip.split("."))
    dip = bytes(int(x) for x in dst_ip.split("."))
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload  # no checksum
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0x4000, 64, 17, 0, sip, dip)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return eth(BCAST, mac(src_mac), 0x0800, hdr + udp)


def device_frames(name, spec, i):
    m, kind, ip, sysname, sysdesc = spec
    if kind == "lldp":
        return lldp_frame(m, sysname, sysdesc, "GE1/0/%d" % (i + 1))
    return udp_frame(m, ip, "10.0.255.255", 40000 + i, 9999, b"vs-test " + name.encode())


# An SNMPv3 Report (USM, unauthenticated) from an agent whose msgAuthoritativeEngineID and
# contextEngineID are in MAC format (RFC 3411: 0x80000000 | enterprise 8072 (net-snmp),
# format 3, then the 6-byte MAC); ENGINE_MAC is replaced to name a new MAC each time.
ENGINE_MAC = "00259e7b0000"
SNMPV3_REPORT = bytes.fromhex(
    "3063020103300f02024e21020300ffe3040100020103041d301b040b80001f8803" + ENGINE_MAC +
    "020107020312d687040004000400302e040b80001f8803" + ENGINE_MAC +
    "0400a81d020252090201000201003011300f060a2b060106030f01010400410111")


def pcap(path, frames):
    """frames: list of (sec, usec, bytes)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for sec, usec, data in frames:
            f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
            f.write(data)


def devices_capture(devs, t0, keep=None, repeat=3):
    """Every device of devs (or only those in keep), in a fixed order: a device's frames
    do not depend on which others are left out."""
    out = []
    for r in range(repeat):
        for i, (name, spec) in enumerate(sorted(devs.items())):
            if keep is None or name in keep:
                out.append((t0 + r, i * 1000, device_frames(name, spec, i)))
    return out


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    kind, path = argv[1], argv[2]
    rest = argv[3:]
    t0 = 1714557600  # 2024-05-01T10:00:00Z
    if "--t0" in rest:
        t0 = int(rest[rest.index("--t0") + 1])
    if kind == "lan":
        keep = set(DEVICES)
        if "--without" in rest:
            keep -= set(rest[rest.index("--without") + 1].split(","))
        pcap(path, devices_capture(DEVICES, t0, keep))
    elif kind == "extra":
        pcap(path, devices_capture(EXTRA, t0))
    elif kind == "many":
        n = int(rest[0])
        same = "--same-ts" in rest
        frames = []
        # The risk devices speak first: the least recently seen, evicted first if unprotected.
        for i, name in enumerate(("huawei", "zte", "hikvision")):
            frames.append((t0, i, device_frames(name, DEVICES[name], i)))
        for k in range(n):
            m = "00:1b:21:%02x:%02x:%02x" % (k >> 16 & 0xFF, k >> 8 & 0xFF, k & 0xFF)
            ip = "10.%d.%d.%d" % (1 + (k >> 16), k >> 8 & 0xFF, k & 0xFF)
            sec, usec = (t0, 0) if same else (t0 + 1 + k // 1000, (k % 1000) * 1000)
            frames.append((sec, usec, udp_frame(m, ip, "10.255.255.255", 40000, 9999, b"host")))
        pcap(path, frames)
    elif kind == "snmp-churn":
        n = int(rest[0])
        frames = []
        host = lambda k: "00:1b:21:%02x:%02x:%02x" % (k >> 16 & 0xFF, k >> 8 & 0xFF, k & 0xFF)
        hip = lambda k: "10.%d.%d.%d" % (1 + (k >> 16), k >> 8 & 0xFF, k & 0xFF)
        for k in range(n):
            frames.append((t0, 0, udp_frame(host(k), hip(k), "10.255.255.255", 40000, 9999, b"h")))
        for k in range(n // 2):
            eng = "02ee%08x" % k  # a new MAC for every report
            pl = SNMPV3_REPORT.replace(bytes.fromhex(ENGINE_MAC), bytes.fromhex(eng))
            frames.append((t0, 0, udp_frame(host(k), hip(k), "10.255.255.254", 161, 50300, pl)))
        pcap(path, frames)
    elif kind == "empty":
        pcap(path, [])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
