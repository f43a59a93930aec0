/* SPDX-License-Identifier: BSD-2-Clause */
/* check_signatures.c - the signature engine (src/signatures/) and the shipped rules:
 * every shipped rule proven by its own examples, alias traps, template semantics, and
 * strict file:line errors for broken data files (docs/signatures.md). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "vendorsniff/signatures.h"

/* ---- helpers ------------------------------------------------------------------------------ */

struct hits {
    size_t n;
    struct vs_sig_match m[32];
};

static void collect(void *ctx, const struct vs_sig_match *m)
{
    struct hits *h = ctx;
    if (h->n < 32)
        h->m[h->n++] = *m;
}

static size_t run(const struct vs_sigs *s, enum vs_field f, const char *v, struct hits *h)
{
    memset(h, 0, sizeof *h);
    return vs_sigs_match(s, f, v, strlen(v), collect, h);
}

/* The vendor the matches of one value name, or NULL; fails on two different vendors. */
static const char *one_vendor(const struct hits *h)
{
    const char *v = NULL;
    for (size_t i = 0; i < h->n; i++) {
        if (!h->m[i].vendor)
            continue;
        if (v)
            ck_assert_str_eq(v, h->m[i].vendor);
        v = h->m[i].vendor;
    }
    return v;
}

static const struct vs_sig_match *by_rule(const struct hits *h, const char *id)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcmp(h->m[i].rule_id, id) == 0)
            return &h->m[i];
    return NULL;
}

static struct vs_sigs *shipped;

static void load_shipped(void)
{
    char err[1024];
    int rc = vs_sigs_load(tu_src_path("signatures"), &shipped, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "shipped signatures: %s\n", err);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(shipped);
}

static void free_shipped(void)
{
    vs_sigs_free(shipped);
    shipped = NULL;
}

/* A scratch signatures directory: a small vendors.ini, enterprises.tsv and rules/. */
static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static const char *const tiny_vendors =
    "# test vendors\n"
    "[Huawei]\n"
    "org = HUAWEI TECHNOLOGIES CO.,LTD\n"
    "enterprise = 2011\n"
    "[ZTE]\n"
    "org = zte corporation\n"
    "name = ZTE\n"
    "enterprise = 3902\n"
    "[Cisco]\n"
    "enterprise = 9\n";

static const char *const tiny_pens = "# PENs\n9\tciscoSystems\n2011\tHUAWEI Technology Co.,Ltd\n";

static void scratch_setup(void)
{
    strcpy(tmpdir, "/tmp/vs_sigtest.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char path[256];
    snprintf(path, sizeof path, "%s/rules", tmpdir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    write_file("vendors.ini", tiny_vendors);
    write_file("enterprises.tsv", tiny_pens);
}

static void scratch_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

/* Load the scratch directory with one rules file; returns rc, err filled. */
static int load_rules(const char *rules, struct vs_sigs **out, char *err, size_t errsz)
{
    write_file("rules/t.ini", rules);
    return vs_sigs_load(tmpdir, out, err, errsz);
}

/* The load must fail with "<file>:<line>: " and a message containing `what`. */
static void expect_error(const char *file, const char *rules, unsigned line, const char *what)
{
    struct vs_sigs *s = (struct vs_sigs *)1;
    char err[512];
    int rc = load_rules(rules, &s, err, sizeof err);
    ck_assert_msg(rc < 0, "loaded, expected an error at line %u (%s)", line, what);
    ck_assert_ptr_null(s);
    char want[256];
    snprintf(want, sizeof want, "%s/%s:%u: ", tmpdir, file, line);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "error '%s' does not start with '%s'",
                  err, want);
    ck_assert_msg(strstr(err, what) != NULL, "error '%s' does not say '%s'", err, what);
}

/* A valid rule used as a base by the error tests. */
#define GOOD_RULE                                                                                  \
    "[zte-ssh]\n"                                                                                  \
    "fields = ssh.banner\n"                                                                        \
    "pattern = ^SSH-2\\.0-ZTE_SSH\\.(\\d+\\.\\d+)\n"                                               \
    "vendor = ZTE\n"                                                                               \
    "software = ZTE SSH $1\n"                                                                      \
    "weight = 0.6\n"                                                                               \
    "example = SSH-2.0-ZTE_SSH.2.0\n"                                                              \
    "expect = vendor=ZTE; software=ZTE SSH 2.0\n"

/* ---- the shipped set ---------------------------------------------------------------------- */

START_TEST(test_shipped_loads_and_proves_itself)
{
    ck_assert_uint_ge(vs_sigs_rule_count(shipped), 80);
    ck_assert_uint_ge(vs_sigs_vendor_count(shipped), 20);
    /* Examples (and the first one's expect) of every rule, near misses against every rule
     * of the same fields, and cross-vendor conflicts. */
    static char report[1 << 16];
    int problems = vs_sigs_selftest(shipped, report, sizeof report);
    ck_assert_msg(problems == 0, "%d problems:\n%s", problems, report);
    ck_assert_str_eq(report, "");
}
END_TEST

START_TEST(test_shipped_aliases)
{
    const struct vs_sigs *s = shipped;
    ck_assert_str_eq(vs_sigs_vendor_for_org(s, "HUAWEI TECHNOLOGIES CO.,LTD"), "Huawei");
    ck_assert_str_eq(vs_sigs_vendor_for_org(s, "Huawei Device Co., Ltd."), "Huawei");
    ck_assert_str_eq(vs_sigs_vendor_for_org(s, "zte corporation"), "ZTE");
    const char *az = vs_sigs_vendor_for_org(s, "Aztech Electronics Pte Ltd");
    ck_assert(az == NULL || strcmp(az, "ZTE") != 0);
    const char *js = vs_sigs_vendor_for_name(s, "Juniper Systems");
    ck_assert(js == NULL || strcmp(js, "Juniper") != 0);
    js = vs_sigs_vendor_for_org(s, "Juniper Systems, Inc.");
    ck_assert(js == NULL || strcmp(js, "Juniper") != 0);
    ck_assert_str_eq(vs_sigs_vendor_for_enterprise(s, 2011), "Huawei");
    ck_assert_str_eq(vs_sigs_vendor_for_enterprise(s, 3902), "ZTE");
    ck_assert_str_eq(vs_sigs_vendor_for_enterprise(s, 9), "Cisco");
    ck_assert_str_eq(vs_sigs_enterprise_name(s, 9), "ciscoSystems");
    ck_assert_ptr_null(vs_sigs_enterprise_name(s, 4294967295u));
    /* Names: canonical names and spellings seen in protocol text. */
    ck_assert_str_eq(vs_sigs_vendor_for_name(s, "HUAWEI"), "Huawei");
    ck_assert_str_eq(vs_sigs_vendor_for_name(s, "zte"), "ZTE");
}
END_TEST

START_TEST(test_shipped_real_strings)
{
    struct hits h;
    const struct vs_sig_match *m;

    /* The product contract's own example. */
    ck_assert_uint_ge(run(shipped, VS_F_LLDP_SYSTEM_DESCRIPTION,
                          "Huawei Versatile Routing Platform Software\r\nVRP (R) software, "
                          "Version 8.180 (CE6851HI V200R005C10SPC607B607)\r\nCopyright (C) "
                          "2012-2018 Huawei Technologies Co., Ltd.\r\nHUAWEI CE6851-48S6Q-HI",
                          &h),
                      2);
    ck_assert_str_eq(one_vendor(&h), "Huawei");
    ck_assert_ptr_nonnull(m = by_rule(&h, "huawei-vrp"));
    ck_assert_str_eq(m->software, "VRP 8.180 V200R005C10SPC607B607");
    ck_assert(m->weight >= 0.8 && m->weight <= 0.95);
    ck_assert_ptr_nonnull(m = by_rule(&h, "huawei-vrp-model-tail"));
    ck_assert_str_eq(m->model, "CE6851-48S6Q-HI");

    run(shipped, VS_F_CDP_PLATFORM, "cisco WS-C3560G-24PS", &h);
    ck_assert_str_eq(one_vendor(&h), "Cisco");
    ck_assert_str_eq(h.m[0].model, "WS-C3560G-24PS");

    run(shipped, VS_F_CDP_SOFTWARE_VERSION,
        "Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), Version 12.2(25)SEB4, "
        "RELEASE SOFTWARE (fc1)\nCopyright (c) 1986-2005 by Cisco Systems, Inc.",
        &h);
    ck_assert_ptr_nonnull(m = by_rule(&h, "cisco-ios"));
    ck_assert_str_eq(m->software, "IOS 12.2(25)SEB4");
    ck_assert_ptr_null(by_rule(&h, "cisco-iosxe"));

    run(shipped, VS_F_SNMP_SYS_DESCR,
        "ZTE Ethernet Switch  ZXR10 5250-52TM-H, Version: V2.05.11B23", &h);
    ck_assert_str_eq(one_vendor(&h), "ZTE");

    run(shipped, VS_F_SSH_BANNER, "SSH-2.0-HUAWEI-1.5", &h);
    ck_assert_str_eq(one_vendor(&h), "Huawei");
    ck_assert(h.m[0].weight >= 0.5 && h.m[0].weight <= 0.7);

    run(shipped, VS_F_SNMP_SYS_OBJECT_ID, "1.3.6.1.4.1.3902.3.100.14", &h);
    ck_assert_str_eq(one_vendor(&h), "ZTE");

    run(shipped, VS_F_SNMP_ENGINE_ENTERPRISE, "2011", &h);
    ck_assert_str_eq(one_vendor(&h), "Huawei");

    /* A manufacturer field maps names exactly: look-alikes name nobody. */
    run(shipped, VS_F_LLDP_MED_MANUFACTURER, "Aztech Electronics Pte Ltd", &h);
    ck_assert(one_vendor(&h) == NULL || strcmp(one_vendor(&h), "ZTE") != 0);
    run(shipped, VS_F_CWMP_MANUFACTURER, "ZTE", &h);
    ck_assert_str_eq(one_vendor(&h), "ZTE");

    /* Names carry no vendor and a low weight. */
    run(shipped, VS_F_SNMP_SYS_NAME, "core-sw-01", &h);
    ck_assert_uint_eq(h.n, 1);
    ck_assert_ptr_null(h.m[0].vendor);
    ck_assert_str_eq(h.m[0].name, "core-sw-01");
    ck_assert(h.m[0].weight < 0.3);

    /* Generic server software says nothing. */
    ck_assert_uint_eq(run(shipped, VS_F_HTTP_SERVER, "Apache/2.4.3 (Fedora)", &h), 0);
    ck_assert_uint_eq(run(shipped, VS_F_SSH_BANNER, "SSH-2.0-OpenSSH_7.4", &h), 0);
}
END_TEST

/* One match per new evidence value must stay cheap: a few microseconds on a normal build. */
START_TEST(test_shipped_match_speed)
{
    const char *v = "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(52)SE, "
                    "RELEASE SOFTWARE (fc3)\nCopyright (c) 1986-2009 by Cisco Systems, Inc.\n"
                    "Compiled Fri 25-Sep-09 08:49 by sasyamal";
    struct hits h;
    const int n = 2000;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++)
        run(shipped, VS_F_SNMP_SYS_DESCR, v, &h);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double us = ((double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3) / n;
    fprintf(stderr, "vs_sigs_match sys_descr: %.2f us per value\n", us);
    /* Generous: sanitizer builds are several times slower than the real thing. */
    ck_assert_msg(us < 500.0, "%.1f us per match", us);
}
END_TEST

/* ---- engine behaviour on a scratch set ---------------------------------------------------- */

START_TEST(test_normalise)
{
    char out[64];
    ck_assert_uint_eq(vs_sigs_normalise("HUAWEI TECHNOLOGIES CO.,LTD", out, sizeof out), 26);
    ck_assert_str_eq(out, "huawei technologies co ltd");
    vs_sigs_normalise("  --Zte--Corporation.  ", out, sizeof out);
    ck_assert_str_eq(out, "zte corporation");
    vs_sigs_normalise("", out, sizeof out);
    ck_assert_str_eq(out, "");
    vs_sigs_normalise("\xc3\xa9tude", out, sizeof out);
    ck_assert_str_eq(out, "tude");
    ck_assert_uint_eq(vs_sigs_normalise("abcdef", out, 4), 3);
    ck_assert_str_eq(out, "abc");
    ck_assert_uint_eq(vs_sigs_normalise("abc", out, 0), 0);
}
END_TEST

START_TEST(test_scratch_good_rule)
{
    struct vs_sigs *s;
    char err[512];
    ck_assert_int_eq(load_rules(GOOD_RULE, &s, err, sizeof err), 0);
    ck_assert_str_eq(err, "");
    ck_assert_uint_eq(vs_sigs_rule_count(s), 1);
    ck_assert_uint_eq(vs_sigs_vendor_count(s), 3);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-ZTE_SSH.1.0", &h), 1);
    ck_assert_str_eq(h.m[0].rule_id, "zte-ssh");
    ck_assert_str_eq(h.m[0].vendor, "ZTE");
    ck_assert_str_eq(h.m[0].software, "ZTE SSH 1.0");
    ck_assert(h.m[0].weight == 0.6);
    /* Other fields have no rules. */
    ck_assert_uint_eq(run(s, VS_F_TELNET_BANNER, "SSH-2.0-ZTE_SSH.1.0", &h), 0);
    ck_assert_uint_eq(vs_sigs_match(s, VS_F__COUNT, "x", 1, collect, &h), 0);
    ck_assert_uint_eq(vs_sigs_match(s, VS_F_SSH_BANNER, NULL, 0, collect, &h), 0);
    ck_assert_uint_eq(vs_sigs_match(NULL, VS_F_SSH_BANNER, "x", 1, collect, &h), 0);
    ck_assert_ptr_null(vs_sigs_vendor_for_org(s, "ZTE"));          /* a name, not an org */
    ck_assert_str_eq(vs_sigs_vendor_for_name(s, "ZTE Corporation"), "ZTE"); /* orgs count */
    ck_assert_ptr_null(vs_sigs_vendor_for_name(s, "ZTE Corporation Ltd"));
    ck_assert_ptr_null(vs_sigs_vendor_for_name(s, NULL));
    ck_assert_str_eq(vs_sigs_enterprise_name(s, 2011), "HUAWEI Technology Co.,Ltd");
    ck_assert_ptr_null(vs_sigs_enterprise_name(s, 3902));
    vs_sigs_free(s);
    vs_sigs_free(NULL);
}
END_TEST

/* The value is bytes with a length: no terminator, NULs inside, read exactly. */
START_TEST(test_scratch_value_bounds)
{
    struct vs_sigs *s;
    char err[512];
    ck_assert_int_eq(load_rules(GOOD_RULE, &s, err, sizeof err), 0);
    const char *v = "SSH-2.0-ZTE_SSH.2.0";
    size_t n = strlen(v);
    char *exact = malloc(n);
    memcpy(exact, v, n);
    struct hits h;
    memset(&h, 0, sizeof h);
    ck_assert_uint_eq(vs_sigs_match(s, VS_F_SSH_BANNER, exact, n, collect, &h), 1);
    ck_assert_str_eq(h.m[0].software, "ZTE SSH 2.0");
    for (size_t k = 0; k < n; k++) /* every prefix, read in place */
        vs_sigs_match(s, VS_F_SSH_BANNER, exact, k, collect, &h);
    free(exact);
    memset(&h, 0, sizeof h);
    ck_assert_uint_eq(vs_sigs_match(s, VS_F_SSH_BANNER, "SSH-2.0-ZTE_SSH.2.0\0junk", 24, collect,
                                    &h),
                      1);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_scratch_templates)
{
    struct vs_sigs *s;
    char err[512];
    /* $N, ${N}, $$, a group that did not take part (the template gives nothing), control
     * bytes turned into spaces and collapsed, and a capture mapped through the aliases. */
    const char *rules = "[t]\n"
                        "fields = snmp.sys_descr\n"
                        "pattern = ^(\\w+) box (\\d+)(?: rev (\\w+))?(.*)$\n"
                        "flags = s\n"
                        "vendor = $1\n"
                        "model = ${2}0 $$ $2\n"
                        "software = v$3\n"
                        "name = [$4]\n"
                        "weight = 1\n"
                        "example = ZTE box 5 rev B\\r\\n  tail\\t end\n"
                        "expect = vendor=ZTE; model=50 $ 5; software=vB; name=[ tail end]\n";
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_DESCR, "ZTE box 5 rev B\r\n  tail\t end", &h), 1);
    ck_assert_str_eq(h.m[0].name, "[ tail end]");
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_DESCR, "Aztech box 7", &h), 1);
    ck_assert_ptr_null(h.m[0].vendor); /* "Aztech" names nobody */
    ck_assert_str_eq(h.m[0].model, "70 $ 7");
    ck_assert_str_eq(h.m[0].software, ""); /* $3 did not take part */
    ck_assert_str_eq(h.m[0].name, "[]");
    vs_sigs_free(s);

    /* enterprise:$N, and a rule that yields nothing does not match at all. */
    rules = "[pen]\n"
            "fields = snmp.sys_object_id\n"
            "pattern = ^1\\.3\\.6\\.1\\.4\\.1\\.(\\d+)\n"
            "vendor = enterprise:$1\n"
            "weight = 0.85\n"
            "example = 1.3.6.1.4.1.2011.2.23\n"
            "expect = vendor=Huawei\n"
            "nearmiss = 1.3.6.1.4.1.8072.3\n"
            "nearmiss = 1.3.6.1.4.1.99999999999.1\n";
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_OBJECT_ID, "1.3.6.1.4.1.9.1.516", &h), 1);
    ck_assert_str_eq(h.m[0].vendor, "Cisco");
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_OBJECT_ID, "1.3.6.1.4.1.8072.3", &h), 0);
    vs_sigs_free(s);

    /* Long output is cut within the buffer, never inside a UTF-8 sequence. */
    rules = "[long]\n"
            "fields = snmp.sys_descr\n"
            "pattern = ^(.*)$\n"
            "flags = s\n"
            "model = $1\n"
            "weight = 0.5\n"
            "example = x\n";
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    char big[400];
    memset(big, 'a', 126);
    strcpy(big + 126, "\xc3\xa9\xc3\xa9 and more");
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_DESCR, big, &h), 1);
    ck_assert_uint_eq(strlen(h.m[0].model), 126);
    vs_sigs_free(s);
}
END_TEST

/* Indented lines continue a value; a field list continues as a list. */
START_TEST(test_scratch_continuation)
{
    struct vs_sigs *s;
    char err[512];
    const char *rules = "; a comment\n"
                        "[cont]\n"
                        "fields = ssh.banner\n"
                        "    telnet.banner\n"
                        "pattern = ^Hello\n"
                        "    \\s+(\\w+)\n"
                        "vendor = Cisco\n"
                        "model = $1\n"
                        "weight = 0.5   ; an inline comment\n"
                        "example = Hello\n"
                        "\n"
                        "    \\x20World\n"
                        "expect = model=World\n";
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_TELNET_BANNER, "Hello   there", &h), 1);
    ck_assert_str_eq(h.m[0].model, "there");
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_scratch_load_mem)
{
    struct vs_sigs *s;
    char err[512];
    const char *rules = GOOD_RULE;
    ck_assert_int_eq(vs_sigs_load_mem(tiny_vendors, strlen(tiny_vendors), tiny_pens,
                                      strlen(tiny_pens), rules, strlen(rules), &s, err,
                                      sizeof err),
                     0);
    ck_assert_uint_eq(vs_sigs_rule_count(s), 1);
    vs_sigs_free(s);
    const char *bad = "[x]\nfields = ssh.banner\npattern = (\n";
    ck_assert_int_lt(vs_sigs_load_mem(tiny_vendors, strlen(tiny_vendors), NULL, 0, bad,
                                      strlen(bad), &s, err, sizeof err),
                     0);
    ck_assert_ptr_null(s);
    ck_assert_msg(strncmp(err, "rules.ini:3: ", 13) == 0, "%s", err);
}
END_TEST

/* ---- strict errors, each at its line ------------------------------------------------------ */

START_TEST(test_error_bad_regex)
{
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner\n\npattern = ^SSH-(2\\.0\nvendor = ZTE\nweight = 0.5\n"
                 "example = SSH-2.0\n",
                 4, "pattern error at offset 10");
}
END_TEST

START_TEST(test_error_unknown_key)
{
    expect_error("rules/t.ini", GOOD_RULE "colour = red\n", 9, "unknown key 'colour'");
}
END_TEST

START_TEST(test_error_unknown_field)
{
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner lldp.no_such_thing\npattern = x\nvendor = ZTE\n"
                 "weight = 0.5\nexample = x\n",
                 2, "unknown field 'lldp.no_such_thing'");
}
END_TEST

START_TEST(test_error_bad_weight)
{
    static const char *const bad[] = {"0", "1.5", "-0.1", "abc", "0.5x", "nan", "inf", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char rules[512];
        snprintf(rules, sizeof rules,
                 "[r]\nfields = ssh.banner\npattern = x\nvendor = ZTE\nexample = x\nweight = %s\n",
                 bad[i]);
        expect_error("rules/t.ini", rules, 6, "weight");
    }
}
END_TEST

START_TEST(test_error_missing_example)
{
    expect_error("rules/t.ini",
                 GOOD_RULE "\n[second]\nfields = ssh.banner\npattern = x\nvendor = ZTE\n"
                           "weight = 0.5\n",
                 10, "rule second: no example");
}
END_TEST

START_TEST(test_error_unknown_vendor)
{
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner\npattern = x\nvendor = Zte\nweight = 0.5\n"
                 "example = x\n",
                 4, "vendor 'Zte' is not in vendors.ini");
}
END_TEST

START_TEST(test_error_example_does_not_match)
{
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner\npattern = ^SSH-\nvendor = ZTE\nweight = 0.5\n"
                 "example = SSH-2.0-x\nexample = ssh-2.0-x\n",
                 7, "example does not match");
}
END_TEST

START_TEST(test_error_expect_differs)
{
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner\npattern = ^SSH-(\\S+)\nvendor = ZTE\nweight = 0.5\n"
                 "software = $1\nexample = SSH-2.0\nexpect = vendor=ZTE; software=2.1\n",
                 8, "expected software '2.1', got '2.0'");
}
END_TEST

START_TEST(test_error_nearmiss_matches)
{
    expect_error("rules/t.ini", GOOD_RULE "nearmiss = SSH-2.0-ZTE_SSH.9.9\n", 9,
                 "nearmiss matches the rule");
}
END_TEST

START_TEST(test_error_structure)
{
    /* Duplicate section (rule id), within and across files. */
    expect_error("rules/t.ini", GOOD_RULE "\n" GOOD_RULE, 10, "duplicate rule id [zte-ssh]");
    write_file("rules/a.ini", GOOD_RULE);
    expect_error("rules/t.ini", GOOD_RULE, 1, "duplicate rule id [zte-ssh]");
    char path[256];
    snprintf(path, sizeof path, "%s/rules/a.ini", tmpdir);
    ck_assert_int_eq(unlink(path), 0);
    /* Duplicate key. */
    expect_error("rules/t.ini", GOOD_RULE "weight = 0.7\n", 9, "duplicate key 'weight'");
    /* A key before any section, an empty section, a line with no '='. */
    expect_error("rules/t.ini", "weight = 1\n" GOOD_RULE, 1, "outside a [rule] section");
    expect_error("rules/t.ini", "[empty]\n\n" GOOD_RULE, 1, "rule empty: empty section");
    expect_error("rules/t.ini", GOOD_RULE "[trailing]\n", 9, "rule trailing: empty section");
    expect_error("rules/t.ini", GOOD_RULE "just words\n", 9, "syntax error");
    /* An indented key would silently continue the previous value. */
    expect_error("rules/t.ini", GOOD_RULE "  nearmiss = x\n", 9, "indented key 'nearmiss'");
    expect_error("rules/t.ini", GOOD_RULE "  [next]\n", 9, "section header");
    /* Header syntax. */
    expect_error("rules/t.ini", "[no-close\n", 1, "without ']'");
    expect_error("rules/t.ini", "[bad id!]\nweight = 1\n", 1, "rule id 'bad id!'");
    expect_error("rules/t.ini", "[r] trailing\nweight = 1\n", 1, "text after section header");
    /* A line longer than libinih's buffer is refused rather than split. */
    char longline[600] = "[r]\nfields = ssh.banner\npattern = ";
    size_t k = strlen(longline);
    memset(longline + k, 'a', 300);
    strcpy(longline + k + 300, "\n");
    expect_error("rules/t.ini", longline, 3, "line longer than");
    /* Bad escapes, empty examples, unknown flags, a template naming a missing group. */
    expect_error("rules/t.ini", GOOD_RULE "example = bad \\q escape\n", 9, "unknown escape");
    expect_error("rules/t.ini", GOOD_RULE "example = bad \\x4\n", 9, "two hex digits");
    expect_error("rules/t.ini", GOOD_RULE "flags = iz\n", 9, "flags are i, s, m and x");
    expect_error("rules/t.ini", GOOD_RULE "model = $2\n", 9, "group the pattern does not have");
    expect_error("rules/t.ini", GOOD_RULE "name = $x\n", 9, "'$' must be followed");
    expect_error("rules/t.ini",
                 "[r]\nfields = ssh.banner\npattern = x\nvendor = ZTE\nweight = 0.5\n"
                 "example = x\nexpect = colour=red\n",
                 7, "expect keys");
    const char *nothing = "[r]\nfields = ssh.banner\npattern = x\nweight = 0.5\nexample = x\n";
    expect_error("rules/t.ini", nothing, 1, "yields nothing");
    const char *nofields = "[r]\npattern = x\nvendor = ZTE\nweight = 0.5\nexample = x\n";
    expect_error("rules/t.ini", nofields, 1, "no fields");
    const char *nul = "[r]\nfields = ssh.banner\npattern = x\0y\n";
    write_file("rules/t.ini", ""); /* fputs stops at the NUL: write it by hand */
    snprintf(path, sizeof path, "%s/rules/t.ini", tmpdir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fwrite(nul, 1, 36, f);
    fclose(f);
    struct vs_sigs *s;
    char err[256];
    ck_assert_int_lt(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "t.ini:3: NUL byte") != NULL, "%s", err);
}
END_TEST

START_TEST(test_error_vendors_ini)
{
    struct {
        const char *text;
        unsigned line;
        const char *what;
    } cases[] = {
        {"[Huawei]\nenterprise = 20x1\n", 2, "not a number"},
        {"[Huawei]\nenterprise = 4294967296\n", 2, "not a number"},
        {"[Huawei]\nrisk = high\n", 2, "unknown key 'risk'"},
        {"[Huawei]\n[ZTE]\n[Huawei]\n", 3, "duplicate vendor [Huawei]"},
        {"[Huawei]\norg = Acme\n[ZTE]\nname = ACME\n", 4, "already names Huawei"},
        {"[Huawei]\nenterprise = 9\n[Cisco]\nenterprise = 9\n", 4, "enterprise 9 already"},
        {"[Huawei]\norg = ,.;\n", 2, "no letters or digits"},
        {"org = x\n[Huawei]\n", 1, "outside a [Vendor] section"},
        {"[Huawei]\norg = A\n  org = B\n", 3, "indented line"},
        {"[ Huawei]\n", 1, "space at the start or end"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file("vendors.ini", cases[i].text);
        struct vs_sigs *s;
        char err[512], want[256];
        ck_assert_int_lt(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
        snprintf(want, sizeof want, "%s/vendors.ini:%u: ", tmpdir, cases[i].line);
        ck_assert_msg(strncmp(err, want, strlen(want)) == 0 && strstr(err, cases[i].what),
                      "case %zu: got '%s', want '%s' ... '%s'", i, err, want, cases[i].what);
    }
    /* Vendors without aliases are fine; so is a vendor named only by its section. */
    write_file("vendors.ini", "[Huawei]\n[ZTE]\n[Cisco]\n");
    write_file("rules/t.ini", GOOD_RULE);
    struct vs_sigs *s;
    char err[512];
    ck_assert_int_eq(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
    ck_assert_str_eq(vs_sigs_vendor_for_name(s, "zte"), "ZTE");
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_error_enterprises_tsv)
{
    struct {
        const char *text;
        unsigned line;
        const char *what;
    } cases[] = {
        {"# c\n9 ciscoSystems\n", 2, "NUMBER<TAB>NAME"},
        {"x9\tcisco\n", 1, "not an enterprise number"},
        {"9\t\n", 1, "has no name"},
    };
    write_file("rules/t.ini", GOOD_RULE);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file("enterprises.tsv", cases[i].text);
        struct vs_sigs *s;
        char err[512], want[256];
        ck_assert_int_lt(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
        snprintf(want, sizeof want, "%s/enterprises.tsv:%u: ", tmpdir, cases[i].line);
        ck_assert_msg(strncmp(err, want, strlen(want)) == 0 && strstr(err, cases[i].what),
                      "case %zu: got '%s'", i, err);
    }
    write_file("enterprises.tsv", "9\ta\n9\tb\n");
    struct vs_sigs *s;
    char err[512];
    ck_assert_int_lt(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "listed twice") != NULL, "%s", err);
    /* Unsorted input is sorted. */
    write_file("enterprises.tsv", "2011\tHuawei\r\n9\tciscoSystems\r\n");
    ck_assert_int_eq(vs_sigs_load(tmpdir, &s, err, sizeof err), 0);
    ck_assert_str_eq(vs_sigs_enterprise_name(s, 9), "ciscoSystems");
    ck_assert_str_eq(vs_sigs_enterprise_name(s, 2011), "Huawei");
    vs_sigs_free(s);
    /* Missing files name themselves. */
    char path[256];
    snprintf(path, sizeof path, "%s/enterprises.tsv", tmpdir);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(vs_sigs_load(tmpdir, &s, err, sizeof err), -ENOENT);
    ck_assert_msg(strstr(err, "enterprises.tsv: cannot open") != NULL, "%s", err);
    ck_assert_int_eq(vs_sigs_load("/nonexistent/dir", &s, err, sizeof err), -ENOENT);
    ck_assert_msg(strstr(err, "/nonexistent/dir/vendors.ini: cannot open") != NULL, "%s", err);
}
END_TEST

/* The self-test finds what a single rule cannot see: a near miss another rule takes for the
 * vendor, and an example another rule gives to a different vendor. */
START_TEST(test_selftest_finds_cross_rule_problems)
{
    const char *rules = "[zte-any]\n"
                        "fields = snmp.sys_descr\n"
                        "pattern = ZTE\n"
                        "vendor = ZTE\n"
                        "weight = 0.9\n"
                        "example = ZTE ZXR10\n"
                        "nearmiss = Aztech ZT-E\n"
                        "\n"
                        "[too-broad]\n"
                        "fields = snmp.sys_descr\n"
                        "pattern = Z\n"
                        "vendor = Huawei\n"
                        "weight = 0.5\n"
                        "example = Zzz\n"
                        "\n"
                        "[also-zte]\n"
                        "fields = snmp.sys_descr\n"
                        "pattern = ZT-E\n"
                        "vendor = ZTE\n"
                        "weight = 0.5\n"
                        "example = ZT-E\n";
    struct vs_sigs *s;
    char err[2048];
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    int n = vs_sigs_selftest(s, err, sizeof err);
    ck_assert_int_ge(n, 3);
    char want[256];
    snprintf(want, sizeof want, "%s/rules/t.ini:7: rule zte-any: nearmiss gives ZTE through rule "
             "also-zte\n", tmpdir);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    snprintf(want, sizeof want, "%s/rules/t.ini:6: rule zte-any: example also matches rule "
             "too-broad (snmp.sys_descr), vendor Huawei not ZTE\n", tmpdir);
    ck_assert_msg(strstr(err, want) != NULL, "%s", err);
    /* A tiny buffer still gets whole, terminated text. */
    char small[16];
    ck_assert_int_eq(vs_sigs_selftest(s, small, sizeof small), n);
    ck_assert_uint_lt(strlen(small), sizeof small);
    ck_assert_int_eq(vs_sigs_selftest(s, NULL, 0), n);
    vs_sigs_free(s);
}
END_TEST

/* Catastrophic backtracking on a hostile value is cut short by the match limit. */
START_TEST(test_match_limit)
{
    const char *rules = "[slow]\n"
                        "fields = snmp.sys_descr\n"
                        "pattern = ^(a+)+$\n"
                        "vendor = ZTE\n"
                        "weight = 0.5\n"
                        "example = aaaa\n";
    struct vs_sigs *s;
    char err[512];
    ck_assert_int_eq(load_rules(rules, &s, err, sizeof err), 0);
    char v[200];
    memset(v, 'a', sizeof v - 2);
    v[sizeof v - 2] = 'b';
    v[sizeof v - 1] = '\0';
    struct hits h;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ck_assert_uint_eq(run(s, VS_F_SNMP_SYS_DESCR, v, &h), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ck_assert_int_lt(b.tv_sec - a.tv_sec, 5);
    vs_sigs_free(s);
}
END_TEST

static Suite *signatures_suite(void)
{
    Suite *s = suite_create("signatures");
    TCase *tc = tcase_create("shipped");
    tcase_add_checked_fixture(tc, load_shipped, free_shipped);
    tcase_add_test(tc, test_shipped_loads_and_proves_itself);
    tcase_add_test(tc, test_shipped_aliases);
    tcase_add_test(tc, test_shipped_real_strings);
    tcase_add_test(tc, test_shipped_match_speed);
    suite_add_tcase(s, tc);

    tc = tcase_create("engine");
    tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
    tcase_add_test(tc, test_normalise);
    tcase_add_test(tc, test_scratch_good_rule);
    tcase_add_test(tc, test_scratch_value_bounds);
    tcase_add_test(tc, test_scratch_templates);
    tcase_add_test(tc, test_scratch_continuation);
    tcase_add_test(tc, test_scratch_load_mem);
    tcase_add_test(tc, test_selftest_finds_cross_rule_problems);
    tcase_add_test(tc, test_match_limit);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
    tcase_add_test(tc, test_error_bad_regex);
    tcase_add_test(tc, test_error_unknown_key);
    tcase_add_test(tc, test_error_unknown_field);
    tcase_add_test(tc, test_error_bad_weight);
    tcase_add_test(tc, test_error_missing_example);
    tcase_add_test(tc, test_error_unknown_vendor);
    tcase_add_test(tc, test_error_example_does_not_match);
    tcase_add_test(tc, test_error_expect_differs);
    tcase_add_test(tc, test_error_nearmiss_matches);
    tcase_add_test(tc, test_error_structure);
    tcase_add_test(tc, test_error_vendors_ini);
    tcase_add_test(tc, test_error_enterprises_tsv);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(signatures_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
