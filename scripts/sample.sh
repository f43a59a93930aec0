#!/usr/bin/env bash
# Set up, build, and run vendorsniff on the bundled sample capture (README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "\$ ./build/vendorsniff -r samples/sample.pcap"
./build/vendorsniff -r samples/sample.pcap "$@"
