#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Compare the behaviour of two vendorsniff binaries (before and after a refactor) over
# every capture tests/refactor/snapshot.sh knows; prints the differing files, exit 1 if any.
#   tests/refactor/compare.sh OLD_BINARY NEW_BINARY
set -uo pipefail
here=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$here/snapshot.sh" "$1" "$tmp/old" || exit 2
"$here/snapshot.sh" "$2" "$tmp/new" || exit 2
if diff -r -q "$tmp/old" "$tmp/new"; then
    echo "compare: byte-identical ($(ls "$tmp/old" | wc -l) files)"
else
    echo "compare: behaviour changed" >&2
    exit 1
fi
