/* SPDX-License-Identifier: BSD-2-Clause */
/* check_recog.c - Recog fingerprint files as signatures (src/signatures/recog.c): the XML
 * loader, Ruby regexp translation, params and interpolation, the hw/os/service mapping and
 * weights, refusal of DTDs and broken documents, and the shipped snapshot: every kept example
 * passes through our matcher and Recog never outweighs our own rules (docs/signatures.md). */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/signatures.h"

static const char vendors[] = "[Huawei]\nname = HUAWEI\n[Cisco]\nname = Cisco Systems\n"
                              "[Microsoft]\n[MikroTik]\n";
static const char map[] = "[recog]\nssh.banner = recog\nsnmp.sys_descr = snmp.sys_description\n"
                          "[os-vendor-not-maker]\nMicrosoft = runs on anyone's hardware\n";

struct hits {
    size_t n;
    struct vs_sig_match m[16];
};

static void collect(void *ctx, const struct vs_sig_match *m)
{
    struct hits *h = ctx;
    if (h->n < 16)
        h->m[h->n++] = *m;
}

static size_t run(const struct vs_sigs *s, enum vs_field f, const char *v, struct hits *h)
{
    memset(h, 0, sizeof *h);
    return vs_sigs_match(s, f, v, strlen(v), collect, h);
}

static struct vs_sigs *load(const char *xml, char *err, size_t errsz)
{
    struct vs_sigs *s = NULL;
    int rc = vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, map, sizeof map - 1, xml,
                                    strlen(xml), &s, err, errsz);
    if (rc != 0)
        return NULL;
    return s;
}

#define DOC(body)                                                                                  \
    "<?xml version='1.0' encoding='UTF-8'?>\n<fingerprints matches=\"ssh.banner\">\n" body         \
    "</fingerprints>\n"

START_TEST(test_params_and_mapping)
{
    char err[512];
    struct vs_sigs *s =
        load(DOC("<fingerprint pattern=\"^SSH-2\\.0-HUAWEI-(\\d+\\.\\d+) (\\S+)$\" "
                 "flags=\"REG_ICASE\">\n"
                 "  <description>Huawei</description>\n"
                 "  <example hw.product=\"NE40E\" os.version=\"1.5\">SSH-2.0-HUAWEI-1.5 "
                 "NE40E</example>\n"
                 "  <param pos=\"0\" name=\"hw.vendor\" value=\"Huawei\"/>\n"
                 "  <param pos=\"2\" name=\"hw.product\"/>\n"
                 "  <param pos=\"0\" name=\"os.product\" value=\"VRP on {hw.product}\"/>\n"
                 "  <param pos=\"1\" name=\"os.version\"/>\n"
                 "</fingerprint>\n"),
             err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "ssh-2.0-huawei-1.5 NE40E", &h), 1);
    ck_assert_str_eq(h.m[0].vendor, "Huawei");
    ck_assert_str_eq(h.m[0].model, "NE40E");
    ck_assert_str_eq(h.m[0].software, "VRP on NE40E 1.5");
    /* Below our banner rules (0.5 - 0.7), above the OUI organisation (0.3). */
    ck_assert(h.m[0].weight > 0.3 && h.m[0].weight < 0.5);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    /* Not a field the map gives this file. */
    ck_assert_uint_eq(run(s, VS_F_TELNET_BANNER, "SSH-2.0-HUAWEI-1.5 NE40E", &h), 0);
    size_t nf, nm, nx, ne;
    vs_sigs_recog_counts(s, &nf, &nm, &nx, &ne);
    ck_assert_uint_eq(nf, 1);
    ck_assert_uint_eq(nm, 1);
    ck_assert_uint_eq(nx, 0);
    ck_assert_uint_eq(ne, 1);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_vendor_policy)
{
    char err[512];
    struct vs_sigs *s =
        load(DOC("<fingerprint pattern=\"^SSH-2\\.0-OpenSSH_(\\S+)\">\n"
                 "  <example service.version=\"7.4\">SSH-2.0-OpenSSH_7.4</example>\n"
                 "  <param pos=\"0\" name=\"service.vendor\" value=\"OpenBSD\"/>\n"
                 "  <param pos=\"0\" name=\"service.product\" value=\"OpenSSH\"/>\n"
                 "  <param pos=\"1\" name=\"service.version\"/>\n"
                 "</fingerprint>\n"
                 "<fingerprint pattern=\"^SSH-2\\.0-Linux\">\n"
                 "  <example>SSH-2.0-Linux</example>\n"
                 "  <param pos=\"0\" name=\"os.vendor\" value=\"Linux\"/>\n"
                 "  <param pos=\"0\" name=\"os.product\" value=\"Linux\"/>\n"
                 "</fingerprint>\n"
                 "<fingerprint pattern=\"^SSH-2\\.0-Windows\">\n"
                 "  <example>SSH-2.0-Windows</example>\n"
                 "  <param pos=\"0\" name=\"os.vendor\" value=\"Microsoft\"/>\n"
                 "  <param pos=\"0\" name=\"os.product\" value=\"Windows\"/>\n"
                 "</fingerprint>\n"
                 "<fingerprint pattern=\"^SSH-2\\.0-ROSSSH\">\n"
                 "  <example>SSH-2.0-ROSSSH</example>\n"
                 "  <param pos=\"0\" name=\"os.vendor\" value=\"MikroTik\"/>\n"
                 "  <param pos=\"0\" name=\"os.product\" value=\"RouterOS\"/>\n"
                 "</fingerprint>\n"
                 "<fingerprint pattern=\"^SSH-2\\.0-(\\w+)-box\">\n"
                 "  <example hw.vendor=\"HUAWEI\">SSH-2.0-HUAWEI-box</example>\n"
                 "  <param pos=\"1\" name=\"hw.vendor\"/>\n"
                 "</fingerprint>\n"),
             err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct hits h;
    /* A service's maker is not the device's, and a generic OS names no maker. */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-OpenSSH_7.4", &h), 0);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-Linux", &h), 0);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-Windows", &h), 0);
    /* An OS made for the maker's own boxes does name it, lower than hardware. */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-ROSSSH", &h), 1);
    ck_assert_str_eq(h.m[0].vendor, "MikroTik");
    ck_assert_str_eq(h.m[0].software, "RouterOS");
    double os_weight = h.m[0].weight;
    /* A captured vendor is looked up per match; unknown names give nothing. */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-HUAWEI-box", &h), 1);
    ck_assert_str_eq(h.m[0].vendor, "Huawei");
    ck_assert(h.m[0].weight > os_weight);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-Acme-box", &h), 0);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_ruby_regexp)
{
    char err[512];
    struct vs_sigs *s = load(
        DOC("<fingerprint pattern=\"^SSH-2\\.0-X (\\h+)$\">\n"
            "  <example hw.product=\"00ff\">SSH-2.0-X 00ff</example>\n"
            "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
            "  <param pos=\"1\" name=\"hw.product\"/>\n"
            "</fingerprint>\n"
            "<fingerprint pattern=\"(?m)^SSH-2\\.0-Y.(\\w+)$\">\n"
            "  <example hw.product=\"abc\">SSH-2.0-Y\nabc</example>\n"
            "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
            "  <param pos=\"1\" name=\"hw.product\"/>\n"
            "</fingerprint>\n"
            "<fingerprint pattern=\"^SSH-2\\.0-Z.(\\w+)\" flags=\"REG_DOT_NEWLINE\">\n"
            "  <example hw.product=\"def\" _encoding=\"base64\">U1NILTIuMC1aCmRlZg==</example>\n"
            "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
            "  <param pos=\"1\" name=\"hw.product\"/>\n"
            "</fingerprint>\n"
            "<fingerprint pattern=\"^line two (\\w+)\">\n"
            "  <example hw.product=\"ok\">line one\nline two ok</example>\n"
            "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
            "  <param pos=\"1\" name=\"hw.product\"/>\n"
            "</fingerprint>\n"),
        err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct hits h;
    /* \h is a hex digit in Ruby (horizontal space in PCRE2). */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-X 00ff", &h), 1);
    ck_assert_str_eq(h.m[0].model, "00ff");
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-X \t", &h), 0);
    /* Ruby's (?m) and REG_DOT_NEWLINE: dot matches a newline. */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-Y\nabc", &h), 1);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "SSH-2.0-Z\ndef", &h), 1);
    /* Ruby's ^ starts any line. */
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "line one\nline two ok", &h), 1);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    vs_sigs_free(s);
}
END_TEST

/* The literal prefilter turns away what the pattern cannot match, and nothing else. */
START_TEST(test_prefilter)
{
    char err[512];
    struct vs_sigs *s = load(DOC("<fingerprint pattern=\"^Acme OS (\\d+)\" flags=\"REG_ICASE\">\n"
                                 "  <example>acme os 1</example>\n"
                                 "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
                                 "</fingerprint>\n"
                                 "<fingerprint pattern=\"^Boxx? (\\d+)\">\n"
                                 "  <example>Box 2</example>\n"
                                 "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
                                 "</fingerprint>\n"
                                 "<fingerprint pattern=\"^Zyx1|Zyx2\">\n"
                                 "  <example>a Zyx2</example>\n"
                                 "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
                                 "</fingerprint>\n"),
                             err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "ACME OS 7", &h), 1);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "banner\nAcme OS 7", &h), 1);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "banner Acme OS 7", &h), 0);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "Box 3", &h), 1);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "Boxx 3", &h), 1);
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "a Zyx2", &h), 1);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 0);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_examples_are_checked)
{
    char err[1024];
    struct vs_sigs *s = load(DOC("<fingerprint pattern=\"^SSH-2\\.0-A (\\w+)\">\n"
                                 "  <example hw.product=\"wrong\">SSH-2.0-A right</example>\n"
                                 "  <example>SSH-2.0-B nothing</example>\n"
                                 "  <example os.version=\"1\">SSH-2.0-A x</example>\n"
                                 "  <param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/>\n"
                                 "  <param pos=\"1\" name=\"hw.product\"/>\n"
                                 "</fingerprint>\n"),
                             err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 3);
    ck_assert_ptr_nonnull(strstr(err, "param hw.product is 'right', expected 'wrong'"));
    ck_assert_ptr_nonnull(
        strstr(err, "does not start a line with the pattern's literal 'SSH-2.0-A '"));
    ck_assert_ptr_nonnull(strstr(err, "no param sets"));
    ck_assert_msg(strstr(err, "recog.xml:4: rule recog:recog:3: ") != NULL, "%s", err);
    vs_sigs_free(s);
}
END_TEST

START_TEST(test_refused_documents)
{
    char err[512];
    struct vs_sigs *s = NULL;
    const char *bad[] = {
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><fingerprints/>",
        "<fingerprints><fingerprint pattern='x'>",
        "<other/>",
        "<fingerprints><fingerprint><example>x</example></fingerprint></fingerprints>",
        "<fingerprints><fingerprint pattern='(x)'><param pos='x' name='a'/></fingerprint>"
        "</fingerprints>",
        "<fingerprints><fingerprint pattern='(x)'><param pos='1'/></fingerprint></fingerprints>",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int rc = vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, map, sizeof map - 1, bad[i],
                                        strlen(bad[i]), &s, err, sizeof err);
        ck_assert_msg(rc != 0, "document %zu loaded", i);
        ck_assert_ptr_null(s);
        ck_assert_ptr_nonnull(strstr(err, "recog.xml"));
    }
    /* A DOCTYPE is refused whatever the encoding: in UTF-16 a byte scan for "<!DOCTYPE"
     * would miss it and the parser would define the entity. */
    const char *dt = "<?xml version='1.0'?><!DOCTYPE fingerprints "
                     "[<!ENTITY e 'Cisco'>]><fingerprints matches='ssh.banner'>"
                     "<fingerprint pattern='^x$'><example>x</example>"
                     "<param pos='0' name='hw.vendor' value='&e;'/></fingerprint></fingerprints>";
    for (int enc = 0; enc < 2; enc++) {
        char u16[1024];
        size_t n = 0;
        if (enc == 1) {
            u16[n++] = (char)0xff;
            u16[n++] = (char)0xfe;
        }
        for (const char *c = dt; *c && n + 2 < sizeof u16; c++) {
            u16[n++] = *c;
            if (enc == 1)
                u16[n++] = 0;
        }
        int rc = vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, map, sizeof map - 1, u16, n,
                                        &s, err, sizeof err);
        ck_assert_msg(rc != 0, "DOCTYPE document loaded (encoding %d)", enc);
        ck_assert_ptr_null(s);
        ck_assert_msg(strstr(err, "a DOCTYPE is not accepted") != NULL, "%s", err);
    }
    /* A map row naming an unknown field, and an OS maker unknown to vendors.ini. */
    const char *badmap[] = {"[recog]\nssh.nope = x\n", "[os-vendor-not-maker]\nAcme = x\n",
                            "[other]\nx = y\n"};
    for (size_t i = 0; i < sizeof badmap / sizeof *badmap; i++) {
        int rc = vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, badmap[i], strlen(badmap[i]),
                                        "<fingerprints/>", 15, &s, err, sizeof err);
        ck_assert_msg(rc != 0, "map %zu loaded", i);
        ck_assert_ptr_nonnull(strstr(err, "recog-map.ini:2"));
    }
    /* A pattern PCRE2 refuses is not a load error: its examples say so. */
    s = load(DOC("<fingerprint pattern=\"(unclosed\"><example>x</example>"
                 "<param pos=\"0\" name=\"hw.vendor\" value=\"Cisco\"/></fingerprint>\n"),
             err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct hits h;
    ck_assert_uint_eq(run(s, VS_F_SSH_BANNER, "(unclosed", &h), 0);
    ck_assert_int_eq(vs_sigs_selftest(s, err, sizeof err), 1);
    ck_assert_ptr_nonnull(strstr(err, "does not compile"));
    vs_sigs_free(s);
}
END_TEST

/* ---- the shipped snapshot ------------------------------------------------------------------ */

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

START_TEST(test_shipped_examples_pass)
{
    static char err[65536];
    int problems = vs_sigs_selftest(shipped, err, sizeof err);
    ck_assert_msg(problems == 0, "%d problems:\n%s", problems, err);
    size_t nf, nm, nx, ne;
    vs_sigs_recog_counts(shipped, &nf, &nm, &nx, &ne);
    ck_assert_uint_gt(nf, 2000);
    ck_assert_uint_gt(nm, 500);
    ck_assert_uint_gt(ne, 4000);
    /* Every exclusion carries its reason. */
    for (size_t i = 0; i < nx; i++) {
        const char *id, *why = vs_sigs_recog_excluded(shipped, i, &id);
        ck_assert_ptr_nonnull(why);
        ck_assert_uint_gt(strlen(why), 10);
    }
}
END_TEST

/* The heaviest vendor among the matches of one value. */
static const struct vs_sig_match *heaviest(const struct hits *h)
{
    const struct vs_sig_match *b = NULL;
    for (size_t i = 0; i < h->n; i++)
        if (h->m[i].vendor && (!b || h->m[i].weight > b->weight))
            b = &h->m[i];
    return b;
}

START_TEST(test_shipped_precedence)
{
    struct hits h;
    /* Our VRP rule and Recog's both speak: ours is heavier. */
    run(shipped, VS_F_SNMP_SYS_DESCR,
        "Huawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.70 "
        "(S5700 V100R005C01)\r\nCopyright (C) 2000-2011 HUAWEI TECH CO., LTD\r\nQuidway "
        "S5700-28C-HI",
        &h);
    const struct vs_sig_match *b = heaviest(&h);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b->vendor, "Huawei");
    ck_assert(strncmp(b->rule_id, "recog:", 6) != 0);
    /* Generic words name no maker through Recog either. */
    ck_assert_uint_eq(run(shipped, VS_F_SNMP_SYS_DESCR,
                          "Linux router 4.14.0 #1 SMP Mon Jan 1 00:00:00 UTC 2018 mips", &h),
                      0);
    ck_assert_uint_eq(run(shipped, VS_F_HTTP_SERVER, "GoAhead-Webs", &h), 0);
    ck_assert_uint_eq(run(shipped, VS_F_HTTP_SERVER, "Apache/2.4.3 (Fedora)", &h), 0);
    ck_assert_uint_eq(run(shipped, VS_F_SSH_BANNER, "SSH-2.0-OpenSSH_7.4", &h), 0);
    /* Where our rules are silent, Recog gives the maker, below our banner weights. */
    run(shipped, VS_F_SNMP_SYS_DESCR, "Cisco Adaptive Security Appliance Version 9.1(5)", &h);
    b = heaviest(&h);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b->vendor, "Cisco");
}
END_TEST

static void *match_thread(void *arg)
{
    struct hits h;
    (void)arg;
    for (int i = 0; i < 20; i++)
        run(shipped, VS_F_SSH_BANNER, "SSH-2.0-Cisco-1.25", &h);
    return NULL;
}

/* Files are parsed and patterns compiled on first use, by whichever thread comes first. */
START_TEST(test_shipped_first_use_threads)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, match_thread, NULL), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    struct hits h;
    run(shipped, VS_F_SSH_BANNER, "SSH-2.0-Cisco-1.25", &h);
    ck_assert_ptr_nonnull(heaviest(&h));
    ck_assert_str_eq(heaviest(&h)->vendor, "Cisco");
}
END_TEST

static Suite *recog_suite(void)
{
    Suite *s = suite_create("recog");
    TCase *tc = tcase_create("loader");
    tcase_add_test(tc, test_params_and_mapping);
    tcase_add_test(tc, test_vendor_policy);
    tcase_add_test(tc, test_ruby_regexp);
    tcase_add_test(tc, test_prefilter);
    tcase_add_test(tc, test_examples_are_checked);
    tcase_add_test(tc, test_refused_documents);
    suite_add_tcase(s, tc);
    tc = tcase_create("shipped");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, load_shipped, free_shipped);
    tcase_add_test(tc, test_shipped_examples_pass);
    tcase_add_test(tc, test_shipped_precedence);
    tcase_add_test(tc, test_shipped_first_use_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(recog_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
