/* SPDX-License-Identifier: BSD-2-Clause */
/* recog_check.c - the Recog files' own <example> lines run as the self-test of their rules,
 * and the counts and exclusions the report header shows (docs/signatures.md, "Recog"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recog_int.h"

/* ---- the examples --------------------------------------------------------------------------- */

/* A param's value for a match, raw (as Recog would report it); false when a capture it needs
 * did not take part. */
static bool param_value(const struct recog_param *p, const char *v, const PCRE2_SIZE *ov, int rc,
                        char *out, size_t outsz)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < p->t.n; i++) {
        const struct tseg *sg = &p->t.seg[i];
        const char *src = sg->lit;
        size_t n = sg->len;
        if (sg->group >= 0) {
            int g = sg->group;
            if (g >= rc || ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g])
                return false;
            src = v + ov[2 * g];
            n = ov[2 * g + 1] - ov[2 * g];
        }
        if (w + n >= outsz)
            n = outsz - 1 - w;
        memcpy(out + w, src, n);
        w += n;
    }
    out[w] = '\0';
    return true;
}

static bool check_one(const struct rule *r, const struct recog_example *x, pcre2_match_data *md,
                      const pcre2_match_context *mctx, char *why, size_t whysz)
{
    const struct recog_fp *f = r->recog;
    const pcre2_code *re = sigs_rule_code(r);
    if (!re) {
        if (f->untranslatable)
            snprintf(why, whysz, "pattern cannot be translated: %s", f->untranslatable);
        else
            snprintf(why, whysz, "pattern does not compile in PCRE2 (error %d)", f->failed);
        return false;
    }
    if (!sigs_recog_prefix_ok(f, x->v, x->len)) {
        snprintf(why, whysz, "example does not start a line with the pattern's literal '%s'",
                 f->prefix);
        return false;
    }
    int rc = pcre2_match(re, (PCRE2_SPTR)x->v, x->len, 0, 0, md, (pcre2_match_context *)mctx);
    if (rc <= 0) {
        snprintf(why, whysz,
                 rc == PCRE2_ERROR_MATCHLIMIT ? "example hits the match limit"
                                              : "example does not match");
        return false;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    char got[1024];
    for (size_t k = 0; k < x->nkv; k++) {
        const struct recog_param *p = sigs_recog_param(f, x->kv[k].key);
        if (!p) {
            snprintf(why, whysz, "example expects %s, which no param sets", x->kv[k].key);
            return false;
        }
        if (!p->ok || !param_value(p, x->v, ov, rc, got, sizeof got)) {
            snprintf(why, whysz, "param %s is unset, expected '%.200s'", p->name, x->kv[k].val);
            return false;
        }
        if (strcmp(got, x->kv[k].val) != 0) {
            snprintf(why, whysz, "param %s is '%.200s', expected '%.200s'", p->name, got,
                     x->kv[k].val);
            return false;
        }
    }
    return true;
}

static void check_rule(const struct vs_sigs *s, const struct rule *r, pcre2_match_data *md,
                       sigs_recog_bad_fn bad, void *ctx)
{
    const struct recog_fp *f = r->recog;
    char why[640];
    for (size_t i = 0; i < f->nex; i++)
        if (!check_one(r, &f->ex[i], md, s->mctx, why, sizeof why) && !f->excluded)
            bad(ctx, r, f->ex[i].line, why);
}

int sigs_recog_selftest(const struct vs_sigs *s, pcre2_match_data *md, sigs_recog_bad_fn bad,
                        void *ctx)
{
    struct recog_load *L = s->recog;
    for (size_t i = 0; L && i < L->nfiles; i++) {
        struct recog_file *rf = &L->files[i];
        sigs_recog_ensure_loaded(s, rf);
        if (rf->e.rc)
            bad(ctx, NULL, 0, rf->errbuf);
        for (size_t k = 0; k < rf->nrules; k++)
            check_rule(s, &rf->rules[k], md, bad, ctx);
    }
    return 0;
}

void vs_sigs_recog_counts(const struct vs_sigs *s, size_t *fingerprints, size_t *matched,
                          size_t *excluded, size_t *examples)
{
    size_t nf = 0, nm = 0, nx = 0, ne = 0;
    struct recog_load *L = s ? s->recog : NULL;
    for (size_t i = 0; L && i < L->nfiles; i++) {
        sigs_recog_ensure_loaded(s, &L->files[i]);
        for (size_t k = 0; k < L->files[i].nrules; k++) {
            const struct rule *r = &L->files[i].rules[k];
            nf++;
            nm += r->nfields > 0;
            nx += r->recog->excluded != NULL;
            ne += r->recog->excluded ? 0 : r->recog->nex;
        }
    }
    *fingerprints = nf;
    *matched = nm;
    *excluded = nx;
    *examples = ne;
}

const char *vs_sigs_recog_excluded(const struct vs_sigs *s, size_t i, const char **rule_id)
{
    struct recog_load *L = s ? s->recog : NULL;
    for (size_t k = 0; L && k < L->nfiles; k++) {
        sigs_recog_ensure_loaded(s, &L->files[k]);
        for (size_t j = 0; j < L->files[k].nrules; j++) {
            const struct rule *r = &L->files[k].rules[j];
            if (r->recog->excluded && i-- == 0) {
                *rule_id = r->id;
                return r->recog->excluded;
            }
        }
    }
    return NULL;
}
