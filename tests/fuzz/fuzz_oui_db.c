/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_oui_db.c - libFuzzer target for the OUI snapshot parser (src/inventory/oui.c): the input is a
 * whole oui.tsv, loaded through the stream loader; a loaded db is then queried. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vendorsniff/oui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* fmemopen only reads in "r" mode, so lending it the const buffer is safe. */
    static char empty[1];
    FILE *f = fmemopen(size ? (void *)(uintptr_t)data : empty, size, "r");
    if (!f)
        return 0;
    struct vs_oui_db *db = NULL;
    char err[256];
    int rc = vs_oui_load_stream(f, "fuzz", &db, err, sizeof err);
    fclose(f);
    if (rc != 0) {
        /* A failure must leave no db and a terminated message. */
        if (db || !memchr(err, '\0', sizeof err))
            __builtin_trap();
        return 0;
    }
    /* Query with addresses taken from the input itself, which often hits its own prefixes
     * (a prefix's hex digits are not its bytes, so also try each line's digits decoded). */
    struct vs_oui_result r;
    for (size_t i = 0; i + 6 <= size && i < 4096; i += 7)
        vs_oui_lookup(db, data + i, &r);
    uint8_t mac[6] = {0};
    size_t nib = 0;
    for (size_t i = 0; i < size && i < 65536; i++) {
        uint8_t c = data[i];
        int v = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (v < 0) {
            if (nib >= 6) {
                vs_oui_lookup(db, mac, &r);
                if (r.org && r.bits != 24 && r.bits != 28 && r.bits != 36)
                    __builtin_trap();
            }
            memset(mac, 0, sizeof mac);
            nib = 0;
            continue;
        }
        if (nib < 12) {
            mac[nib / 2] = (uint8_t)(mac[nib / 2] | (nib % 2 ? v : v << 4));
            nib++;
        }
    }
    size_t total = vs_oui_count(db, 24) + vs_oui_count(db, 28) + vs_oui_count(db, 36);
    if (total != vs_oui_count(db, 0) || total == 0 || !vs_oui_snapshot(db))
        __builtin_trap();
    vs_oui_free(db);
    return 0;
}
