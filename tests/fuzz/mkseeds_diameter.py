#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkseeds_diameter.py - seed corpora for fuzz_diameter, fuzz_diameter_sctp and fuzz_stream,
built with the Diameter and SCTP helpers of tests/gen/mkcaptures.py (the peers of
tests/captures/core_diameter.pcap). Deterministic.
usage: mkseeds_diameter.py CORPUS_DIR   (tests/fuzz/corpus)"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gen"))
import mkcaptures as m  # noqa: E402


def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def data_chunk(msg, ppid=46, flags=0x03, tsn=1):
    return m.sctp_chunk(0, flags, struct.pack("!IHHI", tsn, 0, 0, ppid) + msg)


def main():
    out = sys.argv[1]
    cer = m.ZTE_MME.ce(True, 1, 2)
    cea = m.HW_HSS.ce(False, 1, 2)
    dwr = m.ERI_DRA.dw(True, 3, 4)
    d = os.path.join(out, "diameter")
    write(d, "cer_zte", cer)
    write(d, "cea_huawei", cea)
    write(d, "cea_dwr", m.ERI_DRA.ce(False, 5, 6) + dwr)
    write(d, "cer_cut", cer + cea[:70])
    bad = bytearray(cea)
    bad[20 + 12 + 7] = 5  # an AVP length below its header
    write(d, "avp_short", bytes(bad))
    s = os.path.join(out, "diameter_sctp")
    sack = m.sctp_chunk(3, 0, struct.pack("!IIHH", 1, 65536, 0, 0))
    write(s, "data_cer", data_chunk(cer))
    write(s, "sack_data_cea", sack + data_chunk(cea, ppid=0))
    write(s, "fragments", data_chunk(cer[:64], flags=0x02) + data_chunk(cer[64:], flags=0x01,
                                                                          tsn=2))
    idata = struct.pack("!IHHII", 9, 0, 0, 0, 46) + cea
    write(s, "idata_cea", m.sctp_chunk(64, 0x03, idata))
    t = os.path.join(out, "stream")
    write(t, "three", b"\x01" + cer + dwr + cea)
    write(t, "split", b"\x7f" + cea + cer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
