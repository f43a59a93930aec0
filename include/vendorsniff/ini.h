/* SPDX-License-Identifier: BSD-2-Clause */
/* ini.h - the one grammar of vendorsniff's data files: INI as parsed by libinih, errors as
 * "file:line: msg"; the risk list's dialect, and the signature files' strict one (below). */
#ifndef VS_INI_H
#define VS_INI_H

#include <stdbool.h>
#include <stddef.h>

/* Called for each "key = value" (key NULL, value NULL at the start of a [section]).
 * Return 0 to go on; non-zero stops the parse (write the reason into err first). */
typedef int (*vs_ini_fn)(void *user, const char *section, const char *key, const char *value,
                         int line);

/* Parse path. Returns 0, or -errno (file unreadable) / -EINVAL (syntax error or handler
 * refusal) with "path:line: message" in err. */
int vs_ini_parse(const char *path, vs_ini_fn fn, void *user, char *err, size_t errsz);
/* The same over a memory buffer (fuzzing, tests); name is used in messages. */
int vs_ini_parse_mem(const char *name, const char *buf, size_t len, vs_ini_fn fn, void *user,
                     char *err, size_t errsz);

/* ---- the strict dialect of the signature files ---------------------------------------- */

/* The first error of a load, written as "file:line: message" ("file: message" when it has no
 * line); later errors are dropped, the first one being the one worth reading. */
struct vs_ini_err {
    char *buf;
    size_t sz;
    int rc;        /* the first error's negative errno code; 0 while none */
    unsigned line; /* and its line, 0 when it has none */
};

void vs_ini_fail(struct vs_ini_err *e, int rc, const char *file, unsigned line, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));

struct vs_ini_header {
    char *name; /* owned by the document until a handler takes it (and leaves NULL) */
    unsigned line;
};

struct vs_ini_doc;

/* Called for each "key = value" line, and for each indented line that continues the value of
 * the key above it (cont: value is the next piece, key that key's name). Return false to
 * refuse the entry (after vs_ini_fail); libinih then counts the line as its first error. */
typedef bool (*vs_ini_doc_fn)(void *user, struct vs_ini_doc *d, const char *key, const char *value,
                              unsigned line, bool cont);

/* One strict parse. A handler reads file and hdr/nhdr (every [section] header so far, in
 * order, with its line); the other fields are the reader's own. */
struct vs_ini_doc {
    const char *file;
    struct vs_ini_header *hdr;
    size_t nhdr;
    struct vs_ini_err *e;
    const char *p;
    size_t n, pos, caphdr;
    unsigned lineno;
    bool indented;
    bool have_key; /* an entry was read since the last header: libinih's own condition */
    vs_ini_doc_fn fn;
    void *user;
};

/* Parse text[0..len) in the strict dialect, file naming it in messages; every refusal, of
 * the reader, of libinih or of fn, lands in e. Free d with vs_ini_doc_free, also on error. */
void vs_ini_doc_parse(struct vs_ini_doc *d, const char *file, const char *text, size_t len,
                      struct vs_ini_err *e, vs_ini_doc_fn fn, void *user);
void vs_ini_doc_free(struct vs_ini_doc *d);

#endif
