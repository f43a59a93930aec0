/* SPDX-License-Identifier: BSD-2-Clause */
/* stream.c - bounded in-order TCP reassembly into whole PDUs (RFC 9293 section 3.4
 * sequence numbers; no reordering, no retransmission handling beyond a reset): a
 * direct-mapped table of flows, each holding at most the start of one unfinished PDU. */
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/stream.h"

#define STREAM_FIRST_CAP 1024u

struct vs_stream_slot {
    uint64_t key; /* 0: free */
    uint32_t next_seq;
    int64_t expires;
    size_t skip; /* bytes still to pass over of an oversized PDU */
    size_t n, cap;
    uint8_t *buf;
};

struct vs_stream_table {
    struct vs_stream_slot slots[VS_STREAM_SLOTS];
    struct vs_stream_stats stats;
};

struct vs_stream_table *vs_stream_new(void)
{
    return calloc(1, sizeof(struct vs_stream_table));
}

void vs_stream_free(struct vs_stream_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < VS_STREAM_SLOTS; i++)
        free(t->slots[i].buf);
    free(t);
}

uint64_t vs_stream_key(const struct vs_pkt *pkt)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t n = pkt->src_ip.family == 4 ? 4 : 16;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pkt->src_ip.a[i]) * 0x100000001b3ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ pkt->dst_ip.a[i]) * 0x100000001b3ULL;
    h = (h ^ pkt->ip_proto) * 0x100000001b3ULL;
    h = (h ^ pkt->sport) * 0x100000001b3ULL;
    h = (h ^ pkt->dport) * 0x100000001b3ULL;
    return h | 1;
}

static struct vs_stream_slot *slot_of(struct vs_stream_table *t, uint64_t key)
{
    /* The low bits of an FNV product are its weakest: fold the high half in. */
    return &t->slots[(key ^ key >> 32) % VS_STREAM_SLOTS];
}

static void slot_clear(struct vs_stream_slot *s)
{
    s->key = 0;
    s->n = 0;
    s->skip = 0;
}

void vs_stream_feed(struct vs_stream_table *t, uint64_t key, uint32_t seq, int64_t ts,
                    struct vs_cur seg, vs_stream_need_fn need, struct vs_stream_iter *it)
{
    memset(it, 0, sizeof *it);
    it->t = t;
    it->key = key;
    it->seq_end = seq + (uint32_t)vs_cur_len(&seg);
    it->ts = ts;
    it->need = need;
    it->rest = seg;
    it->seg_len = vs_cur_len(&seg);
    struct vs_stream_slot *s = slot_of(t, key);
    if (s->key != key)
        return;
    if (vs_cur_empty(&seg)) { /* a bare ACK: nothing to check, nothing to add */
        it->slot = s;
        it->from_buf = s->n > 0;
        it->skip = s->skip;
        it->seq_end = s->next_seq;
        return;
    }
    if (seq != s->next_seq || ts > s->expires) {
        /* A gap, a retransmission or a stale flow: what is buffered can no longer be
         * completed. The segment is then taken as if the flow were new. */
        t->stats.resets++;
        it->lost = true;
        slot_clear(s);
        return;
    }
    it->slot = s;
    size_t pass = s->skip < vs_cur_len(&seg) ? s->skip : vs_cur_len(&seg);
    vs_cur_skip(&it->rest, pass);
    it->skip = s->skip - pass;
    it->from_buf = s->n > 0;
}

/* Append up to want bytes of the segment to the flow's buffer; false when out of memory. */
static bool append(struct vs_stream_iter *it, size_t want)
{
    struct vs_stream_slot *s = it->slot;
    if (want > vs_cur_len(&it->rest))
        want = vs_cur_len(&it->rest);
    if (want > VS_MAX_STREAM_BUF - s->n)
        want = VS_MAX_STREAM_BUF - s->n;
    if (s->n + want > s->cap) {
        size_t cap = s->cap ? s->cap : STREAM_FIRST_CAP;
        while (cap < s->n + want)
            cap *= 2;
        if (cap > VS_MAX_STREAM_BUF)
            cap = VS_MAX_STREAM_BUF;
        uint8_t *b = realloc(s->buf, cap);
        if (!b)
            return false;
        s->buf = b;
        s->cap = cap;
    }
    if (want && !vs_cur_copy(&it->rest, s->buf + s->n, want))
        return false;
    s->n += want;
    return true;
}

static void give_up(struct vs_stream_iter *it)
{
    it->lost = true;
    it->from_buf = false;
    if (it->slot)
        it->slot->n = 0;
    vs_cur_skip(&it->rest, vs_cur_len(&it->rest));
}

/* The buffered PDU, completed from the segment when it can be. */
static bool next_buffered(struct vs_stream_iter *it, struct vs_cur *out)
{
    struct vs_stream_slot *s = it->slot;
    for (;;) {
        struct vs_cur b = vs_cur_make(s->buf, s->n);
        size_t k = it->need(&b);
        if (k == VS_STREAM_NOT_PDU) {
            it->t->stats.garbage++;
            give_up(it);
            return false;
        }
        if (k > VS_MAX_STREAM_BUF) {
            /* Its length only became known now: pass over it, and hand over its start. */
            it->t->stats.oversize++;
            size_t more = k - s->n;
            size_t pass = more < vs_cur_len(&it->rest) ? more : vs_cur_len(&it->rest);
            vs_cur_skip(&it->rest, pass);
            it->skip = more - pass;
            it->lost = true;
            it->from_buf = false;
            *out = b;
            s->n = 0;
            return true;
        }
        if (k != 0 && k == s->n) {
            it->t->stats.completed++;
            it->from_buf = false;
            *out = b;
            s->n = 0; /* the bytes stay where they are until the buffer is next written */
            return true;
        }
        if (k != 0 && k < s->n) { /* a need function that changed its mind */
            give_up(it);
            return false;
        }
        if (vs_cur_empty(&it->rest))
            return false; /* still unfinished: kept */
        /* Too short to tell: one byte more (headers are a few bytes long). */
        size_t before = s->n;
        if (!append(it, k == 0 ? 1 : k - s->n) || s->n == before) {
            give_up(it);
            return false;
        }
    }
}

bool vs_stream_next(struct vs_stream_iter *it, struct vs_cur *out)
{
    *out = vs_cur_make(NULL, 0);
    if (it->from_buf)
        return next_buffered(it, out);
    /* The run of PDUs wholly inside the rest of the segment. */
    size_t off = 0;
    for (;;) {
        struct vs_cur r;
        vs_cur_window(&it->rest, off, vs_cur_len(&it->rest) - off, &r);
        if (vs_cur_empty(&r))
            break;
        size_t k = it->need(&r);
        if (k == VS_STREAM_NOT_PDU) {
            if (off)
                break; /* hand over the run first; the garbage is met again next call */
            it->t->stats.garbage++;
            /* A segment of a flow with no state that starts mid-PDU is a retransmission or
             * a capture that began mid-connection: nothing was lost. After a PDU, or where
             * the flow expected one, the framing is broken. */
            if (it->slot || vs_cur_len(&it->rest) != it->seg_len)
                it->lost = true;
            vs_cur_skip(&it->rest, vs_cur_len(&it->rest));
            return false;
        }
        if (k == 0 || k > vs_cur_len(&r)) {
            if (off || k <= VS_MAX_STREAM_BUF)
                break; /* an unfinished PDU: vs_stream_end keeps it */
            /* Longer than any buffer: its captured start is all there will be. */
            it->t->stats.oversize++;
            it->lost = true;
            it->skip = k - vs_cur_len(&r);
            *out = r;
            vs_cur_skip(&it->rest, vs_cur_len(&r));
            return true;
        }
        off += k;
    }
    if (!off)
        return false;
    vs_cur_sub(&it->rest, off, out);
    return true;
}

/* The flow's slot, taken over from whatever other flow held it. */
static struct vs_stream_slot *claim(struct vs_stream_iter *it)
{
    struct vs_stream_slot *s = slot_of(it->t, it->key);
    if (s->key && s->key != it->key) {
        if (s->expires >= it->ts)
            it->t->stats.evictions++;
        slot_clear(s);
    }
    s->key = it->key;
    it->slot = s;
    return s;
}

void vs_stream_end(struct vs_stream_iter *it)
{
    struct vs_cur ignored;
    while (vs_stream_next(it, &ignored))
        ;
    struct vs_stream_slot *s = it->slot;
    bool keep = it->skip > 0 || !vs_cur_empty(&it->rest) || it->from_buf;
    it->kept = false;
    if (!keep) {
        if (s && s->key == it->key)
            slot_clear(s);
        return;
    }
    s = claim(it);
    if (!vs_cur_empty(&it->rest)) {
        /* The start of an unfinished PDU: vs_stream_next left exactly that. */
        s->n = 0;
        if (!append(it, vs_cur_len(&it->rest)) || !vs_cur_empty(&it->rest)) {
            it->lost = true;
            slot_clear(s);
            return;
        }
        it->t->stats.stored++;
    }
    s->skip = it->skip;
    s->next_seq = it->seq_end;
    s->expires = it->ts + VS_STREAM_TTL_SEC;
    it->kept = true;
}

void vs_stream_drop(struct vs_stream_table *t, uint64_t key)
{
    struct vs_stream_slot *s = slot_of(t, key);
    if (s->key == key)
        slot_clear(s);
}

void vs_stream_get_stats(const struct vs_stream_table *t, struct vs_stream_stats *out)
{
    *out = t->stats;
}
