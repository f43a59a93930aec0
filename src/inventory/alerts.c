/* SPDX-License-Identifier: BSD-2-Clause */
/* alerts.c - risk decisions on attributed devices: one alert per device, rule and key
 * (the vendor, or the peer network), remembered across restarts; peer tracking for GeoIP. */
#include "vendorsniff/inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory_int.h"
#include "vendorsniff/geo.h"

static bool already_alerted(const struct vs_device *d, const struct vs_risk_rule *r)
{
    const struct vs_device_side *x = d->side;
    for (size_t i = 0; i < x->nalerts; i++)
        if (strcmp(x->alerts[i].rule_id, r->id) == 0 &&
            strcmp(x->alerts[i].key, d->vendor ? d->vendor : "") == 0)
            return true;
    return false;
}

void vs_inventory_restore_alert(struct vs_inventory *inv, struct vs_device *dev,
                                const char *rule_id, const char *key)
{
    (void)inv;
    struct vs_device_side *d = vs_inventory_side(inv, dev);
    if (!d)
        return;
    for (size_t i = 0; i < d->nalerts; i++)
        if (strcmp(d->alerts[i].rule_id, rule_id) == 0 && strcmp(d->alerts[i].key, key) == 0)
            return;
    if (d->nalerts >= VS_MAX_ALERTS_PER_DEVICE) {
        /* Forget the oldest: the newest attribution is what matters for de-duplication. */
        free(d->alerts[0].rule_id);
        free(d->alerts[0].key);
        memmove(d->alerts, d->alerts + 1, (d->nalerts - 1) * sizeof *d->alerts);
        d->nalerts--;
    }
    struct vs_alert_rec *n = realloc(d->alerts, (d->nalerts + 1) * sizeof *n);
    if (!n)
        return;
    d->alerts = n;
    d->alerts[d->nalerts].rule_id = strdup(rule_id);
    d->alerts[d->nalerts].key = strdup(key);
    d->nalerts++;
}
/* ---- peers (--geoip) ------------------------------------------------------------ */

static void report_held(struct vs_inventory *inv, struct oui_bucket *b, int64_t sec, uint32_t usec)
{
    if (b->held && inv->hooks.alert_summary && !inv->quiet)
        inv->hooks.alert_summary(inv->hooks.ctx, b->vendor, b->rule, b->held, b->window, sec, usec);
    b->held = 0;
}

/* Whether the alert of a device known only by its OUI goes out now: at most
 * VS_MAX_OUI_ALERTS_PER_MINUTE per vendor and minute; the rest are counted and summarised
 * when the minute is over. Such a device is not marked alerted, so the alert it gets when
 * it says something for itself is not lost. */
static bool oui_alert_allowed(struct vs_inventory *inv, const struct vs_device *d, int64_t sec,
                              uint32_t usec)
{
    int64_t window = sec - ((sec % 60) + 60) % 60;
    struct oui_bucket *b = NULL;
    for (size_t i = 0; i < VS_OUI_ALERT_BUCKETS && !b; i++)
        if (!inv->oui_alerts[i].vendor[0] || strcmp(inv->oui_alerts[i].vendor, d->vendor) == 0)
            b = &inv->oui_alerts[i];
    if (!b)
        b = &inv->oui_alerts[VS_OUI_ALERT_BUCKETS - 1];
    if (strcmp(b->vendor, d->vendor) != 0) {
        report_held(inv, b, sec, usec);
        snprintf(b->vendor, sizeof b->vendor, "%s", d->vendor);
        b->rule = d->risk;
        b->window = window;
        b->sent = 0;
    }
    if (b->window != window) {
        report_held(inv, b, sec, usec);
        b->window = window;
        b->sent = 0;
    }
    if (b->sent < VS_MAX_OUI_ALERTS_PER_MINUTE) {
        b->sent++;
        return true;
    }
    b->rule = d->risk;
    b->held++;
    return false;
}

void vs_inventory_flush_alerts(struct vs_inventory *inv, int64_t sec, uint32_t usec)
{
    for (size_t i = 0; i < VS_OUI_ALERT_BUCKETS; i++)
        if (inv->oui_alerts[i].vendor[0])
            report_held(inv, &inv->oui_alerts[i], sec, usec);
}

void vs_inv_raise_alert(struct vs_inventory *inv, struct vs_device *d, int64_t sec, uint32_t usec)
{
    if (!d->risk || inv->quiet || already_alerted(d, d->risk))
        return;
    if (!d->side->nev && d->vendor && !oui_alert_allowed(inv, d, sec, usec))
        return;
    vs_inventory_restore_alert(inv, d, d->risk->id, d->vendor ? d->vendor : "");
    inv->alerts++;
    if (inv->hooks.alert)
        inv->hooks.alert(inv->hooks.ctx, d, d->risk, sec, usec);
}

void vs_inventory_set_geo(struct vs_inventory *inv, const struct vs_geo *geo)
{
    inv->geo = geo;
}
static void check_peer(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip,
                       int64_t sec, uint32_t usec)
{
    struct vs_geo_info g;
    /* A quiet inventory (a live worker's: its peers are judged once folded into the run's)
     * raises nothing, and must not touch the shared GeoIP cache from its thread. */
    if (inv->quiet || !inv->risk || !vs_geo_lookup(inv->geo, ip, &g))
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
    for (size_t i = 0; i < d->side->nalerts; i++)
        if (strcmp(d->side->alerts[i].rule_id, r->id) == 0 &&
            strcmp(d->side->alerts[i].key, net) == 0)
            return;
    vs_inventory_restore_alert(inv, d, r->id, net);
    inv->alerts++;
    if (inv->hooks.peer_alert && !inv->quiet)
        inv->hooks.peer_alert(inv->hooks.ctx, d, r, ip, g.country, g.asn, sec, usec);
}

void vs_inventory_note_peer(struct vs_inventory *inv, struct vs_device *dev,
                            const struct vs_ip *dst, int64_t sec, uint32_t usec)
{
    if (!inv->geo)
        return;
    vs_inv_peer_add(inv, dev, dst, 1, sec, usec);
}

void vs_inv_peer_add(struct vs_inventory *inv, struct vs_device *dev, const struct vs_ip *dst,
                     uint64_t cnt, int64_t sec, uint32_t usec)
{
    dev->flags |= VS_DEV_DIRTY;
    struct vs_device_side *d = dev->side;
    for (uint8_t i = 0; i < d->npeers; i++) {
        if (vs_ip_equal(&d->peers[i].ip, dst)) {
            d->peers[i].packets += cnt;
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
    d = vs_inventory_side(inv, dev);
    if (!d)
        return;
    if (!d->peers) {
        d->peers = calloc(VS_MAX_PEERS_PER_DEVICE, sizeof *d->peers);
        if (!d->peers)
            return;
    }
    if (d->npeers < VS_MAX_PEERS_PER_DEVICE) {
        d->peers[d->npeers].ip = *dst;
        d->peers[d->npeers].packets = cnt;
        d->npeers++;
    } else {
        /* Space-saving: the newcomer takes the least busy slot and inherits its count. */
        struct vs_peer *last = &d->peers[d->npeers - 1];
        last->ip = *dst;
        last->packets += cnt;
    }
    check_peer(inv, dev, dst, sec, usec);
}
