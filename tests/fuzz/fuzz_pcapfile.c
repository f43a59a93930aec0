/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcapfile.c - the memory-mapped classic pcap reader on arbitrary file contents:
 * every record it hands out lies inside the input, and the walk always ends. */
#include <stdint.h>
#include <stdlib.h>

#include "vendorsniff/pcapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct vs_pcapfile *r = NULL;
    char err[256];
    if (vs_pcapfile_open_buf("fuzz.pcap", data, size, &r, err, sizeof err) != 0)
        return 0;
    struct vs_pcapfile_pkt p;
    size_t n = 0;
    while (vs_pcapfile_next(r, &p, err, sizeof err) == 1) {
        if (p.data < data || p.caplen > size || p.data + p.caplen > data + size)
            abort();
        volatile uint8_t sink = 0;
        for (size_t i = 0; i < p.caplen; i++)
            sink ^= p.data[i];
        (void)sink;
        if (++n > size)
            abort();
    }
    vs_pcapfile_close(r);
    return 0;
}
