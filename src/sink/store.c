/* SPDX-License-Identifier: BSD-2-Clause */
/* store.c - the PostgreSQL adapter (libpq, the only file that includes it): the versioned
 * schema (tables, the ingest function, the fleet views) and the sensor's batched upserts.
 * Device lines go over as one JSON array per batch (the --inventory format, docs/events.md)
 * and the server-side function vs_ingest turns them into rows, so a batch is one round trip
 * and the wire format is the one every other consumer reads. */
#include "vendorsniff/store.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/json_sink.h"
#include "vendorsniff/topology.h"

#define BATCH_DEVICES 500

/* Version 1. A later version appends its own migration; a sensor refuses a database whose
 * version it does not know rather than writing rows of the wrong shape. */
static const char schema_v1[] =
    "CREATE TABLE sensors (\n"
    "  name text PRIMARY KEY,\n"
    "  site text NOT NULL,\n"
    "  first_sync timestamptz NOT NULL DEFAULT now(),\n"
    "  last_sync timestamptz NOT NULL DEFAULT now());\n"
    "CREATE TABLE devices (\n"
    "  id text PRIMARY KEY,\n"
    "  mac text,\n"
    "  vendor text,\n"
    "  confidence double precision,\n"
    "  model text,\n"
    "  software text,\n"
    "  name text,\n"
    "  risk_rule text,\n"
    "  risk_severity text,\n"
    "  risk_vendor text,\n"
    "  attributed_by text,\n"
    "  first_seen timestamptz,\n"
    "  last_seen timestamptz,\n"
    "  record jsonb NOT NULL,\n"
    "  updated_at timestamptz NOT NULL DEFAULT now());\n"
    "CREATE TABLE sightings (\n"
    "  device_id text NOT NULL REFERENCES devices(id) ON DELETE CASCADE,\n"
    "  sensor text NOT NULL REFERENCES sensors(name),\n"
    "  first_seen timestamptz,\n"
    "  last_seen timestamptz,\n"
    "  packets bigint NOT NULL DEFAULT 0,\n"
    "  ips text[] NOT NULL DEFAULT '{}',\n"
    "  vlans integer[] NOT NULL DEFAULT '{}',\n"
    "  attached jsonb,\n"
    "  PRIMARY KEY (device_id, sensor));\n"
    "CREATE TABLE evidence (\n"
    "  device_id text NOT NULL REFERENCES devices(id) ON DELETE CASCADE,\n"
    "  source text NOT NULL,\n"
    "  field text NOT NULL,\n"
    "  value text NOT NULL,\n"
    "  rule text,\n"
    "  first_sensor text,\n"
    "  recorded_at timestamptz NOT NULL DEFAULT now(),\n"
    "  PRIMARY KEY (device_id, source, field, value));\n"
    "CREATE TABLE alerts (\n"
    "  device_id text NOT NULL REFERENCES devices(id) ON DELETE CASCADE,\n"
    "  rule text NOT NULL,\n"
    "  vendor text,\n"
    "  severity text,\n"
    "  sensor text,\n"
    "  raised_at timestamptz NOT NULL DEFAULT now(),\n"
    "  PRIMARY KEY (device_id, rule));\n"
    "CREATE TABLE changes (\n"
    "  seq bigserial PRIMARY KEY,\n"
    "  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
    "  device_id text NOT NULL,\n"
    "  sensor text,\n"
    "  change text NOT NULL,\n"
    "  old jsonb,\n"
    "  new jsonb);\n"
    "CREATE INDEX changes_changed_at ON changes (changed_at);\n"
    "CREATE INDEX devices_risk ON devices (risk_rule) WHERE risk_rule IS NOT NULL;\n"
    /* What a change is about: the attribution and the risk, not the counters. */
    "CREATE FUNCTION vs_attribution(d jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$\n"
    "  SELECT jsonb_build_object('vendor', d->'vendor', 'model', d->'model',\n"
    "    'software', d->'software', 'name', d->'name', 'risk', d->'risk'->'rule')\n"
    "$$;\n"
    "CREATE FUNCTION vs_ingest(p_sensor text, p_devices jsonb) RETURNS integer\n"
    "LANGUAGE plpgsql AS $$\n"
    "DECLARE\n"
    "  d jsonb;\n"
    "  o devices%ROWTYPE;\n"
    "  n integer := 0;\n"
    "  take boolean;\n"
    "BEGIN\n"
    "  INSERT INTO sensors (name, site) VALUES (p_sensor, p_sensor)\n"
    "    ON CONFLICT (name) DO UPDATE SET last_sync = now();\n"
    "  FOR d IN SELECT value FROM jsonb_array_elements(p_devices) LOOP\n"
    "    SELECT * INTO o FROM devices WHERE id = d->>'id' FOR UPDATE;\n"
    "    IF NOT FOUND THEN\n"
    "      INSERT INTO devices (id, mac, vendor, confidence, model, software, name, risk_rule,\n"
    "          risk_severity, risk_vendor, attributed_by, first_seen, last_seen, record)\n"
    "        VALUES (d->>'id', d->>'mac', d->>'vendor', (d->>'confidence')::float8,\n"
    "          d->>'model', d->>'software', d->>'name', d->'risk'->>'rule',\n"
    "          d->'risk'->>'severity', d->'risk'->>'vendor', p_sensor,\n"
    "          (d->>'first_seen')::timestamptz, (d->>'last_seen')::timestamptz, d);\n"
    "      INSERT INTO changes (device_id, sensor, change, new)\n"
    "        VALUES (d->>'id', p_sensor, 'appeared', vs_attribution(d));\n"
    "    ELSE\n"
    /* Sensors that disagree do not flip a device back and forth: the surer statement, or
     * a newer one from the sensor that made the current one, wins. */
    "      take := o.attributed_by = p_sensor OR o.vendor IS NULL\n"
    "        OR coalesce((d->>'confidence')::float8, 0) > coalesce(o.confidence, 0);\n"
    "      IF take AND vs_attribution(o.record) IS DISTINCT FROM vs_attribution(d) THEN\n"
    "        INSERT INTO changes (device_id, sensor, change, old, new)\n"
    "          VALUES (o.id, p_sensor, 'changed', vs_attribution(o.record), vs_attribution(d));\n"
    "      END IF;\n"
    "      UPDATE devices SET\n"
    "        mac = coalesce(o.mac, d->>'mac'),\n"
    "        vendor = CASE WHEN take THEN d->>'vendor' ELSE o.vendor END,\n"
    "        confidence = CASE WHEN take THEN (d->>'confidence')::float8 ELSE o.confidence END,\n"
    "        model = CASE WHEN take THEN d->>'model' ELSE o.model END,\n"
    "        software = CASE WHEN take THEN d->>'software' ELSE o.software END,\n"
    "        name = CASE WHEN take THEN d->>'name' ELSE o.name END,\n"
    "        risk_rule = CASE WHEN take THEN d->'risk'->>'rule' ELSE o.risk_rule END,\n"
    "        risk_severity = CASE WHEN take THEN d->'risk'->>'severity' ELSE o.risk_severity END,\n"
    "        risk_vendor = CASE WHEN take THEN d->'risk'->>'vendor' ELSE o.risk_vendor END,\n"
    "        attributed_by = CASE WHEN take THEN p_sensor ELSE o.attributed_by END,\n"
    "        record = CASE WHEN take THEN d ELSE o.record END,\n"
    "        first_seen = least(o.first_seen, (d->>'first_seen')::timestamptz),\n"
    "        last_seen = greatest(o.last_seen, (d->>'last_seen')::timestamptz),\n"
    "        updated_at = now()\n"
    "      WHERE id = o.id;\n"
    "    END IF;\n"
    "    INSERT INTO sightings AS s (device_id, sensor, first_seen, last_seen, packets, ips,\n"
    "        vlans, attached)\n"
    "      VALUES (d->>'id', p_sensor, (d->>'first_seen')::timestamptz,\n"
    "        (d->>'last_seen')::timestamptz, coalesce((d->>'packets')::bigint, 0),\n"
    "        ARRAY(SELECT jsonb_array_elements_text(coalesce(d->'ips', '[]'))),\n"
    "        ARRAY(SELECT jsonb_array_elements_text(coalesce(d->'vlans', '[]'))::int),\n"
    "        d->'attached')\n"
    "      ON CONFLICT (device_id, sensor) DO UPDATE SET\n"
    "        first_seen = least(s.first_seen, excluded.first_seen),\n"
    "        last_seen = greatest(s.last_seen, excluded.last_seen),\n"
    "        packets = greatest(s.packets, excluded.packets),\n"
    "        ips = ARRAY(SELECT DISTINCT unnest(s.ips || excluded.ips) ORDER BY 1),\n"
    "        vlans = ARRAY(SELECT DISTINCT unnest(s.vlans || excluded.vlans) ORDER BY 1),\n"
    "        attached = coalesce(excluded.attached, s.attached);\n"
    "    INSERT INTO evidence (device_id, source, field, value, rule, first_sensor)\n"
    "      SELECT d->>'id', e->>'source', e->>'field', e->>'value', e->>'rule', p_sensor\n"
    "      FROM jsonb_array_elements(coalesce(d->'evidence', '[]')) AS e\n"
    "      WHERE e->>'value' IS NOT NULL AND e->>'source' IS NOT NULL\n"
    "      ON CONFLICT DO NOTHING;\n"
    "    IF jsonb_typeof(d->'risk') = 'object' THEN\n"
    "      INSERT INTO alerts (device_id, rule, vendor, severity, sensor)\n"
    "        VALUES (d->>'id', d->'risk'->>'rule', d->'risk'->>'vendor',\n"
    "          d->'risk'->>'severity', p_sensor)\n"
    "        ON CONFLICT DO NOTHING;\n"
    "    END IF;\n"
    "    n := n + 1;\n"
    "  END LOOP;\n"
    "  RETURN n;\n"
    "END $$;\n"
    /* The fleet's questions. A site is a sensor's name until an operator groups sensors:
     * UPDATE sensors SET site = 'london' WHERE name LIKE 'lon-%'. */
    "CREATE VIEW risk_devices AS\n"
    "  SELECT d.id, d.mac, d.vendor, d.model, d.software, d.name, d.risk_rule,\n"
    "    d.risk_severity, d.confidence, d.first_seen, d.last_seen,\n"
    "    array_agg(DISTINCT s.sensor ORDER BY s.sensor) AS sensors,\n"
    "    array_agg(DISTINCT se.site ORDER BY se.site) AS sites,\n"
    "    (array_agg(s.attached ORDER BY s.last_seen DESC)\n"
    "      FILTER (WHERE s.attached IS NOT NULL))[1] AS attached\n"
    "  FROM devices d\n"
    "  JOIN sightings s ON s.device_id = d.id\n"
    "  JOIN sensors se ON se.name = s.sensor\n"
    "  WHERE d.risk_rule IS NOT NULL\n"
    "  GROUP BY d.id;\n"
    "CREATE VIEW devices_by_site AS\n"
    "  SELECT se.site, count(DISTINCT s.device_id) AS devices,\n"
    "    count(DISTINCT s.device_id) FILTER (WHERE d.risk_rule IS NOT NULL) AS risk_devices,\n"
    "    array_agg(DISTINCT d.vendor ORDER BY d.vendor) FILTER (WHERE d.vendor IS NOT NULL)\n"
    "      AS vendors,\n"
    "    min(s.first_seen) AS first_seen, max(s.last_seen) AS last_seen\n"
    "  FROM sightings s\n"
    "  JOIN sensors se ON se.name = s.sensor\n"
    "  JOIN devices d ON d.id = s.device_id\n"
    "  GROUP BY se.site;\n"
    "CREATE FUNCTION changes_since(since timestamptz)\n"
    "  RETURNS TABLE (changed_at timestamptz, device_id text, sensor text, change text,\n"
    "    old jsonb, new jsonb, risk_rule text)\n"
    "  LANGUAGE sql STABLE AS $$\n"
    "    SELECT c.changed_at, c.device_id, c.sensor, c.change, c.old, c.new, d.risk_rule\n"
    "    FROM changes c LEFT JOIN devices d ON d.id = c.device_id\n"
    "    WHERE c.changed_at >= since ORDER BY c.seq\n"
    "  $$;\n";

/* NOTICEs ("already exists, skipping") are not the operator's business. */
static void quiet_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

static PGconn *connect_db(const char *url, char *err, size_t errsz)
{
    /* A database that does not answer must not hold the capture loop for long. */
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {url, "5", "vendorsniff", NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (!c) {
        snprintf(err, errsz, "PostgreSQL: out of memory");
        return NULL;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        const char *m = PQerrorMessage(c);
        snprintf(err, errsz, "PostgreSQL: %.*s", (int)strcspn(m, "\n"), m);
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, quiet_notice, NULL);
    return c;
}

static int exec_ok(PGconn *c, const char *sql, char *err, size_t errsz)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : -1;
    if (rc != 0) {
        const char *m = PQresultErrorMessage(r);
        snprintf(err, errsz, "PostgreSQL: %.*s", (int)strcspn(m, "\n"), m);
    }
    PQclear(r);
    return rc;
}

/* The schema version at c: 0 for none yet, -1 on error. */
static int schema_version(PGconn *c, char *err, size_t errsz)
{
    PGresult *r = PQexec(c, "SELECT coalesce(max(version), 0) FROM vs_schema");
    int v = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        v = atoi(PQgetvalue(r, 0, 0));
    else
        snprintf(err, errsz,
                 "PostgreSQL: no vendorsniff schema (run: vendorsniff store init "
                 "--store URL)");
    PQclear(r);
    return v;
}

int vs_store_init(const char *url, char *msg, size_t msgsz)
{
    PGconn *c = connect_db(url, msg, msgsz);
    if (!c)
        return -1;
    int rc = exec_ok(c,
                     "BEGIN; SELECT pg_advisory_xact_lock(7653); "
                     "CREATE TABLE IF NOT EXISTS vs_schema (version integer PRIMARY KEY, "
                     "applied_at timestamptz NOT NULL DEFAULT now())",
                     msg, msgsz);
    int v = rc == 0 ? schema_version(c, msg, msgsz) : -1;
    if (v < 0) {
        rc = -1;
    } else if (v > VS_STORE_SCHEMA_VERSION) {
        snprintf(msg, msgsz, "schema version %d is newer than this vendorsniff knows (%d)", v,
                 VS_STORE_SCHEMA_VERSION);
        rc = -1;
    } else if (v == VS_STORE_SCHEMA_VERSION) {
        snprintf(msg, msgsz, "schema already at version %d", v);
    } else {
        rc = exec_ok(c, schema_v1, msg, msgsz);
        if (rc == 0)
            rc = exec_ok(c, "INSERT INTO vs_schema (version) VALUES (1)", msg, msgsz);
        if (rc == 0)
            snprintf(msg, msgsz, "schema created at version %d", VS_STORE_SCHEMA_VERSION);
    }
    if (rc == 0) {
        char e2[512];
        if (exec_ok(c, "COMMIT", e2, sizeof e2) != 0) {
            snprintf(msg, msgsz, "%s", e2);
            rc = -1;
        }
    }
    PQfinish(c);
    return rc;
}

/* ---- the sensor side --------------------------------------------------------------- */

/* What was last committed for each device: a fingerprint of its line, by a hash of its id.
 * A device whose fingerprint differs (or that has none) is dirty. */
struct slot {
    uint64_t key; /* 0: empty */
    uint64_t committed, pending;
    uint64_t gen; /* the sync that last saw the device */
};

struct vs_store {
    char *url, *sensor;
    PGconn *conn;
    struct slot *tab;
    size_t cap, used;
    uint64_t gen;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "", 1);
}

/* Rebuild the table with room for need entries, keeping those seen by sync keep_gen (all
 * when 0): devices evicted from the inventory do not hold memory here for ever. */
static int rebuild(struct vs_store *s, size_t need, uint64_t keep_gen)
{
    size_t nc = 1024;
    while (need * 4 >= nc * 3)
        nc *= 2;
    struct slot *n = calloc(nc, sizeof *n);
    if (!n)
        return -1;
    size_t used = 0;
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->tab[i].key || (keep_gen && s->tab[i].gen != keep_gen))
            continue;
        size_t j = s->tab[i].key & (nc - 1);
        while (n[j].key)
            j = (j + 1) & (nc - 1);
        n[j] = s->tab[i];
        used++;
    }
    free(s->tab);
    s->tab = n;
    s->cap = nc;
    s->used = used;
    return 0;
}

/* The slot of key; the table must have room (rebuild before a sync's look-ups, so that
 * the slots handed out stay where they are). */
static struct slot *slot_get(struct vs_store *s, uint64_t key)
{
    if (!key)
        key = 1;
    size_t j = key & (s->cap - 1);
    while (s->tab[j].key && s->tab[j].key != key)
        j = (j + 1) & (s->cap - 1);
    if (!s->tab[j].key) {
        s->tab[j].key = key;
        s->used++;
    }
    s->tab[j].gen = s->gen;
    return &s->tab[j];
}

struct vs_store *vs_store_open(const char *url, const char *sensor)
{
    struct vs_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->url = strdup(url);
    s->sensor = strdup(sensor ? sensor : "sensor");
    if (!s->url || !s->sensor) {
        vs_store_close(s);
        return NULL;
    }
    return s;
}

void vs_store_close(struct vs_store *s)
{
    if (!s)
        return;
    if (s->conn)
        PQfinish(s->conn);
    free(s->tab);
    free(s->url);
    free(s->sensor);
    free(s);
}

static uint64_t fingerprint(const struct vs_device *d, const struct vs_attach *a)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, &d->last_sec, sizeof d->last_sec);
    h = fnv(h, &d->last_usec, sizeof d->last_usec);
    h = fnv(h, &d->packets, sizeof d->packets);
    h = fnv(h, &d->side->nev, sizeof d->side->nev);
    h = fnv(h, &d->nips, sizeof d->nips);
    h = fnv(h, &d->nvlans, sizeof d->nvlans);
    h = fnv(h, &d->confidence, sizeof d->confidence);
    h = fnv_str(h, d->vendor);
    h = fnv_str(h, d->side->model);
    h = fnv_str(h, d->side->software);
    h = fnv_str(h, d->side->name);
    h = fnv_str(h, d->risk ? d->risk->id : NULL);
    if (a) {
        h = fnv(h, &a->sw, sizeof a->sw);
        h = fnv_str(h, a->port);
        h = fnv(h, &a->how, sizeof a->how);
    }
    return h;
}

static int send_batch(struct vs_store *s, const char *json, char *err, size_t errsz)
{
    const char *params[2] = {s->sensor, json};
    PGresult *r =
        PQexecParams(s->conn, "SELECT vs_ingest($1, $2::jsonb)", 2, NULL, params, NULL, NULL, 0);
    int rc = PQresultStatus(r) == PGRES_TUPLES_OK ? 0 : -1;
    if (rc != 0) {
        const char *m = PQresultErrorMessage(r);
        snprintf(err, errsz, "PostgreSQL: %.*s", (int)strcspn(m, "\n"), m);
    }
    PQclear(r);
    return rc;
}

static void drop_connection(struct vs_store *s)
{
    if (s->conn)
        PQfinish(s->conn);
    s->conn = NULL;
}

/* One transaction: connect if needed, every dirty device in batches, commit. On failure
 * the transaction is rolled back (or the broken connection dropped). */
static long push(struct vs_store *s, struct vs_device **dd, size_t nd,
                 const struct vs_topology *topo, const struct vs_out *o, int64_t sec, uint32_t usec,
                 char *err, size_t errsz)
{
    long rc = 0;
    if (!s->conn) {
        s->conn = connect_db(s->url, err, errsz);
        if (!s->conn)
            rc = -1;
        else if (schema_version(s->conn, err, errsz) != VS_STORE_SCHEMA_VERSION) {
            if (!strstr(err, "schema"))
                snprintf(err, errsz,
                         "PostgreSQL: schema version is not %d (run: vendorsniff "
                         "store init)",
                         VS_STORE_SCHEMA_VERSION);
            drop_connection(s);
            rc = -1;
        }
    }
    if (rc == 0 && exec_ok(s->conn, "BEGIN", err, errsz) != 0)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < nd; i += BATCH_DEVICES) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (!m) {
            snprintf(err, errsz, "PostgreSQL sync: out of memory");
            rc = -1;
            break;
        }
        fputc('[', m);
        for (size_t j = i; j < nd && j < i + BATCH_DEVICES; j++) {
            if (j > i)
                fputc(',', m);
            vs_jsonl_device_at(m, o, dd[j], vs_topology_find(topo, dd[j]), sec, usec);
        }
        fputc(']', m);
        if (fclose(m) != 0 || !buf) {
            free(buf);
            snprintf(err, errsz, "PostgreSQL sync: out of memory");
            rc = -1;
            break;
        }
        rc = send_batch(s, buf, err, errsz);
        free(buf);
    }
    if (rc == 0 && exec_ok(s->conn, "COMMIT", err, errsz) != 0)
        rc = -1;
    if (rc != 0 && s->conn) {
        if (PQstatus(s->conn) != CONNECTION_OK) {
            drop_connection(s);
        } else {
            char e2[256];
            if (exec_ok(s->conn, "ROLLBACK", e2, sizeof e2) != 0)
                drop_connection(s);
        }
    }
    return rc;
}

long vs_store_sync(struct vs_store *s, struct vs_inventory *inv, const struct vs_out *o,
                   int64_t sec, uint32_t usec, char *err, size_t errsz)
{
    size_t n;
    struct vs_device **devs = vs_inventory_sorted(inv, &n);
    struct vs_topology topo;
    if (!devs || vs_topology_build(inv, &topo) != 0) {
        free(devs);
        snprintf(err, errsz, "PostgreSQL sync: out of memory");
        return -1;
    }
    /* Which devices are dirty; their new fingerprints are kept aside until the commit. */
    s->gen++;
    if ((s->used + n + 1) * 4 >= s->cap * 3 && rebuild(s, s->used + n + 1, 0) != 0) {
        free(devs);
        vs_topology_free(&topo);
        snprintf(err, errsz, "PostgreSQL sync: out of memory");
        return -1;
    }
    struct slot **dirty = calloc(n ? n : 1, sizeof *dirty);
    struct vs_device **dd = calloc(n ? n : 1, sizeof *dd);
    size_t nd = 0;
    long rc = 0;
    if (!dirty || !dd) {
        snprintf(err, errsz, "PostgreSQL sync: out of memory");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char id[64];
        vs_device_id(devs[i], id, sizeof id);
        const struct vs_attach *a = vs_topology_find(&topo, devs[i]);
        struct slot *sl = slot_get(s, fnv_str(0xcbf29ce484222325ULL, id));
        if (!sl) {
            snprintf(err, errsz, "PostgreSQL sync: out of memory");
            rc = -1;
            break;
        }
        uint64_t fp = fingerprint(devs[i], a) | 1; /* 0 means "never committed" */
        if (sl->committed == fp)
            continue;
        sl->pending = fp;
        dirty[nd] = sl;
        dd[nd++] = devs[i];
    }
    if (rc == 0 && nd) {
        bool had = s->conn != NULL;
        rc = push(s, dd, nd, &topo, o, sec, usec, err, errsz);
        /* a connection the server dropped since the last sync (a restart) is only found
         * out by using it: one more try on a fresh one */
        if (rc != 0 && had && !s->conn)
            rc = push(s, dd, nd, &topo, o, sec, usec, err, errsz);
    }
    if (rc == 0) {
        for (size_t i = 0; i < nd; i++)
            dirty[i]->committed = dirty[i]->pending;
        rc = (long)nd;
        /* forget the devices the inventory no longer has (evicted, merged) */
        if (s->used > 2 * n + 1024)
            (void)rebuild(s, n + 1, s->gen);
    }
    free(dirty);
    free(dd);
    vs_topology_free(&topo);
    free(devs);
    return rc;
}
