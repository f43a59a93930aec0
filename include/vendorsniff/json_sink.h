/* SPDX-License-Identifier: BSD-2-Clause */
/* json_sink.h - the JSON sink (src/sink/json.c): JSON Lines events (device, alert, stats),
 * the inventory file (replaced atomically) and the alert object syslog carries. */
#ifndef VS_JSON_SINK_H
#define VS_JSON_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/sink.h"

/* One JSON object and a newline. Return 0 or -errno. */
int vs_jsonl_device(FILE *f, const struct vs_out *o, const struct vs_device *d, int64_t sec,
                    uint32_t usec);
/* The same with where the device is attached (NULL: unknown), as the inventory file has it. */
struct vs_attach;
int vs_jsonl_device_at(FILE *f, const struct vs_out *o, const struct vs_device *d,
                       const struct vs_attach *att, int64_t sec, uint32_t usec);
int vs_jsonl_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                   const struct vs_risk_rule *r, int64_t sec, uint32_t usec);
/* rule "risk-peer": the device talks to peer, in a listed country or network. */
int vs_jsonl_peer_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_risk_rule *r, const struct vs_ip *peer, const char *country,
                        uint32_t asn, int64_t sec, uint32_t usec);
/* "alert_summary": n risk alerts of devices known only by vendor's OUI were held back in
 * the minute from window_sec (VS_MAX_OUI_ALERTS_PER_MINUTE). */
int vs_jsonl_alert_summary(FILE *f, const struct vs_out *o, const char *vendor,
                           const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                           int64_t sec, uint32_t usec);
char *vs_alert_summary_json_string(const struct vs_out *o, const char *vendor,
                                   const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                                   int64_t sec, uint32_t usec);
int vs_jsonl_stats(FILE *f, const struct vs_out *o, const struct vs_run_stats *s, int64_t sec,
                   uint32_t usec);

/* Every device as a JSON line, in report order, replacing path atomically (atomic.h: the
 * file and its directory fsynced), so a reader never sees a half-written inventory. sec and
 * usec are the event time. 0 or -errno with err set. */
int vs_json_write_inventory(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                            int64_t sec, uint32_t usec, char *err, size_t errsz);
/* The same, and the same lines to also when it is not NULL (--format json with --inventory:
 * one sort and one serialisation for both). *also_done tells whether also got them; when
 * not (the file could not be created, no memory), the caller prints them itself. */
int vs_json_write_inventory_tee(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                                int64_t sec, uint32_t usec, FILE *also, bool *also_done, char *err,
                                size_t errsz);
/* The same lines to a stream (--format json). */
int vs_json_print_inventory(FILE *f, const struct vs_out *o, struct vs_inventory *inv, int64_t sec,
                            uint32_t usec);

/* Syslog line for an alert (RFC 5424 MSG part): "vendorsniff alert ..." + JSON. */
char *vs_alert_json_string(const struct vs_out *o, const struct vs_device *d,
                           const struct vs_risk_rule *r, int64_t sec, uint32_t usec);

#endif
