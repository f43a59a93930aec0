#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The committed test captures and samples/sample.pcap are exactly what tests/gen/mkcaptures.py
# (and tests/gen/mktelecom.py, for the telecom captures) writes: the generators are the source
# of truth, and a change to one must be committed with the captures it makes.
set -euo pipefail
command -v python3 >/dev/null || { echo "test_generator: SKIPPED: needs python3"; exit 77; }
python3 "$VS_SRC/tests/gen/mkcaptures.py" --check "$VS_SRC/tests/captures"
python3 "$VS_SRC/tests/gen/mktelecom.py" --check "$VS_SRC/tests/captures"
