/* SPDX-License-Identifier: BSD-2-Clause */
/* x509.c - the GnuTLS adapter (the only file that includes GnuTLS): the subject and issuer
 * distinguished names of a DER X.509 certificate (RFC 5280 section 4.1.2.4/4.1.2.6, printed
 * per RFC 4514), and SHA-256 (FIPS 180-4) for the JA4 fingerprint.
 *
 * No gnutls_global_init: since GnuTLS 3.3 the library initialises itself from a constructor
 * when it is loaded (the ASN.1 tables gnutls_x509_crt_import needs included), and nothing
 * here touches global state, the network or the clock. */
#include "vendorsniff/x509.h"

#include <limits.h>
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

/* Copies a DN into out, cut at a UTF-8 boundary so that a long name stays valid text. */
static void dn_copy(const gnutls_datum_t *dn, char out[VS_X509_DN_SIZE])
{
    size_t n = dn->size;
    if (n > VS_X509_DN_SIZE - 1) {
        n = VS_X509_DN_SIZE - 1;
        while (n > 0 && (dn->data[n] & 0xc0) == 0x80)
            n--;
    }
    if (n)
        memcpy(out, dn->data, n);
    out[n] = '\0';
}

bool vs_x509_names(const uint8_t *der, size_t len, char subject[VS_X509_DN_SIZE],
                   char issuer[VS_X509_DN_SIZE])
{
    subject[0] = issuer[0] = '\0';
    if (!der || !len || len > UINT_MAX)
        return false;
    gnutls_x509_crt_t crt;
    if (gnutls_x509_crt_init(&crt) < 0)
        return false;
    bool ok = false;
    /* GnuTLS takes a non-const datum but only reads it on import. */
    gnutls_datum_t in = {(unsigned char *)(uintptr_t)der, (unsigned int)len};
    gnutls_datum_t dn = {NULL, 0};
    if (gnutls_x509_crt_import(crt, &in, GNUTLS_X509_FMT_DER) < 0)
        goto out;
    /* An empty name (a certificate may have an empty subject) is not an error. */
    int rc = gnutls_x509_crt_get_dn3(crt, &dn, 0);
    if (rc >= 0) {
        dn_copy(&dn, subject);
        gnutls_free(dn.data);
        dn.data = NULL;
    } else if (rc != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        goto out;
    }
    rc = gnutls_x509_crt_get_issuer_dn3(crt, &dn, 0);
    if (rc >= 0) {
        dn_copy(&dn, issuer);
        gnutls_free(dn.data);
    } else if (rc != GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        subject[0] = '\0';
        goto out;
    }
    ok = true;
out:
    gnutls_x509_crt_deinit(crt);
    return ok;
}

void vs_sha256(const void *data, size_t len, uint8_t out[VS_SHA256_LEN])
{
    /* SHA-256 cannot fail in GnuTLS's software implementation; zeroes mark a failure. */
    if (gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, out) < 0)
        memset(out, 0, VS_SHA256_LEN);
}
