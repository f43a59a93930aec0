/* SPDX-License-Identifier: BSD-2-Clause */
/* commands.c - the subcommands: one function each, picked by the command line's verb; each
 * loads what it needs, answers on stdout and returns its exit status. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/app.h"
#include "vendorsniff/atomic.h"
#include "vendorsniff/capture.h"
#include "vendorsniff/commands.h"
#include "vendorsniff/fleet.h"
#include "vendorsniff/store.h"

#ifndef VS_VERSION
#define VS_VERSION "0.0.0"
#endif

static int cmd_lookup(const char *arg)
{
    char err[1024];
    uint8_t mac[6] = {0};
    char hex[16];
    size_t nh = 0;
    for (const char *p = arg; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')) {
            if (nh >= 12) {
                nh = 99;
                break;
            }
            hex[nh++] = *p;
        } else if (*p != ':' && *p != '-' && *p != '.') {
            nh = 99;
            break;
        }
    }
    if (nh != 6 && nh != 7 && nh != 9 && nh != 12) {
        fprintf(stderr, "vendorsniff: lookup: '%s' is not a MAC address or OUI\n", arg);
        return VS_EXIT_INPUT;
    }
    for (size_t i = 0; i < nh; i++) {
        int v = hex[i] <= '9' ? hex[i] - '0' : (hex[i] | 0x20) - 'a' + 10;
        mac[i / 2] = (uint8_t)(mac[i / 2] | v << (i % 2 ? 0 : 4));
    }
    struct vs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    struct vs_data d;
    if (vs_data_load(&cfg, &d, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    struct vs_oui_result r;
    vs_oui_lookup(d.oui, mac, &r);
    char macs[VS_MAC_STRLEN];
    vs_mac_format(mac, macs);
    if (nh == 6 && r.bits > 24) {
        /* Zero-padding an OUI lands in its first sub-block: name the block, not a tenant. */
        printf("%.8s  IEEE Registration Authority block (MA-L 24-bit), sub-assigned in %u-bit "
               "parts (MA-%s): look up a full address\n",
               macs, r.bits, r.bits == 28 ? "M" : "S");
        vs_data_free(&d);
        return VS_EXIT_OK;
    }
    const char *vendor = r.org ? vs_sigs_vendor_for_org(d.sigs, r.org) : NULL;
    const char *cls = vs_mac_class_name(r.cls);
    if (nh == 12)
        printf("%s", macs);
    else
        printf("%.*s", (int)(nh / 2 * 3 - 1 + (nh % 2 ? 2 : 0)), macs);
    if (r.org) {
        const struct vs_risk_rule *rr = vs_risk_match_vendor(d.risk, vendor ? vendor : r.org, 1.0);
        printf("  %s  (%s, MA-%s %u-bit)%s%s\n", vendor ? vendor : r.org, r.org,
               r.bits == 24   ? "L"
               : r.bits == 28 ? "M"
                              : "S",
               r.bits, rr ? "  RISK: " : "", rr ? vs_severity_name(rr->severity) : "");
    } else if (cls) {
        printf("  no vendor (%s address)\n", cls);
    } else {
        printf("  not in the registry (%s)\n", vs_oui_snapshot(d.oui));
    }
    int rc = r.org || cls ? VS_EXIT_OK : VS_EXIT_INPUT;
    vs_data_free(&d);
    return rc;
}

static int cmd_check_signatures(const struct vs_config *cfg)
{
    char err[2048];
    char dirbuf[4096];
    const char *dir = cfg->check_dir;
    if (!dir) {
        snprintf(dirbuf, sizeof dirbuf, "%s/signatures", vs_datadir());
        dir = dirbuf;
    }
    struct vs_sigs *s = NULL;
    if (vs_sigs_load(dir, &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return VS_EXIT_INPUT;
    }
    int rc = VS_EXIT_OK;
    if (vs_sigs_selftest(s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        rc = VS_EXIT_INPUT;
    }
    char rpath[4200];
    snprintf(rpath, sizeof rpath, "%s/risk-list.ini", dir);
    const char *risk = cfg->risk_list ? cfg->risk_list : rpath;
    struct vs_risk_list *rl = NULL;
    if (access(risk, R_OK) == 0 || cfg->risk_list) {
        if (vs_risk_load(risk, &rl, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            rc = VS_EXIT_INPUT;
        } else {
            for (size_t i = 0; i < rl->nrules; i++) {
                const struct vs_risk_rule *r = &rl->rules[i];
                if (r->kind == VS_RISK_VENDOR && !vs_sigs_vendor_for_name(s, r->vendor)) {
                    fprintf(stderr, "%s:%d: rule %s names vendor '%s', unknown to %s/vendors.ini\n",
                            risk, r->line, r->id, r->vendor, dir);
                    rc = VS_EXIT_INPUT;
                }
            }
        }
    }
    size_t rf, rm, rx, re;
    vs_sigs_recog_counts(s, &rf, &rm, &rx, &re);
    if (rc == VS_EXIT_OK && rf)
        printf("%s: Recog: %zu fingerprints (%zu run on evidence), %zu examples pass, %zu "
               "excluded\n",
               dir, rf, rm, re, rx);
    for (size_t i = 0; rc == VS_EXIT_OK; i++) {
        const char *id, *why = vs_sigs_recog_excluded(s, i, &id);
        if (!why)
            break;
        printf("  excluded %s: %s\n", id, why);
    }
    if (rc == VS_EXIT_OK)
        printf("%s: %zu rules, %zu vendors, %zu sysObjectIDs: OK%s%s\n", dir, vs_sigs_rule_count(s),
               vs_sigs_vendor_count(s), vs_sigs_oid_count(s), rl ? "; risk list OK: " : "",
               rl ? rl->name : "");
    vs_risk_free(rl);
    vs_sigs_free(s);
    return rc;
}

static int cmd_version(void)
{
    char err[1024];
    struct vs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    struct vs_data d;
    printf("vendorsniff %s\n", VS_VERSION);
    if (vs_data_load(&cfg, &d, err, sizeof err) == 0) {
        printf("OUI registry: %s, %zu assignments (MA-L %zu, MA-M %zu, MA-S %zu)\n",
               vs_oui_snapshot(d.oui), vs_oui_count(d.oui, 0), vs_oui_count(d.oui, 24),
               vs_oui_count(d.oui, 28), vs_oui_count(d.oui, 36));
        printf("signatures: %zu rules, %zu vendors; risk list: %s (%zu rules)\n",
               vs_sigs_rule_count(d.sigs), vs_sigs_vendor_count(d.sigs), d.risk->name,
               d.risk->nrules);
        vs_data_free(&d);
    } else {
        printf("data: %s\n", err);
    }
    printf("data folder: %s\n", vs_datadir());
    printf("GeoIP: off unless --geoip is given (libmaxminddb)\n");
    printf("%s\n", vs_capture_libpcap_version());
    return VS_EXIT_OK;
}

/* A side of diff or the inputs of merge, grouped by identity. */
static struct vs_fleet *fleet_read(const char *const *paths, size_t n)
{
    char err[4200];
    struct vs_fleet *f = vs_fleet_new();
    if (!f) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (vs_fleet_load(f, paths[i], err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            vs_fleet_free(f);
            return NULL;
        }
    }
    vs_fleet_merge(f);
    return f;
}

static int cmd_diff(const struct vs_config *cfg)
{
    struct vs_fleet *o = fleet_read(&cfg->inputs[0], 1);
    struct vs_fleet *n = o ? fleet_read(&cfg->inputs[1], 1) : NULL;
    if (!n) {
        vs_fleet_free(o);
        return VS_EXIT_INPUT;
    }
    struct vs_diff_counts c;
    int rc = 0;
    if (cfg->html_path) {
        /* --html FILE: the same answer as a page to hand over, replaced atomically. */
        struct vs_atomic at;
        int hrc = vs_atomic_open(&at, cfg->html_path, 0644);
        if (hrc == 0)
            hrc = vs_atomic_commit(
                &at,
                vs_fleet_diff_html(o, n, cfg->inputs[0], cfg->inputs[1], at.f, &c) != 0 ? -EIO : 0);
        if (hrc != 0) {
            fprintf(stderr, "vendorsniff: %s: cannot write the diff: %s\n", cfg->html_path,
                    strerror(hrc < 0 ? -hrc : hrc));
            rc = -1;
        }
    }
    if (cfg->format != VS_FORMAT_NONE) {
        if (vs_fleet_diff(o, n, cfg->format == VS_FORMAT_JSON, cfg->inputs[0], cfg->inputs[1],
                          stdout, &c) != 0)
            rc = -1;
    } else if (!cfg->html_path) {
        /* -q: only the exit status speaks; the counts are still needed for it. */
        FILE *sink = fopen("/dev/null", "w");
        if (!sink || vs_fleet_diff(o, n, false, cfg->inputs[0], cfg->inputs[1], sink, &c) != 0)
            rc = -1;
        if (sink)
            fclose(sink);
    }
    vs_fleet_free(o);
    vs_fleet_free(n);
    if (rc != 0 || fflush(stdout) != 0) {
        fprintf(stderr, "vendorsniff: diff: cannot write the answer\n");
        return VS_EXIT_RUNTIME;
    }
    /* for cron and CI: a risk device that was not there last time */
    return c.new_risk ? VS_EXIT_RISK : VS_EXIT_OK;
}

static int cmd_merge(const struct vs_config *cfg)
{
    struct vs_fleet *f = fleet_read(cfg->inputs, cfg->ninputs);
    if (!f)
        return VS_EXIT_INPUT;
    int rc;
    if (cfg->inventory_path && strcmp(cfg->inventory_path, "-") != 0) {
        struct vs_atomic at;
        rc = vs_atomic_open(&at, cfg->inventory_path, 0);
        if (rc == 0)
            rc = vs_atomic_commit(&at, vs_fleet_write(f, at.f));
    } else {
        rc = vs_fleet_write(f, stdout);
        if (fflush(stdout) != 0)
            rc = -1;
    }
    vs_fleet_free(f);
    if (rc != 0) {
        fprintf(stderr, "vendorsniff: merge: cannot write %s\n",
                cfg->inventory_path ? cfg->inventory_path : "the inventory");
        return VS_EXIT_RUNTIME;
    }
    return VS_EXIT_OK;
}

static int cmd_store_init(const struct vs_config *cfg)
{
    char msg[1024];
    if (vs_store_init(cfg->store_url, msg, sizeof msg) != 0) {
        fprintf(stderr, "vendorsniff: store init: %s\n", msg);
        return VS_EXIT_RUNTIME;
    }
    printf("vendorsniff: store init: %s\n", msg);
    return VS_EXIT_OK;
}

int vs_commands_run(const struct vs_config *cfg)
{
    switch (cfg->cmd) {
    case VS_CMD_HELP:
        fputs(vs_cli_usage(), stdout);
        return VS_EXIT_OK;
    case VS_CMD_VERSION:
        return cmd_version();
    case VS_CMD_LOOKUP:
        return cmd_lookup(cfg->lookup_arg);
    case VS_CMD_CHECK_SIGNATURES:
        return cmd_check_signatures(cfg);
    case VS_CMD_REPORT:
        return vs_report_command(cfg);
    case VS_CMD_DIFF:
        return cmd_diff(cfg);
    case VS_CMD_MERGE:
        return cmd_merge(cfg);
    case VS_CMD_STORE_INIT:
        return cmd_store_init(cfg);
    case VS_CMD_RUN:
        break;
    }
    return VS_EXIT_INPUT; /* the capture run is not a subcommand (src/app/run.c) */
}
