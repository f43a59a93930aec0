/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_oids.c - libFuzzer target for the sysObjectID table loader (src/signatures/oids.c):
 * the input is a table file, or two separated by "\n%%\n" (duplicates across files); what
 * loads is sealed and looked up with every line of the input as a sysObjectID. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/oidtab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const char *text = (const char *)data;
    size_t alen = size, blen = 0;
    const char *b = NULL;
    const uint8_t *sep = size >= 4 ? memmem(data, size, "\n%%\n", 4) : NULL;
    if (sep) {
        alen = (size_t)(sep - data);
        b = (const char *)sep + 4;
        blen = size - alen - 4;
    }
    struct vs_oidtab *t = vs_oidtab_new();
    if (!t)
        return 0;
    char err[256];
    size_t found = 0;
    if (vs_oidtab_add(t, "a.tsv", text, alen, err, sizeof err) == 0 &&
        (!b || vs_oidtab_add(t, "b.tsv", b, blen, err, sizeof err) == 0) &&
        vs_oidtab_seal(t, err, sizeof err) == 0) {
        size_t st = 0;
        for (size_t i = 0; i <= size; i++) {
            if (i == size || data[i] == '\n' || data[i] == '\t') {
                const struct vs_oid_model *m = vs_oidtab_find(t, text + st, i - st);
                found += m ? strlen(m->model) : 0;
                st = i + 1;
            }
        }
        found += vs_oidtab_count(t) + vs_oidtab_count_table(t, "a");
    }
    vs_oidtab_free(t);
    return found == SIZE_MAX;
}
