/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_mdns.c - libFuzzer target for the mDNS decoder: the input is a UDP 5353 payload, sent
 * from the address the seeds' A and AAAA records name (so that records about the sender are
 * reached) and from another one. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_MDNS};
    static const uint8_t v4[4] = {192, 168, 1, 20};
    static const uint8_t v6[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                   0x10, 0x8c, 0x3f, 0xff, 0xfe, 0x21, 0x43, 0x65};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 17;
    pkt.sport = pkt.dport = 5353;
    pkt.ttl = 255;
    vs_ip_from4(&pkt.src_ip, v4);
    fz_run(vs_mdns_dissect, src, 1, data, size, &pkt);
    vs_ip_from6(&pkt.src_ip, v6);
    fz_run(vs_mdns_dissect, src, 1, data, size, &pkt);
    return 0;
}
