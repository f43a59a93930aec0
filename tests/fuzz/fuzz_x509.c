/* SPDX-License-Identifier: BSD-2-Clause */
/* fuzz_x509.c - libFuzzer target for the X.509 adapter over GnuTLS (src/dissect/x509.c): the
 * input is a DER certificate. Both names must come back NUL-terminated within their buffers,
 * and empty when the adapter says the input is not a certificate. */
#include <stdlib.h>
#include <string.h>

#include "vendorsniff/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char subject[VS_X509_DN_SIZE], issuer[VS_X509_DN_SIZE];
    memset(subject, 'x', sizeof subject);
    memset(issuer, 'x', sizeof issuer);
    bool ok = vs_x509_names(data, size, subject, issuer);
    if (!memchr(subject, 0, sizeof subject) || !memchr(issuer, 0, sizeof issuer))
        abort();
    if (!ok && (subject[0] || issuer[0]))
        abort();
    uint8_t md[VS_SHA256_LEN];
    vs_sha256(data, size, md);
    return 0;
}
