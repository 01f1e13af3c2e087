#define _POSIX_C_SOURCE 200809L
/* What both checks of the verify stage read from a certificate: the DER
 * of its public key. verify.c and dane.c both call this; keeping it here,
 * below both, is what keeps the two from calling each other. The name
 * matcher they use is core's (core/dns_id.h), which the explainer shares. */
#include <string.h>

#include <gnutls/abstract.h>

#include "verify_int.h"

/* ---- the key a certificate names --------------------------------------- */

int mxtls__spki_der(gnutls_x509_crt_t crt, gnutls_datum_t *out)
{
    gnutls_pubkey_t pk;
    int rc;

    out->data = NULL;
    out->size = 0;
    rc = gnutls_pubkey_init(&pk);
    if (rc < 0)
        return rc;
    rc = gnutls_pubkey_import_x509(pk, crt, 0);
    if (rc >= 0)
        rc = gnutls_pubkey_export2(pk, GNUTLS_X509_FMT_DER, out);
    gnutls_pubkey_deinit(pk);
    return rc;
}
