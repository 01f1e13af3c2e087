/* Chains the verify stage judged, remembered across checks (verify_facts.h). */
#include "verify_facts.h"

#include <string.h>

#include "alloc.h"
#include "ctx.h"
#include "trust.h"
#include "verify_result.h"

struct slot {
    uint8_t key[32];
    uint64_t trust_generation;     /* the trust list it was judged against */
    int64_t valid_from_ms;         /* when it was judged */
    int64_t valid_until_ms;        /* exclusive */
    mxtls_verify_result *facts;    /* NULL: empty */
};

struct mxtls__chain_facts {
    struct slot slot[MXTLS__CHAIN_FACTS_SLOTS];
    size_t next;                   /* the slot to overwrite next */
};

static void facts_free(struct mxtls__chain_facts *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < MXTLS__CHAIN_FACTS_SLOTS; i++)
        mxtls_verify_result_free(f->slot[i].facts);
    mxtls__free(f);
}

static struct slot *find(struct mxtls__chain_facts *f, const uint8_t key[32])
{
    for (size_t i = 0; f != NULL && i < MXTLS__CHAIN_FACTS_SLOTS; i++)
        if (f->slot[i].facts != NULL && memcmp(f->slot[i].key, key, 32) == 0)
            return &f->slot[i];
    return NULL;
}

int mxtls__chain_facts_recall(mxtls_ctx *ctx, const uint8_t key[32],
                              mxtls_verify_result *res)
{
    const struct slot *s = find(ctx->chain_facts, key);

    /* valid_from <= now: a wall clock set back does not bring back what was
     * judged at a later time. */
    if (s == NULL || s->trust_generation != mxtls__trust_generation(ctx) ||
        res->now_ms < s->valid_from_ms || res->now_ms >= s->valid_until_ms)
        return 0;
    return mxtls__verify_copy_pkix(res, s->facts) < 0 ? -1 : 1;
}

/* A copy of res's PKIX half, in a result of its own; NULL when out of memory. */
static mxtls_verify_result *pkix_copy(const mxtls_verify_result *res)
{
    mxtls_verify_result *f = mxtls__calloc(1, sizeof *f);

    if (f == NULL)
        return NULL;
    f->struct_size = sizeof *f;
    if (mxtls__verify_copy_pkix(f, res) < 0) {
        mxtls_verify_result_free(f);
        return NULL;
    }
    return f;
}

static size_t der_total(const mxtls_verify_result *res)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n_certs; i++)
        n += res->certs[i]->der_len;
    return n;
}

int mxtls__chain_facts_remember(mxtls_ctx *ctx, const uint8_t key[32],
                                int64_t valid_until_ms, const mxtls_verify_result *res)
{
    if (der_total(res) > MXTLS__CHAIN_FACTS_MAX_DER)
        return 0;
    if (ctx->chain_facts == NULL) {
        ctx->chain_facts = mxtls__calloc(1, sizeof *ctx->chain_facts);
        if (ctx->chain_facts == NULL)
            return -1;
        ctx->chain_facts_free = facts_free;
    }
    struct mxtls__chain_facts *f = ctx->chain_facts;
    mxtls_verify_result *copy = pkix_copy(res);
    if (copy == NULL)
        return -1;
    /* The same chain takes its own slot again (it was stale, or judged
     * against an older trust list), so a context never holds it twice. */
    struct slot *s = find(f, key);
    if (s == NULL) {
        s = &f->slot[f->next];
        f->next = (f->next + 1) % MXTLS__CHAIN_FACTS_SLOTS;
    }
    mxtls_verify_result_free(s->facts);
    memcpy(s->key, key, 32);
    s->trust_generation = mxtls__trust_generation(ctx);
    s->valid_from_ms = res->now_ms;
    s->valid_until_ms = valid_until_ms;
    s->facts = copy;
    return 0;
}
