/* SPDX-License-Identifier: BSD-2-Clause */
/* geo.c - libmaxminddb adapter, lookups only (the JSON sink formats them): country.iso_code,
 * autonomous_system_number and _organization of public addresses from MaxMind DB files, cached. */
#include "vendorsniff/geo.h"

#include <errno.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>


#define GEO_CACHE_SIZE 4096 /* entries, power of two; direct-mapped */

struct cache_ent {
    struct vs_ip ip;
    bool found;
    struct vs_geo_info info;
};

struct vs_geo {
    MMDB_s *dbs;
    size_t n;
    char describe[512];
    struct cache_ent *cache; /* mutable cache behind a const handle: lookups are logically pure */
};

int vs_geo_open(const char *const *paths, size_t n, struct vs_geo **out, char *err, size_t errsz)
{
    struct vs_geo *g = calloc(1, sizeof *g);
    if (!g)
        return -ENOMEM;
    g->dbs = calloc(n ? n : 1, sizeof *g->dbs);
    g->cache = calloc(GEO_CACHE_SIZE, sizeof *g->cache);
    if (!g->dbs || !g->cache) {
        vs_geo_close(g);
        return -ENOMEM;
    }
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        int rc = MMDB_open(paths[i], MMDB_MODE_MMAP, &g->dbs[i]);
        if (rc != MMDB_SUCCESS) {
            snprintf(err, errsz, "%s: cannot open MaxMind DB: %s", paths[i], MMDB_strerror(rc));
            g->n = i;
            vs_geo_close(g);
            return -EINVAL;
        }
        g->n = i + 1;
        const MMDB_metadata_s *m = &g->dbs[i].metadata;
        time_t t = (time_t)m->build_epoch;
        struct tm tm;
        char date[16] = "?";
        if (gmtime_r(&t, &tm))
            strftime(date, sizeof date, "%Y-%m-%d", &tm);
        int w = snprintf(g->describe + off, sizeof g->describe - off, "%s%s %s", i ? ", " : "",
                         m->database_type ? m->database_type : "mmdb", date);
        if (w > 0 && (size_t)w < sizeof g->describe - off)
            off += (size_t)w;
    }
    *out = g;
    return 0;
}

void vs_geo_close(struct vs_geo *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        MMDB_close(&g->dbs[i]);
    free(g->dbs);
    free(g->cache);
    free(g);
}

const char *vs_geo_describe(const struct vs_geo *g)
{
    return g ? g->describe : "off";
}

bool vs_geo_is_public(const struct vs_ip *ip)
{
    const uint8_t *a = ip->a;
    if (ip->family == 4) {
        if (a[0] == 0 || a[0] == 10 || a[0] == 127 || a[0] >= 224)
            return false;
        if (a[0] == 100 && (a[1] & 0xc0) == 64) /* 100.64/10 CGNAT */
            return false;
        if (a[0] == 169 && a[1] == 254)
            return false;
        if (a[0] == 172 && (a[1] & 0xf0) == 16)
            return false;
        if (a[0] == 192 && a[1] == 168)
            return false;
        if (a[0] == 192 && a[1] == 0 && (a[2] == 0 || a[2] == 2)) /* 192.0.0/24, TEST-NET-1 */
            return false;
        if (a[0] == 198 && (a[1] == 18 || a[1] == 19)) /* benchmarking */
            return false;
        if (a[0] == 198 && a[1] == 51 && a[2] == 100) /* TEST-NET-2 */
            return false;
        if (a[0] == 203 && a[1] == 0 && a[2] == 113) /* TEST-NET-3 */
            return false;
        return true;
    }
    if (ip->family == 6) {
        static const uint8_t zero[16];
        if (memcmp(a, zero, 15) == 0) /* :: and ::1 */
            return false;
        if (a[0] == 0xff) /* multicast */
            return false;
        if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) /* link-local */
            return false;
        if ((a[0] & 0xfe) == 0xfc) /* ULA */
            return false;
        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) /* documentation */
            return false;
        if (memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff) { /* v4-mapped */
            struct vs_ip v4;
            vs_ip_from4(&v4, a + 12);
            return vs_geo_is_public(&v4);
        }
        return (a[0] & 0xe0) == 0x20; /* global unicast 2000::/3 */
    }
    return false;
}

static void fill_from(MMDB_s *db, const struct vs_ip *ip, struct vs_geo_info *info, bool *found)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    if (ip->family == 4) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
        s4->sin_family = AF_INET;
        memcpy(&s4->sin_addr, ip->a, 4);
    } else {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
        s6->sin6_family = AF_INET6;
        memcpy(&s6->sin6_addr, ip->a, 16);
    }
    int mmerr = 0;
    MMDB_lookup_result_s r = MMDB_lookup_sockaddr(db, (struct sockaddr *)&ss, &mmerr);
    if (mmerr != MMDB_SUCCESS || !r.found_entry)
        return;
    MMDB_entry_data_s ed;
    if (!info->country[0] &&
        MMDB_get_value(&r.entry, &ed, "country", "iso_code", NULL) == MMDB_SUCCESS && ed.has_data &&
        ed.type == MMDB_DATA_TYPE_UTF8_STRING && ed.data_size == 2) {
        memcpy(info->country, ed.utf8_string, 2);
        info->country[2] = '\0';
        *found = true;
    }
    if (!info->asn &&
        MMDB_get_value(&r.entry, &ed, "autonomous_system_number", NULL) == MMDB_SUCCESS &&
        ed.has_data) {
        if (ed.type == MMDB_DATA_TYPE_UINT32)
            info->asn = ed.uint32;
        else if (ed.type == MMDB_DATA_TYPE_UINT16)
            info->asn = ed.uint16;
        else if (ed.type == MMDB_DATA_TYPE_UINT64)
            info->asn = (uint32_t)ed.uint64;
        *found = info->asn != 0 || *found;
    }
    if (!info->as_org[0] &&
        MMDB_get_value(&r.entry, &ed, "autonomous_system_organization", NULL) == MMDB_SUCCESS &&
        ed.has_data && ed.type == MMDB_DATA_TYPE_UTF8_STRING) {
        size_t n = ed.data_size < sizeof info->as_org - 1 ? ed.data_size : sizeof info->as_org - 1;
        memcpy(info->as_org, ed.utf8_string, n);
        info->as_org[n] = '\0';
    }
}

bool vs_geo_lookup(const struct vs_geo *g, const struct vs_ip *ip, struct vs_geo_info *out)
{
    if (!g || !vs_geo_is_public(ip))
        return false;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < (ip->family == 4 ? 4u : 16u); i++)
        h = (h ^ ip->a[i]) * 16777619u;
    struct cache_ent *c = &g->cache[h & (GEO_CACHE_SIZE - 1)];
    if (c->ip.family && vs_ip_equal(&c->ip, ip)) {
        *out = c->info;
        return c->found;
    }
    memset(c, 0, sizeof *c);
    c->ip = *ip;
    for (size_t i = 0; i < g->n; i++)
        fill_from(&g->dbs[i], ip, &c->info, &c->found);
    *out = c->info;
    return c->found;
}
