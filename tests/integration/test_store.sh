#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# --store on a real PostgreSQL: a throwaway server (Debian's postgresql: initdb and pg_ctl
# in a temporary folder, run as an unprivileged user, listening on 127.0.0.1 and a socket in
# that folder; no system service). `store init` creates the schema (twice: idempotent); two
# sensors write two audits of one site (topo_site.pcap, topo_site_later.pcap); SQL checks
# that the fleet views hold the union (devices, per-sensor sightings, evidence, alerts,
# risk_devices, devices_by_site) and changes_since() the changes. The outage: a live sensor
# (veth in network namespaces, tcpreplay, --stats-interval 1) keeps running while the server
# is stopped, and once it is back the devices it saw meanwhile reach the database: nothing
# lost. Without root or namespaces the outage is tested offline instead: a run while the
# server is down (exit 2, devices kept in --state), a second run that catches up.
# Needs postgresql, postgresql-client (scripts/setup.sh --test); skipped (77) otherwise.
source "$(dirname "$0")/lib/common.sh"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $PGBIN && -x $PGBIN/initdb && -x $PGBIN/pg_ctl ]] ||
    skip "needs the postgresql package (initdb, pg_ctl; scripts/setup.sh --test installs it)"
need_cmd psql

# initdb refuses root: the server runs as an unprivileged user.
PGUSER_OS=$(id -un)
as_pg() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
    PGUSER_OS=nobody
    as_pg() { runuser -u nobody -- "$@"; }
fi
PGDIR=$T/pg
SOCK=$T/sock
mkdir -p "$PGDIR" "$SOCK"
[[ $PGUSER_OS != $(id -un) ]] && chown "$PGUSER_OS" "$PGDIR" "$SOCK"
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U vs -A trust --no-sync >"$T/initdb.log" 2>&1 ||
    { show "$T/initdb.log"; skip "initdb failed here"; }
pg_start() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$SOCK -c fsync=off" \
        start >>"$T/pg_ctl.log" 2>&1
}
pg_stop() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >>"$T/pg_ctl.log" 2>&1; }
trap 'pg_stop; _cleanup' EXIT
pg_start || { show "$T/pg_ctl.log" "$PGDIR/server.log"; bad "PostgreSQL starts"; finish; }
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U vs -d "${DB:-fleet}" -c "$1"; }
DB=postgres sql "CREATE DATABASE fleet" >/dev/null
DB=postgres sql "CREATE DATABASE outage" >/dev/null
URL="postgresql://vs@127.0.0.1:$PORT/fleet"
CAPS=$VS_SRC/tests/captures

# ---- schema ------------------------------------------------------------------------------
rc=0
"$VS_BIN" -r "$CAPS/topo_site.pcap" --format none --sensor early --store "$URL" 2>"$T/early.err" || rc=$?
check "a sensor before 'store init': keeps running, exit 2, says why" \
    bash -c "test $rc -eq 2 && grep -q 'store init' '$T/early.err'"
check "store init creates the schema" bash -c "'$VS_BIN' store init --store '$URL' | grep -q 'created at version 1'"
check "store init again: already there" bash -c "'$VS_BIN' store init --store '$URL' | grep -q 'already at version 1'"
check "schema version recorded" test "$(sql 'SELECT max(version) FROM vs_schema')" = 1

# ---- two sensors, two audits ---------------------------------------------------------------
T0=$(sql "SELECT now()")
"$VS_BIN" -r "$CAPS/topo_site.pcap" --format none --sensor site-a --store "$URL" 2>"$T/a.err"
# (An offline run ends with its "vendorsniff: summary:" line; nothing else is said.)
check "sensor site-a wrote without complaint" bash -c "! grep -v '^vendorsniff: summary: ' '$T/a.err'"
T1=$(sql "SELECT clock_timestamp()")
"$VS_BIN" -r "$CAPS/topo_site_later.pcap" --format none --sensor site-b --store "$URL" 2>"$T/b.err"
check "sensor site-b wrote without complaint" bash -c "! grep -v '^vendorsniff: summary: ' '$T/b.err'"
check "devices: the union of both audits (7)" test "$(sql 'SELECT count(*) FROM devices')" = 7
check "sightings: 6 per sensor" test "$(sql "SELECT string_agg(sensor || '=' || n, ',' ORDER BY sensor) FROM (SELECT sensor, count(*) n FROM sightings GROUP BY sensor) x")" = "site-a=6,site-b=6"
check "the server's sightings keep each sensor's address" test "$(sql "SELECT string_agg(sensor || ':' || array_to_string(ips, ','), ' ' ORDER BY sensor) FROM sightings WHERE device_id = '14:18:77:4e:61:10'")" = "site-a:10.10.0.50 site-b:10.10.0.77"
check "risk_devices: both ZTE ONTs, with who saw them and where they hang" test "$(sql "SELECT string_agg(id || ' ' || risk_rule || ' ' || array_to_string(sensors, ',') || ' ' || (attached->>'switch') || ' ' || (attached->>'port'), '; ' ORDER BY id) FROM risk_devices")" = \
    "d0:15:4a:7c:31:e9 zte site-a,site-b 3c:8c:40:b1:77:02 GigabitEthernet1/0/7; d0:15:4a:7c:40:11 zte site-b 3c:8c:40:b1:77:02 GigabitEthernet1/0/7"
check "devices_by_site: devices and risk devices per site" test "$(sql "SELECT string_agg(site || ' ' || devices || ' ' || risk_devices, '; ' ORDER BY site) FROM devices_by_site")" = "site-a 6 1; site-b 6 2"
check "alerts: one per device and rule" test "$(sql "SELECT count(*) FROM alerts WHERE rule = 'zte'")" = 2
check "evidence: united, the ONT's DHCP vendor class kept once (both sensors sent it)" test "$(sql "SELECT count(*) FROM evidence WHERE device_id = 'd0:15:4a:7c:31:e9' AND field = 'vendor_class'")" = 1
check "changes_since(before site-a): 7 devices appeared" test "$(sql "SELECT count(*) FROM changes_since('$T0') WHERE change = 'appeared'")" = 7
check "changes_since(between the audits): only the new ONT, a risk device" test "$(sql "SELECT string_agg(device_id || ' ' || change || ' ' || coalesce(risk_rule, '-'), ';') FROM changes_since('$T1')")" = "d0:15:4a:7c:40:11 appeared zte"
# A re-attribution is a change: the phone's sensor now says another model.
sql "UPDATE devices SET model = 'VVX 311', record = jsonb_set(record, '{model}', '\"VVX 311\"') WHERE id = '64:16:7f:1a:2b:3c'" >/dev/null
T2=$(sql "SELECT clock_timestamp()")
"$VS_BIN" -r "$CAPS/topo_site.pcap" --format none --sensor site-a --store "$URL" 2>>"$T/a.err"
check "changes_since: a changed model is recorded with old and new" test "$(sql "SELECT old->>'model' || ' -> ' || (new->>'model') FROM changes_since('$T2') WHERE change = 'changed'")" = "VVX 311 -> VVX 411"
check "writing the same audit again adds no device" test "$(sql 'SELECT count(*) FROM devices')" = 7

# ---- the outage: nothing lost -------------------------------------------------------------
OURL="postgresql:///outage?host=$SOCK&port=$PORT&user=vs"
"$VS_BIN" store init --store "$OURL" >/dev/null
osql() { DB=outage sql "$1"; }
live=0
if [[ $(id -u) -eq 0 ]] && command -v ip >/dev/null && command -v tcpreplay >/dev/null && make_veth_pair; then
    live=1
fi
if ((live)); then
    # Live, the socket crosses the network namespace; the sensor syncs every second.
    bg live ip netns exec "$NS_CAP" "$VS_BIN" -i "$IF_CAP" -f "$VETH_FILTER" --format none \
        --sensor span-1 --stats-interval 1 --store "$OURL"
    LPID=$BG_PID
    wait_listening "$LPID" "$T/live.err" || { show "$T/live.err"; bad "live sensor listening"; finish; }
    replay "$CAPS/topo_site.pcap"
    check "live: the first audit reaches the database at a stats interval" \
        wait_for 20 bash -c "test \"\$(psql -X -A -t -h 127.0.0.1 -p $PORT -U vs -d outage -c 'SELECT count(*) FROM devices')\" = 6"
    pg_stop
    replay "$CAPS/topo_site_later.pcap"
    sleep 3
    check "live: the sensor keeps running while the database is down" alive "$LPID"
    check "live: it says once that the store is unreachable" \
        test "$(grep -c 'store: .*devices kept' "$T/live.err")" = 1
    pg_start || bad "PostgreSQL restarts"
    check "live: once the server is back, what was seen meanwhile arrives (new ONT)" \
        wait_for 20 bash -c "test \"\$(psql -X -A -t -h 127.0.0.1 -p $PORT -U vs -d outage -c \"SELECT count(*) FROM devices WHERE id = 'd0:15:4a:7c:40:11'\")\" = 1"
    check "live: the catch-up is reported" wait_for 5 grep -q 'reachable again' "$T/live.err"
    kill -TERM "$LPID"
    wait_exit "$LPID" 20
    check "live: exit 0 after SIGTERM" test $? -eq 0
    check "live: nothing lost: 7 devices, the server's both addresses" test "$(osql "SELECT count(*) || ' ' || (SELECT array_to_string(ips, ',') FROM sightings WHERE device_id = '14:18:77:4e:61:10') FROM devices")" = "7 10.10.0.50,10.10.0.77"
else
    echo "note: outage tested offline (needs root, ip and tcpreplay for the live variant)"
fi
# Offline: the server is down for a whole run; --state carries the devices to the next one.
pg_stop
rc=0
"$VS_BIN" -r "$CAPS/topo_site.pcap" --format none --sensor span-2 --store "$OURL" --state "$T/span2.state" 2>"$T/off1.err" || rc=$?
check "offline, server down: the run finishes (exit 2), the inventory kept in --state" \
    bash -c "test $rc -eq 2 && test -s '$T/span2.state' && grep -q 'store:' '$T/off1.err'"
pg_start || bad "PostgreSQL restarts"
"$VS_BIN" -r "$CAPS/topo_site_later.pcap" --format none --sensor span-2 --store "$OURL" --state "$T/span2.state" 2>"$T/off2.err"
check "offline: the next run catches up: both audits under span-2 (7 devices)" \
    test "$(osql "SELECT count(*) FROM sightings WHERE sensor = 'span-2'")" = 7
check "no sanitizer report" clean_stderr "$T"/*.err
finish
