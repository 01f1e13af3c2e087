/* Building the pieces of a resolve result from libunbound answers, and
 * freeing them. The public structs are read-only views (const pointers);
 * this file is the one place that writes and frees through them. */
#ifndef MXTLS_RESOLVE_BUILD_H
#define MXTLS_RESOLVE_BUILD_H

#include <stdint.h>

#include "mxtls/resolve.h"

struct ub_result;

/* A new lookup for qname/qtype, preset to MXTLS_DNS_TIMEOUT ("no answer
 * before the deadline") so that a query never answered needs no update. */
mxtls_dns_lookup *mxtls__lookup_new(const char *qname, int qtype);
void mxtls__lookup_free(mxtls_dns_lookup *lk);

/* Fill lk from libunbound's callback arguments. elapsed_ms since the call
 * started. no_dnssec: the resolver is known to strip DNSSEC
 * (MXTLS_RESOLVER_HEALTH_NO_DNSSEC), so a bogus answer is DNSSEC
 * INDETERMINATE data with the outcome its rcode and records give. Returns
 * MXTLS_OK or MXTLS_ENOMEM. */
int mxtls__lookup_fill(mxtls_dns_lookup *lk, int err, const struct ub_result *r,
                       int64_t elapsed_ms, int no_dnssec);

/* Replace a string member (owned) with a printf-style text. */
int mxtls__set_text(const char **slot, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

mxtls_mx_host *mxtls__host_new(const char *name, int32_t preference, uint32_t flags);
void mxtls__host_free(mxtls_mx_host *h);

/* Bit of mxtls_resolve_result.limits_hit for limit id MXTLS_LIMIT_x. */
#define MXTLS__LIMIT_BIT(id) (1u << (id))

/* Keep TLSA records of r (at most MXTLS_RESOLVE_MAX_TLSA) in h. Limits
 * exceeded are added to *hit as MXTLS__LIMIT_BIT()s. */
int mxtls__host_take_tlsa(mxtls_mx_host *h, const struct ub_result *r, int32_t dnssec,
                          uint32_t *hit);

/* Replace h's address array with the n given (ownership moves to h). */
int mxtls__host_set_addresses(mxtls_mx_host *h, mxtls_address **addrs, size_t n);

/* The TXT records of r (NULL: none) as a txt set owning lk. Whenever *out
 * is set it owns lk, even on MXTLS_ENOMEM; otherwise the caller still does. */
int mxtls__txt_set_new(mxtls_dns_lookup *lk, const struct ub_result *r,
                       mxtls_txt_set **out, uint32_t *hit);
/* Parse a txt set; *out owns txt afterwards (freed here if *out cannot be
 * made). *out is set whenever it exists, even on MXTLS_ENOMEM. */
int mxtls__mta_sts_new(mxtls_txt_set *txt, mxtls_mta_sts_txt **out);
int mxtls__tlsrpt_new(mxtls_txt_set *txt, mxtls_tlsrpt_txt **out, uint32_t *hit);

void mxtls__mta_sts_free(mxtls_mta_sts_txt *s);
void mxtls__tlsrpt_free(mxtls_tlsrpt_txt *t);

mxtls_resolve_result *mxtls__result_new(const char *query, const char *a_label,
                                        int32_t port);

#endif
