/* SPDX-License-Identifier: BSD-2-Clause */
/* fleet_int.h - private to the fleet modules (fleet.c: records, identity, merge; fleet_diff.c:
 * the comparison of two inventories): the record store and the helpers both use. */
#ifndef VS_SINK_FLEET_INT_H
#define VS_SINK_FLEET_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "vendorsniff/fleet.h"

struct vs_fleet {
    json_t **rec;
    size_t n, cap;
};

/* jansson prints doubles with 17 digits unless told: 0.97 stays 0.97. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6))

/* Union-find over records: those sharing any identity key end in one group. Returns each
 * record's group root (malloc'd), NULL when out of memory. */
size_t *vs_fl_group(json_t **rec, size_t n);
/* A string member of o, or NULL. */
const char *vs_fl_str(json_t *o, const char *k);
bool vs_fl_str_eq(json_t *a, json_t *b);
int vs_fl_severity_rank(json_t *r);
/* The report order of records (qsort over json_t *): by severity, then vendor, then id. */
int vs_fl_rec_cmp(const void *a, const void *b);

#endif
