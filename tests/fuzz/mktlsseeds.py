#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mktlsseeds.py - seed corpora for fuzz_tls and fuzz_x509 from the TLS test certificates
(tests/unit/data/tls/): a TLS server flight (ServerHello, Certificate) in one record and split
across small records, a ClientHello with GREASE, SNI and ALPN, a DTLS ClientHello and a DTLS
Certificate; the small certificates themselves for the X.509 adapter. Deterministic.
usage: mktlsseeds.py            (writes tests/fuzz/corpus/tls and tests/fuzz/corpus/x509)"""
import hashlib
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "unit", "data", "tls")


def der(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


def u24(n):
    return struct.pack("!I", n)[1:]


def hs_msg(t, body):
    return bytes([t]) + u24(len(body)) + body


def records(stream, size=16384, rtype=22):
    out = b""
    for i in range(0, len(stream), size):
        chunk = stream[i:i + size]
        out += bytes([rtype]) + b"\x03\x03" + struct.pack("!H", len(chunk)) + chunk
    return out


def server_hello():
    body = b"\x03\x03" + bytes(range(32)) + b"\x00" + b"\xc0\x2f\x00" + b"\x00\x05\xff\x01\x00\x01\x00"
    return hs_msg(2, body)


def certificate(certs):
    lst = b"".join(u24(len(c)) + c for c in certs)
    return hs_msg(11, u24(len(lst)) + lst)


def ext(t, v):
    return struct.pack("!HH", t, len(v)) + v


def client_hello(dtls=False):
    suites = [0x2A2A, 0x1301, 0x1302, 0xC02B, 0xC02F, 0x002F]
    exts = (ext(0x0A0A, b"") + ext(0, b"\x00\x0e\x00\x00\x0bexample.com") +
            ext(0x10, b"\x00\x0c\x02h2\x08http/1.1") + ext(0x0D, b"\x00\x04\x04\x03\x08\x04") +
            ext(0x2B, b"\x04\x3a\x3a\x03\x04") + ext(0x0A, b"\x00\x02\x00\x1d") + ext(0x17, b""))
    body = (b"\xfe\xfd" if dtls else b"\x03\x03") + bytes(32) + b"\x00" + (b"\x00" if dtls else b"")
    body += struct.pack("!H", 2 * len(suites)) + b"".join(struct.pack("!H", s) for s in suites)
    body += b"\x01\x00" + struct.pack("!H", len(exts)) + exts
    return body


def dtls_record(body):
    return b"\x16\xfe\xfd" + b"\x00\x00" + b"\x00" * 6 + struct.pack("!H", len(body)) + body


def dtls_hs(t, body, off=0, flen=None):
    flen = len(body) - off if flen is None else flen
    return bytes([t]) + u24(len(body)) + b"\x00\x00" + u24(off) + u24(flen) + body[off:off + flen]


def write(outdir, blobs):
    os.makedirs(outdir, exist_ok=True)
    for b in blobs:
        with open(os.path.join(outdir, hashlib.sha1(b).hexdigest()), "wb") as f:
            f.write(b)


def main():
    hik, zte = der("hikvision.der"), der("zte_diameter.der")
    flight = server_hello() + certificate([zte]) + hs_msg(14, b"")
    ch = client_hello()
    cert_body = u24(len(hik) + 3) + u24(len(hik)) + hik
    write(os.path.join(HERE, "corpus", "tls"), [
        records(flight),
        records(flight, 97),
        records(hs_msg(1, ch)),
        dtls_record(dtls_hs(1, client_hello(True))),
        dtls_record(dtls_hs(11, cert_body)),
        dtls_record(dtls_hs(11, cert_body, 0, 200)),
        # behind CAPWAP's DTLS header (RFC 5415 section 4.2)
        b"\x01\x00\x00\x00" + dtls_record(dtls_hs(1, client_hello(True))),
    ])
    write(os.path.join(HERE, "corpus", "x509"), [hik, zte])


if __name__ == "__main__":
    main()
