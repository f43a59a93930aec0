/* SPDX-License-Identifier: BSD-2-Clause */
/* radius.c - RADIUS decoder (RFC 2865 §3 packet format and §5 attributes, RFC 2866
 * accounting, RFC 5176 dynamic authorization, RFC 3162 NAS-IPv6-Address): evidence about the
 * NAS only. UDP 1812/1813, 1645/1646 and 3799.
 *
 * Only packets the NAS sends describe the NAS: Access-Request and Accounting-Request, and on
 * dynamic authorization (where the NAS is the RFC 5176 server) the ACKs and NAKs it answers
 * with. The AAA server's packets (Access-Accept/Reject/Challenge, Accounting-Response,
 * Disconnect- and CoA-Request) also carry the NAS vendor's attributes, because the server
 * speaks the NAS's dictionary, but they tell nothing about their sender, so nothing is taken
 * from them: attributing them would paint the AAA server with the NAS's vendor.
 *
 * User-Name, User-Password, CHAP-Password, Message-Authenticator and the authenticator are
 * never read: credentials and subscriber identities are not evidence. */
#include <stdio.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

enum {
    RADIUS_ACCESS_REQUEST = 1,
    RADIUS_ACCOUNTING_REQUEST = 4,
    RADIUS_DISCONNECT_ACK = 41,
    RADIUS_DISCONNECT_NAK = 42,
    RADIUS_COA_ACK = 44,
    RADIUS_COA_NAK = 45,
};

enum {
    RADIUS_ATTR_NAS_IP_ADDRESS = 4,
    RADIUS_ATTR_VENDOR_SPECIFIC = 26,
    RADIUS_ATTR_NAS_IDENTIFIER = 32,
    RADIUS_ATTR_NAS_IPV6_ADDRESS = 95,
};

#define RADIUS_HEADER_LEN 20 /* code, identifier, length, 16-byte authenticator */
#define RADIUS_MAX_LEN 4096  /* RFC 2865 §3 */
#define RADIUS_MAX_ENTERPRISES 8

/* Vendor sub-attributes that carry the NAS's own product or software text. Fact source: the
 * public FreeRADIUS dictionaries (share/dictionary/radius/dictionary.huawei, .huawei.v2):
 * Huawei (2011) GGSN-Vendor 232, GGSN-Version 233, Version 254, Product-ID 255, all strings.
 * The dictionaries of ZTE (3902), Nokia/Alcatel-Lucent SR (6527), Juniper (2636),
 * Ericsson/Redback (2352) and MikroTik (14988) define no attribute with the NAS's product or
 * version, so their VSAs yield the enterprise only. Cisco (9) cisco-avpair keys that name a
 * platform or version (device-platform, cdp-tlv, lldp-tlv of Device Sensor, mdm-tlv)
 * describe the subscriber's endpoint, not the NAS: user data, never taken. All listed
 * vendors use the RFC 2865 §5.26 sub-attribute layout (type 1 byte, length 1 byte). */
struct radius_vsa_text {
    uint32_t enterprise;
    uint8_t subtype;
};
static const struct radius_vsa_text radius_vsa_texts[] = {
    {2011, 232}, /* Huawei GGSN-Vendor */
    {2011, 233}, /* Huawei GGSN-Version */
    {2011, 254}, /* Huawei Version */
    {2011, 255}, /* Huawei Product-ID */
};

struct radius_state {
    vs_emit_fn emit;
    void *ctx;
    size_t nseen;
    uint32_t seen[RADIUS_MAX_ENTERPRISES];
};

static bool radius_from_nas(uint8_t code)
{
    switch (code) {
    case RADIUS_ACCESS_REQUEST:
    case RADIUS_ACCOUNTING_REQUEST:
    case RADIUS_DISCONNECT_ACK:
    case RADIUS_DISCONNECT_NAK:
    case RADIUS_COA_ACK:
    case RADIUS_COA_NAK:
        return true;
    default:
        return false;
    }
}

static bool radius_text_subtype(uint32_t enterprise, uint8_t subtype)
{
    for (size_t i = 0; i < sizeof radius_vsa_texts / sizeof radius_vsa_texts[0]; i++)
        if (radius_vsa_texts[i].enterprise == enterprise && radius_vsa_texts[i].subtype == subtype)
            return true;
    return false;
}

static bool radius_text_vendor(uint32_t enterprise)
{
    for (size_t i = 0; i < sizeof radius_vsa_texts / sizeof radius_vsa_texts[0]; i++)
        if (radius_vsa_texts[i].enterprise == enterprise)
            return true;
    return false;
}

static void radius_emit_enterprise(struct radius_state *s, uint32_t enterprise)
{
    for (size_t i = 0; i < s->nseen; i++)
        if (s->seen[i] == enterprise)
            return;
    if (s->nseen < RADIUS_MAX_ENTERPRISES)
        s->seen[s->nseen++] = enterprise;
    char text[12];
    int n = snprintf(text, sizeof text, "%lu", (unsigned long)enterprise);
    struct vs_evidence ev = {
        VS_F_RADIUS_VENDOR_SPECIFIC, (const uint8_t *)text, (size_t)n, NULL, NULL, enterprise};
    s->emit(s->ctx, &ev);
}

/* "<enterprise>:<subtype>=<text>", the text cut at a NUL and trimmed like any wire string. */
static void radius_emit_vendor_text(struct radius_state *s, uint32_t enterprise, uint8_t subtype,
                                    struct vs_cur v)
{
    v = vs_cur_trim(vs_cur_cut_nul(v));
    size_t n = vs_cur_len(&v);
    if (!n)
        return;
    char buf[24 + 255];
    int k = snprintf(buf, sizeof buf, "%lu:%u=", (unsigned long)enterprise, (unsigned)subtype);
    if (k < 0 || (size_t)k + n > sizeof buf || !vs_cur_copy(&v, buf + k, n))
        return;
    struct vs_evidence ev = {
        VS_F_RADIUS_VENDOR_ATTRIBUTE, (const uint8_t *)buf, (size_t)k + n, NULL, NULL, enterprise};
    s->emit(s->ctx, &ev);
}

/* RFC 2865 §5.26: Vendor-Id (4 bytes, high byte 0), then the vendor's string. */
static enum vs_decode_status radius_vsa(struct radius_state *s, struct vs_cur v)
{
    uint32_t enterprise;
    if (!vs_cur_be32(&v, &enterprise))
        return VS_DECODE_MALFORMED;
    radius_emit_enterprise(s, enterprise);
    if (!radius_text_vendor(enterprise))
        return VS_DECODE_OK;
    /* A vendor's sub-attributes are its own format: a bad one ends this VSA only. */
    while (!vs_cur_empty(&v)) {
        uint8_t type, len;
        struct vs_cur sv;
        if (!vs_cur_u8(&v, &type) || !vs_cur_u8(&v, &len) || len < 2 ||
            !vs_cur_sub(&v, (size_t)len - 2, &sv))
            return VS_DECODE_OK;
        if (radius_text_subtype(enterprise, type))
            radius_emit_vendor_text(s, enterprise, type, sv);
    }
    return VS_DECODE_OK;
}

static void radius_emit_address(struct radius_state *s, struct vs_cur v, size_t n)
{
    uint8_t raw[16];
    if (vs_cur_len(&v) != n || !vs_cur_copy(&v, raw, n))
        return;
    uint8_t any = 0;
    for (size_t i = 0; i < n; i++)
        any |= raw[i];
    if (!any)
        return; /* an unconfigured NAS sends 0.0.0.0: no address of anyone */
    struct vs_ip ip;
    if (n == 4)
        vs_ip_from4(&ip, raw);
    else
        vs_ip_from6(&ip, raw);
    char text[VS_IP_STRLEN];
    vs_ip_format(&ip, text);
    struct vs_evidence ev = {
        VS_F_RADIUS_NAS_IP_ADDRESS, (const uint8_t *)text, strlen(text), NULL, &ip, 0};
    s->emit(s->ctx, &ev);
}

enum vs_decode_status vs_radius_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                        void *ctx)
{
    (void)pkt;
    uint8_t code, ident;
    uint16_t len;
    if (!vs_cur_u8(&c, &code) || !vs_cur_u8(&c, &ident) || !vs_cur_be16(&c, &len))
        return VS_DECODE_TRUNCATED;
    if (len < RADIUS_HEADER_LEN || len > RADIUS_MAX_LEN)
        return VS_DECODE_MALFORMED;
    if (!radius_from_nas(code))
        return VS_DECODE_OK;
    /* Octets past the length field are padding (RFC 2865 §3); a shorter datagram was cut. */
    enum vs_decode_status st = VS_DECODE_OK;
    struct vs_cur attrs;
    if (!vs_cur_window(&c, 0, (size_t)len - 4, &attrs)) {
        attrs = c;
        st = VS_DECODE_TRUNCATED;
    }
    if (!vs_cur_skip(&attrs, RADIUS_HEADER_LEN - 4))
        return VS_DECODE_TRUNCATED;
    struct radius_state s = {emit, ctx, 0, {0}};
    while (!vs_cur_empty(&attrs)) {
        uint8_t type, alen;
        struct vs_cur v;
        if (!vs_cur_u8(&attrs, &type) || !vs_cur_u8(&attrs, &alen))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (alen < 2)
            return VS_DECODE_MALFORMED; /* RFC 2865 §5: the walk cannot go on */
        if (!vs_cur_sub(&attrs, (size_t)alen - 2, &v))
            return vs_worse(st, st == VS_DECODE_TRUNCATED ? st : VS_DECODE_MALFORMED);
        switch (type) {
        case RADIUS_ATTR_VENDOR_SPECIFIC:
            st = vs_worse(st, radius_vsa(&s, v));
            break;
        case RADIUS_ATTR_NAS_IDENTIFIER:
            vs_emit_string(emit, ctx, VS_F_RADIUS_NAS_IDENTIFIER, v, 0);
            break;
        case RADIUS_ATTR_NAS_IP_ADDRESS:
            radius_emit_address(&s, v, 4);
            break;
        case RADIUS_ATTR_NAS_IPV6_ADDRESS:
            radius_emit_address(&s, v, 16);
            break;
        default:
            break; /* User-Name, passwords, authenticators and the rest: never evidence */
        }
    }
    return st;
}

bool vs_radius_candidate(const struct vs_cur *payload)
{
    uint8_t code;
    uint16_t len;
    return vs_cur_peek_u8(payload, 0, &code) && radius_from_nas(code) &&
           vs_cur_peek_be16(payload, 2, &len) && len >= RADIUS_HEADER_LEN &&
           len <= RADIUS_MAX_LEN && vs_cur_len(payload) >= RADIUS_HEADER_LEN;
}
