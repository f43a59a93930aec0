/* SPDX-License-Identifier: BSD-2-Clause */
/* atomic.c - atomic file replacement (POSIX rename(2) semantics): write beside, fsync the
 * file, rename over the target, fsync the directory so the rename itself is durable. */
#include "vendorsniff/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int vs_atomic_open(struct vs_atomic *a, const char *path, mode_t mode)
{
    memset(a, 0, sizeof *a);
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return -ENOMEM;
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return -e;
    }
    /* mkstemp's 0600 suits the state file; the inventory is meant to be read by others. */
    if (mode)
        (void)fchmod(fd, mode);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return -e;
    }
    a->f = f;
    a->tmp = tmp;
    a->path = path;
    return 0;
}

/* Without this, a power loss after rename can bring back the old name on some filesystems. */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

int vs_atomic_commit(struct vs_atomic *a, int rc)
{
    if (rc == 0 && fflush(a->f) != 0)
        rc = -errno;
    if (rc == 0 && fsync(fileno(a->f)) != 0)
        rc = -errno;
    if (fclose(a->f) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(a->tmp, a->path) != 0)
        rc = -errno;
    if (rc == 0)
        sync_dir(a->path);
    else
        unlink(a->tmp);
    free(a->tmp);
    memset(a, 0, sizeof *a);
    return rc;
}
