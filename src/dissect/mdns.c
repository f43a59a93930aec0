/* SPDX-License-Identifier: BSD-2-Clause */
/* mdns.c - Multicast DNS responses and DNS-SD announcements (RFC 6762, RFC 6763; message
 * format and name compression RFC 1035 section 4): the cursor covers a UDP 5353 payload.
 *
 * Only responses (QR=1, opcode 0) are read: a query, even with known answers, describes
 * what its sender has cached about others. Answer, authority and additional records are
 * walked twice. The first pass learns which records are about the sender:
 *  - a host name is the sender's when one of its A/AAAA records holds the packet's source
 *    address (a host with several interfaces lists them all under one name);
 *  - a service instance is the sender's when its SRV target is such a host name;
 *  - an address record whose name is not the sender's marks the packet "foreign" (a Sleep
 *    Proxy answering for a sleeping host, an mDNS reflector).
 * The second pass emits, for the sender only:
 *  - VS_F_MDNS_HOSTNAME: each of the sender's host names without ".local";
 *  - from TXT records of the sender's instances (or of the same instance name under another
 *    service, as _device-info has no SRV), or cache-flush TXT records of a packet that is
 *    not foreign:
 *      VS_F_MDNS_TXT    the whole _device-info._tcp TXT as "key=value key=value" (Recog's
 *                       mdns_device-info_txt);
 *      VS_F_MDNS_MODEL  "model=" (device-info, AirPlay), "usb_MDL=" (printers, Bonjour
 *                       Printing 1.2), "md=" only under _googlecast._tcp and _hap._tcp/_udp
 *                       (Chromecast, HomeKit), "ty=" only under printer and scanner
 *                       services (_ipp, _ipps, _printer, _pdl-datastream, _uscan, _uscans,
 *                       _scanner), where it is the make and model;
 *      VS_F_MDNS_VENDOR "usb_MFG=", "manufacturer=", "vendor=" (any service).
 *    TXT keys are matched without regard to case (RFC 6763 section 6.4).
 * Names are decompressed with every label and pointer checked: a pointer must point
 * backwards (before itself), at most MDNS_MAX_JUMPS are followed, the name's wire length
 * is at most 255 bytes, and labels longer than 63 (the 0x40/0x80 label types) are
 * malformed. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#define MDNS_HEADER_LEN 12
#define MDNS_MAX_JUMPS 16
#define MDNS_NAME_WIRE_MAX 255
#define MDNS_MAX_LABELS 128
#define MDNS_MAX_HOSTS 8
#define MDNS_MAX_SRV 16
#define MDNS_MAX_EMITTED 32
#define MDNS_TXT_TEXT_MAX 512

enum { RR_A = 1, RR_PTR = 12, RR_TXT = 16, RR_AAAA = 28, RR_SRV = 33 };

/* A decoded name: labels joined by '.', with where each label starts. */
struct dname {
    uint8_t text[MDNS_NAME_WIRE_MAX];
    size_t len;
    size_t nlab;
    uint8_t off[MDNS_MAX_LABELS];
    uint8_t llen[MDNS_MAX_LABELS];
};

static uint8_t lower(uint8_t b)
{
    return b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
}

static bool eq_nocase(const uint8_t *a, size_t an, const char *b)
{
    size_t bn = strlen(b);
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (lower(a[i]) != lower((uint8_t)b[i]))
            return false;
    return true;
}

static bool same_text(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

static bool label_is(const struct dname *n, size_t i, const char *s)
{
    return i < n->nlab && eq_nocase(n->text + n->off[i], n->llen[i], s);
}

/* Reads the name at offset off of msg; its uncompressed part must end by end. *after is
 * the offset just past the name where it started (past the first pointer). */
static enum vs_decode_status read_name(const struct vs_cur *msg, size_t off, size_t end,
                                       struct dname *out, size_t *after)
{
    size_t pos = off, lim = end, wire = 0, jumps = 0;
    bool jumped = false;
    out->len = 0;
    out->nlab = 0;
    for (;;) {
        uint8_t l, l2;
        if (pos >= lim || !vs_cur_peek_u8(msg, pos, &l))
            return lim == vs_cur_len(msg) ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
        if ((l & 0xC0) == 0xC0) {
            if (pos + 1 >= lim || !vs_cur_peek_u8(msg, pos + 1, &l2))
                return lim == vs_cur_len(msg) ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
            size_t ptr = (size_t)(l & 0x3F) << 8 | l2;
            if (!jumped)
                *after = pos + 2;
            /* backwards only: with the jump limit, no loop can be built */
            if (ptr >= pos || ++jumps > MDNS_MAX_JUMPS)
                return VS_DECODE_MALFORMED;
            pos = ptr;
            lim = vs_cur_len(msg);
            jumped = true;
            continue;
        }
        if (l & 0xC0)
            return VS_DECODE_MALFORMED; /* 0x40 extended / 0x80 reserved label types */
        if (++wire + l > MDNS_NAME_WIRE_MAX)
            return VS_DECODE_MALFORMED;
        if (l == 0) {
            if (!jumped)
                *after = pos + 1;
            return VS_DECODE_OK;
        }
        struct vs_cur w;
        if (pos + 1 > lim || l > lim - pos - 1 || !vs_cur_window(msg, pos + 1, l, &w))
            return lim == vs_cur_len(msg) ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
        wire += l;
        if (out->nlab)
            out->text[out->len++] = '.';
        out->off[out->nlab] = (uint8_t)out->len;
        out->llen[out->nlab] = l;
        out->nlab++;
        vs_cur_copy(&w, out->text + out->len, l);
        out->len += l;
        pos += 1 + (size_t)l;
    }
}

/* One resource record, as the walk hands it over. */
struct rr {
    struct dname owner;
    uint16_t type, rclass;
    size_t rdoff, rdlen;
};

typedef void (*rr_fn)(const struct vs_cur *msg, const struct rr *r, void *arg);

static enum vs_decode_status walk(const struct vs_cur *msg, rr_fn fn, void *arg)
{
    uint16_t qd, an, ns, ar;
    vs_cur_peek_be16(msg, 4, &qd);
    vs_cur_peek_be16(msg, 6, &an);
    vs_cur_peek_be16(msg, 8, &ns);
    vs_cur_peek_be16(msg, 10, &ar);
    size_t off = MDNS_HEADER_LEN, total = vs_cur_len(msg);
    size_t nrr = (size_t)an + ns + ar;
    if ((size_t)qd + nrr > VS_MAX_TLVS_PER_FRAME)
        return VS_DECODE_MALFORMED;
    struct rr r;
    for (size_t i = 0; i < qd; i++) {
        size_t after = off;
        enum vs_decode_status st = read_name(msg, off, total, &r.owner, &after);
        if (st != VS_DECODE_OK)
            return st;
        if (total - after < 4)
            return VS_DECODE_TRUNCATED;
        off = after + 4;
    }
    for (size_t i = 0; i < nrr; i++) {
        size_t after = off;
        enum vs_decode_status st = read_name(msg, off, total, &r.owner, &after);
        if (st != VS_DECODE_OK)
            return st;
        uint16_t rdlen;
        uint32_t ttl;
        if (total - after < 10)
            return VS_DECODE_TRUNCATED;
        vs_cur_peek_be16(msg, after, &r.type);
        vs_cur_peek_be16(msg, after + 2, &r.rclass);
        vs_cur_peek_be32(msg, after + 4, &ttl);
        vs_cur_peek_be16(msg, after + 8, &rdlen);
        r.rdoff = after + 10;
        r.rdlen = rdlen;
        if (rdlen > total - r.rdoff)
            return VS_DECODE_TRUNCATED;
        off = r.rdoff + rdlen;
        fn(msg, &r, arg);
    }
    return VS_DECODE_OK; /* bytes after the last record are padding to mDNS */
}

/* ---- pass 1: whose records are these ---------------------------------------------------- */

struct sender {
    const struct vs_pkt *pkt;
    uint8_t hosts[MDNS_MAX_HOSTS][MDNS_NAME_WIRE_MAX]; /* the sender's host names */
    size_t hostlen[MDNS_MAX_HOSTS];
    size_t nhosts;
    uint8_t others[MDNS_MAX_HOSTS][MDNS_NAME_WIRE_MAX]; /* names of other addresses */
    size_t otherlen[MDNS_MAX_HOSTS];
    size_t nothers;
    bool others_overflow;
    struct dname srv_owner[MDNS_MAX_SRV];
    uint8_t srv_target[MDNS_MAX_SRV][MDNS_NAME_WIRE_MAX];
    size_t srv_targetlen[MDNS_MAX_SRV];
    bool srv_ok[MDNS_MAX_SRV];
    size_t nsrv;
    bool foreign;
};

static bool in_list(uint8_t (*list)[MDNS_NAME_WIRE_MAX], const size_t *lens, size_t n,
                    const uint8_t *t, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (same_text(list[i], lens[i], t, len))
            return true;
    return false;
}

static void add_to(uint8_t (*list)[MDNS_NAME_WIRE_MAX], size_t *lens, size_t *n,
                   const struct dname *d, bool *overflow)
{
    if (in_list(list, lens, *n, d->text, d->len))
        return;
    if (*n == MDNS_MAX_HOSTS) {
        if (overflow)
            *overflow = true;
        return;
    }
    memcpy(list[*n], d->text, d->len);
    lens[*n] = d->len;
    (*n)++;
}

static void learn(const struct vs_cur *msg, const struct rr *r, void *arg)
{
    struct sender *s = arg;
    const struct vs_ip *src = &s->pkt->src_ip;
    if ((r->type == RR_A && r->rdlen == 4) || (r->type == RR_AAAA && r->rdlen == 16)) {
        uint8_t a[16];
        struct vs_cur w;
        struct vs_ip ip;
        vs_cur_window(msg, r->rdoff, r->rdlen, &w);
        vs_cur_copy(&w, a, r->rdlen);
        if (r->rdlen == 4)
            vs_ip_from4(&ip, a);
        else
            vs_ip_from6(&ip, a);
        if (vs_ip_equal(&ip, src))
            add_to(s->hosts, s->hostlen, &s->nhosts, &r->owner, NULL);
        else
            add_to(s->others, s->otherlen, &s->nothers, &r->owner, &s->others_overflow);
    } else if (r->type == RR_SRV && r->rdlen > 6 && s->nsrv < MDNS_MAX_SRV) {
        struct dname target;
        size_t after;
        if (read_name(msg, r->rdoff + 6, r->rdoff + r->rdlen, &target, &after) != VS_DECODE_OK)
            return;
        s->srv_owner[s->nsrv] = r->owner;
        memcpy(s->srv_target[s->nsrv], target.text, target.len);
        s->srv_targetlen[s->nsrv] = target.len;
        s->nsrv++;
    }
}

static void settle(struct sender *s)
{
    for (size_t i = 0; i < s->nothers; i++)
        if (!in_list(s->hosts, s->hostlen, s->nhosts, s->others[i], s->otherlen[i]))
            s->foreign = true;
    s->foreign |= s->others_overflow;
    for (size_t i = 0; i < s->nsrv; i++)
        s->srv_ok[i] =
            in_list(s->hosts, s->hostlen, s->nhosts, s->srv_target[i], s->srv_targetlen[i]);
}

/* ---- pass 2: evidence ------------------------------------------------------------------- */

struct out {
    struct sender *s;
    vs_emit_fn emit;
    void *ctx;
    struct {
        enum vs_field f;
        const uint8_t *p;
        size_t n;
    } seen[MDNS_MAX_EMITTED];
    size_t nseen;
};

/* Emit once per packet: a printer repeats its TXT under every service it offers. */
static void emit_once(struct out *o, enum vs_field f, struct vs_cur v)
{
    v = vs_cur_trim(vs_cur_cut_nul(v));
    const uint8_t *p;
    size_t n = vs_cur_len(&v);
    if (!n || !vs_cur_bytes(&v, n, &p))
        return;
    for (size_t i = 0; i < o->nseen; i++)
        if (o->seen[i].f == f && o->seen[i].n == n && memcmp(o->seen[i].p, p, n) == 0)
            return;
    if (o->nseen == MDNS_MAX_EMITTED)
        return;
    o->seen[o->nseen].f = f;
    o->seen[o->nseen].p = p;
    o->seen[o->nseen].n = n;
    o->nseen++;
    vs_emit_text(o->emit, o->ctx, f, p, n);
}

/* <Instance>.<_service>.<_tcp|_udp>.local: the service label's index, or 0 when the name
 * is not of that shape. */
static size_t service_label(const struct dname *n)
{
    if (n->nlab < 4 || !label_is(n, n->nlab - 1, "local"))
        return 0;
    if (!label_is(n, n->nlab - 2, "_tcp") && !label_is(n, n->nlab - 2, "_udp"))
        return 0;
    return n->nlab - 3;
}

static bool printer_service(const struct dname *n, size_t svc)
{
    static const char *const svcs[] = {"_ipp",   "_ipps",   "_printer", "_pdl-datastream",
                                       "_uscan", "_uscans", "_scanner"};
    for (size_t i = 0; i < sizeof svcs / sizeof svcs[0]; i++)
        if (label_is(n, svc, svcs[i]))
            return true;
    return false;
}

/* Is this TXT record about the sender? */
static bool txt_is_senders(const struct sender *s, const struct rr *r, size_t svc)
{
    for (size_t i = 0; i < s->nsrv; i++) {
        if (!s->srv_ok[i])
            continue;
        const struct dname *so = &s->srv_owner[i];
        if (same_text(so->text, so->len, r->owner.text, r->owner.len))
            return true;
        /* the same instance name under another service (_device-info has no SRV) */
        size_t ssvc = service_label(so);
        if (svc && ssvc &&
            same_text(so->text, so->off[ssvc] - 1u, r->owner.text, r->owner.off[svc] - 1u))
            return true;
    }
    return !s->foreign && (r->rclass & 0x8000);
}

static void emit_txt(const struct vs_cur *msg, const struct rr *r, struct out *o)
{
    size_t svc = service_label(&r->owner);
    if (!txt_is_senders(o->s, r, svc))
        return;
    bool devinfo =
        svc && label_is(&r->owner, svc, "_device-info") && label_is(&r->owner, svc + 1, "_tcp");
    bool md_ok =
        svc && (label_is(&r->owner, svc, "_googlecast") || label_is(&r->owner, svc, "_hap"));
    bool ty_ok = svc && printer_service(&r->owner, svc);
    uint8_t text[MDNS_TXT_TEXT_MAX];
    size_t tn = 0;
    struct vs_cur rd;
    vs_cur_window(msg, r->rdoff, r->rdlen, &rd);
    uint8_t len;
    while (vs_cur_u8(&rd, &len)) {
        struct vs_cur str;
        if (!vs_cur_sub(&rd, len, &str))
            break; /* a string past the record's end: the rest is not read */
        if (!len)
            continue;
        if (devinfo && tn + len + (tn ? 1u : 0u) <= sizeof text) {
            if (tn)
                text[tn++] = ' ';
            struct vs_cur cp = str;
            vs_cur_copy(&cp, text + tn, len);
            tn += len;
        }
        size_t k = 0;
        uint8_t b;
        while (vs_cur_peek_u8(&str, k, &b) && b != '=')
            k++;
        if (k == len)
            continue; /* a boolean attribute */
        struct vs_cur key, val = str;
        vs_cur_sub(&val, k, &key);
        vs_cur_skip(&val, 1);
        const uint8_t *kp;
        vs_cur_bytes(&key, k, &kp);
        if (eq_nocase(kp, k, "model") || eq_nocase(kp, k, "usb_MDL") ||
            (md_ok && eq_nocase(kp, k, "md")) || (ty_ok && eq_nocase(kp, k, "ty")))
            emit_once(o, VS_F_MDNS_MODEL, val);
        else if (eq_nocase(kp, k, "usb_MFG") || eq_nocase(kp, k, "manufacturer") ||
                 eq_nocase(kp, k, "vendor"))
            emit_once(o, VS_F_MDNS_VENDOR, val);
    }
    /* emitted as is, not through emit_once: text is gone when this function returns */
    if (tn)
        vs_emit_text(o->emit, o->ctx, VS_F_MDNS_TXT, text, tn);
}

static void report(const struct vs_cur *msg, const struct rr *r, void *arg)
{
    if (r->type == RR_TXT)
        emit_txt(msg, r, arg);
}

static void emit_hosts(struct out *o)
{
    static const char suffix[] = ".local";
    const size_t sl = sizeof suffix - 1;
    struct sender *s = o->s;
    for (size_t i = 0; i < s->nhosts; i++) {
        size_t n = s->hostlen[i];
        if (n <= sl || !eq_nocase(s->hosts[i] + (n - sl), sl, suffix))
            continue;
        emit_once(o, VS_F_MDNS_HOSTNAME, vs_cur_make(s->hosts[i], n - sl));
    }
}

enum vs_decode_status vs_mdns_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    uint16_t flags;
    if (vs_cur_len(&c) < MDNS_HEADER_LEN)
        return VS_DECODE_TRUNCATED;
    vs_cur_peek_be16(&c, 2, &flags);
    if (!(flags & 0x8000) || (flags & 0x7800))
        return VS_DECODE_OK; /* a query, or an opcode mDNS ignores (RFC 6762 section 18.3) */
    struct sender s;
    memset(&s, 0, sizeof s);
    s.pkt = pkt;
    enum vs_decode_status st = walk(&c, learn, &s);
    settle(&s);
    struct out o;
    memset(&o, 0, sizeof o);
    o.s = &s;
    o.emit = emit;
    o.ctx = ctx;
    emit_hosts(&o);
    walk(&c, report, &o);
    return st;
}
