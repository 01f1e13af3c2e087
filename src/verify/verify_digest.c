/* Digests of a verify input, the keys results are remembered by
 * (verify_digest.h). */
#include "verify_digest.h"

#include <string.h>

#include <gnutls/crypto.h>

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

/* The chain as sent, then the intermediates pooled from other probes. */
static int feed_chain(gnutls_hash_hd_t h, const mxtls_verify_input *in)
{
    int rc = feed_blobs(h, in->certs, in->n_certs);
    return rc < 0 ? rc : feed_blobs(h, in->pool, in->n_pool);
}

/* Everything but the chain, which the chain key (fed first) stands for. */
static int feed_rest(gnutls_hash_hd_t h, const mxtls_verify_input *in)
{
    int rc = feed_string(h, in->reference);
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

/* SHA-256 of prefix (32 octets, or none) and of what feeder puts in: 0
 * with key set, -1 when GnuTLS could not hash. */
static int digest(const uint8_t *prefix, const mxtls_verify_input *in,
                  int (*feeder)(gnutls_hash_hd_t, const mxtls_verify_input *), uint8_t key[32])
{
    gnutls_hash_hd_t h;
    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0)
        return -1;
    int rc = prefix != NULL ? feed(h, prefix, 32) : 0;
    if (rc >= 0)
        rc = feeder(h, in);
    gnutls_hash_deinit(h, key);
    return rc < 0 ? -1 : 0;
}

int mxtls__verify_input_key(const mxtls_verify_input *in, uint8_t chain_key[32],
                            uint8_t key[32])
{
    if (digest(NULL, in, feed_chain, chain_key) < 0)
        return -1;
    return digest(chain_key, in, feed_rest, key);
}

int mxtls__verify_chain_key(const mxtls_verify_input *in, uint8_t key[32])
{
    return digest(NULL, in, feed_chain, key);
}
