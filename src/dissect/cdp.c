/* cdp.c - Cisco Discovery Protocol v1/v2 decoder (TLV layout as documented by Cisco and by
 * tcpdump's print-cdp.c): the cursor covers the PDU after SNAP 00000c/2000. */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect.h"

struct cdp_out {
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

/* Strings end at a NUL and lose surrounding whitespace, as tshark shows them; embedded
 * CR/LF (multi-line software versions) are kept. */
static struct vs_cur clean(struct vs_cur s)
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
    return s;
}

static void emit_string(const struct cdp_out *o, enum vs_field f, struct vs_cur s)
{
    s = clean(s);
    const uint8_t *p;
    size_t n = vs_cur_len(&s);
    if (!n || !vs_cur_bytes(&s, n, &p))
        return;
    struct vs_evidence ev = {f, p, n, NULL, NULL, 0};
    o->emit(o->ctx, &ev);
}

static void emit_number(const struct cdp_out *o, enum vs_field f, unsigned v)
{
    char s[16];
    int k = snprintf(s, sizeof s, "%u", v);
    struct vs_evidence ev = {f, (const uint8_t *)s, (size_t)k, NULL, NULL, v};
    o->emit(o->ctx, &ev);
}

static enum vs_decode_status cdp_device_id(struct vs_cur v, const struct cdp_out *o)
{
    emit_string(o, VS_F_CDP_DEVICE_ID, v);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_port_id(struct vs_cur v, const struct cdp_out *o)
{
    emit_string(o, VS_F_CDP_PORT_ID, v);
    return VS_DECODE_OK;
}

/* The software version is several lines ("Cisco IOS Software, ...\nTechnical Support:
 * ...\nCopyright ..."). IOS pads some lines with a space before the newline and some
 * stacks end lines with CR LF; tshark shows each line trimmed, so the value is the lines
 * with their surrounding whitespace removed, joined by LF. Longer than the buffer (four
 * times what the inventory keeps of any value) is cut. */
static enum vs_decode_status cdp_version(struct vs_cur v, const struct cdp_out *o)
{
    char buf[4 * VS_MAX_VALUE_LEN];
    size_t len = 0, line_end = 0;
    uint8_t b;
    bool line_start = true;
    v = clean(v);
    while (len < sizeof buf && vs_cur_u8(&v, &b)) {
        if (b == '\n') {
            len = line_end;
            buf[len++] = '\n';
            line_end = len;
            line_start = true;
            continue;
        }
        if (line_start && is_pad(b))
            continue;
        line_start = false;
        buf[len++] = (char)b;
        if (!is_pad(b))
            line_end = len;
    }
    len = line_end;
    if (!len)
        return VS_DECODE_OK;
    struct vs_evidence ev = {VS_F_CDP_SOFTWARE_VERSION, (const uint8_t *)buf, len, NULL, NULL, 0};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_platform(struct vs_cur v, const struct cdp_out *o)
{
    emit_string(o, VS_F_CDP_PLATFORM, v);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_vtp(struct vs_cur v, const struct cdp_out *o)
{
    emit_string(o, VS_F_CDP_VTP_DOMAIN, v);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_sysname(struct vs_cur v, const struct cdp_out *o)
{
    emit_string(o, VS_F_CDP_SYSTEM_NAME, v);
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

static enum vs_decode_status cdp_caps(struct vs_cur v, const struct cdp_out *o)
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
    struct vs_evidence ev = {VS_F_CDP_CAPABILITIES, (const uint8_t *)s, len, NULL, NULL, caps};
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

static enum vs_decode_status cdp_addr(struct vs_cur v, const struct cdp_out *o)
{
    return cdp_addresses(v, o, VS_F_CDP_ADDRESS);
}

static enum vs_decode_status cdp_mgmt_addr(struct vs_cur v, const struct cdp_out *o)
{
    return cdp_addresses(v, o, VS_F_CDP_MANAGEMENT_ADDRESS);
}

static enum vs_decode_status cdp_native_vlan(struct vs_cur v, const struct cdp_out *o)
{
    uint16_t vid;
    vs_cur_be16(&v, &vid);
    emit_number(o, VS_F_CDP_NATIVE_VLAN, vid);
    return VS_DECODE_OK;
}

static enum vs_decode_status cdp_duplex(struct vs_cur v, const struct cdp_out *o)
{
    uint8_t d;
    vs_cur_u8(&v, &d);
    const char *s = d == 1 ? "full" : d == 0 ? "half" : "unknown";
    struct vs_evidence ev = {VS_F_CDP_DUPLEX, (const uint8_t *)s, strlen(s), NULL, NULL, d};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

/* Appliance VLAN reply (0x0e) and query (0x0f): appliance id, then the VLAN. tshark shows
 * both as the voice VLAN, so both are evidence. */
static enum vs_decode_status cdp_voice_vlan(struct vs_cur v, const struct cdp_out *o)
{
    uint8_t app;
    uint16_t vid;
    vs_cur_u8(&v, &app);
    vs_cur_be16(&v, &vid);
    emit_number(o, VS_F_CDP_VOICE_VLAN, vid);
    return VS_DECODE_OK;
}

typedef enum vs_decode_status (*cdp_handler)(struct vs_cur v, const struct cdp_out *o);

/* One row per known type, indexed by type: value length bounds (after the 4-byte header)
 * are enforced before the handler runs; a row without handler is checked and skipped. */
struct cdp_kind {
    const char *name;
    uint16_t min, max;
    cdp_handler fn;
};

#define CDP_ANY 0xfffb /* largest value a 16-bit TLV length can describe */

static const struct cdp_kind cdp_kinds[] = {
    [0x01] = {"device-id", 0, CDP_ANY, cdp_device_id},
    [0x02] = {"addresses", 4, CDP_ANY, cdp_addr},
    [0x03] = {"port-id", 0, CDP_ANY, cdp_port_id},
    [0x04] = {"capabilities", 4, 4, cdp_caps},
    [0x05] = {"software-version", 0, CDP_ANY, cdp_version},
    [0x06] = {"platform", 0, CDP_ANY, cdp_platform},
    [0x07] = {"ip-prefixes", 0, CDP_ANY, NULL},
    [0x08] = {"protocol-hello", 0, CDP_ANY, NULL},
    [0x09] = {"vtp-domain", 0, CDP_ANY, cdp_vtp},
    [0x0a] = {"native-vlan", 2, 2, cdp_native_vlan},
    [0x0b] = {"duplex", 1, 1, cdp_duplex},
    [0x0e] = {"voice-vlan-reply", 3, CDP_ANY, cdp_voice_vlan},
    [0x0f] = {"voice-vlan-query", 3, CDP_ANY, cdp_voice_vlan},
    [0x10] = {"power", 2, 2, NULL},
    [0x11] = {"mtu", 4, 4, NULL},
    [0x12] = {"trust-bitmap", 1, 1, NULL},
    [0x13] = {"untrusted-cos", 1, 1, NULL},
    [0x14] = {"system-name", 0, CDP_ANY, cdp_sysname},
    [0x15] = {"system-oid", 0, CDP_ANY, NULL},
    [0x16] = {"management-addresses", 4, CDP_ANY, cdp_mgmt_addr},
    [0x17] = {"location", 0, CDP_ANY, NULL},
};

enum vs_decode_status vs_cdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                     void *ctx)
{
    (void)pkt;
    struct cdp_out o = {emit, ctx};
    uint8_t version, ttl;
    uint16_t cksum; /* not verified: real devices get it wrong (tshark flags good frames) */
    if (!vs_cur_u8(&c, &version) || !vs_cur_u8(&c, &ttl) || !vs_cur_be16(&c, &cksum))
        return VS_DECODE_TRUNCATED;
    if (version != 1 && version != 2)
        return VS_DECODE_MALFORMED;

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
            /* The length cannot even cover the header: skip the header alone and go on,
             * which always advances, so no input can make this loop spin. */
            st = worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        if (!vs_cur_sub(&c, (size_t)len - 4, &v))
            return worse(st, VS_DECODE_TRUNCATED);
        if (type >= sizeof cdp_kinds / sizeof cdp_kinds[0] || !cdp_kinds[type].name)
            continue; /* unknown type: skipped, the walk stays in step */
        const struct cdp_kind *k = &cdp_kinds[type];
        if (vs_cur_len(&v) < k->min || vs_cur_len(&v) > k->max) {
            st = worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        if (k->fn)
            st = worse(st, k->fn(v, &o));
    }
    return st;
}
