#!/usr/bin/env bash
# The committed test captures and samples/sample.pcap are exactly what tests/gen/mkcaptures.py
# writes: the generator is the source of truth, and a change to it must be committed with
# the captures it makes.
set -euo pipefail
command -v python3 >/dev/null || { echo "test_generator: SKIPPED: needs python3"; exit 77; }
python3 "$VS_SRC/tests/gen/mkcaptures.py" --check "$VS_SRC/tests/captures"
