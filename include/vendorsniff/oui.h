/* SPDX-License-Identifier: BSD-2-Clause */
/* oui.h - the IEEE registry snapshot (oui_db/oui.tsv: MA-L 24-bit, MA-M 28-bit, MA-S and
 * IAB 36-bit) and the classification of a MAC address (IEEE 802-2014 clause 8.2 I/G and U/L
 * bits; virtual router ranges of RFC 5798, Cisco HSRP and GLBP). */
#ifndef VS_OUI_H
#define VS_OUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vs_oui_db;

/* Load a snapshot: '#' comment lines and blank lines, then HEXPREFIX<TAB>BITS<TAB>ORGANISATION
 * lines (6 hex digits = 24 bits, 7 = 28, 9 = 36; ORGANISATION is UTF-8 without control
 * characters). A "# snapshot: TEXT" comment names the snapshot; a "# counts: 24=N 28=N 36=N"
 * comment, when present, must agree with the lines that follow. Returns 0, or a negative
 * errno-style code with "file:line: message" (or "file: message") written into err. */
int vs_oui_load(const char *path, struct vs_oui_db **out, char *err, size_t errsz);
/* The same from an open stream (read to its end, not closed); name is used in messages. */
int vs_oui_load_stream(FILE *f, const char *name, struct vs_oui_db **out, char *err, size_t errsz);
void vs_oui_free(struct vs_oui_db *db);

/* The binary table: the same registry in a form that is mapped and used in place
 * (docs/architecture.md, "OUI registry table"). It is made at build time from the shipped
 * TSV and installed next to it as VS_OUI_TABLE_NAME. */
#define VS_OUI_TABLE_NAME "oui.bin"
/* Write the table of db, which must have been loaded from tsv (whose size and hash the
 * table records), to out (through out.tmp and a rename). 0, or -1 with err set. */
int vs_oui_table_write(const struct vs_oui_db *db, const char *tsv, const char *out, char *err,
                       size_t errsz);
/* Map a table made from tsv. -1, with why set, when the table is missing, truncated, damaged,
 * of another version or made from another TSV than tsv is now (size and hash): the caller
 * then parses tsv. */
int vs_oui_table_load(const char *table, const char *tsv, struct vs_oui_db **out, char *why,
                      size_t whysz);
/* The same checks on a table in memory (copied), without the TSV comparison. With
 * VS_OUI_TABLE_NO_HASH the body hash is not checked (fuzzing reaches the structure checks). */
#define VS_OUI_TABLE_NO_HASH 1u
int vs_oui_table_from_buffer(const void *buf, size_t len, unsigned flags, struct vs_oui_db **out,
                             char *why, size_t whysz);
/* True when db was loaded from a binary table. */
bool vs_oui_from_table(const struct vs_oui_db *db);
/* The table's hash of n bytes (a check against change or damage, not against forgery). */
uint64_t vs_oui_hash(const void *p, size_t n);

enum vs_mac_class {
    VS_MAC_GLOBAL = 0, /* universally administered unicast: look it up */
    VS_MAC_ZERO,       /* 00:00:00:00:00:00 */
    VS_MAC_BROADCAST,  /* ff:ff:ff:ff:ff:ff */
    VS_MAC_MULTICAST,  /* I/G bit set */
    VS_MAC_LOCAL,      /* U/L bit set: randomised or assigned by the operator */
    VS_MAC_VRRP,       /* 00:00:5e:00:01:xx (IPv4) and 00:00:5e:00:02:xx (IPv6), RFC 5798 7.3 */
    VS_MAC_HSRP,       /* 00:00:0c:07:ac:xx (v1), 00:00:0c:9f:f0:00-ff:ff (v2),
                          00:05:73:a0:00:00-0f:ff (HSRP for IPv6) */
    VS_MAC_GLBP,       /* 00:07:b4:00:00:00-03:ff:ff (10-bit group, forwarder byte) */
    VS_MAC_CLASS_COUNT
};

struct vs_oui_result {
    const char *org; /* registry text owned by the db, NULL when none applies */
    unsigned bits;   /* length of the matching assignment: 24, 28 or 36; 0 when none */
    enum vs_mac_class cls;
};

/* Longest assignment (36 over 28 over 24) covering mac. Addresses that are not globally
 * unique (zero, broadcast, multicast, locally administered) and virtual router addresses
 * get their class and org NULL. db may be NULL (class only). */
void vs_oui_lookup(const struct vs_oui_db *db, const uint8_t mac[6], struct vs_oui_result *out);
/* Class alone, without a registry. */
enum vs_mac_class vs_mac_classify(const uint8_t mac[6]);
/* Evidence value for a class ("locally_administered", "multicast", "broadcast", "zero",
 * "vrrp", "hsrp", "glbp"); NULL for VS_MAC_GLOBAL and unknown values. */
const char *vs_mac_class_name(enum vs_mac_class c);

/* "oui-data 2.1.9 (2026-08-26)" from the snapshot's header; "unknown" when it has none. */
const char *vs_oui_snapshot(const struct vs_oui_db *db);
/* Assignments of one length (24, 28 or 36), or of all lengths when bits is 0. */
size_t vs_oui_count(const struct vs_oui_db *db, unsigned bits);

#endif
