#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""mktelecom.py - writes the telecom control-plane test captures and fuzz seeds:

  tests/captures/mobile_core.pcap  GTPv2-C (S5/S8), GTPv1-C (Gn) and PFCP (N4) between core
                                   nodes of two vendors, seen on a transit link between two
                                   routers (every frame routed: router MACs, TTL below its
                                   initial value)
  tests/captures/bng_radius.pcap   RADIUS seen at the AAA server: two NAS vendors' requests
                                   arriving through the site router, the server's replies,
                                   a CoA-Request from the server and the NAS's CoA-ACK

Every byte is made here from the specs (3GPP TS 29.274, TS 29.060, TS 29.244; RFC 2865,
2866, 5176, 3162), with the frame helpers of mkcaptures.py; deterministic like it (fixed
timestamps, no randomness), so each run writes identical files. Python 3 standard library.

Usage:
    mktelecom.py OUTDIR [--seeds CORPUSDIR]   write the captures (and the fuzz seeds: UDP
                                              payloads into CORPUSDIR/{gtp,pfcp,radius}/)
    mktelecom.py --check OUTDIR               regenerate in memory; exit 1 on any difference
"""

import hashlib
import hmac
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkcaptures as mk  # noqa: E402  (frame builders, pcap writer, deterministic IP IDs)

# ---------------------------------------------------------------------------
# GTPv2-C (TS 29.274 §5.1, §8.2)


def gtpv2_ie(typ, value, instance=0):
    return struct.pack("!BHB", typ, len(value), instance & 0x0F) + value


def gtpv2(msg_type, seq, ies, teid=None, piggyback=False):
    body = b"".join(ies)
    flags = 0x40 | (0x10 if piggyback else 0) | (0x08 if teid is not None else 0)
    hdr = struct.pack("!I", teid) if teid is not None else b""
    hdr += struct.pack("!I", seq << 8)
    return struct.pack("!BBH", flags, msg_type, len(hdr) + len(body)) + hdr + body


def gtpv2_private_ext(enterprise, value):
    return gtpv2_ie(255, struct.pack("!H", enterprise) + value)


def bcd(digits):
    if len(digits) % 2:
        digits += "f"
    return bytes(int(digits[i + 1], 16) << 4 | int(digits[i], 16) for i in range(0, len(digits), 2))


def fteid(iface, teid, ip):
    return gtpv2_ie(87, struct.pack("!BI", 0x80 | iface, teid) + mk.ip4(ip))


def apn(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split("."))


# ---------------------------------------------------------------------------
# GTPv1-C (TS 29.060 §6, §7.7)


def gtpv1(msg_type, seq, ies, teid=0):
    body = struct.pack("!HBB", seq, 0, 0) + b"".join(ies)
    return struct.pack("!BBHI", 0x32, msg_type, len(body), teid) + body


def tv(typ, value):
    return bytes([typ]) + value


def tlv1(typ, value):
    return struct.pack("!BH", typ, len(value)) + value


def gtpv1_private_ext(enterprise, value):
    return tlv1(255, struct.pack("!H", enterprise) + value)


# ---------------------------------------------------------------------------
# PFCP (TS 29.244 §7.2.2, §8.1.1)


def pfcp_ie(typ, value):
    return struct.pack("!HH", typ, len(value)) + value


def pfcp_vendor_ie(typ, enterprise, value):
    return pfcp_ie(0x8000 | typ, struct.pack("!H", enterprise) + value)


def pfcp(msg_type, seq, ies):
    body = struct.pack("!I", seq << 8) + b"".join(ies)
    return struct.pack("!BBH", 0x20, msg_type, len(body)) + body


def node_id_fqdn(name):
    return pfcp_ie(60, b"\x02" + apn(name))


# NTP-era seconds of the capture's start (TS 29.244 §8.2.65 Recovery Time Stamp).
NTP_T0 = mk.T0 + 2208988800 - 86400

# ---------------------------------------------------------------------------
# RADIUS (RFC 2865 §3, §5; RFC 2866 §3; RFC 5176 §2.3)

SECRET = b"k3y-0f-th3-AAA!"  # the shared secret: a credential, never in any output


def rad_attr(typ, value):
    return struct.pack("!BB", typ, len(value) + 2) + value


def rad_vsa(enterprise, sub, value):
    return rad_attr(26, struct.pack("!IBB", enterprise, sub, len(value) + 2) + value)


def hide_password(password, req_auth):
    """RFC 2865 §5.2 User-Password hiding."""
    p = password + b"\0" * (-len(password) % 16)
    out, last = b"", req_auth
    for i in range(0, len(p), 16):
        b = hashlib.md5(SECRET + last).digest()
        chunk = bytes(x ^ y for x, y in zip(p[i:i + 16], b))
        out += chunk
        last = chunk
    return out


def radius_access_request(ident, label, attrs_fn):
    """Access-Request with a Message-Authenticator (RFC 3579 §3.2) over the whole packet."""
    req_auth = mk.det_bytes("radius-auth:" + label, 16)
    attrs = attrs_fn(req_auth) + rad_attr(80, b"\0" * 16)
    pkt = struct.pack("!BBH", 1, ident, 20 + len(attrs)) + req_auth + attrs
    mac = hmac.new(SECRET, pkt, hashlib.md5).digest()
    return pkt[:-16] + mac, req_auth


def radius_request_hashed(code, ident, attrs):
    """Accounting-Request (RFC 2866 §3) and CoA-Request (RFC 5176 §2.3): the authenticator
    is MD5 over the packet with a zero authenticator, and the secret."""
    length = 20 + len(attrs)
    auth = hashlib.md5(struct.pack("!BBH", code, ident, length) + b"\0" * 16 + attrs +
                       SECRET).digest()
    return struct.pack("!BBH", code, ident, length) + auth + attrs, auth


def radius_response(code, ident, req_auth, attrs):
    """Response Authenticator (RFC 2865 §3)."""
    length = 20 + len(attrs)
    auth = hashlib.md5(struct.pack("!BBH", code, ident, length) + req_auth + attrs +
                       SECRET).digest()
    return struct.pack("!BBH", code, ident, length) + auth + attrs


# ---------------------------------------------------------------------------
# mobile_core.pcap

RTR_A_MAC = "00:1b:54:c2:3a:60"  # transit routers (Cisco OUI): the only MACs in the file
RTR_B_MAC = "00:1b:54:c2:3a:61"
HW_SGW = "10.40.1.10"    # Huawei SGW (S5/S8), initial TTL 255
ZTE_PGW = "10.40.2.20"   # ZTE PGW/GGSN, initial TTL 64
HW_SGSN = "10.40.3.30"   # Huawei SGSN (Gn), initial TTL 255
HW_UPF = "10.40.4.40"    # Huawei UPF (N4), initial TTL 64
SMF = "10.40.5.50"       # SMF of no stated vendor, initial TTL 64
HUAWEI, ZTE = 2011, 3902
UPF_FQDN = "upf-hw-01.5gc.mnc001.mcc001.3gppnetwork.org"
SMF_FQDN = "smf01.5gc.mnc001.mcc001.3gppnetwork.org"
IMSI = "001010123456789"


def mobile_core_payloads():
    """[(src, dst, sport, dport, ttl, payload)] in time order."""
    out = []
    # S5/S8: the Huawei SGW asks the ZTE PGW for a session; each adds its own Private
    # Extension (TS 29.274 §8.67).
    csr = gtpv2(32, 0x000101, [
        gtpv2_ie(1, bcd(IMSI)),
        gtpv2_ie(3, b"\x07"),                                   # Recovery
        gtpv2_ie(82, b"\x06"),                                  # RAT Type EUTRAN
        fteid(5, 0x0A01000A, HW_SGW),                           # S5/S8 SGW GTP-C
        gtpv2_ie(71, apn("internet")),                          # APN
        gtpv2_ie(93, gtpv2_ie(73, b"\x05") + fteid(4, 0x0A01100A, HW_SGW)),  # Bearer Context
        gtpv2_private_ext(HUAWEI, b"\x01\x00\x02\x10"),
    ], teid=0)
    out.append((HW_SGW, ZTE_PGW, 2123, 2123, 254, csr))
    resp = gtpv2(33, 0x000101, [
        gtpv2_ie(2, b"\x10\x00"),                               # Cause: Request accepted
        fteid(7, 0x1402000A, ZTE_PGW),                          # S5/S8 PGW GTP-C
        gtpv2_ie(79, b"\x01\x0a\x64\x00\x07"),                  # PAA 10.100.0.7
        gtpv2_ie(93, gtpv2_ie(73, b"\x05") + gtpv2_ie(2, b"\x10\x00")),
        gtpv2_private_ext(ZTE, b"ZXUN-xGW\x00\x01"),
    ], teid=0x0A01000A)
    out.append((ZTE_PGW, HW_SGW, 2123, 2123, 63, resp))
    # Echo both ways: Recovery only, no evidence.
    out.append((HW_SGW, ZTE_PGW, 2123, 2123, 254, gtpv2(1, 0x000102, [gtpv2_ie(3, b"\x07")])))
    out.append((ZTE_PGW, HW_SGW, 2123, 2123, 63, gtpv2(2, 0x000102, [gtpv2_ie(3, b"\x21")])))
    # Gn: the Huawei SGSN's Create PDP Context Request to the ZTE GGSN and its response.
    cpdp = gtpv1(16, 0x2001, [
        tv(2, bcd(IMSI)), tv(14, b"\x09"), tv(15, b"\x01"), tv(16, b"\x00\x30\x00\x01"),
        tv(17, b"\x00\x30\x00\x02"), tv(20, b"\x05"),
        tlv1(128, b"\xf1\x21"), tlv1(131, apn("internet")),
        tlv1(133, mk.ip4(HW_SGSN)), tlv1(133, mk.ip4(HW_SGSN)),
        tlv1(135, b"\x02\x1b\x93\x1f\x73\x96\x97\x97\x44\xfb\x10\x10\x40\x00\x00"),  # QoS
        gtpv1_private_ext(HUAWEI, b"\x00\x01"),
    ])
    out.append((HW_SGSN, ZTE_PGW, 2123, 2123, 254, cpdp))
    cpdp_resp = gtpv1(17, 0x2001, [
        tv(1, b"\x80"), tv(8, b"\x00"), tv(14, b"\x21"), tv(16, b"\x00\x50\x00\x01"),
        tv(17, b"\x00\x50\x00\x02"), tv(127, b"\x00\x00\x10\x01"),
        tlv1(128, b"\xf1\x21\x0a\x64\x00\x08"),
        tlv1(133, mk.ip4(ZTE_PGW)), tlv1(133, mk.ip4(ZTE_PGW)),
        tlv1(135, b"\x02\x1b\x93\x1f\x73\x96\x97\x97\x44\xfb\x10\x10\x40\x00\x00"),
        gtpv1_private_ext(ZTE, b"\x00\x02"),
    ], teid=0x00300002)
    out.append((ZTE_PGW, HW_SGSN, 2123, 2123, 63, cpdp_resp))
    # N4: the SMF sets up an association with the Huawei UPF; the UPF answers with its Node
    # ID and a vendor-specific IE of its maker (TS 29.244 §8.1.1).
    rts = lambda: pfcp_ie(96, struct.pack("!I", NTP_T0))  # noqa: E731
    areq = pfcp(5, 0x000001, [node_id_fqdn(SMF_FQDN), rts(),
                              pfcp_ie(89, b"\x01")])            # CP Function Features
    out.append((SMF, HW_UPF, 8805, 8805, 63, areq))
    aresp = pfcp(6, 0x000001, [node_id_fqdn(UPF_FQDN), pfcp_ie(19, b"\x01"), rts(),
                               pfcp_ie(43, b"\x10\x00"),          # UP Function Features
                               pfcp_vendor_ie(1, HUAWEI, b"\x00\x01\x00\x00")])
    out.append((HW_UPF, SMF, 8805, 8805, 63, aresp))
    out.append((SMF, HW_UPF, 8805, 8805, 63, pfcp(1, 0x000002, [rts()])))
    out.append((HW_UPF, SMF, 8805, 8805, 63, pfcp(2, 0x000002, [rts()])))
    return out


def cap_mobile_core():
    c = mk.Cap(mk.T0)
    l2 = mk.L2(RTR_A_MAC, RTR_B_MAC)
    # Router A faces the SGW/SGSN/SMF side, router B the PGW/UPF side.
    a_side = {HW_SGW, HW_SGSN, SMF}
    for i, (src, dst, sp, dp, ttl, payload) in enumerate(mobile_core_payloads()):
        c.add(mk.udp_frame(l2, src in a_side, src, dst, sp, dp, payload, ttl=ttl),
              0 if i == 0 else 150_000)
    return mk.pcap_of(c)


# ---------------------------------------------------------------------------
# bng_radius.pcap

SITE_RTR_MAC = "00:1b:54:c2:3a:50"  # the AAA site's router (Cisco OUI)
AAA_MAC = "14:18:77:4e:50:10"       # the AAA server (Dell OUI)
AAA = "10.50.0.10"
HW_BRAS = "10.60.1.1"    # Huawei ME60 BRAS, initial TTL 255
NOK_BNG = "10.60.2.1"    # Nokia 7750 SR BNG, initial TTL 64
HW_NAS_ID = "BRAS-HW-ME60-01"
NOK_NAS_ID = "BNG-NOK-7750-01"
HW_PRODUCT = "ME60-X16"
HW_VERSION = "V800R012C10SPC300"
USERS = ["subscriber01@isp.example", "subscriber02@isp.example"]
PASSWORD = b"Pa55w0rd-subscr1ber"


def huawei_nas_attrs():
    return (rad_attr(4, mk.ip4(HW_BRAS)) + rad_attr(32, HW_NAS_ID.encode()) +
            rad_attr(5, struct.pack("!I", 0x0B001234)) + rad_attr(61, struct.pack("!I", 15)) +
            rad_attr(87, b"eth-trunk1.100:100") +
            rad_vsa(HUAWEI, 255, HW_PRODUCT.encode()) +
            rad_vsa(HUAWEI, 254, HW_VERSION.encode()) +
            rad_vsa(HUAWEI, 138, b"isp.example"))                  # Huawei-Domain-Name


def nokia_nas_attrs():
    return (rad_attr(4, mk.ip4(NOK_BNG)) + rad_attr(32, NOK_NAS_ID.encode()) +
            rad_attr(61, struct.pack("!I", 15)) + rad_attr(87, b"1/1/3:100.200") +
            rad_vsa(6527, 27, b"00:00:5e:00:53:02") +               # Alc-Client-Hardware-Addr
            rad_vsa(6527, 35, b"pppoe-svc"))                       # Alc-PPPoE-Service-Name


def bng_radius_payloads():
    """[(src, dst, sport, dport, ttl, payload)]: NAS packets arrive through the router
    (TTL below the initial), the server's own leave with TTL 64."""
    out = []
    # Huawei BRAS: Access-Request; the server accepts with Huawei QoS VSAs.
    req, auth = radius_access_request(0x11, "hw", lambda a: (
        rad_attr(1, USERS[0].encode()) + rad_attr(2, hide_password(PASSWORD, a)) +
        huawei_nas_attrs()))
    out.append((HW_BRAS, AAA, 50001, 1812, 254, req))
    accept = radius_response(2, 0x11, auth,
                             rad_attr(6, struct.pack("!I", 2)) +            # Framed
                             rad_vsa(HUAWEI, 2, struct.pack("!I", 100000)) +  # Input-Average-Rate
                             rad_vsa(HUAWEI, 5, struct.pack("!I", 100000)) +
                             rad_vsa(HUAWEI, 31, b"qos-100M") +               # Qos-Profile-Name
                             rad_vsa(HUAWEI, 254, b"server-side-text"))
    out.append((AAA, HW_BRAS, 1812, 50001, 64, accept))
    # Huawei BRAS: Accounting-Request Start, Accounting-Response.
    acct, acct_auth = radius_request_hashed(4, 0x12, rad_attr(1, USERS[0].encode()) +
                                            rad_attr(40, struct.pack("!I", 1)) +
                                            rad_attr(44, b"HW0000000012") + huawei_nas_attrs())
    out.append((HW_BRAS, AAA, 50002, 1813, 254, acct))
    out.append((AAA, HW_BRAS, 1813, 50002, 64, radius_response(5, 0x12, acct_auth, b"")))
    # Nokia BNG: Access-Request (Alc VSAs), Access-Accept, Accounting-Request, Response.
    req, auth = radius_access_request(0x21, "nok", lambda a: (
        rad_attr(1, USERS[1].encode()) + rad_attr(2, hide_password(PASSWORD, a)) +
        nokia_nas_attrs()))
    out.append((NOK_BNG, AAA, 64001, 1812, 63, req))
    out.append((AAA, NOK_BNG, 1812, 64001, 64, radius_response(
        2, 0x21, auth, rad_attr(6, struct.pack("!I", 2)) +
        rad_vsa(6527, 12, b"default-sub") + rad_vsa(6527, 13, b"default-sla"))))
    acct, acct_auth = radius_request_hashed(4, 0x22, rad_attr(1, USERS[1].encode()) +
                                            rad_attr(40, struct.pack("!I", 1)) +
                                            rad_attr(44, b"NOK0000000022") + nokia_nas_attrs())
    out.append((NOK_BNG, AAA, 64002, 1813, 63, acct))
    out.append((AAA, NOK_BNG, 1813, 64002, 64, radius_response(5, 0x22, acct_auth, b"")))
    # Dynamic authorization: the server changes the Huawei subscriber's QoS; the BRAS ACKs.
    coa, coa_auth = radius_request_hashed(43, 0x31, rad_attr(1, USERS[0].encode()) +
                                          rad_attr(44, b"HW0000000012") +
                                          rad_vsa(HUAWEI, 31, b"qos-200M"))
    out.append((AAA, HW_BRAS, 60001, 3799, 64, coa))
    out.append((HW_BRAS, AAA, 3799, 60001, 254, radius_response(
        44, 0x31, coa_auth, rad_attr(4, mk.ip4(HW_BRAS)) + rad_attr(32, HW_NAS_ID.encode()))))
    return out


def cap_bng_radius():
    c = mk.Cap(mk.T0)
    l2 = mk.L2(AAA_MAC, SITE_RTR_MAC)
    for i, (src, dst, sp, dp, ttl, payload) in enumerate(bng_radius_payloads()):
        c.add(mk.udp_frame(l2, src == AAA, src, dst, sp, dp, payload, ttl=ttl),
              0 if i == 0 else 40_000)
    return mk.pcap_of(c)


CAPTURES = {"mobile_core.pcap": cap_mobile_core, "bng_radius.pcap": cap_bng_radius}


def seeds():
    """{(corpus, name): payload}: each UDP payload of the captures, as fuzz seeds."""
    out = {}
    for i, p in enumerate(mobile_core_payloads()):
        out[("pfcp" if p[3] == 8805 else "gtp", "mobile_core-%02d" % i)] = p[5]
    for i, p in enumerate(bng_radius_payloads()):
        out[("radius", "bng_radius-%02d" % i)] = p[5]
    return out


def build():
    out = {}
    for name, fn in CAPTURES.items():
        mk.IPIDS.next.clear()
        out[name] = fn()
    return out


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="Write the telecom test captures.")
    ap.add_argument("outdir", help="folder for the captures (tests/captures)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare; exit 1 on any difference")
    ap.add_argument("--seeds", help="fuzz corpus folder (tests/fuzz/corpus)")
    args = ap.parse_args(argv)
    files = build()
    if args.check:
        bad = 0
        for name, data in files.items():
            path = os.path.join(args.outdir, name)
            try:
                with open(path, "rb") as f:
                    old = f.read()
            except OSError as e:
                print("missing: %s (%s)" % (path, e.strerror))
                bad += 1
                continue
            if old != data:
                print("differs: %s (%d bytes on disk, %d generated)" % (path, len(old), len(data)))
                bad += 1
        print("%d files checked, %d differ" % (len(files), bad))
        return 1 if bad else 0
    os.makedirs(args.outdir, exist_ok=True)
    for name, data in files.items():
        path = os.path.join(args.outdir, name)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
    if args.seeds:
        for (corpus, name), data in seeds().items():
            d = os.path.join(args.seeds, corpus)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    print("wrote %d files" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
