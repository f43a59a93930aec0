/* SPDX-License-Identifier: BSD-2-Clause */
/* check_dhcp.c - DHCPv4 and DHCPv6 decoders (src/dissect/dhcp.c): vendor class and host
 * name bound to the client's MAC and address, option overload and long options, relay
 * messages, truncation, contradictory lengths, option floods, and the corpus captures. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipev_corpus.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"

/* ---- DHCPv4 frames: the fixed BOOTP header is written by build4() from named fields
 * (RFC 2131 s2, figure 1); the options that follow the magic cookie are below. ---- */

/* clang-format off */
/* DHCPDISCOVER options from a ZTE ONT (chaddr 00:19:c6:12:34:56) */
static const uint8_t opts_zte_discover[] = {
    0x35, 0x01, 0x01,                                  /* 53 DHCP message type: DISCOVER */
    /* 50 requested IP 192.168.1.20 (a wish, in a DISCOVER) */
    0x32, 0x04, 0xc0, 0xa8, 0x01, 0x14,
    /* 61 client identifier: Ethernet 00:19:c6:12:34:56 */
    0x3d, 0x07, 0x01, 0x00, 0x19, 0xc6, 0x12, 0x34,
    0x56,
    0x3c, 0x08, 0x5a, 0x54, 0x45, 0x20, 0x46, 0x36,    /* 60 vendor class "ZTE F660" */
    0x36, 0x30,
    0x0c, 0x09, 0x46, 0x36, 0x36, 0x30, 0x2d, 0x4f,    /* 12 host name "F660-ONT" + NUL pad */
    0x4e, 0x54, 0x00,
    0x37, 0x05, 0x01, 0x03, 0x06, 0x0f, 0x2b,          /* 55 parameter request list */
    0xff,                                              /* end */
    0x00, 0x00, 0x00,                                  /* pad */
};

/* DHCPREQUEST (SELECTING) options from a Huawei AP */
static const uint8_t opts_huawei_request[] = {
    0x35, 0x01, 0x03,                                  /* 53 DHCP message type: REQUEST */
    0x32, 0x04, 0x0a, 0x14, 0x1e, 0x28,                /* 50 requested IP 10.20.30.40 */
    0x36, 0x04, 0x0a, 0x14, 0x1e, 0x01,                /* 54 server identifier 10.20.30.1 */
    0x3c, 0x0f, 0x68, 0x75, 0x61, 0x77, 0x65, 0x69,    /* 60 vendor class "huawei AP6050DN" */
    0x20, 0x41, 0x50, 0x36, 0x30, 0x35, 0x30, 0x44,
    0x4e,
    0xff,                                              /* end */
};

/* DHCPINFORM options (the address is in ciaddr) */
static const uint8_t opts_inform[] = {
    0x35, 0x01, 0x08,                                  /* 53 DHCP message type: INFORM */
    0x3c, 0x08, 0x4d, 0x53, 0x46, 0x54, 0x20, 0x35,    /* 60 vendor class "MSFT 5.0" */
    0x2e, 0x30,
    0x0c, 0x07, 0x64, 0x65, 0x73, 0x6b, 0x2d, 0x31,    /* 12 host name "desk-17" */
    0x37,
    0xff,                                              /* end */
};

/* DHCPDISCOVER whose options continue in file and sname (RFC 2131 s4.1) */
static const uint8_t opts_overload[] = {
    0x35, 0x01, 0x01,                                  /* 53 DHCP message type: DISCOVER */
    /* 52 option overload: file and sname hold options */
    0x34, 0x01, 0x03,
    /* 60 vendor class, first part "ZTE " (RFC 3396) */
    0x3c, 0x04, 0x5a, 0x54, 0x45, 0x20,
    0xff,                                              /* end */
};

/* the file field of that DISCOVER (128 octets, rest zero) */
static const uint8_t file_overload[] = {
    /* 60 vendor class, second part "ZXHN H108N" */
    0x3c, 0x0a, 0x5a, 0x58, 0x48, 0x4e, 0x20, 0x48,
    0x31, 0x30, 0x38, 0x4e,
    0xff,                                              /* end */
};

/* its sname field (64 octets, rest zero) */
static const uint8_t sname_overload[] = {
    0x0c, 0x07, 0x7a, 0x74, 0x65, 0x2d, 0x63, 0x70,    /* 12 host name "zte-cpe" */
    0x65,
    0xff,                                              /* end */
};

/* DHCPOFFER options from an Aruba controller */
static const uint8_t opts_server_offer[] = {
    0x35, 0x01, 0x02,                                  /* 53 DHCP message type: OFFER */
    0x36, 0x04, 0x80, 0x02, 0x06, 0x98,                /* 54 server identifier */
    /* 60 vendor class "ArubaAP" (the server's) */
    0x3c, 0x07, 0x41, 0x72, 0x75, 0x62, 0x61, 0x41,
    0x50,
    0x0c, 0x0d, 0x61, 0x73, 0x73, 0x69, 0x67, 0x6e,    /* 12 host name assigned to the client */
    0x65, 0x64, 0x2d, 0x6e, 0x61, 0x6d, 0x65,
    0xff,                                              /* end */
};

/* DHCPv6 Solicit from a Huawei ONT (RFC 8415 s16.2) */
static const uint8_t d6_solicit[] = {
    0x01,                                              /* msg-type SOLICIT */
    0x5f, 0x98, 0xe6,                                  /* transaction-id */
    /* 1 client ID: DUID-LL, Ethernet, 00:e0:fc:12:34:56 */
    0x00, 0x01, 0x00, 0x0a, 0x00, 0x03, 0x00, 0x01,
    0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56,
    0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18,    /* 6 option request */
    /* 16 vendor class: enterprise 2011, "HW-HG8245H", "v2" */
    0x00, 0x10, 0x00, 0x14, 0x00, 0x00, 0x07, 0xdb,
    0x00, 0x0a, 0x48, 0x57, 0x2d, 0x48, 0x47, 0x38,
    0x32, 0x34, 0x35, 0x48, 0x00, 0x02, 0x76, 0x32,
    /* 39 client FQDN: flags S, "ont-01.example.com" */
    0x00, 0x27, 0x00, 0x15, 0x01, 0x06, 0x6f, 0x6e,
    0x74, 0x2d, 0x30, 0x31, 0x07, 0x65, 0x78, 0x61,
    0x6d, 0x70, 0x6c, 0x65, 0x03, 0x63, 0x6f, 0x6d,
    0x00,
    0x00, 0x08, 0x00, 0x02, 0x00, 0x00,                /* 8 elapsed time */
};

/* DHCPv6 Information-request from an Arista switch doing ZTP (tcpdump dhcpv4v6 capture) */
static const uint8_t d6_info_request[] = {
    0x0b,                                              /* msg-type INFORMATION-REQUEST */
    0x0b, 0x5f, 0xcf,                                  /* transaction-id */
    /* 17 vendor opts: enterprise 30065, sub 1 text, sub 2 binary */
    0x00, 0x11, 0x00, 0x3a, 0x00, 0x00, 0x75, 0x71,
    0x00, 0x01, 0x00, 0x2c, 0x41, 0x72, 0x69, 0x73,
    0x74, 0x61, 0x3b, 0x54, 0x65, 0x73, 0x74, 0x2d,
    0x44, 0x68, 0x63, 0x70, 0x76, 0x36, 0x44, 0x69,
    0x73, 0x63, 0x6f, 0x76, 0x65, 0x72, 0x3b, 0x30,
    0x31, 0x2e, 0x30, 0x30, 0x3b, 0x48, 0x53, 0x48,
    0x31, 0x34, 0x34, 0x32, 0x35, 0x31, 0x34, 0x38,
    0x00, 0x02, 0x00, 0x02, 0x00, 0x01,
    /* 1 client ID: DUID-LLT, Ethernet, 00:1c:73:11:22:33 */
    0x00, 0x01, 0x00, 0x0e, 0x00, 0x01, 0x00, 0x01,
    0x29, 0xd0, 0x81, 0x93, 0x00, 0x1c, 0x73, 0x11,
    0x22, 0x33,
};

/* DHCPv6 Relay-forward carrying a client Solicit (RFC 8415 s9, RFC 6939) */
static const uint8_t d6_relay[] = {
    0x0c,                                              /* msg-type RELAY-FORW */
    0x00,                                              /* hop-count 0 */
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x01,    /* link-address 2001:db8:0:1::1 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    /* peer-address fe80::211:2233:4455:6677 (the client) */
    0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
    0x00, 0x12, 0x00, 0x04, 0x65, 0x74, 0x68, 0x30,    /* 18 interface-id "eth0" */
    /* 79 client link-layer address: Ethernet 00:11:22:33:44:55 */
    0x00, 0x4f, 0x00, 0x08, 0x00, 0x01, 0x00, 0x11,
    0x22, 0x33, 0x44, 0x55,
    0x00, 0x09, 0x00, 0x16,                            /* 9 relay message: */
    0x01, 0xaa, 0xbb, 0xcc,                            /*   msg-type SOLICIT, transaction-id */
    /*   16 vendor class: enterprise 311, "MSFT 5.0" */
    0x00, 0x10, 0x00, 0x0e, 0x00, 0x00, 0x01, 0x37,
    0x00, 0x08, 0x4d, 0x53, 0x46, 0x54, 0x20, 0x35,
    0x2e, 0x30,
};

/* DHCPv6 Reply: describes the server's answer, not a client */
static const uint8_t d6_reply[] = {
    0x07,                                              /* msg-type REPLY */
    0x5f, 0x98, 0xe6,                                  /* transaction-id */
    0x00, 0x10, 0x00, 0x0c, 0x00, 0x00, 0x07, 0xdb,    /* 16 vendor class of the server */
    0x00, 0x06, 0x73, 0x65, 0x72, 0x76, 0x65, 0x72,
    0x00, 0x27, 0x00, 0x07, 0x00, 0x04, 0x68, 0x6f,    /* 39 FQDN assigned to the client */
    0x73, 0x74, 0x00,
};

/* clang-format on */

struct d4 {
    uint8_t op, htype, hlen;
    uint8_t ciaddr[4];
    uint8_t chaddr[16];
    const uint8_t *sname, *file;
    size_t sname_n, file_n;
};

static uint8_t frame[8192];

/* op htype hlen hops | xid | secs flags | ciaddr | yiaddr | siaddr | giaddr | chaddr[16] |
 * sname[64] | file[128] | 99.130.83.99 | options */
static size_t build4(const struct d4 *h, const uint8_t *opts, size_t n)
{
    memset(frame, 0, 240);
    frame[0] = h->op;
    frame[1] = h->htype;
    frame[2] = h->hlen;
    memcpy(frame + 4, "\x24\x59\x3b\x3e", 4); /* xid */
    memcpy(frame + 12, h->ciaddr, 4);
    memcpy(frame + 28, h->chaddr, 16);
    if (h->sname)
        memcpy(frame + 44, h->sname, h->sname_n);
    if (h->file)
        memcpy(frame + 108, h->file, h->file_n);
    memcpy(frame + 236, "\x63\x82\x53\x63", 4);
    memcpy(frame + 240, opts, n);
    return 240 + n;
}

static const struct d4 zte_client = {
    .op = 1, .htype = 1, .hlen = 6, .chaddr = {0x00, 0x19, 0xc6, 0x12, 0x34, 0x56}};

static struct tu_collector col;

static enum vs_decode_status run4(size_t len)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.sport = 68;
    pkt.dport = 67;
    tu_reset(&col);
    return vs_dhcp_dissect(vs_cur_make(frame, len), &pkt, tu_collect, &col);
}

static enum vs_decode_status run6(const uint8_t *buf, size_t len)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    pkt.sport = 546;
    pkt.dport = 547;
    tu_reset(&col);
    return vs_dhcp6_dissect(vs_cur_make(buf, len), &pkt, tu_collect, &col);
}

START_TEST(test_discover)
{
    size_t n = build4(&zte_client, opts_zte_discover, sizeof opts_zte_discover);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(v->value, "ZTE F660");
    ck_assert(v->has_mac);
    ck_assert_mem_eq(v->mac, "\x00\x19\xc6\x12\x34\x56", 6);
    /* A DISCOVER's requested address is only a wish: no IP binding. */
    ck_assert(!v->has_ip);
    const struct tu_ev *h = tu_find(&col, VS_F_DHCP_HOSTNAME);
    ck_assert_str_eq(h->value, "F660-ONT");
    ck_assert_uint_eq(h->len, 8);
    ck_assert(h->has_mac);
}
END_TEST

START_TEST(test_request_and_inform)
{
    struct d4 hw = {.op = 1, .htype = 1, .hlen = 6, .chaddr = {0x00, 0xe0, 0xfc, 0xab, 0xcd, 0xef}};
    size_t n = build4(&hw, opts_huawei_request, sizeof opts_huawei_request);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_str_eq(v->value, "huawei AP6050DN");
    ck_assert(v->has_ip);
    ck_assert_uint_eq(v->ip.family, 4);
    ck_assert_mem_eq(v->ip.a, "\x0a\x14\x1e\x28", 4);
    ck_assert_mem_eq(v->mac, "\x00\xe0\xfc\xab\xcd\xef", 6);

    struct d4 inf = {.op = 1,
                     .htype = 1,
                     .hlen = 6,
                     .ciaddr = {192, 168, 7, 9},
                     .chaddr = {0x28, 0xcf, 0xda, 0xdc, 0x8d, 0x76}};
    n = build4(&inf, opts_inform, sizeof opts_inform);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_VENDOR_CLASS), "MSFT 5.0");
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_HOSTNAME), "desk-17");
    for (size_t i = 0; i < col.n; i++) {
        ck_assert(col.ev[i].has_ip);
        ck_assert_mem_eq(col.ev[i].ip.a, "\xc0\xa8\x07\x09", 4);
    }
}
END_TEST

START_TEST(test_overload)
{
    struct d4 h = zte_client;
    h.file = file_overload;
    h.file_n = sizeof file_overload;
    h.sname = sname_overload;
    h.sname_n = sizeof sname_overload;
    size_t n = build4(&h, opts_overload, sizeof opts_overload);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    /* RFC 3396: the two instances of option 60 are one value. */
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_VENDOR_CLASS), "ZTE ZXHN H108N");
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_HOSTNAME), "zte-cpe");

    /* Without option 52 the same file and sname are a boot file name and server name. */
    static const uint8_t no52[] = {0x35, 0x01, 0x01, 0x3c, 0x04, 'Z', 'T', 'E', ' ', 0xff};
    n = build4(&h, no52, sizeof no52);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_VENDOR_CLASS), "ZTE");

    /* Overload of file only (1): sname is left alone. */
    uint8_t only_file[sizeof opts_overload];
    memcpy(only_file, opts_overload, sizeof only_file);
    only_file[5] = 1;
    n = build4(&h, only_file, sizeof only_file);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_VENDOR_CLASS), "ZTE ZXHN H108N");

    /* An option in the fixed-size file field that runs past it is a contradiction. */
    static const uint8_t bad_file[] = {0x3c, 0xff, 'x'};
    uint8_t filebuf[128];
    memset(filebuf, 'x', sizeof filebuf);
    memcpy(filebuf + sizeof filebuf - sizeof bad_file, bad_file, sizeof bad_file);
    memset(filebuf, 0, sizeof filebuf - sizeof bad_file);
    h.file = filebuf;
    h.file_n = sizeof filebuf;
    n = build4(&h, opts_overload, sizeof opts_overload);
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
}
END_TEST

START_TEST(test_server_reply)
{
    struct d4 h = {.op = 2, .htype = 1, .hlen = 6, .chaddr = {0x90, 0xb1, 0x1c, 0x99, 0x49, 0x29}};
    size_t n = build4(&h, opts_server_offer, sizeof opts_server_offer);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    /* The server's own vendor class, unbound; the client's assigned name is not emitted. */
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_str_eq(v->value, "ArubaAP");
    ck_assert(!v->has_mac);
    ck_assert(!v->has_ip);
}
END_TEST

START_TEST(test_non_ethernet)
{
    /* Token ring / InfiniBand: no MAC to bind; the evidence still counts. */
    struct d4 h = zte_client;
    h.htype = 32;
    h.hlen = 0;
    size_t n = build4(&h, opts_zte_discover, sizeof opts_zte_discover);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2);
    ck_assert(!tu_find(&col, VS_F_DHCP_VENDOR_CLASS)->has_mac);
    h.htype = 1;
    h.hlen = 16;
    n = build4(&h, opts_zte_discover, sizeof opts_zte_discover);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert(!tu_find(&col, VS_F_DHCP_VENDOR_CLASS)->has_mac);
}
END_TEST

START_TEST(test_dhcp4_bad)
{
    size_t n = build4(&zte_client, opts_zte_discover, sizeof opts_zte_discover);
    /* Every prefix: truncated until the END option, and only whole values come out. */
    size_t end = 240 + sizeof opts_zte_discover - 3;
    ck_assert_uint_eq(frame[end - 1], 0xff);
    for (size_t k = 0; k < n; k++) {
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, frame, k);
        static struct tu_collector part;
        tu_reset(&part);
        struct vs_pkt pkt;
        tu_pkt_init(&pkt);
        enum vs_decode_status st = vs_dhcp_dissect(vs_cur_make(copy, k), &pkt, tu_collect, &part);
        ck_assert_msg(st == (k < end ? VS_DECODE_TRUNCATED : VS_DECODE_OK), "prefix %zu: %d", k,
                      (int)st);
        for (size_t i = 0; i < part.n; i++)
            ck_assert(strcmp(part.ev[i].value, "ZTE F660") == 0 ||
                      strcmp(part.ev[i].value, "F660-ONT") == 0);
        free(copy);
    }
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    ck_assert_uint_ge(tu_every_prefix(vs_dhcp_dissect, frame, n, &pkt), 1);

    /* Not DHCP: no magic cookie, a bad op, a hardware address longer than chaddr. */
    n = build4(&zte_client, opts_zte_discover, sizeof opts_zte_discover);
    frame[236] = 0;
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    n = build4(&zte_client, opts_zte_discover, sizeof opts_zte_discover);
    frame[0] = 3;
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    n = build4(&zte_client, opts_zte_discover, sizeof opts_zte_discover);
    frame[2] = 17;
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);

    /* Fixed-size options with the wrong size. */
    static const uint8_t bad50[] = {0x32, 0x03, 1, 2, 3, 0xff};
    n = build4(&zte_client, bad50, sizeof bad50);
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    static const uint8_t bad53[] = {0x35, 0x02, 1, 1, 0xff};
    n = build4(&zte_client, bad53, sizeof bad53);
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    static const uint8_t bad52[] = {0x34, 0x02, 1, 1, 0xff};
    n = build4(&zte_client, bad52, sizeof bad52);
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    /* An option running off the end of the datagram. */
    static const uint8_t cut[] = {0x3c, 0x20, 'Z', 'T', 'E'};
    n = build4(&zte_client, cut, sizeof cut);
    ck_assert_int_eq(run4(n), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* Zero-length and all-NUL values say nothing. */
    static const uint8_t empty[] = {0x3c, 0x00, 0x0c, 0x02, 0x00, 0x00, 0xff};
    n = build4(&zte_client, empty, sizeof empty);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* A long option split into many instances is cut at VS_MAX_VALUE_LEN. */
    uint8_t many[10 * 257 + 1];
    size_t m = 0;
    for (int i = 0; i < 10; i++) {
        many[m++] = 60;
        many[m++] = 255;
        memset(many + m, 'A' + i, 255);
        m += 255;
    }
    many[m++] = 0xff;
    n = build4(&zte_client, many, m);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert_uint_eq(col.ev[0].len, VS_MAX_VALUE_LEN);
}
END_TEST

START_TEST(test_dhcp4_flood)
{
    /* Thousands of options (here 1000 x option 43, two bytes each, past the bound). */
    static uint8_t opts[2000 * 3 + 16];
    size_t m = 0;
    for (int i = 0; i < 2000; i++) {
        opts[m++] = 43;
        opts[m++] = 1;
        opts[m++] = 0;
    }
    opts[m++] = 0xff;
    ck_assert_uint_le(240 + m, sizeof frame);
    size_t n = build4(&zte_client, opts, 1000 * 3);
    ck_assert_int_eq(run4(n), VS_DECODE_MALFORMED);
    /* Padding is not counted: a frame of pads is fine. */
    memset(opts, 0, 3000);
    memcpy(opts + 3000, "\x3c\x03ZTE\xff", 6);
    n = build4(&zte_client, opts, 3006);
    ck_assert_int_eq(run4(n), VS_DECODE_OK);
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_VENDOR_CLASS), "ZTE");
}
END_TEST

/* ---- DHCPv6 ---- */

START_TEST(test_dhcp6_solicit)
{
    ck_assert_int_eq(run6(d6_solicit, sizeof d6_solicit), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 3);
    ck_assert(tu_has(&col, VS_F_DHCP_VENDOR_CLASS, "HW-HG8245H"));
    ck_assert(tu_has(&col, VS_F_DHCP_VENDOR_CLASS, "v2"));
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_uint_eq(v->num, 2011);
    /* The client ID (DUID-LL) names the MAC even though it comes first. */
    ck_assert(v->has_mac);
    ck_assert_mem_eq(v->mac, "\x00\xe0\xfc\x12\x34\x56", 6);
    ck_assert(!v->has_ip);
    ck_assert_str_eq(tu_get(&col, VS_F_DHCP_HOSTNAME), "ont-01.example.com");
}
END_TEST

START_TEST(test_dhcp6_vendor_opts)
{
    ck_assert_int_eq(run6(d6_info_request, sizeof d6_info_request), VS_DECODE_OK);
    /* The text sub-option only; the binary one is the vendor's business. */
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_str_eq(v->value, "Arista;Test-Dhcpv6Discover;01.00;HSH14425148");
    ck_assert_uint_eq(v->num, 30065);
    /* DUID-LLT: the MAC after hardware type and time, though the ID comes last. */
    ck_assert(v->has_mac);
    ck_assert_mem_eq(v->mac, "\x00\x1c\x73\x11\x22\x33", 6);
}
END_TEST

START_TEST(test_dhcp6_relay)
{
    ck_assert_int_eq(run6(d6_relay, sizeof d6_relay), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    const struct tu_ev *v = tu_find(&col, VS_F_DHCP_VENDOR_CLASS);
    ck_assert_str_eq(v->value, "MSFT 5.0");
    ck_assert_uint_eq(v->num, 311);
    /* The relay speaks for the client: its MAC (RFC 6939) and its link-local address. */
    ck_assert(v->has_mac);
    ck_assert_mem_eq(v->mac, "\x00\x11\x22\x33\x44\x55", 6);
    ck_assert(v->has_ip);
    ck_assert_uint_eq(v->ip.family, 6);
    ck_assert_mem_eq(v->ip.a, "\xfe\x80\0\0\0\0\0\0\x02\x11\x22\x33\x44\x55\x66\x77", 16);

    /* A relay-message option cut short inside the relay is a contradiction... */
    uint8_t bad[sizeof d6_relay];
    memcpy(bad, d6_relay, sizeof bad);
    ck_assert_uint_eq(bad[sizeof bad - 15], 0x0e);
    bad[sizeof bad - 15] = 0x40; /* inner option 16 claims 64 bytes */
    ck_assert_int_eq(run6(bad, sizeof bad), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);

    /* ...and relays nested past the RFC 8415 hop limit are refused. */
    static uint8_t deep[40 * 12 + 64];
    size_t n = 0;
    size_t levels = 12;
    for (size_t i = 0; i < levels; i++) {
        size_t rest = (levels - i - 1) * 38 + 4 + 8;
        deep[n++] = 12;
        deep[n++] = (uint8_t)i;
        memset(deep + n, 0, 32);
        n += 32;
        deep[n++] = 0;
        deep[n++] = 9;
        deep[n++] = (uint8_t)(rest >> 8);
        deep[n++] = (uint8_t)rest;
    }
    memcpy(deep + n, "\x01\x00\x00\x01\x00\x10\x00\x04\x00\x00\x00\x09", 12);
    n += 12;
    ck_assert_int_eq(run6(deep, n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_dhcp6_bad)
{
    /* A Reply describes the server's answer; so does an Advertise. */
    ck_assert_int_eq(run6(d6_reply, sizeof d6_reply), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    uint8_t f[sizeof d6_reply];
    memcpy(f, d6_reply, sizeof f);
    f[0] = 2;
    ck_assert_int_eq(run6(f, sizeof f), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);

    /* Every prefix of the Solicit: truncated, whole values only. */
    static struct tu_collector full, part;
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    tu_reset(&full);
    vs_dhcp6_dissect(vs_cur_make(d6_solicit, sizeof d6_solicit), &pkt, tu_collect, &full);
    for (size_t k = 0; k < sizeof d6_solicit; k++) {
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, d6_solicit, k);
        tu_reset(&part);
        enum vs_decode_status st = vs_dhcp6_dissect(vs_cur_make(copy, k), &pkt, tu_collect, &part);
        /* Cut exactly between options the message is whole as far as it goes. */
        ck_assert_int_ne(st, VS_DECODE_MALFORMED);
        for (size_t i = 0; i < part.n; i++)
            ck_assert(tu_has(&full, part.ev[i].field, part.ev[i].value));
        free(copy);
    }
    ck_assert_uint_ge(tu_every_prefix(vs_dhcp6_dissect, d6_relay, sizeof d6_relay, &pkt), 1);

    /* Vendor class item longer than its option; an option shorter than a PEN. */
    static const uint8_t vc_over[] = {0x01, 0, 0,    1,    0x00, 0x10, 0x00, 0x07,
                                      0,    0, 0x07, 0xdb, 0x00, 0x09, 'H'};
    ck_assert_int_eq(run6(vc_over, sizeof vc_over), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    static const uint8_t vc_short[] = {0x01, 0, 0, 1, 0x00, 0x10, 0x00, 0x02, 0, 0};
    ck_assert_int_eq(run6(vc_short, sizeof vc_short), VS_DECODE_MALFORMED);
    /* Vendor options: shorter than a PEN, a sub-option running past the option. */
    static const uint8_t vo_short[] = {0x01, 0, 0, 1, 0x00, 0x11, 0x00, 0x03, 0, 0, 0x75};
    ck_assert_int_eq(run6(vo_short, sizeof vo_short), VS_DECODE_MALFORMED);
    static const uint8_t vo_over[] = {0x01, 0,    0,    1,    0x00, 0x11, 0x00, 0x09, 0,
                                      0,    0x75, 0x71, 0x00, 0x01, 0x00, 0x09, 'A'};
    ck_assert_int_eq(run6(vo_over, sizeof vo_over), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* An FQDN option with no flags octet. */
    static const uint8_t fq_empty[] = {0x01, 0, 0, 1, 0x00, 0x27, 0x00, 0x00};
    ck_assert_int_eq(run6(fq_empty, sizeof fq_empty), VS_DECODE_MALFORMED);
    /* A client ID that is not Ethernet (DUID-EN, or hardware type 6) names no MAC. */
    static const uint8_t en[] = {0x01, 0,    0,    1,    0x00, 0x01, 0x00, 0x0a, 0x00, 0x02,
                                 0x00, 0x00, 0x07, 0xdb, 0x01, 0x02, 0x03, 0x04, 0x00, 0x10,
                                 0x00, 0x07, 0x00, 0x00, 0x07, 0xdb, 0x00, 0x01, 'x'};
    ck_assert_int_eq(run6(en, sizeof en), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    ck_assert(!col.ev[0].has_mac);
    /* FQDN with a 64-octet label or a compression pointer. */
    static uint8_t fq[4 + 4 + 1 + 1 + 64];
    memcpy(fq, "\x01\0\0\x01\x00\x27\x00\x42\x01\x40", 10);
    memset(fq + 10, 'a', 64);
    ck_assert_int_eq(run6(fq, sizeof fq), VS_DECODE_MALFORMED);
    static const uint8_t ptr[] = {0x01, 0, 0, 1, 0x00, 0x27, 0x00, 0x03, 0x01, 0xc0, 0x0c};
    ck_assert_int_eq(run6(ptr, sizeof ptr), VS_DECODE_MALFORMED);
    /* Option length past the datagram. */
    static const uint8_t over[] = {0x01, 0, 0, 1, 0x00, 0x10, 0x01, 0x00, 0, 0, 0x07};
    ck_assert_int_eq(run6(over, sizeof over), VS_DECODE_TRUNCATED);
    /* Zero-length vendor data and a root-only FQDN say nothing. */
    static const uint8_t nothing[] = {0x01, 0,    0,    1,    0x00, 0x10, 0x00, 0x06, 0,    0,
                                      0x07, 0xdb, 0x00, 0x00, 0x00, 0x27, 0x00, 0x02, 0x00, 0x00};
    ck_assert_int_eq(run6(nothing, sizeof nothing), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_int_eq(run6(nothing, 0), VS_DECODE_TRUNCATED);
    ck_assert_int_eq(run6(nothing, 2), VS_DECODE_TRUNCATED);

    /* Thousands of options. */
    static uint8_t flood[4 + 3000 * 4];
    memcpy(flood, "\x01\0\0\x01", 4);
    for (size_t i = 0; i < 3000; i++)
        memcpy(flood + 4 + 4 * i, "\x00\x08\x00\x00", 4);
    ck_assert_int_eq(run6(flood, sizeof flood), VS_DECODE_MALFORMED);
}
END_TEST

/* ---- corpus ---- */

static struct tu_collector corpus_ev;
static void corpus_cb(void *ctx, const struct ipc_frame *f)
{
    (void)ctx;
    if (f->kind != IPC_UDP)
        return;
    enum vs_decode_status st = VS_DECODE_OK;
    if (f->pkt.dport == 67 || f->pkt.dport == 68)
        st = vs_dhcp_dissect(f->body, &f->pkt, tu_collect, &corpus_ev);
    else if (f->pkt.dport == 546 || f->pkt.dport == 547)
        st = vs_dhcp6_dissect(f->body, &f->pkt, tu_collect, &corpus_ev);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
}

static const struct tu_collector *corpus(const char *sub, const char *file, bool must_read)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", ipc_corpus_dir(), sub, file);
    tu_reset(&corpus_ev);
    long n = ipc_walk(path, corpus_cb, NULL);
    ck_assert_msg(!must_read || n > 0, "%s: cannot read", path);
    return &corpus_ev;
}

static bool has_bound(const struct tu_collector *c, enum vs_field f, const char *v, const char *mac)
{
    uint8_t m[6];
    ck_assert(vs_mac_parse(mac, m));
    for (size_t i = 0; i < c->n; i++)
        if (c->ev[i].field == f && strcmp(c->ev[i].value, v) == 0 && c->ev[i].has_mac &&
            memcmp(c->ev[i].mac, m, 6) == 0)
            return true;
    return false;
}

START_TEST(test_corpus_expected)
{
    if (!ipc_corpus_dir())
        return;
    const struct tu_collector *c =
        corpus("pcap", "suricata-verify__dhcp-option-52-overload__input.pcap", true);
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "udhcp 1.36.1", "92:dd:a4:8d:5f:de"));
    c = corpus("pcap", "suricata-verify__dhcp-eve-extended-option-60__input.pcap", true);
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "MSFT 5.0", "28:cf:da:dc:8d:76"));
    c = corpus("pcap", "tcpdump__dhcp-mud.pcap", true);
    ck_assert(tu_has(c, VS_F_DHCP_VENDOR_CLASS, "dhcpcd-6.11.5:Linux-4.1.18-v7+:armv7l:BCM2709"));
    c = corpus("pcap", "ndpi__zoom.pcap", true);
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "TL-SG116E", "d8:0d:17:d6:55:ab"));
    c = corpus("pcap", "ndpi__1kxun.pcap", true);
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "dhcpcd-5.5.6", "bc:ee:7b:0c:b3:de"));
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "MSFT 5.0", "48:d2:24:63:0a:de"));
    c = corpus("pcap", "zeek__dhcp__dhcp.pcap", true);
    ck_assert(tu_has(c, VS_F_DHCP_VENDOR_CLASS, "ArubaAP"));
    c = corpus("pcap", "tcpdump__dhcpv4v6-rfc5970-rfc8572.pcap", true);
    ck_assert(tu_has(c, VS_F_DHCP_VENDOR_CLASS, "Arista"));
    ck_assert(tu_has(c, VS_F_DHCP_VENDOR_CLASS, "Arista;Test-Dhcpv6Discover;01.00;HSH14425148"));
    c = corpus("pcap", "suricata-verify__output-eve-ftp-data__input.pcap", true);
    ck_assert(has_bound(c, VS_F_DHCP_VENDOR_CLASS, "MSFT 5.0", "68:5d:43:8b:f9:de"));
    /* DHCPv6 option 16 from Windows: enterprise 311 (Microsoft). */
    bool v6 = false;
    for (size_t i = 0; i < c->n; i++)
        v6 |= c->ev[i].field == VS_F_DHCP_VENDOR_CLASS && c->ev[i].num == 311;
    ck_assert(v6);
}
END_TEST

START_TEST(test_corpus_sweep)
{
    const char *dir = ipc_corpus_dir();
    if (!dir)
        return;
    static const char *const sub[] = {"pcap", "malformed"};
    for (size_t s = 0; s < 2; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, sub[s]);
        DIR *d = opendir(path);
        ck_assert_ptr_nonnull(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL)
            if (de->d_name[0] != '.')
                corpus(sub[s], de->d_name, false);
        closedir(d);
    }
}
END_TEST

static Suite *dhcp_suite(void)
{
    Suite *s = suite_create("dhcp");
    TCase *v4 = tcase_create("dhcpv4");
    tcase_add_test(v4, test_discover);
    tcase_add_test(v4, test_request_and_inform);
    tcase_add_test(v4, test_overload);
    tcase_add_test(v4, test_server_reply);
    tcase_add_test(v4, test_non_ethernet);
    tcase_add_test(v4, test_dhcp4_bad);
    tcase_add_test(v4, test_dhcp4_flood);
    suite_add_tcase(s, v4);
    TCase *v6 = tcase_create("dhcpv6");
    tcase_add_test(v6, test_dhcp6_solicit);
    tcase_add_test(v6, test_dhcp6_vendor_opts);
    tcase_add_test(v6, test_dhcp6_relay);
    tcase_add_test(v6, test_dhcp6_bad);
    suite_add_tcase(s, v6);
    TCase *cor = tcase_create("corpus");
    tcase_set_timeout(cor, 120);
    tcase_add_test(cor, test_corpus_expected);
    tcase_add_test(cor, test_corpus_sweep);
    suite_add_tcase(s, cor);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dhcp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
