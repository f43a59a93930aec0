/* SPDX-License-Identifier: BSD-2-Clause */
/* geo.h - GeoIP/ASN enrichment through libmaxminddb (the only file that includes it is
 * src/inventory/geo.c): country and autonomous system of public addresses, cached per address. */
#ifndef VS_GEO_H
#define VS_GEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/evidence.h"

struct vs_geo;

struct vs_geo_info {
    char country[3]; /* ISO 3166 alpha-2, "" when unknown */
    uint32_t asn;    /* 0 when unknown */
    char as_org[128];
};

/* Open the databases (each may carry country, ASN or both). 0 or -errno with err set. */
int vs_geo_open(const char *const *paths, size_t n, struct vs_geo **out, char *err, size_t errsz);
void vs_geo_close(struct vs_geo *g);

/* True for addresses that are never looked up: private, loopback, link-local, multicast,
 * documentation, CGNAT, unspecified, ULA. */
bool vs_geo_is_public(const struct vs_ip *ip);

/* Look up one public address (cached). False when not public or not found. */
bool vs_geo_lookup(const struct vs_geo *g, const struct vs_ip *ip, struct vs_geo_info *out);

/* "GeoLite2-Country 2026-11-01, GeoLite2-ASN 2026-11-01" for --version and the report. */
const char *vs_geo_describe(const struct vs_geo *g);

#endif
