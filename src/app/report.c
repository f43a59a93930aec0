/* SPDX-License-Identifier: BSD-2-Clause */
/* report.c - the audit deliverables from the application's side: the report header (what
 * was read, the data versions the verdicts rest on), --html and --csv written at the end of a
 * run or on SIGUSR1, and `vendorsniff report INVENTORY...` over saved inventories. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/app.h"
#include "vendorsniff/csv_sink.h"
#include "vendorsniff/geo.h"
#include "vendorsniff/html_sink.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/report.h"
#include "vendorsniff/sink.h"
#include "vendorsniff/state.h"
#include "vendorsniff/text.h"
#include "vendorsniff/x509.h"

#ifndef VS_VERSION
#define VS_VERSION "0.0.0"
#endif

/* First line of signatures/recog/SNAPSHOT (the Recog release the fingerprints came from). */
static const char *recog_snapshot(const struct vs_config *cfg, char *out, size_t outsz)
{
    char path[4200];
    if (cfg->sig_dir)
        snprintf(path, sizeof path, "%s/recog/SNAPSHOT", cfg->sig_dir);
    else
        snprintf(path, sizeof path, "%s/signatures/recog/SNAPSHOT", vs_datadir());
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    bool ok = fgets(out, (int)outsz, f) != NULL;
    fclose(f);
    if (!ok)
        return NULL;
    out[strcspn(out, "\r\n")] = '\0';
    return out[0] ? out : NULL;
}

/* Append a file to what is hashed: its name, its length and its bytes, so that two sets
 * that differ only in how content is split between files do not collide; label NULL: the
 * bytes alone (then the digest is what sha256sum prints). */
static bool add_file(struct vs_buf *b, const char *label, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t start = b->len;
    bool ok = true;
    size_t lenpos = 0;
    if (label) {
        ok &= vs_buf_printf(b, "%s\n", label);
        lenpos = b->len;
        ok &= vs_buf_printf(b, "%20zu\n", (size_t)0);
    }
    char chunk[65536];
    size_t n, total = 0;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        ok &= vs_buf_add(b, chunk, n);
        total += n;
    }
    ok &= !ferror(f);
    fclose(f);
    if (!ok) {
        b->len = start;
        return false;
    }
    if (label) {
        char len[24];
        snprintf(len, sizeof len, "%20zu", total);
        memcpy(b->p + lenpos, len, 20);
    }
    return true;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first 16 hex digits of the SHA-256 of what b holds, "sha256:0123456789abcdef". */
static const char *digest(const struct vs_buf *b, char *out, size_t outsz)
{
    uint8_t h[VS_SHA256_LEN];
    vs_sha256(b->p ? b->p : "", b->len, h);
    size_t o = (size_t)snprintf(out, outsz, "sha256:");
    for (size_t i = 0; i < 8 && o + 2 < outsz; i++)
        o += (size_t)snprintf(out + o, outsz - o, "%02x", h[i]);
    return out;
}

/* The signature set's files in a fixed order: vendors.ini, enterprises.tsv, rules/ *.ini by
 * name. NULL when a file cannot be read. */
static const char *sig_digest(const char *dir, char *out, size_t outsz)
{
    struct vs_buf b = {0};
    char path[4400];
    bool ok = true;
    snprintf(path, sizeof path, "%s/vendors.ini", dir);
    ok &= add_file(&b, "vendors.ini", path);
    snprintf(path, sizeof path, "%s/enterprises.tsv", dir);
    ok &= add_file(&b, "enterprises.tsv", path);
    snprintf(path, sizeof path, "%s/rules", dir);
    DIR *d = opendir(path);
    char **names = NULL;
    size_t nn = 0;
    struct dirent *e;
    while (ok && d && (e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".ini") != 0 || e->d_name[0] == '.')
            continue;
        char **nx = realloc(names, (nn + 1) * sizeof *names);
        if (!nx || !(nx[nn] = strdup(e->d_name))) {
            names = nx ? nx : names;
            ok = false;
            break;
        }
        names = nx;
        nn++;
    }
    if (d)
        closedir(d);
    if (names)
        qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        snprintf(path, sizeof path, "%s/rules/%s", dir, names[i]);
        ok &= add_file(&b, names[i], path);
        free(names[i]);
    }
    free(names);
    const char *r = ok ? digest(&b, out, outsz) : NULL;
    vs_buf_free(&b);
    return r;
}

static const char *file_digest(const char *path, char *out, size_t outsz)
{
    struct vs_buf b = {0};
    const char *r = add_file(&b, NULL, path) ? digest(&b, out, outsz) : NULL;
    vs_buf_free(&b);
    return r;
}

void vs_report_meta_init(struct vs_report_meta *m, const struct vs_config *cfg,
                         const struct vs_data *d, const struct vs_geo *geo, const char *sensor,
                         char *recog, size_t recogsz)
{
    memset(m, 0, sizeof *m);
    m->sensor = sensor;
    m->audit_note = cfg->audit_note;
    if (cfg->iface) {
        m->inputs = &cfg->iface;
        m->ninputs = 1;
        m->input_kind = "interface";
    } else {
        m->inputs = cfg->inputs;
        m->ninputs = cfg->ninputs;
        m->input_kind = cfg->cmd == VS_CMD_REPORT ? "saved inventory" : "capture file";
    }
    m->version = VS_VERSION;
    m->oui_snapshot = d->oui ? vs_oui_snapshot(d->oui) : NULL;
    m->sig_rules = d->sigs ? vs_sigs_rule_count(d->sigs) : 0;
    m->sig_vendors = d->sigs ? vs_sigs_vendor_count(d->sigs) : 0;
    m->recog_snapshot = recog_snapshot(cfg, recog, recogsz);
    /* Short fingerprints of the data files, so that two reports can be seen to rest on the
     * same signatures and risk list (kept in static storage: one report at a time). */
    static char sigd[40], riskd[40];
    char dir[4200], risk[4200];
    if (cfg->sig_dir)
        snprintf(dir, sizeof dir, "%s", cfg->sig_dir);
    else
        snprintf(dir, sizeof dir, "%s/signatures", vs_datadir());
    if (cfg->risk_list)
        snprintf(risk, sizeof risk, "%s", cfg->risk_list);
    else
        snprintf(risk, sizeof risk, "%s/signatures/risk-list.ini", vs_datadir());
    m->sig_digest = sig_digest(dir, sigd, sizeof sigd);
    m->risk_digest = file_digest(risk, riskd, sizeof riskd);
    m->risk = d->risk;
    m->geoip = geo ? vs_geo_describe(geo) : NULL;
}

int vs_report_write(const struct vs_config *cfg, const struct vs_report_meta *m,
                    struct vs_inventory *inv)
{
    char err[4400];
    int rc = 0;
    if (cfg->html_path && vs_html_write_file(cfg->html_path, m, inv, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        rc = -1;
    }
    if (cfg->csv_path &&
        vs_csv_write_file(cfg->csv_path, m, inv, cfg->csv_bom, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        rc = -1;
    }
    return rc;
}

/* The sensor names the saved files carry (their first line's "sensor"), for the header when
 * --sensor is not given: distinct names joined by ", ". A name with a JSON escape in it is
 * left out rather than decoded here (the loader is the one JSON reader). */
static const char *sensors_of(const struct vs_config *cfg, char *out, size_t outsz)
{
    static const char key[] = "\"sensor\"";
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < cfg->ninputs; i++) {
        if (strcmp(cfg->inputs[i], "-") == 0)
            continue;
        FILE *f = fopen(cfg->inputs[i], "r");
        if (!f)
            continue;
        char line[8192];
        bool got = fgets(line, sizeof line, f) != NULL;
        fclose(f);
        const char *p = got ? strstr(line, key) : NULL;
        if (!p)
            continue;
        p += sizeof key - 1;
        p += strspn(p, " \t");
        if (*p++ != ':')
            continue;
        p += strspn(p, " \t");
        if (*p++ != '"')
            continue;
        size_t n = strcspn(p, "\"\\");
        if (p[n] != '"' || n == 0 || n > 200)
            continue;
        bool dup = false;
        for (const char *q = out; *q && !dup;) {
            size_t m = strcspn(q, ",");
            dup = m == n && strncmp(q, p, n) == 0;
            q += m;
            q += strspn(q, ", ");
        }
        if (dup || len + n + 3 > outsz)
            continue;
        len += (size_t)snprintf(out + len, outsz - len, "%s%.*s", len ? ", " : "", (int)n, p);
    }
    return out[0] ? out : NULL;
}

int vs_report_command(const struct vs_config *cfg)
{
    char err[4400];
    struct vs_data d;
    if (vs_data_load(cfg, &d, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    struct vs_inventory *inv = vs_inventory_new(d.oui, d.sigs, d.risk, NULL,
                                                cfg->max_devices ? cfg->max_devices : 1000000);
    if (!inv) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        vs_data_free(&d);
        return VS_EXIT_RUNTIME;
    }
    int status = VS_EXIT_OK;
    for (size_t i = 0; i < cfg->ninputs; i++) {
        if (vs_state_load_inventory(cfg->inputs[i], inv, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            status = VS_EXIT_INPUT;
        }
    }
    if (status == VS_EXIT_OK) {
        struct vs_report_meta m;
        char recog[256];
        char sensors[1024];
        const char *sensor = cfg->sensor ? cfg->sensor : sensors_of(cfg, sensors, sizeof sensors);
        vs_report_meta_init(&m, cfg, &d, NULL, sensor, recog, sizeof recog);
        vs_report_span_from_devices(&m, inv);
        if (vs_report_write(cfg, &m, inv) != 0)
            status = VS_EXIT_RUNTIME;
        if (!cfg->html_path && !cfg->csv_path && cfg->format == VS_FORMAT_TEXT) {
            /* Without --html/--csv the readable report goes to stdout, as after a run. */
            struct vs_out o = {.sensor = sensor ? sensor : "(not recorded)", .risk = d.risk};
            struct vs_stats st;
            memset(&st, 0, sizeof st);
            struct vs_run_stats rs = {.pipe = &st,
                                      .devices = vs_inventory_count(inv),
                                      .have_span = m.have_span,
                                      .first_sec = m.first_sec,
                                      .last_sec = m.last_sec,
                                      .first_usec = m.first_usec,
                                      .last_usec = m.last_usec,
                                      .inputs = cfg->inputs,
                                      .ninputs = cfg->ninputs};
            vs_report_text(stdout, &o, inv, &rs, false);
        }
    }
    vs_inventory_free(inv);
    vs_data_free(&d);
    return status;
}
