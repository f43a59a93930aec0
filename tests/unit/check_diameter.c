/* SPDX-License-Identifier: BSD-2-Clause */
/* check_diameter.c - unit tests for the Diameter decoder (RFC 6733) over TCP payloads and
 * SCTP chunks (RFC 9260): Capabilities-Exchange Request and Answer, several messages in a
 * buffer, truncation, contradictory lengths, vendors the peer only talks to, hostile
 * strings, DATA chunk PPIDs and fragments. Messages are crafted here from the RFCs; the
 * AVP contents follow what Huawei, ZTE and Ericsson peers send in a CER. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"
#include "vendorsniff/stream.h"

/* ------------------------------------------------------------------ message builder */

struct msg {
    uint8_t b[8192];
    size_t n;
};

static void put8(struct msg *m, uint8_t v)
{
    ck_assert_uint_lt(m->n, sizeof m->b);
    m->b[m->n++] = v;
}

static void put16(struct msg *m, uint16_t v)
{
    put8(m, (uint8_t)(v >> 8));
    put8(m, (uint8_t)v);
}

static void put24(struct msg *m, uint32_t v)
{
    put8(m, (uint8_t)(v >> 16));
    put16(m, (uint16_t)v);
}

static void put32(struct msg *m, uint32_t v)
{
    put16(m, (uint16_t)(v >> 16));
    put16(m, (uint16_t)v);
}

static void putb(struct msg *m, const void *p, size_t n)
{
    ck_assert_uint_le(n, sizeof m->b - m->n);
    memcpy(m->b + m->n, p, n);
    m->n += n;
}

/* Header of a message; its length is set by msg_end. */
static size_t msg_begin(struct msg *m, bool request, uint32_t cmd)
{
    size_t at = m->n;
    put8(m, 1);
    put24(m, 0);
    put8(m, request ? 0x80 : 0x00);
    put24(m, cmd);
    put32(m, 0);          /* application 0: the base protocol */
    put32(m, 0x5c0a1001); /* hop-by-hop */
    put32(m, 0x2f3e0001); /* end-to-end */
    return at;
}

static void msg_end(struct msg *m, size_t at)
{
    size_t len = m->n - at;
    m->b[at + 1] = (uint8_t)(len >> 16);
    m->b[at + 2] = (uint8_t)(len >> 8);
    m->b[at + 3] = (uint8_t)len;
}

/* An AVP with flags M (and V with a vendor), padded to 4 bytes. */
static void avp_v(struct msg *m, uint32_t code, uint32_t vendor, const void *p, size_t n)
{
    put32(m, code);
    put8(m, vendor ? 0xc0 : 0x40);
    put24(m, (uint32_t)(n + (vendor ? 12 : 8)));
    if (vendor)
        put32(m, vendor);
    putb(m, p, n);
    while (m->n % 4)
        put8(m, 0);
}

static void avp(struct msg *m, uint32_t code, const void *p, size_t n)
{
    avp_v(m, code, 0, p, n);
}

static void avp_str(struct msg *m, uint32_t code, const char *s)
{
    avp(m, code, s, strlen(s));
}

static void avp_u32(struct msg *m, uint32_t code, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    avp(m, code, b, 4);
}

static void avp_ip4(struct msg *m, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    uint8_t v[6] = {0, 1, a, b, c, d};
    avp(m, 257, v, sizeof v);
}

/* Vendor-Specific-Application-Id (grouped): Vendor-Id 10415 and Auth-Application-Id. */
static void avp_vsai(struct msg *m, uint32_t vendor, uint32_t app)
{
    struct msg g = {.n = 0};
    avp_u32(&g, 266, vendor);
    avp_u32(&g, 258, app);
    avp(m, 260, g.b, g.n);
}

#define HSS_HOST "hss01.epc.mnc001.mcc234.3gppnetwork.org"
#define HSS_REALM "epc.mnc001.mcc234.3gppnetwork.org"
#define MME_HOST "mme01.epc.mnc001.mcc234.3gppnetwork.org"

/* A Huawei HSS's CER: identity, address, Vendor-Id 2011, product, firmware, then the
 * vendors and applications it supports (3GPP 10415, 3GPP2 5535, ZTE 3902). */
static void cer_huawei(struct msg *m)
{
    size_t at = msg_begin(m, true, 257);
    avp_str(m, 264, HSS_HOST);
    avp_str(m, 296, HSS_REALM);
    avp_ip4(m, 10, 20, 0, 21);
    avp_u32(m, 266, 2011);
    avp_str(m, 269, "HUAWEI HSS9860");
    avp_u32(m, 278, 1700000000); /* Origin-State-Id */
    avp_u32(m, 265, 10415);
    avp_u32(m, 265, 5535);
    avp_u32(m, 265, 3902);
    avp_u32(m, 258, 16777251); /* Auth-Application-Id S6a */
    avp_u32(m, 299, 0);        /* Inband-Security-Id NO_INBAND_SECURITY */
    avp_vsai(m, 10415, 16777251);
    avp_u32(m, 267, 1);
    msg_end(m, at);
}

/* A ZTE MME's CEA: Result-Code 2001, IPv6 Host-IP-Address. */
static void cea_zte(struct msg *m)
{
    size_t at = msg_begin(m, false, 257);
    avp_u32(m, 268, 2001);
    avp_str(m, 264, MME_HOST);
    avp_str(m, 296, HSS_REALM);
    uint8_t v6[18] = {0, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x21};
    avp(m, 257, v6, sizeof v6);
    avp_u32(m, 266, 3902);
    avp_str(m, 269, "ZXUN uMAC");
    avp_u32(m, 267, 50100);
    avp_u32(m, 265, 10415);
    msg_end(m, at);
}

/* A Device-Watchdog-Request: names its sender too, but is not a capabilities exchange. */
static void dwr(struct msg *m, const char *host)
{
    size_t at = msg_begin(m, true, 280);
    avp_str(m, 264, host);
    avp_str(m, 296, HSS_REALM);
    avp_u32(m, 278, 1);
    msg_end(m, at);
}

static struct tu_collector col;

static enum vs_decode_status decode(const struct msg *m)
{
    return tu_decode_into(vs_diameter_dissect, m->b, m->n, &col);
}

/* ------------------------------------------------------------------ CER / CEA */

START_TEST(test_cer)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, HSS_HOST);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_REALM, HSS_REALM);
    TU_EXPECT(&col, VS_F_DIAMETER_PRODUCT_NAME, "HUAWEI HSS9860");
    TU_EXPECT(&col, VS_F_DIAMETER_FIRMWARE_REVISION, "1");
    /* exactly one vendor: its own, never the supported ones nor the grouped one */
    ck_assert_uint_eq(tu_count(&col, VS_F_DIAMETER_VENDOR_ID), 1);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    ck_assert_uint_eq(tu_find(&col, VS_F_DIAMETER_VENDOR_ID)->num, 2011);
    const struct tu_ev *ip = tu_find(&col, VS_F_DIAMETER_HOST_IP_ADDRESS);
    ck_assert_ptr_nonnull(ip);
    ck_assert_str_eq(ip->value, "10.20.0.21");
    ck_assert(ip->has_ip);
    ck_assert_uint_eq(ip->ip.family, 4);
    ck_assert_uint_eq(ip->ip.a[3], 21);
    ck_assert_uint_eq(col.n, 6);
    tu_check_prefixes(vs_diameter_dissect, m.b, m.n);
}
END_TEST

START_TEST(test_cea)
{
    struct msg m = {.n = 0};
    cea_zte(&m);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "3902");
    TU_EXPECT(&col, VS_F_DIAMETER_PRODUCT_NAME, "ZXUN uMAC");
    TU_EXPECT(&col, VS_F_DIAMETER_FIRMWARE_REVISION, "50100");
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, MME_HOST);
    const struct tu_ev *ip = tu_find(&col, VS_F_DIAMETER_HOST_IP_ADDRESS);
    ck_assert_ptr_nonnull(ip);
    ck_assert_str_eq(ip->value, "2001:db8::21");
    ck_assert_uint_eq(ip->ip.family, 6);
    tu_check_prefixes(vs_diameter_dissect, m.b, m.n);
}
END_TEST

START_TEST(test_supported_vendor_only)
{
    /* A CER that lists vendors but has a vendor-specific Vendor-Id code of its own: none of
     * them is the peer's maker. */
    struct msg m = {.n = 0};
    size_t at = msg_begin(&m, true, 257);
    avp_str(&m, 264, "dra01.example.net");
    avp_u32(&m, 265, 10415);
    avp_u32(&m, 265, 2011);
    avp_u32(&m, 265, 193);
    avp_vsai(&m, 2011, 16777238);
    uint8_t v[4] = {0, 0, 0x07, 0xdb};
    avp_v(&m, 266, 10415, v, 4); /* code 266 in 3GPP's space: not the base Vendor-Id */
    avp_v(&m, 269, 10415, "HUAWEI", 6);
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_DIAMETER_VENDOR_ID), 0);
    ck_assert_uint_eq(tu_count(&col, VS_F_DIAMETER_PRODUCT_NAME), 0);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, "dra01.example.net");
    ck_assert_uint_eq(col.n, 1);
}
END_TEST

START_TEST(test_other_commands)
{
    struct msg m = {.n = 0};
    dwr(&m, HSS_HOST);
    size_t at = msg_begin(&m, true, 272); /* Credit-Control-Request: not evidence */
    avp_u32(&m, 266, 2011);
    avp_str(&m, 269, "HUAWEI HSS9860");
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_several_messages)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    dwr(&m, "dwr-host.example.net");
    cea_zte(&m);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "3902");
    ck_assert(!tu_has(&col, VS_F_DIAMETER_ORIGIN_HOST, "dwr-host.example.net"));
    ck_assert_uint_eq(tu_count(&col, VS_F_DIAMETER_ORIGIN_HOST), 2);
}
END_TEST

START_TEST(test_truncated_at_end)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    size_t first = m.n;
    cea_zte(&m);
    /* cut the second message after its Origin-Host: what is wholly inside counts */
    size_t cut = first + 20 + 12 + 8 + 40;
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, cut, &col), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, MME_HOST);
    ck_assert(!tu_has(&col, VS_F_DIAMETER_VENDOR_ID, "3902"));
    /* a cut inside the header of the second */
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, first + 10, &col),
                     VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, first + 2, &col),
                     VS_DECODE_TRUNCATED);
    tu_check_prefixes(vs_diameter_dissect, m.b, m.n);
}
END_TEST

START_TEST(test_avp_overruns_message)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    size_t second = m.n;
    cea_zte(&m);
    /* Origin-Realm (third AVP of the CER, at 20+48) claims 200 bytes: past the message */
    size_t realm = 20 + 8 + 40;
    ck_assert_uint_eq(m.b[realm + 3], 296 & 0xff);
    m.b[realm + 6] = 0;
    m.b[realm + 7] = 250; /* 212 bytes of the message are left */
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, HSS_HOST); /* before the bad AVP */
    ck_assert(!tu_has(&col, VS_F_DIAMETER_VENDOR_ID, "2011"));
    /* the message framing is independent of its AVPs: the next message still decodes */
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "3902");
    /* an AVP longer than a message of 3-byte length can be */
    m.b[realm + 5] = 0xff;
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, second, &col), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_avp_too_short)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    size_t host = 20;
    /* AVP length 7: below its own header */
    m.b[host + 7] = 7;
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    m.b[host + 7] = 0;
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    /* V bit with length 8..11: the vendor id does not fit */
    m.b[host + 4] = 0xc0;
    m.b[host + 7] = 11;
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    /* an empty Origin-Host: well formed, nothing to say */
    struct msg e = {.n = 0};
    size_t at = msg_begin(&e, true, 257);
    avp(&e, 264, "", 0);
    avp_u32(&e, 266, 9);
    msg_end(&e, at);
    ck_assert_int_eq(decode(&e), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "9");
}
END_TEST

START_TEST(test_message_lengths)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    uint8_t save = m.b[3];
    m.b[1] = m.b[2] = 0;
    m.b[3] = 16; /* below the header */
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    m.b[3] = 0;
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    m.b[2] = (uint8_t)((m.n - 2) >> 8); /* not a multiple of 4 */
    m.b[3] = (uint8_t)(m.n - 2);
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    m.b[2] = (uint8_t)(m.n >> 8);
    m.b[3] = save;
    m.b[0] = 2; /* version 2 */
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    m.b[0] = 1;
    /* a length beyond the buffer: truncated, the AVPs inside still count */
    m.b[1] = 0x01;
    ck_assert_int_eq(decode(&m), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    TU_EXPECT(&col, VS_F_DIAMETER_FIRMWARE_REVISION, "1");
    /* the message ends inside an AVP: that AVP overruns it */
    m.b[1] = 0;
    m.b[2] = 0;
    m.b[3] = 20 + 12;
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    /* an empty buffer is nothing */
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, 0, &col), VS_DECODE_OK);
}
END_TEST

START_TEST(test_last_padding)
{
    /* A message length that leaves out the last AVP's padding. */
    struct msg m = {.n = 0};
    size_t at = msg_begin(&m, false, 257);
    avp_u32(&m, 266, 193);
    avp_str(&m, 269, "ab"); /* 10 bytes, padded to 12 */
    msg_end(&m, at);
    m.n -= 2;
    msg_end(&m, at);
    /* the message length is no longer a multiple of 4: a framing contradiction */
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    /* the padding missing from the capture only: the AVP is whole */
    m.n += 2;
    msg_end(&m, at);
    ck_assert_int_eq(tu_decode_into(vs_diameter_dissect, m.b, m.n - 2, &col), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_DIAMETER_PRODUCT_NAME, "ab");
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "193");
}
END_TEST

START_TEST(test_bad_values)
{
    struct msg m = {.n = 0};
    size_t at = msg_begin(&m, true, 257);
    avp(&m, 266, "\x00\x00\x07", 3);             /* Unsigned32 of 3 bytes */
    avp(&m, 267, "\x00\x00\x00\x01\x00", 5);     /* of 5 */
    avp(&m, 257, "\x00\x01\x0a\x00\x00", 5);     /* IPv4 of 3 bytes */
    avp(&m, 257, "\x00\x08\x0a\x00\x00\x01", 6); /* family 8 (E.164) */
    avp(&m, 257, "\x00\x02\x0a\x00\x00\x01", 6); /* IPv6 family, 4 bytes */
    avp(&m, 257, "\x00", 1);                     /* no family */
    avp(&m, 269, "\x00\x00  \t", 5);             /* nothing but padding */
    avp_u32(&m, 266, 4294967295u);
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "4294967295");
    ck_assert_uint_eq(col.ev[0].num, 4294967295u);
}
END_TEST

START_TEST(test_hostile_strings)
{
    static const char name[] = "HUAWEI\x1b[31m HSS\r\n\x07\xff\xfe\xc3(\xed\xa0\x80 9860";
    static const char host[] = "hss\x01.example\x7f.net";
    struct msg m = {.n = 0};
    size_t at = msg_begin(&m, true, 257);
    avp(&m, 269, name, sizeof name - 1);
    avp(&m, 264, host, sizeof host - 1);
    avp(&m, 296, "realm\0hidden", 12); /* cut at the NUL, as tshark shows it */
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
    const struct tu_ev *e = tu_find(&col, VS_F_DIAMETER_PRODUCT_NAME);
    ck_assert_ptr_nonnull(e);
    /* the decoder passes the bytes on unchanged: cleaning is the sinks' job */
    ck_assert_uint_eq(e->len, sizeof name - 1);
    ck_assert_mem_eq(e->value, name, sizeof name - 1);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_HOST, host);
    TU_EXPECT(&col, VS_F_DIAMETER_ORIGIN_REALM, "realm");
    tu_check_prefixes(vs_diameter_dissect, m.b, m.n);
}
END_TEST

START_TEST(test_avp_bound)
{
    /* A CER of VS_MAX_TLVS_PER_FRAME + 1 empty AVPs: the walk stops at the bound. */
    static struct msg m;
    m.n = 0;
    size_t at = msg_begin(&m, true, 257);
    avp_u32(&m, 266, 2011);
    for (int i = 0; i < VS_MAX_TLVS_PER_FRAME; i++)
        avp(&m, 278, "", 0);
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_MALFORMED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    /* exactly at the bound: fine */
    m.n -= 8;
    msg_end(&m, at);
    ck_assert_int_eq(decode(&m), VS_DECODE_OK);
}
END_TEST

/* ------------------------------------------------------------------ framing helpers */

START_TEST(test_need_and_candidate)
{
    struct msg m = {.n = 0};
    cer_huawei(&m);
    struct vs_cur c = vs_cur_make(m.b, m.n);
    ck_assert_uint_eq(vs_diameter_need(&c), m.n);
    ck_assert(vs_diameter_candidate(&c));
    c = vs_cur_make(m.b, 3);
    ck_assert_uint_eq(vs_diameter_need(&c), 0);
    ck_assert(!vs_diameter_candidate(&c));
    c = vs_cur_make(m.b, 4); /* the length is known from 4 bytes on */
    ck_assert_uint_eq(vs_diameter_need(&c), m.n);
    c = vs_cur_make(m.b, 0);
    ck_assert_uint_eq(vs_diameter_need(&c), 0);
    m.b[0] = 0x16; /* a TLS record */
    c = vs_cur_make(m.b, m.n);
    ck_assert_uint_eq(vs_diameter_need(&c), VS_STREAM_NOT_PDU);
    ck_assert(!vs_diameter_candidate(&c));
    m.b[0] = 1;
    m.b[4] = 0x81; /* a reserved flag bit */
    ck_assert(!vs_diameter_candidate(&c));
    ck_assert_uint_eq(vs_diameter_need(&c), m.n);
    static const uint8_t http[] = "GET / HTTP/1.1\r\n";
    c = vs_cur_make(http, sizeof http - 1);
    ck_assert(!vs_diameter_candidate(&c));
}
END_TEST

/* ------------------------------------------------------------------ SCTP */

static void chunk_data(struct msg *s, uint8_t flags, uint32_t ppid, const struct msg *user)
{
    put8(s, 0);
    put8(s, flags);
    put16(s, (uint16_t)(16 + user->n));
    put32(s, 0x1000); /* TSN */
    put16(s, 0);      /* stream */
    put16(s, 0);      /* stream sequence */
    put32(s, ppid);
    putb(s, user->b, user->n);
    while (s->n % 4)
        put8(s, 0);
}

static enum vs_decode_status sctp(const struct msg *s, uint16_t port)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.ip_proto = 132;
    pkt.sport = port;
    pkt.dport = 40000;
    tu_reset(&col);
    uint8_t *copy = malloc(s->n ? s->n : 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, s->b, s->n);
    enum vs_decode_status st =
        vs_diameter_sctp_dissect(vs_cur_make(copy, s->n), &pkt, tu_collect, &col);
    free(copy);
    return st;
}

START_TEST(test_sctp_data)
{
    struct msg user = {.n = 0}, s = {.n = 0};
    cer_huawei(&user);
    /* a SACK first (type 3, 16 bytes), then the DATA chunk */
    put8(&s, 3);
    put8(&s, 0);
    put16(&s, 16);
    put32(&s, 0x0fff);
    put32(&s, 0x10000);
    put32(&s, 0);
    chunk_data(&s, 0x03, 46, &user);
    ck_assert_int_eq(sctp(&s, 40001), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    TU_EXPECT(&col, VS_F_DIAMETER_PRODUCT_NAME, "HUAWEI HSS9860");
    ck_assert_uint_eq(col.n, 6);

    /* two DATA chunks in one packet (bundling), the second a CEA with PPID 0 on 3868 */
    struct msg user2 = {.n = 0};
    cea_zte(&user2);
    chunk_data(&s, 0x07, 0, &user2); /* U|B|E */
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "3902");
    /* PPID 0 off port 3868 says nothing about what it carries */
    ck_assert_int_eq(sctp(&s, 40001), VS_DECODE_OK);
    ck_assert(!tu_has(&col, VS_F_DIAMETER_VENDOR_ID, "3902"));
    ck_assert_uint_eq(col.n, 6);
}
END_TEST

START_TEST(test_sctp_other_ppids_and_fragments)
{
    struct msg user = {.n = 0}, s = {.n = 0};
    cer_huawei(&user);
    chunk_data(&s, 0x03, 18, &user); /* S1AP */
    chunk_data(&s, 0x03, 47, &user); /* Diameter over DTLS */
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    for (uint8_t flags = 0; flags < 3; flags++) { /* middle, last, first fragments */
        s.n = 0;
        chunk_data(&s, flags, 46, &user);
        ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_TRUNCATED);
        ck_assert_uint_eq(col.n, 0);
    }
}
END_TEST

START_TEST(test_sctp_bad_chunks)
{
    struct msg user = {.n = 0}, s = {.n = 0};
    cer_huawei(&user);
    chunk_data(&s, 0x03, 46, &user);
    size_t whole = s.n;
    /* chunk length below its header */
    s.b[3] = 3;
    s.b[2] = 0;
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* a DATA chunk shorter than the DATA header */
    s.b[3] = 12;
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_MALFORMED);
    /* a chunk length beyond the packet: what is captured is decoded, as truncated */
    s.b[2] = 0xff;
    s.b[3] = 0xfc;
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_TRUNCATED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    /* a packet cut inside the DATA header */
    s.n = 0;
    chunk_data(&s, 0x03, 46, &user);
    s.n = 10;
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_TRUNCATED);
    s.n = 3;
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_TRUNCATED);
    /* trailing chunk header of a zero length after a good chunk */
    s.n = whole;
    put32(&s, 0x00000000);
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_MALFORMED);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "2011");
    /* every prefix of a good packet */
    s.n = whole;
    tu_check_prefixes(vs_diameter_sctp_dissect, s.b, s.n);
}
END_TEST

START_TEST(test_sctp_idata)
{
    /* I-DATA (RFC 8260): 20-byte header, PPID after the message id */
    struct msg user = {.n = 0}, s = {.n = 0};
    cea_zte(&user);
    put8(&s, 64);
    put8(&s, 0x03);
    put16(&s, (uint16_t)(20 + user.n));
    put32(&s, 7);
    put16(&s, 1);
    put16(&s, 0);
    put32(&s, 0);
    put32(&s, 46);
    putb(&s, user.b, user.n);
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_OK);
    TU_EXPECT(&col, VS_F_DIAMETER_VENDOR_ID, "3902");
}
END_TEST

START_TEST(test_sctp_chunk_bound)
{
    static struct msg s;
    s.n = 0;
    for (int i = 0; i <= VS_MAX_TLVS_PER_FRAME; i++)
        put32(&s, 0x0e000004); /* SHUTDOWN-COMPLETE chunks */
    ck_assert_int_eq(sctp(&s, 3868), VS_DECODE_MALFORMED);
}
END_TEST

static Suite *diameter_suite(void)
{
    Suite *s = suite_create("diameter");
    TCase *tc = tcase_create("messages");
    tcase_add_test(tc, test_cer);
    tcase_add_test(tc, test_cea);
    tcase_add_test(tc, test_supported_vendor_only);
    tcase_add_test(tc, test_other_commands);
    tcase_add_test(tc, test_several_messages);
    tcase_add_test(tc, test_truncated_at_end);
    tcase_add_test(tc, test_avp_overruns_message);
    tcase_add_test(tc, test_avp_too_short);
    tcase_add_test(tc, test_message_lengths);
    tcase_add_test(tc, test_last_padding);
    tcase_add_test(tc, test_bad_values);
    tcase_add_test(tc, test_hostile_strings);
    tcase_add_test(tc, test_avp_bound);
    tcase_add_test(tc, test_need_and_candidate);
    suite_add_tcase(s, tc);
    tc = tcase_create("sctp");
    tcase_add_test(tc, test_sctp_data);
    tcase_add_test(tc, test_sctp_other_ppids_and_fragments);
    tcase_add_test(tc, test_sctp_bad_chunks);
    tcase_add_test(tc, test_sctp_idata);
    tcase_add_test(tc, test_sctp_chunk_bound);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(diameter_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
