/* SPDX-License-Identifier: BSD-2-Clause */
/* inventory.c - device storage: the device tables (by MAC and by IP), device records and
 * their lifetime, evidence kept per device (deduplicated), merging, queries and order. */
#include "vendorsniff/inventory.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory_int.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/text.h"

static bool mt_resize(struct vs_inventory *inv, size_t ncap)
{
    struct mac_slot *n = calloc(ncap, sizeof *n);
    if (!n)
        return false;
    for (size_t i = 0; i < inv->mt_cap; i++) {
        if (!inv->mt[i].key)
            continue;
        size_t j = hash64(inv->mt[i].key, ncap);
        while (n[j].key)
            j = (j + 1) & (ncap - 1);
        n[j] = inv->mt[i];
    }
    free(inv->mt);
    inv->mt = n;
    inv->mt_cap = ncap;
    return true;
}

static bool mt_grow(struct vs_inventory *inv)
{
    return mt_resize(inv, inv->mt_cap ? inv->mt_cap * 2 : 1024);
}

struct mac_slot *vs_inv_mt_find(const struct vs_inventory *inv, uint64_t key)
{
    if (!inv->mt_cap)
        return NULL;
    size_t i = hash64(key, inv->mt_cap);
    while (inv->mt[i].key) {
        if (inv->mt[i].key == key)
            return &inv->mt[i];
        i = (i + 1) & (inv->mt_cap - 1);
    }
    return NULL;
}

bool vs_inv_mt_insert(struct vs_inventory *inv, uint64_t key, struct vs_device *d)
{
    if ((inv->mt_used + 1) * 4 >= inv->mt_cap * 3 && !mt_grow(inv))
        return false;
    size_t i = hash64(key, inv->mt_cap);
    while (inv->mt[i].key)
        i = (i + 1) & (inv->mt_cap - 1);
    inv->mt[i].key = key;
    inv->mt[i].d = d;
    inv->mt_used++;
    return true;
}

/* Linear probing deletion by backward shift: no tombstones, so lookups stay short. */
void vs_inv_mt_delete(struct vs_inventory *inv, uint64_t key)
{
    struct mac_slot *s = vs_inv_mt_find(inv, key);
    if (!s)
        return;
    size_t mask = inv->mt_cap - 1;
    size_t i = (size_t)(s - inv->mt);
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!inv->mt[j].key)
            break;
        size_t home = hash64(inv->mt[j].key, inv->mt_cap);
        /* Move j back to i if its home is not in the cyclic range (i, j]. */
        if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
            inv->mt[i] = inv->mt[j];
            i = j;
        }
    }
    inv->mt[i].key = 0;
    inv->mt[i].d = NULL;
    inv->mt_used--;
}

static bool it_resize(struct vs_inventory *inv, size_t ncap)
{
    struct ip_slot *n = calloc(ncap, sizeof *n);
    if (!n)
        return false;
    for (size_t i = 0; i < inv->it_cap; i++) {
        if (!inv->it[i].ip.family)
            continue;
        size_t j = ip_hash(&inv->it[i].ip, ncap);
        while (n[j].ip.family)
            j = (j + 1) & (ncap - 1);
        n[j] = inv->it[i];
    }
    free(inv->it);
    inv->it = n;
    inv->it_cap = ncap;
    return true;
}

static bool it_grow(struct vs_inventory *inv)
{
    return it_resize(inv, inv->it_cap ? inv->it_cap * 2 : 256);
}

/* The smallest power of two that holds n entries below the tables' load limit (3/4). */
static size_t cap_for(size_t n)
{
    size_t cap = 1024;
    while (cap < (size_t)1 << 26 && (n + 1) * 4 >= cap * 3)
        cap *= 2;
    return cap;
}

void vs_inventory_expect_begin(struct vs_inventory *inv)
{
    inv->expect_seen = 0;
    inv->expect_serial = inv->serial;
    inv->presized = false;
}

void vs_inventory_expect(struct vs_inventory *inv, uint64_t packets_seen, uint64_t packets_total)
{
    if (inv->presized || packets_seen <= inv->expect_seen || packets_total <= packets_seen)
        return;
    uint64_t batch = packets_seen - inv->expect_seen;
    uint64_t fresh = inv->serial - inv->expect_serial;
    bool first = inv->expect_seen == 0;
    inv->expect_seen = packets_seen;
    inv->expect_serial = inv->serial;
    if (first)
        return; /* the first packets find every device new: judge by the next ones */
    inv->presized = true;
    /* As if each packet came from one of D devices at random: the share of packets from a
     * device not seen before is then exp(-seen / D). That gives D, and the devices the whole
     * capture will show, D (1 - exp(-total / D)). Where devices repeat (r well below 1) the
     * tables are already about as large as they get: nothing to do. */
    double r = (double)fresh / (double)batch;
    if (r < 0.5 || inv->nlist == 0)
        return;
    if (r > 0.999)
        r = 0.999;
    double dev = -(double)packets_seen / log(r);
    double want = dev * (1.0 - exp(-(double)packets_total / dev));
    if (inv->max_devices && want > (double)inv->max_devices)
        want = (double)inv->max_devices;
    /* A guess from the first packets: never more than eight times what they showed (the
     * tables still grow by doubling past it). */
    if (want > 8.0 * (double)inv->nlist)
        want = 8.0 * (double)inv->nlist;
    if (want > (double)((size_t)1 << 25))
        want = (double)((size_t)1 << 25);
    size_t mcap = cap_for((size_t)want);
    if (mcap > inv->mt_cap)
        mt_resize(inv, mcap);
    size_t icap = cap_for((size_t)(want * (double)inv->it_used / (double)inv->nlist));
    if (icap > inv->it_cap)
        it_resize(inv, icap);
}

struct ip_slot *vs_inv_it_find(const struct vs_inventory *inv, const struct vs_ip *ip)
{
    if (!inv->it_cap)
        return NULL;
    size_t i = ip_hash(ip, inv->it_cap);
    while (inv->it[i].ip.family) {
        if (vs_ip_equal(&inv->it[i].ip, ip))
            return &inv->it[i];
        i = (i + 1) & (inv->it_cap - 1);
    }
    return NULL;
}

struct ip_slot *vs_inv_it_insert(struct vs_inventory *inv, const struct vs_ip *ip,
                                 struct vs_device *d, bool bound)
{
    if ((inv->it_used + 1) * 4 >= inv->it_cap * 3 && !it_grow(inv))
        return NULL;
    size_t i = ip_hash(ip, inv->it_cap);
    while (inv->it[i].ip.family)
        i = (i + 1) & (inv->it_cap - 1);
    inv->it[i].ip = *ip;
    inv->it[i].d = d;
    inv->it[i].bound = bound;
    inv->it_used++;
    return &inv->it[i];
}

void vs_inv_it_delete(struct vs_inventory *inv, const struct vs_ip *ip)
{
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    if (!s)
        return;
    size_t mask = inv->it_cap - 1;
    size_t i = (size_t)(s - inv->it);
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!inv->it[j].ip.family)
            break;
        size_t home = ip_hash(&inv->it[j].ip, inv->it_cap);
        if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
            inv->it[i] = inv->it[j];
            i = j;
        }
    }
    memset(&inv->it[i], 0, sizeof inv->it[i]);
    inv->it_used--;
}

/* Remove every IP-table entry that points at d (its bindings, or its own key). */
static void it_forget_device(struct vs_inventory *inv, const struct vs_device *d)
{
    const struct vs_ip *ips = vs_device_ips(d);
    for (uint8_t k = 0; k < d->nips; k++) {
        struct ip_slot *s = vs_inv_it_find(inv, &ips[k]);
        if (s && s->d == d)
            vs_inv_it_delete(inv, &ips[k]);
    }
    if (d->side->key_ip.family) {
        struct ip_slot *s = vs_inv_it_find(inv, &d->side->key_ip);
        if (s && s->d == d)
            vs_inv_it_delete(inv, &d->side->key_ip);
    }
}

/* ---- device lifetime -------------------------------------------------------- */
void vs_inv_ev_item_free(struct vs_ev_item *e)
{
    free(e->value);
    free(e->model);
    free(e->software);
    free(e->name);
    free(e->cpe_hw);
    free(e->cpe_os);
}

const struct vs_device_side vs_device_no_side;

_Static_assert(sizeof(struct vs_device) <= 136, "the device record is the cost of a device");

#define SIDE_SLAB 1024

struct side_slab {
    struct side_slab *next;
    struct vs_device_side recs[SIDE_SLAB];
};

struct vs_device_side *vs_inventory_side(struct vs_inventory *inv, struct vs_device *d)
{
    if (d->side != &vs_device_no_side)
        return d->side;
    struct vs_device_side *x = inv->free_sides;
    if (x) {
        inv->free_sides = (struct vs_device_side *)x->ev;
    } else {
        if (!inv->side_slabs || inv->side_used == SIDE_SLAB) {
            struct side_slab *s = malloc(sizeof *s);
            if (!s)
                return NULL;
            s->next = inv->side_slabs;
            inv->side_slabs = s;
            inv->side_used = 0;
        }
        x = &inv->side_slabs->recs[inv->side_used++];
    }
    memset(x, 0, sizeof *x);
    x->live = true;
    d->side = x;
    return x;
}

/* What hangs from a side record. */
static void side_release(struct vs_device_side *x)
{
    for (size_t i = 0; i < x->nev; i++)
        vs_inv_ev_item_free(&x->ev[i]);
    free(x->ev);
    for (size_t i = 0; i < x->nalerts; i++) {
        free(x->alerts[i].rule_id);
        free(x->alerts[i].key);
    }
    free(x->alerts);
    free(x->ips);
    free(x->vlans);
    free(x->aliases);
    free(x->peers);
    free(x->model);
    free(x->software);
    free(x->name);
    free(x->cpe_hw);
    free(x->cpe_os);
}

/* The side record and what hangs from it: only devices that have them pay for them. */
static void device_release(struct vs_inventory *inv, struct vs_device *d)
{
    struct vs_device_side *x = d->side;
    if (x == &vs_device_no_side)
        return;
    side_release(x);
    x->live = false;
    x->ev = (struct vs_ev_item *)inv->free_sides;
    inv->free_sides = x;
    d->side = (struct vs_device_side *)&vs_device_no_side;
}

#define DEV_SLAB 4096

struct dev_slab {
    struct dev_slab *next;
    struct vs_device recs[DEV_SLAB];
};

static struct vs_device *device_alloc(struct vs_inventory *inv)
{
    struct vs_device *d = inv->free_devs;
    if (d) {
        inv->free_devs = (struct vs_device *)d->side;
    } else {
        if (!inv->slabs || inv->slab_used == DEV_SLAB) {
            /* Not zeroed here: a large block comes from fresh pages, and a record is
             * cleared when it is handed out, so untouched records cost no memory. */
            struct dev_slab *s = malloc(sizeof *s);
            if (!s)
                return NULL;
            s->next = inv->slabs;
            inv->slabs = s;
            inv->slab_used = 0;
        }
        d = &inv->slabs->recs[inv->slab_used++];
    }
    memset(d, 0, sizeof *d);
    d->side = (struct vs_device_side *)&vs_device_no_side;
    return d;
}

void vs_inv_device_free(struct vs_inventory *inv, struct vs_device *d)
{
    device_release(inv, d);
    d->side = (struct vs_device_side *)inv->free_devs;
    inv->free_devs = d;
}

void vs_inv_list_remove(struct vs_inventory *inv, struct vs_device *d)
{
    size_t i = d->list_idx;
    inv->list[i] = inv->list[--inv->nlist];
    inv->list[i]->list_idx = (uint32_t)i;
}

static void evict_some(struct vs_inventory *inv);

struct vs_device *vs_inv_device_new(struct vs_inventory *inv, int64_t sec, uint32_t usec)
{
    if (inv->max_devices && inv->nlist >= inv->max_devices)
        evict_some(inv);
    if (inv->nlist == inv->list_cap) {
        size_t ncap = inv->list_cap ? inv->list_cap * 2 : 1024;
        struct vs_device **n = realloc(inv->list, ncap * sizeof *n);
        if (!n)
            return NULL;
        inv->list = n;
        inv->list_cap = ncap;
    }
    if (inv->nlist >= UINT32_MAX)
        return NULL;
    struct vs_device *d = device_alloc(inv);
    if (!d)
        return NULL;
    d->first_sec = d->last_sec = sec;
    d->first_usec = d->last_usec = usec;
    d->serial = inv->serial++;
    d->flags = VS_DEV_DIRTY;
    d->list_idx = (uint32_t)inv->nlist;
    inv->list[inv->nlist++] = d;
    return d;
}

void vs_inv_device_destroy(struct vs_inventory *inv, struct vs_device *d)
{
    it_forget_device(inv, d);
    if (d->flags & VS_DEV_HAS_MAC)
        vs_inv_mt_delete(inv, mac_key(d->mac));
    for (uint8_t i = 0; i < d->side->naliases; i++) {
        struct mac_slot *s = vs_inv_mt_find(inv, mac_key(d->side->aliases[i]));
        if (s && s->d == d)
            vs_inv_mt_delete(inv, mac_key(d->side->aliases[i]));
    }
    vs_inv_list_remove(inv, d);
    vs_inv_device_free(inv, d);
}

/* Eviction order: what costs least to forget goes first. A device with nothing but its
 * OUI (a spoofed or random MAC says exactly as much) before one with protocol evidence, and
 * evidence-bearing risk devices last, whatever their OUI says: a flood of spoofed risk-OUI
 * MACs must not be able to pin the table. Within a class, least recently seen first. */
static int evict_class(const struct vs_device *d)
{
    if (!d->side->nev)
        return 0;
    return d->risk ? 2 : 1;
}

struct evict_ent {
    int cls;
    struct vs_device *d;
};

static int cmp_evict(const void *a, const void *b)
{
    const struct evict_ent *ea = a, *eb = b;
    if (ea->cls != eb->cls)
        return ea->cls - eb->cls;
    const struct vs_device *x = ea->d, *y = eb->d;
    if (x->last_sec != y->last_sec)
        return x->last_sec < y->last_sec ? -1 : 1;
    if (x->last_usec != y->last_usec)
        return x->last_usec < y->last_usec ? -1 : 1;
    return x->serial < y->serial ? -1 : x->serial > y->serial;
}

/* Evict a sixteenth of the table in one pass: every call frees that many slots, so the cost
 * per new device is amortised O(log n) whatever the traffic (never a scan per device). */
static void evict_some(struct vs_inventory *inv)
{
    size_t want = inv->max_devices / 16 + 1;
    struct evict_ent *cand = malloc(inv->nlist * sizeof *cand);
    if (!cand)
        return;
    size_t n = inv->nlist;
    for (size_t i = 0; i < n; i++) {
        cand[i].d = inv->list[i];
        cand[i].cls = evict_class(inv->list[i]);
    }
    qsort(cand, n, sizeof *cand, cmp_evict);
    if (want > n)
        want = n;
    for (size_t i = 0; i < want; i++) {
        vs_inv_device_destroy(inv, cand[i].d);
        inv->evictions++;
    }
    free(cand);
}

struct vs_inventory *vs_inventory_new(const struct vs_oui_db *oui, const struct vs_sigs *sigs,
                                      const struct vs_risk_list *risk,
                                      const struct vs_inventory_hooks *hooks, size_t max_devices)
{
    struct vs_inventory *inv = calloc(1, sizeof *inv);
    if (!inv)
        return NULL;
    inv->oui = oui;
    inv->sigs = sigs;
    inv->risk = risk;
    if (hooks)
        inv->hooks = *hooks;
    inv->max_devices = max_devices;
    if (!mt_grow(inv) || !it_grow(inv)) {
        vs_inventory_free(inv);
        return NULL;
    }
    return inv;
}

void vs_inventory_free(struct vs_inventory *inv)
{
    if (!inv)
        return;
    /* The side records hold every allocation a device has: walking their slabs frees them
     * without visiting a million device records. */
    size_t used = inv->side_used;
    while (inv->side_slabs) {
        struct side_slab *s = inv->side_slabs;
        for (size_t i = 0; i < used; i++)
            if (s->recs[i].live)
                side_release(&s->recs[i]);
        inv->side_slabs = s->next;
        used = SIDE_SLAB; /* every older slab is full */
        free(s);
    }
    while (inv->slabs) {
        struct dev_slab *s = inv->slabs;
        inv->slabs = s->next;
        free(s);
    }
    free(inv->list);
    free(inv->mt);
    free(inv->it);
    vs_inv_class_cache_clear(inv);
    free(inv->class_cache);
    vs_inv_org_cache_clear(inv);
    free(inv);
}

void vs_inv_apply_oui(struct vs_inventory *inv, struct vs_device *d)
{
    struct vs_oui_result r;
    vs_oui_lookup(inv->oui, d->mac, &r); /* classifies even without a registry */
    d->mac_class = (uint8_t)r.cls;
    d->oui_org = r.org;
}

struct vs_device *vs_inventory_get_mac(struct vs_inventory *inv, const uint8_t mac[6], int64_t sec,
                                       uint32_t usec, bool create)
{
    uint64_t key = mac_key(mac);
    struct mac_slot *s = vs_inv_mt_find(inv, key);
    if (s)
        return s->d;
    if (!create)
        return NULL;
    struct vs_device *d = vs_inv_device_new(inv, sec, usec);
    if (!d)
        return NULL;
    memcpy(d->mac, mac, 6);
    d->flags |= VS_DEV_HAS_MAC;
    if (!vs_inv_mt_insert(inv, key, d)) {
        vs_inv_list_remove(inv, d);
        vs_inv_device_free(inv, d);
        return NULL;
    }
    vs_inv_apply_oui(inv, d);
    vs_inventory_attribute(inv, d, sec, usec);
    return d;
}

struct vs_device *vs_inventory_see_mac(struct vs_inventory *inv, const uint8_t mac[6], int64_t sec,
                                       uint32_t usec)
{
    /* The hot path: one probe sequence in the MAC table, inlined. */
    uint64_t key = mac_key(mac);
    size_t i = hash64(key, inv->mt_cap);
    struct vs_device *d = NULL;
    while (inv->mt[i].key) {
        if (inv->mt[i].key == key) {
            d = inv->mt[i].d;
            break;
        }
        i = (i + 1) & (inv->mt_cap - 1);
    }
    if (!d)
        d = vs_inventory_get_mac(inv, mac, sec, usec, true);
    if (!d)
        return NULL;
    d->packets++;
    d->flags |= VS_DEV_DIRTY;
    d->last_sec = sec;
    d->last_usec = usec;
    return d;
}

void vs_inventory_note_vlan(struct vs_inventory *inv, struct vs_device *d, uint16_t vid)
{
    (void)inv;
    if (d->nvlans == 1 && d->vlan0 == vid)
        return;
    if (!d->nvlans) {
        d->vlan0 = vid;
        d->nvlans = 1;
        d->flags |= VS_DEV_DIRTY;
        return;
    }
    const uint16_t *vlans = vs_device_vlans(d);
    for (uint8_t i = 0; i < d->nvlans; i++)
        if (vlans[i] == vid)
            return;
    if (d->nvlans >= VS_MAX_VLANS_PER_DEVICE)
        return;
    /* Like addresses: the first lives in the record, more in the side record. */
    struct vs_device_side *x = vs_inventory_side(inv, d);
    if (!x)
        return;
    if (d->nvlans + 1 > x->vlans_cap) {
        uint8_t ncap = (uint8_t)(x->vlans_cap ? x->vlans_cap * 2 : 4);
        uint16_t *n = realloc(x->vlans, ncap * sizeof *n);
        if (!n)
            return;
        x->vlans = n;
        x->vlans_cap = ncap;
    }
    if (d->nvlans == 1)
        x->vlans[0] = d->vlan0;
    x->vlans[d->nvlans++] = vid;
    d->flags |= VS_DEV_DIRTY;
}

bool vs_inv_add_ip(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip)
{
    const struct vs_ip *ips = vs_device_ips(d);
    for (uint8_t i = 0; i < d->nips; i++)
        if (vs_ip_equal(&ips[i], ip))
            return false;
    if (d->nips >= VS_MAX_IPS_PER_DEVICE) {
        d->flags |= VS_DEV_IPS_FULL;
        return false;
    }
    if (d->nips < VS_INLINE_IPS) {
        /* Most devices have one or two addresses (an IPv4 and an IPv6 one): those live in
         * the record itself. */
        d->ip[d->nips++] = *ip;
        d->flags |= VS_DEV_DIRTY;
        return true;
    }
    struct vs_device_side *x = vs_inventory_side(inv, d);
    if (!x)
        return false;
    if (d->nips + 1 > x->ips_cap) {
        uint8_t ncap = (uint8_t)(x->ips_cap ? x->ips_cap * 2 : 4);
        struct vs_ip *n = realloc(x->ips, ncap * sizeof *n);
        if (!n)
            return false;
        x->ips = n;
        x->ips_cap = ncap;
    }
    if (d->nips == VS_INLINE_IPS)
        memcpy(x->ips, d->ip, sizeof d->ip);
    x->ips[d->nips++] = *ip;
    d->flags |= VS_DEV_DIRTY;
    return true;
}

/* Keep only the addresses keep() says yes to, in their order (back into the record when
 * few enough are left). */
void vs_inv_filter_ips(struct vs_device *d, bool (*keep)(void *, const struct vs_ip *), void *ctx)
{
    struct vs_ip *ips = d->nips > VS_INLINE_IPS ? d->side->ips : d->ip;
    uint8_t n = 0;
    for (uint8_t k = 0; k < d->nips; k++)
        if (keep(ctx, &ips[k]))
            ips[n++] = ips[k];
    if (d->nips > VS_INLINE_IPS && n <= VS_INLINE_IPS)
        memcpy(d->ip, ips, n * sizeof *ips);
    d->nips = n;
}
/* FNV-1a over the field and the bytes (64-bit; a collision only skips one duplicate-looking
 * value, it cannot corrupt anything). */
static uint64_t raw_hash(enum vs_field f, const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)f;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

bool vs_inventory_add_evidence(struct vs_inventory *inv, struct vs_device *d,
                               const struct vs_evidence *ev, const struct vs_ip *via, int64_t sec,
                               uint32_t usec)
{
    /* Repeated announcements are the norm (LLDP every 30 s, SNMP polls): recognise them
     * by a hash of the raw bytes before any cleaning or matching work. */
    uint64_t h = raw_hash(ev->field, ev->value, ev->len);
    const struct vs_device_side *c = d->side;
    for (size_t i = 0; i < c->nev; i++)
        if (c->ev[i].raw_hash == h && c->ev[i].field == ev->field)
            return false;
    size_t len;
    char *v = vs_utf8_clean(ev->value, ev->len, VS_MAX_VALUE_LEN, &len);
    if (!v)
        return false;
    if (len == 0) {
        free(v);
        return false;
    }
    for (size_t i = 0; i < c->nev; i++) {
        if (c->ev[i].field == ev->field && c->ev[i].len == len &&
            memcmp(c->ev[i].value, v, len) == 0) {
            free(v);
            return false;
        }
    }
    if (ev->field == VS_F_SYSLOG_FORMAT) {
        size_t same = 0;
        for (size_t i = 0; i < c->nev; i++)
            same += c->ev[i].field == ev->field;
        if (same >= VS_MAX_REPEATING_FIELD_VALUES) {
            free(v);
            return false; /* enough said: not counted as dropped */
        }
    }
    if (c->nev >= VS_MAX_EVIDENCE_PER_DEVICE) {
        inv->evidence_dropped++;
        free(v);
        return false;
    }
    struct vs_device_side *x = vs_inventory_side(inv, d);
    if (!x) {
        free(v);
        return false;
    }
    if (x->nev == x->ev_cap) {
        size_t ncap = x->ev_cap ? x->ev_cap * 2 : 4;
        struct vs_ev_item *n = realloc(x->ev, ncap * sizeof *n);
        if (!n) {
            free(v);
            return false;
        }
        x->ev = n;
        x->ev_cap = (uint8_t)ncap;
    }
    struct vs_ev_item *e = &x->ev[x->nev++];
    memset(e, 0, sizeof *e);
    e->field = ev->field;
    e->raw_hash = h;
    e->value = v;
    e->len = len;
    e->ts_sec = sec;
    e->ts_usec = usec;
    if (via)
        e->via = *via;
    d->flags |= VS_DEV_DIRTY;
    vs_inv_classify_item(inv, e);
    return true;
}

/* Register mac as another address of d (bounded; the MAC table then finds d by it). */
void vs_inv_add_alias(struct vs_inventory *inv, struct vs_device *d, const uint8_t mac[6])
{
    if ((d->flags & VS_DEV_HAS_MAC) && memcmp(d->mac, mac, 6) == 0)
        return;
    if (vs_inv_mt_find(inv, mac_key(mac)))
        return;
    if (d->side->naliases >= VS_MAX_ALIASES)
        return;
    struct vs_device_side *x = vs_inventory_side(inv, d);
    if (!x)
        return;
    if (!x->aliases) {
        x->aliases = calloc(VS_MAX_ALIASES, sizeof *x->aliases);
        if (!x->aliases)
            return;
    }
    if (!vs_inv_mt_insert(inv, mac_key(mac), d))
        return;
    memcpy(x->aliases[x->naliases++], mac, 6);
    d->flags |= VS_DEV_DIRTY;
}

void vs_inv_merge_into(struct vs_inventory *inv, struct vs_device *dst, struct vs_device *src,
                       int64_t sec, uint32_t usec)
{
    const struct vs_device_side *sx = src->side;
    for (size_t i = 0; i < sx->nev; i++) {
        struct vs_ev_item *e = &sx->ev[i];
        struct vs_evidence ev = {e->field, (const uint8_t *)e->value, e->len, NULL, NULL, 0};
        vs_inventory_add_evidence(inv, dst, &ev, e->via.family ? &e->via : NULL, e->ts_sec,
                                  e->ts_usec);
    }
    const struct vs_ip *sips = vs_device_ips(src);
    for (uint8_t i = 0; i < src->nips; i++)
        vs_inv_add_ip(inv, dst, &sips[i]);
    const uint16_t *svlans = vs_device_vlans(src);
    for (uint8_t i = 0; i < src->nvlans; i++)
        vs_inventory_note_vlan(inv, dst, svlans[i]);
    if (sx->disc_seen != VS_DISC_NONE) {
        struct vs_device_side *dx = vs_inventory_side(inv, dst);
        if (dx && dx->disc_seen == VS_DISC_NONE) {
            dx->disc_seen = sx->disc_seen;
            dx->disc_vlan = sx->disc_vlan;
        } else if (dx && (sx->disc_seen != dx->disc_seen || sx->disc_vlan != dx->disc_vlan)) {
            dx->disc_seen = VS_DISC_SEVERAL;
        }
    }
    if (src->first_sec < dst->first_sec ||
        (src->first_sec == dst->first_sec && src->first_usec < dst->first_usec)) {
        dst->first_sec = src->first_sec;
        dst->first_usec = src->first_usec;
    }
    dst->packets += src->packets;
    dst->flags |= VS_DEV_DIRTY;
    if (src->last_sec > dst->last_sec ||
        (src->last_sec == dst->last_sec && src->last_usec > dst->last_usec)) {
        dst->last_sec = src->last_sec;
        dst->last_usec = src->last_usec;
    }
    for (size_t i = 0; i < sx->nalerts; i++)
        vs_inventory_restore_alert(inv, dst, sx->alerts[i].rule_id, sx->alerts[i].key);
    uint8_t moved[VS_MAX_ALIASES + 1][6];
    size_t nmoved = 0;
    if (src->flags & VS_DEV_HAS_MAC)
        memcpy(moved[nmoved++], src->mac, 6);
    for (uint8_t i = 0; i < sx->naliases && nmoved < VS_MAX_ALIASES + 1; i++)
        memcpy(moved[nmoved++], sx->aliases[i], 6);
    vs_inv_device_destroy(inv, src);
    for (size_t i = 0; i < nmoved; i++)
        vs_inv_add_alias(inv, dst, moved[i]);
    vs_inventory_attribute(inv, dst, sec, usec);
}
/* ---- queries ---------------------------------------------------------------- */

void vs_device_id(const struct vs_device *d, char *out, size_t outsz)
{
    char buf[VS_IP_STRLEN];
    if (d->flags & VS_DEV_HAS_MAC) {
        vs_mac_format(d->mac, buf);
    } else {
        vs_ip_format(&d->side->key_ip, buf);
    }
    if (!outsz)
        return;
    size_t n = strlen(buf); /* not snprintf: one call per device line */
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, buf, n);
    out[n] = '\0';
}

/* Sorting a large inventory: each device gets a key first (risk rank, the rank of its
 * vendor name among the distinct names, its address) as three 64-bit words compared in
 * order, and names are compared once per name. The keys are then radix-sorted, a byte at a
 * time from the last, skipping the bytes every key has alike (most of them). */
struct sort_ent {
    uint64_t k[3]; /* risk (higher first), vendor rank, kind (MAC, IPv4, IPv6); the address */
    struct vs_device *d;
};

static uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* Stable LSD radix sort of n entries by k[0], k[1], k[2]; tmp holds n entries. Returns the
 * array that holds the result (a or tmp). */
static struct sort_ent *radix_sort(struct sort_ent *a, struct sort_ent *tmp, size_t n)
{
    size_t count[256];
    for (int w = 2; w >= 0; w--) {
        for (int b = 0; b < 64; b += 8) {
            memset(count, 0, sizeof count);
            for (size_t i = 0; i < n; i++)
                count[(a[i].k[w] >> b) & 0xff]++;
            if (count[(a[0].k[w] >> b) & 0xff] == n)
                continue; /* the same byte everywhere: nothing to order */
            size_t sum = 0;
            for (int v = 0; v < 256; v++) {
                size_t c = count[v];
                count[v] = sum;
                sum += c;
            }
            for (size_t i = 0; i < n; i++)
                tmp[count[(a[i].k[w] >> b) & 0xff]++] = a[i];
            struct sort_ent *t = a;
            a = tmp;
            tmp = t;
        }
    }
    return a;
}

static int cmp_name_ptr(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int c = strcasecmp(x, y);
    return c ? c : strcmp(x, y);
}

/* Rank of every distinct vendor pointer, through a small open-addressing map. */
struct rank_map {
    const char **keys;
    uint32_t *ranks;
    size_t cap;
};

static size_t rank_slot(const struct rank_map *m, const char *k)
{
    size_t i = (size_t)(((uintptr_t)k >> 3) * 0x9e3779b97f4a7c15ULL) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    return i;
}

struct vs_device **vs_inventory_sorted(struct vs_inventory *inv, size_t *n)
{
    size_t cnt = inv->nlist;
    *n = 0;
    struct vs_device **arr = malloc((cnt ? cnt : 1) * sizeof *arr);
    struct sort_ent *ents = malloc((cnt ? cnt : 1) * 2 * sizeof *ents);
    struct rank_map m = {NULL, NULL, 64};
    while (m.cap < cnt * 2)
        m.cap *= 2;
    m.keys = calloc(m.cap, sizeof *m.keys);
    m.ranks = calloc(m.cap, sizeof *m.ranks);
    const char **names = malloc((cnt ? cnt : 1) * sizeof *names);
    if (!arr || !ents || !m.keys || !m.ranks || !names) {
        free(arr);
        arr = NULL;
        goto out;
    }
    size_t nnames = 0;
    for (size_t i = 0; i < cnt; i++) {
        const char *v = inv->list[i]->vendor;
        if (!v)
            continue;
        size_t s = rank_slot(&m, v);
        if (!m.keys[s]) {
            m.keys[s] = v;
            names[nnames++] = v;
        }
    }
    qsort(names, nnames, sizeof *names, cmp_name_ptr);
    for (size_t i = 0; i < nnames; i++) {
        /* Equal names at different addresses share a rank. */
        uint32_t r = (uint32_t)i;
        if (i && strcasecmp(names[i], names[i - 1]) == 0)
            r = m.ranks[rank_slot(&m, names[i - 1])];
        m.ranks[rank_slot(&m, names[i])] = r;
    }
    for (size_t i = 0; i < cnt; i++) {
        struct vs_device *d = inv->list[i];
        struct sort_ent *e = &ents[i];
        uint8_t addr[16] = {0};
        uint64_t kind = 0;
        if (d->flags & VS_DEV_HAS_MAC) {
            memcpy(addr, d->mac, 6);
        } else {
            const struct vs_ip *k = &d->side->key_ip;
            kind = k->family == 4 ? 1 : 2;
            memcpy(addr, k->a, k->family == 4 ? 4 : 16);
        }
        /* Severities are small: higher first is 255 - rank first. */
        uint64_t risk = d->risk ? (uint64_t)d->risk->severity + 1 : 0;
        uint64_t vendor = d->vendor ? m.ranks[rank_slot(&m, d->vendor)] : UINT32_MAX;
        e->k[0] = (255 - (risk & 0xff)) << 56 | vendor << 8 | kind;
        e->k[1] = be64(addr);
        e->k[2] = be64(addr + 8);
        e->d = d;
    }
    struct sort_ent *sorted = cnt ? radix_sort(ents, ents + cnt, cnt) : ents;
    for (size_t i = 0; i < cnt; i++)
        arr[i] = sorted[i].d;
    *n = cnt;
out:
    free(ents);
    free(m.keys);
    free(m.ranks);
    free(names);
    return arr;
}

void vs_inventory_set_quiet(struct vs_inventory *inv, bool quiet)
{
    inv->quiet = quiet;
}

struct vs_device *const *vs_inventory_devices(const struct vs_inventory *inv, size_t *n)
{
    *n = inv->nlist;
    return inv->list;
}

size_t vs_inventory_count(const struct vs_inventory *inv)
{
    return inv->nlist;
}
uint64_t vs_inventory_alerts(const struct vs_inventory *inv)
{
    return inv->alerts;
}
uint64_t vs_inventory_evictions(const struct vs_inventory *inv)
{
    return inv->evictions;
}

struct vs_device *vs_inventory_restore_device(struct vs_inventory *inv, const char *id,
                                              int64_t first_sec, uint32_t first_usec,
                                              int64_t last_sec, uint32_t last_usec,
                                              uint64_t packets, bool merge)
{
    uint8_t mac[6];
    struct vs_ip ip;
    struct vs_device *d = NULL;
    size_t before = inv->serial;
    if (vs_mac_parse(id, mac)) {
        d = vs_inventory_get_mac(inv, mac, first_sec, first_usec, true);
    } else if (vs_ip_parse(id, &ip)) {
        d = vs_identity_for_ip(inv, &ip, NULL, first_sec, first_usec);
    }
    if (!d)
        return NULL;
    bool fresh = d->serial >= before; /* created by this call */
    if (merge && !fresh) {
        if (first_sec < d->first_sec || (first_sec == d->first_sec && first_usec < d->first_usec)) {
            d->first_sec = first_sec;
            d->first_usec = first_usec;
        }
        if (last_sec > d->last_sec || (last_sec == d->last_sec && last_usec > d->last_usec)) {
            d->last_sec = last_sec;
            d->last_usec = last_usec;
        }
        d->packets += packets;
        return d;
    }
    d->first_sec = first_sec;
    d->first_usec = first_usec;
    d->last_sec = last_sec;
    d->last_usec = last_usec;
    d->packets = packets;
    return d;
}
uint64_t vs_inventory_evidence_dropped(const struct vs_inventory *inv)
{
    return inv->evidence_dropped;
}

/* ---- several workers ---------------------------------------------------------- */

static int cmp_serial(const void *a, const void *b)
{
    const struct vs_device *x = *(struct vs_device *const *)a, *y = *(struct vs_device *const *)b;
    return x->serial < y->serial ? -1 : x->serial > y->serial;
}

/* One device of a worker's inventory into the merged one: what restoring a saved inventory
 * with merge does (vs_inventory_restore_device, then its addresses, VLANs and evidence), from
 * the record itself, plus what a saved inventory does not carry (aliases, bindings, gateway
 * and router marks, peers, where announcements were heard). */
static void absorb_one(struct vs_inventory *dst, const struct vs_inventory *src,
                       struct vs_device *s)
{
    char id[VS_IP_STRLEN];
    vs_device_id(s, id, sizeof id);
    struct vs_device *d = vs_inventory_restore_device(dst, id, s->first_sec, s->first_usec,
                                                      s->last_sec, s->last_usec, s->packets, true);
    if (!d)
        return;
    struct vs_device_side *sx = s->side;
    int64_t sec = s->last_sec;
    uint32_t usec = s->last_usec;
    for (uint8_t i = 0; i < sx->naliases; i++)
        d = vs_identity_alias_mac(dst, d, sx->aliases[i], sec, usec);
    if ((s->flags & VS_DEV_ROUTER) && !(d->flags & VS_DEV_ROUTER))
        vs_identity_mark_router(dst, d);
    if ((s->flags & VS_DEV_GATEWAY) && (d->flags & VS_DEV_HAS_MAC) && !(d->flags & VS_DEV_GATEWAY))
        vs_inv_become_gateway(dst, d, sec, usec);
    const struct vs_ip *sips = vs_device_ips(s);
    for (uint8_t k = 0; k < s->nips; k++) {
        const struct vs_ip *ip = &sips[k];
        if (!(d->flags & VS_DEV_HAS_MAC)) {
            vs_inv_add_ip(dst, d, ip);
            continue;
        }
        const struct ip_slot *sl = vs_inv_it_find(src, ip);
        if (sl && sl->d == s && sl->bound)
            vs_identity_bind(dst, d, ip);
        else
            vs_identity_note_ip(dst, d, ip);
    }
    const uint16_t *svl = vs_device_vlans(s);
    for (uint8_t i = 0; i < s->nvlans; i++)
        vs_inventory_note_vlan(dst, d, svl[i]);
    struct vs_device_side *dx;
    if (sx->disc_seen != VS_DISC_NONE && (dx = vs_inventory_side(dst, d)) != NULL) {
        if (dx->disc_seen == VS_DISC_NONE) {
            dx->disc_seen = sx->disc_seen;
            dx->disc_vlan = sx->disc_vlan;
        } else if (sx->disc_seen != dx->disc_seen || sx->disc_vlan != dx->disc_vlan) {
            dx->disc_seen = VS_DISC_SEVERAL;
        }
    }
    for (size_t i = 0; i < sx->nev; i++) {
        const struct vs_ev_item *e = &sx->ev[i];
        struct vs_evidence ev = {e->field, (const uint8_t *)e->value, e->len, NULL, NULL, 0};
        vs_inventory_add_evidence(dst, d, &ev, e->via.family ? &e->via : NULL, e->ts_sec,
                                  e->ts_usec);
    }
    for (uint8_t i = 0; i < sx->npeers; i++) {
        if (sx->peers[i].packets && dst->geo)
            vs_inv_peer_add(dst, d, &sx->peers[i].ip, sx->peers[i].packets, sec, usec);
        sx->peers[i].packets = 0;
    }
    vs_inventory_attribute(dst, d, sec, usec);
    s->packets = 0;
}

size_t vs_inventory_absorb(struct vs_inventory *dst, struct vs_inventory *src, size_t budget,
                           bool *done)
{
    size_t n = 0, want = budget && budget < src->nlist ? budget : src->nlist;
    struct vs_device **todo = malloc((want ? want : 1) * sizeof *todo);
    *done = false;
    if (!todo)
        return 0;
    /* From where the last call stopped, so that a bounded call still reaches every device
     * in turn. */
    size_t i = src->absorb_pos, seen = 0;
    for (; seen < src->nlist && n < want; seen++, i++) {
        if (i >= src->nlist)
            i = 0;
        if (src->list[i]->flags & VS_DEV_DIRTY)
            todo[n++] = src->list[i];
    }
    src->absorb_pos = i;
    *done = seen == src->nlist;
    /* By creation order: the merged inventory meets the devices in the order the worker
     * did, so that its identity decisions (which MAC sourced an address first) agree. */
    qsort(todo, n, sizeof *todo, cmp_serial);
    for (size_t k = 0; k < n; k++) {
        absorb_one(dst, src, todo[k]);
        todo[k]->flags &= (uint16_t)~VS_DEV_DIRTY;
    }
    free(todo);
    return n;
}
