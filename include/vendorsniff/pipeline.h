/* SPDX-License-Identifier: BSD-2-Clause */
/* pipeline.h - one captured frame through the pipeline: link layer (with decapsulation),
 * device accounting, the decoders that can find evidence in it, and the inventory. */
#ifndef VS_PIPELINE_H
#define VS_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/inventory.h"

struct vs_stats {
    uint64_t packets;
    uint64_t bytes;
    uint64_t truncated[VS_PROTO__COUNT]; /* decode errors: ran out of bytes */
    uint64_t malformed[VS_PROTO__COUNT]; /* decode errors: contradictory content */
    uint64_t unsupported_link;           /* frames of a link type we do not decode */
    uint64_t evidence_dropped;           /* items past VS_MAX_EVIDENCE_PER_FRAME or the arena */
};

struct vs_pipeline;

struct vs_pipeline *vs_pipeline_new(struct vs_inventory *inv);
void vs_pipeline_free(struct vs_pipeline *p);

/* Process one frame; data is caplen bytes, wirelen its original length. */
void vs_pipeline_frame(struct vs_pipeline *p, int dlt, int64_t sec, uint32_t usec,
                       const uint8_t *data, size_t caplen, size_t wirelen);

/* Count each device's external peers (needs a GeoIP database on the inventory). */
void vs_pipeline_track_peers(struct vs_pipeline *p, bool on);

const struct vs_stats *vs_pipeline_stats(const struct vs_pipeline *p);
uint64_t vs_stats_decode_errors(const struct vs_stats *s);

#endif
