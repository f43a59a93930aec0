/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_stream.c - libFuzzer target for the TCP reassembly (src/pipeline/stream.c) with
 * Diameter framing. Input: byte 0 seeds the segmentation, then the stream bytes. They are
 * fed in segments of 1..256 bytes, on two flows that share a slot, with now and then a gap,
 * a retransmission or a jump in time; everything handed over is decoded. Checks: what is
 * handed over lies inside the segment or the flow's buffer, is never longer than
 * VS_MAX_STREAM_BUF unless it is the start of an oversized PDU cut by the segment, and
 * the decoder's checks of fuzz_decoder.h hold on it. */
#include "fuzz_decoder.h"
#include "vendorsniff/stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum vs_source src[] = {VS_SRC_DIAMETER};
    if (size < 1)
        return 0;
    struct vs_stream_table *t = vs_stream_new();
    if (!t)
        return 0;
    struct vs_pkt pkt;
    fz_pkt(&pkt);
    uint32_t x = data[0] * 2654435761u + 1;
    uint32_t seq[2] = {0xfffff000u, 7};
    int64_t ts = 1000;
    size_t off = 1;
    while (off < size) {
        x = x * 1103515245u + 12345u;
        size_t len = 1 + (x >> 16) % 256;
        if (len > size - off)
            len = size - off;
        unsigned flow = (x >> 8) & 1;
        uint64_t key = flow ? 1 : 1 + VS_STREAM_SLOTS; /* the same slot */
        uint32_t s = seq[flow];
        if ((x >> 4) % 29 == 0)
            s += 5; /* a gap */
        else if ((x >> 4) % 31 == 0)
            s -= 3; /* a retransmission */
        if ((x >> 12) % 37 == 0)
            ts += VS_STREAM_TTL_SEC + 1;
        struct vs_stream_iter it;
        struct vs_cur out;
        vs_stream_feed(t, key, s, ts, vs_cur_make(data + off, len), vs_diameter_need, &it);
        while (vs_stream_next(&it, &out)) {
            if (vs_cur_empty(&out))
                abort();
            uintptr_t o = (uintptr_t)out.p, b = (uintptr_t)(data + off);
            bool in_seg = o >= b && out.n <= len && o - b <= len - out.n;
            if (!in_seg && out.n > VS_MAX_STREAM_BUF)
                abort();
            fz_run(vs_diameter_dissect, src, 1, out.p, out.n, &pkt);
        }
        vs_stream_end(&it);
        seq[flow] = s + (uint32_t)len;
        off += len;
    }
    vs_stream_free(t);
    return 0;
}
