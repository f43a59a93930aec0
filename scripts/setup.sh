#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Install what vendorsniff needs from Debian's packages (only what is missing), then
# configure and build it in ./build. Idempotent; run as root on Debian 12.
#   scripts/setup.sh [--test]    --test also installs what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential cmake pkg-config libpcap-dev libsnmp-dev libmaxminddb-dev check
      libpcre2-dev libjansson-dev libinih-dev libxml2-dev libgnutls28-dev libpq-dev
      zlib1g-dev libzstd-dev liblzma-dev liblz4-dev libbz2-dev)
# ISA-L inflates gzip faster than zlib; Debian builds it for amd64 and arm64 (zlib elsewhere).
case $(dpkg --print-architecture 2>/dev/null) in amd64 | arm64) pkgs+=(libisal-dev) ;; esac
if [[ "${1:-}" == "--test" ]]; then
    pkgs+=(python3 clang libclang-rt-14-dev tcpreplay rsyslog iproute2 libmaxmind-db-writer-perl
           procps util-linux systemd  # systemd: only systemd-analyze, to verify the unit
           debhelper lintian  # test_deb: build the Debian package and lint it
           tshark  # test_interop_telecom: tshark's dissection to compare with
           time  # test_mac_spray: peak memory (/usr/bin/time -f %M)
           chromium poppler-utils  # test_report: the HTML report in a real browser, its PDF text
           libxml2-utils graphviz  # test_topology: xmllint and dot check the exports
           postgresql postgresql-client  # test_store: a throwaway server (initdb, pg_ctl), psql
           gzip zstd xz-utils lz4 bzip2)  # test_analyst: compressed copies of captures
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${VS_CMAKE_FLAGS:-} >/dev/null
# The sample needs only the binary; the tests need everything.
target=(--target vendorsniff)
[[ "${1:-}" == "--test" ]] && target=()
echo "setup: building (log: build/build.log)"
if ! cmake --build build -j"$(nproc)" "${target[@]}" >build/build.log 2>&1; then
    cat build/build.log >&2
    echo "setup: build failed" >&2
    exit 1
fi
