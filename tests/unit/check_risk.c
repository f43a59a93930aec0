/* SPDX-License-Identifier: BSD-2-Clause */
/* check_risk.c - the risk-list parser: the shipped list, good files, and bad files with
 * the line number of the problem. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/risk.h"

static struct vs_risk_list *load(const char *text, char *err, size_t errsz)
{
    struct vs_risk_list *l = NULL;
    if (vs_risk_load_mem("test.ini", text, strlen(text), &l, err, errsz) != 0)
        return NULL;
    return l;
}

START_TEST(shipped_list)
{
    char err[512];
    struct vs_risk_list *l = NULL;
    ck_assert_msg(vs_risk_load(tu_src_path("signatures/risk-list.ini"), &l, err, sizeof err) == 0,
                  "%s", err);
    const char *vendors[] = {"Huawei", "ZTE", "Hikvision", "Dahua", "Hytera"};
    for (size_t i = 0; i < 5; i++) {
        const struct vs_risk_rule *r = vs_risk_match_vendor(l, vendors[i], 0.3);
        ck_assert_msg(r != NULL, "%s not on the shipped list", vendors[i]);
        ck_assert_ptr_nonnull(r->reference);
        ck_assert_ptr_nonnull(strstr(r->reference, "fcc.gov"));
    }
    ck_assert_ptr_null(vs_risk_match_vendor(l, "Cisco", 1.0));
    ck_assert_ptr_null(vs_risk_match_vendor(l, "huawei", 1.0)); /* canonical names are exact */
    ck_assert_ptr_null(vs_risk_match_vendor(l, NULL, 1.0));
    vs_risk_free(l);
}
END_TEST

START_TEST(good_file)
{
    char err[512];
    struct vs_risk_list *l = load("# c\n[list]\nname = mine\n\n[x]\nvendor = ZTE\nseverity = critical\n"
                                  "reason = r ; with a semicolon\nmin_confidence = 0.5\n"
                                  "[cn]\ncountry = cn\nseverity = low\nreason = peer\n"
                                  "[as]\nasn = AS4134\nseverity = medium\nreason = peer\n",
                                  err, sizeof err);
    ck_assert_msg(l != NULL, "%s", err);
    ck_assert_str_eq(l->name, "mine");
    ck_assert_uint_eq(l->nrules, 3);
    ck_assert_str_eq(l->rules[0].reason, "r ; with a semicolon");
    ck_assert_int_eq(l->rules[0].severity, VS_SEV_CRITICAL);
    ck_assert_ptr_null(vs_risk_match_vendor(l, "ZTE", 0.4));
    ck_assert_ptr_nonnull(vs_risk_match_vendor(l, "ZTE", 0.5));
    ck_assert_ptr_nonnull(vs_risk_match_peer(l, "CN", 0));
    ck_assert_str_eq(vs_risk_match_peer(l, "DE", 4134)->id, "as");
    ck_assert_ptr_null(vs_risk_match_peer(l, "DE", 3320));
    vs_risk_free(l);
}
END_TEST

struct bad {
    const char *text;
    const char *want; /* substring of the message, with its line number */
};

static const struct bad bad_files[] = {
    {"[a]\nvendor = X\nseverity = dire\nreason = r\n", "test.ini:3: severity must be"},
    {"[a]\nvendor = X\nreason = r\n", "test.ini:1: rule has no severity"},
    {"[a]\nseverity = high\nreason = r\n", "test.ini:1: rule needs vendor, country or asn"},
    {"[a]\nvendor = X\nseverity = high\n", "test.ini:1: rule has no reason"},
    {"[a]\nvendor = X\nseverity = high\nreason = r\ncolour = red\n", "test.ini:5: unknown key"},
    {"[a]\nvendor = X\nseverity = high\nreason = r\n[a]\nvendor = Y\n", "test.ini:5: duplicate rule"},
    {"vendor = X\n", "test.ini:1: entry outside a [section]"},
    {"[a]\nvendor = X\nvendor = Y\n", "test.ini:3: key given twice"},
    {"[a]\ncountry = CHN\n", "test.ini:2: country must be"},
    {"[a]\nasn = many\n", "test.ini:2: asn must be a number"},
    {"[a]\nvendor = X\ncountry = CN\nseverity = low\nreason = r\n", "test.ini:1: rule mixes"},
    {"[a\nvendor = X\n", "test.ini:1: syntax error"},
    {"# nothing\n", "test.ini: no rules"},
    {"[a]\nvendor = X\nseverity = high\nreason = r\nmin_confidence = 2\n", "test.ini:5: min_confidence"},
    {"[a]\n[b]\nvendor = X\nseverity = high\nreason = r\n", "test.ini:1: empty section"},
    {"[b]\nvendor = X\nseverity = high\nreason = r\n\n[c]\n", "test.ini:6: empty section"},
};

START_TEST(bad_file)
{
    char err[512] = "";
    const struct bad *b = &bad_files[_i];
    struct vs_risk_list *l = load(b->text, err, sizeof err);
    ck_assert_msg(l == NULL, "accepted: %s", b->text);
    ck_assert_msg(strstr(err, b->want) != NULL, "got '%s', want '%s'", err, b->want);
}
END_TEST

START_TEST(missing_file)
{
    char err[512];
    struct vs_risk_list *l = NULL;
    ck_assert_int_ne(vs_risk_load("/nonexistent/risk.ini", &l, err, sizeof err), 0);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/risk.ini"));
}
END_TEST

START_TEST(long_lines)
{
    char text[6000];
    char reason[3000];
    memset(reason, 'r', sizeof reason - 1);
    reason[sizeof reason - 1] = 0;
    snprintf(text, sizeof text, "[a]\nvendor = X\nseverity = low\nreason = %s\n", reason);
    char err[512];
    struct vs_risk_list *l = load(text, err, sizeof err);
    ck_assert_msg(l != NULL, "%s", err);
    ck_assert_uint_eq(strlen(l->rules[0].reason), sizeof reason - 1);
    vs_risk_free(l);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("risk");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, shipped_list);
    tcase_add_test(tc, good_file);
    tcase_add_loop_test(tc, bad_file, 0, (int)(sizeof bad_files / sizeof bad_files[0]));
    tcase_add_test(tc, missing_file);
    tcase_add_test(tc, long_lines);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
