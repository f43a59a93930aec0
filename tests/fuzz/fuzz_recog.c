/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_recog.c - libFuzzer target for the Recog XML loader (src/signatures/recog.c): the
 * input is one fingerprint document, loaded from memory against a small vendor set and a map
 * that gives it two fields; whatever loads has its examples run and is matched against. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/signatures.h"

static const char vendors[] = "[Huawei]\nname = HUAWEI\n[Cisco]\n[ZTE]\n[Microsoft]\n";
static const char map[] = "[recog]\nssh.banner = recog\nsnmp.sys_descr = snmp.sys_description\n"
                          "[os-vendor-not-maker]\nMicrosoft = x\n";

static void sink(void *ctx, const struct vs_sig_match *m)
{
    size_t *n = ctx;
    *n += strlen(m->model) + strlen(m->software) + strlen(m->name) + (m->vendor != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    struct vs_sigs *s = NULL;
    char err[256];
    if (vs_sigs_load_recog_mem(vendors, sizeof vendors - 1, map, sizeof map - 1, (const char *)data,
                               size, &s, err, sizeof err) != 0)
        return 0;
    char report[512];
    (void)vs_sigs_selftest(s, report, sizeof report);
    size_t n = 0, nf, nm, nx, ne;
    vs_sigs_recog_counts(s, &nf, &nm, &nx, &ne);
    size_t v = size < 512 ? size : 512;
    vs_sigs_match(s, VS_F_SSH_BANNER, (const char *)data, v, sink, &n);
    vs_sigs_match(s, VS_F_SNMP_SYS_DESCR, (const char *)data, v, sink, &n);
    vs_sigs_free(s);
    return n == SIZE_MAX; /* keep n alive */
}
