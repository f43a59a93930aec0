/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_dhcp6.c - libFuzzer target for the DHCPv6 decoder: the input is a UDP payload to port
 * 547. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_DHCP};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = 546;
    pkt.dport = 547;
    fz_run(vs_dhcp6_dissect, src, 1, data, size, &pkt);
    return 0;
}
