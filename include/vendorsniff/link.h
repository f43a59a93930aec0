/* SPDX-License-Identifier: BSD-2-Clause */
/* link.h - link layer: from a captured frame of a given DLT to a struct vs_pkt
 * (MACs, VLAN tags, LLC/SNAP, IPv4/IPv6, TCP/UDP headers), and the inner frame of
 * mirrored traffic (ERSPAN I/II/III, GRE, VXLAN, MPLS) for the caller to decode again. */
#ifndef VS_LINK_H
#define VS_LINK_H

#include "vendorsniff/cursor.h"
#include "vendorsniff/dissect.h"

/* DLT values handled (from pcap/dlt.h; repeated here so callers need no pcap header). */
#define VS_DLT_NULL 0
#define VS_DLT_EN10MB 1
#define VS_DLT_PPP 9
#define VS_DLT_RAW 12 /* OpenBSD value; Linux uses 14 too */
#define VS_DLT_RAW14 14
#define VS_DLT_PPP_SERIAL 50
#define VS_DLT_C_HDLC 104
#define VS_DLT_RAW101 101 /* LINKTYPE_RAW */
#define VS_DLT_LOOP 108
#define VS_DLT_LINUX_SLL 113
#define VS_DLT_IPV4 228
#define VS_DLT_IPV6 229
#define VS_DLT_LINUX_SLL2 276

enum vs_link_status {
    VS_LINK_OK = 0,     /* pkt filled */
    VS_LINK_ENCAP,      /* pkt describes the outer frame; *inner holds the mirrored frame */
    VS_LINK_TRUNCATED,  /* pkt filled as far as the bytes went */
    VS_LINK_MALFORMED,  /* contradictory header; pkt filled as far as it was sane */
    VS_LINK_UNSUPPORTED /* DLT not handled */
};

struct vs_link_inner {
    int dlt; /* VS_DLT_EN10MB for ERSPAN/GRE-TEB/VXLAN/MPLS PW; VS_DLT_RAW for IP in MPLS/GRE */
    struct vs_cur frame;
};

/* Parse one frame. ts fields of pkt are left as the caller set them; every other field
 * is reset. Never reads outside frame. */
enum vs_link_status vs_link_parse(int dlt, struct vs_cur frame, struct vs_pkt *pkt,
                                  struct vs_link_inner *inner);

/* True when the DLT is one vs_link_parse handles. */
bool vs_link_supported(int dlt);

#endif
