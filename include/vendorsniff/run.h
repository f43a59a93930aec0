/* SPDX-License-Identifier: BSD-2-Clause */
/* run.h - the capture run (src/app/run.c): data and outputs opened, state restored, the
 * offline files or the live interface read to the end, and everything collected written out. */
#ifndef VS_RUN_H
#define VS_RUN_H

#include "vendorsniff/cli.h"

/* Run cfg (cfg->cmd == VS_CMD_RUN) until the inputs end or SIGINT/SIGTERM; SIGHUP reloads
 * the data, SIGUSR1 writes the inventory. With --chroot, cfg's paths are rewritten to the
 * inside ones. Returns the exit status (enum vs_exit). Once per process: signals are global. */
int vs_run_capture(struct vs_config *cfg);

#endif
