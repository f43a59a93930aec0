/* SPDX-License-Identifier: BSD-2-Clause */
/* topology_out.c - --topology FILE: the devices and their attachments as a graph, GraphML
 * (graphml.graphdrawing.org, the GraphML 1.0 schema's key/data attributes) or Graphviz DOT
 * (the DOT language's quoted IDs), chosen by the file's extension, replaced atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/atomic.h"
#include "vendorsniff/topology.h"

int vs_topology_format(const char *path)
{
    size_t n = strlen(path);
    if (n > 8 && strcmp(path + n - 8, ".graphml") == 0)
        return 0;
    if (n > 4 && strcmp(path + n - 4, ".dot") == 0)
        return 1;
    return -1;
}

/* Text for an XML attribute or element: markup escaped, and the control characters XML 1.0
 * cannot carry at all replaced (values are valid UTF-8 already). */
static void xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            if (c < 0x20 && c != '\t')
                fputc(c == '\n' || c == '\r' ? ' ' : '?', f);
            else
                fputc(c, f);
        }
    }
}

/* A DOT quoted string: quote and backslash escaped, line breaks as \n, controls dropped. */
static void dot_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c >= 0x20) {
            fputc(c, f);
        }
    }
    fputc('"', f);
}

static void xml_data(FILE *f, const char *key, const char *v)
{
    if (!v)
        return;
    fprintf(f, "      <data key=\"%s\">", key);
    xml_text(f, v);
    fputs("</data>\n", f);
}

static const char *risk_rule(const struct vs_device *d)
{
    return d->risk ? d->risk->id : NULL;
}

static const char *risk_sev(const struct vs_device *d)
{
    return d->risk ? vs_severity_name(d->risk->severity) : NULL;
}

/* A switch-to-switch link is seen from both ends: draw it once. */
static bool duplicate_edge(const struct vs_topology *t, const struct vs_attach *a)
{
    const struct vs_attach *back = vs_topology_find(t, a->sw);
    return back && back->sw == a->dev && a->dev->serial > a->sw->serial;
}

static void write_graphml(FILE *f, struct vs_device **devs, size_t n, const struct vs_topology *t)
{
    static const char *const node_keys[] = {"vendor", "model", "software", "name",
                                            "ip",     "risk",  "severity"};
    static const char *const edge_keys[] = {"port", "local_port", "how"};
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          f);
    for (size_t i = 0; i < sizeof node_keys / sizeof *node_keys; i++)
        fprintf(f, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"string\"/>\n",
                node_keys[i], node_keys[i]);
    fputs("  <key id=\"confidence\" for=\"node\" attr.name=\"confidence\" attr.type=\"double\"/>\n",
          f);
    for (size_t i = 0; i < sizeof edge_keys / sizeof *edge_keys; i++)
        fprintf(f, "  <key id=\"%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"string\"/>\n",
                edge_keys[i], edge_keys[i]);
    fputs("  <key id=\"vlan\" for=\"edge\" attr.name=\"vlan\" attr.type=\"int\"/>\n"
          "  <key id=\"certainty\" for=\"edge\" attr.name=\"certainty\" attr.type=\"double\"/>\n"
          "  <graph id=\"vendorsniff\" edgedefault=\"undirected\">\n",
          f);
    for (size_t i = 0; i < n; i++) {
        const struct vs_device *d = devs[i];
        char id[64], ip[VS_IP_STRLEN];
        vs_device_id(d, id, sizeof id);
        fprintf(f, "    <node id=\"%s\">\n", id);
        xml_data(f, "vendor", d->vendor);
        xml_data(f, "model", d->side->model);
        xml_data(f, "software", d->side->software);
        xml_data(f, "name", d->side->name);
        if (d->nips) {
            vs_ip_format(&vs_device_ips(d)[0], ip);
            xml_data(f, "ip", ip);
        }
        xml_data(f, "risk", risk_rule(d));
        xml_data(f, "severity", risk_sev(d));
        if (d->vendor)
            fprintf(f, "      <data key=\"confidence\">%.2f</data>\n", d->confidence);
        fputs("    </node>\n", f);
    }
    /* edges in the order of the devices, so that the file is the same run after run */
    for (size_t i = 0; i < n; i++) {
        const struct vs_attach *a = vs_topology_find(t, devs[i]);
        if (!a || duplicate_edge(t, a))
            continue;
        char from[64], to[64];
        vs_device_id(a->dev, from, sizeof from);
        vs_device_id(a->sw, to, sizeof to);
        fprintf(f, "    <edge id=\"e%zu\" source=\"%s\" target=\"%s\">\n", i, from, to);
        xml_data(f, "port", a->port);
        xml_data(f, "local_port", a->local_port);
        xml_data(f, "how", vs_attach_how_name(a->how));
        if (a->vlan >= 0)
            fprintf(f, "      <data key=\"vlan\">%d</data>\n", a->vlan);
        fprintf(f, "      <data key=\"certainty\">%.2f</data>\n", a->certainty);
        fputs("    </edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

static void dot_attr(FILE *f, const char *k, const char *v)
{
    if (!v)
        return;
    fprintf(f, ", %s=", k);
    dot_text(f, v);
}

static void write_dot(FILE *f, struct vs_device **devs, size_t n, const struct vs_topology *t)
{
    fputs("graph vendorsniff {\n  node [shape=box, fontname=\"Helvetica\"];\n", f);
    for (size_t i = 0; i < n; i++) {
        const struct vs_device *d = devs[i];
        char id[64];
        vs_device_id(d, id, sizeof id);
        fputs("  ", f);
        dot_text(f, id);
        /* label: id, vendor and model, name */
        char label[512];
        snprintf(label, sizeof label, "%s\n%s%s%s%s%s", id, d->vendor ? d->vendor : "?",
                 d->side->model ? " " : "", d->side->model ? d->side->model : "",
                 d->side->name ? "\n" : "", d->side->name ? d->side->name : "");
        fputs(" [label=", f);
        dot_text(f, label);
        dot_attr(f, "vendor", d->vendor);
        dot_attr(f, "model", d->side->model);
        dot_attr(f, "risk", risk_rule(d));
        dot_attr(f, "severity", risk_sev(d));
        if (d->risk)
            fputs(", color=red, penwidth=2", f);
        fputs("];\n", f);
    }
    /* edges in the order of the devices, so that the file is the same run after run */
    for (size_t i = 0; i < n; i++) {
        const struct vs_attach *a = vs_topology_find(t, devs[i]);
        if (!a || duplicate_edge(t, a))
            continue;
        char from[64], to[64];
        vs_device_id(a->dev, from, sizeof from);
        vs_device_id(a->sw, to, sizeof to);
        fputs("  ", f);
        dot_text(f, from);
        fputs(" -- ", f);
        dot_text(f, to);
        fputs(" [headlabel=", f);
        dot_text(f, a->port);
        if (a->local_port) {
            fputs(", taillabel=", f);
            dot_text(f, a->local_port);
        }
        dot_attr(f, "how", vs_attach_how_name(a->how));
        fprintf(f, ", certainty=\"%.2f\"", a->certainty);
        if (a->vlan >= 0)
            fprintf(f, ", vlan=\"%d\"", a->vlan);
        if (a->how == VS_ATTACH_SEGMENT)
            fputs(", style=dashed", f);
        fputs("];\n", f);
    }
    fputs("}\n", f);
}

int vs_topology_write(const char *path, struct vs_inventory *inv, const struct vs_topology *t,
                      char *err, size_t errsz)
{
    int fmt = vs_topology_format(path);
    if (fmt < 0) {
        snprintf(err, errsz, "%s: --topology writes .graphml or .dot files", path);
        return -EINVAL;
    }
    size_t n;
    struct vs_device **devs = vs_inventory_sorted(inv, &n);
    if (!devs) {
        snprintf(err, errsz, "%s: out of memory", path);
        return -ENOMEM;
    }
    struct vs_atomic at;
    int rc = vs_atomic_open(&at, path, 0644);
    if (rc != 0) {
        free(devs);
        snprintf(err, errsz, "%s: cannot create temporary file: %s", path, strerror(-rc));
        return rc;
    }
    if (fmt == 0)
        write_graphml(at.f, devs, n, t);
    else
        write_dot(at.f, devs, n, t);
    free(devs);
    rc = vs_atomic_commit(&at, ferror(at.f) ? -EIO : 0);
    if (rc != 0)
        snprintf(err, errsz, "%s: cannot write: %s", path, strerror(-rc));
    return rc;
}
