/* SPDX-License-Identifier: BSD-2-Clause */
/* selftest.c - the proofs of the signature set (--check-signatures): every example matches
 * and yields its expect, no near miss is given the vendor, no two rules disagree on a value. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sigs_int.h"

static const char *opt(const char *s)
{
    return s ? s : "";
}

static bool str_eq(const char *a, const char *b)
{
    return strcmp(opt(a), opt(b)) == 0;
}

bool sigs_check_example(const struct vs_sigs *s, const struct rule *r, size_t i,
                        pcre2_match_data *md, char *why, size_t whysz, unsigned *line, bool at_load)
{
    const struct sample *ex = &r->ex[i];
    struct vs_sig_match m;
    int rc;
    *line = ex->line;
    const pcre2_code *re = at_load ? r->re : sigs_rule_code(r);
    if (!sigs_apply_code(s, r, re, ex->v, ex->len, md, &m, &rc)) {
        if (rc == PCRE2_ERROR_MATCHLIMIT)
            snprintf(why, whysz, "example hits the match limit (pattern backtracks too much)");
        else if (rc > 0)
            snprintf(why, whysz, "example matches but the rule yields nothing from it");
        else
            snprintf(why, whysz, "example does not match the pattern");
        return false;
    }
    if (i != 0 || !r->expect.set)
        return true;
    const struct expect *x = &r->expect;
    *line = x->line;
    if (x->has_vendor && !str_eq(m.vendor, x->vendor)) {
        snprintf(why, whysz, "expected vendor '%s', got '%s'", opt(x->vendor), opt(m.vendor));
        return false;
    }
    if (x->has_model && !str_eq(m.model, x->model)) {
        snprintf(why, whysz, "expected model '%s', got '%s'", opt(x->model), m.model);
        return false;
    }
    if (x->has_software && !str_eq(m.software, x->software)) {
        snprintf(why, whysz, "expected software '%s', got '%s'", opt(x->software), m.software);
        return false;
    }
    const char *cpe = r->cpe_hw.n ? m.cpe_hw : m.cpe_os;
    if (x->has_cpe && !str_eq(cpe, x->cpe)) {
        snprintf(why, whysz, "expected cpe '%s', got '%s'", opt(x->cpe), cpe);
        return false;
    }
    if (x->has_name && !str_eq(m.name, x->name)) {
        snprintf(why, whysz, "expected name '%s', got '%s'", opt(x->name), m.name);
        return false;
    }
    return true;
}

struct report {
    char *buf;
    size_t sz, used;
    int problems;
};

static void problem(struct report *rp, const struct rule *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(struct report *rp, const struct rule *r, unsigned line, const char *fmt, ...)
{
    rp->problems++;
    if (!rp->buf || rp->used + 1 >= rp->sz)
        return;
    int k =
        snprintf(rp->buf + rp->used, rp->sz - rp->used, "%s:%u: rule %s: ", r->file, line, r->id);
    if (k < 0)
        return;
    rp->used = rp->used + (size_t)k < rp->sz ? rp->used + (size_t)k : rp->sz - 1;
    va_list ap;
    va_start(ap, fmt);
    k = vsnprintf(rp->buf + rp->used, rp->sz - rp->used, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    rp->used = rp->used + (size_t)k < rp->sz ? rp->used + (size_t)k : rp->sz - 1;
    if (rp->used + 1 < rp->sz) {
        rp->buf[rp->used++] = '\n';
        rp->buf[rp->used] = '\0';
    }
}

/* Other rules of r's fields that give a vendor other than `vendor` for this value. */
static void check_conflicts(const struct vs_sigs *s, const struct rule *r, const struct sample *x,
                            const char *vendor, pcre2_match_data *md, struct report *rep)
{
    struct vs_sig_match m;
    for (size_t k = 0; k < r->nfields; k++) {
        enum vs_field f = r->fields[k];
        for (size_t i = 0; i < s->nbyfield[f]; i++) {
            const struct rule *o = &s->rules[s->byfield[f][i]];
            if (o == r || !sigs_apply_rule(s, o, x->v, x->len, md, &m, NULL) || !m.vendor)
                continue;
            if (strcmp(m.vendor, vendor) != 0) {
                problem(rep, r, x->line, "example also matches rule %s (%s.%s), vendor %s not %s",
                        o->id, vs_source_name(vs_field_source(f)), vs_field_name(f), m.vendor,
                        vendor);
                return;
            }
        }
    }
}

static void recog_bad(void *ctx, const struct rule *r, unsigned line, const char *msg)
{
    struct report *rp = ctx;
    if (r) {
        problem(rp, r, line, "%s", msg);
        return;
    }
    rp->problems++;
    if (rp->buf && rp->used + 1 < rp->sz) {
        int k = snprintf(rp->buf + rp->used, rp->sz - rp->used, "%s\n", msg);
        if (k > 0)
            rp->used = rp->used + (size_t)k < rp->sz ? rp->used + (size_t)k : rp->sz - 1;
    }
}

/* A Recog rule that gives a near miss the vendor of the rule it tests. */
struct near_ctx {
    struct report *rep;
    const struct rule *r;
    unsigned line;
    const char *vendor;
};

static void near_recog(void *ctx, const struct vs_sig_match *m)
{
    struct near_ctx *n = ctx;
    if (m->vendor && strcmp(m->vendor, n->vendor) == 0)
        problem(n->rep, n->r, n->line, "nearmiss gives %s through rule %s", n->vendor, m->rule_id);
}

int vs_sigs_selftest(const struct vs_sigs *s, char *err, size_t errsz)
{
    struct report rep = {err, errsz, 0, 0};
    if (err && errsz)
        err[0] = '\0';
    if (!s)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create(s->maxcap + 1, NULL);
    bool *seen = calloc(s->nrules + 1, 1);
    if (!md || !seen) {
        pcre2_match_data_free(md);
        free(seen);
        if (err && errsz)
            snprintf(err, errsz, "out of memory\n");
        return 1;
    }
    char why[512];
    unsigned line;
    struct vs_sig_match m;
    for (size_t ri = 0; ri < s->nrules; ri++) {
        const struct rule *r = &s->rules[ri];
        for (size_t i = 0; i < r->nex; i++) {
            if (!sigs_check_example(s, r, i, md, why, sizeof why, &line, false)) {
                problem(&rep, r, line, "%s", why);
                continue;
            }
            if (sigs_apply_rule(s, r, r->ex[i].v, r->ex[i].len, md, &m, NULL) && m.vendor)
                check_conflicts(s, r, &r->ex[i], m.vendor, md, &rep);
        }
        for (size_t i = 0; i < r->nnear; i++) {
            const struct sample *x = &r->near[i];
            if (sigs_apply_rule(s, r, x->v, x->len, md, &m, NULL)) {
                problem(&rep, r, x->line, "nearmiss matches the rule");
                continue;
            }
            if (r->vkind != VK_FIXED)
                continue;
            const char *vendor = s->vendors[r->vendor];
            memset(seen, 0, s->nrules);
            for (size_t k = 0; k < r->nfields; k++) {
                enum vs_field f = r->fields[k];
                for (size_t j = 0; j < s->nbyfield[f]; j++) {
                    uint32_t oi = s->byfield[f][j];
                    const struct rule *o = &s->rules[oi];
                    if (seen[oi])
                        continue;
                    seen[oi] = true;
                    if (sigs_apply_rule(s, o, x->v, x->len, md, &m, NULL) && m.vendor &&
                        strcmp(m.vendor, vendor) == 0)
                        problem(&rep, r, x->line, "nearmiss gives %s through rule %s", vendor,
                                o->id);
                }
                /* Recog's fingerprints must not name the vendor from a look-alike either. */
                struct near_ctx nc = {&rep, r, x->line, vendor};
                sigs_recog_match(s, f, x->v, x->len, md, near_recog, &nc);
            }
        }
    }
    sigs_recog_selftest(s, md, recog_bad, &rep);
    free(seen);
    pcre2_match_data_free(md);
    return rep.problems;
}
