/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_fleet.c - diff and merge (src/sink/fleet.c) on arbitrary device lines: whatever the
 * JSON holds (wrong types, missing keys, hostile "sensors" and "attributions"), grouping,
 * merging, writing and comparing never crash, and a merge never grows the record count. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vendorsniff/fleet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    struct vs_fleet *a = vs_fleet_new(), *b = vs_fleet_new();
    const char *p = (const char *)data;
    size_t left = size, nl = 0;
    while (left) {
        const char *e = memchr(p, '\n', left);
        size_t len = e ? (size_t)(e - p) : left;
        /* the odd lines are the "old" audit, the even ones the "new" */
        vs_fleet_add_line(nl++ % 2 ? a : b, p, len);
        p += len + (e ? 1 : 0);
        left -= len + (e ? 1 : 0);
    }
    size_t na = vs_fleet_count(a);
    vs_fleet_merge(a);
    vs_fleet_merge(b);
    if (vs_fleet_count(a) > na)
        __builtin_trap();
    vs_fleet_write(a, sink);
    struct vs_diff_counts c;
    vs_fleet_diff(a, b, false, "old", "new", sink, &c);
    vs_fleet_diff(a, b, true, "old", "new", sink, &c);
    if (c.old_devices != vs_fleet_count(a) || c.new_devices != vs_fleet_count(b))
        __builtin_trap();
    vs_fleet_free(a);
    vs_fleet_free(b);
    return 0;
}
