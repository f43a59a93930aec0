/* SPDX-License-Identifier: BSD-2-Clause */
/* tls.c - TLS 1.0-1.2 and DTLS 1.0/1.2 handshakes: the names of the certificate a host sends
 * (Certificate message, RFC 5246 section 7.4.2; X.509 through x509.h) and the JA4 fingerprint
 * of the client that sends a ClientHello (RFC 5246 section 7.4.1.2, RFC 8446 section 4.1.2;
 * FoxIO's public JA4 technical details, the BSD-3-licensed "ja4" part only). Records follow
 * RFC 5246 section 6.2 and RFC 6347 section 4.1; DTLS handshake fragments section 4.2.2; the
 * CAPWAP DTLS header before DTLS records (RFC 5415 section 4.2). */
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"
#include "vendorsniff/x509.h"

enum {
    REC_CCS = 20,
    REC_ALERT = 21,
    REC_HANDSHAKE = 22,
    REC_APPDATA = 23,
    REC_HEARTBEAT = 24,
};

enum {
    HS_CLIENT_HELLO = 1,
    HS_CERTIFICATE = 11,
};

enum {
    EXT_SNI = 0x0000,
    EXT_SIG_ALGS = 0x000d,
    EXT_ALPN = 0x0010,
    EXT_SUPPORTED_VERSIONS = 0x002b,
};

#define TLS_REC_HDR 5
#define DTLS_REC_HDR 13
#define HS_HDR 4
#define DTLS_HS_HDR 12
/* RFC 5246 section 6.2.3: a record fragment is at most 2^14 + 2048 bytes. */
#define TLS_MAX_RECORD (16384 + 2048)
#define CH_RANDOM_LEN 32
/* certificate_list length, then the first certificate's length (3 bytes each). */
#define CERT_LIST_HDR 3
#define CERT_HDR 3
#define JA4_HASH_HEX 12
/* "t13d1516h2_" + 12 + "_" + 12 */
#define JA4_LEN (10 + 1 + JA4_HASH_HEX + 1 + JA4_HASH_HEX)

/* GREASE (RFC 8701): 0x0a0a, 0x1a1a, ... 0xfafa, ignored everywhere by JA4. */
static bool is_grease(uint16_t v)
{
    return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/* ---- the handshake stream ------------------------------------------------------------- */

/* Handshake messages may span records (a certificate chain usually does), so the fragments
 * of the handshake records in the buffer are joined here, up to VS_MAX_TLS_HANDSHAKE. */
struct hs_stream {
    uint8_t b[VS_MAX_TLS_HANDSHAKE];
    size_t n;
    bool cut; /* handshake bytes beyond the limit were dropped */
};

static void hs_append(struct hs_stream *s, struct vs_cur frag)
{
    size_t room = sizeof s->b - s->n;
    size_t take = vs_cur_len(&frag);
    if (take > room) {
        take = room;
        s->cut = true;
    }
    if (vs_cur_copy(&frag, s->b + s->n, take))
        s->n += take;
}

/* What the record walk found besides the stream. */
struct rec_walk {
    size_t missing; /* bytes missing from a cut handshake record (or record header) at the end */
};

/* TLS records from the start of c: handshake fragments go to s. A ChangeCipherSpec ends the
 * walk, since what follows it is encrypted. */
static enum vs_decode_status tls_records(struct vs_cur c, struct hs_stream *s, struct rec_walk *w)
{
    w->missing = 0;
    while (!vs_cur_empty(&c)) {
        uint8_t type, major, minor;
        uint16_t len;
        if (vs_cur_len(&c) < TLS_REC_HDR) {
            w->missing = TLS_REC_HDR - vs_cur_len(&c);
            return VS_DECODE_TRUNCATED;
        }
        vs_cur_u8(&c, &type);
        vs_cur_u8(&c, &major);
        vs_cur_u8(&c, &minor);
        vs_cur_be16(&c, &len);
        if (type < REC_CCS || type > REC_HEARTBEAT || major != 3 || minor > 4 ||
            len > TLS_MAX_RECORD)
            return VS_DECODE_MALFORMED;
        if (type == REC_CCS)
            return VS_DECODE_OK;
        struct vs_cur frag;
        size_t have = vs_cur_len(&c) < len ? vs_cur_len(&c) : len;
        vs_cur_sub(&c, have, &frag);
        if (type == REC_HANDSHAKE)
            hs_append(s, frag);
        if (have < len) {
            if (type == REC_HANDSHAKE)
                w->missing = len - have;
            return VS_DECODE_TRUNCATED;
        }
    }
    return VS_DECODE_OK;
}

/* ---- Certificate ---------------------------------------------------------------------- */

/* The first certificate of a Certificate message body m: the sender's own (RFC 5246 7.4.2:
 * "The sender's certificate MUST come first in the list"). whole is false when m is only the
 * start of the message: the first certificate is still decoded when it lies wholly inside
 * (then the rest is not needed, and the status is OK). */
static enum vs_decode_status certificate(struct vs_cur m, bool whole, vs_emit_fn emit, void *ctx)
{
    uint32_t list_len, cert_len;
    const uint8_t *der;
    if (!vs_cur_be24(&m, &list_len))
        return whole ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
    if (whole && list_len != vs_cur_len(&m))
        return VS_DECODE_MALFORMED;
    if (list_len == 0)
        return VS_DECODE_OK; /* a client without a certificate */
    if (list_len < CERT_HDR)
        return VS_DECODE_MALFORMED;
    if (!vs_cur_be24(&m, &cert_len))
        return VS_DECODE_TRUNCATED;
    if (cert_len > list_len - CERT_HDR || cert_len == 0)
        return VS_DECODE_MALFORMED;
    if (!vs_cur_bytes(&m, cert_len, &der))
        return VS_DECODE_TRUNCATED;
    char subject[VS_X509_DN_SIZE], issuer[VS_X509_DN_SIZE];
    if (!vs_x509_names(der, cert_len, subject, issuer))
        return VS_DECODE_MALFORMED;
    vs_emit_string(emit, ctx, VS_F_TLS_CERT_SUBJECT,
                   vs_cur_make((const uint8_t *)subject, strlen(subject)), 0);
    vs_emit_string(emit, ctx, VS_F_TLS_CERT_ISSUER,
                   vs_cur_make((const uint8_t *)issuer, strlen(issuer)), 0);
    return VS_DECODE_OK;
}

/* ---- ClientHello and JA4 -------------------------------------------------------------- */

struct ja4 {
    char proto; /* 't' TLS over TCP, 'd' DTLS */
    uint16_t version;
    bool sni;
    char alpn[2];
    uint16_t ciphers[VS_MAX_TLS_LIST];
    size_t nciphers;
    uint16_t exts[VS_MAX_TLS_LIST];
    size_t nexts;
    uint16_t sigs[VS_MAX_TLS_LIST];
    size_t nsigs;
};

static bool push(uint16_t *list, size_t *n, uint16_t v)
{
    if (*n >= VS_MAX_TLS_LIST)
        return false;
    list[(*n)++] = v;
    return true;
}

/* Which supported_versions value is "highest": DTLS numbers count down (0xfeff is 1.0,
 * 0xfefc is 1.3), so DTLS versions are ranked by what they mean, the rest by value. */
static uint32_t version_rank(uint16_t v)
{
    switch (v) {
    case 0xfeff:
        return 0x10302;
    case 0xfefd:
        return 0x10303;
    case 0xfefc:
        return 0x10304;
    default:
        return v;
    }
}

static const char *version_text(uint16_t v)
{
    switch (v) {
    case 0x0304:
        return "13";
    case 0x0303:
        return "12";
    case 0x0302:
        return "11";
    case 0x0301:
        return "10";
    case 0x0300:
        return "s3";
    case 0x0200:
    case 0x0002:
        return "s2";
    case 0x0100:
        return "s1";
    case 0xfeff:
        return "d1";
    case 0xfefd:
        return "d2";
    case 0xfefc:
        return "d3";
    default:
        return "00";
    }
}

static bool is_alnum(uint8_t b)
{
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
}

static const char hexdig[] = "0123456789abcdef";

/* The first ALPN protocol's first and last characters; when either is not an ASCII letter
 * or digit, the first and last characters of its hex form instead. */
static bool ext_alpn(struct vs_cur v, struct ja4 *j)
{
    uint16_t list_len;
    uint8_t len, first, last;
    struct vs_cur list, name;
    if (!vs_cur_be16(&v, &list_len) || !vs_cur_sub(&v, list_len, &list))
        return false;
    if (vs_cur_empty(&list))
        return true;
    if (!vs_cur_u8(&list, &len) || !vs_cur_sub(&list, len, &name))
        return false;
    if (!len)
        return true;
    vs_cur_peek_u8(&name, 0, &first);
    vs_cur_peek_u8(&name, (size_t)len - 1, &last);
    if (is_alnum(first) && is_alnum(last)) {
        j->alpn[0] = (char)first;
        j->alpn[1] = (char)last;
    } else {
        j->alpn[0] = hexdig[first >> 4];
        j->alpn[1] = hexdig[last & 0xf];
    }
    return true;
}

static bool ext_sig_algs(struct vs_cur v, struct ja4 *j)
{
    uint16_t list_len, alg;
    struct vs_cur list;
    if (!vs_cur_be16(&v, &list_len) || !vs_cur_sub(&v, list_len, &list) || list_len % 2)
        return false;
    while (vs_cur_be16(&list, &alg))
        if (!is_grease(alg) && !push(j->sigs, &j->nsigs, alg))
            return false;
    return true;
}

static bool ext_versions(struct vs_cur v, struct ja4 *j)
{
    uint8_t list_len;
    uint16_t ver;
    uint32_t best = 0;
    struct vs_cur list;
    if (!vs_cur_u8(&v, &list_len) || !vs_cur_sub(&v, list_len, &list) || list_len % 2)
        return false;
    while (vs_cur_be16(&list, &ver)) {
        if (!is_grease(ver) && version_rank(ver) > best) {
            best = version_rank(ver);
            j->version = ver;
        }
    }
    return true;
}

static bool extensions(struct vs_cur c, struct ja4 *j)
{
    while (!vs_cur_empty(&c)) {
        uint16_t type, len;
        struct vs_cur v;
        if (!vs_cur_be16(&c, &type) || !vs_cur_be16(&c, &len) || !vs_cur_sub(&c, len, &v))
            return false;
        if (is_grease(type))
            continue;
        if (!push(j->exts, &j->nexts, type))
            return false;
        bool ok = true;
        if (type == EXT_SNI)
            j->sni = true;
        else if (type == EXT_ALPN)
            ok = ext_alpn(v, j);
        else if (type == EXT_SIG_ALGS)
            ok = ext_sig_algs(v, j);
        else if (type == EXT_SUPPORTED_VERSIONS)
            ok = ext_versions(v, j);
        if (!ok)
            return false;
    }
    return true;
}

static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}

static size_t put_hex4(char *out, uint16_t v)
{
    out[0] = hexdig[v >> 12];
    out[1] = hexdig[(v >> 8) & 0xf];
    out[2] = hexdig[(v >> 4) & 0xf];
    out[3] = hexdig[v & 0xf];
    return 4;
}

/* Comma-separated 4-digit hex values; returns the length written. */
static size_t put_list(char *out, const uint16_t *v, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            out[k++] = ',';
        k += put_hex4(out + k, v[i]);
    }
    return k;
}

/* The first 12 hex digits of SHA-256 of text[0..n); twelve zeroes for an empty list. */
static void put_hash12(char *out, const char *text, size_t n)
{
    if (!n) {
        memset(out, '0', JA4_HASH_HEX);
        return;
    }
    uint8_t md[VS_SHA256_LEN];
    vs_sha256(text, n, md);
    for (size_t i = 0; i < JA4_HASH_HEX / 2; i++) {
        out[2 * i] = hexdig[md[i] >> 4];
        out[2 * i + 1] = hexdig[md[i] & 0xf];
    }
}

static size_t put_count(char *out, size_t n)
{
    if (n > 99)
        n = 99;
    out[0] = (char)('0' + n / 10);
    out[1] = (char)('0' + n % 10);
    return 2;
}

static void ja4_format(struct ja4 *j, char out[JA4_LEN])
{
    /* Two lists of up to VS_MAX_TLS_LIST values, 5 characters each, and a '_'. */
    char text[2 * VS_MAX_TLS_LIST * 5 + 1];
    size_t k = 0;
    out[k++] = j->proto;
    memcpy(out + k, version_text(j->version), 2);
    k += 2;
    out[k++] = j->sni ? 'd' : 'i';
    k += put_count(out + k, j->nciphers);
    k += put_count(out + k, j->nexts);
    out[k++] = j->alpn[0];
    out[k++] = j->alpn[1];
    out[k++] = '_';

    qsort(j->ciphers, j->nciphers, sizeof j->ciphers[0], cmp_u16);
    put_hash12(out + k, text, put_list(text, j->ciphers, j->nciphers));
    k += JA4_HASH_HEX;
    out[k++] = '_';

    /* SNI and ALPN are already in the first part; signature algorithms keep their order. */
    size_t n = 0;
    for (size_t i = 0; i < j->nexts; i++)
        if (j->exts[i] != EXT_SNI && j->exts[i] != EXT_ALPN)
            j->exts[n++] = j->exts[i];
    qsort(j->exts, n, sizeof j->exts[0], cmp_u16);
    size_t t = put_list(text, j->exts, n);
    if (t && j->nsigs) {
        text[t++] = '_';
        t += put_list(text + t, j->sigs, j->nsigs);
    }
    put_hash12(out + k, text, t);
}

/* A whole ClientHello body (RFC 5246 7.4.1.2; DTLS adds a cookie, RFC 6347 4.2.1). */
static enum vs_decode_status client_hello(struct vs_cur m, char proto, vs_emit_fn emit, void *ctx)
{
    struct ja4 j;
    j.proto = proto;
    j.sni = false;
    j.alpn[0] = j.alpn[1] = '0';
    j.nciphers = j.nexts = j.nsigs = 0;
    uint8_t sid_len, cookie_len, comp_len;
    uint16_t suites_len, exts_len, suite;
    struct vs_cur sid, cookie, suites, comp, exts;
    if (!vs_cur_be16(&m, &j.version) || !vs_cur_skip(&m, CH_RANDOM_LEN) ||
        !vs_cur_u8(&m, &sid_len) || !vs_cur_sub(&m, sid_len, &sid))
        return VS_DECODE_MALFORMED;
    if (proto == 'd' && (!vs_cur_u8(&m, &cookie_len) || !vs_cur_sub(&m, cookie_len, &cookie)))
        return VS_DECODE_MALFORMED;
    if (!vs_cur_be16(&m, &suites_len) || !vs_cur_sub(&m, suites_len, &suites) || suites_len % 2 ||
        !vs_cur_u8(&m, &comp_len) || !vs_cur_sub(&m, comp_len, &comp))
        return VS_DECODE_MALFORMED;
    while (vs_cur_be16(&suites, &suite))
        if (!is_grease(suite) && !push(j.ciphers, &j.nciphers, suite))
            return VS_DECODE_MALFORMED;
    /* Extensions are optional (a hello may end after the compression methods). */
    if (!vs_cur_empty(&m)) {
        if (!vs_cur_be16(&m, &exts_len) || !vs_cur_sub(&m, exts_len, &exts) ||
            !extensions(exts, &j))
            return VS_DECODE_MALFORMED;
    }
    char fp[JA4_LEN];
    ja4_format(&j, fp);
    vs_emit_text(emit, ctx, VS_F_TLS_JA4, (const uint8_t *)fp, sizeof fp);
    return VS_DECODE_OK;
}

/* ---- TLS ------------------------------------------------------------------------------- */

/* The handshake messages of a joined stream; the last may be cut short. *got tells whether a
 * ClientHello or a Certificate's first certificate was decoded. */
static enum vs_decode_status tls_messages(struct vs_cur hs, vs_emit_fn emit, void *ctx, bool *got)
{
    enum vs_decode_status st = VS_DECODE_OK, ms;
    *got = false;
    while (!vs_cur_empty(&hs)) {
        uint8_t type;
        uint32_t len;
        struct vs_cur msg;
        if (!vs_cur_u8(&hs, &type) || !vs_cur_be24(&hs, &len))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (!vs_cur_sub(&hs, len, &msg)) {
            if (type != HS_CERTIFICATE)
                return vs_worse(st, VS_DECODE_TRUNCATED);
            ms = certificate(hs, false, emit, ctx);
            *got |= ms == VS_DECODE_OK;
            return vs_worse(st, ms);
        }
        if (type == HS_CLIENT_HELLO)
            ms = client_hello(msg, 't', emit, ctx);
        else if (type == HS_CERTIFICATE)
            ms = certificate(msg, true, emit, ctx);
        else
            continue;
        *got |= ms == VS_DECODE_OK;
        st = vs_worse(st, ms);
    }
    return st;
}

/* A TCP buffer ends where a segment ended, rarely at a record boundary: running out of bytes
 * after the ClientHello or the first certificate was decoded is no error (vs_tls_need stops
 * asking there too); before, it is truncation. */
enum vs_decode_status vs_tls_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct hs_stream s;
    struct rec_walk w;
    bool got;
    s.n = 0;
    s.cut = false;
    enum vs_decode_status rs = tls_records(c, &s, &w);
    enum vs_decode_status ms = tls_messages(vs_cur_make(s.b, s.n), emit, ctx, &got);
    if (rs == VS_DECODE_MALFORMED || ms == VS_DECODE_MALFORMED)
        return VS_DECODE_MALFORMED;
    if (rs == VS_DECODE_TRUNCATED || ms == VS_DECODE_TRUNCATED || s.cut)
        return got ? VS_DECODE_OK : VS_DECODE_TRUNCATED;
    return VS_DECODE_OK;
}

bool vs_tls_candidate(const struct vs_cur *payload)
{
    uint8_t type, major, minor;
    return vs_cur_peek_u8(payload, 0, &type) && type == REC_HANDSHAKE &&
           vs_cur_peek_u8(payload, 1, &major) && major == 3 && vs_cur_peek_u8(payload, 2, &minor) &&
           minor <= 3;
}

/* How many stream bytes the message starting at hs needs before it can be decoded: the whole
 * message, but of a Certificate only as far as the end of its first certificate. */
static size_t message_want(const struct vs_cur *hs, uint8_t type, uint32_t len)
{
    size_t want = HS_HDR + (size_t)len;
    const size_t head = HS_HDR + CERT_LIST_HDR + CERT_HDR;
    uint32_t cert_len;
    if (type != HS_CERTIFICATE)
        return want;
    /* the first certificate's 24-bit length: the last three of these four bytes */
    if (!vs_cur_peek_be32(hs, head - 4, &cert_len))
        return want < head ? want : head;
    cert_len &= 0xffffff;
    return head + cert_len < want ? head + cert_len : want;
}

size_t vs_tls_need(const struct vs_cur *payload)
{
    struct hs_stream s;
    struct rec_walk w;
    s.n = 0;
    s.cut = false;
    if (tls_records(*payload, &s, &w) == VS_DECODE_MALFORMED || s.cut)
        return 0;
    struct vs_cur hs = vs_cur_make(s.b, s.n);
    size_t missing = 0;
    while (!vs_cur_empty(&hs)) {
        uint8_t type;
        uint32_t len;
        if (vs_cur_len(&hs) < HS_HDR) {
            missing = HS_HDR - vs_cur_len(&hs); /* type unknown yet: wait for it */
            break;
        }
        vs_cur_peek_u8(&hs, 0, &type);
        vs_cur_peek_be32(&hs, 0, &len);
        len &= 0xffffff;
        size_t want = message_want(&hs, type, len);
        if (want > vs_cur_len(&hs)) {
            /* whatever the message, what comes next may be a Certificate: keep buffering */
            missing = want - vs_cur_len(&hs);
            break;
        }
        if (type == HS_CLIENT_HELLO || type == HS_CERTIFICATE)
            return 0; /* what we decode is here */
        vs_cur_skip(&hs, want);
    }
    if (!missing)
        return w.missing; /* the stream ended between messages: the record may go on */
    if (s.n + missing > VS_MAX_TLS_HANDSHAKE)
        return 0; /* more than is ever held: decode what there is */
    if (missing <= w.missing)
        return w.missing;
    /* The rest lies in later records, each with its own header. */
    return missing + TLS_REC_HDR;
}

/* ---- DTLS ------------------------------------------------------------------------------ */

/* The handshake messages of one DTLS record: only a message whose first fragment holds it
 * whole is decoded (no reassembly across datagrams); a Certificate's first fragment still
 * gives the first certificate when it holds it. */
static enum vs_decode_status dtls_messages(struct vs_cur c, vs_emit_fn emit, void *ctx)
{
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint8_t type;
        uint16_t seq;
        uint32_t len, off, flen;
        struct vs_cur frag;
        if (vs_cur_len(&c) < DTLS_HS_HDR)
            return vs_worse(st, VS_DECODE_TRUNCATED);
        vs_cur_u8(&c, &type);
        vs_cur_be24(&c, &len);
        vs_cur_be16(&c, &seq);
        vs_cur_be24(&c, &off);
        vs_cur_be24(&c, &flen);
        if (off > len || flen > len - off)
            return vs_worse(st, VS_DECODE_MALFORMED);
        bool cut = !vs_cur_sub(&c, flen, &frag);
        if (cut)
            frag = c;
        if (off == 0 && flen == len && !cut) {
            if (type == HS_CLIENT_HELLO)
                st = vs_worse(st, client_hello(frag, 'd', emit, ctx));
            else if (type == HS_CERTIFICATE)
                st = vs_worse(st, certificate(frag, true, emit, ctx));
        } else if (off == 0 && type == HS_CERTIFICATE) {
            /* the first certificate, if this first fragment holds it; the rest comes later
             * (the fragment ending early is no error: fragments are how DTLS works) */
            enum vs_decode_status cs = certificate(frag, false, emit, ctx);
            if (cs == VS_DECODE_MALFORMED)
                st = cs;
        }
        if (cut)
            return vs_worse(st, VS_DECODE_TRUNCATED);
    }
    return st;
}

/* CAPWAP (RFC 5415 section 4.2) puts its DTLS header before the records of the control
 * channel between access points and their controller: a preamble of version 0, type 1
 * (DTLS follows), then 24 reserved bits sent as zero. */
#define CAPWAP_DTLS_HDR 4

static bool capwap_dtls_header(const struct vs_cur *c)
{
    uint32_t h;
    return vs_cur_peek_be32(c, 0, &h) && h == 0x01000000u;
}

enum vs_decode_status vs_dtls_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    enum vs_decode_status st = VS_DECODE_OK;
    if (capwap_dtls_header(&c))
        vs_cur_skip(&c, CAPWAP_DTLS_HDR);
    while (!vs_cur_empty(&c)) {
        uint8_t type, major, minor;
        uint16_t epoch, len;
        struct vs_cur frag;
        if (vs_cur_len(&c) < DTLS_REC_HDR)
            return vs_worse(st, VS_DECODE_TRUNCATED);
        vs_cur_u8(&c, &type);
        vs_cur_u8(&c, &major);
        vs_cur_u8(&c, &minor);
        vs_cur_be16(&c, &epoch);
        vs_cur_skip(&c, 6); /* sequence number */
        vs_cur_be16(&c, &len);
        if (type < REC_CCS || type > REC_HEARTBEAT || major != 0xfe || len > TLS_MAX_RECORD)
            return vs_worse(st, VS_DECODE_MALFORMED);
        bool cut = !vs_cur_sub(&c, len, &frag);
        if (cut)
            frag = c;
        /* epoch 0 is the clear handshake; later epochs are encrypted */
        if (epoch != 0 || type == REC_CCS)
            return st;
        if (type == REC_HANDSHAKE)
            st = vs_worse(st, dtls_messages(frag, emit, ctx));
        if (cut)
            return vs_worse(st, VS_DECODE_TRUNCATED);
    }
    return st;
}

bool vs_dtls_candidate(const struct vs_cur *payload)
{
    uint8_t type, major, minor;
    struct vs_cur c = *payload;
    if (capwap_dtls_header(&c))
        vs_cur_skip(&c, CAPWAP_DTLS_HDR);
    return vs_cur_peek_u8(&c, 0, &type) && type == REC_HANDSHAKE && vs_cur_peek_u8(&c, 1, &major) &&
           major == 0xfe && vs_cur_peek_u8(&c, 2, &minor) &&
           (minor == 0xff || minor == 0xfd || minor == 0xfc);
}
