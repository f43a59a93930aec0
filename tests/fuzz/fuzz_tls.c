/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_tls.c - libFuzzer target for the TLS and DTLS decoder: the input is tried as a TCP
 * payload from a record boundary (vs_tls_dissect and the reassembly hint vs_tls_need) and as
 * a UDP payload (vs_dtls_dissect). The checks are those of fuzz_decoder.h, and the hint never
 * asks for more than one handshake stream and one record can hold. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_TLS};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 6;
    pkt.sport = 443;
    pkt.dport = 50000;
    fz_run(vs_tls_dissect, src, 1, data, size, &pkt);
    struct vs_cur c = vs_cur_make(data, size);
    if (vs_tls_need(&c) > VS_MAX_TLS_HANDSHAKE + 16384 + 2048 + 5)
        abort();
    (void)vs_tls_candidate(&c);
    pkt.ip_proto = 17;
    fz_run(vs_dtls_dissect, src, 1, data, size, &pkt);
    (void)vs_dtls_candidate(&c);
    return 0;
}
