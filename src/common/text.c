/* SPDX-License-Identifier: BSD-2-Clause */
/* text.c - wire strings made safe for JSON (valid UTF-8) and terminals (escaped), RFC 3339
 * timestamps, and a growable buffer. Follows RFC 3629 for what counts as valid UTF-8. */
#include "vendorsniff/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

size_t vs_utf8_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint8_t c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
        v = c & 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        v = c & 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (need > n)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3f);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are ill-formed (RFC 3629 s. 3). */
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return need;
}

char *vs_utf8_clean(const uint8_t *in, size_t len, size_t max, size_t *out_len)
{
    /* Trim leading/trailing whitespace and NULs, as the tools operators compare with do. */
    while (len && (in[0] == ' ' || in[0] == '\0' || in[0] == '\t' || in[0] == '\r' || in[0] == '\n')) {
        in++;
        len--;
    }
    while (len && (in[len - 1] == ' ' || in[len - 1] == '\0' || in[len - 1] == '\t' ||
                   in[len - 1] == '\r' || in[len - 1] == '\n'))
        len--;
    size_t cap = (len < max ? len : max) * 3 + 1;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        /* Printable ASCII, the common case, goes straight through. */
        if (in[i] >= 0x20 && in[i] < 0x7f) {
            if (o + 1 > max || o + 1 >= cap)
                break;
            out[o++] = (char)in[i++];
            continue;
        }
        uint32_t cp;
        size_t k = vs_utf8_seq(in + i, len - i, &cp);
        const char *rep = NULL;
        size_t rlen;
        /* NUL, DEL and the C1 controls have no business in a name; JSON would carry them
         * raw (only C0 is escaped there), so they become U+FFFD like invalid bytes. */
        if (k == 0 || cp == 0 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
            rep = "\xef\xbf\xbd";
            rlen = 3;
            k = 1;
        } else {
            rlen = k;
        }
        if (o + rlen > max || o + rlen >= cap)
            break;
        memcpy(out + o, rep ? (const uint8_t *)rep : in + i, rlen);
        o += rlen;
        i += k;
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

size_t vs_term_escape(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    const uint8_t *s = (const uint8_t *)in;
    size_t n = strlen(in);
    if (outsz == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = vs_utf8_seq(s + i, n - i, &cp);
        char esc[16];
        const char *piece;
        size_t plen;
        if (k == 0) {
            snprintf(esc, sizeof esc, "\\x%02x", s[i]);
            piece = esc;
            plen = strlen(esc);
            k = 1;
        } else if (cp == '\n') {
            piece = "\\n";
            plen = 2;
        } else if (cp == '\r') {
            piece = "\\r";
            plen = 2;
        } else if (cp == '\t') {
            piece = "\\t";
            plen = 2;
        } else if (cp == '\\') {
            piece = "\\\\";
            plen = 2;
        } else if (cp < 0x20 || cp == 0x7f) {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
            piece = esc;
            plen = 4;
        } else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
                   (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f ||
                   cp == 0x061c) {
            /* C1 controls and bidirectional overrides can reorder or hide what follows. */
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            piece = esc;
            plen = strlen(esc);
        } else {
            piece = (const char *)s + i;
            plen = k;
        }
        if (o + plen >= outsz)
            break;
        memcpy(out + o, piece, plen);
        o += plen;
        i += k;
    }
    out[o] = '\0';
    return o;
}

void vs_buf_free(struct vs_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

bool vs_buf_grow(struct vs_buf *b, size_t need)
{
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + need + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return false;
    b->p = p;
    b->cap = cap;
    return true;
}

bool vs_buf_printf(struct vs_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof tmp)
        return vs_buf_add(b, tmp, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return false;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bool ok = vs_buf_add(b, big, (size_t)n);
    free(big);
    return ok;
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian), without the C library's
 * time zone machinery: every event and every inventory line carries three timestamps. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    uint64_t doe = (uint64_t)(z - era * 146097);
    uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static char *put_digits(char *p, uint64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

void vs_ts_format(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN])
{
    int64_t days = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
    int64_t rem = sec - days * 86400;
    /* The date of the last call, per thread: a million inventory lines mostly share a day. */
    static _Thread_local int64_t last_day = INT64_MIN;
    static _Thread_local char last_date[11];
    char *p = out;
    if (days == last_day) {
        memcpy(p, last_date, 11);
        p += 11;
    } else {
        int64_t y;
        unsigned mo, d;
        civil_from_days(days, &y, &mo, &d);
        if (y < 0 || y > 9999) {
            snprintf(out, VS_TS_STRLEN, "1970-01-01T00:00:00.000000Z");
            return;
        }
        p = put_digits(p, (uint64_t)y, 4);
        *p++ = '-';
        p = put_digits(p, mo, 2);
        *p++ = '-';
        p = put_digits(p, d, 2);
        *p++ = 'T';
        memcpy(last_date, out, 11);
        last_day = days;
    }
    p = put_digits(p, (uint64_t)(rem / 3600), 2);
    *p++ = ':';
    p = put_digits(p, (uint64_t)(rem / 60 % 60), 2);
    *p++ = ':';
    p = put_digits(p, (uint64_t)(rem % 60), 2);
    *p++ = '.';
    p = put_digits(p, usec % 1000000, 6);
    *p++ = 'Z';
    *p = '\0';
}

bool vs_ts_parse(const char *s, int64_t *sec, uint32_t *usec)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    unsigned us = 0;
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%6uZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &us, &n) != 7 || n == 0)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *sec = (int64_t)timegm(&tm);
    *usec = us;
    return true;
}
