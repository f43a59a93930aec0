/* SPDX-License-Identifier: BSD-2-Clause */
/* fleet_diff.c - `vendorsniff diff`: two inventories compared device by device, grouped by
 * identity as a merge groups them; text or JSON lines of what appeared, disappeared or changed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fleet_int.h"
#include "vendorsniff/html_sink.h"
#include "vendorsniff/text.h"

/* ---- diff -------------------------------------------------------------------------- */

enum change { CH_APPEARED, CH_CHANGED, CH_DISAPPEARED, CH_SAME };

struct entry {
    enum change kind;
    json_t *old, *neu;
    size_t nold, nnew; /* records of each side in the group (a split or a join when > 1) */
};

static json_t *entry_rec(const struct entry *e)
{
    return e->neu ? e->neu : e->old;
}

static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = vs_fl_severity_rank(entry_rec(x)) - vs_fl_severity_rank(entry_rec(y));
    if (c)
        return c;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    return vs_fl_rec_cmp(&(json_t *){entry_rec(x)}, &(json_t *){entry_rec(y)});
}

static const char *const diff_fields[] = {"vendor", "model", "software", "name",
                                          "ips",    "vlans", "attached", "risk"};

static bool field_differs(json_t *a, json_t *b, const char *k)
{
    json_t *x = json_object_get(a, k), *y = json_object_get(b, k);
    if (strcmp(k, "risk") == 0) /* the rule, not its wording */
        return !vs_fl_str_eq(json_object_get(x, "rule"), json_object_get(y, "rule"));
    if (!x || json_is_null(x))
        return y && !json_is_null(y);
    return !y || !json_equal(x, y);
}

/* A field's value for the text report: a string, a list, or compact JSON. */
static void text_value(FILE *out, json_t *v, const char *k)
{
    if (!v || json_is_null(v)) {
        fputs("-", out);
    } else if (json_is_string(v)) {
        fputs(json_string_value(v), out);
    } else if (strcmp(k, "risk") == 0) {
        fputs(vs_fl_str(v, "rule") ? vs_fl_str(v, "rule") : "?", out);
    } else if (json_is_array(v)) {
        if (!json_array_size(v))
            fputs("-", out);
        json_t *e;
        size_t i;
        json_array_foreach(v, i, e)
        {
            if (i)
                fputc(',', out);
            if (json_is_string(e))
                fputs(json_string_value(e), out);
            else
                json_dumpf(e, out, DUMP_FLAGS);
        }
    } else if (strcmp(k, "attached") == 0) {
        fprintf(out, "%s port %s", vs_fl_str(v, "switch") ? vs_fl_str(v, "switch") : "?",
                vs_fl_str(v, "port") ? vs_fl_str(v, "port") : "?");
        if (json_is_integer(json_object_get(v, "vlan")))
            fprintf(out, " vlan %lld", (long long)json_integer_value(json_object_get(v, "vlan")));
    } else {
        json_dumpf(v, out, DUMP_FLAGS);
    }
}

static void text_device(FILE *out, json_t *r)
{
    json_t *risk = json_object_get(r, "risk");
    if (json_is_object(risk))
        fprintf(out, "RISK %s %s  ",
                vs_fl_str(risk, "severity") ? vs_fl_str(risk, "severity") : "?",
                vs_fl_str(risk, "rule") ? vs_fl_str(risk, "rule") : "?");
    fprintf(out, "%s  %s", vs_fl_str(r, "id"),
            vs_fl_str(r, "vendor") ? vs_fl_str(r, "vendor") : "(unknown vendor)");
    if (vs_fl_str(r, "model"))
        fprintf(out, " %s", vs_fl_str(r, "model"));
    if (vs_fl_str(r, "name"))
        fprintf(out, "  \"%s\"", vs_fl_str(r, "name"));
    if (json_array_size(json_object_get(r, "ips"))) {
        fputs("  ", out);
        text_value(out, json_object_get(r, "ips"), "ips");
    }
}

struct rulecount {
    const char *rule, *vendor, *severity;
    size_t old, neu, appeared, gone;
};

static struct rulecount *rule_get(struct rulecount *rc, size_t *n, json_t *risk)
{
    const char *id = vs_fl_str(risk, "rule");
    if (!id)
        return NULL;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(rc[i].rule, id) == 0)
            return &rc[i];
    rc[*n] = (struct rulecount){
        .rule = id, .vendor = vs_fl_str(risk, "vendor"), .severity = vs_fl_str(risk, "severity")};
    return &rc[(*n)++];
}

static bool group_has_rule(json_t **rec, const size_t *p, size_t from, size_t to, size_t root,
                           const char *rule)
{
    for (size_t i = from; i < to; i++)
        if (p[i] == root) {
            const char *r = vs_fl_str(json_object_get(rec[i], "risk"), "rule");
            if (r && strcmp(r, rule) == 0)
                return true;
        }
    return false;
}

enum diff_format { FMT_TEXT, FMT_JSON, FMT_HTML };

/* Text for a terminal: what came from the wire (ids, vendors, models, names) with control
 * characters and bidi overrides shown as escapes, never sent as they are. */
static void term_line(FILE *out, const char *s, size_t n)
{
    size_t cap = 6 * n + 16;
    char *e = malloc(cap);
    if (!e)
        return;
    vs_term_escape(s, e, cap);
    fputs(e, out);
    free(e);
}

static void html_text(FILE *out, const char *s, size_t n)
{
    struct vs_buf b = {0};
    if (vs_html_escape(&b, s, n) && b.p)
        fwrite(b.p, 1, b.len, out);
    vs_buf_free(&b);
}

/* One device's change as the text line says it (for escaping by the caller). */
static char *change_text(const struct entry *e, size_t *len);

static int diff_out(const struct vs_fleet *oldf, const struct vs_fleet *newf, enum diff_format fmt,
                    const char *old_name, const char *new_name, FILE *out,
                    struct vs_diff_counts *counts)
{
    bool json = fmt == FMT_JSON;
    size_t no = oldf->n, nn = newf->n, n = no + nn;
    json_t **rec = malloc((n ? n : 1) * sizeof *rec);
    struct entry *ent = calloc(n ? n : 1, sizeof *ent);
    struct rulecount *rc = calloc(n ? n : 1, sizeof *rc);
    if (!rec || !ent || !rc) {
        free(rec);
        free(ent);
        free(rc);
        return -1;
    }
    for (size_t i = 0; i < no; i++)
        rec[i] = oldf->rec[i];
    for (size_t i = 0; i < nn; i++)
        rec[no + i] = newf->rec[i];
    size_t *p = vs_fl_group(rec, n);
    if (!p) {
        free(rec);
        free(ent);
        free(rc);
        return -1;
    }
    memset(counts, 0, sizeof *counts);
    counts->old_devices = no;
    counts->new_devices = nn;
    /* entries by group root; a root is the group's first record (old side first) */
    size_t ne = 0;
    size_t *slot = malloc((n ? n : 1) * sizeof *slot);
    if (!slot) {
        free(p);
        free(rec);
        free(ent);
        free(rc);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        slot[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t r = p[i];
        if (slot[r] == SIZE_MAX)
            slot[r] = ne++;
        struct entry *e = &ent[slot[r]];
        if (i < no) {
            if (!e->old)
                e->old = rec[i];
            e->nold++;
        } else {
            if (!e->neu)
                e->neu = rec[i];
            e->nnew++;
        }
    }
    size_t nrules = 0;
    for (size_t i = 0; i < ne; i++) {
        struct entry *e = &ent[i];
        if (!e->old) {
            e->kind = CH_APPEARED;
            counts->appeared++;
        } else if (!e->neu) {
            e->kind = CH_DISAPPEARED;
            counts->disappeared++;
        } else {
            e->kind = CH_SAME;
            for (size_t k = 0; k < sizeof diff_fields / sizeof *diff_fields; k++)
                if (field_differs(e->old, e->neu, diff_fields[k]))
                    e->kind = CH_CHANGED;
            if (e->nold != e->nnew)
                e->kind = CH_CHANGED;
            if (e->kind == CH_CHANGED)
                counts->changed++;
            else
                counts->unchanged++;
        }
    }
    /* counts per risk rule, and risk that is new to a device */
    for (size_t i = 0; i < n; i++) {
        json_t *risk = json_object_get(rec[i], "risk");
        struct rulecount *r = json_is_object(risk) ? rule_get(rc, &nrules, risk) : NULL;
        if (!r)
            continue;
        size_t root = p[i];
        if (i < no) {
            r->old++;
            if (!group_has_rule(rec, p, no, n, root, r->rule))
                r->gone++;
        } else {
            r->neu++;
            if (!group_has_rule(rec, p, 0, no, root, r->rule)) {
                r->appeared++;
                counts->new_risk++;
            }
        }
    }
    qsort(ent, ne, sizeof *ent, entry_cmp);
    static const char *const kind_name[] = {"appeared", "changed", "disappeared", "unchanged"};
    if (json) {
        json_t *s = json_pack(
            "{s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "event", "diff_summary", "old", old_name,
            "new", new_name, "old_devices", (json_int_t)no, "new_devices", (json_int_t)nn,
            "appeared", (json_int_t)counts->appeared, "disappeared",
            (json_int_t)counts->disappeared, "changed", (json_int_t)counts->changed, "unchanged",
            (json_int_t)counts->unchanged, "new_risk", (json_int_t)counts->new_risk);
        json_t *ra = json_array();
        for (size_t i = 0; i < nrules; i++)
            json_array_append_new(
                ra, json_pack("{s:s,s:s?,s:s?,s:I,s:I,s:I,s:I}", "rule", rc[i].rule, "vendor",
                              rc[i].vendor, "severity", rc[i].severity, "old",
                              (json_int_t)rc[i].old, "new", (json_int_t)rc[i].neu, "appeared",
                              (json_int_t)rc[i].appeared, "gone", (json_int_t)rc[i].gone));
        json_object_set_new(s, "risk_rules", ra);
        json_dumpf(s, out, DUMP_FLAGS);
        fputc('\n', out);
        json_decref(s);
        for (size_t i = 0; i < ne; i++) {
            struct entry *e = &ent[i];
            if (e->kind == CH_SAME)
                continue;
            json_t *o = json_object();
            json_object_set_new(o, "event", json_string("diff"));
            json_object_set_new(o, "change", json_string(kind_name[e->kind]));
            json_object_set(o, "id", json_object_get(entry_rec(e), "id"));
            if (e->old && e->neu &&
                !vs_fl_str_eq(json_object_get(e->old, "id"), json_object_get(e->neu, "id")))
                json_object_set(o, "old_id", json_object_get(e->old, "id"));
            json_t *risk = json_object_get(entry_rec(e), "risk");
            json_object_set(o, "risk", risk ? risk : json_null());
            if (e->kind == CH_CHANGED) {
                json_t *ch = json_object();
                for (size_t k = 0; k < sizeof diff_fields / sizeof *diff_fields; k++) {
                    const char *f = diff_fields[k];
                    if (!field_differs(e->old, e->neu, f))
                        continue;
                    json_t *oldv = json_object_get(e->old, f), *newv = json_object_get(e->neu, f);
                    json_object_set_new(ch, f,
                                        json_pack("{s:O,s:O}", "old", oldv ? oldv : json_null(),
                                                  "new", newv ? newv : json_null()));
                }
                json_object_set_new(o, "changes", ch);
            }
            json_object_set(o, "device", entry_rec(e));
            json_dumpf(o, out, DUMP_FLAGS);
            fputc('\n', out);
            json_decref(o);
        }
    } else {
        if (fmt == FMT_HTML) {
            fputs(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'\">\n<title>What changed between two audits</title>\n"
                "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
                "tr.appeared td:first-child{color:#b00020;font-weight:bold}"
                "tr.disappeared td:first-child{color:#1b5e20}"
                "thead{display:table-header-group}</style>\n</head>\n<body>\n"
                "<h1>What changed between two audits</h1>\n<p>",
                out);
            html_text(out, old_name, strlen(old_name));
            fputs(" &rarr; ", out);
            html_text(out, new_name, strlen(new_name));
            fprintf(out,
                    ": %zu &rarr; %zu devices; %zu appeared, %zu disappeared, %zu changed, %zu "
                    "unchanged; %zu new on the risk list.</p>\n",
                    no, nn, counts->appeared, counts->disappeared, counts->changed,
                    counts->unchanged, counts->new_risk);
            fputs("<h2>Risk rules</h2>\n<table><thead><tr><th>rule</th><th>vendor</th>"
                  "<th>severity</th><th>before</th><th>now</th><th>new</th><th>gone</th></tr>"
                  "</thead><tbody>\n",
                  out);
            for (size_t i = 0; i < nrules; i++) {
                const char *cells[3] = {rc[i].rule, rc[i].vendor ? rc[i].vendor : "?",
                                        rc[i].severity ? rc[i].severity : "?"};
                fputs("<tr>", out);
                for (int k = 0; k < 3; k++) {
                    fputs("<td>", out);
                    html_text(out, cells[k], strlen(cells[k]));
                    fputs("</td>", out);
                }
                fprintf(out, "<td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>\n", rc[i].old,
                        rc[i].neu, rc[i].appeared, rc[i].gone);
            }
            fputs("</tbody></table>\n<h2>Devices</h2>\n<p>Risk devices first.</p>\n"
                  "<table><thead><tr><th>change</th><th>device and what changed</th></tr></thead>"
                  "<tbody>\n",
                  out);
        } else {
            fprintf(out,
                    "%s -> %s: %zu -> %zu devices: %zu appeared, %zu disappeared, %zu changed, "
                    "%zu unchanged\n",
                    old_name, new_name, no, nn, counts->appeared, counts->disappeared,
                    counts->changed, counts->unchanged);
            if (nrules)
                fputs("risk rules:\n", out);
            for (size_t i = 0; i < nrules; i++)
                fprintf(out, "  %s (%s, %s): %zu -> %zu, %zu new, %zu gone\n", rc[i].rule,
                        rc[i].vendor ? rc[i].vendor : "?", rc[i].severity ? rc[i].severity : "?",
                        rc[i].old, rc[i].neu, rc[i].appeared, rc[i].gone);
        }
        for (size_t i = 0; i < ne; i++) {
            struct entry *e = &ent[i];
            if (e->kind == CH_SAME)
                continue;
            size_t len;
            char *line = change_text(e, &len);
            if (line) {
                if (fmt == FMT_HTML) {
                    fprintf(out, "<tr class=\"%s\"><td>%s</td><td>", kind_name[e->kind],
                            kind_name[e->kind]);
                    html_text(out, line, len);
                    fputs("</td></tr>\n", out);
                } else {
                    fputs(e->kind == CH_APPEARED      ? "+ "
                          : e->kind == CH_DISAPPEARED ? "- "
                                                      : "~ ",
                          out);
                    term_line(out, line, len);
                    fputc('\n', out);
                }
            }
            free(line);
        }
        if (fmt == FMT_HTML)
            fputs("</tbody></table>\n</body>\n</html>\n", out);
    }
    free(slot);
    free(p);
    free(rec);
    free(ent);
    free(rc);
    return ferror(out) ? -1 : 0;
}

static char *change_text(const struct entry *e, size_t *len)
{
    char *buf = NULL;
    *len = 0;
    FILE *m = open_memstream(&buf, len);
    if (!m)
        return NULL;
    text_device(m, entry_rec(e));
    if (e->kind == CH_CHANGED) {
        const char *sep = ":";
        if (!vs_fl_str_eq(json_object_get(e->old, "id"), json_object_get(e->neu, "id"))) {
            fprintf(m, "%s was %s", sep, vs_fl_str(e->old, "id"));
            sep = ";";
        }
        for (size_t k = 0; k < sizeof diff_fields / sizeof *diff_fields; k++) {
            const char *f = diff_fields[k];
            if (!field_differs(e->old, e->neu, f))
                continue;
            fprintf(m, "%s %s ", sep, f);
            text_value(m, json_object_get(e->old, f), f);
            fputs(" -> ", m);
            text_value(m, json_object_get(e->neu, f), f);
            sep = ";";
        }
        if (e->nold != e->nnew)
            fprintf(m, "%s %zu records -> %zu", sep, e->nold, e->nnew);
    }
    if (fclose(m) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int vs_fleet_diff(const struct vs_fleet *oldf, const struct vs_fleet *newf, bool json,
                  const char *old_name, const char *new_name, FILE *out,
                  struct vs_diff_counts *counts)
{
    return diff_out(oldf, newf, json ? FMT_JSON : FMT_TEXT, old_name, new_name, out, counts);
}

int vs_fleet_diff_html(const struct vs_fleet *oldf, const struct vs_fleet *newf,
                       const char *old_name, const char *new_name, FILE *out,
                       struct vs_diff_counts *counts)
{
    return diff_out(oldf, newf, FMT_HTML, old_name, new_name, out, counts);
}
