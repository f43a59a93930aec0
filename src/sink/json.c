/* SPDX-License-Identifier: BSD-2-Clause */
/* json.c - the JSON sink: events (device, alert, stats), the inventory file, GeoIP members;
 * each line built in one jsonw.c buffer (RFC 8259, escaped, valid UTF-8) and written at once. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/atomic.h"
#include "vendorsniff/geo.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/jsonw.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/text.h"
#include "vendorsniff/topology.h"

static void jw_ts(struct vs_jw *w, const char *key, int64_t sec, uint32_t usec)
{
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    vs_jw_key(w, key);
    vs_jw_str(w, ts);
}

static inline void kv_str(struct vs_jw *w, const char *key, const char *v)
{
    vs_jw_key(w, key);
    vs_jw_str(w, v);
}

/* ts: the event time, already formatted (an inventory's lines all carry the same one). */
static void event_head_ts(struct vs_jw *w, const char *event, const struct vs_out *o,
                          const char *ts)
{
    vs_jw_obj_begin(w);
    kv_str(w, "event", event);
    kv_str(w, "ts", ts);
    kv_str(w, "sensor", o->sensor ? o->sensor : "vendorsniff");
}

static void event_head(struct vs_jw *w, const char *event, const struct vs_out *o, int64_t sec,
                       uint32_t usec)
{
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    event_head_ts(w, event, o, ts);
}

static void evidence_item(struct vs_jw *w, const char *src, const char *field, const char *v,
                          size_t len, const char *rule)
{
    vs_jw_obj_begin(w);
    kv_str(w, "source", src);
    kv_str(w, "field", field);
    vs_jw_key(w, "value");
    vs_jw_strn(w, v, len);
    if (rule)
        kv_str(w, "rule", rule);
    vs_jw_obj_end(w);
}

static void evidence_array(struct vs_jw *w, const struct vs_device *d)
{
    vs_jw_key(w, "evidence");
    vs_jw_arr_begin(w);
    if (d->oui_org)
        evidence_item(w, "oui", "org", d->oui_org, strlen(d->oui_org), NULL);
    const char *cls = vs_mac_class_name((enum vs_mac_class)d->mac_class);
    if ((d->flags & VS_DEV_HAS_MAC) && cls)
        evidence_item(w, "oui", "class", cls, strlen(cls), NULL);
    for (size_t i = 0; i < d->side->nev; i++) {
        const struct vs_ev_item *it = &d->side->ev[i];
        evidence_item(w, vs_source_name(vs_field_source(it->field)), vs_field_name(it->field),
                      it->value, it->len, it->rule_id);
    }
}

static void ips_array(struct vs_jw *w, const struct vs_device *d)
{
    vs_jw_key(w, "ips");
    vs_jw_arr_begin(w);
    for (uint8_t i = 0; i < d->nips; i++) {
        char buf[VS_IP_STRLEN];
        vs_ip_format(&vs_device_ips(d)[i], buf);
        vs_jw_str(w, buf);
    }
    vs_jw_arr_end(w);
}

static void mac_field(struct vs_jw *w, const struct vs_device *d)
{
    char mac[VS_MAC_STRLEN];
    vs_jw_key(w, "mac");
    if (d->flags & VS_DEV_HAS_MAC) {
        vs_mac_format(d->mac, mac);
        vs_jw_str(w, mac);
    } else {
        vs_jw_null(w);
    }
}

static void id_field(struct vs_jw *w, const struct vs_device *d)
{
    char id[64];
    vs_device_id(d, id, sizeof id);
    kv_str(w, "id", id);
}

static void risk_object(struct vs_jw *w, const struct vs_out *o, const struct vs_risk_rule *r,
                        const char *vendor)
{
    vs_jw_key(w, "risk");
    if (!r) {
        vs_jw_null(w);
        return;
    }
    vs_jw_obj_begin(w);
    kv_str(w, "list", o->risk ? o->risk->name : NULL);
    kv_str(w, "rule", r->id);
    kv_str(w, "vendor", vendor);
    kv_str(w, "severity", vs_severity_name(r->severity));
    kv_str(w, "reason", r->reason);
    kv_str(w, "reference", r->reference);
    vs_jw_obj_end(w);
}

/* One address's GeoIP object (null members where nothing is known), left open: a peer adds
 * its packet count. */
static void geo_object(struct vs_jw *w, const char *ip, const struct vs_geo_info *info, bool found)
{
    vs_jw_obj_begin(w);
    kv_str(w, "ip", ip);
    kv_str(w, "country", found && info->country[0] ? info->country : NULL);
    vs_jw_key(w, "asn");
    if (found && info->asn)
        vs_jw_int(w, info->asn);
    else
        vs_jw_null(w);
    kv_str(w, "as_org", found && info->as_org[0] ? info->as_org : NULL);
}

/* The "geo" and "peers" members: what the GeoIP databases say of the device's own public
 * addresses that they know, and of every peer it talked to. */
static void geo_members(struct vs_jw *w, const struct vs_geo *g, const struct vs_device *d)
{
    vs_jw_key(w, "geo");
    vs_jw_arr_begin(w);
    for (uint8_t i = 0; i < d->nips; i++) {
        struct vs_geo_info info;
        if (!vs_geo_lookup(g, &vs_device_ips(d)[i], &info))
            continue;
        char buf[VS_IP_STRLEN];
        vs_ip_format(&vs_device_ips(d)[i], buf);
        geo_object(w, buf, &info, true);
        vs_jw_obj_end(w);
    }
    vs_jw_arr_end(w);
    vs_jw_key(w, "peers");
    vs_jw_arr_begin(w);
    for (uint8_t i = 0; i < d->side->npeers; i++) {
        struct vs_geo_info info;
        bool found = vs_geo_lookup(g, &d->side->peers[i].ip, &info);
        char buf[VS_IP_STRLEN];
        vs_ip_format(&d->side->peers[i].ip, buf);
        geo_object(w, buf, &info, found);
        vs_jw_key(w, "packets");
        vs_jw_int(w, (int64_t)d->side->peers[i].packets);
        vs_jw_obj_end(w);
    }
    vs_jw_arr_end(w);
}

/* Where the device is plugged in (topology.h); the key is left out when that is unknown. */
static void attached_object(struct vs_jw *w, const struct vs_attach *a)
{
    char id[64];
    vs_jw_key(w, "attached");
    vs_jw_obj_begin(w);
    vs_device_id(a->sw, id, sizeof id);
    kv_str(w, "switch", id);
    kv_str(w, "port", a->port);
    if (a->vlan >= 0) {
        vs_jw_key(w, "vlan");
        vs_jw_int(w, a->vlan);
    }
    if (a->local_port)
        kv_str(w, "local_port", a->local_port);
    kv_str(w, "how", vs_attach_how_name(a->how));
    vs_jw_key(w, "certainty");
    vs_jw_real(w, a->certainty);
    vs_jw_obj_end(w);
}

/* A device line after its head (event, time, sensor). */
static void device_body(struct vs_jw *w, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_attach *att)
{
    id_field(w, d);
    mac_field(w, d);
    if (d->side->naliases) {
        vs_jw_key(w, "other_macs");
        vs_jw_arr_begin(w);
        for (uint8_t i = 0; i < d->side->naliases; i++) {
            char mac[VS_MAC_STRLEN];
            vs_mac_format(d->side->aliases[i], mac);
            vs_jw_str(w, mac);
        }
        vs_jw_arr_end(w);
    }
    ips_array(w, d);
    vs_jw_key(w, "vlans");
    vs_jw_arr_begin(w);
    for (uint8_t i = 0; i < d->nvlans; i++)
        vs_jw_int(w, vs_device_vlans(d)[i]);
    vs_jw_arr_end(w);
    kv_str(w, "vendor", d->vendor);
    vs_jw_key(w, "confidence");
    vs_jw_real(w, d->confidence);
    kv_str(w, "oui_org", d->oui_org);
    kv_str(w, "model", d->side->model);
    kv_str(w, "software", d->side->software);
    kv_str(w, "name", d->side->name);
    evidence_array(w, d);
    vs_jw_arr_end(w);
    risk_object(w, o, d->risk, d->vendor);
    if (d->flags & (VS_DEV_GATEWAY | VS_DEV_ROUTER)) {
        vs_jw_key(w, "gateway");
        vs_jw_bool(w, true);
    }
    if (o->geo)
        geo_members(w, o->geo, d);
    jw_ts(w, "first_seen", d->first_sec, d->first_usec);
    jw_ts(w, "last_seen", d->last_sec, d->last_usec);
    vs_jw_key(w, "packets");
    vs_jw_int(w, (int64_t)d->packets);
    if (d->side->cpe_hw || d->side->cpe_os) { /* when known (docs/events.md) */
        vs_jw_key(w, "cpe");
        vs_jw_arr_begin(w);
        if (d->side->cpe_hw)
            vs_jw_str(w, d->side->cpe_hw);
        if (d->side->cpe_os)
            vs_jw_str(w, d->side->cpe_os);
        vs_jw_arr_end(w);
    }
    if (att)
        attached_object(w, att);
    vs_jw_obj_end(w);
}

static void device_json(struct vs_jw *w, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_attach *att, const char *ts)
{
    event_head_ts(w, "device", o, ts);
    device_body(w, o, d, att);
}

/* One line out: the buffer and a newline in one write; f NULL: through o->put. */
static int put_line(FILE *f, const struct vs_out *o, struct vs_jw *w)
{
    vs_buf_add(&w->b, "\n", 1);
    int rc;
    if (!w->b.p)
        rc = -ENOMEM;
    else if (!f)
        rc = o->put ? o->put(o->put_ctx, w->b.p, w->b.len) : 0;
    else {
        errno = 0;
        rc = fwrite(w->b.p, 1, w->b.len, f) == w->b.len ? 0 : errno ? -errno : -EIO;
    }
    vs_jw_free(w);
    return rc;
}

int vs_jsonl_device(FILE *f, const struct vs_out *o, const struct vs_device *d, int64_t sec,
                    uint32_t usec)
{
    struct vs_jw w = {0};
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    device_json(&w, o, d, NULL, ts);
    return put_line(f, o, &w);
}

int vs_jsonl_device_at(FILE *f, const struct vs_out *o, const struct vs_device *d,
                       const struct vs_attach *att, int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    device_json(&w, o, d, att, ts);
    return put_line(f, o, &w);
}

static void alert_json(struct vs_jw *w, const struct vs_out *o, const struct vs_device *d,
                       const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    event_head(w, "alert", o, sec, usec);
    id_field(w, d);
    mac_field(w, d);
    ips_array(w, d);
    kv_str(w, "vendor", r->kind == VS_RISK_VENDOR ? r->vendor : d->vendor);
    kv_str(w, "model", d->side->model);
    vs_jw_key(w, "confidence");
    vs_jw_real(w, d->confidence);
    kv_str(w, "severity", vs_severity_name(r->severity));
    kv_str(w, "rule", r->kind == VS_RISK_VENDOR ? "risk-vendor" : "risk-peer");
    kv_str(w, "list_rule", r->id);
    kv_str(w, "list", o->risk ? o->risk->name : NULL);
    kv_str(w, "reason", r->reason);
    kv_str(w, "reference", r->reference);
    evidence_array(w, d); /* left open: a peer alert appends its peer evidence */
}

int vs_jsonl_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                   const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    alert_json(&w, o, d, r, sec, usec);
    vs_jw_arr_end(&w);
    vs_jw_obj_end(&w);
    return put_line(f, o, &w);
}

/* Risk alerts held back (devices known only by a risk vendor's OUI, past the per-minute
 * limit): one line says how many, for which vendor and rule, in which minute. */
static void summary_json(struct vs_jw *w, const struct vs_out *o, const char *vendor,
                         const struct vs_risk_rule *r, uint64_t n, int64_t window_sec, int64_t sec,
                         uint32_t usec)
{
    char reason[256];
    event_head(w, "alert_summary", o, sec, usec);
    kv_str(w, "vendor", vendor);
    kv_str(w, "severity", r ? vs_severity_name(r->severity) : NULL);
    kv_str(w, "rule", "risk-vendor");
    kv_str(w, "list_rule", r ? r->id : NULL);
    kv_str(w, "list", o->risk ? o->risk->name : NULL);
    vs_jw_key(w, "count");
    vs_jw_int(w, (int64_t)n);
    jw_ts(w, "window_start", window_sec, 0);
    vs_jw_key(w, "window_seconds");
    vs_jw_int(w, 60);
    snprintf(reason, sizeof reason,
             "%llu more devices with %s OUIs and no other evidence in that minute",
             (unsigned long long)n, vendor);
    kv_str(w, "reason", reason);
    vs_jw_obj_end(w);
}

int vs_jsonl_alert_summary(FILE *f, const struct vs_out *o, const char *vendor,
                           const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                           int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    summary_json(&w, o, vendor, r, n, window_sec, sec, usec);
    return put_line(f, o, &w);
}

char *vs_alert_summary_json_string(const struct vs_out *o, const char *vendor,
                                   const struct vs_risk_rule *r, uint64_t n, int64_t window_sec,
                                   int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    summary_json(&w, o, vendor, r, n, window_sec, sec, usec);
    return w.b.p; /* the caller frees it */
}

int vs_jsonl_peer_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_risk_rule *r, const struct vs_ip *peer, const char *country,
                        uint32_t asn, int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    char ip[VS_IP_STRLEN], v[128];
    vs_ip_format(peer, ip);
    alert_json(&w, o, d, r, sec, usec);
    int n = snprintf(v, sizeof v, "%s%s%s", ip, country && *country ? " country " : "",
                     country && *country ? country : "");
    if (asn && n > 0 && (size_t)n < sizeof v)
        snprintf(v + n, sizeof v - (size_t)n, " AS%u", (unsigned)asn);
    evidence_item(&w, "geo", "peer", v, strlen(v), NULL);
    vs_jw_arr_end(&w);
    vs_jw_key(&w, "peer");
    vs_jw_obj_begin(&w);
    kv_str(&w, "ip", ip);
    kv_str(&w, "country", country && *country ? country : NULL);
    vs_jw_key(&w, "asn");
    if (asn)
        vs_jw_int(&w, asn);
    else
        vs_jw_null(&w);
    vs_jw_obj_end(&w);
    vs_jw_obj_end(&w);
    return put_line(f, o, &w);
}

char *vs_alert_json_string(const struct vs_out *o, const struct vs_device *d,
                           const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    struct vs_jw w = {0};
    alert_json(&w, o, d, r, sec, usec);
    vs_jw_arr_end(&w);
    vs_jw_obj_end(&w);
    return w.b.p; /* the caller frees it */
}

int vs_jsonl_stats(FILE *f, const struct vs_out *o, const struct vs_run_stats *s, int64_t sec,
                   uint32_t usec)
{
    struct vs_jw w = {0};
    event_head(&w, "stats", o, sec, usec);
    vs_jw_key(&w, "packets");
    vs_jw_int(&w, (int64_t)s->pipe->packets);
    vs_jw_key(&w, "bytes");
    vs_jw_int(&w, (int64_t)s->pipe->bytes);
    vs_jw_key(&w, "devices");
    vs_jw_int(&w, (int64_t)s->devices);
    vs_jw_key(&w, "alerts");
    vs_jw_int(&w, (int64_t)s->alerts);
    vs_jw_key(&w, "evictions");
    vs_jw_int(&w, (int64_t)s->evictions);
    vs_jw_key(&w, "decode_errors");
    vs_jw_obj_begin(&w);
    for (int i = 0; i < VS_PROTO__COUNT; i++) {
        uint64_t n = s->pipe->truncated[i] + s->pipe->malformed[i];
        if (n) {
            vs_jw_key(&w, vs_proto_name((enum vs_proto)i));
            vs_jw_int(&w, (int64_t)n);
        }
    }
    vs_jw_obj_end(&w);
    vs_jw_key(&w, "unsupported_link");
    vs_jw_int(&w, (int64_t)s->pipe->unsupported_link);
    vs_jw_key(&w, "evidence_dropped");
    vs_jw_int(&w, (int64_t)(s->pipe->evidence_dropped + s->evidence_dropped));
    if (s->have_pcap_stats) {
        vs_jw_key(&w, "capture");
        vs_jw_obj_begin(&w);
        vs_jw_key(&w, "received");
        vs_jw_int(&w, (int64_t)s->ps_recv);
        vs_jw_key(&w, "dropped");
        vs_jw_int(&w, (int64_t)s->ps_drop);
        vs_jw_key(&w, "if_dropped");
        vs_jw_int(&w, (int64_t)s->ps_ifdrop);
        if (s->workers) {
            vs_jw_key(&w, "workers");
            vs_jw_int(&w, (int64_t)s->workers);
            vs_jw_key(&w, "fanout");
            vs_jw_str(&w, s->fanout);
        }
        vs_jw_obj_end(&w);
    }
    if (s->input_failures) {
        vs_jw_key(&w, "input_errors");
        vs_jw_int(&w, (int64_t)s->input_failures);
    }
    if (s->reloads || s->reload_failures) {
        vs_jw_key(&w, "reloads");
        vs_jw_int(&w, (int64_t)s->reloads);
        vs_jw_key(&w, "reload_failures");
        vs_jw_int(&w, (int64_t)s->reload_failures);
    }
    if (s->events_lost || s->output_failures) {
        vs_jw_key(&w, "output_errors");
        vs_jw_obj_begin(&w);
        vs_jw_key(&w, "events_lost");
        vs_jw_int(&w, (int64_t)s->events_lost);
        vs_jw_key(&w, "failures");
        vs_jw_int(&w, (int64_t)s->output_failures);
        kv_str(&w, "last", s->output_error);
        vs_jw_obj_end(&w);
    }
    size_t nlim = s->sigs ? vs_sigs_limit_rules(s->sigs) : 0;
    bool any_limit = false;
    for (size_t i = 0; i < nlim && !any_limit; i++) {
        const char *id;
        any_limit = vs_sigs_limit_hits(s->sigs, i, &id) > 0;
    }
    if (any_limit) {
        /* The cost of hostile rules: matches stopped by the PCRE2 limits, per rule. */
        vs_jw_key(&w, "signature_limits");
        vs_jw_obj_begin(&w);
        for (size_t i = 0; i < nlim; i++) {
            const char *id;
            uint64_t hits = vs_sigs_limit_hits(s->sigs, i, &id);
            if (hits) {
                vs_jw_key(&w, id);
                vs_jw_int(&w, (int64_t)hits);
            }
        }
        vs_jw_obj_end(&w);
    }
    vs_jw_obj_end(&w);
    return put_line(f, o, &w);
}

/* Every device line to f and, when also is not NULL, to also: one sort and one serialisation
 * when the inventory file and --format json are both asked for. A write error stops that
 * stream only; its status goes to *also_rc. */
static int print_lines(FILE *f, FILE *also, int *also_rc, const struct vs_out *o,
                       struct vs_inventory *inv, int64_t sec, uint32_t usec)
{
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    if (!arr) {
        if (also_rc)
            *also_rc = -ENOMEM;
        return -ENOMEM;
    }
    int rc = 0, arc = 0;
    struct vs_topology topo;
    if (vs_topology_build(inv, &topo) != 0)
        topo.n = 0; /* out of memory: the inventory without attachments rather than none */
    struct vs_jw w = {0}, head = {0};
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    /* Every line of an inventory starts alike: the head is written once and copied. */
    event_head_ts(&head, "device", o, ts);
    for (size_t i = 0; i < n && (rc == 0 || (also && arc == 0)); i++) {
        vs_jw_reset(&w);
        if (head.b.p) {
            vs_buf_add(&w.b, head.b.p, head.b.len);
            w.depth = head.depth;
            memcpy(w.need_comma, head.need_comma, sizeof w.need_comma);
            w.after_key = head.after_key;
            device_body(&w, o, arr[i], vs_topology_find(&topo, arr[i]));
        } else {
            device_json(&w, o, arr[i], vs_topology_find(&topo, arr[i]), ts);
        }
        vs_buf_add(&w.b, "\n", 1);
        errno = 0;
        if (rc == 0 && !w.b.p)
            rc = -ENOMEM;
        else if (rc == 0 && fwrite(w.b.p, 1, w.b.len, f) != w.b.len)
            rc = errno ? -errno : -EIO;
        if (also && arc == 0 && (!w.b.p || fwrite(w.b.p, 1, w.b.len, also) != w.b.len))
            arc = -EIO;
    }
    vs_jw_free(&w);
    vs_jw_free(&head);
    vs_topology_free(&topo);
    free(arr);
    if (also_rc)
        *also_rc = arc;
    return rc;
}

int vs_json_print_inventory(FILE *f, const struct vs_out *o, struct vs_inventory *inv, int64_t sec,
                            uint32_t usec)
{
    return print_lines(f, NULL, NULL, o, inv, sec, usec);
}

int vs_json_write_inventory_tee(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                                int64_t sec, uint32_t usec, FILE *also, bool *also_done, char *err,
                                size_t errsz)
{
    if (also_done)
        *also_done = false;
    struct vs_atomic at;
    int rc = vs_atomic_open(&at, path, 0644);
    if (rc != 0) {
        snprintf(err, errsz, "%s: cannot write the inventory: %s", path, vs_atomic_strerror(rc));
        return rc;
    }
    int arc = -ENOMEM;
    rc = vs_atomic_commit(&at, print_lines(at.f, also, also ? &arc : NULL, o, inv, sec, usec));
    if (also_done)
        *also_done = also && arc != -ENOMEM; /* the lines went out (or failed as a stream) */
    if (rc != 0)
        snprintf(err, errsz, "%s: cannot write the inventory: %s", path, strerror(-rc));
    return rc;
}

int vs_json_write_inventory(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                            int64_t sec, uint32_t usec, char *err, size_t errsz)
{
    return vs_json_write_inventory_tee(path, o, inv, sec, usec, NULL, NULL, err, errsz);
}
