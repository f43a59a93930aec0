/* SPDX-License-Identifier: BSD-2-Clause */
/* testutil.c - shared helpers for the Check suites (see testutil.h): collectors, prefixes,
 * frame building, and the small inventory world the state and sink suites share. */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/oui.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"

void tu_collect(void *ctx, const struct vs_evidence *ev)
{
    struct tu_collector *c = ctx;
    if (c->n >= TU_MAX_EV) {
        c->dropped++;
        return;
    }
    struct tu_ev *e = &c->ev[c->n++];
    memset(e, 0, sizeof *e);
    e->field = ev->field;
    e->len = ev->len;
    size_t n = ev->len < sizeof e->value - 1 ? ev->len : sizeof e->value - 1;
    if (n)
        memcpy(e->value, ev->value, n);
    e->value[n] = '\0';
    if (ev->mac) {
        e->has_mac = true;
        memcpy(e->mac, ev->mac, 6);
    }
    if (ev->ip) {
        e->has_ip = true;
        e->ip = *ev->ip;
    }
    e->num = ev->num;
}

void tu_reset(struct tu_collector *c)
{
    c->n = 0;
    c->dropped = 0;
}

const struct tu_ev *tu_find(const struct tu_collector *c, enum vs_field f)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->ev[i].field == f)
            return &c->ev[i];
    return NULL;
}

const char *tu_get(const struct tu_collector *c, enum vs_field f)
{
    const struct tu_ev *e = tu_find(c, f);
    return e ? e->value : NULL;
}

size_t tu_count(const struct tu_collector *c, enum vs_field f)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++)
        k += c->ev[i].field == f;
    return k;
}

bool tu_has(const struct tu_collector *c, enum vs_field f, const char *value)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->ev[i].field == f && strcmp(c->ev[i].value, value) == 0)
            return true;
    return false;
}

static const uint8_t tu_src_mac[6] = {0x00, 0xe0, 0xfc, 0x12, 0x34, 0x56};
static const uint8_t tu_dst_mac[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};

void tu_pkt_init(struct vs_pkt *pkt)
{
    memset(pkt, 0, sizeof *pkt);
    pkt->src_mac = tu_src_mac;
    pkt->dst_mac = tu_dst_mac;
}

size_t tu_every_prefix(vs_dissect_fn fn, const uint8_t *buf, size_t len, const struct vs_pkt *pkt)
{
    static struct tu_collector col;
    size_t with_evidence = 0;
    for (size_t i = 0; i <= len; i++) {
        /* Copy into an exact-size heap block so ASan catches any read past the prefix. */
        uint8_t *copy = malloc(i ? i : 1);
        ck_assert_ptr_nonnull(copy);
        if (i)
            memcpy(copy, buf, i);
        tu_reset(&col);
        enum vs_decode_status st = fn(vs_cur_make(copy, i), pkt, tu_collect, &col);
        ck_assert_int_ge(st, VS_DECODE_OK);
        ck_assert_int_le(st, VS_DECODE_MALFORMED);
        if (col.n)
            with_evidence++;
        free(copy);
    }
    return with_evidence;
}

const char *tu_src_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", VS_SOURCE_DATADIR, rel);
    return buf;
}

enum vs_decode_status tu_decode_into(vs_dissect_fn fn, const uint8_t *buf, size_t n,
                                     struct tu_collector *into)
{
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    tu_reset(into);
    uint8_t *copy = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(copy);
    if (n)
        memcpy(copy, buf, n);
    enum vs_decode_status st = fn(vs_cur_make(copy, n), &pkt, tu_collect, into);
    free(copy);
    return st;
}

static bool same_ev(const struct tu_ev *a, const struct tu_ev *b)
{
    return a->field == b->field && a->len == b->len && strcmp(a->value, b->value) == 0;
}

void tu_check_prefixes(vs_dissect_fn fn, const uint8_t *buf, size_t n)
{
    static struct tu_collector full, part;
    struct vs_pkt pkt;
    tu_pkt_init(&pkt);
    ck_assert_uint_gt(tu_every_prefix(fn, buf, n, &pkt), 0);
    tu_decode_into(fn, buf, n, &full);
    ck_assert_uint_gt(full.n, 0);
    for (size_t i = 0; i < n; i++) {
        tu_decode_into(fn, buf, i, &part);
        for (size_t j = 0; j < part.n; j++) {
            bool found = false;
            for (size_t k = 0; k < full.n && !found; k++)
                found = same_ev(&part.ev[j], &full.ev[k]);
            ck_assert_msg(found, "prefix %zu of %zu: %s=\"%s\" not in the full decode", i, n,
                          vs_field_name(part.ev[j].field), part.ev[j].value);
        }
    }
}

void tu_fb_raw(struct tu_fb *f, const void *p, size_t n)
{
    ck_assert_uint_le(f->n + n, sizeof f->b);
    if (n)
        memcpy(f->b + f->n, p, n);
    f->n += n;
}

static const char world_vendors[] =
    "[Huawei]\norg = HUAWEI TECHNOLOGIES CO.,LTD\nenterprise = 2011\n"
    "[Cisco]\norg = Cisco Systems, Inc\nenterprise = 9\n";
static const char world_rules[] =
    "[huawei-vrp]\nfields = lldp.system_description snmp.sys_descr\n"
    "pattern = Huawei Versatile Routing Platform.*\\((\\S+) (V\\d+R\\d+\\S*)\\)\nflags = s\n"
    "vendor = Huawei\nmodel = $1\nsoftware = VRP $2\nweight = 0.9\n"
    "example = Huawei Versatile Routing Platform Software (S5720 V200R011C10SPC500)\n";
static const char world_risk[] =
    "[list]\nname = test list\n"
    "[huawei]\nvendor = Huawei\nseverity = high\nreason = on the list\n"
    "reference = https://example.org/r\n";

void tu_world_open(struct tu_world *w, const struct vs_inventory_hooks *hooks)
{
    char err[1024];
    memset(w, 0, sizeof *w);
    ck_assert_msg(vs_oui_load(tu_src_path("oui_db/oui.tsv"), &w->oui, err, sizeof err) == 0, "%s",
                  err);
    ck_assert_msg(vs_sigs_load_mem(world_vendors, strlen(world_vendors), "", 0, world_rules,
                                   strlen(world_rules), &w->sigs, err, sizeof err) == 0,
                  "%s", err);
    ck_assert_msg(
        vs_risk_load_mem("risk", world_risk, strlen(world_risk), &w->risk, err, sizeof err) == 0,
        "%s", err);
    struct vs_inventory_hooks none = {0};
    w->inv = vs_inventory_new(w->oui, w->sigs, w->risk, hooks ? hooks : &none, 0);
    ck_assert_ptr_nonnull(w->inv);
}

void tu_world_close(struct tu_world *w)
{
    vs_inventory_free(w->inv);
    vs_risk_free(w->risk);
    vs_sigs_free(w->sigs);
    vs_oui_free(w->oui);
    memset(w, 0, sizeof *w);
}

void tu_world_add(struct tu_world *w, struct vs_device *d, enum vs_field f, const char *v,
                  const struct vs_ip *via, int64_t sec)
{
    struct vs_evidence ev = {f, (const uint8_t *)v, strlen(v), NULL, NULL, 0};
    if (vs_inventory_add_evidence(w->inv, d, &ev, via, sec, 0))
        vs_inventory_attribute(w->inv, d, sec, 0);
}

char *tu_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n + k + 1 > cap) {
            cap = (n + k + 1) * 2;
            char *nb = realloc(buf, cap);
            ck_assert_ptr_nonnull(nb);
            buf = nb;
        }
        memcpy(buf + n, chunk, k);
        n += k;
    }
    fclose(f);
    if (!buf)
        buf = calloc(1, 1);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}
