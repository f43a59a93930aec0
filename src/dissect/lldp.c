/* SPDX-License-Identifier: BSD-2-Clause */
/* lldp.c - LLDP decoder (IEEE 802.1AB-2016 clause 8, IEEE 802.1Q/802.3 org TLVs, LLDP-MED
 * ANSI/TIA-1057): the cursor covers the LLDPDU after ethertype 0x88cc. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect_util.h"

enum {
    LLDP_END = 0,
    LLDP_CHASSIS_ID = 1,
    LLDP_PORT_ID = 2,
    LLDP_TTL = 3,
    LLDP_PORT_DESCR = 4,
    LLDP_SYS_NAME = 5,
    LLDP_SYS_DESCR = 6,
    LLDP_SYS_CAPS = 7,
    LLDP_MGMT_ADDR = 8,
    LLDP_ORG = 127,
};

#define OUI_IEEE_8021 0x0080c2u
#define OUI_IEEE_8023 0x00120fu
#define OUI_TIA_MED 0x0012bbu

/* IANA address family numbers used by the management address and network-address IDs. */
#define AFN_IPV4 1
#define AFN_IPV6 2
#define AFN_802 6

struct lldp_out {
    vs_emit_fn emit;
    void *ctx;
};

/* Bounded text builder for the few values we compose (capability lists, MED summaries);
 * output that does not fit is cut, never overflowed. */
struct lldp_text {
    char buf[VS_MAX_VALUE_LEN];
    size_t len;
};

static void text_add(struct lldp_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void text_add(struct lldp_text *t, const char *fmt, ...)
{
    if (t->len >= sizeof t->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    t->len += (size_t)k;
    if (t->len > sizeof t->buf - 1)
        t->len = sizeof t->buf - 1;
}

/* Appends wire bytes verbatim (sinks escape them later). */
static void text_add_bytes(struct lldp_text *t, struct vs_cur s)
{
    uint8_t b;
    while (t->len < sizeof t->buf - 1 && vs_cur_u8(&s, &b))
        t->buf[t->len++] = (char)b;
    t->buf[t->len] = '\0';
}

static void emit_text(const struct lldp_out *o, enum vs_field f, const struct lldp_text *t,
                      uint32_t num)
{
    struct vs_evidence ev = {f, (const uint8_t *)t->buf, t->len, NULL, NULL, num};
    o->emit(o->ctx, &ev);
}

/* Printable ASCII, tab, or well-formed UTF-8 sequences: anything else is an opaque ID. */
static bool looks_like_text(struct vs_cur s)
{
    uint8_t b;
    while (vs_cur_u8(&s, &b)) {
        if (b < 0x80) {
            if ((b < 0x20 && b != '\t') || b == 0x7f)
                return false;
            continue;
        }
        size_t more;
        if ((b & 0xe0) == 0xc0 && b >= 0xc2)
            more = 1;
        else if ((b & 0xf0) == 0xe0)
            more = 2;
        else if ((b & 0xf8) == 0xf0 && b <= 0xf4)
            more = 3;
        else
            return false;
        while (more--)
            if (!vs_cur_u8(&s, &b) || (b & 0xc0) != 0x80)
                return false;
    }
    return true;
}

static void hex_text(struct lldp_text *t, struct vs_cur s)
{
    uint8_t b;
    bool first = true;
    /* whole octets only: a long ID is cut at an octet boundary, never mid-digit */
    while (t->len + 3 < sizeof t->buf && vs_cur_u8(&s, &b)) {
        text_add(t, first ? "%02x" : ":%02x", b);
        first = false;
    }
}

static bool all_zero(const uint8_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i])
            return false;
    return true;
}

/* An IPv4/IPv6 address of exactly the family's size as text, with *ip filled unless it is
 * the unspecified address (0.0.0.0 names no host, so it must not bind a device). */
static bool addr_text(uint8_t family, struct vs_cur a, struct lldp_text *t, struct vs_ip *ip,
                      bool *bind)
{
    uint8_t raw[16];
    size_t n = vs_cur_len(&a);
    if (!((family == AFN_IPV4 && n == 4) || (family == AFN_IPV6 && n == 16)))
        return false;
    vs_cur_copy(&a, raw, n);
    if (n == 4)
        vs_ip_from4(ip, raw);
    else
        vs_ip_from6(ip, raw);
    char s[VS_IP_STRLEN];
    vs_ip_format(ip, s);
    text_add(t, "%s", s);
    *bind = !all_zero(raw, n);
    return true;
}

/* True when an IANA family and an address length contradict each other. */
static bool family_size_mismatch(uint8_t family, size_t n)
{
    return (family == AFN_IPV4 && n != 4) || (family == AFN_IPV6 && n != 16);
}

/* Chassis ID (8.5.2) and port ID (8.5.3) share a layout: subtype, then 1..255 octets. */
static enum vs_decode_status lldp_id(struct vs_cur v, const struct lldp_out *o, bool chassis)
{
    uint8_t subtype;
    vs_cur_u8(&v, &subtype);
    enum vs_field f = chassis ? VS_F_LLDP_CHASSIS_ID : VS_F_LLDP_PORT_ID;
    uint8_t mac_subtype = chassis ? 4 : 3;
    uint8_t net_subtype = chassis ? 5 : 4;
    struct lldp_text t = {.len = 0};

    if (subtype == mac_subtype) {
        /* A MAC of another size contradicts its subtype; it must not key a device. */
        if (vs_cur_len(&v) != 6)
            return VS_DECODE_MALFORMED;
        const uint8_t *mac;
        vs_cur_bytes(&v, 6, &mac);
        char s[VS_MAC_STRLEN];
        vs_mac_format(mac, s);
        struct vs_evidence ev = {f, (const uint8_t *)s, strlen(s), mac, NULL, subtype};
        o->emit(o->ctx, &ev);
        return VS_DECODE_OK;
    }
    if (subtype == net_subtype) {
        struct vs_cur a = v;
        uint8_t family;
        if (!vs_cur_u8(&a, &family) || family_size_mismatch(family, vs_cur_len(&a)))
            return VS_DECODE_MALFORMED;
        struct vs_ip ip;
        bool bind;
        if (addr_text(family, a, &t, &ip, &bind)) {
            const struct vs_ip *named = bind ? &ip : NULL;
            struct vs_evidence ev = {f, (const uint8_t *)t.buf, t.len, NULL, named, subtype};
            o->emit(o->ctx, &ev);
            return VS_DECODE_OK;
        }
        /* another address family: shown as bytes below */
    } else if (!chassis && looks_like_text(vs_cur_trim(v))) {
        /* tshark types the chassis ID of the remaining subtypes as bytes and the port ID
         * as a string; follow it so values compare, but never pass binary off as text. */
        vs_emit_string(o->emit, o->ctx, f, v, subtype);
        return VS_DECODE_OK;
    }
    hex_text(&t, v);
    emit_text(o, f, &t, subtype);
    return VS_DECODE_OK;
}

static enum vs_decode_status lldp_chassis(struct vs_cur v, const struct lldp_out *o)
{
    return lldp_id(v, o, true);
}

static enum vs_decode_status lldp_port(struct vs_cur v, const struct lldp_out *o)
{
    return lldp_id(v, o, false);
}

static enum vs_decode_status lldp_ttl(struct vs_cur v, const struct lldp_out *o)
{
    (void)o;
    uint16_t ttl;
    vs_cur_be16(&v, &ttl); /* no evidence: a TTL says nothing about the device */
    return VS_DECODE_OK;
}

static enum vs_decode_status lldp_port_descr(struct vs_cur v, const struct lldp_out *o)
{
    vs_emit_string(o->emit, o->ctx, VS_F_LLDP_PORT_DESCRIPTION, v, 0);
    return VS_DECODE_OK;
}

static enum vs_decode_status lldp_sys_name(struct vs_cur v, const struct lldp_out *o)
{
    vs_emit_string(o->emit, o->ctx, VS_F_LLDP_SYSTEM_NAME, v, 0);
    return VS_DECODE_OK;
}

static enum vs_decode_status lldp_sys_descr(struct vs_cur v, const struct lldp_out *o)
{
    vs_emit_string(o->emit, o->ctx, VS_F_LLDP_SYSTEM_DESCRIPTION, v, 0);
    return VS_DECODE_OK;
}

/* 8.5.8.1, names as tshark prints them (bits 8-10 are 802.1AB-2016 additions). */
static const char *const lldp_cap_names[] = {
    "Other",
    "Repeater",
    "Bridge",
    "WLAN access point",
    "Router",
    "Telephone",
    "DOCSIS cable device",
    "Station only",
    "C-VLAN component",
    "S-VLAN component",
    "Two-port MAC relay",
};

static void bit_names(struct lldp_text *t, uint32_t bits, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(bits & (1u << i)))
            continue;
        text_add(t, "%s%s", t->len ? "," : "", names[i]);
    }
}

/* Evidence is the ENABLED set: what the device is doing now says more about what it is
 * than what it could do (a router-capable switch running as a bridge is a bridge). The
 * system capabilities ride along in num's upper half for consumers that want them. */
static enum vs_decode_status lldp_caps(struct vs_cur v, const struct lldp_out *o)
{
    uint16_t sys, enabled;
    vs_cur_be16(&v, &sys);
    vs_cur_be16(&v, &enabled);
    if (!enabled)
        return VS_DECODE_OK;
    struct lldp_text t = {.len = 0};
    bit_names(&t, enabled, lldp_cap_names, sizeof lldp_cap_names / sizeof lldp_cap_names[0]);
    if (t.len == 0)
        text_add(&t, "0x%04x", enabled);
    emit_text(o, VS_F_LLDP_CAPABILITIES, &t, (uint32_t)sys << 16 | enabled);
    return VS_DECODE_OK;
}

/* 8.5.9: every inner length is checked against the TLV before anything is emitted. */
static enum vs_decode_status lldp_mgmt(struct vs_cur v, const struct lldp_out *o)
{
    uint8_t alen, family, if_subtype, oid_len;
    uint32_t if_num;
    struct vs_cur a;
    if (!vs_cur_u8(&v, &alen) || alen < 2 || alen > 32)
        return VS_DECODE_MALFORMED;
    if (!vs_cur_u8(&v, &family) || !vs_cur_sub(&v, (size_t)alen - 1, &a))
        return VS_DECODE_MALFORMED;
    if (!vs_cur_u8(&v, &if_subtype) || !vs_cur_be32(&v, &if_num))
        return VS_DECODE_MALFORMED;
    if (!vs_cur_u8(&v, &oid_len) || oid_len > 128 || !vs_cur_skip(&v, oid_len))
        return VS_DECODE_MALFORMED;

    if (family_size_mismatch(family, vs_cur_len(&a)))
        return VS_DECODE_MALFORMED;
    struct lldp_text t = {.len = 0};
    struct vs_ip ip;
    bool bind = false;
    if (!addr_text(family, a, &t, &ip, &bind)) {
        if (family == AFN_802 && vs_cur_len(&a) == 6) {
            /* An 802 address is informational only: it must not re-key the device. */
            uint8_t mac[6];
            char s[VS_MAC_STRLEN];
            vs_cur_copy(&a, mac, 6);
            vs_mac_format(mac, s);
            text_add(&t, "%s", s);
        } else {
            hex_text(&t, a);
        }
    }
    const struct vs_ip *named = bind ? &ip : NULL;
    struct vs_evidence ev = {
        VS_F_LLDP_MANAGEMENT_ADDRESS, (const uint8_t *)t.buf, t.len, NULL, named, if_num};
    o->emit(o->ctx, &ev);
    return VS_DECODE_OK;
}

/* ---- IEEE 802.1 (802.1Q Annex D) ---- */

static enum vs_decode_status dot1_pvid(struct vs_cur v, const struct lldp_out *o)
{
    uint16_t vid;
    vs_cur_be16(&v, &vid);
    struct lldp_text t = {.len = 0};
    text_add(&t, "%u", (unsigned)vid);
    emit_text(o, VS_F_LLDP_PORT_VLAN_ID, &t, vid);
    return VS_DECODE_OK;
}

static enum vs_decode_status dot1_ppvid(struct vs_cur v, const struct lldp_out *o)
{
    (void)o;
    uint8_t flags;
    uint16_t ppvid;
    vs_cur_u8(&v, &flags);
    vs_cur_be16(&v, &ppvid);
    return VS_DECODE_OK;
}

static enum vs_decode_status dot1_vlan_name(struct vs_cur v, const struct lldp_out *o)
{
    uint16_t vid;
    uint8_t nlen;
    struct vs_cur name;
    vs_cur_be16(&v, &vid);
    vs_cur_u8(&v, &nlen);
    if (nlen > 32 || !vs_cur_sub(&v, nlen, &name))
        return VS_DECODE_MALFORMED;
    vs_emit_string(o->emit, o->ctx, VS_F_LLDP_VLAN_NAME, name, vid & 0x0fff);
    return VS_DECODE_OK;
}

static enum vs_decode_status dot1_proto_id(struct vs_cur v, const struct lldp_out *o)
{
    (void)o;
    uint8_t plen;
    vs_cur_u8(&v, &plen);
    if (!vs_cur_skip(&v, plen))
        return VS_DECODE_MALFORMED;
    return VS_DECODE_OK;
}

/* ---- IEEE 802.3 (802.3 clause 79) ---- */

/* dot3MauType (RFC 4836) names for the values seen on copper and fibre access ports. */
static const char *mau_name(uint16_t mau)
{
    static const char *const names[] = {
        [1] = "AUI",
        [2] = "10Base5",
        [3] = "FOIRL",
        [4] = "10Base2",
        [5] = "10BaseT",
        [6] = "10BaseFP",
        [7] = "10BaseFB",
        [8] = "10BaseFL",
        [9] = "10Broad36",
        [10] = "10BaseTHD",
        [11] = "10BaseTFD",
        [12] = "10BaseFLHD",
        [13] = "10BaseFLFD",
        [14] = "100BaseT4",
        [15] = "100BaseTXHD",
        [16] = "100BaseTXFD",
        [17] = "100BaseFXHD",
        [18] = "100BaseFXFD",
        [19] = "100BaseT2HD",
        [20] = "100BaseT2FD",
        [21] = "1000BaseXHD",
        [22] = "1000BaseXFD",
        [23] = "1000BaseLXHD",
        [24] = "1000BaseLXFD",
        [25] = "1000BaseSXHD",
        [26] = "1000BaseSXFD",
        [27] = "1000BaseCXHD",
        [28] = "1000BaseCXFD",
        [29] = "1000BaseTHD",
        [30] = "1000BaseTFD",
        [31] = "10GigBaseX",
        [32] = "10GigBaseLX4",
        [33] = "10GigBaseR",
        [34] = "10GigBaseER",
        [35] = "10GigBaseLR",
        [36] = "10GigBaseSR",
        [37] = "10GigBaseW",
        [38] = "10GigBaseEW",
        [39] = "10GigBaseLW",
        [40] = "10GigBaseSW",
        [41] = "10GigBaseCX4",
        [42] = "2BaseTL",
        [43] = "10PassTS",
        [44] = "100BaseBX10D",
        [45] = "100BaseBX10U",
        [46] = "100BaseLX10",
        [47] = "1000BaseBX10D",
        [48] = "1000BaseBX10U",
        [49] = "1000BaseLX10",
        [50] = "1000BasePX10D",
        [51] = "1000BasePX10U",
        [52] = "1000BasePX20D",
        [53] = "1000BasePX20U",
        [54] = "10GbaseT",
        [55] = "10GbaseLRM",
        [56] = "1000baseKX",
        [57] = "10GbaseKX4",
        [58] = "10GbaseKR",
    };
    return mau < sizeof names / sizeof names[0] ? names[mau] : NULL;
}

static enum vs_decode_status dot3_macphy(struct vs_cur v, const struct lldp_out *o)
{
    uint8_t an;
    uint16_t pmd, mau;
    vs_cur_u8(&v, &an);
    vs_cur_be16(&v, &pmd);
    vs_cur_be16(&v, &mau);
    struct lldp_text t = {.len = 0};
    if (an & 1)
        text_add(&t, "autoneg supported/%s", (an & 2) ? "enabled" : "disabled");
    else
        text_add(&t, "autoneg not supported");
    const char *name = mau_name(mau);
    if (name)
        text_add(&t, ", mau %s (%u)", name, (unsigned)mau);
    else
        text_add(&t, ", mau %u", (unsigned)mau);
    emit_text(o, VS_F_LLDP_MAC_PHY, &t, mau);
    return VS_DECODE_OK;
}

static void deciwatts(struct lldp_text *t, const char *label, uint16_t dw)
{
    text_add(t, ", %s %u.%u W", label, (unsigned)(dw / 10), (unsigned)(dw % 10));
}

/* 79.3.2 Power via MDI; the 802.3at fields follow when the TLV is long enough. */
static enum vs_decode_status dot3_power(struct vs_cur v, const struct lldp_out *o)
{
    uint8_t support, pair, cls;
    vs_cur_u8(&v, &support);
    vs_cur_u8(&v, &pair);
    vs_cur_u8(&v, &cls);
    struct lldp_text t = {.len = 0};
    text_add(&t, "%s, MDI power %s, %s", (support & 1) ? "PSE" : "PD",
             (support & 2) ? "supported" : "not supported", (support & 4) ? "enabled" : "disabled");
    text_add(&t, ", pairs %s", pair == 1 ? "signal" : pair == 2 ? "spare" : "unknown");
    if (cls >= 1 && cls <= 5)
        text_add(&t, ", class %u", (unsigned)(cls - 1));
    uint8_t tsp;
    uint16_t req, alloc;
    if (vs_cur_u8(&v, &tsp) && vs_cur_be16(&v, &req) && vs_cur_be16(&v, &alloc)) {
        /* 79.3.2.4: bit 7 set is Type 1, bit 6 set is a PD. */
        text_add(&t, ", type %u %s", (tsp & 0x80) ? 1u : 2u, (tsp & 0x40) ? "PD" : "PSE");
        deciwatts(&t, "requested", req);
        deciwatts(&t, "allocated", alloc);
    }
    emit_text(o, VS_F_LLDP_POWER, &t, cls);
    return VS_DECODE_OK;
}

static enum vs_decode_status dot3_linkagg(struct vs_cur v, const struct lldp_out *o)
{
    (void)o;
    uint8_t status;
    uint32_t port;
    vs_cur_u8(&v, &status);
    vs_cur_be32(&v, &port);
    return VS_DECODE_OK;
}

static enum vs_decode_status dot3_mfs(struct vs_cur v, const struct lldp_out *o)
{
    uint16_t mfs;
    vs_cur_be16(&v, &mfs);
    struct lldp_text t = {.len = 0};
    text_add(&t, "%u", (unsigned)mfs);
    emit_text(o, VS_F_LLDP_MAX_FRAME_SIZE, &t, mfs);
    return VS_DECODE_OK;
}

/* ---- LLDP-MED (TIA-1057 clause 10) ---- */

static const char *const med_cap_names[] = {
    "LLDP-MED Capabilities",     "Network Policy",
    "Location Identification",   "Extended Power via MDI-PSE",
    "Extended Power via MDI-PD", "Inventory",
};

static enum vs_decode_status med_caps(struct vs_cur v, const struct lldp_out *o)
{
    uint16_t caps;
    uint8_t cls;
    vs_cur_be16(&v, &caps);
    vs_cur_u8(&v, &cls);
    struct lldp_text t = {.len = 0};
    bit_names(&t, caps, med_cap_names, sizeof med_cap_names / sizeof med_cap_names[0]);
    if (t.len)
        emit_text(o, VS_F_LLDP_MED_CAPABILITIES, &t, caps);

    static const char *const classes[] = {"Type Not Defined", "Endpoint Class I",
                                          "Endpoint Class II", "Endpoint Class III",
                                          "Network Connectivity"};
    t.len = 0;
    if (cls < sizeof classes / sizeof classes[0])
        text_add(&t, "%s", classes[cls]);
    else
        text_add(&t, "Reserved (%u)", (unsigned)cls);
    emit_text(o, VS_F_LLDP_MED_DEVICE_CLASS, &t, cls);
    return VS_DECODE_OK;
}

static enum vs_decode_status med_policy(struct vs_cur v, const struct lldp_out *o)
{
    static const char *const apps[] = {
        NULL,
        "Voice",
        "Voice Signaling",
        "Guest Voice",
        "Guest Voice Signaling",
        "Softphone Voice",
        "Video Conferencing",
        "Streaming Video",
        "Video Signaling",
    };
    uint8_t app;
    uint32_t bits;
    vs_cur_u8(&v, &app);
    vs_cur_be24(&v, &bits);
    bool unknown = bits & 0x800000u, tagged = bits & 0x400000u;
    unsigned vid = (bits >> 9) & 0x0fffu, prio = (bits >> 6) & 7u, dscp = bits & 0x3fu;
    struct lldp_text t = {.len = 0};
    if (app >= 1 && app < sizeof apps / sizeof apps[0])
        text_add(&t, "%s", apps[app]);
    else
        text_add(&t, "application %u", (unsigned)app);
    if (unknown)
        text_add(&t, ": policy unknown");
    else
        text_add(&t, ": vlan %u, %s, priority %u, dscp %u", vid, tagged ? "tagged" : "untagged",
                 prio, dscp);
    emit_text(o, VS_F_LLDP_MED_NETWORK_POLICY, &t, vid);
    return VS_DECODE_OK;
}

/* Civic address element names (RFC 4776 section 3.4), short forms. */
static const char *civic_name(uint8_t ca)
{
    static const char *const names[] = {[0] = "language",       [1] = "state",
                                        [2] = "county",         [3] = "city",
                                        [4] = "city-division",  [5] = "neighbourhood",
                                        [6] = "street",         [16] = "street-prefix",
                                        [17] = "street-suffix", [18] = "street-type",
                                        [19] = "house-number",  [20] = "house-number-suffix",
                                        [21] = "landmark",      [22] = "location",
                                        [23] = "name",          [24] = "postcode",
                                        [25] = "building",      [26] = "unit",
                                        [27] = "floor",         [28] = "room",
                                        [29] = "place-type",    [30] = "postal-community",
                                        [31] = "po-box",        [32] = "additional-code"};
    if (ca == 128)
        return "script";
    return ca < sizeof names / sizeof names[0] ? names[ca] : NULL;
}

/* Fixed-point coordinate of RFC 6225 (34 bits, 25 of them fractional, two's complement). */
static void coord_text(struct lldp_text *t, const char *label, uint64_t raw34)
{
    int64_t v = (int64_t)(raw34 & 0x3ffffffffull);
    if (v & 0x200000000ll)
        v -= 0x400000000ll;
    bool neg = v < 0;
    uint64_t mag = (uint64_t)(neg ? -v : v);
    uint64_t whole = mag >> 25;
    uint64_t frac = ((mag & 0x1ffffffu) * 1000000u) >> 25;
    text_add(t, "%s%s%llu.%06llu", label, neg ? "-" : "", (unsigned long long)whole,
             (unsigned long long)frac);
}

static enum vs_decode_status med_location(struct vs_cur v, const struct lldp_out *o)
{
    uint8_t format;
    vs_cur_u8(&v, &format);
    struct lldp_text t = {.len = 0};
    if (format == 1) {
        uint8_t c[16];
        if (!vs_cur_copy(&v, c, sizeof c))
            return VS_DECODE_MALFORMED;
        uint64_t hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | c[i];
            lo = lo << 8 | c[8 + i];
        }
        /* LaRes(6) Lat(34) LoRes(6) | Lon(34, straddles the halves) ... */
        uint64_t lat = (hi >> 24) & 0x3ffffffffull;
        uint64_t lon = ((hi & 0x3ffffull) << 16) | (lo >> 48);
        coord_text(&t, "coordinate lat ", lat);
        coord_text(&t, ", lon ", lon);
    } else if (format == 2) {
        uint8_t lci_len, what;
        struct vs_cur lci, cc;
        if (!vs_cur_u8(&v, &lci_len) || lci_len < 3 || !vs_cur_sub(&v, lci_len, &lci))
            return VS_DECODE_MALFORMED;
        vs_cur_u8(&lci, &what);
        vs_cur_sub(&lci, 2, &cc);
        text_add(&t, "civic ");
        text_add_bytes(&t, cc);
        size_t n = 0;
        while (!vs_cur_empty(&lci)) {
            uint8_t ca, calen;
            struct vs_cur val;
            if (!vs_cur_u8(&lci, &ca) || !vs_cur_u8(&lci, &calen) || !vs_cur_sub(&lci, calen, &val))
                return VS_DECODE_MALFORMED;
            const char *name = civic_name(ca);
            if (name)
                text_add(&t, "%s%s=", n++ ? ", " : ": ", name);
            else
                text_add(&t, "%s%u=", n++ ? ", " : ": ", (unsigned)ca);
            text_add_bytes(&t, vs_cur_trim(val));
        }
    } else if (format == 3) {
        text_add(&t, "ELIN ");
        text_add_bytes(&t, vs_cur_trim(v));
    } else {
        text_add(&t, "format %u", (unsigned)format);
    }
    emit_text(o, VS_F_LLDP_MED_LOCATION, &t, format);
    return VS_DECODE_OK;
}

static enum vs_decode_status med_power(struct vs_cur v, const struct lldp_out *o)
{
    static const char *const pse_src[] = {"unknown", "primary", "backup", "reserved"};
    static const char *const pd_src[] = {"unknown", "PSE", "local", "PSE and local"};
    static const char *const prio[] = {"unknown", "critical", "high", "low"};
    uint8_t tsp;
    uint16_t dw;
    vs_cur_u8(&v, &tsp);
    vs_cur_be16(&v, &dw);
    unsigned type = tsp >> 6, src = (tsp >> 4) & 3u, pr = tsp & 0x0fu;
    struct lldp_text t = {.len = 0};
    if (type == 0)
        text_add(&t, "PSE, source %s", pse_src[src]);
    else if (type == 1)
        text_add(&t, "PD, source %s", pd_src[src]);
    else
        text_add(&t, "type %u, source %u", type, src);
    if (pr < 4)
        text_add(&t, ", priority %s", prio[pr]);
    else
        text_add(&t, ", priority %u", pr);
    text_add(&t, ", %u.%u W", (unsigned)(dw / 10), (unsigned)(dw % 10));
    emit_text(o, VS_F_LLDP_MED_POWER, &t, dw);
    return VS_DECODE_OK;
}

static enum vs_decode_status med_inventory(struct vs_cur v, const struct lldp_out *o,
                                           enum vs_field f)
{
    vs_emit_string(o->emit, o->ctx, f, v, 0);
    return VS_DECODE_OK;
}

static enum vs_decode_status med_hw(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_HARDWARE_REVISION);
}
static enum vs_decode_status med_fw(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_FIRMWARE_REVISION);
}
static enum vs_decode_status med_sw(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_SOFTWARE_REVISION);
}
static enum vs_decode_status med_serial(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_SERIAL_NUMBER);
}
static enum vs_decode_status med_mfg(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_MANUFACTURER);
}
static enum vs_decode_status med_model(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_MODEL_NAME);
}
static enum vs_decode_status med_asset(struct vs_cur v, const struct lldp_out *o)
{
    return med_inventory(v, o, VS_F_LLDP_MED_ASSET_ID);
}

typedef enum vs_decode_status (*lldp_handler)(struct vs_cur v, const struct lldp_out *o);

/* Value lengths are checked against [min, max] before a handler runs, so handlers read
 * fixed fields without re-checking; a TLV outside its range is malformed and skipped. */
struct lldp_kind {
    uint16_t min, max;
    lldp_handler fn;
};

static const struct lldp_kind lldp_kinds[LLDP_ORG] = {
    [LLDP_CHASSIS_ID] = {2, 256, lldp_chassis},
    [LLDP_PORT_ID] = {2, 256, lldp_port},
    [LLDP_TTL] = {2, 2, lldp_ttl},
    [LLDP_PORT_DESCR] = {0, 255, lldp_port_descr},
    [LLDP_SYS_NAME] = {0, 255, lldp_sys_name},
    [LLDP_SYS_DESCR] = {0, 255, lldp_sys_descr},
    [LLDP_SYS_CAPS] = {4, 4, lldp_caps},
    [LLDP_MGMT_ADDR] = {9, 167, lldp_mgmt},
};

struct lldp_org_kind {
    uint32_t oui;
    uint8_t subtype;
    uint16_t min, max; /* of the information string after OUI and subtype */
    lldp_handler fn;
};

static const struct lldp_org_kind lldp_org_kinds[] = {
    {OUI_IEEE_8021, 1, 2, 2, dot1_pvid},       {OUI_IEEE_8021, 2, 3, 3, dot1_ppvid},
    {OUI_IEEE_8021, 3, 3, 35, dot1_vlan_name}, {OUI_IEEE_8021, 4, 1, 256, dot1_proto_id},
    {OUI_IEEE_8023, 1, 5, 5, dot3_macphy},     {OUI_IEEE_8023, 2, 3, 507, dot3_power},
    {OUI_IEEE_8023, 3, 5, 5, dot3_linkagg},    {OUI_IEEE_8023, 4, 2, 2, dot3_mfs},
    {OUI_TIA_MED, 1, 3, 3, med_caps},          {OUI_TIA_MED, 2, 4, 4, med_policy},
    {OUI_TIA_MED, 3, 1, 507, med_location},    {OUI_TIA_MED, 4, 3, 3, med_power},
    {OUI_TIA_MED, 5, 0, 32, med_hw},           {OUI_TIA_MED, 6, 0, 32, med_fw},
    {OUI_TIA_MED, 7, 0, 32, med_sw},           {OUI_TIA_MED, 8, 0, 32, med_serial},
    {OUI_TIA_MED, 9, 0, 32, med_mfg},          {OUI_TIA_MED, 10, 0, 32, med_model},
    {OUI_TIA_MED, 11, 0, 32, med_asset},
};

static enum vs_decode_status lldp_org(struct vs_cur v, const struct lldp_out *o)
{
    uint32_t oui;
    uint8_t subtype;
    vs_cur_be24(&v, &oui);
    vs_cur_u8(&v, &subtype);
    for (size_t i = 0; i < sizeof lldp_org_kinds / sizeof lldp_org_kinds[0]; i++) {
        const struct lldp_org_kind *k = &lldp_org_kinds[i];
        if (k->oui != oui || k->subtype != subtype)
            continue;
        size_t n = vs_cur_len(&v);
        if (n < k->min || n > k->max)
            return VS_DECODE_MALFORMED;
        return k->fn(v, o);
    }
    return VS_DECODE_OK; /* an organisation we do not decode: skipped */
}

enum vs_decode_status vs_lldp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    struct lldp_out o = {emit, ctx};
    enum vs_decode_status st = VS_DECODE_OK;
    size_t ntlv = 0;

    while (!vs_cur_empty(&c)) {
        uint16_t hdr;
        struct vs_cur v;
        if (!vs_cur_be16(&c, &hdr))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (++ntlv > VS_MAX_TLVS_PER_FRAME)
            return VS_DECODE_MALFORMED;
        unsigned type = hdr >> 9;
        size_t len = hdr & 0x1ffu;
        if (!vs_cur_sub(&c, len, &v))
            return vs_worse(st, VS_DECODE_TRUNCATED);
        if (type == LLDP_END)
            return len ? vs_worse(st, VS_DECODE_MALFORMED) : st;
        /* 8.2: Chassis ID, Port ID and TTL come first, in that order. A PDU that breaks
         * this is counted as malformed, but what it says is still evidence. */
        if (ntlv <= 3 && type != ntlv)
            st = vs_worse(st, VS_DECODE_MALFORMED);
        if (type == LLDP_ORG) {
            st = vs_worse(st, len < 4 ? VS_DECODE_MALFORMED : lldp_org(v, &o));
            continue;
        }
        const struct lldp_kind *k = &lldp_kinds[type];
        if (!k->fn)
            continue; /* reserved type: skipped, the walk stays in step */
        if (len < k->min || len > k->max) {
            st = vs_worse(st, VS_DECODE_MALFORMED);
            continue;
        }
        st = vs_worse(st, k->fn(v, &o));
    }
    return st;
}
