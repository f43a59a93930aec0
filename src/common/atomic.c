/* SPDX-License-Identifier: BSD-2-Clause */
/* atomic.c - atomic file replacement (POSIX rename(2) semantics): write beside, fsync the
 * file, rename over the target, fsync the directory so the rename itself is durable. Only a
 * regular file or a new path is replaced; stale temporaries of a killed run are cleaned up.
 * Also the -w opener that will not follow a link planted in a shared directory. */
#include "vendorsniff/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *vs_atomic_strerror(int err)
{
    if (err < 0)
        err = -err;
    if (err == VS_ENOTREG)
        return "not a regular file (a device, FIFO, socket or directory); refusing to replace "
               "it";
    return strerror(err);
}

int vs_atomic_check(const char *path)
{
    struct stat st;
    /* stat, not lstat: a link to /dev/null is refused like /dev/null itself (rename would
     * replace the link, not the node, but the operator meant the node). */
    if (stat(path, &st) != 0)
        return errno == ENOENT ? 0 : -errno;
    return S_ISREG(st.st_mode) ? 0 : -VS_ENOTREG;
}

int vs_atomic_open(struct vs_atomic *a, const char *path, mode_t mode)
{
    memset(a, 0, sizeof *a);
    int crc = vs_atomic_check(path);
    if (crc != 0)
        return crc;
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

static char *dir_of(const char *path, const char **base)
{
    const char *slash = strrchr(path, '/');
    *base = slash ? slash + 1 : path;
    return slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
}

/* mkstemp's six characters: letters and digits. */
static bool stale_name(const char *name, const char *base)
{
    size_t bl = strlen(base);
    if (strncmp(name, base, bl) != 0 || strncmp(name + bl, ".tmp", 4) != 0)
        return false;
    const char *x = name + bl + 4;
    if (strlen(x) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!((x[i] >= 'a' && x[i] <= 'z') || (x[i] >= 'A' && x[i] <= 'Z') ||
              (x[i] >= '0' && x[i] <= '9')))
            return false;
    return true;
}

int vs_atomic_clean_stale(const char *path)
{
    const char *base;
    char *dir = dir_of(path, &base);
    if (!dir || !*base) {
        free(dir);
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return 0;
    }
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!stale_name(e->d_name, base))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid())
            continue;
        if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
            fprintf(stderr,
                    "vendorsniff: removed %s/%s, a temporary file left by an "
                    "interrupted run\n",
                    dir, e->d_name);
            n++;
        } else {
            fprintf(stderr, "vendorsniff: cannot remove the stale temporary file %s/%s: %s\n", dir,
                    e->d_name, strerror(errno));
        }
    }
    closedir(d);
    free(dir);
    return n;
}

int vs_output_open(const char *path, char *why, size_t whysz)
{
    const char *base;
    char *dir = dir_of(path, &base);
    if (!dir)
        return -ENOMEM;
    struct stat ds;
    bool shared = stat(dir, &ds) == 0 && (ds.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    free(dir);
    int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY;
    if (!shared) {
        int fd = open(path, flags | O_CREAT, 0666);
        return fd >= 0 ? fd : -errno;
    }
    /* Another user may have planted a link or a file here, waiting for root to write
     * through it: create the file ourselves, or use one that is already ours. */
    int fd = open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
    if (fd >= 0 || errno != EEXIST)
        return fd >= 0 ? fd : -errno;
    fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (e == ELOOP) {
            snprintf(why, whysz,
                     "a symbolic link in a directory others can write to; "
                     "refusing to follow it");
            return -VS_ENOTREG;
        }
        return -e;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
        close(fd);
        snprintf(why, whysz,
                 "not a regular file of this user in a directory others can "
                 "write to; refusing to write to it");
        return -VS_ENOTREG;
    }
    /* O_NONBLOCK was only for the open (a FIFO must not hang it). */
    (void)fcntl(fd, F_SETFL, O_APPEND);
    return fd;
}
