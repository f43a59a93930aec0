/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_ssdp.c - libFuzzer target for the SSDP decoder: the input is a UDP payload, tried as
 * a datagram to and from port 1900; the candidate test runs on it too. The checks are those
 * of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_SSDP};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 1900;
    pkt.dport = 1900;
    struct vs_cur c = vs_cur_make(data, size);
    (void)vs_ssdp_candidate(&c, &pkt);
    fz_run(vs_ssdp_dissect, src, 1, data, size, &pkt);
    return 0;
}
