/* SPDX-License-Identifier: BSD-2-Clause */
/* edp.c - Extreme Discovery Protocol decoder (no public spec; layout per Extreme's knowledge
 * base as Wireshark decodes it): the cursor covers the PDU after SNAP 00e02b/00bb. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect_util.h"

#define EDP_HEADER_LEN 16
#define EDP_MARKER 0x99

enum { EDP_NULL = 0, EDP_DISPLAY = 1, EDP_INFO = 2, EDP_VLAN = 5 };

struct edp_out {
    vs_emit_fn emit;
    void *ctx;
};

static void emit_fmt(const struct edp_out *o, enum vs_field f, const char *s, int k, uint32_t num)
{
    if (k <= 0)
        return;
    struct vs_evidence ev = {f, (const uint8_t *)s, (size_t)k, NULL, NULL, num};
    o->emit(o->ctx, &ev);
}

/* Info: slot(2) port(2) virtual chassis(2) reserved(6) version(4) connections(16). Slot
 * and port are sent zero-based; the chassis labels (and tshark) count from one. */
static enum vs_decode_status edp_info(struct vs_cur v, const struct edp_out *o)
{
    uint16_t slot, port, vchassis;
    uint8_t ver[4];
    if (!vs_cur_be16(&v, &slot) || !vs_cur_be16(&v, &port) || !vs_cur_be16(&v, &vchassis) ||
        !vs_cur_skip(&v, 6) || !vs_cur_copy(&v, ver, 4))
        return VS_DECODE_MALFORMED;
    char s[32];
    int k = snprintf(s, sizeof s, "%u/%u", (unsigned)slot + 1, (unsigned)port + 1);
    emit_fmt(o, VS_F_EDP_PORT_ID, s, k, (uint32_t)(slot + 1) << 16 | (uint32_t)(port + 1));
    k = snprintf(s, sizeof s, "%u.%u.%u.%u", ver[0], ver[1], ver[2], ver[3]);
    emit_fmt(o, VS_F_EDP_SOFTWARE_VERSION, s, k,
             (uint32_t)ver[0] << 24 | (uint32_t)ver[1] << 16 | (uint32_t)ver[2] << 8 | ver[3]);
    return VS_DECODE_OK;
}

/* VLAN: flags(1, 0x80 = has an IP interface) reserved(1) vid(2) reserved(4) ip(4) name. */
static enum vs_decode_status edp_vlan(struct vs_cur v, const struct edp_out *o)
{
    uint8_t flags, a[4];
    uint16_t vid;
    if (!vs_cur_u8(&v, &flags) || !vs_cur_skip(&v, 1) || !vs_cur_be16(&v, &vid) ||
        !vs_cur_skip(&v, 4) || !vs_cur_copy(&v, a, 4))
        return VS_DECODE_MALFORMED;
    vs_emit_string(o->emit, o->ctx, VS_F_EDP_VLAN_NAME, v, vid);
    if ((flags & 0x80) || a[0] || a[1] || a[2] || a[3]) {
        struct vs_ip ip;
        char s[VS_IP_STRLEN];
        vs_ip_from4(&ip, a);
        vs_ip_format(&ip, s);
        bool bind = a[0] || a[1] || a[2] || a[3];
        struct vs_evidence ev = {
            VS_F_EDP_ADDRESS, (const uint8_t *)s, strlen(s), NULL, bind ? &ip : NULL, vid};
        o->emit(o->ctx, &ev);
    }
    return VS_DECODE_OK;
}

enum vs_decode_status vs_edp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct edp_out o = {emit, ctx};
    uint8_t version, reserved, mid_mac[6];
    uint16_t length, cksum, seq, mid_type;
    if (!vs_cur_u8(&c, &version) || !vs_cur_u8(&c, &reserved) || !vs_cur_be16(&c, &length) ||
        !vs_cur_be16(&c, &cksum) || !vs_cur_be16(&c, &seq) || !vs_cur_be16(&c, &mid_type) ||
        !vs_cur_copy(&c, mid_mac, 6))
        return VS_DECODE_TRUNCATED;
    if (length < EDP_HEADER_LEN)
        return VS_DECODE_MALFORMED;

    /* The header's length covers the whole PDU: bytes after it are link padding, and a
     * PDU longer than the frame was cut short. */
    size_t body = (size_t)length - EDP_HEADER_LEN;
    bool cut = body > vs_cur_len(&c);
    if (!cut)
        vs_cur_window(&c, 0, body, &c);
    /* Running off the end is truncation only when the frame is shorter than the header
     * says; inside a complete PDU it is a TLV length that contradicts the PDU length. */
    enum vs_decode_status overrun = cut ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
    enum vs_decode_status st = cut ? VS_DECODE_TRUNCATED : VS_DECODE_OK;

    size_t ntlv = 0;
    while (!vs_cur_empty(&c)) {
        uint8_t marker, type;
        uint16_t len;
        struct vs_cur v;
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_u8(&c, &marker) || !vs_cur_u8(&c, &type) || !vs_cur_be16(&c, &len))
            return vs_worse(st, overrun);
        if (marker != EDP_MARKER || len < 4)
            return VS_DECODE_MALFORMED; /* out of step: nothing after this can be trusted */
        if (!vs_cur_sub(&c, (size_t)len - 4, &v))
            return vs_worse(st, overrun);
        switch (type) {
        case EDP_NULL:
            return st;
        case EDP_DISPLAY:
            vs_emit_string(o.emit, o.ctx, VS_F_EDP_SYSTEM_NAME, v, 0);
            break;
        case EDP_INFO:
            st = vs_worse(st, edp_info(v, &o));
            break;
        case EDP_VLAN:
            st = vs_worse(st, edp_vlan(v, &o));
            break;
        default:
            break; /* ESRP, EAPS, ELRP...: skipped */
        }
    }
    return st;
}
