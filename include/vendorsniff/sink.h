/* SPDX-License-Identifier: BSD-2-Clause */
/* sink.h - what every sink is given (sensor, risk list, GeoIP; the run's statistics) and the
 * readable text report. The JSON sink is json_sink.h, syslog syslog_sink.h. */
#ifndef VS_SINK_H
#define VS_SINK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"

struct vs_geo;

/* What every event carries beside its own fields. */
struct vs_out {
    const char *sensor;
    const struct vs_risk_list *risk;
    const struct vs_geo *geo; /* NULL: no enrichment */
    /* With a NULL stream, the JSON Lines writers hand each whole line to put (the -w
     * stream: written whole or not at all). 0 or -errno. */
    int (*put)(void *ctx, const char *line, size_t len);
    void *put_ctx;
};

struct vs_run_stats {
    const struct vs_stats *pipe;
    uint64_t devices, alerts, evictions;
    uint64_t evidence_dropped; /* items past VS_MAX_EVIDENCE_PER_DEVICE */
    uint64_t ps_recv, ps_drop, ps_ifdrop;
    bool have_pcap_stats;
    bool have_span; /* packet times of the first and last packet */
    int64_t first_sec, last_sec;
    uint32_t first_usec, last_usec;
    const char *const *inputs; /* what was read: files, or the interface */
    size_t ninputs;
    /* Outputs that failed: events not written to -w, inventory/state/report writes that
     * failed, and the newest failure ("PATH: errno text"); all zero when none did. */
    uint64_t events_lost, output_failures;
    const char *output_error;
    uint64_t reloads, reload_failures;
    uint64_t input_failures;    /* inputs that could not be opened or read to their end */
    const struct vs_sigs *sigs; /* for the rules that hit the PCRE2 limits; may be NULL */
    unsigned workers;           /* --workers N: N (>= 2) capture workers; 0 otherwise */
    const char *fanout;         /* with workers: "mac" or "hash" */
};

/* The readable report: summary by vendor, risk devices first, then every device with the
 * evidence behind it. color: ANSI emphasis for a terminal. */
void vs_report_text(FILE *f, const struct vs_out *o, struct vs_inventory *inv,
                    const struct vs_run_stats *s, bool color);

#endif
