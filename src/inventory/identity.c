/* SPDX-License-Identifier: BSD-2-Clause */
/* identity.c - which device a piece of evidence belongs to: the frame's sender, the chassis
 * or client a PDU names, or the IP host behind a router; gateways, routers and bindings. */
#include "vendorsniff/identity.h"

#include <stdlib.h>
#include <string.h>

#include "inventory_int.h"

static bool ip_is_link_local6(const struct vs_ip *ip)
{
    return ip->family == 6 && ip->a[0] == 0xfe && (ip->a[1] & 0xc0) == 0x80;
}

/* A MAC that sources several IPv4 (or many global IPv6) addresses routes for others. */
static bool looks_like_gateway(const struct vs_device *d)
{
    unsigned v4 = 0, v6 = 0;
    const struct vs_ip *ips = vs_device_ips(d);
    for (uint8_t i = 0; i < d->nips; i++) {
        if (ips[i].family == 4)
            v4++;
        else if (!ip_is_link_local6(&ips[i]))
            v6++;
    }
    return v4 >= VS_GATEWAY_IP_THRESHOLD || v6 >= VS_GATEWAY_IP_THRESHOLD * 2;
}

void vs_identity_note_ip(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip)
{
    if (d->flags & (VS_DEV_IPS_FULL | VS_DEV_GATEWAY))
        return; /* a gateway's own addresses come from bindings, not from what it forwards */
    /* Most packets come from the address seen last: one compare and out. */
    const struct vs_ip *ips = vs_device_ips(d);
    for (uint8_t k = d->nips; k-- > 0;)
        if (vs_ip_equal(&ips[k], ip))
            return;
    if (ip->family == 4 && (ip->a[0] == 0 || ip->a[0] >= 224))
        return; /* unspecified, multicast, broadcast: no host address */
    if (!vs_inv_add_ip(inv, d, ip))
        return;
    if (!(d->flags & VS_DEV_GATEWAY) && looks_like_gateway(d)) {
        vs_inv_become_gateway(inv, d, d->last_sec, d->last_usec);
        return;
    }
    /* The host that sources this address on the link is the device routed evidence from it
     * belongs to: one record, not a MAC device and a MAC-less twin. A twin made earlier (its
     * evidence came through a router first) is folded in. */
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    if (s && s->d != d && !(s->d->flags & VS_DEV_HAS_MAC)) {
        vs_inv_merge_into(inv, d, s->d, d->last_sec, d->last_usec);
        s = vs_inv_it_find(inv, ip);
    }
    if (!s)
        vs_inv_it_insert(inv, ip, d, false);
}

void vs_identity_bind(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip)
{
    if (!ip || !ip->family)
        return;
    if (ip->family == 4 && (ip->a[0] == 0 || ip->a[0] >= 224))
        return;
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    if (s && s->d == d) {
        s->bound = true;
        vs_inv_add_ip(inv, d, ip);
        return;
    }
    if (s) {
        struct vs_device *other = s->d;
        if (!(other->flags & VS_DEV_HAS_MAC)) {
            /* The IP-keyed device turns out to be on this link: fold it in. */
            vs_inv_merge_into(inv, d, other, d->last_sec, d->last_usec);
        } else {
            vs_inv_it_delete(inv, ip); /* rebinding (a host moved, or a new DHCP lease) */
        }
    }
    vs_inv_add_ip(inv, d, ip);
    if (!vs_inv_it_find(inv, ip))
        vs_inv_it_insert(inv, ip, d, true);
}

struct vs_device *vs_identity_for_ip(struct vs_inventory *inv, const struct vs_ip *ip,
                                     struct vs_device *src_dev, int64_t sec, uint32_t usec)
{
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    if (s) {
        struct vs_device *d = s->d;
        /* Two MACs sourcing one address (a VRRP pair, a moved host): a frame sent directly
         * describes its own sender, whatever an unbound entry says. */
        if (!s->bound && src_dev && src_dev != d && (d->flags & VS_DEV_HAS_MAC) &&
            !(src_dev->flags & VS_DEV_GATEWAY)) {
            const struct vs_ip *ips = vs_device_ips(src_dev);
            for (uint8_t k = 0; k < src_dev->nips; k++)
                if (vs_ip_equal(&ips[k], ip))
                    return src_dev;
        }
        if (!(d->flags & VS_DEV_HAS_MAC) || s->bound || !(d->flags & VS_DEV_GATEWAY))
            return d;
        vs_inv_it_delete(inv, ip);
    }
    /* A MAC that is not a gateway and sourced this address is the host itself (a host may
     * show an IPv4 and a few IPv6 addresses; a router shows many). */
    if (src_dev && !(src_dev->flags & VS_DEV_GATEWAY)) {
        const struct vs_ip *ips = vs_device_ips(src_dev);
        for (uint8_t k = 0; k < src_dev->nips; k++) {
            if (vs_ip_equal(&ips[k], ip)) {
                vs_inv_it_insert(inv, ip, src_dev, false);
                return src_dev;
            }
        }
    }
    struct vs_device *d = vs_inv_device_new(inv, sec, usec);
    if (!d)
        return NULL;
    d->packets = 1; /* the packet that carried the evidence; later ones by vs_identity_touch_ip */
    struct vs_device_side *x = vs_inventory_side(inv, d);
    if (x) {
        x->key_ip = *ip;
        vs_inv_add_ip(inv, d, ip);
    }
    if (!x || !vs_inv_it_insert(inv, ip, d, false)) {
        vs_inv_list_remove(inv, d);
        vs_inv_device_free(inv, d);
        return NULL;
    }
    return d;
}
struct gw_ctx {
    struct vs_inventory *inv;
    struct vs_device *d;
};

/* An address a gateway keeps: bound to it; an inferred binding to it is dropped. */
static bool keep_bound(void *ctx, const struct vs_ip *ip)
{
    struct gw_ctx *g = ctx;
    struct ip_slot *s = vs_inv_it_find(g->inv, ip);
    if (s && s->d == g->d && s->bound)
        return true;
    if (s && s->d == g->d)
        vs_inv_it_delete(g->inv, ip);
    return false;
}

/* Move routed evidence off a device that turned out to be a router, to the IP hosts
 * that really sent it; drop inferred bindings to it. */
void vs_inv_become_gateway(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                           uint32_t usec)
{
    d->flags |= VS_DEV_GATEWAY | VS_DEV_DIRTY;
    /* The source addresses it showed were mostly other hosts': keep only those bound to it
     * (ARP, ND, DHCP, management address), and drop inferred bindings. */
    struct gw_ctx g = {inv, d};
    vs_inv_filter_ips(d, keep_bound, &g);
    bool moved = false;
    size_t keep = 0;
    struct vs_device_side *x = d->side; /* evidence moves only from a device that has some */
    for (size_t i = 0; i < x->nev; i++) {
        struct vs_ev_item *e = &x->ev[i];
        if (!e->via.family) {
            x->ev[keep++] = *e;
            continue;
        }
        struct ip_slot *s = vs_inv_it_find(inv, &e->via);
        struct vs_device *to = s && s->d != d ? s->d : NULL;
        if (!to) {
            to = vs_identity_for_ip(inv, &e->via, NULL, e->ts_sec, e->ts_usec);
        }
        struct vs_device_side *tx = to && to != d ? vs_inventory_side(inv, to) : NULL;
        if (!tx) {
            x->ev[keep++] = *e;
            continue;
        }
        if (tx->nev < VS_MAX_EVIDENCE_PER_DEVICE) {
            if (tx->nev == tx->ev_cap) {
                size_t ncap = tx->ev_cap ? tx->ev_cap * 2 : 4;
                struct vs_ev_item *n = realloc(tx->ev, ncap * sizeof *n);
                if (!n) {
                    x->ev[keep++] = *e;
                    continue;
                }
                tx->ev = n;
                tx->ev_cap = (uint8_t)ncap;
            }
            tx->ev[tx->nev++] = *e;
            vs_inventory_attribute(inv, to, sec, usec);
        } else {
            vs_inv_ev_item_free(e);
        }
        moved = true;
    }
    if (x != &vs_device_no_side)
        x->nev = (uint8_t)keep; /* at most the count it started from */
    if (moved)
        vs_inventory_attribute(inv, d, sec, usec);
}

struct vs_device *vs_identity_alias_mac(struct vs_inventory *inv, struct vs_device *chassis,
                                        const uint8_t port_mac[6], int64_t sec, uint32_t usec)
{
    if ((chassis->flags & VS_DEV_HAS_MAC) && memcmp(chassis->mac, port_mac, 6) == 0)
        return chassis;
    struct mac_slot *s = vs_inv_mt_find(inv, mac_key(port_mac));
    if (s && s->d == chassis)
        return chassis;
    if (s) {
        /* Fold the port's record in only when it is nobody else's chassis. */
        struct vs_device *port = s->d;
        if (port->side->naliases || memcmp(port->mac, port_mac, 6) != 0)
            return chassis;
        vs_inv_merge_into(inv, chassis, port, sec, usec);
        return chassis;
    }
    vs_inv_add_alias(inv, chassis, port_mac);
    return chassis;
}

void vs_identity_mark_router(struct vs_inventory *inv, struct vs_device *d)
{
    (void)inv;
    d->flags |= VS_DEV_ROUTER | VS_DEV_DIRTY;
}

void vs_identity_touch_ip(struct vs_inventory *inv, const struct vs_ip *ip, int64_t sec,
                          uint32_t usec)
{
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    if (!s || (s->d->flags & VS_DEV_HAS_MAC))
        return;
    s->d->packets++;
    s->d->flags |= VS_DEV_DIRTY;
    s->d->last_sec = sec;
    s->d->last_usec = usec;
}
struct vs_device *vs_identity_find_ip(struct vs_inventory *inv, const struct vs_ip *ip)
{
    struct ip_slot *s = vs_inv_it_find(inv, ip);
    return s ? s->d : NULL;
}

/* ---- the pipeline's questions ------------------------------------------------ */

/* Multicast that never crosses a router whatever its TTL: the link-local groups
 * (224.0.0.0/24, ff02::/16) and SSDP's group, which UPnP devices send with TTL 4 or 2
 * (UDA 1.0 and 2.0) so that a TTL of 2 or 4 there says nothing about a hop. */
static bool local_group(const struct vs_ip *dst)
{
    if (dst->family == 4)
        return (dst->a[0] == 224 && dst->a[1] == 0 && dst->a[2] == 0) ||
               (dst->a[0] == 239 && dst->a[1] == 255 && dst->a[2] == 255 && dst->a[3] == 250);
    if (dst->family == 6)
        return dst->a[0] == 0xff && (dst->a[1] & 0x0f) == 0x02;
    return false;
}

/* The frame's source MAC is the IP sender's own: not routed, not MPLS transit. */
static inline bool direct(const struct vs_pkt *pkt)
{
    return !pkt->mpls && (vs_ttl_is_initial(pkt->ttl) || local_group(&pkt->dst_ip));
}

static bool mac_usable(const uint8_t *m)
{
    /* A group address is never a sender; all-zero is kept (some stacks really send it). */
    return m && !(m[0] & 1);
}

struct vs_device *vs_identity_sender(struct vs_inventory *inv, const struct vs_pkt *pkt)
{
    int64_t sec = pkt->ts_sec;
    uint32_t usec = pkt->ts_usec;
    if (!mac_usable(pkt->src_mac)) {
        if (pkt->src_ip.family)
            vs_identity_touch_ip(inv, &pkt->src_ip, sec, usec); /* no MAC layer */
        return NULL;
    }
    struct vs_device *src = vs_inventory_see_mac(inv, pkt->src_mac, sec, usec);
    if (!src)
        return NULL;
    for (uint8_t i = 0; i < pkt->nvlans; i++)
        vs_inventory_note_vlan(inv, src, pkt->vlans[i]);
    if (pkt->src_ip.family) {
        if (!direct(pkt)) {
            if (!(src->flags & VS_DEV_ROUTER))
                vs_identity_mark_router(inv, src);
            vs_identity_touch_ip(inv, &pkt->src_ip, sec, usec);
        } else if (src->flags & VS_DEV_GATEWAY) {
            vs_identity_touch_ip(inv, &pkt->src_ip, sec, usec);
        } else {
            vs_identity_note_ip(inv, src, &pkt->src_ip);
        }
    }
    return src;
}

struct vs_device *vs_identity_talker(struct vs_inventory *inv, const struct vs_pkt *pkt,
                                     struct vs_device *src)
{
    /* Behind a router only hosts already known by IP are tracked: the router's MAC would
     * otherwise collect the peers of every host it forwards for. */
    if ((!src || (src->flags & VS_DEV_GATEWAY) || !direct(pkt)) && pkt->src_ip.family)
        return vs_identity_find_ip(inv, &pkt->src_ip);
    return src;
}

/* The device a link-local PDU's evidence describes. */
static struct vs_device *link_subject(struct vs_inventory *inv, const struct vs_pkt *pkt,
                                      struct vs_device *src, const struct vs_evidence *evs,
                                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct vs_evidence *ev = &evs[i];
        if ((ev->field == VS_F_LLDP_CHASSIS_ID || ev->field == VS_F_STP_BRIDGE_ID) && ev->mac &&
            mac_usable(ev->mac)) {
            struct vs_device *c =
                vs_inventory_get_mac(inv, ev->mac, pkt->ts_sec, pkt->ts_usec, true);
            /* The port MAC that sent the frame is the same box: one device, not two. The
             * port's record may be folded into the chassis here, so src is not used after. */
            if (c && src && mac_usable(pkt->src_mac))
                c = vs_identity_alias_mac(inv, c, pkt->src_mac, pkt->ts_sec, pkt->ts_usec);
            return c;
        }
    }
    if (src)
        return src;
    /* No MAC layer (CDP over HDLC): the first announced address keys the device. */
    for (size_t i = 0; i < n; i++)
        if (evs[i].ip)
            return vs_identity_for_ip(inv, evs[i].ip, NULL, pkt->ts_sec, pkt->ts_usec);
    return NULL;
}

/* The segment a port announcement was heard on (topology.h): a device that announces a port
 * on one segment only can be said to face that segment through that port. */
static void note_announcement(struct vs_inventory *inv, struct vs_device *dev,
                              const struct vs_pkt *pkt, const struct vs_evidence *evs, size_t n)
{
    bool port = false;
    for (size_t i = 0; i < n && !port; i++)
        port = evs[i].field == VS_F_LLDP_PORT_ID || evs[i].field == VS_F_CDP_PORT_ID ||
               evs[i].field == VS_F_FDP_PORT_ID || evs[i].field == VS_F_EDP_PORT_ID ||
               evs[i].field == VS_F_STP_BRIDGE_ID;
    if (!port)
        return;
    uint8_t seen = pkt->nvlans ? VS_DISC_VLAN : VS_DISC_UNTAGGED;
    dev->flags |= VS_DEV_DIRTY;
    uint16_t vid = pkt->nvlans ? pkt->vlans[pkt->nvlans - 1] : 0;
    struct vs_device_side *d = vs_inventory_side(inv, dev);
    if (!d)
        return;
    if (d->disc_seen == VS_DISC_NONE) {
        d->disc_seen = seen;
        d->disc_vlan = vid;
    } else if (d->disc_seen != seen || d->disc_vlan != vid) {
        d->disc_seen = VS_DISC_SEVERAL;
    }
}

void vs_identity_deliver(struct vs_inventory *inv, enum vs_subject subject,
                         const struct vs_pkt *pkt, struct vs_device *src,
                         const struct vs_evidence *evs, size_t n)
{
    struct vs_device *d = NULL;
    const struct vs_ip *via = NULL;
    int64_t sec = pkt->ts_sec;
    uint32_t usec = pkt->ts_usec;

    switch (subject) {
    case VS_SUBJ_BIND:
        for (size_t i = 0; i < n; i++) {
            const struct vs_evidence *ev = &evs[i];
            if (!ev->mac || !ev->ip || !mac_usable(ev->mac))
                continue;
            struct vs_device *b = vs_inventory_get_mac(inv, ev->mac, sec, usec, true);
            if (b)
                vs_identity_bind(inv, b, ev->ip);
        }
        return;
    case VS_SUBJ_CLIENT:
        for (size_t i = 0; i < n && !d; i++) {
            const struct vs_evidence *ev = &evs[i];
            if (ev->mac && mac_usable(ev->mac))
                d = vs_inventory_get_mac(inv, ev->mac, sec, usec, true);
        }
        if (!d)
            d = src;
        break;
    case VS_SUBJ_LINK:
        d = link_subject(inv, pkt, src, evs, n);
        if (d)
            note_announcement(inv, d, pkt, evs, n);
        break;
    case VS_SUBJ_ROUTED:
        if (!pkt->src_ip.family)
            return;
        /* A MAC-format SNMP engine ID names one of the agent's MACs (often a base MAC that
         * never sends a frame): it binds the agent's IP only to a MAC seen on the wire. */
        for (size_t i = 0; i < n; i++) {
            const struct vs_evidence *ev = &evs[i];
            if (ev->field == VS_F_SNMP_ENGINE_ID && ev->mac && mac_usable(ev->mac)) {
                struct vs_device *b = vs_inventory_get_mac(inv, ev->mac, sec, usec, false);
                if (b)
                    vs_identity_bind(inv, b, &pkt->src_ip);
            }
        }
        /* A packet that crossed a router (TTL below any initial value, or under MPLS labels)
         * says nothing about the MAC that carried it. */
        d = vs_identity_for_ip(inv, &pkt->src_ip, direct(pkt) ? src : NULL, sec, usec);
        via = &pkt->src_ip;
        break;
    }
    if (!d)
        return;
    bool gained = false;
    for (size_t i = 0; i < n; i++) {
        const struct vs_evidence *ev = &evs[i];
        /* Addresses a device announces for itself bind it (management, CDP, DHCP). */
        if (ev->ip && subject != VS_SUBJ_ROUTED && (d->flags & VS_DEV_HAS_MAC) &&
            ev->field != VS_F_STP_ROOT_ID)
            vs_identity_bind(inv, d, ev->ip);
        /* A Diameter peer lists its own addresses (Host-IP-Address): a multi-homed HSS is one
         * device whichever address it speaks from. An address a MAC device holds is that
         * device's, not rebound from routed evidence. */
        if (ev->ip && subject == VS_SUBJ_ROUTED && ev->field == VS_F_DIAMETER_HOST_IP_ADDRESS) {
            struct vs_device *o = vs_identity_find_ip(inv, ev->ip);
            if (!o || o == d || !(o->flags & VS_DEV_HAS_MAC))
                vs_identity_bind(inv, d, ev->ip);
        }
        if (ev->field == VS_F_STP_ROOT_ID)
            continue; /* the root bridge is another switch: not this device's evidence */
        gained |= vs_inventory_add_evidence(inv, d, ev, via, sec, usec);
    }
    if (gained)
        vs_inventory_attribute(inv, d, sec, usec);
}
