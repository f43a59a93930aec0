/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_diameter.c - libFuzzer target for the Diameter decoder: the input is a TCP payload of
 * one or more messages (or the bytes src/pipeline/stream.c reassembled). Also checks that
 * vs_diameter_need and vs_diameter_candidate agree with each other on the same bytes. The
 * checks are those of fuzz_decoder.h. */
#include "fuzz_decoder.h"
#include "vendorsniff/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_DIAMETER};
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    pkt.ip_proto = 6;
    pkt.sport = 3868;
    fz_run(vs_diameter_dissect, src, 1, data, size, &pkt);
    struct vs_cur c = vs_cur_make(data, size);
    size_t need = vs_diameter_need(&c);
    if (vs_diameter_candidate(&c) && (need < 20 || need == VS_STREAM_NOT_PDU || need % 4))
        abort();
    return 0;
}
