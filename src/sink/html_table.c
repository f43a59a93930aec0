/* SPDX-License-Identifier: BSD-2-Clause */
/* html_table.c - the HTML audit report's full device table (flat, or in collapsed vendor
 * groups when large) and its closing "how to read this report" section. */
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/oui.h"

#include "html_int.h"

/* ---- the full device table ------------------------------------------------------------ */

static void table_head(struct w *w)
{
    vs_hw_put(w, "<table class=\"devtable sortable\"><thead><tr>"
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
    vs_hw_putf(w, "<tr><td class=\"mono id\">%s</td><td>", id);
    if (d->vendor)
        vs_hw_esc(w, d->vendor);
    else {
        const char *cls = vs_mac_class_name((enum vs_mac_class)d->mac_class);
        vs_hw_putf(w, "<span class=\"unknown\">unknown%s%s%s</span>", cls ? " (" : "",
                   cls ? cls : "", cls ? ")" : "");
    }
    vs_hw_putf(w, "</td><td class=\"num\" data-v=\"%.2f\">%.2f</td><td>", d->confidence,
               d->confidence);
    vs_hw_esc(w, d->side->model);
    vs_hw_put(w, "</td><td>");
    vs_hw_esc(w, d->side->software);
    vs_hw_put(w, "</td><td>");
    vs_hw_esc(w, d->side->name);
    vs_hw_put(w, "</td><td>");
    vs_hw_ips_text(w, d, 4);
    vs_hw_put(w, "</td><td>");
    vs_hw_vlans_text(w, d);
    if (d->risk)
        vs_hw_putf(w, "</td><td data-v=\"%d\"><span class=\"sev %s\">%s</span>",
                   10 - (int)d->risk->severity, vs_hw_sev_class(d->risk->severity),
                   vs_severity_name(d->risk->severity));
    else
        vs_hw_put(w, "</td><td data-v=\"99\">");
    vs_hw_ts_html(d->first_sec, d->first_usec, a);
    vs_hw_ts_html(d->last_sec, d->last_usec, b);
    vs_hw_putf(w,
               "</td><td data-v=\"%lld\">%s</td><td data-v=\"%lld\">%s</td>"
               "<td class=\"num\" data-v=\"%llu\">%llu</td></tr>\n",
               (long long)d->first_sec, a, (long long)d->last_sec, b,
               (unsigned long long)d->packets, (unsigned long long)d->packets);
    if (w->b.len >= W_FLUSH_AT)
        vs_hw_flush(w);
}

struct ranked {
    struct vs_device *d;
    size_t rank;  /* position in the report's order */
    size_t group; /* index of its vendor group, VS_HTML_GROUPS for "other vendors" */
};

static int cmp_by_vendor(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    int c = vs_hw_vendor_cmp(x->d, y->d);
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

void vs_hw_device_table(struct w *w, struct vs_device **arr, const struct counts *c)
{
    vs_hw_put(w, "<section id=\"devices\" class=\"page\" aria-labelledby=\"h-devices\">\n"
                 "<h2 id=\"h-devices\">All devices</h2>\n");
    vs_hw_put(w, "<div id=\"filter\" hidden><label for=\"filter-q\">Filter devices: </label>"
                 "<input id=\"filter-q\" type=\"search\" autocomplete=\"off\" "
                 "placeholder=\"vendor, address, model, name...\"><span id=\"filter-n\" "
                 "aria-live=\"polite\"></span></div>\n");
    if (c->n <= VS_HTML_FLAT_LIMIT) {
        vs_hw_putf(w,
                   "<p class=\"note\">%zu devices, risk first, then by vendor. With scripting on, "
                   "a column heading sorts and the box above filters.</p>\n",
                   c->n);
        table_head(w);
        for (size_t i = 0; i < c->n; i++)
            device_row(w, arr[i]);
        vs_hw_put(w, "</tbody></table>\n</section>\n");
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
        vs_hw_put(w, "</section>\n");
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
        while (j < c->n && vs_hw_vendor_cmp(r[j].d, r[i].d) == 0)
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
    vs_hw_putf(
        w,
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
        vs_hw_put(w, "<details class=\"group\"><summary>");
        if (r[i].group == own) {
            vs_hw_putf(w, "Other vendors \xe2\x80\x94 %zu devices from %zu vendors", j - i,
                       ng - own);
        } else {
            if (r[i].d->vendor)
                vs_hw_esc(w, r[i].d->vendor);
            else
                vs_hw_put(w, "Vendor unknown");
            vs_hw_putf(w, " \xe2\x80\x94 %zu device%s%s", j - i, j - i == 1 ? "" : "s",
                       risk ? ", on the risk list" : "");
        }
        vs_hw_put(w, "</summary>\n");
        table_head(w);
        for (size_t k = i; k < j; k++)
            device_row(w, r[k].d);
        vs_hw_put(w, "</tbody></table>\n</details>\n");
        i = j;
    }
    free(g);
    free(r);
    vs_hw_put(w, "</section>\n");
}

void vs_hw_howto(struct w *w)
{
    vs_hw_put(
        w, "<section id=\"howto\" class=\"page\" aria-labelledby=\"h-howto\">\n"
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
