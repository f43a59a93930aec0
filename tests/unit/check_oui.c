/* SPDX-License-Identifier: BSD-2-Clause */
/* check_oui.c - the OUI snapshot loader and lookup (src/inventory/oui.c): longest-prefix answers on
 * the shipped oui_db/oui.tsv, MAC classes (IEEE 802 I/G and U/L bits, VRRP, HSRP, GLBP), and
 * the strict parser's "file:line: message" errors. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "vendorsniff/limits.h"
#include "vendorsniff/oui.h"

static struct vs_oui_db *shipped;

static void load_shipped(void)
{
    char err[512];
    int rc = vs_oui_load(tu_src_path("oui_db/oui.tsv"), &shipped, err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "cannot load the shipped snapshot: %s\n", err);
        shipped = NULL;
    }
}

static void free_shipped(void)
{
    vs_oui_free(shipped);
    shipped = NULL;
}

static struct vs_oui_result look(const struct vs_oui_db *db, uint8_t a, uint8_t b, uint8_t c,
                                 uint8_t d, uint8_t e, uint8_t f)
{
    const uint8_t mac[6] = {a, b, c, d, e, f};
    struct vs_oui_result r;
    /* Poison the result so that a lookup which forgets a field is caught. */
    memset(&r, 0x5a, sizeof r);
    vs_oui_lookup(db, mac, &r);
    return r;
}

#define ASSERT_ORG(r, want, wbits)                                                                 \
    do {                                                                                           \
        ck_assert_ptr_nonnull((r).org);                                                            \
        ck_assert_str_eq((r).org, (want));                                                         \
        ck_assert_uint_eq((r).bits, (wbits));                                                      \
        ck_assert_int_eq((r).cls, VS_MAC_GLOBAL);                                                  \
    } while (0)

#define ASSERT_CLASS(r, wcls)                                                                      \
    do {                                                                                           \
        ck_assert_ptr_null((r).org);                                                               \
        ck_assert_uint_eq((r).bits, 0);                                                            \
        ck_assert_int_eq((r).cls, (wcls));                                                         \
    } while (0)

START_TEST(shipped_loads)
{
    ck_assert_ptr_nonnull(shipped);
    /* The snapshot names its source; a refresh changes the version, not the shape. */
    ck_assert_msg(strncmp(vs_oui_snapshot(shipped), "oui-data ", 9) == 0, "snapshot \"%s\"",
                  vs_oui_snapshot(shipped));
    ck_assert_uint_gt(vs_oui_count(shipped, 24), 39000);
    ck_assert_uint_gt(vs_oui_count(shipped, 28), 6000);
    ck_assert_uint_gt(vs_oui_count(shipped, 36), 11000);
    ck_assert_uint_eq(vs_oui_count(shipped, 0), vs_oui_count(shipped, 24) +
                                                    vs_oui_count(shipped, 28) +
                                                    vs_oui_count(shipped, 36));
    ck_assert_uint_eq(vs_oui_count(shipped, 48), 0);
    ck_assert_uint_eq(vs_oui_count(NULL, 24), 0);
}
END_TEST

START_TEST(ma_l_24_bit)
{
    struct vs_oui_result r = look(shipped, 0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56);
    ASSERT_ORG(r, "HUAWEI TECHNOLOGIES CO.,LTD", 24);
    /* Registry text is kept as published, lower case included. */
    r = look(shipped, 0x00, 0x19, 0xc6, 0xab, 0xcd, 0xef);
    ASSERT_ORG(r, "zte corporation", 24);
    r = look(shipped, 0x00, 0x00, 0x0c, 0x01, 0x02, 0x03);
    ASSERT_ORG(r, "Cisco Systems, Inc", 24);
    /* Both ends of a 24-bit block. */
    r = look(shipped, 0x00, 0xe0, 0xfc, 0x00, 0x00, 0x00);
    ASSERT_ORG(r, "HUAWEI TECHNOLOGIES CO.,LTD", 24);
    r = look(shipped, 0x00, 0xe0, 0xfc, 0xff, 0xff, 0xff);
    ASSERT_ORG(r, "HUAWEI TECHNOLOGIES CO.,LTD", 24);
}
END_TEST

START_TEST(ma_m_28_bit_beats_parent)
{
    /* AC-64-DD is IEEE Registration Authority's MA-L, cut into sixteen MA-M blocks;
     * AC-64-DD-5 went to a ZTE subsidiary, AC-64-DD-0 to Jia-Teng. */
    struct vs_oui_result r = look(shipped, 0xac, 0x64, 0xdd, 0x51, 0x22, 0x33);
    ASSERT_ORG(r, "SHANGHAI ZTE TECHNOLOGIES CO.,LTD", 28);
    r = look(shipped, 0xac, 0x64, 0xdd, 0x5f, 0xff, 0xff);
    ASSERT_ORG(r, "SHANGHAI ZTE TECHNOLOGIES CO.,LTD", 28);
    r = look(shipped, 0xac, 0x64, 0xdd, 0x60, 0x00, 0x00);
    ASSERT_ORG(r, "Kpnetworks Ltd.", 28);
    r = look(shipped, 0xac, 0x64, 0xdd, 0x00, 0x00, 0x01);
    ASSERT_ORG(r, "Jia-Teng", 28);
    /* AC-64-DD-F is not assigned: the parent MA-L answers, and it is the registry itself. */
    r = look(shipped, 0xac, 0x64, 0xdd, 0xf0, 0x00, 0x01);
    ASSERT_ORG(r, "IEEE Registration Authority", 24);
}
END_TEST

START_TEST(ma_m_without_parent_line)
{
    /* The registry lists MA-M blocks under C8-98-DB but no MA-L line for it. */
    struct vs_oui_result r = look(shipped, 0xc8, 0x98, 0xdb, 0x01, 0x02, 0x03);
    ASSERT_ORG(r, "Unicore Communications Inc.", 28);
    r = look(shipped, 0xc8, 0x98, 0xdb, 0xf1, 0x02, 0x03);
    ck_assert_ptr_null(r.org);
    ck_assert_uint_eq(r.bits, 0);
    ck_assert_int_eq(r.cls, VS_MAC_GLOBAL);
}
END_TEST

START_TEST(ma_s_36_bit_beats_parent)
{
    /* 8C-1F-64-D8-0 (MA-S) is AZTEK SA - a name that merely looks like ZTE. */
    struct vs_oui_result r = look(shipped, 0x8c, 0x1f, 0x64, 0xd8, 0x00, 0x00);
    ASSERT_ORG(r, "AZTEK SA", 36);
    r = look(shipped, 0x8c, 0x1f, 0x64, 0xd8, 0x0f, 0xff);
    ASSERT_ORG(r, "AZTEK SA", 36);
    r = look(shipped, 0x8c, 0x1f, 0x64, 0xd8, 0x10, 0x00);
    ASSERT_ORG(r, "Mitsubishi Electric India Pvt. Ltd.", 36);
    /* 8C-1F-64-D8-3 is unassigned: back to the parent MA-L, IEEE's own. */
    r = look(shipped, 0x8c, 0x1f, 0x64, 0xd8, 0x30, 0x00);
    ASSERT_ORG(r, "IEEE Registration Authority", 24);
    r = look(shipped, 0x70, 0xb3, 0xd5, 0x00, 0x1a, 0xbc);
    ASSERT_ORG(r, "SOREDI touch systems GmbH", 36);
    /* IAB (closed registry, also 36 bits) from Debian's ieee-data; UTF-8 kept. */
    r = look(shipped, 0x00, 0x50, 0xc2, 0xa3, 0xc1, 0x23);
    ASSERT_ORG(r, "Br\xc3\xa4hler ICS Konferenztechnik AG", 36);
    r = look(shipped, 0x00, 0x50, 0xc2, 0x7d, 0x50, 0x00);
    ASSERT_ORG(r, "DEUTA-WERKE GmbH", 36);
}
END_TEST

START_TEST(locally_administered)
{
    /* The U/L bit set in every second-nibble form x2, x6, xA, xE: no vendor, even when the
     * rest of the address copies a real OUI (randomised MACs, virtual machines). */
    static const uint8_t first[] = {0x02, 0x06, 0x0a, 0x0e, 0x12, 0x56, 0xda, 0xfe, 0xaa};
    for (size_t i = 0; i < sizeof first; i++) {
        struct vs_oui_result r = look(shipped, first[i], 0xe0, 0xfc, 0x12, 0x34, 0x56);
        ASSERT_CLASS(r, VS_MAC_LOCAL);
    }
    /* 02-60-8C and AA-00-04 are in the registry (3Com, DEC) but are local by their bit. */
    struct vs_oui_result r = look(shipped, 0x02, 0x60, 0x8c, 0x01, 0x02, 0x03);
    ASSERT_CLASS(r, VS_MAC_LOCAL);
    r = look(shipped, 0xaa, 0x00, 0x04, 0x00, 0x12, 0x34);
    ASSERT_CLASS(r, VS_MAC_LOCAL);
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_LOCAL), "locally_administered");
}
END_TEST

START_TEST(multicast_broadcast_zero)
{
    struct vs_oui_result r = look(shipped, 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01);
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    r = look(shipped, 0x33, 0x33, 0x00, 0x00, 0x00, 0x01);
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    r = look(shipped, 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e); /* LLDP nearest bridge */
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    r = look(shipped, 0x01, 0x00, 0x0c, 0xcc, 0xcc, 0xcc); /* CDP */
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    /* 11-00-AA is a registered MA-L with the I/G bit set: still multicast, no org. */
    r = look(shipped, 0x11, 0x00, 0xaa, 0x00, 0x00, 0x01);
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    r = look(shipped, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    ASSERT_CLASS(r, VS_MAC_BROADCAST);
    r = look(shipped, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe);
    ASSERT_CLASS(r, VS_MAC_MULTICAST);
    /* 00-00-00 is Xerox's MA-L, but the all-zero address is nobody's. */
    r = look(shipped, 0, 0, 0, 0, 0, 0);
    ASSERT_CLASS(r, VS_MAC_ZERO);
    r = look(shipped, 0, 0, 0, 0, 0, 1);
    ASSERT_ORG(r, "XEROX CORPORATION", 24);
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_MULTICAST), "multicast");
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_BROADCAST), "broadcast");
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_ZERO), "zero");
}
END_TEST

START_TEST(virtual_router_ranges)
{
    /* VRRP, RFC 5798 7.3: 00-00-5E-00-01-VRID (IPv4), 00-00-5E-00-02-VRID (IPv6). */
    struct vs_oui_result r = look(shipped, 0x00, 0x00, 0x5e, 0x00, 0x01, 0x0a);
    ASSERT_CLASS(r, VS_MAC_VRRP);
    r = look(shipped, 0x00, 0x00, 0x5e, 0x00, 0x01, 0xff);
    ASSERT_CLASS(r, VS_MAC_VRRP);
    r = look(shipped, 0x00, 0x00, 0x5e, 0x00, 0x02, 0x01);
    ASSERT_CLASS(r, VS_MAC_VRRP);
    /* Elsewhere in IANA's block: an ordinary registered address. */
    r = look(shipped, 0x00, 0x00, 0x5e, 0x00, 0x03, 0x01);
    ASSERT_ORG(r, "ICANN, IANA Department", 24);
    r = look(shipped, 0x00, 0x00, 0x5e, 0x01, 0x01, 0x01);
    ASSERT_ORG(r, "ICANN, IANA Department", 24);

    /* HSRPv1 0000.0c07.acXX, HSRPv2 0000.0c9f.f000-ffff, HSRP IPv6 0005.73a0.0000-0fff. */
    r = look(shipped, 0x00, 0x00, 0x0c, 0x07, 0xac, 0x01);
    ASSERT_CLASS(r, VS_MAC_HSRP);
    r = look(shipped, 0x00, 0x00, 0x0c, 0x9f, 0xf0, 0x00);
    ASSERT_CLASS(r, VS_MAC_HSRP);
    r = look(shipped, 0x00, 0x00, 0x0c, 0x9f, 0xff, 0xff);
    ASSERT_CLASS(r, VS_MAC_HSRP);
    r = look(shipped, 0x00, 0x00, 0x0c, 0x9f, 0xef, 0xff);
    ASSERT_ORG(r, "Cisco Systems, Inc", 24);
    r = look(shipped, 0x00, 0x00, 0x0c, 0x07, 0xad, 0x01);
    ASSERT_ORG(r, "Cisco Systems, Inc", 24);
    r = look(shipped, 0x00, 0x05, 0x73, 0xa0, 0x00, 0x00);
    ASSERT_CLASS(r, VS_MAC_HSRP);
    r = look(shipped, 0x00, 0x05, 0x73, 0xa0, 0x0f, 0xff);
    ASSERT_CLASS(r, VS_MAC_HSRP);
    r = look(shipped, 0x00, 0x05, 0x73, 0xa0, 0x10, 0x00);
    ASSERT_ORG(r, "Cisco Systems, Inc", 24);

    /* GLBP 0007.b4xx.xxyy: six zero bits, 10-bit group, forwarder. */
    r = look(shipped, 0x00, 0x07, 0xb4, 0x00, 0x01, 0x01);
    ASSERT_CLASS(r, VS_MAC_GLBP);
    r = look(shipped, 0x00, 0x07, 0xb4, 0x03, 0xff, 0x04);
    ASSERT_CLASS(r, VS_MAC_GLBP);
    r = look(shipped, 0x00, 0x07, 0xb4, 0x04, 0x00, 0x01);
    ASSERT_ORG(r, "Cisco Systems, Inc", 24);

    ck_assert_str_eq(vs_mac_class_name(VS_MAC_VRRP), "vrrp");
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_HSRP), "hsrp");
    ck_assert_str_eq(vs_mac_class_name(VS_MAC_GLBP), "glbp");
    ck_assert_ptr_null(vs_mac_class_name(VS_MAC_GLOBAL));
    ck_assert_ptr_null(vs_mac_class_name(VS_MAC_CLASS_COUNT));
}
END_TEST

START_TEST(classify_without_db)
{
    struct vs_oui_result r = look(NULL, 0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56);
    ASSERT_CLASS(r, VS_MAC_GLOBAL);
    r = look(NULL, 0x02, 0xe0, 0xfc, 0x12, 0x34, 0x56);
    ASSERT_CLASS(r, VS_MAC_LOCAL);
    const uint8_t vrrp[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x01};
    ck_assert_int_eq(vs_mac_classify(vrrp), VS_MAC_VRRP);
    ck_assert_str_eq(vs_oui_snapshot(NULL), "unknown");
}
END_TEST

/* Write text (len bytes) to a fresh temp file; its path goes into path. */
static void write_temp(char path[64], const char *text, size_t len)
{
    snprintf(path, 64, "/tmp/check_oui_XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
}

/* Load text from a temp file; expect failure rc and an error "path:line: msg...". */
static void expect_error(const char *text, size_t len, int want_rc, unsigned line, const char *msg)
{
    char path[64], err[512], want[256];
    write_temp(path, text, len);
    static char poison;
    struct vs_oui_db *db = (struct vs_oui_db *)(void *)&poison; /* a failure must clear it */
    int rc = vs_oui_load(path, &db, err, sizeof err);
    unlink(path);
    ck_assert_msg(rc == want_rc, "rc %d, want %d (%s) for %s", rc, want_rc, err, msg);
    ck_assert_ptr_null(db);
    if (line)
        snprintf(want, sizeof want, "%s:%u: %s", path, line, msg);
    else
        snprintf(want, sizeof want, "%s: %s", path, msg);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "error \"%s\", want \"%s...\"", err, want);
}

#define BAD(text, line, msg) expect_error(text, sizeof(text) - 1, -EINVAL, line, msg)

START_TEST(parser_errors)
{
    BAD("# x\n00E0FG\t24\tHuawei\n", 2, "bad hex digit 'G' in the prefix");
    BAD("00E0FC\t24\tA\n 00E0FD\t24\tB\n", 2, "bad hex digit ' ' in the prefix");
    BAD("00E0FC\t25\tHuawei\n", 1, "bad bits \"25\" (24, 28 or 36)");
    BAD("00E0FC\t024\tHuawei\n", 1, "bad bits \"024\"");
    BAD("00E0FC\t\tHuawei\n", 1, "bad bits \"\"");
    BAD("00E0FC 24 Huawei\n", 1, "missing tab after the prefix");
    BAD("00E0FC\t24 Huawei\n", 1, "missing tab after the bits");
    BAD("00E0FC\n", 1, "missing tab after the prefix");
    BAD("00E0FC\t28\tHuawei\n", 1, "prefix of 6 hex digits does not match 28 bits");
    BAD("00E0FC1\t24\tHuawei\n", 1, "prefix of 7 hex digits does not match 24 bits");
    BAD("00E0FC123\t28\tHuawei\n", 1, "prefix of 9 hex digits does not match 28 bits");
    BAD("00E0F\t24\tHuawei\n", 1, "prefix has 5 hex digits, not 6, 7 or 9");
    BAD("00E0FC12\t36\tHuawei\n", 1, "prefix has 8 hex digits");
    BAD("00E0FC1234567\t36\tX\n", 1, "prefix has 13 hex digits");
    BAD("\t24\tHuawei\n", 1, "prefix has 0 hex digits");
    BAD("# h\n\n00E0FC\t24\tA\n0019C6\t24\tB\n00e0fc\t24\tC\n", 5,
        "duplicate assignment 00e0fc/24 (first at line 3)");
    BAD("AC64DD5\t28\tA\nAC64DD5\t28\tB\n", 2, "duplicate assignment AC64DD5/28 (first at line 1)");
    BAD("00E0FC\t24\t\n", 1, "empty organisation");
    BAD("00E0FC\t24\tHuawei\tShenzhen\n", 1, "tab in organisation");
    BAD("00E0FC\t24\tHua\x01wei\n", 1, "control character 0x01 in organisation");
    BAD("00E0FC\t24\tHua\x7fwei\n", 1, "control character 0x7f in organisation");
    BAD("00E0FC\t24\tHua\xffwei\n", 1, "invalid UTF-8 or C1 control in organisation at byte 4");
    BAD("00E0FC\t24\tBr\xc3\n", 1, "invalid UTF-8");
    BAD("00E0FC\t24\tA\xc2\x85 B\n", 1, "invalid UTF-8 or C1 control"); /* U+0085 NEL */
    BAD("00E0FC\t24\t\xc0\xaf\n", 1, "invalid UTF-8");                  /* overlong '/' */
    BAD("00E0FC\t24\t\xed\xa0\x80\n", 1, "invalid UTF-8");              /* surrogate */
    BAD("00E0FC\t24\tHuawei \n", 1, "organisation has a leading or trailing space");
    BAD("00E0FC\t24\t Huawei\n", 1, "organisation has a leading or trailing space");
    BAD("00E0FC\t24\tA\n00E0FD\t24\tB\0C\n", 2, "NUL byte");
    BAD("# counts: 24=2 28=0 36=0\n00E0FC\t24\tA\n", 1, "counts say 24=2 but the file has 1");
    BAD("# counts: 24=1 28=1 36=0\n00E0FC\t24\tA\n", 1, "counts say 28=1 but the file has 0");
    BAD("# counts: 24=1\n00E0FC\t24\tA\n", 1, "counts: expected");
    BAD("# counts: 24=1 28=0 36=0 x\n00E0FC\t24\tA\n", 1, "counts: trailing text");
    BAD("# snapshot: a\n# snapshot: b\n00E0FC\t24\tA\n", 2, "second snapshot line");
    BAD("# snapshot:\n00E0FC\t24\tA\n", 1, "empty snapshot name");
    BAD("# only comments\n\n", 2, "no assignments");
    expect_error("", 0, -EINVAL, 0, "no assignments");

    /* A line of VS_MAX_DATA_LINE bytes is read; one byte more is refused. */
    char *big = malloc(VS_MAX_DATA_LINE + 2);
    ck_assert_ptr_nonnull(big);
    memcpy(big, "00E0FC\t24\t", 10);
    memset(big + 10, 'x', VS_MAX_DATA_LINE - 10);
    big[VS_MAX_DATA_LINE] = '\n';
    char path[64], err0[256];
    write_temp(path, big, VS_MAX_DATA_LINE + 1);
    struct vs_oui_db *ok = NULL;
    int rc = vs_oui_load(path, &ok, err0, sizeof err0);
    unlink(path);
    ck_assert_msg(rc == 0, "%s", err0);
    vs_oui_free(ok);
    big[VS_MAX_DATA_LINE] = 'x';
    big[VS_MAX_DATA_LINE + 1] = '\n';
    expect_error(big, VS_MAX_DATA_LINE + 2, -EINVAL, 1, "line longer than 4096 bytes");
    free(big);

    char err[256];
    struct vs_oui_db *db = NULL;
    ck_assert_int_eq(vs_oui_load("/nonexistent/oui.tsv", &db, err, sizeof err), -ENOENT);
    ck_assert_ptr_null(db);
    ck_assert_str_eq(err, "/nonexistent/oui.tsv: No such file or directory");
    /* A tiny error buffer is truncated, never overrun; none at all is allowed. */
    char tiny[8];
    ck_assert_int_eq(vs_oui_load("/nonexistent/oui.tsv", &db, tiny, sizeof tiny), -ENOENT);
    ck_assert_str_eq(tiny, "/nonexi");
    ck_assert_int_eq(vs_oui_load("/nonexistent/oui.tsv", &db, NULL, 0), -ENOENT);
}
END_TEST

START_TEST(good_small_file)
{
    /* Unsorted, a 36-bit block before its parent, CRLF, lower-case hex, blank lines, and
     * a last line without a newline: all accepted. */
    static const char text[] = "# a hand-made snapshot\n"
                               "# snapshot: test 1 (2000-01-01)\n"
                               "# counts: 24=2 28=1 36=1\n"
                               "\n"
                               "8C1F64D80\t36\tAZTEK SA\r\n"
                               "8c1f64\t24\tIEEE Registration Authority\n"
                               "AC64DD5\t28\tSHANGHAI ZTE TECHNOLOGIES CO.,LTD\n"
                               "# trailing comment\n"
                               "00E0FC\t24\tHUAWEI TECHNOLOGIES CO.,LTD";
    char path[64], err[256];
    write_temp(path, text, sizeof text - 1);
    struct vs_oui_db *db = NULL;
    int rc = vs_oui_load(path, &db, err, sizeof err);
    unlink(path);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_str_eq(vs_oui_snapshot(db), "test 1 (2000-01-01)");
    ck_assert_uint_eq(vs_oui_count(db, 24), 2);
    ck_assert_uint_eq(vs_oui_count(db, 28), 1);
    ck_assert_uint_eq(vs_oui_count(db, 36), 1);
    ck_assert_uint_eq(vs_oui_count(db, 0), 4);

    struct vs_oui_result r = look(db, 0x8c, 0x1f, 0x64, 0xd8, 0x01, 0x02);
    ASSERT_ORG(r, "AZTEK SA", 36); /* the CR is not part of the name */
    r = look(db, 0x8c, 0x1f, 0x64, 0xd8, 0x11, 0x02);
    ASSERT_ORG(r, "IEEE Registration Authority", 24);
    r = look(db, 0xac, 0x64, 0xdd, 0x5a, 0x00, 0x00);
    ASSERT_ORG(r, "SHANGHAI ZTE TECHNOLOGIES CO.,LTD", 28);
    /* A 28-bit block whose MA-L is absent: nothing outside the block. */
    r = look(db, 0xac, 0x64, 0xdd, 0x4a, 0x00, 0x00);
    ck_assert_ptr_null(r.org);
    ck_assert_uint_eq(r.bits, 0);
    r = look(db, 0x00, 0xe0, 0xfc, 0x00, 0x00, 0x01);
    ASSERT_ORG(r, "HUAWEI TECHNOLOGIES CO.,LTD", 24);
    r = look(db, 0x00, 0x19, 0xc6, 0x00, 0x00, 0x01);
    ck_assert_ptr_null(r.org);
    vs_oui_free(db);
    vs_oui_free(NULL);
}
END_TEST

START_TEST(stream_loader)
{
    static const char text[] = "001122\t24\tExample Org\n";
    FILE *f = fmemopen((void *)(uintptr_t)text, sizeof text - 1, "r");
    ck_assert_ptr_nonnull(f);
    struct vs_oui_db *db = NULL;
    char err[256];
    int rc = vs_oui_load_stream(f, "<mem>", &db, err, sizeof err);
    fclose(f);
    ck_assert_msg(rc == 0, "%s", err);
    ck_assert_str_eq(vs_oui_snapshot(db), "unknown");
    struct vs_oui_result r = look(db, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55);
    ASSERT_ORG(r, "Example Org", 24);
    vs_oui_free(db);

    static const char bad[] = "001122\t24\tExample Org\n001122\t24\tAgain\n";
    f = fmemopen((void *)(uintptr_t)bad, sizeof bad - 1, "r");
    ck_assert_ptr_nonnull(f);
    rc = vs_oui_load_stream(f, "<mem>", &db, err, sizeof err);
    fclose(f);
    ck_assert_int_eq(rc, -EINVAL);
    ck_assert_str_eq(err, "<mem>:2: duplicate assignment 001122/24 (first at line 1)");
}
END_TEST

START_TEST(load_time)
{
    /* Reported, not asserted: machines differ, and sanitizer builds are slow. */
    struct timespec a, b;
    char err[512];
    struct vs_oui_db *db = NULL;
    clock_gettime(CLOCK_MONOTONIC, &a);
    int rc = vs_oui_load(tu_src_path("oui_db/oui.tsv"), &db, err, sizeof err);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ck_assert_msg(rc == 0, "%s", err);
    double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    printf("check_oui: loaded %zu assignments (%s) in %.2f ms\n", vs_oui_count(db, 0),
           vs_oui_snapshot(db), ms);
    vs_oui_free(db);
}
END_TEST

/* ---- The binary table (oui.c, "The binary table") ---------------------------------------- */

static char table_dir[] = "/tmp/check_oui_XXXXXX";
static char table_path[256], tsv_copy[256];

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    ck_assert_int_ge(len, 0);
    rewind(f);
    unsigned char *b = malloc((size_t)len + 1);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

static void spill(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

/* A table of the shipped TSV, made by the same call as the build's generator, and a copy of
 * the TSV to change. */
static void make_table(void)
{
    strcpy(table_dir, "/tmp/check_oui_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(table_dir));
    snprintf(table_path, sizeof table_path, "%s/oui.bin", table_dir);
    snprintf(tsv_copy, sizeof tsv_copy, "%s/oui.tsv", table_dir);
    size_t n;
    unsigned char *b = slurp(tu_src_path("oui_db/oui.tsv"), &n);
    spill(tsv_copy, b, n);
    free(b);
    char err[512];
    struct vs_oui_db *db = NULL;
    int rc = vs_oui_load(tsv_copy, &db, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    rc = vs_oui_table_write(db, tsv_copy, table_path, err, sizeof err);
    ck_assert_msg(rc == 0, "%s", err);
    vs_oui_free(db);
}

static void drop_table(void)
{
    unlink(table_path);
    unlink(tsv_copy);
    rmdir(table_dir);
}

static void same_answer(const struct vs_oui_db *a, const struct vs_oui_db *b, const uint8_t mac[6])
{
    struct vs_oui_result ra, rb;
    vs_oui_lookup(a, mac, &ra);
    vs_oui_lookup(b, mac, &rb);
    ck_assert_int_eq(ra.cls, rb.cls);
    ck_assert_uint_eq(ra.bits, rb.bits);
    if (!ra.org || !rb.org)
        ck_assert_ptr_eq(ra.org, rb.org);
    else
        ck_assert_str_eq(ra.org, rb.org);
}

START_TEST(table_answers_as_tsv)
{
    make_table();
    char why[512];
    struct vs_oui_db *t = NULL;
    int rc = vs_oui_table_load(table_path, tsv_copy, &t, why, sizeof why);
    ck_assert_msg(rc == 0, "%s", why);
    ck_assert(vs_oui_from_table(t));
    ck_assert_ptr_nonnull(shipped);
    ck_assert(!vs_oui_from_table(shipped));
    ck_assert_str_eq(vs_oui_snapshot(t), vs_oui_snapshot(shipped));
    for (unsigned bits = 0; bits <= 36; bits += 4)
        ck_assert_uint_eq(vs_oui_count(t, bits), vs_oui_count(shipped, bits));
    /* Every assignment of the TSV, at both ends of its block and inside it. */
    FILE *f = fopen(tsv_copy, "r");
    ck_assert_ptr_nonnull(f);
    char line[1024];
    size_t lines = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        uint64_t v = strtoull(line, NULL, 16);
        size_t digits = strcspn(line, "\t");
        unsigned shift = 48 - (unsigned)digits * 4;
        const uint64_t fill[3] = {0, ((uint64_t)1 << shift) - 1, 0x5a5a5a5a5a5aULL};
        for (int k = 0; k < 3; k++) {
            uint64_t m = v << shift | (fill[k] & (((uint64_t)1 << shift) - 1));
            const uint8_t mac[6] = {(uint8_t)(m >> 40), (uint8_t)(m >> 32), (uint8_t)(m >> 24),
                                    (uint8_t)(m >> 16), (uint8_t)(m >> 8),  (uint8_t)m};
            same_answer(shipped, t, mac);
        }
        lines++;
    }
    fclose(f);
    ck_assert_uint_eq(lines, vs_oui_count(shipped, 0));
    /* And addresses nobody picked. */
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const uint8_t mac[6] = {(uint8_t)(x >> 40) & 0xfc, (uint8_t)(x >> 32), (uint8_t)(x >> 24),
                                (uint8_t)(x >> 16),        (uint8_t)(x >> 8),  (uint8_t)x};
        same_answer(shipped, t, mac);
    }
    struct vs_oui_result r = look(t, 0xac, 0x64, 0xdd, 0x51, 0x22, 0x33);
    ASSERT_ORG(r, "SHANGHAI ZTE TECHNOLOGIES CO.,LTD", 28);
    vs_oui_free(t);
    drop_table();
}
END_TEST

START_TEST(table_stale_or_missing)
{
    make_table();
    char why[512];
    struct vs_oui_db *t = NULL;
    /* Same size, one byte changed: the hash tells. */
    size_t n;
    unsigned char *b = slurp(tsv_copy, &n);
    unsigned char *nl = memchr(b + n / 2, '\n', n / 2);
    ck_assert_ptr_nonnull(nl);
    nl[-1] = nl[-1] == 'x' ? 'y' : 'x';
    spill(tsv_copy, b, n);
    ck_assert_int_eq(vs_oui_table_load(table_path, tsv_copy, &t, why, sizeof why), -1);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(why, "stale") != NULL, "%s", why);
    /* A line more: the size tells. */
    FILE *f = fopen(tsv_copy, "ab");
    ck_assert_ptr_nonnull(f);
    fputs("# another comment\n", f);
    fclose(f);
    ck_assert_int_eq(vs_oui_table_load(table_path, tsv_copy, &t, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "stale") != NULL, "%s", why);
    free(b);
    /* No TSV, no table: refused, with the reason. */
    unlink(tsv_copy);
    ck_assert_int_eq(vs_oui_table_load(table_path, tsv_copy, &t, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "No such file") != NULL, "%s", why);
    ck_assert_int_eq(vs_oui_table_load("/nonexistent/oui.bin", tsv_copy, &t, why, sizeof why), -1);
    ck_assert_ptr_null(t);
    drop_table();
}
END_TEST

/* Lookups on whatever a damaged buffer loaded as: answers must stay inside the table
 * (the sanitizer build checks every read). */
static void poke(const struct vs_oui_db *db)
{
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const uint8_t mac[6] = {(uint8_t)(x >> 40) & 0xfc, (uint8_t)(x >> 32), (uint8_t)(x >> 24),
                                (uint8_t)(x >> 16),        (uint8_t)(x >> 8),  (uint8_t)x};
        struct vs_oui_result r;
        vs_oui_lookup(db, mac, &r);
        if (r.org)
            ck_assert(r.bits == 24 || r.bits == 28 || r.bits == 36);
    }
    ck_assert_ptr_nonnull(vs_oui_snapshot(db));
}

START_TEST(table_truncated_or_damaged)
{
    make_table();
    size_t n;
    unsigned char *b = slurp(table_path, &n);
    char why[512];
    struct vs_oui_db *t = NULL;
    ck_assert_int_eq(vs_oui_table_from_buffer(b, n, 0, &t, why, sizeof why), 0);
    poke(t);
    vs_oui_free(t);
    /* Truncated anywhere: refused, from memory and from a file. */
    const size_t cuts[] = {0, 1, 8, 63, 64, 65, 4096, n / 2, n - 4096, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        ck_assert_int_eq(vs_oui_table_from_buffer(b, cuts[i], 0, &t, why, sizeof why), -1);
        ck_assert_ptr_null(t);
        ck_assert_int_eq(
            vs_oui_table_from_buffer(b, cuts[i], VS_OUI_TABLE_NO_HASH, &t, why, sizeof why), -1);
        spill(table_path, b, cuts[i]);
        ck_assert_int_eq(vs_oui_table_load(table_path, tsv_copy, &t, why, sizeof why), -1);
        ck_assert_ptr_null(t);
    }
    /* One bit flipped anywhere: the table's hash refuses it; without the hash check, the
     * structure checks refuse it or the result is still safe to use. */
    unsigned char *c = malloc(n);
    ck_assert_ptr_nonnull(c);
    uint64_t x = 0x2545F4914F6CDD1DULL;
    size_t refused = 0;
    for (int i = 0; i < 800; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t at = i < 64 ? (size_t)i : (size_t)(x % n);
        memcpy(c, b, n);
        c[at] ^= (unsigned char)(1u << (x >> 60 & 7));
        int rc = vs_oui_table_from_buffer(c, n, 0, &t, why, sizeof why);
        ck_assert_msg(rc == -1, "flip at %zu accepted", at);
        vs_oui_free(t);
        t = NULL;
        if (vs_oui_table_from_buffer(c, n, VS_OUI_TABLE_NO_HASH, &t, why, sizeof why) == 0)
            poke(t);
        else
            refused++;
        vs_oui_free(t);
        t = NULL;
    }
    ck_assert_uint_gt(refused, 0);
    /* Crafted: every slot taken (a lookup would never end), an organisation past the text. */
    memcpy(c, b, n);
    uint32_t bits;
    memcpy(&bits, c + 40, 4);
    ck_assert_uint_ge(bits, 6);
    ck_assert_uint_le(bits, 24);
    size_t nslots = (size_t)1 << bits;
    for (size_t i = 0; i < nslots; i++) {
        uint64_t s;
        memcpy(&s, c + 64 + i * 8, 8);
        if (s == 0) {
            /* A 24-bit parent slot: unassigned, a longer block below, no organisation. */
            s = (uint64_t)1 << 36 | (uint64_t)i % 0xffffff | UINT64_C(1) << 39 |
                UINT64_C(0x7fffff) << 41;
            memcpy(c + 64 + i * 8, &s, 8);
        }
    }
    ck_assert_int_eq(vs_oui_table_from_buffer(c, n, VS_OUI_TABLE_NO_HASH, &t, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "no empty slot") != NULL, "%s", why);
    memcpy(c, b, n);
    for (size_t i = 0; i < nslots; i++) {
        uint64_t s;
        memcpy(&s, c + 64 + i * 8, 8);
        if (s >> 38 & 1) {
            s = (s & ((UINT64_C(1) << 41) - 1)) | (UINT64_C(0x7ffffe) << 41);
            memcpy(c + 64 + i * 8, &s, 8);
            break;
        }
    }
    ck_assert_int_eq(vs_oui_table_from_buffer(c, n, VS_OUI_TABLE_NO_HASH, &t, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "bad slot") != NULL, "%s", why);
    free(c);
    free(b);
    drop_table();
}
END_TEST

static Suite *oui_suite(void)
{
    Suite *s = suite_create("oui");
    TCase *shipped_tc = tcase_create("shipped");
    tcase_add_unchecked_fixture(shipped_tc, load_shipped, free_shipped);
    tcase_add_test(shipped_tc, shipped_loads);
    tcase_add_test(shipped_tc, ma_l_24_bit);
    tcase_add_test(shipped_tc, ma_m_28_bit_beats_parent);
    tcase_add_test(shipped_tc, ma_m_without_parent_line);
    tcase_add_test(shipped_tc, ma_s_36_bit_beats_parent);
    tcase_add_test(shipped_tc, locally_administered);
    tcase_add_test(shipped_tc, multicast_broadcast_zero);
    tcase_add_test(shipped_tc, virtual_router_ranges);
    suite_add_tcase(s, shipped_tc);

    TCase *parse_tc = tcase_create("parser");
    tcase_add_test(parse_tc, classify_without_db);
    tcase_add_test(parse_tc, parser_errors);
    tcase_add_test(parse_tc, good_small_file);
    tcase_add_test(parse_tc, stream_loader);
    tcase_add_test(parse_tc, load_time);
    suite_add_tcase(s, parse_tc);

    TCase *table_tc = tcase_create("table");
    tcase_add_unchecked_fixture(table_tc, load_shipped, free_shipped);
    tcase_set_timeout(table_tc, 120);
    tcase_add_test(table_tc, table_answers_as_tsv);
    tcase_add_test(table_tc, table_stale_or_missing);
    tcase_add_test(table_tc, table_truncated_or_damaged);
    suite_add_tcase(s, table_tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(oui_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
