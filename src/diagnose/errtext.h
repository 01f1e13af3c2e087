/* Facts in an error text a user pastes (Gmail, BoringSSL, OpenSSL, GnuTLS,
 * Postfix, Exim). A pure function over a bounded buffer, fuzzed on its own;
 * explain.c turns the facts into likely causes. */
#ifndef MXTLS_ERRTEXT_H
#define MXTLS_ERRTEXT_H

#include <stddef.h>
#include <stdint.h>

#define MXTLS__ERRTEXT_MAX 65536 /* octets of input read: MXTLS_EXPLAIN_MAX_TEXT */

/* What the text says happened (flags). */
#define ERR_TLS_NEGOTIATION_FAILED (1u << 0)
#define ERR_CERT_NAME_MISMATCH (1u << 1) /* Gmail's "doesn't match the host" too */
#define ERR_CERT_SELF_SIGNED (1u << 2)
#define ERR_CERT_EXPIRED (1u << 3)
#define ERR_CERT_UNTRUSTED (1u << 4)     /* unknown CA, untrusted issuer, verify failed */
#define ERR_TIMEOUT (1u << 5)
#define ERR_REFUSED (1u << 6)
#define ERR_STARTTLS_NOT_OFFERED (1u << 7)
#define ERR_NO_SHARED_CIPHER (1u << 8)
#define ERR_PROTOCOL_VERSION (1u << 9)
#define ERR_NOT_TLS (1u << 10)           /* "wrong version number", "unknown protocol" */
#define ERR_RESET (1u << 11)             /* connection reset / lost connection */
#define ERR_CERT_NOT_YET_VALID (1u << 12)
#define ERR_DANE (1u << 13)
#define ERR_MTA_STS (1u << 14)
#define ERR_CERT_LOAD (1u << 15)         /* the server could not load its cert/key */

struct mxtls__error_facts {
    int32_t source;          /* MXTLS_TEXT_* that matched first */
    int32_t alert;           /* TLS alert number, or -1 */
    int32_t alert_sender;    /* MXTLS_PEER_* */
    uint32_t alert_words_at, alert_words_len; /* where the text names the alert
                                ("bad certificate" in "remote error: tls: bad
                                certificate"); len 0: only by number */
    int32_t smtp_code;       /* first SMTP reply code seen (4xx/5xx), or 0 */
    int32_t gmail_starttls_error; /* the N in Gmail's "starttls error (N)", or -1 */
    uint32_t flags;          /* ERR_* */
    int32_t logged_by_server; /* 1 when the text is the receiving server's own log */
    char host[256];          /* a host named in the text, or "" */
    int32_t port;            /* the port a test tool connected to with host
                                ("-connect host:465"), or -1 */
    const char *scanner;     /* set by the caller: the internet scanner whose
                                visits were blanked (errtext_scanners.h), or
                                NULL; mxtls__errtext_parse() sets NULL */
    int32_t unverified_aside; /* set by the caller: Sendmail's verify=FAIL was
                                set aside for another failure; parse sets 0 */
    int32_t bare_symptom;    /* set by the caller: the text only said that the
                                connection or its handshake failed, not why;
                                parse sets 0 */
    int32_t helo_refused;    /* set by the caller: the server refused the name
                                the client greeted it with; parse sets 0 */
    int32_t delivered;       /* set by the caller: lines of deliveries that the
                                text shows succeeded were set aside; parse
                                sets 0 */
};

/* A "host", "host:port", "[IPv6]" or "[IPv6]:port" at t[0..len), as a URL
 * or a tool's -connect names it: where the host is (*host_at, *host_len,
 * inside any brackets) and the port (1..65535; -1 when none is given, or
 * what follows the host is no port: "[2001:db8::25:465" has no closing
 * bracket, so neither host nor port). Returns the octets read, 0 when t
 * names no host. */
size_t mxtls__errtext_host_port(const char *t, size_t len, size_t *host_at, size_t *host_len,
                                int32_t *port);

/* The text turned out to be the receiving server's own log: an alert it
 * reports as received came from the connecting side, not the other way. */
void mxtls__errtext_from_receiver(struct mxtls__error_facts *f);

/* Extract facts from text[0..len) (len is capped at MXTLS__ERRTEXT_MAX).
 * Never fails; unknown texts give source MXTLS_TEXT_UNKNOWN and no flags. */
void mxtls__errtext_parse(const char *text, size_t len, struct mxtls__error_facts *out);

#endif
