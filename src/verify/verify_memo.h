/* The verify stage's results remembered within one check.
 *
 * A check often meets one certificate chain more than once: with SNI and
 * without, and on every address of a host (Gmail's five MX hosts answer on
 * ten addresses with one chain). Judging it costs more than a third of a
 * TLS handshake (decoding every certificate, its names, keys and issuers),
 * and the answer is the same each time the input is. So the check keeps a
 * few results here, keyed by a SHA-256 digest of everything the input holds,
 * and hands out a copy when the same input comes again.
 *
 * Not shared between checks or threads: one check's fibers run on one
 * thread, and verifying never waits, so no lock is needed.
 */
#ifndef MXTLS_VERIFY_MEMO_H
#define MXTLS_VERIFY_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "mxtls/verify.h"

/* Distinct chains one check judges: its hosts' chains, with and without
 * SNI. The oldest is forgotten first. */
#define MXTLS__VERIFY_MEMO_SLOTS 4

struct mxtls__verify_memo {
    size_t n, next;
    struct {
        uint8_t key[32];
        mxtls_verify_result *result;
    } slot[MXTLS__VERIFY_MEMO_SLOTS];
};

/* mxtls_verify_run(), or a copy of what it gave for the same input earlier
 * in memo. memo NULL: always run. A result is remembered only when it was
 * run without error. */
mxtls_status mxtls__verify_run_memo(mxtls_ctx *ctx, struct mxtls__verify_memo *memo,
                                    const mxtls_verify_input *in, mxtls_verify_result **out);

/* Free what memo holds; it is empty (and reusable) afterwards. */
void mxtls__verify_memo_clear(struct mxtls__verify_memo *memo);

#endif
