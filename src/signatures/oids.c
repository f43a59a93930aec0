/* SPDX-License-Identifier: BSD-2-Clause */
/* oids.c - sysObjectID -> model tables (signatures/sysobjectid/ *.tsv, docs/signatures.md):
 * `OID<TAB>model[<TAB>note]` lines, `#` comments, read strictly with line-numbered errors,
 * then sorted once so that a look-up is a binary search. The OID is SMIv2 dotted notation
 * (RFC 2578 section 3.5: arcs are unsigned 32-bit numbers); a sysObjectID value (RFC 3418
 * sysObjectID) is matched exactly, never by prefix: the enterprise number alone already
 * names the vendor through the rules. */
#include "vendorsniff/oidtab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/ini.h"

struct oid_file {
    char *text;          /* the file's bytes, fields NUL-terminated in place */
    char *name;          /* the path as given, for messages */
    char *table;         /* "sysobjectid:<base name>" */
    char *base;          /* into table */
    size_t first, count; /* its entries: ent[first .. first + count) */
};

struct vs_oidtab {
    struct vs_oid_model *ent;
    size_t n, cap;
    struct oid_file *files;
    size_t nfiles;
    bool sealed;
};

struct vs_oidtab *vs_oidtab_new(void)
{
    return calloc(1, sizeof(struct vs_oidtab));
}

void vs_oidtab_free(struct vs_oidtab *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nfiles; i++) {
        free(t->files[i].text);
        free(t->files[i].name);
        free(t->files[i].table);
    }
    free(t->files);
    free(t->ent);
    free(t);
}

/* "1.3.6.1.4.1.9.1.2068": at least two arcs, digits only, no leading zero, each arc fits 32
 * bits. Returns NULL when valid, else why not. */
static const char *oid_invalid(const char *s, size_t n)
{
    if (n == 0)
        return "missing OID";
    if (n > VS_OID_TEXT_MAX)
        return "OID longer than 127 characters";
    size_t arcs = 0, i = 0;
    while (i < n) {
        size_t st = i;
        uint64_t v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (uint64_t)(s[i] - '0');
            if (v > UINT32_MAX)
                return "OID arc larger than 4294967295";
            i++;
        }
        if (i == st)
            return "OID is not dotted decimal (digits separated by single dots)";
        if (i - st > 1 && s[st] == '0')
            return "OID arc with a leading zero";
        arcs++;
        if (i < n) {
            if (s[i] != '.' || i + 1 == n)
                return "OID is not dotted decimal (digits separated by single dots)";
            i++;
        }
    }
    return arcs < 2 ? "OID with fewer than two arcs" : NULL;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

static struct oid_file *add_file(struct vs_oidtab *t, const char *file, const char *text,
                                 size_t len)
{
    struct oid_file *q = realloc(t->files, (t->nfiles + 1) * sizeof *q);
    if (!q)
        return NULL;
    t->files = q;
    struct oid_file *f = &q[t->nfiles];
    memset(f, 0, sizeof *f);
    const char *slash = strrchr(file, '/');
    const char *b = slash ? slash + 1 : file;
    size_t bl = strlen(b);
    if (bl > 4 && strcmp(b + bl - 4, ".tsv") == 0)
        bl -= 4;
    f->text = malloc(len + 1);
    f->name = strdup(file);
    f->table = malloc(sizeof "sysobjectid:" + bl);
    if (!f->text || !f->name || !f->table) {
        free(f->text);
        free(f->name);
        free(f->table);
        return NULL;
    }
    if (len)
        memcpy(f->text, text, len);
    f->text[len] = '\0';
    memcpy(f->table, "sysobjectid:", sizeof "sysobjectid:" - 1);
    memcpy(f->table + sizeof "sysobjectid:" - 1, b, bl);
    f->table[sizeof "sysobjectid:" - 1 + bl] = '\0';
    f->base = f->table + sizeof "sysobjectid:" - 1;
    t->nfiles++;
    return f;
}

static bool parse_line(struct vs_oidtab *t, const struct oid_file *f, char *line, unsigned lineno,
                       struct vs_ini_err *e)
{
    size_t n = strlen(line);
    if (n && line[n - 1] == '\r')
        line[--n] = '\0';
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '#')
        return true;
    char *col[4] = {line, NULL, NULL, NULL};
    size_t ncol = 1;
    for (char *c = line; *c; c++) {
        if (*c != '\t')
            continue;
        if (ncol == 3) {
            vs_ini_fail(e, -EINVAL, f->name, lineno, "more than three tab-separated columns");
            return false;
        }
        *c = '\0';
        col[ncol++] = c + 1;
    }
    char *oid = trim(col[0]);
    if (*oid == '.')
        oid++;
    const char *why = oid_invalid(oid, strlen(oid));
    if (why) {
        vs_ini_fail(e, -EINVAL, f->name, lineno, "%s", why);
        return false;
    }
    char *model = ncol > 1 ? trim(col[1]) : NULL;
    if (!model || !*model) {
        vs_ini_fail(e, -EINVAL, f->name, lineno, "OID %s has no model (OID<TAB>model[<TAB>note])",
                    oid);
        return false;
    }
    char *note = ncol > 2 ? trim(col[2]) : NULL;
    if (has_control(model) || (note && has_control(note))) {
        vs_ini_fail(e, -EINVAL, f->name, lineno, "control character in a field");
        return false;
    }
    if (strlen(model) > VS_OID_MODEL_MAX) {
        vs_ini_fail(e, -EINVAL, f->name, lineno, "model longer than %d bytes", VS_OID_MODEL_MAX);
        return false;
    }
    if (note && strlen(note) > VS_OID_NOTE_MAX)
        note[VS_OID_NOTE_MAX] = '\0'; /* a comment: cut (ASCII in the shipped tables) */
    if (t->n == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 256;
        struct vs_oid_model *q = realloc(t->ent, ncap * sizeof *q);
        if (!q) {
            vs_ini_fail(e, -ENOMEM, f->name, lineno, "out of memory");
            return false;
        }
        t->ent = q;
        t->cap = ncap;
    }
    t->ent[t->n++] = (struct vs_oid_model){oid, model, note ? note : "", f->table, f->name, lineno};
    return true;
}

int vs_oidtab_add(struct vs_oidtab *t, const char *file, const char *text, size_t len, char *err,
                  size_t errsz)
{
    struct vs_ini_err e = {err, errsz, 0, 0};
    if (err && errsz)
        err[0] = '\0';
    if (!file)
        file = "sysobjectid.tsv";
    if (!t || t->sealed || (!text && len)) {
        vs_ini_fail(&e, -EINVAL, file, 0, "table already sealed or no text");
        return e.rc;
    }
    if (memchr(text ? text : "", '\0', len)) {
        vs_ini_fail(&e, -EINVAL, file, 0, "NUL byte in the file");
        return e.rc;
    }
    struct oid_file *f = add_file(t, file, text ? text : "", len);
    if (!f) {
        vs_ini_fail(&e, -ENOMEM, file, 0, "out of memory");
        return e.rc;
    }
    size_t first = t->n;
    char *p = f->text;
    unsigned lineno = 0;
    while (p && !e.rc) {
        lineno++;
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        parse_line(t, f, p, lineno, &e);
        p = nl ? nl + 1 : NULL;
        if (p && *p == '\0')
            break;
    }
    if (e.rc)
        t->n = first; /* nothing of a refused file stays */
    f = &t->files[t->nfiles - 1];
    f->first = first;
    f->count = t->n - first;
    return e.rc;
}

/* Arc by arc, so that 9.1.10 sorts after 9.1.9 (the order a reader of the file expects in
 * messages; any total order would do for the search). Both are valid OIDs (oid_invalid):
 * arcs have no leading zero, so at the first differing byte the arc with more digits left
 * is the larger, and with as many left the byte decides. One pass, no per-arc scan: the
 * sort of 6,800 shipped entries is most of the tables' load time. */
static int oid_cmp(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] == b[i]) {
        if (!a[i])
            return 0;
        i++;
    }
    size_t ra = 0, rb = 0; /* digits left in the arc at i */
    while (a[i + ra] >= '0' && a[i + ra] <= '9')
        ra++;
    while (b[i + rb] >= '0' && b[i + rb] <= '9')
        rb++;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (ra > 0)
        return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    /* Both arcs end here: one OID ends ('\0') where the other goes on ('.'). */
    return a[i] == '\0' ? -1 : 1;
}

static int ent_cmp(const void *x, const void *y)
{
    const struct vs_oid_model *a = x, *b = y;
    int c = oid_cmp(a->oid, b->oid);
    if (c)
        return c;
    /* Equal OIDs: any stable order; seal() works out which came first in reading order. */
    c = strcmp(a->file, b->file);
    if (c)
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Sort t->ent: the shipped tables are each (nearly) in order already, so each file's entries
 * are sorted on their own when they are not, and the files' runs are then merged pairwise:
 * about n log2(files) comparisons instead of n log2(n). Entries with equal OIDs may end up
 * in any order (seal() reports them by reading order). false when out of memory. */
static bool sort_entries(struct vs_oidtab *t)
{
    size_t *run = malloc((t->nfiles + 1) * sizeof *run);
    struct vs_oid_model *tmp = malloc(t->n * sizeof *tmp);
    if (!run || !tmp) {
        free(run);
        free(tmp);
        return false;
    }
    size_t nruns = 0;
    for (size_t k = 0; k < t->nfiles; k++) {
        const struct oid_file *f = &t->files[k];
        if (f->count == 0)
            continue;
        struct vs_oid_model *a = t->ent + f->first;
        for (size_t i = 1; i < f->count; i++) {
            if (oid_cmp(a[i - 1].oid, a[i].oid) > 0) {
                qsort(a, f->count, sizeof *a, ent_cmp);
                break;
            }
        }
        run[nruns++] = f->first;
    }
    run[nruns] = t->n;
    struct vs_oid_model *src = t->ent, *dst = tmp;
    while (nruns > 1) {
        size_t out = 0;
        for (size_t r = 0; r < nruns; r += 2) {
            size_t i = run[r], mid = run[r + 1], end = r + 2 <= nruns ? run[r + 2] : mid, o = i;
            size_t j = mid;
            if (r + 1 == nruns) {
                end = mid = run[r + 1];
                j = end;
            }
            while (i < mid && j < end)
                dst[o++] = oid_cmp(src[j].oid, src[i].oid) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[o++] = src[i++];
            while (j < end)
                dst[o++] = src[j++];
            run[out++] = run[r];
        }
        run[out] = t->n;
        nruns = out;
        struct vs_oid_model *x = src;
        src = dst;
        dst = x;
    }
    if (src != t->ent)
        memcpy(t->ent, src, t->n * sizeof *src);
    free(run);
    free(tmp);
    return true;
}

int vs_oidtab_seal(struct vs_oidtab *t, char *err, size_t errsz)
{
    struct vs_ini_err e = {err, errsz, 0, 0};
    if (err && errsz)
        err[0] = '\0';
    if (!t) {
        vs_ini_fail(&e, -EINVAL, "sysobjectid", 0, "no table");
        return e.rc;
    }
    if (t->n > 1 && !sort_entries(t)) {
        vs_ini_fail(&e, -ENOMEM, "sysobjectid", 0, "out of memory");
        return e.rc;
    }
    for (size_t i = 1; i < t->n; i++) {
        const struct vs_oid_model *a = &t->ent[i - 1], *b = &t->ent[i];
        if (oid_cmp(a->oid, b->oid) == 0) {
            /* Report the later of the two in reading order. */
            size_t fa = 0, fb = 0;
            for (size_t k = 0; k < t->nfiles; k++) {
                if (t->files[k].name == a->file)
                    fa = k;
                if (t->files[k].name == b->file)
                    fb = k;
            }
            const struct vs_oid_model *first = a, *dup = b;
            if (fa > fb || (fa == fb && a->line > b->line))
                first = b, dup = a;
            vs_ini_fail(&e, -EINVAL, dup->file, dup->line, "duplicate OID %s (first at %s:%u)",
                        dup->oid, first->file, first->line);
            return e.rc;
        }
    }
    t->sealed = true;
    return 0;
}

const struct vs_oid_model *vs_oidtab_find(const struct vs_oidtab *t, const char *oid, size_t len)
{
    if (!t || !t->sealed || !oid)
        return NULL;
    while (len > 0 && (*oid == ' ' || *oid == '\t'))
        oid++, len--;
    while (len > 0 && (oid[len - 1] == ' ' || oid[len - 1] == '\t' || oid[len - 1] == '\r' ||
                       oid[len - 1] == '\n' || oid[len - 1] == '\0'))
        len--;
    if (len > 0 && *oid == '.')
        oid++, len--;
    if (len == 0 || len > VS_OID_TEXT_MAX || oid_invalid(oid, len))
        return NULL;
    char key[VS_OID_TEXT_MAX + 1];
    memcpy(key, oid, len);
    key[len] = '\0';
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = oid_cmp(t->ent[mid].oid, key);
        if (c == 0)
            return &t->ent[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

size_t vs_oidtab_count(const struct vs_oidtab *t)
{
    return t ? t->n : 0;
}

size_t vs_oidtab_count_table(const struct vs_oidtab *t, const char *name)
{
    size_t n = 0;
    if (!t || !name)
        return 0;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->ent[i].table + sizeof "sysobjectid:" - 1, name) == 0)
            n++;
    return n;
}
