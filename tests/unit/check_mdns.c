/* SPDX-License-Identifier: BSD-2-Clause */
/* check_mdns.c - mDNS / DNS-SD decoder tests: announcements built record by record (an
 * Apple TV with _device-info, a printer with IPP TXT keys), whose records are the sender's,
 * queries, name compression attacks (loops, forward pointers, long labels and names) and
 * truncated records. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap_l4.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

static struct tu_collector col;

#define EXPECT(f, v) TU_EXPECT(&col, f, v)

/* ---- a DNS message builder ------------------------------------------------------------ */

struct msg {
    uint8_t b[4096];
    size_t n;
};

static void put8(struct msg *m, unsigned v)
{
    m->b[m->n++] = (uint8_t)v;
}
static void put16(struct msg *m, unsigned v)
{
    put8(m, v >> 8);
    put8(m, v & 0xff);
}
static void put32(struct msg *m, uint32_t v)
{
    put16(m, v >> 16);
    put16(m, v & 0xffff);
}
static void putraw(struct msg *m, const void *p, size_t n)
{
    memcpy(m->b + m->n, p, n);
    m->n += n;
}

/* A dotted name, uncompressed; returns its offset (for pointers). */
static size_t putname(struct msg *m, const char *dotted)
{
    size_t at = m->n;
    const char *s = dotted;
    while (*s) {
        const char *dot = strchr(s, '.');
        size_t l = dot ? (size_t)(dot - s) : strlen(s);
        put8(m, (unsigned)l);
        putraw(m, s, l);
        s += l;
        if (*s == '.')
            s++;
    }
    put8(m, 0);
    return at;
}

/* Labels then a pointer to an earlier name. */
static size_t putname_ptr(struct msg *m, const char *labels, size_t ptr)
{
    size_t at = m->n;
    const char *s = labels;
    while (*s) {
        const char *dot = strchr(s, '.');
        size_t l = dot ? (size_t)(dot - s) : strlen(s);
        put8(m, (unsigned)l);
        putraw(m, s, l);
        s += l;
        if (*s == '.')
            s++;
    }
    put16(m, 0xC000 | (unsigned)ptr);
    return at;
}

static void header(struct msg *m, unsigned flags, unsigned qd, unsigned an, unsigned ns,
                   unsigned ar)
{
    m->n = 0;
    put16(m, 0);
    put16(m, flags);
    put16(m, qd);
    put16(m, an);
    put16(m, ns);
    put16(m, ar);
}

/* Type, class (with the cache-flush bit), TTL; returns where RDLENGTH goes. */
static size_t rr_head(struct msg *m, unsigned type, bool flush)
{
    put16(m, type);
    put16(m, (flush ? 0x8000u : 0) | 1u);
    put32(m, 4500);
    size_t at = m->n;
    put16(m, 0);
    return at;
}

static void rr_end(struct msg *m, size_t lenat)
{
    size_t len = m->n - lenat - 2;
    m->b[lenat] = (uint8_t)(len >> 8);
    m->b[lenat + 1] = (uint8_t)len;
}

static void txt_strings(struct msg *m, const char *const *s)
{
    for (; *s; s++) {
        put8(m, (unsigned)strlen(*s));
        putraw(m, *s, strlen(*s));
    }
}

static void rr_a(struct msg *m, const char *owner, size_t owner_ptr, const uint8_t a[4])
{
    if (owner)
        putname(m, owner);
    else
        put16(m, 0xC000 | (unsigned)owner_ptr);
    size_t l = rr_head(m, 1, true);
    putraw(m, a, 4);
    rr_end(m, l);
}

/* ---- decoding with a source address ----------------------------------------------------- */

static const uint8_t TV_IP[4] = {192, 168, 1, 20};
static const uint8_t PRN_IP[4] = {192, 168, 1, 30};

static enum vs_decode_status decode_from(const struct msg *m, const uint8_t src[4])
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    vs_ip_from4(&pkt.src_ip, src);
    pkt.ttl = 255;
    pkt.sport = pkt.dport = 5353;
    tu_reset(&col);
    uint8_t *copy = malloc(m->n ? m->n : 1);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, m->b, m->n);
    enum vs_decode_status st = vs_mdns_dissect(vs_cur_make(copy, m->n), &pkt, tu_collect, &col);
    free(copy);
    return st;
}

/* Every prefix: no crash, a defined status, and only evidence the whole message gives. */
static void check_prefixes(const struct msg *m, const uint8_t src[4])
{
    static struct tu_collector whole;
    decode_from(m, src);
    whole = col;
    struct msg p;
    for (size_t i = 0; i <= m->n; i++) {
        memcpy(p.b, m->b, i);
        p.n = i;
        enum vs_decode_status st = decode_from(&p, src);
        ck_assert_int_ge(st, VS_DECODE_OK);
        ck_assert_int_le(st, VS_DECODE_MALFORMED);
        for (size_t e = 0; e < col.n; e++)
            ck_assert_msg(tu_has(&whole, col.ev[e].field, col.ev[e].value),
                          "prefix %zu gives %s=%s", i, vs_field_name(col.ev[e].field),
                          col.ev[e].value);
    }
}

/* An Apple TV's announcement: AirPlay PTR/SRV/TXT, its _device-info TXT, A and AAAA. */
static void apple_tv(struct msg *m, const uint8_t a[4])
{
    header(m, 0x8400, 0, 5, 0, 2);
    size_t svc = putname(m, "_airplay._tcp.local");
    size_t l = rr_head(m, 12, false);
    size_t inst = putname_ptr(m, "Living Room", svc);
    rr_end(m, l);
    put16(m, 0xC000 | (unsigned)inst);
    l = rr_head(m, 33, true);
    put16(m, 0);
    put16(m, 0);
    put16(m, 7000);
    size_t host = putname(m, "Living-Room.local");
    rr_end(m, l);
    put16(m, 0xC000 | (unsigned)inst);
    l = rr_head(m, 16, true);
    static const char *const airplay[] = {"deviceid=A8:51:AB:10:20:30", "features=0x4A7FDFD5",
                                          "model=AppleTV6,2", "srcvers=595.13.1", NULL};
    txt_strings(m, airplay);
    rr_end(m, l);
    /* "Living Room._device-info._tcp.local", with "local" pointing into the host name */
    putname_ptr(m, "Living Room._device-info._tcp", host + 12);
    l = rr_head(m, 16, false);
    static const char *const devinfo[] = {"model=J105aAP", "osxvers=19", NULL};
    txt_strings(m, devinfo);
    rr_end(m, l);
    /* a boolean attribute and an empty string do not upset the walk */
    put16(m, 0xC000 | (unsigned)svc);
    l = rr_head(m, 16, false);
    put8(m, 0);
    rr_end(m, l);
    rr_a(m, NULL, host, a);
    put16(m, 0xC000 | (unsigned)host);
    l = rr_head(m, 28, true);
    static const uint8_t v6[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                   0x10, 0x8c, 0x3f, 0xff, 0xfe, 0x21, 0x43, 0x65};
    putraw(m, v6, 16);
    rr_end(m, l);
}

START_TEST(test_apple_tv_device_info)
{
    struct msg m;
    apple_tv(&m, TV_IP);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    EXPECT(VS_F_MDNS_HOSTNAME, "Living-Room");
    EXPECT(VS_F_MDNS_TXT, "model=J105aAP osxvers=19");
    EXPECT(VS_F_MDNS_MODEL, "J105aAP");
    EXPECT(VS_F_MDNS_MODEL, "AppleTV6,2");
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_TXT), 1);
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_VENDOR), 0);
    /* deviceid and features are not evidence */
    for (size_t i = 0; i < col.n; i++)
        ck_assert(!strstr(col.ev[i].value, "A8:51"));
    check_prefixes(&m, TV_IP);
}
END_TEST

/* The same records sent by another host (a Sleep Proxy, a reflector): not the sender's. */
START_TEST(test_records_of_another_host)
{
    struct msg m;
    apple_tv(&m, TV_IP);
    static const uint8_t proxy[4] = {192, 168, 1, 2};
    ck_assert_int_eq(decode_from(&m, proxy), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

static void printer(struct msg *m, bool with_a)
{
    header(m, 0x8400, 0, 3, 0, with_a ? 1 : 0);
    size_t svc = putname(m, "_ipp._tcp.local");
    size_t l = rr_head(m, 12, false);
    size_t inst = putname_ptr(m, "Brother HL-L2350DW series", svc);
    rr_end(m, l);
    put16(m, 0xC000 | (unsigned)inst);
    l = rr_head(m, 33, true);
    put16(m, 0);
    put16(m, 0);
    put16(m, 631);
    size_t host = putname_ptr(m, "BRW0080927AFBCE", svc + 10); /* "local" of _ipp._tcp.local */
    rr_end(m, l);
    put16(m, 0xC000 | (unsigned)inst);
    l = rr_head(m, 16, true);
    static const char *const txt[] = {"txtvers=1",
                                      "qtotal=1",
                                      "rp=ipp/print",
                                      "ty=Brother HL-L2350DW series",
                                      "product=(Brother HL-L2350DW series)",
                                      "usb_MFG=Brother",
                                      "usb_MDL=HL-L2350DW series",
                                      "adminurl=http://BRW0080927AFBCE.local./",
                                      NULL};
    txt_strings(m, txt);
    rr_end(m, l);
    if (with_a)
        rr_a(m, NULL, host, PRN_IP);
}

START_TEST(test_printer_txt)
{
    struct msg m;
    printer(&m, true);
    ck_assert_int_eq(decode_from(&m, PRN_IP), VS_DECODE_OK);
    EXPECT(VS_F_MDNS_HOSTNAME, "BRW0080927AFBCE");
    EXPECT(VS_F_MDNS_VENDOR, "Brother");
    EXPECT(VS_F_MDNS_MODEL, "Brother HL-L2350DW series");
    EXPECT(VS_F_MDNS_MODEL, "HL-L2350DW series");
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_TXT), 0); /* only _device-info's */
    check_prefixes(&m, PRN_IP);
    /* without the address record: the cache-flush TXT of a packet naming nobody else */
    printer(&m, false);
    ck_assert_int_eq(decode_from(&m, PRN_IP), VS_DECODE_OK);
    EXPECT(VS_F_MDNS_VENDOR, "Brother");
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_HOSTNAME), 0);
}
END_TEST

/* ty= outside printing services, md= outside Chromecast/HomeKit: not a model. */
START_TEST(test_keys_by_service)
{
    struct msg m;
    header(&m, 0x8400, 0, 2, 0, 0);
    putname(&m, "x._spotify-connect._tcp.local");
    size_t l = rr_head(&m, 16, true);
    static const char *const t1[] = {"ty=speaker", "md=abc", "VENDOR=Acme", NULL};
    txt_strings(&m, t1);
    rr_end(&m, l);
    putname(&m, "Kitchen._googlecast._tcp.local");
    l = rr_head(&m, 16, true);
    static const char *const t2[] = {"id=3a1b", "md=Chromecast Ultra", "fn=Kitchen", NULL};
    txt_strings(&m, t2);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_MODEL), 1);
    EXPECT(VS_F_MDNS_MODEL, "Chromecast Ultra");
    EXPECT(VS_F_MDNS_VENDOR, "Acme"); /* keys are caseless */
}
END_TEST

START_TEST(test_query_carries_nothing)
{
    struct msg m;
    apple_tv(&m, TV_IP);
    m.b[2] = 0x00; /* QR=0: the same records as known answers */
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    apple_tv(&m, TV_IP);
    m.b[2] = 0x84 | (5 << 3); /* opcode 5 */
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_srv_and_a_compressed)
{
    struct msg m;
    header(&m, 0x8400, 0, 2, 0, 0);
    size_t host = putname(&m, "nas-01.local");
    size_t l = rr_head(&m, 1, true);
    putraw(&m, PRN_IP, 4);
    rr_end(&m, l);
    putname_ptr(&m, "nas-01._smb._tcp", host + 7);
    l = rr_head(&m, 33, true);
    put16(&m, 0);
    put16(&m, 0);
    put16(&m, 445);
    put16(&m, 0xC000 | (unsigned)host);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, PRN_IP), VS_DECODE_OK);
    EXPECT(VS_F_MDNS_HOSTNAME, "nas-01");
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_HOSTNAME), 1);
}
END_TEST

START_TEST(test_pointer_loop)
{
    struct msg m;
    /* a pointer to itself */
    header(&m, 0x8400, 0, 1, 0, 0);
    put16(&m, 0xC00C);
    rr_head(&m, 1, true);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    /* a label then a pointer back to it: each jump points backwards, yet it loops */
    header(&m, 0x8400, 0, 1, 0, 0);
    put8(&m, 1);
    put8(&m, 'a');
    put16(&m, 0xC00C);
    size_t l = rr_head(&m, 1, true);
    putraw(&m, TV_IP, 4);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* two names pointing into each other */
    header(&m, 0x8400, 0, 2, 0, 0);
    put8(&m, 1);
    put8(&m, 'b');
    put16(&m, 0xC000 | 16); /* forward: refused */
    rr_head(&m, 1, true);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_pointer_past_end)
{
    struct msg m;
    header(&m, 0x8400, 0, 1, 0, 0);
    put16(&m, 0xC000 | 0x3FFF);
    rr_head(&m, 1, true);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    /* a pointer whose second byte is missing */
    header(&m, 0x8400, 0, 1, 0, 0);
    put8(&m, 0xC0);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_TRUNCATED);
}
END_TEST

START_TEST(test_label_types_and_lengths)
{
    struct msg m;
    header(&m, 0x8400, 0, 1, 0, 0);
    put8(&m, 0x40); /* extended label type, or a 64-byte label */
    for (int i = 0; i < 64; i++)
        put8(&m, 'x');
    put8(&m, 0);
    rr_head(&m, 1, true);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    header(&m, 0x8400, 0, 1, 0, 0);
    put8(&m, 0x80);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    /* 5 labels of 63: 320 bytes, over the 255 a name may have */
    header(&m, 0x8400, 0, 1, 0, 0);
    for (int k = 0; k < 5; k++) {
        put8(&m, 63);
        for (int i = 0; i < 63; i++)
            put8(&m, 'y');
    }
    put8(&m, 0);
    size_t l = rr_head(&m, 1, true);
    putraw(&m, TV_IP, 4);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
    /* exactly 255: 3 x 63, one 61 and the root */
    header(&m, 0x8400, 0, 1, 0, 0);
    for (int k = 0; k < 3; k++) {
        put8(&m, 63);
        for (int i = 0; i < 63; i++)
            put8(&m, 'z');
    }
    put8(&m, 55);
    for (int i = 0; i < 55; i++)
        put8(&m, 'z');
    put8(&m, 5);
    putraw(&m, "local", 5);
    put8(&m, 0);
    l = rr_head(&m, 1, true);
    putraw(&m, TV_IP, 4);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_HOSTNAME), 1);
}
END_TEST

START_TEST(test_truncated_rr)
{
    struct msg m;
    ck_assert_int_eq(decode_from(&(struct msg){.n = 11}, TV_IP), VS_DECODE_TRUNCATED);
    /* RDLENGTH past the end: the A record before it still counts */
    header(&m, 0x8400, 0, 2, 0, 0);
    rr_a(&m, "tv.local", 0, TV_IP);
    putname(&m, "tv._device-info._tcp.local");
    size_t l = rr_head(&m, 16, true);
    (void)l;
    m.b[m.n - 2] = 0x01;
    m.b[m.n - 1] = 0x00;
    put8(&m, 10);
    putraw(&m, "model=J1", 8);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_MDNS_HOSTNAME, "tv");
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_MODEL), 0);
    /* a TXT string longer than its record: the strings before it count */
    header(&m, 0x8400, 0, 1, 0, 0);
    putname(&m, "tv._device-info._tcp.local");
    l = rr_head(&m, 16, true);
    static const char *const s[] = {"model=J105aAP", NULL};
    txt_strings(&m, s);
    put8(&m, 200);
    putraw(&m, "osx", 3);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    EXPECT(VS_F_MDNS_TXT, "model=J105aAP");
    /* too many records for one message */
    header(&m, 0x8400, 0, 0xFFFF, 0xFFFF, 0xFFFF);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_hostile_txt)
{
    struct msg m;
    header(&m, 0x8400, 0, 1, 0, 0);
    putname(&m, "x._ipp._tcp.local");
    size_t l = rr_head(&m, 16, true);
    static const char *const s[] = {"usb_MFG=\x1b[31mEvil\x07", "ty=", "=", "usb_MDL= \t ", NULL};
    txt_strings(&m, s);
    rr_end(&m, l);
    ck_assert_int_eq(decode_from(&m, TV_IP), VS_DECODE_OK);
    /* emitted raw (the sinks escape); empty values are not emitted */
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_VENDOR), 1);
    ck_assert_uint_eq(tu_count(&col, VS_F_MDNS_MODEL), 0);
}
END_TEST

/* tests/captures/home_mdns.pcap: a query, an Apple TV and a printer on a home LAN. */
static void cap_frame(const struct vs_pkt *pkt, void *arg)
{
    size_t *n = arg;
    if (pkt->ip_proto != 17 || pkt->dport != 5353)
        return;
    ck_assert_uint_eq(pkt->ttl, 255);
    size_t before = col.n;
    ck_assert_int_eq(vs_mdns_dissect(pkt->l4_payload, pkt, tu_collect, &col), VS_DECODE_OK);
    /* the query (the first frame) gives nothing */
    if (*n == 0)
        ck_assert_uint_eq(col.n, before);
    (*n)++;
}

START_TEST(test_capture_home_mdns)
{
    size_t n = 0;
    tu_reset(&col);
    ck_assert_int_gt(pl4_walk(tu_src_path("tests/captures/home_mdns.pcap"), cap_frame, &n), 0);
    ck_assert_uint_eq(n, 3);
    EXPECT(VS_F_MDNS_HOSTNAME, "Living-Room");
    EXPECT(VS_F_MDNS_TXT, "model=J105aAP");
    EXPECT(VS_F_MDNS_MODEL, "J105aAP");
    EXPECT(VS_F_MDNS_MODEL, "AppleTV6,2");
    EXPECT(VS_F_MDNS_HOSTNAME, "BRW30055C7AFBCE");
    EXPECT(VS_F_MDNS_VENDOR, "Brother");
    EXPECT(VS_F_MDNS_MODEL, "Brother HL-L2350DW series");
    EXPECT(VS_F_MDNS_MODEL, "HL-L2350DW series");
}
END_TEST

static Suite *mdns_suite(void)
{
    Suite *s = suite_create("mdns");
    TCase *tc = tcase_create("records");
    tcase_add_test(tc, test_apple_tv_device_info);
    tcase_add_test(tc, test_records_of_another_host);
    tcase_add_test(tc, test_printer_txt);
    tcase_add_test(tc, test_keys_by_service);
    tcase_add_test(tc, test_query_carries_nothing);
    tcase_add_test(tc, test_srv_and_a_compressed);
    suite_add_tcase(s, tc);
    tc = tcase_create("names");
    tcase_add_test(tc, test_pointer_loop);
    tcase_add_test(tc, test_pointer_past_end);
    tcase_add_test(tc, test_label_types_and_lengths);
    tcase_add_test(tc, test_truncated_rr);
    tcase_add_test(tc, test_hostile_txt);
    suite_add_tcase(s, tc);
    tc = tcase_create("capture");
    tcase_add_test(tc, test_capture_home_mdns);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(mdns_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
