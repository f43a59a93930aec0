/* SPDX-License-Identifier: BSD-2-Clause */
/* match.c - the matcher: runs the rules of one evidence field over a value and expands the
 * model, software and name templates from the captures (docs/signatures.md, "Rules"). */
#include <stdio.h>
#include <string.h>

#include "sigs_int.h"

static bool group_span(const PCRE2_SIZE *ov, int rc, uint32_t g, size_t *start, size_t *len)
{
    if ((int)g >= rc || ov[2 * g] == PCRE2_UNSET || ov[2 * g + 1] < ov[2 * g])
        return false;
    *start = ov[2 * g];
    *len = ov[2 * g + 1] - ov[2 * g];
    return true;
}

/* Expand a template into out: control bytes become spaces, runs of spaces collapse, the
 * ends are trimmed, and a cut falls on a UTF-8 character boundary. */
static void expand(const struct tmpl *t, const char *v, const PCRE2_SIZE *ov, int rc, char *out,
                   size_t outsz)
{
    size_t w = 0;
    bool space = false, full = false;
    out[0] = '\0';
    /* A template stands or falls whole: "VRP $1 $2" with $2 unset would say too little. */
    for (size_t i = 0; i < t->n; i++) {
        size_t st, n;
        if (t->seg[i].group >= 0 && !group_span(ov, rc, (uint32_t)t->seg[i].group, &st, &n))
            return;
    }
    for (size_t i = 0; i < t->n && !full; i++) {
        const char *p;
        size_t n;
        if (t->seg[i].group >= 0) {
            size_t st;
            if (!group_span(ov, rc, (uint32_t)t->seg[i].group, &st, &n))
                continue;
            p = v + st;
        } else {
            p = t->seg[i].lit;
            n = t->seg[i].len;
        }
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)p[k];
            if (c == 0x1b && k + 1 < n && p[k + 1] == '[') {
                /* A terminal control sequence (ESC [ parameters final byte) is no part of a
                 * name: dropped whole, not left as "[31m" text. */
                k += 2;
                while (k < n && !((unsigned char)p[k] >= 0x40 && (unsigned char)p[k] <= 0x7e))
                    k++;
                continue;
            }
            if (c < 0x20 || c == 0x7f || c == ' ') {
                space = w > 0;
                continue;
            }
            if (w + (space ? 2u : 1u) >= outsz) {
                full = true;
                break;
            }
            if (space)
                out[w++] = ' ';
            space = false;
            out[w++] = (char)c;
        }
    }
    if (full && w > 0) {
        /* Do not leave half a UTF-8 sequence at the cut. */
        size_t k = w;
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) {
            unsigned char lead = (unsigned char)out[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (w - (k - 1) < need)
                w = k - 1;
        }
        while (w > 0 && out[w - 1] == ' ')
            w--;
    }
    out[w] = '\0';
}

bool sigs_apply_rule(const struct vs_sigs *s, const struct rule *r, const char *v, size_t len,
                     pcre2_match_data *md, struct vs_sig_match *m, int *pcre_rc)
{
    return sigs_apply_code(s, r, sigs_rule_code(r), v, len, md, m, pcre_rc);
}

bool sigs_apply_code(const struct vs_sigs *s, const struct rule *r, const pcre2_code *re,
                     const char *v, size_t len, pcre2_match_data *md, struct vs_sig_match *m,
                     int *pcre_rc)
{
    int rc = re ? pcre2_match(re, (PCRE2_SPTR)v, len, 0, 0, md, s->mctx) : PCRE2_ERROR_NOMATCH;
    if (pcre_rc)
        *pcre_rc = rc;
    if (rc <= 0)
        return false;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    m->rule_id = r->id;
    m->vendor = NULL;
    m->weight = r->weight;
    size_t st, n;
    switch (r->vkind) {
    case VK_NONE:
        break;
    case VK_FIXED:
        m->vendor = s->vendors[r->vendor];
        break;
    case VK_NAME:
        if (group_span(ov, rc, r->vendor, &st, &n))
            m->vendor = sigs_vendor_by_text(s, v + st, n, false);
        break;
    case VK_ENTERPRISE:
        if (group_span(ov, rc, r->vendor, &st, &n) && n > 0 && n < 11) {
            char num[12];
            memcpy(num, v + st, n);
            num[n] = '\0';
            uint32_t pen;
            if (sigs_parse_u32(num, &pen))
                m->vendor = vs_sigs_vendor_for_enterprise(s, pen);
        }
        break;
    }
    expand(&r->model, v, ov, rc, m->model, sizeof m->model);
    expand(&r->software, v, ov, rc, m->software, sizeof m->software);
    expand(&r->name, v, ov, rc, m->name, sizeof m->name);
    sigs_cpe_expand(&r->cpe_hw, r->cpe_uri, v, ov, rc, m->cpe_hw, sizeof m->cpe_hw);
    sigs_cpe_expand(&r->cpe_os, r->cpe_uri, v, ov, rc, m->cpe_os, sizeof m->cpe_os);
    return m->vendor || m->model[0] || m->software[0] || m->name[0];
}

size_t vs_sigs_match(const struct vs_sigs *s, enum vs_field f, const char *value, size_t len,
                     vs_sig_cb cb, void *ctx)
{
    if (!s || (unsigned)f >= VS_F__COUNT)
        return 0;
    if (!value)
        value = "", len = 0;
    /* The sysObjectID table speaks after the rules: the enterprise rule names the vendor. */
    size_t oidhit = f == VS_F_SNMP_SYS_OBJECT_ID ? 1 : 0;
    if (!s->nbyfield[f] && !s->recog)
        return oidhit ? sigs_match_oid(s, value, len, cb, ctx) : 0;
    pcre2_match_data *md = pcre2_match_data_create(s->maxcap + 1, NULL);
    if (!md)
        return 0;
    size_t hits = 0;
    struct vs_sig_match m;
    for (size_t i = 0; i < s->nbyfield[f]; i++) {
        uint32_t ri = s->byfield[f][i];
        const struct rule *r = &s->rules[ri];
        /* Relaxed atomics: live capture workers share the signature set. */
        if (s->limit_hits &&
            __atomic_load_n(&s->limit_hits[ri], __ATOMIC_RELAXED) >= SIG_LIMIT_SUSPEND)
            continue;
        int prc = 0;
        if (sigs_apply_rule(s, r, value, len, md, &m, &prc)) {
            hits++;
            if (cb)
                cb(ctx, &m);
        } else if ((prc == PCRE2_ERROR_MATCHLIMIT || prc == PCRE2_ERROR_DEPTHLIMIT ||
                    prc == PCRE2_ERROR_HEAPLIMIT || prc == PCRE2_ERROR_JIT_STACKLIMIT) &&
                   s->limit_hits) {
            uint64_t n = __atomic_add_fetch(&s->limit_hits[ri], 1, __ATOMIC_RELAXED);
            if (n == 1)
                fprintf(stderr,
                        "vendorsniff: signature rule %s (%s:%u) hit the PCRE2 match limit on a "
                        "%zu-byte value (catastrophic backtracking?); counted as no match\n",
                        r->id, r->file, r->line, len);
            else if (n == SIG_LIMIT_SUSPEND)
                fprintf(stderr,
                        "vendorsniff: signature rule %s (%s:%u) hit the PCRE2 match limit %u "
                        "times; set aside until the next reload\n",
                        r->id, r->file, r->line, SIG_LIMIT_SUSPEND);
        }
    }
    hits += sigs_recog_match(s, f, value, len, md, cb, ctx);
    pcre2_match_data_free(md);
    if (oidhit)
        hits += sigs_match_oid(s, value, len, cb, ctx);
    return hits;
}

size_t vs_sigs_limit_rules(const struct vs_sigs *s)
{
    return s && s->limit_hits ? s->nrules : 0;
}

uint64_t vs_sigs_limit_hits(const struct vs_sigs *s, size_t i, const char **id)
{
    if (!s || !s->limit_hits || i >= s->nrules)
        return 0;
    *id = s->rules[i].id;
    return s->limit_hits[i];
}
