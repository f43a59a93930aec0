#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# spdx.sh - give every vendorsniff source file an SPDX licence line (LICENSE: BSD-2-Clause).
#
#   scripts/spdx.sh [--check] [ROOT]
#
# C sources and headers under src/ include/ tests/ bench/ get
#     /* SPDX-License-Identifier: BSD-2-Clause */
# as their first line; shell, Python and Perl scripts anywhere in the tree get
#     # SPDX-License-Identifier: BSD-2-Clause
# right after the shebang (and after a Python coding line, which must stay on line 1 or 2),
# and every CMakeLists.txt gets it as its first line. A file that already names an SPDX
# licence in its first lines is left alone, so running it again changes nothing.
# --check changes nothing: it lists the files without the line and exits 1 if there are any.
# ROOT defaults to the checkout this script is in. Build trees, debian/, .git, .ci and
# third-party data (signatures/recog) are not the project's sources and are skipped.
set -euo pipefail

check=0
if [[ ${1:-} == --check ]]; then
    check=1
    shift
fi
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

C_LINE='/* SPDX-License-Identifier: BSD-2-Clause */'
HASH_LINE='# SPDX-License-Identifier: BSD-2-Clause'

# Every candidate, NUL-separated, relative to ROOT, in a stable order.
candidates() {
    local d
    for d in src include tests bench; do
        [[ -d $d ]] || continue
        find "$d" \( -name 'build*' -o -name 'obj-*' \) -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print0
    done
    find . \( -path ./.git -o -path ./.ci -o -path './build*' -o -path './obj-*' -o -path ./debian \
        -o -path ./signatures/recog \) -prune -o -type f \
        \( -name '*.sh' -o -name '*.py' -o -name '*.pl' -o -name CMakeLists.txt \) -print0 |
        sed -z 's|^\./||'
}

has_spdx() { head -n 5 -- "$1" | grep -q 'SPDX-License-Identifier:'; }

# The line after which the identifier goes: 0 (first line), 1 (after a shebang), 2 (after a
# shebang and a Python coding line).
insert_after() {
    local f=$1 first second
    case $f in
    *.c | *.h | CMakeLists.txt | */CMakeLists.txt)
        echo 0
        return
        ;;
    esac
    first=$(head -n 1 -- "$f")
    [[ $first == '#!'* ]] || {
        echo 0
        return
    }
    second=$(sed -n 2p -- "$f")
    if [[ $f == *.py && $second =~ ^[[:space:]]*#.*coding[:=] ]]; then
        echo 2
    else
        echo 1
    fi
}

missing=0
changed=0
while IFS= read -r -d '' f; do
    has_spdx "$f" && continue
    missing=$((missing + 1))
    if ((check)); then
        echo "$f"
        continue
    fi
    case $f in
    *.c | *.h) line=$C_LINE ;;
    *) line=$HASH_LINE ;;
    esac
    at=$(insert_after "$f")
    if [[ ! -s $f ]]; then
        printf '%s\n' "$line" >"$f"
    elif ((at == 0)); then
        sed -i "1i\\$line" -- "$f" # (GNU sed -i keeps the file's mode)
    else
        sed -i "${at}a\\$line" -- "$f"
    fi
    changed=$((changed + 1))
done < <(candidates | sort -z)

if ((check)); then
    if ((missing)); then
        echo "spdx: $missing file(s) without an SPDX-License-Identifier line (scripts/spdx.sh adds it)" >&2
        exit 1
    fi
    echo "spdx: every source file carries an SPDX-License-Identifier line"
    exit 0
fi
echo "spdx: added the SPDX line to $changed file(s)"
