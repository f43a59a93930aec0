#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The analyst's offline day (issue 18): the same inventory from a capture plain and gzip,
# zstd, xz, lz4 or bzip2 compressed (pcap and pcapng; files and stdin; told by content, not
# name), from a directory of its rotated pieces in shuffled order (non-captures skipped with
# one line), from many -r arguments, and with --jobs 1 and --jobs 2 byte for byte; a
# truncated .gz keeps what was read and exits 1 naming the file and the layer; the progress
# line under a pseudo-terminal and not into a pipe; the final summary line.
# Env from ctest: VS_BIN, VS_SRC.
set -uo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
need_cmd gzip zstd xz lz4 bzip2 script

SAMPLE=$VS_SRC/samples/sample.pcap

# run NAME ARGS...: offline run; inventory $T/NAME.inv, events $T/NAME.ev, stderr $T/NAME.err,
# exit status in $RC.
run() {
    local name=$1
    shift
    RC=0
    timeout 60 "$VS_BIN" --sensor a --format none --inventory "$T/$name.inv" -w "$T/$name.ev" \
        "$@" 2>"$T/$name.err" || RC=$?
}
same_inv() { cmp -s "$T/ref.inv" "$T/$1.inv" || { diff "$T/ref.inv" "$T/$1.inv" | head -5; return 1; }; }
rc0() { [[ $RC -eq 0 ]] || { echo "     exit $RC"; head -5 "$T/$1.err"; return 1; }; }

# The sample as pcapng (SHB, IDB, EPBs), and cut into rotated pieces of 100 packets.
"$PY" - "$SAMPLE" "$T" <<'PY'
import struct, sys
src, out = sys.argv[1], sys.argv[2]
b = open(src, "rb").read()
hdr, off, recs = b[:24], 24, []
magic, = struct.unpack("<I", b[:4])
assert magic == 0xa1b2c3d4, "sample is little-endian usec pcap"
linktype, = struct.unpack("<I", b[20:24])
while off + 16 <= len(b):
    sec, usec, incl, orig = struct.unpack("<IIII", b[off:off + 16])
    recs.append((sec, usec, orig, b[off + 16:off + 16 + incl]))
    off += 16 + incl
def blk(t, body):
    n = 12 + len(body)
    return struct.pack("<II", t, n) + body + struct.pack("<I", n)
ng = blk(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
ng += blk(1, struct.pack("<HHI", linktype, 0, 65535))
for sec, usec, orig, data in recs:
    ts = sec * 1000000 + usec
    pad = b"\0" * (-len(data) % 4)
    ng += blk(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), orig) + data + pad)
open(out + "/sample.pcapng", "wb").write(ng)
for i in range(0, len(recs), 100):
    with open("%s/piece%02d.pcap" % (out, i // 100), "wb") as f:
        f.write(hdr)
        for sec, usec, orig, data in recs[i:i + 100]:
            f.write(struct.pack("<IIII", sec, usec, len(data), orig) + data)
PY

run ref -r "$SAMPLE"
check "plain pcap: read (exit 0, devices found)" bash -c "[[ $RC -eq 0 && -s '$T/ref.inv' ]]"
check "every run ends with one summary line" \
    grep -qxE 'vendorsniff: summary: 1 file, 826 packets in [0-9.]+ s, [0-9]+ devices, [0-9]+ risk devices, 0 files with errors' "$T/ref.err"

run ng -r "$T/sample.pcapng"
check "plain pcapng: the same inventory" bash -c "$(declare -f same_inv); T='$T'; same_inv ng"

# Compressed copies under names that say nothing: content decides.
for z in gzip zstd xz lz4 bzip2; do
    for kind in pcap pcapng; do
        f=$T/sample.$kind
        [[ $kind == pcap ]] && f=$SAMPLE
        $z -c "$f" >"$T/$kind-$z.capture"
        run "$kind-$z" -r "$T/$kind-$z.capture"
        check "$kind $z: exit 0 and the same inventory" bash -c "[[ $RC -eq 0 ]] && cmp -s '$T/ref.inv' '$T/$kind-$z.inv'"
    done
done

# stdin, compressed.
RC=0
zstd -c "$SAMPLE" | timeout 60 "$VS_BIN" -r - --sensor a --format none --inventory "$T/stdin.inv" 2>"$T/stdin.err" || RC=$?
check "stdin zstd pcap: the same inventory" bash -c "[[ $RC -eq 0 ]] && cmp -s '$T/ref.inv' '$T/stdin.inv'"
RC=0
gzip -c "$T/sample.pcapng" | timeout 60 "$VS_BIN" -r - --sensor a --format none --inventory "$T/stdin2.inv" 2>"$T/stdin2.err" || RC=$?
check "stdin gzip pcapng: the same inventory" bash -c "[[ $RC -eq 0 ]] && cmp -s '$T/ref.inv' '$T/stdin2.inv'"

# Rotated pieces in a directory, names shuffled against time, mixed codecs, a stranger.
mkdir -p "$T/rot/deeper"
codecs=(cat gzip zstd xz lz4 bzip2)
names=(m c x a q f k b z)
i=0
for p in "$T"/piece*.pcap; do
    c=${codecs[$((i % 6))]}
    "$c" -c "$p" >"$T/rot/${names[$i]}.cap" 2>/dev/null || cp "$p" "$T/rot/${names[$i]}.cap"
    i=$((i + 1))
done
npieces=$i
echo "not a capture" >"$T/rot/README.txt"
mv "$T/rot/z.cap" "$T/rot/deeper/z.cap"
run dir -r "$T/rot" --recursive
check "directory (--recursive) of $npieces shuffled pieces: exit 0, the same inventory" \
    bash -c "[[ $RC -eq 0 ]] && cmp -s '$T/ref.inv' '$T/dir.inv'"
check "the non-capture skipped with one line" \
    bash -c "[[ \$(grep -c 'README.txt: not a capture file, skipped' '$T/dir.err') -eq 1 ]]"
check "summary counts every piece" grep -q "summary: $npieces files, 826 packets" "$T/dir.err"
run dirflat -r "$T/rot"
check "without --recursive the subdirectory is skipped, with one line" \
    bash -c "[[ $RC -eq 0 ]] && grep -q 'deeper: a directory, skipped' '$T/dirflat.err' && ! cmp -s '$T/ref.inv' '$T/dirflat.inv'"
args=()
for f in "$T"/rot/*.cap "$T"/rot/deeper/*.cap; do args+=(-r "$f"); done
run many "${args[@]}"
check "many -r arguments (glob order, not time order): the same inventory" \
    bash -c "[[ $RC -eq 0 ]] && cmp -s '$T/ref.inv' '$T/many.inv'"

run j1 -r "$T/rot" --recursive --jobs 1
run j2 -r "$T/rot" --recursive --jobs 2
run j4 -r "$T/rot" --recursive -j 4
check "--jobs 1, 2 and 4: inventories identical" \
    bash -c "cmp -s '$T/j1.inv' '$T/j2.inv' && cmp -s '$T/j1.inv' '$T/j4.inv' && cmp -s '$T/ref.inv' '$T/j2.inv'"
check "--jobs 1, 2 and 4: event streams identical" \
    bash -c "cmp -s '$T/j1.ev' '$T/j2.ev' && cmp -s '$T/j1.ev' '$T/j4.ev'"
for j in 1 2; do
    timeout 60 "$VS_BIN" -r "$T/rot" --recursive --jobs $j --sensor a --format json >"$T/rep$j.json" 2>/dev/null
done
check "--jobs 1 and 2: JSON reports identical" cmp -s "$T/rep1.json" "$T/rep2.json"
check "--jobs 0 refused" bash -c "! '$VS_BIN' -r '$SAMPLE' --jobs 0 2>/dev/null"

# A truncated .gz: what was read counts, exit 1, the file and the layer named.
gzip -c "$SAMPLE" | head -c 60000 >"$T/cut.pcap.gz"
run cut -r "$T/cut.pcap.gz"
check "truncated .gz: exit 1" test "$RC" -eq 1
check "truncated .gz: names the file and the layer" \
    grep -q "cut.pcap.gz: gzip: unexpected end of data after" "$T/cut.err"
check "truncated .gz: what was read is in the inventory" test -s "$T/cut.inv"
check "truncated .gz: counted as a file with errors" grep -q "1 file with errors" "$T/cut.err"
cp "$T/cut.pcap.gz" "$T/rot/cut.cap"
run dircut -r "$T/rot" --recursive --jobs 2
check "truncated piece among others (--jobs 2): exit 1, the rest read" \
    bash -c "[[ $RC -eq 1 ]] && grep -q 'cut.cap: gzip: unexpected end' '$T/dircut.err' && [[ \$(wc -l <'$T/dircut.inv') -ge \$(wc -l <'$T/ref.inv') ]]"
rm "$T/rot/cut.cap"

# Progress: a pseudo-terminal gets the line, a pipe does not unless asked.
script -qec "'$VS_BIN' -r '$T/rot' --recursive --format none" /dev/null >"$T/tty.out" 2>&1
check "progress line under a pseudo-terminal" \
    bash -c "grep -qaE \$'\\r\\e\\\\[Kfiles [0-9]+/$npieces, .*packets/s, [0-9]+ devices, [0-9]+ risk devices, ' '$T/tty.out'"
check "summary line under a pseudo-terminal too" grep -qa "vendorsniff: summary: $npieces files" "$T/tty.out"
script -qec "'$VS_BIN' -r '$T/rot' --recursive --format none --no-progress" /dev/null >"$T/tty2.out" 2>&1
check "--no-progress: no progress line on a terminal" bash -c "! grep -qa 'packets/s' '$T/tty2.out'"
script -qec "'$VS_BIN' -r '$T/rot' --recursive -q" /dev/null >"$T/tty3.out" 2>&1
check "-q: no progress line on a terminal" bash -c "! grep -qa 'packets/s' '$T/tty3.out'"
"$VS_BIN" -r "$T/rot" --recursive --format none 2>&1 | cat >"$T/pipe.out"
check "stderr a pipe: no progress line, the summary only" \
    bash -c "! grep -q 'packets/s' '$T/pipe.out' && grep -q '^vendorsniff: summary: ' '$T/pipe.out'"
"$VS_BIN" -r "$T/rot" --recursive --format none --progress 2>&1 | cat >"$T/pipe2.out"
check "--progress into a pipe: whole lines" \
    grep -qE "^vendorsniff: progress: files [0-9]+/$npieces, " "$T/pipe2.out"
check "progress never reaches the JSON outputs" bash -c "! grep -q 'packets/s' '$T'/*.inv '$T'/*.ev '$T'/*.json"

finish
