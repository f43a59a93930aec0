/* SPDX-License-Identifier: BSD-2-Clause */
/* oidtab.h - sysObjectID to product model tables: signatures/sysobjectid/<table>.tsv, one
 * `OID<TAB>model[<TAB>note]` a line, taken from the vendors' MIB product registrations
 * (docs/signatures.md, "sysObjectID tables"). Errors are "file:line: message". A sealed table
 * is immutable and may be read by several threads at once. */
#ifndef VS_OIDTAB_H
#define VS_OIDTAB_H

#include <stddef.h>

/* An OID in dotted form is at most this long (about 30 arcs). */
#define VS_OID_TEXT_MAX 127
/* A model name, like a rule's model template result. */
#define VS_OID_MODEL_MAX 127
/* A note (the MIB object name and description) is cut, not refused. */
#define VS_OID_NOTE_MAX 159

struct vs_oidtab;

struct vs_oid_model {
    const char *oid;   /* dotted, no leading dot */
    const char *model; /* never empty */
    const char *note;  /* "" when the line has none */
    const char *table; /* "sysobjectid:<name>", the name being the file's without ".tsv" */
    const char *file;
    unsigned line;
};

struct vs_oidtab *vs_oidtab_new(void);
void vs_oidtab_free(struct vs_oidtab *t);
/* Read one table file's text (file names it in messages and in the table name). Strict: a
 * malformed OID, an empty or missing model, control bytes, an over-long field or an extra
 * column stop the load. Returns 0 or a negative errno code with "file:line: message" in err. */
int vs_oidtab_add(struct vs_oidtab *t, const char *file, const char *text, size_t len, char *err,
                  size_t errsz);
/* After the last add: sort for look-ups and refuse an OID given twice (in one file or two).
 * Returns 0 or -EINVAL with "file:line: duplicate OID ... (first at file:line)" in err. */
int vs_oidtab_seal(struct vs_oidtab *t, char *err, size_t errsz);
/* The entry for a sysObjectID value (a leading dot and surrounding spaces ignored), or NULL.
 * Binary search over the sealed table. */
const struct vs_oid_model *vs_oidtab_find(const struct vs_oidtab *t, const char *oid, size_t len);
size_t vs_oidtab_count(const struct vs_oidtab *t);
/* Entries from the table called name ("cisco" for sysobjectid/cisco.tsv). */
size_t vs_oidtab_count_table(const struct vs_oidtab *t, const char *name);

#endif
