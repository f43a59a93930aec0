/* SPDX-License-Identifier: BSD-2-Clause */
/* inventory_int.h - private to src/inventory: the inventory's own state, shared by its
 * modules (storage, identity, attribution, alerts). Nothing outside src/inventory includes it. */
#ifndef VS_INVENTORY_INT_H
#define VS_INVENTORY_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "vendorsniff/inventory.h"

/* Weight of the OUI registry organisation as vendor evidence: weaker than any protocol
 * statement, so that a white-box ODM MAC announcing a Huawei switch is a Huawei. */
#define VS_WEIGHT_OUI 0.3
/* The least weight of a model that may refine a heavier one (vs_inventory_attribute): a
 * specific statement, as a sysObjectID registration (0.85). */
#define VS_WEIGHT_REFINE 0.85

struct mac_slot {
    uint64_t key; /* 48-bit MAC | 1 << 63 when used */
    struct vs_device *d;
};

struct ip_slot {
    struct vs_device *d; /* first: the slot packs into 32 bytes, not 40 */
    struct vs_ip ip;     /* family 0 = empty */
    bool bound;          /* an explicit on-link binding (ARP, ND, DHCP, engine ID, mgmt address) */
};

/* The signatures' verdict on a value, remembered: a fleet of identical switches sends the
 * same system description, and PCRE2 then runs once for all of them. Direct-mapped. */
#define CLASS_CACHE_SLOTS 2048

struct class_ent {
    char *value; /* NULL = empty slot */
    size_t len;
    enum vs_field field;
    const char *vendor, *rule_id;
    double weight, wmodel, wsoft, wcpe_hw, wcpe_os;
    char *model, *software, *name, *cpe_hw, *cpe_os;
};

struct org_ent {
    const char *org; /* NULL = empty slot */
    const char *vendor;
    const struct vs_risk_rule *risk; /* for a device with no other evidence */
    bool risk_known;
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
    /* Device records are carved from slabs of DEV_SLAB records: a new device is no malloc
     * call and no allocator header, and the end of a run frees a few hundred blocks, not a
     * million. Freed records wait on free_devs (linked through their side field). */
    struct dev_slab *slabs;
    size_t slab_used; /* records handed out from the newest slab */
    struct vs_device *free_devs;
    /* Side records, the same way (free ones linked through their ev field). */
    struct side_slab *side_slabs;
    size_t side_used;
    struct vs_device_side *free_sides;
    uint64_t serial;
    size_t absorb_pos; /* vs_inventory_absorb: where the next call looks first */
    /* vs_inventory_expect: the packets and the serial at its last call; done once. */
    uint64_t expect_seen, expect_serial;
    bool presized;
    uint64_t alerts;
    uint64_t evictions;
    uint64_t evidence_dropped;
    bool quiet;
    /* Registry organisation -> canonical vendor and the risk verdict on a device known by
     * nothing but that organisation, by the organisation's address in the OUI db: exact per
     * registry entry (it grows, nothing is forgotten), so a new device's first attribution is
     * one probe, not a normalise-and-search and a walk of the risk list. */
    struct org_ent *orgs;
    size_t orgs_cap, orgs_used;    /* cap is a power of two */
    struct class_ent *class_cache; /* CLASS_CACHE_SLOTS entries, allocated on first use */
    /* OUI-only risk alerts this minute, per vendor (alerts.c). */
    struct oui_bucket {
        char vendor[64]; /* "" = free */
        const struct vs_risk_rule *rule;
        int64_t window; /* start of the minute, packet time */
        uint32_t sent;
        uint64_t held; /* beyond the limit: reported as one summary */
    } oui_alerts[VS_OUI_ALERT_BUCKETS];
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

static inline size_t ip_hash(const struct vs_ip *ip, size_t cap)
{
    uint64_t a, b;
    memcpy(&a, ip->a, 8);
    memcpy(&b, ip->a + 8, 8);
    return hash64(a ^ (b * 0xff51afd7ed558ccdULL) ^ ip->family, cap);
}

/* Storage (inventory.c). */
struct mac_slot *vs_inv_mt_find(const struct vs_inventory *inv, uint64_t key);
bool vs_inv_mt_insert(struct vs_inventory *inv, uint64_t key, struct vs_device *d);
void vs_inv_mt_delete(struct vs_inventory *inv, uint64_t key);
struct ip_slot *vs_inv_it_find(const struct vs_inventory *inv, const struct vs_ip *ip);
struct ip_slot *vs_inv_it_insert(struct vs_inventory *inv, const struct vs_ip *ip,
                                 struct vs_device *d, bool bound);
void vs_inv_it_delete(struct vs_inventory *inv, const struct vs_ip *ip);
struct vs_device *vs_inv_device_new(struct vs_inventory *inv, int64_t sec, uint32_t usec);
void vs_inv_device_destroy(struct vs_inventory *inv, struct vs_device *d);
void vs_inv_device_free(struct vs_inventory *inv, struct vs_device *d);
void vs_inv_list_remove(struct vs_inventory *inv, struct vs_device *d);
void vs_inv_ev_item_free(struct vs_ev_item *e);
void vs_inv_apply_oui(struct vs_inventory *inv, struct vs_device *d);
/* Add ip to d's addresses (bounded); false when it was there or there is no room. */
bool vs_inv_add_ip(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip);
/* Keep only the addresses of d that keep(ctx, ip) accepts. */
void vs_inv_filter_ips(struct vs_device *d, bool (*keep)(void *, const struct vs_ip *), void *ctx);
/* Register mac as another address of d. */
void vs_inv_add_alias(struct vs_inventory *inv, struct vs_device *d, const uint8_t mac[6]);
/* Fold src into dst (evidence, addresses, VLANs, times, alerts, MACs); src is freed. */
void vs_inv_merge_into(struct vs_inventory *inv, struct vs_device *dst, struct vs_device *src,
                       int64_t sec, uint32_t usec);

/* Identity (identity.c). */
void vs_inv_become_gateway(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                           uint32_t usec);

/* Attribution (attribution.c). */
void vs_inv_classify_item(struct vs_inventory *inv, struct vs_ev_item *e);
void vs_inv_class_cache_clear(struct vs_inventory *inv);
void vs_inv_org_cache_clear(struct vs_inventory *inv);
char *vs_inv_dup_clean(const char *v);

/* Peers (alerts.c): n more packets from d to ip (a new peer is checked against the risk list). */
void vs_inv_peer_add(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip,
                     uint64_t n, int64_t sec, uint32_t usec);

/* Alerts (alerts.c): raise the risk alert of a device whose attribution was just made. */
void vs_inv_raise_alert(struct vs_inventory *inv, struct vs_device *d, int64_t sec, uint32_t usec);

#endif
