/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_html.c - the HTML report and the CSV export over devices whose every string (vendor,
 * model, software, name, evidence values, risk rule, reason, reference, sensor, audit note)
 * comes from the input. Whatever the bytes: the page holds exactly its own two scripts, no
 * control byte but newline, valid UTF-8; the CSV is valid UTF-8 with CRLF line ends only. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/csv_sink.h"
#include "vendorsniff/html_sink.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 64

static bool valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = vs_utf8_seq((const uint8_t *)s + i, n - i, &cp);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

static size_t count(const char *hay, size_t n, const char *needle)
{
    size_t c = 0, k = strlen(needle);
    for (const char *p = hay; (p = memmem(p, n - (size_t)(p - hay), needle, k)); p++)
        c++;
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The input is NUL-separated strings, cycled through the fields below. */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *part[MAX_PARTS];
    size_t nparts = 0;
    for (size_t i = 0; i <= size && nparts < MAX_PARTS;) {
        part[nparts++] = copy + i;
        i += strlen(copy + i) + 1;
    }
#define P(k) part[(k) % nparts]
    struct vs_risk_rule rule = {.id = (char *)P(0),
                                .reason = (char *)P(1),
                                .reference = (char *)P(2),
                                .vendor = (char *)P(3),
                                .severity = (enum vs_severity)(size % 4)};
    struct vs_risk_list list = {.name = (char *)P(4), .rules = &rule, .nrules = 1};
    struct vs_inventory *inv = vs_inventory_new(NULL, NULL, NULL, NULL, 1000);
    for (size_t i = 0; i < nparts && i < 24; i++) {
        uint8_t mac[6] = {0x00, 0x11, 0x22, 0x33, (uint8_t)(i >> 8), (uint8_t)i};
        struct vs_device *d = vs_inventory_see_mac(inv, mac, (int64_t)(i * 977), (uint32_t)i);
        if (!d)
            continue;
        d->vendor = i % 3 ? P(i) : NULL;
        struct vs_device_side *x = vs_inventory_side(inv, d);
        if (!x)
            continue;
        free(x->model);
        free(x->name);
        free(x->software);
        x->model = strdup(P(i + 1));
        x->name = strdup(P(i + 2));
        x->software = i % 2 ? strdup(P(i + 3)) : NULL;
        d->risk = i % 2 ? &rule : NULL;
        d->confidence = (double)(i % 11) / 10.0;
        struct vs_evidence ev = {(enum vs_field)(i % VS_F__COUNT),
                                 (const uint8_t *)P(i + 4),
                                 strlen(P(i + 4)),
                                 NULL,
                                 NULL,
                                 0};
        vs_inventory_add_evidence(inv, d, &ev, NULL, (int64_t)i, 0);
        vs_inventory_note_vlan(inv, d, (uint16_t)(i * 37 % 4095));
    }
    const char *inputs[] = {P(5), P(6)};
    struct vs_report_meta m = {.sensor = P(7),
                               .audit_note = P(8),
                               .inputs = inputs,
                               .ninputs = 2,
                               .input_kind = P(9),
                               .version = P(10),
                               .oui_snapshot = P(11),
                               .recog_snapshot = P(12),
                               .risk = &list,
                               .geoip = P(13)};
    vs_report_span_from_devices(&m, inv);

    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (f && vs_html_report(f, &m, inv) == 0) {
        fclose(f);
        if (count(buf, n, "<script") != 2 || count(buf, n, "</script") != 2 ||
            count(buf, n, "<img") || !valid_utf8(buf, n))
            __builtin_trap();
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n')
                __builtin_trap();
    } else if (f) {
        fclose(f);
    }
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &n);
    if (f && vs_csv_report(f, &m, inv, size % 2) == 0) {
        fclose(f);
        if (!valid_utf8(buf, n))
            __builtin_trap();
    } else if (f) {
        fclose(f);
    }
    free(buf);
    /* The device strings are the inventory's to free; the vendor pointers were ours. */
    size_t nd;
    struct vs_device *const *devs = vs_inventory_devices(inv, &nd);
    for (size_t i = 0; i < nd; i++) {
        devs[i]->vendor = NULL;
        devs[i]->risk = NULL;
    }
    vs_inventory_free(inv);
    free(copy);
    return 0;
}
