/* SPDX-License-Identifier: BSD-2-Clause */
/* inventory.h - owns all device state: the device tables (by MAC and by IP), evidence
 * merged per device, attribution (vendor, model, software, name, confidence) recomputed
 * only when a device gains evidence, and the risk decisions on attributed devices. */
#ifndef VS_INVENTORY_H
#define VS_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/evidence.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/risk.h"

struct vs_oui_db;
struct vs_sigs;

/* One piece of evidence kept on a device (deduplicated by field + value). */
struct vs_ev_item {
    enum vs_field field;
    uint64_t raw_hash; /* of the field and the value as it came from the wire */
    char *value;       /* valid UTF-8, at most VS_MAX_VALUE_LEN bytes */
    size_t len;
    int64_t ts_sec; /* first seen */
    uint32_t ts_usec;
    struct vs_ip via; /* for evidence from routed traffic: the IP that sent it */
    /* Verdict of the signatures on this value, computed once when it arrived. */
    const char *vendor; /* canonical vendor (owned by the signature set or interned) */
    char *model, *software, *name;
    const char *rule_id;   /* the rule that matched, NULL for none */
    double weight;         /* of the vendor statement */
    double wmodel, wsoft;  /* of the rules that gave model and software */
    char *cpe_hw, *cpe_os; /* CPE 2.3 names the heaviest rules gave (derived, never stored) */
    double wcpe_hw, wcpe_os;
};

/* An alert already raised: one per device, rule and key. The key is what the alert was
 * about: the attributed vendor for a vendor rule, the peer network ("AS4134",
 * "country:CN") for a peer rule. The state file keeps it as "vendor" (older files). */
struct vs_alert_rec {
    char *rule_id; /* the risk rule's id */
    char *key;
};

/* An external address a device talks to (with --geoip), counted by packets. */
struct vs_peer {
    struct vs_ip ip;
    uint64_t packets;
};

enum vs_dev_flags {
    VS_DEV_HAS_MAC = 1 << 0,
    VS_DEV_GATEWAY = 1 << 1,  /* sources many IPs: never takes routed evidence */
    VS_DEV_IPS_FULL = 1 << 2, /* stop recording source IPs */
    VS_DEV_EVICTED = 1 << 3,
    VS_DEV_ROUTER = 1 << 4, /* forwards: carried IP packets whose TTL shows a router hop */
    VS_DEV_DIRTY = 1 << 5,  /* changed since the last vs_inventory_absorb that took it */
};

enum vs_disc_seen {
    VS_DISC_NONE = 0,     /* no announcement heard (or restored from a file) */
    VS_DISC_UNTAGGED = 1, /* all of them untagged */
    VS_DISC_VLAN = 2,     /* all of them tagged disc_vlan */
    VS_DISC_SEVERAL = 3,  /* on more than one segment */
};

/* The part of a device record that most devices never need: evidence and what was made of
 * it, addresses and VLANs beyond the first, aliases, peers, alerts. A device gets one when it
 * first gains any of these; until then its side pointer is vs_device_no_side, a shared empty
 * record, so readers never test for it (d->side->nev is 0, d->side->model NULL). */
struct vs_device_side {
    uint8_t ips_cap, vlans_cap; /* of ips and vlans below */
    uint8_t npeers;
    uint8_t naliases;
    uint8_t nev, ev_cap; /* evidence items, at most VS_MAX_EVIDENCE_PER_DEVICE */
    uint8_t nalerts;     /* at most VS_MAX_ALERTS_PER_DEVICE */
    /* Where its discovery announcements (LLDP/CDP/FDP/EDP port IDs) were heard, for the
     * topology: VS_DISC_* and the innermost VLAN tag of those frames. */
    uint8_t disc_seen;
    uint16_t disc_vlan;
    bool live;             /* in use (side records come from slabs, like device records) */
    struct vs_ip key_ip;   /* id of a device known only by IP (no MAC) */
    struct vs_ip *ips;     /* every address once there are more than VS_INLINE_IPS */
    uint16_t *vlans;       /* every VLAN once there are two or more (else the record's vlan0) */
    struct vs_ev_item *ev; /* evidence, in arrival order */
    char *model, *software, *name;
    char *cpe_hw, *cpe_os; /* CPE 2.3 of the box and of its system, NULL when unknown */
    struct vs_peer *peers; /* busiest external peers, at most VS_MAX_PEERS_PER_DEVICE */
    uint8_t (*aliases)[6]; /* other MACs of this device (switch ports announcing its chassis) */
    struct vs_alert_rec *alerts;
    uint64_t last_pdu[2]; /* hashes of the last discovery PDUs this MAC sent (skip repeats) */
};

extern const struct vs_device_side vs_device_no_side;

#define VS_INLINE_IPS 2

/* A device record: what every device has, 136 bytes (a million devices seen once each is a
 * million of these). Fields are ordered by size so that it packs without holes. Records live
 * in the inventory's slabs: never free() one. */
struct vs_device {
    uint8_t mac[6];
    uint16_t flags; /* enum vs_dev_flags */
    uint32_t first_usec, last_usec;
    uint32_t list_idx; /* position in the inventory's device list */
    uint16_t vlan0;    /* the VLAN when there is one (vs_device_vlans) */
    uint8_t nips;      /* addresses (vs_device_ips) */
    uint8_t nvlans;
    uint8_t mac_class;              /* enum vs_mac_class */
    bool reported;                  /* a device event has been emitted */
    bool conflict;                  /* evidence names more than one vendor */
    struct vs_ip ip[VS_INLINE_IPS]; /* the addresses while there are no more (vs_device_ips) */
    uint64_t packets;
    int64_t first_sec, last_sec;
    const char *oui_org; /* registry text, owned by the OUI db */
    /* Attribution. */
    const char *vendor; /* canonical vendor, or the cleaned registry name; NULL if none */
    double confidence;
    const struct vs_risk_rule *risk;
    struct vs_device_side *side; /* never NULL: vs_device_no_side until it has one */
    uint64_t serial;             /* creation order, for stable iteration */
};

/* The device's nips addresses and nvlans VLANs, as arrays. */
static inline const struct vs_ip *vs_device_ips(const struct vs_device *d)
{
    return d->nips > VS_INLINE_IPS ? d->side->ips : d->ip;
}
static inline const uint16_t *vs_device_vlans(const struct vs_device *d)
{
    return d->nvlans > 1 ? d->side->vlans : &d->vlan0;
}

/* What the inventory tells its owner (the pipeline forwards to the sinks). */
struct vs_inventory_hooks {
    void *ctx;
    /* first attribution or a change of vendor/model/software/name */
    void (*device_changed)(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec);
    void (*alert)(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r, int64_t sec,
                  uint32_t usec);
    /* rule "risk-peer": d talks to peer, which lies in a listed country or network */
    void (*peer_alert)(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                       const struct vs_ip *peer, const char *country, uint32_t asn, int64_t sec,
                       uint32_t usec);
    /* n more devices known only by an OUI of vendor were on the risk list (rule r) in the
     * minute that began at window_sec, beyond VS_MAX_OUI_ALERTS_PER_MINUTE: not alerted one
     * by one */
    void (*alert_summary)(void *ctx, const char *vendor, const struct vs_risk_rule *r, uint64_t n,
                          int64_t window_sec, int64_t sec, uint32_t usec);
};

struct vs_inventory;

/* The side record of d for writing, made on first use; NULL when out of memory. */
struct vs_device_side *vs_inventory_side(struct vs_inventory *inv, struct vs_device *d);

struct vs_inventory *vs_inventory_new(const struct vs_oui_db *oui, const struct vs_sigs *sigs,
                                      const struct vs_risk_list *risk,
                                      const struct vs_inventory_hooks *hooks, size_t max_devices);
void vs_inventory_free(struct vs_inventory *inv);

/* Hot path: the device of a source MAC, created (with its OUI verdict) if new.
 * Counts the packet and updates last seen. */
struct vs_device *vs_inventory_see_mac(struct vs_inventory *inv, const uint8_t mac[6], int64_t sec,
                                       uint32_t usec);
/* Without counting a packet (a MAC named by evidence, e.g. an LLDP chassis ID). */
struct vs_device *vs_inventory_get_mac(struct vs_inventory *inv, const uint8_t mac[6], int64_t sec,
                                       uint32_t usec, bool create);
/* A file of about packets_total packets is being read, packets_seen so far (call it after
 * each batch): once the rate of new devices is known, the device tables are sized for the
 * whole file, so that they do not grow step by step. */
void vs_inventory_expect(struct vs_inventory *inv, uint64_t packets_seen, uint64_t packets_total);
/* A new file begins: its packets are counted from zero (call before its first batch). */
void vs_inventory_expect_begin(struct vs_inventory *inv);
/* Record a VLAN on a device (cheap when already known). */
void vs_inventory_note_vlan(struct vs_inventory *inv, struct vs_device *d, uint16_t vid);
/* Peer tracking (--geoip): d sent a packet to dst. Counts public destinations in a bounded
 * table (space-saving: a new peer replaces the least busy one), and checks a newly seen peer
 * against the risk list's country/ASN rules (once per device and peer network). */
struct vs_geo;
void vs_inventory_set_geo(struct vs_inventory *inv, const struct vs_geo *geo);
void vs_inventory_note_peer(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *dst,
                            int64_t sec, uint32_t usec);
/* Add one evidence item (copied, cleaned, bounded, deduplicated). via: the sending IP for
 * routed evidence, NULL for link-local. Returns true when the device gained evidence. */
bool vs_inventory_add_evidence(struct vs_inventory *inv, struct vs_device *d,
                               const struct vs_evidence *ev, const struct vs_ip *via, int64_t sec,
                               uint32_t usec);
/* Recompute the attribution of a device that gained evidence; emits device/alert hooks. */
void vs_inventory_attribute(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                            uint32_t usec);

/* Report the OUI-only alerts still held back as summaries (end of run, or a live stats
 * interval); sec/usec is the time of the report. */
void vs_inventory_flush_alerts(struct vs_inventory *inv, int64_t sec, uint32_t usec);

/* Swap the data sets (SIGHUP) and re-attribute every device. */
void vs_inventory_reload(struct vs_inventory *inv, const struct vs_oui_db *oui,
                         const struct vs_sigs *sigs, const struct vs_risk_list *risk, int64_t sec,
                         uint32_t usec);

/* Every device, in no particular order (borrowed; valid until the inventory changes). */
struct vs_device *const *vs_inventory_devices(const struct vs_inventory *inv, size_t *n);

/* Devices in a stable order: risk first (by severity), then vendor, then id. The array
 * is owned by the caller (free()). */
struct vs_device **vs_inventory_sorted(struct vs_inventory *inv, size_t *n);
size_t vs_inventory_count(const struct vs_inventory *inv);
uint64_t vs_inventory_alerts(const struct vs_inventory *inv);
uint64_t vs_inventory_evictions(const struct vs_inventory *inv);
/* Evidence items refused because a device already held VS_MAX_EVIDENCE_PER_DEVICE. */
uint64_t vs_inventory_evidence_dropped(const struct vs_inventory *inv);

/* The device's id: its MAC, else its IP. */
void vs_device_id(const struct vs_device *d, char *out, size_t outsz);

/* Restore (state file, saved inventories): a device with this id and history; evidence
 * added afterwards. With merge, a device already present keeps the earliest first seen and
 * the latest last seen and adds the packets (several inventories of one network); without,
 * the record's values are taken as they are (one state file). */
struct vs_device *vs_inventory_restore_device(struct vs_inventory *inv, const char *id,
                                              int64_t first_sec, uint32_t first_usec,
                                              int64_t last_sec, uint32_t last_usec,
                                              uint64_t packets, bool merge);
/* While quiet, attribution changes raise no hooks (restoring saved state). */
void vs_inventory_set_quiet(struct vs_inventory *inv, bool quiet);
void vs_inventory_restore_alert(struct vs_inventory *inv, struct vs_device *d, const char *rule_id,
                                const char *key);

/* Live capture on several workers: fold what changed in src (a worker's inventory) since
 * the last call into dst (the merged inventory), with the rules of the merge of several
 * inventories: the device by its id (MAC, else IP), earliest first seen, latest last seen,
 * packets added, evidence deduplicated, addresses, VLANs, aliases and peers joined, then one
 * attribution in dst (whose hooks raise the events and alerts). src keeps its devices for its
 * own decisions but hands each packet count over once: its counts restart at zero. budget:
 * at most that many devices (0: no bound), so that a call never holds the caller long;
 * *done tells whether every changed device was taken. Returns the number taken. */
size_t vs_inventory_absorb(struct vs_inventory *dst, struct vs_inventory *src, size_t budget,
                           bool *done);

#endif
