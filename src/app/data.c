/* SPDX-License-Identifier: BSD-2-Clause */
/* data.c - the shipped data loaded as one unit: OUI registry, signatures and risk list, at
 * start, on SIGHUP (a failed reload keeps the old set) and for the subcommands. The shipped
 * registry comes from its binary table when one made from that TSV is found (oui.c). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/app.h"
#include "vendorsniff/timing.h"

void vs_data_free(struct vs_data *d)
{
    vs_oui_free(d->oui);
    vs_sigs_free(d->sigs);
    vs_risk_free(d->risk);
    memset(d, 0, sizeof *d);
}

/* The shipped registry: the binary table next to the TSV (an install), else the one next to
 * the binary (a build tree: build/oui_db/oui.bin, with the data folder the source tree).
 * Either is used only if made from this very TSV. NULL when neither is; --debug-timing then
 * says why on one line. */
static struct vs_oui_db *shipped_table(const char *tsv, const char *dir)
{
    char path[2][PATH_MAX + 32];
    size_t n = 0;
    if ((size_t)snprintf(path[n], sizeof path[n], "%s/oui_db/%s", dir, VS_OUI_TABLE_NAME) <
        sizeof path[n])
        n++;
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = k > 0 ? (exe[k] = '\0', strrchr(exe, '/')) : NULL;
    if (slash) {
        *slash = '\0';
        if ((size_t)snprintf(path[n], sizeof path[n], "%s/oui_db/%s", exe, VS_OUI_TABLE_NAME) <
                sizeof path[n] &&
            (n == 0 || strcmp(path[0], path[n]) != 0))
            n++;
    }
    char why[2][512];
    for (size_t i = 0; i < n; i++) {
        struct vs_oui_db *db = NULL;
        if (vs_oui_table_load(path[i], tsv, &db, why[i], sizeof why[i]) == 0)
            return db;
    }
    if (vs_timing_on())
        fprintf(stderr, "vendorsniff: no usable OUI table (%s%s%s); parsing %s\n",
                n > 0 ? why[0] : "no path", n > 1 ? "; " : "", n > 1 ? why[1] : "", tsv);
    return NULL;
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
    vs_timing_mark("start-up before the data");
    /* A registry named with --oui-db is always parsed: no table is looked for or written
     * next to a user's file. */
    if (!cfg->oui_db)
        d->oui = shipped_table(oui, dir);
    int rc = d->oui ? 0 : vs_oui_load(oui, &d->oui, err, errsz);
    vs_timing_mark(rc == 0 && !cfg->oui_db && vs_oui_from_table(d->oui)
                       ? "OUI registry (binary table)"
                       : "OUI registry (TSV parsed)");
    if (rc == 0)
        rc = vs_sigs_load(sig, &d->sigs, err, errsz);
    if (rc == 0)
        rc = vs_risk_load(risk, &d->risk, err, errsz);
    vs_timing_mark("risk list");
    if (rc != 0) {
        vs_data_free(d);
        return -1;
    }
    return 0;
}
