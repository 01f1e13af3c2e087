/* mxtls — the resolve stage: MX hosts, their addresses and TLSA records, and
 * the _mta-sts and _smtp._tls TXT records, each with its DNSSEC state.
 *
 * The stage asks what a sending MTA asks, through libunbound with DNSSEC
 * validation, all queries in parallel. What DNS said (NXDOMAIN, SERVFAIL,
 * bogus signatures, a null MX, an MX that is a CNAME ...) is a finding and
 * lives in the result; the call returns MXTLS_OK whenever it could run.
 */
#ifndef MXTLS_RESOLVE_H
#define MXTLS_RESOLVE_H

#include "address.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome of one DNS lookup (mxtls_dns_lookup.outcome, and the result's).
 * Values never change. */
#define MXTLS_DNS_NOERROR 0   /* the records exist */
#define MXTLS_DNS_NXDOMAIN 1  /* the name does not exist */
#define MXTLS_DNS_NODATA 2    /* the name exists, without records of this type */
#define MXTLS_DNS_SERVFAIL 3  /* the server failed, or DNSSEC validation failed */
#define MXTLS_DNS_TIMEOUT 4   /* no answer before the resolve stage's deadline */
#define MXTLS_DNS_ERROR 5     /* another rcode (REFUSED ...) or a resolver error */
#define MXTLS_DNS_SKIPPED 6   /* not asked: the answer it depended on never came */

/* Flags of one host (mxtls_mx_host.flags). Values never change. */
#define MXTLS_MX_CNAME 0x01       /* the name is an alias; see canonical_name
                                     (an MX target must not be, RFC 2181 10.3) */
#define MXTLS_MX_IP_LITERAL 0x02  /* the name is an IP address written as a
                                     name ("MX 10 192.0.2.1."); not looked up */
#define MXTLS_MX_NON_LDH 0x04     /* a label holds a character other than
                                     letters, digits and '-' (e.g. '_') */
#define MXTLS_MX_CDN_ORIGIN 0x08  /* looks like a CDN origin rewrite,
                                     `_dc-mx.<hex>.` or `dc-<hex>.` */
#define MXTLS_MX_NO_ADDRESS 0x10  /* no A or AAAA record was found */
#define MXTLS_MX_IMPLICIT 0x20    /* the domain itself, used because it has no
                                     MX records (RFC 5321 5.1 implicit MX) */
#define MXTLS_MX_LIMITED 0x40     /* a limit cut its addresses or TLSA records */

/* What the resolver showed of itself (mxtls_resolve_result.resolver_health).
 * Beside its first queries on a context, the resolve stage asks for the
 * DNSKEY RRset of the trust anchor's zone (the root's, by default), which
 * every working resolver can answer and which is always signed. Values
 * never change. */
#define MXTLS_RESOLVER_HEALTH_UNKNOWN 0   /* not asked (an IP literal), or no
                                             trust anchor to ask about */
#define MXTLS_RESOLVER_HEALTH_DNSSEC 1    /* it answers, with DNSSEC records that
                                             validate: DNSSEC states are real */
#define MXTLS_RESOLVER_HEALTH_NO_DNSSEC 2 /* it answers, but the anchor's keys did
                                             not validate: it strips or mangles
                                             DNSSEC. What failed validation is
                                             MXTLS_DNSSEC_INDETERMINATE, never
                                             BOGUS, and its data is used as
                                             unsigned */
#define MXTLS_RESOLVER_HEALTH_SILENT 3    /* no answer for the anchor's keys
                                             (timeout, SERVFAIL, REFUSED): the
                                             resolver itself is not working */
#define MXTLS_RESOLVER_HEALTH_DENIES 4    /* it says the anchor's zone (the DNS
                                             root) does not exist: it denies
                                             names that exist (a sandbox's or a
                                             filter's resolver), so its
                                             NXDOMAIN says nothing of a domain.
                                             Failed validation is INDETERMINATE,
                                             as for NO_DNSSEC */

/* Whether recursion from the root works from here (mxtls_resolve_result.
 * recursion): a root server from the root hints asked for ". NS", without
 * recursion, when the resolver is no good for DNSSEC. Values never change. */
#define MXTLS_RECURSION_UNKNOWN 0  /* not asked (a working resolver, or the
                                      context resolves from the root already) */
#define MXTLS_RECURSION_POSSIBLE 1 /* a root server answered: --recursive works */
#define MXTLS_RECURSION_BLOCKED 2  /* none answered: DNS to the root is blocked
                                      (or there is no route) from here */

/* Limits on what one result keeps from hostile or huge answers. Exceeding
 * one is recorded (mxtls_resolve_result.limits_hit, MXTLS_MX_LIMITED,
 * mxtls_dns_lookup.limited), never an error. Also from mxtls_limit(). */
#define MXTLS_RESOLVE_MAX_MX_HOSTS 16     /* MX hosts, best preferences kept */
#define MXTLS_RESOLVE_MAX_ADDRESSES 16    /* addresses per host and family */
#define MXTLS_RESOLVE_MAX_TLSA 16         /* TLSA records per host */
#define MXTLS_RESOLVE_MAX_TLSA_DATA 4096  /* octets of one TLSA's data */
#define MXTLS_RESOLVE_MAX_TXT_RECORDS 8   /* TXT records per name */
#define MXTLS_RESOLVE_MAX_TXT_BYTES 4096  /* octets of one TXT record's text */
#define MXTLS_RESOLVE_MAX_RUA 8           /* TLS-RPT rua URIs */

/* Bits of mxtls_resolve_result.limits_hit: 1 << the MXTLS_LIMIT_* id. */

/** The answer to one query: what was asked, what came back. */
typedef struct mxtls_dns_lookup {
    uint32_t struct_size;  /* sizeof as built; check before newer members */
    const char *qname;     /* A-label form, no trailing dot */
    int32_t qtype;         /* 15 MX, 1 A, 28 AAAA, 52 TLSA, 16 TXT */
    int32_t outcome;       /* MXTLS_DNS_* */
    int32_t rcode;         /* the DNS rcode received, -1 if none */
    int32_t dnssec;        /* MXTLS_DNSSEC_*; NONE when nothing was received */
    const char *why_bogus; /* libunbound's reason when BOGUS, else NULL */
    const char *detail;    /* one line of text, e.g. "NXDOMAIN"; never NULL */
    int32_t n_records;     /* records in the answer, before any limit */
    int32_t limited;       /* 1 when a limit cut what is kept from it */
    int64_t elapsed_ms;    /* from the start of the call to the answer */
    /* Members are only ever appended here. */
} mxtls_dns_lookup;

/** One TLSA record (RFC 6698) at _PORT._tcp.HOST. */
typedef struct mxtls_tlsa {
    uint32_t struct_size;
    uint8_t usage;          /* 2 DANE-TA, 3 DANE-EE apply to SMTP (RFC 7672) */
    uint8_t selector;       /* 0 certificate, 1 SubjectPublicKeyInfo */
    uint8_t matching_type;  /* 0 full, 1 SHA-256, 2 SHA-512 */
    size_t data_len;
    const uint8_t *data;    /* association data */
    const char *data_hex;   /* the same in lower-case hex */
    int32_t dnssec;         /* MXTLS_DNSSEC_* of the TLSA RRset */
    /* Members are only ever appended here. */
} mxtls_tlsa;

/** One MX host (or the single host of mxtls_resolve_host). */
typedef struct mxtls_mx_host {
    uint32_t struct_size;
    const char *name;           /* lower case, A-labels, no trailing dot */
    int32_t preference;         /* MX preference 0..65535; -1 when not from
                                   an MX record (implicit MX, resolve_host) */
    uint32_t flags;             /* MXTLS_MX_* */
    const char *canonical_name; /* the alias's target when MXTLS_MX_CNAME */
    size_t n_addresses;         /* IPv4 first, then IPv6, in answer order */
    const mxtls_address *const *addresses;
    const mxtls_dns_lookup *a;     /* NULL when not asked (IP literal) */
    const mxtls_dns_lookup *aaaa;
    const char *tlsa_name;      /* "_25._tcp.mx.example.com", NULL if not asked */
    size_t n_tlsa;
    const mxtls_tlsa *const *tlsa;
    const mxtls_dns_lookup *tlsa_lookup;
    /* Members are only ever appended here. */
} mxtls_mx_host;

/** The TXT records at one name, raw: each record's strings joined, with
 *  bytes outside printable ASCII and '\\' written as \DDD. */
typedef struct mxtls_txt_set {
    uint32_t struct_size;
    const mxtls_dns_lookup *lookup;
    size_t n_records;
    const char *const *records;
    /* Members are only ever appended here. */
} mxtls_txt_set;

/** `_mta-sts.<domain>` (RFC 8461 section 3.1). */
typedef struct mxtls_mta_sts_txt {
    uint32_t struct_size;
    const mxtls_txt_set *txt;
    int32_t n_sts_records; /* records starting "v=STSv1"; more than one means
                              the domain has no policy */
    int32_t valid;         /* exactly one such record, well formed */
    const char *version;   /* "STSv1" from the first such record, or NULL */
    const char *id;        /* its id (1-32 letters and digits), or NULL */
    /* Why valid is 0, for people: what broke the record, the offending
     * field quoted (printable ASCII, at most 64 characters of it), or that
     * there is more than one record, or none. NULL when valid, and when no
     * TXT record at the name looks like an STSv1 one. Since 0.1. */
    const char *problem;
    /* Members are only ever appended here. */
} mxtls_mta_sts_txt;

/** `_smtp._tls.<domain>` (RFC 8460 section 3). */
typedef struct mxtls_tlsrpt_txt {
    uint32_t struct_size;
    const mxtls_txt_set *txt;
    int32_t n_tlsrpt_records; /* records starting "v=TLSRPTv1" */
    int32_t valid;            /* exactly one such record, well formed, whose
                                 rua URIs are all mailto: or https: URIs */
    const char *version;      /* "TLSRPTv1" from the first such record, or NULL */
    size_t n_rua;             /* 0 when the record is broken: its text is
                                 never passed on as a report address */
    const char *const *rua;   /* its report URIs, "mailto:..." / "https://..." */
    /* As mxtls_mta_sts_txt.problem, for this record. Since 0.1. */
    const char *problem;
    /* Members are only ever appended here. */
} mxtls_tlsrpt_txt;

/** What the resolve stage found for a domain (or one host). */
typedef struct mxtls_resolve_result {
    uint32_t struct_size;
    const char *query;     /* the name as the caller gave it */
    const char *a_label;   /* normalised: lower case, A-labels, no trailing dot
                              (for an IP literal host: the address text) */
    int32_t port;          /* the port TLSA was asked for: 25, or resolve_host's */
    int32_t outcome;       /* MXTLS_DNS_*: of the MX query for resolve_mx; for
                              resolve_host NOERROR if any address was found,
                              else the worst of the A and AAAA outcomes */
    int32_t dnssec;        /* MXTLS_DNSSEC_* of the MX RRset (resolve_host: the
                              weakest of A and AAAA) */
    const mxtls_dns_lookup *mx;  /* the MX lookup; NULL for resolve_host */
    int32_t null_mx;       /* 1: "MX 0 ." alone, the domain takes no mail */
    int32_t implicit_mx;   /* 1: no MX records, so hosts[0] is the domain */
    size_t n_hosts;        /* in preference order, ties in answer order */
    const mxtls_mx_host *const *hosts;
    const mxtls_mta_sts_txt *mta_sts; /* NULL for resolve_host */
    const mxtls_tlsrpt_txt *tlsrpt;   /* NULL for resolve_host */
    uint32_t limits_hit;   /* bit (1 << MXTLS_LIMIT_x) for each limit exceeded */
    int32_t n_queries;     /* DNS queries sent */
    int64_t elapsed_ms;    /* wall time of the whole call */
    const char *detail;    /* a one-line summary; never NULL */
    int32_t resolver_health; /* MXTLS_RESOLVER_HEALTH_*: what the resolver
                                showed of itself (the trust anchor's DNSKEY
                                asked beside the domain's records) */
    const char *resolver_detail; /* what that answer was, one line; never NULL */
    int32_t resolver_validates; /* when the resolver is no good for DNSSEC
                                   (NO_DNSSEC, DENIES): 1 when it set the AD
                                   bit on the anchor's keys (it validates
                                   itself), 0 when not, -1 not learnt */
    int32_t recursion;        /* MXTLS_RECURSION_*: whether resolving from the
                                 root would work from here (learnt with
                                 resolver_validates) */
    /* Members are only ever appended here. */
} mxtls_resolve_result;

/** Resolve the mail route of domain as a sending MTA would: its MX records
 *  (or, with none, the implicit MX), then in parallel each host's A, AAAA
 *  and TLSA (_25._tcp.HOST) records, and the domain's _mta-sts and
 *  _smtp._tls TXT records. domain is UTF-8; a trailing dot, upper case and
 *  Unicode (IDNA2008 / UTS#46) are normalised.
 *
 *  Returns MXTLS_OK when the lookups ran, whatever DNS answered, with *out
 *  owning a result to free with mxtls_resolve_result_free(). MXTLS_EINVAL,
 *  with *out NULL, no query sent and the reason in mxtls_ctx_error_detail(),
 *  for NULL arguments or a domain that is empty, over 253 octets, has a label
 *  over 63, an empty label, a character outside letters, digits, '-' and '_',
 *  or is an IP address. MXTLS_ERESOLVER when libunbound cannot be set up
 *  from ctx's options (detail says why). MXTLS_EPOLICY, with no query sent,
 *  when ctx is MXTLS_ADDR_PUBLIC_ONLY and a resolver its options name (the
 *  forwarder, a stub-zone server, a resolv.conf nameserver) is not public;
 *  the detail names it. MXTLS_ESTATE while an engine is attached to ctx
 *  (engine.h); the same for every mxtls_resolve_*() call below that sends
 *  queries. MXTLS_ENOMEM.
 *
 *  Blocks for at most the context's resolve timeout
 *  (mxtls_ctx_set_timeout_ms(ctx, MXTLS_STAGE_RESOLVE, ms)); lookups still
 *  unanswered then are MXTLS_DNS_TIMEOUT. Uses ctx from one thread at a time;
 *  separate contexts run in parallel.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_resolve_mx(mxtls_ctx *ctx, const char *domain,
                                          mxtls_resolve_result **out);

/** Resolve one SMTP host, such as a submission server: its A, AAAA and
 *  TLSA (_PORT._tcp.HOST) records, in parallel. host is a name (normalised
 *  as in mxtls_resolve_mx) or an IP literal ("192.0.2.1", "[IPv6:...]"),
 *  which is used as is with MXTLS_MX_IP_LITERAL and no query. port is
 *  1..65535. The result has one host and no MX or TXT parts. Returns, blocks
 *  and is thread-safe as mxtls_resolve_mx; MXTLS_EINVAL also for port 0.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_resolve_host(mxtls_ctx *ctx, const char *host,
                                            uint16_t port, mxtls_resolve_result **out);

/** Free a result and everything it points to. NULL is a no-op. Thread-safe once
 *  no other thread uses it. Since 0.1. */
MXTLS_EXPORT void mxtls_resolve_result_free(mxtls_resolve_result *res);

/** The name of a DNS outcome ("NOERROR", "NXDOMAIN", "NODATA", "SERVFAIL",
 *  "TIMEOUT", "ERROR", "SKIPPED"), or "UNKNOWN". Static. Thread-safe.
 *  Since 0.1. */
MXTLS_EXPORT const char *mxtls_dns_outcome_name(int32_t outcome);

/** sizeof of the resolve structs as this library was built, for bindings:
 *  which is 0 result, 1 host, 2 TLSA, 3 lookup, 4 TXT set, 5 MTA-STS,
 *  6 TLS-RPT; 0 for an unknown value. Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_resolve_struct_size(int32_t which);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_RESOLVE_H */
