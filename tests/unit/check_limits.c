/* SPDX-License-Identifier: BSD-2-Clause */
/* check_limits.c - the bounds of include/vendorsniff/limits.h that no module suite already
 * exceeds: evidence items per frame, IPs and aliases per device, alert history per device,
 * VLAN tags per frame, and encapsulation depth through the whole pipeline. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/link.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/risk.h"

static struct vs_inventory *inv;

static void setup(void)
{
    inv = vs_inventory_new(NULL, NULL, NULL, NULL, 0);
}

static void teardown(void)
{
    vs_inventory_free(inv);
}

static const uint8_t laa[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

START_TEST(ips_per_device)
{
    struct vs_device *d = vs_inventory_see_mac(inv, laa, 1, 0);
    /* IPv6 link-local addresses never make a gateway, so they only fill the list. */
    for (int i = 0; i < VS_MAX_IPS_PER_DEVICE * 4; i++) {
        struct vs_ip ip;
        memset(&ip, 0, sizeof ip);
        ip.family = 6;
        ip.a[0] = 0xfe;
        ip.a[1] = 0x80;
        ip.a[15] = (uint8_t)i;
        vs_identity_note_ip(inv, d, &ip);
    }
    ck_assert_uint_eq(d->nips, VS_MAX_IPS_PER_DEVICE);
    ck_assert(d->flags & VS_DEV_IPS_FULL);
}
END_TEST

START_TEST(aliases_per_device)
{
    struct vs_device *chassis = vs_inventory_see_mac(inv, laa, 1, 0);
    uint8_t port[6] = {0x02, 0x00, 0x00, 0x00, 0x01, 0x00};
    for (int i = 0; i < VS_MAX_ALIASES * 3; i++) {
        port[5] = (uint8_t)i;
        vs_identity_alias_mac(inv, chassis, port, 2, 0);
    }
    ck_assert_uint_eq(chassis->side->naliases, VS_MAX_ALIASES);
    /* Aliased ports find the chassis; the ones past the bound are devices of their own. */
    port[5] = 0;
    ck_assert_ptr_eq(vs_inventory_get_mac(inv, port, 3, 0, false), chassis);
    port[5] = VS_MAX_ALIASES * 3 - 1;
    ck_assert_ptr_null(vs_inventory_get_mac(inv, port, 3, 0, false));
}
END_TEST

START_TEST(alert_history_per_device)
{
    struct vs_device *d = vs_inventory_see_mac(inv, laa, 1, 0);
    char rule[32];
    for (int i = 0; i < VS_MAX_ALERTS_PER_DEVICE * 3; i++) {
        snprintf(rule, sizeof rule, "r%d", i);
        vs_inventory_restore_alert(inv, d, rule, "Vendor");
    }
    ck_assert_uint_eq(d->side->nalerts, VS_MAX_ALERTS_PER_DEVICE);
    /* The newest are kept: they are what de-duplicates the next alert. */
    snprintf(rule, sizeof rule, "r%d", VS_MAX_ALERTS_PER_DEVICE * 3 - 1);
    ck_assert_str_eq(d->side->alerts[d->side->nalerts - 1].rule_id, rule);
}
END_TEST

/* An LLDP frame with more TLVs than one frame may yield evidence for. */
START_TEST(evidence_per_frame)
{
    uint8_t f[9000];
    size_t n = 0;
    const uint8_t hdr[] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e, 0x02,
                           0x00, 0x00, 0x00, 0x00, 0x07, 0x88, 0xcc};
    memcpy(f, hdr, sizeof hdr);
    n = sizeof hdr;
    const uint8_t mandatory[] = {0x02, 0x07, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x07, /* chassis */
                                 0x04, 0x02, 0x07, 0x31,  /* port "1" */
                                 0x06, 0x02, 0x00, 0x78}; /* TTL */
    memcpy(f + n, mandatory, sizeof mandatory);
    n += sizeof mandatory;
    for (int i = 0; i < VS_MAX_EVIDENCE_PER_FRAME * 2 && n + 8 < sizeof f; i++) {
        /* port description TLVs, each a distinct value */
        f[n++] = 0x08;
        f[n++] = 0x04;
        f[n++] = (uint8_t)('a' + i % 26);
        f[n++] = (uint8_t)('a' + (i / 26) % 26);
        f[n++] = (uint8_t)('0' + i % 10);
        f[n++] = 'x';
    }
    f[n++] = 0;
    f[n++] = 0;
    struct vs_pipeline *p = vs_pipeline_new(inv);
    vs_pipeline_frame(p, VS_DLT_EN10MB, 1, 0, f, n, n);
    uint8_t chassis[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x07};
    struct vs_device *d = vs_inventory_get_mac(inv, chassis, 1, 0, false);
    ck_assert_ptr_nonnull(d);
    /* Bounded twice: per frame (the rest is counted, not kept), then per device. The frame
     * yields a chassis ID, a port ID and the port descriptions (the TTL yields nothing). */
    ck_assert_uint_eq(vs_pipeline_stats(p)->evidence_dropped,
                      (uint64_t)(2 + VS_MAX_EVIDENCE_PER_FRAME * 2 - VS_MAX_EVIDENCE_PER_FRAME));
    ck_assert_uint_eq(d->side->nev, VS_MAX_EVIDENCE_PER_DEVICE);
    vs_pipeline_free(p);
}
END_TEST

/* VLAN tags beyond VS_MAX_FRAME_VLANS are walked but not recorded; tags beyond the
 * encapsulation depth make the frame malformed, counted, never a crash. */
START_TEST(vlan_tags_and_depth)
{
    uint8_t f[256];
    size_t n = 0;
    const uint8_t macs[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x09};
    memcpy(f, macs, sizeof macs);
    n = sizeof macs;
    for (int i = 0; i < VS_MAX_FRAME_VLANS + 2; i++) {
        f[n++] = 0x81;
        f[n++] = 0x00;
        f[n++] = 0x00;
        f[n++] = (uint8_t)(10 + i);
    }
    f[n++] = 0x08;
    f[n++] = 0x06; /* ARP, empty */
    struct vs_pipeline *p = vs_pipeline_new(inv);
    vs_pipeline_frame(p, VS_DLT_EN10MB, 1, 0, f, n, n);
    uint8_t src[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x09};
    struct vs_device *d = vs_inventory_get_mac(inv, src, 1, 0, false);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(d->nvlans, VS_MAX_FRAME_VLANS);
    ck_assert_uint_eq(vs_device_vlans(d)[0], 10);

    n = sizeof macs;
    for (int i = 0; i < VS_MAX_ENCAP_DEPTH + 4; i++) {
        f[n++] = 0x81;
        f[n++] = 0x00;
        f[n++] = 0x00;
        f[n++] = 0x05;
    }
    f[n++] = 0x08;
    f[n++] = 0x00;
    vs_pipeline_frame(p, VS_DLT_EN10MB, 2, 0, f, n, n);
    ck_assert_uint_ge(vs_stats_decode_errors(vs_pipeline_stats(p)), 1);
    vs_pipeline_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, ips_per_device);
    tcase_add_test(tc, aliases_per_device);
    tcase_add_test(tc, alert_history_per_device);
    tcase_add_test(tc, evidence_per_frame);
    tcase_add_test(tc, vlan_tags_and_depth);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
