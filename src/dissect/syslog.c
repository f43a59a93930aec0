/* SPDX-License-Identifier: BSD-2-Clause */
/* syslog.c - syslog messages from network elements: RFC 3164 (BSD) and RFC 5424 over UDP,
 * and RFC 6587 framing over TCP (octet counting, or LF-terminated). The cursor covers the
 * UDP payload (one message) or one TCP segment (any number of framed messages).
 *
 * A log message body holds subscriber data (addresses, user names, commands), so the
 * message text is never evidence. What a vendor-format rule needs is the message's
 * structure: which header it has and the tag/mnemonic tokens its software puts before the
 * text. The "format" value (VS_F_SYSLOG_FORMAT, at most SYSLOG_FORMAT_MAX bytes of
 * printable ASCII) is built as space-separated items:
 *
 *   header   "bsd"  an RFC 3164 timestamp (any of the vendor variants: year before or after
 *                   the time, ISO dates, fractions, zones) with or without a HOSTNAME;
 *            "bare" the message follows <PRI> directly (Cisco IOS, NX-OS, ASA, FortiOS),
 *                   or its timestamp ends in ':' (the device's own, as in IOS);
 *            "5424" followed by APP-NAME, MSGID and each SD-ID in brackets ("[junos@2636]").
 *   tags     each "name:" token, PIDs and other "[digits]" groups dropped ("mgd:" for
 *            "mgd[1234]:", "%%01SHELL/5/CMDRECORD(s):" for "...(s)[0]:"), at most 3;
 *   event    the first mnemonic-shaped token, and the scan stops there: "%FAC-SEV-MNEM:"
 *            (Cisco, Arista, Huawei, H3C), "%PKT_INFRA-LINK-3-UPDOWN :" (IOS-XR's space
 *            before the colon is kept), "UPPER_SNAKE:" after a tag (Junos event IDs),
 *            "APP-SEVERITY-name-id" (Nokia SR OS, after its routing context word),
 *            "a,b,c" topic lists (MikroTik).
 * Sequence numbers, timestamps and zones before the event are skipped, and one word that
 * is not kept when the next token shows what it is (a host-name prefix before the first
 * tag, a routing context before an SR OS event); any other word ends the scan, so nothing
 * of the text after the event is ever read into the value. CEF spaces become '_'.
 * A message cut by the end of a TCP segment (its octet count, or no LF yet) gives a format
 * only when the scan ended before the cut: a half-read value is never emitted.
 * Key=value messages (FortiOS) give "kv devid=<devid>" (the device ID names the model and
 * serial; no other value is kept) or, without a devid, "kv" and the first three key names.
 * CEF messages give "cef Vendor|Product|Version" (the header names the sender's product).
 *
 * VS_F_SYSLOG_HOSTNAME is the RFC 3164 HOSTNAME, the RFC 5424 HOSTNAME, or FortiOS's
 * devname, when it is a plausible host name: letters, digits, '.', '-', '_', at least one
 * letter. So "-" and IP literals (the sender's address, which the pipeline already has)
 * are never a name. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vendorsniff/dissect.h"
#include "vendorsniff/dissect_util.h"

#define SYSLOG_FORMAT_MAX 80
#define SYSLOG_HOST_MAX 255
/* Bytes of a message the structure scan looks at, and tokens it examines. */
#define SYSLOG_SCAN_MAX 512
#define SYSLOG_SCAN_TOKENS 24
#define SYSLOG_MAX_TAGS 3
/* RFC 6587 octet counts above this are not believed (RFC 5425 receivers must take 2048;
 * 64 KiB is far beyond any network element's message). */
#define SYSLOG_MAX_FRAME 65536u
/* Messages decoded in one TCP segment before the rest is ignored. */
#define SYSLOG_MAX_PER_SEGMENT 64
#define SYSLOG_SD_MAX 16

/* ---- a small text builder for the format value ---------------------------------------- */

struct fmt {
    char b[SYSLOG_FORMAT_MAX];
    size_t n;
    bool full;
};

/* Append one item (a space first unless it is the first); all or nothing. */
static bool fmt_add(struct fmt *f, const uint8_t *p, size_t len)
{
    size_t need = len + (f->n ? 1 : 0);
    if (f->full || need > sizeof f->b - f->n) {
        f->full = true;
        return false;
    }
    if (f->n)
        f->b[f->n++] = ' ';
    memcpy(f->b + f->n, p, len);
    f->n += len;
    return true;
}

static bool fmt_adds(struct fmt *f, const char *s)
{
    return fmt_add(f, (const uint8_t *)s, strlen(s));
}

/* ---- tokens --------------------------------------------------------------------------- */

/* A token is a run of printable, non-space bytes. */
/* A token, copied out of the message (through the cursor) so that the classifiers below
 * index memory of their own, never the packet. */
struct tok {
    uint8_t p[SYSLOG_SCAN_MAX];
    size_t n;
};

static bool is_print(uint8_t b)
{
    return b > 0x20 && b < 0x7f;
}
static bool is_digit(uint8_t b)
{
    return b >= '0' && b <= '9';
}
static bool is_upper(uint8_t b)
{
    return b >= 'A' && b <= 'Z';
}
static bool is_lower(uint8_t b)
{
    return b >= 'a' && b <= 'z';
}
static bool is_alnum(uint8_t b)
{
    return is_digit(b) || is_upper(b) || is_lower(b);
}

/* A tokenizer over a message. A ':' that ends a word glued to the next one ends the token
 * ("RP/0/RSP0/CPU0:Jun", "%%01SHELL/5/CMDRECORD(s)[0]:Recorded"), unless digits stand on
 * both sides (times). When the message was cut (TCP count beyond the segment), the last
 * token is not trusted: it may be a cut word. */
struct toks {
    struct vs_cur c;
    bool cut;
    bool bad; /* a control or non-ASCII byte inside a token: stop */
};

static bool tok_next(struct toks *t, struct tok *out)
{
    uint8_t b;
    while (vs_cur_peek_u8(&t->c, 0, &b) && (b == ' ' || b == '\t'))
        vs_cur_skip(&t->c, 1);
    size_t i = 0;
    while (vs_cur_peek_u8(&t->c, i, &b) && b != ' ' && b != '\t') {
        if (!is_print(b)) {
            t->bad = true;
            return false;
        }
        i++;
        uint8_t prev = b, next;
        if (prev == ':' && vs_cur_peek_u8(&t->c, i, &next) && next != ' ' && next != '\t') {
            uint8_t before = 0;
            if (i >= 2)
                vs_cur_peek_u8(&t->c, i - 2, &before);
            if (!(is_digit(before) && is_digit(next)))
                break;
        }
    }
    if (!i)
        return false;
    if (i > sizeof out->p) { /* longer than the scan window: no structure of ours */
        t->bad = true;
        return false;
    }
    if (t->cut && i == vs_cur_len(&t->c))
        return false;
    vs_cur_copy(&t->c, out->p, i);
    out->n = i;
    return true;
}

static bool tok_ends_colon(const struct tok *k)
{
    return k->n && k->p[k->n - 1] == ':';
}

/* Sequence numbers, dates, times, zone offsets: digits with : . + - T Z *. */
static bool tok_is_time(const struct tok *k)
{
    bool digit = false;
    for (size_t i = 0; i < k->n; i++) {
        uint8_t b = k->p[i];
        if (is_digit(b))
            digit = true;
        else if (!strchr(":.+-TZ*", b))
            return false;
    }
    return digit;
}

static bool tok_has_clock(const struct tok *k)
{
    for (size_t i = 1; i + 1 < k->n; i++)
        if (k->p[i] == ':' && is_digit(k->p[i - 1]) && is_digit(k->p[i + 1]))
            return true;
    return false;
}

static bool tok_is_month(const struct tok *k)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    size_t off = k->n == 4 && (k->p[0] == '*' || k->p[0] == '.') ? 1 : 0;
    if (k->n - off != 3)
        return false;
    for (size_t m = 0; m < 12; m++)
        if (memcmp(months + 3 * m, k->p + off, 3) == 0)
            return true;
    return false;
}

/* A zone name right after a time: "UTC", "CET:". A list, not a shape: a host named "EDGE"
 * after the timestamp is a host. */
static bool tok_is_zone(const struct tok *k)
{
    static const char *const zones[] = {"UTC",  "GMT",  "CET",  "CEST", "EET", "EEST", "WET",
                                        "WEST", "MSK",  "EST",  "EDT",  "CST", "CDT",  "MST",
                                        "MDT",  "PST",  "PDT",  "JST",  "KST", "IST",  "HKT",
                                        "SGT",  "AEST", "AEDT", "BST"};
    size_t n = tok_ends_colon(k) ? k->n - 1 : k->n;
    for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
        if (strlen(zones[i]) == n && memcmp(zones[i], k->p, n) == 0)
            return true;
    return false;
}

/* The token without "[digits]" groups, into out (which holds at least k->n bytes). */
static size_t tok_strip_pids(const struct tok *k, uint8_t *out)
{
    size_t o = 0;
    for (size_t i = 0; i < k->n; i++) {
        if (k->p[i] == '[') {
            size_t j = i + 1;
            while (j < k->n && is_digit(k->p[j]))
                j++;
            if (j > i + 1 && j < k->n && k->p[j] == ']') {
                i = j;
                continue;
            }
        }
        out[o++] = k->p[i];
    }
    return o;
}

/* "name:" with a program-name body (after PIDs are dropped). */
static bool tok_is_tag(const uint8_t *p, size_t n)
{
    if (n < 2 || n > 49 || p[n - 1] != ':' || p[0] == '%')
        return false;
    for (size_t i = 0; i + 1 < n; i++)
        if (!is_alnum(p[i]) && !strchr("_./()*@-", p[i]))
            return false;
    return true;
}

/* Junos-style event ID "UI_COMMIT:", "SNMP_TRAP_LINK_DOWN:". */
static bool tok_is_snake_event(const struct tok *k)
{
    if (k->n < 4 || !tok_ends_colon(k) || !is_upper(k->p[0]))
        return false;
    bool underscore = false;
    for (size_t i = 0; i + 1 < k->n; i++) {
        uint8_t b = k->p[i];
        if (b == '_')
            underscore = true;
        else if (!is_upper(b) && !is_digit(b))
            return false;
    }
    return underscore;
}

/* Nokia SR OS event "CHASSIS-MINOR-tmnxEqCardInserted-2003": APP-SEVERITY-name-number. */
static bool tok_is_dash_event(const struct tok *k)
{
    size_t i = 0, part = 0;
    while (i < k->n) {
        size_t s = i;
        while (i < k->n && k->p[i] != '-')
            i++;
        size_t len = i - s;
        if (!len)
            return false;
        for (size_t j = s; j < i; j++) {
            uint8_t b = k->p[j];
            bool ok = part < 2    ? (is_upper(b) || is_digit(b) || b == '_')
                      : part == 2 ? (is_alnum(b) || b == '_')
                                  : is_digit(b);
            if (!ok)
                return false;
        }
        part++;
        if (i < k->n)
            i++;
        else
            break;
        if (part > 3)
            return false;
    }
    return part == 4 && k->p[k->n - 1] != '-';
}

/* MikroTik topics "system,info,account". */
static bool tok_is_topics(const struct tok *k)
{
    bool comma = false;
    for (size_t i = 0; i < k->n; i++) {
        if (k->p[i] == ',') {
            if (!i || i + 1 == k->n || k->p[i - 1] == ',')
                return false;
            comma = true;
        } else if (!is_lower(k->p[i])) {
            return false;
        }
    }
    return comma;
}

/* "key=" at the start of a token: a lower-case key name. */
static size_t tok_kv_key(const struct tok *k)
{
    size_t i = 0;
    while (i < k->n && (is_lower(k->p[i]) || is_digit(k->p[i]) || k->p[i] == '_'))
        i++;
    return i && i < k->n && k->p[i] == '=' && is_lower(k->p[0]) ? i : 0;
}

/* ---- host names ----------------------------------------------------------------------- */

static bool plausible_host(const uint8_t *p, size_t n)
{
    bool letter = false;
    if (!n || n > SYSLOG_HOST_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        if (is_upper(b) || is_lower(b))
            letter = true;
        else if (!is_digit(b) && b != '.' && b != '-' && b != '_')
            return false;
    }
    return letter && p[0] != '.' && p[0] != '-';
}

static void emit_host(vs_emit_fn emit, void *ctx, const uint8_t *p, size_t n)
{
    if (plausible_host(p, n))
        vs_emit_text(emit, ctx, VS_F_SYSLOG_HOSTNAME, p, n);
}

/* ---- message body --------------------------------------------------------------------- */

/* Key=value messages: the devid, or the first key names. */
static bool scan_kv(struct toks *t, const struct tok *first, bool real_cut, struct fmt *f,
                    vs_emit_fn emit, void *ctx)
{
    struct tok cur = *first;
    uint8_t keys[3][32], dev[32];
    size_t keylen[3], nkeys = 0, ntok = 0, devn = 0;
    do {
        size_t kl = tok_kv_key(&cur);
        if (!kl)
            continue;
        size_t vo = kl + 1, vn = cur.n - kl - 1;
        if (vn >= 2 && cur.p[vo] == '"' && cur.p[vo + vn - 1] == '"') {
            vo++;
            vn -= 2;
        }
        if (kl == 5 && memcmp(cur.p, "devid", 5) == 0 && !devn && vn && vn <= sizeof dev) {
            bool ok = true;
            for (size_t i = 0; i < vn; i++)
                ok &= is_alnum(cur.p[vo + i]) || cur.p[vo + i] == '-' || cur.p[vo + i] == '_';
            if (ok) {
                memcpy(dev, cur.p + vo, vn);
                devn = vn;
            }
        } else if (kl == 7 && memcmp(cur.p, "devname", 7) == 0) {
            emit_host(emit, ctx, cur.p + vo, vn);
        }
        if (nkeys < 3 && kl <= sizeof keys[0]) {
            memcpy(keys[nkeys], cur.p, kl);
            keylen[nkeys++] = kl;
        }
    } while (++ntok < SYSLOG_SCAN_TOKENS && tok_next(t, &cur));
    if (!devn && real_cut && !t->bad && ntok < SYSLOG_SCAN_TOKENS)
        return false; /* the devid may be past the cut */
    fmt_adds(f, "kv");
    if (devn) {
        uint8_t item[6 + sizeof dev];
        memcpy(item, "devid=", 6);
        memcpy(item + 6, dev, devn);
        fmt_add(f, item, 6 + devn);
        return true;
    }
    for (size_t i = 0; i < nkeys; i++)
        fmt_add(f, keys[i], keylen[i]);
    return true;
}

/* CEF:Version|Device Vendor|Device Product|Device Version|... : the three device fields. */
static void scan_cef(struct vs_cur msg, struct fmt *f)
{
    uint8_t out[SYSLOG_FORMAT_MAX];
    size_t o = 0, field = 0;
    uint8_t b;
    if (!vs_cur_skip(&msg, 4))
        return;
    while (field < 4 && vs_cur_u8(&msg, &b)) {
        if (b == '|') {
            if (++field == 4)
                break;
            if (field > 1) {
                if (o >= sizeof out)
                    return;
                out[o++] = '|';
            }
            continue;
        }
        if (b < 0x20 || b > 0x7e)
            return;
        if (field == 0)
            continue;
        if (o >= sizeof out)
            return;
        out[o++] = b == ' ' ? '_' : b;
    }
    if (field < 4)
        return; /* the header did not end within the message */
    fmt_adds(f, "cef");
    fmt_add(f, out, o);
}

/* The structure scan described at the top of the file. False when the message was cut
 * before the scan could finish (then nothing is added); items added show in f->n. */
static bool scan_msg(struct vs_cur msg, bool cut, struct fmt *f, vs_emit_fn emit, void *ctx)
{
    size_t before = f->n;
    if (vs_cur_has_prefix(&msg, "CEF:", 4)) {
        scan_cef(msg, f);
        return f->n > before || !cut;
    }
    /* Past the scan window the result is that of the whole message whatever follows, so
     * only a cut inside the window makes the scan incomplete. */
    struct vs_cur scan = msg;
    bool windowed = vs_cur_len(&scan) > SYSLOG_SCAN_MAX;
    if (windowed)
        vs_cur_window(&msg, 0, SYSLOG_SCAN_MAX, &scan);
    struct toks t = {scan, cut || windowed, false};
    struct tok k;
    size_t ntags = 0, ntok = 0;
    bool after_time = false, pending_mnemonic = false, any = false, host_skipped = false;
    while (ntok++ < SYSLOG_SCAN_TOKENS && tok_next(&t, &k)) {
        uint8_t norm[SYSLOG_SCAN_MAX];
        if (k.n == 1 && k.p[0] == ':') {
            if (pending_mnemonic)
                fmt_adds(f, ":");
            if (pending_mnemonic || any)
                goto done;
            continue; /* NX-OS: "<189>: 2013 Jun 11 ..." */
        }
        if (pending_mnemonic)
            goto done;
        if (!any && tok_kv_key(&k)) {
            if (!scan_kv(&t, &k, cut && !windowed, f, emit, ctx))
                goto incomplete;
            goto done;
        }
        if (tok_is_time(&k) && !tok_is_dash_event(&k)) {
            after_time = tok_has_clock(&k) || after_time;
            continue;
        }
        if (tok_is_month(&k))
            continue;
        if (after_time && tok_is_zone(&k)) {
            after_time = false;
            continue;
        }
        after_time = false;
        size_t nn = tok_strip_pids(&k, norm);
        if (k.p[0] == '%') {
            fmt_add(f, norm, nn);
            any = true;
            if (norm[nn - 1] == ':')
                goto done;
            pending_mnemonic = true; /* IOS-XR: "%PKT_INFRA-LINK-3-UPDOWN :" */
            continue;
        }
        if (ntags && (tok_is_snake_event(&k) || tok_is_dash_event(&k))) {
            fmt_add(f, k.p, k.n);
            goto done;
        }
        if (!any && tok_is_topics(&k)) {
            fmt_add(f, k.p, k.n);
            goto done;
        }
        if (tok_is_tag(norm, nn) && ntags < SYSLOG_MAX_TAGS) {
            if (!fmt_add(f, norm, nn))
                goto done;
            ntags++;
            any = true;
            continue;
        }
        /* One word that is not kept, when the next token shows what it was: a routing
         * context between a tag and an event (SR OS "Base", "vprn10"), or a host name
         * before the first tag (IOS XR "logging hostnameprefix"). */
        bool ctx_word = ntags && k.n <= 32, host_word = !any && !host_skipped;
        for (size_t i = 0; ctx_word && i < k.n; i++)
            ctx_word = is_alnum(k.p[i]) || k.p[i] == '_' || k.p[i] == '-';
        host_word = host_word && plausible_host(k.p, k.n);
        if (ctx_word || host_word) {
            struct toks peek = t;
            struct tok nx;
            if (tok_next(&peek, &nx)) {
                if (ctx_word && tok_is_dash_event(&nx))
                    continue;
                if (host_word && nx.p[0] != '%' && tok_is_tag(norm, tok_strip_pids(&nx, norm))) {
                    host_skipped = true;
                    continue;
                }
            } else if (cut && !windowed && !peek.bad) {
                goto incomplete;
            }
        }
        goto done;
    }
    /* Out of tokens. In a cut message the next token might have been the event: a value
     * built so far could differ from the whole message's, so none is given. */
    if (cut && !windowed && !t.bad && ntok <= SYSLOG_SCAN_TOKENS)
        goto incomplete;
done:
    return true;
incomplete:
    f->n = before;
    return false;
}

/* ---- headers -------------------------------------------------------------------------- */

/* <PRI>: 1-3 digits, no leading zero, at most 191 (facility 23, severity 7). */
static bool read_pri(struct vs_cur *c)
{
    uint8_t b;
    unsigned v = 0;
    size_t nd = 0;
    if (!vs_cur_u8(c, &b) || b != '<')
        return false;
    while (vs_cur_u8(c, &b) && is_digit(b)) {
        if (nd && v == 0)
            return false;
        v = v * 10 + (unsigned)(b - '0');
        if (++nd > 3)
            return false;
    }
    return nd && b == '>' && v <= 191;
}

/* An RFC 5424 header field: 1..max printable characters then one space. */
static bool read_field(struct vs_cur *c, size_t max, struct tok *out)
{
    size_t i = 0;
    uint8_t b;
    while (vs_cur_peek_u8(c, i, &b) && b != ' ') {
        if (!is_print(b) || ++i > max)
            return false;
    }
    if (!i || b != ' ')
        return false;
    vs_cur_copy(c, out->p, i);
    vs_cur_skip(c, 1);
    out->n = i;
    return true;
}

/* STRUCTURED-DATA: "-" or [SD-ID *(SP PARAM)]...; adds each SD-ID. False when malformed. */
static bool read_sd(struct vs_cur *c, struct fmt *f, bool *cut)
{
    uint8_t b;
    if (vs_cur_has_prefix(c, "-", 1)) {
        vs_cur_skip(c, 1);
        return true;
    }
    size_t nsd = 0;
    while (vs_cur_peek_u8(c, 0, &b) && b == '[') {
        vs_cur_skip(c, 1);
        size_t i = 0;
        while (vs_cur_peek_u8(c, i, &b) && is_print(b) && b != ']' && b != '=' && b != '"')
            i++;
        if (!vs_cur_peek_u8(c, i, &b)) {
            *cut = true;
            return false;
        }
        if (!i || i > 32 || (b != ' ' && b != ']'))
            return false;
        if (++nsd <= 4) {
            uint8_t item[34];
            item[0] = '[';
            vs_cur_copy(c, item + 1, i);
            item[i + 1] = ']';
            fmt_add(f, item, i + 2);
        } else {
            vs_cur_skip(c, i);
        }
        if (nsd > SYSLOG_SD_MAX)
            return false;
        /* params: name="value" with \" \\ \] escapes inside the quotes */
        bool quoted = false;
        for (;;) {
            if (!vs_cur_u8(c, &b)) {
                *cut = true;
                return false;
            }
            if (quoted) {
                if (b == '\\') {
                    if (!vs_cur_skip(c, 1)) {
                        *cut = true;
                        return false;
                    }
                } else if (b == '"') {
                    quoted = false;
                }
            } else if (b == '"') {
                quoted = true;
            } else if (b == ']') {
                break;
            }
        }
    }
    return nsd > 0;
}

/* A header field failed: for want of bytes (no separator left) or on a bad byte. */
static bool has_space(const struct vs_cur *c)
{
    uint8_t b;
    for (size_t i = 0; vs_cur_peek_u8(c, i, &b); i++)
        if (b == ' ')
            return true;
    return false;
}

static enum vs_decode_status decode_5424(struct vs_cur c, bool cut, struct fmt *f, vs_emit_fn emit,
                                         void *ctx)
{
    struct tok ts, host, app, procid, msgid;
    bool sdcut = false;
    if (!read_field(&c, 64, &ts) || !read_field(&c, 255, &host) || !read_field(&c, 48, &app) ||
        !read_field(&c, 128, &procid) || !read_field(&c, 32, &msgid))
        return cut || !has_space(&c) ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
    if (!(host.n == 1 && host.p[0] == '-'))
        emit_host(emit, ctx, host.p, host.n);
    fmt_adds(f, "5424");
    fmt_add(f, app.p, app.n);
    fmt_add(f, msgid.p, msgid.n);
    if (!read_sd(&c, f, &sdcut))
        return sdcut || cut ? VS_DECODE_TRUNCATED : VS_DECODE_MALFORMED;
    uint8_t b;
    if (vs_cur_peek_u8(&c, 0, &b) && b == ' ')
        vs_cur_skip(&c, 1);
    if (vs_cur_has_prefix(&c, "\xef\xbb\xbf", 3))
        vs_cur_skip(&c, 3);
    if (!scan_msg(c, cut, f, emit, ctx))
        return VS_DECODE_TRUNCATED; /* the MSG's structure is past the cut */
    vs_emit_text(emit, ctx, VS_F_SYSLOG_FORMAT, (const uint8_t *)f->b, f->n);
    return VS_DECODE_OK;
}

/* One syslog message (after framing). cut: the bytes end before the message does. */
static enum vs_decode_status decode_message(struct vs_cur c, bool cut, vs_emit_fn emit, void *ctx)
{
    struct fmt f = {{0}, 0, false};
    if (!read_pri(&c))
        return vs_cur_len(&c) ? VS_DECODE_MALFORMED : VS_DECODE_TRUNCATED;
    /* senders end datagrams with LF, CR LF or NUL */
    uint8_t b;
    while (!cut && vs_cur_peek_u8(&c, vs_cur_len(&c) - 1, &b) && (b == '\n' || b == '\r' || !b))
        vs_cur_window(&c, 0, vs_cur_len(&c) - 1, &c);
    if (vs_cur_has_prefix(&c, "1 ", 2)) {
        vs_cur_skip(&c, 2);
        return decode_5424(c, cut, &f, emit, ctx);
    }
    /* RFC 3164: a timestamp in any vendor variant, then HOSTNAME unless a tag comes next. */
    struct toks t = {c, cut, false};
    struct vs_cur rest = c;
    struct tok k;
    bool clock = false, colon_end = false;
    size_t nts = 0;
    while (nts < 8) {
        struct toks save = t;
        if (!tok_next(&t, &k))
            break;
        bool zone = clock && tok_is_zone(&k);
        if (!tok_is_time(&k) && !tok_is_month(&k) && !zone) {
            t = save;
            break;
        }
        clock |= tok_has_clock(&k);
        colon_end = tok_ends_colon(&k);
        rest = t.c;
        nts++;
        if (colon_end)
            break;
    }
    bool bsd = clock && !colon_end;
    if (bsd) {
        struct toks save = t;
        if (tok_next(&t, &k) && !tok_ends_colon(&k) && k.p[0] != '%' && !tok_kv_key(&k) &&
            !tok_is_topics(&k)) {
            emit_host(emit, ctx, k.p, k.n);
            rest = t.c;
        } else {
            t = save;
        }
    } else {
        rest = c;
    }
    fmt_adds(&f, bsd ? "bsd" : "bare");
    size_t header = f.n;
    if (!scan_msg(rest, cut, &f, emit, ctx))
        return VS_DECODE_TRUNCATED;
    if (f.n > header)
        vs_emit_text(emit, ctx, VS_F_SYSLOG_FORMAT, (const uint8_t *)f.b, f.n);
    return VS_DECODE_OK;
}

enum vs_decode_status vs_syslog_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                        void *ctx)
{
    (void)pkt;
    return decode_message(c, false, emit, ctx);
}

/* RFC 6587: each message is "LEN SP MSG" (octet counting) or "MSG LF" (non-transparent
 * framing); the first byte of each frame tells which. */
enum vs_decode_status vs_syslog_tcp_dissect(struct vs_cur c, const struct vs_pkt *pkt,
                                            vs_emit_fn emit, void *ctx)
{
    (void)pkt;
    enum vs_decode_status st = VS_DECODE_OK;
    size_t nmsg = 0;
    uint8_t b;
    while (vs_cur_peek_u8(&c, 0, &b)) {
        if (b == '\n' || b == '\r' || b == 0) { /* stray terminators between frames */
            vs_cur_skip(&c, 1);
            continue;
        }
        if (++nmsg > SYSLOG_MAX_PER_SEGMENT)
            break;
        struct vs_cur m;
        if (is_digit(b)) {
            uint32_t len = 0;
            size_t nd = 0;
            while (vs_cur_peek_u8(&c, nd, &b) && is_digit(b)) {
                if (nd == 0 && b == '0')
                    return vs_worse(st, VS_DECODE_MALFORMED);
                if (++nd > 6)
                    return vs_worse(st, VS_DECODE_MALFORMED);
                len = len * 10 + (uint32_t)(b - '0');
            }
            if (!vs_cur_peek_u8(&c, nd, &b))
                return vs_worse(st, VS_DECODE_TRUNCATED);
            if (b != ' ' || len > SYSLOG_MAX_FRAME)
                return vs_worse(st, VS_DECODE_MALFORMED);
            vs_cur_skip(&c, nd + 1);
            if (len > vs_cur_len(&c)) { /* continues in the next segment */
                st = vs_worse(st, decode_message(c, true, emit, ctx));
                return vs_worse(st, VS_DECODE_TRUNCATED);
            }
            vs_cur_sub(&c, len, &m);
            st = vs_worse(st, decode_message(m, false, emit, ctx));
        } else if (b == '<') {
            size_t i = 0;
            while (vs_cur_peek_u8(&c, i, &b) && b != '\n')
                i++;
            bool whole = i < vs_cur_len(&c);
            vs_cur_sub(&c, i, &m);
            if (!whole) {
                st = vs_worse(st, decode_message(m, true, emit, ctx));
                return vs_worse(st, VS_DECODE_TRUNCATED);
            }
            vs_cur_skip(&c, 1);
            st = vs_worse(st, decode_message(m, false, emit, ctx));
        } else {
            return vs_worse(st, VS_DECODE_MALFORMED);
        }
    }
    return st;
}

bool vs_syslog_candidate(const struct vs_cur *payload, bool tcp)
{
    uint8_t b0, b1;
    if (!vs_cur_peek_u8(payload, 0, &b0) || !vs_cur_peek_u8(payload, 1, &b1))
        return false;
    if (b0 == '<')
        return is_digit(b1);
    return tcp && b0 >= '1' && b0 <= '9' && (is_digit(b1) || b1 == ' ');
}
