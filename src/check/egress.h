/* The reference probe (egress.c): when no MX host answers on port 25, is
 * the block near this machine? Part of the driver: it resolves and
 * connects, so the diagnosis only reads its verdict. */
#ifndef MXTLS_EGRESS_H
#define MXTLS_EGRESS_H

#include <stddef.h>
#include <stdint.h>

#include "mxtls/mxtls.h"

/* The verdict (enum mxtls__egress, ctx.h) on ctx's reference hosts, with
 * what was tried in evidence (one line): from ctx's cache when it holds a
 * result for the current options, else by probing them now; a check that
 * finds another check (a fiber of the same engine) probing waits for its
 * result. Every wait ends by deadline (mxtls__now_ms() time), the running
 * check's own: a probe cut short by it is UNKNOWN and not kept. MXTLS_OK,
 * or MXTLS_ENOMEM. */
mxtls_status mxtls__egress_verdict(mxtls_ctx *ctx, int64_t deadline, int32_t *verdict,
                                   char *evidence, size_t size);

/* The address of a reference host to connect to: the first IPv4 address
 * of res that ctx's address policy allows (judged from its bytes, as the
 * connect stage judges it), else the first such IPv6 one; NULL when there
 * is none. */
const mxtls_address *mxtls__egress_pick(const mxtls_ctx *ctx, const mxtls_resolve_result *res);

#endif
