/* SPDX-License-Identifier: BSD-2-Clause */
/* cli.h - command-line options to a configuration struct (getopt_long), and where the
 * shipped data (oui_db/, signatures/) is found. */
#ifndef VS_CLI_H
#define VS_CLI_H

#include <stdbool.h>
#include <stddef.h>

#define VS_MAX_INPUTS 1024
#define VS_MAX_GEOIP 8
#define VS_MAX_JOBS 256
#define VS_MAX_WORKERS 64

enum vs_command {
    VS_CMD_RUN,
    VS_CMD_LOOKUP,
    VS_CMD_CHECK_SIGNATURES,
    VS_CMD_VERSION,
    VS_CMD_HELP,
    VS_CMD_REPORT,     /* vendorsniff report INVENTORY... : inputs are saved inventories */
    VS_CMD_DIFF,       /* inputs: OLD NEW (files or folders) */
    VS_CMD_MERGE,      /* inputs: inventories; --inventory or stdout */
    VS_CMD_STORE_INIT, /* store init --store URL */
};
enum vs_format { VS_FORMAT_TEXT, VS_FORMAT_JSON, VS_FORMAT_NONE };
enum vs_color { VS_COLOR_AUTO, VS_COLOR_ALWAYS, VS_COLOR_NEVER };
enum vs_progress_mode { VS_PROGRESS_AUTO, VS_PROGRESS_ALWAYS, VS_PROGRESS_NEVER };

struct vs_config {
    enum vs_command cmd;
    const char *inputs[VS_MAX_INPUTS];
    size_t ninputs;
    const char *iface;
    const char *filter;
    const char *events_path;    /* -w */
    const char *inventory_path; /* --inventory */
    const char *topology_path;  /* --topology: .graphml or .dot */
    const char *store_url;      /* --store postgresql://... */
    enum vs_format format;
    enum vs_color color;
    const char *risk_list;
    const char *sig_dir;
    const char *oui_db;
    const char *geoip[VS_MAX_GEOIP];
    size_t ngeoip;
    const char *state_path;
    unsigned state_interval;     /* seconds */
    unsigned stats_interval;     /* seconds, live */
    unsigned inventory_interval; /* seconds, live */
    bool fail_on_risk;
    const char *user;
    const char *chroot_dir;
    const char *sensor;
    size_t max_devices;
    const char *syslog_target; /* "local", "udp://host:port", "tcp://host:port" */
    bool syslog_devices;
    int snaplen;
    int buffer_mb;
    bool no_promisc;
    bool immediate;
    bool quiet;
    bool recursive;                 /* -r DIR walks subdirectories */
    unsigned jobs;                  /* files read in parallel; 0 = the number of cores */
    unsigned workers;               /* -i: capture workers (PACKET_FANOUT); 0 or 1 = one */
    enum vs_progress_mode progress; /* auto: when stderr is a terminal */
    const char *lookup_arg;
    const char *check_dir;
    const char *html_path;  /* --html: the audit report */
    const char *csv_path;   /* --csv: one row per device */
    bool csv_bom;           /* --csv-bom */
    const char *audit_note; /* --audit-note: who ran it, why (in the report header) */
    bool debug_timing;      /* --debug-timing: start-up stages on stderr (timing.h) */
};

/* Parse argv. Returns 0, or -1 with a one-line message in err (usage error: exit 1). */
int vs_cli_parse(int argc, char **argv, struct vs_config *cfg, char *err, size_t errsz);
const char *vs_cli_usage(void);

/* The folder that holds oui_db/ and signatures/: $VENDORSNIFF_DATADIR, else next to the
 * binary in a build tree or under its install prefix, else the compiled-in paths. */
const char *vs_datadir(void);

#endif
