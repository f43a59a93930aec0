/* SPDX-License-Identifier: BSD-2-Clause */
/* nd.c - IPv6 Neighbor Discovery (RFC 4861 s4.3, s4.4): the link-layer address a node
 * gives for its own IPv6 address in a neighbour solicitation or advertisement. */
#include "vendorsniff/dissect.h"

#include <string.h>

#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
#define ND_OPT_SOURCE_LINKADDR 1
#define ND_OPT_TARGET_LINKADDR 2

static bool ip6_unspecified_or_multicast(const uint8_t a[16])
{
    if (a[0] == 0xff)
        return true;
    for (int i = 0; i < 16; i++)
        if (a[i])
            return false;
    return true;
}

enum vs_decode_status vs_nd_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                    void *ctx)
{
    uint8_t type, code, target[16];
    if (!vs_cur_u8(&c, &type) || !vs_cur_u8(&c, &code))
        return VS_DECODE_TRUNCATED;
    if (type != ND_NEIGHBOR_SOLICIT && type != ND_NEIGHBOR_ADVERT)
        return VS_DECODE_OK;
    /* RFC 4861 s7.1.1, s7.1.2: code 0 only. */
    if (code != 0)
        return VS_DECODE_MALFORMED;
    /* checksum, reserved (NS) or flags (NA), then the target address */
    if (!vs_cur_skip(&c, 2 + 4) || !vs_cur_copy(&c, target, 16))
        return VS_DECODE_TRUNCATED;

    /* Options (RFC 4861 s4.6): type, length in units of 8 octets (0 is invalid). */
    uint8_t want = type == ND_NEIGHBOR_SOLICIT ? ND_OPT_SOURCE_LINKADDR : ND_OPT_TARGET_LINKADDR;
    uint8_t mac[6];
    bool have_mac = false;
    size_t count = 0;
    enum vs_decode_status st = VS_DECODE_OK;
    while (!vs_cur_empty(&c)) {
        uint8_t otype, olen;
        struct vs_cur v;
        if (++count > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_u8(&c, &otype) || !vs_cur_u8(&c, &olen)) {
            st = VS_DECODE_TRUNCATED;
            break;
        }
        if (olen == 0)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_sub(&c, (size_t)olen * 8 - 2, &v)) {
            st = VS_DECODE_TRUNCATED;
            break;
        }
        /* On Ethernet the address is 6 octets in a one-unit option (RFC 2464 s8). */
        if (otype == want && olen == 1 && !have_mac) {
            vs_cur_copy(&v, mac, 6);
            have_mac = true;
        }
    }
    if (!have_mac)
        return st;

    struct vs_ip ip;
    if (type == ND_NEIGHBOR_ADVERT) {
        if (ip6_unspecified_or_multicast(target))
            return VS_DECODE_MALFORMED; /* RFC 4861 s7.1.2 */
        vs_ip_from6(&ip, target);
    } else {
        /* A solicitation speaks for its source address; a DAD probe (source ::) may not
         * carry a source link-layer option at all (RFC 4861 s7.1.1). */
        if (!pkt || pkt->src_ip.family != 6)
            return st;
        if (ip6_unspecified_or_multicast(pkt->src_ip.a))
            return VS_DECODE_MALFORMED;
        ip = pkt->src_ip;
    }
    char text[VS_IP_STRLEN];
    vs_ip_format(&ip, text);
    struct vs_evidence ev = {VS_F_ND_ADDRESS, (const uint8_t *)text, strlen(text), mac, &ip, 0};
    emit(ctx, &ev);
    return st;
}
