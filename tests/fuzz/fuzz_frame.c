/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_frame.c - the whole frame path: link layer (the first input byte picks the DLT),
 * decapsulation, every decoder, the inventory with the shipped OUI snapshot, signatures and
 * risk list, and the JSON sink writing to memory. Inputs are split into frames at a marker
 * so that state built by one frame meets the next (bindings, gateways, merges). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/cli.h"
#include "vendorsniff/inventory.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/link.h"
#include "vendorsniff/oui.h"
#include "vendorsniff/pipeline.h"
#include "vendorsniff/risk.h"
#include "vendorsniff/signatures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int dlts[] = {VS_DLT_EN10MB,    VS_DLT_LINUX_SLL, VS_DLT_LINUX_SLL2, VS_DLT_RAW101,
                           VS_DLT_IPV4,      VS_DLT_IPV6,      VS_DLT_NULL,       VS_DLT_LOOP,
                           VS_DLT_C_HDLC,    VS_DLT_PPP,       VS_DLT_PPP_SERIAL, VS_DLT_RAW};

static struct vs_oui_db *oui;
static struct vs_sigs *sigs;
static struct vs_risk_list *risk;
static FILE *sink;
static struct vs_out out = {.sensor = "fuzz"};

static void on_device(void *ctx, const struct vs_device *d, int64_t sec, uint32_t usec)
{
    (void)ctx;
    vs_jsonl_device(sink, &out, d, sec, usec);
}

static void on_alert(void *ctx, const struct vs_device *d, const struct vs_risk_rule *r,
                     int64_t sec, uint32_t usec)
{
    (void)ctx;
    vs_jsonl_alert(sink, &out, d, r, sec, usec);
}

static void init(void)
{
    char err[1024], path[4096];
    const char *dir = vs_datadir();
    snprintf(path, sizeof path, "%s/oui_db/oui.tsv", dir);
    if (vs_oui_load(path, &oui, err, sizeof err) != 0)
        oui = NULL;
    snprintf(path, sizeof path, "%s/signatures", dir);
    if (vs_sigs_load(path, &sigs, err, sizeof err) != 0)
        sigs = NULL;
    snprintf(path, sizeof path, "%s/signatures/risk-list.ini", dir);
    if (vs_risk_load(path, &risk, err, sizeof err) != 0)
        risk = NULL;
    out.risk = risk;
    sink = fopen("/dev/null", "w");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink)
        init();
    if (size < 1)
        return 0;
    int dlt = dlts[data[0] % (sizeof dlts / sizeof dlts[0])];
    data++;
    size--;
    struct vs_inventory_hooks h = {NULL, on_device, on_alert, NULL, NULL};
    struct vs_inventory *inv = vs_inventory_new(oui, sigs, risk, &h, 64);
    struct vs_pipeline *p = vs_pipeline_new(inv);
    /* Frames are separated by the 4-byte marker "FRM|". */
    size_t start = 0;
    int64_t t = 1700000000;
    for (size_t i = 0; i + 4 <= size; i++) {
        if (memcmp(data + i, "FRM|", 4) == 0) {
            size_t n = i - start;
            uint8_t *copy = malloc(n ? n : 1);
            memcpy(copy, data + start, n);
            vs_pipeline_frame(p, dlt, t++, 0, copy, n, n);
            free(copy);
            start = i + 4;
            i += 3;
        }
    }
    size_t n = size - start;
    uint8_t *copy = malloc(n ? n : 1);
    memcpy(copy, data + start, n);
    vs_pipeline_frame(p, dlt, t, 0, copy, n, n);
    free(copy);
    vs_json_print_inventory(sink, &out, inv, t, 0);
    vs_pipeline_free(p);
    vs_inventory_free(inv);
    return 0;
}
