/* SPDX-License-Identifier: BSD-2-Clause */
/* run.c - the capture run: data, outputs and state opened; the offline files in order or the
 * live interface; signals between dispatches (reload, snapshot, stop); the outputs at the end. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "vendorsniff/app.h"
#include "vendorsniff/capture.h"
#include "vendorsniff/geo.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/outputs.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/privileges.h"
#include "vendorsniff/run.h"
#include "vendorsniff/state.h"

struct app {
    struct vs_config *cfg;
    struct vs_data data;
    struct vs_geo *geo;
    struct vs_inventory *inv;
    struct vs_pipeline *pipe;
    struct vs_capture *cap;
    struct vs_outputs outs;
    int64_t first_sec, last_sec; /* packet times of the first and the newest packet */
    uint32_t first_usec, last_usec;
    bool any_packet;
};

static volatile sig_atomic_t g_stop, g_reload, g_snapshot;
static struct vs_capture *volatile g_cap;

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

static void on_packet(void *ctx, int dlt, int64_t sec, uint32_t usec, const uint8_t *data,
                      size_t caplen, size_t wirelen)
{
    struct app *a = ctx;
    if (!a->any_packet) {
        a->first_sec = sec;
        a->first_usec = usec;
    }
    a->last_sec = sec;
    a->last_usec = usec;
    a->any_packet = true;
    vs_pipeline_frame(a->pipe, dlt, sec, usec, data, caplen, wirelen);
}

static void run_stats(struct app *a, struct vs_run_stats *s)
{
    memset(s, 0, sizeof *s);
    s->pipe = vs_pipeline_stats(a->pipe);
    s->devices = vs_inventory_count(a->inv);
    s->alerts = vs_inventory_alerts(a->inv);
    s->evictions = vs_inventory_evictions(a->inv);
    s->evidence_dropped = vs_inventory_evidence_dropped(a->inv);
    if (a->cap)
        s->have_pcap_stats = vs_capture_stats(a->cap, &s->ps_recv, &s->ps_drop, &s->ps_ifdrop);
    s->have_span = a->any_packet;
    s->first_sec = a->first_sec;
    s->first_usec = a->first_usec;
    s->last_sec = a->last_sec;
    s->last_usec = a->last_usec;
    s->inputs = a->cfg->iface ? &a->cfg->iface : a->cfg->inputs;
    s->ninputs = a->cfg->iface ? 1 : a->cfg->ninputs;
}

static void now_or_packet_time(const struct app *a, int64_t *sec, uint32_t *usec)
{
    if (a->cfg->iface || !a->any_packet) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        if (a->cfg->iface || !a->any_packet) {
            *sec = ts.tv_sec;
            *usec = (uint32_t)(ts.tv_nsec / 1000);
            if (!a->cfg->iface && !a->any_packet) {
                *sec = 0;
                *usec = 0;
            }
            return;
        }
    }
    *sec = a->last_sec;
    *usec = a->last_usec;
}

/* also: a stream that takes the same lines (the end-of-run JSON report), *also_done set
 * when it got them. */
static int write_inventory_tee(struct app *a, FILE *also, bool *also_done)
{
    if (also_done)
        *also_done = false;
    if (!a->cfg->inventory_path)
        return 0;
    char err[512];
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    if (vs_outputs_write_inventory_tee(&a->outs, a->cfg->inventory_path, a->inv, sec, usec, also,
                                       also_done, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return -1;
    }
    return 0;
}

static int write_inventory(struct app *a)
{
    return write_inventory_tee(a, NULL, NULL);
}

static int save_state(struct app *a)
{
    if (!a->cfg->state_path)
        return 0;
    char err[512];
    if (vs_state_save(a->cfg->state_path, a->inv, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return -1;
    }
    return 0;
}

static void reload(struct app *a)
{
    struct vs_data nd;
    char err[1024];
    int64_t sec;
    uint32_t usec;
    /* So that logrotate can move the -w file away. */
    if (vs_outputs_reopen_events(&a->outs, a->cfg->events_path, err, sizeof err) != 0)
        fprintf(stderr, "vendorsniff: %s\n", err);
    if (vs_data_load(a->cfg, &nd, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: reload failed, keeping the loaded data: %s\n", err);
        syslog(LOG_WARNING, "reload failed, keeping the loaded data: %s", err);
        return;
    }
    now_or_packet_time(a, &sec, &usec);
    a->outs.out.risk = nd.risk;
    vs_inventory_reload(a->inv, nd.oui, nd.sigs, nd.risk, sec, usec);
    vs_data_free(&a->data);
    a->data = nd;
    fprintf(stderr, "vendorsniff: reloaded OUI database, signatures and risk list\n");
}

/* Offline: every file in order; a bad file is reported and skipped, the rest still run. */
static int run_files(struct app *a)
{
    int status = VS_EXIT_OK;
    bool dropped = false;
    for (size_t i = 0; i < a->cfg->ninputs && !g_stop; i++) {
        char err[1024];
        const char *path = a->cfg->inputs[i];
        if (vs_capture_open_file(path, a->cfg->filter, &a->cap, err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            status = VS_EXIT_INPUT;
            continue;
        }
        /* -Z offline, as tcpdump: once the first capture is open; later files must be
         * readable by the user. */
        if (!dropped && vs_privileges_drop(a->cfg, err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            vs_capture_close(a->cap);
            a->cap = NULL;
            return VS_EXIT_RUNTIME;
        }
        if (!dropped)
            vs_privileges_enter_paths(a->cfg);
        dropped = true;
        g_cap = a->cap;
        for (;;) {
            long n = vs_capture_dispatch(a->cap, 0, on_packet, a, err, sizeof err);
            if (n == -2) {
                fprintf(stderr, "vendorsniff: %s\n", err);
                status = VS_EXIT_INPUT;
                break;
            }
            if (g_reload) {
                g_reload = 0;
                reload(a);
            }
            if (g_snapshot) {
                g_snapshot = 0;
                write_inventory(a);
            }
            if (n >= 0 || g_stop)
                break;
        }
        g_cap = NULL;
        vs_capture_close(a->cap);
        a->cap = NULL;
    }
    return status;
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
        time_t now = time(NULL);
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
            struct vs_run_stats s;
            run_stats(a, &s);
            int64_t sec;
            uint32_t usec;
            now_or_packet_time(a, &sec, &usec);
            vs_inventory_flush_alerts(a->inv, sec, usec);
            vs_outputs_stats(&a->outs, &s, sec, usec);
            next_stats = now + a->cfg->stats_interval;
        }
    }
    g_cap = NULL;
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

    int status = a.cfg->iface ? run_live(&a) : run_files(&a);

    /* Whatever happened to the inputs, what was collected is written out. */
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(&a, &sec, &usec);
    vs_inventory_flush_alerts(a.inv, sec, usec);
    struct vs_run_stats s;
    run_stats(&a, &s);
    if (vs_outputs_finish_events(&a.outs, &s, sec, usec) != 0) {
        fprintf(stderr, "vendorsniff: %s: write error\n", a.cfg->events_path);
        status = status ? status : VS_EXIT_RUNTIME;
    }
    /* With --format json the report's inventory lines are the inventory file's: one sort
     * and one serialisation for both. */
    bool inv_reported = false;
    if (write_inventory_tee(&a, a.cfg->format == VS_FORMAT_JSON ? stdout : NULL,
                            &inv_reported) != 0 ||
        save_state(&a) != 0)
        status = status ? status : VS_EXIT_RUNTIME;
    if (a.cfg->format == VS_FORMAT_TEXT) {
        bool color =
            a.cfg->color == VS_COLOR_ALWAYS ||
            (a.cfg->color == VS_COLOR_AUTO && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
        vs_outputs_report_text(&a.outs, stdout, a.inv, &s, color);
    } else if (a.cfg->format == VS_FORMAT_JSON) {
        vs_outputs_report_json(&a.outs, stdout, inv_reported ? NULL : a.inv, &s, sec, usec);
    }
    fflush(stdout);
    if (status == VS_EXIT_OK && a.cfg->fail_on_risk && vs_inventory_alerts(a.inv) > 0)
        status = VS_EXIT_RISK;

    vs_capture_close(a.cap);
    vs_outputs_close(&a.outs);
    vs_pipeline_free(a.pipe);
    vs_inventory_free(a.inv);
    vs_geo_close(a.geo);
    vs_data_free(&a.data);
    return status;
}
