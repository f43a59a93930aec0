/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_decoder.h - what every decoder fuzz target checks: each evidence item is a field of
 * an allowed source, its value bytes are all readable (touched, so the sanitizer sees any
 * that are not), its addresses are well formed, the status is one of the three, and the
 * output stays proportional to the input. A target sets up the packet context and calls
 * fz_run() once per context it wants to try. */
#ifndef VS_FUZZ_DECODER_H
#define VS_FUZZ_DECODER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz_ctx {
    const enum vs_source *sources; /* allowed sources of the emitted fields */
    size_t nsources;
    size_t count;
};

static void fz_check_evidence(void *ctx, const struct vs_evidence *ev)
{
    struct fz_ctx *z = ctx;
    if (ev->field >= VS_F__COUNT)
        abort();
    bool ok = false;
    for (size_t i = 0; i < z->nsources; i++)
        ok |= vs_field_source(ev->field) == z->sources[i];
    if (!ok)
        abort();
    if ((ev->len && !ev->value) || ev->len > 65536)
        abort();
    if (ev->ip && ev->ip->family != 4 && ev->ip->family != 6)
        abort();
    volatile uint8_t sink = 0;
    for (size_t i = 0; i < ev->len; i++)
        sink ^= ev->value[i];
    for (size_t i = 0; ev->mac && i < 6; i++)
        sink ^= ev->mac[i];
    (void)sink;
    z->count++;
}

/* A packet context with a unicast source MAC; the target sets ports or ethertype. */
static inline void fz_pkt(struct vs_pkt *pkt)
{
    static const uint8_t src_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
    memset(pkt, 0, sizeof *pkt);
    pkt->src_mac = src_mac;
}

static inline void fz_run(vs_dissect_fn fn, const enum vs_source *sources, size_t nsources,
                          const uint8_t *data, size_t size, const struct vs_pkt *pkt)
{
    struct fz_ctx z = {sources, nsources, 0};
    enum vs_decode_status st = fn(vs_cur_make(data, size), pkt, fz_check_evidence, &z);
    if (st != VS_DECODE_OK && st != VS_DECODE_TRUNCATED && st != VS_DECODE_MALFORMED)
        abort();
    /* each item stands on at least one input byte: no input makes output blow up */
    if (z.count > size)
        abort();
}

/* The whole target for a decoder that needs no packet context beyond a source MAC. */
#define FZ_SIMPLE_TARGET(fn, source)                                                               \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                                   \
    {                                                                                              \
        static const enum vs_source src[] = {source};                                              \
        struct vs_pkt pkt;                                                                         \
        fz_pkt(&pkt);                                                                              \
        fz_run(fn, src, 1, data, size, &pkt);                                                      \
        return 0;                                                                                  \
    }

#endif
