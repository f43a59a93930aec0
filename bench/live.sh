#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The live row of the performance table (docs/performance.md): a slice of a bench capture
# replayed over a veth pair (two network namespaces) with tcpreplay --topspeed into
# vendorsniff -i, with --workers 1 and --workers 2, the default kernel buffer; then the
# same with a 1 MiB buffer per socket and the sensor stopped (SIGSTOP) during the replay,
# to show that drops are counted and reported. Kernel counters come from the stats event
# vendorsniff writes at exit (pcap_stats, PACKET_STATISTICS summed over the sockets).
# Then six seconds at a fixed rate (tcpreplay --pps), to show where no frame is dropped on
# this machine.
#   bench/live.sh CAPTURE [PACKETS]    (default 100000 packets of CAPTURE)
# Environment: VS (the binary, default build/vendorsniff), RUNS (default 3; the run of the
# median rate), PPS (the fixed rate, default 5000).
# Prints markdown rows; needs root, ip (iproute2) and tcpreplay: otherwise one row that says
# what is missing, and exit 0 (bench/run.sh calls it).
set -uo pipefail
cd "$(dirname "$0")/.."
cap=${1:?usage: bench/live.sh CAPTURE [PACKETS]}
limit=${2:-100000}
bin=${VS:-build/vendorsniff}
runs=${RUNS:-3}

not_measured() {
    echo "| live: veth replay at the highest rate tcpreplay reaches here | | | | not measured ($*) | |"
    exit 0
}
[[ $(id -u) -eq 0 ]] || not_measured "needs root"
command -v tcpreplay >/dev/null || not_measured "needs tcpreplay"
command -v ip >/dev/null || not_measured "needs ip (iproute2)"
[[ -s $cap ]] || not_measured "no capture $cap"

tmp=$(mktemp -d)
ns_cap="vsb$$c" ns_src="vsb$$s" if_cap="vbc$$" if_src="vbs$$"
pid=""
cleanup() {
    [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null
    ip netns del "$ns_cap" 2>/dev/null
    ip netns del "$ns_src" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
{
    ip netns add "$ns_cap" && ip netns add "$ns_src" &&
        ip netns exec "$ns_cap" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
        ip netns exec "$ns_src" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
        ip link add "$if_cap" netns "$ns_cap" address 02:00:00:00:bb:01 type veth \
            peer name "$if_src" netns "$ns_src" address 02:00:00:00:bb:02 &&
        ip -n "$ns_cap" link set "$if_cap" mtu 65000 up &&
        ip -n "$ns_src" link set "$if_src" mtu 65000 up
} 2>"$tmp/veth.err" || not_measured "cannot make a veth pair here: $(tail -1 "$tmp/veth.err")"
filter="not ether src 02:00:00:00:bb:01 and not ether src 02:00:00:00:bb:02"

stat_of() { # FILE KEY: KEY of the last stats event (dotted path)
    python3 - "$1" "$2" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    if o.get("event") == "stats":
        last = o
v = last
for k in sys.argv[2].split("."):
    v = v.get(k) if isinstance(v, dict) else None
print(v if v is not None else "")
PY
}

# one WORKERS [vendorsniff options...]: one replay; prints "pps received dropped processed
# cpu", cpu being the CPU seconds of the busiest packet thread
one() {
    local nw=$1 stop=${STOP:-0} rate=${RATE:---topspeed} lim=${LIM:-$limit}
    shift
    rm -f "$tmp/ev" "$tmp/err"
    ip netns exec "$ns_cap" "$bin" -i "$if_cap" -f "$filter" --format none --workers "$nw" \
        -w "$tmp/ev" "$@" 2>"$tmp/err" &
    pid=$!
    local i
    for ((i = 0; i < 100; i++)); do
        grep -q "listening on" "$tmp/err" 2>/dev/null && break
        sleep 0.1
    done
    local cpu0
    cpu0=$(proc_cpu "$pid")
    ((stop)) && kill -STOP "$pid"
    ip netns exec "$ns_src" tcpreplay "$rate" -L "$lim" -i "$if_src" "$cap" >"$tmp/tr" 2>&1
    ((stop)) && kill -CONT "$pid"
    # What the rings hold is read within a read timeout or two.
    sleep 2
    # The packet path's CPU: with one worker the main thread's since the listening line;
    # with several, the busiest worker thread's (the main thread only writes outputs).
    local cpu
    if ((nw == 1)); then
        cpu=$(awk -v a="$(proc_cpu "$pid")" -v b="$cpu0" 'BEGIN { printf "%.2f", a - b }')
    else
        cpu=$(for t in /proc/$pid/task/*; do
            [[ ${t##*/} == "$pid" ]] || task_cpu "$t/stat"
        done | sort -n | tail -1)
    fi
    kill -TERM "$pid"
    wait "$pid"
    pid=""
    local pps
    pps=$(sed -n 's/.*Rated: .*, \([0-9.]*\) pps.*/\1/p' "$tmp/tr" | head -1)
    echo "${pps%.*} $(stat_of "$tmp/ev" capture.received) $(stat_of "$tmp/ev" capture.dropped)" \
        "$(stat_of "$tmp/ev" packets) $cpu"
}

task_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "$1"; }
proc_cpu() { task_cpu "/proc/$1/stat"; }

median_row() { # the run whose tcpreplay rate is the median
    sort -n | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'
}

for nw in 1 2; do
    for ((r = 0; r < runs; r++)); do one "$nw"; done | median_row >"$tmp/row"
    read -r pps recv drop proc cpu <"$tmp/row"
    cap_pps=$(awk -v p="$proc" -v c="$cpu" 'BEGIN { if (c > 0) printf "%.0f", p / c; else print "n/a" }')
    printf '| live: veth replay, `--topspeed`, %s packets, `--workers %s`, default buffer | | | | **%s pps** sent; received %s, **dropped %s**, processed %s; busiest packet thread %s CPU s: **%s pps** with a core per packet thread | |\n' \
        "$limit" "$nw" "$pps" "$recv" "$drop" "$proc" "$cpu" "$cap_pps"
done
pps=${PPS:-5000}
for nw in 1 2; do
    RATE=--pps=$pps LIM=$((pps * 6)) one "$nw" >"$tmp/row"
    read -r sent recv drop proc cpu <"$tmp/row"
    printf '| live: veth replay at `--pps %s`, %s packets, `--workers %s`, default buffer | | | | %s pps sent; received %s, **dropped %s**, processed %s | |\n' \
        "$pps" "$((pps * 6))" "$nw" "$sent" "$recv" "$drop" "$proc"
done
for nw in 1 2; do
    STOP=1 one "$nw" --buffer-size 1 >"$tmp/row"
    read -r pps recv drop proc cpu <"$tmp/row"
    printf '| live: forced drops (`--buffer-size 1`, sensor stopped during the replay), `--workers %s` | | | | received %s, **dropped %s** (reported), processed %s | |\n' \
        "$nw" "$recv" "$drop" "$proc"
done
