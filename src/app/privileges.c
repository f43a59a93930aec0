/* SPDX-License-Identifier: BSD-2-Clause */
/* privileges.c - -Z and --chroot, as tcpdump does them: root only until the capture is open,
 * then the user's uid/gid, optionally inside a directory whose paths the outputs are given in. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vendorsniff/privileges.h"

int vs_privileges_drop(const struct vs_config *cfg, char *err, size_t errsz)
{
    if (!cfg->user)
        return 0;
    struct passwd *pw = getpwnam(cfg->user);
    if (!pw) {
        snprintf(err, errsz, "-Z %s: no such user", cfg->user);
        return -1;
    }
    if (initgroups(pw->pw_name, pw->pw_gid) != 0) {
        snprintf(err, errsz, "-Z %s: cannot set groups: %s", cfg->user, strerror(errno));
        return -1;
    }
    if (cfg->chroot_dir && (chroot(cfg->chroot_dir) != 0 || chdir("/") != 0)) {
        snprintf(err, errsz, "--chroot %s: %s", cfg->chroot_dir, strerror(errno));
        return -1;
    }
    if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
        snprintf(err, errsz, "-Z %s: cannot drop privileges: %s", cfg->user, strerror(errno));
        return -1;
    }
    if (pw->pw_uid != 0 && setuid(0) == 0) {
        snprintf(err, errsz, "-Z %s: privileges could be regained; refusing to run", cfg->user);
        return -1;
    }
    return 0;
}

/* With --chroot DIR, outputs are written after the chroot: the command line names them as
 * host paths under DIR, and inside they are the same paths without the DIR prefix. NULL
 * when path is not an absolute path under DIR. */
static const char *chroot_inner(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (path[0] != '/')
        return NULL;
    if (n == 1 && dir[0] == '/')
        return path;
    if (strncmp(path, dir, n) != 0 || path[n] != '/')
        return NULL;
    return path + n;
}

/* Checked before anything is opened, so that a run never learns for hours and then
 * cannot save. The -w file is opened before the chroot; outside DIR it only cannot be
 * reopened on SIGHUP. */
int vs_privileges_check_paths(const struct vs_config *cfg, char *err, size_t errsz)
{
    const char *what[] = {"--state", "--inventory", "--html", "--csv", "--topology"};
    const char *paths[] = {cfg->state_path, cfg->inventory_path, cfg->html_path, cfg->csv_path,
                           cfg->topology_path};
    if (!cfg->chroot_dir)
        return 0;
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        if (paths[i] && !chroot_inner(cfg->chroot_dir, paths[i])) {
            snprintf(err, errsz,
                     "--chroot %s: %s %s must be an absolute path inside it (it is written "
                     "after the chroot)",
                     cfg->chroot_dir, what[i], paths[i]);
            return -1;
        }
    }
    return 0;
}

void vs_privileges_enter_paths(struct vs_config *cfg)
{
    const char *dir = cfg->chroot_dir;
    const char *p;
    if (!dir)
        return;
    if (cfg->state_path && (p = chroot_inner(dir, cfg->state_path)))
        cfg->state_path = p;
    if (cfg->inventory_path && (p = chroot_inner(dir, cfg->inventory_path)))
        cfg->inventory_path = p;
    if (cfg->topology_path && (p = chroot_inner(dir, cfg->topology_path)))
        cfg->topology_path = p;
    if (cfg->events_path && (p = chroot_inner(dir, cfg->events_path)))
        cfg->events_path = p;
    if (cfg->html_path && (p = chroot_inner(dir, cfg->html_path)))
        cfg->html_path = p;
    if (cfg->csv_path && (p = chroot_inner(dir, cfg->csv_path)))
        cfg->csv_path = p;
    for (size_t i = 0; i < cfg->ninputs; i++)
        if (strcmp(cfg->inputs[i], "-") != 0 && (p = chroot_inner(dir, cfg->inputs[i])))
            cfg->inputs[i] = p;
}
