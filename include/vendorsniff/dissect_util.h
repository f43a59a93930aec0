/* SPDX-License-Identifier: BSD-2-Clause */
/* dissect_util.h - decoders' shared helpers: combining decode statuses, trimming wire
 * strings the way tshark shows them, and emitting a text field. Only src/dissect/ uses it. */
#ifndef VS_DISSECT_UTIL_H
#define VS_DISSECT_UTIL_H

#include <stdbool.h>
#include <stdint.h>

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

#endif
