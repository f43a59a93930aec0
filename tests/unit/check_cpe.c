/* SPDX-License-Identifier: BSD-2-Clause */
/* check_cpe.c - CPE 2.3 names (docs/signatures.md, "CPE names"; docs/events.md): the `cpe`
 * template of our rules (captures lower-cased and quoted per NISTIR 7695 s6.2), Recog's
 * cpe23 params rebound from URI form, and the device's "cpe" array in events, the report and
 * after a state restore (derived, never stored). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/signatures.h"
#include "vendorsniff/sink.h"
#include "vendorsniff/state.h"

static const char vendors[] = "[Acme]\nname = ACME\n[Cisco]\n";

struct one {
    struct vs_sig_match m;
    size_t n;
};

static void keep(void *ctx, const struct vs_sig_match *m)
{
    struct one *o = ctx;
    o->m = *m;
    o->n++;
}

static struct one run(const struct vs_sigs *s, enum vs_field f, const char *v)
{
    struct one o = {0};
    vs_sigs_match(s, f, v, strlen(v), keep, &o);
    return o;
}

START_TEST(test_template_quoting)
{
    static const char rules[] =
        "[acme-os]\nfields = snmp.sys_descr\n"
        "pattern = ^ACME (\\S+) OS ([^,]+),\nvendor = Acme\nsoftware = OS $2\n"
        "cpe = cpe:2.3:o:acme:os:$2:*:*:*:*:*:*:*\nweight = 0.9\n"
        "example = ACME X1 OS 1.2(3)a b,\n"
        "expect = cpe=cpe:2.3:o:acme:os:1.2\\\\(3\\\\)a_b:*:*:*:*:*:*:*\n"
        "[acme-hw]\nfields = snmp.sys_descr\npattern = ^ACME (\\S+)\nmodel = $1\n"
        "cpe = cpe:2.3:h:acme:$1:-:*:*:*:*:*:*:*\nweight = 0.9\nexample = ACME X1\n";
    struct vs_sigs *s;
    char err[512];
    ck_assert_msg(vs_sigs_load_mem(vendors, sizeof vendors - 1, "", 0, rules, sizeof rules - 1, &s,
                                   err, sizeof err) == 0,
                  "%s", err);
    struct one o = run(s, VS_F_SNMP_SYS_DESCR, "ACME X1-Pro/2 OS 7.0 (build\x01 9)!,");
    ck_assert_uint_eq(o.n, 2);
    /* The last match is acme-hw: its model quoted ("/"), lower-cased. */
    ck_assert_str_eq(o.m.cpe_hw, "cpe:2.3:h:acme:x1-pro\\/2:-:*:*:*:*:*:*:*");
    ck_assert_str_eq(o.m.cpe_os, "");
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_template_errors)
{
    struct vs_sigs *s = NULL;
    char err[512];
    static const char bad_part[] = "[r]\nfields = snmp.sys_descr\npattern = ^x\nvendor = Acme\n"
                                   "cpe = cpe:2.3:x:acme:x:*:*:*:*:*:*:*:*\nweight = 0.5\n"
                                   "example = x\n";
    ck_assert_int_ne(vs_sigs_load_mem(vendors, sizeof vendors - 1, "", 0, bad_part,
                                      sizeof bad_part - 1, &s, err, sizeof err),
                     0);
    ck_assert_ptr_nonnull(strstr(err, "cpe must start"));
    static const char bad_expect[] = "[r]\nfields = snmp.sys_descr\npattern = ^x(\\d)\n"
                                     "vendor = Acme\ncpe = cpe:2.3:h:acme:x$1:-:*:*:*:*:*:*:*\n"
                                     "weight = 0.5\nexample = x1\n"
                                     "expect = cpe=cpe:2.3:h:acme:x2:-:*:*:*:*:*:*:*\n";
    ck_assert_int_ne(vs_sigs_load_mem(vendors, sizeof vendors - 1, "", 0, bad_expect,
                                      sizeof bad_expect - 1, &s, err, sizeof err),
                     0);
    ck_assert_msg(strstr(err, "expected cpe") != NULL, "%s", err);
    static const char bad_group[] = "[r]\nfields = snmp.sys_descr\npattern = ^x\nvendor = Acme\n"
                                    "cpe = cpe:2.3:h:acme:$3:-:*:*:*:*:*:*:*\nweight = 0.5\n"
                                    "example = x\n";
    ck_assert_int_ne(vs_sigs_load_mem(vendors, sizeof vendors - 1, "", 0, bad_group,
                                      sizeof bad_group - 1, &s, err, sizeof err),
                     0);
}
END_TEST

START_TEST(test_recog_uri)
{
    static const char map[] = "[recog]\nsnmp.sys_descr = snmp.sys_description\n";
    static const char xml[] =
        "<fingerprints matches=\"snmp.sys_description\">\n"
        "<fingerprint pattern=\"^Cisco (\\S+) OS ([^ ]+)( x)?\">\n"
        "  <example hw.product=\"ASA-5505\" os.version=\"9.1(5)\">Cisco ASA-5505 OS "
        "9.1(5)</example>\n"
        "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
        "  <param pos=\"1\" name=\"hw.product\"/>\n"
        "  <param pos=\"2\" name=\"os.version\"/>\n"
        "  <param pos=\"0\" name=\"os.product\" value=\"ASA\"/>\n"
        "  <param pos=\"0\" name=\"hw.cpe23\" value=\"cpe:/h:cisco:{hw.product}%2dx\"/>\n"
        "  <param pos=\"0\" name=\"os.cpe23\" value=\"cpe:/o:cisco:adaptive_security_appliance_"
        "software:{os.version}\"/>\n"
        "</fingerprint>\n"
        "<fingerprint pattern=\"^Cisco colon (\\S+)\">\n"
        "  <example>Cisco colon a:b</example>\n"
        "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
        "  <param pos=\"1\" name=\"hw.product\"/>\n"
        "  <param pos=\"0\" name=\"hw.cpe23\" value=\"cpe:/h:cisco:{hw.product}:-\"/>\n"
        "</fingerprint>\n"
        "</fingerprints>\n";
    struct vs_sigs *s;
    char err[512];
    ck_assert_msg(vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, map, sizeof map - 1, xml,
                                         sizeof xml - 1, &s, err, sizeof err) == 0,
                  "%s", err);
    struct one o = run(s, VS_F_SNMP_SYS_DESCR, "Cisco ASA-5505 OS 9.1(5)");
    ck_assert_uint_eq(o.n, 1);
    ck_assert_str_eq(o.m.cpe_hw, "cpe:2.3:h:cisco:asa-5505-x:*:*:*:*:*:*:*:*");
    ck_assert_str_eq(
        o.m.cpe_os,
        "cpe:2.3:o:cisco:adaptive_security_appliance_software:9.1\\(5\\):*:*:*:*:*:*:*");
    /* A captured ':' stays inside its attribute. */
    o = run(s, VS_F_SNMP_SYS_DESCR, "Cisco colon a:b");
    ck_assert_str_eq(o.m.cpe_hw, "cpe:2.3:h:cisco:a\\:b:-:*:*:*:*:*:*:*");
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    vs_sigs_free(s);
}
END_TEST

/* ---- devices ------------------------------------------------------------------------------- */

static const char vrp[] = "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version "
                          "8.180 (CE6851HI V200R005C10SPC607B607)\r\nCopyright (C) 2012-2018 "
                          "Huawei Technologies Co., Ltd.\r\nHUAWEI CE6851-48S6Q-HI";
static const uint8_t hw_mac[6] = {0x00, 0xe0, 0xfc, 0x5c, 0xa2, 0x10};
static const uint8_t other_mac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};

struct world {
    struct vs_oui_db *oui;
    struct vs_sigs *sigs;
    struct vs_inventory *inv;
};

static void open_world(struct world *w)
{
    char err[1024];
    memset(w, 0, sizeof *w);
    ck_assert_msg(vs_oui_load(tu_src_path("oui_db/oui.tsv"), &w->oui, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_msg(vs_sigs_load(tu_src_path("signatures"), &w->sigs, err, sizeof err) == 0, "%s",
                  err);
    struct vs_inventory_hooks none = {0};
    w->inv = vs_inventory_new(w->oui, w->sigs, NULL, &none, 0);
    ck_assert_ptr_nonnull(w->inv);
}

static void close_world(struct world *w)
{
    vs_inventory_free(w->inv);
    vs_sigs_free(w->sigs);
    vs_oui_free(w->oui);
}

static void add(struct world *w, struct vs_device *d, enum vs_field f, const char *v, int64_t t)
{
    struct vs_evidence ev = {f, (const uint8_t *)v, strlen(v), NULL, NULL, 0};
    if (vs_inventory_add_evidence(w->inv, d, &ev, NULL, t, 0))
        vs_inventory_attribute(w->inv, d, t, 0);
}

static char *device_line(const struct vs_device *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    static const struct vs_out out = {.sensor = "t"};
    ck_assert_int_eq(vs_jsonl_device(f, &out, d, 1700000000, 0), 0);
    fclose(f);
    return buf;
}

START_TEST(test_device_cpe)
{
    struct world w;
    open_world(&w);
    struct vs_device *d = vs_inventory_see_mac(w.inv, hw_mac, 100, 0);
    struct vs_device *o = vs_inventory_see_mac(w.inv, other_mac, 100, 0);
    add(&w, d, VS_F_LLDP_SYSTEM_DESCRIPTION, vrp, 101);
    add(&w, o, VS_F_LLDP_SYSTEM_NAME, "printer-3", 101);
    ck_assert_str_eq(d->side->cpe_hw, "cpe:2.3:h:huawei:ce6851-48s6q-hi:-:*:*:*:*:*:*:*");
    ck_assert_str_eq(d->side->cpe_os, "cpe:2.3:o:huawei:vrp:8.180:*:*:*:*:*:*:*");
    char *line = device_line(d);
    const char *k = strstr(line, "\"packets\":");
    ck_assert_ptr_nonnull(k);
    ck_assert_msg(strstr(k, ",\"cpe\":[\"cpe:2.3:h:huawei:ce6851-48s6q-hi:-:*:*:*:*:*:*:*\","
                            "\"cpe:2.3:o:huawei:vrp:8.180:*:*:*:*:*:*:*\"]}") != NULL,
                  "%s", line);
    free(line);
    /* When unknown the key is left out (older readers and golden files see no change). */
    line = device_line(o);
    ck_assert_ptr_null(strstr(line, "\"cpe\""));
    free(line);

    /* Derived, not stored: a restore gives it again from the evidence. */
    char path[] = "/tmp/vs-cpe-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    char err[512];
    ck_assert_int_eq(vs_state_save(path, w.inv, err, sizeof err), 0);
    size_t len;
    char *text = tu_slurp(path, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_null(strstr(text, "cpe:2.3"));
    free(text);
    struct world b;
    open_world(&b);
    ck_assert_msg(vs_state_load(path, b.inv, err, sizeof err) == 0, "%s", err);
    unlink(path);
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(b.inv, &n);
    const struct vs_device *r = NULL;
    for (size_t i = 0; i < n; i++)
        if (devs[i]->vendor && strcmp(devs[i]->vendor, "Huawei") == 0)
            r = devs[i];
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r->side->cpe_hw, "cpe:2.3:h:huawei:ce6851-48s6q-hi:-:*:*:*:*:*:*:*");
    ck_assert_str_eq(r->side->cpe_os, "cpe:2.3:o:huawei:vrp:8.180:*:*:*:*:*:*:*");
    close_world(&b);
    close_world(&w);
}
END_TEST

static Suite *cpe_suite(void)
{
    Suite *s = suite_create("cpe");
    TCase *tc = tcase_create("cpe");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_template_quoting);
    tcase_add_test(tc, test_template_errors);
    tcase_add_test(tc, test_recog_uri);
    tcase_add_test(tc, test_device_cpe);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cpe_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
