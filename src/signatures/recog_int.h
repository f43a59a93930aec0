/* SPDX-License-Identifier: BSD-2-Clause */
/* recog_int.h - private to the Recog modules (recog.c: map, XML, rules, lookup; recog_regex.c:
 * Ruby regexps as PCRE2; recog_check.c: the files' examples): fingerprints and the loaded set. */
#ifndef VS_RECOG_INT_H
#define VS_RECOG_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sigs_int.h"

/* Recog's matches are weaker than our rules (0.5 - 0.95) so that ours win per attribute
 * when both speak; a Recog hardware vendor still outweighs the OUI organisation (0.3). */
#define RECOG_W_HW 0.45
#define RECOG_W_OS 0.4

/* Interpolation depth ({a} naming {b} naming ...): Recog uses one or two levels. */
#define RECOG_MAX_DEPTH 4
#define RECOG_MAX_PARAMS 64
#define RECOG_MAX_MAP 64

struct recog_param {
    char *name;
    int pos;       /* > 0: capture group; 0: value */
    char *value;   /* pos 0: the raw value, {name} not yet resolved */
    struct tmpl t; /* resolved: literal pieces and groups */
    bool ok;       /* t could be resolved */
};

struct recog_kv {
    char *key, *val;
};

struct recog_example {
    char *v;
    size_t len;
    unsigned line;
    struct recog_kv *kv;
    size_t nkv;
};

struct recog_fp {
    char *pattern; /* translated to PCRE2 */
    size_t plen;
    uint32_t opts;
    const char *untranslatable; /* why the pattern cannot run here, or NULL */
    int failed;                 /* compile failed (set once, atomically) */
    struct recog_param *p;
    size_t np;
    struct recog_example *ex;
    size_t nex;
    char *excluded;  /* reason from recog-exclude.ini, or NULL */
    char prefix[32]; /* the literal every match starts a line with ("^Cisco IOS"), or "" */
    size_t prefixlen;
    bool prefix_ci;
};

struct map_row {
    enum vs_field field;
    char names[256]; /* space separated `matches` values or file stems */
};

struct excl {
    char *file; /* file name, "ssh_banners.xml" */
    unsigned line;
    char *reason;
};

/* One XML file: listed at load with the fields it serves, parsed on first use. */
struct recog_file {
    char *path;
    char *text; /* in-memory documents (tests, fuzzing); NULL: read path */
    size_t len;
    enum vs_field fields[RECOG_MAX_MAP];
    size_t nf;
    pthread_mutex_t mu;
    int loaded; /* read with acquire: rules below are complete once set */
    struct rule *rules;
    size_t nrules, caprules;
    char errbuf[512];
    struct vs_ini_err e;
};

struct recog_load {
    struct vs_sigs *s;
    struct vs_ini_err *e; /* during a load or a parse */
    struct map_row map[RECOG_MAX_MAP];
    size_t nmap;
    struct excl *ex;
    size_t nex, capex;
    const char *mapname;
    char osonly[RECOG_MAX_MAP][64]; /* canonical vendors whose OS runs on others' hardware */
    size_t nosonly;
    struct recog_file *files;
    size_t nfiles, capfiles;
};

/* recog_regex.c: a Ruby regexp translated to PCRE2 (malloc'd, NULL with *why when it cannot
 * be), the literal a pattern's matches start a line with, and a bound of its groups. */
char *sigs_recog_translate(const char *src, size_t *outlen, const char **why);
void sigs_recog_find_prefix(struct recog_fp *f, const char *p);
bool sigs_recog_prefix_ok(const struct recog_fp *f, const char *v, size_t len);
uint32_t sigs_recog_max_groups(const char *p);

/* recog.c: a fingerprint's param by name (NULL: none), and a file parsed on first use. */
const struct recog_param *sigs_recog_param(const struct recog_fp *f, const char *name);
void sigs_recog_ensure_loaded(const struct vs_sigs *s, struct recog_file *rf);

#endif
