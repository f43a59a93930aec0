/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_syslog.c - libFuzzer target for the syslog decoder: the input is tried as one UDP 514
 * datagram and as one TCP 514/601 segment of RFC 6587 frames. The checks are those of
 * fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_SYSLOG};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 17;
    pkt.dport = 514;
    fz_run(vs_syslog_dissect, src, 1, data, size, &pkt);
    pkt.ip_proto = 6;
    pkt.dport = 601;
    fz_run(vs_syslog_tcp_dissect, src, 1, data, size, &pkt);
    struct vs_cur c = vs_cur_make(data, size);
    (void)vs_syslog_candidate(&c, true);
    return 0;
}
