/* SPDX-License-Identifier: BSD-2-Clause */
/* arp.c - ARP for Ethernet and IPv4 (RFC 826): the sender's IP and MAC of a request or
 * reply, the binding the inventory needs between the two address spaces. */
#include "vendorsniff/dissect.h"

#include <string.h>

#define ARP_HRD_ETHERNET 1
#define ARP_PRO_IPV4 0x0800
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2

enum vs_decode_status vs_arp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    uint16_t hrd, pro, op;
    uint8_t hln, pln, sha[6], spa[4];
    if (!vs_cur_be16(&c, &hrd) || !vs_cur_be16(&c, &pro) || !vs_cur_u8(&c, &hln) ||
        !vs_cur_u8(&c, &pln) || !vs_cur_be16(&c, &op))
        return VS_DECODE_TRUNCATED;
    /* Other hardware or protocol types (IEEE 802, IPv6 over IEEE 1394...) bind nothing
     * this inventory keys on; declared sizes must match the types. */
    if (hrd != ARP_HRD_ETHERNET || pro != ARP_PRO_IPV4)
        return VS_DECODE_OK;
    if (hln != 6 || pln != 4)
        return VS_DECODE_MALFORMED;
    if (op != ARP_OP_REQUEST && op != ARP_OP_REPLY)
        return VS_DECODE_OK; /* RARP, InARP: not a sender binding */
    if (!vs_cur_copy(&c, sha, 6) || !vs_cur_copy(&c, spa, 4))
        return VS_DECODE_TRUNCATED;
    /* The target fields are not read: a reply's target is the asker, already bound by
     * its own request, and a request's target MAC is unknown by definition. */
    enum vs_decode_status st = vs_cur_len(&c) >= 10 ? VS_DECODE_OK : VS_DECODE_TRUNCATED;
    /* An RFC 5227 probe has sender 0.0.0.0: it claims no address yet. */
    if (!(spa[0] | spa[1] | spa[2] | spa[3]))
        return st;
    struct vs_ip ip;
    char text[VS_IP_STRLEN];
    vs_ip_from4(&ip, spa);
    vs_ip_format(&ip, text);
    struct vs_evidence ev = {VS_F_ARP_ADDRESS, (const uint8_t *)text, strlen(text), sha, &ip, 0};
    emit(ctx, &ev);
    return st;
}
