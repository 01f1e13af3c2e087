#define _POSIX_C_SOURCE 200809L
/* Verify stage: PKIX chain and name checks that say exactly what is wrong.
 *
 * GnuTLS does the path validation; its status bits are kept raw and also
 * turned into verdict flags a finding can be built on. Beyond what GnuTLS
 * says, this file looks at each certificate (dates, key, signature hash) and
 * at why no issuer was found: a self-signed leaf, a root nobody trusts, or an
 * intermediate the server forgot to send.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "alloc.h"
#include "buffer.h"
#include "clock.h"
#include "ctx.h"
#include "dns_id.h"
#include "inet.h"
#include "mtasts_policy.h"
#include "trust.h"
#include "verify_digest.h"
#include "verify_facts.h"
#include "verify_int.h"
#include "verify_result.h"

/* SAN entries read per certificate; real ones carry up to a few hundred. */
#define MAX_SAN 512u
/* Longest SAN entry kept (a DNS name is at most 253 octets). */
#define MAX_SAN_LEN 1024u
/* Detail strings stay one line. */
#define DETAIL_LEN 1024u

/* ---- input object ---------------------------------------------------- */

mxtls_status mxtls_verify_input_new(mxtls_verify_input **out)
{
    mxtls_verify_input *in;

    if (out == NULL)
        return MXTLS_EINVAL;
    *out = NULL;
    in = mxtls__calloc(1, sizeof *in);
    if (in == NULL)
        return MXTLS_ENOMEM;
    *out = in;
    return MXTLS_OK;
}

static void blob_free(struct mxtls__blob *b)
{
    mxtls__free(b->data);
    b->data = NULL;
    b->len = 0;
}

static void sts_mx_free(mxtls_verify_input *in)
{
    size_t i;

    for (i = 0; i < in->n_sts_mx; i++)
        mxtls__free(in->sts_mx[i]);
    mxtls__free(in->sts_mx);
    in->sts_mx = NULL;
    in->n_sts_mx = 0;
}

void mxtls_verify_input_free(mxtls_verify_input *in)
{
    size_t i;

    if (in == NULL)
        return;
    for (i = 0; i < in->n_certs; i++)
        blob_free(&in->certs[i]);
    for (i = 0; i < in->n_pool; i++)
        blob_free(&in->pool[i]);
    for (i = 0; i < in->n_tlsa; i++)
        blob_free(&in->tlsa[i].data);
    sts_mx_free(in);
    mxtls__free(in->reference);
    mxtls__free(in);
}

static mxtls_status blob_set(struct mxtls__blob *b, const uint8_t *data, size_t len)
{
    b->data = mxtls__malloc(len ? len : 1);
    if (b->data == NULL)
        return MXTLS_ENOMEM;
    if (len)
        memcpy(b->data, data, len);
    b->len = len;
    return MXTLS_OK;
}

static mxtls_status add_der(struct mxtls__blob *list, size_t *n, const uint8_t *der,
                            size_t len)
{
    mxtls_status st;

    if (der == NULL || len == 0 || len > MXTLS__VERIFY_MAX_CERT_DER)
        return MXTLS_EINVAL;
    if (*n >= MXTLS__VERIFY_MAX_CERTS)
        return MXTLS_ERANGE;
    st = blob_set(&list[*n], der, len);
    if (st == MXTLS_OK)
        (*n)++;
    return st;
}

mxtls_status mxtls_verify_input_add_cert(mxtls_verify_input *in, const uint8_t *der,
                                         size_t len)
{
    if (in == NULL)
        return MXTLS_EINVAL;
    return add_der(in->certs, &in->n_certs, der, len);
}

mxtls_status mxtls_verify_input_add_intermediate(mxtls_verify_input *in,
                                                 const uint8_t *der, size_t len)
{
    if (in == NULL)
        return MXTLS_EINVAL;
    /* The same intermediate from every probe of a host adds nothing, and
     * must neither take the place of one that differs nor make two equal
     * inputs look different (verify_memo.c). */
    for (size_t i = 0; der != NULL && i < in->n_pool; i++)
        if (in->pool[i].len == len && memcmp(in->pool[i].data, der, len) == 0)
            return MXTLS_OK;
    return add_der(in->pool, &in->n_pool, der, len);
}

mxtls_status mxtls_verify_input_set_reference_name(mxtls_verify_input *in, const char *name)
{
    char *copy = NULL;

    if (in == NULL)
        return MXTLS_EINVAL;
    if (name != NULL) {
        if (strnlen(name, 256) > 254)
            return MXTLS_EINVAL;
        copy = mxtls__strdup(name);
        if (copy == NULL)
            return MXTLS_ENOMEM;
    }
    mxtls__free(in->reference);
    in->reference = copy;
    return MXTLS_OK;
}

mxtls_status mxtls_verify_input_set_tlsa_dnssec(mxtls_verify_input *in, int32_t dnssec)
{
    if (in == NULL || dnssec < MXTLS_DNSSEC_NONE || dnssec > MXTLS_DNSSEC_INDETERMINATE)
        return MXTLS_EINVAL;
    in->tlsa_dnssec = dnssec;
    return MXTLS_OK;
}

mxtls_status mxtls_verify_input_add_tlsa(mxtls_verify_input *in, uint8_t usage,
                                         uint8_t selector, uint8_t mtype,
                                         const uint8_t *data, size_t len)
{
    struct mxtls__tlsa *t;
    mxtls_status st;

    if (in == NULL || (data == NULL && len > 0) || len > MXTLS__VERIFY_MAX_DER)
        return MXTLS_EINVAL;
    if (in->n_tlsa >= MXTLS__VERIFY_MAX_TLSA)
        return MXTLS_ERANGE;
    t = &in->tlsa[in->n_tlsa];
    st = blob_set(&t->data, data, len);
    if (st != MXTLS_OK)
        return st;
    t->usage = usage;
    t->selector = selector;
    t->mtype = mtype;
    in->n_tlsa++;
    return MXTLS_OK;
}

mxtls_status mxtls_verify_input_set_mtasts(mxtls_verify_input *in,
                                           const mxtls_mtasts_result *sts)
{
    size_t i, n;

    /* Only what this release reads must be there (sts may come from a binding). */
    if (in == NULL || sts == NULL ||
        sts->struct_size < offsetof(mxtls_mtasts_result, mx_patterns) + sizeof sts->mx_patterns)
        return MXTLS_EINVAL;
    sts_mx_free(in);
    in->sts_outcome = sts->outcome;
    in->sts_mode = sts->mode;
    n = sts->n_mx_patterns < MXTLS__VERIFY_MAX_STS_MX ? sts->n_mx_patterns
                                                      : MXTLS__VERIFY_MAX_STS_MX;
    if (n == 0 || sts->mx_patterns == NULL)
        return MXTLS_OK;
    in->sts_mx = mxtls__calloc(n, sizeof *in->sts_mx);
    if (in->sts_mx == NULL)
        return MXTLS_ENOMEM;
    for (i = 0; i < n; i++) {
        if (sts->mx_patterns[i] == NULL)
            continue;
        /* A pattern is a host name: 253 octets and "*." at most. */
        in->sts_mx[in->n_sts_mx] = mxtls__strndup(sts->mx_patterns[i], 255);
        if (in->sts_mx[in->n_sts_mx] == NULL)
            return MXTLS_ENOMEM;
        in->n_sts_mx++;
    }
    return MXTLS_OK;
}

_Static_assert(MXTLS__SENDER_PATH_MAX == MXTLS__VERIFY_MAX_CERTS,
               "the diagnosis sizes a sender's path by the verify stage's limit");

size_t mxtls_verify_max_certs(void)
{
    return MXTLS__VERIFY_MAX_CERTS;
}

size_t mxtls_verify_max_tlsa(void)
{
    return MXTLS__VERIFY_MAX_TLSA;
}

size_t mxtls_verify_result_struct_size(void)
{
    return sizeof(mxtls_verify_result);
}

size_t mxtls_cert_info_struct_size(void)
{
    return sizeof(mxtls_cert_info);
}

/* A GnuTLS-allocated datum as our own NUL-terminated string. */
static char *datum_str(gnutls_datum_t *d)
{
    /* A DN carries any bytes the certificate holds. GnuTLS writes it per
     * RFC 4514, which already escapes '\\' and '"' in values; the rest that
     * could steer a terminal or a reader (controls, newlines, bidi and
     * zero-width code points, bytes that are not UTF-8) is written in its
     * visible form (\x0a, \u202e), so the string is one line of data. */
    struct mxtls__text t = { NULL, 0, 0, 0 };
    const char *s = (const char *)d->data;
    size_t n = d->size, i = 0;
    char unit[MXTLS__SHOWN_MAX];

    mxtls__text_append(&t, "");
    while (i < n && !t.failed) {
        if (s[i] == '\\' || s[i] == '"') {
            unit[0] = s[i++];
            unit[1] = '\0';
        } else
            i += mxtls__shown_unit(s + i, n - i, unit);
        mxtls__text_append(&t, unit);
    }
    gnutls_free(d->data);
    d->data = NULL;
    if (t.failed) {
        mxtls__free(t.data);
        return NULL;
    }
    return t.data;
}

/* ---- per-certificate facts -------------------------------------------- */

static char *dn_string(gnutls_x509_crt_t crt, int issuer)
{
    gnutls_datum_t d = { NULL, 0 };
    int rc = issuer ? gnutls_x509_crt_get_issuer_dn3(crt, &d, 0)
                    : gnutls_x509_crt_get_dn3(crt, &d, 0);

    if (rc < 0)
        return mxtls__strdup("");
    return datum_str(&d);
}

/* Printable ASCII without NUL: what a dNSName may hold. */
int mxtls__san_dns_name_kept(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e)
            return 0;
    }
    return n > 0;
}

static int push_str(const char **v, size_t *n, const char *s, size_t len)
{
    char *copy = mxtls__malloc(len + 1);

    if (copy == NULL)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    v[(*n)++] = copy;
    return 0;
}

static int push_ip(const char **v, size_t *n, const unsigned char *ip, size_t len)
{
    char text[INET6_ADDRSTRLEN];

    if (inet_ntop(len == 4 ? AF_INET : AF_INET6, ip, text, sizeof text) == NULL)
        return 0;
    return push_str(v, n, text, strlen(text));
}

/* Walk the SAN entries (at most MAX_SAN): dNSNames that are printable and
 * not too long, and IPv4/IPv6 iPAddresses; other entries are skipped. With
 * dns and ips NULL it only counts them into *n_dns and *n_ip; otherwise it
 * stores copies there. */
static int walk_sans(gnutls_x509_crt_t crt, const char **dns, size_t *n_dns, const char **ips,
                     size_t *n_ip)
{
    char buf[MAX_SAN_LEN];
    int rc = 0;

    for (unsigned seq = 0; seq < MAX_SAN && rc == 0; seq++) {
        size_t size = sizeof buf;
        int type = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &size, NULL);
        if (type < 0 && type != GNUTLS_E_SHORT_MEMORY_BUFFER)
            break; /* the end, or an extension that does not decode */
        if (type == GNUTLS_SAN_DNSNAME && size < sizeof buf &&
            mxtls__san_dns_name_kept(buf, size)) {
            if (dns != NULL)
                rc = push_str(dns, n_dns, buf, size);
            else
                (*n_dns)++;
        } else if (type == GNUTLS_SAN_IPADDRESS && (size == 4 || size == 16)) {
            if (ips != NULL)
                rc = push_ip(ips, n_ip, (unsigned char *)buf, size);
            else
                (*n_ip)++;
        }
    }
    return rc;
}

/* Read SAN dNSNames and iPAddresses. Counted first, so that the arrays are
 * as long as the certificate needs rather than MAX_SAN: a report holds them
 * for every certificate of every probe, and a batch holds many reports. */
static int read_sans(gnutls_x509_crt_t crt, mxtls_cert_info *ci)
{
    size_t n_dns = 0, n_ip = 0;

    (void)walk_sans(crt, NULL, &n_dns, NULL, &n_ip);
    const char **dns = mxtls__calloc(n_dns ? n_dns : 1, sizeof *dns);
    const char **ips = mxtls__calloc(n_ip ? n_ip : 1, sizeof *ips);

    ci->dns_names = dns;
    ci->ip_addresses = ips;
    if (dns == NULL || ips == NULL)
        return -1;
    return walk_sans(crt, dns, &ci->n_dns_names, ips, &ci->n_ip_addresses);
}

static int is_weak_hash(gnutls_digest_algorithm_t h)
{
    return h == GNUTLS_DIG_SHA1 || h == GNUTLS_DIG_MD5 || h == GNUTLS_DIG_MD2;
}

/* Signed by its own key: issuer DN is its subject and the signature verifies
 * with its own public key (whatever the hash). subject and issuer are the
 * certificate's DNs as dn_string() wrote them. */
static int self_signed(gnutls_x509_crt_t crt, const char *subject, const char *issuer)
{
    unsigned status = 0;
    unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_CA_SIGN |
                     GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 | GNUTLS_VERIFY_ALLOW_SIGN_RSA_MD5 |
                     GNUTLS_VERIFY_ALLOW_ANY_X509_V1_CA_CRT;

    /* GnuTLS compares DNs byte for byte, then as the RFC 4514 strings that
     * dn_string() escapes: two strings that differ here differ there, so
     * the answer is no without the second decoding of both DNs that
     * check_issuer makes for every certificate not issued by itself
     * (about a tenth of judging a chain). Empty means unknown: ask GnuTLS. */
    if (subject != NULL && issuer != NULL && *subject && *issuer && strcmp(subject, issuer) != 0)
        return 0;
    if (!gnutls_x509_crt_check_issuer(crt, crt))
        return 0;
    if (gnutls_x509_crt_verify(crt, &crt, 1, flags, &status) < 0)
        return 0;
    return (status & GNUTLS_CERT_SIGNATURE_FAILURE) == 0;
}

static void key_facts(gnutls_x509_crt_t crt, mxtls_cert_info *ci)
{
    unsigned bits = 0;
    int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
    const char *name = pk >= 0 ? gnutls_pk_algorithm_get_name((gnutls_pk_algorithm_t)pk) : NULL;

    ci->key_algorithm = mxtls__strdup(name ? name : "unknown");
    ci->key_bits = (int32_t)bits;
    /* GnuTLS's security level: under 112 bits (RSA < 2048, EC < 224) is weak. */
    if (pk >= 0 &&
        gnutls_pk_bits_to_sec_param((gnutls_pk_algorithm_t)pk, bits) < GNUTLS_SEC_PARAM_MEDIUM)
        ci->flags |= MXTLS_VERIFY_WEAK_KEY;
    if ((pk == GNUTLS_PK_RSA || pk == GNUTLS_PK_DSA) && bits < 2048)
        ci->flags |= MXTLS_VERIFY_WEAK_KEY;
}

static void sign_facts(gnutls_x509_crt_t crt, mxtls_cert_info *ci)
{
    int sig = gnutls_x509_crt_get_signature_algorithm(crt);
    const char *name = sig >= 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)sig) : NULL;

    ci->signature_algorithm = mxtls__strdup(name ? name : "unknown");
    /* A root's self-signature is not relied on; anyone else's is. */
    if (sig >= 0 && !ci->self_signed &&
        is_weak_hash(gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)sig)))
        ci->flags |= MXTLS_VERIFY_WEAK_SIGNATURE;
}

static void time_facts(gnutls_x509_crt_t crt, mxtls_cert_info *ci, int64_t now_ms)
{
    time_t nb = gnutls_x509_crt_get_activation_time(crt);
    time_t na = gnutls_x509_crt_get_expiration_time(crt);

    ci->not_before_ms = nb == (time_t)-1 ? 0 : (int64_t)nb * 1000;
    ci->not_after_ms = na == (time_t)-1 ? 0 : (int64_t)na * 1000;
    if (nb == (time_t)-1 || now_ms < ci->not_before_ms)
        ci->flags |= MXTLS_VERIFY_NOT_YET_VALID;
    if (na == (time_t)-1 || now_ms > ci->not_after_ms)
        ci->flags |= MXTLS_VERIFY_EXPIRED;
}

static int hash_facts(gnutls_x509_crt_t crt, const struct mxtls__blob *der,
                      mxtls_cert_info *ci)
{
    gnutls_datum_t spki;
    int rc = gnutls_hash_fast(GNUTLS_DIG_SHA256, der->data, der->len, ci->sha256);

    if (rc < 0)
        return rc;
    rc = mxtls__spki_der(crt, &spki);
    if (rc < 0)
        return rc;
    rc = gnutls_hash_fast(GNUTLS_DIG_SHA256, spki.data, spki.size, ci->spki_sha256);
    gnutls_free(spki.data);
    return rc;
}

/* Facts of one certificate; NULL on allocation failure. */
static mxtls_cert_info *cert_info_new(gnutls_x509_crt_t crt, const struct mxtls__blob *der,
                                      int64_t now_ms, int *gnutls_error)
{
    mxtls_cert_info *ci = mxtls__calloc(1, sizeof *ci);
    unsigned ca = 0;
    int rc;

    if (ci == NULL)
        return NULL;
    ci->struct_size = sizeof *ci;
    ci->subject = dn_string(crt, 0);
    ci->issuer = dn_string(crt, 1);
    ci->self_signed = (uint8_t)self_signed(crt, ci->subject, ci->issuer);
    if (gnutls_x509_crt_get_basic_constraints(crt, NULL, &ca, NULL) >= 0)
        ci->is_ca = ca ? 1 : 0;
    key_facts(crt, ci);
    sign_facts(crt, ci);
    time_facts(crt, ci, now_ms);
    rc = hash_facts(crt, der, ci);
    if (rc < 0)
        *gnutls_error = rc;
    ci->der = mxtls__malloc(der->len);
    if (ci->der != NULL) {
        memcpy((void *)ci->der, der->data, der->len);
        ci->der_len = der->len;
    }
    if (read_sans(crt, ci) < 0 || ci->subject == NULL || ci->issuer == NULL ||
        ci->key_algorithm == NULL || ci->signature_algorithm == NULL || ci->der == NULL) {
        mxtls__cert_info_free(ci);
        return NULL;
    }
    return ci;
}

/* ---- chain decoding and trust --------------------------------------------- */

struct chain {
    size_t n;
    gnutls_x509_crt_t crt[MXTLS__VERIFY_MAX_CERTS];
};

static void chain_clear(struct chain *c)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        gnutls_x509_crt_deinit(c->crt[i]);
    c->n = 0;
}

static int crt_from_der(const struct mxtls__blob *b, gnutls_x509_crt_t *out)
{
    gnutls_datum_t d = { b->data, (unsigned)b->len };
    int rc = gnutls_x509_crt_init(out);

    if (rc < 0)
        return rc;
    rc = gnutls_x509_crt_import(*out, &d, GNUTLS_X509_FMT_DER);
    if (rc < 0) {
        gnutls_x509_crt_deinit(*out);
        *out = NULL;
    }
    return rc;
}

/* Decode every certificate; on the first that fails, return its error. */
static int chain_decode(const struct mxtls__blob *list, size_t n, struct chain *c)
{
    size_t i;
    int rc;

    c->n = 0;
    for (i = 0; i < n; i++) {
        rc = crt_from_der(&list[i], &c->crt[i]);
        if (rc < 0)
            return rc;
        c->n++;
    }
    return 0;
}

static unsigned pkix_status(gnutls_x509_trust_list_t tl, gnutls_x509_crt_t *crts, size_t n,
                            int *gnutls_error)
{
    unsigned status = 0;
    int rc = gnutls_x509_trust_list_verify_crt2(tl, crts, (unsigned)n, NULL, 0, 0, &status,
                                                NULL);

    if (rc < 0) {
        *gnutls_error = rc;
        return GNUTLS_CERT_INVALID;
    }
    return status;
}

/* How long a remembered PKIX outcome may answer for this chain. */
#define MEMO_MAX_AGE_MS 60000

/* Until when what was judged of the chain in res at res->now_ms holds: at
 * most a minute, and not past the next moment a sent certificate becomes
 * valid or expires. */
static int64_t chain_valid_until(const mxtls_verify_result *res)
{
    int64_t until = res->now_ms + MEMO_MAX_AGE_MS;

    for (size_t i = 0; i < res->n_certs; i++) {
        const mxtls_cert_info *ci = res->certs[i];
        if (ci->not_before_ms > res->now_ms && ci->not_before_ms < until)
            until = ci->not_before_ms;
        if (ci->not_after_ms >= res->now_ms && ci->not_after_ms < until)
            until = ci->not_after_ms;
    }
    return until;
}

/* The memo key of the chain as sent (a digest of its certificates'
 * digests, which fill_cert_infos computed) and the time until which its
 * outcome holds. */
static int64_t chain_memo_key(const mxtls_verify_result *res, uint8_t key[32])
{
    uint8_t digests[MXTLS__VERIFY_MAX_CERTS * 32];

    for (size_t i = 0; i < res->n_certs; i++)
        memcpy(digests + 32 * i, res->certs[i]->sha256, 32);
    if (gnutls_hash_fast(GNUTLS_DIG_SHA256, digests, 32 * res->n_certs, key) < 0)
        return 0;                       /* no key: nothing remembered */
    return chain_valid_until(res);
}

/* pkix_status of the chain sent, remembered in the context (trust.h). */
static unsigned chain_status(mxtls_ctx *ctx, gnutls_x509_trust_list_t tl, struct chain *c,
                             const mxtls_verify_result *res, int *gnutls_error)
{
    uint8_t key[32];
    unsigned status;
    /* A certificate whose digest failed has no key to be remembered by. */
    int64_t until = res->gnutls_error == 0 ? chain_memo_key(res, key) : 0;

    if (until > res->now_ms && mxtls__trust_recall(ctx, key, res->now_ms, &status))
        return status;
    status = pkix_status(tl, c->crt, c->n, gnutls_error);
    if (until > res->now_ms && *gnutls_error == 0)
        mxtls__trust_remember(ctx, key, res->now_ms, until, status);
    return status;
}

/* ---- why no issuer was found -------------------------------------------- */

/* Follow issuers among the certificates sent, from the leaf up; return the
 * index of the last one reached (the top of what the server sent). used[i]
 * says whether certificate i is on that path. Each certificate is used once,
 * so a loop in the chain ends. */
static size_t chain_top(const struct chain *c, uint8_t used[MXTLS__VERIFY_MAX_CERTS],
                        gnutls_x509_crt_t *path, size_t *path_n)
{
    size_t cur = 0, j;
    int moved = 1;

    memset(used, 0, MXTLS__VERIFY_MAX_CERTS);
    used[0] = 1;
    path[0] = c->crt[0];
    *path_n = 1;
    while (moved && !gnutls_x509_crt_check_issuer(c->crt[cur], c->crt[cur])) {
        moved = 0;
        for (j = 0; j < c->n; j++) {
            if (!used[j] && gnutls_x509_crt_check_issuer(c->crt[cur], c->crt[j])) {
                used[j] = 1;
                cur = j;
                path[(*path_n)++] = c->crt[j];
                moved = 1;
                break;
            }
        }
    }
    return cur;
}

/* Do the known intermediates complete path (ending at its top) to a trusted
 * root? They are appended issuer by issuer, each at most once. */
static int pool_completes(gnutls_x509_trust_list_t tl, const mxtls_verify_input *in,
                          gnutls_x509_crt_t *path, size_t path_n)
{
    struct chain pool;
    gnutls_x509_crt_t full[2 * MXTLS__VERIFY_MAX_CERTS];
    uint8_t used[MXTLS__VERIFY_MAX_CERTS] = { 0 };
    size_t n = path_n, j, added = 0;
    int moved = 1, err = 0, ok = 0;

    if (in->n_pool == 0 || chain_decode(in->pool, in->n_pool, &pool) < 0)
        return 0;
    memcpy(full, path, path_n * sizeof *path);
    while (moved) {
        moved = 0;
        for (j = 0; j < pool.n; j++) {
            if (!used[j] && gnutls_x509_crt_check_issuer(full[n - 1], pool.crt[j])) {
                used[j] = 1;
                full[n++] = pool.crt[j];
                added++;
                moved = 1;
                break;
            }
        }
    }
    if (added > 0)
        ok = (pkix_status(tl, full, n, &err) & GNUTLS_CERT_SIGNER_NOT_FOUND) == 0 && err == 0;
    chain_clear(&pool);
    return ok;
}

static int has_aia_issuer(gnutls_x509_crt_t crt)
{
    gnutls_datum_t d = { NULL, 0 };
    int rc = gnutls_x509_crt_get_authority_info_access(crt, 0, GNUTLS_IA_CAISSUERS_URI, &d,
                                                       NULL);

    gnutls_free(d.data);
    return rc >= 0;
}

static int analyse_missing_issuer(gnutls_x509_trust_list_t tl, const mxtls_verify_input *in,
                                  const struct chain *c, mxtls_verify_result *res)
{
    gnutls_x509_crt_t path[MXTLS__VERIFY_MAX_CERTS];
    uint8_t on_path[MXTLS__VERIFY_MAX_CERTS];
    size_t path_n;
    size_t top = chain_top(c, on_path, path, &path_n);

    if (top != 0 && res->certs[top]->self_signed) {
        res->flags |= MXTLS_VERIFY_UNTRUSTED_ROOT;
        return 0;
    }
    res->missing_issuer = mxtls__strdup(res->certs[top]->issuer);
    if (res->missing_issuer == NULL)
        return -1;
    if (pool_completes(tl, in, path, path_n) || has_aia_issuer(c->crt[top]))
        res->flags |= MXTLS_VERIFY_CHAIN_INCOMPLETE;
    return 0;
}

/* ---- verdict -------------------------------------------------------------- */

/* Fold per-certificate flags into the verdict, for the certificates on the
 * issuer path from the leaf only: servers often send a stray extra (an old
 * expired cross-sign), which a sender ignores and a finding must not blame. */
static void per_cert_flags(const struct chain *c, mxtls_verify_result *res)
{
    gnutls_x509_crt_t path[MXTLS__VERIFY_MAX_CERTS];
    uint8_t on_path[MXTLS__VERIFY_MAX_CERTS];
    size_t i, path_n;

    chain_top(c, on_path, path, &path_n);
    for (i = 0; i < res->n_certs; i++) {
        uint32_t f = on_path[i] ? res->certs[i]->flags : 0;
        res->flags |= f & (MXTLS_VERIFY_WEAK_KEY | MXTLS_VERIFY_WEAK_SIGNATURE |
                           MXTLS_VERIFY_EXPIRED | MXTLS_VERIFY_NOT_YET_VALID);
        if (res->time_invalid_cert < 0 &&
            (f & (MXTLS_VERIFY_EXPIRED | MXTLS_VERIFY_NOT_YET_VALID)))
            res->time_invalid_cert = (int32_t)i;
    }
}

/* Map GnuTLS status bits to verdict flags (other than the issuer analysis). */
static void status_flags(unsigned st, mxtls_verify_result *res)
{
    unsigned known = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND |
                           GNUTLS_CERT_SIGNER_NOT_CA | GNUTLS_CERT_EXPIRED |
                           GNUTLS_CERT_NOT_ACTIVATED | GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS |
                           GNUTLS_CERT_SIGNATURE_FAILURE | GNUTLS_CERT_INSECURE_ALGORITHM;

    if (st == 0)
        res->flags |= MXTLS_VERIFY_TRUSTED;
    /* A signer that is not a CA also lacks keyCertSign, which GnuTLS reports
     * as a constraints failure: one cause, one flag. */
    if (st & GNUTLS_CERT_SIGNER_NOT_CA) {
        res->flags |= MXTLS_VERIFY_NOT_A_CA;
        known |= GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE;
    }
    if (st & GNUTLS_CERT_EXPIRED)
        res->flags |= MXTLS_VERIFY_EXPIRED;
    if (st & GNUTLS_CERT_NOT_ACTIVATED)
        res->flags |= MXTLS_VERIFY_NOT_YET_VALID;
    if (st & GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS)
        res->flags |= MXTLS_VERIFY_UNSUPPORTED_CRITICAL_EXT;
    if (st & GNUTLS_CERT_SIGNATURE_FAILURE)
        res->flags |= MXTLS_VERIFY_BAD_SIGNATURE;
    /* GnuTLS's "insecure algorithm" is a weak hash or key we flag ourselves;
     * if we did not, it is something else and must not go unsaid. */
    if ((st & GNUTLS_CERT_INSECURE_ALGORITHM) &&
        !(res->flags & (MXTLS_VERIFY_WEAK_KEY | MXTLS_VERIFY_WEAK_SIGNATURE)))
        res->flags |= MXTLS_VERIFY_OTHER_FAILURE;
    if (st & ~known)
        res->flags |= MXTLS_VERIFY_OTHER_FAILURE;
}

/* The leaf's names, dNSNames first, then IPs; and whether one matches. */
static int names_and_match(mxtls_verify_result *res, const char *ref)
{
    const mxtls_cert_info *leaf = res->certs[0];
    size_t total = leaf->n_dns_names + leaf->n_ip_addresses, i;
    uint8_t ip[16], san_ip[16];
    /* A reference may be bracketed as in a URL ("[2001:db8::1]"). */
    int ip_family = mxtls__inet_parse(ref, MXTLS__INET_BRACKETS, ip);
    int is_ip = ip_family != 0;
    const char *match = NULL;

    res->names = mxtls__calloc(total ? total : 1, sizeof *res->names);
    if (res->names == NULL)
        return -1;
    for (i = 0; i < leaf->n_dns_names; i++) {
        if (push_str((const char **)res->names, &res->n_names, leaf->dns_names[i],
                     strlen(leaf->dns_names[i])) < 0)
            return -1;
        if (match == NULL && !is_ip && mxtls__dns_id_match(leaf->dns_names[i], ref))
            match = leaf->dns_names[i];
    }
    for (i = 0; i < leaf->n_ip_addresses; i++) {
        if (push_str((const char **)res->names, &res->n_names, leaf->ip_addresses[i],
                     strlen(leaf->ip_addresses[i])) < 0)
            return -1;
        /* Same family, same bytes: both are zero-padded to 16 octets. */
        if (match == NULL && is_ip &&
            mxtls__inet_parse(leaf->ip_addresses[i], MXTLS__INET_BRACKETS, san_ip) == ip_family &&
            memcmp(ip, san_ip, sizeof ip) == 0)
            match = leaf->ip_addresses[i];
    }
    if (ref == NULL)
        return 0;
    if (match == NULL) {
        res->flags |= MXTLS_VERIFY_NAME_MISMATCH;
        return 0;
    }
    res->matched_name = mxtls__strdup(match);
    return res->matched_name ? 0 : -1;
}

static void mtasts_match(const mxtls_verify_input *in, mxtls_verify_result *res)
{
    size_t i;

    res->mtasts = in->sts_outcome;
    res->mtasts_mode = in->sts_mode;
    res->mtasts_mx_matched = -1;
    if (in->sts_outcome != MXTLS_MTASTS_POLICY || in->reference == NULL)
        return;
    res->mtasts_mx_matched = 0;
    for (i = 0; i < in->n_sts_mx; i++) {
        if (mxtls__sts_mx_match(in->sts_mx[i], in->reference)) {
            res->mtasts_mx_matched = 1;
            return;
        }
    }
}

/* ---- detail line ---------------------------------------------------------- */

static const char *first_problem(uint32_t f)
{
    if (f & MXTLS_VERIFY_NO_CERTIFICATE)
        return "no certificate";
    if (f & MXTLS_VERIFY_MALFORMED)
        return "a certificate could not be decoded";
    if (f & MXTLS_VERIFY_SELF_SIGNED && !(f & MXTLS_VERIFY_TRUSTED))
        return "self-signed certificate";
    if (f & MXTLS_VERIFY_EMPTY_TRUST_STORE)
        return "trust not checked: the CA store holds no certificate";
    if (f & MXTLS_VERIFY_CHAIN_INCOMPLETE)
        return "the server did not send the intermediate certificate";
    if (f & MXTLS_VERIFY_UNTRUSTED_ROOT)
        return "the chain ends in a root that is not trusted";
    if (f & MXTLS_VERIFY_UNKNOWN_ISSUER)
        return "issued by a CA that is not trusted";
    if (f & MXTLS_VERIFY_EXPIRED)
        return "certificate expired";
    if (f & MXTLS_VERIFY_NOT_YET_VALID)
        return "certificate not yet valid";
    if (f & MXTLS_VERIFY_NOT_A_CA)
        return "a certificate that signed another is not a CA";
    if (f & MXTLS_VERIFY_UNSUPPORTED_CRITICAL_EXT)
        return "unsupported critical extension";
    if (f & MXTLS_VERIFY_BAD_SIGNATURE)
        return "a signature does not verify";
    if (f & MXTLS_VERIFY_WEAK_SIGNATURE)
        return "SHA-1 or MD5 signature in the chain";
    if (f & MXTLS_VERIFY_WEAK_KEY)
        return "weak key in the chain";
    if (f & MXTLS_VERIFY_OTHER_FAILURE)
        return "the chain does not verify";
    return NULL;
}

static int set_detail(mxtls_verify_result *res)
{
    char buf[DETAIL_LEN];
    const char *problem = first_problem(res->flags);
    const char *ref = res->reference_name;

    if (res->flags & MXTLS_VERIFY_NAME_MISMATCH)
        snprintf(buf, sizeof buf, "%s%sthe certificate does not name %.253s; it names %.200s%s",
                 problem ? problem : "", problem ? "; " : "", ref,
                 res->n_names ? res->names[0] : "no host", res->n_names > 1 ? ", ..." : "");
    else if (problem != NULL)
        snprintf(buf, sizeof buf, "%s", problem);
    else
        snprintf(buf, sizeof buf, "trusted%s%.253s", ref ? "; names " : "", ref ? ref : "");
    res->detail = mxtls__strdup(buf);
    return res->detail ? 0 : -1;
}

/* ---- the stage -------------------------------------------------------------- */

static int64_t now_ms(void)
{
    return mxtls__wall_ms();
}

static mxtls_verify_result *result_new(const mxtls_verify_input *in)
{
    mxtls_verify_result *res = mxtls__calloc(1, sizeof *res);

    if (res == NULL)
        return NULL;
    res->struct_size = sizeof *res;
    res->time_invalid_cert = -1;
    res->dane_record = res->dane_usage = res->dane_cert = -1;
    res->mtasts_mx_matched = -1;
    res->now_ms = now_ms();
    if (in->reference != NULL) {
        res->reference_name = mxtls__strdup(in->reference);
        if (res->reference_name == NULL) {
            mxtls__free(res);
            return NULL;
        }
    }
    return res;
}

static int fill_cert_infos(const mxtls_verify_input *in, const struct chain *c,
                           mxtls_verify_result *res)
{
    mxtls_cert_info **v = mxtls__calloc(c->n, sizeof *v);
    int err = 0;
    size_t i;

    res->certs = (const mxtls_cert_info *const *)v;
    if (v == NULL)
        return -1;
    for (i = 0; i < c->n; i++) {
        v[i] = cert_info_new(c->crt[i], &in->certs[i], res->now_ms, &err);
        if (v[i] == NULL)
            return -1;
        res->n_certs++;
    }
    if (err < 0)
        res->gnutls_error = err;
    return 0;
}

/* The PKIX half: trust, issuer analysis, per-certificate flags. tl and
 * trust_rc are what mxtls__trust_get() gave the caller (which has
 * already failed the verify on GNUTLS_E_MEMORY_ERROR). */
static int judge_chain(mxtls_ctx *ctx, const mxtls_verify_input *in, struct chain *c,
                       gnutls_x509_trust_list_t tl, int trust_rc, mxtls_verify_result *res)
{
    int err = 0, rc = trust_rc;

    if (rc < 0) {
        res->gnutls_error = rc;
        res->gnutls_status = GNUTLS_CERT_INVALID;
        res->flags |= MXTLS_VERIFY_OTHER_FAILURE;
        return 0;
    }
    if (mxtls__trust_count(ctx) == 0) {
        /* No CA to build to: every chain would read "unknown issuer",
         * which says nothing about the server. Judge what the
         * certificates show by themselves. */
        res->flags |= MXTLS_VERIFY_EMPTY_TRUST_STORE;
        res->gnutls_status = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;
        per_cert_flags(c, res);
        if (res->certs[0]->self_signed)
            res->flags |= MXTLS_VERIFY_SELF_SIGNED;
        return 0;
    }
    res->gnutls_status = chain_status(ctx, tl, c, res, &err);
    if (err < 0)
        res->gnutls_error = err;
    per_cert_flags(c, res);
    status_flags(res->gnutls_status, res);
    if (res->certs[0]->self_signed)
        res->flags |= MXTLS_VERIFY_SELF_SIGNED;
    rc = 0;
    if ((res->gnutls_status & GNUTLS_CERT_SIGNER_NOT_FOUND) && !res->certs[0]->self_signed) {
        res->flags |= MXTLS_VERIFY_UNKNOWN_ISSUER;
        rc = analyse_missing_issuer(tl, in, c, res);
    }
    return rc;
}

/* The name and DANE halves of the verdict, on top of its PKIX half in res.
 * crts NULL (n 0) when DANE needs no certificate (mxtls__dane_needs_certs). */
static mxtls_status judge_name_and_dane(const mxtls_verify_input *in, gnutls_x509_crt_t *crts,
                                        size_t n, mxtls_verify_result *res)
{
    int rc;

    if (names_and_match(res, in->reference) < 0)
        return MXTLS_ENOMEM;
    rc = mxtls__dane_evaluate(in, crts, n,
                              in->reference != NULL &&
                                  !(res->flags & MXTLS_VERIFY_NAME_MISMATCH),
                              res);
    return rc == GNUTLS_E_MEMORY_ERROR ? MXTLS_ENOMEM : MXTLS_OK;
}

/* Judge the decoded chain now; with key, remember its PKIX half in the
 * context for the next verify of the same chain (verify_facts.h). */
static mxtls_status verify_decoded(mxtls_ctx *ctx, const mxtls_verify_input *in,
                                   struct chain *c, gnutls_x509_trust_list_t tl,
                                   int trust_rc, const uint8_t *key,
                                   mxtls_verify_result *res)
{
    if (fill_cert_infos(in, c, res) < 0 || judge_chain(ctx, in, c, tl, trust_rc, res) < 0)
        return MXTLS_ENOMEM;
    /* No best effort (test-check-enomem): a copy that cannot be kept
     * fails the verify like any other allocation. */
    if (key != NULL && res->gnutls_error == 0 &&
        mxtls__chain_facts_remember(ctx, key, chain_valid_until(res), res) < 0)
        return MXTLS_ENOMEM;
    return judge_name_and_dane(in, c->crt, c->n, res);
}

/* The verdict on a chain that has certificates: its PKIX half from what
 * the context remembers of the same chain, or decoded and judged now. */
static mxtls_status verify_chain(mxtls_ctx *ctx, const mxtls_verify_input *in,
                                 const uint8_t *chain_key, mxtls_verify_result *res)
{
    struct chain c = { 0 };
    gnutls_x509_trust_list_t tl = NULL;
    uint8_t key[32];
    mxtls_status st = MXTLS_OK;
    int trust_rc = mxtls__trust_get(ctx, &tl);
    /* DANE that must match certificates needs them decoded; a trust list
     * that does not build is judged (and reported) afresh each time. */
    int keyed = trust_rc == 0 && !mxtls__dane_needs_certs(in);
    if (keyed && chain_key != NULL)
        memcpy(key, chain_key, sizeof key);
    else if (keyed)
        keyed = mxtls__verify_chain_key(in, key) == 0;

    if (trust_rc == GNUTLS_E_MEMORY_ERROR)
        return MXTLS_ENOMEM;

    if (keyed) {
        int known = mxtls__chain_facts_recall(ctx, key, res);
        if (known != 0)
            return known < 0 ? MXTLS_ENOMEM : judge_name_and_dane(in, NULL, 0, res);
    }
    int rc = chain_decode(in->certs, in->n_certs, &c);
    if (rc < 0) {
        res->flags |= MXTLS_VERIFY_MALFORMED;
        res->gnutls_error = rc;
        st = rc == GNUTLS_E_MEMORY_ERROR ? MXTLS_ENOMEM : MXTLS_OK;
    } else {
        st = verify_decoded(ctx, in, &c, tl, trust_rc, keyed ? key : NULL, res);
    }
    chain_clear(&c);
    return st;
}

mxtls_status mxtls_verify_run(mxtls_ctx *ctx, const mxtls_verify_input *in,
                              mxtls_verify_result **out)
{
    return mxtls__verify_run_keyed(ctx, in, NULL, out);
}

mxtls_status mxtls__verify_run_keyed(mxtls_ctx *ctx, const mxtls_verify_input *in,
                                     const uint8_t *chain_key, mxtls_verify_result **out)
{
    mxtls_verify_result *res;
    mxtls_status st = MXTLS_OK;

    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || in == NULL || out == NULL)
        return MXTLS_EINVAL;
    res = result_new(in);
    if (res == NULL)
        return MXTLS_ENOMEM;
    if (in->n_certs == 0)
        res->flags |= MXTLS_VERIFY_NO_CERTIFICATE;
    else
        st = verify_chain(ctx, in, chain_key, res);
    mtasts_match(in, res);
    if (st == MXTLS_OK && set_detail(res) < 0)
        st = MXTLS_ENOMEM;
    if (st != MXTLS_OK) {
        mxtls_verify_result_free(res);
        return st;
    }
    *out = res;
    return MXTLS_OK;
}

mxtls_status mxtls_verify_der(mxtls_ctx *ctx, const uint8_t *const *der,
                              const size_t *der_len, size_t n, const char *reference_name,
                              mxtls_verify_result **out)
{
    mxtls_verify_input *in = NULL;
    mxtls_status st;
    size_t i;

    if (out != NULL)
        *out = NULL;
    if (ctx == NULL || out == NULL || (n > 0 && (der == NULL || der_len == NULL)))
        return MXTLS_EINVAL;
    st = mxtls_verify_input_new(&in);
    for (i = 0; st == MXTLS_OK && i < n; i++)
        st = mxtls_verify_input_add_cert(in, der[i], der_len[i]);
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, reference_name);
    if (st == MXTLS_OK)
        st = mxtls_verify_run(ctx, in, out);
    mxtls_verify_input_free(in);
    return st;
}
