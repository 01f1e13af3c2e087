/* mxtls verify stage: PKIX chain and name checks, DANE for SMTP (RFC 7672),
 * MTA-STS (RFC 8461).
 *
 * Three calls:
 *   - mxtls_verify_der(): a bare DER chain and the name the sender uses.
 *   - mxtls_verify_run(): the same with an input object that also carries
 *     TLSA records (with their DNSSEC state), known intermediates and an
 *     MTA-STS policy result.
 *   - mxtls_mtasts_check(): fetch and parse a domain's MTA-STS policy and
 *     match the MX hosts against it.
 * Each returns MXTLS_OK when the check ran, whatever it found: what it found
 * is in the result. Results are library-allocated and read-only to callers.
 *
 * For every call below unless it says otherwise: MXTLS_EINVAL for a NULL or
 * malformed argument, MXTLS_ENOMEM when memory runs out, MXTLS_ERANGE past a
 * limit. The mxtls_verify_input_* setters copy what they are given, do no
 * I/O and never block; an input, like a context, is used by one thread at a
 * time. A result may be read from any thread until it is freed.
 */
#ifndef MXTLS_VERIFY_H
#define MXTLS_VERIFY_H

#include "common.h"
#include "address.h"
#include "resolve.h"
#include "starttls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Verdict bits in mxtls_verify_result.flags (and, for the per-certificate
 * ones, mxtls_cert_info.flags). Values never change. */
/* The chain as sent builds to a trusted root, signatures and dates valid.
 * Says nothing about the name: see NAME_MISMATCH. */
#define MXTLS_VERIFY_TRUSTED 0x00000001u
/* The leaf is signed by its own key (set even if it is in the trust store). */
#define MXTLS_VERIFY_SELF_SIGNED 0x00000002u
/* The chain does not lead to a trusted root (not set for a self-signed leaf). */
#define MXTLS_VERIFY_UNKNOWN_ISSUER 0x00000004u
/* ...because the server left out an intermediate: known intermediates
 * complete the chain to a trusted root, or the last certificate sent names
 * its issuer's URL (AIA caIssuers), which senders do not fetch. */
#define MXTLS_VERIFY_CHAIN_INCOMPLETE 0x00000008u
/* ...because the chain ends in a self-signed CA that is not trusted. */
#define MXTLS_VERIFY_UNTRUSTED_ROOT 0x00000010u
/* The leaf does not name the reference name (RFC 6125 rules, no CN fallback). */
#define MXTLS_VERIFY_NAME_MISMATCH 0x00000020u
/* A certificate sent is past its notAfter / before its notBefore. */
#define MXTLS_VERIFY_EXPIRED 0x00000040u
#define MXTLS_VERIFY_NOT_YET_VALID 0x00000080u
/* RSA/DSA key under 2048 bits, or under GnuTLS's "medium" security level. */
#define MXTLS_VERIFY_WEAK_KEY 0x00000100u
/* A certificate sent (other than a self-signed one) is signed with SHA-1,
 * MD5 or MD2. */
#define MXTLS_VERIFY_WEAK_SIGNATURE 0x00000200u
/* A certificate that signed another is not a CA. */
#define MXTLS_VERIFY_NOT_A_CA 0x00000400u
/* A certificate carries a critical extension GnuTLS does not know. */
#define MXTLS_VERIFY_UNSUPPORTED_CRITICAL_EXT 0x00000800u
/* A signature in the chain does not verify. */
#define MXTLS_VERIFY_BAD_SIGNATURE 0x00001000u
/* No certificate was given. */
#define MXTLS_VERIFY_NO_CERTIFICATE 0x00002000u
/* A certificate could not be decoded (no verdict beyond this one). */
#define MXTLS_VERIFY_MALFORMED 0x00004000u
/* Any other PKIX failure GnuTLS reports (see gnutls_status). */
#define MXTLS_VERIFY_OTHER_FAILURE 0x00008000u
/* The checker's own CA store holds no certificate: the system bundle is
 * missing (a slim container without ca-certificates) or the CA file of
 * mxtls_ctx_set_ca_file() is empty, has no PEM certificate or can no longer
 * be read. Nothing could be trusted, so trust was not judged: TRUSTED,
 * UNKNOWN_ISSUER, CHAIN_INCOMPLETE, UNTRUSTED_ROOT, NOT_A_CA and
 * BAD_SIGNATURE stay clear. What the certificates show by themselves still
 * is: SELF_SIGNED, the dates (EXPIRED, NOT_YET_VALID), WEAK_KEY,
 * WEAK_SIGNATURE, NAME_MISMATCH, and DANE. Since 0.1. */
#define MXTLS_VERIFY_EMPTY_TRUST_STORE 0x00010000u

/* DANE outcome (mxtls_verify_result.dane). Values never change. The TLSA
 * RRset's DNSSEC state is given with the MXTLS_DNSSEC_* values of address.h. */
#define MXTLS_DANE_NO_TLSA 0       /* no TLSA records given */
#define MXTLS_DANE_INSECURE 1      /* TLSA not DNSSEC-secure: ignored (RFC 7672 2.2) */
#define MXTLS_DANE_BOGUS 2         /* DNSSEC bogus: defer delivery, never downgrade */
#define MXTLS_DANE_MATCHED 3       /* a usable record matched; see dane_usage */
#define MXTLS_DANE_MISMATCH 4      /* usable records, none matched */
#define MXTLS_DANE_UNUSABLE 5      /* only usage 0/1 or unknown selector/type */
#define MXTLS_DANE_NAME_MISMATCH 6 /* a DANE-TA record matched, the name did not */
#define MXTLS_DANE_LOOKUP_FAILED 7 /* secure host, TLSA lookup failed: defer (RFC 7672 2.2) */
#define MXTLS_DANE_NOT_CHECKED 8   /* DNSSEC state indeterminate (the checker's
                                      resolver strips DNSSEC): not judged */
#define MXTLS_DANE_TA_NOT_SENT 9   /* usable records, none matched, a DANE-TA
                                      one among them, and the chain sent stops
                                      short of a root: the anchor the record
                                      names is not sent (RFC 7672 3.1.2). Since 0.1. */

/* MTA-STS outcome (mxtls_mtasts_result.outcome, mxtls_verify_result.mtasts). */
#define MXTLS_MTASTS_NOT_CHECKED 0    /* verify only: no policy was given */
#define MXTLS_MTASTS_NO_POLICY 1      /* no v=STSv1 TXT record */
#define MXTLS_MTASTS_TXT_MULTIPLE 2   /* more than one: no policy (RFC 8461 3.1) */
#define MXTLS_MTASTS_TXT_INVALID 3    /* a v=STSv1 record that does not parse */
#define MXTLS_MTASTS_FETCH_FAILED 4   /* see fetch_error and detail */
#define MXTLS_MTASTS_WEBPKI_INVALID 5 /* the policy host's certificate failed */
#define MXTLS_MTASTS_INVALID_POLICY 6 /* see invalid_line, invalid_text */
#define MXTLS_MTASTS_POLICY 7         /* a valid policy: see mode */

/* MTA-STS policy mode. */
#define MXTLS_MTASTS_MODE_UNKNOWN 0
#define MXTLS_MTASTS_MODE_NONE 1
#define MXTLS_MTASTS_MODE_TESTING 2
#define MXTLS_MTASTS_MODE_ENFORCE 3

/* Why a policy fetch failed (mxtls_mtasts_result.fetch_error). */
#define MXTLS_MTASTS_FETCH_OK 0
#define MXTLS_MTASTS_FETCH_NO_ADDRESS 1      /* no address literal for mta-sts.<domain> */
#define MXTLS_MTASTS_FETCH_ADDRESS_REFUSED 2 /* the ctx's address policy said no */
#define MXTLS_MTASTS_FETCH_CONNECT 3         /* refused / unreachable */
#define MXTLS_MTASTS_FETCH_TIMEOUT 4         /* the VERIFY deadline passed */
#define MXTLS_MTASTS_FETCH_TLS 5             /* handshake failed (not a cert verdict) */
#define MXTLS_MTASTS_FETCH_REDIRECT 6        /* a 3xx: RFC 8461 forbids following it */
#define MXTLS_MTASTS_FETCH_HTTP_STATUS 7     /* not 200 */
#define MXTLS_MTASTS_FETCH_CONTENT_TYPE 8    /* not text/plain */
#define MXTLS_MTASTS_FETCH_TOO_LARGE 9       /* body of 64 KiB or more */
#define MXTLS_MTASTS_FETCH_OTHER 10          /* any other libcurl error: curl_error */

/* Facts about one certificate, as sent (index 0 is the leaf). */
typedef struct mxtls_cert_info {
    uint32_t struct_size;
    const char *subject;            /* RFC 4514 DN, never NULL */
    const char *issuer;             /* RFC 4514 DN, never NULL */
    size_t n_dns_names;
    const char *const *dns_names;   /* SAN dNSName, as written (printable ASCII) */
    size_t n_ip_addresses;
    const char *const *ip_addresses;/* SAN iPAddress as text */
    int64_t not_before_ms;          /* Unix time, milliseconds */
    int64_t not_after_ms;
    const char *key_algorithm;      /* GnuTLS name: "RSA", "EC/ECDSA", ... */
    int32_t key_bits;
    const char *signature_algorithm;/* GnuTLS name: "ECDSA-SHA256", "RSA-SHA1" */
    uint8_t sha256[32];             /* of the DER certificate */
    uint8_t spki_sha256[32];        /* of the DER SubjectPublicKeyInfo */
    uint8_t is_ca;                  /* basicConstraints CA:TRUE */
    uint8_t self_signed;            /* issuer == subject and own key verifies it */
    uint8_t reserved[2];
    uint32_t flags;                 /* per-certificate EXPIRED, NOT_YET_VALID,
                                       WEAK_KEY, WEAK_SIGNATURE bits */
    size_t der_len;
    const uint8_t *der;             /* the certificate, owned by the result */
} mxtls_cert_info;

/* What mxtls_verify_run()/mxtls_verify_der() found. */
typedef struct mxtls_verify_result {
    uint32_t struct_size;
    uint32_t flags;                 /* MXTLS_VERIFY_* bits */
    uint32_t gnutls_status;         /* raw gnutls_certificate_status_t (PKIX) */
    int32_t gnutls_error;           /* a GnuTLS call that failed, or 0 */
    const char *reference_name;     /* as given (may be NULL) */
    const char *matched_name;       /* the SAN entry that matched, or NULL */
    size_t n_names;
    const char *const *names;       /* names the leaf would match: dNSNames then IPs */
    int64_t now_ms;                 /* the time the dates were checked against */
    int32_t time_invalid_cert;      /* index of the first expired/not-yet-valid
                                       certificate, -1 if none */
    int32_t reserved0;
    const char *missing_issuer;     /* DN of the issuer not found, or NULL */
    size_t n_certs;
    const mxtls_cert_info *const *certs; /* as sent, index 0 the leaf */
    /* DANE (RFC 7672) */
    int32_t dane;                   /* MXTLS_DANE_* */
    int32_t dane_record;            /* index of the TLSA record that matched, or -1 */
    int32_t dane_usage;             /* 2 DANE-TA or 3 DANE-EE when matched, else -1 */
    int32_t dane_cert;              /* index of the certificate it matched, or -1
                                       (also when a DANE-TA record holding its
                                       anchor whole completed the chain) */
    uint32_t dane_gnutls_status;    /* DANE-TA: GnuTLS status of the chain to the TA */
    /* MTA-STS (RFC 8461), when a policy result was given */
    int32_t mtasts;                 /* MXTLS_MTASTS_* outcome of the policy */
    int32_t mtasts_mode;            /* MXTLS_MTASTS_MODE_* */
    int32_t mtasts_mx_matched;      /* 1 reference name matches an mx pattern,
                                       0 not, -1 no usable policy */
    const char *detail;             /* one line for people, never NULL */
    /* DANE rollover readiness: of the usable (DNSSEC-secure, usage 2/3) records,
     * how many match the chain sent. All of them matching means no record
     * stands ready for the next key (publish it before rotating). */
    int32_t dane_usable_records;
    int32_t dane_matching_records;
} mxtls_verify_result;

/* What mxtls_mtasts_check() found. */
typedef struct mxtls_mtasts_result {
    uint32_t struct_size;
    int32_t outcome;                /* MXTLS_MTASTS_* outcome */
    int32_t mode;                   /* MXTLS_MTASTS_MODE_* of a valid policy */
    int32_t fetch_error;            /* MXTLS_MTASTS_FETCH_* */
    const char *domain;
    const char *policy_url;         /* https://mta-sts.<domain>/.well-known/mta-sts.txt */
    const char *txt_id;             /* id= of the TXT record, or NULL */
    int64_t max_age_s;              /* -1 unless a valid policy */
    size_t n_mx_patterns;
    const char *const *mx_patterns;
    size_t n_unmatched;
    const char *const *unmatched_mx;/* given MX hosts no pattern covers */
    int32_t http_status;            /* 0 if no response */
    int32_t curl_error;             /* CURLcode, 0 if none */
    int64_t ssl_verify_result;      /* libcurl's CURLINFO_SSL_VERIFYRESULT */
    int32_t invalid_line;           /* 1-based; 0 when not about one line */
    int32_t reserved0;
    const char *invalid_text;       /* that line (printable, truncated), or NULL */
    const char *content_type;       /* as served, or NULL */
    int64_t elapsed_ms;             /* time the fetch took */
    const char *detail;             /* one line for people, never NULL */
} mxtls_mtasts_result;

/* Builder for mxtls_verify_run(): opaque, filled with setters, so no input
 * struct layout becomes ABI. Owns copies of everything given to it. */
typedef struct mxtls_verify_input mxtls_verify_input;

/** Create an empty input. *out is freed with mxtls_verify_input_free().
 * Non-blocking; thread-safe (touches no shared state). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_new(mxtls_verify_input **out);

/** Free an input; NULL is a no-op. Thread-safe once no other thread uses it.
 * Since 0.1. */
MXTLS_EXPORT void mxtls_verify_input_free(mxtls_verify_input *in);

/** Append one DER certificate of the chain, in the order the server sent it
 * (leaf first). The bytes are copied. MXTLS_EINVAL for an empty one or one
 * over 100 KiB (the most a sender built on OpenSSL takes for the whole
 * list); MXTLS_ERANGE past mxtls_verify_max_certs(). Non-blocking; uses in
 * from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_add_cert(mxtls_verify_input *in,
                                                      const uint8_t *der, size_t len);

/** Set the reference name: the MX host for delivery, or the host a user typed
 * for submission. ASCII (A-labels for IDN), one trailing dot allowed; an IPv4
 * or IPv6 literal is matched against iPAddress SANs. Copied. Uses in from one
 * thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_set_reference_name(mxtls_verify_input *in,
                                                                const char *name);

/** Add a known intermediate (DER), used only to tell "chain incomplete" apart
 * from "unknown issuer" (for example one another MX host sent). It never
 * makes a chain trusted. Copied; at most mxtls_verify_max_certs() distinct ones
 * (MXTLS_ERANGE past that). One already added is not added again, and
 * MXTLS_OK is returned. Uses in from one thread at a time.
 * Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_add_intermediate(mxtls_verify_input *in,
                                                              const uint8_t *der, size_t len);

/** Say how the TLSA RRset was validated: MXTLS_DNSSEC_SECURE, _INSECURE,
 * _BOGUS, _INDETERMINATE (the resolver strips DNSSEC: the outcome is
 * MXTLS_DANE_NOT_CHECKED), or _NONE (the default: not from a validating
 * resolver, treated as insecure). Only a SECURE RRset is ever matched. Uses in from one thread at a
 * time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_set_tlsa_dnssec(mxtls_verify_input *in,
                                                             int32_t dnssec);

/** Add one TLSA record (usage, selector, matching type, association data).
 * Copied; at most mxtls_verify_max_tlsa() records of up to 65535 bytes. Uses in
 * from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_add_tlsa(mxtls_verify_input *in, uint8_t usage,
                                                      uint8_t selector, uint8_t mtype,
                                                      const uint8_t *data, size_t len);

/** Take DANE inputs from one host of a resolve result (mxtls_resolve_mx() or
 * mxtls_resolve_host()): its TLSA records, replacing any added before, and
 * their state. DANE applies only when the host's A or AAAA answer and its
 * TLSA answer are DNSSEC-secure (RFC 7672 2.2); a bogus answer gives
 * MXTLS_DANE_BOGUS and a failed TLSA lookup for a secure host
 * MXTLS_DANE_LOOKUP_FAILED (both: defer, never downgrade). Sets the reference
 * name to host->name unless one is set. Copies what it needs; host may be
 * freed afterwards. Uses in from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_set_mx_host(mxtls_verify_input *in,
                                                         const mxtls_mx_host *host);

/** Give the domain's MTA-STS result, so the reference name is matched against
 * its mx patterns. The patterns are copied; sts may be freed afterwards.
 * Uses in from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_input_set_mtasts(mxtls_verify_input *in,
                                                        const mxtls_mtasts_result *sts);

/** Verify the input's chain against the ctx's trust store (CA file/dir, or the
 * system store), match its name, DANE and MTA-STS. *out is set on MXTLS_OK and
 * freed with mxtls_verify_result_free(). Blocks only on CPU and on reading the
 * CA file/dir (no network). ctx remembers the trust-store outcome of a chain
 * for up to a minute, never past a sent certificate's notBefore/notAfter,
 * and forgets it when the CA options or files change, so the same chain is
 * not checked again by the next probe or check. Uses ctx from one thread at
 * a time; separate contexts run in parallel. in is only read: threads may
 * share one input. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_run(mxtls_ctx *ctx, const mxtls_verify_input *in,
                                           mxtls_verify_result **out);

/** Shortcut: verify n DER certificates (der[i] of der_len[i] bytes, leaf
 * first) for reference_name (may be NULL: no name check). As
 * mxtls_verify_run() otherwise. Uses ctx from one thread at a time; separate
 * contexts run in parallel. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify_der(mxtls_ctx *ctx, const uint8_t *const *der,
                                           const size_t *der_len, size_t n,
                                           const char *reference_name,
                                           mxtls_verify_result **out);

/** The stage's main entry: verify what a handshake received (tls, from
 * mxtls_starttls()) for reference_name, the name the sender uses (the MX
 * host for delivery, the host typed into Send-As for submission; NULL: the
 * SNI tls sent). With resolve_result (may be NULL), DANE uses the TLSA records
 * of its host of that name, as mxtls_verify_input_set_mx_host() does. For
 * known intermediates or an MTA-STS policy, use mxtls_verify_run(). Blocks
 * only on CPU and on reading the CA file/dir. Uses ctx from one thread at a time;
 * separate contexts run in parallel. tls and resolve_result are only read.
 * Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_verify(mxtls_ctx *ctx, const mxtls_tls_result *tls,
                                       const char *reference_name,
                                       const mxtls_resolve_result *resolve_result,
                                       mxtls_verify_result **out);

/** Free a verify result; NULL is a no-op. Thread-safe once no other thread uses
 * it. Since 0.1. */
MXTLS_EXPORT void mxtls_verify_result_free(mxtls_verify_result *res);

/** Fetch and judge the MTA-STS policy of domain (RFC 8461).
 * txt/n_txt: the TXT strings at _mta-sts.<domain> (each NUL-terminated; a
 *   record of several strings concatenated); none means no policy.
 * policy_address: an IPv4/IPv6 literal for mta-sts.<domain> that the caller's
 *   own resolver found. The fetch connects only there (the name is pinned),
 *   after the ctx's address policy allowed it. NULL: fetch_error NO_ADDRESS.
 * mx/n_mx: the domain's MX host names to match against the policy.
 * HTTPS only, no redirects, certificate valid for mta-sts.<domain> against
 * the ctx's trust store, text/plain, under 64 KiB.
 * Blocks for at most the ctx's VERIFY timeout. Uses ctx from one thread at a time;
 * separate contexts run in parallel. *out is freed with
 * mxtls_mtasts_result_free(). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_mtasts_check(mxtls_ctx *ctx, const char *domain,
                                             const char *const *txt, size_t n_txt,
                                             const char *policy_address,
                                             const char *const *mx, size_t n_mx,
                                             mxtls_mtasts_result **out);

/** Free an MTA-STS result; NULL is a no-op. Thread-safe once no other thread uses
 * it. Since 0.1. */
MXTLS_EXPORT void mxtls_mtasts_result_free(mxtls_mtasts_result *res);

/** Static lowercase names for bindings and reports ("chain-incomplete",
 * "matched", "fetch-failed"); "unknown" for a value this release does not
 * know. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_verify_flag_name(uint32_t flag);
MXTLS_EXPORT const char *mxtls_dane_outcome_name(int32_t outcome);
MXTLS_EXPORT const char *mxtls_mtasts_outcome_name(int32_t outcome);

/** Limits, as functions because ctypes cannot see macros. Thread-safe.
 * Since 0.1. */
MXTLS_EXPORT size_t mxtls_verify_max_certs(void);
MXTLS_EXPORT size_t mxtls_verify_max_tlsa(void);

/** sizeof of each result struct as this library was built, for bindings.
 * Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_verify_result_struct_size(void);
MXTLS_EXPORT size_t mxtls_cert_info_struct_size(void);
MXTLS_EXPORT size_t mxtls_mtasts_result_struct_size(void);

#ifdef __cplusplus
}
#endif

#endif
