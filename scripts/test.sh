#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Set up, build and run the whole test suite (README's second command, and what CI runs):
# a -Werror build with every test, then an ASan/UBSan build with every test again.
set -euo pipefail
cd "$(dirname "$0")/.."
VS_CMAKE_FLAGS="-DVS_WERROR=ON" scripts/setup.sh --test
jobs=$(nproc)
echo "== tests (release build, -Werror)"
strict=()
[[ -n ${CI:-} ]] && strict=(--strict) # CI installed everything: a skip there is a failure
rc=0
ctest --test-dir build --output-on-failure -j"$jobs" --output-junit junit.xml || rc=$?
python3 tests/skips.py build/junit.xml "${strict[@]}" || rc=${rc/#0/1}
((rc == 0)) || exit "$rc"

echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DVS_SANITIZE=ON -DVS_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" --output-junit junit.xml || rc=$?
python3 tests/skips.py build-asan/junit.xml "${strict[@]}" || rc=${rc/#0/1}
exit "$rc"
