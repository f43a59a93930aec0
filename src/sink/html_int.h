/* SPDX-License-Identifier: BSD-2-Clause */
/* html_int.h - private to the HTML report's modules (html.c, html_charts.c, html_table.c):
 * the page's output buffer and the small writers and device facts they share. */
#ifndef VS_SINK_HTML_INT_H
#define VS_SINK_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/html_sink.h"
#include "vendorsniff/topology.h"

struct w {
    FILE *f;
    struct vs_buf b;
    bool nomem, ioerr;
    const struct vs_topology *topo; /* where devices are attached; NULL: not known */
};

#define W_FLUSH_AT (1u << 20)

struct counts {
    size_t n, nevid, nrisk, sev[4];
};

/* The output buffer (html.c). */
void vs_hw_flush(struct w *w);
void vs_hw_put(struct w *w, const char *s);
void vs_hw_putf(struct w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An untrusted string, escaped; NULL prints nothing. */
void vs_hw_esc(struct w *w, const char *s);
/* An untrusted string cut to at most max characters (labels in charts). */
void vs_hw_esc_cut(struct w *w, const char *s, size_t max);

/* Small helpers and device facts (html.c). */
void vs_hw_short_ts(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN]);
void vs_hw_ts_html(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN + 64]);
const char *vs_hw_sev_class(enum vs_severity s);
void vs_hw_ips_text(struct w *w, const struct vs_device *d, unsigned max);
void vs_hw_vlans_text(struct w *w, const struct vs_device *d);
int vs_hw_vendor_cmp(const struct vs_device *a, const struct vs_device *b);

/* The sections in their own files; arr holds c->n devices in the report's order, risk first. */
void vs_hw_charts(struct w *w, struct vs_device **arr, const struct counts *c);
void vs_hw_device_table(struct w *w, struct vs_device **arr, const struct counts *c);
void vs_hw_howto(struct w *w);

#endif
