/* SPDX-License-Identifier: BSD-2-Clause */
/* gtp.c - GTP control plane decoder (UDP 2123): GTPv2-C (3GPP TS 29.274 §5.1 header, §8.2 IE
 * format, §8.67 Private Extension) and GTPv1-C (3GPP TS 29.060 §6 header, §7.7 information
 * elements, §7.7.46 Private Extension). The only evidence is the enterprise number of a
 * Private Extension: the node's maker when it sends its own proprietary IEs. */
#include <stdio.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#define GTP_IE_PRIVATE_EXTENSION 255
#define GTPV1_MSG_TPDU 255
/* TS 29.274 §5.5.1: at most one message is piggybacked on an initial one; a few more are
 * walked so that a chain is not silently cut, and no more than that. */
#define GTPV2_MAX_MESSAGES 4
/* Distinct enterprises reported per datagram: a node names its own one or two. */
#define GTP_MAX_ENTERPRISES 8
/* Grouped IEs are followed one level down (TS 29.274 §8.2.2 allows a Private Extension
 * inside them); deeper nesting holds nothing the node says about itself. */
#define GTPV2_MAX_DEPTH 1

struct gtp_state {
    vs_emit_fn emit;
    void *ctx;
    size_t ies;
    size_t nseen;
    uint16_t seen[GTP_MAX_ENTERPRISES];
};

static void gtp_emit_enterprise(struct gtp_state *s, uint16_t enterprise)
{
    for (size_t i = 0; i < s->nseen; i++)
        if (s->seen[i] == enterprise)
            return;
    if (s->nseen < GTP_MAX_ENTERPRISES)
        s->seen[s->nseen++] = enterprise;
    char text[8];
    int n = snprintf(text, sizeof text, "%u", (unsigned)enterprise);
    struct vs_evidence ev = {VS_F_GTP_PRIVATE_EXTENSION_ENTERPRISE,
                             (const uint8_t *)text,
                             (size_t)n,
                             NULL,
                             NULL,
                             enterprise};
    s->emit(s->ctx, &ev);
}

/* A Private Extension's value starts with the 2-byte enterprise ID (both versions). */
static enum vs_decode_status gtp_private_extension(struct gtp_state *s, struct vs_cur v)
{
    uint16_t enterprise;
    if (!vs_cur_be16(&v, &enterprise))
        return VS_DECODE_MALFORMED; /* the IE's own length leaves no room for its ID */
    gtp_emit_enterprise(s, enterprise);
    return VS_DECODE_OK;
}

/* ---- GTPv2-C -------------------------------------------------------------------------- */

/* Grouped IE types (TS 29.274 Table 8.1-1) that may carry a Private Extension. */
static bool gtpv2_grouped(uint8_t type)
{
    switch (type) {
    case 93:  /* Bearer Context */
    case 109: /* PDN Connection */
    case 180: /* Overload Control Information */
    case 181: /* Load Control Information */
    case 191: /* Remote UE Context */
        return true;
    default:
        return false;
    }
}

static enum vs_decode_status gtpv2_ies(struct gtp_state *s, struct vs_cur c, unsigned depth)
{
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint8_t type, instance;
        uint16_t len;
        struct vs_cur v;
        if (++s->ies > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_u8(&c, &type) || !vs_cur_be16(&c, &len) || !vs_cur_u8(&c, &instance))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (!vs_cur_sub(&c, len, &v))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (type == GTP_IE_PRIVATE_EXTENSION)
            st = vs_worse(st, gtp_private_extension(s, v));
        else if (depth < GTPV2_MAX_DEPTH && gtpv2_grouped(type))
            st = vs_worse(st, gtpv2_ies(s, v, depth + 1));
    }
    return st;
}

/* One message: header (TS 29.274 §5.1) and its IEs. *more says whether the P flag announces
 * a piggybacked message after this one. */
static enum vs_decode_status gtpv2_message(struct gtp_state *s, struct vs_cur *c, bool *more)
{
    uint8_t flags, type;
    uint16_t len;
    *more = false;
    if (!vs_cur_u8(c, &flags) || !vs_cur_u8(c, &type) || !vs_cur_be16(c, &len))
        return VS_DECODE_TRUNCATED;
    if (flags >> 5 != 2)
        return VS_DECODE_MALFORMED;
    *more = (flags & 0x10) != 0;
    size_t hdr = (flags & 0x08) ? 8 : 4; /* TEID (T flag), sequence number and spare */
    if (len < hdr)
        return VS_DECODE_MALFORMED;
    struct vs_cur body;
    enum vs_decode_status st = vs_cur_body(c, len, &body);
    if (st != VS_DECODE_OK)
        *more = false; /* the frame was cut: no piggybacked message follows */
    if (!vs_cur_skip(&body, hdr))
        return VS_DECODE_TRUNCATED;
    return vs_worse(st, gtpv2_ies(s, body, 0));
}

static enum vs_decode_status gtpv2_dissect(struct gtp_state *s, struct vs_cur c)
{
    enum vs_decode_status st = VS_DECODE_OK;
    for (size_t i = 0; i < GTPV2_MAX_MESSAGES; i++) {
        bool more;
        st = vs_worse(st, gtpv2_message(s, &c, &more));
        if (!more || st == VS_DECODE_MALFORMED || vs_cur_empty(&c))
            return st;
    }
    return st;
}

/* ---- GTPv1-C -------------------------------------------------------------------------- */

/* Value lengths of the TV information elements (type < 128), TS 29.060 §7.7 Table 37;
 * 0 marks a type that is reserved or unknown, whose length cannot be known. */
static size_t gtpv1_tv_len(uint8_t type)
{
    switch (type) {
    case 1:  /* Cause */
    case 8:  /* Reordering Required */
    case 11: /* MAP Cause */
    case 13: /* MS Validated */
    case 14: /* Recovery */
    case 15: /* Selection Mode */
    case 19: /* Teardown Ind */
    case 20: /* NSAPI */
    case 21: /* RANAP Cause */
    case 23: /* Radio Priority SMS */
    case 24: /* Radio Priority */
    case 29: /* MS Not Reachable Reason */
        return 1;
    case 25: /* Packet Flow Id */
    case 26: /* Charging Characteristics */
    case 27: /* Trace Reference */
    case 28: /* Trace Type */
        return 2;
    case 12: /* P-TMSI Signature */
        return 3;
    case 4:   /* TLLI */
    case 5:   /* P-TMSI */
    case 16:  /* Tunnel Endpoint Identifier Data I */
    case 17:  /* Tunnel Endpoint Identifier Control Plane */
    case 127: /* Charging ID */
        return 4;
    case 18: /* Tunnel Endpoint Identifier Data II */
        return 5;
    case 3: /* Routeing Area Identity */
        return 6;
    case 2: /* IMSI */
        return 8;
    case 22: /* RAB Context */
        return 9;
    case 9: /* Authentication Triplet */
        return 28;
    default:
        return 0;
    }
}

static enum vs_decode_status gtpv1_ies(struct gtp_state *s, struct vs_cur c)
{
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint8_t type;
        struct vs_cur v;
        if (++s->ies > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        vs_cur_u8(&c, &type);
        if (type < 128) {
            size_t n = gtpv1_tv_len(type);
            if (!n)
                return st; /* a TV type we cannot size: the rest cannot be walked */
            if (!vs_cur_skip(&c, n))
                return vs_worse(st, VS_DECODE_TRUNCATED);
            continue;
        }
        uint16_t len;
        if (!vs_cur_be16(&c, &len) || !vs_cur_sub(&c, len, &v))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (type == GTP_IE_PRIVATE_EXTENSION)
            st = vs_worse(st, gtp_private_extension(s, v));
    }
    return st;
}

/* TS 29.060 §6: flags, type, length (of what follows the first 8 bytes), TEID; then, when
 * any of E, S or PN is set, sequence number, N-PDU number and next extension header type. */
static enum vs_decode_status gtpv1_dissect(struct gtp_state *s, struct vs_cur c)
{
    uint8_t flags, type;
    uint16_t len;
    uint32_t teid;
    if (!vs_cur_u8(&c, &flags) || !vs_cur_u8(&c, &type) || !vs_cur_be16(&c, &len) ||
        !vs_cur_be32(&c, &teid))
        return VS_DECODE_TRUNCATED;
    if (!(flags & 0x10))
        return VS_DECODE_OK; /* PT 0 is GTP' (charging), another protocol */
    if (type == GTPV1_MSG_TPDU)
        return VS_DECODE_OK; /* user plane: nothing of the node's own */
    enum vs_decode_status st = VS_DECODE_OK;
    struct vs_cur body;
    if (!vs_cur_sub(&c, len, &body)) {
        body = c;
        st = VS_DECODE_TRUNCATED;
    }
    if (flags & 0x07) {
        uint16_t seq;
        uint8_t npdu, next;
        if (!vs_cur_be16(&body, &seq) || !vs_cur_u8(&body, &npdu) || !vs_cur_u8(&body, &next))
            return len < 4 ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
        /* Extension headers (§6.1): a length in 4-octet units covering the length octet
         * itself and the next type octet that ends it. Only chained with E set. */
        size_t hops = 0;
        while ((flags & 0x04) && next) {
            uint8_t units;
            struct vs_cur ext;
            if (++hops > VS_MAX_TLVS_PER_FRAME)
                return VS_DECODE_MALFORMED;
            if (!vs_cur_u8(&body, &units))
                return vs_worse(st, VS_DECODE_TRUNCATED);
            if (!units)
                return VS_DECODE_MALFORMED;
            if (!vs_cur_sub(&body, (size_t)units * 4 - 1, &ext))
                return vs_worse(st, VS_DECODE_TRUNCATED);
            vs_cur_peek_u8(&ext, vs_cur_len(&ext) - 1, &next);
        }
    }
    return vs_worse(st, gtpv1_ies(s, body));
}

enum vs_decode_status vs_gtp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct gtp_state s = {emit, ctx, 0, 0, {0}};
    uint8_t first;
    if (!vs_cur_peek_u8(&c, 0, &first))
        return VS_DECODE_TRUNCATED;
    switch (first >> 5) {
    case 1:
        return gtpv1_dissect(&s, c);
    case 2:
        return gtpv2_dissect(&s, c);
    default:
        return VS_DECODE_MALFORMED; /* GTPv0 is obsolete (and used UDP 3386) */
    }
}

bool vs_gtp_candidate(const struct vs_cur *payload)
{
    uint8_t first, type;
    if (!vs_cur_peek_u8(payload, 0, &first) || !vs_cur_peek_u8(payload, 1, &type))
        return false;
    if (first >> 5 == 2)
        return vs_cur_len(payload) >= 8;
    return first >> 5 == 1 && (first & 0x10) && type != GTPV1_MSG_TPDU && vs_cur_len(payload) >= 8;
}
