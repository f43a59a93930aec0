/* SPDX-License-Identifier: BSD-2-Clause */
/* topology.c - attachments inferred from passive data only (IEEE 802.1AB clause 7: LLDP
 * frames go to a group address that 802.1D bridges do not forward; so do CDP, FDP and EDP
 * in practice, and STP BPDUs by 802.1D itself): a switch's announcement describes the port
 * it left by, and whoever else the sensor sees on the same segment (VLAN) shares that
 * port's broadcast domain. Nothing here guesses among several switches or ports: an
 * ambiguous device stays unattached. */
#include "vendorsniff/topology.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const enum vs_field port_fields[] = {VS_F_LLDP_PORT_ID, VS_F_CDP_PORT_ID, VS_F_FDP_PORT_ID,
                                            VS_F_EDP_PORT_ID};

/* The one port this device announced from, by the first protocol that names any; NULL
 * when it announced none, *ambiguous when several (a mirror of many ports, a trunk). */
static const char *own_port(const struct vs_device *d, bool *speaker, bool *ambiguous)
{
    *speaker = false;
    *ambiguous = false;
    for (size_t f = 0; f < sizeof port_fields / sizeof *port_fields; f++) {
        const char *port = NULL;
        for (size_t i = 0; i < d->side->nev; i++) {
            const struct vs_ev_item *e = &d->side->ev[i];
            if (e->field != port_fields[f])
                continue;
            if (port && strcmp(port, e->value) != 0)
                *ambiguous = true;
            port = e->value;
        }
        if (port) {
            *speaker = true;
            return *ambiguous ? NULL : port;
        }
    }
    /* An STP bridge speaks on the segment too, but its BPDUs name no port we keep: it
     * counts as a switch there (so a host beside it and another switch is ambiguous). */
    for (size_t i = 0; i < d->side->nev; i++)
        if (d->side->ev[i].field == VS_F_STP_BRIDGE_ID)
            *speaker = true;
    return NULL;
}

static bool is_switch(const struct vs_device *d)
{
    for (size_t i = 0; i < d->side->nev; i++) {
        const struct vs_ev_item *e = &d->side->ev[i];
        if (vs_field_source(e->field) == VS_SRC_EDP || e->field == VS_F_STP_BRIDGE_ID)
            return true; /* only Extreme switches speak EDP; only bridges send BPDUs */
        if ((e->field == VS_F_LLDP_CAPABILITIES || e->field == VS_F_CDP_CAPABILITIES ||
             e->field == VS_F_FDP_CAPABILITIES) &&
            (strstr(e->value, "Bridge") || strstr(e->value, "Switch")))
            return true;
    }
    return false;
}

/* The segment device a shares with speaker b: a common VLAN (its id), both untagged (-1),
 * or none (-2). b's segment is where its announcements were heard; for a speaker restored
 * from a file, which does not say, the VLANs of all its frames. */
static int shared_vlan(const struct vs_device *a, const struct vs_device *b)
{
    const struct vs_device_side *bx = b->side;
    const uint16_t *av = vs_device_vlans(a), *bv = vs_device_vlans(b);
    if (bx->disc_seen == VS_DISC_SEVERAL)
        return -2; /* announced on several segments: which one faces a is unknown */
    if (bx->disc_seen == VS_DISC_UNTAGGED)
        return a->nvlans ? -2 : -1;
    if (bx->disc_seen == VS_DISC_VLAN) {
        for (uint8_t i = 0; i < a->nvlans; i++)
            if (av[i] == bx->disc_vlan)
                return bx->disc_vlan;
        return -2;
    }
    if (!a->nvlans && !b->nvlans)
        return -1;
    for (uint8_t i = 0; i < a->nvlans; i++)
        for (uint8_t j = 0; j < b->nvlans; j++)
            if (av[i] == bv[j])
                return av[i];
    return -2;
}

struct speaker {
    const struct vs_device *d;
    const char *port; /* NULL when ambiguous */
    bool sw;
};

static int by_dev(const void *a, const void *b)
{
    const struct vs_attach *x = a, *y = b;
    uintptr_t p = (uintptr_t)x->dev, q = (uintptr_t)y->dev;
    return (p > q) - (p < q);
}

/* The speakers that share one segment key (untagged, or a VLAN): how many, how many of
 * them are switches, and the first two switches (enough to name the one switch beside any
 * one device). */
struct segment {
    uint32_t n, nsw;
    int32_t sw[2];
};

#define NO_SEGMENT 4097 /* keys: 0 untagged, 1 + VLAN id */

static void segment_add(struct segment *g, size_t k, bool sw)
{
    g->n++;
    if (sw) {
        if (g->nsw < 2)
            g->sw[g->nsw] = (int32_t)k;
        g->nsw++;
    }
}

/* What the scan over every speaker below finds for d: the switch of its segment, if exactly
 * one, with the segment's VLAN; the number of other speakers there. */
static const struct speaker *scan_speakers(const struct vs_device *d, const struct speaker *spk,
                                           size_t ns, size_t *nspeak, int *vlan)
{
    const struct speaker *sw = NULL;
    size_t nsw = 0;
    *nspeak = 0;
    for (size_t k = 0; k < ns; k++) {
        if (spk[k].d == d)
            continue;
        int v = shared_vlan(d, spk[k].d);
        if (v == -2)
            continue;
        (*nspeak)++;
        if (spk[k].sw) {
            nsw++;
            sw = &spk[k];
            *vlan = v;
        }
    }
    return nsw == 1 ? sw : NULL;
}

int vs_topology_build(struct vs_inventory *inv, struct vs_topology *t)
{
    t->a = NULL;
    t->n = 0;
    size_t n;
    struct vs_device *const *devs = vs_inventory_devices(inv, &n);
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        bool sp, amb;
        (void)own_port(devs[i], &sp, &amb);
        ns += sp;
    }
    if (!ns)
        return 0;
    struct speaker *spk = calloc(ns, sizeof *spk);
    int32_t *spk_of = malloc(n * sizeof *spk_of); /* a device's speaker entry, or -1 */
    struct segment *seg = calloc(NO_SEGMENT, sizeof *seg);
    t->a = calloc(n, sizeof *t->a);
    if (!spk || !spk_of || !seg || !t->a) {
        free(spk);
        free(spk_of);
        free(seg);
        free(t->a);
        t->a = NULL;
        return -ENOMEM;
    }
    ns = 0;
    for (size_t i = 0; i < n; i++) {
        bool sp, amb;
        const char *port = own_port(devs[i], &sp, &amb);
        spk_of[i] = -1;
        if (sp && (devs[i]->flags & VS_DEV_HAS_MAC)) {
            spk_of[i] = (int32_t)ns;
            spk[ns++] = (struct speaker){devs[i], port, is_switch(devs[i])};
        }
    }
    /* Each speaker under the segment keys a device can share with it (shared_vlan): a
     * device then looks up its one segment instead of asking every speaker. */
    for (size_t k = 0; k < ns; k++) {
        const struct vs_device *b = spk[k].d;
        const struct vs_device_side *bx = b->side;
        if (bx->disc_seen == VS_DISC_UNTAGGED || (bx->disc_seen == VS_DISC_NONE && !b->nvlans)) {
            segment_add(&seg[0], k, spk[k].sw);
        } else if (bx->disc_seen == VS_DISC_VLAN) {
            if (bx->disc_vlan < NO_SEGMENT - 1)
                segment_add(&seg[1 + bx->disc_vlan], k, spk[k].sw);
        } else if (bx->disc_seen == VS_DISC_NONE) {
            const uint16_t *bv = vs_device_vlans(b);
            for (uint8_t j = 0; j < b->nvlans; j++)
                if (bv[j] < NO_SEGMENT - 1)
                    segment_add(&seg[1 + bv[j]], k, spk[k].sw);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct vs_device *d = devs[i];
        if (!(d->flags & VS_DEV_HAS_MAC) || (d->flags & VS_DEV_EVICTED))
            continue;
        const struct speaker *self = spk_of[i] >= 0 ? &spk[spk_of[i]] : NULL;
        const struct speaker *sw = NULL;
        size_t nspeak = 0;
        int vlan = -2;
        unsigned key = d->nvlans ? 1u + vs_device_vlans(d)[0] : 0;
        if (d->nvlans > 1 || key >= NO_SEGMENT) {
            /* On several VLANs (a trunk): every speaker asked, as the rule says. */
            sw = scan_speakers(d, spk, ns, &nspeak, &vlan);
        } else {
            const struct segment *g = &seg[key];
            bool in = self && shared_vlan(d, self->d) != -2;
            bool self_sw = in && self->sw;
            nspeak = g->n - in;
            if (g->nsw - self_sw == 1) {
                int32_t k = g->sw[0];
                if (self_sw && &spk[k] == self)
                    k = g->sw[1];
                sw = &spk[k];
                vlan = key ? (int)key - 1 : -1;
            }
        }
        /* one switch on the segment, announcing one port: anything else is a guess */
        if (!sw || !sw->port)
            continue;
        struct vs_attach *a = &t->a[t->n++];
        a->dev = d;
        a->sw = sw->d;
        a->port = sw->port;
        a->vlan = vlan;
        if (self && nspeak == 1) {
            a->how = VS_ATTACH_NEIGHBOUR;
            a->local_port = self->port;
            a->certainty = VS_ATTACH_CERTAINTY_NEIGHBOUR;
        } else {
            a->how = VS_ATTACH_SEGMENT;
            a->certainty = VS_ATTACH_CERTAINTY_SEGMENT;
        }
    }
    free(spk);
    free(spk_of);
    free(seg);
    if (t->n > 1)
        qsort(t->a, t->n, sizeof *t->a, by_dev);
    return 0;
}

void vs_topology_free(struct vs_topology *t)
{
    free(t->a);
    t->a = NULL;
    t->n = 0;
}

const struct vs_attach *vs_topology_find(const struct vs_topology *t, const struct vs_device *d)
{
    if (!t || !t->n)
        return NULL;
    struct vs_attach key = {.dev = d};
    return bsearch(&key, t->a, t->n, sizeof *t->a, by_dev);
}

const char *vs_attach_how_name(enum vs_attach_how how)
{
    return how == VS_ATTACH_NEIGHBOUR ? "lldp-neighbour" : "same-segment";
}
