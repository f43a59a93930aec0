/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_diameter_sctp.c - libFuzzer target for Diameter over SCTP: the input is the chunks
 * after the SCTP common header, tried on the Diameter port (PPID 0 counts) and off it. The
 * checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_DIAMETER};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 132;
    pkt.sport = 3868;
    pkt.dport = 3868;
    fz_run(vs_diameter_sctp_dissect, src, 1, data, size, &pkt);
    pkt.sport = 40000;
    pkt.dport = 2905;
    fz_run(vs_diameter_sctp_dissect, src, 1, data, size, &pkt);
    return 0;
}
