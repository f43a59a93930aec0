/* SPDX-License-Identifier: BSD-2-Clause */
/* commands.h - the subcommands (src/app/commands.c): everything vendorsniff does besides
 * capturing: --help, --version, lookup, --check-signatures, report, diff, merge, store init. */
#ifndef VS_COMMANDS_H
#define VS_COMMANDS_H

#include "vendorsniff/cli.h"

/* Run cfg->cmd, which is not VS_CMD_RUN; prints its answer on stdout, its complaints on
 * stderr, and returns the exit status (enum vs_exit). */
int vs_commands_run(const struct vs_config *cfg);

#endif
