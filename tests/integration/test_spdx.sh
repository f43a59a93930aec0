#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Licence markers: every source file of the tree (C sources and headers, shell/Python/Perl
# scripts, CMakeLists.txt) carries an SPDX-License-Identifier line; the failure lists each
# file without one (scripts/spdx.sh adds them). First, scripts/spdx.sh itself on a small
# tree: the line lands first, or after a shebang (and a Python coding line), build trees
# are left alone, and a second run changes nothing.
source "$(dirname "$0")/lib/common.sh"
SPDX=$VS_SRC/scripts/spdx.sh
[[ -x $SPDX ]] || skip "no scripts/spdx.sh"

R=$T/tree
mkdir -p "$R/src/x" "$R/include" "$R/tests/integration" "$R/build/src" "$R/scripts"
printf '/* a.c - role. */\nint a;\n' >"$R/src/x/a.c"
printf '#ifndef B_H\n#define B_H\n#endif\n' >"$R/include/b.h"
printf '/* SPDX-License-Identifier: MIT */\nint c;\n' >"$R/src/x/c.c"
printf '#!/usr/bin/env bash\necho hi\n' >"$R/scripts/run.sh"
chmod 755 "$R/scripts/run.sh"
printf '# sourced, no shebang\nx=1\n' >"$R/tests/integration/lib.sh"
printf '#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nprint(1)\n' >"$R/tests/gen.py"
printf 'cmake_minimum_required(VERSION 3.18)\n' >"$R/CMakeLists.txt"
printf 'int generated;\n' >"$R/build/src/gen.c"
printf '#!/bin/sh\n' >"$R/build/gen.sh"

"$SPDX" --check "$R" >"$T/check1.out" 2>&1
check "--check fails on a tree without the lines" test $? -eq 1
check "--check lists the files (6 of them)" test "$(grep -c . <(grep -v '^spdx:' "$T/check1.out"))" -eq 6
"$SPDX" "$R" >"$T/run1.out" 2>&1
check "first run marks 6 files" grep -q 'to 6 file' "$T/run1.out"
check "C file: the line first, the rest kept" \
    bash -c "diff <(printf '/* SPDX-License-Identifier: BSD-2-Clause */\n/* a.c - role. */\nint a;\n') '$R/src/x/a.c'"
check "header: the line first" grep -qx '/\* SPDX-License-Identifier: BSD-2-Clause \*/' <(head -1 "$R/include/b.h")
check "a file with its own SPDX line is left alone" grep -qx '/\* SPDX-License-Identifier: MIT \*/' <(head -1 "$R/src/x/c.c")
check "script: shebang stays first, the line second, mode kept" \
    bash -c "diff <(printf '#!/usr/bin/env bash\n# SPDX-License-Identifier: BSD-2-Clause\necho hi\n') '$R/scripts/run.sh' && test -x '$R/scripts/run.sh'"
check "sourced script without shebang: the line first" grep -qx '# SPDX-License-Identifier: BSD-2-Clause' <(head -1 "$R/tests/integration/lib.sh")
check "Python coding line stays on line 2" \
    bash -c "diff <(printf '#!/usr/bin/python3\n# -*- coding: utf-8 -*-\n# SPDX-License-Identifier: BSD-2-Clause\nprint(1)\n') '$R/tests/gen.py'"
check "CMakeLists.txt: the line first" grep -qx '# SPDX-License-Identifier: BSD-2-Clause' <(head -1 "$R/CMakeLists.txt")
check "build trees untouched" bash -c "! grep -rq SPDX '$R/build'"
find "$R" -type f -exec md5sum {} + | sort >"$T/sum1"
"$SPDX" "$R" >"$T/run2.out" 2>&1
find "$R" -type f -exec md5sum {} + | sort >"$T/sum2"
check "second run changes nothing" cmp -s "$T/sum1" "$T/sum2"
check "--check passes on the marked tree" bash -c "'$SPDX' --check '$R' >/dev/null"

# The real tree.
if "$SPDX" --check "$VS_SRC" >"$T/tree.out" 2>&1; then
    ok "every source file of $VS_SRC carries an SPDX line"
else
    bad "source files without an SPDX-License-Identifier line (run scripts/spdx.sh):"
    sed 's/^/    /' "$T/tree.out"
fi
finish
