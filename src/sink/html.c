/* SPDX-License-Identifier: BSD-2-Clause */
/* html.c - the audit report as one self-contained HTML5 file (WHATWG HTML; CSP Level 3
 * hash sources; SVG 1.1 inline; CSS Paged Media for print). Nothing is loaded from anywhere:
 * the Content-Security-Policy allows no source at all except the page's own inline styles
 * and the two inline scripts named by their SHA-256. Every string that may come from the wire
 * (or from a file, or the command line) goes through vs_html_escape. The output depends on
 * the inventory and the meta data alone: no clock, no locale, no hash-table order. */
#include "vendorsniff/html_sink.h"
#include "vendorsniff/topology.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/atomic.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/x509.h"

/* ---- escaping ---------------------------------------------------------------------- */

static bool is_bidi_control(uint32_t cp)
{
    return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool vs_html_escape(struct vs_buf *b, const char *s, size_t n)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0, run = 0; /* run: bytes since i that need no escaping */
    bool ok = true;
    while (i + run < n) {
        uint8_t c = u[i + run];
        if (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' &&
            c != '`') {
            run++;
            continue;
        }
        ok &= vs_buf_add(b, s + i, run);
        i += run;
        run = 0;
        char tmp[16];
        switch (c) {
        case '&':
            ok &= vs_buf_add(b, "&amp;", 5);
            i++;
            continue;
        case '<':
            ok &= vs_buf_add(b, "&lt;", 4);
            i++;
            continue;
        case '>':
            ok &= vs_buf_add(b, "&gt;", 4);
            i++;
            continue;
        case '"':
            ok &= vs_buf_add(b, "&quot;", 6);
            i++;
            continue;
        case '\'':
            ok &= vs_buf_add(b, "&#39;", 5);
            i++;
            continue;
        case '`':
            ok &= vs_buf_add(b, "&#96;", 5);
            i++;
            continue;
        default:
            break;
        }
        if (c < 0x20 || c == 0x7f) {
            /* A control byte shown as the text report shows it (\r, \n, \x1b): visible,
             * readable in any font, never acted on. */
            int k = c == '\t'   ? snprintf(tmp, sizeof tmp, "\\t")
                    : c == '\n' ? snprintf(tmp, sizeof tmp, "\\n")
                    : c == '\r' ? snprintf(tmp, sizeof tmp, "\\r")
                                : snprintf(tmp, sizeof tmp, "\\x%02x", c);
            ok &= vs_buf_add(b, tmp, (size_t)k);
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = vs_utf8_seq(u + i, n - i, &cp);
        if (len == 0 || (cp >= 0x80 && cp <= 0x9f) || cp == 0xfeff) {
            ok &= vs_buf_add(b, "\xef\xbf\xbd", 3);
            i += len ? len : 1;
        } else if (is_bidi_control(cp)) {
            int k = snprintf(tmp, sizeof tmp, "[U+%04X]", (unsigned)cp);
            ok &= vs_buf_add(b, tmp, (size_t)k);
            i += len;
        } else {
            ok &= vs_buf_add(b, s + i, len);
            i += len;
        }
    }
    ok &= vs_buf_add(b, s + i, run);
    return ok;
}

/* ---- output buffer ------------------------------------------------------------------ */

struct w {
    FILE *f;
    struct vs_buf b;
    bool nomem, ioerr;
    const struct vs_topology *topo; /* where devices are attached; NULL: not known */
};

#define W_FLUSH_AT (1u << 20)

static void w_flush(struct w *w)
{
    if (w->b.len && fwrite(w->b.p, 1, w->b.len, w->f) != w->b.len)
        w->ioerr = true;
    w->b.len = 0;
}

static void put(struct w *w, const char *s)
{
    if (!vs_buf_add(&w->b, s, strlen(s)))
        w->nomem = true;
    if (w->b.len >= W_FLUSH_AT)
        w_flush(w);
}

static void putf(struct w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct w *w, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k >= sizeof tmp)
        k = (int)sizeof tmp - 1; /* callers format numbers and fixed words only */
    if (!vs_buf_add(&w->b, tmp, (size_t)k))
        w->nomem = true;
}

/* An untrusted string, escaped; NULL prints nothing. */
static void esc(struct w *w, const char *s)
{
    if (s && !vs_html_escape(&w->b, s, strlen(s)))
        w->nomem = true;
    if (w->b.len >= W_FLUSH_AT)
        w_flush(w);
}

/* An untrusted string cut to at most max characters (labels in charts). */
static void esc_cut(struct w *w, const char *s, size_t max)
{
    size_t i = 0, chars = 0, n = strlen(s);
    while (i < n && chars < max) {
        uint32_t cp;
        size_t len = vs_utf8_seq((const uint8_t *)s + i, n - i, &cp);
        i += len ? len : 1;
        chars++;
    }
    if (!vs_html_escape(&w->b, s, i))
        w->nomem = true;
    if (i < n)
        put(w, "\xe2\x80\xa6");
}

/* ---- small helpers ------------------------------------------------------------------ */

/* "2024-01-02 03:04:05" (UTC, seconds) from packet time. */
static void short_ts(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN])
{
    vs_ts_format(sec, usec, out);
    if (strlen(out) >= 19) {
        out[10] = ' ';
        out[19] = '\0';
    }
}

/* The same, as HTML: date and time each kept on one line, the break (if any) between. */
static void ts_html(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN + 64])
{
    char t[VS_TS_STRLEN];
    short_ts(sec, usec, t);
    if (strlen(t) == 19)
        snprintf(out, VS_TS_STRLEN + 64,
                 "<span class=\"nw\">%.10s</span> <span class=\"nw\">%s</span>", t, t + 11);
    else
        snprintf(out, VS_TS_STRLEN + 64, "%s", t);
}

static const char *sev_class(enum vs_severity s)
{
    switch (s) {
    case VS_SEV_CRITICAL:
        return "sev-critical";
    case VS_SEV_HIGH:
        return "sev-high";
    case VS_SEV_MEDIUM:
        return "sev-medium";
    case VS_SEV_LOW:
        break;
    }
    return "sev-low";
}

static void b64(const uint8_t *in, size_t n, char *out)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = t[(v >> 18) & 63];
        out[o++] = t[(v >> 12) & 63];
        out[o++] = i + 1 < n ? t[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? t[v & 63] : '=';
    }
    out[o] = '\0';
}

/* CSP source expression 'sha256-...' of an inline script's exact text. */
static void csp_hash(const char *script, char out[64])
{
    uint8_t h[VS_SHA256_LEN];
    char enc[48];
    vs_sha256(script, strlen(script), h);
    b64(h, sizeof h, enc);
    snprintf(out, 64, "'sha256-%s'", enc);
}

/* ---- the page's fixed parts --------------------------------------------------------- */

/* Runs first: counts any load the policy refused into the DOM, so that a test (or a
 * curious reader with the inspector) sees that nothing was fetched, rather than assuming. */
static const char SCRIPT_CSP[] =
    "document.addEventListener('securitypolicyviolation',function(e){"
    "var r=document.documentElement;"
    "r.setAttribute('data-csp-violations',String((+r.getAttribute('data-csp-violations')||0)+1));"
    "r.setAttribute('data-csp-last',String(e.violatedDirective)+' '+String(e.blockedURI));});";

/* Sorting and filtering; the page is complete without it. */
static const char SCRIPT_TABLES[] =
    "(function(){'use strict';\n"
    "var S=Array.prototype.slice;\n"
    "function key(c){var d=c.getAttribute('data-v');"
    "if(d!==null&&d!==''&&!isNaN(d))return +d;return c.textContent.toLowerCase();}\n"
    "S.call(document.querySelectorAll('table.sortable')).forEach(function(t){\n"
    " var ths=t.tHead.rows[0].cells;\n"
    " S.call(ths).forEach(function(th,i){\n"
    "  var b=document.createElement('button');b.type='button';b.textContent=th.textContent;\n"
    "  th.textContent='';th.appendChild(b);\n"
    "  b.addEventListener('click',function(){\n"
    "   var asc=th.getAttribute('aria-sort')!=='ascending';\n"
    "   S.call(ths).forEach(function(x){x.removeAttribute('aria-sort');});\n"
    "   th.setAttribute('aria-sort',asc?'ascending':'descending');\n"
    "   var tb=t.tBodies[0],rows=S.call(tb.rows);\n"
    "   rows.sort(function(a,c){var x=key(a.cells[i]),y=key(c.cells[i]);"
    "var r=(typeof x==='number'&&typeof y==='number')?x-y:(x<y?-1:x>y?1:0);return asc?r:-r;});\n"
    "   var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});\n"
    "   tb.appendChild(f);});});});\n"
    "var box=document.getElementById('filter');if(!box)return;box.hidden=false;\n"
    "var inp=document.getElementById('filter-q'),out=document.getElementById('filter-n');\n"
    "var timer=0;inp.addEventListener('input',function(){clearTimeout(timer);"
    "timer=setTimeout(run,150);});\n"
    "function run(){\n"
    " var q=inp.value.trim().toLowerCase(),shown=0,all=0;\n"
    " S.call(document.querySelectorAll('#devices tbody tr')).forEach(function(r){all++;\n"
    "  var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!hit;if(hit)shown++;});\n"
    " S.call(document.querySelectorAll('#devices details')).forEach(function(d){\n"
    "  if(q)d.open=!!d.querySelector('tbody tr:not([hidden])');});\n"
    " out.textContent=q?shown+' of '+all+' devices match':'';}\n"
    "})();";

static const char CSS[] =
    ":root{--ink:#1a1a1a;--muted:#555;--line:#d0d4da;--bg:#fff;--band:#f3f5f8;"
    "--accent:#0b4f8a;--risk:#a4161a;--ok:#1b6b3a}\n"
    "*{box-sizing:border-box}\n"
    "html{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
    "'DejaVu Sans',sans-serif;color:var(--ink);background:var(--bg)}\n"
    "body{margin:0 auto;max-width:1200px;padding:0 24px 48px}\n"
    "header.top{border-bottom:3px solid var(--accent);padding:20px 0 12px}\n"
    "h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.3rem;margin:0 0 10px;"
    "border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:1.05rem;margin:14px 0 "
    "6px}\n"
    "section{margin-top:28px}\n"
    ".sub{color:var(--muted);margin:0}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:12px 0 0;"
    "font-size:.9rem}\n"
    "dl.meta dt{font-weight:600;color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
    "dl.meta ul{margin:0;padding-left:18px}\n"
    ".verdict{font-size:1.2rem;font-weight:600;padding:12px 16px;border-left:6px solid var(--ok);"
    "background:var(--band);margin:0 0 14px}\n"
    ".verdict.bad{border-left-color:var(--risk)}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:0;padding:0;list-style:none}\n"
    ".cards li{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}\n"
    ".cards b{display:block;font-size:1.5rem;line-height:1.2}\n"
    ".cards span{color:var(--muted);font-size:.85rem}\n"
    "table{border-collapse:collapse;width:100%;font-size:.85rem}\n"
    "th,td{text-align:left;vertical-align:top;padding:4px 6px;border-bottom:1px solid var(--line);"
    "overflow-wrap:anywhere}\n"
    "thead th{background:var(--band);border-bottom:2px solid var(--line);white-space:nowrap}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".id,.nw{white-space:nowrap}\n"
    "code,.mono{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;"
    "font-size:.82rem}\n"
    ".sev{display:inline-block;padding:1px 7px;border-radius:4px;color:#fff;font-weight:700;"
    "font-size:.78rem;text-transform:uppercase;white-space:nowrap;letter-spacing:.03em;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    ".sev-critical{background:#5c0a0d}.sev-high{background:#a4161a}"
    ".sev-medium{background:#8a4b00}.sev-low{background:#35507a}\n"
    "tbody.riskdev{break-inside:avoid}\n"
    "tbody.riskdev tr:first-child td{border-top:2px solid var(--line)}\n"
    "tr.ev td{background:#fafbfc;border-bottom:0}\n"
    "ul.ev{margin:0;padding:0;list-style:none;font-size:.8rem}\n"
    "ul.ev li{padding:1px 0}ul.ev .src{color:var(--muted)}ul.ev .rule{color:var(--accent)}\n"
    ".unknown{color:var(--muted);font-style:italic}\n"
    ".charts{display:grid;grid-template-columns:1fr;gap:22px}\n"
    "figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:12px;"
    "break-inside:avoid}\n"
    "figure.chart figcaption{font-weight:600;margin-bottom:8px}\n"
    ".chart-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px;"
    "align-items:start}\n"
    ".chart-body svg{width:100%;height:auto;max-width:640px}\n"
    ".chart-body table{font-size:.8rem}\n"
    "svg text{font-family:inherit;font-size:12px;fill:#1a1a1a}\n"
    "svg .bar{fill:#3a6ea5}svg .bar.risk{fill:url(#hatch)}svg .axis{stroke:#888;stroke-width:1}\n"
    "svg .muted{fill:#555}\n"
    ".note{color:var(--muted);font-size:.85rem}\n"
    "#filter{margin:8px 0 10px}#filter input{font:inherit;padding:4px 8px;width:min(420px,100%);"
    "border:1px solid #888;border-radius:4px}\n"
    "#filter-n{margin-left:10px;color:var(--muted)}\n"
    "th button{all:unset;cursor:pointer;font-weight:700}\n"
    "th button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}\n"
    "th[aria-sort=ascending] button::after{content:' \\25B2'}"
    "th[aria-sort=descending] button::after{content:' \\25BC'}\n"
    "tbody.riskdev,details.group{content-visibility:auto;contain-intrinsic-size:auto 120px}\n"
    "details.ev>summary{cursor:pointer;color:var(--accent);font-size:.8rem}\n"
    "details.group{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}\n"
    "details.group>summary{cursor:pointer;font-weight:600;padding:4px 0}\n"
    ".howto dt{font-weight:700;margin-top:10px}.howto dd{margin:2px 0 0 0}\n"
    "footer{margin-top:36px;border-top:1px solid var(--line);padding-top:8px;color:var(--muted);"
    "font-size:.8rem}\n"
    "a{color:var(--accent)}\n"
    ".skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;"
    "padding:4px}\n"
    "@media (min-width:1000px){.charts{grid-template-columns:1fr}}\n"
    "@media (max-width:720px){.chart-body{grid-template-columns:1fr}}\n"
    "@page{margin:14mm 11mm 16mm 11mm;"
    "@bottom-left{content:'vendorsniff audit report';font:8pt sans-serif;color:#555}"
    "@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);"
    "font:8pt sans-serif;color:#555}}\n"
    "@media print{html{font-size:9.5pt}body{max-width:none;padding:0}"
    "#filter,.skip,th button::after{display:none}"
    "th button{font-weight:700}"
    "section{margin-top:0}"
    "section.page{break-before:page}"
    "h2,h3{break-after:avoid}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    "tbody.riskdev{break-inside:auto}tr.riskrow{break-after:avoid}tr.ev{break-inside:auto}"
    ".sev{font-size:6.5pt;padding:0 3px}"
    "table{font-size:7.5pt}td,th{padding:2px 4px}"
    "a{color:inherit;text-decoration:none}"
    ".chart-body{grid-template-columns:3fr 2fr}"
    "figure.chart{border:0;padding:0 0 10px}"
    "details.group{border:0;padding:0}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* ---- device facts ------------------------------------------------------------------- */

static void ips_text(struct w *w, const struct vs_device *d, unsigned max)
{
    for (uint8_t i = 0; i < d->nips && i < max; i++) {
        char ip[VS_IP_STRLEN];
        vs_ip_format(&d->ips[i], ip);
        putf(w, "%s%s", i ? ", " : "", ip);
    }
    if (d->nips > max)
        putf(w, " (+%u more)", (unsigned)(d->nips - max));
}

static void vlans_text(struct w *w, const struct vs_device *d)
{
    for (uint8_t i = 0; i < d->nvlans; i++)
        putf(w, "%s%u", i ? ", " : "", (unsigned)d->vlans[i]);
}

static void or_unknown(struct w *w, const char *s)
{
    if (s && *s)
        esc(w, s);
    else
        put(w, "<span class=\"unknown\">unknown</span>");
}

static void risk_reference(struct w *w, const char *ref)
{
    /* "url ; url": each part a link when it is an http(s) URL, text otherwise. */
    const char *p = ref;
    bool first = true;
    while (p && *p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) {
            p++;
            n--;
        }
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        if (n) {
            char part[1024];
            snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), p);
            if (!first)
                put(w, "<br>");
            bool url = strncmp(part, "https://", 8) == 0 || strncmp(part, "http://", 7) == 0;
            if (url) {
                put(w, "<a rel=\"noopener noreferrer\" href=\"");
                esc(w, part);
                put(w, "\">");
                esc(w, part);
                put(w, "</a>");
            } else {
                esc(w, part);
            }
            first = false;
        }
        p = semi ? semi + 1 : NULL;
    }
}

/* ---- sections ------------------------------------------------------------------------ */

static void header(struct w *w, const struct vs_report_meta *m)
{
    put(w, "<header class=\"top\" role=\"banner\">\n<h1>Network equipment audit</h1>\n"
           "<p class=\"sub\">Passive inventory by vendorsniff: which devices were on the wire, "
           "who made them, and which are on the risk list.</p>\n<dl class=\"meta\">\n");
    put(w, "<dt>Site / sensor</dt><dd>");
    or_unknown(w, m->sensor);
    put(w, "</dd>\n");
    if (m->audit_note && *m->audit_note) {
        put(w, "<dt>Audit note</dt><dd>");
        esc(w, m->audit_note);
        put(w, "</dd>\n");
    }
    putf(w, "<dt>Read</dt><dd>");
    if (!m->ninputs)
        put(w, "<span class=\"unknown\">not recorded</span>");
    if (m->ninputs) {
        esc(w, m->input_kind ? m->input_kind : "input");
        put(w, m->ninputs > 1 ? "s: " : ": ");
    }
    for (size_t i = 0; i < m->ninputs; i++) {
        if (i)
            put(w, ", ");
        if (i == 20 && m->ninputs > 21) {
            putf(w, "and %zu more", m->ninputs - 20);
            break;
        }
        put(w, "<span class=\"mono\">");
        esc(w, strcmp(m->inputs[i], "-") ? m->inputs[i] : "(standard input)");
        put(w, "</span>");
    }
    put(w, "</dd>\n<dt>Packet times</dt><dd>");
    if (m->have_span) {
        char a[VS_TS_STRLEN], b[VS_TS_STRLEN];
        short_ts(m->first_sec, m->first_usec, a);
        short_ts(m->last_sec, m->last_usec, b);
        putf(w, "%s to %s UTC", a, b);
        int64_t d = m->last_sec - m->first_sec;
        if (d >= 0)
            putf(w, " (%lld h %02lld min)", (long long)(d / 3600), (long long)(d / 60 % 60));
    } else {
        put(w, "<span class=\"unknown\">no packet</span>");
    }
    if (m->have_packets)
        putf(w, "; %llu packets", (unsigned long long)m->packets);
    put(w, "</dd>\n<dt>Verdicts rest on</dt><dd><ul>\n");
    put(w, "<li>vendorsniff ");
    esc(w, m->version);
    put(w, "</li>\n<li>IEEE OUI registry snapshot: ");
    or_unknown(w, m->oui_snapshot);
    putf(w, "</li>\n<li>signature set: %zu rules, %zu vendors", m->sig_rules, m->sig_vendors);
    if (m->sig_digest) {
        put(w, ", <span class=\"mono\">");
        esc(w, m->sig_digest);
        put(w, "</span>");
    }
    put(w, "</li>\n");
    if (m->recog_snapshot) {
        put(w, "<li>Recog fingerprints: ");
        esc(w, m->recog_snapshot);
        put(w, "</li>\n");
    }
    put(w, "<li>risk list: ");
    if (m->risk) {
        esc(w, m->risk->name);
        putf(w, " (%zu rules", m->risk->nrules);
        if (m->risk_digest) {
            put(w, ", <span class=\"mono\">");
            esc(w, m->risk_digest);
            put(w, "</span>");
        }
        put(w, ")");
        /* Each distinct reference once, in the list's order ("a ; b" is two). */
        struct vs_buf seen = {0};
        bool any = false;
        for (size_t i = 0; i < m->risk->nrules; i++) {
            const char *p = m->risk->rules[i].reference;
            while (p && *p) {
                const char *semi = strchr(p, ';');
                size_t n = semi ? (size_t)(semi - p) : strlen(p);
                char part[1024];
                snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1),
                         p);
                char *t = part + strspn(part, " \t");
                size_t tl = strlen(t);
                while (tl && (t[tl - 1] == ' ' || t[tl - 1] == '\t'))
                    t[--tl] = '\0';
                p = semi ? semi + 1 : NULL;
                if (!tl)
                    continue;
                bool dup = false;
                for (size_t off = 0; seen.p && off < seen.len && !dup;) {
                    dup = strcmp(seen.p + off, t) == 0;
                    off += strlen(seen.p + off) + 1;
                }
                if (dup)
                    continue;
                if (!vs_buf_add(&seen, t, tl + 1))
                    w->nomem = true;
                put(w, any ? "<br>" : "; references:<br>");
                risk_reference(w, t);
                any = true;
            }
        }
        vs_buf_free(&seen);
    } else {
        put(w, "<span class=\"unknown\">none</span>");
    }
    put(w, "</li>\n<li>GeoIP: ");
    if (m->geoip)
        esc(w, m->geoip);
    else
        put(w, "not used (no --geoip database)");
    put(w, "</li>\n</ul></dd>\n</dl>\n</header>\n");
}

struct counts {
    size_t n, nevid, nrisk, sev[4];
};

static void verdict(struct w *w, const struct vs_report_meta *m, const struct counts *c)
{
    put(w, "<section id=\"verdict\" aria-labelledby=\"h-verdict\">\n"
           "<h2 id=\"h-verdict\">Verdict</h2>\n");
    if (c->nrisk) {
        putf(w, "<p class=\"verdict bad\">%zu of the %zu devices seen %s on the risk list (",
             c->nrisk, c->n, c->nrisk == 1 ? "is" : "are");
        bool first = true;
        for (int s = VS_SEV_CRITICAL; s >= VS_SEV_LOW; s--)
            if (c->sev[s]) {
                putf(w, "%s%zu %s", first ? "" : ", ", c->sev[s],
                     vs_severity_name((enum vs_severity)s));
                first = false;
            }
        put(w, " severity).</p>\n");
    } else {
        putf(w, "<p class=\"verdict\">None of the %zu devices seen is on the risk list.</p>\n",
             c->n);
    }
    if (m->risk) {
        put(w, "<p class=\"note\">Risk list: ");
        esc(w, m->risk->name);
        put(w, ".</p>\n");
    }
    putf(w,
         "<ul class=\"cards\">\n<li><b>%zu</b><span>devices</span></li>\n"
         "<li><b>%zu</b><span>with protocol evidence</span></li>\n"
         "<li><b>%zu</b><span>on the risk list</span></li>\n",
         c->n, c->nevid, c->nrisk);
    for (int s = VS_SEV_CRITICAL; s >= VS_SEV_LOW; s--)
        if (c->sev[s])
            putf(w, "<li><b>%zu</b><span>%s severity</span></li>\n", c->sev[s],
                 vs_severity_name((enum vs_severity)s));
    put(w, "</ul>\n</section>\n");
}

static void evidence_list(struct w *w, const struct vs_device *d, bool collapsed)
{
    if (collapsed)
        putf(w, "<details class=\"ev\"><summary>Evidence (%zu)</summary>",
             d->nev + (d->oui_org != NULL));
    put(w, "<ul class=\"ev\">\n");
    if (d->oui_org) {
        put(w, "<li><span class=\"src\">oui.org</span> = ");
        esc(w, d->oui_org);
        put(w, " <span class=\"rule\">[registry]</span></li>\n");
    }
    for (size_t i = 0; i < d->nev; i++) {
        const struct vs_ev_item *e = &d->ev[i];
        putf(w, "<li><span class=\"src\">%s.%s</span> = <span class=\"mono\">",
             vs_source_name(vs_field_source(e->field)), vs_field_name(e->field));
        esc(w, e->value);
        put(w, "</span>");
        if (e->rule_id) {
            put(w, " <span class=\"rule\">[rule ");
            esc(w, e->rule_id);
            put(w, "]</span>");
        }
        put(w, "</li>\n");
    }
    if (!d->oui_org && !d->nev)
        put(w, "<li class=\"unknown\">no evidence recorded</li>\n");
    put(w, collapsed ? "</ul></details>" : "</ul>");
}

static int vendor_cmp(const struct vs_device *a, const struct vs_device *b)
{
    const char *va = a->vendor ? a->vendor : "", *vb = b->vendor ? b->vendor : "";
    /* Unknown vendor last; otherwise by name. */
    if (!*va != !*vb)
        return *va ? -1 : 1;
    return strcmp(va, vb);
}

static void risk_head(struct w *w)
{
    put(w, "<table class=\"risk\">\n<caption class=\"skip\">Devices on the risk list</caption>\n"
           "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Device</th>"
           "<th scope=\"col\">Vendor, model, software</th><th scope=\"col\">Where</th>"
           "<th scope=\"col\">Seen (UTC)</th><th scope=\"col\">Risk rule</th></tr></thead>\n");
}

static void risk_device(struct w *w, const struct vs_device *d, size_t i, bool collapsed)
{
    const struct vs_risk_rule *r = d->risk;
    char id[64], a[VS_TS_STRLEN + 64], b[VS_TS_STRLEN + 64], att[256];
    vs_device_id(d, id, sizeof id);
    putf(w,
         "<tbody class=\"riskdev\" id=\"risk-%zu\">\n<tr class=\"riskrow\">"
         "<td><span class=\"sev %s\">%s</span></td><td><span class=\"mono id\">%s</span>",
         i + 1, sev_class(r->severity), vs_severity_name(r->severity), id);
    if (d->name) {
        put(w, "<br>name: ");
        esc(w, d->name);
    }
    put(w, "</td><td><b>");
    esc(w, d->vendor);
    putf(w, "</b> (confidence %.2f%s)<br>model: ", d->confidence,
         d->conflict ? ", conflicting evidence" : "");
    or_unknown(w, d->model);
    put(w, "<br>software: ");
    or_unknown(w, d->software);
    put(w, "</td><td>IP: ");
    if (d->nips)
        ips_text(w, d, 8);
    else
        put(w, "<span class=\"unknown\">none seen</span>");
    put(w, "<br>VLAN: ");
    if (d->nvlans)
        vlans_text(w, d);
    else
        put(w, "untagged");
    put(w, "<br>attached: ");
    or_unknown(w, vs_report_attached(w->topo, d, att, sizeof att));
    ts_html(d->first_sec, d->first_usec, a);
    ts_html(d->last_sec, d->last_usec, b);
    putf(w, "</td><td>%s<br>to %s<br>%llu packets</td><td><b>", a, b,
         (unsigned long long)d->packets);
    esc(w, r->id);
    put(w, "</b>: ");
    esc(w, r->reason);
    if (r->reference && *r->reference) {
        put(w, "<br>reference: ");
        risk_reference(w, r->reference);
    }
    put(w, "</td></tr>\n<tr class=\"ev\"><td></td><td colspan=\"5\">");
    evidence_list(w, d, collapsed);
    put(w, "</td></tr>\n</tbody>\n");
}

static void risk_table(struct w *w, struct vs_device **arr, const struct counts *c)
{
    put(w, "<section id=\"risk\" aria-labelledby=\"h-risk\">\n"
           "<h2 id=\"h-risk\">Devices on the risk list</h2>\n");
    if (!c->nrisk) {
        put(w, "<p>No device seen is on the risk list.</p>\n</section>\n");
        return;
    }
    size_t open = c->nrisk <= VS_HTML_RISK_OPEN ? c->nrisk : VS_HTML_RISK_OPEN;
    put(w, "<p class=\"note\">Most severe first. Below each device: the evidence its "
           "attribution rests on, each piece with its source and the signature rule that "
           "used it.");
    if (open < c->nrisk)
        putf(w,
             " The first %zu of the %zu devices are shown here; the others follow in "
             "collapsed groups by vendor (open one to read it; the CSV export lists them "
             "all).",
             open, c->nrisk);
    put(w, "</p>\n");
    risk_head(w);
    for (size_t i = 0; i < open; i++)
        risk_device(w, arr[i], i, false);
    put(w, "</table>\n");
    /* A browser lays out a table all at once: thousands of risk devices stay in closed
     * groups (one per severity and vendor, in the same order) that it need not lay out. */
    for (size_t i = open; i < c->nrisk;) {
        size_t j = i;
        while (j < c->nrisk && arr[j]->risk->severity == arr[i]->risk->severity &&
               vendor_cmp(arr[j], arr[i]) == 0)
            j++;
        put(w, "<details class=\"group\"><summary>");
        esc(w, arr[i]->vendor);
        putf(w, " \xe2\x80\x94 %zu more device%s on the risk list (%s)</summary>\n", j - i,
             j - i == 1 ? "" : "s", vs_severity_name(arr[i]->risk->severity));
        risk_head(w);
        for (size_t k = i; k < j; k++)
            risk_device(w, arr[k], k, true);
        put(w, "</table>\n</details>\n");
        i = j;
    }
    put(w, "</section>\n");
}

/* ---- charts -------------------------------------------------------------------------- */

struct bar {
    char label[96];
    size_t n;
    bool risk;
};

static void hbar_chart(struct w *w, const char *id, const char *title, const char *what,
                       const char *colname, const struct bar *bars, size_t nb, bool mark_risk)
{
    const int width = 620, labw = 190, barw = 360, rowh = 24, top = 6;
    size_t max = 1;
    for (size_t i = 0; i < nb; i++)
        max = bars[i].n > max ? bars[i].n : max;
    int height = top * 2 + rowh * (int)(nb ? nb : 1);
    putf(w,
         "<figure class=\"chart\" id=\"%s\" aria-labelledby=\"%s-cap\">\n"
         "<figcaption id=\"%s-cap\">",
         id, id, id);
    esc(w, title);
    put(w, "</figcaption>\n<div class=\"chart-body\">\n");
    putf(w,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
         "height=\"%d\" role=\"img\" aria-labelledby=\"%s-t\">",
         width, height, width, height, id);
    putf(w, "<title id=\"%s-t\">", id);
    esc(w, title);
    put(w, " (the table beside it has the same numbers)</title>\n");
    if (!nb) {
        putf(w, "<text x=\"10\" y=\"%d\" class=\"muted\">none</text>", top + 16);
    }
    for (size_t i = 0; i < nb; i++) {
        int y = top + rowh * (int)i;
        int bw = (int)((double)bars[i].n * barw / (double)max + 0.5);
        if (bw < 2 && bars[i].n)
            bw = 2;
        putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", labw - 8, y + 16);
        esc_cut(w, bars[i].label, 26);
        putf(w, "</text><rect class=\"bar%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
             mark_risk && bars[i].risk ? " risk" : "", labw, y + 3, bw, rowh - 6);
        putf(w, "<text x=\"%d\" y=\"%d\">%zu%s</text>\n", labw + bw + 6, y + 16, bars[i].n,
             mark_risk && bars[i].risk ? " \xe2\x80\x94 risk list" : "");
    }
    putf(w, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></svg>\n", labw, top,
         labw, height - top);
    put(w, "<table class=\"alt\"><caption class=\"skip\">");
    esc(w, title);
    put(w, "</caption><thead><tr><th scope=\"col\">");
    esc(w, what);
    put(w, "</th><th scope=\"col\" class=\"num\">");
    esc(w, colname);
    put(w, "</th>");
    if (mark_risk)
        put(w, "<th scope=\"col\">Risk list</th>");
    put(w, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < nb; i++) {
        put(w, "<tr><td>");
        esc(w, bars[i].label);
        putf(w, "</td><td class=\"num\">%zu</td>", bars[i].n);
        if (mark_risk)
            put(w, bars[i].risk ? "<td>yes</td>" : "<td></td>");
        put(w, "</tr>\n");
    }
    if (!nb)
        put(w, "<tr><td colspan=\"2\">none</td></tr>\n");
    put(w, "</tbody></table>\n</div>\n</figure>\n");
}

struct keyed {
    char key[96];
    bool risk;
};

static int cmp_keyed(const void *a, const void *b)
{
    return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static int cmp_bar(const void *a, const void *b)
{
    const struct bar *x = a, *y = b;
    if (x->risk != y->risk) /* risk-list vendors stay on the chart, never in "other" */
        return x->risk ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->label, y->label);
}

/* Count equal keys (sorted first), most frequent first; the top max-1 stay, the rest are
 * summed as "other (N kinds)". Returns the number of bars written into out (max room). */
static size_t tally(struct keyed *k, size_t nk, struct bar *out, size_t max, const char *other)
{
    if (!nk)
        return 0;
    qsort(k, nk, sizeof *k, cmp_keyed);
    struct bar *all = calloc(nk, sizeof *all);
    if (!all)
        return 0;
    size_t na = 0;
    for (size_t i = 0; i < nk; i++) {
        if (!na || strcmp(all[na - 1].label, k[i].key) != 0) {
            snprintf(all[na].label, sizeof all[na].label, "%s", k[i].key);
            na++;
        }
        all[na - 1].n++;
        all[na - 1].risk |= k[i].risk;
    }
    qsort(all, na, sizeof *all, cmp_bar);
    size_t nb = na <= max ? na : max - 1;
    memcpy(out, all, nb * sizeof *out);
    if (na > nb) {
        struct bar *o = &out[nb];
        memset(o, 0, sizeof *o);
        size_t kinds = na - nb;
        for (size_t i = nb; i < na; i++) {
            o->n += all[i].n;
            o->risk |= all[i].risk;
        }
        snprintf(o->label, sizeof o->label, "other (%zu %s)", kinds, other);
        nb++;
    }
    free(all);
    return nb;
}

static void time_chart(struct w *w, struct vs_device **arr, size_t n)
{
    enum { BINS = 24 };
    size_t bins[BINS] = {0};
    int64_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || arr[i]->first_sec < lo)
            lo = arr[i]->first_sec;
        if (i == 0 || arr[i]->last_sec > hi)
            hi = arr[i]->last_sec;
    }
    int64_t span = hi - lo + 1;
    for (size_t i = 0; i < n; i++) {
        int64_t k = (arr[i]->first_sec - lo) * BINS / span;
        bins[k < 0 ? 0 : k >= BINS ? BINS - 1 : k]++;
    }
    size_t max = 1;
    for (int i = 0; i < BINS; i++)
        max = bins[i] > max ? bins[i] : max;
    const int width = 620, height = 210, left = 50, right = 10, top = 14, bottom = 40;
    int plotw = width - left - right, ploth = height - top - bottom;
    char a[VS_TS_STRLEN], b[VS_TS_STRLEN];
    put(w, "<figure class=\"chart\" id=\"chart-time\" aria-labelledby=\"chart-time-cap\">\n"
           "<figcaption id=\"chart-time-cap\">Devices first seen over the capture</figcaption>\n"
           "<div class=\"chart-body\">\n");
    putf(w,
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
         "height=\"%d\" role=\"img\" aria-labelledby=\"chart-time-t\"><title id=\"chart-time-t\">"
         "Devices first seen in each of %d equal intervals of the capture (the table beside "
         "it has the same numbers)</title>\n",
         width, height, width, height, BINS);
    for (int i = 0; i < BINS; i++) {
        int bh = (int)((double)bins[i] * ploth / (double)max + 0.5);
        if (bh < 1 && bins[i])
            bh = 1;
        int x = left + plotw * i / BINS;
        int bw = plotw / BINS - 2;
        putf(w, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", x + 1,
             top + ploth - bh, bw, bh);
    }
    putf(w, "\n<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, top + ploth,
         left + plotw, top + ploth);
    putf(w, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, top, left,
         top + ploth);
    putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text>", left - 6, top + 10, max);
    putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 6, top + ploth);
    short_ts(lo, 0, a);
    short_ts(hi, 0, b);
    putf(w, "<text x=\"%d\" y=\"%d\" class=\"muted\">%s</text>", left, height - 18, a);
    putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"muted\">%s</text>", width - right,
         height - 18, b);
    putf(w,
         "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"muted\">UTC, packet time"
         "</text>\n</svg>\n",
         left + plotw / 2, height - 4);
    put(w, "<table class=\"alt\"><caption class=\"skip\">Devices first seen over the capture"
           "</caption><thead><tr><th scope=\"col\">Interval from (UTC)</th>"
           "<th scope=\"col\" class=\"num\">New devices</th></tr></thead><tbody>\n");
    for (int i = 0; i < BINS; i++) {
        if (!bins[i])
            continue;
        short_ts(lo + span * i / BINS, 0, a);
        putf(w, "<tr><td>%s</td><td class=\"num\">%zu</td></tr>\n", a, bins[i]);
    }
    if (!n)
        put(w, "<tr><td colspan=\"2\">none</td></tr>\n");
    putf(w, "</tbody></table>\n</div>\n</figure>\n");
}

static void subnet_key(const struct vs_ip *ip, char out[96])
{
    struct vs_ip net = *ip;
    char s[VS_IP_STRLEN];
    if (ip->family == 4) {
        net.a[3] = 0;
        vs_ip_format(&net, s);
        snprintf(out, 96, "%s/24", s);
    } else {
        memset(net.a + 8, 0, 8);
        vs_ip_format(&net, s);
        snprintf(out, 96, "%s/64", s);
    }
}

static void charts(struct w *w, struct vs_device **arr, const struct counts *c)
{
    put(w, "<section id=\"charts\" class=\"page\" aria-labelledby=\"h-charts\">\n"
           "<h2 id=\"h-charts\">Charts</h2>\n<div class=\"charts\">\n");
    put(w, "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\" "
           "style=\"position:absolute\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
           "<rect width=\"6\" height=\"6\" fill=\"#a4161a\"/>"
           "<rect width=\"2\" height=\"6\" fill=\"#e8a0a0\"/></pattern></defs></svg>\n");
    size_t room = c->n ? c->n : 1;
    struct keyed *k = calloc(room * 2 + 16, sizeof *k);
    struct bar bars[VS_HTML_CHART_BARS + 1];
    if (!k) {
        w->nomem = true;
        put(w, "</div>\n</section>\n");
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        snprintf(k[i].key, sizeof k[i].key, "%s", arr[i]->vendor ? arr[i]->vendor : "(unknown)");
        k[i].risk = arr[i]->risk != NULL;
    }
    size_t nb = tally(k, c->n, bars, VS_HTML_CHART_BARS, "vendors");
    hbar_chart(w, "chart-vendors", "Devices by vendor (risk-list vendors hatched red)", "Vendor",
               "Devices", bars, nb, true);

    size_t nk = 0;
    for (size_t i = 0; i < c->nrisk; i++) {
        const struct vs_device *d = arr[i];
        if (!d->nvlans) {
            snprintf(k[nk++].key, sizeof k[0].key, "untagged");
            continue;
        }
        for (uint8_t v = 0; v < d->nvlans && nk < room * 2; v++)
            snprintf(k[nk++].key, sizeof k[0].key, "VLAN %u", (unsigned)d->vlans[v]);
    }
    nb = tally(k, nk, bars, VS_HTML_CHART_BARS, "VLANs");
    hbar_chart(w, "chart-risk-vlan", "Risk devices by VLAN", "VLAN", "Risk devices", bars, nb,
               false);

    nk = 0;
    for (size_t i = 0; i < c->nrisk; i++) {
        const struct vs_device *d = arr[i];
        if (!d->nips) {
            snprintf(k[nk++].key, sizeof k[0].key, "no IP address seen");
            continue;
        }
        /* A device counts once per subnet, however many addresses it has there. */
        size_t start = nk;
        for (uint8_t j = 0; j < d->nips && nk < room * 2; j++) {
            char key[96];
            subnet_key(&d->ips[j], key);
            bool dup = false;
            for (size_t q = start; q < nk && !dup; q++)
                dup = strcmp(k[q].key, key) == 0;
            if (!dup)
                memcpy(k[nk++].key, key, sizeof key);
        }
    }
    nb = tally(k, nk, bars, VS_HTML_CHART_BARS, "subnets");
    hbar_chart(w, "chart-risk-subnet", "Risk devices by subnet (IPv4 /24, IPv6 /64)", "Subnet",
               "Risk devices", bars, nb, false);
    free(k);
    time_chart(w, arr, c->n);
    put(w, "</div>\n</section>\n");
}

/* ---- the full device table ------------------------------------------------------------ */

static void table_head(struct w *w)
{
    put(w, "<table class=\"devtable sortable\"><thead><tr>"
           "<th scope=\"col\">Device</th><th scope=\"col\">Vendor</th>"
           "<th scope=\"col\" class=\"num\">Conf.</th><th scope=\"col\">Model</th>"
           "<th scope=\"col\">Software</th><th scope=\"col\">Name</th>"
           "<th scope=\"col\">IP addresses</th><th scope=\"col\">VLANs</th>"
           "<th scope=\"col\">Risk</th><th scope=\"col\">First seen</th>"
           "<th scope=\"col\">Last seen</th><th scope=\"col\" class=\"num\">Packets</th>"
           "</tr></thead>\n<tbody>\n");
}

static void device_row(struct w *w, const struct vs_device *d)
{
    char id[64], a[VS_TS_STRLEN + 64], b[VS_TS_STRLEN + 64];
    vs_device_id(d, id, sizeof id);
    putf(w, "<tr><td class=\"mono id\">%s</td><td>", id);
    if (d->vendor)
        esc(w, d->vendor);
    else {
        const char *cls = vs_mac_class_name((enum vs_mac_class)d->mac_class);
        putf(w, "<span class=\"unknown\">unknown%s%s%s</span>", cls ? " (" : "", cls ? cls : "",
             cls ? ")" : "");
    }
    putf(w, "</td><td class=\"num\" data-v=\"%.2f\">%.2f</td><td>", d->confidence, d->confidence);
    esc(w, d->model);
    put(w, "</td><td>");
    esc(w, d->software);
    put(w, "</td><td>");
    esc(w, d->name);
    put(w, "</td><td>");
    ips_text(w, d, 4);
    put(w, "</td><td>");
    vlans_text(w, d);
    if (d->risk)
        putf(w, "</td><td data-v=\"%d\"><span class=\"sev %s\">%s</span>",
             10 - (int)d->risk->severity, sev_class(d->risk->severity),
             vs_severity_name(d->risk->severity));
    else
        put(w, "</td><td data-v=\"99\">");
    ts_html(d->first_sec, d->first_usec, a);
    ts_html(d->last_sec, d->last_usec, b);
    putf(w,
         "</td><td data-v=\"%lld\">%s</td><td data-v=\"%lld\">%s</td>"
         "<td class=\"num\" data-v=\"%llu\">%llu</td></tr>\n",
         (long long)d->first_sec, a, (long long)d->last_sec, b, (unsigned long long)d->packets,
         (unsigned long long)d->packets);
    if (w->b.len >= W_FLUSH_AT)
        w_flush(w);
}

struct ranked {
    struct vs_device *d;
    size_t rank;  /* position in the report's order */
    size_t group; /* index of its vendor group, VS_HTML_GROUPS for "other vendors" */
};

static int cmp_by_vendor(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c = vendor_cmp(x->d, y->d);
    if (c)
        return c;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int cmp_by_group(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return cmp_by_vendor(a, b);
}

struct vgroup {
    size_t first, n; /* a run of one vendor in the by-vendor order */
    bool risk;
};

static int cmp_vgroup(const void *a, const void *b)
{
    const struct vgroup *x = a, *y = b;
    if (x->risk != y->risk)
        return x->risk ? -1 : 1;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static void device_table(struct w *w, struct vs_device **arr, const struct counts *c)
{
    put(w, "<section id=\"devices\" class=\"page\" aria-labelledby=\"h-devices\">\n"
           "<h2 id=\"h-devices\">All devices</h2>\n");
    put(w, "<div id=\"filter\" hidden><label for=\"filter-q\">Filter devices: </label>"
           "<input id=\"filter-q\" type=\"search\" autocomplete=\"off\" "
           "placeholder=\"vendor, address, model, name...\"><span id=\"filter-n\" "
           "aria-live=\"polite\"></span></div>\n");
    if (c->n <= VS_HTML_FLAT_LIMIT) {
        putf(w,
             "<p class=\"note\">%zu devices, risk first, then by vendor. With scripting on, "
             "a column heading sorts and the box above filters.</p>\n",
             c->n);
        table_head(w);
        for (size_t i = 0; i < c->n; i++)
            device_row(w, arr[i]);
        put(w, "</tbody></table>\n</section>\n");
        return;
    }
    /* Large: a few collapsed groups keep the page quick to open (a browser lays out none
     * of a closed group); every row is still in the file. */
    struct ranked *r = malloc(c->n * sizeof *r);
    struct vgroup *g = malloc(c->n * sizeof *g);
    if (!r || !g) {
        free(r);
        free(g);
        w->nomem = true;
        put(w, "</section>\n");
        return;
    }
    for (size_t i = 0; i < c->n; i++) {
        r[i].d = arr[i];
        r[i].rank = i;
        r[i].group = VS_HTML_GROUPS;
    }
    qsort(r, c->n, sizeof *r, cmp_by_vendor);
    size_t ng = 0;
    for (size_t i = 0; i < c->n;) {
        size_t j = i;
        bool risk = false;
        while (j < c->n && vendor_cmp(r[j].d, r[i].d) == 0)
            risk |= r[j++].d->risk != NULL;
        g[ng++] = (struct vgroup){i, j - i, risk};
        i = j;
    }
    /* Every risk vendor and the largest others get a group of their own, in that order. */
    qsort(g, ng, sizeof *g, cmp_vgroup);
    size_t own = 0;
    for (size_t k = 0; k < ng; k++) {
        if (!g[k].risk && own >= VS_HTML_GROUPS)
            break;
        for (size_t i = g[k].first; i < g[k].first + g[k].n; i++)
            r[i].group = own;
        own++;
    }
    for (size_t i = 0; i < c->n; i++)
        if (r[i].group == VS_HTML_GROUPS)
            r[i].group = own; /* "other vendors" comes last */
    qsort(r, c->n, sizeof *r, cmp_by_group);
    putf(w,
         "<p class=\"note\">%zu devices from %zu vendors, in collapsed groups: open one to see "
         "its rows (the risk devices are all in the table at the top; the CSV export has "
         "every device in one table). With scripting on, the box above filters all groups "
         "and opens those that match.</p>\n",
         c->n, ng);
    for (size_t i = 0; i < c->n;) {
        size_t j = i;
        bool risk = false;
        while (j < c->n && r[j].group == r[i].group)
            risk |= r[j++].d->risk != NULL;
        put(w, "<details class=\"group\"><summary>");
        if (r[i].group == own) {
            putf(w, "Other vendors \xe2\x80\x94 %zu devices from %zu vendors", j - i, ng - own);
        } else {
            if (r[i].d->vendor)
                esc(w, r[i].d->vendor);
            else
                put(w, "Vendor unknown");
            putf(w, " \xe2\x80\x94 %zu device%s%s", j - i, j - i == 1 ? "" : "s",
                 risk ? ", on the risk list" : "");
        }
        put(w, "</summary>\n");
        table_head(w);
        for (size_t k = i; k < j; k++)
            device_row(w, r[k].d);
        put(w, "</tbody></table>\n</details>\n");
        i = j;
    }
    free(g);
    free(r);
    put(w, "</section>\n");
}

static void howto(struct w *w)
{
    put(w, "<section id=\"howto\" class=\"page\" aria-labelledby=\"h-howto\">\n"
           "<h2 id=\"h-howto\">How to read this report</h2>\n<dl class=\"howto\">\n"
           "<dt>Where the answers come from</dt><dd>vendorsniff only listens: it never sends a "
           "packet. Every verdict rests on what devices said about themselves on the wire "
           "(discovery protocols such as LLDP and CDP, SNMP replies, DHCP, service banners, "
           "certificates, telecom signalling) and on the IEEE registry of MAC address blocks. The "
           "evidence under each risk device is that raw material, with the signature rule that "
           "read a vendor, model or software version out of it.</dd>\n"
           "<dt>Confidence</dt><dd>A number from 0 to 1. Each statement naming a vendor adds to "
           "its score (the MAC address block alone counts 0.3; a protocol statement 0.5 to 0.95); "
           "when the evidence names different vendors, the share of the winner lowers the "
           "confidence. 0.9 and above: the device said so itself in several ways. Around 0.3: "
           "only the MAC address block points at the vendor.</dd>\n"
           "<dt>What the MAC address block can and cannot prove</dt><dd>The first half of a MAC "
           "address names the company that bought the block from the IEEE. It is a good hint: "
           "most equipment keeps its factory address. It is not proof: the block may belong to a "
           "maker of network chips or modules used inside another brand's product, addresses can "
           "be changed, and randomised (locally administered) addresses name nobody. A device "
           "attributed by its address block alone deserves a look before it is removed.</dd>\n"
           "<dt>Devices without a MAC address</dt><dd>Evidence carried in routed traffic (SNMP, "
           "banners) comes through a router, whose MAC address is the one on the frame. Such a "
           "device is listed by its IP address: it is somewhere behind that router, and its own "
           "MAC address was not on this wire.</dd>\n"
           "<dt>Risk list</dt><dd>A device is listed when its attributed vendor is on the risk "
           "list named in the header (with the confidence that rule requires). Severity, reason "
           "and public reference come from that list.</dd>\n"
           "<dt>What is not here</dt><dd>Devices that sent nothing while the sensor listened, and "
           "devices on network segments the sensor could not see. The packet times in the header "
           "say how long it listened.</dd>\n"
           "<dt>Getting a PDF</dt><dd>Print this page, or run <code>chromium --headless "
           "--print-to-pdf=report.pdf report.html</code>.</dd>\n"
           "</dl>\n</section>\n");
}

/* ---- the page ------------------------------------------------------------------------ */

static bool has_evidence(const struct vs_device *d)
{
    return d->nev > 0;
}

int vs_html_report(FILE *f, const struct vs_report_meta *m, struct vs_inventory *inv)
{
    struct w w = {.f = f};
    size_t n;
    struct vs_device **arr = vs_inventory_sorted(inv, &n);
    if (!arr && vs_inventory_count(inv))
        return -ENOMEM;
    struct vs_topology topo;
    if (vs_topology_build(inv, &topo) == 0)
        w.topo = &topo;
    struct counts c = {.n = arr ? n : 0};
    for (size_t i = 0; i < c.n; i++) {
        c.nevid += has_evidence(arr[i]);
        if (arr[i]->risk) {
            c.nrisk++;
            c.sev[arr[i]->risk->severity & 3]++;
        }
    }
    char h1[64], h2[64];
    csp_hash(SCRIPT_CSP, h1);
    csp_hash(SCRIPT_TABLES, h2);
    put(&w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    putf(&w,
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "script-src %s %s; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
         "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
         "base-uri 'none'; form-action 'none'\">\n",
         h1, h2);
    put(&w, "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"vendorsniff ");
    esc(&w, m->version);
    put(&w, "\">\n<title>Network equipment audit");
    if (m->sensor) {
        put(&w, " \xe2\x80\x94 ");
        esc(&w, m->sensor);
    }
    put(&w, "</title>\n<script>");
    put(&w, SCRIPT_CSP);
    put(&w, "</script>\n<style>\n");
    put(&w, CSS);
    put(&w, "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#risk\">Skip to the risk "
            "devices</a>\n");
    header(&w, m);
    put(&w, "<main>\n");
    verdict(&w, m, &c);
    risk_table(&w, arr, &c);
    charts(&w, arr, &c);
    device_table(&w, arr, &c);
    howto(&w);
    put(&w, "</main>\n<footer>Made by vendorsniff ");
    esc(&w, m->version);
    put(&w, " from packet data only; the same inventory gives the same report, byte for byte. "
            "This file loads nothing from anywhere.</footer>\n<script>");
    put(&w, SCRIPT_TABLES);
    put(&w, "</script>\n</body>\n</html>\n");
    w_flush(&w);
    free(arr);
    if (w.topo)
        vs_topology_free(&topo);
    vs_buf_free(&w.b);
    if (w.nomem)
        return -ENOMEM;
    return w.ioerr || ferror(f) ? -EIO : 0;
}

int vs_html_write_file(const char *path, const struct vs_report_meta *m, struct vs_inventory *inv,
                       char *err, size_t errsz)
{
    struct vs_atomic a;
    int rc = vs_atomic_open(&a, path, 0644);
    if (rc != 0) {
        snprintf(err, errsz, "%s: %s", path, strerror(-rc));
        return rc;
    }
    rc = vs_html_report(a.f, m, inv);
    int rc2 = vs_atomic_commit(&a, rc);
    if (rc2 != 0) {
        snprintf(err, errsz, "%s: %s", path, strerror(rc ? -rc : -rc2));
        return rc ? rc : rc2;
    }
    return 0;
}
