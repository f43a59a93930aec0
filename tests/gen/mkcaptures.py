#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkcaptures.py - writes vendorsniff's own test captures and samples/sample.pcap.

Every byte is made here from protocol specs (IEEE 802.1AB/LLDP-MED TIA-1057, CDP,
RFC 791/793/768/8200, RFC 3416/3412/3414 SNMP, RFC 2131/8415 DHCP, TR-069, pcap and
pcapng formats); nothing is copied from other captures. Output is deterministic:
fixed timestamps, no clock, no os.urandom, "random" bytes come from SHA-256 of a label,
so each run writes byte-identical files. Python 3 standard library only.

Usage:
    mkcaptures.py OUTDIR [--sample-dir DIR]          write every capture
    mkcaptures.py --check OUTDIR [--sample-dir DIR]  regenerate in memory; exit 1 on any
                                                     difference (or missing file)
    mkcaptures.py --list                             names of the files it makes

OUTDIR receives the test captures (tests/captures/). sample.pcap goes to --sample-dir,
by default the samples/ folder of the source tree that holds this script.
tests/captures/README.md documents what each file holds and the facts tests assert.
"""

import hashlib
import ipaddress
import os
import struct
import sys

# ---------------------------------------------------------------------------
# Deterministic pseudo-random bytes: SHA-256 in counter mode over a label, so a
# value depends only on its label, never on call order across files.


def det_bytes(label, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(("%s#%d" % (label, i)).encode()).digest()
        i += 1
    return out[:n]


def det_int(label, lo, hi):
    """Integer in [lo, hi] from a label."""
    v = int.from_bytes(det_bytes(label, 8), "big")
    return lo + v % (hi - lo + 1)


# ---------------------------------------------------------------------------
# Addresses


def mac(s):
    b = bytes(int(x, 16) for x in s.split(":"))
    assert len(b) == 6, s
    return b


def ip4(s):
    return ipaddress.IPv4Address(s).packed


def ip6(s):
    return ipaddress.IPv6Address(s).packed


def ipb(s):
    return ip6(s) if ":" in s else ip4(s)


BCAST = "ff:ff:ff:ff:ff:ff"
LLDP_MCAST = "01:80:c2:00:00:0e"
CDP_MCAST = "01:00:0c:cc:cc:cc"
STP_MCAST = "01:80:c2:00:00:00"
EDP_MCAST = "00:e0:2b:00:00:00"
FDP_MCAST = "01:e0:52:cc:cc:cc"
SONMP_MCAST = "01:00:81:00:01:00"

# ---------------------------------------------------------------------------
# Checksums


def inet_sum(data):
    if len(data) % 2:
        data += b"\0"
    s = 0
    for (w,) in struct.iter_unpack("!H", data):
        s += w
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def inet_cksum(data):
    return (~inet_sum(data)) & 0xFFFF


def cdp_cksum(pdu):
    """CDP checksum: the Internet checksum, except that Cisco pads an odd-length PDU by
    putting the last octet in the low byte of a final word, and compensates an
    off-by-one when that octet has its top bit set (what IOS sends, what Wireshark
    verifies)."""
    if len(pdu) % 2:
        last = pdu[-1]
        hi, lo = 0, last
        if last & 0x80:
            hi, lo = 0xFF, last - 1
        pdu = pdu[:-1] + bytes([hi, lo])
    return inet_cksum(pdu)


# ---------------------------------------------------------------------------
# Link layer


def pad60(frame):
    """Ethernet minimum frame (without FCS) is 60 bytes; NICs pad with zeros."""
    return frame + b"\0" * (60 - len(frame)) if len(frame) < 60 else frame


def vlan_tags(tags):
    """tags: list of (tpid, vid) or (tpid, vid, pcp), outermost first; returns the
    bytes that follow the source MAC up to (not including) the inner type/length."""
    out = b""
    for t in tags:
        tpid, vid = t[0], t[1]
        pcp = t[2] if len(t) > 2 else 0
        out += struct.pack("!HH", tpid, (pcp << 13) | vid)
    return out


def eth(dst, src, ethertype, payload, tags=(), pad=True):
    assert len(payload) <= 1500, "Ethernet payload of %d bytes" % len(payload)
    f = mac(dst) + mac(src) + vlan_tags(tags) + struct.pack("!H", ethertype) + payload
    return pad60(f) if pad else f


def dot1q(vid, pcp=0):
    return [(0x8100, vid, pcp)]


def llc_snap(oui, pid, payload):
    return b"\xaa\xaa\x03" + struct.pack("!I", oui)[1:] + struct.pack("!H", pid) + payload


def eth8023(dst, src, llc_payload, tags=()):
    """IEEE 802.3 frame: length field instead of an EtherType."""
    assert len(llc_payload) <= 1500, "802.3 payload of %d bytes" % len(llc_payload)
    f = mac(dst) + mac(src) + vlan_tags(tags) + struct.pack("!H", len(llc_payload)) + llc_payload
    return pad60(f)


# ---------------------------------------------------------------------------
# IP, UDP, TCP, ICMPv6


class IpIds:
    """IPv4 identification counters per source address (deterministic)."""

    def __init__(self):
        self.next = {}

    def get(self, src):
        if src not in self.next:
            self.next[src] = det_int("ipid:" + src, 0x1000, 0xEFFF)
        v = self.next[src]
        self.next[src] = (v + 1) & 0xFFFF
        return v


IPIDS = IpIds()


def ipv4(src, dst, proto, payload, ttl=64, tos=0, df=True, ident=None):
    if ident is None:
        ident = IPIDS.get(src)
    flags = 0x4000 if df else 0
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), ident, flags, ttl, proto, 0,
                      ip4(src), ip4(dst))
    c = inet_cksum(hdr)
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def ipv6(src, dst, nh, payload, hlim=64, flow=0):
    return struct.pack("!IHBB16s16s", (6 << 28) | flow, len(payload), nh, hlim, ip6(src),
                       ip6(dst)) + payload


def pseudo(src, dst, proto, length):
    if ":" in src:
        return ip6(src) + ip6(dst) + struct.pack("!IxxxB", length, proto)
    return ip4(src) + ip4(dst) + struct.pack("!xBH", proto, length)


def udp(src, dst, sport, dport, payload):
    ln = 8 + len(payload)
    seg = struct.pack("!HHHH", sport, dport, ln, 0) + payload
    c = inet_cksum(pseudo(src, dst, 17, ln) + seg)
    if c == 0:
        c = 0xFFFF
    return seg[:6] + struct.pack("!H", c) + seg[8:]


def ip_packet(src, dst, proto, l4, ttl=64, **kw):
    """IPv4 or IPv6 packet by the address family of src."""
    if ":" in src:
        return ipv6(src, dst, proto, l4, hlim=ttl)
    return ipv4(src, dst, proto, l4, ttl=ttl, **kw)


def ethertype_of(addr):
    return 0x86DD if ":" in addr else 0x0800


def tcp_seg(src, dst, sport, dport, seq, ack, flags, payload=b"", win=64240, opts=b""):
    while len(opts) % 4:
        opts += b"\x01"
    off = (20 + len(opts)) // 4
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, off << 4,
                      flags, win, 0, 0) + opts + payload
    c = inet_cksum(pseudo(src, dst, 6, len(seg)) + seg)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def icmpv6(src, dst, typ, code, body):
    msg = struct.pack("!BBH", typ, code, 0) + body
    c = inet_cksum(pseudo(src, dst, 58, len(msg)) + msg)
    return msg[:2] + struct.pack("!H", c) + msg[4:]


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


# Largest frame written: 1500-byte payload, Ethernet header and up to three VLAN tags,
# or a tunnel header around a full-size inner frame.
MAX_FRAME = 1600


# ---------------------------------------------------------------------------
# Frame sinks. A capture is a list of (timestamp in ns, frame bytes[, iface]).


class Cap:
    def __init__(self, t0_s):
        assert isinstance(t0_s, int), "whole seconds: a float epoch loses nanoseconds"
        self.origin = t0_s * 10**9
        self.t = self.origin
        self.frames = []

    def add(self, frame, dt_us=0, iface=0):
        assert len(frame) <= MAX_FRAME, len(frame)
        self.t += dt_us * 1000
        self.frames.append((self.t, frame, iface))
        return frame

    def at(self, t_ns, frame, iface=0):
        assert len(frame) <= MAX_FRAME, len(frame)
        self.frames.append((t_ns, frame, iface))

    def clock(self, offset_s):
        """Another clock, starting offset_s seconds after this capture's origin, writing
        into the same frame list (for interleaved flows)."""
        c = Cap.__new__(Cap)
        c.origin = self.origin
        c.t = self.origin + round(offset_s * 10**9)
        c.frames = self.frames
        return c

    def ns(self, offset_s):
        return self.origin + round(offset_s * 10**9)

    def sorted(self):
        return [f for _, f in sorted(enumerate(self.frames), key=lambda p: (p[1][0], p[0]))]


class L2:
    """How a conversation's packets become frames: Ethernet (optionally tagged),
    or a wrapper for other link types or encapsulations."""

    def __init__(self, a_mac, b_mac, tags=(), wrap=None):
        self.a_mac, self.b_mac, self.tags, self.wrap = a_mac, b_mac, tags, wrap

    def frame(self, from_a, ethertype, pkt):
        src, dst = (self.a_mac, self.b_mac) if from_a else (self.b_mac, self.a_mac)
        if self.wrap:
            return self.wrap(src, dst, ethertype, pkt, self.tags)
        return eth(dst, src, ethertype, pkt, tags=self.tags)


class BcastL2(L2):
    """Both directions to the broadcast address (DHCP before the client has an IP)."""

    def frame(self, from_a, ethertype, pkt):
        return eth(BCAST, self.a_mac if from_a else self.b_mac, ethertype, pkt, tags=self.tags)


def udp_frame(l2, from_a, src, dst, sport, dport, payload, ttl=64):
    seg = udp(src, dst, sport, dport, payload)
    return l2.frame(from_a, ethertype_of(src), ip_packet(src, dst, 17, seg, ttl=ttl))


class TcpConn:
    """A TCP connection with consistent sequence numbers, so that dissectors see a
    clean stream (no lost segments, no unseen ACKs). a = client, b = server."""

    MSS = 1460

    def __init__(self, cap, l2, a_ip, b_ip, a_port, b_port, ttl_a=64, ttl_b=64):
        self.cap, self.l2 = cap, l2
        self.a_ip, self.b_ip, self.a_port, self.b_port = a_ip, b_ip, a_port, b_port
        label = "tcp:%s:%d:%s:%d" % (a_ip, a_port, b_ip, b_port)
        self.seq_a = det_int(label + ":a", 1, 2**32 - 1)
        self.seq_b = det_int(label + ":b", 1, 2**32 - 1)
        self.ttl_a, self.ttl_b = ttl_a, ttl_b
        self.mss = self.MSS if ":" not in a_ip else self.MSS - 20

    def _pkt(self, from_a, flags, payload=b"", opts=b"", dt_us=200):
        if from_a:
            s, d, sp, dp, seq, ack, ttl = (self.a_ip, self.b_ip, self.a_port, self.b_port,
                                           self.seq_a, self.seq_b, self.ttl_a)
        else:
            s, d, sp, dp, seq, ack, ttl = (self.b_ip, self.a_ip, self.b_port, self.a_port,
                                           self.seq_b, self.seq_a, self.ttl_b)
        if not flags & ACK:
            ack = 0
        # Window 502 with the window scale 7 of the SYNs = 64256 bytes.
        seg = tcp_seg(s, d, sp, dp, seq, ack, flags, payload, win=64240 if flags & SYN else 502,
                      opts=opts)
        self.cap.add(self.l2.frame(from_a, ethertype_of(s), ip_packet(s, d, 6, seg, ttl=ttl)),
                     dt_us)
        adv = len(payload) + (1 if flags & (SYN | FIN) else 0)
        if from_a:
            self.seq_a += adv
        else:
            self.seq_b += adv

    def open(self, dt_us=0, rtt_us=800):
        mss = struct.pack("!BBH", 2, 4, self.mss)
        self._pkt(True, SYN, opts=mss + b"\x01\x03\x03\x07", dt_us=dt_us)
        self._pkt(False, SYN | ACK, opts=mss + b"\x01\x03\x03\x07", dt_us=rtt_us)
        self._pkt(True, ACK, dt_us=60)
        return self

    def send(self, from_a, data, dt_us=300, ack=True, ack_dt_us=150):
        """Send data in MSS-sized segments; the peer ACKs the last one."""
        i = 0
        while i < len(data):
            chunk = data[i:i + self.mss]
            i += len(chunk)
            self._pkt(from_a, PSH | ACK if i >= len(data) else ACK, chunk, dt_us=dt_us)
            dt_us = 20
        if ack:
            self._pkt(not from_a, ACK, dt_us=ack_dt_us)
        return self

    def close(self, from_a=True, dt_us=500):
        self._pkt(from_a, FIN | ACK, dt_us=dt_us)
        self._pkt(not from_a, FIN | ACK, dt_us=300)
        self._pkt(from_a, ACK, dt_us=100)
        return self


# ---------------------------------------------------------------------------
# pcap / pcapng writers


def pcap_file(frames, linktype, nsec=False, big_endian=False, snaplen=262144):
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    out = [struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)]
    for t_ns, data, _ in frames:
        sec, frac = divmod(t_ns, 10**9)
        if not nsec:
            frac //= 1000
        out.append(struct.pack(e + "IIII", sec, frac, len(data), len(data)) + data)
    return b"".join(out)


def _pad4(b):
    return b + b"\0" * (-len(b) % 4)


def ng_opts(opts):
    if not opts:
        return b""
    out = b""
    for code, val in opts:
        out += struct.pack("<HH", code, len(val)) + _pad4(val)
    return out + struct.pack("<HH", 0, 0)


def ng_block(btype, body):
    body = _pad4(body)
    ln = 12 + len(body)
    return struct.pack("<II", btype, ln) + body + struct.pack("<I", ln)


def ng_shb(opts=()):
    return ng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + ng_opts(opts))


def ng_idb(linktype, opts=(), snaplen=262144):
    return ng_block(1, struct.pack("<HHI", linktype, 0, snaplen) + ng_opts(opts))


def ng_epb(iface, ts_units, data, opts=()):
    body = struct.pack("<IIIII", iface, ts_units >> 32, ts_units & 0xFFFFFFFF, len(data),
                       len(data)) + _pad4(data) + ng_opts(opts)
    return ng_block(6, body)


def ng_isb(iface, ts_units, opts=()):
    return ng_block(5, struct.pack("<III", iface, ts_units >> 32, ts_units & 0xFFFFFFFF) +
                    ng_opts(opts))


# ---------------------------------------------------------------------------
# LLDP (IEEE 802.1AB-2016), LLDP-MED (ANSI/TIA-1057), 802.1/802.3 org TLVs


def lldp_tlv(typ, value):
    assert len(value) <= 511, (typ, len(value))
    return struct.pack("!H", (typ << 9) | len(value)) + value


def lldp_raw_tlv(typ, length, value):
    """A TLV whose length field says `length`, whatever the value holds (bad input)."""
    return struct.pack("!H", (typ << 9) | (length & 0x1FF)) + value


def lldp_chassis_mac(m):
    return lldp_tlv(1, b"\x04" + mac(m))


def lldp_chassis_local(s):
    return lldp_tlv(1, b"\x07" + s.encode())


def lldp_chassis_netaddr(a):
    return lldp_tlv(1, b"\x05" + (b"\x02" + ip6(a) if ":" in a else b"\x01" + ip4(a)))


def lldp_port_ifname(s):
    return lldp_tlv(2, b"\x05" + s.encode())


def lldp_port_local(s):
    return lldp_tlv(2, b"\x07" + s.encode())


def lldp_port_mac(m):
    return lldp_tlv(2, b"\x03" + mac(m))


def lldp_ttl(s):
    return lldp_tlv(3, struct.pack("!H", s))


def lldp_str(typ, s):
    return lldp_tlv(typ, s if isinstance(s, bytes) else s.encode())


def lldp_portdesc(s):
    return lldp_str(4, s)


def lldp_sysname(s):
    return lldp_str(5, s)


def lldp_sysdesc(s):
    return lldp_str(6, s)


CAP_OTHER, CAP_REPEATER, CAP_BRIDGE, CAP_WLAN, CAP_ROUTER, CAP_PHONE, CAP_DOCSIS, CAP_STATION = (
    0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80)


def lldp_caps(sup, ena):
    return lldp_tlv(7, struct.pack("!HH", sup, ena))


def lldp_mgmt(addr, ifindex, oid=b""):
    a = (b"\x02" + ip6(addr)) if ":" in addr else (b"\x01" + ip4(addr))
    v = struct.pack("!B", len(a)) + a + struct.pack("!BI", 2, ifindex) + struct.pack(
        "!B", len(oid)) + oid
    return lldp_tlv(8, v)


def lldp_org(oui, subtype, value):
    return lldp_tlv(127, struct.pack("!I", oui)[1:] + bytes([subtype]) + value)


OUI_8021, OUI_8023, OUI_TIA = 0x0080C2, 0x00120F, 0x0012BB


def lldp_pvid(vid):
    return lldp_org(OUI_8021, 1, struct.pack("!H", vid))


def lldp_vlan_name(vid, name):
    return lldp_org(OUI_8021, 3, struct.pack("!HB", vid, len(name)) + name.encode())


def lldp_macphy(autoneg=0x03, adv=0x6C01, mau=30):
    # mau 30 = 1000BASE-T full duplex, 16 = 100BASE-TX FD, 40 = 10GBASE-SR? (RFC 4836)
    return lldp_org(OUI_8023, 1, struct.pack("!BHH", autoneg, adv, mau))


def lldp_maxframe(n):
    return lldp_org(OUI_8023, 4, struct.pack("!H", n))


def lldp_8023_power(mdi=0x0F, pair=1, cls=1):
    return lldp_org(OUI_8023, 2, struct.pack("!BBB", mdi, pair, cls))


def lldp_link_agg(status=0x01, port_id=0):
    return lldp_org(OUI_8021, 7, struct.pack("!BI", status, port_id))


def med_caps(caps=0x33, dev_class=3):
    return lldp_org(OUI_TIA, 1, struct.pack("!HB", caps, dev_class))


def med_policy(app, vid, prio, dscp, tagged=True):
    v = (int(tagged) << 22) | (vid << 9) | (prio << 6) | dscp
    return lldp_org(OUI_TIA, 2, bytes([app]) + struct.pack("!I", v)[1:])


def med_power(ptype_src_prio=0x53, tenth_watts=54):
    # 0x53: PD device, power source PSE, priority high
    return lldp_org(OUI_TIA, 4, struct.pack("!BH", ptype_src_prio, tenth_watts))


def med_inv(subtype, s):
    return lldp_org(OUI_TIA, subtype, s.encode())


def med_inventory(hw, fw, sw, serial, mfr, model, asset):
    return (med_inv(5, hw) + med_inv(6, fw) + med_inv(7, sw) + med_inv(8, serial) +
            med_inv(9, mfr) + med_inv(10, model) + med_inv(11, asset))


def lldp_end():
    return lldp_tlv(0, b"")


def lldp_frame(src, tlvs, tags=()):
    return eth(LLDP_MCAST, src, 0x88CC, b"".join(tlvs) + lldp_end(), tags=tags)


# ---------------------------------------------------------------------------
# CDP (Cisco Discovery Protocol v1/v2), carried in 802.3 + LLC/SNAP 00:00:0c/0x2000


def cdp_tlv(typ, value):
    return struct.pack("!HH", typ, 4 + len(value)) + value


def cdp_str(typ, s):
    return cdp_tlv(typ, s if isinstance(s, bytes) else s.encode())


def cdp_addrs(addrs):
    v = struct.pack("!I", len(addrs))
    for a in addrs:
        if ":" in a:  # IPv6: 802.2 protocol type, 8-byte SNAP header as protocol
            proto = b"\xaa\xaa\x03\x00\x00\x00\x86\xdd"
            v += struct.pack("!BB", 2, len(proto)) + proto + struct.pack("!H", 16) + ip6(a)
        else:  # NLPID 0xcc = IP
            v += struct.pack("!BBB", 1, 1, 0xCC) + struct.pack("!H", 4) + ip4(a)
    return v


CDP_ROUTER, CDP_TB, CDP_SRB, CDP_SWITCH, CDP_HOST, CDP_IGMP, CDP_REPEATER, CDP_PHONE = (
    0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80)
CDP_REMOTE = 0x100


def cdp_pdu(version, ttl, tlvs):
    body = b"".join(tlvs)
    pdu = struct.pack("!BBH", version, ttl, 0) + body
    c = cdp_cksum(pdu)
    return pdu[:2] + struct.pack("!H", c) + pdu[4:]


def cdp_frame(src, pdu, tags=()):
    return eth8023(CDP_MCAST, src, llc_snap(0x00000C, 0x2000, pdu), tags=tags)


def cdp_cluster_hello(switch_mac):
    # Protocol Hello, OUI 00:00:0c, protocol 0x0112 (cluster management): master IP,
    # unknown IP, version, sub-version, status, unknown, commander MAC, switch MAC,
    # unknown, management VLAN.
    return cdp_tlv(0x0008, b"\x00\x00\x0c\x01\x12" + ip4("0.0.0.0") + ip4("255.255.255.255") +
                   bytes([1, 2, 0x21, 0xFF]) + b"\0" * 6 + mac(switch_mac) + b"\xff" +
                   struct.pack("!H", 0))


# ---------------------------------------------------------------------------
# Other link-local discovery protocols


def edp_frame(src, seq, tlvs):
    """Extreme Discovery Protocol: 802.3 + SNAP 00:e0:2b/0x00bb; header with an
    Internet checksum over the whole EDP PDU; TLVs start with marker 0x99."""
    body = b"".join(tlvs)
    hdr_len = 4 + 2 + 2 + 2 + 6  # version..length, checksum, seq, machine id type, MAC
    total = hdr_len + len(body)
    pdu = struct.pack("!BBHHHH", 1, 0, total, 0, seq, 0) + mac(src) + body
    c = inet_cksum(pdu)
    pdu = pdu[:4] + struct.pack("!H", c) + pdu[6:]
    return eth8023(EDP_MCAST, src, llc_snap(0x00E02B, 0x00BB, pdu))


def edp_tlv(typ, value):
    return struct.pack("!BBH", 0x99, typ, 4 + len(value)) + value


def edp_info(slot, port, version):
    # Slot and port travel 0-based (slot 1 port 24 is sent as 0/23).
    return edp_tlv(2, struct.pack("!HHH", slot - 1, port - 1, 0) + b"\0" * 6 + bytes(version) +
                   b"\xff\xff" + b"\0" * 14)


def edp_display(name):
    return edp_tlv(1, name.encode() + b"\0")


def edp_vlan(vid, ipaddr, name):
    return edp_tlv(5, struct.pack("!BBH", 0x80 if ipaddr else 0, 0, vid) + b"\0" * 4 +
                   ip4(ipaddr or "0.0.0.0") + name.encode() + b"\0")


def edp_null():
    return edp_tlv(0, b"")


def fdp_tlv(typ, value):
    return struct.pack("!HH", typ, 4 + len(value)) + value


def fdp_frame(src, tlvs, holdtime=180):
    body = b"".join(tlvs)
    pdu = struct.pack("!BBH", 1, holdtime, 0) + body
    c = inet_cksum(pdu)
    pdu = pdu[:2] + struct.pack("!H", c) + pdu[4:]
    return eth8023(FDP_MCAST, src, llc_snap(0x00E052, 0x2000, pdu))


def fdp_net(addr):
    # As Foundry sends it: 7 bytes of address-family preamble, length, IPv4 address.
    return fdp_tlv(2, b"\x00\x00\x00\x01\x01\x01\xcc" + struct.pack("!H", 4) + ip4(addr))


def sonmp_frame(src, addr, seg, chassis, backplane, state, links, pid=0x01A2):
    """Nortel SONMP (SynOptics Network Management Protocol) hello: 802.3 + SNAP
    00:00:81, PID 0x01a1 (flatnet) / 0x01a2 (segment); 11-byte body."""
    body = ip4(addr) + struct.pack("!I", seg)[1:] + bytes([chassis, backplane, state, links])
    return eth8023(SONMP_MCAST, src, llc_snap(0x000081, pid, body))


def bridge_id(prio, sysid_ext, m):
    return struct.pack("!H", prio | sysid_ext) + mac(m)


def stp_config(root, cost, bridge, port_id, flags=0, msg_age=0, max_age=20, hello=2, fwd=15):
    return (struct.pack("!HBBB", 0, 0, 0, flags) + root + struct.pack("!I", cost) + bridge +
            struct.pack("!HHHHH", port_id, msg_age * 256, max_age * 256, hello * 256, fwd * 256))


def rstp_bpdu(root, cost, bridge, port_id, flags=0x3C):
    b = stp_config(root, cost, bridge, port_id, flags)
    return b[:2] + b"\x02\x02" + b[4:] + b"\x00"  # version 2, type RST, version-1 length 0


def mstp_bpdu(root, cost, bridge, port_id, region, revision, digest, cist_cost, msti):
    base = stp_config(root, cost, bridge, port_id, 0x3C)
    base = base[:2] + b"\x03\x02" + base[4:] + b"\x00"  # version 3, type RST, v1 len 0
    cfg = b"\x00" + region.encode().ljust(32, b"\0") + struct.pack("!H", revision) + digest
    v3 = cfg + struct.pack("!I", cist_cost) + bridge + b"\x14"  # remaining hops 20
    for (flags, regroot, ircost, bprio, pprio, hops) in msti:
        v3 += bytes([flags]) + regroot + struct.pack("!I", ircost) + bytes([bprio, pprio, hops])
    return base + struct.pack("!H", len(v3)) + v3


def stp_frame(src, bpdu):
    return eth8023(STP_MCAST, src, b"\x42\x42\x03" + bpdu)


def mndp_tlv(typ, value):
    return struct.pack("!HH", typ, len(value)) + value


def mndp_payload(seq, m, identity, version, platform, board, softid, iface, ipaddr, uptime_s,
                 ipv6=None):
    tl = [mndp_tlv(1, mac(m)), mndp_tlv(5, identity.encode()), mndp_tlv(7, version.encode()),
          mndp_tlv(8, platform.encode()), mndp_tlv(10, struct.pack("<I", uptime_s)),
          mndp_tlv(11, softid.encode()), mndp_tlv(12, board.encode()), mndp_tlv(14, b"\x01")]
    if ipv6:
        tl.append(mndp_tlv(15, ip6(ipv6)))
    tl += [mndp_tlv(16, iface.encode()), mndp_tlv(17, ip4(ipaddr))]
    return struct.pack("!HH", 0, seq) + b"".join(tl)


def ubdp_tlv(typ, v):
    return struct.pack("!BH", typ, len(v)) + v


def ubdp_payload(version, cmd, tlvs):
    """Ubiquiti discovery: version, command, length of the TLVs, TLVs (type 1 byte,
    length 2 bytes)."""
    body = b"".join(tlvs)
    return struct.pack("!BBH", version, cmd, len(body)) + body


# ---------------------------------------------------------------------------
# SNMP: a small BER encoder (X.690) and message builders (RFC 1157, 3416, 3412, 3414)


def ber_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def ber(tag, content):
    return bytes([tag]) + ber_len(len(content)) + content


def ber_int(v, tag=0x02):
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return ber(tag, v.to_bytes(n, "big", signed=True))


def ber_uint(v, tag):
    """Unsigned application types (Counter32 0x41, Gauge32 0x42, TimeTicks 0x43,
    Counter64 0x46): minimal two's-complement content of a non-negative value."""
    return ber_int(v, tag)


def ber_oct(s):
    return ber(0x04, s if isinstance(s, bytes) else s.encode())


def ber_null():
    return b"\x05\x00"


def ber_oid(s):
    parts = [int(x) for x in s.split(".")]
    body = bytes([parts[0] * 40 + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(enc))
    return ber(0x06, body)


def ber_seq(*items):
    return ber(0x30, b"".join(items))


def ber_ipaddr(a):
    return ber(0x40, ip4(a))


def timeticks(v):
    return ber_uint(v, 0x43)


def counter32(v):
    return ber_uint(v, 0x41)


def gauge32(v):
    return ber_uint(v, 0x42)


def counter64(v):
    return ber_uint(v, 0x46)


def vb(oid, value=None):
    return ber_seq(ber_oid(oid), ber_null() if value is None else value)


GET, GETNEXT, RESPONSE, SET, TRAP1, GETBULK, INFORM, TRAP2, REPORT = (
    0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8)


def snmp_pdu(tag, reqid, varbinds, err=0, erridx=0):
    return ber(tag, ber_int(reqid) + ber_int(err) + ber_int(erridx) + ber_seq(*varbinds))


def snmp_msg(version, community, pdu):
    """version: 0 = v1, 1 = v2c."""
    return ber_seq(ber_int(version), ber_oct(community), pdu)


def snmp_trap_v1(enterprise, agent, generic, specific, ticks, varbinds):
    return ber(TRAP1, ber_oid(enterprise) + ber_ipaddr(agent) + ber_int(generic) +
               ber_int(specific) + timeticks(ticks) + ber_seq(*varbinds))


def snmpv3_msg(msgid, flags, engine_id, boots, etime, user, auth, priv, scoped, encrypted=False):
    """SNMPv3 message, USM security model 3. scoped is a scopedPDU (SEQUENCE) or, when
    encrypted, the ciphertext carried as an OCTET STRING."""
    usm = ber_seq(ber_oct(engine_id), ber_int(boots), ber_int(etime), ber_oct(user),
                  ber_oct(auth), ber_oct(priv))
    hdr = ber_seq(ber_int(msgid), ber_int(65507), ber_oct(bytes([flags])), ber_int(3))
    data = ber_oct(scoped) if encrypted else scoped
    return ber_seq(ber_int(3), hdr, ber_oct(usm), data)


def scoped_pdu(engine_id, context, pdu):
    return ber_seq(ber_oct(engine_id), ber_oct(context), pdu)


def engine_id_mac(enterprise, m):
    """RFC 3411 SnmpEngineID, format 3 (MAC address): 0x80000000 | enterprise, 0x03, MAC."""
    return struct.pack("!IB", 0x80000000 | enterprise, 3) + mac(m)


def engine_id_text(enterprise, s):
    return struct.pack("!IB", 0x80000000 | enterprise, 4) + s.encode()


SYSDESCR, SYSOBJECTID, SYSUPTIME, SYSCONTACT, SYSNAME, SYSLOCATION = (
    "1.3.6.1.2.1.1.%d.0" % i for i in (1, 2, 3, 4, 5, 6))
SNMPTRAPOID = "1.3.6.1.6.3.1.1.4.1.0"
SNMPTRAPENTERPRISE = "1.3.6.1.6.3.1.1.4.3.0"
ENT_PHYS = "1.3.6.1.2.1.47.1.1.1.1"  # entPhysicalEntry: .2 descr .10 softwareRev
#                                      .11 serialNum .12 mfgName .13 modelName
USM_UNKNOWN_ENGINE_IDS = "1.3.6.1.6.3.15.1.1.4.0"
USM_NOT_IN_TIME_WINDOWS = "1.3.6.1.6.3.15.1.1.2.0"


def sys_group_vbs(descr, oid, ticks, name, contact=None, location=None):
    v = [vb(SYSDESCR, ber_oct(descr)), vb(SYSOBJECTID, ber_oid(oid)),
         vb(SYSUPTIME, timeticks(ticks))]
    if contact is not None:
        v.append(vb(SYSCONTACT, ber_oct(contact)))
    v.append(vb(SYSNAME, ber_oct(name)))
    if location is not None:
        v.append(vb(SYSLOCATION, ber_oct(location)))
    return v


# ---------------------------------------------------------------------------
# ARP, IPv6 ND, DHCP, DHCPv6, DNS, NTP, VRRP


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + mac(sha) + ip4(spa) + mac(tha) + ip4(tpa)


def arp_request_frame(sha, spa, tpa, tags=()):
    return eth(BCAST, sha, 0x0806, arp(1, sha, spa, "00:00:00:00:00:00", tpa), tags=tags)


def arp_reply_frame(sha, spa, tha, tpa, tags=()):
    return eth(tha, sha, 0x0806, arp(2, sha, spa, tha, tpa), tags=tags)


def solicited_node(a):
    b = ip6(a)
    return str(ipaddress.IPv6Address(bytes.fromhex("ff0200000000000000000001ff") + b[13:]))


def mcast6_mac(a):
    b = ip6(a)
    return "33:33:" + ":".join("%02x" % x for x in b[12:])


def nd_ns_frame(src_mac, src, target, tags=()):
    dst = solicited_node(target)
    body = b"\0\0\0\0" + ip6(target) + b"\x01\x01" + mac(src_mac)
    return eth(mcast6_mac(dst), src_mac, 0x86DD,
               ipv6(src, dst, 58, icmpv6(src, dst, 135, 0, body), hlim=255), tags=tags)


def nd_na_frame(src_mac, src, dst_mac, dst, router=False, tags=()):
    flags = (0x80000000 if router else 0) | 0x40000000 | 0x20000000
    body = struct.pack("!I", flags) + ip6(src) + b"\x02\x01" + mac(src_mac)
    return eth(dst_mac, src_mac, 0x86DD,
               ipv6(src, dst, 58, icmpv6(src, dst, 136, 0, body), hlim=255), tags=tags)


def dhcp_opt(code, value):
    return bytes([code, len(value)]) + value


def dhcp_msg(op, xid, chaddr, opts, ciaddr="0.0.0.0", yiaddr="0.0.0.0", siaddr="0.0.0.0",
             giaddr="0.0.0.0", flags=0, secs=0):
    m = struct.pack("!BBBBIHH", op, 1, 6, 0, xid, secs, flags) + ip4(ciaddr) + ip4(yiaddr) + \
        ip4(siaddr) + ip4(giaddr) + mac(chaddr) + b"\0" * 10 + b"\0" * 64 + b"\0" * 128
    m += b"\x63\x82\x53\x63" + b"".join(dhcp_opt(c, v) for c, v in opts) + b"\xff"
    return m + b"\0" * max(0, 300 - len(m))


def dhcp_vivso(enterprise, subopts):
    """Option 125 (RFC 3925) data for one enterprise; TR-111 uses enterprise 3561 with
    sub-options 1 OUI, 2 serial number, 3 product class."""
    data = b"".join(dhcp_opt(c, v) for c, v in subopts)
    return struct.pack("!IB", enterprise, len(data)) + data


def dhcp6_opt(code, value):
    return struct.pack("!HH", code, len(value)) + value


def dhcp6_msg(mtype, xid, opts):
    return bytes([mtype]) + struct.pack("!I", xid)[1:] + b"".join(dhcp6_opt(c, v) for c, v in opts)


def dhcp6_vendor_class(enterprise, *data):
    return struct.pack("!I", enterprise) + b"".join(struct.pack("!H", len(d)) + d.encode()
                                                    for d in data)


def duid_ll(m):
    return struct.pack("!HH", 3, 1) + mac(m)


def dns_name(n):
    return b"".join(bytes([len(p)]) + p.encode() for p in n.split(".")) + b"\0"


def dns_query(qid, name, qtype=1):
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack(
        "!HH", qtype, 1)


def dns_response(qid, name, qtype, answers, ttl=300):
    """answers: list of IPv4/IPv6 address strings (A/AAAA) or ('CNAME', target)."""
    body = dns_name(name) + struct.pack("!HH", qtype, 1)
    an = b""
    for a in answers:
        if isinstance(a, tuple):
            rd = dns_name(a[1])
            an += b"\xc0\x0c" + struct.pack("!HHIH", 5, 1, ttl, len(rd)) + rd
        else:
            rd = ipb(a)
            an += b"\xc0\x0c" + struct.pack("!HHIH", 28 if ":" in a else 1, 1, ttl, len(rd)) + rd
    return struct.pack("!HHHHHH", qid, 0x8180, 1, len(answers), 0, 0) + body + an


def ntp_packet(mode, stratum, ts_s, ref_id=b"\0\0\0\0", label="ntp"):
    ntp_ts = ts_s + 2208988800
    frac = det_int(label, 0, 2**32 - 1)
    t = struct.pack("!II", ntp_ts, frac)
    li_vn_mode = (0 << 6) | (4 << 3) | mode
    if mode == 3:
        return struct.pack("!BBbb", li_vn_mode, 0, 6, -23) + b"\0" * 8 + b"\0" * 4 + b"\0" * 24 + t
    return (struct.pack("!BBbb", li_vn_mode, stratum, 6, -23) + struct.pack("!II", 0x200, 0x400) +
            ref_id + t + t + t + t)


def vrrp_v2(vrid, prio, addrs, adv_int=1):
    body = struct.pack("!BBBBBBH", 0x21, vrid, prio, len(addrs), 0, adv_int, 0) + b"".join(
        ip4(a) for a in addrs) + b"\0" * 8
    c = inet_cksum(body)
    return body[:6] + struct.pack("!H", c) + body[8:]


# ---------------------------------------------------------------------------
# Application payloads: TLS records, HTTP, SIP, CWMP


def tls_client_hello(sni, label):
    rnd = det_bytes(label + ":cr", 32)
    sid = det_bytes(label + ":sid", 32)
    suites = [0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013,
              0xC014, 0x009C, 0x009D, 0x002F, 0x0035]
    sn = sni.encode()

    def ext(t, v):
        return struct.pack("!HH", t, len(v)) + v
    exts = (ext(0, struct.pack("!HBH", len(sn) + 3, 0, len(sn)) + sn) +
            ext(23, b"") + ext(65281, b"\0") +
            ext(10, struct.pack("!HHHH", 6, 0x001D, 0x0017, 0x0018)) +
            ext(11, b"\x01\x00") +
            ext(16, b"\x00\x0c\x02h2\x08http/1.1") +
            ext(13, struct.pack("!H8H", 16, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806,
                                0x0601)) +
            ext(51, struct.pack("!HHH", 36, 0x001D, 32) + det_bytes(label + ":ks", 32)) +
            ext(45, b"\x01\x01") +
            ext(43, b"\x04\x03\x04\x03\x03"))
    body = (b"\x03\x03" + rnd + bytes([32]) + sid + struct.pack("!H", 2 * len(suites)) +
            b"".join(struct.pack("!H", s) for s in suites) + b"\x01\x00" +
            struct.pack("!H", len(exts)) + exts)
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def tls_server_flight(label, sid_label, app_len):
    """ServerHello (TLS 1.3), ChangeCipherSpec, then encrypted records."""
    sid = det_bytes(sid_label + ":sid", 32)

    def ext(t, v):
        return struct.pack("!HH", t, len(v)) + v
    key_share = struct.pack("!HH", 0x001D, 32) + det_bytes(label + ":sks", 32)
    exts = ext(43, b"\x03\x04") + ext(51, key_share)
    body = (b"\x03\x03" + det_bytes(label + ":sr", 32) + bytes([32]) + sid + b"\x13\x01\x00" +
            struct.pack("!H", len(exts)) + exts)
    hs = b"\x02" + struct.pack("!I", len(body))[1:] + body
    out = b"\x16\x03\x03" + struct.pack("!H", len(hs)) + hs
    out += b"\x14\x03\x03\x00\x01\x01"
    out += tls_appdata(label + ":enc", app_len)
    return out


def tls_appdata(label, n):
    return b"\x17\x03\x03" + struct.pack("!H", n) + det_bytes(label, n)


def http_request(method, path, host, headers=(), body=b""):
    h = "%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, path, host)
    for k, v in headers:
        h += "%s: %s\r\n" % (k, v)
    if body or method == "POST":
        h += "Content-Length: %d\r\n" % len(body)
    return (h + "\r\n").encode() + body


def http_response(status, headers=(), body=b""):
    h = "HTTP/1.1 %s\r\n" % status
    for k, v in headers:
        h += "%s: %s\r\n" % (k, v)
    h += "Content-Length: %d\r\n" % len(body)
    return (h + "\r\n").encode() + body


def sip_message(first_line, headers, body=b""):
    s = first_line + "\r\n"
    for k, v in headers:
        s += "%s: %s\r\n" % (k, v)
    s += "Content-Length: %d\r\n\r\n" % len(body)
    return s.encode() + body


def cwmp_inform(manufacturer, oui, product_class, serial, events, now, params, cwmp_id="1"):
    """TR-069 Inform RPC (CWMP 1.0 namespace). events: event codes ("0 BOOTSTRAP", ...);
    params: (name, value) pairs of the ParameterList, in order."""
    plist = "".join(
        '<ParameterValueStruct><Name>%s</Name><Value xsi:type="xsd:string">%s</Value>'
        '</ParameterValueStruct>' % p for p in params)
    ev = "".join('<EventStruct><EventCode>%s</EventCode><CommandKey></CommandKey></EventStruct>'
                 % e for e in events)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" '
        'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:cwmp="urn:dslforum-org:cwmp-1-0">'
        '<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">%s</cwmp:ID></SOAP-ENV:Header>'
        '<SOAP-ENV:Body><cwmp:Inform>'
        '<DeviceId><Manufacturer>%s</Manufacturer><OUI>%s</OUI><ProductClass>%s</ProductClass>'
        '<SerialNumber>%s</SerialNumber></DeviceId>'
        '<Event SOAP-ENC:arrayType="cwmp:EventStruct[%d]">%s</Event>'
        '<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>%s</CurrentTime><RetryCount>0</RetryCount>'
        '<ParameterList SOAP-ENC:arrayType="cwmp:ParameterValueStruct[%d]">%s</ParameterList>'
        '</cwmp:Inform></SOAP-ENV:Body></SOAP-ENV:Envelope>' % (
            cwmp_id, manufacturer, oui, product_class, serial, len(events), ev, now, len(params),
            plist))
    return xml.encode()


def cwmp_inform_response(cwmp_id):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:cwmp="urn:dslforum-org:cwmp-1-0"><soapenv:Header>'
        '<cwmp:ID soapenv:mustUnderstand="1">%s</cwmp:ID></soapenv:Header><soapenv:Body>'
        '<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>'
        '</soapenv:Body></soapenv:Envelope>' % cwmp_id).encode()


# ---------------------------------------------------------------------------
# What the devices say. Strings follow the formats the real firmware uses.

HW_CE6851_DESC = ("Huawei Versatile Routing Platform Software\r\n"
                  "VRP (R) software, Version 8.180 (CE6851HI V200R005C10SPC607B607)\r\n"
                  "Copyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\n"
                  "HUAWEI CE6851-48S6Q-HI\r\n")
HW_CE6851_OID = "1.3.6.1.4.1.2011.2.239.12"
HW_S5735_DESC = ("S5735-L48T4X-A1\r\n"
                 "Huawei Versatile Routing Platform Software\r\n"
                 "VRP (R) software, Version 5.170 (S5735 V200R019C10SPC500)\r\n"
                 "Copyright (C) 2000-2020 HUAWEI TECH Co., Ltd.")
HW_S5735_OID = "1.3.6.1.4.1.2011.2.23.612"
HW_AR2220_DESC = ("Huawei AR2220\r\n"
                  "Huawei Versatile Routing Platform Software\r\n"
                  "VRP (R) software, Version 5.160 (AR2200 V200R009C00SPC500)\r\n"
                  "Copyright (C) 2011-2018 HUAWEI TECH CO., LTD")
HW_AR2220_OID = "1.3.6.1.4.1.2011.2.224.67"
HW_CE6881_DESC = ("Huawei Versatile Routing Platform Software\r\n"
                  "VRP (R) software, Version 8.191 (CE6881 V200R019C10SPC800)\r\n"
                  "Copyright (C) 2012-2020 Huawei Technologies Co., Ltd.\r\n"
                  "HUAWEI CE6881-48S6CQ\r\n")
HW_SSH = "SSH-2.0-HUAWEI-1.5"
HW_FTP = "220 FTP service ready."

ZTE_M6000_DESC = ("ZXR10 ROS Version V5.00.10\r\n"
                  "ZXR10 M6000-8S PLUS Software, Version V5.00.10.30, RELEASE SOFTWARE\r\n"
                  "Copyright (c) 2000-2019 by ZTE Corporation\r\n"
                  "Compiled Mar 12 2019, 10:21:07")
ZTE_5960_DESC = ("ZXR10 ROS Version V5.00.00\r\n"
                 "ZXR10 5960-52TM-H Software, Version V5.00.00.10, RELEASE SOFTWARE\r\n"
                 "Copyright (c) 2000-2018 by ZTE Corporation\r\n"
                 "Compiled Dec 12 2018, 17:12:00")
ZTE_5960_OID = "1.3.6.1.4.1.3902.3.6000.122"
ZTE_SSH = "SSH-2.0-ZTE_SSH.2.0"
ZTE_HTTP_SERVER = "ZTE web server 1.0 ZTE corp 2015."
ZTE_C300_TELNET = ("\r\n\r\n******************************************\r\n"
                   "  Welcome to ZXAN product C300 of ZTE Corporation\r\n"
                   "******************************************\r\n\r\nUsername:")
ZTE_ONT_SW = "V9.0.11P1N6"
ZTE_ONT_HW = "V9.0"

CISCO_2960X_DESC = ("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), "
                    "Version 15.2(7)E4, RELEASE SOFTWARE (fc2)\n"
                    "Technical Support: http://www.cisco.com/techsupport\n"
                    "Copyright (c) 1986-2021 by Cisco Systems, Inc.\n"
                    "Compiled Sat 24-Apr-21 01:45 by mcpre")
CISCO_ISR4331_DESC = ("Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), "
                      "Version 16.9.4, RELEASE SOFTWARE (fc2)\r\n"
                      "Technical Support: http://www.cisco.com/techsupport\r\n"
                      "Copyright (c) 1986-2019 by Cisco Systems, Inc.\r\n"
                      "Compiled Thu 22-Aug-19 18:09 by mcpre")
# CISCO-PRODUCTS-MIB: ciscoISR4331 is ciscoProducts 2068 (1861 is ciscoASR1001X).
CISCO_ISR4331_OID = "1.3.6.1.4.1.9.1.2068"
CISCO_2500_DESC = ("Cisco Internetwork Operating System Software \n"
                   "IOS (tm) 2500 Software (C2500-IS-L), Version 12.0(7)T, RELEASE SOFTWARE (fc2)\n"
                   "Copyright (c) 1986-1999 by cisco Systems, Inc.\n"
                   "Compiled Tue 07-Dec-99 02:12 by phanguye")
CISCO_SSH = "SSH-2.0-Cisco-1.25"

JUNIPER_EX_DESC = ("Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 18.4R2-S4.6, "
                   "Build date: 2020-03-16 19:28:44 UTC "
                   "Copyright (c) 1996-2020 Juniper Networks, Inc.")
JUNIPER_SRX_DESC = ("Juniper Networks, Inc. srx300 internet router, kernel JUNOS 19.4R3-S1.3, "
                    "Build date: 2020-12-17 02:09:33 UTC "
                    "Copyright (c) 1996-2020 Juniper Networks, Inc.")
JUNIPER_SRX_OID = "1.3.6.1.4.1.2636.1.1.1.2.133"
JUNIPER_HTTP_SERVER = "Embedthis-http"

ARISTA_DESC = "Arista Networks EOS version 4.24.2F running on an Arista Networks DCS-7050SX-64"

MT_VERSION = "6.49.10 (long-term)"

HIK_SERVER = "Hikvision-Webs"
HIK_REALM = 'Digest qop="auth", realm="IP Camera(E4189)", nonce="%s", stale="FALSE"'
# Dahua's embedded web servers answer "Webs" (GoAhead); DNVRS-Webs is Hikvision's NVR server.
DAHUA_SERVER = "Webs"
DAHUA_REALM = 'Digest realm="Login to 6J0ABCDPAZ4F8E1", qop="auth", nonce="%s", opaque="%s"'

YEALINK_UA = "Yealink SIP-T46S 66.86.0.15"
POLYCOM_UA = "PolycomVVX-VVX_411-UA/5.9.6.2327"

# MAC addresses. OUIs from the IEEE registry (oui_db/oui.tsv):
# 00:e0:fc, 00:25:9e, 4c:1f:cc, 70:7b:e8 HUAWEI TECHNOLOGIES; f4:b8:a7, d0:15:4a, 2c:26:c5,
# 00:19:c6 zte corporation; c8:4c:75, 00:1b:54, f8:e5:7e Cisco; cc:e1:7f, 3c:8a:b0 Juniper;
# 28:99:3a Arista; 4c:5e:0c Routerboard.com (MikroTik); 4c:bd:8f Hikvision; 3c:ef:8c Dahua;
# 80:5e:c0 Yealink; 64:16:7f Polycom; d4:ae:52, 14:18:77, f8:bc:12 Dell; a0:36:9f, 3c:fd:fe
# Intel; 9c:8e:99, b4:b5:2f Hewlett Packard; cc:37:ab Edgecore; 00:01:30 Extreme;
# 00:e0:52 Brocade (Foundry); 00:1b:ba Nortel.


# ---------------------------------------------------------------------------
# Registry of outputs: name -> function returning bytes.

CAPTURES = {}
T0 = 1709294400  # 2024-03-01T12:00:00Z: the first frame of every test capture


def capture(name):
    def reg(fn):
        CAPTURES[name] = fn
        return fn
    return reg


def pcap_of(cap, linktype=1, **kw):
    return pcap_file(cap.sorted(), linktype, **kw)


# ----- discovery ------------------------------------------------------------

S5735_MAC = "70:7b:e8:5a:10:00"


def lldp_s5735(ttl=120):
    return lldp_frame(S5735_MAC, [
        lldp_chassis_mac(S5735_MAC), lldp_port_ifname("GigabitEthernet0/0/24"), lldp_ttl(ttl),
        lldp_portdesc("GigabitEthernet0/0/24"), lldp_sysname("acc-hw-12"),
        lldp_sysdesc(HW_S5735_DESC), lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE),
        lldp_mgmt("192.168.10.12", 6, ber_oid("1.3.6.1.4.1.2011")[2:]),
        lldp_pvid(1), lldp_vlan_name(1, "VLAN 0001"), lldp_macphy(0x03, 0x6C01, 30),
        lldp_link_agg(0x01, 0), lldp_maxframe(9216)])


CE6851_MAC = "00:e0:fc:5c:a2:10"


def lldp_ce6851(port="10GE1/0/1", ttl=120, tags=()):
    return lldp_frame(CE6851_MAC, [
        lldp_chassis_mac(CE6851_MAC), lldp_port_ifname(port), lldp_ttl(ttl),
        lldp_portdesc(port), lldp_sysname("core-sw-01"), lldp_sysdesc(HW_CE6851_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER),
        lldp_mgmt("10.0.0.2", 2), lldp_mgmt("2001:db8:0:1::2", 2),
        lldp_pvid(1), lldp_vlan_name(10, "servers"), lldp_vlan_name(20, "users"),
        lldp_macphy(0x00, 0x0000, 0), lldp_maxframe(9216)], tags=tags)


@capture("lldp_huawei.pcap")
def cap_lldp_huawei():
    c = Cap(T0)
    c.add(lldp_s5735())
    c.add(lldp_ce6851(), 1_250_000)
    c.add(lldp_s5735(), 30_000_000)
    return pcap_of(c)


ZTE5960_MAC = "00:19:c6:3e:7a:10"
M6000_MAC = "f4:b8:a7:21:3c:40"


def lldp_zte5960():
    return lldp_frame(ZTE5960_MAC, [
        lldp_chassis_mac(ZTE5960_MAC), lldp_port_ifname("gei-1/1/0/12"), lldp_ttl(120),
        lldp_portdesc("gei-1/1/0/12"), lldp_sysname("ZXR10-5960-A3"), lldp_sysdesc(ZTE_5960_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER),
        lldp_mgmt("192.168.20.5", 1), lldp_pvid(1), lldp_macphy(0x03, 0x6C01, 30)])


def lldp_m6000(tags=()):
    return lldp_frame(M6000_MAC, [
        lldp_chassis_mac(M6000_MAC), lldp_port_ifname("xgei-0/2/0/1"), lldp_ttl(120),
        lldp_portdesc("to-core-sw-01 10GE1/0/48"), lldp_sysname("PE-ZTE-01"),
        lldp_sysdesc(ZTE_M6000_DESC), lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_ROUTER),
        lldp_mgmt("10.0.0.254", 16)], tags=tags)


@capture("lldp_zte.pcap")
def cap_lldp_zte():
    c = Cap(T0)
    c.add(lldp_zte5960())
    c.add(lldp_m6000(), 2_400_000)
    c.add(lldp_zte5960(), 30_000_000)
    return pcap_of(c)


YEALINK_MAC = "80:5e:c0:3b:9a:41"
POLYCOM_MAC = "64:16:7f:1a:2b:3c"


def lldp_yealink(ip="10.20.0.41", vid=20):
    return lldp_frame(YEALINK_MAC, [
        lldp_chassis_netaddr(ip), lldp_port_mac(YEALINK_MAC), lldp_ttl(120),
        lldp_portdesc("WAN PORT"), lldp_sysname("SIP-T46S"), lldp_sysdesc("SIP-T46S"),
        lldp_caps(CAP_BRIDGE | CAP_PHONE, CAP_PHONE), lldp_mgmt(ip, 1),
        lldp_macphy(0x03, 0x6C01, 30), med_caps(0x33, 3), med_policy(1, vid, 5, 46),
        med_power(0x53, 54),
        med_inventory("T46S", "66.86.0.15", "66.86.0.15", "1402018041900271", "Yealink",
                      "SIP-T46S", "")])


def lldp_polycom(ip="10.20.0.42", vid=20):
    return lldp_frame(POLYCOM_MAC, [
        lldp_chassis_mac(POLYCOM_MAC), lldp_port_local("1"), lldp_ttl(120),
        lldp_portdesc("1"), lldp_sysname("vvx411-reception"),
        lldp_sysdesc("Polycom;VVX-VVX_411;3111-48450-001,1;SIP/5.9.6.2327/20-Jul-20 15:00;"
                     "UP/5.9.6.2327/20-Jul-20 15:00;"),
        lldp_caps(CAP_BRIDGE | CAP_PHONE, CAP_PHONE), lldp_mgmt(ip, 1),
        lldp_macphy(0x03, 0x6C01, 30), med_caps(0x33, 3), med_policy(1, vid, 5, 46),
        med_policy(2, vid, 5, 34), med_power(0x53, 61),
        med_inventory("3111-48450-001,1", "5.9.6.2327", "5.9.6.2327", "64167F1A2B3C", "Polycom",
                      "VVX 411", "")])


@capture("lldp_med_phone.pcap")
def cap_lldp_med_phone():
    c = Cap(T0)
    c.add(lldp_yealink())
    c.add(lldp_polycom(), 900_000)
    c.add(lldp_yealink(), 30_000_000)
    c.add(lldp_polycom(), 900_000)
    return pcap_of(c)


CISCO2960_MAC = "c8:4c:75:6e:81:30"
CISCO2960_PORT_MAC = "c8:4c:75:6e:81:b0"
EX4300_MAC = "cc:e1:7f:2a:00:00"
EX4300_PORT_MAC = "cc:e1:7f:2a:00:2f"
ARISTA_MAC = "28:99:3a:4d:e2:01"
H3C_MAC = "3c:8c:40:b1:77:02"
LLDPD_MAC = "d4:ae:52:c9:10:44"


def lldp_2960x():
    return lldp_frame(CISCO2960_PORT_MAC, [
        lldp_chassis_mac(CISCO2960_MAC), lldp_port_ifname("Gi1/0/48"), lldp_ttl(120),
        lldp_portdesc("GigabitEthernet1/0/48"), lldp_sysname("access-sw-07"),
        lldp_sysdesc(CISCO_2960X_DESC), lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE),
        lldp_mgmt("10.0.0.7", 1), lldp_pvid(1), lldp_macphy(0x03, 0x6C01, 30)])


def lldp_ex4300():
    return lldp_frame(EX4300_PORT_MAC, [
        lldp_chassis_mac(EX4300_MAC), lldp_port_local("527"), lldp_ttl(120),
        lldp_portdesc("ge-0/0/47"), lldp_sysname("dist-ex-02"), lldp_sysdesc(JUNIPER_EX_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER),
        lldp_mgmt("10.0.0.8", 33), lldp_macphy(0x03, 0x6C01, 30), lldp_maxframe(1514),
        lldp_link_agg(0x01, 0)])


def lldp_arista(ttl=120):
    return lldp_frame(ARISTA_MAC, [
        lldp_chassis_mac(ARISTA_MAC), lldp_port_ifname("Ethernet49/1"), lldp_ttl(ttl),
        lldp_portdesc("uplink core-sw-01"), lldp_sysname("leaf-ar-01"), lldp_sysdesc(ARISTA_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER),
        lldp_mgmt("10.0.0.9", 999001), lldp_pvid(1), lldp_maxframe(9236)])


def lldp_h3c():
    return lldp_frame(H3C_MAC, [
        lldp_chassis_mac(H3C_MAC), lldp_port_ifname("GigabitEthernet1/0/52"), lldp_ttl(121),
        lldp_portdesc("GigabitEthernet1/0/52 Interface"), lldp_sysname("bld2-h3c-01"),
        lldp_sysdesc("H3C Comware Platform Software, Software Version 7.1.070, Release 1311P03\r\n"
                     "H3C S5560X-54C-EI\r\n"
                     "Copyright (c) 2004-2020 New H3C Technologies Co., Ltd. All rights reserved."),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER),
        lldp_mgmt("10.0.0.21", 1), lldp_pvid(1)])


def lldp_lldpd_server():
    return lldp_frame(LLDPD_MAC, [
        lldp_chassis_local("backup-01.corp.example"), lldp_port_mac(LLDPD_MAC), lldp_ttl(120),
        lldp_portdesc("eno1"), lldp_sysname("backup-01.corp.example"),
        lldp_sysdesc("Ubuntu 22.04.4 LTS Linux 5.15.0-105-generic #115-Ubuntu SMP "
                     "Mon Apr 15 09:52:04 UTC 2024 x86_64"),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER | CAP_WLAN | CAP_STATION, CAP_STATION),
        lldp_mgmt("10.10.0.61", 2), lldp_mgmt("2001:db8:0:10::61", 2),
        lldp_macphy(0x03, 0x6C01, 30)])


@capture("lldp_multi.pcap")
def cap_lldp_multi():
    c = Cap(T0)
    c.add(lldp_ce6851("10GE1/0/48"))
    c.add(lldp_m6000(), 3_100_000)
    c.add(lldp_2960x(), 4_700_000)
    c.add(lldp_ex4300(), 2_200_000)
    c.add(lldp_arista(), 6_000_000)
    c.add(lldp_h3c(), 1_900_000)
    c.add(lldp_lldpd_server(), 5_300_000)
    c.add(lldp_ce6851("10GE1/0/48"), 6_800_000)  # t = 30 s: the first neighbour again
    c.add(lldp_arista(ttl=0), 4_000_000)  # Arista port shut: shutdown LLDPDU (TTL 0)
    return pcap_of(c)


EDGECORE_MAC = "cc:37:ab:5e:00:07"


@capture("whitebox.pcap")
def cap_whitebox():
    c = Cap(T0)
    nms_mac, nms = "14:18:77:4e:20:50", "10.0.0.50"
    c.add(lldp_frame(EDGECORE_MAC, [
        lldp_chassis_mac(EDGECORE_MAC), lldp_port_ifname("10GE1/0/49"), lldp_ttl(120),
        lldp_portdesc("10GE1/0/49"), lldp_sysname("dc1-leaf-07"), lldp_sysdesc(HW_CE6881_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER), lldp_mgmt("10.0.0.77", 2),
        lldp_maxframe(9216)]))
    l2 = L2(nms_mac, EDGECORE_MAC)
    c.add(udp_frame(l2, True, nms, "10.0.0.77", 50161, 161, snmp_msg(1, "n0c-r3ad", snmp_pdu(
        GET, 0x2C41, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))), 2_000_000)
    c.add(udp_frame(l2, False, "10.0.0.77", nms, 161, 50161, snmp_msg(1, "n0c-r3ad", snmp_pdu(
        RESPONSE, 0x2C41, [vb(SYSDESCR, ber_oct(HW_CE6881_DESC)),
                           vb(SYSOBJECTID, ber_oid("1.3.6.1.4.1.2011.2.239.68")),
                           vb(SYSNAME, ber_oct("dc1-leaf-07"))]))), 2_300)
    c.add(arp_request_frame(EDGECORE_MAC, "10.0.0.77", "10.0.0.1"), 10_000_000)
    c.add(lldp_frame(EDGECORE_MAC, [
        lldp_chassis_mac(EDGECORE_MAC), lldp_port_ifname("10GE1/0/49"), lldp_ttl(120),
        lldp_portdesc("10GE1/0/49"), lldp_sysname("dc1-leaf-07"), lldp_sysdesc(HW_CE6881_DESC),
        lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE | CAP_ROUTER), lldp_mgmt("10.0.0.77", 2),
        lldp_maxframe(9216)]), 18_000_000)
    return pcap_of(c)


def cdp_2960x(tags=()):
    return cdp_frame(CISCO2960_PORT_MAC, cdp_pdu(2, 180, [
        cdp_str(0x0001, "access-sw-07.corp.example"),
        cdp_tlv(0x0002, cdp_addrs(["10.0.0.7"])),
        cdp_str(0x0003, "GigabitEthernet1/0/48"),
        cdp_tlv(0x0004, struct.pack("!I", CDP_SWITCH | CDP_IGMP)),
        cdp_str(0x0005, CISCO_2960X_DESC),
        cdp_str(0x0006, "cisco WS-C2960X-48FPD-L"),
        cdp_cluster_hello(CISCO2960_MAC),
        cdp_str(0x0009, "CORP"),
        cdp_tlv(0x000A, struct.pack("!H", 1)),
        cdp_tlv(0x000B, b"\x01"),
        cdp_tlv(0x000E, b"\x01" + struct.pack("!H", 20)),
        cdp_tlv(0x0012, b"\x00"),
        cdp_tlv(0x0013, b"\x00"),
        cdp_tlv(0x0016, cdp_addrs(["10.0.0.7", "2001:db8:0:1::7"])),
        cdp_tlv(0x001A, struct.pack("!HHII", 1, 1, 0, 0xFFFFFFFF)),
    ]), tags=tags)


ISR_MAC = "00:1b:54:c2:3a:01"


def cdp_isr4331():
    return cdp_frame(ISR_MAC, cdp_pdu(2, 180, [
        cdp_str(0x0001, "br-isr-02"),
        cdp_tlv(0x0002, cdp_addrs(["10.0.0.3"])),
        cdp_str(0x0003, "GigabitEthernet0/0/1"),
        cdp_tlv(0x0004, struct.pack("!I", CDP_ROUTER | CDP_SWITCH | CDP_IGMP)),
        cdp_str(0x0005, CISCO_ISR4331_DESC.replace("\r\n", "\n")),
        cdp_str(0x0006, "cisco ISR4331/K9"),
        cdp_tlv(0x000B, b"\x01"),
        cdp_tlv(0x0016, cdp_addrs(["10.0.0.3"])),
    ]))


@capture("cdp_cisco.pcap")
def cap_cdp_cisco():
    c = Cap(T0)
    c.add(cdp_2960x())
    c.add(cdp_isr4331(), 7_500_000)
    c.add(cdp_2960x(), 60_000_000)
    return pcap_of(c)


C2500_MAC = "00:00:0c:3d:91:e2"
MT_MAC = "4c:5e:0c:88:21:7a"


@capture("cdp_v1.pcap")
def cap_cdp_v1():
    c = Cap(T0)
    c.add(cdp_frame(C2500_MAC, cdp_pdu(1, 180, [
        cdp_str(0x0001, "lab-2500"),
        cdp_tlv(0x0002, cdp_addrs(["192.168.1.254"])),
        cdp_str(0x0003, "Ethernet0"),
        cdp_tlv(0x0004, struct.pack("!I", CDP_ROUTER)),
        cdp_str(0x0005, CISCO_2500_DESC),
        cdp_str(0x0006, "cisco 2500"),
    ])))
    c.add(cdp_frame(MT_MAC, cdp_pdu(1, 120, [
        cdp_str(0x0001, "edge-mt-01"),
        cdp_str(0x0005, MT_VERSION),
        cdp_str(0x0006, "MikroTik"),
        cdp_tlv(0x0002, cdp_addrs(["10.0.0.10"])),
        cdp_str(0x0003, "ether1"),
        cdp_tlv(0x0004, struct.pack("!I", CDP_ROUTER)),
    ])), 3_300_000)
    return pcap_of(c)


EXTREME_MAC = "00:04:96:a1:5c:30"


def edp_x440(seq):
    return edp_frame(EXTREME_MAC, seq, [
        edp_info(1, 24, (22, 6, 1, 4)), edp_display("sw-extreme-01"),
        edp_vlan(1, "10.0.0.30", "Default"), edp_vlan(20, None, "voice"), edp_null()])


@capture("edp.pcap")
def cap_edp():
    c = Cap(T0)
    c.add(edp_x440(412))
    c.add(edp_x440(413), 30_000_000)
    return pcap_of(c)


ICX_MAC = "74:8e:f8:2c:41:00"
FOUNDRY_MAC = "00:e0:52:8b:11:c0"


@capture("fdp.pcap")
def cap_fdp():
    c = Cap(T0)
    c.add(fdp_frame(ICX_MAC, [
        fdp_tlv(1, b"icx7450-core"), fdp_net("10.0.0.31"), fdp_tlv(3, b"ethernet1/1/48"),
        fdp_tlv(4, b"Router"), fdp_tlv(6, b"ICX7450-48-HPOE"),
        fdp_tlv(5, b"Brocade Communications Systems, Inc. ICX7450-48-HPOE, IronWare Version "
                   b"08.0.30dT213 Compiled on Mar 14 2017 at 20:41:08 labeled as SPR08030d"),
        fdp_tlv(0x0102, struct.pack("!HHH", 1, 0x8100, 0x4000))]))
    c.add(fdp_frame(FOUNDRY_MAC, [
        fdp_tlv(1, b"fi-sx800-b2"), fdp_net("10.0.0.32"), fdp_tlv(3, b"ethernet3/1"),
        fdp_tlv(4, b"Switch"), fdp_tlv(6, b"FastIron SX 800"),
        fdp_tlv(5, b"Foundry Networks, Inc. FastIron SX 800, IronWare Version 07.2.02eT3e3 "
                   b"Compiled on Feb 05 2010 at 04:17:34 labeled as SXR07202e")]), 4_000_000)
    return pcap_of(c)


NORTEL_MAC = "00:1b:ba:6e:30:01"


@capture("sonmp.pcap")
def cap_sonmp():
    c = Cap(T0)
    c.add(sonmp_frame(NORTEL_MAC, "10.0.0.40", 0x000101, 116, 0x0C, 0x03, 1, pid=0x01A2))
    c.add(sonmp_frame(NORTEL_MAC, "10.0.0.40", 0x000101, 116, 0x0C, 0x03, 1, pid=0x01A1), 10)
    c.add(sonmp_frame(NORTEL_MAC, "10.0.0.40", 0x000101, 116, 0x0C, 0x03, 1, pid=0x01A2),
          10_000_000)
    return pcap_of(c)


@capture("stp.pcap")
def cap_stp():
    c = Cap(T0)
    root = bridge_id(4096, 0, CE6851_MAC)
    # IEEE 802.1D config BPDU from the Cisco access switch (port MAC as source).
    cisco_bridge = bridge_id(32768, 0, CISCO2960_MAC)
    c.add(stp_frame(CISCO2960_PORT_MAC, stp_config(root, 4, cisco_bridge, 0x8030)))
    # RSTP BPDU from the Huawei S5735 (proposal + agreement + designated forwarding).
    c.add(stp_frame(S5735_MAC, rstp_bpdu(root, 20000, bridge_id(32768, 0, S5735_MAC), 0x8018,
                                         flags=0x7C)), 300_000)
    # MSTP BPDU from the ZTE 5960, region "CORP-MST", revision 1, one MSTI record.
    digest = det_bytes("mst-digest", 16)
    c.add(stp_frame(ZTE5960_MAC, mstp_bpdu(root, 20000, bridge_id(32768, 0, ZTE5960_MAC), 0x800C,
                                           "CORP-MST", 1, digest, 0,
                                           [(0x7C, bridge_id(32768, 1, ZTE5960_MAC), 0, 0x80,
                                             0x80, 20)])), 450_000)
    # Topology change notification from the Cisco switch.
    c.add(stp_frame(CISCO2960_PORT_MAC, b"\x00\x00\x00\x80"), 1_250_000)
    c.add(stp_frame(S5735_MAC, rstp_bpdu(root, 20000, bridge_id(32768, 0, S5735_MAC), 0x8018,
                                         flags=0x7C)), 2_000_000)
    return pcap_of(c)


MT2_MAC = "e4:8d:8c:19:c0:05"


def mndp_edge(seq):
    return mndp_payload(seq, MT_MAC, "edge-mt-01", MT_VERSION, "MikroTik", "RB3011UiAS",
                        "7K4Q-NV2D", "ether1", "10.0.0.10", 1_209_600 + seq)


@capture("mndp.pcap")
def cap_mndp():
    c = Cap(T0)
    l2 = L2(MT_MAC, BCAST)
    c.add(udp_frame(l2, True, "10.0.0.10", "255.255.255.255", 5678, 5678, mndp_edge(0)))
    l2b = L2(MT2_MAC, BCAST)
    c.add(udp_frame(l2b, True, "10.0.0.11", "255.255.255.255", 5678, 5678, mndp_payload(
        0, MT2_MAC, "core-ccr-01", "7.14.3 (stable)", "MikroTik", "CCR2004-1G-12S+2XS",
        "QX2B-3HJT", "sfp-sfpplus1", "10.0.0.11", 3_888_000, ipv6="2001:db8:0:1::11")), 1_200_000)
    l2c = L2(MT2_MAC, "33:33:00:00:00:01")
    c.add(udp_frame(l2c, True, "fe80::e68d:8cff:fe19:c005", "ff02::1", 5678, 5678, mndp_payload(
        0, MT2_MAC, "core-ccr-01", "7.14.3 (stable)", "MikroTik", "CCR2004-1G-12S+2XS",
        "QX2B-3HJT", "sfp-sfpplus1", "10.0.0.11", 3_888_000, ipv6="2001:db8:0:1::11")), 400)
    c.add(udp_frame(l2, True, "10.0.0.10", "255.255.255.255", 5678, 5678, mndp_edge(1)),
          60_000_000)
    return pcap_of(c)


UBNT_MAC = "24:a4:3c:0e:51:9d"
UAP_MAC = "78:8a:20:5b:33:c1"


@capture("ubdp.pcap")
def cap_ubdp():
    c = Cap(T0)
    laptop_mac, laptop = "14:18:77:4e:20:64", "192.168.1.100"
    # The airOS discovery probe: version 1, command 0, no TLVs.
    c.add(udp_frame(L2(laptop_mac, BCAST), True, laptop, "255.255.255.255", 41234, 10001,
                    b"\x01\x00\x00\x00"))
    # The NanoBeam answers (version 1 reply) to the prober.
    reply = ubdp_payload(1, 0, [
        ubdp_tlv(0x02, mac(UBNT_MAC) + ip4("192.168.1.20")), ubdp_tlv(0x01, mac(UBNT_MAC)),
        ubdp_tlv(0x0A, struct.pack("!I", 864_000)), ubdp_tlv(0x0B, b"tower-nbe-07"),
        ubdp_tlv(0x0C, b"NBE-M5-16"), ubdp_tlv(0x0D, b"ptp-tower7"), ubdp_tlv(0x0E, b"\x02"),
        ubdp_tlv(0x03, b"XW.ar934x.v6.3.6.33330.210818.1640")])
    c.add(udp_frame(L2(laptop_mac, UBNT_MAC), False, "192.168.1.20", laptop, 10001, 41234, reply),
          2_100)
    # A UniFi AP announces itself (version 2, command 6) to the broadcast address.
    ann = ubdp_payload(2, 6, [
        ubdp_tlv(0x02, mac(UAP_MAC) + ip4("192.168.1.21")), ubdp_tlv(0x01, mac(UAP_MAC)),
        ubdp_tlv(0x0A, struct.pack("!I", 51_322)), ubdp_tlv(0x0B, b"ap-lobby"),
        ubdp_tlv(0x0C, b"U7LT"), ubdp_tlv(0x03, b"BZ.qca956x.v6.6.55.14430.231115.1856"),
        ubdp_tlv(0x16, b"6.6.55.14430"), ubdp_tlv(0x15, b"U7LT"),
        ubdp_tlv(0x12, struct.pack("!I", 4711)), ubdp_tlv(0x1B, b"6.6.55")])
    c.add(udp_frame(L2(UAP_MAC, BCAST), True, "192.168.1.21", "255.255.255.255", 10001, 10001,
                    ann), 4_000_000)
    return pcap_of(c)


# ----- IP evidence ------------------------------------------------------------

NMS_MAC, NMS_IP = "14:18:77:4e:20:50", "10.1.0.50"
S5735B_MAC, S5735B_IP = "70:7b:e8:5a:20:00", "10.1.0.12"
C2960B_MAC, C2960B_IP = "c8:4c:75:6e:90:40", "10.1.0.7"
ZTE5960B_MAC, ZTE5960B_IP = "00:19:c6:3e:80:01", "10.1.0.15"
EX4300B_MAC, EX4300B_IP = "cc:e1:7f:2a:10:00", "10.1.0.8"
COMMUNITY = "n0c-r3ad"  # a credential: must never appear in vendorsniff's output


@capture("snmp_v1v2.pcap")
def cap_snmp_v1v2():
    c = Cap(T0)
    # v2c Get of the system group and ENTITY-MIB chassis row, from the NMS to a Huawei S5735.
    l2 = L2(NMS_MAC, S5735B_MAC)
    idx = "67108873"  # entPhysicalIndex of the S5735 chassis
    oids = [SYSDESCR, SYSOBJECTID, SYSUPTIME, SYSNAME, ENT_PHYS + ".13." + idx,
            ENT_PHYS + ".11." + idx, ENT_PHYS + ".10." + idx, ENT_PHYS + ".12." + idx]
    c.add(udp_frame(l2, True, NMS_IP, S5735B_IP, 49152, 161, snmp_msg(
        1, COMMUNITY, snmp_pdu(GET, 0x1B2E3A01, [vb(o) for o in oids]))))
    vals = sys_group_vbs(HW_S5735_DESC, HW_S5735_OID, 123456789, "acc-hw-12")
    vals += [vb(oids[4], ber_oct("S5735-L48T4X-A1")),
             vb(oids[5], ber_oct("21980107133GJ7000123")),
             vb(oids[6], ber_oct("Version 5.170 V200R019C10SPC500")),
             vb(oids[7], ber_oct("Huawei"))]
    c.add(udp_frame(l2, False, S5735B_IP, NMS_IP, 161, 49152, snmp_msg(
        1, COMMUNITY, snmp_pdu(RESPONSE, 0x1B2E3A01, vals)), ttl=255), 3_800)
    # v1 Get / GetResponse with a Cisco 2960X (sysDescr, sysObjectID only).
    l2c = L2(NMS_MAC, C2960B_MAC)
    c.add(udp_frame(l2c, True, NMS_IP, C2960B_IP, 49153, 161, snmp_msg(
        0, "public", snmp_pdu(GET, 77, [vb(SYSDESCR), vb(SYSOBJECTID)]))), 500_000)
    c.add(udp_frame(l2c, False, C2960B_IP, NMS_IP, 161, 49153, snmp_msg(
        0, "public", snmp_pdu(RESPONSE, 77, [vb(SYSDESCR, ber_oct(CISCO_2960X_DESC)),
                                             vb(SYSOBJECTID, ber_oid("1.3.6.1.4.1.9.1.1208"))])),
                    ttl=255), 2_900)
    # SNMPv1 trap from the Cisco switch: linkDown (generic 2), enterprise = its sysObjectID.
    trap = snmp_trap_v1("1.3.6.1.4.1.9.1.1208", C2960B_IP, 2, 0, 8_640_123, [
        vb("1.3.6.1.2.1.2.2.1.1.10112", ber_int(10112)),
        vb("1.3.6.1.2.1.2.2.1.2.10112", ber_oct("GigabitEthernet1/0/12")),
        vb("1.3.6.1.2.1.2.2.1.3.10112", ber_int(6)),
        vb("1.3.6.1.4.1.9.2.2.1.1.20.10112", ber_oct("administratively down"))])
    c.add(udp_frame(l2c, False, C2960B_IP, NMS_IP, 59211, 162, snmp_msg(0, "public", trap),
                    ttl=255), 2_000_000)
    # SNMPv2c trap from a ZTE 5960: linkDown with snmpTrapEnterprise = ZTE's enterprise subtree.
    l2z = L2(NMS_MAC, ZTE5960B_MAC)
    trap = snmp_pdu(TRAP2, 1804289383, [
        vb(SYSUPTIME, timeticks(4_410_026)), vb(SNMPTRAPOID, ber_oid("1.3.6.1.6.3.1.1.5.3")),
        vb("1.3.6.1.2.1.2.2.1.1.12", ber_int(12)), vb("1.3.6.1.2.1.2.2.1.7.12", ber_int(1)),
        vb("1.3.6.1.2.1.2.2.1.8.12", ber_int(2)),
        vb(SNMPTRAPENTERPRISE, ber_oid("1.3.6.1.4.1.3902.3"))])
    c.add(udp_frame(l2z, False, ZTE5960B_IP, NMS_IP, 1027, 162, snmp_msg(1, "public", trap),
                    ttl=255), 1_500_000)
    # SNMPv2c InformRequest from a Juniper EX4300 (jnxPowerSupplyFailure), acknowledged.
    l2j = L2(NMS_MAC, EX4300B_MAC)
    inform = snmp_pdu(INFORM, 0x3A5B, [vb(SYSUPTIME, timeticks(99_887_766)),
                                       vb(SNMPTRAPOID, ber_oid("1.3.6.1.4.1.2636.4.1.1")),
                                       vb("1.3.6.1.4.1.2636.3.1.13.1.5.2.1.0.0",
                                          ber_oct("Power Supply 0 @ 0/0/*"))])
    c.add(udp_frame(l2j, False, EX4300B_IP, NMS_IP, 61000, 162, snmp_msg(1, "public", inform)),
          1_000_000)
    ack = snmp_pdu(RESPONSE, 0x3A5B, [vb(SYSUPTIME, timeticks(99_887_766)),
                                      vb(SNMPTRAPOID, ber_oid("1.3.6.1.4.1.2636.4.1.1")),
                                      vb("1.3.6.1.4.1.2636.3.1.13.1.5.2.1.0.0",
                                         ber_oct("Power Supply 0 @ 0/0/*"))])
    c.add(udp_frame(l2j, True, NMS_IP, EX4300B_IP, 162, 61000, snmp_msg(1, "public", ack)), 700)
    return pcap_of(c)


HW_V3_MAC, HW_V3_IP, HW_V3_ENGINE_MAC = "00:25:9e:7b:00:21", "10.1.0.21", "00:25:9e:7b:00:00"
VM_V3_MAC, VM_V3_IP, VM_V3_ENGINE_MAC = "52:54:00:3c:9a:22", "10.1.0.22", "4c:1f:cc:91:07:e0"


def v3_exchange(c, agent_mac, agent_ip, engine, boots, etime, msgid, sport, dt_us):
    l2 = L2(NMS_MAC, agent_mac)
    # Discovery: noAuthNoPriv, reportable, empty engine ID.
    probe = scoped_pdu(b"", "", snmp_pdu(GET, msgid + 1000, []))
    c.add(udp_frame(l2, True, NMS_IP, agent_ip, sport, 161, snmpv3_msg(
        msgid, 0x04, b"", 0, 0, "", b"", b"", probe)), dt_us)
    # Report carrying the agent's authoritative engine ID, boots and time.
    c.add(udp_frame(l2, False, agent_ip, NMS_IP, 161, sport, snmpv3_msg(
        msgid, 0x00, engine, boots, etime, "", b"", b"", scoped_pdu(engine, "", snmp_pdu(
            REPORT, msgid + 1000, [vb(USM_UNKNOWN_ENGINE_IDS, counter32(17))]))), ttl=255), 1_900)
    # authPriv Get (SHA-96 + AES-128): the scopedPDU travels encrypted.
    auth = det_bytes("v3auth:%s:q" % agent_ip, 12)
    salt = det_bytes("v3salt:%s:q" % agent_ip, 8)
    c.add(udp_frame(l2, True, NMS_IP, agent_ip, sport, 161, snmpv3_msg(
        msgid + 1, 0x07, engine, boots, etime, "nmsuser", auth, salt,
        det_bytes("v3enc:%s:q" % agent_ip, 61), encrypted=True)), 2_200)
    auth = det_bytes("v3auth:%s:r" % agent_ip, 12)
    salt = det_bytes("v3salt:%s:r" % agent_ip, 8)
    c.add(udp_frame(l2, False, agent_ip, NMS_IP, 161, sport, snmpv3_msg(
        msgid + 1, 0x03, engine, boots, etime, "nmsuser", auth, salt,
        det_bytes("v3enc:%s:r" % agent_ip, 212), encrypted=True), ttl=255), 2_600)


@capture("snmpv3_only.pcap")
def cap_snmpv3_only():
    c = Cap(T0)
    v3_exchange(c, HW_V3_MAC, HW_V3_IP, engine_id_mac(2011, HW_V3_ENGINE_MAC), 7, 1_234_567,
                0x4E21, 50300, 0)
    v3_exchange(c, VM_V3_MAC, VM_V3_IP, engine_id_mac(2011, VM_V3_ENGINE_MAC), 2, 86_400,
                0x4E31, 50301, 1_000_000)
    return pcap_of(c)


RTR_MAC, RTR_IP = "00:1b:54:c2:3a:01", "10.1.0.1"
REMOTE = [  # (ip, sysDescr, sysObjectID, sysName, initial TTL)
    ("10.20.0.11", HW_AR2220_DESC, HW_AR2220_OID, "br-ar-11", 255),
    ("10.20.0.12", ZTE_5960_DESC, ZTE_5960_OID, "br-zte-12", 255),
    ("10.20.0.13", JUNIPER_SRX_DESC, JUNIPER_SRX_OID, "br-srx-13", 64),
]


def routed_remote(c, l2, nms_ip, remote, sport_base):
    """The NMS polls and logs in to three remote devices through one router: every
    reply reaches the NMS with the router's MAC as source."""
    for i, (ip, descr, oid, name, ttl) in enumerate(remote):
        rid = 0x5000 + i
        c.add(udp_frame(l2, True, nms_ip, ip, sport_base + i, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
            GET, rid, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSUPTIME), vb(SYSNAME)]))), 400_000)
        c.add(udp_frame(l2, False, ip, nms_ip, 161, sport_base + i, snmp_msg(
            1, COMMUNITY, snmp_pdu(RESPONSE, rid, sys_group_vbs(descr, oid, 5_000_000 + i, name))),
            ttl=ttl - 1), 9_000)


@capture("routed.pcap")
def cap_routed():
    c = Cap(T0)
    c.add(arp_request_frame(NMS_MAC, NMS_IP, RTR_IP))
    c.add(arp_reply_frame(RTR_MAC, RTR_IP, NMS_MAC, NMS_IP), 600)
    l2 = L2(NMS_MAC, RTR_MAC)
    routed_remote(c, l2, NMS_IP, REMOTE, 40100)
    # SSH to the Huawei AR2220 and the ZTE 5960, HTTP to the ZTE and the Juniper SRX300.
    t = TcpConn(c, l2, NMS_IP, "10.20.0.11", 51001, 22, ttl_b=254).open(300_000)
    t.send(False, (HW_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    t.close()
    t = TcpConn(c, l2, NMS_IP, "10.20.0.12", 51002, 22, ttl_b=254).open(300_000)
    t.send(False, (ZTE_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    t.close()
    t = TcpConn(c, l2, NMS_IP, "10.20.0.12", 51003, 80, ttl_b=254).open(300_000)
    curl = [("User-Agent", "curl/7.88.1"), ("Accept", "*/*")]
    t.send(True, http_request("GET", "/", "10.20.0.12", curl))
    body = b"<html><head><title>Web</title></head><body></body></html>\n"
    t.send(False, http_response("200 OK", [("Server", ZTE_HTTP_SERVER),
                                           ("Content-Type", "text/html"),
                                           ("Cache-Control", "no-cache")], body))
    t.close()
    t = TcpConn(c, l2, NMS_IP, "10.20.0.13", 51004, 80, ttl_b=63).open(300_000)
    t.send(True, http_request("GET", "/", "10.20.0.13", curl))
    t.send(False, http_response("301 Moved Permanently", [
        ("Server", JUNIPER_HTTP_SERVER), ("Location", "https://10.20.0.13/"),
        ("Content-Type", "text/html")], b""))
    t.close()
    return pcap_of(c)


# Model lines through SNMP behind one router (issue 11): the model of a ZTE carrier router from
# its glued version string, of a Huawei NE40E from its VRP description and its sysObjectID
# (HUAWEI-MIB ne40E-X8A), of a Cisco ISR4331 and a Redback SMS 1800 from their sysObjectIDs
# alone (CISCO-PRODUCTS-MIB ciscoISR4331, RBN-PRODUCT-MIB rbnSMS1800; their descriptions name
# no model), of a Nokia 7750 SR-12 whose registration refines the family its description names. The ZTE string is one Observium's ZTE poller
# quotes; the NE40E's follows the VRP 8 format of HW_CE6851_DESC.
ZTE_M6000_GLUED_DESC = "ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)"
ZTE_M6000_OID = "1.3.6.1.4.1.3902.3.100.6002.2"
HW_NE40E_DESC = ("Huawei Versatile Routing Platform Software\r\n"
                 "VRP (R) software, Version 8.180 (NE40E V800R011C10SPC100)\r\n"
                 "Copyright (C) 2012-2019 Huawei Technologies Co., Ltd.\r\n"
                 "HUAWEI NE40E-X8A\r\n")
HW_NE40E_OID = "1.3.6.1.4.1.2011.2.62.2.18"
# A Redback SMS 1800 (Ericsson): its AOS description (Recog's snmp_sysdescr example) names no
# product; the model comes from the sysObjectID table (RBN-PRODUCT-MIB rbnSMS1800).
RBN_AOS_DESC = ("Redback Networks AOS Release 6.1.4.13 PRODUCTION MAINTENANCE RELEASE Copyright "
                "(c) 1997-2006 by Redback Networks, Inc. Compiled 2006-Oct-06 16:26:44 GMT by "
                "relsms")
RBN_SMS1800_OID = "1.3.6.1.4.1.2352.1.3"
# A Nokia 7750 SR-12: its TiMOS description (the form of nokia.ini's example) names the family
# "7750 SR"; the sysObjectID registration (TIMETRA-GLOBAL-MIB tmnxModelSR12Reg) the chassis.
NOKIA_TIMOS_DESC = ("TiMOS-C-20.10.R3 cpm/hops64 Nokia 7750 SR Copyright (c) 2000-2020 Nokia.\r\n"
                    "All rights reserved. All use subject to applicable license agreements.\r\n"
                    "Built on Wed Jan 27 13:21:10 PST 2021 by builder in "
                    "/builds/c/2010B/R3/panos/main/sros")
NOKIA_SR12_OID = "1.3.6.1.4.1.6527.1.3.3"
MODELS_REMOTE = [
    ("10.20.1.21", ZTE_M6000_GLUED_DESC, ZTE_M6000_OID, "pe-m6000-21", 255),
    ("10.20.1.22", HW_NE40E_DESC, HW_NE40E_OID, "pe-ne40e-22", 255),
    ("10.20.1.23", CISCO_ISR4331_DESC, CISCO_ISR4331_OID, "br-isr-23", 255),
    ("10.20.1.24", RBN_AOS_DESC, RBN_SMS1800_OID, "bras-sms-24", 255),
    ("10.20.1.25", NOKIA_TIMOS_DESC, NOKIA_SR12_OID, "pe-sr12-25", 255),
]


@capture("snmp_models.pcap")
def cap_snmp_models():
    c = Cap(T0)
    c.add(arp_request_frame(NMS_MAC, NMS_IP, RTR_IP))
    c.add(arp_reply_frame(RTR_MAC, RTR_IP, NMS_MAC, NMS_IP), 600)
    routed_remote(c, L2(NMS_MAC, RTR_MAC), NMS_IP, MODELS_REMOTE, 40200)
    return pcap_of(c)


# ---------------------------------------------------------------------------
# TLS certificates and JA4 (RFC 5246 TLS 1.2 handshakes; the certificates are the DER files of
# tests/unit/data/tls/, made once with OpenSSL, see its README).

TLS_CERT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "data",
                            "tls")


def tls_der(name):
    with open(os.path.join(TLS_CERT_DIR, name), "rb") as f:
        return f.read()


def tls_u24(n):
    return struct.pack("!I", n)[1:]


def tls_hs(htype, body):
    return bytes([htype]) + tls_u24(len(body)) + body


def tls_records(rtype, data, version=0x0303, size=16384):
    out = b""
    for i in range(0, len(data), size):
        chunk = data[i:i + size]
        out += struct.pack("!BHH", rtype, version, len(chunk)) + chunk
    return out


def tls_ext(t, v):
    return struct.pack("!HH", t, len(v)) + v


def tls_hello_ja4_example(sni, label):
    """A Chrome-like ClientHello with exactly the cipher suites and extensions of the example
    in FoxIO's JA4 specification (in its original order), plus GREASE: its JA4 is the spec's
    t13d1516h2_8daaf6152771_e5627efa2ab1."""
    suites = [0x5A5A, 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8,
              0xC013, 0xC014, 0x009C, 0x009D, 0x002F, 0x0035]
    sn = sni.encode()
    exts = (tls_ext(0x2A2A, b"") +
            tls_ext(0x001B, b"\x02\x00\x02") +
            tls_ext(0x0000, struct.pack("!HBH", len(sn) + 3, 0, len(sn)) + sn) +
            tls_ext(0x0033, struct.pack("!HHH", 41, 0x7A7A, 1) + b"\x00" +
                    struct.pack("!HH", 0x001D, 32) + det_bytes(label + ":ks", 32)) +
            tls_ext(0x0010, b"\x00\x0c\x02h2\x08http/1.1") +
            tls_ext(0x4469, b"\x00\x03\x02h2") +
            tls_ext(0x0017, b"") +
            tls_ext(0x002D, b"\x01\x01") +
            tls_ext(0x000D, struct.pack("!H8H", 16, 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501,
                                        0x0806, 0x0601)) +
            tls_ext(0x0005, b"\x01\x00\x00\x00\x00") +
            tls_ext(0x0023, b"") +
            tls_ext(0x0012, b"") +
            tls_ext(0x002B, b"\x06\x3a\x3a\x03\x04\x03\x03") +
            tls_ext(0xFF01, b"\x00") +
            tls_ext(0x000B, b"\x01\x00") +
            tls_ext(0x000A, struct.pack("!H4H", 8, 0x7A7A, 0x001D, 0x0017, 0x0018)) +
            tls_ext(0x1A1A, b"\x00"))
    exts += tls_ext(0x0015, bytes(max(0, 512 - 4 - len(exts) - 120)))
    body = (b"\x03\x03" + det_bytes(label + ":cr", 32) + b"\x20" + det_bytes(label + ":sid", 32) +
            struct.pack("!H", 2 * len(suites)) + b"".join(struct.pack("!H", c) for c in suites) +
            b"\x01\x00" + struct.pack("!H", len(exts)) + exts)
    return tls_records(22, tls_hs(1, body), version=0x0301)


def tls_hello_diameter(label):
    """A TLS 1.2-only ClientHello of a Diameter peer (no SNI, no ALPN). JA4, by hand:
    t12i0607 + 00; ciphers sorted 009e,009f,c02b,c02c,c02f,c030; extensions sorted
    000a,000b,000d,0016,0017,ff01 then the signature algorithms 0401,0501,0601,0403,0503."""
    suites = [0xC02F, 0xC030, 0xC02B, 0xC02C, 0x009E, 0x009F]
    exts = (tls_ext(0xFF01, b"\x00") +
            tls_ext(0x000B, b"\x01\x00") +
            tls_ext(0x000A, struct.pack("!H3H", 6, 0x0017, 0x0018, 0x0019)) +
            tls_ext(0x0016, b"") +
            tls_ext(0x0017, b"") +
            tls_ext(0x000D, struct.pack("!H5H", 10, 0x0401, 0x0501, 0x0601, 0x0403, 0x0503)))
    body = (b"\x03\x03" + det_bytes(label + ":cr", 32) + b"\x00" +
            struct.pack("!H", 2 * len(suites)) + b"".join(struct.pack("!H", c) for c in suites) +
            b"\x01\x00" + struct.pack("!H", len(exts)) + exts)
    return tls_records(22, tls_hs(1, body))


def tls12_server_flight(label, suite, certs, sig_alg, sig_len):
    """ServerHello, Certificate (certs: the server's own first), ServerKeyExchange (ECDHE on
    secp256r1; the signature is random bytes of the key's size), ServerHelloDone: one
    handshake record."""
    exts = tls_ext(0xFF01, b"\x00") + tls_ext(0x0017, b"") + tls_ext(0x000B, b"\x01\x00")
    sh = (b"\x03\x03" + det_bytes(label + ":sr", 32) + b"\x20" + det_bytes(label + ":ssid", 32) +
          struct.pack("!HB", suite, 0) + struct.pack("!H", len(exts)) + exts)
    lst = b"".join(tls_u24(len(c)) + c for c in certs)
    ske = (b"\x03\x00\x17\x41\x04" + det_bytes(label + ":ecdhe", 64) +
           struct.pack("!HH", sig_alg, sig_len) + det_bytes(label + ":sig", sig_len))
    hs = (tls_hs(2, sh) + tls_hs(11, tls_u24(len(lst)) + lst) + tls_hs(12, ske) +
          tls_hs(14, b""))
    return tls_records(22, hs)


def tls12_finish(conn, label, request, response):
    """ClientKeyExchange, ChangeCipherSpec and encrypted Finished both ways, then one
    encrypted request and response (application data records)."""
    cke = tls_hs(16, b"\x41\x04" + det_bytes(label + ":cke", 64))
    conn.send(True, tls_records(22, cke) + b"\x14\x03\x03\x00\x01\x01" +
              tls_records(22, det_bytes(label + ":cfin", 40)))
    conn.send(False, b"\x14\x03\x03\x00\x01\x01" + tls_records(22, det_bytes(label + ":sfin", 40)))
    conn.send(True, tls_appdata(label + ":req", request))
    conn.send(False, tls_appdata(label + ":resp", response))


TLS_CLIENT_MAC, TLS_CLIENT_IP = NMS_MAC, NMS_IP
DIAM_MAC, DIAM_IP = "f8:bc:12:3d:10:60", "10.1.0.60"
TLS_HW_IP, TLS_HIK_IP, TLS_ZTE_IP = "10.20.0.11", "10.20.0.31", "10.30.0.15"


@capture("tls_devices.pcap")
def cap_tls_devices():
    c = Cap(T0)
    c.add(arp_request_frame(NMS_MAC, NMS_IP, RTR_IP))
    c.add(arp_reply_frame(RTR_MAC, RTR_IP, NMS_MAC, NMS_IP), 600)
    l2 = L2(NMS_MAC, RTR_MAC)
    # Huawei router's web interface; the path clamps the MSS to 1200, so its certificate
    # (1279 bytes after the 49-byte ServerHello) spans the first two server segments.
    t = TcpConn(c, l2, NMS_IP, TLS_HW_IP, 52001, 443, ttl_b=63)
    t.mss = 1200
    t.open(200_000)
    t.send(True, tls_hello_ja4_example("ar-11.branch.example.net", "tls:hw"))
    t.send(False, tls12_server_flight("tls:hw", 0xC02F,
                                      [tls_der("huawei_device.der"),
                                       tls_der("huawei_equipment_ca.der")], 0x0401, 512),
           ack=True)
    tls12_finish(t, "tls:hw", 420, 2900)
    t.close()
    # Hikvision recorder: its self-signed ECDSA certificate.
    t = TcpConn(c, l2, NMS_IP, TLS_HIK_IP, 52002, 443, ttl_b=63).open(300_000)
    t.send(True, tls_hello_ja4_example("nvr-31.cctv.example.net", "tls:hik"))
    t.send(False, tls12_server_flight("tls:hik", 0xC02B, [tls_der("hikvision.der")], 0x0403, 71))
    tls12_finish(t, "tls:hik", 380, 1200)
    t.close()
    # Diameter over TLS (RFC 6733, port 5868): a local peer connects to ZTE's edge agent,
    # which answers with its certificate; CER/CEA then travel encrypted.
    c.add(arp_request_frame(DIAM_MAC, DIAM_IP, RTR_IP), 300_000)
    c.add(arp_reply_frame(RTR_MAC, RTR_IP, DIAM_MAC, DIAM_IP), 600)
    ld = L2(DIAM_MAC, RTR_MAC)
    t = TcpConn(c, ld, DIAM_IP, TLS_ZTE_IP, 40868, 5868, ttl_b=63).open(200_000)
    t.send(True, tls_hello_diameter("tls:zte"))
    t.send(False, tls12_server_flight("tls:zte", 0xC02B, [tls_der("zte_diameter.der")], 0x0403,
                                      71))
    tls12_finish(t, "tls:zte", 180, 160)
    t.close()
    return pcap_of(c)


LAPTOP_MAC, LAPTOP_IP = "14:18:77:4e:20:64", "10.2.0.100"
BN_CISCO_MAC, BN_CISCO_IP = "c8:4c:75:6e:a0:07", "10.2.0.7"
BN_OLT_MAC, BN_OLT_IP = "2c:26:c5:d0:01:20", "10.2.0.20"
BN_HW_MAC, BN_HW_IP = "70:7b:e8:5a:30:00", "10.2.0.12"
BN_HIK_MAC, BN_HIK_IP = "4c:bd:8f:62:19:a4", "10.2.0.31"
BN_DAHUA_MAC, BN_DAHUA_IP = "3c:ef:8c:0a:77:12", "10.2.0.32"
BN_PBX_MAC, BN_PBX_IP = "f8:bc:12:3d:05:05", "10.2.0.5"
BN_YEA_MAC, BN_YEA_IP = "80:5e:c0:3b:9a:51", "10.2.0.41"
BN_POLY_MAC, BN_POLY_IP = "64:16:7f:1a:2b:52", "10.2.0.42"
PBX_SERVER = "Asterisk PBX 18.20.0"


def hik_401(nonce):
    return http_response("401 Unauthorized", [
        ("Date", "Fri, 01 Mar 2024 12:00:05 GMT"), ("Server", HIK_SERVER),
        ("Content-Type", "text/html"), ("Connection", "close"),
        ("WWW-Authenticate", HIK_REALM % nonce)],
        b"<!DOCTYPE html><html><head><title>Document Error: Unauthorized</title></head><body>"
        b"<h2>Access Error: 401 -- Unauthorized</h2><p>Authentication Error</p></body></html>\n")


def dahua_401(nonce, opaque):
    return http_response("401 Unauthorized", [
        ("Server", DAHUA_SERVER), ("WWW-Authenticate", DAHUA_REALM % (nonce, opaque)),
        ("Content-Type", "text/html"), ("Connection", "close")], b"")


def sip_register(ua_ip, ua_port, user, pbx_ip, transport, cseq, ua, tag, callid, auth=None):
    branch = det_bytes("br" + tag + str(cseq), 5).hex()
    via = "SIP/2.0/%s %s:%d;branch=z9hG4bK%s;rport" % (transport, ua_ip, ua_port, branch)
    h = [("Via", via), ("From", '"%s" <sip:%s@%s>;tag=%s' % (user, user, pbx_ip, tag)),
         ("To", '"%s" <sip:%s@%s>' % (user, user, pbx_ip)), ("Call-ID", callid),
         ("CSeq", "%d REGISTER" % cseq),
         ("Contact", "<sip:%s@%s:%d;transport=%s>" % (user, ua_ip, ua_port, transport.lower())),
         ("Max-Forwards", "70"), ("User-Agent", ua), ("Expires", "3600"),
         ("Allow", "INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, OPTIONS, INFO, SUBSCRIBE, UPDATE")]
    if auth:
        h.append(("Authorization", auth))
    return sip_message("REGISTER sip:%s SIP/2.0" % pbx_ip, h)


def sip_reply(status, req_headers, server, extra=()):
    h = list(req_headers) + [("Server", server)] + list(extra)
    return sip_message("SIP/2.0 " + status, h)


def sip_exchange_headers(ua_ip, ua_port, user, pbx_ip, transport, cseq, tag, callid):
    via = "SIP/2.0/%s %s:%d;branch=z9hG4bK%s;rport=%d;received=%s" % (
        transport, ua_ip, ua_port, det_bytes("br" + tag + str(cseq), 5).hex(), ua_port, ua_ip)
    return [("Via", via), ("From", '"%s" <sip:%s@%s>;tag=%s' % (user, user, pbx_ip, tag)),
            ("To", '"%s" <sip:%s@%s>;tag=as%s' % (user, user, pbx_ip,
                                                  det_bytes("to" + tag, 4).hex())),
            ("Call-ID", callid), ("CSeq", "%d REGISTER" % cseq)]


@capture("banners.pcap")
def cap_banners():
    c = Cap(T0)
    # SSH: the laptop (PuTTY) to a Cisco 2960X.
    l2 = L2(LAPTOP_MAC, BN_CISCO_MAC)
    t = TcpConn(c, l2, LAPTOP_IP, BN_CISCO_IP, 50022, 22, ttl_b=255).open()
    t.send(False, (CISCO_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-PuTTY_Release_0.81\r\n")
    t.close()
    # Telnet: a ZTE C300 OLT negotiates options (IAC), then prints its login banner.
    l2 = L2(LAPTOP_MAC, BN_OLT_MAC)
    t = TcpConn(c, l2, LAPTOP_IP, BN_OLT_IP, 50023, 23, ttl_b=255).open(500_000)
    t.send(False, b"\xff\xfb\x01\xff\xfb\x03\xff\xfd\x18\xff\xfd\x1f")  # WILL ECHO, WILL SGA,
    #                                                                  DO TTYPE, DO NAWS
    t.send(True, b"\xff\xfd\x01\xff\xfd\x03\xff\xfb\x18\xff\xfb\x1f"
                 b"\xff\xfa\x1f\x00\x78\x00\x1e\xff\xf0")  # DO..., WILL..., NAWS 120x30
    t.send(False, ZTE_C300_TELNET.encode())
    t.close(from_a=True)
    # FTP: a Huawei S5735 greets with VRP's 220 line.
    l2 = L2(LAPTOP_MAC, BN_HW_MAC)
    t = TcpConn(c, l2, LAPTOP_IP, BN_HW_IP, 50021, 21, ttl_b=255).open(500_000)
    t.send(False, (HW_FTP + "\r\n").encode())
    t.send(True, b"USER admin\r\n")
    t.send(False, b"331 Password required for admin.\r\n")
    t.send(True, b"QUIT\r\n")
    t.send(False, b"221 Server closing.\r\n")
    t.close(from_a=False)
    # HTTP: a Hikvision camera and a Dahua NVR answer 401 with Server and WWW-Authenticate.
    l2 = L2(LAPTOP_MAC, BN_HIK_MAC)
    t = TcpConn(c, l2, LAPTOP_IP, BN_HIK_IP, 50080, 80).open(500_000)
    t.send(True, http_request("GET", "/ISAPI/System/deviceInfo", BN_HIK_IP, [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"),
        ("Accept", "*/*")]))
    t.send(False, hik_401(det_bytes("hiknonce", 16).hex()))
    t.close(from_a=False)
    l2 = L2(LAPTOP_MAC, BN_DAHUA_MAC)
    t = TcpConn(c, l2, LAPTOP_IP, BN_DAHUA_IP, 50081, 80).open(500_000)
    t.send(True, http_request("GET", "/cgi-bin/magicBox.cgi?action=getDeviceType", BN_DAHUA_IP, [
        ("User-Agent", "curl/8.5.0"), ("Accept", "*/*")]))
    t.send(False, dahua_401(det_bytes("dhnonce", 16).hex(), det_bytes("dhopaque", 8).hex()))
    t.close(from_a=False)
    # SIP over UDP: a Yealink phone registers; Asterisk challenges then accepts.
    l2 = L2(BN_YEA_MAC, BN_PBX_MAC)
    callid = det_bytes("yea-callid", 8).hex() + "@" + BN_YEA_IP
    c.add(udp_frame(l2, True, BN_YEA_IP, BN_PBX_IP, 5062, 5060, sip_register(
        BN_YEA_IP, 5062, "2041", BN_PBX_IP, "UDP", 1, YEALINK_UA, "1850632784", callid)), 500_000)
    h = sip_exchange_headers(BN_YEA_IP, 5062, "2041", BN_PBX_IP, "UDP", 1, "1850632784", callid)
    c.add(udp_frame(l2, False, BN_PBX_IP, BN_YEA_IP, 5060, 5062, sip_reply(
        "401 Unauthorized", h, PBX_SERVER,
        [("WWW-Authenticate", 'Digest algorithm=MD5, realm="asterisk", nonce="%s"' %
          det_bytes("sipnonce", 4).hex())])), 1_500)
    # SIP over TCP: a Polycom VVX 411 registers.
    l2 = L2(BN_POLY_MAC, BN_PBX_MAC)
    t = TcpConn(c, l2, BN_POLY_IP, BN_PBX_IP, 5060 + 1000, 5060).open(300_000)
    callid = det_bytes("poly-callid", 8).hex() + "@" + BN_POLY_IP
    t.send(True, sip_register(BN_POLY_IP, 6060, "2042", BN_PBX_IP, "TCP", 1, POLYCOM_UA,
                              "A91B4C7D-2E1F", callid), ack=False)
    h = sip_exchange_headers(BN_POLY_IP, 6060, "2042", BN_PBX_IP, "TCP", 1, "A91B4C7D-2E1F",
                             callid)
    t.send(False, sip_reply("200 OK", h, PBX_SERVER,
                            [("Contact", "<sip:2042@%s:6060;transport=tcp>;expires=3600" %
                              BN_POLY_IP), ("Date", "Fri, 01 Mar 2024 12:00:09 GMT")]))
    t.close()
    return pcap_of(c)


ONT_MAC = "d0:15:4a:7c:31:e9"
BNG_MAC, BNG_IP = "00:1b:54:c2:99:01", "100.64.0.1"
ONT_IP = "100.64.12.34"
ACS_IP = "198.51.100.10"
ONT_SERIAL = "ZTEGC8A1B2C3"


def dhcp_ont_opts(mtype, xid_extra=()):
    return [(53, bytes([mtype])), (61, b"\x01" + mac(ONT_MAC)), (12, b"ZXHN-F670L"),
            (60, b"ZTE F670L"),
            (125, dhcp_vivso(3561, [(1, b"D0154A"), (2, ONT_SERIAL.encode()), (3, b"F670L")])),
            (55, bytes([1, 3, 6, 15, 28, 42, 43, 51, 54, 58, 59, 120, 125]))] + list(xid_extra)


def dhcp_exchange(c, l2, xid, client_mac, client_ip, server_ip, opts_fn, lease=86400, dt=0):
    disc = dhcp_msg(1, xid, client_mac, opts_fn(1), flags=0x8000)
    c.add(udp_frame(l2, True, "0.0.0.0", "255.255.255.255", 68, 67, disc), dt)
    srv = [(54, ip4(server_ip)), (51, struct.pack("!I", lease)), (1, ip4("255.255.0.0")),
           (3, ip4(server_ip)), (6, ip4("192.0.2.53") + ip4("192.0.2.54"))]
    offer = dhcp_msg(2, xid, client_mac, [(53, b"\x02")] + srv, yiaddr=client_ip,
                     siaddr=server_ip, flags=0x8000)
    c.add(udp_frame(l2, False, server_ip, "255.255.255.255", 67, 68, offer), 3_000)
    req = dhcp_msg(1, xid, client_mac, opts_fn(3, [(50, ip4(client_ip)), (54, ip4(server_ip))]),
                   flags=0x8000)
    c.add(udp_frame(l2, True, "0.0.0.0", "255.255.255.255", 68, 67, req), 1_000)
    ack = dhcp_msg(2, xid, client_mac, [(53, b"\x05")] + srv, yiaddr=client_ip, siaddr=server_ip,
                   flags=0x8000)
    c.add(udp_frame(l2, False, server_ip, "255.255.255.255", 67, 68, ack), 2_500)


IGD = "InternetGatewayDevice."


def ont_cwmp(c, l2, ont_ip, acs_ip, ext_ip, sport, now, dt_us, periodic_now=None):
    """The ONT's CWMP session: a BOOT Inform that fits one TCP segment, the
    ACS's InformResponse, the empty POST, 204. With periodic_now, a later PERIODIC Inform
    with the full parameter list, large enough to span two TCP segments."""
    t = TcpConn(c, l2, ont_ip, acs_ip, sport, 80, ttl_b=60).open(dt_us)
    conn_url = "http://%s:7547/%s" % (ext_ip, det_bytes("crpath", 5).hex())
    body = cwmp_inform("ZTE", "D0154A", "F670L", ONT_SERIAL, ["1 BOOT"], now, [
        (IGD + "DeviceInfo.SoftwareVersion", ZTE_ONT_SW),
        (IGD + "DeviceInfo.HardwareVersion", ZTE_ONT_HW)])
    hdrs = [("User-Agent", "ZTE TR069 Client"), ("SOAPAction", ""),
            ("Content-Type", 'text/xml; charset="utf-8"')]
    req = http_request("POST", "/ACS/", "acs.isp.example.net", hdrs, body)
    assert len(req) <= TcpConn.MSS, len(req)
    t.send(True, req)
    cookie = "session=%s" % det_bytes("acs-session", 8).hex()
    t.send(False, http_response("200 OK", [
        ("Server", "GenieACS/1.2.9"), ("Content-Type", 'text/xml; charset="utf-8"'),
        ("SOAPServer", "GenieACS/1.2.9"), ("Set-Cookie", cookie + "; Path=/")],
        cwmp_inform_response("1")))
    t.send(True, http_request("POST", "/ACS/", "acs.isp.example.net", [
        ("User-Agent", "ZTE TR069 Client"), ("Cookie", cookie)]))
    t.send(False, b"HTTP/1.1 204 No Content\r\nServer: GenieACS/1.2.9\r\n\r\n")
    if periodic_now:
        body = cwmp_inform("ZTE", "D0154A", "F670L", ONT_SERIAL, ["2 PERIODIC"], periodic_now, [
            (IGD + "DeviceSummary",
             "InternetGatewayDevice:1.4[](Baseline:2, EthernetLAN:1, WiFiLAN:2, Time:1, "
             "IPPing:1, DeviceAssociation:1)"),
            (IGD + "DeviceInfo.SpecVersion", "1.0"),
            (IGD + "DeviceInfo.HardwareVersion", ZTE_ONT_HW),
            (IGD + "DeviceInfo.SoftwareVersion", ZTE_ONT_SW),
            (IGD + "DeviceInfo.ProvisioningCode", ""),
            (IGD + "ManagementServer.ConnectionRequestURL", conn_url),
            (IGD + "ManagementServer.ParameterKey", ""),
            (IGD + "WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress",
             ext_ip),
            (IGD + "LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceIPAddress",
             "192.168.1.1")], cwmp_id="2")
        req = http_request("POST", "/ACS/", "acs.isp.example.net", hdrs + [("Cookie", cookie)],
                           body)
        assert len(req) > TcpConn.MSS, len(req)
        t.send(True, req, dt_us=60_000_000)
        t.send(False, http_response("200 OK", [
            ("Server", "GenieACS/1.2.9"), ("Content-Type", 'text/xml; charset="utf-8"')],
            cwmp_inform_response("2")))
    t.close()


@capture("zte_cpe.pcap")
def cap_zte_cpe():
    c = Cap(T0)
    l2 = L2(ONT_MAC, BNG_MAC)
    dhcp_exchange(c, BcastL2(ONT_MAC, BNG_MAC), 0x5A17C0DE, ONT_MAC, ONT_IP, BNG_IP, dhcp_ont_opts)
    c.add(arp_request_frame(ONT_MAC, ONT_IP, BNG_IP), 400_000)
    c.add(arp_reply_frame(BNG_MAC, BNG_IP, ONT_MAC, ONT_IP), 700)
    ont_cwmp(c, l2, ONT_IP, ACS_IP, ONT_IP, 49801, "2024-03-01T12:00:02+00:00", 600_000,
             periodic_now="2024-03-01T12:01:02+00:00")
    return pcap_of(c)


# ----- SSDP and UPnP on a subscriber LAN -----------------------------------------

SSDP_GROUP, SSDP_GROUP_MAC = "239.255.255.250", "01:00:5e:7f:ff:fa"
HS_HW_MAC, HS_HW_IP = "48:8e:ef:3a:51:0c", "192.168.1.1"  # Huawei HG8245H ONT
HS_ZTE_MAC, HS_ZTE_IP = "34:4b:50:9e:21:77", "192.168.1.254"  # ZTE ZXHN F660
HS_TPL_MAC, HS_TPL_IP = "50:c7:bf:12:6a:40", "192.168.1.2"  # TP-Link router (AP mode)
HS_PC_MAC, HS_PC_IP = "8c:8d:28:41:0e:b5", "192.168.1.100"  # a laptop searching
HS_HW_SERVER = "Linux UPnP/1.0 Huawei-ATP-IGD"
HS_ZTE_SERVER = "Linux/2.6.30.9, UPnP/1.0, Portable SDK for UPnP devices/1.6.6"
HS_TPL_SERVER = "Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP devices/1.6.19"
HS_PC_UA = "Google Chrome/58.0.3029.110 Windows"
HS_HW_UUID = "00e0fc37-2525-2828-2500-488eef3a510c"
HS_HW_LOCATION = "http://%s:37215/upnpdev.xml" % HS_HW_IP


def ssdp_message(start, headers):
    """An SSDP message (UPnP Device Architecture 2.0 s1): start line, headers, blank line."""
    return (start + "\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n").encode()


def ssdp_notify(location, server, uuid, nt, start="NOTIFY * HTTP/1.1"):
    usn = "uuid:%s::%s" % (uuid, nt) if nt != "uuid:" + uuid else nt
    return ssdp_message(start, [
        ("HOST", "%s:1900" % SSDP_GROUP), ("CACHE-CONTROL", "max-age=1800"),
        ("LOCATION", location), ("NT", nt), ("NTS", "ssdp:alive"), ("SERVER", server),
        ("USN", usn)])


def ssdp_response(location, server, uuid, st):
    return ssdp_message("HTTP/1.1 200 OK", [
        ("CACHE-CONTROL", "max-age=1800"), ("DATE", "Fri, 01 Mar 2024 12:00:03 GMT"),
        ("EXT", ""), ("LOCATION", location), ("SERVER", server), ("ST", st),
        ("USN", "uuid:%s::%s" % (uuid, st))])


def upnp_description(dev, embedded=()):
    """A root device description (UPnP Device Architecture 2.0 s2.3), fields in spec order."""
    def fields(d):
        return "".join("<%s>%s</%s>\r\n" % (k, v, k) for k, v in d)
    sub = "".join("<device>\r\n%s</device>\r\n" % fields(e) for e in embedded)
    return ('<?xml version="1.0"?>\r\n<root xmlns="urn:schemas-upnp-org:device-1-0">\r\n'
            "<specVersion><major>1</major><minor>0</minor></specVersion>\r\n<device>\r\n"
            + fields(dev) + ("<deviceList>\r\n%s</deviceList>\r\n" % sub if sub else "")
            + "</device>\r\n</root>\r\n").encode()


HS_HW_DESCRIPTION = upnp_description([
    ("deviceType", "urn:schemas-upnp-org:device:InternetGatewayDevice:1"),
    ("friendlyName", "HG8245H"), ("manufacturer", "Huawei Technologies Co., Ltd."),
    ("manufacturerURL", "http://www.huawei.com"), ("modelDescription", "Huawei Home Gateway"),
    ("modelName", "HG8245H"), ("modelNumber", "Huawei Model"),
    ("serialNumber", "48575443A1B2C3D4"), ("UDN", "uuid:" + HS_HW_UUID)], [[
        ("deviceType", "urn:schemas-upnp-org:device:WANDevice:1"),
        ("friendlyName", "WANDevice"), ("manufacturer", "Huawei Technologies Co., Ltd."),
        ("modelName", "IGD"), ("UDN", "uuid:" + HS_HW_UUID[:-4] + "0001")]])


@capture("home_ssdp.pcap")
def cap_home_ssdp():
    c = Cap(T0)
    hw_uuid = HS_HW_UUID
    zte_uuid = "a1f3b2c4-1dd1-11b2-9e3c-344b509e2177"
    tpl_uuid = "9f0865b3-f5da-4ad5-85b7-50c7bf126a40"
    zte_loc = "http://%s:52869/gatedesc.xml" % HS_ZTE_IP
    tpl_loc = "http://%s:1900/gatedesc.xml" % HS_TPL_IP
    # Announcements go to the SSDP group with a TTL of 4 (UDA 1.0; 2.0 says 2): they never
    # leave the LAN, so a low TTL here says nothing about routers. The Huawei ONT's start
    # line ends in a blank before CR LF, as its firmware writes it.
    for (m, ip, loc, srv, uuid, start) in (
            (HS_HW_MAC, HS_HW_IP, HS_HW_LOCATION, HS_HW_SERVER, hw_uuid, "NOTIFY * HTTP/1.1 "),
            (HS_ZTE_MAC, HS_ZTE_IP, zte_loc, HS_ZTE_SERVER, zte_uuid, "NOTIFY * HTTP/1.1"),
            (HS_TPL_MAC, HS_TPL_IP, tpl_loc, HS_TPL_SERVER, tpl_uuid, "NOTIFY * HTTP/1.1")):
        l2 = L2(m, SSDP_GROUP_MAC)
        for nt in ("upnp:rootdevice", "uuid:" + uuid,
                   "urn:schemas-upnp-org:device:InternetGatewayDevice:1"):
            c.add(udp_frame(l2, True, ip, SSDP_GROUP, 1900, 1900,
                            ssdp_notify(loc, srv, uuid, nt, start), ttl=4), 40_000)
    # The laptop searches for root devices (Chrome's SSDP client names itself); each
    # gateway answers by unicast from port 1900 to the searcher's port.
    c.add(udp_frame(L2(HS_PC_MAC, SSDP_GROUP_MAC), True, HS_PC_IP, SSDP_GROUP, 50123, 1900,
                    ssdp_message("M-SEARCH * HTTP/1.1", [
                        ("HOST", "%s:1900" % SSDP_GROUP), ("MAN", '"ssdp:discover"'),
                        ("MX", "1"), ("ST", "upnp:rootdevice"), ("USER-AGENT", HS_PC_UA)]),
                    ttl=4), 2_000_000)
    for i, (m, ip, loc, srv, uuid) in enumerate((
            (HS_HW_MAC, HS_HW_IP, HS_HW_LOCATION, HS_HW_SERVER, hw_uuid),
            (HS_ZTE_MAC, HS_ZTE_IP, zte_loc, HS_ZTE_SERVER, zte_uuid),
            (HS_TPL_MAC, HS_TPL_IP, tpl_loc, HS_TPL_SERVER, tpl_uuid))):
        c.add(udp_frame(L2(HS_PC_MAC, m), False, ip, HS_PC_IP, 1900, 50123,
                        ssdp_response(loc, srv, uuid, "upnp:rootdevice")), 120_000 + 50_000 * i)
    # The laptop fetches the Huawei ONT's description: one segment of text/xml.
    t = TcpConn(c, L2(HS_PC_MAC, HS_HW_MAC), HS_PC_IP, HS_HW_IP, 50124, 37215).open(300_000)
    t.send(True, http_request("GET", "/upnpdev.xml", "%s:37215" % HS_HW_IP, [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                       "(KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36"),
        ("Accept", "*/*")]))
    resp = http_response("200 OK", [
        ("Content-Type", 'text/xml; charset="utf-8"'), ("Server", HS_HW_SERVER),
        ("Connection", "close")], HS_HW_DESCRIPTION)
    assert len(resp) <= t.mss, len(resp)
    t.send(False, resp)
    t.close(from_a=False)
    return pcap_of(c)


KEA_MAC = "f8:bc:12:3d:06:06"
PHONE_MAC = "00:1b:54:ee:88:45"


@capture("dhcpv6.pcap")
def cap_dhcpv6():
    c = Cap(T0)
    ont_ll = "fe80::d215:4aff:fe7c:31e9"
    kea_ll = "fe80::fabc:12ff:fe3d:606"
    l2 = L2(ONT_MAC, "33:33:00:01:00:02")
    sol = dhcp6_msg(1, 0x3C9A01, [
        (1, duid_ll(ONT_MAC)), (6, struct.pack("!HHH", 23, 24, 17)), (8, b"\x00\x00"),
        (25, struct.pack("!III", 1, 0, 0)),  # IA_PD
        (16, dhcp6_vendor_class(3902, "ZTE F670L")),
        (17, struct.pack("!I", 3902) + struct.pack("!HH", 1, 5) + b"F670L")])
    c.add(udp_frame(l2, True, ont_ll, "ff02::1:2", 546, 547, sol))
    sol2 = dhcp6_msg(1, 0x77E1F0, [
        (1, duid_ll(PHONE_MAC)), (3, struct.pack("!III", 0x0EE88045, 0, 0)),
        (6, struct.pack("!HH", 23, 24)), (8, b"\x00\x00"),
        (16, dhcp6_vendor_class(9, "Cisco Systems, Inc. IP Phone CP-8845"))])
    c.add(udp_frame(L2(PHONE_MAC, "33:33:00:01:00:02"), True, "fe80::21b:54ff:feee:8845",
                    "ff02::1:2", 546, 547, sol2), 800_000)
    adv = dhcp6_msg(2, 0x3C9A01, [
        (1, duid_ll(ONT_MAC)), (2, struct.pack("!HHI", 1, 1, 0x2D6A1F00) + mac(KEA_MAC)),
        (25, struct.pack("!III", 1, 1800, 2880) + dhcp6_opt(
            26, struct.pack("!IIB", 3600, 7200, 56) + ip6("2001:db8:4400:1200::")))])
    c.add(udp_frame(L2(KEA_MAC, ONT_MAC), True, kea_ll, ont_ll, 547, 546, adv), 4_000)
    return pcap_of(c)


# ----- link types -------------------------------------------------------------

EB_HOST_MAC, EB_HOST4, EB_HOST6 = "14:18:77:4e:30:10", "10.3.0.10", "2001:db8:3::10"
EB_SW_MAC, EB_SW4 = "00:e0:fc:5c:b3:02", "10.3.0.2"
EB_CAM_MAC, EB_CAM4, EB_CAM6 = "4c:bd:8f:62:20:31", "10.3.0.31", "2001:db8:3::31"
EB_DNS_MAC, EB_DNS4, EB_DNS6 = "a0:36:9f:11:22:53", "10.3.0.53", "2001:db8:3::53"


@capture("eth_basic.pcap")
def cap_eth_basic():
    c = Cap(T0)
    # ARP: the host resolves the Huawei switch.
    c.add(arp_request_frame(EB_HOST_MAC, EB_HOST4, EB_SW4))
    c.add(arp_reply_frame(EB_SW_MAC, EB_SW4, EB_HOST_MAC, EB_HOST4), 900)
    # IPv4 UDP: DNS A query and answer.
    l2 = L2(EB_HOST_MAC, EB_DNS_MAC)
    c.add(udp_frame(l2, True, EB_HOST4, EB_DNS4, 53001, 53, dns_query(0x1A2B, "cam31.lab.example")),
          100_000)
    c.add(udp_frame(l2, False, EB_DNS4, EB_HOST4, 53, 53001, dns_response(
        0x1A2B, "cam31.lab.example", 1, [EB_CAM4])), 700)
    # IPv4 TCP: SSH banner of the Huawei switch.
    t = TcpConn(c, L2(EB_HOST_MAC, EB_SW_MAC), EB_HOST4, EB_SW4, 50122, 22, ttl_b=255).open(200_000)
    t.send(False, (HW_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.6\r\n")
    t.close()
    # IPv6 UDP: DNS AAAA query and answer.
    c.add(udp_frame(l2, True, EB_HOST6, EB_DNS6, 53002, 53, dns_query(0x1A2C, "cam31.lab.example",
                                                                      28)), 200_000)
    c.add(udp_frame(l2, False, EB_DNS6, EB_HOST6, 53, 53002, dns_response(
        0x1A2C, "cam31.lab.example", 28, [EB_CAM6])), 800)
    # IPv6 neighbour discovery for the camera.
    c.add(nd_ns_frame(EB_HOST_MAC, EB_HOST6, EB_CAM6), 100_000)
    c.add(nd_na_frame(EB_CAM_MAC, EB_CAM6, EB_HOST_MAC, EB_HOST6), 400)
    # IPv6 TCP: HTTP to the Hikvision camera.
    t = TcpConn(c, L2(EB_HOST_MAC, EB_CAM_MAC), EB_HOST6, EB_CAM6, 50180, 80).open(1_000)
    t.send(True, http_request("GET", "/", "[%s]" % EB_CAM6, [("User-Agent", "curl/8.5.0"),
                                                             ("Accept", "*/*")]))
    t.send(False, hik_401(det_bytes("hiknonce-eb", 16).hex()))
    t.close(from_a=False)
    return pcap_of(c)


@capture("eth_nsec_be.pcap")
def cap_eth_nsec_be():
    """Big-endian pcap with nanosecond timestamps (magic a1b23c4d written big-endian)."""
    c = Cap(T0)
    c.at(T0 * 10**9 + 123_456_789, arp_request_frame(EB_HOST_MAC, EB_HOST4, EB_SW4))
    c.at(T0 * 10**9 + 123_457_001, arp_reply_frame(EB_SW_MAC, EB_SW4, EB_HOST_MAC, EB_HOST4))
    c.at((T0 + 1) * 10**9 + 999_999_999, lldp_ce6851())
    return pcap_of(c, nsec=True, big_endian=True)


SLL_HOST_MAC = "14:18:77:4e:40:10"


def sll_frames(c, hdr):
    """Frames as seen on a Linux host (10.4.0.10) with `tcpdump -i any`; hdr(pkttype,
    addr_mac, proto, payload) builds the cooked header."""
    host, sw, zte_mac = "10.4.0.10", "10.4.0.2", ZTE5960_MAC
    req = snmp_msg(1, COMMUNITY, snmp_pdu(GET, 0x0C01, [vb(SYSDESCR), vb(SYSOBJECTID),
                                                        vb(SYSNAME)]))
    c.add(hdr(4, SLL_HOST_MAC, 0x0800, ipv4(host, sw, 17, udp(host, sw, 40001, 161, req))))
    resp = snmp_msg(1, COMMUNITY, snmp_pdu(RESPONSE, 0x0C01, [
        vb(SYSDESCR, ber_oct(HW_S5735_DESC)), vb(SYSOBJECTID, ber_oid(HW_S5735_OID)),
        vb(SYSNAME, ber_oct("sll-hw-02"))]))
    c.add(hdr(0, "70:7b:e8:5a:40:02", 0x0800, ipv4(sw, host, 17, udp(sw, host, 161, 40001, resp),
                                                   ttl=255)), 2_000)
    lldp = lldp_zte5960()[14:]
    c.add(hdr(2, zte_mac, 0x88CC, lldp), 500_000)
    cdp = cdp_2960x()[14:]
    c.add(hdr(2, CISCO2960_PORT_MAC, 0x0004, cdp[:struct.unpack("!H", cdp_2960x()[12:14])[0]]),
          500_000)
    c.add(hdr(1, EX4300B_MAC, 0x0806, arp(1, EX4300B_MAC, "10.4.0.8", "00:00:00:00:00:00",
                                          "10.4.0.10")), 500_000)
    c.add(hdr(4, SLL_HOST_MAC, 0x0806, arp(2, SLL_HOST_MAC, host, EX4300B_MAC, "10.4.0.8")), 300)
    h6, d6 = "2001:db8:4::10", "2001:db8:4::53"
    c.add(hdr(4, SLL_HOST_MAC, 0x86DD, ipv6(h6, d6, 17, udp(h6, d6, 53003, 53, dns_query(
        0x2B3C, "ntp.example.org", 28)))), 500_000)
    c.add(hdr(0, EB_DNS_MAC, 0x86DD, ipv6(d6, h6, 17, udp(d6, h6, 53, 53003, dns_response(
        0x2B3C, "ntp.example.org", 28, ["2001:db8:123::1"])))), 900)


def sll_hdr(pkttype, addr, proto, payload):
    return struct.pack("!HHH", pkttype, 1, 6) + mac(addr) + b"\0\0" + struct.pack("!H", proto) + \
        payload


def sll2_hdr(pkttype, addr, proto, payload):
    return struct.pack("!HHIHBB", proto, 0, 3, 1, pkttype, 6) + mac(addr) + b"\0\0" + payload


@capture("sll.pcap")
def cap_sll():
    c = Cap(T0)
    sll_frames(c, sll_hdr)
    return pcap_of(c, 113)


@capture("sll2.pcap")
def cap_sll2():
    c = Cap(T0)
    sll_frames(c, sll2_hdr)
    return pcap_of(c, 276)


def raw_l2():
    return L2(None, None, wrap=lambda src, dst, et, pkt, tags: pkt)


@capture("raw.pcap")
def cap_raw():
    c = Cap(T0)
    l2 = raw_l2()
    nms, zte = "10.5.0.50", "10.5.0.254"
    c.add(udp_frame(l2, True, nms, zte, 40500, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
        GET, 0x5501, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))))
    c.add(udp_frame(l2, False, zte, nms, 161, 40500, snmp_msg(1, COMMUNITY, snmp_pdu(
        RESPONSE, 0x5501, [vb(SYSDESCR, ber_oct(ZTE_M6000_DESC)),
                           vb(SYSOBJECTID, ber_oid("1.3.6.1.4.1.3902.3.600.3.1.710")),
                           vb(SYSNAME, ber_oct("PE-ZTE-01"))])), ttl=255), 3_100)
    t = TcpConn(c, l2, "2001:db8:5::50", "2001:db8:5::2", 50222, 22, ttl_b=255).open(400_000)
    t.send(False, (HW_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.6\r\n")
    t.close()
    return pcap_of(c, 101)


@capture("rawv4.pcap")
def cap_rawv4():
    c = Cap(T0)
    l2 = raw_l2()
    nms, srx, cam = "10.6.0.50", "10.6.0.13", "10.6.0.31"
    c.add(udp_frame(l2, True, nms, srx, 40600, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
        GET, 0x6601, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))))
    c.add(udp_frame(l2, False, srx, nms, 161, 40600, snmp_msg(1, COMMUNITY, snmp_pdu(
        RESPONSE, 0x6601, sys_group_vbs(JUNIPER_SRX_DESC, JUNIPER_SRX_OID, 4_000_000,
                                        "br-srx-13")[0:2] + [
            vb(SYSNAME, ber_oct("br-srx-13"))]))), 2_000)
    t = TcpConn(c, l2, nms, cam, 50680, 80).open(300_000)
    t.send(True, http_request("GET", "/", cam, [("User-Agent", "curl/8.5.0")]))
    t.send(False, hik_401(det_bytes("hiknonce-raw", 16).hex()))
    t.close(from_a=False)
    return pcap_of(c, 228)


QQ_NMS_MAC = "14:18:77:4e:50:50"
QQ_DAHUA_MAC = "3c:ef:8c:0a:88:03"


@capture("qinq.pcap")
def cap_qinq():
    c = Cap(T0)
    tags = [(0x88A8, 100), (0x8100, 200)]
    l2 = L2(QQ_NMS_MAC, ZTE5960B_MAC, tags=tags)
    nms, zte = "10.7.0.50", "10.7.0.15"
    c.add(udp_frame(l2, True, nms, zte, 40700, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
        GET, 0x7701, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))))
    c.add(udp_frame(l2, False, zte, nms, 161, 40700, snmp_msg(1, COMMUNITY, snmp_pdu(
        RESPONSE, 0x7701, sys_group_vbs(ZTE_5960_DESC, ZTE_5960_OID, 1_000, "qinq-zte-15")[0:2] +
        [vb(SYSNAME, ber_oct("qinq-zte-15"))])), ttl=255), 1_800)
    # Triple tag: S-tag 100, C-tag 200, and an inner 802.1Q tag 300; a Dahua NVR answers ARP.
    t3 = [(0x88A8, 100), (0x8100, 200), (0x8100, 300)]
    c.add(arp_request_frame(QQ_NMS_MAC, "10.7.3.50", "10.7.3.32", tags=t3), 1_000_000)
    c.add(arp_reply_frame(QQ_DAHUA_MAC, "10.7.3.32", QQ_NMS_MAC, "10.7.3.50", tags=t3), 700)
    return pcap_of(c)


VL_NMS_MAC = "14:18:77:4e:60:50"


@capture("vlan.pcap")
def cap_vlan():
    c = Cap(T0)
    # VLAN 10: the NMS polls the Huawei core switch (SNMP v2c).
    l2 = L2(VL_NMS_MAC, CE6851_MAC, tags=dot1q(10))
    c.add(udp_frame(l2, True, "10.10.0.50", "10.10.0.2", 41010, 161, snmp_msg(
        1, COMMUNITY, snmp_pdu(GET, 0x1010, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))))
    c.add(udp_frame(l2, False, "10.10.0.2", "10.10.0.50", 161, 41010, snmp_msg(
        1, COMMUNITY, snmp_pdu(RESPONSE, 0x1010, [
            vb(SYSDESCR, ber_oct(HW_CE6851_DESC)), vb(SYSOBJECTID, ber_oid(HW_CE6851_OID)),
            vb(SYSNAME, ber_oct("core-sw-01"))])), ttl=255), 2_500)
    # VLAN 20: CDP from the Cisco access switch, tagged (802.1Q then an 802.3 length field).
    c.add(cdp_2960x(tags=dot1q(20)), 400_000)
    # VLAN 20: the Yealink phone ARPs for its gateway; priority 5.
    c.add(arp_request_frame(YEALINK_MAC, "10.20.0.41", "10.20.0.1", tags=dot1q(20, 5)), 300_000)
    # Priority-tagged frame (VID 0, PCP 5): the phone's SIP REGISTER to the PBX.
    l2p = L2(YEALINK_MAC, "00:00:5e:00:01:0a", tags=dot1q(0, 5))
    callid = det_bytes("vlan-callid", 8).hex() + "@10.20.0.41"
    c.add(udp_frame(l2p, True, "10.20.0.41", "10.10.0.5", 5062, 5060, sip_register(
        "10.20.0.41", 5062, "2041", "10.10.0.5", "UDP", 1, YEALINK_UA, "3309114511", callid)),
        200_000)
    # Untagged: LLDP from the Huawei core switch on the trunk's native VLAN.
    c.add(lldp_ce6851(), 300_000)
    return pcap_of(c)


# ----- topology: two switches, devices behind them, two audits ----------------
# One sensor on a span of two access ports, one per switch; the mirror keeps the 802.1Q
# tag of each port's VLAN. Switch 1 (Arista leaf, VLAN 10) and switch 2 (H3C access, VLAN
# 20) each announce the one mirrored port by LLDP. Behind switch 1: a Dell server and a
# Polycom phone that speaks LLDP itself; behind switch 2: a DHCP server and the ZTE ONT
# (the risk device). topo_site_later.pcap is the same site audited again: the server
# moved to another address, the phone is gone, a second ZTE ONT has appeared.

TOPO_SW1_MAC, TOPO_SW1_PORT = "28:99:3a:4d:e2:01", "Ethernet12"
TOPO_SW2_MAC, TOPO_SW2_PORT = "3c:8c:40:b1:77:02", "GigabitEthernet1/0/7"
TOPO_SRV_MAC = "14:18:77:4e:61:10"
TOPO_DHCP_MAC = "f8:bc:12:30:20:02"
TOPO_ONT2_MAC, TOPO_ONT2_SERIAL = "d0:15:4a:7c:40:11", "ZTEGC8A9F0E1"


def lldp_topo_switch(src, port, name, desc, ip, vid):
    return lldp_frame(src, [
        lldp_chassis_mac(src), lldp_port_ifname(port), lldp_ttl(120), lldp_portdesc(port),
        lldp_sysname(name), lldp_sysdesc(desc), lldp_caps(CAP_BRIDGE | CAP_ROUTER, CAP_BRIDGE),
        lldp_mgmt(ip, 1), lldp_pvid(vid)], tags=dot1q(vid))


def lldp_topo_polycom(vid):
    return lldp_frame(POLYCOM_MAC, [
        lldp_chassis_mac(POLYCOM_MAC), lldp_port_local("1"), lldp_ttl(120), lldp_portdesc("1"),
        lldp_sysname("vvx411-lobby"),
        lldp_sysdesc("Polycom;VVX-VVX_411;3111-48450-001,1;SIP/5.9.6.2327/20-Jul-20 15:00;"
                     "UP/5.9.6.2327/20-Jul-20 15:00;"),
        lldp_caps(CAP_BRIDGE | CAP_PHONE, CAP_PHONE), lldp_mgmt("10.10.0.42", 1),
        med_caps(0x33, 3), med_policy(1, vid, 5, 46),
        med_inventory("3111-48450-001,1", "5.9.6.2327", "5.9.6.2327", "64167F1A2B3C", "Polycom",
                      "VVX 411", "")], tags=dot1q(vid))


def dhcp_ont2_opts(mtype, xid_extra=()):
    return [(53, bytes([mtype])), (61, b"\x01" + mac(TOPO_ONT2_MAC)), (12, b"ZXHN-F670L"),
            (60, b"ZTE F670L"),
            (125, dhcp_vivso(3561, [(1, b"D0154A"), (2, TOPO_ONT2_SERIAL.encode()),
                                    (3, b"F670L")])),
            (55, bytes([1, 3, 6, 15, 28, 42, 43, 51, 54, 58, 59, 120, 125]))] + list(xid_extra)


def topo_site(later):
    c = Cap(T0)
    sw1 = lldp_topo_switch(TOPO_SW1_MAC, TOPO_SW1_PORT, "leaf-ar-01",
                           "Arista Networks EOS version 4.24.2F running on an Arista Networks "
                           "DCS-7050SX-64", "10.10.0.1", 10)
    sw2 = lldp_topo_switch(TOPO_SW2_MAC, TOPO_SW2_PORT, "bld2-h3c-01",
                           "H3C Comware Platform Software, Software Version 7.1.070, Release "
                           "1311P03\r\nH3C S5560X-54C-EI\r\nCopyright (c) 2004-2020 New H3C "
                           "Technologies Co., Ltd. All rights reserved.", "10.20.0.1", 20)
    c.add(sw1)
    c.add(sw2, 500_000)
    srv_ip = "10.10.0.77" if later else "10.10.0.50"
    c.add(arp_request_frame(TOPO_SRV_MAC, srv_ip, "10.10.0.1", tags=dot1q(10)), 1_000_000)
    if not later:
        c.add(lldp_topo_polycom(10), 1_000_000)
    dhcp_exchange(c, BcastL2(ONT_MAC, TOPO_DHCP_MAC, tags=dot1q(20)), 0x70A0E001, ONT_MAC,
                  "10.20.0.60", "10.20.0.2", dhcp_ont_opts, dt=2_000_000)
    if later:
        dhcp_exchange(c, BcastL2(TOPO_ONT2_MAC, TOPO_DHCP_MAC, tags=dot1q(20)), 0x70A0E002,
                      TOPO_ONT2_MAC, "10.20.0.61", "10.20.0.2", dhcp_ont2_opts, dt=1_000_000)
    c.add(sw1, 30_000_000)
    c.add(sw2, 500_000)
    return pcap_of(c)


@capture("topo_site.pcap")
def cap_topo_site():
    return topo_site(False)


@capture("topo_site_later.pcap")
def cap_topo_site_later():
    return topo_site(True)


# ----- pcapng -----------------------------------------------------------------

MULTI_IF_TIMES = [  # (interface, ns since the epoch) of each EPB, in file order
    (0, T0 * 10**9 + 100_000),           # 12:00:00.000100000 on eth0 (microsecond units)
    (1, T0 * 10**9 + 200_123),           # 12:00:00.000200123 on eth1 (nanosecond units)
    (0, (T0 + 1) * 10**9 + 500_000_000),  # 12:00:01.500000000
    (1, (T0 + 1) * 10**9 + 500_000_456),  # 12:00:01.500000456
    (0, (T0 + 2) * 10**9 + 1_000),       # 12:00:02.000001000
    (1, (T0 + 2) * 10**9 + 999_999_999),  # 12:00:02.999999999
]


@capture("multi_if.pcapng")
def cap_multi_if():
    frames = [
        lldp_ce6851(),
        lldp_zte5960(),
        cdp_2960x(),
        udp_frame(L2(NMS_MAC, S5735B_MAC), False, S5735B_IP, NMS_IP, 161, 49152, snmp_msg(
            1, COMMUNITY, snmp_pdu(RESPONSE, 0x1B2E3A09, sys_group_vbs(
                HW_S5735_DESC, HW_S5735_OID, 123456789, "acc-hw-12"))), ttl=255),
        arp_request_frame(EX4300B_MAC, EX4300B_IP, NMS_IP),
        udp_frame(L2(MT_MAC, BCAST), True, "10.0.0.10", "255.255.255.255", 5678, 5678,
                  mndp_edge(7)),
    ]
    out = ng_shb([(2, b"x86_64"), (3, b"Linux"), (4, b"vendorsniff mkcaptures.py")])
    out += ng_idb(1, [(2, b"eth0"), (9, b"\x06")])
    out += ng_idb(1, [(2, b"eth1"), (9, b"\x09")])
    for (iface, t_ns), f in zip(MULTI_IF_TIMES, frames):
        units = t_ns // 1000 if iface == 0 else t_ns
        assert iface == 1 or t_ns % 1000 == 0
        out += ng_epb(iface, units, f)
    # Interface statistics (isb_ifrecv = 3, isb_ifdrop = 0) at the end of each interface.
    end = (T0 + 3) * 10**9
    out += ng_isb(0, end // 1000, [(4, struct.pack("<Q", 3)), (5, struct.pack("<Q", 0))])
    out += ng_isb(1, end, [(4, struct.pack("<Q", 3)), (5, struct.pack("<Q", 0))])
    return out


# ----- encapsulation ------------------------------------------------------------

MIRROR_MAC, MIRROR_IP = "f8:e5:7e:11:22:01", "192.0.2.1"  # Cisco Nexus: ERSPAN source
COLLECTOR_MAC, COLLECTOR_IP = "d4:ae:52:aa:00:64", "192.0.2.100"  # Dell: the analyser
ADMIN_MAC, ADMIN_IP = "14:18:77:4e:70:70", "10.8.0.70"


class Gre:
    """GRE (RFC 2784/2890) from one tunnel endpoint to another; wraps inner Ethernet
    frames. kind: 'erspan1', 'erspan2', 'erspan3', 'teb'."""

    def __init__(self, kind, src_mac, dst_mac, src_ip, dst_ip, session=0, key=None):
        self.kind, self.session, self.key = kind, session, key
        self.src_mac, self.dst_mac, self.src_ip, self.dst_ip = src_mac, dst_mac, src_ip, dst_ip
        self.seq = det_int("gre-seq:" + kind, 1, 50000)
        self.ts = det_int("erspan3-ts", 1, 2**31)

    def __call__(self, inner):
        flags, proto, opt, hdr = 0, 0x6558, b"", b""
        if self.key is not None:
            flags |= 0x2000
            opt += struct.pack("!I", self.key)
        if self.kind != "teb" and self.kind != "erspan1":
            flags |= 0x1000
            opt += struct.pack("!I", self.seq)
            self.seq += 1
        if self.kind == "erspan1":
            proto = 0x88BE
        elif self.kind == "erspan2":
            proto = 0x88BE
            # ver 1, VLAN 0 | COS 0, En 0 (untagged), T 0, session | reserved, index 0
            hdr = struct.pack("!HHI", (1 << 12) | 0, self.session & 0x3FF, 0)
        elif self.kind == "erspan3":
            proto = 0x22EB
            # ver 2, VLAN 0 | COS, BSO, T, session | timestamp (100 us units) |
            # SGT 0 | P 0, FT 0 (Ethernet), HW ID 1, D 0, Gra 0b11 (IEEE 1588), O 0
            hdr = struct.pack("!HHIHH", (2 << 12) | 0, self.session & 0x3FF, self.ts, 0,
                              (0 << 15) | (0 << 10) | (1 << 4) | (0 << 3) | (3 << 1) | 0)
            self.ts += 13
        gre = struct.pack("!HH", flags, proto) + opt + hdr
        return eth(self.dst_mac, self.src_mac, 0x0800,
                   ipv4(self.src_ip, self.dst_ip, 47, gre + inner, ttl=254, tos=0x00))

    def l2(self, a_mac, b_mac, tags=()):
        return L2(a_mac, b_mac, tags=tags,
                  wrap=lambda s, d, et, pkt, tg: self(eth(d, s, et, pkt, tags=tg)))


def ssh_session(c, l2, cli, srv, cport, banner, ttl_b=255, dt=300_000):
    t = TcpConn(c, l2, cli, srv, cport, 22, ttl_b=ttl_b).open(dt)
    t.send(False, (banner + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.6\r\n")
    t.close()


@capture("erspan1.pcap")
def cap_erspan1():
    c = Cap(T0)
    g = Gre("erspan1", MIRROR_MAC, COLLECTOR_MAC, MIRROR_IP, COLLECTOR_IP)
    c.add(g(lldp_s5735()))
    c.add(g(lldp_s5735()), 30_000_000)
    return pcap_of(c)


@capture("erspan2.pcap")
def cap_erspan2():
    c = Cap(T0)
    g = Gre("erspan2", MIRROR_MAC, COLLECTOR_MAC, MIRROR_IP, COLLECTOR_IP, session=100)
    c.add(g(lldp_zte5960()))
    ssh_session(c, g.l2(ADMIN_MAC, ZTE5960_MAC), ADMIN_IP, "10.8.0.5", 51515, ZTE_SSH)
    return pcap_of(c)


@capture("erspan3.pcap")
def cap_erspan3():
    c = Cap(T0)
    g = Gre("erspan3", MIRROR_MAC, COLLECTOR_MAC, MIRROR_IP, COLLECTOR_IP, session=200)
    c.add(g(lldp_ce6851()))
    ssh_session(c, g.l2(ADMIN_MAC, CE6851_MAC), ADMIN_IP, "10.8.0.2", 51516, HW_SSH)
    return pcap_of(c)


OVS_A_MAC, OVS_A_IP = "d4:ae:52:aa:01:0b", "192.0.2.11"
OVS_B_MAC, OVS_B_IP = "d4:ae:52:aa:01:0c", "192.0.2.12"


@capture("gre_teb.pcap")
def cap_gre_teb():
    c = Cap(T0)
    g = Gre("teb", OVS_A_MAC, OVS_B_MAC, OVS_A_IP, OVS_B_IP, key=0x1F4)
    c.add(g(cdp_2960x()))
    c.add(g(lldp_m6000()), 700_000)
    return pcap_of(c)


class Vxlan:
    """VXLAN (RFC 7348) between two VTEPs; the UDP source port is a hash of the inner
    flow, as switches do."""

    def __init__(self, src_mac, dst_mac, src_ip, dst_ip, vni):
        self.src_mac, self.dst_mac, self.src_ip, self.dst_ip, self.vni = (
            src_mac, dst_mac, src_ip, dst_ip, vni)

    def __call__(self, inner):
        sport = det_int("vxlan:" + inner[:12].hex(), 49152, 65535)
        payload = struct.pack("!II", 0x08000000, self.vni << 8) + inner
        return eth(self.dst_mac, self.src_mac, 0x0800,
                   ipv4(self.src_ip, self.dst_ip, 17, udp(self.src_ip, self.dst_ip, sport, 4789,
                                                          payload), ttl=64, df=True))

    def l2(self, a_mac, b_mac, tags=()):
        return L2(a_mac, b_mac, tags=tags,
                  wrap=lambda s, d, et, pkt, tg: self(eth(d, s, et, pkt, tags=tg)))


VTEP1_MAC, VTEP1_IP = "28:99:3a:4d:e2:01", "10.255.0.1"
VTEP2_MAC, VTEP2_IP = "28:99:3a:4d:e2:02", "10.255.0.2"
VX_DAHUA_MAC, VX_DAHUA_IP = "3c:ef:8c:0a:99:04", "10.9.0.32"
VX_PC_MAC, VX_PC_IP = "a0:36:9f:11:99:10", "10.9.0.10"


@capture("vxlan.pcap")
def cap_vxlan():
    c = Cap(T0)
    v = Vxlan(VTEP1_MAC, VTEP2_MAC, VTEP1_IP, VTEP2_IP, 10020)
    c.add(v(lldp_ce6851("10GE1/0/10")))
    t = TcpConn(c, v.l2(VX_PC_MAC, VX_DAHUA_MAC), VX_PC_IP, VX_DAHUA_IP, 52080, 80).open(500_000)
    t.send(True, http_request("GET", "/", VX_DAHUA_IP, [("User-Agent", "curl/8.5.0"),
                                                        ("Accept", "*/*")]))
    t.send(False, dahua_401(det_bytes("dhnonce-vx", 16).hex(), det_bytes("dhopaque-vx", 8).hex()))
    t.close(from_a=False)
    return pcap_of(c)


P_MAC = "3c:8a:b0:6e:10:01"  # Juniper MX: the upstream label switch router
PE_MAC = "00:1b:54:c2:3a:10"  # Cisco: the provider edge this span port faces


def mpls_labels(labels, ttl=254):
    out = b""
    for i, lab in enumerate(labels):
        bos = 1 if i == len(labels) - 1 else 0
        out += struct.pack("!I", (lab << 12) | (0 << 9) | (bos << 8) | ttl)
    return out


@capture("mpls.pcap")
def cap_mpls():
    c = Cap(T0)
    nms, zte = "10.1.0.50", "10.20.0.12"
    req = ipv4(nms, zte, 17, udp(nms, zte, 40800, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
        GET, 0x8801, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSNAME)]))), ttl=62)
    c.add(eth(P_MAC, PE_MAC, 0x8847, mpls_labels([16004, 24012]) + req))
    resp = ipv4(zte, nms, 17, udp(zte, nms, 161, 40800, snmp_msg(1, COMMUNITY, snmp_pdu(
        RESPONSE, 0x8801, [vb(SYSDESCR, ber_oct(ZTE_5960_DESC)),
                           vb(SYSOBJECTID, ber_oid(ZTE_5960_OID)),
                           vb(SYSNAME, ber_oct("br-zte-12"))]))), ttl=252)
    c.add(eth(PE_MAC, P_MAC, 0x8847, mpls_labels([16010, 24020]) + resp), 7_000)
    # Ethernet pseudowire (RFC 4448) with the control word: transport label, PW label,
    # 4-byte control word of zeros, then the customer's Ethernet frame.

    def pw(inner):
        return eth(PE_MAC, P_MAC, 0x8847, mpls_labels([299792, 262145]) + b"\0\0\0\0" + inner)
    c.add(pw(lldp_ce6851("10GE1/0/2")), 500_000)
    ssh_session(c, L2(ADMIN_MAC, CE6851_MAC, wrap=lambda s, d, et, pkt, tg: pw(eth(d, s, et, pkt))),
                "10.8.1.70", "10.8.1.2", 51517, HW_SSH)
    return pcap_of(c)


# ----- telecom core: Diameter over TCP and SCTP ---------------------------------------
# RFC 6733 messages and AVPs; RFC 9260 SCTP with its CRC32c checksum (Appendix A).


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def diam_avp(code, data, vendor=0, mandatory=True):
    flags = (0x80 if vendor else 0) | (0x40 if mandatory else 0)
    hlen = 12 if vendor else 8
    hdr = struct.pack("!IB", code, flags) + (hlen + len(data)).to_bytes(3, "big")
    if vendor:
        hdr += struct.pack("!I", vendor)
    return _pad4(hdr + data)


def diam_u32(code, v, mandatory=True):
    return diam_avp(code, struct.pack("!I", v), mandatory=mandatory)


def diam_str(code, s, mandatory=True):
    return diam_avp(code, s.encode(), mandatory=mandatory)


def diam_address(ip):
    """Address AVP data: IANA address family (1 IPv4, 2 IPv6), then the address."""
    return struct.pack("!H", 2 if ":" in ip else 1) + ipb(ip)


def diam_msg(cmd, request, avps, hbh, e2e, app=0):
    body = b"".join(avps)
    return (struct.pack("!B", 1) + (20 + len(body)).to_bytes(3, "big") +
            struct.pack("!B", 0x80 if request else 0) + cmd.to_bytes(3, "big") +
            struct.pack("!III", app, hbh, e2e) + body)


class DiamPeer:
    """What a Diameter node says about itself in a CER or CEA (RFC 6733 section 5.3)."""

    def __init__(self, host, realm, ip, vendor, product, firmware=None, supported=(),
                 apps=(), vsai=(), state=1):
        self.host, self.realm, self.ip, self.vendor = host, realm, ip, vendor
        self.product, self.firmware, self.supported = product, firmware, supported
        self.apps, self.vsai, self.state = apps, vsai, state

    def ce(self, request, hbh, e2e):
        avps = [] if request else [diam_u32(268, 2001)]  # Result-Code DIAMETER_SUCCESS
        avps += [diam_str(264, self.host), diam_str(296, self.realm),
                 diam_avp(257, diam_address(self.ip)), diam_u32(266, self.vendor),
                 diam_str(269, self.product, mandatory=False),
                 diam_u32(278, self.state)]
        avps += [diam_u32(265, v) for v in self.supported]
        avps += [diam_u32(258, a) for a in self.apps]
        # Vendor-Specific-Application-Id (grouped): the vendor of the application.
        avps += [diam_avp(260, diam_u32(266, v) + diam_u32(258, a)) for v, a in self.vsai]
        if self.firmware is not None:
            avps.append(diam_u32(267, self.firmware, mandatory=False))
        return diam_msg(257, request, avps, hbh, e2e)

    def dw(self, request, hbh, e2e):
        avps = [] if request else [diam_u32(268, 2001)]
        avps += [diam_str(264, self.host), diam_str(296, self.realm), diam_u32(278, self.state)]
        return diam_msg(280, request, avps, hbh, e2e)


def sctp_chunk(typ, flags, value):
    return _pad4(struct.pack("!BBH", typ, flags, 4 + len(value)) + value)


def sctp_packet(sport, dport, vtag, chunks):
    pkt = struct.pack("!HHII", sport, dport, vtag, 0) + b"".join(chunks)
    # The CRC32c goes on the wire least significant byte first (RFC 9260 appendix A).
    return pkt[:8] + struct.pack("<I", crc32c(pkt)) + pkt[12:]


class SctpAssoc:
    """An SCTP association of single-homed endpoints; a = the side that sends INIT."""

    def __init__(self, cap, l2, a_ip, b_ip, a_port, b_port, ttl_a=64, ttl_b=64):
        self.cap, self.l2 = cap, l2
        self.a_ip, self.b_ip, self.a_port, self.b_port = a_ip, b_ip, a_port, b_port
        self.ttl_a, self.ttl_b = ttl_a, ttl_b
        label = "sctp:%s:%d:%s:%d" % (a_ip, a_port, b_ip, b_port)
        self.tag_a = det_int(label + ":tag:a", 1, 2**32 - 1)
        self.tag_b = det_int(label + ":tag:b", 1, 2**32 - 1)
        self.tsn_a = det_int(label + ":tsn:a", 1, 2**31)
        self.tsn_b = det_int(label + ":tsn:b", 1, 2**31)
        self.ssn_a = self.ssn_b = 0

    def _send(self, from_a, chunks, vtag, dt_us):
        s, d = (self.a_ip, self.b_ip) if from_a else (self.b_ip, self.a_ip)
        sp, dp = (self.a_port, self.b_port) if from_a else (self.b_port, self.a_port)
        ttl = self.ttl_a if from_a else self.ttl_b
        pkt = sctp_packet(sp, dp, vtag, chunks)
        self.cap.add(self.l2.frame(from_a, ethertype_of(s), ip_packet(s, d, 132, pkt, ttl=ttl)),
                     dt_us)

    def open(self, dt_us=0, rtt_us=900):
        init = struct.pack("!IIHHI", self.tag_a, 106496, 10, 10, self.tsn_a)
        self._send(True, [sctp_chunk(1, 0, init)], 0, dt_us)
        cookie = det_bytes("cookie:%d" % self.tag_b, 32)
        ack = struct.pack("!IIHHI", self.tag_b, 106496, 10, 10, self.tsn_b)
        ack += _pad4(struct.pack("!HH", 7, 4 + len(cookie)) + cookie)  # State Cookie
        self._send(False, [sctp_chunk(2, 0, ack)], self.tag_a, rtt_us)
        self._send(True, [sctp_chunk(10, 0, cookie)], self.tag_b, 60)
        self._send(False, [sctp_chunk(11, 0, b"")], self.tag_a, rtt_us)
        return self

    def _data(self, from_a, msg, ppid=46):
        if from_a:
            tsn, ssn = self.tsn_a, self.ssn_a
            self.tsn_a, self.ssn_a = tsn + 1, ssn + 1
        else:
            tsn, ssn = self.tsn_b, self.ssn_b
            self.tsn_b, self.ssn_b = tsn + 1, ssn + 1
        return sctp_chunk(0, 0x03, struct.pack("!IHHI", tsn, 0, ssn, ppid) + msg)  # B|E

    def _sack(self, from_a):
        cum = (self.tsn_b if from_a else self.tsn_a) - 1
        return sctp_chunk(3, 0, struct.pack("!IIHH", cum, 106496, 0, 0))

    def sack(self, from_a, dt_us=200):
        self._send(from_a, [self._sack(from_a)], self.tag_b if from_a else self.tag_a, dt_us)
        return self

    def send(self, from_a, msg, dt_us=300, bundle_sack=False):
        """One DATA chunk (an unfragmented message), behind a SACK of what the sender
        received before when bundle_sack."""
        chunks = ([self._sack(from_a)] if bundle_sack else []) + [self._data(from_a, msg)]
        self._send(from_a, chunks, self.tag_b if from_a else self.tag_a, dt_us)
        return self


# Two core routers; the sensor watches the link between them, so every frame carries a
# router's MAC and a TTL one hop below the sender's (Linux, 64).
CORE_RA_MAC = "00:1b:54:c2:3a:11"  # Cisco, in front of the Huawei HSS
CORE_RB_MAC = "3c:8a:b0:10:20:01"  # Juniper, in front of the ZTE MME and the Ericsson DRA
REALM = "epc.mnc001.mcc234.3gppnetwork.org"
S6A = 16777251
HW_HSS = DiamPeer("hss01." + REALM, REALM, "10.20.0.21", 2011, "HUAWEI HSS9860", firmware=1,
                  supported=(10415,), apps=(S6A,), vsai=((10415, S6A),))
# The MME lists the vendors it talks to (3GPP, 3GPP2, Huawei): none of them is its maker.
ZTE_MME = DiamPeer("mme01." + REALM, REALM, "10.30.0.11", 3902, "ZXUN uMAC",
                   supported=(10415, 5535, 2011), apps=(S6A,), vsai=((10415, S6A),))
ERI_DRA = DiamPeer("dra01." + REALM, REALM, "10.30.0.5", 193, "Ericsson DSC", firmware=3,
                   supported=(10415,), apps=(S6A, 0xFFFFFFFF))


@capture("core_diameter.pcap")
def cap_core_diameter():
    c = Cap(T0)
    from_b = L2(CORE_RB_MAC, CORE_RA_MAC)  # conversations opened from behind router B
    # 1. MME -> HSS over TCP: the CER in one segment; the CEA split across two.
    t = TcpConn(c, from_b, ZTE_MME.ip, HW_HSS.ip, 40001, 3868, ttl_a=63, ttl_b=63).open()
    t.send(True, ZTE_MME.ce(True, 0x1001, 0x5A000001))
    cea = HW_HSS.ce(False, 0x1001, 0x5A000001)
    t._pkt(False, ACK, cea[:100], dt_us=900)
    t._pkt(False, PSH | ACK, cea[100:], dt_us=20)
    t._pkt(True, ACK, dt_us=150)
    t.send(True, ZTE_MME.dw(True, 0x1002, 0x5A000002), dt_us=30_000_000)
    t.send(False, HW_HSS.dw(False, 0x1002, 0x5A000002))
    # 2. HSS -> DRA over TCP: the DRA's CEA and its first DWR in one segment.
    from_a = L2(CORE_RA_MAC, CORE_RB_MAC)
    t2 = TcpConn(c.clock(2), from_a, HW_HSS.ip, ERI_DRA.ip, 40002, 3868, ttl_a=63,
                 ttl_b=63).open()
    t2.send(True, HW_HSS.ce(True, 0x2001, 0x6B000001))
    t2.send(False, ERI_DRA.ce(False, 0x2001, 0x6B000001) + ERI_DRA.dw(True, 0x2002, 0x6B000002))
    t2.send(True, HW_HSS.dw(False, 0x2002, 0x6B000002))
    # 3. MME -> HSS over SCTP: CER and CEA in DATA chunks with PPID 46, the CEA bundled
    # behind the HSS's SACK of the CER.
    a = SctpAssoc(c.clock(4), from_b, ZTE_MME.ip, HW_HSS.ip, 3868, 3868, ttl_a=63,
                  ttl_b=63).open()
    a.send(True, ZTE_MME.ce(True, 0x3001, 0x7C000001))
    a.send(False, HW_HSS.ce(False, 0x3001, 0x7C000001), dt_us=900, bundle_sack=True)
    a.sack(True)
    # 4. DRA -> HSS over SCTP: the Ericsson peer's CER, the HSS's CEA, each SACKed alone.
    a2 = SctpAssoc(c.clock(6), from_b, ERI_DRA.ip, HW_HSS.ip, 3868, 3868, ttl_a=63,
                   ttl_b=63).open()
    a2.send(True, ERI_DRA.ce(True, 0x4001, 0x8D000001)).sack(False)
    a2.send(False, HW_HSS.ce(False, 0x4001, 0x8D000001), dt_us=900).sack(True)
    return pcap_of(c)


# ----- bad input ------------------------------------------------------------------

@capture("not_a_capture.pcap")
def cap_not_a_capture():
    return (b"This is not a packet capture.\n"
            b"It is a text file that happens to be named .pcap, as users sometimes feed\n"
            b"a log or a README to a capture tool. vendorsniff must say so in one line\n"
            b"naming the file, exit 1, and go on with the other files it was given.\n")


@capture("empty.pcap")
def cap_empty():
    return b""


@capture("bad_magic.pcap")
def cap_bad_magic():
    """A pcap header whose magic is 0xdeadbeef, then a well-formed record."""
    c = Cap(T0)
    c.add(lldp_s5735())
    data = pcap_of(c)
    return struct.pack("<I", 0xDEADBEEF) + data[4:]


@capture("truncated.pcap")
def cap_truncated():
    """Header and three whole records, then the fourth record cut in the middle of its
    packet data (its header promises more bytes than the file holds)."""
    c = Cap(T0)
    c.add(lldp_s5735())
    c.add(cdp_2960x(), 1_000_000)
    c.add(lldp_zte5960(), 1_000_000)
    c.add(lldp_ce6851(), 1_000_000)
    data = pcap_of(c)
    last = len(lldp_ce6851())
    return data[:len(data) - last + last // 2]


HOSTILE = (b"evil\x1b[31mRED\x1b[0m\x07\x08\x7f tab\there\r\nInjected-Header: 1\x00after-NUL "
           b"\xff\xfe\xc3\x28\xa0\xa1\xed\xa0\x80\xf0\x28\x8c\x28\xc0\xaf "
           b"\xe2\x80\xae\xef\xbb\xbf\x1b]0;title\x07\x9b2J end")
RUN_A = b"A" * 1400
HOSTILE_MAC = "00:e0:fc:66:66:01"
HOSTILE_CDP_MAC = "c8:4c:75:66:66:02"


@capture("hostile_strings.pcap")
def cap_hostile_strings():
    c = Cap(T0)
    # LLDP: TLV lengths are 9 bits, so a value holds at most 511 bytes; the 'A' run fills
    # the system description up to that limit.
    desc = HOSTILE + RUN_A[:511 - len(HOSTILE)]
    c.add(lldp_frame(HOSTILE_MAC, [
        lldp_chassis_mac(HOSTILE_MAC), lldp_tlv(2, b"\x05" + b"Gi0/1\x1b[2J\x00x"), lldp_ttl(120),
        lldp_portdesc(HOSTILE), lldp_sysname(HOSTILE), lldp_sysdesc(desc),
        lldp_caps(CAP_BRIDGE, CAP_BRIDGE), lldp_mgmt("10.66.0.1", 1),
        med_inventory("\x1b[5mhw", "fw\x00x", "sw\xff", "SN\r\n1", "\x1b[31mHuawei", "X" * 32,
                      "")]))
    # CDP: 16-bit TLV lengths, so one device ID carries the whole 1400-byte run (with
    # escapes, a NUL and invalid UTF-8 at its ends); a second frame carries the hostile
    # text in every string TLV. 802.3 frames hold at most 1500 bytes, hence two frames.
    c.add(cdp_frame(HOSTILE_CDP_MAC, cdp_pdu(2, 180, [
        cdp_str(0x0001, b"\x1b[31m" + RUN_A + b"\x00\xff\xfe"),
        cdp_str(0x0003, b"Gi1/0/1\x1b[0m")])), 1_000_000)
    c.add(cdp_frame(HOSTILE_CDP_MAC, cdp_pdu(2, 180, [
        cdp_str(0x0001, HOSTILE), cdp_str(0x0003, b"Gi1/0/1\x1b[0m"),
        cdp_str(0x0005, HOSTILE), cdp_str(0x0006, b"cisco \x1b[31mWS-C2960X\x00\xff")])),
        500_000)
    # SNMP: a GetResponse whose sysDescr is the hostile text plus a 1200-byte run (all
    # that fits one Ethernet frame), sysName the hostile text.
    l2 = L2("14:18:77:4e:66:50", "70:7b:e8:66:66:03")
    c.add(udp_frame(l2, True, "10.66.0.50", "10.66.0.3", 46600, 161, snmp_msg(
        1, COMMUNITY, snmp_pdu(GET, 0x6666, [vb(SYSDESCR), vb(SYSNAME)]))), 1_000_000)
    c.add(udp_frame(l2, False, "10.66.0.3", "10.66.0.50", 161, 46600, snmp_msg(
        1, COMMUNITY, snmp_pdu(RESPONSE, 0x6666, [vb(SYSDESCR, ber_oct(HOSTILE + RUN_A[:1200])),
                                                  vb(SYSNAME, ber_oct(HOSTILE))]))), 2_000)
    # HTTP Server header and SSH banner with terminal escapes.
    t = TcpConn(c, L2("14:18:77:4e:66:50", "4c:bd:8f:66:66:04"), "10.66.0.50", "10.66.0.4",
                46680, 80).open(500_000)
    t.send(True, http_request("GET", "/", "10.66.0.4", [("User-Agent", "curl/8.5.0")]))
    t.send(False, b"HTTP/1.1 401 Unauthorized\r\nServer: \x1b[31mHikvision-Webs\x1b[0m\x00\xff\r\n"
                  b"WWW-Authenticate: Basic realm=\"\x1b]0;pwned\x07\xc3\x28\"\r\n"
                  b"Content-Length: 0\r\n\r\n")
    t.close(from_a=False)
    t = TcpConn(c, L2("14:18:77:4e:66:50", "00:e0:fc:66:66:05"), "10.66.0.50", "10.66.0.5",
                46622, 22, ttl_b=255).open(500_000)
    t.send(False, b"SSH-2.0-HUAWEI-1.5\x1b[2J\x1b]0;owned\x07\xff\xfe\r\n")
    t.close()
    return pcap_of(c)


@capture("huge_tlvs.pcap")
def cap_huge_tlvs():
    c = Cap(T0)
    m = "00:e0:fc:77:77:01"
    head = [lldp_chassis_mac(m), lldp_port_ifname("GE0/0/1"), lldp_ttl(120)]
    tiny = lldp_portdesc(b"")  # a 2-byte TLV: type 4, length 0
    # 1: 700 empty TLVs, then a system description whose length (300) runs past the frame.
    f1 = b"".join(head) + tiny * 700 + lldp_raw_tlv(6, 300, b"Huawei Versatile Routing")
    c.add(eth(LLDP_MCAST, m, 0x88CC, f1, pad=False))
    # 2: 700 empty TLVs, a system name, and End: well formed, but past the TLV limit (512).
    f2 = b"".join(head) + tiny * 700 + lldp_sysname("many-tlvs") + lldp_end()
    c.add(eth(LLDP_MCAST, m, 0x88CC, f2, pad=False), 1_000_000)
    # 3: the first TLV (chassis ID) claims 511 bytes; the frame holds 60.
    f3 = lldp_raw_tlv(1, 511, b"\x04" + mac(m)) + lldp_ttl(120) + lldp_end()
    c.add(eth(LLDP_MCAST, m, 0x88CC, f3), 1_000_000)
    # 4: zero-length chassis and port IDs, then End.
    f4 = lldp_raw_tlv(1, 0, b"") + lldp_raw_tlv(2, 0, b"") + lldp_ttl(120) + lldp_end()
    c.add(eth(LLDP_MCAST, m, 0x88CC, f4), 1_000_000)
    return pcap_of(c)


# ----- OUI attribution traps --------------------------------------------------------

OUI_TRAPS = [  # (MAC, IP, note)
    ("40:2c:76:1a:bc:01", "10.9.9.11", "MA-M 40:2C:76:1 Shanghai Dahua Scale Factory"),
    ("40:2c:76:2b:cd:02", "10.9.9.12", "MA-M 40:2C:76:2 Annapurna labs"),
    ("4c:ea:41:e0:00:03", "10.9.9.13", "MA-M 4C:EA:41:E Aztech Group DOOEL"),
    ("00:26:75:12:34:04", "10.9.9.14", "MA-L 00:26:75 Aztech Electronics Pte Ltd"),
    ("8c:1f:64:d8:00:05", "10.9.9.15", "MA-S 8C:1F:64:D8:0 AZTEK SA"),
    ("00:24:47:5a:00:06", "10.9.9.16", "MA-L 00:24:47 Kaztek Systems"),
    ("64:69:bc:20:11:07", "10.9.9.17", "MA-L 64:69:BC Hytera Communications Co .,ltd"),
    ("02:e0:fc:12:34:08", "10.9.9.18", "locally administered (00:e0:fc with the L bit set)"),
    ("da:a1:19:5e:77:09", "10.9.9.19", "locally administered (randomised)"),
]


@capture("oui_traps.pcap")
def cap_oui_traps():
    c = Cap(T0)
    gw_mac, gw = "00:1b:54:c2:09:01", "10.9.9.1"
    for i, (m, ip, _) in enumerate(OUI_TRAPS):
        c.add(arp_request_frame(m, ip, gw), 200_000 if i else 0)
        c.add(arp_reply_frame(gw_mac, gw, m, ip), 500)
    return pcap_of(c)


# ----- samples/sample.pcap -------------------------------------------------------------
#
# Two minutes of a span port on the core of a small enterprise / telecom site: the
# untagged management network 10.0.0.0/24, servers on VLAN 10 (10.10.0.0/24), users and
# IoT on VLAN 20 (10.20.0.0/24), both VLANs routed by the Huawei core switch behind the
# VRRP address .1 (virtual MAC 00:00:5e:00:01:0a), remote branch devices in
# 10.30.0.0/24 reached through the ZTE PE router. samples/README.md tells the story.

SAMPLE_T0 = 1715675400  # 2024-05-14T08:30:00Z
SAMPLE_SECONDS = 120
VMAC = "00:00:5e:00:01:0a"

SM = {  # name: (MAC, IP, VLAN or None for untagged)
    "core": (CE6851_MAC, "10.0.0.2", None),
    "pe": (M6000_MAC, "10.0.0.254", None),
    "cisco": (CISCO2960_PORT_MAC, "10.0.0.7", None),
    "juniper": (EX4300_PORT_MAC, "10.0.0.8", None),
    "arista": (ARISTA_MAC, "10.0.0.9", None),
    "mikrotik": (MT_MAC, "10.0.0.10", None),
    "nms": ("d4:ae:52:0e:50:50", "10.0.0.50", None),
    "dns": ("f8:bc:12:3d:10:53", "10.10.0.53", 10),
    "files": ("b4:b5:2f:60:10:60", "10.10.0.60", 10),
    "pc101": ("14:18:77:4e:20:65", "10.20.0.101", 20),
    "pc102": ("3c:fd:fe:a2:51:02", "10.20.0.102", 20),
    "pc103": ("9c:8e:99:5a:31:03", "10.20.0.103", 20),
    "android": ("3a:7c:92:5e:11:d4", "10.20.0.150", 20),
    "cam": ("4c:bd:8f:62:19:a4", "10.20.0.31", 20),
    "nvr": ("3c:ef:8c:0a:77:12", "10.20.0.32", 20),
    "phone": (YEALINK_MAC, "10.20.0.41", 20),
    "ont": (ONT_MAC, "10.20.0.77", 20),
}
SAMPLE_REMOTE = [
    ("10.30.0.11", HW_AR2220_DESC, HW_AR2220_OID, "br-ar-01", 255),
    ("10.30.0.12", CISCO_ISR4331_DESC, CISCO_ISR4331_OID, "br-isr-02", 255),
    ("10.30.0.13", JUNIPER_SRX_DESC, JUNIPER_SRX_OID, "br-srx-03", 64),
]
SAMPLE_PBX = "10.10.0.5"
SAMPLE_ACS = "203.0.113.10"


def vl(name):
    v = SM[name][2]
    return dot1q(v) if v else ()


def gw_l2(name):
    """Conversation of a VLAN host with anything routed: the peer's MAC is the VRRP MAC."""
    return L2(SM[name][0], VMAC, tags=vl(name))


def peer_l2(a, b):
    assert SM[a][2] == SM[b][2]
    return L2(SM[a][0], SM[b][0], tags=vl(a))


def tls_session(c, l2, cli, srv, cport, sni, down, label, dt_us=0):
    """A TLS 1.3 session: handshake, a request, `down` bytes of response records."""
    t = TcpConn(c, l2, cli, srv, cport, 443, ttl_b=57).open(dt_us, rtt_us=18_000)
    t.send(True, tls_client_hello(sni, label), ack=False)
    t.send(False, tls_server_flight(label, label, 2400 + det_int(label + "c", 0, 400)),
           dt_us=18_500)
    t.send(True, b"\x14\x03\x03\x00\x01\x01" + tls_appdata(label + ":fin", 53), dt_us=800,
           ack=False)
    t.send(True, tls_appdata(label + ":req", 180 + det_int(label + "r", 0, 300)), dt_us=100)
    while down > 0:
        n = min(down, 1350)
        t.send(False, tls_appdata(label + ":resp%d" % down, n), dt_us=19_000, ack=False)
        down -= n
    t._pkt(True, ACK, dt_us=120)
    t.close(dt_us=2_000_000)


def dns_pair(c, l2, cli, srv, qname, answer, label, dt_us=0):
    qid = det_int("dnsid:" + label, 1, 65535)
    sport = det_int("dnsport:" + label, 32768, 60999)
    c.add(udp_frame(l2, True, cli, srv, sport, 53, dns_query(qid, qname)), dt_us)
    c.add(udp_frame(l2, False, srv, cli, 53, sport, dns_response(qid, qname, 1, [answer]),
                    ttl=63), 1_400)


def sample_periodic(c):
    t0 = SAMPLE_T0
    core_mac = SM["core"][0]
    # VRRP advertisements (VRID 10, priority 120) on both VLANs, every second.
    for sec in range(SAMPLE_SECONDS):
        for vid, src, vip in ((10, "10.10.0.2", "10.10.0.1"), (20, "10.20.0.2", "10.20.0.1")):
            c.at((t0 + sec) * 10**9 + 250_000_000 + vid * 1000,
                 eth("01:00:5e:00:00:12", VMAC, 0x0800,
                     ipv4(src, "224.0.0.18", 112, vrrp_v2(10, 120, [vip]), ttl=255, df=False),
                     tags=dot1q(vid, 6)))
    # RSTP BPDUs from the core switch (the root bridge), every two seconds.
    root = bridge_id(4096, 0, core_mac)
    for sec in range(0, SAMPLE_SECONDS, 2):
        c.at((t0 + sec) * 10**9 + 700_000_000,
             stp_frame(core_mac, rstp_bpdu(root, 0, root, 0x8030, flags=0x3C)))
    # LLDP every 30 s from each neighbour; CDP and MNDP every 60 s.
    for base in range(0, SAMPLE_SECONDS, 30):
        for off, frame in ((1.0, lldp_ce6851("10GE1/0/48")), (5.2, lldp_m6000()),
                           (9.4, lldp_2960x()), (12.1, lldp_ex4300()), (16.8, lldp_arista()),
                           (2.3, lldp_yealink())):
            c.at(c.ns(base + off), frame)
    for base in range(0, SAMPLE_SECONDS, 60):
        c.at(c.ns(base + 8.0), cdp_2960x())
        c.at(c.ns(base + 3.5), udp_frame(
            L2(MT_MAC, BCAST), True, "10.0.0.10", "255.255.255.255", 5678, 5678,
            mndp_edge(base // 60)))
        c.at(c.ns(base + 3.6), cdp_frame(MT_MAC, cdp_pdu(1, 120, [
            cdp_str(0x0001, "edge-mt-01"), cdp_str(0x0005, MT_VERSION),
            cdp_str(0x0006, "MikroTik"), cdp_tlv(0x0002, cdp_addrs(["10.0.0.10"])),
            cdp_str(0x0003, "ether1"), cdp_tlv(0x0004, struct.pack("!I", CDP_ROUTER))])))


def sample_arp(c):
    gw = {10: "10.10.0.1", 20: "10.20.0.1"}
    order = ["pc101", "pc102", "pc103", "cam", "nvr", "phone", "dns", "files"]
    for i, name in enumerate(order):
        m, ip, vid = SM[name]
        k = c.clock(0.4 + i * 0.37)
        k.add(arp_request_frame(m, ip, gw[vid], tags=dot1q(vid)))
        k.add(eth(m, VMAC, 0x0806, arp(2, VMAC, gw[vid], m, ip), tags=dot1q(vid)), 900)
    # Management hosts resolve each other.
    k = c.clock(11.0)
    k.add(arp_request_frame(SM["nms"][0], "10.0.0.50", "10.0.0.2"))
    k.add(arp_reply_frame(SM["core"][0], "10.0.0.2", SM["nms"][0], "10.0.0.50"), 700)
    k.add(arp_request_frame(SM["nms"][0], "10.0.0.50", "10.0.0.254"), 300_000)
    k.add(arp_reply_frame(SM["pe"][0], "10.0.0.254", SM["nms"][0], "10.0.0.50"), 800)
    k.add(arp_request_frame(SM["nms"][0], "10.0.0.50", "10.0.0.7"), 300_000)
    k.add(arp_reply_frame(SM["cisco"][0], "10.0.0.7", SM["nms"][0], "10.0.0.50"), 600)
    k.add(arp_request_frame(SM["nms"][0], "10.0.0.50", "10.0.0.8"), 300_000)
    k.add(arp_reply_frame(SM["juniper"][0], "10.0.0.8", SM["nms"][0], "10.0.0.50"), 600)
    k.add(arp_request_frame(SM["nms"][0], "10.0.0.50", "10.0.0.9"), 300_000)
    k.add(arp_reply_frame(SM["arista"][0], "10.0.0.9", SM["nms"][0], "10.0.0.50"), 600)
    # The PC asks for the camera and the NVR directly (same VLAN).
    k = c.clock(29.5)
    for name in ("cam", "nvr"):
        k.add(arp_request_frame(SM["pc101"][0], "10.20.0.101", SM[name][1], tags=dot1q(20)),
              100_000)
        k.add(arp_reply_frame(SM[name][0], SM[name][1], SM["pc101"][0], "10.20.0.101",
                              tags=dot1q(20)), 700)
    # Gratuitous ARP from the core switch's VLAN 20 interface after a VRRP check.
    k = c.clock(70.0)
    k.add(eth(BCAST, SM["core"][0], 0x0806, arp(1, SM["core"][0], "10.20.0.2", "00:00:00:00:00:00",
                                                "10.20.0.2"), tags=dot1q(20)))


def sample_nms(c):
    nms_mac, nms, _ = SM["nms"]
    core_mac, core, _ = SM["core"]
    # Full system-group poll of the core switch (v2c).
    l2 = L2(nms_mac, core_mac)
    k = c.clock(12.0)
    k.add(udp_frame(l2, True, nms, core, 45161, 161, snmp_msg(1, COMMUNITY, snmp_pdu(
        GET, 0x11D7, [vb(SYSDESCR), vb(SYSOBJECTID), vb(SYSUPTIME), vb(SYSNAME)]))))
    k.add(udp_frame(l2, False, core, nms, 161, 45161, snmp_msg(1, COMMUNITY, snmp_pdu(
        RESPONSE, 0x11D7, sys_group_vbs(HW_CE6851_DESC, HW_CE6851_OID, 1_512_346_789,
                                        "core-sw-01"))), ttl=255), 2_700)
    # Interface counter polls every 30 s (ordinary traffic: no identity in them).
    targets = [("core", core_mac, core), ("cisco",) + SM["cisco"][:2],
               ("juniper",) + SM["juniper"][:2], ("arista",) + SM["arista"][:2]]
    for base in range(0, SAMPLE_SECONDS, 30):
        for j, (name, m, ip) in enumerate(targets):
            rid = 0x2000 + base + j
            oids = ["1.3.6.1.2.1.31.1.1.1.6.%d" % n for n in (1, 2, 3, 4)] + [
                "1.3.6.1.2.1.31.1.1.1.10.%d" % n for n in (1, 2, 3, 4)]
            k = c.clock(base + 20.5 + j * 0.05)
            l2 = L2(nms_mac, m)
            k.add(udp_frame(l2, True, nms, ip, 45200 + j, 161, snmp_msg(
                1, COMMUNITY, snmp_pdu(GET, rid, [vb(o) for o in oids]))))
            vals = [vb(o, counter64(det_int("ctr:%s:%s:%d" % (name, o, base), 10**9, 10**12)))
                    for o in oids]
            k.add(udp_frame(l2, False, ip, nms, 161, 45200 + j, snmp_msg(
                1, COMMUNITY, snmp_pdu(RESPONSE, rid, vals)), ttl=255 if name != "juniper"
                else 64), 1_900)
    # SNMPv3 discovery of the ZTE PE router: the Report names its engine (enterprise 3902).
    pe_mac, pe, _ = SM["pe"]
    l2 = L2(nms_mac, pe_mac)
    k = c.clock(14.0)
    k.add(udp_frame(l2, True, nms, pe, 45300, 161, snmpv3_msg(
        0x3E01, 0x04, b"", 0, 0, "", b"", b"", scoped_pdu(b"", "", snmp_pdu(GET, 0x3E02, [])))))
    engine = engine_id_mac(3902, pe_mac)
    k.add(udp_frame(l2, False, pe, nms, 161, 45300, snmpv3_msg(
        0x3E01, 0x00, engine, 12, 3_456_789, "", b"", b"", scoped_pdu(engine, "", snmp_pdu(
            REPORT, 0x3E02, [vb(USM_UNKNOWN_ENGINE_IDS, counter32(3))]))), ttl=255), 2_100)
    # The branch devices behind the PE router, polled twice.
    for base in (50.0, 110.0):
        routed_remote(c.clock(base), l2, nms, SAMPLE_REMOTE, 45400 + int(base))
    # SSH to the core switch.
    k = c.clock(40.0)
    t = TcpConn(k, L2(nms_mac, core_mac), nms, core, 45522, 22, ttl_b=255).open()
    t.send(False, (HW_SSH + "\r\n").encode())
    t.send(True, b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    t.close(dt_us=1_500_000)


def sample_users(c):
    t0 = SAMPLE_T0
    dns = SM["dns"][1]
    sites = [("www.example.com", "198.51.100.20"), ("mail.example.net", "198.51.100.25"),
             ("cdn.example.org", "203.0.113.80"), ("updates.example.com", "198.51.100.44"),
             ("api.example.net", "203.0.113.90"), ("teams.example.org", "203.0.113.120")]
    users = ["pc101", "pc102", "pc103", "android"]
    n = 0
    for rnd in range(4):
        for ui, u in enumerate(users):
            name, ip = sites[(rnd * 3 + ui) % len(sites)]
            start = 6.0 + rnd * 28.0 + ui * 6.1
            label = "s%d:%s" % (n, u)
            k = c.clock(start)
            dns_pair(k, gw_l2(u), SM[u][1], dns, name, ip, label)
            tls_session(k, gw_l2(u), SM[u][1], ip, det_int("cport:" + label, 49152, 60999), name,
                        det_int("down:" + label, 2000, 9000), label, dt_us=3_000)
            n += 1
    # The file server backs up to the cloud over TLS (VLAN 10).
    k = c.clock(44.0)
    tls_session(k, gw_l2("files"), SM["files"][1], "198.51.100.200", 51888, "backup.example.com",
                24000, "files-backup")
    # The DNS server keeps its clock: NTP to two public servers (VLAN 10).
    for i, srv in enumerate(("192.0.2.123", "192.0.2.124")):
        k = c.clock(17.0 + i * 60)
        l2 = gw_l2("dns")
        k.add(udp_frame(l2, True, SM["dns"][1], srv, 123, 123,
                        ntp_packet(3, 0, t0 + 17 + i * 60, label="ntpq%d" % i)))
        k.add(udp_frame(l2, False, srv, SM["dns"][1], 123, 123,
                        ntp_packet(4, 2, t0 + 17 + i * 60, ref_id=ip4("192.0.2.1"),
                                   label="ntpr%d" % i), ttl=54), 24_000)


def sample_iot(c):
    pc_mac, pc, _ = SM["pc101"]
    # The admin opens the camera's and the NVR's web pages: both answer 401.
    k = c.clock(30.0)
    t = TcpConn(k, peer_l2("pc101", "cam"), pc, SM["cam"][1], 52001, 80).open()
    t.send(True, http_request("GET", "/doc/page/login.asp", SM["cam"][1], [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 "
                       "Firefox/125.0"), ("Accept", "text/html")]))
    t.send(False, hik_401(det_bytes("hiknonce-sample", 16).hex()))
    t.close(from_a=False)
    k = c.clock(33.0)
    t = TcpConn(k, peer_l2("pc101", "nvr"), pc, SM["nvr"][1], 52002, 80).open()
    t.send(True, http_request("GET", "/", SM["nvr"][1], [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 "
                       "Firefox/125.0"), ("Accept", "text/html")]))
    t.send(False, dahua_401(det_bytes("dhnonce-sample", 16).hex(),
                            det_bytes("dhopaque-sample", 8).hex()))
    t.close(from_a=False)
    # The Yealink phone registers with the PBX on VLAN 10 through the gateway.
    ph_mac, ph, _ = SM["phone"]
    l2 = gw_l2("phone")
    callid = det_bytes("sample-callid", 8).hex() + "@" + ph
    k = c.clock(15.0)
    k.add(udp_frame(l2, True, ph, SAMPLE_PBX, 5062, 5060, sip_register(
        ph, 5062, "2041", SAMPLE_PBX, "UDP", 1, YEALINK_UA, "2716549830", callid)))
    h = sip_exchange_headers(ph, 5062, "2041", SAMPLE_PBX, "UDP", 1, "2716549830", callid)
    k.add(udp_frame(l2, False, SAMPLE_PBX, ph, 5060, 5062, sip_reply(
        "401 Unauthorized", h, PBX_SERVER,
        [("WWW-Authenticate", 'Digest algorithm=MD5, realm="asterisk", nonce="%s"' %
          det_bytes("sample-sipnonce", 4).hex())]), ttl=63), 2_000)
    # The ZTE ONT gets its address from the core switch (DHCP server on VLANIF20), then
    # informs its ACS.
    ont_mac, ont_ip, _ = SM["ont"]
    k = c.clock(24.0)
    dhcp_exchange(k, BcastL2(ont_mac, SM["core"][0], tags=dot1q(20)), 0x6B2F91D0, ont_mac, ont_ip,
                  "10.20.0.2", dhcp_ont_opts)
    ont_cwmp(c.clock(25.0), gw_l2("ont"), ont_ip, SAMPLE_ACS, ont_ip, 49802,
             "2024-05-14T08:30:25+00:00", 0)
    # The phone with a randomised (locally administered) MAC joins the Wi-Fi bridge.
    an_mac, an_ip, _ = SM["android"]
    k = c.clock(4.0)
    dhcp_exchange(k, BcastL2(an_mac, SM["core"][0], tags=dot1q(20)), 0x19E2A4B7, an_mac, an_ip,
                  "10.20.0.2", lambda mt, extra=(): [
                      (53, bytes([mt])), (61, b"\x01" + mac(an_mac)), (57, struct.pack("!H", 1500)),
                      (60, b"android-dhcp-14"), (12, b"Pixel-8"),
                      (55, bytes([1, 3, 6, 15, 26, 28, 51, 58, 59, 43, 114]))] + list(extra))


@capture("@sample.pcap")
def cap_sample():
    c = Cap(SAMPLE_T0)
    sample_periodic(c)
    sample_arp(c)
    sample_nms(c)
    sample_users(c)
    sample_iot(c)
    frames = c.sorted()
    end = (SAMPLE_T0 + SAMPLE_SECONDS) * 10**9
    assert all(t < end for t, _, _ in frames), "sample runs past its window"
    return pcap_file(frames, 1)


# ---------------------------------------------------------------------------
# Driver

SAMPLE_NAME = "sample.pcap"


# ----- network-element syslog and home mDNS ----------------------------------------------
# Message shapes from the vendors' log references (sources in signatures/rules/syslog.ini);
# host names, addresses and texts are made up here.

SYSLOG_COLL_MAC, SYSLOG_COLL_IP = "14:18:77:4e:20:60", "10.9.0.10"
SYSLOG_RTR_MAC, SYSLOG_RTR_IP = "00:1b:54:c2:3a:09", "10.9.0.1"
NE_SYSLOG = [  # (sender, [messages]); all reach the collector through one router, TTL 63
    ("10.30.0.11", [  # Huawei VRP
        "<189>Mar  1 2024 12:00:01+00:00 hw-pe-01 %%01SHELL/5/CMDRECORD(s)[0]:Recorded command "
        "information. (Task=VT0, Ip=10.9.0.10, VpnName=, User=noc, AuthenticationMethod="
        "\"Local-user\", Command=\"display version\")",
        "<187>Mar  1 2024 12:00:09+00:00 hw-pe-01 %%01IFNET/4/IF_STATE(l)[1]:Interface "
        "GigabitEthernet0/0/1 has turned into DOWN state."]),
    ("10.30.0.12", [  # Cisco IOS: sequence number and the device's own timestamp
        "<189>120: *Mar  1 12:00:02.118: %SYS-5-CONFIG_I: Configured from console by noc on "
        "vty0 (10.9.0.10)",
        "<187>121: *Mar  1 12:00:04.502: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, "
        "changed state to down"]),
    ("10.30.0.13", [  # Juniper Junos
        "<189>Mar  1 12:00:03 mx-edge-02 mgd[4127]: UI_COMMIT: User 'noc' requested 'commit' "
        "operation (comment: none)",
        "<188>Mar  1 12:00:05 mx-edge-02 mib2d[1811]: SNMP_TRAP_LINK_DOWN: ifIndex 521, "
        "ifAdminStatus up(1), ifOperStatus down(2), ifName ge-0/0/1"]),
    ("10.30.0.14", [  # H3C Comware
        "<188>Mar  1 12:00:04 2024 h3c-agg-03 %%10IFNET/3/PHY_UPDOWN(l): GigabitEthernet1/0/1 "
        "link status is DOWN."]),
    ("10.30.0.15", [  # FortiOS
        "<189>date=2024-03-01 time=12:00:05 devname=\"fgt-branch-04\" devid=\"FG100E4Q17001234\" "
        "logid=\"0100032001\" type=\"event\" subtype=\"system\" level=\"information\" "
        "vd=\"root\" logdesc=\"Admin login successful\" user=\"noc\" ui=\"ssh(10.9.0.10)\" "
        "action=\"login\" status=\"success\""]),
    ("10.30.0.16", [  # Nokia SR OS
        "<188>Mar  1 12:00:06 sr-pe-05 TMNX: 169 Base SNMP-WARNING-linkDown-2004 [1/1/c1/1]:  "
        "Interface 1/1/c1/1 is not operational"]),
]
# Arista EOS over TCP 601, two octet-counted messages in one segment (RFC 6587 3.4.1).
NE_SYSLOG_TCP = ("10.30.0.17", [
    "<189>Mar  1 12:00:07 leaf-06 Ebra: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
    "Ethernet1, changed state to up",
    "<189>Mar  1 12:00:07 leaf-06 Ebra: %LINK-3-UPDOWN: Interface Ethernet1, changed state "
    "to up"])


@capture("ne_syslog.pcap")
def cap_ne_syslog():
    c = Cap(T0)
    c.add(arp_request_frame(SYSLOG_COLL_MAC, SYSLOG_COLL_IP, SYSLOG_RTR_IP))
    c.add(arp_reply_frame(SYSLOG_RTR_MAC, SYSLOG_RTR_IP, SYSLOG_COLL_MAC, SYSLOG_COLL_IP), 600)
    l2 = L2(SYSLOG_COLL_MAC, SYSLOG_RTR_MAC)
    for i, (ip, msgs) in enumerate(NE_SYSLOG):
        for j, m in enumerate(msgs):
            c.add(udp_frame(l2, False, ip, SYSLOG_COLL_IP, 514, 514, m.encode(), ttl=63),
                  300_000 if j == 0 else 40_000)
    ip, msgs = NE_SYSLOG_TCP
    # the device opens the connection: it is TcpConn's "a", seen with the router's MAC
    t = TcpConn(c, L2(SYSLOG_RTR_MAC, SYSLOG_COLL_MAC), ip, SYSLOG_COLL_IP, 53001, 601,
                ttl_a=63).open(300_000)
    t.send(True, b"".join(b"%d %s" % (len(m), m.encode()) for m in msgs))
    t.close()
    return pcap_of(c)


MDNS_MAC, MDNS_V4 = "01:00:5e:00:00:fb", "224.0.0.251"


def mdns_name(name, table, at):
    """Wire name with compression: suffixes already written (table: suffix -> offset)."""
    labels = name.split(".")
    out = b""
    for i in range(len(labels)):
        suffix = ".".join(labels[i:]).lower()
        if suffix in table:
            return out + struct.pack("!H", 0xC000 | table[suffix])
        if at + len(out) < 0x3FFF:
            table[suffix] = at + len(out)
        lab = labels[i].encode()
        out += bytes([len(lab)]) + lab
    return out + b"\0"


def mdns_response(records, answers):
    """records: (name, type, flush, rdata builder or bytes). The first `answers` are answers,
    the rest additional records (RFC 6762 section 6)."""
    msg = bytearray(struct.pack("!HHHHHH", 0, 0x8400, 0, answers, 0, len(records) - answers))
    table = {}
    for name, typ, flush, rdata in records:
        msg += mdns_name(name, table, len(msg))
        msg += struct.pack("!HHI", typ, (0x8000 if flush else 0) | 1, 120 if typ in (1, 28,
                                                                                   33) else 4500)
        at = len(msg) + 2
        rd = rdata(table, at) if callable(rdata) else rdata
        msg += struct.pack("!H", len(rd)) + rd
    return bytes(msg)


def rd_ptr(target):
    return lambda table, at: mdns_name(target, table, at)


def rd_srv(port, target):
    return lambda table, at: struct.pack("!HHH", 0, 0, port) + mdns_name(target, table, at + 6)


def rd_txt(*strings):
    return b"".join(bytes([len(s)]) + s.encode() for s in strings) or b"\0"


APPLETV_MAC, APPLETV_IP = "f0:18:98:3a:51:20", "192.168.1.20"
PRINTER_MAC, PRINTER_IP = "30:05:5c:7a:fb:ce", "192.168.1.30"
PHONE_LAN_MAC, PHONE_LAN_IP = "3c:2e:ff:41:07:99", "192.168.1.41"


@capture("home_mdns.pcap")
def cap_home_mdns():
    c = Cap(T0)

    def send(src_mac, src_ip, payload, dt):
        seg = udp(src_ip, MDNS_V4, 5353, 5353, payload)
        c.add(eth(MDNS_MAC, src_mac, 0x0800, ip_packet(src_ip, MDNS_V4, 17, seg, ttl=255)), dt)

    # A phone asks for AirPlay receivers (a query: nothing about anyone).
    q = struct.pack("!HHHHHH", 0, 0, 1, 0, 0, 0) + mdns_name("_airplay._tcp.local", {}, 12)
    send(PHONE_LAN_MAC, PHONE_LAN_IP, q + struct.pack("!HH", 12, 1), 0)
    # The Apple TV announces AirPlay and its _device-info (model=J105aAP: Apple TV 4K).
    tv = "Living Room"
    send(APPLETV_MAC, APPLETV_IP, mdns_response([
        ("_airplay._tcp.local", 12, False, rd_ptr(tv + "._airplay._tcp.local")),
        (tv + "._airplay._tcp.local", 33, True, rd_srv(7000, "Living-Room.local")),
        (tv + "._airplay._tcp.local", 16, True, rd_txt(
            "acl=0", "deviceid=F0:18:98:3A:51:20", "features=0x4A7FDFD5,0x3C155FDE",
            "model=AppleTV6,2", "srcvers=595.13.1", "osvers=16.6")),
        ("Living-Room.local", 1, True, ipb(APPLETV_IP)),
        (tv + "._device-info._tcp.local", 16, False, rd_txt("model=J105aAP")),
    ], 3), 200_000)
    # The printer announces IPP with the Bonjour Printing TXT keys.
    pr = "Brother HL-L2350DW series"
    send(PRINTER_MAC, PRINTER_IP, mdns_response([
        ("_ipp._tcp.local", 12, False, rd_ptr(pr + "._ipp._tcp.local")),
        (pr + "._ipp._tcp.local", 33, True, rd_srv(631, "BRW30055C7AFBCE.local")),
        (pr + "._ipp._tcp.local", 16, True, rd_txt(
            "txtvers=1", "qtotal=1", "rp=ipp/print", "ty=Brother HL-L2350DW series",
            "product=(Brother HL-L2350DW series)", "usb_MFG=Brother",
            "usb_MDL=HL-L2350DW series", "pdl=application/octet-stream,image/urf", "Color=F")),
        ("BRW30055C7AFBCE.local", 1, True, ipb(PRINTER_IP)),
    ], 3), 300_000)
    return pcap_of(c)


def build_all():
    """{(dir key, file name): bytes}; dir key 'captures' or 'samples'. Each capture
    starts from fresh counters so that its bytes depend on nothing built before it."""
    out = {}
    for name, fn in CAPTURES.items():
        IPIDS.next.clear()
        data = fn()
        if name.startswith("@"):
            out[("samples", name[1:])] = data
        else:
            out[("captures", name)] = data
    return out


def main(argv):
    import argparse
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="Write vendorsniff's test captures.")
    ap.add_argument("outdir", nargs="?", help="folder for the test captures (tests/captures)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare; exit 1 on any difference")
    ap.add_argument("--sample-dir", default=os.path.normpath(os.path.join(here, "..", "..",
                                                                          "samples")),
                    help="folder for sample.pcap (default: the source tree's samples/)")
    ap.add_argument("--list", action="store_true", help="print the file names and exit")
    args = ap.parse_args(argv)
    if args.list:
        for (key, name) in build_all():
            print(os.path.join("samples" if key == "samples" else "tests/captures", name))
        return 0
    if not args.outdir:
        ap.error("OUTDIR is required")
    dirs = {"captures": args.outdir, "samples": args.sample_dir}
    files = build_all()
    if args.check:
        bad = 0
        for (key, name), data in files.items():
            path = os.path.join(dirs[key], name)
            try:
                with open(path, "rb") as f:
                    old = f.read()
            except OSError as e:
                print("missing: %s (%s)" % (path, e.strerror))
                bad += 1
                continue
            if old != data:
                print("differs: %s (%d bytes on disk, %d generated)"
                      % (path, len(old), len(data)))
                bad += 1
        print("%d files checked, %d differ" % (len(files), bad))
        return 1 if bad else 0
    for key in dirs:
        os.makedirs(dirs[key], exist_ok=True)
    for (key, name), data in files.items():
        path = os.path.join(dirs[key], name)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    print("wrote %d files" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
