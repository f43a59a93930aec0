/* SPDX-License-Identifier: BSD-2-Clause */
/* outputs.c - the fan-out from the inventory to the sinks of a run (JSON Lines stream,
 * syslog, inventory file, report): which sink gets what, and the life of the -w file. */
#include "vendorsniff/outputs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/json_sink.h"
#include "vendorsniff/syslog_sink.h"
#include "vendorsniff/topology.h"

int vs_outputs_open(struct vs_outputs *o, const struct vs_outputs_opts *opts,
                    const struct vs_risk_list *risk, const struct vs_geo *geo, char *err,
                    size_t errsz)
{
    memset(o, 0, sizeof *o);
    if (opts->sensor)
        snprintf(o->sensor, sizeof o->sensor, "%s", opts->sensor);
    else if (gethostname(o->sensor, sizeof o->sensor - 1) != 0)
        snprintf(o->sensor, sizeof o->sensor, "vendorsniff");
    o->out.sensor = o->sensor;
    o->out.risk = risk;
    o->out.geo = geo;
    o->syslog_devices = opts->syslog_devices;
    if (opts->events_path) {
        o->events = strcmp(opts->events_path, "-") == 0 ? stdout : fopen(opts->events_path, "a");
        if (!o->events) {
            snprintf(err, errsz, "%s: %s", opts->events_path, strerror(errno));
            return -1;
        }
        /* A daemon's alerts must reach the file (and Filebeat) when they happen, not when
         * a 4 KiB buffer fills; events are rare enough for a write each. */
        if (opts->line_buffered)
            setvbuf(o->events, NULL, _IOLBF, 0);
    }
    if (opts->syslog_target &&
        vs_syslog_open(opts->syslog_target, o->sensor, &o->syslog, err, errsz) != 0) {
        vs_outputs_close(o);
        return -1;
    }
    return 0;
}

static void hook_device(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events && !o->events_failed && vs_jsonl_device(o->events, &o->out, d, sec, usec) != 0)
        o->events_failed = true;
    if (o->syslog && o->syslog_devices)
        vs_syslog_device(o->syslog, &o->out, d, sec, usec);
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    h ^= 0xff; /* the end of a string, so that "ab"+"c" is not "a"+"bc" */
    return h * 0x100000001b3ULL;
}

/* The slot of key in the table of announced attachments (grown as needed); NULL when out of
 * memory. */
static uint64_t *att_slot(struct vs_outputs *o, uint64_t key, uint64_t **val)
{
    if ((o->att_used + 1) * 4 >= o->att_cap * 3) {
        size_t nc = o->att_cap ? o->att_cap * 2 : 256;
        uint64_t *k = calloc(nc, sizeof *k), *v = calloc(nc, sizeof *v);
        if (!k || !v) {
            free(k);
            free(v);
            return NULL;
        }
        for (size_t i = 0; i < o->att_cap; i++) {
            if (!o->att_key[i])
                continue;
            size_t j = o->att_key[i] & (nc - 1);
            while (k[j])
                j = (j + 1) & (nc - 1);
            k[j] = o->att_key[i];
            v[j] = o->att_val[i];
        }
        free(o->att_key);
        free(o->att_val);
        o->att_key = k;
        o->att_val = v;
        o->att_cap = nc;
    }
    size_t j = key & (o->att_cap - 1);
    while (o->att_key[j] && o->att_key[j] != key)
        j = (j + 1) & (o->att_cap - 1);
    if (!o->att_key[j]) {
        o->att_key[j] = key;
        o->att_val[j] = 0;
        o->att_used++;
    }
    *val = &o->att_val[j];
    return &o->att_key[j];
}

void vs_outputs_attachments(struct vs_outputs *o, struct vs_inventory *inv, int64_t sec,
                            uint32_t usec)
{
    bool to_syslog = o->syslog && o->syslog_devices;
    if ((!o->events || o->events_failed) && !to_syslog)
        return;
    struct vs_topology t;
    if (vs_topology_build(inv, &t) != 0)
        return;
    size_t n;
    struct vs_device **arr = t.n ? vs_inventory_sorted(inv, &n) : NULL;
    for (size_t i = 0; arr && i < n; i++) {
        const struct vs_attach *a = vs_topology_find(&t, arr[i]);
        if (!a)
            continue;
        char id[64], sw[64], vlan[16];
        vs_device_id(arr[i], id, sizeof id);
        vs_device_id(a->sw, sw, sizeof sw);
        snprintf(vlan, sizeof vlan, "%d/%d", a->vlan, (int)a->how);
        uint64_t h = fnv_str(fnv_str(fnv_str(fnv_str(0xcbf29ce484222325ULL, sw), a->port), vlan),
                             a->local_port);
        h |= 1; /* 0 means "not announced yet" */
        uint64_t *val;
        uint64_t key = fnv_str(0xcbf29ce484222325ULL, id) | 1;
        if (!att_slot(o, key, &val) || *val == h)
            continue;
        *val = h;
        if (o->events && !o->events_failed &&
            vs_jsonl_device_at(o->events, &o->out, arr[i], a, sec, usec) != 0)
            o->events_failed = true;
        if (to_syslog)
            vs_syslog_device(o->syslog, &o->out, arr[i], sec, usec);
    }
    free(arr);
    vs_topology_free(&t);
}

static void hook_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                       int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events && !o->events_failed && vs_jsonl_alert(o->events, &o->out, d, r, sec, usec) != 0)
        o->events_failed = true;
    if (o->syslog)
        vs_syslog_alert(o->syslog, &o->out, d, r, sec, usec);
}

static void hook_peer_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                            const struct vs_ip *peer, const char *country, uint32_t asn,
                            int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events && !o->events_failed &&
        vs_jsonl_peer_alert(o->events, &o->out, d, r, peer, country, asn, sec, usec) != 0)
        o->events_failed = true;
    if (o->syslog)
        vs_syslog_alert(o->syslog, &o->out, d, r, sec, usec);
}

static void hook_alert_summary(void *ctx, const char *vendor, const struct vs_risk_rule *r,
                               uint64_t n, int64_t window_sec, int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events && !o->events_failed &&
        vs_jsonl_alert_summary(o->events, &o->out, vendor, r, n, window_sec, sec, usec) != 0)
        o->events_failed = true;
    if (o->syslog)
        vs_syslog_alert_summary(o->syslog, &o->out, vendor, r, n, window_sec, sec, usec);
}

struct vs_inventory_hooks vs_outputs_hooks(struct vs_outputs *o)
{
    struct vs_inventory_hooks h = {o, hook_device, hook_alert, hook_peer_alert, hook_alert_summary};
    return h;
}

int vs_outputs_reopen_events(struct vs_outputs *o, const char *path, char *err, size_t errsz)
{
    if (!o->events || o->events == stdout)
        return 0;
    FILE *f = fopen(path, "a");
    if (!f) {
        /* After -Z or --chroot the new file may be out of reach; losing no event matters more. */
        snprintf(err, errsz, "%s: cannot reopen, still writing to the old file: %s", path,
                 strerror(errno));
        return -1;
    }
    if (fclose(o->events) != 0)
        o->events_failed = true;
    o->events = f;
    setvbuf(o->events, NULL, _IOLBF, 0);
    return 0;
}

void vs_outputs_stats(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                      uint32_t usec)
{
    if (!o->events)
        return;
    vs_jsonl_stats(o->events, &o->out, s, sec, usec);
    fflush(o->events);
}

int vs_outputs_finish_events(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                             uint32_t usec)
{
    if (!o->events)
        return 0;
    vs_jsonl_stats(o->events, &o->out, s, sec, usec);
    int rc = fflush(o->events) != 0 || o->events_failed ? -EIO : 0;
    if (o->events != stdout)
        fclose(o->events);
    o->events = NULL;
    return rc;
}

int vs_outputs_write_inventory(const struct vs_outputs *o, const char *path,
                               struct vs_inventory *inv, int64_t sec, uint32_t usec, char *err,
                               size_t errsz)
{
    return vs_json_write_inventory(path, &o->out, inv, sec, usec, err, errsz);
}

void vs_outputs_report_text(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, bool color)
{
    vs_report_text(f, &o->out, inv, s, color);
}

void vs_outputs_report_json(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, int64_t sec, uint32_t usec)
{
    vs_json_print_inventory(f, &o->out, inv, sec, usec);
    vs_jsonl_stats(f, &o->out, s, sec, usec);
}

void vs_outputs_close(struct vs_outputs *o)
{
    if (o->events && o->events != stdout)
        fclose(o->events);
    o->events = NULL;
    vs_syslog_close(o->syslog);
    o->syslog = NULL;
    free(o->att_key);
    free(o->att_val);
    o->att_key = o->att_val = NULL;
    o->att_cap = o->att_used = 0;
}
