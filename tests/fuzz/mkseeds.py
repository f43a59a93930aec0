#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkseeds.py - seed corpus for fuzz_frame from the project's own captures: one seed per
capture (first byte = index into fuzz_frame.c's DLT table, then up to 24 frames joined by
the marker "FRM|"), plus one seed per single frame of the small captures.
usage: mkseeds.py OUTDIR CAPTURE..."""
import os
import struct
import sys

# fuzz_frame.c's table: EN10MB, SLL, SLL2, RAW101, IPV4, IPV6, NULL, LOOP, C_HDLC, PPP, PPP_SERIAL, RAW
DLT_INDEX = {1: 0, 113: 1, 276: 2, 101: 3, 228: 4, 229: 5, 0: 6, 108: 7, 104: 8, 9: 9, 50: 10, 12: 11, 14: 11}


def frames(path):
    data = open(path, "rb").read()
    if len(data) < 24:
        return None, []
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        end = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        end = ">"
    else:
        return None, []
    dlt = struct.unpack(end + "I", data[20:24])[0] & 0xFFFF
    out, off = [], 24
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        if off + incl > len(data):
            break
        out.append(data[off:off + incl])
        off += incl
    return dlt, out


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[2:]:
        dlt, fr = frames(path)
        if dlt not in DLT_INDEX or not fr:
            continue
        base = os.path.splitext(os.path.basename(path))[0]
        idx = bytes([DLT_INDEX[dlt]])
        with open(os.path.join(outdir, base + ".bin"), "wb") as f:
            f.write(idx + b"FRM|".join(fr[:24]))
        if len(fr) <= 12:
            for i, one in enumerate(fr):
                with open(os.path.join(outdir, "%s-%d.bin" % (base, i)), "wb") as f:
                    f.write(idx + one)


if __name__ == "__main__":
    main()
