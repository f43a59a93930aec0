/* SPDX-License-Identifier: BSD-2-Clause */
/* vendors.c - the vendor half of the signature set: vendors.ini (canonical names and their
 * aliases), enterprises.tsv (the IANA registry), normalisation and every vendor look-up. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sigs_int.h"

/* Normalise in[0..inlen) into out; *full gets the length the result needs, so a caller can
 * tell a truncated (and therefore unusable) key from a complete one. */
static size_t normalise_n(const char *in, size_t inlen, char *out, size_t outsz, size_t *full)
{
    size_t w = 0, need = 0;
    bool pending_space = false;
    for (size_t i = 0; i < inlen; i++) {
        unsigned char c = (unsigned char)in[i];
        if (!sigs_is_alnum(c)) {
            pending_space = need > 0;
            continue;
        }
        if (pending_space) {
            if (w + 1 < outsz)
                out[w++] = ' ';
            need++;
            pending_space = false;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (w + 1 < outsz)
            out[w++] = (char)c;
        need++;
    }
    if (outsz)
        out[w] = '\0';
    if (full)
        *full = need;
    return w;
}

size_t vs_sigs_normalise(const char *in, char *out, size_t outsz)
{
    if (!in)
        in = "";
    return normalise_n(in, strlen(in), out, outsz, NULL);
}

/* ---- vendors.ini ------------------------------------------------------------------------- */

struct vparse {
    struct vs_sigs *s;
    const char *file;
    struct vs_ini_err *e;
    size_t capalias, cappenv;
};

static bool add_alias(struct vparse *vp, const char *text, uint32_t vendor, enum alias_kind kind,
                      unsigned line)
{
    struct vs_sigs *s = vp->s;
    size_t n = strlen(text);
    char *key = malloc(n + 1);
    if (!key || !sigs_grow(&s->alias, &vp->capalias, s->nalias, sizeof *s->alias)) {
        free(key);
        vs_ini_fail(vp->e, -ENOMEM, vp->file, line, "out of memory");
        return false;
    }
    normalise_n(text, n, key, n + 1, NULL);
    if (!*key) {
        free(key);
        vs_ini_fail(vp->e, -EINVAL, vp->file, line, "'%s' has no letters or digits", text);
        return false;
    }
    s->alias[s->nalias++] = (struct alias){key, vendor, kind, line};
    return true;
}

static bool add_enterprise(struct vparse *vp, const char *value, uint32_t vendor, unsigned line)
{
    uint32_t pen;
    if (!sigs_parse_u32(value, &pen)) {
        vs_ini_fail(vp->e, -EINVAL, vp->file, line, "enterprise '%s' is not a number", value);
        return false;
    }
    struct vs_sigs *s = vp->s;
    if (!sigs_grow(&s->penv, &vp->cappenv, s->npenv, sizeof *s->penv)) {
        vs_ini_fail(vp->e, -ENOMEM, vp->file, line, "out of memory");
        return false;
    }
    s->penv[s->npenv++] = (struct pen_vendor){pen, vendor, line};
    return true;
}

static bool vendors_entry(void *user, struct vs_ini_doc *d, const char *name, const char *value,
                          unsigned line, bool cont)
{
    struct vparse *vp = user;
    if (vp->e->rc)
        return false;
    if (d->nhdr == 0) {
        vs_ini_fail(vp->e, -EINVAL, vp->file, line, "key '%s' outside a [Vendor] section", name);
        return false;
    }
    uint32_t vendor = (uint32_t)(d->nhdr - 1);
    if (cont) {
        vs_ini_fail(vp->e, -EINVAL, vp->file, line,
                    "indented line would continue '%s'; write each key = value on its own line "
                    "at the start of the line",
                    name);
        return false;
    }
    if (strcmp(name, "org") == 0)
        return add_alias(vp, value, vendor, ALIAS_ORG, line);
    if (strcmp(name, "name") == 0)
        return add_alias(vp, value, vendor, ALIAS_NAME, line);
    if (strcmp(name, "enterprise") == 0)
        return add_enterprise(vp, value, vendor, line);
    vs_ini_fail(vp->e, -EINVAL, vp->file, line,
                "unknown key '%s' (expected org, enterprise or name)", name);
    return false;
}

static int cmp_alias(const void *a, const void *b)
{
    const struct alias *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_penv(const void *a, const void *b)
{
    const struct pen_vendor *x = a, *y = b;
    if (x->pen != y->pen)
        return x->pen < y->pen ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* A [Vendor] header is the vendor's canonical name: printable, trimmed, given once. */
static bool check_vendor_name(const struct vs_sigs *s, const struct vs_ini_doc *d, size_t i,
                              struct vs_ini_err *e)
{
    const struct vs_ini_header *h = &d->hdr[i];
    for (size_t j = 0; j < i; j++) {
        if (strcmp(h->name, s->vendors[j]) == 0) {
            vs_ini_fail(e, -EINVAL, d->file, h->line, "duplicate vendor [%s] (first at line %u)",
                        h->name, d->hdr[j].line);
            break;
        }
    }
    const char *vn = h->name;
    for (const char *c = vn; !e->rc && *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
            vs_ini_fail(e, -EINVAL, d->file, h->line, "vendor names are printable ASCII");
    if (!e->rc &&
        (sigs_is_space((unsigned char)vn[0]) || sigs_is_space((unsigned char)vn[strlen(vn) - 1])))
        vs_ini_fail(e, -EINVAL, d->file, h->line, "space at the start or end of [%s]", vn);
    return !e->rc;
}

/* Sort the aliases and enterprise numbers for look-up; one key naming two vendors is an
 * error, as is one enterprise number given twice. */
static int index_vendors(struct vs_sigs *s, const char *file, struct vs_ini_err *e)
{
    if (s->nalias)
        qsort(s->alias, s->nalias, sizeof *s->alias, cmp_alias);
    for (size_t i = 1; i < s->nalias; i++) {
        const struct alias *a = &s->alias[i - 1], *b = &s->alias[i];
        if (strcmp(a->key, b->key) == 0 && a->vendor != b->vendor) {
            vs_ini_fail(e, -EINVAL, file, b->line, "'%s' already names %s (line %u), not %s",
                        b->key, s->vendors[a->vendor], a->line, s->vendors[b->vendor]);
            return e->rc;
        }
    }
    if (s->npenv)
        qsort(s->penv, s->npenv, sizeof *s->penv, cmp_penv);
    for (size_t i = 1; i < s->npenv; i++) {
        const struct pen_vendor *a = &s->penv[i - 1], *b = &s->penv[i];
        if (a->pen == b->pen) {
            vs_ini_fail(e, -EINVAL, file, b->line, "enterprise %u already given to %s at line %u",
                        b->pen, s->vendors[a->vendor], a->line);
            return e->rc;
        }
    }
    return 0;
}

int sigs_load_vendors(struct vs_sigs *s, const char *file, const char *text, size_t len,
                      struct vs_ini_err *e)
{
    struct vs_ini_doc d;
    struct vparse vp = {.s = s, .file = file, .e = e};
    vs_ini_doc_parse(&d, file, text, len, e, vendors_entry, &vp);
    if (!e->rc) {
        s->vendors = calloc(d.nhdr ? d.nhdr : 1, sizeof *s->vendors);
        if (!s->vendors)
            vs_ini_fail(e, -ENOMEM, file, 0, "out of memory");
    }
    for (size_t i = 0; !e->rc && i < d.nhdr; i++) {
        if (!check_vendor_name(s, &d, i, e))
            break;
        s->vendors[i] = d.hdr[i].name;
        d.hdr[i].name = NULL;
        s->nvendors++;
        /* The canonical name is itself a name of the vendor. */
        add_alias(&vp, s->vendors[i], (uint32_t)i, ALIAS_NAME, d.hdr[i].line);
    }
    if (d.nhdr == 0)
        vs_ini_fail(e, -EINVAL, file, 0, "no [Vendor] sections");
    vs_ini_doc_free(&d);
    if (e->rc)
        return e->rc;
    return index_vendors(s, file, e);
}

/* ---- enterprises.tsv --------------------------------------------------------------------- */

static int cmp_pen(const void *a, const void *b)
{
    const struct pen_name *x = a, *y = b;
    return x->pen < y->pen ? -1 : x->pen > y->pen;
}

int sigs_load_enterprises(struct vs_sigs *s, const char *file, char *text, size_t len,
                          struct vs_ini_err *e)
{
    s->pen_text = text;
    size_t cap = 0;
    unsigned lineno = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        lineno++;
        char *next = nl ? nl + 1 : end;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r')
            *--eol = '\0';
        if (memchr(p, '\0', (size_t)(eol - p))) {
            vs_ini_fail(e, -EINVAL, file, lineno, "NUL byte in line");
            return e->rc;
        }
        if (p == eol || *p == '#') {
            p = next;
            continue;
        }
        if ((size_t)(eol - p) > VS_MAX_DATA_LINE) {
            vs_ini_fail(e, -EINVAL, file, lineno, "line longer than %d bytes", VS_MAX_DATA_LINE);
            return e->rc;
        }
        /* The number is read on the way to the tab (62,000 lines: one pass, no calls); the
         * same rule as sigs_parse_u32: decimal digits only, at most UINT32_MAX. */
        char *tab = p;
        uint64_t v = 0;
        bool num = *p != '\t';
        for (; *tab && *tab != '\t'; tab++) {
            if (*tab < '0' || *tab > '9' || v > UINT32_MAX)
                num = false;
            else
                v = v * 10 + (uint64_t)(*tab - '0');
        }
        if (!*tab) {
            vs_ini_fail(e, -EINVAL, file, lineno, "expected NUMBER<TAB>NAME");
            return e->rc;
        }
        *tab = '\0';
        if (!num || v > UINT32_MAX) {
            vs_ini_fail(e, -EINVAL, file, lineno, "'%s' is not an enterprise number", p);
            return e->rc;
        }
        uint32_t pen = (uint32_t)v;
        char *nm = tab + 1;
        while (*nm == ' ' || *nm == '\t')
            nm++;
        char *ne = eol;
        while (ne > nm && sigs_is_space((unsigned char)ne[-1]))
            *--ne = '\0';
        if (!*nm) {
            vs_ini_fail(e, -EINVAL, file, lineno, "enterprise %u has no name", pen);
            return e->rc;
        }
        if (!sigs_grow(&s->pens, &cap, s->npens, sizeof *s->pens)) {
            vs_ini_fail(e, -ENOMEM, file, lineno, "out of memory");
            return e->rc;
        }
        s->pens[s->npens++] = (struct pen_name){pen, nm};
        p = next;
    }
    /* The registry is published in order; only an edited file needs the sort. */
    bool sorted = true;
    for (size_t i = 1; i < s->npens && sorted; i++)
        sorted = s->pens[i - 1].pen < s->pens[i].pen;
    if (!sorted)
        qsort(s->pens, s->npens, sizeof *s->pens, cmp_pen);
    for (size_t i = 1; i < s->npens; i++) {
        if (s->pens[i - 1].pen == s->pens[i].pen) {
            vs_ini_fail(e, -EINVAL, file, 0, "enterprise %u is listed twice", s->pens[i].pen);
            return e->rc;
        }
    }
    return 0;
}

/* ---- look-ups ---------------------------------------------------------------------------- */

static const struct alias *find_alias(const struct vs_sigs *s, const char *key)
{
    size_t lo = 0, hi = s->nalias;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->alias[mid].key, key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nalias && strcmp(s->alias[lo].key, key) == 0 ? &s->alias[lo] : NULL;
}

/* The first word of a text as normalisation would leave it (ASCII letters and digits,
 * lower case), packed into 8 bytes: a new device's registry organisation almost never
 * names a known vendor, and this rejects it without normalising the whole name. */
static uint64_t first_word(const char *t, size_t len)
{
    size_t i = 0;
    while (i < len && !sigs_is_alnum((unsigned char)t[i]))
        i++;
    uint64_t w = 0;
    for (size_t k = 0; k < 8 && i < len && sigs_is_alnum((unsigned char)t[i]); k++, i++) {
        unsigned char c = (unsigned char)t[i];
        w = w << 8 | (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return w;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void sigs_index_first_words(struct vs_sigs *s)
{
    s->first_words = malloc((s->nalias ? s->nalias : 1) * sizeof *s->first_words);
    if (!s->first_words)
        return;
    size_t n = 0;
    for (size_t i = 0; i < s->nalias; i++)
        s->first_words[n++] = first_word(s->alias[i].key, strlen(s->alias[i].key));
    qsort(s->first_words, n, sizeof *s->first_words, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || s->first_words[u - 1] != s->first_words[i])
            s->first_words[u++] = s->first_words[i];
    s->nfirst_words = u;
}

static bool maybe_alias(const struct vs_sigs *s, const char *text, size_t len)
{
    if (!s->first_words)
        return true;
    uint64_t w = first_word(text, len);
    return bsearch(&w, s->first_words, s->nfirst_words, sizeof w, cmp_u64) != NULL;
}

const char *sigs_vendor_by_text(const struct vs_sigs *s, const char *text, size_t len,
                                bool org_only)
{
    char key[SIG_CAPTURE_MAX];
    size_t full;
    if (!s || !text)
        return NULL;
    if (!maybe_alias(s, text, len))
        return NULL;
    normalise_n(text, len, key, sizeof key, &full);
    if (!full || full >= sizeof key)
        return NULL;
    const struct alias *a = find_alias(s, key);
    if (!a)
        return NULL;
    if (org_only) {
        /* Aliases of one key are adjacent; any of them may be the org. */
        const struct alias *first = a;
        const struct alias *end = s->alias + s->nalias;
        for (; a < end && strcmp(a->key, first->key) == 0; a++)
            if (a->kind == ALIAS_ORG)
                return s->vendors[a->vendor];
        return NULL;
    }
    return s->vendors[a->vendor];
}

const char *vs_sigs_vendor_for_org(const struct vs_sigs *s, const char *org)
{
    return org ? sigs_vendor_by_text(s, org, strlen(org), true) : NULL;
}

const char *vs_sigs_vendor_for_name(const struct vs_sigs *s, const char *name)
{
    return name ? sigs_vendor_by_text(s, name, strlen(name), false) : NULL;
}

/* Both enterprise tables are sorted by a leading pen and hold each number once (loading
 * refuses a repeat), so any match bsearch finds is the one. */
_Static_assert(offsetof(struct pen_vendor, pen) == 0 && offsetof(struct pen_name, pen) == 0,
               "find_pen reads the pen at the start of an entry");

static int cmp_pen_key(const void *key, const void *entry)
{
    uint32_t a = *(const uint32_t *)key, b = *(const uint32_t *)entry;
    return a < b ? -1 : a > b;
}

static const void *find_pen(const void *base, size_t n, size_t size, uint32_t pen)
{
    return n ? bsearch(&pen, base, n, size, cmp_pen_key) : NULL;
}

const char *vs_sigs_vendor_for_enterprise(const struct vs_sigs *s, uint32_t pen)
{
    const struct pen_vendor *p = s ? find_pen(s->penv, s->npenv, sizeof *p, pen) : NULL;
    return p ? s->vendors[p->vendor] : NULL;
}

const char *vs_sigs_enterprise_name(const struct vs_sigs *s, uint32_t pen)
{
    const struct pen_name *p = s ? find_pen(s->pens, s->npens, sizeof *p, pen) : NULL;
    return p ? p->name : NULL;
}

int sigs_vendor_index(const struct vs_sigs *s, const char *name)
{
    for (size_t i = 0; i < s->nvendors; i++)
        if (strcmp(s->vendors[i], name) == 0)
            return (int)i;
    return -1;
}
