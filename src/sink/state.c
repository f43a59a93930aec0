/* SPDX-License-Identifier: BSD-2-Clause */
/* state.c - save and restore the inventory and the alert history as JSON Lines (jansson):
 * a header line, then one device a line with its evidence and the alerts already raised. */
#include "vendorsniff/state.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vendorsniff/atomic.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/text.h"

#define STATE_MAGIC "vendorsniff-state"
#define STATE_VERSION 1

static json_t *device_state(const struct vs_device *d)
{
    char id[64], ts[VS_TS_STRLEN];
    vs_device_id(d, id, sizeof id);
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(id));
    vs_ts_format(d->first_sec, d->first_usec, ts);
    json_object_set_new(j, "first_seen", json_string(ts));
    vs_ts_format(d->last_sec, d->last_usec, ts);
    json_object_set_new(j, "last_seen", json_string(ts));
    json_object_set_new(j, "packets", json_integer((json_int_t)d->packets));
    json_t *ips = json_array();
    for (uint8_t i = 0; i < d->nips; i++) {
        char b[VS_IP_STRLEN];
        vs_ip_format(&vs_device_ips(d)[i], b);
        json_array_append_new(ips, json_string(b));
    }
    json_object_set_new(j, "ips", ips);
    json_t *vl = json_array();
    for (uint8_t i = 0; i < d->nvlans; i++)
        json_array_append_new(vl, json_integer(vs_device_vlans(d)[i]));
    json_object_set_new(j, "vlans", vl);
    json_t *ev = json_array();
    for (size_t i = 0; i < d->side->nev; i++) {
        const struct vs_ev_item *e = &d->side->ev[i];
        json_t *o = json_object();
        json_object_set_new(o, "source", json_string(vs_source_name(vs_field_source(e->field))));
        json_object_set_new(o, "field", json_string(vs_field_name(e->field)));
        json_object_set_new(o, "value", json_stringn(e->value, e->len));
        vs_ts_format(e->ts_sec, e->ts_usec, ts);
        json_object_set_new(o, "ts", json_string(ts));
        if (e->via.family) {
            char b[VS_IP_STRLEN];
            vs_ip_format(&e->via, b);
            json_object_set_new(o, "via", json_string(b));
        }
        json_array_append_new(ev, o);
    }
    json_object_set_new(j, "evidence", ev);
    json_t *al = json_array();
    for (size_t i = 0; i < d->side->nalerts; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_string(d->side->alerts[i].rule_id));
        json_object_set_new(o, "vendor", json_string(d->side->alerts[i].key));
        json_array_append_new(al, o);
    }
    json_object_set_new(j, "alerts", al);
    return j;
}

int vs_state_save(const char *path, struct vs_inventory *inv, char *err, size_t errsz)
{
    struct vs_atomic at;
    int rc = vs_atomic_open(&at, path, 0);
    if (rc != 0) {
        snprintf(err, errsz, "%s: cannot save state: %s", path, vs_atomic_strerror(rc));
        return rc;
    }
    FILE *f = at.f;
    json_t *h = json_object();
    json_object_set_new(h, "format", json_string(STATE_MAGIC));
    json_object_set_new(h, "version", json_integer(STATE_VERSION));
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(inv, &n);
    json_object_set_new(h, "devices", json_integer((json_int_t)n));
    errno = 0;
    if (json_dumpf(h, f, JSON_COMPACT) != 0 || fputc('\n', f) == EOF)
        rc = errno ? -errno : -EIO;
    json_decref(h);
    for (size_t i = 0; i < n && rc == 0; i++) {
        json_t *j = device_state(devs[i]);
        if (json_dumpf(j, f, JSON_COMPACT) != 0 || fputc('\n', f) == EOF)
            rc = errno ? -errno : -EIO;
        json_decref(j);
    }
    rc = vs_atomic_commit(&at, rc);
    if (rc != 0)
        snprintf(err, errsz, "%s: cannot save state: %s", path, strerror(-rc));
    return rc;
}

static int restore_line(struct vs_inventory *inv, json_t *j, bool dry, bool merge, char *why,
                        size_t whysz)
{
    const char *id = json_string_value(json_object_get(j, "id"));
    const char *fs = json_string_value(json_object_get(j, "first_seen"));
    const char *ls = json_string_value(json_object_get(j, "last_seen"));
    json_t *pk = json_object_get(j, "packets");
    int64_t s1 = 0, s2 = 0;
    uint32_t u1 = 0, u2 = 0;
    if (!id || !fs || !ls || !json_is_integer(pk) || !vs_ts_parse(fs, &s1, &u1) ||
        !vs_ts_parse(ls, &s2, &u2)) {
        snprintf(why, whysz, "device record lacks id, first_seen, last_seen or packets");
        return -1;
    }
    if (dry) {
        uint8_t mac[6];
        struct vs_ip ip;
        if (!vs_mac_parse(id, mac) && !vs_ip_parse(id, &ip)) {
            snprintf(why, whysz, "bad device id '%.64s'", id);
            return -1;
        }
        return 0;
    }
    struct vs_device *d = vs_inventory_restore_device(inv, id, s1, u1, s2, u2,
                                                      (uint64_t)json_integer_value(pk), merge);
    if (!d) {
        snprintf(why, whysz, "bad device id '%.64s'", id);
        return -1;
    }
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(j, "alerts"), i, v)
    {
        const char *rule = json_string_value(json_object_get(v, "rule"));
        const char *vendor = json_string_value(json_object_get(v, "vendor"));
        if (rule && vendor)
            vs_inventory_restore_alert(inv, d, rule, vendor);
    }
    json_array_foreach(json_object_get(j, "ips"), i, v)
    {
        struct vs_ip ip;
        const char *s = json_string_value(v);
        if (s && vs_ip_parse(s, &ip) && (d->flags & VS_DEV_HAS_MAC))
            vs_identity_note_ip(inv, d, &ip);
    }
    json_array_foreach(json_object_get(j, "vlans"), i, v)
    {
        json_int_t vid = json_integer_value(v);
        if (vid > 0 && vid < 4096)
            vs_inventory_note_vlan(inv, d, (uint16_t)vid);
    }
    json_array_foreach(json_object_get(j, "evidence"), i, v)
    {
        const char *src = json_string_value(json_object_get(v, "source"));
        const char *fld = json_string_value(json_object_get(v, "field"));
        json_t *val = json_object_get(v, "value");
        const char *ts = json_string_value(json_object_get(v, "ts"));
        const char *via = json_string_value(json_object_get(v, "via"));
        if (!src || !fld || !json_is_string(val) || strcmp(src, "oui") == 0)
            continue; /* the OUI's statements follow from the MAC: derived, not stored */
        char dotted[96];
        snprintf(dotted, sizeof dotted, "%s.%s", src, fld);
        enum vs_field f;
        if (!vs_field_parse(dotted, &f))
            continue;
        int64_t es = s1;
        uint32_t eu = u1;
        if (ts)
            vs_ts_parse(ts, &es, &eu);
        struct vs_ip vip;
        bool has_via = via && vs_ip_parse(via, &vip);
        struct vs_evidence ev = {
            f, (const uint8_t *)json_string_value(val), json_string_length(val), NULL, NULL, 0};
        vs_inventory_add_evidence(inv, d, &ev, has_via ? &vip : NULL, es, eu);
    }
    vs_inventory_attribute(inv, d, s2, u2);
    return 0;
}

/* One pass over the lines; dry = validate only, so a corrupt file restores nothing. */
static int load_pass(const char *buf, size_t len, struct vs_inventory *inv, bool dry, int *linep,
                     char *why, size_t whysz)
{
    size_t off = 0;
    int line = 0;
    int rc = 0;
    while (off < len) {
        const char *nl = memchr(buf + off, '\n', len - off);
        size_t ll = nl ? (size_t)(nl - (buf + off)) : len - off;
        line++;
        json_error_t je;
        json_t *j = json_loadb(buf + off, ll, JSON_REJECT_DUPLICATES, &je);
        off += ll + (nl ? 1 : 0);
        if (!j || !json_is_object(j)) {
            snprintf(why, whysz, "not valid JSON (%s)", j ? "not an object" : je.text);
            json_decref(j);
            rc = -EINVAL;
            break;
        }
        if (line == 1) {
            const char *fmt = json_string_value(json_object_get(j, "format"));
            if (!fmt || strcmp(fmt, STATE_MAGIC) != 0 ||
                json_integer_value(json_object_get(j, "version")) != STATE_VERSION) {
                snprintf(why, whysz, "not a vendorsniff state file (version %d)", STATE_VERSION);
                json_decref(j);
                rc = -EINVAL;
                break;
            }
        } else if (restore_line(inv, j, dry, false, why, whysz) != 0) {
            json_decref(j);
            rc = -EINVAL;
            break;
        }
        json_decref(j);
    }
    if (rc == 0 && line == 0) {
        snprintf(why, whysz, "empty");
        rc = -EINVAL;
    }
    *linep = line;
    return rc;
}

static int load_buf(const char *name, const char *buf, size_t len, struct vs_inventory *inv,
                    char *err, size_t errsz)
{
    char why[256] = "";
    int line = 0;
    int rc = load_pass(buf, len, inv, true, &line, why, sizeof why);
    if (rc == 0) {
        vs_inventory_set_quiet(inv, true);
        rc = load_pass(buf, len, inv, false, &line, why, sizeof why);
        vs_inventory_set_quiet(inv, false);
    }
    if (rc != 0)
        snprintf(err, errsz, "%s:%d: corrupt state file: %s", name, line, why);
    return rc;
}

int vs_state_load_mem(const char *name, const char *buf, size_t len, struct vs_inventory *inv,
                      char *err, size_t errsz)
{
    return load_buf(name, buf, len, inv, err, errsz);
}

/* Rename path to the first PATH.corrupt-N that does not exist, without ever replacing one
 * that appears meanwhile (RENAME_NOREPLACE; link(2) where the filesystem lacks it). */
static void keep_aside(const char *path, char *err, size_t errsz)
{
    size_t plen = strlen(path) + 32;
    char *aside = malloc(plen);
    size_t el = strlen(err);
    if (!aside) {
        snprintf(err + el, errsz - el, "; cannot keep it aside (out of memory)");
        return;
    }
    int e = 0;
    for (unsigned long k = 1;; k++) {
        snprintf(aside, plen, "%s.corrupt-%lu", path, k);
        if (renameat2(AT_FDCWD, path, AT_FDCWD, aside, RENAME_NOREPLACE) == 0) {
            e = 0;
            break;
        }
        e = errno;
        if (e == EINVAL || e == ENOSYS) {
            if (link(path, aside) == 0) {
                e = unlink(path) == 0 ? 0 : errno;
                break;
            }
            e = errno;
        }
        if (e != EEXIST)
            break;
    }
    if (e == 0)
        snprintf(err + el, errsz - el, "; kept as %s, starting fresh", aside);
    else
        snprintf(err + el, errsz - el, "; cannot keep it aside as %s (%s), starting fresh", aside,
                 strerror(e));
    free(aside);
}

int vs_state_load(const char *path, struct vs_inventory *inv, char *err, size_t errsz)
{
    /* O_NONBLOCK: a FIFO must not hang start-up; it is refused below like any file that is
     * not regular (a device such as /dev/zero would be read forever). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errsz, "%s: %s", path, strerror(e));
        return -e;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        snprintf(err, errsz, "%s: cannot restore state: %s", path, vs_atomic_strerror(VS_ENOTREG));
        return -VS_ENOTREG;
    }
    if ((unsigned long long)st.st_size > VS_MAX_STATE_BYTES) {
        close(fd);
        snprintf(err, errsz, "%s: state file too large (%lld bytes, the limit is %llu)", path,
                 (long long)st.st_size, VS_MAX_STATE_BYTES);
        keep_aside(path, err, errsz);
        return -EFBIG;
    }
    struct vs_buf b = {0};
    char chunk[65536];
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = -errno;
            snprintf(err, errsz, "%s: cannot read the state file: %s", path, strerror(-rc));
            break;
        }
        if (n == 0)
            break;
        if (b.len + (size_t)n > VS_MAX_STATE_BYTES) { /* it grew while read */
            rc = -EFBIG;
            snprintf(err, errsz, "%s: state file too large (over %llu bytes)", path,
                     VS_MAX_STATE_BYTES);
            break;
        }
        if (!vs_buf_add(&b, chunk, (size_t)n)) {
            close(fd);
            vs_buf_free(&b);
            snprintf(err, errsz, "%s: out of memory reading the state file", path);
            return -ENOMEM;
        }
    }
    close(fd);
    if (rc == 0)
        rc = load_buf(path, b.p ? b.p : "", b.len, inv, err, errsz);
    vs_buf_free(&b);
    if (rc != 0)
        keep_aside(path, err, errsz); /* for a post-mortem; a fresh start */
    return rc;
}

/* ---- saved inventories ------------------------------------------------------------ */

/* Every device line of an inventory file (--inventory) or event stream (-w); other events
 * are passed over. dry validates only. */
static int inv_pass(const char *buf, size_t len, struct vs_inventory *inv, bool dry, int *linep,
                    size_t *ndev, char *why, size_t whysz)
{
    size_t off = 0;
    int line = 0;
    *ndev = 0;
    while (off < len) {
        const char *nl = memchr(buf + off, '\n', len - off);
        size_t ll = nl ? (size_t)(nl - (buf + off)) : len - off;
        const char *start = buf + off;
        off += ll + (nl ? 1 : 0);
        line++;
        *linep = line;
        if (ll == 0 || (ll == 1 && start[0] == '\r'))
            continue;
        json_error_t je;
        json_t *j = json_loadb(start, ll, 0, &je);
        if (!j || !json_is_object(j)) {
            snprintf(why, whysz, "not valid JSON (%s)", j ? "not an object" : je.text);
            json_decref(j);
            return -EINVAL;
        }
        const char *ev = json_string_value(json_object_get(j, "event"));
        int rc = 0;
        if (ev && strcmp(ev, "device") == 0) {
            rc = restore_line(inv, j, dry, true, why, whysz);
            (*ndev)++;
        } else if (!ev) {
            snprintf(why, whysz, "not a vendorsniff event (no \"event\" member)");
            rc = -1;
        }
        json_decref(j);
        if (rc != 0)
            return -EINVAL;
    }
    return 0;
}

int vs_state_load_inventory(const char *path, struct vs_inventory *inv, size_t *ndev, char *err,
                            size_t errsz)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        int e = errno;
        snprintf(err, errsz, "%s: %s", path, strerror(e));
        return -e;
    }
    struct vs_buf b = {0};
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!vs_buf_add(&b, chunk, n)) {
            rc = -ENOMEM;
            break;
        }
    if (!rc && ferror(f))
        rc = -EIO;
    if (f != stdin)
        fclose(f);
    if (rc) {
        snprintf(err, errsz, "%s: %s", path, strerror(-rc));
        vs_buf_free(&b);
        return rc;
    }
    char why[256] = "";
    int line = 0;
    size_t count = 0;
    const char *p = b.p ? b.p : "";
    rc = inv_pass(p, b.len, inv, true, &line, &count, why, sizeof why);
    if (rc == 0) {
        vs_inventory_set_quiet(inv, true);
        rc = inv_pass(p, b.len, inv, false, &line, &count, why, sizeof why);
        vs_inventory_set_quiet(inv, false);
    }
    vs_buf_free(&b);
    if (rc != 0) {
        snprintf(err, errsz, "%s:%d: not a vendorsniff inventory: %s", path, line, why);
        return rc;
    }
    if (ndev)
        *ndev = count;
    return 0;
}
