/* SPDX-License-Identifier: BSD-2-Clause */
/* identity.h - which device a piece of evidence belongs to. The pipeline asks once per
 * frame (the sender) and once per decoded PDU (the subject of its evidence); the rules for
 * MACs, chassis and client MACs, IP hosts behind routers, gateways and bindings live here. */
#ifndef VS_IDENTITY_H
#define VS_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/inventory.h"

/* How a protocol's evidence finds its device. */
enum vs_subject {
    VS_SUBJ_LINK,   /* the frame's sender (or the MAC the evidence names: chassis, bridge) */
    VS_SUBJ_ROUTED, /* the IP host that sent it; a router's MAC never takes it */
    VS_SUBJ_BIND,   /* address bindings only (ARP, ND): IP -> MAC */
    VS_SUBJ_CLIENT, /* DHCP: the client hardware address in the message */
};

/* The device that sent a frame (NULL when the frame has no usable source MAC): counts the
 * packet, records its VLANs and source IP, marks a MAC that carries routed packets as a
 * router, and counts packets of IP hosts seen behind a router. */
struct vs_device *vs_identity_sender(struct vs_inventory *inv, const struct vs_pkt *pkt);
/* The device whose traffic to pkt's destination is counted as a peer (--geoip): the sender,
 * or the IP host behind a router or gateway when it is known; NULL when none. */
struct vs_device *vs_identity_talker(struct vs_inventory *inv, const struct vs_pkt *pkt,
                                     struct vs_device *src);
/* Hand one PDU's evidence to the device it describes (subject), binding the addresses it
 * announces, and re-attribute that device when it gained anything. */
void vs_identity_deliver(struct vs_inventory *inv, enum vs_subject subject,
                         const struct vs_pkt *pkt, struct vs_device *src,
                         const struct vs_evidence *ev, size_t n);

/* Record a source IP on a device (cheap when already known); a MAC that sources several
 * addresses becomes a gateway. */
void vs_identity_note_ip(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip);
/* A frame from port_mac announced chassis (LLDP chassis ID, STP bridge ID): both MACs are
 * one device. The port's record is merged into the chassis and the port MAC becomes an
 * alias that finds the chassis. Returns the chassis device. */
struct vs_device *vs_identity_alias_mac(struct vs_inventory *inv, struct vs_device *chassis,
                                        const uint8_t port_mac[6], int64_t sec, uint32_t usec);
/* Count a packet sent by ip for the IP-keyed device it belongs to, if there is one (traffic
 * that arrives through a router). */
void vs_identity_touch_ip(struct vs_inventory *inv, const struct vs_ip *ip, int64_t sec,
                          uint32_t usec);
/* The MAC carried a packet that crossed a router (TTL below its initial value, or MPLS):
 * it routes for others. Its own traffic (initial TTLs) still describes it. */
void vs_identity_mark_router(struct vs_inventory *inv, struct vs_device *d);
/* ARP/ND/DHCP/engine ID/management address: ip belongs to the device with this MAC. */
void vs_identity_bind(struct vs_inventory *inv, struct vs_device *d, const struct vs_ip *ip);

/* The device that evidence from routed traffic sent by ip (in a frame from src_mac, may be
 * NULL) belongs to: the on-link device bound to ip, else the frame's MAC device when it is
 * not a gateway and sourced ip, else a device keyed by ip (created). */
struct vs_device *vs_identity_for_ip(struct vs_inventory *inv, const struct vs_ip *ip,
                                     struct vs_device *src_dev, int64_t sec, uint32_t usec);
/* True when an IPv4 TTL / IPv6 hop limit is one that senders start with (32, 60, 64, 128,
 * 255): the packet has not crossed a router, so the frame's MAC is the sender's. */
static inline bool vs_ttl_is_initial(uint8_t ttl)
{
    return ttl == 64 || ttl == 128 || ttl == 255 || ttl == 32 || ttl == 60;
}

/* The device IP-keyed evidence would go to for this source address, without creating one. */
struct vs_device *vs_identity_find_ip(struct vs_inventory *inv, const struct vs_ip *ip);

#endif
