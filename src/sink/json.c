/* json.c - JSON Lines events and the inventory file, written with jansson. Every value
 * from the wire is already valid UTF-8 (the inventory cleans it), and jansson escapes
 * control characters, so each line is valid JSON whatever the packets held. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/geo.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/sink.h"
#include "vendorsniff/text.h"

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jts(int64_t sec, uint32_t usec)
{
    char ts[VS_TS_STRLEN];
    vs_ts_format(sec, usec, ts);
    return json_string(ts);
}

static json_t *event_head(const char *event, const struct vs_out *o, int64_t sec, uint32_t usec)
{
    json_t *j = json_object();
    json_object_set_new(j, "event", json_string(event));
    json_object_set_new(j, "ts", jts(sec, usec));
    json_object_set_new(j, "sensor", jstr(o->sensor ? o->sensor : "vendorsniff"));
    return j;
}

static json_t *evidence_array(const struct vs_device *d)
{
    json_t *a = json_array();
    if (d->oui_org) {
        json_t *e = json_object();
        json_object_set_new(e, "source", json_string("oui"));
        json_object_set_new(e, "field", json_string("org"));
        json_object_set_new(e, "value", json_string(d->oui_org));
        json_array_append_new(a, e);
    }
    const char *cls = vs_mac_class_name((enum vs_mac_class)d->mac_class);
    if ((d->flags & VS_DEV_HAS_MAC) && cls) {
        json_t *e = json_object();
        json_object_set_new(e, "source", json_string("oui"));
        json_object_set_new(e, "field", json_string("class"));
        json_object_set_new(e, "value", json_string(cls));
        json_array_append_new(a, e);
    }
    for (size_t i = 0; i < d->nev; i++) {
        const struct vs_ev_item *it = &d->ev[i];
        json_t *e = json_object();
        json_object_set_new(e, "source", json_string(vs_source_name(vs_field_source(it->field))));
        json_object_set_new(e, "field", json_string(vs_field_name(it->field)));
        json_object_set_new(e, "value", json_stringn(it->value, it->len));
        if (it->rule_id)
            json_object_set_new(e, "rule", json_string(it->rule_id));
        json_array_append_new(a, e);
    }
    return a;
}

static json_t *ips_array(const struct vs_device *d)
{
    json_t *a = json_array();
    for (uint8_t i = 0; i < d->nips; i++) {
        char buf[VS_IP_STRLEN];
        vs_ip_format(&d->ips[i], buf);
        json_array_append_new(a, json_string(buf));
    }
    return a;
}

static json_t *risk_object(const struct vs_out *o, const struct vs_risk_rule *r, const char *vendor)
{
    if (!r)
        return json_null();
    json_t *j = json_object();
    json_object_set_new(j, "list", jstr(o->risk ? o->risk->name : NULL));
    json_object_set_new(j, "rule", json_string(r->id));
    json_object_set_new(j, "vendor", jstr(vendor));
    json_object_set_new(j, "severity", json_string(vs_severity_name(r->severity)));
    json_object_set_new(j, "reason", jstr(r->reason));
    json_object_set_new(j, "reference", jstr(r->reference));
    return j;
}

static json_t *device_json(const struct vs_out *o, const struct vs_device *d, int64_t sec,
                           uint32_t usec)
{
    char id[64], mac[VS_MAC_STRLEN];
    vs_device_id(d, id, sizeof id);
    json_t *j = event_head("device", o, sec, usec);
    json_object_set_new(j, "id", json_string(id));
    if (d->flags & VS_DEV_HAS_MAC) {
        vs_mac_format(d->mac, mac);
        json_object_set_new(j, "mac", json_string(mac));
    } else {
        json_object_set_new(j, "mac", json_null());
    }
    if (d->naliases) {
        json_t *om = json_array();
        for (uint8_t i = 0; i < d->naliases; i++) {
            vs_mac_format(d->aliases[i], mac);
            json_array_append_new(om, json_string(mac));
        }
        json_object_set_new(j, "other_macs", om);
    }
    json_object_set_new(j, "ips", ips_array(d));
    json_t *vl = json_array();
    for (uint8_t i = 0; i < d->nvlans; i++)
        json_array_append_new(vl, json_integer(d->vlans[i]));
    json_object_set_new(j, "vlans", vl);
    json_object_set_new(j, "vendor", jstr(d->vendor));
    json_object_set_new(j, "confidence", json_real(d->confidence));
    json_object_set_new(j, "oui_org", jstr(d->oui_org));
    json_object_set_new(j, "model", jstr(d->model));
    json_object_set_new(j, "software", jstr(d->software));
    json_object_set_new(j, "name", jstr(d->name));
    json_object_set_new(j, "evidence", evidence_array(d));
    json_object_set_new(j, "risk", risk_object(o, d->risk, d->vendor));
    if (d->flags & (VS_DEV_GATEWAY | VS_DEV_ROUTER))
        json_object_set_new(j, "gateway", json_true());
    if (o->geo)
        vs_geo_annotate(o->geo, d, j);
    json_object_set_new(j, "first_seen", jts(d->first_sec, d->first_usec));
    json_object_set_new(j, "last_seen", jts(d->last_sec, d->last_usec));
    json_object_set_new(j, "packets", json_integer((json_int_t)d->packets));
    return j;
}

static int dump_line(FILE *f, json_t *j)
{
    /* Fixed key order (insertion order) keeps offline output deterministic. */
    int rc = json_dumpf(j, f, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(j);
    if (rc != 0 || fputc('\n', f) == EOF)
        return -EIO;
    return 0;
}

int vs_jsonl_device(FILE *f, const struct vs_out *o, const struct vs_device *d, int64_t sec,
                    uint32_t usec)
{
    return dump_line(f, device_json(o, d, sec, usec));
}

static json_t *alert_json(const struct vs_out *o, const struct vs_device *d,
                          const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    char id[64], mac[VS_MAC_STRLEN];
    vs_device_id(d, id, sizeof id);
    json_t *j = event_head("alert", o, sec, usec);
    json_object_set_new(j, "id", json_string(id));
    if (d->flags & VS_DEV_HAS_MAC) {
        vs_mac_format(d->mac, mac);
        json_object_set_new(j, "mac", json_string(mac));
    } else {
        json_object_set_new(j, "mac", json_null());
    }
    json_object_set_new(j, "ips", ips_array(d));
    json_object_set_new(j, "vendor", jstr(r->kind == VS_RISK_VENDOR ? r->vendor : d->vendor));
    json_object_set_new(j, "model", jstr(d->model));
    json_object_set_new(j, "confidence", json_real(d->confidence));
    json_object_set_new(j, "severity", json_string(vs_severity_name(r->severity)));
    json_object_set_new(j, "rule", json_string(r->kind == VS_RISK_VENDOR ? "risk-vendor" : "risk-peer"));
    json_object_set_new(j, "list_rule", json_string(r->id));
    json_object_set_new(j, "list", jstr(o->risk ? o->risk->name : NULL));
    json_object_set_new(j, "reason", jstr(r->reason));
    json_object_set_new(j, "reference", jstr(r->reference));
    json_object_set_new(j, "evidence", evidence_array(d));
    return j;
}

int vs_jsonl_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                   const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    return dump_line(f, alert_json(o, d, r, sec, usec));
}

int vs_jsonl_peer_alert(FILE *f, const struct vs_out *o, const struct vs_device *d,
                        const struct vs_risk_rule *r, const struct vs_ip *peer, const char *country,
                        uint32_t asn, int64_t sec, uint32_t usec)
{
    json_t *j = alert_json(o, d, r, sec, usec);
    char ip[VS_IP_STRLEN];
    vs_ip_format(peer, ip);
    json_t *p = json_object();
    json_object_set_new(p, "ip", json_string(ip));
    json_object_set_new(p, "country", country && *country ? json_string(country) : json_null());
    json_object_set_new(p, "asn", asn ? json_integer(asn) : json_null());
    json_object_set_new(j, "peer", p);
    json_t *e = json_object();
    char v[128];
    snprintf(v, sizeof v, "%s%s%s%s", ip, country && *country ? " country " : "",
             country ? country : "", "");
    if (asn) {
        size_t n = strlen(v);
        snprintf(v + n, sizeof v - n, " AS%u", (unsigned)asn);
    }
    json_object_set_new(e, "source", json_string("geo"));
    json_object_set_new(e, "field", json_string("peer"));
    json_object_set_new(e, "value", json_string(v));
    json_array_append_new(json_object_get(j, "evidence"), e);
    return dump_line(f, j);
}

char *vs_alert_json_string(const struct vs_out *o, const struct vs_device *d,
                           const struct vs_risk_rule *r, int64_t sec, uint32_t usec)
{
    json_t *j = alert_json(o, d, r, sec, usec);
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(j);
    return s;
}

int vs_jsonl_stats(FILE *f, const struct vs_out *o, const struct vs_run_stats *s, int64_t sec,
                   uint32_t usec)
{
    json_t *j = event_head("stats", o, sec, usec);
    json_object_set_new(j, "packets", json_integer((json_int_t)s->pipe->packets));
    json_object_set_new(j, "bytes", json_integer((json_int_t)s->pipe->bytes));
    json_object_set_new(j, "devices", json_integer((json_int_t)s->devices));
    json_object_set_new(j, "alerts", json_integer((json_int_t)s->alerts));
    json_object_set_new(j, "evictions", json_integer((json_int_t)s->evictions));
    json_t *de = json_object();
    for (int i = 0; i < VS_PROTO__COUNT; i++) {
        uint64_t n = s->pipe->truncated[i] + s->pipe->malformed[i];
        if (n)
            json_object_set_new(de, vs_proto_name((enum vs_proto)i), json_integer((json_int_t)n));
    }
    json_object_set_new(j, "decode_errors", de);
    json_object_set_new(j, "unsupported_link",
                        json_integer((json_int_t)s->pipe->unsupported_link));
    if (s->have_pcap_stats) {
        json_t *c = json_object();
        json_object_set_new(c, "received", json_integer((json_int_t)s->ps_recv));
        json_object_set_new(c, "dropped", json_integer((json_int_t)s->ps_drop));
        json_object_set_new(c, "if_dropped", json_integer((json_int_t)s->ps_ifdrop));
        json_object_set_new(j, "capture", c);
    }
    return dump_line(f, j);
}

int vs_inventory_print(FILE *f, const struct vs_out *o, struct vs_inventory *inv, int64_t sec,
                       uint32_t usec)
{
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    if (!arr)
        return -ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = vs_jsonl_device(f, o, arr[i], sec, usec);
    free(arr);
    return rc;
}

int vs_inventory_write(const char *path, const struct vs_out *o, struct vs_inventory *inv,
                       int64_t sec, uint32_t usec, char *err, size_t errsz)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return -ENOMEM;
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errsz, "%s: cannot create temporary file: %s", path, strerror(e));
        free(tmp);
        return -e;
    }
    fchmod(fd, 0644);
    FILE *f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        snprintf(err, errsz, "%s: %s", path, strerror(e));
        return -e;
    }
    int rc = vs_inventory_print(f, o, inv, sec, usec);
    if (rc == 0 && fflush(f) != 0)
        rc = -errno;
    if (rc == 0 && fsync(fileno(f)) != 0)
        rc = -errno;
    if (fclose(f) != 0 && rc == 0)
        rc = -errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -errno;
    if (rc != 0) {
        snprintf(err, errsz, "%s: cannot write: %s", path, strerror(-rc));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}
