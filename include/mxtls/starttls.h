/* mxtls: the starttls stage. STARTTLS, the TLS handshake, EHLO over TLS.
 *
 * Since 0.1.
 */
#ifndef MXTLS_STARTTLS_H
#define MXTLS_STARTTLS_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "connect.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Parameters of one TLS handshake (opaque), so that a diagnosis can retry
 * with another SNI or protocol range. Made by mxtls_tls_params_new(). */
typedef struct mxtls_tls_params mxtls_tls_params;

/* Protocol versions, as on the wire (mxtls_tls_params_set_versions). */
#define MXTLS_TLS_1_0 0x0301
#define MXTLS_TLS_1_1 0x0302
#define MXTLS_TLS_1_2 0x0303
#define MXTLS_TLS_1_3 0x0304

/* Outcome of the stage (tls_result->failure); MXTLS_CONN_* values plus: */
#define MXTLS_TLS_OK 0
#define MXTLS_TLS_STARTTLS_REFUSED 20  /* STARTTLS answered other than 220 */
#define MXTLS_TLS_HANDSHAKE_FAILED 21  /* see the alerts and gnutls_error */
/* Otherwise the MXTLS_CONN_* classes apply: TIMEOUT, RESET, EOF, PROTOCOL,
 * REJECTED (EHLO after TLS refused), NOT_SMTP, with failure_phase. */

/**
 * New parameters with the defaults: SNI = the session's server name (none if
 * that is NULL or an IP literal), the modern MTA offer (TLS 1.2 and 1.3,
 * ECDHE and DHE suites, no FFDHE groups offered), no version restriction.
 * *out is freed with mxtls_tls_params_free(). Thread-safe. A params object
 * may be shared by threads once set up: mxtls_starttls() only reads it.
 * The setters below do no I/O and must not race with other calls on the
 * same object. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_tls_params_new(mxtls_tls_params **out);

/** Free parameters; NULL is a no-op. Thread-safe once no other thread uses it.
 *  Since 0.1. */
MXTLS_EXPORT void mxtls_tls_params_free(mxtls_tls_params *params);

/**
 * Send @p name as SNI exactly as given (underscores included: that is what a
 * sending MTA does, and what GnuTLS servers answer with alert 47), or send
 * no SNI when @p name is NULL. Copied. MXTLS_EINVAL for an empty name,
 * one over 255 octets, or one with bytes outside printable ASCII.
 * Uses params from one thread at a time. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_tls_params_set_sni(mxtls_tls_params *params,
                                                   const char *name);

/**
 * Use a GnuTLS priority string instead of the default (NULL restores the
 * default). Checked now: MXTLS_EINVAL if GnuTLS rejects it. Copied.
 * Uses params from one thread at a time. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_tls_params_set_priority(mxtls_tls_params *params,
                                                        const char *priority);

/**
 * Offer only protocol versions @p min..@p max (MXTLS_TLS_1_0..MXTLS_TLS_1_3),
 * on top of the priority string; 0, 0 removes the restriction.
 * MXTLS_EINVAL for unknown versions or min > max. Uses params from one thread at
 * a time. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_tls_params_set_versions(mxtls_tls_params *params,
                                                        int32_t min, int32_t max);

/** What mxtls_starttls() saw. Library-allocated; free with
 * mxtls_tls_result_free(). Times are -1 where not reached; names are NULL
 * where unknown. */
typedef struct mxtls_tls_result {
    uint32_t struct_size;
    int32_t failure;            /* MXTLS_TLS_OK, _STARTTLS_REFUSED, _HANDSHAKE_FAILED, or MXTLS_CONN_* */
    int32_t failure_phase;      /* MXTLS_PHASE_* */
    int32_t sys_errno;
    int32_t seen;               /* MXTLS_SEEN_*: what came instead of TLS/SMTP */
    int32_t reply_error;        /* MXTLS_REPLY_* */
    size_t n_first_bytes;       /* first bytes the server sent after 220 */
    const uint8_t *first_bytes; /* (its ServerHello, or what came instead) */
    int32_t starttls_code;      /* reply to STARTTLS; 0 for implicit TLS */
    const char *starttls_text;  /* "" if none */
    int64_t starttls_ms;        /* STARTTLS sent to its reply */
    int64_t handshake_ms;
    int64_t ehlo_ms;            /* EHLO over TLS to its reply */
    const char *sni;            /* the SNI sent; NULL if none */
    const char *priority;       /* the GnuTLS priority string used */
    int32_t version;            /* MXTLS_TLS_1_x, 0 if none */
    const char *version_name;   /* "TLS1.3" */
    const char *cipher_suite;   /* "TLS_AES_256_GCM_SHA384" */
    const char *kx;             /* key exchange: "ECDHE-ECDSA", "DHE-RSA", "(TLS1.3)" */
    const char *group;          /* "X25519", "SECP256R1", "FFDHE2048" */
    const char *sigalg;         /* server signature: "ECDSA-SECP256R1-SHA256" */
    int32_t dh_prime_bits;      /* DHE only; 0 otherwise */
    int32_t alert_received;     /* TLS alert number from the server; -1 none */
    const char *alert_received_name; /* "illegal_parameter" (mxtls_alert_name) */
    int32_t alert_sent;         /* TLS alert we sent; -1 none */
    const char *alert_sent_name;
    int32_t gnutls_error;       /* 0, or the GnuTLS error code */
    const char *gnutls_error_name;   /* "GNUTLS_E_FATAL_ALERT_RECEIVED" */
    const char *gnutls_error_text;
    size_t n_peer_certs;        /* the peer's chain as sent, leaf first */
    const uint8_t *const *peer_certs;   /* DER */
    const size_t *peer_cert_lens;
    int32_t ocsp_stapled;       /* 1 if an OCSP response was stapled */
    int32_t banner_code;        /* implicit TLS: the banner read over TLS */
    const char *banner;
    int32_t ehlo_code;          /* the EHLO reply after TLS */
    size_t n_ehlo_lines;
    const char *const *ehlo_lines;
    const mxtls_capabilities *caps;  /* never NULL */
    const char *detail;         /* one human-readable line; never NULL */
    /* Appended in 0.1 (issue 18): the dialogue's bytes, for transcripts. */
    size_t n_exchanges;         /* STARTTLS and its reply, then (inside TLS)
                                   the banner of implicit TLS, EHLO and its
                                   reply, in order (connect.h) */
    const mxtls_exchange *const *exchanges;
    int32_t transcript_truncated; /* 1: the session has moved more than
                                     mxtls_transcript_max() bytes */
} mxtls_tls_result;

/**
 * Upgrade @p session to TLS: send STARTTLS (MXTLS_MODE_STARTTLS) or go
 * straight to the handshake (MXTLS_MODE_IMPLICIT_TLS, then banner), run the
 * handshake with @p params (NULL: defaults), and send EHLO again over TLS.
 * STARTTLS is sent even when EHLO did not offer it, so the reply shows why.
 * The peer's chain is captured (at most 32 certificates), not verified: pass
 * it to the verify stage (mxtls_verify_der).
 *
 * Blocks at most the MXTLS_STAGE_STARTTLS timeout of the session's context.
 * Returns MXTLS_OK when the step ran, whatever it found: *result is set.
 * After a failure the session can only be closed; a new handshake needs a
 * new mxtls_connect(). MXTLS_EINVAL for NULL arguments; MXTLS_ESTATE if the
 * session is not at a point where TLS can start (plain mode, already TLS, or
 * failed); MXTLS_ENOMEM. Thread-safety: a session belongs to one thread at
 * a time; separate sessions run in parallel. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_starttls(mxtls_session *session,
                                         const mxtls_tls_params *params,
                                         mxtls_tls_result **result);

/** Free a TLS result; NULL is a no-op. Thread-safe once no other thread uses it.
 *  Since 0.1. */
MXTLS_EXPORT void mxtls_tls_result_free(mxtls_tls_result *result);

/** sizeof the result structs as this library was built, for bindings.
 *  Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_tls_result_struct_size(void);

#ifdef __cplusplus
}
#endif
#endif
