/* SPDX-License-Identifier: BSD-2-Clause */
/* check_tls.c - TLS/DTLS decoder and X.509 adapter tests: certificates (tests/unit/data/tls/,
 * made with OpenSSL, see its README) wrapped in ServerHello + Certificate records built here,
 * split across records, cut short, with lying length fields and garbage in place of DER;
 * DTLS; ClientHellos with their JA4 computed by hand from the FoxIO JA4 specification; the
 * reassembly hint vs_tls_need; and the limits VS_MAX_TLS_HANDSHAKE and VS_MAX_TLS_LIST. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"
#include "vendorsniff/x509.h"

static struct tu_collector col;

#define EXPECT(f, v) TU_EXPECT(&col, f, v)

/* ---- certificates ----------------------------------------------------------------------- */

struct der {
    uint8_t b[4096];
    size_t n;
};

static void load(const char *name, struct der *d)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/unit/data/tls/%s", name);
    FILE *f = fopen(tu_src_path(rel), "rb");
    ck_assert_msg(f != NULL, "cannot open %s", rel);
    d->n = fread(d->b, 1, sizeof d->b, f);
    fclose(f);
    ck_assert_uint_gt(d->n, 100);
}

static struct der hw_dev, hw_ca, hik, zte;

static void setup(void)
{
    load("huawei_device.der", &hw_dev);
    load("huawei_equipment_ca.der", &hw_ca);
    load("hikvision.der", &hik);
    load("zte_diameter.der", &zte);
}

/* What GnuTLS prints (RFC 4514 order: the last RDN of the encoding first; ',' in a value
 * escaped). */
#define HW_DEV_SUBJECT "CN=10.20.0.11,O=Huawei Technologies Co.\\, Ltd.,C=CN"
#define HW_CA_SUBJECT "CN=Huawei Equipment CA,O=Huawei,C=CN"
#define HIK_SUBJECT "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN"
#define ZTE_SUBJECT "CN=dra01.epc.mnc001.mcc001.3gppnetwork.org,O=ZTE Corporation,C=CN"
#define ZTE_ISSUER "CN=ZTE-ROOT-CA,O=ZTE"

/* ---- builders --------------------------------------------------------------------------- */

static void put8(struct tu_fb *f, unsigned v)
{
    uint8_t b = (uint8_t)v;
    tu_fb_raw(f, &b, 1);
}

static void put16(struct tu_fb *f, unsigned v)
{
    put8(f, v >> 8);
    put8(f, v);
}

static void put24(struct tu_fb *f, size_t v)
{
    put8(f, (unsigned)(v >> 16));
    put8(f, (unsigned)(v >> 8));
    put8(f, (unsigned)v);
}

static struct tu_fb hs, out, tmp;

/* A TLS 1.2 ServerHello: 0xc02f, renegotiation_info. */
#define SERVER_HELLO_LEN (4 + 45)
static void server_hello(struct tu_fb *f)
{
    put8(f, 2);
    put24(f, 2 + 32 + 1 + 2 + 1 + 2 + 5);
    put16(f, 0x0303);
    for (unsigned i = 0; i < 32; i++)
        put8(f, i);
    put8(f, 0);
    put16(f, 0xc02f);
    put8(f, 0);
    put16(f, 5);
    put16(f, 0xff01);
    put16(f, 1);
    put8(f, 0);
}

static void certificate_msg(struct tu_fb *f, const struct der *const *certs, size_t n)
{
    size_t list = 0;
    for (size_t i = 0; i < n; i++)
        list += 3 + certs[i]->n;
    put8(f, 11);
    put24(f, 3 + list);
    put24(f, list);
    for (size_t i = 0; i < n; i++) {
        put24(f, certs[i]->n);
        tu_fb_raw(f, certs[i]->b, certs[i]->n);
    }
}

/* The handshake stream s cut into TLS records of at most recsize bytes. */
static void records(struct tu_fb *f, const struct tu_fb *s, size_t recsize)
{
    for (size_t off = 0; off < s->n; off += recsize) {
        size_t n = s->n - off < recsize ? s->n - off : recsize;
        put8(f, 22);
        put16(f, 0x0303);
        put16(f, (unsigned)n);
        tu_fb_raw(f, s->b + off, n);
    }
}

/* ServerHello + Certificate(device, CA) + ServerHelloDone, in records of recsize. */
static void server_flight(struct tu_fb *f, size_t recsize)
{
    const struct der *chain[] = {&hw_dev, &hw_ca};
    hs.n = 0;
    server_hello(&hs);
    certificate_msg(&hs, chain, 2);
    put8(&hs, 14);
    put24(&hs, 0);
    f->n = 0;
    records(f, &hs, recsize);
}

static enum vs_decode_status decode(vs_dissect_fn fn, const struct tu_fb *f)
{
    return tu_decode_into(fn, f->b, f->n, &col);
}

static size_t need(const uint8_t *b, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(copy);
    if (n)
        memcpy(copy, b, n);
    struct vs_cur c = vs_cur_make(copy, n);
    size_t r = vs_tls_need(&c);
    free(copy);
    return r;
}

/* ---- the X.509 adapter ------------------------------------------------------------------ */

START_TEST(test_x509_names)
{
    char s[VS_X509_DN_SIZE], i[VS_X509_DN_SIZE];
    ck_assert(vs_x509_names(hw_dev.b, hw_dev.n, s, i));
    ck_assert_str_eq(s, HW_DEV_SUBJECT);
    ck_assert_str_eq(i, HW_CA_SUBJECT);
    ck_assert(vs_x509_names(hik.b, hik.n, s, i));
    ck_assert_str_eq(s, HIK_SUBJECT);
    ck_assert_str_eq(i, HIK_SUBJECT);
    ck_assert(vs_x509_names(zte.b, zte.n, s, i));
    ck_assert_str_eq(s, ZTE_SUBJECT);
    ck_assert_str_eq(i, ZTE_ISSUER);
    /* not DER, cut DER, trailing garbage inside the length */
    static const uint8_t junk[] = "GET / HTTP/1.1\r\n";
    ck_assert(!vs_x509_names(junk, sizeof junk, s, i));
    ck_assert_str_eq(s, "");
    ck_assert_str_eq(i, "");
    ck_assert(!vs_x509_names(hik.b, hik.n - 1, s, i));
    ck_assert(!vs_x509_names(hik.b, 0, s, i));
    ck_assert(!vs_x509_names(NULL, 10, s, i));
}
END_TEST

START_TEST(test_sha256)
{
    /* FIPS 180-2 appendix B.1 */
    uint8_t md[VS_SHA256_LEN];
    static const uint8_t want[VS_SHA256_LEN] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
                                                0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
                                                0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
                                                0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    vs_sha256("abc", 3, md);
    ck_assert_mem_eq(md, want, sizeof want);
}
END_TEST

/* ---- certificates in TLS ---------------------------------------------------------------- */

START_TEST(test_cert_one_record)
{
    server_flight(&out, 16384);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 2); /* the server's own certificate only, not the CA's */
    EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);
    EXPECT(VS_F_TLS_CERT_ISSUER, HW_CA_SUBJECT);
    ck_assert_uint_eq(need(out.b, out.n), 0);
}
END_TEST

/* Record boundaries anywhere: inside message headers, inside the certificate. */
START_TEST(test_cert_split_records)
{
    static const size_t sizes[] = {1, 3, 7, 100, 500, 1000, 1400};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        server_flight(&out, sizes[k]);
        ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
        ck_assert_uint_eq(col.n, 2);
        EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);
        EXPECT(VS_F_TLS_CERT_ISSUER, HW_CA_SUBJECT);
    }
}
END_TEST

/* Alerts and application data between handshake records do not break the stream; a
 * ChangeCipherSpec ends it (what follows is encrypted). */
START_TEST(test_cert_other_records)
{
    server_flight(&tmp, 600);
    out.n = 0;
    tu_fb_raw(&out, tmp.b, 605);
    static const uint8_t alert[] = {21, 3, 3, 0, 2, 1, 0};
    tu_fb_raw(&out, alert, sizeof alert);
    tu_fb_raw(&out, tmp.b + 605, tmp.n - 605);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);

    static const uint8_t ccs[] = {20, 3, 3, 0, 1, 1};
    out.n = 0;
    tu_fb_raw(&out, ccs, sizeof ccs);
    tu_fb_raw(&out, tmp.b, tmp.n);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* Every prefix: no crash, only evidence the whole flight yields; the first certificate is
 * reported as soon as it is wholly inside, and vs_tls_need never asks for more than is
 * still to come, and asks for something until the first certificate is complete. */
START_TEST(test_cert_prefixes_and_need)
{
    static const size_t sizes[] = {16384, 700};
    for (size_t k = 0; k < 2; k++) {
        server_flight(&out, sizes[k]);
        tu_check_prefixes(vs_tls_dissect, out.b, out.n);
        /* where the first certificate ends in the record stream: after the ServerHello
         * (4 + 45 bytes), the Certificate header and the two lengths, and one record header
         * per record so far */
        size_t stream_end = SERVER_HELLO_LEN + 4 + 3 + 3 + hw_dev.n;
        size_t cert_end = stream_end + 5 * ((stream_end + sizes[k] - 1) / sizes[k]);
        for (size_t p = 1; p <= out.n; p++) {
            size_t nd = need(out.b, p);
            tu_decode_into(vs_tls_dissect, out.b, p, &col);
            bool have = tu_get(&col, VS_F_TLS_CERT_SUBJECT) != NULL;
            ck_assert_msg(have == (p >= cert_end), "prefix %zu: certificate %s", p,
                          have ? "early" : "missing");
            if (p < cert_end)
                ck_assert_msg(nd > 0 && p + nd <= out.n, "prefix %zu: need %zu of %zu", p, nd,
                              out.n);
            else
                ck_assert_msg(nd == 0, "prefix %zu: need %zu after the certificate", p, nd);
        }
    }
}
END_TEST

START_TEST(test_cert_truncated_status)
{
    server_flight(&out, 16384);
    ck_assert_int_eq(tu_decode_into(vs_tls_dissect, out.b, 800, &col), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
    /* the first certificate whole, the CA's cut: evidence, and the rest is not needed */
    size_t cert_end = 5 + SERVER_HELLO_LEN + 4 + 3 + 3 + hw_dev.n;
    ck_assert_int_eq(tu_decode_into(vs_tls_dissect, out.b, cert_end + 10, &col), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);
    /* a record header cut short */
    ck_assert_int_eq(tu_decode_into(vs_tls_dissect, out.b, 3, &col), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(need(out.b, 3), 2);
    ck_assert_uint_eq(need(out.b, 0), 0);
}
END_TEST

/* A record length larger than the bytes present is truncation, unless what is decoded was
 * wholly inside (then it is where a TCP segment ended); one larger than TLS allows (2^14 +
 * 2048), or a record type or version that is not TLS, is malformed. */
START_TEST(test_record_lengths)
{
    server_flight(&out, 16384);
    out.b[3] = 0x47; /* 0x47xx: 18176 + ... <= 18432, longer than what follows */
    out.b[4] = 0xff;
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);
    ck_assert_int_eq(tu_decode_into(vs_tls_dissect, out.b, 5 + SERVER_HELLO_LEN + 20, &col),
                     VS_DECODE_TRUNCATED);
    out.b[3] = 0x48;
    out.b[4] = 0x01; /* 18433 */
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    ck_assert_uint_eq(need(out.b, out.n), 0);
    server_flight(&out, 16384);
    out.b[1] = 2;
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    server_flight(&out, 16384);
    out.b[0] = 25;
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
}
END_TEST

static void cert_only(struct tu_fb *f, const struct der *d)
{
    const struct der *chain[] = {d};
    hs.n = 0;
    certificate_msg(&hs, chain, 1);
    f->n = 0;
    records(f, &hs, 16384);
}

/* Offsets in a record holding one Certificate message. */
enum { OFF_MSG_LEN = 6, OFF_LIST_LEN = 9, OFF_CERT_LEN = 12, OFF_DER = 15 };

static void set24(struct tu_fb *f, size_t off, size_t v)
{
    f->b[off] = (uint8_t)(v >> 16);
    f->b[off + 1] = (uint8_t)(v >> 8);
    f->b[off + 2] = (uint8_t)v;
}

START_TEST(test_cert_lengths_lie)
{
    cert_only(&out, &hik);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HIK_SUBJECT);
    /* the certificate list longer than its message */
    set24(&out, OFF_LIST_LEN, hik.n + 4);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* a certificate longer than the list */
    cert_only(&out, &hik);
    set24(&out, OFF_CERT_LEN, hik.n + 1);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* a certificate shorter than its DER: the DER is cut */
    cert_only(&out, &hik);
    set24(&out, OFF_CERT_LEN, hik.n - 1);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    /* a zero-length certificate, a list of 2 bytes */
    cert_only(&out, &hik);
    set24(&out, OFF_CERT_LEN, 0);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    /* the message longer than the stream: the first certificate is still inside */
    cert_only(&out, &hik);
    set24(&out, OFF_MSG_LEN, hik.n + 6 + 100);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HIK_SUBJECT);
    /* an empty list (a client without a certificate) */
    hs.n = 0;
    certificate_msg(&hs, NULL, 0);
    out.n = 0;
    records(&out, &hs, 16384);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_cert_garbage)
{
    struct der junk;
    junk.n = 600;
    for (size_t i = 0; i < junk.n; i++)
        junk.b[i] = (uint8_t)(i * 37 + 11);
    junk.b[0] = 0x30; /* looks like a SEQUENCE */
    junk.b[1] = 0x82;
    cert_only(&out, &junk);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* one flipped byte in the middle of a real certificate */
    struct der bad = hik;
    bad.b[40] ^= 0xff;
    cert_only(&out, &bad);
    enum vs_decode_status st = decode(vs_tls_dissect, &out);
    ck_assert(st == VS_DECODE_MALFORMED || st == VS_DECODE_OK);
}
END_TEST

/* Control bytes and a NUL inside a name: GnuTLS prints control bytes as they are (the sinks
 * escape them); a NUL ends the value. The DER stays well formed (same lengths). */
START_TEST(test_cert_hostile_names)
{
    struct der bad = hik;
    for (size_t i = 0; i + 7 <= bad.n; i++)
        if (memcmp(bad.b + i, "www.hik", 7) == 0)
            memcpy(bad.b + i, "\x1b[31m\r\n", 7);
    cert_only(&out, &bad);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT,
           "CN=\x1b[31m\r\nvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN");
    bad = hik;
    for (size_t i = 0; i + 3 <= bad.n; i++)
        if (memcmp(bad.b + i, "DVR", 3) == 0)
            memcpy(bad.b + i, "D\0R", 3);
    cert_only(&out, &bad);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    const char *v = tu_get(&col, VS_F_TLS_CERT_SUBJECT);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(tu_find(&col, VS_F_TLS_CERT_SUBJECT)->len, strlen(v));
}
END_TEST

/* ---- ClientHello and JA4 ---------------------------------------------------------------- */

static void ext(struct tu_fb *f, unsigned type, const void *v, size_t n)
{
    put16(f, type);
    put16(f, (unsigned)n);
    if (n)
        tu_fb_raw(f, v, n);
}

static void client_hello(struct tu_fb *f, bool dtls, unsigned version, const uint16_t *ciphers,
                         size_t nciphers, const struct tu_fb *exts)
{
    hs.n = 0;
    put16(&hs, version);
    for (unsigned i = 0; i < 32; i++)
        put8(&hs, 0xa0 + i);
    put8(&hs, 32);
    for (unsigned i = 0; i < 32; i++)
        put8(&hs, i);
    if (dtls)
        put8(&hs, 0); /* cookie */
    put16(&hs, (unsigned)(2 * nciphers));
    for (size_t i = 0; i < nciphers; i++)
        put16(&hs, ciphers[i]);
    put8(&hs, 1);
    put8(&hs, 0);
    if (exts) {
        put16(&hs, (unsigned)exts->n);
        tu_fb_raw(&hs, exts->b, exts->n);
    }
    f->n = 0;
    if (!dtls) {
        put8(f, 22);
        put16(f, 0x0301);
        put16(f, (unsigned)(4 + hs.n));
        put8(f, 1);
        put24(f, hs.n);
        tu_fb_raw(f, hs.b, hs.n);
        return;
    }
    put8(f, 22);
    put16(f, 0xfeff);
    put16(f, 0); /* epoch */
    put16(f, 0); /* sequence number, 48 bits */
    put16(f, 0);
    put16(f, 0);
    put16(f, (unsigned)(12 + hs.n));
    put8(f, 1);
    put24(f, hs.n);
    put16(f, 0);    /* message_seq */
    put24(f, 0);    /* fragment_offset */
    put24(f, hs.n); /* fragment_length */
    tu_fb_raw(f, hs.b, hs.n);
}

/* The example of the JA4 specification (FoxIO, technical_details/JA4.md): ciphers and
 * extensions in its "original order" (JA4_ro), with GREASE added where Chrome puts it.
 *   ciphers sorted: 002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,
 *   cca9 -> sha256 8daaf6152771; extensions sorted without 0000 and 0010, then the signature
 *   algorithms in order: 0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,
 *   ff01_0403,0804,0401,0503,0805,0501,0806,0601 -> e5627efa2ab1 (the spec's own values). */
static const uint16_t spec_ciphers[] = {0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f,
                                        0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014,
                                        0x009c, 0x009d, 0x002f, 0x0035};

static void spec_extensions(struct tu_fb *e, const char *alpn, size_t alpn_len)
{
    static const uint8_t sni[] = {0,   14,  0,   0,   11,  'e', 'x', 'a',
                                  'm', 'p', 'l', 'e', '.', 'c', 'o', 'm'};
    static const uint8_t sigs[] = {0, 16, 4, 3, 8, 4, 4, 1, 5, 3, 8, 5, 5, 1, 8, 6, 6, 1};
    static const uint8_t versions[] = {6, 0x5a, 0x5a, 3, 4, 3, 3};
    static const uint8_t groups[] = {0, 8, 0x4a, 0x4a, 0, 0x1d, 0, 0x17, 0, 0x18};
    static const uint8_t share[] = {0, 5, 0x4a, 0x4a, 0, 1, 0};
    static const uint8_t alps[] = {0, 3, 2, 'h', '2'};
    static const uint8_t cc[] = {2, 0, 2};
    static const uint8_t status[] = {1, 0, 0, 0, 0};
    static const uint8_t pad[20] = {0};
    uint8_t alpn_ext[64];
    e->n = 0;
    ext(e, 0x0a0a, NULL, 0);
    ext(e, 0x001b, cc, sizeof cc);
    ext(e, 0x0000, sni, sizeof sni);
    ext(e, 0x0033, share, sizeof share);
    if (alpn) {
        /* list length, then the first protocol and "http/1.1" */
        size_t n = 0;
        alpn_ext[n++] = 0;
        alpn_ext[n++] = (uint8_t)(1 + alpn_len + 9);
        alpn_ext[n++] = (uint8_t)alpn_len;
        memcpy(alpn_ext + n, alpn, alpn_len);
        n += alpn_len;
        alpn_ext[n++] = 8;
        memcpy(alpn_ext + n, "http/1.1", 8);
        n += 8;
        ext(e, 0x0010, alpn_ext, n);
    }
    ext(e, 0x4469, alps, sizeof alps);
    ext(e, 0x0017, NULL, 0);
    ext(e, 0x002d, "\x01\x01", 2);
    ext(e, 0x000d, sigs, sizeof sigs);
    ext(e, 0x0005, status, sizeof status);
    ext(e, 0x0023, NULL, 0);
    ext(e, 0x0012, NULL, 0);
    ext(e, 0x002b, versions, sizeof versions);
    ext(e, 0xff01, "\x00", 1);
    ext(e, 0x000b, "\x01\x00", 2);
    ext(e, 0x000a, groups, sizeof groups);
    ext(e, 0x0015, pad, sizeof pad);
    ext(e, 0xfafa, "\x00", 1);
}

START_TEST(test_ja4_spec_example)
{
    static struct tu_fb e;
    spec_extensions(&e, "h2", 2);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, &e);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    EXPECT(VS_F_TLS_JA4, "t13d1516h2_8daaf6152771_e5627efa2ab1");
    ck_assert_uint_eq(need(out.b, out.n), 0);
    tu_check_prefixes(vs_tls_dissect, out.b, out.n);
    for (size_t p = 1; p < out.n; p++)
        ck_assert_msg(p + need(out.b, p) <= out.n && need(out.b, p) > 0, "prefix %zu", p);
}
END_TEST

/* ALPN: "http/1.1" gives "h1"; a first protocol that does not start and end with a letter or
 * digit gives the first and last hex digits of its bytes; none gives "00". */
START_TEST(test_ja4_alpn)
{
    static struct tu_fb e;
    spec_extensions(&e, "http/1.1", 8);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, &e);
    decode(vs_tls_dissect, &out);
    EXPECT(VS_F_TLS_JA4, "t13d1516h1_8daaf6152771_e5627efa2ab1");
    spec_extensions(&e, "\xab\x10\xcd", 3);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, &e);
    decode(vs_tls_dissect, &out);
    EXPECT(VS_F_TLS_JA4, "t13d1516ad_8daaf6152771_e5627efa2ab1");
    /* without ALPN the extension count drops to 15 and the hashes stay */
    spec_extensions(&e, NULL, 0);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, &e);
    decode(vs_tls_dissect, &out);
    EXPECT(VS_F_TLS_JA4, "t13d151500_8daaf6152771_e5627efa2ab1");
}
END_TEST

/* An old hello without extensions: the ClientHello version, no SNI, no extensions.
 * sha256("002f,0035") = f54dd463d39b...; no extensions: twelve zeroes. */
START_TEST(test_ja4_no_extensions)
{
    static const uint16_t c[] = {0x0035, 0x002f};
    client_hello(&out, false, 0x0301, c, 2, NULL);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_JA4, "t10i020000_f54dd463d39b_000000000000");
    /* signature_algorithms present but empty: no '_' in the hashed text; the spec's own
     * example: 0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01 =
     * 6d807ffa2a79 */
    static struct tu_fb e;
    spec_extensions(&e, "h2", 2);
    struct tu_fb *x = &tmp;
    x->n = 0;
    struct vs_cur c2 = vs_cur_make(e.b, e.n);
    uint16_t t, l;
    const uint8_t *v;
    while (vs_cur_be16(&c2, &t) && vs_cur_be16(&c2, &l) && vs_cur_bytes(&c2, l, &v))
        ext(x, t, t == 0x000d ? (const uint8_t *)"\x00\x00" : v, t == 0x000d ? 2 : l);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, x);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_JA4, "t13d1516h2_8daaf6152771_6d807ffa2a79");
}
END_TEST

START_TEST(test_ja4_malformed)
{
    static struct tu_fb e;
    spec_extensions(&e, "h2", 2);
    client_hello(&out, false, 0x0303, spec_ciphers, 16, &e);
    /* an extension longer than the block: find the last extension's length and raise it */
    out.b[out.n - 3] = 0x40;
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* an odd cipher suite length */
    static const uint16_t c[] = {0x002f};
    client_hello(&out, false, 0x0303, c, 1, NULL);
    size_t suites_len_off = 5 + 4 + 2 + 32 + 1 + 32;
    out.b[suites_len_off + 1] = 1;
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    /* a hello cut inside its random */
    hs.n = 0;
    out.n = 0;
    put8(&out, 22);
    put16(&out, 0x0301);
    put16(&out, 4 + 10);
    put8(&out, 1);
    put24(&out, 10);
    for (int i = 0; i < 10; i++)
        put8(&out, 3);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
}
END_TEST

/* VS_MAX_TLS_LIST cipher suites are fingerprinted; one more is malformed. */
START_TEST(test_limit_tls_list)
{
    static uint16_t c[VS_MAX_TLS_LIST + 1];
    for (size_t i = 0; i <= VS_MAX_TLS_LIST; i++)
        c[i] = (uint16_t)(0x1000 + i);
    client_hello(&out, false, 0x0303, c, VS_MAX_TLS_LIST, NULL);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_OK);
    ck_assert_int_eq(strncmp(tu_get(&col, VS_F_TLS_JA4), "t12i990000_", 11), 0);
    client_hello(&out, false, 0x0303, c, VS_MAX_TLS_LIST + 1, NULL);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* A handshake stream beyond VS_MAX_TLS_HANDSHAKE: a certificate that ends past the limit is
 * not decoded (truncated) and vs_tls_need gives up; one that ends within it is. */
START_TEST(test_limit_handshake)
{
    const struct der *chain[] = {&hik};
    size_t filler = VS_MAX_TLS_HANDSHAKE - 4 - 10 - hik.n; /* the certificate ends at the limit */
    for (int over = 0; over <= 1; over++) {
        hs.n = 0;
        put8(&hs, 4); /* NewSessionTicket-sized filler message */
        put24(&hs, filler + (size_t)over);
        for (size_t i = 0; i < filler + (size_t)over; i++)
            put8(&hs, 0);
        certificate_msg(&hs, chain, 1);
        out.n = 0;
        records(&out, &hs, 16384);
        enum vs_decode_status st = decode(vs_tls_dissect, &out);
        if (!over) {
            ck_assert_int_eq(st, VS_DECODE_OK);
            EXPECT(VS_F_TLS_CERT_SUBJECT, HIK_SUBJECT);
        } else {
            ck_assert_int_eq(st, VS_DECODE_TRUNCATED);
            ck_assert_uint_eq(col.n, 0);
            ck_assert_uint_eq(need(out.b, out.n - 100), 0);
        }
    }
}
END_TEST

/* ---- DTLS ------------------------------------------------------------------------------- */

/* A DTLS 1.2 ClientHello with no supported_versions: the hello version says "d2" (the
 * record's 0xfeff is ignored). ciphers sorted c00a,c02b,c02f -> 6278086ca39c; extensions
 * 000a,000b,000d,0017_0403,0503 -> e9b1651a6cf0. */
START_TEST(test_dtls_client_hello)
{
    static const uint16_t c[] = {0xc02b, 0xc02f, 0xc00a};
    static struct tu_fb e;
    e.n = 0;
    ext(&e, 0x000d, "\x00\x04\x04\x03\x05\x03", 6);
    ext(&e, 0x000a, "\x00\x02\x00\x17", 4);
    ext(&e, 0x000b, "\x01\x00", 2);
    ext(&e, 0x0017, NULL, 0);
    client_hello(&out, true, 0xfefd, c, 3, &e);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_JA4, "dd2i030400_6278086ca39c_e9b1651a6cf0");
    tu_check_prefixes(vs_dtls_dissect, out.b, out.n);
    /* a fragment offset that pushes the fragment past the end of its message */
    out.b[13 + 8] = 1;
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

static void dtls_record(struct tu_fb *f, unsigned epoch, const struct tu_fb *body)
{
    put8(f, 22);
    put16(f, 0xfefd);
    put16(f, epoch);
    put16(f, 0);
    put16(f, 0);
    put16(f, 1);
    put16(f, (unsigned)body->n);
    tu_fb_raw(f, body->b, body->n);
}

static void dtls_cert_fragment(struct tu_fb *f, const struct der *d, size_t off, size_t flen)
{
    size_t len = 3 + 3 + d->n;
    tmp.n = 0;
    put24(&tmp, 3 + d->n);
    put24(&tmp, d->n);
    tu_fb_raw(&tmp, d->b, d->n);
    put8(f, 11);
    put24(f, len);
    put16(f, 1);
    put24(f, off);
    put24(f, flen);
    tu_fb_raw(f, tmp.b + off, flen);
}

START_TEST(test_dtls_certificate)
{
    static struct tu_fb body;
    size_t len = 6 + zte.n;
    /* whole */
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 0, len);
    out.n = 0;
    dtls_record(&out, 0, &body);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, ZTE_SUBJECT);
    EXPECT(VS_F_TLS_CERT_ISSUER, ZTE_ISSUER);
    tu_check_prefixes(vs_dtls_dissect, out.b, out.n);
    /* a first fragment that holds the first certificate whole (a chain would follow) */
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 0, len);
    set24(&body, 1, len + 50); /* the message is 50 bytes longer than this fragment */
    out.n = 0;
    dtls_record(&out, 0, &body);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, ZTE_SUBJECT);
    /* a second fragment: nothing */
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 100, len - 100);
    out.n = 0;
    dtls_record(&out, 0, &body);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* an encrypted epoch: nothing */
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 0, len);
    out.n = 0;
    dtls_record(&out, 1, &body);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    /* a fragment running past its message */
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 0, len);
    body.b[11] = (uint8_t)(body.b[11] + 1);
    out.n = 0;
    dtls_record(&out, 0, &body);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* TLS records are not DTLS and the other way round */
    cert_only(&tmp, &hik);
    ck_assert_int_eq(tu_decode_into(vs_dtls_dissect, tmp.b, tmp.n, &col), VS_DECODE_MALFORMED);
    ck_assert_int_eq(decode(vs_tls_dissect, &out), VS_DECODE_MALFORMED);
}
END_TEST

/* CAPWAP's control channel (UDP 5246) carries DTLS behind a 4-byte header (RFC 5415
 * section 4.2): the records after it decode as they do alone, and a header whose reserved
 * bits are not zero is no CAPWAP DTLS header. */
START_TEST(test_dtls_capwap)
{
    static struct tu_fb body, rec;
    static const uint16_t c[] = {0xc02b, 0xc02f, 0xc00a};
    size_t len = 6 + zte.n;
    body.n = 0;
    dtls_cert_fragment(&body, &zte, 0, len);
    rec.n = 0;
    dtls_record(&rec, 0, &body);
    out.n = 0;
    tu_fb_raw(&out, "\x01\x00\x00\x00", 4);
    tu_fb_raw(&out, rec.b, rec.n);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_CERT_SUBJECT, ZTE_SUBJECT);
    EXPECT(VS_F_TLS_CERT_ISSUER, ZTE_ISSUER);
    tu_check_prefixes(vs_dtls_dissect, out.b, out.n);
    out.b[3] = 1;
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* a ClientHello: the same JA4 as without the header */
    static struct tu_fb e, hello;
    e.n = 0;
    ext(&e, 0x000d, "\x00\x04\x04\x03\x05\x03", 6);
    ext(&e, 0x000a, "\x00\x02\x00\x17", 4);
    ext(&e, 0x000b, "\x01\x00", 2);
    ext(&e, 0x0017, NULL, 0);
    client_hello(&hello, true, 0xfefd, c, 3, &e);
    out.n = 0;
    tu_fb_raw(&out, "\x01\x00\x00\x00", 4);
    tu_fb_raw(&out, hello.b, hello.n);
    ck_assert_int_eq(decode(vs_dtls_dissect, &out), VS_DECODE_OK);
    EXPECT(VS_F_TLS_JA4, "dd2i030400_6278086ca39c_e9b1651a6cf0");
}
END_TEST

/* ---- the capture: TCP reassembly as the pipeline would do it ------------------------------ */

/* tests/captures/tls_devices.pcap (tests/gen/mkcaptures.py): per TCP direction, a buffer is
 * started at a segment that passes vs_tls_candidate and grown segment by segment while
 * vs_tls_need asks for more; then it is decoded. This is the wiring the pipeline needs. */
struct flow {
    uint8_t key[12]; /* src ip, dst ip, sport, dport */
    uint8_t buf[VS_MAX_TLS_HANDSHAKE + 18432];
    size_t n;
    bool open;
};

static struct flow flows[8];
static size_t nflows, segments_buffered;

static struct flow *flow_get(const uint8_t key[12])
{
    for (size_t i = 0; i < nflows; i++)
        if (memcmp(flows[i].key, key, 12) == 0)
            return &flows[i];
    ck_assert_uint_lt(nflows, 8);
    memcpy(flows[nflows].key, key, 12);
    flows[nflows].n = 0;
    flows[nflows].open = false;
    return &flows[nflows++];
}

static void flow_segment(struct flow *f, const uint8_t *p, size_t n, struct tu_collector *into)
{
    struct vs_cur c = vs_cur_make(p, n);
    if (!f->open) {
        if (!n || !vs_tls_candidate(&c))
            return;
        f->open = true;
        f->n = 0;
    } else {
        segments_buffered++;
    }
    ck_assert_uint_le(f->n + n, sizeof f->buf);
    memcpy(f->buf + f->n, p, n);
    f->n += n;
    struct vs_cur b = vs_cur_make(f->buf, f->n);
    if (vs_tls_need(&b) > 0)
        return;
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    ck_assert_int_ne(vs_tls_dissect(b, &pkt, tu_collect, into), VS_DECODE_MALFORMED);
    f->open = false;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

START_TEST(test_capture_reassembly)
{
    FILE *fp = fopen(tu_src_path("tests/captures/tls_devices.pcap"), "rb");
    ck_assert_ptr_nonnull(fp);
    static uint8_t file[1 << 20];
    size_t len = fread(file, 1, sizeof file, fp);
    fclose(fp);
    tu_reset(&col);
    nflows = segments_buffered = 0;
    for (size_t off = 24; off + 16 <= len;) {
        size_t incl = le32(file + off + 8);
        const uint8_t *fr = file + off + 16;
        off += 16 + incl;
        /* Ethernet II, IPv4, TCP only */
        if (incl < 14 + 20 + 20 || fr[12] != 0x08 || fr[13] != 0x00 || fr[14 + 9] != 6)
            continue;
        size_t ihl = (size_t)(fr[14] & 0xf) * 4;
        size_t tot = (size_t)fr[16] << 8 | fr[17];
        const uint8_t *tcp = fr + 14 + ihl;
        size_t thl = (size_t)(tcp[12] >> 4) * 4;
        uint8_t key[12];
        memcpy(key, fr + 14 + 12, 8);
        memcpy(key + 8, tcp, 4);
        flow_segment(flow_get(key), tcp + thl, tot - ihl - thl, &col);
    }
    EXPECT(VS_F_TLS_CERT_SUBJECT, HW_DEV_SUBJECT);
    EXPECT(VS_F_TLS_CERT_ISSUER, HW_CA_SUBJECT);
    EXPECT(VS_F_TLS_CERT_SUBJECT, HIK_SUBJECT);
    EXPECT(VS_F_TLS_CERT_SUBJECT, ZTE_SUBJECT);
    EXPECT(VS_F_TLS_CERT_ISSUER, ZTE_ISSUER);
    /* the spec's example hello (twice, one client) and the Diameter peer's, computed by hand
     * in tests/gen/mkcaptures.py */
    EXPECT(VS_F_TLS_JA4, "t13d1516h2_8daaf6152771_e5627efa2ab1");
    EXPECT(VS_F_TLS_JA4, "t12i060600_c18558ec87bf_2497b1e993de");
    ck_assert_uint_eq(tu_count(&col, VS_F_TLS_JA4), 3);
    ck_assert_uint_eq(tu_count(&col, VS_F_TLS_CERT_SUBJECT), 3);
    /* the Huawei certificate needed the second segment of its flight */
    ck_assert_uint_ge(segments_buffered, 1);
}
END_TEST

/* ---- candidates ------------------------------------------------------------------------- */

static bool cand(bool (*fn)(const struct vs_cur *), const char *s, size_t n)
{
    struct vs_cur c = vs_cur_make((const uint8_t *)s, n);
    return fn(&c);
}

START_TEST(test_candidates)
{
    ck_assert(cand(vs_tls_candidate, "\x16\x03\x01\x02\x00", 5));
    ck_assert(cand(vs_tls_candidate, "\x16\x03\x03", 3));
    ck_assert(cand(vs_tls_candidate, "\x16\x03\x00", 3));
    ck_assert(!cand(vs_tls_candidate, "\x16\x03\x04", 3));
    ck_assert(!cand(vs_tls_candidate, "\x17\x03\x03", 3));
    ck_assert(!cand(vs_tls_candidate, "\x16\x03", 2));
    ck_assert(!cand(vs_tls_candidate, "", 0));
    ck_assert(!cand(vs_tls_candidate, "GET / HTTP/1.1", 14));
    ck_assert(cand(vs_dtls_candidate, "\x16\xfe\xfd", 3));
    ck_assert(cand(vs_dtls_candidate, "\x16\xfe\xff", 3));
    ck_assert(!cand(vs_dtls_candidate, "\x16\xfe\xfe", 3));
    ck_assert(!cand(vs_dtls_candidate, "\x16\x03\x03", 3));
    ck_assert(!cand(vs_dtls_candidate, "\x16\xfe", 2));
    /* behind CAPWAP's DTLS header (RFC 5415 section 4.2): type 1, reserved bits zero */
    ck_assert(cand(vs_dtls_candidate, "\x01\x00\x00\x00\x16\xfe\xff", 7));
    ck_assert(!cand(vs_dtls_candidate, "\x01\x00\x00\x01\x16\xfe\xff", 7));
    ck_assert(!cand(vs_dtls_candidate, "\x00\x00\x00\x00\x16\xfe\xff", 7));
    ck_assert(!cand(vs_dtls_candidate, "\x01\x00\x00\x00\x17\xfe\xff", 7));
    ck_assert(!cand(vs_dtls_candidate, "\x01\x00\x00\x00", 4));
}
END_TEST

static Suite *tls_suite(void)
{
    Suite *s = suite_create("tls");
    TCase *tc = tcase_create("core");
    tcase_add_unchecked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_x509_names);
    tcase_add_test(tc, test_sha256);
    tcase_add_test(tc, test_cert_one_record);
    tcase_add_test(tc, test_cert_split_records);
    tcase_add_test(tc, test_cert_other_records);
    tcase_add_test(tc, test_cert_prefixes_and_need);
    tcase_add_test(tc, test_cert_truncated_status);
    tcase_add_test(tc, test_record_lengths);
    tcase_add_test(tc, test_cert_lengths_lie);
    tcase_add_test(tc, test_cert_garbage);
    tcase_add_test(tc, test_cert_hostile_names);
    tcase_add_test(tc, test_ja4_spec_example);
    tcase_add_test(tc, test_ja4_alpn);
    tcase_add_test(tc, test_ja4_no_extensions);
    tcase_add_test(tc, test_ja4_malformed);
    tcase_add_test(tc, test_limit_tls_list);
    tcase_add_test(tc, test_limit_handshake);
    tcase_add_test(tc, test_dtls_client_hello);
    tcase_add_test(tc, test_dtls_certificate);
    tcase_add_test(tc, test_dtls_capwap);
    tcase_add_test(tc, test_candidates);
    tcase_add_test(tc, test_capture_reassembly);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tls_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
