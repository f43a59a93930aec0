/* SPDX-License-Identifier: BSD-2-Clause */
/* progress.c - the offline run's progress line and final summary on stderr (docs/usage.md,
 * "Progress"): files, bytes, packets per second, devices, risk devices and an ETA from the
 * share of bytes read. */
#include "vendorsniff/progress.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "vendorsniff/decompress.h"

#define TTY_INTERVAL 0.25
#define LOG_INTERVAL 5.0

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void vs_progress_init(struct vs_progress *p, FILE *out, bool enabled, bool tty, size_t files_total,
                      uint64_t bytes_total)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->enabled = enabled;
    p->tty = tty;
    p->interval = tty ? TTY_INTERVAL : LOG_INTERVAL;
    p->start = now();
    p->next = p->start; /* the first line at the first look: at once, not after a wait */
    p->files_total = files_total;
    p->bytes_total = bytes_total;
}

bool vs_progress_due(struct vs_progress *p)
{
    return p->enabled && now() >= p->next;
}

static void rate(double v, char *out, size_t outsz)
{
    if (v >= 1e6)
        snprintf(out, outsz, "%.1fM", v / 1e6);
    else if (v >= 1e3)
        snprintf(out, outsz, "%.1fk", v / 1e3);
    else
        snprintf(out, outsz, "%.0f", v);
}

void vs_progress_show(struct vs_progress *p, const struct vs_progress_state *st)
{
    if (!p->enabled)
        return;
    double t = now();
    p->next = t + p->interval;
    double el = t - p->start;
    char rd[32], tot[32], pps[32], eta[32] = "ETA unknown";
    vs_human_bytes(st->bytes_read, rd, sizeof rd);
    rate(el > 0 ? (double)st->packets / el : 0, pps, sizeof pps);
    char bytes[96];
    if (p->bytes_total) {
        vs_human_bytes(p->bytes_total, tot, sizeof tot);
        double share = (double)st->bytes_read / (double)p->bytes_total;
        if (share > 1)
            share = 1;
        snprintf(bytes, sizeof bytes, "%s/%s (%.0f%%)", rd, tot, share * 100);
        if (share > 0.001 && el > 0.5) {
            unsigned long left = (unsigned long)(el / share - el + 0.5);
            snprintf(eta, sizeof eta, "ETA %lu:%02lu:%02lu", left / 3600, left / 60 % 60,
                     left % 60);
        }
    } else {
        snprintf(bytes, sizeof bytes, "%s", rd);
    }
    char line[320];
    snprintf(line, sizeof line,
             "files %zu/%zu, %s, %s packets/s, %zu devices, %zu risk devices, %s", st->files_done,
             p->files_total, bytes, pps, st->devices, st->risk_devices, eta);
    if (p->tty) {
        fprintf(p->out, "\r\033[K%s", line);
        p->drawn = true;
    } else {
        fprintf(p->out, "vendorsniff: progress: %s\n", line);
    }
    fflush(p->out);
}

void vs_progress_clear(struct vs_progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
        p->drawn = false;
    }
}

void vs_progress_summary(struct vs_progress *p, const struct vs_progress_state *st)
{
    vs_progress_clear(p);
    double el = now() - p->start;
    fprintf(p->out,
            "vendorsniff: summary: %zu file%s, %" PRIu64 " packet%s in %.1f s, %zu device%s, "
            "%zu risk device%s, %zu file%s with errors\n",
            st->files_done, st->files_done == 1 ? "" : "s", st->packets,
            st->packets == 1 ? "" : "s", el, st->devices, st->devices == 1 ? "" : "s",
            st->risk_devices, st->risk_devices == 1 ? "" : "s", st->files_failed,
            st->files_failed == 1 ? "" : "s");
    fflush(p->out);
}
