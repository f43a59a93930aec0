/* SPDX-License-Identifier: BSD-2-Clause */
/* sigs_int.h - what the signature modules share and nothing else includes: the loaded set's
 * layout, the bounds of the grammar, and each module's entry points (docs/signatures.md). */
#ifndef VS_SIGS_INT_H
#define VS_SIGS_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/ini.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/oidtab.h"
#include "vendorsniff/signatures.h"

/* A data file larger than this is refused rather than read (the PEN registry is ~2 MiB). */
#define SIG_MAX_FILE (32u * 1024u * 1024u)
/* A rule value after joining its continuation lines (bounds pattern compile time). */
#define SIG_MAX_VALUE VS_MAX_DATA_LINE
/* Captures above this cannot be referenced from a template ($1..$99). */
#define SIG_MAX_GROUP 99
/* Backtracking budget per match: values come from the wire, patterns from users. */
#define SIG_MATCH_LIMIT 200000u
/* A rule whose matches hit that budget this often is set aside until the next reload: each
 * hit costs about a millisecond without JIT, and a wire full of such values would otherwise
 * starve the capture. */
#define SIG_LIMIT_SUSPEND 100u
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
    bool has_vendor, has_model, has_software, has_name, has_cpe;
    char *vendor, *model, *software, *name, *cpe;
};

struct rule {
    char *id;
    const char *file; /* into vs_sigs.files */
    unsigned line;    /* of the section header */
    enum vs_field *fields;
    size_t nfields;
    pcre2_code *re;  /* a rule's: compiled on load, without JIT; Recog's: on first use */
    pcre2_code *jit; /* a rule's: the JIT-compiled copy of re, made on first use */
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
    struct recog_fp *recog;     /* a Recog fingerprint (recog.c): re is compiled on first use */
    struct tmpl cpe_hw, cpe_os; /* CPE 2.3 templates: hardware; OS, firmware or application */
    bool cpe_uri;               /* the templates are Recog's cpe23 values (URI bindings) */
};

struct recog_load;

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
    uint64_t *limit_hits;  /* per rule: matches stopped by the match or depth limit */
    uint64_t *first_words; /* sorted: the first word (8 chars) of every alias key */
    size_t nfirst_words;
    struct vs_oidtab *oids; /* sysobjectid/ *.tsv; NULL when the directory has none */

    struct recog_load *recog; /* Recog files (recog.c), or NULL */
};

/* ---- small helpers (signatures.c) ---------------------------------------------------------- */

/* Grow *pp (element size sz) so that it holds at least n + 1 elements. */
bool sigs_grow(void *pp, size_t *cap, size_t n, size_t sz);
char *sigs_dupn(const char *s, size_t n);
bool sigs_is_alnum(unsigned char c);
bool sigs_is_space(unsigned char c);
bool sigs_parse_u32(const char *s, uint32_t *out);

/* ---- vendors.c: vendors.ini, enterprises.tsv and the look-ups ---------------------------- */

int sigs_load_vendors(struct vs_sigs *s, const char *file, const char *text, size_t len,
                      struct vs_ini_err *e);
/* Takes ownership of text (NUL-terminated, len bytes); names point into it. */
int sigs_load_enterprises(struct vs_sigs *s, const char *file, char *text, size_t len,
                          struct vs_ini_err *e);
void sigs_index_first_words(struct vs_sigs *s);
/* Canonical vendor for text[0..len): names and organisations, or organisations only. */
const char *sigs_vendor_by_text(const struct vs_sigs *s, const char *text, size_t len,
                                bool org_only);
/* Index of a canonical vendor name, or -1. */
int sigs_vendor_index(const struct vs_sigs *s, const char *name);

/* ---- rules.c: the rule compiler ---------------------------------------------------------- */

int sigs_load_rules(struct vs_sigs *s, const char *file, const char *text, size_t len,
                    size_t *caprules, struct vs_ini_err *e);
void sigs_rule_free(struct rule *r);

/* ---- match.c: running a rule ------------------------------------------------------------- */

/* Run one rule; fills m and returns true when its pattern matches and it yields anything.
 * *pcre_rc gets the raw pcre2_match result for the self-test's diagnostics. */
bool sigs_apply_rule(const struct vs_sigs *s, const struct rule *r, const char *v, size_t len,
                     pcre2_match_data *md, struct vs_sig_match *m, int *pcre_rc);
/* The same with the given code of r's pattern: the load's proofs run r->re as compiled,
 * without JIT (that is left to the first real match). */
bool sigs_apply_code(const struct vs_sigs *s, const struct rule *r, const pcre2_code *re,
                     const char *v, size_t len, pcre2_match_data *md, struct vs_sig_match *m,
                     int *pcre_rc);

/* ---- oids.c through signatures.c: sysobjectid/ *.tsv -------------------------------------- */

/* Load every dir/sysobjectid/ *.tsv (none when the folder is absent) into s->oids, sealed. */
int sigs_load_oid_dir(struct vs_sigs *s, const char *dir, struct vs_ini_err *e);
/* The sysObjectID table's verdict as a rule match: model set, no vendor (the enterprise
 * number's rule names it), the table name as rule id. Returns 1 on a hit. */
size_t sigs_match_oid(const struct vs_sigs *s, const char *v, size_t len, vs_sig_cb cb, void *ctx);

/* ---- recog.c: Rapid7 Recog fingerprints (signatures/recog/, recog-map.ini) ---------------- */

/* Read recog-map.ini and recog-exclude.ini of dir and list the mapped recog/ *.xml (all
 * optional: no map, no Recog). A file is parsed on the first match of a field it serves, its
 * patterns compiled on their first use. */
int sigs_load_recog(struct vs_sigs *s, const char *dir, struct vs_ini_err *e);
/* A map text and one XML document in memory, parsed now (tests, fuzzing). */
int sigs_load_recog_mem(struct vs_sigs *s, const char *map, size_t maplen, const char *name,
                        const char *xml, size_t len, struct vs_ini_err *e);
void sigs_recog_set_free(struct recog_load *L);
/* The Recog rules of field f over a value, after the INI rules (vs_sigs_match). */
size_t sigs_recog_match(const struct vs_sigs *s, enum vs_field f, const char *v, size_t len,
                        pcre2_match_data *md, vs_sig_cb cb, void *ctx);
/* A rule's compiled pattern, made ready on first use (thread-safe): a rule of ours is
 * JIT-compiled then, a Recog one compiled and JIT-compiled; NULL when it does not compile. */
const pcre2_code *sigs_rule_code(const struct rule *r);
void sigs_recog_free(struct recog_fp *f);
/* Parse every file and run every fingerprint's examples: each must match and give the
 * example's params; bad(ctx, rule or NULL, line, message) per failure (not for excluded
 * fingerprints, whose examples may fail). */
typedef void (*sigs_recog_bad_fn)(void *ctx, const struct rule *r, unsigned line, const char *msg);
int sigs_recog_selftest(const struct vs_sigs *s, pcre2_match_data *md, sigs_recog_bad_fn bad,
                        void *ctx);

/* ---- cpe.c: CPE 2.3 names --------------------------------------------------------------- */

/* Expand a cpe template for a match: captured pieces lower-cased and quoted; uri: Recog's
 * value, rebound from the URI form. Empty when a capture is unset or the name does not fit. */
void sigs_cpe_expand(const struct tmpl *t, bool uri, const char *v, const PCRE2_SIZE *ov, int rc,
                     char *out, size_t outsz);

/* ---- selftest.c: a rule's proofs --------------------------------------------------------- */

/* Check example i of rule r: it must match and yield, and the first must meet expect.
 * On failure why says how and *line where. at_load: run the pattern as loaded (no JIT). */
bool sigs_check_example(const struct vs_sigs *s, const struct rule *r, size_t i,
                        pcre2_match_data *md, char *why, size_t whysz, unsigned *line,
                        bool at_load);

#endif
