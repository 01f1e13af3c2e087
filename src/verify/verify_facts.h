/* Chains the verify stage judged, remembered in the context across checks.
 *
 * A batch meets the same certificate chains again and again: a check's
 * probe without SNI gets the chain its SNI probe got, thousands of domains
 * share a provider's MX hosts, and most chains end in one of a few
 * intermediates. Decoding a chain and judging it (DNs, names, keys,
 * issuers, trust) is the verify stage's whole cost, about a tenth of a
 * check's CPU outside the handshakes, and the answer depends only on the
 * certificates sent, the intermediates met on the host's other probes, the
 * trust list and the time. So the context keeps the "PKIX half" of a
 * verdict, everything but the reference name, DANE and MTA-STS, keyed by a
 * SHA-256 digest of those certificates, and a later verify of the same
 * chain starts from a copy of it.
 *
 * What is remembered holds only while it would be judged the same: against
 * the same trust list (its generation, trust.h), and until the first moment
 * a certificate of the chain becomes valid or expires, at most a minute.
 * Used by one thread at a time, like the context that owns it.
 */
#ifndef MXTLS_VERIFY_FACTS_H
#define MXTLS_VERIFY_FACTS_H

#include <stdint.h>

#include "mxtls/verify.h"

/* Chains remembered per context, the oldest forgotten first: enough for
 * the distinct chains of a batch's checks in flight and the providers they
 * share. A lookup is a scan of 32-byte keys. */
#define MXTLS__CHAIN_FACTS_SLOTS 64

/* A chain whose certificates hold more DER octets than this is judged
 * each time instead of kept: real chains are 2-8 KiB, a hostile server's
 * Certificate message may be 128 KiB, and what a context keeps stays under
 * SLOTS x 32 KiB. */
#define MXTLS__CHAIN_FACTS_MAX_DER (32u * 1024u)

/* key is mxtls__verify_chain_key()'s (verify_digest.h). */

/* When the chain judged in res was remembered under key for the context's
 * current trust list, and res->now_ms lies in the time it holds: copy its
 * certificates, flags, PKIX status, time_invalid_cert and missing_issuer
 * into res (a result fresh from result_new) and return 1. 0 when nothing
 * is remembered; -1 when memory ran out (res may hold part of the copy,
 * freed with it). */
int mxtls__chain_facts_recall(mxtls_ctx *ctx, const uint8_t key[32],
                              mxtls_verify_result *res);

/* Remember the PKIX half of res, judged now, under key until valid_until_ms
 * (exclusive). The same key replaces what it held; a chain over
 * MXTLS__CHAIN_FACTS_MAX_DER is not kept. 0, or -1 when memory ran out
 * (nothing remembered). */
int mxtls__chain_facts_remember(mxtls_ctx *ctx, const uint8_t key[32],
                                int64_t valid_until_ms, const mxtls_verify_result *res);

#endif
