/* SPDX-License-Identifier: BSD-2-Clause */
/* run.c - the capture run: data, outputs and state opened; the offline files (directories
 * expanded, in the order of their first packets, read ahead in parallel with --jobs) or the
 * live interface; signals between dispatches (reload, snapshot, stop); progress on stderr;
 * the outputs at the end. A reload is built in a helper thread and swapped in between two
 * packets. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "vendorsniff/app.h"
#include "vendorsniff/atomic.h"
#include "vendorsniff/capture.h"
#include "vendorsniff/fanout.h"
#include "vendorsniff/geo.h"
#include "vendorsniff/inputs.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/outputs.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/prefetch.h"
#include "vendorsniff/privileges.h"
#include "vendorsniff/progress.h"
#include "vendorsniff/report.h"
#include "vendorsniff/run.h"
#include "vendorsniff/state.h"
#include "vendorsniff/store.h"
#include "vendorsniff/timing.h"
#include "vendorsniff/topology.h"

struct app;

/* --workers N: one capture socket, pipeline and inventory per worker thread (no lock on the
 * packet path); what changed is folded into the app's inventory (vs_inventory_absorb) about
 * once a second, under the app's lock, and the events and alerts come from there. */
struct worker {
    struct app *a;
    unsigned idx;
    pthread_t th;
    bool started; /* running (under the app's lock) */
    bool th_made; /* th is to be joined */
    struct vs_capture *cap;
    struct vs_inventory *inv;
    struct vs_pipeline *pipe;
    /* Packet times and count since the last fold: the worker's own. */
    int64_t first_sec, last_sec;
    uint32_t first_usec, last_usec;
    bool any_packet;
    uint64_t packets;
    /* Under the app's lock: what the last fold saw. */
    struct vs_stats stats;
    uint64_t ps_recv, ps_drop, ps_ifdrop;
    bool have_ps;
    unsigned synced; /* the last sync request served */
    bool failed;
    char err[1024];
};

struct app {
    struct vs_config *cfg;
    struct vs_data data;
    struct vs_geo *geo;
    struct vs_inventory *inv;
    struct vs_pipeline *pipe;
    struct vs_capture *cap;
    struct vs_outputs outs;
    struct vs_store *store;      /* --store: NULL without */
    bool store_down;             /* the last sync failed (said once, until it works again) */
    int64_t first_sec, last_sec; /* packet times of the first and the newest packet */
    uint32_t first_usec, last_usec;
    bool any_packet;
    size_t inputs_opened; /* captures that could be opened: none, no report */
    size_t inputs_failed; /* could not be opened, or not read to the end */
    /* SIGHUP: the new tables are loaded by a helper thread (state 1) while packets flow;
     * once it is done (state 2) the capture loop swaps them in at a packet boundary. */
    struct {
        pthread_t th;
        atomic_int state;
        struct vs_data nd;
        int rc;
        char err[1024];
        bool again;    /* a SIGHUP came while loading: the files may have changed since */
        bool nothread; /* loaded without a helper thread (workers: nothing to join) */
    } rl;
    uint64_t reloads, reload_failures;
    uint64_t packets;
    struct vs_progress prog;
    struct vs_progress_state ps; /* files done and failed, bytes of the files done */
    /* --workers N (N >= 2): the workers, and the lock over inv, outs, store, the packet
     * times and counts above and the workers' shared fields. */
    struct worker *w;
    unsigned nworkers;
    enum vs_fanout_mode fanout;
    pthread_mutex_t mu;
    pthread_cond_t cv;        /* a worker synced, parked or ended */
    pthread_cond_t cv_resume; /* the main thread let the parked workers go */
    atomic_bool wstop;        /* workers: end (after a last fold) */
    atomic_uint sync_req;     /* workers: fold now, then set synced to this */
    atomic_bool pause;        /* workers: fold, then wait (a reload swaps the tables) */
    unsigned parked, running;
    struct vs_stats wstats; /* the workers' pipeline counters, summed at each fold */
};

/* Offline: packets between two looks at the signals and the progress clock. */
#define OFFLINE_BATCH 65536

static volatile sig_atomic_t g_stop, g_reload, g_snapshot;
static struct vs_capture *volatile g_cap;
static struct vs_prefetch *volatile g_pf;

static void on_signal(int sig)
{
    if (sig == SIGHUP)
        g_reload = 1;
    else if (sig == SIGUSR1)
        g_snapshot = 1;
    else
        g_stop = 1;
    if (g_cap)
        vs_capture_break(g_cap);
    if (g_pf)
        vs_prefetch_break(g_pf);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static void reload_finish(struct app *a);

static void on_packet(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                      size_t caplen, size_t wirelen)
{
    struct app *a = ctx;
    if (atomic_load_explicit(&a->rl.state, memory_order_acquire) == 2)
        reload_finish(a);
    if (!a->any_packet) {
        a->first_sec = sec;
        a->first_usec = usec;
    }
    a->last_sec = sec;
    a->last_usec = usec;
    a->any_packet = true;
    a->packets++;
    vs_pipeline_frame(a->pipe, dlt, sec, usec, data, caplen, wirelen);
    if (a->packets == 1 && vs_timing_on()) {
        vs_timing_mark("capture opened, first packet analysed");
        vs_timing_report(stderr);
    }
}

/* The packet path's counters: the one pipeline's, or the workers' summed. */
static const struct vs_stats *pipe_stats(const struct app *a)
{
    return a->nworkers ? &a->wstats : vs_pipeline_stats(a->pipe);
}

static void run_stats(struct app *a, struct vs_run_stats *s)
{
    memset(s, 0, sizeof *s);
    s->pipe = pipe_stats(a);
    s->devices = vs_inventory_count(a->inv);
    s->alerts = vs_inventory_alerts(a->inv);
    s->evictions = vs_inventory_evictions(a->inv);
    s->evidence_dropped = vs_inventory_evidence_dropped(a->inv);
    if (a->cap)
        s->have_pcap_stats = vs_capture_stats(a->cap, &s->ps_recv, &s->ps_drop, &s->ps_ifdrop);
    for (unsigned i = 0; i < a->nworkers; i++) {
        /* Kernel counters per socket, summed (each worker reads its own at each fold). */
        struct worker *w = &a->w[i];
        if (!w->have_ps)
            continue;
        s->have_pcap_stats = true;
        s->ps_recv += w->ps_recv;
        s->ps_drop += w->ps_drop;
        s->ps_ifdrop += w->ps_ifdrop;
    }
    s->workers = a->nworkers;
    s->fanout = a->nworkers ? (a->fanout == VS_FANOUT_MAC ? "mac" : "hash") : NULL;
    s->have_span = a->any_packet;
    s->first_sec = a->first_sec;
    s->first_usec = a->first_usec;
    s->last_sec = a->last_sec;
    s->last_usec = a->last_usec;
    s->inputs = a->cfg->iface ? &a->cfg->iface : a->cfg->inputs;
    s->ninputs = a->cfg->iface ? 1 : a->cfg->ninputs;
    s->events_lost = a->outs.events_lost;
    s->output_failures = a->outs.failures;
    s->output_error = a->outs.last_error[0] ? a->outs.last_error : NULL;
    s->reloads = a->reloads;
    s->input_failures = a->inputs_failed;
    s->reload_failures = a->reload_failures;
    s->sigs = a->data.sigs;
}

/* Live: the wall clock. Offline: the newest packet's time; with no packet at all, the
 * wall clock too (an event dated 1970 would be a lie). */
static void now_or_packet_time(const struct app *a, int64_t *sec, uint32_t *usec)
{
    if (a->cfg->iface || !a->any_packet) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        *sec = ts.tv_sec;
        *usec = (uint32_t)(ts.tv_nsec / 1000);
        return;
    }
    *sec = a->last_sec;
    *usec = a->last_usec;
}

/* --html and --csv: at the end, and on SIGUSR1 with the inventory. */
static int write_reports(struct app *a)
{
    if (!a->cfg->html_path && !a->cfg->csv_path)
        return 0;
    struct vs_report_meta m;
    char recog[256];
    vs_report_meta_init(&m, a->cfg, &a->data, a->geo, a->outs.sensor, recog, sizeof recog);
    m.have_span = a->any_packet;
    m.first_sec = a->first_sec;
    m.first_usec = a->first_usec;
    m.last_sec = a->last_sec;
    m.last_usec = a->last_usec;
    m.have_packets = true;
    m.packets = pipe_stats(a)->packets;
    return vs_report_write(a->cfg, &m, a->inv);
}

/* --store: the devices that changed since the last committed sync. A database that cannot be
 * reached costs nothing but a line on stderr: the devices stay dirty and go next time. */
static int store_sync(struct app *a)
{
    if (!a->store)
        return 0;
    char err[1024];
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    long n = vs_store_sync(a->store, a->inv, &a->outs.out, sec, usec, err, sizeof err);
    if (n < 0) {
        if (!a->store_down)
            fprintf(stderr, "vendorsniff: store: %s (devices kept, sent at the next sync)\n", err);
        a->store_down = true;
        return -1;
    }
    if (a->store_down)
        fprintf(stderr, "vendorsniff: store: reachable again, %ld devices caught up\n", n);
    a->store_down = false;
    return 0;
}

/* --topology: the graph of attachments, written with each inventory. */
static int write_topology(struct app *a)
{
    if (!a->cfg->topology_path)
        return 0;
    char err[512];
    struct vs_topology t;
    int rc = vs_topology_build(a->inv, &t);
    if (rc == 0)
        rc = vs_topology_write(a->cfg->topology_path, a->inv, &t, err, sizeof err);
    else
        snprintf(err, sizeof err, "%s: out of memory", a->cfg->topology_path);
    vs_topology_free(&t);
    if (rc != 0)
        vs_outputs_failed(&a->outs, err);
    return rc;
}

static int write_inventory(struct app *a)
{
    int rc = write_reports(a);
    int trc = write_topology(a);
    if (!rc)
        rc = trc;
    if (!a->cfg->inventory_path)
        return rc;
    char err[512];
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    if (vs_outputs_write_inventory(&a->outs, a->cfg->inventory_path, a->inv, sec, usec, err,
                                   sizeof err) != 0) {
        vs_outputs_failed(&a->outs, err);
        return -1;
    }
    return rc;
}

static int save_state(struct app *a)
{
    if (!a->cfg->state_path)
        return 0;
    char err[512];
    if (vs_state_save(a->cfg->state_path, a->inv, err, sizeof err) != 0) {
        vs_outputs_failed(&a->outs, err);
        return -1;
    }
    return 0;
}

static void *reload_main(void *p)
{
    struct app *a = p;
    a->rl.rc = vs_data_load(a->cfg, &a->rl.nd, a->rl.err, sizeof a->rl.err);
    atomic_store_explicit(&a->rl.state, 2, memory_order_release);
    return NULL;
}

static void reload_swap(struct app *a);
static void reload_start(struct app *a);

/* Between two packets: the tables the helper built replace the old ones. */
static void reload_finish(struct app *a)
{
    if (!a->rl.nothread)
        pthread_join(a->rl.th, NULL);
    a->rl.nothread = false;
    atomic_store_explicit(&a->rl.state, 0, memory_order_relaxed);
    reload_swap(a);
    if (a->rl.again)
        reload_start(a);
}

static void reload_swap(struct app *a)
{
    if (a->rl.rc != 0) {
        a->reload_failures++;
        /* A file the dropped user cannot read is a failure like a bad file: say why. */
        fprintf(stderr, "vendorsniff: reload failed, keeping the loaded data: %s\n", a->rl.err);
        syslog(LOG_WARNING, "reload failed, keeping the loaded data: %s", a->rl.err);
        return;
    }
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    struct vs_data nd = a->rl.nd;
    memset(&a->rl.nd, 0, sizeof a->rl.nd);
    a->outs.out.risk = nd.risk;
    vs_inventory_reload(a->inv, nd.oui, nd.sigs, nd.risk, sec, usec);
    /* The workers are parked (reload_workers): their tables move to the new data too. */
    for (unsigned i = 0; i < a->nworkers; i++)
        vs_inventory_reload(a->w[i].inv, nd.oui, nd.sigs, nd.risk, sec, usec);
    vs_data_free(&a->data);
    a->data = nd;
    a->reloads++;
    fprintf(stderr, "vendorsniff: reloaded OUI database, signatures and risk list\n");
}

static void reload(struct app *a)
{
    char err[1024];
    /* So that logrotate can move the -w file away. */
    if (vs_outputs_reopen_events(&a->outs, a->cfg->events_path, err, sizeof err) != 0)
        fprintf(stderr, "vendorsniff: %s\n", err);
    if (atomic_load_explicit(&a->rl.state, memory_order_acquire) != 0) {
        a->rl.again = true; /* once this one is in, load again */
        return;
    }
    reload_start(a);
}

static void reload_start(struct app *a)
{
    a->rl.again = false;
    atomic_store_explicit(&a->rl.state, 1, memory_order_relaxed);
    if (pthread_create(&a->rl.th, NULL, reload_main, a) != 0) {
        reload_main(a); /* no thread: load here, in the capture loop, as before */
        if (a->nworkers) {
            a->rl.nothread = true; /* swapped once the workers are parked */
            return;
        }
        atomic_store_explicit(&a->rl.state, 0, memory_order_relaxed);
        reload_swap(a);
    }
}

/* Not between packets: a reload the helper finished, or (wait) one still under way. */
static void reload_poll(struct app *a, bool wait)
{
    int st;
    while ((st = atomic_load_explicit(&a->rl.state, memory_order_acquire)) == 2 ||
           (st == 1 && wait))
        reload_finish(a);
}

/* A message on stderr, the progress line taken away first. */
__attribute__((format(printf, 2, 3))) static void say(struct app *a, const char *fmt, ...)
{
    va_list ap;
    vs_progress_clear(&a->prog);
    va_start(ap, fmt);
    fputs("vendorsniff: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void on_input_note(void *ctx, bool error, const char *msg)
{
    (void)error;
    say(ctx, "%s", msg);
}

static size_t risk_devices(const struct vs_inventory *inv)
{
    size_t n, r = 0;
    struct vs_device *const *d = vs_inventory_devices(inv, &n);
    for (size_t i = 0; i < n; i++)
        r += d[i]->risk != NULL;
    return r;
}

static void progress_state(struct app *a, struct vs_progress_state *st, uint64_t cur_bytes)
{
    *st = a->ps;
    st->bytes_read += cur_bytes;
    st->packets = a->packets;
    st->devices = vs_inventory_count(a->inv);
    st->risk_devices = risk_devices(a->inv);
}

static void tick(struct app *a, uint64_t cur_bytes)
{
    if (!vs_progress_due(&a->prog))
        return;
    struct vs_progress_state st;
    progress_state(a, &st, cur_bytes);
    vs_progress_show(&a->prog, &st);
}

static void serve_signals(struct app *a)
{
    if (g_reload) {
        g_reload = 0;
        vs_progress_clear(&a->prog);
        reload(a);
    }
    reload_poll(a, false);
    if (g_snapshot) {
        g_snapshot = 0;
        write_inventory(a);
        store_sync(a);
    }
}

/* One file read to its end (or a stop): false when it failed. */
static bool read_one(struct app *a, const struct vs_input *in, bool *dropped, int *status)
{
    char err[1024];
    const char *path = in->path;
    if (vs_capture_open_file(path, a->cfg->filter, &a->cap, err, sizeof err) != 0) {
        say(a, "%s", err);
        a->inputs_failed++;
        return false;
    }
    a->inputs_opened++;
    /* -Z offline, as tcpdump: once the first capture is open; later files must be
     * readable by the user. */
    if (!*dropped && vs_privileges_drop(a->cfg, err, sizeof err) != 0) {
        say(a, "%s", err);
        vs_capture_close(a->cap);
        a->cap = NULL;
        *status = VS_EXIT_RUNTIME;
        g_stop = 1;
        return false;
    }
    if (!*dropped)
        vs_privileges_enter_paths(a->cfg);
    *dropped = true;
    g_cap = a->cap;
    bool ok = true;
    uint64_t packets = 0;
    vs_inventory_expect_begin(a->inv);
    for (;;) {
        long n = vs_capture_dispatch(a->cap, OFFLINE_BATCH, on_packet, a, err, sizeof err);
        if (n > 0 && in->size) {
            /* The device tables sized for the whole file (its size / the mean record). */
            uint64_t pos = vs_capture_position(a->cap);
            packets += (uint64_t)n;
            if (pos && pos < in->size)
                vs_inventory_expect(a->inv, packets,
                                    (uint64_t)((double)packets * (double)in->size / (double)pos));
        }
        if (n == -2) {
            say(a, "%s", err);
            a->inputs_failed++;
            ok = false;
            break;
        }
        serve_signals(a);
        tick(a, vs_capture_position(a->cap));
        if (n == 0 || g_stop)
            break;
    }
    g_cap = NULL;
    vs_capture_close(a->cap);
    a->cap = NULL;
    return ok;
}

/* Files read ahead on reader threads, consumed here in the list's order: the packet path
 * sees what a sequential run sees. */
static void read_parallel(struct app *a, const struct vs_inputs *in, unsigned jobs)
{
    const char **paths = calloc(in->n, sizeof *paths);
    struct vs_prefetch *pf = NULL;
    for (size_t i = 0; paths && i < in->n; i++)
        paths[i] = in->v[i].path;
    if (!paths || vs_prefetch_start(paths, in->n, a->cfg->filter, jobs, &pf) != 0) {
        free(paths);
        say(a, "cannot start reader threads; reading the files one at a time");
        bool dropped = false;
        int status = VS_EXIT_OK;
        for (size_t i = 0; i < in->n && !g_stop; i++) {
            if (!read_one(a, &in->v[i], &dropped, &status))
                a->ps.files_failed++;
            a->ps.files_done++;
            a->ps.bytes_read += in->v[i].size;
        }
        return;
    }
    g_pf = pf;
    char err[1024];
    for (size_t i = 0; i < in->n && !g_stop; i++) {
        bool ok = true;
        uint64_t before = a->packets;
        for (;;) {
            long n = vs_prefetch_dispatch(pf, i, on_packet, a, err, sizeof err);
            if (n == -2 || n == -3) {
                say(a, "%s", err);
                ok = false;
                break;
            }
            serve_signals(a);
            tick(a, vs_prefetch_position(pf, i));
            if (n == 0 || g_stop)
                break;
        }
        a->ps.files_done++;
        a->ps.files_failed += !ok;
        a->ps.bytes_read += in->v[i].size;
        /* Opened: it gave packets, or it ended cleanly (an empty capture is a capture). */
        if (ok || a->packets > before)
            a->inputs_opened++;
        if (!ok)
            a->inputs_failed++;
    }
    g_pf = NULL;
    vs_prefetch_free(pf);
    free(paths);
}

/* Offline: every file in order; a bad file is reported and skipped, the rest still run. */
static int run_files(struct app *a)
{
    bool tty = isatty(STDERR_FILENO);
    bool show =
        a->cfg->progress == VS_PROGRESS_ALWAYS || (a->cfg->progress == VS_PROGRESS_AUTO && tty);
    vs_progress_init(&a->prog, stderr, show, tty, 0, 0);
    struct vs_inputs in;
    if (vs_inputs_collect(a->cfg->inputs, a->cfg->ninputs, a->cfg->recursive, on_input_note, a,
                          &in) != 0) {
        say(a, "out of memory");
        return VS_EXIT_RUNTIME;
    }
    a->ps.files_failed = in.errors;
    a->inputs_failed += in.errors;
    if (in.n == 0 && in.errors == 0) {
        say(a, "no capture file to read in %s%s", a->cfg->inputs[0],
            a->cfg->ninputs > 1 ? " and the other arguments" : "");
        a->ps.files_failed = 1;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < in.n; i++)
        total += in.v[i].size;
    a->prog.files_total = in.n;
    a->prog.bytes_total = total;
    unsigned jobs = a->cfg->jobs;
    if (jobs == 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = ncpu > 0 ? (unsigned)(ncpu < VS_MAX_JOBS ? ncpu : VS_MAX_JOBS) : 1;
    }
    int status = VS_EXIT_OK;
    /* Reader threads for several files, or for one whose decompression can run beside the
     * packet path; a plain file alone is read fastest from its memory map. Standard input
     * alone is read as it arrives (a live pipe must not wait for a read-ahead buffer to
     * fill). -Z drops privileges once the first file is open, which only a sequential read
     * keeps to. */
    bool one_stream =
        in.n == 1 && strcmp(in.v[0].path, "-") != 0 && vs_capture_is_stream(in.v[0].path);
    bool parallel = jobs >= 2 && (in.n >= 2 || one_stream);
    if (parallel && !a->cfg->user) {
        read_parallel(a, &in, jobs);
    } else {
        bool dropped = false;
        for (size_t i = 0; i < in.n && !g_stop; i++) {
            if (!read_one(a, &in.v[i], &dropped, &status))
                a->ps.files_failed++;
            a->ps.files_done++;
            a->ps.bytes_read += in.v[i].size;
        }
    }
    vs_inputs_free(&in);
    if (status == VS_EXIT_OK && a->ps.files_failed)
        status = VS_EXIT_INPUT;
    return status;
}

/* The stats interval: held-back alerts, the attachments, the stats event, the store. */
static void periodic_stats(struct app *a)
{
    struct vs_run_stats s;
    run_stats(a, &s);
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    vs_inventory_flush_alerts(a->inv, sec, usec);
    vs_outputs_attachments(&a->outs, a->inv, sec, usec);
    vs_outputs_stats(&a->outs, &s, sec, usec);
    store_sync(a);
}

static int run_live(struct app *a)
{
    char err[1024];
    struct vs_live_opts lo = {a->cfg->snaplen, !a->cfg->no_promisc, a->cfg->buffer_mb,
                              a->cfg->immediate, 250};
    if (vs_capture_open_live(a->cfg->iface, &lo, a->cfg->filter, &a->cap, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    a->inputs_opened++;
    if (vs_privileges_drop(a->cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_RUNTIME;
    }
    vs_privileges_enter_paths(a->cfg);
    /* As tcpdump does: from here on no packet is lost to start-up (supervisors and tests
     * wait for this line). */
    fprintf(stderr, "vendorsniff: listening on %s (snaplen %d%s%s%s)\n", a->cfg->iface,
            a->cfg->snaplen, a->cfg->no_promisc ? "" : ", promiscuous",
            a->cfg->user ? ", as user " : "", a->cfg->user ? a->cfg->user : "");
    g_cap = a->cap;
    time_t start = time(NULL);
    time_t next_state = start + a->cfg->state_interval;
    time_t next_stats = start + a->cfg->stats_interval;
    time_t next_inv = start + a->cfg->inventory_interval;
    int status = VS_EXIT_OK;
    while (!g_stop) {
        long n = vs_capture_dispatch(a->cap, 10000, on_packet, a, err, sizeof err);
        if (n == -2) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            status = VS_EXIT_RUNTIME;
            break;
        }
        if (g_reload) {
            g_reload = 0;
            reload(a);
        }
        reload_poll(a, false);
        time_t now = time(NULL);
        if (g_snapshot) {
            /* SIGUSR1: everything out now, the database too */
            store_sync(a);
        }
        if (g_snapshot || now >= next_inv) {
            g_snapshot = 0;
            write_inventory(a);
            next_inv = now + a->cfg->inventory_interval;
        }
        if (now >= next_state) {
            save_state(a);
            next_state = now + a->cfg->state_interval;
        }
        if (now >= next_stats) {
            periodic_stats(a);
            next_stats = now + a->cfg->stats_interval;
        }
    }
    g_cap = NULL;
    return status;
}

/* ---- --workers N --------------------------------------------------------------- */

/* How often a worker folds what it learnt into the app's inventory when nobody asks: the
 * longest an event or an alert waits (plus one read timeout). */
#define WORKER_FOLD_MS 1000
/* Devices a periodic fold takes at most (a few milliseconds of work): a burst of new devices
 * is handed over in slices between reads, not in one pause that overflows the ring. */
#define WORKER_FOLD_BUDGET 2048

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void worker_packet(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                          size_t caplen, size_t wirelen)
{
    struct worker *w = ctx;
    if (!w->any_packet) {
        w->first_sec = sec;
        w->first_usec = usec;
    }
    w->last_sec = sec;
    w->last_usec = usec;
    w->any_packet = true;
    w->packets++;
    vs_pipeline_frame(w->pipe, dlt, sec, usec, data, caplen, wirelen);
}

static bool ts_before(int64_t s1, uint32_t u1, int64_t s2, uint32_t u2)
{
    return s1 < s2 || (s1 == s2 && u1 < u2);
}

/* Under the app's lock: what the worker learnt since its last fold goes into the app's
 * inventory (whose hooks raise the events and alerts), with its counters. budget: at most
 * that many devices (0: all); false when some were left for the next fold. */
static bool worker_fold(struct worker *w, size_t budget)
{
    struct app *a = w->a;
    bool done;
    vs_inventory_absorb(a->inv, w->inv, budget, &done);
    w->stats = *vs_pipeline_stats(w->pipe);
    w->have_ps = vs_capture_stats(w->cap, &w->ps_recv, &w->ps_drop, &w->ps_ifdrop);
    if (w->any_packet) {
        if (!a->any_packet || ts_before(w->first_sec, w->first_usec, a->first_sec, a->first_usec)) {
            a->first_sec = w->first_sec;
            a->first_usec = w->first_usec;
        }
        if (!a->any_packet || ts_before(a->last_sec, a->last_usec, w->last_sec, w->last_usec)) {
            a->last_sec = w->last_sec;
            a->last_usec = w->last_usec;
        }
        a->any_packet = true;
        w->any_packet = false;
    }
    a->packets += w->packets;
    w->packets = 0;
    /* Every counter of struct vs_stats is a uint64_t: summed as an array. */
    uint64_t *sum = (uint64_t *)&a->wstats;
    memset(&a->wstats, 0, sizeof a->wstats);
    for (unsigned i = 0; i < a->nworkers; i++) {
        const uint64_t *v = (const uint64_t *)&a->w[i].stats;
        for (size_t k = 0; k < sizeof a->wstats / sizeof(uint64_t); k++)
            sum[k] += v[k];
    }
    return done;
}

static void *worker_main(void *p)
{
    struct worker *w = p;
    struct app *a = w->a;
    char err[1024];
    unsigned served = 0;
    int64_t next_fold = mono_ms() + WORKER_FOLD_MS;
    while (!atomic_load(&a->wstop)) {
        long n = vs_capture_dispatch(w->cap, 10000, worker_packet, w, err, sizeof err);
        if (n == -2) {
            pthread_mutex_lock(&a->mu);
            w->failed = true;
            snprintf(w->err, sizeof w->err, "%s", err);
            pthread_mutex_unlock(&a->mu);
            break;
        }
        unsigned req = atomic_load(&a->sync_req);
        bool pause = atomic_load(&a->pause);
        int64_t now = mono_ms();
        if (pause || req != served) {
            pthread_mutex_lock(&a->mu);
            worker_fold(w, 0);
            w->synced = served = req;
            if (pause) {
                a->parked++;
                pthread_cond_broadcast(&a->cv);
                while (atomic_load(&a->pause))
                    pthread_cond_wait(&a->cv_resume, &a->mu);
                a->parked--;
            } else {
                pthread_cond_broadcast(&a->cv);
            }
            pthread_mutex_unlock(&a->mu);
            next_fold = now + WORKER_FOLD_MS;
        } else if (now >= next_fold && pthread_mutex_trylock(&a->mu) == 0) {
            /* Busy (an inventory being written): try again after the next read. A bounded
             * fold keeps the ring read; what it left goes after the next read. */
            bool done = worker_fold(w, WORKER_FOLD_BUDGET);
            pthread_mutex_unlock(&a->mu);
            next_fold = done ? now + WORKER_FOLD_MS : now;
        }
    }
    pthread_mutex_lock(&a->mu);
    worker_fold(w, 0);
    a->running--;
    w->started = false;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    return NULL;
}

/* Every running worker folds now (before the inventory, the state or the stats are written):
 * waits for each to come back from its read (at most the read timeout). */
static void workers_sync(struct app *a)
{
    pthread_mutex_lock(&a->mu);
    unsigned req = atomic_fetch_add(&a->sync_req, 1) + 1;
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += 3;
    for (;;) {
        bool all = true;
        for (unsigned i = 0; i < a->nworkers && all; i++)
            all = !a->w[i].started || a->w[i].synced == req;
        if (all || pthread_cond_timedwait(&a->cv, &a->mu, &dl) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&a->mu);
}

/* A reload: every worker folds and waits while the tables are swapped. */
static void workers_park(struct app *a)
{
    pthread_mutex_lock(&a->mu);
    atomic_store(&a->pause, true);
    while (a->parked < a->running)
        pthread_cond_wait(&a->cv, &a->mu);
    pthread_mutex_unlock(&a->mu);
}

static void workers_resume(struct app *a)
{
    pthread_mutex_lock(&a->mu);
    atomic_store(&a->pause, false);
    pthread_cond_broadcast(&a->cv_resume);
    pthread_mutex_unlock(&a->mu);
}

static void workers_stop(struct app *a)
{
    atomic_store(&a->wstop, true);
    for (unsigned i = 0; i < a->nworkers; i++)
        if (a->w[i].cap)
            vs_capture_break(a->w[i].cap);
    for (unsigned i = 0; i < a->nworkers; i++) {
        pthread_mutex_lock(&a->mu);
        bool joinable = a->w[i].th_made;
        pthread_mutex_unlock(&a->mu);
        if (joinable)
            pthread_join(a->w[i].th, NULL);
        a->w[i].th_made = false;
    }
}

static void workers_free(struct app *a)
{
    for (unsigned i = 0; i < a->nworkers; i++) {
        vs_capture_close(a->w[i].cap);
        vs_pipeline_free(a->w[i].pipe);
        vs_inventory_free(a->w[i].inv);
    }
    free(a->w);
    a->w = NULL;
    a->nworkers = 0;
}

/* Open, join to the fanout group and equip worker i. */
static int worker_open(struct app *a, unsigned i, unsigned *group, char *err, size_t errsz)
{
    struct worker *w = &a->w[i];
    struct vs_live_opts lo = {a->cfg->snaplen, !a->cfg->no_promisc, a->cfg->buffer_mb,
                              a->cfg->immediate, 250};
    w->a = a;
    w->idx = i;
    if (vs_capture_open_live(a->cfg->iface, &lo, a->cfg->filter, &w->cap, err, errsz) != 0)
        return VS_EXIT_INPUT;
    if (i == 0 && vs_capture_datalink(w->cap) != 1 /* DLT_EN10MB */) {
        a->fanout = VS_FANOUT_HASH;
        fprintf(stderr,
                "vendorsniff: %s is not Ethernet: the workers share the traffic by the "
                "kernel's flow hash (devices merged across workers)\n",
                a->cfg->iface);
    }
    int rc = vs_capture_fanout(w->cap, group, a->fanout, err, errsz);
    if (rc != 0 && i == 0 && a->fanout == VS_FANOUT_MAC && rc != -ENOTSUP) {
        fprintf(stderr,
                "vendorsniff: %s; the workers share the traffic by the kernel's flow hash "
                "instead (devices merged across workers)\n",
                err);
        a->fanout = VS_FANOUT_HASH;
        /* A socket cannot leave a group it joined (the program may be what was refused):
         * a fresh one joins by hash. */
        vs_capture_close(w->cap);
        w->cap = NULL;
        if (vs_capture_open_live(a->cfg->iface, &lo, a->cfg->filter, &w->cap, err, errsz) != 0)
            return VS_EXIT_INPUT;
        *group = VS_FANOUT_NEW; /* the refused group went with its socket */
        rc = vs_capture_fanout(w->cap, group, a->fanout, err, errsz);
    }
    if (rc != 0)
        return VS_EXIT_INPUT;
    w->inv = vs_inventory_new(a->data.oui, a->data.sigs, a->data.risk, NULL, a->cfg->max_devices);
    w->pipe = w->inv ? vs_pipeline_new(w->inv) : NULL;
    if (!w->pipe) {
        snprintf(err, errsz, "out of memory");
        return VS_EXIT_RUNTIME;
    }
    /* Alerts and device events come from the app's inventory alone. */
    vs_inventory_set_quiet(w->inv, true);
    if (a->geo) {
        vs_inventory_set_geo(w->inv, a->geo);
        vs_pipeline_track_peers(w->pipe, true);
    }
    return VS_EXIT_OK;
}

static int run_workers(struct app *a)
{
    char err[1024];
    unsigned n = a->cfg->workers;
    a->w = calloc(n, sizeof *a->w);
    if (!a->w) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        return VS_EXIT_RUNTIME;
    }
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    pthread_cond_init(&a->cv_resume, NULL);
    a->fanout = VS_FANOUT_MAC;
    unsigned group = VS_FANOUT_NEW; /* made by the first socket */
    for (unsigned i = 0; i < n; i++) {
        a->nworkers = i + 1;
        int st = worker_open(a, i, &group, err, sizeof err);
        if (st != VS_EXIT_OK) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            return st;
        }
    }
    a->inputs_opened++;
    /* Frames that reached a socket before it joined the group reached the others too. */
    for (unsigned i = 0; i < n; i++)
        vs_capture_discard(a->w[i].cap);
    if (vs_privileges_drop(a->cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_RUNTIME;
    }
    vs_privileges_enter_paths(a->cfg);
    /* Signals are the main thread's: the workers only read packets. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    for (unsigned i = 0; i < n; i++) {
        pthread_mutex_lock(&a->mu);
        a->w[i].started = true;
        a->running++;
        pthread_mutex_unlock(&a->mu);
        if (pthread_create(&a->w[i].th, NULL, worker_main, &a->w[i]) != 0) {
            pthread_mutex_lock(&a->mu);
            a->w[i].started = false;
            a->running--;
            pthread_mutex_unlock(&a->mu);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            fprintf(stderr, "vendorsniff: cannot start capture worker %u\n", i + 1);
            workers_stop(a);
            return VS_EXIT_RUNTIME;
        }
        a->w[i].th_made = true;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "vendorsniff: listening on %s (snaplen %d%s%s%s, %u workers by %s)\n",
            a->cfg->iface, a->cfg->snaplen, a->cfg->no_promisc ? "" : ", promiscuous",
            a->cfg->user ? ", as user " : "", a->cfg->user ? a->cfg->user : "", n,
            a->fanout == VS_FANOUT_MAC ? "source MAC" : "flow hash");
    time_t start = time(NULL);
    time_t next_state = start + a->cfg->state_interval;
    time_t next_stats = start + a->cfg->stats_interval;
    time_t next_inv = start + a->cfg->inventory_interval;
    int status = VS_EXIT_OK;
    while (!g_stop) {
        poll(NULL, 0, 100); /* a signal ends the wait */
        pthread_mutex_lock(&a->mu);
        bool any = a->running > 0;
        /* A worker that cannot read its socket would leave its share of the devices
         * unread while the fanout group keeps sending it frames: the run stops. */
        for (unsigned i = 0; i < n && any; i++)
            any = !a->w[i].failed;
        if (g_reload) {
            g_reload = 0;
            reload(a);
        }
        pthread_mutex_unlock(&a->mu);
        if (!any)
            break;
        if (atomic_load_explicit(&a->rl.state, memory_order_acquire) == 2) {
            workers_park(a);
            reload_finish(a);
            workers_resume(a);
        }
        time_t now = time(NULL);
        bool snap = g_snapshot, inv_due = now >= next_inv, state_due = now >= next_state,
             stats_due = now >= next_stats;
        if (snap)
            g_snapshot = 0; /* taken now: a SIGUSR1 during the sync below asks again */
        if (!snap && !inv_due && !state_due && !stats_due)
            continue;
        workers_sync(a);
        pthread_mutex_lock(&a->mu);
        if (snap)
            store_sync(a); /* SIGUSR1: everything out now, the database too */
        if (snap || inv_due) {
            write_inventory(a);
            next_inv = now + a->cfg->inventory_interval;
        }
        if (state_due) {
            save_state(a);
            next_state = now + a->cfg->state_interval;
        }
        if (stats_due) {
            periodic_stats(a);
            next_stats = now + a->cfg->stats_interval;
        }
        pthread_mutex_unlock(&a->mu);
    }
    workers_stop(a);
    for (unsigned i = 0; i < n; i++)
        if (a->w[i].failed) {
            fprintf(stderr, "vendorsniff: %s\n", a->w[i].err);
            status = VS_EXIT_RUNTIME;
        }
    return status;
}

int vs_run_capture(struct vs_config *cfg)
{
    static struct app a; /* zero-initialised; one run a process, as the signal flags */
    char err[2048];
    a.cfg = cfg;
    if (vs_privileges_check_paths(a.cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    /* Never replace what is not ours: a device node, FIFO or directory named as the
     * inventory or the state is refused now, not after hours of capture. */
    const char *repl[] = {a.cfg->inventory_path, a.cfg->state_path};
    const char *replopt[] = {"--inventory", "--state"};
    for (size_t i = 0; i < 2; i++) {
        int crc = repl[i] ? vs_atomic_check(repl[i]) : 0;
        if (crc == -VS_ENOTREG) {
            fprintf(stderr, "vendorsniff: %s %s: %s\n", replopt[i], repl[i],
                    vs_atomic_strerror(crc));
            return VS_EXIT_INPUT;
        }
        if (repl[i])
            vs_atomic_clean_stale(repl[i]);
    }
    if (vs_data_load(a.cfg, &a.data, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return VS_EXIT_INPUT;
    }
    if (a.cfg->ngeoip && vs_geo_open(a.cfg->geoip, a.cfg->ngeoip, &a.geo, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        vs_data_free(&a.data);
        return VS_EXIT_INPUT;
    }
    struct vs_outputs_opts oo = {a.cfg->sensor, a.cfg->events_path, a.cfg->iface != NULL,
                                 a.cfg->syslog_target, a.cfg->syslog_devices};
    if (vs_outputs_open(&a.outs, &oo, a.data.risk, a.geo, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        vs_data_free(&a.data);
        vs_geo_close(a.geo);
        return VS_EXIT_INPUT;
    }

    if (a.cfg->store_url && !(a.store = vs_store_open(a.cfg->store_url, a.outs.sensor))) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        return VS_EXIT_RUNTIME;
    }
    struct vs_inventory_hooks hooks = vs_outputs_hooks(&a.outs);
    a.inv = vs_inventory_new(a.data.oui, a.data.sigs, a.data.risk, &hooks, a.cfg->max_devices);
    a.pipe = a.inv ? vs_pipeline_new(a.inv) : NULL;
    if (!a.pipe) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        return VS_EXIT_RUNTIME;
    }
    if (a.geo) {
        vs_inventory_set_geo(a.inv, a.geo);
        vs_pipeline_track_peers(a.pipe, true);
    }
    if (a.cfg->state_path) {
        int rc = vs_state_load(a.cfg->state_path, a.inv, err, sizeof err);
        if (rc < 0 && rc != -ENOENT)
            fprintf(stderr, "vendorsniff: %s\n", err);
        if (rc == 0) {
            /* Restored quietly; now raise what the current risk list adds, stamped with the
             * wall clock live, and offline with the newest time the state knows (no packet
             * has been read yet; 1970 would be a lie). */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            int64_t rsec = a.cfg->iface ? ts.tv_sec : 0;
            uint32_t rusec = a.cfg->iface ? (uint32_t)(ts.tv_nsec / 1000) : 0;
            size_t n;
            struct vs_device *const *devs = vs_inventory_devices(a.inv, &n);
            for (size_t i = 0; i < n && !a.cfg->iface; i++)
                if (devs[i]->last_sec > rsec ||
                    (devs[i]->last_sec == rsec && devs[i]->last_usec > rusec)) {
                    rsec = devs[i]->last_sec;
                    rusec = devs[i]->last_usec;
                }
            vs_inventory_reload(a.inv, a.data.oui, a.data.sigs, a.data.risk, rsec, rusec);
        }
    }
    install_signals();

    int status = a.cfg->iface && a.cfg->workers > 1 ? run_workers(&a)
                 : a.cfg->iface                     ? run_live(&a)
                                                    : run_files(&a);
    reload_poll(&a, true);

    /* Whatever happened to the inputs, what was collected is written out. */
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(&a, &sec, &usec);
    vs_inventory_flush_alerts(a.inv, sec, usec);
    vs_outputs_attachments(&a.outs, a.inv, sec, usec);
    /* Each output on its own: one that fails does not keep the others from being written
     * (the failure is said on stderr, and the last stats event counts it). */
    write_inventory(&a);
    save_state(&a);
    /* The last sync: what it cannot send is in the state file (--state) for the next run. */
    bool store_failed = store_sync(&a) != 0;
    struct vs_run_stats s;
    run_stats(&a, &s);
    vs_outputs_finish_events(&a.outs, &s, sec, usec);
    /* When no capture could be read there is no text report: an empty one would read as
     * "no risk found" to a script that looks only at stdout. JSON keeps its shape (devices,
     * then the stats line), the stats line counting input_errors. */
    bool report = a.inputs_opened > 0 || a.cfg->format == VS_FORMAT_JSON;
    if (report && a.cfg->format != VS_FORMAT_NONE) {
        run_stats(&a, &s);
        clearerr(stdout);
        errno = 0;
        if (a.cfg->format == VS_FORMAT_TEXT) {
            /* A reader of stdout alone must not take a partial report for a clean one. */
            if (a.inputs_failed)
                printf("INCOMPLETE: %zu of %zu inputs could not be read to the end (see stderr); "
                       "this report covers only what was read\n",
                       a.inputs_failed, a.cfg->ninputs);
            bool color =
                a.cfg->color == VS_COLOR_ALWAYS ||
                (a.cfg->color == VS_COLOR_AUTO && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
            vs_outputs_report_text(&a.outs, stdout, a.inv, &s, color);
        } else if (a.cfg->format == VS_FORMAT_JSON) {
            vs_outputs_report_json(&a.outs, stdout, a.inv, &s, sec, usec);
        }
        int e = errno;
        if (fflush(stdout) != 0 || ferror(stdout)) {
            char msg[256];
            e = errno ? errno : e ? e : EIO;
            snprintf(msg, sizeof msg, "standard output: cannot write the report: %s", strerror(e));
            vs_outputs_failed(&a.outs, msg);
        }
    }
    if (status == VS_EXIT_OK && a.outs.failures)
        status = VS_EXIT_OUTPUT;
    if (store_failed && (status == VS_EXIT_OK || status == VS_EXIT_OUTPUT))
        status = VS_EXIT_RUNTIME;
    if (!a.cfg->iface) {
        struct vs_progress_state st;
        progress_state(&a, &st, 0);
        vs_progress_summary(&a.prog, &st);
    }
    if (status == VS_EXIT_OK && a.cfg->fail_on_risk && vs_inventory_alerts(a.inv) > 0)
        status = VS_EXIT_RISK;

    vs_capture_close(a.cap);
    workers_free(&a);
    vs_outputs_close(&a.outs);
    vs_store_close(a.store);
    vs_pipeline_free(a.pipe);
    vs_inventory_free(a.inv);
    vs_geo_close(a.geo);
    vs_data_free(&a.data);
    return status;
}
