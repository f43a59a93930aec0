/* SPDX-License-Identifier: BSD-2-Clause */
/* prefetch.h - several capture files read ahead in parallel: reader threads (at most `jobs`
 * files at a time) open, decompress and parse files into bounded queues of frames, and the
 * caller takes the frames file by file in the list's order on its own thread. The packet
 * path and the inventory stay single-threaded and see exactly the frames, in exactly the
 * order, of a sequential run, so the result is the same byte for byte. */
#ifndef VS_PREFETCH_H
#define VS_PREFETCH_H

#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/capture.h"

struct vs_prefetch;

/* Start reading paths[0..n) (the strings must outlive the prefetcher) with filter applied.
 * Returns 0, or -ENOMEM / a pthread error. */
int vs_prefetch_start(const char *const *paths, size_t n, const char *filter, unsigned jobs,
                      struct vs_prefetch **out);
/* The next frames of file i (files taken in order 0, 1, ...; each until it returns <= 0 or
 * -3). Like vs_capture_dispatch: > 0 frames delivered, 0 at the clean end of the file, -1
 * after vs_prefetch_break, -2 a read error (err; the frames before it were delivered), -3
 * the file could not be opened (err). */
long vs_prefetch_dispatch(struct vs_prefetch *p, size_t i, vs_packet_fn fn, void *ctx, char *err,
                          size_t errsz);
/* Bytes of file i read so far (compressed bytes for a compressed file). */
uint64_t vs_prefetch_position(struct vs_prefetch *p, size_t i);
/* Make a waiting vs_prefetch_dispatch return -1 soon. Safe from a signal handler. */
void vs_prefetch_break(struct vs_prefetch *p);
/* Stop the readers, wait for them, free everything. NULL is fine. */
void vs_prefetch_free(struct vs_prefetch *p);

#endif
