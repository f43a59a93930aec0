/* SPDX-License-Identifier: BSD-2-Clause */
/* dhcp.c - DHCPv4 (RFC 2131, options RFC 2132, overload RFC 2131 s4.1, long options
 * RFC 3396) and DHCPv6 (RFC 8415) client messages: the vendor class and host name a
 * client announces, bound to its hardware address. */
#include "vendorsniff/dissect_util.h"

#include <string.h>

/* ---- DHCPv4 ---- */

#define BOOTREQUEST 1
#define HTYPE_ETHERNET 1
#define DHCP_FIXED_LEN 236 /* op .. file, before the magic cookie */
#define DHCP_SNAME_OFF 44
#define DHCP_SNAME_LEN 64
#define DHCP_FILE_OFF 108
#define DHCP_FILE_LEN 128
static const uint8_t dhcp_magic[4] = {99, 130, 83, 99};

enum {
    OPT_PAD = 0,
    OPT_HOSTNAME = 12,
    OPT_REQUESTED_IP = 50,
    OPT_OVERLOAD = 52,
    OPT_MESSAGE_TYPE = 53,
    OPT_VENDOR_CLASS = 60,
    OPT_END = 255,
};
#define DHCPREQUEST 3

/* RFC 3396 splits a long option into instances that are joined in order; one option's
 * text is never longer than an evidence value is kept. */
struct opt_text {
    uint8_t b[VS_MAX_VALUE_LEN];
    size_t n;
    bool seen;
};

struct dhcp4_opts {
    struct opt_text vendor, host;
    uint8_t requested[4];
    bool have_requested;
    uint8_t overload;
    uint8_t msg_type;
    size_t count;
};

static void opt_append(struct opt_text *t, struct vs_cur v)
{
    size_t room = sizeof t->b - t->n;
    size_t take = vs_cur_len(&v) < room ? vs_cur_len(&v) : room;
    vs_cur_copy(&v, t->b + t->n, take);
    t->n += take;
    t->seen = true;
}

/* Walk one options area (the options field, or file/sname when overloaded). A length
 * running past the area is truncation for the options field, which ends with the
 * datagram, and a contradiction for the fixed-size file and sname fields. */
static enum vs_decode_status dhcp4_options(struct vs_cur c, bool open_ended, struct dhcp4_opts *o)
{
    while (!vs_cur_empty(&c)) {
        uint8_t code, len;
        vs_cur_u8(&c, &code);
        if (code == OPT_PAD)
            continue;
        if (code == OPT_END)
            return VS_DECODE_OK;
        if (++o->count > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        struct vs_cur v;
        if (!vs_cur_u8(&c, &len) || !vs_cur_sub(&c, len, &v))
            return open_ended ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
        switch (code) {
        case OPT_HOSTNAME:
            opt_append(&o->host, v);
            break;
        case OPT_VENDOR_CLASS:
            opt_append(&o->vendor, v);
            break;
        case OPT_REQUESTED_IP:
            if (len != 4)
                return VS_DECODE_MALFORMED;
            vs_cur_copy(&v, o->requested, 4);
            o->have_requested = true;
            break;
        case OPT_OVERLOAD:
            if (len != 1)
                return VS_DECODE_MALFORMED;
            vs_cur_u8(&v, &o->overload);
            break;
        case OPT_MESSAGE_TYPE:
            if (len != 1)
                return VS_DECODE_MALFORMED;
            vs_cur_u8(&v, &o->msg_type);
            break;
        default:
            break;
        }
    }
    /* No END option: tolerated in the fixed fields, a cut in the options field. */
    return open_ended ? VS_DECODE_TRUNCATED : VS_DECODE_OK;
}

static bool all_zero(const uint8_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i])
            return false;
    return true;
}

static void emit_bound(vs_emit_fn emit, void *ctx, enum vs_field f, const struct opt_text *t,
                       const uint8_t *mac, const struct vs_ip *ip, uint32_t num)
{
    /* Clients pad with NULs or blanks; a value that is all padding says nothing. */
    size_t a = 0, n = t->n;
    while (n > 0 && (t->b[n - 1] == 0 || t->b[n - 1] == ' ' || t->b[n - 1] == '\t'))
        n--;
    while (a < n && (t->b[a] == ' ' || t->b[a] == '\t'))
        a++;
    if (n == a)
        return;
    struct vs_evidence ev = {f, t->b + a, n - a, mac, ip, num};
    emit(ctx, &ev);
}

enum vs_decode_status vs_dhcp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    uint8_t op, htype, hlen;
    uint8_t ciaddr[4], chaddr[16], cookie[4];
    struct vs_cur fixed, sname, file;
    if (!vs_cur_sub(&c, DHCP_FIXED_LEN, &fixed) || !vs_cur_copy(&c, cookie, sizeof cookie))
        return VS_DECODE_TRUNCATED;
    vs_cur_u8(&fixed, &op);
    vs_cur_u8(&fixed, &htype);
    vs_cur_u8(&fixed, &hlen);
    /* hops, xid, secs, flags, then ciaddr at offset 12 */
    vs_cur_skip(&fixed, 1 + 4 + 2 + 2);
    vs_cur_copy(&fixed, ciaddr, 4);
    vs_cur_skip(&fixed, 4 + 4 + 4); /* yiaddr, siaddr, giaddr */
    vs_cur_copy(&fixed, chaddr, 16);
    vs_cur_sub(&fixed, DHCP_SNAME_LEN, &sname);
    vs_cur_sub(&fixed, DHCP_FILE_LEN, &file);
    if (memcmp(cookie, dhcp_magic, sizeof cookie) != 0 || (op != 1 && op != 2) || hlen > 16)
        return VS_DECODE_MALFORMED;
    struct dhcp4_opts o;
    memset(&o, 0, sizeof o);
    enum vs_decode_status st = dhcp4_options(c, true, &o);
    /* RFC 2131 s4.1: with option 52, file and then sname hold further options. */
    if (st != VS_DECODE_MALFORMED && (o.overload & 1))
        st = vs_worse(st, dhcp4_options(file, false, &o));
    if (st != VS_DECODE_MALFORMED && (o.overload & 2))
        st = vs_worse(st, dhcp4_options(sname, false, &o));

    /* A server reply's chaddr, ciaddr and host name are the client's. A vendor class
     * in a reply is the server's own (an Aruba controller answers APs with "ArubaAP"),
     * so it is emitted unbound and describes the sender. */
    if (op != BOOTREQUEST) {
        emit_bound(emit, ctx, VS_F_DHCP_VENDOR_CLASS, &o.vendor, NULL, NULL, 0);
        return st;
    }

    const uint8_t *mac = htype == HTYPE_ETHERNET && hlen == 6 ? chaddr : NULL;
    struct vs_ip ip;
    const struct vs_ip *ipp = NULL;
    /* The address the client holds; a requested address only once it asks to keep it
     * (a DISCOVER's request is a wish). */
    if (!all_zero(ciaddr, 4)) {
        vs_ip_from4(&ip, ciaddr);
        ipp = &ip;
    } else if (o.have_requested && o.msg_type == DHCPREQUEST && !all_zero(o.requested, 4)) {
        vs_ip_from4(&ip, o.requested);
        ipp = &ip;
    }
    emit_bound(emit, ctx, VS_F_DHCP_VENDOR_CLASS, &o.vendor, mac, ipp, 0);
    emit_bound(emit, ctx, VS_F_DHCP_HOSTNAME, &o.host, mac, ipp, 0);
    return st;
}

/* ---- DHCPv6 ---- */

enum {
    D6_SOLICIT = 1,
    D6_REQUEST = 3,
    D6_CONFIRM = 4,
    D6_RENEW = 5,
    D6_REBIND = 6,
    D6_RELEASE = 8,
    D6_DECLINE = 9,
    D6_INFORMATION_REQUEST = 11,
    D6_RELAY_FORW = 12,
};
enum {
    D6O_CLIENTID = 1,
    D6O_RELAY_MSG = 9,
    D6O_VENDOR_CLASS = 16,
    D6O_VENDOR_OPTS = 17,
    D6O_CLIENT_FQDN = 39,
    D6O_CLIENT_LINKLAYER_ADDR = 79,
};
#define DUID_LLT 1
#define DUID_LL 3
#define HWTYPE_ETHERNET 1
/* RFC 8415 s19: a relay chain is at most HOP_COUNT_LIMIT (8) relays deep. */
#define D6_MAX_RELAY_DEPTH 8

struct dhcp6_state {
    vs_emit_fn emit;
    void *ctx;
    size_t count;
    uint8_t mac[6];
    bool have_mac;
    struct vs_ip peer; /* the client's address, from the innermost relay header */
    bool have_peer;
};

static bool is_client_message(uint8_t t)
{
    return t == D6_SOLICIT || t == D6_REQUEST || t == D6_CONFIRM || t == D6_RENEW ||
           t == D6_REBIND || t == D6_RELEASE || t == D6_DECLINE || t == D6_INFORMATION_REQUEST;
}

static void emit6(struct dhcp6_state *s, enum vs_field f, const uint8_t *v, size_t n, uint32_t num)
{
    if (n == 0)
        return;
    struct vs_evidence ev = {f,  v, n, s->have_mac ? s->mac : NULL, s->have_peer ? &s->peer : NULL,
                             num};
    s->emit(s->ctx, &ev);
}

static bool printable_text(struct vs_cur v)
{
    uint8_t b;
    if (vs_cur_len(&v) < 3)
        return false;
    while (vs_cur_u8(&v, &b))
        if (b < 0x20 || b > 0x7e)
            return false;
    return true;
}

/* OPTION_VENDOR_CLASS (RFC 8415 s21.16): enterprise-number, then vendor-class-data
 * items, each a two-octet length and opaque (in practice text) data. */
static enum vs_decode_status vendor_class6(struct dhcp6_state *s, struct vs_cur v)
{
    uint32_t pen;
    if (!vs_cur_be32(&v, &pen))
        return VS_DECODE_MALFORMED;
    while (!vs_cur_empty(&v)) {
        uint16_t len;
        const uint8_t *data;
        if (++s->count > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&v, &len) || !vs_cur_bytes(&v, len, &data))
            return VS_DECODE_MALFORMED;
        emit6(s, VS_F_DHCP_VENDOR_CLASS, data, len, pen);
    }
    return VS_DECODE_OK;
}

/* OPTION_VENDOR_OPTS (RFC 8415 s21.17): enterprise-number and vendor-defined
 * sub-options. Their meaning is the vendor's; a sub-option that is plain text (Arista
 * ZTP sends "Arista;model;version;serial") is kept as a vendor class. */
static enum vs_decode_status vendor_opts6(struct dhcp6_state *s, struct vs_cur v)
{
    uint32_t pen;
    if (!vs_cur_be32(&v, &pen))
        return VS_DECODE_MALFORMED;
    while (!vs_cur_empty(&v)) {
        uint16_t code, len;
        struct vs_cur data;
        if (++s->count > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&v, &code) || !vs_cur_be16(&v, &len) || !vs_cur_sub(&v, len, &data))
            return VS_DECODE_MALFORMED;
        if (printable_text(data))
            emit6(s, VS_F_DHCP_VENDOR_CLASS, data.p, len, pen);
    }
    return VS_DECODE_OK;
}

/* OPTION_CLIENT_FQDN (RFC 4704 s4): flags, then a domain name in DNS wire format
 * (RFC 1035 s3.1, no compression), possibly partial (no root label). */
static enum vs_decode_status client_fqdn(struct dhcp6_state *s, struct vs_cur v)
{
    uint8_t flags, name[256];
    size_t n = 0;
    if (!vs_cur_u8(&v, &flags))
        return VS_DECODE_MALFORMED;
    while (!vs_cur_empty(&v)) {
        uint8_t len;
        vs_cur_u8(&v, &len);
        if (len == 0)
            break;
        /* Labels are at most 63 octets; a name at most 255 (RFC 1035 s2.3.4). */
        if (len > 63 || n + 1 + len > sizeof name)
            return VS_DECODE_MALFORMED;
        if (n)
            name[n++] = '.';
        if (!vs_cur_copy(&v, name + n, len))
            return VS_DECODE_MALFORMED;
        n += len;
    }
    emit6(s, VS_F_DHCP_HOSTNAME, name, n, 0);
    return VS_DECODE_OK;
}

/* The client's MAC, from a DUID-LLT or DUID-LL on Ethernet (RFC 8415 s11.2, s11.4). */
static void client_id(struct dhcp6_state *s, struct vs_cur v)
{
    uint16_t type, hw;
    if (s->have_mac || !vs_cur_be16(&v, &type) || !vs_cur_be16(&v, &hw) || hw != HWTYPE_ETHERNET)
        return;
    if (type == DUID_LLT && !vs_cur_skip(&v, 4))
        return;
    if ((type == DUID_LLT || type == DUID_LL) && vs_cur_len(&v) == 6) {
        vs_cur_copy(&v, s->mac, 6);
        s->have_mac = true;
    }
}

static enum vs_decode_status dhcp6_message(struct dhcp6_state *s, struct vs_cur c, unsigned depth,
                                           bool top);

/* Two passes over the options: the first finds the client's MAC (the client
 * identifier may follow the vendor class), the second emits. */
static enum vs_decode_status dhcp6_options(struct dhcp6_state *s, struct vs_cur c, bool emit_pass,
                                           unsigned depth, bool relay)
{
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint16_t code, len;
        struct vs_cur v;
        if (++s->count > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&c, &code) || !vs_cur_be16(&c, &len))
            return VS_DECODE_TRUNCATED;
        if (!vs_cur_sub(&c, len, &v))
            return VS_DECODE_TRUNCATED;
        if (relay) {
            if (code == D6O_CLIENT_LINKLAYER_ADDR && !emit_pass) {
                uint16_t hw;
                if (vs_cur_be16(&v, &hw) && hw == HWTYPE_ETHERNET && vs_cur_len(&v) == 6) {
                    vs_cur_copy(&v, s->mac, 6);
                    s->have_mac = true;
                }
            } else if (code == D6O_RELAY_MSG && emit_pass) {
                st = vs_worse(st, dhcp6_message(s, v, depth + 1, false));
            }
            continue;
        }
        if (!emit_pass) {
            if (code == D6O_CLIENTID)
                client_id(s, v);
            continue;
        }
        if (code == D6O_VENDOR_CLASS)
            st = vs_worse(st, vendor_class6(s, v));
        else if (code == D6O_VENDOR_OPTS)
            st = vs_worse(st, vendor_opts6(s, v));
        else if (code == D6O_CLIENT_FQDN)
            st = vs_worse(st, client_fqdn(s, v));
    }
    return st;
}

static enum vs_decode_status dhcp6_message(struct dhcp6_state *s, struct vs_cur c, unsigned depth,
                                           bool top)
{
    uint8_t type;
    if (depth > D6_MAX_RELAY_DEPTH)
        return VS_DECODE_MALFORMED;
    if (!vs_cur_u8(&c, &type))
        return top ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
    if (type == D6_RELAY_FORW) {
        /* hop-count, link-address, peer-address (the client, or the next relay). */
        uint8_t hops, peer[16];
        if (!vs_cur_u8(&c, &hops) || !vs_cur_skip(&c, 16) || !vs_cur_copy(&c, peer, 16))
            return top ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
        vs_ip_from6(&s->peer, peer);
        s->have_peer = true;
        size_t before = s->count;
        enum vs_decode_status st = dhcp6_options(s, c, false, depth, true);
        s->count = before;
        return vs_worse(st, dhcp6_options(s, c, true, depth, true));
    }
    /* Replies and advertisements describe the server's offer, not the client. */
    if (!is_client_message(type))
        return VS_DECODE_OK;
    if (!vs_cur_skip(&c, 3)) /* transaction-id */
        return top ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
    size_t before = s->count;
    enum vs_decode_status st = dhcp6_options(s, c, false, depth, false);
    if (st == VS_DECODE_MALFORMED)
        return st;
    s->count = before;
    enum vs_decode_status st2 = dhcp6_options(s, c, true, depth, false);
    /* Inside a relay message a cut option is a contradiction, not a short capture. */
    if (!top && st2 == VS_DECODE_TRUNCATED)
        st2 = VS_DECODE_MALFORMED;
    return vs_worse(st, st2);
}

enum vs_decode_status vs_dhcp6_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                       void *ctx)
{
    (void)pkt;
    struct dhcp6_state s;
    memset(&s, 0, sizeof s);
    s.emit = emit;
    s.ctx = ctx;
    return dhcp6_message(&s, c, 0, true);
}
