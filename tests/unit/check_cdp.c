/* check_cdp.c - CDP decoder tests: real CDPv1/v2 PDUs from the corpus with the values
 * tshark decoded in corpus/expected, the TLV length table, crafted length attacks,
 * limits and corpus replay. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "vendorsniff/dissect.h"

/* ---- corpus replay ------------------------------------------------------------------
 * A minimal classic-pcap reader and Ethernet/802.1Q/LLC/SNAP/UDP walker, enough to find
 * discovery PDUs in /work/shared/corpus (or $VS_CORPUS). Each PDU is handed over in an
 * exact-size heap block so ASan sees any read past it. Absent corpus: tests skip. */
enum disc_kind { DK_NONE, DK_LLDP, DK_CDP, DK_EDP, DK_FDP, DK_SONMP, DK_STP, DK_MNDP, DK_UBDP };

typedef void (*disc_frame_fn)(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file,
                              void *arg);

static uint16_t rd16be(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p, bool swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static enum disc_kind disc_classify(const uint8_t *f, size_t n, size_t *off, size_t *len)
{
    if (n < 14)
        return DK_NONE;
    size_t o = 12;
    uint16_t type = rd16be(f + o);
    while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && o + 6 <= n) {
        o += 4;
        type = rd16be(f + o);
    }
    o += 2;
    if (type == 0x88cc) {
        *off = o;
        *len = n - o;
        return DK_LLDP;
    }
    if (type <= 1500) {
        size_t end = o + type < n ? o + type : n; /* the 802.3 length excludes padding */
        if (end - o >= 3 && f[o] == 0x42 && f[o + 1] == 0x42 && f[o + 2] == 3) {
            *off = o + 3;
            *len = end - o - 3;
            return DK_STP;
        }
        if (end - o < 8 || f[o] != 0xaa || f[o + 1] != 0xaa || f[o + 2] != 3)
            return DK_NONE;
        uint32_t oui = (uint32_t)f[o + 3] << 16 | (uint32_t)f[o + 4] << 8 | f[o + 5];
        uint16_t pid = rd16be(f + o + 6);
        *off = o + 8;
        *len = end - o - 8;
        if (oui == 0x00000c && pid == 0x2000)
            return DK_CDP;
        if (oui == 0x00000c && pid == 0x010b)
            return DK_STP;
        if (oui == 0x00e02b && pid == 0x00bb)
            return DK_EDP;
        if (oui == 0x00e052 && pid == 0x2000)
            return DK_FDP;
        if (oui == 0x000081 && (pid == 0x01a1 || pid == 0x01a2))
            return DK_SONMP;
        return DK_NONE;
    }
    uint8_t proto;
    size_t l4;
    if (type == 0x0800 && n - o >= 20) {
        proto = f[o + 9];
        l4 = o + (size_t)(f[o] & 15) * 4;
    } else if (type == 0x86dd && n - o >= 40) {
        proto = f[o + 6];
        l4 = o + 40;
    } else {
        return DK_NONE;
    }
    if (proto != 17 || l4 + 8 > n)
        return DK_NONE;
    uint16_t sp = rd16be(f + l4), dp = rd16be(f + l4 + 2), ulen = rd16be(f + l4 + 4);
    *off = l4 + 8;
    *len = n - l4 - 8;
    if (ulen >= 8 && (size_t)ulen - 8 < *len)
        *len = (size_t)ulen - 8;
    if (sp == 5678 || dp == 5678)
        return DK_MNDP;
    if (sp == 10001 || dp == 10001)
        return DK_UBDP;
    return DK_NONE;
}

/* Feeds each discovery PDU of one capture to fn; returns how many were found. */
static size_t disc_replay_file(const char *path, disc_frame_fn fn, void *arg)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    uint8_t gh[24], rh[16];
    size_t found = 0;
    bool swap = false, ok = fread(gh, 1, sizeof gh, fp) == sizeof gh;
    uint32_t magic = ok ? rd32(gh, false) : 0;
    if (magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u)
        swap = true;
    else if (magic != 0xa1b2c3d4u && magic != 0xa1b23c4du)
        ok = false;
    if (ok && (rd32(gh + 20, swap) & 0xffff) != 1) /* Ethernet only (upper bits: FCS info) */
        ok = false;
    while (ok && fread(rh, 1, sizeof rh, fp) == sizeof rh) {
        uint32_t incl = rd32(rh + 8, swap);
        if (incl > 262144)
            break;
        uint8_t *frame = malloc(incl ? incl : 1);
        ck_assert_ptr_nonnull(frame);
        if (fread(frame, 1, incl, fp) != incl) {
            free(frame);
            break;
        }
        size_t off, len;
        enum disc_kind k = disc_classify(frame, incl, &off, &len);
        if (k != DK_NONE) {
            uint8_t *pdu = malloc(len ? len : 1);
            ck_assert_ptr_nonnull(pdu);
            memcpy(pdu, frame + off, len);
            fn(k, pdu, len, path, arg);
            free(pdu);
            found++;
        }
        free(frame);
    }
    fclose(fp);
    return found;
}

static const char *disc_corpus_dir(void)
{
    const char *env = getenv("VS_CORPUS");
    return env && *env ? env : "/work/shared/corpus";
}

/* Every capture in corpus/<sub>/; returns PDUs found, or -1 when the folder is absent. */
static long disc_replay_dir(const char *sub, disc_frame_fn fn, void *arg)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", disc_corpus_dir(), sub);
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long found = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        found += (long)disc_replay_file(path, fn, arg);
    }
    closedir(d);
    return found;
}

/* ---- evidence helpers --------------------------------------------------------------- */
static struct tu_collector col, full_col, part_col;

/* Decodes buf from an exact-size heap copy into *into. */
static enum vs_decode_status decode_into(vs_dissect_fn fn, const uint8_t *buf, size_t n,
                                         struct tu_collector *into)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    tu_reset(into);
    uint8_t *copy = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(copy);
    if (n)
        memcpy(copy, buf, n);
    enum vs_decode_status st = fn(vs_cur_make(copy, n), &pkt, tu_collect, into);
    free(copy);
    return st;
}

static enum vs_decode_status decode(vs_dissect_fn fn, const uint8_t *buf, size_t n)
{
    return decode_into(fn, buf, n, &col);
}

#define EXPECT(f, v)                                                                               \
    ck_assert_msg(tu_has(&col, (f), (v)), "%s: want \"%s\", first is \"%s\"", vs_field_name(f),    \
                  (v), tu_get(&col, (f)) ? tu_get(&col, (f)) : "(none)")

static bool same_ev(const struct tu_ev *a, const struct tu_ev *b)
{
    return a->field == b->field && a->len == b->len && strcmp(a->value, b->value) == 0;
}

/* Every prefix decodes without crash (tu_every_prefix, exact-size blocks) and yields only
 * evidence the whole PDU also yields: nothing half-read past the cut leaks out. */
static void check_prefixes(vs_dissect_fn fn, const uint8_t *buf, size_t n)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    ck_assert_uint_gt(tu_every_prefix(fn, buf, n, &pkt), 0);
    decode_into(fn, buf, n, &full_col);
    ck_assert_uint_gt(full_col.n, 0);
    for (size_t i = 0; i < n; i++) {
        decode_into(fn, buf, i, &part_col);
        for (size_t j = 0; j < part_col.n; j++) {
            bool found = false;
            for (size_t k = 0; k < full_col.n && !found; k++)
                found = same_ev(&part_col.ev[j], &full_col.ev[k]);
            ck_assert_msg(found, "prefix %zu of %zu: %s=\"%s\" not in the full decode", i, n,
                          vs_field_name(part_col.ev[j].field), part_col.ev[j].value);
        }
    }
}

/* ---- real CDP PDUs (everything after SNAP 00000c/2000) ------------------------------ */

/* zeek cdp-v1.pcap: Cisco 1601, IOS 11.2, CDP version 1. */
/* clang-format off */
static const uint8_t cdp_1601[] = {
    /* header: version 1, ttl/holdtime 180, checksum 0xdff0 */
    0x01, 0xb4, 0xdf, 0xf0,
    /* type 0x0001 Device ID, len 6: "R1" */
    0x00, 0x01, 0x00, 0x06, 0x52, 0x31,
    /* type 0x0002 Addresses, len 17: 1: 192.168.10.1 */
    0x00, 0x02, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0xc0, 0xa8, 0x0a, 0x01,
    /* type 0x0003 Port ID, len 13: "Ethernet0" */
    0x00, 0x03, 0x00, 0x0d, 0x45, 0x74, 0x68, 0x65, 0x72, 0x6e, 0x65, 0x74,
    0x30,
    /* type 0x0004 Capabilities, len 8: 0x00000001 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
    /* type 0x0005 Software Version, len 216: "Cisco Internetwork Operating System Soft..." */
    0x00, 0x05, 0x00, 0xd8, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x6e,
    0x74, 0x65, 0x72, 0x6e, 0x65, 0x74, 0x77, 0x6f, 0x72, 0x6b, 0x20, 0x4f,
    0x70, 0x65, 0x72, 0x61, 0x74, 0x69, 0x6e, 0x67, 0x20, 0x53, 0x79, 0x73,
    0x74, 0x65, 0x6d, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65,
    0x20, 0x0a, 0x49, 0x4f, 0x53, 0x20, 0x28, 0x74, 0x6d, 0x29, 0x20, 0x31,
    0x36, 0x30, 0x30, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65,
    0x20, 0x28, 0x43, 0x31, 0x36, 0x30, 0x30, 0x2d, 0x4e, 0x59, 0x2d, 0x4c,
    0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x20, 0x31,
    0x31, 0x2e, 0x32, 0x28, 0x31, 0x32, 0x29, 0x50, 0x2c, 0x20, 0x52, 0x45,
    0x4c, 0x45, 0x41, 0x53, 0x45, 0x20, 0x53, 0x4f, 0x46, 0x54, 0x57, 0x41,
    0x52, 0x45, 0x20, 0x28, 0x66, 0x63, 0x31, 0x29, 0x0a, 0x43, 0x6f, 0x70,
    0x79, 0x72, 0x69, 0x67, 0x68, 0x74, 0x20, 0x28, 0x63, 0x29, 0x20, 0x31,
    0x39, 0x38, 0x36, 0x2d, 0x31, 0x39, 0x39, 0x38, 0x20, 0x62, 0x79, 0x20,
    0x63, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x53, 0x79, 0x73, 0x74, 0x65, 0x6d,
    0x73, 0x2c, 0x20, 0x49, 0x6e, 0x63, 0x2e, 0x0a, 0x43, 0x6f, 0x6d, 0x70,
    0x69, 0x6c, 0x65, 0x64, 0x20, 0x54, 0x75, 0x65, 0x20, 0x30, 0x33, 0x2d,
    0x4d, 0x61, 0x72, 0x2d, 0x39, 0x38, 0x20, 0x30, 0x36, 0x3a, 0x33, 0x33,
    0x20, 0x62, 0x79, 0x20, 0x64, 0x73, 0x63, 0x68, 0x77, 0x61, 0x72, 0x74,
    /* type 0x0006 Platform, len 14: "cisco 1601" */
    0x00, 0x06, 0x00, 0x0e, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x31, 0x36,
    0x30, 0x31,
};
/* clang-format on */

/* ladvd 46.good.2811.pcap: Cisco 2811, one IPv4 and two IPv6 addresses (802.2 entries). */
/* clang-format off */
static const uint8_t cdp_2811[] = {
    /* header: version 2, ttl/holdtime 180, checksum 0xe653 */
    0x02, 0xb4, 0xe6, 0x53,
    /* type 0x0001 Device ID, len 31: "c2811.ttttrnal.lottlloou.nl" */
    0x00, 0x01, 0x00, 0x1f, 0x63, 0x32, 0x38, 0x31, 0x31, 0x2e, 0x74, 0x74,
    0x74, 0x74, 0x72, 0x6e, 0x61, 0x6c, 0x2e, 0x6c, 0x6f, 0x74, 0x74, 0x6c,
    0x6c, 0x6f, 0x6f, 0x75, 0x2e, 0x6e, 0x6c,
    /* type 0x0005 Software Version, len 254: "Cisco IOS Software, 2800 Software (C2800..." */
    0x00, 0x05, 0x00, 0xfe, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f,
    0x53, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
    0x32, 0x38, 0x30, 0x30, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72,
    0x65, 0x20, 0x28, 0x43, 0x32, 0x38, 0x30, 0x30, 0x4e, 0x4d, 0x2d, 0x41,
    0x44, 0x56, 0x49, 0x50, 0x53, 0x45, 0x52, 0x56, 0x49, 0x43, 0x45, 0x53,
    0x4b, 0x39, 0x2d, 0x4d, 0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69,
    0x6f, 0x6e, 0x20, 0x31, 0x32, 0x2e, 0x34, 0x28, 0x31, 0x35, 0x29, 0x54,
    0x36, 0x2c, 0x20, 0x52, 0x45, 0x4c, 0x45, 0x41, 0x53, 0x45, 0x20, 0x53,
    0x4f, 0x46, 0x54, 0x57, 0x41, 0x52, 0x45, 0x20, 0x28, 0x66, 0x63, 0x32,
    0x29, 0x0a, 0x54, 0x65, 0x63, 0x68, 0x6e, 0x69, 0x63, 0x61, 0x6c, 0x20,
    0x53, 0x75, 0x70, 0x70, 0x6f, 0x72, 0x74, 0x3a, 0x20, 0x68, 0x74, 0x74,
    0x70, 0x3a, 0x2f, 0x2f, 0x77, 0x77, 0x77, 0x2e, 0x63, 0x69, 0x73, 0x63,
    0x6f, 0x2e, 0x63, 0x6f, 0x6d, 0x2f, 0x74, 0x65, 0x63, 0x68, 0x73, 0x75,
    0x70, 0x70, 0x6f, 0x72, 0x74, 0x0a, 0x43, 0x6f, 0x70, 0x79, 0x72, 0x69,
    0x67, 0x68, 0x74, 0x20, 0x28, 0x63, 0x29, 0x20, 0x31, 0x39, 0x38, 0x36,
    0x2d, 0x32, 0x30, 0x30, 0x38, 0x20, 0x62, 0x79, 0x20, 0x43, 0x69, 0x73,
    0x63, 0x6f, 0x20, 0x53, 0x79, 0x73, 0x74, 0x65, 0x6d, 0x73, 0x2c, 0x20,
    0x49, 0x6e, 0x63, 0x2e, 0x0a, 0x43, 0x6f, 0x6d, 0x70, 0x69, 0x6c, 0x65,
    0x64, 0x20, 0x4d, 0x6f, 0x6e, 0x20, 0x30, 0x37, 0x2d, 0x4a, 0x75, 0x6c,
    0x2d, 0x30, 0x38, 0x20, 0x30, 0x35, 0x3a, 0x33, 0x38, 0x20, 0x62, 0x79,
    0x20, 0x70, 0x72, 0x6f, 0x64, 0x5f, 0x72, 0x65, 0x6c, 0x5f, 0x74, 0x65,
    0x61, 0x6d,
    /* type 0x0006 Platform, len 14: "Cisco 2811" */
    0x00, 0x06, 0x00, 0x0e, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x32, 0x38,
    0x31, 0x31,
    /* type 0x0002 Addresses, len 73: 3 entries: 94.142.240.17 (NLPID),
     * fe80::21a:6dff:fef5:d50 and 2a02:898:0:30::50:1 (802.2) */
    0x00, 0x02, 0x00, 0x49, 0x00, 0x00, 0x00, 0x03, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0x5e, 0x8e, 0xf0, 0x11, 0x02, 0x08, 0xaa, 0xaa, 0x03, 0x00, 0x00,
    0x00, 0x86, 0xdd, 0x00, 0x10, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x02, 0x1a, 0x6d, 0xff, 0xfe, 0xf5, 0x0d, 0x50, 0x02, 0x08, 0xaa,
    0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd, 0x00, 0x10, 0x2a, 0x02, 0x08,
    0x98, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x50, 0x00,
    0x01,
    /* type 0x0003 Port ID, len 19: "FastEthernet0/0" */
    0x00, 0x03, 0x00, 0x13, 0x46, 0x61, 0x73, 0x74, 0x45, 0x74, 0x68, 0x65,
    0x72, 0x6e, 0x65, 0x74, 0x30, 0x2f, 0x30,
    /* type 0x0004 Capabilities, len 8: 0x00000029 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x29,
    /* type 0x0009 VTP Domain, len 16: "localffff.nl" */
    0x00, 0x09, 0x00, 0x10, 0x6c, 0x6f, 0x63, 0x61, 0x6c, 0x66, 0x66, 0x66,
    0x66, 0x2e, 0x6e, 0x6c,
};
/* clang-format on */

/* tcpdump 3560_CDP.pcap: Catalyst 3560G, native VLAN, duplex, management addresses. */
/* clang-format off */
static const uint8_t cdp_3560[] = {
    /* header: version 2, ttl/holdtime 180, checksum 0xb0bd */
    0x02, 0xb4, 0xb0, 0xbd,
    /* type 0x0001 Device ID, len 10: "Switch" */
    0x00, 0x01, 0x00, 0x0a, 0x53, 0x77, 0x69, 0x74, 0x63, 0x68,
    /* type 0x0005 Software Version, len 196: "Cisco IOS Software, C3560 Software (C356..." */
    0x00, 0x05, 0x00, 0xc4, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f,
    0x53, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
    0x43, 0x33, 0x35, 0x36, 0x30, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61,
    0x72, 0x65, 0x20, 0x28, 0x43, 0x33, 0x35, 0x36, 0x30, 0x2d, 0x41, 0x44,
    0x56, 0x49, 0x50, 0x53, 0x45, 0x52, 0x56, 0x49, 0x43, 0x45, 0x53, 0x4b,
    0x39, 0x2d, 0x4d, 0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f,
    0x6e, 0x20, 0x31, 0x32, 0x2e, 0x32, 0x28, 0x32, 0x35, 0x29, 0x53, 0x45,
    0x42, 0x34, 0x2c, 0x20, 0x52, 0x45, 0x4c, 0x45, 0x41, 0x53, 0x45, 0x20,
    0x53, 0x4f, 0x46, 0x54, 0x57, 0x41, 0x52, 0x45, 0x20, 0x28, 0x66, 0x63,
    0x31, 0x29, 0x0a, 0x43, 0x6f, 0x70, 0x79, 0x72, 0x69, 0x67, 0x68, 0x74,
    0x20, 0x28, 0x63, 0x29, 0x20, 0x31, 0x39, 0x38, 0x36, 0x2d, 0x32, 0x30,
    0x30, 0x35, 0x20, 0x62, 0x79, 0x20, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20,
    0x53, 0x79, 0x73, 0x74, 0x65, 0x6d, 0x73, 0x2c, 0x20, 0x49, 0x6e, 0x63,
    0x2e, 0x0a, 0x43, 0x6f, 0x6d, 0x70, 0x69, 0x6c, 0x65, 0x64, 0x20, 0x54,
    0x75, 0x65, 0x20, 0x33, 0x30, 0x2d, 0x41, 0x75, 0x67, 0x2d, 0x30, 0x35,
    0x20, 0x31, 0x37, 0x3a, 0x35, 0x36, 0x20, 0x62, 0x79, 0x20, 0x79, 0x65,
    0x6e, 0x61, 0x6e, 0x68,
    /* type 0x0006 Platform, len 24: "cisco WS-C3560G-24PS" */
    0x00, 0x06, 0x00, 0x18, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x57, 0x53,
    0x2d, 0x43, 0x33, 0x35, 0x36, 0x30, 0x47, 0x2d, 0x32, 0x34, 0x50, 0x53,
    /* type 0x0002 Addresses, len 17: 1: 192.168.0.1 */
    0x00, 0x02, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0xc0, 0xa8, 0x00, 0x01,
    /* type 0x0003 Port ID, len 22: "GigabitEthernet0/5" */
    0x00, 0x03, 0x00, 0x16, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45,
    0x74, 0x68, 0x65, 0x72, 0x6e, 0x65, 0x74, 0x30, 0x2f, 0x35,
    /* type 0x0004 Capabilities, len 8: 0x00000028 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x28,
    /* type 0x0008 Protocol Hello, len 36: (binary) */
    0x00, 0x08, 0x00, 0x24, 0x00, 0x00, 0x0c, 0x01, 0x12, 0x00, 0x00, 0x00,
    0x00, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02, 0x21, 0xff, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x19, 0x06, 0xea, 0xb8, 0x80, 0xff, 0x00, 0x00,
    /* type 0x0009 VTP Domain, len 7: "Lab" */
    0x00, 0x09, 0x00, 0x07, 0x4c, 0x61, 0x62,
    /* type 0x000a Native VLAN, len 6: 1 */
    0x00, 0x0a, 0x00, 0x06, 0x00, 0x01,
    /* type 0x000b Duplex, len 5: 1 */
    0x00, 0x0b, 0x00, 0x05, 0x01,
    /* type 0x0012 Trust Bitmap, len 5: 0 */
    0x00, 0x12, 0x00, 0x05, 0x00,
    /* type 0x0013 Untrusted CoS, len 5: 0 */
    0x00, 0x13, 0x00, 0x05, 0x00,
    /* type 0x0016 Management Addresses, len 17: 1: 192.168.0.1 */
    0x00, 0x16, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0xc0, 0xa8, 0x00, 0x01,
    /* type 0x001a Power Available, len 16: (binary) */
    0x00, 0x1a, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0xff,
};
/* clang-format on */

/* ladvd cdp-BCM1100.cap: Broadcom BCM91100 reference phone, voice VLAN reply. */
/* clang-format off */
static const uint8_t cdp_bcm1100[] = {
    /* header: version 2, ttl/holdtime 180, checksum 0x7f3d */
    0x02, 0xb4, 0x7f, 0x3d,
    /* type 0x0005 Software Version, len 11: "BCM1100" */
    0x00, 0x05, 0x00, 0x0b, 0x42, 0x43, 0x4d, 0x31, 0x31, 0x30, 0x30,
    /* type 0x0001 Device ID, len 16: "0060B9C14027" */
    0x00, 0x01, 0x00, 0x10, 0x30, 0x30, 0x36, 0x30, 0x42, 0x39, 0x43, 0x31,
    0x34, 0x30, 0x32, 0x37,
    /* type 0x0004 Capabilities, len 8: 0x00000010 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x10,
    /* type 0x0006 Platform, len 12: "BCM91100" */
    0x00, 0x06, 0x00, 0x0c, 0x42, 0x43, 0x4d, 0x39, 0x31, 0x31, 0x30, 0x30,
    /* type 0x000e VoIP VLAN Reply, len 7: appliance 1, vlan 4095 */
    0x00, 0x0e, 0x00, 0x07, 0x01, 0x0f, 0xff,
    /* type 0x0010 Power, len 6: 6400 */
    0x00, 0x10, 0x00, 0x06, 0x19, 0x00,
};
/* clang-format on */

/* nDPI capwap.pcap frame 11: Aironet AIR-CAP2602I, voice VLAN query, duplex. */
/* clang-format off */
static const uint8_t cdp_aironet[] = {
    /* header: version 2, ttl/holdtime 180, checksum 0x725d */
    0x02, 0xb4, 0x72, 0x5d,
    /* type 0x0001 Device ID, len 20: "APb838.61f3.05ac" */
    0x00, 0x01, 0x00, 0x14, 0x41, 0x50, 0x62, 0x38, 0x33, 0x38, 0x2e, 0x36,
    0x31, 0x66, 0x33, 0x2e, 0x30, 0x35, 0x61, 0x63,
    /* type 0x0005 Software Version, len 242: "Cisco IOS Software, C2600 Software (AP3G..." */
    0x00, 0x05, 0x00, 0xf2, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f,
    0x53, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
    0x43, 0x32, 0x36, 0x30, 0x30, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61,
    0x72, 0x65, 0x20, 0x28, 0x41, 0x50, 0x33, 0x47, 0x32, 0x2d, 0x4b, 0x39,
    0x57, 0x38, 0x2d, 0x4d, 0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69,
    0x6f, 0x6e, 0x20, 0x31, 0x35, 0x2e, 0x32, 0x28, 0x34, 0x29, 0x4a, 0x41,
    0x31, 0x2c, 0x20, 0x52, 0x45, 0x4c, 0x45, 0x41, 0x53, 0x45, 0x20, 0x53,
    0x4f, 0x46, 0x54, 0x57, 0x41, 0x52, 0x45, 0x20, 0x28, 0x66, 0x63, 0x32,
    0x29, 0x0a, 0x54, 0x65, 0x63, 0x68, 0x6e, 0x69, 0x63, 0x61, 0x6c, 0x20,
    0x53, 0x75, 0x70, 0x70, 0x6f, 0x72, 0x74, 0x3a, 0x20, 0x68, 0x74, 0x74,
    0x70, 0x3a, 0x2f, 0x2f, 0x77, 0x77, 0x77, 0x2e, 0x63, 0x69, 0x73, 0x63,
    0x6f, 0x2e, 0x63, 0x6f, 0x6d, 0x2f, 0x74, 0x65, 0x63, 0x68, 0x73, 0x75,
    0x70, 0x70, 0x6f, 0x72, 0x74, 0x0a, 0x43, 0x6f, 0x70, 0x79, 0x72, 0x69,
    0x67, 0x68, 0x74, 0x20, 0x28, 0x63, 0x29, 0x20, 0x31, 0x39, 0x38, 0x36,
    0x2d, 0x32, 0x30, 0x31, 0x33, 0x20, 0x62, 0x79, 0x20, 0x43, 0x69, 0x73,
    0x63, 0x6f, 0x20, 0x53, 0x79, 0x73, 0x74, 0x65, 0x6d, 0x73, 0x2c, 0x20,
    0x49, 0x6e, 0x63, 0x2e, 0x0a, 0x43, 0x6f, 0x6d, 0x70, 0x69, 0x6c, 0x65,
    0x64, 0x20, 0x54, 0x75, 0x65, 0x20, 0x33, 0x30, 0x2d, 0x4a, 0x75, 0x6c,
    0x2d, 0x31, 0x33, 0x20, 0x32, 0x32, 0x3a, 0x35, 0x37, 0x20, 0x62, 0x79,
    0x20, 0x70, 0x72, 0x6f, 0x64, 0x5f, 0x72, 0x65, 0x6c, 0x5f, 0x74, 0x65,
    0x61, 0x6d,
    /* type 0x0006 Platform, len 27: "cisco AIR-CAP2602I-Q-K9" */
    0x00, 0x06, 0x00, 0x1b, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x41, 0x49,
    0x52, 0x2d, 0x43, 0x41, 0x50, 0x32, 0x36, 0x30, 0x32, 0x49, 0x2d, 0x51,
    0x2d, 0x4b, 0x39,
    /* type 0x0002 Addresses, len 17: 1: 192.168.10.10 */
    0x00, 0x02, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0xc0, 0xa8, 0x0a, 0x0a,
    /* type 0x0003 Port ID, len 22: "GigabitEthernet0.1" */
    0x00, 0x03, 0x00, 0x16, 0x47, 0x69, 0x67, 0x61, 0x62, 0x69, 0x74, 0x45,
    0x74, 0x68, 0x65, 0x72, 0x6e, 0x65, 0x74, 0x30, 0x2e, 0x31,
    /* type 0x0004 Capabilities, len 8: 0x00000003 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x03,
    /* type 0x000b Duplex, len 5: 1 */
    0x00, 0x0b, 0x00, 0x05, 0x01,
    /* type 0x000f VoIP VLAN Query, len 8: appliance 32, vlan 0 */
    0x00, 0x0f, 0x00, 0x08, 0x20, 0x00, 0x00, 0x00,
    /* type 0x0010 Power, len 6: 13000 */
    0x00, 0x10, 0x00, 0x06, 0x32, 0xc8,
    /* type 0x0019 Power Request, len 16: (binary) */
    0x00, 0x19, 0x00, 0x10, 0xa4, 0x8d, 0x00, 0x00, 0x00, 0x00, 0x3c, 0x28,
    0x00, 0x00, 0x32, 0xc8,
};
/* clang-format on */

/* ladvd 50.good.mikrotik.pcap: MikroTik RouterOS 6.21.1 speaking CDPv1. */
/* clang-format off */
static const uint8_t cdp_mikrotik[] = {
    /* header: version 1, ttl/holdtime 120, checksum 0x046c */
    0x01, 0x78, 0x04, 0x6c,
    /* type 0x0001 Device ID, len 12: "MikroTik" */
    0x00, 0x01, 0x00, 0x0c, 0x4d, 0x69, 0x6b, 0x72, 0x6f, 0x54, 0x69, 0x6b,
    /* type 0x0003 Port ID, len 10: "ether2" */
    0x00, 0x03, 0x00, 0x0a, 0x65, 0x74, 0x68, 0x65, 0x72, 0x32,
    /* type 0x0004 Capabilities, len 8: 0x00000001 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
    /* type 0x0005 Software Version, len 10: "6.21.1" */
    0x00, 0x05, 0x00, 0x0a, 0x36, 0x2e, 0x32, 0x31, 0x2e, 0x31,
    /* type 0x0006 Platform, len 12: "MikroTik" */
    0x00, 0x06, 0x00, 0x0c, 0x4d, 0x69, 0x6b, 0x72, 0x6f, 0x54, 0x69, 0x6b,
};
/* clang-format on */

/* tcpdump LLDP_and_CDP.pcap frame 1: Catalyst 3560 S1 without an IP (0.0.0.0). */
/* clang-format off */
static const uint8_t cdp_s1[] = {
    /* header: version 2, ttl/holdtime 180, checksum 0x0bea */
    0x02, 0xb4, 0x0b, 0xea,
    /* type 0x0001 Device ID, len 6: "S1" */
    0x00, 0x01, 0x00, 0x06, 0x53, 0x31,
    /* type 0x0005 Software Version, len 194: "Cisco IOS Software, C3560 Software (C356..." */
    0x00, 0x05, 0x00, 0xc2, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x49, 0x4f,
    0x53, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61, 0x72, 0x65, 0x2c, 0x20,
    0x43, 0x33, 0x35, 0x36, 0x30, 0x20, 0x53, 0x6f, 0x66, 0x74, 0x77, 0x61,
    0x72, 0x65, 0x20, 0x28, 0x43, 0x33, 0x35, 0x36, 0x30, 0x2d, 0x41, 0x44,
    0x56, 0x49, 0x50, 0x53, 0x45, 0x52, 0x56, 0x49, 0x43, 0x45, 0x53, 0x4b,
    0x39, 0x2d, 0x4d, 0x29, 0x2c, 0x20, 0x56, 0x65, 0x72, 0x73, 0x69, 0x6f,
    0x6e, 0x20, 0x31, 0x32, 0x2e, 0x32, 0x28, 0x34, 0x34, 0x29, 0x53, 0x45,
    0x2c, 0x20, 0x52, 0x45, 0x4c, 0x45, 0x41, 0x53, 0x45, 0x20, 0x53, 0x4f,
    0x46, 0x54, 0x57, 0x41, 0x52, 0x45, 0x20, 0x28, 0x66, 0x63, 0x31, 0x29,
    0x0a, 0x43, 0x6f, 0x70, 0x79, 0x72, 0x69, 0x67, 0x68, 0x74, 0x20, 0x28,
    0x63, 0x29, 0x20, 0x31, 0x39, 0x38, 0x36, 0x2d, 0x32, 0x30, 0x30, 0x38,
    0x20, 0x62, 0x79, 0x20, 0x43, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x53, 0x79,
    0x73, 0x74, 0x65, 0x6d, 0x73, 0x2c, 0x20, 0x49, 0x6e, 0x63, 0x2e, 0x0a,
    0x43, 0x6f, 0x6d, 0x70, 0x69, 0x6c, 0x65, 0x64, 0x20, 0x53, 0x61, 0x74,
    0x20, 0x30, 0x35, 0x2d, 0x4a, 0x61, 0x6e, 0x2d, 0x30, 0x38, 0x20, 0x30,
    0x30, 0x3a, 0x31, 0x35, 0x20, 0x62, 0x79, 0x20, 0x77, 0x65, 0x69, 0x6c,
    0x69, 0x75,
    /* type 0x0006 Platform, len 23: "cisco WS-C3560-24TS" */
    0x00, 0x06, 0x00, 0x17, 0x63, 0x69, 0x73, 0x63, 0x6f, 0x20, 0x57, 0x53,
    0x2d, 0x43, 0x33, 0x35, 0x36, 0x30, 0x2d, 0x32, 0x34, 0x54, 0x53,
    /* type 0x0002 Addresses, len 17: 1: 0.0.0.0 */
    0x00, 0x02, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x00,
    /* type 0x0003 Port ID, len 20: "FastEthernet0/13" */
    0x00, 0x03, 0x00, 0x14, 0x46, 0x61, 0x73, 0x74, 0x45, 0x74, 0x68, 0x65,
    0x72, 0x6e, 0x65, 0x74, 0x30, 0x2f, 0x31, 0x33,
    /* type 0x0004 Capabilities, len 8: 0x00000028 */
    0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, 0x28,
    /* type 0x0008 Protocol Hello, len 36: (binary) */
    0x00, 0x08, 0x00, 0x24, 0x00, 0x00, 0x0c, 0x01, 0x12, 0x00, 0x00, 0x00,
    0x00, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02, 0x20, 0xff, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x18, 0xba, 0x98, 0x68, 0x80, 0xff, 0x00, 0x00,
    /* type 0x0009 VTP Domain, len 4: "" */
    0x00, 0x09, 0x00, 0x04,
    /* type 0x000a Native VLAN, len 6: 1 */
    0x00, 0x0a, 0x00, 0x06, 0x00, 0x01,
    /* type 0x000b Duplex, len 5: 1 */
    0x00, 0x0b, 0x00, 0x05, 0x01,
    /* type 0x0012 Trust Bitmap, len 5: 0 */
    0x00, 0x12, 0x00, 0x05, 0x00,
    /* type 0x0013 Untrusted CoS, len 5: 0 */
    0x00, 0x13, 0x00, 0x05, 0x00,
    /* type 0x0016 Management Addresses, len 17: 1: 0.0.0.0 */
    0x00, 0x16, 0x00, 0x11, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0xcc, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x00,
    /* type 0x001a Power Available, len 16: (binary) */
    0x00, 0x1a, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0xff,
};
/* clang-format on */

START_TEST(test_cdpv1_1601)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_1601, sizeof cdp_1601), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "R1");
    EXPECT(VS_F_CDP_ADDRESS, "192.168.10.1");
    const struct tu_ev *e = tu_find(&col, VS_F_CDP_ADDRESS);
    ck_assert(e->has_ip && e->ip.family == 4 && e->ip.a[0] == 192 && e->ip.a[3] == 1);
    ck_assert(!e->has_mac);
    EXPECT(VS_F_CDP_PORT_ID, "Ethernet0");
    EXPECT(VS_F_CDP_CAPABILITIES, "Router");
    EXPECT(VS_F_CDP_PLATFORM, "cisco 1601");
    /* IOS pads the first line with a space before the LF; tshark shows lines trimmed */
    EXPECT(VS_F_CDP_SOFTWARE_VERSION,
           "Cisco Internetwork Operating System Software\nIOS (tm) 1600 Software (C1600-NY-L), "
           "Version 11.2(12)P, RELEASE SOFTWARE (fc1)\nCopyright (c) 1986-1998 by cisco "
           "Systems, Inc.\nCompiled Tue 03-Mar-98 06:33 by dschwart");
    ck_assert_uint_eq(col.n, 6);
}
END_TEST

START_TEST(test_2811_ipv6_addresses)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_2811, sizeof cdp_2811), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "c2811.ttttrnal.lottlloou.nl");
    EXPECT(VS_F_CDP_PLATFORM, "Cisco 2811");
    EXPECT(VS_F_CDP_PORT_ID, "FastEthernet0/0");
    EXPECT(VS_F_CDP_VTP_DOMAIN, "localffff.nl");
    EXPECT(VS_F_CDP_CAPABILITIES, "Router,Switch,IGMP capable");
    ck_assert_uint_eq(tu_find(&col, VS_F_CDP_CAPABILITIES)->num, 0x29);
    ck_assert_uint_eq(tu_count(&col, VS_F_CDP_ADDRESS), 3);
    EXPECT(VS_F_CDP_ADDRESS, "94.142.240.17");
    EXPECT(VS_F_CDP_ADDRESS, "fe80::21a:6dff:fef5:d50");
    EXPECT(VS_F_CDP_ADDRESS, "2a02:898:0:30::50:1");
    for (size_t i = 0; i < col.n; i++)
        if (col.ev[i].field == VS_F_CDP_ADDRESS)
            ck_assert(col.ev[i].has_ip);
    EXPECT(VS_F_CDP_SOFTWARE_VERSION,
           "Cisco IOS Software, 2800 Software (C2800NM-ADVIPSERVICESK9-M), Version 12.4(15)T6, "
           "RELEASE SOFTWARE (fc2)\nTechnical Support: http://www.cisco.com/techsupport\n"
           "Copyright (c) 1986-2008 by Cisco Systems, Inc.\nCompiled Mon 07-Jul-08 05:38 by "
           "prod_rel_team");
}
END_TEST

START_TEST(test_3560_full)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_3560, sizeof cdp_3560), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "Switch");
    EXPECT(VS_F_CDP_PLATFORM, "cisco WS-C3560G-24PS");
    EXPECT(VS_F_CDP_PORT_ID, "GigabitEthernet0/5");
    EXPECT(VS_F_CDP_VTP_DOMAIN, "Lab");
    EXPECT(VS_F_CDP_NATIVE_VLAN, "1");
    ck_assert_uint_eq(tu_find(&col, VS_F_CDP_NATIVE_VLAN)->num, 1);
    EXPECT(VS_F_CDP_DUPLEX, "full");
    EXPECT(VS_F_CDP_CAPABILITIES, "Switch,IGMP capable");
    EXPECT(VS_F_CDP_ADDRESS, "192.168.0.1");
    EXPECT(VS_F_CDP_MANAGEMENT_ADDRESS, "192.168.0.1");
    ck_assert(tu_find(&col, VS_F_CDP_MANAGEMENT_ADDRESS)->has_ip);
    EXPECT(VS_F_CDP_SOFTWARE_VERSION,
           "Cisco IOS Software, C3560 Software (C3560-ADVIPSERVICESK9-M), Version 12.2(25)SEB4, "
           "RELEASE SOFTWARE (fc1)\nCopyright (c) 1986-2005 by Cisco Systems, Inc.\nCompiled "
           "Tue 30-Aug-05 17:56 by yenanh");
    ck_assert_uint_eq(col.n, 10);
}
END_TEST

START_TEST(test_bcm1100_voice_vlan)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_bcm1100, sizeof cdp_bcm1100), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "0060B9C14027");
    EXPECT(VS_F_CDP_SOFTWARE_VERSION, "BCM1100");
    EXPECT(VS_F_CDP_PLATFORM, "BCM91100");
    EXPECT(VS_F_CDP_CAPABILITIES, "Host");
    EXPECT(VS_F_CDP_VOICE_VLAN, "4095");
    ck_assert_uint_eq(tu_find(&col, VS_F_CDP_VOICE_VLAN)->num, 4095);
}
END_TEST

START_TEST(test_aironet_query)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_aironet, sizeof cdp_aironet), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "APb838.61f3.05ac");
    EXPECT(VS_F_CDP_PLATFORM, "cisco AIR-CAP2602I-Q-K9");
    EXPECT(VS_F_CDP_PORT_ID, "GigabitEthernet0.1");
    EXPECT(VS_F_CDP_CAPABILITIES, "Router,Transparent Bridge");
    EXPECT(VS_F_CDP_DUPLEX, "full");
    EXPECT(VS_F_CDP_VOICE_VLAN, "0");
    EXPECT(VS_F_CDP_ADDRESS, "192.168.10.10");
}
END_TEST

START_TEST(test_mikrotik_cdpv1)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_mikrotik, sizeof cdp_mikrotik), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "MikroTik");
    EXPECT(VS_F_CDP_PORT_ID, "ether2");
    EXPECT(VS_F_CDP_SOFTWARE_VERSION, "6.21.1");
    EXPECT(VS_F_CDP_PLATFORM, "MikroTik");
    EXPECT(VS_F_CDP_CAPABILITIES, "Router");
    ck_assert_uint_eq(col.n, 5);
}
END_TEST

START_TEST(test_unspecified_address)
{
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_s1, sizeof cdp_s1), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "S1");
    /* A switch without an IP says 0.0.0.0: reported as tshark shows it, binds nothing */
    EXPECT(VS_F_CDP_ADDRESS, "0.0.0.0");
    ck_assert(!tu_find(&col, VS_F_CDP_ADDRESS)->has_ip);
    EXPECT(VS_F_CDP_MANAGEMENT_ADDRESS, "0.0.0.0");
    /* an empty VTP domain is no evidence */
    ck_assert_ptr_null(tu_get(&col, VS_F_CDP_VTP_DOMAIN));
}
END_TEST

START_TEST(test_every_prefix)
{
    check_prefixes(vs_cdp_dissect, cdp_1601, sizeof cdp_1601);
    check_prefixes(vs_cdp_dissect, cdp_2811, sizeof cdp_2811);
    check_prefixes(vs_cdp_dissect, cdp_3560, sizeof cdp_3560);
    check_prefixes(vs_cdp_dissect, cdp_bcm1100, sizeof cdp_bcm1100);
    check_prefixes(vs_cdp_dissect, cdp_aironet, sizeof cdp_aironet);
    check_prefixes(vs_cdp_dissect, cdp_mikrotik, sizeof cdp_mikrotik);
    check_prefixes(vs_cdp_dissect, cdp_s1, sizeof cdp_s1);
}
END_TEST

START_TEST(test_header)
{
    for (size_t i = 0; i < 4; i++)
        ck_assert_int_eq(decode(vs_cdp_dissect, cdp_1601, i), VS_DECODE_TRUNCATED);
    /* header alone: a PDU without TLVs */
    ck_assert_int_eq(decode(vs_cdp_dissect, cdp_1601, 4), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
    static const uint8_t v3[] = {3, 180, 0, 0, 0x00, 0x01, 0x00, 0x06, 'R', '1'};
    ck_assert_int_eq(decode(vs_cdp_dissect, v3, sizeof v3), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

/* ---- crafted PDUs ---------------------------------------------------------------------- */

struct fb {
    uint8_t b[70000];
    size_t n;
};

static struct fb fb;

static void fb_raw(struct fb *f, const void *p, size_t n)
{
    ck_assert_uint_le(f->n + n, sizeof f->b);
    if (n)
        memcpy(f->b + f->n, p, n);
    f->n += n;
}

static void fb_header(struct fb *f)
{
    static const uint8_t h[4] = {2, 180, 0x12, 0x34};
    f->n = 0;
    fb_raw(f, h, sizeof h);
}

/* A TLV whose length field says hdr_len (header included) over vlen value bytes. */
static void fb_tlv_len(struct fb *f, uint16_t type, unsigned hdr_len, const void *v, size_t vlen)
{
    uint8_t h[4] = {(uint8_t)(type >> 8), (uint8_t)type, (uint8_t)(hdr_len >> 8), (uint8_t)hdr_len};
    fb_raw(f, h, 4);
    fb_raw(f, v, vlen);
}

static void fb_tlv(struct fb *f, uint16_t type, const void *v, size_t vlen)
{
    fb_tlv_len(f, type, (unsigned)vlen + 4, v, vlen);
}

static void fb_str(struct fb *f, uint16_t type, const char *s)
{
    fb_tlv(f, type, s, strlen(s));
}

START_TEST(test_length_table)
{
    static const uint8_t caps3[] = {0, 0, 1};
    static const uint8_t vlan3[] = {0, 1, 0};
    static const uint8_t duplex2[] = {1, 1};
    static const uint8_t voice2[] = {1, 0};
    static const uint8_t mtu[] = {0, 0, 5, 0xdc};
    fb_header(&fb);
    fb_tlv(&fb, 0x04, caps3, sizeof caps3);     /* capabilities must be 4 */
    fb_tlv(&fb, 0x0a, vlan3, sizeof vlan3);     /* native VLAN must be 2 */
    fb_tlv(&fb, 0x0b, duplex2, sizeof duplex2); /* duplex must be 1 */
    fb_tlv(&fb, 0x0e, voice2, sizeof voice2);   /* voice VLAN needs 3 */
    fb_tlv(&fb, 0x02, "", 0);                   /* addresses need a count */
    fb_tlv(&fb, 0x11, mtu, sizeof mtu);         /* MTU: checked, skipped */
    fb_tlv(&fb, 0x77, "zz", 2);                 /* unknown type: skipped */
    fb_str(&fb, 0x01, "still-read");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 1);
    EXPECT(VS_F_CDP_DEVICE_ID, "still-read");
}
END_TEST

START_TEST(test_short_tlv_length)
{
    /* Lengths 0..3 cannot cover their own header (ladvd 21.device_id.broken family):
     * malformed, the header is skipped, and the walk always moves on. */
    for (unsigned l = 0; l < 4; l++) {
        fb_header(&fb);
        fb_tlv_len(&fb, 0x01, l, "", 0);
        fb_str(&fb, 0x06, "after");
        ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
        EXPECT(VS_F_CDP_PLATFORM, "after");
        ck_assert_ptr_null(tu_get(&col, VS_F_CDP_DEVICE_ID));
    }
    /* a value-less TLV (length 4) is fine */
    fb_header(&fb);
    fb_tlv(&fb, 0x01, "", 0);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_oversized_tlv)
{
    fb_header(&fb);
    fb_str(&fb, 0x01, "R9");
    fb_tlv_len(&fb, 0x05, 0xffff, "IOS", 3);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_CDP_DEVICE_ID, "R9");
    ck_assert_ptr_null(tu_get(&col, VS_F_CDP_SOFTWARE_VERSION));
    /* the 1601 PDU with the 2 and 4 stray bytes of ladvd 92.tlv.broken / 93.tlv.long
     * (what a link layer that ignores the 802.3 length would hand over) */
    static const uint8_t tail2[] = {0x00, 0x0c};
    static const uint8_t tail4[] = {0x00, 0x0c, 0x01, 0x00};
    fb.n = 0;
    fb_raw(&fb, cdp_1601, sizeof cdp_1601);
    fb_raw(&fb, tail2, sizeof tail2);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    EXPECT(VS_F_CDP_PLATFORM, "cisco 1601");
    fb.n -= sizeof tail2;
    fb_raw(&fb, tail4, sizeof tail4);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_TRUNCATED);
    ck_assert_uint_eq(col.n, 6);
}
END_TEST

START_TEST(test_address_entries)
{
    /* count 3: NLPID IPv4, an 802.2 IPv4 entry, a CLNS entry (skipped) */
    /* clang-format off */
    static const uint8_t addrs[] = {
        0, 0, 0, 3,
        1, 1, 0xcc, 0, 4, 10, 1, 2, 3,
        2, 8, 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00, 0, 4, 10, 1, 2, 4,
        1, 1, 0x81, 0, 3, 0x49, 0x00, 0x01,
    };
    /* clang-format on */
    /* count 1000 with a single entry: the first is kept, the lie is malformed */
    static const uint8_t count_lie[] = {0, 0, 0x03, 0xe8, 1, 1, 0xcc, 0, 4, 10, 9, 9, 9};
    /* address length running past the TLV */
    static const uint8_t alen_long[] = {0, 0, 0, 1, 1, 1, 0xcc, 0, 40, 10, 8, 8, 8};
    /* protocol length running past the TLV */
    static const uint8_t plen_long[] = {0, 0, 0, 1, 2, 200, 0xaa};
    /* IPv4 protocol with a 16-byte address: not an address we can read, skipped */
    static const uint8_t v4_len16[] = {0, 0, 0, 1, 1, 1,  0xcc, 0,  16, 1,  2,  3, 4,
                                       5, 6, 7, 8, 9, 10, 11,   12, 13, 14, 15, 16};
    fb_header(&fb);
    fb_tlv(&fb, 0x02, addrs, sizeof addrs);
    fb_tlv(&fb, 0x16, v4_len16, sizeof v4_len16);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    ck_assert_uint_eq(tu_count(&col, VS_F_CDP_ADDRESS), 2);
    EXPECT(VS_F_CDP_ADDRESS, "10.1.2.3");
    EXPECT(VS_F_CDP_ADDRESS, "10.1.2.4");
    ck_assert_uint_eq(tu_count(&col, VS_F_CDP_MANAGEMENT_ADDRESS), 0);
    fb_tlv(&fb, 0x16, count_lie, sizeof count_lie);
    fb_tlv(&fb, 0x02, alen_long, sizeof alen_long);
    fb_tlv(&fb, 0x02, plen_long, sizeof plen_long);
    fb_str(&fb, 0x03, "Gi0/1");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    EXPECT(VS_F_CDP_MANAGEMENT_ADDRESS, "10.9.9.9");
    ck_assert_uint_eq(tu_count(&col, VS_F_CDP_ADDRESS), 2);
    EXPECT(VS_F_CDP_PORT_ID, "Gi0/1");
}
END_TEST

START_TEST(test_address_count_bounded)
{
    /* thousands of 4-byte empty entries in one TLV: bounded by the TLV limit */
    fb_header(&fb);
    size_t entries = 5000;
    size_t tlv_len = 8 + entries * 4;
    uint8_t h[8] = {0x00, 0x02, (uint8_t)(tlv_len >> 8), (uint8_t)tlv_len,
                    0,    0,    (uint8_t)(entries >> 8), (uint8_t)entries};
    fb_raw(&fb, h, sizeof h);
    static const uint8_t empty_entry[4] = {1, 0, 0, 0};
    for (size_t i = 0; i < entries; i++)
        fb_raw(&fb, empty_entry, sizeof empty_entry);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
}
END_TEST

START_TEST(test_software_version_lines)
{
    fb_header(&fb);
    fb_str(&fb, 0x05, "  Line one  \r\n\tLine two\r\n\r\nLine four \n\n  ");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_CDP_SOFTWARE_VERSION, "Line one\nLine two\n\nLine four");
    /* a version far longer than any value kept is cut, not overflowed */
    static char big[3000];
    memset(big, 'v', sizeof big - 1);
    fb_header(&fb);
    fb_str(&fb, 0x05, big);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    const struct tu_ev *e = tu_find(&col, VS_F_CDP_SOFTWARE_VERSION);
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(e->len, 4 * VS_MAX_VALUE_LEN);
}
END_TEST

START_TEST(test_strings_and_duplex)
{
    static const uint8_t half[] = {0};
    static const uint8_t odd[] = {7};
    static const uint8_t caps0[] = {0, 0, 0, 0};
    static const uint8_t caps_hi[] = {0x80, 0, 0, 0};
    fb_header(&fb);
    fb_str(&fb, 0x01, "  padded\0garbage");
    fb_tlv(&fb, 0x0b, half, 1);
    fb_tlv(&fb, 0x0b, odd, 1);
    fb_tlv(&fb, 0x04, caps0, 4);
    fb_tlv(&fb, 0x04, caps_hi, 4);
    fb_str(&fb, 0x14, "sysname.example");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "padded");
    EXPECT(VS_F_CDP_DUPLEX, "half");
    EXPECT(VS_F_CDP_DUPLEX, "unknown");
    ck_assert_uint_eq(tu_count(&col, VS_F_CDP_CAPABILITIES), 1);
    EXPECT(VS_F_CDP_CAPABILITIES, "0x80000000");
    EXPECT(VS_F_CDP_SYSTEM_NAME, "sysname.example");
}
END_TEST

START_TEST(test_tlv_limit)
{
    fb_header(&fb);
    for (int i = 0; i < VS_MAX_TLVS_PER_FRAME - 1; i++)
        fb_tlv(&fb, 0x77, "", 0);
    fb_str(&fb, 0x01, "last-allowed");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_OK);
    EXPECT(VS_F_CDP_DEVICE_ID, "last-allowed");
    fb_header(&fb);
    for (int i = 0; i < 10000; i++)
        fb_tlv(&fb, 0x77, "", 0);
    fb_str(&fb, 0x01, "never");
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
    ck_assert_uint_eq(col.n, 0);
    /* thousands of short-length TLVs: each skips its header, the limit still holds */
    fb_header(&fb);
    for (int i = 0; i < 10000; i++)
        fb_tlv_len(&fb, 0x01, 0, "", 0);
    ck_assert_int_eq(decode(vs_cdp_dissect, fb.b, fb.n), VS_DECODE_MALFORMED);
}
END_TEST

/* ---- corpus --------------------------------------------------------------------------- */

struct replay_stats {
    size_t frames, ok, bad, named;
};

static void replay_cdp(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file, void *arg)
{
    struct replay_stats *s = arg;
    (void)file;
    if (k != DK_CDP)
        return;
    enum vs_decode_status st = decode(vs_cdp_dissect, pdu, n);
    ck_assert_int_ge(st, VS_DECODE_OK);
    ck_assert_int_le(st, VS_DECODE_MALFORMED);
    s->frames++;
    if (st == VS_DECODE_OK)
        s->ok++;
    else
        s->bad++;
    if (tu_get(&col, VS_F_CDP_DEVICE_ID))
        s->named++;
}

START_TEST(test_corpus_good_captures)
{
    struct replay_stats s = {0, 0, 0, 0};
    if (disc_replay_dir("pcap", replay_cdp, &s) < 0) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    ck_assert_uint_gt(s.frames, 20);
    ck_assert_uint_eq(s.ok, s.frames);
    ck_assert_uint_eq(s.named, s.frames);
}
END_TEST

static enum vs_decode_status worst_seen;

static void replay_worst(enum disc_kind k, const uint8_t *pdu, size_t n, const char *file,
                         void *arg)
{
    (void)file;
    (void)arg;
    if (k != DK_CDP)
        return;
    enum vs_decode_status st = decode(vs_cdp_dissect, pdu, n);
    if (st > worst_seen)
        worst_seen = st;
}

START_TEST(test_corpus_malformed_captures)
{
    static const struct {
        const char *file;
        enum vs_decode_status want;
    } cases[] = {
        {"ladvd__cdp__01.header.broken.pcap", VS_DECODE_TRUNCATED},
        {"ladvd__cdp__21.device_id.broken.pcap", VS_DECODE_TRUNCATED},
        /* the stray bytes lie beyond the 802.3 length, which the walker honours */
        {"ladvd__cdp__92.tlv.broken.pcap", VS_DECODE_OK},
        {"ladvd__cdp__93.tlv.long.pcap", VS_DECODE_OK},
    };
    struct replay_stats s = {0, 0, 0, 0};
    if (disc_replay_dir("malformed", replay_cdp, &s) < 0) {
        fprintf(stderr, "corpus not found at %s: skipped\n", disc_corpus_dir());
        return;
    }
    ck_assert_uint_ge(s.frames, 4);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/malformed/%s", disc_corpus_dir(), cases[i].file);
        worst_seen = VS_DECODE_OK;
        ck_assert_msg(disc_replay_file(path, replay_worst, NULL) > 0, "%s: no CDP", path);
        ck_assert_msg(worst_seen == cases[i].want, "%s: status %d, want %d", cases[i].file,
                      worst_seen, cases[i].want);
    }
}
END_TEST

static Suite *cdp_suite(void)
{
    Suite *s = suite_create("cdp");
    TCase *tc = tcase_create("real");
    tcase_add_test(tc, test_cdpv1_1601);
    tcase_add_test(tc, test_2811_ipv6_addresses);
    tcase_add_test(tc, test_3560_full);
    tcase_add_test(tc, test_bcm1100_voice_vlan);
    tcase_add_test(tc, test_aironet_query);
    tcase_add_test(tc, test_mikrotik_cdpv1);
    tcase_add_test(tc, test_unspecified_address);
    tcase_add_test(tc, test_every_prefix);
    tcase_add_test(tc, test_header);
    suite_add_tcase(s, tc);
    tc = tcase_create("crafted");
    tcase_add_test(tc, test_length_table);
    tcase_add_test(tc, test_short_tlv_length);
    tcase_add_test(tc, test_oversized_tlv);
    tcase_add_test(tc, test_address_entries);
    tcase_add_test(tc, test_address_count_bounded);
    tcase_add_test(tc, test_software_version_lines);
    tcase_add_test(tc, test_strings_and_duplex);
    tcase_add_test(tc, test_tlv_limit);
    suite_add_tcase(s, tc);
    tc = tcase_create("corpus");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_corpus_good_captures);
    tcase_add_test(tc, test_corpus_malformed_captures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cdp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
