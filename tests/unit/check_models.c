/* SPDX-License-Identifier: BSD-2-Clause */
/* check_models.c - model and software through the shipped signature set: the sysObjectID
 * tables (signatures/sysobjectid/, one look-up per vendor table), their strict loader
 * (src/signatures/oids.c), and the telecom model-line rules, several forms per family
 * (docs/signatures.md, "sysObjectID tables" and "Model families"). */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "testutil.h"
#include "vendorsniff/oidtab.h"
#include "vendorsniff/signatures.h"

static struct vs_sigs *shipped;

static void load_shipped(void)
{
    char err[1024];
    int rc = vs_sigs_load(tu_src_path("signatures"), &shipped, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "shipped signatures: %s\n", err);
    ck_assert_int_eq(rc, 0);
}

static void free_shipped(void)
{
    vs_sigs_free(shipped);
    shipped = NULL;
}

/* What the inventory keeps of one value: per attribute, the heaviest statement. */
struct verdict {
    const char *vendor, *rule;
    double wv, wm, ws;
    char model[128], software[160];
};

static void keep(void *ctx, const struct vs_sig_match *m)
{
    struct verdict *v = ctx;
    if (m->vendor && (!v->vendor || m->weight > v->wv)) {
        v->vendor = m->vendor;
        v->wv = m->weight;
    }
    if (m->model[0] && m->weight > v->wm) {
        snprintf(v->model, sizeof v->model, "%s", m->model);
        v->wm = m->weight;
        v->rule = m->rule_id;
    }
    if (m->software[0] && m->weight > v->ws) {
        snprintf(v->software, sizeof v->software, "%s", m->software);
        v->ws = m->weight;
    }
}

static void verdict(enum vs_field f, const char *value, struct verdict *v)
{
    memset(v, 0, sizeof *v);
    vs_sigs_match(shipped, f, value, strlen(value), keep, v);
    /* As attribution does: software that only repeats the model says nothing. */
    if (v->software[0] && strcmp(v->software, v->model) == 0)
        v->software[0] = '\0';
}

/* ---- sysObjectID tables ------------------------------------------------------------------- */

static const struct {
    const char *oid, *vendor, *model;
} oid_cases[] = {
    /* CISCO-PRODUCTS-MIB: ciscoISR4331 is ciscoProducts 2068; 1861 is ciscoASR1001X. */
    {"1.3.6.1.4.1.9.1.2068", "Cisco", "ISR4331"},
    {".1.3.6.1.4.1.9.1.1861", "Cisco", "ASR1001X"},
    {"1.3.6.1.4.1.9.1.1179", "Cisco", "Catalyst2960x48tsS"},
    {"1.3.6.1.4.1.9.1.1216", "Cisco", "N7KC7018IOS"},
    {"1.3.6.1.4.1.9.1.802", "Cisco", "UWIpPhone7921G"},
    {"1.3.6.1.4.1.9.1.1707", "Cisco", "ISR4451"},
    {"1.3.6.1.4.1.9.1.1639", "Cisco", "ASR9001"},
    /* HUAWEI-MIB hwProducts. */
    {"1.3.6.1.4.1.2011.2.23.431", "Huawei", "S5720-52X-LI-AC"},
    {"1.3.6.1.4.1.2011.2.23.122", "Huawei", "S2700-26TP-SI-AC"},
    /* JUNIPER-CHASSIS-DEFINES-MIB jnxProductName. */
    {"1.3.6.1.4.1.2636.1.1.1.2.21", "Juniper", "MX960"},
    {"1.3.6.1.4.1.2636.1.1.1.2.25", "Juniper", "MX480"},
    /* TIMETRA-GLOBAL-MIB. */
    {"1.3.6.1.4.1.6527.1.3.3", "Nokia", "7750 SR-12"},
    {"1.3.6.1.4.1.6527.1.6.2", "Nokia", "7450 ESS-4"},
    /* HH3C-PRODUCT-ID-MIB. */
    {"1.3.6.1.4.1.25506.11.1.1", "H3C", "HP 7502"},
    /* FORTINET-FORTIGATE-MIB fgModel. */
    {"1.3.6.1.4.1.12356.101.1.505", "Fortinet", "FortiGate-50E"},
    {"1.3.6.1.4.1.12356.101.1.506", "Fortinet", "FortiWiFi-50E"},
    /* ARISTA-PRODUCTS-MIB. */
    {"1.3.6.1.4.1.30065.1.3011.7010.427.48", "Arista", "DCS-7010T48"},
    /* HP-ICF-OID hpEtherSwitch. */
    {"1.3.6.1.4.1.11.2.3.7.11.109", NULL, "J9471A"},
    /* ARUBAWIRED-NETWORKING-OID (ArubaOS-CX). */
    {"1.3.6.1.4.1.47196.4.1.1.1.1", "HPE", "JL375A"},
    /* CALIX-PRODUCT-MIB. */
    {"1.3.6.1.4.1.6321.1.2.2.5.3", "Calix", "E7-2"},
    /* WWP-PRODUCTS-MIB (Ciena). */
    {"1.3.6.1.4.1.6141.1.11", "Ciena", "LE-3700"},
    /* ZXR10-MIB zxr10-objectID (ZTE): zxr10RouterT600SysID, zxr10Switch5928SysID,
     * zxr10Switch5928E-FISysID, zxr10RouterR10-2842-ACSysID, zxr10Switch-8902SysID,
     * zxctn-6100SysID. */
    {"1.3.6.1.4.1.3902.3.100.27", "ZTE", "ZXR10 T600"},
    {"1.3.6.1.4.1.3902.3.100.20", "ZTE", "ZXR10 5928"},
    {"1.3.6.1.4.1.3902.3.100.41", "ZTE", "ZXR10 5928E-FI"},
    {"1.3.6.1.4.1.3902.3.100.173", "ZTE", "ZXR10 2842-AC"},
    {"1.3.6.1.4.1.3902.3.100.405", "ZTE", "ZXR10 8902"},
    {"1.3.6.1.4.1.3902.3.100.409", "ZTE", "ZXCTN 6100"},
    /* RBN-PRODUCT-MIB rbnProducts (Redback, now Ericsson): rbnSmartEdge800, rbnSmartEdge100,
     * rbnSMS1800, rbnSSR8020, rbnSSR8004 (the 2013 revision's name for arc 19). */
    {"1.3.6.1.4.1.2352.1.10", "Ericsson", "SmartEdge 800"},
    {"1.3.6.1.4.1.2352.1.12", "Ericsson", "SmartEdge 100"},
    {"1.3.6.1.4.1.2352.1.3", "Ericsson", "SMS 1800"},
    {"1.3.6.1.4.1.2352.1.17", "Ericsson", "SSR 8020"},
    {"1.3.6.1.4.1.2352.1.19", "Ericsson", "SSR 8004"},
    /* RUIJIE-PRODUCTS-MIB: switches below ruijieSwitchProducts 4881.1.1.10.1 (S-series, RG-N
     * cores), routers (RSR), wireless (AP), gateways (EG). */
    {"1.3.6.1.4.1.4881.1.1.10.1.1", "Ruijie", "S2126G"},
    {"1.3.6.1.4.1.4881.1.1.10.1.111", "Ruijie", "S5750-24GT8SFP-E"},
    {"1.3.6.1.4.1.4881.1.1.10.1.150", "Ruijie", "S6220-48XS4QXS"},
    {"1.3.6.1.4.1.4881.1.1.10.1.165", "Ruijie", "RG-N18010"},
    {"1.3.6.1.4.1.4881.1.2.1.1.32", "Ruijie", "RSR20-04"},
    {"1.3.6.1.4.1.4881.1.3.1.1.4", "Ruijie", "AP220-E-V10"},
    {"1.3.6.1.4.1.4881.1.5.1.1.1", "Ruijie", "EG1000S"},
    /* Nokia: TIMETRA-SAS-GLOBAL-MIB (7210 SAS), TIMETRA-GLOBAL-MIB (7250 IXR, 7705 SAR-Hm,
     * 7950 XRS, and a newer IXR registration from LibreNMS's copy), ALU-SAR-GLOBAL-MIB (7705
     * SAR). */
    {"1.3.6.1.4.1.6527.6.2.1.2.2.1", "Nokia", "7210 SAS-M"},
    {"1.3.6.1.4.1.6527.6.2.1.2.6.1", "Nokia", "7210 SAS-R6"},
    {"1.3.6.1.4.1.6527.1.3.20", "Nokia", "7250 IXR-R6"},
    {"1.3.6.1.4.1.6527.1.3.25", "Nokia", "7250 IXR-e"},
    {"1.3.6.1.4.1.6527.1.3.29", "Nokia", "7250 IXR-X3"},
    {"1.3.6.1.4.1.6527.1.3.14", "Nokia", "7705 SAR-Hm"},
    {"1.3.6.1.4.1.6527.6.1.1.2.1", "Nokia", "7705 SAR-8"},
    {"1.3.6.1.4.1.6527.6.1.1.2.11", "Nokia", "7705 SAR-H"},
    {"1.3.6.1.4.1.6527.1.15.1", "Nokia", "7950 XRS-20"},
};

START_TEST(test_oid_tables)
{
    ck_assert_uint_gt(vs_sigs_oid_count(shipped), 5000);
    for (size_t i = 0; i < sizeof oid_cases / sizeof oid_cases[0]; i++) {
        const char *m = vs_sigs_model_for_oid(shipped, oid_cases[i].oid);
        if (!m || strcmp(m, oid_cases[i].model) != 0)
            ck_abort_msg("%s: model %s, want %s", oid_cases[i].oid, m ? m : "(none)",
                         oid_cases[i].model);
        struct verdict v;
        verdict(VS_F_SNMP_SYS_OBJECT_ID, oid_cases[i].oid, &v);
        ck_assert_str_eq(v.model, oid_cases[i].model);
        ck_assert_ptr_nonnull(v.rule);
        ck_assert(strncmp(v.rule, "sysobjectid:", 12) == 0);
        if (oid_cases[i].vendor) {
            /* The vendor still comes from the enterprise number. */
            ck_assert_ptr_nonnull(v.vendor);
            ck_assert_str_eq(v.vendor, oid_cases[i].vendor);
        }
    }
    /* Exact match only: a prefix, a longer OID, garbage or MikroTik's one shared OID (every
     * RouterOS board answers 1.3.6.1.4.1.14988.1) name no model; nor do registrations of a
     * wildcard family (cat29xxStack, cat38xxstack), left out of the tables. */
    const char *none[] = {"1.3.6.1.4.1.9.1", "1.3.6.1.4.1.9.1.2068.1", "1.3.6.1.4.1.9.1.02068",
                          "1.3.6.1.4.1.14988.1", "", "x", "1..3", "1.3.6.1.4.1.9.1.99999999999",
                          "1.3.6.1.4.1.9.1.1208", "1.3.6.1.4.1.9.1.1745",
                          /* Subtree roots and family nodes are not products: zxr10-objectID,
                           * rbnProducts, ruijieSwitchProducts, the 7210 SAS-M family node
                           * (its registrations are the arcs below it). */
                          "1.3.6.1.4.1.3902.3.100", "1.3.6.1.4.1.2352.1",
                          "1.3.6.1.4.1.4881.1.1.10.1", "1.3.6.1.4.1.6527.6.2.1.2.2",
                          /* No published per-model registration (docs/signatures.md): a ZXA10
                           * C300 below zxAnProducts, Ericsson IPOS below eriRouterProducts, a
                           * FiberHome AN5516, a Nokia ISAM. */
                          "1.3.6.1.4.1.3902.1082.1001.300.2.1", "1.3.6.1.4.1.193.218.1.1",
                          "1.3.6.1.4.1.5875.800.1001.11", "1.3.6.1.4.1.637.61.1"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        ck_assert_ptr_null(vs_sigs_model_for_oid(shipped, none[i]));
    ck_assert_str_eq(vs_sigs_model_for_oid(shipped, " 1.3.6.1.4.1.9.1.2068 \r\n"), "ISR4331");
}
END_TEST

/* Thousands of OIDs must not slow start-up: the whole shipped set loads in well under a
 * second even in a sanitizer build (the tables are a sort and a binary search). */
START_TEST(test_oid_load_time)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct vs_oidtab *t = vs_oidtab_new();
    ck_assert_ptr_nonnull(t);
    char line[64], err[256];
    size_t cap = 20000 * 40, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (unsigned i = 0; i < 20000; i++) {
        int n = snprintf(line, sizeof line, "1.3.6.1.4.1.%u.%u\tM%u\n", 9 + i % 7, i, i);
        memcpy(text + len, line, (size_t)n);
        len += (size_t)n;
    }
    ck_assert_int_eq(vs_oidtab_add(t, "big.tsv", text, len, err, sizeof err), 0);
    ck_assert_int_eq(vs_oidtab_seal(t, err, sizeof err), 0);
    for (unsigned i = 0; i < 20000; i++) {
        int n = snprintf(line, sizeof line, "1.3.6.1.4.1.%u.%u", 9 + i % 7, i);
        const struct vs_oid_model *m = vs_oidtab_find(t, line, (size_t)n);
        ck_assert_ptr_nonnull(m);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    ck_assert_msg(ms < 2000, "20000 OIDs took %.1f ms", ms);
    ck_assert_uint_eq(vs_oidtab_count_table(t, "big"), 20000);
    free(text);
    vs_oidtab_free(t);
}
END_TEST

/* ---- the loader's strict errors ---------------------------------------------------------- */

static int load_text(const char *a, const char *b, char *err, size_t errsz)
{
    struct vs_oidtab *t = vs_oidtab_new();
    ck_assert_ptr_nonnull(t);
    int rc = vs_oidtab_add(t, "sysobjectid/one.tsv", a, strlen(a), err, errsz);
    if (rc == 0 && b)
        rc = vs_oidtab_add(t, "sysobjectid/two.tsv", b, strlen(b), err, errsz);
    if (rc == 0)
        rc = vs_oidtab_seal(t, err, errsz);
    vs_oidtab_free(t);
    return rc;
}

static void expect_error(const char *a, const char *b, const char *msg)
{
    char err[256];
    int rc = load_text(a, b, err, sizeof err);
    ck_assert_msg(rc != 0, "accepted: %s", a);
    ck_assert_msg(strstr(err, msg) != NULL, "error '%s' lacks '%s'", err, msg);
}

START_TEST(test_oid_strict)
{
    char err[256];
    const char *good = "# comment\n\n1.3.6.1.4.1.9.1.2068\tISR4331\tciscoISR4331\r\n"
                       ".1.3.6.1.4.1.9.1.1861\tASR1001X\n  # indented comment\n"
                       "1.3.6.1.4.1.9.1.1\tGatewayServer\t\n";
    ck_assert_int_eq(load_text(good, NULL, err, sizeof err), 0);
    ck_assert_str_eq(err, "");
    ck_assert_int_eq(load_text("", NULL, err, sizeof err), 0);

    /* Bad OIDs, each with its line. */
    expect_error("# c\n1.3.6.1.4.1.9.1.x\tA\n", NULL, "one.tsv:2: OID is not dotted decimal");
    expect_error("1.3.6.1.4.1.9..1\tA\n", NULL, "one.tsv:1: OID is not dotted decimal");
    expect_error("1.3.6.1.4.1.9.1.\tA\n", NULL, "one.tsv:1: OID is not dotted decimal");
    expect_error("1.3.6.1.4.1.09.1\tA\n", NULL, "one.tsv:1: OID arc with a leading zero");
    expect_error("1.3.6.1.4.1.4294967296\tA\n", NULL, "one.tsv:1: OID arc larger");
    expect_error("1\tA\n", NULL, "one.tsv:1: OID with fewer than two arcs");
    expect_error("\tA\n", NULL, "one.tsv:1: missing OID");
    expect_error("1.3.6.1.4.1.9.1.1 A\n", NULL, "one.tsv:1: OID is not dotted decimal");
    /* Missing or empty model, extra columns, control bytes, over-long model. */
    expect_error("1.3.6.1.4.1.9.1.1\n", NULL, "one.tsv:1: OID 1.3.6.1.4.1.9.1.1 has no model");
    expect_error("1.3.6.1.4.1.9.1.1\t \tnote\n", NULL, "one.tsv:1: OID 1.3.6.1.4.1.9.1.1 has no");
    expect_error("1.3.6.1.4.1.9.1.1\tA\tB\tC\n", NULL, "one.tsv:1: more than three");
    expect_error("1.3.6.1.4.1.9.1.1\tA\x1b[31m\n", NULL, "one.tsv:1: control character");
    char longm[300];
    snprintf(longm, sizeof longm, "1.3.6.1.4.1.9.1.1\t%0200d\n", 7);
    expect_error(longm, NULL, "one.tsv:1: model longer than 127");
    /* Duplicates: in one file, across files (the later one named, with the first). */
    expect_error("1.3.6.1.4.1.9.1.1\tA\n1.3.6.1.4.1.9.1.2\tB\n.1.3.6.1.4.1.9.1.1\tC\n", NULL,
                 "one.tsv:3: duplicate OID 1.3.6.1.4.1.9.1.1 (first at sysobjectid/one.tsv:1)");
    expect_error("1.3.6.1.4.1.9.1.1\tA\n", "# x\n1.3.6.1.4.1.9.1.1\tB\n",
                 "two.tsv:2: duplicate OID 1.3.6.1.4.1.9.1.1 (first at sysobjectid/one.tsv:1)");

    /* A NUL byte is refused; a sealed table takes no more. */
    struct vs_oidtab *t = vs_oidtab_new();
    ck_assert_int_ne(vs_oidtab_add(t, "n.tsv", "1.3.6\0\tA\n", 9, err, sizeof err), 0);
    ck_assert_int_eq(vs_oidtab_add(t, "n.tsv", "1.3.6\tA\n", 8, err, sizeof err), 0);
    ck_assert_int_eq(vs_oidtab_seal(t, err, sizeof err), 0);
    ck_assert_int_ne(vs_oidtab_add(t, "n.tsv", "1.3.7\tA\n", 8, err, sizeof err), 0);
    const struct vs_oid_model *m = vs_oidtab_find(t, ".1.3.6", 6);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->model, "A");
    ck_assert_str_eq(m->table, "sysobjectid:n");
    ck_assert_uint_eq(m->line, 1);
    vs_oidtab_free(t);
}
END_TEST

START_TEST(test_oid_bad_shipped_dir)
{
    /* A broken table stops the whole load, with its file and line. */
    char dir[] = "/tmp/vs_oidsXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[512], err[1024];
    const char *src = tu_src_path("signatures");
    const char *files[] = {"vendors.ini", "enterprises.tsv"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "cp %s/%s %s/", src, files[i], dir);
        ck_assert_int_eq(system(path), 0);
    }
    snprintf(path, sizeof path, "%s/rules", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/sysobjectid", dir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/sysobjectid/a.tsv", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("1.3.6.1.4.1.9.1.5\tIGS\n1.3.6.1.4.1.9.1.6\n", f);
    fclose(f);
    struct vs_sigs *s = NULL;
    ck_assert_int_ne(vs_sigs_load(dir, &s, err, sizeof err), 0);
    ck_assert_ptr_null(s);
    ck_assert_msg(strstr(err, "sysobjectid/a.tsv:2: OID 1.3.6.1.4.1.9.1.6 has no model"), "%s",
                  err);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("1.3.6.1.4.1.9.1.5\tIGS\n", f);
    fclose(f);
    ck_assert_int_eq(vs_sigs_load(dir, &s, err, sizeof err), 0);
    ck_assert_str_eq(vs_sigs_model_for_oid(s, "1.3.6.1.4.1.9.1.5"), "IGS");
    ck_assert_uint_eq(vs_sigs_oid_count(s), 1);
    vs_sigs_free(s);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    ck_assert_int_eq(system(path), 0);
}
END_TEST

/* ---- model lines through the shipped rules ------------------------------------------------ */

struct model_case {
    enum vs_field field;
    const char *value, *vendor, *model, *software;
};

#include "check_models_cases.h"

START_TEST(test_model_lines)
{
    size_t bad = 0;
    for (size_t i = 0; i < sizeof model_cases / sizeof model_cases[0]; i++) {
        const struct model_case *c = &model_cases[i];
        struct verdict v;
        verdict(c->field, c->value, &v);
        bool ok = (c->vendor ? v.vendor && strcmp(v.vendor, c->vendor) == 0 : !v.vendor) &&
                  strcmp(v.model, c->model ? c->model : "") == 0 &&
                  strcmp(v.software, c->software ? c->software : "") == 0;
        if (!ok) {
            fprintf(stderr, "case %zu: '%.60s': got vendor=%s model=%s software=%s\n", i, c->value,
                    v.vendor ? v.vendor : "", v.model, v.software);
            bad++;
        }
    }
    ck_assert_uint_eq(bad, 0);
}
END_TEST

START_TEST(test_model_nearmisses)
{
    for (size_t i = 0; i < sizeof near_cases / sizeof near_cases[0]; i++) {
        struct verdict v;
        verdict(near_cases[i].field, near_cases[i].value, &v);
        if (near_cases[i].not_vendor && v.vendor)
            ck_assert_msg(strcmp(v.vendor, near_cases[i].not_vendor) != 0, "'%s' gave %s",
                          near_cases[i].value, v.vendor);
        if (!near_cases[i].not_vendor)
            ck_assert_msg(v.model[0] == '\0', "'%s' gave model %s", near_cases[i].value, v.model);
    }
}
END_TEST

START_TEST(test_generic_words)
{
    for (size_t i = 0; i < sizeof generic_cases / sizeof generic_cases[0]; i++) {
        struct verdict v;
        verdict(generic_cases[i].field, generic_cases[i].value, &v);
        ck_assert_msg(v.vendor == NULL, "'%s' named %s", generic_cases[i].value, v.vendor);
    }
}
END_TEST

/* Every line of every shipped table is found with its model: the tables are sorted file by
 * file and merged (oids.c), and no entry may be lost or misplaced on the way. */
START_TEST(test_oid_every_shipped_line)
{
    DIR *d = opendir(tu_src_path("signatures/sysobjectid"));
    ck_assert_ptr_nonnull(d);
    struct dirent *de;
    size_t lines = 0;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".tsv") != 0)
            continue;
        char path[4096], line[1024];
        snprintf(path, sizeof path, "%s/%s", tu_src_path("signatures/sysobjectid"), de->d_name);
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = '\0';
            char *oid = line;
            while (*oid == ' ' || *oid == '\t')
                oid++;
            if (!*oid || *oid == '#')
                continue;
            char *tab = strchr(oid, '\t');
            ck_assert_ptr_nonnull(tab);
            *tab = '\0';
            char *model = tab + 1;
            model[strcspn(model, "\t")] = '\0';
            while (*model == ' ')
                model++;
            for (size_t k = strlen(model); k > 0 && model[k - 1] == ' '; k--)
                model[k - 1] = '\0';
            const char *m = vs_sigs_model_for_oid(shipped, oid);
            ck_assert_msg(m && strcmp(m, model) == 0, "%s %s: got %s, want %s", de->d_name, oid,
                          m ? m : "(none)", model);
            lines++;
        }
        fclose(f);
    }
    closedir(d);
    ck_assert_ptr_nonnull(shipped);
    ck_assert_uint_eq(lines, vs_sigs_oid_count(shipped));
}
END_TEST

/* Files in and out of order, and out of order with each other (file f holds enterprise
 * 3f mod 7), merged: all found; duplicates across files still refused. */
START_TEST(test_oid_merge_files)
{
    struct vs_oidtab *t = vs_oidtab_new();
    ck_assert_ptr_nonnull(t);
    char err[256], name[32];
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    for (unsigned f = 0; f < 7; f++) {
        size_t cap = 300 * 48, len = 0;
        char *text = malloc(cap);
        ck_assert_ptr_nonnull(text);
        for (unsigned i = 0; i < 300; i++) {
            /* Files 0, 2, 4, 6 in order; 1, 3, 5 shuffled by the generator. */
            unsigned arc =
                f % 2 ? (unsigned)((x ^= x << 13, x ^= x >> 7, x ^= x << 17) % 100000u) : i * 3;
            len += (size_t)snprintf(text + len, cap - len, "1.3.6.1.4.1.%u.%u.%u\tM%u\n", f * 3 % 7,
                                    arc, i, f * 1000 + i);
        }
        snprintf(name, sizeof name, "f%u.tsv", f);
        ck_assert_int_eq(vs_oidtab_add(t, name, text, len, err, sizeof err), 0);
        free(text);
    }
    ck_assert_int_eq(vs_oidtab_seal(t, err, sizeof err), 0);
    ck_assert_uint_eq(vs_oidtab_count(t), 7 * 300);
    x = 0x9E3779B97F4A7C15ULL;
    for (unsigned f = 0; f < 7; f++) {
        for (unsigned i = 0; i < 300; i++) {
            unsigned arc =
                f % 2 ? (unsigned)((x ^= x << 13, x ^= x >> 7, x ^= x << 17) % 100000u) : i * 3;
            char oid[64], model[16];
            int n = snprintf(oid, sizeof oid, "1.3.6.1.4.1.%u.%u.%u", f * 3 % 7, arc, i);
            snprintf(model, sizeof model, "M%u", f * 1000 + i);
            const struct vs_oid_model *m = vs_oidtab_find(t, oid, (size_t)n);
            ck_assert_msg(m != NULL, "%s lost", oid);
            ck_assert_str_eq(m->model, model);
        }
    }
    vs_oidtab_free(t);
    char err2[256];
    ck_assert_int_ne(load_text("1.3.6.1.4.1.9.1.5\tA\n1.3.6.1.4.1.9.1.7\tB\n",
                               "1.3.6.1.4.1.9.1.6\tC\n1.3.6.1.4.1.9.1.5\tD\n", err2, sizeof err2),
                     0);
    ck_assert_msg(strstr(err2, "two.tsv:2: duplicate OID 1.3.6.1.4.1.9.1.5 (first at "
                               "sysobjectid/one.tsv:1)") != NULL,
                  "%s", err2);
}
END_TEST

static Suite *models_suite(void)
{
    Suite *s = suite_create("models");
    TCase *tc = tcase_create("shipped");
    tcase_add_checked_fixture(tc, load_shipped, free_shipped);
    tcase_add_test(tc, test_oid_tables);
    tcase_add_test(tc, test_oid_every_shipped_line);
    tcase_add_test(tc, test_model_lines);
    tcase_add_test(tc, test_model_nearmisses);
    tcase_add_test(tc, test_generic_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("loader");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_oid_strict);
    tcase_add_test(tc, test_oid_load_time);
    tcase_add_test(tc, test_oid_merge_files);
    tcase_add_test(tc, test_oid_bad_shipped_dir);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(models_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
