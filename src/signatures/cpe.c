/* SPDX-License-Identifier: BSD-2-Clause */
/* cpe.c - CPE 2.3 names from a rule's `cpe` template (docs/signatures.md): our templates are
 * formatted strings (NISTIR 7695 s6.2, "cpe:2.3:h:huawei:$1:-:*:*:*:*:*:*:*") whose captured
 * pieces are lower-cased and quoted here; Recog's cpe23 params are mostly URI bindings
 * ("cpe:/o:cisco:ios:{os.version}", NISTIR 7695 s6.1), converted to formatted strings. */
#include <string.h>

#include "sigs_int.h"

/* CPE 2.3 attributes: part vendor product version update edition language sw_edition
 * target_sw target_hw other. */
#define CPE_ATTRS 11

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

struct out {
    char *p;
    size_t n, sz;
    bool full;
};

static void put(struct out *o, char c)
{
    if (o->n + 1 >= o->sz) {
        o->full = true;
        return;
    }
    o->p[o->n++] = c;
    o->p[o->n] = '\0';
}

/* A value inside an attribute: letters, digits, '_', '-' and '.' as they are (s6.2.2.2
 * leaves those unquoted), a space as '_', other printable ASCII quoted with '\', anything
 * else (control bytes, non-ASCII) dropped: a name to look advisories up by, not a copy. */
static void put_quoted(struct out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = lower(s[i]);
        unsigned char u = (unsigned char)c;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.') {
            put(o, c);
        } else if (c == ' ') {
            put(o, '_');
        } else if (u > 0x20 && u < 0x7f) {
            put(o, '\\');
            put(o, c);
        }
    }
}

static bool span(const PCRE2_SIZE *ov, int rc, int g, size_t *st, size_t *n)
{
    if (g >= rc || ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g])
        return false;
    *st = ov[2 * g];
    *n = ov[2 * g + 1] - ov[2 * g];
    return true;
}

static int hexv(char c)
{
    c = lower(c);
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The URI binding in raw (captures with ':' made "%3a" so they stay one attribute) to a
 * formatted string: attributes percent-decoded and quoted, the missing ones "*". */
static void from_uri(const char *raw, struct out *o)
{
    const char *p = raw + 5; /* after "cpe:/" */
    for (const char *q = "cpe:2.3:"; *q; q++)
        put(o, *q);
    int attr = 0;
    while (attr < CPE_ATTRS) {
        if (attr)
            put(o, ':');
        const char *end = attr < 7 && p ? strchr(p, ':') : NULL;
        size_t n = attr < 7 && p ? (end ? (size_t)(end - p) : strlen(p)) : 0;
        if (!n) {
            put(o, '*');
        } else {
            char dec[256];
            size_t k = 0;
            for (size_t i = 0; i < n && k < sizeof dec; i++) {
                if (p[i] == '%' && i + 2 < n && hexv(p[i + 1]) >= 0 && hexv(p[i + 2]) >= 0) {
                    dec[k++] = (char)(hexv(p[i + 1]) * 16 + hexv(p[i + 2]));
                    i += 2;
                } else {
                    dec[k++] = p[i];
                }
            }
            if (k == 1 && (dec[0] == '-' || dec[0] == '*'))
                put(o, dec[0]); /* NA / ANY as they are */
            else
                put_quoted(o, dec, k);
        }
        p = end ? end + 1 : NULL;
        attr++;
    }
}

void sigs_cpe_expand(const struct tmpl *t, bool uri, const char *v, const PCRE2_SIZE *ov, int rc,
                     char *out, size_t outsz)
{
    out[0] = '\0';
    if (!t->n || outsz < 16)
        return;
    size_t st = 0, n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->seg[i].group >= 0 && !span(ov, rc, t->seg[i].group, &st, &n))
            return; /* stands or falls whole, like the other templates */
    if (!uri) {
        struct out o = {out, 0, outsz, false};
        for (size_t i = 0; i < t->n; i++) {
            if (t->seg[i].group >= 0) {
                span(ov, rc, t->seg[i].group, &st, &n);
                put_quoted(&o, v + st, n);
            } else {
                for (size_t k = 0; k < t->seg[i].len; k++)
                    put(&o, lower(t->seg[i].lit[k]));
            }
        }
        if (o.full)
            out[0] = '\0'; /* a cut name would name something else */
        return;
    }
    /* Recog: expand raw first, then rebind. */
    char raw[512];
    struct out r = {raw, 0, sizeof raw, false};
    raw[0] = '\0';
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->seg[i].lit;
        n = t->seg[i].len;
        bool cap = t->seg[i].group >= 0;
        if (cap) {
            span(ov, rc, t->seg[i].group, &st, &n);
            s = v + st;
        }
        for (size_t k = 0; k < n; k++) {
            if (cap && s[k] == ':') {
                put(&r, '%');
                put(&r, '3');
                put(&r, 'a');
            } else {
                put(&r, s[k]);
            }
        }
    }
    if (r.full)
        return;
    struct out o = {out, 0, outsz, false};
    if (strncmp(raw, "cpe:/", 5) == 0) {
        from_uri(raw, &o);
    } else if (strncmp(raw, "cpe:2.3:", 8) == 0) {
        for (size_t k = 0; raw[k]; k++)
            put(&o, lower(raw[k]));
    } else {
        return;
    }
    if (o.full)
        out[0] = '\0';
}
