/* The connect stage: TCP, banner, EHLO (HELO on 500/502). See connect.h. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "address.h"
#include "alloc.h"
#include "buffer.h"
#include "clock.h"
#include "ctx.h"
#include "inet.h"
#include "mxtls/connect.h"
#include "session.h"

/* The dialogue phase a failure belongs to, from the machine's state. */
static int32_t phase_of(const struct mxtls__smtp *smtp)
{
    enum mxtls__smtp_state st =
        smtp->state == MXTLS__S_FAILED ? smtp->failed_in : smtp->state;
    switch (st) {
    case MXTLS__S_BANNER:
        return MXTLS_PHASE_BANNER;
    case MXTLS__S_EHLO:
        return MXTLS_PHASE_EHLO;
    case MXTLS__S_HELO:
        return MXTLS_PHASE_HELO;
    case MXTLS__S_STARTTLS:
        return MXTLS_PHASE_STARTTLS;
    case MXTLS__S_EHLO_TLS:
        return MXTLS_PHASE_EHLO_TLS;
    case MXTLS__S_QUIT:
        return MXTLS_PHASE_QUIT;
    default:
        return MXTLS_PHASE_NONE;
    }
}

static int to_sockaddr(const mxtls_address *a, int32_t port,
                       struct sockaddr_storage *ss, socklen_t *len)
{
    memset(ss, 0, sizeof *ss);
    if (port < 1 || port > 65535)
        return -1;
    if (a->family == 4) {
        struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((uint16_t)port);
        memcpy(&s4->sin_addr, a->bytes, 4);
        *len = sizeof *s4;
        return 0;
    }
    if (a->family == 6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((uint16_t)port);
        memcpy(&s6->sin6_addr, a->bytes, 16);
        *len = sizeof *s6;
        return 0;
    }
    return -1;
}

/* Fill failure, phase and seen for an I/O failure or a protocol error. */
static void classify(mxtls_connect_result *r, const struct mxtls_session *s,
                     int ev, enum mxtls__io_status st)
{
    r->failure_phase = phase_of(&s->smtp);
    r->sys_errno = s->io.sys_errno;
    r->seen = (int32_t)mxtls__sniff(s->io.capture, s->io.capture_len);
    if (ev == MXTLS__E_PROTOCOL_ERROR) {
        /* In the banner, anything but an SMTP reply means another service. */
        int smtp = r->seen == MXTLS_SEEN_SMTP;
        r->failure = smtp || r->failure_phase != MXTLS_PHASE_BANNER
                         ? MXTLS_CONN_PROTOCOL : MXTLS_CONN_NOT_SMTP;
        r->reply_error = (int32_t)s->smtp.parser.error;
        return;
    }
    r->failure = mxtls__conn_failure(st);
}

static int copy_greeting(mxtls_connect_result *r, const struct mxtls_session *s)
{
    mxtls__caps_free(r->caps);
    r->caps = mxtls__caps_new(&s->smtp.caps);
    r->ehlo_code = mxtls__smtp_last(&s->smtp)->code;
    r->helo_fallback = s->smtp.used_helo;
    if (!r->caps)
        return -1;
    return mxtls__copy_lines(mxtls__smtp_last(&s->smtp), &r->n_ehlo_lines, &r->ehlo_lines);
}

/* Banner then EHLO/HELO. Returns 0, or -1 on ENOMEM. */
static int greet(struct mxtls_session *s, mxtls_connect_result *r, int64_t deadline)
{
    enum mxtls__io_status st = MXTLS__IO_OK;
    int64_t t0 = mxtls__now_ms();
    int ev = mxtls__session_drive(s, deadline, &st);
    if (ev == MXTLS__E_BANNER || ev == MXTLS__E_BANNER_REJECTED) {
        r->banner_ms = mxtls__now_ms() - t0;
        r->banner_code = mxtls__smtp_last(&s->smtp)->code;
        mxtls__free((void *)r->banner);
        r->banner = NULL;
        if (mxtls__copy_reply_text(mxtls__smtp_last(&s->smtp), &r->banner) < 0)
            return -1;
    }
    if (ev == MXTLS__E_BANNER_REJECTED) {
        r->failure = MXTLS_CONN_REJECTED;
        r->failure_phase = MXTLS_PHASE_BANNER;
        return 0;
    }
    if (ev != MXTLS__E_BANNER) {
        classify(r, s, ev, st);
        return 0;
    }
    t0 = mxtls__now_ms();
    ev = mxtls__session_drive(s, deadline, &st);
    if (ev == MXTLS__E_EHLO_REJECTED)
        ev = mxtls__session_drive(s, deadline, &st);
    if (ev == MXTLS__E_GREETED || ev == MXTLS__E_GREET_FAILED) {
        r->ehlo_ms = mxtls__now_ms() - t0;
        if (copy_greeting(r, s) < 0)
            return -1;
    }
    if (ev == MXTLS__E_GREET_FAILED) {
        r->failure = MXTLS_CONN_REJECTED;
        r->failure_phase = s->smtp.used_helo ? MXTLS_PHASE_HELO : MXTLS_PHASE_EHLO;
    } else if (ev != MXTLS__E_GREETED) {
        classify(r, s, ev, st);
    }
    return 0;
}

static mxtls_connect_result *result_new(const mxtls_address *a, int32_t port,
                                        int32_t mode)
{
    mxtls_connect_result *r = mxtls__calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->struct_size = sizeof *r;
    r->port = port;
    r->mode = mode;
    r->connect_ms = r->banner_ms = r->ehlo_ms = -1;
    r->address = mxtls__strdup(a->text ? a->text : "");
    r->banner = mxtls__strdup("");
    r->caps = mxtls__caps_new(&(struct mxtls__caps){0});
    if (!r->address || !r->banner || !r->caps) {
        mxtls_connect_result_free(r);
        return NULL;
    }
    return r;
}

static struct mxtls_session *session_new(mxtls_ctx *ctx, int32_t mode,
                                         const char *server_name)
{
    struct mxtls_session *s = mxtls__calloc(1, sizeof *s);
    if (!s)
        return NULL;
    mxtls__io_init(&s->io);
    s->mode = mode;
    s->connect_timeout_ms = ctx->timeout_ms[MXTLS_STAGE_CONNECT];
    s->starttls_timeout_ms = ctx->timeout_ms[MXTLS_STAGE_STARTTLS];
    if (server_name && !(s->server_name = mxtls__strdup(server_name))) {
        mxtls__free(s);
        return NULL;
    }
    /* The ctx setter validated the name; smtp.c checks it again because it
     * goes on the wire verbatim. */
    if (mxtls__smtp_init(&s->smtp, ctx->helo_name) < 0)
        (void)mxtls__smtp_init(&s->smtp, "localhost");
    return s;
}

/* TCP, then the dialogue unless implicit TLS. 0, or -1 on ENOMEM. */
static int run(struct mxtls_session *s, const mxtls_address *a, int32_t port,
               mxtls_connect_result *r)
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (to_sockaddr(a, port, &ss, &len) < 0) {
        r->failure = MXTLS_CONN_ERROR;    /* valid_args checked; defensive */
        return 0;
    }
    /* In the batch engine, wait for a connection slot to this destination
     * first: the time in line is not the server's, so the deadline starts
     * after it. */
    int reserved = mxtls__io_reserve(&s->io, (struct sockaddr *)&ss, len) == 0;
    if (!reserved && s->io.sys_errno == ENOMEM)
        return -1;                     /* the engine's slot table */
    int64_t deadline = mxtls__now_ms() + s->connect_timeout_ms;
    int64_t t0 = mxtls__now_ms();
    enum mxtls__io_status st = reserved ? mxtls__io_connect(&s->io, (struct sockaddr *)&ss,
                                                            len, deadline)
                                        : MXTLS__IO_ERROR;
    if (st != MXTLS__IO_OK) {
        r->failure = mxtls__conn_failure(st);
        r->failure_phase = MXTLS_PHASE_TCP;
        r->sys_errno = s->io.sys_errno;
        r->seen = st == MXTLS__IO_TIMEOUT ? MXTLS_SEEN_SILENCE : MXTLS_SEEN_NOTHING;
        return 0;
    }
    r->connect_ms = mxtls__now_ms() - t0;
    if (s->mode == MXTLS_MODE_IMPLICIT_TLS)
        return 0;
    s->io.capturing = 1;
    int rc = greet(s, r, deadline);
    s->io.capturing = 0;
    return rc;
}

static int finish(mxtls_connect_result *r, const struct mxtls_session *s)
{
    if (s->io.capture_len &&
        mxtls__copy_bytes(s->io.capture, s->io.capture_len, &r->n_first_bytes,
                          &r->first_bytes) < 0)
        return -1;
    struct mxtls__failure_view f = {r->failure, r->failure_phase, r->seen,
                                    r->reply_error, r->sys_errno,
                                    r->failure_phase == MXTLS_PHASE_BANNER
                                        ? r->banner_code : r->ehlo_code};
    if (r->failure == MXTLS_CONN_OK)
        r->detail = mxtls__format("connected in %lld ms; %s", (long long)r->connect_ms,
                                  s->mode == MXTLS_MODE_IMPLICIT_TLS
                                      ? "TLS handshake next"
                                      : r->caps->starttls ? "STARTTLS offered"
                                                          : "STARTTLS not offered");
    else
        r->detail = mxtls__failure_detail(&f);
    return r->detail ? 0 : -1;
}

/* Judge the address by its bytes under this ctx's policy: the caller's
 * struct may come from another context, or from a binding that filled it
 * in by hand, so its scope and policy_allowed fields are not trusted. */
static int policy_allows(const mxtls_ctx *ctx, const mxtls_address *a)
{
    return mxtls__addr_policy_allows(ctx, mxtls__inet_scope(a->family, a->bytes));
}

static int valid_args(mxtls_ctx *ctx, const mxtls_address *a, int32_t port,
                      int32_t mode, mxtls_session **session,
                      mxtls_connect_result **result)
{
    return ctx && a && session && result && (a->family == 4 || a->family == 6) &&
           port >= 1 && port <= 65535 &&
           (mode == MXTLS_MODE_STARTTLS || mode == MXTLS_MODE_IMPLICIT_TLS ||
            mode == MXTLS_MODE_PLAIN);
}

mxtls_status mxtls_connect(mxtls_ctx *ctx, const mxtls_address *address, int32_t port,
                           int32_t mode, const char *server_name,
                           mxtls_session **session, mxtls_connect_result **result)
{
    if (session)
        *session = NULL;
    if (result)
        *result = NULL;
    if (!valid_args(ctx, address, port, mode, session, result))
        return MXTLS_EINVAL;
    if (!policy_allows(ctx, address))
        return MXTLS_EPOLICY;
    mxtls_connect_result *r = result_new(address, port, mode);
    struct mxtls_session *s = r ? session_new(ctx, mode, server_name) : NULL;
    if (!s) {
        mxtls_connect_result_free(r);
        return MXTLS_ENOMEM;
    }
    int rc = run(s, address, port, r);
    if (mxtls__transcript_take(s, &r->n_exchanges, &r->exchanges,
                               &r->transcript_truncated) < 0)
        rc = -1;
    if (rc < 0 || finish(r, s) < 0) {
        mxtls__session_free(s);
        mxtls_connect_result_free(r);
        return MXTLS_ENOMEM;
    }
    if (r->failure != MXTLS_CONN_OK) {
        mxtls__session_free(s);
        s = NULL;
    }
    *session = s;
    *result = r;
    return MXTLS_OK;
}

void mxtls_connect_result_free(mxtls_connect_result *r)
{
    if (!r)
        return;
    mxtls__free((void *)r->address);
    mxtls__free((void *)r->first_bytes);
    mxtls__free((void *)r->banner);
    mxtls__free_lines(r->n_ehlo_lines, r->ehlo_lines);
    mxtls__caps_free(r->caps);
    mxtls__free((void *)r->detail);
    mxtls__exchanges_free(r->n_exchanges, r->exchanges);
    mxtls__free(r);
}

void mxtls_session_close(mxtls_session *s)
{
    if (!s)
        return;
    int64_t wait = s->connect_timeout_ms < MXTLS__QUIT_WAIT_MS ? s->connect_timeout_ms
                                                               : MXTLS__QUIT_WAIT_MS;
    int64_t deadline = mxtls__now_ms() + wait;
    s->transcript.off = 1;   /* no result will show the QUIT */
    /* QUIT, and over TLS the close_notify after it, leave in one write, and
     * the 221 is not waited for. Postfix does the same by default
     * (smtp_skip_quit_response): nothing reads the reply, and waiting for it
     * cost every probe a round trip, and 2 s with a server that never sent
     * it. */
    if (s->state != MXTLS__SESS_DEAD && mxtls__smtp_quit(&s->smtp) == 0) {
        size_t n;
        const uint8_t *out = mxtls__smtp_output(&s->smtp, &n);
        (void)mxtls__io_send(&s->io, out, n, deadline);
    }
    if (s->state == MXTLS__SESS_TLS)
        mxtls__io_tls_bye(&s->io, deadline);
    mxtls__session_free(s);
}

size_t mxtls_first_bytes_max(void)
{
    return MXTLS__IO_CAPTURE_MAX;
}

size_t mxtls_reply_lines_max(void)
{
    return MXTLS__SMTP_REPLY_LINES_MAX;
}

size_t mxtls_reply_bytes_max(void)
{
    return MXTLS__SMTP_REPLY_TEXT_MAX;
}

size_t mxtls_transcript_max(void)
{
    return MXTLS__TRANSCRIPT_MAX;
}

size_t mxtls_exchange_struct_size(void)
{
    return sizeof(mxtls_exchange);
}

size_t mxtls_connect_result_struct_size(void)
{
    return sizeof(mxtls_connect_result);
}

size_t mxtls_capabilities_struct_size(void)
{
    return sizeof(mxtls_capabilities);
}
