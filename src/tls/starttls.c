/* The starttls stage: STARTTLS, a GnuTLS handshake that records exactly what
 * went wrong, and EHLO over TLS. See starttls.h. */
#define _GNU_SOURCE
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "inet.h"
#include "names.h"
#include "clock.h"
#include "mxtls/diagnose.h"
#include "mxtls/starttls.h"
#include "session.h"
#include "starttls_int.h"
#include "tls_shared.h"

/* A modern MTA's offer: TLS 1.2 and 1.3. No FFDHE groups are offered, as
 * OpenSSL-based MTAs offer none, so a server's own (possibly weak) DHE group
 * shows up instead of being papered over by RFC 7919 negotiation. */
static const char DEFAULT_PRIORITY[] =
    "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-GROUP-DH-ALL";
/* GnuTLS bounds a Certificate message (128 KiB by default); this bounds the
 * count as well, far above any real chain. */
#define CHAIN_MAX 32

enum sni_mode { SNI_DEFAULT = 0, SNI_GIVEN, SNI_NONE };

struct mxtls_tls_params {
    enum sni_mode sni_mode;
    char *sni;
    char *priority;                /* NULL: DEFAULT_PRIORITY */
    int32_t vmin, vmax;            /* 0, 0: no restriction */
    /* A check's probe: the context whose parsed priorities and empty
     * credentials the session borrows (core/tls_shared.h). NULL: the
     * session makes its own, as for any caller of the public API. */
    mxtls_ctx *shared;
};

void mxtls__tls_params_share(mxtls_tls_params *p, mxtls_ctx *ctx)
{
    p->shared = ctx;
}

/* ---- parameters ---------------------------------------------------------- */

mxtls_status mxtls_tls_params_new(mxtls_tls_params **out)
{
    if (!out)
        return MXTLS_EINVAL;
    *out = mxtls__calloc(1, sizeof **out);
    return *out ? MXTLS_OK : MXTLS_ENOMEM;
}

void mxtls_tls_params_free(mxtls_tls_params *p)
{
    if (!p)
        return;
    mxtls__free(p->sni);
    mxtls__free(p->priority);
    mxtls__free(p);
}

/* SNI goes on the wire as given, so only its length and bytes are checked:
 * printable ASCII keeps GnuTLS from IDNA-mapping (and so changing) it. */
mxtls_status mxtls_tls_params_set_sni(mxtls_tls_params *p, const char *name)
{
    if (!p || (name && !mxtls__sni_is_valid(name)))
        return MXTLS_EINVAL;
    char *copy = name ? mxtls__strdup(name) : NULL;
    if (name && !copy)
        return MXTLS_ENOMEM;
    mxtls__free(p->sni);
    p->sni = copy;
    p->sni_mode = name ? SNI_GIVEN : SNI_NONE;
    return MXTLS_OK;
}

mxtls_status mxtls_tls_params_set_priority(mxtls_tls_params *p, const char *priority)
{
    if (!p)
        return MXTLS_EINVAL;
    if (priority) {
        gnutls_priority_t check;
        if (gnutls_priority_init(&check, priority, NULL) < 0)
            return MXTLS_EINVAL;
        gnutls_priority_deinit(check);
    }
    char *copy = priority ? mxtls__strdup(priority) : NULL;
    if (priority && !copy)
        return MXTLS_ENOMEM;
    mxtls__free(p->priority);
    p->priority = copy;
    return MXTLS_OK;
}

static int known_version(int32_t v)
{
    return v >= MXTLS_TLS_1_0 && v <= MXTLS_TLS_1_3;
}

mxtls_status mxtls_tls_params_set_versions(mxtls_tls_params *p, int32_t min, int32_t max)
{
    if (!p)
        return MXTLS_EINVAL;
    if (!(min == 0 && max == 0) &&
        (!known_version(min) || !known_version(max) || min > max))
        return MXTLS_EINVAL;
    p->vmin = min;
    p->vmax = max;
    return MXTLS_OK;
}

/* The priority string for this handshake: the base plus a version range. */
static char *build_priority(const mxtls_tls_params *p)
{
    const char *base = p && p->priority ? p->priority : DEFAULT_PRIORITY;
    char range[96] = "";
    if (p && p->vmin) {
        size_t off = (size_t)snprintf(range, sizeof range, ":-VERS-ALL");
        for (int32_t v = p->vmin; v <= p->vmax; v++)
            off += (size_t)snprintf(range + off, sizeof range - off, ":+VERS-TLS1.%d",
                                    (int)(v - MXTLS_TLS_1_0));
    }
    return mxtls__format("%s%s", base, range);
}

/* RFC 6066 3: no IP literals in SNI, so a default from an address is none. */
static const char *default_sni(const char *server_name)
{
    if (!server_name || !mxtls__sni_is_valid(server_name) ||
        mxtls__inet_parse(server_name, 0, NULL) != 0)
        return NULL;
    return server_name;
}

static const char *sni_for(const mxtls_tls_params *p, const struct mxtls_session *s)
{
    if (!p || p->sni_mode == SNI_DEFAULT)
        return default_sni(s->server_name);
    return p->sni_mode == SNI_GIVEN ? p->sni : NULL;
}

/* ---- the result ---------------------------------------------------------- */

static mxtls_tls_result *result_new(void)
{
    mxtls_tls_result *r = mxtls__calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->struct_size = sizeof *r;
    r->starttls_ms = r->handshake_ms = r->ehlo_ms = -1;
    r->alert_received = r->alert_sent = -1;
    r->starttls_text = mxtls__strdup("");
    r->banner = mxtls__strdup("");
    r->caps = mxtls__caps_new(&(struct mxtls__caps){0});
    if (!r->starttls_text || !r->banner || !r->caps) {
        mxtls_tls_result_free(r);
        return NULL;
    }
    return r;
}

static void free_chain(mxtls_tls_result *r)
{
    for (size_t i = 0; r->peer_certs && i < r->n_peer_certs; i++)
        mxtls__free((void *)r->peer_certs[i]);
    mxtls__free((void *)r->peer_certs);
    mxtls__free((void *)r->peer_cert_lens);
}

void mxtls_tls_result_free(mxtls_tls_result *r)
{
    if (!r)
        return;
    mxtls__free((void *)r->first_bytes);
    mxtls__free((void *)r->starttls_text);
    mxtls__free((void *)r->sni);
    mxtls__free((void *)r->priority);
    mxtls__free((void *)r->version_name);
    mxtls__free((void *)r->cipher_suite);
    mxtls__free((void *)r->kx);
    mxtls__free((void *)r->group);
    mxtls__free((void *)r->sigalg);
    mxtls__free((void *)r->gnutls_error_name);
    mxtls__free((void *)r->gnutls_error_text);
    free_chain(r);
    mxtls__free((void *)r->banner);
    mxtls__free_lines(r->n_ehlo_lines, r->ehlo_lines);
    mxtls__caps_free(r->caps);
    mxtls__free((void *)r->detail);
    mxtls__exchanges_free(r->n_exchanges, r->exchanges);
    mxtls__free(r);
}

/* Copy a GnuTLS name into *out (NULL stays NULL). 0, or -1 on ENOMEM. */
static int copy_name(const char **out, const char *name)
{
    *out = NULL;
    return name && !(*out = mxtls__strdup(name)) ? -1 : 0;
}

static int copy_chain(mxtls_tls_result *r, gnutls_session_t t)
{
    unsigned n = 0;
    const gnutls_datum_t *peers = gnutls_certificate_get_peers(t, &n);
    if (!peers || n == 0)
        return 0;
    if (n > CHAIN_MAX)
        n = CHAIN_MAX;
    uint8_t **certs = mxtls__calloc(n, sizeof *certs);
    size_t *lens = mxtls__calloc(n, sizeof *lens);
    r->peer_certs = (const uint8_t *const *)certs;
    r->peer_cert_lens = lens;
    if (!certs || !lens)
        return -1;
    for (unsigned i = 0; i < n; i++) {
        if (!(certs[i] = mxtls__malloc(peers[i].size ? peers[i].size : 1)))
            return -1;
        memcpy(certs[i], peers[i].data, peers[i].size);
        lens[i] = peers[i].size;
        r->n_peer_certs = i + 1;
    }
    return 0;
}

/* What was negotiated. 0, or -1 on ENOMEM. */
static int record_params(mxtls_tls_result *r, gnutls_session_t t)
{
    gnutls_protocol_t v = gnutls_protocol_get_version(t);
    gnutls_kx_algorithm_t kx = gnutls_kx_get(t);
    gnutls_datum_t ocsp;
    if (v >= GNUTLS_SSL3 && v <= GNUTLS_TLS1_3)
        r->version = 0x0300 + (int32_t)(v - GNUTLS_SSL3);
    if (kx == GNUTLS_KX_DHE_RSA || kx == GNUTLS_KX_DHE_DSS || kx == GNUTLS_KX_DHE_PSK)
        r->dh_prime_bits = gnutls_dh_get_prime_bits(t);
    r->ocsp_stapled = gnutls_ocsp_status_request_get(t, &ocsp) == 0;
    if (copy_name(&r->version_name, gnutls_protocol_get_name(v)) < 0 ||
        copy_name(&r->cipher_suite, gnutls_ciphersuite_get(t)) < 0 ||
        copy_name(&r->kx, v == GNUTLS_TLS1_3 ? "(TLS1.3)" : gnutls_kx_get_name(kx)) < 0 ||
        copy_name(&r->group, gnutls_group_get_name(gnutls_group_get(t))) < 0 ||
        copy_name(&r->sigalg, gnutls_sign_get_name(
                                  (gnutls_sign_algorithm_t)gnutls_sign_algorithm_get(t))) < 0)
        return -1;
    return copy_chain(r, t);
}

/* A failed handshake: whose alert, and which GnuTLS error. As an MTA's TLS
 * library would, we answer a local error with the matching fatal alert, and
 * record it: that is the alert the server's log will show. */
static void record_alerts(mxtls_tls_result *r, struct mxtls_session *s, int err)
{
    if (err == GNUTLS_E_FATAL_ALERT_RECEIVED || err == GNUTLS_E_WARNING_ALERT_RECEIVED) {
        r->alert_received = (int32_t)gnutls_alert_get(s->tls);
        r->alert_received_name = mxtls_alert_name(r->alert_received);
        return;
    }
    int level;
    int alert = gnutls_error_to_alert(err, &level);
    if (alert >= 0 && level == GNUTLS_AL_FATAL) {
        (void)gnutls_alert_send_appropriate(s->tls, err); /* best effort */
        r->alert_sent = alert;
        r->alert_sent_name = mxtls_alert_name(alert);
    }
}

static int record_error(mxtls_tls_result *r, int err)
{
    r->gnutls_error = err;
    if (err == 0)
        return 0;
    if (copy_name(&r->gnutls_error_name, gnutls_strerror_name(err)) < 0 ||
        copy_name(&r->gnutls_error_text, gnutls_strerror(err)) < 0)
        return -1;
    return 0;
}

/* ---- the stage ----------------------------------------------------------- */

static void fail(mxtls_tls_result *r, struct mxtls_session *s, int32_t phase,
                 int ev, enum mxtls__io_status st)
{
    s->state = MXTLS__SESS_DEAD;
    r->failure_phase = phase;
    r->sys_errno = s->io.sys_errno;
    if (ev == MXTLS__E_PROTOCOL_ERROR) {
        r->failure = MXTLS_CONN_PROTOCOL;
        r->reply_error = (int32_t)s->smtp.parser.error;
    } else {
        r->failure = mxtls__conn_failure(st);
    }
}

/* STARTTLS and its reply. 1: go ahead; 0: stop (r says why). */
static int send_starttls(struct mxtls_session *s, mxtls_tls_result *r, int64_t deadline)
{
    enum mxtls__io_status st = MXTLS__IO_OK;
    int64_t t0 = mxtls__now_ms();
    mxtls__smtp_starttls(&s->smtp);
    int ev = mxtls__session_drive(s, deadline, &st);
    if (ev != MXTLS__E_STARTTLS_GO && ev != MXTLS__E_STARTTLS_REFUSED) {
        fail(r, s, MXTLS_PHASE_STARTTLS, ev, st);
        return 0;
    }
    r->starttls_ms = mxtls__now_ms() - t0;
    r->starttls_code = mxtls__smtp_last(&s->smtp)->code;
    mxtls__free((void *)r->starttls_text);
    r->starttls_text = NULL;
    if (mxtls__copy_reply_text(mxtls__smtp_last(&s->smtp), &r->starttls_text) < 0)
        return -1;
    if (ev == MXTLS__E_STARTTLS_REFUSED) {
        r->failure = MXTLS_TLS_STARTTLS_REFUSED;
        r->failure_phase = MXTLS_PHASE_STARTTLS;
        return 0;
    }
    /* Plaintext after "220" must not be read as if it came over TLS. */
    s->in_off = s->in_len = 0;
    return 1;
}

static int tls_setup(struct mxtls_session *s, const mxtls_tls_params *p,
                     mxtls_tls_result *r)
{
    const char *sni = sni_for(p, s);
    gnutls_certificate_credentials_t cred = NULL;
    gnutls_priority_t priority = NULL;
    if (!(r->priority = build_priority(p)) || (sni && !(r->sni = mxtls__strdup(sni))))
        return -1;
    if (gnutls_init(&s->tls, GNUTLS_CLIENT | GNUTLS_NONBLOCK) < 0)
        return -1;
    /* The chain is captured here and judged by the verify stage, so GnuTLS
     * is given no trust store and asked to verify nothing. */
    if (p != NULL && p->shared != NULL) {
        int rc = mxtls__tls_shared_credentials(p->shared, &cred);
        if (rc == 0)
            rc = mxtls__tls_shared_priority(p->shared, r->priority, &priority);
        if (rc < 0)
            return rc == GNUTLS_E_MEMORY_ERROR ? -1 : -2;
    } else if (gnutls_certificate_allocate_credentials(&s->cred) < 0) {
        return -1;
    } else {
        cred = s->cred;             /* the session's own, freed with it */
    }
    if ((priority != NULL ? gnutls_priority_set(s->tls, priority)
                          : gnutls_priority_set_direct(s->tls, r->priority, NULL)) < 0 ||
        gnutls_credentials_set(s->tls, GNUTLS_CRD_CERTIFICATE, cred) < 0 ||
        (sni && gnutls_server_name_set(s->tls, GNUTLS_NAME_DNS, sni, strlen(sni)) < 0))
        return -2;
    gnutls_ocsp_status_request_enable_client(s->tls, NULL, 0, NULL);
    return mxtls__io_tls_attach(&s->io, s->tls) < 0 ? -1 : 0;
}

/* The handshake; 1 when TLS is up, 0 when it failed (r says why). */
static int handshake(struct mxtls_session *s, mxtls_tls_result *r, int64_t deadline)
{
    s->io.capture_len = 0;
    s->io.capturing = 1;
    int64_t t0 = mxtls__now_ms();
    enum mxtls__io_status st = mxtls__io_handshake(&s->io, deadline);
    s->io.capturing = 0;
    r->seen = (int32_t)mxtls__sniff(s->io.capture, s->io.capture_len);
    if (mxtls__copy_bytes(s->io.capture, s->io.capture_len, &r->n_first_bytes,
                          &r->first_bytes) < 0)
        return -1;
    if (st == MXTLS__IO_OK) {
        r->handshake_ms = mxtls__now_ms() - t0;
        r->seen = MXTLS_SEEN_NOTHING;
        return record_params(r, s->tls) < 0 ? -1 : 1;
    }
    fail(r, s, MXTLS_PHASE_HANDSHAKE, -1, st);
    if (st == MXTLS__IO_TLS) {
        r->failure = MXTLS_TLS_HANDSHAKE_FAILED;
        record_alerts(r, s, s->io.tls_error);
    }
    return record_error(r, s->io.tls_error) < 0 ? -1 : 0;
}

/* Implicit TLS: the banner comes over TLS. 1 to go on, 0 when it failed
 * (r says why), -1 on ENOMEM. */
static int banner_tls(struct mxtls_session *s, mxtls_tls_result *r, int64_t deadline)
{
    enum mxtls__io_status st = MXTLS__IO_OK;
    int ev = mxtls__session_drive(s, deadline, &st);
    if (ev == MXTLS__E_BANNER || ev == MXTLS__E_BANNER_REJECTED) {
        r->banner_code = mxtls__smtp_last(&s->smtp)->code;
        mxtls__free((void *)r->banner);
        r->banner = NULL;
        if (mxtls__copy_reply_text(mxtls__smtp_last(&s->smtp), &r->banner) < 0)
            return -1;
    }
    if (ev == MXTLS__E_BANNER)
        return 1;
    fail(r, s, MXTLS_PHASE_BANNER, ev, st);
    if (ev == MXTLS__E_BANNER_REJECTED)
        r->failure = MXTLS_CONN_REJECTED;
    return record_error(r, st == MXTLS__IO_TLS ? s->io.tls_error : 0);
}

static int copy_ehlo(mxtls_tls_result *r, const struct mxtls_session *s, int64_t t0)
{
    r->ehlo_ms = mxtls__now_ms() - t0;
    r->ehlo_code = mxtls__smtp_last(&s->smtp)->code;
    mxtls__caps_free(r->caps);
    r->caps = mxtls__caps_new(&s->smtp.caps);
    if (!r->caps)
        return -1;
    return mxtls__copy_lines(mxtls__smtp_last(&s->smtp), &r->n_ehlo_lines, &r->ehlo_lines);
}

/* After TLS: (implicit: the banner, then) EHLO again. 0, or -1 on ENOMEM. */
static int greet_tls(struct mxtls_session *s, mxtls_tls_result *r, int64_t deadline)
{
    enum mxtls__io_status st = MXTLS__IO_OK;
    mxtls__smtp_tls_started(&s->smtp);
    if (s->mode == MXTLS_MODE_IMPLICIT_TLS) {
        int rc = banner_tls(s, r, deadline);
        if (rc <= 0)
            return rc;
    }
    int64_t t0 = mxtls__now_ms();
    int ev = mxtls__session_drive(s, deadline, &st);
    if (ev == MXTLS__E_EHLO_REJECTED)
        ev = mxtls__session_drive(s, deadline, &st);
    int ok = ev == MXTLS__E_TLS_GREETED || ev == MXTLS__E_GREETED;
    int refused = ev == MXTLS__E_TLS_GREET_FAILED || ev == MXTLS__E_GREET_FAILED;
    if ((ok || refused) && copy_ehlo(r, s, t0) < 0)
        return -1;
    if (ok) {
        s->state = MXTLS__SESS_TLS;
        return 0;
    }
    fail(r, s, MXTLS_PHASE_EHLO_TLS, ev, st);
    if (refused)
        r->failure = MXTLS_CONN_REJECTED;
    return record_error(r, st == MXTLS__IO_TLS ? s->io.tls_error : 0);
}

static char *ok_detail(const mxtls_tls_result *r)
{
    return mxtls__format("%s %s, group %s, handshake in %lld ms",
                         r->version_name ? r->version_name : "?",
                         r->cipher_suite ? r->cipher_suite : "?",
                         r->group ? r->group : "none", (long long)r->handshake_ms);
}

static char *handshake_detail(const mxtls_tls_result *r)
{
    if (r->alert_received >= 0)
        return mxtls__format("handshake failed: the server sent fatal alert %d (%s)",
                             (int)r->alert_received,
                             r->alert_received_name ? r->alert_received_name : "?");
    if (r->seen == MXTLS_SEEN_SMTP)
        return mxtls__strdup("handshake failed: the server answered in plaintext "
                             "SMTP, not TLS");
    const char *why = r->gnutls_error_text ? r->gnutls_error_text : "?";
    if (r->alert_sent < 0)
        return mxtls__format("handshake failed: %s", why);
    return mxtls__format("handshake failed: we sent fatal alert %d (%s): %s",
                         (int)r->alert_sent,
                         r->alert_sent_name ? r->alert_sent_name : "?", why);
}

static int finish(mxtls_tls_result *r)
{
    struct mxtls__failure_view f = {r->failure, r->failure_phase, r->seen,
                                    r->reply_error, r->sys_errno, r->ehlo_code};
    switch (r->failure) {
    case MXTLS_TLS_OK:
        r->detail = ok_detail(r);
        break;
    case MXTLS_TLS_STARTTLS_REFUSED:
        r->detail = mxtls__format("STARTTLS answered %d %s", (int)r->starttls_code,
                                  r->starttls_text);
        break;
    case MXTLS_TLS_HANDSHAKE_FAILED:
        r->detail = handshake_detail(r);
        break;
    default:
        r->detail = mxtls__failure_detail(&f);
    }
    return r->detail ? 0 : -1;
}

/* STARTTLS (unless implicit), handshake, EHLO. 0, or -1 on ENOMEM. */
static int run(struct mxtls_session *s, const mxtls_tls_params *p, mxtls_tls_result *r)
{
    int64_t deadline = mxtls__now_ms() + s->starttls_timeout_ms;
    int rc = 1;
    if (s->mode == MXTLS_MODE_STARTTLS)
        rc = send_starttls(s, r, deadline);
    if (rc <= 0)
        return rc;
    if ((rc = tls_setup(s, p, r)) == -2) {
        s->state = MXTLS__SESS_DEAD;
        r->failure = MXTLS_TLS_HANDSHAKE_FAILED;   /* GnuTLS refused our setup */
        r->failure_phase = MXTLS_PHASE_HANDSHAKE;
        return 0;
    }
    if (rc < 0)
        return -1;
    rc = handshake(s, r, deadline);
    return rc <= 0 ? rc : greet_tls(s, r, deadline);
}

static int can_start(const struct mxtls_session *s)
{
    if (s->state != MXTLS__SESS_PLAIN || s->tls)
        return 0;
    if (s->mode == MXTLS_MODE_STARTTLS)
        return s->smtp.state == MXTLS__S_IDLE;
    return s->mode == MXTLS_MODE_IMPLICIT_TLS && s->smtp.state == MXTLS__S_BANNER;
}

mxtls_status mxtls_starttls(mxtls_session *s, const mxtls_tls_params *params,
                            mxtls_tls_result **result)
{
    if (result)
        *result = NULL;
    if (!s || !result)
        return MXTLS_EINVAL;
    if (!can_start(s))
        return MXTLS_ESTATE;
    mxtls_tls_result *r = result_new();
    if (!r)
        return MXTLS_ENOMEM;
    int rc = run(s, params, r);
    if (mxtls__transcript_take(s, &r->n_exchanges, &r->exchanges,
                               &r->transcript_truncated) < 0)
        rc = -1;
    if (rc < 0 || finish(r) < 0) {
        s->state = MXTLS__SESS_DEAD;
        mxtls_tls_result_free(r);
        return MXTLS_ENOMEM;
    }
    *result = r;
    return MXTLS_OK;
}

size_t mxtls_tls_result_struct_size(void)
{
    return sizeof(mxtls_tls_result);
}
