/* SPDX-License-Identifier: BSD-2-Clause */
/* ipev_corpus.h - test-only: walks the frames of a capture from the shared corpus with
 * libpcap and hands each ARP packet, ICMPv6 message and UDP/TCP payload to a callback,
 * so that the IP-evidence decoders can be run over real traffic. Ethernet (802.1Q,
 * PPPoE session), Linux SLL and BSD loopback only: tunnels are the link layer's job. */
#ifndef VS_IPEV_CORPUS_H
#define VS_IPEV_CORPUS_H

#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vendorsniff/dissect.h"

enum ipc_kind { IPC_ARP, IPC_ICMP6, IPC_UDP, IPC_TCP };

struct ipc_frame {
    enum ipc_kind kind;
    struct vs_pkt pkt;
    struct vs_cur body; /* ARP packet, ICMPv6 message or L4 payload */
    uint8_t src_mac[6], dst_mac[6];
};

typedef void (*ipc_cb)(void *ctx, const struct ipc_frame *f);

/* The corpus folder ($VS_CORPUS or /work/shared/corpus), or NULL when absent. */
static inline const char *ipc_corpus_dir(void)
{
    const char *d = getenv("VS_CORPUS");
    if (!d)
        d = "/work/shared/corpus";
    struct stat st;
    return stat(d, &st) == 0 && S_ISDIR(st.st_mode) ? d : NULL;
}

static inline void ipc_ip(struct ipc_frame *f, struct vs_cur c, uint16_t ethertype, ipc_cb cb,
                          void *ctx)
{
    uint8_t proto;
    struct vs_cur l4;
    if (ethertype == 0x0800) {
        uint8_t vihl, a[4];
        uint16_t total;
        if (!vs_cur_peek_u8(&c, 0, &vihl) || (vihl >> 4) != 4 || !vs_cur_peek_be16(&c, 2, &total))
            return;
        size_t ihl = (size_t)(vihl & 15) * 4;
        if (!vs_cur_peek_u8(&c, 9, &proto) || total < ihl || !vs_cur_window(&c, 12, 4, &l4))
            return;
        vs_cur_copy(&l4, a, 4);
        vs_ip_from4(&f->pkt.src_ip, a);
        vs_cur_window(&c, 16, 4, &l4);
        vs_cur_copy(&l4, a, 4);
        vs_ip_from4(&f->pkt.dst_ip, a);
        size_t end = total < vs_cur_len(&c) ? total : vs_cur_len(&c);
        if (end < ihl || !vs_cur_window(&c, ihl, end - ihl, &l4))
            return;
    } else {
        uint8_t a[16];
        uint16_t plen;
        if (!vs_cur_peek_be16(&c, 4, &plen) || !vs_cur_peek_u8(&c, 6, &proto) ||
            !vs_cur_window(&c, 8, 16, &l4))
            return;
        vs_cur_copy(&l4, a, 16);
        vs_ip_from6(&f->pkt.src_ip, a);
        vs_cur_window(&c, 24, 16, &l4);
        vs_cur_copy(&l4, a, 16);
        vs_ip_from6(&f->pkt.dst_ip, a);
        if (!vs_cur_skip(&c, 40))
            return;
        size_t n = plen < vs_cur_len(&c) ? plen : vs_cur_len(&c);
        vs_cur_window(&c, 0, n, &l4);
    }
    f->pkt.ip_proto = proto;
    if (proto == 58) {
        f->kind = IPC_ICMP6;
        f->body = l4;
        cb(ctx, f);
        return;
    }
    if (proto != 6 && proto != 17)
        return;
    if (!vs_cur_peek_be16(&l4, 0, &f->pkt.sport) || !vs_cur_peek_be16(&l4, 2, &f->pkt.dport))
        return;
    size_t hl = 8;
    if (proto == 6) {
        uint8_t off;
        if (!vs_cur_peek_u8(&l4, 12, &off) || !vs_cur_peek_u8(&l4, 13, &f->pkt.tcp_flags) ||
            !vs_cur_peek_be32(&l4, 4, &f->pkt.tcp_seq))
            return;
        hl = (size_t)(off >> 4) * 4;
    }
    if (!vs_cur_skip(&l4, hl))
        return;
    f->kind = proto == 6 ? IPC_TCP : IPC_UDP;
    f->body = l4;
    f->pkt.l4_payload = l4;
    cb(ctx, f);
}

static inline void ipc_frame_walk(int dlt, struct vs_cur c, ipc_cb cb, void *ctx)
{
    struct ipc_frame f;
    memset(&f, 0, sizeof f);
    uint16_t et = 0;
    if (dlt == DLT_EN10MB) {
        if (!vs_cur_copy(&c, f.dst_mac, 6) || !vs_cur_copy(&c, f.src_mac, 6) ||
            !vs_cur_be16(&c, &et))
            return;
        f.pkt.dst_mac = f.dst_mac;
        f.pkt.src_mac = f.src_mac;
        while ((et == 0x8100 || et == 0x88a8) && vs_cur_skip(&c, 2) && vs_cur_be16(&c, &et))
            ;
        if (et == 0x8864) { /* PPPoE session: 6-byte header, then the PPP protocol */
            uint16_t ppp;
            if (!vs_cur_skip(&c, 6) || !vs_cur_be16(&c, &ppp))
                return;
            et = ppp == 0x0021 ? 0x0800 : ppp == 0x0057 ? 0x86dd : 0;
        }
    } else if (dlt == DLT_LINUX_SLL) {
        if (!vs_cur_skip(&c, 14) || !vs_cur_be16(&c, &et))
            return;
    } else if (dlt == DLT_NULL) {
        uint32_t af;
        if (!vs_cur_le32(&c, &af))
            return;
        et = af == 2 ? 0x0800 : (af == 24 || af == 28 || af == 30) ? 0x86dd : 0;
    } else {
        return;
    }
    f.pkt.ethertype = et;
    f.pkt.l2_payload = c;
    if (et == 0x0806) {
        f.kind = IPC_ARP;
        f.body = c;
        cb(ctx, &f);
    } else if (et == 0x0800 || et == 0x86dd) {
        ipc_ip(&f, c, et, cb, ctx);
    }
}

/* Calls cb for every ARP/ICMPv6/UDP/TCP unit of the capture; returns the number of
 * frames read, or -1 when the file cannot be opened. */
static inline long ipc_walk(const char *path, ipc_cb cb, void *ctx)
{
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *p = pcap_open_offline(path, err);
    if (!p)
        return -1;
    struct pcap_pkthdr *h;
    const u_char *data;
    long n = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) >= 0) {
        if (rc == 0)
            continue;
        n++;
        /* Exact-size copy so that the sanitizers see any read past the frame. */
        uint8_t *copy = malloc(h->caplen ? h->caplen : 1);
        if (!copy)
            break;
        memcpy(copy, data, h->caplen);
        ipc_frame_walk(pcap_datalink(p), vs_cur_make(copy, h->caplen), cb, ctx);
        free(copy);
    }
    pcap_close(p);
    return n;
}

#endif
