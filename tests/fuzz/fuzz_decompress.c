/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_decompress.c - the decompression layer on arbitrary bytes (any codec's magic may come
 * first): reads either end cleanly or fail with a message naming the codec, errors stay
 * sticky, the counters only grow, and the output is bounded by what is asked for. Also the
 * stdio view over the same stream, as the capture readers use it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/decompress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A bomb is read only this far: enough to exercise the decoders, not the fuzzer's patience. */
#define MAX_OUT ((uint64_t)8 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    struct vs_dstream *s;
    if (vs_dstream_open_mem(data, size, "fuzz", &s, err, sizeof err) != 0)
        return 0;
    uint8_t head[16];
    size_t k = vs_dstream_peek(s, head, sizeof head);
    if (k > sizeof head)
        abort();
    static uint8_t buf[65536];
    uint64_t total = 0, last_in = 0;
    size_t step = size % 3 == 0 ? 1 : size % 3 == 1 ? 4096 : sizeof buf;
    ssize_t r;
    while ((r = vs_dstream_read(s, buf, step)) > 0) {
        if ((size_t)r > step)
            abort();
        total += (uint64_t)r;
        if (vs_dstream_in_bytes(s) < last_in || vs_dstream_in_bytes(s) > size)
            abort();
        last_in = vs_dstream_in_bytes(s);
        if (total > MAX_OUT)
            break;
    }
    if (r < 0) {
        const char *e = vs_dstream_error(s);
        if (!vs_dstream_failed(s) || strncmp(e, "fuzz: ", 6) != 0 ||
            !strstr(e, vs_codec_name(vs_dstream_codec(s))))
            abort();
        if (vs_dstream_read(s, buf, 1) != -1)
            abort();
    }
    if (vs_dstream_out_bytes(s) > total + k && total <= MAX_OUT)
        abort();
    vs_dstream_close(s);

    if (vs_dstream_open_mem(data, size, "fuzz", &s, err, sizeof err) != 0)
        return 0;
    FILE *f = vs_dstream_fopen(s);
    if (f) {
        uint64_t got = 0;
        size_t n;
        while (got <= MAX_OUT && (n = fread(buf, 1, 1000, f)) > 0)
            got += n;
        fclose(f);
    }
    vs_dstream_close(s);
    return 0;
}
