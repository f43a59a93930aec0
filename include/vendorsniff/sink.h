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

struct vs_geo;

/* What every event carries beside its own fields. */
struct vs_out {
    const char *sensor;
    const struct vs_risk_list *risk;
    const struct vs_geo *geo; /* NULL: no enrichment */
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
};

/* The readable report: summary by vendor, risk devices first, then every device with the
 * evidence behind it. color: ANSI emphasis for a terminal. */
void vs_report_text(FILE *f, const struct vs_out *o, struct vs_inventory *inv,
                    const struct vs_run_stats *s, bool color);

#endif
