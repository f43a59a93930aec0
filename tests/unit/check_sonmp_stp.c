/* SPDX-License-Identifier: BSD-2-Clause */
/* check_sonmp_stp.c - SONMP (Nortel topology hello) and spanning-tree BPDU decoder tests:
 * real PDUs from the corpus, truncation at every byte, crafted values and corpus replay. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disc_walk.h"
#include "testutil.h"
#include "vendorsniff/dissect.h"


/* ---- evidence helpers --------------------------------------------------------------- */
static struct tu_collector col;

static enum vs_decode_status decode(vs_dissect_fn fn, const uint8_t *buf, size_t n)
{
    return tu_decode_into(fn, buf, n, &col);
}

#define EXPECT(f, v) TU_EXPECT(&col, f, v)

/* ---- real PDUs -------------------------------------------------------------------------- */

/* tcpdump erspan-type-ii-3.pcap frame 3 (mirrored in ERSPAN II + 802.1Q): Nortel Ethernet
 * Switch 3510-24T flatnet hello, after SNAP 000081/01a1. */
/* clang-format off */
static const uint8_t sonmp_3510[] = {
    /* IP address 0.0.0.0 */
    0x00, 0x00, 0x00, 0x00,
    /* segment ID 0x000115 */
    0x00, 0x01, 0x15,
    /* chassis type 131, backplane type 12, state 2, links 0 */
    0x83, 0x0c, 0x02, 0x00,
};
/* clang-format on */

/* The same capture, frame 1: the 3510's 802.1D configuration BPDU (after LLC 42/42/03). */
/* clang-format off */
static const uint8_t stp_nortel[] = {
    /* protocol 0x0000, version 0, type 0x00, flags 0x00 */
    0x00, 0x00, 0x00, 0x00, 0x00,
    /* root ID 32768/00:19:69:df:dc:01 */
    0x80, 0x00, 0x00, 0x19, 0x69, 0xdf, 0xdc, 0x01,
    /* root path cost 0 */
    0x00, 0x00, 0x00, 0x00,
    /* bridge ID 32768/00:19:69:df:dc:01 */
    0x80, 0x00, 0x00, 0x19, 0x69, 0xdf, 0xdc, 0x01,
    /* port 0x8015, message age, max age, hello, forward delay (1/256 s) */
    0x80, 0x15, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
};
/* clang-format on */

/* tcpdump various_gre.pcap frame 2: Cisco IOL switch PVST+ BPDU for VLAN 1213 (SNAP
 * 00000c/010b), priority 32768 + system ID extension. */
/* clang-format off */
static const uint8_t stp_pvst[] = {
    /* protocol 0x0000, version 0, type 0x00, flags 0x00 */
    0x00, 0x00, 0x00, 0x00, 0x00,
    /* root ID 33981/aa:bb:cc:00:03:00 */
    0x84, 0xbd, 0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x00,
    /* root path cost 0 */
    0x00, 0x00, 0x00, 0x00,
    /* bridge ID 33981/aa:bb:cc:00:03:00 */
    0x84, 0xbd, 0xaa, 0xbb, 0xcc, 0x00, 0x03, 0x00,
    /* port 0x8002, message age, max age, hello, forward delay (1/256 s) */
    0x80, 0x02, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
    /* trailing: PVST+ originating VLAN TLV */
    0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0xbd,
};
/* clang-format on */

/* suricata-verify enip_cip_example.pcap frame 5: RSTP BPDU, priority 32768 + VLAN 3. */
/* clang-format off */
static const uint8_t stp_rstp[] = {
    /* protocol 0x0000, version 2, type 0x02, flags 0x3c */
    0x00, 0x00, 0x02, 0x02, 0x3c,
    /* root ID 32771/00:1e:f6:73:59:80 */
    0x80, 0x03, 0x00, 0x1e, 0xf6, 0x73, 0x59, 0x80,
    /* root path cost 0 */
    0x00, 0x00, 0x00, 0x00,
    /* bridge ID 32771/00:1e:f6:73:59:80 */
    0x80, 0x03, 0x00, 0x1e, 0xf6, 0x73, 0x59, 0x80,
    /* port 0x8001, message age, max age, hello, forward delay (1/256 s) */
    0x80, 0x01, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
    /* version 1 length 0 */
    0x00,
};
/* clang-format on */

/* tcpdump evb.pcap frame 1: Linux MSTP BPDU (MST region "Default"). */
/* clang-format off */
static const uint8_t stp_mstp[] = {
    /* protocol 0x0000, version 3, type 0x02, flags 0x3c */
    0x00, 0x00, 0x03, 0x02, 0x3c,
    /* root ID 32768/08:00:27:0d:f1:3c */
    0x80, 0x00, 0x08, 0x00, 0x27, 0x0d, 0xf1, 0x3c,
    /* root path cost 0 */
    0x00, 0x00, 0x00, 0x00,
    /* CIST regional root ID 32768/08:00:27:0d:f1:3c */
    0x80, 0x00, 0x08, 0x00, 0x27, 0x0d, 0xf1, 0x3c,
    /* port 0x8003, message age, max age, hello, forward delay (1/256 s) */
    0x80, 0x03, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
    /* version 1 length 0 */
    0x00,
    /* version 3 length 64 */
    0x00, 0x40,
    /* MST configuration ID: format, name "Default", revision, digest */
    0x00, 0x44, 0x65, 0x66, 0x61, 0x75, 0x6c, 0x74, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xac,
    0x36, 0x17, 0x7f, 0x50, 0x28, 0x3c, 0xd4, 0xb8, 0x38, 0x21, 0xd8, 0xab,
    0x26, 0xde, 0x62,
    /* CIST internal root path cost */
    0x00, 0x00, 0x00, 0x00,
    /* CIST bridge ID 32768/08:00:27:0d:f1:3c */
    0x80, 0x00, 0x08, 0x00, 0x27, 0x0d, 0xf1, 0x3c,
    /* CIST remaining hops */
    0x14,
};
/* clang-format on */

START_TEST(test_sonmp_3510)
{
    ck_assert_int_eq(decode(vs_sonmp_dissect, sonmp_3510, sizeof sonmp_3510), VS_DECODE_OK);
    EXPECT(VS_F_SONMP_ADDRESS, "0.0.0.0");
    ck_assert(!tu_find(&col, VS_F_SONMP_ADDRESS)->has_ip); /* no address: binds nothing */
    EXPECT(VS_F_SONMP_SEGMENT_ID, "0x000115");
    EXPECT(VS_F_SONMP_CHASSIS_TYPE, "Ethernet Switch 3510-24T");
    ck_assert_uint_eq(tu_find(&col, VS_F_SONMP_CHASSIS_TYPE)->num, 131);
    EXPECT(VS_F_SONMP_BACKPLANE_TYPE, "Ethernet, Fast Ethernet and Gigabit Ethernet");
    ck_assert_uint_eq(col.n, 4);
}
END_TEST

START_TEST(test_sonmp_prefixes)
{
    tu_check_prefixes(vs_sonmp_dissect, sonmp_3510, sizeof sonmp_3510);
    /* fields appear exactly as their bytes do */
    static const size_t want[12] = {0, 0, 0, 0, 1, 1, 1, 2, 3, 4, 4, 4};
    for (size_t i = 0; i <= sizeof sonmp_3510; i++) {
        enum vs_decode_status st = decode(vs_sonmp_dissect, sonmp_3510, i);
        ck_assert_int_eq(st, i < sizeof sonmp_3510 ? VS_DECODE_TRUNCATED : VS_DECODE_OK);
        ck_assert_uint_eq(col.n, want[i]);
    }
}
END_TEST

START_TEST(test_sonmp_values)
{
    /* ERS 5510-48T at 10.1.1.2, an unknown backplane, state "new", trailing bytes */
    static const uint8_t hello[] = {10, 1, 1, 2, 0x12, 0x34, 0x56, 97, 200, 3, 4, 0xff, 0xff};
    ck_assert_int_eq(decode(vs_sonmp_dissect, hello, sizeof hello), VS_DECODE_OK);
    EXPECT(VS_F_SONMP_ADDRESS, "10.1.1.2");
    const struct tu_ev *e = tu_find(&col, VS_F_SONMP_ADDRESS);
    ck_assert(e->has_ip && e->ip.family == 4 && e->ip.a[3] == 2);
    EXPECT(VS_F_SONMP_SEGMENT_ID, "0x123456");
    EXPECT(VS_F_SONMP_CHASSIS_TYPE, "Ethernet Routing Switch 5510-48T");
    EXPECT(VS_F_SONMP_BACKPLANE_TYPE, "200");
    static const uint8_t bad_state[] = {10, 1, 1, 2, 0, 0, 1, 250, 12, 9, 0};
    ck_assert_int_eq(decode(vs_sonmp_dissect, bad_state, sizeof bad_state), VS_DECODE_MALFORMED);
    EXPECT(VS_F_SONMP_CHASSIS_TYPE, "250");
}
END_TEST

/* ---- STP ------------------------------------------------------------------------------- */

static void expect_mac(enum vs_field f, const char *mac_text)
{
    const struct tu_ev *e = tu_find(&col, f);
    ck_assert_ptr_nonnull(e);
    ck_assert(e->has_mac);
    char s[VS_MAC_STRLEN];
    vs_mac_format(e->mac, s);
    ck_assert_str_eq(s, mac_text);
}

START_TEST(test_stp_config_bpdu)
{
    ck_assert_int_eq(decode(vs_stp_dissect, stp_nortel, sizeof stp_nortel), VS_DECODE_OK);
    EXPECT(VS_F_STP_ROOT_ID, "32768/00:19:69:df:dc:01");
    EXPECT(VS_F_STP_BRIDGE_ID, "32768/00:19:69:df:dc:01");
    expect_mac(VS_F_STP_BRIDGE_ID, "00:19:69:df:dc:01");
    expect_mac(VS_F_STP_ROOT_ID, "00:19:69:df:dc:01");
    ck_assert_uint_eq(col.n, 2);
}
END_TEST

START_TEST(test_stp_pvst_system_id_extension)
{
    ck_assert_int_eq(decode(vs_stp_dissect, stp_pvst, sizeof stp_pvst), VS_DECODE_OK);
    /* 33981 = 32768 + VLAN 1213: the text keeps the bridge priority, num all 16 bits */
    EXPECT(VS_F_STP_BRIDGE_ID, "32768/aa:bb:cc:00:03:00");
    ck_assert_uint_eq(tu_find(&col, VS_F_STP_BRIDGE_ID)->num, 33981);
}
END_TEST

START_TEST(test_rstp)
{
    ck_assert_int_eq(decode(vs_stp_dissect, stp_rstp, sizeof stp_rstp), VS_DECODE_OK);
    EXPECT(VS_F_STP_ROOT_ID, "32768/00:1e:f6:73:59:80");
    EXPECT(VS_F_STP_BRIDGE_ID, "32768/00:1e:f6:73:59:80");
    ck_assert_uint_eq(tu_find(&col, VS_F_STP_ROOT_ID)->num, 32771);
    /* an RST BPDU without its version 1 length byte is short */
    ck_assert_int_eq(decode(vs_stp_dissect, stp_rstp, 35), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 2);
}
END_TEST

START_TEST(test_mstp_cist_bridge)
{
    ck_assert_int_eq(decode(vs_stp_dissect, stp_mstp, sizeof stp_mstp), VS_DECODE_OK);
    EXPECT(VS_F_STP_ROOT_ID, "32768/08:00:27:0d:f1:3c");
    EXPECT(VS_F_STP_BRIDGE_ID, "32768/08:00:27:0d:f1:3c");
    /* the sender is the CIST bridge ID, not the regional root in the 802.1D slot */
    uint8_t m[sizeof stp_mstp];
    memcpy(m, stp_mstp, sizeof m);
    static const uint8_t other[8] = {0x10, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x99};
    memcpy(&m[17], other, 8);
    m[93] = 0x70;
    ck_assert_int_eq(decode(vs_stp_dissect, m, sizeof m), VS_DECODE_OK);
    EXPECT(VS_F_STP_BRIDGE_ID, "28672/08:00:27:0d:f1:3c");
    ck_assert_uint_eq(tu_count(&col, VS_F_STP_BRIDGE_ID), 1);
    /* MSTI messages must come in 16-byte steps */
    m[37] = 65;
    ck_assert_int_eq(decode(vs_stp_dissect, m, sizeof m), VS_DECODE_MALFORMED);
    ck_assert_ptr_null(tu_get(&col, VS_F_STP_BRIDGE_ID));
    /* a version 3 length announcing MSTI messages that are not there */
    m[37] = 64 + 16;
    ck_assert_int_eq(decode(vs_stp_dissect, m, sizeof m), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_STP_BRIDGE_ID, "28672/08:00:27:0d:f1:3c");
}
END_TEST

START_TEST(test_stp_prefixes)
{
    tu_check_prefixes(vs_stp_dissect, stp_nortel, sizeof stp_nortel);
    tu_check_prefixes(vs_stp_dissect, stp_pvst, sizeof stp_pvst);
    tu_check_prefixes(vs_stp_dissect, stp_rstp, sizeof stp_rstp);
    tu_check_prefixes(vs_stp_dissect, stp_mstp, sizeof stp_mstp);
    /* the bridge ID needs all of bytes 17..24; MSTP's CIST bridge ID bytes 93..100 */
    ck_assert_int_eq(decode(vs_stp_dissect, stp_nortel, 24), VS_DECODE_TRUNCATED);
    ck_assert_ptr_null(tu_get(&col, VS_F_STP_BRIDGE_ID));
    ck_assert_ptr_nonnull(tu_get(&col, VS_F_STP_ROOT_ID));
    ck_assert_int_eq(decode(vs_stp_dissect, stp_mstp, 100), VS_DECODE_TRUNCATED);
    ck_assert_ptr_null(tu_get(&col, VS_F_STP_BRIDGE_ID));
    ck_assert_int_eq(decode(vs_stp_dissect, stp_mstp, 12), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_stp_other_bpdus)
{
    static const uint8_t tcn[] = {0, 0, 0, 0x80};
    ck_assert_int_eq(decode(vs_stp_dissect, tcn, sizeof tcn), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    static const uint8_t not_stp[] = {0x12, 0x34, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 1};
    ck_assert_int_eq(decode(vs_stp_dissect, not_stp, sizeof not_stp), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    uint8_t odd[sizeof stp_nortel];
    memcpy(odd, stp_nortel, sizeof odd);
    odd[3] = 0x41; /* unknown BPDU type */
    ck_assert_int_eq(decode(vs_stp_dissect, odd, sizeof odd), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(decode(vs_stp_dissect, tcn, i), VS_DECODE_TRUNCATED);
}
END_TEST

/* ---- corpus --------------------------------------------------------------------------- */

struct replay_stats {
    size_t sonmp, stp, ok, bridge;
};

static void replay(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file, void *arg)
{
    struct replay_stats *s = arg;
    (void)file;
    enum vs_decode_status st;
    if (k == DK_SONMP) {
        st = decode(vs_sonmp_dissect, pdu, n);
        s->sonmp++;
    } else if (k == DK_STP) {
        st = decode(vs_stp_dissect, pdu, n);
        s->stp++;
        s->bridge += tu_get(&col, VS_F_STP_BRIDGE_ID) != NULL;
    } else {
        return;
    }
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
    s->ok += st == VS_DECODE_OK;
}

START_TEST(test_corpus_captures)
{
    struct replay_stats s = {0, 0, 0, 0};
    if (disc_replay_dir("pcap", replay, &s) < 0) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    /* SONMP and most BPDUs sit inside ERSPAN/GRE, which this walker does not open; the
     * plain-Ethernet BPDUs (evb, enip) must all decode with a bridge ID */
    ck_assert_uint_ge(s.stp, 20);
    ck_assert_uint_eq(s.ok, s.stp + s.sonmp);
    ck_assert_uint_eq(s.bridge, s.stp);
    memset(&s, 0, sizeof s);
    ck_assert_int_ge(disc_replay_dir("malformed", replay, &s), 0);
}
END_TEST

static Suite *sonmp_stp_suite(void)
{
    Suite *s = suite_create("sonmp_stp");
    TCase *tc = tcase_create("sonmp");
    tcase_add_test(tc, test_sonmp_3510);
    tcase_add_test(tc, test_sonmp_prefixes);
    tcase_add_test(tc, test_sonmp_values);
    suite_add_tcase(s, tc);
    tc = tcase_create("stp");
    tcase_add_test(tc, test_stp_config_bpdu);
    tcase_add_test(tc, test_stp_pvst_system_id_extension);
    tcase_add_test(tc, test_rstp);
    tcase_add_test(tc, test_mstp_cist_bridge);
    tcase_add_test(tc, test_stp_prefixes);
    tcase_add_test(tc, test_stp_other_bpdus);
    suite_add_tcase(s, tc);
    tc = tcase_create("corpus");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_corpus_captures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sonmp_stp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
