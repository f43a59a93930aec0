/* SPDX-License-Identifier: BSD-2-Clause */
/* check_text.c - wire strings made safe: valid UTF-8 out of any bytes, terminal escapes for
 * control characters and bidi overrides, bounds, and RFC 3339 timestamps. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/text.h"

/* True when s is valid UTF-8 without NUL (a small independent checker). */
static bool valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] == 0)
            return false;
        size_t k = p[i] < 0x80 ? 1 : (p[i] >> 5) == 6 ? 2 : (p[i] >> 4) == 14 ? 3 : (p[i] >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((p[i + j] & 0xc0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

START_TEST(clean_replaces_invalid_bytes)
{
    const uint8_t in[] = "ok \xff\xfe bad \xc3\x28 trunc \xe2\x82";
    size_t n;
    char *s = vs_utf8_clean(in, sizeof in - 1, 1000, &n);
    ck_assert(valid_utf8(s, n));
    ck_assert_ptr_nonnull(strstr(s, "ok \xef\xbf\xbd\xef\xbf\xbd bad"));
    free(s);
}
END_TEST

START_TEST(clean_drops_nul_and_trims)
{
    const uint8_t in[] = {' ', 'a', 0, 'b', '\r', '\n', 0, 0};
    size_t n;
    char *s = vs_utf8_clean(in, sizeof in, 100, &n);
    ck_assert_str_eq(s, "a\xef\xbf\xbd" "b");
    ck_assert_uint_eq(n, strlen(s));
    free(s);
}
END_TEST

START_TEST(clean_bounds_on_char_boundary)
{
    uint8_t in[70000];
    for (size_t i = 0; i < sizeof in; i += 2) {
        in[i] = 0xc3; /* e-acute, two bytes */
        in[i + 1] = 0xa9;
    }
    size_t n;
    char *s = vs_utf8_clean(in, sizeof in, 513, &n);
    ck_assert_uint_le(n, 513);
    ck_assert_uint_eq(n % 2, 0);
    ck_assert(valid_utf8(s, n));
    free(s);
}
END_TEST

START_TEST(clean_rejects_overlong_and_surrogates)
{
    const uint8_t overlong[] = {0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80};
    size_t n;
    char *s = vs_utf8_clean(overlong, sizeof overlong, 100, &n);
    ck_assert(valid_utf8(s, n));
    ck_assert_ptr_null(strstr(s, "\xed\xa0\x80"));
    free(s);
}
END_TEST

START_TEST(utf8_seq_boundaries)
{
    /* Each sequence: its length when well-formed (0 when not) and its code point. */
    static const struct {
        const char *s;
        size_t n, want;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 1, 0x41},
        {"\x7f", 1, 1, 0x7f},
        {"\xc2\x80", 2, 2, 0x80},
        {"\xdf\xbf", 2, 2, 0x7ff},
        {"\xe0\xa0\x80", 3, 3, 0x800},
        {"\xef\xbf\xbf", 3, 3, 0xffff},
        {"\xf0\x90\x80\x80", 4, 4, 0x10000},
        {"\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff},
        {"\xc1\xbf", 2, 0, 0},         /* overlong 2 */
        {"\xe0\x9f\xbf", 3, 0, 0},     /* overlong 3 */
        {"\xf0\x8f\xbf\xbf", 4, 0, 0}, /* overlong 4 */
        {"\xed\xa0\x80", 3, 0, 0},     /* surrogate */
        {"\xf4\x90\x80\x80", 4, 0, 0}, /* past U+10FFFF */
        {"\xf5\x80\x80\x80", 4, 0, 0},
        {"\x80", 1, 0, 0},
        {"\xe2\x82", 2, 0, 0},         /* cut short */
        {"\xe2\x28\xa1", 3, 0, 0},     /* bad continuation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0;
        size_t k = vs_utf8_seq((const uint8_t *)cases[i].s, cases[i].n, &cp);
        ck_assert_msg(k == cases[i].want, "case %zu: length %zu, want %zu", i, k, cases[i].want);
        if (k)
            ck_assert_uint_eq(cp, cases[i].cp);
    }
}
END_TEST

START_TEST(term_escape_controls)
{
    char out[256];
    vs_term_escape("red\x1b[31m bell\a tab\t nl\n del\x7f back\\", out, sizeof out);
    ck_assert_str_eq(out, "red\\x1b[31m bell\\x07 tab\\t nl\\n del\\x7f back\\\\");
    ck_assert_ptr_null(strchr(out, 0x1b));
}
END_TEST

START_TEST(term_escape_bidi_and_c1)
{
    char out[256];
    vs_term_escape("a\xe2\x80\xae" "b\xc2\x9b" "c", out, sizeof out);
    ck_assert_str_eq(out, "a\\u202eb\\u009bc");
}
END_TEST

START_TEST(term_escape_bounded)
{
    char big[5000];
    memset(big, '\x01', sizeof big - 1);
    big[sizeof big - 1] = 0;
    char out[64];
    size_t n = vs_term_escape(big, out, sizeof out);
    ck_assert_uint_lt(n, sizeof out);
    ck_assert_uint_eq(n % 4, 0); /* never a half escape */
    ck_assert_uint_eq(strlen(out), n);
}
END_TEST

START_TEST(timestamps)
{
    char ts[VS_TS_STRLEN];
    vs_ts_format(1700000000, 42, ts);
    ck_assert_str_eq(ts, "2023-11-14T22:13:20.000042Z");
    int64_t s;
    uint32_t u;
    ck_assert(vs_ts_parse(ts, &s, &u));
    ck_assert_int_eq(s, 1700000000);
    ck_assert_uint_eq(u, 42);
    ck_assert(!vs_ts_parse("yesterday", &s, &u));
    static const struct {
        int64_t sec;
        const char *text;
    } known[] = {
        {0, "1970-01-01T00:00:00.000000Z"},           {-1, "1969-12-31T23:59:59.000000Z"},
        {951782400, "2000-02-29T00:00:00.000000Z"},   {951868799, "2000-02-29T23:59:59.000000Z"},
        {4107542399, "2100-02-28T23:59:59.000000Z"},  {4107542400, "2100-03-01T00:00:00.000000Z"},
        {1709251199, "2024-02-29T23:59:59.000000Z"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        vs_ts_format(known[i].sec, 0, ts);
        ck_assert_str_eq(ts, known[i].text);
        ck_assert(vs_ts_parse(ts, &s, &u));
        ck_assert_int_eq(s, known[i].sec);
    }
}
END_TEST

START_TEST(buffer_grows)
{
    struct vs_buf b = {0};
    for (int i = 0; i < 1000; i++)
        ck_assert(vs_buf_printf(&b, "%d,", i));
    ck_assert_uint_gt(b.len, 3000);
    ck_assert_uint_eq(strlen(b.p), b.len);
    vs_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, clean_replaces_invalid_bytes);
    tcase_add_test(tc, clean_drops_nul_and_trims);
    tcase_add_test(tc, clean_bounds_on_char_boundary);
    tcase_add_test(tc, clean_rejects_overlong_and_surrogates);
    tcase_add_test(tc, utf8_seq_boundaries);
    tcase_add_test(tc, term_escape_controls);
    tcase_add_test(tc, term_escape_bidi_and_c1);
    tcase_add_test(tc, term_escape_bounded);
    tcase_add_test(tc, timestamps);
    tcase_add_test(tc, buffer_grows);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
