/* The libunbound context behind the resolve stage, built from a mxtls_ctx's
 * options and kept in the ctx so that its cache and validated keys serve
 * every later call. */
#ifndef MXTLS_RESOLVER_H
#define MXTLS_RESOLVER_H

#include <stdint.h>

#include "mxtls/common.h"

struct ub_ctx;

/* ctx's libunbound context in async (thread) mode, built now if there is
 * none or the resolver options changed since it was built. Returns
 * MXTLS_OK, MXTLS_ENOMEM, MXTLS_ERESOLVER, or MXTLS_EPOLICY when the
 * address policy refuses a forwarder, stub-zone server or resolv.conf
 * nameserver the options name; the reason is in ctx's error detail. */
int mxtls__resolver_get(mxtls_ctx *ctx, struct ub_ctx **out);

/* Wait up to deadline (mxtls__now_ms() time) for answers on ub and deliver
 * them to their callbacks (ub_process). progress is the waiting job's count
 * of answers (mxtls__rjob_progress): inside the batch engine the wait ends
 * when it moved. Returns 1 when answers were processed, 0 at the deadline,
 * -1 on a poll or resolver error. */
int mxtls__resolver_wait(struct ub_ctx *ub, int64_t deadline, const unsigned *progress);

#endif
