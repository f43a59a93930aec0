/* SPDX-License-Identifier: BSD-2-Clause */
/* evidence.c - names of evidence sources and fields (the JSON contract), and the text
 * forms of MAC addresses, IP addresses and OIDs used in evidence values. */
#include "vendorsniff/evidence.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static const char *const source_names[VS_SRC__COUNT] = {
#define VS_X_SRC(id, name) [VS_SRC_##id] = name,
    VS_SOURCES(VS_X_SRC)
#undef VS_X_SRC
};

static const struct {
    enum vs_source src;
    const char *name;
} field_table[VS_F__COUNT] = {
#define VS_X_FIELD(id, src, name) [VS_F_##id] = {VS_SRC_##src, name},
    VS_FIELDS(VS_X_FIELD)
#undef VS_X_FIELD
};

enum vs_source vs_field_source(enum vs_field f)
{
    return (unsigned)f < VS_F__COUNT ? field_table[f].src : VS_SRC_OUI;
}

const char *vs_field_name(enum vs_field f)
{
    return (unsigned)f < VS_F__COUNT ? field_table[f].name : "?";
}

const char *vs_source_name(enum vs_source s)
{
    return (unsigned)s < VS_SRC__COUNT ? source_names[s] : "?";
}

bool vs_source_parse(const char *name, enum vs_source *out)
{
    for (int i = 0; i < VS_SRC__COUNT; i++) {
        if (strcmp(name, source_names[i]) == 0) {
            *out = (enum vs_source)i;
            return true;
        }
    }
    return false;
}

bool vs_field_parse(const char *dotted, enum vs_field *out)
{
    const char *dot = strchr(dotted, '.');
    if (!dot)
        return false;
    size_t slen = (size_t)(dot - dotted);
    for (int i = 0; i < VS_F__COUNT; i++) {
        const char *sname = source_names[field_table[i].src];
        if (strlen(sname) == slen && memcmp(sname, dotted, slen) == 0 &&
            strcmp(field_table[i].name, dot + 1) == 0) {
            *out = (enum vs_field)i;
            return true;
        }
    }
    return false;
}

void vs_mac_format(const uint8_t mac[6], char out[VS_MAC_STRLEN])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 6; i++) {
        out[i * 3] = hex[mac[i] >> 4];
        out[i * 3 + 1] = hex[mac[i] & 15];
        out[i * 3 + 2] = i == 5 ? '\0' : ':';
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Accepts aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff and aabbccddeeff. */
bool vs_mac_parse(const char *s, uint8_t mac[6])
{
    int nib = 0;
    uint8_t v[6] = {0};
    for (const char *p = s; *p; p++) {
        int h = hexval(*p);
        if (h < 0) {
            if (*p == ':' || *p == '-' || *p == '.')
                continue;
            return false;
        }
        if (nib >= 12)
            return false;
        v[nib / 2] = (uint8_t)(v[nib / 2] << 4 | h);
        nib++;
    }
    if (nib != 12)
        return false;
    memcpy(mac, v, 6);
    return true;
}

static char *put_v4(char *p, const uint8_t a[4])
{
    for (int i = 0; i < 4; i++) {
        unsigned v = a[i];
        if (v >= 100)
            *p++ = (char)('0' + v / 100);
        if (v >= 10)
            *p++ = (char)('0' + v / 10 % 10);
        *p++ = (char)('0' + v % 10);
        if (i < 3)
            *p++ = '.';
    }
    return p;
}

/* The text inet_ntop gives (RFC 5952: lower-case hex without leading zeros, the first
 * longest run of two or more zero groups as "::", IPv4-compatible and -mapped addresses
 * with a dotted tail), without its per-group sprintf: an inventory line per device. */
static void ip6_format(const uint8_t a[16], char *out)
{
    static const char hex[] = "0123456789abcdef";
    unsigned w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (w[i]) {
            i++;
            continue;
        }
        int j = i;
        while (j < 8 && !w[j])
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j;
    }
    if (best_len < 2)
        best = -1;
    char *p = out;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best)
                *p++ = ':';
            continue;
        }
        if (i)
            *p++ = ':';
        if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
            p = put_v4(p, a + 12);
            break;
        }
        bool started = false;
        for (int sh = 12; sh >= 0; sh -= 4) {
            unsigned nib = w[i] >> sh & 15;
            if (nib || started || sh == 0) {
                *p++ = hex[nib];
                started = true;
            }
        }
    }
    if (best >= 0 && best + best_len == 8)
        *p++ = ':';
    *p = '\0';
}

void vs_ip_format(const struct vs_ip *ip, char out[VS_IP_STRLEN])
{
    if (ip->family == 4) {
        /* By hand: every device line and event carries addresses, and inet_ntop goes
         * through sprintf for each byte. */
        char *p = out;
        for (int i = 0; i < 4; i++) {
            unsigned v = ip->a[i];
            if (v >= 100)
                *p++ = (char)('0' + v / 100);
            if (v >= 10)
                *p++ = (char)('0' + v / 10 % 10);
            *p++ = (char)('0' + v % 10);
            *p++ = i < 3 ? '.' : '\0';
        }
    }
    else if (ip->family == 6)
        ip6_format(ip->a, out);
    else
        out[0] = '\0';
}

bool vs_ip_parse(const char *s, struct vs_ip *out)
{
    memset(out, 0, sizeof *out);
    if (inet_pton(AF_INET, s, out->a) == 1) {
        out->family = 4;
        return true;
    }
    if (inet_pton(AF_INET6, s, out->a) == 1) {
        out->family = 6;
        return true;
    }
    return false;
}

void vs_ip_from4(struct vs_ip *ip, const uint8_t a[4])
{
    memset(ip, 0, sizeof *ip);
    ip->family = 4;
    memcpy(ip->a, a, 4);
}

void vs_ip_from6(struct vs_ip *ip, const uint8_t a[16])
{
    memset(ip, 0, sizeof *ip);
    ip->family = 6;
    memcpy(ip->a, a, 16);
}

bool vs_oid_format(const uint8_t *ber, size_t len, char *out, size_t outsz)
{
    size_t o = 0;
    uint64_t v = 0;
    int nbytes = 0;
    bool first = true;
    if (outsz == 0)
        return false;
    out[0] = '\0';
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (nbytes == 0 && ber[i] == 0x80)
            return false; /* non-minimal encoding */
        if (++nbytes > 9)
            return false; /* subidentifier beyond 63 bits */
        v = v << 7 | (ber[i] & 0x7f);
        if (ber[i] & 0x80)
            continue;
        char part[48];
        int n;
        if (first) {
            uint64_t a = v < 40 ? 0 : v < 80 ? 1 : 2;
            n = snprintf(part, sizeof part, "%llu.%llu", (unsigned long long)a,
                         (unsigned long long)(v - a * 40));
            first = false;
        } else {
            n = snprintf(part, sizeof part, ".%llu", (unsigned long long)v);
        }
        if (n < 0 || (size_t)n >= outsz - o)
            return false;
        memcpy(out + o, part, (size_t)n + 1);
        o += (size_t)n;
        v = 0;
        nbytes = 0;
    }
    return nbytes == 0;
}
