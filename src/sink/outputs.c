/* SPDX-License-Identifier: BSD-2-Clause */
/* outputs.c - the fan-out from the inventory to the sinks of a run (JSON Lines stream,
 * syslog, inventory file, report): which sink gets what, and the life of the -w file. */
#include "vendorsniff/outputs.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/json_sink.h"
#include "vendorsniff/syslog_sink.h"

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

int vs_outputs_write_inventory_tee(const struct vs_outputs *o, const char *path,
                                   struct vs_inventory *inv, int64_t sec, uint32_t usec, FILE *also,
                                   bool *also_done, char *err, size_t errsz)
{
    return vs_json_write_inventory_tee(path, &o->out, inv, sec, usec, also, also_done, err, errsz);
}

void vs_outputs_report_text(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, bool color)
{
    vs_report_text(f, &o->out, inv, s, color);
}

void vs_outputs_report_json(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, int64_t sec, uint32_t usec)
{
    if (inv) /* NULL: the inventory lines are already out (vs_outputs_write_inventory_tee) */
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
}
