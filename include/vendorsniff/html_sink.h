/* SPDX-License-Identifier: BSD-2-Clause */
/* html_sink.h - the audit report as one self-contained HTML file (src/sink/html.c): inline
 * CSS, inline SVG charts with table alternatives, a Content-Security-Policy that forbids every
 * load, a print stylesheet; deterministic (no wall clock); every wire string escaped. */
#ifndef VS_HTML_SINK_H
#define VS_HTML_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/report.h"
#include "vendorsniff/text.h"

/* Devices shown in one flat table; above this the full table is grouped by vendor, each
 * group collapsed, so a browser opens 100,000 devices in reasonable time: the largest
 * VS_HTML_GROUPS vendors (and every risk-list vendor) a group each, the rest one group. */
#define VS_HTML_FLAT_LIMIT 2000
#define VS_HTML_GROUPS 40
/* Risk devices listed open at the top (most severe first); the rest in collapsed groups. */
#define VS_HTML_RISK_OPEN 200
/* Bars in the vendor chart before the rest is summed as "other". */
#define VS_HTML_CHART_BARS 12

/* Append s[0..n) escaped for HTML text and for a double-quoted attribute alike: & < > " '
 * ` as references; C0 controls and DEL as visible text escapes (\r \n \t \x1b);
 * invalid UTF-8 and C1 controls as U+FFFD; bidirectional controls as "[U+202E]". The result
 * is valid UTF-8 whatever the input. False only when memory runs out. */
bool vs_html_escape(struct vs_buf *b, const char *s, size_t n);

/* The report on f. 0, or -EIO when a write failed (-ENOMEM when memory ran out). */
int vs_html_report(FILE *f, const struct vs_report_meta *m, struct vs_inventory *inv);
/* The report into path, replaced atomically. 0 or -errno with err set ("path: why"). */
int vs_html_write_file(const char *path, const struct vs_report_meta *m, struct vs_inventory *inv,
                       char *err, size_t errsz);

#endif
