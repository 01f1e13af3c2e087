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
#include "connect.h"
#include "resolve.h"
#include "senders.h"
#include "starttls.h"
#include "verify.h"

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
    MXTLS_F_DNS_APEX_CNAME = 111,       /* dns.apex-cname */
    MXTLS_F_DNS_TLSRPT_INVALID = 112,   /* dns.tlsrpt-invalid */

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
    MXTLS_F_SMTP_RATE_LIMITED = 310,    /* smtp.rate-limited */

    MXTLS_F_TLS_ALERT = 401,            /* tls.alert */
    MXTLS_F_TLS_SNI_REJECTED = 402,     /* tls.sni-rejected */
    MXTLS_F_TLS_PROTOCOL_OLD = 403,     /* tls.protocol-old */
    MXTLS_F_TLS_NO_SHARED_CIPHER = 404, /* tls.no-shared-cipher */
    MXTLS_F_TLS_WEAK_DH = 405,          /* tls.weak-dh */
    MXTLS_F_TLS_HANDSHAKE_FAILED = 406, /* tls.handshake-failed */
    MXTLS_F_TLS_CLIENT_CERT_REQUIRED = 407, /* tls.client-cert-required */
    MXTLS_F_TLS_NO_CLOSE_NOTIFY = 408,  /* tls.no-close-notify (info: benign) */

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
    MXTLS_F_CERT_CHAIN_TOO_LONG = 512,  /* cert.chain-too-long */
    MXTLS_F_CERT_NOT_CHECKED = 513,     /* cert.not-checked */

    MXTLS_F_DANE_MISMATCH = 601,        /* dane.mismatch */
    MXTLS_F_DANE_BOGUS = 602,           /* dane.bogus */
    MXTLS_F_DANE_UNUSABLE = 603,        /* dane.unusable */
    MXTLS_F_DANE_NO_ROLLOVER = 604,     /* dane.no-rollover */
    MXTLS_F_DANE_TA_NOT_SENT = 605,     /* dane.ta-not-sent */
    MXTLS_F_DANE_MATCHED = 610,         /* dane.matched (info) */

    MXTLS_F_MTASTS_MX_MISMATCH = 701,   /* mtasts.mx-mismatch */
    MXTLS_F_MTASTS_FETCH_FAILED = 702,  /* mtasts.fetch-failed */
    MXTLS_F_MTASTS_INVALID_POLICY = 703, /* mtasts.invalid-policy */
    MXTLS_F_MTASTS_WEBPKI_INVALID = 704, /* mtasts.webpki-invalid */
    MXTLS_F_MTASTS_TXT_MULTIPLE = 705,  /* mtasts.txt-multiple */
    MXTLS_F_MTASTS_TXT_INVALID = 706,   /* mtasts.txt-invalid */
    MXTLS_F_MTASTS_ENFORCED = 710,      /* mtasts.enforced (info) */

    MXTLS_F_CHECK_DEADLINE = 801,       /* check.deadline */

    MXTLS_F_TLS_OK = 901,               /* tls.ok (info): STARTTLS and a valid certificate */

    /* 10xx: the checker's own environment (finding->about is ENVIRONMENT). */
    MXTLS_F_ENV_RESOLVER_DOWN = 1001,   /* env.resolver-down */
    MXTLS_F_ENV_RESOLVER_NO_DNSSEC = 1002, /* env.resolver-no-dnssec */
    MXTLS_F_ENV_CA_STORE_EMPTY = 1003,  /* env.ca-store-empty: no CA to verify against */

    /* 11xx: the sending side's own setup, 12xx: a mail client's (both from
     * mxtls_explain(): what a pasted text shows of the side that wrote it). */
    MXTLS_F_SENDER_NO_CA_STORE = 1101,  /* sender.no-ca-store */
    MXTLS_F_SENDER_TLS_CONFIG = 1102,   /* sender.tls-config */
    MXTLS_F_SENDER_RESOLVER_DOWN = 1103, /* sender.resolver-down: its own
                                            resolver answers no name */
    MXTLS_F_SENDER_RESOLVER_NO_DNSSEC = 1104, /* sender.resolver-no-dnssec: its
                                                 resolver does not validate */
    MXTLS_F_CLIENT_STARTTLS_MISMATCH = 1201, /* client.starttls-mismatch */
    MXTLS__F_FORCE_INT32 = 0x7fffffff   /* keeps the enum 32-bit; not a code */
} mxtls_finding_code;

/* Severities. */
#define MXTLS_SEVERITY_INFO 1
#define MXTLS_SEVERITY_WARNING 2
#define MXTLS_SEVERITY_ERROR 3

/* What a finding is about (mxtls_finding.about). Values never change. */
#define MXTLS_ABOUT_TARGET 0      /* the checked domain or host */
#define MXTLS_ABOUT_ENVIRONMENT 1 /* where the check ran: its resolver, its
                                     network, its CA store; says nothing of
                                     the target */

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
    int32_t caused_by;                /* index of the finding in the same list
                                         that explains this one (a root cause, or
                                         an info finding whose symptoms stop no
                                         sender: net.family-mismatch), or -1 when
                                         nothing explains it */
    const char *summary;              /* one line */
    const char *explanation;          /* plain-language paragraph(s) */
    size_t n_remedies;
    const char *const *remedies;      /* numbered steps, in order */
    size_t n_references;
    const char *const *references;    /* "RFC 7505 section 3", ... */
    const char *evidence;             /* what mxtls observed, or NULL */
    int32_t about;                    /* MXTLS_ABOUT_*: the target, or the
                                         checker's environment. A symptom has
                                         its root cause's. 0 (TARGET) in a
                                         finding made before it existed */
    /* Members are only ever appended here. */
} mxtls_finding;

/** The id ("cert.self-signed") of a finding code, or NULL for an unknown code.
 *  Static. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_finding_id(int32_t code);

/** The code of a finding id, or 0 for an unknown id. Thread-safe. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_finding_code_of(const char *id);

/** The name of a severity: "info", "warning", "error", or "unknown".
 *  Static. Thread-safe. Since 0.1. */
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

/* Whose log or view an error text is (mxtls_explanation.side). The fix goes
 * to a different party for each: "your own server's CA store" for a
 * sender's log, "the receiving domain's certificate" for a bounce. */
#define MXTLS_SIDE_UNKNOWN 0
#define MXTLS_SIDE_SENDER 1   /* the sending MTA's log, or the bounce (NDR) it wrote */
#define MXTLS_SIDE_RECEIVER 2 /* the receiving server's own log */
#define MXTLS_SIDE_CLIENT 3   /* a mail client or library submitting mail
                                 (Gmail's Send-As connecting to your server too) */
#define MXTLS_SIDE_TOOL 4     /* openssl s_client, gnutls-cli, swaks, testssl */

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
    const mxtls_finding *const *likely_causes; /* most likely first; each
                                               finding's evidence quotes the
                                               words of the text that support it */
    int32_t side;                  /* MXTLS_SIDE_*: whose log or view the text is */
    size_t n_ranked;               /* likely_causes[0 .. n_ranked-1] are supported
                                      by the text, strongest first; the rest need
                                      evidence it lacks (a proxy's name for
                                      net.proxied): suggested_check settles them */
    const int32_t *weights;        /* per cause: 3 the text names it, 2 a strong
                                      sign, 1 a hint, 0 not in the text */
    const int64_t *evidence_start; /* per cause: the octets of the input text */
    const int64_t *evidence_end;   /* that support it first, or -1 */
    const char *enhanced_status;   /* "4.7.5" (RFC 3463) in the text, or NULL */
    const char *domain;            /* a mail domain the text names, or NULL */
    size_t n_addresses;            /* IP addresses the text names, in order, at */
    const char *const *addresses;  /* most MXTLS_EXPLAIN_MAX_ADDRESSES */
    int32_t truncated;             /* 1: the text is longer than
                                      MXTLS_EXPLAIN_MAX_TEXT octets and only
                                      that many were read (the explanation
                                      says so); else 0 */
    /* Members are only ever appended here. */
} mxtls_explanation;

/* Addresses an explanation keeps from one text. */
#define MXTLS_EXPLAIN_MAX_ADDRESSES 8
/* Octets of a text that mxtls_explain() reads (64 KiB). */
#define MXTLS_EXPLAIN_MAX_TEXT 65536

/** Explain an error text: Gmail, Microsoft 365 and Yahoo bounces, Postfix,
 *  Exim, Sendmail and OpenSMTPD log lines, mail clients' and libraries'
 *  errors, OpenSSL, BoringSSL and GnuTLS error strings. Says whose log or
 *  view it is (side), the causes ranked by the words that support them
 *  (each finding's evidence quotes them), which side sent which alert, and
 *  which check to run. How the text was copied (typographic quotes, HTML
 *  entities, wrapping, quoted-printable, JSON string escapes) does not
 *  change the result, nor does the mail it came in: the routine header
 *  fields of a whole bounce or of an NDR's original headers (Received,
 *  DKIM-Signature, ARC-*, Authentication-Results, Content-Type, the X-
 *  fields of Google, Microsoft and filters) are not read, nor are the
 *  lines of a pasted log that report deliveries made (Postfix's
 *  "status=sent" with the TLS session of the same relay, Exim's "=>" with
 *  its 250, Sendmail's "stat=Sent"), nor a server log's lines about
 *  visits from internet scanners (hosts of censys-scanner.com, shodan.io,
 *  shadowserver.org and the like, and the later lines of the same
 *  process), which the explanation says it set aside, nor the markup of
 *  a text pasted as a page (HTML tags, comments, style sheets and
 *  scripts). Of a text longer than MXTLS_EXPLAIN_MAX_TEXT octets only that
 *  many are read: truncated is set, and the summary and
 *  explanation say so (a cause further down is not seen). No network I/O.
 *  ctx may be NULL; when given, its proxy ranges tell whether an address in
 *  the text is a proxy's (else the built-in ranges do). MXTLS_OK also for
 *  an unrecognised text (recognised = 0). *out owns a new result. Uses
 *  ctx from one thread at a time; separate contexts (or NULL) run in
 *  parallel. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_explain(mxtls_ctx *ctx, const char *text,
                                       mxtls_explanation **out);

/** Free an explanation. NULL is a no-op. Thread-safe once no other thread uses
 *  it. Since 0.1. */
MXTLS_EXPORT void mxtls_explanation_free(mxtls_explanation *explanation);

/** The name of TLS alert number n ("illegal_parameter"), or NULL when n is
 *  not an alert RFC 8446 or its predecessors define. Static. Thread-safe.
 *  Since 0.1. */
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

/** Free a buffer. NULL is a no-op. Thread-safe once no other thread uses it.
 *  Since 0.1. */
MXTLS_EXPORT void mxtls_buffer_free(mxtls_buffer *buffer);

/** Render an explanation as JSON, schema "mxtls-explanation/1"
 *  (doc/explanation-schema.json): the side, the causes with their rank,
 *  weight, quoted evidence and its span in the text, the alert and its
 *  sender, the SMTP and enhanced status codes, the host, domain and
 *  addresses the text names, and the check to run. flags: MXTLS_RENDER_PRETTY.
 *  Thread-safe as mxtls_explanation_text(). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_explanation_json(const mxtls_explanation *explanation,
                                                uint32_t flags, mxtls_buffer **out);

/** Render an explanation as plain text for a terminal. Thread-safe: only reads
 *  explanation. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_explanation_text(const mxtls_explanation *explanation,
                                                mxtls_buffer **out);

/* ------------------------------------------------------------------------
 * Checking a target: mxtls_check() runs the stages and diagnoses
 * ------------------------------------------------------------------------ */

/* Whose rules apply (mxtls_check's profile). Values never change. */
#define MXTLS_PROFILE_MX 1         /* delivery to a domain: every MX host and
                                      address, port 25, opportunistic TLS unless
                                      MTA-STS enforce or secure TLSA make it strict */
#define MXTLS_PROFILE_SUBMISSION 2 /* one host as Gmail's Send-As uses it: 587
                                      STARTTLS and 465 implicit TLS, a CA-signed
                                      certificate naming exactly that host, TLS 1.2+ */

/* A report's verdict: the severity of its worst root cause about the target
 * (a symptom folded under a warning does not make the verdict an error), or
 * OK. Root causes about the checker's environment make environment_verdict
 * the same way. */
#define MXTLS_VERDICT_OK 0
#define MXTLS_VERDICT_WARNING MXTLS_SEVERITY_WARNING
#define MXTLS_VERDICT_ERROR MXTLS_SEVERITY_ERROR

/* Why a probe (one connection) was made (mxtls_probe.purpose). */
#define MXTLS_PROBE_PRIMARY 1    /* the connection a sender makes */
#define MXTLS_PROBE_NO_SNI 2     /* follow-up: the same handshake without SNI */
#define MXTLS_PROBE_LDH_SNI 3    /* follow-up: an LDH form of a non-LDH SNI name */
#define MXTLS_PROBE_VERSION 4    /* follow-up: one protocol version only (tls_version) */
#define MXTLS_PROBE_OTHER_MODE 5 /* follow-up: the other TLS mode on the same port */
#define MXTLS_PROBE_OTHER_PORT 6 /* follow-up: another port, to tell a blocked
                                    network from a dead server */

/** One connection mxtls made, with what each stage saw. Library-allocated,
 *  owned by the report. Stage results are NULL where the stage did not run. */
typedef struct mxtls_probe {
    uint32_t struct_size;
    int32_t purpose;          /* MXTLS_PROBE_* */
    const char *host;         /* the name the sender uses; NULL for an IP target */
    const char *address;      /* "192.0.2.7" / "2001:db8::7" */
    int32_t port;
    int32_t mode;             /* MXTLS_MODE_* */
    const char *sni;          /* the SNI asked for; NULL for none */
    int32_t tls_version;      /* MXTLS_PROBE_VERSION: the one version offered; else 0 */
    int32_t status;           /* mxtls_status of the stage calls: MXTLS_OK, or
                                 MXTLS_EPOLICY when the address policy refused it */
    int32_t host_index;       /* index in report->resolve->hosts, or -1 */
    int32_t address_index;    /* index in that host's addresses, or -1 */
    const mxtls_connect_result *connect;
    const mxtls_tls_result *tls;
    const mxtls_verify_result *verify;
    /* Members are only ever appended here. */
} mxtls_probe;

/** What mxtls_check() found. Free with mxtls_report_free(). */
typedef struct mxtls_report {
    uint32_t struct_size;
    const char *target;       /* as given */
    int32_t profile;          /* MXTLS_PROFILE_* */
    int32_t verdict;          /* MXTLS_VERDICT_* */
    const char *domain;       /* MX: the domain (A-label); SUBMISSION: the host */
    int32_t strict;           /* 1 when MTA-STS enforce or DNSSEC-secure TLSA make
                                 a valid certificate mandatory for senders */
    const mxtls_resolve_result *resolve;   /* MX: mxtls_resolve_mx()'s result;
                                              SUBMISSION: mxtls_resolve_host()'s
                                              (one host; for an IP literal target,
                                              that address with no query) */
    const mxtls_mtasts_result *mtasts;     /* NULL when the domain has no policy
                                              record, or for SUBMISSION */
    size_t n_probes;
    const mxtls_probe *const *probes;      /* in the order they ran */
    size_t n_findings;
    const mxtls_finding *const *findings;  /* root causes first: those about
                                              the environment, then the
                                              target's, worst first in each;
                                              then the info roots; then the
                                              symptoms they explain
                                              (finding->caused_by) */
    size_t n_root_causes;                  /* findings[0 .. n_root_causes-1]: the
                                              root causes of warning or error. Info
                                              roots (tls.ok ...) follow them, with
                                              caused_by -1, and are not counted
                                              (before 0.1.0's issue 18 they were) */
    const char *summary;      /* one line: the verdict in words; never NULL */
    int64_t elapsed_ms;       /* wall time of the whole check */
    int32_t environment_verdict; /* MXTLS_VERDICT_* of the root causes about the
                                    checker's environment (finding->about);
                                    verdict above covers the target's only.
                                    ERROR: the environment kept part of the
                                    check from running, so the target's OK
                                    is incomplete (mxtls-check exits 3) */
    size_t n_predictions;     /* one per sender profile of the report's kind */
    const mxtls_prediction *const *predictions; /* (senders.h), in the order of
                                    mxtls_sender_at(); how each sender's
                                    delivery would end. All "unknown" when the
                                    checker's environment kept the check from
                                    seeing the target. Since 0.1. */
    /* Members are only ever appended here. */
} mxtls_report;

/** Per-check options (opaque): what the CLI's --port, --implicit-tls, --sni,
 *  -4/-6 set. NULL options mean the profile's defaults. An options object is
 *  only read by mxtls_check_with() and may be shared once set up. */
typedef struct mxtls_check_options mxtls_check_options;

/** Called as a check progresses, with one line ("mx1.example.com
 *  [192.0.2.7]:25: STARTTLS"), on the checking thread. */
typedef void (*mxtls_progress_fn)(void *user, const char *line);

/** New options with the profile defaults. Free with
 *  mxtls_check_options_free(). Thread-safe. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_new(mxtls_check_options **out);

/** Free options; NULL is a no-op. Thread-safe once no other thread uses it.
 *  Since 0.1. */
MXTLS_EXPORT void mxtls_check_options_free(mxtls_check_options *options);

/** Check this port only (1..65535; 0 restores the profile's ports).
 *  MXTLS_ERANGE otherwise. Uses options from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_port(mxtls_check_options *options,
                                                      int32_t port);

/** Use implicit TLS (1) or STARTTLS (0) on the port set with
 *  mxtls_check_options_set_port(); without one, 1 means port 465.
 *  MXTLS_EINVAL for other values. Uses options from one thread at a time.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_implicit_tls(mxtls_check_options *options,
                                                              int32_t on);

/** Send name as SNI instead of the host's name (NULL restores that). The
 *  certificate is still checked against the name the sender uses. Same
 *  rules as mxtls_tls_params_set_sni(). Copied. Uses options from one thread at a
 *  time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_sni(mxtls_check_options *options,
                                                     const char *name);

/** Probe only IPv4 (4), only IPv6 (6), or both (0). MXTLS_EINVAL otherwise.
 *  Uses options from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_family(mxtls_check_options *options,
                                                        int32_t family);

/** Report progress through fn (NULL: none). user is passed back. fn runs on the
 *  thread running the check, so with options that threads share, on several
 *  threads at once. Uses options from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_progress(mxtls_check_options *options,
                                                          mxtls_progress_fn fn, void *user);

/** The most probes mxtls_check_options_set_probes_at_once() takes. */
#define MXTLS_CHECK_MAX_PROBES_AT_ONCE 64

/** How many of a check's addresses are probed side by side: 0 (the
 *  default) for up to 16 at once, 1 for one after the other, up to
 *  MXTLS_CHECK_MAX_PROBES_AT_ONCE (MXTLS_ERANGE past it). The report is the
 *  same either way; side by side, a check takes about as long as its
 *  slowest address rather than the sum of them. Whatever this says, at most
 *  MXTLS_ENGINE_DEFAULT_PER_DESTINATION connections go to one address and
 *  port at once (inside an engine, also at most its own limit). Uses
 *  options from one thread at a time. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_options_set_probes_at_once(mxtls_check_options *options,
                                                                int32_t n);

/** Check a target as a sending MTA would and diagnose what fails.
 *  MXTLS_PROFILE_MX: target is a mail domain (UTF-8, normalised as in
 *  mxtls_resolve_mx()). MXTLS_PROFILE_SUBMISSION: target is "host",
 *  "host:port", an IP literal, or "[IPv6]:port".
 *  Runs resolve, connect, STARTTLS and verify for every host and address in
 *  scope, then the follow-up probes that settle a cause (SNI variants after
 *  alert 47, one protocol version at a time after a failed handshake, the
 *  handshake without SNI, another port when every port-25 connect times out),
 *  and MTA-STS. Each stage keeps its own ctx timeout, so the whole check is
 *  bounded by them times the number of probes (at most 16 hosts, 16
 *  addresses per family and host).
 *  Returns MXTLS_OK when the check ran, whatever it found, with *out owning
 *  the report. MXTLS_EINVAL (NULL argument, unknown profile, a target that is
 *  not a valid domain/host, with the reason in mxtls_ctx_error_detail()),
 *  MXTLS_ERESOLVER, MXTLS_EPOLICY when the address policy refuses a
 *  configured resolver (as mxtls_resolve_mx()), MXTLS_EIO when this process ran out of file
 *  descriptors (the detail says to raise RLIMIT_NOFILE: not a finding,
 *  since it is not the server's fault), MXTLS_ENOMEM, MXTLS_ESTATE while an
 *  engine is attached to ctx (engine.h: add the check to the engine). Uses ctx from one thread at a time;
 *  separate contexts run in parallel. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check(mxtls_ctx *ctx, const char *target, int32_t profile,
                                     mxtls_report **out);

/** mxtls_check() with options (NULL: the defaults). Thread-safety as
 *  mxtls_check(); options are only read, so threads may share one. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_check_with(mxtls_ctx *ctx, const char *target,
                                          int32_t profile,
                                          const mxtls_check_options *options,
                                          mxtls_report **out);

/** Free a report and everything it points to. NULL is a no-op. Thread-safe once
 *  no other thread uses it. Since 0.1. */
MXTLS_EXPORT void mxtls_report_free(mxtls_report *report);

/* ------------------------------------------------------------------------
 * Diagnosing stages a caller composed: the diagnosis behind mxtls_check()
 * ------------------------------------------------------------------------ */

/** The diagnosis of one target (opaque): the rules mxtls_check() applies,
 *  with no I/O of their own. A caller that runs the stages itself feeds it
 *  their results and gets the same findings, fixes and report:
 *
 *      mxtls_diagnosis_new(target, profile, options, &d);
 *      mxtls_diagnosis_add_resolve(d, res);          // mxtls_resolve_mx()'s
 *      if (mxtls_diagnosis_wants_mtasts(d))          // or _resolve_host()'s
 *          mxtls_diagnosis_add_mtasts(d, sts);       // mxtls_mtasts_check()'s
 *      while (mxtls_diagnosis_next_probe(d, &probe) == MXTLS_OK && probe) {
 *          mxtls_connect(...)                        // as the probe says
 *          mxtls_diagnosis_tls_params(d, &params);   // NULL: no TLS
 *          mxtls_starttls(session, params, &tls);
 *          mxtls_diagnosis_verify_input(d, tls, &in); // NULL: no verify
 *          mxtls_verify_run(ctx, in, &v);
 *          mxtls_diagnosis_add_probe_result(d, status, cr, tls, v);
 *      }
 *      mxtls_diagnosis_finish(d, &report);
 *      mxtls_diagnosis_free(d);
 *
 *  next_probe() hands out the connections a sending MTA makes (every host
 *  and address of the resolve result, on the profile's ports), and after
 *  each one the follow-up probes that settle an open question: the
 *  handshake without SNI, with an LDH form of a non-LDH SNI, one protocol
 *  version at a time, the other TLS mode, other ports of an address whose
 *  port 25 timed out. It asks for one probe at a time, and decides the next
 *  from the results so far, so a caller runs exactly what mxtls_check()
 *  would. One exception: when no MX host answers on port 25, mxtls_check()
 *  also tries the context's reference hosts (mxtls_ctx_set_reference_hosts())
 *  to confirm a block near the checker; a composed diagnosis does not, so
 *  it never reports net.egress-blocked, only what each MX host did.
 *  examples/compose.c is a whole program. A diagnosis is used by
 *  one thread at a time; separate ones run in parallel. Since 0.1. */
typedef struct mxtls_diagnosis mxtls_diagnosis;

/** A new diagnosis of target (copied; as mxtls_check() takes it, used for
 *  the report's target) under profile (MXTLS_PROFILE_*), with options
 *  (NULL: the profile's defaults; read now, not kept). For
 *  MXTLS_PROFILE_SUBMISSION the ports are the options' port, else 587 and
 *  465 (a "host:port" target's port is the caller's to put in the options,
 *  as mxtls_check() does). MXTLS_EINVAL for a NULL argument or an unknown
 *  profile; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_new(const char *target, int32_t profile,
                                             const mxtls_check_options *options,
                                             mxtls_diagnosis **out);

/** Free a diagnosis and every result it adopted but has not handed out in
 *  a report. NULL is a no-op. Since 0.1. */
MXTLS_EXPORT void mxtls_diagnosis_free(mxtls_diagnosis *diagnosis);

/** Adopt the resolve result of the target (it becomes the report's
 *  resolve member and is freed with it, or with the diagnosis) and diagnose
 *  it. Call once, first. For one address with no DNS, mxtls_resolve_host()
 *  of the address literal sends no query. Takes res in every case except
 *  MXTLS_EINVAL (NULL argument). MXTLS_ESTATE when a resolve result was
 *  added already; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_add_resolve(mxtls_diagnosis *diagnosis,
                                                     mxtls_resolve_result *res);

/** 1 when the diagnosis wants the domain's MTA-STS policy before the first
 *  probe: the MX profile, a domain that can take mail, and exactly one
 *  "v=STSv1" TXT record (the caller then fetches it with
 *  mxtls_mtasts_check() and adds it). 0 otherwise. A policy that is wanted
 *  but not added by the first mxtls_diagnosis_next_probe() is reported as
 *  mtasts.fetch-failed ("not checked"), never as no policy. Since 0.1. */
MXTLS_EXPORT int32_t mxtls_diagnosis_wants_mtasts(const mxtls_diagnosis *diagnosis);

/** Adopt the MTA-STS result and diagnose it (its policy then also governs
 *  the verify inputs and severities). Only while
 *  mxtls_diagnosis_wants_mtasts() says 1, else MXTLS_ESTATE. Takes sts in
 *  every case except MXTLS_EINVAL (NULL argument). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_add_mtasts(mxtls_diagnosis *diagnosis,
                                                    mxtls_mtasts_result *sts);

/** The probe to run next, or *probe NULL when the diagnosis needs nothing
 *  more (then call mxtls_diagnosis_finish()). The probe says where and how:
 *  host (the name for mxtls_connect()'s server_name; NULL for an address),
 *  the address (also as res->hosts[host_index]->addresses[address_index] of
 *  the resolve result), port, mode (MXTLS_MODE_PLAIN: connect only), its
 *  purpose; its stage results are NULL. It stays owned by the diagnosis
 *  and valid while the diagnosis or its report lives. Asking again before
 *  adding its results gives the same probe. MXTLS_ESTATE before
 *  mxtls_diagnosis_add_resolve(); MXTLS_EINVAL for NULL arguments;
 *  MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_next_probe(mxtls_diagnosis *diagnosis,
                                                    const mxtls_probe **probe);

/** TLS parameters for the probe next_probe() gave (its SNI, or none; its one
 *  protocol version), for mxtls_starttls(); *out NULL when the probe runs no
 *  TLS. Free with mxtls_tls_params_free(). MXTLS_ESTATE when no probe is
 *  out; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_tls_params(const mxtls_diagnosis *diagnosis,
                                                    mxtls_tls_params **out);

/** The verify input for the probe next_probe() gave, from its handshake's
 *  result tls, as mxtls_check() builds it: the chain a sender would verify
 *  (all the certificates sent, or past mxtls_verify_max_certs() the path a
 *  sender builds from the leaf, which skips stray extras), the name the
 *  sender uses, the host's TLSA records (on the resolve result's port), the
 *  MTA-STS policy, and intermediates other servers of this target sent.
 *  *out NULL when this probe needs no verify (no certificate, a failed
 *  handshake, or a protocol-version probe), and also when the chain is past
 *  what senders take (over 100 KiB, or a path of more certificates than
 *  mxtls verifies): the diagnosis then remembers why, and the probe gets
 *  cert.chain-too-long or cert.not-checked instead of a verdict, never "OK".
 *  Free with mxtls_verify_input_free(). MXTLS_ESTATE when no probe is out;
 *  MXTLS_EINVAL, MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_verify_input(mxtls_diagnosis *diagnosis,
                                                      const mxtls_tls_result *tls,
                                                      mxtls_verify_input **out);

/** Hand back the results of the probe next_probe() gave: status is what
 *  mxtls_connect() returned (MXTLS_EPOLICY when the address policy refused
 *  it), and connect, tls and verify are the stage results (each may be NULL
 *  where the stage did not run). The diagnosis adopts all three in every
 *  case, diagnoses the probe and decides what to ask next. MXTLS_ESTATE
 *  when no probe is out; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_add_probe_result(mxtls_diagnosis *diagnosis,
                                                          int32_t status,
                                                          mxtls_connect_result *connect,
                                                          mxtls_tls_result *tls,
                                                          mxtls_verify_result *verify);

/** The check ran out of time (its own deadline, e.g. the context's
 *  MXTLS_STAGE_CHECK timeout as mxtls_check() uses it): the probe handed
 *  out, if any, is dropped (add no results for it; results a wait cut short
 *  would blame the server for the checker's deadline), the connections not
 *  made are reported as check.deadline, and the rules finish with the
 *  results in hand, asking for no more probes. Then next_probe() gives
 *  NULL and mxtls_diagnosis_finish() the report. MXTLS_ESTATE before
 *  mxtls_diagnosis_add_resolve() or after finish; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_stop(mxtls_diagnosis *diagnosis);

/** The report, once next_probe() has said there is nothing more to run:
 *  the same report mxtls_check() gives for the same stage results (its
 *  elapsed_ms is the time since mxtls_diagnosis_new()). *out owns it; the
 *  diagnosis gives up everything it adopted and can only be freed after.
 *  MXTLS_ESTATE before that point, or when called twice; MXTLS_ENOMEM.
 *  Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_diagnosis_finish(mxtls_diagnosis *diagnosis,
                                                mxtls_report **out);

/* Rendering flags. */
#define MXTLS_RENDER_TRANSCRIPT 0x1 /* text: add each probe's SMTP/TLS dialogue,
                                       like posttls-finger -v; JSON: the same as
                                       a "transcript" array per probe */
#define MXTLS_RENDER_PRETTY 0x2     /* JSON: indented */

/** The report as text for a terminal: the verdict first, then each root
 *  cause with its explanation and numbered fix, then the symptoms and the
 *  per-address details. Thread-safe: only reads report, so threads may render
 *  one report at once. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_report_text(const mxtls_report *report, uint32_t flags,
                                           mxtls_buffer **out);

/** The report as JSON, schema "mxtls-report/1" (doc/report-schema.json).
 *  Thread-safe as mxtls_report_text(). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_report_json(const mxtls_report *report, uint32_t flags,
                                           mxtls_buffer **out);

/** The report as one self-contained HTML page (UTF-8, HTML5): the mail
 *  path drawn first in inline SVG (the domain and its DNSSEC state, each MX
 *  host, address, connection, certificate and policy, each hop's state by
 *  colour, icon, word and line style, the hop of each root cause numbered
 *  and linked to it), then who can deliver, then each root cause with its
 *  explanation, numbered fixes and references, then the details with each
 *  connection's SMTP/TLS dialogue. Inline CSS only: no script, no external
 *  resource, so it works offline and under a strict Content-Security-
 *  Policy; it follows prefers-color-scheme and prints. Everything from the
 *  network is escaped as text (bidi and control characters shown as \uNNNN
 *  / \xNN), never markup. flags: none yet (0). Thread-safe as
 *  mxtls_report_text(). Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_report_html(const mxtls_report *report, uint32_t flags,
                                           mxtls_buffer **out);

/** A summary of many reports (a batch) as one HTML page (opaque): it keeps
 *  per target only what the page's row shows, each part cut to a bound
 *  (the target, the verdict, the first root cause's id and its first fix,
 *  a link to the target's own page), and counts every root cause, so
 *  100,000 targets take tens of megabytes. A summary is used by one thread
 *  at a time. Since 0.1. */
typedef struct mxtls_summary mxtls_summary;

/** A new, empty summary. Free with mxtls_summary_free(). MXTLS_EINVAL for
 *  NULL out; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_summary_new(mxtls_summary **out);

/** Free a summary; NULL is a no-op. Since 0.1. */
MXTLS_EXPORT void mxtls_summary_free(mxtls_summary *summary);

/** Add one target: its report (only read now, not kept), or NULL when its
 *  check could not run; and link (NULL: none), a relative path or an
 *  http(s) URL of the target's own page (mxtls_report_html()): a link
 *  with another scheme is dropped. Copies what it keeps. MXTLS_EINVAL for
 *  a NULL summary or target; MXTLS_ENOMEM. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_summary_add(mxtls_summary *summary, const char *target,
                                           const mxtls_report *report, const char *link);

/** The summary as one self-contained HTML page: counts by verdict and by
 *  root cause as bar charts in inline SVG, each with its table; then the
 *  targets in groups by their first root cause (collapsed), with verdict,
 *  first cause, first fix and the link, filterable by verdict with CSS
 *  alone (an optional inline script adds a text filter). Its size grows by
 *  at most about 7 KB per target, some 260 bytes for a typical one (26 MB
 *  for 100,000). flags: none yet (0). Only reads the summary. Since 0.1. */
MXTLS_EXPORT mxtls_status mxtls_summary_html(const mxtls_summary *summary, uint32_t flags,
                                            mxtls_buffer **out);

/** Static names: "mx"/"submission", "ok"/"warning"/"error", "primary"/
 *  "no-sni"/"ldh-sni"/"version"/"other-mode"/"other-port"; "unknown" for
 *  other values. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_profile_name(int32_t profile);
MXTLS_EXPORT const char *mxtls_verdict_name(int32_t verdict);
MXTLS_EXPORT const char *mxtls_probe_purpose_name(int32_t purpose);
/** "target" or "environment" for MXTLS_ABOUT_*, "unknown" for other values.
 *  Static. Thread-safe. Since 0.1. */
MXTLS_EXPORT const char *mxtls_about_name(int32_t about);

/** sizeof of the diagnose structs as this library was built, for bindings:
 *  0 report, 1 probe, 2 finding, 3 explanation, 4 buffer, 5 prediction,
 *  6 sender (senders.h); 0 for other values. Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_diagnose_struct_size(int32_t which);

#ifdef __cplusplus
}
#endif
#endif /* MXTLS_DIAGNOSE_H */
