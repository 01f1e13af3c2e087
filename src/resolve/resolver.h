/* The libunbound context behind the resolve stage, built from a mxtls_ctx's
 * options and kept in the ctx so that its cache and validated keys serve
 * every later call. */
#ifndef MXTLS_RESOLVER_H
#define MXTLS_RESOLVER_H

#include <stdint.h>
#include <unbound-event.h>

#include "mxtls/common.h"

struct ub_ctx;
struct mxtls__wait_source;

/* ctx's libunbound context, on its own event loop (ub_loop.h, kept in
 * ctx->ub_loop), built now if there is
 * none or the resolver options changed since it was built. Returns
 * MXTLS_OK, MXTLS_ENOMEM, MXTLS_ERESOLVER, or MXTLS_EPOLICY when the
 * address policy refuses a forwarder, stub-zone server or resolv.conf
 * nameserver the options name; the reason is in ctx's error detail. */
int mxtls__resolver_get(mxtls_ctx *ctx, struct ub_ctx **out);

/* ub_resolve_event() and ub_cancel() under the libunbound lock
 * (core/ub_guard.h). send returns libunbound's error code, 0 when sent. */
int mxtls__resolver_send(struct ub_ctx *ub, const char *qname, int qtype, void *arg,
                         ub_event_callback_type cb, int *async_id);
void mxtls__resolver_cancel(struct ub_ctx *ub, int async_id);

/* Wait up to deadline (mxtls__now_ms() time) for answers, driving the
 * loop source (ctx->ub_loop) until its callbacks moved progress, the
 * waiting job's count of answers (mxtls__rjob_progress). Returns 1 when
 * answers came, 0 at the deadline, -1 on a poll error. */
int mxtls__resolver_wait(struct mxtls__wait_source *source, int64_t deadline,
                         const unsigned *progress);

#endif
