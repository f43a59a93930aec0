/* inventory.c - device tables, evidence merge and attribution. One record per device,
 * keyed by MAC for link-local evidence and by IP for evidence from routed traffic; the
 * attribution is recomputed only when a device gains evidence (never per packet). */
#include "vendorsniff/inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vendorsniff/geo.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/signatures.h"
#include "vendorsniff/text.h"

/* Weight of the OUI registry organisation as vendor evidence: weaker than any protocol
 * statement, so that a white-box ODM MAC announcing a Huawei switch is a Huawei. */
#define VS_WEIGHT_OUI 0.3

struct mac_slot {
    uint64_t key; /* 48-bit MAC | 1 << 63 when used */
    struct vs_device *d;
};

struct ip_slot {
    struct vs_ip ip; /* family 0 = empty */
    struct vs_device *d;
    bool bound; /* an explicit on-link binding (ARP, ND, DHCP, engine ID, mgmt address) */
};

/* The signatures' verdict on a value, remembered: a fleet of identical switches sends the
 * same system description, and PCRE2 then runs once for all of them. Direct-mapped. */
#define CLASS_CACHE_SLOTS 2048

struct class_ent {
    char *value; /* NULL = empty slot */
    size_t len;
    enum vs_field field;
    const char *vendor, *rule_id;
    double weight, wmodel, wsoft;
    char *model, *software, *name;
};

struct vs_inventory {
    const struct vs_oui_db *oui;
    const struct vs_sigs *sigs;
    const struct vs_risk_list *risk;
    const struct vs_geo *geo;
    struct vs_inventory_hooks hooks;
    size_t max_devices;

    struct mac_slot *mt;
    size_t mt_cap, mt_used; /* cap is a power of two */
    struct ip_slot *it;
    size_t it_cap, it_used;

    struct vs_device **list;
    size_t nlist, list_cap;
    uint64_t serial;
    uint64_t alerts;
    uint64_t evictions;
    uint64_t evidence_dropped;
    bool quiet;
    /* Registry organisation -> canonical vendor, by the organisation's address in the OUI
     * db: a new device's first attribution is then one probe, not a normalise-and-search. */
    struct {
        const char *org;
        const char *vendor;
    } org_cache[1024];
    struct class_ent *class_cache; /* CLASS_CACHE_SLOTS entries, allocated on first use */
};

/* ---- hashing ---------------------------------------------------------------- */

static inline uint64_t mac_key(const uint8_t m[6])
{
    return (uint64_t)m[0] << 40 | (uint64_t)m[1] << 32 | (uint64_t)m[2] << 24 |
           (uint64_t)m[3] << 16 | (uint64_t)m[4] << 8 | m[5] | (1ULL << 63);
}

static inline size_t hash64(uint64_t k, size_t cap)
{
    k ^= k >> 31;
    k *= 0x9e3779b97f4a7c15ULL;
    k ^= k >> 29;
    return (size_t)k & (cap - 1);
}

static size_t ip_hash(const struct vs_ip *ip, size_t cap)
{
    uint64_t a, b;
    memcpy(&a, ip->a, 8);
    memcpy(&b, ip->a + 8, 8);
    return hash64(a ^ (b * 0xff51afd7ed558ccdULL) ^ ip->family, cap);
}

static bool mt_grow(struct vs_inventory *inv)
{
    size_t ncap = inv->mt_cap ? inv->mt_cap * 2 : 1024;
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

static struct mac_slot *mt_find(const struct vs_inventory *inv, uint64_t key)
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

static bool mt_insert(struct vs_inventory *inv, uint64_t key, struct vs_device *d)
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
static void mt_delete(struct vs_inventory *inv, uint64_t key)
{
    struct mac_slot *s = mt_find(inv, key);
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

static bool it_grow(struct vs_inventory *inv)
{
    size_t ncap = inv->it_cap ? inv->it_cap * 2 : 256;
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

static struct ip_slot *it_find(const struct vs_inventory *inv, const struct vs_ip *ip)
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

static struct ip_slot *it_insert(struct vs_inventory *inv, const struct vs_ip *ip,
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

static void it_delete(struct vs_inventory *inv, const struct vs_ip *ip)
{
    struct ip_slot *s = it_find(inv, ip);
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
    for (uint8_t k = 0; k < d->nips; k++) {
        struct ip_slot *s = it_find(inv, &d->ips[k]);
        if (s && s->d == d)
            it_delete(inv, &d->ips[k]);
    }
    if (d->key_ip.family) {
        struct ip_slot *s = it_find(inv, &d->key_ip);
        if (s && s->d == d)
            it_delete(inv, &d->key_ip);
    }
}

/* ---- device lifetime -------------------------------------------------------- */

static void ev_item_free(struct vs_ev_item *e)
{
    free(e->value);
    free(e->model);
    free(e->software);
    free(e->name);
}

static void device_free(struct vs_device *d)
{
    for (size_t i = 0; i < d->nev; i++)
        ev_item_free(&d->ev[i]);
    free(d->ev);
    for (size_t i = 0; i < d->nalerts; i++) {
        free(d->alerts[i].rule_id);
        free(d->alerts[i].vendor);
    }
    free(d->alerts);
    if (d->ips != d->ips_inline)
        free(d->ips);
    free(d->aliases);
    free(d->peers);
    free(d->vlans);
    free(d->model);
    free(d->software);
    free(d->name);
    free(d);
}

static void list_remove(struct vs_inventory *inv, struct vs_device *d)
{
    size_t i = d->list_idx;
    inv->list[i] = inv->list[--inv->nlist];
    inv->list[i]->list_idx = i;
}

static void evict_some(struct vs_inventory *inv);
static void class_cache_clear(struct vs_inventory *inv);

static struct vs_device *device_new(struct vs_inventory *inv, int64_t sec, uint32_t usec)
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
    struct vs_device *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->first_sec = d->last_sec = sec;
    d->first_usec = d->last_usec = usec;
    d->serial = inv->serial++;
    d->list_idx = inv->nlist;
    inv->list[inv->nlist++] = d;
    return d;
}

static void device_destroy(struct vs_inventory *inv, struct vs_device *d)
{
    it_forget_device(inv, d);
    if (d->flags & VS_DEV_HAS_MAC)
        mt_delete(inv, mac_key(d->mac));
    for (uint8_t i = 0; i < d->naliases; i++) {
        struct mac_slot *s = mt_find(inv, mac_key(d->aliases[i]));
        if (s && s->d == d)
            mt_delete(inv, mac_key(d->aliases[i]));
    }
    list_remove(inv, d);
    device_free(d);
}

static int cmp_last_seen(const void *a, const void *b)
{
    const struct vs_device *x = *(struct vs_device *const *)a;
    const struct vs_device *y = *(struct vs_device *const *)b;
    if (x->last_sec != y->last_sec)
        return x->last_sec < y->last_sec ? -1 : 1;
    if (x->last_usec != y->last_usec)
        return x->last_usec < y->last_usec ? -1 : 1;
    return x->serial < y->serial ? -1 : x->serial > y->serial;
}

/* Evict the least recently seen sixteenth of the table in one pass (amortised O(1) per
 * new device); devices on the risk list are never evicted. */
static void evict_some(struct vs_inventory *inv)
{
    size_t want = inv->max_devices / 16 + 1;
    struct vs_device **cand = malloc(inv->nlist * sizeof *cand);
    if (!cand)
        return;
    size_t n = 0;
    for (size_t i = 0; i < inv->nlist; i++)
        if (!inv->list[i]->risk)
            cand[n++] = inv->list[i];
    qsort(cand, n, sizeof *cand, cmp_last_seen);
    if (want > n)
        want = n;
    for (size_t i = 0; i < want; i++) {
        device_destroy(inv, cand[i]);
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
    for (size_t i = 0; i < inv->nlist; i++)
        device_free(inv->list[i]);
    free(inv->list);
    free(inv->mt);
    free(inv->it);
    class_cache_clear(inv);
    free(inv->class_cache);
    free(inv);
}

static void apply_oui(struct vs_inventory *inv, struct vs_device *d)
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
    struct mac_slot *s = mt_find(inv, key);
    if (s)
        return s->d;
    if (!create)
        return NULL;
    struct vs_device *d = device_new(inv, sec, usec);
    if (!d)
        return NULL;
    memcpy(d->mac, mac, 6);
    d->flags |= VS_DEV_HAS_MAC;
    if (!mt_insert(inv, key, d)) {
        list_remove(inv, d);
        device_free(d);
        return NULL;
    }
    apply_oui(inv, d);
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
    d->last_sec = sec;
    d->last_usec = usec;
    return d;
}

void vs_inventory_note_vlan(struct vs_inventory *inv, struct vs_device *d, uint16_t vid)
{
    (void)inv;
    for (uint8_t i = 0; i < d->nvlans; i++)
        if (d->vlans[i] == vid)
            return;
    if (d->nvlans >= VS_MAX_VLANS_PER_DEVICE)
        return;
    if (d->nvlans == d->vlans_cap) {
        uint8_t ncap = d->vlans_cap ? (uint8_t)(d->vlans_cap * 2) : 2;
        uint16_t *n = realloc(d->vlans, ncap * sizeof *n);
        if (!n)
            return;
        d->vlans = n;
        d->vlans_cap = ncap;
    }
    d->vlans[d->nvlans++] = vid;
}

static bool ip_is_link_local6(const struct vs_ip *ip)
{
    return ip->family == 6 && ip->a[0] == 0xfe && (ip->a[1] & 0xc0) == 0x80;
}

static bool add_ip(struct vs_device *d, const struct vs_ip *ip)
{
    for (uint8_t i = 0; i < d->nips; i++)
        if (vs_ip_equal(&d->ips[i], ip))
            return false;
    if (d->nips >= VS_MAX_IPS_PER_DEVICE) {
        d->flags |= VS_DEV_IPS_FULL;
        return false;
    }
    if (d->nips == d->ips_cap) {
        /* Most devices have one or two addresses: those live in the device itself. */
        if (!d->ips_cap) {
            d->ips = d->ips_inline;
            d->ips_cap = 2;
        } else {
            uint8_t ncap = (uint8_t)(d->ips_cap * 2);
            struct vs_ip *n = malloc(ncap * sizeof *n);
            if (!n)
                return false;
            memcpy(n, d->ips, d->nips * sizeof *n);
            if (d->ips != d->ips_inline)
                free(d->ips);
            d->ips = n;
            d->ips_cap = ncap;
        }
    }
    d->ips[d->nips++] = *ip;
    return true;
}

static void become_gateway(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                           uint32_t usec);

/* A MAC that sources several IPv4 (or many global IPv6) addresses routes for others. */
static bool looks_like_gateway(const struct vs_device *d)
{
    unsigned v4 = 0, v6 = 0;
    for (uint8_t i = 0; i < d->nips; i++) {
        if (d->ips[i].family == 4)
            v4++;
        else if (!ip_is_link_local6(&d->ips[i]))
            v6++;
    }
    return v4 >= VS_GATEWAY_IP_THRESHOLD || v6 >= VS_GATEWAY_IP_THRESHOLD * 2;
}

void vs_inventory_note_ip(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip)
{
    if (d->flags & (VS_DEV_IPS_FULL | VS_DEV_GATEWAY))
        return; /* a gateway's own addresses come from bindings, not from what it forwards */
    /* Most packets come from the address seen last: one compare and out. */
    for (uint8_t k = d->nips; k-- > 0;)
        if (vs_ip_equal(&d->ips[k], ip))
            return;
    if (ip->family == 4 && (ip->a[0] == 0 || ip->a[0] >= 224))
        return; /* unspecified, multicast, broadcast: no host address */
    if (!add_ip(d, ip))
        return;
    if (!(d->flags & VS_DEV_GATEWAY) && looks_like_gateway(d))
        become_gateway(inv, d, d->last_sec, d->last_usec);
}

static void merge_into(struct vs_inventory *inv, struct vs_device *dst, struct vs_device *src,
                       int64_t sec, uint32_t usec);

void vs_inventory_bind(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip)
{
    if (!ip || !ip->family)
        return;
    if (ip->family == 4 && (ip->a[0] == 0 || ip->a[0] >= 224))
        return;
    struct ip_slot *s = it_find(inv, ip);
    if (s && s->d == d) {
        s->bound = true;
        add_ip(d, ip);
        return;
    }
    if (s) {
        struct vs_device *other = s->d;
        if (!(other->flags & VS_DEV_HAS_MAC)) {
            /* The IP-keyed device turns out to be on this link: fold it in. */
            merge_into(inv, d, other, d->last_sec, d->last_usec);
        } else {
            it_delete(inv, ip); /* rebinding (a host moved, or a new DHCP lease) */
        }
    }
    add_ip(d, ip);
    if (!it_find(inv, ip))
        it_insert(inv, ip, d, true);
}

struct vs_device *vs_inventory_for_ip(struct vs_inventory *inv, const struct vs_ip *ip,
                                      struct vs_device *src_dev, int64_t sec, uint32_t usec)
{
    struct ip_slot *s = it_find(inv, ip);
    if (s) {
        struct vs_device *d = s->d;
        if (!(d->flags & VS_DEV_HAS_MAC) || s->bound || !(d->flags & VS_DEV_GATEWAY))
            return d;
        it_delete(inv, ip);
    }
    /* A MAC that is not a gateway and sourced this address is the host itself (a host may
     * show an IPv4 and a few IPv6 addresses; a router shows many). */
    if (src_dev && !(src_dev->flags & VS_DEV_GATEWAY)) {
        for (uint8_t k = 0; k < src_dev->nips; k++) {
            if (vs_ip_equal(&src_dev->ips[k], ip)) {
                it_insert(inv, ip, src_dev, false);
                return src_dev;
            }
        }
    }
    struct vs_device *d = device_new(inv, sec, usec);
    if (!d)
        return NULL;
    d->packets = 1; /* the packet that carried the evidence; later ones by vs_inventory_touch_ip */
    d->key_ip = *ip;
    add_ip(d, ip);
    if (!it_insert(inv, ip, d, false)) {
        list_remove(inv, d);
        device_free(d);
        return NULL;
    }
    return d;
}

/* ---- evidence --------------------------------------------------------------- */

/* A parsed attribute (model, software, name) is for display and comparison: no control
 * characters in it, whatever the raw value held (the raw value keeps them, escaped). */
static char *dup_clean(const char *v)
{
    char *o = strdup(v);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; o[i]; i++) {
        if (o[i] == 0x1b && o[i + 1] == '[') {
            /* A terminal control sequence: ESC [ parameters final-byte. */
            i += 2;
            while (o[i] && !((unsigned char)o[i] >= 0x40 && (unsigned char)o[i] <= 0x7e))
                i++;
            if (!o[i])
                break;
            continue;
        }
        if ((unsigned char)o[i] >= 0x20)
            o[k++] = o[i];
    }
    o[k] = '\0';
    return o;
}

struct match_acc {
    struct vs_ev_item *item;
};

static void on_match(void *ctx, const struct vs_sig_match *m)
{
    struct vs_ev_item *e = ((struct match_acc *)ctx)->item;
    /* Per attribute, keep what the heaviest rule said. */
    if (m->vendor && (!e->vendor || m->weight > e->weight)) {
        e->vendor = m->vendor;
        e->weight = m->weight;
        e->rule_id = m->rule_id;
    } else if (!e->rule_id) {
        e->rule_id = m->rule_id;
        if (!e->vendor && m->weight > e->weight)
            e->weight = m->weight;
    }
    if (m->model[0] && (!e->model || m->weight > e->wmodel)) {
        free(e->model);
        e->model = dup_clean(m->model);
        e->wmodel = m->weight;
    }
    if (m->software[0] && (!e->software || m->weight > e->wsoft)) {
        free(e->software);
        e->software = dup_clean(m->software);
        e->wsoft = m->weight;
    }
    if (m->name[0] && !e->name)
        e->name = dup_clean(m->name);
}

static void class_ent_clear(struct class_ent *c)
{
    free(c->value);
    free(c->model);
    free(c->software);
    free(c->name);
    memset(c, 0, sizeof *c);
}

static void class_cache_clear(struct vs_inventory *inv)
{
    if (!inv->class_cache)
        return;
    for (size_t i = 0; i < CLASS_CACHE_SLOTS; i++)
        class_ent_clear(&inv->class_cache[i]);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void classify_item(struct vs_inventory *inv, struct vs_ev_item *e)
{
    e->vendor = NULL;
    e->rule_id = NULL;
    e->weight = e->wmodel = e->wsoft = 0;
    free(e->model);
    free(e->software);
    free(e->name);
    e->model = e->software = e->name = NULL;
    if (!inv->sigs)
        return;
    if (!inv->class_cache)
        inv->class_cache = calloc(CLASS_CACHE_SLOTS, sizeof *inv->class_cache);
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)e->field;
    for (size_t i = 0; i < e->len; i++)
        h = (h ^ (uint8_t)e->value[i]) * 0x100000001b3ULL;
    struct class_ent *c = inv->class_cache ? &inv->class_cache[h % CLASS_CACHE_SLOTS] : NULL;
    if (c && c->value && c->field == e->field && c->len == e->len &&
        memcmp(c->value, e->value, e->len) == 0) {
        e->vendor = c->vendor;
        e->rule_id = c->rule_id;
        e->weight = c->weight;
        e->wmodel = c->wmodel;
        e->wsoft = c->wsoft;
        e->model = dup_or_null(c->model);
        e->software = dup_or_null(c->software);
        e->name = dup_or_null(c->name);
        return;
    }
    struct match_acc acc = {e};
    vs_sigs_match(inv->sigs, e->field, e->value, e->len, on_match, &acc);
    if (!c)
        return;
    class_ent_clear(c);
    c->value = malloc(e->len + 1);
    if (!c->value)
        return;
    memcpy(c->value, e->value, e->len + 1);
    c->len = e->len;
    c->field = e->field;
    c->vendor = e->vendor;
    c->rule_id = e->rule_id;
    c->weight = e->weight;
    c->wmodel = e->wmodel;
    c->wsoft = e->wsoft;
    c->model = dup_or_null(e->model);
    c->software = dup_or_null(e->software);
    c->name = dup_or_null(e->name);
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
    for (size_t i = 0; i < d->nev; i++)
        if (d->ev[i].raw_hash == h && d->ev[i].field == ev->field)
            return false;
    size_t len;
    char *v = vs_utf8_clean(ev->value, ev->len, VS_MAX_VALUE_LEN, &len);
    if (!v)
        return false;
    if (len == 0) {
        free(v);
        return false;
    }
    for (size_t i = 0; i < d->nev; i++) {
        if (d->ev[i].field == ev->field && d->ev[i].len == len &&
            memcmp(d->ev[i].value, v, len) == 0) {
            free(v);
            return false;
        }
    }
    if (d->nev >= VS_MAX_EVIDENCE_PER_DEVICE) {
        inv->evidence_dropped++;
        free(v);
        return false;
    }
    if (d->nev == d->ev_cap) {
        size_t ncap = d->ev_cap ? d->ev_cap * 2 : 4;
        struct vs_ev_item *n = realloc(d->ev, ncap * sizeof *n);
        if (!n) {
            free(v);
            return false;
        }
        d->ev = n;
        d->ev_cap = ncap;
    }
    struct vs_ev_item *e = &d->ev[d->nev++];
    memset(e, 0, sizeof *e);
    e->field = ev->field;
    e->raw_hash = h;
    e->value = v;
    e->len = len;
    e->ts_sec = sec;
    e->ts_usec = usec;
    if (via)
        e->via = *via;
    classify_item(inv, e);
    return true;
}

/* Move routed evidence off a device that turned out to be a router, to the IP hosts
 * that really sent it; drop inferred bindings to it. */
static void become_gateway(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                           uint32_t usec)
{
    d->flags |= VS_DEV_GATEWAY;
    /* The source addresses it showed were mostly other hosts': keep only those bound to it
     * (ARP, ND, DHCP, management address), and drop inferred bindings. */
    uint8_t keep_ips = 0;
    for (uint8_t k = 0; k < d->nips; k++) {
        struct ip_slot *s = it_find(inv, &d->ips[k]);
        if (s && s->d == d && s->bound) {
            d->ips[keep_ips++] = d->ips[k];
            continue;
        }
        if (s && s->d == d)
            it_delete(inv, &d->ips[k]);
    }
    d->nips = keep_ips;
    bool moved = false;
    size_t keep = 0;
    for (size_t i = 0; i < d->nev; i++) {
        struct vs_ev_item *e = &d->ev[i];
        if (!e->via.family) {
            d->ev[keep++] = *e;
            continue;
        }
        struct ip_slot *s = it_find(inv, &e->via);
        struct vs_device *to = s && s->d != d ? s->d : NULL;
        if (!to) {
            to = vs_inventory_for_ip(inv, &e->via, NULL, e->ts_sec, e->ts_usec);
        }
        if (!to || to == d) {
            d->ev[keep++] = *e;
            continue;
        }
        if (to->nev < VS_MAX_EVIDENCE_PER_DEVICE) {
            if (to->nev == to->ev_cap) {
                size_t ncap = to->ev_cap ? to->ev_cap * 2 : 4;
                struct vs_ev_item *n = realloc(to->ev, ncap * sizeof *n);
                if (!n) {
                    d->ev[keep++] = *e;
                    continue;
                }
                to->ev = n;
                to->ev_cap = ncap;
            }
            to->ev[to->nev++] = *e;
            vs_inventory_attribute(inv, to, sec, usec);
        } else {
            ev_item_free(e);
        }
        moved = true;
    }
    d->nev = keep;
    if (moved)
        vs_inventory_attribute(inv, d, sec, usec);
}

/* Register mac as another address of d (bounded; the MAC table then finds d by it). */
static void add_alias(struct vs_inventory *inv, struct vs_device *d, const uint8_t mac[6])
{
    if ((d->flags & VS_DEV_HAS_MAC) && memcmp(d->mac, mac, 6) == 0)
        return;
    if (mt_find(inv, mac_key(mac)))
        return;
    if (d->naliases >= VS_MAX_ALIASES)
        return;
    if (!d->aliases) {
        d->aliases = calloc(VS_MAX_ALIASES, sizeof *d->aliases);
        if (!d->aliases)
            return;
    }
    if (!mt_insert(inv, mac_key(mac), d))
        return;
    memcpy(d->aliases[d->naliases++], mac, 6);
}

static void merge_into(struct vs_inventory *inv, struct vs_device *dst, struct vs_device *src,
                       int64_t sec, uint32_t usec)
{
    for (size_t i = 0; i < src->nev; i++) {
        struct vs_ev_item *e = &src->ev[i];
        struct vs_evidence ev = {e->field, (const uint8_t *)e->value, e->len, NULL, NULL, 0};
        vs_inventory_add_evidence(inv, dst, &ev, e->via.family ? &e->via : NULL, e->ts_sec,
                                  e->ts_usec);
    }
    for (uint8_t i = 0; i < src->nips; i++)
        add_ip(dst, &src->ips[i]);
    for (uint8_t i = 0; i < src->nvlans; i++)
        vs_inventory_note_vlan(inv, dst, src->vlans[i]);
    if (src->first_sec < dst->first_sec ||
        (src->first_sec == dst->first_sec && src->first_usec < dst->first_usec)) {
        dst->first_sec = src->first_sec;
        dst->first_usec = src->first_usec;
    }
    dst->packets += src->packets;
    if (src->last_sec > dst->last_sec ||
        (src->last_sec == dst->last_sec && src->last_usec > dst->last_usec)) {
        dst->last_sec = src->last_sec;
        dst->last_usec = src->last_usec;
    }
    for (size_t i = 0; i < src->nalerts; i++)
        vs_inventory_restore_alert(inv, dst, src->alerts[i].rule_id, src->alerts[i].vendor);
    uint8_t moved[VS_MAX_ALIASES + 1][6];
    size_t nmoved = 0;
    if (src->flags & VS_DEV_HAS_MAC)
        memcpy(moved[nmoved++], src->mac, 6);
    for (uint8_t i = 0; i < src->naliases && nmoved < VS_MAX_ALIASES + 1; i++)
        memcpy(moved[nmoved++], src->aliases[i], 6);
    device_destroy(inv, src);
    for (size_t i = 0; i < nmoved; i++)
        add_alias(inv, dst, moved[i]);
    vs_inventory_attribute(inv, dst, sec, usec);
}

/* ---- attribution ------------------------------------------------------------ */

/* Fields that name the device, best first. */
static const enum vs_field name_fields[] = {
    VS_F_LLDP_SYSTEM_NAME, VS_F_CDP_DEVICE_ID, VS_F_SNMP_SYS_NAME, VS_F_EDP_SYSTEM_NAME,
    VS_F_FDP_DEVICE_ID,    VS_F_MNDP_IDENTITY, VS_F_UBDP_HOSTNAME, VS_F_CDP_SYSTEM_NAME,
    VS_F_DHCP_HOSTNAME,
};
/* Fields that carry a model or software string as is, used when no rule parsed one. */
static const enum vs_field model_fields[] = {
    VS_F_LLDP_MED_MODEL_NAME, VS_F_SNMP_ENT_MODEL_NAME, VS_F_CWMP_PRODUCT_CLASS,
    VS_F_MNDP_BOARD,          VS_F_UBDP_MODEL,
};
static const enum vs_field software_fields[] = {
    VS_F_LLDP_MED_SOFTWARE_REVISION, VS_F_SNMP_ENT_SOFTWARE_REV, VS_F_CWMP_SOFTWARE_VERSION,
    VS_F_MNDP_VERSION,               VS_F_UBDP_FIRMWARE,        VS_F_LLDP_MED_FIRMWARE_REVISION,
};

static const char *first_field(const struct vs_device *d, const enum vs_field *fields, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < d->nev; i++)
            if (d->ev[i].field == fields[k])
                return d->ev[i].value;
    return NULL;
}

struct vote {
    const char *vendor;
    double miss; /* product of (1 - w): noisy-OR of independent statements */
    double best;
};

static void vote_add(struct vote *v, size_t *nv, size_t cap, const char *vendor, double w)
{
    for (size_t i = 0; i < *nv; i++) {
        if (strcmp(v[i].vendor, vendor) == 0) {
            v[i].miss *= 1.0 - w;
            if (w > v[i].best)
                v[i].best = w;
            return;
        }
    }
    if (*nv < cap) {
        v[*nv].vendor = vendor;
        v[*nv].miss = 1.0 - w;
        v[*nv].best = w;
        (*nv)++;
    }
}

static bool str_changed(const char *a, const char *b)
{
    if (!a || !b)
        return a != b;
    return strcmp(a, b) != 0;
}

static bool already_alerted(const struct vs_device *d, const struct vs_risk_rule *r)
{
    for (size_t i = 0; i < d->nalerts; i++)
        if (strcmp(d->alerts[i].rule_id, r->id) == 0 &&
            strcmp(d->alerts[i].vendor, d->vendor ? d->vendor : "") == 0)
            return true;
    return false;
}

void vs_inventory_restore_alert(struct vs_inventory *inv, struct vs_device *d, const char *rule_id,
                                const char *vendor)
{
    (void)inv;
    for (size_t i = 0; i < d->nalerts; i++)
        if (strcmp(d->alerts[i].rule_id, rule_id) == 0 && strcmp(d->alerts[i].vendor, vendor) == 0)
            return;
    if (d->nalerts >= VS_MAX_ALERTS_PER_DEVICE) {
        /* Forget the oldest: the newest attribution is what matters for de-duplication. */
        free(d->alerts[0].rule_id);
        free(d->alerts[0].vendor);
        memmove(d->alerts, d->alerts + 1, (d->nalerts - 1) * sizeof *d->alerts);
        d->nalerts--;
    }
    struct vs_alert_rec *n = realloc(d->alerts, (d->nalerts + 1) * sizeof *n);
    if (!n)
        return;
    d->alerts = n;
    d->alerts[d->nalerts].rule_id = strdup(rule_id);
    d->alerts[d->nalerts].vendor = strdup(vendor);
    d->nalerts++;
}

void vs_inventory_attribute(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                            uint32_t usec)
{
    struct vote votes[32];
    size_t nv = 0;
    const char *oui_vendor = NULL;
    if (d->oui_org && d->mac_class == VS_MAC_GLOBAL) {
        size_t slot = (size_t)(((uintptr_t)d->oui_org >> 3) * 0x9e3779b97f4a7c15ULL >> 54);
        if (inv->org_cache[slot].org == d->oui_org) {
            oui_vendor = inv->org_cache[slot].vendor;
        } else {
            oui_vendor = inv->sigs ? vs_sigs_vendor_for_org(inv->sigs, d->oui_org) : NULL;
            inv->org_cache[slot].org = d->oui_org;
            inv->org_cache[slot].vendor = oui_vendor;
        }
        if (!oui_vendor)
            oui_vendor = d->oui_org;
        vote_add(votes, &nv, 32, oui_vendor, VS_WEIGHT_OUI);
    }
    for (size_t i = 0; i < d->nev; i++)
        if (d->ev[i].vendor && d->ev[i].weight > 0)
            vote_add(votes, &nv, 32, d->ev[i].vendor, d->ev[i].weight);

    const char *vendor = NULL;
    double score = 0, total = 0;
    for (size_t i = 0; i < nv; i++) {
        double s = 1.0 - votes[i].miss;
        total += s;
        if (s > score + 1e-9) {
            score = s;
            vendor = votes[i].vendor;
        }
    }
    double conf = total > 0 ? score * (score / total) : 0.0;
    conf = (double)(long)(conf * 100.0 + 0.5) / 100.0;

    /* Model and software: the heaviest statement from the winning vendor (or from a
     * vendor-neutral rule), else the raw inventory fields. */
    const char *model = NULL, *software = NULL, *name = NULL;
    double wm = -1, ws = -1;
    for (size_t i = 0; i < d->nev; i++) {
        const struct vs_ev_item *e = &d->ev[i];
        bool mine = !e->vendor || (vendor && strcmp(e->vendor, vendor) == 0);
        if (!mine)
            continue;
        if (e->model && e->wmodel > wm) {
            model = e->model;
            wm = e->wmodel;
        }
        if (e->software && e->wsoft > ws) {
            software = e->software;
            ws = e->wsoft;
        }
        if (e->name && !name)
            name = e->name;
    }
    if (!model)
        model = first_field(d, model_fields, sizeof model_fields / sizeof model_fields[0]);
    if (!software)
        software =
            first_field(d, software_fields, sizeof software_fields / sizeof software_fields[0]);
    const char *fname = first_field(d, name_fields, sizeof name_fields / sizeof name_fields[0]);
    if (fname)
        name = fname;

    char *cm = model ? dup_clean(model) : NULL;
    char *cs = software ? dup_clean(software) : NULL;
    char *cn = name ? dup_clean(name) : NULL;
    bool changed = !d->reported || str_changed(d->vendor, vendor) || str_changed(d->model, cm) ||
                   str_changed(d->software, cs) || str_changed(d->name, cn);
    bool vendor_changed = str_changed(d->vendor, vendor);
    d->vendor = vendor;
    free(d->model);
    free(d->software);
    free(d->name);
    d->model = cm;
    d->software = cs;
    d->name = cn;
    d->confidence = conf;
    d->conflict = nv > 1;

    if (!vendor && !model && !name && !d->reported)
        return; /* nothing attributed yet: no event */
    d->risk = vs_risk_match_vendor(inv->risk, vendor, conf);
    if (changed && inv->hooks.device_changed && !inv->quiet) {
        d->reported = true;
        inv->hooks.device_changed(inv->hooks.ctx, d, sec, usec);
    }
    d->reported = true;
    (void)vendor_changed; /* a new vendor is a new (rule, vendor) pair: alerted again below */
    if (d->risk && !inv->quiet && !already_alerted(d, d->risk)) {
        vs_inventory_restore_alert(inv, d, d->risk->id, vendor);
        inv->alerts++;
        if (inv->hooks.alert)
            inv->hooks.alert(inv->hooks.ctx, d, d->risk, sec, usec);
    }
}

void vs_inventory_reload(struct vs_inventory *inv, const struct vs_oui_db *oui,
                         const struct vs_sigs *sigs, const struct vs_risk_list *risk, int64_t sec,
                         uint32_t usec)
{
    inv->oui = oui;
    inv->sigs = sigs;
    inv->risk = risk;
    memset(inv->org_cache, 0, sizeof inv->org_cache); /* the old registry's addresses */
    class_cache_clear(inv);                            /* the old signatures' verdicts */
    for (size_t i = 0; i < inv->nlist; i++) {
        struct vs_device *d = inv->list[i];
        if (d->flags & VS_DEV_HAS_MAC)
            apply_oui(inv, d);
        for (size_t k = 0; k < d->nev; k++)
            classify_item(inv, &d->ev[k]);
        d->risk = NULL;
        vs_inventory_attribute(inv, d, sec, usec);
    }
}

struct vs_device *vs_inventory_alias_mac(struct vs_inventory *inv, struct vs_device *chassis,
                                         const uint8_t port_mac[6], int64_t sec, uint32_t usec)
{
    if ((chassis->flags & VS_DEV_HAS_MAC) && memcmp(chassis->mac, port_mac, 6) == 0)
        return chassis;
    struct mac_slot *s = mt_find(inv, mac_key(port_mac));
    if (s && s->d == chassis)
        return chassis;
    if (s) {
        /* Fold the port's record in only when it is nobody else's chassis. */
        struct vs_device *port = s->d;
        if (port->naliases || memcmp(port->mac, port_mac, 6) != 0)
            return chassis;
        merge_into(inv, chassis, port, sec, usec);
        return chassis;
    }
    add_alias(inv, chassis, port_mac);
    return chassis;
}

void vs_inventory_mark_router(struct vs_inventory *inv, struct vs_device *d)
{
    (void)inv;
    d->flags |= VS_DEV_ROUTER;
}

void vs_inventory_touch_ip(struct vs_inventory *inv, const struct vs_ip *ip, int64_t sec,
                           uint32_t usec)
{
    struct ip_slot *s = it_find(inv, ip);
    if (!s || (s->d->flags & VS_DEV_HAS_MAC))
        return;
    s->d->packets++;
    s->d->last_sec = sec;
    s->d->last_usec = usec;
}

/* ---- peers (--geoip) ------------------------------------------------------------ */

void vs_inventory_set_geo(struct vs_inventory *inv, const struct vs_geo *geo) { inv->geo = geo; }

struct vs_device *vs_inventory_find_ip(struct vs_inventory *inv, const struct vs_ip *ip)
{
    struct ip_slot *s = it_find(inv, ip);
    return s ? s->d : NULL;
}

static void check_peer(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip,
                       int64_t sec, uint32_t usec)
{
    struct vs_geo_info g;
    if (!inv->risk || !vs_geo_lookup(inv->geo, ip, &g))
        return;
    const struct vs_risk_rule *r = vs_risk_match_peer(inv->risk, g.country, g.asn);
    if (!r)
        return;
    /* Once per device and peer network: the key is the network the rule named. */
    char net[32];
    if (r->asn)
        snprintf(net, sizeof net, "AS%u", (unsigned)g.asn);
    else
        snprintf(net, sizeof net, "country:%s", g.country);
    for (size_t i = 0; i < d->nalerts; i++)
        if (strcmp(d->alerts[i].rule_id, r->id) == 0 && strcmp(d->alerts[i].vendor, net) == 0)
            return;
    vs_inventory_restore_alert(inv, d, r->id, net);
    inv->alerts++;
    if (inv->hooks.peer_alert && !inv->quiet)
        inv->hooks.peer_alert(inv->hooks.ctx, d, r, ip, g.country, g.asn, sec, usec);
}

void vs_inventory_note_peer(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *dst,
                            int64_t sec, uint32_t usec)
{
    if (!inv->geo)
        return;
    for (uint8_t i = 0; i < d->npeers; i++) {
        if (vs_ip_equal(&d->peers[i].ip, dst)) {
            d->peers[i].packets++;
            /* Keep the table roughly sorted so the busiest peers stay in front. */
            if (i > 0 && d->peers[i].packets > d->peers[i - 1].packets) {
                struct vs_peer t = d->peers[i - 1];
                d->peers[i - 1] = d->peers[i];
                d->peers[i] = t;
            }
            return;
        }
    }
    if (!vs_geo_is_public(dst))
        return;
    if (!d->peers) {
        d->peers = calloc(VS_MAX_PEERS_PER_DEVICE, sizeof *d->peers);
        if (!d->peers)
            return;
    }
    if (d->npeers < VS_MAX_PEERS_PER_DEVICE) {
        d->peers[d->npeers].ip = *dst;
        d->peers[d->npeers].packets = 1;
        d->npeers++;
    } else {
        /* Space-saving: the newcomer takes the least busy slot and inherits its count. */
        struct vs_peer *last = &d->peers[d->npeers - 1];
        last->ip = *dst;
        last->packets++;
    }
    check_peer(inv, d, dst, sec, usec);
}

/* ---- queries ---------------------------------------------------------------- */

void vs_device_id(const struct vs_device *d, char *out, size_t outsz)
{
    char buf[VS_IP_STRLEN];
    if (d->flags & VS_DEV_HAS_MAC) {
        vs_mac_format(d->mac, buf);
    } else {
        vs_ip_format(&d->key_ip, buf);
    }
    snprintf(out, outsz, "%s", buf);
}

/* Sorting a large inventory compares tens of millions of times: each device gets a key
 * first (risk rank, the rank of its vendor name among the distinct names, its address), so
 * the comparisons are integer and byte compares, and names are compared once per name. */
struct sort_ent {
    int risk;         /* higher first */
    uint32_t vendor;  /* rank of the vendor name; devices without a vendor last */
    uint8_t kind;     /* 0 MAC, 1 IPv4, 2 IPv6 */
    uint8_t addr[16];
    struct vs_device *d;
};

static int cmp_sort_ent(const void *a, const void *b)
{
    const struct sort_ent *x = a, *y = b;
    if (x->risk != y->risk)
        return y->risk - x->risk;
    if (x->vendor != y->vendor)
        return x->vendor < y->vendor ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return memcmp(x->addr, y->addr, sizeof x->addr);
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
    struct sort_ent *ents = malloc((cnt ? cnt : 1) * sizeof *ents);
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
        memset(e, 0, sizeof *e);
        e->d = d;
        e->risk = d->risk ? (int)d->risk->severity + 1 : 0;
        e->vendor = d->vendor ? m.ranks[rank_slot(&m, d->vendor)] : UINT32_MAX;
        if (d->flags & VS_DEV_HAS_MAC) {
            memcpy(e->addr, d->mac, 6);
        } else {
            e->kind = d->key_ip.family == 4 ? 1 : 2;
            memcpy(e->addr, d->key_ip.a, d->key_ip.family == 4 ? 4 : 16);
        }
    }
    qsort(ents, cnt, sizeof *ents, cmp_sort_ent);
    for (size_t i = 0; i < cnt; i++)
        arr[i] = ents[i].d;
    *n = cnt;
out:
    free(ents);
    free(m.keys);
    free(m.ranks);
    free(names);
    return arr;
}

void vs_inventory_set_quiet(struct vs_inventory *inv, bool quiet) { inv->quiet = quiet; }

struct vs_device *const *vs_inventory_devices(const struct vs_inventory *inv, size_t *n)
{
    *n = inv->nlist;
    return inv->list;
}

size_t vs_inventory_count(const struct vs_inventory *inv) { return inv->nlist; }
uint64_t vs_inventory_alerts(const struct vs_inventory *inv) { return inv->alerts; }
uint64_t vs_inventory_evictions(const struct vs_inventory *inv) { return inv->evictions; }

struct vs_device *vs_inventory_restore_device(struct vs_inventory *inv, const char *id,
                                              int64_t first_sec, uint32_t first_usec,
                                              int64_t last_sec, uint32_t last_usec,
                                              uint64_t packets)
{
    uint8_t mac[6];
    struct vs_ip ip;
    struct vs_device *d = NULL;
    if (vs_mac_parse(id, mac)) {
        d = vs_inventory_get_mac(inv, mac, first_sec, first_usec, true);
    } else if (vs_ip_parse(id, &ip)) {
        d = vs_inventory_for_ip(inv, &ip, NULL, first_sec, first_usec);
    }
    if (!d)
        return NULL;
    d->first_sec = first_sec;
    d->first_usec = first_usec;
    d->last_sec = last_sec;
    d->last_usec = last_usec;
    d->packets = packets;
    return d;
}
