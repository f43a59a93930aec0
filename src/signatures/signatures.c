/* SPDX-License-Identifier: BSD-2-Clause */
/* signatures.c - the signature set as a whole: loads vendors.ini, enterprises.tsv and
 * rules/ *.ini (from a directory or memory) into an immutable set, frees it, counts it. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sigs_int.h"
#include "vendorsniff/timing.h"

/* ---- small helpers ----------------------------------------------------------------------- */

bool sigs_grow(void *pp, size_t *cap, size_t n, size_t sz)
{
    void **p = pp;
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 8;
    if (ncap > SIZE_MAX / sz)
        return false;
    void *q = realloc(*p, ncap * sz);
    if (!q)
        return false;
    *p = q;
    *cap = ncap;
    return true;
}

char *sigs_dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

bool sigs_is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool sigs_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool sigs_parse_u32(const char *s, uint32_t *out)
{
    if (!*s)
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > UINT32_MAX)
            return false;
    }
    *out = (uint32_t)v;
    return true;
}

static int read_whole(const char *path, char **out, size_t *outlen, struct vs_ini_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int rc = errno ? -errno : -EIO;
        vs_ini_fail(e, rc, path, 0, "cannot open: %s", strerror(errno));
        return rc;
    }
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (!sigs_grow(&buf, &cap, n + 65536, 1)) {
            free(buf);
            fclose(f);
            vs_ini_fail(e, -ENOMEM, path, 0, "out of memory");
            return -ENOMEM;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (n > SIG_MAX_FILE) {
            free(buf);
            fclose(f);
            vs_ini_fail(e, -EFBIG, path, 0, "file larger than %u bytes", SIG_MAX_FILE);
            return -EFBIG;
        }
        if (k == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(buf);
        vs_ini_fail(e, -EIO, path, 0, "read error");
        return -EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return 0;
}

/* ---- assembling the set ------------------------------------------------------------------ */

static const char *keep_name(struct vs_sigs *s, const char *name, struct vs_ini_err *e)
{
    char **q = realloc(s->files, (s->nfiles + 1) * sizeof *q);
    if (!q) {
        vs_ini_fail(e, -ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    s->files = q;
    if (!(q[s->nfiles] = strdup(name))) {
        vs_ini_fail(e, -ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    return q[s->nfiles++];
}

static struct vs_sigs *sigs_new(struct vs_ini_err *e)
{
    struct vs_sigs *s = calloc(1, sizeof *s);
    if (s && (s->mctx = pcre2_match_context_create(NULL)) != NULL) {
        pcre2_set_match_limit(s->mctx, SIG_MATCH_LIMIT);
        pcre2_set_depth_limit(s->mctx, SIG_MATCH_LIMIT / 4);
        return s;
    }
    free(s);
    vs_ini_fail(e, -ENOMEM, "signatures", 0, "out of memory");
    return NULL;
}

static int index_fields(struct vs_sigs *s, struct vs_ini_err *e)
{
    s->limit_hits = calloc(s->nrules ? s->nrules : 1, sizeof *s->limit_hits);
    if (!s->limit_hits) {
        vs_ini_fail(e, -ENOMEM, "signatures", 0, "out of memory");
        return e->rc;
    }
    for (size_t i = 0; i < s->nrules; i++) {
        for (size_t k = 0; k < s->rules[i].nfields; k++) {
            enum vs_field f = s->rules[i].fields[k];
            uint32_t *q = realloc(s->byfield[f], (s->nbyfield[f] + 1) * sizeof *q);
            if (!q) {
                vs_ini_fail(e, -ENOMEM, "signatures", 0, "out of memory");
                return e->rc;
            }
            q[s->nbyfield[f]++] = (uint32_t)i;
            s->byfield[f] = q;
        }
    }
    return 0;
}

void vs_sigs_free(struct vs_sigs *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nvendors; i++)
        free(s->vendors[i]);
    free(s->vendors);
    for (size_t i = 0; i < s->nalias; i++)
        free(s->alias[i].key);
    free(s->alias);
    free(s->first_words);
    free(s->penv);
    free(s->pens);
    free(s->pen_text);
    for (size_t i = 0; i < s->nrules; i++)
        sigs_rule_free(&s->rules[i]);
    free(s->rules);
    for (int f = 0; f < VS_F__COUNT; f++)
        free(s->byfield[f]);
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    sigs_recog_set_free(s->recog);
    pcre2_match_context_free(s->mctx);
    vs_oidtab_free(s->oids);
    free(s->limit_hits);
    free(s);
}

static int finish_load(struct vs_sigs *s, struct vs_sigs **out, struct vs_ini_err *e)
{
    if (!e->rc)
        index_fields(s, e);
    if (!e->rc)
        sigs_index_first_words(s);
    if (e->rc) {
        vs_sigs_free(s);
        return e->rc;
    }
    if (e->buf && e->sz)
        e->buf[0] = '\0';
    *out = s;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

/* Both loaders start alike: no error yet, *out NULL, an empty set (NULL and e->rc on error;
 * missing, when not NULL, says which input is absent). */
static struct vs_sigs *load_begin(struct vs_ini_err *e, struct vs_sigs **out, const char *missing)
{
    if (e->buf && e->sz)
        e->buf[0] = '\0';
    if (!out) {
        vs_ini_fail(e, -EINVAL, "signatures", 0, "no output");
        return NULL;
    }
    *out = NULL;
    if (missing) {
        vs_ini_fail(e, -EINVAL, "signatures", 0, "%s", missing);
        return NULL;
    }
    return sigs_new(e);
}

/* The *.ini names in dir (no hidden files), sorted: rules run in file-name order, then file
 * order, so the output must not depend on readdir. */
static char **list_rule_files(const char *dir, size_t *count, struct vs_ini_err *e)
{
    char **names = NULL;
    size_t nnames = 0, capnames = 0;
    DIR *d = opendir(dir);
    if (!d)
        vs_ini_fail(e, errno ? -errno : -EIO, dir, 0, "cannot open: %s", strerror(errno));
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL && !e->rc) {
            if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".ini"))
                continue;
            if (!sigs_grow(&names, &capnames, nnames, sizeof *names) ||
                !(names[nnames] = strdup(de->d_name))) {
                vs_ini_fail(e, -ENOMEM, dir, 0, "out of memory");
                break;
            }
            nnames++;
        }
        closedir(d);
    }
    if (nnames)
        qsort(names, nnames, sizeof *names, cmp_str);
    *count = nnames;
    return names;
}

int vs_sigs_load(const char *dir, struct vs_sigs **out, char *err, size_t errsz)
{
    struct vs_ini_err e = {err, errsz, 0, 0};
    struct vs_sigs *s = load_begin(&e, out, dir ? NULL : "no directory");
    if (!s)
        return e.rc;
    char path[4096];
    char *text = NULL;
    size_t len = 0;

    snprintf(path, sizeof path, "%s/vendors.ini", dir);
    const char *vname = keep_name(s, path, &e);
    if (vname && read_whole(path, &text, &len, &e) == 0) {
        sigs_load_vendors(s, vname, text, len, &e);
        free(text);
        text = NULL;
    }
    snprintf(path, sizeof path, "%s/enterprises.tsv", dir);
    if (!e.rc && read_whole(path, &text, &len, &e) == 0)
        sigs_load_enterprises(s, path, text, len, &e); /* owns text now */
    vs_timing_mark("signatures: vendors.ini, enterprises.tsv");

    char **names = NULL;
    size_t nnames = 0;
    snprintf(path, sizeof path, "%s/rules", dir);
    if (!e.rc)
        names = list_rule_files(path, &nnames, &e);
    size_t caprules = 0;
    for (size_t i = 0; i < nnames && !e.rc; i++) {
        snprintf(path, sizeof path, "%s/rules/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            continue;
        const char *fname = keep_name(s, path, &e);
        if (fname && read_whole(path, &text, &len, &e) == 0) {
            sigs_load_rules(s, fname, text, len, &caprules, &e);
            free(text);
            text = NULL;
        }
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    vs_timing_mark("signatures: rules (compiled; JIT on first use)");
    if (!e.rc)
        sigs_load_oid_dir(s, dir, &e);
    vs_timing_mark("signatures: sysObjectID tables");
    if (!e.rc)
        sigs_load_recog(s, dir, &e);
    int rc = finish_load(s, out, &e);
    vs_timing_mark("signatures: Recog map (files read on first use)");
    return rc;
}

int vs_sigs_load_mem(const char *vendors_ini, size_t vendors_len, const char *enterprises_tsv,
                     size_t enterprises_len, const char *rules_ini, size_t rules_len,
                     struct vs_sigs **out, char *err, size_t errsz)
{
    struct vs_ini_err e = {err, errsz, 0, 0};
    struct vs_sigs *s = load_begin(&e, out, NULL);
    if (!s)
        return e.rc;
    const char *vname = keep_name(s, "vendors.ini", &e);
    const char *rname = keep_name(s, "rules.ini", &e);
    if (!vendors_ini)
        vendors_ini = "", vendors_len = 0;
    if (!enterprises_tsv)
        enterprises_tsv = "", enterprises_len = 0;
    if (!e.rc)
        sigs_load_vendors(s, vname, vendors_ini, vendors_len, &e);
    if (!e.rc) {
        char *copy = sigs_dupn(enterprises_tsv, enterprises_len);
        if (!copy)
            vs_ini_fail(&e, -ENOMEM, "enterprises.tsv", 0, "out of memory");
        else
            sigs_load_enterprises(s, "enterprises.tsv", copy, enterprises_len, &e);
    }
    size_t caprules = 0;
    if (!e.rc && rules_ini)
        sigs_load_rules(s, rname, rules_ini, rules_len, &caprules, &e);
    return finish_load(s, out, &e);
}

int vs_sigs_load_recog_mem(const char *vendors_ini, size_t vendors_len, const char *map_ini,
                           size_t map_len, const char *xml, size_t xml_len, struct vs_sigs **out,
                           char *err, size_t errsz)
{
    struct vs_ini_err e = {err, errsz, 0, 0};
    struct vs_sigs *s = load_begin(&e, out, NULL);
    if (!s)
        return e.rc;
    const char *vname = keep_name(s, "vendors.ini", &e);
    if (!e.rc)
        sigs_load_vendors(s, vname, vendors_ini ? vendors_ini : "", vendors_ini ? vendors_len : 0,
                          &e);
    if (!e.rc)
        sigs_load_recog_mem(s, map_ini, map_len, "recog.xml", xml, xml_len, &e);
    return finish_load(s, out, &e);
}

size_t vs_sigs_rule_count(const struct vs_sigs *s)
{
    return s ? s->nrules : 0;
}

size_t vs_sigs_vendor_count(const struct vs_sigs *s)
{
    return s ? s->nvendors : 0;
}
