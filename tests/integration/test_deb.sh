#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The Debian package: built from a copy of the tree with dpkg-buildpackage -b (nocheck),
# lintian without errors; unpacked into an empty root (dpkg -x) where the binary finds
# its data beside itself; then installed on this machine with dpkg -i: files in /usr/bin,
# /usr/share/vendorsniff, the man page, /lib/systemd/system (ExecStart=/usr/bin/...),
# /etc/default/vendorsniff as a conffile, /var/lib and /var/log folders; the installed
# binary reports the sample's Huawei switch; dpkg -r keeps the conffile and what the
# service wrote, dpkg -P removes the rest.
# Needs root (dpkg -i) and dpkg-buildpackage + debhelper (scripts/setup.sh --test); skips
# in a sanitizer build tree (the package is built from the sources either way). About 20 s
# on an idle 2-core machine, most of it the package build.
start=$SECONDS
source "$(dirname "$0")/lib/common.sh"
need_root "dpkg -i installs the package on this machine"
need_cmd dpkg-buildpackage dh dpkg-deb
[[ -f $VS_SRC/debian/control ]] || skip "no debian/ in $VS_SRC"
# The package is built from the sources, not from the build tree under test: once per CI
# run (the release pass) is enough.
if [[ -n $VS_BUILD ]] && grep -q '^VS_SANITIZE:BOOL=ON' "$VS_BUILD/CMakeCache.txt" 2>/dev/null; then
    skip "sanitizer build: the package does not depend on it (checked with the release build)"
fi
if dpkg-query -W -f='${Status}' vendorsniff 2>/dev/null | grep -q 'installed\|unpacked\|config-files'; then
    skip "a vendorsniff package is already on this machine; not replacing it"
fi
if ! (cd "$VS_SRC" && dpkg-checkbuilddeps -P nocheck) >"$T/deps.log" 2>&1; then
    skip "build dependencies missing: $(sed -n 's/.*Unmet build dependencies: //p' "$T/deps.log")"
fi

v=$(sed -nE 's/^[[:space:]]*project\(vendorsniff[[:space:]]+VERSION[[:space:]]+([0-9.]+).*/\1/p' "$VS_SRC/CMakeLists.txt")
debv=$(dpkg-parsechangelog -l "$VS_SRC/debian/changelog" -S Version)

# dpkg -i/-r/-P, waiting for the dpkg lock if another package operation holds it.
dpkg_locked() {
    local i
    for ((i = 0; i < 60; i++)); do
        if dpkg "$@" >>"$T/dpkg.log" 2>&1; then
            return 0
        fi
        tail -n 3 "$T/dpkg.log" | grep -q 'lock' || return 1
        sleep 2
    done
    return 1
}
INSTALLED=0
VARLIB_NEW=0
VARLOG_NEW=0
[[ -e /var/lib/vendorsniff ]] || VARLIB_NEW=1
[[ -e /var/log/vendorsniff ]] || VARLOG_NEW=1
_deb_cleanup() {
    if ((INSTALLED)); then
        dpkg_locked -P vendorsniff || echo "could not purge vendorsniff (see $T/dpkg.log)"
    fi
    if ((VARLIB_NEW)); then
        rm -f /var/lib/vendorsniff/state.jsonl
        rmdir /var/lib/vendorsniff 2>/dev/null
    fi
    _cleanup
}
trap _deb_cleanup EXIT

# A copy of the tree: the package build writes debian/ and obj-*/ into it and its results
# beside it, so the checkout stays clean. Tracked and new files, not build trees, and not
# the fuzz corpora (43 MB; a nocheck build does not build the tests).
mkdir -p "$T/b/vendorsniff"
if git -C "$VS_SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$VS_SRC" && git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do
            [[ -e $f && $f != tests/fuzz/corpus/* ]] && printf '%s\0' "$f"
        done | tar --null -T - -cf -) | tar -xf - -C "$T/b/vendorsniff"
else
    tar -C "$VS_SRC" --exclude='./build*' --exclude='./obj-*' --exclude=./.git \
        --exclude=./tests/fuzz/corpus -cf - . | tar -xf - -C "$T/b/vendorsniff"
fi
echo "(tree copied: $((SECONDS - start)) s)"
# The package build rebuilds from the sources only.
rm -rf "$T/b/vendorsniff/debian/vendorsniff" "$T/b/vendorsniff/debian/.debhelper"

t0=$SECONDS
if (cd "$T/b/vendorsniff" && DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" nice dpkg-buildpackage -us -uc -b) \
    >"$T/build.log" 2>&1; then
    ok "dpkg-buildpackage -us -uc -b ($((SECONDS - t0)) s)"
else
    bad "dpkg-buildpackage failed"
    tail -n 40 "$T/build.log"
    finish
fi
deb=$T/b/vendorsniff_${debv}_$(dpkg --print-architecture).deb
changes=${deb%.deb}.changes
check "package file $(basename "$deb")" test -s "$deb"
[[ -s $deb ]] || finish
check "package version $debv is upstream $v" test "${debv%-*}" = "$v"
check "Depends carries the shared libraries (shlibs)" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -q 'libpcap0.8' && dpkg-deb -f '$deb' Depends | grep -q 'libpcre2-8-0'"

if command -v lintian >/dev/null; then
    t0=$SECONDS
    lintian "$changes" >"$T/lintian.log" 2>&1
    check "lintian: no errors ($((SECONDS - t0)) s)" bash -c "! grep -q '^E: ' '$T/lintian.log'"
    grep -E '^[EW]: ' "$T/lintian.log" | head -n 20
else
    echo "(lintian not installed: not run)"
fi

# Unpacked into an empty root: the binary finds the data beside it, from anywhere.
R=$T/root
dpkg -x "$deb" "$R"
for f in usr/bin/vendorsniff usr/share/vendorsniff/oui_db/oui.tsv usr/share/vendorsniff/oui_db/oui.bin \
    usr/share/vendorsniff/signatures/vendors.ini usr/share/man/man1/vendorsniff.1.gz \
    lib/systemd/system/vendorsniff.service etc/default/vendorsniff \
    usr/share/doc/vendorsniff/copyright usr/share/doc/vendorsniff/NOTICE; do
    check "package holds /$f" test -s "$R/$f"
done
check "package holds /var/lib/vendorsniff and /var/log/vendorsniff" \
    test -d "$R/var/lib/vendorsniff" -a -d "$R/var/log/vendorsniff"
check "nothing under /usr/local" test ! -e "$R/usr/local"
check "unit's ExecStart is /usr/bin/vendorsniff" \
    grep -q '^ExecStart=/usr/bin/vendorsniff -i ' "$R/lib/systemd/system/vendorsniff.service"
check "unit reads /etc/default/vendorsniff" \
    grep -qx 'EnvironmentFile=-/etc/default/vendorsniff' "$R/lib/systemd/system/vendorsniff.service"
check "exactly one unit file in the package" \
    test "$(dpkg-deb -c "$deb" | grep -c 'vendorsniff\.service$')" -eq 1
check "man page names version $v" \
    bash -c "zcat '$R/usr/share/man/man1/vendorsniff.1.gz' | grep -q '^\.TH .*\"vendorsniff $v\"'"
mkdir -p "$T/cwd"
(cd "$T/cwd" && env -u VENDORSNIFF_DATADIR "$R/usr/bin/vendorsniff" --version) >"$T/xver.out" 2>&1
check "unpacked: --version says $v" grep -qx "vendorsniff $v" "$T/xver.out"
check "unpacked: data folder is the package's" grep -qx "data folder: $R/usr/share/vendorsniff" "$T/xver.out"

# Installed on this machine.
if dpkg_locked -i "$deb"; then
    INSTALLED=1
    ok "dpkg -i"
else
    bad "dpkg -i failed"
    show "$T/dpkg.log"
    finish
fi
check "dpkg: installed, version $debv" \
    test "$(dpkg-query -W -f='${Status} ${Version}' vendorsniff)" = "install ok installed $debv"
check "/usr/bin/vendorsniff" test -x /usr/bin/vendorsniff
check "/usr/share/vendorsniff data" test -s /usr/share/vendorsniff/oui_db/oui.tsv
check "/lib/systemd/system/vendorsniff.service" test -s /lib/systemd/system/vendorsniff.service
check "/etc/default/vendorsniff is a conffile" \
    bash -c "dpkg-query -W -f='\${Conffiles}' vendorsniff | grep -q '^ */etc/default/vendorsniff '"
check "/var/lib/vendorsniff and /var/log/vendorsniff exist" test -d /var/lib/vendorsniff -a -d /var/log/vendorsniff
check "man vendorsniff finds the page" bash -c "! command -v man >/dev/null || man -w vendorsniff >/dev/null 2>&1"
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify accepts the installed unit" \
        bash -c "systemd-analyze verify --man=no /lib/systemd/system/vendorsniff.service >'$T/verify.log' 2>&1"
fi

cd / || exit 1
env -u VENDORSNIFF_DATADIR /usr/bin/vendorsniff --version >"$T/ver.out" 2>&1
check "installed: --version says $v (package $debv)" grep -qx "vendorsniff $v" "$T/ver.out"
check "installed: data folder /usr/share/vendorsniff" grep -qx "data folder: /usr/share/vendorsniff" "$T/ver.out"
env -u VENDORSNIFF_DATADIR /usr/bin/vendorsniff -r "$VS_SRC/samples/sample.pcap" \
    --inventory "$T/inv.jsonl" >"$T/report.txt" 2>"$T/run.err"
rc=$?
check "installed: vendorsniff -r samples/sample.pcap exits 0 (got $rc)" test $rc -eq 0
check "installed: report header names version $v" grep -q "^vendorsniff $v report " "$T/report.txt"
check "installed: the report names the Huawei core switch" \
    grep -qE '00:e0:fc:5c:a2:10 +Huawei' "$T/report.txt"
check "installed: inventory attributes it (vendor, model)" \
    grep -q '"id":"00:e0:fc:5c:a2:10".*"vendor":"Huawei".*"model":"CE6851-48S6Q-HI"' "$T/inv.jsonl"
((_FAILS)) && show "$T/report.txt" "$T/run.err"

# Remove: binaries and data go, the conffile and the service's files stay; purge: the rest.
if ((VARLIB_NEW)); then
    echo '{}' >/var/lib/vendorsniff/state.jsonl
fi
if dpkg_locked -r vendorsniff; then ok "dpkg -r"; else bad "dpkg -r failed"; show "$T/dpkg.log"; fi
check "removed: /usr/bin/vendorsniff gone" test ! -e /usr/bin/vendorsniff
check "removed: /usr/share/vendorsniff gone" test ! -e /usr/share/vendorsniff
check "removed: unit gone" test ! -e /lib/systemd/system/vendorsniff.service
check "removed: conffile kept" test -f /etc/default/vendorsniff
if ((VARLIB_NEW)); then
    check "removed: the service's state kept" test -f /var/lib/vendorsniff/state.jsonl
fi
if dpkg_locked -P vendorsniff; then
    INSTALLED=0
    ok "dpkg -P"
else
    bad "dpkg -P failed"
    show "$T/dpkg.log"
fi
check "purged: /etc/default/vendorsniff gone" test ! -e /etc/default/vendorsniff
check "purged: package unknown to dpkg" \
    bash -c "! dpkg-query -W -f='\${Status}' vendorsniff 2>/dev/null | grep -q 'installed\|config-files'"
if ((VARLOG_NEW)); then
    check "purged: empty /var/log/vendorsniff gone" test ! -e /var/log/vendorsniff
fi
if ((VARLIB_NEW)); then
    check "purged: /var/lib/vendorsniff kept while it holds the service's data" \
        test -f /var/lib/vendorsniff/state.jsonl
fi
echo "test_deb: $((SECONDS - start)) s in all"
finish
