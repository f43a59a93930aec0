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

/* Returned (negated) when path exists and is not a regular file: a device node, FIFO,
 * socket or directory is never replaced by a regular file. */
#define VS_ENOTREG 4095

/* strerror, and for VS_ENOTREG a sentence that says why the path was refused. */
const char *vs_atomic_strerror(int err);

/* 0 when path may be replaced atomically (a regular file, or nothing yet), else -errno or
 * -VS_ENOTREG. */
int vs_atomic_check(const char *path);

/* Remove temporary files PATH.tmpXXXXXX that a run killed mid-replace (kill -9, power
 * loss) left beside path: regular files owned by this user only. Each removal is said on
 * stderr. Returns how many were removed. */
int vs_atomic_clean_stale(const char *path);

/* Open an output file for appending (-w) without following a link another user planted:
 * in a directory others may write to (/tmp), the file is opened with O_NOFOLLOW, created
 * with O_EXCL, and an existing file must belong to this user. Elsewhere an ordinary
 * open(O_APPEND|O_CREAT). Returns the descriptor or -errno; -VS_ENOTREG for a file not
 * ours in such a directory (why: a sentence). */
int vs_output_open(const char *path, char *why, size_t whysz);

#endif
