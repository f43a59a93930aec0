/* SPDX-License-Identifier: BSD-2-Clause */
/* data.c - the shipped data loaded as one unit: OUI registry, signatures and risk list, at
 * start, on SIGHUP (a failed reload keeps the old set) and for the subcommands. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/app.h"

void vs_data_free(struct vs_data *d)
{
    vs_oui_free(d->oui);
    vs_sigs_free(d->sigs);
    vs_risk_free(d->risk);
    memset(d, 0, sizeof *d);
}

int vs_data_load(const struct vs_config *cfg, struct vs_data *d, char *err, size_t errsz)
{
    char p1[4096], p2[4096], p3[4096];
    const char *dir = vs_datadir();
    const char *oui = cfg->oui_db;
    const char *sig = cfg->sig_dir;
    const char *risk = cfg->risk_list;
    if (!oui) {
        snprintf(p1, sizeof p1, "%s/oui_db/oui.tsv", dir);
        oui = p1;
    }
    if (!sig) {
        snprintf(p2, sizeof p2, "%s/signatures", dir);
        sig = p2;
    }
    if (!risk) {
        snprintf(p3, sizeof p3, "%s/signatures/risk-list.ini", dir);
        risk = p3;
    }
    memset(d, 0, sizeof *d);
    if (vs_oui_load(oui, &d->oui, err, errsz) != 0 ||
        vs_sigs_load(sig, &d->sigs, err, errsz) != 0 ||
        vs_risk_load(risk, &d->risk, err, errsz) != 0) {
        vs_data_free(d);
        return -1;
    }
    return 0;
}
