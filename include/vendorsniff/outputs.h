/* SPDX-License-Identifier: BSD-2-Clause */
/* outputs.h - the sinks of one run, fanned out: inventory events to the -w stream and to
 * syslog, the stats lines, the inventory file, and the final report; opened, flushed, closed. */
#ifndef VS_OUTPUTS_H
#define VS_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/sink.h"

struct vs_syslog;

struct vs_outputs_opts {
    const char *sensor;        /* --sensor; NULL: the host name */
    const char *events_path;   /* -w: NULL, "-" for stdout, or a file appended to */
    bool line_buffered;        /* live: each event reaches the file when it happens */
    const char *syslog_target; /* NULL, "local", "udp://HOST:PORT", "tcp://HOST:PORT" */
    bool syslog_devices;       /* device events to syslog too, not only alerts */
};

struct vs_outputs {
    struct vs_out out; /* what every event carries; out.risk follows a reload */
    char sensor[256];
    int events_fd;      /* -1 without -w; each event one write(2), whole or rolled back */
    const char *events_name;
    bool events_failing; /* the last write failed (said once on stderr); retried each event */
    uint64_t events_lost;
    struct vs_syslog *syslog;
    bool syslog_devices;
    /* Any output failure of the run (events, inventory, state, report): the exit status
     * says output was lost. */
    uint64_t failures;
    char last_error[512];
    /* attachments already announced by a device event: device id hash -> attachment hash */
    uint64_t *att_key, *att_val;
    size_t att_cap, att_used;
};

/* Note an output failure: said on stderr as "vendorsniff: MSG", counted, kept as the last. */
void vs_outputs_failed(struct vs_outputs *o, const char *msg);

/* Open the -w stream and the syslog target. 0, or -1 with err set and nothing left open. */
int vs_outputs_open(struct vs_outputs *o, const struct vs_outputs_opts *opts,
                    const struct vs_risk_list *risk, const struct vs_geo *geo, char *err,
                    size_t errsz);

/* Inventory hooks that turn device changes and alerts into events on every output. */
struct vs_inventory_hooks vs_outputs_hooks(struct vs_outputs *o);

/* SIGHUP: reopen the -w file at path so that logrotate can move it away. When it cannot be
 * opened the old one stays in use, and -1 with err set says so. */
int vs_outputs_reopen_events(struct vs_outputs *o, const char *path, char *err, size_t errsz);

/* A stats line on the -w stream, flushed (live, every --stats-interval). */
void vs_outputs_stats(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                      uint32_t usec);

/* The end of the -w stream: a last stats line, and closed. -EIO when any event could not
 * be written. */
int vs_outputs_finish_events(struct vs_outputs *o, const struct vs_run_stats *s, int64_t sec,
                             uint32_t usec);

/* The inventory file, replaced atomically. 0 or -errno with err set. */
int vs_outputs_write_inventory(const struct vs_outputs *o, const char *path,
                               struct vs_inventory *inv, int64_t sec, uint32_t usec, char *err,
                               size_t errsz);

/* The same, writing the lines to also as well (see vs_json_write_inventory_tee). */
int vs_outputs_write_inventory_tee(const struct vs_outputs *o, const char *path,
                                   struct vs_inventory *inv, int64_t sec, uint32_t usec, FILE *also,
                                   bool *also_done, char *err, size_t errsz);

/* The end-of-run report on f: readable text, or the inventory and stats as JSON lines (inv
 * NULL for the stats alone, when the inventory lines went out with the inventory file). */
void vs_outputs_report_text(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, bool color);
void vs_outputs_report_json(const struct vs_outputs *o, FILE *f, struct vs_inventory *inv,
                            const struct vs_run_stats *s, int64_t sec, uint32_t usec);

/* Device events for the devices whose attachment (topology.h) is new or different since
 * the last call: the run calls it at every stats interval (live) and at the end. */
void vs_outputs_attachments(struct vs_outputs *o, struct vs_inventory *inv, int64_t sec,
                            uint32_t usec);

/* Close whatever is still open. */
void vs_outputs_close(struct vs_outputs *o);

#endif
