/* SPDX-License-Identifier: BSD-2-Clause */
/* check_mndp_ubdp.c - MikroTik MNDP (UDP 5678) and Ubiquiti discovery (UDP 10001) decoder
 * tests: real announcements from the corpus with the values tshark decoded in
 * corpus/expected, crafted length attacks, limits and corpus replay. */
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

/* ---- real announcements (UDP payloads) -------------------------------------------------- */

/* nDPI 1kxun.pcap frame 632: MikroTik CRS125-24G-1S over IPv6, identity left empty. */
/* clang-format off */
static const uint8_t mndp_crs125[] = {
    /* header 0x0004, sequence 26687 */
    0x00, 0x04, 0x68, 0x3f,
    /* type 1 MAC, len 6: 4c:5e:0c:9a:ec:54 */
    0x00, 0x01, 0x00, 0x06, 0x4c, 0x5e, 0x0c, 0x9a, 0xec, 0x54,
    /* type 5 Identity, len 0:  */
    0x00, 0x05, 0x00, 0x00,
    /* type 7 Version, len 15: "6.35.1 (stable)" */
    0x00, 0x07, 0x00, 0x0f, 0x36, 0x2e, 0x33, 0x35, 0x2e, 0x31, 0x20, 0x28,
    0x73, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x29,
    /* type 8 Platform, len 8: "MikroTik" */
    0x00, 0x08, 0x00, 0x08, 0x4d, 0x69, 0x6b, 0x72, 0x6f, 0x54, 0x69, 0x6b,
    /* type 10 Uptime (LE seconds), len 4: 7cf37f00 */
    0x00, 0x0a, 0x00, 0x04, 0x7c, 0xf3, 0x7f, 0x00,
    /* type 11 Software ID, len 9: "3DXY-KHGD" */
    0x00, 0x0b, 0x00, 0x09, 0x33, 0x44, 0x58, 0x59, 0x2d, 0x4b, 0x48, 0x47,
    0x44,
    /* type 12 Board, len 13: "CRS125-24G-1S" */
    0x00, 0x0c, 0x00, 0x0d, 0x43, 0x52, 0x53, 0x31, 0x32, 0x35, 0x2d, 0x32,
    0x34, 0x47, 0x2d, 0x31, 0x53,
    /* type 14 Unpack, len 1: 01 */
    0x00, 0x0e, 0x00, 0x01, 0x01,
    /* type 15 IPv6, len 16: fe80::4e5e:cff:fe9a:ec54 */
    0x00, 0x0f, 0x00, 0x10, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x4e, 0x5e, 0x0c, 0xff, 0xfe, 0x9a, 0xec, 0x54,
    /* type 16 Interface, len 7: "bridge1" */
    0x00, 0x10, 0x00, 0x07, 0x62, 0x72, 0x69, 0x64, 0x67, 0x65, 0x31,
};
/* clang-format on */

/* nDPI 1kxun.pcap frame 726: MikroTik RB450G "300MNAT" with a global IPv6 address. */
/* clang-format off */
static const uint8_t mndp_rb450g[] = {
    /* header 0x0001, sequence 21008 */
    0x00, 0x01, 0x52, 0x10,
    /* type 1 MAC, len 6: 4c:5e:0c:ea:03:65 */
    0x00, 0x01, 0x00, 0x06, 0x4c, 0x5e, 0x0c, 0xea, 0x03, 0x65,
    /* type 5 Identity, len 7: "300MNAT" */
    0x00, 0x05, 0x00, 0x07, 0x33, 0x30, 0x30, 0x4d, 0x4e, 0x41, 0x54,
    /* type 7 Version, len 15: "6.35.1 (stable)" */
    0x00, 0x07, 0x00, 0x0f, 0x36, 0x2e, 0x33, 0x35, 0x2e, 0x31, 0x20, 0x28,
    0x73, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x29,
    /* type 8 Platform, len 8: "MikroTik" */
    0x00, 0x08, 0x00, 0x08, 0x4d, 0x69, 0x6b, 0x72, 0x6f, 0x54, 0x69, 0x6b,
    /* type 10 Uptime (LE seconds), len 4: 7f962400 */
    0x00, 0x0a, 0x00, 0x04, 0x7f, 0x96, 0x24, 0x00,
    /* type 11 Software ID, len 9: "AXRJ-X6SG" */
    0x00, 0x0b, 0x00, 0x09, 0x41, 0x58, 0x52, 0x4a, 0x2d, 0x58, 0x36, 0x53,
    0x47,
    /* type 12 Board, len 6: "RB450G" */
    0x00, 0x0c, 0x00, 0x06, 0x52, 0x42, 0x34, 0x35, 0x30, 0x47,
    /* type 14 Unpack, len 1: 01 */
    0x00, 0x0e, 0x00, 0x01, 0x01,
    /* type 15 IPv6, len 16: 2001:b030:214:100::1 */
    0x00, 0x0f, 0x00, 0x10, 0x20, 0x01, 0xb0, 0x30, 0x02, 0x14, 0x01, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    /* type 16 Interface, len 19: "ether2-master-local" */
    0x00, 0x10, 0x00, 0x13, 0x65, 0x74, 0x68, 0x65, 0x72, 0x32, 0x2d, 0x6d,
    0x61, 0x73, 0x74, 0x65, 0x72, 0x2d, 0x6c, 0x6f, 0x63, 0x61, 0x6c,
};
/* clang-format on */

/* nDPI ubntac2.pcap frame 1: UniFi Security Gateway, discovery v2. */
/* clang-format off */
static const uint8_t ubdp_usg[] = {
    /* version 2, command 0x06, length 171 */
    0x02, 0x06, 0x00, 0xab,
    /* type 0x02 MAC+IP, len 10: 80:2a:a8:8d:69:2b 192.168.2.21 */
    0x02, 0x00, 0x0a, 0x80, 0x2a, 0xa8, 0x8d, 0x69, 0x2b, 0xc0, 0xa8, 0x02,
    0x15,
    /* type 0x02 MAC+IP, len 10: 80:2a:a8:8d:69:2c 192.168.1.1 */
    0x02, 0x00, 0x0a, 0x80, 0x2a, 0xa8, 0x8d, 0x69, 0x2c, 0xc0, 0xa8, 0x01,
    0x01,
    /* type 0x01 MAC, len 6: 80:2a:a8:8d:69:2b */
    0x01, 0x00, 0x06, 0x80, 0x2a, 0xa8, 0x8d, 0x69, 0x2b,
    /* type 0x0a Uptime, len 4: 0000de60 */
    0x0a, 0x00, 0x04, 0x00, 0x00, 0xde, 0x60,
    /* type 0x0b Hostname, len 4: "ubnt" */
    0x0b, 0x00, 0x04, 0x75, 0x62, 0x6e, 0x74,
    /* type 0x0c Product, len 4: "UGW3" */
    0x0c, 0x00, 0x04, 0x55, 0x47, 0x57, 0x33,
    /* type 0x03 Firmware (full), len 56:
     * "UniFiSecurityGateway.ER-e120.v4.3.33.4936086.161203.2031" */
    0x03, 0x00, 0x38, 0x55, 0x6e, 0x69, 0x46, 0x69, 0x53, 0x65, 0x63, 0x75,
    0x72, 0x69, 0x74, 0x79, 0x47, 0x61, 0x74, 0x65, 0x77, 0x61, 0x79, 0x2e,
    0x45, 0x52, 0x2d, 0x65, 0x31, 0x32, 0x30, 0x2e, 0x76, 0x34, 0x2e, 0x33,
    0x2e, 0x33, 0x33, 0x2e, 0x34, 0x39, 0x33, 0x36, 0x30, 0x38, 0x36, 0x2e,
    0x31, 0x36, 0x31, 0x32, 0x30, 0x33, 0x2e, 0x32, 0x30, 0x33, 0x31,
    /* type 0x16 Firmware, len 14: "4.3.33.4936086" */
    0x16, 0x00, 0x0e, 0x34, 0x2e, 0x33, 0x2e, 0x33, 0x33, 0x2e, 0x34, 0x39,
    0x33, 0x36, 0x30, 0x38, 0x36,
    /* type 0x15 Model, len 4: "UGW3" */
    0x15, 0x00, 0x04, 0x55, 0x47, 0x57, 0x33,
    /* type 0x17 Default, len 1: 00 */
    0x17, 0x00, 0x01, 0x00,
    /* type 0x18 Locating, len 1: 00 */
    0x18, 0x00, 0x01, 0x00,
    /* type 0x13 MAC, len 6: 80:2a:a8:8d:69:2b */
    0x13, 0x00, 0x06, 0x80, 0x2a, 0xa8, 0x8d, 0x69, 0x2b,
    /* type 0x12 Counter, len 4: 000015cf */
    0x12, 0x00, 0x04, 0x00, 0x00, 0x15, 0xcf,
    /* type 0x1b Platform version, len 5: "4.0.0" */
    0x1b, 0x00, 0x05, 0x34, 0x2e, 0x30, 0x2e, 0x30,
};
/* clang-format on */

static void expect_addrs(enum vs_field f, const char *mac, const char *ip)
{
    const struct tu_ev *e = tu_find(&col, f);
    ck_assert_ptr_nonnull(e);
    char s[VS_IP_STRLEN];
    if (mac) {
        ck_assert(e->has_mac);
        vs_mac_format(e->mac, s);
        ck_assert_str_eq(s, mac);
    } else {
        ck_assert(!e->has_mac);
    }
    if (ip) {
        ck_assert(e->has_ip);
        vs_ip_format(&e->ip, s);
        ck_assert_str_eq(s, ip);
    } else {
        ck_assert(!e->has_ip);
    }
}

START_TEST(test_mndp_crs125)
{
    ck_assert_int_eq(decode(vs_mndp_dissect, mndp_crs125, sizeof mndp_crs125), VS_DECODE_OK);
    ck_assert_ptr_null(tu_get(&col, VS_F_MNDP_IDENTITY)); /* sent empty */
    EXPECT(VS_F_MNDP_VERSION, "6.35.1 (stable)");
    EXPECT(VS_F_MNDP_PLATFORM, "MikroTik");
    EXPECT(VS_F_MNDP_BOARD, "CRS125-24G-1S");
    /* the MAC and address TLVs ride along on every item */
    expect_addrs(VS_F_MNDP_BOARD, "4c:5e:0c:9a:ec:54", "fe80::4e5e:cff:fe9a:ec54");
    expect_addrs(VS_F_MNDP_VERSION, "4c:5e:0c:9a:ec:54", "fe80::4e5e:cff:fe9a:ec54");
    /* and each address is an item of its own, so that every one binds the device */
    EXPECT(VS_F_MNDP_ADDRESS, "fe80::4e5e:cff:fe9a:ec54");
    expect_addrs(VS_F_MNDP_ADDRESS, "4c:5e:0c:9a:ec:54", "fe80::4e5e:cff:fe9a:ec54");
    ck_assert_uint_eq(col.n, 4);
}
END_TEST

START_TEST(test_mndp_rb450g)
{
    ck_assert_int_eq(decode(vs_mndp_dissect, mndp_rb450g, sizeof mndp_rb450g), VS_DECODE_OK);
    EXPECT(VS_F_MNDP_IDENTITY, "300MNAT");
    EXPECT(VS_F_MNDP_VERSION, "6.35.1 (stable)");
    EXPECT(VS_F_MNDP_PLATFORM, "MikroTik");
    EXPECT(VS_F_MNDP_BOARD, "RB450G");
    expect_addrs(VS_F_MNDP_IDENTITY, "4c:5e:0c:ea:03:65", "2001:b030:214:100::1");
    EXPECT(VS_F_MNDP_ADDRESS, "2001:b030:214:100::1");
    ck_assert_uint_eq(col.n, 5);
}
END_TEST

START_TEST(test_mndp_prefixes)
{
    tu_check_prefixes(vs_mndp_dissect, mndp_crs125, sizeof mndp_crs125);
    tu_check_prefixes(vs_mndp_dissect, mndp_rb450g, sizeof mndp_rb450g);
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(decode(vs_mndp_dissect, mndp_rb450g, i), VS_DECODE_TRUNCATED);
    /* a bare header is a discovery request: nothing to say, nothing wrong */
    ck_assert_int_eq(decode(vs_mndp_dissect, mndp_rb450g, 4), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST


static struct tu_fb fb;


static void mndp_start(struct tu_fb *f)
{
    static const uint8_t h[4] = {0, 0, 0x12, 0x34};
    f->n = 0;
    tu_fb_raw(f, h, sizeof h);
}

static void mndp_tlv_len(struct tu_fb *f, uint16_t type, unsigned len, const void *v, size_t vlen)
{
    uint8_t h[4] = {(uint8_t)(type >> 8), (uint8_t)type, (uint8_t)(len >> 8), (uint8_t)len};
    tu_fb_raw(f, h, 4);
    tu_fb_raw(f, v, vlen);
}

static void mndp_tlv(struct tu_fb *f, uint16_t type, const void *v, size_t vlen)
{
    mndp_tlv_len(f, type, (unsigned)vlen, v, vlen);
}

START_TEST(test_mndp_crafted)
{
    static const uint8_t mac[6] = {0x4c, 0x5e, 0x0c, 0x11, 0x22, 0x33};
    static const uint8_t mac_short[4] = {1, 2, 3, 4};
    static const uint8_t v4[4] = {192, 168, 88, 1};
    static const uint8_t v4_zero[4] = {0, 0, 0, 0};
    static const uint8_t v6[16] = {0xfe, 0x80, [15] = 1};
    /* IPv4 is preferred over IPv6 wherever it sits; a zero IPv4 is ignored */
    mndp_start(&fb);
    mndp_tlv(&fb, 1, mac_short, sizeof mac_short);
    mndp_tlv(&fb, 5, "  gw-1 \0", 8);
    mndp_tlv(&fb, 15, v6, sizeof v6);
    mndp_tlv(&fb, 1, mac, sizeof mac);
    mndp_tlv(&fb, 17, v4_zero, sizeof v4_zero);
    mndp_tlv(&fb, 17, v4, sizeof v4);
    mndp_tlv(&fb, 12, "hAP ac", 6);
    mndp_tlv(&fb, 99, "x", 1);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_MNDP_IDENTITY, "gw-1");
    expect_addrs(VS_F_MNDP_IDENTITY, "4c:5e:0c:11:22:33", "192.168.88.1");
    expect_addrs(VS_F_MNDP_BOARD, "4c:5e:0c:11:22:33", "192.168.88.1");
    /* a TLV running off the end: what came before stays */
    mndp_tlv_len(&fb, 7, 300, "6.49", 4);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    ck_assert_ptr_null(tu_get(&col, VS_F_MNDP_VERSION));
    EXPECT(VS_F_MNDP_BOARD, "hAP ac");
    /* a half TLV header */
    mndp_start(&fb);
    mndp_tlv(&fb, 8, "MikroTik", 8);
    tu_fb_raw(&fb, "\0\x05\0", 3);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    expect_addrs(VS_F_MNDP_PLATFORM, NULL, NULL);
}
END_TEST

START_TEST(test_mndp_tlv_limit)
{
    mndp_start(&fb);
    for (int i = 0; i < VS_MAX_TLVS_PER_FRAME - 1; i++)
        mndp_tlv(&fb, 99, "", 0);
    mndp_tlv(&fb, 5, "last", 4);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_MNDP_IDENTITY, "last");
    mndp_start(&fb);
    for (int i = 0; i < 10000; i++)
        mndp_tlv(&fb, 99, "", 0);
    mndp_tlv(&fb, 5, "never", 5);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    mndp_start(&fb);
    for (int i = 0; i < 3000; i++)
        mndp_tlv(&fb, 5, "id", 2);
    ck_assert_int_eq(decode(vs_mndp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, VS_MAX_TLVS_PER_FRAME);
}
END_TEST

/* ---- UBDP ----------------------------------------------------------------------------- */

START_TEST(test_ubdp_usg)
{
    ck_assert_int_eq(decode(vs_ubdp_dissect, ubdp_usg, sizeof ubdp_usg), VS_DECODE_OK);
    EXPECT(VS_F_UBDP_HOSTNAME, "ubnt");
    EXPECT(VS_F_UBDP_PRODUCT, "UGW3: UniFi Security Gateway");
    EXPECT(VS_F_UBDP_MODEL, "UGW3: UniFi Security Gateway");
    EXPECT(VS_F_UBDP_FIRMWARE, "4.3.33.4936086");
    EXPECT(VS_F_UBDP_FIRMWARE, "UniFiSecurityGateway.ER-e120.v4.3.33.4936086.161203.2031");
    /* the first interface's MAC and address ride along */
    expect_addrs(VS_F_UBDP_HOSTNAME, "80:2a:a8:8d:69:2b", "192.168.2.21");
    ck_assert_uint_eq(col.n, 5);
}
END_TEST

START_TEST(test_ubdp_prefixes)
{
    tu_check_prefixes(vs_ubdp_dissect, ubdp_usg, sizeof ubdp_usg);
    for (size_t i = 0; i < sizeof ubdp_usg; i++)
        ck_assert_int_eq(decode(vs_ubdp_dissect, ubdp_usg, i), VS_DECODE_TRUNCATED);
}
END_TEST

static void ubdp_start(struct tu_fb *f, uint8_t version)
{
    uint8_t h[4] = {version, version == 1 ? 0 : 6, 0, 0};
    f->n = 0;
    tu_fb_raw(f, h, sizeof h);
}

static void ubdp_finish(struct tu_fb *f)
{
    f->b[2] = (uint8_t)((f->n - 4) >> 8);
    f->b[3] = (uint8_t)(f->n - 4);
}

static void ubdp_tlv_len(struct tu_fb *f, uint8_t type, unsigned len, const void *v, size_t vlen)
{
    uint8_t h[3] = {type, (uint8_t)(len >> 8), (uint8_t)len};
    tu_fb_raw(f, h, 3);
    tu_fb_raw(f, v, vlen);
}

static void ubdp_tlv(struct tu_fb *f, uint8_t type, const void *v, size_t vlen)
{
    ubdp_tlv_len(f, type, (unsigned)vlen, v, vlen);
}

START_TEST(test_ubdp_airos_v1)
{
    /* an airOS v1 reply: IP-only address TLV, product code, firmware build string only */
    static const uint8_t mac[6] = {0x24, 0xa4, 0x3c, 0x01, 0x02, 0x03};
    static const uint8_t ip[4] = {192, 168, 1, 20};
    static const char fw[] = "XM.ar7240.v5.6.3.28591.151130.1749";
    ubdp_start(&fb, 1);
    ubdp_tlv(&fb, 1, mac, sizeof mac);
    ubdp_tlv(&fb, 4, ip, sizeof ip);
    ubdp_tlv(&fb, 3, fw, strlen(fw));
    ubdp_tlv(&fb, 11, "tower-ap", 8);
    ubdp_tlv(&fb, 12, "N2N", 3);
    ubdp_tlv(&fb, 13, "essid", 5);
    ubdp_finish(&fb);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_UBDP_FIRMWARE, fw);
    EXPECT(VS_F_UBDP_HOSTNAME, "tower-ap");
    EXPECT(VS_F_UBDP_PRODUCT, "N2N: NanoStation M2");
    expect_addrs(VS_F_UBDP_PRODUCT, "24:a4:3c:01:02:03", "192.168.1.20");
    ck_assert_uint_eq(col.n, 3);
    /* an unknown product code stays as sent */
    ubdp_start(&fb, 1);
    ubdp_tlv(&fb, 12, "XYZ9", 4);
    ubdp_finish(&fb);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_UBDP_PRODUCT, "XYZ9");
    expect_addrs(VS_F_UBDP_PRODUCT, NULL, NULL);
    /* a discovery request: header only */
    ubdp_start(&fb, 1);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_ubdp_lengths)
{
    /* not version 1 or 2 */
    ubdp_start(&fb, 3);
    ubdp_tlv(&fb, 11, "h", 1);
    ubdp_finish(&fb);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* a TLV running past the length of a complete datagram: contradiction */
    ubdp_start(&fb, 2);
    ubdp_tlv(&fb, 11, "gw", 2);
    ubdp_tlv_len(&fb, 12, 40, "UGW3", 4);
    ubdp_finish(&fb);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    EXPECT(VS_F_UBDP_HOSTNAME, "gw");
    ck_assert_uint_eq(col.n, 1);
    /* a header announcing more than the datagram holds: truncation */
    fb.b[3] = 200;
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_UBDP_HOSTNAME, "gw");
    /* bytes after the announced length are not read */
    ubdp_start(&fb, 2);
    ubdp_tlv(&fb, 11, "gw", 2);
    ubdp_finish(&fb);
    ubdp_tlv(&fb, 11, "trailer", 7);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    /* address TLVs of odd sizes are ignored, zero-length strings are no evidence */
    static const uint8_t odd[7] = {1, 2, 3, 4, 5, 6, 7};
    ubdp_start(&fb, 2);
    ubdp_tlv(&fb, 2, odd, sizeof odd);
    ubdp_tlv(&fb, 1, odd, 5);
    ubdp_tlv(&fb, 11, "", 0);
    ubdp_tlv(&fb, 21, "U7PG2", 5);
    ubdp_finish(&fb);
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 1);
    EXPECT(VS_F_UBDP_MODEL, "U7PG2: UniFi AP-AC-Pro Gen2");
    expect_addrs(VS_F_UBDP_MODEL, NULL, NULL);
}
END_TEST

START_TEST(test_ubdp_tlv_limit)
{
    ubdp_start(&fb, 2);
    for (int i = 0; i < 8000; i++)
        ubdp_tlv(&fb, 0x7f, "", 0);
    ubdp_tlv(&fb, 11, "never", 5);
    ubdp_finish(&fb); /* the 16-bit length wraps; the datagram is longer than it says */
    fb.b[2] = 0xff, fb.b[3] = 0xff;
    ck_assert_int_eq(decode(vs_ubdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- corpus --------------------------------------------------------------------------- */

struct replay_stats {
    size_t mndp, ubdp, ok, named;
};

static void replay(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file, void *arg)
{
    struct replay_stats *s = arg;
    (void)file;
    enum vs_decode_status st;
    if (k == DK_MNDP) {
        st = decode(vs_mndp_dissect, pdu, n);
        s->mndp++;
        s->named += tu_get(&col, VS_F_MNDP_BOARD) != NULL;
    } else if (k == DK_UBDP) {
        st = decode(vs_ubdp_dissect, pdu, n);
        s->ubdp++;
        s->named += tu_get(&col, VS_F_UBDP_MODEL) != NULL;
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
    /* every MNDP announcement and UBDP reply in the corpus names its board/model; other
     * traffic on these ports (none expected) would show up as a mismatch here */
    ck_assert_uint_ge(s.mndp, 5);
    ck_assert_uint_ge(s.ubdp, 8);
    ck_assert_uint_eq(s.ok, s.mndp + s.ubdp);
    ck_assert_uint_eq(s.named, s.mndp + s.ubdp);
    memset(&s, 0, sizeof s);
    ck_assert_int_ge(disc_replay_dir("malformed", replay, &s), 0);
}
END_TEST

static Suite *mndp_ubdp_suite(void)
{
    Suite *s = suite_create("mndp_ubdp");
    TCase *tc = tcase_create("mndp");
    tcase_add_test(tc, test_mndp_crs125);
    tcase_add_test(tc, test_mndp_rb450g);
    tcase_add_test(tc, test_mndp_prefixes);
    tcase_add_test(tc, test_mndp_crafted);
    tcase_add_test(tc, test_mndp_tlv_limit);
    suite_add_tcase(s, tc);
    tc = tcase_create("ubdp");
    tcase_add_test(tc, test_ubdp_usg);
    tcase_add_test(tc, test_ubdp_prefixes);
    tcase_add_test(tc, test_ubdp_airos_v1);
    tcase_add_test(tc, test_ubdp_lengths);
    tcase_add_test(tc, test_ubdp_tlv_limit);
    suite_add_tcase(s, tc);
    tc = tcase_create("corpus");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_corpus_captures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(mndp_ubdp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
