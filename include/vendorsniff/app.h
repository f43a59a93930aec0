/* SPDX-License-Identifier: BSD-2-Clause */
/* app.h - what the application layer (src/app/) shares between the run and the subcommands:
 * exit statuses, and the shipped data (OUI registry, signatures, risk list) as one unit. */
#ifndef VS_APP_H
#define VS_APP_H

#include <stddef.h>

#include "vendorsniff/cli.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"

/* The exit statuses vendorsniff(1) documents. */
/* VS_EXIT_OUTPUT: the run went on, but some output was lost (an event not written to -w,
 * the inventory, the state or the report not written); stderr and the stats event say
 * which and why. */
enum vs_exit {
    VS_EXIT_OK = 0,
    VS_EXIT_INPUT = 1,
    VS_EXIT_RUNTIME = 2,
    VS_EXIT_RISK = 3,
    VS_EXIT_OUTPUT = 4
};

struct vs_data {
    struct vs_oui_db *oui;
    struct vs_sigs *sigs;
    struct vs_risk_list *risk;
};

/* Load the three from cfg's paths (NULL: the shipped ones under vs_datadir()). All or
 * nothing: on failure d holds nothing, err says why, and -1 is returned. */
int vs_data_load(const struct vs_config *cfg, struct vs_data *d, char *err, size_t errsz);
void vs_data_free(struct vs_data *d);

/* The audit deliverables (--html, --csv) of a run or of `vendorsniff report`
 * (src/app/report.c). meta_init fills what the data and the configuration tell (versions,
 * sensor, audit note, inputs); the caller adds the span and packet count. recog is room for
 * the Recog snapshot line (signatures/recog/SNAPSHOT), kept by the caller. */
struct vs_geo;
struct vs_inventory;
struct vs_report_meta;
void vs_report_meta_init(struct vs_report_meta *m, const struct vs_config *cfg,
                         const struct vs_data *d, const struct vs_geo *geo, const char *sensor,
                         char *recog, size_t recogsz);
/* Write whichever of --html and --csv were asked for; a failure is named on stderr.
 * 0, or -1 when any failed. */
int vs_report_write(const struct vs_config *cfg, const struct vs_report_meta *m,
                    struct vs_inventory *inv);
/* `vendorsniff report INVENTORY...` */
int vs_report_command(const struct vs_config *cfg);

#endif
