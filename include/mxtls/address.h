/* mxtls — IP addresses as the stages see them: scope, proxy provider, policy.
 */
#ifndef MXTLS_ADDRESS_H
#define MXTLS_ADDRESS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Address scope (mxtls_address.scope). Values never change. */
#define MXTLS_SCOPE_PUBLIC 1     /* globally routable unicast */
#define MXTLS_SCOPE_PRIVATE 2    /* RFC 1918, RFC 6598 shared, fc00::/7 ULA */
#define MXTLS_SCOPE_LOOPBACK 3   /* 127.0.0.0/8, ::1 */
#define MXTLS_SCOPE_LINK_LOCAL 4 /* 169.254.0.0/16, fe80::/10 */
#define MXTLS_SCOPE_MULTICAST 5  /* 224.0.0.0/4, ff00::/8 */
#define MXTLS_SCOPE_RESERVED 6   /* unspecified, "this network", documentation,
                                    benchmarking, 240.0.0.0/4, broadcast, ... */

/* DNSSEC state of the answer an item came from. Values never change. */
#define MXTLS_DNSSEC_NONE 0     /* not from DNS (a literal) */
#define MXTLS_DNSSEC_INSECURE 1 /* from DNS, not signed (or not validated) */
#define MXTLS_DNSSEC_SECURE 2   /* validated from a trust anchor */
#define MXTLS_DNSSEC_BOGUS 3    /* failed validation */
#define MXTLS_DNSSEC_INDETERMINATE 4 /* unknown: the checker's resolver strips
                                        DNSSEC (mxtls_resolve_result.
                                        resolver_health), so nothing could be
                                        validated; says nothing of the zone */

/** One IP address. Library-allocated; read-only for callers. */
typedef struct mxtls_address {
    uint32_t struct_size;       /* sizeof as built; check before newer members */
    int32_t family;             /* 4 or 6 */
    const char *text;           /* canonical text, "192.0.2.7" or "2001:db8::7" */
    uint8_t bytes[16];          /* network order; IPv4 in the first 4 bytes */
    int32_t scope;              /* MXTLS_SCOPE_* */
    int32_t dnssec;             /* MXTLS_DNSSEC_* of the A/AAAA answer */
    const char *proxy_provider; /* "cloudflare" if inside a known HTTP-only proxy
                                   range, else NULL */
    int32_t policy_allowed;     /* 1 if the context's address policy lets mxtls
                                   connect to it, else 0 */
    /* Members are only ever appended here. */
} mxtls_address;

/** Parse an IPv4 or IPv6 literal (no brackets, no port) and classify it with
 *  ctx's proxy ranges and address policy. IPv4-mapped (::ffff:a.b.c.d) and
 *  NAT64 (64:ff9b::/96) addresses are classified by the IPv4 address inside.
 *  On success *out owns a new address; free it with mxtls_address_free().
 *  MXTLS_EINVAL for NULL arguments or text that is not an address literal.
 *  Does no I/O. Uses ctx from one thread at a time; separate contexts run in
 *  parallel. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_address_parse(const mxtls_ctx *ctx, const char *text,
                                             mxtls_address **out);

/** Free an address. NULL is a no-op. Thread-safe once no other thread uses it.
 *  Since 0.1. */
MXTLS_EXPORT void mxtls_address_free(mxtls_address *address);

/** The name of a scope ("public", "private", "loopback", "link-local",
 *  "multicast", "reserved"), or "unknown". Static. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_scope_name(int32_t scope);

/** The name of a DNSSEC state ("none", "insecure", "secure", "bogus"), or
 *  "unknown". Static. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_dnssec_name(int32_t dnssec);

/** sizeof(mxtls_address) as this library was built, for bindings. Thread-safe.
 *  Since 0.1. */
MXTLS_EXPORT size_t mxtls_address_struct_size(void);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_ADDRESS_H */
