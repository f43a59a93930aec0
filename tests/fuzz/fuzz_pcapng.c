/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_pcapng.c - libFuzzer target for the own pcapng reader (src/capture/pcapng.c): the input is a
 * whole file, read through fmemopen to the end; every packet's bytes are touched and its
 * fields checked against the reader's interface table; the header pre-scan runs too. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/pcapng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

/* [p, p+n) must lie inside the reader's own buffer, i.e. be readable: touch every byte so that
 * ASan reports any pointer that is not. */
static void touch(const uint8_t *p, size_t n)
{
    if (!p) {
        if (n)
            abort();
        return;
    }
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc ^= p[i];
    sink = acc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen refuses an empty buffer in older glibc */
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "rb");
    if (!f)
        return 0;
    char err[256];
    struct vs_pcapng *r;
    int rc = vs_pcapng_open(f, "fuzz", &r, err, sizeof err);
    if (rc == 0) {
        struct vs_pcapng_pkt p;
        size_t n = 0;
        while ((rc = vs_pcapng_next(r, &p, err, sizeof err)) == 1) {
            if (p.ifindex >= vs_pcapng_ninterfaces(r) ||
                p.dlt != vs_pcapng_interface_dlt(r, p.ifindex) || p.usec > 999999 ||
                p.caplen > size)
                abort();
            touch(p.data, p.caplen);
            n++;
        }
        if (rc != 0 && rc != -EINVAL && rc != -ENODATA)
            abort();
        if (rc < 0) {
            /* sticky: the same error, no packet */
            char again[256];
            if (vs_pcapng_next(r, &p, again, sizeof again) != rc || strcmp(again, err) != 0 ||
                p.data)
                abort();
        } else if (vs_pcapng_next(r, &p, err, sizeof err) != 0) {
            abort();
        }
        for (size_t i = 0; i < vs_pcapng_ninterfaces(r); i++)
            sink =
                (uint8_t)(vs_pcapng_interface_dlt(r, i) ^ (int)vs_pcapng_interface_snaplen(r, i));
        (void)n;
        vs_pcapng_close(r);
    } else if (rc != -EINVAL && rc != -ENODATA) {
        abort();
    } else if (r != NULL) {
        abort();
    }
    rewind(f);
    sink = vs_pcapng_stream_needs_own_reader(f);
    fclose(f);
    return 0;
}
