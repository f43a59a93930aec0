/* SPDX-License-Identifier: BSD-2-Clause */
/* ip.c - IPv4 (RFC 791) and IPv6 (RFC 8200 with its extension headers, AH per RFC 4302)
 * down to TCP (RFC 9293), UDP (RFC 768), SCTP (RFC 9260 section 3.1), ICMP/ICMPv6 and the
 * tunnels they carry.
 * The IP length fields bound everything below; captured bytes beyond them are trailer. */
#include "link_int.h"

#define IPP_HOPOPTS 0
#define IPP_ICMP 1
#define IPP_IPIP 4
#define IPP_TCP 6
#define IPP_UDP 17
#define IPP_IPV6 41
#define IPP_ROUTING 43
#define IPP_FRAGMENT 44
#define IPP_GRE 47
#define IPP_AH 51
#define IPP_ICMPV6 58
#define IPP_DSTOPTS 60
#define IPP_SCTP 132
#define IPP_MOBILITY 135
#define IPP_HIP 139
#define IPP_SHIM6 140

#define IPV4_MF 0x2000
#define IPV4_OFFSET 0x1fff
#define IPV6_OFFSET 0xfff8
#define IPV6_MF 0x0001

#define UDP_VXLAN 4789
#define UDP_GENEVE 6081
#define UDP_GTPU 2152

/* partial: the segment is known to be cut (snap length or an IP fragment). */
static enum vs_link_status tcp(struct vs_cur c, bool partial, struct vs_pkt *pkt)
{
    uint16_t sport, dport, offflags;
    uint32_t seq, ack;

    if (!vs_cur_be16(&c, &sport) || !vs_cur_be16(&c, &dport))
        return vs_link_short(partial);
    pkt->sport = sport;
    pkt->dport = dport;
    if (!vs_cur_be32(&c, &seq) || !vs_cur_be32(&c, &ack) || !vs_cur_be16(&c, &offflags) ||
        !vs_cur_skip(&c, 6)) /* window, checksum, urgent pointer */
        return vs_link_short(partial);
    pkt->tcp_seq = seq;
    pkt->tcp_flags = (uint8_t)(offflags & 0xff);
    size_t doff = (size_t)(offflags >> 12) * 4;
    if (doff < 20)
        return VS_LINK_MALFORMED;
    if (!vs_cur_skip(&c, doff - 20))
        return vs_link_short(partial);
    pkt->l4_payload = c;
    return VS_LINK_OK;
}

static enum vs_link_status udp(struct vs_cur c, bool partial, struct vs_pkt *pkt,
                               struct vs_link_inner *inner)
{
    uint16_t sport, dport, ulen;

    if (!vs_cur_be16(&c, &sport) || !vs_cur_be16(&c, &dport))
        return vs_link_short(partial);
    pkt->sport = sport;
    pkt->dport = dport;
    if (!vs_cur_be16(&c, &ulen) || !vs_cur_skip(&c, 2))
        return vs_link_short(partial);
    /* Length 0 is an IPv6 jumbogram (RFC 2675): the IP length bounds it. */
    if (ulen != 0) {
        if (ulen < 8)
            return VS_LINK_MALFORMED;
        size_t plen = (size_t)ulen - 8;
        if (plen > c.n) {
            if (!partial) {
                pkt->l4_payload = c;
                return VS_LINK_MALFORMED;
            }
        } else {
            vs_link_limit(&c, plen);
            partial = false;
        }
    }
    pkt->l4_payload = c;
    if (dport == UDP_VXLAN)
        return vs_link_vxlan(c, partial, inner);
    if (dport == UDP_GENEVE)
        return vs_link_geneve(c, partial, inner);
    if (dport == UDP_GTPU)
        return vs_link_gtpu(c, partial, inner);
    return VS_LINK_OK;
}

/* SCTP: ports from the common header; the payload is the chunks after it, which the
 * decoders walk themselves (several chunks, of several protocols, per packet). */
static enum vs_link_status sctp(struct vs_cur c, bool partial, struct vs_pkt *pkt)
{
    uint16_t sport, dport;

    if (!vs_cur_be16(&c, &sport) || !vs_cur_be16(&c, &dport))
        return vs_link_short(partial);
    pkt->sport = sport;
    pkt->dport = dport;
    if (!vs_cur_skip(&c, 8)) /* verification tag, checksum */
        return vs_link_short(partial);
    pkt->l4_payload = c;
    return VS_LINK_OK;
}

static enum vs_link_status transport(uint8_t proto, struct vs_cur c, bool partial,
                                     struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    switch (proto) {
    case IPP_TCP:
        return tcp(c, partial, pkt);
    case IPP_UDP:
        return udp(c, partial, pkt, inner);
    case IPP_SCTP:
        return sctp(c, partial, pkt);
    case IPP_ICMP:
    case IPP_ICMPV6:
        /* The whole message from the type byte: ND options need it. */
        pkt->l4_payload = c;
        return c.n < 4 ? vs_link_short(partial) : VS_LINK_OK;
    case IPP_GRE:
        return vs_link_gre(c, partial, pkt, inner);
    case IPP_IPIP:
    case IPP_IPV6:
        return vs_link_encap(inner, VS_DLT_RAW, c);
    default:
        return VS_LINK_OK;
    }
}

enum vs_link_status vs_link_ipv4(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint8_t vihl, tos, ttl, proto;
    uint16_t total, id, frag, csum;

    if (!vs_cur_peek_u8(&c, 0, &vihl))
        return VS_LINK_TRUNCATED;
    if (vihl >> 4 != 4)
        return VS_LINK_MALFORMED;
    size_t hlen = (size_t)(vihl & 0x0f) * 4;
    if (hlen < 20)
        return VS_LINK_MALFORMED;
    if (!vs_cur_skip(&c, 1) || !vs_cur_u8(&c, &tos) || !vs_cur_be16(&c, &total) ||
        !vs_cur_be16(&c, &id) || !vs_cur_be16(&c, &frag) || !vs_cur_u8(&c, &ttl) ||
        !vs_cur_u8(&c, &proto) || !vs_cur_be16(&c, &csum) || c.n < 8)
        return VS_LINK_TRUNCATED;
    pkt->src_ip.family = 4;
    pkt->dst_ip.family = 4;
    pkt->ttl = ttl;
    vs_cur_copy(&c, pkt->src_ip.a, 4);
    vs_cur_copy(&c, pkt->dst_ip.a, 4);
    pkt->ip_proto = proto;
    if (total < hlen)
        return VS_LINK_MALFORMED;
    if (!vs_cur_skip(&c, hlen - 20)) /* options */
        return VS_LINK_TRUNCATED;
    size_t plen = (size_t)total - hlen;
    bool partial = plen > c.n;
    vs_link_limit(&c, plen);
    if (frag & IPV4_OFFSET) /* a later fragment: no transport header */
        return VS_LINK_OK;
    return transport(proto, c, partial || (frag & IPV4_MF), pkt, inner);
}

enum vs_link_status vs_link_ipv6(struct vs_cur c, struct vs_pkt *pkt, struct vs_link_inner *inner)
{
    uint8_t b0, nh, hlim;
    uint16_t plen16;

    if (!vs_cur_peek_u8(&c, 0, &b0))
        return VS_LINK_TRUNCATED;
    if (b0 >> 4 != 6)
        return VS_LINK_MALFORMED;
    if (!vs_cur_skip(&c, 4) || !vs_cur_be16(&c, &plen16) || !vs_cur_u8(&c, &nh) ||
        !vs_cur_u8(&c, &hlim) || c.n < 32)
        return VS_LINK_TRUNCATED;
    pkt->src_ip.family = 6;
    pkt->dst_ip.family = 6;
    pkt->ttl = hlim;
    vs_cur_copy(&c, pkt->src_ip.a, 16);
    vs_cur_copy(&c, pkt->dst_ip.a, 16);
    pkt->ip_proto = nh;

    size_t plen = plen16;
    if (plen == 0 && nh == IPP_HOPOPTS) /* jumbogram: the length is in an option */
        plen = c.n;
    bool partial = plen > c.n;
    vs_link_limit(&c, plen);

    for (unsigned hops = 0;; hops++) {
        uint8_t next, len;
        size_t hlen;
        switch (nh) {
        case IPP_HOPOPTS:
        case IPP_ROUTING:
        case IPP_DSTOPTS:
        case IPP_MOBILITY:
        case IPP_HIP:
        case IPP_SHIM6:
        case IPP_FRAGMENT:
        case IPP_AH:
            break;
        default:
            return transport(nh, c, partial, pkt, inner);
        }
        if (hops >= VS_MAX_ENCAP_DEPTH)
            return VS_LINK_MALFORMED;
        if (!vs_cur_peek_u8(&c, 0, &next) || !vs_cur_peek_u8(&c, 1, &len))
            return vs_link_short(partial);
        if (nh == IPP_FRAGMENT) {
            uint16_t offm;
            if (!vs_cur_peek_be16(&c, 2, &offm) || !vs_cur_skip(&c, 8))
                return vs_link_short(partial);
            pkt->ip_proto = next;
            if (offm & IPV6_OFFSET) /* a later fragment: no transport header */
                return VS_LINK_OK;
            if (offm & IPV6_MF)
                partial = true;
        } else {
            /* AH counts 4-byte words less two; the others 8-byte units less one. */
            hlen = nh == IPP_AH ? ((size_t)len + 2) * 4 : ((size_t)len + 1) * 8;
            if (!vs_cur_skip(&c, hlen))
                return vs_link_short(partial);
        }
        nh = next;
        pkt->ip_proto = nh;
    }
}
