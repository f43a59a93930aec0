/* SPDX-License-Identifier: BSD-2-Clause */
/* link.c - one captured frame to struct vs_pkt: per-DLT headers (Ethernet II and IEEE 802.3
 * with 802.2 LLC/SNAP, Linux SLL/SLL2, BSD NULL/LOOP, raw IP, Cisco HDLC, PPP per RFC 1661/1662)
 * and the ethertype walk: 802.1Q/802.1ad tags, Arista AVSP, PPPoE sessions (RFC 2516), MPLS
 * label stacks (RFC 3032) with IP or an Ethernet pseudowire (RFC 4448, control word RFC 4385).
 *
 * pkt->ethertype names what pkt->l2_payload holds: after VLAN tags the inner type, and when
 * PPPoE or MPLS carries IP it is 0x0800/0x86dd with l2_payload the IP packet, so consumers
 * need not know the shims; 0 for 802.3 length frames (llc/snap then say what follows). */
#include "link_int.h"

#include <string.h>

#define ETH_VLAN 0x8100
#define ETH_QINQ 0x88a8     /* 802.1ad S-tag */
#define ETH_QINQ_OLD 0x9100 /* pre-standard S-tags */
#define ETH_QINQ_OLD2 0x9200
#define ETH_PPPOE_SESSION 0x8864
#define ETH_MPLS_UC 0x8847
#define ETH_MPLS_MC 0x8848
#define ETH_AVSP 0xd28b
/* Type/length values up to this are IEEE 802.3 lengths, not ethertypes. */
#define ETH_MAX_LEN 1500

#define PPP_IPV4 0x0021
#define PPP_IPV6 0x0057

#define ARPHRD_ETHER 1
#define ARPHRD_NETLINK 824 /* its SLL protocol field is a netlink family, not an ethertype */
#define LINUX_P_802_2 0x0004
#define SLL_ADDR_LEN 8

#define CHDLC_UNICAST 0x0f
#define CHDLC_BCAST 0x8f

#define AVSP_SUBTYPE_TIMESTAMP 1

static void add_vlan(struct vs_pkt *pkt, uint16_t tci)
{
    uint16_t vid = tci & 0x0fff;
    /* VID 0 is an 802.1p priority tag: the frame belongs to no VLAN. */
    if (vid != 0 && pkt->nvlans < VS_MAX_FRAME_VLANS)
        pkt->vlans[pkt->nvlans++] = vid;
}

static enum vs_link_status ip_by_version(struct vs_cur c, struct vs_pkt *pkt,
                                         struct vs_link_inner *inner)
{
    uint8_t b0;
    if (!vs_cur_peek_u8(&c, 0, &b0))
        return VS_LINK_TRUNCATED;
    pkt->l2_payload = c;
    if (b0 >> 4 == 4) {
        pkt->ethertype = VS_ETH_IPV4;
        return vs_link_ipv4(c, pkt, inner);
    }
    if (b0 >> 4 == 6) {
        pkt->ethertype = VS_ETH_IPV6;
        return vs_link_ipv6(c, pkt, inner);
    }
    return VS_LINK_MALFORMED;
}

/* 802.2 LLC, and SNAP when both SAPs are 0xAA; c is already bounded by any 802.3 length. */
static enum vs_link_status llc(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint8_t dsap, ssap, ctrl;
    uint16_t first;

    pkt->ethertype = 0;
    pkt->l2_payload = c;
    /* Novell's raw 802.3 puts IPX (checksum 0xffff) right after the length: no LLC. */
    if (vs_cur_peek_be16(&c, 0, &first) && first == 0xffff)
        return VS_LINK_OK;
    if (!vs_cur_u8(&c, &dsap) || !vs_cur_u8(&c, &ssap) || !vs_cur_u8(&c, &ctrl))
        return VS_LINK_TRUNCATED;
    pkt->llc = true;
    pkt->llc_dsap = dsap;
    pkt->llc_ssap = ssap;
    /* Only unnumbered frames have a one-byte control field; I and S frames have two. */
    if ((ctrl & 3) != 3 && !vs_cur_skip(&c, 1))
        return VS_LINK_TRUNCATED;
    if ((dsap & 0xfe) == 0xaa && (ssap & 0xfe) == 0xaa) {
        uint32_t oui;
        uint16_t pid;
        if (!vs_cur_be24(&c, &oui) || !vs_cur_be16(&c, &pid))
            return VS_LINK_TRUNCATED;
        pkt->snap = true;
        pkt->snap_oui = oui;
        pkt->snap_pid = pid;
        pkt->l2_payload = c;
        /* RFC 1042: OUI 0 means the PID is an ethertype. */
        if (oui == 0 && pid == VS_ETH_IPV4)
            return vs_link_ipv4(c, pkt, inner);
        if (oui == 0 && pid == VS_ETH_IPV6)
            return vs_link_ipv6(c, pkt, inner);
        return VS_LINK_OK;
    }
    pkt->l2_payload = c;
    return VS_LINK_OK;
}

/* RFC 1661 protocol field: one byte when compressed (the first byte is odd), else two. */
static bool ppp_proto(struct vs_cur *c, uint16_t *proto)
{
    uint8_t b0;
    if (!vs_cur_peek_u8(c, 0, &b0))
        return false;
    if (b0 & 1) {
        *proto = b0;
        return vs_cur_skip(c, 1);
    }
    return vs_cur_be16(c, proto);
}

static enum vs_link_status ppp_payload(uint16_t proto, struct vs_cur c, struct vs_pkt *pkt,
                                       struct vs_link_inner *inner)
{
    pkt->l2_payload = c;
    if (proto == PPP_IPV4) {
        pkt->ethertype = VS_ETH_IPV4;
        return vs_link_ipv4(c, pkt, inner);
    }
    if (proto == PPP_IPV6) {
        pkt->ethertype = VS_ETH_IPV6;
        return vs_link_ipv6(c, pkt, inner);
    }
    return VS_LINK_OK;
}

static enum vs_link_status pppoe_session(struct vs_cur c, struct vs_pkt *pkt,
                                         struct vs_link_inner *inner)
{
    uint8_t vertype, code;
    uint16_t session, len, proto;

    if (!vs_cur_u8(&c, &vertype) || !vs_cur_u8(&c, &code) || !vs_cur_be16(&c, &session) ||
        !vs_cur_be16(&c, &len))
        return VS_LINK_TRUNCATED;
    bool partial = len > c.n;
    vs_link_limit(&c, len);
    pkt->l2_payload = c;
    if (!ppp_proto(&c, &proto))
        return vs_link_short(partial);
    return ppp_payload(proto, c, pkt, inner);
}

/* depth counts the tags already walked in this frame: labels share the same bound. */
static enum vs_link_status mpls(struct vs_cur c, unsigned depth, struct vs_pkt *pkt,
                                struct vs_link_inner *inner)
{
    uint32_t lse;
    uint8_t b0;

    do {
        if (++depth > VS_MAX_ENCAP_DEPTH)
            return VS_LINK_MALFORMED;
        if (!vs_cur_be32(&c, &lse))
            return VS_LINK_TRUNCATED;
    } while (!(lse & 0x100)); /* bottom of stack */
    pkt->mpls = true;
    pkt->l2_payload = c;
    /* MPLS does not say what it carries; the first nibble is the customary guess. */
    if (!vs_cur_peek_u8(&c, 0, &b0))
        return VS_LINK_TRUNCATED;
    switch (b0 >> 4) {
    case 4:
    case 6:
        return ip_by_version(c, pkt, inner);
    case 0:
        if (!vs_cur_skip(&c, 4)) /* pseudowire control word */
            return VS_LINK_TRUNCATED;
        break;
    case 1: /* associated channel (RFC 4385): OAM, not a frame */
        return VS_LINK_OK;
    default:
        break;
    }
    return vs_link_encap(inner, VS_DLT_EN10MB, c);
}

enum vs_link_status vs_link_ethertype(uint16_t type, struct vs_cur c, struct vs_pkt *pkt,
                                      struct vs_link_inner *inner)
{
    unsigned depth = 0;

    for (;;) {
        pkt->ethertype = type;
        pkt->l2_payload = c;
        if (type == VS_ETH_IPV4)
            return vs_link_ipv4(c, pkt, inner);
        if (type == ETH_VLAN || type == ETH_QINQ || type == ETH_QINQ_OLD || type == ETH_QINQ_OLD2) {
            uint16_t tci;
            if (++depth > VS_MAX_ENCAP_DEPTH)
                return VS_LINK_MALFORMED;
            if (!vs_cur_be16(&c, &tci))
                return VS_LINK_TRUNCATED;
            add_vlan(pkt, tci);
            if (!vs_cur_be16(&c, &type))
                return VS_LINK_TRUNCATED;
            continue;
        }
        if (type == ETH_AVSP) {
            /* Arista timestamp: subtype, timescale byte, format nibble (1: 64-bit, 2: 48-bit
             * timestamp) with hardware info, the timestamp, then the original type. */
            uint16_t subtype;
            uint8_t scale, format;
            size_t tslen;
            if (++depth > VS_MAX_ENCAP_DEPTH)
                return VS_LINK_MALFORMED;
            if (!vs_cur_be16(&c, &subtype) || !vs_cur_u8(&c, &scale) || !vs_cur_u8(&c, &format))
                return VS_LINK_TRUNCATED;
            if (subtype != AVSP_SUBTYPE_TIMESTAMP)
                return VS_LINK_OK;
            if (format >> 4 == 1)
                tslen = 8;
            else if (format >> 4 == 2)
                tslen = 6;
            else
                return VS_LINK_OK;
            if (!vs_cur_skip(&c, tslen) || !vs_cur_be16(&c, &type))
                return VS_LINK_TRUNCATED;
            continue;
        }
        break;
    }

    if (type <= ETH_MAX_LEN) {
        pkt->ethertype = 0;
        if (type < 3) /* too short for the LLC header an 802.3 frame must carry */
            return VS_LINK_MALFORMED;
        vs_link_limit(&c, type);
        return llc(c, pkt, inner);
    }
    switch (type) {
    case VS_ETH_IPV6:
        return vs_link_ipv6(c, pkt, inner);
    case ETH_PPPOE_SESSION:
        return pppoe_session(c, pkt, inner);
    case ETH_MPLS_UC:
    case ETH_MPLS_MC:
        return mpls(c, depth, pkt, inner);
    default:
        return VS_LINK_OK;
    }
}

static enum vs_link_status ether(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    const uint8_t *dst, *src;
    uint16_t type;

    if (!vs_cur_bytes(&c, 6, &dst))
        return VS_LINK_TRUNCATED;
    pkt->dst_mac = dst;
    if (!vs_cur_bytes(&c, 6, &src))
        return VS_LINK_TRUNCATED;
    pkt->src_mac = src;
    if (!vs_cur_be16(&c, &type))
        return VS_LINK_TRUNCATED;
    return vs_link_ethertype(type, c, pkt, inner);
}

/* The SLL protocol field is an ethertype except for Linux pseudo-protocols below 0x600. */
static enum vs_link_status sll_payload(uint16_t hatype, uint16_t proto, struct vs_cur c,
                                       struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    pkt->l2_payload = c;
    if (hatype == ARPHRD_NETLINK)
        return VS_LINK_OK;
    if (proto == LINUX_P_802_2)
        return llc(c, pkt, inner);
    if (proto <= ETH_MAX_LEN)
        return VS_LINK_OK;
    return vs_link_ethertype(proto, c, pkt, inner);
}

static void sll_source(struct vs_pkt *pkt, uint16_t hatype, uint16_t halen, const uint8_t *addr)
{
    /* Only an Ethernet link-layer address is a MAC; loopback and tunnels put other things
     * (or zeros) there. SLL has no destination address. */
    if (hatype == ARPHRD_ETHER && halen == 6)
        pkt->src_mac = addr;
}

/* LINUX_SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol. */
static enum vs_link_status sll(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint16_t pkttype, hatype, halen, proto;
    const uint8_t *addr;

    if (!vs_cur_be16(&c, &pkttype) || !vs_cur_be16(&c, &hatype) || !vs_cur_be16(&c, &halen) ||
        !vs_cur_bytes(&c, SLL_ADDR_LEN, &addr))
        return VS_LINK_TRUNCATED;
    sll_source(pkt, hatype, halen, addr);
    if (!vs_cur_be16(&c, &proto))
        return VS_LINK_TRUNCATED;
    return sll_payload(hatype, proto, c, pkt, inner);
}

/* LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address
 * length, 8 address bytes. */
static enum vs_link_status sll2(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint16_t proto, hatype;
    uint8_t pkttype, halen;
    const uint8_t *addr;

    if (!vs_cur_be16(&c, &proto) || !vs_cur_skip(&c, 2 + 4) || !vs_cur_be16(&c, &hatype) ||
        !vs_cur_u8(&c, &pkttype) || !vs_cur_u8(&c, &halen) ||
        !vs_cur_bytes(&c, SLL_ADDR_LEN, &addr))
        return VS_LINK_TRUNCATED;
    sll_source(pkt, hatype, halen, addr);
    return sll_payload(hatype, proto, c, pkt, inner);
}

static uint32_t bswap32(uint32_t v)
{
    return v >> 24 | (v >> 8 & 0xff00) | (v << 8 & 0xff0000) | v << 24;
}

/* DLT_NULL/DLT_LOOP: a 4-byte address family, then the packet. */
static enum vs_link_status null_loop(struct vs_cur c, struct vs_pkt *pkt,
                                     struct vs_link_inner *inner)
{
    uint32_t family;

    if (!vs_cur_be32(&c, &family))
        return VS_LINK_TRUNCATED;
    /* DLT_NULL is in the capturing host's byte order, which the file does not record (and
     * some DLT_LOOP writers got it wrong too): families are small, so a value above 16
     * bits came in the other order. */
    if (family > 0xffff)
        family = bswap32(family);
    pkt->l2_payload = c;
    switch (family) {
    case 2: /* AF_INET everywhere */
        pkt->ethertype = VS_ETH_IPV4;
        return vs_link_ipv4(c, pkt, inner);
    case 24: /* AF_INET6: NetBSD/OpenBSD, FreeBSD, Darwin */
    case 28:
    case 30:
        pkt->ethertype = VS_ETH_IPV6;
        return vs_link_ipv6(c, pkt, inner);
    default:
        return VS_LINK_OK;
    }
}

/* Cisco HDLC: address (0x0f unicast, 0x8f broadcast), control, then an ethertype. */
static enum vs_link_status chdlc(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint8_t addr, ctrl;
    uint16_t proto;

    if (!vs_cur_u8(&c, &addr) || !vs_cur_u8(&c, &ctrl) || !vs_cur_be16(&c, &proto))
        return VS_LINK_TRUNCATED;
    if (proto == VS_SNAP_PID_CDP)
        return vs_link_cdp_bare(c, pkt);
    pkt->l2_payload = c;
    if (proto <= ETH_MAX_LEN)
        return VS_LINK_OK;
    return vs_link_ethertype(proto, c, pkt, inner);
}

/* PPP (RFC 1661) with the optional RFC 1662 address/control bytes, or Cisco HDLC framing,
 * which shares DLT_PPP and DLT_PPP_SERIAL. */
static enum vs_link_status ppp(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint8_t b0;
    uint16_t proto;

    if (!vs_cur_peek_u8(&c, 0, &b0))
        return VS_LINK_TRUNCATED;
    if (b0 == CHDLC_UNICAST || b0 == CHDLC_BCAST)
        return chdlc(c, pkt, inner);
    /* 0xff can only be the all-stations address: no protocol number starts with it. */
    if (b0 == 0xff && !vs_cur_skip(&c, 2))
        return VS_LINK_TRUNCATED;
    if (!ppp_proto(&c, &proto))
        return VS_LINK_TRUNCATED;
    return ppp_payload(proto, c, pkt, inner);
}

bool vs_link_supported(int dlt)
{
    switch (dlt) {
    case VS_DLT_NULL:
    case VS_DLT_EN10MB:
    case VS_DLT_PPP:
    case VS_DLT_RAW:
    case VS_DLT_RAW14:
    case VS_DLT_PPP_SERIAL:
    case VS_DLT_RAW101:
    case VS_DLT_C_HDLC:
    case VS_DLT_LOOP:
    case VS_DLT_LINUX_SLL:
    case VS_DLT_IPV4:
    case VS_DLT_IPV6:
    case VS_DLT_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}

enum vs_link_status vs_link_parse(int dlt, struct vs_cur frame, struct vs_pkt *pkt,
                                  struct vs_link_inner *inner)
{
    int64_t ts_sec = pkt->ts_sec;
    uint32_t ts_usec = pkt->ts_usec;

    memset(pkt, 0, sizeof *pkt);
    pkt->ts_sec = ts_sec;
    pkt->ts_usec = ts_usec;
    if (inner) {
        inner->dlt = 0;
        inner->frame = vs_cur_make(NULL, 0);
    }

    switch (dlt) {
    case VS_DLT_EN10MB:
        return ether(frame, pkt, inner);
    case VS_DLT_LINUX_SLL:
        return sll(frame, pkt, inner);
    case VS_DLT_LINUX_SLL2:
        return sll2(frame, pkt, inner);
    case VS_DLT_RAW:
    case VS_DLT_RAW14:
    case VS_DLT_RAW101:
    case VS_DLT_IPV4:
    case VS_DLT_IPV6:
        return ip_by_version(frame, pkt, inner);
    case VS_DLT_NULL:
    case VS_DLT_LOOP:
        return null_loop(frame, pkt, inner);
    case VS_DLT_C_HDLC:
        return chdlc(frame, pkt, inner);
    case VS_DLT_PPP:
    case VS_DLT_PPP_SERIAL:
        return ppp(frame, pkt, inner);
    default:
        return VS_LINK_UNSUPPORTED;
    }
}
