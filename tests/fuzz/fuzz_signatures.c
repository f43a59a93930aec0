/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_signatures.c - libFuzzer target for the signature loader (src/signatures/): the
 * input is a rules file, or "vendors.ini\n%%\nrules" to fuzz both grammars, loaded from
 * memory against a small vendor set; whatever loads is self-tested and matched against. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/signatures.h"

static const char vendors[] = "[Huawei]\norg = HUAWEI TECHNOLOGIES CO.,LTD\nenterprise = 2011\n"
                              "[ZTE]\norg = zte corporation\nname = ZTE\nenterprise = 3902\n"
                              "[Cisco]\nenterprise = 9\n";
static const char pens[] = "9\tciscoSystems\n2011\tHUAWEI Technology Co.,Ltd\n";

static void sink(void *ctx, const struct vs_sig_match *m)
{
    size_t *n = ctx;
    *n += strlen(m->model) + strlen(m->software) + strlen(m->name) + (m->vendor != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Bounded like a real rules file; the loader also refuses over-long values itself. */
    if (size > 64 * 1024)
        return 0;
    const char *text = (const char *)data;
    const char *vtext = vendors, *rtext = text;
    size_t vlen = sizeof vendors - 1, rlen = size;
    const uint8_t *sep = size >= 4 ? memmem(data, size, "\n%%\n", 4) : NULL;
    if (sep) {
        vtext = text;
        vlen = (size_t)(sep - data);
        rtext = (const char *)sep + 4;
        rlen = size - vlen - 4;
    }
    struct vs_sigs *s = NULL;
    char err[256];
    if (vs_sigs_load_mem(vtext, vlen, pens, sizeof pens - 1, rtext, rlen, &s, err, sizeof err) !=
        0)
        return 0;
    char report[512];
    (void)vs_sigs_selftest(s, report, sizeof report);
    size_t n = 0;
    for (int f = 0; f < VS_F__COUNT; f++)
        vs_sigs_match(s, (enum vs_field)f, text, size < 512 ? size : 512, sink, &n);
    (void)vs_sigs_vendor_for_name(s, "zte");
    vs_sigs_free(s);
    return n == SIZE_MAX; /* keep n alive */
}
