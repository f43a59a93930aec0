/* SPDX-License-Identifier: BSD-2-Clause */
/* check_pcapng.c - the own pcapng reader (draft-ietf-opsawg-pcapng): files built here block by
 * block in either byte order (mixed link types and snaplens, if_tsresol/if_tsoffset, sections,
 * SPB, obsolete PB, skipped blocks), every truncation, every length lie, and the corpus. */
#include <check.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/limits.h"
#include "vendorsniff/pcapng.h"

/* ---- a pcapng writer, test-only --------------------------------------------------------- */

struct nb {
    uint8_t *b;
    size_t n, cap;
    bool be;
    size_t ends[64]; /* file offsets where blocks end: the clean cut points */
    size_t nends;
};

static void put(struct nb *w, const void *p, size_t k)
{
    if (w->n + k > w->cap) {
        w->cap = (w->n + k) * 2 + 256;
        w->b = realloc(w->b, w->cap);
        ck_assert_ptr_nonnull(w->b);
    }
    memcpy(w->b + w->n, p, k);
    w->n += k;
}

static void p8(struct nb *w, uint8_t v)
{
    put(w, &v, 1);
}

static void p16(struct nb *w, uint16_t v)
{
    uint8_t x[2] = {(uint8_t)(w->be ? v >> 8 : v), (uint8_t)(w->be ? v : v >> 8)};
    put(w, x, 2);
}

static void p32(struct nb *w, uint32_t v)
{
    p16(w, (uint16_t)(w->be ? v >> 16 : v));
    p16(w, (uint16_t)(w->be ? v : v >> 16));
}

static void p64(struct nb *w, uint64_t v)
{
    p32(w, (uint32_t)(w->be ? v >> 32 : v));
    p32(w, (uint32_t)(w->be ? v : v >> 32));
}

static void set32(struct nb *w, size_t at, uint32_t v)
{
    size_t n = w->n;
    w->n = at;
    p32(w, v);
    w->n = n;
}

static size_t begin(struct nb *w, uint32_t type)
{
    size_t at = w->n;
    p32(w, type);
    p32(w, 0);
    return at;
}

/* Pads the body to 4, writes the trailing length and patches the leading one. */
static void end(struct nb *w, size_t at)
{
    while ((w->n - at) % 4)
        p8(w, 0);
    uint32_t len = (uint32_t)(w->n - at + 4);
    p32(w, len);
    set32(w, at + 4, len);
    if (w->nends < 64)
        w->ends[w->nends++] = w->n;
}

static void shb(struct nb *w, bool be)
{
    w->be = be;
    size_t at = begin(w, 0x0A0D0D0A);
    p32(w, 0x1A2B3C4D);
    p16(w, 1);          /* major */
    p16(w, 0);          /* minor */
    p64(w, UINT64_MAX); /* section length: unknown */
    end(w, at);
}

/* tsresol < 0: no if_tsresol option; has_off: an if_tsoffset option. */
static void idb(struct nb *w, uint16_t linktype, uint32_t snaplen, int tsresol, bool has_off,
                int64_t off)
{
    size_t at = begin(w, 1);
    p16(w, linktype);
    p16(w, 0);
    p32(w, snaplen);
    p16(w, 2); /* if_name "eth0" - an option the reader must step over */
    p16(w, 4);
    put(w, "eth0", 4);
    if (tsresol >= 0) {
        p16(w, 9);
        p16(w, 1);
        p8(w, (uint8_t)tsresol);
        p8(w, 0);
        p16(w, 0);
    }
    if (has_off) {
        p16(w, 14);
        p16(w, 8);
        p64(w, (uint64_t)off);
    }
    p16(w, 0); /* opt_endofopt */
    p16(w, 0);
    end(w, at);
}

static void epb(struct nb *w, uint32_t ifid, uint64_t ts, const void *d, uint32_t caplen,
                uint32_t wirelen)
{
    size_t at = begin(w, 6);
    p32(w, ifid);
    p32(w, (uint32_t)(ts >> 32));
    p32(w, (uint32_t)ts);
    p32(w, caplen);
    p32(w, wirelen);
    put(w, d, caplen);
    while ((w->n - at) % 4)
        p8(w, 0);
    p16(w, 2); /* epb_flags, after the data: ignored but must not be taken for data */
    p16(w, 4);
    p32(w, 1);
    end(w, at);
}

static void spb(struct nb *w, uint32_t wirelen, const void *d, uint32_t n)
{
    size_t at = begin(w, 3);
    p32(w, wirelen);
    put(w, d, n);
    end(w, at);
}

static void opb(struct nb *w, uint16_t ifid, uint64_t ts, const void *d, uint32_t caplen,
                uint32_t wirelen)
{
    size_t at = begin(w, 2);
    p16(w, ifid);
    p16(w, 7); /* drops count */
    p32(w, (uint32_t)(ts >> 32));
    p32(w, (uint32_t)ts);
    p32(w, caplen);
    p32(w, wirelen);
    put(w, d, caplen);
    end(w, at);
}

/* Any other block: a body of n bytes of filler. */
static void other(struct nb *w, uint32_t type, size_t n)
{
    size_t at = begin(w, type);
    for (size_t i = 0; i < n; i++)
        p8(w, (uint8_t)(0xA0 + i));
    end(w, at);
}

static void nb_free(struct nb *w)
{
    free(w->b);
    memset(w, 0, sizeof *w);
}

/* Frames used as packet data. Ethernet II, dst ff:ff:ff:ff:ff:ff src 00:e0:fc:11:22:33
 * (Huawei OUI), ethertype 0x0806 (ARP), then 4 payload bytes. */
static const uint8_t eth_frame[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0xe0, 0xfc,
                                    0x11, 0x22, 0x33, 0x08, 0x06, 0xde, 0xad, 0xbe, 0xef};
/* DLT_NULL: address family 2 (AF_INET) in host (here little-endian) order, then an IPv4
 * header's first 8 bytes: version 4 / IHL 5, TOS 0, total length 28, id 0x1234, no frag. */
static const uint8_t null_frame[] = {0x02, 0x00, 0x00, 0x00, 0x45, 0x00,
                                     0x00, 0x1c, 0x12, 0x34, 0x00, 0x00};

/* ---- reading helpers ---------------------------------------------------------------- */

struct rd {
    FILE *f;
    struct vs_pcapng *r;
    char err[512];
};

static int rd_open(struct rd *x, const struct nb *w, size_t n)
{
    memset(x, 0, sizeof *x);
    /* A real temporary file, so that a zero-length input works and reads hit stdio paths. */
    x->f = tmpfile();
    ck_assert_ptr_nonnull(x->f);
    if (n)
        ck_assert_uint_eq(fwrite(w->b, 1, n, x->f), n);
    rewind(x->f);
    return vs_pcapng_open(x->f, "t", &x->r, x->err, sizeof x->err);
}

static void rd_close(struct rd *x)
{
    vs_pcapng_close(x->r);
    fclose(x->f);
    x->r = NULL;
}

static int rd_next(struct rd *x, struct vs_pcapng_pkt *p)
{
    return vs_pcapng_next(x->r, p, x->err, sizeof x->err);
}

/* Reads to the end; returns the final status (0 or <0) and counts packets. */
static int rd_all(struct rd *x, size_t *count)
{
    struct vs_pcapng_pkt p;
    int rc;
    *count = 0;
    while ((rc = rd_next(x, &p)) == 1)
        (*count)++;
    return rc;
}

/* ---- tests ---------------------------------------------------------------------------- */

START_TEST(test_mixed_link_types_and_snaplens)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 65535, -1, false, 0);  /* Ethernet, libpcap would stop at the next IDB */
    idb(&w, 0, 262144, -1, false, 0); /* DLT_NULL, other snaplen */
    epb(&w, 0, 1700000000123456ull, eth_frame, sizeof eth_frame, 60);
    epb(&w, 1, 1700000001000001ull, null_frame, sizeof null_frame, sizeof null_frame);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(vs_pcapng_ninterfaces(x.r), 2);
    ck_assert_int_eq(vs_pcapng_interface_dlt(x.r, 0), 1);
    ck_assert_int_eq(vs_pcapng_interface_dlt(x.r, 1), 0);
    ck_assert_uint_eq(vs_pcapng_interface_snaplen(x.r, 0), 65535);
    ck_assert_uint_eq(vs_pcapng_interface_snaplen(x.r, 1), 262144);
    ck_assert_int_eq(vs_pcapng_interface_dlt(x.r, 2), -1);
    ck_assert_uint_eq(vs_pcapng_interface_snaplen(x.r, 2), 0);
    ck_assert_int_eq(p.dlt, 1);
    ck_assert_uint_eq(p.ifindex, 0);
    ck_assert_int_eq(p.sec, 1700000000);
    ck_assert_uint_eq(p.usec, 123456);
    ck_assert_uint_eq(p.caplen, sizeof eth_frame);
    ck_assert_uint_eq(p.wirelen, 60);
    ck_assert_mem_eq(p.data, eth_frame, sizeof eth_frame);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.dlt, 0);
    ck_assert_uint_eq(p.ifindex, 1);
    ck_assert_int_eq(p.sec, 1700000001);
    ck_assert_uint_eq(p.usec, 1);
    ck_assert_uint_eq(p.caplen, sizeof null_frame);
    ck_assert_mem_eq(p.data, null_frame, sizeof null_frame);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    ck_assert_int_eq(rd_next(&x, &p), 0); /* EOF stays EOF */
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* One IDB per resolution, one packet on each, exact expected seconds and microseconds. */
START_TEST(test_tsresol)
{
    static const struct {
        int res;
        uint64_t ts;
        int64_t sec;
        uint32_t usec;
    } cases[] = {
        {-1, 1700000000123456ull, 1700000000, 123456},   /* default 10^-6 */
        {6, 999999ull, 0, 999999},                       /* explicit 10^-6 */
        {9, 1700000000123456789ull, 1700000000, 123456}, /* ns, truncated */
        {3, 1700000000123ull, 1700000000, 123000},       /* ms */
        {0, 1700000000ull, 1700000000, 0},               /* s */
        {0x80 | 10, 5 * 1024 + 513, 5, 500976},          /* 2^-10: 513/1024 s */
        {0x80 | 0, 77, 77, 0},                           /* 2^0 */
        {0x80 | 63, UINT64_MAX, 1, 999999},              /* 2^-63: 1 + (2^63-1)/2^63 */
        {0x80 | 63, UINT64_C(1) << 62, 0, 500000},       /* exactly half a second */
        {0x80 | 32, (UINT64_C(1700000000) << 32) | 0x40000000u, 1700000000, 250000},
        {19, UINT64_MAX, 1, 844674},  /* 10^-19 */
        {12, 1000000000001ull, 1, 0}, /* ps: 1 s + 1 ps */
    };
    size_t n = sizeof cases / sizeof cases[0];
    struct nb w = {0};
    shb(&w, false);
    for (size_t i = 0; i < n; i++)
        idb(&w, 1, 0, cases[i].res, false, 0);
    for (size_t i = 0; i < n; i++)
        epb(&w, (uint32_t)i, cases[i].ts, eth_frame, 14, 14);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    for (size_t i = 0; i < n; i++) {
        struct vs_pcapng_pkt p;
        ck_assert_int_eq(rd_next(&x, &p), 1);
        ck_assert_uint_eq(p.ifindex, i);
        ck_assert_msg(p.sec == cases[i].sec && p.usec == cases[i].usec,
                      "case %zu: got %lld.%06u want %lld.%06u", i, (long long)p.sec, p.usec,
                      (long long)cases[i].sec, cases[i].usec);
    }
    struct vs_pcapng_pkt last;
    ck_assert_int_eq(rd_next(&x, &last), 0);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_tsresol_unsupported_or_overflowing)
{
    static const int bad[] = {20, 127, 0x80 | 64, 0xff};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct nb w = {0};
        shb(&w, false);
        idb(&w, 1, 0, bad[i], false, 0);
        struct rd x;
        ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
        struct vs_pcapng_pkt p;
        ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
        ck_assert_msg(strstr(x.err, "if_tsresol") && strstr(x.err, "at offset 28"), "%s", x.err);
        rd_close(&x);
        nb_free(&w);
    }
    /* Seconds resolution with a count beyond INT64_MAX cannot be a time_t-like value. */
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, 0, false, 0);
    epb(&w, 0, UINT64_MAX, eth_frame, 14, 14);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_msg(strstr(x.err, "timestamp out of range"), "%s", x.err);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_tsoffset)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, true, 3600);                /* +1 h */
    idb(&w, 1, 0, 9, true, -10);                  /* ns, -10 s */
    idb(&w, 1, 0, -1, true, INT64_MAX);           /* overflows with any non-zero second */
    epb(&w, 0, 1000500000ull, eth_frame, 14, 14); /* 1000.5 s + 3600 */
    epb(&w, 1, 5250000000ull, eth_frame, 14, 14); /* 5.25 s - 10 */
    epb(&w, 2, 999999ull, eth_frame, 14, 14);     /* 0.999999 s + INT64_MAX: fits */
    epb(&w, 2, 2000000ull, eth_frame, 14, 14);    /* 2 s + INT64_MAX: does not */
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.sec, 4600);
    ck_assert_uint_eq(p.usec, 500000);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.sec, -5); /* -5 s + 0.25 s = -4.75 s */
    ck_assert_uint_eq(p.usec, 250000);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.sec, INT64_MAX);
    ck_assert_uint_eq(p.usec, 999999);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_msg(strstr(x.err, "timestamp out of range"), "%s", x.err);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_big_endian_section)
{
    struct nb w = {0};
    shb(&w, true);
    idb(&w, 113, 1500, 9, true, 1);
    epb(&w, 0, 0x0102030405060708ull, eth_frame, 16, 1514);
    ck_assert_uint_eq(w.b[8], 0x1a); /* the writer really wrote big-endian */
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.dlt, 113);
    ck_assert_uint_eq(vs_pcapng_interface_snaplen(x.r, 0), 1500);
    /* 0x0102030405060708 ns = 72623859790382856 ns = 72623859.790382856 s, plus 1 s */
    ck_assert_int_eq(p.sec, 72623860);
    ck_assert_uint_eq(p.usec, 790382);
    ck_assert_uint_eq(p.caplen, 16);
    ck_assert_uint_eq(p.wirelen, 1514);
    ck_assert_mem_eq(p.data, eth_frame, 16);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* A second SHB (here in the other byte order) forgets the first section's interfaces. */
START_TEST(test_two_sections)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    idb(&w, 1, 0, -1, false, 0);
    epb(&w, 1, 1000000, eth_frame, 14, 14);
    shb(&w, true);
    idb(&w, 276, 0, 3, false, 0);
    epb(&w, 0, 2500, null_frame, 4, 4);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(vs_pcapng_ninterfaces(x.r), 2);
    ck_assert_uint_eq(p.ifindex, 1);
    ck_assert_int_eq(p.sec, 1);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(vs_pcapng_ninterfaces(x.r), 1);
    ck_assert_int_eq(p.dlt, 276);
    ck_assert_int_eq(p.sec, 2);
    ck_assert_uint_eq(p.usec, 500000);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    rd_close(&x);
    nb_free(&w);

    /* Interface 1 existed in section 1 only. */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    idb(&w, 1, 0, -1, false, 0);
    size_t second = w.n;
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    size_t bad = w.n;
    epb(&w, 1, 0, eth_frame, 14, 14);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    char want[128];
    snprintf(want, sizeof want,
             "t: enhanced packet block: interface id 1 out of range (1 interfaces) at offset %zu",
             bad);
    ck_assert_str_eq(x.err, want);
    ck_assert_uint_gt(bad, second);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_simple_packet_block)
{
    uint8_t big[100];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 64, -1, false, 0);
    epb(&w, 0, 42000007, eth_frame, 14, 14);
    spb(&w, 100, big, 64);  /* snapped to the IDB's 64 */
    spb(&w, 10, big, 10);   /* 10 bytes + 2 of padding: caplen is the original length */
    spb(&w, 100, big, 100); /* more data than snaplen: still the snaplen */
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.ifindex, 0);
    ck_assert_int_eq(p.dlt, 1);
    ck_assert_int_eq(p.sec, 42); /* the previous packet's time */
    ck_assert_uint_eq(p.usec, 7);
    ck_assert_uint_eq(p.caplen, 64);
    ck_assert_uint_eq(p.wirelen, 100);
    ck_assert_mem_eq(p.data, big, 64);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.caplen, 10);
    ck_assert_uint_eq(p.wirelen, 10);
    ck_assert_mem_eq(p.data, big, 10);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.caplen, 64);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    rd_close(&x);
    nb_free(&w);

    /* snaplen 0 = unlimited: the caplen is what the block holds. */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    spb(&w, 1000, big, 100);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.sec, 0); /* no earlier packet */
    ck_assert_uint_eq(p.caplen, 100);
    ck_assert_uint_eq(p.wirelen, 1000);
    rd_close(&x);
    nb_free(&w);

    /* An SPB needs interface 0. */
    shb(&w, false);
    spb(&w, 10, big, 10);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(
        x.err, "t: simple packet block: interface id 0 out of range (0 interfaces) at offset 28");
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_obsolete_packet_block)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    idb(&w, 0, 0, 9, false, 0);
    opb(&w, 1, 3000000005ull, null_frame, sizeof null_frame, 40);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.dlt, 0);
    ck_assert_uint_eq(p.ifindex, 1);
    ck_assert_int_eq(p.sec, 3);
    ck_assert_uint_eq(p.usec, 0);
    ck_assert_uint_eq(p.caplen, sizeof null_frame);
    ck_assert_uint_eq(p.wirelen, 40);
    ck_assert_mem_eq(p.data, null_frame, sizeof null_frame);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_skipped_blocks)
{
    struct nb w = {0};
    shb(&w, false);
    other(&w, 4, 16); /* NRB */
    idb(&w, 1, 0, -1, false, 0);
    other(&w, 5, 20); /* ISB */
    epb(&w, 0, 1, eth_frame, 14, 14);
    other(&w, 0x0A, 33);      /* DSB, odd body padded */
    other(&w, 0x00000BAD, 8); /* custom, copyable */
    other(&w, 0x40000BAD, 0); /* custom, not copyable, empty body */
    other(&w, 0x80000001, 4); /* reserved local-use type */
    other(&w, 9, 4096);       /* systemd journal export */
    epb(&w, 0, 2, eth_frame, 14, 14);
    other(&w, 5, 20);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    size_t n;
    ck_assert_int_eq(rd_all(&x, &n), 0);
    ck_assert_uint_eq(n, 2);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* Cut the file at every byte: at a block boundary the read ends cleanly after the packets of
 * the whole blocks; anywhere else it is "truncated" at the offset of the cut block. */
START_TEST(test_every_truncation)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, 9, true, 5);
    epb(&w, 0, 1, eth_frame, sizeof eth_frame, 60);
    other(&w, 5, 12);
    spb(&w, 18, eth_frame, sizeof eth_frame);
    opb(&w, 0, 3, null_frame, 5, 5);
    shb(&w, true);
    idb(&w, 0, 0, -1, false, 0);
    epb(&w, 0, 1, null_frame, sizeof null_frame, sizeof null_frame);
    /* packets completed at each block end (index into w.ends) */
    static const size_t pkts_at_end[] = {0, 0, 1, 1, 2, 3, 3, 3, 4};
    ck_assert_uint_eq(w.nends, 9);
    for (size_t cut = 0; cut <= w.n; cut++) {
        struct rd x;
        int rc = rd_open(&x, &w, cut);
        if (cut < 4) {
            ck_assert_int_eq(rc, -EINVAL);
            ck_assert_str_eq(x.err, "t: not a pcapng file");
            ck_assert_ptr_null(x.r);
            fclose(x.f);
            continue;
        }
        if (cut < w.ends[0]) {
            ck_assert_int_eq(rc, -ENODATA);
            ck_assert_str_eq(x.err, "t: truncated pcapng block at offset 0");
            fclose(x.f);
            continue;
        }
        ck_assert_int_eq(rc, 0);
        size_t n;
        rc = rd_all(&x, &n);
        size_t blk = 0;
        while (blk + 1 < w.nends && w.ends[blk + 1] <= cut)
            blk++;
        ck_assert_msg(n == pkts_at_end[blk], "cut %zu: %zu packets", cut, n);
        if (cut == w.ends[blk]) {
            ck_assert_msg(rc == 0, "cut %zu: rc %d %s", cut, rc, x.err);
        } else {
            char want[80];
            snprintf(want, sizeof want, "t: truncated pcapng block at offset %zu", w.ends[blk]);
            ck_assert_int_eq(rc, -ENODATA);
            ck_assert_str_eq(x.err, want);
        }
        rd_close(&x);
    }
    nb_free(&w);
}
END_TEST

/* The reader never seeks: a pipe works. */
START_TEST(test_pipe)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    for (int i = 0; i < 20; i++)
        epb(&w, 0, (uint64_t)i * 1000000, eth_frame, sizeof eth_frame, 60);
    ck_assert_uint_lt(w.n, 4096); /* fits in the pipe buffer: no writer thread needed */
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    ck_assert_int_eq(write(fds[1], w.b, w.n), (ssize_t)w.n);
    close(fds[1]);
    FILE *f = fdopen(fds[0], "rb");
    ck_assert_ptr_nonnull(f);
    struct rd x = {.f = f};
    ck_assert_int_eq(vs_pcapng_open(f, "-", &x.r, x.err, sizeof x.err), 0);
    size_t n;
    ck_assert_int_eq(rd_all(&x, &n), 0);
    ck_assert_uint_eq(n, 20);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* Build SHB + IDB, then a block at offset 60 whose header fields are given raw. */
static int raw_block(uint32_t type, uint32_t len, uint32_t trailer, size_t body, char *err,
                     size_t errsz)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    ck_assert_uint_eq(w.n, 60);
    p32(&w, type);
    p32(&w, len);
    for (size_t i = 0; i < body; i++)
        p8(&w, 0);
    p32(&w, trailer);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    int rc = rd_next(&x, &p);
    snprintf(err, errsz, "%s", x.err);
    /* Sticky: the same error again, never a packet. */
    char again[512];
    ck_assert_int_eq(vs_pcapng_next(x.r, &p, again, sizeof again), rc < 0 ? rc : 0);
    if (rc < 0)
        ck_assert_str_eq(again, err);
    rd_close(&x);
    nb_free(&w);
    return rc;
}

START_TEST(test_block_length_lies)
{
    char err[512];
    ck_assert_int_eq(raw_block(5, 16, 20, 4, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 16 differs from its trailing copy 20 at offset 60");
    ck_assert_int_eq(raw_block(5, 8, 8, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 8 too small at offset 60");
    ck_assert_int_eq(raw_block(5, 0, 0, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 0 too small at offset 60");
    ck_assert_int_eq(raw_block(5, 18, 18, 6, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 18 not a multiple of 4 at offset 60");
    ck_assert_int_eq(raw_block(6, 12345678 * 8, 0, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 98765424 too large at offset 60");
    ck_assert_int_eq(raw_block(6, 12345678 * 8 + 2, 0, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 98765426 too large at offset 60");
    ck_assert_int_eq(raw_block(5, 0xFFFFFFFC, 0, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: block length 4294967292 too large at offset 60");
    /* Within the cap but far beyond the file: truncated, and the buffer did not grow to it. */
    ck_assert_int_eq(raw_block(5, VS_MAX_PCAPNG_BLOCK, 0, 100, err, sizeof err), -ENODATA);
    ck_assert_str_eq(err, "t: truncated pcapng block at offset 60");
    /* The minimal 12-byte block is fine. */
    ck_assert_int_eq(raw_block(5, 12, 12, 0, err, sizeof err), 0);
    /* A packet block too short for its fixed fields. */
    ck_assert_int_eq(raw_block(6, 24, 24, 12, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: enhanced packet block too short at offset 60");
    ck_assert_int_eq(raw_block(2, 12, 12, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: packet block too short at offset 60");
    ck_assert_int_eq(raw_block(3, 12, 12, 0, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: simple packet block too short at offset 60");
    ck_assert_int_eq(raw_block(1, 16, 16, 4, err, sizeof err), -EINVAL);
    ck_assert_str_eq(err, "t: interface description block too short at offset 60");
}
END_TEST

START_TEST(test_block_too_large_is_refused)
{
    /* A real block of VS_MAX_PCAPNG_BLOCK + 4 bytes: refused on its length alone. */
    char err[512];
    ck_assert_int_eq(
        raw_block(5, VS_MAX_PCAPNG_BLOCK + 4, VS_MAX_PCAPNG_BLOCK + 4, 64, err, sizeof err),
        -EINVAL);
    ck_assert(strstr(err, "too large at offset 60"));
    /* A 1 MiB packet, well inside the cap, is read whole (the buffer grows in steps). */
    size_t big = 1u << 20;
    uint8_t *d = malloc(big);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < big; i++)
        d[i] = (uint8_t)(i * 7);
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    epb(&w, 0, 0, d, (uint32_t)big, (uint32_t)big);
    epb(&w, 0, 0, eth_frame, 14, 14);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.caplen, big);
    ck_assert_mem_eq(p.data, d, big);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_mem_eq(p.data, eth_frame, 14);
    ck_assert_int_eq(rd_next(&x, &p), 0);
    rd_close(&x);
    nb_free(&w);
    free(d);
}
END_TEST

START_TEST(test_interface_id_out_of_range)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    idb(&w, 1, 0, -1, false, 0);
    epb(&w, 2, 0, eth_frame, 14, 14);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(
        x.err, "t: enhanced packet block: interface id 2 out of range (2 interfaces) at offset 92");
    ck_assert_ptr_null(p.data);
    rd_close(&x);
    nb_free(&w);

    shb(&w, false);
    epb(&w, 0, 0, eth_frame, 14, 14); /* no IDB at all */
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert(strstr(x.err, "interface id 0 out of range (0 interfaces)"));
    rd_close(&x);
    nb_free(&w);

    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    opb(&w, 0xffff, 0, eth_frame, 14, 14);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert(strstr(x.err, "packet block: interface id 65535 out of range"));
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_caplen_beyond_block)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    size_t at = w.n;
    epb(&w, 0, 0, eth_frame, 16, 16);
    /* caplen (block offset 20) claims 17..big: the block body after the fixed fields holds 16
     * data bytes + 8 option bytes; 24 fits (options read as data), 25 does not. */
    static const uint32_t lies[] = {25, 28, 1000, 0xFFFFFFFF};
    for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
        set32(&w, at + 20, lies[i]);
        struct rd x;
        ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
        struct vs_pcapng_pkt p;
        ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
        char want[128];
        snprintf(want, sizeof want,
                 "t: enhanced packet block: captured length %u exceeds the block at offset %zu",
                 lies[i], at);
        ck_assert_str_eq(x.err, want);
        rd_close(&x);
    }
    set32(&w, at + 20, 24);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.caplen, 24);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

START_TEST(test_not_pcapng)
{
    /* A classic pcap header (magic a1b2c3d4 little-endian, v2.4, snaplen 65535, DLT 1). */
    static const uint8_t pcap_hdr[24] = {0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00,
                                         0,    0,    0,    0,    0,    0,    0,    0,
                                         0xff, 0xff, 0,    0,    1,    0,    0,    0};
    struct nb w = {0};
    put(&w, pcap_hdr, sizeof pcap_hdr);
    struct rd x;
    ck_assert_int_eq(rd_open(&x, &w, w.n), -EINVAL);
    ck_assert_str_eq(x.err, "t: not a pcapng file");
    ck_assert_ptr_null(x.r);
    fclose(x.f);
    nb_free(&w);

    /* SHB type with a wrong byte-order magic. */
    shb(&w, false);
    w.b[8] ^= 0xff;
    ck_assert_int_eq(rd_open(&x, &w, w.n), -EINVAL);
    ck_assert_str_eq(x.err, "t: not a pcapng file");
    fclose(x.f);
    nb_free(&w);

    /* Version 2.0 does not exist. */
    shb(&w, false);
    w.b[12] = 2;
    ck_assert_int_eq(rd_open(&x, &w, w.n), -EINVAL);
    ck_assert_str_eq(x.err, "t: unsupported pcapng version 2.0 at offset 0");
    fclose(x.f);
    nb_free(&w);

    /* A later SHB with a bad magic is corruption, not "another format". */
    shb(&w, false);
    shb(&w, false);
    w.b[28 + 8] = 0;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(x.err, "t: bad byte-order magic in section header at offset 28");
    rd_close(&x);
    nb_free(&w);

    /* An SHB shorter than its fixed fields. */
    w.be = false;
    p32(&w, 0x0A0D0D0A);
    p32(&w, 24);
    p32(&w, 0x1A2B3C4D);
    p32(&w, 1);
    p32(&w, 0);
    p32(&w, 24);
    ck_assert_int_eq(rd_open(&x, &w, w.n), -EINVAL);
    ck_assert_str_eq(x.err, "t: block length 24 too small at offset 0");
    fclose(x.f);
    nb_free(&w);
}
END_TEST

START_TEST(test_bad_idb_options)
{
    struct nb w = {0};
    /* if_tsresol with length 2 */
    shb(&w, false);
    size_t at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    p16(&w, 9);
    p16(&w, 2);
    p16(&w, 0x0606);
    end(&w, at);
    struct rd x;
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(x.err, "t: if_tsresol of length 2 at offset 28");
    rd_close(&x);
    nb_free(&w);

    /* if_tsoffset with length 4 */
    shb(&w, false);
    at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    p16(&w, 14);
    p16(&w, 4);
    p32(&w, 7);
    end(&w, at);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(x.err, "t: if_tsoffset of length 4 at offset 28");
    rd_close(&x);
    nb_free(&w);

    /* an option longer than the block */
    shb(&w, false);
    at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    p16(&w, 2);
    p16(&w, 200);
    p32(&w, 0);
    end(&w, at);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    ck_assert_str_eq(x.err, "t: option 2 length 200 overruns the block at offset 28");
    rd_close(&x);
    nb_free(&w);

    /* Options after opt_endofopt are not read; no endofopt at all is fine too. */
    shb(&w, false);
    at = begin(&w, 1);
    p16(&w, 0);
    p16(&w, 0);
    p32(&w, 0);
    p16(&w, 0);
    p16(&w, 0);
    p16(&w, 9);
    p16(&w, 1);
    p32(&w, 0xff); /* a bad if_tsresol after the end: ignored */
    end(&w, at);
    at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    end(&w, at);
    epb(&w, 1, 7, eth_frame, 14, 14);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.usec, 7);
    ck_assert_int_eq(p.dlt, 1);
    ck_assert_int_eq(vs_pcapng_interface_dlt(x.r, 0), 0);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* Thousands of options in one IDB are walked; more IDBs than the cap are refused. */
START_TEST(test_many_options_and_interfaces)
{
    struct nb w = {0};
    shb(&w, false);
    size_t at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    for (int i = 0; i < 5000; i++) {
        p16(&w, 2);
        p16(&w, 3);
        put(&w, "abc\0", 4);
    }
    p16(&w, 9); /* the last word counts: ns */
    p16(&w, 1);
    p32(&w, 9);
    end(&w, at);
    epb(&w, 0, 1234567890ull, eth_frame, 14, 14);
    struct rd x;
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(p.sec, 1);
    ck_assert_uint_eq(p.usec, 234567);
    rd_close(&x);
    nb_free(&w);

    shb(&w, false);
    for (uint32_t i = 0; i < VS_MAX_PCAPNG_INTERFACES; i++) {
        at = begin(&w, 1);
        p16(&w, (uint16_t)(i % 3));
        p16(&w, 0);
        p32(&w, i);
        end(&w, at);
    }
    epb(&w, VS_MAX_PCAPNG_INTERFACES - 1, 0, eth_frame, 14, 14);
    size_t extra = w.n;
    at = begin(&w, 1);
    p16(&w, 1);
    p16(&w, 0);
    p32(&w, 0);
    end(&w, at);
    ck_assert_int_eq(rd_open(&x, &w, w.n), 0);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.ifindex, VS_MAX_PCAPNG_INTERFACES - 1);
    ck_assert_int_eq(p.dlt, (VS_MAX_PCAPNG_INTERFACES - 1) % 3);
    ck_assert_uint_eq(vs_pcapng_interface_snaplen(x.r, 1000), 1000);
    ck_assert_int_eq(rd_next(&x, &p), -EINVAL);
    char want[96];
    snprintf(want, sizeof want, "t: more than %u interfaces at offset %zu",
             VS_MAX_PCAPNG_INTERFACES, extra);
    ck_assert_str_eq(x.err, want);
    rd_close(&x);
    nb_free(&w);
}
END_TEST

/* ---- pre-scan ------------------------------------------------------------------------- */

static bool needs(const struct nb *w)
{
    char path[] = "/tmp/check_pcapng_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, w->b, w->n), (ssize_t)w->n);
    close(fd);
    bool r = vs_pcapng_needs_own_reader(path);
    unlink(path);
    return r;
}

START_TEST(test_needs_own_reader)
{
    struct nb w = {0};
    /* same type and snaplen everywhere: libpcap can read it */
    shb(&w, false);
    idb(&w, 1, 65535, -1, false, 0);
    epb(&w, 0, 0, eth_frame, 14, 14);
    idb(&w, 1, 65535, 9, false, 0);
    ck_assert(!needs(&w));
    /* a later IDB with another link type, after packets */
    epb(&w, 1, 0, eth_frame, 14, 14);
    idb(&w, 0, 65535, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);

    shb(&w, true);
    idb(&w, 1, 65535, -1, false, 0);
    idb(&w, 1, 4000, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);

    /* libpcap 1.10 takes snaplen 0 as 262144 (128 MiB for D-Bus) and compares raw values
     * otherwise (checked against Debian 12's libpcap with files like these). */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    idb(&w, 1, 262144, -1, false, 0);
    idb(&w, 1, 0, -1, false, 0);
    ck_assert(!needs(&w));
    idb(&w, 1, 300000, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);
    shb(&w, false);
    idb(&w, 1, 0x7fffffff, -1, false, 0);
    idb(&w, 1, 0x7fffffff, -1, false, 0);
    ck_assert(!needs(&w));
    nb_free(&w);
    shb(&w, false);
    idb(&w, 231, 0, -1, false, 0);
    idb(&w, 231, 128u << 20, -1, false, 0);
    ck_assert(!needs(&w));
    idb(&w, 231, 262144, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);

    /* a block libpcap finds too large (> 16 MiB) but this reader takes */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    other(&w, 0xBAD, 16u << 20);
    ck_assert(needs(&w));
    nb_free(&w);
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    other(&w, 0xBAD, (16u << 20) - 12);
    ck_assert(!needs(&w));
    nb_free(&w);

    /* across sections: libpcap compares against the very first IDB */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    shb(&w, false);
    idb(&w, 113, 0, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);

    /* sections in different byte orders */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    shb(&w, true);
    idb(&w, 1, 0, -1, false, 0);
    ck_assert(needs(&w));
    nb_free(&w);

    /* a disagreement after a malformed block is never reached */
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    size_t at = w.n;
    other(&w, 5, 4);
    set32(&w, at + 4, 10);
    idb(&w, 0, 0, -1, false, 0);
    ck_assert(!needs(&w));
    nb_free(&w);

    /* not pcapng, not there, not a regular file */
    static const uint8_t pcap_hdr[4] = {0xd4, 0xc3, 0xb2, 0xa1};
    put(&w, pcap_hdr, sizeof pcap_hdr);
    ck_assert(!needs(&w));
    nb_free(&w);
    ck_assert(!vs_pcapng_needs_own_reader("/nonexistent/file.pcapng"));
    ck_assert(!vs_pcapng_needs_own_reader("/tmp"));
    ck_assert(!vs_pcapng_needs_own_reader(NULL));
}
END_TEST

START_TEST(test_needs_own_reader_every_truncation)
{
    struct nb w = {0};
    shb(&w, false);
    idb(&w, 1, 0, -1, false, 0);
    epb(&w, 0, 0, eth_frame, 14, 14);
    idb(&w, 0, 0, -1, false, 0);
    size_t decisive = w.n - 32 + 16; /* SHB..EPB, then the second IDB's first 16 bytes */
    for (size_t cut = 0; cut <= w.n; cut++) {
        FILE *f = fmemopen(w.b, cut ? cut : 1, "rb");
        ck_assert_ptr_nonnull(f);
        if (!cut)
            fgetc(f); /* an empty stream */
        bool r = vs_pcapng_stream_needs_own_reader(f);
        fclose(f);
        ck_assert_msg(r == (cut >= decisive), "cut %zu: %d", cut, r);
    }
    nb_free(&w);
}
END_TEST

/* ---- corpus --------------------------------------------------------------------------- */

static const char *corpus_dir(void)
{
    const char *d = getenv("VS_CORPUS");
    if (!d)
        d = "/work/shared/corpus";
    struct stat st;
    return stat(d, &st) == 0 && S_ISDIR(st.st_mode) ? d : NULL;
}

/* Reads a corpus capture and compares with tshark's facts: packet count and the distinct
 * IDB link types in order. */
static void check_corpus_file(const char *dir, const char *name, bool want_needs)
{
    char path[1024], jpath[1024];
    snprintf(path, sizeof path, "%s/pcap/%s", dir, name);
    snprintf(jpath, sizeof jpath, "%s/expected/%s.json", dir, name);
    json_error_t jerr;
    json_t *exp = json_load_file(jpath, 0, &jerr);
    FILE *f = fopen(path, "rb");
    if (!exp || !f) {
        fprintf(stderr, "check_pcapng: %s absent, skipped\n", name);
        if (f)
            fclose(f);
        json_decref(exp);
        return;
    }
    struct rd x = {.f = f};
    ck_assert_int_eq(vs_pcapng_open(f, name, &x.r, x.err, sizeof x.err), 0);
    size_t n = 0;
    struct vs_pcapng_pkt p;
    int rc;
    while ((rc = rd_next(&x, &p)) == 1) {
        n++;
        ck_assert_int_eq(p.dlt, vs_pcapng_interface_dlt(x.r, p.ifindex));
        ck_assert_uint_le(p.caplen, p.wirelen);
    }
    ck_assert_msg(rc == 0, "%s", x.err);
    ck_assert_int_eq((json_int_t)n, json_integer_value(json_object_get(exp, "packets")));
    json_t *dlts = json_object_get(exp, "dlt");
    int seen[64];
    size_t nseen = 0;
    for (size_t i = 0; i < vs_pcapng_ninterfaces(x.r); i++) {
        int d = vs_pcapng_interface_dlt(x.r, i);
        bool dup = false;
        for (size_t k = 0; k < nseen; k++)
            dup |= seen[k] == d;
        if (!dup && nseen < 64)
            seen[nseen++] = d;
    }
    ck_assert_uint_eq(nseen, json_array_size(dlts));
    for (size_t k = 0; k < nseen; k++)
        ck_assert_int_eq(seen[k], json_integer_value(json_array_get(dlts, k)));
    ck_assert(vs_pcapng_needs_own_reader(path) == want_needs);
    rd_close(&x);
    json_decref(exp);
}

START_TEST(test_corpus)
{
    const char *dir = corpus_dir();
    if (!dir) {
        fprintf(stderr, "check_pcapng: no corpus, skipped\n");
        return;
    }
    check_corpus_file(dir, "pcapplusplus__many_interfaces-1.pcapng", true);
    check_corpus_file(dir, "pcapplusplus__dns_over_tcp.pcapng", true);
    check_corpus_file(dir, "ndpi__sip_hello.pcapng", false);
    check_corpus_file(dir, "ndpi__merakicloud.pcapng", false);
    check_corpus_file(dir, "ndpi__custom_categories.pcapng", false);

    /* many_interfaces-1: the first packets, as tshark shows them (frame.time_epoch). */
    char path[1024];
    snprintf(path, sizeof path, "%s/pcap/pcapplusplus__many_interfaces-1.pcapng", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    struct rd x = {.f = f};
    ck_assert_int_eq(vs_pcapng_open(f, "m", &x.r, x.err, sizeof x.err), 0);
    struct vs_pcapng_pkt p;
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(vs_pcapng_ninterfaces(x.r), 11);
    ck_assert_int_eq(p.sec, 1439753725);
    ck_assert_uint_eq(p.usec, 701607);
    ck_assert_uint_eq(p.caplen, 178);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_int_eq(rd_next(&x, &p), 1);
    ck_assert_uint_eq(p.ifindex, 10);
    ck_assert_int_eq(p.dlt, 0);
    ck_assert_uint_eq(p.usec, 701568);
    ck_assert_uint_eq(p.caplen, 168);
    rd_close(&x);
}
END_TEST

static Suite *pcapng_suite(void)
{
    Suite *s = suite_create("pcapng");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, test_mixed_link_types_and_snaplens);
    tcase_add_test(tc, test_tsresol);
    tcase_add_test(tc, test_tsresol_unsupported_or_overflowing);
    tcase_add_test(tc, test_tsoffset);
    tcase_add_test(tc, test_big_endian_section);
    tcase_add_test(tc, test_two_sections);
    tcase_add_test(tc, test_simple_packet_block);
    tcase_add_test(tc, test_obsolete_packet_block);
    tcase_add_test(tc, test_skipped_blocks);
    tcase_add_test(tc, test_pipe);
    suite_add_tcase(s, tc);
    tc = tcase_create("malformed");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_every_truncation);
    tcase_add_test(tc, test_block_length_lies);
    tcase_add_test(tc, test_block_too_large_is_refused);
    tcase_add_test(tc, test_interface_id_out_of_range);
    tcase_add_test(tc, test_caplen_beyond_block);
    tcase_add_test(tc, test_not_pcapng);
    tcase_add_test(tc, test_bad_idb_options);
    tcase_add_test(tc, test_many_options_and_interfaces);
    suite_add_tcase(s, tc);
    tc = tcase_create("prescan");
    tcase_add_test(tc, test_needs_own_reader);
    tcase_add_test(tc, test_needs_own_reader_every_truncation);
    suite_add_tcase(s, tc);
    tc = tcase_create("corpus");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_corpus);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pcapng_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
