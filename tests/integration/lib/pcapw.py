# SPDX-License-Identifier: BSD-2-Clause
"""pcapw.py - a minimal pcap writer and frame builders for the integration tests
(python3 standard library only). Frames are well-formed: lengths and checksums correct."""
import struct


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def eth(dst, src, etype, payload, vlan=None):
    h = mac(dst) + mac(src)
    if vlan is not None:
        h += struct.pack("!HH", 0x8100, vlan)
    return h + struct.pack("!H", etype) + payload


def ipv4(src, dst, proto, payload, ttl=64):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, ttl, proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(src, dst, sport, dport, payload):
    l = 8 + len(payload)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, l)
    h = struct.pack("!HHHH", sport, dport, l, 0)
    c = csum(pseudo + h + payload) or 0xFFFF
    return ipv4(src, dst, 17, struct.pack("!HHHH", sport, dport, l, c) + payload)


def tcp(src, dst, sport, dport, payload, flags=0x18, seq=1, ack=1):
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(h) + len(payload))
    c = csum(pseudo + h + payload)
    h = h[:16] + struct.pack("!H", c) + h[18:]
    return ipv4(src, dst, 6, h + payload)


def lldp(chassis_mac, port, sysname, sysdescr):
    def tlv(t, v):
        return struct.pack("!H", (t << 9) | len(v)) + v
    return (tlv(1, b"\x04" + mac(chassis_mac)) + tlv(2, b"\x05" + port.encode()) +
            tlv(3, b"\x00\x78") + tlv(5, sysname.encode()) + tlv(6, sysdescr.encode()) + tlv(0, b""))


def write_pcap(path, frames, linktype=1, t0=1700000000):
    """frames: list of bytes, or (seconds_offset, bytes)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, fr in enumerate(frames):
            off, data = fr if isinstance(fr, tuple) else (i * 0.001, fr)
            sec = t0 + int(off)
            usec = int(round((off - int(off)) * 1e6))
            f.write(struct.pack("<IIII", sec, usec, len(data), len(data)) + data)
