/* SPDX-License-Identifier: BSD-2-Clause */
/* pcap_l4.h - for decoder tests over the committed captures: walks a classic little-endian
 * Ethernet pcap written by tests/gen/mkcaptures.py and hands each IPv4 UDP or TCP payload,
 * with its addresses, ports and TTL, to a callback. Test code only: the captures are ours,
 * and every length is still checked. */
#ifndef VS_PCAP_L4_H
#define VS_PCAP_L4_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"

typedef void (*pl4_fn)(const struct vs_pkt *pkt, void *arg);

/* Returns the number of frames read, or -1 when the file cannot be read. */
static inline int pl4_walk(const char *path, pl4_fn fn, void *arg)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    struct vs_cur c = vs_cur_make(buf, n);
    uint32_t magic;
    if (!vs_cur_le32(&c, &magic) || magic != 0xA1B2C3D4u || !vs_cur_skip(&c, 20))
        return -1;
    int frames = 0;
    uint32_t sec, usec, incl, orig;
    struct vs_cur fr;
    while (vs_cur_le32(&c, &sec) && vs_cur_le32(&c, &usec) && vs_cur_le32(&c, &incl) &&
           vs_cur_le32(&c, &orig) && vs_cur_sub(&c, incl, &fr)) {
        frames++;
        struct vs_pkt pkt;
        memset(&pkt, 0, sizeof pkt);
        pkt.ts_sec = sec;
        pkt.ts_usec = usec;
        const uint8_t *macs;
        uint16_t et, tot;
        uint8_t vihl, ttl, proto, off;
        uint8_t a[4];
        if (!vs_cur_bytes(&fr, 12, &macs) || !vs_cur_be16(&fr, &et) || et != 0x0800)
            continue;
        pkt.dst_mac = macs;
        pkt.src_mac = macs + 6;
        pkt.ethertype = et;
        struct vs_cur ip = fr;
        if (!vs_cur_u8(&ip, &vihl) || !vs_cur_skip(&ip, 1) || !vs_cur_be16(&ip, &tot) ||
            !vs_cur_skip(&ip, 4) || !vs_cur_u8(&ip, &ttl) || !vs_cur_u8(&ip, &proto) ||
            !vs_cur_skip(&ip, 2))
            continue;
        pkt.ttl = ttl;
        pkt.ip_proto = proto;
        vs_cur_copy(&ip, a, 4);
        vs_ip_from4(&pkt.src_ip, a);
        vs_cur_copy(&ip, a, 4);
        vs_ip_from4(&pkt.dst_ip, a);
        struct vs_cur l4;
        if (!vs_cur_window(&fr, (size_t)(vihl & 15) * 4, tot - (size_t)(vihl & 15) * 4, &l4))
            continue;
        if (!vs_cur_be16(&l4, &pkt.sport) || !vs_cur_be16(&l4, &pkt.dport))
            continue;
        if (proto == 17) {
            vs_cur_skip(&l4, 4);
        } else if (proto == 6) {
            vs_cur_be32(&l4, &pkt.tcp_seq);
            vs_cur_skip(&l4, 4);
            vs_cur_u8(&l4, &off);
            vs_cur_u8(&l4, &pkt.tcp_flags);
            if (!vs_cur_skip(&l4, (size_t)(off >> 4) * 4 - 14))
                continue;
        } else {
            continue;
        }
        pkt.l4_payload = l4;
        fn(&pkt, arg);
    }
    return frames;
}

#endif
