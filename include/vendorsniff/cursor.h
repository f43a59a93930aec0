/* SPDX-License-Identifier: BSD-2-Clause */
/* cursor.h - the one bounds-checked reader for untrusted packet bytes.
 * Every read returns bool and leaves the cursor unchanged on failure; lengths are
 * compared by subtraction (len > c->n), never by forming p + len. A failed read also
 * zeroes its output, so no caller can act on an uninitialised value. */
#ifndef VS_CURSOR_H
#define VS_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct vs_cur {
    const uint8_t *p;
    size_t n;
};

static inline struct vs_cur vs_cur_make(const uint8_t *p, size_t n)
{
    struct vs_cur c = {p, p ? n : 0};
    return c;
}

static inline size_t vs_cur_len(const struct vs_cur *c) { return c->n; }
static inline bool vs_cur_empty(const struct vs_cur *c) { return c->n == 0; }

static inline bool vs_cur_skip(struct vs_cur *c, size_t len)
{
    if (len > c->n)
        return false;
    if (len)
        c->p += len;
    c->n -= len;
    return true;
}

static inline bool vs_cur_u8(struct vs_cur *c, uint8_t *out)
{
    if (c->n < 1) {
        *out = 0;
        return false;
    }
    *out = c->p[0];
    c->p++;
    c->n--;
    return true;
}

static inline bool vs_cur_be16(struct vs_cur *c, uint16_t *out)
{
    if (c->n < 2) {
        *out = 0;
        return false;
    }
    *out = (uint16_t)((uint16_t)c->p[0] << 8 | c->p[1]);
    c->p += 2;
    c->n -= 2;
    return true;
}

static inline bool vs_cur_le16(struct vs_cur *c, uint16_t *out)
{
    if (c->n < 2) {
        *out = 0;
        return false;
    }
    *out = (uint16_t)((uint16_t)c->p[1] << 8 | c->p[0]);
    c->p += 2;
    c->n -= 2;
    return true;
}

static inline bool vs_cur_be24(struct vs_cur *c, uint32_t *out)
{
    if (c->n < 3) {
        *out = 0;
        return false;
    }
    *out = (uint32_t)c->p[0] << 16 | (uint32_t)c->p[1] << 8 | c->p[2];
    c->p += 3;
    c->n -= 3;
    return true;
}

static inline bool vs_cur_be32(struct vs_cur *c, uint32_t *out)
{
    if (c->n < 4) {
        *out = 0;
        return false;
    }
    *out = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 | (uint32_t)c->p[2] << 8 | c->p[3];
    c->p += 4;
    c->n -= 4;
    return true;
}

static inline bool vs_cur_le32(struct vs_cur *c, uint32_t *out)
{
    if (c->n < 4) {
        *out = 0;
        return false;
    }
    *out = (uint32_t)c->p[3] << 24 | (uint32_t)c->p[2] << 16 | (uint32_t)c->p[1] << 8 | c->p[0];
    c->p += 4;
    c->n -= 4;
    return true;
}

/* Borrow len bytes: *out points into the packet and stays valid while the packet does. */
static inline bool vs_cur_bytes(struct vs_cur *c, size_t len, const uint8_t **out)
{
    if (len > c->n) {
        *out = NULL;
        return false;
    }
    *out = c->p;
    if (len) /* an empty cursor may hold NULL: no arithmetic on it */
        c->p += len;
    c->n -= len;
    return true;
}

static inline bool vs_cur_copy(struct vs_cur *c, void *dst, size_t len)
{
    if (len > c->n)
        return false;
    if (!len)
        return true;
    memcpy(dst, c->p, len);
    c->p += len;
    c->n -= len;
    return true;
}

/* A child cursor over the next len bytes; the parent advances by len whatever the
 * child later does, so a bad inner length can never desynchronise the outer walk. */
static inline bool vs_cur_sub(struct vs_cur *c, size_t len, struct vs_cur *sub)
{
    if (len > c->n) {
        sub->p = NULL;
        sub->n = 0;
        return false;
    }
    sub->p = c->p;
    sub->n = len;
    if (len)
        c->p += len;
    c->n -= len;
    return true;
}

/* Peek without consuming: offset and width are both checked. */
static inline bool vs_cur_peek_u8(const struct vs_cur *c, size_t off, uint8_t *out)
{
    if (off >= c->n) {
        *out = 0;
        return false;
    }
    *out = c->p[off];
    return true;
}

static inline bool vs_cur_peek_be16(const struct vs_cur *c, size_t off, uint16_t *out)
{
    if (off > c->n || c->n - off < 2) {
        *out = 0;
        return false;
    }
    *out = (uint16_t)((uint16_t)c->p[off] << 8 | c->p[off + 1]);
    return true;
}

static inline bool vs_cur_peek_be32(const struct vs_cur *c, size_t off, uint32_t *out)
{
    if (off > c->n || c->n - off < 4) {
        *out = 0;
        return false;
    }
    *out = (uint32_t)c->p[off] << 24 | (uint32_t)c->p[off + 1] << 16 |
           (uint32_t)c->p[off + 2] << 8 | c->p[off + 3];
    return true;
}

static inline bool vs_cur_has_prefix(const struct vs_cur *c, const void *s, size_t len)
{
    return len <= c->n && memcmp(c->p, s, len) == 0;
}

/* A hint that bytes at off will be read soon (no read happens; nothing past the end). */
static inline void vs_cur_prefetch(const struct vs_cur *c, size_t off)
{
    if (off < c->n)
        __builtin_prefetch(c->p + off, 0, 0);
}

/* A cursor over bytes [off, off+len) of c, without consuming c. */
static inline bool vs_cur_window(const struct vs_cur *c, size_t off, size_t len, struct vs_cur *w)
{
    if (off > c->n || len > c->n - off) {
        w->p = NULL;
        w->n = 0;
        return false;
    }
    w->p = off ? c->p + off : c->p;
    w->n = len;
    return true;
}

#endif
