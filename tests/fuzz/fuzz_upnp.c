/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_upnp.c - libFuzzer target for the UPnP device description decoder (libxml2 behind
 * it): the input is a TCP payload, an HTTP response or a bare XML body; the candidate test
 * runs on it too. libxml2 is initialised once, on the first input, and never cleaned up
 * between inputs. The checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_UPNP};
    static int initialised;
    if (!initialised) {
        vs_upnp_init();
        initialised = 1;
    }
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 6;
    pkt.sport = 49152;
    pkt.dport = 50000;
    struct vs_cur c = vs_cur_make(data, size);
    (void)vs_upnp_candidate(&c);
    fz_run(vs_upnp_dissect, src, 1, data, size, &pkt);
    return 0;
}
