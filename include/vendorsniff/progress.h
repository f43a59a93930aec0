/* SPDX-License-Identifier: BSD-2-Clause */
/* progress.h - progress of an offline run on stderr: one line redrawn in place on a terminal
 * (or a line every few seconds when forced into a log), and the summary line at the end. Only
 * rates and the ETA use the clock; nothing here reaches the JSON outputs. */
#ifndef VS_PROGRESS_H
#define VS_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct vs_progress_state {
    size_t files_done, files_failed;
    uint64_t bytes_read;
    uint64_t packets;
    size_t devices, risk_devices;
};

struct vs_progress {
    FILE *out;
    bool enabled; /* progress lines at all */
    bool tty;     /* redraw one line in place */
    bool drawn;   /* a line is on the terminal now */
    double start, next, interval;
    size_t files_total;
    uint64_t bytes_total; /* 0: unknown (stdin, pipes) */
};

/* enabled: show progress; tty: out is a terminal (one line redrawn every quarter second;
 * otherwise a line every five seconds). */
void vs_progress_init(struct vs_progress *p, FILE *out, bool enabled, bool tty, size_t files_total,
                      uint64_t bytes_total);
/* True when it is time for a line (cheap: one clock read). */
bool vs_progress_due(struct vs_progress *p);
void vs_progress_show(struct vs_progress *p, const struct vs_progress_state *st);
/* Take the in-place line away before another message is written to out. */
void vs_progress_clear(struct vs_progress *p);
/* The line left at the end, progress or not:
 * "vendorsniff: summary: 8 files, 2000000 packets in 3.2 s, 5000 devices, 12 risk devices,
 * 0 files with errors". */
void vs_progress_summary(struct vs_progress *p, const struct vs_progress_state *st);

#endif
