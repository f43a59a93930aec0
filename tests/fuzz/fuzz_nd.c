/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_nd.c - libFuzzer target for the neighbour discovery decoder: the input is an ICMPv6
 * message (type byte first), tried with no source address, a link-local one and the
 * unspecified one. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_ND};
    /* fe80::2e0:fcff:fe12:3456 */
    static const uint8_t ll[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                   0x02, 0xe0, 0xfc, 0xff, 0xfe, 0x12, 0x34, 0x56};
    static const uint8_t unspec[16] = {0};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ethertype = 0x86dd;
    pkt.ip_proto = 58;
    fz_run(vs_nd_dissect, src, 1, data, size, &pkt);
    vs_ip_from6(&pkt.src_ip, ll);
    fz_run(vs_nd_dissect, src, 1, data, size, &pkt);
    vs_ip_from6(&pkt.src_ip, unspec);
    fz_run(vs_nd_dissect, src, 1, data, size, &pkt);
    return 0;
}
