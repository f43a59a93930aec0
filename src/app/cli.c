/* SPDX-License-Identifier: BSD-2-Clause */
/* cli.c - the command line (contract in docs/usage.md): getopt_long into struct
 * vs_config, and discovery of the shipped data folder. */
#include "vendorsniff/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/limits.h"

enum {
    OPT_INVENTORY = 256,
    OPT_FORMAT,
    OPT_RISK_LIST,
    OPT_SIGNATURES,
    OPT_OUI_DB,
    OPT_GEOIP,
    OPT_STATE,
    OPT_STATE_INTERVAL,
    OPT_STATS_INTERVAL,
    OPT_INVENTORY_INTERVAL,
    OPT_FAIL_ON_RISK,
    OPT_CHROOT,
    OPT_SENSOR,
    OPT_MAX_DEVICES,
    OPT_SYSLOG,
    OPT_SYSLOG_DEVICES,
    OPT_SNAPLEN,
    OPT_BUFFER,
    OPT_NO_PROMISC,
    OPT_IMMEDIATE,
    OPT_COLOR,
    OPT_CHECK_SIGNATURES,
    OPT_VERSION,
    OPT_HTML,
    OPT_CSV,
    OPT_CSV_BOM,
    OPT_AUDIT_NOTE,
    OPT_TOPOLOGY,
    OPT_STORE,
    OPT_RECURSIVE,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_WORKERS,
    OPT_DEBUG_TIMING,
};

static const struct option long_opts[] = {
    {"read", required_argument, NULL, 'r'},
    {"interface", required_argument, NULL, 'i'},
    {"filter", required_argument, NULL, 'f'},
    {"write", required_argument, NULL, 'w'},
    {"user", required_argument, NULL, 'Z'},
    {"quiet", no_argument, NULL, 'q'},
    {"inventory", required_argument, NULL, OPT_INVENTORY},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"risk-list", required_argument, NULL, OPT_RISK_LIST},
    {"signatures", required_argument, NULL, OPT_SIGNATURES},
    {"oui-db", required_argument, NULL, OPT_OUI_DB},
    {"geoip", required_argument, NULL, OPT_GEOIP},
    {"state", required_argument, NULL, OPT_STATE},
    {"state-interval", required_argument, NULL, OPT_STATE_INTERVAL},
    {"stats-interval", required_argument, NULL, OPT_STATS_INTERVAL},
    {"inventory-interval", required_argument, NULL, OPT_INVENTORY_INTERVAL},
    {"fail-on-risk", no_argument, NULL, OPT_FAIL_ON_RISK},
    {"chroot", required_argument, NULL, OPT_CHROOT},
    {"sensor", required_argument, NULL, OPT_SENSOR},
    {"max-devices", required_argument, NULL, OPT_MAX_DEVICES},
    {"syslog", required_argument, NULL, OPT_SYSLOG},
    {"syslog-devices", no_argument, NULL, OPT_SYSLOG_DEVICES},
    {"snaplen", required_argument, NULL, OPT_SNAPLEN},
    {"buffer-size", required_argument, NULL, OPT_BUFFER},
    {"no-promisc", no_argument, NULL, OPT_NO_PROMISC},
    {"immediate", no_argument, NULL, OPT_IMMEDIATE},
    {"color", required_argument, NULL, OPT_COLOR},
    {"check-signatures", optional_argument, NULL, OPT_CHECK_SIGNATURES},
    {"version", no_argument, NULL, OPT_VERSION},
    {"html", required_argument, NULL, OPT_HTML},
    {"csv", required_argument, NULL, OPT_CSV},
    {"csv-bom", no_argument, NULL, OPT_CSV_BOM},
    {"audit-note", required_argument, NULL, OPT_AUDIT_NOTE},
    {"topology", required_argument, NULL, OPT_TOPOLOGY},
    {"store", required_argument, NULL, OPT_STORE},
    {"recursive", no_argument, NULL, OPT_RECURSIVE},
    {"jobs", required_argument, NULL, 'j'},
    {"workers", required_argument, NULL, OPT_WORKERS},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
    {"debug-timing", no_argument, NULL, OPT_DEBUG_TIMING},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

const char *vs_cli_usage(void)
{
    return "usage: vendorsniff -r FILE|DIR [-r ...] [options]     read captures (pcap, pcapng, "
           "compressed; - is stdin)\n"
           "       vendorsniff -i IFACE [options]                 capture live (span port, "
           "daemon)\n"
           "       vendorsniff lookup MAC|OUI                     vendor of one address\n"
           "       vendorsniff report INVENTORY... [--html F] [--csv F]   report from saved "
           "inventories\n"
           "       vendorsniff --check-signatures [DIR]           validate a signature set\n"
           "       vendorsniff diff [--format text|json] OLD NEW  what changed between two audits\n"
           "       vendorsniff merge INV... [--inventory FILE]    several sensors' inventories as "
           "one\n"
           "       vendorsniff store init --store URL             create the PostgreSQL schema\n"
           "\n"
           "  -f EXPR               BPF filter, as tcpdump\n"
           "  --recursive           -r DIR also reads the directories below DIR\n"
           "  -j, --jobs N          files read in parallel (default: the number of cores)\n"
           "  --progress, --no-progress   progress line on stderr (default: when it is a "
           "terminal)\n"
           "  -w FILE               event stream, JSON Lines (- for stdout)\n"
           "  --inventory FILE      final inventory, JSON Lines, one device a line (atomic)\n"
           "  --store URL           also write the inventory to PostgreSQL (postgresql://...)\n"
           "  --topology FILE       where devices are plugged in: GraphML (.graphml) or DOT "
           "(.dot)\n"
           "  --format text|json    what goes to stdout (default text: the report)\n"
           "  -q, --quiet           nothing to stdout (same as --format none), no progress line\n"
           "  --html FILE           self-contained HTML audit report (charts, evidence; print to "
           "PDF)\n"
           "  --csv FILE            one row per device, spreadsheet-safe (RFC 4180, UTF-8)\n"
           "  --csv-bom             start the CSV with a UTF-8 byte order mark (for spreadsheets)\n"
           "  --audit-note TEXT     who ran the audit and why, in the report header\n"
           "  --risk-list FILE      risk list (default: shipped signatures/risk-list.ini)\n"
           "  --signatures DIR      signature set (default: shipped signatures/)\n"
           "  --oui-db FILE         OUI registry snapshot (default: shipped oui_db/oui.tsv)\n"
           "  --geoip FILE          MaxMind DB (.mmdb) for country/ASN, repeatable\n"
           "  --state FILE          restore inventory and alert history, save periodically and at "
           "exit\n"
           "  --state-interval S    seconds between state saves in live mode (default 300)\n"
           "  --stats-interval S    seconds between stats events in live mode (default 300)\n"
           "  --inventory-interval S  seconds between inventory snapshots in live mode (default "
           "300)\n"
           "  --fail-on-risk        exit status 3 when any risk alert was raised\n"
           "  --sensor NAME         sensor name in every event (default: host name)\n"
           "  --max-devices N       evict least recently seen devices beyond N (default 1000000)\n"
           "  --syslog TARGET       alerts to syslog: local, udp://HOST:PORT or tcp://HOST:PORT\n"
           "  --syslog-devices      also send device events to syslog\n"
           "  -Z USER               drop privileges to USER after opening the capture\n"
           "  --chroot DIR          chroot to DIR after opening the capture (with -Z)\n"
           "  --snaplen N, --buffer-size MB, --no-promisc, --immediate   live capture tuning\n"
           "  --workers N           -i: N capture threads (Linux packet fanout by source MAC)\n"
           "  --color auto|always|never   emphasis in the text report\n"
           "  --debug-timing        time of each start-up stage up to the first packet, on "
           "stderr\n"
           "  --version, --help\n"
           "\n"
           "exit status: 0 done, 1 usage or input error, 2 runtime failure, 3 risk found "
           "(--fail-on-risk)\n";
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int vs_cli_parse(int argc, char **argv, struct vs_config *cfg, char *err, size_t errsz)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->format = VS_FORMAT_TEXT;
    cfg->state_interval = 300;
    cfg->stats_interval = 300;
    cfg->inventory_interval = 300;
    cfg->max_devices = VS_DEFAULT_MAX_DEVICES;
    cfg->snaplen = 65535;
    if (argc >= 2 && strcmp(argv[1], "lookup") == 0) {
        /* The one option lookup takes: --debug-timing, before or after the address. */
        const char *arg = NULL;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--debug-timing") == 0 && !cfg->debug_timing) {
                cfg->debug_timing = true;
            } else if (!arg) {
                arg = argv[i];
            } else {
                arg = NULL;
                break;
            }
        }
        if (!arg || argc > 4) {
            snprintf(err, errsz, "usage: vendorsniff lookup [--debug-timing] MAC|OUI");
            return -1;
        }
        cfg->cmd = VS_CMD_LOOKUP;
        cfg->lookup_arg = arg;
        return 0;
    }
    /* Verbs whose operands are saved inventories: the verb, then the usual options and the
     * inventories in any order (getopt_long permutes). */
    bool operands = false;
    if (argc >= 2 && (strcmp(argv[1], "diff") == 0 || strcmp(argv[1], "merge") == 0 ||
                      strcmp(argv[1], "report") == 0)) {
        cfg->cmd = argv[1][0] == 'd'   ? VS_CMD_DIFF
                   : argv[1][0] == 'm' ? VS_CMD_MERGE
                                       : VS_CMD_REPORT;
        argc--;
        argv++;
        operands = true;
    } else if (argc >= 3 && strcmp(argv[1], "store") == 0 && strcmp(argv[2], "init") == 0) {
        cfg->cmd = VS_CMD_STORE_INIT;
        argc -= 2;
        argv += 2;
        operands = true;
    }
    optind = 1;
    opterr = 0;
    int c;
    unsigned long v;
    while ((c = getopt_long(argc, argv, ":r:i:f:w:Z:j:qh", long_opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (cfg->ninputs >= VS_MAX_INPUTS) {
                snprintf(err, errsz, "too many -r files (at most %d)", VS_MAX_INPUTS);
                return -1;
            }
            cfg->inputs[cfg->ninputs++] = optarg;
            break;
        case 'i':
            cfg->iface = optarg;
            break;
        case 'f':
            cfg->filter = optarg;
            break;
        case 'w':
            cfg->events_path = optarg;
            break;
        case 'Z':
            cfg->user = optarg;
            break;
        case 'q':
            cfg->format = VS_FORMAT_NONE;
            cfg->progress = VS_PROGRESS_NEVER;
            break;
        case 'j':
            if (parse_uint(optarg, VS_MAX_JOBS, &v) != 0 || v == 0) {
                snprintf(err, errsz, "--jobs needs a number from 1 to %d, not '%s'", VS_MAX_JOBS,
                         optarg);
                return -1;
            }
            cfg->jobs = (unsigned)v;
            break;
        case OPT_WORKERS:
            if (parse_uint(optarg, VS_MAX_WORKERS, &v) != 0 || v == 0) {
                snprintf(err, errsz, "--workers needs a number from 1 to %d, not '%s'",
                         VS_MAX_WORKERS, optarg);
                return -1;
            }
            cfg->workers = (unsigned)v;
            break;
        case OPT_RECURSIVE:
            cfg->recursive = true;
            break;
        case OPT_PROGRESS:
            cfg->progress = VS_PROGRESS_ALWAYS;
            break;
        case OPT_NO_PROGRESS:
            cfg->progress = VS_PROGRESS_NEVER;
            break;
        case OPT_DEBUG_TIMING:
            cfg->debug_timing = true;
            break;
        case 'h':
            cfg->cmd = VS_CMD_HELP;
            return 0;
        case OPT_INVENTORY:
            cfg->inventory_path = optarg;
            break;
        case OPT_STORE:
            if (strncmp(optarg, "postgresql://", 13) != 0 &&
                strncmp(optarg, "postgres://", 11) != 0) {
                snprintf(err, errsz, "--store needs a postgresql:// URL");
                return -1;
            }
            cfg->store_url = optarg;
            break;
        case OPT_TOPOLOGY: {
            size_t tl = strlen(optarg);
            if (!((tl > 8 && strcmp(optarg + tl - 8, ".graphml") == 0) ||
                  (tl > 4 && strcmp(optarg + tl - 4, ".dot") == 0))) {
                snprintf(err, errsz, "--topology FILE must end in .graphml or .dot");
                return -1;
            }
            cfg->topology_path = optarg;
            break;
        }
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                cfg->format = VS_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                cfg->format = VS_FORMAT_JSON;
            else if (strcmp(optarg, "none") == 0)
                cfg->format = VS_FORMAT_NONE;
            else {
                snprintf(err, errsz, "--format must be text, json or none, not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0)
                cfg->color = VS_COLOR_AUTO;
            else if (strcmp(optarg, "always") == 0)
                cfg->color = VS_COLOR_ALWAYS;
            else if (strcmp(optarg, "never") == 0)
                cfg->color = VS_COLOR_NEVER;
            else {
                snprintf(err, errsz, "--color must be auto, always or never");
                return -1;
            }
            break;
        case OPT_RISK_LIST:
            cfg->risk_list = optarg;
            break;
        case OPT_SIGNATURES:
            cfg->sig_dir = optarg;
            break;
        case OPT_OUI_DB:
            cfg->oui_db = optarg;
            break;
        case OPT_GEOIP:
            if (cfg->ngeoip >= VS_MAX_GEOIP) {
                snprintf(err, errsz, "too many --geoip databases (at most %d)", VS_MAX_GEOIP);
                return -1;
            }
            cfg->geoip[cfg->ngeoip++] = optarg;
            break;
        case OPT_STATE:
            cfg->state_path = optarg;
            break;
        case OPT_STATE_INTERVAL:
        case OPT_STATS_INTERVAL:
        case OPT_INVENTORY_INTERVAL:
            if (parse_uint(optarg, 86400 * 30, &v) != 0 || v == 0) {
                snprintf(err, errsz, "--%s-interval needs a number of seconds, not '%s'",
                         c == OPT_STATE_INTERVAL   ? "state"
                         : c == OPT_STATS_INTERVAL ? "stats"
                                                   : "inventory",
                         optarg);
                return -1;
            }
            if (c == OPT_STATE_INTERVAL)
                cfg->state_interval = (unsigned)v;
            else if (c == OPT_STATS_INTERVAL)
                cfg->stats_interval = (unsigned)v;
            else
                cfg->inventory_interval = (unsigned)v;
            break;
        case OPT_FAIL_ON_RISK:
            cfg->fail_on_risk = true;
            break;
        case OPT_CHROOT:
            cfg->chroot_dir = optarg;
            break;
        case OPT_SENSOR:
            cfg->sensor = optarg;
            break;
        case OPT_MAX_DEVICES:
            if (parse_uint(optarg, 100000000UL, &v) != 0 || v < 16) {
                snprintf(err, errsz, "--max-devices needs a number of at least 16, not '%s'",
                         optarg);
                return -1;
            }
            cfg->max_devices = v;
            break;
        case OPT_SYSLOG:
            cfg->syslog_target = optarg;
            break;
        case OPT_SYSLOG_DEVICES:
            cfg->syslog_devices = true;
            break;
        case OPT_SNAPLEN:
            if (parse_uint(optarg, 262144, &v) != 0 || v < 64) {
                snprintf(err, errsz, "--snaplen needs a number from 64 to 262144");
                return -1;
            }
            cfg->snaplen = (int)v;
            break;
        case OPT_BUFFER:
            if (parse_uint(optarg, 4096, &v) != 0) {
                snprintf(err, errsz, "--buffer-size needs a number of MiB up to 4096");
                return -1;
            }
            cfg->buffer_mb = (int)v;
            break;
        case OPT_NO_PROMISC:
            cfg->no_promisc = true;
            break;
        case OPT_IMMEDIATE:
            cfg->immediate = true;
            break;
        case OPT_CHECK_SIGNATURES:
            cfg->cmd = VS_CMD_CHECK_SIGNATURES;
            cfg->check_dir = optarg;
            if (!optarg && optind < argc && argv[optind][0] != '-')
                cfg->check_dir = argv[optind++];
            break;
        case OPT_VERSION:
            cfg->cmd = VS_CMD_VERSION;
            return 0;
        case OPT_HTML:
            cfg->html_path = optarg;
            break;
        case OPT_CSV:
            cfg->csv_path = optarg;
            break;
        case OPT_CSV_BOM:
            cfg->csv_bom = true;
            break;
        case OPT_AUDIT_NOTE:
            cfg->audit_note = optarg;
            break;
        case ':':
            snprintf(err, errsz, "option %s needs an argument", argv[optind - 1]);
            return -1;
        default:
            snprintf(err, errsz, "unknown option %s (see --help)", argv[optind - 1]);
            return -1;
        }
    }
    if (operands) {
        if (cfg->cmd == VS_CMD_REPORT && (cfg->ninputs || cfg->iface)) {
            snprintf(err, errsz, "report reads saved inventories, not captures (no -r or -i)");
            return -1;
        }
        for (; optind < argc; optind++) {
            if (cfg->ninputs >= VS_MAX_INPUTS) {
                snprintf(err, errsz, "too many inventories (at most %d)", VS_MAX_INPUTS);
                return -1;
            }
            cfg->inputs[cfg->ninputs++] = argv[optind];
        }
        if (cfg->cmd == VS_CMD_DIFF && cfg->ninputs != 2) {
            snprintf(err, errsz, "usage: vendorsniff diff [--format text|json] OLD NEW");
            return -1;
        }
        if (cfg->cmd == VS_CMD_STORE_INIT && (cfg->ninputs || !cfg->store_url)) {
            snprintf(err, errsz, "usage: vendorsniff store init --store postgresql://...");
            return -1;
        }
        if (cfg->cmd == VS_CMD_MERGE && cfg->ninputs == 0) {
            snprintf(err, errsz, "usage: vendorsniff merge INVENTORY... [--inventory FILE]");
            return -1;
        }
        if (cfg->cmd == VS_CMD_REPORT && cfg->ninputs == 0) {
            snprintf(err, errsz,
                     "usage: vendorsniff report INVENTORY.jsonl... [--html FILE] "
                     "[--csv FILE]");
            return -1;
        }
        return 0;
    }
    if (optind < argc) {
        snprintf(err, errsz, "unexpected argument '%s' (capture files go after -r)", argv[optind]);
        return -1;
    }
    if (cfg->cmd != VS_CMD_RUN)
        return 0;
    if (cfg->ninputs && cfg->iface) {
        snprintf(err, errsz, "-r and -i cannot be used together");
        return -1;
    }
    if (!cfg->ninputs && !cfg->iface) {
        snprintf(err, errsz, "nothing to read: give -r FILE or -i IFACE (see --help)");
        return -1;
    }
    if (cfg->chroot_dir && !cfg->user) {
        snprintf(err, errsz, "--chroot needs -Z USER");
        return -1;
    }
    if (cfg->ninputs && cfg->workers > 1) {
        snprintf(err, errsz,
                 "--workers is for live capture (-i); files are read in parallel "
                 "with --jobs");
        return -1;
    }
    return 0;
}

static bool has_data(const char *dir)
{
    char p[PATH_MAX];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/signatures/risk-list.ini", dir) >= (int)sizeof p)
        return false;
    return stat(p, &st) == 0;
}

const char *vs_datadir(void)
{
    static char found[PATH_MAX];
    if (found[0])
        return found;
    const char *env = getenv("VENDORSNIFF_DATADIR");
    if (env && *env) {
        snprintf(found, sizeof found, "%s", env);
        return found;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build tree: <src>/build/vendorsniff; install: <prefix>/bin/vendorsniff */
            const char *suffix[] = {"/..", "/../share/vendorsniff", ""};
            for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
                char d[PATH_MAX];
                if (snprintf(d, sizeof d, "%s%s", exe, suffix[i]) >= (int)sizeof d)
                    continue;
                if (has_data(d)) {
                    char *r = realpath(d, NULL);
                    snprintf(found, sizeof found, "%s", r ? r : d);
                    free(r);
                    return found;
                }
            }
        }
    }
#ifdef VS_INSTALL_DATADIR
    if (has_data(VS_INSTALL_DATADIR)) {
        snprintf(found, sizeof found, "%s", VS_INSTALL_DATADIR);
        return found;
    }
#endif
#ifdef VS_SOURCE_DATADIR
    snprintf(found, sizeof found, "%s", VS_SOURCE_DATADIR);
#else
    snprintf(found, sizeof found, ".");
#endif
    return found;
}
