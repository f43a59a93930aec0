/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_dhcp.c - libFuzzer target for the DHCPv4 decoder: the input is a UDP payload to port
 * 67 or 68. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_DHCP};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 68;
    pkt.dport = 67;
    fz_run(vs_dhcp_dissect, src, 1, data, size, &pkt);
    return 0;
}
