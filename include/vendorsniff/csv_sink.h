/* SPDX-License-Identifier: BSD-2-Clause */
/* csv_sink.h - one row per device for spreadsheets (src/sink/csv.c): RFC 4180 (CRLF, fields
 * with a comma, quote, CR or LF quoted, quotes doubled), UTF-8 with an optional BOM, and
 * cells that a spreadsheet would take for a formula neutralised. Columns: docs/usage.md. */
#ifndef VS_CSV_SINK_H
#define VS_CSV_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/report.h"
#include "vendorsniff/text.h"

/* The header row, without its CRLF. */
#define VS_CSV_HEADER                                                                              \
    "id,mac,ips,vlans,vendor,confidence,oui_org,model,software,name,cpe,risk_rule,severity,"       \
    "risk_reason,first_seen,last_seen,packets,attached_to"

/* Append one cell (no separator): made valid UTF-8 (invalid bytes and controls other than
 * TAB, CR and LF become U+FFFD), prefixed with a single quote when it begins with = + - @
 * TAB or CR (spreadsheet formula injection), quoted when it holds a comma, quote, CR or LF.
 * False only when memory runs out. */
bool vs_csv_cell(struct vs_buf *b, const char *s, size_t n);

/* Every device, in the report's order (risk first). bom: start with U+FEFF for spreadsheet
 * programs that otherwise guess a legacy code page. 0 or -EIO / -ENOMEM. */
int vs_csv_report(FILE *f, const struct vs_report_meta *m, struct vs_inventory *inv, bool bom);
int vs_csv_write_file(const char *path, const struct vs_report_meta *m, struct vs_inventory *inv,
                      bool bom, char *err, size_t errsz);

#endif
