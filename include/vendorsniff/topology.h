/* SPDX-License-Identifier: BSD-2-Clause */
/* topology.h - where devices are plugged in, inferred from the discovery announcements
 * already in the inventory (LLDP, CDP, FDP, EDP port IDs and capabilities) and the VLANs each
 * device was seen on (src/inventory/topology.c); exported as GraphML or DOT
 * (src/sink/topology_out.c). docs/usage.md, "Topology", says what each inference rests on. */
#ifndef VS_TOPOLOGY_H
#define VS_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>

#include "vendorsniff/inventory.h"

enum vs_attach_how {
    /* The device announces itself (LLDP, CDP, FDP, EDP) on a segment where exactly one
     * switch port and nothing else announces: discovery frames are not forwarded by
     * bridges, so the two share a link. */
    VS_ATTACH_NEIGHBOUR,
    /* The device is seen on the segment (VLAN) where exactly one switch announces exactly
     * one port: it is in that port's broadcast domain, probably behind it, not certainly. */
    VS_ATTACH_SEGMENT,
};

#define VS_ATTACH_CERTAINTY_NEIGHBOUR 0.9
#define VS_ATTACH_CERTAINTY_SEGMENT 0.5

struct vs_attach {
    const struct vs_device *dev;
    const struct vs_device *sw; /* the switch */
    const char *port;           /* the switch's port ID (borrowed from its evidence) */
    const char *local_port;     /* the device's own port ID (neighbours), or NULL */
    int vlan;                   /* the shared VLAN, -1 for untagged */
    enum vs_attach_how how;
    double certainty;
};

struct vs_topology {
    struct vs_attach *a; /* sorted by device pointer */
    size_t n;
};

/* Infer every attachment now (after the capture, at an inventory snapshot). Returns 0, or
 * -ENOMEM with t empty. The result borrows from inv: free it before inv changes. */
int vs_topology_build(struct vs_inventory *inv, struct vs_topology *t);
void vs_topology_free(struct vs_topology *t);
const struct vs_attach *vs_topology_find(const struct vs_topology *t, const struct vs_device *d);
const char *vs_attach_how_name(enum vs_attach_how how);

/* --topology FILE: GraphML when FILE ends in .graphml, DOT when it ends in .dot (checked
 * by vs_topology_format first: 0 GraphML, 1 DOT, -1 neither). Replaced atomically. Nodes
 * are the devices with their vendor, model, name and risk; edges the attachments with the
 * ports, VLAN, how and certainty. 0 or -errno with err set. */
int vs_topology_format(const char *path);
int vs_topology_write(const char *path, struct vs_inventory *inv, const struct vs_topology *t,
                      char *err, size_t errsz);

#endif
