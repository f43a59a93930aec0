/* SPDX-License-Identifier: BSD-2-Clause */
/* timing.c - `--debug-timing`: per-stage CPU and wall time of the start-up (timing.h). */
#include "vendorsniff/timing.h"

#include <pthread.h>
#include <stdint.h>
#include <time.h>

#define MAX_STAGES 32

static bool on, reported;
/* A SIGHUP reload loads the data on another thread while the first packet may arrive. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct timespec last_wall, last_cpu;
static struct stage {
    const char *name;
    double cpu_ms, wall_ms; /* wall < 0: not known */
} stages[MAX_STAGES];
static unsigned nstages;

static double ms_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

void vs_timing_enable(void)
{
    if (on)
        return;
    on = true;
    clock_gettime(CLOCK_MONOTONIC, &last_wall);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &last_cpu);
    const struct timespec zero = {0, 0};
    /* Before main: the kernel's exec, the dynamic loader's relocations, the C runtime. */
    stages[nstages++] = (struct stage){"process start, dynamic loading, command line",
                                       ms_between(&zero, &last_cpu), -1};
}

bool vs_timing_on(void)
{
    return on;
}

void vs_timing_mark(const char *name)
{
    if (!on)
        return;
    pthread_mutex_lock(&mu);
    if (reported) {
        pthread_mutex_unlock(&mu);
        return; /* the stages were printed; a later reload is not start-up */
    }
    struct timespec w, c;
    clock_gettime(CLOCK_MONOTONIC, &w);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
    if (nstages < MAX_STAGES)
        stages[nstages++] =
            (struct stage){name, ms_between(&last_cpu, &c), ms_between(&last_wall, &w)};
    last_wall = w;
    last_cpu = c;
    pthread_mutex_unlock(&mu);
}

void vs_timing_report(FILE *f)
{
    if (!on)
        return;
    pthread_mutex_lock(&mu);
    if (reported) {
        pthread_mutex_unlock(&mu);
        return;
    }
    reported = true;
    double cpu = 0, wall = 0;
    fprintf(f, "vendorsniff: timing: %-46s %9s %9s\n", "stage", "CPU ms", "wall ms");
    for (unsigned i = 0; i < nstages; i++) {
        cpu += stages[i].cpu_ms;
        if (stages[i].wall_ms >= 0) {
            wall += stages[i].wall_ms;
            fprintf(f, "vendorsniff: timing: %-46s %9.3f %9.3f\n", stages[i].name, stages[i].cpu_ms,
                    stages[i].wall_ms);
        } else {
            fprintf(f, "vendorsniff: timing: %-46s %9.3f %9s\n", stages[i].name, stages[i].cpu_ms,
                    "-");
        }
    }
    fprintf(f, "vendorsniff: timing: %-46s %9.3f %9.3f\n", "total (wall: since main)", cpu, wall);
    pthread_mutex_unlock(&mu);
}
