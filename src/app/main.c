/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - vendorsniff: the command line to a configuration, then a subcommand
 * (src/app/commands.c) or the capture run (src/app/run.c), whose exit status it returns. */
#include <stdio.h>

#include "vendorsniff/app.h"
#include "vendorsniff/cli.h"
#include "vendorsniff/commands.h"
#include "vendorsniff/run.h"

int main(int argc, char **argv)
{
    static struct vs_config cfg; /* large (the input list); zero-initialised */
    char err[2048];
    if (vs_cli_parse(argc, argv, &cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    if (cfg.cmd != VS_CMD_RUN)
        return vs_commands_run(&cfg);
    return vs_run_capture(&cfg);
}
