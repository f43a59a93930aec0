#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Interop of the operator-network and home-network fields with tshark: for each capture,
tshark's own dissection (PDML, so that what stands inside a grouped AVP or IE is told
apart from the top level) and vendorsniff's inventory are reduced to the same facts,
(sender IP, field, value), and compared per sender in both directions:

  tshark -> vendorsniff  every value tshark shows for a field, from a sender and in the
                         place vendorsniff decodes it from, is evidence of the device that
                         holds that IP (id, or "ips" of a MAC device);
  vendorsniff -> tshark  every value vendorsniff reports for a device is a value tshark
                         shows from one of the device's addresses.

What vendorsniff deliberately does not take is left out of tshark's side by the rules below,
each with its reason (the "exceptions" of docs/testing.md). Agreement must be 100% in both
directions for every field; a field without values in the given captures is reported as
such. syslog.format has no tshark counterpart (tshark shows the message, vendorsniff its
structure): each format vendorsniff reports must be derived from a message tshark shows
from that sender (see syslog_format_ok), one direction only.

usage: interop_telecom.py VENDORSNIFF CAPTURE... [--tshark TSHARK] [--keep DIR]
"""
import ipaddress
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Every field this check covers, in report order. tls.ja4 is not here: tshark 4.0 has no
# JA4 field (the unit tests check it against the JA4 specification's example).
FIELDS = [
    "diameter.vendor_id", "diameter.product_name", "diameter.firmware_revision",
    "diameter.origin_host", "diameter.origin_realm", "diameter.host_ip_address",
    "gtp.private_extension_enterprise",
    "pfcp.enterprise_ie", "pfcp.node_id",
    "radius.vendor_specific", "radius.vendor_attribute", "radius.nas_identifier",
    "radius.nas_ip_address",
    "syslog.hostname", "syslog.format",
    "ssdp.server", "ssdp.user_agent",
    "upnp.manufacturer", "upnp.model_name", "upnp.model_number", "upnp.model_description",
    "upnp.serial_number", "upnp.friendly_name",
    "mdns.hostname", "mdns.model", "mdns.vendor", "mdns.txt",
    "tls.cert_subject", "tls.cert_issuer",
]
ONE_WAY = {"syslog.format"}

DISPLAY_FILTER = ("diameter or gtp or gtpv2 or pfcp or radius or syslog or ssdp or xml "
                  "or mdns or tls.handshake.certificate or dtls.handshake.certificate")

# Syslog over TCP (RFC 6587) is not registered in tshark 4.0; vendorsniff reads TCP 514/601.
DECODE_AS = ["-d", "tcp.port==601,syslog", "-d", "tcp.port==514,syslog"]

# ---- PDML --------------------------------------------------------------------------------

def _protect(m):
    v = m.group(0)
    v = v.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda c: "\\x%02x" % ord(c.group()), v)


def pdml(tshark, cap):
    p = subprocess.run([tshark, "-n", "-r", cap, *DECODE_AS, "-Y", DISPLAY_FILTER, "-T", "pdml"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    txt = p.stdout.decode("utf-8", "replace")
    if "<packet>" not in txt:
        return []
    txt = re.sub(r'="[^"]*"', _protect, txt)
    try:
        root = ET.fromstring(txt)
    except ET.ParseError:
        cut = txt.rfind("</packet>")
        root = ET.fromstring(txt[:cut + len("</packet>")] + "</pdml>")
    return root.findall("packet")


def show(el):
    return el.get("show") or ""


def kids(el, name=None):
    return [f for f in el.findall("field") if name is None or f.get("name") == name]


def kid(el, name):
    for f in el.findall("field"):
        if f.get("name") == name:
            return f
    return None


def first(el, name):
    f = el.find(".//field[@name='%s']" % name)
    return show(f) if f is not None else None


def all_of(el, name):
    return [show(f) for f in el.iter("field") if f.get("name") == name]


# ---- per protocol: tshark's proto element -> [(field, value)] ----------------------------

SKIPPED = {}  # reason -> values tshark shows that vendorsniff deliberately does not take


def skip(reason, n=1):
    if n:
        SKIPPED[reason] = SKIPPED.get(reason, 0) + n


def ex_diameter(p, ctx):
    # Capabilities-Exchange only (RFC 6733 s5.3; request and answer both describe their
    # sender), top-level base-protocol AVPs only: an AVP inside a grouped one
    # (Vendor-Specific-Application-Id holds a Vendor-Id naming an application's vendor) or
    # one with a vendor ID of its own (a vendor's code space) says nothing of the peer.
    if first(p, "diameter.cmd.code") != "257":
        return []
    out = []
    anywhere = sum(1 for f in p.iter("field") if f.get("name") in (
        "diameter.Vendor-Id", "diameter.Product-Name", "diameter.Firmware-Revision",
        "diameter.Origin-Host", "diameter.Origin-Realm", "diameter.Host-IP-Address"))
    names = {"diameter.Vendor-Id": "diameter.vendor_id",
             "diameter.Product-Name": "diameter.product_name",
             "diameter.Firmware-Revision": "diameter.firmware_revision",
             "diameter.Origin-Host": "diameter.origin_host",
             "diameter.Origin-Realm": "diameter.origin_realm"}
    for avp in kids(p, "diameter.avp"):
        if kid(avp, "diameter.avp.vendorId") is not None:
            continue
        for f in kids(avp):
            n = f.get("name")
            if n in names:
                out.append((names[n], show(f)))
            elif n == "diameter.Host-IP-Address":
                a = kid(f, "diameter.Host-IP-Address.IPv4")
                a = a if a is not None else kid(f, "diameter.Host-IP-Address.IPv6")
                if a is not None:
                    out.append(("diameter.host_ip_address", norm_ip(show(a))))
    skip("diameter: CER/CEA AVP inside a grouped AVP or in a vendor's code space",
         anywhere - len(out))
    return out


def ie_walk(el, name, depth, maxdepth, out):
    """Values of `name` in IEs at most maxdepth levels of grouping deep (an IE node is an
    unnamed field holding gtpv2.ie_type / pfcp.ie_type)."""
    for f in kids(el):
        if f.get("name") == name:
            out.append(show(f))
        elif f.get("name") == "" and depth < maxdepth:
            ie_walk(f, name, depth + 1, maxdepth, out)


def ex_gtpv2(p, ctx):
    # GTP-C only (UDP 2123): GTP-U is not decoded. A Private Extension at the top or inside
    # a top-level grouped IE (TS 29.274 s8.2.2), as gtp.c walks one level down.
    if 2123 not in ctx["ports"]:
        skip("gtp: Private Extension outside GTP-C (UDP 2123)", len(all_of(p, "gtpv2.enterprise_id")))
        return []
    vals = []
    ie_walk(p, "gtpv2.enterprise_id", 0, 2, vals)
    skip("gtp: Private Extension nested deeper than one grouped IE",
         len(all_of(p, "gtpv2.enterprise_id")) - len(vals))
    return [("gtp.private_extension_enterprise", v) for v in vals]


def ex_gtp(p, ctx):
    if 2123 not in ctx["ports"]:
        skip("gtp: Private Extension outside GTP-C (UDP 2123)", len(all_of(p, "gtp.ext_id")))
        return []  # GTP-U (2152) echo messages are not decoded
    return [("gtp.private_extension_enterprise", v) for v in all_of(p, "gtp.ext_id")]


PFCP_NODE_MESSAGES = {1, 2, 5, 6, 7, 8, 9, 10}


def ex_pfcp(p, ctx):
    # Enterprise IEs at the top level (grouped IEs hold the session's rules); the Node ID only
    # from node-related messages (Heartbeat, Association Setup/Update/Release), where it is
    # the sender's own: session messages name other nodes as often as the sender.
    out = []
    msg = int(first(p, "pfcp.msg_type") or 0)
    if msg not in PFCP_NODE_MESSAGES:
        skip("pfcp: Node ID of a session message", len(all_of(p, "pfcp.node_id_type")))
    skip("pfcp: Enterprise IE inside a grouped IE",
         len(all_of(p, "pfcp.enterprise_id")) - sum(len(kids(ie, "pfcp.enterprise_id")) for ie in kids(p, "")))
    for ie in kids(p, ""):
        for f in kids(ie):
            n = f.get("name")
            if n == "pfcp.enterprise_id":
                out.append(("pfcp.enterprise_ie", show(f)))
            elif msg in PFCP_NODE_MESSAGES and n in ("pfcp.node_id_ipv4", "pfcp.node_id_ipv6"):
                out.append(("pfcp.node_id", norm_ip(show(f))))
            elif msg in PFCP_NODE_MESSAGES and n == "pfcp.node_id_fqdn":
                out.append(("pfcp.node_id", show(f)))
    return out


# Packets the NAS sends (RFC 2865, 2866, 5176: Access-Request, Accounting-Request, and the
# NAS's answers to Disconnect/CoA). The AAA server's packets carry the NAS's dictionary too
# but describe nothing of their sender: vendorsniff takes nothing from them.
RADIUS_NAS_CODES = {1, 4, 41, 42, 44, 45}
# Vendor sub-attributes vendorsniff decodes as text (radius.c, FreeRADIUS dictionaries).
RADIUS_TEXT_VSAS = {(2011, 232), (2011, 233), (2011, 254), (2011, 255)}


def ex_radius(p, ctx):
    if int(first(p, "radius.code") or 0) not in RADIUS_NAS_CODES:
        skip("radius: attributes of a packet the AAA server sends",
             len(all_of(p, "radius.avp.vendor_id")) + len(all_of(p, "radius.NAS_Identifier")) +
             len(all_of(p, "radius.NAS_IP_Address")) + len(all_of(p, "radius.NAS_IPv6_Address")))
        return []
    out = []
    for avp in p.iter("field"):
        if avp.get("name") != "radius.avp":
            continue
        for f in kids(avp):
            n = f.get("name")
            if n == "radius.NAS_Identifier":
                out.append(("radius.nas_identifier", show(f)))
            elif n in ("radius.NAS_IP_Address", "radius.NAS_IPv6_Address"):
                out.append(("radius.nas_ip_address", norm_ip(show(f))))
            elif n == "radius.avp.vendor_id":
                ent = int(show(f))
                out.append(("radius.vendor_specific", str(ent)))
                for vsa in kids(avp, ""):
                    t = kid(vsa, "radius.avp.vendor_type")
                    vals = [x for x in kids(vsa) if x.get("name") not in
                            ("radius.avp.vendor_type", "radius.avp.vendor_len")]
                    if t is not None and vals and (ent, int(show(t))) in RADIUS_TEXT_VSAS:
                        out.append(("radius.vendor_attribute",
                                    "%d:%s=%s" % (ent, show(t), show(vals[0]))))
    return out


HOSTNAME_RE = re.compile(r"^[A-Za-z0-9._-]+$")


def plausible_host(s):
    """syslog.c's rule: letters, digits, '.', '-', '_', at least one letter, not an IP
    literal. tshark's RFC 3164 parser takes the word after the time whatever it is (the
    year of H3C Comware's "Mar  1 12:00:04 2024 host"): such words are not names."""
    if not s or not HOSTNAME_RE.match(s) or not re.search(r"[A-Za-z]", s):
        return False
    try:
        ipaddress.ip_address(s)
        return False
    except ValueError:
        return True


RFC3164_HOST = [
    # Headers tshark 4.0 does not parse: Huawei VRP's "Mar  1 2024 12:00:01+00:00 host" (the
    # year before the time) and H3C Comware's "Mar  1 12:00:04 2024 host" (after it, where
    # tshark takes the year for the host name). Tried first: they are the more specific.
    re.compile(r"^[A-Z][a-z]{2} +\d{1,2} \d{4} \d\d:\d\d:\d\d\S* (\S+) "),
    re.compile(r"^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d \d{4} (\S+) "),
    re.compile(r"^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d (\S+) "),  # RFC 3164 s4.1.2
]


def rfc6587_frames(text):
    """tshark 4.0 has no RFC 6587 framing: over TCP its syslog.msg is the whole segment,
    "<len> <PRI>msg..." or LF-terminated messages. Split it as RFC 6587 s3.4 says and drop
    each message's <PRI>."""
    out = []
    while text:
        m = re.match(r"^(\d+) ", text)
        if m:
            n = int(m.group(1))
            frame, text = text[m.end():m.end() + n], text[m.end() + n:]
        else:
            frame, _, text = text.partition("\n")
        frame = re.sub(r"^<\d{1,3}>", "", frame.rstrip("\n"))
        if frame:
            out.append(frame)
    return out


def ex_syslog(p, ctx):
    # vendorsniff reads syslog sent to UDP 514 and TCP 514/601 (decoded as syslog here).
    out = []
    msg = first(p, "syslog.msg")
    if msg is None:
        return out
    udp_ok = ctx["dport"] == 514 or ctx.get("sport") == 514
    if not (udp_ok if ctx["l4"] == "udp" else ctx["dport"] in (514, 601)):
        # The packet path takes syslog to or from UDP 514 (a sender's source port is 514 by
        # RFC 3164; collectors may listen elsewhere) and to TCP 514/601.
        skip("syslog: message neither to nor from UDP 514, nor to TCP 514/601")
        return out
    host = first(p, "syslog.hostname")
    msgs = rfc6587_frames(msg) if ctx["l4"] == "tcp" else [msg]
    for m in msgs:
        out.append(("syslog.msg", m))
        name = host if host is not None and ctx["l4"] == "udp" else None
        if name is None or not plausible_host(name):
            name = None
            for rx in RFC3164_HOST:
                g = rx.match(m)
                if g:
                    name = g.group(1)
                    break
            if name is None and "devid=" in m:
                # FortiOS key=value messages: devname= is the device's name
                g = re.search(r'(?:^|\s)devname="?([^"\s]+)', m)
                name = g.group(1) if g else None
        if name is not None and plausible_host(name):
            out.append(("syslog.hostname", name))
    return out


def ex_ssdp(p, ctx):
    # SSDP is HTTP over UDP: tshark's http.server / http.user_agent under the ssdp protocol.
    out = [("ssdp.server", v) for v in all_of(p, "http.server")]
    out += [("ssdp.user_agent", v) for v in all_of(p, "http.user_agent")]
    return out


UPNP_TAGS = {"manufacturer": "upnp.manufacturer", "modelName": "upnp.model_name",
             "modelNumber": "upnp.model_number", "modelDescription": "upnp.model_description",
             "serialNumber": "upnp.serial_number", "friendlyName": "upnp.friendly_name"}


def tag_name(el):
    m = re.match(r"<\s*([^\s>/]+)", show(el))
    return m.group(1).split(":")[-1] if m else ""


def xml_text(el):
    t = "".join(show(c) for c in kids(el, "xml.cdata"))
    t = re.sub(r"&#x([0-9a-fA-F]+);", lambda m: chr(int(m.group(1), 16)), t)
    t = re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), t)
    for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        t = t.replace(a, b)
    return t.strip()


def upnp_device(dev, depth=0):
    """The six identity fields of the first device at or below dev that names any (UDA
    s2.3: the root device; an embedded one only when the root device names none)."""
    out, seen = [], set()
    for t in kids(dev, "xml.tag"):
        name = tag_name(t)
        if name in UPNP_TAGS and name not in seen:
            v = xml_text(t)
            if v:
                seen.add(name)
                out.append((UPNP_TAGS[name], v))
    if out or depth >= 4:
        return out
    for dl in kids(dev, "xml.tag"):
        if tag_name(dl) == "deviceList":
            for sub in kids(dl, "xml.tag"):
                if tag_name(sub) == "device":
                    got = upnp_device(sub, depth + 1)
                    if got:
                        return got
    return []


def ex_xml(p, ctx):
    for root in kids(p, "xml.tag"):
        if tag_name(root) == "root" and "urn:schemas-upnp-org:device-" in show(root):
            for dev in kids(root, "xml.tag"):
                if tag_name(dev) == "device":
                    return upnp_device(dev)
    return []


def ex_mdns(p, ctx):
    """RFC 6762/6763 as mdns.c reads them: responses only; the sender's host names are those
    whose A/AAAA record holds the packet's source address; its instances those whose SRV
    target is such a name; TXT keys only from the sender's instances (or the same instance
    under another service), or cache-flush TXT of a packet with no other host's address."""
    if first(p, "dns.flags.response") != "1" or int(first(p, "dns.flags.opcode") or 0):
        return []
    src = ctx["ip"]
    recs = []
    for r in p.iter("field"):
        t = kid(r, "dns.resp.type")
        if t is None:
            continue
        name = kid(r, "dns.resp.name")
        if name is not None:
            name = show(name)
        else:
            name = ".".join(show(kid(r, k)) for k in ("dns.srv.service", "dns.srv.proto", "dns.srv.name")
                            if kid(r, k) is not None)
        recs.append({"type": int(show(t)), "name": name, "el": r,
                     "flush": first(r, "dns.resp.cache_flush") == "1"})
    hosts = {}
    for r in recs:
        if r["type"] in (1, 28):
            a = first(r["el"], "dns.a") if r["type"] == 1 else first(r["el"], "dns.aaaa")
            if a and norm_ip(a) == src:
                hosts[r["name"].lower()] = r["name"]
    foreign = any(r["type"] in (1, 28) and r["name"].lower() not in hosts for r in recs)
    instances = [r["name"] for r in recs
                 if r["type"] == 33 and (first(r["el"], "dns.srv.target") or "").lower() in hosts]
    out = [("mdns.hostname", h[:-6]) for k, h in sorted(hosts.items())
           if k.endswith(".local") and len(k) > 6]

    def svc_split(n):
        m = re.match(r"^(.*)\.(_[^.]+)\.(_tcp|_udp)\.local$", n, re.I)
        return (m.group(1), m.group(2).lower(), m.group(3).lower()) if m else (None, None, None)

    printers = {"_ipp", "_ipps", "_printer", "_pdl-datastream", "_uscan", "_uscans", "_scanner"}
    for r in recs:
        if r["type"] != 16:
            continue
        inst, svc, proto = svc_split(r["name"])
        mine = any(i.lower() == r["name"].lower() or
                   (inst is not None and svc_split(i)[0] is not None and svc_split(i)[0].lower() == inst.lower())
                   for i in instances)
        if not mine and not (r["flush"] and not foreign):
            continue
        items = [show(f) for f in kids(r["el"], "dns.txt")]
        items = [i for i in items if i]
        if svc == "_device-info" and proto == "_tcp" and items:
            out.append(("mdns.txt", " ".join(items)))
        for it in items:
            if "=" not in it:
                continue
            k, v = it.split("=", 1)
            k = k.lower()
            if k in ("model", "usb_mdl") or (k == "md" and svc in ("_googlecast", "_hap")) or \
                    (k == "ty" and svc in printers):
                out.append(("mdns.model", v))
            elif k in ("usb_mfg", "manufacturer", "vendor"):
                out.append(("mdns.vendor", v))
    return out


X509_NAMES = {"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O",
              "2.5.4.11": "OU", "2.5.4.9": "STREET", "0.9.2342.19200300.100.1.25": "DC",
              "0.9.2342.19200300.100.1.1": "UID"}


def rdn_value(item):
    vals = [f for f in item.iter("field")
            if f.get("name") not in ("x509if.oid", "x509sat.DirectoryString") and show(f)
            and not kids(f)]
    return show(vals[-1]) if vals else ""


def dn_from_tshark(name_el):
    """[(attr, value)] in RFC 4514 order (the last RDN first) of an x509af.issuer/subject."""
    rdns = []
    for rdn in name_el.iter("field"):
        if rdn.get("name") != "x509if.RDNSequence_item":
            continue
        atts = []
        for item in kids(rdn, "x509if.RelativeDistinguishedName_item_element"):
            oid = first(item, "x509if.oid") or ""
            atts.append((X509_NAMES.get(oid, oid), rdn_value(item)))
        rdns.append(atts)
    return [a for rdn in reversed(rdns) for a in rdn]


def dn_parse(s):
    """RFC 4514 text -> [(attr, value)]: ',' and '+' separate, '\\' escapes (\\, or \\2C)."""
    out, cur, key, i = [], "", None, 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            if re.match(r"[0-9a-fA-F]{2}", s[i + 1:i + 3]):
                cur += chr(int(s[i + 1:i + 3], 16))
                i += 3
                continue
            cur += s[i + 1]
            i += 2
            continue
        if c == "=" and key is None:
            key, cur = cur, ""
        elif c in ",+":
            out.append((key, cur))
            key, cur = None, ""
        else:
            cur += c
        i += 1
    if key is not None:
        out.append((key, cur))
    return out


def dn_key(atts):
    # GnuTLS writes an attribute it has no name for as "OID=#<DER hex>": its value is not
    # text to compare, only its type.
    return tuple((k, "#" if v.startswith("#") else v) for k, v in atts)


def is_public(ip):
    try:
        return ipaddress.ip_address(ip).is_global
    except ValueError:
        return False


def dtls_first_cert_split(p, certs):
    """Did tshark reassemble this Certificate message from datagrams, with the first
    certificate not whole in the first fragment (RFC 6347 s4.2.3)? vendorsniff decodes a
    DTLS Certificate message only from its first fragment."""
    lens = [int(show(f)) for f in kids(certs, "dtls.handshake.certificate_length")]
    for frags in p.iter("field"):
        if frags.get("name") != "dtls.fragments":
            continue
        for fr in kids(frags, "dtls.fragment"):
            m = re.search(r"payload: 0-(\d+)", fr.get("showname") or "")
            # the first fragment holds 3 bytes of list length, 3 of certificate length
            if m and lens and 6 + lens[0] > int(m.group(1)) + 1:
                return True
    return False


def ex_tls(p, ctx, pre="tls"):
    # The first certificate of each Certificate message (the sender's own; the rest of the
    # chain is its CAs'), and only from private addresses: vendorsniff drops certificates a
    # public address sends (a server on the Internet is not equipment of this network).
    if is_public(ctx["ip"]):
        skip("tls: certificate message from a public address",
             sum(1 for f in p.iter("field") if f.get("name") == pre + ".handshake.certificates"))
        return []
    out = []
    for certs in p.iter("field"):
        if certs.get("name") != pre + ".handshake.certificates":
            continue
        cs = kids(certs, pre + ".handshake.certificate")
        if not cs:
            continue
        if pre == "dtls" and dtls_first_cert_split(p, certs):
            skip("dtls: first certificate spans datagrams (tls.c reassembles no DTLS fragments "
                 "across datagrams)")
            continue
        sc = cs[0].find(".//field[@name='x509af.signedCertificate_element']")
        if sc is None:
            continue
        for part, fld in (("x509af.subject", "tls.cert_subject"), ("x509af.issuer", "tls.cert_issuer")):
            el = kid(sc, part)
            if el is not None:
                out.append((fld, dn_key(dn_from_tshark(el))))
    return out


EXTRACT = {"diameter": ex_diameter, "gtpv2": ex_gtpv2, "gtp": ex_gtp, "pfcp": ex_pfcp,
           "radius": ex_radius, "syslog": ex_syslog, "ssdp": ex_ssdp, "xml": ex_xml,
           "mdns": ex_mdns, "tls": ex_tls, "dtls": lambda p, c: ex_tls(p, c, "dtls")}


def norm_ip(s):
    try:
        return str(ipaddress.ip_address(s.strip()))
    except ValueError:
        return s.strip()


def tshark_facts(tshark, cap):
    """{field: {sender ip: [values]}} from tshark (plus syslog.msg, the messages)."""
    facts = {}
    for pkt in pdml(tshark, cap):
        ip, ports, l4, dport, sport = None, set(), None, 0, 0
        for proto in pkt.findall("proto"):
            name = proto.get("name")
            if name == "ip":
                ip = norm_ip(first(proto, "ip.src") or "")
            elif name == "ipv6":
                ip = norm_ip(first(proto, "ipv6.src") or "")
            elif name in ("udp", "tcp", "sctp"):
                l4 = name
                dport = int(first(proto, name + ".dstport") or 0)
                sport = int(first(proto, name + ".srcport") or 0)
                ports = {int(x) for x in (first(proto, name + ".srcport"), first(proto, name + ".dstport"))
                         if x and x.isdigit()}
            elif name in EXTRACT and ip:
                # tshark repeats a protocol's tree for each PDU in a frame: each is read
                for fld, val in EXTRACT[name](proto, {"ip": ip, "ports": ports, "l4": l4, "dport": dport,
                                                     "sport": sport}):
                    facts.setdefault(fld, {}).setdefault(ip, [])
                    if val not in facts[fld][ip]:
                        facts[fld][ip].append(val)
    return facts


# ---- vendorsniff's side -------------------------------------------------------------------

def vs_devices(vs, cap, outdir):
    inv = os.path.join(outdir, os.path.basename(cap) + ".jsonl")
    p = subprocess.run([vs, "-r", cap, "--inventory", inv, "--format", "none"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise SystemExit("interop_telecom: vendorsniff failed on %s: %s" % (cap, p.stderr.decode()))
    devs = []
    for line in open(inv, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        ips = {norm_ip(x) for x in d.get("ips") or []}
        try:
            ips.add(norm_ip(str(ipaddress.ip_address(d["id"]))))
        except ValueError:
            pass
        ev = {}
        for e in d.get("evidence", []):
            f = e["source"] + "." + e["field"]
            if f in FIELDS:
                v = e["value"].strip()
                if f in ("tls.cert_subject", "tls.cert_issuer"):
                    v = dn_key(dn_parse(v))
                ev.setdefault(f, set()).add(v)
        devs.append({"id": d["id"], "ips": ips, "ev": ev})
    return devs


BSD_START = re.compile(r"^(?:[A-Z][a-z]{2} +\d{1,2} |\d{4}-\d\d-\d\d)")
HEAD_WORDS = 8


def syslog_format_ok(fmt, msgs):
    """Is fmt (syslog.c's structure of a message: header kind, tags, event token) derived
    from one of tshark's messages? Each item after the kind is a word of the message, in
    order, with "[digits]" groups (PIDs) removed and a word glued to its text after ':'
    split there; "kv devid=X" needs devid=X; "cef V|P|Ver" needs the CEF header."""
    kind, _, rest = fmt.partition(" ")
    if kind not in ("bsd", "bare", "5424"):
        return False
    if rest.split(" ", 1)[0] in ("kv", "cef"):
        kind, _, rest = rest.partition(" ")
    for msg in msgs:
        if kind == "kv":
            m = re.match(r"^devid=(\S+)$", rest)
            if m and re.search(r'(?:^|\s)devid="?%s"?(?:\s|$)' % re.escape(m.group(1)), msg):
                return True
            if not m and all(re.search(r"(?:^|\s)%s=" % re.escape(k), msg) for k in rest.split()):
                return True
            continue
        if kind == "cef":
            if ("CEF:0|" + rest.replace("_", " ")) in msg.replace("_", " "):
                return True
            continue
        if kind == "5424":
            # RFC 5424: tshark's message starts with VERSION TIMESTAMP HOSTNAME APP-NAME
            # PROCID MSGID; the format holds APP-NAME and MSGID (and the SD-IDs after them).
            f = msg.split(" ")
            items = rest.split(" ")
            if len(f) >= 6 and f[0].isdigit() and f[3] == items[0] and (
                    len(items) < 2 or f[5] == items[1]):
                return True
            continue
        # the header kind: "bsd" begins with a timestamp (RFC 3164's or a vendor's variant);
        # "bare" has no RFC 3164 "Mmm dd hh:mm:ss HOST" header (its own time ends in ':')
        if kind == "bsd" and not BSD_START.match(msg):
            continue
        if kind == "bare" and RFC3164_HOST[2].match(msg):
            continue
        words = []
        for w in re.sub(r"\[\d+\]", "", msg).split():
            m = re.match(r"^(\S*?[^0-9\s]:)(\S+)$", w)
            words += [m.group(1), m.group(2)] if m else [w]
        i = 0
        for n, item in enumerate(rest.split()):
            while i < len(words) and words[i] != item:
                i += 1
            # items come from the message's head, never from the text after the event
            if i == len(words) or (n == 0 and i >= HEAD_WORDS):
                break
            i += 1
        else:
            return True
    return False


# ---- comparison ---------------------------------------------------------------------------

def show_val(v):
    if isinstance(v, tuple):
        return ",".join("%s=%s" % kv for kv in v)
    return v


def compare(caps, vs, tshark, keep):
    tally = {f: [0, 0, 0, 0] for f in FIELDS}  # tshark->vs ok, total; vs->tshark ok, total
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        outdir = keep or tmp
        for cap in caps:
            name = os.path.basename(cap)
            facts = tshark_facts(tshark, cap)
            devs = vs_devices(vs, cap, outdir)
            for f in FIELDS:
                if f in ONE_WAY:
                    continue
                for ip, vals in sorted(facts.get(f, {}).items()):
                    have = set()
                    for d in devs:
                        if ip in d["ips"]:
                            have |= d["ev"].get(f, set())
                    for v in vals:
                        tally[f][1] += 1
                        if v in have:
                            tally[f][0] += 1
                        else:
                            misses.append("%s: tshark %s %s = %r, vendorsniff: %r" %
                                          (name, ip, f, show_val(v), sorted(map(show_val, have))))
            for d in devs:
                for f, vals in d["ev"].items():
                    for v in sorted(vals, key=show_val):
                        tally[f][3] += 1
                        if f == "syslog.format":
                            msgs = [m for ip in d["ips"] for m in facts.get("syslog.msg", {}).get(ip, [])]
                            ok = syslog_format_ok(v, msgs)
                        else:
                            ok = any(v in facts.get(f, {}).get(ip, []) for ip in d["ips"])
                        if ok:
                            tally[f][2] += 1
                        else:
                            misses.append("%s: vendorsniff %s %s = %r not shown by tshark" %
                                          (name, d["id"], f, show_val(v)))
    fail = False
    for f in FIELDS:
        a, b, c, d = tally[f]
        if f in ONE_WAY:
            line = "tshark->vendorsniff     n/a  vendorsniff->tshark %4d/%-4d" % (c, d)
        else:
            line = "tshark->vendorsniff %4d/%-4d vendorsniff->tshark %4d/%-4d" % (a, b, c, d)
        ok = a == b and c == d
        fail |= not ok
        note = "" if b or d else "  (no values in these captures)"
        print("interop-telecom %-34s %s %s%s" % (f, line, "ok" if ok else "DISAGREE", note))
    for reason, n in sorted(SKIPPED.items()):
        print("interop-telecom excluded by design: %4d  %s" % (n, reason))
    for m in misses:
        print("  " + m)
    return 1 if fail else 0


def main():
    args = sys.argv[1:]
    tshark, keep = "tshark", None
    if "--tshark" in args:
        i = args.index("--tshark")
        tshark = args[i + 1]
        del args[i:i + 2]
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    return compare(args[1:], args[0], tshark, keep)


if __name__ == "__main__":
    sys.exit(main())
