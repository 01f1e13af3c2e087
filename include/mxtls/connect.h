/* mxtls: the connect stage. TCP to one address, banner, EHLO, capabilities.
 *
 * Since 0.1.
 */
#ifndef MXTLS_CONNECT_H
#define MXTLS_CONNECT_H

#include <stddef.h>
#include <stdint.h>

#include "address.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An open SMTP session (opaque). Made by mxtls_connect(), used by
 * mxtls_starttls(), ended by mxtls_session_close(). */
typedef struct mxtls_session mxtls_session;

/* How to talk to the port (mxtls_connect's mode). */
#define MXTLS_MODE_STARTTLS 1      /* 25/587: plaintext, then STARTTLS */
#define MXTLS_MODE_IMPLICIT_TLS 2  /* 465: TLS from the first byte */
#define MXTLS_MODE_PLAIN 3         /* banner and EHLO only; no TLS */

/* What went wrong (failure fields). Values are never renumbered. */
#define MXTLS_CONN_OK 0
#define MXTLS_CONN_REFUSED 1       /* RST to our SYN: nothing listens */
#define MXTLS_CONN_TIMEOUT 2       /* the deadline passed; see failure_phase */
#define MXTLS_CONN_RESET 3         /* the server reset the connection */
#define MXTLS_CONN_EOF 4           /* the server closed the connection */
#define MXTLS_CONN_UNREACHABLE 5   /* no route to the address */
#define MXTLS_CONN_NOT_SMTP 6      /* something else answered; see seen */
#define MXTLS_CONN_PROTOCOL 7      /* an SMTP reply broke RFC 5321; see reply_error */
#define MXTLS_CONN_REJECTED 8      /* banner or EHLO/HELO refused; see the codes */
#define MXTLS_CONN_ERROR 9         /* another socket error; see sys_errno */
#define MXTLS_CONN_TLS 10          /* a TLS error after the handshake (starttls) */

/* Where in the dialogue (failure_phase). */
#define MXTLS_PHASE_NONE 0
#define MXTLS_PHASE_TCP 1
#define MXTLS_PHASE_BANNER 2
#define MXTLS_PHASE_EHLO 3
#define MXTLS_PHASE_HELO 4
#define MXTLS_PHASE_STARTTLS 5     /* waiting for the reply to STARTTLS */
#define MXTLS_PHASE_HANDSHAKE 6
#define MXTLS_PHASE_EHLO_TLS 7     /* EHLO after the handshake */
#define MXTLS_PHASE_QUIT 8

/* What answered instead of SMTP (seen): from the first bytes read. */
#define MXTLS_SEEN_NOTHING 0       /* nothing to say (no failure) */
#define MXTLS_SEEN_SILENCE 1       /* no byte before the deadline */
#define MXTLS_SEEN_HTTP 2          /* "HTTP/": a web server or CDN proxy */
#define MXTLS_SEEN_TLS 3           /* a TLS record: implicit TLS port */
#define MXTLS_SEEN_BINARY 4        /* control bytes */
#define MXTLS_SEEN_TEXT 5          /* text, but not an SMTP reply */
#define MXTLS_SEEN_SMTP 6          /* an SMTP reply (e.g. plaintext on 465) */

/* How a reply broke RFC 5321 (reply_error). */
#define MXTLS_REPLY_OK 0
#define MXTLS_REPLY_LINE_TOO_LONG 1  /* over 512 octets */
#define MXTLS_REPLY_TOO_MANY_LINES 2 /* over mxtls_reply_lines_max() */
#define MXTLS_REPLY_TOO_BIG 3        /* over mxtls_reply_bytes_max() */
#define MXTLS_REPLY_BAD_SYNTAX 4     /* not "ddd text" / "ddd-text" */
#define MXTLS_REPLY_CODE_MISMATCH 5  /* the code changed mid-reply */
#define MXTLS_REPLY_NUL 6            /* a NUL byte */

/** EHLO capabilities, as parsed from a 250 reply. Library-allocated,
 * owned by the result that points to it. */
typedef struct mxtls_capabilities {
    uint32_t struct_size;
    int32_t starttls;          /* 1 if STARTTLS is offered */
    int32_t pipelining;
    int32_t eightbitmime;
    int32_t smtputf8;
    int32_t chunking;
    int32_t enhancedstatuscodes;
    int32_t dsn;
    int32_t requiretls;
    int32_t has_size;          /* SIZE was offered ... */
    int64_t size_limit;        /* ... with this limit (0: none; -1: unreadable) */
    size_t n_auth;             /* AUTH mechanisms, as the server spelt them */
    const char *const *auth;
    int32_t masked;            /* lines a firewall masked, like XXXXXXXA */
    int32_t starttls_masked;   /* 1 if one is exactly XXXXXXXA (Cisco's STARTTLS) */
    int32_t malformed;         /* 1 if capabilities came before the greeting line */
} mxtls_capabilities;

/** mxtls_exchange.direction */
#define MXTLS_EXCHANGE_SENT 1      /* mxtls sent these bytes */
#define MXTLS_EXCHANGE_RECEIVED 2  /* the server sent these bytes */

/** A turn of the SMTP dialogue: the bytes mxtls sent, or the bytes it
 *  received, exactly as they went over the connection (inside TLS once TLS
 *  is up: the decrypted SMTP text, not the TLS records). Consecutive reads
 *  (or writes) make one exchange. Part of a result; the result owns it.
 *  Since 0.1 (issue 18). */
typedef struct mxtls_exchange {
    uint32_t struct_size;
    int32_t direction;         /* MXTLS_EXCHANGE_SENT or _RECEIVED */
    int32_t over_tls;          /* 1: inside TLS; 0: plaintext */
    size_t length;
    const uint8_t *data;       /* length bytes; any bytes, not NUL-terminated */
} mxtls_exchange;

/** What mxtls_connect() saw. Library-allocated; free with
 * mxtls_connect_result_free(). Times are -1 where not reached. */
typedef struct mxtls_connect_result {
    uint32_t struct_size;
    const char *address;       /* "192.0.2.7" or "2001:db8::7" */
    int32_t port;
    int32_t mode;              /* MXTLS_MODE_* */
    int32_t failure;           /* MXTLS_CONN_* */
    int32_t failure_phase;     /* MXTLS_PHASE_* */
    int32_t sys_errno;         /* errno behind refused/reset/unreachable/error */
    int32_t seen;              /* MXTLS_SEEN_*, for NOT_SMTP and TIMEOUT */
    int32_t reply_error;       /* MXTLS_REPLY_*, for PROTOCOL */
    size_t n_first_bytes;      /* the first bytes the server sent, */
    const uint8_t *first_bytes;/* at most mxtls_first_bytes_max() */
    int64_t connect_ms;        /* SYN to established */
    int64_t banner_ms;         /* established to the whole banner */
    int64_t ehlo_ms;           /* EHLO sent to its whole reply (HELO included) */
    int32_t banner_code;       /* 0 if no banner was read */
    const char *banner;        /* banner lines joined by '\n'; "" if none */
    int32_t ehlo_code;         /* code of the EHLO (or HELO) reply; 0 if none */
    int32_t helo_fallback;     /* 1 if EHLO got 500/502 and HELO was used */
    size_t n_ehlo_lines;       /* the EHLO reply, line by line, without codes */
    const char *const *ehlo_lines;
    const mxtls_capabilities *caps; /* never NULL; all zero without EHLO */
    const char *detail;        /* one human-readable line; never NULL */
    /* Appended in 0.1 (issue 18): the dialogue's bytes, for transcripts. */
    size_t n_exchanges;        /* the banner, EHLO and its reply ... in order */
    const mxtls_exchange *const *exchanges;
    int32_t transcript_truncated; /* 1: the session moved more than
                                     mxtls_transcript_max() bytes; those
                                     past it are not kept */
} mxtls_connect_result;

/**
 * Open an SMTP session to one address.
 *
 * Connects to @p address on @p port, if @p ctx's address policy allows the
 * address (judged from its bytes, not from its policy_allowed member);
 * otherwise returns MXTLS_EPOLICY without touching the network.
 * For MXTLS_MODE_STARTTLS and MXTLS_MODE_PLAIN it reads the banner and
 * sends EHLO with the context's HELO name, falling back to HELO on 500/502.
 * For MXTLS_MODE_IMPLICIT_TLS it only opens TCP: mxtls_starttls() then runs
 * the handshake and reads the banner and EHLO over TLS.
 * @p server_name (may be NULL) is the name the sender uses for this host:
 * the default SNI of later handshakes. It is copied.
 *
 * Blocks at most the context's MXTLS_STAGE_CONNECT timeout.
 * Returns MXTLS_OK when the check ran, whatever it found: then *result is
 * set, and *session is an open session if result->failure is MXTLS_CONN_OK,
 * else NULL. Non-OK means it could not run and both are NULL: MXTLS_EINVAL
 * (NULL argument, unknown mode, port outside 1..65535), MXTLS_EPOLICY,
 * MXTLS_ENOMEM. The session does not refer to @p ctx after this returns.
 * Thread-safety: one thread per ctx at a time; separate
 * contexts run in parallel. Since 0.1.
 */
MXTLS_EXPORT mxtls_status mxtls_connect(mxtls_ctx *ctx, const mxtls_address *address,
                                        int32_t port, int32_t mode,
                                        const char *server_name,
                                        mxtls_session **session,
                                        mxtls_connect_result **result);

/**
 * Send QUIT (over TLS if it is up, with the close_notify after it), close
 * and free the session. The reply to QUIT is not waited for (nor is it by
 * Postfix, by default).
 * NULL is a no-op. Blocks only while the socket has no room for QUIT: at
 * most the session's connect timeout and never more than 2 seconds.
 * Thread-safety: a session belongs to one thread. Since 0.1.
 */
MXTLS_EXPORT void mxtls_session_close(mxtls_session *session);

/** Free a connect result; NULL is a no-op. Results are independent of
 *  their session and context, and may be read from any thread. Thread-safe once
 *  no other thread uses it. Since 0.1. */
MXTLS_EXPORT void mxtls_connect_result_free(mxtls_connect_result *result);

/** sizeof the result structs as this library was built, for bindings.
 *  Thread-safe. Since 0.1. */
MXTLS_EXPORT size_t mxtls_connect_result_struct_size(void);
MXTLS_EXPORT size_t mxtls_capabilities_struct_size(void);
/** sizeof(mxtls_exchange). Thread-safe. Since 0.1 (issue 18). */
MXTLS_EXPORT size_t mxtls_exchange_struct_size(void);

/** Limits a binding needs (macros are invisible to ctypes). Thread-safe.
 *  Since 0.1. */
MXTLS_EXPORT size_t mxtls_first_bytes_max(void);
MXTLS_EXPORT size_t mxtls_reply_lines_max(void);
MXTLS_EXPORT size_t mxtls_reply_bytes_max(void);
/** The most bytes of SMTP dialogue one session keeps for its results'
 *  exchanges, sent and received together (8192); the rest is counted in
 *  transcript_truncated. Thread-safe. Since 0.1 (issue 18). */
MXTLS_EXPORT size_t mxtls_transcript_max(void);

#ifdef __cplusplus
}
#endif
#endif
