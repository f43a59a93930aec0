/* SPDX-License-Identifier: BSD-2-Clause */
/* outputs.c - the fan-out from the inventory to the sinks of a run (JSON Lines stream,
 * syslog, inventory file, report): which sink gets what, and the life of the -w file. */
#include "vendorsniff/outputs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/atomic.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/syslog_sink.h"
#include "vendorsniff/topology.h"

void vs_outputs_failed(struct vs_outputs *o, const char *msg)
{
    fprintf(stderr, "vendorsniff: %s\n", msg);
    snprintf(o->last_error, sizeof o->last_error, "%s", msg);
    o->failures++;
}

/* One event line to the -w descriptor: all of it, or (when the disk fills half-way) none of
 * it, so that the next event never joins a cut one. A failure is said once; when writes
 * succeed again, that is said too, with the count lost in between. */
static int events_put(void *ctx, const char *line, size_t len)
{
    struct vs_outputs *o = ctx;
    if (o->events_fd < 0)
        return 0;
    struct stat st;
    bool regular = fstat(o->events_fd, &st) == 0 && S_ISREG(st.st_mode);
    size_t done = 0;
    int e = 0;
    while (done < len) {
        ssize_t k = write(o->events_fd, line + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            e = k < 0 ? errno : ENOSPC;
            break;
        }
        done += (size_t)k;
    }
    if (done == len) {
        if (o->events_failing) {
            fprintf(stderr, "vendorsniff: %s: writing events again (%llu lost)\n", o->events_name,
                    (unsigned long long)o->events_lost);
            o->events_failing = false;
        }
        return 0;
    }
    /* Roll the partial line back (O_APPEND: it began at the old end); where that is not
     * possible, end it so that the next event starts on a line of its own. */
    if (done > 0 && !(regular && ftruncate(o->events_fd, st.st_size) == 0))
        (void)!write(o->events_fd, "\n", 1);
    o->events_lost++;
    if (!o->events_failing) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: cannot write events: %s; events are lost until it can",
                 o->events_name, strerror(e));
        vs_outputs_failed(o, msg);
        o->events_failing = true;
    }
    return -e;
}

int vs_outputs_open(struct vs_outputs *o, const struct vs_outputs_opts *opts,
                    const struct vs_risk_list *risk, const struct vs_geo *geo, char *err,
                    size_t errsz)
{
    memset(o, 0, sizeof *o);
    o->events_fd = -1;
    if (opts->sensor)
        snprintf(o->sensor, sizeof o->sensor, "%s", opts->sensor);
    else if (gethostname(o->sensor, sizeof o->sensor - 1) != 0)
        snprintf(o->sensor, sizeof o->sensor, "vendorsniff");
    o->out.sensor = o->sensor;
    o->out.risk = risk;
    o->out.geo = geo;
    o->out.put = events_put;
    o->out.put_ctx = o;
    o->syslog_devices = opts->syslog_devices;
    (void)opts->line_buffered; /* every event is one write(2) now, live or not */
    if (opts->events_path) {
        if (strcmp(opts->events_path, "-") == 0) {
            o->events_fd = STDOUT_FILENO;
            o->events_name = "standard output";
        } else {
            char why[256] = "";
            int fd = vs_output_open(opts->events_path, why, sizeof why);
            if (fd < 0) {
                snprintf(err, errsz, "%s: %s", opts->events_path,
                         why[0] ? why : vs_atomic_strerror(fd));
                return -1;
            }
            o->events_fd = fd;
            o->events_name = opts->events_path;
        }
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
    if (o->events_fd >= 0)
        vs_jsonl_device(NULL, &o->out, d, sec, usec);
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
    if (o->events_fd < 0 && !to_syslog)
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
        if (o->events_fd >= 0)
            vs_jsonl_device_at(NULL, &o->out, arr[i], a, sec, usec); /* failures: the writer's */
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
    if (o->events_fd >= 0)
        vs_jsonl_alert(NULL, &o->out, d, r, sec, usec);
    if (o->syslog)
        vs_syslog_alert(o->syslog, &o->out, d, r, sec, usec);
}

static void hook_peer_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                            const struct vs_ip *peer, const char *country, uint32_t asn,
                            int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events_fd >= 0)
        vs_jsonl_peer_alert(NULL, &o->out, d, r, peer, country, asn, sec, usec);
    if (o->syslog)
        vs_syslog_alert(o->syslog, &o->out, d, r, sec, usec);
}

static void hook_alert_summary(void *ctx, const char *vendor, const struct vs_risk_rule *r,
                               uint64_t n, int64_t window_sec, int64_t sec, uint32_t usec)
{
    struct vs_outputs *o = ctx;
    if (o->events_fd >= 0)
        vs_jsonl_alert_summary(NULL, &o->out, vendor, r, n, window_sec, sec, usec);
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
    if (o->events_fd < 0 || o->events_fd == STDOUT_FILENO)
        return 0;
    char why[256] = "";
    int fd = vs_output_open(path, why, sizeof why);
    if (fd < 0) {
        /* After -Z or --chroot the new file may be out of reach; losing no event matters more. */
        snprintf(err, errsz, "%s: cannot reopen, still writing to the old file: %s", path,
                 why[0] ? why : vs_atomic_strerror(fd));
        return -1;
    }
    close(o->events_fd);
    o->events_fd = fd;
    o->events_name = path;
    return 0;
}

void vs_outputs_stats(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                      uint32_t usec)
{
    if (o->events_fd >= 0)
        vs_jsonl_stats(NULL, &o->out, s, sec, usec);
}

int vs_outputs_finish_events(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                             uint32_t usec)
{
    if (o->events_fd < 0)
        return 0;
    vs_jsonl_stats(NULL, &o->out, s, sec, usec);
    int rc = o->events_lost ? -EIO : 0;
    if (o->events_fd != STDOUT_FILENO && close(o->events_fd) != 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: cannot write events: %s", o->events_name, strerror(errno));
        vs_outputs_failed(o, msg);
        rc = -EIO;
    }
    o->events_fd = -1;
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
    if (o->events_fd >= 0 && o->events_fd != STDOUT_FILENO)
        close(o->events_fd);
    o->events_fd = -1;
    vs_syslog_close(o->syslog);
    o->syslog = NULL;
    free(o->att_key);
    free(o->att_val);
    o->att_key = o->att_val = NULL;
    o->att_cap = o->att_used = 0;
}
