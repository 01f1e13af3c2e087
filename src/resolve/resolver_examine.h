/* When the resolver turned out no good for DNSSEC (resolver_health
 * NO_DNSSEC or DENIES), two questions libunbound cannot answer, asked with
 * a raw DNS query each (dns_probe.c), once per context and resolver
 * setting: does that resolver validate itself (the AD bit on the trust
 * anchor's keys), and does a root server answer from this network, so that
 * `--recursive` would work? */
#ifndef MXTLS_RESOLVER_EXAMINE_H
#define MXTLS_RESOLVER_EXAMINE_H

#include "mxtls/resolve.h"

/* Fill res->resolver_validates and res->recursion, and add what was found
 * to res->resolver_detail; nothing for a resolver that carries DNSSEC or
 * was silent. Waits at most about 2.4 s, once per context (through the
 * wait seam, cut to the check's deadline). MXTLS_OK or MXTLS_ENOMEM. */
int mxtls__resolver_examine(mxtls_ctx *ctx, mxtls_resolve_result *res);

#endif
