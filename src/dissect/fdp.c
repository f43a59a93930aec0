/* fdp.c - Foundry Discovery Protocol decoder (IronWare; no public spec, CDP-like TLVs as
 * Wireshark and ladvd decode them): the cursor covers the PDU after SNAP 00e052/2000. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect.h"

enum {
    FDP_DEVICE_ID = 0x0001,
    FDP_NET = 0x0002,
    FDP_PORT = 0x0003,
    FDP_CAPS = 0x0004,
    FDP_VERSION = 0x0005,
    FDP_PLATFORM = 0x0006,
    FDP_VLAN_BITMAP = 0x0101,
    FDP_TAG = 0x0102,
};

struct fdp_out {
    vs_emit_fn emit;
    void *ctx;
};

static enum vs_decode_status worse(enum vs_decode_status a, enum vs_decode_status b)
{
    return a > b ? a : b;
}

static bool is_pad(uint8_t b)
{
    return b == 0 || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\v' || b == '\f';
}

static void emit_string(const struct fdp_out *o, enum vs_field f, struct vs_cur s)
{
    size_t i = 0;
    uint8_t b;
    while (vs_cur_peek_u8(&s, i, &b) && b)
        i++;
    vs_cur_window(&s, 0, i, &s);
    while (vs_cur_peek_u8(&s, 0, &b) && is_pad(b))
        vs_cur_skip(&s, 1);
    while (vs_cur_peek_u8(&s, vs_cur_len(&s) - 1, &b) && is_pad(b))
        vs_cur_window(&s, 0, vs_cur_len(&s) - 1, &s);
    const uint8_t *p;
    size_t n = vs_cur_len(&s);
    if (!n || !vs_cur_bytes(&s, n, &p))
        return;
    struct vs_evidence ev = {f, p, n, NULL, NULL, 0};
    o->emit(o->ctx, &ev);
}

/* Net TLV: CDP's address list (count, then protocol type/length/id, address length,
 * address); IronWare sends NLPID 0xcc IPv4 entries, or a zero count. */
static enum vs_decode_status fdp_net(struct vs_cur v, const struct fdp_out *o)
{
    uint32_t count;
    if (!vs_cur_be32(&v, &count))
        return VS_DECODE_MALFORMED;
    for (uint32_t i = 0; i < count; i++) {
        if (i >= VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        uint8_t ptype, plen, pid = 0;
        uint16_t alen;
        struct vs_cur proto, addr;
        if (!vs_cur_u8(&v, &ptype) || !vs_cur_u8(&v, &plen) || !vs_cur_sub(&v, plen, &proto) ||
            !vs_cur_be16(&v, &alen) || !vs_cur_sub(&v, alen, &addr))
            return VS_DECODE_MALFORMED;
        vs_cur_peek_u8(&proto, 0, &pid);
        if (ptype != 1 || plen != 1 || pid != 0xcc || alen != 4)
            continue;
        uint8_t a[4];
        vs_cur_copy(&addr, a, 4);
        struct vs_ip ip;
        char s[VS_IP_STRLEN];
        vs_ip_from4(&ip, a);
        vs_ip_format(&ip, s);
        bool bind = a[0] || a[1] || a[2] || a[3];
        struct vs_evidence ev = {
            VS_F_FDP_ADDRESS, (const uint8_t *)s, strlen(s), NULL, bind ? &ip : NULL, 0};
        o->emit(o->ctx, &ev);
    }
    return VS_DECODE_OK;
}

enum vs_decode_status vs_fdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct fdp_out o = {emit, ctx};
    uint8_t version, holdtime;
    uint16_t cksum;
    if (!vs_cur_u8(&c, &version) || !vs_cur_u8(&c, &holdtime) || !vs_cur_be16(&c, &cksum))
        return VS_DECODE_TRUNCATED;

    enum vs_decode_status st = VS_DECODE_OK;
    size_t ntlv = 0;
    while (!vs_cur_empty(&c)) {
        uint16_t type, len;
        struct vs_cur v;
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&c, &type) || !vs_cur_be16(&c, &len))
            return worse(st, VS_DECODE_TRUNCATED);
        if (len < 4) {
            /* Shorter than its own header: skip the header and go on (always advances). */
            st = worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        if (!vs_cur_sub(&c, (size_t)len - 4, &v))
            return worse(st, VS_DECODE_TRUNCATED);
        switch (type) {
        case FDP_DEVICE_ID:
            emit_string(&o, VS_F_FDP_DEVICE_ID, v);
            break;
        case FDP_NET:
            st = worse(st, fdp_net(v, &o));
            break;
        case FDP_PORT:
            emit_string(&o, VS_F_FDP_PORT_ID, v);
            break;
        case FDP_CAPS:
            emit_string(&o, VS_F_FDP_CAPABILITIES, v); /* text, e.g. "Router" */
            break;
        case FDP_VERSION:
            emit_string(&o, VS_F_FDP_SOFTWARE_VERSION, v);
            break;
        case FDP_PLATFORM:
            emit_string(&o, VS_F_FDP_PLATFORM, v);
            break;
        default:
            break; /* VLAN bitmap, port tagging, unknown: skipped */
        }
    }
    return st;
}
