/* SPDX-License-Identifier: BSD-2-Clause */
/* atomic.h - replacing a file (state, inventory) so that a reader, or a restart after power
 * loss, sees the old content or the new, never half: temporary beside it, fsync, rename. */
#ifndef VS_ATOMIC_H
#define VS_ATOMIC_H

#include <stdio.h>
#include <sys/types.h>

struct vs_atomic {
    FILE *f;   /* write the new content here */
    char *tmp; /* the temporary file, in the target's directory so rename stays atomic */
    const char *path;
};

/* Create the temporary file for path; mode 0 keeps mkstemp's 0600. 0 or -errno (nothing
 * is left behind on failure). */
int vs_atomic_open(struct vs_atomic *a, const char *path, mode_t mode);

/* rc: 0 when everything was written, else the writer's -errno. On 0 the file is flushed,
 * fsynced and renamed over path, and the directory fsynced; otherwise (or when any of that
 * fails) the temporary file is removed and path is untouched. Returns 0 or -errno. */
int vs_atomic_commit(struct vs_atomic *a, int rc);

#endif
