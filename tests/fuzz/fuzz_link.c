/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_link.c - libFuzzer target for the link layer: the first byte picks a DLT, the rest
 * is the frame; inner frames are parsed again like the real caller does, and every pointer
 * the link layer hands out is checked to lie inside the bytes it was given. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int dlts[] = {
    VS_DLT_EN10MB,     VS_DLT_LINUX_SLL,      VS_DLT_LINUX_SLL2, VS_DLT_RAW,
    VS_DLT_RAW14,      VS_DLT_RAW101,         VS_DLT_IPV4,       VS_DLT_IPV6,
    VS_DLT_NULL,       VS_DLT_LOOP,           VS_DLT_C_HDLC,     VS_DLT_PPP,
    VS_DLT_PPP_SERIAL, 105 /* unsupported */,
};

/* [p, p+n) must lie within [c.p, c.p+c.n); checked by address, not by forming p+n. */
static void check_within(struct vs_cur outer, const uint8_t *p, size_t n)
{
    if (!p) {
        if (n)
            abort();
        return;
    }
    uintptr_t lo = (uintptr_t)outer.p, at = (uintptr_t)p;
    if (at < lo || at - lo > outer.n || n > outer.n - (at - lo))
        abort();
}

static void check_pkt(struct vs_cur frame, const struct vs_pkt *pkt)
{
    check_within(frame, pkt->src_mac, pkt->src_mac ? 6 : 0);
    check_within(frame, pkt->dst_mac, pkt->dst_mac ? 6 : 0);
    check_within(frame, pkt->l2_payload.p, pkt->l2_payload.n);
    check_within(frame, pkt->l4_payload.p, pkt->l4_payload.n);
    if (pkt->nvlans > VS_MAX_FRAME_VLANS)
        abort();
    if (pkt->src_ip.family != 0 && pkt->src_ip.family != 4 && pkt->src_ip.family != 6)
        abort();
    /* touch every byte handed out, so the sanitizer sees any that are not ours */
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < pkt->l4_payload.n; i++)
        sink ^= pkt->l4_payload.p[i];
    for (size_t i = 0; i < pkt->l2_payload.n; i++)
        sink ^= pkt->l2_payload.p[i];
    (void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int dlt = dlts[data[0] % (sizeof dlts / sizeof dlts[0])];
    struct vs_cur frame = vs_cur_make(data + 1, size - 1);
    struct vs_pkt pkt;
    struct vs_link_inner inner;

    memset(&pkt, 0, sizeof pkt);
    pkt.ts_sec = 42;
    for (unsigned depth = 0; depth <= VS_MAX_ENCAP_DEPTH; depth++) {
        enum vs_link_status st = vs_link_parse(dlt, frame, &pkt, &inner);
        if (st < VS_LINK_OK || st > VS_LINK_UNSUPPORTED || pkt.ts_sec != 42)
            abort();
        check_pkt(frame, &pkt);
        if (st != VS_LINK_ENCAP)
            break;
        check_within(frame, inner.frame.p, inner.frame.n);
        if (inner.frame.n >= frame.n || !vs_link_supported(inner.dlt))
            abort();
        dlt = inner.dlt;
        frame = inner.frame;
    }
    return 0;
}
