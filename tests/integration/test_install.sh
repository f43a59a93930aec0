#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# cmake --install into a temporary prefix: the binary, its data (oui_db, signatures), the
# man page (when docs/vendorsniff.1 exists) and the systemd unit land where they should;
# the installed binary, run from another folder, finds its installed data (not the source
# tree's), still does after the prefix is moved, and --version works. DESTDIR staging and
# the unit's ExecStart follow the prefix; systemd-analyze verifies the unit when present.
source "$(dirname "$0")/lib/common.sh"
need_cmd cmake
[[ -n $VS_BUILD && -f $VS_BUILD/cmake_install.cmake ]] || skip "VS_BUILD has no cmake_install.cmake"
[[ -w $VS_BUILD ]] || skip "cannot write to $VS_BUILD (cmake --install writes install_manifest.txt there)"

P=$T/prefix
if ! cmake --install "$VS_BUILD" --prefix "$P" >"$T/install.log" 2>&1; then
    bad "cmake --install failed"
    show "$T/install.log"
    finish
fi
ok "cmake --install --prefix $P"
check "binary installed" test -x "$P/bin/vendorsniff"
check "OUI registry installed" test -s "$P/share/vendorsniff/oui_db/oui.tsv"
check "signatures installed (vendors, risk list, rules)" \
    bash -c "test -s '$P/share/vendorsniff/signatures/vendors.ini' && test -s '$P/share/vendorsniff/signatures/risk-list.ini' && ls '$P'/share/vendorsniff/signatures/rules/*.ini >/dev/null"
check "no build scripts among the installed data" \
    bash -c "! find '$P/share/vendorsniff' -name '*.py' | grep -q ."
if [[ -f $VS_SRC/docs/vendorsniff.1 ]]; then
    check "man page installed" test -s "$P/share/man/man1/vendorsniff.1"
fi
unit=$P/lib/systemd/system/vendorsniff.service
check "systemd unit installed" test -s "$unit"
check "unit's ExecStart is the installed binary" grep -q "^ExecStart=$P/bin/vendorsniff -i " "$unit"
check "unit keeps its hardening" \
    bash -c "grep -q '^CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN$' '$unit' && grep -q '^NoNewPrivileges=yes$' '$unit' && grep -q '^ProtectSystem=strict$' '$unit' && grep -q '^ExecReload=kill -HUP \$MAINPID$' '$unit'"
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify accepts the unit" \
        bash -c "systemd-analyze verify --man=no '$unit' >'$T/verify.log' 2>&1 && ! grep -qi 'unknown\|invalid\|ignoring' '$T/verify.log'"
    [[ -s $T/verify.log ]] && show "$T/verify.log"
fi

# From another folder, with nothing pointing at the source tree.
mkdir -p "$T/elsewhere"
mkpcap lan "$T/elsewhere/lan.pcap"
cd "$T/elsewhere" || exit 1
unset VENDORSNIFF_DATADIR
"$P/bin/vendorsniff" --version >"$T/version.out" 2>"$T/version.err"
rc=$?
check "--version: exit 0 (got $rc)" test $rc -eq 0
check "--version: names the version" grep -qE '^vendorsniff [0-9]+\.[0-9]+\.[0-9]+' "$T/version.out"
check "--version: not the 0.0.0 placeholder" bash -c "! grep -q '^vendorsniff 0.0.0' '$T/version.out'"
check "--version: data folder is the installed one" \
    grep -qx "data folder: $P/share/vendorsniff" "$T/version.out"
check "--version: OUI registry and signatures loaded from it" \
    bash -c "grep -q '^OUI registry: .*assignments' '$T/version.out' && grep -q '^signatures: [1-9][0-9]* rules' '$T/version.out'"

"$P/bin/vendorsniff" -r lan.pcap --inventory inv.jsonl --format none 2>"$T/run.err"
rc=$?
check "installed binary reads a capture: exit 0 (got $rc)" test $rc -eq 0
check "installed data used: Huawei switch attributed (OUI + signatures)" \
    grep -q '"id":"00:e0:fc:11:22:33".*"vendor":"Huawei".*"oui_org":"HUAWEI TECHNOLOGIES CO.,LTD".*"model":"CE6851-48S6Q-HI"' inv.jsonl
check "installed data used: risk list applied" grep -q '"id":"00:19:c6:44:55:66".*"risk":{' inv.jsonl
check "lookup works installed" bash -c "'$P/bin/vendorsniff' lookup 00:e0:fc:12:34:56 | grep -q Huawei"
if [[ -s $VS_BUILD/oui_db/oui.bin ]]; then
    check "binary OUI table installed next to the TSV" test -s "$P/share/vendorsniff/oui_db/oui.bin"
    check "the installed binary reads the installed table" \
        bash -c "'$P/bin/vendorsniff' lookup --debug-timing 00:e0:fc:12:34:56 2>&1 >/dev/null | grep -q 'OUI registry (binary table)'"
fi
check "--check-signatures on the installed set" \
    bash -c "'$P/bin/vendorsniff' --check-signatures '$P/share/vendorsniff/signatures' >/dev/null"

# The prefix moved (a relocated package): the data is found relative to the binary.
mv "$P" "$T/moved"
"$T/moved/bin/vendorsniff" --version >"$T/moved.out" 2>&1
check "moved prefix: data found beside the binary" grep -qx "data folder: $T/moved/share/vendorsniff" "$T/moved.out"
"$T/moved/bin/vendorsniff" -r lan.pcap --inventory inv2.jsonl --format none 2>"$T/moved.err"
check "moved prefix: same inventory" "$PY" "$LIB/jq.py" same-inventory inv.jsonl inv2.jsonl

# DESTDIR staging, as a package build does it.
DESTDIR=$T/dest cmake --install "$VS_BUILD" --prefix /opt/vs >"$T/destdir.log" 2>&1
check "DESTDIR install: binary and data staged under DESTDIR" \
    bash -c "test -x '$T/dest/opt/vs/bin/vendorsniff' && test -s '$T/dest/opt/vs/share/vendorsniff/oui_db/oui.tsv'"
check "DESTDIR install: unit staged, ExecStart is the final path" \
    grep -q '^ExecStart=/opt/vs/bin/vendorsniff -i ' "$T/dest/opt/vs/lib/systemd/system/vendorsniff.service"
check "DESTDIR install: nothing written outside DESTDIR" test ! -e /opt/vs/bin/vendorsniff
cd / || exit 1
clean_stderr "$T"/*.err || bad "sanitizer report"
finish
