/* SPDX-License-Identifier: BSD-2-Clause */
/* check_radius.c - RADIUS decoder tests (RFC 2865/2866/5176): packets built attribute by
 * attribute; evidence from NAS-sent packets only, nothing from the server's replies even
 * when they carry the NAS vendor's VSAs, never a user name or password; lengths, padding,
 * truncation and hostile strings. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

static enum vs_decode_status decode(const uint8_t *buf, size_t n)
{
    return tu_decode_into(vs_radius_dissect, buf, n, &col);
}

/* ---- a packet builder ----------------------------------------------------------------- */

static struct tu_fb pkt;

static void rad_begin(uint8_t code)
{
    pkt.n = 0;
    const uint8_t h[4] = {code, 0x42, 0, 0};
    tu_fb_raw(&pkt, h, sizeof h);
    static const uint8_t auth[16] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                     0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x01};
    tu_fb_raw(&pkt, auth, sizeof auth);
}

static void rad_attr(uint8_t type, const void *v, size_t n)
{
    const uint8_t h[2] = {type, (uint8_t)(n + 2)};
    tu_fb_raw(&pkt, h, 2);
    tu_fb_raw(&pkt, v, n);
}

static void rad_str(uint8_t type, const char *s)
{
    rad_attr(type, s, strlen(s));
}

/* Vendor-Specific with one RFC 2865 §5.26 sub-attribute. */
static void rad_vsa_n(uint32_t ent, uint8_t sub, const char *s, size_t n)
{
    uint8_t v[255];
    v[0] = (uint8_t)(ent >> 24);
    v[1] = (uint8_t)(ent >> 16);
    v[2] = (uint8_t)(ent >> 8);
    v[3] = (uint8_t)ent;
    v[4] = sub;
    v[5] = (uint8_t)(n + 2);
    memcpy(v + 6, s, n);
    rad_attr(26, v, n + 6);
}

static void rad_vsa(uint32_t ent, uint8_t sub, const char *s)
{
    rad_vsa_n(ent, sub, s, strlen(s));
}

static void rad_end(void)
{
    pkt.b[2] = (uint8_t)(pkt.n >> 8);
    pkt.b[3] = (uint8_t)pkt.n;
}

#define USER "alice@isp.example"
#define PASSWORD "S3cr3t-Passw0rd!" /* 16 bytes, as if the hidden form were readable */

static void huawei_attrs(void)
{
    rad_str(1, USER);
    rad_str(2, PASSWORD);
    rad_attr(4, "\x0a\xff\x00\x01", 4);
    rad_str(32, "BRAS-HW-01");
    rad_vsa(2011, 255, "ME60-X16");
    rad_vsa(2011, 254, "VRP 8.180 V800R012C10SPC300");
    rad_vsa(2011, 138, "isp.example");
    rad_vsa(2011, 153, "00:11:22:33:44:55");
    rad_attr(80, "\xde\xad\xbe\xef\xde\xad\xbe\xef\xde\xad\xbe\xef\xde\xad\xbe\xef", 16);
}

static void assert_no_credentials(void)
{
    for (size_t i = 0; i < col.n; i++) {
        ck_assert_msg(!strstr(col.ev[i].value, "alice"), "user name leaked: %s", col.ev[i].value);
        ck_assert_msg(!strstr(col.ev[i].value, "S3cr3t"), "password leaked: %s", col.ev[i].value);
        ck_assert_msg(!strstr(col.ev[i].value, "00:11:22"), "subscriber MAC: %s", col.ev[i].value);
    }
}

START_TEST(test_access_request_huawei)
{
    rad_begin(1);
    huawei_attrs();
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 5);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "2011");
    ck_assert_uint_eq(tu_count(&col, VS_F_RADIUS_VENDOR_SPECIFIC), 1);
    ck_assert_uint_eq(tu_find(&col, VS_F_RADIUS_VENDOR_SPECIFIC)->num, 2011);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:255=ME60-X16");
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:254=VRP 8.180 V800R012C10SPC300");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BRAS-HW-01");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IP_ADDRESS, "10.255.0.1");
    const struct tu_ev *e = tu_find(&col, VS_F_RADIUS_NAS_IP_ADDRESS);
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 4);
    ck_assert_mem_eq(e->ip.a, "\x0a\xff\x00\x01", 4);
    assert_no_credentials();
    struct vs_cur c = vs_cur_make(pkt.b, pkt.n);
    ck_assert(vs_radius_candidate(&c));
    tu_check_prefixes(vs_radius_dissect, pkt.b, pkt.n);
}
END_TEST

START_TEST(test_server_replies_nothing)
{
    /* Access-Accept/Reject/Challenge, Accounting-Response, Disconnect- and CoA-Request come
     * from the AAA server: the NAS vendor's VSAs in them say nothing about their sender. */
    static const uint8_t codes[] = {2, 3, 11, 5, 40, 43};
    for (size_t i = 0; i < sizeof codes; i++) {
        rad_begin(codes[i]);
        huawei_attrs();
        rad_end();
        ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
        ck_assert_msg(col.n == 0, "code %u yielded %zu items", codes[i], col.n);
        struct vs_cur c = vs_cur_make(pkt.b, pkt.n);
        ck_assert(!vs_radius_candidate(&c));
    }
}
END_TEST

START_TEST(test_accounting_nokia_ipv6)
{
    rad_begin(4);
    rad_str(1, USER);
    rad_attr(40, "\x00\x00\x00\x01", 4); /* Acct-Status-Type Start */
    rad_attr(95, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x07", 16);
    rad_str(32, "BNG-ALU-7750");
    rad_vsa(6527, 27, "00:11:22:33:44:55"); /* Alc-Client-Hardware-Addr: the subscriber's */
    rad_vsa(6527, 12, "default-sub");       /* Alc-Subsc-Prof-Str */
    rad_vsa(637, 1, "x");                   /* older Alcatel enterprise: a second item */
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 4);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "6527");
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "637");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BNG-ALU-7750");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IP_ADDRESS, "2001:db8::7");
    ck_assert_uint_eq(tu_find(&col, VS_F_RADIUS_NAS_IP_ADDRESS)->ip.family, 6);
    ck_assert_uint_eq(tu_count(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE), 0);
    assert_no_credentials();
}
END_TEST

START_TEST(test_coa_ack_from_nas)
{
    static const uint8_t codes[] = {41, 42, 44, 45};
    for (size_t i = 0; i < sizeof codes; i++) {
        rad_begin(codes[i]);
        rad_str(32, "BRAS-HW-01");
        rad_vsa(2011, 254, "V800R012C10");
        rad_end();
        ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
        TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BRAS-HW-01");
        TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:254=V800R012C10");
    }
}
END_TEST

START_TEST(test_hostile_strings)
{
    rad_begin(1);
    rad_str(32, " \x1b[2J\x1b]0;pwn\x07nas\r\nX-Injected: 1\t ");
    static const char nul[] = "\x1b[31mME60\x00garbage after NUL";
    rad_vsa_n(2011, 255, nul, sizeof nul - 1);
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    /* Trimmed of padding, cut at a NUL; the control bytes go out as they are (sinks escape). */
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "\x1b[2J\x1b]0;pwn\x07nas\r\nX-Injected: 1");
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:255=\x1b[31mME60");
    /* Empty values yield nothing. */
    rad_begin(1);
    rad_str(32, "  ");
    rad_vsa(2011, 255, "");
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1); /* the enterprise alone */
}
END_TEST

START_TEST(test_lengths)
{
    /* Attribute length below 2: malformed; what came before still counts. */
    rad_begin(1);
    rad_str(32, "BRAS-HW-01");
    const uint8_t bad[2] = {4, 1};
    tu_fb_raw(&pkt, bad, 2);
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_MALFORMED);
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BRAS-HW-01");
    /* Attribute past the packet's length in a whole datagram: malformed. */
    rad_begin(1);
    rad_str(32, "BRAS-HW-01");
    const uint8_t over[4] = {4, 6, 10, 0};
    tu_fb_raw(&pkt, over, sizeof over);
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 1);
    /* Length field past the datagram: truncated, attributes inside still count. */
    rad_begin(1);
    huawei_attrs();
    rad_end();
    pkt.b[2] = 0x0f;
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 5);
    /* Bytes past the length field are padding: an attribute there is not read. */
    rad_begin(1);
    rad_str(32, "BRAS-HW-01");
    rad_end();
    rad_str(32, "PADDING-NAS");
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BRAS-HW-01");
    /* Length below the header, over 4096: malformed. */
    rad_begin(1);
    rad_end();
    pkt.b[3] = 19;
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_MALFORMED);
    pkt.b[2] = 0x10;
    pkt.b[3] = 0x01;
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_MALFORMED);
    struct vs_cur c = vs_cur_make(pkt.b, pkt.n);
    ck_assert(!vs_radius_candidate(&c));
    ck_assert_int_eq(decode(pkt.b, 3), VS_DECODE_TRUNCATED);
    /* NAS-IP-Address 0.0.0.0 (an unconfigured NAS) names no one. */
    rad_begin(1);
    rad_attr(4, "\x00\x00\x00\x00", 4);
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A NAS-IP-Address of 3 bytes and a VSA of 3 bytes: nothing, malformed VSA. */
    rad_begin(1);
    rad_attr(4, "\x0a\x00\x00", 3);
    rad_attr(26, "\x00\x00\x07", 3);
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* A bad sub-attribute ends its VSA only: the enterprise is out, the packet is fine. */
    rad_begin(1);
    rad_attr(26, "\x00\x00\x07\xdb\xff\x01", 6);
    rad_str(32, "BRAS-HW-01");
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "2011");
}
END_TEST

START_TEST(test_enterprises_bounded)
{
    /* 60 VSAs of 12 enterprises: each enterprise once while there is room; past that the
     * output stays proportional to the attributes. */
    rad_begin(1);
    for (uint32_t i = 0; i < 60; i++)
        rad_vsa(1000 + i % 12, 1, "v");
    rad_end();
    ck_assert_int_eq(decode(pkt.b, pkt.n), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_RADIUS_VENDOR_SPECIFIC) >= 12, 1);
    ck_assert_uint_le(tu_count(&col, VS_F_RADIUS_VENDOR_SPECIFIC), 60);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "1011");
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
    /* Frames 1-10: NAS, server, NAS, server, NAS, server, NAS, server, server (CoA-Request),
     * NAS (CoA-ACK). */
    static const size_t want[] = {5, 0, 5, 0, 3, 0, 3, 0, 0, 2};
    uint8_t buf[4096];
    for (size_t i = 0; i < 10; i++) {
        char name[32];
        snprintf(name, sizeof name, "bng_radius-%02zu", i);
        size_t n = read_seed("radius", name, buf, sizeof buf);
        ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
        ck_assert_msg(col.n == want[i], "%s: %zu items", name, col.n);
        for (size_t j = 0; j < col.n; j++) {
            ck_assert(!strstr(col.ev[j].value, "subscriber"));
            ck_assert(!strstr(col.ev[j].value, "server-side-text"));
        }
    }
    size_t n = read_seed("radius", "bng_radius-00", buf, sizeof buf);
    ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:255=ME60-X16");
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_ATTRIBUTE, "2011:254=V800R012C10SPC300");
    n = read_seed("radius", "bng_radius-04", buf, sizeof buf);
    ck_assert_int_eq(decode(buf, n), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_RADIUS_VENDOR_SPECIFIC, "6527");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IDENTIFIER, "BNG-NOK-7750-01");
    TU_EXPECT(&col, VS_F_RADIUS_NAS_IP_ADDRESS, "10.60.2.1");
}
END_TEST

static Suite *radius_suite(void)
{
    Suite *s = suite_create("radius");
    TCase *tc = tcase_create("radius");
    tcase_add_test(tc, test_access_request_huawei);
    tcase_add_test(tc, test_server_replies_nothing);
    tcase_add_test(tc, test_accounting_nokia_ipv6);
    tcase_add_test(tc, test_coa_ack_from_nas);
    tcase_add_test(tc, test_hostile_strings);
    tcase_add_test(tc, test_lengths);
    tcase_add_test(tc, test_enterprises_bounded);
    tcase_add_test(tc, test_capture_payloads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(radius_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
