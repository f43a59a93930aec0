/* SPDX-License-Identifier: BSD-2-Clause */
/* inputs.c - the offline run's file list: -r arguments, directories walked (names sorted, as
 * readdir's order means nothing; hidden entries left out), each capture probed for its first
 * packet's time, and the list sorted by that time (stable: ties keep the argument order). */
#include "vendorsniff/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vendorsniff/capture.h"

/* Deep enough for any real archive layout, shallow enough to stop a symlink loop. */
#define MAX_DEPTH 32

struct cand {
    char *path;
    uint64_t size;
    size_t seq; /* argument order, for a stable sort */
    int rank;   /* 0 stdin, 1 a first packet's time, 2 no packet */
    int64_t sec;
    uint32_t usec;
};

struct walk {
    struct cand *v;
    size_t n, cap;
    bool recursive;
    vs_inputs_note_fn note;
    void *ctx;
    size_t errors;
    bool oom;
};

__attribute__((format(printf, 3, 4))) static void say(struct walk *w, bool error, const char *fmt,
                                                      ...)
{
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (error)
        w->errors++;
    if (w->note)
        w->note(w->ctx, error, msg);
}

static void add(struct walk *w, const char *path, uint64_t size)
{
    if (w->n == w->cap) {
        size_t ncap = w->cap ? w->cap * 2 : 16;
        struct cand *nv = realloc(w->v, ncap * sizeof *nv);
        if (!nv) {
            w->oom = true;
            return;
        }
        w->v = nv;
        w->cap = ncap;
    }
    struct cand *c = &w->v[w->n];
    memset(c, 0, sizeof *c);
    c->path = strdup(path);
    if (!c->path) {
        w->oom = true;
        return;
    }
    c->size = size;
    c->seq = w->n;
    w->n++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(struct walk *w, const char *dir, int depth)
{
    if (depth > MAX_DEPTH) {
        say(w, true, "%s: directories nested deeper than %d, not read", dir, MAX_DEPTH);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        say(w, true, "%s: %s", dir, strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn) {
                w->oom = true;
                break;
            }
            names = nn;
            cap = ncap;
        }
        if (!(names[n] = strdup(e->d_name))) {
            w->oom = true;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        size_t need = dl + strlen(names[i]) + 2;
        char *p = malloc(need);
        if (!p) {
            w->oom = true;
            break;
        }
        snprintf(p, need, "%s%s%s", dir, slash ? "" : "/", names[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            say(w, true, "%s: %s", p, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            if (w->recursive)
                walk_dir(w, p, depth + 1);
            else
                say(w, false, "%s: a directory, skipped (--recursive reads it)", p);
        } else if (!S_ISREG(st.st_mode)) {
            say(w, false, "%s: not a regular file, skipped", p);
        } else if (st.st_size == 0) {
            say(w, false, "%s: empty, skipped", p);
        } else {
            size_t before = w->n;
            add(w, p, (uint64_t)st.st_size);
            /* Found, not named: a file of another kind is passed over, not an error. */
            if (w->n > before)
                w->v[before].rank = -1;
        }
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static int by_time(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->rank == 1) {
        if (x->sec != y->sec)
            return x->sec < y->sec ? -1 : 1;
        if (x->usec != y->usec)
            return x->usec < y->usec ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int vs_inputs_collect(const char *const *args, size_t nargs, bool recursive, vs_inputs_note_fn note,
                      void *ctx, struct vs_inputs *out)
{
    memset(out, 0, sizeof *out);
    struct walk w = {.recursive = recursive, .note = note, .ctx = ctx};
    bool any_dir = false;
    for (size_t i = 0; i < nargs && !w.oom; i++) {
        struct stat st;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            any_dir = true;
            walk_dir(&w, args[i], 0);
            continue;
        }
        bool reg = strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISREG(st.st_mode);
        add(&w, args[i], reg ? (uint64_t)st.st_size : 0);
    }
    /* One file named alone: read as it is, its errors reported by the run. */
    bool probe = !w.oom && (any_dir || w.n > 1);
    size_t kept = 0;
    for (size_t i = 0; i < w.n && !w.oom; i++) {
        struct cand c = w.v[i];
        bool found = c.rank == -1;
        if (!probe || strcmp(c.path, "-") == 0) {
            c.rank = probe ? 0 : 1;
            w.v[kept++] = c;
            continue;
        }
        char err[1024];
        int rc = vs_capture_probe(c.path, &c.sec, &c.usec, err, sizeof err);
        if (rc == -EMEDIUMTYPE && found) {
            say(&w, false, "%s: not a capture file, skipped", c.path);
            free(c.path);
            continue;
        }
        if (rc < 0) {
            say(&w, true, "%s", err);
            free(c.path);
            continue;
        }
        c.rank = rc == 1 ? 1 : 2;
        w.v[kept++] = c;
    }
    if (w.oom) {
        for (size_t i = 0; i < w.n; i++)
            free(w.v[i].path);
        free(w.v);
        return -ENOMEM;
    }
    w.n = kept;
    if (probe && w.n > 1)
        qsort(w.v, w.n, sizeof *w.v, by_time);
    out->v = w.n ? calloc(w.n, sizeof *out->v) : NULL;
    if (w.n && !out->v) {
        for (size_t i = 0; i < w.n; i++)
            free(w.v[i].path);
        free(w.v);
        return -ENOMEM;
    }
    for (size_t i = 0; i < w.n; i++) {
        out->v[i].path = w.v[i].path;
        out->v[i].size = w.v[i].size;
    }
    out->n = w.n;
    out->errors = w.errors;
    free(w.v);
    return 0;
}

void vs_inputs_free(struct vs_inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i].path);
    free(in->v);
    memset(in, 0, sizeof *in);
}
