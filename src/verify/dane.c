#define _POSIX_C_SOURCE 200809L
/* DANE for SMTP (RFC 7672): match TLSA records against the chain the server sent.
 *
 * Only records the caller marks DNSSEC-secure are ever matched: an insecure
 * RRset is ignored (RFC 7672 section 2.2) and a bogus one means "defer",
 * which is an outcome of its own, never a fallback to PKIX. Of the usages,
 * only DANE-TA(2) and DANE-EE(3) apply to SMTP; PKIX-TA(0)/PKIX-EE(1) records
 * are "unusable" (section 3.1.3). Hashing is GnuTLS's; the DNS data is ours.
 */
#include <string.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "alloc.h"
#include "verify_int.h"

enum { SEL_CERT = 0, SEL_SPKI = 1 };
enum { MT_FULL = 0, MT_SHA256 = 1, MT_SHA512 = 2 };
enum { USAGE_DANE_TA = 2, USAGE_DANE_EE = 3 };

/* The selected data of every certificate: the DER, and its SPKI. */
struct selected {
    size_t n;
    gnutls_datum_t cert[MXTLS__VERIFY_MAX_CERTS];
    gnutls_datum_t spki[MXTLS__VERIFY_MAX_CERTS];
};

static int usable(const struct mxtls__tlsa *t)
{
    if (t->usage != USAGE_DANE_TA && t->usage != USAGE_DANE_EE)
        return 0;
    if (t->selector != SEL_CERT && t->selector != SEL_SPKI)
        return 0;
    switch (t->mtype) {
    case MT_FULL:
        return t->data.len > 0;
    case MT_SHA256:
        return t->data.len == 32;
    case MT_SHA512:
        return t->data.len == 64;
    default:
        return 0;
    }
}

static int data_matches(const struct mxtls__tlsa *t, const gnutls_datum_t *sel)
{
    uint8_t digest[64];
    gnutls_digest_algorithm_t alg = t->mtype == MT_SHA256 ? GNUTLS_DIG_SHA256
                                                          : GNUTLS_DIG_SHA512;

    if (t->mtype == MT_FULL)
        return sel->size == t->data.len && memcmp(sel->data, t->data.data, sel->size) == 0;
    if (gnutls_hash_fast(alg, sel->data, sel->size, digest) < 0)
        return 0;
    return memcmp(digest, t->data.data, t->data.len) == 0;
}

static int record_matches_cert(const struct mxtls__tlsa *t, const struct selected *s,
                               size_t i)
{
    return data_matches(t, t->selector == SEL_CERT ? &s->cert[i] : &s->spki[i]);
}

/* Does the record's data match a certificate it may name (DANE-EE: the
 * leaf; DANE-TA: one above it)? Data only, no chain check: for counting. */
/* The first certificate a DANE-TA record may name: the one above the leaf,
 * or the leaf itself when it is self-issued (its own anchor, as Postfix
 * takes it). */
static size_t first_ta(gnutls_x509_crt_t *crts, size_t n)
{
    return n > 0 && gnutls_x509_crt_check_issuer(crts[0], crts[0]) == 1 ? 0 : 1;
}

static int record_matches_any(const struct mxtls__tlsa *t, const struct selected *s,
                              size_t first)
{
    size_t i;

    if (t->usage == USAGE_DANE_EE)
        return record_matches_cert(t, s, 0);
    for (i = first; i < s->n; i++) {
        if (record_matches_cert(t, s, i))
            return 1;
    }
    return 0;
}

/* DANE-TA: does the chain from the leaf verify up to certificate ta (taken
 * as the only trust anchor)? The anchor's own dates are not checked, as for
 * any trust anchor; everything below it is. */
static unsigned chain_to_ta(gnutls_x509_crt_t *crts, size_t ta, const struct selected *s)
{
    gnutls_x509_trust_list_t tl;
    gnutls_x509_crt_t anchor;
    unsigned status = GNUTLS_CERT_INVALID;

    if (gnutls_x509_trust_list_init(&tl, 0) < 0)
        return status;
    if (gnutls_x509_crt_init(&anchor) < 0) {
        gnutls_x509_trust_list_deinit(tl, 1);
        return status;
    }
    /* The list takes ownership of the anchor, so give it its own copy. */
    if (gnutls_x509_crt_import(anchor, &s->cert[ta], GNUTLS_X509_FMT_DER) < 0 ||
        gnutls_x509_trust_list_add_cas(tl, &anchor, 1, 0) != 1) {
        gnutls_x509_crt_deinit(anchor);
        gnutls_x509_trust_list_deinit(tl, 1);
        return status;
    }
    if (gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned)ta + 1, NULL, 0,
                                           GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS, &status,
                                           NULL) < 0)
        status = GNUTLS_CERT_INVALID;
    gnutls_x509_trust_list_deinit(tl, 1);
    return status;
}

static void set_match(mxtls_verify_result *res, int32_t outcome, size_t rec,
                      const struct mxtls__tlsa *t, size_t cert)
{
    res->dane = outcome;
    res->dane_record = (int32_t)rec;
    res->dane_usage = t->usage;
    res->dane_cert = (int32_t)cert;
}

/* Try one usable record. 1 when it settles the outcome as MATCHED. */
static int try_record(const struct mxtls_verify_input *in, size_t r, gnutls_x509_crt_t *crts,
                      const struct selected *s, int name_ok, mxtls_verify_result *res)
{
    const struct mxtls__tlsa *t = &in->tlsa[r];
    size_t i;

    if (t->usage == USAGE_DANE_EE) {
        /* DANE-EE binds the key itself: no name or date check (RFC 7672 3.1.1). */
        if (!record_matches_cert(t, s, 0))
            return 0;
        set_match(res, MXTLS_DANE_MATCHED, r, t, 0);
        return 1;
    }
    for (i = first_ta(crts, s->n); i < s->n; i++) {
        unsigned st;
        if (!record_matches_cert(t, s, i))
            continue;
        st = chain_to_ta(crts, i, s);
        if (st != 0) {
            res->dane_gnutls_status = st; /* matched a TA the chain does not reach */
            continue;
        }
        res->dane_gnutls_status = 0;
        /* DANE-TA keeps the name check (RFC 7672 3.2.2). */
        set_match(res, name_ok ? MXTLS_DANE_MATCHED : MXTLS_DANE_NAME_MISMATCH, r, t, i);
        return name_ok;
    }
    /* Not sent, but the record holds the anchor whole. */
    if (mxtls__dane_anchor_from_dns(in, t, crts, s->n)) {
        set_match(res, name_ok ? MXTLS_DANE_MATCHED : MXTLS_DANE_NAME_MISMATCH, r, t, 0);
        res->dane_cert = -1;
        return name_ok;
    }
    return 0;
}

static void selected_clear(struct selected *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        gnutls_free(s->spki[i].data);
    s->n = 0;
}

static int selected_fill(const struct mxtls_verify_input *in, gnutls_x509_crt_t *crts,
                         size_t n, struct selected *s)
{
    size_t i;
    int rc;

    s->n = 0;
    for (i = 0; i < n; i++) {
        rc = mxtls__spki_der(crts[i], &s->spki[i]);
        if (rc < 0)
            return rc;
        s->cert[i].data = in->certs[i].data;
        s->cert[i].size = (unsigned)in->certs[i].len;
        s->n++;
    }
    return 0;
}

/* No record matched, and a DANE-TA record may name a certificate the server
 * does not send: the chain stops below a self-issued root, so its anchor is
 * missing. RFC 7672 section 3.1.2: such servers MUST include the trust
 * anchor in their chain, since senders do not look it up anywhere else. */
static int names_unsent_anchor(const struct mxtls_verify_input *in, gnutls_x509_crt_t *crts,
                               size_t n)
{
    size_t r;
    int has_ta = 0;

    for (r = 0; r < in->n_tlsa; r++)
        has_ta |= usable(&in->tlsa[r]) && in->tlsa[r].usage == USAGE_DANE_TA;
    return has_ta && n > 0 && gnutls_x509_crt_check_issuer(crts[n - 1], crts[n - 1]) == 0;
}

/* The outcome before any matching: by DNSSEC state and record usability. */
static int precheck(const struct mxtls_verify_input *in, size_t *n_usable)
{
    size_t r;

    /* Bogus first: even "no records" from a bogus answer is not a denial. */
    if (in->tlsa_dnssec == MXTLS_DNSSEC_BOGUS)
        return MXTLS_DANE_BOGUS;
    if (in->tlsa_lookup_failed)
        return MXTLS_DANE_LOOKUP_FAILED;
    /* Records whose DNSSEC state nobody could learn are neither usable nor
     * to be ignored as insecure: the check says it did not judge them. */
    if (in->tlsa_dnssec == MXTLS_DNSSEC_INDETERMINATE)
        return MXTLS_DANE_NOT_CHECKED;
    if (in->n_tlsa == 0)
        return MXTLS_DANE_NO_TLSA;
    if (in->tlsa_dnssec != MXTLS_DNSSEC_SECURE)
        return MXTLS_DANE_INSECURE;
    *n_usable = 0;
    for (r = 0; r < in->n_tlsa; r++)
        *n_usable += (size_t)usable(&in->tlsa[r]);
    return *n_usable ? MXTLS_DANE_MISMATCH : MXTLS_DANE_UNUSABLE;
}

int mxtls__dane_needs_certs(const struct mxtls_verify_input *in)
{
    size_t n_usable = 0;
    return precheck(in, &n_usable) == MXTLS_DANE_MISMATCH;
}

int mxtls__dane_evaluate(const struct mxtls_verify_input *in, gnutls_x509_crt_t *crts,
                         size_t n, int name_ok, mxtls_verify_result *res)
{
    struct selected s;
    size_t r, n_usable = 0;
    int rc;

    res->dane = precheck(in, &n_usable);
    if (res->dane != MXTLS_DANE_MISMATCH || n == 0)
        return 0;
    rc = selected_fill(in, crts, n, &s);
    if (rc < 0) {
        selected_clear(&s);
        return rc;
    }
    res->dane_usable_records = (int32_t)n_usable;
    for (r = 0; r < in->n_tlsa; r++) {
        const struct mxtls__tlsa *t = &in->tlsa[r];
        if (usable(t) && (record_matches_any(t, &s, first_ta(crts, n)) ||
                          mxtls__dane_anchor_from_dns(in, t, crts, n)))
            res->dane_matching_records++;
    }
    for (r = 0; r < in->n_tlsa; r++) {
        if (usable(&in->tlsa[r]) && try_record(in, r, crts, &s, name_ok, res))
            break;
    }
    if (res->dane == MXTLS_DANE_MISMATCH && res->dane_matching_records == 0 &&
        names_unsent_anchor(in, crts, n))
        res->dane = MXTLS_DANE_TA_NOT_SENT;
    selected_clear(&s);
    return 0;
}
