/* SPDX-License-Identifier: BSD-2-Clause */
/* risk.c - loads the risk list (INI, strict, "file:line: message" errors) and answers
 * which rule, if any, a vendor or a peer network falls under. */
#include "vendorsniff/risk.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vendorsniff/ini.h"

static const char *const sev_names[] = {"low", "medium", "high", "critical"};

const char *vs_severity_name(enum vs_severity s)
{
    return (unsigned)s < 4 ? sev_names[s] : "unknown";
}

bool vs_severity_parse(const char *s, enum vs_severity *out)
{
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(s, sev_names[i]) == 0) {
            *out = (enum vs_severity)i;
            return true;
        }
    }
    return false;
}

struct load {
    struct vs_risk_list *l;
    const char *name;
    char *err;
    size_t errsz;
    char cur[256];
    struct vs_risk_rule *rule;
    bool has_severity;
    bool new_section; /* a [section] header came since the last entry */
    int section_line;
};

static int fail(struct load *ld, int line, const char *msg, const char *arg)
{
    snprintf(ld->err, ld->errsz, "%s:%d: %s%s%s", ld->name, line, msg, arg ? ": " : "",
             arg ? arg : "");
    return 1;
}

/* A rule is complete when its section ends: check what it must have. */
static int finish_rule(struct load *ld)
{
    struct vs_risk_rule *r = ld->rule;
    if (!r)
        return 0;
    if (!r->vendor && !r->country[0] && !r->asn)
        return fail(ld, r->line, "rule needs vendor, country or asn", r->id);
    if ((r->vendor != NULL) && (r->country[0] || r->asn))
        return fail(ld, r->line, "rule mixes vendor with country/asn", r->id);
    if (!ld->has_severity)
        return fail(ld, r->line, "rule has no severity", r->id);
    if (!r->reason)
        return fail(ld, r->line, "rule has no reason", r->id);
    r->kind = r->vendor ? VS_RISK_VENDOR : VS_RISK_PEER;
    ld->rule = NULL;
    return 0;
}

static int on_entry(void *user, const char *section, const char *key, const char *value, int line)
{
    struct load *ld = user;
    struct vs_risk_list *l = ld->l;
    if (!key) {
        /* A section header: every section starts a new rule, even a repeated name. */
        if (finish_rule(ld))
            return 1;
        ld->new_section = true;
        ld->section_line = line;
        return 0;
    }
    if (ld->new_section || strcmp(section, ld->cur) != 0) {
        ld->new_section = false;
        if (finish_rule(ld))
            return 1;
        snprintf(ld->cur, sizeof ld->cur, "%s", section);
        if (strcmp(section, "list") != 0) {
            for (size_t i = 0; i < l->nrules; i++)
                if (strcmp(l->rules[i].id, section) == 0)
                    return fail(ld, ld->section_line ? ld->section_line : line, "duplicate rule",
                                section);
            struct vs_risk_rule *nr = realloc(l->rules, (l->nrules + 1) * sizeof *nr);
            if (!nr)
                return fail(ld, line, "out of memory", NULL);
            l->rules = nr;
            ld->rule = &l->rules[l->nrules++];
            memset(ld->rule, 0, sizeof *ld->rule);
            ld->rule->id = strdup(section);
            ld->rule->line = ld->section_line ? ld->section_line : line;
            ld->rule->severity = VS_SEV_HIGH;
            ld->has_severity = false;
        }
    }
    if (section[0] == '\0')
        return fail(ld, line, "entry outside a [section]", key);
    ld->section_line = 0;
    if (strcmp(section, "list") == 0) {
        if (strcmp(key, "name") == 0) {
            free(l->name);
            l->name = strdup(value);
            return 0;
        }
        return fail(ld, line, "unknown key in [list]", key);
    }
    struct vs_risk_rule *r = ld->rule;
    char **slot = NULL;
    if (strcmp(key, "vendor") == 0)
        slot = &r->vendor;
    else if (strcmp(key, "reason") == 0)
        slot = &r->reason;
    else if (strcmp(key, "reference") == 0)
        slot = &r->reference;
    if (slot) {
        if (*slot)
            return fail(ld, line, "key given twice", key);
        if (!*value)
            return fail(ld, line, "empty value", key);
        *slot = strdup(value);
        return 0;
    }
    if (strcmp(key, "severity") == 0) {
        if (!vs_severity_parse(value, &r->severity))
            return fail(ld, line, "severity must be low, medium, high or critical", value);
        ld->has_severity = true;
        return 0;
    }
    if (strcmp(key, "country") == 0) {
        if (strlen(value) != 2 || !isalpha((unsigned char)value[0]) ||
            !isalpha((unsigned char)value[1]))
            return fail(ld, line, "country must be an ISO 3166 alpha-2 code", value);
        r->country[0] = (char)toupper((unsigned char)value[0]);
        r->country[1] = (char)toupper((unsigned char)value[1]);
        r->country[2] = '\0';
        return 0;
    }
    if (strcmp(key, "asn") == 0 || strcmp(key, "min_confidence") == 0) {
        char *end;
        errno = 0;
        if (strcmp(key, "asn") == 0) {
            const char *v = strncasecmp(value, "AS", 2) == 0 ? value + 2 : value;
            unsigned long n = strtoul(v, &end, 10);
            if (errno || end == v || *end || n == 0 || n > 0xffffffffUL)
                return fail(ld, line, "asn must be a number", value);
            r->asn = (uint32_t)n;
        } else {
            double d = strtod(value, &end);
            if (errno || end == value || *end || d < 0 || d > 1)
                return fail(ld, line, "min_confidence must be between 0 and 1", value);
            r->min_confidence = d;
        }
        return 0;
    }
    return fail(ld, line, "unknown key", key);
}

static int load_common(struct load *ld, int rc, struct vs_risk_list **out)
{
    if (rc == 0 && finish_rule(ld))
        rc = -EINVAL;
    if (rc == 0 && ld->l->nrules == 0) {
        snprintf(ld->err, ld->errsz, "%s: no rules", ld->name);
        rc = -EINVAL;
    }
    if (rc != 0) {
        vs_risk_free(ld->l);
        return rc;
    }
    if (!ld->l->name) {
        const char *base = strrchr(ld->name, '/');
        ld->l->name = strdup(base ? base + 1 : ld->name);
    }
    *out = ld->l;
    return 0;
}

int vs_risk_load(const char *path, struct vs_risk_list **out, char *err, size_t errsz)
{
    struct load ld;
    memset(&ld, 0, sizeof ld);
    ld.l = calloc(1, sizeof *ld.l);
    if (!ld.l)
        return -ENOMEM;
    ld.l->path = strdup(path);
    ld.name = path;
    ld.err = err;
    ld.errsz = errsz;
    int rc = vs_ini_parse(path, on_entry, &ld, err, errsz);
    return load_common(&ld, rc, out);
}

int vs_risk_load_mem(const char *name, const char *buf, size_t len, struct vs_risk_list **out,
                     char *err, size_t errsz)
{
    struct load ld;
    memset(&ld, 0, sizeof ld);
    ld.l = calloc(1, sizeof *ld.l);
    if (!ld.l)
        return -ENOMEM;
    ld.l->path = strdup(name);
    ld.name = name;
    ld.err = err;
    ld.errsz = errsz;
    int rc = vs_ini_parse_mem(name, buf, len, on_entry, &ld, err, errsz);
    return load_common(&ld, rc, out);
}

void vs_risk_free(struct vs_risk_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nrules; i++) {
        free(l->rules[i].id);
        free(l->rules[i].vendor);
        free(l->rules[i].reason);
        free(l->rules[i].reference);
    }
    free(l->rules);
    free(l->name);
    free(l->path);
    free(l);
}

const struct vs_risk_rule *vs_risk_match_vendor(const struct vs_risk_list *l, const char *vendor,
                                                double confidence)
{
    if (!l || !vendor)
        return NULL;
    for (size_t i = 0; i < l->nrules; i++) {
        const struct vs_risk_rule *r = &l->rules[i];
        if (r->kind == VS_RISK_VENDOR && strcmp(r->vendor, vendor) == 0 &&
            confidence >= r->min_confidence)
            return r;
    }
    return NULL;
}

const struct vs_risk_rule *vs_risk_match_peer(const struct vs_risk_list *l, const char *country,
                                              uint32_t asn)
{
    if (!l)
        return NULL;
    for (size_t i = 0; i < l->nrules; i++) {
        const struct vs_risk_rule *r = &l->rules[i];
        if (r->kind != VS_RISK_PEER)
            continue;
        if (r->asn && asn == r->asn)
            return r;
        if (r->country[0] && country && strcmp(r->country, country) == 0)
            return r;
    }
    return NULL;
}
