/* SPDX-License-Identifier: BSD-2-Clause */
/* cdp.c - Cisco Discovery Protocol v1/v2 and Foundry Discovery Protocol: one TLV walk, two
 * tables (CDP as documented by Cisco and tcpdump's print-cdp.c; FDP, which has no public
 * spec, as Wireshark and ladvd decode IronWare's CDP-like TLVs). The cursor covers the PDU
 * after SNAP 00000c/2000 (CDP) or 00e052/2000 (FDP). */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect_util.h"

struct cdp_out {
    vs_emit_fn emit;
    void *ctx;
};

static void emit_number(const struct cdp_out *o, enum vs_field f, unsigned v)
{
    char s[16];
    int k = snprintf(s, sizeof s, "%u", v);
    struct vs_evidence ev = {f, (const uint8_t *)s, (size_t)k, NULL, NULL, v};
    o->emit(o->ctx, &ev);
}

/* Strings end at a NUL and lose surrounding whitespace, as tshark shows them; embedded
 * CR/LF (multi-line software versions) are kept. */
static enum vs_decode_status tlv_string(struct vs_cur v, const struct cdp_out *o, enum vs_field f)
{
    vs_emit_string(o->emit, o->ctx, f, v, 0);
    return VS_DECODE_OK;
}

/* The software version is several lines ("Cisco IOS Software, ...\nTechnical Support:
 * ...\nCopyright ..."). IOS pads some lines with a space before the newline and some
 * stacks end lines with CR LF; tshark shows each line trimmed, so the value is the lines
 * with their surrounding whitespace removed, joined by LF. Longer than the buffer (four
 * times what the inventory keeps of any value) is cut. */
static enum vs_decode_status cdp_version(struct vs_cur v, const struct cdp_out *o, enum vs_field f)
{
    char buf[4 * VS_MAX_VALUE_LEN];
    size_t len = 0, line_end = 0;
    uint8_t b;
    bool line_start = true;
    v = vs_cur_trim(vs_cur_cut_nul(v));
    while (len < sizeof buf && vs_cur_u8(&v, &b)) {
        if (b == '\n') {
            len = line_end;
            buf[len++] = '\n';
            line_end = len;
            line_start = true;
            continue;
        }
        if (line_start && vs_is_pad(b))
            continue;
        line_start = false;
        buf[len++] = (char)b;
        if (!vs_is_pad(b))
            line_end = len;
    }
    len = line_end;
    if (!len)
        return VS_DECODE_OK;
    struct vs_evidence ev = {f, (const uint8_t *)buf, len, NULL, NULL, 0};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

/* Bit names as tshark prints them. */
static const char *const cdp_cap_names[] = {
    "Router",
    "Transparent Bridge",
    "Source Route Bridge",
    "Switch",
    "Host",
    "IGMP capable",
    "Repeater",
    "VoIP Phone",
    "Remotely Managed Device",
    "CVTA/STP Dispute Resolution/Cisco VT Camera",
    "Two Port Mac Relay",
};

static enum vs_decode_status cdp_caps(struct vs_cur v, const struct cdp_out *o, enum vs_field f)
{
    uint32_t caps;
    vs_cur_be32(&v, &caps);
    char s[256];
    size_t len = 0;
    s[0] = '\0';
    for (size_t i = 0; i < sizeof cdp_cap_names / sizeof cdp_cap_names[0]; i++) {
        if (!(caps & (1u << i)))
            continue;
        int k = snprintf(s + len, sizeof s - len, "%s%s", len ? "," : "", cdp_cap_names[i]);
        if (k > 0 && (size_t)k < sizeof s - len)
            len += (size_t)k;
    }
    if (!len && caps)
        len = (size_t)snprintf(s, sizeof s, "0x%08x", caps);
    if (!len)
        return VS_DECODE_OK;
    struct vs_evidence ev = {f, (const uint8_t *)s, len, NULL, NULL, caps};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

static const uint8_t snap_ipv4[8] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00};
static const uint8_t snap_ipv6[8] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd};

/* Address list (types 0x02 and 0x16): a 32-bit count, then entries of protocol type,
 * protocol length, protocol, 16-bit address length, address. The count is only trusted
 * as far as the bytes carry it. */
static enum vs_decode_status cdp_addresses(struct vs_cur v, const struct cdp_out *o,
                                           enum vs_field f)
{
    uint32_t count;
    vs_cur_be32(&v, &count);
    for (uint32_t i = 0; i < count; i++) {
        if (i >= VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        uint8_t ptype, plen;
        uint16_t alen;
        struct vs_cur proto, addr;
        if (!vs_cur_u8(&v, &ptype) || !vs_cur_u8(&v, &plen) || !vs_cur_sub(&v, plen, &proto) ||
            !vs_cur_be16(&v, &alen) || !vs_cur_sub(&v, alen, &addr))
            return VS_DECODE_MALFORMED;
        uint8_t pid;
        bool v4 = (ptype == 1 && plen == 1 && vs_cur_peek_u8(&proto, 0, &pid) && pid == 0xcc) ||
                  (ptype == 2 && vs_cur_has_prefix(&proto, snap_ipv4, 8) && plen == 8);
        bool v6 = ptype == 2 && plen == 8 && vs_cur_has_prefix(&proto, snap_ipv6, 8);
        uint8_t raw[16];
        struct vs_ip ip;
        if (v4 && alen == 4) {
            vs_cur_copy(&addr, raw, 4);
            vs_ip_from4(&ip, raw);
        } else if (v6 && alen == 16) {
            vs_cur_copy(&addr, raw, 16);
            vs_ip_from6(&ip, raw);
        } else {
            continue; /* CLNS, DECnet, AppleTalk...: nothing we key devices by */
        }
        bool unspecified = true;
        for (size_t k = 0; k < alen; k++)
            unspecified = unspecified && raw[k] == 0;
        char s[VS_IP_STRLEN];
        vs_ip_format(&ip, s);
        /* 0.0.0.0 (a switch without an IP) is reported as said, but binds no address. */
        const struct vs_ip *named = unspecified ? NULL : &ip;
        struct vs_evidence ev = {f, (const uint8_t *)s, strlen(s), NULL, named, 0};
        o->emit(o->ctx, &ev);
    }
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_native_vlan(struct vs_cur v, const struct cdp_out *o,
                                             enum vs_field f)
{
    uint16_t vid;
    vs_cur_be16(&v, &vid);
    emit_number(o, f, vid);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_duplex(struct vs_cur v, const struct cdp_out *o, enum vs_field f)
{
    uint8_t d;
    vs_cur_u8(&v, &d);
    const char *s = d == 1 ? "full" : d == 0 ? "half" : "unknown";
    struct vs_evidence ev = {f, (const uint8_t *)s, strlen(s), NULL, NULL, d};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

/* Appliance VLAN reply (0x0e) and query (0x0f): appliance id, then the VLAN. tshark shows
 * both as the voice VLAN, so both are evidence. */
static enum vs_decode_status cdp_voice_vlan(struct vs_cur v, const struct cdp_out *o,
                                            enum vs_field f)
{
    uint8_t app;
    uint16_t vid;
    vs_cur_u8(&v, &app);
    vs_cur_be16(&v, &vid);
    emit_number(o, f, vid);
    return VS_DECODE_OK;
}

typedef enum vs_decode_status (*cdp_handler)(struct vs_cur v, const struct cdp_out *o,
                                             enum vs_field f);

/* One row per known type, indexed by type: value length bounds (after the 4-byte header)
 * are enforced before the handler runs; a row without handler is checked and skipped. */
struct cdp_kind {
    const char *name;
    uint16_t min, max;
    cdp_handler fn;
    enum vs_field field; /* what the handler yields */
};

#define CDP_ANY 0xfffb /* largest value a 16-bit TLV length can describe */

static const struct cdp_kind cdp_kinds[] = {
    [0x01] = {"device-id", 0, CDP_ANY, tlv_string, VS_F_CDP_DEVICE_ID},
    [0x02] = {"addresses", 4, CDP_ANY, cdp_addresses, VS_F_CDP_ADDRESS},
    [0x03] = {"port-id", 0, CDP_ANY, tlv_string, VS_F_CDP_PORT_ID},
    [0x04] = {"capabilities", 4, 4, cdp_caps, VS_F_CDP_CAPABILITIES},
    [0x05] = {"software-version", 0, CDP_ANY, cdp_version, VS_F_CDP_SOFTWARE_VERSION},
    [0x06] = {"platform", 0, CDP_ANY, tlv_string, VS_F_CDP_PLATFORM},
    [0x07] = {"ip-prefixes", 0, CDP_ANY, NULL},
    [0x08] = {"protocol-hello", 0, CDP_ANY, NULL},
    [0x09] = {"vtp-domain", 0, CDP_ANY, tlv_string, VS_F_CDP_VTP_DOMAIN},
    [0x0a] = {"native-vlan", 2, 2, cdp_native_vlan, VS_F_CDP_NATIVE_VLAN},
    [0x0b] = {"duplex", 1, 1, cdp_duplex, VS_F_CDP_DUPLEX},
    [0x0e] = {"voice-vlan-reply", 3, CDP_ANY, cdp_voice_vlan, VS_F_CDP_VOICE_VLAN},
    [0x0f] = {"voice-vlan-query", 3, CDP_ANY, cdp_voice_vlan, VS_F_CDP_VOICE_VLAN},
    [0x10] = {"power", 2, 2, NULL},
    [0x11] = {"mtu", 4, 4, NULL},
    [0x12] = {"trust-bitmap", 1, 1, NULL},
    [0x13] = {"untrusted-cos", 1, 1, NULL},
    [0x14] = {"system-name", 0, CDP_ANY, tlv_string, VS_F_CDP_SYSTEM_NAME},
    [0x15] = {"system-oid", 0, CDP_ANY, NULL},
    [0x16] = {"management-addresses", 4, CDP_ANY, cdp_addresses, VS_F_CDP_MANAGEMENT_ADDRESS},
    [0x17] = {"location", 0, CDP_ANY, NULL},
};

/* FDP: CDP's TLV layout with IronWare's types; addresses only as NLPID-IPv4 entries (the
 * address parser skips anything else), capabilities as text ("Router"). */
static const struct cdp_kind fdp_kinds[] = {
    [0x0001] = {"device-id", 0, CDP_ANY, tlv_string, VS_F_FDP_DEVICE_ID},
    [0x0002] = {"net", 4, CDP_ANY, cdp_addresses, VS_F_FDP_ADDRESS},
    [0x0003] = {"port", 0, CDP_ANY, tlv_string, VS_F_FDP_PORT_ID},
    [0x0004] = {"capabilities", 0, CDP_ANY, tlv_string, VS_F_FDP_CAPABILITIES},
    [0x0005] = {"version", 0, CDP_ANY, tlv_string, VS_F_FDP_SOFTWARE_VERSION},
    [0x0006] = {"platform", 0, CDP_ANY, tlv_string, VS_F_FDP_PLATFORM},
    [0x0101] = {"vlan-bitmap", 0, CDP_ANY, NULL, VS_F_FDP_DEVICE_ID},
    [0x0102] = {"tag", 0, CDP_ANY, NULL, VS_F_FDP_DEVICE_ID},
};

/* The walk both protocols share: version, holdtime, checksum, then TLVs whose length
 * includes their 4-byte header; each known type's length is checked against its row before
 * the handler runs. */
static enum vs_decode_status tlv_walk(struct vs_cur c, const struct cdp_out *o,
                                      const struct cdp_kind *kinds, size_t nkinds, bool cdp)
{
    uint8_t version, ttl;
    uint16_t cksum; /* not verified: real devices get it wrong (tshark flags good frames) */
    if (!vs_cur_u8(&c, &version) || !vs_cur_u8(&c, &ttl) || !vs_cur_be16(&c, &cksum))
        return VS_DECODE_TRUNCATED;
    if (cdp && version != 1 && version != 2)
        return VS_DECODE_MALFORMED;

    enum vs_decode_status st = VS_DECODE_OK;
    size_t ntlv = 0;
    while (!vs_cur_empty(&c)) {
        uint16_t type, len;
        struct vs_cur v;
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        if (!vs_cur_be16(&c, &type) || !vs_cur_be16(&c, &len))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (len < 4) {
            /* The length cannot even cover the header: skip the header alone and go on,
             * which always advances, so no input can make this loop spin. */
            st = vs_worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        if (!vs_cur_sub(&c, (size_t)len - 4, &v))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (type >= nkinds || !kinds[type].name)
            continue; /* unknown type: skipped, the walk stays in step */
        const struct cdp_kind *k = &kinds[type];
        if (vs_cur_len(&v) < k->min || vs_cur_len(&v) > k->max) {
            st = vs_worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        if (k->fn)
            st = vs_worse(st, k->fn(v, o, k->field));
    }
    return st;
}

enum vs_decode_status vs_cdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct cdp_out o = {emit, ctx};
    return tlv_walk(c, &o, cdp_kinds, sizeof cdp_kinds / sizeof cdp_kinds[0], true);
}

enum vs_decode_status vs_fdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct cdp_out o = {emit, ctx};
    return tlv_walk(c, &o, fdp_kinds, sizeof fdp_kinds / sizeof fdp_kinds[0], false);
}
