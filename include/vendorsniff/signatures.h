/* SPDX-License-Identifier: BSD-2-Clause */
/* signatures.h - the data that turns evidence into vendor, model, software and name:
 * canonical vendor names and their aliases (registry organisations, IANA enterprise
 * numbers, spellings), and PCRE2 pattern rules over evidence fields. Loaded from
 * signatures/ (see docs/signatures.md); errors are reported as "file:line: message". */
#ifndef VS_SIGNATURES_H
#define VS_SIGNATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/evidence.h"

struct vs_sigs;

/* One rule's verdict on one evidence value. Strings are owned by the signature set
 * (vendor, rule_id) or by the match buffer (model, software, name); empty string = not set. */
struct vs_sig_match {
    const char *rule_id;
    const char *vendor; /* canonical vendor name, or NULL when the rule names none */
    char model[128];
    char software[160];
    char name[128];
    double weight; /* 0 < weight <= 1 */
    /* Added: CPE 2.3 formatted strings (docs/signatures.md, "CPE names"), empty = none. */
    char cpe_hw[160]; /* "cpe:2.3:h:..." */
    char cpe_os[160]; /* "cpe:2.3:o:..." (or :a: firmware) */
};

/* Load vendors.ini, enterprises.tsv and rules/ *.ini from dir. On failure returns a
 * negative errno-style code and writes "file:line: message" into err. The set is immutable
 * once loaded; every function below may be called from several threads at once. */
int vs_sigs_load(const char *dir, struct vs_sigs **out, char *err, size_t errsz);
void vs_sigs_free(struct vs_sigs *s);

/* Canonical vendor for a registry organisation name, by exact normalised match
 * (never by substring); NULL when the organisation has no alias. */
const char *vs_sigs_vendor_for_org(const struct vs_sigs *s, const char *org);
/* Canonical vendor for an IANA private enterprise number; NULL when none is aliased. */
const char *vs_sigs_vendor_for_enterprise(const struct vs_sigs *s, uint32_t pen);
/* Registry name of an IANA private enterprise number; NULL when unknown. */
const char *vs_sigs_enterprise_name(const struct vs_sigs *s, uint32_t pen);
/* Canonical vendor for a free-text vendor name ("HUAWEI", "Huawei Technologies Co.,
 * Ltd.", "ZTE Corporation"), by exact normalised match on names and organisations. */
const char *vs_sigs_vendor_for_name(const struct vs_sigs *s, const char *name);

typedef void (*vs_sig_cb)(void *ctx, const struct vs_sig_match *m);
/* Run every rule that applies to field f against value; cb once per matching rule.
 * Returns the number of matches. value need not be NUL-terminated. */
size_t vs_sigs_match(const struct vs_sigs *s, enum vs_field f, const char *value, size_t len,
                     vs_sig_cb cb, void *ctx);

/* Added: load from memory (tests, fuzzing): the texts of vendors.ini, enterprises.tsv and
 * one rules file, named "vendors.ini", "enterprises.tsv" and "rules.ini" in messages.
 * rules_ini may be NULL (no rules). Same checks and results as vs_sigs_load. */
int vs_sigs_load_mem(const char *vendors_ini, size_t vendors_len, const char *enterprises_tsv,
                     size_t enterprises_len, const char *rules_ini, size_t rules_len,
                     struct vs_sigs **out, char *err, size_t errsz);

/* Added: the set-wide checks behind --check-signatures. Every example must match its rule
 * (the first one yielding its expect), and must not make another rule of the same field
 * name a different vendor; a nearmiss must match neither its rule nor any rule of the
 * same field that gives the rule's vendor. Returns the number of problems (0 = all pass);
 * err gets them one a line as "file:line: rule ID: message", as many as fit. */
int vs_sigs_selftest(const struct vs_sigs *s, char *err, size_t errsz);

/* Added: the product model a sysObjectID names (signatures/sysobjectid/ *.tsv: "ISR4331" for
 * "1.3.6.1.4.1.9.1.2068"), or NULL. Exact match; a leading dot is ignored. */
const char *vs_sigs_model_for_oid(const struct vs_sigs *s, const char *oid);
/* Added: how many sysObjectIDs the tables map. */
size_t vs_sigs_oid_count(const struct vs_sigs *s);

/* Added: Recog fingerprints (docs/signatures.md, "Recog"). Load vendors.ini's text, a
 * recog-map.ini text and one Recog XML document from memory (tests, fuzzing). */
int vs_sigs_load_recog_mem(const char *vendors_ini, size_t vendors_len, const char *map_ini,
                           size_t map_len, const char *xml, size_t xml_len, struct vs_sigs **out,
                           char *err, size_t errsz);
/* How many Recog fingerprints are loaded, how many run on evidence (mapped, naming something,
 * not excluded), how many recog-exclude.ini excludes, and the examples of those kept. */
void vs_sigs_recog_counts(const struct vs_sigs *s, size_t *fingerprints, size_t *matched,
                          size_t *excluded, size_t *examples);
/* The i-th excluded fingerprint's reason (and *rule_id), or NULL past the last. */
const char *vs_sigs_recog_excluded(const struct vs_sigs *s, size_t i, const char **rule_id);

/* Counts, for --version and --check-signatures (rules: ours, Recog's apart). */
size_t vs_sigs_rule_count(const struct vs_sigs *s);
/* The cost of the rules: for rule i (0 .. vs_sigs_limit_rules()-1), how many matches the
 * PCRE2 match/depth limit stopped (a rule hitting it SIG_LIMIT_SUSPEND times is set aside
 * until the next load, and each is warned about on stderr, naming the rule). */
size_t vs_sigs_limit_rules(const struct vs_sigs *s);
uint64_t vs_sigs_limit_hits(const struct vs_sigs *s, size_t i, const char **id);
size_t vs_sigs_vendor_count(const struct vs_sigs *s);

/* Normalise an organisation or vendor name for exact comparison: ASCII lower case,
 * every run of non-alphanumerics to one space, trimmed. Returns bytes written. */
size_t vs_sigs_normalise(const char *in, char *out, size_t outsz);

#endif
