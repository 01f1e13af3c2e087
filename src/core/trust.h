/* The context's CA store as a GnuTLS trust list, built once and reused.
 *
 * Loading the system store costs ~10 ms (about 140 certificates parsed); a
 * verification itself costs well under 1 ms. So the list is cached in the
 * context and rebuilt only when the CA options change, or when the CA file or
 * directory changes on disk (size or mtime), so a renewed CA file is seen.
 * Used by one thread at a time, like the context that owns it. */
#ifndef MXTLS_TRUST_H
#define MXTLS_TRUST_H

#include <gnutls/x509.h>

#include "mxtls/common.h"

struct mxtls__trust;

/* The trust list for ctx's current CA options: *out stays owned by ctx and
 * is valid until the next call on ctx. Returns 0 or a GnuTLS error. */
int mxtls__trust_get(mxtls_ctx *ctx, gnutls_x509_trust_list_t *out);

/* Which trust list mxtls__trust_get() gave last: the number changes each
 * time the list is rebuilt (new CA options, or the CA file changed on
 * disk), so what was judged against an older list is known to be stale.
 * 0 before the first list. */
uint64_t mxtls__trust_generation(const mxtls_ctx *ctx);

/* How many CA certificates the list mxtls__trust_get() gave last holds
 * (0: the store is empty or missing), or -1 when there is none. */
long mxtls__trust_count(const mxtls_ctx *ctx);

/* Build (or re-check) the trust list now, on the caller's stack, and keep
 * it, or the error building it gave, as mxtls__trust_get's answer while an
 * engine is attached to ctx (ctx->engines > 0). The engine calls this once
 * attached. Returns 0, or GNUTLS_E_MEMORY_ERROR (nothing pinned). */
int mxtls__trust_pin(mxtls_ctx *ctx);

/* Recent PKIX outcomes against the current trust list, keyed by a digest of
 * the chain as sent (the caller's). A batch meets the same chains again and
 * again (a check's no-SNI probe gets its SNI probe's chain; thousands of
 * domains share a provider's MX hosts), and the signature checks are about
 * a third of a check's CPU. An entry answers from valid_from_ms (when it
 * was judged) until valid_until_ms (the caller's bound: no certificate's
 * validity starts or ends before it), and is dropped when the trust list
 * is rebuilt. recall returns 1 and sets
 * *status on a hit, else 0. */
int mxtls__trust_recall(mxtls_ctx *ctx, const uint8_t key[32], int64_t now_ms,
                        unsigned *status);
void mxtls__trust_remember(mxtls_ctx *ctx, const uint8_t key[32], int64_t valid_from_ms,
                           int64_t valid_until_ms, unsigned status);

/* Free a cached trust list; NULL is a no-op (ctx.c calls this). */
void mxtls__trust_free(struct mxtls__trust *trust);

#endif
