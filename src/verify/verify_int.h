/* Internal to the verify stage: the input object and helpers shared by
 * verify.c, dane.c and certname.c. Not installed. */
#ifndef MXTLS_VERIFY_INT_H
#define MXTLS_VERIFY_INT_H

#include <stddef.h>
#include <stdint.h>

#include <gnutls/x509.h>

#include "mxtls/verify.h"
#include "sender.h"

/* A server sends a handful; 16 is far beyond any real chain. */
#define MXTLS__VERIFY_MAX_CERTS 16u
/* Real TLSA RRsets hold 1-4 records. */
#define MXTLS__VERIFY_MAX_TLSA 32u
/* A TLSA datum larger than this is hostile. */
#define MXTLS__VERIFY_MAX_DER 65535u
/* A certificate may be as large as the whole list a sender takes
 * (sender.h): a 70 KB leaf with thousands of names still reaches senders,
 * so it must be judged, not refused. */
#define MXTLS__VERIFY_MAX_CERT_DER MXTLS__SENDER_MAX_CERT_LIST
/* MTA-STS patterns copied into an input (matches the policy parser's cap). */
#define MXTLS__VERIFY_MAX_STS_MX 1000u

struct mxtls__blob {
    uint8_t *data;
    size_t len;
};

struct mxtls__tlsa {
    uint8_t usage, selector, mtype;
    struct mxtls__blob data;
};

struct mxtls_verify_input {
    size_t n_certs;
    struct mxtls__blob certs[MXTLS__VERIFY_MAX_CERTS];
    size_t n_pool;
    struct mxtls__blob pool[MXTLS__VERIFY_MAX_CERTS];
    char *reference;
    int32_t tlsa_dnssec;
    int32_t tlsa_lookup_failed; /* secure host, TLSA query failed (set_mx_host) */
    size_t n_tlsa;
    struct mxtls__tlsa tlsa[MXTLS__VERIFY_MAX_TLSA];
    int32_t sts_outcome;
    int32_t sts_mode;
    size_t n_sts_mx;
    char **sts_mx;
};

/* A DER SubjectPublicKeyInfo of crt, gnutls_free()d by the caller
 * (certname.c). */
int mxtls__spki_der(gnutls_x509_crt_t crt, gnutls_datum_t *out);

/* Whether judging DANE for in needs the decoded chain: its TLSA records
 * are usable (DNSSEC-secure, usage 2 or 3). Otherwise mxtls__dane_evaluate
 * decides from the input alone, and may be given no certificates. */
int mxtls__dane_needs_certs(const struct mxtls_verify_input *in);

/* Fill res->dane* from the input's TLSA records and the decoded chain.
 * name_ok: the leaf names the reference (DANE-TA keeps the name check).
 * Returns 0, or a negative GnuTLS error for an allocation failure. */
int mxtls__dane_evaluate(const struct mxtls_verify_input *in, gnutls_x509_crt_t *crts,
                         size_t n, int name_ok, mxtls_verify_result *res);

/* A DANE-TA(2) Full(0) record holds its anchor itself (a certificate with
 * selector 0, a bare key with selector 1): 1 when crts[0..n) verifies up to
 * that anchor, sent or not (dane_anchor.c). */
int mxtls__dane_anchor_from_dns(const struct mxtls_verify_input *in, const struct mxtls__tlsa *t,
                                gnutls_x509_crt_t *crts, size_t n);


/* A SAN dNSName the verify stage keeps (printable ASCII, no space or NUL);
 * any other is skipped, so it can match nothing. */
int mxtls__san_dns_name_kept(const char *s, size_t n);

/* mxtls_verify_run() given in's chain key (verify_digest.h) already
 * computed, so that the certificates are not hashed twice; NULL to have
 * it computed when the context's chain facts need it (verify.c). */
mxtls_status mxtls__verify_run_keyed(mxtls_ctx *ctx, const struct mxtls_verify_input *in,
                                     const uint8_t *chain_key, mxtls_verify_result **out);

#endif
