/* The SMTP session shared by the connect and starttls stages (internal);
 * its functions are session.c. */
#ifndef MXTLS_SESSION_H
#define MXTLS_SESSION_H

#include <gnutls/gnutls.h>
#include <stddef.h>
#include <stdint.h>

#include "io.h"
#include "mxtls/connect.h"
#include "smtp.h"

#define MXTLS__SESSION_INBUF 4096
/* QUIT is a courtesy: never wait long to send it. */
#define MXTLS__QUIT_WAIT_MS 2000
/* The most bytes of dialogue a session keeps for transcripts (sent and
 * received together; mxtls_transcript_max()). */
#define MXTLS__TRANSCRIPT_MAX 8192

/* The exact bytes of the SMTP dialogue, recorded as they are sent and
 * received, for the results' exchanges. Past MXTLS__TRANSCRIPT_MAX bytes it
 * stops and says it was cut; out of memory it stops, and the stage that
 * takes it returns MXTLS_ENOMEM. */
struct mxtls__transcript {
    mxtls_exchange **items;
    size_t n, cap;
    size_t bytes;                        /* kept so far, over the session */
    int truncated;
    int nomem;                           /* an allocation failed */
    int off;                             /* not recording (QUIT at close) */
};

enum mxtls__session_state {
    MXTLS__SESS_PLAIN = 0,  /* greeted in plaintext (or TCP only, implicit) */
    MXTLS__SESS_TLS,        /* TLS up and greeted again */
    MXTLS__SESS_DEAD        /* failed: can only be closed */
};

struct mxtls_session {
    enum mxtls__session_state state;
    int32_t mode;
    int64_t starttls_timeout_ms;
    int64_t connect_timeout_ms;
    char *server_name;                   /* owned; may be NULL */
    struct mxtls__io io;
    struct mxtls__smtp smtp;
    gnutls_session_t tls;                /* owned once created */
    gnutls_certificate_credentials_t cred;
    uint8_t in[MXTLS__SESSION_INBUF];    /* read but not yet parsed */
    size_t in_off, in_len;
    struct mxtls__transcript transcript;
};

/* Record n bytes sent or received (MXTLS_EXCHANGE_*) in s's transcript. */
void mxtls__transcript_record(struct mxtls_session *s, int32_t direction,
                              const uint8_t *data, size_t n);

/* Move what s recorded since the last take into a result's members (the
 * result owns them from here on; s starts a new list). 0, or -1 when an
 * allocation failed while recording (the stage's MXTLS_ENOMEM). */
int mxtls__transcript_take(struct mxtls_session *s, size_t *n,
                           const mxtls_exchange *const **items, int32_t *truncated);

/* Free a result's exchanges. */
void mxtls__exchanges_free(size_t n, const mxtls_exchange *const *items);

/* Run the dialogue until it has something to say: returns the event, or
 * -1 with *st set when I/O failed first. */
int mxtls__session_drive(struct mxtls_session *s, int64_t deadline,
                         enum mxtls__io_status *st);

/* Map an I/O status to a public MXTLS_CONN_* failure. */
int32_t mxtls__conn_failure(enum mxtls__io_status st);

/* Result pieces shared by both stages; each returns 0 or -1 (ENOMEM). */
int mxtls__copy_lines(const struct mxtls__reply *r, size_t *n, const char *const **out);
void mxtls__free_lines(size_t n, const char *const *lines);
int mxtls__copy_reply_text(const struct mxtls__reply *r, const char **out);
mxtls_capabilities *mxtls__caps_new(const struct mxtls__caps *c);
void mxtls__caps_free(const mxtls_capabilities *caps);
int mxtls__copy_bytes(const uint8_t *d, size_t n, size_t *nout, const uint8_t **out);

/* Everything a failure needs, gathered in one place for the detail line. */
struct mxtls__failure_view {
    int32_t failure, phase, seen, reply_error, sys_errno, code;
};
/* One human-readable line for a failure (MXTLS_CONN_* classes). */
char *mxtls__failure_detail(const struct mxtls__failure_view *f);
const char *mxtls__seen_name(int32_t seen);

/* Free everything the session owns, and the session (no QUIT). */
void mxtls__session_free(struct mxtls_session *s);

#endif
