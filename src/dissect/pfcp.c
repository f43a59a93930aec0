/* SPDX-License-Identifier: BSD-2-Clause */
/* pfcp.c - PFCP decoder (UDP 8805, 3GPP TS 29.244): header (§7.2.2), IE format (§8.1.1, with
 * the Enterprise ID of vendor-specific IEs, type >= 32768) and the Node ID IE (§8.2.38).
 * Evidence: the enterprise of vendor-specific IEs from any message, and the Node ID that a
 * node sends about itself in node-related messages. */
#include <stdio.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#define PFCP_VERSION 1
#define PFCP_IE_NODE_ID 60
#define PFCP_IE_VENDOR_FIRST 32768
/* §7.2.2: the FO flag chains a further message in the same datagram; a few are walked. */
#define PFCP_MAX_MESSAGES 4
#define PFCP_MAX_ENTERPRISES 8
/* An FQDN is at most 255 octets (RFC 1035 §2.3.4); its dotted text is never longer. */
#define PFCP_FQDN_MAX 255

struct pfcp_state {
    vs_emit_fn emit;
    void *ctx;
    size_t ies;
    size_t nseen;
    uint16_t seen[PFCP_MAX_ENTERPRISES];
};

/* Node-related messages (§7.4) whose Node ID IE identifies the sending node: Heartbeat,
 * Association Setup, Update and Release, requests and responses. Session messages name
 * other nodes' IDs as often as their own, so they are left out. */
static bool pfcp_node_message(uint8_t type)
{
    return (type >= 1 && type <= 2) || (type >= 5 && type <= 10);
}

static void pfcp_emit_enterprise(struct pfcp_state *s, uint16_t enterprise)
{
    for (size_t i = 0; i < s->nseen; i++)
        if (s->seen[i] == enterprise)
            return;
    if (s->nseen < PFCP_MAX_ENTERPRISES)
        s->seen[s->nseen++] = enterprise;
    char text[8];
    int n = snprintf(text, sizeof text, "%u", (unsigned)enterprise);
    struct vs_evidence ev = {
        VS_F_PFCP_ENTERPRISE_IE, (const uint8_t *)text, (size_t)n, NULL, NULL, enterprise};
    s->emit(s->ctx, &ev);
}

/* FQDN in DNS label encoding (§8.2.38 via TS 23.003 §19.4.2) to dotted text. A zero label
 * ends the name (some nodes send the root label); a label running past the IE is malformed. */
static enum vs_decode_status pfcp_fqdn(struct vs_cur v, char *out, size_t outsz, size_t *outlen)
{
    size_t n = 0;
    *outlen = 0;
    while (!vs_cur_empty(&v)) {
        uint8_t len;
        const uint8_t *label;
        vs_cur_u8(&v, &len);
        if (!len)
            break;
        if (len > 63 || !vs_cur_bytes(&v, len, &label))
            return VS_DECODE_MALFORMED;
        if ((n ? 1u : 0u) + len > outsz - n)
            return VS_DECODE_MALFORMED;
        if (n)
            out[n++] = '.';
        memcpy(out + n, label, len);
        n += len;
    }
    *outlen = n;
    return VS_DECODE_OK;
}

static enum vs_decode_status pfcp_node_id(struct pfcp_state *s, struct vs_cur v)
{
    uint8_t kind;
    if (!vs_cur_u8(&v, &kind))
        return VS_DECODE_MALFORMED;
    uint8_t raw[16];
    struct vs_ip ip;
    char text[PFCP_FQDN_MAX + 1];
    size_t n;
    switch (kind & 0x0f) {
    case 0: /* IPv4 */
    case 1: /* IPv6 */
        n = (kind & 0x0f) ? 16 : 4;
        if (!vs_cur_copy(&v, raw, n))
            return VS_DECODE_MALFORMED;
        if (n == 4)
            vs_ip_from4(&ip, raw);
        else
            vs_ip_from6(&ip, raw);
        vs_ip_format(&ip, text);
        {
            struct vs_evidence ev = {
                VS_F_PFCP_NODE_ID, (const uint8_t *)text, strlen(text), NULL, &ip, 0};
            s->emit(s->ctx, &ev);
        }
        return VS_DECODE_OK;
    case 2: { /* FQDN */
        enum vs_decode_status st = pfcp_fqdn(v, text, sizeof text - 1, &n);
        if (st == VS_DECODE_OK && n)
            vs_emit_string(s->emit, s->ctx, VS_F_PFCP_NODE_ID,
                           vs_cur_make((const uint8_t *)text, n), 0);
        return st;
    }
    default:
        return VS_DECODE_MALFORMED; /* spare Node ID types */
    }
}

/* Top-level IEs only: vendor-specific IEs are looked at wherever they stand at the top;
 * grouped IEs (PDRs, FARs, ...) hold the session's rules, not the node's identity. */
static enum vs_decode_status pfcp_ies(struct pfcp_state *s, struct vs_cur c, uint8_t msg)
{
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint16_t type, len;
        struct vs_cur v;
        if (++s->ies > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&c, &type) || !vs_cur_be16(&c, &len) || !vs_cur_sub(&c, len, &v))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (type >= PFCP_IE_VENDOR_FIRST) {
            uint16_t enterprise;
            if (!vs_cur_be16(&v, &enterprise))
                st = vs_worse(st, VS_DECODE_MALFORMED);
            else
                pfcp_emit_enterprise(s, enterprise);
        } else if (type == PFCP_IE_NODE_ID && pfcp_node_message(msg)) {
            st = vs_worse(st, pfcp_node_id(s, v));
        }
    }
    return st;
}

static enum vs_decode_status pfcp_message(struct pfcp_state *s, struct vs_cur *c, bool *more)
{
    uint8_t flags, type;
    uint16_t len;
    *more = false;
    if (!vs_cur_u8(c, &flags) || !vs_cur_u8(c, &type) || !vs_cur_be16(c, &len))
        return VS_DECODE_TRUNCATED;
    if (flags >> 5 != PFCP_VERSION)
        return VS_DECODE_MALFORMED;
    *more = (flags & 0x04) != 0;          /* FO */
    size_t hdr = (flags & 0x01) ? 12 : 4; /* SEID (S flag), sequence number, spare/priority */
    if (len < hdr)
        return VS_DECODE_MALFORMED;
    struct vs_cur body;
    enum vs_decode_status st = vs_cur_body(c, len, &body);
    if (st != VS_DECODE_OK)
        *more = false; /* the frame was cut: no piggybacked message follows */
    if (!vs_cur_skip(&body, hdr))
        return VS_DECODE_TRUNCATED;
    return vs_worse(st, pfcp_ies(s, body, type));
}

enum vs_decode_status vs_pfcp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    struct pfcp_state s = {emit, ctx, 0, 0, {0}};
    enum vs_decode_status st = VS_DECODE_OK;
    for (size_t i = 0; i < PFCP_MAX_MESSAGES; i++) {
        bool more;
        st = vs_worse(st, pfcp_message(&s, &c, &more));
        if (!more || st == VS_DECODE_MALFORMED || vs_cur_empty(&c))
            return st;
    }
    return st;
}

bool vs_pfcp_candidate(const struct vs_cur *payload)
{
    uint8_t first;
    return vs_cur_peek_u8(payload, 0, &first) && first >> 5 == PFCP_VERSION &&
           vs_cur_len(payload) >= 8;
}
