/* SPDX-License-Identifier: BSD-2-Clause */
/* fleet.h - inventories across audits and sensors (src/sink/fleet.c): saved device lines
 * read as records, grouped by identity (inventory id, MAC, LLDP chassis ID, SNMP engine ID,
 * serial numbers) rather than by id alone, merged with per-sensor provenance, and compared
 * (diff). The records keep the --inventory device-line format. */
#ifndef VS_FLEET_H
#define VS_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct vs_fleet;

struct vs_fleet *vs_fleet_new(void);
void vs_fleet_free(struct vs_fleet *f);

/* Append the device records of an inventory or event stream (other events are skipped);
 * path "-" is stdin, a directory means its *.jsonl files in name order. Returns 0, or -1
 * with err naming the file and line of the first line that is not a vendorsniff event (the
 * file then adds nothing). */
int vs_fleet_load(struct vs_fleet *f, const char *path, char *err, size_t errsz);
/* One device line (tests, the store). Returns 0, 1 for a line that is not a device event
 * (skipped), -1 for text that is not a JSON object. */
int vs_fleet_add_line(struct vs_fleet *f, const char *line, size_t len);
size_t vs_fleet_count(const struct vs_fleet *f);

/* Group the records that share an identity key and fold each group into one record:
 * ips, VLANs and evidence united; first/last seen widened; "sensors" keeps each sensor's
 * first/last seen and packets (the same sensor twice is the same observation, so merging
 * is idempotent); vendors that disagree keep every statement in "attributions" and the
 * confidence is lowered by the share of the winner. Associative: merging A and B, then C,
 * gives what merging A with (B and C) gives. Records end sorted: risk first, then vendor,
 * then id. */
void vs_fleet_merge(struct vs_fleet *f);

/* Device lines, one record a line. */
int vs_fleet_write(const struct vs_fleet *f, FILE *out);

/* The i-th record as one JSON line (malloc'd, caller frees), NULL past the end. */
char *vs_fleet_record_json(const struct vs_fleet *f, size_t i);

struct vs_diff_counts {
    size_t old_devices, new_devices;
    size_t appeared, disappeared, changed, unchanged;
    size_t new_risk; /* devices in NEW under a risk rule they were not under in OLD */
};

/* Compare two merged fleets; writes text (json false) or JSON Lines to out: risk devices
 * first, counts per risk rule, then appeared, disappeared and changed devices with what
 * changed (vendor, model, software, name, ips, vlans, attached, risk). */
int vs_fleet_diff(const struct vs_fleet *oldf, const struct vs_fleet *newf, bool json,
                  const char *old_name, const char *new_name, FILE *out,
                  struct vs_diff_counts *counts);
/* The same diff as one self-contained HTML page (no script, nothing loaded; wire strings
 * escaped): the counts, the risk rules, and a row per device that changed. */
int vs_fleet_diff_html(const struct vs_fleet *oldf, const struct vs_fleet *newf,
                       const char *old_name, const char *new_name, FILE *out,
                       struct vs_diff_counts *counts);

#endif
