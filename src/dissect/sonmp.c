/* SPDX-License-Identifier: BSD-2-Clause */
/* sonmp.c - SynOptics/Nortel topology hello (SONMP, "NDP"; names from SYNOPTICS-ROOT-MIB):
 * the cursor covers the 11-byte hello after SNAP 000081/01a1 (flatnet) or 01a2 (segment). */
#include <stdio.h>
#include <string.h>

#include "vendorsniff/dissect.h"

struct sonmp_name {
    uint8_t id;
    const char *name;
};

/* SnpxChassisType values of the switch and router families still met in networks. */
static const struct sonmp_name sonmp_chassis[] = {
    {1, "other"},
    {12, "5000"},
    {25, "BayStack Ethernet"},
    {40, "BayStack 350 Switch"},
    {48, "BayStack 450 10/100/1000 Switches"},
    {49, "BayStack 410 10/100 Switches"},
    {50, "Passport 1200 L3 Switch"},
    {51, "Passport 1250 L3 Switch"},
    {52, "Passport 1100 L3 Switch"},
    {53, "Passport 1150 L3 Switch"},
    {54, "Passport 1050 L3 Switch"},
    {55, "Passport 1051 L3 Switch"},
    {56, "Passport 8610 L3 Switch"},
    {57, "Passport 8606 L3 Switch"},
    {58, "Passport 8010"},
    {59, "Passport 8006"},
    {60, "BayStack 670 wireless access point"},
    {64, "Business Policy Switch 2000 10/100 Switches"},
    {65, "Passport 8110 L2 Switch"},
    {66, "Passport 8106 L2 Switch"},
    {67, "BayStack 3580 Gig Switch"},
    {69, "BayStack 420 10/100 Switch"},
    {77, "BayStack 380 10/100/1000 Switch"},
    {78, "Ethernet Switch 470-48T"},
    {81, "Alteon Switch Family"},
    {82, "Ethernet Switch 460-24T-PWR"},
    {91, "Passport 1424 L3 switch"},
    {92, "Passport 1648 L3 switch"},
    {93, "Passport 1612 L3 switch"},
    {94, "Passport 1624 L3 switch"},
    {95, "BayStack 380-24F Fiber 1000 Switch"},
    {96, "Ethernet Routing Switch 5510-24T"},
    {97, "Ethernet Routing Switch 5510-48T"},
    {98, "Ethernet Switch 470-24T"},
    {99, "Nortel Networks Wireless LAN Access Point 2220"},
    {108, "Ethernet Switch 425-48T"},
    {109, "Ethernet Switch 425-24T"},
    {113, "Passport 8300 10-slot chassis"},
    {114, "Passport 8300 6-slot chassis"},
    {115, "Ethernet Routing Switch 5520-24T-PWR"},
    {116, "Ethernet Routing Switch 5520-48T-PWR"},
    {124, "Ethernet Switch 325-24T"},
    {125, "Ethernet Switch 325-24G"},
    {128, "24-port Ethernet Switch 470-24T-PWR"},
    {129, "48-port Ethernet Switch 470-48T-PWR"},
    {130, "Ethernet Routing Switch 5530-24TFD"},
    {131, "Ethernet Switch 3510-24T"},
    {154, "Ethernet Routing Switch 4548GT"},
    {155, "Ethernet Routing Switch 4548GT-PWR"},
    {156, "Ethernet Routing Switch 4550T"},
    {157, "Ethernet Routing Switch 4550T-PWR"},
    {158, "Ethernet Routing Switch 4526FX"},
    {159, "Ethernet Routing Switch 2500-26T"},
    {160, "Ethernet Routing Switch 2500-26T-PWR"},
    {161, "Ethernet Routing Switch 2500-50T"},
    {162, "Ethernet Routing Switch 2500-50T-PWR"},
};

static const struct sonmp_name sonmp_backplane[] = {
    {1, "Other"},
    {2, "Ethernet"},
    {3, "Ethernet and Tokenring"},
    {4, "Ethernet and FDDI"},
    {5, "Ethernet, Tokenring and FDDI"},
    {6, "Ethernet and Tokenring with redundant power"},
    {7, "Ethernet, Tokenring, FDDI with redundant power"},
    {8, "Token Ring"},
    {9, "Ethernet, Tokenring and Fast Ethernet"},
    {10, "Ethernet and Fast Ethernet"},
    {11, "Ethernet, Tokenring, Fast Ethernet with redundant power"},
    {12, "Ethernet, Fast Ethernet and Gigabit Ethernet"},
};

/* A known value by name, an unknown one by number, as the brief for SONMP asks. */
static void emit_named(vs_emit_fn emit, void *ctx, enum vs_field f, uint8_t id,
                       const struct sonmp_name *tab, size_t n)
{
    char s[16];
    const char *name = NULL;
    for (size_t i = 0; i < n && !name; i++)
        if (tab[i].id == id)
            name = tab[i].name;
    if (!name) {
        snprintf(s, sizeof s, "%u", (unsigned)id);
        name = s;
    }
    struct vs_evidence ev = {f, (const uint8_t *)name, strlen(name), NULL, NULL, id};
    emit(ctx, &ev);
}

enum vs_decode_status vs_sonmp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                       void *ctx)
{
    (void)pkt;
    uint8_t a[4], chassis, backplane, state, links;
    uint32_t segment;

    /* Fixed fields, each emitted as soon as it is wholly present. */
    if (!vs_cur_copy(&c, a, 4))
        return VS_DECODE_TRUNCATED;
    struct vs_ip ip;
    char s[VS_IP_STRLEN];
    vs_ip_from4(&ip, a);
    vs_ip_format(&ip, s);
    /* A switch without a management address sends 0.0.0.0: reported, but binds nothing. */
    bool bind = a[0] || a[1] || a[2] || a[3];
    struct vs_evidence ev = {
        VS_F_SONMP_ADDRESS, (const uint8_t *)s, strlen(s), NULL, bind ? &ip : NULL, 0};
    emit(ctx, &ev);

    if (!vs_cur_be24(&c, &segment))
        return VS_DECODE_TRUNCATED;
    char seg[16];
    int k = snprintf(seg, sizeof seg, "0x%06x", (unsigned)segment);
    struct vs_evidence sev = {
        VS_F_SONMP_SEGMENT_ID, (const uint8_t *)seg, (size_t)k, NULL, NULL, segment};
    emit(ctx, &sev);

    if (!vs_cur_u8(&c, &chassis))
        return VS_DECODE_TRUNCATED;
    emit_named(emit, ctx, VS_F_SONMP_CHASSIS_TYPE, chassis, sonmp_chassis,
               sizeof sonmp_chassis / sizeof sonmp_chassis[0]);
    if (!vs_cur_u8(&c, &backplane))
        return VS_DECODE_TRUNCATED;
    emit_named(emit, ctx, VS_F_SONMP_BACKPLANE_TYPE, backplane, sonmp_backplane,
               sizeof sonmp_backplane / sizeof sonmp_backplane[0]);
    if (!vs_cur_u8(&c, &state) || !vs_cur_u8(&c, &links))
        return VS_DECODE_TRUNCATED;
    /* state: 1 topology change, 2 heartbeat, 3 new; anything else is not this protocol */
    if (state < 1 || state > 3)
        return VS_DECODE_MALFORMED;
    return VS_DECODE_OK;
}
