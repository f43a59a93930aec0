/* SPDX-License-Identifier: BSD-2-Clause */
/* state.h - the state file: inventory and alert history saved atomically (temporary
 * file, fsync, rename) and restored at start, so a restart neither forgets devices nor
 * raises an alert twice for the same device, rule and attribution. */
#ifndef VS_STATE_H
#define VS_STATE_H

#include <stddef.h>

#include "vendorsniff/inventory.h"

int vs_state_save(const char *path, struct vs_inventory *inv, char *err, size_t errsz);
/* Returns 0, -ENOENT when there is no state yet, or another negative code with err set:
 * a file that is corrupt, cannot be read or is larger than VS_MAX_STATE_BYTES is renamed
 * to PATH.corrupt-N, N the first number free (never overwriting anything), and err says
 * where it went; a corrupt file restores nothing. A path that is not a regular file (a
 * FIFO, a device) is refused unread and left where it is (-VS_ENOTREG, atomic.h). */
int vs_state_load(const char *path, struct vs_inventory *inv, char *err, size_t errsz);
int vs_state_load_mem(const char *name, const char *buf, size_t len, struct vs_inventory *inv,
                      char *err, size_t errsz);

/* Read a saved inventory (--inventory) or event stream (-w: its device events) into inv,
 * devices merged by id with earlier files (earliest first seen, latest last seen, packets
 * added) and re-attributed with inv's signatures; no hooks run. path "-" is stdin. A file
 * with a line that is not a vendorsniff event loads nothing: -EINVAL, and err names the file
 * and line. *ndev (may be NULL) gets the number of device records read. */
int vs_state_load_inventory(const char *path, struct vs_inventory *inv, size_t *ndev, char *err,
                            size_t errsz);

#endif
