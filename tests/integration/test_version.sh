#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# One version number: project(vendorsniff VERSION X.Y.Z) in CMakeLists.txt is what
# `vendorsniff --version` prints and the report header shows, what the man page built from
# docs/vendorsniff.1 names in its footer, the upstream part of debian/changelog's top
# entry, and a section of CHANGELOG.md.
source "$(dirname "$0")/lib/common.sh"

v=$(sed -nE 's/^[[:space:]]*project\(vendorsniff[[:space:]]+VERSION[[:space:]]+([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' \
    "$VS_SRC/CMakeLists.txt")
if [[ -z $v ]]; then
    bad "no project(vendorsniff VERSION X.Y.Z) in CMakeLists.txt"
    finish
fi
ok "CMakeLists.txt: version $v"

"$VS_BIN" --version >"$T/version.out" 2>"$T/version.err"
first=$(head -n 1 "$T/version.out")
check "--version prints 'vendorsniff $v' (got '$first')" test "$first" = "vendorsniff $v"

"$VS_BIN" -r "$VS_SRC/samples/sample.pcap" >"$T/report.txt" 2>"$T/report.err"
head1=$(head -n 1 "$T/report.txt")
check "report header names vendorsniff $v (got '$head1')" grep -q "^vendorsniff $v report " <<<"$head1"

if [[ -n $VS_BUILD && -f $VS_BUILD/vendorsniff.1 ]]; then
    th=$(grep -m1 '^\.TH ' "$VS_BUILD/vendorsniff.1")
    check "man page .TH names vendorsniff $v ($th)" grep -q "^\.TH VENDORSNIFF 1 \"[^\"]*\" \"vendorsniff $v\"" \
        <<<"$th"
else
    bad "no man page in the build tree (${VS_BUILD:-VS_BUILD unset}/vendorsniff.1)"
fi

if [[ -f $VS_SRC/debian/changelog ]]; then
    if command -v dpkg-parsechangelog >/dev/null; then
        deb=$(dpkg-parsechangelog -l "$VS_SRC/debian/changelog" -S Version)
    else
        deb=$(sed -nE '1s/^vendorsniff \(([^)]*)\).*/\1/p' "$VS_SRC/debian/changelog")
    fi
    up=${deb#*:}
    up=${up%-*}
    check "debian/changelog top entry $deb is upstream $v" test "$up" = "$v"
else
    bad "no debian/changelog"
fi

check "CHANGELOG.md has a section for $v" grep -qE "^## \[$v\]" "$VS_SRC/CHANGELOG.md"
finish
