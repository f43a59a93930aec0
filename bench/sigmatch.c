/* SPDX-License-Identifier: BSD-2-Clause */
/* sigmatch.c - what a signature set says of evidence strings, for bench/coverage.py: reads
 * "source.field<TAB>hex-encoded value" lines on stdin, writes "vendor<TAB>model<TAB>software
 * <TAB>recog<TAB>cpe" per line, each attribute the heaviest match's as attribution keeps it (recog:
 * 1 when a Recog fingerprint gave the heaviest vendor). Usage: sigmatch SIGNATURES_DIR; with
 * SIGMATCH_TIME set, the load and each line's matching time go to stderr (a Recog file is
 * parsed, and its patterns compiled, by the first line of a field it serves). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vendorsniff/evidence.h"
#include "vendorsniff/signatures.h"

struct best {
    const char *vendor, *vrule;
    double wv, wm, ws, wc;
    char model[128], software[160], cpe[160];
};

static void on_match(void *ctx, const struct vs_sig_match *m)
{
    struct best *b = ctx;
    if (m->vendor && (!b->vendor || m->weight > b->wv)) {
        b->vendor = m->vendor;
        b->vrule = m->rule_id;
        b->wv = m->weight;
    }
    if (m->model[0] && (!b->model[0] || m->weight > b->wm)) {
        snprintf(b->model, sizeof b->model, "%s", m->model);
        b->wm = m->weight;
    }
    const char *cpe = m->cpe_hw[0] ? m->cpe_hw : m->cpe_os;
    if (cpe[0] && (!b->cpe[0] || m->weight > b->wc)) {
        snprintf(b->cpe, sizeof b->cpe, "%s", cpe);
        b->wc = m->weight;
    }
    if (m->software[0] && (!b->software[0] || m->weight > b->ws)) {
        snprintf(b->software, sizeof b->software, "%s", m->software);
        b->ws = m->weight;
    }
}

static int hexv(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sigmatch SIGNATURES_DIR < lines\n");
        return 2;
    }
    struct vs_sigs *s;
    char err[1024];
    bool timing = getenv("SIGMATCH_TIME") != NULL;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (vs_sigs_load(argv[1], &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (timing)
        fprintf(stderr, "load %.2f ms\n",
                (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
    static char line[1 << 17], val[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        char *tab = strchr(line, '\t');
        enum vs_field f;
        size_t n = 0;
        if (tab) {
            *tab = '\0';
            for (char *p = tab + 1; hexv(p[0]) >= 0 && hexv(p[1]) >= 0 && n < sizeof val; p += 2)
                val[n++] = (char)(hexv(p[0]) * 16 + hexv(p[1]));
        }
        struct best best = {0};
        clock_gettime(CLOCK_MONOTONIC, &a);
        if (tab && vs_field_parse(line, &f))
            vs_sigs_match(s, f, val, n, on_match, &best);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (timing)
            fprintf(stderr, "%s %.3f ms\n", line,
                    (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6);
        printf("%s\t%s\t%s\t%d\t%s\n", best.vendor ? best.vendor : "", best.model, best.software,
               best.vrule && strncmp(best.vrule, "recog:", 6) == 0, best.cpe);
    }
    vs_sigs_free(s);
    return 0;
}
