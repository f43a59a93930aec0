# SPDX-License-Identifier: BSD-2-Clause
# common.sh - shared by the appliance integration tests (sourced): skip rules (exit 77),
# a private temp dir, cleanup of every process and network namespace a test started,
# bounded waits, a netns pair joined by a veth, and result bookkeeping.
# Env from ctest: VS_BIN (the binary), VS_SRC (source root), VS_BUILD (build dir).

set -u
: "${VS_BIN:?VS_BIN must name the vendorsniff binary}"
: "${VS_SRC:?VS_SRC must name the source root}"
VS_BUILD=${VS_BUILD:-}
LIB=$VS_SRC/tests/integration/lib
PY=/usr/bin/python3
[[ -x $PY ]] || PY=$(command -v python3 || true)

T=$(mktemp -d "${TMPDIR:-/tmp}/vs-it.XXXXXX")
chmod 755 "$T"
_PIDS=()
_NETNS=()
_FAILS=0
_NAME=$(basename "$0" .sh)

_cleanup() {
    local p ns i
    for p in "${_PIDS[@]}"; do
        kill -TERM "$p" 2>/dev/null
    done
    for p in "${_PIDS[@]}"; do
        for ((i = 0; i < 30; i++)); do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    for ns in "${_NETNS[@]}"; do
        ip netns del "$ns" 2>/dev/null
    done
    if [[ -n ${VS_KEEP:-} ]]; then
        echo "kept $T"
    else
        rm -rf "$T"
    fi
}
trap _cleanup EXIT
trap 'exit 130' INT TERM

skip() {
    echo "$_NAME: SKIPPED: $*"
    exit 77
}
need_root() { [[ $(id -u) -eq 0 ]] || skip "needs root ($*)"; }
need_cmd() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || skip "needs '$c' (scripts/setup.sh --test installs it)"
    done
}
[[ -n $PY ]] || skip "needs python3"

ok() { echo "ok   - $*"; }
bad() {
    echo "FAIL - $*"
    _FAILS=$((_FAILS + 1))
}
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
    local what=$1
    shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
finish() {
    if ((_FAILS)); then
        echo "$_NAME: $_FAILS check(s) failed (files: $T; VS_KEEP=1 keeps them)"
        exit 1
    fi
    echo "$_NAME: all checks passed"
    exit 0
}
# Show a file when a check failed, for the CI log.
show() {
    local f
    for f in "$@"; do
        echo "---- $f"
        head -c 4000 "$f" 2>/dev/null
        echo
    done
}

# wait_for SECONDS COMMAND...: poll every 0.1 s until the command succeeds.
wait_for() {
    local limit=$1 i
    shift
    for ((i = 0; i < limit * 10; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    "$@"
}

# bg NAME COMMAND...: start in the background, stdout/stderr to $T/NAME.out/.err; the pid
# (of the command itself: ip netns exec and timeout exec or forward) is in $BG_PID and is
# killed at exit.
bg() {
    local name=$1
    shift
    : >"$T/$name.out"
    : >"$T/$name.err" # exists at once: callers poll it
    "$@" >>"$T/$name.out" 2>>"$T/$name.err" &
    BG_PID=$!
    _PIDS+=("$BG_PID")
}

# Exit status of a background process started with bg, waiting at most SECONDS.
wait_exit() {
    local pid=$1 limit=$2 i
    for ((i = 0; i < limit * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        return 124
    fi
    wait "$pid" 2>/dev/null # (no "Killed" job notice in the log)
}

alive() { kill -0 "$1" 2>/dev/null; }

# No sanitizer report in these files.
clean_stderr() {
    ! grep -lE "AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer" "$@" \
        >/dev/null 2>&1
}

# make_veth_pair: namespaces $NS_CAP and $NS_SRC joined by a veth ($IF_CAP in $NS_CAP,
# $IF_SRC in $NS_SRC), both up, no addresses, IPv6 off so that the kernel sends nothing
# (no DAD, MLD or router solicitations): only what the test replays crosses the wire.
make_veth_pair() {
    local tag="vs$$${1:-}"
    NS_CAP="${tag}c"
    NS_SRC="${tag}s"
    IF_CAP="vc$$${1:-}"
    IF_SRC="vr$$${1:-}"
    ip netns add "$NS_CAP" || return 1
    _NETNS+=("$NS_CAP")
    ip netns add "$NS_SRC" || return 1
    _NETNS+=("$NS_SRC")
    local ns
    for ns in "$NS_CAP" "$NS_SRC"; do
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
            net.ipv6.conf.default.disable_ipv6=1 >/dev/null || return 1
        ip -n "$ns" link set lo up || return 1
    done
    ip link add "$IF_CAP" netns "$NS_CAP" address 02:00:00:00:aa:01 type veth \
        peer name "$IF_SRC" netns "$NS_SRC" address 02:00:00:00:aa:02 || return 1
    # Room for any frame a capture holds (tcpreplay refuses frames above the MTU).
    ip -n "$NS_CAP" link set "$IF_CAP" mtu 65000 up || return 1
    ip -n "$NS_SRC" link set "$IF_SRC" mtu 65000 up || return 1
    # Frames from the veth ends themselves (should there be any) are not the test's.
    VETH_FILTER="not ether src 02:00:00:00:aa:01 and not ether src 02:00:00:00:aa:02"
}

# veth_or_skip: make_veth_pair, or skip naming what failed (the ip(8) error: no
# CAP_SYS_ADMIN in a container, no veth module, ...).
veth_or_skip() {
    make_veth_pair 2>"$T/veth.err" && return 0
    skip "cannot create network namespaces / a veth pair here: $(tail -1 "$T/veth.err" 2>/dev/null || echo 'no error text')"
}

# replay FILE: send a capture into $IF_SRC at a gentle fixed rate (no loss on a busy
# 2-core CI machine), bounded in time.
replay() {
    timeout 60 ip netns exec "$NS_SRC" tcpreplay -q --pps="${REPLAY_PPS:-500}" -i "$IF_SRC" "$1" \
        >>"$T/tcpreplay.log" 2>&1
}

# Wait until a live vendorsniff ($1 = pid, $2 = its stderr file) has its capture open and
# filtered: it says "listening on" once it is; packets sent after that are not lost.
wait_listening() {
    wait_for "${3:-20}" grep -q "listening on" "$2" || return 1
    alive "$1"
}

# Lines of a JSON Lines file whose "event" is $2 (0 when the file is missing).
count_events() {
    [[ -f $1 ]] || { echo 0; return; }
    "$PY" - "$1" "$2" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip() and json.loads(line).get("event") == sys.argv[2]:
        n += 1
print(n)
PY
}

mkpcap() { "$PY" "$LIB/mkpcap.py" "$@"; }

# user_install: the binary and its data laid out as an install (PREFIX/bin/vendorsniff,
# PREFIX/share/vendorsniff), under $T and readable by everyone, in $VS_BIN_USER. A test that
# starts vendorsniff as another user (setpriv, su) runs that copy: the build tree may lie
# where that user cannot go (a clone under /root, mode 700 on Debian), as an installed
# unit's data never does.
user_install() {
    local p=$T/prefix
    mkdir -p "$p/bin" "$p/share/vendorsniff" &&
        cp "$VS_BIN" "$p/bin/vendorsniff" &&
        cp -r "$VS_SRC/oui_db" "$VS_SRC/signatures" "$p/share/vendorsniff/" &&
        chmod -R a+rX "$p" || return 1
    VS_BIN_USER=$p/bin/vendorsniff
}
