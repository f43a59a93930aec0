/* SPDX-License-Identifier: BSD-2-Clause */
/* ubdp.c - Ubiquiti discovery decoder (airOS v1 and UniFi v2 announcements; TLVs as
 * Wireshark decodes them): the cursor covers the UDP 10001 payload. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect_util.h"

#define UBDP_HEADER_LEN 4 /* version, command, 16-bit length of what follows */

enum {
    UB_MAC = 1,
    UB_MAC_IP = 2,
    UB_FIRMWARE_FULL = 3,
    UB_IP = 4,
    UB_MAC_2 = 5,
    UB_HOSTNAME = 11,
    UB_PRODUCT = 12,
    UB_MAC_3 = 19,
    UB_MODEL_TYPE = 20,
    UB_MODEL = 21,
    UB_FIRMWARE = 22,
};

/* Short product codes and the names Ubiquiti (and tshark) give them; the evidence value
 * is "CODE: Name" for a known code, the code alone otherwise. */
static const struct {
    const char *code, *name;
} ubdp_models[] = {
    {"UGW3", "UniFi Security Gateway"},
    {"UGW4", "UniFi Security Gateway-Pro"},
    {"US8P150", "UniFi Switch 8 POE-150W"},
    {"US16P150", "UniFi Switch 16 POE-150W"},
    {"US24", "UniFi Switch 24"},
    {"US24P250", "UniFi Switch 24 POE-250W"},
    {"US24P500", "UniFi Switch 24 POE-500W"},
    {"US48", "UniFi Switch 48"},
    {"US48P500", "UniFi Switch 48 POE-500W"},
    {"US48P750", "UniFi Switch 48 POE-750W"},
    {"BZ2", "UniFi AP"},
    {"BZ2LR", "UniFi AP-LR"},
    {"U2O", "UniFi AP-Outdoor"},
    {"U2HSR", "UniFi AP-Outdoor+"},
    {"U2IW", "UniFi AP-In Wall"},
    {"U5O", "UniFi AP-Outdoor 5G"},
    {"U7E", "UniFi AP-AC"},
    {"U7Ev2", "UniFi AP-AC v2"},
    {"U7EDU", "UniFi AP-AC-EDU"},
    {"U7HD", "UniFi AP-AC-HD"},
    {"U7LR", "UniFi AP-AC-LR"},
    {"U7LT", "UniFi AP-AC-Lite"},
    {"U7MSH", "UniFi AP-AC-Mesh"},
    {"U7MP", "UniFi AP-AC-Mesh-Pro"},
    {"U7O", "UniFi AP-AC Outdoor"},
    {"U7P", "UniFi AP-Pro"},
    {"U7PG2", "UniFi AP-AC-Pro Gen2"},
    {"N2N", "NanoStation M2"},
    {"p2N", "PicoStation M2"},
    {"P6E", "mFi mPower Pro"},
    {"UP4", "UniFi Phone-X"},
    {"UP5", "UniFi Phone"},
    {"UP5c", "UniFi Phone"},
    {"UP5t", "UniFi Phone-Pro"},
    {"UP5tc", "UniFi Phone-Pro"},
    {"UP7", "UniFi Phone-Executive"},
    {"UP7c", "UniFi Phone-Executive"},
};

struct ubdp_facts {
    bool has_mac, has_ip;
    uint8_t mac[6];
    struct vs_ip ip;
};

typedef void (*ubdp_tlv_fn)(uint8_t type, struct vs_cur v, void *arg);

static enum vs_decode_status ubdp_walk(struct vs_cur c, enum vs_decode_status overrun,
                                       ubdp_tlv_fn fn, void *arg)
{
    size_t ntlv = 0;
    while (!vs_cur_empty(&c)) {
        uint8_t type;
        uint16_t len;
        struct vs_cur v;
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_u8(&c, &type) || !vs_cur_be16(&c, &len) || !vs_cur_sub(&c, len, &v))
            return overrun;
        fn(type, v, arg);
    }
    return VS_DECODE_OK;
}

static void ubdp_find_facts(uint8_t type, struct vs_cur v, void *arg)
{
    struct ubdp_facts *f = arg;
    size_t n = vs_cur_len(&v);
    uint8_t raw[10];
    if ((n != 4 && n != 6 && n != 10) || !vs_cur_copy(&v, raw, n))
        return;
    bool mac_tlv = type == UB_MAC || type == UB_MAC_2 || type == UB_MAC_3;
    if (!f->has_mac && ((mac_tlv && n == 6) || (type == UB_MAC_IP && n == 10))) {
        memcpy(f->mac, raw, 6);
        f->has_mac = true;
    }
    /* The first non-zero address: UniFi lists its primary interface first. */
    const uint8_t *a = NULL;
    if (type == UB_MAC_IP && n == 10)
        a = &raw[6];
    else if ((type == UB_IP || type == UB_MAC_IP) && n == 4)
        a = raw;
    if (a && !f->has_ip && (a[0] || a[1] || a[2] || a[3])) {
        vs_ip_from4(&f->ip, a);
        f->has_ip = true;
    }
}

struct ubdp_emit {
    vs_emit_fn emit;
    void *ctx;
    const struct ubdp_facts *facts;
};

static void ubdp_emit_tlv(uint8_t type, struct vs_cur v, void *arg)
{
    const struct ubdp_emit *e = arg;
    enum vs_field f;
    bool model = false;
    switch (type) {
    case UB_HOSTNAME:
        f = VS_F_UBDP_HOSTNAME;
        break;
    case UB_PRODUCT:
        f = VS_F_UBDP_PRODUCT;
        model = true;
        break;
    case UB_MODEL_TYPE:
    case UB_MODEL:
        f = VS_F_UBDP_MODEL;
        model = true;
        break;
    case UB_FIRMWARE:
    case UB_FIRMWARE_FULL:
        /* Both forms: the short version ("4.3.33.4936086", UniFi) and the build string
         * ("UniFiSecurityGateway.ER-e120.v4.3.33...", the only one airOS v1 sends), which
         * also names the hardware platform. */
        f = VS_F_UBDP_FIRMWARE;
        break;
    default:
        return;
    }
    v = vs_cur_trim(vs_cur_cut_nul(v));
    const uint8_t *p;
    size_t n = vs_cur_len(&v);
    if (!n || !vs_cur_bytes(&v, n, &p))
        return;
    char buf[128];
    if (model) {
        for (size_t i = 0; i < sizeof ubdp_models / sizeof ubdp_models[0]; i++) {
            size_t cl = strlen(ubdp_models[i].code);
            if (cl == n && memcmp(ubdp_models[i].code, p, n) == 0) {
                int k =
                    snprintf(buf, sizeof buf, "%s: %s", ubdp_models[i].code, ubdp_models[i].name);
                p = (const uint8_t *)buf;
                n = (size_t)k;
                break;
            }
        }
    }
    const struct ubdp_facts *a = e->facts;
    struct vs_evidence ev = {f, p, n, a->has_mac ? a->mac : NULL, a->has_ip ? &a->ip : NULL, 0};
    e->emit(e->ctx, &ev);
}

enum vs_decode_status vs_ubdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    uint8_t version, cmd;
    uint16_t len;
    if (!vs_cur_u8(&c, &version) || !vs_cur_u8(&c, &cmd) || !vs_cur_be16(&c, &len))
        return VS_DECODE_TRUNCATED;
    if (version != 1 && version != 2)
        return VS_DECODE_MALFORMED;
    /* The header length bounds the TLVs: running past it inside a complete datagram is a
     * contradiction, running past a datagram shorter than announced is truncation. */
    bool cut = len > vs_cur_len(&c);
    if (!cut)
        vs_cur_window(&c, 0, len, &c);
    enum vs_decode_status overrun = cut ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;

    struct ubdp_facts facts;
    memset(&facts, 0, sizeof facts);
    enum vs_decode_status st = ubdp_walk(c, overrun, ubdp_find_facts, &facts);
    struct ubdp_emit e = {emit, ctx, &facts};
    st = vs_worse(st, ubdp_walk(c, overrun, ubdp_emit_tlv, &e));
    return cut ? vs_worse(st, VS_DECODE_TRUNCATED) : st;
}
