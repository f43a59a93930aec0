#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkseeds_text.py - seed corpora for fuzz_syslog and fuzz_mdns, from the messages and
announcements tests/gen/mkcaptures.py puts in ne_syslog.pcap and home_mdns.pcap, plus a
few framing and compression edge cases. Seeds are named by their SHA-1, as libFuzzer does.
usage: mkseeds_text.py [CORPUS_DIR]   (default: tests/fuzz/corpus next to this script)"""
import hashlib
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "gen"))
import mkcaptures as mk  # noqa: E402


def write(d, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def syslog_seeds():
    msgs = [m for _, ms in mk.NE_SYSLOG for m in ms] + mk.NE_SYSLOG_TCP[1]
    out = [m.encode() for m in msgs]
    out.append(b"".join(b"%d %s" % (len(m), m.encode()) for m in mk.NE_SYSLOG_TCP[1]))
    out.append(b"\n".join(m.encode() for m in mk.NE_SYSLOG_TCP[1]) + b"\n")
    out += [
        b"<165>1 2024-03-01T12:00:00.123Z mx-01 mgd 4127 UI_COMMIT [junos@2636.1.1.1.2.18 "
        b"username=\"n\\\"o\\]c\"] User",
        b"<134>CEF:0|Fortinet|Fortigate|v6.0.3|00013|traffic:forward close|3|x=1",
        b"<189>1234: RP/0/RSP0/CPU0:Jun 20 14:08:02.234 UTC: ifmgr[254]: "
        b"%PKT_INFRA-LINK-3-UPDOWN : Interface x",
        b"500 <13>Mar  1 12:00:00 h a: b",
    ]
    return out


def mdns_seeds():
    cap = mk.cap_home_mdns()
    dlt, frames = None, []
    off = 24
    while off + 16 <= len(cap):
        incl = struct.unpack("<I", cap[off + 8:off + 12])[0]
        frames.append(cap[off + 16:off + 16 + incl])
        off += 16 + incl
    del dlt
    out = [f[14 + 20 + 8:] for f in frames]
    hdr = struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0)
    out.append(hdr + b"\x01a\xc0\x0c" + struct.pack("!HHIH", 1, 0x8001, 120, 4) +
               bytes([192, 168, 1, 20]))
    out.append(hdr + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 120, 4))
    return out


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")
    for s in syslog_seeds():
        write(os.path.join(corpus, "syslog"), s)
    for s in mdns_seeds():
        write(os.path.join(corpus, "mdns"), s)


if __name__ == "__main__":
    main()
