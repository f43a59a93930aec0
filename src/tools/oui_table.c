/* SPDX-License-Identifier: BSD-2-Clause */
/* oui_table.c - build-time generator of the binary OUI table: `vs-oui-table TSV OUT` loads the
 * registry snapshot with the run-time loader (every line checked) and writes the table that
 * vendorsniff maps at start-up instead of parsing the TSV (docs/architecture.md). */
#include <stdio.h>

#include "vendorsniff/oui.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: vs-oui-table TSV OUT\n");
        return 2;
    }
    char err[512];
    struct vs_oui_db *db = NULL;
    if (vs_oui_load(argv[1], &db, err, sizeof err) != 0 ||
        vs_oui_table_write(db, argv[1], argv[2], err, sizeof err) != 0) {
        fprintf(stderr, "vs-oui-table: %s\n", err);
        vs_oui_free(db);
        return 1;
    }
    vs_oui_free(db);
    return 0;
}
