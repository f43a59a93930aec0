/* SPDX-License-Identifier: BSD-2-Clause */
/* attribution.c - a device's evidence to vendor, model, software, name and confidence:
 * the signatures' verdict per value (cached), then a noisy-OR vote per device. */
#include "vendorsniff/inventory.h"

#include <stdlib.h>
#include <string.h>

#include "inventory_int.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/signatures.h"

/* ---- evidence --------------------------------------------------------------- */

/* A parsed attribute (model, software, name) is for display and comparison: no control
 * characters in it, whatever the raw value held (the raw value keeps them, escaped). */
char *vs_inv_dup_clean(const char *v)
{
    char *o = strdup(v);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; o[i]; i++) {
        if (o[i] == 0x1b && o[i + 1] == '[') {
            /* A terminal control sequence: ESC [ parameters final-byte. */
            i += 2;
            while (o[i] && !((unsigned char)o[i] >= 0x40 && (unsigned char)o[i] <= 0x7e))
                i++;
            if (!o[i])
                break;
            continue;
        }
        if ((unsigned char)o[i] >= 0x20)
            o[k++] = o[i];
    }
    o[k] = '\0';
    return o;
}

struct match_acc {
    struct vs_ev_item *item;
};

static void on_match(void *ctx, const struct vs_sig_match *m)
{
    struct vs_ev_item *e = ((struct match_acc *)ctx)->item;
    /* Per attribute, keep what the heaviest rule said. */
    if (m->vendor && (!e->vendor || m->weight > e->weight)) {
        e->vendor = m->vendor;
        e->weight = m->weight;
        e->rule_id = m->rule_id;
    } else if (!e->rule_id) {
        e->rule_id = m->rule_id;
        if (!e->vendor && m->weight > e->weight)
            e->weight = m->weight;
    }
    if (m->model[0] && (!e->model || m->weight > e->wmodel)) {
        free(e->model);
        e->model = vs_inv_dup_clean(m->model);
        e->wmodel = m->weight;
    }
    if (m->software[0] && (!e->software || m->weight > e->wsoft)) {
        free(e->software);
        e->software = vs_inv_dup_clean(m->software);
        e->wsoft = m->weight;
    }
    if (m->name[0] && !e->name)
        e->name = vs_inv_dup_clean(m->name);
    if (m->cpe_hw[0] && (!e->cpe_hw || m->weight > e->wcpe_hw)) {
        free(e->cpe_hw);
        e->cpe_hw = strdup(m->cpe_hw);
        e->wcpe_hw = m->weight;
    }
    if (m->cpe_os[0] && (!e->cpe_os || m->weight > e->wcpe_os)) {
        free(e->cpe_os);
        e->cpe_os = strdup(m->cpe_os);
        e->wcpe_os = m->weight;
    }
}

static void class_ent_clear(struct class_ent *c)
{
    free(c->value);
    free(c->model);
    free(c->software);
    free(c->name);
    free(c->cpe_hw);
    free(c->cpe_os);
    memset(c, 0, sizeof *c);
}

void vs_inv_class_cache_clear(struct vs_inventory *inv)
{
    if (!inv->class_cache)
        return;
    for (size_t i = 0; i < CLASS_CACHE_SLOTS; i++)
        class_ent_clear(&inv->class_cache[i]);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void vs_inv_classify_item(struct vs_inventory *inv, struct vs_ev_item *e)
{
    e->vendor = NULL;
    e->rule_id = NULL;
    e->weight = e->wmodel = e->wsoft = e->wcpe_hw = e->wcpe_os = 0;
    free(e->model);
    free(e->software);
    free(e->name);
    free(e->cpe_hw);
    free(e->cpe_os);
    e->model = e->software = e->name = e->cpe_hw = e->cpe_os = NULL;
    if (!inv->sigs)
        return;
    if (!inv->class_cache)
        inv->class_cache = calloc(CLASS_CACHE_SLOTS, sizeof *inv->class_cache);
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)e->field;
    for (size_t i = 0; i < e->len; i++)
        h = (h ^ (uint8_t)e->value[i]) * 0x100000001b3ULL;
    struct class_ent *c = inv->class_cache ? &inv->class_cache[h % CLASS_CACHE_SLOTS] : NULL;
    if (c && c->value && c->field == e->field && c->len == e->len &&
        memcmp(c->value, e->value, e->len) == 0) {
        e->vendor = c->vendor;
        e->rule_id = c->rule_id;
        e->weight = c->weight;
        e->wmodel = c->wmodel;
        e->wsoft = c->wsoft;
        e->model = dup_or_null(c->model);
        e->software = dup_or_null(c->software);
        e->name = dup_or_null(c->name);
        e->wcpe_hw = c->wcpe_hw;
        e->wcpe_os = c->wcpe_os;
        e->cpe_hw = dup_or_null(c->cpe_hw);
        e->cpe_os = dup_or_null(c->cpe_os);
        return;
    }
    struct match_acc acc = {e};
    vs_sigs_match(inv->sigs, e->field, e->value, e->len, on_match, &acc);
    if (!c)
        return;
    class_ent_clear(c);
    c->value = malloc(e->len + 1);
    if (!c->value)
        return;
    memcpy(c->value, e->value, e->len + 1);
    c->len = e->len;
    c->field = e->field;
    c->vendor = e->vendor;
    c->rule_id = e->rule_id;
    c->weight = e->weight;
    c->wmodel = e->wmodel;
    c->wsoft = e->wsoft;
    c->model = dup_or_null(e->model);
    c->software = dup_or_null(e->software);
    c->name = dup_or_null(e->name);
    c->wcpe_hw = e->wcpe_hw;
    c->wcpe_os = e->wcpe_os;
    c->cpe_hw = dup_or_null(e->cpe_hw);
    c->cpe_os = dup_or_null(e->cpe_os);
}

/* ---- attribution ------------------------------------------------------------ */

/* Fields that name the device, best first. */
static const enum vs_field name_fields[] = {
    VS_F_LLDP_SYSTEM_NAME, VS_F_CDP_DEVICE_ID,   VS_F_SNMP_SYS_NAME,
    VS_F_EDP_SYSTEM_NAME,  VS_F_FDP_DEVICE_ID,   VS_F_MNDP_IDENTITY,
    VS_F_UBDP_HOSTNAME,    VS_F_CDP_SYSTEM_NAME, VS_F_DHCP_HOSTNAME,
};
/* Fields that carry a model or software string as is, used when no rule parsed one. */
static const enum vs_field model_fields[] = {
    VS_F_LLDP_MED_MODEL_NAME, VS_F_SNMP_ENT_MODEL_NAME, VS_F_CWMP_PRODUCT_CLASS,
    VS_F_MNDP_BOARD,          VS_F_UBDP_MODEL,
};
static const enum vs_field software_fields[] = {
    VS_F_LLDP_MED_SOFTWARE_REVISION,
    VS_F_SNMP_ENT_SOFTWARE_REV,
    VS_F_CWMP_SOFTWARE_VERSION,
    VS_F_MNDP_VERSION,
    VS_F_UBDP_FIRMWARE,
    VS_F_LLDP_MED_FIRMWARE_REVISION,
};

static const char *first_field(const struct vs_device *d, const enum vs_field *fields, size_t n)
{
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < d->side->nev; i++)
            if (d->side->ev[i].field == fields[k])
                return d->side->ev[i].value;
    return NULL;
}

struct vote {
    const char *vendor;
    double miss; /* product of (1 - w): noisy-OR of independent statements */
    double best;
};

static void vote_add(struct vote *v, size_t *nv, size_t cap, const char *vendor, double w)
{
    for (size_t i = 0; i < *nv; i++) {
        if (strcmp(v[i].vendor, vendor) == 0) {
            v[i].miss *= 1.0 - w;
            if (w > v[i].best)
                v[i].best = w;
            return;
        }
    }
    if (*nv < cap) {
        v[*nv].vendor = vendor;
        v[*nv].miss = 1.0 - w;
        v[*nv].best = w;
        (*nv)++;
    }
}

static bool str_changed(const char *a, const char *b)
{
    if (!a || !b)
        return a != b;
    return strcmp(a, b) != 0;
}
/* The vendor a registry organisation names: canonical if the signatures know it, else the
 * registry's own text. */
static const char *org_vendor(const struct vs_inventory *inv, const char *org)
{
    const char *v = inv->sigs ? vs_sigs_vendor_for_org(inv->sigs, org) : NULL;
    return v ? v : org;
}

static size_t org_slot(const struct org_ent *t, size_t cap, const char *org)
{
    size_t i = (size_t)(((uintptr_t)org >> 3) * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
    while (t[i].org && t[i].org != org)
        i = (i + 1) & (cap - 1);
    return i;
}

/* The cached answers for a registry organisation, made on first sight; NULL only when out
 * of memory (the caller then works it out uncached). */
static struct org_ent *org_entry(struct vs_inventory *inv, const char *org)
{
    if ((inv->orgs_used + 1) * 2 > inv->orgs_cap) {
        size_t ncap = inv->orgs_cap ? inv->orgs_cap * 2 : 1024;
        struct org_ent *n = calloc(ncap, sizeof *n);
        if (!n)
            return NULL;
        for (size_t i = 0; i < inv->orgs_cap; i++)
            if (inv->orgs[i].org)
                n[org_slot(n, ncap, inv->orgs[i].org)] = inv->orgs[i];
        free(inv->orgs);
        inv->orgs = n;
        inv->orgs_cap = ncap;
    }
    struct org_ent *e = &inv->orgs[org_slot(inv->orgs, inv->orgs_cap, org)];
    if (!e->org) {
        e->org = org;
        e->vendor = org_vendor(inv, org);
        inv->orgs_used++;
    }
    return e;
}

void vs_inv_org_cache_clear(struct vs_inventory *inv)
{
    free(inv->orgs);
    inv->orgs = NULL;
    inv->orgs_cap = inv->orgs_used = 0;
}

/* Whether model b says what a says and more: a, then a hyphen or a space, then more
 * ("7750 SR" -> "7750 SR-12", "SmartEdge" -> "SmartEdge 800"), letters in any case. */
static bool model_refines(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na == 0 || nb <= na + 1 || a[na - 1] == ' ' || a[na - 1] == '-')
        return false;
    for (size_t i = 0; i < na; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return false;
    }
    return b[na] == '-' || b[na] == ' ';
}

/* The risk verdict for a vendor at a confidence; with a registry entry (a device known by
 * it alone), the entry's verdict, decided once. */
static const struct vs_risk_rule *entry_risk(struct vs_inventory *inv, struct org_ent *oe,
                                             const char *vendor, double conf)
{
    if (!oe)
        return vs_risk_match_vendor(inv->risk, vendor, conf);
    if (!oe->risk_known) {
        oe->risk = vs_risk_match_vendor(inv->risk, vendor, conf);
        oe->risk_known = true;
    }
    return oe->risk;
}

/* The first attribution of a device that has nothing but its address (most new devices):
 * the verdict of its registry entry, the same for every device of that entry, so a copy of
 * the entry's vendor and risk verdict. What the full vote below gives with one statement. */
static void attribute_bare(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                           uint32_t usec)
{
    struct org_ent *oe = NULL;
    const char *vendor = NULL;
    if (d->oui_org && d->mac_class == VS_MAC_GLOBAL) {
        oe = org_entry(inv, d->oui_org);
        vendor = oe ? oe->vendor : org_vendor(inv, d->oui_org);
    }
    d->vendor = vendor;
    d->conflict = false;
    if (!vendor) {
        d->confidence = 0.0;
        return; /* nothing attributed yet: no event */
    }
    /* The vote's arithmetic for one statement of weight VS_WEIGHT_OUI. */
    double score = 1.0 - (1.0 - VS_WEIGHT_OUI);
    double conf = score * (score / score);
    conf = (double)(long)(conf * 100.0 + 0.5) / 100.0;
    d->confidence = conf;
    d->risk = entry_risk(inv, oe, vendor, conf);
    if (inv->hooks.device_changed && !inv->quiet) {
        d->reported = true;
        inv->hooks.device_changed(inv->hooks.ctx, d, sec, usec);
    }
    d->reported = true;
    if (d->risk)
        vs_inv_raise_alert(inv, d, sec, usec);
}

void vs_inventory_attribute(struct vs_inventory *inv, struct vs_device *d, int64_t sec,
                            uint32_t usec)
{
    if (!d->reported && d->side == &vs_device_no_side) {
        attribute_bare(inv, d, sec, usec);
        return;
    }
    struct vote votes[32];
    const struct vs_device_side *x = d->side;
    size_t nv = 0;
    const char *oui_vendor = NULL;
    struct org_ent *oe = NULL;
    if (d->oui_org && d->mac_class == VS_MAC_GLOBAL) {
        oe = org_entry(inv, d->oui_org);
        oui_vendor = oe ? oe->vendor : org_vendor(inv, d->oui_org);
        vote_add(votes, &nv, 32, oui_vendor, VS_WEIGHT_OUI);
    }
    for (size_t i = 0; i < x->nev; i++)
        if (x->ev[i].vendor && x->ev[i].weight > 0)
            vote_add(votes, &nv, 32, x->ev[i].vendor, x->ev[i].weight);

    const char *vendor = NULL;
    double score = 0, total = 0;
    for (size_t i = 0; i < nv; i++) {
        double s = 1.0 - votes[i].miss;
        total += s;
        if (s > score + 1e-9) {
            score = s;
            vendor = votes[i].vendor;
        }
    }
    double conf = total > 0 ? score * (score / total) : 0.0;
    conf = (double)(long)(conf * 100.0 + 0.5) / 100.0;

    /* Model and software: the heaviest statement from the winning vendor (or from a
     * vendor-neutral rule), else the raw inventory fields. */
    const char *model = NULL, *software = NULL, *name = NULL, *cpe_hw = NULL, *cpe_os = NULL;
    double wm = -1, ws = -1, wch = -1, wco = -1;
    for (size_t i = 0; i < x->nev; i++) {
        const struct vs_ev_item *e = &x->ev[i];
        bool mine = !e->vendor || (vendor && strcmp(e->vendor, vendor) == 0);
        if (!mine)
            continue;
        if (e->model && e->wmodel > wm) {
            model = e->model;
            wm = e->wmodel;
        }
        if (e->software && e->wsoft > ws) {
            software = e->software;
            ws = e->wsoft;
        }
        if (e->name && !name)
            name = e->name;
        /* CPE names only from statements that name the device's vendor: a vendor-neutral
         * rule or another maker's says nothing of this box's product. */
        if (e->cpe_hw && e->vendor && e->wcpe_hw > wch) {
            cpe_hw = e->cpe_hw;
            wch = e->wcpe_hw;
        }
        if (e->cpe_os && e->vendor && e->wcpe_os > wco) {
            cpe_os = e->cpe_os;
            wco = e->wcpe_os;
        }
    }
    /* A lighter model that names the chosen one more precisely is the same box told in
     * more detail: "7750 SR" from a TiMOS description (0.95) and "7750 SR-12" from the
     * sysObjectID registration (0.85). A specific statement (VS_WEIGHT_REFINE and above) that
     * extends the chosen model at a hyphen or a space takes its place; the longest wins. */
    if (model) {
        const char *best = model;
        for (size_t i = 0; i < x->nev; i++) {
            const struct vs_ev_item *e = &x->ev[i];
            bool mine = !e->vendor || (vendor && strcmp(e->vendor, vendor) == 0);
            if (mine && e->model && e->wmodel >= VS_WEIGHT_REFINE - 1e-9 &&
                model_refines(model, e->model) && strlen(e->model) > strlen(best))
                best = e->model;
        }
        model = best;
    }
    /* A device with no evidence (most new devices) has no raw fields to fall back on. */
    if (!model && x->nev)
        model = first_field(d, model_fields, sizeof model_fields / sizeof model_fields[0]);
    if (!software && x->nev)
        software =
            first_field(d, software_fields, sizeof software_fields / sizeof software_fields[0]);
    const char *fname =
        x->nev ? first_field(d, name_fields, sizeof name_fields / sizeof name_fields[0]) : NULL;
    if (fname)
        name = fname;

    char *cm = model ? vs_inv_dup_clean(model) : NULL;
    char *cs = software ? vs_inv_dup_clean(software) : NULL;
    char *cn = name ? vs_inv_dup_clean(name) : NULL;
    if (cm && cs && strcmp(cm, cs) == 0) {
        /* A product name given as the OS (Recog's os.product for single-image boxes) is the
         * model; as software it would say nothing more. */
        free(cs);
        cs = NULL;
    }
    bool changed = !d->reported || str_changed(d->vendor, vendor) || str_changed(x->model, cm) ||
                   str_changed(x->software, cs) || str_changed(x->name, cn) ||
                   str_changed(x->cpe_hw, cpe_hw) || str_changed(x->cpe_os, cpe_os);
    /* The side record holds them: a device that has none and gains none needs no side. */
    struct vs_device_side *w = x != &vs_device_no_side || cm || cs || cn || cpe_hw || cpe_os
                                   ? vs_inventory_side(inv, d)
                                   : NULL;
    if (w) {
        if (str_changed(w->cpe_hw, cpe_hw)) {
            free(w->cpe_hw);
            w->cpe_hw = cpe_hw ? strdup(cpe_hw) : NULL;
        }
        if (str_changed(w->cpe_os, cpe_os)) {
            free(w->cpe_os);
            w->cpe_os = cpe_os ? strdup(cpe_os) : NULL;
        }
        free(w->model);
        free(w->software);
        free(w->name);
        w->model = cm;
        w->software = cs;
        w->name = cn;
    } else {
        free(cm);
        free(cs);
        free(cn);
    }
    d->vendor = vendor;
    d->confidence = conf;
    d->conflict = nv > 1;

    if (!vendor && !model && !name && !d->reported)
        return; /* nothing attributed yet: no event */
    /* Known by its registry entry alone: every such device has the same vendor and
     * confidence, so the same verdict. */
    d->risk = entry_risk(inv, x->nev ? NULL : oe, vendor, conf);
    if (changed && inv->hooks.device_changed && !inv->quiet) {
        d->reported = true;
        inv->hooks.device_changed(inv->hooks.ctx, d, sec, usec);
    }
    d->reported = true;
    /* A new vendor is a new (rule, vendor) key: alerted again. */
    vs_inv_raise_alert(inv, d, sec, usec);
}

void vs_inventory_reload(struct vs_inventory *inv, const struct vs_oui_db *oui,
                         const struct vs_sigs *sigs, const struct vs_risk_list *risk, int64_t sec,
                         uint32_t usec)
{
    /* Held-back summaries name rules of the old risk list: report them before it goes. */
    vs_inventory_flush_alerts(inv, sec, usec);
    memset(inv->oui_alerts, 0, sizeof inv->oui_alerts);
    inv->oui = oui;
    inv->sigs = sigs;
    inv->risk = risk;
    vs_inv_org_cache_clear(inv);   /* the old registry's addresses, the old risk list */
    vs_inv_class_cache_clear(inv); /* the old signatures' verdicts */
    for (size_t i = 0; i < inv->nlist; i++) {
        struct vs_device *d = inv->list[i];
        if (d->flags & VS_DEV_HAS_MAC)
            vs_inv_apply_oui(inv, d);
        for (size_t k = 0; k < d->side->nev; k++)
            vs_inv_classify_item(inv, &d->side->ev[k]);
        d->risk = NULL;
        vs_inventory_attribute(inv, d, sec, usec);
    }
}
