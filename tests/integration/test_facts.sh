#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The facts that tests/captures/README.md and samples/README.md state about every capture,
# checked against vendorsniff's inventory, event stream, report, JSON and syslog output
# (the checks and the list of known product gaps are in facts.py).
# Env from ctest: VS_BIN, VS_SRC. VS_FACTS_ARGS: extra arguments (-v, -k SUBSTRING).
set -euo pipefail
: "${VS_BIN:?VS_BIN must name the vendorsniff binary}"
: "${VS_SRC:?VS_SRC must name the source root}"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=$(command -v python3 || true)
[[ -n $PY ]] || { echo "test_facts: SKIPPED: needs python3"; exit 77; }
[[ -x $VS_BIN ]] || { echo "test_facts: $VS_BIN is not executable"; exit 1; }
# shellcheck disable=SC2086
exec timeout 600 "$PY" "$VS_SRC/tests/integration/facts.py" ${VS_FACTS_ARGS:-}
