/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_arp.c - libFuzzer target for the ARP decoder: the input is an ARP packet (after
 * ethertype 0x0806). The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_ARP};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ethertype = 0x0806;
    fz_run(vs_arp_dissect, src, 1, data, size, &pkt);
    return 0;
}
