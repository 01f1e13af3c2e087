/* One probe: a connection to one address and port, run through the connect,
 * STARTTLS and verify stages as far as it gets, kept in the report as
 * evidence. Follow-up probes use the same function with another purpose. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <string.h>

#include "alloc.h"
#include "diagnosis.h"
#include "ctx.h"
#include "mxtls/mxtls.h"

void mxtls__probe_free(mxtls_probe *p)
{
    if (p == NULL)
        return;
    mxtls__free((char *)p->host);
    mxtls__free((char *)p->address);
    mxtls__free((char *)p->sni);
    mxtls_connect_result_free((mxtls_connect_result *)p->connect);
    mxtls_tls_result_free((mxtls_tls_result *)p->tls);
    mxtls_verify_result_free((mxtls_verify_result *)p->verify);
    mxtls__free(p);
}

/* A new probe describing spec, appended to c's list (which owns it). */
static mxtls_probe *probe_new(struct mxtls__check *c, const struct mxtls__probe_spec *s)
{
    if (c->n_probes == c->probes_cap) {
        size_t cap = c->probes_cap ? c->probes_cap * 2 : 8;
        mxtls_probe **probes = mxtls__realloc(c->probes, cap * sizeof *probes);
        if (probes == NULL)
            return NULL;
        c->probes = probes;
        c->probes_cap = cap;
    }
    mxtls_probe *p = mxtls__calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->struct_size = sizeof *p;
    p->purpose = s->purpose;
    p->port = s->port;
    p->mode = s->mode;
    p->tls_version = s->tls_version;
    p->host_index = s->host_index;
    p->address_index = s->address_index;
    const char *sni = s->sni_default ? s->host_name : s->sni;
    if ((s->host_name && (p->host = mxtls__strdup(s->host_name)) == NULL) ||
        (p->address = mxtls__strdup(s->address->text)) == NULL ||
        (sni && (p->sni = mxtls__strdup(sni)) == NULL)) {
        mxtls__probe_free(p);
        return NULL;
    }
    c->probes[c->n_probes++] = p;
    return p;
}

static mxtls_status tls_params_for(const struct mxtls__probe_spec *s, mxtls_tls_params **out)
{
    mxtls_status st = mxtls_tls_params_new(out);
    if (st == MXTLS_OK && !s->sni_default)
        st = mxtls_tls_params_set_sni(*out, s->sni);
    if (st == MXTLS_OK && s->tls_version)
        st = mxtls_tls_params_set_versions(*out, s->tls_version, s->tls_version);
    return st;
}

/* Intermediates other servers of this check sent: with them the verify
 * stage can tell a server that left its intermediate out from one whose
 * issuer nobody knows. They never make a chain trusted. */
static mxtls_status add_known_intermediates(const struct mxtls__check *c,
                                            mxtls_verify_input *in)
{
    size_t added = 0, max = mxtls_verify_max_certs();
    for (size_t i = 0; i < c->n_probes; i++) {
        const mxtls_tls_result *t = c->probes[i]->tls;
        for (size_t k = 1; t != NULL && k < t->n_peer_certs && added < max; k++, added++) {
            mxtls_status st = mxtls_verify_input_add_intermediate(in, t->peer_certs[k],
                                                                  t->peer_cert_lens[k]);
            if (st != MXTLS_OK)
                return st;
        }
    }
    return MXTLS_OK;
}

/* Verify what the handshake received, for the name the sender uses, with
 * DANE from the host's TLSA records and the domain's MTA-STS policy. */
static mxtls_status verify_probe(struct mxtls__check *c, const struct mxtls__probe_spec *s,
                                 const mxtls_tls_result *tls, mxtls_verify_result **out)
{
    mxtls_verify_input *in = NULL;
    mxtls_status st = mxtls_verify_input_new(&in);
    for (size_t i = 0; st == MXTLS_OK && i < tls->n_peer_certs; i++)
        st = mxtls_verify_input_add_cert(in, tls->peer_certs[i], tls->peer_cert_lens[i]);
    const char *reference = s->host_name ? s->host_name : s->address->text;
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, reference);
    if (st == MXTLS_OK && s->host != NULL && s->port == c->report->resolve->port)
        st = mxtls_verify_input_set_mx_host(in, s->host); /* TLSA is per port */
    if (st == MXTLS_OK)
        st = add_known_intermediates(c, in);
    if (st == MXTLS_OK && c->report->mtasts != NULL)
        st = mxtls_verify_input_set_mtasts(in, c->report->mtasts);
    if (st == MXTLS_OK)
        st = mxtls_verify_run(c->ctx, in, out);
    mxtls_verify_input_free(in);
    return st;
}

static void note_status(struct mxtls__check *c, mxtls_status st)
{
    if (st == MXTLS_ENOMEM)
        c->status = MXTLS_ENOMEM;
}

/* STARTTLS (or the implicit handshake) and verify on an open session. */
static void probe_tls(struct mxtls__check *c, const struct mxtls__probe_spec *s,
                      mxtls_probe *p, mxtls_session *session)
{
    mxtls_tls_params *params = NULL;
    mxtls_tls_result *tls = NULL;
    mxtls_status st = tls_params_for(s, &params);
    if (st == MXTLS_OK)
        st = mxtls_starttls(session, params, &tls);
    mxtls_tls_params_free(params);
    note_status(c, st);
    p->tls = tls;
    if (tls == NULL || tls->failure != MXTLS_TLS_OK || tls->n_peer_certs == 0 ||
        s->purpose == MXTLS_PROBE_VERSION)
        return;
    mxtls_verify_result *v = NULL;
    note_status(c, verify_probe(c, s, tls, &v));
    p->verify = v;
}

static const char *purpose_words(int32_t purpose)
{
    switch (purpose) {
    case MXTLS_PROBE_NO_SNI: return " (again without SNI)";
    case MXTLS_PROBE_LDH_SNI: return " (again with an LDH name as SNI)";
    case MXTLS_PROBE_VERSION: return " (one protocol version)";
    case MXTLS_PROBE_OTHER_MODE: return " (the other TLS mode)";
    case MXTLS_PROBE_OTHER_PORT: return " (another port)";
    default: return "";
    }
}

static int out_of_descriptors(const mxtls_connect_result *r)
{
    return r->failure == MXTLS_CONN_ERROR && (r->sys_errno == EMFILE || r->sys_errno == ENFILE);
}

mxtls_probe *mxtls__probe_run(struct mxtls__check *c, const struct mxtls__probe_spec *s)
{
    if (c->status != MXTLS_OK)
        return NULL;
    mxtls_probe *p = probe_new(c, s);
    if (p == NULL) {
        c->status = MXTLS_ENOMEM;
        return NULL;
    }
    mxtls__check_progress(c, "%s [%s]:%d%s", s->host_name ? s->host_name : s->address->text,
                          s->address->text, (int)s->port, purpose_words(s->purpose));
    mxtls_session *session = NULL;
    mxtls_connect_result *cr = NULL;
    mxtls_status st = mxtls_connect(c->ctx, s->address, s->port, s->mode, s->host_name,
                                    &session, &cr);
    note_status(c, st);
    p->status = st;
    p->connect = cr;
    if (cr != NULL && out_of_descriptors(cr)) {
        /* Our limit, not the server's fault: the check cannot run. */
        c->status = mxtls__ctx_fail(c->ctx, MXTLS_EIO,
                                    "out of file descriptors (%s): raise RLIMIT_NOFILE "
                                    "(ulimit -n) or check fewer targets at once",
                                    strerror(cr->sys_errno));
    }
    if (session != NULL && s->run_tls && s->mode != MXTLS_MODE_PLAIN)
        probe_tls(c, s, p, session);
    mxtls_session_close(session);
    return c->status == MXTLS_OK ? p : NULL;
}
