/* The verify stage's results remembered within one check (verify_memo.h). */
#include "verify_memo.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "alloc.h"
#include "verify_int.h"

/* ---- the key: a digest of everything the input holds --------------------- */

/* Every field goes in with its length first, so that no two inputs feed
 * the same bytes. */
static int feed(gnutls_hash_hd_t h, const void *data, size_t len)
{
    uint64_t n = len;
    if (gnutls_hash(h, &n, sizeof n) < 0)
        return -1;
    return len == 0 ? 0 : gnutls_hash(h, data, len);
}

static int feed_int(gnutls_hash_hd_t h, int64_t v)
{
    return feed(h, &v, sizeof v);
}

static int feed_string(gnutls_hash_hd_t h, const char *s)
{
    /* NULL and "" differ: a missing reference name is not an empty one. */
    if (feed_int(h, s != NULL) < 0)
        return -1;
    return s != NULL ? feed(h, s, strlen(s)) : 0;
}

static int feed_blobs(gnutls_hash_hd_t h, const struct mxtls__blob *v, size_t n)
{
    int rc = feed_int(h, (int64_t)n);
    for (size_t i = 0; rc >= 0 && i < n; i++)
        rc = feed(h, v[i].data, v[i].len);
    return rc;
}

static int feed_input(gnutls_hash_hd_t h, const mxtls_verify_input *in)
{
    int rc = feed_blobs(h, in->certs, in->n_certs);
    if (rc >= 0)
        rc = feed_blobs(h, in->pool, in->n_pool);
    if (rc >= 0)
        rc = feed_string(h, in->reference);
    if (rc >= 0)
        rc = feed_int(h, in->tlsa_dnssec);
    if (rc >= 0)
        rc = feed_int(h, in->tlsa_lookup_failed);
    if (rc >= 0)
        rc = feed_int(h, (int64_t)in->n_tlsa);
    for (size_t i = 0; rc >= 0 && i < in->n_tlsa; i++) {
        const struct mxtls__tlsa *t = &in->tlsa[i];
        rc = feed_int(h, t->usage << 16 | t->selector << 8 | t->mtype);
        if (rc >= 0)
            rc = feed(h, t->data.data, t->data.len);
    }
    if (rc >= 0)
        rc = feed_int(h, in->sts_outcome);
    if (rc >= 0)
        rc = feed_int(h, in->sts_mode);
    if (rc >= 0)
        rc = feed_int(h, (int64_t)in->n_sts_mx);
    for (size_t i = 0; rc >= 0 && i < in->n_sts_mx; i++)
        rc = feed_string(h, in->sts_mx[i]);
    return rc;
}

/* 0 with key set, -1 when GnuTLS could not hash (then the input is run). */
static int input_key(const mxtls_verify_input *in, uint8_t key[32])
{
    gnutls_hash_hd_t h;
    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0)
        return -1;
    int rc = feed_input(h, in);
    gnutls_hash_deinit(h, key);
    return rc < 0 ? -1 : 0;
}

/* ---- copying a result ------------------------------------------------------ */

/* *dst = a copy of src; 0, or -1 when out of memory. NULL copies as NULL. */
static int copy_string(const char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    return (*dst = mxtls__strdup(src)) != NULL ? 0 : -1;
}

static int copy_strings(const char *const **dst, const char *const *src, size_t n)
{
    *dst = NULL;
    if (src == NULL || n == 0)
        return 0;
    const char **v = mxtls__calloc(n, sizeof *v);
    if (v == NULL)
        return -1;
    *dst = v;   /* filled as far as memory lasts; freed whole with its owner */
    for (size_t i = 0; i < n; i++)
        if (copy_string(&v[i], src[i]) < 0)
            return -1;
    return 0;
}

static int copy_der(const uint8_t **dst, const uint8_t *src, size_t len)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    uint8_t *d = mxtls__malloc(len ? len : 1);
    if (d == NULL)
        return -1;
    if (len)
        memcpy(d, src, len);
    *dst = d;
    return 0;
}

/* A copy of ci into *dst; on failure what was made stays in *dst for the
 * result's free to take. */
static int copy_cert_info(const mxtls_cert_info **dst, const mxtls_cert_info *ci)
{
    *dst = NULL;
    if (ci == NULL)
        return 0;
    mxtls_cert_info *c = mxtls__malloc(sizeof *c);
    if (c == NULL)
        return -1;
    *c = *ci;
    c->subject = c->issuer = c->key_algorithm = c->signature_algorithm = NULL;
    c->dns_names = c->ip_addresses = NULL;
    c->der = NULL;
    *dst = c;
    if (copy_string(&c->subject, ci->subject) < 0 || copy_string(&c->issuer, ci->issuer) < 0 ||
        copy_string(&c->key_algorithm, ci->key_algorithm) < 0 ||
        copy_string(&c->signature_algorithm, ci->signature_algorithm) < 0 ||
        copy_der(&c->der, ci->der, ci->der_len) < 0)
        return -1;
    if (copy_strings(&c->dns_names, ci->dns_names, ci->n_dns_names) < 0)
        return -1;
    return copy_strings(&c->ip_addresses, ci->ip_addresses, ci->n_ip_addresses);
}

static int copy_certs(mxtls_verify_result *r, const mxtls_verify_result *res)
{
    r->certs = NULL;
    if (res->certs == NULL || res->n_certs == 0)
        return 0;
    const mxtls_cert_info **v = mxtls__calloc(res->n_certs, sizeof *v);
    if (v == NULL)
        return -1;
    r->certs = v;
    for (size_t i = 0; i < res->n_certs; i++)
        if (copy_cert_info(&v[i], res->certs[i]) < 0)
            return -1;
    return 0;
}

mxtls_verify_result *mxtls__verify_result_copy(const mxtls_verify_result *res)
{
    mxtls_verify_result *r = mxtls__malloc(sizeof *r);
    if (r == NULL)
        return NULL;
    *r = *res;
    /* Nothing of res's may stay behind in r when a copy below fails. */
    r->reference_name = r->matched_name = r->missing_issuer = r->detail = NULL;
    r->names = NULL;
    r->certs = NULL;
    if (copy_string(&r->reference_name, res->reference_name) < 0 ||
        copy_string(&r->matched_name, res->matched_name) < 0 ||
        copy_string(&r->missing_issuer, res->missing_issuer) < 0 ||
        copy_string(&r->detail, res->detail) < 0 ||
        copy_strings(&r->names, res->names, res->n_names) < 0 || copy_certs(r, res) < 0) {
        mxtls_verify_result_free(r);
        return NULL;
    }
    return r;
}

/* ---- the memo ---------------------------------------------------------------- */

static const mxtls_verify_result *recall(const struct mxtls__verify_memo *memo,
                                         const uint8_t key[32])
{
    for (size_t i = 0; i < memo->n; i++)
        if (memcmp(memo->slot[i].key, key, 32) == 0)
            return memo->slot[i].result;
    return NULL;
}

/* Keep a copy of res under key, in place of the oldest when full; -1 when
 * out of memory. */
static int remember(struct mxtls__verify_memo *memo, const uint8_t key[32],
                    const mxtls_verify_result *res)
{
    mxtls_verify_result *copy = mxtls__verify_result_copy(res);
    if (copy == NULL)
        return -1;
    size_t i = memo->n < MXTLS__VERIFY_MEMO_SLOTS ? memo->n++ : memo->next;
    memo->next = (i + 1) % MXTLS__VERIFY_MEMO_SLOTS;
    mxtls_verify_result_free(memo->slot[i].result);
    memcpy(memo->slot[i].key, key, 32);
    memo->slot[i].result = copy;
    return 0;
}

mxtls_status mxtls__verify_run_memo(mxtls_ctx *ctx, struct mxtls__verify_memo *memo,
                                    const mxtls_verify_input *in, mxtls_verify_result **out)
{
    uint8_t key[32];
    if (memo == NULL || in == NULL || out == NULL || input_key(in, key) < 0)
        return mxtls_verify_run(ctx, in, out);
    const mxtls_verify_result *known = recall(memo, key);
    if (known != NULL) {
        *out = mxtls__verify_result_copy(known);
        return *out != NULL ? MXTLS_OK : MXTLS_ENOMEM;
    }
    mxtls_status st = mxtls_verify_run(ctx, in, out);
    /* No best effort in a check (test-check-enomem): a memo that cannot
     * keep its copy fails the check like any other allocation. */
    if (st == MXTLS_OK && remember(memo, key, *out) < 0) {
        mxtls_verify_result_free(*out);
        *out = NULL;
        st = MXTLS_ENOMEM;
    }
    return st;
}

void mxtls__verify_memo_clear(struct mxtls__verify_memo *memo)
{
    if (memo == NULL)
        return;
    for (size_t i = 0; i < memo->n; i++)
        mxtls_verify_result_free(memo->slot[i].result);
    *memo = (struct mxtls__verify_memo){0};
}
