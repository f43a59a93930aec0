/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_risk.c - the risk-list parser (and through it the INI adapter) on arbitrary text. */
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/risk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    struct vs_risk_list *l = NULL;
    if (vs_risk_load_mem("fuzz.ini", (const char *)data, size, &l, err, sizeof err) == 0) {
        for (size_t i = 0; i < l->nrules; i++)
            (void)vs_risk_match_vendor(l, l->rules[i].vendor, 1.0);
        (void)vs_risk_match_peer(l, "CN", 4134);
        vs_risk_free(l);
    }
    return 0;
}
