/* SPDX-License-Identifier: BSD-2-Clause */
/* prefetch.c - capture files read ahead on reader threads: each thread takes the next file
 * of the list (never more than `jobs` files beyond the one being consumed), reads it through
 * vs_capture (decompression, parsing, the BPF filter) and copies its frames into chunks of a
 * bounded per-file queue; the consumer takes the chunks of file 0, then file 1, ... So the
 * expensive part of reading (decompression above all) runs beside the packet path, memory
 * stays bounded (jobs x MAX_QUEUED chunks), and the frames arrive exactly as a sequential
 * read delivers them. */
#include "vendorsniff/prefetch.h"

#include "vendorsniff/pcapfile.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK_SIZE ((size_t)1 << 20)
#define MAX_QUEUED 8u /* chunks per file */
#define BATCH 4096    /* frames per vs_capture_dispatch, between position updates */
#define WAIT_MS 100   /* the consumer's longest sleep, so a break is seen soon */

struct chunk {
    struct chunk *next;
    size_t len, cap;
    uint8_t *raw; /* a block of classic pcap (vs_capture_take_block), or NULL: frames below */
    uint8_t data[];
};

#define RAW_SPARES 32

/* A frame in a chunk: this header, then caplen bytes, padded to 8. */
struct frame {
    int64_t sec;
    uint64_t caplen, wirelen;
    int32_t dlt;
    uint32_t usec;
};

struct slot {
    struct chunk *head, *tail;
    size_t queued;
    bool done;
    int rc;
    uint64_t pos; /* atomic */
    char err[1024];
};

struct vs_prefetch {
    const char *const *paths;
    size_t n;
    const char *filter;
    unsigned jobs;
    struct slot *slots;
    pthread_t *threads;
    unsigned nthreads;
    pthread_mutex_t mu;
    pthread_cond_t cond_start, cond_space, cond_data;
    size_t next_start, consumer_at;
    struct chunk *spare; /* chunks handed back by the consumer, for the readers to refill */
    size_t nspare;
    uint8_t *raw_spare[RAW_SPARES]; /* the same for pcap blocks of CHUNK_SIZE bytes */
    size_t nraw_spare;
    bool stop;
    volatile sig_atomic_t brk;
};

struct writer {
    struct vs_prefetch *p;
    struct slot *s;
    struct chunk *cur;
    bool oom, stopped;
};

static size_t pad8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

/* The current chunk onto the file's queue, waiting while the queue is full. */
static void push(struct writer *w)
{
    struct vs_prefetch *p = w->p;
    struct chunk *c = w->cur;
    w->cur = NULL;
    pthread_mutex_lock(&p->mu);
    while (w->s->queued >= MAX_QUEUED && !p->stop)
        pthread_cond_wait(&p->cond_space, &p->mu);
    if (p->stop) {
        pthread_mutex_unlock(&p->mu);
        free(c->raw);
        free(c);
        w->stopped = true;
        return;
    }
    if (w->s->tail)
        w->s->tail->next = c;
    else
        w->s->head = c;
    w->s->tail = c;
    w->s->queued++;
    pthread_cond_broadcast(&p->cond_data);
    pthread_mutex_unlock(&p->mu);
}

static void on_frame(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                     size_t caplen, size_t wirelen)
{
    struct writer *w = ctx;
    if (w->oom || w->stopped)
        return;
    size_t need = sizeof(struct frame) + pad8(caplen);
    if (w->cur && w->cur->cap - w->cur->len < need)
        push(w);
    if (w->stopped)
        return;
    if (!w->cur && need <= CHUNK_SIZE) {
        /* A chunk already touched costs no page faults. */
        pthread_mutex_lock(&w->p->mu);
        if (w->p->spare) {
            w->cur = w->p->spare;
            w->p->spare = w->cur->next;
            w->p->nspare--;
            w->cur->next = NULL;
            w->cur->len = 0;
        }
        pthread_mutex_unlock(&w->p->mu);
    }
    if (!w->cur) {
        size_t cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;
        w->cur = malloc(sizeof *w->cur + cap);
        if (!w->cur) {
            w->oom = true;
            return;
        }
        w->cur->next = NULL;
        w->cur->len = 0;
        w->cur->cap = cap;
        w->cur->raw = NULL;
    }
    struct frame f = {sec, caplen, wirelen, dlt, usec};
    memcpy(w->cur->data + w->cur->len, &f, sizeof f);
    if (caplen)
        memcpy(w->cur->data + w->cur->len + sizeof f, data, caplen);
    w->cur->len += need;
}

static void finish(struct vs_prefetch *p, struct slot *s, int rc, const char *err)
{
    pthread_mutex_lock(&p->mu);
    s->rc = rc;
    if (rc < 0)
        snprintf(s->err, sizeof s->err, "%s", err);
    s->done = true;
    pthread_cond_broadcast(&p->cond_data);
    pthread_mutex_unlock(&p->mu);
}

static void read_file(struct vs_prefetch *p, size_t i)
{
    struct slot *s = &p->slots[i];
    char err[1024] = "";
    struct vs_capture *cap;
    if (vs_capture_open_file(p->paths[i], p->filter, &cap, err, sizeof err) != 0) {
        finish(p, s, -3, err);
        return;
    }
    struct writer w = {p, s, NULL, false, false};
    int rc = 0;
    /* Classic pcap from a stream: the decompressed blocks themselves are handed on. */
    while (vs_capture_has_blocks(cap) && !w.stopped) {
        pthread_mutex_lock(&p->mu);
        uint8_t *fresh = p->nraw_spare ? p->raw_spare[--p->nraw_spare] : NULL;
        pthread_mutex_unlock(&p->mu);
        if (!fresh)
            fresh = malloc(CHUNK_SIZE);
        struct chunk *c = malloc(sizeof *c);
        if (!fresh || !c) {
            free(fresh);
            free(c);
            snprintf(err, sizeof err, "%s: out of memory for read-ahead", p->paths[i]);
            rc = -2;
            break;
        }
        uint8_t *out;
        size_t len, ocap;
        int r = vs_capture_take_block(cap, fresh, CHUNK_SIZE, &out, &len, &ocap, err, sizeof err);
        __atomic_store_n(&s->pos, vs_capture_position(cap), __ATOMIC_RELAXED);
        if (r != 1) {
            free(c);
            rc = r == 0 ? 0 : -2;
            break;
        }
        c->next = NULL;
        c->raw = out;
        c->len = len;
        c->cap = ocap;
        w.cur = c;
        push(&w);
    }
    while (!vs_capture_has_blocks(cap)) {
        long n = vs_capture_dispatch(cap, BATCH, on_frame, &w, err, sizeof err);
        __atomic_store_n(&s->pos, vs_capture_position(cap), __ATOMIC_RELAXED);
        if (w.oom) {
            snprintf(err, sizeof err, "%s: out of memory for read-ahead", p->paths[i]);
            rc = -2;
            break;
        }
        if (w.stopped || n == 0)
            break;
        if (n == -2) {
            rc = -2;
            break;
        }
    }
    if (w.cur && !w.stopped)
        push(&w);
    if (w.cur) {
        free(w.cur->raw);
        free(w.cur);
    }
    vs_capture_close(cap);
    finish(p, s, rc, err);
}

static void *reader(void *arg)
{
    struct vs_prefetch *p = arg;
    /* Signals are the consumer's: the run's handlers must run on its thread. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->next_start < p->n && p->next_start >= p->consumer_at + p->jobs)
            pthread_cond_wait(&p->cond_start, &p->mu);
        if (p->stop || p->next_start >= p->n) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t i = p->next_start++;
        pthread_mutex_unlock(&p->mu);
        read_file(p, i);
    }
}

int vs_prefetch_start(const char *const *paths, size_t n, const char *filter, unsigned jobs,
                      struct vs_prefetch **out)
{
    *out = NULL;
    struct vs_prefetch *p = calloc(1, sizeof *p);
    if (!p)
        return -ENOMEM;
    p->paths = paths;
    p->n = n;
    p->filter = filter;
    p->jobs = jobs ? jobs : 1;
    p->slots = calloc(n ? n : 1, sizeof *p->slots);
    p->nthreads = p->jobs < n ? p->jobs : (unsigned)n;
    p->threads = calloc(p->nthreads ? p->nthreads : 1, sizeof *p->threads);
    if (!p->slots || !p->threads) {
        free(p->slots);
        free(p->threads);
        free(p);
        return -ENOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cond_start, NULL);
    pthread_cond_init(&p->cond_space, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&p->cond_data, &ca);
    pthread_condattr_destroy(&ca);
    for (unsigned t = 0; t < p->nthreads; t++) {
        int rc = pthread_create(&p->threads[t], NULL, reader, p);
        if (rc != 0) {
            p->nthreads = t;
            vs_prefetch_free(p);
            return -rc;
        }
    }
    *out = p;
    return 0;
}

static long deliver(struct chunk *c, const char *name, vs_packet_fn fn, void *ctx)
{
    long count = 0;
    size_t off = 0;
    if (c->raw) {
        struct vs_pcapfile *pf;
        char err[256];
        if (vs_pcapfile_open_buf(name, c->raw, c->len, &pf, err, sizeof err) != 0)
            return 0;
        int dlt = vs_pcapfile_dlt(pf);
        struct vs_pcapfile_pkt pk;
        while (vs_pcapfile_next(pf, &pk, err, sizeof err) == 1) {
            fn(ctx, dlt, pk.sec, pk.usec, pk.data, pk.caplen, pk.wirelen);
            count++;
        }
        vs_pcapfile_close(pf);
        return count;
    }
    while (off < c->len) {
        struct frame f;
        memcpy(&f, c->data + off, sizeof f);
        fn(ctx, f.dlt, f.sec, f.usec, c->data + off + sizeof f, (size_t)f.caplen,
           (size_t)f.wirelen);
        off += sizeof f + pad8((size_t)f.caplen);
        count++;
    }
    return count;
}

long vs_prefetch_dispatch(struct vs_prefetch *p, size_t i, vs_packet_fn fn, void *ctx, char *err,
                          size_t errsz)
{
    if (i >= p->n)
        return 0;
    struct slot *s = &p->slots[i];
    pthread_mutex_lock(&p->mu);
    if (p->consumer_at != i) {
        p->consumer_at = i;
        pthread_cond_broadcast(&p->cond_start);
    }
    while (!s->head && !s->done) {
        if (p->brk) {
            p->brk = 0;
            pthread_mutex_unlock(&p->mu);
            return -1;
        }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += WAIT_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->cond_data, &p->mu, &ts);
    }
    struct chunk *c = s->head;
    if (c) {
        s->head = c->next;
        if (!s->head)
            s->tail = NULL;
        s->queued--;
        pthread_cond_broadcast(&p->cond_space);
        pthread_mutex_unlock(&p->mu);
        long count = deliver(c, p->paths[i], fn, ctx);
        pthread_mutex_lock(&p->mu);
        if (c->raw) {
            if (c->cap == CHUNK_SIZE && p->nraw_spare < RAW_SPARES) {
                p->raw_spare[p->nraw_spare++] = c->raw;
                c->raw = NULL;
            }
            free(c->raw);
        } else if (c->cap == CHUNK_SIZE && p->nspare < (size_t)p->jobs * MAX_QUEUED) {
            c->next = p->spare;
            p->spare = c;
            p->nspare++;
            c = NULL;
        }
        pthread_mutex_unlock(&p->mu);
        free(c);
        return count;
    }
    int rc = s->rc;
    if (rc < 0)
        snprintf(err, errsz, "%s", s->err);
    /* This file is over: the readers may start the next one. */
    p->consumer_at = i + 1;
    pthread_cond_broadcast(&p->cond_start);
    pthread_mutex_unlock(&p->mu);
    return rc;
}

uint64_t vs_prefetch_position(struct vs_prefetch *p, size_t i)
{
    return i < p->n ? __atomic_load_n(&p->slots[i].pos, __ATOMIC_RELAXED) : 0;
}

void vs_prefetch_break(struct vs_prefetch *p)
{
    if (p)
        p->brk = 1;
}

void vs_prefetch_free(struct vs_prefetch *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = true;
    pthread_cond_broadcast(&p->cond_start);
    pthread_cond_broadcast(&p->cond_space);
    pthread_mutex_unlock(&p->mu);
    for (unsigned t = 0; t < p->nthreads; t++)
        pthread_join(p->threads[t], NULL);
    for (size_t i = 0; i < p->n; i++) {
        struct chunk *c = p->slots[i].head;
        while (c) {
            struct chunk *next = c->next;
            free(c->raw);
            free(c);
            c = next;
        }
    }
    while (p->nraw_spare)
        free(p->raw_spare[--p->nraw_spare]);
    while (p->spare) {
        struct chunk *next = p->spare->next;
        free(p->spare);
        p->spare = next;
    }
    pthread_cond_destroy(&p->cond_start);
    pthread_cond_destroy(&p->cond_space);
    pthread_cond_destroy(&p->cond_data);
    pthread_mutex_destroy(&p->mu);
    free(p->slots);
    free(p->threads);
    free(p);
}
