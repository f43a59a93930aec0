/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_snmp.c - libFuzzer target for the SNMP adapter over net-snmp's BER routines: the input
 * is a UDP payload, tried as the agent's (source port 161) and as a trap (to port 162).
 * The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_SNMP};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    vs_snmp_init();
    pkt.ip_proto = 17;
    pkt.sport = 161;
    pkt.dport = 40000;
    fz_run(vs_snmp_dissect, src, 1, data, size, &pkt);
    pkt.sport = 40000;
    pkt.dport = 162;
    fz_run(vs_snmp_dissect, src, 1, data, size, &pkt);
    return 0;
}
