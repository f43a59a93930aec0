/* sink.h - the sinks only format: JSON Lines events (device, alert, stats), the
 * inventory file (written atomically), and the readable text report. */
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

/* One JSON object and a newline. Return 0 or -errno. */
int vs_jsonl_device(FILE *f, const struct vs_out *o, const struct vs_device *d, int64_t sec,
                    uint32_t usec);
int vs_jsonl_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                   const struct vs_risk_rule *r, int64_t sec, uint32_t usec);
/* rule "risk-peer": the device talks to peer, in a listed country or network. */
int vs_jsonl_peer_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_risk_rule *r, const struct vs_ip *peer, const char *country,
                        uint32_t asn, int64_t sec, uint32_t usec);
int vs_jsonl_stats(FILE *f, const struct vs_out *o, const struct vs_run_stats *s, int64_t sec,
                   uint32_t usec);

/* Every device as a JSON line, in report order, to path via a temporary file, fsync and
 * rename, so a reader never sees a half-written inventory. ts is the event time. */
int vs_inventory_write(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                       int64_t sec, uint32_t usec, char *err, size_t errsz);
/* The same lines to a stream (--format json). */
int vs_inventory_print(FILE *f, const struct vs_out *o, struct vs_inventory *inv, int64_t sec,
                       uint32_t usec);

/* The readable report: summary by vendor, risk devices first, then every device with the
 * evidence behind it. color: ANSI emphasis for a terminal. */
void vs_report_text(FILE *f, const struct vs_out *o, struct vs_inventory *inv,
                    const struct vs_run_stats *s, bool color);

/* Syslog line for an alert (RFC 5424 MSG part): "vendorsniff alert ..." + JSON. */
char *vs_alert_json_string(const struct vs_out *o, const struct vs_device *d,
                           const struct vs_risk_rule *r, int64_t sec, uint32_t usec);

#endif
