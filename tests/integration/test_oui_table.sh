#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The binary OUI table (docs/architecture.md, "OUI registry table"): the build tree's
# build/oui_db/oui.bin is mapped instead of parsing the TSV, with the same answers; a
# truncated, damaged or stale table (one made from another TSV) is passed over for the next
# one or for the TSV, with the same answers and a one-line notice under --debug-timing only;
# --oui-db FILE is always parsed and nothing is written next to it. --debug-timing names
# every start-up stage.
source "$(dirname "$0")/lib/common.sh"
[[ -n $VS_BUILD && -s $VS_BUILD/oui_db/oui.bin ]] || skip "no $VS_BUILD/oui_db/oui.bin (cross build?)"
[[ $(realpath "$(dirname "$VS_BIN")") == $(realpath "$VS_BUILD") ]] ||
    skip "VS_BIN is not the build tree's binary"

macs=(00:e0:fc:12:34:56 ac:64:dd:51:22:33 ac:64:dd:f0:00:01 c8:98:db:f1:02:03 8c:1f:64:d8:00:00
    00:50:c2:a3:c1:23 00:00:00:00:00:01 02:60:8c:01:02:03 00:19:c6 aa:bb:cc:dd:ee:ff)
answers() { # data folder, output file; extra lookup arguments after
    local dir=$1 out=$2
    shift 2
    : >"$out"
    for m in "${macs[@]}"; do
        VENDORSNIFF_DATADIR=$dir "$VS_BIN" lookup "$@" "$m" >>"$out" 2>>"$out.err"
        echo "rc=$?" >>"$out"
    done
}

answers "$VS_SRC" "$T/table.out"
check "build tree: the binary table is mapped" \
    bash -c "[[ \$(VENDORSNIFF_DATADIR='$VS_SRC' '$VS_BIN' lookup --debug-timing 00:e0:fc:12:34:56 2>&1 >/dev/null | grep -o 'OUI registry ([^)]*)') == 'OUI registry (binary table)' ]]"
check "answers name the registry's organisations" grep -q 'HUAWEI TECHNOLOGIES CO.,LTD, MA-L 24-bit' "$T/table.out"
check "no notice without --debug-timing" test ! -s "$T/table.out.err"

# A data folder of its own: the shipped signatures, a copy of the TSV.
D=$T/data
mkdir -p "$D/oui_db"
ln -s "$VS_SRC/signatures" "$D/signatures"
cp "$VS_SRC/oui_db/oui.tsv" "$D/oui_db/oui.tsv"

# The same TSV, a truncated table next to it: passed over for the build tree's.
head -c 100000 "$VS_BUILD/oui_db/oui.bin" >"$D/oui_db/oui.bin"
check "truncated table beside the TSV: the build tree's is used" \
    bash -c "[[ \$(VENDORSNIFF_DATADIR='$D' '$VS_BIN' lookup --debug-timing 00:e0:fc:12:34:56 2>&1 >/dev/null | grep -o 'OUI registry ([^)]*)') == 'OUI registry (binary table)' ]]"
answers "$D" "$T/trunc.out"
check "truncated table: same answers" cmp -s "$T/table.out" "$T/trunc.out"

# A TSV that differs from the one the tables were made from (a comment more): both tables
# are stale, the TSV is parsed, and --debug-timing says why on one line.
echo "# a local note" >>"$D/oui_db/oui.tsv"
cp "$VS_BUILD/oui_db/oui.bin" "$D/oui_db/oui.bin"
answers "$D" "$T/stale.out"
check "stale tables: same answers, from the TSV" cmp -s "$T/table.out" "$T/stale.out"
check "stale tables: no notice without --debug-timing" test ! -s "$T/stale.out.err"
check "stale tables: the TSV is parsed" \
    bash -c "[[ \$(VENDORSNIFF_DATADIR='$D' '$VS_BIN' lookup --debug-timing 00:e0:fc:12:34:56 2>&1 >/dev/null | grep -o 'OUI registry ([^)]*)') == 'OUI registry (TSV parsed)' ]]"
VENDORSNIFF_DATADIR=$D "$VS_BIN" lookup --debug-timing 00:e0:fc:12:34:56 2>"$T/notice.err" >/dev/null
check "stale tables: one notice line naming both" \
    bash -c "[[ \$(grep -c 'no usable OUI table' '$T/notice.err') == 1 ]] && grep 'no usable OUI table' '$T/notice.err' | grep -q 'stale.*stale'"

# A damaged table (one byte of its body changed) beside the TSV it was made from: passed
# over for the build tree's (the unit test check_oui covers damage byte by byte).
cp "$VS_SRC/oui_db/oui.tsv" "$D/oui_db/oui.tsv"
"$PY" - "$D/oui_db/oui.bin" <<'PYEOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0x10
open(p, 'wb').write(b)
PYEOF
answers "$D" "$T/damaged.out"
check "damaged table: same answers" cmp -s "$T/table.out" "$T/damaged.out"
VENDORSNIFF_DATADIR=$D "$VS_BIN" lookup --debug-timing 00:e0:fc:12:34:56 2>"$T/damaged.err2" >/dev/null
check "damaged table: the build tree's is mapped instead" \
    grep -q 'OUI registry (binary table)' "$T/damaged.err2"

# --oui-db FILE: parsed, no table looked for or written beside it.
U=$T/user
mkdir -p "$U"
cp "$VS_SRC/oui_db/oui.tsv" "$U/my.tsv"
VENDORSNIFF_DATADIR=$VS_SRC "$VS_BIN" --oui-db "$U/my.tsv" -r "$VS_SRC/samples/sample.pcap" \
    --format none --inventory "$T/user.jsonl" 2>"$T/user.err"
check "--oui-db: run succeeds" test -s "$T/user.jsonl"
check "--oui-db: nothing written next to the user's file" bash -c "[[ \$(ls '$U') == my.tsv ]]"
VENDORSNIFF_DATADIR=$VS_SRC "$VS_BIN" -r "$VS_SRC/samples/sample.pcap" --format none \
    --inventory "$T/shipped.jsonl" 2>"$T/shipped.err"
check "--oui-db: same inventory as the shipped table" \
    "$PY" "$LIB/jq.py" same-inventory "$T/user.jsonl" "$T/shipped.jsonl"
# --debug-timing names every start-up stage, up to the first packet; without it, none.
VENDORSNIFF_DATADIR=$VS_SRC "$VS_BIN" --debug-timing -r "$VS_SRC/samples/sample.pcap" \
    --format none 2>"$T/timing.err2" >/dev/null
for stage in 'process start, dynamic loading' 'OUI registry (binary table)' \
    'signatures: vendors.ini, enterprises.tsv' 'signatures: rules' \
    'signatures: sysObjectID tables' 'signatures: Recog map' 'risk list' \
    'capture opened, first packet analysed' 'total'; do
    check "--debug-timing: stage '$stage'" grep -qF "vendorsniff: timing: $stage" "$T/timing.err2"
done
VENDORSNIFF_DATADIR=$VS_SRC "$VS_BIN" -r "$VS_SRC/samples/sample.pcap" --format none \
    2>"$T/quiet.err2" >/dev/null
check "no timing lines without --debug-timing" bash -c "! grep -q 'timing:' '$T/quiet.err2'"
clean_stderr "$T"/*.err || bad "sanitizer report"
finish
