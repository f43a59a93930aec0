/* SPDX-License-Identifier: BSD-2-Clause */
/* text.c - the readable report: what is on the wire, who made it, which of it is on the
 * risk list, and the evidence behind each verdict. Every wire string is escaped. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vendorsniff/geo.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/sink.h"
#include "vendorsniff/text.h"
#include "vendorsniff/topology.h"

#ifndef VS_VERSION
#define VS_VERSION "0.0.0" /* CMake passes the project version */
#endif

/* Devices listed one by one before the report only summarises the rest. */
#define REPORT_FULL_LIMIT 200
/* Evidence lines shown per device. */
#define REPORT_EVIDENCE_LINES 12
/* Width a value is cut to in the report (the JSON keeps it whole). */
#define REPORT_VALUE_WIDTH 160

struct style {
    const char *bold, *red, *yellow, *dim, *off;
};

static const struct style plain = {"", "", "", "", ""};
static const struct style ansi = {"\033[1m", "\033[1;31m", "\033[33m", "\033[2m", "\033[0m"};

/* Print a wire string escaped, cut to width characters with an ellipsis. */
static void put_wire(FILE *f, const char *s, size_t width)
{
    char buf[REPORT_VALUE_WIDTH * 8 + 16];
    size_t n = vs_term_escape(s ? s : "", buf, sizeof buf);
    /* Count characters, not bytes, when cutting; escapes are ASCII. */
    size_t chars = 0, i = 0;
    while (i < n && chars < width) {
        unsigned char c = (unsigned char)buf[i];
        i++;
        while (i < n && ((unsigned char)buf[i] & 0xc0) == 0x80)
            i++;
        (void)c;
        chars++;
    }
    fwrite(buf, 1, i, f);
    if (i < n)
        fputs("...", f);
}

static bool has_protocol_evidence(const struct vs_device *d)
{
    return d->side->nev > 0;
}

struct vendor_count {
    const char *vendor;
    size_t n, risk;
};

static int cmp_vc(const void *a, const void *b)
{
    const struct vendor_count *x = a, *y = b;
    if (x->risk != y->risk)
        return x->risk < y->risk ? 1 : -1;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcasecmp(x->vendor, y->vendor);
}

static void summary(FILE *f, const struct style *st, struct vs_device **arr, size_t n)
{
    struct vendor_count *vc = calloc(n + 1, sizeof *vc);
    size_t nvc = 0;
    if (!vc)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *v = arr[i]->vendor ? arr[i]->vendor : "(unknown)";
        size_t k;
        for (k = 0; k < nvc; k++)
            if (strcmp(vc[k].vendor, v) == 0)
                break;
        if (k == nvc) {
            vc[nvc].vendor = v;
            nvc++;
        }
        vc[k].n++;
        if (arr[i]->risk)
            vc[k].risk++;
    }
    qsort(vc, nvc, sizeof *vc, cmp_vc);
    fprintf(f, "%sDevices by vendor%s\n", st->bold, st->off);
    size_t shown = nvc < 40 ? nvc : 40;
    for (size_t k = 0; k < shown; k++) {
        fputs("  ", f);
        if (vc[k].risk)
            fputs(st->red, f);
        put_wire(f, vc[k].vendor, 40);
        fprintf(f, "%s  %zu", vc[k].risk ? st->off : "", vc[k].n);
        if (vc[k].risk)
            fprintf(f, "  (%zu on the risk list)", vc[k].risk);
        fputc('\n', f);
    }
    if (nvc > shown)
        fprintf(f, "  ... and %zu more vendors\n", nvc - shown);
    fputc('\n', f);
    free(vc);
}

static const char *find_ev(const struct vs_device *d, enum vs_field f)
{
    for (size_t i = 0; i < d->side->nev; i++)
        if (d->side->ev[i].field == f)
            return d->side->ev[i].value;
    return NULL;
}

static void peers_block(FILE *f, const struct vs_out *o, const struct vs_device *d)
{
    if (!o->geo || !d->side->npeers)
        return;
    fputs("    peers     ", f);
    for (uint8_t i = 0; i < d->side->npeers && i < 5; i++) {
        char ip[VS_IP_STRLEN];
        struct vs_geo_info g;
        vs_ip_format(&d->side->peers[i].ip, ip);
        bool found = vs_geo_lookup(o->geo, &d->side->peers[i].ip, &g);
        fprintf(f, "%s%s", i ? "\n              " : "", ip);
        if (found) {
            fprintf(f, " (%s", g.country[0] ? g.country : "??");
            if (g.asn) {
                fprintf(f, ", AS%u ", (unsigned)g.asn);
                put_wire(f, g.as_org, 40);
            }
            fputc(')', f);
        }
        fprintf(f, " %llu packets", (unsigned long long)d->side->peers[i].packets);
    }
    if (d->side->npeers > 5)
        fprintf(f, "\n              ... %u more", d->side->npeers - 5u);
    fputc('\n', f);
}

static void device_block(FILE *f, const struct vs_out *o, const struct style *st,
                         const struct vs_device *d, const struct vs_attach *att)
{
    char id[64];
    vs_device_id(d, id, sizeof id);
    if (d->risk)
        fprintf(f, "%s[%s] %s", st->red, vs_severity_name(d->risk->severity), st->off);
    fprintf(f, "%s%s%s  ", st->bold, id, st->off);
    if (d->vendor) {
        put_wire(f, d->vendor, 60);
        fprintf(f, " (confidence %.2f%s)", d->confidence,
                d->conflict ? ", conflicting evidence" : "");
    } else {
        fputs("vendor unknown", f);
        const char *cls = vs_mac_class_name((enum vs_mac_class)d->mac_class);
        if ((d->flags & VS_DEV_HAS_MAC) && cls)
            fprintf(f, " (%s address)", cls);
    }
    fputc('\n', f);
    if (d->risk) {
        fputs("    risk      ", f);
        put_wire(f, d->risk->reason, REPORT_VALUE_WIDTH);
        fputc('\n', f);
    }
    if (d->side->model) {
        fputs("    model     ", f);
        put_wire(f, d->side->model, REPORT_VALUE_WIDTH);
        fputc('\n', f);
    }
    if (d->side->software) {
        fputs("    software  ", f);
        put_wire(f, d->side->software, REPORT_VALUE_WIDTH);
        fputc('\n', f);
    }
    for (int k = 0; k < 2; k++) {
        const char *cpe = k ? d->side->cpe_os : d->side->cpe_hw;
        if (cpe) {
            fputs("    cpe       ", f);
            put_wire(f, cpe, REPORT_VALUE_WIDTH);
            fputc('\n', f);
        }
    }
    if (d->side->name) {
        fputs("    name      ", f);
        put_wire(f, d->side->name, REPORT_VALUE_WIDTH);
        fputc('\n', f);
    }
    if (d->nips) {
        fputs("    ip        ", f);
        for (uint8_t i = 0; i < d->nips && i < 8; i++) {
            char b[VS_IP_STRLEN];
            vs_ip_format(&vs_device_ips(d)[i], b);
            fprintf(f, "%s%s", i ? ", " : "", b);
        }
        if (d->nips > 8)
            fprintf(f, ", ... (%u)", d->nips);
        if (d->flags & (VS_DEV_GATEWAY | VS_DEV_ROUTER))
            fputs("  (routes for others)", f);
        fputc('\n', f);
    }
    if (d->side->naliases) {
        fputs("    also      ", f);
        for (uint8_t i = 0; i < d->side->naliases; i++) {
            char m[VS_MAC_STRLEN];
            vs_mac_format(d->side->aliases[i], m);
            fprintf(f, "%s%s", i ? ", " : "", m);
        }
        fputc('\n', f);
    }
    if (d->nvlans) {
        fputs("    vlan      ", f);
        for (uint8_t i = 0; i < d->nvlans; i++)
            fprintf(f, "%s%u", i ? ", " : "", vs_device_vlans(d)[i]);
        fputc('\n', f);
    }
    const char *port = find_ev(d, VS_F_LLDP_PORT_ID);
    if (!port)
        port = find_ev(d, VS_F_CDP_PORT_ID);
    if (!port)
        port = find_ev(d, VS_F_FDP_PORT_ID);
    if (port) {
        fputs("    port      ", f);
        put_wire(f, port, 80);
        fputc('\n', f);
    }
    if (att) {
        char sw[64];
        vs_device_id(att->sw, sw, sizeof sw);
        fprintf(f, "    attached  %s port ", sw);
        put_wire(f, att->port, 60);
        if (att->vlan >= 0)
            fprintf(f, ", VLAN %d", att->vlan);
        fprintf(f, " (%s, certainty %.1f)\n", vs_attach_how_name(att->how), att->certainty);
    }
    peers_block(f, o, d);
    char a[VS_TS_STRLEN], b[VS_TS_STRLEN];
    vs_ts_format(d->first_sec, d->first_usec, a);
    vs_ts_format(d->last_sec, d->last_usec, b);
    fprintf(f, "    seen      %s .. %s, %llu packets\n", a, b, (unsigned long long)d->packets);
    if (d->oui_org) {
        fprintf(f, "    %sevidence%s  oui.org = ", st->dim, st->off);
        put_wire(f, d->oui_org, REPORT_VALUE_WIDTH);
        fputc('\n', f);
    }
    size_t shown = 0;
    for (size_t i = 0; i < d->side->nev; i++) {
        const struct vs_ev_item *e = &d->side->ev[i];
        if (shown == REPORT_EVIDENCE_LINES) {
            fprintf(f, "              ... %zu more (see --inventory)\n", d->side->nev - shown);
            break;
        }
        fprintf(f, "    %s%s%s  %s.%s = ", st->dim, shown || d->oui_org ? "        " : "evidence",
                st->off, vs_source_name(vs_field_source(e->field)), vs_field_name(e->field));
        put_wire(f, e->value, REPORT_VALUE_WIDTH);
        if (e->rule_id)
            fprintf(f, "  %s[%s]%s", st->dim, e->rule_id, st->off);
        fputc('\n', f);
        shown++;
    }
    fputc('\n', f);
}

void vs_report_text(FILE *f, const struct vs_out *o, struct vs_inventory *inv,
                    const struct vs_run_stats *s, bool color)
{
    const struct style *st = color ? &ansi : &plain;
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    if (!arr)
        return;
    struct vs_topology topo;
    if (vs_topology_build(inv, &topo) != 0)
        topo.n = 0;
    size_t nrisk = 0, nevid = 0;
    for (size_t i = 0; i < n; i++) {
        nrisk += arr[i]->risk != NULL;
        nevid += has_protocol_evidence(arr[i]);
    }
    fprintf(f, "%svendorsniff %s report%s  sensor ", st->bold, VS_VERSION, st->off);
    put_wire(f, o->sensor, 60);
    if (s->ninputs) {
        fputs("\n  read     ", f);
        for (size_t i = 0; i < s->ninputs && i < 4; i++) {
            if (i)
                fputs(", ", f);
            put_wire(f, strcmp(s->inputs[i], "-") ? s->inputs[i] : "(stdin)", 80);
        }
        if (s->ninputs > 4)
            fprintf(f, " and %zu more", s->ninputs - 4);
    }
    if (s->have_span) {
        char a[VS_TS_STRLEN], b[VS_TS_STRLEN];
        vs_ts_format(s->first_sec, s->first_usec, a);
        vs_ts_format(s->last_sec, s->last_usec, b);
        fprintf(f, "\n  packets  %s .. %s", a, b);
    }
    fprintf(f, "\n  %llu packets, %zu devices (%zu with protocol evidence), %zu on the risk list",
            (unsigned long long)s->pipe->packets, n, nevid, nrisk);
    uint64_t errs = vs_stats_decode_errors(s->pipe);
    if (errs)
        fprintf(f, ", %llu decode errors", (unsigned long long)errs);
    fputc('\n', f);
    if (o->risk)
        fprintf(f, "  risk list: %s (%zu rules)\n", o->risk->name, o->risk->nrules);
    if (!o->geo)
        fputs("  GeoIP enrichment: off (no --geoip database)\n", f);
    else
        fprintf(f, "  GeoIP: %s\n", vs_geo_describe(o->geo));
    fputc('\n', f);

    if (nrisk) {
        fprintf(f, "%s%sRISK: %zu device%s on the risk list%s\n\n", st->red, st->bold, nrisk,
                nrisk == 1 ? "" : "s", st->off);
        for (size_t i = 0; i < n && arr[i]->risk; i++)
            device_block(f, o, st, arr[i], vs_topology_find(&topo, arr[i]));
    } else {
        fputs("No device on the risk list.\n\n", f);
    }
    summary(f, st, arr, n);

    size_t rest = n - nrisk;
    bool full = rest <= REPORT_FULL_LIMIT;
    fprintf(f, "%sOther devices%s%s\n\n", st->bold, st->off,
            full ? "" : " (with protocol evidence; the others are in the summary above)");
    for (size_t i = nrisk; i < n; i++)
        if (full || has_protocol_evidence(arr[i]))
            device_block(f, o, st, arr[i], vs_topology_find(&topo, arr[i]));
    vs_topology_free(&topo);
    free(arr);
}
