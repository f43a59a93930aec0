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

#include "html_int.h"

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

void vs_hw_flush(struct w *w)
{
    if (w->b.len && fwrite(w->b.p, 1, w->b.len, w->f) != w->b.len)
        w->ioerr = true;
    w->b.len = 0;
}

void vs_hw_put(struct w *w, const char *s)
{
    if (!vs_buf_add(&w->b, s, strlen(s)))
        w->nomem = true;
    if (w->b.len >= W_FLUSH_AT)
        vs_hw_flush(w);
}

void vs_hw_putf(struct w *w, const char *fmt, ...)
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
void vs_hw_esc(struct w *w, const char *s)
{
    if (s && !vs_html_escape(&w->b, s, strlen(s)))
        w->nomem = true;
    if (w->b.len >= W_FLUSH_AT)
        vs_hw_flush(w);
}

/* An untrusted string cut to at most max characters (labels in charts). */
void vs_hw_esc_cut(struct w *w, const char *s, size_t max)
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
        vs_hw_put(w, "\xe2\x80\xa6");
}

/* ---- small helpers ------------------------------------------------------------------ */

/* "2024-01-02 03:04:05" (UTC, seconds) from packet time. */
void vs_hw_short_ts(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN])
{
    vs_ts_format(sec, usec, out);
    if (strlen(out) >= 19) {
        out[10] = ' ';
        out[19] = '\0';
    }
}

/* The same, as HTML: date and time each kept on one line, the break (if any) between. */
void vs_hw_ts_html(int64_t sec, uint32_t usec, char out[VS_TS_STRLEN + 64])
{
    char t[VS_TS_STRLEN];
    vs_hw_short_ts(sec, usec, t);
    if (strlen(t) == 19)
        snprintf(out, VS_TS_STRLEN + 64,
                 "<span class=\"nw\">%.10s</span> <span class=\"nw\">%s</span>", t, t + 11);
    else
        snprintf(out, VS_TS_STRLEN + 64, "%s", t);
}

const char *vs_hw_sev_class(enum vs_severity s)
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

void vs_hw_ips_text(struct w *w, const struct vs_device *d, unsigned max)
{
    for (uint8_t i = 0; i < d->nips && i < max; i++) {
        char ip[VS_IP_STRLEN];
        vs_ip_format(&vs_device_ips(d)[i], ip);
        vs_hw_putf(w, "%s%s", i ? ", " : "", ip);
    }
    if (d->nips > max)
        vs_hw_putf(w, " (+%u more)", (unsigned)(d->nips - max));
}

void vs_hw_vlans_text(struct w *w, const struct vs_device *d)
{
    for (uint8_t i = 0; i < d->nvlans; i++)
        vs_hw_putf(w, "%s%u", i ? ", " : "", (unsigned)vs_device_vlans(d)[i]);
}

static void or_unknown(struct w *w, const char *s)
{
    if (s && *s)
        vs_hw_esc(w, s);
    else
        vs_hw_put(w, "<span class=\"unknown\">unknown</span>");
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
                vs_hw_put(w, "<br>");
            bool url = strncmp(part, "https://", 8) == 0 || strncmp(part, "http://", 7) == 0;
            if (url) {
                vs_hw_put(w, "<a rel=\"noopener noreferrer\" href=\"");
                vs_hw_esc(w, part);
                vs_hw_put(w, "\">");
                vs_hw_esc(w, part);
                vs_hw_put(w, "</a>");
            } else {
                vs_hw_esc(w, part);
            }
            first = false;
        }
        p = semi ? semi + 1 : NULL;
    }
}

/* ---- sections ------------------------------------------------------------------------ */

static void header(struct w *w, const struct vs_report_meta *m)
{
    vs_hw_put(w,
              "<header class=\"top\" role=\"banner\">\n<h1>Network equipment audit</h1>\n"
              "<p class=\"sub\">Passive inventory by vendorsniff: which devices were on the wire, "
              "who made them, and which are on the risk list.</p>\n<dl class=\"meta\">\n");
    vs_hw_put(w, "<dt>Site / sensor</dt><dd>");
    or_unknown(w, m->sensor);
    vs_hw_put(w, "</dd>\n");
    if (m->audit_note && *m->audit_note) {
        vs_hw_put(w, "<dt>Audit note</dt><dd>");
        vs_hw_esc(w, m->audit_note);
        vs_hw_put(w, "</dd>\n");
    }
    vs_hw_putf(w, "<dt>Read</dt><dd>");
    if (!m->ninputs)
        vs_hw_put(w, "<span class=\"unknown\">not recorded</span>");
    if (m->ninputs) {
        vs_hw_esc(w, m->input_kind ? m->input_kind : "input");
        vs_hw_put(w, m->ninputs > 1 ? "s: " : ": ");
    }
    for (size_t i = 0; i < m->ninputs; i++) {
        if (i)
            vs_hw_put(w, ", ");
        if (i == 20 && m->ninputs > 21) {
            vs_hw_putf(w, "and %zu more", m->ninputs - 20);
            break;
        }
        vs_hw_put(w, "<span class=\"mono\">");
        vs_hw_esc(w, strcmp(m->inputs[i], "-") ? m->inputs[i] : "(standard input)");
        vs_hw_put(w, "</span>");
    }
    vs_hw_put(w, "</dd>\n<dt>Packet times</dt><dd>");
    if (m->have_span) {
        char a[VS_TS_STRLEN], b[VS_TS_STRLEN];
        vs_hw_short_ts(m->first_sec, m->first_usec, a);
        vs_hw_short_ts(m->last_sec, m->last_usec, b);
        vs_hw_putf(w, "%s to %s UTC", a, b);
        int64_t d = m->last_sec - m->first_sec;
        if (d >= 0)
            vs_hw_putf(w, " (%lld h %02lld min)", (long long)(d / 3600), (long long)(d / 60 % 60));
    } else {
        vs_hw_put(w, "<span class=\"unknown\">no packet</span>");
    }
    if (m->have_packets)
        vs_hw_putf(w, "; %llu packets", (unsigned long long)m->packets);
    vs_hw_put(w, "</dd>\n<dt>Verdicts rest on</dt><dd><ul>\n");
    vs_hw_put(w, "<li>vendorsniff ");
    vs_hw_esc(w, m->version);
    vs_hw_put(w, "</li>\n<li>IEEE OUI registry snapshot: ");
    or_unknown(w, m->oui_snapshot);
    vs_hw_putf(w, "</li>\n<li>signature set: %zu rules, %zu vendors", m->sig_rules, m->sig_vendors);
    if (m->sig_digest) {
        vs_hw_put(w, ", <span class=\"mono\">");
        vs_hw_esc(w, m->sig_digest);
        vs_hw_put(w, "</span>");
    }
    vs_hw_put(w, "</li>\n");
    if (m->recog_snapshot) {
        vs_hw_put(w, "<li>Recog fingerprints: ");
        vs_hw_esc(w, m->recog_snapshot);
        vs_hw_put(w, "</li>\n");
    }
    vs_hw_put(w, "<li>risk list: ");
    if (m->risk) {
        vs_hw_esc(w, m->risk->name);
        vs_hw_putf(w, " (%zu rules", m->risk->nrules);
        if (m->risk_digest) {
            vs_hw_put(w, ", <span class=\"mono\">");
            vs_hw_esc(w, m->risk_digest);
            vs_hw_put(w, "</span>");
        }
        vs_hw_put(w, ")");
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
                vs_hw_put(w, any ? "<br>" : "; references:<br>");
                risk_reference(w, t);
                any = true;
            }
        }
        vs_buf_free(&seen);
    } else {
        vs_hw_put(w, "<span class=\"unknown\">none</span>");
    }
    vs_hw_put(w, "</li>\n<li>GeoIP: ");
    if (m->geoip)
        vs_hw_esc(w, m->geoip);
    else
        vs_hw_put(w, "not used (no --geoip database)");
    vs_hw_put(w, "</li>\n</ul></dd>\n</dl>\n</header>\n");
}

static void verdict(struct w *w, const struct vs_report_meta *m, const struct counts *c)
{
    vs_hw_put(w, "<section id=\"verdict\" aria-labelledby=\"h-verdict\">\n"
                 "<h2 id=\"h-verdict\">Verdict</h2>\n");
    if (c->nrisk) {
        vs_hw_putf(w, "<p class=\"verdict bad\">%zu of the %zu devices seen %s on the risk list (",
                   c->nrisk, c->n, c->nrisk == 1 ? "is" : "are");
        bool first = true;
        for (int s = VS_SEV_CRITICAL; s >= VS_SEV_LOW; s--)
            if (c->sev[s]) {
                vs_hw_putf(w, "%s%zu %s", first ? "" : ", ", c->sev[s],
                           vs_severity_name((enum vs_severity)s));
                first = false;
            }
        vs_hw_put(w, " severity).</p>\n");
    } else {
        vs_hw_putf(w,
                   "<p class=\"verdict\">None of the %zu devices seen is on the risk list.</p>\n",
                   c->n);
    }
    if (m->risk) {
        vs_hw_put(w, "<p class=\"note\">Risk list: ");
        vs_hw_esc(w, m->risk->name);
        vs_hw_put(w, ".</p>\n");
    }
    vs_hw_putf(w,
               "<ul class=\"cards\">\n<li><b>%zu</b><span>devices</span></li>\n"
               "<li><b>%zu</b><span>with protocol evidence</span></li>\n"
               "<li><b>%zu</b><span>on the risk list</span></li>\n",
               c->n, c->nevid, c->nrisk);
    for (int s = VS_SEV_CRITICAL; s >= VS_SEV_LOW; s--)
        if (c->sev[s])
            vs_hw_putf(w, "<li><b>%zu</b><span>%s severity</span></li>\n", c->sev[s],
                       vs_severity_name((enum vs_severity)s));
    vs_hw_put(w, "</ul>\n</section>\n");
}

static void evidence_list(struct w *w, const struct vs_device *d, bool collapsed)
{
    if (collapsed)
        vs_hw_putf(w, "<details class=\"ev\"><summary>Evidence (%zu)</summary>",
                   (size_t)d->side->nev + (d->oui_org != NULL));
    vs_hw_put(w, "<ul class=\"ev\">\n");
    if (d->oui_org) {
        vs_hw_put(w, "<li><span class=\"src\">oui.org</span> = ");
        vs_hw_esc(w, d->oui_org);
        vs_hw_put(w, " <span class=\"rule\">[registry]</span></li>\n");
    }
    for (size_t i = 0; i < d->side->nev; i++) {
        const struct vs_ev_item *e = &d->side->ev[i];
        vs_hw_putf(w, "<li><span class=\"src\">%s.%s</span> = <span class=\"mono\">",
                   vs_source_name(vs_field_source(e->field)), vs_field_name(e->field));
        vs_hw_esc(w, e->value);
        vs_hw_put(w, "</span>");
        if (e->rule_id) {
            vs_hw_put(w, " <span class=\"rule\">[rule ");
            vs_hw_esc(w, e->rule_id);
            vs_hw_put(w, "]</span>");
        }
        vs_hw_put(w, "</li>\n");
    }
    if (!d->oui_org && !d->side->nev)
        vs_hw_put(w, "<li class=\"unknown\">no evidence recorded</li>\n");
    vs_hw_put(w, collapsed ? "</ul></details>" : "</ul>");
}

int vs_hw_vendor_cmp(const struct vs_device *a, const struct vs_device *b)
{
    const char *va = a->vendor ? a->vendor : "", *vb = b->vendor ? b->vendor : "";
    /* Unknown vendor last; otherwise by name. */
    if (!*va != !*vb)
        return *va ? -1 : 1;
    return strcmp(va, vb);
}

static void risk_head(struct w *w)
{
    vs_hw_put(w,
              "<table class=\"risk\">\n<caption class=\"skip\">Devices on the risk list</caption>\n"
              "<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Device</th>"
              "<th scope=\"col\">Vendor, model, software</th><th scope=\"col\">Where</th>"
              "<th scope=\"col\">Seen (UTC)</th><th scope=\"col\">Risk rule</th></tr></thead>\n");
}

static void risk_device(struct w *w, const struct vs_device *d, size_t i, bool collapsed)
{
    const struct vs_risk_rule *r = d->risk;
    char id[64], a[VS_TS_STRLEN + 64], b[VS_TS_STRLEN + 64], att[256];
    vs_device_id(d, id, sizeof id);
    vs_hw_putf(w,
               "<tbody class=\"riskdev\" id=\"risk-%zu\">\n<tr class=\"riskrow\">"
               "<td><span class=\"sev %s\">%s</span></td><td><span class=\"mono id\">%s</span>",
               i + 1, vs_hw_sev_class(r->severity), vs_severity_name(r->severity), id);
    if (d->side->name) {
        vs_hw_put(w, "<br>name: ");
        vs_hw_esc(w, d->side->name);
    }
    vs_hw_put(w, "</td><td><b>");
    vs_hw_esc(w, d->vendor);
    vs_hw_putf(w, "</b> (confidence %.2f%s)<br>model: ", d->confidence,
               d->conflict ? ", conflicting evidence" : "");
    or_unknown(w, d->side->model);
    vs_hw_put(w, "<br>software: ");
    or_unknown(w, d->side->software);
    vs_hw_put(w, "</td><td>IP: ");
    if (d->nips)
        vs_hw_ips_text(w, d, 8);
    else
        vs_hw_put(w, "<span class=\"unknown\">none seen</span>");
    vs_hw_put(w, "<br>VLAN: ");
    if (d->nvlans)
        vs_hw_vlans_text(w, d);
    else
        vs_hw_put(w, "untagged");
    vs_hw_put(w, "<br>attached: ");
    or_unknown(w, vs_report_attached(w->topo, d, att, sizeof att));
    vs_hw_ts_html(d->first_sec, d->first_usec, a);
    vs_hw_ts_html(d->last_sec, d->last_usec, b);
    vs_hw_putf(w, "</td><td>%s<br>to %s<br>%llu packets</td><td><b>", a, b,
               (unsigned long long)d->packets);
    vs_hw_esc(w, r->id);
    vs_hw_put(w, "</b>: ");
    vs_hw_esc(w, r->reason);
    if (r->reference && *r->reference) {
        vs_hw_put(w, "<br>reference: ");
        risk_reference(w, r->reference);
    }
    vs_hw_put(w, "</td></tr>\n<tr class=\"ev\"><td></td><td colspan=\"5\">");
    evidence_list(w, d, collapsed);
    vs_hw_put(w, "</td></tr>\n</tbody>\n");
}

static void risk_table(struct w *w, struct vs_device **arr, const struct counts *c)
{
    vs_hw_put(w, "<section id=\"risk\" aria-labelledby=\"h-risk\">\n"
                 "<h2 id=\"h-risk\">Devices on the risk list</h2>\n");
    if (!c->nrisk) {
        vs_hw_put(w, "<p>No device seen is on the risk list.</p>\n</section>\n");
        return;
    }
    size_t open = c->nrisk <= VS_HTML_RISK_OPEN ? c->nrisk : VS_HTML_RISK_OPEN;
    vs_hw_put(w, "<p class=\"note\">Most severe first. Below each device: the evidence its "
                 "attribution rests on, each piece with its source and the signature rule that "
                 "used it.");
    if (open < c->nrisk)
        vs_hw_putf(w,
                   " The first %zu of the %zu devices are shown here; the others follow in "
                   "collapsed groups by vendor (open one to read it; the CSV export lists them "
                   "all).",
                   open, c->nrisk);
    vs_hw_put(w, "</p>\n");
    risk_head(w);
    for (size_t i = 0; i < open; i++)
        risk_device(w, arr[i], i, false);
    vs_hw_put(w, "</table>\n");
    /* A browser lays out a table all at once: thousands of risk devices stay in closed
     * groups (one per severity and vendor, in the same order) that it need not lay out. */
    for (size_t i = open; i < c->nrisk;) {
        size_t j = i;
        while (j < c->nrisk && arr[j]->risk->severity == arr[i]->risk->severity &&
               vs_hw_vendor_cmp(arr[j], arr[i]) == 0)
            j++;
        vs_hw_put(w, "<details class=\"group\"><summary>");
        vs_hw_esc(w, arr[i]->vendor);
        vs_hw_putf(w, " \xe2\x80\x94 %zu more device%s on the risk list (%s)</summary>\n", j - i,
                   j - i == 1 ? "" : "s", vs_severity_name(arr[i]->risk->severity));
        risk_head(w);
        for (size_t k = i; k < j; k++)
            risk_device(w, arr[k], k, true);
        vs_hw_put(w, "</table>\n</details>\n");
        i = j;
    }
    vs_hw_put(w, "</section>\n");
}

/* ---- the page ------------------------------------------------------------------------ */

static bool has_evidence(const struct vs_device *d)
{
    return d->side->nev > 0;
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
    vs_hw_put(&w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    vs_hw_putf(&w,
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "script-src %s %s; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
               "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
               "base-uri 'none'; form-action 'none'\">\n",
               h1, h2);
    vs_hw_put(&w, "<meta name=\"referrer\" content=\"no-referrer\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"vendorsniff ");
    vs_hw_esc(&w, m->version);
    vs_hw_put(&w, "\">\n<title>Network equipment audit");
    if (m->sensor) {
        vs_hw_put(&w, " \xe2\x80\x94 ");
        vs_hw_esc(&w, m->sensor);
    }
    vs_hw_put(&w, "</title>\n<script>");
    vs_hw_put(&w, SCRIPT_CSP);
    vs_hw_put(&w, "</script>\n<style>\n");
    vs_hw_put(&w, CSS);
    vs_hw_put(&w, "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#risk\">Skip to the risk "
                  "devices</a>\n");
    header(&w, m);
    vs_hw_put(&w, "<main>\n");
    verdict(&w, m, &c);
    risk_table(&w, arr, &c);
    vs_hw_charts(&w, arr, &c);
    vs_hw_device_table(&w, arr, &c);
    vs_hw_howto(&w);
    vs_hw_put(&w, "</main>\n<footer>Made by vendorsniff ");
    vs_hw_esc(&w, m->version);
    vs_hw_put(&w,
              " from packet data only; the same inventory gives the same report, byte for byte. "
              "This file loads nothing from anywhere.</footer>\n<script>");
    vs_hw_put(&w, SCRIPT_TABLES);
    vs_hw_put(&w, "</script>\n</body>\n</html>\n");
    vs_hw_flush(&w);
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
