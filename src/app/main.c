/* main.c - vendorsniff: options -> configuration -> load data -> capture loop -> sinks.
 * The only place besides the sinks that writes to stdout/stderr. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "vendorsniff/capture.h"
#include "vendorsniff/cli.h"
#include "vendorsniff/geo.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"
#include "vendorsniff/sink.h"
#include "vendorsniff/state.h"
#include "vendorsniff/syslog_sink.h"
#include "vendorsniff/text.h"

#ifndef VS_VERSION
#define VS_VERSION "0.0.0"
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_RUNTIME = 2, EXIT_RISK = 3 };

struct data {
    struct vs_oui_db *oui;
    struct vs_sigs *sigs;
    struct vs_risk_list *risk;
};

struct app {
    struct vs_config cfg;
    struct data data;
    struct vs_geo *geo;
    struct vs_inventory *inv;
    struct vs_pipeline *pipe;
    struct vs_capture *cap;
    FILE *events;
    struct vs_syslog *syslog;
    struct vs_out out;
    char sensor[256];
    int64_t first_sec, last_sec; /* packet times of the first and the newest packet */
    uint32_t first_usec, last_usec;
    bool any_packet;
    bool events_failed;
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

static void data_free(struct data *d)
{
    vs_oui_free(d->oui);
    vs_sigs_free(d->sigs);
    vs_risk_free(d->risk);
    memset(d, 0, sizeof *d);
}

/* Load OUI db, signatures and risk list; on any failure keep nothing and say why. */
static int data_load(const struct vs_config *cfg, struct data *d, char *err, size_t errsz)
{
    char p1[4096], p2[4096], p3[4096];
    const char *dir = vs_datadir();
    const char *oui = cfg->oui_db;
    const char *sig = cfg->sig_dir;
    const char *risk = cfg->risk_list;
    if (!oui) {
        snprintf(p1, sizeof p1, "%s/oui_db/oui.tsv", dir);
        oui = p1;
    }
    if (!sig) {
        snprintf(p2, sizeof p2, "%s/signatures", dir);
        sig = p2;
    }
    if (!risk) {
        snprintf(p3, sizeof p3, "%s/signatures/risk-list.ini", dir);
        risk = p3;
    }
    memset(d, 0, sizeof *d);
    if (vs_oui_load(oui, &d->oui, err, errsz) != 0 ||
        vs_sigs_load(sig, &d->sigs, err, errsz) != 0 ||
        vs_risk_load(risk, &d->risk, err, errsz) != 0) {
        data_free(d);
        return -1;
    }
    return 0;
}

/* ---- inventory hooks: events to the stream and syslog ----------------------- */

static void hook_device(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec)
{
    struct app *a = ctx;
    if (a->events && !a->events_failed && vs_jsonl_device(a->events, &a->out, d, sec, usec) != 0)
        a->events_failed = true;
    if (a->syslog && a->cfg.syslog_devices)
        vs_syslog_device(a->syslog, &a->out, d, sec, usec);
}

static void hook_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                       int64_t sec, uint32_t usec)
{
    struct app *a = ctx;
    if (a->events && !a->events_failed && vs_jsonl_alert(a->events, &a->out, d, r, sec, usec) != 0)
        a->events_failed = true;
    if (a->syslog)
        vs_syslog_alert(a->syslog, &a->out, d, r, sec, usec);
}

static void hook_peer_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                            const struct vs_ip *peer, const char *country, uint32_t asn,
                            int64_t sec, uint32_t usec)
{
    struct app *a = ctx;
    if (a->events && !a->events_failed &&
        vs_jsonl_peer_alert(a->events, &a->out, d, r, peer, country, asn, sec, usec) != 0)
        a->events_failed = true;
    if (a->syslog)
        vs_syslog_alert(a->syslog, &a->out, d, r, sec, usec);
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
    s->inputs = a->cfg.iface ? &a->cfg.iface : a->cfg.inputs;
    s->ninputs = a->cfg.iface ? 1 : a->cfg.ninputs;
}

static void now_or_packet_time(const struct app *a, int64_t *sec, uint32_t *usec)
{
    if (a->cfg.iface || !a->any_packet) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        if (a->cfg.iface || !a->any_packet) {
            *sec = ts.tv_sec;
            *usec = (uint32_t)(ts.tv_nsec / 1000);
            if (!a->cfg.iface && !a->any_packet) {
                *sec = 0;
                *usec = 0;
            }
            return;
        }
    }
    *sec = a->last_sec;
    *usec = a->last_usec;
}

static int write_inventory(struct app *a)
{
    if (!a->cfg.inventory_path)
        return 0;
    char err[512];
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(a, &sec, &usec);
    if (vs_inventory_write(a->cfg.inventory_path, &a->out, a->inv, sec, usec, err, sizeof err) !=
        0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return -1;
    }
    return 0;
}

static int save_state(struct app *a)
{
    if (!a->cfg.state_path)
        return 0;
    char err[512];
    if (vs_state_save(a->cfg.state_path, a->inv, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return -1;
    }
    return 0;
}

/* SIGHUP: reopen the -w file so that logrotate can move it away; if the new one cannot be
 * opened (permissions after -Z, chroot), keep writing to the old one and say so. */
static void reopen_events(struct app *a)
{
    if (!a->events || a->events == stdout)
        return;
    FILE *f = fopen(a->cfg.events_path, "a");
    if (!f) {
        fprintf(stderr, "vendorsniff: %s: cannot reopen, still writing to the old file: %s\n",
                a->cfg.events_path, strerror(errno));
        return;
    }
    if (fclose(a->events) != 0)
        a->events_failed = true;
    a->events = f;
    setvbuf(a->events, NULL, _IOLBF, 0);
}

static void reload(struct app *a)
{
    struct data nd;
    char err[1024];
    int64_t sec;
    uint32_t usec;
    reopen_events(a);
    if (data_load(&a->cfg, &nd, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: reload failed, keeping the loaded data: %s\n", err);
        syslog(LOG_WARNING, "reload failed, keeping the loaded data: %s", err);
        return;
    }
    now_or_packet_time(a, &sec, &usec);
    a->out.risk = nd.risk;
    vs_inventory_reload(a->inv, nd.oui, nd.sigs, nd.risk, sec, usec);
    data_free(&a->data);
    a->data = nd;
    fprintf(stderr, "vendorsniff: reloaded OUI database, signatures and risk list\n");
}

static int drop_privileges(const struct vs_config *cfg, char *err, size_t errsz)
{
    if (!cfg->user)
        return 0;
    struct passwd *pw = getpwnam(cfg->user);
    if (!pw) {
        snprintf(err, errsz, "-Z %s: no such user", cfg->user);
        return -1;
    }
    if (initgroups(pw->pw_name, pw->pw_gid) != 0) {
        snprintf(err, errsz, "-Z %s: cannot set groups: %s", cfg->user, strerror(errno));
        return -1;
    }
    if (cfg->chroot_dir && (chroot(cfg->chroot_dir) != 0 || chdir("/") != 0)) {
        snprintf(err, errsz, "--chroot %s: %s", cfg->chroot_dir, strerror(errno));
        return -1;
    }
    if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) {
        snprintf(err, errsz, "-Z %s: cannot drop privileges: %s", cfg->user, strerror(errno));
        return -1;
    }
    if (pw->pw_uid != 0 && setuid(0) == 0) {
        snprintf(err, errsz, "-Z %s: privileges could be regained; refusing to run", cfg->user);
        return -1;
    }
    return 0;
}

/* With --chroot DIR, outputs are written after the chroot: the command line names them as
 * host paths under DIR, and inside they are the same paths without the DIR prefix. NULL
 * when path is not an absolute path under DIR. */
static const char *chroot_inner(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (path[0] != '/')
        return NULL;
    if (n == 1 && dir[0] == '/')
        return path;
    if (strncmp(path, dir, n) != 0 || path[n] != '/')
        return NULL;
    return path + n;
}

/* Checked before anything is opened, so that a run never learns for hours and then
 * cannot save. The -w file is opened before the chroot; outside DIR it only cannot be
 * reopened on SIGHUP. */
static int check_chroot_paths(const struct vs_config *cfg, char *err, size_t errsz)
{
    const char *what[] = {"--state", "--inventory"};
    const char *paths[] = {cfg->state_path, cfg->inventory_path};
    if (!cfg->chroot_dir)
        return 0;
    for (size_t i = 0; i < 2; i++) {
        if (paths[i] && !chroot_inner(cfg->chroot_dir, paths[i])) {
            snprintf(err, errsz,
                     "--chroot %s: %s %s must be an absolute path inside it (it is written "
                     "after the chroot)",
                     cfg->chroot_dir, what[i], paths[i]);
            return -1;
        }
    }
    return 0;
}

static void enter_chroot_paths(struct app *a)
{
    const char *dir = a->cfg.chroot_dir;
    const char *p;
    if (!dir)
        return;
    if (a->cfg.state_path && (p = chroot_inner(dir, a->cfg.state_path)))
        a->cfg.state_path = p;
    if (a->cfg.inventory_path && (p = chroot_inner(dir, a->cfg.inventory_path)))
        a->cfg.inventory_path = p;
    if (a->cfg.events_path && (p = chroot_inner(dir, a->cfg.events_path)))
        a->cfg.events_path = p;
    for (size_t i = 0; i < a->cfg.ninputs; i++)
        if (strcmp(a->cfg.inputs[i], "-") != 0 && (p = chroot_inner(dir, a->cfg.inputs[i])))
            a->cfg.inputs[i] = p;
}

/* Offline: every file in order; a bad file is reported and skipped, the rest still run. */
static int run_files(struct app *a)
{
    int status = EXIT_OK;
    bool dropped = false;
    for (size_t i = 0; i < a->cfg.ninputs && !g_stop; i++) {
        char err[1024];
        const char *path = a->cfg.inputs[i];
        if (vs_capture_open_file(path, a->cfg.filter, &a->cap, err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            status = EXIT_INPUT;
            continue;
        }
        /* -Z offline, as tcpdump: once the first capture is open; later files must be
         * readable by the user. */
        if (!dropped && drop_privileges(&a->cfg, err, sizeof err) != 0) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            vs_capture_close(a->cap);
            a->cap = NULL;
            return EXIT_RUNTIME;
        }
        if (!dropped)
            enter_chroot_paths(a);
        dropped = true;
        g_cap = a->cap;
        for (;;) {
            long n = vs_capture_dispatch(a->cap, 0, on_packet, a, err, sizeof err);
            if (n == -2) {
                fprintf(stderr, "vendorsniff: %s\n", err);
                status = EXIT_INPUT;
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
    struct vs_live_opts lo = {a->cfg.snaplen, !a->cfg.no_promisc, a->cfg.buffer_mb,
                              a->cfg.immediate, 250};
    if (vs_capture_open_live(a->cfg.iface, &lo, a->cfg.filter, &a->cap, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }
    if (drop_privileges(&a->cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_RUNTIME;
    }
    enter_chroot_paths(a);
    /* As tcpdump does: from here on no packet is lost to start-up (supervisors and tests
     * wait for this line). */
    fprintf(stderr, "vendorsniff: listening on %s (snaplen %d%s%s%s)\n", a->cfg.iface,
            a->cfg.snaplen, a->cfg.no_promisc ? "" : ", promiscuous",
            a->cfg.user ? ", as user " : "", a->cfg.user ? a->cfg.user : "");
    g_cap = a->cap;
    time_t start = time(NULL);
    time_t next_state = start + a->cfg.state_interval;
    time_t next_stats = start + a->cfg.stats_interval;
    time_t next_inv = start + a->cfg.inventory_interval;
    int status = EXIT_OK;
    while (!g_stop) {
        long n = vs_capture_dispatch(a->cap, 10000, on_packet, a, err, sizeof err);
        if (n == -2) {
            fprintf(stderr, "vendorsniff: %s\n", err);
            status = EXIT_RUNTIME;
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
            next_inv = now + a->cfg.inventory_interval;
        }
        if (now >= next_state) {
            save_state(a);
            next_state = now + a->cfg.state_interval;
        }
        if (now >= next_stats) {
            struct vs_run_stats s;
            run_stats(a, &s);
            int64_t sec;
            uint32_t usec;
            now_or_packet_time(a, &sec, &usec);
            if (a->events)
                vs_jsonl_stats(a->events, &a->out, &s, sec, usec);
            if (a->events)
                fflush(a->events);
            next_stats = now + a->cfg.stats_interval;
        }
    }
    g_cap = NULL;
    return status;
}

static int cmd_lookup(const char *arg)
{
    char err[1024];
    uint8_t mac[6] = {0};
    char hex[16];
    size_t nh = 0;
    for (const char *p = arg; *p; p++) {
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')) {
            if (nh >= 12) {
                nh = 99;
                break;
            }
            hex[nh++] = *p;
        } else if (*p != ':' && *p != '-' && *p != '.') {
            nh = 99;
            break;
        }
    }
    if (nh != 6 && nh != 7 && nh != 9 && nh != 12) {
        fprintf(stderr, "vendorsniff: lookup: '%s' is not a MAC address or OUI\n", arg);
        return EXIT_INPUT;
    }
    for (size_t i = 0; i < nh; i++) {
        int v = hex[i] <= '9' ? hex[i] - '0' : (hex[i] | 0x20) - 'a' + 10;
        mac[i / 2] = (uint8_t)(mac[i / 2] | v << (i % 2 ? 0 : 4));
    }
    struct vs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    struct data d;
    if (data_load(&cfg, &d, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }
    struct vs_oui_result r;
    vs_oui_lookup(d.oui, mac, &r);
    char macs[VS_MAC_STRLEN];
    vs_mac_format(mac, macs);
    if (nh == 6 && r.bits > 24) {
        /* Zero-padding an OUI lands in its first sub-block: name the block, not a tenant. */
        printf("%.8s  IEEE Registration Authority block (MA-L 24-bit), sub-assigned in %u-bit "
               "parts (MA-%s): look up a full address\n",
               macs, r.bits, r.bits == 28 ? "M" : "S");
        data_free(&d);
        return EXIT_OK;
    }
    const char *vendor = r.org ? vs_sigs_vendor_for_org(d.sigs, r.org) : NULL;
    const char *cls = vs_mac_class_name(r.cls);
    if (nh == 12)
        printf("%s", macs);
    else
        printf("%.*s", (int)(nh / 2 * 3 - 1 + (nh % 2 ? 2 : 0)), macs);
    if (r.org) {
        const struct vs_risk_rule *rr = vs_risk_match_vendor(d.risk, vendor ? vendor : r.org, 1.0);
        printf("  %s  (%s, MA-%s %u-bit)%s%s\n", vendor ? vendor : r.org, r.org,
               r.bits == 24 ? "L" : r.bits == 28 ? "M" : "S", r.bits, rr ? "  RISK: " : "",
               rr ? vs_severity_name(rr->severity) : "");
    } else if (cls) {
        printf("  no vendor (%s address)\n", cls);
    } else {
        printf("  not in the registry (%s)\n", vs_oui_snapshot(d.oui));
    }
    int rc = r.org || cls ? EXIT_OK : EXIT_INPUT;
    data_free(&d);
    return rc;
}

static int cmd_check_signatures(const struct vs_config *cfg)
{
    char err[2048];
    char dirbuf[4096];
    const char *dir = cfg->check_dir;
    if (!dir) {
        snprintf(dirbuf, sizeof dirbuf, "%s/signatures", vs_datadir());
        dir = dirbuf;
    }
    struct vs_sigs *s = NULL;
    if (vs_sigs_load(dir, &s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return EXIT_INPUT;
    }
    int rc = EXIT_OK;
    if (vs_sigs_selftest(s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        rc = EXIT_INPUT;
    }
    char rpath[4200];
    snprintf(rpath, sizeof rpath, "%s/risk-list.ini", dir);
    const char *risk = cfg->risk_list ? cfg->risk_list : rpath;
    struct vs_risk_list *rl = NULL;
    if (access(risk, R_OK) == 0 || cfg->risk_list) {
        if (vs_risk_load(risk, &rl, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            rc = EXIT_INPUT;
        } else {
            for (size_t i = 0; i < rl->nrules; i++) {
                const struct vs_risk_rule *r = &rl->rules[i];
                if (r->kind == VS_RISK_VENDOR && !vs_sigs_vendor_for_name(s, r->vendor)) {
                    fprintf(stderr, "%s:%d: rule %s names vendor '%s', unknown to %s/vendors.ini\n",
                            risk, r->line, r->id, r->vendor, dir);
                    rc = EXIT_INPUT;
                }
            }
        }
    }
    if (rc == EXIT_OK)
        printf("%s: %zu rules, %zu vendors: OK%s%s\n", dir, vs_sigs_rule_count(s),
               vs_sigs_vendor_count(s), rl ? "; risk list OK: " : "", rl ? rl->name : "");
    vs_risk_free(rl);
    vs_sigs_free(s);
    return rc;
}

static int cmd_version(void)
{
    char err[1024];
    struct vs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    struct data d;
    printf("vendorsniff %s\n", VS_VERSION);
    if (data_load(&cfg, &d, err, sizeof err) == 0) {
        printf("OUI registry: %s, %zu assignments (MA-L %zu, MA-M %zu, MA-S %zu)\n",
               vs_oui_snapshot(d.oui), vs_oui_count(d.oui, 0), vs_oui_count(d.oui, 24),
               vs_oui_count(d.oui, 28), vs_oui_count(d.oui, 36));
        printf("signatures: %zu rules, %zu vendors; risk list: %s (%zu rules)\n",
               vs_sigs_rule_count(d.sigs), vs_sigs_vendor_count(d.sigs), d.risk->name,
               d.risk->nrules);
        data_free(&d);
    } else {
        printf("data: %s\n", err);
    }
    printf("data folder: %s\n", vs_datadir());
    printf("GeoIP: off unless --geoip is given (libmaxminddb)\n");
    printf("%s\n", vs_capture_libpcap_version());
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    static struct app a; /* large; zero-initialised */
    char err[2048];
    if (vs_cli_parse(argc, argv, &a.cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }
    switch (a.cfg.cmd) {
    case VS_CMD_HELP:
        fputs(vs_cli_usage(), stdout);
        return EXIT_OK;
    case VS_CMD_VERSION:
        return cmd_version();
    case VS_CMD_LOOKUP:
        return cmd_lookup(a.cfg.lookup_arg);
    case VS_CMD_CHECK_SIGNATURES:
        return cmd_check_signatures(&a.cfg);
    case VS_CMD_RUN:
        break;
    }

    if (check_chroot_paths(&a.cfg, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }
    if (data_load(&a.cfg, &a.data, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }
    if (a.cfg.ngeoip && vs_geo_open(a.cfg.geoip, a.cfg.ngeoip, &a.geo, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        data_free(&a.data);
        return EXIT_INPUT;
    }
    if (a.cfg.sensor)
        snprintf(a.sensor, sizeof a.sensor, "%s", a.cfg.sensor);
    else if (gethostname(a.sensor, sizeof a.sensor - 1) != 0)
        snprintf(a.sensor, sizeof a.sensor, "vendorsniff");
    a.out.sensor = a.sensor;
    a.out.risk = a.data.risk;
    a.out.geo = a.geo;

    if (a.cfg.events_path) {
        a.events = strcmp(a.cfg.events_path, "-") == 0 ? stdout : fopen(a.cfg.events_path, "a");
        if (!a.events) {
            fprintf(stderr, "vendorsniff: %s: %s\n", a.cfg.events_path, strerror(errno));
            data_free(&a.data);
            vs_geo_close(a.geo);
            return EXIT_INPUT;
        }
        /* A daemon's alerts must reach the file (and Filebeat) when they happen, not when
         * a 4 KiB buffer fills; events are rare enough for a write each. */
        if (a.cfg.iface)
            setvbuf(a.events, NULL, _IOLBF, 0);
    }
    if (a.cfg.syslog_target &&
        vs_syslog_open(a.cfg.syslog_target, a.sensor, &a.syslog, err, sizeof err) != 0) {
        fprintf(stderr, "vendorsniff: %s\n", err);
        return EXIT_INPUT;
    }

    struct vs_inventory_hooks hooks = {&a, hook_device, hook_alert, hook_peer_alert, NULL};
    a.inv = vs_inventory_new(a.data.oui, a.data.sigs, a.data.risk, &hooks, a.cfg.max_devices);
    a.pipe = a.inv ? vs_pipeline_new(a.inv) : NULL;
    if (!a.pipe) {
        fprintf(stderr, "vendorsniff: out of memory\n");
        return EXIT_RUNTIME;
    }
    if (a.geo) {
        vs_inventory_set_geo(a.inv, a.geo);
        vs_pipeline_track_peers(a.pipe, true);
    }
    if (a.cfg.state_path) {
        int rc = vs_state_load(a.cfg.state_path, a.inv, err, sizeof err);
        if (rc < 0 && rc != -ENOENT)
            fprintf(stderr, "vendorsniff: %s\n", err);
        if (rc == 0) {
            /* Restored quietly; now raise what the current risk list adds, stamped with the
             * wall clock live, and offline with the newest time the state knows (no packet
             * has been read yet; 1970 would be a lie). */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            int64_t rsec = a.cfg.iface ? ts.tv_sec : 0;
            uint32_t rusec = a.cfg.iface ? (uint32_t)(ts.tv_nsec / 1000) : 0;
            size_t n;
            struct vs_device *const *devs = vs_inventory_devices(a.inv, &n);
            for (size_t i = 0; i < n && !a.cfg.iface; i++)
                if (devs[i]->last_sec > rsec ||
                    (devs[i]->last_sec == rsec && devs[i]->last_usec > rusec)) {
                    rsec = devs[i]->last_sec;
                    rusec = devs[i]->last_usec;
                }
            vs_inventory_reload(a.inv, a.data.oui, a.data.sigs, a.data.risk, rsec, rusec);
        }
    }
    install_signals();

    int status = a.cfg.iface ? run_live(&a) : run_files(&a);

    /* Whatever happened to the inputs, what was collected is written out. */
    struct vs_run_stats s;
    run_stats(&a, &s);
    int64_t sec;
    uint32_t usec;
    now_or_packet_time(&a, &sec, &usec);
    if (a.events) {
        vs_jsonl_stats(a.events, &a.out, &s, sec, usec);
        if (fflush(a.events) != 0 || a.events_failed) {
            fprintf(stderr, "vendorsniff: %s: write error\n", a.cfg.events_path);
            status = status ? status : EXIT_RUNTIME;
        }
        if (a.events != stdout)
            fclose(a.events);
    }
    if (write_inventory(&a) != 0 || save_state(&a) != 0)
        status = status ? status : EXIT_RUNTIME;
    if (a.cfg.format == VS_FORMAT_TEXT) {
        bool color = a.cfg.color == VS_COLOR_ALWAYS ||
                     (a.cfg.color == VS_COLOR_AUTO && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
        vs_report_text(stdout, &a.out, a.inv, &s, color);
    } else if (a.cfg.format == VS_FORMAT_JSON) {
        vs_inventory_print(stdout, &a.out, a.inv, sec, usec);
        vs_jsonl_stats(stdout, &a.out, &s, sec, usec);
    }
    fflush(stdout);
    if (status == EXIT_OK && a.cfg.fail_on_risk && vs_inventory_alerts(a.inv) > 0)
        status = EXIT_RISK;

    vs_capture_close(a.cap);
    vs_syslog_close(a.syslog);
    vs_pipeline_free(a.pipe);
    vs_inventory_free(a.inv);
    vs_geo_close(a.geo);
    data_free(&a.data);
    return status;
}
