#define _POSIX_C_SOURCE 200809L
/* DANE-TA trust anchors that come from the TLSA record itself.
 *
 * A DANE-TA(2) record with matching type Full(0) holds the whole anchor:
 * with selector Cert(0) a certificate, with SPKI(1) a bare public key. A
 * sender can then complete the chain from DNS even when the server does not
 * send the anchor, and Postfix and OpenSSL do (RFC 7671 section 5.2.2 and
 * 5.2.3 describe such anchors). A digest record cannot serve so: what it
 * names must be sent (RFC 7672 section 3.1.2), which dane.c reports.
 *
 * Everything here reads DNS data, so it is bounded: the anchor is parsed by
 * GnuTLS from at most MXTLS__VERIFY_MAX_DER bytes, and the one DER walk of
 * our own (tbs_of) checks every length against the buffer. */
#include <string.h>

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

#include "verify_int.h"

/* One DER length at p[*i..len): *out, *i moved past it. -1 when malformed. */
static int der_length(const uint8_t *p, size_t len, size_t *i, size_t *out)
{
    size_t n, k;

    if (*i >= len)
        return -1;
    n = p[(*i)++];
    if (n < 0x80) {
        *out = n;
        return 0;
    }
    n &= 0x7f;
    if (n == 0 || n > 4 || len - *i < n)
        return -1;
    for (*out = 0, k = 0; k < n; k++)
        *out = (*out << 8) | p[(*i)++];
    return 0;
}

/* The tbsCertificate of a DER certificate: the first element inside its
 * outer SEQUENCE, with its own header, which is what the issuer signed. */
static int tbs_of(const uint8_t *der, size_t len, gnutls_datum_t *tbs)
{
    size_t i = 0, outer, inner, start;

    if (len < 2 || der[i++] != 0x30 || der_length(der, len, &i, &outer) < 0 ||
        outer > len - i)
        return -1;
    start = i;
    if (i >= len || der[i++] != 0x30 || der_length(der, len, &i, &inner) < 0 ||
        inner > len - i)
        return -1;
    tbs->data = (unsigned char *)der + start;
    tbs->size = (unsigned)(i + inner - start);
    return 0;
}

/* Was crt (whose DER is der) signed by the bare key spki? */
static int signed_by_key(gnutls_x509_crt_t crt, const struct mxtls__blob *der,
                         const struct mxtls__blob *spki)
{
    gnutls_pubkey_t key;
    gnutls_datum_t tbs, sig = {NULL, 0}, data = {spki->data, (unsigned)spki->len};
    char sigbuf[2048];
    size_t sig_len = sizeof sigbuf;
    int algo = gnutls_x509_crt_get_signature_algorithm(crt), ok = 0;

    if (algo < 0 || tbs_of(der->data, der->len, &tbs) < 0 ||
        gnutls_x509_crt_get_signature(crt, sigbuf, &sig_len) < 0)
        return 0;
    sig.data = (unsigned char *)sigbuf;
    sig.size = (unsigned)sig_len;
    if (gnutls_pubkey_init(&key) < 0)
        return 0;
    if (gnutls_pubkey_import(key, &data, GNUTLS_X509_FMT_DER) >= 0)
        ok = gnutls_pubkey_verify_data2(key, (gnutls_sign_algorithm_t)algo, 0, &tbs, &sig) >= 0;
    gnutls_pubkey_deinit(key);
    return ok;
}

/* Does crts[0..n) verify up to the anchor certificate in ta? Its own dates
 * are not checked, as for any trust anchor. */
static int chain_to_cert(gnutls_x509_crt_t *crts, size_t n, const struct mxtls__blob *ta)
{
    gnutls_x509_trust_list_t tl;
    gnutls_x509_crt_t anchor;
    gnutls_datum_t data = {ta->data, (unsigned)ta->len};
    unsigned status = GNUTLS_CERT_INVALID;

    if (gnutls_x509_trust_list_init(&tl, 0) < 0)
        return 0;
    if (gnutls_x509_crt_init(&anchor) < 0) {
        gnutls_x509_trust_list_deinit(tl, 1);
        return 0;
    }
    /* The list owns the anchor once added. */
    if (gnutls_x509_crt_import(anchor, &data, GNUTLS_X509_FMT_DER) < 0 ||
        gnutls_x509_trust_list_add_cas(tl, &anchor, 1, 0) != 1) {
        gnutls_x509_crt_deinit(anchor);
        gnutls_x509_trust_list_deinit(tl, 1);
        return 0;
    }
    if (gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned)n, NULL, 0,
                                           GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS, &status,
                                           NULL) < 0)
        status = GNUTLS_CERT_INVALID;
    gnutls_x509_trust_list_deinit(tl, 1);
    return status == 0;
}

/* Does the chain below the top certificate verify up to it (taken as the
 * anchor), and was the top one signed by the key? One certificate alone
 * needs only the signature. */
static int chain_to_key(const struct mxtls_verify_input *in, gnutls_x509_crt_t *crts, size_t n,
                        const struct mxtls__blob *spki)
{
    if (!signed_by_key(crts[n - 1], &in->certs[n - 1], spki))
        return 0;
    return n == 1 || chain_to_cert(crts, n, &in->certs[n - 1]);
}

int mxtls__dane_anchor_from_dns(const struct mxtls_verify_input *in, const struct mxtls__tlsa *t,
                                gnutls_x509_crt_t *crts, size_t n)
{
    if (n == 0 || t->usage != 2 || t->mtype != 0 || t->data.len == 0)
        return 0;
    if (t->selector == 0)
        return chain_to_cert(crts, n, &t->data);
    if (t->selector == 1)
        return chain_to_key(in, crts, n, &t->data);
    return 0;
}
