/* The SMTP session shared by the connect and starttls stages: the loop
 * that drives the dialogue over the session's I/O, freeing a session, and
 * what both stages build into their results (reply lines, capabilities,
 * the one-line failure detail). See session.h. connect.c opens a session;
 * starttls.c carries it on. */
#define _POSIX_C_SOURCE 200809L
#include "session.h"

#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"

/* ---- result pieces both stages build ------------------------------------- */

int mxtls__copy_lines(const struct mxtls__reply *r, size_t *n, const char *const **out)
{
    *n = 0;
    *out = NULL;
    if (r->n_lines == 0)
        return 0;
    char **lines = mxtls__calloc(r->n_lines, sizeof *lines);
    if (!lines)
        return -1;
    for (size_t i = 0; i < r->n_lines; i++) {
        lines[i] = mxtls__strdup(mxtls__reply_line(r, i));
        if (!lines[i]) {
            mxtls__free_lines(i, (const char *const *)lines);
            return -1;
        }
    }
    *n = r->n_lines;
    *out = (const char *const *)lines;
    return 0;
}

void mxtls__free_lines(size_t n, const char *const *lines)
{
    if (!lines)
        return;
    for (size_t i = 0; i < n; i++)
        mxtls__free((void *)lines[i]);
    mxtls__free((void *)lines);
}

/* The reply's lines joined by '\n' (the NULs between them become '\n'). */
int mxtls__copy_reply_text(const struct mxtls__reply *r, const char **out)
{
    size_t n = r->text_len ? r->text_len : 1;
    char *t = mxtls__malloc(n);
    if (!t)
        return -1;
    memcpy(t, r->text, r->text_len);
    for (size_t i = 0; i + 1 < r->text_len; i++)
        if (t[i] == '\0')
            t[i] = '\n';
    t[n - 1] = '\0';
    *out = t;
    return 0;
}

int mxtls__copy_bytes(const uint8_t *d, size_t n, size_t *nout, const uint8_t **out)
{
    *nout = 0;
    *out = NULL;
    if (n == 0)
        return 0;
    uint8_t *p = mxtls__malloc(n);
    if (!p)
        return -1;
    memcpy(p, d, n);
    *nout = n;
    *out = p;
    return 0;
}

static int copy_auth(mxtls_capabilities *caps, const struct mxtls__caps *c)
{
    if (c->n_auth == 0)
        return 0;
    char **auth = mxtls__calloc(c->n_auth, sizeof *auth);
    if (!auth)
        return -1;
    caps->auth = (const char *const *)auth;
    for (size_t i = 0; i < c->n_auth; i++) {
        if (!(auth[i] = mxtls__strdup(c->auth[i])))
            return -1;
        caps->n_auth = i + 1;
    }
    return 0;
}

mxtls_capabilities *mxtls__caps_new(const struct mxtls__caps *c)
{
    mxtls_capabilities *caps = mxtls__calloc(1, sizeof *caps);
    if (!caps)
        return NULL;
    caps->struct_size = sizeof *caps;
    caps->starttls = !!(c->flags & MXTLS__CAP_STARTTLS);
    caps->pipelining = !!(c->flags & MXTLS__CAP_PIPELINING);
    caps->eightbitmime = !!(c->flags & MXTLS__CAP_8BITMIME);
    caps->smtputf8 = !!(c->flags & MXTLS__CAP_SMTPUTF8);
    caps->chunking = !!(c->flags & MXTLS__CAP_CHUNKING);
    caps->enhancedstatuscodes = !!(c->flags & MXTLS__CAP_ENHANCEDSTATUSCODES);
    caps->dsn = !!(c->flags & MXTLS__CAP_DSN);
    caps->requiretls = !!(c->flags & MXTLS__CAP_REQUIRETLS);
    caps->has_size = !!(c->flags & MXTLS__CAP_SIZE);
    caps->size_limit = c->size_limit;
    caps->masked = c->masked;
    caps->starttls_masked = c->starttls_masked;
    caps->malformed = c->malformed;
    if (copy_auth(caps, c) < 0) {
        mxtls__caps_free(caps);
        return NULL;
    }
    return caps;
}

void mxtls__caps_free(const mxtls_capabilities *caps)
{
    if (!caps)
        return;
    mxtls__free_lines(caps->n_auth, caps->auth);
    mxtls__free((void *)caps);
}

/* ---- the transcript ------------------------------------------------------ */

void mxtls__transcript_record(struct mxtls_session *s, int32_t direction,
                              const uint8_t *data, size_t n)
{
    struct mxtls__transcript *t = &s->transcript;
    int32_t over_tls = s->io.tls != NULL;
    if (n == 0 || t->truncated || t->nomem || t->off)
        return;
    if (t->bytes + n > MXTLS__TRANSCRIPT_MAX) {
        n = MXTLS__TRANSCRIPT_MAX - t->bytes;
        t->truncated = 1;
        if (n == 0)
            return;
    }
    mxtls_exchange *last = t->n > 0 ? t->items[t->n - 1] : NULL;
    if (last == NULL || last->direction != direction || last->over_tls != over_tls) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 8;
            mxtls_exchange **items = mxtls__realloc(t->items, cap * sizeof *items);
            if (items == NULL) {
                t->nomem = 1;
                return;
            }
            t->items = items;
            t->cap = cap;
        }
        if ((last = mxtls__calloc(1, sizeof *last)) == NULL) {
            t->nomem = 1;
            return;
        }
        last->struct_size = sizeof *last;
        last->direction = direction;
        last->over_tls = over_tls;
        t->items[t->n++] = last;
    }
    uint8_t *grown = mxtls__realloc((void *)last->data, last->length + n);
    if (grown == NULL) {
        t->nomem = 1;
        return;
    }
    memcpy(grown + last->length, data, n);
    last->data = grown;
    last->length += n;
    t->bytes += n;
}

int mxtls__transcript_take(struct mxtls_session *s, size_t *n,
                           const mxtls_exchange *const **items, int32_t *truncated)
{
    struct mxtls__transcript *t = &s->transcript;
    mxtls__exchanges_free(*n, *items);
    *n = t->n;
    *items = (const mxtls_exchange *const *)t->items;
    *truncated = t->truncated;
    t->items = NULL;
    t->n = t->cap = 0;
    return t->nomem ? -1 : 0;
}

void mxtls__exchanges_free(size_t n, const mxtls_exchange *const *items)
{
    for (size_t i = 0; items != NULL && i < n; i++) {
        mxtls__free((void *)items[i]->data);
        mxtls__free((void *)items[i]);
    }
    mxtls__free((void *)items);
}

/* ---- the session --------------------------------------------------------- */

int mxtls__session_drive(struct mxtls_session *s, int64_t deadline,
                         enum mxtls__io_status *st)
{
    for (;;) {
        size_t n;
        const uint8_t *out = mxtls__smtp_output(&s->smtp, &n);
        if (n > 0) {
            if ((*st = mxtls__io_send(&s->io, out, n, deadline)) != MXTLS__IO_OK)
                return -1;
            mxtls__transcript_record(s, MXTLS_EXCHANGE_SENT, out, n);
            mxtls__smtp_output_done(&s->smtp, n);
        }
        if (s->in_off < s->in_len) {
            size_t used;
            enum mxtls__smtp_event ev = mxtls__smtp_feed(
                &s->smtp, s->in + s->in_off, s->in_len - s->in_off, &used);
            s->in_off += used;
            if (ev != MXTLS__E_NEED_INPUT)
                return (int)ev;
        }
        size_t got;
        s->in_off = s->in_len = 0;
        if ((*st = mxtls__io_recv(&s->io, s->in, sizeof s->in, &got, deadline)) !=
            MXTLS__IO_OK)
            return -1;
        mxtls__transcript_record(s, MXTLS_EXCHANGE_RECEIVED, s->in, got);
        s->in_len = got;
    }
}

int32_t mxtls__conn_failure(enum mxtls__io_status st)
{
    switch (st) {
    case MXTLS__IO_OK:
        return MXTLS_CONN_OK;
    case MXTLS__IO_EOF:
        return MXTLS_CONN_EOF;
    case MXTLS__IO_TIMEOUT:
        return MXTLS_CONN_TIMEOUT;
    case MXTLS__IO_RESET:
        return MXTLS_CONN_RESET;
    case MXTLS__IO_REFUSED:
        return MXTLS_CONN_REFUSED;
    case MXTLS__IO_UNREACHABLE:
        return MXTLS_CONN_UNREACHABLE;
    case MXTLS__IO_TLS:
        return MXTLS_CONN_TLS;
    default:
        return MXTLS_CONN_ERROR;
    }
}

void mxtls__session_free(struct mxtls_session *s)
{
    if (!s)
        return;
    if (s->tls)
        gnutls_deinit(s->tls);
    if (s->cred)
        gnutls_certificate_free_credentials(s->cred);
    mxtls__io_close(&s->io);
    mxtls__exchanges_free(s->transcript.n, (const mxtls_exchange *const *)s->transcript.items);
    mxtls__free(s->server_name);
    mxtls__free(s);
}

/* ---- failure details ----------------------------------------------------- */

const char *mxtls__seen_name(int32_t seen)
{
    static const char *const names[] = {
        "nothing", "silence", "an HTTP reply", "a TLS record",
        "binary data", "text that is not SMTP", "an SMTP reply"};
    return seen >= 0 && seen <= MXTLS_SEEN_SMTP ? names[seen] : "?";
}

static const char *phase_name(int32_t phase)
{
    static const char *const names[] = {
        "", "TCP connect", "the banner", "the EHLO reply", "the HELO reply",
        "the STARTTLS reply", "the TLS handshake", "the EHLO reply over TLS",
        "the QUIT reply"};
    return phase >= 0 && phase <= MXTLS_PHASE_QUIT ? names[phase] : "?";
}

static const char *reply_error_name(int32_t e)
{
    static const char *const names[] = {
        "ok", "a line over 512 octets", "too many lines", "too many bytes",
        "bad syntax", "a reply code that changed mid-reply", "a NUL byte"};
    return e >= 0 && e <= MXTLS_REPLY_NUL ? names[e] : "?";
}

/* Only the banner and the handshake say something by what came first: a
 * tarpit sends nothing, a trickle some bytes; later phases just waited. */
static char *timeout_detail(const struct mxtls__failure_view *f)
{
    int first = f->phase == MXTLS_PHASE_BANNER || f->phase == MXTLS_PHASE_HANDSHAKE;
    if (first && (f->seen == MXTLS_SEEN_SILENCE || f->seen == MXTLS_SEEN_NOTHING))
        return mxtls__format("timed out waiting for %s: the server sent nothing",
                             phase_name(f->phase));
    if (first)
        return mxtls__format("timed out during %s: %s began, then stalled",
                             phase_name(f->phase), mxtls__seen_name(f->seen));
    return mxtls__format("timed out waiting for %s", phase_name(f->phase));
}

char *mxtls__failure_detail(const struct mxtls__failure_view *f)
{
    /* Never called for MXTLS_CONN_OK: both callers describe success
     * themselves. */
    switch (f->failure) {
    case MXTLS_CONN_REFUSED:
        return mxtls__strdup("connection refused: nothing listens on this port");
    case MXTLS_CONN_TIMEOUT:
        return timeout_detail(f);
    case MXTLS_CONN_RESET:
        return mxtls__format("connection reset during %s", phase_name(f->phase));
    case MXTLS_CONN_EOF:
        return mxtls__format("connection closed by the server during %s",
                             phase_name(f->phase));
    case MXTLS_CONN_UNREACHABLE:
        return mxtls__format("address unreachable (%s)", strerror(f->sys_errno));
    case MXTLS_CONN_NOT_SMTP:
        return mxtls__format("not SMTP: %s came instead of %s",
                             mxtls__seen_name(f->seen), phase_name(f->phase));
    case MXTLS_CONN_PROTOCOL:
        return mxtls__format("%s broke RFC 5321: %s", phase_name(f->phase),
                             reply_error_name(f->reply_error));
    case MXTLS_CONN_REJECTED:
        return mxtls__format("%s was %d: the server refused", phase_name(f->phase),
                             f->code);
    default:
        /* Our own process ran out of descriptors (a big batch): say so,
         * rather than blame the server for an error it never saw. */
        if (f->sys_errno == EMFILE || f->sys_errno == ENFILE)
            return mxtls__format("too many open files (raise RLIMIT_NOFILE): this host "
                                 "could not open a socket for %s; the server was not "
                                 "reached", phase_name(f->phase));
        return mxtls__format("socket error during %s: %s", phase_name(f->phase),
                             strerror(f->sys_errno));
    }
}
