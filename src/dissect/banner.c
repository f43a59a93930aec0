/* SPDX-License-Identifier: BSD-2-Clause */
/* banner.c - text banners recognised by payload, not port (Zeek dpd style): SSH
 * identification (RFC 4253 s4.2), FTP 220 greeting (RFC 959), Telnet (RFC 854) greeting,
 * HTTP Server and WWW-Authenticate (RFC 9110), SIP User-Agent/Server (RFC 3261) and
 * the TR-069 CWMP Inform DeviceId and SoftwareVersion (TR-069 Amendment 6, A.3.3.1).
 * HTTP over UDP is SSDP and goes to ssdp.c; a UPnP device description in an HTTP response
 * goes to upnp.c as well, so that their evidence carries the ssdp.* / upnp.* fields. */
#include "vendorsniff/dissect_util.h"

#include <string.h>

/* RFC 4253 s4.2: the identification line is at most 255 characters with its CR LF. */
#define SSH_LINE_MAX 255
#define TELNET_IAC 0xff
#define TELNET_SB 0xfa
#define TELNET_SE 0xf0
#define TELNET_WILL 0xfb
#define TELNET_DONT 0xfe
#define TELNET_MIN_ALNUM 3
/* Non-empty lines of a Telnet greeting kept (a legal notice can run to dozens). */
#define TELNET_MAX_LINES 12

/* ---- small readers over a cursor (indexes, never pointers into the packet) ---- */

static bool is_alnum(uint8_t b)
{
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

static bool eq(const struct vs_cur *c, const char *s)
{
    size_t n = strlen(s);
    return vs_cur_len(c) == n && vs_cur_has_prefix(c, s, n);
}

static bool ends_with(const struct vs_cur *c, const char *s)
{
    size_t n = strlen(s), len = vs_cur_len(c);
    struct vs_cur tail;
    return len >= n && vs_cur_window(c, len - n, n, &tail) && vs_cur_has_prefix(&tail, s, n);
}

static size_t find_ci(const struct vs_cur *c, const char *s)
{
    size_t n = strlen(s), len = vs_cur_len(c);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && vs_lower(vs_at(c, i + k)) == vs_lower((uint8_t)s[k]))
            k++;
        if (k == n)
            return i;
    }
    return VS_NOT_FOUND;
}

static struct vs_cur trim(struct vs_cur c)
{
    size_t a = 0, n = vs_cur_len(&c);
    while (a < n && (vs_is_blank(vs_at(&c, a)) || vs_at(&c, a) == '\r' || vs_at(&c, a) == '\n'))
        a++;
    while (n > a && (vs_is_blank(vs_at(&c, n - 1)) || vs_at(&c, n - 1) == '\r' ||
                     vs_at(&c, n - 1) == '\n' || vs_at(&c, n - 1) == 0))
        n--;
    struct vs_cur out = vs_cur_make(NULL, 0);
    vs_cur_window(&c, a, n - a, &out);
    return out;
}

/* The next line of c without its CR LF (bare LF accepted). False when no line end is
 * left in c: the line was cut by the segment or by the scan window. */
static void emit_value(vs_emit_fn emit, void *ctx, enum vs_field f, struct vs_cur v)
{
    v = trim(v);
    if (!vs_cur_empty(&v))
        vs_emit_text(emit, ctx, f, v.p, vs_cur_len(&v));
}

/* The first bytes of the payload, at most limit of them. */
static struct vs_cur window(const struct vs_cur *c, size_t limit)
{
    struct vs_cur w;
    vs_cur_window(c, 0, vs_cur_len(c) < limit ? vs_cur_len(c) : limit, &w);
    return w;
}

/* A line that found no end: cut by the segment (truncated), or running past our scan
 * bound, where the protocol's own limit decides whether that is malformed. */
static enum vs_decode_status unterminated(const struct vs_cur *payload, size_t limit,
                                          enum vs_decode_status past_limit)
{
    return vs_cur_len(payload) >= limit ? past_limit : VS_DECODE_TRUNCATED;
}

/* ---- SSH ---- */

static enum vs_decode_status ssh(const struct vs_cur *payload, vs_emit_fn emit, void *ctx)
{
    struct vs_cur w = window(payload, SSH_LINE_MAX), line;
    if (!vs_next_line(&w, &line))
        return unterminated(payload, SSH_LINE_MAX, VS_DECODE_MALFORMED);
    /* "SSH-" protoversion "-" softwareversion: protoversion is digits and dots. */
    size_t i = 4, n = vs_cur_len(&line);
    while (i < n && ((vs_at(&line, i) >= '0' && vs_at(&line, i) <= '9') || vs_at(&line, i) == '.'))
        i++;
    if (i == 4 || i >= n || vs_at(&line, i) != '-' || i + 1 == n)
        return VS_DECODE_MALFORMED;
    emit_value(emit, ctx, VS_F_SSH_BANNER, line);
    return VS_DECODE_OK;
}

/* ---- FTP ---- */

static enum vs_decode_status ftp(const struct vs_cur *payload, vs_emit_fn emit, void *ctx)
{
    struct vs_cur w = window(payload, VS_MAX_BANNER_SCAN), line;
    if (!vs_next_line(&w, &line))
        return unterminated(payload, VS_MAX_BANNER_SCAN, VS_DECODE_OK);
    /* SMTP greets with 220 too; its banners name mail software, not equipment. */
    if (find_ci(&line, "SMTP") != VS_NOT_FOUND)
        return VS_DECODE_OK;
    /* The whole reply line, code included, as tshark shows it (corpus/expected); the first
     * line of a multi-line greeting ("220-...") is reported in the one-line form. */
    uint8_t buf[VS_MAX_BANNER_SCAN];
    line = trim(line);
    size_t n = vs_cur_len(&line) < sizeof buf ? vs_cur_len(&line) : sizeof buf;
    if (!vs_cur_copy(&line, buf, n))
        return VS_DECODE_OK;
    if (n > 3 && buf[3] == '-')
        buf[3] = ' ';
    vs_emit_text(emit, ctx, VS_F_FTP_BANNER, buf, n);
    return VS_DECODE_OK;
}

/* ---- Telnet ---- */

/* Server output that carries secrets (a configuration listing, SNMP communities) is
 * never a greeting; a value is never a credential, so such a segment is dropped whole. */
static bool looks_secret(const struct vs_cur *text)
{
    static const char *const words[] = {
        "community",  "secret",     "cipher",     "key-string", "pre-shared",        "snmp-server",
        "snmp-agent", "password 0", "password 5", "password 7", "encrypted-password"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (find_ci(text, words[i]) != VS_NOT_FOUND)
            return true;
    return false;
}

/* ---- Telnet greeting shape ---- */

static bool ends_with_ci(const struct vs_cur *c, const char *s)
{
    size_t n = strlen(s), len = vs_cur_len(c);
    struct vs_cur tail;
    return len >= n && vs_cur_window(c, len - n, n, &tail) && vs_eq_ci(&tail, s);
}

/* The line that asks for the account: the greeting ends there. */
static bool login_prompt(struct vs_cur line)
{
    static const char *const prompts[] = {
        "login:", "username:", "user name:", "password:", "login as:"};
    line = trim(line);
    for (size_t i = 0; i < sizeof prompts / sizeof prompts[0]; i++)
        if (ends_with_ci(&line, prompts[i]))
            return true;
    return false;
}

/* A CLI prompt ("<HUAWEI>", "[admin@MikroTik] >", "ZXR10#", "root@ont:~$"): the session
 * is logged in, and what precedes it is command output, never a greeting. */
static bool cli_prompt(struct vs_cur line)
{
    line = trim(line);
    size_t n = vs_cur_len(&line);
    if (!n || n > 64)
        return false;
    uint8_t a = vs_at(&line, 0), z = vs_at(&line, n - 1);
    if (a == '<' && z == '>' && vs_find_byte(&line, 0, ' ') == VS_NOT_FOUND)
        return n > 2;
    if (a == '[') {
        size_t close = vs_find_byte(&line, 1, ']');
        if (close == VS_NOT_FOUND)
            return false;
        struct vs_cur rest;
        vs_cur_window(&line, close + 1, n - close - 1, &rest);
        rest = trim(rest);
        return vs_cur_empty(&rest) || eq(&rest, ">") || eq(&rest, "#") || eq(&rest, "$");
    }
    return n > 1 && (z == '#' || z == '>' || z == '$' || z == '%') &&
           vs_find_byte(&line, 0, ' ') == VS_NOT_FOUND &&
           vs_find_byte(&line, 0, '\t') == VS_NOT_FOUND;
}

static bool has_text(struct vs_cur line)
{
    line = trim(line);
    return !vs_cur_empty(&line);
}

/* The last line of t that holds something other than blanks. */
static struct vs_cur last_line(const struct vs_cur *t)
{
    struct vs_cur w = *t, line, last = vs_cur_make(NULL, 0);
    for (;;) {
        size_t lf = vs_find_byte(&w, 0, '\n');
        vs_cur_window(&w, 0, lf == VS_NOT_FOUND ? vs_cur_len(&w) : lf, &line);
        if (has_text(line))
            last = line;
        if (lf == VS_NOT_FOUND)
            return last;
        vs_cur_skip(&w, lf + 1);
    }
}

/* The greeting: its first TELNET_MAX_LINES non-empty lines, up to and including the login
 * prompt; a long notice or whatever follows the prompt is not part of it. */
static struct vs_cur greeting(struct vs_cur t)
{
    struct vs_cur w = t, line;
    size_t end = 0, lines = 0;
    for (;;) {
        size_t lf = vs_find_byte(&w, 0, '\n');
        size_t len = lf == VS_NOT_FOUND ? vs_cur_len(&w) : lf;
        vs_cur_window(&w, 0, len, &line);
        if (has_text(line)) {
            end = vs_cur_len(&t) - vs_cur_len(&w) + len;
            if (++lines >= TELNET_MAX_LINES || login_prompt(line))
                break;
        }
        if (lf == VS_NOT_FOUND)
            break;
        vs_cur_skip(&w, lf + 1);
    }
    vs_cur_window(&t, 0, end, &t);
    return trim(t);
}

/* Strip option negotiation (RFC 854/855) and control codes, keep the greeting text.
 * Without flow state a greeting is told from later session output (command results,
 * which would be noise or worse) by shape: the segment negotiates options, opens a fresh
 * line as servers do before their banner, or ends in a login prompt (the rest of a
 * greeting whose first segment held only a row of asterisks); and it does not end in a
 * CLI prompt or report a previous login, which only a logged-in session shows. Binary
 * data that happens to start with IAC fails the negotiation grammar or the share of
 * printable text. */
static enum vs_decode_status telnet(const struct vs_cur *payload, vs_emit_fn emit, void *ctx)
{
    struct vs_cur w = window(payload, VS_MAX_BANNER_SCAN);
    uint8_t text[VS_MAX_BANNER_SCAN];
    size_t n = 0, alnum = 0, printable = 0, junk = 0, i = 0, len = vs_cur_len(&w);
    bool negotiated = false;
    enum vs_decode_status st = VS_DECODE_OK;
    while (i < len) {
        uint8_t b = vs_at(&w, i++);
        if (b == TELNET_IAC) {
            if (i >= len) {
                st = VS_DECODE_TRUNCATED;
                break;
            }
            uint8_t cmd = vs_at(&w, i++);
            if (cmd < TELNET_SE)
                return VS_DECODE_OK; /* not a command: this is not Telnet */
            if (cmd == TELNET_IAC) {
                junk++; /* an escaped 0xff data byte */
            } else if (cmd >= TELNET_WILL && cmd <= TELNET_DONT) {
                i++; /* the option code */
                negotiated = true;
            } else if (cmd == TELNET_SB) {
                /* Subnegotiation runs to IAC SE; its bytes (terminal type...) are not text. */
                while (i < len && !(vs_at(&w, i) == TELNET_IAC && vs_at(&w, i + 1) == TELNET_SE))
                    i++;
                i += 2;
                negotiated = true;
            }
            continue;
        }
        if (b == 0x1b && vs_at(&w, i) == '[') { /* ANSI control sequence: ESC [ params final */
            i++;
            while (i < len && !(vs_at(&w, i) >= 0x40 && vs_at(&w, i) <= 0x7e))
                i++;
            i++;
            continue;
        }
        if (b == 0)
            continue; /* CR NUL is Telnet's bare carriage return */
        if ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7f) {
            junk++;
            continue;
        }
        if (b >= 0x80)
            junk++;
        else
            printable++;
        text[n++] = b;
        alnum += is_alnum(b);
    }
    uint8_t first = n ? text[0] : 0;
    struct vs_cur all = vs_cur_make(text, n), last = last_line(&all);
    if (!negotiated && first != '\r' && first != '\n' && !login_prompt(last))
        return st;
    if (cli_prompt(last) || find_ci(&all, "Last login:") != VS_NOT_FOUND)
        return st;
    struct vs_cur t = greeting(all);
    if (alnum >= TELNET_MIN_ALNUM && junk * 8 <= printable && !vs_cur_empty(&t) &&
        !looks_secret(&t))
        vs_emit_text(emit, ctx, VS_F_TELNET_BANNER, t.p, vs_cur_len(&t));
    return st;
}

/* ---- CWMP Inform (SOAP inside an HTTP POST) ---- */

/* Copy XML character data, resolving the five predefined entities, cut at the bound. */
static size_t xml_text(struct vs_cur src, uint8_t *out, size_t outsz)
{
    static const struct {
        const char *ent;
        uint8_t ch;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    size_t n = 0;
    src = trim(src);
    while (!vs_cur_empty(&src) && n < outsz) {
        bool done = false;
        for (size_t e = 0; e < sizeof ents / sizeof ents[0] && !done; e++) {
            if (vs_starts(&src, ents[e].ent)) {
                out[n++] = ents[e].ch;
                vs_cur_skip(&src, strlen(ents[e].ent));
                done = true;
            }
        }
        if (!done) {
            uint8_t b;
            vs_cur_u8(&src, &b);
            out[n++] = b;
        }
    }
    return n;
}

struct cwmp_state {
    bool inform, device_id;
    struct vs_cur name; /* text of the last ParameterValueStruct Name */
};

static const struct {
    const char *tag;
    enum vs_field field;
} cwmp_device_id[] = {
    {"Manufacturer", VS_F_CWMP_MANUFACTURER},
    {"OUI", VS_F_CWMP_OUI},
    {"ProductClass", VS_F_CWMP_PRODUCT_CLASS},
    {"SerialNumber", VS_F_CWMP_SERIAL_NUMBER},
};

/* A tolerant tag scanner, not an XML parser: namespace prefixes are dropped, attributes
 * ignored, and only the elements of an Inform's DeviceId and ParameterList are read. */
static enum vs_decode_status cwmp(struct vs_cur body, bool cut_by_bound, vs_emit_fn emit, void *ctx)
{
    /* Running out inside the Inform is truncation only if the segment ended there. */
    /* A body that goes on in the next TCP segment is segmentation, not a decode error. */
    (void)cut_by_bound;
    enum vs_decode_status short_st = VS_DECODE_OK;
    struct cwmp_state s = {false, false, vs_cur_make(NULL, 0)};
    size_t i = 0;
    for (;;) {
        size_t lt = vs_find_byte(&body, i, '<');
        if (lt == VS_NOT_FOUND)
            return VS_DECODE_OK;
        size_t gt = vs_find_byte(&body, lt, '>');
        if (gt == VS_NOT_FOUND)
            return s.inform ? short_st : VS_DECODE_OK;
        i = gt + 1;
        uint8_t first = vs_at(&body, lt + 1);
        if (first == '?' || first == '!')
            continue;
        bool closing = first == '/';
        size_t a = lt + 1 + closing, e = a;
        while (e < gt && !vs_is_blank(vs_at(&body, e)) && vs_at(&body, e) != '/' &&
               vs_at(&body, e) != '\r' && vs_at(&body, e) != '\n')
            e++;
        size_t colon = a;
        for (size_t k = a; k < e; k++)
            if (vs_at(&body, k) == ':')
                colon = k + 1;
        struct vs_cur local;
        vs_cur_window(&body, colon, e - colon, &local);
        bool selfclose = vs_at(&body, gt - 1) == '/';

        if (eq(&local, "Inform")) {
            s.inform = !closing;
            continue;
        }
        if (!s.inform)
            continue;
        if (eq(&local, "DeviceId")) {
            s.device_id = !closing && !selfclose;
            continue;
        }
        if (closing || selfclose)
            continue;
        /* Character data runs to the next tag; one cut off by the window is not read. */
        size_t next = vs_find_byte(&body, i, '<');
        if (next == VS_NOT_FOUND)
            return short_st;
        struct vs_cur text;
        vs_cur_window(&body, i, next - i, &text);
        uint8_t buf[VS_MAX_VALUE_LEN];
        if (s.device_id) {
            for (size_t k = 0; k < sizeof cwmp_device_id / sizeof cwmp_device_id[0]; k++) {
                if (eq(&local, cwmp_device_id[k].tag)) {
                    size_t n = xml_text(text, buf, sizeof buf);
                    if (n)
                        vs_emit_text(emit, ctx, cwmp_device_id[k].field, buf, n);
                }
            }
        } else if (eq(&local, "Name")) {
            s.name = trim(text);
        } else if (eq(&local, "Value")) {
            if (ends_with(&s.name, ".SoftwareVersion")) {
                size_t n = xml_text(text, buf, sizeof buf);
                if (n)
                    vs_emit_text(emit, ctx, VS_F_CWMP_SOFTWARE_VERSION, buf, n);
            }
            s.name = vs_cur_make(NULL, 0);
        }
    }
}

/* ---- HTTP, SSDP and SIP messages ---- */

enum msg_kind { MSG_HTTP, MSG_SIP };

/* Classify a start line: a status line, or METHOD SP target SP version. */
static bool start_line(const struct vs_cur *line, enum msg_kind *kind, bool *post)
{
    *post = false;
    if (vs_starts(line, "HTTP/1.")) {
        *kind = MSG_HTTP;
        return true;
    }
    if (vs_starts(line, "SIP/2.0 ")) {
        *kind = MSG_SIP;
        return true;
    }
    size_t sp = vs_find_byte(line, 0, ' ');
    if (sp == VS_NOT_FOUND || sp == 0)
        return false;
    for (size_t i = 0; i < sp; i++)
        if (!((vs_at(line, i) >= 'A' && vs_at(line, i) <= 'Z') || vs_at(line, i) == '-'))
            return false;
    if (ends_with(line, " SIP/2.0")) {
        *kind = MSG_SIP;
        return true;
    }
    if (ends_with(line, " HTTP/1.1") || ends_with(line, " HTTP/1.0")) {
        *kind = MSG_HTTP;
        *post = vs_starts(line, "POST ");
        return true;
    }
    return false;
}

static bool header_lines(struct vs_cur *w, enum msg_kind kind, vs_emit_fn emit, void *ctx);

/* A device description whose body goes on in the next TCP segment is segmentation, not a
 * decode error (the elements before the cut are still read). */
static enum vs_decode_status upnp(const struct vs_cur *payload, vs_emit_fn emit, void *ctx)
{
    enum vs_decode_status st = vs_upnp_dissect(*payload, NULL, emit, ctx);
    return st == VS_DECODE_TRUNCATED ? VS_DECODE_OK : st;
}

static enum vs_decode_status message(const struct vs_cur *payload, vs_emit_fn emit, void *ctx)
{
    struct vs_cur w = window(payload, VS_MAX_BANNER_SCAN), line;
    if (!vs_next_line(&w, &line))
        return unterminated(payload, VS_MAX_BANNER_SCAN, VS_DECODE_OK);
    enum msg_kind kind;
    bool post;
    if (!start_line(&line, &kind, &post))
        return VS_DECODE_OK; /* a candidate that is none of ours */
    /* A CWMP Inform may need more than the banner window. */
    w = window(payload, post ? VS_MAX_CWMP_SCAN : VS_MAX_BANNER_SCAN);
    vs_next_line(&w, &line);
    /* Headers that go on in the next TCP segment are ordinary segmentation, not an error:
     * the pipeline reads the rest of them from that segment. */
    if (!header_lines(&w, kind, emit, ctx))
        return VS_DECODE_OK;
    if (kind == MSG_HTTP && !post && vs_upnp_candidate(payload))
        return upnp(payload, emit, ctx);
    return post ? cwmp(w, vs_cur_len(payload) > VS_MAX_CWMP_SCAN, emit, ctx) : VS_DECODE_OK;
}

/* Header lines up to the blank line that ends them; false when the bytes end first. */
static bool header_lines(struct vs_cur *w, enum msg_kind kind, vs_emit_fn emit, void *ctx)
{
    struct vs_cur line;
    for (;;) {
        if (!vs_next_line(w, &line))
            return false;
        if (vs_cur_empty(&line))
            break;
        /* obs-fold continuation lines are not joined: the first line names the product. */
        if (vs_is_blank(vs_at(&line, 0)))
            continue;
        size_t colon = vs_find_byte(&line, 0, ':');
        if (colon == VS_NOT_FOUND)
            continue;
        struct vs_cur name, value;
        vs_cur_window(&line, 0, colon, &name);
        vs_cur_window(&line, colon + 1, vs_cur_len(&line) - colon - 1, &value);
        name = trim(name);
        if (kind == MSG_SIP) {
            if (vs_eq_ci(&name, "User-Agent"))
                emit_value(emit, ctx, VS_F_SIP_USER_AGENT, value);
            else if (vs_eq_ci(&name, "Server"))
                emit_value(emit, ctx, VS_F_SIP_SERVER, value);
        } else {
            if (vs_eq_ci(&name, "Server"))
                emit_value(emit, ctx, VS_F_HTTP_SERVER, value);
            else if (vs_eq_ci(&name, "WWW-Authenticate"))
                emit_value(emit, ctx, VS_F_HTTP_WWW_AUTHENTICATE, value);
        }
    }
    return true;
}

enum vs_decode_status vs_banner_sip_headers(struct vs_cur c, const struct vs_pkt *pkt,
                                            vs_emit_fn emit, void *ctx)
{
    (void)pkt;
    struct vs_cur w = window(&c, VS_MAX_BANNER_SCAN);
    header_lines(&w, MSG_SIP, emit, ctx);
    return VS_DECODE_OK;
}

enum vs_decode_status vs_banner_http_headers(struct vs_cur c, const struct vs_pkt *pkt,
                                             vs_emit_fn emit, void *ctx)
{
    (void)pkt;
    struct vs_cur w = window(&c, VS_MAX_BANNER_SCAN);
    header_lines(&w, MSG_HTTP, emit, ctx);
    return VS_DECODE_OK;
}

bool vs_banner_incomplete(const struct vs_cur *payload, bool *sip)
{
    struct vs_cur w = window(payload, VS_MAX_BANNER_SCAN), line;
    enum msg_kind kind;
    bool post;
    if (vs_cur_len(payload) > VS_MAX_BANNER_SCAN)
        return false; /* the window was full: the headers were all there was to read */
    if (!vs_next_line(&w, &line) || !start_line(&line, &kind, &post) || post)
        return false;
    *sip = kind == MSG_SIP;
    for (;;) {
        if (!vs_next_line(&w, &line))
            return true;
        if (vs_cur_empty(&line))
            return false;
    }
}

/* ---- recognition ---- */

static bool sip_or_http_method(const struct vs_cur *c, uint8_t b0)
{
    switch (b0) {
    case 'A':
        return vs_starts(c, "ACK ");
    case 'B':
        return vs_starts(c, "BYE ");
    case 'C':
        return vs_starts(c, "CANCEL ");
    case 'I':
        return vs_starts(c, "INVITE ") || vs_starts(c, "INFO ");
    case 'M':
        return vs_starts(c, "MESSAGE ");
    case 'N':
        return vs_starts(c, "NOTIFY ");
    case 'O':
        return vs_starts(c, "OPTIONS ");
    case 'P':
        return vs_starts(c, "POST ") || vs_starts(c, "PUBLISH ") || vs_starts(c, "PRACK ");
    case 'R':
        return vs_starts(c, "REGISTER ") || vs_starts(c, "REFER ");
    case 'S':
        return vs_starts(c, "SUBSCRIBE ");
    case 'U':
        return vs_starts(c, "UPDATE ");
    default:
        return false;
    }
}

/* A CWMP body sent in its own segment after the POST headers. */
static bool xml_body(const struct vs_cur *c)
{
    return vs_starts(c, "<?xml") || vs_starts(c, "<soap") || vs_starts(c, "<SOAP") ||
           vs_starts(c, "<s:Envelope");
}

static bool telnet_command(const struct vs_cur *c)
{
    uint8_t b1;
    return vs_cur_peek_u8(c, 1, &b1) && b1 >= TELNET_SE && b1 != TELNET_IAC;
}

bool vs_banner_candidate(const struct vs_cur *payload, const struct vs_pkt *pkt)
{
    uint8_t b0;
    if (!vs_cur_peek_u8(payload, 0, &b0))
        return false;
    if (pkt && pkt->ip_proto == 17 && vs_ssdp_candidate(payload, pkt))
        return true;
    /* The one port hint: a Telnet server that greets without negotiating first. */
    if (pkt && pkt->sport == 23 && pkt->dport != 23)
        return true;
    switch (b0) {
    case 'S':
        if (vs_starts(payload, "SSH-") || vs_starts(payload, "SIP/2.0 "))
            return true;
        break;
    case 'H':
        return vs_starts(payload, "HTTP/1.");
    case '2':
        return vs_starts(payload, "220 ") || vs_starts(payload, "220-");
    case TELNET_IAC:
        return telnet_command(payload) && !(pkt && pkt->dport == 23);
    case '<':
        return xml_body(payload);
    default:
        break;
    }
    return sip_or_http_method(payload, b0);
}

enum vs_decode_status vs_banner_dissect(struct vs_cur c, const struct vs_pkt *pkt, vs_emit_fn emit,
                                        void *ctx)
{
    uint8_t b0;
    if (!vs_cur_peek_u8(&c, 0, &b0))
        return VS_DECODE_TRUNCATED;
    /* Until the pipeline gives SSDP its own row, HTTP over UDP arrives here. */
    if (pkt && pkt->ip_proto == 17 && vs_ssdp_candidate(&c, pkt))
        return vs_ssdp_dissect(c, pkt, emit, ctx);
    if (vs_starts(&c, "SSH-"))
        return ssh(&c, emit, ctx);
    if (vs_starts(&c, "220 ") || vs_starts(&c, "220-"))
        return ftp(&c, emit, ctx);
    /* Telnet is the server's side only: what a client sends to port 23 is typed input. */
    bool to_telnet = pkt && pkt->dport == 23;
    if (!to_telnet && ((b0 == TELNET_IAC && telnet_command(&c)) || (pkt && pkt->sport == 23)))
        return telnet(&c, emit, ctx);
    if (xml_body(&c) && vs_upnp_candidate(&c))
        return upnp(&c, emit, ctx);
    if (xml_body(&c))
        return cwmp(window(&c, VS_MAX_CWMP_SCAN), vs_cur_len(&c) > VS_MAX_CWMP_SCAN, emit, ctx);
    if (vs_starts(&c, "HTTP/1.") || vs_starts(&c, "SIP/2.0 ") || sip_or_http_method(&c, b0))
        return message(&c, emit, ctx);
    return VS_DECODE_OK;
}
