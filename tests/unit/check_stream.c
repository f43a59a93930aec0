/* SPDX-License-Identifier: BSD-2-Clause */
/* check_stream.c - unit tests for the TCP reassembly (src/pipeline/stream.c): whole PDUs
 * handed over without a copy, PDUs split at every byte, gaps and retransmissions, garbage,
 * PDUs over VS_MAX_STREAM_BUF, expiry, slot take-over, and a second framing (TLS records)
 * to show the module is not Diameter's alone. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"
#include "vendorsniff/stream.h"

/* A Diameter-framed PDU of len bytes (len a multiple of 4, >= 20), its body a counter. */
static size_t pdu(uint8_t *b, size_t len, uint8_t tag)
{
    b[0] = 1;
    b[1] = (uint8_t)(len >> 16);
    b[2] = (uint8_t)(len >> 8);
    b[3] = (uint8_t)len;
    b[4] = 0x80;
    b[5] = 0;
    b[6] = 1;
    b[7] = 1;
    for (size_t i = 8; i < len; i++)
        b[i] = (uint8_t)(tag + i);
    return len;
}

/* TLS record framing (RFC 8446 section 5.1): type 20..24, version 3.x, 2-byte length. */
static size_t tls_need(const struct vs_cur *c)
{
    uint8_t type, major;
    uint16_t len;
    if (vs_cur_len(c) < 5)
        return vs_cur_peek_u8(c, 0, &type) && (type < 20 || type > 24) ? VS_STREAM_NOT_PDU : 0;
    vs_cur_peek_u8(c, 0, &type);
    vs_cur_peek_u8(c, 1, &major);
    vs_cur_peek_be16(c, 3, &len);
    if (type < 20 || type > 24 || major != 3)
        return VS_STREAM_NOT_PDU;
    return 5 + (size_t)len;
}

/* What one feed handed over, concatenated, with the number of next() results. */
struct got {
    uint8_t b[3 * VS_MAX_STREAM_BUF];
    size_t n;
    unsigned calls;
    bool lost;
    const uint8_t *first; /* where the first result pointed */
};

static void feed(struct vs_stream_table *t, uint64_t key, uint32_t seq, int64_t ts,
                 const uint8_t *p, size_t n, vs_stream_need_fn need, struct got *g)
{
    struct vs_stream_iter it;
    struct vs_cur out;
    g->n = 0;
    g->calls = 0;
    g->first = NULL;
    vs_stream_feed(t, key, seq, ts, vs_cur_make(p, n), need, &it);
    while (vs_stream_next(&it, &out)) {
        ck_assert_uint_gt(vs_cur_len(&out), 0);
        ck_assert_uint_le(g->n + vs_cur_len(&out), sizeof g->b);
        if (!g->calls)
            g->first = out.p;
        memcpy(g->b + g->n, out.p, out.n);
        g->n += out.n;
        g->calls++;
    }
    vs_stream_end(&it);
    g->lost = it.lost;
}

static struct vs_stream_table *tbl;
static struct got got;
static uint8_t data[3 * VS_MAX_STREAM_BUF];

static void setup(void)
{
    tbl = vs_stream_new();
    ck_assert_ptr_nonnull(tbl);
}

static void teardown(void)
{
    vs_stream_free(tbl);
}

START_TEST(test_whole_pdus_no_copy)
{
    size_t n = pdu(data, 40, 1);
    n += pdu(data + n, 64, 2);
    feed(tbl, 7, 1000, 1, data, n, vs_diameter_need, &got);
    ck_assert_uint_eq(got.calls, 1); /* the run of whole PDUs at once */
    ck_assert_uint_eq(got.n, n);
    ck_assert_ptr_eq(got.first, data); /* straight from the segment */
    ck_assert(!got.lost);
    /* nothing kept: the next segment need not follow */
    feed(tbl, 7, 5, 1, data, 40, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 40);
    ck_assert(!got.lost);
}
END_TEST

START_TEST(test_split_pdu)
{
    size_t n = pdu(data, 100, 3);
    feed(tbl, 7, 1000, 1, data, 30, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0);
    feed(tbl, 7, 1030, 1, data + 30, 70, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, n);
    ck_assert_mem_eq(got.b, data, n);
    ck_assert(got.first != data + 30);
    struct vs_stream_stats st;
    vs_stream_get_stats(tbl, &st);
    ck_assert_uint_eq(st.stored, 1);
    ck_assert_uint_eq(st.completed, 1);
    /* done: the flow is forgotten, so any sequence number starts afresh */
    feed(tbl, 7, 1, 1, data, 100, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 100);
    ck_assert(!got.lost);
}
END_TEST

/* Three PDUs cut into two and three segments at every pair of points: what comes out,
 * in order, is exactly what went in, and nothing is lost. */
START_TEST(test_every_split)
{
    size_t n = pdu(data, 24, 1);
    n += pdu(data + n, 20, 2);
    n += pdu(data + n, 36, 3);
    static uint8_t all[128];
    for (size_t i = 0; i <= n; i++) {
        for (size_t j = i; j <= n; j++) {
            size_t m = 0;
            uint32_t seq = 0xfffffff0u; /* wraps */
            size_t cuts[4] = {0, i, j, n};
            for (int k = 0; k < 3; k++) {
                size_t len = cuts[k + 1] - cuts[k];
                feed(tbl, 99, seq, 5, data + cuts[k], len, vs_diameter_need, &got);
                ck_assert(!got.lost);
                memcpy(all + m, got.b, got.n);
                m += got.n;
                seq += (uint32_t)len;
            }
            ck_assert_msg(m == n && memcmp(all, data, n) == 0, "cuts at %zu, %zu: %zu of %zu", i, j,
                          m, n);
        }
    }
}
END_TEST

START_TEST(test_gap_resets)
{
    size_t n = pdu(data, 100, 4);
    pdu(data + n, 40, 5);
    feed(tbl, 7, 1000, 1, data, 30, vs_diameter_need, &got);
    /* a segment that skips ahead: the buffered start cannot be completed */
    feed(tbl, 7, 1050, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert(got.lost);
    ck_assert_uint_eq(got.n, 0); /* mid-PDU bytes are not a PDU start */
    /* a retransmission of the first segment: reset, then taken as a new start */
    feed(tbl, 7, 1000, 1, data, 30, vs_diameter_need, &got);
    feed(tbl, 7, 1000, 1, data, 30, vs_diameter_need, &got);
    ck_assert(got.lost);
    feed(tbl, 7, 1030, 1, data + 30, 110, vs_diameter_need, &got);
    ck_assert(!got.lost);
    ck_assert_uint_eq(got.n, 140);
    ck_assert_mem_eq(got.b, data, 140);
    /* that segment again, once the flow is done: nothing handed over, nothing lost */
    feed(tbl, 7, 1030, 1, data + 30, 110, vs_diameter_need, &got);
    ck_assert(!got.lost);
    ck_assert_uint_eq(got.n, 0);
    struct vs_stream_stats st;
    vs_stream_get_stats(tbl, &st);
    ck_assert_uint_eq(st.resets, 2);
}
END_TEST

START_TEST(test_garbage)
{
    static const uint8_t junk[] = "GET / HTTP/1.1\r\n\r\n";
    /* a segment of an unknown flow that starts mid-PDU: not a loss (retransmission, or
     * a capture begun mid-connection) */
    feed(tbl, 7, 1, 1, junk, sizeof junk - 1, vs_diameter_need, &got);
    ck_assert(!got.lost);
    ck_assert_uint_eq(got.n, 0);
    /* whole PDUs before garbage are handed over; the garbage is not kept */
    size_t n = pdu(data, 20, 6);
    memcpy(data + n, junk, sizeof junk - 1);
    feed(tbl, 7, 100, 1, data, n + sizeof junk - 1, vs_diameter_need, &got);
    ck_assert(got.lost);
    ck_assert_uint_eq(got.n, 20);
    /* garbage completing a buffered start */
    pdu(data, 20, 7);
    feed(tbl, 8, 0, 1, data, 2, vs_diameter_need, &got);
    ck_assert(!got.lost);
    data[2] = 0;
    data[3] = 21; /* becomes known as a length that is not a multiple of 4 */
    feed(tbl, 8, 2, 1, data + 2, 18, vs_diameter_need, &got);
    ck_assert(got.lost);
    ck_assert_uint_eq(got.n, 0);
    struct vs_stream_stats st;
    vs_stream_get_stats(tbl, &st);
    ck_assert_uint_eq(st.garbage, 3);
}
END_TEST

START_TEST(test_oversize)
{
    /* a PDU longer than the buffer: its captured start is handed over, the rest passed
     * over by sequence number, and the PDU after it is found again */
    size_t big = VS_MAX_STREAM_BUF + 64;
    pdu(data, big, 8);
    pdu(data + big, 20, 9);
    feed(tbl, 7, 0, 1, data, 1000, vs_diameter_need, &got);
    ck_assert(got.lost);
    ck_assert_uint_eq(got.n, 1000);
    feed(tbl, 7, 1000, 1, data + 1000, 20000, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0);
    feed(tbl, 7, 21000, 1, data + 21000, big + 20 - 21000, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 20);
    ck_assert_mem_eq(got.b, data + big, 20);
    /* exactly the limit is buffered */
    pdu(data, VS_MAX_STREAM_BUF, 10);
    feed(tbl, 9, 0, 1, data, 3, vs_diameter_need, &got); /* the length is not known yet */
    feed(tbl, 9, 3, 1, data + 3, 1400, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0);
    feed(tbl, 9, 1403, 1, data + 1403, VS_MAX_STREAM_BUF - 1403, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, VS_MAX_STREAM_BUF);
    ck_assert_mem_eq(got.b, data, VS_MAX_STREAM_BUF);
    /* over the limit, learnt only once buffered: passed over as well */
    pdu(data, big, 11);
    pdu(data + big, 20, 12);
    feed(tbl, 10, 0, 1, data, 2, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0);
    feed(tbl, 10, 2, 1, data + 2, 100, vs_diameter_need, &got);
    ck_assert(got.lost);
    feed(tbl, 10, 102, 1, data + 102, big + 20 - 102, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 20);
    ck_assert_mem_eq(got.b, data + big, 20);
}
END_TEST

START_TEST(test_expiry)
{
    pdu(data, 100, 13);
    feed(tbl, 7, 0, 100, data, 50, vs_diameter_need, &got);
    feed(tbl, 7, 50, 100 + VS_STREAM_TTL_SEC + 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert(got.lost);
    ck_assert_uint_eq(got.n, 0);
    /* within the time: completed */
    feed(tbl, 7, 0, 100, data, 50, vs_diameter_need, &got);
    feed(tbl, 7, 50, 100 + VS_STREAM_TTL_SEC, data + 50, 50, vs_diameter_need, &got);
    ck_assert(!got.lost);
    ck_assert_uint_eq(got.n, 100);
}
END_TEST

START_TEST(test_slot_takeover)
{
    /* keys 1 and 1 + VS_STREAM_SLOTS share a slot: the newer flow takes it */
    const uint64_t other = 1 + VS_STREAM_SLOTS;
    pdu(data, 100, 14);
    feed(tbl, 1, 0, 1, data, 50, vs_diameter_need, &got);
    feed(tbl, other, 0, 1, data, 50, vs_diameter_need, &got);
    feed(tbl, 1, 50, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0); /* its start is gone */
    feed(tbl, other, 50, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 100);
    struct vs_stream_stats st;
    vs_stream_get_stats(tbl, &st);
    ck_assert_uint_eq(st.evictions, 1);
    /* a flow in another slot is untouched by both */
    feed(tbl, 2, 0, 1, data, 50, vs_diameter_need, &got);
    feed(tbl, 3, 0, 1, data, 100, vs_diameter_need, &got);
    feed(tbl, 2, 50, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 100);
}
END_TEST

START_TEST(test_slot_limit)
{
    /* twice VS_STREAM_SLOTS flows waiting at once: the table holds VS_STREAM_SLOTS of them,
     * the newest, and never more */
    pdu(data, 100, 18);
    for (uint64_t k = 1; k <= 2 * VS_STREAM_SLOTS; k++)
        feed(tbl, k, 0, 1, data, 50, vs_diameter_need, &got);
    struct vs_stream_stats st;
    vs_stream_get_stats(tbl, &st);
    ck_assert_uint_eq(st.stored, 2 * VS_STREAM_SLOTS);
    ck_assert_uint_eq(st.evictions, VS_STREAM_SLOTS);
    size_t done = 0;
    for (uint64_t k = 1; k <= 2 * VS_STREAM_SLOTS; k++) {
        feed(tbl, k, 50, 1, data + 50, 50, vs_diameter_need, &got);
        done += got.n == 100;
        ck_assert_uint_eq(got.n, k > VS_STREAM_SLOTS ? 100 : 0);
    }
    ck_assert_uint_eq(done, VS_STREAM_SLOTS);
}
END_TEST

START_TEST(test_empty_and_drop)
{
    pdu(data, 100, 15);
    feed(tbl, 7, 0, 1, data, 50, vs_diameter_need, &got);
    feed(tbl, 7, 50, 1, data, 0, vs_diameter_need, &got); /* a bare ACK */
    feed(tbl, 7, 12345, 1, data, 0, vs_diameter_need, &got);
    ck_assert(!got.lost);
    feed(tbl, 7, 50, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 100);
    feed(tbl, 7, 0, 1, data, 50, vs_diameter_need, &got);
    vs_stream_drop(tbl, 7);
    feed(tbl, 7, 50, 1, data + 50, 50, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 0);
}
END_TEST

START_TEST(test_end_without_next)
{
    /* the caller may stop early: the rest is dropped as if handed over, the unfinished
     * PDU still kept */
    size_t n = pdu(data, 20, 16);
    pdu(data + n, 40, 17);
    struct vs_stream_iter it;
    vs_stream_feed(tbl, 7, 0, 1, vs_cur_make(data, 30), vs_diameter_need, &it);
    vs_stream_end(&it);
    feed(tbl, 7, 30, 1, data + 30, 30, vs_diameter_need, &got);
    ck_assert_uint_eq(got.n, 40);
    ck_assert_mem_eq(got.b, data + 20, 40);
}
END_TEST

START_TEST(test_tls_records)
{
    /* ServerHello record then a Certificate record split over three segments */
    uint8_t *p = data;
    size_t lens[2] = {90, 3000};
    size_t n = 0;
    for (int r = 0; r < 2; r++) {
        p[n] = 22;
        p[n + 1] = 3;
        p[n + 2] = 3;
        p[n + 3] = (uint8_t)(lens[r] >> 8);
        p[n + 4] = (uint8_t)lens[r];
        memset(p + n + 5, 0x40 + r, lens[r]);
        n += 5 + lens[r];
    }
    feed(tbl, 42, 7, 1, data, 1460, tls_need, &got);
    ck_assert_uint_eq(got.n, 95);
    feed(tbl, 42, 7 + 1460, 1, data + 1460, 1460, tls_need, &got);
    ck_assert_uint_eq(got.n, 0);
    feed(tbl, 42, 7 + 2920, 1, data + 2920, n - 2920, tls_need, &got);
    ck_assert_uint_eq(got.n, 3005);
    ck_assert_mem_eq(got.b, data + 95, 3005);
    ck_assert(!got.lost);
}
END_TEST

START_TEST(test_key)
{
    struct vs_pkt a, b;
    tu_pkt_init(&a);
    a.src_ip.family = a.dst_ip.family = 4;
    a.src_ip.a[3] = 1;
    a.dst_ip.a[3] = 2;
    a.ip_proto = 6;
    a.sport = 3868;
    a.dport = 40000;
    b = a;
    b.src_ip = a.dst_ip;
    b.dst_ip = a.src_ip;
    b.sport = a.dport;
    b.dport = a.sport;
    ck_assert(vs_stream_key(&a) != vs_stream_key(&b)); /* one key per direction */
    ck_assert(vs_stream_key(&a) != 0);
    b = a;
    ck_assert(vs_stream_key(&a) == vs_stream_key(&b));
    b.ip_proto = 132;
    ck_assert(vs_stream_key(&a) != vs_stream_key(&b));
}
END_TEST

static Suite *stream_suite(void)
{
    Suite *s = suite_create("stream");
    TCase *tc = tcase_create("reassembly");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_whole_pdus_no_copy);
    tcase_add_test(tc, test_split_pdu);
    tcase_add_test(tc, test_every_split);
    tcase_add_test(tc, test_gap_resets);
    tcase_add_test(tc, test_garbage);
    tcase_add_test(tc, test_oversize);
    tcase_add_test(tc, test_expiry);
    tcase_add_test(tc, test_slot_takeover);
    tcase_add_test(tc, test_slot_limit);
    tcase_add_test(tc, test_empty_and_drop);
    tcase_add_test(tc, test_end_without_next);
    tcase_add_test(tc, test_tls_records);
    tcase_add_test(tc, test_key);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(stream_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
