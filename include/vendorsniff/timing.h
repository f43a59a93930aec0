/* SPDX-License-Identifier: BSD-2-Clause */
/* timing.h - `--debug-timing`: the CPU and wall time of each start-up stage (process start
 * and dynamic loading, OUI registry, signatures and their parts, risk list, first packet),
 * printed on stderr (docs/performance.md, "Start-up"). Off unless enabled: a mark then
 * costs one load and a branch. */
#ifndef VS_TIMING_H
#define VS_TIMING_H

#include <stdbool.h>
#include <stdio.h>

/* Start recording; the first stage is everything before this call (process start, dynamic
 * loading, the command line), in CPU time. */
void vs_timing_enable(void);
bool vs_timing_on(void);
/* End the current stage: the time since the previous mark is charged to name (a string
 * literal or otherwise static). */
void vs_timing_mark(const char *name);
/* Print the stages recorded so far on f, once; later calls print nothing. */
void vs_timing_report(FILE *f);

#endif
