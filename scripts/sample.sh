#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Set up, build, and run vendorsniff on the bundled sample capture (README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "\$ ./build/vendorsniff -r samples/sample.pcap"
./build/vendorsniff -r samples/sample.pcap "$@"
