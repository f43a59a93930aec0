/* SPDX-License-Identifier: BSD-2-Clause */
/* rules.c - the rule compiler: reads rules/ *.ini through the strict INI reader and turns each
 * section into a compiled rule, one key-table row per key (docs/signatures.md, "Rules"). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigs_int.h"

/* ---- values as written, and what the keys' values mean -------------------------------------- */

/* One value of a key as written (its continuation lines joined), with the key's line. */
struct rawval {
    char *v;
    size_t len;
    unsigned line;
};

static bool append(struct rawval *rv, const char *text, struct vs_ini_err *e, const char *file,
                   unsigned line)
{
    size_t n = strlen(text);
    if (rv->len + n > SIG_MAX_VALUE) {
        vs_ini_fail(e, -EINVAL, file, line, "value longer than %d bytes", SIG_MAX_VALUE);
        return false;
    }
    char *q = realloc(rv->v, rv->len + n + 1);
    if (!q) {
        vs_ini_fail(e, -ENOMEM, file, line, "out of memory");
        return false;
    }
    memcpy(q + rv->len, text, n + 1);
    rv->v = q;
    rv->len += n;
    return true;
}

/* \r \n \t \\ \xHH; anything else after a backslash is an error. */
static bool unescape(const char *in, size_t inlen, char **out, size_t *outlen, const char **why)
{
    char *o = malloc(inlen + 1);
    if (!o) {
        *why = "out of memory";
        return false;
    }
    size_t w = 0;
    for (size_t i = 0; i < inlen; i++) {
        if (in[i] != '\\') {
            o[w++] = in[i];
            continue;
        }
        if (++i >= inlen) {
            *why = "'\\' at the end of the value";
            free(o);
            return false;
        }
        static const char named[] = "rnt\\", as[] = "\r\n\t\\";
        const char *k = memchr(named, in[i], sizeof named - 1);
        if (k) {
            o[w++] = as[k - named];
            continue;
        }
        if (in[i] != 'x') {
            *why = "unknown escape (use \\r \\n \\t \\\\ or \\xHH)";
            free(o);
            return false;
        }
        int v = 0;
        for (int n = 0; n < 2; n++) {
            char c = ++i < inlen ? in[i] : '\0';
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0) {
                *why = "\\x needs two hex digits";
                free(o);
                return false;
            }
            v = v * 16 + d;
        }
        o[w++] = (char)v;
    }
    o[w] = '\0';
    *out = o;
    *outlen = w;
    return true;
}

static void tmpl_free(struct tmpl *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->seg[i].lit);
    free(t->seg);
    memset(t, 0, sizeof *t);
}

/* "$N", "${N}" and "$$" in literal text; N must be a group of the pattern. */
static bool tmpl_parse(struct tmpl *t, const char *src, uint32_t ncap, const char **why)
{
    size_t cap = 0;
    const char *p = src;
    while (*p) {
        const char *q = p;
        int group = -1;
        size_t litlen;
        if (*p == '$') {
            if (p[1] == '$') {
                q = p + 2;
                litlen = 1;
                p++; /* the literal is the second '$' */
            } else {
                const char *d = p + 1;
                bool brace = *d == '{';
                d += brace;
                int g = 0, digits = 0;
                while (*d >= '0' && *d <= '9' && digits < 2) {
                    g = g * 10 + (*d++ - '0');
                    digits++;
                }
                if (!digits || (brace && *d++ != '}')) {
                    *why = "'$' must be followed by a group number, {N} or '$'";
                    return false;
                }
                if ((uint32_t)g > ncap) {
                    *why = "template names a group the pattern does not have";
                    return false;
                }
                group = g;
                q = d;
                litlen = 0;
            }
        } else {
            while (*q && *q != '$')
                q++;
            litlen = (size_t)(q - p);
        }
        if (!sigs_grow(&t->seg, &cap, t->n, sizeof *t->seg)) {
            *why = "out of memory";
            return false;
        }
        struct tseg *sg = &t->seg[t->n];
        sg->group = group;
        sg->len = group >= 0 ? 0 : litlen;
        sg->lit = group >= 0 ? NULL : sigs_dupn(p, litlen);
        if (group < 0 && !sg->lit) {
            *why = "out of memory";
            return false;
        }
        t->n++;
        p = q;
    }
    return true;
}

void sigs_rule_free(struct rule *r)
{
    free(r->id);
    free(r->fields);
    pcre2_code_free(r->re);
    pcre2_code_free(r->jit);
    tmpl_free(&r->model);
    tmpl_free(&r->software);
    tmpl_free(&r->name);
    tmpl_free(&r->cpe_hw);
    tmpl_free(&r->cpe_os);
    for (size_t i = 0; i < r->nex; i++)
        free(r->ex[i].v);
    free(r->ex);
    for (size_t i = 0; i < r->nnear; i++)
        free(r->near[i].v);
    free(r->near);
    free(r->expect.vendor);
    free(r->expect.model);
    free(r->expect.software);
    free(r->expect.name);
    free(r->expect.cpe);
    sigs_recog_free(r->recog);
    memset(r, 0, sizeof *r);
}

static bool parse_expect(struct expect *x, const char *src, const char **why)
{
    const char *p = src;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        while (n && sigs_is_space((unsigned char)*p))
            p++, n--;
        while (n && sigs_is_space((unsigned char)p[n - 1]))
            n--;
        if (n) {
            const char *eq = memchr(p, '=', n);
            if (!eq) {
                *why = "expect wants key=value items separated by ';'";
                return false;
            }
            size_t kl = (size_t)(eq - p);
            while (kl && sigs_is_space((unsigned char)p[kl - 1]))
                kl--;
            const char *v = eq + 1;
            size_t vl = n - (size_t)(v - p);
            while (vl && sigs_is_space((unsigned char)*v))
                v++, vl--;
            char **slot;
            bool *has;
            if (kl == 6 && memcmp(p, "vendor", 6) == 0)
                slot = &x->vendor, has = &x->has_vendor;
            else if (kl == 5 && memcmp(p, "model", 5) == 0)
                slot = &x->model, has = &x->has_model;
            else if (kl == 8 && memcmp(p, "software", 8) == 0)
                slot = &x->software, has = &x->has_software;
            else if (kl == 4 && memcmp(p, "name", 4) == 0)
                slot = &x->name, has = &x->has_name;
            else if (kl == 3 && memcmp(p, "cpe", 3) == 0)
                slot = &x->cpe, has = &x->has_cpe;
            else {
                *why = "expect keys are vendor, model, software, name and cpe";
                return false;
            }
            if (*has) {
                *why = "expect names a key twice";
                return false;
            }
            size_t ol;
            if (!unescape(v, vl, slot, &ol, why))
                return false;
            *has = true;
        }
        if (!semi)
            break;
        p = semi + 1;
    }
    x->set = true;
    return true;
}

static bool parse_weight(const char *v, double *out)
{
    char *end;
    errno = 0;
    double w = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(w) || !(w > 0.0) || w > 1.0)
        return false;
    *out = w;
    return true;
}

/* "$N" or "${N}" alone; returns the group or -1. */
static int lone_group(const char *v)
{
    if (v[0] != '$')
        return -1; /* before looking at v[1]: v may be "" */
    bool brace = v[1] == '{';
    const char *d = v + 1 + brace;
    int g = 0, digits = 0;
    while (*d >= '0' && *d <= '9' && digits < 3)
        g = g * 10 + (*d++ - '0'), digits++;
    if (!digits || (brace && *d++ != '}') || *d)
        return -1;
    return g;
}

static bool sample_add(struct sample **arr, size_t *n, const struct rawval *rv,
                       struct vs_ini_err *e, const char *file, const char *id)
{
    const char *why = NULL;
    char *v;
    size_t len;
    if (!unescape(rv->v ? rv->v : "", rv->len, &v, &len, &why)) {
        vs_ini_fail(e, -EINVAL, file, rv->line, "rule %s: %s", id, why);
        return false;
    }
    if (!len) {
        free(v);
        vs_ini_fail(e, -EINVAL, file, rv->line, "rule %s: empty value", id);
        return false;
    }
    (*arr)[(*n)++] = (struct sample){v, len, rv->line};
    return true;
}

/* ---- compiling a rule, one key at a time ---------------------------------------------------- */

/* The rule being compiled from its raw keys. */
struct rcomp {
    struct vs_sigs *s;
    struct rule *r;
    struct vs_ini_err *e;
    const char *file;
    const char *id;
    unsigned line; /* of the section header */
    uint32_t opts; /* PCRE2 options, from flags */
};

static bool key_fields(struct rcomp *c, struct rawval *v, size_t n)
{
    struct rule *r = c->r;
    if (!n || !v->v || !*v->v) {
        vs_ini_fail(c->e, -EINVAL, c->file, c->line, "rule %s: no fields", c->id);
        return false;
    }
    r->fields = calloc(v->len / 2 + 1, sizeof *r->fields);
    if (!r->fields) {
        vs_ini_fail(c->e, -ENOMEM, c->file, v->line, "out of memory");
        return false;
    }
    for (char *tok = v->v; *tok;) {
        while (*tok == ' ' || *tok == '\t' || *tok == ',')
            tok++;
        if (!*tok)
            break;
        char *te = tok;
        while (*te && *te != ' ' && *te != '\t' && *te != ',')
            te++;
        char save = *te;
        *te = '\0';
        enum vs_field f;
        if (!vs_field_parse(tok, &f)) {
            vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: unknown field '%s'", c->id, tok);
            return false;
        }
        for (size_t k = 0; k < r->nfields; k++) {
            if (r->fields[k] == f) {
                vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: field '%s' listed twice",
                            c->id, tok);
                return false;
            }
        }
        r->fields[r->nfields++] = f;
        *te = save;
        tok = te;
    }
    return true;
}

static bool key_flags(struct rcomp *c, struct rawval *v, size_t n)
{
    c->opts = PCRE2_NEVER_UTF | PCRE2_NEVER_UCP;
    for (const char *f = n && v->v ? v->v : ""; *f; f++) {
        uint32_t o = *f == 'i'   ? PCRE2_CASELESS
                     : *f == 's' ? PCRE2_DOTALL
                     : *f == 'm' ? PCRE2_MULTILINE
                     : *f == 'x' ? PCRE2_EXTENDED
                                 : 0;
        if (*f == ' ' || *f == ',')
            continue;
        if (!o || (c->opts & o)) {
            vs_ini_fail(c->e, -EINVAL, c->file, v->line,
                        "rule %s: flags are i, s, m and x, each once", c->id);
            return false;
        }
        c->opts |= o;
    }
    return true;
}

static bool key_pattern(struct rcomp *c, struct rawval *v, size_t n)
{
    struct rule *r = c->r;
    (void)n; /* the table requires one */
    if (!v->v || !*v->v) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->v ? v->line : c->line, "rule %s: no pattern", c->id);
        return false;
    }
    int perr;
    PCRE2_SIZE poff;
    r->re = pcre2_compile((PCRE2_SPTR)v->v, v->len, c->opts, &perr, &poff, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[160];
        if (pcre2_get_error_message(perr, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", perr);
        vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: pattern error at offset %zu: %s",
                    c->id, (size_t)poff, (const char *)msg);
        return false;
    }
    /* JIT-compiled on first use (sigs_rule_code): a start-up compiles every rule to check
     * it, but most fields never see a value. */
    if (pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &r->ncap) != 0)
        r->ncap = 0;
    if (r->ncap > SIG_MAX_GROUP) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: more than %d capture groups", c->id,
                    SIG_MAX_GROUP);
        return false;
    }
    if (r->ncap > c->s->maxcap)
        c->s->maxcap = r->ncap;
    return true;
}

static bool key_vendor(struct rcomp *c, struct rawval *rv, size_t n)
{
    struct rule *r = c->r;
    if (!n || !rv->v)
        return true;
    const char *v = rv->v;
    int g;
    if (strncmp(v, "enterprise:", 11) == 0) {
        g = lone_group(v + 11);
        if (g < 0) {
            vs_ini_fail(c->e, -EINVAL, c->file, rv->line, "rule %s: enterprise: wants $N", c->id);
            return false;
        }
        r->vkind = VK_ENTERPRISE;
    } else if (v[0] == '$') {
        g = lone_group(v);
        if (g < 0) {
            vs_ini_fail(c->e, -EINVAL, c->file, rv->line, "rule %s: vendor '%s' is not $N", c->id,
                        v);
            return false;
        }
        r->vkind = VK_NAME;
    } else {
        g = sigs_vendor_index(c->s, v);
        if (g < 0) {
            vs_ini_fail(c->e, -EINVAL, c->file, rv->line,
                        "rule %s: vendor '%s' is not in vendors.ini", c->id, v);
            return false;
        }
        r->vkind = VK_FIXED;
    }
    if (r->vkind != VK_FIXED && (uint32_t)g > r->ncap) {
        vs_ini_fail(c->e, -EINVAL, c->file, rv->line, "rule %s: the pattern has no group %d", c->id,
                    g);
        return false;
    }
    r->vendor = (uint32_t)g;
    return true;
}

static bool key_template(struct rcomp *c, struct tmpl *t, const char *key, struct rawval *v,
                         size_t n)
{
    const char *why = NULL;
    if (n && v->v && !tmpl_parse(t, v->v, c->r->ncap, &why)) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: %s: %s", c->id, key, why);
        return false;
    }
    return true;
}

static bool key_model(struct rcomp *c, struct rawval *v, size_t n)
{
    return key_template(c, &c->r->model, "model", v, n);
}

static bool key_software(struct rcomp *c, struct rawval *v, size_t n)
{
    return key_template(c, &c->r->software, "software", v, n);
}

static bool key_name(struct rcomp *c, struct rawval *v, size_t n)
{
    return key_template(c, &c->r->name, "name", v, n);
}

/* A CPE 2.3 formatted-string template: its part (h, o or a) says which of the two it is. */
static bool key_cpe(struct rcomp *c, struct rawval *v, size_t n)
{
    if (!n || !v->v)
        return true;
    const char *s = v->v;
    char part = strncmp(s, "cpe:2.3:", 8) == 0 ? s[8] : 0;
    if ((part != 'h' && part != 'o' && part != 'a') || s[9] != ':') {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line,
                    "rule %s: cpe must start cpe:2.3:h:, cpe:2.3:o: or cpe:2.3:a:", c->id);
        return false;
    }
    return key_template(c, part == 'h' ? &c->r->cpe_hw : &c->r->cpe_os, "cpe", v, n);
}

/* After the last of the keys a rule yields: it must yield one of them. */
static bool yields_something(struct rcomp *c)
{
    const struct rule *r = c->r;
    if (r->vkind == VK_NONE && !r->model.n && !r->software.n && !r->name.n) {
        vs_ini_fail(c->e, -EINVAL, c->file, c->line,
                    "rule %s: yields nothing (set vendor, model, software or name)", c->id);
        return false;
    }
    return true;
}

static bool key_weight(struct rcomp *c, struct rawval *v, size_t n)
{
    (void)n; /* the table requires one */
    if (!parse_weight(v->v, &c->r->weight)) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line,
                    "rule %s: weight '%s' is not a number in (0, 1]", c->id, v->v);
        return false;
    }
    return true;
}

/* Examples and near misses: unescaped, each a non-empty value; spare is room for none. */
static bool key_samples(struct rcomp *c, struct sample **arr, size_t *na, size_t spare,
                        const struct rawval *v, size_t n)
{
    *arr = calloc(n + spare, sizeof **arr);
    if (!*arr) {
        vs_ini_fail(c->e, -ENOMEM, c->file, c->line, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (!sample_add(arr, na, &v[i], c->e, c->file, c->id))
            return false;
    return true;
}

static bool key_examples(struct rcomp *c, struct rawval *v, size_t n)
{
    return key_samples(c, &c->r->ex, &c->r->nex, 0, v, n);
}

static bool key_nearmisses(struct rcomp *c, struct rawval *v, size_t n)
{
    return key_samples(c, &c->r->near, &c->r->nnear, 1, v, n);
}

static bool key_expect(struct rcomp *c, struct rawval *v, size_t n)
{
    struct expect *x = &c->r->expect;
    const char *why = NULL;
    if (!n || !v->v)
        return true;
    x->line = v->line;
    if (!parse_expect(x, v->v, &why)) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line, "rule %s: %s", c->id, why);
        return false;
    }
    if (x->has_vendor && x->vendor && *x->vendor && sigs_vendor_index(c->s, x->vendor) < 0) {
        vs_ini_fail(c->e, -EINVAL, c->file, v->line,
                    "rule %s: expected vendor '%s' is not in vendors.ini", c->id, x->vendor);
        return false;
    }
    return true;
}

/* One row per rule key, in the order a rule is compiled (pattern needs flags, vendor and the
 * templates need the pattern's groups): how often the key may be given, how an indented
 * line joins its value, and what turns the values into the rule. */
struct rule_key {
    const char *name;
    size_t min, max;
    const char *joiner;
    bool (*compile)(struct rcomp *c, struct rawval *v, size_t n);
    bool (*then)(struct rcomp *c); /* a check on the rule so far, or NULL */
};

static const struct rule_key rule_keys[] = {
    {"fields", 1, 1, " ", key_fields, NULL}, /* a field list goes on as a list */
    {"flags", 0, 1, "", key_flags, NULL},
    {"pattern", 1, 1, "", key_pattern, NULL},
    {"vendor", 0, 1, "", key_vendor, NULL},
    {"model", 0, 1, "", key_model, NULL},
    {"software", 0, 1, "", key_software, NULL},
    {"name", 0, 1, "", key_name, yields_something}, /* the last key a rule yields */
    {"cpe", 0, 1, "", key_cpe, NULL},
    {"weight", 1, 1, "", key_weight, NULL},
    {"example", 1, SIZE_MAX, "", key_examples, NULL},
    {"nearmiss", 0, SIZE_MAX, "", key_nearmisses, NULL},
    {"expect", 0, 1, "", key_expect, NULL},
};

#define RULE_NKEYS (sizeof rule_keys / sizeof rule_keys[0])

/* ---- reading rules/ *.ini ------------------------------------------------------------------ */

/* The values one key was given in the rule being read, continuations joined. */
struct rawkey {
    struct rawval *val;
    size_t n, cap;
};

struct rawrule {
    bool active;
    size_t hdr;
    struct rawkey key[RULE_NKEYS];
    size_t lastkey;
};

struct rparse {
    struct vs_sigs *s;
    struct vs_ini_doc *d;
    struct vs_ini_err *e;
    const char *file; /* as kept in s->files */
    size_t caprules;
    struct rawrule raw;
    size_t handled; /* headers consumed */
    pcre2_match_data *md;
};

static void rawrule_free(struct rawrule *rr)
{
    for (size_t k = 0; k < RULE_NKEYS; k++) {
        for (size_t i = 0; i < rr->key[k].n; i++)
            free(rr->key[k].val[i].v);
        free(rr->key[k].val);
    }
    memset(rr, 0, sizeof *rr);
}

/* A rule is only loaded if its own examples prove it; the set-wide checks (near misses
 * against other rules, conflicts) are vs_sigs_selftest's. */
static bool prove_rule(struct rparse *rp, const struct rcomp *c)
{
    const struct rule *r = c->r;
    if (!rp->md) {
        rp->md = pcre2_match_data_create(SIG_MAX_GROUP + 1, NULL);
        if (!rp->md) {
            vs_ini_fail(c->e, -ENOMEM, c->file, c->line, "out of memory");
            return false;
        }
    }
    char msg[512];
    unsigned line;
    for (size_t i = 0; i < r->nex; i++) {
        if (!sigs_check_example(c->s, r, i, rp->md, msg, sizeof msg, &line, true)) {
            vs_ini_fail(c->e, -EINVAL, c->file, line, "rule %s: %s", c->id, msg);
            return false;
        }
    }
    struct vs_sig_match nm;
    for (size_t i = 0; i < r->nnear; i++) {
        if (sigs_apply_code(c->s, r, r->re, r->near[i].v, r->near[i].len, rp->md, &nm, NULL)) {
            vs_ini_fail(c->e, -EINVAL, c->file, r->near[i].line,
                        "rule %s: nearmiss matches the rule", c->id);
            return false;
        }
    }
    return true;
}

/* Compile the raw keys of the rule just read into s->rules[s->nrules]. */
static void finish_rule(struct rparse *rp)
{
    struct rawrule *rr = &rp->raw;
    if (!rr->active)
        return;
    struct vs_sigs *s = rp->s;
    struct vs_ini_err *e = rp->e;
    struct vs_ini_header *h = &rp->d->hdr[rr->hdr];
    if (e->rc)
        goto out;
    if (!sigs_grow(&s->rules, &rp->caprules, s->nrules, sizeof *s->rules)) {
        vs_ini_fail(e, -ENOMEM, rp->file, h->line, "out of memory");
        goto out;
    }
    struct rule *r = &s->rules[s->nrules];
    memset(r, 0, sizeof *r);
    r->file = rp->file;
    r->line = h->line;
    for (size_t i = 0; i < s->nrules; i++) {
        if (strcmp(s->rules[i].id, h->name) == 0) {
            vs_ini_fail(e, -EINVAL, rp->file, h->line, "duplicate rule id [%s] (first at %s:%u)",
                        h->name, s->rules[i].file, s->rules[i].line);
            goto out;
        }
    }
    r->id = h->name;
    h->name = NULL; /* the rule owns the id now */

    struct rcomp c = {.s = s, .r = r, .e = e, .file = rp->file, .id = r->id, .line = r->line};
    for (size_t k = 0; k < RULE_NKEYS; k++) {
        const struct rule_key *key = &rule_keys[k];
        struct rawkey *rk = &rr->key[k];
        if (rk->n < key->min) {
            vs_ini_fail(e, -EINVAL, rp->file, h->line, "rule %s: no %s", c.id, key->name);
            goto bad;
        }
        if (!key->compile(&c, rk->val, rk->n) || (key->then && !key->then(&c)))
            goto bad;
    }
    if (!prove_rule(rp, &c))
        goto bad;
    s->nrules++;
    goto out;
bad:
    sigs_rule_free(r);
out:
    rawrule_free(rr);
}

static const struct rule_key *find_key(const char *v, size_t n)
{
    for (size_t k = 0; k < RULE_NKEYS; k++)
        if (strlen(rule_keys[k].name) == n && memcmp(v, rule_keys[k].name, n) == 0)
            return &rule_keys[k];
    return NULL;
}

/* The first key of a new section: compile the rule before it, then check the new id. */
static bool start_rule(struct rparse *rp, struct vs_ini_doc *d)
{
    struct rawrule *rr = &rp->raw;
    finish_rule(rp);
    if (rp->e->rc)
        return false;
    if (d->nhdr - rp->handled > 1) {
        const struct vs_ini_header *h = &d->hdr[rp->handled];
        vs_ini_fail(rp->e, -EINVAL, d->file, h->line, "rule %s: empty section", h->name);
        return false;
    }
    rr->active = true;
    rr->hdr = d->nhdr - 1;
    rp->handled = d->nhdr;
    const char *id = d->hdr[rr->hdr].name;
    for (const char *c = id; *c; c++) {
        if (!sigs_is_alnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.') {
            vs_ini_fail(rp->e, -EINVAL, d->file, d->hdr[rr->hdr].line,
                        "rule id '%s' may hold only letters, digits, '-', '_' and '.'", id);
            return false;
        }
    }
    return true;
}

/* An indented line: the next piece of the last key's value, unless it looks like a key or a
 * header that was meant to start a line of its own. */
static bool continue_value(struct rparse *rp, struct vs_ini_doc *d, const char *v, unsigned line)
{
    struct rawrule *rr = &rp->raw;
    size_t n = 0;
    while (sigs_is_alnum((unsigned char)v[n]) || v[n] == '_')
        n++;
    size_t k = n;
    while (v[k] == ' ' || v[k] == '\t')
        k++;
    const struct rule_key *last = &rule_keys[rr->lastkey];
    if (n && (v[k] == '=' || v[k] == ':') && find_key(v, n)) {
        vs_ini_fail(rp->e, -EINVAL, d->file, line,
                    "indented key '%.*s' would continue '%s'; keys start at the beginning of "
                    "the line",
                    (int)n, v, last->name);
        return false;
    }
    if (v[0] == '[') {
        vs_ini_fail(rp->e, -EINVAL, d->file, line,
                    "section header must start at the beginning of the line");
        return false;
    }
    struct rawkey *rk = &rr->key[rr->lastkey];
    struct rawval *target = &rk->val[rk->n - 1];
    if (*last->joiner && !append(target, last->joiner, rp->e, d->file, line))
        return false;
    return append(target, v, rp->e, d->file, line);
}

static bool rules_entry(void *user, struct vs_ini_doc *d, const char *name, const char *value,
                        unsigned line, bool cont)
{
    struct rparse *rp = user;
    struct vs_ini_err *e = rp->e;
    if (e->rc)
        return false;
    if (d->nhdr == 0) {
        vs_ini_fail(e, -EINVAL, d->file, line, "key '%s' outside a [rule] section", name);
        return false;
    }
    struct rawrule *rr = &rp->raw;
    if ((!rr->active || rr->hdr != d->nhdr - 1) && !start_rule(rp, d))
        return false;
    if (cont)
        return continue_value(rp, d, value, line);
    const char *id = d->hdr[rr->hdr].name;
    const struct rule_key *key = find_key(name, strlen(name));
    if (!key) {
        vs_ini_fail(e, -EINVAL, d->file, line, "rule %s: unknown key '%s'", id, name);
        return false;
    }
    rr->lastkey = (size_t)(key - rule_keys);
    struct rawkey *rk = &rr->key[rr->lastkey];
    if (rk->n >= key->max) {
        vs_ini_fail(e, -EINVAL, d->file, line, "rule %s: duplicate key '%s' (first at line %u)", id,
                    name, rk->val[0].line);
        return false;
    }
    if (!sigs_grow(&rk->val, &rk->cap, rk->n, sizeof *rk->val)) {
        vs_ini_fail(e, -ENOMEM, d->file, line, "out of memory");
        return false;
    }
    struct rawval *target = &rk->val[rk->n++];
    memset(target, 0, sizeof *target);
    target->line = line;
    return append(target, value, e, d->file, line);
}

int sigs_load_rules(struct vs_sigs *s, const char *file, const char *text, size_t len,
                    size_t *caprules, struct vs_ini_err *e)
{
    struct vs_ini_doc d;
    struct rparse rp = {.s = s, .d = &d, .e = e, .file = file, .caprules = *caprules};
    vs_ini_doc_parse(&d, file, text, len, e, rules_entry, &rp);
    finish_rule(&rp);
    if (!e->rc && d.nhdr > rp.handled) {
        const struct vs_ini_header *h = &d.hdr[rp.handled];
        vs_ini_fail(e, -EINVAL, file, h->line, "rule %s: empty section", h->name);
    }
    rawrule_free(&rp.raw);
    pcre2_match_data_free(rp.md);
    vs_ini_doc_free(&d);
    *caprules = rp.caprules;
    return e->rc;
}
