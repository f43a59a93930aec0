/* SPDX-License-Identifier: BSD-2-Clause */
/* check_pfcp.c - PFCP decoder tests (UDP 8805, TS 29.244): node messages with Node IDs of
 * each kind, vendor-specific IEs, session messages, FO chains, hostile FQDN labels,
 * truncation and oversized lengths, all built byte by byte from the spec. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static enum vs_decode_status decode(const uint8_t *buf, size_t n)
{
    return tu_decode_into(vs_pfcp_dissect, buf, n, &col);
}

#define F_ENT VS_F_PFCP_ENTERPRISE_IE
#define F_NODE VS_F_PFCP_NODE_ID

/* clang-format off */
/* Association Setup Request from a Huawei UPF: Node ID FQDN, Recovery Time Stamp, UP
 * Function Features and a vendor-specific IE of enterprise 2011 (0x07db). */
static const uint8_t assoc_req[] = {
    0x20, 0x05, 0x00, 0x36,             /* v1, S=0; type 5; length 54 */
    0x00, 0x00, 0x01, 0x00,             /* sequence 1, spare */
    /* Node ID (60), len 22: type 2 FQDN "upf01.huawei.example" */
    0x00, 0x3c, 0x00, 0x16, 0x02,
    0x05, 'u', 'p', 'f', '0', '1', 0x06, 'h', 'u', 'a', 'w', 'e', 'i',
    0x07, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
    /* Recovery Time Stamp (96), len 4 */
    0x00, 0x60, 0x00, 0x04, 0xe9, 0x8b, 0x7a, 0x00,
    /* UP Function Features (43), len 2 */
    0x00, 0x2b, 0x00, 0x02, 0x00, 0x10,
    /* vendor-specific IE 32769, len 6: enterprise 2011, 4 bytes of value */
    0x80, 0x01, 0x00, 0x06, 0x07, 0xdb, 0xde, 0xad, 0xbe, 0xef,
};

/* Association Setup Response: Node ID IPv4 10.0.0.2, Cause (19) 1. */
static const uint8_t assoc_resp[] = {
    0x20, 0x06, 0x00, 0x12, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x3c, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x00, 0x02,
    0x00, 0x13, 0x00, 0x01, 0x01,
};

/* Session Establishment Request (50, S=1): its Node ID is not taken, its vendor IE is. */
static const uint8_t sess_req[] = {
    0x21, 0x32, 0x00, 0x1b,             /* v1, S=1; type 50; length 27 */
    0, 0, 0, 0, 0, 0, 0, 0,             /* SEID */
    0x00, 0x00, 0x02, 0x00,             /* sequence 2 */
    0x00, 0x3c, 0x00, 0x05, 0x00, 0xc0, 0x00, 0x02, 0x01, /* Node ID 192.0.2.1 */
    0x80, 0x10, 0x00, 0x02, 0x0f, 0x3e, /* vendor IE 32784: enterprise 3902, no value */
};
/* clang-format on */

START_TEST(test_assoc_request)
{
    ck_assert_int_eq(decode(assoc_req, sizeof assoc_req), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, F_NODE, "upf01.huawei.example");
    ck_assert(!tu_find(&col, F_NODE)->has_ip);
    TU_EXPECT(&col, F_ENT, "2011");
    ck_assert_uint_eq(tu_find(&col, F_ENT)->num, 2011);
    tu_check_prefixes(vs_pfcp_dissect, assoc_req, sizeof assoc_req);
    struct vs_cur c = vs_cur_make(assoc_req, sizeof assoc_req);
    ck_assert(vs_pfcp_candidate(&c));
}
END_TEST

START_TEST(test_assoc_response_ipv4)
{
    ck_assert_int_eq(decode(assoc_resp, sizeof assoc_resp), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_NODE, "10.0.0.2");
    const struct tu_ev *e = tu_find(&col, F_NODE);
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 4);
    ck_assert_mem_eq(e->ip.a, "\x0a\x00\x00\x02", 4);
}
END_TEST

START_TEST(test_node_id_ipv6)
{
    static const uint8_t b[] = {
        0x20, 0x01, 0x00, 0x19, 0x00, 0x00, 0x03, 0x00, /* Heartbeat Request, length 25 */
        0x00, 0x3c, 0x00, 0x11, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05,
    };
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    TU_EXPECT(&col, F_NODE, "2001:db8::5");
    ck_assert_uint_eq(tu_find(&col, F_NODE)->ip.family, 6);
}
END_TEST

START_TEST(test_session_message)
{
    ck_assert_int_eq(decode(sess_req, sizeof sess_req), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_ENT, "3902");
    ck_assert_uint_eq(tu_count(&col, F_NODE), 0);
}
END_TEST

START_TEST(test_follow_on)
{
    /* FO set on the response: the session request after it is walked as well. */
    struct tu_fb fb = {.n = 0};
    tu_fb_raw(&fb, assoc_resp, sizeof assoc_resp);
    tu_fb_raw(&fb, sess_req, sizeof sess_req);
    fb.b[0] = 0x24;
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_OK);
    TU_EXPECT(&col, F_NODE, "10.0.0.2");
    TU_EXPECT(&col, F_ENT, "3902");
    fb.b[0] = 0x20;
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, F_ENT), 0);
}
END_TEST

START_TEST(test_fqdn_hostile)
{
    /* Labels with control bytes come out as they are (sinks escape them); a label running
     * past the IE is malformed and yields nothing. */
    static const uint8_t esc[] = {
        0x20, 0x05, 0x00, 0x12, 0x00, 0x00, 0x01, 0x00, 0x00, 0x3c, 0x00,
        0x0a, 0x02, 0x05, 0x1b, '[',  '3',  '1',  'm',  0x02, 'x',  'y',
    };
    ck_assert_int_eq(decode(esc, sizeof esc), VS_DECODE_OK);
    TU_EXPECT(&col, F_NODE, "\x1b[31m.xy");
    uint8_t b[sizeof esc];
    memcpy(b, esc, sizeof b);
    b[19] = 0x09; /* the second label claims 9 bytes, 2 remain */
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* A label over 63 bytes: malformed. */
    memcpy(b, esc, sizeof b);
    b[13] = 0x40;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_MALFORMED);
    /* The root label ends the name: what follows is ignored. */
    memcpy(b, esc, sizeof b);
    b[19] = 0x00;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_OK);
    TU_EXPECT(&col, F_NODE, "\x1b[31m");
    /* Node ID type 3 (spare): malformed. */
    memcpy(b, esc, sizeof b);
    b[12] = 0x03;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_fqdn_long)
{
    /* Five 63-byte labels (320 bytes of name): over 255 octets, refused. */
    struct tu_fb fb = {.n = 0};
    const uint8_t h[] = {0x20, 0x05, 0x00, 0x00, 0x00, 0x00, 0x01,
                         0x00, 0x00, 0x3c, 0x01, 0x41, 0x02};
    tu_fb_raw(&fb, h, sizeof h);
    for (int i = 0; i < 5; i++) {
        uint8_t label[64];
        label[0] = 63;
        memset(label + 1, 'a', 63);
        tu_fb_raw(&fb, label, sizeof label);
    }
    size_t len = fb.n - 4;
    fb.b[2] = (uint8_t)(len >> 8);
    fb.b[3] = (uint8_t)len;
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Three labels (191 bytes) fit. */
    fb.n -= 2 * 64;
    fb.b[10] = 0x00;
    fb.b[11] = 3 * 64 + 1;
    len = fb.n - 4;
    fb.b[2] = (uint8_t)(len >> 8);
    fb.b[3] = (uint8_t)len;
    ck_assert_int_eq(decode(fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_eq(col.ev[0].len, 3 * 63 + 2);
}
END_TEST

START_TEST(test_lengths)
{
    uint8_t b[sizeof assoc_req];
    /* Message length past the datagram: truncated; IEs inside still count. */
    memcpy(b, assoc_req, sizeof b);
    b[2] = 0x10;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, F_NODE, "upf01.huawei.example");
    TU_EXPECT(&col, F_ENT, "2011");
    /* Last IE's length past the message: truncated, the Node ID still counts. */
    memcpy(b, assoc_req, sizeof b);
    b[sizeof b - 8] = 0x40;
    ck_assert_int_eq(decode(b, sizeof b), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_NODE, "upf01.huawei.example");
    /* A vendor IE too short for its enterprise: malformed, nothing from it. */
    memcpy(b, assoc_req, sizeof b);
    b[sizeof b - 7] = 0x01;
    b[3] = (uint8_t)(b[3] - 5);
    ck_assert_int_eq(decode(b, sizeof b - 5), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(tu_count(&col, F_ENT), 0);
    /* Message length below the header; another version: malformed. */
    static const uint8_t shorty[] = {0x21, 0x05, 0x00, 0x04, 0, 0, 0, 0};
    ck_assert_int_eq(decode(shorty, sizeof shorty), VS_DECODE_MALFORMED);
    static const uint8_t v2[] = {0x40, 0x05, 0x00, 0x04, 0, 0, 1, 0};
    ck_assert_int_eq(decode(v2, sizeof v2), VS_DECODE_MALFORMED);
    struct vs_cur c = vs_cur_make(v2, sizeof v2);
    ck_assert(!vs_pfcp_candidate(&c));
    ck_assert_int_eq(decode(v2, 3), VS_DECODE_TRUNCATED);
    /* An IPv4 Node ID with 3 address bytes: malformed. */
    static const uint8_t ip3[] = {0x20, 0x05, 0x00, 0x0c, 0,    0,  1, 0,
                                  0x00, 0x3c, 0x00, 0x04, 0x00, 10, 0, 0};
    ck_assert_int_eq(decode(ip3, sizeof ip3), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_ie_limit)
{
    struct tu_fb fb = {.n = 0};
    const uint8_t h[] = {0x20, 0x01, 0x00, 0x00, 0, 0, 1, 0};
    tu_fb_raw(&fb, h, sizeof h);
    for (int i = 0; i < 600; i++) {
        const uint8_t ie[] = {0x00, 0x60, 0x00, 0x00};
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
    uint8_t buf[2048];
    size_t n = read_seed("pfcp", "mobile_core-06", buf, sizeof buf);
    ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, F_NODE, "smf01.5gc.mnc001.mcc001.3gppnetwork.org");
    n = read_seed("pfcp", "mobile_core-07", buf, sizeof buf);
    ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, F_NODE, "upf-hw-01.5gc.mnc001.mcc001.3gppnetwork.org");
    TU_EXPECT(&col, F_ENT, "2011");
    for (int i = 8; i <= 9; i++) {
        char name[32];
        snprintf(name, sizeof name, "mobile_core-%02d", i);
        n = read_seed("pfcp", name, buf, sizeof buf);
        ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
        ck_assert_uint_eq(col.n, 0);
    }
}
END_TEST

static Suite *pfcp_suite(void)
{
    Suite *s = suite_create("pfcp");
    TCase *tc = tcase_create("pfcp");
    tcase_add_test(tc, test_assoc_request);
    tcase_add_test(tc, test_assoc_response_ipv4);
    tcase_add_test(tc, test_node_id_ipv6);
    tcase_add_test(tc, test_session_message);
    tcase_add_test(tc, test_follow_on);
    tcase_add_test(tc, test_fqdn_hostile);
    tcase_add_test(tc, test_fqdn_long);
    tcase_add_test(tc, test_lengths);
    tcase_add_test(tc, test_ie_limit);
    tcase_add_test(tc, test_capture_payloads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pfcp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
