/* SPDX-License-Identifier: BSD-2-Clause */
/* stream.h - bounded, in-order reassembly of one direction of a TCP connection into whole
 * PDUs of a length-prefixed protocol (Diameter, TLS records): a PDU split across segments
 * is buffered until it is complete; PDUs wholly inside a segment are handed over without a
 * copy. Nothing is reordered: a segment that is not the next expected one resets its flow.
 * Every bound is in limits.h (VS_STREAM_SLOTS, VS_MAX_STREAM_BUF, VS_STREAM_TTL_SEC).
 *
 *     struct vs_stream_iter it;
 *     struct vs_cur pdus;
 *     vs_stream_feed(tbl, vs_stream_key(pkt), pkt->tcp_seq, pkt->ts_sec, pkt->l4_payload,
 *                    vs_diameter_need, &it);
 *     while (vs_stream_next(&it, &pdus))
 *         decode(pdus);            (one or more whole PDUs, or the start of one too big to keep)
 *     vs_stream_end(&it);          (stores what is left; it.lost says bytes were given up)
 */
#ifndef VS_STREAM_H
#define VS_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/cursor.h"
#include "vendorsniff/limits.h"

struct vs_pkt;

/* What a need function returns for bytes that cannot start a PDU (the stream is lost). */
#define VS_STREAM_NOT_PDU SIZE_MAX

/* A protocol's framing: the total length of the PDU that starts at c (header included),
 * read from its header; 0 when c is too short to tell; VS_STREAM_NOT_PDU when c does not
 * start a PDU. Called on every segment of a fed flow: a few byte compares. */
typedef size_t (*vs_stream_need_fn)(const struct vs_cur *c);

struct vs_stream_table;
struct vs_stream_slot;

struct vs_stream_stats {
    uint64_t stored;    /* segments whose unfinished PDU was buffered */
    uint64_t completed; /* PDUs completed from a buffer */
    uint64_t resets;    /* flows dropped for an out-of-order segment or expiry */
    uint64_t evictions; /* flows dropped because another flow took their slot */
    uint64_t oversize;  /* PDUs longer than VS_MAX_STREAM_BUF, passed over */
    uint64_t garbage;   /* bytes that should have started a PDU and did not */
};

/* One segment being fed: filled by vs_stream_feed, read by vs_stream_next, closed by
 * vs_stream_end. Only lost is for the caller to read. */
struct vs_stream_iter {
    /* Bytes of this flow were given up: a gap or expiry with a PDU start buffered, a PDU
     * longer than the buffer, or what should have started a PDU did not (a segment of an
     * unknown flow that starts mid-PDU is not counted: a retransmission, or a capture that
     * began mid-connection). Count as truncated. */
    bool lost;
    /* After vs_stream_end: the flow keeps state (the start of an unfinished PDU, or bytes
     * of an oversized one still to pass over): its next segment belongs to the stream. */
    bool kept;
    struct vs_stream_table *t;
    struct vs_stream_slot *slot; /* the flow's slot when it has one */
    uint64_t key;
    uint32_t seq_end;
    int64_t ts;
    vs_stream_need_fn need;
    struct vs_cur rest; /* bytes of the segment not yet handed over */
    size_t seg_len;
    bool from_buf; /* the flow's buffer holds the start of the next PDU */
    size_t skip;   /* bytes after this segment that belong to an oversized PDU */
};

/* A table of VS_STREAM_SLOTS flows; NULL when out of memory. Buffers grow on demand. */
struct vs_stream_table *vs_stream_new(void);
void vs_stream_free(struct vs_stream_table *t);

/* The key of a packet's flow: its direction-specific 5-tuple, hashed; never 0. */
uint64_t vs_stream_key(const struct vs_pkt *pkt);

/* Start feeding one TCP segment (seg: its payload, seq: its sequence number, ts: packet
 * time in seconds). An empty segment changes nothing. */
void vs_stream_feed(struct vs_stream_table *t, uint64_t key, uint32_t seq, int64_t ts,
                    struct vs_cur seg, vs_stream_need_fn need, struct vs_stream_iter *it);

/* The next bytes to decode: whole PDUs, contiguous (the buffered PDU completed by this
 * segment, then the run of PDUs wholly inside it), or the captured start of a PDU longer
 * than the buffer limit. Valid until the next call on it or on the table. False when done. */
bool vs_stream_next(struct vs_stream_iter *it, struct vs_cur *out);

/* Finish the segment: the start of an unfinished PDU is kept for the next segment. Must
 * follow every vs_stream_feed, whether or not vs_stream_next was called to the end (what it
 * did not hand over is then kept or dropped as if it had). */
void vs_stream_end(struct vs_stream_iter *it);

/* Forget a flow (the caller saw FIN or RST). */
void vs_stream_drop(struct vs_stream_table *t, uint64_t key);

void vs_stream_get_stats(const struct vs_stream_table *t, struct vs_stream_stats *out);

#endif
