/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_state.c - the state-file loader on arbitrary bytes: a corrupt file must restore
 * nothing and never crash; a valid one restores devices that the JSON sink can print. */
#include <stdint.h>
#include <stdio.h>

#include "vendorsniff/inventory.h"
#include "vendorsniff/json_sink.h"
#include "vendorsniff/state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    char err[512];
    struct vs_inventory *inv = vs_inventory_new(NULL, NULL, NULL, NULL, 1000);
    if (vs_state_load_mem("fuzz.state", (const char *)data, size, inv, err, sizeof err) != 0 &&
        vs_inventory_count(inv) != 0)
        __builtin_trap(); /* a corrupt file must restore nothing */
    struct vs_out o = {.sensor = "fuzz"};
    vs_json_print_inventory(sink, &o, inv, 0, 0);
    vs_inventory_free(inv);
    return 0;
}
