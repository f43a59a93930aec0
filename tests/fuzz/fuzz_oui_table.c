/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_oui_table.c - libFuzzer target for the binary OUI table (src/inventory/oui.c): the input
 * is a whole table, loaded from memory without the hash check (so that mutations reach the
 * structure checks) and with it; whatever loads is queried. */
#include <stdint.h>
#include <string.h>

#include "vendorsniff/oui.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char why[256];
    for (unsigned flags = 0; flags < 2; flags++) {
        struct vs_oui_db *db = NULL;
        int rc = vs_oui_table_from_buffer(data, size, flags ? VS_OUI_TABLE_NO_HASH : 0, &db, why,
                                          sizeof why);
        if (rc != 0) {
            if (db || !memchr(why, '\0', sizeof why))
                __builtin_trap();
            continue;
        }
        /* Addresses from the input, and every 24-bit prefix the slots could name. */
        struct vs_oui_result r;
        for (size_t i = 0; i + 6 <= size && i < 8192; i += 5) {
            vs_oui_lookup(db, data + i, &r);
            if (r.org && (r.bits != 24 && r.bits != 28 && r.bits != 36))
                __builtin_trap();
            if (r.org)
                (void)strlen(r.org);
        }
        for (size_t i = 64; i + 8 <= size && i < 65536; i += 8) {
            uint64_t s;
            memcpy(&s, data + i, 8);
            uint8_t mac[6] = {(uint8_t)(s >> 28), (uint8_t)(s >> 20), (uint8_t)(s >> 12),
                              (uint8_t)(s >> 4),  (uint8_t)(s << 4),  0};
            mac[0] &= 0xfc;
            vs_oui_lookup(db, mac, &r);
            if (r.org)
                (void)strlen(r.org);
        }
        size_t total = vs_oui_count(db, 24) + vs_oui_count(db, 28) + vs_oui_count(db, 36);
        if (total != vs_oui_count(db, 0) || total == 0 || !vs_oui_snapshot(db) ||
            !vs_oui_from_table(db))
            __builtin_trap();
        vs_oui_free(db);
    }
    return 0;
}
