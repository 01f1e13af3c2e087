/* What the resolver showed of itself (MXTLS_RESOLVER_HEALTH_* in resolve.h):
 * the resolve stage asks for the DNSKEY RRset of the trust anchor's zone
 * beside a domain's first queries, and this file names the zone, reads the
 * answer and keeps a conclusive one in the context, so that a resolver that
 * strips DNSSEC is told apart from a domain whose DNSSEC is broken. Pure
 * except for reading the anchor file. */
#ifndef MXTLS_RESOLVER_HEALTH_H
#define MXTLS_RESOLVER_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "mxtls/resolve.h"

/* The zone of ctx's first trust anchor ("." for the root key file), from
 * the anchors added as text, else the anchor file. Returns 0, or -1 when
 * there is none to read. */
int mxtls__resolver_anchor_zone(const mxtls_ctx *ctx, char *out, size_t size);

/* The health an answer for the anchor's DNSKEY shows. */
int32_t mxtls__resolver_health_of(const mxtls_dns_lookup *anchor);

/* One line for mxtls_resolve_result.resolver_detail. */
void mxtls__resolver_health_describe(const mxtls_dns_lookup *anchor, int32_t health,
                                     char *out, size_t size);

/* The health ctx learnt for its current resolver (and its detail), or
 * MXTLS_RESOLVER_HEALTH_UNKNOWN when it has to be asked. */
int32_t mxtls__resolver_health_cached(const mxtls_ctx *ctx, const char **detail);

/* Keep what the resolver proved (DNSSEC, NO_DNSSEC, DENIES) for later
 * calls. */
void mxtls__resolver_health_keep(mxtls_ctx *ctx, int32_t health, const char *detail);

#endif
