/* SPDX-License-Identifier: BSD-2-Clause */
/* check_gtp.c - GTP-C decoder tests (UDP 2123): GTPv2-C (TS 29.274) and GTPv1-C (TS 29.060)
 * messages built byte by byte from the specs, with Private Extensions; piggybacked messages,
 * grouped IEs, TV IEs of unknown type, truncation and oversized lengths. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static enum vs_decode_status decode(const uint8_t *buf, size_t n)
{
    return tu_decode_into(vs_gtp_dissect, buf, n, &col);
}

#define F_ENT VS_F_GTP_PRIVATE_EXTENSION_ENTERPRISE

/* clang-format off */
/* GTPv2-C Create Session Request from a ZTE PGW (enterprise 3902 = 0x0f3e). */
static const uint8_t v2_csr[] = {
    0x48, 0x20, 0x00, 0x34,             /* v2, T=1; type 32; length 52 */
    0x00, 0x00, 0x00, 0x00,             /* TEID 0 */
    0x00, 0x00, 0x01, 0x00,             /* sequence 1, spare */
    /* IMSI (1), len 8 */
    0x01, 0x00, 0x08, 0x00, 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0xf5,
    /* Recovery (3), len 1 */
    0x03, 0x00, 0x01, 0x00, 0x07,
    /* Bearer Context (93), len 13: EBI (73) 5, Private Extension 3902 */
    0x5d, 0x00, 0x0d, 0x00,
    0x49, 0x00, 0x01, 0x00, 0x05,
    0xff, 0x00, 0x04, 0x00, 0x0f, 0x3e, 0x01, 0x02,
    /* Private Extension (255), len 6: enterprise 3902, value "ABCD" */
    0xff, 0x00, 0x06, 0x00, 0x0f, 0x3e, 0x41, 0x42, 0x43, 0x44,
};

/* GTPv2-C Create Session Response from a Huawei SGW (2011 = 0x07db), P flag set, with a
 * piggybacked Create Bearer Request carrying a ZTE (3902) Private Extension. */
static const uint8_t v2_piggy[] = {
    0x58, 0x21, 0x00, 0x16,             /* v2, P=1, T=1; type 33; length 22 */
    0x00, 0x00, 0x12, 0x34,             /* TEID */
    0x00, 0x00, 0x01, 0x00,             /* sequence 1 */
    0x02, 0x00, 0x02, 0x00, 0x10, 0x00, /* Cause (2) 16 "Request accepted" */
    0xff, 0x00, 0x04, 0x00, 0x07, 0xdb, 0x00, 0x01, /* Private Extension 2011 */
    0x48, 0x5f, 0x00, 0x0f,             /* v2, T=1; type 95; length 15 */
    0x00, 0x00, 0x12, 0x34,
    0x00, 0x00, 0x02, 0x00,
    0xff, 0x00, 0x03, 0x00, 0x0f, 0x3e, 0x09, /* Private Extension 3902 */
};

/* GTPv2-C Echo Request (no TEID): Recovery only. */
static const uint8_t v2_echo[] = {
    0x40, 0x01, 0x00, 0x09, 0x00, 0x00, 0x07, 0x00,
    0x03, 0x00, 0x01, 0x00, 0x11,
};

/* GTPv1-C Create PDP Context Request with a Private Extension from enterprise 3902. */
static const uint8_t v1_cpdp[] = {
    0x32, 0x10, 0x00, 0x3d,             /* v1, PT=1, S=1; type 16; length 61 */
    0x00, 0x00, 0x00, 0x00,             /* TEID 0 */
    0x00, 0x2a, 0x00, 0x00,             /* sequence 42, N-PDU 0, no extension */
    0x02, 0x21, 0x43, 0x65, 0x87, 0x09, 0x21, 0x43, 0xf5, /* IMSI (TV 8) */
    0x0e, 0x05,                         /* Recovery (TV 1) */
    0x0f, 0x01,                         /* Selection Mode (TV 1) */
    0x10, 0x00, 0x00, 0x00, 0x01,       /* TEID Data I (TV 4) */
    0x11, 0x00, 0x00, 0x00, 0x02,       /* TEID Control Plane (TV 4) */
    0x14, 0x05,                         /* NSAPI (TV 1) */
    0x80, 0x00, 0x02, 0xf1, 0x21,       /* End User Address (TLV) */
    0x83, 0x00, 0x09, 0x08, 'i', 'n', 't', 'e', 'r', 'n', 'e', 't', /* APN */
    0x85, 0x00, 0x04, 0x0a, 0x00, 0x00, 0x01, /* GSN Address */
    0xff, 0x00, 0x05, 0x0f, 0x3e, 'Z', 'T', 'E', /* Private Extension 3902 */
};
/* clang-format on */

START_TEST(test_v2_create_session_request)
{
    ck_assert_int_eq(decode(v2_csr, sizeof v2_csr), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1); /* the same enterprise twice is one item */
    TU_EXPECT(&col, F_ENT, "3902");
    ck_assert_uint_eq(tu_find(&col, F_ENT)->num, 3902);
    ck_assert(!tu_find(&col, F_ENT)->has_ip);
}
END_TEST

START_TEST(test_v2_grouped_only)
{
    uint8_t b[sizeof v2_csr];
    memcpy(b, v2_csr, sizeof b);
    /* The top-level Private Extension becomes enterprise 2011: both are reported. */
    b[sizeof b - 6] = 0x07;
    b[sizeof b - 5] = 0xdb;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, F_ENT, "3902");
    TU_EXPECT(&col, F_ENT, "2011");
}
END_TEST

START_TEST(test_v2_piggybacked)
{
    ck_assert_int_eq(decode(v2_piggy, sizeof v2_piggy), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, F_ENT, "2011");
    TU_EXPECT(&col, F_ENT, "3902");
    /* Without the P flag the bytes after the first message are not walked. */
    uint8_t b[sizeof v2_piggy];
    memcpy(b, v2_piggy, sizeof b);
    b[0] = 0x48;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_ENT, "2011");
}
END_TEST

START_TEST(test_v2_echo_nothing)
{
    ck_assert_int_eq(decode(v2_echo, sizeof v2_echo), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_v2_lengths)
{
    uint8_t b[sizeof v2_csr];
    /* Message length past the datagram: truncated, but the IEs inside still count. */
    memcpy(b, v2_csr, sizeof b);
    b[2] = 0xff;
    b[3] = 0xff;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, F_ENT, "3902");
    /* Message length shorter than its own header: malformed. */
    memcpy(b, v2_csr, sizeof b);
    b[2] = 0x00;
    b[3] = 0x07;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* The last IE's length runs past the message: truncated; the grouped one still counts. */
    memcpy(b, v2_csr, sizeof b);
    b[sizeof b - 9] = 0x40;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 1);
    /* A Private Extension too short for its enterprise ID: malformed, nothing from it. */
    static const uint8_t short_pe[] = {0x40, 0x20, 0x00, 0x09, 0,    0,   1,
                                       0,    0xff, 0x00, 0x01, 0x00, 0x0f};
    ck_assert_int_eq(decode(short_pe, sizeof short_pe), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Version 3 and GTPv0 are not GTP-C v1/v2. */
    static const uint8_t v3[] = {0x68, 0x20, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 1, 0};
    ck_assert_int_eq(decode(v3, sizeof v3), VS_DECODE_MALFORMED);
    ck_assert_int_eq(decode(v3, 0), VS_DECODE_TRUNCATED);
}
END_TEST

START_TEST(test_v2_piggy_chain_bounded)
{
    /* Eight messages, each with the P flag and its own enterprise: only the first four are
     * walked, whatever the chain says. */
    struct tu_fb fb = {.n = 0};
    for (uint8_t i = 0; i < 8; i++) {
        const uint8_t m[] = {0x50, 0x20, 0x00, 0x0c, 0,    0,    i,
                             0,    0xff, 0x00, 0x04, 0x00, 0x00, (uint8_t)(100 + i),
                             0x00, 0x00};
        tu_fb_raw(&fb, m, sizeof m);
    }
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 4);
    TU_EXPECT(&col, F_ENT, "100");
    TU_EXPECT(&col, F_ENT, "103");
    ck_assert(!tu_has(&col, F_ENT, "104"));
}
END_TEST

START_TEST(test_v2_prefixes)
{
    tu_check_prefixes(vs_gtp_dissect, v2_csr, sizeof v2_csr);
    tu_check_prefixes(vs_gtp_dissect, v2_piggy, sizeof v2_piggy);
}
END_TEST

START_TEST(test_v1_create_pdp)
{
    ck_assert_int_eq(decode(v1_cpdp, sizeof v1_cpdp), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_ENT, "3902");
    ck_assert_uint_eq(tu_find(&col, F_ENT)->num, 3902);
    tu_check_prefixes(vs_gtp_dissect, v1_cpdp, sizeof v1_cpdp);
}
END_TEST

START_TEST(test_v1_unknown_tv)
{
    /* A reserved TV type (30) before the Private Extension: the walk stops cleanly. */
    uint8_t b[sizeof v1_cpdp];
    memcpy(b, v1_cpdp, sizeof b);
    b[21] = 0x1e; /* was Recovery (14) */
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* After the Private Extension it costs nothing: the enterprise is already out. */
    struct tu_fb fb = {.n = 0};
    tu_fb_raw(&fb, v1_cpdp, sizeof v1_cpdp);
    const uint8_t tail[] = {0x1e, 0x01};
    tu_fb_raw(&fb, tail, sizeof tail);
    fb.b[3] = (uint8_t)(fb.b[3] + 2);
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_OK);
    TU_EXPECT(&col, F_ENT, "3902");
}
END_TEST

START_TEST(test_v1_extension_headers)
{
    /* E and S set: next extension type 0xc0 (PDCP PDU number), one 4-octet extension, then
     * a Private Extension from enterprise 2011. */
    static const uint8_t b[] = {
        0x36, 0x10, 0x00, 0x0f, 0,    0,    0,    0, /* v1, PT, E, S; length 15 */
        0x00, 0x01, 0x00, 0xc0,                      /* sequence, N-PDU, next 0xc0 */
        0x01, 0x12, 0x34, 0x00,                      /* one unit; content; next 0 */
        0xff, 0x00, 0x04, 0x07, 0xdb, 0x00, 0x00,
    };
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    TU_EXPECT(&col, F_ENT, "2011");
    /* An extension header of length 0 cannot end: malformed. */
    uint8_t m[sizeof b];
    memcpy(m, b, sizeof m);
    m[12] = 0x00;
    ck_assert_int_eq(decode(m, sizeof m), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_v1_not_control)
{
    /* T-PDU (255) and GTP' (PT 0) carry nothing for this decoder. */
    static const uint8_t tpdu[] = {0x30, 0xff, 0x00, 0x07, 0,    0,    0,   1,
                                   0xff, 0x00, 0x04, 0x07, 0xdb, 0x00, 0x00};
    ck_assert_int_eq(decode(tpdu, sizeof tpdu), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    struct vs_cur c = vs_cur_make(tpdu, sizeof tpdu);
    ck_assert(!vs_gtp_candidate(&c));
    uint8_t prime[sizeof v1_cpdp];
    memcpy(prime, v1_cpdp, sizeof prime);
    prime[0] = 0x22;
    ck_assert_int_eq(decode(prime, sizeof prime), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    c = vs_cur_make(v1_cpdp, sizeof v1_cpdp);
    ck_assert(vs_gtp_candidate(&c));
    c = vs_cur_make(v2_csr, sizeof v2_csr);
    ck_assert(vs_gtp_candidate(&c));
}
END_TEST

START_TEST(test_v1_lengths)
{
    uint8_t b[sizeof v1_cpdp];
    /* Length past the datagram: truncated, the Private Extension inside still counts. */
    memcpy(b, v1_cpdp, sizeof b);
    b[2] = 0x7f;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, F_ENT, "3902");
    /* The Private Extension's length past the message: truncated, nothing from it. */
    memcpy(b, v1_cpdp, sizeof b);
    b[sizeof b - 6] = 0x20;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* Length 2 with S set: the optional fields do not fit the message. */
    static const uint8_t tiny[] = {0x32, 0x01, 0x00, 0x02, 0, 0, 0, 0, 0, 1};
    ck_assert_int_eq(decode(tiny, sizeof tiny), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_tlv_limit)
{
    /* 600 empty GTPv2 IEs: the walk gives up at the TLV bound. */
    struct tu_fb fb = {.n = 0};
    const uint8_t h[] = {0x40, 0x20, 0x00, 0x00, 0, 0, 1, 0};
    tu_fb_raw(&fb, h, sizeof h);
    for (int i = 0; i < 600; i++) {
        const uint8_t ie[] = {0x03, 0x00, 0x00, 0x00};
        tu_fb_raw(&fb, ie, sizeof ie);
    }
    size_t len = fb.n - 4;
    fb.b[2] = (uint8_t)(len >> 8);
    fb.b[3] = (uint8_t)len;
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_MALFORMED);
}
END_TEST

/* The UDP payloads of the generated capture (tests/gen/mktelecom.py writes them as fuzz seeds
 * too): what the decoder makes of each is asserted here, so the capture and the decoder
 * cannot drift apart. */
static size_t read_seed(const char *corpus, const char *name, uint8_t *buf, size_t cap)
{
    char rel[128];
    snprintf(rel, sizeof rel, "tests/fuzz/corpus/%s/%s", corpus, name);
    FILE *f = fopen(tu_src_path(rel), "rb");
    ck_assert_msg(f != NULL, "cannot open %s", rel);
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

START_TEST(test_capture_payloads)
{
    static const char *const want[] = {"2011", "3902", NULL, NULL, "2011", "3902"};
    uint8_t buf[2048];
    for (size_t i = 0; i < 6; i++) {
        char name[32];
        snprintf(name, sizeof name, "mobile_core-%02zu", i);
        size_t n = read_seed("gtp", name, buf, sizeof buf);
        ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
        ck_assert_uint_eq(col.n, want[i] ? 1 : 0);
        if (want[i])
            TU_EXPECT(&col, F_ENT, want[i]);
    }
}
END_TEST

static Suite *gtp_suite(void)
{
    Suite *s = suite_create("gtp");
    TCase *tc = tcase_create("v2");
    tcase_add_test(tc, test_v2_create_session_request);
    tcase_add_test(tc, test_v2_grouped_only);
    tcase_add_test(tc, test_v2_piggybacked);
    tcase_add_test(tc, test_v2_echo_nothing);
    tcase_add_test(tc, test_v2_lengths);
    tcase_add_test(tc, test_v2_piggy_chain_bounded);
    tcase_add_test(tc, test_v2_prefixes);
    suite_add_tcase(s, tc);
    tc = tcase_create("v1");
    tcase_add_test(tc, test_v1_create_pdp);
    tcase_add_test(tc, test_v1_unknown_tv);
    tcase_add_test(tc, test_v1_extension_headers);
    tcase_add_test(tc, test_v1_not_control);
    tcase_add_test(tc, test_v1_lengths);
    tcase_add_test(tc, test_tlv_limit);
    tcase_add_test(tc, test_capture_payloads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gtp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
