/* SPDX-License-Identifier: BSD-2-Clause */
/* x509.h - what vendorsniff needs from X.509 and hashing, in its own nouns: the subject and
 * issuer names of a DER certificate, and SHA-256. src/dissect/x509.c implements it over
 * GnuTLS; no other file includes GnuTLS headers. Decoding only: nothing is verified. */
#ifndef VS_X509_H
#define VS_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vendorsniff/limits.h"

/* Room for one distinguished name as text, with its NUL. */
#define VS_X509_DN_SIZE (VS_MAX_VALUE_LEN + 1)
#define VS_SHA256_LEN 32

/* Subject and issuer of the DER certificate der[0..len) as RFC 4514 text, as GnuTLS prints
 * it ("CN=...,OU=...,O=...,C=..."), each NUL-terminated and cut at a UTF-8 boundary to fit.
 * False (both names empty) when the bytes are not a certificate GnuTLS can decode. */
bool vs_x509_names(const uint8_t *der, size_t len, char subject[VS_X509_DN_SIZE],
                   char issuer[VS_X509_DN_SIZE]);

void vs_sha256(const void *data, size_t len, uint8_t out[VS_SHA256_LEN]);

#endif
