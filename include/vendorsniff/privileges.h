/* SPDX-License-Identifier: BSD-2-Clause */
/* privileges.h - giving up root once the capture is open (-Z USER) and confining the run to
 * a directory (--chroot DIR): the output paths checked before, and rewritten after. */
#ifndef VS_PRIVILEGES_H
#define VS_PRIVILEGES_H

#include <stddef.h>

#include "vendorsniff/cli.h"

/* Before anything is opened: with --chroot, the state and inventory files must lie inside
 * DIR (they are written after the chroot). 0, or -1 with err set. */
int vs_privileges_check_paths(const struct vs_config *cfg, char *err, size_t errsz);

/* -Z: groups, chroot (when asked), gid and uid of the user, then prove root cannot be
 * regained. A no-op without -Z. 0, or -1 with err set: the run must stop. */
int vs_privileges_drop(const struct vs_config *cfg, char *err, size_t errsz);

/* After the chroot: the output and input paths given as host paths under DIR become the
 * same paths inside it. A no-op without --chroot. */
void vs_privileges_enter_paths(struct vs_config *cfg);

#endif
