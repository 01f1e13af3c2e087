/* mxtls — common declarations: export macro, status codes, version, context.
 *
 * Every public header includes only <stddef.h> and <stdint.h>, so a binding
 * (Python ctypes, another FFI) needs nothing but these headers.
 */
#ifndef MXTLS_COMMON_H
#define MXTLS_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(MXTLS_BUILDING) && defined(__GNUC__)
#define MXTLS_EXPORT __attribute__((visibility("default")))
#else
#define MXTLS_EXPORT
#endif

#if defined(__GNUC__)
#define MXTLS_DEPRECATED_FOR(f) __attribute__((deprecated("use " #f)))
#else
#define MXTLS_DEPRECATED_FOR(f)
#endif

/* ------------------------------------------------------------------------
 * Status codes
 *
 * A status says whether a call could run, never what a check found: a stage
 * that ran returns MXTLS_OK and puts NXDOMAIN, "STARTTLS refused" or "certificate
 * expired" in its result. Values are explicit and append-only; a retired
 * value is never reused. There is deliberately no "count" constant.
 *
 * X(name, value, text): the one table behind the enum, mxtls_strerror() and
 * mxtls_status_name().
 * ------------------------------------------------------------------------ */
#define MXTLS_STATUS_MAP(X)                                                    \
    X(OK, 0, "success")                                                        \
    X(EINVAL, 1, "invalid argument")                                           \
    X(ENOMEM, 2, "out of memory")                                              \
    X(ENOENT, 3, "file not found")                                             \
    X(EACCES, 4, "file not readable")                                          \
    X(EFORMAT, 5, "file or data is malformed")                                 \
    X(ERANGE, 6, "value out of range")                                         \
    X(EPOLICY, 7, "refused by the context's address policy")                  \
    X(ESTATE, 8, "call not valid in the object's current state")              \
    X(ERESOLVER, 9, "the DNS resolver could not be set up")                   \
    X(ETLS, 10, "the TLS library could not be set up")                        \
    X(EIO, 11, "local I/O error (not a finding about the peer)")              \
    X(EINTERNAL, 12, "internal error")

typedef enum mxtls_status {
#define MXTLS__STATUS_ENUM(name, value, text) MXTLS_##name = value,
    MXTLS_STATUS_MAP(MXTLS__STATUS_ENUM)
#undef MXTLS__STATUS_ENUM
    MXTLS__STATUS_FORCE_INT32 = 0x7fffffff /* keeps the enum 32-bit; not a status */
} mxtls_status;

/** Static English text for a status; "unknown status" for an unknown value.
 *  Never NULL. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_strerror(int status);

/** The status's name, e.g. "MXTLS_EINVAL"; "MXTLS_UNKNOWN" for an unknown value.
 *  Never NULL. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_status_name(int status);

/* ------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------ */

/** The run-time library version as (major << 16) | (minor << 8) | patch,
 *  comparable with MXTLS_VERSION_NUMBER. Thread-safe. Since 0.1. */
MXTLS_EXPORT uint32_t mxtls_version(void);

/** The run-time library version as "MAJOR.MINOR.PATCH". Static; never NULL.
 *  Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_version_string(void);

/* ------------------------------------------------------------------------
 * Context
 *
 * An opaque object holding the options (and, later, the resolver and trust
 * store) that many checks share. One thread at a time may use a context;
 * separate contexts may be used in parallel threads. Setters copy what they
 * are given. A setter that fails leaves the previous value in place and
 * records why in mxtls_ctx_error_detail().
 *
 * While an engine is attached to the context (from mxtls_engine_new() until
 * mxtls_engine_free(), engine.h), every setter below (mxtls_ctx_set_*,
 * mxtls_ctx_use_*, mxtls_ctx_add_*) returns MXTLS_ESTATE and changes
 * nothing: the engine's checks in flight share the resolver and CA store
 * built from these options. Getters keep working. Since 0.1.
 * ------------------------------------------------------------------------ */
typedef struct mxtls_ctx mxtls_ctx;

/* Stages, for per-stage options such as timeouts. Values never change. */
#define MXTLS_STAGE_ALL 0      /* setter only: every stage at once */
#define MXTLS_STAGE_RESOLVE 1  /* DNS lookups of one resolve call */
#define MXTLS_STAGE_CONNECT 2  /* TCP connect, banner and EHLO */
#define MXTLS_STAGE_STARTTLS 3 /* STARTTLS, TLS handshake, EHLO after TLS */
#define MXTLS_STAGE_VERIFY 4   /* certificate checks and the MTA-STS fetch */
#define MXTLS_STAGE_CHECK 5    /* the whole of one mxtls_check() (and of each
                                  engine check): no wait outlasts it, and
                                  what it cut short is reported as
                                  check.deadline. Default 120 s; not set by
                                  MXTLS_STAGE_ALL. Since 0.1. */

/* Resolver modes (mxtls_ctx_get_resolver_mode).
 * SYSTEM and FORWARDER send names under the special-use zones that a site
 * may serve itself to the configured resolver too: test. (RFC 6761),
 * home.arpa. (RFC 8375) and the RFC 6303 reverse zones of private,
 * shared, link-local, documentation and unique-local addresses, which
 * libunbound would otherwise answer NXDOMAIN without asking. No chain of
 * trust from the root can reach a name in those zones, so there they are
 * also domain-insecure: an internal test. or home.arpa. name the resolver
 * serves resolves as DNSSEC insecure instead of bogus, unless a trust
 * anchor at or below it (mxtls_ctx_add_trust_anchor()) validates it.
 * Names whose answers the standards fix are answered without a query in
 * every mode: localhost. (loopback) and its reverse zones, invalid.
 * (NXDOMAIN) and onion. (NXDOMAIN: never sent to DNS, RFC 7686). RECURSIVE
 * keeps all of libunbound's local zones: a test. or home.arpa. name is
 * NXDOMAIN without a query. Since 0.1. */
#define MXTLS_RESOLVER_SYSTEM 1    /* forward to the servers in resolv.conf */
#define MXTLS_RESOLVER_FORWARDER 2 /* forward to one given server */
#define MXTLS_RESOLVER_RECURSIVE 3 /* full recursion from the root hints */

/* DNS transports (mxtls_ctx_set_dns_transport). Values never change.
 * Since 0.1. */
#define MXTLS_DNS_TRANSPORT_UDP 0 /* default: UDP, TCP when an answer is
                                     truncated, as a sending MTA asks */
#define MXTLS_DNS_TRANSPORT_TCP 1 /* every query over TCP, connections kept
                                     open and shared by queries */

/* Address policies (mxtls_ctx_set_address_policy). */
#define MXTLS_ADDR_ALLOW_ALL 0   /* default: any address may be connected to */
#define MXTLS_ADDR_PUBLIC_ONLY 1 /* refuse loopback, private, link-local,
                                    multicast and reserved addresses */

/** Create a context with the defaults a careful sending MTA uses: the system
 *  resolver (/etc/resolv.conf) with DNSSEC validation against the root key in
 *  /usr/share/dns/root.key, the system CA store, HELO name "localhost",
 *  per-stage timeouts of 30 s (resolve 10 s) and 120 s for a whole check
 *  (MXTLS_STAGE_CHECK), built-in proxy ranges, every
 *  address allowed. On success *out owns a context to free with
 *  mxtls_ctx_free(). Returns MXTLS_EINVAL if out is NULL, MXTLS_ENOMEM.
 *  Thread-safe (creates independent objects). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_new(mxtls_ctx **out);

/** Free a context and everything it owns. NULL is a no-op. Results made with
 *  the context stay valid: they own their data. Uses ctx from one thread at a
 *  time: no other call on it may be running. Since 0.1. */
MXTLS_EXPORT void mxtls_ctx_free(mxtls_ctx *ctx);

/** Why the last failed setter on ctx failed ("" if none did). Owned by ctx,
 *  valid until the next call on ctx. Never NULL (NULL ctx gives ""). Uses ctx
 *  from one thread at a time: read it in the thread whose call failed.
 *  Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_error_detail(const mxtls_ctx *ctx);

/** Set the timeout of one stage, or of every stage with MXTLS_STAGE_ALL, in
 *  milliseconds (1 .. 600000). Each wait within a stage shares one deadline.
 *  MXTLS_STAGE_CHECK bounds a whole check instead (MXTLS_STAGE_ALL leaves it
 *  alone).
 *  MXTLS_EINVAL for an unknown stage, MXTLS_ERANGE for a value out of range.
 *  Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_timeout_ms(mxtls_ctx *ctx, int32_t stage,
                                                  uint32_t ms);
/** The timeout of a stage in ms, or 0 for a NULL ctx or unknown stage. Uses ctx
 *  from one thread at a time. Since 0.1. */
MXTLS_EXPORT uint32_t mxtls_ctx_get_timeout_ms(const mxtls_ctx *ctx, int32_t stage);

/** The name sent in EHLO/HELO: a host name (LDH labels, at most 253 octets) or
 *  an address literal such as "[192.0.2.1]". Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_helo_name(mxtls_ctx *ctx, const char *name);
/** The EHLO name. Owned by ctx; valid until it changes. Uses ctx from one thread
 *  at a time. Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_helo_name(const mxtls_ctx *ctx);

/** Trust only the CA certificates in this PEM file; NULL restores the system
 *  store. MXTLS_ENOENT / MXTLS_EACCES when the file cannot be read. The file
 *  is read when a verification runs. A file that holds no certificate (empty,
 *  or no PEM certificate in it) is accepted: like a missing system bundle it
 *  makes an empty CA store, which the verify stage reports with
 *  MXTLS_VERIFY_EMPTY_TRUST_STORE and a check as the one finding
 *  env.ca-store-empty about the checker, not as untrusted servers. Uses ctx
 *  from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_ca_file(mxtls_ctx *ctx, const char *path);
/** The CA file, or NULL for the system store. Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_ca_file(const mxtls_ctx *ctx);
/** Trust the CA certificates in this directory (PEM files), in addition to
 *  the CA file if one is set; NULL clears it. MXTLS_ENOENT if it is not a
 *  readable directory. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_ca_dir(mxtls_ctx *ctx, const char *path);
/** The CA directory, or NULL. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_ca_dir(const mxtls_ctx *ctx);

/** Use this root-hints file (the root servers' names and addresses in
 *  zone-file format, as /usr/share/dns/root.hints) instead of libunbound's
 *  built-in copy: for recursion from the root (mxtls_ctx_use_recursion()),
 *  and for the probe that tells whether the root servers answer from here
 *  (mxtls_resolve_result.recursion; that probe reads
 *  /usr/share/dns/root.hints when none is set). For a private root, or a
 *  test's. NULL restores the default. MXTLS_ENOENT / MXTLS_EACCES for a file
 *  that cannot be read. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_root_hints_file(mxtls_ctx *ctx, const char *path);
/** The root-hints file set, or NULL. Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_root_hints_file(const mxtls_ctx *ctx);

/** Use this file of DNSSEC trust anchors (DS or DNSKEY records in zone-file
 *  format, as /usr/share/dns/root.key) instead of the root key. NULL restores
 *  the default. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_trust_anchor_file(mxtls_ctx *ctx,
                                                         const char *path);
/** The trust-anchor file in use. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_trust_anchor_file(const mxtls_ctx *ctx);
/** Add one trust anchor given as a DS or DNSKEY record in presentation format,
 *  e.g. "example.test. DS 12345 13 2 ABCD...", beside the anchor file. At most
 *  mxtls_limit(MXTLS_LIMIT_TRUST_ANCHORS). Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_add_trust_anchor(mxtls_ctx *ctx, const char *rr);

/** Resolve through the servers listed in a resolv.conf file: path, or NULL for
 *  /etc/resolv.conf. This is the default mode. Uses ctx from one thread at a
 *  time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_use_system_resolver(mxtls_ctx *ctx,
                                                       const char *resolv_conf);
/** Resolve through one forwarder, "ADDR" or "ADDR@PORT" with an IPv4 or IPv6
 *  literal (no brackets), e.g. "127.0.0.53@5353". Under MXTLS_ADDR_PUBLIC_ONLY
 *  a non-public forwarder makes the first resolve fail with MXTLS_EPOLICY
 *  (mxtls_ctx_set_address_policy()). Uses ctx from one thread at a
 *  time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_use_forwarder(mxtls_ctx *ctx, const char *server);
/** Resolve by full recursion from the root hints. Uses ctx from one thread at a
 *  time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_use_recursion(mxtls_ctx *ctx);
/** The resolver mode, one of MXTLS_RESOLVER_*. Uses ctx from one thread at a
 *  time. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_ctx_get_resolver_mode(const mxtls_ctx *ctx);
/** The forwarder, "ADDR@PORT", or NULL when the mode is not a forwarder.
 *  Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_forwarder(const mxtls_ctx *ctx);
/** Send queries for names at or below zone straight to server ("ADDR[@PORT]"),
 *  whatever the mode: for private zones and test labs. Under
 *  MXTLS_ADDR_PUBLIC_ONLY a non-public server makes the first resolve fail
 *  with MXTLS_EPOLICY (mxtls_ctx_set_address_policy()). At most
 *  mxtls_limit(MXTLS_LIMIT_STUB_ZONES). Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_add_stub_zone(mxtls_ctx *ctx, const char *zone,
                                                 const char *server);

/** Replace the built-in proxy ranges (Cloudflare's published ranges) with the
 *  ranges in this file; NULL restores the built-in list. The file is read and
 *  checked now. Format, one range per line: "CIDR PROVIDER", e.g.
 *  "104.16.0.0/13 cloudflare"; '#' starts a comment; blank lines are ignored.
 *  MXTLS_ENOENT, MXTLS_EACCES, or MXTLS_EFORMAT with the line number in
 *  mxtls_ctx_error_detail(). At most mxtls_limit(MXTLS_LIMIT_PROXY_RANGES)
 *  ranges. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_proxy_ranges_file(mxtls_ctx *ctx,
                                                         const char *path);
/** The proxy-ranges file, or NULL for the built-in list. Uses ctx from one thread
 *  at a time. Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_proxy_ranges_file(const mxtls_ctx *ctx);

/** MXTLS_ADDR_ALLOW_ALL (default) or MXTLS_ADDR_PUBLIC_ONLY. A web service
 *  that checks domains typed in by strangers sets PUBLIC_ONLY, so that it
 *  cannot be used to probe its own internal network.
 *  The policy covers DNS as well as connections and the MTA-STS fetch:
 *  under PUBLIC_ONLY the resolver sends no query to a non-public address,
 *  whether a referral, glue or an NS name's address names it (such a zone
 *  answers SERVFAIL, and the lookup's detail names the policy). A resolver
 *  the options name (mxtls_ctx_use_forwarder(), mxtls_ctx_add_stub_zone(),
 *  the resolv.conf of mxtls_ctx_use_system_resolver()) at a non-public
 *  address is not queried either: the first call that resolves returns
 *  MXTLS_EPOLICY with the address in mxtls_ctx_error_detail(), whichever
 *  was set first. So PUBLIC_ONLY with the default system resolver needs a
 *  resolv.conf whose nameservers are public (not 127.0.0.53). Changing the
 *  policy rebuilds the resolver, and its cache, on next use. Uses ctx from
 *  one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_address_policy(mxtls_ctx *ctx, int32_t policy);
/** The address policy. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_ctx_get_address_policy(const mxtls_ctx *ctx);

/** How queries reach the DNS servers: MXTLS_DNS_TRANSPORT_UDP (default)
 *  or MXTLS_DNS_TRANSPORT_TCP. UDP is what a sending MTA's resolver uses: a
 *  fresh socket and port per query, TCP only for a truncated answer. TCP
 *  sends every query, in every resolver mode, over TCP connections that
 *  stay open and carry many queries at once (libunbound's tcp-upstream
 *  with stream reuse), and the probes that examine a resolver that fails
 *  DNSSEC ask over TCP too. It is for batch runs through one local
 *  forwarder: no UDP port per query (a NAT or connection-tracking table
 *  sees a handful of connections, not six flows per check; about 30%
 *  fewer system calls per check, at about the same CPU: bench/farm.py);
 *  and for networks where UDP port 53 is filtered. The servers must
 *  answer over TCP (RFC 7766 makes that mandatory). MXTLS_EINVAL for
 *  another value. Changing it rebuilds the resolver, and its cache, on
 *  next use. Uses ctx from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_dns_transport(mxtls_ctx *ctx, int32_t transport);
/** The DNS transport, MXTLS_DNS_TRANSPORT_*; UDP for a NULL ctx. Uses ctx
 *  from one thread at a time. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_ctx_get_dns_transport(const mxtls_ctx *ctx);

/** The reference hosts: mail hosts whose port 25 is known to be open, by
 *  name. When no MX host of a domain answers on port 25 (every connect
 *  timed out or was refused), mxtls_check() resolves them (through ctx's
 *  resolver, at that moment) and connects to port 25 of the first address
 *  of each that ctx's address policy allows, one after the other, each
 *  within ctx's MXTLS_STAGE_CONNECT timeout, until one answers. If none
 *  does, the block is near this machine: the report has
 *  net.egress-blocked, a finding about the checker's environment. If one
 *  answers, the domain's own findings (net.timeout, net.refused) stand.
 *  The result is kept on ctx and shared by the checks that follow (all
 *  the checks of an engine), until an option it depends on changes.
 *
 *  @p names holds @p n host names (at most
 *  mxtls_limit(MXTLS_LIMIT_REFERENCE_HOSTS), each a valid DNS name of at
 *  most 253 octets; they are copied) and replaces the list; n = 0 (names
 *  may then be NULL) empties it. With no reference host, or none that
 *  resolves to an address the policy allows, egress cannot be confirmed:
 *  mxtls reports the MX hosts' own findings and never net.egress-blocked.
 *  The default list is gmail-smtp-in.l.google.com,
 *  outlook-com.olc.protection.outlook.com and mta5.am0.yahoodns.net.
 *  MXTLS_EINVAL (a NULL list with n > 0, a NULL, empty or invalid name),
 *  MXTLS_ERANGE (too many), MXTLS_ESTATE (an engine is attached), with the
 *  reason in mxtls_ctx_error_detail(); the list is then unchanged. Uses ctx
 *  from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_ctx_set_reference_hosts(mxtls_ctx *ctx,
                                                       const char *const *names, size_t n);
/** How many reference hosts ctx has (0 for NULL). Uses ctx from one thread
 *  at a time. Since 0.1. */
MXTLS_EXPORT size_t mxtls_ctx_get_reference_host_count(const mxtls_ctx *ctx);
/** Reference host number i (from 0), or NULL past the end. Owned by ctx;
 *  valid until the list changes. Uses ctx from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT const char *mxtls_ctx_get_reference_host(const mxtls_ctx *ctx, size_t i);

/* ------------------------------------------------------------------------
 * Limits, exported as a function because a binding cannot see macros.
 * ------------------------------------------------------------------------ */
#define MXTLS_LIMIT_NAME_LENGTH 1    /* octets in a domain name: 253 */
#define MXTLS_LIMIT_PATH_LENGTH 2    /* octets in a file path option: 4095 */
#define MXTLS_LIMIT_TRUST_ANCHORS 3  /* extra trust anchors per context: 64 */
#define MXTLS_LIMIT_STUB_ZONES 4     /* stub zones per context: 64 */
#define MXTLS_LIMIT_PROXY_RANGES 5   /* ranges in a proxy-ranges file: 65536 */
/* The resolve stage's caps on what it keeps from an answer (resolve.h). */
#define MXTLS_LIMIT_MX_HOSTS 6       /* MX hosts kept per domain: 16 */
#define MXTLS_LIMIT_ADDRESSES 7      /* addresses kept per host and family: 16 */
#define MXTLS_LIMIT_TLSA 8           /* TLSA records kept per host: 16 */
#define MXTLS_LIMIT_TLSA_DATA 9      /* octets of one TLSA record's data: 4096 */
#define MXTLS_LIMIT_TXT_RECORDS 10   /* TXT records kept per name: 8 */
#define MXTLS_LIMIT_TXT_BYTES 11     /* octets of one TXT record's text: 4096 */
#define MXTLS_LIMIT_RUA 12           /* TLS-RPT report URIs kept: 8 */
#define MXTLS_LIMIT_REFERENCE_HOSTS 13 /* reference hosts per context: 8 */

/** The value of limit `which` (MXTLS_LIMIT_*), or 0 for an unknown one.
 *  Thread-safe. Since 0.1. */
MXTLS_EXPORT uint32_t mxtls_limit(int32_t which);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_COMMON_H */
