/* SPDX-License-Identifier: BSD-2-Clause */
/* recog.c - Rapid7 Recog fingerprint files (github.com/rapid7/recog, xml/ *.xml) read as
 * signature rules: <fingerprints matches=...><fingerprint pattern= flags=><example/>
 * <param pos= name= value=/></fingerprint>. signatures/recog-map.ini says which evidence
 * field meets which file; each fingerprint becomes a `struct rule` in the same set as the
 * INI rules, its hw.* / os.* / service.* params turned into vendor, model and software
 * templates. Patterns are Ruby regexps: translated to PCRE2 and compiled on first use (a
 * lookup that never sees an SSH banner never compiles the SSH fingerprints).
 * docs/signatures.md, "Recog", states the mapping and the precedence. */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "recog_int.h"
#include "sigs_int.h"

/* ---- the map and the exclusions ------------------------------------------------------------ */

static int map_line(void *user, const char *section, const char *key, const char *value, int line)
{
    struct recog_load *L = user;
    if (!key)
        return 0;
    if (section && strcmp(section, "os-vendor-not-maker") == 0) {
        const char *v = vs_sigs_vendor_for_name(L->s, key);
        if (!v || L->nosonly >= RECOG_MAX_MAP) {
            vs_ini_fail(L->e, -EINVAL, L->mapname, (unsigned)line,
                        "'%s' is not a vendor of vendors.ini", key);
            return 1;
        }
        snprintf(L->osonly[L->nosonly++], sizeof L->osonly[0], "%s", v);
        return 0;
    }
    if (!section || strcmp(section, "recog") != 0) {
        vs_ini_fail(L->e, -EINVAL, L->mapname, (unsigned)line, "unknown section [%s]",
                    section ? section : "");
        return 1;
    }
    enum vs_field f;
    if (!vs_field_parse(key, &f)) {
        vs_ini_fail(L->e, -EINVAL, L->mapname, (unsigned)line, "unknown evidence field '%s'", key);
        return 1;
    }
    if (L->nmap >= RECOG_MAX_MAP || strlen(value) >= sizeof L->map[0].names) {
        vs_ini_fail(L->e, -EINVAL, L->mapname, (unsigned)line, "too many or too long rows");
        return 1;
    }
    L->map[L->nmap].field = f;
    snprintf(L->map[L->nmap].names, sizeof L->map[0].names, "%s", value);
    L->nmap++;
    return 0;
}

static int excl_line(void *user, const char *section, const char *key, const char *value, int line)
{
    struct recog_load *L = user;
    uint32_t n;
    if (!key)
        return 0;
    if (!section || !*section || !sigs_parse_u32(key, &n) || !*value) {
        vs_ini_fail(L->e, -EINVAL, "recog-exclude.ini", (unsigned)line,
                    "expected [file.xml] then LINE = reason");
        return 1;
    }
    if (!sigs_grow(&L->ex, &L->capex, L->nex, sizeof *L->ex))
        return 1;
    struct excl *x = &L->ex[L->nex];
    x->file = strdup(section);
    x->reason = strdup(value);
    x->line = n;
    if (!x->file || !x->reason) {
        free(x->file);
        free(x->reason);
        return 1;
    }
    L->nex++;
    return 0;
}

static bool word_in(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != '\t')
            q++;
        if ((size_t)(q - p) == n && n && memcmp(p, w, n) == 0)
            return true;
        p = q;
    }
    return false;
}

/* ---- params ------------------------------------------------------------------------------------
 */

void sigs_recog_free(struct recog_fp *f)
{
    if (!f)
        return;
    free(f->pattern);
    for (size_t i = 0; i < f->np; i++) {
        free(f->p[i].name);
        free(f->p[i].value);
        for (size_t k = 0; k < f->p[i].t.n; k++)
            free(f->p[i].t.seg[k].lit);
        free(f->p[i].t.seg);
    }
    free(f->p);
    for (size_t i = 0; i < f->nex; i++) {
        free(f->ex[i].v);
        for (size_t k = 0; k < f->ex[i].nkv; k++) {
            free(f->ex[i].kv[k].key);
            free(f->ex[i].kv[k].val);
        }
        free(f->ex[i].kv);
    }
    free(f->ex);
    free(f->excluded);
    free(f);
}

const struct recog_param *sigs_recog_param(const struct recog_fp *f, const char *name)
{
    for (size_t i = 0; i < f->np; i++)
        if (strcmp(f->p[i].name, name) == 0)
            return &f->p[i];
    return NULL;
}

static bool seg_add(struct tmpl *t, size_t *cap, const char *lit, size_t len, int group)
{
    if (!sigs_grow(&t->seg, cap, t->n, sizeof *t->seg))
        return false;
    struct tseg *sg = &t->seg[t->n];
    sg->group = group;
    sg->len = group >= 0 ? 0 : len;
    sg->lit = group >= 0 ? NULL : sigs_dupn(lit, len);
    if (group < 0 && !sg->lit)
        return false;
    t->n++;
    return true;
}

/* Append param p's pieces to t, resolving {name} in a value from the other params. */
static bool resolve_into(const struct recog_fp *f, const struct recog_param *p, struct tmpl *t,
                         size_t *cap, int depth)
{
    if (depth > RECOG_MAX_DEPTH)
        return false;
    if (p->pos > 0)
        return seg_add(t, cap, NULL, 0, p->pos);
    const char *v = p->value ? p->value : "";
    while (*v) {
        const char *open = strchr(v, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            return seg_add(t, cap, v, strlen(v), -1);
        }
        if (open > v && !seg_add(t, cap, v, (size_t)(open - v), -1))
            return false;
        char name[96];
        size_t n = (size_t)(close - open - 1);
        if (n >= sizeof name)
            return false;
        memcpy(name, open + 1, n);
        name[n] = '\0';
        const struct recog_param *q = sigs_recog_param(f, name);
        if (!q || q == p || !resolve_into(f, q, t, cap, depth + 1))
            return false;
        v = close + 1;
    }
    return true;
}

static void tmpl_drop(struct tmpl *t)
{
    for (size_t k = 0; k < t->n; k++)
        free(t->seg[k].lit);
    free(t->seg);
    memset(t, 0, sizeof *t);
}

/* A rule template joining the named params with spaces (all must resolve). */
static bool join(const struct recog_fp *f, struct tmpl *t, const char *a, const char *b)
{
    size_t cap = 0;
    const char *names[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        if (!names[i])
            continue;
        const struct recog_param *p = sigs_recog_param(f, names[i]);
        if (!p || !p->ok) {
            tmpl_drop(t);
            return false;
        }
        if (t->n && !seg_add(t, &cap, " ", 1, -1)) {
            tmpl_drop(t);
            return false;
        }
        for (size_t k = 0; k < p->t.n; k++) {
            const struct tseg *sg = &p->t.seg[k];
            if (!seg_add(t, &cap, sg->lit, sg->len, sg->group)) {
                tmpl_drop(t);
                return false;
            }
        }
    }
    return t->n > 0;
}

/* The vendor of a param: a fixed name looked up now, or a capture looked up per match.
 * An OS maker whose system runs on other makers' hardware (recog-map.ini) names no box. */
static bool set_vendor(const struct recog_load *L, struct rule *r, const struct recog_param *p,
                       bool os)
{
    struct vs_sigs *s = L->s;
    if (!p || !p->ok)
        return false;
    if (p->t.n == 1 && p->t.seg[0].group >= 0) {
        r->vkind = VK_NAME;
        r->vendor = (uint32_t)p->t.seg[0].group;
        return true;
    }
    if (p->t.n == 1 && p->t.seg[0].group < 0) {
        const char *v = sigs_vendor_by_text(s, p->t.seg[0].lit, p->t.seg[0].len, false);
        int idx = v ? sigs_vendor_index(s, v) : -1;
        if (idx < 0)
            return false;
        for (size_t i = 0; os && i < L->nosonly; i++)
            if (strcmp(L->osonly[i], v) == 0)
                return false;
        r->vkind = VK_FIXED;
        r->vendor = (uint32_t)idx;
        return true;
    }
    return false;
}

/* hw.* names the box, os.* its system; service.* only the listening program (OpenSSH's
 * vendor OpenBSD is not the device's maker, Apache is not its software), so it gives nothing.
 * A fingerprint speaks only when it names a maker vendors.ini knows: equipment is what we
 * attribute, and a generic OS (Linux, Fedora, Windows) on its own says nothing of the box.
 * Returns whether the fingerprint can yield anything. */
static bool map_params(const struct recog_load *L, struct rule *r, const struct recog_fp *f)
{
    r->weight = 0;
    if (set_vendor(L, r, sigs_recog_param(f, "hw.vendor"), false))
        r->weight = RECOG_W_HW;
    else if (set_vendor(L, r, sigs_recog_param(f, "os.vendor"), true))
        r->weight = RECOG_W_OS;
    if (r->vkind == VK_NONE)
        return false;
    if (!join(f, &r->model, "hw.product", NULL))
        join(f, &r->model, "hw.model", NULL);
    if (!join(f, &r->software, "os.product", "os.version"))
        join(f, &r->software, "os.product", NULL);
    join(f, &r->name, "host.name", NULL);
    join(f, &r->cpe_hw, "hw.cpe23", NULL);
    join(f, &r->cpe_os, "os.cpe23", NULL);
    r->cpe_uri = true;
    return true;
}

/* ---- the XML ----------------------------------------------------------------------------------
 */

/* The files are read with libxml2's SAX2 interface: no document tree is built (the tree and
 * its release were most of a file's load), and each element is seen once, in order. A value
 * is what a tree would give: attributes as xmlGetNoNsProp returns them, an <example>'s text
 * as xmlNodeGetContent does (every text and CDATA piece below it), an element's line as
 * xmlGetLineNo does (capped at 65535 without XML_PARSE_BIG_LINES). */
struct sax {
    struct recog_load *L;
    struct recog_file *rf;
    xmlParserCtxtPtr ctxt;
    int depth;      /* of the element being read: the root is 1 */
    bool root_seen; /* the first element was read */
    bool root_ok;   /* and it is <fingerprints> */
    bool oom;       /* the text buffer could not grow */
    bool doctype;   /* a DOCTYPE was met: the parse stopped there */
    /* the <fingerprint> being read (depth 2) */
    struct recog_fp *f;
    char *pat, *flags;
    unsigned line;
    bool ok;
    size_t capex, capp;
    /* its <example> being read (depth 3) */
    struct recog_example *x;
    bool b64;
    char *tb;
    size_t tn, tcap;
};

static unsigned sax_line(const struct sax *S)
{
    int l = S->ctxt->input ? S->ctxt->input->line : 0;
    return l < 0 ? 0 : l < 65535 ? (unsigned)l : 65535;
}

/* An attribute value: the parser leaves '&' (a &amp; or &#38;) as "&#38;" for the tree
 * builder to decode; no other entity exists without a DTD. */
static char *attr_dup(const xmlChar *v, const xmlChar *end)
{
    size_t n = (size_t)(end - v);
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        const xmlChar *amp = memchr(v + i, '&', n - i);
        size_t k = amp ? (size_t)(amp - v) : n;
        memcpy(o + w, v + i, k - i);
        w += k - i;
        i = k;
        if (amp) {
            o[w++] = '&';
            i += i + 5 <= n && memcmp(v + i, "&#38;", 5) == 0 ? 5 : 1;
        }
    }
    o[w] = '\0';
    return o;
}

/* xmlGetNoNsProp: the first attribute of that name without a namespace. */
static char *attr(const xmlChar **a, int na, const char *name)
{
    for (int i = 0; i < na; i++)
        if (!a[5 * i + 2] && strcmp((const char *)a[5 * i], name) == 0)
            return attr_dup(a[5 * i + 3], a[5 * i + 4]);
    return NULL;
}

static int b64v(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode base64 in place (whitespace skipped); false on a bad character. */
static bool b64_decode(char *s, size_t *len)
{
    size_t w = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '=' || sigs_is_space(c))
            continue;
        int v = b64v(c);
        if (v < 0)
            return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            s[w++] = (char)((acc >> bits) & 0xff);
        }
    }
    s[w] = '\0';
    *len = w;
    return true;
}

/* An <example> opens: its line and attributes (the text follows). */
static bool example_begin(struct sax *S, const xmlChar **a, int na)
{
    struct recog_fp *f = S->f;
    if (!sigs_grow(&f->ex, &S->capex, f->nex, sizeof *f->ex))
        return false;
    struct recog_example *x = &f->ex[f->nex];
    memset(x, 0, sizeof *x);
    x->line = sax_line(S);
    f->nex++;
    S->x = x;
    S->b64 = false;
    S->tn = 0;
    size_t capkv = 0;
    for (int i = 0; i < na; i++) {
        const char *name = (const char *)a[5 * i];
        char *v = attr(a, na, name);
        if (!v)
            return false;
        if (strcmp(name, "_encoding") == 0) {
            S->b64 = strcmp(v, "base64") == 0;
            free(v);
            continue;
        }
        if (!sigs_grow(&x->kv, &capkv, x->nkv, sizeof *x->kv)) {
            free(v);
            return false;
        }
        x->kv[x->nkv].key = strdup(name);
        x->kv[x->nkv].val = v;
        if (!x->kv[x->nkv++].key)
            return false;
    }
    return true;
}

static bool example_end(struct sax *S)
{
    struct recog_example *x = S->x;
    S->x = NULL;
    if (S->oom)
        return false;
    x->v = sigs_dupn(S->tb ? S->tb : "", S->tn);
    if (!x->v)
        return false;
    x->len = S->tn;
    if (S->b64 && !b64_decode(x->v, &x->len))
        x->len = 0; /* an example that cannot be decoded fails its check */
    return true;
}

static bool add_param(struct recog_fp *f, size_t *cap, const xmlChar **a, int na)
{
    if (f->np >= RECOG_MAX_PARAMS || !sigs_grow(&f->p, cap, f->np, sizeof *f->p))
        return false;
    struct recog_param *p = &f->p[f->np];
    memset(p, 0, sizeof *p);
    char *pos = attr(a, na, "pos");
    uint32_t v = 0;
    bool ok = pos && sigs_parse_u32(pos, &v) && v <= SIG_MAX_GROUP;
    free(pos);
    p->name = attr(a, na, "name");
    p->value = attr(a, na, "value");
    if (!ok || !p->name) {
        free(p->name);
        free(p->value);
        return false;
    }
    p->pos = (int)v;
    f->np++;
    return true;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* A <fingerprint> opens: its pattern and flags (its examples and params follow). */
static void fingerprint_begin(struct sax *S, const xmlChar **a, int na)
{
    S->line = sax_line(S);
    free(S->pat); /* left by a fingerprint whose record could not be made */
    free(S->flags);
    S->pat = attr(a, na, "pattern");
    S->flags = attr(a, na, "flags");
    S->capex = S->capp = 0;
    struct recog_fp *f = S->f = calloc(1, sizeof *f);
    if (!f)
        vs_ini_fail(&S->rf->e, -ENOMEM, S->rf->path, S->line, "out of memory");
    S->ok = S->pat && f;
    const char *why = NULL;
    if (S->ok) {
        f->pattern = sigs_recog_translate(S->pat, &f->plen, &why);
        S->ok = f->pattern != NULL;
        if (S->ok && why)
            f->untranslatable = why;
    }
    if (f)
        f->opts = PCRE2_MULTILINE;
    if (S->ok)
        sigs_recog_find_prefix(f, S->pat);
    if (S->ok && S->flags) {
        if (strstr(S->flags, "REG_ICASE"))
            f->opts |= PCRE2_CASELESS;
        f->prefix_ci = (f->opts & PCRE2_CASELESS) != 0;
        if (strstr(S->flags, "REG_DOT_NEWLINE") || strstr(S->flags, "REG_MULTILINE"))
            f->opts |= PCRE2_DOTALL;
    }
}

/* A <fingerprint> closes: into a rule. Malformed fingerprints are refused (the file is data
 * we ship or the user gives us: a broken one should be noticed, not skipped). */
static bool fingerprint_end(struct sax *S)
{
    struct recog_load *L = S->L;
    struct recog_file *rf = S->rf;
    struct recog_fp *f = S->f;
    char *pat = S->pat, *flags = S->flags;
    bool ok = S->ok;
    unsigned line = S->line;
    S->f = NULL;
    S->pat = S->flags = NULL;
    const char *file = rf->path;
    const enum vs_field *fields = rf->fields;
    size_t nf = rf->nf;
    for (size_t i = 0; ok && i < f->np; i++) {
        size_t cap = 0;
        f->p[i].ok = resolve_into(f, &f->p[i], &f->p[i].t, &cap, 0);
    }
    if (!ok) {
        free(pat);
        free(flags);
        sigs_recog_free(f);
        vs_ini_fail(&rf->e, -EINVAL, file, line,
                    "fingerprint without a pattern or with a bad param");
        return false;
    }
    const char *stem = base_name(file);
    for (size_t i = 0; i < L->nex; i++)
        if (L->ex[i].line == line && strcmp(L->ex[i].file, stem) == 0 && !f->excluded)
            f->excluded = strdup(L->ex[i].reason);
    if (!sigs_grow(&rf->rules, &rf->caprules, rf->nrules, sizeof *rf->rules)) {
        free(pat);
        free(flags);
        sigs_recog_free(f);
        vs_ini_fail(&rf->e, -ENOMEM, file, line, "out of memory");
        return false;
    }
    struct rule *r = &rf->rules[rf->nrules];
    memset(r, 0, sizeof *r);
    char id[128];
    snprintf(id, sizeof id, "recog:%.*s:%u", (int)(strlen(stem) > 4 ? strlen(stem) - 4 : 0), stem,
             line);
    r->id = strdup(id);
    r->file = file;
    r->line = line;
    r->recog = f;
    r->ncap = sigs_recog_max_groups(f->pattern);
    /* A fingerprint that can name nothing here is kept for its examples but not matched. */
    bool yields = map_params(L, r, f);
    rf->nrules++;
    if (yields && !f->excluded && nf) {
        r->fields = malloc(nf * sizeof *r->fields);
        if (r->fields) {
            memcpy(r->fields, fields, nf * sizeof *fields);
            r->nfields = nf;
        }
    }
    free(pat);
    free(flags);
    if (!r->id) {
        vs_ini_fail(&rf->e, -ENOMEM, file, line, "out of memory");
        return false;
    }
    return true;
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                      int nns, const xmlChar **ns, int na, int ndef, const xmlChar **a)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
    struct sax *S = ((xmlParserCtxtPtr)ctx)->_private;
    const char *n = (const char *)name;
    int d = ++S->depth;
    if (d == 1 && !S->root_seen) {
        S->root_seen = true;
        S->root_ok = strcmp(n, "fingerprints") == 0;
    } else if (d == 2 && S->root_ok && !S->rf->e.rc && strcmp(n, "fingerprint") == 0) {
        fingerprint_begin(S, a, na);
    } else if (d == 3 && S->f && S->ok) {
        if (strcmp(n, "example") == 0)
            S->ok = example_begin(S, a, na);
        else if (strcmp(n, "param") == 0)
            S->ok = add_param(S->f, &S->capp, a, na);
    }
}

static void sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
    (void)name, (void)prefix, (void)uri;
    struct sax *S = ((xmlParserCtxtPtr)ctx)->_private;
    int d = S->depth--;
    if (d == 3 && S->x)
        S->ok = example_end(S) && S->ok;
    else if (d == 2 && S->f)
        fingerprint_end(S);
}

static void sax_text(void *ctx, const xmlChar *t, int n)
{
    struct sax *S = ((xmlParserCtxtPtr)ctx)->_private;
    if (!S->x || n <= 0 || S->oom)
        return;
    while (!S->oom && S->tcap <= S->tn + (size_t)n) /* sigs_grow doubles once per call */
        S->oom = !sigs_grow(&S->tb, &S->tcap, S->tcap, 1);
    if (S->oom)
        return;
    memcpy(S->tb + S->tn, t, (size_t)n);
    S->tn += (size_t)n;
}

/* A DOCTYPE: refused, and the parse stopped before its declarations are read. */
static void sax_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name, (void)ext, (void)sys;
    xmlParserCtxtPtr ctxt = ctx;
    ((struct sax *)ctxt->_private)->doctype = true;
    xmlStopParser(ctxt);
}

static void load_xml(struct recog_load *L, struct recog_file *rf, const char *text, size_t len)
{
    const char *file = rf->path;
    if (len > SIG_MAX_FILE || len > (size_t)INT32_MAX) {
        vs_ini_fail(&rf->e, -EFBIG, file, 0, "file too large");
        return;
    }
    xmlParserCtxtPtr ctxt = len ? xmlCreateMemoryParserCtxt(text, (int)len) : NULL;
    if (!ctxt) {
        vs_ini_fail(&rf->e, -EINVAL, file, 0, "not well-formed XML");
        return;
    }
    /* Data files need no DTD: the parse stops at a DOCTYPE, whatever the file's encoding,
     * before its internal subset is read, so no entity is ever defined (no expansion bombs)
     * and nothing is fetched (XML_PARSE_NONET besides). */
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = sax_start;
    h.endElementNs = sax_end;
    h.characters = sax_text;
    h.ignorableWhitespace = sax_text;
    h.cdataBlock = sax_text;
    h.internalSubset = sax_doctype;
    struct sax S = {.L = L, .rf = rf, .ctxt = ctxt};
    xmlSAXHandlerPtr own = ctxt->sax;
    ctxt->sax = &h;
    ctxt->userData = ctxt;
    ctxt->_private = &S;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    (void)xmlParseDocument(ctxt);
    bool wf = ctxt->wellFormed != 0;
    ctxt->sax = own;
    xmlFreeParserCtxt(ctxt);
    /* A parse stopped inside a fingerprint or an example. */
    free(S.pat);
    free(S.flags);
    if (S.f)
        sigs_recog_free(S.f);
    free(S.tb);
    if (S.doctype || !wf || !S.root_ok) {
        /* Only a well-formed file with the right root gives rules, as a tree would. */
        for (size_t k = 0; k < rf->nrules; k++)
            sigs_rule_free(&rf->rules[k]);
        rf->nrules = 0;
        rf->e.rc = 0;
        rf->e.line = 0;
        if (rf->e.buf && rf->e.sz)
            rf->e.buf[0] = '\0';
        vs_ini_fail(&rf->e, -EINVAL, file, 0,
                    S.doctype ? "a DOCTYPE is not accepted"
                    : !wf     ? "not well-formed XML"
                              : "no <fingerprints> root element");
    }
}

/* The `matches` attribute of the root element, from the head of the file: enough to know
 * which fields a file serves without parsing it. */
static void head_matches(const char *text, size_t len, char *out, size_t outsz)
{
    out[0] = '\0';
    size_t n = len < 4096 ? len : 4096;
    const char *root = NULL;
    for (size_t i = 0; i + 13 <= n; i++)
        if (memcmp(text + i, "<fingerprints", 13) == 0) {
            root = text + i;
            break;
        }
    if (!root)
        return;
    const char *end = memchr(root, '>', (size_t)(text + n - root));
    for (const char *p = root; end && p + 9 < end; p++) {
        if (memcmp(p, " matches=", 9) != 0)
            continue;
        char q = p[9];
        const char *v = p + 10, *e = v;
        while (e < end && *e != q)
            e++;
        if ((q == '"' || q == '\'') && e < end && (size_t)(e - v) < outsz) {
            memcpy(out, v, (size_t)(e - v));
            out[e - v] = '\0';
        }
        return;
    }
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *slurp(const char *path, size_t *len, size_t max)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        size_t want = max - n < 65536 ? max - n : 65536;
        bool grown = n <= SIG_MAX_FILE;
        while (grown && cap <= n + want) /* sigs_grow doubles once per call */
            grown = sigs_grow(&buf, &cap, cap, 1);
        if (!grown) {
            free(buf);
            fclose(fp);
            return NULL;
        }
        size_t k = want ? fread(buf + n, 1, want, fp) : 0;
        n += k;
        if (k == 0)
            break;
    }
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* List a file: the fields it serves from the map (files that serve none are not kept). */
static void add_file(struct recog_load *L, const char *path, const char *text, size_t len)
{
    char matches[128], stem[128];
    head_matches(text, len, matches, sizeof matches);
    snprintf(stem, sizeof stem, "%s", base_name(path));
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    enum vs_field fields[RECOG_MAX_MAP];
    size_t nf = 0;
    for (size_t i = 0; i < L->nmap; i++)
        if ((matches[0] && word_in(L->map[i].names, matches)) || word_in(L->map[i].names, stem))
            fields[nf++] = L->map[i].field;
    if (!nf)
        return;
    if (!sigs_grow(&L->files, &L->capfiles, L->nfiles, sizeof *L->files)) {
        vs_ini_fail(L->e, -ENOMEM, path, 0, "out of memory");
        return;
    }
    struct recog_file *rf = &L->files[L->nfiles];
    memset(rf, 0, sizeof *rf);
    if (!(rf->path = strdup(path))) {
        vs_ini_fail(L->e, -ENOMEM, path, 0, "out of memory");
        return;
    }
    memcpy(rf->fields, fields, nf * sizeof *fields);
    rf->nf = nf;
    L->nfiles++;
}

static struct recog_load *set_new(struct vs_sigs *s, struct vs_ini_err *e)
{
    struct recog_load *L = calloc(1, sizeof *L);
    if (!L) {
        vs_ini_fail(e, -ENOMEM, "recog-map.ini", 0, "out of memory");
        return NULL;
    }
    L->s = s;
    L->e = e;
    s->recog = L;
    return L;
}

/* The set may already hold a vendor table only: every match runs through a block big enough
 * for any Recog pattern, which is not known before the first parse. */
static void set_done(struct recog_load *L)
{
    L->e = NULL;
    /* The array no longer moves: the files' locks and error buffers can point into it. */
    for (size_t i = 0; i < L->nfiles; i++) {
        struct recog_file *rf = &L->files[i];
        rf->e = (struct vs_ini_err){rf->errbuf, sizeof rf->errbuf, 0, 0};
        pthread_mutex_init(&rf->mu, NULL);
    }
    if (L->nfiles)
        L->s->maxcap = SIG_MAX_GROUP;
}

int sigs_load_recog(struct vs_sigs *s, const char *dir, struct vs_ini_err *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/recog-map.ini", dir);
    size_t len;
    char *text = slurp(path, &len, SIG_MAX_FILE + 1);
    if (!text)
        return 0; /* no map: Recog is not used */
    struct recog_load *L = set_new(s, e);
    if (!L) {
        free(text);
        return e->rc;
    }
    /* The files are parsed later by whichever thread first needs one: the library's global
     * state is set up now, on the loading thread. */
    xmlInitParser();
    L->mapname = path;
    char err[512];
    if (vs_ini_parse_mem(path, text, len, map_line, L, err, sizeof err) != 0 && !e->rc)
        vs_ini_fail(e, -EINVAL, path, 0, "%s", err);
    free(text);
    snprintf(path, sizeof path, "%s/recog-exclude.ini", dir);
    if (!e->rc && (text = slurp(path, &len, SIG_MAX_FILE + 1)) != NULL) {
        if (vs_ini_parse_mem(path, text, len, excl_line, L, err, sizeof err) != 0 && !e->rc)
            vs_ini_fail(e, -EINVAL, path, 0, "%s", err);
        free(text);
    }
    snprintf(path, sizeof path, "%s/recog", dir);
    DIR *d = e->rc ? NULL : opendir(path);
    char **names = NULL;
    size_t nn = 0, capn = 0;
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            size_t k = strlen(de->d_name);
            if (de->d_name[0] == '.' || k < 5 || strcmp(de->d_name + k - 4, ".xml") != 0)
                continue;
            if (!sigs_grow(&names, &capn, nn, sizeof *names) || !(names[nn] = strdup(de->d_name)))
                break;
            nn++;
        }
        closedir(d);
        if (nn)
            qsort(names, nn, sizeof *names, cmp_name);
    }
    for (size_t i = 0; i < nn && !e->rc; i++) {
        snprintf(path, sizeof path, "%s/recog/%s", dir, names[i]);
        text = slurp(path, &len, 4096);
        if (!text)
            vs_ini_fail(e, -EIO, path, 0, "cannot read");
        else
            add_file(L, path, text, len);
        free(text);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    free(names);
    set_done(L);
    return e->rc;
}

static void parse_file(struct recog_load *L, struct recog_file *rf)
{
    size_t len = rf->len;
    char *text = rf->text ? NULL : slurp(rf->path, &len, SIG_MAX_FILE + 1);
    if (!rf->text && !text)
        vs_ini_fail(&rf->e, -EIO, rf->path, 0, "cannot read");
    else
        load_xml(L, rf, rf->text ? rf->text : text, len);
    free(text);
}

int sigs_load_recog_mem(struct vs_sigs *s, const char *map, size_t maplen, const char *name,
                        const char *xml, size_t len, struct vs_ini_err *e)
{
    struct recog_load *L = set_new(s, e);
    if (!L)
        return e->rc;
    L->mapname = "recog-map.ini";
    char err[512];
    if (map && vs_ini_parse_mem("recog-map.ini", map, maplen, map_line, L, err, sizeof err) != 0 &&
        !e->rc)
        vs_ini_fail(e, -EINVAL, "recog-map.ini", 0, "%s", err);
    if (!xml)
        xml = "", len = 0;
    if (!e->rc)
        add_file(L, name ? name : "recog.xml", xml, len);
    set_done(L);
    if (!e->rc && L->nfiles) {
        /* Parsed now: a test or a fuzzer wants the parse, and its errors. */
        struct recog_file *rf = &L->files[0];
        rf->text = sigs_dupn(xml, len);
        rf->len = len;
        if (!rf->text)
            vs_ini_fail(e, -ENOMEM, rf->path, 0, "out of memory");
        else
            parse_file(L, rf);
        __atomic_store_n(&rf->loaded, 1, __ATOMIC_RELEASE);
        if (rf->e.rc && !e->rc)
            vs_ini_fail(e, rf->e.rc, rf->path, 0, "%s", rf->errbuf);
    }
    return e->rc;
}

void sigs_recog_ensure_loaded(const struct vs_sigs *s, struct recog_file *rf)
{
    if (__atomic_load_n(&rf->loaded, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&rf->mu);
    if (!rf->loaded) {
        parse_file(s->recog, rf);
        __atomic_store_n(&rf->loaded, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&rf->mu);
}

void sigs_recog_set_free(struct recog_load *L)
{
    if (!L)
        return;
    for (size_t i = 0; i < L->nex; i++) {
        free(L->ex[i].file);
        free(L->ex[i].reason);
    }
    free(L->ex);
    for (size_t i = 0; i < L->nfiles; i++) {
        struct recog_file *rf = &L->files[i];
        for (size_t k = 0; k < rf->nrules; k++)
            sigs_rule_free(&rf->rules[k]);
        free(rf->rules);
        free(rf->path);
        free(rf->text);
        pthread_mutex_destroy(&rf->mu);
    }
    free(L->files);
    free(L);
}

size_t sigs_recog_match(const struct vs_sigs *s, enum vs_field f, const char *v, size_t len,
                        pcre2_match_data *md, vs_sig_cb cb, void *ctx)
{
    struct recog_load *L = s->recog;
    size_t hits = 0;
    struct vs_sig_match m;
    for (size_t i = 0; L && i < L->nfiles; i++) {
        struct recog_file *rf = &L->files[i];
        bool serves = false;
        for (size_t k = 0; k < rf->nf && !serves; k++)
            serves = rf->fields[k] == f;
        if (!serves)
            continue;
        sigs_recog_ensure_loaded(s, rf);
        for (size_t k = 0; k < rf->nrules; k++) {
            const struct rule *r = &rf->rules[k];
            if (r->nfields && sigs_recog_prefix_ok(r->recog, v, len) &&
                sigs_apply_rule(s, r, v, len, md, &m, NULL)) {
                hits++;
                if (cb)
                    cb(ctx, &m);
            }
        }
    }
    return hits;
}
