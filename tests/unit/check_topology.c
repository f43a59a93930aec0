/* SPDX-License-Identifier: BSD-2-Clause */
/* check_topology.c - attachments (src/inventory/topology.c): a switch's one port on the
 * segment its announcements were heard on; lldp-neighbour for a second speaker alone with it,
 * same-segment for the rest; nothing at all when two switches share the segment, when a
 * switch announced several ports or on several segments, or for devices known by IP. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/topology.h"

static struct tu_world w;

static struct vs_device *dev(uint8_t last, int vlan)
{
    const uint8_t mac[6] = {0x02, 0, 0, 0, 0, last};
    struct vs_device *d = vs_inventory_see_mac(w.inv, mac, 1000, 0);
    ck_assert_ptr_nonnull(d);
    if (vlan >= 0)
        vs_inventory_note_vlan(w.inv, d, (uint16_t)vlan);
    return d;
}

/* A discovery speaker: its port, capabilities, and where it was heard (vlan -1 untagged). */
static struct vs_device *speaker(uint8_t last, int vlan, const char *port, const char *caps)
{
    struct vs_device *d = dev(last, vlan);
    tu_world_add(&w, d, VS_F_LLDP_PORT_ID, port, NULL, 1000);
    if (caps)
        tu_world_add(&w, d, VS_F_LLDP_CAPABILITIES, caps, NULL, 1000);
    d->side->disc_seen = vlan >= 0 ? VS_DISC_VLAN : VS_DISC_UNTAGGED;
    d->side->disc_vlan = vlan >= 0 ? (uint16_t)vlan : 0;
    return d;
}

static void setup(void)
{
    tu_world_open(&w, NULL);
}

static void teardown(void)
{
    tu_world_close(&w);
}

START_TEST(host_on_the_switch_port_segment_is_same_segment)
{
    struct vs_device *sw = speaker(1, 10, "Gi1/0/7", "Bridge");
    struct vs_device *host = dev(2, 10), *other = dev(3, 20), *untagged = dev(4, -1);
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    const struct vs_attach *a = vs_topology_find(&t, host);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(a->sw, sw);
    ck_assert_str_eq(a->port, "Gi1/0/7");
    ck_assert_int_eq(a->vlan, 10);
    ck_assert_int_eq(a->how, VS_ATTACH_SEGMENT);
    ck_assert(a->certainty == VS_ATTACH_CERTAINTY_SEGMENT);
    ck_assert_ptr_null(vs_topology_find(&t, other));
    ck_assert_ptr_null(vs_topology_find(&t, untagged)); /* the switch spoke tagged, not native */
    ck_assert_ptr_null(vs_topology_find(&t, sw));
    vs_topology_free(&t);
}
END_TEST

START_TEST(lone_second_speaker_is_the_neighbour_with_its_own_port)
{
    struct vs_device *sw = speaker(1, -1, "10GE1/0/1", "Bridge,Router");
    struct vs_device *phone = speaker(2, -1, "WAN PORT", "Telephone");
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    const struct vs_attach *a = vs_topology_find(&t, phone);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(a->sw, sw);
    ck_assert_int_eq(a->how, VS_ATTACH_NEIGHBOUR);
    ck_assert_str_eq(a->local_port, "WAN PORT");
    ck_assert_int_eq(a->vlan, -1);
    ck_assert_ptr_null(vs_topology_find(&t, sw)); /* a phone is not a switch */
    /* a third speaker: the phone is only on the segment now */
    (void)speaker(3, -1, "1", "Telephone");
    vs_topology_free(&t);
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    a = vs_topology_find(&t, phone);
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(a->how, VS_ATTACH_SEGMENT);
    vs_topology_free(&t);
}
END_TEST

START_TEST(two_switches_on_one_segment_attach_nothing)
{
    struct vs_device *s1 = speaker(1, 10, "Gi1/0/1", "Bridge");
    struct vs_device *s2 = speaker(2, 10, "ge-0/0/1", "Bridge");
    struct vs_device *host = dev(3, 10);
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    ck_assert_ptr_null(vs_topology_find(&t, host));
    /* the two switches see one switch each: a link between them */
    const struct vs_attach *a = vs_topology_find(&t, s1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(a->sw, s2);
    vs_topology_free(&t);
}
END_TEST

START_TEST(stp_bridge_beside_the_switch_makes_it_ambiguous)
{
    (void)speaker(1, 10, "Gi1/0/1", "Bridge");
    struct vs_device *br = dev(2, 10);
    tu_world_add(&w, br, VS_F_STP_BRIDGE_ID, "32768/02:00:00:00:00:02", NULL, 1000);
    br->side->disc_seen = VS_DISC_VLAN;
    br->side->disc_vlan = 10;
    struct vs_device *host = dev(3, 10);
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    ck_assert_ptr_null(vs_topology_find(&t, host));
    vs_topology_free(&t);
}
END_TEST

START_TEST(switch_with_several_ports_or_segments_attaches_nothing)
{
    struct vs_device *sw = speaker(1, 10, "Gi1/0/1", "Bridge");
    tu_world_add(&w, sw, VS_F_LLDP_PORT_ID, "Gi1/0/2", NULL, 1001);
    struct vs_device *host = dev(2, 10);
    struct vs_device *sw2 = speaker(3, 20, "Gi2/0/1", "Switch");
    sw2->side->disc_seen = VS_DISC_SEVERAL;
    struct vs_device *host2 = dev(4, 20);
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    ck_assert_ptr_null(vs_topology_find(&t, host));
    ck_assert_ptr_null(vs_topology_find(&t, host2));
    vs_topology_free(&t);
}
END_TEST

START_TEST(empty_inventory_has_no_attachment)
{
    struct vs_topology t;
    ck_assert_int_eq(vs_topology_build(w.inv, &t), 0);
    ck_assert_uint_eq(t.n, 0);
    ck_assert_ptr_null(vs_topology_find(&t, NULL));
    vs_topology_free(&t);
    ck_assert_int_eq(vs_topology_format("a.graphml"), 0);
    ck_assert_int_eq(vs_topology_format("a.dot"), 1);
    ck_assert_int_eq(vs_topology_format("a.svg"), -1);
    ck_assert_int_eq(vs_topology_format(".dot"), -1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("topology");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, host_on_the_switch_port_segment_is_same_segment);
    tcase_add_test(tc, lone_second_speaker_is_the_neighbour_with_its_own_port);
    tcase_add_test(tc, two_switches_on_one_segment_attach_nothing);
    tcase_add_test(tc, stp_bridge_beside_the_switch_makes_it_ambiguous);
    tcase_add_test(tc, switch_with_several_ports_or_segments_attaches_nothing);
    tcase_add_test(tc, empty_inventory_has_no_attachment);
    suite_add_tcase(s, tc);
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
