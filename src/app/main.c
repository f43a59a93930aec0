/* SPDX-License-Identifier: BSD-2-Clause */
/* main.c - vendorsniff: the command line to a configuration, then a subcommand
 * (src/app/commands.c) or the capture run (src/app/run.c), whose exit status it returns. */
#include <stdio.h>

#include "vendorsniff/app.h"
#include "vendorsniff/cli.h"
#include "vendorsniff/commands.h"
#include "vendorsniff/run.h"
#include "vendorsniff/timing.h"

int main(int argc, char **argv)
{
    static struct vs_config cfg; /* large (the input list); zero-initialised */
    char err[2048];
    if (vs_cli_parse(argc, argv, &cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    if (cfg.debug_timing)
        vs_timing_enable();
    int rc;
    if (cfg.cmd != VS_CMD_RUN) {
        rc = vs_commands_run(&cfg);
        vs_timing_mark("the command (data freed)");
    } else {
        rc = vs_run_capture(&cfg);
        vs_timing_mark("the run, without a packet"); /* ignored once the first reported */
    }
    vs_timing_report(stderr); /* when no packet came to report it */
    return rc;
}
