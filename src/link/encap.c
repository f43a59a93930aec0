/* SPDX-License-Identifier: BSD-2-Clause */
/* encap.c - tunnels that carry another frame: GRE (RFC 2784, key and sequence per RFC 2890)
 * with ERSPAN types I/II/III (draft-foschiano-erspan-03), transparent Ethernet bridging and
 * IP; VXLAN (RFC 7348); Geneve (RFC 8926). The inner frame goes back to the caller. */
#include "link_int.h"

#define GRE_C 0x8000
#define GRE_R 0x4000
#define GRE_K 0x2000
#define GRE_S 0x1000
#define GRE_VERSION 0x0007

#define GRE_ERSPAN 0x88be /* type II, or type I when no sequence number is present */
#define GRE_ERSPAN3 0x22eb

#define ERSPAN2_HDR 8
#define ERSPAN3_HDR 12
#define ERSPAN3_PLATFORM_HDR 8
#define ERSPAN3_FT_ETHERNET 0
#define ERSPAN3_FT_IP 2

#define VXLAN_HDR 8
#define VXLAN_FLAG_I 0x08
#define GENEVE_HDR 8

/* ERSPAN type III: ver/VLAN, COS/BSO/T/session, timestamp, SGT, then a 16-bit word
 * P(1) FT(5) HW ID(6) D(1) Gra(2) O(1); O announces an 8-byte platform subheader. */
static enum vs_link_status erspan3(struct vs_cur c, bool partial, struct vs_link_inner *inner)
{
    uint16_t w;

    if (!vs_cur_skip(&c, ERSPAN3_HDR - 2) || !vs_cur_be16(&c, &w))
        return vs_link_short(partial);
    if ((w & 1) && !vs_cur_skip(&c, ERSPAN3_PLATFORM_HDR))
        return vs_link_short(partial);
    switch (w >> 10 & 0x1f) {
    case ERSPAN3_FT_ETHERNET:
        return vs_link_encap(inner, VS_DLT_EN10MB, c);
    case ERSPAN3_FT_IP:
        return vs_link_encap(inner, VS_DLT_RAW, c);
    default:
        return VS_LINK_OK;
    }
}

enum vs_link_status vs_link_gre(struct vs_cur c, bool partial, struct vs_pkt *pkt,
                                struct vs_link_inner *inner)
{
    uint16_t flags, proto;

    if (!vs_cur_be16(&c, &flags) || !vs_cur_be16(&c, &proto))
        return vs_link_short(partial);
    /* Version 1 is PPTP's enhanced GRE, and source routing (RFC 1701) is long obsolete:
     * neither carries mirrored frames. */
    if ((flags & GRE_VERSION) != 0 || (flags & GRE_R))
        return VS_LINK_OK;
    size_t opt =
        ((flags & GRE_C) ? 4u : 0u) + ((flags & GRE_K) ? 4u : 0u) + ((flags & GRE_S) ? 4u : 0u);
    if (!vs_cur_skip(&c, opt))
        return vs_link_short(partial);

    switch (proto) {
    case VS_ETH_TEB:
        return vs_link_encap(inner, VS_DLT_EN10MB, c);
    case VS_ETH_IPV4:
    case VS_ETH_IPV6:
        return vs_link_encap(inner, VS_DLT_RAW, c);
    case GRE_ERSPAN:
        /* Type II numbers its packets and adds a header; type I does neither, the
         * mirrored frame follows the GRE header at once. */
        if ((flags & GRE_S) && !vs_cur_skip(&c, ERSPAN2_HDR))
            return vs_link_short(partial);
        return vs_link_encap(inner, VS_DLT_EN10MB, c);
    case GRE_ERSPAN3:
        return erspan3(c, partial, inner);
    case VS_SNAP_PID_CDP: /* CDP between Cisco routers over a GRE tunnel */
        return vs_link_cdp_bare(c, pkt);
    default:
        return VS_LINK_OK;
    }
}

/* A complete UDP payload shorter than the tunnel header is simply not that tunnel. */
enum vs_link_status vs_link_vxlan(struct vs_cur c, bool partial, struct vs_link_inner *inner)
{
    uint8_t flags;

    if (vs_cur_len(&c) < VXLAN_HDR)
        return partial ? VS_LINK_TRUNCATED : VS_LINK_OK;
    vs_cur_u8(&c, &flags);
    vs_cur_skip(&c, VXLAN_HDR - 1);
    if (!(flags & VXLAN_FLAG_I)) /* no valid VNI: not a frame we can place */
        return VS_LINK_OK;
    return vs_link_encap(inner, VS_DLT_EN10MB, c);
}

enum vs_link_status vs_link_geneve(struct vs_cur c, bool partial, struct vs_link_inner *inner)
{
    uint8_t verlen, flags;
    uint16_t proto;

    if (vs_cur_len(&c) < GENEVE_HDR)
        return partial ? VS_LINK_TRUNCATED : VS_LINK_OK;
    vs_cur_u8(&c, &verlen);
    vs_cur_u8(&c, &flags);
    vs_cur_be16(&c, &proto);
    vs_cur_skip(&c, 4);   /* VNI, reserved */
    if (verlen >> 6 != 0) /* only version 0 is defined */
        return VS_LINK_OK;
    if (!vs_cur_skip(&c, (size_t)(verlen & 0x3f) * 4)) /* options, in 4-byte words */
        return vs_link_short(partial);
    switch (proto) {
    case VS_ETH_TEB:
        return vs_link_encap(inner, VS_DLT_EN10MB, c);
    case VS_ETH_IPV4:
    case VS_ETH_IPV6:
        return vs_link_encap(inner, VS_DLT_RAW, c);
    default:
        return VS_LINK_OK;
    }
}

/* GTP-U (3GPP TS 29.281): mobile user traffic on UDP 2152. A G-PDU (type 255) of version 1
 * carries an IP packet after the 8-byte header, the optional 4 bytes (sequence number,
 * N-PDU number, next extension type) when E, S or PN is set, and any extension headers
 * (each a length in 4-byte units, its content, and the next type). */
#define GTP_G_PDU 255
#define GTP_FLAGS_OPT 0x07 /* E, S, PN */
#define GTP_FLAG_E 0x04

enum vs_link_status vs_link_gtpu(struct vs_cur c, bool partial, struct vs_link_inner *inner)
{
    uint8_t flags, type, next = 0;
    uint16_t len;
    if (!vs_cur_u8(&c, &flags) || !vs_cur_u8(&c, &type) || !vs_cur_be16(&c, &len) ||
        !vs_cur_skip(&c, 4))
        return partial ? VS_LINK_TRUNCATED : VS_LINK_OK;
    if (flags >> 5 != 1 || !(flags & 0x10) || type != GTP_G_PDU)
        return VS_LINK_OK; /* not version 1, GTP' or a signalling message: nothing to unwrap */
    if (flags & GTP_FLAGS_OPT) {
        if (!vs_cur_skip(&c, 3) || !vs_cur_u8(&c, &next))
            return partial ? VS_LINK_TRUNCATED : VS_LINK_MALFORMED;
        if (!(flags & GTP_FLAG_E))
            next = 0;
    }
    for (unsigned hops = 0; next != 0; hops++) {
        uint8_t units;
        if (hops >= VS_MAX_ENCAP_DEPTH)
            return VS_LINK_MALFORMED;
        if (!vs_cur_u8(&c, &units))
            return partial ? VS_LINK_TRUNCATED : VS_LINK_MALFORMED;
        if (units == 0)
            return VS_LINK_MALFORMED;
        if (!vs_cur_skip(&c, (size_t)units * 4 - 2) || !vs_cur_u8(&c, &next))
            return partial ? VS_LINK_TRUNCATED : VS_LINK_MALFORMED;
    }
    if (vs_cur_empty(&c))
        return VS_LINK_OK;
    return vs_link_encap(inner, VS_DLT_RAW101, c);
}
