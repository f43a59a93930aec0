/* SPDX-License-Identifier: BSD-2-Clause */
/* dissect_util.h - decoders' shared helpers: combining decode statuses, trimming wire
 * strings the way tshark shows them, and emitting a text field. Only src/dissect/ uses it. */
#ifndef VS_DISSECT_UTIL_H
#define VS_DISSECT_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "vendorsniff/dissect.h"

/* The more serious of two statuses (OK < TRUNCATED < MALFORMED). */
static inline enum vs_decode_status vs_worse(enum vs_decode_status a, enum vs_decode_status b)
{
    return a > b ? a : b;
}

/* Padding around wire strings: NUL and ASCII whitespace. */
static inline bool vs_is_pad(uint8_t b)
{
    return b == 0 || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\v' || b == '\f';
}

/* Without leading and trailing padding. */
static inline struct vs_cur vs_cur_trim(struct vs_cur s)
{
    uint8_t b;
    while (vs_cur_peek_u8(&s, 0, &b) && vs_is_pad(b))
        vs_cur_skip(&s, 1);
    while (vs_cur_peek_u8(&s, vs_cur_len(&s) - 1, &b) && vs_is_pad(b))
        vs_cur_window(&s, 0, vs_cur_len(&s) - 1, &s);
    return s;
}

/* Up to the first NUL: what follows is padding or stale buffer contents (fixed-size fields
 * of EDP, Cisco SG200's LLDP-MED inventory). */
static inline struct vs_cur vs_cur_cut_nul(struct vs_cur s)
{
    size_t i = 0;
    uint8_t b;
    while (vs_cur_peek_u8(&s, i, &b) && b)
        i++;
    vs_cur_window(&s, 0, i, &s);
    return s;
}

/* Emit a wire string as tshark shows it: cut at its first NUL, trimmed; embedded CR/LF
 * (multi-line versions) are kept. Nothing is emitted for an empty result. */
static inline void vs_emit_string(vs_emit_fn emit, void *ctx, enum vs_field f, struct vs_cur s,
                                  uint32_t num)
{
    s = vs_cur_trim(vs_cur_cut_nul(s));
    const uint8_t *p;
    size_t n = vs_cur_len(&s);
    if (!n || !vs_cur_bytes(&s, n, &p))
        return;
    struct vs_evidence ev = {f, p, n, NULL, NULL, num};
    emit(ctx, &ev);
}

/* A length-delimited body: the next len bytes as a sub-cursor (c advanced past them), or,
 * when the frame was cut short, all that is left: TRUNCATED, and whatever lies wholly
 * inside still counts. */
static inline enum vs_decode_status vs_cur_body(struct vs_cur *c, size_t len, struct vs_cur *body)
{
    if (vs_cur_sub(c, len, body))
        return VS_DECODE_OK;
    *body = *c;
    vs_cur_skip(c, vs_cur_len(c));
    return VS_DECODE_TRUNCATED;
}

/* ---- text protocols: readers over a cursor (indexes, never pointers into the packet) ---- */

#define VS_NOT_FOUND ((size_t)-1)

/* The byte at i, or 0 past the end. */
static inline uint8_t vs_at(const struct vs_cur *c, size_t i)
{
    uint8_t b = 0;
    vs_cur_peek_u8(c, i, &b);
    return b;
}

/* ASCII lower case; other bytes as they are (no locale on wire bytes). */
static inline uint8_t vs_lower(uint8_t b)
{
    return b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b;
}

static inline bool vs_is_blank(uint8_t b)
{
    return b == ' ' || b == '\t';
}

static inline bool vs_starts(const struct vs_cur *c, const char *s)
{
    return vs_cur_has_prefix(c, s, strlen(s));
}

/* The whole cursor equals s, ASCII case ignored. */
static inline bool vs_eq_ci(const struct vs_cur *c, const char *s)
{
    size_t n = strlen(s);
    if (vs_cur_len(c) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (vs_lower(vs_at(c, i)) != vs_lower((uint8_t)s[i]))
            return false;
    return true;
}

/* Index of the first b at or after from, or VS_NOT_FOUND. */
static inline size_t vs_find_byte(const struct vs_cur *c, size_t from, uint8_t b)
{
    for (size_t i = from; i < vs_cur_len(c); i++)
        if (vs_at(c, i) == b)
            return i;
    return VS_NOT_FOUND;
}

/* The next LF-terminated line (without CR LF) into *line, c advanced past it; false when
 * no complete line is left. */
static inline bool vs_next_line(struct vs_cur *c, struct vs_cur *line)
{
    size_t lf = vs_find_byte(c, 0, '\n');
    if (lf == VS_NOT_FOUND)
        return false;
    size_t n = lf > 0 && vs_at(c, lf - 1) == '\r' ? lf - 1 : lf;
    vs_cur_window(c, 0, n, line);
    vs_cur_skip(c, lf + 1);
    return true;
}

#endif
