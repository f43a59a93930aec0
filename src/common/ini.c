/* SPDX-License-Identifier: BSD-2-Clause */
/* ini.c - libinih adapter: counts lines through a custom reader so that every entry
 * and every syntax error carries its line number; the only file that includes libinih. */
#include "vendorsniff/ini.h"

#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/limits.h"

struct reader {
    FILE *f;            /* file source, or */
    const char *buf;    /* memory source */
    size_t len, off;
    int line;           /* line number of the last line handed to inih */
    bool at_line_start; /* the previous chunk ended a line */
    int section_line;   /* line of a "[section]" header not yet reported, or 0 */
    int empty_line;     /* first "[section]" with no entry, or 0 */
};

struct parse {
    struct reader rd;
    const char *name;
    vs_ini_fn fn;
    void *user;
    char *err;
    size_t errsz;
    char last_section[256];
    int failed;
};

/* Debian's libinih takes its options at run time, as process-wide globals: each parse sets
 * its dialect's for its own duration and puts the previous ones back, so that the two
 * dialects do not change each other behind their back. */
struct inih_opts {
    bool inline_comments, multiline, use_stack, realloc, stop_on_first_error;
    int initial_alloc, max_line;
};

static void swap_opts(struct inih_opts *o)
{
    struct inih_opts was = {.inline_comments = ini_allow_inline_comments,
                            .multiline = ini_allow_multiline,
                            .use_stack = ini_use_stack,
                            .realloc = ini_allow_realloc,
                            .stop_on_first_error = ini_stop_on_first_error,
                            .initial_alloc = ini_initial_alloc,
                            .max_line = ini_max_line};
    ini_allow_inline_comments = o->inline_comments;
    ini_allow_multiline = o->multiline;
    ini_use_stack = o->use_stack;
    ini_allow_realloc = o->realloc;
    ini_stop_on_first_error = o->stop_on_first_error;
    ini_initial_alloc = o->initial_alloc;
    ini_max_line = o->max_line;
    *o = was;
}

static char *read_line(char *str, int num, void *stream)
{
    struct reader *r = stream;
    if (num <= 1)
        return NULL;
    if (r->f) {
        if (!fgets(str, num, r->f))
            return NULL;
    } else {
        if (r->off >= r->len)
            return NULL;
        size_t i = 0;
        while (r->off < r->len && i + 1 < (size_t)num) {
            char c = r->buf[r->off++];
            str[i++] = c;
            if (c == '\n')
                break;
        }
        str[i] = '\0';
    }
    /* A long line may come in several chunks: count lines, not chunks. */
    if (r->at_line_start) {
        r->line++;
        const char *t = str;
        while (*t == ' ' || *t == '\t')
            t++;
        if (*t == '[') {
            /* A header while the previous one still waits for its first entry: that section
             * is empty (libinih reports nothing for it). */
            if (r->section_line && !r->empty_line)
                r->empty_line = r->section_line;
            r->section_line = r->line;
        }
    }
    size_t n = strlen(str);
    r->at_line_start = n > 0 && str[n - 1] == '\n';
    return str;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    struct parse *p = user;
    if (p->failed)
        return 0;
    int rc = 0;
    if (p->rd.section_line) {
        /* libinih reports sections only through their entries; tell the handler where
         * each one started, so duplicates and section errors get the header's line. */
        rc = p->fn(p->user, section, NULL, NULL, p->rd.section_line);
        p->rd.section_line = 0;
    }
    if (rc == 0)
        rc = p->fn(p->user, section, name, value, p->rd.line);
    if (rc != 0) {
        p->failed = 1;
        return 0;
    }
    return 1;
}

static int run(struct parse *p)
{
    /* libinih reports sections only through the entries that follow; the handler sees
     * the section name with every key, which is all our files need. */
    if (p->errsz)
        p->err[0] = '\0';
    /* Patterns hold ';' and can be long, so: no inline comments, no continuation lines,
     * long heap lines, stop at the first error. */
    struct inih_opts opts = {.inline_comments = false,
                             .multiline = false,
                             .use_stack = false,
                             .realloc = true,
                             .stop_on_first_error = true,
                             .initial_alloc = 256,
                             .max_line = VS_MAX_DATA_LINE};
    p->rd.at_line_start = true;
    swap_opts(&opts);
    int rc = ini_parse_stream(read_line, &p->rd, on_entry, p);
    swap_opts(&opts);
    if (p->failed) {
        if (p->errsz && p->err[0] == '\0')
            snprintf(p->err, p->errsz, "%s:%d: invalid entry", p->name, p->rd.line);
        return -EINVAL;
    }
    if (rc > 0) {
        snprintf(p->err, p->errsz, "%s:%d: syntax error (expected [section] or key = value)",
                 p->name, rc);
        return -EINVAL;
    }
    if (rc == 0 && (p->rd.empty_line || p->rd.section_line)) {
        snprintf(p->err, p->errsz, "%s:%d: empty section", p->name,
                 p->rd.empty_line ? p->rd.empty_line : p->rd.section_line);
        return -EINVAL;
    }
    if (rc < 0) {
        snprintf(p->err, p->errsz, "%s: cannot parse", p->name);
        return -EIO;
    }
    return 0;
}

int vs_ini_parse(const char *path, vs_ini_fn fn, void *user, char *err, size_t errsz)
{
    struct parse p;
    memset(&p, 0, sizeof p);
    p.rd.f = fopen(path, "r");
    if (!p.rd.f) {
        int e = errno;
        snprintf(err, errsz, "%s: %s", path, strerror(e));
        return -e;
    }
    p.name = path;
    p.fn = fn;
    p.user = user;
    p.err = err;
    p.errsz = errsz;
    int rc = run(&p);
    fclose(p.rd.f);
    return rc;
}

int vs_ini_parse_mem(const char *name, const char *buf, size_t len, vs_ini_fn fn, void *user,
                     char *err, size_t errsz)
{
    struct parse p;
    memset(&p, 0, sizeof p);
    p.rd.buf = buf;
    p.rd.len = len;
    p.name = name;
    p.fn = fn;
    p.user = user;
    p.err = err;
    p.errsz = errsz;
    return run(&p);
}

/* ---- the strict dialect of the signature files --------------------------------------------
 * libinih does the INI grammar with its stock options; the reader in front of it feeds one
 * line at a time from memory and keeps what the handlers need to be strict: the line number,
 * whether the line is indented (libinih reads an indented line after a key as a continuation
 * of that key), and every section header with its line, so that empty and duplicate sections
 * are seen too. */

/* The longest section name libinih keeps whole (its MAX_SECTION is 50 with the NUL). */
#define STRICT_MAX_SECTION 49

void vs_ini_fail(struct vs_ini_err *e, int rc, const char *file, unsigned line, const char *fmt,
                 ...)
{
    if (e->rc)
        return; /* the first error is the one worth reading */
    e->rc = rc;
    e->line = line;
    if (!e->buf || !e->sz)
        return;
    int k = line ? snprintf(e->buf, e->sz, "%s:%u: ", file, line)
                 : snprintf(e->buf, e->sz, "%s: ", file);
    size_t off = k < 0 ? 0 : (size_t)k;
    if (off >= e->sz)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->buf + off, e->sz - off, fmt, ap);
    va_end(ap);
}

static bool strict_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool keep_header(struct vs_ini_doc *d, const char *name, size_t len)
{
    if (d->nhdr == d->caphdr) {
        size_t cap = d->caphdr ? d->caphdr * 2 : 8;
        struct vs_ini_header *q = realloc(d->hdr, cap * sizeof *q);
        if (!q)
            return false;
        d->hdr = q;
        d->caphdr = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return false;
    memcpy(copy, name, len);
    copy[len] = '\0';
    d->hdr[d->nhdr++] = (struct vs_ini_header){copy, d->lineno};
    return true;
}

static char *strict_read(char *str, int num, void *stream)
{
    struct vs_ini_doc *d = stream;
    if (d->pos >= d->n || num < 4)
        return NULL;
    const char *line = d->p + d->pos;
    const char *nl = memchr(line, '\n', d->n - d->pos);
    size_t len = nl ? (size_t)(nl - line) + 1 : d->n - d->pos;
    d->pos += len;
    d->lineno++;
    d->indented = false;
    if (d->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    /* Whatever this line is, libinih must see a line of the same count, so a refused
     * line is handed on as a comment. */
    if (memchr(line, '\0', len)) {
        vs_ini_fail(d->e, -EINVAL, d->file, d->lineno, "NUL byte in line");
        memcpy(str, "#\n", 3);
        return str;
    }
    if (len + 2 > (size_t)num) {
        vs_ini_fail(d->e, -EINVAL, d->file, d->lineno,
                    "line longer than %d bytes; continue the value on indented lines", num - 3);
        memcpy(str, "#\n", 3);
        return str;
    }
    memcpy(str, line, len);
    str[len] = '\0';

    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    bool blank = i == len || line[i] == '\r' || line[i] == '\n';
    bool comment = !blank && (line[i] == ';' || line[i] == '#');
    if (blank || comment)
        return str;
    if (i > 0) {
        d->indented = true;
        if (line[i] == '[' && !d->have_key)
            vs_ini_fail(d->e, -EINVAL, d->file, d->lineno,
                        "section header must start at the beginning of the line");
        return str;
    }
    if (line[0] != '[')
        return str;

    const char *close = memchr(line, ']', len);
    if (!close) {
        vs_ini_fail(d->e, -EINVAL, d->file, d->lineno, "section header without ']'");
        return str;
    }
    size_t nlen = (size_t)(close - line) - 1;
    const char *t = close + 1;
    while (t < line + len && strict_space((unsigned char)*t))
        t++;
    if (t < line + len && *t != ';' && *t != '#') {
        vs_ini_fail(d->e, -EINVAL, d->file, d->lineno, "text after section header");
        return str;
    }
    if (nlen == 0 || nlen > STRICT_MAX_SECTION) {
        vs_ini_fail(d->e, -EINVAL, d->file, d->lineno, "section name must be 1 to %d characters",
                    STRICT_MAX_SECTION);
        return str;
    }
    if (!keep_header(d, line + 1, nlen)) {
        vs_ini_fail(d->e, -ENOMEM, d->file, d->lineno, "out of memory");
        return str;
    }
    d->have_key = false;
    return str;
}

static int strict_entry(void *user, const char *section, const char *name, const char *value)
{
    (void)section; /* the handler has every header, with its line, in the document */
    struct vs_ini_doc *d = user;
    bool cont = d->indented && d->have_key;
    d->have_key = true;
    return d->fn(d->user, d, name, value, d->lineno, cont);
}

void vs_ini_doc_parse(struct vs_ini_doc *d, const char *file, const char *text, size_t len,
                      struct vs_ini_err *e, vs_ini_doc_fn fn, void *user)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->p = text;
    d->n = len;
    d->e = e;
    d->fn = fn;
    d->user = user;
    /* libinih's stock dialect: continuation lines, ';' after a space ends a value, lines of
     * 197 bytes in a stack buffer, and every line read even after an error. */
    struct inih_opts opts = {.inline_comments = true,
                             .multiline = true,
                             .use_stack = true,
                             .realloc = false,
                             .stop_on_first_error = false,
                             .initial_alloc = 200,
                             .max_line = 200};
    swap_opts(&opts);
    int r = ini_parse_stream(strict_read, d, strict_entry, d);
    swap_opts(&opts);
    if (r == -2) {
        vs_ini_fail(e, -ENOMEM, file, 0, "out of memory");
    } else if (r > 0 && (!e->rc || (unsigned)r < e->line)) {
        /* libinih reports the first bad line, which may precede the handler's first error. */
        e->rc = 0;
        vs_ini_fail(e, -EINVAL, file, (unsigned)r,
                    "syntax error: expected [section], key = value, or a comment");
    }
}

void vs_ini_doc_free(struct vs_ini_doc *d)
{
    for (size_t i = 0; i < d->nhdr; i++)
        free(d->hdr[i].name);
    free(d->hdr);
    d->hdr = NULL;
    d->nhdr = d->caphdr = 0;
}
