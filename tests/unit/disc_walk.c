/* SPDX-License-Identifier: BSD-2-Clause */
/* disc_walk.c - shared by the discovery decoder suites: a minimal classic-pcap reader and
 * Ethernet/802.1Q/LLC/SNAP/UDP walker that finds discovery PDUs in the shared corpus. */
#include "disc_walk.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static uint16_t rd16be(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p, bool swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

enum disc_kind disc_classify(const uint8_t *f, size_t n, size_t *off, size_t *len)
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
size_t disc_replay_file(const char *path, disc_frame_fn fn, void *arg)
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

const char *disc_corpus_dir(void)
{
    const char *env = getenv("VS_CORPUS");
    return env && *env ? env : "/work/shared/corpus";
}

/* Every capture in corpus/<sub>/; returns PDUs found, or -1 when the folder is absent. */
long disc_replay_dir(const char *sub, disc_frame_fn fn, void *arg)
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
