/* SPDX-License-Identifier: BSD-2-Clause */
/* oui.c - loads the IEEE registry snapshot (oui_db/oui.tsv) and answers the longest
 * assignment covering a MAC address (MA-S/IAB 36 bits, MA-M 28, MA-L 24; IEEE 802-2014 8.2). */
#include "vendorsniff/oui.h"
#include "vendorsniff/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    /* Loaded from the binary table instead (table_attach): packed slots and the
     * organisation text, used in place in the table's bytes read into memory. */
    const uint64_t *pslots;
    const char *ptext;
    void *copy; /* free()d on free */
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
    free(db->copy);
    free(db);
}

/* ---- The binary table (docs/architecture.md, "OUI registry table") -----------------------
 * Generated at build time from the TSV (src/tools/oui_table.c) and mapped at start-up in
 * place of parsing it. Layout, little-endian:
 *   header (64 bytes, struct oui_table_header)
 *   2^slot_bits slots of 8 bytes: the open-addressing table of the TSV loader, packed
 *   text_size bytes: NUL-terminated organisations (each distinct text once), the snapshot
 * The header names the TSV it was made from (size and hash): a table whose TSV has changed
 * is ignored, and the TSV parsed. The file is data on disk: every field and offset is
 * checked once on load, and the header carries a hash of the whole table, so a truncated or
 * damaged table is refused, never trusted. The organisation text itself was checked by the TSV
 * loader when the table was made. */

#define TABLE_MAGIC "VSOUITB1"
#define TABLE_VERSION 1u
#define TABLE_HEADER 64u
#define TABLE_MIN_BITS 6u
#define TABLE_MAX_BITS 24u

/* A packed slot: value (36 bits), length class (1 = 24, 2 = 28, 3 = 36 bits; 0 = empty
 * slot, which is all zero), the three flags, the organisation's offset in the text. */
#define T_VALUE_BITS 36
#define T_VALUE_MASK ((UINT64_C(1) << T_VALUE_BITS) - 1)
#define T_LEN_SHIFT 36
#define T_KEY_MASK ((UINT64_C(1) << 38) - 1)
#define T_ASSIGNED (UINT64_C(1) << 38)
#define T_HAS28 (UINT64_C(1) << 39)
#define T_HAS36 (UINT64_C(1) << 40)
#define T_ORG_SHIFT 41
#define T_NO_ORG ((UINT64_C(1) << 23) - 1)

struct oui_table_header {
    char magic[8];
    uint32_t version;
    uint32_t header_size;
    uint64_t src_size; /* the TSV's size in bytes and vs_oui_hash() of its bytes */
    uint64_t src_hash;
    uint64_t body_hash; /* table_hash(): the header (this field zero) and the body */
    uint32_t slot_bits;
    uint32_t text_size;
    uint32_t count24, count28, count36;
    uint32_t snapshot; /* offset of the snapshot name in the text, T_NO_ORG when none */
};
_Static_assert(sizeof(struct oui_table_header) == TABLE_HEADER, "table header is 64 bytes");

static bool host_little_endian(void)
{
    return __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
}

static inline uint64_t rotl64(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

/* The table's bytes are the same on every host (it is installed under share/): numbers are
 * stored little-endian and the hash reads words little-endian. A big-endian host writes the
 * same file and, not to swap every slot on each look-up, does not map it: it parses the TSV. */
static inline uint64_t le64(uint64_t x)
{
    return host_little_endian() ? x : __builtin_bswap64(x);
}

static inline uint32_t le32(uint32_t x)
{
    return host_little_endian() ? x : __builtin_bswap32(x);
}

uint64_t vs_oui_hash(const void *p, size_t n)
{
    /* Four independent lanes of multiply-rotate over 8-byte words: a check against a
     * changed or damaged file, not a defence against a forger. */
    static const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
    const unsigned char *b = p;
    uint64_t h0 = UINT64_C(0x243F6A8885A308D3) ^ n, h1 = UINT64_C(0x13198A2E03707344),
             h2 = UINT64_C(0xA4093822299F31D0), h3 = UINT64_C(0x082EFA98EC4E6C89);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w0, w1, w2, w3;
        memcpy(&w0, b + i, 8);
        memcpy(&w1, b + i + 8, 8);
        memcpy(&w2, b + i + 16, 8);
        memcpy(&w3, b + i + 24, 8);
        w0 = le64(w0), w1 = le64(w1), w2 = le64(w2), w3 = le64(w3);
        h0 = rotl64((h0 ^ w0) * k, 29);
        h1 = rotl64((h1 ^ w1) * k, 29);
        h2 = rotl64((h2 ^ w2) * k, 29);
        h3 = rotl64((h3 ^ w3) * k, 29);
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, 8);
        h0 = rotl64((h0 ^ le64(w)) * k, 29);
    }
    uint64_t tail = 0;
    for (size_t j = 0; i + j < n; j++)
        tail |= (uint64_t)b[i + j] << (8 * j);
    uint64_t r = h0 ^ rotl64(h1, 17) ^ rotl64(h2, 37) ^ rotl64(h3, 53) ^ tail;
    r = (r ^ (r >> 32)) * k;
    r = (r ^ (r >> 29)) * UINT64_C(0xBF58476D1CE4E5B9);
    return r ^ (r >> 32);
}

/* The table's own hash: of the header with body_hash zero, and of the body. */
static uint64_t table_hash(const struct oui_table_header *h, const unsigned char *body, size_t n)
{
    struct oui_table_header z = *h;
    z.body_hash = 0;
    return vs_oui_hash(&z, sizeof z) ^ rotl64(vs_oui_hash(body, n), 1);
}

static int why_fail(char *why, size_t whysz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int why_fail(char *why, size_t whysz, const char *fmt, ...)
{
    if (why && whysz) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whysz, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static uint64_t table_get(const struct vs_oui_db *db, unsigned lenclass, uint64_t value)
{
    static const unsigned bits[4] = {0, 24, 28, 36};
    uint64_t want = (uint64_t)lenclass << T_LEN_SHIFT | value;
    for (size_t i = slot_index(db, KEY(bits[lenclass], value));; i = (i + 1) & db->mask) {
        uint64_t s = db->pslots[i];
        if ((s & T_KEY_MASK) == want)
            return s;
        if (s == 0)
            return 0; /* validation saw at least one empty slot: the walk ends */
    }
}

static void table_lookup(const struct vs_oui_db *db, const uint8_t mac[6],
                         struct vs_oui_result *out)
{
    uint32_t v24 = (uint32_t)mac[0] << 16 | (uint32_t)mac[1] << 8 | mac[2];
    uint64_t s = table_get(db, 1, v24);
    if (!s)
        return;
    uint64_t hit = 0;
    unsigned bits = 0;
    if (s & T_HAS36) {
        uint64_t v36 = (uint64_t)v24 << 12 | (uint64_t)mac[3] << 4 | (uint64_t)(mac[4] >> 4);
        hit = table_get(db, 3, v36);
        bits = 36;
    }
    if (!hit && (s & T_HAS28)) {
        hit = table_get(db, 2, (uint64_t)(v24 << 4 | (uint32_t)(mac[3] >> 4)));
        bits = 28;
    }
    if (!hit && (s & T_ASSIGNED)) {
        hit = s;
        bits = 24;
    }
    /* A 28- or 36-bit slot is always assigned (checked on load). */
    if (!hit || !(hit & T_ASSIGNED))
        return;
    out->org = db->ptext + (hit >> T_ORG_SHIFT);
    out->bits = bits;
}

/* Check the table in base[0..len) and point db at it. src, when given, is the size and
 * hash that the TSV has now. */
static int table_attach(struct vs_oui_db *db, const unsigned char *base, size_t len,
                        const uint64_t src[2], bool check_body, char *why, size_t whysz)
{
    struct oui_table_header h;
    if (!host_little_endian())
        return why_fail(why, whysz, "the table is little-endian, this host is not");
    if (len < sizeof h)
        return why_fail(why, whysz, "truncated header (%zu bytes)", len);
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, TABLE_MAGIC, sizeof h.magic) != 0)
        return why_fail(why, whysz, "not an OUI table (bad magic)");
    if (h.version != TABLE_VERSION || h.header_size != TABLE_HEADER)
        return why_fail(why, whysz, "table version %u, this build reads %u", h.version,
                        TABLE_VERSION);
    if (h.slot_bits < TABLE_MIN_BITS || h.slot_bits > TABLE_MAX_BITS)
        return why_fail(why, whysz, "bad slot count 2^%u", h.slot_bits);
    size_t nslots = (size_t)1 << h.slot_bits;
    size_t want = TABLE_HEADER + nslots * 8 + (size_t)h.text_size;
    if (len != want)
        return why_fail(why, whysz, "size %zu bytes, the header says %zu (truncated?)", len, want);
    if (src && (h.src_size != src[0] || h.src_hash != src[1]))
        return why_fail(why, whysz, "made from another registry file (stale)");
    if (check_body && table_hash(&h, base + TABLE_HEADER, len - TABLE_HEADER) != h.body_hash)
        return why_fail(why, whysz, "damaged (hash mismatch)");
    const uint64_t *slots = (const uint64_t *)(const void *)(base + TABLE_HEADER);
    const char *text = (const char *)(base + TABLE_HEADER + nslots * 8);
    if (h.text_size == 0 || h.text_size > T_NO_ORG || text[h.text_size - 1] != '\0')
        return why_fail(why, whysz, "bad organisation text");
    if (h.snapshot != T_NO_ORG && h.snapshot >= h.text_size)
        return why_fail(why, whysz, "snapshot offset out of range");
    static const unsigned vbits[4] = {0, 24, 28, 36};
    size_t count[4] = {0, 0, 0, 0}, empty = 0;
    for (size_t i = 0; i < nslots; i++) {
        uint64_t s = slots[i];
        if (s == 0) {
            empty++;
            continue;
        }
        unsigned lc = (unsigned)(s >> T_LEN_SHIFT) & 3u;
        uint64_t org = s >> T_ORG_SHIFT;
        bool bad = lc == 0 || (s & T_VALUE_MASK) >> vbits[lc] != 0 ||
                   (lc != 1 && (s & (T_HAS28 | T_HAS36)));
        if (s & T_ASSIGNED)
            bad = bad || org >= h.text_size;
        else
            bad = bad || org != T_NO_ORG || lc != 1 || !(s & (T_HAS28 | T_HAS36));
        if (bad)
            return why_fail(why, whysz, "bad slot %zu", i);
        if (s & T_ASSIGNED)
            count[lc]++;
    }
    if (empty == 0)
        return why_fail(why, whysz, "no empty slot");
    if (count[1] != h.count24 || count[2] != h.count28 || count[3] != h.count36 ||
        count[1] + count[2] + count[3] == 0)
        return why_fail(why, whysz, "assignment counts do not match the header");
    db->pslots = slots;
    db->ptext = text;
    db->mask = nslots - 1;
    db->shift = 64 - h.slot_bits;
    db->count24 = count[1];
    db->count28 = count[2];
    db->count36 = count[3];
    db->snapshot = h.snapshot == T_NO_ORG ? NULL : text + h.snapshot;
    return 0;
}

/* The n bytes of an open file, read into memory (NULL and errno on failure; EIO when the
 * file is shorter than n). Read, not mapped: a table mapped for the life of the process would
 * fault (SIGBUS) or change under its checked offsets when the file is rewritten in place. */
static void *read_whole(int fd, size_t n)
{
    unsigned char *buf = malloc(n ? n : 1); /* malloc's alignment suits the slots */
    if (!buf)
        return NULL;
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            free(buf);
            return NULL;
        }
        got += (size_t)k;
    }
    return buf;
}

/* Size and hash of a file, read through a private mapping. */
static int file_sum(const char *path, uint64_t src[2], char *why, size_t whysz)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return why_fail(why, whysz, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > OUI_MAX_FILE) {
        close(fd);
        return why_fail(why, whysz, "%s: not a registry file", path);
    }
    size_t n = (size_t)st.st_size;
    src[0] = n;
    if (n == 0) {
        close(fd);
        src[1] = vs_oui_hash("", 0);
        return 0;
    }
    void *m = read_whole(fd, n);
    close(fd);
    if (!m)
        return why_fail(why, whysz, "%s: %s", path, strerror(errno));
    src[1] = vs_oui_hash(m, n);
    free(m);
    return 0;
}

int vs_oui_table_load(const char *table, const char *tsv, struct vs_oui_db **out, char *why,
                      size_t whysz)
{
    *out = NULL;
    uint64_t src[2];
    int fd = open(table, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return why_fail(why, whysz, "%s: %s", table, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uint64_t)st.st_size > 2 * OUI_MAX_FILE) {
        close(fd);
        return why_fail(why, whysz, "%s: not a regular file of a sensible size", table);
    }
    size_t len = (size_t)st.st_size;
    void *m = read_whole(fd, len);
    close(fd);
    if (!m)
        return why_fail(why, whysz, "%s: %s", table, strerror(errno));
    struct vs_oui_db *db = calloc(1, sizeof *db);
    char sub[200];
    int rc = -1;
    if (!db)
        snprintf(sub, sizeof sub, "out of memory");
    else if (file_sum(tsv, src, sub, sizeof sub) == 0)
        rc = table_attach(db, m, len, src, true, sub, sizeof sub);
    if (rc != 0) {
        free(m);
        free(db);
        return why_fail(why, whysz, "%s: %s", table, sub);
    }
    db->copy = m;
    *out = db;
    return 0;
}

int vs_oui_table_from_buffer(const void *buf, size_t len, unsigned flags, struct vs_oui_db **out,
                             char *why, size_t whysz)
{
    *out = NULL;
    struct vs_oui_db *db = calloc(1, sizeof *db);
    void *copy = malloc(len ? len : 1); /* aligned for the slots, and the db's own */
    if (!db || !copy) {
        free(db);
        free(copy);
        return why_fail(why, whysz, "out of memory");
    }
    if (len)
        memcpy(copy, buf, len);
    if (table_attach(db, copy, len, NULL, !(flags & VS_OUI_TABLE_NO_HASH), why, whysz) != 0) {
        free(db);
        free(copy);
        return -1;
    }
    db->copy = copy;
    *out = db;
    return 0;
}

bool vs_oui_from_table(const struct vs_oui_db *db)
{
    return db && db->pslots;
}

/* ---- Writing the table ----------------------------------------------------------------- */

struct tbuild {
    char *text;
    size_t len, cap;
    uint32_t *seen; /* open addressing over text offsets + 1 (0 = empty) */
    size_t seen_mask;
};

/* Offset of s in the text, appended unless the same text is already there. */
static int tb_intern(struct tbuild *b, const char *s, uint32_t *off)
{
    size_t n = strlen(s);
    for (size_t i = (size_t)vs_oui_hash(s, n) & b->seen_mask;; i = (i + 1) & b->seen_mask) {
        uint32_t o = b->seen[i];
        if (o == 0) {
            if (b->len + n + 1 > T_NO_ORG - 1)
                return -EFBIG;
            if (b->len + n + 1 > b->cap) {
                size_t nc = b->cap ? b->cap * 2 : 65536;
                while (nc < b->len + n + 1)
                    nc *= 2;
                char *t = realloc(b->text, nc);
                if (!t)
                    return -ENOMEM;
                b->text = t;
                b->cap = nc;
            }
            memcpy(b->text + b->len, s, n + 1);
            *off = (uint32_t)b->len;
            b->seen[i] = (uint32_t)b->len + 1;
            b->len += n + 1;
            return 0;
        }
        if (strcmp(b->text + o - 1, s) == 0) {
            *off = o - 1;
            return 0;
        }
    }
}

int vs_oui_table_write(const struct vs_oui_db *db, const char *tsv, const char *out, char *err,
                       size_t errsz)
{
    if (!db || db->pslots || !db->slots)
        return why_fail(err, errsz, "%s: the registry must come from its TSV", out);
    uint64_t src[2];
    if (file_sum(tsv, src, err, errsz) != 0)
        return -1;
    size_t nslots = db->mask + 1;
    unsigned bits = 64 - db->shift;
    uint64_t *slots = calloc(nslots, sizeof *slots);
    struct tbuild b = {0};
    size_t seen_cap = 1;
    while (seen_cap < 2 * nslots)
        seen_cap <<= 1;
    b.seen = calloc(seen_cap, sizeof *b.seen);
    b.seen_mask = seen_cap - 1;
    int rc = slots && b.seen ? 0 : -ENOMEM;
    for (size_t i = 0; i < nslots && rc == 0; i++) {
        const struct oui_slot *s = &db->slots[i];
        if (s->key == 0)
            continue;
        unsigned kbits = (unsigned)(s->key >> 40);
        uint64_t value = s->key & ((UINT64_C(1) << 40) - 1);
        uint64_t lc = kbits == 24 ? 1 : kbits == 28 ? 2 : 3;
        uint64_t p = lc << T_LEN_SHIFT | value;
        uint64_t org = T_NO_ORG;
        if (s->flags & SLOT_ASSIGNED) {
            uint32_t off;
            rc = tb_intern(&b, db->text + s->org, &off);
            org = off;
            p |= T_ASSIGNED;
        }
        if (s->flags & SLOT_HAS28)
            p |= T_HAS28;
        if (s->flags & SLOT_HAS36)
            p |= T_HAS36;
        p |= org << T_ORG_SHIFT;
        size_t j = slot_index(db, s->key);
        while (slots[j])
            j = (j + 1) & db->mask;
        slots[j] = le64(p);
    }
    uint32_t snap = (uint32_t)T_NO_ORG;
    if (rc == 0 && db->snapshot)
        rc = tb_intern(&b, db->snapshot, &snap);
    if (rc != 0) {
        free(slots);
        free(b.seen);
        free(b.text);
        return why_fail(err, errsz, "%s: %s", out, strerror(-rc));
    }
    struct oui_table_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, TABLE_MAGIC, sizeof h.magic);
    h.version = le32(TABLE_VERSION);
    h.header_size = le32(TABLE_HEADER);
    h.src_size = le64(src[0]);
    h.src_hash = le64(src[1]);
    h.slot_bits = le32(bits);
    h.text_size = le32((uint32_t)b.len);
    h.count24 = le32((uint32_t)db->count24);
    h.count28 = le32((uint32_t)db->count28);
    h.count36 = le32((uint32_t)db->count36);
    h.snapshot = le32(snap);
    size_t body = nslots * 8 + b.len;
    unsigned char *all = malloc(TABLE_HEADER + body);
    if (all) {
        memcpy(all + TABLE_HEADER, slots, nslots * 8);
        memcpy(all + TABLE_HEADER + nslots * 8, b.text, b.len);
        h.body_hash = le64(table_hash(&h, all + TABLE_HEADER, body));
        memcpy(all, &h, sizeof h);
    }
    free(slots);
    free(b.seen);
    free(b.text);
    if (!all)
        return why_fail(err, errsz, "%s: out of memory", out);
    /* Written beside and renamed over: a reader never sees half a table. */
    struct vs_atomic a;
    int wrc = vs_atomic_open(&a, out, 0644);
    if (wrc == 0) {
        if (fwrite(all, 1, TABLE_HEADER + body, a.f) != TABLE_HEADER + body)
            wrc = -(errno ? errno : EIO);
        wrc = vs_atomic_commit(&a, wrc);
    }
    free(all);
    if (wrc != 0)
        return why_fail(err, errsz, "%s: %s", out, vs_atomic_strerror(-wrc));
    return 0;
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
    if (db->pslots) {
        table_lookup(db, mac, out);
        return;
    }
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
