/* SPDX-License-Identifier: BSD-2-Clause */
/* fleet.c - inventories across audits and sensors: device lines (the --inventory format,
 * docs/usage.md) read with jansson as records, grouped by identity, merged with per-sensor
 * provenance (fleet_diff.c compares them). With fleet_diff.c and state.c, the only files that
 * include jansson: records stay JSON objects, so keys this module does not know (geo, peers,
 * gateway) pass through. */
#include "vendorsniff/fleet.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fleet_int.h"

struct vs_fleet *vs_fleet_new(void)
{
    return calloc(1, sizeof(struct vs_fleet));
}

void vs_fleet_free(struct vs_fleet *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        json_decref(f->rec[i]);
    free(f->rec);
    free(f);
}

size_t vs_fleet_count(const struct vs_fleet *f)
{
    return f->n;
}

static int push(struct vs_fleet *f, json_t *r)
{
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 64;
        json_t **p = realloc(f->rec, nc * sizeof *p);
        if (!p) {
            json_decref(r);
            return -1;
        }
        f->rec = p;
        f->cap = nc;
    }
    f->rec[f->n++] = r;
    return 0;
}

int vs_fleet_add_line(struct vs_fleet *f, const char *line, size_t len)
{
    json_error_t je;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!o || !json_is_object(o)) {
        json_decref(o);
        return -1;
    }
    const char *ev = json_string_value(json_object_get(o, "event"));
    if (!ev) {
        json_decref(o);
        return -1;
    }
    if (strcmp(ev, "device") != 0 || !json_string_value(json_object_get(o, "id"))) {
        json_decref(o);
        return 1;
    }
    return push(f, o) == 0 ? 0 : -1;
}

static int load_file(struct vs_fleet *f, const char *path, char *err, size_t errsz)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!in) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t start = f->n, lineno = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&line, &cap, in)) >= 0) {
        lineno++;
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            len--;
        if (!len)
            continue;
        if (vs_fleet_add_line(f, line, len) < 0) {
            snprintf(err, errsz, "%s:%zu: not a vendorsniff event line", path, lineno);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(in)) {
        snprintf(err, errsz, "%s: read error", path);
        rc = -1;
    }
    free(line);
    if (in != stdin)
        fclose(in);
    if (rc != 0) {
        while (f->n > start)
            json_decref(f->rec[--f->n]);
    }
    return rc;
}

static int jsonl_only(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 6 && strcmp(e->d_name + n - 6, ".jsonl") == 0;
}

int vs_fleet_load(struct vs_fleet *f, const char *path, char *err, size_t errsz)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        struct dirent **list = NULL;
        int n = scandir(path, &list, jsonl_only, alphasort);
        if (n < 0) {
            snprintf(err, errsz, "%s: %s", path, strerror(errno));
            return -1;
        }
        int rc = 0;
        for (int i = 0; i < n; i++) {
            char p[4096];
            if (rc == 0) {
                snprintf(p, sizeof p, "%s/%s", path, list[i]->d_name);
                rc = load_file(f, p, err, errsz);
            }
            free(list[i]);
        }
        free(list);
        if (rc == 0 && n == 0) {
            snprintf(err, errsz, "%s: no .jsonl inventories in this folder", path);
            return -1;
        }
        return rc;
    }
    return load_file(f, path, err, errsz);
}

/* ---- identity ---------------------------------------------------------------------- */

struct idkey {
    char *key;
    size_t idx;
};

struct keyset {
    struct idkey *k;
    size_t n, cap;
};

static void key_add(struct keyset *ks, const char *kind, const char *v, size_t idx)
{
    if (!v || !*v)
        return;
    if (ks->n == ks->cap) {
        size_t nc = ks->cap ? ks->cap * 2 : 256;
        struct idkey *p = realloc(ks->k, nc * sizeof *p);
        if (!p)
            return;
        ks->k = p;
        ks->cap = nc;
    }
    size_t a = strlen(kind), b = strlen(v);
    char *s = malloc(a + b + 2);
    if (!s)
        return;
    memcpy(s, kind, a);
    s[a] = '=';
    memcpy(s + a + 1, v, b + 1);
    ks->k[ks->n].key = s;
    ks->k[ks->n].idx = idx;
    ks->n++;
}

/* Serial numbers some firmware ships unset: they name no one. */
static bool serial_usable(const char *v)
{
    static const char *const junk[] = {"unknown",   "none",      "n/a",    "na",
                                       "null",      "default",   "serial", "0123456789",
                                       "123456789", "1234567890"};
    size_t n = strlen(v);
    if (n < 4)
        return false;
    bool same = true;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[0])
            same = false;
    if (same)
        return false;
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        if (strcasecmp(v, junk[i]) == 0)
            return false;
    return true;
}

/* What says "the same box" whatever its addresses: its id, MAC, LLDP chassis ID, SNMP
 * engine ID and serial numbers. An IP address is not identity: it changes. */
static void record_keys(json_t *r, size_t idx, struct keyset *ks)
{
    key_add(ks, "id", json_string_value(json_object_get(r, "id")), idx);
    key_add(ks, "mac", json_string_value(json_object_get(r, "mac")), idx);
    json_t *ev = json_object_get(r, "evidence"), *e;
    size_t i;
    json_array_foreach(ev, i, e)
    {
        const char *src = json_string_value(json_object_get(e, "source"));
        const char *fld = json_string_value(json_object_get(e, "field"));
        const char *val = json_string_value(json_object_get(e, "value"));
        if (!src || !fld || !val)
            continue;
        if (strcmp(src, "lldp") == 0 && strcmp(fld, "chassis_id") == 0)
            key_add(ks, "chassis", val, idx);
        else if (strcmp(src, "snmp") == 0 && strcmp(fld, "engine_id") == 0)
            key_add(ks, "engine", val, idx);
        else if (((strcmp(src, "lldp") == 0 && strcmp(fld, "med_serial_number") == 0) ||
                  (strcmp(src, "cwmp") == 0 && strcmp(fld, "serial_number") == 0) ||
                  (strcmp(src, "upnp") == 0 && strcmp(fld, "serial_number") == 0) ||
                  (strcmp(src, "snmp") == 0 && strcmp(fld, "ent_serial_number") == 0)) &&
                 serial_usable(val))
            key_add(ks, "serial", val, idx);
    }
}

static int key_cmp(const void *a, const void *b)
{
    const struct idkey *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

static void uf_union(size_t *p, size_t a, size_t b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    /* the earlier record stays the root: groups keep the order of the input */
    if (a < b)
        p[b] = a;
    else if (b < a)
        p[a] = b;
}

/* Union-find over records: those sharing any key end in one group. Returns parents. */
size_t *vs_fl_group(json_t **rec, size_t n)
{
    size_t *p = malloc((n ? n : 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++)
        p[i] = i;
    struct keyset ks = {0};
    for (size_t i = 0; i < n; i++)
        record_keys(rec[i], i, &ks);
    if (ks.n)
        qsort(ks.k, ks.n, sizeof *ks.k, key_cmp);
    for (size_t i = 1; i < ks.n; i++)
        if (strcmp(ks.k[i].key, ks.k[i - 1].key) == 0)
            uf_union(p, ks.k[i].idx, ks.k[i - 1].idx);
    for (size_t i = 0; i < ks.n; i++)
        free(ks.k[i].key);
    free(ks.k);
    for (size_t i = 0; i < n; i++)
        p[i] = uf_find(p, i);
    return p;
}

/* ---- merging ----------------------------------------------------------------------- */

const char *vs_fl_str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static bool is_mac(const char *s)
{
    return s && strlen(s) == 17 && s[2] == ':' && s[5] == ':';
}

/* The id a group keeps: a MAC before an IP, then the smallest (an order, so associative). */
static bool id_better(const char *a, const char *b)
{
    if (!b)
        return true;
    if (!a)
        return false;
    if (is_mac(a) != is_mac(b))
        return is_mac(a);
    return strcmp(a, b) < 0;
}

static int ts_cmp(const char *a, const char *b)
{
    if (!a || !b)
        return a ? -1 : b ? 1 : 0; /* a present value wins as "earliest" and "latest" alike */
    return strcmp(a, b);
}

static double num(json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : 0.0;
}

/* A record in merge form: "sensors" and "attributions" always present. */
static json_t *normalize(json_t *r)
{
    json_t *o = json_deep_copy(r);
    if (!json_is_array(json_object_get(o, "sensors"))) {
        json_t *s = json_object();
        const char *name = vs_fl_str(o, "sensor");
        json_object_set_new(s, "name", json_string(name ? name : "unknown"));
        json_object_set(s, "first_seen", json_object_get(o, "first_seen"));
        json_object_set(s, "last_seen", json_object_get(o, "last_seen"));
        json_t *pk = json_object_get(o, "packets");
        json_object_set_new(s, "packets",
                            json_integer(json_is_integer(pk) ? json_integer_value(pk) : 0));
        json_t *a = json_array();
        json_array_append_new(a, s);
        json_object_set_new(o, "sensors", a);
    }
    if (!json_is_array(json_object_get(o, "attributions"))) {
        json_t *a = json_array();
        json_t *st = json_object();
        json_object_set(st, "vendor",
                        json_object_get(o, "vendor") ? json_object_get(o, "vendor") : json_null());
        json_object_set_new(st, "confidence", json_real(num(json_object_get(o, "confidence"))));
        static const char *const keep[] = {"model", "software", "name", "risk"};
        bool any = json_string_value(json_object_get(st, "vendor")) != NULL;
        for (size_t i = 0; i < 4; i++) {
            json_t *v = json_object_get(o, keep[i]);
            json_object_set(st, keep[i], v ? v : json_null());
            if (v && !json_is_null(v))
                any = true;
        }
        json_t *sn = json_array();
        json_t *s;
        size_t i;
        json_array_foreach(json_object_get(o, "sensors"), i, s)
            json_array_append(sn, json_object_get(s, "name"));
        json_object_set_new(st, "sensors", sn);
        if (any)
            json_array_append(a, st);
        json_decref(st);
        json_object_set_new(o, "attributions", a);
    }
    return o;
}

bool vs_fl_str_eq(json_t *a, json_t *b)
{
    const char *x = json_string_value(a), *y = json_string_value(b);
    if (!x || !y)
        return !x && !y;
    return strcmp(x, y) == 0;
}

static void set_first(json_t *dst, json_t *src, const char *k)
{
    json_t *d = json_object_get(dst, k), *s = json_object_get(src, k);
    if ((!d || json_is_null(d)) && s && !json_is_null(s))
        json_object_set(dst, k, s);
}

static int jstr_cmp(const void *a, const void *b)
{
    const char *x = json_string_value(*(json_t *const *)a),
               *y = json_string_value(*(json_t *const *)b);
    return strcmp(x ? x : "", y ? y : "");
}

static int jint_cmp(const void *a, const void *b)
{
    json_int_t x = json_integer_value(*(json_t *const *)a),
               y = json_integer_value(*(json_t *const *)b);
    return (x > y) - (x < y);
}

/* Sorted union of two arrays of scalars (ips, VLANs, sensor names). */
static json_t *union_sorted(json_t *a, json_t *b, int (*cmp)(const void *, const void *))
{
    size_t na = json_array_size(a), nb = json_array_size(b), n = 0;
    json_t **v = malloc((na + nb + 1) * sizeof *v);
    json_t *out = json_array();
    if (!v)
        return out;
    for (size_t i = 0; i < na; i++)
        v[n++] = json_array_get(a, i);
    for (size_t i = 0; i < nb; i++)
        v[n++] = json_array_get(b, i);
    qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || !json_equal(v[i], v[i - 1]))
            json_array_append(out, v[i]);
    free(v);
    return out;
}

static bool ev_same(json_t *a, json_t *b)
{
    return vs_fl_str_eq(json_object_get(a, "source"), json_object_get(b, "source")) &&
           vs_fl_str_eq(json_object_get(a, "field"), json_object_get(b, "field")) &&
           vs_fl_str_eq(json_object_get(a, "value"), json_object_get(b, "value"));
}

/* Evidence united in order of first appearance (left first): associative and idempotent. */
static void union_evidence(json_t *dst, json_t *src)
{
    json_t *d = json_object_get(dst, "evidence");
    if (!json_is_array(d)) {
        d = json_array();
        json_object_set_new(dst, "evidence", d);
    }
    size_t nd = json_array_size(d), i;
    json_t *e;
    json_array_foreach(json_object_get(src, "evidence"), i, e)
    {
        bool dup = false;
        for (size_t j = 0; j < nd && !dup; j++)
            dup = ev_same(json_array_get(d, j), e);
        if (!dup) {
            json_array_append(d, e);
            nd++;
        }
    }
}

/* Sensors united by name: the same sensor's two reports are one observation (earliest
 * first seen, latest last seen, the larger packet count), so merging twice changes nothing. */
static void union_sensors(json_t *dst, json_t *src)
{
    json_t *d = json_object_get(dst, "sensors"), *s;
    size_t i;
    json_array_foreach(json_object_get(src, "sensors"), i, s)
    {
        json_t *m = NULL, *x;
        size_t j;
        json_array_foreach(d, j, x)
        {
            if (vs_fl_str_eq(json_object_get(x, "name"), json_object_get(s, "name"))) {
                m = x;
                break;
            }
        }
        if (!m) {
            json_array_append_new(d, json_deep_copy(s));
            continue;
        }
        if (ts_cmp(vs_fl_str(s, "first_seen"), vs_fl_str(m, "first_seen")) < 0 &&
            vs_fl_str(s, "first_seen"))
            json_object_set(m, "first_seen", json_object_get(s, "first_seen"));
        if (ts_cmp(vs_fl_str(s, "last_seen"), vs_fl_str(m, "last_seen")) > 0 ||
            !vs_fl_str(m, "last_seen"))
            if (vs_fl_str(s, "last_seen"))
                json_object_set(m, "last_seen", json_object_get(s, "last_seen"));
        json_int_t a = json_integer_value(json_object_get(m, "packets"));
        json_int_t b = json_integer_value(json_object_get(s, "packets"));
        if (b > a)
            json_object_set_new(m, "packets", json_integer(b));
    }
}

/* Attribution statements united by vendor: the highest confidence a vendor had, the first
 * model/software/name/risk given with it, every sensor that said so. */
static void union_attributions(json_t *dst, json_t *src)
{
    json_t *d = json_object_get(dst, "attributions"), *s;
    size_t i;
    json_array_foreach(json_object_get(src, "attributions"), i, s)
    {
        json_t *m = NULL, *x;
        size_t j;
        json_array_foreach(d, j, x)
        {
            if (vs_fl_str_eq(json_object_get(x, "vendor"), json_object_get(s, "vendor"))) {
                m = x;
                break;
            }
        }
        if (!m) {
            json_array_append_new(d, json_deep_copy(s));
            continue;
        }
        if (num(json_object_get(s, "confidence")) > num(json_object_get(m, "confidence")))
            json_object_set(m, "confidence", json_object_get(s, "confidence"));
        static const char *const keep[] = {"model", "software", "name", "risk"};
        for (size_t k = 0; k < 4; k++)
            set_first(m, s, keep[k]);
        json_object_set_new(
            m, "sensors",
            union_sorted(json_object_get(m, "sensors"), json_object_get(s, "sensors"), jstr_cmp));
    }
}

static double attached_certainty(json_t *a)
{
    return json_is_object(a) ? num(json_object_get(a, "certainty")) : -1.0;
}

static void merge_into(json_t *acc, json_t *r)
{
    if (id_better(vs_fl_str(r, "id"), vs_fl_str(acc, "id")))
        json_object_set(acc, "id", json_object_get(r, "id"));
    const char *ma = vs_fl_str(acc, "mac"), *mr = vs_fl_str(r, "mac");
    if (mr && (!ma || strcmp(mr, ma) < 0)) {
        json_object_set(acc, "mac", json_object_get(r, "mac"));
        if (vs_fl_str(r, "oui_org"))
            json_object_set(acc, "oui_org", json_object_get(r, "oui_org"));
    }
    json_object_set_new(
        acc, "ips", union_sorted(json_object_get(acc, "ips"), json_object_get(r, "ips"), jstr_cmp));
    json_object_set_new(
        acc, "vlans",
        union_sorted(json_object_get(acc, "vlans"), json_object_get(r, "vlans"), jint_cmp));
    if (ts_cmp(vs_fl_str(r, "ts"), vs_fl_str(acc, "ts")) > 0 && vs_fl_str(r, "ts"))
        json_object_set(acc, "ts", json_object_get(r, "ts"));
    union_evidence(acc, r);
    union_sensors(acc, r);
    union_attributions(acc, r);
    if (attached_certainty(json_object_get(r, "attached")) >
        attached_certainty(json_object_get(acc, "attached")))
        json_object_set(acc, "attached", json_object_get(r, "attached"));
    const char *k;
    json_t *v;
    json_object_foreach(r, k, v)
    {
        if (!json_object_get(acc, k))
            json_object_set(acc, k, v);
        else
            set_first(acc, r, k);
    }
}

static int sensor_cmp(const void *a, const void *b)
{
    const char *x = vs_fl_str(*(json_t *const *)a, "name"),
               *y = vs_fl_str(*(json_t *const *)b, "name");
    return strcmp(x ? x : "", y ? y : "");
}

static void sort_array(json_t *arr, int (*cmp)(const void *, const void *))
{
    size_t n = json_array_size(arr);
    if (n < 2)
        return;
    json_t **v = malloc(n * sizeof *v);
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        v[i] = json_incref(json_array_get(arr, i));
    qsort(v, n, sizeof *v, cmp);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, v[i]);
    free(v);
}

/* o[k] = v, or a new empty array when the record had none. */
static void set_or_empty(json_t *o, const char *k, json_t *v)
{
    if (v)
        json_object_set(o, k, v);
    else
        json_object_set_new(o, k, json_array());
}

/* The record in the device-line key order, attribution decided from the statements. */
static json_t *finalize(json_t *acc)
{
    json_t *sens = json_object_get(acc, "sensors");
    sort_array(sens, sensor_cmp);
    json_t *s;
    size_t i;
    const char *first = NULL, *last = NULL;
    json_int_t packets = 0;
    json_array_foreach(sens, i, s)
    {
        const char *f = vs_fl_str(s, "first_seen"), *l = vs_fl_str(s, "last_seen");
        if (f && (!first || strcmp(f, first) < 0))
            first = f;
        if (l && (!last || strcmp(l, last) > 0))
            last = l;
        packets += json_integer_value(json_object_get(s, "packets"));
    }
    json_t *att = json_object_get(acc, "attributions");
    json_t *win = NULL, *st;
    double sum = 0;
    size_t nvend = 0;
    json_array_foreach(att, i, st)
    {
        const char *v = vs_fl_str(st, "vendor");
        if (!v)
            continue;
        nvend++;
        double c = num(json_object_get(st, "confidence"));
        sum += c;
        if (!win || c > num(json_object_get(win, "confidence")) ||
            (c == num(json_object_get(win, "confidence")) &&
             strcmp(v, vs_fl_str(win, "vendor")) < 0))
            win = st;
    }
    if (!win && json_array_size(att))
        win = json_array_get(att, 0);
    double conf = win ? num(json_object_get(win, "confidence")) : 0.0;
    if (nvend > 1 && sum > 0)
        conf = round(conf * conf / sum * 100.0) / 100.0; /* a disputed vendor is less sure */

    json_t *o = json_object();
    json_object_set_new(o, "event", json_string("device"));
    json_object_set(o, "ts", json_object_get(acc, "ts") ? json_object_get(acc, "ts") : json_null());
    json_object_set_new(o, "sensor",
                        json_string(json_array_size(sens) == 1
                                        ? vs_fl_str(json_array_get(sens, 0), "name")
                                        : "merged"));
    json_object_set(o, "id", json_object_get(acc, "id"));
    json_object_set(o, "mac",
                    json_object_get(acc, "mac") ? json_object_get(acc, "mac") : json_null());
    set_or_empty(o, "ips", json_object_get(acc, "ips"));
    set_or_empty(o, "vlans", json_object_get(acc, "vlans"));
    json_object_set(o, "vendor", win ? json_object_get(win, "vendor") : json_null());
    json_object_set_new(o, "confidence", json_real(conf));
    if (json_array_size(att) > 1)
        json_object_set(o, "attributions", att);
    json_object_set(o, "oui_org",
                    json_object_get(acc, "oui_org") ? json_object_get(acc, "oui_org")
                                                    : json_null());
    static const char *const keep[] = {"model", "software", "name", "risk"};
    for (size_t k = 0; k < 4; k++) {
        json_t *v = win ? json_object_get(win, keep[k]) : NULL;
        for (size_t j = 0; (!v || json_is_null(v)) && j < json_array_size(att); j++)
            v = json_object_get(json_array_get(att, j), keep[k]);
        if (k == 3) {
            set_or_empty(o, "evidence", json_object_get(acc, "evidence"));
        }
        json_object_set(o, keep[k], v ? v : json_null());
    }
    json_object_set_new(o, "first_seen", first ? json_string(first) : json_null());
    json_object_set_new(o, "last_seen", last ? json_string(last) : json_null());
    json_object_set_new(o, "packets", json_integer(packets));
    json_object_set(o, "sensors", sens);
    json_t *a = json_object_get(acc, "attached");
    if (json_is_object(a))
        json_object_set(o, "attached", a);
    const char *k;
    json_t *v;
    json_object_foreach(acc, k, v)
    {
        if (!json_object_get(o, k) && strcmp(k, "attributions") != 0 && strcmp(k, "attached") != 0)
            json_object_set(o, k, v);
    }
    return o;
}

int vs_fl_severity_rank(json_t *r)
{
    const char *s = vs_fl_str(json_object_get(r, "risk"), "severity");
    if (!json_is_object(json_object_get(r, "risk")))
        return 9;
    static const char *const names[] = {"critical", "high", "medium", "low", "info"};
    for (int i = 0; i < 5; i++)
        if (s && strcmp(s, names[i]) == 0)
            return i;
    return 5;
}

int vs_fl_rec_cmp(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = vs_fl_severity_rank(x) - vs_fl_severity_rank(y);
    if (c)
        return c;
    const char *vx = vs_fl_str(x, "vendor"), *vy = vs_fl_str(y, "vendor");
    if (!vx != !vy)
        return vx ? -1 : 1;
    if (vx && (c = strcmp(vx, vy)) != 0)
        return c;
    return strcmp(vs_fl_str(x, "id") ? vs_fl_str(x, "id") : "",
                  vs_fl_str(y, "id") ? vs_fl_str(y, "id") : "");
}

void vs_fleet_merge(struct vs_fleet *f)
{
    size_t *p = vs_fl_group(f->rec, f->n);
    if (!p)
        return;
    json_t **acc = calloc(f->n ? f->n : 1, sizeof *acc);
    if (!acc) {
        free(p);
        return;
    }
    for (size_t i = 0; i < f->n; i++) {
        json_t *nr = normalize(f->rec[i]);
        if (!acc[p[i]]) {
            acc[p[i]] = nr;
        } else {
            merge_into(acc[p[i]], nr);
            json_decref(nr);
        }
    }
    size_t out = 0;
    for (size_t i = 0; i < f->n; i++) {
        json_decref(f->rec[i]);
        if (acc[i]) {
            f->rec[out++] = finalize(acc[i]);
            json_decref(acc[i]);
        }
    }
    f->n = out;
    if (f->n > 1)
        qsort(f->rec, f->n, sizeof *f->rec, vs_fl_rec_cmp);
    free(acc);
    free(p);
}

char *vs_fleet_record_json(const struct vs_fleet *f, size_t i)
{
    return i < f->n ? json_dumps(f->rec[i], DUMP_FLAGS) : NULL;
}

int vs_fleet_write(const struct vs_fleet *f, FILE *out)
{
    for (size_t i = 0; i < f->n; i++) {
        if (json_dumpf(f->rec[i], out, DUMP_FLAGS) != 0)
            return -1;
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}
