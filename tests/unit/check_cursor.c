/* SPDX-License-Identifier: BSD-2-Clause */
/* check_cursor.c - the bounds-checked cursor: every read within bounds succeeds, every read
 * past the end fails, leaves the cursor unchanged and zeroes its output. */
#include <check.h>
#include <stdlib.h>

#include "vendorsniff/cursor.h"

static const uint8_t bytes[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};

START_TEST(reads_in_order)
{
    struct vs_cur c = vs_cur_make(bytes, sizeof bytes);
    uint8_t a;
    uint16_t b;
    uint32_t d;
    ck_assert(vs_cur_u8(&c, &a));
    ck_assert_uint_eq(a, 1);
    ck_assert(vs_cur_be16(&c, &b));
    ck_assert_uint_eq(b, 0x0203);
    ck_assert(vs_cur_be32(&c, &d));
    ck_assert_uint_eq(d, 0x04050607);
    ck_assert(vs_cur_empty(&c));
    c = vs_cur_make(bytes, sizeof bytes);
    ck_assert(vs_cur_le16(&c, &b));
    ck_assert_uint_eq(b, 0x0201);
    ck_assert(vs_cur_be24(&c, &d));
    ck_assert_uint_eq(d, 0x030405);
    c = vs_cur_make(bytes, sizeof bytes);
    ck_assert(vs_cur_le32(&c, &d));
    ck_assert_uint_eq(d, 0x04030201);
}
END_TEST

START_TEST(short_reads_fail_and_keep_position)
{
    struct vs_cur c = vs_cur_make(bytes, 3);
    uint32_t d = 0xdeadbeef;
    uint16_t w = 0xbeef;
    ck_assert(!vs_cur_be32(&c, &d));
    ck_assert_uint_eq(d, 0);
    ck_assert_uint_eq(vs_cur_len(&c), 3);
    ck_assert(!vs_cur_le32(&c, &d));
    ck_assert(vs_cur_be24(&c, &d));
    ck_assert(!vs_cur_be16(&c, &w));
    ck_assert_uint_eq(w, 0);
    uint8_t b = 9;
    ck_assert(!vs_cur_u8(&c, &b));
    ck_assert_uint_eq(b, 0);
    ck_assert(!vs_cur_skip(&c, 1));
    ck_assert(vs_cur_skip(&c, 0));
}
END_TEST

START_TEST(sub_cursor_cannot_see_past_its_length)
{
    struct vs_cur c = vs_cur_make(bytes, sizeof bytes);
    struct vs_cur sub;
    ck_assert(vs_cur_sub(&c, 2, &sub));
    ck_assert_uint_eq(vs_cur_len(&c), 5); /* parent advanced by the declared length */
    uint16_t w;
    ck_assert(vs_cur_be16(&sub, &w));
    uint8_t b;
    ck_assert(!vs_cur_u8(&sub, &b)); /* the byte after the TLV is invisible */
    ck_assert(!vs_cur_sub(&c, 6, &sub));
    ck_assert_uint_eq(vs_cur_len(&c), 5);
}
END_TEST

START_TEST(huge_lengths_do_not_wrap)
{
    struct vs_cur c = vs_cur_make(bytes, sizeof bytes);
    const uint8_t *p;
    struct vs_cur w;
    ck_assert(!vs_cur_skip(&c, SIZE_MAX));
    ck_assert(!vs_cur_bytes(&c, SIZE_MAX - 1, &p));
    ck_assert_ptr_null(p);
    ck_assert(!vs_cur_window(&c, 2, SIZE_MAX - 1, &w));
    ck_assert(!vs_cur_window(&c, SIZE_MAX, 1, &w));
    uint16_t v;
    ck_assert(!vs_cur_peek_be16(&c, SIZE_MAX, &v));
    ck_assert(!vs_cur_peek_be16(&c, 6, &v));
    ck_assert(vs_cur_peek_be16(&c, 5, &v));
    ck_assert_uint_eq(v, 0x0607);
    uint32_t d;
    ck_assert(!vs_cur_peek_be32(&c, 4, &d));
    ck_assert(vs_cur_peek_be32(&c, 3, &d));
    ck_assert_uint_eq(vs_cur_len(&c), sizeof bytes);
}
END_TEST

START_TEST(prefix_and_copy)
{
    struct vs_cur c = vs_cur_make(bytes, sizeof bytes);
    ck_assert(vs_cur_has_prefix(&c, "\x01\x02", 2));
    ck_assert(!vs_cur_has_prefix(&c, "\x01\x03", 2));
    uint8_t out[8];
    ck_assert(!vs_cur_copy(&c, out, 8));
    ck_assert(vs_cur_copy(&c, out, 7));
    ck_assert_uint_eq(out[6], 7);
    struct vs_cur n = vs_cur_make(NULL, 10);
    ck_assert_uint_eq(vs_cur_len(&n), 0);
    /* Zero-length reads of an empty cursor succeed and never do arithmetic on its NULL. */
    const uint8_t *p = out;
    ck_assert(vs_cur_bytes(&n, 0, &p));
    ck_assert_ptr_null(p);
    ck_assert(vs_cur_skip(&n, 0));
    ck_assert(vs_cur_copy(&n, out, 0));
    struct vs_cur sub;
    ck_assert(vs_cur_sub(&n, 0, &sub));
    ck_assert_ptr_null(sub.p);
    ck_assert_ptr_null(n.p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cursor");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, reads_in_order);
    tcase_add_test(tc, short_reads_fail_and_keep_position);
    tcase_add_test(tc, sub_cursor_cannot_see_past_its_length);
    tcase_add_test(tc, huge_lengths_do_not_wrap);
    tcase_add_test(tc, prefix_and_copy);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
