/* SPDX-License-Identifier: BSD-2-Clause */
/* link_int.h - private to src/link: the layer walkers that link.c (frame headers,
 * ethertypes), ip.c (IPv4/IPv6, TCP/UDP) and encap.c (GRE/ERSPAN, VXLAN, Geneve) share. */
#ifndef VS_LINK_INT_H
#define VS_LINK_INT_H

#include "vendorsniff/link.h"

#define VS_ETH_IPV4 0x0800
#define VS_ETH_IPV6 0x86dd
#define VS_ETH_TEB 0x6558 /* transparent Ethernet bridging (GRE, Geneve) */

/* Cisco's discovery protocols travel as SNAP 00000c/2000 on Ethernet; over Cisco HDLC
 * and GRE they come with a bare protocol number 0x2000 and are reported the same way. */
#define VS_SNAP_OUI_CISCO 0x00000c
#define VS_SNAP_PID_CDP 0x2000

/* A short read: when the captured bytes are fewer than the headers declared (snap
 * length, or a fragment), the frame is cut; otherwise the header overruns its own
 * declared length, which is a contradiction. */
static inline enum vs_link_status vs_link_short(bool partial)
{
    return partial ? VS_LINK_TRUNCATED : VS_LINK_MALFORMED;
}

/* Narrow a cursor to at most n bytes (a length field bounding its payload). */
static inline void vs_link_limit(struct vs_cur *c, size_t n)
{
    if (n < c->n)
        c->n = n;
}

/* Hand the rest of the frame back to the caller as an encapsulated one. */
static inline enum vs_link_status vs_link_encap(struct vs_link_inner *inner, int dlt,
                                                struct vs_cur c)
{
    if (!inner)
        return VS_LINK_OK;
    inner->dlt = dlt;
    inner->frame = c;
    return VS_LINK_ENCAP;
}

/* Report a CDP PDU (c) that came without an LLC/SNAP header as if it had one. */
static inline enum vs_link_status vs_link_cdp_bare(struct vs_cur c, struct vs_pkt *pkt)
{
    pkt->ethertype = 0;
    pkt->llc = true;
    pkt->llc_dsap = 0xaa;
    pkt->llc_ssap = 0xaa;
    pkt->snap = true;
    pkt->snap_oui = VS_SNAP_OUI_CISCO;
    pkt->snap_pid = VS_SNAP_PID_CDP;
    pkt->l2_payload = c;
    return VS_LINK_OK;
}

/* link.c: the protocol named by an ethertype (VLAN tags, AVSP, 802.3 length/LLC,
 * PPPoE, MPLS, IP); c starts right after the type field. */
enum vs_link_status vs_link_ethertype(uint16_t type, struct vs_cur c, struct vs_pkt *pkt,
                                      struct vs_link_inner *inner);

/* ip.c: an IP packet starting at c (version checked). */
enum vs_link_status vs_link_ipv4(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner);
enum vs_link_status vs_link_ipv6(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner);

/* encap.c: tunnel headers in an IP/UDP payload c; partial says the payload is known to
 * be cut (snap length, fragment), so a short header is truncation, not a contradiction. */
enum vs_link_status vs_link_gre(struct vs_cur c, bool partial, struct vs_pkt *pkt,
                                struct vs_link_inner *inner);
enum vs_link_status vs_link_vxlan(struct vs_cur c, bool partial, struct vs_link_inner *inner);
enum vs_link_status vs_link_geneve(struct vs_cur c, bool partial, struct vs_link_inner *inner);
enum vs_link_status vs_link_gtpu(struct vs_cur c, bool partial, struct vs_link_inner *inner);

#endif
