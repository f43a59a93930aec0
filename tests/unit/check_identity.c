/* SPDX-License-Identifier: BSD-2-Clause */
/* check_identity.c - which device evidence belongs to (src/inventory/identity.c): the
 * frame's sender, LLDP chassis and port MACs, the DHCP client, bindings, and IP hosts
 * behind routers and gateways. Crafted packet contexts, no decoders. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/identity.h"
#include "vendorsniff/inventory.h"

static struct vs_inventory *inv;

static const uint8_t HOST[6] = {0x00, 0xe0, 0xfc, 0x00, 0x00, 0x01};
static const uint8_t ROUTER[6] = {0x00, 0x00, 0x0c, 0x00, 0x00, 0x02};
static const uint8_t CHASSIS[6] = {0x00, 0xe0, 0xfc, 0x00, 0x00, 0x10};
static const uint8_t PORT[6] = {0x00, 0xe0, 0xfc, 0x00, 0x00, 0x11};
static const uint8_t CLIENT[6] = {0x00, 0x1e, 0x73, 0x00, 0x00, 0x20};

static void setup(void)
{
    inv = vs_inventory_new(NULL, NULL, NULL, NULL, 0);
}
static void teardown(void)
{
    vs_inventory_free(inv);
}

static struct vs_ip ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    struct vs_ip ip;
    const uint8_t x[4] = {a, b, c, d};
    vs_ip_from4(&ip, x);
    return ip;
}

/* An IPv4 frame from mac (NULL: no MAC layer) sent by src with this TTL. */
static struct vs_pkt frame(const uint8_t *mac, struct vs_ip src, uint8_t ttl)
{
    struct vs_pkt p;
    memset(&p, 0, sizeof p);
    p.ts_sec = 1000;
    p.src_mac = mac;
    p.src_ip = src;
    p.dst_ip = ip4(192, 0, 2, 99);
    p.ttl = ttl;
    p.ip_proto = 17;
    return p;
}

static struct vs_evidence text_ev(enum vs_field f, const char *v)
{
    struct vs_evidence ev = {f, (const uint8_t *)v, strlen(v), NULL, NULL, 0};
    return ev;
}

static bool has_ev(const struct vs_device *d, enum vs_field f)
{
    for (size_t i = 0; i < d->side->nev; i++)
        if (d->side->ev[i].field == f)
            return true;
    return false;
}

START_TEST(direct_routed_evidence_describes_the_senders_mac)
{
    struct vs_ip a = ip4(10, 0, 0, 1);
    struct vs_pkt p = frame(HOST, a, 64);
    struct vs_device *src = vs_identity_sender(inv, &p);
    ck_assert_ptr_nonnull(src);
    struct vs_evidence ev = text_ev(VS_F_SSH_BANNER, "SSH-2.0-HUAWEI-1.5");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert(has_ev(src, VS_F_SSH_BANNER));
    ck_assert_uint_eq(vs_inventory_count(inv), 1);
    ck_assert(!(src->flags & VS_DEV_ROUTER));
}
END_TEST

START_TEST(a_hop_means_the_evidence_is_the_ip_hosts_and_the_mac_routes)
{
    struct vs_ip far = ip4(172, 16, 5, 9);
    struct vs_pkt p = frame(ROUTER, far, 63);
    struct vs_device *src = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert(src->flags & VS_DEV_ROUTER);
    ck_assert(!has_ev(src, VS_F_SNMP_SYS_DESCR));
    struct vs_device *host = vs_identity_find_ip(inv, &far);
    ck_assert_ptr_nonnull(host);
    ck_assert_ptr_ne(host, src);
    ck_assert(!(host->flags & VS_DEV_HAS_MAC));
    ck_assert(has_ev(host, VS_F_SNMP_SYS_DESCR));
    /* Later packets of that host through the router are counted on the host. */
    uint64_t before = host->packets;
    vs_identity_sender(inv, &p);
    ck_assert_uint_eq(host->packets, before + 1);
}
END_TEST

START_TEST(mpls_transit_is_routed_whatever_the_ttl)
{
    struct vs_ip far = ip4(172, 16, 5, 10);
    struct vs_pkt p = frame(ROUTER, far, 64);
    p.mpls = true;
    struct vs_device *src = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_SSH_BANNER, "SSH-2.0-ZTE_SSH.2.0");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert(!has_ev(src, VS_F_SSH_BANNER));
    ck_assert_ptr_nonnull(vs_identity_find_ip(inv, &far));
}
END_TEST

START_TEST(a_mac_sourcing_three_addresses_is_a_gateway_and_loses_routed_evidence)
{
    struct vs_ip a = ip4(10, 1, 0, 1);
    struct vs_pkt p = frame(ROUTER, a, 64);
    struct vs_device *src = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_HTTP_SERVER, "Huawei-HTTP");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert(has_ev(src, VS_F_HTTP_SERVER));
    for (uint8_t k = 2; k < 2 + VS_GATEWAY_IP_THRESHOLD; k++) {
        struct vs_pkt q = frame(ROUTER, ip4(10, 1, 0, k), 64);
        vs_identity_sender(inv, &q);
    }
    ck_assert(src->flags & VS_DEV_GATEWAY);
    /* The banner moved to the host that really sent it. */
    ck_assert(!has_ev(src, VS_F_HTTP_SERVER));
    struct vs_device *host = vs_identity_find_ip(inv, &a);
    ck_assert_ptr_nonnull(host);
    ck_assert_ptr_ne(host, src);
    ck_assert(has_ev(host, VS_F_HTTP_SERVER));
}
END_TEST

START_TEST(lldp_chassis_mac_keys_the_device_and_folds_the_port_mac)
{
    struct vs_pkt p = frame(PORT, ip4(0, 0, 0, 0), 0);
    p.src_ip.family = 0;
    struct vs_device *port = vs_identity_sender(inv, &p);
    ck_assert_ptr_nonnull(port);
    struct vs_evidence ev[2] = {text_ev(VS_F_LLDP_CHASSIS_ID, "00:e0:fc:00:00:10"),
                                text_ev(VS_F_LLDP_SYSTEM_NAME, "core-sw-01")};
    ev[0].mac = CHASSIS;
    vs_identity_deliver(inv, VS_SUBJ_LINK, &p, port, ev, 2);
    struct vs_device *c = vs_inventory_get_mac(inv, CHASSIS, 0, 0, false);
    ck_assert_ptr_nonnull(c);
    ck_assert(has_ev(c, VS_F_LLDP_SYSTEM_NAME));
    /* The port MAC now finds the chassis: one device, not two. */
    ck_assert_ptr_eq(vs_inventory_get_mac(inv, PORT, 0, 0, false), c);
    ck_assert_uint_eq(vs_inventory_count(inv), 1);
}
END_TEST

START_TEST(dhcp_evidence_goes_to_the_client_hardware_address)
{
    /* A relay forwards the client's DISCOVER: the frame's MAC is the relay's. */
    struct vs_pkt p = frame(ROUTER, ip4(10, 2, 0, 1), 64);
    struct vs_device *relay = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_DHCP_VENDOR_CLASS, "HUAWEI:android:PHONE");
    ev.mac = CLIENT;
    vs_identity_deliver(inv, VS_SUBJ_CLIENT, &p, relay, &ev, 1);
    struct vs_device *cl = vs_inventory_get_mac(inv, CLIENT, 0, 0, false);
    ck_assert_ptr_nonnull(cl);
    ck_assert(has_ev(cl, VS_F_DHCP_VENDOR_CLASS));
    ck_assert(!has_ev(relay, VS_F_DHCP_VENDOR_CLASS));
}
END_TEST

START_TEST(an_arp_binding_folds_the_ip_keyed_device_into_the_mac)
{
    struct vs_ip far = ip4(172, 16, 7, 7);
    struct vs_pkt p = frame(ROUTER, far, 63);
    struct vs_device *src = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_SNMP_SYS_NAME, "pgw-01");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert_uint_eq(vs_inventory_count(inv), 2);
    /* The host turns out to be on this link: ARP says far is at HOST. */
    struct vs_evidence arp = text_ev(VS_F_ARP_ADDRESS, "172.16.7.7");
    arp.mac = HOST;
    arp.ip = &far;
    struct vs_pkt q = frame(HOST, far, 64);
    q.src_ip.family = 0;
    vs_identity_deliver(inv, VS_SUBJ_BIND, &q, NULL, &arp, 1);
    struct vs_device *h = vs_inventory_get_mac(inv, HOST, 0, 0, false);
    ck_assert_ptr_nonnull(h);
    ck_assert(has_ev(h, VS_F_SNMP_SYS_NAME));
    ck_assert_ptr_eq(vs_identity_find_ip(inv, &far), h);
    ck_assert_uint_eq(vs_inventory_count(inv), 2); /* router + host, no MAC-less twin */
}
END_TEST

START_TEST(a_group_mac_is_never_a_sender)
{
    static const uint8_t mcast[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};
    struct vs_pkt p = frame(mcast, ip4(10, 3, 0, 1), 64);
    ck_assert_ptr_null(vs_identity_sender(inv, &p));
    ck_assert_uint_eq(vs_inventory_count(inv), 0);
}
END_TEST

START_TEST(stp_root_id_is_another_switch)
{
    struct vs_pkt p = frame(HOST, ip4(0, 0, 0, 0), 0);
    p.src_ip.family = 0;
    struct vs_device *src = vs_identity_sender(inv, &p);
    struct vs_evidence ev = text_ev(VS_F_STP_ROOT_ID, "4096/00:00:0c:00:00:99");
    vs_identity_deliver(inv, VS_SUBJ_LINK, &p, src, &ev, 1);
    ck_assert(!has_ev(src, VS_F_STP_ROOT_ID));
}
END_TEST

START_TEST(peers_behind_a_router_belong_to_the_known_host_only)
{
    struct vs_ip far = ip4(172, 16, 8, 8);
    struct vs_pkt p = frame(ROUTER, far, 63);
    struct vs_device *src = vs_identity_sender(inv, &p);
    ck_assert_ptr_null(vs_identity_talker(inv, &p, src)); /* host unknown: nobody */
    struct vs_evidence ev = text_ev(VS_F_SSH_BANNER, "SSH-2.0-OpenSSH_8.0");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &p, src, &ev, 1);
    ck_assert_ptr_eq(vs_identity_talker(inv, &p, src), vs_identity_find_ip(inv, &far));
    struct vs_pkt d = frame(HOST, ip4(10, 4, 0, 1), 64);
    struct vs_device *h = vs_identity_sender(inv, &d);
    ck_assert_ptr_eq(vs_identity_talker(inv, &d, h), h);
}
END_TEST

START_TEST(a_host_known_by_mac_takes_its_routed_evidence_no_twin)
{
    /* A span port on a router sees a host on its own segment (TTL 64, its MAC) and the same
     * host's traffic routed to another VLAN (the router's MAC, TTL 63). */
    struct vs_ip a = ip4(10, 9, 0, 5);
    struct vs_pkt direct = frame(HOST, a, 64);
    struct vs_device *h = vs_identity_sender(inv, &direct);
    struct vs_pkt routed = frame(ROUTER, a, 63);
    struct vs_device *r = vs_identity_sender(inv, &routed);
    struct vs_evidence ev = text_ev(VS_F_SNMP_SYS_DESCR, "ZTE ZXR10 Software");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &routed, r, &ev, 1);
    ck_assert(has_ev(h, VS_F_SNMP_SYS_DESCR));
    ck_assert_uint_eq(vs_inventory_count(inv), 2); /* host and router, no MAC-less twin */

    /* The other order: routed evidence first makes an IP-keyed device, which the host's
     * own frame then folds into its MAC device. */
    struct vs_ip b = ip4(10, 9, 0, 6);
    struct vs_pkt routed2 = frame(ROUTER, b, 63);
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &routed2, r, &ev, 1);
    ck_assert_uint_eq(vs_inventory_count(inv), 3);
    struct vs_pkt direct2 = frame(CLIENT, b, 64);
    struct vs_device *c = vs_identity_sender(inv, &direct2);
    ck_assert_uint_eq(vs_inventory_count(inv), 3);
    ck_assert(has_ev(c, VS_F_SNMP_SYS_DESCR));
    ck_assert_ptr_eq(vs_identity_find_ip(inv, &b), c);
}
END_TEST

START_TEST(a_diameter_peer_binds_the_addresses_it_lists)
{
    /* An HSS behind a router speaks from 10.20.0.21 and lists 10.20.1.21 as its own too;
     * traffic from the second address seen first made a device of its own. */
    struct vs_ip a = ip4(10, 20, 0, 21), b = ip4(10, 20, 1, 21);
    struct vs_pkt pb = frame(ROUTER, b, 63);
    struct vs_device *r = vs_identity_sender(inv, &pb);
    struct vs_evidence e1 = text_ev(VS_F_DIAMETER_ORIGIN_HOST, "hss01.example");
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &pb, r, &e1, 1);
    ck_assert_ptr_nonnull(vs_identity_find_ip(inv, &b));
    struct vs_pkt pa = frame(ROUTER, a, 63);
    struct vs_evidence ev[2] = {text_ev(VS_F_DIAMETER_HOST_IP_ADDRESS, "10.20.0.21"),
                                text_ev(VS_F_DIAMETER_HOST_IP_ADDRESS, "10.20.1.21")};
    ev[0].ip = &a;
    ev[1].ip = &b;
    vs_identity_deliver(inv, VS_SUBJ_ROUTED, &pa, r, ev, 2);
    struct vs_device *d = vs_identity_find_ip(inv, &a);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_eq(vs_identity_find_ip(inv, &b), d); /* one device, both addresses */
    ck_assert(has_ev(d, VS_F_DIAMETER_ORIGIN_HOST));   /* the twin folded in */
    ck_assert_uint_eq(vs_inventory_count(inv), 2);     /* the router and the HSS */
    ck_assert(!has_ev(r, VS_F_DIAMETER_HOST_IP_ADDRESS));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("identity");
    TCase *t = tcase_create("keying");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, direct_routed_evidence_describes_the_senders_mac);
    tcase_add_test(t, a_hop_means_the_evidence_is_the_ip_hosts_and_the_mac_routes);
    tcase_add_test(t, mpls_transit_is_routed_whatever_the_ttl);
    tcase_add_test(t, a_mac_sourcing_three_addresses_is_a_gateway_and_loses_routed_evidence);
    tcase_add_test(t, lldp_chassis_mac_keys_the_device_and_folds_the_port_mac);
    tcase_add_test(t, dhcp_evidence_goes_to_the_client_hardware_address);
    tcase_add_test(t, an_arp_binding_folds_the_ip_keyed_device_into_the_mac);
    tcase_add_test(t, a_group_mac_is_never_a_sender);
    tcase_add_test(t, stp_root_id_is_another_switch);
    tcase_add_test(t, peers_behind_a_router_belong_to_the_known_host_only);
    tcase_add_test(t, a_host_known_by_mac_takes_its_routed_evidence_no_twin);
    tcase_add_test(t, a_diameter_peer_binds_the_addresses_it_lists);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
