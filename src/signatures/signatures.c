/* signatures.c - loads vendors.ini, enterprises.tsv and rules/ *.ini into an immutable set
 * and runs its PCRE2 rules over evidence values; format and checks in docs/signatures.md. */
#include "vendorsniff/signatures.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vendorsniff/limits.h"

/* A data file larger than this is refused rather than read (the PEN registry is ~2 MiB). */
#define SIG_MAX_FILE (32u * 1024u * 1024u)
/* A rule value after joining its continuation lines (bounds pattern compile time). */
#define SIG_MAX_VALUE VS_MAX_DATA_LINE
/* Longest section name libinih keeps whole (its MAX_SECTION is 50 with the NUL). */
#define SIG_MAX_SECTION 49
/* Captures above this cannot be referenced from a template ($1..$99). */
#define SIG_MAX_GROUP 99
/* Backtracking budget per match: values come from the wire, patterns from users. */
#define SIG_MATCH_LIMIT 200000u
/* Capture text handed to the vendor alias look-ups. */
#define SIG_CAPTURE_MAX 256

/* ---- the loaded set ---------------------------------------------------------------------- */

enum alias_kind { ALIAS_ORG, ALIAS_NAME };

struct alias {
    char *key; /* normalised */
    uint32_t vendor;
    enum alias_kind kind;
    unsigned line;
};

struct pen_vendor {
    uint32_t pen;
    uint32_t vendor;
    unsigned line;
};

struct pen_name {
    uint32_t pen;
    const char *name; /* into vs_sigs.pen_text */
};

/* A template piece: literal text, or capture group `group` when group >= 0. */
struct tseg {
    char *lit;
    size_t len;
    int group;
};

struct tmpl {
    struct tseg *seg;
    size_t n;
};

struct sample {
    char *v;
    size_t len;
    unsigned line;
};

enum vendor_kind { VK_NONE, VK_FIXED, VK_NAME, VK_ENTERPRISE };

struct expect {
    bool set;
    unsigned line;
    bool has_vendor, has_model, has_software, has_name;
    char *vendor, *model, *software, *name;
};

struct rule {
    char *id;
    const char *file; /* into vs_sigs.files */
    unsigned line;    /* of the section header */
    enum vs_field *fields;
    size_t nfields;
    pcre2_code *re;
    uint32_t ncap;
    enum vendor_kind vkind;
    uint32_t vendor; /* VK_FIXED: index; VK_NAME / VK_ENTERPRISE: capture group */
    struct tmpl model, software, name;
    double weight;
    struct sample *ex;
    size_t nex;
    struct sample *near;
    size_t nnear;
    struct expect expect;
};

struct vs_sigs {
    char **vendors;
    size_t nvendors;
    struct alias *alias; /* sorted by key */
    size_t nalias;
    struct pen_vendor *penv; /* sorted by pen */
    size_t npenv;
    struct pen_name *pens; /* sorted by pen */
    size_t npens;
    char *pen_text;
    struct rule *rules;
    size_t nrules;
    uint32_t *byfield[VS_F__COUNT]; /* rule indices, in load order */
    size_t nbyfield[VS_F__COUNT];
    char **files;
    size_t nfiles;
    uint32_t maxcap;
    pcre2_match_context *mctx;
    uint64_t *first_words; /* sorted: the first word (8 chars) of every alias key */
    size_t nfirst_words;
};

/* ---- small helpers ----------------------------------------------------------------------- */

/* Grow *p (element size sz) so that it holds at least n + 1 elements. */
static bool grow(void *pp, size_t *cap, size_t n, size_t sz)
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

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Normalise in[0..inlen) into out; *full gets the length the result needs, so a caller can
 * tell a truncated (and therefore unusable) key from a complete one. */
static size_t normalise_n(const char *in, size_t inlen, char *out, size_t outsz, size_t *full)
{
    size_t w = 0, need = 0;
    bool pending_space = false;
    for (size_t i = 0; i < inlen; i++) {
        unsigned char c = (unsigned char)in[i];
        if (!is_alnum(c)) {
            pending_space = need > 0;
            continue;
        }
        if (pending_space) {
            if (w + 1 < outsz)
                out[w++] = ' ';
            need++;
            pending_space = false;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (w + 1 < outsz)
            out[w++] = (char)c;
        need++;
    }
    if (outsz)
        out[w] = '\0';
    if (full)
        *full = need;
    return w;
}

size_t vs_sigs_normalise(const char *in, char *out, size_t outsz)
{
    if (!in)
        in = "";
    return normalise_n(in, strlen(in), out, outsz, NULL);
}

static bool parse_u32(const char *s, uint32_t *out)
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

/* ---- errors ------------------------------------------------------------------------------ */

struct errs {
    char *buf;
    size_t sz;
    int rc;        /* first error's code; 0 while none */
    unsigned line; /* and its line, 0 when it has none */
};

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void fail(struct errs *e, int rc, const char *file, unsigned line, const char *fmt, ...)
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

static int read_whole(const char *path, char **out, size_t *outlen, struct errs *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int rc = errno ? -errno : -EIO;
        fail(e, rc, path, 0, "cannot open: %s", strerror(errno));
        return rc;
    }
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (!grow(&buf, &cap, n + 65536, 1)) {
            free(buf);
            fclose(f);
            fail(e, -ENOMEM, path, 0, "out of memory");
            return -ENOMEM;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (n > SIG_MAX_FILE) {
            free(buf);
            fclose(f);
            fail(e, -EFBIG, path, 0, "file larger than %u bytes", SIG_MAX_FILE);
            return -EFBIG;
        }
        if (k == 0)
            break;
    }
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad) {
        free(buf);
        fail(e, -EIO, path, 0, "read error");
        return -EIO;
    }
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return 0;
}

/* ---- line source for libinih --------------------------------------------------------------
 * libinih does the INI grammar; this reader feeds it one line at a time from memory and
 * keeps what the handler needs to be strict: the line number, whether the line is indented
 * (libinih reads an indented line after a key as a continuation of that key), and every
 * section header with its line, so that empty and duplicate sections are seen too. */

struct header {
    char *name;
    unsigned line;
};

struct linesrc {
    const char *p;
    size_t n, pos;
    const char *file;
    unsigned lineno;
    bool indented;
    bool have_key; /* a key was read since the last header: libinih's own condition */
    struct header *hdr;
    size_t nhdr, caphdr;
    struct errs *e;
};

static char *ini_read(char *str, int num, void *stream)
{
    struct linesrc *ls = stream;
    if (ls->pos >= ls->n || num < 4)
        return NULL;
    const char *line = ls->p + ls->pos;
    const char *nl = memchr(line, '\n', ls->n - ls->pos);
    size_t len = nl ? (size_t)(nl - line) + 1 : ls->n - ls->pos;
    ls->pos += len;
    ls->lineno++;
    ls->indented = false;
    if (ls->lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    /* Whatever this line is, libinih must see a line of the same count, so a refused
     * line is handed on as a comment. */
    if (memchr(line, '\0', len)) {
        fail(ls->e, -EINVAL, ls->file, ls->lineno, "NUL byte in line");
        memcpy(str, "#\n", 3);
        return str;
    }
    if (len + 2 > (size_t)num) {
        fail(ls->e, -EINVAL, ls->file, ls->lineno,
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
        ls->indented = true;
        if (line[i] == '[' && !ls->have_key)
            fail(ls->e, -EINVAL, ls->file, ls->lineno,
                 "section header must start at the beginning of the line");
        return str;
    }
    if (line[0] != '[')
        return str;

    const char *close = memchr(line, ']', len);
    if (!close) {
        fail(ls->e, -EINVAL, ls->file, ls->lineno, "section header without ']'");
        return str;
    }
    size_t nlen = (size_t)(close - line) - 1;
    const char *t = close + 1;
    while (t < line + len && is_space((unsigned char)*t))
        t++;
    if (t < line + len && *t != ';' && *t != '#') {
        fail(ls->e, -EINVAL, ls->file, ls->lineno, "text after section header");
        return str;
    }
    if (nlen == 0 || nlen > SIG_MAX_SECTION) {
        fail(ls->e, -EINVAL, ls->file, ls->lineno, "section name must be 1 to %d characters",
             SIG_MAX_SECTION);
        return str;
    }
    if (!grow(&ls->hdr, &ls->caphdr, ls->nhdr, sizeof *ls->hdr) ||
        !(ls->hdr[ls->nhdr].name = dupn(line + 1, nlen))) {
        fail(ls->e, -ENOMEM, ls->file, ls->lineno, "out of memory");
        return str;
    }
    ls->hdr[ls->nhdr++].line = ls->lineno;
    ls->have_key = false;
    return str;
}

static void linesrc_init(struct linesrc *ls, const char *file, const char *p, size_t n,
                         struct errs *e)
{
    memset(ls, 0, sizeof *ls);
    ls->file = file;
    ls->p = p;
    ls->n = n;
    ls->e = e;
}

static void linesrc_free(struct linesrc *ls)
{
    for (size_t i = 0; i < ls->nhdr; i++)
        free(ls->hdr[i].name);
    free(ls->hdr);
}

/* Run libinih over ls; turns its own syntax errors into file:line messages. */
static void run_ini(struct linesrc *ls, ini_handler h, void *user)
{
    int r = ini_parse_stream(ini_read, ls, h, user);
    if (r == -2) {
        fail(ls->e, -ENOMEM, ls->file, 0, "out of memory");
    } else if (r > 0 && (!ls->e->rc || (unsigned)r < ls->e->line)) {
        /* libinih reports the first bad line, which may precede the handler's first error. */
        ls->e->rc = 0;
        fail(ls->e, -EINVAL, ls->file, (unsigned)r,
             "syntax error: expected [section], key = value, or a comment");
    }
}

/* Shared by both INI handlers: is this call a continuation line, and which header owns it. */
static bool ini_is_continuation(struct linesrc *ls)
{
    bool cont = ls->indented && ls->have_key;
    ls->have_key = true;
    return cont;
}

/* ---- vendors.ini ------------------------------------------------------------------------- */

struct vparse {
    struct vs_sigs *s;
    struct linesrc *ls;
    struct errs *e;
    size_t capalias, cappenv;
};

static bool add_alias(struct vparse *vp, const char *text, uint32_t vendor, enum alias_kind kind,
                      unsigned line)
{
    struct vs_sigs *s = vp->s;
    size_t n = strlen(text);
    char *key = malloc(n + 1);
    if (!key || !grow(&s->alias, &vp->capalias, s->nalias, sizeof *s->alias)) {
        free(key);
        fail(vp->e, -ENOMEM, vp->ls->file, line, "out of memory");
        return false;
    }
    normalise_n(text, n, key, n + 1, NULL);
    if (!*key) {
        free(key);
        fail(vp->e, -EINVAL, vp->ls->file, line, "'%s' has no letters or digits", text);
        return false;
    }
    s->alias[s->nalias++] = (struct alias){key, vendor, kind, line};
    return true;
}

static int vendors_handler(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    struct vparse *vp = user;
    struct linesrc *ls = vp->ls;
    bool cont = ini_is_continuation(ls);
    if (vp->e->rc)
        return 0;
    unsigned line = ls->lineno;
    if (ls->nhdr == 0) {
        fail(vp->e, -EINVAL, ls->file, line, "key '%s' outside a [Vendor] section", name);
        return 0;
    }
    uint32_t vendor = (uint32_t)(ls->nhdr - 1);
    if (cont) {
        fail(vp->e, -EINVAL, ls->file, line,
             "indented line would continue '%s'; write each key = value on its own line at "
             "the start of the line", name);
        return 0;
    }
    if (strcmp(name, "org") == 0)
        return add_alias(vp, value, vendor, ALIAS_ORG, line);
    if (strcmp(name, "name") == 0)
        return add_alias(vp, value, vendor, ALIAS_NAME, line);
    if (strcmp(name, "enterprise") == 0) {
        uint32_t pen;
        if (!parse_u32(value, &pen)) {
            fail(vp->e, -EINVAL, ls->file, line, "enterprise '%s' is not a number", value);
            return 0;
        }
        struct vs_sigs *s = vp->s;
        if (!grow(&s->penv, &vp->cappenv, s->npenv, sizeof *s->penv)) {
            fail(vp->e, -ENOMEM, ls->file, line, "out of memory");
            return 0;
        }
        s->penv[s->npenv++] = (struct pen_vendor){pen, vendor, line};
        return 1;
    }
    fail(vp->e, -EINVAL, ls->file, line, "unknown key '%s' (expected org, enterprise or name)",
         name);
    return 0;
}

static int cmp_alias(const void *a, const void *b)
{
    const struct alias *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int cmp_penv(const void *a, const void *b)
{
    const struct pen_vendor *x = a, *y = b;
    if (x->pen != y->pen)
        return x->pen < y->pen ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static int load_vendors(struct vs_sigs *s, const char *file, const char *text, size_t len,
                        struct errs *e)
{
    struct linesrc ls;
    linesrc_init(&ls, file, text, len, e);
    struct vparse vp = {.s = s, .ls = &ls, .e = e};
    run_ini(&ls, vendors_handler, &vp);
    if (!e->rc) {
        s->vendors = calloc(ls.nhdr ? ls.nhdr : 1, sizeof *s->vendors);
        if (!s->vendors)
            fail(e, -ENOMEM, file, 0, "out of memory");
    }
    for (size_t i = 0; !e->rc && i < ls.nhdr; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(ls.hdr[i].name, s->vendors[j]) == 0) {
                fail(e, -EINVAL, file, ls.hdr[i].line, "duplicate vendor [%s] (first at line %u)",
                     ls.hdr[i].name, ls.hdr[j].line);
                break;
            }
        }
        const char *vn = ls.hdr[i].name;
        for (const char *c = vn; !e->rc && *c; c++)
            if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
                fail(e, -EINVAL, file, ls.hdr[i].line, "vendor names are printable ASCII");
        if (!e->rc && (is_space((unsigned char)vn[0]) || is_space((unsigned char)vn[strlen(vn) - 1])))
            fail(e, -EINVAL, file, ls.hdr[i].line, "space at the start or end of [%s]", vn);
        if (e->rc)
            break;
        s->vendors[i] = ls.hdr[i].name;
        ls.hdr[i].name = NULL;
        s->nvendors++;
        /* The canonical name is itself a name of the vendor. */
        add_alias(&vp, s->vendors[i], (uint32_t)i, ALIAS_NAME, ls.hdr[i].line);
    }
    if (ls.nhdr == 0)
        fail(e, -EINVAL, file, 0, "no [Vendor] sections");
    linesrc_free(&ls);
    if (e->rc)
        return e->rc;

    if (s->nalias)
        qsort(s->alias, s->nalias, sizeof *s->alias, cmp_alias);
    for (size_t i = 1; i < s->nalias; i++) {
        const struct alias *a = &s->alias[i - 1], *b = &s->alias[i];
        if (strcmp(a->key, b->key) == 0 && a->vendor != b->vendor) {
            fail(e, -EINVAL, file, b->line, "'%s' already names %s (line %u), not %s", b->key,
                 s->vendors[a->vendor], a->line, s->vendors[b->vendor]);
            return e->rc;
        }
    }
    if (s->npenv)
        qsort(s->penv, s->npenv, sizeof *s->penv, cmp_penv);
    for (size_t i = 1; i < s->npenv; i++) {
        const struct pen_vendor *a = &s->penv[i - 1], *b = &s->penv[i];
        if (a->pen == b->pen) {
            fail(e, -EINVAL, file, b->line, "enterprise %u already given to %s at line %u",
                 b->pen, s->vendors[a->vendor], a->line);
            return e->rc;
        }
    }
    return 0;
}

/* ---- enterprises.tsv --------------------------------------------------------------------- */

static int cmp_pen(const void *a, const void *b)
{
    const struct pen_name *x = a, *y = b;
    return x->pen < y->pen ? -1 : x->pen > y->pen;
}

/* Takes ownership of text (NUL-terminated, len bytes); names point into it. */
static int load_enterprises(struct vs_sigs *s, const char *file, char *text, size_t len,
                            struct errs *e)
{
    s->pen_text = text;
    size_t cap = 0;
    unsigned lineno = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        lineno++;
        char *next = nl ? nl + 1 : end;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r')
            *--eol = '\0';
        if (memchr(p, '\0', (size_t)(eol - p))) {
            fail(e, -EINVAL, file, lineno, "NUL byte in line");
            return e->rc;
        }
        if (p == eol || *p == '#') {
            p = next;
            continue;
        }
        if ((size_t)(eol - p) > VS_MAX_DATA_LINE) {
            fail(e, -EINVAL, file, lineno, "line longer than %d bytes", VS_MAX_DATA_LINE);
            return e->rc;
        }
        char *tab = strchr(p, '\t');
        if (!tab) {
            fail(e, -EINVAL, file, lineno, "expected NUMBER<TAB>NAME");
            return e->rc;
        }
        *tab = '\0';
        uint32_t pen;
        if (!parse_u32(p, &pen)) {
            fail(e, -EINVAL, file, lineno, "'%s' is not an enterprise number", p);
            return e->rc;
        }
        char *nm = tab + 1;
        while (*nm == ' ' || *nm == '\t')
            nm++;
        char *ne = eol;
        while (ne > nm && is_space((unsigned char)ne[-1]))
            *--ne = '\0';
        if (!*nm) {
            fail(e, -EINVAL, file, lineno, "enterprise %u has no name", pen);
            return e->rc;
        }
        if (!grow(&s->pens, &cap, s->npens, sizeof *s->pens)) {
            fail(e, -ENOMEM, file, lineno, "out of memory");
            return e->rc;
        }
        s->pens[s->npens++] = (struct pen_name){pen, nm};
        p = next;
    }
    /* The registry is published in order; only an edited file needs the sort. */
    bool sorted = true;
    for (size_t i = 1; i < s->npens && sorted; i++)
        sorted = s->pens[i - 1].pen < s->pens[i].pen;
    if (!sorted)
        qsort(s->pens, s->npens, sizeof *s->pens, cmp_pen);
    for (size_t i = 1; i < s->npens; i++) {
        if (s->pens[i - 1].pen == s->pens[i].pen) {
            fail(e, -EINVAL, file, 0, "enterprise %u is listed twice", s->pens[i].pen);
            return e->rc;
        }
    }
    return 0;
}

/* ---- look-ups ---------------------------------------------------------------------------- */

static const struct alias *find_alias(const struct vs_sigs *s, const char *key)
{
    size_t lo = 0, hi = s->nalias;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->alias[mid].key, key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->nalias && strcmp(s->alias[lo].key, key) == 0 ? &s->alias[lo] : NULL;
}

/* The first word of a text as normalisation would leave it (ASCII letters and digits,
 * lower case), packed into 8 bytes: a new device's registry organisation almost never
 * names a known vendor, and this rejects it without normalising the whole name. */
static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static uint64_t first_word(const char *t, size_t len)
{
    size_t i = 0;
    while (i < len && !ascii_alnum((unsigned char)t[i]))
        i++;
    uint64_t w = 0;
    for (size_t k = 0; k < 8 && i < len && ascii_alnum((unsigned char)t[i]); k++, i++) {
        unsigned char c = (unsigned char)t[i];
        w = w << 8 | (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return w;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void index_first_words(struct vs_sigs *s)
{
    s->first_words = malloc((s->nalias ? s->nalias : 1) * sizeof *s->first_words);
    if (!s->first_words)
        return;
    size_t n = 0;
    for (size_t i = 0; i < s->nalias; i++)
        s->first_words[n++] = first_word(s->alias[i].key, strlen(s->alias[i].key));
    qsort(s->first_words, n, sizeof *s->first_words, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || s->first_words[u - 1] != s->first_words[i])
            s->first_words[u++] = s->first_words[i];
    s->nfirst_words = u;
}

static bool maybe_alias(const struct vs_sigs *s, const char *text, size_t len)
{
    if (!s->first_words)
        return true;
    uint64_t w = first_word(text, len);
    return bsearch(&w, s->first_words, s->nfirst_words, sizeof w, cmp_u64) != NULL;
}

static const char *vendor_by_text(const struct vs_sigs *s, const char *text, size_t len,
                                  bool org_only)
{
    char key[SIG_CAPTURE_MAX];
    size_t full;
    if (!s || !text)
        return NULL;
    if (!maybe_alias(s, text, len))
        return NULL;
    normalise_n(text, len, key, sizeof key, &full);
    if (!full || full >= sizeof key)
        return NULL;
    const struct alias *a = find_alias(s, key);
    if (!a)
        return NULL;
    if (org_only) {
        /* Aliases of one key are adjacent; any of them may be the org. */
        const struct alias *first = a;
        const struct alias *end = s->alias + s->nalias;
        for (; a < end && strcmp(a->key, first->key) == 0; a++)
            if (a->kind == ALIAS_ORG)
                return s->vendors[a->vendor];
        return NULL;
    }
    return s->vendors[a->vendor];
}

const char *vs_sigs_vendor_for_org(const struct vs_sigs *s, const char *org)
{
    return org ? vendor_by_text(s, org, strlen(org), true) : NULL;
}

const char *vs_sigs_vendor_for_name(const struct vs_sigs *s, const char *name)
{
    return name ? vendor_by_text(s, name, strlen(name), false) : NULL;
}

const char *vs_sigs_vendor_for_enterprise(const struct vs_sigs *s, uint32_t pen)
{
    if (!s)
        return NULL;
    size_t lo = 0, hi = s->npenv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->penv[mid].pen < pen)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->npenv && s->penv[lo].pen == pen ? s->vendors[s->penv[lo].vendor] : NULL;
}

const char *vs_sigs_enterprise_name(const struct vs_sigs *s, uint32_t pen)
{
    if (!s)
        return NULL;
    size_t lo = 0, hi = s->npens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pens[mid].pen < pen)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->npens && s->pens[lo].pen == pen ? s->pens[lo].name : NULL;
}

size_t vs_sigs_rule_count(const struct vs_sigs *s)
{
    return s ? s->nrules : 0;
}

size_t vs_sigs_vendor_count(const struct vs_sigs *s)
{
    return s ? s->nvendors : 0;
}

/* ---- matching ---------------------------------------------------------------------------- */

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

/* Run one rule; fills m and returns true when its pattern matches and it yields anything.
 * *pcre_rc gets the raw pcre2_match result for the self-test's diagnostics. */
static bool apply_rule(const struct vs_sigs *s, const struct rule *r, const char *v, size_t len,
                       pcre2_match_data *md, struct vs_sig_match *m, int *pcre_rc)
{
    int rc = pcre2_match(r->re, (PCRE2_SPTR)v, len, 0, 0, md, s->mctx);
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
            m->vendor = vendor_by_text(s, v + st, n, false);
        break;
    case VK_ENTERPRISE:
        if (group_span(ov, rc, r->vendor, &st, &n) && n > 0 && n < 11) {
            char num[12];
            memcpy(num, v + st, n);
            num[n] = '\0';
            uint32_t pen;
            if (parse_u32(num, &pen))
                m->vendor = vs_sigs_vendor_for_enterprise(s, pen);
        }
        break;
    }
    expand(&r->model, v, ov, rc, m->model, sizeof m->model);
    expand(&r->software, v, ov, rc, m->software, sizeof m->software);
    expand(&r->name, v, ov, rc, m->name, sizeof m->name);
    return m->vendor || m->model[0] || m->software[0] || m->name[0];
}

size_t vs_sigs_match(const struct vs_sigs *s, enum vs_field f, const char *value, size_t len,
                     vs_sig_cb cb, void *ctx)
{
    if (!s || (unsigned)f >= VS_F__COUNT || !s->nbyfield[f])
        return 0;
    if (!value)
        value = "", len = 0;
    pcre2_match_data *md = pcre2_match_data_create(s->maxcap + 1, NULL);
    if (!md)
        return 0;
    size_t hits = 0;
    struct vs_sig_match m;
    for (size_t i = 0; i < s->nbyfield[f]; i++) {
        const struct rule *r = &s->rules[s->byfield[f][i]];
        if (apply_rule(s, r, value, len, md, &m, NULL)) {
            hits++;
            if (cb)
                cb(ctx, &m);
        }
    }
    pcre2_match_data_free(md);
    return hits;
}

/* ---- rules/ *.ini -------------------------------------------------------------------------- */

enum rkey {
    RK_FIELDS,
    RK_PATTERN,
    RK_FLAGS,
    RK_VENDOR,
    RK_MODEL,
    RK_SOFTWARE,
    RK_NAME,
    RK_WEIGHT,
    RK_EXPECT,
    RK_EXAMPLE,
    RK_NEARMISS,
    RK__COUNT
};

static const char *const rkey_names[RK__COUNT] = {
    "fields", "pattern", "flags", "vendor", "model", "software",
    "name",   "weight",  "expect", "example", "nearmiss",
};

struct rawval {
    char *v;
    size_t len;
    unsigned line;
};

/* The keys of the rule being read, as written (continuations joined). */
struct rawrule {
    bool active;
    size_t hdr;
    struct rawval one[RK__COUNT]; /* single keys */
    struct rawval *list[RK__COUNT]; /* example, nearmiss */
    size_t nlist[RK__COUNT], caplist[RK__COUNT];
    enum rkey lastkey;
};

struct rparse {
    struct vs_sigs *s;
    struct linesrc *ls;
    struct errs *e;
    const char *file; /* as kept in s->files */
    size_t caprules;
    struct rawrule raw;
    size_t handled; /* headers consumed */
    pcre2_match_data *md;
};

static void rawrule_free(struct rawrule *rr)
{
    for (int k = 0; k < RK__COUNT; k++) {
        free(rr->one[k].v);
        for (size_t i = 0; i < rr->nlist[k]; i++)
            free(rr->list[k][i].v);
        free(rr->list[k]);
    }
    memset(rr, 0, sizeof *rr);
}

static bool append(struct rawval *rv, const char *text, struct errs *e, const char *file,
                   unsigned line)
{
    size_t n = strlen(text);
    if (rv->len + n > SIG_MAX_VALUE) {
        fail(e, -EINVAL, file, line, "value longer than %d bytes", SIG_MAX_VALUE);
        return false;
    }
    char *q = realloc(rv->v, rv->len + n + 1);
    if (!q) {
        fail(e, -ENOMEM, file, line, "out of memory");
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
        switch (in[i]) {
        case 'r': o[w++] = '\r'; break;
        case 'n': o[w++] = '\n'; break;
        case 't': o[w++] = '\t'; break;
        case '\\': o[w++] = '\\'; break;
        case 'x': {
            int v = 0;
            for (int k = 0; k < 2; k++) {
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
            break;
        }
        default:
            *why = "unknown escape (use \\r \\n \\t \\\\ or \\xHH)";
            free(o);
            return false;
        }
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
        if (!grow(&t->seg, &cap, t->n, sizeof *t->seg)) {
            *why = "out of memory";
            return false;
        }
        struct tseg *sg = &t->seg[t->n];
        sg->group = group;
        sg->len = group >= 0 ? 0 : litlen;
        sg->lit = group >= 0 ? NULL : dupn(p, litlen);
        if (group < 0 && !sg->lit) {
            *why = "out of memory";
            return false;
        }
        t->n++;
        p = q;
    }
    return true;
}

static void rule_free(struct rule *r)
{
    free(r->id);
    free(r->fields);
    pcre2_code_free(r->re);
    tmpl_free(&r->model);
    tmpl_free(&r->software);
    tmpl_free(&r->name);
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
    memset(r, 0, sizeof *r);
}

static bool parse_expect(struct expect *x, const char *src, const char **why)
{
    const char *p = src;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        while (n && is_space((unsigned char)*p))
            p++, n--;
        while (n && is_space((unsigned char)p[n - 1]))
            n--;
        if (n) {
            const char *eq = memchr(p, '=', n);
            if (!eq) {
                *why = "expect wants key=value items separated by ';'";
                return false;
            }
            size_t kl = (size_t)(eq - p);
            while (kl && is_space((unsigned char)p[kl - 1]))
                kl--;
            const char *v = eq + 1;
            size_t vl = n - (size_t)(v - p);
            while (vl && is_space((unsigned char)*v))
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
            else {
                *why = "expect keys are vendor, model, software and name";
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

static int vendor_index(const struct vs_sigs *s, const char *name)
{
    for (size_t i = 0; i < s->nvendors; i++)
        if (strcmp(s->vendors[i], name) == 0)
            return (int)i;
    return -1;
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

static bool sample_add(struct sample **arr, size_t *n, const struct rawval *rv, struct errs *e,
                       const char *file, const char *id)
{
    const char *why = NULL;
    char *v;
    size_t len;
    if (!unescape(rv->v ? rv->v : "", rv->len, &v, &len, &why)) {
        fail(e, -EINVAL, file, rv->line, "rule %s: %s", id, why);
        return false;
    }
    if (!len) {
        free(v);
        fail(e, -EINVAL, file, rv->line, "rule %s: empty value", id);
        return false;
    }
    (*arr)[(*n)++] = (struct sample){v, len, rv->line};
    return true;
}

static const char *opt(const char *s)
{
    return s ? s : "";
}

static bool str_eq(const char *a, const char *b)
{
    return strcmp(opt(a), opt(b)) == 0;
}

/* Check one example of rule r: it must match and yield, and the first must meet expect. */
static bool check_example(const struct vs_sigs *s, const struct rule *r, size_t i,
                          pcre2_match_data *md, char *why, size_t whysz, unsigned *line)
{
    const struct sample *ex = &r->ex[i];
    struct vs_sig_match m;
    int rc;
    *line = ex->line;
    if (!apply_rule(s, r, ex->v, ex->len, md, &m, &rc)) {
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
    if (x->has_name && !str_eq(m.name, x->name)) {
        snprintf(why, whysz, "expected name '%s', got '%s'", opt(x->name), m.name);
        return false;
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
    struct errs *e = rp->e;
    const char *file = rp->file;
    struct header *h = &rp->ls->hdr[rr->hdr];
    if (e->rc)
        goto out;
    if (!grow(&s->rules, &rp->caprules, s->nrules, sizeof *s->rules)) {
        fail(e, -ENOMEM, file, h->line, "out of memory");
        goto out;
    }
    struct rule *r = &s->rules[s->nrules];
    memset(r, 0, sizeof *r);
    r->file = file;
    r->line = h->line;
    r->id = h->name;
    const char *id = h->name;
    const char *why = NULL;

    for (size_t i = 0; i < s->nrules; i++) {
        if (strcmp(s->rules[i].id, id) == 0) {
            fail(e, -EINVAL, file, h->line, "duplicate rule id [%s] (first at %s:%u)", id,
                 s->rules[i].file, s->rules[i].line);
            r->id = NULL;
            goto out;
        }
    }
    h->name = NULL; /* the rule owns the id now */

    /* fields */
    const struct rawval *rv = &rr->one[RK_FIELDS];
    if (!rv->v || !*rv->v) {
        fail(e, -EINVAL, file, h->line, "rule %s: no fields", id);
        goto bad;
    }
    r->fields = calloc(rv->len / 2 + 1, sizeof *r->fields);
    if (!r->fields) {
        fail(e, -ENOMEM, file, rv->line, "out of memory");
        goto bad;
    }
    for (char *tok = rv->v; *tok;) {
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
            fail(e, -EINVAL, file, rv->line, "rule %s: unknown field '%s'", id, tok);
            goto bad;
        }
        for (size_t k = 0; k < r->nfields; k++) {
            if (r->fields[k] == f) {
                fail(e, -EINVAL, file, rv->line, "rule %s: field '%s' listed twice", id, tok);
                goto bad;
            }
        }
        r->fields[r->nfields++] = f;
        *te = save;
        tok = te;
    }

    /* flags */
    uint32_t opts = PCRE2_NEVER_UTF | PCRE2_NEVER_UCP;
    rv = &rr->one[RK_FLAGS];
    for (const char *c = rv->v ? rv->v : ""; *c; c++) {
        uint32_t o = *c == 'i' ? PCRE2_CASELESS
                     : *c == 's' ? PCRE2_DOTALL
                     : *c == 'm' ? PCRE2_MULTILINE
                     : *c == 'x' ? PCRE2_EXTENDED
                                 : 0;
        if (*c == ' ' || *c == ',')
            continue;
        if (!o || (opts & o)) {
            fail(e, -EINVAL, file, rv->line, "rule %s: flags are i, s, m and x, each once", id);
            goto bad;
        }
        opts |= o;
    }

    /* pattern */
    rv = &rr->one[RK_PATTERN];
    if (!rv->v || !*rv->v) {
        fail(e, -EINVAL, file, rv->v ? rv->line : h->line, "rule %s: no pattern", id);
        goto bad;
    }
    int perr;
    PCRE2_SIZE poff;
    r->re = pcre2_compile((PCRE2_SPTR)rv->v, rv->len, opts, &perr, &poff, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[160];
        if (pcre2_get_error_message(perr, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "error %d", perr);
        fail(e, -EINVAL, file, rv->line, "rule %s: pattern error at offset %zu: %s", id,
             (size_t)poff, (const char *)msg);
        goto bad;
    }
    (void)pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
    if (pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &r->ncap) != 0)
        r->ncap = 0;
    if (r->ncap > SIG_MAX_GROUP) {
        fail(e, -EINVAL, file, rv->line, "rule %s: more than %d capture groups", id,
             SIG_MAX_GROUP);
        goto bad;
    }
    if (r->ncap > s->maxcap)
        s->maxcap = r->ncap;

    /* vendor */
    rv = &rr->one[RK_VENDOR];
    if (rv->v) {
        const char *v = rv->v;
        int g;
        if (strncmp(v, "enterprise:", 11) == 0) {
            g = lone_group(v + 11);
            if (g < 0) {
                fail(e, -EINVAL, file, rv->line, "rule %s: enterprise: wants $N", id);
                goto bad;
            }
            r->vkind = VK_ENTERPRISE;
        } else if (v[0] == '$') {
            g = lone_group(v);
            if (g < 0) {
                fail(e, -EINVAL, file, rv->line, "rule %s: vendor '%s' is not $N", id, v);
                goto bad;
            }
            r->vkind = VK_NAME;
        } else {
            g = vendor_index(s, v);
            if (g < 0) {
                fail(e, -EINVAL, file, rv->line, "rule %s: vendor '%s' is not in vendors.ini",
                     id, v);
                goto bad;
            }
            r->vkind = VK_FIXED;
        }
        if (r->vkind != VK_FIXED && (uint32_t)g > r->ncap) {
            fail(e, -EINVAL, file, rv->line, "rule %s: the pattern has no group %d", id, g);
            goto bad;
        }
        r->vendor = (uint32_t)g;
    }

    /* templates */
    static const enum rkey tk[3] = {RK_MODEL, RK_SOFTWARE, RK_NAME};
    struct tmpl *tt[3] = {&r->model, &r->software, &r->name};
    for (int k = 0; k < 3; k++) {
        rv = &rr->one[tk[k]];
        if (rv->v && !tmpl_parse(tt[k], rv->v, r->ncap, &why)) {
            fail(e, -EINVAL, file, rv->line, "rule %s: %s: %s", id, rkey_names[tk[k]], why);
            goto bad;
        }
    }
    if (r->vkind == VK_NONE && !r->model.n && !r->software.n && !r->name.n) {
        fail(e, -EINVAL, file, h->line, "rule %s: yields nothing (set vendor, model, "
             "software or name)", id);
        goto bad;
    }

    /* weight */
    rv = &rr->one[RK_WEIGHT];
    if (!rv->v) {
        fail(e, -EINVAL, file, h->line, "rule %s: no weight", id);
        goto bad;
    }
    if (!parse_weight(rv->v, &r->weight)) {
        fail(e, -EINVAL, file, rv->line, "rule %s: weight '%s' is not a number in (0, 1]", id,
             rv->v);
        goto bad;
    }

    /* examples, near misses, expect */
    if (!rr->nlist[RK_EXAMPLE]) {
        fail(e, -EINVAL, file, h->line, "rule %s: no example", id);
        goto bad;
    }
    r->ex = calloc(rr->nlist[RK_EXAMPLE], sizeof *r->ex);
    r->near = calloc(rr->nlist[RK_NEARMISS] + 1, sizeof *r->near);
    if (!r->ex || !r->near) {
        fail(e, -ENOMEM, file, h->line, "out of memory");
        goto bad;
    }
    for (size_t i = 0; i < rr->nlist[RK_EXAMPLE]; i++)
        if (!sample_add(&r->ex, &r->nex, &rr->list[RK_EXAMPLE][i], e, file, id))
            goto bad;
    for (size_t i = 0; i < rr->nlist[RK_NEARMISS]; i++)
        if (!sample_add(&r->near, &r->nnear, &rr->list[RK_NEARMISS][i], e, file, id))
            goto bad;
    rv = &rr->one[RK_EXPECT];
    if (rv->v) {
        r->expect.line = rv->line;
        if (!parse_expect(&r->expect, rv->v, &why)) {
            fail(e, -EINVAL, file, rv->line, "rule %s: %s", id, why);
            goto bad;
        }
        if (r->expect.has_vendor && *opt(r->expect.vendor) &&
            vendor_index(s, r->expect.vendor) < 0) {
            fail(e, -EINVAL, file, rv->line, "rule %s: expected vendor '%s' is not in "
                 "vendors.ini", id, r->expect.vendor);
            goto bad;
        }
    }

    /* A rule is only loaded if its own examples prove it; the set-wide checks (near misses
     * against other rules, conflicts) are vs_sigs_selftest's. */
    if (!rp->md) {
        rp->md = pcre2_match_data_create(SIG_MAX_GROUP + 1, NULL);
        if (!rp->md) {
            fail(e, -ENOMEM, file, h->line, "out of memory");
            goto bad;
        }
    }
    char msg[512];
    unsigned line;
    for (size_t i = 0; i < r->nex; i++) {
        if (!check_example(s, r, i, rp->md, msg, sizeof msg, &line)) {
            fail(e, -EINVAL, file, line, "rule %s: %s", id, msg);
            goto bad;
        }
    }
    struct vs_sig_match nm;
    for (size_t i = 0; i < r->nnear; i++) {
        if (apply_rule(s, r, r->near[i].v, r->near[i].len, rp->md, &nm, NULL)) {
            fail(e, -EINVAL, file, r->near[i].line, "rule %s: nearmiss matches the rule", id);
            goto bad;
        }
    }
    s->nrules++;
    goto out;
bad:
    rule_free(r);
out:
    rawrule_free(rr);
}

static bool known_key(const char *v, size_t n)
{
    for (int k = 0; k < RK__COUNT; k++)
        if (strlen(rkey_names[k]) == n && memcmp(v, rkey_names[k], n) == 0)
            return true;
    return false;
}

static int rules_handler(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    struct rparse *rp = user;
    struct linesrc *ls = rp->ls;
    bool cont = ini_is_continuation(ls);
    struct errs *e = rp->e;
    unsigned line = ls->lineno;
    if (e->rc)
        return 0;
    if (ls->nhdr == 0) {
        fail(e, -EINVAL, ls->file, line, "key '%s' outside a [rule] section", name);
        return 0;
    }
    struct rawrule *rr = &rp->raw;
    if (!rr->active || rr->hdr != ls->nhdr - 1) {
        finish_rule(rp);
        if (e->rc)
            return 0;
        if (ls->nhdr - rp->handled > 1) {
            const struct header *h = &ls->hdr[rp->handled];
            fail(e, -EINVAL, ls->file, h->line, "rule %s: empty section", h->name);
            return 0;
        }
        rr->active = true;
        rr->hdr = ls->nhdr - 1;
        rp->handled = ls->nhdr;
        const char *id = ls->hdr[rr->hdr].name;
        for (const char *c = id; *c; c++) {
            if (!is_alnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.') {
                fail(e, -EINVAL, ls->file, ls->hdr[rr->hdr].line,
                     "rule id '%s' may hold only letters, digits, '-', '_' and '.'", id);
                return 0;
            }
        }
    }
    if (cont) {
        const char *v = value;
        size_t n = 0;
        while (is_alnum((unsigned char)v[n]) || v[n] == '_')
            n++;
        size_t k = n;
        while (v[k] == ' ' || v[k] == '\t')
            k++;
        if (n && (v[k] == '=' || v[k] == ':') && known_key(v, n)) {
            fail(e, -EINVAL, ls->file, line,
                 "indented key '%.*s' would continue '%s'; keys start at the beginning of "
                 "the line", (int)n, v, rkey_names[rr->lastkey]);
            return 0;
        }
        if (v[0] == '[') {
            fail(e, -EINVAL, ls->file, line,
                 "section header must start at the beginning of the line");
            return 0;
        }
        enum rkey lk = rr->lastkey;
        struct rawval *target = (lk == RK_EXAMPLE || lk == RK_NEARMISS)
                                    ? &rr->list[lk][rr->nlist[lk] - 1]
                                    : &rr->one[lk];
        /* A field list goes on as a list; every other value is joined as written. */
        if (lk == RK_FIELDS && !append(target, " ", e, ls->file, line))
            return 0;
        return append(target, value, e, ls->file, line);
    }
    int k = 0;
    while (k < RK__COUNT && strcmp(rkey_names[k], name) != 0)
        k++;
    if (k == RK__COUNT) {
        fail(e, -EINVAL, ls->file, line, "rule %s: unknown key '%s'", ls->hdr[rr->hdr].name,
             name);
        return 0;
    }
    rr->lastkey = (enum rkey)k;
    struct rawval *target;
    if (k == RK_EXAMPLE || k == RK_NEARMISS) {
        if (!grow(&rr->list[k], &rr->caplist[k], rr->nlist[k], sizeof *rr->list[k])) {
            fail(e, -ENOMEM, ls->file, line, "out of memory");
            return 0;
        }
        target = &rr->list[k][rr->nlist[k]++];
        memset(target, 0, sizeof *target);
    } else {
        target = &rr->one[k];
        if (target->line) {
            fail(e, -EINVAL, ls->file, line, "rule %s: duplicate key '%s' (first at line %u)",
                 ls->hdr[rr->hdr].name, name, target->line);
            return 0;
        }
    }
    target->line = line;
    return append(target, value, e, ls->file, line);
}

static int load_rules_text(struct vs_sigs *s, const char *file, const char *text, size_t len,
                           size_t *caprules, struct errs *e)
{
    struct linesrc ls;
    linesrc_init(&ls, file, text, len, e);
    struct rparse rp = {.s = s, .ls = &ls, .e = e, .file = file, .caprules = *caprules};
    run_ini(&ls, rules_handler, &rp);
    finish_rule(&rp);
    if (!e->rc && ls.nhdr > rp.handled) {
        const struct header *h = &ls.hdr[rp.handled];
        fail(e, -EINVAL, file, h->line, "rule %s: empty section", h->name);
    }
    rawrule_free(&rp.raw);
    pcre2_match_data_free(rp.md);
    linesrc_free(&ls);
    *caprules = rp.caprules;
    return e->rc;
}

/* ---- assembling the set ------------------------------------------------------------------ */

static const char *keep_name(struct vs_sigs *s, const char *name, struct errs *e)
{
    char **q = realloc(s->files, (s->nfiles + 1) * sizeof *q);
    if (!q) {
        fail(e, -ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    s->files = q;
    if (!(q[s->nfiles] = strdup(name))) {
        fail(e, -ENOMEM, name, 0, "out of memory");
        return NULL;
    }
    return q[s->nfiles++];
}

static struct vs_sigs *sigs_new(struct errs *e)
{
    struct vs_sigs *s = calloc(1, sizeof *s);
    if (s && (s->mctx = pcre2_match_context_create(NULL)) != NULL) {
        pcre2_set_match_limit(s->mctx, SIG_MATCH_LIMIT);
        pcre2_set_depth_limit(s->mctx, SIG_MATCH_LIMIT / 4);
        return s;
    }
    free(s);
    fail(e, -ENOMEM, "signatures", 0, "out of memory");
    return NULL;
}

static int index_fields(struct vs_sigs *s, struct errs *e)
{
    for (size_t i = 0; i < s->nrules; i++) {
        for (size_t k = 0; k < s->rules[i].nfields; k++) {
            enum vs_field f = s->rules[i].fields[k];
            uint32_t *q = realloc(s->byfield[f], (s->nbyfield[f] + 1) * sizeof *q);
            if (!q) {
                fail(e, -ENOMEM, "signatures", 0, "out of memory");
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
        rule_free(&s->rules[i]);
    free(s->rules);
    for (int f = 0; f < VS_F__COUNT; f++)
        free(s->byfield[f]);
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    pcre2_match_context_free(s->mctx);
    free(s);
}

static int finish_load(struct vs_sigs *s, struct vs_sigs **out, struct errs *e)
{
    if (!e->rc)
        index_fields(s, e);
    if (!e->rc)
        index_first_words(s);
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

int vs_sigs_load(const char *dir, struct vs_sigs **out, char *err, size_t errsz)
{
    struct errs e = {err, errsz, 0, 0};
    if (err && errsz)
        err[0] = '\0';
    if (!out) {
        fail(&e, -EINVAL, "signatures", 0, "no output");
        return e.rc;
    }
    *out = NULL;
    if (!dir) {
        fail(&e, -EINVAL, "signatures", 0, "no directory");
        return e.rc;
    }
    struct vs_sigs *s = sigs_new(&e);
    if (!s)
        return e.rc;
    char path[4096];
    char *text = NULL;
    size_t len = 0;

    snprintf(path, sizeof path, "%s/vendors.ini", dir);
    const char *vname = keep_name(s, path, &e);
    if (vname && read_whole(path, &text, &len, &e) == 0) {
        load_vendors(s, vname, text, len, &e);
        free(text);
        text = NULL;
    }
    snprintf(path, sizeof path, "%s/enterprises.tsv", dir);
    if (!e.rc && read_whole(path, &text, &len, &e) == 0)
        load_enterprises(s, path, text, len, &e); /* owns text now */

    char **names = NULL;
    size_t nnames = 0, capnames = 0;
    snprintf(path, sizeof path, "%s/rules", dir);
    DIR *d = e.rc ? NULL : opendir(path);
    if (!e.rc && !d)
        fail(&e, errno ? -errno : -EIO, path, 0, "cannot open: %s", strerror(errno));
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL && !e.rc) {
            if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".ini"))
                continue;
            if (!grow(&names, &capnames, nnames, sizeof *names) ||
                !(names[nnames] = strdup(de->d_name))) {
                fail(&e, -ENOMEM, path, 0, "out of memory");
                break;
            }
            nnames++;
        }
        closedir(d);
    }
    /* Rules run in file-name order, then file order: the output must not depend on readdir. */
    if (nnames)
        qsort(names, nnames, sizeof *names, cmp_str);
    size_t caprules = 0;
    for (size_t i = 0; i < nnames && !e.rc; i++) {
        snprintf(path, sizeof path, "%s/rules/%s", dir, names[i]);
        struct stat st;
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
            continue;
        const char *fname = keep_name(s, path, &e);
        if (fname && read_whole(path, &text, &len, &e) == 0) {
            load_rules_text(s, fname, text, len, &caprules, &e);
            free(text);
            text = NULL;
        }
    }
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    return finish_load(s, out, &e);
}

int vs_sigs_load_mem(const char *vendors_ini, size_t vendors_len, const char *enterprises_tsv,
                     size_t enterprises_len, const char *rules_ini, size_t rules_len,
                     struct vs_sigs **out, char *err, size_t errsz)
{
    struct errs e = {err, errsz, 0, 0};
    if (err && errsz)
        err[0] = '\0';
    if (!out) {
        fail(&e, -EINVAL, "signatures", 0, "no output");
        return e.rc;
    }
    *out = NULL;
    struct vs_sigs *s = sigs_new(&e);
    if (!s)
        return e.rc;
    const char *vname = keep_name(s, "vendors.ini", &e);
    const char *rname = keep_name(s, "rules.ini", &e);
    if (!e.rc)
        load_vendors(s, vname, vendors_ini ? vendors_ini : "", vendors_ini ? vendors_len : 0,
                     &e);
    if (!e.rc) {
        char *copy = dupn(enterprises_tsv ? enterprises_tsv : "",
                          enterprises_tsv ? enterprises_len : 0);
        if (!copy)
            fail(&e, -ENOMEM, "enterprises.tsv", 0, "out of memory");
        else
            load_enterprises(s, "enterprises.tsv", copy, enterprises_tsv ? enterprises_len : 0,
                             &e);
    }
    size_t caprules = 0;
    if (!e.rc && rules_ini)
        load_rules_text(s, rname, rules_ini, rules_len, &caprules, &e);
    return finish_load(s, out, &e);
}

/* ---- self-test --------------------------------------------------------------------------- */

struct report {
    char *buf;
    size_t sz, used;
    int problems;
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void problem(struct report *rp, const struct rule *r, unsigned line, const char *fmt, ...)
{
    rp->problems++;
    if (!rp->buf || rp->used + 1 >= rp->sz)
        return;
    int k = snprintf(rp->buf + rp->used, rp->sz - rp->used, "%s:%u: rule %s: ", r->file, line,
                     r->id);
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
            if (o == r || !apply_rule(s, o, x->v, x->len, md, &m, NULL) || !m.vendor)
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
            if (!check_example(s, r, i, md, why, sizeof why, &line)) {
                problem(&rep, r, line, "%s", why);
                continue;
            }
            if (apply_rule(s, r, r->ex[i].v, r->ex[i].len, md, &m, NULL) && m.vendor)
                check_conflicts(s, r, &r->ex[i], m.vendor, md, &rep);
        }
        for (size_t i = 0; i < r->nnear; i++) {
            const struct sample *x = &r->near[i];
            if (apply_rule(s, r, x->v, x->len, md, &m, NULL)) {
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
                    if (apply_rule(s, o, x->v, x->len, md, &m, NULL) && m.vendor &&
                        strcmp(m.vendor, vendor) == 0)
                        problem(&rep, r, x->line, "nearmiss gives %s through rule %s", vendor,
                                o->id);
                }
            }
        }
    }
    free(seen);
    pcre2_match_data_free(md);
    return rep.problems;
}
