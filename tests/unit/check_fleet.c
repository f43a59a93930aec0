/* SPDX-License-Identifier: BSD-2-Clause */
/* check_fleet.c - diff and merge of inventories (src/sink/fleet.c) on crafted device lines:
 * identity survives an IP change, an id change (SNMP engine ID) and a MAC change (serial
 * number); placeholder serials name no one; merging is associative and idempotent, keeps
 * per-sensor provenance and both sides of a disputed attribution. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/fleet.h"

#define DEV(sensor, id, mac, ips, vendor, conf, model, ev, risk, first, last, pk)               \
    "{\"event\":\"device\",\"ts\":\"" last "\",\"sensor\":\"" sensor "\",\"id\":\"" id            \
    "\",\"mac\":" mac ",\"ips\":[" ips "],\"vlans\":[],\"vendor\":" vendor                        \
    ",\"confidence\":" conf ",\"oui_org\":null,\"model\":" model                                  \
    ",\"software\":null,\"name\":null,\"evidence\":[" ev "],\"risk\":" risk                       \
    ",\"first_seen\":\"" first "\",\"last_seen\":\"" last "\",\"packets\":" pk "}"

#define T0 "2026-01-01T00:00:00.000000Z"
#define T1 "2026-02-01T00:00:00.000000Z"
#define T2 "2026-03-01T00:00:00.000000Z"
#define ZTE_RISK "{\"rule\":\"zte\",\"vendor\":\"ZTE\",\"severity\":\"high\"}"
#define EV(src, fld, val) "{\"source\":\"" src "\",\"field\":\"" fld "\",\"value\":\"" val "\"}"

static struct vs_fleet *fleet_of(const char *const *lines, size_t n)
{
    struct vs_fleet *f = vs_fleet_new();
    ck_assert_ptr_nonnull(f);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(vs_fleet_add_line(f, lines[i], strlen(lines[i])), 0);
    return f;
}

/* The fleet as text (device lines), malloc'd. */
static char *dump(const struct vs_fleet *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(vs_fleet_write(f, m), 0);
    fclose(m);
    return buf;
}

/* Load the device lines of text into a fleet (the output of an earlier merge). */
static void add_text(struct vs_fleet *f, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len)
            ck_assert_int_eq(vs_fleet_add_line(f, p, len), 0);
        p += len + (nl ? 1 : 0);
    }
}

static char *merged_text(const char *const *texts, size_t n)
{
    struct vs_fleet *f = vs_fleet_new();
    for (size_t i = 0; i < n; i++)
        add_text(f, texts[i]);
    vs_fleet_merge(f);
    char *s = dump(f);
    vs_fleet_free(f);
    return s;
}

static char *diff_text(const char *const *old, size_t no, const char *const *neu, size_t nn,
                       bool json, struct vs_diff_counts *c)
{
    struct vs_fleet *a = fleet_of(old, no), *b = fleet_of(neu, nn);
    vs_fleet_merge(a);
    vs_fleet_merge(b);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ck_assert_int_eq(vs_fleet_diff(a, b, json, "old", "new", m, c), 0);
    fclose(m);
    vs_fleet_free(a);
    vs_fleet_free(b);
    return buf;
}

START_TEST(router_that_changed_its_ip_is_changed_not_gone_and_new)
{
    const char *old[] = {DEV("s1", "00:19:c6:00:00:01", "\"00:19:c6:00:00:01\"", "\"10.0.0.1\"",
                             "\"ZTE\"", "0.9", "\"ZXR10\"", "", ZTE_RISK, T0, T1, "10")};
    const char *neu[] = {DEV("s1", "00:19:c6:00:00:01", "\"00:19:c6:00:00:01\"", "\"10.9.9.1\"",
                             "\"ZTE\"", "0.9", "\"ZXR10\"", "", ZTE_RISK, T1, T2, "5")};
    struct vs_diff_counts c;
    char *t = diff_text(old, 1, neu, 1, false, &c);
    ck_assert_uint_eq(c.changed, 1);
    ck_assert_uint_eq(c.appeared, 0);
    ck_assert_uint_eq(c.disappeared, 0);
    ck_assert_uint_eq(c.new_risk, 0);
    ck_assert_msg(strstr(t, "ips 10.0.0.1 -> 10.9.9.1"), "%s", t);
    ck_assert_msg(strstr(t, "zte (ZTE, high): 1 -> 1, 0 new, 0 gone"), "%s", t);
    free(t);
}
END_TEST

START_TEST(routed_device_known_by_ip_matches_on_snmp_engine_id)
{
    const char *old[] = {DEV("s1", "10.1.1.1", "null", "\"10.1.1.1\"", "\"Huawei\"", "0.9", "null",
                             EV("snmp", "engine_id", "80:00:07:db:03:00:e0:fc:11:22:33"), "null",
                             T0, T1, "3")};
    const char *neu[] = {DEV("s1", "10.2.2.2", "null", "\"10.2.2.2\"", "\"Huawei\"", "0.9", "null",
                             EV("snmp", "engine_id", "80:00:07:db:03:00:e0:fc:11:22:33"), "null",
                             T1, T2, "3")};
    struct vs_diff_counts c;
    char *t = diff_text(old, 1, neu, 1, true, &c);
    ck_assert_uint_eq(c.changed, 1);
    ck_assert_uint_eq(c.appeared + c.disappeared, 0);
    ck_assert_msg(strstr(t, "\"old_id\":\"10.1.1.1\""), "%s", t);
    ck_assert_msg(strstr(t, "\"change\":\"changed\""), "%s", t);
    free(t);
}
END_TEST

START_TEST(serial_number_matches_across_mac_change_placeholder_does_not)
{
    const char *old[] = {
        DEV("s1", "00:19:c6:aa:00:01", "\"00:19:c6:aa:00:01\"", "", "\"ZTE\"", "0.8", "\"F660\"",
            EV("cwmp", "serial_number", "ZTEGC8A12345"), ZTE_RISK, T0, T1, "1"),
        DEV("s1", "00:19:c6:aa:00:02", "\"00:19:c6:aa:00:02\"", "", "\"ZTE\"", "0.8", "\"F660\"",
            EV("upnp", "serial_number", "00000000"), ZTE_RISK, T0, T1, "1")};
    const char *neu[] = {
        DEV("s1", "00:19:c6:bb:00:01", "\"00:19:c6:bb:00:01\"", "", "\"ZTE\"", "0.8", "\"F660\"",
            EV("upnp", "serial_number", "ZTEGC8A12345"), ZTE_RISK, T1, T2, "1"),
        DEV("s1", "00:19:c6:bb:00:02", "\"00:19:c6:bb:00:02\"", "", "\"ZTE\"", "0.8", "\"F660\"",
            EV("upnp", "serial_number", "00000000"), ZTE_RISK, T1, T2, "1")};
    struct vs_diff_counts c;
    char *t = diff_text(old, 2, neu, 2, false, &c);
    /* the serial joins the first pair; the all-zero "serial" joins nothing */
    ck_assert_uint_eq(c.changed, 0);
    ck_assert_uint_eq(c.unchanged, 1);
    ck_assert_uint_eq(c.appeared, 1);
    ck_assert_uint_eq(c.disappeared, 1);
    ck_assert_uint_eq(c.new_risk, 1);
    ck_assert_msg(strstr(t, "+ RISK high zte  00:19:c6:bb:00:02"), "%s", t);
    free(t);
}
END_TEST

static const char *const A = DEV("east", "00:e0:fc:00:00:01", "\"00:e0:fc:00:00:01\"",
                                 "\"10.0.0.1\"", "\"Huawei\"", "0.9", "\"S5720\"",
                                 EV("lldp", "chassis_id", "00:e0:fc:00:00:01"), "null", T0, T1,
                                 "10");
/* the same box seen by another sensor from its other interface, named by its chassis */
static const char *const B = DEV("west", "00:e0:fc:00:00:99", "\"00:e0:fc:00:00:99\"",
                                 "\"10.0.1.1\"", "\"ZTE\"", "0.6", "null",
                                 EV("lldp", "chassis_id", "00:e0:fc:00:00:01"), ZTE_RISK, T1, T2,
                                 "4");
/* the first sensor again, later (a newer snapshot of the same observation) */
static const char *const C = DEV("east", "00:e0:fc:00:00:01", "\"00:e0:fc:00:00:01\"",
                                 "\"10.0.0.1\"", "\"Huawei\"", "0.95", "\"S5720\"",
                                 EV("oui", "org", "HUAWEI"), "null", T0, T2, "12");

START_TEST(merge_keeps_sensors_and_both_sides_of_a_conflict)
{
    const char *in[] = {A, B, C};
    char *m = merged_text(in, 3);
    ck_assert_msg(strchr(m, '\n') == m + strlen(m) - 1, "one device: %s", m);
    ck_assert_msg(strstr(m, "\"id\":\"00:e0:fc:00:00:01\""), "%s", m);
    ck_assert_msg(strstr(m, "\"sensor\":\"merged\""), "%s", m);
    ck_assert_msg(strstr(m, "\"vendor\":\"Huawei\",\"confidence\":0.58,\"attributions\":"), "%s", m);
    ck_assert_msg(strstr(m, "\"vendor\":\"ZTE\",\"confidence\":0.6"), "%s", m);
    /* risk from any statement is kept: a removal programme would rather look twice */
    ck_assert_msg(strstr(m, "\"risk\":{\"rule\":\"zte\""), "%s", m);
    ck_assert_msg(strstr(m, "\"ips\":[\"10.0.0.1\",\"10.0.1.1\"]"), "%s", m);
    ck_assert_msg(strstr(m, "\"first_seen\":\"" T0 "\",\"last_seen\":\"" T2 "\",\"packets\":16"),
                  "%s", m);
    ck_assert_msg(strstr(m, "{\"name\":\"east\",\"first_seen\":\"" T0 "\",\"last_seen\":\"" T2
                            "\",\"packets\":12}"),
                  "%s", m);
    ck_assert_msg(strstr(m, "{\"name\":\"west\""), "%s", m);
    free(m);
}
END_TEST

START_TEST(merge_is_associative_and_idempotent)
{
    const char *a[] = {A}, *b[] = {B}, *c[] = {C};
    char *ma = merged_text(a, 1), *mb = merged_text(b, 1), *mc = merged_text(c, 1);
    const char *ab_in[] = {ma, mb}, *bc_in[] = {mb, mc};
    char *ab = merged_text(ab_in, 2), *bc = merged_text(bc_in, 2);
    const char *left_in[] = {ab, mc}, *right_in[] = {ma, bc}, *all_in[] = {ma, mb, mc};
    char *left = merged_text(left_in, 2), *right = merged_text(right_in, 2);
    char *all = merged_text(all_in, 3);
    ck_assert_str_eq(left, right);
    ck_assert_str_eq(left, all);
    const char *again_in[] = {all}, *twice_in[] = {all, all};
    char *again = merged_text(again_in, 1), *twice = merged_text(twice_in, 2);
    ck_assert_str_eq(again, all);
    ck_assert_str_eq(twice, all);
    free(ma), free(mb), free(mc), free(ab), free(bc), free(left), free(right), free(all);
    free(again), free(twice);
}
END_TEST

START_TEST(bad_line_names_file_and_line_and_loads_nothing)
{
    char path[] = "/tmp/vs-fleet-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%s\n{\"event\":\"stats\"}\nnot json\n", A);
    fclose(f);
    struct vs_fleet *fl = vs_fleet_new();
    char err[512];
    ck_assert_int_eq(vs_fleet_load(fl, path, err, sizeof err), -1);
    ck_assert_msg(strstr(err, ":3: "), "%s", err);
    ck_assert_uint_eq(vs_fleet_count(fl), 0);
    vs_fleet_free(fl);
    unlink(path);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("fleet");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, router_that_changed_its_ip_is_changed_not_gone_and_new);
    tcase_add_test(tc, routed_device_known_by_ip_matches_on_snmp_engine_id);
    tcase_add_test(tc, serial_number_matches_across_mac_change_placeholder_does_not);
    tcase_add_test(tc, merge_keeps_sensors_and_both_sides_of_a_conflict);
    tcase_add_test(tc, merge_is_associative_and_idempotent);
    tcase_add_test(tc, bad_line_names_file_and_line_and_loads_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
