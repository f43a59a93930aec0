/* SPDX-License-Identifier: BSD-2-Clause */
/* text.h - the one UTF-8 decoder, and wire strings made safe: valid UTF-8 for JSON, escaped
 * for terminals, bounded; RFC 3339 timestamps; a small growable buffer used by the sinks. */
#ifndef VS_TEXT_H
#define VS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The one UTF-8 decoder (RFC 3629): length of the well-formed sequence at s (at most n
 * bytes, n >= 1) with its code point in *cp, or 0 when ill-formed (overlong, surrogate,
 * past U+10FFFF, cut short). ASCII is a sequence of 1. Hot callers test printable ASCII
 * themselves and call this only for the rest. */
size_t vs_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp);

/* Copy at most max bytes of in as valid UTF-8 into a new NUL-terminated string:
 * invalid sequences, NUL, DEL and C1 controls become U+FFFD, leading/trailing spaces and
 * NULs are trimmed, and the cut falls on a character boundary. *out_len gets the
 * length. Returns NULL only on allocation failure. */
char *vs_utf8_clean(const uint8_t *in, size_t len, size_t max, size_t *out_len);

/* Escape a valid-UTF-8 string for a terminal: C0/C1 controls, DEL, bidi overrides
 * become visible escapes (\n, \t, \x1b, \u202e). Writes at most outsz-1 bytes,
 * always NUL-terminates, never splits an escape or a character; returns bytes written. */
size_t vs_term_escape(const char *in, char *out, size_t outsz);

struct vs_buf {
    char *p;
    size_t len, cap;
};
void vs_buf_free(struct vs_buf *b);
bool vs_buf_grow(struct vs_buf *b, size_t need);
/* Append n bytes (kept NUL-terminated). Inline: the JSON writer calls it per token. */
static inline bool vs_buf_add(struct vs_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap && !vs_buf_grow(b, n))
        return false;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}
bool vs_buf_printf(struct vs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* RFC 3339 UTC with microseconds: "2024-01-02T03:04:05.000006Z" (28 bytes + NUL). */
#define VS_TS_STRLEN 64
void vs_ts_format(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN]);
bool vs_ts_parse(const char *s, int64_t *sec, uint32_t *usec);

#endif
