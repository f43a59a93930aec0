/* SPDX-License-Identifier: BSD-2-Clause */
/* html_charts.c - the charts section of the HTML audit report: inline SVG bar charts
 * (SVG 1.1), each with a table holding the same numbers for screen readers and print. */
#include <stdlib.h>
#include <string.h>

#include "html_int.h"

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
    vs_hw_putf(w,
               "<figure class=\"chart\" id=\"%s\" aria-labelledby=\"%s-cap\">\n"
               "<figcaption id=\"%s-cap\">",
               id, id, id);
    vs_hw_esc(w, title);
    vs_hw_put(w, "</figcaption>\n<div class=\"chart-body\">\n");
    vs_hw_putf(w,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
               "height=\"%d\" role=\"img\" aria-labelledby=\"%s-t\">",
               width, height, width, height, id);
    vs_hw_putf(w, "<title id=\"%s-t\">", id);
    vs_hw_esc(w, title);
    vs_hw_put(w, " (the table beside it has the same numbers)</title>\n");
    if (!nb) {
        vs_hw_putf(w, "<text x=\"10\" y=\"%d\" class=\"muted\">none</text>", top + 16);
    }
    for (size_t i = 0; i < nb; i++) {
        int y = top + rowh * (int)i;
        int bw = (int)((double)bars[i].n * barw / (double)max + 0.5);
        if (bw < 2 && bars[i].n)
            bw = 2;
        vs_hw_putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", labw - 8, y + 16);
        vs_hw_esc_cut(w, bars[i].label, 26);
        vs_hw_putf(w, "</text><rect class=\"bar%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
                   mark_risk && bars[i].risk ? " risk" : "", labw, y + 3, bw, rowh - 6);
        vs_hw_putf(w, "<text x=\"%d\" y=\"%d\">%zu%s</text>\n", labw + bw + 6, y + 16, bars[i].n,
                   mark_risk && bars[i].risk ? " \xe2\x80\x94 risk list" : "");
    }
    vs_hw_putf(w, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></svg>\n", labw,
               top, labw, height - top);
    vs_hw_put(w, "<table class=\"alt\"><caption class=\"skip\">");
    vs_hw_esc(w, title);
    vs_hw_put(w, "</caption><thead><tr><th scope=\"col\">");
    vs_hw_esc(w, what);
    vs_hw_put(w, "</th><th scope=\"col\" class=\"num\">");
    vs_hw_esc(w, colname);
    vs_hw_put(w, "</th>");
    if (mark_risk)
        vs_hw_put(w, "<th scope=\"col\">Risk list</th>");
    vs_hw_put(w, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < nb; i++) {
        vs_hw_put(w, "<tr><td>");
        vs_hw_esc(w, bars[i].label);
        vs_hw_putf(w, "</td><td class=\"num\">%zu</td>", bars[i].n);
        if (mark_risk)
            vs_hw_put(w, bars[i].risk ? "<td>yes</td>" : "<td></td>");
        vs_hw_put(w, "</tr>\n");
    }
    if (!nb)
        vs_hw_put(w, "<tr><td colspan=\"2\">none</td></tr>\n");
    vs_hw_put(w, "</tbody></table>\n</div>\n</figure>\n");
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
    vs_hw_put(w,
              "<figure class=\"chart\" id=\"chart-time\" aria-labelledby=\"chart-time-cap\">\n"
              "<figcaption id=\"chart-time-cap\">Devices first seen over the capture</figcaption>\n"
              "<div class=\"chart-body\">\n");
    vs_hw_putf(
        w,
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
        vs_hw_putf(w, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", x + 1,
                   top + ploth - bh, bw, bh);
    }
    vs_hw_putf(w, "\n<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left,
               top + ploth, left + plotw, top + ploth);
    vs_hw_putf(w, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left, top, left,
               top + ploth);
    vs_hw_putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%zu</text>", left - 6, top + 10,
               max);
    vs_hw_putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>", left - 6, top + ploth);
    vs_hw_short_ts(lo, 0, a);
    vs_hw_short_ts(hi, 0, b);
    vs_hw_putf(w, "<text x=\"%d\" y=\"%d\" class=\"muted\">%s</text>", left, height - 18, a);
    vs_hw_putf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"muted\">%s</text>",
               width - right, height - 18, b);
    vs_hw_putf(w,
               "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"muted\">UTC, packet time"
               "</text>\n</svg>\n",
               left + plotw / 2, height - 4);
    vs_hw_put(w, "<table class=\"alt\"><caption class=\"skip\">Devices first seen over the capture"
                 "</caption><thead><tr><th scope=\"col\">Interval from (UTC)</th>"
                 "<th scope=\"col\" class=\"num\">New devices</th></tr></thead><tbody>\n");
    for (int i = 0; i < BINS; i++) {
        if (!bins[i])
            continue;
        vs_hw_short_ts(lo + span * i / BINS, 0, a);
        vs_hw_putf(w, "<tr><td>%s</td><td class=\"num\">%zu</td></tr>\n", a, bins[i]);
    }
    if (!n)
        vs_hw_put(w, "<tr><td colspan=\"2\">none</td></tr>\n");
    vs_hw_putf(w, "</tbody></table>\n</div>\n</figure>\n");
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

void vs_hw_charts(struct w *w, struct vs_device **arr, const struct counts *c)
{
    vs_hw_put(w, "<section id=\"charts\" class=\"page\" aria-labelledby=\"h-charts\">\n"
                 "<h2 id=\"h-charts\">Charts</h2>\n<div class=\"charts\">\n");
    vs_hw_put(w, "<svg width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\" "
                 "style=\"position:absolute\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" "
                 "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                 "<rect width=\"6\" height=\"6\" fill=\"#a4161a\"/>"
                 "<rect width=\"2\" height=\"6\" fill=\"#e8a0a0\"/></pattern></defs></svg>\n");
    size_t room = c->n ? c->n : 1;
    struct keyed *k = calloc(room * 2 + 16, sizeof *k);
    struct bar bars[VS_HTML_CHART_BARS + 1];
    if (!k) {
        w->nomem = true;
        vs_hw_put(w, "</div>\n</section>\n");
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
            snprintf(k[nk++].key, sizeof k[0].key, "VLAN %u", (unsigned)vs_device_vlans(d)[v]);
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
            subnet_key(&vs_device_ips(d)[j], key);
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
    vs_hw_put(w, "</div>\n</section>\n");
}
