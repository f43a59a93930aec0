/* SPDX-License-Identifier: BSD-2-Clause */
/* check_csv.c - the CSV export (src/sink/csv.c): RFC 4180 quoting (comma, quote, CR, LF),
 * formula cells neutralised (= + - @ TAB CR at the start), invalid UTF-8 and controls
 * replaced, the documented header, one CRLF-ended row per device, the optional BOM, and the
 * same inventory giving the same bytes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/csv_sink.h"
#include "vendorsniff/identity.h"

static char *cell(const char *s, size_t n)
{
    struct vs_buf b = {0};
    ck_assert(vs_csv_cell(&b, s, n));
    return b.p ? b.p : strdup("");
}

#define CELL_EQ(in, want)                                                                          \
    do {                                                                                           \
        char *got_ = cell((in), sizeof(in) - 1);                                                   \
        ck_assert_str_eq(got_, (want));                                                            \
        free(got_);                                                                                \
    } while (0)

START_TEST(quoting)
{
    CELL_EQ("plain", "plain");
    CELL_EQ("", "");
    CELL_EQ("a,b", "\"a,b\"");
    CELL_EQ("say \"hi\"", "\"say \"\"hi\"\"\"");
    CELL_EQ("two\nlines", "\"two\nlines\"");
    CELL_EQ("cr\rhere", "\"cr\rhere\"");
    CELL_EQ("HUAWEI TECHNOLOGIES CO.,LTD", "\"HUAWEI TECHNOLOGIES CO.,LTD\"");
    CELL_EQ("semi;colon tab\tin", "semi;colon tab\tin");
}
END_TEST

START_TEST(formula_injection)
{
    CELL_EQ("=1+1", "'=1+1");
    CELL_EQ("+1", "'+1");
    CELL_EQ("-1", "'-1");
    CELL_EQ("@SUM(A1)", "'@SUM(A1)");
    CELL_EQ("\tx", "'\tx");
    CELL_EQ("\rx", "\"'\rx\"");
    CELL_EQ("=HYPERLINK(\"http://x/\",\"a\")", "\"'=HYPERLINK(\"\"http://x/\"\",\"\"a\"\")\"");
    CELL_EQ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0");
    /* Only the start matters. */
    CELL_EQ("a=1", "a=1");
    CELL_EQ("10.0.0.1", "10.0.0.1");
}
END_TEST

START_TEST(utf8_and_controls)
{
    CELL_EQ("Z\xc3\xbcrich", "Z\xc3\xbcrich");
    CELL_EQ("bad\xff", "bad\xef\xbf\xbd");
    CELL_EQ("esc\x1b[2J", "esc\xef\xbf\xbd[2J");
    CELL_EQ("c1\xc2\x9b", "c1\xef\xbf\xbd");
    CELL_EQ("del\x7f", "del\xef\xbf\xbd");
    static const char nul[] = "a\0b";
    char *got = cell(nul, 3);
    ck_assert_str_eq(got, "a\xef\xbf\xbd"
                          "b");
    free(got);
}
END_TEST

static const uint8_t huawei_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t cisco_mac[6] = {0x00, 0x19, 0x06, 0xea, 0xb8, 0x85};
static const char vrp[] = "Huawei Versatile Routing Platform Software\r\n"
                          "VRP (R) software, Version 5.170 (S5720 V200R011C10SPC500)";
static struct tu_world world;

static void setup(void)
{
    tu_world_open(&world, NULL);
    struct vs_device *hw = vs_inventory_see_mac(world.inv, huawei_mac, 1700000000, 5);
    struct vs_ip ip;
    const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
    vs_ip_from4(&ip, a);
    vs_identity_note_ip(world.inv, hw, &ip);
    vs_ip_from4(&ip, b);
    vs_identity_note_ip(world.inv, hw, &ip);
    vs_inventory_note_vlan(world.inv, hw, 42);
    vs_inventory_note_vlan(world.inv, hw, 7);
    tu_world_add(&world, hw, VS_F_LLDP_SYSTEM_DESCRIPTION, vrp, NULL, 1700000001);
    free(vs_inventory_side(world.inv, hw)->name);
    vs_inventory_side(world.inv, hw)->name = strdup("=HYPERLINK(\"http://evil/\",\"x\")");
    vs_inventory_see_mac(world.inv, cisco_mac, 1700000003, 0);
}

static void teardown(void)
{
    tu_world_close(&world);
}

static char *render(bool bom, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    struct vs_report_meta m = {0};
    ck_assert_int_eq(vs_csv_report(f, &m, world.inv, bom), 0);
    fclose(f);
    *len = n;
    return buf;
}

START_TEST(rows)
{
    size_t n;
    char *c = render(false, &n);
    ck_assert(strncmp(c, VS_CSV_HEADER "\r\n", strlen(VS_CSV_HEADER) + 2) == 0);
    const char *row1 = c + strlen(VS_CSV_HEADER) + 2;
    static const char want1[] =
        "00:e0:fc:12:34:56,00:e0:fc:12:34:56,10.0.0.1 10.0.0.2,42 7,Huawei,";
    ck_assert_msg(strncmp(row1, want1, strlen(want1)) == 0, "%s", row1);
    ck_assert_ptr_nonnull(strstr(row1,
                                 ",\"HUAWEI TECHNOLOGIES CO.,LTD\",S5720,VRP V200R011C10SPC500,"
                                 "\"'=HYPERLINK(\"\"http://evil/\"\",\"\"x\"\")\",,huawei,high,"
                                 "on the list,2023-11-14T22:13:20.000005Z,"));
    /* Two devices, each row CRLF-ended, no bare LF. */
    size_t crlf = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] == '\n') {
            ck_assert(i > 0 && c[i - 1] == '\r');
            crlf++;
        }
    }
    ck_assert_uint_eq(crlf, 3);
    ck_assert_ptr_nonnull(strstr(c, "\r\n00:19:06:ea:b8:85,00:19:06:ea:b8:85,,,Cisco,"));
    size_t n2;
    char *again = render(false, &n2);
    ck_assert(n == n2 && memcmp(c, again, n) == 0);
    free(again);
    char *bom = render(true, &n2);
    ck_assert_uint_eq(n2, n + 3);
    ck_assert(memcmp(bom, "\xef\xbb\xbf", 3) == 0 && memcmp(bom + 3, c, n) == 0);
    free(bom);
    free(c);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("csv");
    TCase *t = tcase_create("cell");
    tcase_add_test(t, quoting);
    tcase_add_test(t, formula_injection);
    tcase_add_test(t, utf8_and_controls);
    suite_add_tcase(s, t);
    t = tcase_create("report");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, rows);
    suite_add_tcase(s, t);
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
