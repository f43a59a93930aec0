/* SPDX-License-Identifier: BSD-2-Clause */
/* ssdp.c - SSDP over UDP (UPnP Device Architecture 2.0 s1; HTTPU/HTTPMU framing of RFC 9112
 * s2-s5): NOTIFY announcements, M-SEARCH requests and their unicast responses. SERVER and
 * USER-AGENT name the stack and often the product; the rest of the message (LOCATION, USN,
 * NT, ST) is addressing, not evidence. Parsing is tolerant in the ways real devices need:
 * header names in any case, blanks before the colon and after the start line, bare LF line
 * ends, and obs-fold continuation lines (RFC 9112 s5.2), which are joined with one space. */
#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#include <string.h>

/* Without trailing blanks (the start line of some stacks ends "HTTP/1.1 \r\n"). */
static struct vs_cur rtrim_blanks(struct vs_cur c)
{
    size_t n = vs_cur_len(&c);
    while (n && vs_is_blank(vs_at(&c, n - 1)))
        n--;
    vs_cur_window(&c, 0, n, &c);
    return c;
}

/* The next line without its CR LF (bare LF accepted); false when no line end is left. */
/* "HTTP/1.0" or "HTTP/1.1" (UDA 1.0 devices say 1.0 in responses now and then). */
static bool http_version(const struct vs_cur *v)
{
    uint8_t d;
    return vs_cur_len(v) == 8 && vs_starts(v, "HTTP/1.") && vs_cur_peek_u8(v, 7, &d) &&
           (d == '0' || d == '1');
}

/* NOTIFY * HTTP/1.1, M-SEARCH * HTTP/1.1, or a status line HTTP/1.1 NNN [reason]. */
static bool start_line(struct vs_cur line)
{
    line = rtrim_blanks(line);
    struct vs_cur version;
    if (vs_starts(&line, "HTTP/1.")) {
        uint8_t d;
        if (!vs_cur_window(&line, 0, 8, &version) || !http_version(&version) ||
            !vs_cur_peek_u8(&line, 8, &d) || d != ' ')
            return false;
        for (size_t i = 9; i < 12; i++)
            if (!vs_cur_peek_u8(&line, i, &d) || d < '0' || d > '9')
                return false;
        return vs_cur_len(&line) == 12 || vs_at(&line, 12) == ' ';
    }
    size_t skip = vs_starts(&line, "NOTIFY * ") ? 9 : vs_starts(&line, "M-SEARCH * ") ? 11 : 0;
    return skip && vs_cur_skip(&line, skip) && http_version(&line);
}

bool vs_ssdp_candidate(const struct vs_cur *payload, const struct vs_pkt *pkt)
{
    /* HTTP over UDP has no other common use than SSDP; over TCP these lines are HTTP. */
    if (pkt && pkt->ip_proto != 17)
        return false;
    uint8_t b0;
    if (!vs_cur_peek_u8(payload, 0, &b0))
        return false;
    switch (b0) {
    case 'N':
        return vs_starts(payload, "NOTIFY * ");
    case 'M':
        return vs_starts(payload, "M-SEARCH * ");
    case 'H':
        return vs_starts(payload, "HTTP/1.");
    default:
        return false;
    }
}

/* A header value being assembled from its first line and any obs-fold continuations. */
struct pending {
    enum vs_field field;
    bool active;
    size_t n;
    uint8_t buf[VS_MAX_VALUE_LEN];
};

static void append(struct pending *h, struct vs_cur piece)
{
    piece = vs_cur_trim(piece);
    size_t n = vs_cur_len(&piece);
    if (!n)
        return;
    if (h->n && h->n < sizeof h->buf)
        h->buf[h->n++] = ' ';
    size_t room = sizeof h->buf - h->n;
    if (n > room)
        n = room; /* values are cut at the contract's bound anyway */
    vs_cur_copy(&piece, h->buf + h->n, n);
    h->n += n;
}

static void flush(struct pending *h, vs_emit_fn emit, void *ctx)
{
    if (h->active && h->n)
        vs_emit_string(emit, ctx, h->field, vs_cur_make(h->buf, h->n), 0);
    h->active = false;
    h->n = 0;
}

enum vs_decode_status vs_ssdp_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                      void *ctx)
{
    (void)pkt;
    struct vs_cur w, line;
    size_t len = vs_cur_len(&c);
    vs_cur_window(&c, 0, len < VS_MAX_BANNER_SCAN ? len : VS_MAX_BANNER_SCAN, &w);
    if (vs_cur_empty(&w))
        return VS_DECODE_TRUNCATED;
    if (!vs_next_line(&w, &line))
        return len >= VS_MAX_BANNER_SCAN ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
    if (!start_line(line))
        return VS_DECODE_MALFORMED;

    struct pending h;
    h.active = false;
    h.n = 0;
    h.field = VS_F_SSDP_SERVER;
    for (;;) {
        if (!vs_next_line(&w, &line)) {
            /* A datagram is the whole message: headers without the closing blank line are
             * complete. Only a last line without its end was cut (snap length, or our scan
             * bound): its value is not trusted, and a pending value it might continue is
             * dropped with it. */
            bool cut = !vs_cur_empty(&w);
            if (!cut || !vs_is_blank(vs_at(&w, 0)))
                flush(&h, emit, ctx);
            return cut ? VS_DECODE_TRUNCATED : VS_DECODE_OK;
        }
        if (vs_cur_empty(&line))
            break;
        if (vs_is_blank(vs_at(&line, 0))) {
            if (h.active)
                append(&h, line);
            continue;
        }
        flush(&h, emit, ctx);
        size_t colon = vs_find_byte(&line, 0, ':');
        if (colon == VS_NOT_FOUND)
            continue;
        struct vs_cur name, value;
        vs_cur_window(&line, 0, colon, &name);
        vs_cur_window(&line, colon + 1, vs_cur_len(&line) - colon - 1, &value);
        name = vs_cur_trim(name);
        if (vs_eq_ci(&name, "SERVER"))
            h.field = VS_F_SSDP_SERVER;
        else if (vs_eq_ci(&name, "USER-AGENT"))
            h.field = VS_F_SSDP_USER_AGENT;
        else
            continue;
        h.active = true;
        append(&h, value);
    }
    flush(&h, emit, ctx);
    return VS_DECODE_OK;
}
