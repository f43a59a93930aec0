/* ini.c - libinih adapter: counts lines through a custom reader so that every entry
 * and every syntax error carries its line number. */
#include "vendorsniff/ini.h"

#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
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
    /* Debian's libinih takes its options at run time, as process-wide globals: set ours
     * for this parse only and put the previous ones back, so that other libinih users
     * (signatures.c relies on continuation lines) are not changed behind their back. */
    bool o_inline = ini_allow_inline_comments, o_multi = ini_allow_multiline;
    bool o_stack = ini_use_stack, o_realloc = ini_allow_realloc, o_stop = ini_stop_on_first_error;
    int o_alloc = ini_initial_alloc, o_max = ini_max_line;
    /* Patterns hold ';' and can be long, so: no inline comments, no continuation lines,
     * long heap lines, stop at the first error. */
    ini_allow_inline_comments = false;
    ini_allow_multiline = false;
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_initial_alloc = 256;
    ini_max_line = VS_MAX_DATA_LINE;
    p->rd.at_line_start = true;
    ini_stop_on_first_error = true;
    int rc = ini_parse_stream(read_line, &p->rd, on_entry, p);
    ini_allow_inline_comments = o_inline;
    ini_allow_multiline = o_multi;
    ini_use_stack = o_stack;
    ini_allow_realloc = o_realloc;
    ini_stop_on_first_error = o_stop;
    ini_initial_alloc = o_alloc;
    ini_max_line = o_max;
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
