/* SPDX-License-Identifier: BSD-2-Clause */
/* report.h - what the audit deliverables (the HTML report, html_sink.h; the CSV export,
 * csv_sink.h) say about the run beside the devices: who ran it, what was read, over which
 * packet times, and the versions of every data set the verdicts rest on. */
#ifndef VS_REPORT_H
#define VS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/risk.h"

struct vs_report_meta {
    const char *sensor;        /* --sensor or the host name; NULL: not recorded */
    const char *audit_note;    /* --audit-note, NULL: none */
    const char *const *inputs; /* capture files, the interface, or saved inventories */
    size_t ninputs;
    const char *input_kind; /* "capture file", "interface", "saved inventory" */
    bool have_span;         /* packet times of the first and last packet */
    int64_t first_sec, last_sec;
    uint32_t first_usec, last_usec;
    bool have_packets; /* packets is the number read (a capture run, not a saved inventory) */
    uint64_t packets;
    /* What the verdicts rest on (NULL: not known / not used). */
    const char *version;      /* vendorsniff's own */
    const char *oui_snapshot; /* vs_oui_snapshot() */
    size_t sig_rules, sig_vendors;
    const char *sig_digest;     /* SHA-256 of the signature files, shortened; NULL: unknown */
    const char *risk_digest;    /* SHA-256 of the risk-list file, shortened; NULL: unknown */
    const char *recog_snapshot; /* first line of signatures/recog/SNAPSHOT, when present */
    const struct vs_risk_list *risk;
    const char *geoip; /* vs_geo_describe(), NULL without --geoip */
};

struct vs_topology;
/* Where a device is attached (switch, port, VLAN and how it is known, from the topology the
 * writer built for the inventory: topology.h), as text; "" when not known. The one place the
 * HTML and CSV writers ask. */
const char *vs_report_attached(const struct vs_topology *t, const struct vs_device *d, char *buf,
                               size_t bufsz);

/* When the span is not known from a capture (saved inventories), take it from the devices'
 * first and last seen times. */
void vs_report_span_from_devices(struct vs_report_meta *m, struct vs_inventory *inv);

#endif
