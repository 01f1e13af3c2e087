/* mxtls — findings: what is wrong, why the sender refuses, and how to fix it.
 *
 * A finding has a stable string id ("cert.self-signed") and a matching
 * numeric code (MXTLS_F_CERT_SELF_SIGNED). Both are API: they never change
 * meaning and codes are never renumbered. The wording of summaries,
 * explanations and remedies may improve between releases.
 */
#ifndef MXTLS_DIAGNOSE_H
#define MXTLS_DIAGNOSE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Finding codes, grouped by stage in hundreds. Append only. */
typedef enum mxtls_finding_code {
    MXTLS_F_DNS_NXDOMAIN = 101,         /* dns.nxdomain */
    MXTLS_F_DNS_SERVFAIL = 102,         /* dns.servfail */
    MXTLS_F_DNS_NULL_MX = 103,          /* dns.null-mx */
    MXTLS_F_DNS_NO_MX = 104,            /* dns.no-mx */
    MXTLS_F_DNS_MX_CNAME = 105,         /* dns.mx-cname */
    MXTLS_F_DNS_MX_IP_LITERAL = 106,    /* dns.mx-ip-literal */
    MXTLS_F_DNS_MX_NO_ADDRESS = 107,    /* dns.mx-no-address */
    MXTLS_F_DNS_MX_NON_LDH = 108,       /* dns.mx-non-ldh */
    MXTLS_F_DNS_DNSSEC_BOGUS = 109,     /* dns.dnssec-bogus */
    MXTLS_F_DNS_TIMEOUT = 110,          /* dns.timeout */

    MXTLS_F_NET_PROXIED = 201,          /* net.proxied */
    MXTLS_F_NET_REFUSED = 202,          /* net.refused */
    MXTLS_F_NET_TIMEOUT = 203,          /* net.timeout */
    MXTLS_F_NET_UNREACHABLE = 204,      /* net.unreachable */
    MXTLS_F_NET_FAMILY_MISMATCH = 205,  /* net.family-mismatch */
    MXTLS_F_NET_EGRESS_BLOCKED = 206,   /* net.egress-blocked */
    MXTLS_F_NET_POLICY_REFUSED = 207,   /* net.policy-refused */

    MXTLS_F_SMTP_NO_BANNER = 301,       /* smtp.no-banner */
    MXTLS_F_SMTP_BANNER_REJECTED = 302, /* smtp.banner-rejected */
    MXTLS_F_SMTP_NOT_SMTP = 303,        /* smtp.not-smtp */
    MXTLS_F_SMTP_BAD_REPLY = 304,       /* smtp.bad-reply */
    MXTLS_F_SMTP_STARTTLS_MISSING = 305, /* smtp.starttls-missing */
    MXTLS_F_SMTP_STARTTLS_MASKED = 306, /* smtp.starttls-masked */
    MXTLS_F_SMTP_STARTTLS_REFUSED = 307, /* smtp.starttls-refused */
    MXTLS_F_SMTP_IMPLICIT_TLS_MISMATCH = 308, /* smtp.implicit-tls-mismatch */
    MXTLS_F_SMTP_SLOW_BANNER = 309,     /* smtp.slow-banner */

    MXTLS_F_TLS_ALERT = 401,            /* tls.alert */
    MXTLS_F_TLS_SNI_REJECTED = 402,     /* tls.sni-rejected */
    MXTLS_F_TLS_PROTOCOL_OLD = 403,     /* tls.protocol-old */
    MXTLS_F_TLS_NO_SHARED_CIPHER = 404, /* tls.no-shared-cipher */
    MXTLS_F_TLS_WEAK_DH = 405,          /* tls.weak-dh */
    MXTLS_F_TLS_HANDSHAKE_FAILED = 406, /* tls.handshake-failed */

    MXTLS_F_CERT_SELF_SIGNED = 501,     /* cert.self-signed */
    MXTLS_F_CERT_UNTRUSTED = 502,       /* cert.untrusted */
    MXTLS_F_CERT_CHAIN_INCOMPLETE = 503, /* cert.chain-incomplete */
    MXTLS_F_CERT_NAME_MISMATCH = 504,   /* cert.name-mismatch */
    MXTLS_F_CERT_EXPIRED = 505,         /* cert.expired */
    MXTLS_F_CERT_EXPIRES_SOON = 506,    /* cert.expires-soon */
    MXTLS_F_CERT_NOT_YET_VALID = 507,   /* cert.not-yet-valid */
    MXTLS_F_CERT_WEAK_KEY = 508,        /* cert.weak-key */
    MXTLS_F_CERT_WEAK_SIGNATURE = 509,  /* cert.weak-signature */
    MXTLS_F_CERT_INCONSISTENT = 510,    /* cert.inconsistent */
    MXTLS_F_CERT_DEFAULT_WITHOUT_SNI = 511, /* cert.default-without-sni */

    MXTLS_F_DANE_MISMATCH = 601,        /* dane.mismatch */
    MXTLS_F_DANE_BOGUS = 602,           /* dane.bogus */
    MXTLS_F_DANE_UNUSABLE = 603,        /* dane.unusable */
    MXTLS_F_DANE_NO_ROLLOVER = 604,     /* dane.no-rollover */
    MXTLS_F_DANE_MATCHED = 610,         /* dane.matched (info) */

    MXTLS_F_MTASTS_MX_MISMATCH = 701,   /* mtasts.mx-mismatch */
    MXTLS_F_MTASTS_FETCH_FAILED = 702,  /* mtasts.fetch-failed */
    MXTLS_F_MTASTS_INVALID_POLICY = 703, /* mtasts.invalid-policy */
    MXTLS_F_MTASTS_WEBPKI_INVALID = 704, /* mtasts.webpki-invalid */
    MXTLS_F_MTASTS_TXT_MULTIPLE = 705,  /* mtasts.txt-multiple */
    MXTLS_F_MTASTS_ENFORCED = 710,      /* mtasts.enforced (info) */

    MXTLS_F_TLS_OK = 901,               /* tls.ok (info): STARTTLS and a valid certificate */
    MXTLS__F_FORCE_INT32 = 0x7fffffff   /* keeps the enum 32-bit; not a code */
} mxtls_finding_code;

/* Severities. */
#define MXTLS_SEVERITY_INFO 1
#define MXTLS_SEVERITY_WARNING 2
#define MXTLS_SEVERITY_ERROR 3

/** One finding. Library-allocated, owned by the report or explanation that
 *  holds it; read-only for callers. */
typedef struct mxtls_finding {
    uint32_t struct_size;
    int32_t code;                     /* mxtls_finding_code */
    const char *id;                   /* "cert.self-signed" */
    int32_t severity;                 /* MXTLS_SEVERITY_* */
    int32_t stage;                    /* MXTLS_STAGE_* where the evidence showed */
    const char *host;                 /* the host it is about, or NULL */
    const char *address;              /* the address it is about, or NULL */
    int32_t port;                     /* the port it is about, or 0 */
    int32_t caused_by;                /* index of the root-cause finding in the same
                                         list that explains this one, or -1 when it
                                         is itself a root cause */
    const char *summary;              /* one line */
    const char *explanation;          /* plain-language paragraph(s) */
    size_t n_remedies;
    const char *const *remedies;      /* numbered steps, in order */
    size_t n_references;
    const char *const *references;    /* "RFC 7505 section 3", ... */
    const char *evidence;             /* what mxtls observed, or NULL */
    /* Members are only ever appended here. */
} mxtls_finding;

/** The id ("cert.self-signed") of a finding code, or NULL for an unknown code.
 *  Static. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_finding_id(int32_t code);

/** The code of a finding id, or 0 for an unknown id. Thread-safe. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_finding_code_of(const char *id);

/** The name of a severity: "info", "warning", "error", or "unknown".
 *  Static. Since 0.1. */
MXTLS_EXPORT const char *mxtls_severity_name(int32_t severity);

/* ------------------------------------------------------------------------
 * Explaining an error text a user pastes (no network)
 * ------------------------------------------------------------------------ */

/* Where a text came from (mxtls_explanation.source). */
#define MXTLS_TEXT_UNKNOWN 0
#define MXTLS_TEXT_GMAIL 1     /* Gmail's "TLS Negotiation failed ..." */
#define MXTLS_TEXT_BORINGSSL 2 /* SSLV3_ALERT_x / TLSV1_ALERT_x reasons */
#define MXTLS_TEXT_OPENSSL 3   /* "ssl3_read_bytes:...", "SSL alert number N" */
#define MXTLS_TEXT_POSTFIX 4   /* postfix/smtp or smtpd log lines */
#define MXTLS_TEXT_EXIM 5      /* Exim log lines */
#define MXTLS_TEXT_GNUTLS 6    /* GnuTLS error strings */

/* Which side sent a TLS alert (mxtls_explanation.alert_sender). */
#define MXTLS_PEER_UNKNOWN 0
#define MXTLS_PEER_SERVER 1 /* the receiving mail server sent it */
#define MXTLS_PEER_CLIENT 2 /* the sending side (Gmail, your MTA) sent it */

/** What an error text says. Library-allocated; free with
 *  mxtls_explanation_free(). */
typedef struct mxtls_explanation {
    uint32_t struct_size;
    int32_t recognised;            /* 1 if the text was understood */
    int32_t source;                /* MXTLS_TEXT_* */
    int32_t alert;                 /* TLS alert number, or -1 */
    const char *alert_name;        /* "illegal_parameter", or NULL */
    int32_t alert_sender;          /* MXTLS_PEER_* */
    int32_t smtp_code;             /* an SMTP reply code in the text, or 0 */
    const char *host;              /* a host named in the text, or NULL */
    const char *summary;           /* one line: what the text means */
    const char *explanation;       /* which side sent what, and what it usually means */
    const char *suggested_check;   /* the mxtls-check command that settles it */
    size_t n_findings;
    const mxtls_finding *const *likely_causes; /* most likely first */
    /* Members are only ever appended here. */
} mxtls_explanation;

/** Explain an error text: Gmail's "TLS Negotiation failed ..." variants,
 *  BoringSSL and OpenSSL error strings, Postfix and Exim log lines. Says which
 *  side sent which alert, what that usually means, and which check to run.
 *  Texts longer than 64 KiB are read up to 64 KiB. No network I/O. ctx may be
 *  NULL (it supplies nothing yet). MXTLS_OK also for an unrecognised text
 *  (recognised = 0). *out owns a new result. Thread-safe for distinct ctx.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_explain(mxtls_ctx *ctx, const char *text,
                                       mxtls_explanation **out);

/** Free an explanation. NULL is a no-op. Since 0.1. */
MXTLS_EXPORT void mxtls_explanation_free(mxtls_explanation *explanation);

/** The name of TLS alert number n ("illegal_parameter"), or NULL when n is
 *  not an alert RFC 8446 or its predecessors define. Static. Since 0.1. */
MXTLS_EXPORT const char *mxtls_alert_name(int32_t alert);

/* ------------------------------------------------------------------------
 * Owned text buffers (reports rendered as text or JSON)
 * ------------------------------------------------------------------------ */

/** A library-owned, NUL-terminated text. Free with mxtls_buffer_free(). */
typedef struct mxtls_buffer {
    uint32_t struct_size;
    const char *data;   /* UTF-8, NUL-terminated */
    size_t length;      /* octets, without the NUL */
} mxtls_buffer;

/** Free a buffer. NULL is a no-op. Since 0.1. */
MXTLS_EXPORT void mxtls_buffer_free(mxtls_buffer *buffer);

/** Render an explanation as plain text for a terminal. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_explanation_text(const mxtls_explanation *explanation,
                                                mxtls_buffer **out);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_DIAGNOSE_H */
