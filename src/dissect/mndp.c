/* SPDX-License-Identifier: BSD-2-Clause */
/* mndp.c - MikroTik Neighbor Discovery Protocol decoder (RouterOS; TLVs as MikroTik and
 * Wireshark document them): the cursor covers the UDP 5678 payload. */
#include <string.h>

#include "vendorsniff/dissect_util.h"

#define MNDP_HEADER_LEN 4 /* 2 bytes header (version/ttl), 2 bytes sequence number */

enum {
    MNDP_MAC = 1,
    MNDP_IDENTITY = 5,
    MNDP_VERSION = 7,
    MNDP_PLATFORM = 8,
    MNDP_UPTIME = 10,
    MNDP_SOFTWARE_ID = 11,
    MNDP_BOARD = 12,
    MNDP_UNPACK = 14,
    MNDP_IPV6 = 15,
    MNDP_INTERFACE = 16,
    MNDP_IPV4 = 17,
};

/* Addresses the announcement names, found in a first pass so that every item can carry
 * them (MNDP has no address field of its own). */
struct mndp_addrs {
    bool has_mac, has_ip;
    uint8_t mac[6];
    struct vs_ip ip;
};

/* Walks the TLVs; calls back for each one wholly inside the payload. The walk is the
 * same in both passes, so both see exactly the same TLVs. */
typedef void (*mndp_tlv_fn)(uint16_t type, struct vs_cur v, void *arg);

static enum vs_decode_status mndp_walk(struct vs_cur c, mndp_tlv_fn fn, void *arg)
{
    size_t ntlv = 0;
    while (!vs_cur_empty(&c)) {
        uint16_t type, len;
        struct vs_cur v;
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&c, &type) || !vs_cur_be16(&c, &len) || !vs_cur_sub(&c, len, &v))
            return VS_DECODE_TRUNCATED;
        fn(type, v, arg);
    }
    return VS_DECODE_OK;
}

static bool nonzero(const uint8_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i])
            return true;
    return false;
}

static void mndp_find_addrs(uint16_t type, struct vs_cur v, void *arg)
{
    struct mndp_addrs *a = arg;
    uint8_t raw[16];
    if (type == MNDP_MAC && !a->has_mac && vs_cur_len(&v) == 6) {
        vs_cur_copy(&v, a->mac, 6);
        a->has_mac = true;
    } else if (type == MNDP_IPV4 && (!a->has_ip || a->ip.family != 4) && vs_cur_len(&v) == 4) {
        /* IPv4 wins over IPv6: it is what the rest of the inventory is keyed by. */
        vs_cur_copy(&v, raw, 4);
        if (nonzero(raw, 4)) {
            vs_ip_from4(&a->ip, raw);
            a->has_ip = true;
        }
    } else if (type == MNDP_IPV6 && !a->has_ip && vs_cur_len(&v) == 16) {
        vs_cur_copy(&v, raw, 16);
        if (nonzero(raw, 16)) {
            vs_ip_from6(&a->ip, raw);
            a->has_ip = true;
        }
    }
}

struct mndp_emit {
    vs_emit_fn emit;
    void *ctx;
    const struct mndp_addrs *addrs;
};

/* Each announced address: its own item, so every one of them binds the device. */
static void mndp_emit_address(const struct mndp_emit *e, uint16_t type, struct vs_cur v)
{
    uint8_t raw[16];
    struct vs_ip ip;
    size_t n = type == MNDP_IPV4 ? 4 : 16;
    if (vs_cur_len(&v) != n || !vs_cur_copy(&v, raw, n))
        return;
    if (n == 4)
        vs_ip_from4(&ip, raw);
    else
        vs_ip_from6(&ip, raw);
    char text[VS_IP_STRLEN];
    vs_ip_format(&ip, text);
    const struct mndp_addrs *a = e->addrs;
    struct vs_evidence ev = {
        VS_F_MNDP_ADDRESS, (const uint8_t *)text, strlen(text), a->has_mac ? a->mac : NULL, &ip, 0};
    e->emit(e->ctx, &ev);
}

static void mndp_emit_tlv(uint16_t type, struct vs_cur v, void *arg)
{
    const struct mndp_emit *e = arg;
    enum vs_field f;
    if (type == MNDP_IPV4 || type == MNDP_IPV6) {
        mndp_emit_address(e, type, v);
        return;
    }
    switch (type) {
    case MNDP_IDENTITY:
        f = VS_F_MNDP_IDENTITY;
        break;
    case MNDP_VERSION:
        f = VS_F_MNDP_VERSION;
        break;
    case MNDP_PLATFORM:
        f = VS_F_MNDP_PLATFORM;
        break;
    case MNDP_BOARD:
        f = VS_F_MNDP_BOARD;
        break;
    default:
        return; /* uptime, software ID, interface, unpack: not evidence of a make */
    }
    v = vs_cur_trim(vs_cur_cut_nul(v));
    const uint8_t *p;
    size_t n = vs_cur_len(&v);
    if (!n || !vs_cur_bytes(&v, n, &p))
        return; /* an unset identity is sent as an empty TLV */
    const struct mndp_addrs *a = e->addrs;
    struct vs_evidence ev = {f, p, n, a->has_mac ? a->mac : NULL, a->has_ip ? &a->ip : NULL, 0};
    e->emit(e->ctx, &ev);
}

enum vs_decode_status vs_mndp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    if (!vs_cur_skip(&c, MNDP_HEADER_LEN))
        return VS_DECODE_TRUNCATED;
    struct mndp_addrs addrs;
    memset(&addrs, 0, sizeof addrs);
    enum vs_decode_status st = mndp_walk(c, mndp_find_addrs, &addrs);
    struct mndp_emit e = {emit, ctx, &addrs};
    return vs_worse(st, mndp_walk(c, mndp_emit_tlv, &e));
}
