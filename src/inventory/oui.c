/* SPDX-License-Identifier: BSD-2-Clause */
/* oui.c - loads the IEEE registry snapshot (oui_db/oui.tsv) and answers the longest
 * assignment covering a MAC address (MA-S/IAB 36 bits, MA-M 28, MA-L 24; IEEE 802-2014 8.2). */
#include "vendorsniff/oui.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/limits.h"
#include "vendorsniff/text.h"

/* The shipped snapshot is about 2 MB; anything far larger is not a registry. */
#define OUI_MAX_FILE ((size_t)64 << 20)

/* One open-addressing table holds every length: the key carries the length above the
 * prefix, so a 24-bit key can never equal a 28- or 36-bit one and 0 marks an empty slot. */
#define KEY(bits, value) (((uint64_t)(bits) << 40) | (uint64_t)(value))

/* Slot flags. A 24-bit slot also exists, without ASSIGNED, when only longer blocks sit
 * under that prefix (the registry lists a few MA-M blocks whose parent MA-L it omits), so
 * that a lookup learns from one probe whether a longer match is possible. The line of
 * the slot's assignment sits above the flags, for duplicate messages. */
#define SLOT_ASSIGNED 1u
#define SLOT_HAS28 2u
#define SLOT_HAS36 4u
#define SLOT_LINE_SHIFT 3

#define NO_ORG UINT32_MAX

struct oui_slot {
    uint64_t key;
    uint32_t org; /* offset of the NUL-terminated organisation in db->text */
    uint32_t flags;
};

struct vs_oui_db {
    char *text; /* the whole file; organisations are cut out of it in place */
    struct oui_slot *slots;
    size_t mask;
    unsigned shift;
    size_t count24, count28, count36;
    const char *snapshot;
};

/* State of one load: where we are, for messages. */
struct oui_parse {
    const char *name;
    size_t line;
    char *err;
    size_t errsz;
};

static int fail(struct oui_parse *p, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct oui_parse *p, int code, const char *fmt, ...)
{
    if (p->err && p->errsz > 0) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        if (p->line > 0)
            snprintf(p->err, p->errsz, "%s:%zu: %s", p->name, p->line, msg);
        else
            snprintf(p->err, p->errsz, "%s: %s", p->name, msg);
    }
    return code;
}

static size_t slot_index(const struct vs_oui_db *db, uint64_t key)
{
    /* Fibonacci hashing: the multiply spreads the low prefix bits, which are the ones
     * that differ between neighbouring assignments, over the top bits we keep. */
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> db->shift);
}

static const struct oui_slot *slot_find(const struct vs_oui_db *db, uint64_t key)
{
    for (size_t i = slot_index(db, key);; i = (i + 1) & db->mask) {
        const struct oui_slot *s = &db->slots[i];
        if (s->key == key)
            return s;
        if (s->key == 0)
            return NULL;
    }
}

/* Slot for key, claimed if absent. The table is sized before parsing so it never fills. */
static struct oui_slot *slot_get(struct vs_oui_db *db, uint64_t key)
{
    for (size_t i = slot_index(db, key);; i = (i + 1) & db->mask) {
        struct oui_slot *s = &db->slots[i];
        if (s->key == key)
            return s;
        if (s->key == 0) {
            s->key = key;
            s->org = NO_ORG;
            s->flags = 0;
            return s;
        }
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Text that will be printed as is (organisation, snapshot name): UTF-8, no controls. */
static int check_text(struct oui_parse *p, const char *what, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return fail(p, -EINVAL, "empty %s", what);
    if (u[0] == ' ' || u[n - 1] == ' ')
        return fail(p, -EINVAL, "%s has a leading or trailing space", what);
    for (size_t i = 0; i < n;) {
        if (u[i] == '\t')
            return fail(p, -EINVAL, "tab in %s", what);
        if (u[i] < 0x20 || u[i] == 0x7F)
            return fail(p, -EINVAL, "control character 0x%02x in %s", u[i], what);
        if (u[i] < 0x80) {
            i++; /* printable ASCII: most of a registry of 58,000 names */
            continue;
        }
        uint32_t cp;
        size_t k = vs_utf8_seq(u + i, n - i, &cp);
        /* C1 controls are as unwelcome in a terminal as C0 ones. */
        if (k == 0 || (cp >= 0x80 && cp <= 0x9f))
            return fail(p, -EINVAL, "invalid UTF-8 or C1 control in %s at byte %zu", what, i + 1);
        i += k;
    }
    return 0;
}

/* "# counts: 24=N 28=N 36=N" - the totals build.py wrote, checked after the last line so a
 * truncated or hand-damaged snapshot is noticed. */
static int parse_counts(struct oui_parse *p, const char *s, size_t n, size_t want[3])
{
    static const char *const tags[3] = {"24=", "28=", "36="};
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            if (i >= n || s[i] != ' ')
                return fail(p, -EINVAL, "counts: expected \"24=N 28=N 36=N\"");
            i++;
        }
        if (n - i < 3 || memcmp(s + i, tags[k], 3) != 0)
            return fail(p, -EINVAL, "counts: expected \"24=N 28=N 36=N\"");
        i += 3;
        size_t v = 0, digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (v > OUI_MAX_FILE)
                return fail(p, -EINVAL, "counts: number too large");
            v = v * 10 + (size_t)(s[i] - '0');
            i++;
            digits++;
        }
        if (digits == 0)
            return fail(p, -EINVAL, "counts: expected \"24=N 28=N 36=N\"");
        want[k] = v;
    }
    if (i != n)
        return fail(p, -EINVAL, "counts: trailing text");
    return 0;
}

struct oui_header {
    size_t counts_line; /* 0 when the file states no counts */
    size_t want[3];
};

static int parse_comment(struct vs_oui_db *db, struct oui_parse *p, char *s, size_t n,
                         struct oui_header *h)
{
    static const char snap[] = "# snapshot:";
    static const char counts[] = "# counts:";
    if (n >= sizeof snap - 1 && memcmp(s, snap, sizeof snap - 1) == 0) {
        char *v = s + sizeof snap - 1;
        size_t vn = n - (sizeof snap - 1);
        while (vn > 0 && *v == ' ') {
            v++;
            vn--;
        }
        if (db->snapshot)
            return fail(p, -EINVAL, "second snapshot line");
        int rc = check_text(p, "snapshot name", v, vn);
        if (rc)
            return rc;
        v[vn] = '\0';
        db->snapshot = v;
    } else if (n >= sizeof counts - 1 && memcmp(s, counts, sizeof counts - 1) == 0) {
        if (h->counts_line)
            return fail(p, -EINVAL, "second counts line");
        const char *v = s + sizeof counts - 1;
        size_t vn = n - (sizeof counts - 1);
        if (vn == 0 || *v != ' ')
            return fail(p, -EINVAL, "counts: expected \"24=N 28=N 36=N\"");
        int rc = parse_counts(p, v + 1, vn - 1, h->want);
        if (rc)
            return rc;
        h->counts_line = p->line;
    }
    return 0;
}

/* Up to 15 bytes of s for an error message, anything but printable ASCII as '?'. */
static const char *printable(const char *s, size_t n, char out[16])
{
    size_t k = n < 15 ? n : 15;
    for (size_t i = 0; i < k; i++)
        out[i] = (s[i] >= 0x20 && s[i] < 0x7F) ? s[i] : '?';
    out[k] = '\0';
    return out;
}

static int parse_assignment(struct vs_oui_db *db, struct oui_parse *p, char *s, size_t n)
{
    char shown[16];
    char *tab1 = memchr(s, '\t', n);
    if (!tab1)
        return fail(p, -EINVAL, "missing tab after the prefix");
    size_t digits = (size_t)(tab1 - s);
    uint64_t value = 0;
    for (size_t i = 0; i < digits; i++) {
        int v = hexval(s[i]);
        if (v < 0) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x20 && c < 0x7F)
                return fail(p, -EINVAL, "bad hex digit '%c' in the prefix", c);
            return fail(p, -EINVAL, "bad hex digit (byte 0x%02x) in the prefix", c);
        }
        value = (value << 4) | (uint64_t)v;
        if (i >= 9)
            break; /* the length check below rejects it; stop before value overflows */
    }
    if (digits != 6 && digits != 7 && digits != 9)
        return fail(p, -EINVAL, "prefix has %zu hex digits, not 6, 7 or 9", digits);

    char *b = tab1 + 1;
    size_t rest = n - digits - 1;
    char *tab2 = memchr(b, '\t', rest);
    if (!tab2)
        return fail(p, -EINVAL, "missing tab after the bits");
    size_t bn = (size_t)(tab2 - b);
    unsigned bits;
    if (bn == 2 && b[0] == '2' && b[1] == '4')
        bits = 24;
    else if (bn == 2 && b[0] == '2' && b[1] == '8')
        bits = 28;
    else if (bn == 2 && b[0] == '3' && b[1] == '6')
        bits = 36;
    else
        return fail(p, -EINVAL, "bad bits \"%s\" (24, 28 or 36)", printable(b, bn, shown));
    if (digits * 4 != bits)
        return fail(p, -EINVAL, "prefix of %zu hex digits does not match %u bits", digits, bits);

    char *org = tab2 + 1;
    size_t on = rest - bn - 1;
    int rc = check_text(p, "organisation", org, on);
    if (rc)
        return rc;

    struct oui_slot *s0 = slot_get(db, KEY(bits, value));
    if (s0->flags & SLOT_ASSIGNED)
        return fail(p, -EINVAL, "duplicate assignment %.*s/%u (first at line %u)", (int)digits, s,
                    bits, s0->flags >> SLOT_LINE_SHIFT);
    org[on] = '\0';
    s0->org = (uint32_t)(org - db->text);
    s0->flags |= SLOT_ASSIGNED | (uint32_t)p->line << SLOT_LINE_SHIFT;
    if (bits == 24) {
        db->count24++;
    } else {
        /* Tell the 24-bit prefix above this block that a longer match may exist. */
        struct oui_slot *parent = slot_get(db, KEY(24, value >> (bits - 24)));
        parent->flags |= bits == 28 ? SLOT_HAS28 : SLOT_HAS36;
        if (bits == 28)
            db->count28++;
        else
            db->count36++;
    }
    return 0;
}

static int read_all(FILE *f, struct oui_parse *p, char **out, size_t *outlen)
{
    size_t cap = (size_t)1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return fail(p, -ENOMEM, "out of memory");
    for (;;) {
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return fail(p, -ENOMEM, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (len > OUI_MAX_FILE) {
            free(buf);
            return fail(p, -EFBIG, "larger than %zu MiB, not a registry snapshot",
                        OUI_MAX_FILE >> 20);
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        return fail(p, -EIO, "read error");
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return 0;
}

/* Size the table from a first pass so that it never needs to grow: each assignment takes a
 * slot, each longer block may add one for its parent, and the load stays under 3/4. */
static int size_table(struct vs_oui_db *db, struct oui_parse *p, const char *text, size_t len)
{
    size_t entries = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (end > i && text[i] != '#')
            entries += (end - i > 6 && text[i + 6] != '\t') ? 2 : 1;
        i = end + 1;
    }
    size_t want = entries + entries / 3 + 1;
    size_t cap = 64;
    unsigned bits = 6;
    while (cap < want) {
        cap <<= 1;
        bits++;
    }
    db->slots = calloc(cap, sizeof *db->slots);
    if (!db->slots)
        return fail(p, -ENOMEM, "out of memory");
    db->mask = cap - 1;
    db->shift = 64 - bits;
    return 0;
}

static int parse_text(struct vs_oui_db *db, struct oui_parse *p, size_t len)
{
    char *text = db->text;
    struct oui_header h = {0};
    size_t last_line = 0;
    for (size_t i = 0; i < len;) {
        char *line = text + i;
        char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + 1;
        p->line++;
        if (memchr(line, '\0', n))
            return fail(p, -EINVAL, "NUL byte");
        if (n > 0 && line[n - 1] == '\r')
            n--; /* a snapshot saved by a Windows editor is still the same snapshot */
        if (n > VS_MAX_DATA_LINE)
            return fail(p, -EINVAL, "line longer than %d bytes", VS_MAX_DATA_LINE);
        if (n == 0)
            continue;
        int rc =
            line[0] == '#' ? parse_comment(db, p, line, n, &h) : parse_assignment(db, p, line, n);
        if (rc)
            return rc;
    }
    last_line = p->line;
    if (h.counts_line) {
        const size_t have[3] = {db->count24, db->count28, db->count36};
        static const unsigned bits[3] = {24, 28, 36};
        p->line = h.counts_line;
        for (int k = 0; k < 3; k++)
            if (have[k] != h.want[k])
                return fail(p, -EINVAL, "counts say %u=%zu but the file has %zu", bits[k],
                            h.want[k], have[k]);
    }
    if (db->count24 + db->count28 + db->count36 == 0) {
        p->line = last_line;
        return fail(p, -EINVAL, "no assignments");
    }
    return 0;
}

int vs_oui_load_stream(FILE *f, const char *name, struct vs_oui_db **out, char *err, size_t errsz)
{
    struct oui_parse p = {.name = name ? name : "(stream)", .err = err, .errsz = errsz};
    *out = NULL;
    if (err && errsz)
        err[0] = '\0';
    struct vs_oui_db *db = calloc(1, sizeof *db);
    if (!db)
        return fail(&p, -ENOMEM, "out of memory");
    size_t len = 0;
    int rc = read_all(f, &p, &db->text, &len);
    if (rc == 0)
        rc = size_table(db, &p, db->text, len);
    if (rc == 0)
        rc = parse_text(db, &p, len);
    if (rc) {
        vs_oui_free(db);
        return rc;
    }
    *out = db;
    return 0;
}

int vs_oui_load(const char *path, struct vs_oui_db **out, char *err, size_t errsz)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        struct oui_parse p = {.name = path, .err = err, .errsz = errsz};
        return fail(&p, -e, "%s", strerror(e));
    }
    int rc = vs_oui_load_stream(f, path, out, err, errsz);
    fclose(f);
    return rc;
}

void vs_oui_free(struct vs_oui_db *db)
{
    if (!db)
        return;
    free(db->slots);
    free(db->text);
    free(db);
}

enum vs_mac_class vs_mac_classify(const uint8_t mac[6])
{
    static const uint8_t zero[6] = {0, 0, 0, 0, 0, 0};
    static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    if (memcmp(mac, zero, 6) == 0)
        return VS_MAC_ZERO;
    if (memcmp(mac, bcast, 6) == 0)
        return VS_MAC_BROADCAST;
    if (mac[0] & 0x01)
        return VS_MAC_MULTICAST;
    if (mac[0] & 0x02)
        return VS_MAC_LOCAL;
    /* RFC 5798 7.3: IANA's 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6. */
    if (mac[0] == 0x00 && mac[1] == 0x00 && mac[2] == 0x5e && mac[3] == 0x00 &&
        (mac[4] == 0x01 || mac[4] == 0x02))
        return VS_MAC_VRRP;
    if (mac[0] == 0x00 && mac[1] == 0x00 && mac[2] == 0x0c) {
        /* HSRPv1 (RFC 2281): 0000.0c07.acXX; HSRPv2: 0000.0c9f.fXXX (12-bit group). */
        if (mac[3] == 0x07 && mac[4] == 0xac)
            return VS_MAC_HSRP;
        if (mac[3] == 0x9f && (mac[4] & 0xf0) == 0xf0)
            return VS_MAC_HSRP;
    }
    /* HSRP for IPv6: 0005.73a0.0000 - 0005.73a0.0fff. */
    if (mac[0] == 0x00 && mac[1] == 0x05 && mac[2] == 0x73 && mac[3] == 0xa0 &&
        (mac[4] & 0xf0) == 0x00)
        return VS_MAC_HSRP;
    /* GLBP: 0007.b4xx.xxyy, six zero bits, a 10-bit group, then the forwarder number. */
    if (mac[0] == 0x00 && mac[1] == 0x07 && mac[2] == 0xb4 && (mac[3] & 0xfc) == 0)
        return VS_MAC_GLBP;
    return VS_MAC_GLOBAL;
}

void vs_oui_lookup(const struct vs_oui_db *db, const uint8_t mac[6], struct vs_oui_result *out)
{
    out->org = NULL;
    out->bits = 0;
    out->cls = vs_mac_classify(mac);
    if (out->cls != VS_MAC_GLOBAL || !db)
        return;
    uint32_t v24 = (uint32_t)mac[0] << 16 | (uint32_t)mac[1] << 8 | mac[2];
    const struct oui_slot *s = slot_find(db, KEY(24, v24));
    if (!s)
        return;
    const struct oui_slot *hit = NULL;
    unsigned bits = 0;
    if (s->flags & SLOT_HAS36) {
        uint64_t v36 = (uint64_t)v24 << 12 | (uint64_t)mac[3] << 4 | (uint64_t)(mac[4] >> 4);
        hit = slot_find(db, KEY(36, v36));
        bits = 36;
    }
    if (!hit && (s->flags & SLOT_HAS28)) {
        uint32_t v28 = v24 << 4 | (uint32_t)(mac[3] >> 4);
        hit = slot_find(db, KEY(28, v28));
        bits = 28;
    }
    if (!hit && (s->flags & SLOT_ASSIGNED)) {
        hit = s;
        bits = 24;
    }
    if (!hit)
        return;
    out->org = db->text + hit->org;
    out->bits = bits;
}

const char *vs_mac_class_name(enum vs_mac_class c)
{
    switch (c) {
    case VS_MAC_ZERO:
        return "zero";
    case VS_MAC_BROADCAST:
        return "broadcast";
    case VS_MAC_MULTICAST:
        return "multicast";
    case VS_MAC_LOCAL:
        return "locally_administered";
    case VS_MAC_VRRP:
        return "vrrp";
    case VS_MAC_HSRP:
        return "hsrp";
    case VS_MAC_GLBP:
        return "glbp";
    case VS_MAC_GLOBAL:
    case VS_MAC_CLASS_COUNT:
        break;
    }
    return NULL;
}

const char *vs_oui_snapshot(const struct vs_oui_db *db)
{
    return db && db->snapshot ? db->snapshot : "unknown";
}

size_t vs_oui_count(const struct vs_oui_db *db, unsigned bits)
{
    if (!db)
        return 0;
    switch (bits) {
    case 0:
        return db->count24 + db->count28 + db->count36;
    case 24:
        return db->count24;
    case 28:
        return db->count28;
    case 36:
        return db->count36;
    default:
        return 0;
    }
}
