/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_radius.c - libFuzzer target for the RADIUS decoder: the input is a UDP 1812/1813/3799
 * payload. Besides the checks of fuzz_decoder.h: whatever the input, a packet whose code is
 * not one a NAS sends yields nothing. */
#include "fuzz_decoder.h"

static void fz_count(void *ctx, const struct vs_evidence *ev)
{
    (void)ev;
    ++*(size_t *)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_RADIUS};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    fz_run(vs_radius_dissect, src, 1, data, size, &pkt);
    size_t n = 0;
    vs_radius_dissect(vs_cur_make(data, size), &pkt, fz_count, &n);
    uint8_t code = size ? data[0] : 0;
    bool nas = code == 1 || code == 4 || code == 41 || code == 42 || code == 44 || code == 45;
    if (n && !nas)
        abort();
    return 0;
}
