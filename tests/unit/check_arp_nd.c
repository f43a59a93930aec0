/* SPDX-License-Identifier: BSD-2-Clause */
/* check_arp_nd.c - ARP (src/dissect/arp.c) and IPv6 Neighbor Discovery (src/dissect/nd.c):
 * the IP <-> MAC bindings they yield, what must yield none, truncation, bad lengths,
 * option floods, and the corpus captures. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipev_corpus.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

/* clang-format off */
/* ARP request from a Huawei router (RFC 826): who has 10.0.0.2? tell 10.0.0.1. */
static const uint8_t arp_request[] = {
    0x00, 0x01,                         /* hardware type: Ethernet */
    0x08, 0x00,                         /* protocol type: IPv4 */
    0x06,                               /* hardware address length */
    0x04,                               /* protocol address length */
    0x00, 0x01,                         /* opcode: request */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56, /* sender MAC 00:e0:fc:12:34:56 */
    0x0a, 0x00, 0x00, 0x01,             /* sender IP 10.0.0.1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* target MAC (unknown) */
    0x0a, 0x00, 0x00, 0x02,             /* target IP 10.0.0.2 */
};

/* The reply from a ZTE switch: 10.0.0.2 is at 00:19:c6:aa:bb:cc. */
static const uint8_t arp_reply[] = {
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, /* Ethernet, IPv4, 6, 4 */
    0x00, 0x02,                         /* opcode: reply */
    0x00, 0x19, 0xc6, 0xaa, 0xbb, 0xcc, /* sender MAC 00:19:c6:aa:bb:cc */
    0x0a, 0x00, 0x00, 0x02,             /* sender IP 10.0.0.2 */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56, /* target MAC */
    0x0a, 0x00, 0x00, 0x01,             /* target IP */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* Ethernet padding to 60 octets */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* RFC 5227 probe: sender IP 0.0.0.0, asking whether 192.168.1.50 is taken. */
static const uint8_t arp_probe[] = {
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, /* Ethernet, IPv4, request */
    0x28, 0x6e, 0xd4, 0x01, 0x02, 0x03,             /* sender MAC */
    0x00, 0x00, 0x00, 0x00,                         /* sender IP 0.0.0.0 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,             /* target MAC */
    0xc0, 0xa8, 0x01, 0x32,                         /* target IP 192.168.1.50 */
};

/* Neighbour solicitation (RFC 4861 s4.3) from fe80::2e0:fcff:fe12:3456 for fe80::1,
 * with a source link-layer address option. */
static const uint8_t nd_ns[] = {
    0x87, 0x00, 0x4b, 0x1d,                         /* type 135, code 0, checksum */
    0x00, 0x00, 0x00, 0x00,                         /* reserved */
    0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* target fe80::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x01, 0x01,                                     /* option 1 source LL addr, 1 unit */
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,             /*   00:e0:fc:12:34:56 */
};
static const uint8_t nd_ns_src[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0,
                                      0x02, 0xe0, 0xfc, 0xff, 0xfe, 0x12, 0x34, 0x56};

/* Neighbour advertisement (RFC 4861 s4.4) for 2001:db8::19:c6ff:feaa:bbcc: solicited,
 * override, with a nonce option before the target link-layer address option. */
static const uint8_t nd_na[] = {
    0x88, 0x00, 0x12, 0x34,                         /* type 136, code 0, checksum */
    0x60, 0x00, 0x00, 0x00,                         /* flags S O */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, /* target 2001:db8::19:c6ff:feaa:bbcc */
    0x00, 0x19, 0xc6, 0xff, 0xfe, 0xaa, 0xbb, 0xcc,
    0x0e, 0x01, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, /* option 14 nonce, 1 unit */
    0x02, 0x01,                                     /* option 2 target LL addr, 1 unit */
    0x00, 0x19, 0xc6, 0xaa, 0xbb, 0xcc,             /*   00:19:c6:aa:bb:cc */
};

/* Duplicate address detection (RFC 4862 s5.4.2): source ::, no options. */
static const uint8_t nd_dad[] = {
    0x87, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* type 135, code 0, reserved */
    0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* tentative target */
    0x02, 0x19, 0xc6, 0xff, 0xfe, 0xaa, 0xbb, 0xcc,
};

/* clang-format on */

static struct tu_collector col;
static struct vs_pkt pkt;

static enum vs_decode_status arp(const uint8_t *b, size_t n)
{
    tu_pkt_init(&pkt);
    pkt.ethertype = 0x0806;
    tu_reset(&col);
    return vs_arp_dissect(vs_cur_make(b, n), &pkt, tu_collect, &col);
}

static enum vs_decode_status nd(const uint8_t *b, size_t n, const uint8_t src[16])
{
    tu_pkt_init(&pkt);
    pkt.ethertype = 0x86dd;
    pkt.ip_proto = 58;
    vs_ip_from6(&pkt.src_ip, src);
    tu_reset(&col);
    return vs_nd_dissect(vs_cur_make(b, n), &pkt, tu_collect, &col);
}

START_TEST(test_arp_request_reply)
{
    ck_assert_int_eq(arp(arp_request, sizeof arp_request), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *e = tu_find(&col, VS_F_ARP_ADDRESS);
    ck_assert_str_eq(e->value, "10.0.0.1");
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 4);
    ck_assert_mem_eq(e->ip.a, "\x0a\x00\x00\x01", 4);
    ck_assert(e->has_mac);
    ck_assert_mem_eq(e->mac, "\x00\xe0\xfc\x12\x34\x56", 6);

    /* The reply speaks for its sender, not for the target it answers. */
    ck_assert_int_eq(arp(arp_reply, sizeof arp_reply), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    e = tu_find(&col, VS_F_ARP_ADDRESS);
    ck_assert_str_eq(e->value, "10.0.0.2");
    ck_assert_mem_eq(e->mac, "\x00\x19\xc6\xaa\xbb\xcc", 6);
}
END_TEST

START_TEST(test_arp_no_binding)
{
    ck_assert_int_eq(arp(arp_probe, sizeof arp_probe), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Gratuitous ARP (sender = target) is still the sender's claim. */
    uint8_t g[sizeof arp_request];
    memcpy(g, arp_request, sizeof g);
    memcpy(g + 24, g + 14, 4);
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    /* RARP / InARP opcodes, IEEE 802 hardware, a non-IPv4 protocol: nothing. */
    static const uint16_t ops[] = {3, 4, 8, 9, 0, 0xffff};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        memcpy(g, arp_request, sizeof g);
        g[6] = (uint8_t)(ops[i] >> 8);
        g[7] = (uint8_t)ops[i];
        ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_OK);
        ck_assert_uint_eq(col.n, 0);
    }
    memcpy(g, arp_request, sizeof g);
    g[1] = 6;
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    memcpy(g, arp_request, sizeof g);
    g[2] = 0x86;
    g[3] = 0xdd;
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* Sizes that contradict Ethernet/IPv4. */
    memcpy(g, arp_request, sizeof g);
    g[4] = 8;
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_MALFORMED);
    memcpy(g, arp_request, sizeof g);
    g[5] = 16;
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_MALFORMED);
    memcpy(g, arp_request, sizeof g);
    g[4] = 0;
    ck_assert_int_eq(arp(g, sizeof g), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_arp_prefixes)
{
    /* Sender fields complete from 14 octets on; target fields are not needed. */
    for (size_t k = 0; k < sizeof arp_request; k++) {
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, arp_request, k);
        enum vs_decode_status st = arp(copy, k);
        ck_assert_int_eq(st, VS_DECODE_TRUNCATED);
        ck_assert_uint_eq(col.n, k >= 18 ? 1 : 0);
        if (col.n)
            ck_assert_str_eq(col.ev[0].value, "10.0.0.1");
        free(copy);
    }
    ck_assert_uint_eq(tu_every_prefix(vs_arp_dissect, arp_request, sizeof arp_request, &pkt),
                      sizeof arp_request + 1 - 18);
    ck_assert_int_eq(arp(NULL, 0), VS_DECODE_TRUNCATED);
}
END_TEST

START_TEST(test_nd_ns_na)
{
    ck_assert_int_eq(nd(nd_ns, sizeof nd_ns, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *e = tu_find(&col, VS_F_ND_ADDRESS);
    /* A solicitation speaks for its source, not for the target it asks about. */
    ck_assert_str_eq(e->value, "fe80::2e0:fcff:fe12:3456");
    ck_assert(e->has_ip);
    ck_assert_uint_eq(e->ip.family, 6);
    ck_assert_mem_eq(e->ip.a, nd_ns_src, 16);
    ck_assert_mem_eq(e->mac, "\x00\xe0\xfc\x12\x34\x56", 6);

    static const uint8_t any[16] = {0xfe, 0x80, [15] = 9};
    ck_assert_int_eq(nd(nd_na, sizeof nd_na, any), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    e = tu_find(&col, VS_F_ND_ADDRESS);
    /* An advertisement speaks for its target. */
    ck_assert_str_eq(e->value, "2001:db8::19:c6ff:feaa:bbcc");
    ck_assert_mem_eq(e->mac, "\x00\x19\xc6\xaa\xbb\xcc", 6);
    ck_assert_mem_eq(e->ip.a, nd_na + 8, 16);
}
END_TEST

START_TEST(test_nd_no_binding)
{
    static const uint8_t unspec[16] = {0};
    /* DAD probe: no option, nothing to bind. */
    ck_assert_int_eq(nd(nd_dad, sizeof nd_dad, unspec), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* ...and with a source link-layer option it breaks RFC 4861 s7.1.1. */
    uint8_t f[sizeof nd_ns];
    memcpy(f, nd_ns, sizeof f);
    ck_assert_int_eq(nd(f, sizeof f, unspec), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* An NS with only a target LL option, an NA with only a source LL option. */
    f[24] = 2;
    ck_assert_int_eq(nd(f, sizeof f, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    uint8_t a[sizeof nd_na];
    memcpy(a, nd_na, sizeof a);
    a[32] = 1;
    ck_assert_int_eq(nd(a, sizeof a, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A multicast target in an advertisement. */
    memcpy(a, nd_na, sizeof a);
    a[8] = 0xff;
    ck_assert_int_eq(nd(a, sizeof a, nd_ns_src), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Code other than 0. */
    memcpy(a, nd_na, sizeof a);
    a[1] = 1;
    ck_assert_int_eq(nd(a, sizeof a, nd_ns_src), VS_DECODE_MALFORMED);
    /* Router advertisements and echo requests are not read. */
    memcpy(a, nd_na, sizeof a);
    a[0] = 134;
    ck_assert_int_eq(nd(a, sizeof a, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    a[0] = 128;
    ck_assert_int_eq(nd(a, sizeof a, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* No IPv6 source in the packet context: the solicitation cannot be bound. */
    tu_pkt_init(&pkt);
    tu_reset(&col);
    ck_assert_int_eq(vs_nd_dissect(vs_cur_make(nd_ns, sizeof nd_ns), &pkt, tu_collect, &col),
                     VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A two-unit link-layer option is not Ethernet's. */
    static const uint8_t wide[] = {0x87, 0, 0, 0, 0, 0, 0, 0,  0xfe, 0x80, 0,    0,    0, 0,
                                   0,    0, 0, 0, 0, 0, 0, 0,  0,    1,    0x01, 0x02, 1, 2,
                                   3,    4, 5, 6, 7, 8, 9, 10, 11,   12,   13,   14};
    ck_assert_int_eq(nd(wide, sizeof wide, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_nd_bad_options)
{
    /* Option length 0 is invalid (RFC 4861 s4.6): the message is discarded. */
    uint8_t f[sizeof nd_na];
    memcpy(f, nd_na, sizeof f);
    f[25] = 0;
    ck_assert_int_eq(nd(f, sizeof f, nd_ns_src), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Option longer than the message. */
    memcpy(f, nd_na, sizeof f);
    f[33] = 200;
    ck_assert_int_eq(nd(f, sizeof f, nd_ns_src), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* Every prefix: the binding only once the whole option is there. */
    for (size_t k = 0; k < sizeof nd_na; k++) {
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, nd_na, k);
        enum vs_decode_status st = nd(copy, k, nd_ns_src);
        /* Cut between options (24, 32) the message reads as complete. */
        ck_assert_int_eq(st, k == 24 || k == 32 ? VS_DECODE_OK : VS_DECODE_TRUNCATED);
        ck_assert_uint_eq(col.n, 0);
        free(copy);
    }
    ck_assert_uint_eq(tu_every_prefix(vs_nd_dissect, nd_ns, sizeof nd_ns, &pkt), 1);
    /* Thousands of options: bounded. */
    static uint8_t flood[24 + 2000 * 8 + 8];
    memcpy(flood, nd_na, 24);
    for (size_t i = 0; i < 2000; i++)
        memcpy(flood + 24 + 8 * i, "\x0e\x01\x00\x00\x00\x00\x00\x00", 8);
    memcpy(flood + 24 + 2000 * 8, "\x02\x01\x00\x19\xc6\xaa\xbb\xcc", 8);
    ck_assert_int_eq(nd(flood, sizeof flood, nd_ns_src), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* Below the bound, the option after many others is found. */
    size_t n = 24 + 100 * 8;
    memcpy(flood + n, "\x02\x01\x00\x19\xc6\xaa\xbb\xcc", 8);
    ck_assert_int_eq(nd(flood, n + 8, nd_ns_src), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
}
END_TEST

/* ---- corpus ---- */

static struct tu_collector corpus_ev;

static void corpus_cb(void *ctx, const struct ipc_frame *f)
{
    (void)ctx;
    enum vs_decode_status st = VS_DECODE_OK;
    if (f->kind == IPC_ARP)
        st = vs_arp_dissect(f->body, &f->pkt, tu_collect, &corpus_ev);
    else if (f->kind == IPC_ICMP6)
        st = vs_nd_dissect(f->body, &f->pkt, tu_collect, &corpus_ev);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
}

static bool has_binding(const char *ip, const char *mac)
{
    uint8_t m[6];
    ck_assert(vs_mac_parse(mac, m));
    for (size_t i = 0; i < corpus_ev.n; i++)
        if (strcmp(corpus_ev.ev[i].value, ip) == 0 && corpus_ev.ev[i].has_mac &&
            memcmp(corpus_ev.ev[i].mac, m, 6) == 0)
            return true;
    return false;
}

START_TEST(test_corpus)
{
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/pcap/suricata-verify__output-eve-ftp-data__input.pcap", dir);
    tu_reset(&corpus_ev);
    ck_assert_int_gt(ipc_walk(path, corpus_cb, NULL), 0);
    /* tshark's devices: 192.168.0.1 is 18:59:33:f4:49:1f, 192.168.0.13 is 68:5d:43:8b:f9:de. */
    ck_assert(has_binding("192.168.0.1", "18:59:33:f4:49:1f"));
    ck_assert(has_binding("192.168.0.13", "68:5d:43:8b:f9:de"));
    ck_assert(has_binding("192.168.0.10", "f4:b7:e2:9a:56:7b"));
    ck_assert(has_binding("fe80::9154:c66f:8d0e:33cb", "68:5d:43:8b:f9:de"));

    static const char *const sub[] = {"pcap", "malformed"};
    for (size_t s = 0; s < 2; s++) {
        snprintf(path, sizeof path, "%s/%s", dir, sub[s]);
        DIR *d = opendir(path);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char file[4096 + 256];
            snprintf(file, sizeof file, "%s/%s", path, de->d_name);
            tu_reset(&corpus_ev);
            ipc_walk(file, corpus_cb, NULL);
            for (size_t i = 0; i < corpus_ev.n; i++)
                ck_assert(corpus_ev.ev[i].has_ip && corpus_ev.ev[i].has_mac);
        }
        closedir(d);
    }
}
END_TEST

static Suite *arp_nd_suite(void)
{
    Suite *s = suite_create("arp_nd");
    TCase *a = tcase_create("arp");
    tcase_add_test(a, test_arp_request_reply);
    tcase_add_test(a, test_arp_no_binding);
    tcase_add_test(a, test_arp_prefixes);
    suite_add_tcase(s, a);
    TCase *n = tcase_create("nd");
    tcase_add_test(n, test_nd_ns_na);
    tcase_add_test(n, test_nd_no_binding);
    tcase_add_test(n, test_nd_bad_options);
    suite_add_tcase(s, n);
    TCase *c = tcase_create("corpus");
    tcase_set_timeout(c, 120);
    tcase_add_test(c, test_corpus);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(arp_nd_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
