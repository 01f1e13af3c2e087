#define _POSIX_C_SOURCE 200809L
/* Who can deliver to the target: one prediction per sender profile
 * (include/mxtls/senders.h), read from the probes of a finished report.
 *
 * A sender's delivery is walked the way the sender makes it: the MX hosts
 * in preference order, each address's primary probe, and at each step the
 * sender's own facts decide. A step the check did not see, or a fact no
 * source settles, makes the prediction "unknown": never a guess. Pure: it
 * reads the report and allocates its predictions, nothing else.
 *
 * What a sender does when the domain's own policy applies is the same for
 * all of them, so it is not a per-sender fact: where a sender honours DANE
 * and the host has DNSSEC-secure TLSA records, or honours MTA-STS and the
 * policy is in enforce mode, TLS is mandatory, the certificate must pass
 * (the TLSA records, or PKIX and the name), and nothing goes in clear. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "diagnosis.h"
#include "mxtls/senders.h"

/* What the predictions read: the report's parts before the report is
 * finished (probes and findings still in the diagnosis), so that the
 * severities they imply are set before the findings are ordered. */
struct view {
    const struct mxtls_diagnosis *d;
    int32_t profile;
    const mxtls_resolve_result *resolve;
    const mxtls_mtasts_result *mtasts;
    mxtls_probe *const *probes;
    size_t n_probes;
    mxtls_finding *const *findings;
    size_t n_findings;
    const int32_t *root_of;      /* per finding: the root cause it folds under, or -1 */
    int env_error;               /* the environment kept part of the check from running */
};

enum step {
    STEP_TLS,          /* delivered over TLS */
    STEP_PLAIN,        /* delivered without TLS, at once */
    STEP_PLAIN_LATER,  /* would go in clear, but only on a retry */
    STEP_NEXT,         /* a temporary failure: the next address or MX */
    STEP_STOP,         /* the sender gives up here: a bounce (Send-As) */
    STEP_UNKNOWN       /* the check did not see it, or a fact is unknown */
};

/* Which findings explain a step: their codes' hundreds (dns 1, net/smtp
 * 2-3, tls 4, cert 5, dane 6, mtasts 7). */
struct cause {
    int lo, hi;
};

static const struct cause CONNECTING = {2, 3};
static const struct cause HANDSHAKE = {4, 4};
static const struct cause CERTIFICATE = {5, 5};
static const struct cause DANE = {6, 6};
static const struct cause MTASTS = {7, 7};

struct outcome {
    enum step step;
    struct cause cause;
    int policy;        /* the domain's DANE or MTA-STS policy governed the step */
    char detail[320];
};

/* What applies at one host for one sender. */
struct policy {
    int dane, dane_bogus, dane_unknown; /* the sender uses DANE here */
    int mtasts;                         /* MTA-STS enforce, honoured */
    int unknown;                        /* whether it applies turns on an unknown fact */
};

static int mandatory_tls(const mxtls_sender *s, const struct policy *p)
{
    return p->dane || p->mtasts || s->verifies_certificate == MXTLS_FACT_YES;
}

static enum step set(struct outcome *o, enum step step, struct cause cause, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

static enum step set(struct outcome *o, enum step step, struct cause cause, const char *fmt, ...)
{
    va_list ap;
    o->step = step;
    o->cause = cause;
    o->policy = 0;
    va_start(ap, fmt);
    vsnprintf(o->detail, sizeof o->detail, fmt, ap);
    va_end(ap);
    return step;
}

/* ---- what the report shows -------------------------------------------- */

/* The follow-up of p's host and port with this purpose, or NULL. */
static const mxtls_probe *follow_up_of(const struct view *r, const mxtls_probe *p,
                                       int32_t purpose, int32_t version)
{
    for (size_t i = 0; i < r->n_probes; i++) {
        const mxtls_probe *q = r->probes[i];
        if (q->purpose == purpose && q->host_index == p->host_index && q->port == p->port &&
            (version == 0 || q->tls_version == version))
            return q;
    }
    return NULL;
}

/* The best protocol version within the sender's range that a VERSION
 * follow-up of p got through with, and that probe; 0 if none. */
static int32_t version_accepted(const struct view *r, const mxtls_probe *p,
                                const mxtls_sender *s, const mxtls_probe **with)
{
    static const int32_t versions[] = {MXTLS_TLS_1_3, MXTLS_TLS_1_2, MXTLS_TLS_1_1,
                                       MXTLS_TLS_1_0};
    for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        if ((s->tls_min && versions[i] < s->tls_min) || (s->tls_max && versions[i] > s->tls_max))
            continue;
        const mxtls_probe *v = follow_up_of(r, p, MXTLS_PROBE_VERSION, versions[i]);
        if (mxtls__tls_ok(v)) {
            *with = v;
            return versions[i];
        }
    }
    return 0;
}

static void policy_at(const struct view *r, const mxtls_mx_host *h, const mxtls_probe *p,
                      const mxtls_sender *s, struct policy *out)
{
    memset(out, 0, sizeof *out);
    int applies = 0, bogus = 0, unknown = 0;
    if (p != NULL && p->verify != NULL) {
        int32_t d = p->verify->dane;
        applies = d == MXTLS_DANE_MATCHED || d == MXTLS_DANE_MISMATCH ||
                  d == MXTLS_DANE_NAME_MISMATCH || d == MXTLS_DANE_TA_NOT_SENT ||
                  d == MXTLS_DANE_UNUSABLE;
        bogus = d == MXTLS_DANE_BOGUS || d == MXTLS_DANE_LOOKUP_FAILED;
        unknown = d == MXTLS_DANE_NOT_CHECKED;
    } else if (h != NULL && h->tlsa_lookup != NULL) {
        applies = h->tlsa_lookup->dnssec == MXTLS_DNSSEC_SECURE && h->n_tlsa > 0;
        bogus = h->tlsa_lookup->dnssec == MXTLS_DNSSEC_BOGUS;
        unknown = h->tlsa_lookup->dnssec == MXTLS_DNSSEC_INDETERMINATE;
    }
    int enforce = r->mtasts != NULL && r->mtasts->outcome == MXTLS_MTASTS_POLICY &&
                  r->mtasts->mode == MXTLS_MTASTS_MODE_ENFORCE;
    out->dane = s->honours_dane == MXTLS_FACT_YES && applies;
    out->dane_bogus = s->honours_dane == MXTLS_FACT_YES && bogus;
    out->dane_unknown = s->honours_dane == MXTLS_FACT_YES && unknown;
    out->mtasts = s->honours_mtasts == MXTLS_FACT_YES && enforce;
    out->unknown = (s->honours_dane == MXTLS_FACT_UNKNOWN && (applies || bogus)) ||
                   (s->honours_mtasts == MXTLS_FACT_UNKNOWN && enforce);
}

/* ---- one sender at one address ----------------------------------------- */

static enum step no_starttls(const mxtls_sender *s, const struct policy *pol, struct outcome *o,
                             const char *host, const char *why)
{
    if (mandatory_tls(s, pol))
        return set(o, STEP_NEXT, CONNECTING, "%s %s: TLS is required, so it does not deliver",
                   host, why);
    switch (s->plaintext_without_starttls) {
    case MXTLS_FACT_YES:
        return set(o, STEP_PLAIN, CONNECTING, "%s %s: delivers without TLS", host, why);
    case MXTLS_FACT_NO:
        return set(o, STEP_STOP, CONNECTING, "%s %s: refuses to send without TLS", host, why);
    default:
        return set(o, STEP_UNKNOWN, CONNECTING, "%s %s: whether it sends in clear is not known",
                   host, why);
    }
}

static enum step handshake_failed(const mxtls_sender *s, const struct policy *pol,
                                  const mxtls_tls_result *t, struct outcome *o,
                                  const char *host)
{
    char why[160];
    if (t->alert_received >= 0)
        snprintf(why, sizeof why, "TLS alert %d (%s)%s%s", (int)t->alert_received,
                 t->alert_received_name ? t->alert_received_name : "?",
                 t->sni ? " with SNI " : " without SNI", t->sni ? t->sni : "");
    else
        snprintf(why, sizeof why, "the TLS handshake fails (%s)",
                 t->gnutls_error_name ? t->gnutls_error_name : "no alert");
    if (mandatory_tls(s, pol))
        return set(o, STEP_NEXT, HANDSHAKE, "%s: %s; TLS is required here", host, why);
    switch (s->plaintext_after_tls_failure) {
    case MXTLS_FACT_YES:
        return set(o, STEP_PLAIN, HANDSHAKE, "%s: %s; retried at once without TLS", host, why);
    case MXTLS_FACT_LATER:
        return set(o, STEP_PLAIN_LATER, HANDSHAKE,
                   "%s: %s; sent without TLS only on a retry, minutes later", host, why);
    case MXTLS_FACT_NO:
        return set(o, STEP_NEXT, HANDSHAKE, "%s: %s; no fallback to plaintext", host, why);
    default:
        return set(o, STEP_UNKNOWN, HANDSHAKE,
                   "%s: %s; whether it then sends in clear is not known", host, why);
    }
}

/* The certificate, where the sender must judge it. */
static enum step certificate(const struct view *r, const mxtls_sender *s,
                             const struct policy *pol,
                             const mxtls_probe *p, const mxtls_tls_result *t, struct outcome *o,
                             const char *host)
{
    const mxtls_verify_result *v = p->verify;
    const char *version = t->version_name ? t->version_name : "TLS";
    if (pol->dane) {
        if (v == NULL)
            return set(o, STEP_UNKNOWN, DANE, "%s: the TLSA records were not judged", host);
        if (v->dane == MXTLS_DANE_MATCHED)
            return set(o, STEP_TLS, DANE, "over %s to %s, DANE authenticated", version, host);
        /* Only unusable records: TLS is still mandatory, nothing is
         * authenticated (RFC 7672 section 2.2; Postfix's "encrypt"). */
        if (v->dane == MXTLS_DANE_UNUSABLE)
            return set(o, STEP_TLS, DANE, "over %s to %s (TLSA records unusable: "
                       "encrypted, not authenticated)", version, host);
        return set(o, STEP_NEXT, DANE, "%s: no TLSA record matches (%s)", host,
                   mxtls_dane_outcome_name(v->dane));
    }
    if (pol->mtasts || s->verifies_certificate == MXTLS_FACT_YES) {
        if (v == NULL && mxtls__check_find(r->d, MXTLS_F_CERT_CHAIN_TOO_LONG, host, NULL) >= 0)
            return set(o, s->profile == MXTLS_PROFILE_SUBMISSION ? STEP_STOP : STEP_NEXT,
                       CERTIFICATE, "%s: the chain is longer than verifiers follow", host);
        if (v == NULL)
            return set(o, STEP_UNKNOWN, CERTIFICATE, "%s: the certificate was not judged", host);
        if ((v->flags & MXTLS_VERIFY_TRUSTED) && !(v->flags & MXTLS_VERIFY_NAME_MISMATCH))
            return set(o, STEP_TLS, CERTIFICATE, "over %s to %s, certificate valid", version,
                       host);
        return set(o, s->profile == MXTLS_PROFILE_SUBMISSION ? STEP_STOP : STEP_NEXT,
                   CERTIFICATE, "%s: the certificate does not pass (%s)", host,
                   v->detail ? v->detail : "not trusted");
    }
    return set(o, STEP_TLS, HANDSHAKE, "over %s to %s", version, host);
}

/* The handshake this sender gets: with SNI or without. */
static const mxtls_probe *as_sent(const struct view *r, const mxtls_sender *s,
                                  const struct policy *pol, const mxtls_probe *p, int *unknown)
{
    int sni = s->sends_sni == MXTLS_FACT_YES ||
              (s->sends_sni == MXTLS_FACT_WITH_POLICY && (pol->dane || pol->mtasts));
    const mxtls_probe *bare = follow_up_of(r, p, MXTLS_PROBE_NO_SNI, 0);
    *unknown = s->sends_sni == MXTLS_FACT_UNKNOWN && bare != NULL && mxtls__tls_ok(bare) != mxtls__tls_ok(p);
    return sni || bare == NULL || bare->tls == NULL ? p : bare;
}

static enum step steps(const struct view *r, const mxtls_sender *s, const struct policy *pol,
                       const mxtls_probe *p, struct outcome *o)
{
    const char *host = p->host ? p->host : p->address;
    if (pol->dane_bogus)
        return set(o, STEP_NEXT, DANE, "%s: the TLSA records fail DNSSEC: it defers", host);
    if (pol->dane_unknown)
        return set(o, STEP_UNKNOWN, DANE, "%s: the TLSA records' DNSSEC state was not "
                   "learnt", host);
    const mxtls_connect_result *c = p->connect;
    if (p->status != MXTLS_OK || c == NULL)
        return set(o, STEP_UNKNOWN, CONNECTING, "%s: not probed", host);
    /* A banner or reply that did not come within the check's stage timeout
     * counts as none: senders may wait longer (RFC 5321 4.5.3.2 allows 5
     * minutes), but a server that slow fails with many of them; a longer
     * --timeout settles it for one that is only slow. */
    if (c->failure != MXTLS_CONN_OK)
        return set(o, STEP_NEXT, CONNECTING, "%s: %s", host, c->detail);
    if (p->mode == MXTLS_MODE_STARTTLS && !c->caps->starttls)
        return no_starttls(s, pol, o, host, "offers no STARTTLS");
    int sni_unknown;
    const mxtls_probe *sent = as_sent(r, s, pol, p, &sni_unknown);
    const mxtls_tls_result *t = sent->tls;
    if (sni_unknown)
        return set(o, STEP_UNKNOWN, HANDSHAKE, "%s: the handshake depends on SNI, and "
                   "whether it sends SNI is not known", host);
    if (t == NULL)
        return set(o, STEP_UNKNOWN, HANDSHAKE, "%s: TLS was not tried", host);
    if (t->failure == MXTLS_TLS_STARTTLS_REFUSED) {
        if (t->starttls_code == 421 || t->starttls_code == 0)
            return set(o, STEP_NEXT, CONNECTING, "%s: STARTTLS answered %s and the "
                       "connection closed", host, t->starttls_code ? "421" : "nothing");
        return no_starttls(s, pol, o, host, "refuses STARTTLS");
    }
    if (t->failure != MXTLS_TLS_OK) {
        const mxtls_probe *older = NULL;
        if (version_accepted(r, p, s, &older) == 0 || older->tls == NULL)
            return handshake_failed(s, pol, t, o, host);
        sent = older;
        t = older->tls;
    }
    /* RFC 8461 section 4: MTA-STS requires TLS 1.2 or later. */
    if ((s->tls_min && t->version < s->tls_min) || (pol->mtasts && t->version < MXTLS_TLS_1_2))
        return handshake_failed(s, pol, t, o, host);
    return certificate(r, s, pol, sent, t, o, host);
}

/* One sender at one address, and whether the domain's own policy governed
 * the step that decided. */
static enum step at_address_as(const struct view *r, const mxtls_sender *s,
                               const mxtls_mx_host *h, const mxtls_probe *p, struct outcome *o)
{
    struct policy pol;
    policy_at(r, h, p, s, &pol);
    enum step step = steps(r, s, &pol, p, o);
    o->policy = pol.dane || pol.mtasts;
    return step;
}

/* A sender not known to honour the domain's DANE or MTA-STS: when both
 * readings end the same, that is the answer; otherwise it is unknown. */
static enum step at_address(const struct view *r, const mxtls_sender *s,
                            const mxtls_mx_host *h, const mxtls_probe *p, struct outcome *o)
{
    struct policy pol;
    policy_at(r, h, p, s, &pol);
    if (!pol.unknown)
        return at_address_as(r, s, h, p, o);
    mxtls_sender honours = *s, ignores = *s;
    if (s->honours_dane == MXTLS_FACT_UNKNOWN) {
        honours.honours_dane = MXTLS_FACT_YES;
        ignores.honours_dane = MXTLS_FACT_NO;
    }
    if (s->honours_mtasts == MXTLS_FACT_UNKNOWN) {
        honours.honours_mtasts = MXTLS_FACT_YES;
        ignores.honours_mtasts = MXTLS_FACT_NO;
    }
    struct outcome other;
    enum step a = at_address_as(r, &honours, h, p, &other);
    if (at_address_as(r, &ignores, h, p, o) == a)
        return a;
    return set(o, STEP_UNKNOWN, DANE, "%s: it turns on whether it honours the domain's "
               "DANE or MTA-STS policy, which is not known", p->host ? p->host : p->address);
}

/* ---- one sender over the whole target ------------------------------------ */

/* The finding that explains a step at host (its root cause), or -1. */
static long finding_for(const struct view *r, const char *host, struct cause cause)
{
    for (size_t i = 0; i < r->n_findings; i++) {
        const mxtls_finding *f = r->findings[i];
        int hundred = f->code / 100;
        if (hundred < cause.lo || hundred > cause.hi || f->about != MXTLS_ABOUT_TARGET ||
            f->severity == MXTLS_SEVERITY_INFO ||
            (host != NULL && f->host != NULL && strcmp(f->host, host) != 0))
            continue;
        return r->root_of[i] >= 0 ? r->root_of[i] : (long)i;
    }
    return -1;
}

static int is_mx_pattern_miss(const struct view *r, const mxtls_mx_host *h)
{
    const mxtls_mtasts_result *m = r->mtasts;
    for (size_t i = 0; m != NULL && h != NULL && i < m->n_unmatched; i++)
        if (strcmp(m->unmatched_mx[i], h->name) == 0)
            return 1;
    return 0;
}

struct walk {
    int delivered, later, unknown, probed, stopped;
    struct outcome first;        /* the first failure, at the best host */
    const char *first_host;
    struct outcome result;
    const char *result_host;
};

static void note_failure(struct walk *w, const struct outcome *o, const char *host)
{
    if (w->first_host == NULL) {
        w->first = *o;
        w->first_host = host;
    }
}

static void walk_probe(const struct view *r, const mxtls_sender *s, const mxtls_mx_host *h,
                       const mxtls_probe *p, struct walk *w)
{
    struct outcome o;
    const char *host = p->host ? p->host : p->address;
    w->probed = 1;
    if (s->honours_mtasts == MXTLS_FACT_YES && r->mtasts != NULL &&
        r->mtasts->mode == MXTLS_MTASTS_MODE_ENFORCE && is_mx_pattern_miss(r, h)) {
        set(&o, STEP_NEXT, MTASTS, "%s is not in the MTA-STS policy: skipped", host);
        o.policy = 1;
    } else {
        at_address(r, s, h, p, &o);
    }
    switch (o.step) {
    case STEP_TLS:
    case STEP_PLAIN:
        w->delivered = 1;
        w->result = o;
        w->result_host = host;
        return;
    case STEP_PLAIN_LATER:
        w->later = 1;
        break;
    case STEP_UNKNOWN:
        w->unknown = 1;
        break;
    case STEP_STOP:
        w->stopped = 1;
        break;
    case STEP_NEXT:
        break;
    }
    note_failure(w, &o, host);
}

static void walk_target(const struct view *r, const mxtls_sender *s, struct walk *w)
{
    const mxtls_resolve_result *res = r->resolve;
    for (size_t i = 0; i < r->n_probes && !w->delivered && !w->stopped; i++) {
        const mxtls_probe *p = r->probes[i];
        if (p->purpose != MXTLS_PROBE_PRIMARY)
            continue;
        const mxtls_mx_host *h = res != NULL && p->host_index >= 0 &&
                                         (size_t)p->host_index < res->n_hosts
                                     ? res->hosts[p->host_index]
                                     : NULL;
        walk_probe(r, s, h, p, w);
    }
}

/* A prediction, with what the severity rule needs: the finding that
 * decides it (an index into the view's findings) and whether the domain's
 * own policy governed that step. */
struct predicted {
    mxtls_prediction *p;
    long cause;
    int policy;
};

static int fill(struct predicted *out, const struct view *r, const struct walk *w)
{
    mxtls_prediction *pr = out->p;
    const struct outcome *o = w->delivered ? &w->result : &w->first;
    const char *host = w->delivered ? w->result_host : w->first_host;
    if (w->delivered)
        pr->outcome = w->result.step == STEP_TLS ? MXTLS_DELIVERY_TLS : MXTLS_DELIVERY_PLAINTEXT;
    else if (w->later) {
        pr->outcome = MXTLS_DELIVERY_PLAINTEXT;
        pr->delayed = 1;
    }
    else if (w->unknown || !w->probed)
        pr->outcome = MXTLS_DELIVERY_UNKNOWN;
    else if (w->stopped)
        pr->outcome = MXTLS_DELIVERY_BOUNCES;
    else
        pr->outcome = MXTLS_DELIVERY_DEFERS;
    out->cause = pr->outcome == MXTLS_DELIVERY_TLS || !w->probed
                     ? -1 : finding_for(r, host, o->cause);
    out->policy = !w->delivered && o->policy;
    if (host != NULL && (pr->host = mxtls__strdup(host)) == NULL)
        return MXTLS_ENOMEM;
    pr->detail = mxtls__strdup(w->probed ? o->detail : "no MX host was probed");
    return pr->detail ? MXTLS_OK : MXTLS_ENOMEM;
}

/* No MX host has an address (and none is an address itself). */
static int no_address_anywhere(const mxtls_resolve_result *res)
{
    for (size_t i = 0; i < res->n_hosts; i++)
        if (res->hosts[i]->n_addresses > 0 || (res->hosts[i]->flags & MXTLS_MX_IP_LITERAL))
            return 0;
    return 1;
}

/* Some host's A or AAAA lookup failed, rather than saying "none". */
static int address_lookup_failed(const mxtls_resolve_result *res)
{
    for (size_t i = 0; i < res->n_hosts; i++) {
        const mxtls_dns_lookup *l[2] = {res->hosts[i]->a, res->hosts[i]->aaaa};
        for (size_t k = 0; k < 2; k++)
            if (l[k] != NULL && l[k]->outcome != MXTLS_DNS_NOERROR &&
                l[k]->outcome != MXTLS_DNS_NXDOMAIN && l[k]->outcome != MXTLS_DNS_NODATA)
                return 1;
    }
    return 0;
}

/* What the DNS answer alone decides, before any connection: 1 decided,
 * 0 not, -1 out of memory. */
static int decided_by_dns(const struct view *r, struct predicted *out)
{
    mxtls_prediction *pr = out->p;
    const mxtls_resolve_result *res = r->resolve;
    const char *why = NULL;
    if (r->env_error) {
        pr->outcome = MXTLS_DELIVERY_UNKNOWN;
        why = "not judged: the checker's own environment kept it from seeing the target";
    } else if (res == NULL) {
        pr->outcome = MXTLS_DELIVERY_UNKNOWN;
        why = "the domain was not resolved";
    } else if (res->outcome == MXTLS_DNS_NXDOMAIN || res->null_mx) {
        pr->outcome = MXTLS_DELIVERY_BOUNCES;
        why = res->null_mx ? "the domain's null MX says it takes no mail"
                           : "the domain does not exist";
        out->cause = finding_for(r, NULL, (struct cause){1, 1});
    } else if (res->outcome != MXTLS_DNS_NOERROR && res->outcome != MXTLS_DNS_NODATA) {
        /* SERVFAIL (DNSSEC bogus included, for a validating resolver),
         * a timeout: senders try again later. */
        pr->outcome = MXTLS_DELIVERY_DEFERS;
        why = "the domain's DNS does not answer usably: senders retry";
        out->cause = finding_for(r, NULL, (struct cause){1, 1});
    } else if (no_address_anywhere(res)) {
        int tried_again = address_lookup_failed(res);
        pr->outcome = tried_again ? MXTLS_DELIVERY_DEFERS : MXTLS_DELIVERY_BOUNCES;
        why = tried_again ? "no MX host's address could be looked up: senders retry"
                          : "no MX host has an address";
        out->cause = finding_for(r, NULL, (struct cause){1, 1});
    }
    if (why == NULL)
        return 0;
    pr->detail = mxtls__strdup(why);
    return pr->detail ? 1 : -1;
}

static int predict_one(const struct view *r, const mxtls_sender *s, struct predicted *out)
{
    mxtls_prediction *pr = mxtls__calloc(1, sizeof *pr);
    if ((out->p = pr) == NULL)
        return MXTLS_ENOMEM;
    pr->struct_size = sizeof *pr;
    pr->sender = s;
    pr->finding = -1;
    out->cause = -1;
    out->policy = 0;
    int by_dns = decided_by_dns(r, out);
    if (by_dns != 0)
        return by_dns > 0 ? MXTLS_OK : MXTLS_ENOMEM;
    struct walk w;
    memset(&w, 0, sizeof w);
    walk_target(r, s, &w);
    return fill(out, r, &w);
}

/* ---- severity from the predictions ------------------------------------------
 *
 * The one rule (README of src/check): a root cause about the target is an
 * error when it stops a mainstream sender (Gmail, Microsoft 365, Postfix or
 * Exim defaults), or a sender where the domain's own policy (its DNSSEC-
 * secure TLSA records, its MTA-STS policy in enforce mode) governs the
 * step; a warning when it stops only senders that verify by their own
 * choice. Where every sender delivers, nothing is an error. A finding no
 * prediction turns on otherwise keeps its catalogue severity: risks that
 * stop nobody yet are info there (expires soon, weak key). */
static int everyone_delivers(const struct predicted *pr, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (pr[k].p->outcome != MXTLS_DELIVERY_TLS &&
            (pr[k].p->outcome != MXTLS_DELIVERY_PLAINTEXT || pr[k].p->delayed))
            return 0;
    return n > 0;
}

static void apply_severity_rule(const struct view *r, const struct predicted *pr, size_t n)
{
    int all_deliver = everyone_delivers(pr, n);
    for (size_t i = 0; i < r->n_findings; i++) {
        mxtls_finding *f = r->findings[i];
        if (r->root_of[i] >= 0 || f->about != MXTLS_ABOUT_TARGET ||
            f->severity < MXTLS_SEVERITY_WARNING)
            continue;
        int stops = 0, stops_mainstream = 0, undecided = 0;
        for (size_t k = 0; k < n; k++) {
            if (pr[k].cause != (long)i)
                continue;
            int32_t outcome = pr[k].p->outcome;
            int stopped = outcome == MXTLS_DELIVERY_DEFERS || outcome == MXTLS_DELIVERY_BOUNCES;
            stops |= stopped;
            stops_mainstream |= stopped && (pr[k].p->sender->mainstream || pr[k].policy);
            undecided |= outcome == MXTLS_DELIVERY_UNKNOWN;
        }
        if (stops_mainstream)
            f->severity = MXTLS_SEVERITY_ERROR;
        else if ((stops && !undecided) || (all_deliver && f->severity > MXTLS_SEVERITY_WARNING))
            f->severity = MXTLS_SEVERITY_WARNING;
    }
}

/* ---- the diagnosis's two calls ------------------------------------------- */

int mxtls__predict(struct mxtls_diagnosis *d)
{
    mxtls_report *rep = d->report;
    struct view r = {.d = d, .profile = rep->profile, .resolve = rep->resolve, .mtasts = rep->mtasts,
                     .probes = d->probes, .n_probes = d->n_probes,
                     .findings = d->findings.items, .n_findings = d->findings.count,
                     .root_of = d->root_of};
    for (size_t i = 0; i < r.n_findings; i++)
        r.env_error |= r.root_of[i] < 0 && r.findings[i]->about == MXTLS_ABOUT_ENVIRONMENT &&
                       r.findings[i]->severity >= MXTLS_SEVERITY_ERROR;
    size_t n = 0;
    for (size_t i = 0; i < mxtls_sender_count(); i++)
        n += mxtls_sender_at(i)->profile == r.profile;
    mxtls_prediction **out = mxtls__calloc(n ? n : 1, sizeof *out);
    struct predicted *pr = mxtls__calloc(n ? n : 1, sizeof *pr);
    d->predicted_cause = mxtls__calloc(n ? n : 1, sizeof *d->predicted_cause);
    if (out == NULL || pr == NULL || d->predicted_cause == NULL) {
        mxtls__free(out);
        mxtls__free(pr);
        return MXTLS_ENOMEM;
    }
    rep->predictions = (const mxtls_prediction *const *)out;
    int st = MXTLS_OK;
    for (size_t i = 0, k = 0; i < mxtls_sender_count() && st == MXTLS_OK; i++) {
        const mxtls_sender *s = mxtls_sender_at(i);
        if (s->profile != r.profile)
            continue;
        st = predict_one(&r, s, &pr[k]);
        if (pr[k].p != NULL)
            out[k] = pr[k].p;
        rep->n_predictions = out[k] != NULL ? ++k : k;
    }
    if (st == MXTLS_OK) {
        apply_severity_rule(&r, pr, rep->n_predictions);
        for (size_t k = 0; k < rep->n_predictions; k++)
            d->predicted_cause[k] = pr[k].cause >= 0 ? r.findings[pr[k].cause] : NULL;
    }
    mxtls__free(pr);
    return st;
}

void mxtls__predict_link(struct mxtls_diagnosis *d, mxtls_report *r)
{
    for (size_t k = 0; k < r->n_predictions && d->predicted_cause != NULL; k++) {
        mxtls_prediction *p = (mxtls_prediction *)r->predictions[k];
        for (size_t i = 0; d->predicted_cause[k] != NULL && i < r->n_findings; i++)
            if (r->findings[i] == d->predicted_cause[k])
                p->finding = (int32_t)i;
    }
    mxtls__free(d->predicted_cause);
    d->predicted_cause = NULL;
}
