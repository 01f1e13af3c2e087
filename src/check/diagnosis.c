/* The diagnosis's public calls (mxtls_diagnosis_*): the plan of the
 * connections a sender makes, handing out one probe at a time, taking its
 * results back, and running the rules over them. No I/O here: the driver
 * (check.c) or a caller that composes the stages runs the probes. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "clock.h"
#include "diagnosis.h"
#include "sender.h"
#include "mxtls/mxtls.h"

#define SUBMISSION_STARTTLS_PORT 587
#define SUBMISSION_IMPLICIT_PORT 465
#define MX_PORT 25

/* ------------------------------------------------------------------------
 * Making and freeing
 * ------------------------------------------------------------------------ */

static int copy_options(struct mxtls_diagnosis *d, const mxtls_check_options *from)
{
    d->opts = (struct mxtls_check_options){.implicit_tls = -1};
    if (from == NULL)
        return MXTLS_OK;
    d->opts = *from;
    d->opts.sni = NULL;
    d->opts.progress = NULL;      /* the driver reports progress, not the rules */
    d->opts.progress_user = NULL;
    if (from->sni != NULL && (d->opts.sni = mxtls__strdup(from->sni)) == NULL)
        return MXTLS_ENOMEM;
    return MXTLS_OK;
}

static int32_t chosen_mode(const struct mxtls_diagnosis *d, int32_t port)
{
    if (d->opts.implicit_tls == 1)
        return MXTLS_MODE_IMPLICIT_TLS;
    if (d->opts.implicit_tls == -1 && port == SUBMISSION_IMPLICIT_PORT)
        return MXTLS_MODE_IMPLICIT_TLS;
    return MXTLS_MODE_STARTTLS;
}

/* The ports a sender tries: 25 for MX; 587 and 465 for Send-As. */
static void plan_ports(struct mxtls_diagnosis *d)
{
    d->n_ports = 1;
    if (d->profile == MXTLS_PROFILE_MX) {
        d->ports[0] = d->opts.port ? d->opts.port : MX_PORT;
    } else if (d->opts.port) {
        d->ports[0] = d->opts.port;
    } else {
        d->ports[0] = SUBMISSION_STARTTLS_PORT;
        d->ports[1] = SUBMISSION_IMPLICIT_PORT;
        d->n_ports = 2;
    }
}

mxtls_status mxtls_diagnosis_new(const char *target, int32_t profile,
                                 const mxtls_check_options *options, mxtls_diagnosis **out)
{
    if (out != NULL)
        *out = NULL;
    if (target == NULL || out == NULL ||
        (profile != MXTLS_PROFILE_MX && profile != MXTLS_PROFILE_SUBMISSION))
        return MXTLS_EINVAL;
    mxtls_diagnosis *d = mxtls__calloc(1, sizeof *d);
    if (d == NULL)
        return MXTLS_ENOMEM;
    d->profile = profile;
    d->started_ms = mxtls__now_ms();
    d->current = MXTLS__NONE;
    if (copy_options(d, options) != MXTLS_OK ||
        (d->report = mxtls__report_new(target, profile)) == NULL) {
        mxtls_diagnosis_free(d);
        return MXTLS_ENOMEM;
    }
    plan_ports(d);
    *out = d;
    return MXTLS_OK;
}

void mxtls_diagnosis_free(mxtls_diagnosis *d)
{
    if (d == NULL)
        return;
    mxtls__finding_list_free(&d->findings);
    mxtls__free(d->root_of);
    for (size_t i = 0; i < d->n_probes; i++)
        mxtls__probe_free(d->probes[i]);
    mxtls__free(d->probes);
    mxtls__free(d->specs);
    mxtls__probe_free(d->pending);
    mxtls_report_free(d->report);
    mxtls__free(d->predicted_cause);
    mxtls__free(d->opts.sni);
    mxtls__verify_memo_clear(&d->verify_memo);
    mxtls__free(d);
}

/* ------------------------------------------------------------------------
 * DNS and MTA-STS
 * ------------------------------------------------------------------------ */

mxtls_status mxtls_diagnosis_add_resolve(mxtls_diagnosis *d, mxtls_resolve_result *res)
{
    if (d == NULL || res == NULL)
        return MXTLS_EINVAL;
    if (d->phase != MXTLS__PHASE_RESOLVE || d->report->resolve != NULL) {
        mxtls_resolve_result_free(res);
        return MXTLS_ESTATE;
    }
    d->report->resolve = res;
    if (mxtls__replace_string((char **)&d->report->domain, res->a_label) != 0)
        return d->status = MXTLS_ENOMEM;
    d->nothing_to_probe = mxtls__diagnose_resolve(d, res);
    if (d->status != MXTLS_OK)
        return d->status;
    d->phase = MXTLS__PHASE_PRIMARY;
    const mxtls_mta_sts_txt *txt = res->mta_sts;
    if (d->profile == MXTLS_PROFILE_MX && !d->nothing_to_probe && txt != NULL &&
        txt->n_sts_records > 0 && txt->txt != NULL) {
        if (txt->n_sts_records > 1)
            mxtls__diagnose_mtasts(d, NULL, res->a_label);
        else
            d->mtasts_wanted = 1;
    }
    return d->status;
}

int32_t mxtls_diagnosis_wants_mtasts(const mxtls_diagnosis *d)
{
    return d != NULL && d->mtasts_wanted;
}

mxtls_status mxtls_diagnosis_add_mtasts(mxtls_diagnosis *d, mxtls_mtasts_result *sts)
{
    if (d == NULL || sts == NULL)
        return MXTLS_EINVAL;
    if (!d->mtasts_wanted) {
        mxtls_mtasts_result_free(sts);
        return MXTLS_ESTATE;
    }
    d->mtasts_wanted = 0;
    d->report->mtasts = sts;
    d->mtasts_enforce = sts->outcome == MXTLS_MTASTS_POLICY &&
                        sts->mode == MXTLS_MTASTS_MODE_ENFORCE;
    mxtls__diagnose_mtasts(d, sts, d->report->resolve->a_label);
    return d->status;
}

/* ------------------------------------------------------------------------
 * The primary probes: every host and address, on each port
 * ------------------------------------------------------------------------ */

/* The sender's name for a host: its name, unless it is an address. */
static const char *sender_name(const mxtls_mx_host *h)
{
    return (h->flags & MXTLS_MX_IP_LITERAL) ? NULL : h->name;
}

static int family_wanted(const struct mxtls_diagnosis *d, const mxtls_address *a)
{
    return d->opts.family == 0 || d->opts.family == a->family;
}

/* The next primary probe of the plan into *spec; 0 when none is left. The
 * walk is host by host; for MX, each host's addresses on port 25; for
 * submission, port by port, each with every address. */
static int next_primary(struct mxtls_diagnosis *d, struct mxtls__probe_spec *spec)
{
    const mxtls_resolve_result *res = d->report->resolve;
    if (d->nothing_to_probe)
        return 0;
    size_t n_hosts = d->profile == MXTLS_PROFILE_MX ? res->n_hosts : (res->n_hosts > 0);
    while (d->next_host < n_hosts) {
        const mxtls_mx_host *h = res->hosts[d->next_host];
        while (d->next_port < d->n_ports) {
            while (d->next_address < h->n_addresses) {
                size_t ai = d->next_address++;
                if (!family_wanted(d, h->addresses[ai]))
                    continue;
                int32_t port = d->ports[d->next_port];
                *spec = (struct mxtls__probe_spec){
                    .purpose = MXTLS_PROBE_PRIMARY, .host = h, .host_name = sender_name(h),
                    .address = h->addresses[ai], .host_index = (int32_t)d->next_host,
                    .address_index = (int32_t)ai, .port = port,
                    .mode = d->profile == MXTLS_PROFILE_MX && d->opts.implicit_tls != 1
                                ? MXTLS_MODE_STARTTLS : chosen_mode(d, port),
                    .sni = d->opts.sni, .sni_default = d->opts.sni == NULL, .run_tls = 1,
                };
                return 1;
            }
            d->next_address = 0;
            d->next_port++;
        }
        d->next_port = 0;
        d->next_host++;
    }
    return 0;
}

size_t mxtls__diagnosis_plan(struct mxtls_diagnosis *d, struct mxtls__probe_spec *out,
                             size_t max)
{
    if (d->phase != MXTLS__PHASE_PRIMARY || d->status != MXTLS_OK)
        return 0;
    size_t host = d->next_host, address = d->next_address, port = d->next_port, n = 0;
    struct mxtls__probe_spec spec;
    while (n < max && next_primary(d, &spec))
        out[n++] = spec;
    d->next_host = host;
    d->next_address = address;
    d->next_port = port;
    return n;
}

/* ------------------------------------------------------------------------
 * Running the rules
 * ------------------------------------------------------------------------ */

/* Diagnose the primary probe that just came back; 1 when its pass asked
 * for a follow-up (handed out). */
static int diagnose_current(struct mxtls_diagnosis *d)
{
    size_t mark = d->findings.count;
    mxtls__pass_begin(d, d->current + 1);
    mxtls__diagnose_probe(d, &d->specs[d->current], d->probes[d->current]);
    if (mxtls__pass_end(d, mark))
        return 1;
    d->current = MXTLS__NONE;
    return 0;
}

/* The cross-probe rules, one after the other; 1 when one asked for a
 * follow-up. */
static int diagnose_cross(struct mxtls_diagnosis *d)
{
    for (;;) {
        size_t mark = d->findings.count;
        mxtls__pass_begin(d, d->cross_base);
        int more = mxtls__diagnose_cross_step(d, d->cross_step);
        if (mxtls__pass_end(d, mark))
            return 1;
        if (!more || d->status != MXTLS_OK)
            return 0;
        d->cross_step++;
    }
}

/* Decide what to run next: a follow-up of the primary that came back, the
 * next primary, or the cross rules and their follow-ups. */
static void advance(struct mxtls_diagnosis *d)
{
    while (d->pending == NULL && !d->wants_egress && d->status == MXTLS_OK &&
           d->phase < MXTLS__PHASE_DONE) {
        if (d->current != MXTLS__NONE) {
            diagnose_current(d);
            continue;
        }
        struct mxtls__probe_spec spec;
        if (d->phase == MXTLS__PHASE_PRIMARY) {
            if (next_primary(d, &spec)) {
                mxtls__hand_out(d, &spec);
                continue;
            }
            if (!d->nothing_to_probe && !d->stopped)
                mxtls__diagnose_nothing_probed(d);
            d->phase = MXTLS__PHASE_CROSS;
            d->cross_base = d->n_probes;
        }
        if (!diagnose_cross(d) && d->status == MXTLS_OK)
            d->phase = MXTLS__PHASE_DONE;
    }
}

mxtls_status mxtls_diagnosis_next_probe(mxtls_diagnosis *d, const mxtls_probe **probe)
{
    if (probe != NULL)
        *probe = NULL;
    if (d == NULL || probe == NULL)
        return MXTLS_EINVAL;
    if (d->phase == MXTLS__PHASE_RESOLVE || d->phase == MXTLS__PHASE_FINISHED)
        return MXTLS_ESTATE;
    if (d->mtasts_wanted) {
        /* The record is there but no policy came: never silently "no
         * policy" (fail closed). Senders that cannot fetch one go on
         * without it, which is what fetch-failed says. */
        d->mtasts_wanted = 0;
        mxtls__diagnose_mtasts_missing(d);
    }
    advance(d);
    if (d->status != MXTLS_OK)
        return d->status;
    *probe = d->pending;
    return MXTLS_OK;
}

/* ------------------------------------------------------------------------
 * The probe handed out: how it runs, and its results
 * ------------------------------------------------------------------------ */

mxtls_status mxtls__tls_params_for(const struct mxtls__probe_spec *s, mxtls_tls_params **out)
{
    *out = NULL;
    if (!s->run_tls || s->mode == MXTLS_MODE_PLAIN)
        return MXTLS_OK;
    mxtls_status st = mxtls_tls_params_new(out);
    if (st == MXTLS_OK && !s->sni_default)
        st = mxtls_tls_params_set_sni(*out, s->sni);
    if (st == MXTLS_OK && s->tls_version)
        st = mxtls_tls_params_set_versions(*out, s->tls_version, s->tls_version);
    if (st != MXTLS_OK) {
        mxtls_tls_params_free(*out);
        *out = NULL;
    }
    return st;
}

mxtls_status mxtls_diagnosis_tls_params(const mxtls_diagnosis *d, mxtls_tls_params **out)
{
    if (out != NULL)
        *out = NULL;
    if (d == NULL || out == NULL)
        return MXTLS_EINVAL;
    if (d->pending == NULL)
        return MXTLS_ESTATE;
    return mxtls__tls_params_for(&d->pending_spec, out);
}

/* One certificate the verify stage is given, for the basis. */
static void basis_add(struct mxtls__verify_basis *b, const uint8_t *der, size_t len)
{
    if (b != NULL && b->n < MXTLS__VERIFY_BASIS_MAX) {
        b->der[b->n] = der;
        b->len[b->n++] = len;
    }
}

/* Intermediates other servers of this target sent (and this one, as the
 * probe is the last): with them verify can tell a server that left its
 * intermediate out from one whose issuer nobody knows. They never make a
 * chain trusted. */
static mxtls_status add_known_intermediates(mxtls_probe *const *seen, size_t n_seen,
                                            const mxtls_tls_result *own,
                                            mxtls_verify_input *in,
                                            struct mxtls__verify_basis *basis)
{
    for (size_t i = 0; i <= n_seen; i++) {
        const mxtls_tls_result *t = i < n_seen ? seen[i]->tls : own;
        for (size_t k = 1; t != NULL && k < t->n_peer_certs; k++) {
            /* The input keeps each distinct one once, as many as it takes. */
            mxtls_status st = mxtls_verify_input_add_intermediate(in, t->peer_certs[k],
                                                                  t->peer_cert_lens[k]);
            if (st == MXTLS_ERANGE)
                return MXTLS_OK;
            if (st != MXTLS_OK)
                return st;
            basis_add(basis, t->peer_certs[k], t->peer_cert_lens[k]);
        }
    }
    return MXTLS_OK;
}

/* The certificate cannot be judged: say why, for the finding the probe's
 * diagnosis will raise (diagnose_probe.c). Always MXTLS_OK: the check runs
 * on, and fails closed. */
static mxtls_status unjudged(struct mxtls__probe_spec *s, int32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static mxtls_status unjudged(struct mxtls__probe_spec *s, int32_t code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mxtls__vformat(s->unjudged_why, sizeof s->unjudged_why, fmt, ap);
    va_end(ap);
    s->unjudged_code = code;
    return MXTLS_OK;
}

/* Which certificates to verify, as indexes into what the server sent: all
 * of them while the verify stage takes that many (as before), else the
 * path a sender builds from the leaf, which ignores stray extras. Returns
 * the count, or 0 after unjudged() said why there is none; -1 for ENOMEM. */
static long certs_to_verify(struct mxtls__probe_spec *s, const mxtls_tls_result *tls,
                            size_t *which)
{
    size_t max = mxtls_verify_max_certs(), bytes = 0;
    for (size_t i = 0; i < tls->n_peer_certs; i++)
        bytes += tls->peer_cert_lens[i];
    if (bytes > MXTLS__SENDER_MAX_CERT_LIST) {
        unjudged(s, MXTLS_F_CERT_CHAIN_TOO_LONG,
                 "%zu certificates of %zu bytes in all, over the %u bytes that senders "
                 "built on OpenSSL or BoringSSL take", tls->n_peer_certs, bytes,
                 MXTLS__SENDER_MAX_CERT_LIST);
        return 0;
    }
    if (tls->n_peer_certs <= max) {
        for (size_t i = 0; i < tls->n_peer_certs; i++)
            which[i] = i;
        return (long)tls->n_peer_certs;
    }
    long n = mxtls__sender_path(tls->peer_certs, tls->peer_cert_lens, tls->n_peer_certs,
                                which, max);
    if (n == 0)
        unjudged(s, MXTLS_F_CERT_NOT_CHECKED, "the first of %zu certificates does not parse",
                 tls->n_peer_certs);
    else if (n > (long)max)
        unjudged(s, MXTLS_F_CERT_CHAIN_TOO_LONG,
                 "a path of %ld certificates from the leaf, over the %zu that mxtls "
                 "verifies (Postfix verifies 9 by default)", n, max);
    return n > (long)max ? 0 : n;
}

mxtls_status mxtls__verify_input_for(const struct mxtls_diagnosis *d,
                                     struct mxtls__probe_spec *s, const mxtls_tls_result *tls,
                                     mxtls_probe *const *seen, size_t n_seen,
                                     mxtls_verify_input **out, struct mxtls__verify_basis *basis)
{
    *out = NULL;
    if (basis != NULL)
        *basis = (struct mxtls__verify_basis){0};
    s->unjudged_code = 0;
    if (!mxtls__needs_verify(s, tls))
        return MXTLS_OK;
    size_t which[MXTLS__SENDER_PATH_MAX];   /* mxtls_verify_max_certs() */
    long n = certs_to_verify(s, tls, which);
    if (basis != NULL)
        basis->unjudged_code = s->unjudged_code;
    if (n <= 0)
        return n < 0 ? MXTLS_ENOMEM : MXTLS_OK;
    mxtls_verify_input *in = NULL;
    mxtls_status st = mxtls_verify_input_new(&in);
    for (long i = 0; st == MXTLS_OK && i < n; i++) {
        st = mxtls_verify_input_add_cert(in, tls->peer_certs[which[i]],
                                         tls->peer_cert_lens[which[i]]);
        basis_add(basis, tls->peer_certs[which[i]], tls->peer_cert_lens[which[i]]);
    }
    if (basis != NULL)
        basis->n_certs = basis->n;
    if (st == MXTLS_EINVAL || st == MXTLS_ERANGE) {
        mxtls_verify_input_free(in);
        if (basis != NULL)
            basis->unjudged_code = MXTLS_F_CERT_NOT_CHECKED;
        return unjudged(s, MXTLS_F_CERT_NOT_CHECKED,
                        "the verify stage refused a certificate (%s)", mxtls_strerror(st));
    }
    const char *reference = s->host_name ? s->host_name : s->address->text;
    if (st == MXTLS_OK)
        st = mxtls_verify_input_set_reference_name(in, reference);
    if (st == MXTLS_OK && s->host != NULL && s->port == d->report->resolve->port)
        st = mxtls_verify_input_set_mx_host(in, s->host); /* TLSA is per port */
    if (st == MXTLS_OK)
        st = add_known_intermediates(seen, n_seen, tls, in, basis);
    if (st == MXTLS_OK && d->report->mtasts != NULL)
        st = mxtls_verify_input_set_mtasts(in, d->report->mtasts);
    if (st != MXTLS_OK) {
        mxtls_verify_input_free(in);
        return st;
    }
    *out = in;
    return MXTLS_OK;
}

int mxtls__verify_basis_same(const struct mxtls__verify_basis *a,
                             const struct mxtls__verify_basis *b)
{
    if (a->n != b->n || a->n_certs != b->n_certs || a->unjudged_code != b->unjudged_code ||
        a->n >= MXTLS__VERIFY_BASIS_MAX)
        return 0;   /* a full basis may have been cut: never call it the same */
    for (size_t i = 0; i < a->n; i++)
        if (a->len[i] != b->len[i] || memcmp(a->der[i], b->der[i], a->len[i]) != 0)
            return 0;
    return 1;
}

mxtls_status mxtls_diagnosis_verify_input(mxtls_diagnosis *d, const mxtls_tls_result *tls,
                                          mxtls_verify_input **out)
{
    if (out != NULL)
        *out = NULL;
    if (d == NULL || out == NULL)
        return MXTLS_EINVAL;
    if (d->pending == NULL)
        return MXTLS_ESTATE;
    return mxtls__verify_input_for(d, &d->pending_spec, tls, d->probes, d->n_probes, out,
                                   NULL);
}

static int grow_probes(struct mxtls_diagnosis *d)
{
    if (d->n_probes < d->probes_cap)
        return 0;
    size_t cap = d->probes_cap ? d->probes_cap * 2 : 8;
    mxtls_probe **probes = mxtls__realloc(d->probes, cap * sizeof *probes);
    if (probes == NULL)
        return -1;
    d->probes = probes;
    struct mxtls__probe_spec *specs = mxtls__realloc(d->specs, cap * sizeof *specs);
    if (specs == NULL)
        return -1;
    d->specs = specs;
    d->probes_cap = cap;
    return 0;
}

mxtls_status mxtls_diagnosis_add_probe_result(mxtls_diagnosis *d, int32_t status,
                                              mxtls_connect_result *connect,
                                              mxtls_tls_result *tls, mxtls_verify_result *verify)
{
    mxtls_probe *p = d ? d->pending : NULL;
    if (p == NULL || grow_probes(d) != 0) {
        mxtls_connect_result_free(connect);
        mxtls_tls_result_free(tls);
        mxtls_verify_result_free(verify);
        if (p == NULL)
            return d == NULL ? MXTLS_EINVAL : MXTLS_ESTATE;
        return d->status = MXTLS_ENOMEM;
    }
    p->status = status;
    p->connect = connect;
    p->tls = tls;
    p->verify = verify;
    d->probes[d->n_probes] = p;
    d->specs[d->n_probes] = d->pending_spec;
    if (p->purpose == MXTLS_PROBE_PRIMARY)
        d->current = d->n_probes;
    d->n_probes++;
    d->pending = NULL;
    advance(d);             /* diagnose it now, so the report is ready early */
    return d->status;
}

/* ------------------------------------------------------------------------
 * The reference probe, run by mxtls_check()'s driver
 * ------------------------------------------------------------------------ */

void mxtls__diagnosis_serve_egress(struct mxtls_diagnosis *d)
{
    d->serves_egress = 1;
}

int mxtls__diagnosis_wants_egress(const struct mxtls_diagnosis *d)
{
    return d->wants_egress;
}

mxtls_status mxtls__diagnosis_add_egress(struct mxtls_diagnosis *d, int32_t verdict,
                                         const char *seen)
{
    if (!d->wants_egress)
        return MXTLS_ESTATE;
    d->wants_egress = 0;
    d->egress_known = 1;
    d->egress_verdict = verdict;
    snprintf(d->egress_evidence, sizeof d->egress_evidence, "%s", seen ? seen : "");
    advance(d);             /* the rule that asked runs again, with it */
    return d->status;
}

/* ------------------------------------------------------------------------
 * Out of time
 * ------------------------------------------------------------------------ */

/* Append "host [address]:port" of spec to the list, while it has room. */
static void list_probe(char *list, size_t size, const struct mxtls__probe_spec *s)
{
    size_t used = strlen(list);
    if (used + 1 >= size)
        return;
    char one[320];
    snprintf(one, sizeof one, "%s%s [%s]:%d", used ? ", " : "",
             s->host_name ? s->host_name : s->address->text, s->address->text, (int)s->port);
    if (used + strlen(one) + 6 < size)
        memcpy(list + used, one, strlen(one) + 1);
    else if (strstr(list, ", ...") == NULL)
        memcpy(list + used, ", ...", 6);
}

mxtls_status mxtls_diagnosis_stop(mxtls_diagnosis *d)
{
    if (d == NULL)
        return MXTLS_EINVAL;
    if (d->phase == MXTLS__PHASE_RESOLVE || d->phase == MXTLS__PHASE_FINISHED)
        return MXTLS_ESTATE;
    if (d->stopped || d->phase == MXTLS__PHASE_DONE)
        return d->status;
    d->stopped = 1;
    d->wants_egress = 0;  /* the rule goes on without the reference probe */
    char which[512] = "";
    size_t not_run = 0;
    if (d->pending != NULL) {
        list_probe(which, sizeof which, &d->pending_spec);
        not_run++;
        mxtls__probe_free(d->pending);
        d->pending = NULL;
    }
    struct mxtls__probe_spec spec;
    while (d->phase == MXTLS__PHASE_PRIMARY && next_primary(d, &spec)) {
        list_probe(which, sizeof which, &spec);
        not_run++;
    }
    mxtls__diagnose_deadline(d, not_run, which);
    advance(d);
    return d->status;
}

/* ------------------------------------------------------------------------
 * The report
 * ------------------------------------------------------------------------ */

mxtls_status mxtls_diagnosis_finish(mxtls_diagnosis *d, mxtls_report **out)
{
    if (out != NULL)
        *out = NULL;
    if (d == NULL || out == NULL)
        return MXTLS_EINVAL;
    if (d->status != MXTLS_OK)
        return d->status;
    if (d->phase != MXTLS__PHASE_DONE)
        return MXTLS_ESTATE;
    d->report->elapsed_ms = mxtls__now_ms() - d->started_ms;
    int st = mxtls__predict(d);
    if (st == MXTLS_OK)
        st = mxtls__report_finish(d->report, &d->findings, d->root_of, &d->probes,
                                  &d->n_probes, d->mtasts_enforce);
    if (st != MXTLS_OK)
        return d->status = st;
    mxtls__predict_link(d, d->report);
    d->probes_cap = 0;
    *out = d->report;
    d->report = NULL;
    d->phase = MXTLS__PHASE_FINISHED;
    return MXTLS_OK;
}
