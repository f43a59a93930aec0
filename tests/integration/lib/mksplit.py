#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""mksplit.py - a capture whose one risk device reaches two capture workers (--workers 2):
SNMPv2c GetResponses (RFC 3416) carrying a ZTE ZXR10 sysDescr from one routed host
(10.20.0.9, TTL 61: it crossed a router), forwarded by two router MACs that the source-MAC
fanout (src/capture/fanout.c) sends to different workers of two. The host is known by its
IP only, through both routers.

    mksplit.py OUT       writes the capture; prints the two router MACs
"""

import struct
import sys

ZXR10 = b"ZTE Ethernet Switch  ZXR10 5250-52TM-H, Version: V2.05.11B23"


def fanout_value(m):
    """What the fanout program returns for a frame from MAC m (src/capture/fanout.c)."""
    w = int.from_bytes(m[2:6], "big")
    h = int.from_bytes(m[0:2], "big")
    a = w ^ h
    a ^= a >> 16
    a ^= a >> 8
    return a


def ber(tag, body):
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    lb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(lb)]) + lb + body


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def snmp_response(reqid):
    oid = ber(0x06, bytes([0x2B, 6, 1, 2, 1, 1, 1, 0]))  # 1.3.6.1.2.1.1.1.0 sysDescr
    vbl = ber(0x30, ber(0x30, oid + ber(0x04, ZXR10)))
    pdu = ber(0xA2, ber(0x02, bytes([reqid])) + ber(0x02, b"\0") + ber(0x02, b"\0") + vbl)
    return ber(0x30, ber(0x02, b"\x01") + ber(0x04, b"public") + pdu)


def frame(router, reqid):
    sip, dip = bytes([10, 20, 0, 9]), bytes([10, 0, 0, 200])
    payload = snmp_response(reqid)
    udp = struct.pack("!HHHH", 161, 40000 + reqid, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), reqid, 0, 61, 17, 0, sip, dip)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    f = bytes.fromhex("02000000c8c8") + router + b"\x08\x00" + hdr + udp
    return f + b"\0" * max(0, 60 - len(f))


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    r1 = bytes.fromhex("001b54000001")
    r2 = next(bytes.fromhex("001b5400%04x" % i) for i in range(2, 256)
              if fanout_value(bytes.fromhex("001b5400%04x" % i)) % 2 != fanout_value(r1) % 2)
    t0 = 1714557600
    frames = []
    for i in range(6):
        frames.append((t0 + i, 0, frame(r1 if i % 2 == 0 else r2, i + 1)))
    with open(argv[1], "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for sec, usec, data in frames:
            f.write(struct.pack("<IIII", sec, usec, len(data), len(data)))
            f.write(data)
    print(":".join("%02x" % b for b in r1), ":".join("%02x" % b for b in r2))


if __name__ == "__main__":
    main(sys.argv)
