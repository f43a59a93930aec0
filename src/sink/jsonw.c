/* SPDX-License-Identifier: BSD-2-Clause */
/* jsonw.c - the streaming JSON writer (RFC 8259): quote, backslash and every control escaped,
 * bytes that are not UTF-8 (RFC 3629) become U+FFFD: valid output whatever the wire held. */
#include "vendorsniff/jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void vs_jw_reset(struct vs_jw *w)
{
    w->b.len = 0;
    if (w->b.p)
        w->b.p[0] = '\0';
    w->depth = 0;
    memset(w->need_comma, 0, sizeof w->need_comma);
    w->after_key = false;
}

void vs_jw_free(struct vs_jw *w)
{
    vs_buf_free(&w->b);
}

/* Before any value or key: a comma when something came before it at this level. */
static void sep(struct vs_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->need_comma[w->depth])
        vs_buf_add(&w->b, ",", 1);
    w->need_comma[w->depth] = true;
}

static void open_level(struct vs_jw *w, char c)
{
    sep(w);
    vs_buf_add(&w->b, &c, 1);
    if (w->depth + 1 < VS_JW_MAX_DEPTH)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void close_level(struct vs_jw *w, char c)
{
    vs_buf_add(&w->b, &c, 1);
    if (w->depth > 0)
        w->depth--;
}

void vs_jw_obj_begin(struct vs_jw *w)
{
    open_level(w, '{');
}
void vs_jw_obj_end(struct vs_jw *w)
{
    close_level(w, '}');
}
void vs_jw_arr_begin(struct vs_jw *w)
{
    open_level(w, '[');
}
void vs_jw_arr_end(struct vs_jw *w)
{
    close_level(w, ']');
}

void vs_jw_keyn(struct vs_jw *w, const char *key, size_t n)
{
    sep(w);
    /* One reservation, one copy: a device line has some twenty keys. */
    if (w->b.len + n + 4 > w->b.cap && !vs_buf_grow(&w->b, n + 3))
        return;
    char *p = w->b.p + w->b.len;
    p[0] = '"';
    memcpy(p + 1, key, n);
    p[n + 1] = '"';
    p[n + 2] = ':';
    p[n + 3] = '\0';
    w->b.len += n + 3;
    w->after_key = true;
}

/* Eight bytes at a time: true when none of them needs a look (a control byte, '"', '\\',
 * DEL or anything from 0x80), so that plain ASCII text is copied without a test per byte. */
static inline bool plain8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), del = x ^ (ones * 0x7f);
    uint64_t bad = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) |
                   ((del - ones) & ~del) | x;
    return (bad & high) == 0;
}

void vs_jw_strn(struct vs_jw *w, const char *str, size_t n)
{
    sep(w);
    /* Room for the worst case (every byte a six-byte \u escape) reserved once, so that the
     * loop writes straight into the buffer without a bounds check per piece. */
    if (n > (SIZE_MAX - 8) / 6 ||
        (w->b.len + 6 * n + 3 > w->b.cap && !vs_buf_grow(&w->b, 6 * n + 2)))
        return;
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    char *o = w->b.p + w->b.len;
    *o++ = '"';
    for (size_t i = 0; i < n;) {
        if (n - i >= 8 && plain8(s + i)) {
            memcpy(o, s + i, 8);
            o += 8;
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
            *o++ = (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = c >= 0x80 ? vs_utf8_seq(s + i, n - i, &cp) : 0;
        if (k) {
            memcpy(o, s + i, k);
            o += k;
            i += k;
            continue;
        }
        const char *e2 = c == '"'    ? "\\\""
                         : c == '\\' ? "\\\\"
                         : c == '\n' ? "\\n"
                         : c == '\r' ? "\\r"
                         : c == '\t' ? "\\t"
                                     : NULL;
        if (e2) {
            memcpy(o, e2, 2);
            o += 2;
        } else if (c < 0x20 || c == 0x7f) {
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            o += 6;
        } else {
            memcpy(o, "\xef\xbf\xbd", 3); /* not UTF-8: U+FFFD */
            o += 3;
        }
        i++;
    }
    *o++ = '"';
    *o = '\0';
    w->b.len = (size_t)(o - w->b.p);
}

void vs_jw_str(struct vs_jw *w, const char *s)
{
    if (!s) {
        vs_jw_null(w);
        return;
    }
    vs_jw_strn(w, s, strlen(s));
}

void vs_jw_int(struct vs_jw *w, int64_t v)
{
    sep(w);
    char buf[24];
    size_t n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[sizeof buf - 1 - n++] = '-';
    vs_buf_add(&w->b, buf + sizeof buf - n, n);
}

void vs_jw_real(struct vs_jw *w, double v)
{
    sep(w);
    char buf[32];
    int n;
    /* Confidences are hundredths between 0 and 1: "%.4g" of k/100 is "0." and k's two
     * digits without a trailing zero, written here without the printf machinery. */
    if (v > 0 && v < 1) {
        long k = (long)(v * 100.0 + 0.5);
        if (k > 0 && k < 100 && (double)k / 100.0 == v) {
            buf[0] = '0';
            buf[1] = '.';
            buf[2] = (char)('0' + k / 10);
            buf[3] = (char)('0' + k % 10);
            vs_buf_add(&w->b, buf, k % 10 ? 4 : 3);
            return;
        }
    }
    if (v == (double)(int64_t)v && v > -1e15 && v < 1e15)
        n = snprintf(buf, sizeof buf, "%lld.0", (long long)v);
    else
        n = snprintf(buf, sizeof buf, "%.4g", v);
    if (n > 0)
        vs_buf_add(&w->b, buf, (size_t)n);
}

void vs_jw_bool(struct vs_jw *w, bool v)
{
    sep(w);
    vs_buf_add(&w->b, v ? "true" : "false", v ? 4 : 5);
}

void vs_jw_null(struct vs_jw *w)
{
    sep(w);
    vs_buf_add(&w->b, "null", 4);
}
