/* SPDX-License-Identifier: BSD-2-Clause */
/* recog_regex.c - Recog's Ruby regexps run by PCRE2: the translation, compilation on first
 * use, and the literal-prefix test that spares most values a match (PCRE2 pattern syntax). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recog_int.h"

/* ---- Ruby regexp to PCRE2 ------------------------------------------------------------------- */

struct sbuf {
    char *p;
    size_t n, cap;
    bool oom;
};

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
    while (!b->oom && b->cap <= b->n + n + 1) /* sigs_grow doubles once per call */
        b->oom = !sigs_grow(&b->p, &b->cap, b->cap, 1);
    if (b->oom)
        return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* Ruby differs from PCRE2 where Recog's patterns meet it: \h is a hex digit (PCRE2: horizontal
 * space), (?m) is "dot matches newline" (PCRE2: (?s)), and ^ $ always work per line (PCRE2
 * needs MULTILINE, set by the caller). */
char *sigs_recog_translate(const char *src, size_t *outlen, const char **why)
{
    struct sbuf b = {0};
    bool in_class = false;
    *why = NULL;
    sb_put(&b, "", 0);
    for (size_t i = 0; src[i]; i++) {
        char c = src[i];
        if (c == '\\' && src[i + 1]) {
            char d = src[i + 1];
            if (d == 'h')
                sb_put(&b, in_class ? "0-9a-fA-F" : "[0-9a-fA-F]", in_class ? 9 : 11);
            else if (d == 'H' && !in_class)
                sb_put(&b, "[^0-9a-fA-F]", 12);
            else if (d == 'H')
                *why = "\\H inside a character class";
            else
                sb_put(&b, src + i, 2);
            i++;
            continue;
        }
        if (in_class) {
            if (c == ']')
                in_class = false;
            sb_put(&b, &c, 1);
            continue;
        }
        if (c == '[') {
            in_class = true;
            sb_put(&b, &c, 1);
            /* A ']' or '^]' right after '[' is literal. */
            if (src[i + 1] == '^') {
                sb_put(&b, "^", 1);
                i++;
            }
            if (src[i + 1] == ']') {
                sb_put(&b, "]", 1);
                i++;
            }
            continue;
        }
        if (c == '(' && src[i + 1] == '?') {
            /* Inline options: (?imx-imx) or (?imx-imx:...) */
            size_t k = i + 2;
            while (src[k] == 'i' || src[k] == 'm' || src[k] == 'x' || src[k] == '-')
                k++;
            if (k > i + 2 && (src[k] == ')' || src[k] == ':')) {
                sb_put(&b, "(?", 2);
                for (size_t j = i + 2; j < k; j++)
                    sb_put(&b, src[j] == 'm' ? "s" : src + j, 1);
                i = k - 1;
                continue;
            }
        }
        sb_put(&b, &c, 1);
    }
    if (b.oom) {
        free(b.p);
        *why = "out of memory";
        return NULL;
    }
    *outlen = b.n;
    return b.p;
}

/* One of our rules: compiled (without JIT) when its file was loaded, so that a broken
 * pattern is refused then; JIT-compiled here on its first match, as a copy, since another
 * thread may be running the interpreted code at the same moment. */
static const pcre2_code *rule_jit(const struct rule *r, pcre2_code *re)
{
    pcre2_code *jit = __atomic_load_n(&r->jit, __ATOMIC_ACQUIRE);
    if (jit || !re)
        return jit ? jit : re;
    jit = pcre2_code_copy(re);
    if (!jit)
        return re;
    (void)pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
    pcre2_code *expected = NULL;
    struct rule *w = (struct rule *)r;
    if (!__atomic_compare_exchange_n(&w->jit, &expected, jit, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        pcre2_code_free(jit);
        return expected;
    }
    return jit;
}

const pcre2_code *sigs_rule_code(const struct rule *r)
{
    pcre2_code *re = __atomic_load_n(&r->re, __ATOMIC_ACQUIRE);
    if (!r->recog)
        return rule_jit(r, re);
    if (re)
        return re;
    struct recog_fp *f = r->recog;
    if (f->untranslatable || __atomic_load_n(&f->failed, __ATOMIC_RELAXED))
        return NULL;
    int perr;
    PCRE2_SIZE poff;
    re = pcre2_compile((PCRE2_SPTR)f->pattern, f->plen, f->opts, &perr, &poff, NULL);
    if (!re) {
        __atomic_store_n(&f->failed, perr ? perr : -1, __ATOMIC_RELAXED);
        return NULL;
    }
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
    uint32_t ncap = 0;
    if (pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &ncap) != 0 || ncap > SIG_MAX_GROUP) {
        pcre2_code_free(re);
        __atomic_store_n(&f->failed, -1, __ATOMIC_RELAXED);
        return NULL;
    }
    /* Two threads may compile the same pattern at once: the first to publish wins. */
    pcre2_code *expected = NULL;
    struct rule *w = (struct rule *)r;
    if (!__atomic_compare_exchange_n(&w->re, &expected, re, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        pcre2_code_free(re);
        return expected;
    }
    return re;
}

/* Most Recog patterns start "^Literal": a value that has the literal at no line start cannot
 * match, and is turned away without compiling or running the pattern. The literal ends
 * before any metacharacter (a character then made optional is not part of it); a pattern
 * with a top-level alternation has none. */
void sigs_recog_find_prefix(struct recog_fp *f, const char *p)
{
    f->prefixlen = 0;
    if (p[0] != '^')
        return;
    int depth = 0;
    bool cls = false;
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\\' && p[i + 1]) {
            i++;
        } else if (cls) {
            cls = p[i] != ']';
        } else if (p[i] == '[') {
            cls = true;
        } else if (p[i] == '(') {
            depth++;
        } else if (p[i] == ')') {
            depth--;
        } else if (p[i] == '|' && depth == 0) {
            return;
        }
    }
    size_t n = 0, i = 1;
    while (p[i] && n < sizeof f->prefix - 1) {
        char c = p[i];
        if (sigs_is_alnum((unsigned char)c) || c == ' ' || c == '-' || c == '_' || c == '/' ||
            c == ':' || c == ',' || c == '=') {
            f->prefix[n++] = c;
            i++;
        } else if (c == '\\' && p[i + 1] && strchr(".-/()[]", p[i + 1])) {
            f->prefix[n++] = p[i + 1];
            i += 2;
        } else {
            break;
        }
    }
    if (n && (p[i] == '?' || p[i] == '*' || p[i] == '{'))
        n--;
    f->prefix[n] = '\0';
    f->prefixlen = n >= 3 ? n : 0;
}

static bool same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Does some line of v (Ruby's ^: the start, or after a \n) start with the prefix? */
bool sigs_recog_prefix_ok(const struct recog_fp *f, const char *v, size_t len)
{
    size_t n = f->prefixlen;
    if (!n)
        return true;
    for (size_t at = 0; at + n <= len;) {
        if (f->prefix_ci ? same_ci(v + at, f->prefix, n) : memcmp(v + at, f->prefix, n) == 0)
            return true;
        const char *nl = memchr(v + at, '\n', len - at);
        if (!nl)
            break;
        at = (size_t)(nl - v) + 1;
    }
    return false;
}

/* An upper bound of the capture groups, for the match block size (known before compiling). */
uint32_t sigs_recog_max_groups(const char *p)
{
    uint32_t n = 0;
    for (; *p; p++)
        n += *p == '(';
    return n;
}
