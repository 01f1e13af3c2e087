/* The verify stage's results remembered within one check (verify_memo.h). */
#include "verify_memo.h"

#include <string.h>

#include <gnutls/crypto.h>

#include "verify_digest.h"
#include "verify_int.h"
#include "verify_result.h"

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
    uint8_t chain_key[32], key[32];
    if (memo == NULL || in == NULL || out == NULL ||
        mxtls__verify_input_key(in, chain_key, key) < 0)
        return mxtls_verify_run(ctx, in, out);
    const mxtls_verify_result *known = recall(memo, key);
    if (known != NULL) {
        *out = mxtls__verify_result_copy(known);
        return *out != NULL ? MXTLS_OK : MXTLS_ENOMEM;
    }
    mxtls_status st = mxtls__verify_run_keyed(ctx, in, chain_key, out);
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
