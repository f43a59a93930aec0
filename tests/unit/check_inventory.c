/* SPDX-License-Identifier: BSD-2-Clause */
/* check_inventory.c - device records, evidence merge, attribution, IP keying behind
 * routers, risk alerts (once per device and rule), and bounds. Uses the shipped OUI
 * snapshot and a small signature set written here. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/inventory/inventory_int.h" /* the table sizes, for pre-sizing */
#include "testutil.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"

static const char vendors_ini[] = "[Huawei]\norg = HUAWEI TECHNOLOGIES CO.,LTD\nenterprise = 2011\n"
                                  "[ZTE]\norg = zte corporation\nenterprise = 3902\n"
                                  "[Cisco]\norg = Cisco Systems, Inc\nenterprise = 9\n"
                                  "[Juniper]\nenterprise = 2636\n";
static const char rules_ini[] =
    "[huawei-vrp]\nfields = lldp.system_description snmp.sys_descr\n"
    "pattern = Huawei Versatile Routing Platform.*\\((\\S+) (V\\d+R\\d+\\S*)\\)\nflags = s\n"
    "vendor = Huawei\nmodel = $1\nsoftware = VRP $2\nweight = 0.9\n"
    "example = Huawei Versatile Routing Platform Software (S5720 V200R011C10SPC500)\n"
    "[zte-zxr10]\nfields = lldp.system_description snmp.sys_descr\npattern = ^ZTE ZXR10\n"
    "vendor = ZTE\nweight = 0.9\nexample = ZTE ZXR10 Software\n"
    "[junos]\nfields = snmp.sys_descr ssh.banner\npattern = JUNOS\nvendor = Juniper\nweight = 0.9\n"
    "example = Juniper Networks, Inc. mx480 internet router, kernel JUNOS 15.1R7\n"
    /* Model statements of several weights for the refinement test (no vendor: the device's
     * vendor comes from the JUNOS rule). */
    "[model-family]\nfields = cdp.platform\npattern = ^Family (.+)$\nmodel = $1\nweight = 0.95\n"
    "example = Family 7750 SR\n"
    "[model-specific]\nfields = snmp.ent_model_name mndp.board\npattern = ^Chassis (.+)$\n"
    "model = $1\nweight = 0.85\nexample = Chassis 7750 SR-12\n"
    "[model-weak]\nfields = upnp.model_name\npattern = ^Guess (.+)$\nmodel = $1\nweight = 0.5\n"
    "example = Guess 7750 SR-7\n";
static const char risk_ini[] = "[huawei]\nvendor = Huawei\nseverity = high\nreason = r\n"
                               "[zte]\nvendor = ZTE\nseverity = high\nreason = r\n";

static struct vs_oui_db *oui;
static struct vs_sigs *sigs;
static struct vs_risk_list *risk;
static struct vs_inventory *inv;
static int n_device_events, n_alerts;
static char last_alert_vendor[64];

static void on_device(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec)
{
    (void)ctx, (void)d, (void)sec, (void)usec;
    n_device_events++;
}

static void on_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                     int64_t sec, uint32_t usec)
{
    (void)ctx, (void)d, (void)sec, (void)usec;
    n_alerts++;
    snprintf(last_alert_vendor, sizeof last_alert_vendor, "%s", r->vendor);
}

static void setup(void)
{
    char err[1024];
    ck_assert_msg(vs_oui_load(tu_src_path("oui_db/oui.tsv"), &oui, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_msg(vs_sigs_load_mem(vendors_ini, strlen(vendors_ini), "", 0, rules_ini,
                                   strlen(rules_ini), &sigs, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_msg(vs_risk_load_mem("risk", risk_ini, strlen(risk_ini), &risk, err, sizeof err) == 0,
                  "%s", err);
    struct vs_inventory_hooks h = {.ctx = NULL, .device_changed = on_device, .alert = on_alert};
    inv = vs_inventory_new(oui, sigs, risk, &h, 0);
    n_device_events = n_alerts = 0;
}

static void teardown(void)
{
    vs_inventory_free(inv);
    vs_risk_free(risk);
    vs_sigs_free(sigs);
    vs_oui_free(oui);
}

static bool add(struct vs_device *d, enum vs_field f, const char *v, const struct vs_ip *via)
{
    struct vs_evidence ev = {f, (const uint8_t *)v, strlen(v), NULL, NULL, 0};
    bool g = vs_inventory_add_evidence(inv, d, &ev, via, 100, 0);
    if (g)
        vs_inventory_attribute(inv, d, 100, 0);
    return g;
}

static struct vs_ip ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    struct vs_ip ip;
    const uint8_t x[4] = {a, b, c, d};
    vs_ip_from4(&ip, x);
    return ip;
}

static const uint8_t huawei_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t cisco_mac[6] = {0x00, 0x19, 0x06, 0xea, 0xb8, 0x85};
static const uint8_t laa_mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};

START_TEST(oui_only_device_is_attributed_weakly_and_alerts_once)
{
    struct vs_device *d = vs_inventory_see_mac(inv, huawei_mac, 10, 5);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->vendor, "Huawei");
    ck_assert(d->confidence > 0.2 && d->confidence < 0.5);
    ck_assert_int_eq(n_device_events, 1);
    ck_assert_int_eq(n_alerts, 1);
    for (int i = 0; i < 100; i++)
        ck_assert_ptr_eq(vs_inventory_see_mac(inv, huawei_mac, 11 + i, 0), d);
    ck_assert_uint_eq(d->packets, 101);
    ck_assert_int_eq(d->first_sec, 10);
    ck_assert_int_eq(d->last_sec, 110);
    ck_assert_int_eq(n_device_events, 1); /* per device, never per packet */
    ck_assert_int_eq(n_alerts, 1);
    ck_assert_uint_eq(vs_inventory_count(inv), 1);
}
END_TEST

START_TEST(laa_mac_has_no_vendor)
{
    struct vs_device *d = vs_inventory_see_mac(inv, laa_mac, 1, 0);
    ck_assert_ptr_null(d->vendor);
    ck_assert_ptr_null(d->oui_org);
    ck_assert_int_eq(d->mac_class, VS_MAC_LOCAL);
    ck_assert_int_eq(n_device_events, 0);
}
END_TEST

START_TEST(protocol_evidence_outweighs_oui)
{
    /* A Cisco-OUI MAC announcing a Huawei switch: the announcement wins, with less
     * confidence than if both agreed, and the conflict is kept. */
    struct vs_device *d = vs_inventory_see_mac(inv, cisco_mac, 1, 0);
    ck_assert_str_eq(d->vendor, "Cisco");
    ck_assert_int_eq(n_alerts, 0);
    ck_assert(add(d, VS_F_LLDP_SYSTEM_DESCRIPTION,
                  "Huawei Versatile Routing Platform Software\r\nVRP (R) software (CE6851HI "
                  "V200R005C10SPC607B607)",
                  NULL));
    ck_assert_str_eq(d->vendor, "Huawei");
    ck_assert_str_eq(d->side->model, "CE6851HI");
    ck_assert_str_eq(d->side->software, "VRP V200R005C10SPC607B607");
    ck_assert(d->conflict);
    ck_assert(d->confidence < 0.9);
    ck_assert_int_eq(n_alerts, 1);
    ck_assert_ptr_nonnull(d->risk);
    /* Agreeing evidence raises confidence above any single statement. */
    struct vs_device *h = vs_inventory_see_mac(inv, huawei_mac, 1, 0);
    add(h, VS_F_LLDP_SYSTEM_DESCRIPTION,
        "Huawei Versatile Routing Platform Software (S5720 V200R011)", NULL);
    ck_assert(h->confidence > 0.9);
    ck_assert(!h->conflict);
}
END_TEST

START_TEST(specific_model_refines_a_heavier_family)
{
    /* "7750 SR" (0.95) and "7750 SR-12" (0.85): the lighter one names the same box more
     * precisely and becomes the model, whatever the order the evidence arrives in. */
    struct vs_ip a = ip4(10, 30, 0, 1), b = ip4(10, 30, 0, 2);
    struct vs_device *d = vs_identity_for_ip(inv, &a, NULL, 1, 0);
    add(d, VS_F_SNMP_SYS_DESCR, "Juniper Networks, Inc. mx480, kernel JUNOS 15.1", &a);
    add(d, VS_F_CDP_PLATFORM, "Family 7750 SR", &a);
    ck_assert_str_eq(d->side->model, "7750 SR");
    add(d, VS_F_SNMP_ENT_MODEL_NAME, "Chassis 7750 SR-12", &a);
    ck_assert_str_eq(d->side->model, "7750 SR-12");
    struct vs_device *e = vs_identity_for_ip(inv, &b, NULL, 1, 0);
    add(e, VS_F_SNMP_SYS_DESCR, "Juniper Networks, Inc. mx480, kernel JUNOS 15.1", &b);
    add(e, VS_F_SNMP_ENT_MODEL_NAME, "Chassis 7750 SR-12", &b);
    add(e, VS_F_CDP_PLATFORM, "Family 7750 SR", &b);
    ck_assert_str_eq(e->side->model, "7750 SR-12");
    /* The longest refinement wins over a shorter one of the same weight. */
    add(e, VS_F_MNDP_BOARD, "Chassis 7750 SR-12 AC", &b);
    ck_assert_str_eq(e->side->model, "7750 SR-12 AC");
}
END_TEST

START_TEST(model_refinement_needs_weight_and_a_boundary)
{
    struct vs_ip a = ip4(10, 30, 1, 1), b = ip4(10, 30, 1, 2), c = ip4(10, 30, 1, 3);
    /* A weak guess (0.5) does not replace the heavier family, even when it extends it. */
    struct vs_device *d = vs_identity_for_ip(inv, &a, NULL, 1, 0);
    add(d, VS_F_CDP_PLATFORM, "Family 7750 SR", &a);
    add(d, VS_F_UPNP_MODEL_NAME, "Guess 7750 SR-7", &a);
    ck_assert_str_eq(d->side->model, "7750 SR");
    /* A longer name that does not extend at a hyphen or space is another product. */
    struct vs_device *e = vs_identity_for_ip(inv, &b, NULL, 1, 0);
    add(e, VS_F_CDP_PLATFORM, "Family 7750 SR", &b);
    add(e, VS_F_SNMP_ENT_MODEL_NAME, "Chassis 7750 SRX", &b);
    ck_assert_str_eq(e->side->model, "7750 SR");
    /* Case is not a difference ("NetIron MLX" / "NETIRON MLX-16"); a bare separator is not
     * a refinement. */
    struct vs_device *f = vs_identity_for_ip(inv, &c, NULL, 1, 0);
    add(f, VS_F_CDP_PLATFORM, "Family NetIron MLX", &c);
    add(f, VS_F_SNMP_ENT_MODEL_NAME, "Chassis NetIron MLX-", &c);
    ck_assert_str_eq(f->side->model, "NetIron MLX");
    add(f, VS_F_MNDP_BOARD, "Chassis NETIRON MLX-16", &c);
    ck_assert_str_eq(f->side->model, "NETIRON MLX-16");
}
END_TEST

START_TEST(evidence_is_deduplicated_and_bounded)
{
    struct vs_device *d = vs_inventory_see_mac(inv, laa_mac, 1, 0);
    ck_assert(add(d, VS_F_LLDP_SYSTEM_NAME, "sw1", NULL));
    ck_assert(!add(d, VS_F_LLDP_SYSTEM_NAME, "sw1", NULL));
    ck_assert(!add(d, VS_F_LLDP_SYSTEM_NAME, "  sw1\r\n", NULL)); /* same after trimming */
    ck_assert(add(d, VS_F_CDP_DEVICE_ID, "sw1", NULL));           /* another field */
    ck_assert_str_eq(d->side->name, "sw1");
    char v[32];
    for (int i = 0; i < VS_MAX_EVIDENCE_PER_DEVICE * 2; i++) {
        snprintf(v, sizeof v, "port %d", i);
        add(d, VS_F_LLDP_PORT_ID, v, NULL);
    }
    ck_assert_uint_eq(d->side->nev, VS_MAX_EVIDENCE_PER_DEVICE);
    char *big = malloc(70000);
    memset(big, 'A', 69999);
    big[69999] = 0;
    struct vs_device *e = vs_inventory_see_mac(inv, huawei_mac, 1, 0);
    ck_assert(add(e, VS_F_LLDP_SYSTEM_NAME, big, NULL));
    ck_assert_uint_le(e->side->ev[0].len, VS_MAX_VALUE_LEN);
    free(big);
}
END_TEST

START_TEST(routed_evidence_goes_to_the_ip_host_not_the_router)
{
    struct vs_device *router = vs_inventory_see_mac(inv, cisco_mac, 1, 0);
    struct vs_ip a = ip4(10, 20, 0, 1), b = ip4(10, 20, 0, 2), c = ip4(10, 20, 0, 3);
    /* The first remote reply arrives while the router has shown only one source IP. */
    vs_identity_note_ip(inv, router, &a);
    struct vs_device *d1 = vs_identity_for_ip(inv, &a, router, 1, 0);
    ck_assert_ptr_eq(d1, router);
    add(d1, VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software, Version: V4.8", &a);
    ck_assert_str_eq(router->vendor, "ZTE");
    /* More source IPs: the MAC is a gateway, and the ZTE evidence moves to 10.20.0.1. */
    vs_identity_note_ip(inv, router, &b);
    vs_identity_note_ip(inv, router, &c);
    ck_assert(router->flags & VS_DEV_GATEWAY);
    ck_assert_str_eq(router->vendor, "Cisco");
    struct vs_device *zte = vs_identity_for_ip(inv, &a, router, 2, 0);
    ck_assert_ptr_ne(zte, router);
    ck_assert(!(zte->flags & VS_DEV_HAS_MAC));
    ck_assert_str_eq(zte->vendor, "ZTE");
    struct vs_device *jun = vs_identity_for_ip(inv, &b, router, 2, 0);
    add(jun, VS_F_SNMP_SYS_DESCR, "Juniper Networks, Inc. mx480, kernel JUNOS 15.1", &b);
    ck_assert_str_eq(jun->vendor, "Juniper");
    ck_assert_str_eq(router->vendor, "Cisco");
    char id[64];
    vs_device_id(jun, id, sizeof id);
    ck_assert_str_eq(id, "10.20.0.2");
}
END_TEST

START_TEST(binding_merges_ip_device_into_mac_device)
{
    struct vs_ip a = ip4(192, 168, 1, 7);
    struct vs_device *ipd = vs_identity_for_ip(inv, &a, NULL, 1, 0);
    add(ipd, VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software", &a);
    ck_assert_uint_eq(vs_inventory_count(inv), 1);
    struct vs_device *m = vs_inventory_get_mac(inv, laa_mac, 2, 0, true);
    vs_identity_bind(inv, m, &a);
    ck_assert_uint_eq(vs_inventory_count(inv), 1);
    ck_assert_str_eq(m->vendor, "ZTE");
    ck_assert_ptr_eq(vs_identity_for_ip(inv, &a, NULL, 3, 0), m);
    /* An explicit binding survives the device also routing for others. */
    for (uint8_t i = 1; i < 6; i++) {
        struct vs_ip x = ip4(172, 16, 0, i);
        vs_identity_note_ip(inv, m, &x);
    }
    ck_assert(m->flags & VS_DEV_GATEWAY);
    ck_assert_ptr_eq(vs_identity_for_ip(inv, &a, NULL, 3, 0), m);
}
END_TEST

START_TEST(vendor_change_alerts_again_but_never_twice)
{
    struct vs_device *d = vs_inventory_get_mac(inv, laa_mac, 1, 0, true);
    add(d, VS_F_LLDP_SYSTEM_DESCRIPTION, "ZTE ZXR10 Software", NULL);
    ck_assert_int_eq(n_alerts, 1);
    ck_assert_str_eq(last_alert_vendor, "ZTE");
    add(d, VS_F_SNMP_SYS_DESCR, "Huawei Versatile Routing Platform Software (S5720 V200R011)",
        NULL);
    add(d, VS_F_SNMP_SYS_DESCR, "Huawei Versatile Routing Platform Software (S5735 V200R019)",
        NULL);
    ck_assert_str_eq(d->vendor, "Huawei");
    ck_assert_int_eq(n_alerts, 2);
    ck_assert_str_eq(last_alert_vendor, "Huawei");
    add(d, VS_F_LLDP_SYSTEM_NAME, "renamed", NULL);
    ck_assert_int_eq(n_alerts, 2);
    ck_assert_uint_eq(d->side->nalerts, 2);
}
END_TEST

START_TEST(vlans_and_ips_are_recorded_once)
{
    struct vs_device *d = vs_inventory_see_mac(inv, cisco_mac, 1, 0);
    for (int i = 0; i < 50; i++) {
        vs_inventory_note_vlan(inv, d, 10);
        vs_inventory_note_vlan(inv, d, (uint16_t)(100 + i));
    }
    ck_assert_uint_eq(d->nvlans, VS_MAX_VLANS_PER_DEVICE);
    ck_assert_uint_eq(vs_device_vlans(d)[0], 10);
    struct vs_ip a = ip4(10, 0, 0, 1), bc = ip4(255, 255, 255, 255), z = ip4(0, 0, 0, 0);
    vs_identity_note_ip(inv, d, &a);
    vs_identity_note_ip(inv, d, &a);
    vs_identity_note_ip(inv, d, &bc);
    vs_identity_note_ip(inv, d, &z);
    ck_assert_uint_eq(d->nips, 1);
    ck_assert(!(d->flags & VS_DEV_GATEWAY));
}
END_TEST

START_TEST(eviction_keeps_risk_devices)
{
    vs_inventory_free(inv);
    struct vs_inventory_hooks h = {.ctx = NULL, .device_changed = on_device, .alert = on_alert};
    inv = vs_inventory_new(oui, sigs, risk, &h, 64);
    /* A risk device that said something for itself stays; one known by its OUI alone says
     * no more than a spoofed MAC and goes first, risk or not. */
    struct vs_device *hw = vs_inventory_see_mac(inv, huawei_mac, 0, 0);
    add(hw, VS_F_LLDP_SYSTEM_DESCRIPTION,
        "Huawei Versatile Routing Platform Software (S5720 V200R011C10SPC500)", NULL);
    ck_assert_ptr_nonnull(hw->risk);
    static const uint8_t oui_only[6] = {0x00, 0xe0, 0xfc, 0x99, 0x99, 0x99};
    struct vs_device *spoof = vs_inventory_see_mac(inv, oui_only, 0, 1);
    ck_assert_ptr_nonnull(spoof->risk);
    uint8_t m[6] = {0x02, 0, 0, 0, 0, 0};
    for (int i = 0; i < 1000; i++) {
        m[4] = (uint8_t)(i >> 8);
        m[5] = (uint8_t)i;
        ck_assert_ptr_nonnull(vs_inventory_see_mac(inv, m, 1 + i, 0));
    }
    ck_assert_uint_le(vs_inventory_count(inv), 64);
    ck_assert_uint_gt(vs_inventory_evictions(inv), 900);
    ck_assert_ptr_eq(vs_inventory_get_mac(inv, huawei_mac, 0, 0, false), hw);
    ck_assert_ptr_null(vs_inventory_get_mac(inv, oui_only, 0, 0, false));
    /* The newest survive; the oldest are gone. */
    ck_assert_ptr_nonnull(vs_inventory_get_mac(inv, m, 0, 0, false));
    m[4] = 0;
    m[5] = 0;
    ck_assert_ptr_null(vs_inventory_get_mac(inv, m, 0, 0, false));
}
END_TEST

START_TEST(many_devices_hash_table)
{
    uint8_t m[6] = {0x00, 0xe0, 0xfc, 0, 0, 0};
    for (uint32_t i = 0; i < 50000; i++) {
        m[3] = (uint8_t)(i >> 16);
        m[4] = (uint8_t)(i >> 8);
        m[5] = (uint8_t)i;
        vs_inventory_see_mac(inv, m, 1, 0);
    }
    ck_assert_uint_eq(vs_inventory_count(inv), 50000);
    for (uint32_t i = 0; i < 50000; i += 7) {
        m[3] = (uint8_t)(i >> 16);
        m[4] = (uint8_t)(i >> 8);
        m[5] = (uint8_t)i;
        struct vs_device *d = vs_inventory_get_mac(inv, m, 1, 0, false);
        ck_assert_ptr_nonnull(d);
        ck_assert_int_eq(memcmp(d->mac, m, 6), 0);
    }
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    ck_assert_uint_eq(n, 50000);
    free(arr);
}
END_TEST

START_TEST(sorted_puts_risk_first)
{
    vs_inventory_see_mac(inv, cisco_mac, 1, 0);
    vs_inventory_see_mac(inv, laa_mac, 1, 0);
    vs_inventory_see_mac(inv, huawei_mac, 1, 0);
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(arr[0]->vendor, "Huawei");
    ck_assert_str_eq(arr[1]->vendor, "Cisco");
    ck_assert_ptr_null(arr[2]->vendor);
    free(arr);
}
END_TEST

START_TEST(repeating_syslog_formats_are_bounded_per_device)
{
    struct vs_device *d = vs_inventory_see_mac(inv, huawei_mac, 0, 0);
    char v[64];
    for (int i = 0; i < 10; i++) {
        snprintf(v, sizeof v, "bsd %%%%01MOD%d/5/EVENT(s):", i);
        add(d, VS_F_SYSLOG_FORMAT, v, NULL);
    }
    size_t n = 0;
    for (size_t i = 0; i < d->side->nev; i++)
        n += d->side->ev[i].field == VS_F_SYSLOG_FORMAT;
    ck_assert_uint_eq(n, VS_MAX_REPEATING_FIELD_VALUES);
    /* Room is left for what the device says otherwise. */
    ck_assert(add(d, VS_F_LLDP_SYSTEM_NAME, "core-1", NULL));
}
END_TEST

/* n new devices, MACs from base up. */
static void new_devices(struct vs_inventory *v, uint32_t base, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        uint8_t mac[6] = {0x02,
                          0x00,
                          (uint8_t)((base + i) >> 24),
                          (uint8_t)((base + i) >> 16),
                          (uint8_t)((base + i) >> 8),
                          (uint8_t)(base + i)};
        ck_assert_ptr_nonnull(vs_inventory_get_mac(v, mac, 1, 0, true));
    }
}

/* A file whose every packet opens a new device sizes the tables for the whole file after its
 * second batch; one whose devices repeat, or a second file counted from its own start, not. */
START_TEST(expect_sizes_tables_once_per_file)
{
    struct vs_inventory *v = vs_inventory_new(oui, sigs, risk, NULL, 0);
    vs_inventory_expect_begin(v);
    new_devices(v, 0, 1000);
    vs_inventory_expect(v, 1000, 1000000);
    size_t before = v->mt_cap;
    ck_assert_uint_lt(before, 8192);
    new_devices(v, 1000, 1000);
    vs_inventory_expect(v, 2000, 1000000);
    /* Capped at eight times the 2,000 devices seen, at a load of at most 3/4. */
    ck_assert_uint_ge(v->mt_cap * 3, 16000 * 4);
    vs_inventory_free(v);

    v = vs_inventory_new(oui, sigs, risk, NULL, 0);
    vs_inventory_expect_begin(v);
    new_devices(v, 0, 1000);
    vs_inventory_expect(v, 1000, 1000000);
    new_devices(v, 0, 1000); /* the same devices again */
    vs_inventory_expect(v, 2000, 1000000);
    ck_assert_uint_lt(v->mt_cap, 8192);
    /* A second file: its small first batch is not mixed with the first file's count. */
    vs_inventory_expect_begin(v);
    new_devices(v, 5000, 100);
    vs_inventory_expect(v, 100, 1000000);
    new_devices(v, 5100, 100);
    vs_inventory_expect(v, 200, 1000000);
    ck_assert_uint_ge(v->mt_cap * 3, 8 * 1200 * 4);
    vs_inventory_free(v);
}
END_TEST

/* --workers: two workers' inventories (quiet, no hooks) folded into the reporting one. */
static struct vs_inventory *worker_inv(void)
{
    struct vs_inventory *w = vs_inventory_new(oui, sigs, risk, NULL, 0);
    ck_assert_ptr_nonnull(w);
    vs_inventory_set_quiet(w, true);
    return w;
}

static void wadd(struct vs_inventory *w, struct vs_device *d, enum vs_field f, const char *v,
                 const struct vs_ip *via, int64_t sec)
{
    struct vs_evidence ev = {f, (const uint8_t *)v, strlen(v), NULL, NULL, 0};
    if (vs_inventory_add_evidence(w, d, &ev, via, sec, 0))
        vs_inventory_attribute(w, d, sec, 0);
}

START_TEST(absorb_merges_workers_once)
{
    struct vs_inventory *w1 = worker_inv(), *w2 = worker_inv();
    bool done;
    /* A Cisco-OUI MAC on worker 1, its Huawei announcement on worker 2 (the split the flow
     * hash can make); a routed ZTE host seen through worker 1 and worker 2. */
    struct vs_device *a1 = vs_inventory_see_mac(w1, cisco_mac, 10, 0);
    vs_inventory_see_mac(w1, cisco_mac, 11, 0);
    struct vs_device *a2 = vs_inventory_see_mac(w2, cisco_mac, 5, 0);
    wadd(w2, a2, VS_F_LLDP_SYSTEM_DESCRIPTION,
         "Huawei Versatile Routing Platform Software (S5720 V200R011C10SPC500)", NULL, 5);
    (void)a1;
    struct vs_ip host = ip4(10, 9, 9, 9);
    struct vs_device *h1 = vs_identity_for_ip(w1, &host, NULL, 20, 0);
    wadd(w1, h1, VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software", &host, 20);
    struct vs_device *h2 = vs_identity_for_ip(w2, &host, NULL, 30, 0);
    wadd(w2, h2, VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software", &host, 30);
    ck_assert_int_eq(n_device_events + n_alerts, 0); /* the workers say nothing */

    ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 0, &done), 2);
    ck_assert_uint_eq(vs_inventory_absorb(inv, w2, 0, &done), 2);
    ck_assert_uint_eq(vs_inventory_count(inv), 2);
    struct vs_device *m = vs_inventory_get_mac(inv, cisco_mac, 0, 0, false);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->vendor, "Huawei"); /* one attribution over both workers' evidence */
    ck_assert_uint_eq(m->packets, 3);
    ck_assert_int_eq(m->first_sec, 5);
    ck_assert_int_eq(m->last_sec, 11);
    struct vs_device *h = vs_identity_find_ip(inv, &host);
    ck_assert_ptr_nonnull(h);
    ck_assert_str_eq(h->vendor, "ZTE");
    ck_assert_uint_eq(h->packets, 2);
    ck_assert_uint_eq(h->side->nev, 1); /* the same value from both: deduplicated */
    /* Huawei (the Cisco-OUI switch) and ZTE: one alert each, not one per worker. */
    ck_assert_int_eq(n_alerts, 2);
    int events = n_device_events;

    /* Nothing new: nothing taken, no event; then more packets are handed over once. */
    ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 0, &done), 0);
    ck_assert_uint_eq(vs_inventory_absorb(inv, w2, 0, &done), 0);
    for (int i = 0; i < 4; i++)
        vs_inventory_see_mac(w1, cisco_mac, 40 + i, 0);
    ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 0, &done), 1);
    ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 0, &done), 0);
    ck_assert_uint_eq(m->packets, 7);
    ck_assert_int_eq(m->last_sec, 43);
    ck_assert_int_eq(n_device_events, events);
    ck_assert_int_eq(n_alerts, 2);
    ck_assert(done);

    /* A bounded fold takes at most its budget and goes on where it stopped. */
    uint8_t m2[6] = {0x00, 0x19, 0xc6, 0, 0, 0};
    for (int i = 0; i < 10; i++) {
        m2[5] = (uint8_t)i;
        vs_inventory_see_mac(w1, m2, 50, 0);
    }
    size_t before = vs_inventory_count(inv), got = 0;
    for (int k = 0; k < 3; k++) {
        ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 3, &done), 3);
        ck_assert(!done);
        got += 3;
    }
    got += vs_inventory_absorb(inv, w1, 3, &done);
    ck_assert_uint_eq(got, 10);
    ck_assert_uint_eq(vs_inventory_absorb(inv, w1, 3, &done), 0);
    ck_assert(done);
    ck_assert_uint_eq(vs_inventory_count(inv), before + 10);
    vs_inventory_free(w1);
    vs_inventory_free(w2);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("inventory");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, oui_only_device_is_attributed_weakly_and_alerts_once);
    tcase_add_test(tc, laa_mac_has_no_vendor);
    tcase_add_test(tc, protocol_evidence_outweighs_oui);
    tcase_add_test(tc, specific_model_refines_a_heavier_family);
    tcase_add_test(tc, model_refinement_needs_weight_and_a_boundary);
    tcase_add_test(tc, evidence_is_deduplicated_and_bounded);
    tcase_add_test(tc, routed_evidence_goes_to_the_ip_host_not_the_router);
    tcase_add_test(tc, binding_merges_ip_device_into_mac_device);
    tcase_add_test(tc, vendor_change_alerts_again_but_never_twice);
    tcase_add_test(tc, vlans_and_ips_are_recorded_once);
    tcase_add_test(tc, eviction_keeps_risk_devices);
    tcase_add_test(tc, many_devices_hash_table);
    tcase_add_test(tc, sorted_puts_risk_first);
    tcase_add_test(tc, repeating_syslog_formats_are_bounded_per_device);
    tcase_add_test(tc, absorb_merges_workers_once);
    tcase_add_test(tc, expect_sizes_tables_once_per_file);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
